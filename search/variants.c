/*
 * variants.c - other spellings of parts (see variants.h).
 */
#include "variants.h"

#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"
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

/* The search for the brand nearest a part's text. */
struct near {
    const char *norm;   /* the part, normalised */
    unsigned best_freq; /* articles under the best brand so far */
    char *name;         /* its name (a copy), or NULL */
};

static int on_brand(const char *term, unsigned freq, void *ctx)
{
    struct near *n = ctx;
    const char *name = term + strlen(PFX_BRAND);

    if (freq > n->best_freq && variants_one_apart(n->norm, name)) {
        free(n->name); /* (terms live only during the call: copy) */
        n->name = strdup(name);
        if (!n->name)
            return 1; /* stop: out of memory */
        n->best_freq = freq;
    }
    return 0;
}

/* The brand one character away from norm that most articles are filed
 * under, into *out (caller frees; NULL: none).  Brand terms hold their
 * names normalised as the part is.  0, or the error code. */
static int near_brand(struct xdb *db, const char *norm, char **out,
                      struct lv_err *err)
{
    struct near n = {norm, 0, NULL};
    int rc = xdb_each_term(db, PFX_BRAND, on_brand, &n, err);

    *out = NULL;
    if (rc == 1)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0) {
        free(n.name);
        return rc;
    }
    *out = n.name;
    return 0;
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
        char *brand;
        size_t chars;

        if (p->nnorms != 1 || !p->xq || p->title)
            continue;
        chars = code_points(p->norms[0], cp);
        if (chars < VARIANT_MIN_CHARS || chars > MAX_CHARS)
            continue;
        rc = near_brand(s->db, p->norms[0], &brand, err);
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
