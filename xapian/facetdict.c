/*
 * facetdict.c - facet term ids (see facetdict.h).
 *
 * Both sides hold the whole dictionary in memory: terms[id] for naming
 * counts, and (writer) a hash from term to id.  It is read from the
 * metadata in chunks of CHUNK terms and written back chunk by chunk.
 */
#include "facetdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/hash.h"
#include "schema.h"
#include "xapian_c.h"

#define KEY_N "lvzhi.facet.n"
#define KEY_CHUNK "lvzhi.facet.c"
#define CHUNK 1024u

struct facetdict {
    struct xdb *db;
    char **terms; /* terms[1..n]; terms[0] unused */
    unsigned n, cap;
    int loaded;
    unsigned first_dirty; /* lowest id not yet written, 0 if none */
    unsigned *slots;      /* writer: hash of ids (0 = empty) */
    size_t nslots;
};

struct facetdict *facetdict_new(struct xdb *db)
{
    struct facetdict *d = calloc(1, sizeof(*d));

    if (d) {
        d->db = db;
        d->loaded = !db; /* in memory: complete as it is */
    }
    return d;
}

static void drop_terms(struct facetdict *d)
{
    unsigned i;

    for (i = 1; d->terms && i <= d->n; i++)
        free(d->terms[i]);
    free(d->terms);
    d->terms = NULL;
    d->n = d->cap = 0;
}

void facetdict_free(struct facetdict *d)
{
    if (!d)
        return;
    drop_terms(d);
    free(d->slots);
    free(d);
}

static int push_term(struct facetdict *d, char *term)
{
    if (d->n + 1 >= d->cap) {
        unsigned cap = d->cap ? d->cap * 2 : CHUNK;
        char **t = realloc(d->terms, cap * sizeof(*t));

        if (!t)
            return LV_ENOMEM;
        d->terms = t;
        d->cap = cap;
    }
    d->terms[++d->n] = term;
    return 0;
}

/* Read every chunk; n ids in all. */
static int read_all(struct facetdict *d, unsigned n, struct lv_err *err)
{
    unsigned k, chunks = (n + CHUNK - 1) / CHUNK;
    char key[64];
    int rc = 0;

    drop_terms(d);
    for (k = 0; k < chunks && rc == 0; k++) {
        char *v = NULL, *p, *nl;

        snprintf(key, sizeof(key), "%s%u", KEY_CHUNK, k);
        rc = xdb_get_meta(d->db, key, &v, err);
        for (p = v; rc == 0 && p && d->n < n && d->n < (k + 1) * CHUNK;
             p = nl ? nl + 1 : NULL) {
            char *t;

            nl = strchr(p, '\n');
            t = nl ? strndup(p, (size_t)(nl - p)) : strdup(p);
            if (!t || push_term(d, t) < 0) {
                free(t);
                rc = lv_err_set(err, LV_ENOMEM, "out of memory");
            }
        }
        free(v);
    }
    if (rc == 0 && d->n != n)
        rc = lv_err_set(err, LV_EDB,
                        "facet dictionary is incomplete "
                        "(%u of %u terms)",
                        d->n, n);
    return rc;
}

static int read_n(struct facetdict *d, unsigned *n, struct lv_err *err)
{
    char *v = NULL;
    int rc = xdb_get_meta(d->db, KEY_N, &v, err);

    if (rc == 0)
        *n = (unsigned)strtoul(v, NULL, 10);
    free(v);
    return rc;
}

int facetdict_load(struct facetdict *d, struct lv_err *err)
{
    unsigned n = 0;
    int rc;

    if (!d->db)
        return 0; /* in memory: holds what was encoded */
    rc = read_n(d, &n, err);

    if (rc < 0 || (d->loaded && n == d->n))
        return rc;
    rc = read_all(d, n, err);
    d->loaded = rc == 0;
    return rc;
}

