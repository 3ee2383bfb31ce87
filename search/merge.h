/*
 * merge.h - merging the hits of a search cut into docid ranges
 * (split.c): the parts' candidates in Xapian's order, how much of that
 * order can be trusted, and one hit per article.  Pure: no index, so
 * tests/unit/t_merge.c checks it on made-up candidates.  Not for use
 * outside search/.
 */
#ifndef LVZHI_MERGE_H
#define LVZHI_MERGE_H

#include <stddef.h>

/* A hit one part gave. */
struct merge_cand {
    double weight;
    unsigned docid;
    char *key;        /* sort value (date), "" by relevance; owned */
    unsigned part, i; /* the part that gave it, at this rank */
};

/* Into the merged order: the plan's (plan_rank_cmp; sort 0 relevance,
 * 1 newest, 2 oldest). */
void merge_sort(struct merge_cand *c, size_t k, int sort);

/*
 * How many of the merged candidates stand in their true order: a part
 * that gave all it was asked for (size[p] == max[p]) may hold better hits
 * than the merged ones after its last, so only the candidates up to its
 * last count.  size and max have one entry per part.
 */
size_t merge_trusted(const struct merge_cand *c, size_t k, const unsigned *size,
                     const unsigned *max, size_t nparts);

/*
 * One hit per article: in the merged order keep a candidate when
 * first_copy(ctx, docid) says it is the first copy of its article seen
 * (as Xapian's collapse keeps the best-ranked), free the others' keys.
 * Returns how many are kept; *kept_trusted how many of them came from the
 * first `trust` candidates.
 */
size_t merge_drop_copies(struct merge_cand *c, size_t k,
                         int (*first_copy)(void *ctx, unsigned docid),
                         void *ctx, size_t trust, size_t *kept_trusted);

void merge_free(struct merge_cand *c, size_t k);

#endif
