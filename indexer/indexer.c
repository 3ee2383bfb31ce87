/*
 * indexer.c - the indexing run (see indexer.h).
 *
 * Pipeline: the writing thread first decides, from the values stored with
 * each file's previous document, which files may have changed.  Worker
 * threads then take those files in order from a shared counter, read,
 * hash, clean and turn each into a Xapian document; the writing thread
 * consumes the results strictly in file order, so runs are deterministic,
 * and commits every `batch` documents.  Workers stay at most WINDOW files
 * ahead of the writer, which bounds memory.
 */
#include "indexer.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/hash.h"
#include "../common/host.h"
#include "../text/norm.h"
#include "../text/tokens.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "../common/buf.h"
#include "../common/record.h"
#include "../common/strv.h"
#include "article.h"
#include "container.h"
#include "document.h"
#include "docx.h"
#include "pdf.h"
#include "reprints.h"

#define WINDOW 256
#define MAX_FILE_BYTES (256u << 20)

enum job_state { JOB_PENDING, JOB_OPEN, JOB_DONE };
enum job_result { RES_TODO, RES_INDEXED, RES_UNCHANGED, RES_FAILED };

/* One article to write: a whole file's, or one member's of a container. */
struct unit {
    struct xdoc *doc;
    struct reprint_print print; /* its text, to find what it copies */
    char uid[64];
    int done;
    char *reason; /* the member could not be read */
};

/*
 * A file.  Its articles are units: one for a single file; a container's
 * members once a worker has read it (state JOB_OPEN), which any worker
 * may then build while the writer takes them in order.
 */
struct job {
    const struct walk_file *file;
    char stamp[48]; /* "mtime:size" now */
    char *old_hash; /* hash stored with the previous version */
    char hash[HASH_HEX_LEN + 1];
    int state, result;
    struct unit one;    /* a single file's */
    struct unit *units; /* a container's, over box.members */
    struct container box;
    size_t nunits, next_unit, units_done, units_written;
    int had_version; /* a container indexed before: members may go */
    size_t bytes;
    char *reason; /* for RES_FAILED */
    char *note;   /* for the summary, or NULL */
};

struct run {
    struct job *jobs;
    size_t njobs;
    size_t next;    /* next job a worker takes */
    size_t written; /* jobs the writer has consumed */
    int abort;
    int no_entities, no_reprints; /* indexer_opts' measuring knobs */
    pthread_mutex_t lock;
    pthread_cond_t done_cv, room_cv;
};

/* Read a whole file; on failure *why is a static reason. */
static char *read_file(const char *path, size_t *len, const char **why)
{
    struct stat st;
    char *data = NULL;
    size_t got = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        *why = errno == ENOENT ? "file disappeared before it could be read"
                               : strerror(errno);
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        *why = "not a regular file";
        goto fail;
    }
    if ((unsigned long long)st.st_size > MAX_FILE_BYTES) {
        *why = "file too large (over 256 MB)";
        goto fail;
    }
    data = malloc((size_t)st.st_size + 1);
    if (!data) {
        *why = "out of memory";
        goto fail;
    }
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, data + got, (size_t)st.st_size - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = strerror(errno);
            goto fail;
        }
        if (n == 0)
            break; /* the file shrank while we read it: take what is there */
        got += (size_t)n;
    }
    close(fd);
    data[got] = '\0';
    *len = got;
    return data;
fail:
    free(data);
    close(fd);
    return NULL;
}

/* A single file's bytes into an article, by its type.  *note gets what
 * the summary should say (a page cap), or stays NULL. */
static int read_article(const struct job *j, const char *data, size_t len,
                        struct article *a, char **note, struct lv_err *err)
{
    const char *type = j->file->type;

    if (strcmp(type, "html") == 0)
        return article_from_html(data, len, a, err);
    if (strcmp(type, "text") == 0)
        return article_from_text(data, len, a, err);
    if (strcmp(type, "pdf") == 0)
        return pdf_read(data, len, a, note, err);
    if (strcmp(type, "docx") == 0)
        return docx_read(data, len, a, err);
    return lv_err_set(err, LV_EINVAL,
                      "unsupported format (Word 97-2003 "
                      "or WPS): save it as .docx or PDF to index it");
}

/* Build a unit's document from its article (article released). */
static int build_unit(const struct run *r, const struct job *j,
                      const char *member, struct article *a, struct unit *u,
                      struct tokenizer *tok, struct lv_err *err)
{
    struct norm folded = {0};
    struct document_source src;
    int rc;

