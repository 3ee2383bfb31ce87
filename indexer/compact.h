/*
 * compact.h - replace an index by a compacted copy of itself, while
 * searchers keep reading it.
 *
 * Xapian writes a compacted copy of the last committed revision beside
 * the index (PATH.compacting), holding the index's write lock so no
 * indexer changes it meanwhile; then the copy takes the index's name and
 * the original is removed.  A searcher holding the original keeps its
 * open files; on its next reopen it sees the folder was replaced
 * (search.h, searcher_reopen) and opens the copy.  A run that was stopped
 * part way leaves PATH as it was, or (stopped between the two renames)
 * PATH.old, which the next run puts back.
 */
#ifndef LVZHI_COMPACT_H
#define LVZHI_COMPACT_H

#include "../common/err.h"

struct compact_report {
    unsigned long long bytes_before, bytes_after;
    unsigned docs;
};

/* Compact the index folder at path (not a stub of shards).  0, or
 * LV_ELOCKED (an indexer is writing to it), LV_ENOTFOUND (no index),
 * LV_EINVAL (a stub file), LV_EIO, LV_EDB, with the reason in err. */
int compact_index(const char *path, struct compact_report *report,
                  struct lv_err *err);

#endif
