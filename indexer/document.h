/*
 * document.h - turn a clean article into a Xapian document following
 * xapian/schema.h: positional word and Han-bigram terms for the title and
 * body (title first, boosted, and again under the title prefixes),
 * boolean terms for id, path, year, month, source and type, the date and
 * change-detection values, and the stored record (title, date, source,
 * url, path, charset, body in the ORIGINAL script).
 */
#ifndef LVZHI_DOCUMENT_H
#define LVZHI_DOCUMENT_H

#include "../common/err.h"
#include "../indexer/article.h"

struct xdoc;
struct tokenizer;
struct record;

/* Where the article came from, as the index records it. */
struct document_source {
    const char *key;    /* path key: root name + "/" + relative path */
    const char *member; /* its id inside a container file, or NULL */
    const char *hash;   /* hex content hash of the source bytes */
    const char *stamp;  /* "mtime:size" of the source file */
    const char *type;   /* "html", "pdf", "warc" ... (walk.h) */
    int no_entities;    /* leave entities out (measuring only) */
};

/*
 * Build *out from a.  tok is the calling thread's tokenizer.  The caller
 * frees *out with xdoc_free().  0, LV_ENOMEM, LV_EICU, LV_EDB.
 * uid_term (size >= 64) receives the document's unique term.  With
 * folded_body non-NULL, it receives the body in the matching form the
 * index was built from (release with norm_release; empty for no body).
 */
struct norm;
LV_MUST_CHECK
int document_build(const struct article *a, const struct document_source *src,
                   struct tokenizer *tok, struct xdoc **out, char *uid_term,
                   struct norm *folded_body, struct lv_err *err);

/* The unique term for a path key, into uid_term (size >= 64). */
void document_uid_term(const char *key, char *uid_term);

/* The unique term for a member of a container file (member NULL: the
 * file itself, as document_uid_term). */
void document_member_uid_term(const char *key, const char *member,
                              char *uid_term);

/* The stored record of an article (also used by tests).  NULL when out of
 * memory; caller frees with record_free(). */
LV_MUST_CHECK
struct record *document_record(const struct article *a,
                               const struct document_source *src);

#endif
