/*
 * pages.c - HTML rendering (see pages.h).
 */
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/gazetteer.h"
#include "../common/record.h"
#include "../search/output.h"
#include "../search/snippet.h"
#include "charts.h"
#include "map.h"

/* Escaped text. */
static void esc(struct buf *out, const char *s)
{
    if (s)
        output_html_escape(out, s, strlen(s));
}

/* The page's head and search box; feed (NULL: none) is the search whose
 * Atom feed the head names for feed readers. */
static void head(struct buf *out, const char *title, const char *q,
                 const struct params *feed)
{
    buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
                    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\">"
                    "<title>");
    esc(out, title);
    buf_addstr(out, " · 履职 lvzhi</title>");
    if (feed) { /* params_url writes it attribute-safe already */
        buf_addstr(out, "<link rel=\"alternate\" type=\"application/"
                        "atom+xml\" title=\"Atom\" href=\"");
        params_url(out, "/feed.atom", feed, NULL, NULL, NULL, NULL, NULL, 0);
        buf_addstr(out, "\">");
    }
    buf_addstr(out, "<link rel=\"stylesheet\" "
                    "href=\"/static/style.css\"></head><body>"
                    "<header><a class=\"logo\" href=\"/\">履职</a>"
                    "<form action=\"/search\" role=\"search\">"
                    "<input type=\"search\" name=\"q\" value=\"");
    esc(out, q);
    buf_addstr(out, "\" placeholder=\"搜索委员工作室、界别、协商活动…\" "
                    "aria-label=\"搜索\" maxlength=\"500\">"
                    "<button>搜索</button></form></header>\n");
}

static void foot(struct buf *out)
{
    buf_addstr(out, "<footer>履职 lvzhi · 政协委员履职新闻检索 · "
                    "<a href=\"/compare\">城市对比</a></footer>"
                    "</body></html>\n");
}

int page_error(struct buf *out, int status, const char *message)
{
    head(out, "出错了", "", NULL);
    buf_printf(out, "<main class=\"error\"><h1>%d</h1><p>", status);
    esc(out, message);
    buf_addstr(out, "</p><p><a href=\"/\">返回首页</a></p></main>");
    foot(out);
    return buf_error(out);
}

/* Active filters as chips that remove themselves. */
static void chips(struct buf *out, const struct params *p)
{
    size_t i;

    if (!p->nfilters)
        return;
    buf_addstr(out, "<div class=\"chips\">");
    for (i = 0; i < p->nfilters; i++) {
        const struct query_filter *f = &p->filters[i];

        buf_addstr(out, "<a class=\"chip\" title=\"移除\" href=\"");
        params_url(out, "/search", p, f->field, f->value, NULL, NULL, p->sort,
                   0);
        buf_printf(out, "\">%s：", query_field_label(f->field));
        if (strcmp(f->field, "year") == 0
            && strcmp(f->value, QUERY_UNDATED) == 0)
            buf_addstr(out, "未注明日期");
        else if (strcmp(f->field, "topic") == 0
                 && (strcmp(f->value, "on") == 0
                     || strcmp(f->value, "off") == 0))
            buf_addstr(out, strcmp(f->value, "on") == 0 ? "与委员履职相关"
                                                        : "无关页面");
        else
            esc(out, f->value);
        buf_addstr(out, " ×</a>");
    }
    buf_addstr(out, "</div>");
}

static int is_active(const struct params *p, const char *field,
                     const char *value)
{
    size_t i;

    for (i = 0; i < p->nfilters; i++)
        if (strcmp(p->filters[i].field, field) == 0
            && strcmp(p->filters[i].value, value) == 0)
            return 1;
    return 0;
}

/* The year facet's articles without a date: the total less every year's
 * count, when the total is exact and every year is shown; else 0. */
static unsigned undated_of(const struct search_result *res,
                           const struct facet *f)
{
    return strcmp(f->field, "year") == 0 ? res->facet_undated : 0;
}

/* Values a sidebar facet lists (years: all of them). */
#define SIDEBAR_VALUES 20

/* One facet's values as filter links (the year as bars, in year order,
 * with the undated counted apart). */
