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
    unsigned *counts;     /* counts[id], ids 1..n */
    unsigned n;
};

struct facet_counter *facet_counter_new(const struct facetdict *dict)
{
    struct facet_counter *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->dict = dict;
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
    free(c);
}

static void bump(unsigned id, void *ctx)
{
    struct facet_counter *c = ctx;

    /* An id newer than the loaded dictionary is not counted. */
    if (id <= c->n)
        c->counts[id]++;
}

void facet_counter_add(struct facet_counter *c, const char *value,
                       size_t len)
{
    facetdict_each(value, len, bump, c);
}

/* Does term belong to the field with this prefix?  A capital right after
 * the prefix would make it a longer prefix; values never start with one
 * (they are normalised: lower case or Han). */
static int in_field(const char *term, const char *pfx, size_t plen)
{
    return term && strncmp(term, pfx, plen) == 0
        && !(term[plen] >= 'A' && term[plen] <= 'Z');
}

static int cmp_value(const void *a, const void *b)
{
    const struct facet_value *x = a, *y = b;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

int facet_counter_result(struct facet_counter *c, size_t top,
                         struct facet **out, size_t *n, struct lv_err *err)
{
    size_t nf = 0, f, k;
    struct facet *fs;
    unsigned id;

    while (query_filter_fields[nf])
        nf++;
    fs = calloc(nf, sizeof(*fs));
    if (!fs)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (f = 0; f < nf; f++) {
        const char *pfx = query_field_prefix(query_filter_fields[f]);
        size_t plen = strlen(pfx);

        fs[f].field = query_filter_fields[f];
        for (k = 0, id = 1; id <= c->n; id++)
            if (c->counts[id] && in_field(facetdict_term(c->dict, id), pfx,
                                          plen))
                k++;
        fs[f].values = calloc(k ? k : 1, sizeof(*fs[f].values));
        if (!fs[f].values)
            goto nomem;
        for (k = 0, id = 1; id <= c->n; id++) {
            const char *t = facetdict_term(c->dict, id);

            if (!c->counts[id] || !in_field(t, pfx, plen))
                continue;
            fs[f].values[k].value = strdup(t + plen);
            fs[f].values[k].count = c->counts[id];
            fs[f].nvalues = ++k;
            if (!fs[f].values[k - 1].value)
                goto nomem;
        }
        qsort(fs[f].values, k, sizeof(*fs[f].values), cmp_value);
        fs[f].ndistinct = k;
        fs[f].nvalues = top && k > top ? top : k;
        while (k > fs[f].nvalues)
            free(fs[f].values[--k].value);
    }
    *out = fs;
    *n = nf;
    return 0;
nomem:
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
