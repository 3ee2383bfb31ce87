/*
 * variants.c - other spellings of parts (see variants.h).
 */
#include "variants.h"

#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"
#include "../common/grow.h"
#include "../xapian/xapian_c.h"
#include "../xapian/schema.h"
#include "searcher_int.h"

#define MAX_CHARS 64 /* longer names are not compared */

/* s as code points into cp (at most MAX_CHARS); their number, or
 * MAX_CHARS + 1 when longer. */
static size_t code_points(const char *s, unsigned cp[MAX_CHARS])
{
    size_t len = strlen(s), n = 0, step;

    while (len) {
        if (n == MAX_CHARS)
            return MAX_CHARS + 1;
        step = utf8_decode(s, len, &cp[n++]);
        if (!step)
            break;
        s += step;
        len -= step;
    }
    return n;
}

int variants_one_apart(const char *a, const char *b)
{
    unsigned ca[MAX_CHARS], cb[MAX_CHARS];
    size_t na = code_points(a, ca), nb = code_points(b, cb), i = 0;
    size_t skip_a, skip_b;

    if (na > MAX_CHARS || nb > MAX_CHARS || (na > nb ? na - nb : nb - na) > 1)
        return 0;
    while (i < na && i < nb && ca[i] == cb[i])
        i++;
    if (i == na && i == nb)
        return 0; /* equal */
    /* at the first difference, one character is replaced (skipped in
     * both) or added (skipped in the longer); the rest must agree */
    skip_a = na >= nb;
    skip_b = nb >= na;
    return memcmp(ca + i + skip_a, cb + i + skip_b,
                  (na - i - skip_a) * sizeof(*ca))
           == 0;
}

void variants_free(struct query_variant *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free((char *)v[i].norm);
        free((char *)v[i].brand);
    }
    free(v);
}

/* The index's brand names (normalised, as brand terms hold them), read
 * once per revision: a search does not walk the terms again. */
struct brand {
    char *name;
    unsigned freq, chars;
};

struct brands {
    unsigned long long revision;
    struct brand *v;
    size_t n, cap;
    int failed;
};

static void brands_free(void *p)
{
    struct brands *b = p;
    size_t i;

    if (!b)
        return;
    for (i = 0; i < b->n; i++)
        free(b->v[i].name);
    free(b->v);
    free(b);
}

static int add_brand(const char *term, unsigned freq, void *ctx)
{
    struct brands *b = ctx;
    unsigned cp[MAX_CHARS];
    const char *name = term + strlen(PFX_BRAND);

    struct brand *v = grow_one(b->v, b->n, &b->cap, sizeof(*v), 256);

    if (!v) {
        b->failed = 1;
        return 1; /* stop */
    }
    b->v = v;
    b->v[b->n].name = strdup(name);
    if (!b->v[b->n].name) {
        b->failed = 1;
        return 1;
    }
    b->v[b->n].freq = freq;
    b->v[b->n++].chars = (unsigned)code_points(name, cp);
    return 0;
}

/* The brand names of the searcher's revision into *out. */
static int current_brands(struct searcher *s, struct brands **out,
                          struct lv_err *err)
{
    unsigned long long rev = searcher_revision(s);
    struct brands *b = s->brands;
    int rc;

    if (b && rev && b->revision == rev) {
        *out = b;
        return 0;
    }
    b = calloc(1, sizeof(*b));
    if (!b)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    rc = xdb_each_term(s->db, PFX_BRAND, add_brand, b, err);
    if (rc == 0 && b->failed)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0) {
        brands_free(b);
        return rc;
    }
    b->revision = rev;
    brands_free(s->brands);
    s->brands = b;
    s->brands_free = brands_free;
    *out = b;
    return 0;
}

/* The brand one character away from norm (chars code points long) that
 * most articles are filed under, into *out (caller frees; NULL: none).
 * 0, or the error code. */
static int near_brand(const struct brands *b, const char *norm, size_t chars,
                      char **out, struct lv_err *err)
{
    const struct brand *best = NULL;
    size_t i;

    *out = NULL;
    for (i = 0; i < b->n; i++) {
        const struct brand *c = &b->v[i];

        if (c->chars + 1 < chars || c->chars > chars + 1
            || (best && c->freq <= best->freq))
            continue;
        if (variants_one_apart(norm, c->name))
            best = c;
    }
    if (!best)
        return 0;
    *out = strdup(best->name);
    return *out ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

int variants_find(struct searcher *s, const struct query *q,
                  struct query_variant **out, size_t *n, struct lv_err *err)
{
    unsigned cp[MAX_CHARS];
    size_t i;
    int rc = 0;

    *out = NULL;
    *n = 0;
    for (i = 0; i < q->nparts && rc == 0; i++) {
        const struct query_part *p = &q->parts[i];
        struct query_variant *v;
        struct brands *names = NULL;
        char *brand = NULL;
        size_t chars;

        if (p->nnorms != 1 || !p->xq || p->title)
            continue;
        chars = code_points(p->norms[0], cp);
        if (chars < VARIANT_MIN_CHARS || chars > MAX_CHARS)
            continue;
        rc = current_brands(s, &names, err);
        if (rc == 0)
            rc = near_brand(names, p->norms[0], chars, &brand, err);
        if (rc < 0 || !brand)
            continue;
        v = realloc(*out, (*n + 1) * sizeof(*v));
        if (v) {
            *out = v;
            v[*n].brand = brand;
            v[*n].norm = strdup(p->norms[0]);
            if (v[(*n)++].norm)
                continue;
        } else {
            free(brand);
        }
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc < 0) {
        variants_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