    src.key = j->file->key;
    src.member = member;
    src.hash = j->hash;
    src.stamp = j->stamp;
    src.type = j->file->type;
    src.no_entities = r->no_entities;
    rc = document_build(a, &src, tok, &u->doc, u->uid, &folded, err);
    if (rc == 0 && !r->no_reprints)
        rc =
            reprint_print_make(folded.text, folded.len, u->doc, &u->print, err);
    norm_release(&folded);
    article_release(a);
    return rc;
}

/* A member of an open container into its unit (its bytes freed). */
static void build_member(const struct run *r, struct job *j, size_t k,
                         struct tokenizer *tok)
{
    struct member *m = &j->box.members[k];
    struct unit *u = &j->units[k];
    struct article_hints h = {m->charset, m->title, m->date, m->source, m->url};
    struct article a = {0};
    struct lv_err err = {0};
    int rc;

    document_member_uid_term(j->file->key, m->id, u->uid);
    if (!tok)
        rc = lv_err_set(&err, LV_EICU, "cannot start the ICU tokenizer");
    else if (m->is_html)
        rc = article_from_html_hinted(m->bytes, m->len, &h, &a, &err);
    else
        rc = article_from_text_hinted(m->bytes, m->len, &h, &a, &err);
    free(m->bytes);
    m->bytes = NULL;
    if (rc == 0)
        rc = build_unit(r, j, m->id, &a, u, tok, &err);
    article_release(&a);
    if (rc < 0) {
        xdoc_free(u->doc);
        u->doc = NULL;
        u->reason = strdup(err.msg[0] ? err.msg : lv_strerror(rc));
    }
}

/* The worker's part of one job: read, compare, then clean and build a
 * single file, or read a container's members for any worker to build. */
static void process_job(const struct run *r, struct job *j,
                        struct tokenizer *tok)
{
    struct article a = {0};
    struct lv_err err = {0};
    const char *why = NULL;
    size_t len = 0;
    char *data = read_file(j->file->path, &len, &why);
    int rc;

    if (!data) {
        j->result = RES_FAILED;
        j->reason = strdup(why);
        return;
    }
    hash_hex(data, len, j->hash);
    j->bytes = len;
    if (j->old_hash && strcmp(j->old_hash, j->hash) == 0) {
        j->result = RES_UNCHANGED;
        free(data);
        return;
    }
    if (container_type(j->file->type)) {
        rc = container_read(j->file->type, data, len, &j->box, &err);
        free(data);
        if (rc == 0) {
            j->units = calloc(j->box.n ? j->box.n : 1, sizeof(*j->units));
            if (!j->units)
                rc = lv_err_set(&err, LV_ENOMEM, "out of memory");
        }
        if (rc == 0) {
            j->note = j->box.skipped; /* the summary's, from now on */
            j->box.skipped = NULL;
            j->nunits = j->box.n;
            j->result = RES_INDEXED;
            return;
        }
    } else if (!tok) {
        free(data);
        rc = lv_err_set(&err, LV_EICU, "cannot start the ICU tokenizer");
    } else {
        rc = read_article(j, data, len, &a, &j->note, &err);
        free(data);
        if (rc == 0)
            rc = build_unit(r, j, NULL, &a, &j->one, tok, &err);
        article_release(&a);
    }
    if (rc < 0) {
        j->result = RES_FAILED;
        j->reason = strdup(err.msg[0] ? err.msg : lv_strerror(rc));
        return;
    }
    j->result = RES_INDEXED;
}

/* The first container member a worker may build: in a job the writer
 * has not finished, within WINDOW of what the writer took.  Under lock. */
static struct job *open_member(struct run *r, size_t *k)
{
    size_t i;

    for (i = r->written; i < r->next; i++) {
        struct job *j = &r->jobs[i];

        if (j->state == JOB_OPEN && j->next_unit < j->nunits
            && j->next_unit < j->units_written + WINDOW) {
            *k = j->next_unit++;
            return j;
        }
    }
    return NULL;
}

/* 1 while some job is still being read (it may open members) or has
 * members nobody took yet (the writer's progress lets them be taken).
 * Under lock. */
