/*
 * facettable.c - facet ids by docid in memory (see facettable.h): one
 * array of ids and one of offsets into it, docid d's ids being
 * ids[start[d] .. start[d + 1]).
 */
#include "facettable.h"

#include <stdlib.h>
#include <string.h>

#include "../xapian/facetdict.h"
#include "facets.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"

struct facet_table {
    uint32_t *start;   /* start[0 .. ndocs + 1] */
    uint32_t *dates;   /* dates[docid], YYYYMMDD or 0 */
    uint32_t *cluster; /* cluster[docid], 1..nclusters, or 0 alone */
    uint32_t nclusters;
    unsigned *copies; /* the docids with a cluster, ascending */
    double *zeros;    /* a weight of 0 for each */
    size_t ncopies;
    uint32_t *ids;
    size_t ndocs; /* docids 1 .. ndocs */
    size_t nids, cap;
};

struct builder {
    struct facet_table *t;
    unsigned filled; /* start[] is set up to this docid */
    int nomem;
};

static void push_id(unsigned id, void *ctx)
{
    struct builder *b = ctx;
    struct facet_table *t = b->t;

    if (t->nids == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 4096;
        uint32_t *ids = realloc(t->ids, cap * sizeof(*ids));

        if (!ids) {
            b->nomem = 1;
            return;
        }
        t->ids = ids;
        t->cap = cap;
    }
    t->ids[t->nids++] = id;
}

static int add_doc(unsigned docid, const char *value, size_t len, void *ctx)
{
    struct builder *b = ctx;
    struct facet_table *t = b->t;

    if (docid > t->ndocs)
        return 0; /* added after the last docid was read: not counted */
    /* Documents without a value in between have no ids. */
    while (b->filled < docid)
        t->start[++b->filled] = (uint32_t)t->nids;
    facetdict_each(value, len, push_id, b);
    return b->nomem ? LV_ENOMEM : 0;
}

static int add_date(unsigned docid, const char *value, size_t len, void *ctx)
{
    struct facet_table *t = ctx;
    uint32_t d = 0;
    size_t i;

    if (docid > t->ndocs || len != 8)
        return 0;
    for (i = 0; i < 8; i++) {
        if (value[i] < '0' || value[i] > '9')
            return 0;
        d = d * 10 + (uint32_t)(value[i] - '0');
    }
    t->dates[docid] = d;
    return 0;
}

/* Cluster keys (lower-case hex, indexer/reprints.h) by docid. */
struct keyed {
    uint64_t key;
    uint32_t docid;
};

struct key_list {
    struct keyed *v;
    size_t n, cap;
    size_t ndocs;
};

static int add_key(unsigned docid, const char *value, size_t len, void *ctx)
{
    struct key_list *l = ctx;
    uint64_t k = 0;
    size_t i;

    if (docid > l->ndocs || len == 0 || len > 16)
        return 0;
    for (i = 0; i < len; i++) {
        char c = value[i];

        if (c >= '0' && c <= '9')
            k = k << 4 | (uint64_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            k = k << 4 | (uint64_t)(c - 'a' + 10);
        else
            return 0; /* not a key lvzhi wrote: counted alone */
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1024;
        struct keyed *v = realloc(l->v, cap * sizeof(*v));

        if (!v)
            return LV_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n].key = k;
    l->v[l->n++].docid = docid;
    return 0;
}

static int cmp_keyed(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->docid > b->docid) - (a->docid < b->docid);
}

/* The documents with a cluster, ascending, as facet_table_copies gives
 * them.  0 or LV_ENOMEM. */
static int list_copies(struct facet_table *t)
{
    size_t i, j;

    for (i = 1; i <= t->ndocs; i++)
        t->ncopies += t->cluster[i] != 0;
    if (!t->ncopies)
        return 0;
    t->copies = malloc(t->ncopies * sizeof(*t->copies));
    t->zeros = calloc(t->ncopies, sizeof(*t->zeros));
    if (!t->copies || !t->zeros)
        return LV_ENOMEM;
    for (i = 1, j = 0; i <= t->ndocs; i++)
        if (t->cluster[i])
            t->copies[j++] = (unsigned)i;
    return 0;
}

