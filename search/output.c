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
    return url
           && (strncmp(url, "http://", 7) == 0
               || strncmp(url, "https://", 8) == 0);
}

int output_html_escape(struct buf *out, const char *s, size_t n)
{
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        const char *esc;

        switch (s[i]) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&#39;"; break;
        default: continue;
        }
        buf_add(out, s + run, i - run);
        buf_addstr(out, esc);
        run = i + 1;
    }
    return buf_add(out, s + run, n - run);
}

const char *output_field(const struct search_hit *h, const char *key)
{
    const char *v = record_get(h->rec, key);

    return v ? v : "";
}

/* "   city 兰州市 · sectors a, b · workstations c" when there are any. */
static void text_entities(struct buf *out, const struct search_hit *h)
{
    static const char *const keys[] = {"city", "sector", "workstation",
                                       "brand"};
    static const char *const names[] = {"city", "sectors", "workstations",
                                        "brands"};
    size_t k, i, shown = 0;
    const char *v;

    for (k = 0; k < 4; k++)
        for (i = 0; (v = record_get_nth(h->rec, keys[k], i)); i++)
            if (i)
                buf_printf(out, ", %s", v);
            else
                buf_printf(out, "%s%s %s", shown++ ? " · " : "   ", names[k],
                           v);
    if (shown)
        buf_addch(out, '\n');
}

/* "(also searched: articles filed under 安康市; articles that say
 * 委员之家; --no-expand: as text only)" */
static void expansions_line(struct buf *out, const struct search_result *res)
{
    size_t i;

    if (!res->expanded.n && !res->reworded.n)
        return;
    buf_addstr(out, "(also searched: ");
    for (i = 0; i < res->expanded.n; i++)
        buf_printf(out, "%s%s", i ? ", " : "articles filed under ",
                   res->expanded.v[i]);
    for (i = 0; i < res->reworded.n; i++)
        buf_printf(out, "%s%s",
                   i                 ? ", "
                   : res->expanded.n ? "; articles that say "
                                     : "articles that say ",
                   res->reworded.v[i]);
    buf_addstr(out, "; --no-expand: as text only)\n");
}

/* "   missing: 义诊, 兰州" under a partial match. */
static void text_missing(struct buf *out, const struct search_result *res,
                         const struct search_hit *h)
{
    size_t i;
    int first = 1;

    buf_addstr(out, "   missing:");
    for (i = 0; i < res->nparts && i < 64; i++)
        if (!((h->parts >> i) & 1)) {
            buf_printf(out, "%s %s", first ? "" : ",", res->parts[i]);
            first = 0;
        }
    buf_addch(out, '\n');
}

int output_text(const struct search_request *req,
                const struct search_result *res, int color, struct buf *out)
{
    size_t i;

    (void)req;
    buf_printf(out, "%s%u results\n", res->total_exact ? "" : "about ",
               res->total);
    if (res->undated_counted && res->undated)
        buf_printf(out,
                   "(%u more without a date are outside the date "
                   "range: --year none lists them)\n",
                   res->undated);
    expansions_line(out, res);
    if (res->rewritten && res->exact_total)
        buf_printf(out,
                   "(%u hold the query as written, first by relevance; "
                   "with them, its words %s apart; --all for as written "
                   "only)\n",
                   res->exact_total, res->rewritten);
    else if (res->rewritten)
        buf_printf(out,
                   "(no article holds the query as written: "
                   "searched its words %s)\n",
                   res->rewritten);
    if (res->partial_counted && res->partial_total)
        buf_printf(out,
                   "(and about %u with only some of the words, after "
                   "them; --all for every word only)\n",
                   res->partial_total);
    for (i = 0; i < res->nhits; i++) {
        const struct search_hit *h = &res->hits[i];
        char date[11];

        search_format_date(h->rec, date);
        if (i == res->first_partial)
            buf_addstr(out, "\n--- below: some of the words missing "
                            "(以下结果未包含全部关键词) ---\n");
        buf_printf(out, "\n%zu. %s\n   %s%s%s%s%s\n   ", res->offset + i + 1,
                   output_field(h, "title"), date,
                   *date && *output_field(h, "source") ? " · " : "",
                   output_field(h, "source"),
                   *date || *output_field(h, "source") ? "  " : "",
                   output_field(h, "path"));
        if (record_page_at(h->rec, h->snippet.at))
            buf_printf(out, "第%u页: ", record_page_at(h->rec, h->snippet.at));
        snippet_render(&h->snippet, color ? "\033[1;33m" : "【",
                       color ? "\033[0m" : "】", NULL, out);
        buf_addch(out, '\n');
        if (i >= res->first_partial)
            text_missing(out, res, h);
        text_entities(out, h);
    }
    if (res->suggest_city)
        buf_printf(out,
                   "\n(the query names %s: add --city=%s to see "
                   "its own practice only)\n",
                   res->suggest_city, res->suggest_city);
    for (i = 0; i < res->nfacets; i++) {
        const struct facet *f = &res->facets[i];
        size_t k;

        if (!f->nvalues)
            continue;
        buf_printf(out, "%s%s:", i ? "" : "\nfacets\n", f->field);
        for (k = 0; k < f->nvalues; k++)
            buf_printf(out, " %s (%u)%s", f->values[k].value,
                       f->values[k].count, k + 1 < f->nvalues ? "," : "");
        buf_addch(out, '\n');
    }
    return buf_error(out);
}

