/* t_facetdict.c - facet ids: stable, persistent across sessions and
 * chunk boundaries, decoded back to the same terms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../xapian/facetdict.h"
#include "../../xapian/xapian_c.h"
#include "tap.h"

struct ids {
    unsigned v[8];
    size_t n;
};

static void collect(unsigned id, void *ctx)
{
    struct ids *x = ctx;

    if (x->n < 8)
        x->v[x->n++] = id;
}

int main(void)
{
    char dir[] = "/tmp/lvzhi-facetdict-XXXXXX", cmd[128];
    struct xdb *db = NULL;
    struct facetdict *d;
    struct buf b = BUF_INIT;
    struct ids x = {{0}, 0};
    unsigned i, first;
    char term[64];

    if (!ok(mkdtemp(dir) != NULL, "temp dir"))
        return tap_done();
    is_int(xdb_open(dir, XDB_WRITE, &db, NULL), 0, "open writable");
    d = facetdict_new(db);
    is_int(facetdict_encode(d, "XC兰州市\nXS民盟\n\nXC兰州市",
                            strlen("XC兰州市\nXS民盟\n\nXC兰州市"), &b, NULL),
           0, "encode");
    facetdict_each(b.data, b.len, collect, &x);
    ok(x.n == 3 && x.v[0] == 1 && x.v[1] == 2 && x.v[2] == 1,
       "same term, same id; an empty line is skipped");
    /* Enough terms to cross a chunk boundary. */
    for (i = 0; i < 3000; i++) {
        buf_reset(&b);
        snprintf(term, sizeof(term), "XWstudio-%u", i);
        need(facetdict_encode(d, term, strlen(term), &b, NULL));
    }
    is_int(facetdict_flush(d, NULL), 0, "flush");
    is_int(xdb_commit(db, NULL), 0, "commit");
    facetdict_free(d);
    xdb_free(db);

    is_int(xdb_open(dir, XDB_WRITE, &db, NULL), 0, "reopen writable");
    d = facetdict_new(db);
    buf_reset(&b);
    x.n = 0;
    need(facetdict_encode(d, "XS民盟\nXBnew", strlen("XS民盟\nXBnew"), &b,
                          NULL));
    facetdict_each(b.data, b.len, collect, &x);
    first = x.v[1];
    ok(x.n == 2 && x.v[0] == 2 && first == 3003,
       "ids survive a new session, new terms continue the numbering (%u)",
       first);
    need(facetdict_flush(d, NULL));
    need(xdb_commit(db, NULL));
    facetdict_free(d);
    xdb_free(db);

    is_int(xdb_open(dir, XDB_READ, &db, NULL), 0, "open read-only");
    d = facetdict_new(db);
    is_int(facetdict_load(d, NULL), 0, "load");
    is_int(facetdict_size(d), 3003, "every id loaded");
    is_str(facetdict_term(d, 1), "XC兰州市", "id 1");
    is_str(facetdict_term(d, 1027), "XWstudio-1024",
           "across the chunk boundary");
    is_str(facetdict_term(d, 3003), "XBnew", "last id");
    ok(facetdict_term(d, 0) == NULL && facetdict_term(d, 3004) == NULL,
       "ids out of range have no term");
    facetdict_free(d);
    xdb_free(db);
    buf_release(&b);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    return tap_done();
}
