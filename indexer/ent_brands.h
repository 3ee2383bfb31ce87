/*
 * ent_brands.h - activity brands: short quoted programme names that are
 * not a workstation type or a numeric slogan (“千名委员走基层”行动,
 * 打造“委员码上见”).
 */
#ifndef LVZHI_ENT_BRANDS_H
#define LVZHI_ENT_BRANDS_H

#include "../common/err.h"
#include "entities.h"

/* Add the brands named in the simplified text to e.  0 or LV_ENOMEM. */
LV_MUST_CHECK
int ent_brands_find(struct entities *e, const char *text);

#endif
