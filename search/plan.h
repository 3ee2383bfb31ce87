/*
 * plan.h - how a parsed request is run, decided before the index is
 * read: the order of its hits, what it needs loaded, whether a cached
 * match set may answer it, how many docid ranges it is cut into and how
 * deep each one ranks; and, once its full matches are known, the
 * searches that follow them (partial matches, the content words of a
 * description, the undated count).
 *
 * Pure functions of the request, its parse and a few facts about the
 * index: tests/unit/t_plan.c checks them without an index.  search.c
 * carries a plan out through replay.c and split.c.
 */
#ifndef LVZHI_PLAN_H
#define LVZHI_PLAN_H

#include <stddef.h>

#include "query.h"
#include "search.h"

/* What the plan knows of the index and the searcher. */
struct plan_index {
    unsigned last_docid; /* the highest docid (0: empty or unknown) */
    unsigned threads;    /* a search may use */
    unsigned split_min;  /* cut searches from this many docids */
    int has_copies;      /* the facet table knows clusters of reprints */
    int has_cache;       /* a match cache is attached */
    int sharded;         /* several indexes (a stub's shards, maybe
                            remote): no docid ranges or match sets,
                            only what Xapian runs itself */
};

/* The ranks one part asks Xapian for: from `first`, `max` of them,
 * checking at least `check` matches (PLAN_EXACT: all, counted exactly). */
struct plan_window {
    unsigned first, max, check;
};
#define PLAN_EXACT ((unsigned)-1)

struct search_plan {
    int sort;               /* 0 relevance, 1 newest first, 2 oldest first */
    unsigned offset, limit; /* the page */
    size_t snippet_chars;
    size_t facet_top;
    int facets;      /* count facets exactly over every match */
    int estimate;    /* an estimated total is enough */
    int collapse;    /* one hit per article: copies dropped */
    int use_set;     /* match the text once, as a cached set */
    int replay;      /* such a set, complete, may give the page alone */
    unsigned nparts; /* docid ranges searched side by side */
    int sharded;     /* run by shards.c: facets and exact totals
                        of articles from every match, else Xapian
                        collapses copies itself */
};

/* Does the request need the facet table (facets, or the clusters of
 * copies to collapse)?  Asked before plan_make, which wants has_copies. */
int plan_needs_table(const struct search_request *req);

/* The plan of req parsed as q on ix. */
void plan_make(const struct search_request *req, const struct query *q,
               const struct plan_index *ix, struct search_plan *out);

/* The ranks each part asks for when the search runs in nparts parts
 * (the plan's, or 1 when the extra handles cannot be had). */
void plan_window(const struct search_plan *p, unsigned nparts,
                 struct plan_window *out);

/* Part i of n covers docids lo..hi of 1..last (n > 1). */
void plan_part_range(unsigned last, unsigned i, unsigned n, unsigned *lo,
                     unsigned *hi);

/*
 * Xapian's order of two hits, which split and replayed searches keep:
 * by sort (0 relevance, 1 newest first, 2 oldest first) their sort keys
 * compared ascending (key_cmp, ignored for relevance), then weight
 * (higher first), then docid (lower first).  Negative when a goes first.
 */
int plan_rank_cmp(int sort, int key_cmp, double wa, unsigned ida, double wb,
                  unsigned idb);

/* ---- after the full matches ---- */

/* May partial matches follow this page (the index is then asked
 * whether every part occurs at all)?  total: the full matches. */
int plan_may_relax(const struct search_request *req, const struct query *q,
                   unsigned total);

/*
 * The relaxed pass that fills the page after `full` full matches (an
 * exact count): *out is the request for it, and the result says how
 * many of its hits the page takes (0 on a page that ends the full
 * matches exactly: the pass still counts the partial ones for the pager).
 */
unsigned plan_partial(const struct search_request *req, unsigned full,
                      struct search_request *out);

/* Should a request be tried again as content words, and which parts? */
enum plan_rewrite {
    PLAN_REWRITE_NONE,
    PLAN_REWRITE_UNHELD, /* nothing found: the parts no article holds */
    PLAN_REWRITE_FEW     /* one part, held by fewer than a page of
                            articles: its words apart follow them */
};
enum plan_rewrite plan_rewrite(const struct search_request *req,
                               const struct query *q, unsigned total);

/* Should the parts be widened first by the other spellings the index
 * files articles under (variants.h)?  Not with widening turned off, not
 * in the partial pass (it is given them), not when the caller gave them. */
int plan_variants(const struct search_request *req);

/*
 * With a date range: the request counting the articles it leaves out
 * for having no date (*out, its filters in f, room for req->nfilters + 1).
 * 0 without a range.
 */
int plan_undated(const struct search_request *req, struct query_filter *f,
                 struct search_request *out);

#endif
