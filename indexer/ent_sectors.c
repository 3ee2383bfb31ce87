/*
 * ent_sectors.c - sectors (界别) named in an article (see ent_sectors.h).
 */
#include "ent_sectors.h"

#include <stdlib.h>
#include <string.h>

#include "../common/err.h"
#include "ent_text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct sector_stem *ent_sector_stem_before(const char *s, size_t at,
                                                 size_t *len)
{
    unsigned i;

    for (i = 0; i < sector_nstems; i++)   /* longest first */
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

/*
 * Every 界 preceded by a stem names a sector; walking left over 、 和 及
 * collects the rest of an enumeration that shares the suffix
 * (民建、社会科学、科协界别 is three sectors).
 */
int ent_sectors_find(struct entities *e, const char *text)
{
    static const char *const seps[] = { "、", "和", "及", "与" };
    const char *p = text;
    int rc = 0;

    while (rc == 0 && (p = strstr(p, "界")) != NULL) {
        size_t at = (size_t)(p - text), len;
        const struct sector_stem *st;

        /* 经济、科技等界别: the list ends before 等 */
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
                    st = ent_sector_stem_before(text, at - strlen(seps[i]), &len);
                    if (st)
                        at -= strlen(seps[i]);
                    break;
                }
        }
        p += 3;
    }
    return rc;
}
