/*
 * jsonread.h - read the fields of one JSON object (RFC 8259), as a line of
 * a JSON Lines export holds.  Only the object's own fields with scalar
 * values are reported; nested arrays and objects are checked and passed
 * over.  Strings are unescaped to UTF-8 (\u escapes and surrogate pairs;
 * a lone surrogate becomes U+FFFD).
 */
#ifndef LVZHI_JSONREAD_H
#define LVZHI_JSONREAD_H

#include <stddef.h>

#include "err.h"

/* Called for each field: its name and its value as text (a string
 * unescaped; a number, true or false as written; null is not reported).
 * Return non-zero to stop with that value. */
typedef int (*json_field_fn)(const char *name, const char *value, size_t len,
                             void *ctx);

/*
 * Parse s[0..len-1], which must be one object and white space.  0 when
 * done; the callback's non-zero value; LV_ENOMEM; LV_EINVAL with *why a
 * static reason ("expected ':' at column 12" style is not kept: reasons
 * name what was wrong, *column where).
 */
LV_MUST_CHECK
int json_read_object(const char *s, size_t len, json_field_fn fn, void *ctx,
                     const char **why, size_t *column);

#endif
