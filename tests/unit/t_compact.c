/* t_compact.c - compact_index replaces an index by its compacted copy,
 * refuses what it cannot compact, and a searcher of the replaced folder
 * is told to open the copy rather than reopen the old tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../common/paths.h"
#include "../../indexer/compact.h"
#include "../../search/search.h"
#include "../../xapian/xapian_c.h"
#include "tap.h"

/* An index of n documents, each with one term. */
static int make_index(const char *path, unsigned n)
{
    struct xdb *db = NULL;
    unsigned i;
    int rc = xdb_open(path, XDB_WRITE, &db, NULL);

    for (i = 0; rc == 0 && i < n; i++) {
        struct xdoc *doc = NULL;
        char uid[32];

        snprintf(uid, sizeof(uid), "Q%u", i);
        rc = xdoc_new(&doc, NULL);
        if (rc == 0)
            rc = xdoc_add_term(doc, "委员", 1, NULL);
        if (rc == 0)
            rc = xdoc_add_boolean(doc, uid, NULL);
        if (rc == 0)
            rc = xdb_replace(db, uid, doc, NULL, NULL);
        xdoc_free(doc);
    }
    if (rc == 0)
        rc = xdb_commit(db, NULL);
    xdb_free(db);
    return rc;
}

static unsigned doc_count(const char *path)
{
    struct xdb *db = NULL;
    unsigned n = 0;

    if (xdb_open(path, XDB_READ, &db, NULL) == 0
        && xdb_doc_count(db, &n, NULL) < 0)
        n = 0;
    xdb_free(db);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/t_compact.XXXXXX", db[256], moved[300], stub[300];
    struct compact_report r;
    struct lv_err err = {0};
    struct searcher *s = NULL;
    FILE *f;

    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof(db), "%s/db", dir);
    snprintf(moved, sizeof(moved), "%s/moved", dir);
    snprintf(stub, sizeof(stub), "%s/one.stub", dir);
    ok(make_index(db, 300) == 0, "an index of 300 documents");

    ok(compact_index(db, &r, &err) == 0, "compacts: %s", err.msg);
    is_int((int)r.docs, 300, "the report counts the documents");
    ok(r.bytes_after > 0 && r.bytes_after <= r.bytes_before,
       "and its sizes (%llu → %llu)", r.bytes_before, r.bytes_after);
    is_int((int)doc_count(db), 300, "the compacted index holds them all");
    snprintf(moved, sizeof(moved), "%s.compacting", db);
    ok(access(db, F_OK) == 0 && access(moved, F_OK) != 0,
       "in the index's place, the original gone");

    ok(compact_index("/tmp/t_compact.none/db", &r, &err) == LV_ENOTFOUND,
       "a missing index: %s", err.msg);
    f = fopen(stub, "w");
    if (f) {
        fprintf(f, "auto %s\n", db);
        fclose(f);
    }
    ok(compact_index(stub, &r, &err) == LV_EINVAL && strstr(err.msg, "shard"),
       "a stub file: %s", err.msg);

    ok(searcher_open(db, &s, &err) == 0, "a searcher of the index");
    ok(s && searcher_reopen(s, &err) == 0, "reopens while it is in place");
    snprintf(moved, sizeof(moved), "%s/moved", dir);
    if (rename(db, moved) == 0)
        make_index(db, 2);
    ok(s && searcher_reopen(s, &err) == LV_ECHANGED
           && strstr(err.msg, "replaced"),
       "a replaced folder: open it again (%s)", err.msg);
    searcher_free(s);
    s = NULL;
    ok(searcher_open(db, &s, &err) == 0 && doc_count(db) == 2,
       "and a new searcher reads the new one");
    searcher_free(s);

    lv_ignore(paths_remove_tree(dir)); /* (a temporary folder) */
    return tap_done();
}
