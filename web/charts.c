/* charts.c - the compare page's SVG charts (see charts.h). */
#include "charts.h"

#include <stdlib.h>
#include <string.h>

#include "../search/facets.h"
#include "../search/output.h"

#define MAX_CITIES 4
#define MAX_ROWS 40

/* A colour per city, told apart also in grey print (Paul Tol's bright). */
static const char *const colours[MAX_CITIES] = {
    "#4477AA",
    "#EE6677",
    "#228833",
    "#CCBB44",
};

static void esc(struct buf *out, const char *s)
{
    output_xml_escape(out, s, strlen(s));
}

/* The count of value in a result's facet field, 0 if absent. */
static unsigned count_of(const struct search_result *r, const char *field,
                         const char *value)
{
    return facet_count_of(search_result_facet(r, field), value);
}

/* The distinct values of a field over every result, with their sums. */
struct rows {
    const char *value[MAX_ROWS];
    unsigned sum[MAX_ROWS];
    size_t n;
};

static void collect(struct rows *rw, const char *field,
                    const struct search_result *res, size_t n, int years)
{
    size_t c, i, k;

    rw->n = 0;
    for (c = 0; c < n; c++) {
        const struct facet *f = search_result_facet(&res[c], field);

        for (i = 0; f && i < f->nvalues; i++) {
            const struct facet_value *v = &f->values[i];

            if (years
                && (strlen(v->value) != 4
                    || strspn(v->value, "0123456789") != 4))
                continue; /* year:none is not a year */
            for (k = 0; k < rw->n && strcmp(rw->value[k], v->value); k++)
                ;
            if (k == rw->n && rw->n < MAX_ROWS) {
                rw->value[rw->n] = v->value;
                rw->sum[rw->n++] = 0;
            }
            if (k < rw->n)
                rw->sum[k] += v->count;
        }
    }
}

static void sort_rows(struct rows *rw, int by_value)
{
    size_t i, k;

    for (i = 1; i < rw->n; i++) /* few rows: insertion sort */
        for (k = i; k > 0; k--) {
            int swap = by_value ? strcmp(rw->value[k - 1], rw->value[k]) > 0
                                : rw->sum[k - 1] < rw->sum[k];
            const char *v;
            unsigned s;

            if (!swap)
                break;
            v = rw->value[k];
            rw->value[k] = rw->value[k - 1];
            rw->value[k - 1] = v;
            s = rw->sum[k];
            rw->sum[k] = rw->sum[k - 1];
            rw->sum[k - 1] = s;
        }
}

/* What a chart draws: a count per city (up to n) and row. */
struct table {
    const char *row[MAX_ROWS];
    size_t nrows;
    unsigned count[MAX_CITIES][MAX_ROWS];
};

/* The rows' counts for each city, from its facet field. */
static void tabulate(struct table *t, const struct rows *rw, const char *field,
                     const struct search_result *res, size_t n)
{
    size_t i, c;

    t->nrows = rw->n;
    for (i = 0; i < rw->n; i++) {
        t->row[i] = rw->value[i];
        for (c = 0; c < n; c++)
            t->count[c][i] = count_of(&res[c], field, rw->value[i]);
    }
}

/* The largest count, at least 1 (the scale's top). */
static unsigned most_of(const struct table *t, size_t n)
{
    unsigned m = 1;
    size_t i, c;

    for (c = 0; c < n; c++)
        for (i = 0; i < t->nrows; i++)
            if (t->count[c][i] > m)
                m = t->count[c][i];
    return m;
}

/* A caption, <svg>, its title and the opening of its desc. */
static void open_svg(struct buf *out, const char *id, unsigned w, unsigned h,
                     const char *title)
{
    buf_addstr(out, "<figure class=\"chart\"><figcaption>");
    esc(out, title);
    buf_printf(out,
               "</figcaption><svg xmlns=\"http://www.w3.org/"
               "2000/svg\" role=\"img\" viewBox=\"0 0 %u %u\" "
               "aria-labelledby=\"%s-t %s-d\" font-size=\"12\" "
               "font-family=\"sans-serif\"><title id=\"%s-t\">",
               w, h, id, id, id);
    esc(out, title);
    buf_printf(out, "</title><desc id=\"%s-d\">", id);
}