/* Writer hash: slot of a term (holding its id) or the empty slot for it. */
static unsigned *find_slot(struct facetdict *d, const char *t, size_t len)
{
    size_t j = (size_t)hash64(t, len) & (d->nslots - 1);

    while (d->slots[j]) {
        const char *u = d->terms[d->slots[j]];

        if (strncmp(u, t, len) == 0 && u[len] == '\0')
            break;
        j = (j + 1) & (d->nslots - 1);
    }
    return &d->slots[j];
}

static int rehash(struct facetdict *d)
{
    size_t need = 1024;
    unsigned i;

    while (need < (size_t)d->n * 2 + 2)
        need *= 2;
    if (need <= d->nslots)
        return 0;
    free(d->slots);
    d->slots = calloc(need, sizeof(*d->slots));
    if (!d->slots) {
        d->nslots = 0;
        return LV_ENOMEM;
    }
    d->nslots = need;
    for (i = 1; i <= d->n; i++)
        *find_slot(d, d->terms[i], strlen(d->terms[i])) = i;
    return 0;
}

static int term_id(struct facetdict *d, const char *t, size_t len, unsigned *id,
                   struct lv_err *err)
{
    unsigned *slot;
    char *term;

    if (!d->loaded) {
        int rc = facetdict_load(d, err);

        if (rc < 0)
            return rc;
    }
    if ((d->n + 1) * 2 >= d->nslots && rehash(d) < 0)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    slot = find_slot(d, t, len);
    if (*slot) {
        *id = *slot;
        return 0;
    }
    term = strndup(t, len);
    if (!term || push_term(d, term) < 0) {
        free(term);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    *id = *slot = d->n;
    if (!d->first_dirty)
        d->first_dirty = d->n;
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
        unsigned id = 0;
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

int facetdict_flush(struct facetdict *d, struct lv_err *err)
{
    unsigned k, id;
    char key[64], num[16];
    int rc = 0;

    if (!d->first_dirty)
        return 0;
    for (k = (d->first_dirty - 1) / CHUNK; rc == 0 && k * CHUNK < d->n; k++) {
        struct buf b = BUF_INIT;

        for (id = k * CHUNK + 1; id <= d->n && id <= (k + 1) * CHUNK; id++)
            if ((id > k * CHUNK + 1 && buf_addch(&b, '\n') < 0)
                || buf_addstr(&b, d->terms[id]) < 0)
                rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        snprintf(key, sizeof(key), "%s%u", KEY_CHUNK, k);
        if (rc == 0)
            rc = xdb_set_meta(d->db, key, b.data ? b.data : "", err);
        buf_release(&b);
    }
    snprintf(num, sizeof(num), "%u", d->n);
    if (rc == 0)
        rc = xdb_set_meta(d->db, KEY_N, num, err);
    if (rc == 0)
        d->first_dirty = 0;
    return rc;
}

unsigned facetdict_size(const struct facetdict *d)
{
    return d->loaded ? d->n : 0;
}

const char *facetdict_term(const struct facetdict *d, unsigned id)
{
    return d->loaded && id >= 1 && id <= d->n ? d->terms[id] : NULL;
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

static const char *const field_prefixes[] = {
#define FIELD_PREFIX(name, prefix, label, counted) prefix,
    SCHEMA_FACET_FIELDS(FIELD_PREFIX)
#undef FIELD_PREFIX
};

/* A capital right after a prefix would make it a longer prefix (XW, XN);
 * values never start with one (they are normalised: lower case or Han). */
int facet_term_field(const char *term, size_t len)
{
    size_t f;

    for (f = 0; f < SCHEMA_NFACET_FIELDS; f++) {
        size_t plen = strlen(field_prefixes[f]);

        if (len >= plen && memcmp(term, field_prefixes[f], plen) == 0
            && !(len > plen && term[plen] >= 'A' && term[plen] <= 'Z'))
            return (int)f;
    }
    return -1;
}
