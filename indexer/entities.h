/*
 * entities.h - who and where an article is about: places (rolled up to
 * city and province), the primary municipality (whose practice the
 * article describes) and secondary ones, sectors (界别), workstations and
 * studios (委员工作站 / 委员工作室 ...), and activity brands.
 *
 * Input is the cleaned article (spam and related reading already gone), in
 * either script; every name comes out in simplified characters.
 */
#ifndef LVZHI_ENTITIES_H
#define LVZHI_ENTITIES_H

#include <stddef.h>

#include "../common/err.h"
#include "../common/gazetteer.h"

enum city_role {
    CITY_MENTIONED = 0,
    CITY_PRIMARY = 1,   /* the municipality whose practice it describes */
    CITY_SECONDARY = 2, /* visited, compared, or co-organising */
};

struct entity_place {
    const struct gaz_row *row;
    unsigned mentions;
};

/* A prefecture-level city (or municipality) with its role and weight. */
struct entity_city {
    const char *name; /* full name, from the gazetteer */
    const char *province;
    int role; /* enum city_role */
    double score;
};

struct entities {
    struct entity_place *places; /* resolved places, in text order */
    size_t nplaces;
    char **unresolved; /* ambiguous county names (朝阳区) */
    size_t nunresolved;
    struct entity_city *cities; /* primary first, then by score */
    size_t ncities;
    const char *province; /* the primary's, or the province whose
                             committee's work it reports; NULL */
    const char **sectors; /* canonical names (static strings) */
    size_t nsectors;
    char **workstations;     /* simplified display names */
    char **workstation_keys; /* identity keys: city·name, or the
                                name alone with no city known */
    size_t nworkstations;
    char **brands; /* quoted programme names */
    size_t nbrands;
    int off_topic; /* not about members' work: 政协 named
                      once at most, and no platform */
};

struct tokenizer;

/*
 * Extract entities from title and body (UTF-8, may be traditional) and the
 * source name (may be NULL).  tok (the caller's ICU tokenizer, NULL for
 * none) helps tell where a workstation's name starts.  Free *out with
 * entities_free().  0 or LV_ENOMEM.
 */
LV_MUST_CHECK
int entities_extract(const char *title, const char *body, const char *source,
                     struct tokenizer *tok, struct entities **out,
                     struct lv_err *err);

void entities_free(struct entities *e);

/* Convert text to simplified characters, code point by code point (no
 * other normalisation).  malloc'd; NULL when out of memory. */
LV_MUST_CHECK
char *entities_simplify(const char *s);

#endif
