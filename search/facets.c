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
    const unsigned char *field;   /* field of each id */
    unsigned *counts;     /* counts[id], ids 1..n */
    unsigned n;
    unsigned articles;    /* documents counted (articles, with clusters) */
    /* Copies of an article (a cluster) count once: for each copy counted,
     * cluster << 32 (the article) and cluster << 32 | id (each facet it
     * holds), folded into the counts without repeats when they are read. */
    uint64_t *pairs;
    size_t npairs, cap;
    int nomem;            /* a pair could not be kept: counts too high */
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

/* Count each cluster's article and facets once. */
static void fold_pairs(struct facet_counter *c)
{
    size_t i;

    if (c->npairs > 1)
        qsort(c->pairs, c->npairs, sizeof(*c->pairs), cmp_u64);
    for (i = 0; i < c->npairs; i++) {
        uint32_t id = (uint32_t)c->pairs[i];

        if (i && c->pairs[i] == c->pairs[i - 1])
            continue;
        if (id == 0)
            c->articles++;
        else if (id <= c->n)
            c->counts[id]++;
    }
    c->npairs = 0;
}

void facet_counter_add_doc(struct facet_counter *c, const uint32_t *ids,
                           size_t n, uint32_t cluster)
{
    size_t i;

    if (!cluster || c->nomem) {
        c->articles++;
        facet_counter_add_ids(c, ids, n);
        return;
    }
    push_pair(c, (uint64_t)cluster << 32);
    for (i = 0; i < n; i++)
        push_pair(c, (uint64_t)cluster << 32 | ids[i]);
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
    size_t i;

    facet_counter_add_counts(c, from->counts, from->n);
    c->articles += from->articles;
    for (i = 0; i < from->npairs; i++)
        push_pair(c, from->pairs[i]);
    c->nomem |= from->nomem;
}

/* Does term belong to the field with this prefix?  A capital right after
 * the prefix would make it a longer prefix; values never start with one
 * (they are normalised: lower case or Han). */
static int in_field(const char *term, const char *pfx, size_t plen)
{
    return term && strncmp(term, pfx, plen) == 0
        && !(term[plen] >= 'A' && term[plen] <= 'Z');
}

unsigned char *facet_field_map(const struct facetdict *dict)
{
    unsigned n = facetdict_size(dict), id;
    unsigned char *map = malloc((size_t)n + 1);
    size_t f;

    if (!map)
        return NULL;
    map[0] = FACET_NO_FIELD;
    for (id = 1; id <= n; id++) {
        const char *t = facetdict_term(dict, id);

        map[id] = FACET_NO_FIELD;
        for (f = 0; query_filter_fields[f]; f++) {
            const char *pfx = query_field_prefix(query_filter_fields[f]);

            if (in_field(t, pfx, strlen(pfx))) {
                map[id] = (unsigned char)f;
                break;
            }
        }
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
        best[f].ids = malloc((best[f].cap ? best[f].cap : 1)
                             * sizeof(*best[f].ids));
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
        fs[f].values = calloc(best[f].n ? best[f].n : 1,
                              sizeof(*fs[f].values));
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
        if (strcmp(fs[f].field, "year") == 0 || strcmp(fs[f].field, "month") == 0)
            qsort(fs[f].values, fs[f].nvalues, sizeof(*fs[f].values),
                  cmp_value);
    }
    for (f = 0; f < nf; f++)
        free(best[f].ids);
    free(best);
    *out = fs;
    *n = nf;
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
