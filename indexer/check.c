/*
 * check.c - read every document of an index and verify it is whole; see
 * check.h.  The crash tests use this after killing the indexer: a
 * document missing its record, its path term or some facet ids would be
 * a half-written document, which Xapian's atomic commits must prevent.
 */
#include "check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/hash.h"
#include "../common/record.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "reprints.h"

#define MAX_LOGGED 50

struct checker {
    struct xdb *db;
    struct facetdict *dict;
    FILE *log;
    struct check_report *report;
    struct buf terms;   /* the document's facet terms, '\n'-ended */
    struct buf decoded; /* the same, decoded from its facet ids */
    struct buf content; /* what the digest covers */
    char **lines;       /* digest lines, sorted at the end */
    size_t nlines, cap;
    /* per document */
    unsigned docid;
    unsigned nuid, npath;
    char uid[SCHEMA_MAX_TERM + 1];
    char path[SCHEMA_MAX_TERM + 1];
    int bad_facet_id;
};

static void problem(struct checker *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
    va_list ap;

    c->report->problems++;
    if (c->log && c->report->problems <= MAX_LOGGED) {
        fprintf(c->log, "lvzhi check: document %u: ", c->docid);
        va_start(ap, fmt);
        vfprintf(c->log, fmt, ap);
        va_end(ap);
        fputc('\n', c->log);
    }
}

/* Month and workstation-name terms are plain filters, sketch and
 * cluster terms belong to the reprint clusters; every other X term is
 * counted. */
static int is_facet_term(const char *term)
{
    return term[0] == 'X' && term[1] && strncmp(term, PFX_MONTH, 2) != 0
           && strncmp(term, PFX_WORKSTATION_NAME, 2) != 0
           && strncmp(term, PFX_SKETCH, 2) != 0
           && strncmp(term, PFX_CLUSTER, 2) != 0;
}

static int on_term(const char *term, unsigned wdf, void *ctx)
{
    struct checker *c = ctx;
    size_t plen = strlen(PFX_UID);

    if (strncmp(term, PFX_UID, plen) == 0) {
        c->nuid++;
        snprintf(c->uid, sizeof(c->uid), "%s", term + plen);
    } else if (strncmp(term, PFX_PATH, strlen(PFX_PATH)) == 0) {
        c->npath++;
        snprintf(c->path, sizeof(c->path), "%s", term + strlen(PFX_PATH));
    }
    if (strncmp(term, PFX_CLUSTER, strlen(PFX_CLUSTER)) == 0)
        return 0; /* cluster numbers depend on the order of indexing */
    if (is_facet_term(term)
        && (buf_addstr(&c->terms, term) < 0 || buf_addch(&c->terms, '\n') < 0))
        return LV_ENOMEM;
    /* Terms come in byte order, so the digest does not depend on the
     * order the indexer added them in. */
    return buf_printf(&c->content, "%s\t%u\n", term, wdf) < 0 ? LV_ENOMEM : 0;
}

static void on_facet_id(unsigned id, void *ctx)
{
    struct checker *c = ctx;
    const char *term = facetdict_term(c->dict, id);

    if (!term) {
        c->bad_facet_id = 1;
        return;
    }
    if (buf_addstr(&c->decoded, term) < 0 || buf_addch(&c->decoded, '\n') < 0)
        c->bad_facet_id = 1;
}

