/*
 * utf8.h - UTF-8 helpers: decoding one code point, validation, repair of
 * invalid input and cutting at character boundaries.
 */
#ifndef LVZHI_UTF8_H
#define LVZHI_UTF8_H

#include <stddef.h>

#include "../common/err.h"

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode the code point at s[0..len-1] into *cp and return the number of
 * bytes it takes (1..4).  An invalid, overlong, surrogate or truncated
 * sequence yields *cp = UTF8_REPLACEMENT and returns 1.  len must be > 0.
 */
size_t utf8_decode(const char *s, size_t len, unsigned *cp);

/* Encode cp (<= 0x10FFFF, not a surrogate) into out; return 1..4, or 0 for
 * an invalid code point. */
size_t utf8_encode(unsigned cp, char out[4]);

/* Count valid multi-byte sequences (*good) and invalid bytes (*bad). */
void utf8_count(const char *s, size_t len, size_t *good, size_t *bad);

/* 1 if s[0..len-1] is entirely valid UTF-8, else 0. */
int utf8_valid(const char *s, size_t len);

/*
 * Copy s[0..len-1] replacing every invalid sequence with U+FFFD and
 * dropping NUL bytes.  Returns a malloc'd NUL-terminated string (caller
 * frees) and its length in *outlen, or NULL when out of memory.
 */
LV_MUST_CHECK
char *utf8_sanitize(const char *s, size_t len, size_t *outlen);

/* The largest n <= max such that s[0..n-1] ends on a character boundary
 * (s must be valid UTF-8). */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* 1 if cp is a Han ideograph (CJK Unified Ideographs and extensions,
 * compatibility ideographs). */
int utf8_is_han(unsigned cp);

#endif
