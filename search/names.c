/*
 * names.c - what query text names (names.h): the gazetteer's places,
 * the sector table's sectors, platforms' heads and kinds.
 */
#include "names.h"

#include <string.h>

#include "../common/groups.h"
#include "../common/strlist.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A row a value of that level may name: the level's own, and for cities
 * the four municipalities (their city is themselves). */
static int row_fits(const struct gaz_row *r, int level)
{
    static const char *const municipalities[] = {"北京市", "天津市", "上海市",
                                                 "重庆市"};
    size_t i;

    if (r->level == level)
        return 1;
    for (i = 0; level == GAZ_PREFECTURE && i < 4; i++)
        if (strcmp(r->full, municipalities[i]) == 0)
            return 1;
    return 0;
}

size_t names_places(int level, const char *norm, const char *found[8])
{
    size_t nfound = 0, k;
    unsigned i, n = 0;
    const struct gaz_row *const *rows = gaz_by_name(norm, &n);

    for (i = 0; rows && i < n; i++)
        if (row_fits(rows[i], level)) {
            found[0] = rows[i]->full;
            return 1;
        }
    for (i = 0; i < gazetteer_nrows; i++) {
        const struct gaz_row *r = &gazetteer_rows[i];

        if (!row_fits(r, level)
            || (strcmp(r->short_form, norm) != 0
                && strcmp(r->alias, norm) != 0))
            continue;
        for (k = 0; k < nfound && strcmp(found[k], r->full) != 0; k++)
            ;
        if (k == nfound && nfound < 8)
            found[nfound++] = r->full;
    }
    return nfound;
}

const struct sector_stem *names_sector(const char *s, size_t len)
{
    static const char *const sector_tails[] = {"界别", "界"};
    size_t stem = len;
    unsigned i;

    for (i = 0; i < 2; i++)
        if (strlist_suffix_at(s, len, &sector_tails[i], 1)) {
            stem -= strlen(sector_tails[i]);
            break;
        }
    for (i = 0; i < sector_nstems; i++) {
        const struct sector_stem *st = &sector_stems[i];

        if ((stem < len && strlen(st->stem) == stem
             && memcmp(st->stem, s, stem) == 0)
            || (strlen(st->canonical[0]) == len
                && memcmp(st->canonical[0], s, len) == 0))
            return st;
    }
    return NULL;
}

static const char *const platform_heads[] = {
    "工作室", "工作站", "之家",   "会客厅", "会客室", "客厅",   "联络站",
    "联络室", "议事室", "议事厅", "商议厅", "协商室", "服务站", "联系点",
};

size_t names_head_len(const char *norm, size_t len)
{
    size_t i;

    for (i = 0; i < N_OF(platform_heads); i++)
        if (strlist_suffix_at(norm, len, &platform_heads[i], 1))
            return strlen(platform_heads[i]);
    return 0;
}

const char *names_head(size_t i)
{
    return i < N_OF(platform_heads) ? platform_heads[i] : NULL;
}

/* Is name a county's full name or alias (石林彝族自治县, 石林县)?  Not
 * its short form: thousands of those are words or names (青山, 同心). */
static int county_named(const char *name)
{
    unsigned i, n = 0;

    if (gaz_by_name(name, &n))
        return 1;
    for (i = 0; i < gazetteer_nrows; i++)
        if (gazetteer_rows[i].level == GAZ_COUNTY
            && strcmp(gazetteer_rows[i].alias, name) == 0)
            return 1;
    return 0;
}

/*
 * Is s[0..len) a place, with or without 政协 after it (兰州市, 安康,
 * 石林县, 兰州市政协)?  Then a platform after it is a kind in a place,
 * not one studio's name.  A province or prefecture also by its one short
 * form; a county only by its full name or alias.
 */
static int names_place(const char *s, size_t len)
{
    static const char *const body[] = {"政协"};
    const char *found[8];
    char place[64];

    if (strlist_suffix_at(s, len, body, 1))
        len -= strlen(body[0]);
    if (len == 0 || len >= sizeof(place))
        return 0;
    memcpy(place, s, len);
    place[len] = '\0';
    return names_places(GAZ_PREFECTURE, place, found) == 1
           || names_places(GAZ_PROVINCE, place, found) == 1
           || county_named(place);
}

int names_kind(const char *norm, size_t before_head)
{
    static const char *const members[] = {"政协委员", "委员", "个人"};
    static const char *const owners[] = {"市政协", "县政协", "区政协", "省政协",
                                         "政协"};
    size_t start = 0, end = before_head, i, cut = 1;

    while (cut) /* 委员个人工作室: 个人, then 委员 */
        for (i = 0, cut = 0; i < N_OF(members) && !cut; i++)
            if (strlist_suffix_at(norm, end, &members[i], 1)) {
                end -= strlen(members[i]);
                cut = 1;
            }
    for (i = 0; i < N_OF(owners); i++)
        if (strncmp(norm, owners[i], strlen(owners[i])) == 0) {
            start = strlen(owners[i]);
            break;
        }
    if (start >= end)
        return 1; /* the bare type: 委员联系点, 政协委员之家 */
    for (i = 0; i < member_ngroups; i++)
        if (strlen(member_groups[i]) == end - start
            && memcmp(member_groups[i], norm + start, end - start) == 0)
            return 1;
    return names_sector(norm + start, end - start) != NULL
           || names_place(norm + start, end - start);
}
