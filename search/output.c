/*
 * output.c - render search results (see output.h).
 */
#include "output.h"

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "../common/record.h"

int output_is_web_url(const char *url)
{
    return url && (strncmp(url, "http://", 7) == 0
                   || strncmp(url, "https://", 8) == 0);
}

int output_html_escape(struct buf *out, const char *s, size_t n)
{
    size_t i, run = 0;
    int rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        const char *esc;

        switch (s[i]) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&#39;"; break;
        default: continue;
        }
        rc = buf_add(out, s + run, i - run);
        if (rc == 0)
            rc = buf_addstr(out, esc);
        run = i + 1;
    }
    if (rc == 0)
        rc = buf_add(out, s + run, n - run);
    return rc;
}

const char *output_field(const struct search_hit *h, const char *key)
{
    const char *v = record_get(h->rec, key);

    return v ? v : "";
}

/* "   city 兰州市 · sectors a, b · workstations c" when there are any. */
static int text_entities(struct buf *out, const struct search_hit *h)
{
    static const char *const keys[] = { "city", "sector", "workstation",
                                         "brand" };
    static const char *const names[] = { "city", "sectors", "workstations",
                                          "brands" };
    size_t k, i, shown = 0;
    const char *v;
    int rc = 0;

    for (k = 0; k < 4 && rc == 0; k++)
        for (i = 0; rc == 0 && (v = record_get_nth(h->rec, keys[k], i)); i++)
            if (i)
                rc = buf_printf(out, ", %s", v);
            else
                rc = buf_printf(out, "%s%s %s", shown++ ? " · " : "   ",
                                names[k], v);
    if (rc == 0 && shown)
        rc = buf_addch(out, '\n');
    return rc;
}

/* "   missing: 义诊, 兰州" under a partial match. */
static int text_missing(struct buf *out, const struct search_result *res,
                        const struct search_hit *h)
{
    size_t i;
    int rc = buf_addstr(out, "   missing:"), first = 1;

    for (i = 0; rc == 0 && i < res->nparts && i < 64; i++)
        if (!((h->parts >> i) & 1)) {
            rc = buf_printf(out, "%s %s", first ? "" : ",", res->parts[i]);
            first = 0;
        }
    return rc == 0 ? buf_addch(out, '\n') : rc;
}

int output_text(const struct search_request *req,
                const struct search_result *res, int color, struct buf *out)
{
    size_t i;
    int rc;

    (void)req;
    rc = buf_printf(out, "%s%u results\n", res->total_exact ? "" : "about ",
                    res->total);
    if (rc == 0 && res->undated_counted && res->undated)
        rc = buf_printf(out, "(%u more without a date are outside the date "
                             "range: --year none lists them)\n",
                        res->undated);
    for (i = 0; rc == 0 && i < res->nexpanded; i++)
        rc = buf_printf(out, "%s%s%s", i ? ", " : "(also searched: articles "
                                                  "filed under ",
                        res->expanded[i], i + 1 == res->nexpanded
                        ? "; --no-expand: as text only)\n" : "");
    if (rc == 0 && res->rewritten)
        rc = buf_printf(out, "(no article holds the query as written: "
                             "searched its words %s)\n", res->rewritten);
    if (rc == 0 && res->partial_counted && res->partial_total)
        rc = buf_printf(out, "(and about %u with only some of the words, after "
                             "them; --all for every word only)\n",
                        res->partial_total);
    for (i = 0; i < res->nhits && rc == 0; i++) {
        const struct search_hit *h = &res->hits[i];
        char date[11];

        search_format_date(h->rec, date);
        if (i == res->first_partial)
            rc = buf_addstr(out, "\n--- below: some of the words missing "
                                 "(以下结果未包含全部关键词) ---\n");
        if (rc == 0)
            rc = buf_printf(out, "\n%zu. %s\n   %s%s%s%s%s\n   ",
                        res->offset + i + 1, output_field(h, "title"), date,
                        *date && *output_field(h, "source") ? " · " : "",
                        output_field(h, "source"),
                        *date || *output_field(h, "source") ? "  " : "",
                        output_field(h, "path"));
        if (rc == 0 && record_page_at(h->rec, h->snippet.at))
            rc = buf_printf(out, "第%u页: ",
                            record_page_at(h->rec, h->snippet.at));
        if (rc == 0)
            rc = snippet_render(&h->snippet, color ? "\033[1;33m" : "【",
                                color ? "\033[0m" : "】", NULL, out);
        if (rc == 0)
            rc = buf_addch(out, '\n');
        if (rc == 0 && i >= res->first_partial)
            rc = text_missing(out, res, h);
        if (rc == 0)
            rc = text_entities(out, h);
    }
    if (rc == 0 && res->suggest_city)
        rc = buf_printf(out, "\n(the query names %s: add --city=%s to see "
                             "its own practice only)\n", res->suggest_city,
                        res->suggest_city);
    for (i = 0; i < res->nfacets && rc == 0; i++) {
        const struct facet *f = &res->facets[i];
        size_t k;

        if (!f->nvalues)
            continue;
        rc = buf_printf(out, "%s%s:", i ? "" : "\nfacets\n", f->field);
        for (k = 0; k < f->nvalues && rc == 0; k++)
            rc = buf_printf(out, " %s (%u)%s", f->values[k].value,
                            f->values[k].count,
                            k + 1 < f->nvalues ? "," : "");
        if (rc == 0)
            rc = buf_addch(out, '\n');
    }
    return rc;
}