static void cluster_problem(const char *msg, void *ctx)
{
    problem(ctx, "%s", msg);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the '\n'-ended lines of b in place (facet ids follow the order
 * the indexer first saw each term, terms follow byte order). */
static int sort_lines(struct buf *b)
{
    size_t n = 0, i, k = 0;
    char **v, *p, *copy;
    int rc = 0;

    for (i = 0; i < b->len; i++)
        n += b->data[i] == '\n';
    if (n < 2)
        return 0;
    v = malloc(n * sizeof(*v));
    copy = malloc(b->len + 1);
    if (!v || !copy) {
        rc = LV_ENOMEM;
        goto out;
    }
    memcpy(copy, b->data, b->len + 1);
    for (p = copy; k < n; p++) {
        v[k++] = p;
        p = strchr(p, '\n');
        *p = '\0';
    }
    qsort(v, n, sizeof(*v), cmp_str);
    buf_reset(b);
    for (i = 0; i < n && rc == 0; i++)
        if (buf_addstr(b, v[i]) < 0 || buf_addch(b, '\n') < 0)
            rc = LV_ENOMEM;
out:
    free(v);
    free(copy);
    return rc;
}

static int add_value(struct checker *c, struct xdoc *doc, unsigned slot,
                     char **out, struct lv_err *err)
{
    size_t len;
    int rc = xdoc_get_value(doc, slot, out, &len, err);

    if (rc == 0 && buf_printf(&c->content, "value %u\t", slot) < 0)
        rc = LV_ENOMEM;
    if (rc == 0
        && (buf_add(&c->content, *out, len) < 0
            || buf_addch(&c->content, '\n') < 0))
        rc = LV_ENOMEM;
    return rc;
}

static void check_record(struct checker *c, const char *data, size_t len)
{
    struct record *r = record_parse(data, len);
    const char *id, *path;

    if (!r) {
        problem(c, "%s", "out of memory reading the record");
        return;
    }
    id = record_get(r, "id");
    path = record_get(r, "path");
    if (!id || strcmp(id, c->uid) != 0)
        problem(c, "record id '%s' is not its unique id", id ? id : "");
    if (!path || strcmp(path, c->path) != 0)
        problem(c, "record path '%s' is not its path term", path ? path : "");
    if (!record_get(r, "body"))
        problem(c, "%s", "record has no body");
    record_free(r);
}

/* The identity terms and values every document has. */
static void check_ids(struct checker *c, const char *date, const char *hash,
                      const char *stamp, struct lv_err *err)
{
    unsigned freq;

    if (c->nuid != 1)
        problem(c, "has %s unique-id terms", c->nuid ? "several" : "no");
    else {
        char term[SCHEMA_MAX_TERM + 2];

        snprintf(term, sizeof(term), "%s%s", PFX_UID, c->uid);
        if (xdb_term_freq(c->db, term, &freq, err) == 0 && freq != 1)
            problem(c, "unique id '%s' is shared by several documents", c->uid);
    }
    if (c->npath != 1)
        problem(c, "has %s path terms", c->npath ? "several" : "no");
    if (!hash[0] || !stamp[0])
        problem(c, "%s", "lacks its content hash or file stamp");
    if (date[0] && (strlen(date) != 8 || strspn(date, "0123456789") != 8))
        problem(c, "date value '%s' is not YYYYMMDD", date);
}

/* The facet ids in the value against the facet terms. */
static int check_facets(struct checker *c, const char *facets, size_t flen)
{
    int rc;

    facetdict_each(facets, flen, on_facet_id, c);
    rc = sort_lines(&c->decoded);
    if (rc == 0)
        rc = sort_lines(&c->terms);
    if (rc < 0)
        return rc;
    if (c->bad_facet_id)
        problem(c, "%s", "has facet ids missing from the dictionary");
    else if (c->terms.len != c->decoded.len
             || memcmp(c->terms.data, c->decoded.data, c->terms.len) != 0)
        problem(c, "%s", "facet ids do not match its facet terms");
    return 0;
}

/* The digest's line for the document: its id and a hash of its content
 * (facet ids differ between runs; their terms do not). */
static int add_digest_line(struct checker *c, const char *data, size_t len)
{
    char hex[HASH_HEX_LEN + 1], *line;
    size_t n;

    if (buf_add(&c->content, c->decoded.data, c->decoded.len) < 0
        || buf_add(&c->content, data, len) < 0)
        return LV_ENOMEM;
    hash_hex(c->content.data, c->content.len, hex);
    if (c->nlines == c->cap) {
        char **grown = realloc(c->lines, 2 * c->cap * sizeof(*grown));

        if (!grown)
            return LV_ENOMEM;
        c->lines = grown;
        c->cap *= 2;
    }
    n = strlen(c->uid) + HASH_HEX_LEN + 2;
    line = malloc(n);
    if (!line)
        return LV_ENOMEM;
    snprintf(line, n, "%s %s", c->uid, hex);
    c->lines[c->nlines++] = line;
    return 0;
}

static int check_doc(struct checker *c, struct xdoc *doc, struct lv_err *err)
{
    char *data = NULL, *date = NULL, *hash = NULL, *stamp = NULL;
    char *facets = NULL;
    size_t len, flen;
    int rc;

    c->nuid = c->npath = 0;
    c->uid[0] = c->path[0] = '\0';
    c->bad_facet_id = 0;
    buf_reset(&c->terms);
    buf_reset(&c->decoded);
    buf_reset(&c->content);
    rc = xdoc_each_term(doc, on_term, c, err);
    if (rc == 0)
        rc = add_value(c, doc, SLOT_DATE, &date, err);
    if (rc == 0)
        rc = add_value(c, doc, SLOT_HASH, &hash, err);
    if (rc == 0)
        rc = add_value(c, doc, SLOT_MTIME, &stamp, err);
    /* (SLOT_CLUSTER is left out like the cluster term) */
    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_FACETS, &facets, &flen, err);
    if (rc == 0)
        rc = xdoc_get_data(doc, &data, &len, err);
    if (rc == 0) {
        check_ids(c, date, hash, stamp, err);
        rc = check_facets(c, facets, flen);
    }
    if (rc == 0) {
        check_record(c, data, len);
        if (c->cap)
            rc = add_digest_line(c, data, len);
    }
    free(data);
    free(date);
    free(hash);
    free(stamp);
    free(facets);
    return rc;
}

