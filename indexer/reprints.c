/*
 * reprints.c - clusters of copies of one article (see reprints.h).
 */
#include "reprints.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "../common/record.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"

/* Candidates screened by their stored sketch per new document, those
 * sharing the most band keys first (copies share nearly all of them);
 * those whose sketch estimates this resemblance are compared by text
 * (the estimate is within 0.045 of the truth, one standard deviation, at
 * 0.5: 0.35 misses a copy about once in 2,000). */
#define MAX_CANDIDATES 64
/* A band key this many documents share is a template's (a list of
 * session reports, a site's stock paragraph), not a copy's: skipped.
 * Copies share most of their keys, so the rarer ones still find them. */
#define MAX_BAND_DOCS 50
#define SCREEN_RESEMBLANCE 0.40
/* Clusters re-checked pair by pair when a member leaves; a bigger one
 * (a text every site carries) is left as it is. */
#define MAX_SETTLE 256

#define KEY_LEN 24 /* a cluster key: up to 16 hex digits */

/* Shingles of documents compared lately, by docid (direct mapped): on
 * archives of similar reports the same few documents are candidates
 * again and again, and folding their text is most of the cost. */
#define CACHE_SLOTS 1024

struct cached {
    unsigned docid; /* 0: empty */
    struct shingles sh;
};

struct reprints {
    struct xdb *db;
    unsigned long long next; /* next free cluster number; 0: not read */
    struct cached cache[CACHE_SLOTS];
};

/* ---- prints ------------------------------------------------------------ */

static void band_term(unsigned band, uint64_t key, char out[32])
{
    char letter = (char)(band < 26 ? 'a' + band : 'A' + (band - 26));

    snprintf(out, 32, "%s%c%016llx", PFX_SKETCH, letter,
             (unsigned long long)key);
}

int reprint_print_make(const char *folded, size_t len, struct xdoc *doc,
                       struct reprint_print *out, struct lv_err *err)
{
    unsigned i;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = shingles_of_folded(folded ? folded : "", folded ? len : 0, &out->sh,
                            err);
    if (rc < 0 || out->sh.n < SKETCH_MIN_SHINGLES)
        return rc;
    out->sketched = 1;
    shingles_sketch(&out->sh, &out->sk);
    for (i = 0; i < SKETCH_BANDS && rc == 0; i++) {
        char term[32];

        band_term(i, out->sk.keys[i], term);
        rc = xdoc_add_boolean(doc, term, err);
    }
    if (rc == 0) {
        unsigned char packed[SKETCH_BYTES];

        sketch_pack(&out->sk, packed);
        rc = xdoc_set_value(doc, SLOT_SKETCH, (const char *)packed,
                            sizeof(packed), err);
    }
    return rc;
}

void reprint_print_release(struct reprint_print *p)
{
    shingles_release(&p->sh);
    p->sketched = 0;
}

/* ---- reading documents -------------------------------------------------- */

struct docids {
    unsigned *v;
    size_t n, cap;
};

static int push_docid(unsigned docid, void *ctx)
{
    struct docids *d = ctx;

    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 16;
        unsigned *v = realloc(d->v, cap * sizeof(*v));

        if (!v)
            return LV_ENOMEM;
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = docid;
    return 0;
}

static int nomem(int rc, struct lv_err *err)
{
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}

/* The documents of cluster `key`, ascending. */
static int members(struct xdb *db, const char *key, struct docids *out,
                   struct lv_err *err)
{
    char term[SCHEMA_MAX_TERM];

    snprintf(term, sizeof(term), "%s%.*s", PFX_CLUSTER, KEY_LEN, key);
    return nomem(xdb_each_posting(db, term, push_docid, out, err), err);
}

/* The cluster key of docid ("" if it has none). */
static int doc_key(struct xdb *db, unsigned docid, char key[KEY_LEN],
                   struct lv_err *err)
{
    struct xdoc *doc = NULL;
    char *v = NULL;
    int rc = xdb_get_doc(db, docid, &doc, err);

    key[0] = '\0';
    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CLUSTER, &v, NULL, err);
    if (rc == 0)
        snprintf(key, KEY_LEN, "%s", v);
    free(v);
    xdoc_free(doc);
    return rc;
}