static void facet_block(struct buf *out, const struct params *p,
                        const struct facet *f, unsigned undated)
{
    unsigned max = 1;
    int bars = strcmp(f->field, "year") == 0;
    size_t i,
        n = !bars && f->nvalues > SIDEBAR_VALUES ? SIDEBAR_VALUES : f->nvalues;

    if (!f->nvalues && !undated)
        return;
    for (i = 0; i < n; i++)
        if (f->values[i].count > max)
            max = f->values[i].count;
    buf_printf(out, "<section class=\"facet\"><h3>%s</h3><ul%s>",
               query_field_label(f->field), bars ? " class=\"bars\"" : "");
    for (i = 0; i < n; i++) {
        const struct facet_value *v = &f->values[i];

        if (is_active(p, f->field, v->value)) {
            buf_addstr(out, "<li class=\"on\">");
            esc(out, v->value);
            buf_printf(out, " <span>%u</span></li>", v->count);
            continue;
        }
        buf_addstr(out, "<li><a href=\"");
        params_url(out, "/search", p, NULL, NULL, f->field, v->value, p->sort,
                   0);
        buf_addstr(out, "\">");
        esc(out, v->value);
        buf_printf(out, "</a> <span>%u</span>", v->count);
        if (bars)
            buf_printf(out, "<i style=\"width:%u%%\"></i>",
                       v->count * 100 / max);
        buf_addstr(out, "</li>");
    }
    if (undated && !is_active(p, "year", QUERY_UNDATED)) {
        buf_addstr(out, "<li class=\"undated\"><a href=\"");
        params_url(out, "/search", p, NULL, NULL, "year", QUERY_UNDATED,
                   p->sort, 0);
        buf_printf(out, "\">未注明日期</a> <span>%u</span></li>", undated);
    }
    buf_addstr(out, "</ul></section>");
}

/* Is `name` (a unit of `level`) inside `parent` (a province for cities,
 * a city for counties), according to the gazetteer? */
static int gaz_inside(const char *name, int level, const char *parent)
{
    unsigned i, n;
    const struct gaz_row *const *rows = gaz_by_name(name, &n);

    for (i = 0; i < n; i++) {
        const struct gaz_row *r = rows[i];

        if (r->level != level)
            continue;
        if (level == GAZ_COUNTY ? strcmp(r->parent_city, parent) == 0
                                : strcmp(r->province, parent) == 0)
            return 1;
    }
    /* A municipality (北京市) is its own city. */
    return level == GAZ_PREFECTURE && strcmp(name, parent) == 0;
}

/* One place link with its count, or the active value in bold. */
static void place_item(struct buf *out, const struct params *p,
                       const char *field, const struct facet_value *v)
{
    if (is_active(p, field, v->value)) {
        buf_addstr(out, "<li class=\"on\">");
        esc(out, v->value);
        buf_printf(out, " <span>%u</span>", v->count);
        return;
    }
    buf_addstr(out, "<li><a href=\"");
    params_url(out, "/search", p, NULL, NULL, field, v->value, p->sort, 0);
    buf_addstr(out, "\">");
    esc(out, v->value);
    buf_printf(out, "</a> <span>%u</span>", v->count);
}

/*
 * Province → city → county as one nested list, from the three facets and
 * the gazetteer.  A value whose parent is not shown is listed at the top
 * level, so no count is ever hidden.
 */
