/*
 * record.h - the stored record of a document (Xapian document data): an
 * ordered list of (key, value) pairs, keys may repeat (multi-valued
 * fields such as entities).  Serialised as "key\tvalue\n" lines with
 * '\\', '\t' and '\n' in values escaped, so any UTF-8 text round-trips and
 * new fields never break old readers.
 */
#ifndef LVZHI_RECORD_H
#define LVZHI_RECORD_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

struct record;

/* A new empty record, or NULL when out of memory. */
LV_MUST_CHECK
struct record *record_new(void);
void record_free(struct record *r);

/* Append a pair (copies key and value).  A NULL value is skipped.
 * 0 or LV_ENOMEM. */
LV_MUST_CHECK
int record_add(struct record *r, const char *key, const char *value);

/* First value for key, or NULL.  Owned by the record. */
const char *record_get(const struct record *r, const char *key);

/* The n-th (0-based) value for key, or NULL past the last. */
const char *record_get_nth(const struct record *r, const char *key, size_t n);

/* Number of pairs, and the i-th pair (i < record_count). */
size_t record_count(const struct record *r);
void record_pair(const struct record *r, size_t i, const char **key,
                 const char **value);

/* What a list of an article's copies shows of one: id, title, date,
 * source, url, path and "length" (bytes of its body, or the length it
 * already names).  NULL when out of memory. */
LV_MUST_CHECK
struct record *record_card(const struct record *r);

/* The page of a paginated original (a PDF) that byte `at` of the body
 * is on: the record's "pages" field lists where pages 2, 3 ... start, as
 * decimal byte offsets joined by ','.  0 when the record has none. */
unsigned record_page_at(const struct record *r, size_t at);

/* Append the serialised form to out.  0 or LV_ENOMEM. */
int record_write(const struct record *r, struct buf *out);

/* Parse data[0..len-1]; a malformed line is skipped.  NULL when out of
 * memory.  Caller frees with record_free(). */
LV_MUST_CHECK
struct record *record_parse(const char *data, size_t len);

#endif