/* The shingles of docid's stored body. */
static int doc_shingles(struct xdb *db, unsigned docid, struct shingles *out,
                        struct lv_err *err)
{
    struct xdoc *doc = NULL;
    struct record *rec = NULL;
    char *data = NULL;
    size_t len = 0;
    const char *body;
    int rc = xdb_get_doc(db, docid, &doc, err);

    memset(out, 0, sizeof(*out));
    if (rc == 0)
        rc = xdoc_get_data(doc, &data, &len, err);
    if (rc == 0 && !(rec = record_parse(data, len)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    body = rc == 0 ? record_get(rec, "body") : NULL;
    if (body)
        rc = shingles_of_text(body, strlen(body), out, err);
    record_free(rec);
    free(data);
    xdoc_free(doc);
    return rc;
}

/* Could docid be a copy of a text with sketch sk, by its stored sketch?
 * 1, 0, or an error. */
static int may_copy(struct xdb *db, unsigned docid, const struct sketch *sk,
                    struct lv_err *err)
{
    struct xdoc *doc = NULL;
    struct sketch other;
    char *v = NULL;
    size_t len = 0;
    int rc = xdb_get_doc(db, docid, &doc, err);

    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_SKETCH, &v, &len, err);
    if (rc == 0)
        rc = sketch_unpack((const unsigned char *)v, len, &other) == 0
             && sketch_resemblance(sk, &other) >= SCREEN_RESEMBLANCE;
    free(v);
    xdoc_free(doc);
    return rc;
}

static int copies(const struct shingles *a, const struct shingles *b)
{
    return a->n >= SKETCH_MIN_SHINGLES && b->n >= SKETCH_MIN_SHINGLES
           && shingles_resemblance(a, b) >= SKETCH_COPY_RESEMBLANCE;
}

/* ---- writing clusters ---------------------------------------------------- */

struct reprints *reprints_new(struct xdb *db)
{
    struct reprints *r = calloc(1, sizeof(*r));

    if (r)
        r->db = db;
    return r;
}

void reprints_free(struct reprints *r)
{
    size_t i;

    for (i = 0; r && i < CACHE_SLOTS; i++)
        shingles_release(&r->cache[i].sh);
    free(r);
}

/* The shingles of written document docid, from the cache or its text;
 * the cache keeps them (do not release). */
static int cached_shingles(struct reprints *r, unsigned docid,
                           const struct shingles **out, struct lv_err *err)
{
    struct cached *c = &r->cache[docid % CACHE_SLOTS];
    int rc = 0;

    if (c->docid != docid) {
        shingles_release(&c->sh);
        c->docid = 0;
        rc = doc_shingles(r->db, docid, &c->sh, err);
        if (rc == 0)
            c->docid = docid;
    }
    *out = &c->sh;
    return rc;
}

/* docid's text changes or goes. */
static void forget(struct reprints *r, unsigned docid)
{
    struct cached *c = &r->cache[docid % CACHE_SLOTS];

    if (c->docid == docid) {
        shingles_release(&c->sh);
        c->docid = 0;
    }
}

/*
 * Where a new index starts numbering its clusters: 40 bits (39 of them
 * random, the last set so the key is never 0) in front of 24 bits of
 * count, so that indexes built apart and searched as shards of one do
 * not give one key to two articles (Xapian collapses on it).  The odds
 * two shards' keys meet are 2^-39 per pair (while each numbers fewer than
 * 2^24 clusters).
 */
static unsigned long long first_key(void)
{
    unsigned long long r = 0;

    if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
        r = (unsigned long long)time(NULL) * 2654435761u ^ (unsigned)getpid();
    return ((r & 0xffffffffffull) | 1) << 24 | 1;
}

/* A cluster key never used before (the number is committed with the
 * documents that use it). */
static int new_key(struct reprints *r, char key[KEY_LEN], struct lv_err *err)
{
    char *v = NULL, next[KEY_LEN];
    int rc = 0;

    if (!r->next) {
        rc = xdb_get_meta(r->db, SCHEMA_NEXT_CLUSTER_KEY, &v, err);
        if (rc == 0)
            r->next = strtoull(v, NULL, 16);
        free(v);
        if (!r->next)
            r->next = first_key();
    }
    snprintf(key, KEY_LEN, "%llx", r->next++);
    snprintf(next, sizeof(next), "%llx", r->next);
    return rc < 0 ? rc
                  : xdb_set_meta(r->db, SCHEMA_NEXT_CLUSTER_KEY, next, err);
}

/* Put doc in cluster `key` (out of `old`, if it was in one). */
static int set_cluster(struct xdoc *doc, const char *old, const char *key,
                       struct lv_err *err)
{
    char term[SCHEMA_MAX_TERM];
    int rc = 0;

