/*
 * matchcache.h - the match sets of text queries, kept per index revision
 * and shared by a server's threads.  A match set is every document the
 * text part of a query matches, with its weight: what the phrase and
 * position checks cost to find.  A later request with the same text and
 * other filters, another sort or another page (a facet click, paging, the
 * compare page's columns, an export) replays the set as a posting source
 * (xquery_doc_list) instead of matching the text again, and gets the same
 * hits in the same order.  Bounded by bytes, least recently used out.
 */
#ifndef LVZHI_MATCHCACHE_H
#define LVZHI_MATCHCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

struct match_cache;

/* Immutable once built; shared, so only read while holding a reference. */
struct match_set {
    unsigned *docids; /* ascending */
    double *weights;
    size_t n;
    double max_weight;
    /* Filled by the searcher before the set is shared (NULL if not):
     * indices into docids in relevance, newest-first and oldest-first
     * order (Xapian's orders, ties by weight then docid), and the facet
     * counts of the whole set (facet_counts[id], ids 1..nfacet_ids). */
    uint32_t *by_relevance, *by_newest, *by_oldest;
    unsigned *facet_counts;
    unsigned nfacet_ids;
    unsigned articles; /* matches, the copies of one article as one;
                          the facet counts count articles too */
    unsigned undated;  /* articles of them no copy dates */
    /* the cache's own (under its lock) */
    size_t cap;
    char *key;
    unsigned long long rev, used;
    unsigned refs; /* searches holding it */
    int listed;    /* kept in the cache's list */
};

/* A cache of at most max_bytes of match sets.  NULL when out of memory. */
LV_MUST_CHECK
struct match_cache *match_cache_new(size_t max_bytes);
void match_cache_free(struct match_cache *c);

/* The set kept for key at rev, with a reference (give it back with
 * match_cache_release), or NULL. */
const struct match_set *match_cache_get(struct match_cache *c, const char *key,
                                        unsigned long long rev);

/*
 * A new empty set to fill with match_set_add, then hand to
 * match_cache_put, which keeps it (unless it is too big or memory is
 * short) and returns it with a reference for the caller, as after a get.
 */
LV_MUST_CHECK
struct match_set *match_set_new(void);
LV_MUST_CHECK
int match_set_add(struct match_set *s, unsigned docid, double weight);
void match_set_free(struct match_set *s);
const struct match_set *match_cache_put(struct match_cache *c, const char *key,
                                        unsigned long long rev,
                                        struct match_set *s);

/* Give back a reference from get or put. */
void match_cache_release(struct match_cache *c, const struct match_set *s);

#endif
