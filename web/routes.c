/*
 * routes.c - a request's page from its parameters (see routes.h): the
 * searches each page needs, then the page itself (pages.h).
 */
#include "routes.h"

#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "../search/json.h"
#include "../search/output.h"
#include "../search/search.h"
#include "feed.h"
#include "pages.h"
#include "server.h"

#define HTML "text/html; charset=utf-8"

static int error_page(struct route_page *out, unsigned status, const char *msg)
{
    buf_reset(&out->body);
    out->status = status;
    out->type = HTML;
    return page_error(&out->body, (int)status, msg);
}

/* The search page, or with api its JSON (an {"error"} object with 400
 * for a bad query). */
static int search_page(struct searcher *s, const struct params *p, int api,
                       struct route_page *out)
{
    struct search_request q;
    struct search_result res = {0};
    struct lv_err err = {0};
    unsigned limit = p->limit ? p->limit : SERVER_PAGE_SIZE, ndocs = 0;
    int rc;

    params_request(p, &q, limit);
    if (!api)
        q.facet_top = 40; /* the map shades every province */
    rc = searcher_run(s, &q, &res, &err);
    if (rc == 0 && !api) /* the page states it beside the total */
        rc = searcher_doc_count(s, &ndocs, &err);
    if (rc < 0 && rc != LV_EQUERY) {
        search_result_release(&res);
        return error_page(out, 500, err.msg);
    }
    out->status = rc == LV_EQUERY ? 400 : 200;
    if (api) {
        out->type = "application/json; charset=utf-8";
        if (rc == LV_EQUERY) {
            buf_addstr(&out->body, "{\"error\":");
            json_str(&out->body, err.msg);
            rc = buf_addstr(&out->body, "}\n");
        } else {
            rc = output_json(&q, &res, &out->body);
        }
    } else {
        out->type = HTML;
        rc = page_search(&out->body, p, rc == LV_EQUERY ? NULL : &res,
                         rc == LV_EQUERY ? err.msg : NULL, limit, ndocs);
    }
    search_result_release(&res);
    return rc < 0 ? error_page(out, 500, "out of memory") : 0;
}

/* The search as an Atom feed: its 50 newest articles with every part (or
 * every word, for a query searched as its words). */
static int feed_page(struct searcher *s, const struct params *p,
                     struct route_page *out)
{
    struct search_request q;
    struct search_result res = {0};
    struct lv_err err = {0};
    int rc;

    params_request(p, &q, 50);
    q.sort = SEARCH_SORT_DATE_DESC;
    q.offset = 0;
    q.facets = 0;
    q.no_partial = 1;
    rc = searcher_run(s, &q, &res, &err);
    if (rc < 0) {
        search_result_release(&res);
        return error_page(out, rc == LV_EQUERY ? 400 : 500, err.msg);
    }
    out->type = "application/atom+xml; charset=utf-8";
    rc = feed_atom(&out->body, p, &res);
    search_result_release(&res);
    return rc < 0 ? error_page(out, 500, "out of memory") : 0;
}

/* The article with the query marked, and similar articles. */
static int doc_page(struct searcher *s, const struct params *p, const char *id,
                    struct route_page *out)
{
    struct record *rec = NULL, **copies = NULL;
    struct search_result similar = {0};
    char **terms = NULL;
    size_t ncopies = 0, nterms = 0, i;
    struct search_request q;
    struct lv_err err = {0};
    unsigned docid = 0;
    int rc = searcher_get(s, id, &docid, &rec, &err);

    if (rc == LV_ENOTFOUND)
        return error_page(out, 404, "没有这篇文章");
    /* The query's normalised terms, for marking the article; they, the
     * similar articles and the copies only add to it: one that fails (a
     * query that does not parse marks nothing) is shown as far as it
     * got, and the article is still the page. */
    if (rc == 0 && p->q && *p->q) {
        params_request(p, &q, 1);
        lv_ignore(searcher_highlight(s, &q, &terms, &nterms, NULL));
    }
    if (rc == 0)
        lv_ignore(searcher_similar(s, docid, 6, &similar, NULL));
    if (rc == 0)
        lv_ignore(searcher_reprints(s, docid, &copies, &ncopies, NULL));
    if (rc == 0)
        rc = page_doc(&out->body, p, rec, terms, nterms, copies, ncopies,
                      &similar);
    for (i = 0; i < ncopies; i++)
        record_free(copies[i]);
    free(copies);
    record_free(rec);
    search_result_release(&similar);
    for (i = 0; i < nterms; i++)
        free(terms[i]);
    free(terms);
    out->status = 200;
    out->type = HTML;
    return rc < 0 ? error_page(out, 500, err.msg[0] ? err.msg : "error") : 0;
}

