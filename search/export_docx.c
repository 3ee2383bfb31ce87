/*
 * export_docx.c - the Word digest: a cover (the search in words, the
 * export date, the number of articles), contents linking to each article,
 * then per article a heading, a line of its date, source and city, its
 * URL as a link, its whole clean text (or the matching passage), and a
 * closing list of sources.  The document is made in memory: its text is
 * capped (DOCX_MAX_TEXT), after which articles give only their passage,
 * as the cover then says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "export_int.h"
#include "output.h"
#include "snippet.h"
#include "wordml.h"

/* Article text a digest holds at most (bytes). */
#define DOCX_MAX_TEXT (48u << 20)

struct docx_digest {
    struct wordml *w;
    struct buf cover; /* the search in words */
    char *query;
    unsigned total, shown;
    int snippets_only;
    unsigned capped_from;    /* first article cut to its passage, or 0 */
    struct buf toc, sources; /* "title\n" per article, in order */
};

static int plain(struct buf *out, const char *s)
{
    return buf_addstr(out, s);
}

struct docx_digest *docx_digest_new(const struct search_request *req,
                                    unsigned total,
                                    const struct export_options *opt)
{
    struct docx_digest *d = calloc(1, sizeof(*d));

    if (!d)
        return NULL;
    d->w = wordml_new();
    d->query = strdup(req->query && *req->query ? req->query : "全部文章");
    d->total = total;
    d->shown = total < EXPORT_MAX ? total : EXPORT_MAX;
    d->snippets_only = opt && opt->snippets_only;
    if (!d->w || !d->query || export_cover_facts(req, plain, &d->cover) < 0) {
        docx_digest_free(d);
        return NULL;
    }
    return d;
}

/* A list entry: one line, its newlines made spaces. */
static void add_line(struct buf *list, const char *s)
{
    size_t from = list->len;

    buf_addstr(list, s);
    for (; from < list->len; from++)
        if (list->data[from] == '\n')
            list->data[from] = ' ';
    buf_addch(list, '\n');
}

/* The article's body paragraphs, or its passage. */
static int article_text(struct docx_digest *d, const struct search_hit *h,
                        unsigned n)
{
    const char *p = output_field(h, "body");
    int rc = 0;

    if (!d->snippets_only && !d->capped_from
        && wordml_size(d->w) + strlen(p) > DOCX_MAX_TEXT)
        d->capped_from = n;
    if (d->snippets_only || d->capped_from) {
        struct buf s = BUF_INIT;

        rc = snippet_render(&h->snippet, "", "", NULL, &s);
        if (rc == 0)
            rc = wordml_para(d->w, WORDML_BODY, s.data ? s.data : "", NULL);
        buf_release(&s);
        return rc;
    }
    while (rc == 0 && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *para = strndup(p, len);

        rc = para ? wordml_para(d->w, WORDML_BODY, para, NULL) : LV_ENOMEM;
        free(para);
        p += len + (nl != NULL);
    }
    return rc;
}

/*
 * The paragraphs go into d->w, which keeps their failure for
 * docx_digest_end, as d->toc and d->sources keep theirs; a scratch buf is
 * checked before its text is handed on.
 */
int docx_digest_hit(struct docx_digest *d, const struct search_hit *h,
                    unsigned n)
{
    struct buf t = BUF_INIT, facts = BUF_INIT;
    char anchor[16], date[11];
    const char *url = output_field(h, "url");
    int rc;

    snprintf(anchor, sizeof(anchor), "a%u", n);
    search_format_date(h->rec, date);
    buf_printf(&t, "%u. %s", n, output_field(h, "title"));
    buf_printf(&facts, "%s", *date ? date : "未注明日期");
    if (*output_field(h, "source"))
        buf_printf(&facts, " · %s", output_field(h, "source"));
    if (*output_field(h, "city"))
        buf_printf(&facts, " · %s", output_field(h, "city"));
    if (h->nreprints)
        buf_printf(&facts, " · 另有 %zu 处转载", h->nreprints);
    rc = buf_error(&t) ? buf_error(&t) : buf_error(&facts);
    if (rc == 0) {
        wordml_para(d->w, WORDML_HEADING, t.data, anchor);
        wordml_para(d->w, WORDML_FACTS, facts.data, NULL);
        if (*url)
            wordml_link_para(d->w, WORDML_FACTS, "原文：", url, url, NULL);
        else
            wordml_link_para(d->w, WORDML_FACTS, "文件：",
                             output_field(h, "path"), NULL, NULL);
        rc = article_text(d, h, n);
    }
    if (rc == 0) {
        add_line(&d->toc, t.data);
        /* The sources list: 标题。来源，日期。URL */
        buf_reset(&facts);
        buf_printf(&facts, "%s。%s%s%s。%s", t.data, output_field(h, "source"),
                   *output_field(h, "source") && *date ? "，" : "", date,
                   *url ? url : output_field(h, "path"));
        rc = buf_error(&facts);
    }
    if (rc == 0)
        add_line(&d->sources, facts.data);
    buf_release(&t);
    buf_release(&facts);
    return rc;
}

