/*
 * tableshare.h - one facet table per index revision for every searcher
 * of a process (the server's threads), instead of one per searcher.
 *
 * A facet table costs 8 bytes per document plus 4 per facet id
 * (facettable.h): on a million documents some 50 MB, which a server with
 * a searcher per thread held once per thread.  Searchers given a share
 * take the table of their revision from it; the first that needs a
 * revision builds it while the others wait, and a table no searcher holds
 * is freed once another revision's is asked for after it.  Thread-safe.
 */
#ifndef LVZHI_TABLESHARE_H
#define LVZHI_TABLESHARE_H

#include "../common/err.h"

struct facet_table;
struct table_share;

/* NULL when out of memory. */
struct table_share *table_share_new(void);
/* Every table must have been put back. */
void table_share_free(struct table_share *sh);

/*
 * The table of revision rev (not 0), built by build(ctx, &table, err)
 * unless the share holds it; *out holds a reference until table_share_put.
 * 0, or build's error (the next caller tries again).
 */
LV_MUST_CHECK
int table_share_get(struct table_share *sh, unsigned long long rev,
                    int (*build)(void *ctx, struct facet_table **out,
                                 struct lv_err *err),
                    void *ctx, struct facet_table **out, struct lv_err *err);
void table_share_put(struct table_share *sh, struct facet_table *t);

/* Tables held (for tests): built and not yet freed. */
unsigned table_share_count(struct table_share *sh);

#endif
