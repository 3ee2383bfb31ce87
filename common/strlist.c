/* strlist.c - word-list tests (see strlist.h). */
#include "strlist.h"

#include <string.h>

int strlist_equals(const char *s, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

int strlist_prefix(const char *s, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strncmp(s, list[i], strlen(list[i])) == 0)
            return 1;
    return 0;
}

int strlist_suffix_at(const char *s, size_t at, const char *const *list,
                      size_t n)
{
    size_t i, len;

    for (i = 0; i < n; i++) {
        len = strlen(list[i]);
        if (at >= len && memcmp(s + at - len, list[i], len) == 0)
            return 1;
    }
    return 0;
}

int strlist_contains(const char *s, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strstr(s, list[i]))
            return 1;
    return 0;
}