static void place_tree(struct buf *out, const struct params *p,
                       const struct search_result *res)
{
    const struct facet *pr = search_result_facet(res, "province");
    const struct facet *ci = search_result_facet(res, "city");
    const struct facet *co = search_result_facet(res, "county");
    char used_city[64] = {0}, used_county[64] = {0};
    size_t a, b, c;

    if (!pr || !ci || !co || (!pr->nvalues && !ci->nvalues && !co->nvalues))
        return;
    buf_addstr(out, "<section class=\"facet tree\"><h3>地区</h3><ul>");
    for (a = 0; a < pr->nvalues; a++) {
        int opened = 0;

        place_item(out, p, "province", &pr->values[a]);
        for (b = 0; b < ci->nvalues && b < 64; b++) {
            int copened = 0;

            if (used_city[b]
                || !gaz_inside(ci->values[b].value, GAZ_PREFECTURE,
                               pr->values[a].value))
                continue;
            used_city[b] = 1;
            if (!opened++)
                buf_addstr(out, "<ul>");
            place_item(out, p, "city", &ci->values[b]);
            for (c = 0; c < co->nvalues && c < 64; c++) {
                if (used_county[c]
                    || !gaz_inside(co->values[c].value, GAZ_COUNTY,
                                   ci->values[b].value))
                    continue;
                used_county[c] = 1;
                if (!copened++)
                    buf_addstr(out, "<ul>");
                place_item(out, p, "county", &co->values[c]);
                buf_addstr(out, "</li>");
            }
            if (copened)
                buf_addstr(out, "</ul>");
            buf_addstr(out, "</li>");
        }
        if (opened)
            buf_addstr(out, "</ul>");
        buf_addstr(out, "</li>");
    }
    for (b = 0; b < ci->nvalues; b++)
        if (b >= 64 || !used_city[b]) {
            place_item(out, p, "city", &ci->values[b]);
            buf_addstr(out, "</li>");
        }
    for (c = 0; c < co->nvalues; c++)
        if (c >= 64 || !used_county[c]) {
            place_item(out, p, "county", &co->values[c]);
            buf_addstr(out, "</li>");
        }
    buf_addstr(out, "</ul></section>");
}

/* "城市 兰州市 · 界别 民盟" links: a few of each kind under a hit, all of
 * them on the article page. */
static void entity_links(struct buf *out, const struct record *rec,
                         size_t per_kind, int counties)
{
    static const char *const keys[][2] = {
        {"city", "city"},     {"county", "county"},
        {"sector", "sector"}, {"workstation_key", "workstation"},
        {"brand", "brand"},
    };
    struct params none;
    size_t k, i;
    const char *v;
    int any = 0;

    memset(&none, 0, sizeof(none));
    for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        if (!counties && strcmp(keys[k][0], "county") == 0)
            continue;
        for (i = 0; i < per_kind && (v = record_get_nth(rec, keys[k][0], i));
             i++) {
            if (!any++)
                buf_addstr(out, "<p class=\"ents\">");
            buf_addstr(out, "<a href=\"");
            params_url(out, "/search", &none, NULL, NULL, keys[k][1], v, NULL,
                       0);
            buf_printf(out, "\"><b>%s</b> ", query_field_label(keys[k][1]));
            esc(out, v);
            buf_addstr(out, "</a> ");
        }
    }
    if (any)
        buf_addstr(out, "</p>");
}

/* Under a partial match: the parts it lacks, struck through. */
static void missing_parts(struct buf *out, const struct search_result *res,
                          const struct search_hit *h)
{
    size_t i;

    buf_addstr(out, "<p class=\"missing\">缺少：");
    for (i = 0; i < res->nparts && i < 64; i++) {
        if ((h->parts >> i) & 1)
            continue;
        buf_addstr(out, " <s>");
        esc(out, res->parts[i]);
        buf_addstr(out, "</s>");
    }
    buf_addstr(out, "</p>");
}

/* "第3页", linking the original PDF at that page. */
static void page_link(struct buf *out, const struct search_hit *h)
{
    buf_addstr(out, "<a class=\"page\" href=\"/file/");
    esc(out, record_get(h->rec, "id"));
    buf_printf(out, "#page=%u\">第%u页</a> ",
               record_page_at(h->rec, h->snippet.at),
               record_page_at(h->rec, h->snippet.at));
}

/* "另有 N 处转载" and who reprinted it, linking to the article's list. */
static void reprint_note(struct buf *out, const struct search_hit *h)
{
    const char *id = record_get(h->rec, "id");
    size_t i, shown = 0;

    buf_addstr(out, "<p class=\"reprints\"><a href=\"/doc/");
    params_url_encode(out, id ? id : "");
    buf_printf(out, "#reprints\">另有 %zu 处转载</a>", h->nreprints);
    for (i = 0; i < h->nreprints && shown < 3; i++) {
        const char *src = record_get(h->reprints[i], "source");

        if (!src || !*src)
            continue;
        buf_addstr(out, shown++ ? "、" : "：");
        esc(out, src);
    }
    if (shown && shown < h->nreprints)
        buf_addstr(out, "等");
    buf_addstr(out, "</p>");
}

/* res: the result the hit is from, for its partial matches; NULL for
 * similar articles. */
