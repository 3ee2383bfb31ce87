/* hash.c - 128-bit digest (see hash.h). */
#include "hash.h"

#include <stdio.h>

uint64_t hash64(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;

    while (n--) {
        h ^= *p++;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Eight bytes at a time, each word mixed with a strong 64-bit finaliser
 * (from splitmix64), so the second half does not correlate with FNV. */
static uint64_t mix64(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)n;

    while (n) {
        uint64_t w = 0;
        size_t k = n < 8 ? n : 8, i;

        for (i = 0; i < k; i++)
            w |= (uint64_t)p[i] << (8 * i);
        h ^= w;
        h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
        h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
        h ^= h >> 31;
        p += k;
        n -= k;
    }
    return h;
}

void hash_hex(const void *data, size_t len, char hex[HASH_HEX_LEN + 1])
{
    const unsigned char *p = data;

    snprintf(hex, HASH_HEX_LEN + 1, "%016llx%016llx",
             (unsigned long long)hash64(p, len),
             (unsigned long long)mix64(p, len));
}
