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

/* Documents of a page's clusters read at most: its articles' copies are
 * listed up to this many in all (an article reprinted everywhere has a
 * few hundred; a page past the cap lists some of its copies, not all). */
#define COPIES_MAX_DOCS 100000

struct copy_list {
    struct xdb *db;
    unsigned self;
    struct record **v;
    unsigned *docids;
    size_t n, cap;
    struct lv_err *err;
};

/* Room for one more entry in l; LV_ENOMEM. */
static int grow_list(struct copy_list *l)
{
    size_t cap = l->cap ? 2 * l->cap : 4;
    struct record **v;
    unsigned *d;

    if (l->n < l->cap)
        return 0;
    v = realloc(l->v, cap * sizeof(*v));
    if (v)
        l->v = v;
    d = v ? realloc(l->docids, cap * sizeof(*d)) : NULL;
    if (!d)
        return LV_ENOMEM;
    l->docids = d;
    l->cap = cap;
    return 0;
}

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
    if (grow_list(l) < 0)
        return lv_err_set(l->err, LV_ENOMEM, "out of memory");
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

/* Entries j - 1 and j of l trade places. */
static void swap_entries(struct copy_list *l, size_t j)
{
    struct record *r = l->v[j];
    unsigned d = l->docids[j];

    l->v[j] = l->v[j - 1];
    l->v[j - 1] = r;
    l->docids[j] = l->docids[j - 1];
    l->docids[j - 1] = d;
}

/* Earliest first (cmp_copies), the docids beside their records. */
static void sort_copies(struct copy_list *l)
{
    size_t i, j;

    for (i = 1; i < l->n; i++)
        for (j = i; j > 0 && cmp_copies(&l->v[j - 1], &l->v[j]) > 0; j--)
            swap_entries(l, j);
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
    int rc = 0;

    if (*key) {
        snprintf(term, sizeof(term), "%s%.24s", PFX_CLUSTER, key);
        rc = xdb_term_freq(db, term, &freq, err);
    }
    if (rc == 0 && freq > 1)
        rc = xdb_each_posting(db, term, add_copy, &l, err);
    sort_copies(&l);
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

/* How many clusters the page's hits belong to (hits of one article's
 * copies share one). */
static size_t distinct_clusters(const struct search_result *res)
{
    size_t i, j, n = 0;

    for (i = 0; i < res->nhits; i++) {
        if (!res->hits[i].cluster[0])
            continue;
        for (j = 0; j < i; j++)
            if (strcmp(res->hits[j].cluster, res->hits[i].cluster) == 0)
                break;
        n += j == i;
    }
    return n;
}

/* The copies of a page's articles, read in one search. */
struct page_copies {
    unsigned *docids;
    char (*keys)[SEARCH_CLUSTER_BYTES];
    struct record **cards;
    size_t n;
};

static void page_copies_release(struct page_copies *pc)
{
    size_t i;

    for (i = 0; i < pc->n; i++)
        record_free(pc->cards[i]);
    free(pc->cards);
    free(pc->keys);
    free(pc->docids);
}

/* Item k of m into pc: its docid, cluster key and card. */
static int add_page_copy(const struct xmset *m, unsigned k,
                         struct page_copies *pc, struct lv_err *err)
{
    struct xdoc *doc = NULL;
    char *key = NULL, *card = NULL;
    size_t len = 0, i = pc->n;
    int rc = xmset_docid(m, k, &pc->docids[i], err);

    if (rc == 0)
        rc = xmset_doc(m, k, &doc, err);
    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CLUSTER, &key, NULL, err);
    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CARD, &card, &len, err);
    if (rc == 0 && !(pc->cards[i] = record_parse(card, len)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0) {
        snprintf(pc->keys[i], sizeof(pc->keys[i]), "%s", key);
        pc->n++;
    }
    free(key);
    free(card);
    xdoc_free(doc);
    return rc;
}

/* Every document in m (the page's clusters), unless each cluster holds
 * only its hit (nkeys of them): then pc stays empty. */
static int read_page_copies(const struct xmset *m, size_t nkeys,
                            struct page_copies *pc, struct lv_err *err)
{
    unsigned k, size = xmset_size(m);
    int rc = 0;

    if (size <= nkeys)
        return 0;
    pc->docids = calloc(size, sizeof(*pc->docids));
    pc->keys = calloc(size, sizeof(*pc->keys));
    pc->cards = calloc(size, sizeof(*pc->cards));
    if (!pc->docids || !pc->keys || !pc->cards)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    rc = xmset_fetch(m, err); /* a remote shard: one exchange for all */
    for (k = 0; k < size && rc == 0; k++)
        rc = add_page_copy(m, k, pc, err);
    return rc;
}

/*
 * The documents of every hit's cluster, in one search (a remote shard
 * answers it in one exchange, where asking cluster by cluster took a
 * few each).  Empty when no article of the page has another copy.
 */
static int page_copies_find(struct searcher *s, const struct search_result *res,
                            struct page_copies *pc, struct lv_err *err)
{
    struct xquery **terms = calloc(res->nhits ? res->nhits : 1, sizeof(*terms));
    struct xquery *q = NULL;
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    size_t i, n = 0;
    int rc = 0;

    memset(pc, 0, sizeof(*pc));
    if (!terms)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < res->nhits; i++) {
        char term[64];

        if (!res->hits[i].cluster[0])
            continue;
        snprintf(term, sizeof(term), "%s%.24s", PFX_CLUSTER,
                 res->hits[i].cluster);
        terms[n++] = xquery_term(term, 1, 0);
    }
    if (n)
        q = xquery_combine(XQ_OR, terms, n, 0);
    free(terms);
    if (n && !q)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    if (q)
        rc = xenquire_new(s->db, &e, err);
    if (rc == 0 && q)
        rc = xenquire_set_query(e, q, err);
    if (rc == 0 && q)
        rc = xenquire_mset(e, 0, COPIES_MAX_DOCS, 0, &m, err);
    /* (hits of one cluster share a key: count each key once) */
    if (rc == 0 && m)
        rc = read_page_copies(m, distinct_clusters(res), pc, err);
    xmset_free(m);
    xenquire_free(e);
    xquery_free(q);
    return rc;
}

/* Hit h's copies from the page's, earliest first, with their docids. */
static int hit_copies(struct search_hit *h, const struct page_copies *pc,
                      unsigned **docids, struct lv_err *err)
{
    struct copy_list l = {NULL, h->docid, NULL, NULL, 0, 0, err};
    size_t i;

    for (i = 0; i < pc->n; i++) {
        struct record *card;

        if (pc->docids[i] == h->docid || strcmp(pc->keys[i], h->cluster))
            continue;
        if (grow_list(&l) < 0 || !(card = record_card(pc->cards[i]))) {
            free(l.docids);
            h->reprints = l.v;
            h->nreprints = l.n;
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
        l.v[l.n] = card;
        l.docids[l.n++] = pc->docids[i];
    }
    sort_copies(&l);
    h->reprints = l.v;
    h->nreprints = l.n;
    *docids = l.docids;
    return 0;
}

int copies_attach(struct searcher *s, const struct search_plan *plan,
                  const struct query *q, struct search_result *res,
                  struct lv_err *err)
{
    struct page_copies pc;
    int rc = page_copies_find(s, res, &pc, err);
    size_t i;

    for (i = 0; i < res->nhits && rc == 0 && pc.n; i++) {
        struct search_hit *h = &res->hits[i];
        unsigned *docids = NULL;

        if (h->cluster[0])
            rc = hit_copies(h, &pc, &docids, err);
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
    page_copies_release(&pc);
    return rc < 0 ? rc : 0;
}