static void hit_item(struct buf *out, const struct params *p,
                     const struct search_result *res,
                     const struct search_hit *h)
{
    const char *id = record_get(h->rec, "id");
    char date[11];

    search_format_date(h->rec, date);
    buf_addstr(out, "<li><h2><a href=\"/doc/");
    params_url_encode(out, id ? id : "");
    if (p->q && *p->q) {
        buf_addstr(out, "?q=");
        params_url_encode(out, p->q);
    }
    buf_addstr(out, "\">");
    esc(out, record_get(h->rec, "title"));
    buf_printf(out, "</a></h2><p class=\"meta\">%s", date);
    if (record_get(h->rec, "city")) {
        buf_addstr(out, " · ");
        esc(out, record_get(h->rec, "city"));
    }
    if (record_get(h->rec, "source")) {
        buf_addstr(out, " · ");
        esc(out, record_get(h->rec, "source"));
    }
    buf_addstr(out, "</p><p class=\"snip\">");
    if (record_page_at(h->rec, h->snippet.at))
        page_link(out, h);
    snippet_render(&h->snippet, "<mark>", "</mark>", output_html_escape, out);
    buf_addstr(out, "</p>");
    if (h->nreprints && !p->no_collapse)
        reprint_note(out, h);
    if (res && (size_t)(h - res->hits) >= res->first_partial)
        missing_parts(out, res, h);
    entity_links(out, h->rec, 2, 0);
    buf_addstr(out, "</li>\n");
}

/* Sort links, date range form and export links. */
static void toolbar(struct buf *out, const struct params *p)
{
    static const char *const fmts[][2] = {
        {"docx", "Word 学习材料"}, {"csv", "CSV"},       {"json", "JSON"},
        {"md", "Markdown"},        {"html", "打印摘要"}, {"ris", "RIS"},
    };
    int date = p->sort && strcmp(p->sort, "date") == 0;
    size_t i, k;

    buf_addstr(out, "<div class=\"tools\">排序：");
    if (date) {
        buf_addstr(out, "<a href=\"");
        params_url(out, "/search", p, NULL, NULL, NULL, NULL, NULL, 0);
        buf_addstr(out, "\">相关度</a> · <b>时间</b>");
    } else {
        buf_addstr(out, "<b>相关度</b> · <a href=\"");
        params_url(out, "/search", p, NULL, NULL, NULL, NULL, "date", 0);
        buf_addstr(out, "\">时间</a>");
    }
    buf_addstr(out, " <span class=\"exp\">导出：");
    for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
        char path[32];

        snprintf(path, sizeof(path), "/export.%s", fmts[i][0]);
        buf_addstr(out, "<a href=\"");
        params_url(out, path, p, NULL, NULL, NULL, NULL, p->sort, 0);
        buf_printf(out, "\">%s</a> ", fmts[i][1]);
        /* the spreadsheet with every article's whole text */
        if (i == 0) {
            buf_addstr(out, "<a href=\"");
            params_url(out, path, p, NULL, NULL, "text", "full", p->sort, 0);
            buf_addstr(out, "\">CSV（含全文）</a> ");
        }
    }
    /* Date range: a small GET form keeping the other parameters. */
    buf_addstr(out, "</span><form class=\"range\" action=\"/search\">"
                    "<input type=\"hidden\" name=\"q\" value=\"");
    esc(out, p->q);
    buf_addstr(out, "\">");
    for (k = 0; k < p->nfilters; k++) {
        buf_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"",
                   p->filters[k].field);
        esc(out, p->filters[k].value);
        buf_addstr(out, "\">");
    }
    buf_addstr(out, "时间 <input name=\"from\" size=\"8\" "
                    "placeholder=\"2023\" value=\"");
    esc(out, p->from);
    buf_addstr(out, "\"> 至 <input name=\"to\" size=\"8\" "
                    "placeholder=\"2025-06\" value=\"");
    esc(out, p->to);
    buf_addstr(out, "\"> <button>筛选</button></form></div>");
}