    if (old && *old) {
        snprintf(term, sizeof(term), "%s%s", PFX_CLUSTER, old);
        rc = xdoc_remove_term(doc, term, err);
    }
    snprintf(term, sizeof(term), "%s%s", PFX_CLUSTER, key);
    if (rc == 0)
        rc = xdoc_add_boolean(doc, term, err);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_CLUSTER, key, strlen(key), err);
    return rc;
}

/* Move the written documents docids[0..n-1] from cluster old to key. */
static int move_docs(struct reprints *r, const unsigned *docids, size_t n,
                     const char *old, const char *key, struct lv_err *err)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        struct xdoc *doc = NULL;

        rc = xdb_get_doc(r->db, docids[i], &doc, err);
        if (rc == 0)
            rc = set_cluster(doc, old, key, err);
        if (rc == 0)
            rc = xdb_replace_docid(r->db, docids[i], doc, err);
        xdoc_free(doc);
    }
    return rc;
}

/* Join cluster `from` into `into`. */
static int merge(struct reprints *r, const char *from, const char *into,
                 struct lv_err *err)
{
    struct docids d = {0};
    int rc = members(r->db, from, &d, err);

    if (rc == 0)
        rc = move_docs(r, d.v, d.n, from, into, err);
    free(d.v);
    return rc;
}

/* Parts as a union-find forest whose roots are their lowest index. */
static unsigned find_root(unsigned *parent, unsigned i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void join(unsigned *parent, unsigned i, unsigned j,
                 const struct shingles *a, const struct shingles *b)
{
    unsigned ri = find_root(parent, i), rj = find_root(parent, j);

    if (ri == rj || !copies(a, b))
        return;
    if (ri < rj)
        parent[rj] = ri;
    else
        parent[ri] = rj;
}

/*
 * The parts documents docids[0..n-1] fall into, copies linking them:
 * *parent (malloc'd, caller frees) is a union-find forest whose roots
 * are each part's lowest index.
 */
static int parts_of(struct xdb *db, const unsigned *docids, size_t n,
                    unsigned **parent, struct lv_err *err)
{
    struct shingles *sh = calloc(n ? n : 1, sizeof(*sh));
    size_t i, j;
    int rc = 0;

    *parent = malloc((n ? n : 1) * sizeof(**parent));
    if (!sh || !*parent)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < n && rc == 0; i++) {
        (*parent)[i] = (unsigned)i;
        rc = doc_shingles(db, docids[i], &sh[i], err);
    }
    for (i = 0; i < n && rc == 0; i++)
        for (j = i + 1; j < n; j++)
            join(*parent, (unsigned)i, (unsigned)j, &sh[i], &sh[j]);
    for (i = 0; sh && i < n; i++)
        shingles_release(&sh[i]);
    free(sh);
    return rc;
}

/*
 * Split cluster `key` where its members no longer hold together (one
 * left, a bridge between two deleted): the part holding the lowest docid
 * keeps the key, every other part gets a new one.
 */