/* The desc: for each city, its count per row ("2024年 5 篇"). */
static void describe(struct buf *out, const struct table *t, const char *unit,
                     char *const *cities, size_t n)
{
    size_t c, i;

    for (c = 0; c < n; c++) {
        esc(out, cities[c]);
        for (i = 0; i < t->nrows; i++) {
            buf_addstr(out, i ? "，" : "：");
            esc(out, t->row[i]);
            buf_printf(out, "%s %u 篇", unit, t->count[c][i]);
        }
        buf_addstr(out, "。");
    }
    buf_addstr(out, "</desc>");
}

/* The legend: a swatch and a name per city, at y. */
static void legend(struct buf *out, char *const *cities, size_t n, unsigned y)
{
    size_t c;

    for (c = 0; c < n; c++) {
        buf_printf(out,
                   "<rect x=\"%zu\" y=\"%u\" width=\"12\" "
                   "height=\"12\" fill=\"%s\"/><text x=\"%zu\" y=\"%u\">",
                   60 + c * 150, y, colours[c], 78 + c * 150, y + 11);
        esc(out, cities[c]);
        buf_addstr(out, "</text>");
    }
}

/* One bar with its tooltip: "兰州市 2024年：5 篇". */
static void bar(struct buf *out, double x, double y, double w, double h,
                size_t city, const char *name, const char *value,
                const char *unit, unsigned count)
{
    buf_printf(out,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
               "height=\"%.1f\" fill=\"%s\"><title>",
               x, y, w, h, colours[city]);
    esc(out, name);
    buf_addch(out, ' ');
    esc(out, value);
    buf_printf(out, "%s：%u 篇</title></rect>", unit, count);
}

int chart_years(struct buf *out, const char *id, char *const *cities,
                const struct search_result *res, size_t n)
{
    struct rows rw;
    struct table t;
    const unsigned width = 720, height = 240, left = 40, top = 16;
    const unsigned plot_h = 160, base = top + plot_h;
    double group, bw;
    unsigned most, tick;
    size_t i, c;

    if (n > MAX_CITIES)
        n = MAX_CITIES;
    collect(&rw, "year", res, n, 1);
    if (rw.n == 0)
        return buf_error(out);
    sort_rows(&rw, 1);
    tabulate(&t, &rw, "year", res, n);
    most = most_of(&t, n);
    group = (double)(width - left - 10) / (double)t.nrows;
    bw = (group * 0.8) / (double)n;
    open_svg(out, id, width, height, "各城市每年的文章数");
    describe(out, &t, "年", cities, n);
    /* The shared axis: 0, half and the most. */
    for (tick = 0; tick < 3; tick++) {
        unsigned v = most * tick / 2;
        double y = base - (double)plot_h * v / most;

        buf_printf(out,
                   "<line x1=\"%u\" x2=\"%u\" y1=\"%.1f\" "
                   "y2=\"%.1f\" stroke=\"#ccc\"/><text x=\"%u\" "
                   "y=\"%.1f\" text-anchor=\"end\">%u</text>",
                   left, width - 10, y, y, left - 4, y + 4, v);
    }
    for (i = 0; i < t.nrows; i++) {
        double x0 = left + group * (double)i + group * 0.1;

        for (c = 0; c < n; c++) {
            unsigned v = t.count[c][i];
            double h = (double)plot_h * v / most;

            bar(out, x0 + bw * (double)c, base - h, bw, h, c, cities[c],
                t.row[i], "年", v);
        }
        buf_printf(out,
                   "<text x=\"%.1f\" y=\"%u\" "
                   "text-anchor=\"middle\">%s</text>",
                   x0 + group * 0.4, base + 16, t.row[i]);
    }
    legend(out, cities, n, height - 30);
    buf_addstr(out, "</svg></figure>");
    return buf_error(out);
}

/* A row's label, at most max characters (a long sector name ends in
 * "…"; the desc and the bars' titles say it whole). */
