/*
 * reprints.h - copies of one article among the indexed documents (the
 * same report on another site, in the other script, cut short or
 * re-titled) grouped into clusters: every copy carries its cluster's key
 * (SLOT_CLUSTER and a PFX_CLUSTER term, xapian/schema.h), so search shows
 * one hit per article.  Two documents are copies when their clean texts
 * resemble each other (text/sketch.h); candidates come from the band-key
 * terms of their sketches, so placing a document costs a few posting
 * lookups, not a scan.  A cluster is what holds together: a document that
 * resembles two clusters joins them, and when a member is deleted or
 * changed the rest is split again where nothing links it.
 *
 * The worker threads sketch (reprint_print_make); the writing thread
 * places and writes (reprints_replace, reprints_delete), one document at
 * a time, so clusters never race.
 */
#ifndef LVZHI_REPRINTS_H
#define LVZHI_REPRINTS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"
#include "../text/sketch.h"

struct xdb;
struct xdoc;

/* What the writer needs of a new document's text. */
struct reprint_print {
    struct shingles sh;
    struct sketch sk;
    int sketched; /* 0: too short to call anything a copy */
};

/* The print of a clean body in its matching form (text/norm.h, as
 * document_build keeps it), its band-key terms and sketch added to doc.
 * 0, LV_ENOMEM, LV_EDB. */
LV_MUST_CHECK
int reprint_print_make(const char *folded, size_t len, struct xdoc *doc,
                       struct reprint_print *out, struct lv_err *err);
void reprint_print_release(struct reprint_print *p);

/* The writer's state over one writable database.  NULL: out of memory. */
struct reprints;
LV_MUST_CHECK
struct reprints *reprints_new(struct xdb *db);
void reprints_free(struct reprints *r);

/*
 * Write doc as the document with unique term uid_term (xdb_replace), in
 * the cluster of the documents it is a copy of, or in a new one; the
 * cluster its previous version left is split where it no longer holds.
 */
LV_MUST_CHECK
int reprints_replace(struct reprints *r, const char *uid_term, struct xdoc *doc,
                     const struct reprint_print *print, struct lv_err *err);

/* Delete the document with uid_term (xdb_delete) and split what its
 * cluster no longer holds together. */
LV_MUST_CHECK
int reprints_delete(struct reprints *r, const char *uid_term,
                    struct lv_err *err);

/*
 * For `lvzhi check`: the clusters of db checked against the texts.  Calls
 * report(msg, ctx) for each problem: a document without a cluster or
 * whose value and term disagree, a cluster whose members do not hold
 * together, two copies in different clusters.  *nclusters gets the
 * number of clusters with more than one document.  0 or an error.
 */
LV_MUST_CHECK
int reprints_check(struct xdb *db, void (*report)(const char *msg, void *ctx),
                   void *ctx, unsigned *nclusters, struct lv_err *err);

#endif