static int work_left(const struct run *r)
{
    size_t i;

    for (i = r->written; i < r->next; i++)
        if (r->jobs[i].state == JOB_PENDING
            || (r->jobs[i].state == JOB_OPEN
                && r->jobs[i].next_unit < r->jobs[i].nunits))
            return 1;
    return 0;
}

static void *worker_main(void *arg)
{
    struct run *r = arg;
    struct tokenizer *tok = NULL;
    struct lv_err err;

    if (tokenizer_new(&tok, &err) < 0)
        tok = NULL; /* each job then fails with a clear reason */
    pthread_mutex_lock(&r->lock);
    while (!r->abort) {
        struct job *j;
        size_t k;

        if ((j = open_member(r, &k)) != NULL) {
            pthread_mutex_unlock(&r->lock);
            build_member(r, j, k, tok);
            pthread_mutex_lock(&r->lock);
            j->units[k].done = 1;
            if (++j->units_done == j->nunits)
                j->state = JOB_DONE;
            pthread_cond_broadcast(&r->done_cv);
            continue;
        }
        if (r->next < r->njobs && r->next < r->written + WINDOW) {
            j = &r->jobs[r->next++];
            pthread_mutex_unlock(&r->lock);
            if (j->result == RES_TODO)
                process_job(r, j, tok);
            pthread_mutex_lock(&r->lock);
            j->state = j->nunits ? JOB_OPEN : JOB_DONE;
            pthread_cond_broadcast(&r->done_cv);
            pthread_cond_broadcast(&r->room_cv); /* members to build */
            continue;
        }
        if (r->next >= r->njobs && !work_left(r))
            break; /* what is left is being built by others */
        pthread_cond_wait(&r->room_cv, &r->lock);
    }
    pthread_mutex_unlock(&r->lock);
    tokenizer_free(tok);
    return NULL;
}

int indexer_open_db(const char *path, struct xdb **out, struct lv_err *err)
{
    struct xdb *db = NULL;
    char *version = NULL;
    unsigned count = 0;
    int rc = xdb_open(path, XDB_WRITE, &db, err);

    if (rc < 0)
        return rc;
    rc = xdb_get_meta(db, SCHEMA_META_KEY, &version, err);
    if (rc == 0)
        rc = xdb_doc_count(db, &count, err);
    if (rc < 0)
        goto out;
    if (!*version && count == 0) {
        rc = xdb_set_meta(db, SCHEMA_META_KEY, SCHEMA_VERSION, err);
    } else if (strcmp(version, SCHEMA_VERSION) != 0) {
        rc = lv_err_set(err, LV_ESCHEMA,
                        "index '%s' has schema version '%s', this lvzhi "
                        "writes '%s': index into a new --db",
                        path, version, SCHEMA_VERSION);
    }
out:
    free(version);
    if (rc < 0) {
        xdb_free(db);
        return rc;
    }
    *out = db;
    return 0;
}

/* Where a container's state is kept: the stamp and hash of the version
 * whose members were all written, as "stamp hash", under a key made from
 * its path key's hash (keys have a length limit, paths do not). */
static void container_meta_key(const char *key, char *out, size_t n)
{
    char uid[64];

    document_uid_term(key, uid);
    snprintf(out, n, "lvzhi.container.%s", uid + strlen(PFX_UID));
}

/* The stamp and hash a single file's or a container's previous version
 * was indexed with, "" when it has none.  Caller frees both. */
