/*
 * sketch.c - shingles, resemblance and sketches of texts (see sketch.h).
 */
#include "sketch.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "norm.h"
#include "utf8.h"

/* splitmix64's finaliser: every input bit reaches every output bit. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Letters and digits carry the text; the rest (punctuation, spaces,
 * symbols) differs between copies of one article. */
static int is_text_char(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')
               || (cp >= 'A' && cp <= 'Z');
    return utf8_is_han(cp) || u_isalnum((UChar32)cp);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

int shingles_of_text(const char *s, size_t len, struct shingles *out,
                     struct lv_err *err)
{
    struct norm n = {0};
    int rc = norm_text(s, len, 0, &n, err);

    memset(out, 0, sizeof(*out));
    if (rc == 0)
        rc = shingles_of_folded(n.text, n.len, out, err);
    norm_release(&n);
    return rc;
}

int shingles_of_folded(const char *folded, size_t len, struct shingles *out,
                       struct lv_err *err)
{
    unsigned window[SKETCH_SHINGLE];
    size_t i = 0, seen = 0, k = 0, cap = 0;

    memset(out, 0, sizeof(*out));
    while (i < len) {
        unsigned cp;

        i += utf8_decode(folded + i, len - i, &cp);
        if (!is_text_char(cp))
            continue;
        window[seen++ % SKETCH_SHINGLE] = cp;
        if (seen < SKETCH_SHINGLE)
            continue;
        if (k == cap) {
            size_t ncap = cap ? 2 * cap : 256;
            uint64_t *h = realloc(out->h, ncap * sizeof(*h));

            if (!h) {
                shingles_release(out);
                return lv_err_set(err, LV_ENOMEM, "out of memory");
            }
            out->h = h;
            cap = ncap;
        }
        {
            uint64_t h = 0;
            size_t j;

            for (j = 0; j < SKETCH_SHINGLE; j++) /* oldest first */
                h = mix64(h ^ window[(seen + j) % SKETCH_SHINGLE]);
            out->h[k++] = h;
        }
    }
    if (k > 1)
        qsort(out->h, k, sizeof(*out->h), cmp_u64);
    out->n = 0;
    for (i = 0; i < k; i++)
        if (out->n == 0 || out->h[out->n - 1] != out->h[i])
            out->h[out->n++] = out->h[i];
    return 0;
}

void shingles_release(struct shingles *sh)
{
    free(sh->h);
    sh->h = NULL;
    sh->n = 0;
}

double shingles_resemblance(const struct shingles *a, const struct shingles *b)
{
    size_t i = 0, j = 0, both = 0;

    if (!a->n || !b->n)
        return 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] == b->h[j]) {
            both++;
            i++;
            j++;
        } else if (a->h[i] < b->h[j]) {
            i++;
        } else {
            j++;
        }
    }
    return (double)both / (double)(a->n + b->n - both);
}

void shingles_sketch(const struct shingles *sh, struct sketch *out)
{
    uint64_t mins[SKETCH_HASHES], mul[SKETCH_HASHES], add[SKETCH_HASHES];
    size_t i, j;

    /* Hash function j is x -> mul[j] * x + add[j] (mul odd: a
     * permutation of 64-bit values); the shingles are mixed already. */
    for (j = 0; j < SKETCH_HASHES; j++) {
        mul[j] = mix64(0x9e3779b97f4a7c15ULL * (j + 1)) | 1;
        add[j] = mix64(0xc2b2ae3d27d4eb4fULL * (j + 1));
        mins[j] = UINT64_MAX;
    }
    for (i = 0; i < sh->n; i++)
        for (j = 0; j < SKETCH_HASHES; j++) {
            uint64_t v = mul[j] * sh->h[i] + add[j];

            if (v < mins[j])
                mins[j] = v;
        }
    for (i = 0; i < SKETCH_BANDS; i++) {
        uint64_t k = mix64(i + 1);

        for (j = 0; j < SKETCH_ROWS; j++)
            k = mix64(k ^ mins[i * SKETCH_ROWS + j]);
        out->keys[i] = k;
    }
    for (j = 0; j < SKETCH_HASHES; j++)
        out->mins[j] = (uint16_t)mins[j];
}

double sketch_resemblance(const struct sketch *a, const struct sketch *b)
{
    size_t j, same = 0;

    for (j = 0; j < SKETCH_HASHES; j++)
        same += a->mins[j] == b->mins[j];
    return (double)same / SKETCH_HASHES;
}

void sketch_pack(const struct sketch *s, unsigned char out[SKETCH_BYTES])
{
    size_t j;

    for (j = 0; j < SKETCH_HASHES; j++) {
        out[2 * j] = (unsigned char)s->mins[j];
        out[2 * j + 1] = (unsigned char)(s->mins[j] >> 8);
    }
}

int sketch_unpack(const unsigned char *in, size_t len, struct sketch *s)
{
    size_t j;

    if (len != SKETCH_BYTES)
        return -1;
    memset(s->keys, 0, sizeof(s->keys));
    for (j = 0; j < SKETCH_HASHES; j++)
        s->mins[j] = (uint16_t)(in[2 * j] | in[2 * j + 1] << 8);
    return 0;
}

uint64_t shingles_simhash(const struct shingles *sh)
{
    int votes[64] = {0};
    uint64_t out = 0;
    size_t i;
    unsigned b;

    for (i = 0; i < sh->n; i++)
        for (b = 0; b < 64; b++)
            votes[b] += (sh->h[i] >> b) & 1 ? 1 : -1;
    for (b = 0; b < 64; b++)
        if (votes[b] > 0)
            out |= 1ULL << b;
    return out;
}

unsigned simhash_distance(uint64_t a, uint64_t b)
{
    return (unsigned)__builtin_popcountll(a ^ b);
}