static void pager(struct buf *out, const struct params *p, unsigned total,
                  unsigned limit)
{
    unsigned pages = (total + limit - 1) / limit;

    if (pages <= 1)
        return;
    buf_addstr(out, "<nav class=\"pager\">");
    if (p->page > 1) {
        buf_addstr(out, "<a rel=\"prev\" href=\"");
        params_url(out, "/search", p, NULL, NULL, NULL, NULL, p->sort,
                   p->page - 1);
        buf_addstr(out, "\">上一页</a> ");
    }
    buf_printf(out, "第 %u / %u 页", p->page, pages);
    if (p->page < pages) {
        buf_addstr(out, " <a rel=\"next\" href=\"");
        params_url(out, "/search", p, NULL, NULL, NULL, NULL, p->sort,
                   p->page + 1);
        buf_addstr(out, "\">下一页</a>");
    }
    buf_addstr(out, "</nav>");
}

/* "、"-joined, escaped. */
static void label_list(struct buf *out, const struct strv *labels)
{
    size_t i;

    for (i = 0; i < labels->n; i++) {
        buf_addstr(out, i ? "、" : "");
        esc(out, labels->v[i]);
    }
}

/* "同时检索：归入 安康市 的文章；写作 委员之家 的文章 · 只按文字检索" (a
 * place with the places under it, a sector under any of its names; a
 * spelling, the type without 政协, a practice's other words) */
static void expanded_note(struct buf *out, const struct params *p,
                          const struct search_result *res)
{
    struct params text = *p; /* a shallow copy, only to write a URL */

    text.no_expand = 1;
    buf_addstr(out, "<p class=\"expanded\">同时检索：");
    if (res->expanded.n) {
        buf_addstr(out, "归入 ");
        label_list(out, &res->expanded);
        buf_addstr(out, " 的文章");
    }
    if (res->reworded.n) {
        buf_addstr(out, res->expanded.n ? "；写作 " : "写作 ");
        label_list(out, &res->reworded);
        buf_addstr(out, " 的文章");
    }
    buf_addstr(out, " · <a href=\"");
    params_url(out, "/search", &text, NULL, NULL, NULL, NULL, p->sort, 0);
    buf_addstr(out, "\">只按文字检索</a></p>");
}

/* No article, or only a few, held the query as written: the words
 * searched instead (or after the few). */
static void rewritten_note(struct buf *out, const struct params *p,
                           const struct search_result *res)
{
    struct params strict = *p; /* a shallow copy, only to write a URL */

    if (!res->exact_total) {
        buf_addstr(out, "<p class=\"rewritten\">没有文章包含“");
        esc(out, p->q);
        buf_addstr(out, "”原文，已改为检索其中的词语：");
        esc(out, res->rewritten);
        buf_addstr(out, "</p>");
        return;
    }
    strict.all = 1;
    buf_printf(out, "<p class=\"rewritten\">只有 %u 篇文章包含“",
               res->exact_total);
    esc(out, p->q);
    buf_addstr(out, "”原文（按相关度排在前面），另含分开包含其中词语的文章：");
    esc(out, res->rewritten);
    buf_addstr(out, " · <a href=\"");
    params_url(out, "/search", &strict, NULL, NULL, NULL, NULL, p->sort, 0);
    buf_addstr(out, "\">只看包含原文的</a></p>");
}

/* A date range leaves out what has no date: say how many, and link to
 * them (the same search, year:none instead of the range). */
static void undated_note(struct buf *out, const struct params *p, unsigned n)
{
    struct params all = *p; /* a shallow copy, only to write a URL */

    all.from = all.to = NULL;
    buf_addstr(out, "<p class=\"undated\">另有 <a href=\"");
    params_url(out, "/search", &all, NULL, NULL, "year", QUERY_UNDATED, p->sort,
               0);
    buf_printf(out, "\">%u 篇未注明日期</a>，不在所选时间范围内</p>", n);
}

/* How many of the results are not about members' work (the topic facet's
 * "off"), with a link to the rest (topic=on); nothing when none are or
 * the search is already limited to one side. */
static void topic_note(struct buf *out, const struct params *p,
                       const struct search_result *res)
{
    size_t i, k;

    for (i = 0; i < p->nfilters; i++)
        if (strcmp(p->filters[i].field, "topic") == 0)
            return;
    for (i = 0; i < res->nfacets; i++) {
        const struct facet *f = &res->facets[i];

        if (strcmp(f->field, "topic") != 0)
            continue;
        for (k = 0; k < f->nvalues; k++)
            if (strcmp(f->values[k].value, "off") == 0 && f->values[k].count) {
                buf_printf(out,
                           "<p class=\"topic\">含 %u 篇与委员履职"
                           "无关的页面 · <a href=\"",
                           f->values[k].count);
                params_url(out, "/search", p, NULL, NULL, "topic", "on",
                           p->sort, 0);
                buf_addstr(out, "\">只看相关</a></p>");
                return;
            }
    }
}

