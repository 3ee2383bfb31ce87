/* map.c - the search page's province map (see map.h). */
#include "map.h"

#include <string.h>

#include "../search/facets.h"
#include "../search/output.h"
#include "map_data.h"

/* Five steps of one hue, light to dark (ColorBrewer Blues), and the grey
 * of a province without articles. */
static const char *const shades[] = {
    "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c",
};
#define NSHADES (sizeof(shades) / sizeof(shades[0]))
#define NONE_FILL "#eeeeee"

/* The shade of a count (1..most): steps of equal width, the most the
 * darkest. */
static size_t shade_of(unsigned count, unsigned most)
{
    size_t s =
        (size_t)(((unsigned long long)count * NSHADES + most - 1) / most);

    return s >= 1 && s <= NSHADES ? s - 1 : NSHADES - 1;
}

static void legend(struct buf *out, unsigned most)
{
    size_t i;

    buf_addstr(out, "<p class=\"legend\">");
    for (i = 0; i < NSHADES; i++) {
        /* the counts shade_of gives shade i */
        unsigned lo = (unsigned)((unsigned long long)most * i / NSHADES) + 1;
        unsigned hi = (unsigned)((unsigned long long)most * (i + 1) / NSHADES);

        if (hi < lo)
            continue; /* fewer articles than shades */
        buf_printf(out,
                   "<svg width=\"12\" height=\"12\" aria-hidden="
                   "\"true\"><rect width=\"12\" height=\"12\" "
                   "fill=\"%s\"/></svg> %u",
                   shades[i], lo);
        if (hi > lo)
            buf_printf(out, "–%u ", hi);
        else
            buf_addch(out, ' ');
    }
    buf_printf(out,
               "<svg width=\"12\" height=\"12\" aria-hidden="
               "\"true\"><rect width=\"12\" height=\"12\" fill=\"%s\""
               "/></svg> 0 篇（香港、澳门、台湾不在地名表中，"
               "不计数）</p>",
               NONE_FILL);
}

int map_provinces(struct buf *out, const struct params *p,
                  const struct search_result *res)
{
    const struct facet *f = search_result_facet(res, "province");
    unsigned most = 0, with = 0;
    size_t i;

    for (i = 0; f && i < f->nvalues; i++)
        if (f->values[i].count > most)
            most = f->values[i].count;
    if (!most)
        return buf_error(out);
    for (i = 0; i < map_nshapes; i++)
        with += facet_count_of(f, map_shapes[i].province) > 0;
    buf_printf(out,
               "<section class=\"map\"><h3>省份分布</h3>"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
               "viewBox=\"0 0 %u %u\" aria-labelledby=\"map-t\" "
               "stroke=\"#ffffff\" stroke-width=\"0.6\">"
               "<title id=\"map-t\">各省份的文章数（%u 个省份有文章）"
               "</title>",
               map_width, map_height, with);
    for (i = 0; i < map_nshapes; i++) {
        const struct map_shape *m = &map_shapes[i];
        unsigned n = facet_count_of(f, m->province);

        if (n) {
            buf_addstr(out, "<a href=\"");
            params_url(out, "/search", p, NULL, NULL, "province", m->province,
                       p->sort, 0);
            buf_addstr(out, "\">");
        }
        buf_printf(out,
                   "<path fill=\"%s\" d=\"%s\"><title>%s：%u 篇"
                   "</title></path>",
                   n ? shades[shade_of(n, most)] : NONE_FILL, m->path,
                   m->province, n);
        if (n)
            buf_addstr(out, "</a>");
    }
    buf_addstr(out, "</svg>");
    legend(out, most);
    buf_addstr(out, "</section>");
    return buf_error(out);
}