static int settle(struct reprints *r, const char *key, struct lv_err *err)
{
    struct docids d = {0}, part = {0};
    unsigned *parent = NULL;
    size_t i, j;
    int rc = members(r->db, key, &d, err);

    if (rc < 0 || d.n < 2 || d.n > MAX_SETTLE)
        goto out;
    rc = parts_of(r->db, d.v, d.n, &parent, err);
    for (i = 1; i < d.n && rc == 0; i++) {
        unsigned root = find_root(parent, (unsigned)i);
        char fresh[KEY_LEN];

        if (root != i)
            continue; /* not the first of its part (part 0 keeps key) */
        part.n = 0;
        for (j = i; j < d.n && rc == 0; j++)
            if (find_root(parent, (unsigned)j) == root)
                rc = nomem(push_docid(d.v[j], &part), err);
        if (rc == 0)
            rc = new_key(r, fresh, err);
        if (rc == 0)
            rc = move_docs(r, part.v, part.n, key, fresh, err);
    }
out:
    free(parent);
    free(part.v);
    free(d.v);
    return rc;
}

struct cand {
    unsigned docid, shared;
};

static int cmp_cand(const void *pa, const void *pb)
{
    const struct cand *a = pa, *b = pb;

    if (a->shared != b->shared)
        return a->shared > b->shared ? -1 : 1;
    return (a->docid > b->docid) - (a->docid < b->docid);
}

static int cmp_uint(const void *pa, const void *pb)
{
    unsigned a = *(const unsigned *)pa, b = *(const unsigned *)pb;

    return (a > b) - (a < b);
}

/* The documents sharing a band key with p (but self), most keys first. */
static int candidates(struct xdb *db, const struct reprint_print *p,
                      unsigned self, struct cand **out, size_t *n,
                      struct lv_err *err)
{
    struct docids d = {0};
    struct cand *c = NULL;
    size_t i, k = 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    for (i = 0; i < SKETCH_BANDS && rc == 0; i++) {
        char term[32];
        unsigned freq = 0;

        band_term((unsigned)i, p->sk.keys[i], term);
        rc = xdb_term_freq(db, term, &freq, err);
        if (rc == 0 && freq && freq <= MAX_BAND_DOCS)
            rc = nomem(xdb_each_posting(db, term, push_docid, &d, err), err);
    }
    if (rc == 0 && d.n) {
        qsort(d.v, d.n, sizeof(*d.v), cmp_uint);
        c = malloc(d.n * sizeof(*c));
        if (!c)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    for (i = 0; rc == 0 && i < d.n; i++) {
        if (d.v[i] == self)
            continue;
        if (k && c[k - 1].docid == d.v[i]) {
            c[k - 1].shared++;
        } else {
            c[k].docid = d.v[i];
            c[k++].shared = 1;
        }
    }
    free(d.v);
    if (rc < 0) {
        free(c);
        return rc;
    }
    if (k > 1)
        qsort(c, k, sizeof(*c), cmp_cand);
    *out = c;
    *n = k;
    return 0;
}

/*
 * The cluster a new document with print p belongs to, into key: that of
 * the candidate it resembles most, the clusters of the other copies it
 * resembles joined to it; a new one when it is a copy of nothing.
 */
static int place(struct reprints *r, unsigned self,
                 const struct reprint_print *p, char key[KEY_LEN],
                 struct lv_err *err)
{
    struct cand *c = NULL;
    char keys[MAX_CANDIDATES][KEY_LEN];
    size_t n = 0, i, j, matched = 0;
    double best = 0;
    int rc = p->sketched ? candidates(r->db, p, self, &c, &n, err) : 0;

