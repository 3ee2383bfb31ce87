/*
 * result.c - reading hits and filling a result (see result.h), and
 * releasing results (search.h).
 */
#include "result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/gazetteer.h"
#include "../common/record.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "facets.h"
#include "query.h"

void search_format_date(const struct record *rec, char out[11])
{
    const char *d = record_get(rec, "date");

    if (d && strlen(d) == 8)
        snprintf(out, 11, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
    else
        out[0] = '\0';
}

/* Fill h's record, cluster and snippet from doc. */
static int read_doc(struct search_hit *h, struct xdoc *doc,
                    const struct query *q, size_t chars, struct lv_err *err)
{
    char *data = NULL, *cluster = NULL;
    size_t len = 0;
    const char *body;
    int rc = xdoc_get_data(doc, &data, &len, err);

    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CLUSTER, &cluster, NULL, err);
    if (rc == 0)
        snprintf(h->cluster, sizeof(h->cluster), "%s", cluster);
    free(cluster);
    if (rc < 0) {
        free(data);
        return rc;
    }
    h->rec = record_parse(data, len);
    free(data);
    if (!h->rec)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    body = record_get(h->rec, "body");
    return snippet_make(body ? body : "", body ? strlen(body) : 0,
                        q ? q->highlight : NULL, q ? q->nhighlight : 0, chars,
                        &h->snippet, err);
}

int result_read_hit(struct search_hit *h, struct xdb *db, unsigned docid,
                    double weight, const struct query *q, size_t chars,
                    struct lv_err *err)
{
    struct xdoc *doc = NULL;
    int rc = xdb_get_doc(db, docid, &doc, err);

    h->docid = docid;
    h->score = weight;
    if (rc == 0)
        rc = read_doc(h, doc, q, chars, err);
    xdoc_free(doc);
    return rc;
}

int result_read_mset_hit(struct search_hit *h, const struct xmset *m,
                         unsigned i, const struct query *q, size_t chars,
                         struct lv_err *err)
{
    struct xdoc *doc = NULL;
    int rc = xmset_docid(m, i, &h->docid, err);

    if (rc == 0)
        rc = xmset_weight(m, i, &h->score, err);
    if (rc == 0)
        rc = xmset_doc(m, i, &doc, err);
    if (rc == 0)
        rc = read_doc(h, doc, q, chars, err);
    xdoc_free(doc);
    return rc;
}

int result_read_mset(const struct xmset *m, const struct query *q, size_t chars,
                     struct search_result *res, struct lv_err *err)
{
    unsigned k, size = xmset_size(m);
    int rc = 0;

    res->hits = calloc(size ? size : 1, sizeof(*res->hits));
    if (!res->hits)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    if (size > 1)
        rc = xmset_fetch(m, err);
    for (k = 0; k < size && rc == 0; k++) {
        rc = result_read_mset_hit(&res->hits[k], m, k, q, chars, err);
        res->nhits++;
    }
    return rc;
}

/*
 * A city among the counted ones whose name, without its level word
 * (兰州市 → 兰州), occurs in the query, when no city filter is set.
 */
static char *suggest_city(const struct search_request *req,
                          const struct search_result *res)
{
    static const char *const levels[] = {"市", "地区", "自治州", "州", "盟"};
    const struct facet *f = search_result_facet(res, "city");
    size_t i, k;

    if (!req->query || !*req->query || !f)
        return NULL;
    for (i = 0; i < req->nfilters; i++)
        if (strcmp(req->filters[i].field, "city") == 0)
            return NULL;
    if (strstr(req->query, "city:"))
        return NULL;
    for (i = 0; i < f->nvalues; i++) {
        const char *v = f->values[i].value;
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
    return NULL;
}

int result_take_facets(struct search_result *res, struct facet_counter *c,
                       size_t top, unsigned undated,
                       const struct search_request *req, struct lv_err *err)
{
    int rc = facet_counter_result(c, top, &res->facets, &res->nfacets, err);

    res->facet_undated = undated;
    if (rc == 0)
        res->suggest_city = suggest_city(req, res);
    return rc;
}

static int has_value(const struct record *rec, const char *key,
                     const char *value)
{
    size_t n;
    const char *v;

    for (n = 0; (v = record_get_nth(rec, key, n)) != NULL; n++)
        if (strcmp(v, value) == 0)
            return 1;
    return 0;
}

/* 1 if the article's entities put it in `place` (its city, province or
 * a county of it, or the county itself). */
static int placed_in(const struct record *rec, const char *place)
{
    static const char *const keys[] = {"city", "province", "county"};
    size_t k, n;
    const char *v;

    for (k = 0; k < 3; k++)
        for (n = 0; (v = record_get_nth(rec, keys[k], n)) != NULL; n++) {
            const struct gaz_row *r;

            if (strcmp(v, place) == 0)
                return 1;
            r = k == 2 ? gaz_find(v, GAZ_COUNTY) : NULL;
            if (r && strcmp(r->parent_city, place) == 0)
                return 1;
        }
    return 0;
}

int result_mark_parts(struct search_result *res, struct query *q,
                      struct lv_err *err)
{
    size_t i;

    if (q->nparts < 2)
        return 0;
    res->parts = calloc(q->nparts, sizeof(*res->parts));
    if (!res->parts)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    res->nparts = q->nparts;
    for (i = 0; i < q->nparts; i++) {
        res->parts[i] = q->parts[i].text;
        q->parts[i].text = NULL;
    }
    for (i = 0; i < res->nhits; i++) {
        const struct record *rec = res->hits[i].rec;
        size_t k;

        res->hits[i].parts = query_parts_in(q, record_get(rec, "title"),
                                            record_get(rec, "body"));
        for (k = 0; k < q->nparts && k < 64; k++)
            if (q->parts[k].place
                && (q->parts[k].sector
                        ? has_value(rec, "sector", q->parts[k].place)
                        : placed_in(rec, q->parts[k].place)))
                res->hits[i].parts |= 1ULL << k;
    }
    return 0;
}

void search_hit_release(struct search_hit *h)
{
    size_t i;

    record_free(h->rec);
    snippet_release(&h->snippet);
    for (i = 0; i < h->nreprints; i++)
        record_free(h->reprints[i]);
    free(h->reprints);
    memset(h, 0, sizeof(*h));
}

const struct facet *search_result_facet(const struct search_result *res,
                                        const char *field)
{
    size_t i;

    for (i = 0; i < res->nfacets; i++)
        if (strcmp(res->facets[i].field, field) == 0)
            return &res->facets[i];
    return NULL;
}

unsigned facet_count_of(const struct facet *f, const char *value)
{
    size_t i;

    for (i = 0; f && i < f->nvalues; i++)
        if (strcmp(f->values[i].value, value) == 0)
            return f->values[i].count;
    return 0;
}

void search_result_release(struct search_result *res)
{
    size_t i;

    for (i = 0; i < res->nhits; i++)
        search_hit_release(&res->hits[i]);
    free(res->hits);
    for (i = 0; i < res->nterms; i++)
        free(res->terms[i]);
    free(res->terms);
    facets_free(res->facets, res->nfacets);
    free(res->suggest_city);
    free(res->rewritten);
    strv_release(&res->expanded);
    strv_release(&res->reworded);
    for (i = 0; i < res->nparts; i++)
        free(res->parts[i]);
    free(res->parts);
    memset(res, 0, sizeof(*res));
}
