/*
 * result.h - the one place that reads hits from the index (stored
 * record, article cluster, snippet) and fills a result's facets and the
 * parts each hit holds; replay.c, split.c, copies.c and similar.c all
 * read through it.  Not for use outside search/.
 */
#ifndef LVZHI_RESULT_H
#define LVZHI_RESULT_H

#include <stddef.h>

#include "../common/err.h"
#include "search.h"

struct xdb;
struct xmset;
struct query;
struct facet_counter;

/* Read document docid into h (record, cluster, snippet marking q's
 * terms; q NULL: a snippet of the opening), with its weight. */
LV_MUST_CHECK
int result_read_hit(struct search_hit *h, struct xdb *db, unsigned docid,
                    double weight, const struct query *q, size_t chars,
                    struct lv_err *err);

/* The same for the i-th hit of m; and every hit of m into res->hits. */
LV_MUST_CHECK
int result_read_mset_hit(struct search_hit *h, const struct xmset *m,
                         unsigned i, const struct query *q, size_t chars,
                         struct lv_err *err);
LV_MUST_CHECK
int result_read_mset(const struct xmset *m, const struct query *q, size_t chars,
                     struct search_result *res, struct lv_err *err);

/* res's facets from counter (top values per field), the articles no
 * copy dates (undated), and the city the query names to offer as a
 * filter. */
LV_MUST_CHECK
int result_take_facets(struct search_result *res, struct facet_counter *c,
                       size_t top, unsigned undated,
                       const struct search_request *req, struct lv_err *err);

/* With two or more parts: move q's part texts to res, and mark in each
 * hit the parts it holds (read from its title and text, and its place
 * and sector facets for a widened part, as a reader would check). */
LV_MUST_CHECK
int result_mark_parts(struct search_result *res, struct query *q,
                      struct lv_err *err);

#endif