/* Two to four cities side by side, each a search of the same query. */
static int compare_page(struct searcher *s, const struct params *p,
                        struct route_page *out)
{
    struct search_result res[PARAMS_MAX_CITIES];
    struct query_filter f[PARAMS_MAX_FILTERS + 1];
    char *cities[PARAMS_MAX_CITIES], *list;
    struct lv_err err = {0};
    const char *error = NULL;
    size_t n, i;
    int rc = 0;

    memset(res, 0, sizeof(res));
    n = params_cities(p, &list, cities);
    if (p->cities && n < 2)
        error = "请输入 2 到 4 个城市，用逗号分隔";
    else if (params_cities_over(p))
        error = "最多比较 4 个城市，请去掉多出的城市";
    for (i = 0; i < n && !error && rc == 0; i++) {
        struct search_request q;

        params_request(p, &q, 5);
        memcpy(f, p->filters, p->nfilters * sizeof(*f));
        f[p->nfilters].field = "city";
        f[p->nfilters].value = cities[i];
        q.filters = f;
        q.nfilters = p->nfilters + 1;
        q.facet_top = 40; /* every year for the chart */
        /* a column counts and shows articles with every part as written:
         * the same rule in every column, none searched as its words */
        q.all = 1;
        rc = searcher_run(s, &q, &res[i], &err);
        if (rc == LV_EQUERY) {
            error = err.msg;
            rc = 0;
        }
    }
    if (rc == 0)
        rc = page_compare(&out->body, p, cities, res, error ? 0 : n, error);
    for (i = 0; i < PARAMS_MAX_CITIES; i++)
        search_result_release(&res[i]);
    free(list);
    out->status = error ? 400 : 200;
    out->type = HTML;
    return rc < 0 ? error_page(out, 500, err.msg) : 0;
}

static int search_html(struct searcher *s, const struct params *p,
                       const char *arg, struct route_page *out)
{
    (void)arg;
    return search_page(s, p, 0, out);
}

static int search_api(struct searcher *s, const struct params *p,
                      const char *arg, struct route_page *out)
{
    (void)arg;
    return search_page(s, p, 1, out);
}

static int compare_of(struct searcher *s, const struct params *p,
                      const char *arg, struct route_page *out)
{
    (void)arg;
    return compare_page(s, p, out);
}

static int feed_of(struct searcher *s, const struct params *p, const char *arg,
                   struct route_page *out)
{
    (void)arg;
    return feed_page(s, p, out);
}

/* Every route: its path (a prefix when `prefix`, the rest then being
 * the argument), what it is, and the page made here (NULL: the server
 * answers it itself). */
static const struct route {
    const char *path;
    int prefix;
    enum params_route rt;
    int (*page)(struct searcher *, const struct params *, const char *arg,
                struct route_page *);
} routes[] = {
    {"/static/style.css", 0, PARAMS_ROUTE_STATIC, NULL},
    {"/healthz", 0, PARAMS_ROUTE_HEALTHZ, NULL},
    {"/", 0, PARAMS_ROUTE_SEARCH, search_html},
    {"/search", 0, PARAMS_ROUTE_SEARCH, search_html},
    {"/api/search", 0, PARAMS_ROUTE_API, search_api},
    {"/doc/", 1, PARAMS_ROUTE_DOC, doc_page},
    {"/compare", 0, PARAMS_ROUTE_COMPARE, compare_of},
    {"/feed.atom", 0, PARAMS_ROUTE_FEED, feed_of},
    {"/file/", 1, PARAMS_ROUTE_FILE, NULL},
    {"/export.", 1, PARAMS_ROUTE_EXPORT, NULL},
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

enum params_route route_of(const char *path, const char **arg)
{
    size_t i, n;

    *arg = NULL;
    for (i = 0; i < NROUTES; i++) {
        n = strlen(routes[i].path);
        if (routes[i].prefix ? strncmp(path, routes[i].path, n) == 0
                             : strcmp(path, routes[i].path) == 0) {
            if (routes[i].prefix)
                *arg = path + n;
            return routes[i].rt;
        }
    }
    return PARAMS_ROUTE_NONE;
}

static const struct route *route_with_page(enum params_route rt)
{
    size_t i;

    for (i = 0; i < NROUTES; i++)
        if (routes[i].rt == rt && routes[i].page)
            return &routes[i];
    return NULL;
}

int route_has_page(enum params_route rt)
{
    return route_with_page(rt) != NULL;
}

int route_render(struct searcher *s, const struct params *p,
                 enum params_route rt, const char *arg, struct route_page *out)
{
    const struct route *r = route_with_page(rt);

    out->status = 200;
    out->type = HTML;
    buf_init(&out->body);
    if (p->too_long)
        return error_page(out, 414, "查询太长");
    return r ? r->page(s, p, arg, out) : error_page(out, 404, "没有这个页面");
}
