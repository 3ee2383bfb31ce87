/* grow.c - growing arrays (see grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *grow_one(void *p, size_t n, size_t *cap, size_t size, size_t first)
{
    size_t want;
    void *q;

    if (n < *cap)
        return p;
    want = *cap ? *cap * 2 : first;
    if (want <= n || want > SIZE_MAX / size)
        return NULL;
    q = realloc(p, want * size);
    if (q)
        *cap = want;
    return q;
}
