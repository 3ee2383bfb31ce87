/*
 * groups.h - the groups of members a studio may be named for (港澳委员
 * 工作室, 律师委员工作室): a kind of studio, not one studio's name.
 * Shared by the workstation extractor and the query parser.
 */
#ifndef LVZHI_GROUPS_H
#define LVZHI_GROUPS_H

#include <stddef.h>

extern const char *const member_groups[];
extern const size_t member_ngroups;

#endif
