/*
 * facets.c - exact facet counting (see facets.h): an open-addressing hash
 * table from facet term to count.
 */
#include "facets.h"

#include <stdlib.h>
#include <string.h>

#include "query.h"

struct slot {
    char *term;
    unsigned count;
};

struct facet_counter {
    struct slot *slots;
    size_t cap, n;
};

struct facet_counter *facet_counter_new(void)
{
    struct facet_counter *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->cap = 1024;
    c->slots = calloc(c->cap, sizeof(*c->slots));
    if (!c->slots) {
        free(c);
        return NULL;
    }
    return c;
}

void facet_counter_free(struct facet_counter *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->cap; i++)
        free(c->slots[i].term);
    free(c->slots);
    free(c);
}

static size_t hash(const char *s, size_t len)
{
    size_t h = 1469598103934665603ULL, i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int grow(struct facet_counter *c)
{
    struct slot *old = c->slots;
    size_t oldcap = c->cap, i;

    c->slots = calloc(oldcap * 2, sizeof(*c->slots));
    if (!c->slots) {
        c->slots = old;
        return LV_ENOMEM;
    }
    c->cap = oldcap * 2;
    for (i = 0; i < oldcap; i++) {
        size_t j;

        if (!old[i].term)
            continue;
        j = hash(old[i].term, strlen(old[i].term)) & (c->cap - 1);
        while (c->slots[j].term)
            j = (j + 1) & (c->cap - 1);
        c->slots[j] = old[i];
    }
    free(old);
    return 0;
}

static int bump(struct facet_counter *c, const char *t, size_t len)
{
    size_t j;

    if (c->n * 2 >= c->cap && grow(c) < 0)
        return LV_ENOMEM;
    j = hash(t, len) & (c->cap - 1);
    while (c->slots[j].term) {
        if (strncmp(c->slots[j].term, t, len) == 0
            && c->slots[j].term[len] == '\0') {
            c->slots[j].count++;
            return 0;
        }
        j = (j + 1) & (c->cap - 1);
    }
    c->slots[j].term = strndup(t, len);
    if (!c->slots[j].term)
        return LV_ENOMEM;
    c->slots[j].count = 1;
    c->n++;
    return 0;
}

int facet_counter_add(struct facet_counter *c, const char *terms, size_t len)
{
    const char *p = terms, *end = terms + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (size_t)((nl ? nl : end) - p);

        if (l && bump(c, p, l) < 0)
            return LV_ENOMEM;
        p += l + 1;
    }
    return 0;
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
    size_t nf = 0, f, i;
    struct facet *fs;

    while (query_filter_fields[nf])
        nf++;
    fs = calloc(nf, sizeof(*fs));
    if (!fs)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (f = 0; f < nf; f++) {
        const char *pfx = query_field_prefix(query_filter_fields[f]);
        size_t plen = strlen(pfx), k = 0;

        fs[f].field = query_filter_fields[f];
        for (i = 0; i < c->cap; i++)
            if (in_field(c->slots[i].term, pfx, plen))
                k++;
        fs[f].values = calloc(k ? k : 1, sizeof(*fs[f].values));
        if (!fs[f].values) {
            facets_free(fs, nf);
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
        k = 0;
        for (i = 0; i < c->cap; i++)
            if (in_field(c->slots[i].term, pfx, plen)) {
                fs[f].values[k].value = strdup(c->slots[i].term + plen);
                fs[f].values[k].count = c->slots[i].count;
                if (!fs[f].values[k].value) {
                    fs[f].nvalues = k;
                    facets_free(fs, nf);
                    return lv_err_set(err, LV_ENOMEM, "out of memory");
                }
                k++;
            }
        qsort(fs[f].values, k, sizeof(*fs[f].values), cmp_value);
        fs[f].ndistinct = k;
        fs[f].nvalues = top && k > top ? top : k;
        for (i = fs[f].nvalues; i < k; i++)
            free(fs[f].values[i].value);
    }
    *out = fs;
    *n = nf;
    return 0;
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
