/* t_check.c - lvzhi check tells a whole document from half-written or
 * inconsistent ones, and its digest ignores docids and facet-id order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/buf.h"
#include "../../indexer/check.h"
#include "../../indexer/indexer.h"
#include "../../indexer/reprints.h"
#include "../../xapian/facetdict.h"
#include "../../xapian/schema.h"
#include "../../xapian/xapian_c.h"
#include "tap.h"

/* Write one document: uid "Q<id>", path, record, values and facets (the
 * facet ids encode `facets`, the terms added are `terms`). */
static int add_doc(struct xdb *db, struct facetdict *d, const char *id,
                   const char *record, const char *facets, const char *terms)
{
    struct xdoc *doc = NULL;
    struct buf ids = BUF_INIT;
    char uid[64], path[64];
    const char *t, *nl;
    int rc;

    snprintf(uid, sizeof(uid), "Q%s", id);
    snprintf(path, sizeof(path), "Pcorpus/%s.html", id);
    rc = xdoc_new(&doc, NULL);
    if (rc == 0)
        rc = xdoc_add_boolean(doc, uid, NULL);
    if (rc == 0)
        rc = xdoc_add_boolean(doc, path, NULL);
    for (t = terms; rc == 0 && *t; t = *nl ? nl + 1 : nl) {
        char term[64];

        nl = strchr(t, '\n');
        if (!nl)
            nl = t + strlen(t);
        snprintf(term, sizeof(term), "%.*s", (int)(nl - t), t);
        rc = xdoc_add_boolean(doc, term, NULL);
    }
    if (rc == 0)
        rc = facetdict_encode(d, facets, strlen(facets), &ids, NULL);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_FACETS, ids.data ? ids.data : "", ids.len,
                            NULL);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_HASH, "ab", 2, NULL);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_MTIME, "1:2", 3, NULL);
    if (rc == 0)
        rc = xdoc_set_data(doc, record, strlen(record), NULL);
    if (rc == 0) { /* (no text: an article of its own) */
        struct reprints *rp = reprints_new(db);
        struct reprint_print none = {0};

        rc = rp ? reprints_replace(rp, uid, doc, &none, NULL) : LV_ENOMEM;
        reprints_free(rp);
    }
    xdoc_free(doc);
    buf_release(&ids);
    return rc;
}

static unsigned problems(const char *dir, FILE *digest)
{
    struct check_report r;
    FILE *log = fopen("/dev/null", "w");
    int rc = check_index(dir, log, digest, &r, NULL);

    if (log)
        fclose(log);
    return rc < 0 ? 999 : r.problems;
}

int main(void)
{
    char a[] = "/tmp/lvzhi-check-XXXXXX", b[] = "/tmp/lvzhi-check-XXXXXX";
    char cmd[128], da[4096] = "", db_[4096] = "";
    struct xdb *db;
    struct facetdict *d;
    FILE *f;

    if (!ok(mkdtemp(a) && mkdtemp(b), "temp dirs"))
        return tap_done();
    /* Two indexes of the same two documents, written in opposite orders
     * (so their docids and facet ids differ). */
    is_int(indexer_open_db(a, &db, NULL), 0, "create index A");
    d = facetdict_new(db);
    add_doc(db, d, "1", "id\t1\npath\tcorpus/1.html\nbody\tx\n",
            "XC兰州市\nXS民盟", "XC兰州市\nXS民盟");
    add_doc(db, d, "2", "id\t2\npath\tcorpus/2.html\nbody\ty\n", "XS民建",
            "XS民建");
    need(facetdict_flush(d, NULL));
    is_int(xdb_commit(db, NULL), 0, "commit A");
    facetdict_free(d);
    xdb_free(db);
    is_int(indexer_open_db(b, &db, NULL), 0, "create index B");
    d = facetdict_new(db);
    add_doc(db, d, "2", "id\t2\npath\tcorpus/2.html\nbody\ty\n", "XS民建",
            "XS民建");
    add_doc(db, d, "1", "id\t1\npath\tcorpus/1.html\nbody\tx\n",
            "XS民盟\nXC兰州市", "XC兰州市\nXS民盟");
    need(facetdict_flush(d, NULL));
    need(xdb_commit(db, NULL));

    f = fmemopen(da, sizeof(da) - 1, "w");
    is_int(problems(a, f), 0, "a whole index has no problem");
    fclose(f);
    f = fmemopen(db_, sizeof(db_) - 1, "w");
    is_int(problems(b, f), 0, "the same documents in another order neither");
    fclose(f);
    ok(da[0] && strcmp(da, db_) == 0, "and both have the same digest");

    /* Now break index B in the ways a half-written document would be. */
    add_doc(db, d, "3", "", "", "");
    need(xdb_commit(db, NULL));
    is_int(problems(b, NULL), 3,
           "a document without its record: no id, path or body");
    add_doc(db, d, "3", "id\t3\npath\tcorpus/3.html\nbody\tz\n", "XC兰州市",
            "XC昆明市");
    need(xdb_commit(db, NULL));
    is_int(problems(b, NULL), 1, "facet ids that disagree with its terms");
    add_doc(db, d, "3", "id\t3\npath\tcorpus/3.html\nbody\tz\n", "XC兰州市",
            "XC兰州市");
    need(xdb_commit(db, NULL));
    is_int(problems(b, NULL), 0, "mended, it is whole again");
    add_doc(db, d, "3", "id\t4\npath\tcorpus/3.html\nbody\tz\n", "", "");
    need(xdb_commit(db, NULL));
    is_int(problems(b, NULL), 1, "a record naming another id");
    facetdict_free(d);
    xdb_free(db);

    snprintf(cmd, sizeof(cmd), "rm -rf %s %s", a, b);
    if (system(cmd) != 0)
        fprintf(stderr, "# could not remove %s\n", a);
    return tap_done();
}