/* Open dbpath for checking: one index (not a stub of shards) of this
 * schema; *count its documents. */
static int open_checked(struct checker *c, const char *dbpath, unsigned *count,
                        struct lv_err *err)
{
    char *version = NULL;
    int rc = xdb_open(dbpath, XDB_READ, &c->db, err);

    if (rc == 0 && (xdb_shards(c->db) > 1 || xdb_has_remote(c->db)))
        rc = lv_err_set(err, LV_EINVAL,
                        "'%s' lists %u shard(s): check each "
                        "shard's index on its own, where it is",
                        dbpath, xdb_shards(c->db)); /* (ids are each shard's) */
    if (rc == 0)
        rc = xdb_get_meta(c->db, SCHEMA_META_KEY, &version, err);
    if (rc == 0)
        rc = xdb_doc_count(c->db, count, err);
    /* An indexer killed before its first commit leaves an empty database
     * without a version: that is a whole (empty) index. */
    if (rc == 0 && strcmp(version, SCHEMA_VERSION) != 0
        && (version[0] || *count))
        rc = lv_err_set(err, LV_ESCHEMA,
                        "index schema '%s', this lvzhi reads '%s'", version,
                        SCHEMA_VERSION);
    free(version);
    return rc;
}

/* Every document in docid order, then the count against them. */
static int check_docs(struct checker *c, unsigned count, struct lv_err *err)
{
    unsigned last, id;
    int rc = xdb_last_docid(c->db, &last, err);

    for (id = 1; rc == 0 && id <= last; id++) {
        struct xdoc *doc;

        rc = xdb_get_doc(c->db, id, &doc, err);
        if (rc == LV_ENOTFOUND) {
            rc = 0;
            lv_err_clear(err);
            continue;
        }
        if (rc < 0)
            break;
        c->docid = id;
        c->report->docs++;
        rc = check_doc(c, doc, err);
        xdoc_free(doc);
    }
    c->docid = 0;
    if (rc == 0 && c->report->docs != count)
        problem(c, "%s", "the document count disagrees with the documents");
    return rc;
}

int check_index(const char *dbpath, FILE *log, FILE *digest,
                struct check_report *report, struct lv_err *err)
{
    struct checker c = {0};
    unsigned count = 0;
    size_t i;
    int rc = 0;

    memset(report, 0, sizeof(*report));
    c.log = log;
    c.report = report;
    buf_init(&c.terms);
    buf_init(&c.decoded);
    buf_init(&c.content);
    if (digest) {
        c.cap = 1024;
        c.lines = malloc(c.cap * sizeof(*c.lines));
        if (!c.lines)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    rc = open_checked(&c, dbpath, &count, err);
    if (rc == 0 && !(c.dict = facetdict_new(c.db)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = facetdict_load(c.dict, err);
    if (rc == 0)
        rc = check_docs(&c, count, err);
    if (rc == 0)
        rc = reprints_check(c.db, cluster_problem, &c, &report->clusters, err);
    if (rc == 0 && digest) {
        qsort(c.lines, c.nlines, sizeof(*c.lines), cmp_str);
        for (i = 0; i < c.nlines; i++)
            fprintf(digest, "%s\n", c.lines[i]);
    }
    for (i = 0; i < c.nlines; i++)
        free(c.lines[i]);
    free(c.lines);
    facetdict_free(c.dict);
    xdb_free(c.db);
    buf_release(&c.terms);
    buf_release(&c.decoded);
    buf_release(&c.content);
    return rc;
}
