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
    unsigned *copies;  /* the docids with a cluster, ascending */
    double *zeros;     /* a weight of 0 for each */
    size_t ncopies;
    uint32_t *ids;
    size_t ndocs;      /* docids 1 .. ndocs */
    size_t nids, cap;
};

struct builder {
    struct facet_table *t;
    unsigned filled;   /* start[] is set up to this docid */
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
        return 0;   /* added after the last docid was read: not counted */
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
            return 0;   /* not a key lvzhi wrote: counted alone */
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

/* Number the clusters of more than one document 1, 2, ...: the rest
 * (nearly every document) are articles of one copy. */
static int number_clusters(struct xdb *db, struct facet_table *t,
                           struct lv_err *err)
{
    struct key_list l = { NULL, 0, 0, t->ndocs };
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
    for (i = 1; rc == 0 && i <= t->ndocs; i++)
        t->ncopies += t->cluster[i] != 0;
    if (rc == 0 && t->ncopies) {
        t->copies = malloc(t->ncopies * sizeof(*t->copies));
        t->zeros = calloc(t->ncopies, sizeof(*t->zeros));
        if (!t->copies || !t->zeros)
            return LV_ENOMEM;
        for (i = 1, j = 0; i <= t->ndocs; i++)
            if (t->cluster[i])
                t->copies[j++] = (unsigned)i;
    }
    return rc;
}

int facet_table_build(struct xdb *db, struct facet_table **out,
                      struct lv_err *err)
{
    struct facet_table *t = calloc(1, sizeof(*t));
    struct builder b = { t, 0, 0 };
    unsigned last = 0;
    int rc;

    *out = NULL;
    if (!t)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    rc = xdb_last_docid(db, &last, err);
    if (rc == 0) {
        t->ndocs = last;
        t->start = calloc((size_t)last + 2, sizeof(*t->start));
        if (!t->start)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0) {
        t->dates = calloc((size_t)last + 1, sizeof(*t->dates));
        if (!t->dates)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = xdb_each_value(db, SLOT_FACETS, add_doc, &b, err);
    if (rc == 0)
        rc = xdb_each_value(db, SLOT_DATE, add_date, t, err);
    if (rc == 0) {
        t->cluster = calloc((size_t)last + 1, sizeof(*t->cluster));
        rc = t->cluster ? number_clusters(db, t, err) : LV_ENOMEM;
    }
    if (rc == LV_ENOMEM)
        lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0 || (size_t)t->nids > UINT32_MAX) {
        facet_table_free(t);
        return rc < 0 ? rc : lv_err_set(err, LV_ENOMEM, "facet table too big");
    }
    while (b.filled <= t->ndocs)
        t->start[++b.filled] = (uint32_t)t->nids;
    *out = t;
    return 0;
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
