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

static int error_page(struct route_page *out, unsigned status,
                      const char *msg)
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
    struct search_result res = { 0 };
    struct lv_err err = { 0 };
    unsigned limit = p->limit ? p->limit : SERVER_PAGE_SIZE, ndocs = 0;
    int rc;

    params_request(p, &q, limit);
    if (!api)
        q.facet_top = 40;   /* the map shades every province */
    rc = searcher_run(s, &q, &res, &err);
    searcher_doc_count(s, &ndocs, NULL);
    if (rc < 0 && rc != LV_EQUERY) {
        search_result_release(&res);
        return error_page(out, 500, err.msg);
    }
    out->status = rc == LV_EQUERY ? 400 : 200;
    if (api) {
        out->type = "application/json; charset=utf-8";
        if (rc == LV_EQUERY) {
            rc = buf_addstr(&out->body, "{\"error\":");
            if (rc == 0)
                rc = json_str(&out->body, err.msg);
            if (rc == 0)
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

/* The search as an Atom feed: its 50 newest articles with every part. */
static int feed_page(struct searcher *s, const struct params *p,
                     struct route_page *out)
{
    struct search_request q;
    struct search_result res = { 0 };
    struct lv_err err = { 0 };
    int rc;

    params_request(p, &q, 50);
    q.sort = SEARCH_SORT_DATE_DESC;
    q.offset = 0;
    q.facets = 0;
    q.all = 1;
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
static int doc_page(struct searcher *s, const struct params *p,
                    const char *id, struct route_page *out)
{
    struct record *rec = NULL, **copies = NULL;
    struct search_result similar = { 0 }, terms = { 0 };
    size_t ncopies = 0, i;
    struct search_request q;
    struct lv_err err = { 0 };
    unsigned docid = 0;
    int rc = searcher_get(s, id, &docid, &rec, &err);

    if (rc == LV_ENOTFOUND)
        return error_page(out, 404, "没有这篇文章");
    /* The query's normalised terms, for marking the article. */
    if (rc == 0 && p->q && *p->q) {
        params_request(p, &q, 1);
        q.facets = 0;
        q.nfilters = 0;
        q.date_from = q.date_to = NULL;
        q.all = 1;   /* only the terms are wanted */
        searcher_run(s, &q, &terms, NULL);
    }
    if (rc == 0)
        searcher_similar(s, docid, 6, &similar, NULL);
    if (rc == 0)
        searcher_reprints(s, docid, &copies, &ncopies, NULL);
    if (rc == 0)
        rc = page_doc(&out->body, p, rec, terms.terms, terms.nterms, copies,
                      ncopies, &similar);
    for (i = 0; i < ncopies; i++)
        record_free(copies[i]);
    free(copies);
    record_free(rec);
    search_result_release(&similar);
    search_result_release(&terms);
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
    struct lv_err err = { 0 };
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
        q.facet_top = 40;   /* every year for the chart */
        q.all = 1;   /* a column counts and shows articles with every part */
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

int route_page(struct searcher *s, const struct params *p,
               enum params_route rt, const char *arg, struct route_page *out)
{
    out->status = 200;
    out->type = HTML;
    buf_init(&out->body);
    if (p->too_long)
        return error_page(out, 414, "查询太长");
    switch (rt) {
    case PARAMS_ROUTE_SEARCH: return search_page(s, p, 0, out);
    case PARAMS_ROUTE_API: return search_page(s, p, 1, out);
    case PARAMS_ROUTE_DOC: return doc_page(s, p, arg, out);
    case PARAMS_ROUTE_COMPARE: return compare_page(s, p, out);
    case PARAMS_ROUTE_FEED: return feed_page(s, p, out);
    default: return error_page(out, 404, "没有这个页面");
    }
}
