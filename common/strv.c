/* strv.c - a growable list of owned strings (see strv.h). */
#include "strv.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

int strv_push(struct strv *s, char *str)
{
    if (!str)
        return LV_ENOMEM;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        char **v = realloc(s->v, cap * sizeof(*v));

        if (!v) {
            free(str);
            return LV_ENOMEM;
        }
        s->v = v;
        s->cap = cap;
    }
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
