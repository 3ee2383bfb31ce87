/*
 * indexer.h - index a list of files into a database: incremental (files
 * whose size and mtime, or else content hash, are unchanged are skipped),
 * whole (a file holding many articles, a crawl or an export, is one unit:
 * its articles are replaced together and those it no longer holds
 * deleted),
 * parallel (worker threads read, clean and build documents; one thread
 * writes them in order), batched (a commit every `batch` documents, so a
 * crash loses at most one batch and the index always opens), and
 * complete (files that disappeared from a walked folder are deleted).
 */
#ifndef LVZHI_INDEXER_H
#define LVZHI_INDEXER_H

#include <stddef.h>

#include "../common/err.h"
#include "walk.h"

/*
 * Documents per commit by default.  Measured on 20,000 generated pages:
 * 300 took 144 s with 159 MB peak, 1000 took 151 s with 279 MB, 5000 took
 * 221 s with 969 MB (Xapian's in-memory changes grow past the caches).
 */
#define INDEXER_BATCH 300

struct indexer_opts {
    const char *db_path;
    unsigned batch;   /* documents per commit; 0 means INDEXER_BATCH */
    unsigned threads; /* worker threads; 0 means the number of CPUs */
    int force;        /* re-index unchanged files too */
    /* Called after every file (from the writing thread). */
    void (*progress)(size_t done, size_t total, void *ctx);
    void *progress_ctx;
    /* Set to non-zero (e.g. from a signal handler) to stop after the
     * current document; what was done is committed. */
    volatile int *stop;
    /* For measuring what they cost (make bench) only: no entities, no
     * reprint clusters (every document an article alone). */
    int no_entities, no_reprints;
};

/* What the summary says of a file: why it failed, or a note on one that
 * was indexed (what a crawl's skipped records were, that a PDF was cut
 * at its page cap). */
struct indexer_remark {
    char *key; /* the file's path key */
    char *text;
};

struct indexer_stats {
    size_t indexed, unchanged, deleted, failed;
    size_t committed; /* of `indexed`, those a commit has made durable */
    size_t bytes;     /* bytes of source read for indexed files */
    double seconds;
    int interrupted;
    struct indexer_remark *failures; /* `failed` of them */
    struct indexer_remark *notes;
    size_t nnotes;
};

/*
 * Index w's files into opts->db_path (created if missing).  Per-file
 * problems are failures in *stats, not errors; the return value is 0, or
 * an error that stopped the run (LV_ELOCKED, LV_ESCHEMA, LV_EDB, LV_ENOMEM)
 * after committing what was done.  Release stats with
 * indexer_stats_release().
 */
LV_MUST_CHECK
int indexer_run(const struct walk *w, const struct indexer_opts *opts,
                struct indexer_stats *stats, struct lv_err *err);

void indexer_stats_release(struct indexer_stats *s);

/*
 * Open (creating if needed) a writable database and check or set its
 * schema version.  Shared by the indexer and tests.
 */
struct xdb;
LV_MUST_CHECK
int indexer_open_db(const char *path, struct xdb **out, struct lv_err *err);

#endif
