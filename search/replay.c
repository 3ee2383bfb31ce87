/*
 * replay.c - text match sets (matchcache.h): matched once with their
 * weights, facet counts and orders, then a request of the text alone is
 * answered from the set without Xapian (see searcher_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "../xapian/facetdict.h"
#include "../xapian/xapian_c.h"
#include "result.h"
#include "searcher_int.h"

/* Collecting a match set: every match of the text query with its weight,
 * its facets counted on the way. */
struct set_builder {
    struct match_set *set;
    struct facet_spy spy;
};

static void add_to_set(unsigned docid, double weight, void *ctx)
{
    struct set_builder *b = ctx;

    if (b->set && match_set_add(b->set, docid, weight) < 0) {
        match_set_free(b->set);
        b->set = NULL; /* out of memory: search without the set */
    }
    facet_spy_count(docid, weight, &b->spy);
}

/* A match set in relevance, newest-first or oldest-first order. */
struct order_ctx {
    const struct match_set *set;
    const struct facet_table *table;
    int sort; /* 0 relevance, 1 newest, 2 oldest */
};

static int cmp_order(const void *pa, const void *pb, void *arg)
{
    const struct order_ctx *o = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    const struct match_set *m = o->set;
    int dates = 0;

    if (o->sort) {
        uint32_t da = facet_table_date(o->table, m->docids[a]);
        uint32_t db = facet_table_date(o->table, m->docids[b]);

        if (o->sort == 2) { /* undated (0) last, oldest first */
            da = da ? da : UINT32_MAX;
            db = db ? db : UINT32_MAX;
        }
        dates = (da > db) - (da < db);
    }
    return plan_rank_cmp(o->sort, dates, m->weights[a], m->docids[a],
                         m->weights[b], m->docids[b]);
}

static uint32_t *set_order(const struct match_set *set,
                           const struct facet_table *table, int sort)
{
    struct order_ctx o = {set, table, sort};
    uint32_t *v = malloc((set->n ? set->n : 1) * sizeof(*v));
    size_t i;

    if (!v)
        return NULL;
    for (i = 0; i < set->n; i++)
        v[i] = (uint32_t)i;
    qsort_r(v, set->n, sizeof(*v), cmp_order, &o);
    return v;
}

/*
 * What a page of the set alone needs, computed once before it is shared:
 * its facet counts (from the build) and its three orders.  Without them
 * (out of memory) the set is still replayed through Xapian.
 */
static void complete_set(struct match_set *set, const struct facet_table *t,
                         struct facet_counter *counter)
{
    unsigned n;
    const unsigned *counts = facet_counter_counts(counter, &n);

    set->facet_counts = malloc(((size_t)n + 1) * sizeof(*counts));
    set->by_relevance = set_order(set, t, 0);
    set->by_newest = set_order(set, t, 1);
    set->by_oldest = set_order(set, t, 2);
    if (!set->facet_counts || !set->by_relevance || !set->by_newest
        || !set->by_oldest) {
        free(set->facet_counts);
        free(set->by_relevance);
        free(set->by_newest);
        free(set->by_oldest);
        set->facet_counts = NULL;
        set->by_relevance = set->by_newest = set->by_oldest = NULL;
        return;
    }
    memcpy(set->facet_counts, counts, ((size_t)n + 1) * sizeof(*counts));
    set->nfacet_ids = n;
    set->articles = facet_counter_articles(counter);
    set->undated = facet_counter_undated(counter);
}

/*
 * The match set of the request's text part: from the cache, or matched
 * now and kept.  NULL without a cache, without text, or on any failure
 * (the search then runs as it would without a cache).
 */
