/*
 * gazetteer.c - lookups in the gazetteer table by full name, through an
 * index sorted by name that is built once (on first use, from any
 * thread): a binary search instead of a scan of 3,206 rows.
 */
#include "gazetteer.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const struct gaz_row **by_name; /* all rows, sorted by full name */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_rows(const void *a, const void *b)
{
    const struct gaz_row *x = *(const struct gaz_row *const *)a;
    const struct gaz_row *y = *(const struct gaz_row *const *)b;
    int c = strcmp(x->full, y->full);

    return c ? c : (x < y ? -1 : x > y); /* table order among equals */
}

static void build(void)
{
    unsigned i;

    by_name = malloc(gazetteer_nrows * sizeof(*by_name));
    if (!by_name)
        return;
    for (i = 0; i < gazetteer_nrows; i++)
        by_name[i] = &gazetteer_rows[i];
    qsort(by_name, gazetteer_nrows, sizeof(*by_name), cmp_rows);
}

const struct gaz_row *const *gaz_by_name(const char *full, unsigned *n)
{
    unsigned lo = 0, hi = gazetteer_nrows, end;

    *n = 0;
    pthread_once(&once, build);
    if (!by_name || !full)
        return NULL;
    while (lo < hi) { /* the first row not below full */
        unsigned mid = lo + (hi - lo) / 2;

        if (strcmp(by_name[mid]->full, full) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    end = lo;
    while (end < gazetteer_nrows && strcmp(by_name[end]->full, full) == 0)
        end++;
    *n = end - lo;
    return *n ? by_name + lo : NULL;
}

const struct gaz_row *gaz_find(const char *full, int level)
{
    unsigned n, i;
    const struct gaz_row *const *rows = gaz_by_name(full, &n);

    for (i = 0; i < n; i++)
        if (rows[i]->level == level)
            return rows[i];
    return NULL;
}
