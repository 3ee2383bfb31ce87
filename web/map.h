/*
 * map.h - the search page's map: China's provinces as inline SVG, each
 * shaded by how many of the result set's articles its province facet
 * counts, with a legend; each province with articles links to the search
 * filtered to it (a plain link, no script).  Outlines: web/map_data.c.
 */
#ifndef LVZHI_MAP_H
#define LVZHI_MAP_H

#include "../common/buf.h"
#include "../search/search.h"
#include "params.h"

/* The map for res (nothing when no article has a province).  0 or
 * LV_ENOMEM. */
int map_provinces(struct buf *out, const struct params *p,
                  const struct search_result *res);

#endif