/* The n-th line of a list (lines end with '\n'); *p walks it. */
static char *next_line(const char **p)
{
    const char *nl = strchr(*p, '\n');
    char *line = strndup(*p, (size_t)(nl - *p));

    *p = nl + 1;
    return line;
}

/* Cover and contents, written last into the front part. */
static int front(struct docx_digest *d, unsigned count)
{
    struct buf title = BUF_INIT, b = BUF_INIT;
    const char *p = d->toc.data ? d->toc.data : "";
    char date[11], anchor[16];
    unsigned n;
    int rc;

    export_today(date);
    buf_printf(&title, "学习材料：%s", d->query);
    buf_printf(&b, "导出日期：%s；共 %u 篇", date, d->total);
    if (d->shown < d->total)
        buf_printf(&b, "（收录前 %u 篇）", d->shown);
    buf_addstr(&b, d->snippets_only ? "；每篇只收录与检索词相关的段落。"
                                    : "；每篇收录全文。");
    if (d->capped_from)
        buf_printf(&b, "篇幅所限，第 %u 篇起只收录相关段落。", d->capped_from);
    rc = buf_error(&title) ? buf_error(&title) : buf_error(&b);
    wordml_select(d->w, WORDML_FRONT);
    if (rc == 0) {
        wordml_para(d->w, WORDML_TITLE, title.data, NULL);
        wordml_para(d->w, WORDML_FACTS, d->cover.data ? d->cover.data : "",
                    NULL);
        wordml_para(d->w, WORDML_FACTS, b.data, NULL);
        if (count)
            wordml_para(d->w, WORDML_SECTION, "目录", NULL);
    }
    for (n = 1; rc == 0 && n <= count && *p; n++) {
        char *line = next_line(&p);

        snprintf(anchor, sizeof(anchor), "a%u", n);
        if (line)
            wordml_link_para(d->w, WORDML_TOC, NULL, line, NULL, anchor);
        else
            rc = LV_ENOMEM;
        free(line);
    }
    buf_release(&title);
    buf_release(&b);
    wordml_select(d->w, WORDML_MAIN);
    return rc;
}

int docx_digest_end(struct docx_digest *d, struct buf *out, struct lv_err *err)
{
    const char *p = d->sources.data ? d->sources.data : "";
    unsigned count = 0, n;
    char date[11];
    struct buf title = BUF_INIT;
    int rc = buf_error(&d->toc) ? buf_error(&d->toc) : buf_error(&d->sources);

    for (n = 0; p[n]; n++)
        count += p[n] == '\n';
    if (rc == 0 && count)
        wordml_para(d->w, WORDML_SECTION, "来源一览", "sources");
    for (n = 0; rc == 0 && *p; n++) {
        char *line = next_line(&p);

        if (line)
            wordml_para(d->w, WORDML_BODY, line, NULL);
        else
            rc = LV_ENOMEM;
        free(line);
    }
    if (rc == 0)
        rc = front(d, count);
    if (rc == 0)
        rc = buf_printf(&title, "学习材料：%s", d->query);
    if (rc < 0)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    export_today(date);
    rc = wordml_package(d->w, title.data, date, out, err);
    buf_release(&title);
    return rc;
}

void docx_digest_free(struct docx_digest *d)
{
    if (!d)
        return;
    wordml_free(d->w);
    buf_release(&d->cover);
    buf_release(&d->toc);
    buf_release(&d->sources);
    free(d->query);
    free(d);
}
