/*
 * shards.c - a search over several indexes: a stub file's shards, local
 * or served by xapian-tcpsrv (see searcher_int.h).
 *
 * Xapian runs it whole.  What the other paths lean on cannot cross shards
 * or reach a remote one: facet ids and metadata are each shard's own,
 * docids interleave, and a remote shard refuses our spy and posting
 * sources.  So Xapian collapses copies (SLOT_CLUSTER) and its
 * ValueCountMatchSpy counts, over every match, each field's value slot
 * (a few distinct combinations of values per field) and the copies' slot
 * (one entry per matching copy).  The values are named in the searcher's
 * dictionary and added up as the facet counter does on one index: a
 * document alone under each of its values; an article of copies once,
 * under everything its matching copies hold.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "result.h"
#include "searcher_int.h"

/* One counted value: the ids of its terms and the documents holding it;
 * for a copy, its cluster (numbered in this search) as well. */
struct counted {
    uint32_t *ids;
    size_t nids;
    unsigned count;
    char *key;          /* copies: the cluster key */
    uint32_t cluster;   /* copies: 1.. by key */
};

struct tally {
    struct facetdict *dict;
    struct counted *v;
    size_t n, cap;
    int copies;         /* the values are SLOT_COPY's */
    int nomem;
};

static void take_id(unsigned id, void *ctx)
{
    struct counted *c = ctx;

    c->ids[c->nids++] = id;
}

/* A value as the ids of its terms ('\n'-terminated lines). */
static int name_value(struct facetdict *dict, const char *value, size_t len,
                      struct counted *c)
{
    struct buf enc = BUF_INIT;
    size_t lines = 0, i;
    int rc = facetdict_encode(dict, value, len, &enc, NULL);

    for (i = 0; i < len; i++)
        lines += value[i] == '\n';
    c->ids = malloc((lines + 1) * sizeof(*c->ids));
    if (rc == 0 && c->ids)
        facetdict_each(enc.data ? enc.data : "", enc.len, take_id, c);
    buf_release(&enc);
    return rc < 0 || !c->ids ? LV_ENOMEM : 0;
}

static int tally_value(const char *value, size_t len, unsigned count,
                       void *ctx)
{
    struct tally *t = ctx;
    struct counted *c;
    const char *nl = t->copies ? memchr(value, '\n', len) : NULL;

    if (t->copies && !nl)
        return 0;   /* not a copy's value */
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        struct counted *v = realloc(t->v, cap * sizeof(*v));

        if (!v)
            return LV_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    c = &t->v[t->n];
    memset(c, 0, sizeof(*c));
    c->count = count;
    if (nl) {
        c->key = strndup(value, (size_t)(nl - value));
        len -= (size_t)(nl + 1 - value);
        value = nl + 1;
        if (!c->key)
            return LV_ENOMEM;
    }
    t->n++;
    return name_value(t->dict, value, len, c);
}

static void tally_release(struct tally *t)
{
    size_t i;

    for (i = 0; i < t->n; i++) {
        free(t->v[i].ids);
        free(t->v[i].key);
    }
    free(t->v);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const struct counted *)a)->key,
                  ((const struct counted *)b)->key);
}

/* Number the copies' clusters 1.. in key order. */
static void number_clusters(struct tally *copies)
{
    size_t i;
    uint32_t k = 0;

    if (copies->n > 1)
        qsort(copies->v, copies->n, sizeof(*copies->v), cmp_key);
    for (i = 0; i < copies->n; i++) {
        if (!i || strcmp(copies->v[i].key, copies->v[i - 1].key) != 0)
            k++;
        copies->v[i].cluster = k;
    }
}

/* Does a counted value hold a year? */
static int dated(const struct counted *c, const unsigned char *field_map,
                 size_t year_field)
{
    size_t i;

    for (i = 0; i < c->nids; i++)
        if (field_map[c->ids[i]] == year_field)
            return 1;
    return 0;
}

/*
 * The facet counter of the match: every field's values, less what the
 * copies among them hold, plus each article of copies once; the
 * documents alone are `seen` less the copies.
 */
static int count_facets(struct searcher *s, struct tally *fields,
                        size_t nfields, struct tally *copies, unsigned seen,
                        struct facet_counter **out, struct lv_err *err)
{
    unsigned alone = seen, alone_dated = 0;
    size_t f, i, year_field = nfields;
    struct facet_counter *c;
    int rc = searcher_field_map(s, err);

