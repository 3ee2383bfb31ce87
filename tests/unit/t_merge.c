/* t_merge.c - a split search's hits merge as one search would rank them:
 * by weight (ties by docid) or by date key, only as far as every part's
 * order reaches, and one hit per article with the best-ranked copy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../search/merge.h"
#include "tap.h"

static struct merge_cand cand(double w, unsigned docid, const char *key,
                              unsigned part, unsigned i)
{
    struct merge_cand c;

    c.weight = w;
    c.docid = docid;
    c.key = strdup(key);
    c.part = part;
    c.i = i;
    return c;
}

static void order(const struct merge_cand *c, size_t k, char *out)
{
    size_t j;

    out[0] = '\0';
    for (j = 0; j < k; j++)
        snprintf(out + strlen(out), 128 - strlen(out), "%s%u", j ? " " : "",
                 c[j].docid);
}

/* Documents 1..9: the copies of one article share a cluster. */
static const unsigned cluster_of[10] = {0, 0, 7, 0, 7, 0, 0, 7, 0, 0};

static int first_copy(void *ctx, unsigned docid)
{
    unsigned char *seen = ctx;
    unsigned cl = cluster_of[docid];

    if (!cl)
        return 1;
    if (seen[cl])
        return 0;
    seen[cl] = 1;
    return 1;
}

int main(void)
{
    struct merge_cand *c = calloc(8, sizeof(*c));
    char got[128];
    unsigned size[2], max[2];
    unsigned char seen[10] = {0};
    size_t kept, kept_trusted = 0;

    /* Two parts' results, each in its own order. */
    c[0] = cand(3.0, 1, "", 0, 0);
    c[1] = cand(2.0, 3, "", 0, 1);
    c[2] = cand(1.0, 5, "", 0, 2);
    c[3] = cand(2.5, 6, "", 1, 0);
    c[4] = cand(2.0, 2, "", 1, 1);
    c[5] = cand(0.5, 8, "", 1, 2);
    merge_sort(c, 6, 0);
    order(c, 6, got);
    is_str(got, "1 6 2 3 5 8", "by relevance: weight, then the lower docid");

    size[0] = 3, max[0] = 10; /* part 0 gave less than asked: all of it */
    size[1] = 3, max[1] = 3;  /* part 1 gave all it was asked for */
    is_int((int)merge_trusted(c, 6, size, max, 2), 6,
           "trusted to the end of the part that gave its all (its last, 8)");
    size[1] = 3, max[1] = 3;
    size[0] = 3, max[0] = 3; /* both full: up to the earlier last */
    is_int((int)merge_trusted(c, 6, size, max, 2), 5,
           "two full parts: up to the first of their last hits (5)");
    size[0] = 0, max[0] = 3;
    is_int((int)merge_trusted(c, 6, size, max, 1), 6,
           "a part with nothing bounds nothing");

    kept = merge_drop_copies(c, 6, first_copy, seen, 3, &kept_trusted);
    order(c, kept, got);
    is_str(got, "1 6 2 3 5 8", "one copy of article 7 among these: all kept");
    is_int((int)kept_trusted, 3, "three of them within the trusted part");
    merge_free(c, kept);

    /* By date, newest first: the key decides, then the weight. */
    memset(seen, 0, sizeof(seen));
    c = calloc(8, sizeof(*c));
    c[0] = cand(1.0, 2, "20240101", 0, 0);
    c[1] = cand(1.0, 4, "20230101", 0, 1);
    c[2] = cand(1.0, 7, "20250101", 1, 0);
    c[3] = cand(9.0, 9, "20230101", 1, 1);
    merge_sort(c, 4, 1);
    order(c, 4, got);
    is_str(got, "7 2 9 4", "newest first; on the same date, by weight");
    kept = merge_drop_copies(c, 4, first_copy, seen, 4, &kept_trusted);
    order(c, kept, got);
    is_str(got, "7 9",
           "copies of one article (2, 4, 7): the first ranked "
           "stays, the others go");
    is_int((int)kept_trusted, 2, "all kept ones trusted");
    merge_free(c, kept);

    c = calloc(8, sizeof(*c));
    c[0] = cand(1.0, 1, "", 0, 0);
    merge_sort(c, 1, 2);
    is_int((int)c[0].docid, 1, "one candidate stays as it is");
    merge_free(c, 1);
    return tap_done();
}
