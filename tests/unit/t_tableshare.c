/* t_tableshare.c - searchers given one share build each revision's facet
 * table once between them, wait for a build under way instead of making
 * their own, and a table nobody holds goes once a newer one is built. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/paths.h"
#include "../../search/facettable.h"
#include "../../search/tableshare.h"
#include "../../xapian/xapian_c.h"
#include "tap.h"

static struct xdb *db;
static int builds, fail_next;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static int build(void *ctx, struct facet_table **out, struct lv_err *err)
{
    (void)ctx;
    pthread_mutex_lock(&count_lock);
    builds++;
    pthread_mutex_unlock(&count_lock);
    usleep(50000); /* slow enough for the other threads to arrive */
    if (fail_next) {
        fail_next = 0;
        return lv_err_set(err, LV_EDB, "build failed");
    }
    return facet_table_build(db, out, err);
}

struct asker {
    struct table_share *sh;
    struct facet_table *got;
    int rc;
};

static void *ask(void *p)
{
    struct asker *a = p;

    a->rc = table_share_get(a->sh, 3, build, NULL, &a->got, NULL);
    return NULL;
}

int main(void)
{
    char dir[] = "/tmp/t_tableshare.XXXXXX", path[256];
    struct table_share *sh = table_share_new();
    struct facet_table *a = NULL, *b = NULL, *c = NULL;
    struct asker askers[4];
    pthread_t th[4];
    struct lv_err err = {0};
    int i, same = 1;

    if (!mkdtemp(dir) || !sh)
        return 1;
    snprintf(path, sizeof(path), "%s/db", dir);
    if (xdb_open(path, XDB_WRITE, &db, NULL) < 0 || xdb_commit(db, NULL) < 0)
        return 1;

    ok(table_share_get(sh, 1, build, NULL, &a, &err) == 0 && a,
       "a revision's table is built");
    ok(table_share_get(sh, 1, build, NULL, &b, &err) == 0 && b == a,
       "and given again to the next searcher of that revision");
    is_int(builds, 1, "built once");
    table_share_put(sh, b);
    ok(table_share_get(sh, 2, build, NULL, &c, &err) == 0 && c && c != a,
       "a newer revision gets its own table");
    is_int((int)table_share_count(sh), 2, "the older one stays while held");
    table_share_put(sh, a);
    is_int((int)table_share_count(sh), 1,
           "and goes once nobody holds it (a newer one built)");
    table_share_put(sh, c);
    is_int((int)table_share_count(sh), 1, "the newest stays, for the next");

    builds = 0;
    for (i = 0; i < 4; i++) {
        askers[i].sh = sh;
        askers[i].got = NULL;
        pthread_create(&th[i], NULL, ask, &askers[i]);
    }
    for (i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (i = 0; i < 4; i++)
        same &= askers[i].rc == 0 && askers[i].got == askers[0].got;
    ok(same && askers[0].got, "four searchers at once get one table");
    is_int(builds, 1, "built by one while the others waited");
    for (i = 0; i < 4; i++)
        table_share_put(sh, askers[i].got);

    builds = 0;
    fail_next = 1;
    ok(table_share_get(sh, 4, build, NULL, &a, &err) == LV_EDB && !a,
       "a failed build is the caller's error: %s", err.msg);
    ok(table_share_get(sh, 4, build, NULL, &a, &err) == 0 && a,
       "and the next caller builds it again");
    is_int(builds, 2, "two builds");
    table_share_put(sh, a);

    table_share_free(sh);
    xdb_free(db);
    lv_ignore(paths_remove_tree(dir)); /* (a temporary folder) */
    return tap_done();
}
