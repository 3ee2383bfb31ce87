/*
 * export.c - export writers (see export.h).
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/record.h"
#include "export_int.h"
#include "json.h"
#include "output.h"
#include "query.h"

static const struct {
    const char *name, *type, *ext;
} formats[] = {
    [EXPORT_CSV] = {"csv", "text/csv; charset=utf-8", "csv"},
    [EXPORT_JSON] = {"json", "application/json; charset=utf-8", "json"},
    [EXPORT_MD] = {"md", "text/markdown; charset=utf-8", "md"},
    [EXPORT_HTML] = {"html", "text/html; charset=utf-8", "html"},
    [EXPORT_RIS] = {"ris", "application/x-research-info-systems", "ris"},
    [EXPORT_DOCX] = {"docx",
                     "application/vnd.openxmlformats-officedocument."
                     "wordprocessingml.document",
                     "docx"},
};

int export_format_parse(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (name && strcmp(name, formats[i].name) == 0)
            return (int)i;
    return -1;
}

const char *export_content_type(int format)
{
    return formats[format].type;
}

const char *export_extension(int format)
{
    return formats[format].ext;
}

/* All values of a record field joined with sep, into out. */
static void joined(struct buf *out, const struct search_hit *h, const char *key,
                   const char *sep)
{
    const char *v;
    size_t i;

    for (i = 0; (v = record_get_nth(h->rec, key, i)); i++)
        buf_printf(out, "%s%s", i ? sep : "", v);
}

/* Where each other copy of the article is (its URL, else its file),
 * joined with sep. */
static void reprint_places(struct buf *out, const struct search_hit *h,
                           const char *sep)
{
    size_t i;

    for (i = 0; i < h->nreprints; i++) {
        const char *url = record_get(h->reprints[i], "url");
        const char *path = record_get(h->reprints[i], "path");

        buf_printf(out, "%s%s", i ? sep : "",
                   url && *url ? url
                   : path      ? path
                               : "");
    }
}

/* What a scratch buf holds, to be written into out: its failure becomes
 * out's (and the "" then written adds nothing). */
static const char *scratch_text(struct buf *out, const struct buf *tmp)
{
    buf_set_error(out, buf_error(tmp));
    return tmp->data && !buf_error(tmp) ? tmp->data : "";
}

static void plain_snippet(const struct search_hit *h, struct buf *out)
{
    snippet_render(&h->snippet, "", "", NULL, out);
}

int export_csv_field(struct buf *out, const char *s)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    int defuse = *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t'
                 || *s == '\r';

    if (quote || defuse)
        buf_addch(out, '"');
    if (defuse)
        buf_addch(out, '\'');
    for (; *s; s++)
        if (*s == '"')
            buf_add(out, "\"\"", 2);
        else
            buf_addch(out, *s);
    if (quote || defuse)
        buf_addch(out, '"');
    return buf_error(out);
}

/* The CSV columns, in Chinese for the people the export is for (Excel
 * shows the header row as is) and in English on request. */
static const char *const csv_columns[][2] = {
    {"序号", "no"},         {"标题", "title"},
    {"日期", "date"},       {"来源", "source"},
    {"省份", "province"},   {"城市", "city"},
    {"界别", "sectors"},    {"委员工作室（站）", "workstations"},
    {"活动品牌", "brands"}, {"链接", "url"},
    {"路径", "path"},       {"转载", "reprints"},
    {"摘要", "snippet"},    {"全文", "text"}, /* last: with full_text */
};
#define CSV_NCOLUMNS (sizeof(csv_columns) / sizeof(csv_columns[0]))

static void csv_header(const struct export_options *opt, struct buf *out)
{
    size_t i, n = CSV_NCOLUMNS - (opt && opt->full_text ? 0 : 1);

    buf_addstr(out, "\xEF\xBB\xBF");
    for (i = 0; i < n; i++)
        buf_printf(out, "%s%s", i ? "," : "",
                   csv_columns[i][opt && opt->english_headers]);
    buf_add(out, "\r\n", 2);
}

/* A cell made of a scratch buf's text, and its comma. */
static void csv_scratch(struct buf *out, const struct buf *tmp)
{
    export_csv_field(out, scratch_text(out, tmp));
    buf_addch(out, ',');
}