/* Where the partial matches begin: the rule, and the way back to
 * articles with every part (all=1). */
static void partial_rule(struct buf *out, const struct params *p,
                         const struct search_result *res, unsigned next)
{
    struct params strict = *p; /* a shallow copy, only to write a URL */

    strict.all = 1;
    buf_addstr(out, "</ol><p class=\"partial\">以下结果未包含全部关键词");
    if (res->total) {
        buf_addstr(out, " · <a href=\"");
        params_url(out, "/search", &strict, NULL, NULL, NULL, NULL, p->sort, 0);
        buf_addstr(out, "\">只看全部包含的</a>");
    }
    buf_printf(out, "</p><ol class=\"hits partial\" start=\"%u\">", next);
}

int page_search(struct buf *out, const struct params *p,
                const struct search_result *res, const char *error,
                unsigned limit, unsigned ndocs)
{
    size_t i;

    head(out, p->q && *p->q ? p->q : "检索", p->q, p);
    buf_addstr(out, "<div class=\"layout\"><aside>");
    if (res) {
        map_provinces(out, p, res);
        place_tree(out, p, res);
    }
    for (i = 0; res && i < res->nfacets; i++) {
        const char *f = res->facets[i].field;

        if (strcmp(f, "province") && strcmp(f, "city") && strcmp(f, "county")
            && strcmp(f, "topic")) /* topic: a note above the hits */
            facet_block(out, p, &res->facets[i],
                        undated_of(res, &res->facets[i]));
    }
    buf_addstr(out, "</aside><main>");
    chips(out, p);
    if (error) {
        buf_addstr(out, "<p class=\"bad\">查询有误：");
        esc(out, error);
        buf_addstr(out, "</p><p class=\"help\">写法：词语之间空格表示"
                        "同时包含；\"引号\" 表示短语；-词 表示排除；"
                        "A OR B 表示任一；title:词 只查标题；"
                        "city:兰州市 等按字段筛选。</p>");
    } else if (res) {
        buf_printf(out,
                   "<p class=\"count\">共 <b>%u</b> 条结果"
                   "（库内共 %u 篇）",
                   res->total, ndocs);
        if (res->partial_counted && res->partial_total)
            buf_printf(out, "，另有约 %u 篇只含部分关键词", res->partial_total);
        buf_addstr(out, "</p>");
        if (res->undated_counted && res->undated)
            undated_note(out, p, res->undated);
        topic_note(out, p, res);
        if (res->expanded.n || res->reworded.n)
            expanded_note(out, p, res);
        if (res->rewritten)
            rewritten_note(out, p, res);
        if (res->suggest_city) {
            buf_addstr(out, "<p class=\"suggest\">检索词提到了 ");
            esc(out, res->suggest_city);
            buf_addstr(out, "：<a href=\"");
            params_url(out, "/search", p, NULL, NULL, "city", res->suggest_city,
                       p->sort, 0);
            buf_addstr(out, "\">只看该市自己的实践</a></p>");
        }
        toolbar(out, p);
        if (res->nhits == 0)
            buf_addstr(out, "<p class=\"none\">没有找到相关文章。"
                            "试试更短的词，或去掉一些筛选条件。</p>");
        buf_printf(out, "<ol class=\"hits\" start=\"%u\">",
                   (p->page - 1) * limit + 1);
        for (i = 0; i < res->nhits; i++) {
            if (i == res->first_partial)
                partial_rule(out, p, res,
                             (p->page - 1) * limit + 1 + (unsigned)i);
            hit_item(out, p, res, &res->hits[i]);
        }
        buf_addstr(out, "</ol>");
        pager(out, p, res->total + res->partial_total, limit);
    }
    buf_addstr(out, "</main></div>");
    foot(out);
    return buf_error(out);
}

