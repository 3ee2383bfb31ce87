/*
 * tokens.c - words and Han bigrams (see tokens.h).
 *
 * ICU's dictionary-based word breaker cuts Chinese into words, but it
 * splits words it does not know into characters (界别 → 界|别) and
 * sometimes across words (工作|室内).  Overlapping bigrams over every run
 * of Han characters make every substring of two or more characters
 * findable as a phrase whatever the segmentation, which is why both
 * streams are indexed.
 */
#include "tokens.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "utf8.h"

#define BIGRAM_RUN_GAP 2

struct tokenizer {
    UBreakIterator *bi;
};

int tokenizer_new(struct tokenizer **out, struct lv_err *err)
{
    UErrorCode st = U_ZERO_ERROR;
    struct tokenizer *t = calloc(1, sizeof(*t));

    *out = NULL;
    if (!t)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    t->bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st)) {
        free(t);
        return lv_err_set(err, LV_EICU, "ubrk_open: %s", u_errorName(st));
    }
    *out = t;
    return 0;
}

void tokenizer_free(struct tokenizer *t)
{
    if (!t)
        return;
    ubrk_close(t->bi);
    free(t);
}

/* ICU word segments, skipping those that are spaces or punctuation. */
static int run_words(struct tokenizer *t, const char *text, size_t len,
                     token_fn fn, void *ctx, struct lv_err *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
    struct token tok = {0};
    int32_t start, end;
    int rc = 0;

    if (U_FAILURE(st))
        return lv_err_set(err, LV_EICU, "utext_openUTF8: %s", u_errorName(st));
    ubrk_setUText(t->bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return lv_err_set(err, LV_EICU, "ubrk_setUText: %s", u_errorName(st));
    }
    tok.kind = TOKEN_WORD;
    start = ubrk_first(t->bi);
    for (end = ubrk_next(t->bi); end != UBRK_DONE && rc == 0;
         start = end, end = ubrk_next(t->bi)) {
        /* Rule status: NONE (< 100) is space, punctuation, symbols. */
        if (ubrk_getRuleStatus(t->bi) < UBRK_WORD_NONE_LIMIT)
            continue;
        tok.text = text + start;
        tok.len = (size_t)(end - start);
        tok.start = (size_t)start;
        tok.pos++;
        rc = fn(&tok, ctx);
    }
    /* Do not leave the iterator pointing at the caller's text. */
    ubrk_setText(t->bi, NULL, 0, &st);
    utext_close(ut);
    return rc;
}

/* Overlapping bigrams over each run of Han characters. */
static int run_bigrams(const char *text, size_t len, token_fn fn, void *ctx)
{
    struct token tok = {0};
    size_t i = 0, prev_start = 0;
    unsigned counter = 0;
    int in_run = 0, rc = 0;

    tok.kind = TOKEN_BIGRAM;
    while (i < len && rc == 0) {
        unsigned cp;
        size_t n = utf8_decode(text + i, len - i, &cp);

        if (utf8_is_han(cp)) {
            if (in_run) {
                tok.text = text + prev_start;
                tok.len = i + n - prev_start;
                tok.start = prev_start;
                tok.pos = counter;
                rc = fn(&tok, ctx);
            } else if (counter) {
                counter += BIGRAM_RUN_GAP;
            }
            counter++;
            in_run = 1;
            prev_start = i;
        } else {
            in_run = 0;
        }
        i += n;
    }
    return rc;
}

int tokenizer_run(struct tokenizer *t, const char *text, size_t len,
                  token_fn fn, void *ctx, struct lv_err *err)
{
    int rc;

    if (len > INT32_MAX)
        return lv_err_set(err, LV_EINVAL, "text too long to tokenise");
    if (len == 0)
        return 0;
    rc = run_words(t, text, len, fn, ctx, err);
    if (rc == 0)
        rc = run_bigrams(text, len, fn, ctx);
    return rc;
}
