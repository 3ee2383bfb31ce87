/*
 * query.c - parse the query language into a Xapian query (see query.h).
 *
 * Parsing is two steps: a lexer cuts the string into items (text, phrase,
 * field:value, with an exclusion flag) and OR operators; the builder turns
 * runs of items joined by OR into one OR clause, ANDs the clauses, applies
 * exclusions with AND_NOT and filters with FILTER.
 */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/gazetteer.h"
#include "../common/sectors.h"
#include "../text/norm.h"
#include "../text/tokens.h"
#include "../text/utf8.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "names.h"
#include "synonyms.h"

#define BIGRAM_WEIGHT 0.5
/* Parts near each other (their first bigrams within PROXIMITY_WINDOW
 * positions: about a paragraph of Chinese) add PROXIMITY_WEIGHT times
 * the weight of those bigrams. */
#define PROXIMITY_WINDOW 40
#define PROXIMITY_WEIGHT 1.0
/* A practice's other words (synonyms.h) weigh half the part as written. */
#define SYNONYM_WEIGHT 0.5

struct field {
    const char *name;
    const char *prefix;
    const char *label;
    int counted;
};

#define FIELD_ROW(name, prefix, label, counted) {name, prefix, label, counted},
#define FIELD_NAME(name, prefix, label, counted) name,
static const struct field fields[] = {SCHEMA_FACET_FIELDS(FIELD_ROW)};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

const char *const query_filter_fields[] = {
    SCHEMA_FACET_FIELDS(FIELD_NAME) NULL,
};