/* Number the clusters of more than one document 1, 2, ...: the rest
 * (nearly every document) are articles of one copy. */
static int number_clusters(struct xdb *db, struct facet_table *t,
                           struct lv_err *err)
{
    struct key_list l = {NULL, 0, 0, t->ndocs};
    size_t i, j;
    int rc = xdb_each_value(db, SLOT_CLUSTER, add_key, &l, err);

    if (rc == 0 && l.n > 1)
        qsort(l.v, l.n, sizeof(*l.v), cmp_keyed);
    for (i = 0; rc == 0 && i < l.n; i = j) {
        for (j = i + 1; j < l.n && l.v[j].key == l.v[i].key; j++)
            ;
        if (j - i < 2)
            continue;
        t->nclusters++;
        for (; i < j; i++)
            t->cluster[l.v[i].docid] = t->nclusters;
    }
    free(l.v);
    return rc == 0 ? list_copies(t) : rc;
}

/* An empty table for docids 1..db's last.  0, LV_ENOMEM or LV_EDB. */
static int new_table(struct xdb *db, struct facet_table **out,
                     struct lv_err *err)
{
    struct facet_table *t = calloc(1, sizeof(*t));
    unsigned last = 0;
    int rc = t ? xdb_last_docid(db, &last, err) : LV_ENOMEM;

    *out = t;
    if (rc < 0)
        return rc;
    t->ndocs = last;
    t->start = calloc((size_t)last + 2, sizeof(*t->start));
    t->dates = calloc((size_t)last + 1, sizeof(*t->dates));
    t->cluster = calloc((size_t)last + 1, sizeof(*t->cluster));
    return t->start && t->dates && t->cluster ? 0 : LV_ENOMEM;
}

/* The table built (rc 0) or freed with the error. */
static int finish_table(struct facet_table *t, struct builder *b, int rc,
                        struct facet_table **out, struct lv_err *err)
{
    *out = NULL;
    if (rc == LV_ENOMEM)
        lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0 || (size_t)t->nids > UINT32_MAX) {
        facet_table_free(t);
        return rc < 0 ? rc : lv_err_set(err, LV_ENOMEM, "facet table too big");
    }
    while (b->filled <= t->ndocs)
        t->start[++b->filled] = (uint32_t)t->nids;
    *out = t;
    return 0;
}

int facet_table_build(struct xdb *db, struct facet_table **out,
                      struct lv_err *err)
{
    struct facet_table *t = NULL;
    struct builder b = {NULL, 0, 0};
    int rc = new_table(db, &t, err);

    b.t = t;
    if (rc == 0)
        rc = xdb_each_value(db, SLOT_FACETS, add_doc, &b, err);
    if (rc == 0)
        rc = xdb_each_value(db, SLOT_DATE, add_date, t, err);
    if (rc == 0)
        rc = number_clusters(db, t, err);
    return finish_table(t, &b, rc, out, err);
}

/* ---- over shards, from postings ---- */

/* (docid, facet id) pairs, gathered term by term. */
struct pairs {
    uint64_t *v;
    size_t n, cap, ndocs;
    uint32_t id; /* of the term whose postings come */
};

static int push_posting(unsigned docid, void *ctx)
{
    struct pairs *p = ctx;

    if (docid > p->ndocs)
        return 0; /* committed after the last docid was read */
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 65536;
        uint64_t *v = realloc(p->v, cap * sizeof(*v));

        if (!v)
            return LV_ENOMEM;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = (uint64_t)docid << 32 | p->id;
    return 0;
}

