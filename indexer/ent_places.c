/*
 * ent_places.c - places and municipalities (see ent_places.h).
 *
 * Places are found in one left-to-right pass over the simplified text
 * with the place trie; the longest name starting at each position wins,
 * so 昭通市 is never read as 通市.  Short forms are then admitted only by
 * the rules of the domain: province and prefecture short forms unless
 * they collide, county short forms only when their prefecture is named
 * in the same article.
 */
#include "ent_places.h"

#include <stdlib.h>
#include <string.h>

#include "../common/err.h"
#include "../common/strlist.h"
#include "../text/utf8.h"
#include "ent_text.h"
#include "place_trie.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_MATCHES 4096

/* County short forms that are ordinary words. */
static const char *const ordinary_words[] = {
    "资源", "合作", "比如", "南部", "公安", "通道", "共和", "友谊",
    "平安", "光明", "解放", "前进", "东方", "中方", "大方", "富裕",
    "延长", "万年", "长子", "武功", "红旗", "振兴", "复兴", "互助",
    "城区", "郊区", "市中", "城中", "城关", "新华", "和平", "白云",
    "青山", "长安", "普陀", "江北", "全州",
};

/* What may follow a county short form to make it a place (政协, 街道 ...). */
static const char *const institution_heads[] = {
    "政协",   "区委", "县委", "市委", "人民政府", "区政协",
    "县政协", "街道", "镇",   "乡",   "县",       "区",
};

/* A committee after a county's short form: the county's own. */
static const char *const committees[] = {
    "政协",
    "区政协",
    "县政协",
    "市政协",
};

/* What after a short form shows it is part of another name. */
static const char *const not_place_after[] = {
    "路",   "大学", "学院", "特色", "中学", "小学", "二小", "一中", "医院",
    "公司", "集团", "银行", "机场", "大道", "大街", "宾馆", "饭店", "商场",
};

/* What after a province or prefecture short form makes it a street's,
 * a township's or a community's name (桂林街道 in 长春, 兰州湾镇,
 * 鞍山道街道): the head itself or up to two characters before it. */
static const char *const street_heads[] = {
    "街道", "社区", "大街", "镇", "乡", "村",
};

static int township_name(const char *after)
{
    size_t k;

    for (k = 0; k <= 2; k++) {
        if (strlist_prefix(after, street_heads, N(street_heads)))
            return 1;
        if (!ent_is_han(after))
            return 0; /* no name goes on over punctuation */
        after += 3;
    }
    return 0;
}

struct match {
    size_t start, end;
    int32_t node;
    int in_title;
};

struct scan {
    struct match m[MAX_MATCHES];
    size_t n;
};

