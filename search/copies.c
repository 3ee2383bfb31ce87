/*
 * copies.c - the copies of each hit's article (indexer/reprints.h): who
 * else carries it, and which copy stands for it.  The article's
 * representative is its earliest dated copy (ties: the longest text); a
 * page ranked by relevance shows it in place of the copy that ranked
 * best, when it matches the request too.  Ranked by date, the copy the
 * order chose stays (its date is where it sits in the order).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "result.h"
#include "searcher_int.h"

struct copy_list {
    struct xdb *db;
    unsigned self;
    struct record **v;
    unsigned *docids;
    size_t n, cap;
    struct lv_err *err;
};

static int add_copy(unsigned docid, void *ctx)
{
    struct copy_list *l = ctx;
    struct xdoc *doc = NULL;
    struct record *rec = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc;

    if (docid == l->self)
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4;
        struct record **v = realloc(l->v, cap * sizeof(*v));
        unsigned *d = v ? realloc(l->docids, cap * sizeof(*d)) : NULL;

        if (v)
            l->v = v;
        if (!v || !d)
            return lv_err_set(l->err, LV_ENOMEM, "out of memory");
        l->docids = d;
        l->cap = cap;
    }
    /* the card, not the whole record: no body to inflate and parse */
    rc = xdb_get_doc(l->db, docid, &doc, l->err);
    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CARD, &data, &len, l->err);
    if (rc == 0 && !(rec = record_parse(data, len)))
        rc = lv_err_set(l->err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        l->v[l->n] = rec;
    rec = NULL;
    if (rc == 0)
        l->docids[l->n++] = docid;
    record_free(rec);
    free(data);
    xdoc_free(doc);
    return rc;
}

static const char *date_key(const struct record *r)
{
    const char *d = record_get(r, "date");

    return d && *d ? d : SEARCH_UNDATED_KEY;
}

static unsigned long length_of(const struct record *r)
{
    const char *l = record_get(r, "length");

    return l ? strtoul(l, NULL, 10) : 0;
}

/* Earliest first, undated last, then the longest, then by id: the first
 * is the one that stands for the article. */
static int cmp_copies(const void *pa, const void *pb)
{
    const struct record *a = *(struct record *const *)pa;
    const struct record *b = *(struct record *const *)pb;
    int c = strcmp(date_key(a), date_key(b));

    if (c)
        return c;
    if (length_of(a) != length_of(b))
        return length_of(a) > length_of(b) ? -1 : 1;
    return strcmp(record_get(a, "id") ? record_get(a, "id") : "",
                  record_get(b, "id") ? record_get(b, "id") : "");
}

/* The copies in cluster `key` but docid, earliest first; with docids
 * non-NULL, their docids in the same order (caller frees). */
static int list_copies(struct xdb *db, unsigned docid, const char *key,
                       struct record ***out, unsigned **docids, size_t *n,
                       struct lv_err *err)
{
    struct copy_list l = {db, docid, NULL, NULL, 0, 0, err};
    char term[64];
    unsigned freq = 0;
    size_t i, j;
    int rc = 0;

    if (*key) {
        snprintf(term, sizeof(term), "%s%.24s", PFX_CLUSTER, key);
        rc = xdb_term_freq(db, term, &freq, err);
    }
    if (rc == 0 && freq > 1)
        rc = xdb_each_posting(db, term, add_copy, &l, err);
    /* sort the records, then put the docids in their order */
    for (i = 1; i < l.n; i++)
        for (j = i; j > 0 && cmp_copies(&l.v[j - 1], &l.v[j]) > 0; j--) {
            struct record *r = l.v[j];
            unsigned d = l.docids[j];

            l.v[j] = l.v[j - 1];
            l.v[j - 1] = r;
            l.docids[j] = l.docids[j - 1];
            l.docids[j - 1] = d;
        }
    *out = l.v;
    *n = l.n;
    if (docids)
        *docids = l.docids;
    else
        free(l.docids);
    return rc;
}

int searcher_reprints(struct searcher *s, unsigned docid, struct record ***out,
                      size_t *n, struct lv_err *err)
{
    struct xdoc *doc = NULL;
    char *key = NULL;
    int rc = xdb_get_doc(s->db, docid, &doc, err);

    *out = NULL;
    *n = 0;
    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CLUSTER, &key, NULL, err);
    if (rc == 0)
        rc = list_copies(s->db, docid, key, out, NULL, n, err);
    free(key);
    xdoc_free(doc);
    return rc;
}

/* Does copy i stand for the article better than the hit: earlier, or
 * as early and longer? */
static int better(const struct record *copy, const struct record *hit)
{
    const char *bl = record_get(hit, "body");
    int c = strcmp(date_key(copy), date_key(hit));

    if (c)
        return c < 0;
    return length_of(copy) > (bl ? strlen(bl) : 0);
}

/* 1 if the document with record id `id` matches the request's query
 * xq (by its unique term, which shards and remote ones know too). */
static int matches(struct searcher *s, const struct xquery *xq, const char *id,
                   struct lv_err *err)
{
    char term[64];
    struct xquery *sub[2], *q;

    if (!id)
        return 0;
    snprintf(term, sizeof(term), "%s%.40s", PFX_UID, id);
    sub[0] = xquery_copy(xq);
    sub[1] = xquery_term(term, 1, 0);
    q = xquery_combine(XQ_FILTER, sub, 2, 0);
    int rc = q ? searcher_any_match(s, q, err)
               : lv_err_set(err, LV_ENOMEM, "out of memory");

    xquery_free(q);
    return rc;
}

/* Show copy k of hit h in its place: h goes to the list. */
static int swap_in(struct searcher *s, struct search_hit *h, size_t k,
                   unsigned *docids, const struct query *q,
                   size_t snippet_chars, struct lv_err *err)
{
    struct search_hit rep = {0};
    struct record *shown = NULL;
    unsigned docid = docids[k];
    int rc =
        result_read_hit(&rep, s->db, docid, h->score, q, snippet_chars, err);

    if (rc == 0 && !(shown = record_card(h->rec)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0) {
        search_hit_release(&rep);
        return rc;
    }
    record_free(h->reprints[k]);
    h->reprints[k] = shown;
    docids[k] = h->docid;
    record_free(h->rec);
    snippet_release(&h->snippet);
    h->rec = rep.rec;
    h->snippet = rep.snippet;
    h->docid = docid;
    qsort(h->reprints, h->nreprints, sizeof(*h->reprints), cmp_copies);
    return 0;
}

int copies_attach(struct searcher *s, const struct search_plan *plan,
                  const struct query *q, struct search_result *res,
                  struct lv_err *err)
{
    int rc = 0;
    size_t i;

    for (i = 0; i < res->nhits && rc == 0; i++) {
        struct search_hit *h = &res->hits[i];
        unsigned *docids = NULL;

        rc = list_copies(s->db, h->docid, h->cluster, &h->reprints, &docids,
                         &h->nreprints, err);
        /* the earliest copy is first: does it stand for the article
         * better, and match the request? */
        if (rc == 0 && plan->sort == 0 && plan->collapse && h->nreprints
            && better(h->reprints[0], h->rec)) {
            rc = q->xq
                     ? matches(s, q->xq, record_get(h->reprints[0], "id"), err)
                     : 0;
            if (rc > 0)
                rc = swap_in(s, h, 0, docids, q, plan->snippet_chars, err);
        }
        free(docids);
    }
    return rc < 0 ? rc : 0;
}