const struct match_set *replay_set(struct searcher *s, const struct query *q)
{
    unsigned long long rev = searcher_revision(s);
    const struct match_set *found;
    struct set_builder b = {NULL, {NULL, NULL, 0}};
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    size_t i;
    int rc;

    if (!s->mcache || !q->text_key || !q->text_xq || !rev)
        return NULL;
    found = match_cache_get(s->mcache, q->text_key, rev);
    if (found)
        return found;
    rc = searcher_prepare_facets(s, NULL);
    if (rc == 0) {
        b.set = match_set_new();
        b.spy.counter = facet_counter_new(s->dict, s->field_map);
        b.spy.table = s->table;
        b.spy.collapse = 1; /* a page from the set keeps one copy */
        rc = b.set && b.spy.counter ? xenquire_new(s->db, &e, NULL) : LV_ENOMEM;
    }
    if (rc == 0)
        rc = xenquire_set_query(e, q->text_xq, NULL);
    if (rc == 0)
        rc = xenquire_set_docid_spy(e, add_to_set, &b, NULL);
    if (rc == 0)
        rc = xenquire_mset(e, 0, 0, XMSET_EXACT, &m, NULL);
    xmset_free(m);
    xenquire_free(e);
    /* The matcher goes in docid order; the replay relies on it. */
    for (i = 1; rc == 0 && b.set && i < b.set->n; i++)
        if (b.set->docids[i - 1] >= b.set->docids[i])
            rc = LV_EINTERNAL;
    if (rc == 0 && b.set)
        complete_set(b.set, s->table, b.spy.counter);
    facet_counter_free(b.spy.counter);
    if (rc < 0 || !b.set) {
        match_set_free(b.set);
        return NULL;
    }
    return match_cache_put(s->mcache, q->text_key, rev, b.set);
}

int replay_ready(const struct searcher *s, const struct match_set *set)
{
    return set->by_relevance && set->nfacet_ids >= facetdict_size(s->dict);
}

/*
 * The next index into order from *at on whose article is not shown yet
 * (seen: a bit per cluster of the facet table), or n.
 */
static size_t next_article(const struct match_set *set, const uint32_t *order,
                           size_t at, const struct facet_table *t,
                           unsigned char *seen)
{
    for (; at < set->n; at++)
        if (facet_table_first_copy(t, seen, set->docids[order[at]]))
            return at;
    return at;
}

/*
 * A request that is the set's text alone (no filters, no dates): its
 * total, facets and page come straight from the set, as Xapian would
 * give them with one hit per article (t_split.sh compares the two).
 */
int replay_page(struct searcher *s, const struct search_request *req,
                const struct search_plan *plan, const struct match_set *set,
                const struct query *q, struct search_result *res,
                struct lv_err *err)
{
    const uint32_t *order = plan->sort == 2   ? set->by_oldest
                            : plan->sort == 1 ? set->by_newest
                                              : set->by_relevance;
    unsigned char *seen = facet_table_article_set(s->table);
    size_t i, at, end = (size_t)plan->offset + plan->limit;
    int rc = 0;

    if (!seen)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    res->total = set->articles;
    res->total_exact = 1;
    res->offset = plan->offset;
    if (plan->facets) {
        struct facet_counter *c = facet_counter_new(s->dict, s->field_map);

        if (!c)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        if (rc == 0) {
            facet_counter_add_counts(c, set->facet_counts, set->nfacet_ids);
            rc = result_take_facets(res, c, plan->facet_top, set->undated, req,
                                    err);
        }
        facet_counter_free(c);
    }
    res->hits = calloc(plan->limit ? plan->limit : 1, sizeof(*res->hits));
    if (rc == 0 && !res->hits)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    /* article i of the page is the i-th first copy in the order */
    at = next_article(set, order, 0, s->table, seen);
    for (i = 0; rc == 0 && i < end && at < set->n; i++) {
        if (i >= plan->offset) {
            rc = result_read_hit(
                &res->hits[res->nhits], s->db, set->docids[order[at]],
                set->weights[order[at]], q, plan->snippet_chars, err);
            res->nhits++;
        }
        at = next_article(set, order, at + 1, s->table, seen);
    }
    free(seen);
    return rc;
}
