/*
 * facets.c - exact facet counting (see facets.h).
 */
#include "facets.h"

#include <stdlib.h>
#include <string.h>

#include "../xapian/facetdict.h"
#include "query.h"

struct facet_counter {
    const struct facetdict *dict;
    const unsigned char *field; /* field of each id */
    unsigned *counts;           /* counts[id], ids 1..n */
    unsigned n;
    unsigned articles; /* documents counted (articles, with clusters) */
    /* Copies of an article (a cluster) count once.  The first copy seen
     * counts as a document alone and its ids are kept (first[cluster]:
     * a span of kept); a later copy adds only the ids the first lacks, as
     * cluster << 32 | id pairs folded in without repeats when read. */
    struct span {
        uint32_t start, n;
        int dated;
    } * first;
    unsigned undated; /* articles counted alone with no year */
    unsigned char year_field;
    size_t nfirst;
    uint32_t *kept;
    size_t nkept, kept_cap;
    uint64_t *pairs;
    size_t npairs, cap;
    int nomem; /* a copy could not be kept: counts too high */
};

struct facet_counter *facet_counter_new(const struct facetdict *dict,
                                        const unsigned char *field_map)
{
    struct facet_counter *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->dict = dict;
    c->field = field_map;
    c->n = facetdict_size(dict);
    c->year_field = FACET_NO_FIELD;
    {
        size_t f;

        for (f = 0; query_filter_fields[f]; f++)
            if (strcmp(query_filter_fields[f], "year") == 0)
                c->year_field = (unsigned char)f;
    }
    c->counts = calloc((size_t)c->n + 1, sizeof(*c->counts));
    if (!c->counts) {
        free(c);
        return NULL;
    }
    return c;
}

void facet_counter_free(struct facet_counter *c)
{
    if (!c)
        return;
    free(c->counts);
    free(c->first);
    free(c->kept);
    free(c->pairs);
    free(c);
}

