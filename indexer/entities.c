/*
 * entities.c - an article's entities (see entities.h): the text folded
 * to simplified characters once, then places, sectors, workstations and
 * brands each found by a module of its own (ent_*.c).
 */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../text/norm.h"
#include "../text/utf8.h"
#include "ent_brands.h"
#include "ent_places.h"
#include "ent_sectors.h"
#include "ent_workstations.h"

/* Is the article off the archive's topic (weather, harvest, museum news
 * that names a city)?  Members' work names its committee: 政协 at least
 * twice (a committee's byline counts), or one of its platforms. */
static int off_topic(const struct entities *e, const char *title,
                     const char *body, const char *source)
{
    const char *const texts[] = {title, body, source ? source : ""};
    unsigned n = 0, i;

    for (i = 0; i < 3; i++) {
        const char *p = texts[i];

        while (n < 2 && (p = strstr(p, "政协")) != NULL) {
            n++;
            p += 6;
        }
    }
    return n < 2 && e->nworkstations == 0;
}

/* A page off the topic describes no member's practice: its cities are
 * only mentioned, and a quoted name in it is no CPPCC brand (五常大米).
 * The facets of city, province and brand then count on-topic pages. */
static void leave_off_topic(struct entities *e)
{
    size_t i;

    for (i = 0; i < e->ncities; i++)
        e->cities[i].role = CITY_MENTIONED;
    e->province = NULL;
    for (i = 0; i < e->nbrands; i++)
        free(e->brands[i]);
    e->nbrands = 0;
}

char *entities_simplify(const char *s)
{
    size_t len = strlen(s), i = 0;
    struct buf b = BUF_INIT;

    if (buf_grow(&b, len) < 0)
        return NULL;
    while (i < len) {
        unsigned cp;
        char enc[4];
        size_t n = utf8_decode(s + i, len - i, &cp), k;

        k = utf8_encode(norm_t2s(cp), enc);
        if (buf_add(&b, enc, k) < 0) {
            buf_release(&b);
            return NULL;
        }
        i += n;
    }
    return buf_take(&b, NULL);
}

int entities_extract(const char *title, const char *body, const char *source,
                     struct tokenizer *tok, struct entities **out,
                     struct lv_err *err)
{
    struct entities *e = calloc(1, sizeof(*e));
    char *t = NULL, *b = NULL, *s = NULL;
    int rc = 0;

    *out = NULL;
    t = entities_simplify(title ? title : "");
    b = entities_simplify(body ? body : "");
    s = source ? entities_simplify(source) : NULL;
    if (!e || !t || !b || (source && !s)) {
        rc = LV_ENOMEM;
        goto out;
    }
    /* Places first: a workstation's key names the primary city. */
    rc = ent_places_find(e, t, b, s);
    if (rc == 0)
        rc = ent_sectors_find(e, t);
    if (rc == 0)
        rc = ent_sectors_find(e, b);
    if (rc == 0)
        rc = ent_workstations_find(e, t, tok);
    if (rc == 0)
        rc = ent_workstations_find(e, b, tok);
    if (rc == 0)
        rc = ent_workstations_merge(e);
    if (rc == 0)
        rc = ent_brands_find(e, t);
    if (rc == 0)
        rc = ent_brands_find(e, b);
    if (rc == 0 && (e->off_topic = off_topic(e, t, b, s)))
        leave_off_topic(e);
out:
    free(t);
    free(b);
    free(s);
    if (rc < 0) {
        entities_free(e);
        return lv_err_set(err, LV_ENOMEM, "out of memory extracting entities");
    }
    *out = e;
    return 0;
}
void entities_free(struct entities *e)
{
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->nunresolved; i++)
        free(e->unresolved[i]);
    for (i = 0; i < e->nworkstations; i++) {
        free(e->workstations[i]);
        free(e->workstation_keys ? e->workstation_keys[i] : NULL);
    }
    for (i = 0; i < e->nbrands; i++)
        free(e->brands[i]);
    free(e->unresolved);
    free(e->workstations);
    free(e->workstation_keys);
    free(e->brands);
    free(e->sectors);
    free(e->cities);
    free(e->places);
    free(e);
}