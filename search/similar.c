/*
 * similar.c - articles like a given one ("more like this", search.h).
 */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/record.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "result.h"
#include "searcher_int.h"

static int similar_by_terms(struct searcher *s, unsigned docid, unsigned n,
                            unsigned nwant, struct search_result *res,
                            struct lv_err *err);

/*
 * The terms that characterise an article most are often its own alone
 * (then only its copies, left out, would share them): when they find
 * fewer than n others, ask again with more of its terms.
 */
int searcher_similar(struct searcher *s, unsigned docid, unsigned n,
                     struct search_result *res, struct lv_err *err)
{
    int rc = similar_by_terms(s, docid, n, 24, res, err);

    static const unsigned more[] = {96, 400};
    size_t i;

    for (i = 0; rc == 0 && res->nhits < n && i < 2; i++) {
        search_result_release(res);
        rc = similar_by_terms(s, docid, n, more[i], res, err);
    }
    return rc;
}

static int similar_by_terms(struct searcher *s, unsigned docid, unsigned n,
                            unsigned nwant, struct search_result *res,
                            struct lv_err *err)
{
    static const char *const prefixes[] = {PFX_BIGRAM, NULL};
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    struct xquery **subs = NULL, *q = NULL, *parts[3];
    char **terms = NULL, uid[64], cluster[64];
    size_t nterms = 0, i;
    int rc;

    memset(res, 0, sizeof(*res));
    rc = xenquire_new(s->db, &e, err);
    if (rc == 0)
        rc = xenquire_expand(e, &docid, 1, nwant, prefixes, &terms, &nterms,
                             err);
    if (rc < 0 || nterms == 0)
        goto out;
    subs = calloc(nterms, sizeof(*subs));
    if (!subs) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < nterms; i++)
        subs[i] = xquery_term(terms[i], 1, 0);
    q = xquery_combine(XQ_OR, subs, nterms, 0);
    /* Exclude the document itself by its docid's unique term, and its
     * reprints (their article's cluster): they are the same article. */
    {
        struct xdoc *doc = NULL;
        char *data = NULL, *key = NULL;
        size_t len = 0;
        struct record *rec = NULL;

        uid[0] = cluster[0] = '\0';
        if (xdb_get_doc(s->db, docid, &doc, NULL) == 0
            && xdoc_get_data(doc, &data, &len, NULL) == 0
            && (rec = record_parse(data, len)) != NULL && record_get(rec, "id"))
            snprintf(uid, sizeof(uid), "%s%s", PFX_UID, record_get(rec, "id"));
        if (doc && xdoc_get_value(doc, SLOT_CLUSTER, &key, NULL, NULL) == 0)
            snprintf(cluster, sizeof(cluster), "%s%.24s", PFX_CLUSTER, key);
        free(key);
        record_free(rec);
        free(data);
        xdoc_free(doc);
    }
    parts[0] = q;
    parts[1] = xquery_term(uid, 1, 0);
    /* (never the empty term: Xapian reads it as every document) */
    parts[2] = xquery_term(cluster[0] ? cluster : uid, 1, 0);
    q = xquery_combine(XQ_AND_NOT, parts, 3, 0);
    if (!q) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    rc = xenquire_set_query(e, q, err);
    if (rc == 0) /* one copy of each similar article */
        rc = xenquire_set_collapse(e, SLOT_CLUSTER, err);
    if (rc == 0)
        rc = xenquire_mset(e, 0, n, n, &m, err);
    if (rc == 0) {
        res->total = xmset_estimated(m);
        rc = result_read_mset(m, NULL, SEARCH_SIMILAR_CHARS, res, err);
    }
out:
    for (i = 0; i < nterms; i++)
        free(terms[i]);
    free(terms);
    free(subs);
    xquery_free(q);
    xmset_free(m);
    xenquire_free(e);
    return rc;
}
