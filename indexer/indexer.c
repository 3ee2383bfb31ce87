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
#include <time.h>
#include <unistd.h>

#include "../common/hash.h"
#include "../text/norm.h"
#include "../text/tokens.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "article.h"
#include "document.h"
#include "reprints.h"

#define WINDOW 256
#define MAX_FILE_BYTES (256u << 20)

enum job_state { JOB_PENDING, JOB_DONE };
enum job_result { RES_TODO, RES_INDEXED, RES_UNCHANGED, RES_FAILED };

struct job {
    const struct walk_file *file;
    char stamp[48];         /* "mtime:size" now */
    char *old_hash;         /* hash stored with the previous version */
    int state, result;
    struct xdoc *doc;
    struct reprint_print print;   /* its text, to find what it copies */
    char uid[64];
    size_t bytes;
    char *reason;           /* for RES_FAILED */
};

struct run {
    struct job *jobs;
    size_t njobs;
    size_t next;            /* next job a worker takes */
    size_t written;         /* jobs the writer has consumed */
    int abort;
    pthread_mutex_t lock;
    pthread_cond_t done_cv, room_cv;
};

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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
            break;   /* the file shrank while we read it: take what is there */
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

/* The worker's part of one job: read, compare, clean, build. */
static void process_job(struct job *j, struct tokenizer *tok)
{
    struct article a = { 0 };
    struct norm folded = { 0 };
    struct document_source src;
    struct lv_err err = { 0 };
    char hash[HASH_HEX_LEN + 1];
    const char *why = NULL;
    size_t len = 0;
    char *data = read_file(j->file->path, &len, &why);
    int rc;

    if (!data) {
        j->result = RES_FAILED;
        j->reason = strdup(why);
        return;
    }
    hash_hex(data, len, hash);
    if (j->old_hash && strcmp(j->old_hash, hash) == 0) {
        j->result = RES_UNCHANGED;
        free(data);
        return;
    }
    if (strcmp(j->file->type, "html") == 0)
        rc = article_from_html(data, len, &a, &err);
    else
        rc = article_from_text(data, len, &a, &err);
    free(data);
    if (rc == 0) {
        src.key = j->file->key;
        src.hash = hash;
        src.stamp = j->stamp;
        src.type = j->file->type;
        rc = document_build(&a, &src, tok, &j->doc, j->uid, &folded, &err);
    }
    /* LVZHI_NO_REPRINTS: for `make bench` only, which measures what
     * finding copies costs (every document is then an article alone). */
    if (rc == 0 && !getenv("LVZHI_NO_REPRINTS"))
        rc = reprint_print_make(folded.text, folded.len, j->doc, &j->print,
                                &err);
    norm_release(&folded);
    article_release(&a);
    if (rc < 0) {
        j->result = RES_FAILED;
        j->reason = strdup(err.msg[0] ? err.msg : lv_strerror(rc));
        return;
    }
    j->result = RES_INDEXED;
    j->bytes = len;
}

static void *worker_main(void *arg)
{
    struct run *r = arg;
    struct tokenizer *tok = NULL;
    struct lv_err err;

    if (tokenizer_new(&tok, &err) < 0)
        tok = NULL;   /* each job then fails with a clear reason */
    for (;;) {
        struct job *j;
        size_t i;

        pthread_mutex_lock(&r->lock);
        while (!r->abort && r->next < r->njobs
               && r->next >= r->written + WINDOW)
            pthread_cond_wait(&r->room_cv, &r->lock);
        if (r->abort || r->next >= r->njobs) {
            pthread_mutex_unlock(&r->lock);
            break;
        }
        i = r->next++;
        pthread_mutex_unlock(&r->lock);

        j = &r->jobs[i];
        if (j->result == RES_TODO) {
            if (tok)
                process_job(j, tok);
            else {
                j->result = RES_FAILED;
                j->reason = strdup("cannot start the ICU tokenizer");
            }
        }
        pthread_mutex_lock(&r->lock);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&r->done_cv);
        pthread_mutex_unlock(&r->lock);
    }
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
                        "writes '%s': index into a new --db", path,
                        version, SCHEMA_VERSION);
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

/*
 * Before any work: find each file's previous document.  Same size and
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
        unsigned docid = 0;
        struct xdoc *doc = NULL;
        char *stamp = NULL;
        int rc;

        j->file = &w->files[i];
        j->result = RES_TODO;
        if (stat(j->file->path, &st) == 0)
            snprintf(j->stamp, sizeof(j->stamp), "%lld.%09ld:%lld",
                     (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                     (long long)st.st_size);
        document_uid_term(j->file->key, j->uid);
        rc = xdb_find(db, j->uid, &docid, err);
        if (rc == 0 && docid && !force)
            rc = xdb_get_doc(db, docid, &doc, err);
        if (rc == 0 && doc)
            rc = xdoc_get_value(doc, SLOT_MTIME, &stamp, NULL, err);
        if (rc == 0 && doc && strcmp(stamp, j->stamp) == 0)
            j->result = RES_UNCHANGED;
        else if (rc == 0 && doc)
            rc = xdoc_get_value(doc, SLOT_HASH, &j->old_hash, NULL, err);
        free(stamp);
        xdoc_free(doc);
        if (rc < 0)
            return rc;
    }
    return 0;
}

struct sweep {
    const struct walk *w;
    char **gone;
    size_t n, cap;
};

static int collect_gone(const char *term, void *ctx)
{
    struct sweep *s = ctx;
    const char *key = term + strlen(PFX_PATH);

    if (walk_has_key(s->w, key))
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **g = realloc(s->gone, cap * sizeof(*g));

        if (!g)
            return LV_ENOMEM;
        s->gone = g;
        s->cap = cap;
    }
    s->gone[s->n] = strdup(key);
    return s->gone[s->n++] ? 0 : LV_ENOMEM;
}

/* Delete the documents of files that were under a walked folder before
 * and are not any more. */