static void csv_hit(const struct search_hit *h, unsigned n,
                    const struct export_options *opt, struct buf *out)
{
    static const char *const lists[] = {"sector", "workstation", "brand"};
    struct buf tmp = BUF_INIT;
    char date[11], num[16];
    const char *cols[] = {num,
                          output_field(h, "title"),
                          date,
                          output_field(h, "source"),
                          output_field(h, "province"),
                          output_field(h, "city")};
    size_t i;

    search_format_date(h->rec, date);
    snprintf(num, sizeof(num), "%u", n);
    for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        export_csv_field(out, cols[i]);
        buf_addch(out, ',');
    }
    /* Multi-valued fields joined with "；" inside one cell. */
    for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        buf_reset(&tmp);
        joined(&tmp, h, lists[i], "；");
        csv_scratch(out, &tmp);
    }
    export_csv_field(out, output_field(h, "url"));
    buf_addch(out, ',');
    export_csv_field(out, output_field(h, "path"));
    buf_addch(out, ',');
    buf_reset(&tmp);
    reprint_places(&tmp, h, "；");
    csv_scratch(out, &tmp);
    buf_reset(&tmp);
    plain_snippet(h, &tmp);
    export_csv_field(out, scratch_text(out, &tmp));
    if (opt && opt->full_text) {
        buf_addch(out, ',');
        export_csv_field(out, output_field(h, "body"));
    }
    buf_add(out, "\r\n", 2);
    buf_release(&tmp);
}

/* Markdown text: escape the characters that would start markup. */
static int md_text(struct buf *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|&", *s))
            buf_addch(out, '\\');
        /* a line break or control character would start a new Markdown
         * block */
        buf_addch(out, (unsigned char)*s < 0x20 ? ' ' : *s);
    }
    return buf_error(out);
}

static int md_esc(struct buf *out, const char *s)
{
    return md_text(out, s);
}

static int html_esc(struct buf *out, const char *s)
{
    return output_html_escape(out, s, strlen(s));
}

/* Where an article can be found again: its URL, else the file it was
 * indexed from. */
static const char *citation(const struct search_hit *h)
{
    const char *url = output_field(h, "url");

    return *url ? url : output_field(h, "path");
}

/* A digest's citation: 来源，日期，URL (what is known of them). */
static void full_citation(const struct search_hit *h, struct buf *out)
{
    char date[11];

    search_format_date(h->rec, date);
    if (*output_field(h, "source"))
        buf_printf(out, "%s，", output_field(h, "source"));
    if (*date)
        buf_printf(out, "%s，", date);
    buf_addstr(out, citation(h));
}

/* The passage a digest shows: the snippet, or the whole clean text. */
static void digest_text(const struct search_hit *h,
                        const struct export_options *opt, struct buf *out)
{
    if (opt && opt->full_text)
        buf_addstr(out, output_field(h, "body"));
    else
        plain_snippet(h, out);
}

static void md_hit(const struct search_hit *h, unsigned n,
                   const struct export_options *opt, struct buf *out)
{
    struct buf tmp = BUF_INIT;
    char date[11];

    search_format_date(h->rec, date);
    buf_printf(out, "%u. **", n);
    md_text(out, output_field(h, "title"));
    buf_addstr(out, "**  \n   ");
    md_text(out, *date ? date : "未注明日期");
    if (*output_field(h, "city"))
        buf_printf(out, " · %s", output_field(h, "city"));
    if (*output_field(h, "source")) {
        buf_addstr(out, " · ");
        md_text(out, output_field(h, "source"));
    }
    buf_addstr(out, "  \n   > ");
    digest_text(h, opt, &tmp);
    md_text(out, scratch_text(out, &tmp));
    buf_addstr(out, "  \n   引自：");
    buf_reset(&tmp);
    full_citation(h, &tmp);
    md_text(out, scratch_text(out, &tmp));
    if (h->nreprints) {
        buf_reset(&tmp);
        buf_printf(out, "  \n   另有 %zu 处转载：", h->nreprints);
        reprint_places(&tmp, h, "；");
        md_text(out, scratch_text(out, &tmp));
    }
    buf_addstr(out, "\n\n");
    buf_release(&tmp);
}

static void html_hit(const struct search_hit *h, unsigned n,
                     const struct export_options *opt, struct buf *out)
{
    struct buf tmp = BUF_INIT;
    const char *t = output_field(h, "title");
    char date[11];

    search_format_date(h->rec, date);
    buf_printf(out, "<li value=\"%u\"><h2>", n);
    html_esc(out, t);
    buf_printf(out, "</h2><p class=\"meta\">%s", *date ? date : "未注明日期");
    if (*output_field(h, "city"))
        buf_printf(out, " · %s", output_field(h, "city"));
    if (*output_field(h, "source")) {
        buf_addstr(out, " · ");
        html_esc(out, output_field(h, "source"));
    }
    buf_addstr(out, "</p><blockquote>");
    if (opt && opt->full_text)
        html_esc(out, output_field(h, "body"));
    else
        snippet_render(&h->snippet, "<mark>", "</mark>", output_html_escape,
                       out);
    buf_addstr(out, "</blockquote><p class=\"cite\">引自：");
    full_citation(h, &tmp);
    html_esc(out, scratch_text(out, &tmp));
    if (h->nreprints) {
        buf_printf(out, "</p><p class=\"cite\">另有 %zu 处转载：",
                   h->nreprints);
        buf_reset(&tmp);
        reprint_places(&tmp, h, "；");
        html_esc(out, scratch_text(out, &tmp));
    }
    buf_addstr(out, "</p></li>\n");
    buf_release(&tmp);
}