static int previous_version(struct xdb *db, const struct walk_file *f,
                            char **stamp, char **hash, struct lv_err *err)
{
    char uid[64], *state = NULL, *sp;
    unsigned docid = 0;
    struct xdoc *doc = NULL;
    int rc;

    *stamp = *hash = NULL;
    if (container_type(f->type)) {
        char mkey[96];

        container_meta_key(f->key, mkey, sizeof(mkey));
        rc = xdb_get_meta(db, mkey, &state, err);
        if (rc < 0)
            return rc;
        sp = strchr(state, ' ');
        *hash = strdup(sp ? sp + 1 : "");
        if (sp)
            *sp = '\0';
        *stamp = state;
        return *hash ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    document_uid_term(f->key, uid);
    rc = xdb_find(db, uid, &docid, err);
    if (rc == 0 && docid)
        rc = xdb_get_doc(db, docid, &doc, err);
    if (rc == 0 && doc)
        rc = xdoc_get_value(doc, SLOT_MTIME, stamp, NULL, err);
    if (rc == 0 && doc)
        rc = xdoc_get_value(doc, SLOT_HASH, hash, NULL, err);
    xdoc_free(doc);
    return rc;
}

/*
 * Before any work: find each file's previous version.  Same size and
 * mtime means unchanged without reading the file; otherwise remember the
 * old content hash so a worker can tell a touched file from a changed one.
 */
static int plan_jobs(struct xdb *db, const struct walk *w, int force,
                     struct job *jobs, struct lv_err *err)
{
    size_t i;

    for (i = 0; i < w->nfiles; i++) {
        struct job *j = &jobs[i];
        struct stat st;
        char *stamp = NULL, *hash = NULL;
        int rc = 0;

        j->file = &w->files[i];
        j->result = RES_TODO;
        if (stat(j->file->path, &st) == 0)
            snprintf(j->stamp, sizeof(j->stamp), "%lld.%09ld:%lld",
                     (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                     (long long)st.st_size);
        /* Forced, a single file is written again whatever it was; a
         * container still needs to know it had members to delete. */
        if (!force || container_type(j->file->type))
            rc = previous_version(db, j->file, &stamp, &hash, err);
        j->had_version = rc == 0 && stamp && *stamp;
        if (force)
            ; /* read and written again, whatever it was */
        else if (j->had_version && strcmp(stamp, j->stamp) == 0)
            j->result = RES_UNCHANGED;
        else if (rc == 0 && hash && *hash) {
            j->old_hash = hash;
            hash = NULL;
        }
        free(stamp);
        free(hash);
        if (rc < 0)
            return rc;
    }
    return 0;
}

struct sweep {
    const struct walk *w;
    struct strv gone;
};

static int collect_gone(const char *term, unsigned freq, void *ctx)
{
    struct sweep *s = ctx;
    const char *key = term + strlen(PFX_PATH);

    (void)freq;
    return walk_has_key(s->w, key) ? 0 : strv_push(&s->gone, strdup(key));
}

struct members_of {
    struct xdb *db;
    struct strv uids;
    struct lv_err *err;
};

/* Collect the unique term of each document posted under a path term
 * (from its card: the id without the body to inflate and parse). */
static int collect_uid(unsigned docid, void *ctx)
{
    struct members_of *m = ctx;
    struct xdoc *doc = NULL;
    struct record *card;
    struct buf uid = BUF_INIT;
    char *data = NULL;
    const char *id;
    size_t len = 0;
    int rc = xdb_get_doc(m->db, docid, &doc, m->err);

    if (rc == 0)
        rc = xdoc_get_value(doc, SLOT_CARD, &data, &len, m->err);
    xdoc_free(doc);
    if (rc < 0)
        return rc;
    card = record_parse(data, len);
    free(data);
    if (!card)
        return LV_ENOMEM;
    id = record_get(card, "id");
    if (id)
        rc = buf_printf(&uid, "%s%s", PFX_UID, id) < 0
                 ? LV_ENOMEM
                 : strv_push(&m->uids, buf_take(&uid, NULL));
    record_free(card);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Delete the documents a file key has in the index, except those whose
 * unique term is in keep (sorted; NULL keeps none): a file that went, or
 * the members a container no longer holds.  Adds to *deleted.
 */
static int delete_path(struct xdb *db, struct reprints *rp, const char *key,
                       char **keep, size_t nkeep, size_t *deleted,
                       struct lv_err *err)
{
    struct members_of m = {db, {NULL, 0, 0}, err};
    char term[SCHEMA_MAX_TERM + 8];
    size_t i;
    int rc;

    snprintf(term, sizeof(term), "%s%s", PFX_PATH, key);
    rc = xdb_each_posting(db, term, collect_uid, &m, err);
    if (rc == LV_ENOMEM)
        rc = lv_err_set(err, rc, "out of memory");
    for (i = 0; i < m.uids.n && rc == 0; i++) {
        if (keep && bsearch(&m.uids.v[i], keep, nkeep, sizeof(*keep), cmp_str))
            continue;
        rc = reprints_delete(rp, m.uids.v[i], err);
        if (rc == 0)
            (*deleted)++;
    }
    strv_release(&m.uids);
    return rc;
}

/* Delete the documents of files that were under a walked folder before
 * and are not any more (with a container's state). */
static int sweep_removed(struct xdb *db, struct reprints *rp,
                         const struct walk *w, struct indexer_stats *stats,
                         struct lv_err *err)
{
    struct sweep s = {w, {NULL, 0, 0}};
    char term[SCHEMA_MAX_TERM + 8], mkey[96];
    size_t i, k;
    int rc = 0;

    for (i = 0; i < w->nroots && rc == 0; i++) {
        if (!w->roots[i].is_dir)
            continue;
        snprintf(term, sizeof(term), "%s%s", PFX_PATH, w->roots[i].prefix);
        rc = xdb_each_term(db, term, collect_gone, &s, err);
    }
    for (k = 0; k < s.gone.n && rc == 0; k++) {
        rc = delete_path(db, rp, s.gone.v[k], NULL, 0, &stats->deleted, err);
        container_meta_key(s.gone.v[k], mkey, sizeof(mkey));
        if (rc == 0)
            rc = xdb_set_meta(db, mkey, "", err);
    }
    strv_release(&s.gone);
    return rc;
}

/* Append a remark (key and text copied) to *v of *n.  0 or LV_ENOMEM. */
static int add_remark(struct indexer_remark **v, size_t *n, const char *key,
                      const char *text)
{
    struct indexer_remark *r = realloc(*v, (*n + 1) * sizeof(*r));
    char *k = strdup(key), *t = strdup(text);

    if (r)
        *v = r;
    if (!r || !k || !t) {
        free(k);
        free(t);
        return LV_ENOMEM;
    }
    r[*n].key = k;
    r[*n].text = t;
    (*n)++;
    return 0;
}

static int add_failure(struct indexer_stats *stats, const char *key,
                       const char *reason)
{
    return add_remark(&stats->failures, &stats->failed, key,
                      reason ? reason : "unknown error");
}

/* Turn the document's facet terms into ids (assigned here, in the one
 * writing thread, and committed with the document). */
static int encode_facets(struct facetdict *dict, struct xdoc *doc,
                         struct lv_err *err)
{
    struct buf ids = BUF_INIT;
    char *terms = NULL;
    size_t len = 0;
    int rc = xdoc_get_value(doc, SLOT_FACETS, &terms, &len, err);

    if (rc == 0)
        rc = facetdict_encode(dict, terms, len, &ids, err);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_FACETS, ids.data ? ids.data : "", ids.len,
                            err);
    free(terms);
    buf_release(&ids);
    return rc;
}

static void unit_release(struct unit *u)
{
    xdoc_free(u->doc);
    u->doc = NULL;
    reprint_print_release(&u->print);
    free(u->reason);
    u->reason = NULL;
}

static void job_release(struct job *j)
{
    size_t k;

    unit_release(&j->one);
    for (k = 0; j->units && k < j->nunits; k++)
        unit_release(&j->units[k]);
    free(j->units);
    j->units = NULL;
    container_release(&j->box);
    free(j->old_hash);
    free(j->reason);
    free(j->note);
    j->old_hash = j->reason = j->note = NULL;
}

/* The writing thread's state. */
struct writer {
    struct run *r;
    struct xdb *db;
    struct facetdict *dict;
    struct reprints *rp;
    const struct indexer_opts *opts;
    struct indexer_stats *stats;
    unsigned batch, pending;
};

static int stop_asked(const struct writer *w)
{
    return w->opts->stop && *w->opts->stop;
}

static int commit(struct writer *w, struct lv_err *err)
{
    int rc = facetdict_flush(w->dict, err);

    if (rc == 0)
        rc = xdb_commit(w->db, err);
    if (rc == 0)
        w->stats->committed = w->stats->indexed;
    w->pending = 0;
    return rc;
}

/* Write one built unit (then free it), committing every batch. */
static int write_unit(struct writer *w, struct unit *u, struct lv_err *err)
{
    int rc = encode_facets(w->dict, u->doc, err);

    if (rc == 0)
        rc = reprints_replace(w->rp, u->uid, u->doc, &u->print, err);
    if (rc == 0) {
        w->stats->indexed++;
        w->pending++;
    }
    if (rc == 0 && w->pending >= w->batch)
        rc = commit(w, err);
    unit_release(u);
    return rc;
}

/* Remember that a container's version is fully written. */
static int save_container_state(struct writer *w, const struct job *j,
                                struct lv_err *err)
{
    char mkey[96], state[48 + HASH_HEX_LEN + 2];

    container_meta_key(j->file->key, mkey, sizeof(mkey));
    snprintf(state, sizeof(state), "%s %s", j->stamp, j->hash);
    return xdb_set_meta(w->db, mkey, state, err);
}

/*
 * A container's members in file order as workers finish them; then the
 * documents of members it no longer holds are deleted and its version is
 * saved.  Stopped half-way, the version is not saved, so the next run
 * reads the file again.
 */
static int write_container(struct writer *w, struct job *j, struct lv_err *err)
{
    struct run *r = w->r;
    char **keep = malloc((j->nunits ? j->nunits : 1) * sizeof(*keep));
    size_t k;
    int rc = keep ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");

    for (k = 0; k < j->nunits && rc == 0; k++) {
        struct unit *u = &j->units[k];

        pthread_mutex_lock(&r->lock);
        while (!u->done)
            pthread_cond_wait(&r->done_cv, &r->lock);
        pthread_mutex_unlock(&r->lock);
        if (stop_asked(w)) {
            w->stats->interrupted = 1;
            free(keep);
            return 0;
        }
        keep[k] = u->uid;
        if (u->reason) {
            struct buf key = BUF_INIT;

            rc =
                buf_printf(&key, "%s [%s]", j->file->key, j->box.members[k].id);
            if (rc == 0)
                rc = add_failure(w->stats, key.data, u->reason);
            buf_release(&key);
            if (rc < 0)
                rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        } else {
            rc = write_unit(w, u, err);
        }
        pthread_mutex_lock(&r->lock);
        j->units_written = k + 1;
        pthread_cond_broadcast(&r->room_cv);
        pthread_mutex_unlock(&r->lock);
    }
    if (rc == 0 && j->had_version) {
        qsort(keep, j->nunits, sizeof(*keep), cmp_str);
        rc = delete_path(w->db, w->rp, j->file->key, keep, j->nunits,
                         &w->stats->deleted, err);
    }
    free(keep);
    for (k = 0; k < j->box.problems.n && rc == 0; k++)
        if (add_failure(w->stats, j->file->key, j->box.problems.v[k]) < 0)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = save_container_state(w, j, err);
    if (rc == 0)
        w->stats->bytes += j->bytes;
    return rc;
}

/* One job's results, once its worker is done with it. */
static int write_job(struct writer *w, struct job *j, struct lv_err *err)
{
    int rc = 0;

    if (j->result == RES_INDEXED && container_type(j->file->type)) {
        rc = write_container(w, j, err);
    } else if (j->result == RES_INDEXED) {
        rc = write_unit(w, &j->one, err);
        if (rc == 0)
            w->stats->bytes += j->bytes;
    } else if (j->result == RES_UNCHANGED) {
        w->stats->unchanged++;
        /* Read and found the same: its new stamp saves the next read. */
        if (container_type(j->file->type) && j->hash[0])
            rc = save_container_state(w, j, err);
    } else if (j->result == RES_FAILED) {
        rc = add_failure(w->stats, j->file->key, j->reason);
        if (rc < 0)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0 && j->note
        && add_remark(&w->stats->notes, &w->stats->nnotes, j->file->key,
                      j->note)
               < 0)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    return rc;
}

/* The writer's loop: consume jobs in order, write, commit in batches. */
static int write_jobs(struct run *r, struct xdb *db, struct facetdict *dict,
                      struct reprints *rp, const struct indexer_opts *opts,
                      struct indexer_stats *stats, struct lv_err *err)
{
    struct writer w = {
        r, db, dict, rp, opts, stats, opts->batch ? opts->batch : INDEXER_BATCH,
        0};
    int rc = 0;
    size_t i;

    for (i = 0; i < r->njobs; i++) {
        struct job *j = &r->jobs[i];

        pthread_mutex_lock(&r->lock);
        while (j->state == JOB_PENDING)
            pthread_cond_wait(&r->done_cv, &r->lock);
        pthread_mutex_unlock(&r->lock);

        if (rc == 0 && !stop_asked(&w)) {
            rc = write_job(&w, j, err);
            if (opts->progress)
                opts->progress(i + 1, r->njobs, opts->progress_ctx);
        }
        if (stop_asked(&w))
            stats->interrupted = 1;

        pthread_mutex_lock(&r->lock);
        /* Workers may still be building members of a job the writer left
         * (stopped or failed): those are freed after they are joined. */
        if (j->state == JOB_DONE)
            job_release(j);
        r->written = i + 1;
        if (rc < 0 || stop_asked(&w))
            r->abort = 1;
        pthread_cond_broadcast(&r->room_cv);
        pthread_mutex_unlock(&r->lock);
        if (r->abort)
            break;
    }
    if (stop_asked(&w))
        stats->interrupted = 1;
    return rc;
}

/* Remember where each root is (see SCHEMA_ROOT_META). */
static int save_roots(struct xdb *db, const struct walk *w, struct lv_err *err)
{
    char key[sizeof(SCHEMA_ROOT_META) + HASH_HEX_LEN];
    char hex[HASH_HEX_LEN + 1];
    size_t i;
    int rc = 0;

    for (i = 0; i < w->nroots && rc == 0; i++) {
        const struct walk_root *r = &w->roots[i];

        if (!r->dir)
            continue;
        hash_hex(r->prefix, strlen(r->prefix) - 1, hex); /* without '/' */
        snprintf(key, sizeof(key), "%s%s", SCHEMA_ROOT_META, hex);
        rc = xdb_set_meta(db, key, r->dir, err);
    }
    return rc;
}

int indexer_run(const struct walk *w, const struct indexer_opts *opts,
                struct indexer_stats *stats, struct lv_err *err)
{
    struct run r = {0};
    struct xdb *db = NULL;
    struct facetdict *dict = NULL;
    struct reprints *rp = NULL;
    pthread_t *threads = NULL;
    unsigned nthreads = opts->threads ? opts->threads : host_cpus(), t;
    unsigned started = 0;
    double t0 = host_seconds();
    size_t i;
    int rc, rc2;

    memset(stats, 0, sizeof(*stats));
    rc = indexer_open_db(opts->db_path, &db, err);
    if (rc < 0)
        return rc;
    r.jobs = calloc(w->nfiles ? w->nfiles : 1, sizeof(*r.jobs));
    threads = calloc(nthreads, sizeof(*threads));
    dict = facetdict_new(db);
    rp = reprints_new(db);
    if (!r.jobs || !threads || !dict || !rp) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    r.njobs = w->nfiles;
    r.no_entities = opts->no_entities;
    r.no_reprints = opts->no_reprints;
    rc = save_roots(db, w, err);
    if (rc == 0)
        rc = plan_jobs(db, w, opts->force, r.jobs, err);
    if (rc < 0)
        goto out;

    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.done_cv, NULL);
    pthread_cond_init(&r.room_cv, NULL);
    for (t = 0; t < nthreads; t++) {
        if (pthread_create(&threads[t], NULL, worker_main, &r) != 0)
            break;
        started++;
    }
    if (started == 0) {
        rc = lv_err_set(err, LV_EINTERNAL, "cannot start worker threads");
    } else {
        rc = write_jobs(&r, db, dict, rp, opts, stats, err);
    }
    pthread_mutex_lock(&r.lock);
    r.abort = 1;
    pthread_cond_broadcast(&r.room_cv);
    pthread_mutex_unlock(&r.lock);
    for (t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&r.lock);
    pthread_cond_destroy(&r.done_cv);
    pthread_cond_destroy(&r.room_cv);

    if (rc == 0 && !stats->interrupted)
        rc = sweep_removed(db, rp, w, stats, err);
out:
    /* Whatever happened, keep what was done (omindex's CommitAndExit),
     * with the facet ids its documents use. */
    rc2 = dict ? facetdict_flush(dict, rc < 0 ? NULL : err) : 0;
    if (rc2 == 0)
        rc2 = xdb_commit(db, rc < 0 ? NULL : err);
    /* After a failed commit Xapian drops the pending changes and a later
     * commit succeeds with nothing, so only a clean run counts as saved. */
    if (rc == 0 && rc2 == 0)
        stats->committed = stats->indexed;
    if (rc == 0)
        rc = rc2;
    facetdict_free(dict);
    reprints_free(rp);
    xdb_free(db);
    for (i = 0; r.jobs && i < r.njobs; i++)
        job_release(&r.jobs[i]);
    free(r.jobs);
    free(threads);
    stats->seconds = host_seconds() - t0;
    return rc;
}

static void remarks_release(struct indexer_remark **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free((*v)[i].key);
        free((*v)[i].text);
    }
    free(*v);
    *v = NULL;
}

void indexer_stats_release(struct indexer_stats *s)
{
    remarks_release(&s->failures, s->failed);
    remarks_release(&s->notes, s->nnotes);
}