static int json_field(struct buf *out, const char *key, const char *value,
                      int comma)
{
    if ((comma && buf_addch(out, ',') < 0) || json_key(out, key) < 0
        || json_str(out, value) < 0)
        return LV_ENOMEM;
    return 0;
}

/* "key":[every value of record field rkey] */
static int json_list(struct buf *out, const char *key,
                     const struct search_hit *h, const char *rkey)
{
    const char *v;
    size_t i;
    int rc = buf_addch(out, ',');

    if (rc == 0)
        rc = json_key(out, key);
    if (rc == 0)
        rc = buf_addch(out, '[');
    for (i = 0; rc == 0 && (v = record_get_nth(h->rec, rkey, i)) != NULL;
         i++) {
        if (i)
            rc = buf_addch(out, ',');
        if (rc == 0)
            rc = json_str(out, v);
    }
    if (rc == 0)
        rc = buf_addch(out, ']');
    return rc;
}

/* "cities":[{"name":..,"role":"primary|secondary|mentioned"}] */
static int json_cities(struct buf *out, const struct search_hit *h)
{
    static const char *const keys[] = { "city", "city2", "city0" };
    static const char *const roles[] = { "primary", "secondary", "mentioned" };
    const char *v;
    size_t k, i, n = 0;
    int rc = buf_addstr(out, ",\"cities\":[");

    for (k = 0; k < 3; k++)
        for (i = 0; rc == 0 && (v = record_get_nth(h->rec, keys[k], i)); i++) {
            if (n++)
                rc = buf_addch(out, ',');
            if (rc == 0)
                rc = buf_addstr(out, "{\"name\":");
            if (rc == 0)
                rc = json_str(out, v);
            if (rc == 0)
                rc = buf_printf(out, ",\"role\":\"%s\"}", roles[k]);
        }
    if (rc == 0)
        rc = buf_addch(out, ']');
    return rc;
}

static int json_entities(struct buf *out, const struct search_hit *h)
{
    int rc = json_field(out, "province", record_get(h->rec, "province"), 1);

    if (rc == 0)
        rc = json_field(out, "city", record_get(h->rec, "city"), 1);
    if (rc == 0)
        rc = json_cities(out, h);
    if (rc == 0)
        rc = json_list(out, "counties", h, "county");
    if (rc == 0)
        rc = json_list(out, "sectors", h, "sector");
    if (rc == 0)
        rc = json_list(out, "workstations", h, "workstation");
    if (rc == 0)
        rc = json_list(out, "brands", h, "brand");
    if (rc == 0)
        rc = json_field(out, "topic", record_get(h->rec, "topic"), 1);
    return rc;
}

