/*
 * paths.h - where lvzhi keeps its index by default, and creating folders.
 */
#ifndef LVZHI_PATHS_H
#define LVZHI_PATHS_H

#include <stddef.h>

#include "err.h"

/*
 * The default database path: $LVZHI_DB, else $XDG_DATA_HOME/lvzhi/index,
 * else $HOME/.local/share/lvzhi/index, else ./lvzhi-index.  Written into
 * out (size n, truncated safely).
 */
void paths_default_db(char *out, size_t n);

/* mkdir -p of every parent folder of path (not path itself).
 * 0 or LV_EIO (errno set). */
LV_MUST_CHECK
int paths_make_parents(const char *path);

/* rm -r path (symbolic links removed, never followed); a missing path is
 * fine.  0 or LV_EIO (errno set). */
LV_MUST_CHECK
int paths_remove_tree(const char *path);

/* The bytes of the regular files in the folder path (not below it): an
 * index's size.  0 when it cannot be read. */
unsigned long long paths_dir_bytes(const char *path);

#endif
