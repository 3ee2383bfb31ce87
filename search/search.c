/*
 * search.c - the searcher, and a request run against the index (see
 * search.h): parsed here, answered from a cached match set (replay.c) or
 * through Xapian (split.c); also document lookup and similar documents.
 */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/gazetteer.h"
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
    s->split_min = SEARCH_SPLIT_MIN_DOCS;
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

void searcher_set_split_min(struct searcher *s, unsigned docs)
{
    s->split_min = docs;
}

void searcher_set_match_cache(struct searcher *s, struct match_cache *c)
{
    s->mcache = c;
}

int searcher_reopen(struct searcher *s, struct lv_err *err)
{
    return xdb_reopen(s->db, err);
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
    facet_counter_add_doc(st->counter, ids, n,
                          st->collapse ? facet_table_cluster(st->table, docid)
                                       : 0);
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

/* The hits a request asks for: 10 when it does not say, at most
 * SEARCH_MAX_LIMIT. */
static unsigned page_limit(const struct search_request *req)
{
    unsigned limit = req->limit ? req->limit : SEARCH_LIMIT;

    return limit > SEARCH_MAX_LIMIT ? SEARCH_MAX_LIMIT : limit;
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

/*
 * After the articles with every part, those with only some: the page's
 * remaining places from the relaxed pass (its ranks continue where the
 * total matches end), and about how many there are.  Only called when
 * the page reaches past the full matches (res->relaxable).
 */
static int add_partial(struct searcher *s, const struct search_request *req,
                       struct search_result *res, struct lv_err *err)
{
    struct search_request r = *req;
    struct search_result p;
    struct search_hit *hits;
    unsigned limit = page_limit(req), full = res->total, want;
    size_t i, take;
    int rc;

    want = req->offset + limit - (req->offset > full ? req->offset : full);
    /* want is 0 on the page that ends the full matches exactly: the pass
     * still counts the partial ones, so the pager can offer them */
    if (!res->total_exact)
        return 0;   /* the full matches to skip are not known exactly */
    r.partial = 1;
    /* ranked by relevance, the full matches come first (every part's
     * bonus): skip them; the partial ones follow in that order whatever
     * the page's sort */
    r.sort = SEARCH_SORT_RELEVANCE;
    r.offset = full + (req->offset > full ? req->offset - full : 0);
    r.limit = want ? want : 1;
    r.facets = 0;
    /* Counting every partial match exactly checks the phrases of nearly
     * the whole archive (70 ms for 委员工作室 义诊 on 20,000 pages, 14
     * for the full ones): their count is an estimate. */
    r.estimate = 1;
    rc = run_retrying(s, &r, &p, err);
    if (rc < 0)
        return rc;
    res->partial_total = p.total > full ? p.total - full : 0;
    res->partial_counted = 1;
    take = want < p.nhits ? want : p.nhits;
    hits = take ? realloc(res->hits, (res->nhits + take) * sizeof(*hits))
                : res->hits;
    if (!hits) {
        search_result_release(&p);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    res->hits = hits;
    memcpy(res->hits + res->nhits, p.hits, take * sizeof(*hits));
    res->nhits += take;
    for (i = take; i < p.nhits; i++)
        search_hit_release(&p.hits[i]);
    p.nhits = 0;   /* moved or released */
    search_result_release(&p);
    return 0;
}

int search_any_match(struct searcher *s, const struct xquery *xq,
                     struct lv_err *err)
{
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    int rc = xenquire_new(s->db, &e, err);

    if (rc == 0)
        rc = xenquire_set_query(e, xq, err);
    if (rc == 0)
        rc = xenquire_mset(e, 0, 0, 1, &m, err);
    if (rc == 0)
        rc = xmset_lower(m) > 0;
    xmset_free(m);
    xenquire_free(e);
    return rc;
}

/*
 * Nothing matched and some part is held by no article as written: a
 * description or a question in the user's own words.  Search its content
 * words instead (as parts, so partial matches follow), when that finds
 * anything.  Only for queries of plain parts, rewritten part by part.
 */
static int try_content_words(struct searcher *s,
                             const struct search_request *req,
                             struct search_result *res, struct lv_err *err)
{
    struct query_input in;
    struct query q = { 0 };
    struct buf text = BUF_INIT;
    struct search_request r = *req;
    struct search_result words = { 0 };
    size_t i;
    int rc, changed = 0;

    search_query_input(req, &in);
    rc = query_parse(&in, s->tok, &q, err);
    for (i = 0; rc == 0 && q.plain && i < q.nparts; i++) {
        char *w = NULL;
        int exists = search_any_match(s, q.parts[i].xq, err);

        if (exists < 0) {
            rc = exists;
            break;
        }
        if (!exists)
            rc = query_content_words(q.parts[i].text, s->tok, &w, err);
        if (rc == 0 && (text.len && buf_addch(&text, ' ') < 0))
            rc = LV_ENOMEM;
        if (rc == 0 && buf_addstr(&text, w ? w : q.parts[i].text) < 0)
            rc = LV_ENOMEM;
        changed |= w != NULL;
        free(w);
    }
    query_release(&q);
    if (rc == 0 && changed) {
        r.query = text.data;
        r.rewritten = 1;
        rc = searcher_run(s, &r, &words, err);
        if (rc == 0 && (words.total || words.partial_total)) {
            search_result_release(res);
            *res = words;
            memset(&words, 0, sizeof(words));
            res->rewritten = buf_take(&text, NULL);
            if (!res->rewritten)
                rc = LV_ENOMEM;
        }
        search_result_release(&words);
    }
    buf_release(&text);
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}

int searcher_run(struct searcher *s, const struct search_request *req,
                 struct search_result *res, struct lv_err *err)
{
    int rc = run_retrying(s, req, res, err);

    if (rc == 0 && res->total == 0 && !req->partial && !req->all
        && !req->rewritten && req->query && *req->query)
        rc = try_content_words(s, req, res, err);
    if (rc == 0 && res->rewritten)
        return 0;   /* the rewritten search did the rest */

    res->first_partial = res->nhits;
    if (rc == 0 && res->relaxable)   /* set by take_parts alone */
        rc = add_partial(s, req, res, err);
    if (rc == 0 && (req->date_from || req->date_to)) {
        rc = count_undated(s, req, &res->undated, err);
        res->undated_counted = rc == 0;
    }
    return rc;
}

/*
 * A part no article holds at all (大连 in 大连 委员之家 on an archive
 * without it) is a name the archive lacks: relaxing it away would only
 * list articles about something else, so the query is not relaxed.
 */
static int relax_allowed(struct searcher *s, const struct query *q,
                         struct lv_err *err)
{
    size_t i;

    for (i = 0; i < q->nparts; i++) {
        int rc = q->parts[i].xq ? search_any_match(s, q->parts[i].xq, err)
                                : 1;

        if (rc <= 0)
            return rc;
    }
    return 1;
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
    static const char *const keys[] = { "city", "province", "county" };
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

/* With two or more parts: their texts, and which of them each hit
 * holds (read from its title and text, as a reader would check). */
static int take_parts(struct searcher *s, const struct search_request *req,
                      struct query *q, struct search_result *res,
                      struct lv_err *err)
{
    unsigned limit = page_limit(req);
    size_t i;

    if (q->nparts < 2)
        return 0;
    /* Partial matches are looked for when the page reaches the end of
     * the full ones: on a page of full matches before it, neither the
     * relaxed pass nor its checks cost anything. */
    if (q->relaxable && !req->partial && !req->all
        && req->offset + limit >= res->total) {
        int ok = relax_allowed(s, q, err);

        if (ok < 0)
            return ok;
        res->relaxable = ok;
    }
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

static int run_once(struct searcher *s, const struct search_request *req,
                    struct search_result *res, struct lv_err *err)
{
    struct query q = { 0 };
    unsigned limit = page_limit(req);
    size_t snippet_chars = req->snippet_chars ? req->snippet_chars
                                              : SEARCH_SNIPPET_CHARS;
    const struct match_set *set = NULL;
    struct query_input in;
    int rc, sort;

    memset(res, 0, sizeof(*res));
    search_query_input(req, &in);
    rc = query_parse(&in, s->tok, &q, err);
    if (rc < 0)
        return rc;
    if (!q.xq) {   /* the relaxed pass of a query that has none */
        query_release(&q);
        res->total_exact = 1;
        return 0;
    }
    sort = req->sort == SEARCH_SORT_DATE_ASC ? 2
         : req->sort == SEARCH_SORT_DATE_DESC || !q.has_text ? 1 : 0;
    /* (the facet table also knows the clusters of copies) */
    if (req->facets || !req->no_collapse)
        rc = search_prepare_facets(s, err);
    if (rc == 0 && !(req->estimate && !req->facets))
        set = replay_set(s, &q);
    if (rc == 0 && set && !req->no_collapse && replay_answers(s, set, &q))
        rc = replay_page(s, req, set, sort, limit, &q, snippet_chars, res,
                         err);
    else if (rc == 0)
        rc = split_search(s, req, &q, set, sort, limit, snippet_chars, res,
                          err);
    if (rc == 0)   /* (before the parts are read from the hits) */
        rc = copies_attach(s, req, &q, sort, snippet_chars, res, err);
    if (rc == 0)
        rc = take_parts(s, req, &q, res, err);
    if (rc == 0 && q.nexpanded) {   /* they move to the result */
        res->expanded = q.expanded;
        res->nexpanded = q.nexpanded;
        q.expanded = NULL;
        q.nexpanded = 0;
    }
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
    for (i = 0; i < res->nexpanded; i++)
        free(res->expanded[i]);
    free(res->expanded);
    for (i = 0; i < res->nparts; i++)
        free(res->parts[i]);
    free(res->parts);
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

static int similar_by_terms(struct searcher *s, unsigned docid, unsigned n,
                            unsigned nwant, struct search_result *res,
                            struct lv_err *err);

/*
 * The terms that characterise an article most are often its own alone
 * (then only its copies, left out, would share them): when they find
 * fewer than n others, ask again with more of its terms.
 */
int searcher_similar(struct searcher *s, unsigned docid, unsigned n,
                     struct search_result *res, struct lv_err *err)
{
    int rc = similar_by_terms(s, docid, n, 24, res, err);

    static const unsigned more[] = { 96, 400 };
    size_t i;

    for (i = 0; rc == 0 && res->nhits < n && i < 2; i++) {
        search_result_release(res);
        rc = similar_by_terms(s, docid, n, more[i], res, err);
    }
    return rc;
}

static int similar_by_terms(struct searcher *s, unsigned docid, unsigned n,
                            unsigned nwant, struct search_result *res,
                            struct lv_err *err)
{
    static const char *const prefixes[] = { PFX_BIGRAM, NULL };
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    struct xquery **subs = NULL, *q = NULL, *parts[3];
    struct query none = { 0 };
    char **terms = NULL, uid[64], cluster[64];
    size_t nterms = 0, i;
    int rc;

    memset(res, 0, sizeof(*res));
    rc = xenquire_new(s->db, &e, err);
    if (rc == 0)
        rc = xenquire_expand(e, &docid, 1, nwant, prefixes, &terms, &nterms,
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
    /* Exclude the document itself by its docid's unique term, and its
     * reprints (their article's cluster): they are the same article. */
    {
        struct xdoc *doc = NULL;
        char *data = NULL, *key = NULL;
        size_t len = 0;
        struct record *rec = NULL;

        uid[0] = cluster[0] = '\0';
        if (xdb_get_doc(s->db, docid, &doc, NULL) == 0
            && xdoc_get_data(doc, &data, &len, NULL) == 0
            && (rec = record_parse(data, len)) != NULL
            && record_get(rec, "id"))
            snprintf(uid, sizeof(uid), "%s%s", PFX_UID,
                     record_get(rec, "id"));
        if (doc && xdoc_get_value(doc, SLOT_CLUSTER, &key, NULL, NULL) == 0)
            snprintf(cluster, sizeof(cluster), "%s%.24s", PFX_CLUSTER, key);
        free(key);
        record_free(rec);
        free(data);
        xdoc_free(doc);
    }
    parts[0] = q;
    parts[1] = xquery_term(uid, 1, 0);
    /* (never the empty term: Xapian reads it as every document) */
    parts[2] = xquery_term(cluster[0] ? cluster : uid, 1, 0);
    q = xquery_combine(XQ_AND_NOT, parts, 3, 0);
    if (!q) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    rc = xenquire_set_query(e, q, err);
    if (rc == 0)   /* one copy of each similar article */
        rc = xenquire_set_collapse(e, SLOT_CLUSTER, err);
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