/* RIS: one "TAG  - value" line each, values on one line. */
static void ris_line(struct buf *out, const char *tag, const char *v)
{
    if (!v || !*v)
        return;
    buf_printf(out, "%s  - ", tag);
    for (; *v; v++)
        buf_addch(out, *v == '\r' || *v == '\n' ? ' ' : *v);
    buf_add(out, "\r\n", 2);
}

static void ris_hit(const struct search_hit *h, struct buf *out)
{
    struct buf tmp = BUF_INIT;
    const char *d = output_field(h, "date"), *v;
    char date[16] = "";
    size_t i;

    buf_add(out, "TY  - NEWS\r\n", 12);
    if (strlen(d) == 8)
        snprintf(date, sizeof(date), "%.4s/%.2s/%.2s/", d, d + 4, d + 6);
    ris_line(out, "TI", output_field(h, "title"));
    ris_line(out, "DA", date);
    if (strlen(d) == 8) {
        char y[5];

        snprintf(y, sizeof(y), "%.4s", d);
        ris_line(out, "PY", y);
    }
    ris_line(out, "PB", output_field(h, "source"));
    ris_line(out, "CY", output_field(h, "city"));
    ris_line(out, "UR", output_field(h, "url"));
    plain_snippet(h, &tmp);
    ris_line(out, "AB", scratch_text(out, &tmp));
    for (i = 0; (v = record_get_nth(h->rec, "sector", i)); i++)
        ris_line(out, "KW", v);
    for (i = 0; (v = record_get_nth(h->rec, "workstation", i)); i++)
        ris_line(out, "KW", v);
    ris_line(out, "N1", output_field(h, "path"));
    buf_add(out, "ER  - \r\n\r\n", 10);
    buf_release(&tmp);
}

/* The search in words, for a digest's cover: 检索词, each filter with its
 * label (城市：兰州市), the date range.  esc writes user text safely. */
int export_cover_facts(const struct search_request *req,
                       int (*esc)(struct buf *, const char *), struct buf *out)
{
    size_t i;

    buf_addstr(out, "检索词：");
    esc(out, req->query && *req->query ? req->query : "（全部）");
    for (i = 0; i < req->nfilters; i++) {
        buf_printf(out, "；%s：", query_field_label(req->filters[i].field));
        esc(out, req->filters[i].value);
    }
    if (req->date_from || req->date_to) {
        buf_addstr(out, "；时间：");
        esc(out, req->date_from ? req->date_from : "");
        buf_addstr(out, " 至 ");
        esc(out, req->date_to ? req->date_to : "今");
    }
    return buf_error(out);
}

void export_today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

int export_begin(int format, const struct export_options *opt,
                 const struct search_request *req, unsigned total,
                 struct buf *out)
{
    const char *query = req->query && *req->query ? req->query : "全部文章";
    unsigned shown = total < EXPORT_MAX ? total : EXPORT_MAX;
    char date[11];

    export_today(date);
    switch (format) {
    case EXPORT_CSV: csv_header(opt, out); return buf_error(out);
    case EXPORT_JSON: return buf_addstr(out, "[\n");
    case EXPORT_MD:
        buf_addstr(out, "# 学习材料：");
        md_text(out, query);
        buf_addstr(out, "\n\n");
        export_cover_facts(req, md_esc, out);
        buf_printf(out, "  \n导出日期：%s；共 %u 篇", date, total);
        if (shown < total)
            buf_printf(out, "（收录前 %u 篇）", shown);
        return buf_addstr(out, "。\n\n");
    case EXPORT_HTML:
        buf_addstr(out, "<!DOCTYPE html><html lang=\"zh-CN\"><head>"
                        "<meta charset=\"utf-8\"><title>学习材料"
                        "</title><style>body{font:16px/1.6 sans-serif;"
                        "max-width:46em;margin:2em auto}h2{font-size:"
                        "1.05em;margin:0}.meta,.cite,.cover{color:#555;"
                        "font-size:.9em}mark{background:#ffe58f}"
                        "blockquote{margin:.3em 0 .3em 1em;white-space:"
                        "pre-line}</style></head><body><h1>学习材料：");
        html_esc(out, query);
        buf_addstr(out, "</h1><p class=\"cover\">");
        export_cover_facts(req, html_esc, out);
        buf_printf(out, "<br>导出日期：%s；共 %u 篇", date, total);
        if (shown < total)
            buf_printf(out, "（收录前 %u 篇）", shown);
        return buf_addstr(out, "。</p><ol>\n");
    case EXPORT_RIS: return buf_error(out);
    }
    return LV_EINVAL;
}

