/*
 * facetdict.h - facet terms as small integers.  Each distinct facet term
 * (XC兰州市, XS民盟 ...) gets an id, kept in the database's metadata and
 * committed with the documents that use it, and a document's facet value
 * (schema SLOT_FACETS) is its ids as varints.  Counting facets over a
 * match set is then one array increment per facet of each matching
 * document, instead of hashing strings.
 *
 * Metadata: "lvzhi.facet.n" (the number of ids) and "lvzhi.facet.c<k>",
 * the terms of ids k*1024+1 .. (k+1)*1024 joined by '\n': a commit writes
 * one or two chunks, not a key per term.  Only the single writer assigns
 * ids, so they never clash.
 */
#ifndef LVZHI_FACETDICT_H
#define LVZHI_FACETDICT_H

#include <stddef.h>

#include "../common/buf.h"
#include "../common/err.h"

struct xdb;
struct facetdict;

/* A dictionary over db (loading nothing yet), or with db NULL one in
 * memory only, holding what is encoded into it.  NULL when out of
 * memory. */
LV_MUST_CHECK
struct facetdict *facetdict_new(struct xdb *db);
void facetdict_free(struct facetdict *d);

/*
 * Writer side: replace the '\n'-separated facet terms in terms[0..len-1]
 * by their ids (new terms get new ids) as varints in out.
 */
LV_MUST_CHECK
int facetdict_encode(struct facetdict *d, const char *terms, size_t len,
                     struct buf *out, struct lv_err *err);

/* Writer side: write the chunks with new ids to the metadata.  Call it
 * before every commit, so the ids commit with the documents using them. */
LV_MUST_CHECK
int facetdict_flush(struct facetdict *d, struct lv_err *err);

/*
 * Reader side: load every id's term (again only when the number of ids
 * changed since the last load).  0, LV_ENOMEM, LV_EDB.
 */
LV_MUST_CHECK
int facetdict_load(struct facetdict *d, struct lv_err *err);

/* Number of ids loaded (ids are 1..n); the term of an id, or NULL. */
unsigned facetdict_size(const struct facetdict *d);
const char *facetdict_term(const struct facetdict *d, unsigned id);

/* Call fn(id, ctx) for each varint id in value[0..len-1]. */
void facetdict_each(const char *value, size_t len,
                    void (*fn)(unsigned id, void *ctx), void *ctx);

/* The field (place in SCHEMA_FACET_FIELDS, xapian/schema.h) of facet
 * term[0..len-1], or -1 for a term of no field. */
int facet_term_field(const char *term, size_t len);

#endif
