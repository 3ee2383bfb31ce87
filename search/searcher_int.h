/*
 * searcher_int.h - what the search modules share inside search/: the
 * searcher itself (searcher.c) and the ways of carrying out a plan
 * (plan.h): a page straight from a cached match set (replay.c) or a
 * search through Xapian in one or more docid ranges (split.c), the
 * copies of each hit (copies.c).  search.c calls them; they call only
 * searcher.c, plan.c and result.c.  Not for use outside search/.
 */
#ifndef LVZHI_SEARCHER_INT_H
#define LVZHI_SEARCHER_INT_H

#include <stddef.h>

#include "../common/err.h"
#include "facets.h"
#include "facettable.h"
#include "matchcache.h"
#include "plan.h"
#include "query.h"
#include "search.h"

struct xdb;
struct xdoc;
struct facetdict;

/* The date an undated article sorts as, oldest first: after every real
 * one (dates are YYYYMMDD). */
#define SEARCH_UNDATED_KEY "99999999"

struct searcher {
    struct xdb *db; /* read-only, reopened per request by callers */
    struct tokenizer *tok;
    struct facetdict *dict;   /* facet ids → terms, loaded on demand */
    unsigned char *field_map; /* field of each facet id */
    unsigned field_map_n;     /* dictionary size it was made for */
    char *path;               /* to open more handles */
    unsigned long long path_dev, path_ino;   /* what path named at open */
    unsigned threads;                        /* parts a search may run in */
    unsigned split_min;                      /* ... from this many docids */
    struct match_cache *mcache;              /* shared; NULL: none */
    struct xdb *extra[SEARCH_MAX_PARTS - 1]; /* handles of parts 1.. */
    struct facet_table *table;               /* facet ids by docid ... */
    unsigned long long table_revision;       /* ... at this revision */
    struct table_share *tables;              /* where table comes from; NULL:
                                                its own (tableshare.h) */
    int sharded;                             /* several indexes: shards.c */
    unsigned long long dict_revision;        /* shards' terms named at this */
    /* The revision the handle sees, read once per opening (a remote
     * shard's costs a round trip); 0: not read yet. */
    unsigned long long revision;
    /* The index's brand names for variants.c, kept per revision: its
     * own, freed with brands_free. */
    void *brands;
    void (*brands_free)(void *brands);
};

/* Does the searcher's path still name the folder it opened?  (lvzhi
 * compact puts another in its place: reopening a handle then would read
 * the new folder's version file over the old one's tables.) */
int searcher_path_unchanged(const struct searcher *s);

/* Load what facet counting needs: the dictionary, field map and facet
 * table of the searcher's revision.  0, LV_ENOMEM, LV_EDB. */
LV_MUST_CHECK
int searcher_prepare_facets(struct searcher *s, struct lv_err *err);

/* 1 if some document of the index matches xq (a part of a query with
 * no filters: the archive holds it), 0 if none, or an error. */
LV_MUST_CHECK
int searcher_any_match(struct searcher *s, const struct xquery *xq,
                       struct lv_err *err);

/* ---- copies.c ---- */

/*
 * Give each hit of res the other copies of its article (reprints); on a
 * page by relevance with collapse, show the article's representative in
 * the place of the best-ranked copy when it matches q too.
 */
LV_MUST_CHECK
int copies_attach(struct searcher *s, const struct search_plan *plan,
                  const struct query *q, struct search_result *res,
                  struct lv_err *err);

/* ---- split.c ---- */

/*
 * Run q through Xapian (or, with set, the set replayed with q's
 * filters) as planned: in one part, or cut into docid ranges searched
 * side by side.  Fills res: totals, facets, hits.  q is left as it was.
 */
LV_MUST_CHECK
int split_search(struct searcher *s, const struct search_request *req,
                 const struct search_plan *plan, const struct query *q,
                 const struct match_set *set, struct search_result *res,
                 struct lv_err *err);

/* ---- shards.c ---- */

/* Run q over several indexes as planned (plan->sharded): one Xapian
 * search, every match of it counted from the facet table the searcher
 * built from the shards' postings.  Fills res as split_search does. */
LV_MUST_CHECK
int shards_search(struct searcher *s, const struct search_request *req,
                  const struct search_plan *plan, const struct query *q,
                  struct search_result *res, struct lv_err *err);

/* ---- replay.c ---- */

/* The match set of q's text: cached, or matched now (and completed with
 * facet counts and orders) and kept.  NULL without a cache or text, or
 * on failure.  Give it back with match_cache_release. */
const struct match_set *replay_set(struct searcher *s, const struct query *q);

/* Was the set completed (orders and facet counts) for the searcher's
 * dictionary, so that it can give a page alone? */
int replay_ready(const struct searcher *s, const struct match_set *set);

/* A request of the set's text alone (plan->replay): its total, facets
 * and page, straight from the set. */
LV_MUST_CHECK
int replay_page(struct searcher *s, const struct search_request *req,
                const struct search_plan *plan, const struct match_set *set,
                const struct query *q, struct search_result *res,
                struct lv_err *err);

#endif
