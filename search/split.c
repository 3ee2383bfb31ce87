/*
 * split.c - a search through Xapian, in one part or cut into docid
 * ranges searched side by side (see searcher_int.h): each part has its
 * own database handle at the same revision, its own copy of the query
 * and its own thread; counts and facets add up and the hits merge in
 * Xapian's order.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "merge.h"
#include "result.h"
#include "searcher_int.h"

/*
 * One part of a search: the whole index, or one docid range of it run on
 * a database handle of its own in a thread of its own.
 */
struct part {
    struct xdb *db;
    struct xquery *xq;          /* owned */
    int sort;                   /* 0 relevance, 1 newest, 2 oldest */
    int collapse;               /* one hit per article: copies of one
                                   are dropped after ranking */
    int counted;                /* the spy has seen the matches */
    unsigned first, max, check; /* the mset asked for */
    struct facet_spy spy;       /* counter NULL: no facets */
    struct xenquire *e;
    struct xmset *m;
    int rc;
    struct lv_err err;
};

static void *run_part(void *arg)
{
    struct part *p = arg;
    int rc = xenquire_new(p->db, &p->e, &p->err);

    if (rc == 0)
        rc = xenquire_set_query(p->e, p->xq, &p->err);
    if (rc == 0 && p->sort)
        rc = xenquire_sort_value(p->e, SLOT_DATE, p->sort == 1,
                                 p->sort == 2 ? SEARCH_UNDATED_KEY : NULL,
                                 &p->err);
    if (rc == 0 && p->spy.counter && !p->counted)
        rc = xenquire_set_docid_spy(p->e, facet_spy_count, &p->spy, &p->err);
    if (rc == 0)
        rc = xenquire_mset(p->e, p->first, p->max, p->check, &p->m, &p->err);
    p->counted = 1;
    p->rc = rc;
    return NULL;
}

static void release_part(struct part *p)
{
    xmset_free(p->m);
    xenquire_free(p->e);
    xquery_free(p->xq);
    facet_counter_free(p->spy.counter);
}

/* Every part's results into *out (*k_out), in the merged order. */
static int collect(struct part *parts, size_t n, int sort,
                   struct merge_cand **out, size_t *k_out, struct lv_err *err)
{
    size_t total = 0, k = 0, i, j;
    struct merge_cand *c;
    int rc = 0;

    for (i = 0; i < n; i++)
        total += xmset_size(parts[i].m);
    c = calloc(total ? total : 1, sizeof(*c));
    if (!c)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < n && rc == 0; i++)
        for (j = 0; j < xmset_size(parts[i].m) && rc == 0; j++, k++) {
            c[k].part = (unsigned)i;
            c[k].i = (unsigned)j;
            rc = xmset_docid(parts[i].m, c[k].i, &c[k].docid, err);
            if (rc == 0)
                rc = xmset_weight(parts[i].m, c[k].i, &c[k].weight, err);
            if (rc == 0)
                rc = xmset_sort_key(parts[i].m, c[k].i, &c[k].key, NULL, err);
        }
    if (rc == 0 && n > 1)
        merge_sort(c, k, sort);
    *out = c;
    *k_out = k;
    return rc;
}

/* The first copy of its article the set has seen (merge_drop_copies). */
struct first_copies {
    const struct facet_table *table;
    unsigned char *seen;
};

static int first_copy(void *ctx, unsigned docid)
{
    struct first_copies *f = ctx;

    return facet_table_first_copy(f->table, f->seen, docid);
}

/* How much of the merged order is the true order (merge_trusted). */
static size_t trusted(const struct merge_cand *c, size_t k,
                      const struct part *parts, size_t n)
{
    unsigned size[SEARCH_MAX_PARTS], max[SEARCH_MAX_PARTS];
    size_t i;

    for (i = 0; i < n && i < SEARCH_MAX_PARTS; i++) {
        size[i] = xmset_size(parts[i].m);
        max[i] = parts[i].max;
    }
    return merge_trusted(c, k, size, max, i);
}

static int run_parts(struct part *parts, size_t n, struct lv_err *err);

/* Matching copies and the distinct articles they are. */
struct copy_count {
    const struct facet_table *table;
    unsigned char *seen;
    unsigned matched, articles;
};

static void count_copy(unsigned docid, double weight, void *ctx)
{
    struct copy_count *cc = ctx;

    (void)weight;
    cc->matched++;
    cc->articles += facet_table_first_copy(cc->table, cc->seen, docid);
}

/*
 * Exact totals of articles without a facet spy over every match: the
 * matches counted by Xapian, less the copies among them, plus the
 * articles those copies are; only the documents that have copies are
 * matched again (a doc list of them filtering each part's query).
 */
static int copies_counted(struct part *parts, size_t n,
                          const struct facet_table *table, unsigned *total,
                          struct lv_err *err)
{
    struct copy_count cc = {table, NULL, 0, 0};
    const unsigned *docids;
    const double *zeros;
    size_t ncopies = facet_table_copies(table, &docids, &zeros), i;
    int rc = 0;

