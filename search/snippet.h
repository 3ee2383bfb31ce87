/*
 * snippet.h - the passage of a document that best shows why it matched,
 * cut from the ORIGINAL text (so a traditional article shows traditional
 * characters) with the matched spans located in it.
 *
 * Matching is done on the normalised text (norm.h) with its map back to
 * the original, so a simplified query marks 委員工作室 in a traditional
 * original, and a whole matched phrase is one span (not one per character).
 */
#ifndef LVZHI_SNIPPET_H
#define LVZHI_SNIPPET_H

#include <stddef.h>

#include "../common/buf.h"
#include "../common/err.h"

struct snippet_span {
    size_t start, end; /* byte offsets into snippet.text, end exclusive */
};

struct snippet {
    char *text; /* UTF-8, newlines turned into spaces */
    size_t len;
    struct snippet_span *spans; /* sorted, non-overlapping */
    size_t nspans;
    size_t at; /* where in the body the passage starts (bytes) */
};

/*
 * Choose a window of about max_chars characters of body[0..len-1] that
 * holds the most distinct terms (normalised strings, as from query.h), and
 * mark every occurrence inside it.  With no terms or no occurrence, the
 * start of the body.  Release with snippet_release().
 */
LV_MUST_CHECK
int snippet_make(const char *body, size_t len, char *const *terms,
                 size_t nterms, size_t max_chars, struct snippet *out,
                 struct lv_err *err);

/*
 * The whole of body[0..len-1] with every occurrence of the terms marked
 * (the article page: never cut, so a quote copied from it is whole).
 * Newlines are kept.  Release with snippet_release().
 */
LV_MUST_CHECK
int snippet_mark_all(const char *body, size_t len, char *const *terms,
                     size_t nterms, struct snippet *out, struct lv_err *err);

void snippet_release(struct snippet *s);

/*
 * Render s into out with each span between open and close, every piece
 * of text passed through escape (which appends it to out; NULL appends it
 * as it is).  0 or LV_ENOMEM.
 */
int snippet_render(const struct snippet *s, const char *open, const char *close,
                   int (*escape)(struct buf *out, const char *s, size_t n),
                   struct buf *out);

#endif