static int sweep_removed(struct xdb *db, struct reprints *rp,
                         const struct walk *w, struct indexer_stats *stats,
                         struct lv_err *err)
{
    struct sweep s = { w, NULL, 0, 0 };
    char term[SCHEMA_MAX_TERM + 8], uid[64];
    size_t i, k;
    int rc = 0;

    for (i = 0; i < w->nroots && rc == 0; i++) {
        if (!w->roots[i].is_dir)
            continue;
        snprintf(term, sizeof(term), "%s%s", PFX_PATH, w->roots[i].prefix);
        rc = xdb_each_term(db, term, collect_gone, &s, err);
    }
    for (k = 0; k < s.n; k++) {
        if (rc == 0) {
            document_uid_term(s.gone[k], uid);
            rc = reprints_delete(rp, uid, err);
            if (rc == 0)
                stats->deleted++;
        }
        free(s.gone[k]);
    }
    free(s.gone);
    return rc;
}

static int add_failure(struct indexer_stats *stats, const char *key,
                       const char *reason)
{
    struct indexer_failure *f = realloc(stats->failures,
                                        (stats->failed + 1) * sizeof(*f));

    if (!f)
        return LV_ENOMEM;
    stats->failures = f;
    f[stats->failed].key = strdup(key);
    f[stats->failed].reason = strdup(reason ? reason : "unknown error");
    stats->failed++;
    return 0;
}

static unsigned cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
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
        rc = xdoc_set_value(doc, SLOT_FACETS, ids.data ? ids.data : "",
                            ids.len, err);
    free(terms);
    buf_release(&ids);
    return rc;
}

/* The writer's loop: consume jobs in order, write, commit in batches. */
static int write_jobs(struct run *r, struct xdb *db, struct facetdict *dict,
                      struct reprints *rp, const struct indexer_opts *opts,
                      struct indexer_stats *stats, struct lv_err *err)
{
    unsigned batch = opts->batch ? opts->batch : INDEXER_BATCH, pending = 0;
    int rc = 0;
    size_t i;

    for (i = 0; i < r->njobs; i++) {
        struct job *j = &r->jobs[i];

        pthread_mutex_lock(&r->lock);
        while (j->state != JOB_DONE)
            pthread_cond_wait(&r->done_cv, &r->lock);
        pthread_mutex_unlock(&r->lock);

        if (rc == 0 && !(opts->stop && *opts->stop)) {
            if (j->result == RES_INDEXED) {
                rc = encode_facets(dict, j->doc, err);
                if (rc == 0)
                    rc = reprints_replace(rp, j->uid, j->doc, &j->print,
                                          err);
                if (rc == 0) {
                    stats->indexed++;
                    stats->bytes += j->bytes;
                    pending++;
                }
            } else if (j->result == RES_UNCHANGED) {
                stats->unchanged++;
            } else if (j->result == RES_FAILED) {
                rc = add_failure(stats, j->file->key, j->reason);
            }
            if (rc == 0 && pending >= batch) {
                rc = facetdict_flush(dict, err);
                if (rc == 0)
                    rc = xdb_commit(db, err);
                if (rc == 0)
                    stats->committed = stats->indexed;
                pending = 0;
            }
            if (opts->progress)
                opts->progress(i + 1, r->njobs, opts->progress_ctx);
        } else if (opts->stop && *opts->stop) {
            stats->interrupted = 1;
        }
        xdoc_free(j->doc);
        j->doc = NULL;
        reprint_print_release(&j->print);

        pthread_mutex_lock(&r->lock);
        r->written = i + 1;
        if (rc < 0 || (opts->stop && *opts->stop))
            r->abort = 1;
        pthread_cond_broadcast(&r->room_cv);
        pthread_mutex_unlock(&r->lock);
        if (r->abort)
            break;
    }
    if (opts->stop && *opts->stop)
        stats->interrupted = 1;
    return rc;
}

int indexer_run(const struct walk *w, const struct indexer_opts *opts,
                struct indexer_stats *stats, struct lv_err *err)
{
    struct run r = { 0 };
    struct xdb *db = NULL;
    struct facetdict *dict = NULL;
    struct reprints *rp = NULL;
    pthread_t *threads = NULL;
    unsigned nthreads = opts->threads ? opts->threads : cpu_count(), t;
    unsigned started = 0;
    double t0 = now_seconds();
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
    for (i = 0; r.jobs && i < r.njobs; i++) {
        xdoc_free(r.jobs[i].doc);
        reprint_print_release(&r.jobs[i].print);
        free(r.jobs[i].old_hash);
        free(r.jobs[i].reason);
    }
    free(r.jobs);
    free(threads);
    stats->seconds = now_seconds() - t0;
    return rc;
}

void indexer_stats_release(struct indexer_stats *s)
{
    size_t i;

    for (i = 0; i < s->failed; i++) {
        free(s->failures[i].key);
        free(s->failures[i].reason);
    }
    free(s->failures);
    s->failures = NULL;
}
