/*
 * ent_sectors.c - sectors (界别) named in an article (see ent_sectors.h).
 */
#include "ent_sectors.h"

#include <stdlib.h>
#include <string.h>

#include "../common/err.h"
#include "../common/strlist.h"
#include "ent_text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct sector_stem *ent_sector_stem_before(const char *s, size_t at,
                                                 size_t *len)
{
    unsigned i;

    for (i = 0; i < sector_nstems; i++) /* longest first */
        if (ent_ends_with(s, at, sector_stems[i].stem)) {
            *len = strlen(sector_stems[i].stem);
            return &sector_stems[i];
        }
    return NULL;
}

static int add_sector(struct entities *e, const struct sector_stem *st)
{
    size_t i, k;

    for (k = 0; k < 2 && st->canonical[k][0]; k++) {
        const char **ns;

        for (i = 0; i < e->nsectors; i++)
            if (strcmp(e->sectors[i], st->canonical[k]) == 0)
                break;
        if (i < e->nsectors)
            continue;
        ns = realloc(e->sectors, (e->nsectors + 1) * sizeof(*ns));
        if (!ns)
            return LV_ENOMEM;
        e->sectors = ns;
        ns[e->nsectors++] = st->canonical[k];
    }
    return 0;
}

/* Where a count before 界 starts (等4个界别, 等十个界别), or at. */
static size_t before_count(const char *text, size_t at)
{
    size_t p;

    if (!ent_ends_with(text, at, "个"))
        return at;
    p = at - 3;
    while (p > 0
           && ((text[p - 1] >= '0' && text[p - 1] <= '9')
               || strlist_suffix_at(text, p, ent_numerals, ent_nnumerals)))
        p -= text[p - 1] >= '0' && text[p - 1] <= '9' ? 1 : 3;
    return p < at - 3 && ent_ends_with(text, p, "等") ? p : at;
}

/* May the stem name its sector without 界?  Not 中共: alone it is the
 * Party, not its sector (非中共委员). */
static int names_bare(const struct sector_stem *st)
{
    return st->bare && strcmp(st->stem, "中共") != 0;
}

/* The bare stem starting at s (民盟, 港区委员), or NULL. */
static const struct sector_stem *bare_stem_at(const char *s)
{
    unsigned i;

    for (i = 0; i < sector_nstems; i++) /* longest first */
        if (names_bare(&sector_stems[i])
            && strncmp(s, sector_stems[i].stem, strlen(sector_stems[i].stem))
                   == 0)
            return &sector_stems[i];
    return NULL;
}

/*
 * A sector named without 界, where the text makes it one: a member form
 * (港区委员, 港澳委员), a party or organisation before 委员 or 政协委员
 * (民建政协委员工作室; not 委员会), or a list of two or more such names
 * (民革、民盟、民建).  Alone (市妇联主席, 民进会员之家) it is an
 * organisation.
 */
static int find_bare(struct entities *e, const char *text)
{
    const struct sector_stem *bare[96];
    const char *at[96], *p = text, *list_end = NULL;
    size_t n = 0, i;
    int rc = 0;

    /* Each bare stem's next occurrence, found with strstr: walking the
     * text byte by byte against every stem cost more than the rest of the
     * entities together. */
    for (i = 0; i < sector_nstems && n < 96; i++)
        if (names_bare(&sector_stems[i])) {
            bare[n] = &sector_stems[i];
            at[n++] = strstr(text, sector_stems[i].stem);
        }
    while (rc == 0) {
        const struct sector_stem *st = NULL, *next;
        const char *after, *best = NULL;

        for (i = 0; i < n; i++) { /* longest first: ties keep the first */
            if (at[i] && at[i] < p)
                at[i] = strstr(p, bare[i]->stem);
            if (at[i] && (!best || at[i] < best)) {
                best = at[i];
                st = bare[i];
            }
        }
        if (!st)
            break;
        p = best;
        after = p + strlen(st->stem);
        next = strncmp(after, "、", 3) == 0 ? bare_stem_at(after + 3) : NULL;
        if (((ent_ends_with(st->stem, strlen(st->stem), "委员")
              || strncmp(after, "委员", 6) == 0
              || strncmp(after, "政协委员", 12) == 0)
             && strncmp(after, "委员会", 9) != 0
             && strncmp(after, "会", 3) != 0)
            || next || (list_end && p == list_end))
            rc = add_sector(e, st);
        list_end = next ? after + 3 : NULL;
        p = after;
    }
    return rc;
}

/*
 * Every 界 preceded by a stem names a sector; walking left over 、 和 及
 * collects the rest of an enumeration that shares the suffix
 * (民建、社会科学、科协界别 is three sectors).
 */
int ent_sectors_find(struct entities *e, const char *text)
{
    static const char *const seps[] = {"、", "和", "及", "与"};
    const char *p = text;
    int rc = 0;

    while (rc == 0 && (p = strstr(p, "界")) != NULL) {
        size_t at = (size_t)(p - text), len;
        const struct sector_stem *st;

        /* 经济、科技等界别, 特邀、民进等4个界别: the list ends before 等 */
        at = before_count(text, at);
        if (ent_ends_with(text, at, "等"))
            at -= 3;
        st = ent_sector_stem_before(text, at, &len);
        while (st && rc == 0) {
            size_t i;

            rc = add_sector(e, st);
            at -= len;
            st = NULL;
            for (i = 0; i < N(seps); i++)
                if (ent_ends_with(text, at, seps[i])) {
                    st = ent_sector_stem_before(text, at - strlen(seps[i]),
                                                &len);
                    if (st)
                        at -= strlen(seps[i]);
                    break;
                }
        }
        p += 3;
    }
    return rc ? rc : find_bare(e, text);
}