    key[0] = '\0';
    for (i = 0; i < n && i < MAX_CANDIDATES && rc == 0; i++) {
        const struct shingles *sh = NULL;
        double res = 0;
        int maybe = may_copy(r->db, c[i].docid, &p->sk, err);

        rc = maybe < 0 ? maybe : 0;
        if (maybe > 0)
            rc = cached_shingles(r, c[i].docid, &sh, err);
        if (maybe > 0 && rc == 0 && copies(&p->sh, sh))
            res = shingles_resemblance(&p->sh, sh);
        if (rc == 0 && res > 0)
            rc = doc_key(r->db, c[i].docid, keys[matched], err);
        if (rc == 0 && res > 0 && keys[matched][0]) {
            if (res > best) {
                best = res;
                snprintf(key, KEY_LEN, "%s", keys[matched]);
            }
            matched++;
        }
    }
    free(c);
    for (i = 0; i < matched && rc == 0; i++) {
        for (j = 0; j < i && strcmp(keys[j], keys[i]) != 0; j++)
            ;
        if (j == i && strcmp(keys[i], key) != 0) /* first time seen */
            rc = merge(r, keys[i], key, err);
    }
    if (rc == 0 && !key[0])
        rc = new_key(r, key, err);
    return rc;
}

int reprints_replace(struct reprints *r, const char *uid_term, struct xdoc *doc,
                     const struct reprint_print *print, struct lv_err *err)
{
    char old[KEY_LEN] = "", key[KEY_LEN];
    unsigned self = 0;
    int rc = xdb_find(r->db, uid_term, &self, err);

    if (rc == 0 && self)
        rc = doc_key(r->db, self, old, err);
    if (self)
        forget(r, self); /* (the new text takes its docid) */
    if (rc == 0)
        rc = place(r, self, print, key, err);
    if (rc == 0)
        rc = set_cluster(doc, NULL, key, err);
    if (rc == 0)
        rc = xdb_replace(r->db, uid_term, doc, NULL, err);
    if (rc == 0 && old[0])
        rc = settle(r, old, err);
    return rc;
}

int reprints_delete(struct reprints *r, const char *uid_term,
                    struct lv_err *err)
{
    char key[KEY_LEN] = "";
    unsigned docid = 0;
    int rc = xdb_find(r->db, uid_term, &docid, err);

    if (rc == 0 && docid)
        rc = doc_key(r->db, docid, key, err);
    if (docid)
        forget(r, docid);
    if (rc == 0)
        rc = xdb_delete(r->db, uid_term, err);
    if (rc == 0 && key[0])
        rc = settle(r, key, err);
    return rc;
}

/* ---- checking ------------------------------------------------------------ */

struct keyed {
    unsigned docid;
    char key[KEY_LEN];
};

struct key_table {
    struct keyed *v;
    size_t n, cap;
};

static int add_keyed(unsigned docid, const char *value, size_t len, void *ctx)
{
    struct key_table *t = ctx;

    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        struct keyed *v = realloc(t->v, cap * sizeof(*v));

        if (!v)
            return LV_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n].docid = docid;
    snprintf(t->v[t->n].key, KEY_LEN, "%.*s",
             (int)(len < KEY_LEN ? len : KEY_LEN - 1), value);
    t->n++;
    return 0;
}

static int cmp_keyed(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);

    return c ? c : (a->docid > b->docid) - (a->docid < b->docid);
}