static const struct field *field_named(const char *name)
{
    size_t i;

    for (i = 0; i < NFIELDS; i++)
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

int query_field_counted(const char *field)
{
    const struct field *f = field_named(field);

    return f && f->counted;
}

const char *query_field_label(const char *field)
{
    const struct field *f = field_named(field);

    return f ? f->label : field;
}

const char *query_field_prefix(const char *field)
{
    const struct field *f = field_named(field);

    return f ? f->prefix : NULL;
}

enum item_kind { ITEM_TEXT, ITEM_TITLE, ITEM_FILTER };

struct item {
    int kind;
    int exclude;
    int required;       /* +part: never relaxed */
    int or_before;      /* joined to the previous item by OR */
    char *text;         /* raw text (unquoted) */
    const char *prefix; /* ITEM_FILTER */
};

struct lexer {
    const char *p, *end;
    struct item items[QUERY_MAX_ITEMS];
    size_t n;
};

/* Code points that separate items: ASCII space and the ideographic space. */
static size_t space_len(const char *p, const char *end)
{
    if (p < end && isspace((unsigned char)*p))
        return 1;
    if (end - p >= 3 && memcmp(p, "\xe3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* Opening quote: '"' or '“'; *close gets the matching closing quote. */
static size_t quote_len(const char *p, const char *end, const char **close)
{
    if (p < end && *p == '"') {
        *close = "\"";
        return 1;
    }
    if (end - p >= 3 && memcmp(p, "\xe2\x80\x9c", 3) == 0) { /* “ */
        *close = "\xe2\x80\x9d";                             /* ” */
        return 3;
    }
    return 0;
}

/* Read a bare word or a quoted string starting at lx->p. */
static char *read_value(struct lexer *lx)
{
    const char *close, *start, *stop;
    size_t q = quote_len(lx->p, lx->end, &close);

    if (q) {
        start = lx->p + q;
        stop = start;
        while (stop < lx->end && (size_t)(lx->end - stop) >= strlen(close)
               && memcmp(stop, close, strlen(close)) != 0)
            stop++;
        if ((size_t)(lx->end - stop) < strlen(close))
            stop = lx->end; /* unterminated: to the end */
        lx->p = stop < lx->end ? stop + strlen(close) : lx->end;
    } else {
        start = lx->p;
        while (lx->p < lx->end && !space_len(lx->p, lx->end))
            lx->p++;
        stop = lx->p;
    }
    return strndup(start, (size_t)(stop - start));
}

static int lex(struct lexer *lx, struct lv_err *err)
{
    int or_next = 0;

    for (;;) {
        struct item *it;
        const char *colon, *close;
        size_t s;
        int exclude = 0, required = 0;

        while ((s = space_len(lx->p, lx->end)) != 0)
            lx->p += s;
        if (lx->p >= lx->end)
            break;
        if ((lx->end - lx->p >= 2 && memcmp(lx->p, "OR", 2) == 0
             && (lx->end - lx->p == 2 || space_len(lx->p + 2, lx->end)))
            || *lx->p == '|') {
            lx->p += *lx->p == '|' ? 1 : 2;
            or_next = lx->n > 0;
            continue;
        }
        if (*lx->p == '-' && lx->p + 1 < lx->end
            && !space_len(lx->p + 1, lx->end)) {
            exclude = 1;
            lx->p++;
        } else if (*lx->p == '+' && lx->p + 1 < lx->end
                   && !space_len(lx->p + 1, lx->end)) {
            required = 1;
            lx->p++;
        }
        if (lx->n == QUERY_MAX_ITEMS)
            return lv_err_set(err, LV_EQUERY, "query has more than %d parts",
                              QUERY_MAX_ITEMS);
        it = &lx->items[lx->n];
        memset(it, 0, sizeof(*it));
        it->exclude = exclude;
        it->required = required;
        it->or_before = or_next && !exclude;
        or_next = 0;
        it->kind = ITEM_TEXT;

        /* field:value, the field being ASCII letters before the colon. */
        colon = lx->p;
        while (colon < lx->end && isalpha((unsigned char)*colon))
            colon++;
        if (colon > lx->p && colon < lx->end && *colon == ':'
            && !quote_len(lx->p, lx->end, &close)) {
            char name[32];
            size_t nlen = (size_t)(colon - lx->p);

            snprintf(name, sizeof(name), "%.*s", (int)nlen, lx->p);
            if (strcmp(name, "title") == 0) {
                it->kind = ITEM_TITLE;
            } else if ((it->prefix = query_field_prefix(name)) != NULL) {
                it->kind = ITEM_FILTER;
            } else {
                return lv_err_set(err, LV_EQUERY,
                                  "unknown field '%s' (known: title, "
                                  "province, city, county, sector, "
                                  "workstation, brand, source, year, month, "
                                  "type)",
                                  name);
            }
            lx->p = colon + 1;
        }
        it->text = read_value(lx);
        if (!it->text)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        lx->n++;
    }
    return 0;
}

/* Words and bigrams of one piece of text. */
struct pieces {
    struct xquery *words[QUERY_MAX_BYTES];
    struct xquery *bigrams[QUERY_MAX_BYTES];
    size_t nwords, nbigrams;
    const char *word_pfx, *bigram_pfx;
    char anchor[SCHEMA_MAX_TERM + 8]; /* the last bigram's term */
    int failed;
};

static struct xquery *prefixed_term(const char *pfx, const char *s, size_t n,
                                    unsigned pos)
{
    char term[SCHEMA_MAX_TERM + 8];
    size_t plen = strlen(pfx);

    if (plen + n > SCHEMA_MAX_TERM)
        n = utf8_cut(s, n, SCHEMA_MAX_TERM - plen);
    memcpy(term, pfx, plen);
    memcpy(term + plen, s, n);
    term[plen + n] = '\0';
    return xquery_term(term, 1, pos);
}

static int collect_token(const struct token *t, void *ctx)
{
    struct pieces *p = ctx;
    struct xquery *q;

    if (t->kind == TOKEN_WORD && p->nwords < QUERY_MAX_BYTES) {
        q = prefixed_term(p->word_pfx, t->text, t->len, t->pos);
        p->words[p->nwords++] = q;
    } else if (t->kind == TOKEN_BIGRAM && p->nbigrams < QUERY_MAX_BYTES) {
        q = prefixed_term(p->bigram_pfx, t->text, t->len, t->pos);
        if (strlen(p->bigram_pfx) + t->len < sizeof(p->anchor))
            snprintf(p->anchor, sizeof(p->anchor), "%s%.*s", p->bigram_pfx,
                     (int)t->len, t->text);
        p->bigrams[p->nbigrams++] = q;
    } else {
        return 0;
    }
    if (!q)
        p->failed = 1;
    return 0;
}

/*
 * One piece of free text.  With two or more Han characters it must occur
 * as a substring: the phrase of its bigrams; its words (no positions in
 * the index) only add weight, so a document where it is a whole word
 * ranks above one where it is only a bigram run (政协 vs 廉政协议).
 * Otherwise (one character, Latin, digits) all its words must occur.
 * *out is NULL when the text has no terms.  With anchor: *anchor gets
 * its first bigram's term (caller frees), NULL without bigrams.
 */
static int text_query(const char *raw, int title, struct tokenizer *tok,
                      struct query *q, struct xquery **out, char **anchor,
                      struct lv_err *err)
{
    struct pieces *p = calloc(1, sizeof(*p));
    struct xquery *wq = NULL, *bq = NULL;
    char *norm = NULL, **hl;
    int rc = 0;

    *out = NULL;
    if (!p)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    rc = norm_string(raw, &norm, err);
    if (rc < 0)
        goto out;
    p->word_pfx = title ? PFX_TITLE : "";
    p->bigram_pfx = title ? PFX_TITLE_BIGRAM : PFX_BIGRAM;
    rc = tokenizer_run(tok, norm, strlen(norm), collect_token, p, err);
    if (rc < 0)
        goto out;
    if (p->failed) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    if (p->nwords)
        wq = xquery_combine(XQ_AND, p->words, p->nwords, 0);
    p->nwords = 0;
    if (p->nbigrams)
        bq = xquery_combine(XQ_PHRASE, p->bigrams, p->nbigrams, 0);
    p->nbigrams = 0;
    if (wq && bq) {
        struct xquery *both[2] = {xquery_scale(bq, BIGRAM_WEIGHT), wq};

        *out = xquery_combine(XQ_AND_MAYBE, both, 2, 0);
    } else {
        *out = wq ? wq : bq;
    }
    if (*out && anchor && p->anchor[0] && !(*anchor = strdup(p->anchor)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (*out && rc == 0) {
        hl = realloc(q->highlight, (q->nhighlight + 1) * sizeof(*hl));
        if (!hl) {
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
            goto out;
        }
        q->highlight = hl;
        hl[q->nhighlight++] = norm;
        norm = NULL;
    }
out:
    if (rc < 0) {
        xquery_free(*out);
        *out = NULL;
        if (anchor) {
            free(*anchor);
            *anchor = NULL;
        }
    }
    while (p->nwords)
        xquery_free(p->words[--p->nwords]);
    while (p->nbigrams)
        xquery_free(p->bigrams[--p->nbigrams]);
    free(p);
    free(norm);
    return rc;
}

/* year:none (or 未注明): the articles no date was found for, whose date
 * slot is empty. */
static struct xquery *undated_query(void)
{
    struct xquery *parts[2];

    parts[0] = xquery_match_all();
    parts[1] = xquery_value_range(SLOT_DATE, "0", NULL);
    return xquery_combine(XQ_AND_NOT, parts, 2, 0);
}

/* The gazetteer level a place field's values have, or 0. */
static int place_level(const char *prefix)
{
    if (strcmp(prefix, PFX_PROVINCE) == 0)
        return GAZ_PROVINCE;
    if (strcmp(prefix, PFX_CITY) == 0)
        return GAZ_PREFECTURE;
    if (strcmp(prefix, PFX_COUNTY) == 0)
        return GAZ_COUNTY;
    return 0;
}

/*
 * A place filter's value as the index holds it: a full name (兰州市) as
 * it is, a short form or alias (兰州, 石林县) as the full name of the one
 * division of the field's level that has it.  LV_EQUERY naming the
 * choices when several do, or the value when none does (a filter that
 * can only find nothing says so).
 */
static int resolve_place(int level, const char *norm, const char **full,
                         struct lv_err *err)
{
    const char *found[8];
    struct buf names = BUF_INIT;
    size_t nfound = names_places(level, norm, found), k;
    int rc;

    *full = norm;
    if (nfound == 1) {
        *full = found[0];
        return 0;
    }
    if (nfound == 0)
        return lv_err_set(err, LV_EQUERY,
                          "no %s named '%s' (the gazetteer "
                          "knows none)",
                          level == GAZ_PROVINCE     ? "province"
                          : level == GAZ_PREFECTURE ? "city"
                                                    : "county",
                          norm);
    for (k = 0; k < nfound; k++)
        if (buf_printf(&names, "%s%s", k ? ", " : "", found[k]) < 0) {
            buf_release(&names);
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
    rc = lv_err_set(err, LV_EQUERY,
                    "'%s' names several places: %s "
                    "(write the full name)",
                    norm, names.data);
    buf_release(&names);
    return rc;
}

static struct xquery *bool_term(const char *prefix, const char *value)
{
    char term[SCHEMA_MAX_TERM + 1];
    int n = snprintf(term, sizeof(term), "%s%s", prefix, value);

    return n > 0 && (size_t)n < sizeof(term) ? xquery_term(term, 1, 0) : NULL;
}

/*
 * A part that is a place's name (兰州, 安康市, 甘肃, 石泉县; one division
 * only) also matches the articles the entity layer put there, though
 * their text may name only a county under it: the city facet and the
 * counties of a prefecture (names shared by several counties left out),
 * the province facet, the county facet.  Boolean terms: such matches add
 * no weight, so articles naming the place rank first.  *label gets what
 * was added (a gazetteer string, not to be freed), NULL when the part is
 * no place.
 */
static struct xquery *place_expansion(const char *norm, const char **label)
{
    struct xquery *alts[64];
    const char *found[8];
    size_t n = 0;
    unsigned i, k;

    *label = NULL;
    if (names_places(GAZ_PREFECTURE, norm, found) == 1) {
        alts[n++] = bool_term(PFX_CITY, found[0]);
        for (i = 0; i < gazetteer_nrows && n < 64; i++) {
            const struct gaz_row *r = &gazetteer_rows[i];

            if (r->level == GAZ_COUNTY && strcmp(r->parent_city, found[0]) == 0
                && gaz_by_name(r->full, &k) && k == 1)
                alts[n++] = bool_term(PFX_COUNTY, r->full);
        }
    } else if (names_places(GAZ_PROVINCE, norm, found) == 1) {
        alts[n++] = bool_term(PFX_PROVINCE, found[0]);
    } else if (names_places(GAZ_COUNTY, norm, found) == 1
               && gaz_by_name(found[0], &k) && k == 1) {
        alts[n++] = bool_term(PFX_COUNTY, found[0]);
    } else {
        return NULL;
    }
    *label = found[0];
    return xquery_combine(XQ_OR, alts, n, 0);
}

/*
 * A part naming a sector (医卫界别, 医药卫生界, 民进界别 …) also matches
 * the articles of the sector's facet, which knows the names are one.
 * *label gets the canonical name (static), NULL when the part names no
 * sector.
 */
static struct xquery *sector_expansion(const char *norm, const char **label)
{
    struct xquery *alts[2];
    size_t n = 0;
    const struct sector_stem *hit = names_sector(norm, strlen(norm));

    *label = NULL;
    if (!hit)
        return NULL;
    alts[n++] = bool_term(PFX_SECTOR, hit->canonical[0]);
    if (hit->canonical[1][0])
        alts[n++] = bool_term(PFX_SECTOR, hit->canonical[1]);
    *label = hit->canonical[0];
    return xquery_combine(XQ_OR, alts, n, 0);
}

/* Is v a workstation's key, city·name (兰州市·李瑛委员工作室), and not a
 * name that holds a · itself (红石榴·马叔委员工作室)? */
static int workstation_key(const char *v)
{
    const char *dot = strstr(v, "·");
    char city[64];
    size_t n = dot ? (size_t)(dot - v) : 0;

    if (!n || n >= sizeof(city))
        return 0;
    memcpy(city, v, n);
    city[n] = '\0';
    return gaz_find(city, GAZ_PREFECTURE) || gaz_find(city, GAZ_PROVINCE);
}

/* The query of one filter value into *out.  0, or the error code. */
static int filter_term(const char *prefix, const char *value,
                       struct xquery **out, struct lv_err *err)
{
    char *norm;
    const char *full;
    struct buf t = BUF_INIT;
    int level = place_level(prefix), rc;

    *out = NULL;
    if (strcmp(prefix, PFX_YEAR) == 0
        && (strcmp(value, QUERY_UNDATED) == 0 || strcmp(value, "未注明") == 0))
        *out = undated_query();
    else if (strcmp(prefix, PFX_TOPIC) == 0 && strcmp(value, "on") != 0
             && strcmp(value, "off") != 0)
        return lv_err_set(err, LV_EQUERY, "topic is on or off, not '%s'",
                          value);
    else {
        rc = norm_string(value, &norm, err);
        if (rc < 0)
            return rc;
        full = norm;
        rc = level ? resolve_place(level, norm, &full, err) : 0;
        /* A workstation by its name alone (刘建玲委员工作室), in any city. */
        if (strcmp(prefix, PFX_WORKSTATION) == 0 && !workstation_key(norm))
            prefix = PFX_WORKSTATION_NAME;
        if (rc == 0 && buf_printf(&t, "%s%s", prefix, full) == 0)
            *out = xquery_term(t.data, 1, 0);
        buf_release(&t);
        free(norm);
        if (rc < 0)
            return rc;
    }
    return *out ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

int query_date(const char *in, int is_end, char out[9], struct lv_err *err)
{
    long v[3] = {0, 0, 0};
    const char *p = in;
    int parts = 0;

    /* Up to three digit groups: 2024 / 2024-03 / 2024年3月13日 ... */
    while (*p && parts < 3) {
        char *end;

        if (!isdigit((unsigned char)*p)) {
            p++;
            continue;
        }
        v[parts] = strtol(p, &end, 10);
        if (parts == 0 && end - p == 8) { /* 20240313 */
            v[2] = v[0] % 100;
            v[1] = v[0] / 100 % 100;
            v[0] /= 10000;
            parts = 3;
            break;
        }
        if (end - p > 4)
            parts = 4; /* too many digits: refuse below */
        parts++;
        p = end;
    }
    if (parts == 0 || parts > 3 || v[0] < 1000 || v[0] > 9999 || v[1] < 0
        || v[1] > 12 || v[2] < 0 || v[2] > 31 || (parts >= 2 && v[1] == 0)
        || (parts == 3 && v[2] == 0))
        return lv_err_set(err, LV_EQUERY,
                          "bad date '%s' (use YYYY, YYYY-MM or YYYY-MM-DD)",
                          in);
    if (parts < 2)
        v[1] = is_end ? 12 : 1;
    if (parts < 3)
        v[2] = is_end ? 31 : 1;
    snprintf(out, 9, "%04ld%02ld%02ld", v[0], v[1], v[2]);
    return 0;
}

/* Group explicit filters by field (OR within, AND across), as FILTER
 * sub-queries appended to subs. */
static int build_filters(const struct lexer *lx,
                         const struct query_filter *filters, size_t nf,
                         struct xquery **subs, size_t *nsubs,
                         struct lv_err *err)
{
    size_t fi, i;
    int rc;

    for (fi = 0; fi < NFIELDS; fi++) {
        struct xquery *alts[QUERY_MAX_ITEMS * 2];
        size_t nalts = 0;

        for (i = 0; i < nf && nalts < QUERY_MAX_ITEMS; i++) {
            if (strcmp(filters[i].field, fields[fi].name) != 0)
                continue;
            rc = filter_term(fields[fi].prefix, filters[i].value, &alts[nalts],
                             err);
            if (rc < 0)
                goto fail;
            nalts++;
        }
        for (i = 0; i < lx->n; i++) {
            const struct item *it = &lx->items[i];

            if (it->kind != ITEM_FILTER || it->exclude
                || it->prefix != fields[fi].prefix)
                continue;
            rc = filter_term(it->prefix, it->text, &alts[nalts], err);
            if (rc < 0)
                goto fail;
            nalts++;
        }
        if (nalts) {
            subs[*nsubs] = xquery_combine(XQ_OR, alts, nalts, 0);
            if (!subs[(*nsubs)++])
                return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
        continue;
    fail:
        while (nalts)
            xquery_free(alts[--nalts]);
        return rc;
    }
    return 0;
}

/* label onto a list (q's expanded or reworded), once. */
static int add_label(struct strv *list, const char *label)
{
    size_t i;

    for (i = 0; i < list->n; i++)
        if (strcmp(list->v[i], label) == 0)
            return 0;
    return strv_push(list, strdup(label));
}

/* A place or sector a part was widened to (for "同时检索"). */
static int add_expanded(struct query *q, const char *label)
{
    return add_label(&q->expanded, label);
}

/* Another wording a part also matched as. */
static int add_reworded(struct query *q, const char *label)
{
    return add_label(&q->reworded, label);
}

/* Another normalised string that makes part p match. */
static int add_norm(struct query_part *p, const char *s)
{
    char **norms = realloc(p->norms, (p->nnorms + 1) * sizeof(*norms));

    if (!norms)
        return LV_ENOMEM;
    p->norms = norms;
    p->norms[p->nnorms] = strdup(s);
    return p->norms[p->nnorms++] ? 0 : LV_ENOMEM;
}

/*
 * A part the archive holds only in another spelling (in->variants): the
 * variant's text query, ORed with its brand facet term; NULL when the
 * part has none.  *label gets the variant (the caller's string).
 */
static int variant_expansion(const struct query_input *in, const char *norm,
                             struct tokenizer *tok, struct query *out,
                             struct xquery **xq, const char **label,
                             struct lv_err *err)
{
    struct xquery *alts[2] = {NULL, NULL};
    size_t i;
    int rc;

    *xq = NULL;
    *label = NULL;
    for (i = 0; i < in->nvariants; i++)
        if (strcmp(in->variants[i].norm, norm) == 0)
            break;
    if (i == in->nvariants)
        return 0;
    rc = text_query(in->variants[i].brand, 0, tok, out, &alts[0], NULL, err);
    if (rc < 0)
        return rc;
    /* (no facet term for a brand too long to be one) */
    alts[1] = bool_term(PFX_BRAND, in->variants[i].brand);
    if (!alts[0] || !alts[1])
        *xq = alts[0] ? alts[0] : alts[1];
    else if (!(*xq = xquery_combine(XQ_OR, alts, 2, 0)))
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    *label = *xq ? in->variants[i].brand : NULL;
    return 0;
}

/* Part n (a new clause) or the OR group it joins: its text and its
 * normalised string (what the clause's text query added). */
static int add_part(struct query *q, const struct item *it, int join,
                    const char *part_norm)
{
    struct query_part *p;
    char **norms, *norm = strdup(part_norm);

    if (!norm)
        return LV_ENOMEM;
    if (!join) {
        p = realloc(q->parts, (q->nparts + 1) * sizeof(*p));
        if (!p) {
            free(norm);
            return LV_ENOMEM;
        }
        q->parts = p;
        p = &q->parts[q->nparts++];
        memset(p, 0, sizeof(*p));
        p->text = strdup(it->text);
        p->title = it->kind == ITEM_TITLE;
        p->required = it->required;
    } else {
        struct buf t = BUF_INIT;

        p = &q->parts[q->nparts - 1];
        if (buf_printf(&t, "%s OR %s", p->text, it->text) < 0) {
            free(norm);
            return LV_ENOMEM;
        }
        free(p->text);
        p->text = buf_take(&t, NULL);
        p->title = p->title && it->kind == ITEM_TITLE;
    }
    norms = realloc(p->norms, (p->nnorms + 1) * sizeof(*norms));
    if (!p->text || !norms) {
        free(norm);
        if (norms)
            p->norms = norms;
        return LV_ENOMEM;
    }
    p->norms = norms;
    p->norms[p->nnorms++] = norm;
    return 0;
}

/*
 * Does the relaxed pass keep this part in every match?  A +required
 * part, and a place's name: a query naming a place asks about that
 * place, and articles about others (兰州 政协委员工作站 → stations
 * elsewhere) only fill the page with what it did not ask for.
 */
static int part_kept(const struct query_part *p)
{
    return p->required || (p->place && !p->sector);
}

/* Does a partial match need a word of the other parts?  When places
 * are kept and nothing is +required: a place narrows the search, it is
 * never the whole of a match (兰州 政协委员工作站 → not 兰州's weather
 * reports). */
static int needs_other_word(const struct query *q, size_t n)
{
    size_t i, places = 0;

    for (i = 0; i < n; i++) {
        if (q->parts[i].required)
            return 0;
        places += part_kept(&q->parts[i]);
    }
    return places > 0;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Words every article here holds: in a platform's name they say nothing
 * of the platform. */
static const char *const member_words[] = {"政协", "委员", "政协委员"};

struct loose {
    struct pieces *w;
    int platform; /* the part names a platform: no member words */
};

static int collect_loose(const struct token *t, void *ctx)
{
    struct loose *l = ctx;
    size_t i;

    if (l->platform && t->kind == TOKEN_WORD)
        for (i = 0; i < N_OF(member_words); i++)
            if (strlen(member_words[i]) == t->len
                && memcmp(member_words[i], t->text, t->len) == 0)
                return 0;
    return collect_token(t, l->w);
}

/* The phrase of a platform head's bigrams (a head has two or three
 * characters). */
static struct xquery *head_phrase(const char *pfx, const char *head)
{
    struct xquery *bigrams[2];
    size_t n = 0, at = 0, len = strlen(head), a, b;
    unsigned cp;

    while (n < 2 && at < len) {
        a = utf8_decode(head + at, len - at, &cp);
        if (at + a >= len)
            break;
        b = utf8_decode(head + at + a, len - at - a, &cp);
        bigrams[n] = prefixed_term(pfx, head + at, a + b, n + 1);
        n++;
        at += a;
    }
    return xquery_combine(XQ_PHRASE, bigrams, n, 0);
}

/* Any platform head (bigrams under pfx): 工作站 for 工作室, 联系点 for
 * 之家. */
static struct xquery *any_head(const char *pfx)
{
    struct xquery *alts[32];
    size_t n = 0;

    while (n < 32 && names_head(n)) {
        alts[n] = head_phrase(pfx, names_head(n));
        n++;
    }
    return xquery_combine(XQ_OR, alts, n, 0);
}

/* Does a norm of the part end with a platform head? */
static int names_platform(const struct query_part *p)
{
    size_t k;

    for (k = 0; k < p->nnorms; k++)
        if (names_head_len(p->norms[k], strlen(p->norms[k])))
            return 1;
    return 0;
}

/*
 * What a partial match must hold when only places are kept: a word of a
 * part that is not kept; for a part naming a platform, a word of it other
 * than 政协 and 委员, which nearly every article holds, or any platform's
 * head.  深圳 政协委员工作室 keeps an article of 深圳 on its 委员工作站
 * or its 联系点, and drops 兰州's weather report and a page on another
 * body's 兰州 committee that names 政协委员 (兰州 政协委员工作站: dev
 * set "nowhere" 0.75 → 1.00).  (The head word alone, 工作室, lost the
 * judged articles on a city's stations: place+practice nDCG@10 0.97 →
 * 0.88.)  *out NULL when no part has words.
 */
static int loose_words(const struct query *q, size_t n, struct tokenizer *tok,
                       struct xquery **out, struct lv_err *err)
{
    struct pieces *w = calloc(1, sizeof(*w));
    struct loose l = {w, 0};
    size_t i;
    int rc = 0, heads = 0;

    *out = NULL;
    if (!w)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < n && rc == 0; i++) {
        const struct query_part *p = &q->parts[i];
        size_t k;

        if (part_kept(p))
            continue;
        w->word_pfx = p->title ? PFX_TITLE : "";
        w->bigram_pfx = p->title ? PFX_TITLE_BIGRAM : PFX_BIGRAM;
        l.platform = names_platform(p);
        if (l.platform) /* (bit 1: a body part, 2: a title: part) */
            heads |= p->title ? 2 : 1;
        for (k = 0; k < p->nnorms && rc == 0; k++) /* (OR, variants) */
            rc = tokenizer_run(tok, p->norms[k], strlen(p->norms[k]),
                               collect_loose, &l, err);
    }
    while (w->nbigrams) /* (only the words count here) */
        xquery_free(w->bigrams[--w->nbigrams]);
    if (rc == 0 && (heads & 1) && w->nwords < QUERY_MAX_BYTES)
        w->words[w->nwords++] = any_head(PFX_BIGRAM);
    if (rc == 0 && (heads & 2) && w->nwords < QUERY_MAX_BYTES)
        w->words[w->nwords++] = any_head(PFX_TITLE_BIGRAM);
    if (rc == 0 && w->failed)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0 && w->nwords) {
        *out = xquery_combine(XQ_OR, w->words, w->nwords, 0);
        w->nwords = 0;
        if (!*out)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    while (w->nwords)
        xquery_free(w->words[--w->nwords]);
    free(w);
    return rc;
}

/*
 * The relaxed pass's text query: the articles holding some of the parts
 * (all the required ones), each optional part they hold adding a fixed
 * QUERY_PART_WEIGHT to its own weight, so the full matches rank first
 * (the caller skips them).  Not an AND_NOT of the full matches: with the
 * phrase checks below it, Xapian let some through in one build and not
 * another.  Takes the clauses.
 */
static struct xquery *relaxed_query(struct xquery **clauses, size_t ncl,
                                    const struct query *q, int xapian_only)
{
    struct xquery *opt[QUERY_MAX_ITEMS], *req[QUERY_MAX_ITEMS + 1];
    size_t i, nopt = 0, nreq = 0;

    for (i = 0; i < ncl; i++) {
        if (part_kept(&q->parts[i])) {
            req[nreq++] = clauses[i];
        } else {
            struct xquery *bonus[2] = {
                xquery_fixed_weight(QUERY_PART_WEIGHT, xapian_only),
                xquery_copy(clauses[i])};
            struct xquery *pair[2];

            pair[0] = clauses[i];
            pair[1] = xquery_combine(XQ_FILTER, bonus, 2, 0);
            opt[nopt++] = xquery_combine(XQ_OR, pair, 2, 0);
        }
    }
    if (nreq) { /* the kept parts match; the others add weight */
        struct xquery *maybe[2];

        maybe[0] = nreq > 1 ? xquery_combine(XQ_AND, req, nreq, 0) : req[0];
        maybe[1] = xquery_combine(XQ_OR, opt, nopt, 0);
        return xquery_combine(XQ_AND_MAYBE, maybe, 2, 0);
    }
    return xquery_combine(XQ_OR, opt, nopt, 0);
}

/*
 * With two or more parts, each a piece of Han text: the articles where
 * they stand near each other rank higher (their first bigrams within
 * PROXIMITY_WINDOW positions), as an optional extra weight.  NULL when
 * the parts have no anchors, or out of memory (then without the bonus).
 */
static struct xquery *proximity(char *const *anchors, size_t n)
{
    struct xquery *terms[QUERY_MAX_ITEMS];
    size_t i;

    if (n < 2)
        return NULL;
    for (i = 0; i < n; i++)
        if (!anchors[i])
            return NULL;
    for (i = 0; i < n; i++)
        terms[i] = xquery_term(anchors[i], 1, 0);
    return xquery_scale(
        xquery_combine(XQ_NEAR, terms, n,
                       n > PROXIMITY_WINDOW ? (unsigned)n : PROXIMITY_WINDOW),
        PROXIMITY_WEIGHT);
}

/* What query_parse gathers on its way, freed together. */
struct clauses {
    struct xquery *text[QUERY_MAX_ITEMS]; /* one per part (OR joined) */
    char *anchors[QUERY_MAX_ITEMS];       /* each part's first bigram */
    size_t n;
    struct xquery *excl[QUERY_MAX_ITEMS]; /* -part, -field:value */
    size_t nex;
    struct xquery *filt[QUERY_MAX_ITEMS + 16];
    size_t nfilt;
};

static void clauses_free(struct clauses *c)
{
    size_t i;

    for (i = 0; i < QUERY_MAX_ITEMS; i++)
        free(c->anchors[i]);
    for (i = 0; i < c->n; i++)
        xquery_free(c->text[i]);
    for (i = 0; i < c->nex; i++)
        xquery_free(c->excl[i]);
    for (i = 0; i < c->nfilt; i++)
        xquery_free(c->filt[i]);
}

/*
 * A platform's type is written with or without 政协 before 委员 (政协委员
 * 之家 and 委员之家; 社区政协委员工作室): a part so written also matches
 * the shorter, which *label gets (a string of out's).  *xq is NULL when
 * the part is none.
 */
static int shorter_type(const char *norm, struct tokenizer *tok,
                        struct query *out, struct xquery **xq,
                        const char **label, struct lv_err *err)
{
    const char *at = strstr(norm, "政协委员");
    size_t len = strlen(norm), skip = strlen("政协");
    struct buf shorter = BUF_INIT;
    int rc;

    *xq = NULL;
    *label = NULL;
    if (!at || !names_head_len(norm, len))
        return 0;
    buf_add(&shorter, norm, (size_t)(at - norm));
    buf_addstr(&shorter, at + skip);
    rc = buf_error(&shorter) < 0 ? lv_err_set(err, LV_ENOMEM, "out of memory")
                                 : 0;
    if (rc == 0)
        rc = text_query(shorter.data, 0, tok, out, xq, NULL, err);
    buf_release(&shorter);
    if (rc == 0 && *xq)
        *label = out->highlight[out->nhighlight - 1];
    return rc;
}

/* What a part was widened to: another spelling, or a place or sector. */
struct widening {
    const char *variant; /* the spelling the archive holds, or NULL */
    const char *place;   /* the place's or sector's label, or NULL */
    int sector;          /* place names a sector */
    size_t nsynonyms;    /* other words for it: out's last highlights */
};

/* The other words for norm (synonyms.h) that the query does not hold
 * already: 义诊 巡诊 stays two parts, 义诊 -巡诊 keeps 巡诊 out. */
static size_t new_synonyms(const struct query_input *in, const char *norm,
                           const char **words, struct lv_err *err)
{
    char *all = NULL;
    size_t n = synonyms_of(norm, words), i, kept = 0;

    if (n && norm_string(in->text ? in->text : "", &all, err) < 0)
        return 0; /* (out of memory: without them) */
    for (i = 0; i < n; i++)
        if (!strstr(all, words[i]))
            words[kept++] = words[i];
    free(all);
    return kept;
}

/*
 * A part that is a practice also said in other words: the OR of their
 * text queries at SYNONYM_WEIGHT, so the part as written ranks first;
 * NULL when it has none.  *n gets how many (each added its normalised
 * text to out's highlights).
 */
static int synonym_expansion(const struct query_input *in, const char *norm,
                             struct tokenizer *tok, struct query *out,
                             struct xquery **xq, size_t *n, struct lv_err *err)
{
    const char *words[SYNONYMS_MAX];
    struct xquery *alts[SYNONYMS_MAX];
    size_t nwords = new_synonyms(in, norm, words, err), i;
    int rc = 0;

    *xq = NULL;
    *n = 0;
    for (i = 0; i < nwords && rc == 0; i++) {
        rc = text_query(words[i], 0, tok, out, &alts[*n], NULL, err);
        if (rc == 0 && alts[*n])
            (*n)++;
    }
    for (i = 0; i < *n && rc == 0; i++)
        rc = add_reworded(out, out->highlight[out->nhighlight - *n + i]);
    if (rc < 0) {
        while (*n)
            xquery_free(alts[--*n]);
        return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
    }
    if (*n)
        *xq = xquery_scale(xquery_combine(XQ_OR, alts, *n, 0), SYNONYM_WEIGHT);
    return *n && !*xq ? lv_err_set(err, LV_ENOMEM, "out of memory") : 0;
}

/*
 * Widen the query *tq of the part normalised as norm: by a variant
 * spelling (when the search found one, even with in->no_expand), or
 * else, unless in->no_expand, by the type without 政协, by the
 * practice's other words, or by the place or sector it names.  On
 * failure *tq is freed and NULL.
 */
static int widen_part(const struct query_input *in, const char *norm,
                      struct tokenizer *tok, struct query *out,
                      struct xquery **tq, struct widening *w,
                      struct lv_err *err)
{
    struct xquery *pair[2] = {*tq, NULL};
    const char *label;
    int rc = 0;

    if (in->nvariants)
        rc = variant_expansion(in, norm, tok, out, &pair[1], &w->variant, err);
    if (rc == 0 && !pair[1] && !in->no_expand)
        rc = shorter_type(norm, tok, out, &pair[1], &w->variant, err);
    if (rc == 0 && pair[1]) {
        *tq = xquery_combine(XQ_OR, pair, 2, 0);
        rc = *tq ? add_reworded(out, w->variant) : LV_ENOMEM;
    } else if (rc == 0 && !in->no_expand) {
        rc =
            synonym_expansion(in, norm, tok, out, &pair[1], &w->nsynonyms, err);
        if (rc == 0 && pair[1] && !(*tq = xquery_combine(XQ_OR, pair, 2, 0)))
            rc = LV_ENOMEM;
    }
    if (rc < 0) { /* (a text_query error keeps its own message) */
        xquery_free(pair[1] ? *tq : pair[0]);
        *tq = NULL;
        return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
    }
    if (in->no_expand || w->variant || w->nsynonyms)
        return 0;
    pair[1] = place_expansion(norm, &label);
    if (!pair[1]) {
        pair[1] = sector_expansion(norm, &label);
        w->sector = pair[1] != NULL;
    }
    if (!pair[1])
        return 0;
    *tq = xquery_combine(XQ_OR, pair, 2, 0);
    w->place = label;
    rc = add_expanded(out, label);
    if (rc == 0 && !*tq)
        rc = LV_ENOMEM;
    if (rc < 0) {
        xquery_free(*tq);
        *tq = NULL;
        return lv_err_set(err, rc, "out of memory");
    }
    return 0;
}

/* The part just added: its query as it stands and what widened it. */
static int finish_part(struct query *out, const struct xquery *clause,
                       const struct widening *w)
{
    struct query_part *pt = &out->parts[out->nparts - 1];
    size_t i;
    int rc = 0;

    if (w->variant) /* its own text query's string, added last */
        rc = add_norm(pt, out->highlight[out->nhighlight - 1]);
    for (i = 0; i < w->nsynonyms && rc == 0; i++) /* theirs, last too */
        rc = add_norm(pt, out->highlight[out->nhighlight - w->nsynonyms + i]);
    if (w->place) {
        pt->place = w->place;
        pt->sector = w->sector;
    }
    xquery_free(pt->xq);
    pt->xq = xquery_copy(clause);
    return rc < 0 ? rc : pt->xq ? 0 : LV_ENOMEM;
}

/* One item of the query into the clauses and out's parts (an included
 * field:value is build_filters' work). */
static int add_item(const struct query_input *in, const struct item *it,
                    struct tokenizer *tok, struct clauses *c, struct query *out,
                    struct lv_err *err)
{
    struct xquery *tq = NULL;
    struct widening w = {NULL, NULL, 0, 0};
    char *anchor = NULL;
    size_t part_norm;
    int rc, text = it->kind == ITEM_TEXT && !it->exclude;

    if (it->kind == ITEM_FILTER) {
        if (!it->exclude)
            return 0;
        rc = filter_term(it->prefix, it->text, &tq, err);
        if (rc == 0)
            c->excl[c->nex++] = tq;
        return rc;
    }
    rc = text_query(it->text, it->kind == ITEM_TITLE, tok, out, &tq,
                    text ? &anchor : NULL, err);
    if (rc == 0 && tq && it->or_before && c->n > 0) {
        free(c->anchors[c->n - 1]); /* an OR group has no anchor */
        c->anchors[c->n - 1] = NULL;
        free(anchor);
        anchor = NULL;
    }
    part_norm = out->nhighlight - 1;
    if (rc == 0 && tq && text)
        rc = widen_part(in, out->highlight[part_norm], tok, out, &tq, &w, err);
    if (rc < 0 || !tq) { /* no tq: only punctuation, nothing to match */
        free(anchor);
        return rc;
    }
    if (it->exclude) {
        c->excl[c->nex++] = tq;
        return 0;
    }
    if (it->or_before && c->n > 0) {
        struct xquery *pair[2] = {c->text[c->n - 1], tq};

        c->text[c->n - 1] = xquery_combine(XQ_OR, pair, 2, 0);
        rc = add_part(out, it, 1, out->highlight[part_norm]);
        free(anchor);
    } else {
        c->anchors[c->n] = anchor;
        c->text[c->n++] = tq;
        rc = add_part(out, it, 0, out->highlight[part_norm]);
    }
    if (rc == 0)
        rc = finish_part(out, c->text[c->n - 1], &w);
    return rc < 0 ? lv_err_set(err, rc, "out of memory") : 0;
}

/* Whether the parts can relax, and whether the query is plain words. */
static void set_shape(struct query *out, const struct lexer *lx, size_t n)
{
    size_t i, nkept = 0;

    out->has_text = n > 0;
    for (i = 0; i < out->nparts; i++)
        nkept += part_kept(&out->parts[i]);
    out->relaxable = n >= 2 && nkept < n;
    out->plain = 1;
    for (i = 0; i < lx->n; i++)
        if (lx->items[i].kind != ITEM_TEXT || lx->items[i].exclude
            || lx->items[i].required || lx->items[i].or_before)
            out->plain = 0;
}

/* The field filters and the date range into c->filt. */
static int add_filters(struct clauses *c, const struct lexer *lx,
                       const struct query_input *in, struct lv_err *err)
{
    char lo[9] = "", hi[9] = "";
    int rc =
        build_filters(lx, in->filters, in->nfilters, c->filt, &c->nfilt, err);

    if (rc < 0 || (!in->date_from && !in->date_to))
        return rc;
    if (in->date_from)
        rc = query_date(in->date_from, 0, lo, err);
    if (rc == 0 && in->date_to)
        rc = query_date(in->date_to, 1, hi, err);
    if (rc == 0)
        c->filt[c->nfilt++] =
            xquery_value_range(SLOT_DATE, in->date_from ? lo : "00000000",
                               in->date_to ? hi : NULL);
    return rc;
}

/*
 * Articles holding in->prefer as written rank first: a bonus above any
 * text weight, beside the proximity bonus *near (either may be NULL; on
 * failure *near is freed and NULL).
 */
static int preferred(const struct query_input *in, struct tokenizer *tok,
                     struct query *out, struct xquery **near,
                     struct lv_err *err)
{
    struct xquery *phrase = NULL, *sub[2];
    int rc = text_query(in->prefer, 0, tok, out, &phrase, NULL, err);

    if (rc < 0) {
        xquery_free(*near);
        *near = NULL;
        return rc;
    }
    if (!phrase)
        return 0;
    sub[0] = xquery_fixed_weight(QUERY_PART_WEIGHT, in->xapian_only);
    sub[1] = phrase;
    sub[0] = xquery_combine(XQ_FILTER, sub, 2, 0);
    sub[1] = *near; /* (a NULL bonus fails the OR, which frees *near) */
    *near = xquery_combine(XQ_OR, sub, sub[1] ? 2 : 1, 0);
    return *near ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

/* The text clauses, exclusions and filters (taken from c) into *q, and the
 * text part apart (out->text_xq) for a match cache.  *q stays NULL for a
 * relaxed pass with nothing to relax. */
static int combine(struct clauses *c, const struct query_input *in,
                   struct tokenizer *tok, struct query *out, struct xquery **q,
                   struct lv_err *err)
{
    struct xquery *cur, *near, *words = NULL;
    size_t j;
    int rc;

    *q = NULL;
    if (in->partial && !out->relaxable)
        return 0;
    if (in->partial && needs_other_word(out, c->n)) {
        rc = loose_words(out, c->n, tok, &words, err);
        if (rc < 0)
            return rc;
    }
    near = proximity(c->anchors, c->n);
    if (!in->partial && in->prefer) {
        rc = preferred(in, tok, out, &near, err);
        if (rc < 0)
            return rc;
    }
    if (in->partial)
        cur = relaxed_query(c->text, c->n, out, in->xapian_only);
    else
        cur = c->n ? xquery_combine(XQ_AND, c->text, c->n, 0)
                   : xquery_match_all();
    c->n = 0;
    if (cur && words) {
        struct xquery *filter[2] = {cur, words};

        cur = xquery_combine(XQ_FILTER, filter, 2, 0);
    } else {
        xquery_free(words);
    }
    if (cur && near) {
        struct xquery *maybe[2] = {cur, near};

        cur = xquery_combine(XQ_AND_MAYBE, maybe, 2, 0);
    } else {
        xquery_free(near);
    }
    if (cur && c->nex) {
        struct xquery *parts[QUERY_MAX_ITEMS + 1];

        parts[0] = cur;
        for (j = 0; j < c->nex; j++)
            parts[j + 1] = c->excl[j];
        cur = xquery_combine(XQ_AND_NOT, parts, c->nex + 1, 0);
        c->nex = 0;
    }
    if (cur && out->has_text) {
        out->text_xq = xquery_copy(cur);
        out->text_key = xquery_describe(cur);
        if (!out->text_xq || !out->text_key) {
            xquery_free(cur);
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
    }
    if (cur && c->nfilt) {
        struct xquery *parts[2] = {cur, NULL};

        parts[1] = xquery_combine(XQ_AND, c->filt, c->nfilt, 0);
        c->nfilt = 0;
        out->filter_xq = parts[1] ? xquery_copy(parts[1]) : NULL;
        cur = out->filter_xq ? xquery_combine(XQ_FILTER, parts, 2, 0) : NULL;
        if (!out->filter_xq) {
            xquery_free(parts[0]);
            xquery_free(parts[1]);
        }
    }
    if (!cur)
        return lv_err_set(err, LV_ENOMEM, "out of memory building the query");
    *q = cur;
    return 0;
}

int query_parse(const struct query_input *in, struct tokenizer *tok,
                struct query *out, struct lv_err *err)
{
    struct lexer lx;
    struct clauses c;
    struct xquery *q = NULL;
    const char *text = in->text ? in->text : "";
    char *clean;
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&lx, 0, sizeof(lx));
    memset(&c, 0, sizeof(c));
    if (strlen(text) > QUERY_MAX_BYTES)
        return lv_err_set(err, LV_EQUERY, "query too long (over %d bytes)",
                          QUERY_MAX_BYTES);
    for (i = 0; i < in->nfilters; i++)
        if (!query_field_prefix(in->filters[i].field))
            return lv_err_set(err, LV_EQUERY, "unknown filter field '%s'",
                              in->filters[i].field);
    clean = utf8_sanitize(text, strlen(text), NULL);
    if (!clean)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    lx.p = clean;
    lx.end = clean + strlen(clean);
    rc = lex(&lx, err);
    for (i = 0; rc == 0 && i < lx.n; i++)
        rc = add_item(in, &lx.items[i], tok, &c, out, err);
    if (rc == 0) {
        set_shape(out, &lx, c.n);
        rc = add_filters(&c, &lx, in, err);
    }
    if (rc == 0)
        rc = combine(&c, in, tok, out, &q, err);
    clauses_free(&c);
    for (i = 0; i < lx.n; i++)
        free(lx.items[i].text);
    free(clean);
    if (rc < 0) {
        query_release(out);
        return rc;
    }
    out->xq = q;
    return 0;
}

/* Words that carry no content of their own in a description. */
static const char *const function_words[] = {
    "的",   "了",   "在",   "给",     "把",   "被",   "和",   "与",   "及",
    "或",   "有",   "没有", "有没有", "怎么", "怎样", "如何", "哪些", "哪里",
    "什么", "是否", "是",   "吗",     "呢",   "为",   "对",   "向",   "从",
    "让",   "用",   "所有", "里",     "自己", "一些", "这些", "那些", "可以",
    "能",   "会",   "都",   "也",     "还",   "就",   "按",   "到",   "于",
    "由",   "以",   "将",   "通过",   "关于", "对于", "为了",
};

struct words {
    struct buf out;
    size_t n;
    int function; /* a function word was seen */
    int failed;
    /* a run of single characters next to each other (义 诊: ICU knows no
     * 义诊), kept as one word once it has two */
    const char *run, *run_end;
    size_t run_chars;
};

static void add_word(struct words *w, const char *s, size_t len)
{
    if ((w->n && buf_addch(&w->out, ' ') < 0) || buf_add(&w->out, s, len) < 0)
        w->failed = 1;
    w->n++;
}

static void end_run(struct words *w)
{
    if (w->run_chars >= 2)
        add_word(w, w->run, (size_t)(w->run_end - w->run));
    w->run = w->run_end = NULL;
    w->run_chars = 0;
}

static int is_function(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < N_OF(function_words); i++)
        if (strlen(function_words[i]) == len
            && memcmp(function_words[i], s, len) == 0)
            return 1;
    return 0;
}

static int collect_word(const struct token *t, void *ctx)
{
    struct words *w = ctx;
    unsigned cp;

    if (t->kind != TOKEN_WORD)
        return 0;
    if (is_function(t->text, t->len)) {
        w->function = 1;
        end_run(w);
        return 0;
    }
    if (utf8_decode(t->text, t->len, &cp) == t->len) {
        /* one character (设, 找): a word only with its neighbours */
        if (w->run && t->text != w->run_end)
            end_run(w);
        if (!w->run)
            w->run = t->text;
        w->run_end = t->text + t->len;
        w->run_chars++;
        return 0;
    }
    end_run(w);
    add_word(w, t->text, t->len);
    return 0;
}

int query_content_words(const char *text, struct tokenizer *tok, char **out,
                        struct lv_err *err)
{
    struct words w = {BUF_INIT, 0, 0, 0, NULL, NULL, 0};
    char *norm;
    size_t len, head;
    int rc = norm_string(text, &norm, err), name;

    *out = NULL;
    if (rc < 0)
        return rc;
    len = strlen(norm);
    head = names_head_len(norm, len);
    name = head && !names_kind(norm, len - head);
    /* the head is one word (ICU cuts 联系点 as 联系 点) */
    rc = tokenizer_run(tok, norm, len - head, collect_word, &w, err);
    end_run(&w); /* before norm, which the run points into, goes */
    if (head)
        add_word(&w, norm + len - head, head);
    free(norm);
    if (rc == 0 && w.failed)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0 && w.n >= 2 && !(name && !w.function))
        *out = buf_take(&w.out, NULL);
    buf_release(&w.out);
    return rc;
}

/* The spans between a description's function words. */
struct spans {
    struct buf out;
    size_t n;
    int function, failed;
    const char *start, *end; /* the span being read */
};

static void end_span(struct spans *sp)
{
    unsigned cp;
    size_t len = sp->start ? (size_t)(sp->end - sp->start) : 0;

    /* a single character carries too little to search for */
    if (len && utf8_decode(sp->start, len, &cp) < len) {
        if ((sp->n && buf_addch(&sp->out, ' ') < 0)
            || buf_add(&sp->out, sp->start, len) < 0)
            sp->failed = 1;
        sp->n++;
    }
    sp->start = sp->end = NULL;
}

static int collect_span(const struct token *t, void *ctx)
{
    struct spans *sp = ctx;

    if (t->kind != TOKEN_WORD)
        return 0;
    if (is_function(t->text, t->len)) {
        sp->function = 1;
        end_span(sp);
        return 0;
    }
    if (sp->start && t->text != sp->end)
        end_span(sp); /* punctuation or space in between */
    if (!sp->start)
        sp->start = t->text;
    sp->end = t->text + t->len;
    return 0;
}

int query_content_spans(const char *text, struct tokenizer *tok, char **out,
                        struct lv_err *err)
{
    struct spans sp = {BUF_INIT, 0, 0, 0, NULL, NULL};
    char *norm;
    int rc = norm_string(text, &norm, err);

    *out = NULL;
    if (rc < 0)
        return rc;
    rc = tokenizer_run(tok, norm, strlen(norm), collect_span, &sp, err);
    end_span(&sp); /* before norm, which the span points into, goes */
    free(norm);
    if (rc == 0 && sp.failed)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0 && sp.function && sp.n >= 1)
        *out = buf_take(&sp.out, NULL);
    buf_release(&sp.out);
    return rc;
}

unsigned long long query_parts_in(const struct query *q, const char *title,
                                  const char *body)
{
    char *nt, *nb;
    unsigned long long mask = 0;
    size_t i, k;
    /* (out of memory: the mask says nothing is held) */
    int normed = (norm_string(title ? title : "", &nt, NULL) == 0)
                 & (norm_string(body ? body : "", &nb, NULL) == 0);

    for (i = 0; normed && i < q->nparts && i < 64; i++)
        for (k = 0; k < q->parts[i].nnorms; k++)
            if (strstr(nt, q->parts[i].norms[k])
                || (!q->parts[i].title && strstr(nb, q->parts[i].norms[k]))) {
                mask |= 1ULL << i;
                break;
            }
    free(nt);
    free(nb);
    return mask;
}

void query_release(struct query *q)
{
    size_t i, k;

    xquery_free(q->xq);
    xquery_free(q->text_xq);
    xquery_free(q->filter_xq);
    free(q->text_key);
    for (i = 0; i < q->nhighlight; i++)
        free(q->highlight[i]);
    free(q->highlight);
    for (i = 0; i < q->nparts; i++) {
        free(q->parts[i].text);
        for (k = 0; k < q->parts[i].nnorms; k++)
            free(q->parts[i].norms[k]);
        free(q->parts[i].norms);
        xquery_free(q->parts[i].xq);
    }
    free(q->parts);
    strv_release(&q->expanded);
    strv_release(&q->reworded);
    memset(q, 0, sizeof(*q));
}
