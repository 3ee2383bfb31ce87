/* strv.c - a growable list of owned strings (see strv.h). */
#include "strv.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "grow.h"

int strv_push(struct strv *s, char *str)
{
    char **v;

    if (!str)
        return LV_ENOMEM;
    v = grow_one(s->v, s->n, &s->cap, sizeof(*v), 64);
    if (!v) {
        free(str);
        return LV_ENOMEM;
    }
    s->v = v;
    s->v[s->n++] = str;
    return 0;
}

void strv_release(struct strv *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof(*s));
}
