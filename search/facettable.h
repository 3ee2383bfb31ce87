/*
 * facettable.h - every document's facet ids and date in memory, by docid
 * (what Lucene calls doc values held in RAM).  Built once per index revision by
 * streaming the facet slot; then counting a match set's facets needs only
 * the matching docids (a docid spy), not a value read per document.  On
 * 20,000 documents this takes facet counting from about 5.7 ms to well
 * under 1 ms per query; the table costs 8 bytes per document plus 4 per
 * facet id.  The dates let a cached match set be put in date order
 * without Xapian (search.c); the clusters let counts and pages keep one
 * copy of each article (indexer/reprints.h).
 */
#ifndef LVZHI_FACETTABLE_H
#define LVZHI_FACETTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

struct xdb;
struct facet_table;

/* Read the facet ids of every document of db.  0, LV_ENOMEM or LV_EDB. */
LV_MUST_CHECK
int facet_table_build(struct xdb *db, struct facet_table **out,
                      struct lv_err *err);
void facet_table_free(struct facet_table *t);

/*
 * The same over several shards (xdb_shards > 1), whose facet ids and
 * value streams cannot be used (each shard numbers its own; a remote one
 * streams values one document at a time): from the postings of each term
 * of dict (the shards' facet terms, named by the searcher) and of the
 * clusters' terms, a few round trips per term.  No dates.
 */
struct facetdict;
LV_MUST_CHECK
int facet_table_build_from_terms(struct xdb *db, const struct facetdict *dict,
                                 struct facet_table **out, struct lv_err *err);

/* The facet ids of docid (*n of them; none for an unknown docid).  The
 * array belongs to the table. */
const uint32_t *facet_table_ids(const struct facet_table *t, unsigned docid,
                                size_t *n);

/* The publication date of docid as YYYYMMDD, 0 when unknown. */
uint32_t facet_table_date(const struct facet_table *t, unsigned docid);

/* The cluster of copies docid belongs to, 1..facet_table_nclusters(t),
 * or 0 when it is the only copy of its article. */
uint32_t facet_table_cluster(const struct facet_table *t, unsigned docid);
uint32_t facet_table_nclusters(const struct facet_table *t);

/* An empty set of t's clusters (a bit each; free() it), NULL when out of
 * memory; and whether docid is the first copy of its article seen by the
 * set (it is then added; a document alone always is): what keeps one hit
 * per article. */
LV_MUST_CHECK
unsigned char *facet_table_article_set(const struct facet_table *t);
int facet_table_first_copy(const struct facet_table *t, unsigned char *set,
                           unsigned docid);

/* A docid spy (xapian_c.h) that counts each match's facets, and the
 * match itself as an article (with collapse, the copies of one count
 * once), into a facet counter (search/facets.h). */
struct facet_counter;
struct facet_spy {
    struct facet_counter *counter;
    const struct facet_table *table;
    int collapse;
};
void facet_spy_count(unsigned docid, double weight, void *spy);

/* The documents that have a cluster (ascending) and a weight of 0 for
 * each, as xquery_doc_list wants them; their number.  The table's. */
size_t facet_table_copies(const struct facet_table *t, const unsigned **docids,
                          const double **zeros);

#endif