static int cmp_pair(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

struct cluster_terms {
    struct xdb *db;
    struct facet_table *t;
    struct lv_err *err;
};

static int put_in_cluster(unsigned docid, void *ctx)
{
    struct facet_table *t = ctx;

    if (docid <= t->ndocs)
        t->cluster[docid] = t->nclusters;
    return 0;
}

/* A cluster's term: numbered when it holds two documents or more. */
static int cluster_term(const char *term, unsigned freq, void *ctx)
{
    struct cluster_terms *c = ctx;

    if (freq < 2)
        return 0;
    c->t->nclusters++;
    return xdb_each_posting(c->db, term, put_in_cluster, c->t, c->err);
}

int facet_table_build_from_terms(struct xdb *db, const struct facetdict *dict,
                                 struct facet_table **out, struct lv_err *err)
{
    struct facet_table *t = NULL;
    struct builder b = {NULL, 0, 0};
    struct pairs p = {0};
    struct cluster_terms c = {db, NULL, err};
    unsigned id, n = facetdict_size(dict);
    size_t i;
    int rc = new_table(db, &t, err);

    b.t = c.t = t;
    p.ndocs = t ? t->ndocs : 0;
    for (id = 1; id <= n && rc == 0; id++) {
        p.id = id;
        rc = xdb_each_posting(db, facetdict_term(dict, id), push_posting, &p,
                              err);
    }
    if (rc == 0 && p.n > 1)
        qsort(p.v, p.n, sizeof(*p.v), cmp_pair);
    for (i = 0; rc == 0 && i < p.n; i++) {
        unsigned docid = (unsigned)(p.v[i] >> 32);

        while (b.filled < docid)
            t->start[++b.filled] = (uint32_t)t->nids;
        push_id((unsigned)(uint32_t)p.v[i], &b);
        if (b.nomem)
            rc = LV_ENOMEM;
    }
    free(p.v);
    if (rc == 0)
        rc = xdb_each_term(db, PFX_CLUSTER, cluster_term, &c, err);
    if (rc == 0)
        rc = list_copies(t);
    return finish_table(t, &b, rc, out, err);
}

void facet_table_free(struct facet_table *t)
{
    if (!t)
        return;
    free(t->start);
    free(t->dates);
    free(t->cluster);
    free(t->copies);
    free(t->zeros);
    free(t->ids);
    free(t);
}

const uint32_t *facet_table_ids(const struct facet_table *t, unsigned docid,
                                size_t *n)
{
    if (docid == 0 || docid > t->ndocs) {
        *n = 0;
        return NULL;
    }
    *n = t->start[docid + 1] - t->start[docid];
    return t->ids + t->start[docid];
}

uint32_t facet_table_date(const struct facet_table *t, unsigned docid)
{
    return docid && docid <= t->ndocs ? t->dates[docid] : 0;
}

uint32_t facet_table_cluster(const struct facet_table *t, unsigned docid)
{
    return docid && docid <= t->ndocs ? t->cluster[docid] : 0;
}

uint32_t facet_table_nclusters(const struct facet_table *t)
{
    return t->nclusters;
}

size_t facet_table_copies(const struct facet_table *t, const unsigned **docids,
                          const double **zeros)
{
    *docids = t->copies;
    *zeros = t->zeros;
    return t->ncopies;
}

unsigned char *facet_table_article_set(const struct facet_table *t)
{
    return calloc(t->nclusters / 8 + 1, 1);
}

int facet_table_first_copy(const struct facet_table *t, unsigned char *set,
                           unsigned docid)
{
    uint32_t cl = facet_table_cluster(t, docid);
    unsigned char bit = (unsigned char)(1u << (cl % 8));

    if (!cl)
        return 1;
    if (set[cl / 8] & bit)
        return 0;
    set[cl / 8] |= bit;
    return 1;
}

void facet_spy_count(unsigned docid, double weight, void *spy)
{
    struct facet_spy *st = spy;
    size_t n;
    const uint32_t *ids = facet_table_ids(st->table, docid, &n);

    (void)weight;
    facet_counter_add_doc(st->counter, ids, n,
                          st->collapse ? facet_table_cluster(st->table, docid)
                                       : 0);
}
