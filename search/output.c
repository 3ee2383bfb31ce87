/*
 * output.c - render search results (see output.h).
 */
#include "output.h"

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "../common/record.h"

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

static const char *field(const struct search_hit *h, const char *key)
{
    const char *v = record_get(h->rec, key);

    return v ? v : "";
}

int output_text(const struct search_request *req,
                const struct search_result *res, int color, struct buf *out)
{
    size_t i;
    int rc;

    (void)req;
    rc = buf_printf(out, "%s%u results%s\n", res->total_exact ? "" : "about ",
                    res->total,
                    res->nhits ? "" : "");
    for (i = 0; i < res->nhits && rc == 0; i++) {
        const struct search_hit *h = &res->hits[i];
        char date[11];

        search_format_date(h->rec, date);
        rc = buf_printf(out, "\n%zu. %s\n   %s%s%s%s%s\n   ",
                        res->offset + i + 1, field(h, "title"), date,
                        *date && *field(h, "source") ? " · " : "",
                        field(h, "source"), *date || *field(h, "source")
                        ? "  " : "", field(h, "path"));
        if (rc == 0)
            rc = snippet_render(&h->snippet, color ? "\033[1;33m" : "【",
                                color ? "\033[0m" : "】", NULL, out);
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

static int json_hit(struct buf *out, const struct search_hit *h)
{
    struct buf tmp = BUF_INIT;
    char date[11];
    int rc;

    search_format_date(h->rec, date);
    rc = buf_addch(out, '{');
    if (rc == 0)
        rc = json_field(out, "id", record_get(h->rec, "id"), 0);
    if (rc == 0)
        rc = json_field(out, "title", field(h, "title"), 1);
    if (rc == 0)
        rc = json_field(out, "date", *date ? date : NULL, 1);
    if (rc == 0)
        rc = json_field(out, "source", record_get(h->rec, "source"), 1);
    if (rc == 0)
        rc = json_field(out, "url", record_get(h->rec, "url"), 1);
    if (rc == 0)
        rc = json_field(out, "path", record_get(h->rec, "path"), 1);
    if (rc == 0)
        rc = buf_printf(out, ",\"score\":%.4f", h->score);
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
        rc = buf_addch(out, '}');
    buf_release(&tmp);
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
                        "\"offset\":%u,\"limit\":%u,\"hits\":[",
                        res->total, res->total_exact ? "true" : "false",
                        res->offset, req->limit ? req->limit : 10);
    for (i = 0; i < res->nhits && rc == 0; i++) {
        if (i)
            rc = buf_addch(out, ',');
        if (rc == 0)
            rc = json_hit(out, &res->hits[i]);
    }
    if (rc == 0)
        rc = buf_addstr(out, "]}\n");
    return rc;
}
