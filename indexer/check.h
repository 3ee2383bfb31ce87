/*
 * check.h - verify an index document by document: every document is
 * whole (one unique id, one path term, a stored record naming the same
 * path, its values, and facet ids that decode to exactly its facet
 * terms), the clusters of copies of one article are what the texts say
 * (indexer/reprints.h), and optionally write a digest of the content that does
 * not depend on docids or on the order in which documents were indexed, so two
 * indexes of the same files can be compared byte for byte.
 */
#ifndef LVZHI_CHECK_H
#define LVZHI_CHECK_H

#include <stdio.h>

#include "../common/err.h"

struct check_report {
    unsigned docs;     /* documents read */
    unsigned problems; /* problems found (each described on `log`) */
    unsigned clusters; /* articles with more than one copy */
};

/*
 * Check the index at dbpath (opened read-only).  Each problem is one line
 * on log (at most the first 50).  With digest non-NULL, one line per
 * document "UID HASH" sorted by UID is written there (HASH covers terms
 * with wdf, values and the record).  Returns 0 when the index could be
 * read (problems or not), else an LV_E* code described in err.
 */
LV_MUST_CHECK
int check_index(const char *dbpath, FILE *log, FILE *digest,
                struct check_report *report, struct lv_err *err);

#endif