static void push_pair(struct facet_counter *c, uint64_t pair)
{
    if (c->npairs == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        uint64_t *p = realloc(c->pairs, cap * sizeof(*p));

        if (!p) {
            c->nomem = 1;
            return;
        }
        c->pairs = p;
        c->cap = cap;
    }
    c->pairs[c->npairs++] = pair;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

/* Does cluster's first copy hold id? */
static int first_has(const struct facet_counter *c, uint32_t cluster,
                     uint32_t id)
{
    size_t j;

    if (cluster >= c->nfirst || !c->first[cluster].start)
        return 0;
    for (j = 0; j < c->first[cluster].n; j++)
        if (c->kept[c->first[cluster].start + j] == id)
            return 1;
    return 0;
}

/* Count the values later copies added to their articles, once each. */
static void fold_pairs(struct facet_counter *c)
{
    size_t i;

    if (c->npairs > 1)
        qsort(c->pairs, c->npairs, sizeof(*c->pairs), cmp_u64);
    for (i = 0; i < c->npairs; i++) {
        uint32_t cl = (uint32_t)(c->pairs[i] >> 32), id = (uint32_t)c->pairs[i];

        if ((i && c->pairs[i] == c->pairs[i - 1]) || first_has(c, cl, id))
            continue;
        if (id && id <= c->n)
            c->counts[id]++;
    }
    c->npairs = 0;
}

/* Keep the ids of cluster's first copy; 0, or -1 out of memory. */
static int keep_first(struct facet_counter *c, uint32_t cluster,
                      const uint32_t *ids, size_t n)
{
    if (cluster >= c->nfirst) {
        size_t nf = cluster + 1 > 2 * c->nfirst ? cluster + 1 : 2 * c->nfirst;
        struct span *f = realloc(c->first, nf * sizeof(*f));

        if (!f)
            return -1;
        memset(f + c->nfirst, 0, (nf - c->nfirst) * sizeof(*f));
        c->first = f;
        c->nfirst = nf;
    }
    if (c->nkept + n + 1 > c->kept_cap) {
        size_t cap = 2 * (c->nkept + n + 1) + 64;
        uint32_t *k = realloc(c->kept, cap * sizeof(*k));

        if (!k)
            return -1;
        c->kept = k;
        c->kept_cap = cap;
    }
    c->nkept++; /* kept[0] is never a span's start: 0 means none */
    c->first[cluster].start = (uint32_t)c->nkept;
    c->first[cluster].n = (uint32_t)n;
    c->first[cluster].dated = 0;
    if (n)
        memcpy(c->kept + c->nkept, ids, n * sizeof(*ids));
    c->nkept += n;
    return 0;
}

/* Does a document with these ids have a year? */
static int has_year(const struct facet_counter *c, const uint32_t *ids,
                    size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (ids[i] <= c->n && c->field[ids[i]] == c->year_field)
            return 1;
    return 0;
}

void facet_counter_add_doc(struct facet_counter *c, const uint32_t *ids,
                           size_t n, uint32_t cluster)
{
    size_t i;

    if (cluster && !c->nomem) {
        if (cluster < c->nfirst && c->first[cluster].start) {
            /* a later copy of a counted article: what the first lacks */
            for (i = 0; i < n; i++)
                if (!first_has(c, cluster, ids[i]))
                    push_pair(c, (uint64_t)cluster << 32 | ids[i]);
            c->first[cluster].dated |= has_year(c, ids, n);
            return;
        }
        if (keep_first(c, cluster, ids, n) == 0) {
            c->first[cluster].dated = has_year(c, ids, n);
            c->articles++;
            facet_counter_add_ids(c, ids, n);
            return;
        }
        c->nomem = 1;
    }
    c->articles++;
    c->undated += !has_year(c, ids, n);
    facet_counter_add_ids(c, ids, n);
}

unsigned facet_counter_undated(const struct facet_counter *c)
{
    unsigned n = c->undated;
    size_t cl;

    for (cl = 1; cl < c->nfirst; cl++)
        n += c->first[cl].start && !c->first[cl].dated;
    return n;
}

unsigned facet_counter_articles(struct facet_counter *c)
{
    fold_pairs(c);
    return c->articles;
}

void facet_counter_add_ids(struct facet_counter *c, const uint32_t *ids,
                           size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (ids[i] <= c->n)
            c->counts[ids[i]]++;
}

const unsigned *facet_counter_counts(struct facet_counter *c, unsigned *n)
{
    fold_pairs(c);
    *n = c->n;
    return c->counts;
}

void facet_counter_add_counts(struct facet_counter *c, const unsigned *counts,
                              unsigned n)
{
    unsigned id;

    for (id = 1; id <= n && id <= c->n; id++)
        c->counts[id] += counts[id];
}

void facet_counter_merge(struct facet_counter *c,
                         const struct facet_counter *from)
{
    size_t i, cl;

    facet_counter_add_counts(c, from->counts, from->n);
    c->articles += from->articles;
    c->undated += from->undated;
    /* an article first seen in both parts was counted twice: once, with
     * what from's copy adds as pairs */
    for (cl = 1; cl < from->nfirst && !c->nomem; cl++) {
        const struct span *f = &from->first[cl];

        if (!f->start)
            continue;
        if (cl < c->nfirst && c->first[cl].start) {
            c->articles--;
            c->first[cl].dated |= f->dated;
            for (i = 0; i < f->n; i++) {
                uint32_t id = from->kept[f->start + i];

                size_t had = c->npairs;

                push_pair(c, (uint64_t)cl << 32 | id);
                if (c->npairs > had && id <= c->n) /* (else: too high) */
                    c->counts[id]--;
            }
        } else if (keep_first(c, (uint32_t)cl, from->kept + f->start, f->n)
                   < 0) {
            c->nomem = 1;
        } else {
            c->first[cl].dated = f->dated;
        }
    }
    for (i = 0; i < from->npairs; i++)
        push_pair(c, from->pairs[i]);
    c->nomem |= from->nomem;
}

unsigned char *facet_field_map(const struct facetdict *dict)
{
    unsigned n = facetdict_size(dict), id;
    unsigned char *map = malloc((size_t)n + 1);

    if (!map)
        return NULL;
    map[0] = FACET_NO_FIELD;
    for (id = 1; id <= n; id++) {
        const char *t = facetdict_term(dict, id);
        int f = t ? facet_term_field(t, strlen(t)) : -1;

        map[id] = f < 0 ? FACET_NO_FIELD : (unsigned char)f;
    }
    return map;
}

/* Ranking: more documents first, then the value's bytes. */
static int before(const struct facet_counter *c, unsigned a, unsigned b)
{
    if (c->counts[a] != c->counts[b])
        return c->counts[a] > c->counts[b];
    return strcmp(facetdict_term(c->dict, a), facetdict_term(c->dict, b)) < 0;
}

/* A bounded heap of the `top` best ids of one field: the worst at [0]. */
struct best {
    unsigned *ids;
    size_t n, cap, distinct;
};

static void sift_down(const struct facet_counter *c, struct best *b, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        unsigned t;

        if (l < b->n && before(c, b->ids[w], b->ids[l]))
            w = l;
        if (r < b->n && before(c, b->ids[w], b->ids[r]))
            w = r;
        if (w == i)
            return;
        t = b->ids[i];
        b->ids[i] = b->ids[w];
        b->ids[w] = t;
        i = w;
    }
}

