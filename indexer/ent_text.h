/*
 * ent_text.h - small text helpers the entity finders share (places,
 * sectors, workstations, brands): byte positions in UTF-8 text that is
 * already simplified.
 */
#ifndef LVZHI_ENT_TEXT_H
#define LVZHI_ENT_TEXT_H

#include <stddef.h>

#include "../common/err.h"

/* Append s[0..len) to the vector *v of *n strings unless it is there.
 * 0 or LV_ENOMEM. */
LV_MUST_CHECK
int ent_push_unique(char ***v, size_t *n, const char *s, size_t len);

/* Bytes of the character before position at (0 at the start). */
size_t ent_prev_char_len(const char *s, size_t at);

/* Does s[0..at) end with w? */
int ent_ends_with(const char *s, size_t at, const char *w);

/* Does s[0..len) contain w? */
int ent_contains(const char *s, size_t len, const char *w);

/* Characters (not bytes) in s[0..len). */
size_t ent_chars(const char *s, size_t len);

/* The Chinese numerals 一 … 十 and 两, for counts and numeric slogans. */
extern const char *const ent_numerals[];
extern const size_t ent_nnumerals;

/* Does s start with a Han character (not a full-width mark: ，、“)? */
int ent_is_han(const char *s);

/* Does s start with punctuation that ends a name or a clause? */
int ent_stop_punct(const char *s);

#endif
