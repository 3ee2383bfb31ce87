/*
 * tokens.h - cut normalised text into index terms, identically for
 * documents and queries.
 *
 * Two streams come out of one pass: ICU word segmentation (UBRK_WORD,
 * Chinese dictionary) giving words, and overlapping bigrams over every run
 * of Han characters.  Words are numbered 1, 2, 3 ... in order.  Bigrams are
 * numbered by the position of their first character in the text's run of
 * Han characters, and runs are separated by a gap of 2, so a bigram phrase
 * never spans punctuation or Latin text.  Tokens without letters, digits
 * or ideographs (spaces, punctuation, symbols) are dropped.
 */
#ifndef LVZHI_TOKENS_H
#define LVZHI_TOKENS_H

#include <stddef.h>

#include "../common/err.h"

enum token_kind {
    TOKEN_WORD = 0,
    TOKEN_BIGRAM = 1,
};

struct token {
    const char *text; /* not NUL-terminated; points into the input */
    size_t len;       /* bytes */
    int kind;         /* enum token_kind */
    unsigned pos;     /* 1-based position within its kind's stream */
    size_t start;     /* byte offset of the token in the input */
};

/* Called for each word in order, then for each bigram in order.  A
 * non-zero return stops the run and is returned. */
typedef int (*token_fn)(const struct token *t, void *ctx);

struct tokenizer; /* owns an ICU break iterator: one per thread */

LV_MUST_CHECK
int tokenizer_new(struct tokenizer **out, struct lv_err *err);
void tokenizer_free(struct tokenizer *t);

/*
 * Tokenise text[0..len-1], which should already be normalised (norm.h).
 * Returns 0, the callback's non-zero value, LV_ENOMEM or LV_EICU.
 */
LV_MUST_CHECK
int tokenizer_run(struct tokenizer *t, const char *text, size_t len,
                  token_fn fn, void *ctx, struct lv_err *err);

#endif