/* One paragraph with the query's terms marked (plain when marking it
 * fails: the text matters more than the marks). */
static void marked_para(struct buf *out, const char *para, size_t len,
                        char *const *terms, size_t nterms)
{
    struct snippet s;

    if (snippet_mark_all(para, len, terms, nterms, &s, NULL) < 0) {
        output_html_escape(out, para, len);
        return;
    }
    snippet_render(&s, "<mark>", "</mark>", output_html_escape, out);
    snippet_release(&s);
}

/* The link to the original file (served by /file/ID), named by what it
 * is. */
static void original_link(struct buf *out, const struct record *rec)
{
    static const struct {
        const char *type, *label;
    } labels[] = {
        {"pdf", "原文件（PDF）"},         {"docx", "原文件（Word）"},
        {"html", "原网页文件"},           {"text", "原文本文件"},
        {"warc", "网页存档文件（WARC）"}, {"jsonl", "导出文件（JSON Lines）"},
        {"csv", "导出文件（CSV）"},
    };
    const char *id = record_get(rec, "id"), *type = record_get(rec, "type");
    const char *label = "原文件";
    size_t i;

    if (!id)
        return;
    for (i = 0; type && i < sizeof(labels) / sizeof(labels[0]); i++)
        if (strcmp(type, labels[i].type) == 0)
            label = labels[i].label;
    buf_addstr(out, " · <a class=\"original\" href=\"/file/");
    esc(out, id);
    buf_printf(out, "\">%s</a>", label);
}

/* " · source · 原文链接" of an article's meta line (each when known). */
static void source_and_link(struct buf *out, const char *src, const char *url)
{
    if (src && *src) {
        buf_addstr(out, " · ");
        esc(out, src);
    }
    if (output_is_web_url(url)) {
        buf_addstr(out, " · <a rel=\"noreferrer nofollow\" href=\"");
        esc(out, url);
        buf_addstr(out, "\">原文链接</a>");
    }
}

/* The other copies of the article, earliest first: who reprinted it,
 * and when. */
static void reprint_list(struct buf *out, struct record *const *copies,
                         size_t n)
{
    size_t i;

    buf_printf(out,
               "<section class=\"reprints\" id=\"reprints\">"
               "<h2>转载（%zu 处）</h2><ol>",
               n);
    for (i = 0; i < n; i++) {
        const char *id = record_get(copies[i], "id");
        char date[11];

        search_format_date(copies[i], date);
        buf_addstr(out, "<li><a href=\"/doc/");
        params_url_encode(out, id ? id : "");
        buf_addstr(out, "\">");
        esc(out, record_get(copies[i], "title"));
        buf_printf(out, "</a> <span class=\"meta\">%s",
                   *date ? date : "日期不详");
        source_and_link(out, record_get(copies[i], "source"),
                        record_get(copies[i], "url"));
        buf_addstr(out, "</span></li>");
    }
    buf_addstr(out, "</ol></section>");
}

int page_doc(struct buf *out, const struct params *p, const struct record *rec,
             char *const *terms, size_t nterms, struct record *const *copies,
             size_t ncopies, const struct search_result *similar)
{
    const char *title = record_get(rec, "title"),
               *body = record_get(rec, "body");
    const char *url = record_get(rec, "url"), *src = record_get(rec, "source");
    char date[11];
    size_t i;

    head(out, title ? title : "文章", p->q, NULL);
    search_format_date(rec, date);
    buf_addstr(out, "<main class=\"doc\"><article><h1>");
    esc(out, title);
    buf_printf(out, "</h1><p class=\"meta\">%s", date);
    source_and_link(out, src, url);
    buf_addstr(out, " · <span class=\"path\">");
    esc(out, record_get(rec, "path"));
    buf_addstr(out, "</span>");
    original_link(out, rec);
    buf_addstr(out, "</p>");
    entity_links(out, rec, (size_t)-1, 1);
    while (body && *body) {
        const char *nl = strchr(body, '\n');
        size_t len = nl ? (size_t)(nl - body) : strlen(body);

        buf_addstr(out, "<p>");
        marked_para(out, body, len, terms, nterms);
        buf_addstr(out, "</p>\n");
        body = nl ? nl + 1 : body + len;
    }
    buf_addstr(out, "</article>");
    if (ncopies)
        reprint_list(out, copies, ncopies);
    if (similar && similar->nhits) {
        buf_addstr(out, "<section class=\"similar\"><h2>相似文章</h2>"
                        "<ol class=\"hits\">");
        for (i = 0; i < similar->nhits; i++)
            hit_item(out, p, NULL, &similar->hits[i]);
        buf_addstr(out, "</ol></section>");
    }
    buf_addstr(out, "</main>");
    foot(out);
    return buf_error(out);
}