static void json_field(struct buf *out, const char *key, const char *value,
                       int comma)
{
    if (comma)
        buf_addch(out, ',');
    json_key(out, key);
    json_str(out, value);
}

/* "key":[every value of record field rkey] */
static void json_list(struct buf *out, const char *key,
                      const struct search_hit *h, const char *rkey)
{
    const char *v;
    size_t i;

    buf_addch(out, ',');
    json_key(out, key);
    buf_addch(out, '[');
    for (i = 0; (v = record_get_nth(h->rec, rkey, i)) != NULL; i++) {
        if (i)
            buf_addch(out, ',');
        json_str(out, v);
    }
    buf_addch(out, ']');
}

/* The strings of l as JSON strings, comma-separated. */
static void json_strings(struct buf *out, const struct strv *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        if (i)
            buf_addch(out, ',');
        json_str(out, l->v[i]);
    }
}

/* "cities":[{"name":..,"role":"primary|secondary|mentioned"}] */
static void json_cities(struct buf *out, const struct search_hit *h)
{
    static const char *const keys[] = {"city", "city2", "city0"};
    static const char *const roles[] = {"primary", "secondary", "mentioned"};
    const char *v;
    size_t k, i, n = 0;

    buf_addstr(out, ",\"cities\":[");
    for (k = 0; k < 3; k++)
        for (i = 0; (v = record_get_nth(h->rec, keys[k], i)); i++) {
            if (n++)
                buf_addch(out, ',');
            buf_addstr(out, "{\"name\":");
            json_str(out, v);
            buf_printf(out, ",\"role\":\"%s\"}", roles[k]);
        }
    buf_addch(out, ']');
}

static void json_entities(struct buf *out, const struct search_hit *h)
{
    json_field(out, "province", record_get(h->rec, "province"), 1);
    json_field(out, "city", record_get(h->rec, "city"), 1);
    json_cities(out, h);
    json_list(out, "counties", h, "county");
    json_list(out, "sectors", h, "sector");
    json_list(out, "workstations", h, "workstation");
    json_list(out, "brands", h, "brand");
    json_field(out, "topic", record_get(h->rec, "topic"), 1);
}

/* "cluster":key,"reprints":[{id, title, date, source, url, path}] */
static void json_reprints(struct buf *out, const struct search_hit *h)
{
    size_t i;

    json_field(out, "cluster", h->cluster[0] ? h->cluster : NULL, 1);
    buf_addstr(out, ",\"reprints\":[");
    for (i = 0; i < h->nreprints; i++) {
        const struct record *r = h->reprints[i];
        char date[11];

        search_format_date(r, date);
        buf_addstr(out, i ? ",{" : "{");
        json_field(out, "id", record_get(r, "id"), 0);
        json_field(out, "title", record_get(r, "title"), 1);
        json_field(out, "date", *date ? date : NULL, 1);
        json_field(out, "source", record_get(r, "source"), 1);
        json_field(out, "url", record_get(r, "url"), 1);
        json_field(out, "path", record_get(r, "path"), 1);
        buf_addch(out, '}');
    }
    buf_addch(out, ']');
}

/* "key":[the parts whose bit in mask is (want)] */
static void json_parts(struct buf *out, const char *key, char *const *parts,
                       size_t nparts, unsigned long long mask, int want)
{
    size_t i;
    int first = 1;

    buf_printf(out, ",\"%s\":[", key);
    for (i = 0; i < nparts; i++) {
        if (((mask >> i) & 1) != (unsigned long long)want)
            continue;
        if (!first)
            buf_addch(out, ',');
        json_str(out, parts[i]);
        first = 0;
    }
    buf_addch(out, ']');
}

/* The snippet rendered in a scratch buf, as a JSON field (a failure of
 * the scratch buf is out's). */
static void json_snippet(struct buf *out, const char *key,
                         const struct search_hit *h, const char *open,
                         const char *close,
                         int (*escape)(struct buf *, const char *, size_t))
{
    struct buf tmp = BUF_INIT;

    snippet_render(&h->snippet, open, close, escape, &tmp);
    if (buf_set_error(out, buf_error(&tmp)) == 0)
        json_field(out, key, tmp.data ? tmp.data : "", 1);
    buf_release(&tmp);
}

