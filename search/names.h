/*
 * names.h - what a piece of normalised query text names: a division of
 * the gazetteer, a sector of the sector table, a platform's head, a kind
 * of platform rather than one platform's name.  Lookups only; query.c
 * widens and relaxes parts by them.  Not for use outside search/.
 */
#ifndef LVZHI_NAMES_H
#define LVZHI_NAMES_H

#include <stddef.h>

#include "../common/gazetteer.h"
#include "../common/sectors.h"

/* The full names of the divisions of that level (enum gaz_level; for
 * GAZ_PREFECTURE the four municipalities too) a name may mean: itself
 * when it is one (1, found[0] == norm), else those whose short form or
 * alias it is (at most 8).  How many. */
size_t names_places(int level, const char *norm, const char *found[8]);

/* The sector s[0..len) names (a stem of the sector table with 界 or 界别,
 * or a canonical name), NULL when none. */
const struct sector_stem *names_sector(const char *s, size_t len);

/* The length of the platform's head norm[0..len) ends with (工作室,
 * 联系点 ...), 0: none. */
size_t names_head_len(const char *norm, size_t len);

/* The i-th platform head, NULL past the last. */
const char *names_head(size_t i);

/*
 * Does norm[0..before_head), before a platform's head, name a kind of
 * platform (委员联系点; 律师委员工作室, 医卫界别委员工作站, 安康委员之家:
 * a group, a sector or a place before the head) rather than one
 * platform (星火同心委员工作室)?  A kind is searched by its words like a
 * description; a name is not.  A place counts as a province or
 * prefecture by its one short form, a county only by its full name or
 * alias (thousands of county short forms are words or names: 青山).
 */
int names_kind(const char *norm, size_t before_head);

#endif