    cc.seen = facet_table_article_set(table);
    if (!cc.seen)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < n && rc == 0; i++) {
        struct xquery *sub[2] = {xquery_copy(parts[i].xq),
                                 xquery_doc_list(docids, zeros, ncopies, 0)};
        struct xquery *q = xquery_combine(XQ_FILTER, sub, 2, 0);
        struct xenquire *e = NULL;
        struct xmset *m = NULL;

        rc = q ? xenquire_new(parts[i].db, &e, err)
               : lv_err_set(err, LV_ENOMEM, "out of memory");
        if (rc == 0)
            rc = xenquire_set_query(e, q, err);
        if (rc == 0)
            rc = xenquire_set_docid_spy(e, count_copy, &cc, err);
        if (rc == 0)
            rc = xenquire_mset(e, 0, 0, XMSET_EXACT, &m, err);
        xmset_free(m);
        xenquire_free(e);
        xquery_free(q);
    }
    if (rc == 0 && *total >= cc.matched)
        *total = *total - cc.matched + cc.articles;
    free(cc.seen);
    return rc;
}

/*
 * The articles ranked 0..want-1 of the parts: collected, copies dropped;
 * when copies left fewer than want while a part had more to give, the
 * parts rank more and the whole is done again.
 */
static int ranked_articles(struct part *parts, size_t n, int sort,
                           const struct facet_table *table, size_t want,
                           struct merge_cand **out, size_t *k,
                           struct lv_err *err)
{
    struct first_copies f = {table, NULL};
    size_t i;
    int rc;

    for (;;) {
        size_t trust, good = 0;
        int more = 0;

        *out = NULL;
        *k = 0;
        rc = collect(parts, n, sort, out, k, err);
        if (rc < 0 || !parts[0].collapse)
            return rc;
        f.seen = facet_table_article_set(table);
        if (!f.seen)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        trust = trusted(*out, *k, parts, n);
        *k = merge_drop_copies(*out, *k, first_copy, &f, trust, &good);
        free(f.seen);
        for (i = 0; i < n; i++)
            more |= xmset_size(parts[i].m) == parts[i].max;
        if (good >= want || !more)
            return 0;
        merge_free(*out, *k);
        *out = NULL;
        *k = 0;
        for (i = 0; i < n; i++) { /* rank more; counted already, so
                                     Xapian may stop at what it ranks */
            xmset_free(parts[i].m);
            xenquire_free(parts[i].e);
            parts[i].m = NULL;
            parts[i].e = NULL;
            parts[i].max = parts[i].max * 2 + 32;
            parts[i].check = parts[i].max;
        }
        rc = run_parts(parts, n, err);
        if (rc < 0)
            return rc;
    }
}

/* The plan's page of the parts' articles. */
static int merge_parts(struct part *parts, size_t n,
                       const struct search_plan *plan,
                       const struct facet_table *table, const struct query *q,
                       struct search_result *res, struct lv_err *err)
{
    struct merge_cand *c = NULL;
    size_t k = 0, i, end = (size_t)plan->offset + plan->limit;
    int rc = ranked_articles(parts, n, plan->sort, table, end, &c, &k, err);

    res->hits = calloc(plan->limit ? plan->limit : 1, sizeof(*res->hits));
    if (rc == 0 && !res->hits)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = plan->offset; rc == 0 && i < k && i < end; i++) {
        rc = result_read_mset_hit(&res->hits[res->nhits], parts[c[i].part].m,
                                  c[i].i, q, plan->snippet_chars, err);
        res->nhits++;
    }
    merge_free(c, k);
    return rc;
}

/* Database handles for parts 1..n-1, at the main handle's revision. */
static int part_handles(struct searcher *s, size_t n, struct lv_err *err)
{
    unsigned long long rev = searcher_revision(s), r = 0;
    size_t i;
    int rc = 0;

    if (!searcher_path_unchanged(s))
        return LV_EDB; /* replaced (compacted): search in one part */
    for (i = 1; i < n && rc == 0; i++) {
        if (!s->extra[i - 1])
            rc = xdb_open(s->path, XDB_READ, &s->extra[i - 1], err);
        else
            rc = xdb_reopen(s->extra[i - 1], err);
        if (rc == 0
            && (xdb_revision(s->extra[i - 1], &r, NULL) < 0 || r != rev))
            rc = LV_EDB; /* a commit in between: search in one part */
    }
    return rc;
}

/*
 * The query of part i, in a copy of its own: Xapian objects are not
 * shared between threads, so every part but the first (run in this
 * thread) gets a deep clone.  With a match set, its text part is the
 * set replayed and only the filters are matched.
 */
