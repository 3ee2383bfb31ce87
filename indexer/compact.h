/*
 * compact.h - replace an index by a compacted copy of itself, while
 * searchers keep reading it.
 *
 * Xapian writes a compacted copy of the last committed revision beside
 * the index folder (PATH.compacting, beside the folder a symbolic link
 * names), holding the index's write lock so no indexer changes it and no
 * other compaction runs meanwhile; then the copy and the index swap
 * names in one step (renameat2's RENAME_EXCHANGE) and the original is
 * removed.  PATH always names a whole index: a run stopped part way
 * leaves PATH.compacting (half a copy, or the original), which the next
 * removes.  A searcher holding the original keeps its open files; on its
 * next reopen it sees the folder was replaced (search.h,
 * searcher_reopen) and opens the copy.
 */
#ifndef LVZHI_COMPACT_H
#define LVZHI_COMPACT_H

#include <limits.h>

#include "../common/err.h"

struct compact_report {
    unsigned long long bytes_before, bytes_after;
    unsigned docs;
    char note[PATH_MAX + 256]; /* a warning for the user ("" when none) */
};

/* Compact the index folder at path (not a stub of shards; a folder that
 * holds no Xapian database is refused, never made one).  0 (see
 * report->note), or LV_ELOCKED (an indexer or another compaction is
 * writing to it), LV_ENOTFOUND (no index), LV_EINVAL (a stub file),
 * LV_EIO, LV_EDB, with the reason in err. */
LV_MUST_CHECK
int compact_index(const char *path, struct compact_report *report,
                  struct lv_err *err);

#endif