static void label(struct buf *out, const char *s, size_t max)
{
    size_t i = 0, chars = 0;

    while (s[i] && chars < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (!s[i]) {
        esc(out, s);
        return;
    }
    /* cut one short to leave room for the ellipsis */
    while (i > 0 && (((unsigned char)s[--i] & 0xC0) == 0x80))
        ;
    output_xml_escape(out, s, i);
    buf_addstr(out, "…");
}

/* A table as rows of bars, a bar per city. */
static int draw_rows(struct buf *out, const char *id, const char *title,
                     const struct table *t, char *const *cities, size_t n)
{
    const unsigned width = 720, left = 170, row_h = 14;
    unsigned most = most_of(t, n), height;
    double scale;
    size_t i, c;

    height = (unsigned)(t->nrows * (n * row_h + 10)) + 50;
    scale = (double)(width - left - 60) / most;
    open_svg(out, id, width, height, title);
    describe(out, t, "", cities, n);
    for (i = 0; i < t->nrows; i++) {
        unsigned y0 = 10 + (unsigned)i * (unsigned)(n * row_h + 10);

        buf_printf(out, "<text x=\"%u\" y=\"%zu\" text-anchor=\"end\">",
                   left - 6, y0 + n * row_h / 2 + 4);
        label(out, t->row[i], 12);
        buf_addstr(out, "</text>");
        for (c = 0; c < n; c++) {
            unsigned v = t->count[c][i];

            bar(out, left, y0 + c * row_h, scale * v, row_h - 2, c, cities[c],
                t->row[i], "", v);
            if (v)
                buf_printf(out, "<text x=\"%.1f\" y=\"%zu\">%u</text>",
                           left + scale * v + 4, y0 + c * row_h + 10, v);
        }
    }
    legend(out, cities, n, height - 24);
    buf_addstr(out, "</svg></figure>");
    return buf_error(out);
}

int chart_field(struct buf *out, const char *id, const char *title,
                const char *field, char *const *cities,
                const struct search_result *res, size_t n, size_t max)
{
    struct rows rw;
    struct table t;

    if (n > MAX_CITIES)
        n = MAX_CITIES;
    collect(&rw, field, res, n, 0);
    if (rw.n == 0)
        return buf_error(out);
    sort_rows(&rw, 0);
    if (rw.n > max)
        rw.n = max;
    tabulate(&t, &rw, field, res, n);
    return draw_rows(out, id, title, &t, cities, n);
}

/* Kinds of platform, by how their names end. */
static const char *const platform_kinds[] = {
    "委员工作室", "委员工作站", "委员之家",   "委员联络站",
    "委员会客厅", "履职服务站", "协商议事室", "议事厅",
};
#define NKINDS (sizeof(platform_kinds) / sizeof(platform_kinds[0]))

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);

    return n >= t && strcmp(s + n - t, tail) == 0;
}

int chart_platforms(struct buf *out, const char *id, char *const *cities,
                    const struct search_result *res, size_t n)
{
    struct table t;
    size_t c, i, k;
    int any = 0;

    if (n > MAX_CITIES)
        n = MAX_CITIES;
    memset(&t, 0, sizeof(t));
    for (c = 0; c < n; c++) {
        const struct facet *f = search_result_facet(&res[c], "workstation");

        for (i = 0; f && i < f->nvalues; i++)
            for (k = 0; k < NKINDS; k++)
                if (ends_with(f->values[i].value, platform_kinds[k])) {
                    t.count[c][k] += f->values[i].count;
                    any = 1;
                    break;
                }
    }
    if (!any)
        return buf_error(out);
    /* Keep the kinds some city has, in the table's order. */
    for (k = 0; k < NKINDS; k++) {
        unsigned sum = 0;

        for (c = 0; c < n; c++)
            sum += t.count[c][k];
        if (!sum)
            continue;
        for (c = 0; c < n; c++)
            t.count[c][t.nrows] = t.count[c][k];
        t.row[t.nrows++] = platform_kinds[k];
    }
    return draw_rows(out, id,
                     "各城市的平台类型（按平台名称归类，一篇文章可含"
                     "多个平台）",
                     &t, cities, n);
}
