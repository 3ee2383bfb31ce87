/*
 * norm.h - normalisation for matching, with a map back to the original.
 *
 * Each code point is mapped on its own: NFKC with case folding (so
 * full-width forms become half-width and Latin letters lower case), then
 * traditional→simplified through a per-code-point table built once from
 * ICU's Traditional-Simplified transliterator.  Documents and queries go
 * through exactly this function, so they always agree.  Thread-safe after
 * the first call (tables are built once, under pthread_once).
 */
#ifndef LVZHI_NORM_H
#define LVZHI_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

struct norm {
    char *text; /* normalised UTF-8, NUL-terminated */
    size_t len;
    /* With NORM_OFFSETS: orig[i] is the byte offset in the source of the
     * code point that produced normalised byte i; orig[len] is the source
     * length.  NULL otherwise. */
    uint32_t *orig;
};

enum norm_flags {
    NORM_OFFSETS = 1, /* fill norm.orig */
};

/*
 * Normalise s[0..len-1] (valid UTF-8; invalid bytes become U+FFFD) into
 * out, which the caller releases with norm_release().  Input longer than
 * UINT32_MAX bytes is LV_EINVAL with NORM_OFFSETS.  0, LV_ENOMEM, LV_EICU.
 */
LV_MUST_CHECK
int norm_text(const char *s, size_t len, int flags, struct norm *out,
              struct lv_err *err);

void norm_release(struct norm *n);

/*
 * Convenience: normalise a NUL-terminated string into *out (malloc'd, the
 * caller frees).  0, or the error code (*out NULL, err filled).
 */
LV_MUST_CHECK
int norm_string(const char *s, char **out, struct lv_err *err);

/* Only the traditional→simplified fold of one code point (no NFKC, no
 * case folding): for display keys such as entity names. */
unsigned norm_t2s(unsigned cp);

/* Build the tables now (otherwise built on first use).  0 or LV_EICU. */
LV_MUST_CHECK
int norm_init(struct lv_err *err);

#endif
