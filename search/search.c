/*
 * search.c - run a request against the index (see search.h).
 */
#include "search.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "../text/tokens.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "facettable.h"
#include "matchcache.h"

struct searcher {
    struct xdb *db;
    struct tokenizer *tok;
    struct facetdict *dict;   /* facet ids → terms, loaded on demand */
    unsigned char *field_map; /* field of each facet id */
    unsigned field_map_n;     /* dictionary size it was made for */
    char *path;
    unsigned threads;                   /* parts a search may run in */
    unsigned split_min;                 /* ... from this many docids */
    struct match_cache *mcache;         /* shared; NULL: none */
    struct xdb *extra[SEARCH_MAX_PARTS - 1];   /* their handles */
    struct facet_table *table;          /* facet ids by docid ... */
    unsigned long long table_revision;  /* ... at this revision */
};

static int check_schema(struct xdb *db, const char *path, struct lv_err *err)
{
    char *version = NULL;
    int rc = xdb_get_meta(db, SCHEMA_META_KEY, &version, err);

    if (rc == 0 && *version && strcmp(version, SCHEMA_VERSION) != 0)
        rc = lv_err_set(err, LV_ESCHEMA,
                        "index '%s' has schema version '%s'; this lvzhi "
                        "reads '%s': re-index it", path, version,
                        SCHEMA_VERSION);
    free(version);
    return rc;
}

int searcher_open(const char *db_path, struct searcher **out,
                  struct lv_err *err)
{
    struct searcher *s = calloc(1, sizeof(*s));
    int rc;

