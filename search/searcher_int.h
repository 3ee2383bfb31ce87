/*
 * searcher_int.h - what the search modules share inside search/: the
 * searcher itself and the pieces every way of running a search needs.
 * search.c runs a request: as a page straight from a cached match set
 * (replay.c) or through Xapian in one or more docid ranges (split.c).
 * Not for use outside search/.
 */
#ifndef LVZHI_SEARCHER_INT_H
#define LVZHI_SEARCHER_INT_H

#include <stddef.h>

#include "facets.h"
#include "facettable.h"
#include "matchcache.h"
#include "query.h"
#include "search.h"

struct xdb;
struct xdoc;
struct facetdict;

/* The parser's input for a request. */
static inline void search_query_input(const struct search_request *req,
                                      struct query_input *in)
{
    in->text = req->query;
    in->filters = req->filters;
    in->nfilters = req->nfilters;
    in->date_from = req->date_from;
    in->date_to = req->date_to;
    in->partial = req->partial;
    in->no_expand = req->no_expand;
}

/* The date an undated article sorts as, oldest first: after every real
 * one (dates are YYYYMMDD). */
#define SEARCH_UNDATED_KEY "99999999"

struct searcher {
    struct xdb *db;           /* read-only, reopened per request by callers */
    struct tokenizer *tok;
    struct facetdict *dict;   /* facet ids → terms, loaded on demand */
    unsigned char *field_map; /* field of each facet id */
    unsigned field_map_n;     /* dictionary size it was made for */
    char *path;                         /* to open more handles */
    unsigned threads;                   /* parts a search may run in */
    unsigned split_min;                 /* ... from this many docids */
    struct match_cache *mcache;         /* shared; NULL: none */
    struct xdb *extra[SEARCH_MAX_PARTS - 1];   /* handles of parts 1.. */
    struct facet_table *table;          /* facet ids by docid ... */
    unsigned long long table_revision;  /* ... at this revision */
};

/* The facet spy's state: a counter and the table of facet ids; with
 * collapse, the copies of one article count once. */
struct spy_state {
    struct facet_counter *counter;
    const struct facet_table *table;
    int collapse;
};

/* A docid spy (xapian_c.h) counting each match (an article, with
 * collapse) and its facets into ctx, a struct spy_state. */
void search_count_facets(unsigned docid, double weight, void *ctx);

/* Load what facet counting needs: the dictionary, field map and facet
 * table of the searcher's revision.  0, LV_ENOMEM, LV_EDB. */
int search_prepare_facets(struct searcher *s, struct lv_err *err);

/* Fill h's record and snippet from doc (h->docid and h->score are the
 * caller's).  0 or an error. */
int search_hit_from_doc(struct search_hit *h, struct xdoc *doc,
                        const struct query *q, size_t snippet_chars,
                        struct lv_err *err);

/* Read the i-th hit of m (docid, weight, record, snippet); read every
 * hit of m into res->hits. */
struct xmset;
int search_fill_hit(struct search_hit *h, const struct xmset *m, unsigned i,
                    const struct query *q, size_t snippet_chars,
                    struct lv_err *err);
int search_fill_hits(const struct xmset *m, const struct query *q,
                     size_t snippet_chars, struct search_result *res,
                     struct lv_err *err);

/*
 * Xapian's order of two hits, which split and replayed searches must
 * keep: by sort (0 relevance, 1 newest first, 2 oldest first) their sort
 * keys compared ascending (key_cmp, ignored for relevance), then weight
 * (higher first), then docid (lower first).  Negative when a goes first.
 */
int search_rank_cmp(int sort, int key_cmp, double wa, unsigned ida,
                    double wb, unsigned idb);

/* 1 if some document of the index matches xq (a part of a query with
 * no filters: the archive holds it), 0 if none, or an error. */
int search_any_match(struct searcher *s, const struct xquery *xq,
                     struct lv_err *err);

/* With facets: the city the query names, to offer as a filter. */
char *search_suggest_city(const struct search_request *req,
                          const struct search_result *res);

/* ---- copies.c ---- */

/*
 * Give each hit of res the other copies of its article (reprints); on a
 * page by relevance (sort 0) with collapse, show the article's
 * representative in the place of the best-ranked copy when it matches
 * the request too.  q: the request's parse (for snippets).
 */
int copies_attach(struct searcher *s, const struct search_request *req,
                  const struct query *q, int sort, size_t snippet_chars,
                  struct search_result *res, struct lv_err *err);

/* ---- split.c ---- */

/*
 * Run q through Xapian (or, with set, the set replayed with q's
 * filters): in one part, or cut into docid ranges searched side by side
 * when the searcher may use threads and the index is big.  Fills res:
 * totals, facets, hits.  q->xq and q->filter_xq are used up.
 */
int split_search(struct searcher *s, const struct search_request *req,
                 struct query *q, const struct match_set *set, int sort,
                 unsigned limit, size_t snippet_chars,
                 struct search_result *res, struct lv_err *err);

/* ---- replay.c ---- */

/* The match set of q's text: cached, or matched now (and completed with
 * facet counts and orders) and kept.  NULL without a cache or text, or
 * on failure.  Give it back with match_cache_release. */
const struct match_set *replay_set(struct searcher *s, const struct query *q);

/* Can the request be answered from the set alone (no filters)? */
int replay_answers(const struct searcher *s, const struct match_set *set,
                   const struct query *q);

/* Its total, facets and page, straight from the set. */
int replay_page(struct searcher *s, const struct search_request *req,
                const struct match_set *set, int sort, unsigned limit,
                const struct query *q, size_t snippet_chars,
                struct search_result *res, struct lv_err *err);

#endif
