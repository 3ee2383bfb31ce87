/*
 * compact.c - replace an index by a compacted copy (see compact.h).
 */
#include "compact.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/paths.h"
#include "../xapian/xapian_c.h"

/* A path beside path, with a suffix. */
static int sibling(char *out, size_t n, const char *path, const char *suffix,
                   struct lv_err *err)
{
    int len = snprintf(out, n, "%s%s", path, suffix);

    if (len < 0 || (size_t)len >= n)
        return lv_err_set(err, LV_EINVAL, "path too long: '%s'", path);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

/* Put back an original that a stopped run left renamed, and clear what
 * it left half written. */
static int recover(const char *path, const char *old, const char *tmp,
                   struct lv_err *err)
{
    if (!exists(path) && exists(old) && rename(old, path) != 0)
        return lv_err_set(err, LV_EIO, "cannot put '%s' back as '%s': %s",
                          old, path, strerror(errno));
    if (paths_remove_tree(tmp) < 0 || paths_remove_tree(old) < 0)
        return lv_err_set(err, LV_EIO, "cannot remove what an earlier run "
                          "left beside '%s': %s", path, strerror(errno));
    return 0;
}

/* The compacted copy tmp takes path's name; the original goes to old. */
static int swap_in(const char *path, const char *old, const char *tmp,
                   struct lv_err *err)
{
    if (rename(path, old) != 0)
        return lv_err_set(err, LV_EIO, "cannot rename '%s': %s", path,
                          strerror(errno));
    if (rename(tmp, path) != 0) {
        int e = errno;

        if (rename(old, path) != 0)
            return lv_err_set(err, LV_EIO, "the compacted index is '%s' and "
                              "the original '%s' (cannot rename: %s)", tmp,
                              old, strerror(e));
        return lv_err_set(err, LV_EIO, "cannot rename '%s': %s", tmp,
                          strerror(e));
    }
    return 0;
}

int compact_index(const char *path, struct compact_report *report,
                  struct lv_err *err)
{
    char tmp[4096], old[4096];
    struct stat st;
    struct xdb *db = NULL;
    int rc;

    memset(report, 0, sizeof(*report));
    rc = sibling(tmp, sizeof(tmp), path, ".compacting", err);
    if (rc == 0)
        rc = sibling(old, sizeof(old), path, ".old", err);
    if (rc == 0)
        rc = recover(path, old, tmp, err);
    if (rc < 0)
        return rc;
    if (stat(path, &st) != 0)
        return lv_err_set(err, LV_ENOTFOUND, "no index at '%s'", path);
    if (!S_ISDIR(st.st_mode))
        return lv_err_set(err, LV_EINVAL, "'%s' is a stub file of shards: "
                          "compact each shard's index where it is", path);
    /* The write lock, held until the copy has the index's name: no
     * indexer commits a revision the copy would lose. */
    rc = xdb_open(path, XDB_WRITE, &db, err);
    if (rc == 0)
        rc = xdb_doc_count(db, &report->docs, err);
    if (rc == 0) {
        report->bytes_before = paths_dir_bytes(path);
        rc = xdb_compact(db, tmp, err);
    }
    if (rc == 0)
        rc = swap_in(path, old, tmp, err);
    xdb_free(db);
    if (rc < 0) {
        paths_remove_tree(tmp);
        return rc;
    }
    report->bytes_after = paths_dir_bytes(path);
    if (paths_remove_tree(old) < 0)
        return lv_err_set(err, LV_EIO, "compacted, but cannot remove the "
                          "original '%s': %s", old, strerror(errno));
    return 0;
}