    *out = NULL;
    if (rc < 0)
        return rc;
    c = facet_counter_new(s->dict, s->field_map);
    if (!c)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (f = 0; f < nfields; f++)
        if (strcmp(query_filter_fields[f], "year") == 0)
            year_field = f;
    for (f = 0; f < nfields; f++)
        for (i = 0; i < fields[f].n; i++) {
            facet_counter_add_times(c, fields[f].v[i].ids, fields[f].v[i].nids,
                                    fields[f].v[i].count);
            if (f == year_field)
                alone_dated += fields[f].v[i].count;
        }
    number_clusters(copies);
    for (i = 0; i < copies->n; i++) {
        const struct counted *k = &copies->v[i];

        facet_counter_take_times(c, k->ids, k->nids, k->count);
        facet_counter_add_doc(c, k->ids, k->nids, k->cluster);
        alone -= k->count < alone ? k->count : alone;
        if (dated(k, s->field_map, year_field))
            alone_dated -= k->count < alone_dated ? k->count : alone_dated;
    }
    facet_counter_add_articles(c, alone,
                               alone > alone_dated ? alone - alone_dated : 0);
    *out = c;
    return 0;
}

/* Totals and facets from the value counts of enquire e. */
static int take_counts(struct searcher *s, const struct search_request *req,
                       const struct search_plan *plan, struct xenquire *e,
                       const unsigned *spies, size_t nfields,
                       struct search_result *res, struct lv_err *err)
{
    struct tally fields[SCHEMA_NFACET_FIELDS], copies = { 0 };
    struct facet_counter *c = NULL;
    unsigned seen = 0;
    size_t f;
    int rc = 0;

    memset(fields, 0, sizeof(fields));
    for (f = 0; f <= nfields && rc == 0; f++) {
        struct tally *t = f < nfields ? &fields[f] : &copies;

        if (f == nfields && !plan->collapse)
            break;
        t->dict = s->dict;
        t->copies = f == nfields;
        rc = xenquire_each_value_count(e, spies[f], tally_value, t, &seen,
                                       err);
        if (rc == LV_ENOMEM)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = count_facets(s, fields, nfields, &copies, seen, &c, err);
    if (rc == 0) {
        res->total = facet_counter_articles(c);
        res->total_exact = 1;
    }
    if (rc == 0 && plan->facets)
        rc = result_take_facets(res, c, plan->facet_top,
                                facet_counter_undated(c), req, err);
    facet_counter_free(c);
    for (f = 0; f < nfields; f++)
        tally_release(&fields[f]);
    tally_release(&copies);
    return rc;
}

int shards_search(struct searcher *s, const struct search_request *req,
                  const struct search_plan *plan, const struct query *q,
                  struct search_result *res, struct lv_err *err)
{
    unsigned spies[SCHEMA_NFACET_FIELDS + 1];
    size_t nfields = SCHEMA_NFACET_FIELDS, f;
    int counted = plan->facets || plan->collapse;
    struct plan_window w;
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    int rc = xenquire_new(s->db, &e, err);

    plan_window(plan, 1, &w);
    if (counted)   /* every match is seen: counts are exact */
        w.check = PLAN_EXACT;
    if (rc == 0)
        rc = xenquire_set_query(e, q->xq, err);
    if (rc == 0 && plan->sort)   /* both descending: the undated last */
        rc = xenquire_sort_value(e, plan->sort == 1 ? SLOT_DATE : SLOT_OLDEST,
                                 1, NULL, err);
    if (rc == 0 && plan->collapse)
        rc = xenquire_set_collapse(e, SLOT_CLUSTER, err);
    for (f = 0; f <= nfields && rc == 0 && counted; f++)
        rc = xenquire_add_value_count(e, f < nfields ? SLOT_FIELD0 + (unsigned)f
                                                     : SLOT_COPY,
                                      &spies[f], err);
    if (rc == 0)
        rc = xenquire_mset(e, w.first, w.max,
                           w.check == PLAN_EXACT ? XMSET_EXACT : w.check, &m,
                           err);
    if (rc == 0) {
        res->offset = plan->offset;
        res->total = xmset_estimated(m);
        res->total_exact = xmset_lower(m) == xmset_upper(m);
    }
    if (rc == 0 && counted)
        rc = take_counts(s, req, plan, e, spies, nfields, res, err);
    if (rc == 0)
        rc = result_read_mset(m, q, plan->snippet_chars, res, err);
    xmset_free(m);
    xenquire_free(e);
    return rc;
}
