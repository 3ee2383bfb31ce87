/*
 * facetdict.c - facet term ids (see facetdict.h).
 */
#include "facetdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xapian_c.h"

#define KEY_N "lvzhi.facet.n"
#define KEY_TERM "lvzhi.facet."
#define KEY_ID "lvzhi.facetid."
#define MAX_KEY 300

/* Writer cache: term → id, open addressing. */
struct cached {
    char *term;
    unsigned id;
};

struct facetdict {
    struct xdb *db;
    unsigned n;               /* ids known (writer) or loaded (reader) */
    int n_known;              /* writer: n read from metadata */
    struct cached *cache;
    size_t cap, used;
    char **terms;             /* reader: terms[1..n] */
};

struct facetdict *facetdict_new(struct xdb *db)
{
    struct facetdict *d = calloc(1, sizeof(*d));

    if (d)
        d->db = db;
    return d;
}

void facetdict_free(struct facetdict *d)
{
    size_t i;

    if (!d)
        return;
    for (i = 0; i < d->cap; i++)
        free(d->cache[i].term);
    free(d->cache);
    for (i = 0; d->terms && i <= d->n; i++)
        free(d->terms[i]);
    free(d->terms);
    free(d);
}

static size_t hash(const char *s, size_t len)
{
    size_t h = 1469598103934665603ULL, i;

    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static struct cached *cache_slot(struct facetdict *d, const char *t,
                                 size_t len)
{
    size_t j = hash(t, len) & (d->cap - 1);

    while (d->cache[j].term && !(strncmp(d->cache[j].term, t, len) == 0
                                 && d->cache[j].term[len] == '\0'))
        j = (j + 1) & (d->cap - 1);
    return &d->cache[j];
}

static int cache_grow(struct facetdict *d)
{
    struct cached *old = d->cache;
    size_t oldcap = d->cap, i;

    d->cap = oldcap ? oldcap * 2 : 1024;
    d->cache = calloc(d->cap, sizeof(*d->cache));
    if (!d->cache) {
        d->cache = old;
        d->cap = oldcap;
        return LV_ENOMEM;
    }
    for (i = 0; i < oldcap; i++)
        if (old[i].term)
            *cache_slot(d, old[i].term, strlen(old[i].term)) = old[i];
    free(old);
    return 0;
}

/* The id of a term, from the cache, the metadata, or newly assigned. */
static int term_id(struct facetdict *d, const char *t, size_t len,
                   unsigned *id, struct lv_err *err)
{
    char key[MAX_KEY], num[16], *v = NULL;
    struct cached *c;
    int rc;

    if (len + sizeof(KEY_ID) >= MAX_KEY)
        return lv_err_set(err, LV_EINVAL, "facet term too long");
    if (d->used * 2 >= d->cap && cache_grow(d) < 0)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    c = cache_slot(d, t, len);
    if (c->term) {
        *id = c->id;
        return 0;
    }
    if (!d->n_known) {
        rc = xdb_get_meta(d->db, KEY_N, &v, err);
        if (rc < 0)
            return rc;
        d->n = (unsigned)strtoul(v, NULL, 10);
        d->n_known = 1;
        free(v);
        v = NULL;
    }
    snprintf(key, sizeof(key), "%s%.*s", KEY_ID, (int)len, t);
    rc = xdb_get_meta(d->db, key, &v, err);
    if (rc < 0)
        return rc;
    if (*v) {
        *id = (unsigned)strtoul(v, NULL, 10);
    } else {
        *id = ++d->n;
        snprintf(num, sizeof(num), "%u", *id);
        rc = xdb_set_meta(d->db, key, num, err);
        snprintf(key, sizeof(key), "%s%u", KEY_TERM, *id);
        if (rc == 0) {
            char *term = strndup(t, len);

            rc = term ? xdb_set_meta(d->db, key, term, err) : LV_ENOMEM;
            free(term);
        }
        if (rc == 0)
            rc = xdb_set_meta(d->db, KEY_N, num, err);
    }
    free(v);
    if (rc < 0)
        return rc;
    c->term = strndup(t, len);
    if (!c->term)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    c->id = *id;
    d->used++;
    return 0;
}

static int put_varint(struct buf *out, unsigned v)
{
    char b[5];
    int n = 0;

    do {
        b[n] = (char)(v & 0x7f);
        v >>= 7;
        if (v)
            b[n] |= (char)0x80;
        n++;
    } while (v);
    return buf_add(out, b, (size_t)n);
}

int facetdict_encode(struct facetdict *d, const char *terms, size_t len,
                     struct buf *out, struct lv_err *err)
{
    const char *p = terms, *end = terms + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (size_t)((nl ? nl : end) - p);
        unsigned id;
        int rc;

        if (l) {
            rc = term_id(d, p, l, &id, err);
            if (rc < 0)
                return rc;
            if (put_varint(out, id) < 0)
                return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
        p += l + 1;
    }
    return 0;
}

int facetdict_load(struct facetdict *d, struct lv_err *err)
{
    char key[64], *v = NULL;
    unsigned n, i;
    char **terms;
    int rc = xdb_get_meta(d->db, KEY_N, &v, err);

    if (rc < 0)
        return rc;
    n = (unsigned)strtoul(v, NULL, 10);
    free(v);
    if (d->terms && n == d->n)
        return 0;
    terms = calloc((size_t)n + 1, sizeof(*terms));
    if (!terms)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 1; i <= n; i++) {
        snprintf(key, sizeof(key), "%s%u", KEY_TERM, i);
        rc = xdb_get_meta(d->db, key, &terms[i], err);
        if (rc < 0) {
            while (i-- > 1)
                free(terms[i]);
            free(terms);
            return rc;
        }
    }
    for (i = 0; d->terms && i <= d->n; i++)
        free(d->terms[i]);
    free(d->terms);
    d->terms = terms;
    d->n = n;
    return 0;
}

unsigned facetdict_size(const struct facetdict *d)
{
    return d->terms ? d->n : 0;
}

const char *facetdict_term(const struct facetdict *d, unsigned id)
{
    return d->terms && id >= 1 && id <= d->n ? d->terms[id] : NULL;
}

void facetdict_each(const char *value, size_t len,
                    void (*fn)(unsigned id, void *ctx), void *ctx)
{
    const unsigned char *p = (const unsigned char *)value;
    size_t i = 0;

    while (i < len) {
        unsigned v = 0, shift = 0;

        while (i < len && shift < 32) {
            unsigned char b = p[i++];

            v |= (unsigned)(b & 0x7f) << shift;
            shift += 7;
            if (!(b & 0x80))
                break;
        }
        fn(v, ctx);
    }
}