static struct xquery *part_query(const struct query *q, size_t i,
                                 const struct match_set *set)
{
    struct xquery *sub[2];

    if (!set)
        return i ? xquery_clone(q->xq) : xquery_copy(q->xq);
    sub[0] =
        xquery_doc_list(set->docids, set->weights, set->n, set->max_weight);
    if (!q->filter_xq)
        return sub[0];
    sub[1] = i ? xquery_clone(q->filter_xq) : xquery_copy(q->filter_xq);
    return xquery_combine(XQ_FILTER, sub, 2, 0); /* takes both */
}

/*
 * Set up part i of n: the whole query (n == 1) or the query filtered to
 * its docid range, ranking the plan's window for n parts.
 */
static int setup_part(struct searcher *s, const struct search_plan *plan,
                      const struct query *q, const struct match_set *set,
                      size_t i, size_t n, unsigned last, struct part *p,
                      struct lv_err *err)
{
    struct plan_window w;
    struct xquery *sub[2] = {NULL, NULL};
    unsigned lo, hi;

    p->db = i ? s->extra[i - 1] : s->db;
    p->sort = plan->sort;
    p->collapse = plan->collapse;
    /* With facets the spy also counts articles (a cluster once, in
     * whichever part its copies are); without, copies_counted does. */
    if (plan->facets) {
        p->spy.counter = facet_counter_new(s->dict, s->field_map);
        p->spy.table = s->table;
        p->spy.collapse = p->collapse;
        if (!p->spy.counter)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    plan_window(plan, (unsigned)n, &w);
    p->first = w.first;
    p->max = w.max;
    p->check = w.check == PLAN_EXACT ? XMSET_EXACT : w.check;
    sub[0] = part_query(q, i, set);
    if (n == 1) {
        p->xq = sub[0];
    } else if (sub[0]) {
        plan_part_range(last, (unsigned)i, (unsigned)n, &lo, &hi);
        sub[1] = xquery_docid_range(lo, hi);
        if (sub[1])
            p->xq = xquery_combine(XQ_FILTER, sub, 2, 0); /* takes both */
        else
            xquery_free(sub[0]);
    }
    return p->xq ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

/* Run parts 1.. in threads of their own and part 0 in this one. */
static int run_parts(struct part *parts, size_t n, struct lv_err *err)
{
    pthread_t threads[SEARCH_MAX_PARTS];
    int started[SEARCH_MAX_PARTS] = {0};
    size_t i;

    for (i = 1; i < n; i++)
        started[i] =
            pthread_create(&threads[i], NULL, run_part, &parts[i]) == 0;
    run_part(&parts[0]);
    for (i = 1; i < n; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        else
            run_part(&parts[i]); /* no thread to be had: run it here */
    }
    for (i = 0; i < n; i++)
        if (parts[i].rc < 0) {
            if (err)
                *err = parts[i].err;
            return parts[i].rc;
        }
    return 0;
}

int split_search(struct searcher *s, const struct search_request *req,
                 const struct search_plan *plan, const struct query *q,
                 const struct match_set *set, struct search_result *res,
                 struct lv_err *err)
{
    struct part parts[SEARCH_MAX_PARTS];
    unsigned last = 0;
    size_t n = plan->nparts, i;
    int rc = 0;

    memset(parts, 0, sizeof(parts));
    if (n > 1
        && (xdb_last_docid(s->db, &last, NULL) < 0
            || part_handles(s, n, NULL) < 0))
        n = 1; /* no handles to be had: one part */
    for (i = 0; i < n && rc == 0; i++)
        rc = setup_part(s, plan, q, set, i, n, last, &parts[i], err);
    if (rc == 0)
        rc = run_parts(parts, n, err);
    if (rc < 0)
        goto out;

    for (i = 1; i < n && parts[0].spy.counter; i++)
        facet_counter_merge(parts[0].spy.counter, parts[i].spy.counter);
    if (plan->facets)
        rc = result_take_facets(res, parts[0].spy.counter, plan->facet_top,
                                facet_counter_undated(parts[0].spy.counter),
                                req, err);
    if (rc < 0)
        goto out;
    res->offset = plan->offset;
    res->total_exact = 1;
    for (i = 0; i < n; i++) {
        res->total += xmset_estimated(parts[i].m);
        if (xmset_lower(parts[i].m) != xmset_upper(parts[i].m))
            res->total_exact = 0;
    }
    if (parts[0].spy.counter) /* exact, and articles across parts */
        res->total = facet_counter_articles(parts[0].spy.counter);
    else if (parts[0].collapse && res->total_exact)
        rc = copies_counted(parts, n, s->table, &res->total, err);
    if (rc < 0)
        goto out;
    if (n > 1 || parts[0].collapse)
        rc = merge_parts(parts, n, plan, s->table, q, res, err);
    else
        rc = result_read_mset(parts[0].m, q, plan->snippet_chars, res, err);
out:
    for (i = 0; i < n; i++)
        release_part(&parts[i]);
    return rc;
}
