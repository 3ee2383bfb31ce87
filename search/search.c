/*
 * search.c - the searcher, and a request run against the index (see
 * search.h): parsed here, answered from a cached match set (replay.c) or
 * through Xapian (split.c); also document lookup and similar documents.
 */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "../text/tokens.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "searcher_int.h"

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

int search_hit_from_doc(struct search_hit *h, struct xdoc *doc,
                        const struct query *q, size_t snippet_chars,
                        struct lv_err *err)
{
    char *data = NULL;
    size_t len = 0;
    const char *body;
    int rc = xdoc_get_data(doc, &data, &len, err);

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

int search_rank_cmp(int sort, int key_cmp, double wa, unsigned ida,
                    double wb, unsigned idb)
{
    if (sort && key_cmp)
        return sort == 1 ? -key_cmp : key_cmp;
    if (wa != wb)
        return wa > wb ? -1 : 1;
    return (ida > idb) - (ida < idb);
}

int search_fill_hit(struct search_hit *h, const struct xmset *m, unsigned i,
                    const struct query *q, size_t snippet_chars,
                    struct lv_err *err)
{
    struct xdoc *doc = NULL;
    int rc = xmset_docid(m, i, &h->docid, err);

    if (rc == 0)
        rc = xmset_weight(m, i, &h->score, err);
    if (rc == 0)
        rc = xmset_doc(m, i, &doc, err);
    if (rc == 0)
        rc = search_hit_from_doc(h, doc, q, snippet_chars, err);
    xdoc_free(doc);
    return rc;
}

int search_fill_hits(const struct xmset *m, const struct query *q,
                     size_t snippet_chars, struct search_result *res,
                     struct lv_err *err)
{
    unsigned k, size = xmset_size(m);
    int rc = 0;

    res->hits = calloc(size ? size : 1, sizeof(*res->hits));
    if (!res->hits)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (k = 0; k < size && rc == 0; k++) {
        rc = search_fill_hit(&res->hits[k], m, k, q, snippet_chars, err);
        res->nhits++;
    }
    return rc;
}

void search_count_facets(unsigned docid, double weight, void *ctx)
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

int search_prepare_facets(struct searcher *s, struct lv_err *err)
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

static int run_once(struct searcher *s, const struct search_request *req,
                    struct search_result *res, struct lv_err *err);

/*
 * A reader can find its revision of the index overwritten when a writer
 * commits twice during a long search (Xapian's DatabaseModifiedError):
 * then re-open at the latest revision and run the search once more.
 */
static int run_retrying(struct searcher *s, const struct search_request *req,
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
 * A date range leaves out the articles no date was found for; say how
 * many the same search has (so no one takes the range for all there
 * is): the request with year:none instead of the range.
 */
static int count_undated(struct searcher *s, const struct search_request *req,
                         unsigned *n, struct lv_err *err)
{
    struct query_filter *f = malloc((req->nfilters + 1) * sizeof(*f));
    struct search_request r = *req;
    struct search_result res = { 0 };
    int rc;

    if (!f)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    if (req->nfilters)
        memcpy(f, req->filters, req->nfilters * sizeof(*f));
    f[req->nfilters].field = "year";
    f[req->nfilters].value = QUERY_UNDATED;
    r.filters = f;
    r.nfilters = req->nfilters + 1;
    r.date_from = r.date_to = NULL;
    r.offset = 0;
    r.limit = 1;
    r.facets = 0;
    rc = run_retrying(s, &r, &res, err);
    *n = res.total;
    search_result_release(&res);
    free(f);
    return rc;
}

int searcher_run(struct searcher *s, const struct search_request *req,
                 struct search_result *res, struct lv_err *err)
{
    int rc = run_retrying(s, req, res, err);

    if (rc == 0 && (req->date_from || req->date_to)) {
        rc = count_undated(s, req, &res->undated, err);
        res->undated_counted = rc == 0;
    }
    return rc;
}

static int run_once(struct searcher *s, const struct search_request *req,
                    struct search_result *res, struct lv_err *err)
{
    struct query q = { 0 };
    unsigned limit = req->limit ? req->limit : 10;
    size_t snippet_chars = req->snippet_chars ? req->snippet_chars
                                              : SEARCH_SNIPPET_CHARS;
    const struct match_set *set = NULL;
    int rc, sort;

    memset(res, 0, sizeof(*res));
    if (limit > SEARCH_MAX_LIMIT)
        limit = SEARCH_MAX_LIMIT;
    rc = query_parse(req->query, req->filters, req->nfilters, req->date_from,
                     req->date_to, s->tok, &q, err);
    if (rc < 0)
        return rc;
    sort = req->sort == SEARCH_SORT_DATE_ASC ? 2
         : req->sort == SEARCH_SORT_DATE_DESC || !q.has_text ? 1 : 0;
    if (req->facets)
        rc = search_prepare_facets(s, err);
    if (rc == 0 && !(req->estimate && !req->facets))
        set = replay_set(s, &q);
    if (rc == 0 && set && replay_answers(s, set, &q))
        rc = replay_page(s, req, set, sort, limit, &q, snippet_chars, res,
                         err);
    else if (rc == 0)
        rc = split_search(s, req, &q, set, sort, limit, snippet_chars, res,
                          err);
    /* The highlight terms move to the result (for the document page). */
    res->terms = q.highlight;
    res->nterms = q.nhighlight;
    q.highlight = NULL;
    q.nhighlight = 0;
    match_cache_release(s->mcache, set);   /* after the searches using it */
    query_release(&q);
    return rc;
}

/*
 * A city among the counted ones whose name, without its level word
 * (兰州市 → 兰州), occurs in the query, when no city filter is set.
 */
char *search_suggest_city(const struct search_request *req,
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
        rc = search_fill_hits(m, &none, SEARCH_SIMILAR_CHARS, res, err);
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
