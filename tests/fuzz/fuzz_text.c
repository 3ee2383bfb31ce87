/* fuzz_text.c - repair, normalisation with offsets and tokenisation: no
 * crash, offsets inside the input and non-decreasing, tokens inside the
 * text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../text/norm.h"
#include "../../text/repair.h"
#include "../../text/tokens.h"
#include "../../text/utf8.h"

static struct tokenizer *tok;

struct span {
    size_t len;
};

static int check_token(const struct token *t, void *ctx)
{
    const struct span *s = ctx;

    if (t->start + t->len > s->len || t->len == 0 || t->pos == 0)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct norm n;
    struct span sp;
    size_t len, i;
    char *s = utf8_sanitize((const char *)data, size, &len);

    if (!s)
        return 0;
    if (!tok && tokenizer_new(&tok, NULL) < 0)
        abort();
    len = repair_pinyin(s, len, NULL);
    len = repair_mojibake(s, len, NULL);
    if (!utf8_valid(s, len))
        abort();
    if (norm_text(s, len, NORM_OFFSETS, &n, NULL) == 0) {
        if (!utf8_valid(n.text, n.len) || n.orig[n.len] != len)
            abort();
        for (i = 0; i < n.len; i++)
            if (n.orig[i] > len || (i && n.orig[i] < n.orig[i - 1]))
                abort();
        sp.len = n.len;
        /* check_token checks what comes; as with norm_text, a run that
         * fails (out of memory) is not a finding. */
        lv_ignore(tokenizer_run(tok, n.text, n.len, check_token, &sp, NULL));
    }
    norm_release(&n);
    free(s);
    return 0;
}
