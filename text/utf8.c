/*
 * utf8.c - UTF-8 decoding, validation and repair (see utf8.h).
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_decode(const char *s, size_t len, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], min;
    size_t n, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        goto bad;
    }
    if (len < n)
        goto bad;
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            goto bad;
        c = (c << 6) | (p[i] & 0x3F);
    }
    /* Overlong forms, surrogates and code points past Unicode. */
    if (c < min || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        goto bad;
    *cp = c;
    return n;
bad:
    *cp = UTF8_REPLACEMENT;
    return 1;
}

size_t utf8_encode(unsigned cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;

    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        o[0] = (unsigned char)(0xF0 | (cp >> 18));
        o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

void utf8_count(const char *s, size_t len, size_t *good, size_t *bad)
{
    size_t i = 0;

    *good = *bad = 0;
    while (i < len) {
        unsigned cp;
        size_t n;

        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8_decode(s + i, len - i, &cp);
        if (n == 1)
            (*bad)++;
        else
            (*good)++;
        i += n;
    }
}

int utf8_valid(const char *s, size_t len)
{
    size_t good, bad;

    utf8_count(s, len, &good, &bad);
    return bad == 0;
}

char *utf8_sanitize(const char *s, size_t len, size_t *outlen)
{
    /* Each bad byte becomes 3 bytes at most. */
    char *out = malloc(len * 3 + 1), *o = out;
    size_t i = 0;

    if (!out)
        return NULL;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp;
        size_t n;

        if (c < 0x80) {
            if (c)
                *o++ = (char)c;
            i++;
            continue;
        }
        n = utf8_decode(s + i, len - i, &cp);
        if (cp == UTF8_REPLACEMENT && n == 1) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(o, s + i, n);
            o += n;
        }
        i += n;
    }
    *o = '\0';
    if (outlen)
        *outlen = (size_t)(o - out);
    return out;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    size_t n;

    if (len <= max)
        return len;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int utf8_is_han(unsigned cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF)      /* unified */
           || (cp >= 0x3400 && cp <= 0x4DBF)   /* extension A */
           || (cp >= 0x20000 && cp <= 0x2EBEF) /* extensions B-F */
           || (cp >= 0x30000 && cp <= 0x323AF) /* extensions G-H */
           || (cp >= 0xF900 && cp <= 0xFAFF)   /* compatibility */
           || (cp >= 0x2F800 && cp <= 0x2FA1F) /* compat. supplement */
           || cp == 0x3007;                    /* 〇 */
}
