/*
 * ent_sectors.h - the sectors (界别) an article names: every 界 after a
 * sector's stem, with enumerations that share the suffix (民建、社会科学、
 * 科协界别 is three sectors), as canonical names.
 */
#ifndef LVZHI_ENT_SECTORS_H
#define LVZHI_ENT_SECTORS_H

#include <stddef.h>

#include "../common/err.h"
#include "../common/sectors.h"
#include "entities.h"

/* Add the sectors named in the simplified text to e.  0 or LV_ENOMEM. */
LV_MUST_CHECK
int ent_sectors_find(struct entities *e, const char *text);

/* The longest sector stem that ends exactly at s[at] (its byte length in
 * *len), or NULL. */
const struct sector_stem *ent_sector_stem_before(const char *s, size_t at,
                                                 size_t *len);

#endif
