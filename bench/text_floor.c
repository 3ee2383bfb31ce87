/*
 * text_floor.c - the speed floor of the text pipeline on one core: MB/s
 * of normalisation, of ICU word segmentation alone, and of our tokenizer
 * (words + bigrams), over the given files repeated to about 32 MB.
 *
 * Built by bench/run.sh:
 *   cc -O2 -std=c11 -D_GNU_SOURCE -o text_floor bench/text_floor.c \
 *      build/liblvzhi.a $(pkg-config --cflags --libs icu-uc icu-i18n) \
 *      -lstdc++ -lpthread
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "../common/buf.h"
#include "../text/norm.h"
#include "../text/tokens.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_token(const struct token *t, void *ctx)
{
    (void)t;
    (*(size_t *)ctx)++;
    return 0;
}

int main(int argc, char **argv)
{
    struct buf one = BUF_INIT, text = BUF_INIT;
    struct tokenizer *tok = NULL;
    struct norm n;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi;
    UText *ut;
    size_t tokens = 0, words = 0;
    double t0, mb;
    int i;

    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        char chunk[65536];
        size_t got;

        if (!f)
            continue;
        while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
            buf_add(&one, chunk, got);
        fclose(f);
    }
    if (one.len == 0) {
        fputs("usage: text_floor FILE...\n", stderr);
        return 2;
    }
    while (text.len < (32u << 20) && buf_add(&text, one.data, one.len) == 0)
        ;
    if (buf_error(&one) || buf_error(&text)) {
        fputs("text_floor: out of memory\n", stderr);
        return 1;
    }
    mb = (double)text.len / 1e6;
    if (norm_init(NULL) < 0) {
        fputs("text_floor: cannot build the normalisation tables\n", stderr);
        return 1;
    }

    t0 = now();
    if (norm_text(text.data, text.len, 0, &n, NULL) < 0) {
        fputs("text_floor: cannot normalise the text\n", stderr);
        return 1;
    }
    printf("normalise (NFKC, case, width, T→S)  %8.1f MB/s\n",
           mb / (now() - t0));

    bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    ut = utext_openUTF8(NULL, n.text, (int64_t)n.len, &st);
    ubrk_setUText(bi, ut, &st);
    t0 = now();
    while (ubrk_next(bi) != UBRK_DONE)
        words++;
    printf("ICU word segmentation alone         %8.1f MB/s (%zu segments)\n",
           mb / (now() - t0), words);
    ubrk_close(bi);
    utext_close(ut);

    if (tokenizer_new(&tok, NULL) < 0) {
        fputs("text_floor: cannot open the tokenizer\n", stderr);
        return 1;
    }
    t0 = now();
    if (tokenizer_run(tok, n.text, n.len, count_token, &tokens, NULL) < 0) {
        fputs("text_floor: cannot tokenize the text\n", stderr);
        return 1;
    }
    printf("tokenizer (words + Han bigrams)     %8.1f MB/s (%zu tokens)\n",
           mb / (now() - t0), tokens);
    tokenizer_free(tok);
    norm_release(&n);
    buf_release(&one);
    buf_release(&text);
    return 0;
}
