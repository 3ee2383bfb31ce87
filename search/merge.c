/*
 * merge.c - merging a split search's hits (see merge.h).
 */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "plan.h"

static int cmp_cand(const void *pa, const void *pb, void *ctx)
{
    const struct merge_cand *a = pa, *b = pb;
    int sort = *(const int *)ctx;

    return plan_rank_cmp(sort, sort ? strcmp(a->key, b->key) : 0, a->weight,
                         a->docid, b->weight, b->docid);
}

void merge_sort(struct merge_cand *c, size_t k, int sort)
{
    qsort_r(c, k, sizeof(*c), cmp_cand, &sort);
}

size_t merge_trusted(const struct merge_cand *c, size_t k, const unsigned *size,
                     const unsigned *max, size_t nparts)
{
    size_t p, j, t = k;

    for (p = 0; p < nparts; p++) {
        if (size[p] == 0 || size[p] < max[p])
            continue;
        for (j = 0; j < k && j < t; j++)
            if (c[j].part == p && c[j].i == size[p] - 1) {
                t = j + 1;
                break;
            }
    }
    return t;
}

size_t merge_drop_copies(struct merge_cand *c, size_t k,
                         int (*first_copy)(void *ctx, unsigned docid),
                         void *ctx, size_t trust, size_t *kept_trusted)
{
    size_t i, kept = 0;

    for (i = 0; i < k; i++) {
        if (i == trust)
            *kept_trusted = kept;
        if (first_copy(ctx, c[i].docid))
            c[kept++] = c[i];
        else
            free(c[i].key);
    }
    if (trust >= k)
        *kept_trusted = kept;
    return kept;
}

void merge_free(struct merge_cand *c, size_t k)
{
    size_t i;

    for (i = 0; i < k; i++)
        free(c[i].key);
    free(c);
}