int export_hit(int format, const struct export_options *opt,
               const struct search_hit *h, unsigned n, struct buf *out)
{
    switch (format) {
    case EXPORT_CSV: csv_hit(h, n, opt, out); return buf_error(out);
    case EXPORT_JSON:
        if (n > 1)
            buf_addstr(out, ",\n");
        return output_json_hit(out, h, NULL, 0);
    case EXPORT_MD: md_hit(h, n, opt, out); return buf_error(out);
    case EXPORT_HTML: html_hit(h, n, opt, out); return buf_error(out);
    case EXPORT_RIS: ris_hit(h, out); return buf_error(out);
    }
    return LV_EINVAL;
}

int export_end(int format, unsigned count, struct buf *out)
{
    (void)count;
    switch (format) {
    case EXPORT_JSON: return buf_addstr(out, "\n]\n");
    case EXPORT_HTML: return buf_addstr(out, "</ol></body></html>\n");
    default: return 0;
    }
}

struct export_stream {
    struct searcher *s;
    struct search_request req;
    int format;
    struct export_options opt;
    unsigned next, total, done;
    int state; /* 0 begin, 1 hits, 2 end, 3 finished */
    struct buf chunk;
    struct docx_digest *docx; /* a Word digest being made */
};

int export_stream_new(struct searcher *s, const struct search_request *req,
                      int format, const struct export_options *opt,
                      struct export_stream **out, struct lv_err *err)
{
    struct export_stream *x = calloc(1, sizeof(*x));

    *out = NULL;
    if (!x)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    x->s = s;
    x->req = *req;
    x->req.limit = EXPORT_PAGE;
    x->req.offset = 0;
    x->req.facets = 0;
    x->req.no_partial = 1; /* the study material: articles with every part */
    x->format = format;
    if (opt)
        x->opt = *opt;
    *out = x;
    return 0;
}

/* One page of hits into the chunk; state 2 when the set is exhausted. */
static int export_page(struct export_stream *x, struct lv_err *err)
{
    struct search_result res;
    size_t i;
    int rc;

    x->req.offset = x->next;
    rc = searcher_run(x->s, &x->req, &res, err);
    if (rc == 0 && x->state == 0) {
        x->total = res.total < EXPORT_MAX ? res.total : EXPORT_MAX;
        if (x->format == EXPORT_DOCX) {
            x->docx = docx_digest_new(&x->req, res.total, &x->opt);
            rc = x->docx ? 0 : LV_ENOMEM;
        } else {
            rc =
                export_begin(x->format, &x->opt, &x->req, res.total, &x->chunk);
        }
        x->state = 1;
    }
    for (i = 0; rc == 0 && i < res.nhits && x->done < EXPORT_MAX; i++)
        rc = x->docx ? docx_digest_hit(x->docx, &res.hits[i], ++x->done)
                     : export_hit(x->format, &x->opt, &res.hits[i], ++x->done,
                                  &x->chunk);
    if (rc == 0 && (res.nhits < EXPORT_PAGE || x->done >= EXPORT_MAX))
        x->state = 2;
    x->next += (unsigned)res.nhits;
    search_result_release(&res);
    if (rc == LV_ENOMEM)
        lv_err_set(err, rc, "out of memory");
    return rc;
}

int export_stream_next(struct export_stream *x, const char **data, size_t *len,
                       struct lv_err *err)
{
    int rc = 0;

    buf_reset(&x->chunk);
    if (x->state < 2)
        rc = export_page(x, err);
    /* A Word file is whole or nothing: every page first. */
    while (rc == 0 && x->format == EXPORT_DOCX && x->state < 2)
        rc = export_page(x, err);
    if (rc == 0 && x->state == 2) {
        rc = x->docx ? docx_digest_end(x->docx, &x->chunk, err)
                     : export_end(x->format, x->done, &x->chunk);
        x->state = 3;
    }
    if (rc < 0)
        return rc;
    *data = x->chunk.data ? x->chunk.data : "";
    *len = x->chunk.len;
    return 0;
}

void export_stream_free(struct export_stream *x)
{
    if (!x)
        return;
    buf_release(&x->chunk);
    docx_digest_free(x->docx);
    free(x);
}