/* "cluster":key,"reprints":[{id, title, date, source, url, path}] */
static int json_reprints(struct buf *out, const struct search_hit *h)
{
    size_t i;
    int rc = json_field(out, "cluster", h->cluster[0] ? h->cluster : NULL, 1);

    if (rc == 0)
        rc = buf_addstr(out, ",\"reprints\":[");
    for (i = 0; rc == 0 && i < h->nreprints; i++) {
        const struct record *r = h->reprints[i];
        char date[11];

        search_format_date(r, date);
        rc = buf_addstr(out, i ? ",{" : "{");
        if (rc == 0)
            rc = json_field(out, "id", record_get(r, "id"), 0);
        if (rc == 0)
            rc = json_field(out, "title", record_get(r, "title"), 1);
        if (rc == 0)
            rc = json_field(out, "date", *date ? date : NULL, 1);
        if (rc == 0)
            rc = json_field(out, "source", record_get(r, "source"), 1);
        if (rc == 0)
            rc = json_field(out, "url", record_get(r, "url"), 1);
        if (rc == 0)
            rc = json_field(out, "path", record_get(r, "path"), 1);
        if (rc == 0)
            rc = buf_addch(out, '}');
    }
    return rc == 0 ? buf_addch(out, ']') : rc;
}

/* "key":[the parts whose bit in mask is (want)] */
static int json_parts(struct buf *out, const char *key, char *const *parts,
                      size_t nparts, unsigned long long mask, int want)
{
    size_t i;
    int rc = buf_printf(out, ",\"%s\":[", key), first = 1;

    for (i = 0; rc == 0 && i < nparts; i++) {
        if (((mask >> i) & 1) != (unsigned long long)want)
            continue;
        if (!first)
            rc = buf_addch(out, ',');
        if (rc == 0)
            rc = json_str(out, parts[i]);
        first = 0;
    }
    return rc == 0 ? buf_addch(out, ']') : rc;
}

int output_json_hit(struct buf *out, const struct search_hit *h,
                    char *const *parts, size_t nparts)
{
    struct buf tmp = BUF_INIT;
    char date[11];
    int rc;

    search_format_date(h->rec, date);
    rc = buf_addch(out, '{');
    if (rc == 0)
        rc = json_field(out, "id", record_get(h->rec, "id"), 0);
    if (rc == 0)
        rc = json_field(out, "title", output_field(h, "title"), 1);
    if (rc == 0)
        rc = json_field(out, "date", *date ? date : NULL, 1);
    if (rc == 0)
        rc = json_field(out, "date_from", record_get(h->rec, "date_from"), 1);
    if (rc == 0)
        rc = json_field(out, "source", record_get(h->rec, "source"), 1);
    if (rc == 0)
        rc = json_field(out, "url", record_get(h->rec, "url"), 1);
    if (rc == 0)
        rc = json_field(out, "path", record_get(h->rec, "path"), 1);
    if (rc == 0)
        rc = buf_printf(out, ",\"score\":%.4f", h->score);
    if (rc == 0 && record_page_at(h->rec, h->snippet.at))
        rc = buf_printf(out, ",\"page\":%u",
                        record_page_at(h->rec, h->snippet.at));
    if (rc == 0)
        rc = snippet_render(&h->snippet, "", "", NULL, &tmp);
    if (rc == 0)
        rc = json_field(out, "snippet", tmp.data ? tmp.data : "", 1);
    buf_reset(&tmp);
    if (rc == 0)
        rc = snippet_render(&h->snippet, "<mark>", "</mark>",
                            output_html_escape, &tmp);
    if (rc == 0)
        rc = json_field(out, "snippet_html", tmp.data ? tmp.data : "", 1);
    if (rc == 0)
        rc = json_entities(out, h);
    if (rc == 0)
        rc = json_reprints(out, h);
    if (rc == 0 && nparts >= 2 && nparts <= 64)
        rc = json_parts(out, "matched", parts, nparts, h->parts, 1);
    if (rc == 0 && nparts >= 2 && nparts <= 64)
        rc = json_parts(out, "missing", parts, nparts, h->parts, 0);
    if (rc == 0)
        rc = buf_addch(out, '}');
    buf_release(&tmp);
    return rc;
}

