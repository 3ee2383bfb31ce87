/*
 * facets.h - exact facet counts over a whole match set.  A docid spy hands
 * every matching document's facet ids (its facet terms as numbers,
 * xapian/facetdict.h, read from search/facettable.h) to a counter, one
 * array increment per facet; the counts are then named, grouped by field
 * and sorted.
 * Counting what each document stores (not term postings) makes
 * multi-valued facets exact.
 */
#ifndef LVZHI_FACETS_H
#define LVZHI_FACETS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

struct facet_value {
    char *value;    /* the facet value (term without its prefix) */
    unsigned count; /* matching documents holding it */
};

struct facet {
    const char *field;          /* "city", "sector" ... (static) */
    struct facet_value *values; /* by count, then value */
    size_t nvalues;             /* after the cut to `top` */
    size_t ndistinct;           /* before the cut */
};

struct facet_counter;
struct facetdict;

/*
 * The field (index into query_filter_fields, or FACET_NO_FIELD) of every
 * id of a loaded dict: map[0..size], malloc'd, caller frees.  Computed
 * once per dictionary, not per query.
 */
#define FACET_NO_FIELD 255
LV_MUST_CHECK
unsigned char *facet_field_map(const struct facetdict *dict);

/* A counter for the ids of dict, with its field map (both must outlive
 * it).  NULL when out of memory. */
LV_MUST_CHECK
struct facet_counter *facet_counter_new(const struct facetdict *dict,
                                        const unsigned char *field_map);
void facet_counter_free(struct facet_counter *c);

/* Count one document's facet ids (from search/facettable.h). */
void facet_counter_add_ids(struct facet_counter *c, const uint32_t *ids,
                           size_t n);

/* Count one matching document: its facet ids, and itself as an article,
 * unless another copy of its cluster (search/facettable.h; 0: none)
 * counted the same already.  An article is counted under every value any
 * of its matching copies holds, so a filter on one finds it. */
void facet_counter_add_doc(struct facet_counter *c, const uint32_t *ids,
                           size_t n, uint32_t cluster);

/* The articles counted by facet_counter_add_doc, and how many of them
 * no copy gives a year (the year facet's counts need not add up to the
 * rest: an article counts under each of its copies' years). */
unsigned facet_counter_articles(struct facet_counter *c);
unsigned facet_counter_undated(const struct facet_counter *c);

/* The counts (counts[id], ids 1..*n), owned by c; and adding such an
 * array (from a counter over the same dictionary) to c.  (Reading them
 * folds the clusters' copies in: merge counters before that.) */
const unsigned *facet_counter_counts(struct facet_counter *c, unsigned *n);
void facet_counter_add_counts(struct facet_counter *c, const unsigned *counts,
                              unsigned n);

/* Add the counts of `from` (a counter over the same dictionary) to c. */
void facet_counter_merge(struct facet_counter *c,
                         const struct facet_counter *from);

/*
 * The counts by field, in the order of query_filter_fields, keeping the
 * `top` most frequent values of each (0: all).  *out is an array of *n
 * facets; free with facets_free().
 */
LV_MUST_CHECK
int facet_counter_result(struct facet_counter *c, size_t top,
                         struct facet **out, size_t *n, struct lv_err *err);

void facets_free(struct facet *f, size_t n);

#endif
