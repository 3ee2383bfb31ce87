/*
 * groups.c - the groups of members a studio may be named for (groups.h).
 */
#include "groups.h"

const char *const member_groups[] = {
    "港澳", "香港", "澳门", "台湾", "侨界", "巾帼", "律师", "青年", "专家",
};

const size_t member_ngroups = sizeof(member_groups) / sizeof(member_groups[0]);