    *out = NULL;
    if (!s)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    s->path = strdup(db_path);
    s->threads = 1;
    /* LVZHI_SPLIT_MIN_DOCS: lets the tests split searches of a small
     * index, to check that they give what one part gives. */
    s->split_min = SEARCH_SPLIT_MIN_DOCS;
    if (getenv("LVZHI_SPLIT_MIN_DOCS"))
        s->split_min = (unsigned)strtoul(getenv("LVZHI_SPLIT_MIN_DOCS"),
                                         NULL, 10);
    rc = s->path ? xdb_open(db_path, XDB_READ, &s->db, err)
                 : lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = check_schema(s->db, db_path, err);
    if (rc == 0)
        rc = tokenizer_new(&s->tok, err);
    if (rc == 0 && !(s->dict = facetdict_new(s->db)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0) {
        searcher_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void searcher_free(struct searcher *s)
{
    size_t i;

    if (!s)
        return;
    facetdict_free(s->dict);
    facet_table_free(s->table);
    free(s->field_map);
    tokenizer_free(s->tok);
    for (i = 0; i < SEARCH_MAX_PARTS - 1; i++)
        xdb_free(s->extra[i]);
    xdb_free(s->db);
    free(s->path);
    free(s);
}

void searcher_set_threads(struct searcher *s, unsigned n)
{
    s->threads = n ? n : 1;
}

void searcher_set_match_cache(struct searcher *s, struct match_cache *c)
{
    s->mcache = c;
}

int searcher_reopen(struct searcher *s, struct lv_err *err)
{
    return xdb_reopen(s->db, err);
}

struct xdb *searcher_db(struct searcher *s)
{
    return s->db;
}

struct tokenizer *searcher_tokenizer(struct searcher *s)
{
    return s->tok;
}

unsigned long long searcher_revision(struct searcher *s)
{
    unsigned long long rev = 0;

    if (xdb_revision(s->db, &rev, NULL) < 0)
        return 0;
    return rev;
}

int searcher_doc_count(struct searcher *s, unsigned *count,
                       struct lv_err *err)
{
    return xdb_doc_count(s->db, count, err);
}

void search_format_date(const struct record *rec, char out[11])
{
    const char *d = record_get(rec, "date");

    if (d && strlen(d) == 8)
        snprintf(out, 11, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
    else
        out[0] = '\0';
}

/* Read one hit's document: its record and snippet. */
static int fill_hit(struct search_hit *h, const struct xmset *m, unsigned i,
                    const struct query *q, size_t snippet_chars,
                    struct lv_err *err)
{
    struct xdoc *doc = NULL;
    char *data = NULL;
    size_t len = 0;
    const char *body;
    int rc = xmset_docid(m, i, &h->docid, err);

    if (rc == 0)
        rc = xmset_weight(m, i, &h->score, err);
    if (rc == 0)
        rc = xmset_doc(m, i, &doc, err);
    if (rc == 0)
        rc = xdoc_get_data(doc, &data, &len, err);
    xdoc_free(doc);
    if (rc < 0)
        return rc;
    h->rec = record_parse(data, len);
    free(data);
    if (!h->rec)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    body = record_get(h->rec, "body");
    return snippet_make(body ? body : "", body ? strlen(body) : 0,
                        q->highlight, q->nhighlight, snippet_chars,
                        &h->snippet, err);
}

/* Read every hit of m. */
static int fill_hits(const struct xmset *m, const struct query *q,
                     size_t snippet_chars, struct search_result *res,
                     struct lv_err *err)
{
    unsigned k, size = xmset_size(m);
    int rc = 0;

    res->hits = calloc(size ? size : 1, sizeof(*res->hits));
    if (!res->hits)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (k = 0; k < size && rc == 0; k++) {
        rc = fill_hit(&res->hits[k], m, k, q, snippet_chars, err);
        res->nhits++;
    }
    return rc;
}

/* The match spy: count each matching document's facet ids. */
struct spy_state {
    struct facet_counter *counter;
    const struct facet_table *table;
};

static void count_facets(unsigned docid, double weight, void *ctx)
{
    struct spy_state *st = ctx;
    size_t n;
    const uint32_t *ids = facet_table_ids(st->table, docid, &n);

    (void)weight;
    facet_counter_add_ids(st->counter, ids, n);
}

/* The facet table of the searcher's revision, built when it changed. */
static int current_table(struct searcher *s, struct lv_err *err)
{
    unsigned long long rev = searcher_revision(s);
    int rc;

    if (s->table && rev && s->table_revision == rev)
        return 0;   /* (revision 0: unknown or never committed: rebuild) */
    facet_table_free(s->table);
    s->table = NULL;
    rc = facet_table_build(s->db, &s->table, err);
    if (rc == 0)
        s->table_revision = rev;
    return rc;
}

/* The dictionary, field map and table that facet counting needs. */
static int prepare_facets(struct searcher *s, struct lv_err *err)
{
    int rc = facetdict_load(s->dict, err);

    if (rc == 0
        && (!s->field_map || s->field_map_n != facetdict_size(s->dict))) {
        free(s->field_map);
        s->field_map = facet_field_map(s->dict);
        s->field_map_n = facetdict_size(s->dict);
        if (!s->field_map)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = current_table(s, err);
    return rc;
}

/*
 * One part of a search: the whole index, or one docid range of it run on
 * a database handle of its own in a thread of its own.
 */
struct part {
    struct xdb *db;
    struct xquery *xq;              /* owned */
    int sort;                       /* 0 relevance, 1 newest, 2 oldest */
    unsigned first, max, check;     /* the mset asked for */
    struct spy_state spy;           /* counter NULL: no facets */
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
        rc = xenquire_sort_value(p->e, SLOT_DATE, p->sort == 1, &p->err);
    if (rc == 0 && p->spy.counter)
        rc = xenquire_set_docid_spy(p->e, count_facets, &p->spy, &p->err);
    if (rc == 0)
        rc = xenquire_mset(p->e, p->first, p->max, p->check, &p->m, &p->err);
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

/* A candidate hit of a split search, for merging the parts' results. */
struct cand {
    double weight;
    unsigned docid;
    char *key;                  /* sort value (date), "" by relevance */
    const struct xmset *m;
    unsigned i;
};

/* Xapian's own order: the sort value (if any), then weight, then docid. */
static int cmp_cand(const void *pa, const void *pb, void *ctx)
{
    const struct cand *a = pa, *b = pb;
    int sort = *(const int *)ctx, c = sort ? strcmp(a->key, b->key) : 0;

    if (c)
        return sort == 1 ? -c : c;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return a->docid < b->docid ? -1 : a->docid > b->docid;
}

/* The page offset..offset+limit-1 of the parts' merged results. */
static int merge_parts(struct part *parts, size_t n, int sort,
                       unsigned offset, unsigned limit, const struct query *q,
                       size_t snippet_chars, struct search_result *res,
                       struct lv_err *err)
{
    size_t total = 0, k = 0, i, j;
    struct cand *c;
    int rc = 0;

    for (i = 0; i < n; i++)
        total += xmset_size(parts[i].m);
    c = calloc(total ? total : 1, sizeof(*c));
    res->hits = calloc(limit ? limit : 1, sizeof(*res->hits));
    if (!c || !res->hits) {
        free(c);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    for (i = 0; i < n && rc == 0; i++)
        for (j = 0; j < xmset_size(parts[i].m) && rc == 0; j++, k++) {
            c[k].m = parts[i].m;
            c[k].i = (unsigned)j;
            rc = xmset_docid(c[k].m, c[k].i, &c[k].docid, err);
            if (rc == 0)
                rc = xmset_weight(c[k].m, c[k].i, &c[k].weight, err);
            if (rc == 0)
                rc = xmset_sort_key(c[k].m, c[k].i, &c[k].key, NULL, err);
        }
    if (rc == 0)
        qsort_r(c, k, sizeof(*c), cmp_cand, &sort);
    for (i = offset; rc == 0 && i < k && i < (size_t)offset + limit; i++) {
        rc = fill_hit(&res->hits[res->nhits], c[i].m, c[i].i, q,
                      snippet_chars, err);
        res->nhits++;
    }
    for (i = 0; i < k; i++)
        free(c[i].key);
    free(c);
    return rc;
}
/*
 * How many parts to cut a search into: one per thread allowed, when the
 * index is big enough for it to pay and every match is counted anyway
 * (exact totals); deep pages stay in one part (each part would have to
 * rank offset + limit results).
 */
static size_t parts_for(const struct searcher *s,
                        const struct search_request *req, unsigned limit,
                        unsigned last_docid)
{
    if (s->threads < 2 || last_docid < s->split_min
        || (req->estimate && !req->facets)
        || req->offset + limit > SEARCH_SPLIT_MAX_RESULTS)
        return 1;
    return s->threads < SEARCH_MAX_PARTS ? s->threads : SEARCH_MAX_PARTS;
}

/* Database handles for parts 1..n-1, at the main handle's revision. */
static int part_handles(struct searcher *s, size_t n, struct lv_err *err)
{
    unsigned long long rev = searcher_revision(s), r = 0;
    size_t i;
    int rc = 0;

    for (i = 1; i < n && rc == 0; i++) {
        if (!s->extra[i - 1])
            rc = xdb_open(s->path, XDB_READ, &s->extra[i - 1], err);
        else
            rc = xdb_reopen(s->extra[i - 1], err);
        if (rc == 0 && (xdb_revision(s->extra[i - 1], &r, NULL) < 0
                        || r != rev))
            rc = LV_EDB;   /* a commit in between: search in one part */
    }
    return rc;
}

static int run_once(struct searcher *s, const struct search_request *req,
                    struct search_result *res, struct lv_err *err);
static char *suggest_city(const struct search_request *req,
                          const struct search_result *res);

/*
 * A reader can find its revision of the index overwritten when a writer
 * commits twice during a long search (Xapian's DatabaseModifiedError):
 * then re-open at the latest revision and run the search once more.
 */
int searcher_run(struct searcher *s, const struct search_request *req,
                 struct search_result *res, struct lv_err *err)
{
    int rc = run_once(s, req, res, err);

    if (rc == LV_EDB && xdb_reopen(s->db, NULL) == 0) {
        search_result_release(res);
        lv_err_clear(err);
        rc = run_once(s, req, res, err);
    }
    return rc;
}

/*
 * The query of a part, in a copy of its own: Xapian objects are not
 * shared between threads, so every part but the first parses the request
 * again (here, in the caller's thread, as the tokenizer is not shared
 * either).  With a match set, its text part is the set replayed and only
 * the filters are matched.
 */
static struct xquery *part_query(struct searcher *s,
                                 const struct search_request *req,
                                 struct query *q, size_t i,
                                 const struct match_set *set,
                                 struct lv_err *err)
{
    struct query qi = { 0 };
    struct query *src = q;
    struct xquery *xq = NULL, *sub[2];

    if (i) {
        if (query_parse(req->query, req->filters, req->nfilters,
                        req->date_from, req->date_to, s->tok, &qi, err) < 0)
            return NULL;
        src = &qi;
    }
    if (!set) {
        xq = src->xq;
        src->xq = NULL;
    } else {
        sub[0] = xquery_doc_list(set->docids, set->weights, set->n,
                                 set->max_weight);
        sub[1] = src->filter_xq;
        src->filter_xq = NULL;
        xq = sub[1] ? xquery_combine(XQ_FILTER, sub, 2, 0) : sub[0];
    }
    query_release(&qi);
    if (!xq)
        lv_err_set(err, LV_ENOMEM, "out of memory");
    return xq;
}

/*
 * Set up part i of n: the whole query (n == 1, the page asked for) or
 * the query filtered to docids (i * last / n, (i + 1) * last / n], ranking
 * offset + limit results.
 */
static int setup_part(struct searcher *s, const struct search_request *req,
                      struct query *q, const struct match_set *set, size_t i,
                      size_t n, unsigned limit, unsigned last,
                      struct part *p, struct lv_err *err)
{
    struct xquery *sub[2] = { NULL, NULL };

    p->db = i ? s->extra[i - 1] : s->db;
    if (req->facets) {
        p->spy.counter = facet_counter_new(s->dict, s->field_map);
        p->spy.table = s->table;
        if (!p->spy.counter)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    sub[0] = part_query(s, req, q, i, set, err);
    if (!sub[0])
        return err && err->code ? err->code : LV_ENOMEM;
    if (n == 1) {
        p->xq = sub[0];
        p->first = req->offset;
        p->max = limit;
        /* Facets need every match seen, so they imply exact counts. */
        p->check = req->estimate && !req->facets ? req->offset + limit + 100
                                                 : XMSET_EXACT;
        return 0;
    }
    sub[1] = xquery_docid_range(
        (unsigned)((unsigned long long)last * i / n) + 1,
        (unsigned)((unsigned long long)last * (i + 1) / n));
    if (sub[1]) {
        p->xq = xquery_combine(XQ_FILTER, sub, 2, 0);   /* takes both */
    } else {
        xquery_free(sub[0]);
    }
    p->first = 0;
    p->max = req->offset + limit;
    p->check = XMSET_EXACT;
    return p->xq ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

/* Collecting a match set: every match of the text query with its weight,
 * its facets counted on the way. */
struct set_builder {
    struct match_set *set;
    struct spy_state spy;
};

static void add_to_set(unsigned docid, double weight, void *ctx)
{
    struct set_builder *b = ctx;

    if (b->set && match_set_add(b->set, docid, weight) < 0) {
        match_set_free(b->set);
        b->set = NULL;   /* out of memory: search without the set */
    }
    count_facets(docid, weight, &b->spy);
}

/* Xapian's orders of a match set (as cmp_cand): by relevance, or by date
 * newest or oldest first, ties by weight, then docid. */
struct order_ctx {
    const struct match_set *set;
    const struct facet_table *table;
    int sort;                /* 0 relevance, 1 newest, 2 oldest */
};

static int cmp_order(const void *pa, const void *pb, void *arg)
{
    const struct order_ctx *o = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    const struct match_set *m = o->set;

    if (o->sort) {
        uint32_t da = facet_table_date(o->table, m->docids[a]);
        uint32_t db = facet_table_date(o->table, m->docids[b]);

        if (da != db)
            return (da < db) == (o->sort == 2) ? -1 : 1;
    }
    if (m->weights[a] != m->weights[b])
        return m->weights[a] > m->weights[b] ? -1 : 1;
    return m->docids[a] < m->docids[b] ? -1 : 1;
}

static uint32_t *set_order(const struct match_set *set,
                           const struct facet_table *table, int sort)
{
    struct order_ctx o = { set, table, sort };
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
                         const struct facet_counter *counter)
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
}

/*
 * The match set of the request's text part: from the cache, or matched
 * now and kept.  NULL without a cache, without text, or on any failure
 * (the search then runs as it would without a cache).
 */
static const struct match_set *text_match_set(struct searcher *s,
                                              const struct query *q)
{
    unsigned long long rev = searcher_revision(s);
    const struct match_set *found;
    struct set_builder b = { NULL, { NULL, NULL } };
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    size_t i;
    int rc;

    if (!s->mcache || !q->text_key || !q->text_xq || !rev)
        return NULL;
    found = match_cache_get(s->mcache, q->text_key, rev);
    if (found)
        return found;
    rc = prepare_facets(s, NULL);
    if (rc == 0) {
        b.set = match_set_new();
        b.spy.counter = facet_counter_new(s->dict, s->field_map);
        b.spy.table = s->table;
        rc = b.set && b.spy.counter ? xenquire_new(s->db, &e, NULL)
                                    : LV_ENOMEM;
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

/* Read one hit of a match set by its docid. */
static int fill_hit_doc(struct search_hit *h, struct xdb *db, unsigned docid,
                        double weight, const struct query *q,
                        size_t snippet_chars, struct lv_err *err)
{
    struct xdoc *doc = NULL;
    char *data = NULL;
    size_t len = 0;
    const char *body;
    int rc = xdb_get_doc(db, docid, &doc, err);

    h->docid = docid;
    h->score = weight;
    if (rc == 0)
        rc = xdoc_get_data(doc, &data, &len, err);
    xdoc_free(doc);
    if (rc < 0)
        return rc;
    h->rec = record_parse(data, len);
    free(data);
    if (!h->rec)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    body = record_get(h->rec, "body");
    return snippet_make(body ? body : "", body ? strlen(body) : 0,
                        q->highlight, q->nhighlight, snippet_chars,
                        &h->snippet, err);
}

/*
 * A request that is the set's text alone (no filters, no dates): its
 * total, facets and page come straight from the set, as Xapian would
 * give them (t_split.sh compares the two).
 */
static int page_from_set(struct searcher *s, const struct search_request *req,
                         const struct match_set *set, int sort,
                         unsigned limit, const struct query *q,
                         size_t snippet_chars, struct search_result *res,
                         struct lv_err *err)
{
    const uint32_t *order = sort == 2 ? set->by_oldest
                          : sort == 1 ? set->by_newest : set->by_relevance;
    size_t i, end = (size_t)req->offset + limit;
    int rc = 0;

    res->total = (unsigned)set->n;
    res->total_exact = 1;
    res->offset = req->offset;
    if (req->facets) {
        struct facet_counter *c = facet_counter_new(s->dict, s->field_map);

        if (!c)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        facet_counter_add_counts(c, set->facet_counts, set->nfacet_ids);
        rc = facet_counter_result(c, req->facet_top ? req->facet_top : 20,
                                  &res->facets, &res->nfacets, err);
        facet_counter_free(c);
        if (rc == 0)
            res->suggest_city = suggest_city(req, res);
    }
    if (end > set->n)
        end = set->n;
    res->hits = calloc(limit ? limit : 1, sizeof(*res->hits));
    if (rc == 0 && !res->hits)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = req->offset; rc == 0 && i < end; i++) {
        rc = fill_hit_doc(&res->hits[res->nhits], s->db,
                          set->docids[order[i]], set->weights[order[i]], q,
                          snippet_chars, err);
        res->nhits++;
    }
    return rc;
}

/* Run parts 1.. in threads of their own and part 0 in this one. */
static int run_parts(struct part *parts, size_t n, struct lv_err *err)
{
    pthread_t threads[SEARCH_MAX_PARTS];
    int started[SEARCH_MAX_PARTS] = { 0 };
    size_t i;

    for (i = 1; i < n; i++)
        started[i] = pthread_create(&threads[i], NULL, run_part,
                                    &parts[i]) == 0;
    run_part(&parts[0]);
    for (i = 1; i < n; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        else
            run_part(&parts[i]);   /* no thread to be had: run it here */
    }
    for (i = 0; i < n; i++)
        if (parts[i].rc < 0) {
            if (err)
                *err = parts[i].err;
            return parts[i].rc;
        }
    return 0;
}

static int run_once(struct searcher *s, const struct search_request *req,
                    struct search_result *res, struct lv_err *err)
{
    struct query q = { 0 };
    struct part parts[SEARCH_MAX_PARTS];
    unsigned limit = req->limit ? req->limit : 10, last = 0;
    size_t snippet_chars = req->snippet_chars ? req->snippet_chars
                                              : SEARCH_SNIPPET_CHARS;
    const struct match_set *set = NULL;
    size_t n = 1, i;
    int rc, sort;

    memset(res, 0, sizeof(*res));
    memset(parts, 0, sizeof(parts));
    if (limit > SEARCH_MAX_LIMIT)
        limit = SEARCH_MAX_LIMIT;
    rc = query_parse(req->query, req->filters, req->nfilters, req->date_from,
                     req->date_to, s->tok, &q, err);
    if (rc < 0)
        return rc;
    sort = req->sort == SEARCH_SORT_DATE_ASC ? 2
         : req->sort == SEARCH_SORT_DATE_DESC || !q.has_text ? 1 : 0;
    if (xdb_last_docid(s->db, &last, NULL) == 0)
        n = parts_for(s, req, limit, last);
    if (n > 1 && part_handles(s, n, NULL) < 0)
        n = 1;
    if (req->facets)
        rc = prepare_facets(s, err);
    if (rc == 0 && !(req->estimate && !req->facets))
        set = text_match_set(s, &q);
    if (rc == 0 && set && set->by_relevance && !q.filter_xq
        && set->nfacet_ids >= facetdict_size(s->dict)) {
        rc = page_from_set(s, req, set, sort, limit, &q, snippet_chars, res,
                           err);
        n = 0;   /* no parts */
        goto done;
    }
    for (i = 0; i < n && rc == 0; i++) {
        parts[i].sort = sort;
        rc = setup_part(s, req, &q, set, i, n, limit, last, &parts[i], err);
    }
    if (rc == 0)
        rc = run_parts(parts, n, err);
    if (rc < 0)
        goto out;

    for (i = 1; i < n && req->facets; i++)
        facet_counter_merge(parts[0].spy.counter, parts[i].spy.counter);
    if (req->facets)
        rc = facet_counter_result(parts[0].spy.counter,
                                  req->facet_top ? req->facet_top : 20,
                                  &res->facets, &res->nfacets, err);
    if (rc == 0 && req->facets)
        res->suggest_city = suggest_city(req, res);
    if (rc < 0)
        goto out;
    res->offset = req->offset;
    res->total_exact = 1;
    for (i = 0; i < n; i++) {
        res->total += xmset_estimated(parts[i].m);
        if (xmset_lower(parts[i].m) != xmset_upper(parts[i].m))
            res->total_exact = 0;
    }
    if (n == 1)
        rc = fill_hits(parts[0].m, &q, snippet_chars, res, err);
    else
        rc = merge_parts(parts, n, sort, req->offset, limit, &q,
                         snippet_chars, res, err);
done:
    /* The highlight terms move to the result (for the document page). */
    res->terms = q.highlight;
    res->nterms = q.nhighlight;
    q.highlight = NULL;
    q.nhighlight = 0;
out:
    for (i = 0; i < n; i++)
        release_part(&parts[i]);
    match_cache_release(s->mcache, set);   /* after the parts using it */
    query_release(&q);
    return rc;
}

/*
 * A city among the counted ones whose name, without its level word
 * (兰州市 → 兰州), occurs in the query, when no city filter is set.
 */
static char *suggest_city(const struct search_request *req,
                          const struct search_result *res)
{
    static const char *const levels[] = { "市", "地区", "自治州", "州", "盟" };
    size_t f, i, k;

    if (!req->query || !*req->query)
        return NULL;
    for (i = 0; i < req->nfilters; i++)
        if (strcmp(req->filters[i].field, "city") == 0)
            return NULL;
    if (strstr(req->query, "city:"))
        return NULL;
    for (f = 0; f < res->nfacets; f++) {
        if (strcmp(res->facets[f].field, "city") != 0)
            continue;
        for (i = 0; i < res->facets[f].nvalues; i++) {
            const char *v = res->facets[f].values[i].value;
            size_t len = strlen(v);
            char name[128];

            for (k = 0; k < sizeof(levels) / sizeof(levels[0]); k++) {
                size_t l = strlen(levels[k]);

                if (len > l + 3 && strcmp(v + len - l, levels[k]) == 0) {
                    len -= l;
                    break;
                }
            }
            if (len >= 6 && len < sizeof(name)) {
                memcpy(name, v, len);
                name[len] = '\0';
                if (strstr(req->query, name))
                    return strdup(v);
            }
        }
    }
    return NULL;
}

void search_result_release(struct search_result *res)
{
    size_t i;

    for (i = 0; i < res->nhits; i++) {
        record_free(res->hits[i].rec);
        snippet_release(&res->hits[i].snippet);
    }
    free(res->hits);
    for (i = 0; i < res->nterms; i++)
        free(res->terms[i]);
    free(res->terms);
    facets_free(res->facets, res->nfacets);
    free(res->suggest_city);
    memset(res, 0, sizeof(*res));
}

int searcher_get(struct searcher *s, const char *id, unsigned *docid,
                 struct record **rec, struct lv_err *err)
{
    char term[64];
    struct xdoc *doc = NULL;
    char *data = NULL;
    size_t len = 0, i;
    int rc;

    *rec = NULL;
    for (i = 0; id[i]; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            break;
    if (i != 32 || id[i])
        return lv_err_set(err, LV_ENOTFOUND, "no document '%.40s'", id);
    snprintf(term, sizeof(term), "%s%s", PFX_UID, id);
    rc = xdb_find(s->db, term, docid, err);
    if (rc == 0 && *docid == 0)
        return lv_err_set(err, LV_ENOTFOUND, "no document '%s'", id);
    if (rc == 0)
        rc = xdb_get_doc(s->db, *docid, &doc, err);
    if (rc == 0)
        rc = xdoc_get_data(doc, &data, &len, err);
    xdoc_free(doc);
    if (rc == 0) {
        *rec = record_parse(data, len);
        if (!*rec)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    free(data);
    return rc;
}

int searcher_similar(struct searcher *s, unsigned docid, unsigned n,
                     struct search_result *res, struct lv_err *err)
{
    static const char *const prefixes[] = { PFX_BIGRAM, NULL };
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    struct xquery **subs = NULL, *q = NULL, *parts[2];
    struct query none = { 0 };
    char **terms = NULL, uid[64];
    size_t nterms = 0, i;
    int rc;

    memset(res, 0, sizeof(*res));
    rc = xenquire_new(s->db, &e, err);
    if (rc == 0)
        rc = xenquire_expand(e, &docid, 1, 24, prefixes, &terms, &nterms,
                             err);
    if (rc < 0 || nterms == 0)
        goto out;
    subs = calloc(nterms, sizeof(*subs));
    if (!subs) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < nterms; i++)
        subs[i] = xquery_term(terms[i], 1, 0);
    q = xquery_combine(XQ_OR, subs, nterms, 0);
    /* Exclude the document itself by its docid's unique term. */
    {
        struct xdoc *doc = NULL;
        char *data = NULL;
        size_t len = 0;
        struct record *rec = NULL;

        uid[0] = '\0';
        if (xdb_get_doc(s->db, docid, &doc, NULL) == 0
            && xdoc_get_data(doc, &data, &len, NULL) == 0
            && (rec = record_parse(data, len)) != NULL
            && record_get(rec, "id"))
            snprintf(uid, sizeof(uid), "%s%s", PFX_UID,
                     record_get(rec, "id"));
        record_free(rec);
        free(data);
        xdoc_free(doc);
    }
    parts[0] = q;
    parts[1] = xquery_term(uid, 1, 0);
    q = xquery_combine(XQ_AND_NOT, parts, 2, 0);
    if (!q) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    rc = xenquire_set_query(e, q, err);
    if (rc == 0)
        rc = xenquire_mset(e, 0, n, n, &m, err);
    if (rc == 0) {
        res->total = xmset_estimated(m);
        rc = fill_hits(m, &none, 1, res, err);
    }
out:
    for (i = 0; i < nterms; i++)
        free(terms[i]);
    free(terms);
    free(subs);
    xquery_free(q);
    xmset_free(m);
    xenquire_free(e);
    return rc;
}