static void scan_places(const char *text, int in_title, struct scan *sc)
{
    size_t i = 0;

    while (text[i] && sc->n < MAX_MATCHES) {
        int32_t node;
        size_t len = place_trie_longest(text + i, &node);

        if (len) {
            sc->m[sc->n].start = i;
            sc->m[sc->n].end = i + len;
            sc->m[sc->n].node = node;
            sc->m[sc->n].in_title = in_title;
            sc->n++;
            i += len;
            continue;
        }
        i++;
        while (((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
    }
}

/* The city a place rolls up to: a prefecture itself, a county's parent,
 * a municipality (北京市 ...) itself; NULL when there is none. */
static const char *city_of(const struct gaz_row *r)
{
    if (r->level == GAZ_PREFECTURE)
        return r->full;
    if (r->level == GAZ_COUNTY)
        return r->parent_city[0] ? r->parent_city : NULL;
    if (ent_ends_with(r->full, strlen(r->full), "市"))
        return r->full; /* municipality */
    return NULL;
}

/* Is `name` (a prefecture, municipality or province) named by a full name
 * or a top-level short form in this article? */
static int anchored(const struct scan *sc, const char *name)
{
    size_t i;

    if (!name || !*name)
        return 0;
    for (i = 0; i < sc->n; i++) {
        int32_t p;

        for (p = place_trie_first(sc->m[i].node); p >= 0;
             p = place_trie_next(p))
            if (place_trie_kind(p) != PLACE_SHORT_COUNTY
                && strcmp(place_trie_row(p)->full, name) == 0)
                return 1;
    }
    return 0;
}

static int add_place(struct entities *e, const struct gaz_row *r)
{
    size_t i;
    struct entity_place *np;

    for (i = 0; i < e->nplaces; i++)
        if (e->places[i].row == r) {
            e->places[i].mentions++;
            return 0;
        }
    np = realloc(e->places, (e->nplaces + 1) * sizeof(*np));
    if (!np)
        return LV_ENOMEM;
    e->places = np;
    np[e->nplaces].row = r;
    np[e->nplaces].mentions = 1;
    e->nplaces++;
    return 0;
}

/* Does a township's name start at m: at the text's start, after
 * punctuation, a function word (在, 到, 和 …) or another place? */
static int town_starts(const struct scan *sc, const char *text,
                       const struct match *m)
{
    static const char *const before[] = {
        "在", "到", "于", "和", "与", "及", "的", "等", "至", "赴", "从", "向",
        "对", "为", "是", "了", "入", "进", "经", "由", "把", "将", "驻",
    };
    size_t pl = ent_prev_char_len(text, m->start), i;
    unsigned cp;

    if (m->start == 0 || utf8_decode(text + m->start - pl, pl, &cp) != pl
        || !utf8_is_han(cp)
        || strlist_suffix_at(text, m->start, before, N(before)))
        return 1;
    for (i = 0; i < sc->n; i++)
        if (sc->m[i].end == m->start && sc->m[i].in_title == m->in_title)
            return 1;
    return 0;
}

/* A full name; a shared county name needs its prefecture named. */
static const struct gaz_row *resolve_full(const struct scan *sc,
                                          const struct match *m, int nfull,
                                          int *ambiguous)
{
    const struct gaz_row *pick = NULL;
    int32_t p;
    int nanch = 0;

    for (p = place_trie_first(m->node); p >= 0; p = place_trie_next(p)) {
        const struct gaz_row *r = place_trie_row(p);

        if (place_trie_kind(p) != PLACE_FULL)
            continue;
        /* a two-character district (东区, 城区; not 泾县) is a place
         * only where its city is named too */
        if (nfull == 1
            && (r->level != GAZ_COUNTY
                || ent_chars(r->full, strlen(r->full)) > 2
                || !ent_ends_with(r->full, strlen(r->full), "区")
                || anchored(sc, r->parent_city)))
            return r;
        if (nfull == 1)
            return NULL;
        if (anchored(sc, r->parent_city[0] ? r->parent_city : r->province)) {
            pick = r;
            nanch++;
        }
    }
    if (nanch == 1)
        return pick;
    *ambiguous = 1;
    return NULL;
}

/* A province's or prefecture's short form, preferring the prefecture;
 * 桂林街道 in 长春 is a street named after the city, not 桂林市 (county
 * short forms before 街道 are the domain's exception). */
static const struct gaz_row *resolve_top(const struct match *m,
                                         const char *after)
{
    const struct gaz_row *pick = NULL;
    int32_t p;

    if (township_name(after))
        return NULL;
    for (p = place_trie_first(m->node); p >= 0; p = place_trie_next(p))
        if (place_trie_kind(p) == PLACE_SHORT_TOP
            && (!pick || place_trie_row(p)->level == GAZ_PREFECTURE))
            pick = place_trie_row(p);
    return pick;
}

/* A county's short form: anchored, unique in its anchor, and not an
 * ordinary word unless an institution or a list follows. */
static const struct gaz_row *resolve_county(const struct scan *sc,
                                            const struct match *m,
                                            const char *after, int ncounty)
{
    const struct gaz_row *pick = NULL;
    int32_t p;
    int nanch = 0;

    for (p = place_trie_first(m->node); p >= 0; p = place_trie_next(p)) {
        const struct gaz_row *r = place_trie_row(p);

        if (anchored(sc, r->parent_city[0] ? r->parent_city : r->province)) {
            pick = r;
            nanch++;
        }
    }
    if (nanch == 0 && ncounty == 1 && !township_name(after)
        && strlist_prefix(after, committees, N(committees))
        && !strlist_equals(
            place_trie_row(place_trie_first(m->node))->short_form,
            ordinary_words, N(ordinary_words))) {
        /* 章丘政协, 渝中区政协: the one county of that name */
        pick = place_trie_row(place_trie_first(m->node));
        nanch = 1;
    }
    if (nanch != 1)
        return NULL;
    if (strlist_equals(pick->short_form, ordinary_words, N(ordinary_words))
        && !strlist_prefix(after, institution_heads, N(institution_heads))
        && strncmp(after, "、", 3) != 0)
        return NULL;
    return pick;
}

/*
 * Decide which row a match stands for, by the rules of the domain notes;
 * NULL when it stands for none (or is ambiguous: *ambiguous set).
 */
static const struct gaz_row *resolve(const struct scan *sc, const char *text,
                                     const struct match *m, int *ambiguous)
{
    int32_t p;
    int nfull = 0, ntop = 0, ncounty = 0, ntown = 0;
    const char *after = text + m->end;

    *ambiguous = 0;
    for (p = place_trie_first(m->node); p >= 0; p = place_trie_next(p)) {
        if (place_trie_kind(p) == PLACE_FULL)
            nfull++;
        else if (place_trie_kind(p) == PLACE_SHORT_TOP)
            ntop++;
        else if (place_trie_kind(p) == PLACE_TOWNSHIP)
            ntown++;
        else
            ncounty++;
    }
    if (nfull)
        return resolve_full(sc, m, nfull, ambiguous);
    if (ntown) {
        /* 草河掌镇: the one township of that name, in its county; not
         * the tail of a longer name (酒|仙桥街道) */
        if (!town_starts(sc, text, m))
            return NULL;
        for (p = place_trie_first(m->node); p >= 0; p = place_trie_next(p))
            if (place_trie_kind(p) == PLACE_TOWNSHIP)
                return place_trie_row(p);
    }
    if (strlist_prefix(after, not_place_after, N(not_place_after)))
        return NULL; /* 酒泉路, 西北民族大学, 新疆特色 */
    if (ntop)
        return resolve_top(m, after);
    return resolve_county(sc, m, after, ncounty);
}

static int add_city_score(struct entities *e, const char *name,
                          const char *province, double score)
{
    size_t i;
    struct entity_city *nc;

    for (i = 0; i < e->ncities; i++)
        if (strcmp(e->cities[i].name, name) == 0) {
            e->cities[i].score += score;
            return 0;
        }
    nc = realloc(e->cities, (e->ncities + 1) * sizeof(*nc));
    if (!nc)
        return LV_ENOMEM;
    e->cities = nc;
    nc[e->ncities].name = name;
    nc[e->ncities].province = province;
    nc[e->ncities].role = CITY_MENTIONED;
    nc[e->ncities].score = score;
    e->ncities++;
    return 0;
}

static int cmp_city(const void *a, const void *b)
{
    const struct entity_city *x = a, *y = b;

    return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/*
 * No city in the text, but the byline names one by its full name
 * (来源:揭阳市政协办公室): the publisher's city is the practice's.  Full
 * names only: a short form (吉林) may be a province too.
 */
static int city_from_source(struct entities *e, const char *source)
{
    unsigned i;

    for (i = 0; i < gazetteer_nrows; i++) {
        const struct gaz_row *r = &gazetteer_rows[i];

        if (r->level == GAZ_PREFECTURE && strstr(source, r->full))
            return add_city_score(e, r->full, r->province, 3);
    }
    return 0;
}

/* Whose committee an article's 政协 are: the nation's (全国政协), a
 * province's (省政协, 自治区政协, 政协X省委员会) or a municipality's or
 * county's (市政协, 县政协, 区政协, 政协X市委员会).  Member titles (省政协
 * 委员, 全国政协常委) name a person, not the work reported. */
struct owners {
    unsigned national, province, local;
};

static void count_owners(const char *text, unsigned weight, struct owners *o)
{
    static const char *const local[] = {
        "市", "州", "县", "区", "盟", "旗",
    };
    const char *p = text;

    while ((p = strstr(p, "政协")) != NULL) {
        size_t at = (size_t)(p - text);
        const char *after = p + 6;

        p = after;
        if ((strncmp(after, "委员", 6) == 0 && strncmp(after, "委员会", 9) != 0)
            || strncmp(after, "常委", 6) == 0)
            continue;
        if (ent_ends_with(text, at, "全国"))
            o->national += weight;
        else if (ent_ends_with(text, at, "自治区")
                 || ent_ends_with(text, at, "省"))
            o->province += weight;
        else if (strlist_suffix_at(text, at, local, N(local)))
            o->local += weight;
        else {
            /* 政协甘肃省委员会 / 政协兰州市委员会 */
            const char *c = strstr(after, "委员会");

            if (!c || c - after > 30)
                continue;
            if (ent_ends_with(after, (size_t)(c - after), "省")
                || ent_ends_with(after, (size_t)(c - after), "自治区"))
                o->province += weight;
            else if (strlist_suffix_at(after, (size_t)(c - after), local,
                                       N(local)))
                o->local += weight;
        }
    }
}

/* The provinces named, scored as cities are (a mention 1, in the title
 * 8), to name the province of a report without a city. */
struct provinces {
    const char *name[40];
    double score[40];
    size_t n;
};

static void tally_province(struct provinces *pv, const char *name, double w)
{
    size_t i;

    for (i = 0; i < pv->n && strcmp(pv->name[i], name) != 0; i++)
        ;
    if (i == pv->n) {
        if (pv->n == 40)
            return;
        pv->name[pv->n] = name;
        pv->score[pv->n++] = 0;
    }
    pv->score[i] += w;
}

static const char *best_province(const struct provinces *pv)
{
    size_t i, best = 0;

    for (i = 1; i < pv->n; i++)
        if (pv->score[i] > pv->score[best])
            best = i;
    return pv->n ? pv->name[best] : NULL;
}

/*
 * Weigh each city: a mention counts 1 (a county's counts half for its
 * city), a mention in the title 8, an owner such as 昭通市政协 or
 * 政协昆明市委员会 4, the source naming the city 3.  The best is the
 * primary municipality; others with two points or more (named twice, or
 * once as an owner) are secondary: visited, compared, co-organising.
 */
static int weigh_cities(struct entities *e, const struct scan *sc,
                        const char *body, const char *title, const char *source)
{
    struct owners own = {0, 0, 0};
    struct provinces pv;
    size_t i;
    int rc = 0;

    pv.n = 0;
    for (i = 0; i < sc->n && rc == 0; i++) {
        const struct match *m = &sc->m[i];
        const char *text = m->in_title ? title : body;
        const struct gaz_row *r;
        const char *city;
        double w;
        int amb;

        r = resolve(sc, text, m, &amb);
        if (!r) {
            if (amb && !m->in_title)
                rc = ent_push_unique(&e->unresolved, &e->nunresolved,
                                     text + m->start, m->end - m->start);
            continue;
        }
        if (!m->in_title)
            rc = add_place(e, r);
        if (r->level == GAZ_PROVINCE)
            tally_province(&pv, r->full, m->in_title ? 8 : 1);
        city = city_of(r);
        if (!city || rc < 0)
            continue;
        w = r->level == GAZ_COUNTY ? 0.5 : 1.0;
        if (m->in_title)
            w *= 8;
        if (strncmp(text + m->end, "政协", 6) == 0
            || strncmp(text + m->end, "市政协", 9) == 0
            || ent_ends_with(text, m->start, "政协"))
            w += r->level == GAZ_COUNTY ? 1 : 4;
        rc = add_city_score(e, city, r->province, w);
    }
    for (i = 0; i < e->ncities && source; i++) {
        const struct gaz_row *r = gaz_find(e->cities[i].name, GAZ_PREFECTURE);

        if (r && strstr(source, r->short_form))
            e->cities[i].score += 3;
    }
    if (rc == 0 && e->ncities == 0 && source)
        rc = city_from_source(e, source);
    count_owners(title, 2, &own);
    count_owners(body, 1, &own);
    if (e->ncities)
        qsort(e->cities, e->ncities, sizeof(*e->cities), cmp_city);
    /* A provincial or national committee's work has no primary city
     * (the capital it meets in is only mentioned). */
    if (own.province + own.national > own.local) {
        e->province = own.national > own.province ? NULL : best_province(&pv);
        if (!e->province && own.national <= own.province && e->ncities)
            e->province = e->cities[0].province;
        for (i = 0; i < e->ncities; i++)
            if (e->cities[i].score >= 2)
                e->cities[i].role = CITY_SECONDARY;
        return rc;
    }
    if (e->ncities == 0) {
        e->province = best_province(&pv);
        return rc;
    }
    e->cities[0].role = CITY_PRIMARY;
    e->province = e->cities[0].province;
    for (i = 1; i < e->ncities; i++)
        if (e->cities[i].score >= 2)
            e->cities[i].role = CITY_SECONDARY;
    return rc;
}

int ent_places_find(struct entities *e, const char *title, const char *body,
                    const char *source)
{
    struct scan *sc;
    int rc = place_trie_ready();

    if (rc < 0)
        return rc;
    sc = calloc(1, sizeof(*sc));
    if (!sc)
        return LV_ENOMEM;
    scan_places(body, 0, sc);
    scan_places(title, 1, sc);
    rc = weigh_cities(e, sc, body, title, source);
    free(sc);
    return rc;
}