/* "facets":{"city":[{"value":..,"count":..}], ...} */
static int json_facets(struct buf *out, const struct search_result *res)
{
    size_t f, i;
    int rc = buf_addstr(out, ",\"facets\":{");

    for (f = 0; f < res->nfacets && rc == 0; f++) {
        if (f)
            rc = buf_addch(out, ',');
        if (rc == 0)
            rc = json_key(out, res->facets[f].field);
        if (rc == 0)
            rc = buf_addch(out, '[');
        for (i = 0; i < res->facets[f].nvalues && rc == 0; i++) {
            rc = buf_addstr(out, i ? ",{\"value\":" : "{\"value\":");
            if (rc == 0)
                rc = json_str(out, res->facets[f].values[i].value);
            if (rc == 0)
                rc = buf_printf(out, ",\"count\":%u}",
                                res->facets[f].values[i].count);
        }
        if (rc == 0)
            rc = buf_addch(out, ']');
    }
    if (rc == 0)
        rc = buf_addch(out, '}');
    return rc;
}

int output_json(const struct search_request *req,
                const struct search_result *res, struct buf *out)
{
    size_t i;
    int rc = buf_addch(out, '{');

    if (rc == 0)
        rc = json_field(out, "query", req->query ? req->query : "", 0);
    if (rc == 0)
        rc = buf_printf(out, ",\"total\":%u,\"total_exact\":%s,"
                        "\"offset\":%u,\"limit\":%u,",
                        res->total, res->total_exact ? "true" : "false",
                        res->offset, req->limit ? req->limit : SEARCH_LIMIT);
    /* articles with only some of the parts, after the total ones */
    if (rc == 0 && res->partial_counted)
        rc = buf_printf(out, "\"partial_total\":%u,\"first_partial\":%zu,",
                        res->partial_total, res->first_partial);
    /* the places parts were widened to */
    if (rc == 0 && res->nexpanded) {
        size_t k;

        rc = buf_addstr(out, "\"expanded\":[");
        for (k = 0; rc == 0 && k < res->nexpanded; k++) {
            if (k)
                rc = buf_addch(out, ',');
            if (rc == 0)
                rc = json_str(out, res->expanded[k]);
        }
        if (rc == 0)
            rc = buf_addstr(out, "],");
    }
    /* the content words searched when nothing held the query's text */
    if (rc == 0 && res->rewritten) {
        rc = json_field(out, "rewritten", res->rewritten, 0);
        if (rc == 0)
            rc = buf_addch(out, ',');
    }
    /* a date range's left-out undated articles (year:none lists them) */
    if (rc == 0 && res->undated_counted)
        rc = buf_printf(out, "\"undated\":%u,", res->undated);
    if (rc == 0)
        rc = buf_addstr(out, "\"hits\":[");
    for (i = 0; i < res->nhits && rc == 0; i++) {
        if (i)
            rc = buf_addch(out, ',');
        if (rc == 0)
            rc = output_json_hit(out, &res->hits[i], res->parts,
                                 res->nparts);
    }
    if (rc == 0)
        rc = buf_addch(out, ']');
    if (rc == 0 && res->facets)
        rc = json_facets(out, res);
    if (rc == 0 && res->suggest_city) {
        rc = buf_addstr(out, ",\"suggested_filters\":[{\"field\":\"city\","
                             "\"value\":");
        if (rc == 0)
            rc = json_str(out, res->suggest_city);
        if (rc == 0)
            rc = buf_addstr(out, "}]");
    }
    if (rc == 0)
        rc = buf_addstr(out, "}\n");
    return rc;
}

int output_xml_escape(struct buf *out, const char *s, size_t n)
{
    size_t i, run = 0, skip;
    int rc = 0;

    for (i = 0; i < n && rc == 0; i += skip ? skip : 1) {
        const unsigned char *c = (const unsigned char *)s + i;

        skip = 0;
        if (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r')
            skip = 1;
        else if (*c == 0xEF && i + 2 < n && c[1] == 0xBF
                 && (c[2] == 0xBE || c[2] == 0xBF))
            skip = 3;
        if (!skip)
            continue;
        rc = output_html_escape(out, s + run, i - run);
        run = i + skip;
    }
    return rc ? rc : output_html_escape(out, s + run, n - run);
}
