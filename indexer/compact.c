/*
 * compact.c - replace an index by a compacted copy (see compact.h).
 */
#include "compact.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/paths.h"
#include "../xapian/xapian_c.h"

/* The index folder path names, resolved (symbolic links followed, no
 * trailing slash): the copy goes beside the folder itself. */
static int resolve(const char *path, char real[PATH_MAX], struct lv_err *err)
{
    char glass[PATH_MAX + 16];
    struct stat st;

    if (!realpath(path, real))
        return lv_err_set(err, LV_ENOTFOUND, "no index at '%s'", path);
    if (stat(real, &st) != 0)
        return lv_err_set(err, LV_ENOTFOUND, "no index at '%s'", path);
    if (!S_ISDIR(st.st_mode))
        return lv_err_set(err, LV_EINVAL,
                          "'%s' is a stub file of shards: "
                          "compact each shard's index where it is",
                          path);
    /* Opening for writing would make a database of any folder. */
    snprintf(glass, sizeof(glass), "%s/iamglass", real);
    if (access(glass, F_OK) != 0)
        return lv_err_set(err, LV_ENOTFOUND,
                          "no index at '%s' (a folder "
                          "without a Xapian glass database)",
                          path);
    if (strcmp(real, "/") == 0)
        return lv_err_set(err, LV_EINVAL, "cannot compact '/'");
    return 0;
}

/* Swap the compacted copy tmp and the index path in one step: path always
 * names a whole index, and tmp then holds the original. */
static int exchange(const char *path, const char *tmp, struct lv_err *err)
{
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
        return 0;
    return lv_err_set(err, LV_EIO,
                      "cannot put the compacted copy in "
                      "'%s''s place (%s); the index is as it was",
                      path, strerror(errno));
}

int compact_index(const char *path, struct compact_report *report,
                  struct lv_err *err)
{
    char real[PATH_MAX], tmp[PATH_MAX + 16];
    struct xdb *db = NULL;
    int rc;

    memset(report, 0, sizeof(*report));
    rc = resolve(path, real, err);
    if (rc < 0)
        return rc;
    snprintf(tmp, sizeof(tmp), "%s.compacting", real);
    /* The write lock, held until the copy has the index's name: no
     * indexer commits a revision the copy would lose, and no second
     * compaction runs. */
    rc = xdb_open(real, XDB_WRITE, &db, err);
    /* A copy left by a stopped run (half written, or the original after
     * the swap): path is a whole index either way. */
    if (rc == 0 && paths_remove_tree(tmp) < 0)
        rc = lv_err_set(err, LV_EIO,
                        "cannot remove '%s' left by an earlier "
                        "run: %s",
                        tmp, strerror(errno));
    if (rc == 0)
        rc = xdb_doc_count(db, &report->docs, err);
    if (rc == 0) {
        report->bytes_before = paths_dir_bytes(real);
        rc = xdb_compact(db, tmp, err);
    }
    if (rc == 0)
        rc = exchange(real, tmp, err);
    xdb_free(db);
    if (rc == 0)
        report->bytes_after = paths_dir_bytes(real);
    /* The original, or a failed copy (never the index: the swap is one
     * step) */
    if (paths_remove_tree(tmp) < 0 && rc == 0)
        snprintf(report->note, sizeof(report->note),
                 "compacted, but the "
                 "original could not be removed: remove '%s' (%s)",
                 tmp, strerror(errno));
    return rc;
}