static void offer(const struct facet_counter *c, struct best *b, unsigned id)
{
    b->distinct++;
    if (b->n < b->cap) {
        size_t i = b->n++;

        b->ids[i] = id;
        while (i > 0 && before(c, b->ids[(i - 1) / 2], b->ids[i])) {
            unsigned t = b->ids[i];

            b->ids[i] = b->ids[(i - 1) / 2];
            b->ids[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (b->cap && before(c, id, b->ids[0])) {
        b->ids[0] = id;
        sift_down(c, b, 0);
    }
}

static int cmp_ids(const void *a, const void *b, void *ctx)
{
    const struct facet_counter *c = ctx;
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

    return before(c, x, y) ? -1 : before(c, y, x);
}

static int cmp_value(const void *a, const void *b)
{
    return strcmp(((const struct facet_value *)a)->value,
                  ((const struct facet_value *)b)->value);
}

/*
 * One pass over the counts: each counted id goes to its field's bounded
 * heap, so the cost is linear in the dictionary and only the shown values
 * are sorted and copied.
 */
int facet_counter_result(struct facet_counter *c, size_t top,
                         struct facet **out, size_t *n, struct lv_err *err)
{
    size_t nf = 0, f, k;
    struct facet *fs = NULL;
    struct best *best = NULL;
    unsigned id;
    int rc = 0;

    fold_pairs(c);
    while (query_filter_fields[nf])
        nf++;
    fs = calloc(nf, sizeof(*fs));
    best = calloc(nf, sizeof(*best));
    if (!fs || !best)
        goto nomem;
    for (f = 0; f < nf; f++) {
        best[f].cap = top && top < c->n ? top : c->n;
        best[f].ids =
            malloc((best[f].cap ? best[f].cap : 1) * sizeof(*best[f].ids));
        if (!best[f].ids)
            goto nomem;
        fs[f].field = query_filter_fields[f];
    }
    for (id = 1; id <= c->n; id++)
        if (c->counts[id] && c->field[id] < nf)
            offer(c, &best[c->field[id]], id);
    for (f = 0; f < nf && rc == 0; f++) {
        /* qsort_r: searches run in several server threads at once. */
        qsort_r(best[f].ids, best[f].n, sizeof(*best[f].ids), cmp_ids, c);
        fs[f].ndistinct = best[f].distinct;
        fs[f].values = calloc(best[f].n ? best[f].n : 1, sizeof(*fs[f].values));
        if (!fs[f].values)
            goto nomem;
        for (k = 0; k < best[f].n; k++) {
            const char *t = facetdict_term(c->dict, best[f].ids[k]);
            const char *pfx = query_field_prefix(fs[f].field);

            fs[f].values[k].value = strdup(t + strlen(pfx));
            fs[f].values[k].count = c->counts[best[f].ids[k]];
            fs[f].nvalues = k + 1;
            if (!fs[f].values[k].value)
                goto nomem;
        }
        /* Time reads in its own order: the most frequent years, shown
         * oldest first. */
        if (strcmp(fs[f].field, "year") == 0)
            qsort(fs[f].values, fs[f].nvalues, sizeof(*fs[f].values),
                  cmp_value);
    }
    for (f = 0; f < nf; f++)
        free(best[f].ids);
    free(best);
    /* Fields that are filters only have no facet ids: no always-empty
     * list for them. */
    for (f = k = 0; f < nf; f++) {
        if (!query_field_counted(fs[f].field))
            free(fs[f].values);
        else
            fs[k++] = fs[f];
    }
    *out = fs;
    *n = k;
    return 0;
nomem:
    for (f = 0; best && f < nf; f++)
        free(best[f].ids);
    free(best);
    facets_free(fs, nf);
    return lv_err_set(err, LV_ENOMEM, "out of memory");
}

void facets_free(struct facet *f, size_t n)
{
    size_t i, k;

    if (!f)
        return;
    for (i = 0; i < n; i++) {
        for (k = 0; k < f[i].nvalues; k++)
            free(f[i].values[k].value);
        free(f[i].values);
    }
    free(f);
}
