/*
 * shards.c - a search over several indexes: a stub file's shards, local
 * or served by xapian-tcpsrv (see searcher_int.h).
 *
 * Xapian runs it whole: a remote shard runs no spy or posting source of
 * ours, and docid ranges cannot be cut across shards.  With facets the
 * search asks for every match, ranked; their docids are counted from the
 * facet table the searcher built from the shards' postings, as a docid
 * spy counts them on one index, and the page is taken from the top with
 * copies dropped, as split.c drops them; so with copies and an exact
 * total.  Else Xapian collapses the copies itself (cluster keys are
 * unique across shards, and a cluster never spans two) and ranks only
 * the page.  Sending every docid costs about 10 ms per
 * 20,000 matches on loopback: a tenth of what counting the same facets
 * with Xapian's ValueCountMatchSpy on the servers cost (docs/SHARDS.md).
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

/* The plan's page of m's articles: copies after the first dropped. */
static int take_page(const struct xmset *m, const struct search_plan *plan,
                     const struct facet_table *table, const struct query *q,
                     struct search_result *res, struct lv_err *err)
{
    unsigned char *seen =
        plan->collapse ? facet_table_article_set(table) : NULL;
    unsigned i, n = xmset_size(m), docid = 0, articles = 0;
    int rc = 0;

    res->hits = calloc(plan->limit ? plan->limit : 1, sizeof(*res->hits));
    if (!res->hits || (plan->collapse && !seen))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < n && rc == 0 && res->nhits < plan->limit; i++) {
        rc = xmset_docid(m, i, &docid, err);
        if (rc < 0 || (seen && !facet_table_first_copy(table, seen, docid))
            || articles++ < plan->offset)
            continue;
        rc = result_read_mset_hit(&res->hits[res->nhits], m, i, q,
                                  plan->snippet_chars, err);
        res->nhits++;
    }
    free(seen);
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
        w.first = 0;
        w.max = all;
        w.check = PLAN_EXACT;
        spy.counter = facet_counter_new(s->dict, s->field_map);
        if (rc == 0 && (!spy.counter || !s->table))
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = xenquire_new(s->db, &e, err);
    if (rc == 0)
        rc = xenquire_set_query(e, q->xq, err);
    if (rc == 0 && plan->collapse && !counted)
        rc = xenquire_set_collapse(e, SLOT_CLUSTER, err);
    if (rc == 0 && plan->sort) /* both descending: the undated last */
        rc = xenquire_sort_value(e, plan->sort == 1 ? SLOT_DATE : SLOT_OLDEST,
                                 1, NULL, err);
    if (rc == 0)
        rc = xenquire_mset(e, w.first, w.max,
                           w.check == PLAN_EXACT ? XMSET_EXACT : w.check, &m,
                           err);
    if (rc == 0) {
        res->offset = plan->offset;
        res->total = xmset_estimated(m);
        res->total_exact = xmset_lower(m) == xmset_upper(m);
    }
    if (rc == 0 && counted)
        rc = count_all(m, &spy, err);
    if (rc == 0 && counted)
        res->total = facet_counter_articles(spy.counter);
    if (rc == 0 && plan->facets)
        rc = result_take_facets(res, spy.counter, plan->facet_top,
                                facet_counter_undated(spy.counter), req, err);
    if (rc == 0)
        rc = counted ? take_page(m, plan, s->table, q, res, err)
                     : result_read_mset(m, q, plan->snippet_chars, res, err);
    facet_counter_free(spy.counter);
    xmset_free(m);
    xenquire_free(e);
    return rc;
}