static const char *key_of(const struct key_table *by_docid, unsigned docid)
{
    size_t lo = 0, hi = by_docid->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (by_docid->v[mid].docid == docid)
            return by_docid->v[mid].key;
        if (by_docid->v[mid].docid < docid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

struct checking {
    struct xdb *db;
    void (*report)(const char *msg, void *ctx);
    void *ctx;
    char msg[256];
};

/* A cluster's term postings are its documents, and they hold together. */
static int check_cluster(struct checking *k, const struct keyed *v, size_t n,
                         unsigned *nclusters, struct lv_err *err)
{
    struct docids d = {0};
    size_t i;
    int rc = members(k->db, v[0].key, &d, err);

    if (rc == 0 && d.n != n)
        rc = 1;
    for (i = 0; rc == 0 && i < n; i++)
        if (d.v[i] != v[i].docid)
            rc = 1;
    if (rc == 1) {
        snprintf(k->msg, sizeof(k->msg),
                 "cluster %s: %zu documents have "
                 "its value, %zu its term",
                 v[0].key, n, d.n);
        k->report(k->msg, k->ctx);
        rc = 0;
    }
    free(d.v);
    if (rc < 0 || n < 2)
        return rc;
    ++*nclusters;
    if (n <= MAX_SETTLE) {
        unsigned *docids = malloc(n * sizeof(*docids)), *parent = NULL;
        size_t parts = 0;

        for (i = 0; docids && i < n; i++)
            docids[i] = v[i].docid;
        rc = docids ? parts_of(k->db, docids, n, &parent, err)
                    : lv_err_set(err, LV_ENOMEM, "out of memory");
        for (i = 0; i < n && rc == 0; i++)
            parts += find_root(parent, (unsigned)i) == i;
        if (rc == 0 && parts > 1) {
            snprintf(k->msg, sizeof(k->msg),
                     "cluster %s: its %zu copies "
                     "fall into %zu groups that are not copies of each "
                     "other",
                     v[0].key, n, parts);
            k->report(k->msg, k->ctx);
        }
        free(docids);
        free(parent);
    }
    return rc;
}

/* No copy of docid's text sits in another cluster. */
static int check_complete(struct checking *k, const struct key_table *by_docid,
                          unsigned docid, const char *key, struct lv_err *err)
{
    struct reprint_print p = {0};
    struct cand *c = NULL;
    size_t n = 0, i;
    int rc = doc_shingles(k->db, docid, &p.sh, err);

    p.sketched = rc == 0 && p.sh.n >= SKETCH_MIN_SHINGLES;
    if (p.sketched) {
        shingles_sketch(&p.sh, &p.sk);
        rc = candidates(k->db, &p, docid, &c, &n, err);
    }
    for (i = 0; i < n && i < MAX_CANDIDATES && rc == 0; i++) {
        const char *other = key_of(by_docid, c[i].docid);
        struct shingles sh;

        int maybe;

        if (c[i].docid < docid || (other && strcmp(other, key) == 0))
            continue; /* each pair once; same cluster */
        maybe = may_copy(k->db, c[i].docid, &p.sk, err);
        rc = maybe < 0 ? maybe : 0;
        memset(&sh, 0, sizeof(sh));
        if (maybe > 0)
            rc = doc_shingles(k->db, c[i].docid, &sh, err);
        if (maybe > 0 && rc == 0 && copies(&p.sh, &sh)) {
            snprintf(k->msg, sizeof(k->msg),
                     "documents %u and %u are "
                     "copies of one article in clusters %s and %s",
                     docid, c[i].docid, key, other ? other : "(none)");
            k->report(k->msg, k->ctx);
        }
        shingles_release(&sh);
    }
    free(c);
    reprint_print_release(&p);
    return rc;
}

static int cmp_keyed_docid(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;

    return (a->docid > b->docid) - (a->docid < b->docid);
}

int reprints_check(struct xdb *db, void (*report)(const char *msg, void *ctx),
                   void *ctx, unsigned *nclusters, struct lv_err *err)
{
    struct checking k = {db, report, ctx, ""};
    struct key_table t = {0}, by_docid = {0};
    unsigned count = 0;
    size_t i, j;
    int rc = nomem(xdb_each_value(db, SLOT_CLUSTER, add_keyed, &t, err), err);

    *nclusters = 0;
    if (rc == 0)
        rc = xdb_doc_count(db, &count, err);
    if (rc == 0 && t.n != count) {
        snprintf(k.msg, sizeof(k.msg),
                 "%zu of %u documents have no "
                 "cluster",
                 (size_t)count - t.n, count);
        report(k.msg, ctx);
    }
    if (rc == 0 && t.n) {
        by_docid.v = malloc(t.n * sizeof(*by_docid.v));
        if (!by_docid.v)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0 && t.n) { /* (the value stream is in docid order) */
        memcpy(by_docid.v, t.v, t.n * sizeof(*t.v));
        by_docid.n = t.n;
        qsort(by_docid.v, by_docid.n, sizeof(*by_docid.v), cmp_keyed_docid);
        qsort(t.v, t.n, sizeof(*t.v), cmp_keyed);
    }
    for (i = 0; rc == 0 && i < t.n; i = j) {
        for (j = i + 1; j < t.n && strcmp(t.v[j].key, t.v[i].key) == 0; j++)
            ;
        rc = check_cluster(&k, t.v + i, j - i, nclusters, err);
    }
    for (i = 0; rc == 0 && i < by_docid.n; i++)
        rc = check_complete(&k, &by_docid, by_docid.v[i].docid,
                            by_docid.v[i].key, err);
    free(t.v);
    free(by_docid.v);
    return rc;
}