int output_json_hit(struct buf *out, const struct search_hit *h,
                    char *const *parts, size_t nparts)
{
    char date[11];

    search_format_date(h->rec, date);
    buf_addch(out, '{');
    json_field(out, "id", record_get(h->rec, "id"), 0);
    json_field(out, "title", output_field(h, "title"), 1);
    json_field(out, "date", *date ? date : NULL, 1);
    json_field(out, "date_from", record_get(h->rec, "date_from"), 1);
    json_field(out, "source", record_get(h->rec, "source"), 1);
    json_field(out, "url", record_get(h->rec, "url"), 1);
    json_field(out, "path", record_get(h->rec, "path"), 1);
    buf_printf(out, ",\"score\":%.4f", h->score);
    if (record_page_at(h->rec, h->snippet.at))
        buf_printf(out, ",\"page\":%u", record_page_at(h->rec, h->snippet.at));
    json_snippet(out, "snippet", h, "", "", NULL);
    json_snippet(out, "snippet_html", h, "<mark>", "</mark>",
                 output_html_escape);
    json_entities(out, h);
    json_reprints(out, h);
    if (nparts >= 2 && nparts <= 64) {
        json_parts(out, "matched", parts, nparts, h->parts, 1);
        json_parts(out, "missing", parts, nparts, h->parts, 0);
    }
    return buf_addch(out, '}');
}

/* "facets":{"city":[{"value":..,"count":..}], ...} */
static void json_facets(struct buf *out, const struct search_result *res)
{
    size_t f, i;

    buf_addstr(out, ",\"facets\":{");
    for (f = 0; f < res->nfacets; f++) {
        if (f)
            buf_addch(out, ',');
        json_key(out, res->facets[f].field);
        buf_addch(out, '[');
        for (i = 0; i < res->facets[f].nvalues; i++) {
            buf_addstr(out, i ? ",{\"value\":" : "{\"value\":");
            json_str(out, res->facets[f].values[i].value);
            buf_printf(out, ",\"count\":%u}", res->facets[f].values[i].count);
        }
        buf_addch(out, ']');
    }
    buf_addch(out, '}');
}

int output_json(const struct search_request *req,
                const struct search_result *res, struct buf *out)
{
    size_t i;

    buf_addch(out, '{');
    json_field(out, "query", req->query ? req->query : "", 0);
    buf_printf(out,
               ",\"total\":%u,\"total_exact\":%s,"
               "\"offset\":%u,\"limit\":%u,",
               res->total, res->total_exact ? "true" : "false", res->offset,
               req->limit ? req->limit : SEARCH_LIMIT);
    /* articles with only some of the parts, after the total ones */
    if (res->partial_counted)
        buf_printf(out, "\"partial_total\":%u,\"first_partial\":%zu,",
                   res->partial_total, res->first_partial);
    /* what the parts were widened to: places and sectors, then other
     * wordings (also on their own, as reworded) */
    if (res->expanded.n || res->reworded.n) {
        buf_addstr(out, "\"expanded\":[");
        json_strings(out, &res->expanded);
        if (res->expanded.n && res->reworded.n)
            buf_addch(out, ',');
        json_strings(out, &res->reworded);
        buf_addstr(out, "],");
    }
    if (res->reworded.n) {
        buf_addstr(out, "\"reworded\":[");
        json_strings(out, &res->reworded);
        buf_addstr(out, "],");
    }
    /* the content words searched when nothing held the query's text */
    if (res->rewritten) {
        json_field(out, "rewritten", res->rewritten, 0);
        buf_printf(out, ",\"exact_total\":%u,", res->exact_total);
    }
    /* a date range's left-out undated articles (year:none lists them) */
    if (res->undated_counted)
        buf_printf(out, "\"undated\":%u,", res->undated);
    buf_addstr(out, "\"hits\":[");
    for (i = 0; i < res->nhits; i++) {
        if (i)
            buf_addch(out, ',');
        output_json_hit(out, &res->hits[i], res->parts, res->nparts);
    }
    buf_addch(out, ']');
    if (res->facets)
        json_facets(out, res);
    if (res->suggest_city) {
        buf_addstr(out, ",\"suggested_filters\":[{\"field\":\"city\","
                        "\"value\":");
        json_str(out, res->suggest_city);
        buf_addstr(out, "}]");
    }
    return buf_addstr(out, "}\n");
}

int output_xml_escape(struct buf *out, const char *s, size_t n)
{
    size_t i, run = 0, skip;

    for (i = 0; i < n; i += skip ? skip : 1) {
        const unsigned char *c = (const unsigned char *)s + i;

        skip = 0;
        if (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r')
            skip = 1;
        else if (*c == 0xEF && i + 2 < n && c[1] == 0xBF
                 && (c[2] == 0xBE || c[2] == 0xBF))
            skip = 3;
        if (!skip)
            continue;
        output_html_escape(out, s + run, i - run);
        run = i + skip;
    }
    return output_html_escape(out, s + run, n - run);
}
