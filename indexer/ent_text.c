/*
 * ent_text.c - text helpers of the entity finders (see ent_text.h).
 */
#include "ent_text.h"

#include <stdlib.h>
#include <string.h>

#include "../common/err.h"
#include "../common/strlist.h"
#include "../text/utf8.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *const ent_numerals[] = {
    "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十",
};
const size_t ent_nnumerals = N(ent_numerals);

int ent_push_unique(char ***v, size_t *n, const char *s, size_t len)
{
    char **nv;
    size_t i;

    for (i = 0; i < *n; i++)
        if (strlen((*v)[i]) == len && memcmp((*v)[i], s, len) == 0)
            return 0;
    nv = realloc(*v, (*n + 1) * sizeof(*nv));
    if (!nv)
        return LV_ENOMEM;
    *v = nv;
    nv[*n] = strndup(s, len);
    if (!nv[*n])
        return LV_ENOMEM;
    (*n)++;
    return 0;
}

size_t ent_prev_char_len(const char *s, size_t at)
{
    size_t i = at;

    if (at == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return at - i;
}

int ent_ends_with(const char *s, size_t at, const char *w)
{
    size_t n = strlen(w);

    return at >= n && memcmp(s + at - n, w, n) == 0;
}

int ent_contains(const char *s, size_t len, const char *w)
{
    return memmem(s, len, w, strlen(w)) != NULL;
}

size_t ent_chars(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

int ent_is_han(const char *s)
{
    unsigned cp;

    return ((unsigned char)*s & 0xF0) == 0xE0 /* 3 bytes: no NUL */
           && utf8_decode(s, 3, &cp) == 3 && utf8_is_han(cp);
}

int ent_stop_punct(const char *s)
{
    static const char *const punct[] = {
        "，", "。", "；", "：", "！", "？", "（", "）", "《",
        "》", "、", ",",  ".",  ";",  ":",  "!",  "?",  "(",
        ")",  " ",  "\n", "‘",  "’",  "—",  "…",
    };

    return strlist_prefix(s, punct, N(punct));
}
