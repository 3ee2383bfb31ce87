/*
 * shards.c - a search over several indexes: a stub file's shards, local
 * or served by xapian-tcpsrv (see searcher_int.h).
 *
 * Xapian runs it whole: a remote shard runs no spy or posting source of
 * ours, and docid ranges cannot be cut across shards.  With facets (or
 * an exact count of articles) a first search asks for every match,
 * unranked (Xapian's BoolWeight, in docid order: the servers weigh and
 * sort nothing); their docids are counted from the facet table the
 * searcher built from the shards' postings, as a docid spy counts them
 * on one index.  The page is a second, ranked search of only the page,
 * where Xapian collapses the copies itself (cluster keys are unique
 * across shards, and a cluster never spans two).  Sending every docid
 * costs about 10 ms per 20,000 matches on loopback: a tenth of what
 * counting the same facets with Xapian's ValueCountMatchSpy on the
 * servers cost (docs/SHARDS.md).
 */
#include <stdlib.h>

#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "result.h"
#include "searcher_int.h"

/* Every match of m counted into spy. */
static int count_all(const struct xmset *m, struct facet_spy *spy,
                     struct lv_err *err)
{
    unsigned i, n = xmset_size(m), docid = 0;
    int rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        rc = xmset_docid(m, i, &docid, err);
        if (rc == 0)
            facet_spy_count(docid, 0, spy);
    }
    return rc;
}

/* Every match of q counted into spy, unranked (Xapian then weighs and
 * sorts nothing: only the docids are wanted). */
static int count_matches(struct searcher *s, const struct query *q,
                         unsigned all, struct facet_spy *spy,
                         struct lv_err *err)
{
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    int rc = xenquire_new(s->db, &e, err);

    if (rc == 0)
        rc = xenquire_set_query(e, q->xq, err);
    if (rc == 0)
        rc = xenquire_set_unranked(e, err);
    if (rc == 0)
        rc = xenquire_mset(e, 0, all, XMSET_EXACT, &m, err);
    if (rc == 0)
        rc = count_all(m, spy, err);
    xmset_free(m);
    xenquire_free(e);
    return rc;
}

int shards_search(struct searcher *s, const struct search_request *req,
                  const struct search_plan *plan, const struct query *q,
                  struct search_result *res, struct lv_err *err)
{
    /* (Xapian's collapsed totals are estimates, even over every match) */
    int counted = plan->facets || (plan->collapse && !plan->estimate);
    struct facet_spy spy = {NULL, s->table, plan->collapse};
    struct plan_window w;
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    unsigned all = 0;
    int rc = xdb_doc_count(s->db, &all, err);

    plan_window(plan, 1, &w);
    if (counted) { /* every match, to count them all */
        spy.counter = facet_counter_new(s->dict, s->field_map);
        if (rc == 0 && (!spy.counter || !s->table))
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        if (rc == 0)
            rc = count_matches(s, q, all, &spy, err);
    }
    /* the page: Xapian collapses the copies (cluster keys are unique
     * across shards, and a cluster never spans two) */
    if (rc == 0)
        rc = xenquire_new(s->db, &e, err);
    if (rc == 0)
        rc = xenquire_set_query(e, q->xq, err);
    if (rc == 0 && plan->collapse)
        rc = xenquire_set_collapse(e, SLOT_CLUSTER, err);
    if (rc == 0 && plan->sort) /* both descending: the undated last */
        rc = xenquire_sort_value(e, plan->sort == 1 ? SLOT_DATE : SLOT_OLDEST,
                                 1, NULL, err);
    /* (counted, the total is the count's: the page looks no further
     * than itself) */
    if (rc == 0)
        rc = xenquire_mset(e, w.first, w.max,
                           counted                 ? w.first + w.max
                           : w.check == PLAN_EXACT ? XMSET_EXACT
                                                   : w.check,
                           &m, err);
    if (rc == 0) {
        res->offset = plan->offset;
        res->total = xmset_estimated(m);
        res->total_exact = xmset_lower(m) == xmset_upper(m);
    }
    if (rc == 0 && counted) {
        res->total = facet_counter_articles(spy.counter);
        res->total_exact = 1;
    }
    if (rc == 0 && plan->facets)
        rc = result_take_facets(res, spy.counter, plan->facet_top,
                                facet_counter_undated(spy.counter), req, err);
    if (rc == 0)
        rc = result_read_mset(m, q, plan->snippet_chars, res, err);
    facet_counter_free(spy.counter);
    xmset_free(m);
    xenquire_free(e);
    return rc;
}