static int by_value(const void *a, const void *b)
{
    return strcmp(((const struct facet_value *)a)->value,
                  ((const struct facet_value *)b)->value);
}

/* A facet's top values as a short list, for the compare page (years in
 * year order). */
static void compare_list(struct buf *out, const struct search_result *r,
                         const char *field, size_t max)
{
    struct facet_value top[64];
    size_t f, i, n;

    buf_printf(out, "<h3>%s</h3><ul>", query_field_label(field));
    for (f = 0; f < r->nfacets; f++) {
        if (strcmp(r->facets[f].field, field) != 0)
            continue;
        n = r->facets[f].nvalues < max ? r->facets[f].nvalues : max;
        if (n > 64)
            n = 64;
        memcpy(top, r->facets[f].values, n * sizeof(*top));
        if (strcmp(field, "year") == 0)
            qsort(top, n, sizeof(*top), by_value);
        for (i = 0; i < n; i++) {
            buf_addstr(out, "<li>");
            esc(out, top[i].value);
            buf_printf(out, " <span>%u</span></li>", top[i].count);
        }
    }
    buf_addstr(out, "</ul>");
}

/* The search box of the compare page: the cities and the query. */
static void compare_form(struct buf *out, const struct params *p)
{
    buf_addstr(out, "<form action=\"/compare\">城市（2–4 个，逗号分隔）"
                    "<input name=\"cities\" size=\"30\" value=\"");
    esc(out, p->cities ? p->cities : "兰州市,昆明市");
    buf_addstr(out, "\"> 检索词 <input name=\"q\" value=\"");
    esc(out, p->q);
    buf_addstr(out, "\"> <button>对比</button></form>");
}

/* One city's column: its count, its top values, its articles. */
static void compare_column(struct buf *out, const struct params *p,
                           const char *city, const struct search_result *r)
{
    struct params one;
    size_t i;

    memset(&one, 0, sizeof(one));
    one.q = p->q;
    buf_addstr(out, "<section><h2><a href=\"");
    params_url(out, "/search", &one, NULL, NULL, "city", city, NULL, 0);
    buf_addstr(out, "\">");
    esc(out, city);
    buf_printf(out, "</a></h2><p class=\"count\">%u 篇</p>", r->total);
    compare_list(out, r, "year", 8);
    compare_list(out, r, "sector", 6);
    compare_list(out, r, "workstation", 6);
    compare_list(out, r, "brand", 6);
    buf_addstr(out, "<h3>文章</h3><ol class=\"hits\">");
    for (i = 0; i < r->nhits; i++)
        hit_item(out, &one, NULL, &r->hits[i]);
    buf_addstr(out, "</ol></section>");
}

int page_compare(struct buf *out, const struct params *p, char *const *cities,
                 const struct search_result *results, size_t n,
                 const char *error)
{
    size_t c;

    head(out, "城市对比", p->q, NULL);
    buf_addstr(out, "<main class=\"compare\"><h1>城市对比</h1>");
    compare_form(out, p);
    if (error) {
        buf_addstr(out, "<p class=\"bad\">");
        esc(out, error);
        buf_addstr(out, "</p>");
    }
    if (n) {
        buf_addstr(out, "<section class=\"charts\">");
        chart_years(out, "cy", cities, results, n);
        chart_field(out, "cs", "各城市的界别（文章数）", "sector", cities,
                    results, n, 8);
        chart_platforms(out, "cp", cities, results, n);
        buf_addstr(out, "</section>");
        buf_printf(out, "<div class=\"cols c%zu\">", n);
    }
    for (c = 0; c < n; c++)
        compare_column(out, p, cities[c], &results[c]);
    if (n)
        buf_addstr(out, "</div>");
    buf_addstr(out, "</main>");
    foot(out);
    return buf_error(out);
}
