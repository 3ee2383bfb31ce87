/*
 * ent_workstations.h - member workstations and studios named in an
 * article (委员工作站, 委员工作室, 委员之家 ...): a head noun grown leftwards
 * over its host, sector, person or quoted brand, without counts,
 * collectives or bare types.
 */
#ifndef LVZHI_ENT_WORKSTATIONS_H
#define LVZHI_ENT_WORKSTATIONS_H

#include <stddef.h>

#include "../common/err.h"
#include "entities.h"

struct tokenizer;

/* Add the workstations named in the simplified text to e, each with its
 * identity key (city·name, or the name alone where no city is known).  tok
 * tells a one-character stop word from the same character inside a word; NULL:
 * every such character stops a name.  0 or LV_ENOMEM. */
LV_MUST_CHECK
int ent_workstations_find(struct entities *e, const char *text,
                          struct tokenizer *tok);

/* One value per platform: drop a spelling that a longer spelling of the
 * same name ends with.  0 or LV_ENOMEM. */
LV_MUST_CHECK
int ent_workstations_merge(struct entities *e);

/* Does s[0..len) contain a workstation head? */
int ent_workstation_head_in(const char *s, size_t len);

/* Does a workstation head start at s (after an optional 政协), as a name
 * and not inside an event (“…”委员工作室主题活动)? */
int ent_workstation_named_at(const char *s);

#endif
