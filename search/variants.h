/*
 * variants.h - other spellings of a campaign's or platform's name: typed
 * one character off (千站千室万名委员 for 千站万室万名委员), or spelled as
 * only some articles spell it, a part also finds the articles filed under
 * the brand the entity layer knows.  Not for use outside search/.
 */
#ifndef LVZHI_VARIANTS_H
#define LVZHI_VARIANTS_H

#include <stddef.h>

#include "../common/err.h"
#include "query.h"

struct searcher;

/*
 * For each part of q of at least VARIANT_MIN_CHARS characters: the brand
 * one character away from it (one replaced, added or dropped; compared
 * normalised) that most articles are filed under.  *out is an array of
 * *n (caller frees with variants_free); none is 0 with *n = 0.
 */
#define VARIANT_MIN_CHARS 5
LV_MUST_CHECK
int variants_find(struct searcher *s, const struct query *q,
                  struct query_variant **out, size_t *n, struct lv_err *err);
void variants_free(struct query_variant *v, size_t n);

/* Are a and b (UTF-8) one character apart?  (Not equal.) */
int variants_one_apart(const char *a, const char *b);

#endif
