/*
 * xapian_c.h - a small C API over Xapian (implemented in xapian_c.cc, the
 * only C++ unit of lvzhi).
 *
 * Handles are opaque.  Every fallible call returns 0 or a negative LV_E*
 * code (common/err.h) and fills `err` when it is not NULL; C++ exceptions
 * never cross into C.  Strings are UTF-8 (terms are byte strings to Xapian).
 * `*_free(NULL)` is a no-op and no `*_free` fails.
 *
 * Ownership: a function that returns a `char *` through an out-pointer
 * hands it to the caller, who frees it with free().  Query constructors
 * take ownership of the sub-queries they are given, even on failure.
 */
#ifndef LVZHI_XAPIAN_C_H
#define LVZHI_XAPIAN_C_H

#include <stddef.h>

#include "../common/err.h"

#ifdef __cplusplus
#define XC_NOEXCEPT noexcept
extern "C" {
#else
#define XC_NOEXCEPT
#endif

struct xdb;      /* a database: writable, read-only, or several shards */
struct xdoc;     /* a document being built, or one read back */
struct xquery;   /* a query tree node */
struct xenquire; /* a search session on one database */
struct xmset;    /* the results of one search */

/* ---- databases ------------------------------------------------------- */

enum xdb_mode {
    XDB_READ = 0,  /* read-only; the database must exist */
    XDB_WRITE = 1, /* writable; created if missing (glass backend) */
};

/*
 * Open the database at `path`.  A writable open takes Xapian's write lock:
 * another writer gets LV_ELOCKED.  A missing or unreadable database gives
 * LV_EDB (LV_ENOTFOUND when the path does not exist, for XDB_READ).
 * Read-only, `path` may be a stub file listing shards, local or remote
 * ("remote HOST:PORT", "auto PATH"), searched as one; its metadata is
 * the first shard's.
 */
LV_MUST_CHECK
int xdb_open(const char *path, int mode, struct xdb **out,
             struct lv_err *err) XC_NOEXCEPT;

/*
 * How many databases db searches as one: 1 for an index, or a stub
 * file's shards.  Over more than one, docids interleave and metadata is
 * the first's; a remote one (xapian-tcpsrv, xdb_has_remote) runs no spy
 * or posting source of ours.
 */
unsigned xdb_shards(const struct xdb *db) XC_NOEXCEPT;
int xdb_has_remote(const struct xdb *db) XC_NOEXCEPT;

/* The metadata `key` of shard i (0 .. xdb_shards - 1; of the database
 * itself when it was not opened from a stub file).  "" when unset. */
LV_MUST_CHECK
int xdb_shard_meta(struct xdb *db, unsigned i, const char *key, char **out,
                   struct lv_err *err) XC_NOEXCEPT;

/* Close the database (a writable one commits pending changes, as Xapian's
 * destructor does; call xdb_commit first to see errors). */
void xdb_free(struct xdb *db) XC_NOEXCEPT;

/* Re-open a read-only database at its latest committed revision. */
LV_MUST_CHECK
int xdb_reopen(struct xdb *db, struct lv_err *err) XC_NOEXCEPT;

/* Commit pending changes of a writable database. */
LV_MUST_CHECK
int xdb_commit(struct xdb *db, struct lv_err *err) XC_NOEXCEPT;

/* Write the last committed revision of one database (not a stub of
 * shards), compacted, as a new database at out_path (which must not
 * exist): Xapian's compaction, as xapian-compact does it. */
LV_MUST_CHECK
int xdb_compact(struct xdb *db, const char *out_path,
                struct lv_err *err) XC_NOEXCEPT;

/* A fingerprint of the database's revision and uuid (changes with every
 * commit, and with a new database at the same path: a compacted copy
 * counts its revisions from 1 again); over shards, of each one's. */
LV_MUST_CHECK
int xdb_revision(struct xdb *db, unsigned long long *rev,
                 struct lv_err *err) XC_NOEXCEPT;

/* Number of documents and the highest document id in use. */
LV_MUST_CHECK
int xdb_doc_count(struct xdb *db, unsigned *count,
                  struct lv_err *err) XC_NOEXCEPT;
LV_MUST_CHECK
int xdb_last_docid(struct xdb *db, unsigned *docid,
                   struct lv_err *err) XC_NOEXCEPT;

/* Number of documents indexed by `term` (0 if none). */
LV_MUST_CHECK
int xdb_term_freq(struct xdb *db, const char *term, unsigned *freq,
                  struct lv_err *err) XC_NOEXCEPT;

/*
 * Add `doc` to a writable database, replacing every document that carries
 * the unique term `uid_term` (which the caller must also have added to
 * `doc`).  The doc is not consumed.  *docid (may be NULL) gets the new id.
 */
LV_MUST_CHECK
int xdb_replace(struct xdb *db, const char *uid_term, struct xdoc *doc,
                unsigned *docid, struct lv_err *err) XC_NOEXCEPT;

/* Delete every document that carries `uid_term`.  Missing is not an error. */
LV_MUST_CHECK
int xdb_delete(struct xdb *db, const char *uid_term,
               struct lv_err *err) XC_NOEXCEPT;

/* Replace document `docid` (which must exist) with doc, keeping its id:
 * for rewriting a document read back with xdb_get_doc. */
LV_MUST_CHECK
int xdb_replace_docid(struct xdb *db, unsigned docid, struct xdoc *doc,
                      struct lv_err *err) XC_NOEXCEPT;

/* Call fn(docid, ctx) for every document indexed by `term`, ascending;
 * stop early (and return that value) when fn returns non-zero.  A
 * writable database sees its uncommitted changes. */
LV_MUST_CHECK
int xdb_each_posting(struct xdb *db, const char *term,
                     int (*fn)(unsigned docid, void *ctx), void *ctx,
                     struct lv_err *err) XC_NOEXCEPT;

/*
 * Find the document carrying `uid_term`: *docid gets its id, or 0 if there
 * is none (not an error).
 */
LV_MUST_CHECK
int xdb_find(struct xdb *db, const char *uid_term, unsigned *docid,
             struct lv_err *err) XC_NOEXCEPT;

/* Read a document back (for its data and values).  LV_ENOTFOUND if the id
 * is not in use.  The caller frees *out with xdoc_free(). */
LV_MUST_CHECK
int xdb_get_doc(struct xdb *db, unsigned docid, struct xdoc **out,
                struct lv_err *err) XC_NOEXCEPT;

/*
 * Call fn(term, freq, ctx) for every term in the database beginning with
 * `prefix`, in byte order, with the number of documents it indexes.
 * Stop early (and return that value) when fn returns non-zero.
 */
LV_MUST_CHECK
int xdb_each_term(struct xdb *db, const char *prefix,
                  int (*fn)(const char *term, unsigned freq, void *ctx),
                  void *ctx, struct lv_err *err) XC_NOEXCEPT;

/*
 * Call fn(docid, value, len, ctx) for every document with a value in
 * `slot`, in docid order (Xapian's value stream: no document is fetched);
 * stop early, returning its value, when fn returns non-zero.
 */
LV_MUST_CHECK
int xdb_each_value(struct xdb *db, unsigned slot,
                   int (*fn)(unsigned docid, const char *value, size_t len,
                             void *ctx),
                   void *ctx, struct lv_err *err) XC_NOEXCEPT;

/* User metadata.  A missing key reads as "" (Xapian's convention). */
LV_MUST_CHECK
int xdb_get_meta(struct xdb *db, const char *key, char **value,
                 struct lv_err *err) XC_NOEXCEPT;
LV_MUST_CHECK
int xdb_set_meta(struct xdb *db, const char *key, const char *value,
                 struct lv_err *err) XC_NOEXCEPT;

/* ---- documents ------------------------------------------------------- */

/* A new empty document. */
LV_MUST_CHECK
int xdoc_new(struct xdoc **out, struct lv_err *err) XC_NOEXCEPT;
void xdoc_free(struct xdoc *doc) XC_NOEXCEPT;

/* Add a term at position `pos` (1-based), raising its wdf by wdfinc. */
LV_MUST_CHECK
int xdoc_add_posting(struct xdoc *doc, const char *term, unsigned pos,
                     unsigned wdfinc, struct lv_err *err) XC_NOEXCEPT;
/* Add a term without position, raising its wdf by wdfinc. */
LV_MUST_CHECK
int xdoc_add_term(struct xdoc *doc, const char *term, unsigned wdfinc,
                  struct lv_err *err) XC_NOEXCEPT;
/* Add a boolean (filter) term: no wdf, no position. */
LV_MUST_CHECK
int xdoc_add_boolean(struct xdoc *doc, const char *term,
                     struct lv_err *err) XC_NOEXCEPT;
/* Remove a term (and its positions); absent is not an error. */
LV_MUST_CHECK
int xdoc_remove_term(struct xdoc *doc, const char *term,
                     struct lv_err *err) XC_NOEXCEPT;
/* Set value slot `slot` to len bytes of `data`. */
LV_MUST_CHECK
int xdoc_set_value(struct xdoc *doc, unsigned slot, const char *data,
                   size_t len, struct lv_err *err) XC_NOEXCEPT;
/* Set the document data (the stored record). */
LV_MUST_CHECK
int xdoc_set_data(struct xdoc *doc, const char *data, size_t len,
                  struct lv_err *err) XC_NOEXCEPT;

/* Read back the data / a value: *out is malloc'd and NUL-terminated, *len
 * (may be NULL) its length.  A missing value reads as "". */
LV_MUST_CHECK
int xdoc_get_data(struct xdoc *doc, char **out, size_t *len,
                  struct lv_err *err) XC_NOEXCEPT;
LV_MUST_CHECK
int xdoc_get_value(struct xdoc *doc, unsigned slot, char **out, size_t *len,
                   struct lv_err *err) XC_NOEXCEPT;

/* Call fn(term, wdf, ctx) for each term of the document, in byte order,
 * stopping early when fn returns non-zero (that value is returned). */
LV_MUST_CHECK
int xdoc_each_term(struct xdoc *doc,
                   int (*fn)(const char *term, unsigned wdf, void *ctx),
                   void *ctx, struct lv_err *err) XC_NOEXCEPT;

/* ---- queries --------------------------------------------------------- */

enum xquery_op {
    XQ_AND,       /* all sub-queries match; weights add */
    XQ_OR,        /* any sub-query matches; weights add */
    XQ_AND_NOT,   /* first matches, none of the others */
    XQ_AND_MAYBE, /* first matches; the others only add weight */
    XQ_FILTER,    /* first matches and the others match; only the first
                     contributes weight */
    XQ_PHRASE,    /* the (term) sub-queries occur in order within window */
    XQ_NEAR,      /* the (term) sub-queries occur within window, any order */
};

/*
 * A term query.  wqf: within-query frequency (1 is usual); pos: the
 * term's position in the query (0 if none).  *out is NULL on failure.
 */
LV_MUST_CHECK
struct xquery *xquery_term(const char *term, unsigned wqf,
                           unsigned pos) XC_NOEXCEPT;

/*
 * Combine n sub-queries with `op`.  Takes ownership of subs[0..n-1] (the
 * array itself stays the caller's).  window: for PHRASE/NEAR, 0 means the
 * number of sub-queries.  n == 0 gives a query that matches nothing; n ==
 * 1 returns subs[0] for AND/OR/PHRASE/NEAR.  NULL entries are a
 * failure (they come from a failed constructor): the rest are freed and
 * NULL is returned.
 */
LV_MUST_CHECK
struct xquery *xquery_combine(int op, struct xquery **subs, size_t n,
                              unsigned window) XC_NOEXCEPT;

/* Documents whose value in `slot` lies in [lo, hi] (byte order).  lo or hi
 * NULL: open at that end. */
LV_MUST_CHECK
struct xquery *xquery_value_range(unsigned slot, const char *lo,
                                  const char *hi) XC_NOEXCEPT;

/* Multiply the weights of q by factor (>= 0).  Takes ownership of q. */
LV_MUST_CHECK
struct xquery *xquery_scale(struct xquery *q, double factor) XC_NOEXCEPT;

/*
 * A query matching every docid from lo to hi (inclusive) with no weight:
 * with XQ_FILTER it cuts a search into docid ranges that threads can run
 * side by side on their own database handles.  NULL when out of memory.
 */
LV_MUST_CHECK
struct xquery *xquery_docid_range(unsigned lo, unsigned hi) XC_NOEXCEPT;

/*
 * A query matching exactly docids[0..n-1] (ascending), document i with
 * weight weights[i] (max_weight: their maximum): a match set computed
 * once, replayed (search/matchcache.h).  The arrays are not copied and
 * must outlive every search run with the query.  NULL when out of memory.
 */
LV_MUST_CHECK
struct xquery *xquery_doc_list(const unsigned *docids, const double *weights,
                               size_t n, double max_weight) XC_NOEXCEPT;

/* Another handle on the same query (cheap: shared, reference counted;
 * both stay in one thread).  NULL when out of memory. */
LV_MUST_CHECK
struct xquery *xquery_copy(const struct xquery *q) XC_NOEXCEPT;

/* A deep copy of q, sharing nothing with it, for use in another thread.
 * NULL when out of memory or when q holds a doc list (xquery_doc_list:
 * build one per thread instead). */
LV_MUST_CHECK
struct xquery *xquery_clone(const struct xquery *q) XC_NOEXCEPT;

/* Matches every document, each with the same weight: beside another
 * query under XQ_FILTER, a fixed bonus for matching it.  xapian_only:
 * by Xapian's own posting source, which remote shards run (but which
 * lets matches outside a docid range through: not for split searches).
 * NULL when out of memory. */
LV_MUST_CHECK
struct xquery *xquery_fixed_weight(double weight, int xapian_only) XC_NOEXCEPT;

/* Matches every document, with weight 0. */
LV_MUST_CHECK
struct xquery *xquery_match_all(void) XC_NOEXCEPT;

/* Xapian's description of the query, for debugging; caller frees. */
LV_MUST_CHECK
char *xquery_describe(const struct xquery *q) XC_NOEXCEPT;

void xquery_free(struct xquery *q) XC_NOEXCEPT;

/* ---- searching ------------------------------------------------------- */

/*
 * A docid spy: called with the id and weight of every matching document,
 * in the matcher's (docid) order, and nothing else: the cheapest way to
 * see the whole match set when the caller keeps what it needs per
 * document (search/facettable.h keeps the facet ids in memory).
 */
typedef void (*xdocid_spy_fn)(unsigned docid, double weight, void *ctx);

/* A search session.  The database must outlive it. */
LV_MUST_CHECK
int xenquire_new(struct xdb *db, struct xenquire **out,
                 struct lv_err *err) XC_NOEXCEPT;
void xenquire_free(struct xenquire *e) XC_NOEXCEPT;

/* Set the query (the enquire keeps its own copy; q stays the caller's). */
LV_MUST_CHECK
int xenquire_set_query(struct xenquire *e, const struct xquery *q,
                       struct lv_err *err) XC_NOEXCEPT;

/* Order by the value in `slot` (descending when reverse), ties broken by
 * relevance, instead of relevance alone (the default).  A document without
 * the value sorts as if it had `missing` (NULL: the empty string, first
 * when ascending), so an ascending date order can put undated articles
 * last. */
LV_MUST_CHECK
int xenquire_sort_value(struct xenquire *e, unsigned slot, int reverse,
                        const char *missing, struct lv_err *err) XC_NOEXCEPT;

/* Keep only the best-ranked match of the documents sharing a value in
 * `slot` (Xapian's collapse key; a document without the value is never
 * collapsed); totals then count what is kept.  XCOLLAPSE_NONE: off. */
#define XCOLLAPSE_NONE ((unsigned)-1)
LV_MUST_CHECK
int xenquire_set_collapse(struct xenquire *e, unsigned slot,
                          struct lv_err *err) XC_NOEXCEPT;

/* Register a docid spy for the next xenquire_mset call (fn NULL removes
 * it).  Replaces any other spy. */
LV_MUST_CHECK
int xenquire_set_docid_spy(struct xenquire *e, xdocid_spy_fn fn, void *ctx,
                           struct lv_err *err) XC_NOEXCEPT;

/*
 * Run the search and return results first..first+max-1.  check_at_least:
 * look at this many documents at least, so that estimates are exact up to
 * it; pass XMSET_EXACT to count every match exactly (needed with a spy).
 */
#define XMSET_EXACT ((unsigned)-1)
LV_MUST_CHECK
int xenquire_mset(struct xenquire *e, unsigned first, unsigned max,
                  unsigned check_at_least, struct xmset **out,
                  struct lv_err *err) XC_NOEXCEPT;

/*
 * Terms that best characterise the documents `docids` (Xapian's ESet from
 * a relevance set), for "more like this".  Only terms starting with one of
 * the prefixes in `prefixes` (NULL-terminated; NULL means any) are kept.
 * *terms is a malloc'd array of n malloc'd strings: free each and the array.
 */
LV_MUST_CHECK
int xenquire_expand(struct xenquire *e, const unsigned *docids, size_t ndoc,
                    unsigned max_terms, const char *const *prefixes,
                    char ***terms, size_t *n, struct lv_err *err) XC_NOEXCEPT;

/* ---- results --------------------------------------------------------- */

void xmset_free(struct xmset *m) XC_NOEXCEPT;
/* Number of results in this page. */
unsigned xmset_size(const struct xmset *m) XC_NOEXCEPT;
/* Matches estimated / bounds over the whole match set.  Exact when
 * check_at_least covered every match. */
unsigned xmset_estimated(const struct xmset *m) XC_NOEXCEPT;
unsigned xmset_lower(const struct xmset *m) XC_NOEXCEPT;
unsigned xmset_upper(const struct xmset *m) XC_NOEXCEPT;
/* The i-th result (0-based within the page). */
LV_MUST_CHECK
int xmset_docid(const struct xmset *m, unsigned i, unsigned *docid,
                struct lv_err *err) XC_NOEXCEPT;
LV_MUST_CHECK
int xmset_weight(const struct xmset *m, unsigned i, double *weight,
                 struct lv_err *err) XC_NOEXCEPT;
/* The sort key of the i-th result (the sort value; "" when sorting by
 * relevance), malloc'd and NUL-terminated; *len may be NULL. */
LV_MUST_CHECK
int xmset_sort_key(const struct xmset *m, unsigned i, char **out, size_t *len,
                   struct lv_err *err) XC_NOEXCEPT;

/* Ask for every document of this page at once, before reading them: a
 * remote shard then sends them in one exchange, not one per document. */
LV_MUST_CHECK
int xmset_fetch(const struct xmset *m, struct lv_err *err) XC_NOEXCEPT;

/* The i-th result's document (for data and values); caller frees. */
LV_MUST_CHECK
int xmset_doc(const struct xmset *m, unsigned i, struct xdoc **out,
              struct lv_err *err) XC_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
