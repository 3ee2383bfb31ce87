/*
 * charts.h - the compare page's charts, as inline SVG made on the server
 * (no script; printable): articles per year for each city on one shared
 * axis, and a facet's top values (sectors, platform types) per city as
 * bars.  Each chart has a <title> and a <desc> that says its numbers in
 * words, and every bar its own <title>.
 */
#ifndef LVZHI_CHARTS_H
#define LVZHI_CHARTS_H

#include <stddef.h>

#include "../common/buf.h"
#include "../search/search.h"

/* Articles per year, a group of bars per year (ascending), a bar per
 * city.  id names the chart's elements (unique on the page).  Nothing is
 * written when no city has a dated article.  0 or LV_ENOMEM. */
int chart_years(struct buf *out, const char *id, char *const *cities,
                const struct search_result *res, size_t n);

/* The values of a facet field most counted over all cities (at most max),
 * a row per value, a bar per city.  Nothing when there are none. */
int chart_field(struct buf *out, const char *id, const char *title,
                const char *field, char *const *cities,
                const struct search_result *res, size_t n, size_t max);

/* Platform kinds (委员工作室, 委员工作站, 委员之家 ...) per city, from
 * the names in the workstation facet, each name counted with its
 * articles. */
int chart_platforms(struct buf *out, const char *id, char *const *cities,
                    const struct search_result *res, size_t n);

#endif
