/*
 * plan.c - how a request is run (see plan.h).
 */
#include "plan.h"

#include <string.h>

int plan_needs_table(const struct search_request *req)
{
    return req->facets || !req->no_collapse;
}

/* The hits a request asks for: SEARCH_LIMIT when it does not say, at
 * most SEARCH_MAX_LIMIT. */
static unsigned page_limit(const struct search_request *req)
{
    unsigned limit = req->limit ? req->limit : SEARCH_LIMIT;

    return limit > SEARCH_MAX_LIMIT ? SEARCH_MAX_LIMIT : limit;
}

/*
 * How many parts to cut a search into: one per thread allowed, when the
 * index is big enough for it to pay and every match is counted anyway
 * (exact totals); deep pages stay in one part (each part would have to
 * rank offset + limit results).
 */
static unsigned parts_for(const struct search_plan *p,
                          const struct plan_index *ix)
{
    if (ix->threads < 2 || ix->last_docid < ix->split_min
        || (p->estimate && !p->facets)
        || p->offset + p->limit > SEARCH_SPLIT_MAX_RESULTS)
        return 1;
    return ix->threads < SEARCH_MAX_PARTS ? ix->threads : SEARCH_MAX_PARTS;
}

void plan_make(const struct search_request *req, const struct query *q,
               const struct plan_index *ix, struct search_plan *out)
{
    memset(out, 0, sizeof(*out));
    /* no free text to rank by: newest first */
    out->sort = req->sort == SEARCH_SORT_DATE_ASC                    ? 2
                : req->sort == SEARCH_SORT_DATE_DESC || !q->has_text ? 1
                                                                     : 0;
    out->offset = req->offset;
    out->limit = page_limit(req);
    out->snippet_chars =
        req->snippet_chars ? req->snippet_chars : SEARCH_SNIPPET_CHARS;
    out->facet_top = req->facet_top ? req->facet_top : SEARCH_FACET_TOP;
    out->facets = req->facets != 0;
    out->estimate = req->estimate != 0;
    out->collapse = !req->no_collapse && ix->has_copies;
    /* A set costs a match of every document the text matches: worth it
     * when every match is counted anyway. */
    out->sharded = ix->sharded;
    out->use_set = ix->has_cache && q->text_key && q->text_xq
                   && !(out->estimate && !out->facets) && !ix->sharded;
    /* A set alone knows one hit per article and no filters. */
    out->replay = out->use_set && !req->no_collapse && !q->filter_xq;
    out->nparts = ix->sharded ? 1 : parts_for(out, ix);
}

void plan_window(const struct search_plan *p, unsigned nparts,
                 struct plan_window *out)
{
    unsigned depth = p->offset + p->limit;

    if (nparts > 1) { /* each part ranks the whole depth, exactly */
        out->first = 0;
        out->max = (p->collapse ? 2 : 1) * depth;
        out->check = PLAN_EXACT;
        return;
    }
    /* With collapse, copies are dropped from the top down: rank twice
     * the page's depth, so that copies rarely leave it short (Xapian's
     * own collapse, on shards, gives the page as asked). */
    out->first = p->collapse && !p->sharded ? 0 : p->offset;
    out->max = p->collapse && !p->sharded ? 2 * depth : p->limit;
    /* Facets need every match seen, so they imply exact counts. */
    out->check = p->estimate && !p->facets ? depth + 100 : PLAN_EXACT;
}

void plan_part_range(unsigned last, unsigned i, unsigned n, unsigned *lo,
                     unsigned *hi)
{
    *lo = (unsigned)((unsigned long long)last * i / n) + 1;
    *hi = (unsigned)((unsigned long long)last * (i + 1) / n);
}

int plan_rank_cmp(int sort, int key_cmp, double wa, unsigned ida, double wb,
                  unsigned idb)
{
    if (sort && key_cmp)
        return sort == 1 ? -key_cmp : key_cmp;
    if (wa != wb)
        return wa > wb ? -1 : 1;
    return (ida > idb) - (ida < idb);
}

int plan_may_relax(const struct search_request *req, const struct query *q,
                   unsigned total)
{
    /* Only when the page reaches the end of the full matches: on a page
     * of full matches before it, neither the relaxed pass nor the check
     * that every part occurs costs anything. */
    return q->nparts >= 2 && q->relaxable && !req->partial && !req->all
           && !req->no_partial && req->offset + page_limit(req) >= total;
}

unsigned plan_partial(const struct search_request *req, unsigned full,
                      struct search_request *out)
{
    unsigned limit = page_limit(req);
    unsigned start = req->offset > full ? req->offset : full;
    unsigned want = req->offset + limit - start;

    *out = *req;
    out->partial = 1;
    /* Ranked by relevance, the full matches come first (every part's
     * bonus): skip them; the partial ones follow in that order whatever
     * the page's sort. */
    out->sort = SEARCH_SORT_RELEVANCE;
    out->offset = start;
    out->limit = want ? want : 1;
    out->facets = 0;
    /* Counting every partial match exactly checks the phrases of nearly
     * the whole archive (70 ms for 委员工作室 义诊 on 20,000 pages, 14
     * for the full ones): their count is an estimate. */
    out->estimate = 1;
    return want;
}

enum plan_rewrite plan_rewrite(const struct search_request *req,
                               const struct query *q, unsigned total)
{
    if (req->partial || req->all || req->rewritten || !req->query
        || !*req->query)
        return PLAN_REWRITE_NONE;
    if (total == 0)
        return PLAN_REWRITE_UNHELD;
    /* (SEARCH_LIMIT, not the page's limit: the same results whatever a
     * page holds).  A part widened already (a place, a sector, another
     * spelling) is not cut into words, which would lose the widening. */
    return total < SEARCH_LIMIT && q->nparts == 1 && q->plain
                   && !q->parts[0].place && q->parts[0].nnorms <= 1
               ? PLAN_REWRITE_FEW
               : PLAN_REWRITE_NONE;
}

int plan_variants(const struct search_request *req)
{
    return !req->no_expand && !req->partial && !req->nvariants && req->query
           && *req->query;
}

int plan_undated(const struct search_request *req, struct query_filter *f,
                 struct search_request *out)
{
    if (!req->date_from && !req->date_to)
        return 0;
    if (req->nfilters)
        memcpy(f, req->filters, req->nfilters * sizeof(*f));
    f[req->nfilters].field = "year";
    f[req->nfilters].value = QUERY_UNDATED;
    *out = *req;
    out->filters = f;
    out->nfilters = req->nfilters + 1;
    out->date_from = out->date_to = NULL;
    out->offset = 0;
    out->limit = 1;
    out->facets = 0;
    return 1;
}
