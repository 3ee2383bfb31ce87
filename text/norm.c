/*
 * norm.c - normalisation for matching (see norm.h).
 *
 * Per-code-point tables are built once: for every BMP code point, the UTF-8
 * bytes of NFKC_Casefold(cp) with each resulting code point folded
 * traditional→simplified.  Normalising is then one table lookup and a
 * short copy per code point, hundreds of MB/s, where running ICU's
 * normaliser and transliterator over the text would manage ~10 MB/s.
 * Mapping code points one by one misses compositions across code points
 * (e + U+0301 stays two); Chinese text does not need them, and documents
 * and queries are folded identically either way.
 */
#include "norm.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "utf8.h"

#define BMP 0x10000

static uint32_t *map_off; /* offset of cp's bytes in map_pool */
static uint8_t *map_len;  /* their length (0: cp vanishes) */
static char *map_pool;
static uint16_t *t2s; /* traditional→simplified, BMP only */
static const UNormalizer2 *nfkc_cf;
static int init_status; /* 0 or LV_EICU / LV_ENOMEM */
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* Fill t2s with ICU's Traditional-Simplified transliterator, one code
 * point at a time over the Han blocks; keep one-to-one results only. */
static int build_t2s(void)
{
    static const UChar id[] = u"Traditional-Simplified";
    static const unsigned ranges[][2] = {
        {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},
        {0xF900, 0xFAFF},
    };
    UErrorCode st = U_ZERO_ERROR;
    UTransliterator *tr;
    size_t r;
    unsigned cp;

    t2s = malloc(BMP * sizeof(*t2s));
    if (!t2s)
        return LV_ENOMEM;
    for (cp = 0; cp < BMP; cp++)
        t2s[cp] = (uint16_t)cp;
    tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st))
        return LV_EICU;
    for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
        for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            UChar buf[8] = {(UChar)cp, 0};
            int32_t len = 1, limit = 1;

            st = U_ZERO_ERROR;
            utrans_transUChars(tr, buf, &len, 8, 0, &limit, &st);
            if (U_SUCCESS(st) && len == 1 && buf[0] != cp)
                t2s[cp] = buf[0];
        }
    }
    utrans_close(tr);
    return 0;
}

/* Append the UTF-8 of NFKC_Casefold(cp), each result code point folded
 * T→S, to out (capacity >= 64); return the number of bytes. */
static size_t fold_one(unsigned cp, char *out)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar src[2], dst[32];
    int32_t n = 0, len, i = 0;
    size_t w = 0;

    if (cp < BMP) {
        src[n++] = (UChar)cp;
    } else {
        src[n++] = (UChar)(0xD7C0 + (cp >> 10));
        src[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
    }
    len = unorm2_normalize(nfkc_cf, src, n, dst, 32, &st);
    if (U_FAILURE(st)) {
        /* Leave the code point as it is. */
        return utf8_encode(cp, out);
    }
    while (i < len && w + 4 <= 60) {
        UChar32 c;

        U16_NEXT(dst, i, len, c);
        if (c < BMP)
            c = t2s[c];
        w += utf8_encode((unsigned)c, out + w);
    }
    return w;
}

static void build(void)
{
    UErrorCode st = U_ZERO_ERROR;
    size_t pool_cap = BMP * 4, pool_len = 0;
    unsigned cp;
    char tmp[64];

    nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) {
        init_status = LV_EICU;
        return;
    }
    init_status = build_t2s();
    if (init_status < 0)
        return;
    map_off = malloc(BMP * sizeof(*map_off));
    map_len = malloc(BMP);
    map_pool = malloc(pool_cap);
    if (!map_off || !map_len || !map_pool) {
        init_status = LV_ENOMEM;
        return;
    }
    for (cp = 0; cp < BMP; cp++) {
        size_t n;

        if (cp >= 0xD800 && cp <= 0xDFFF) {
            n = utf8_encode(UTF8_REPLACEMENT, tmp);
        } else if (cp < 0x80) {
            tmp[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            n = 1;
        } else {
            n = fold_one(cp, tmp);
        }
        if (pool_len + n > pool_cap) {
            char *p = realloc(map_pool, pool_cap * 2);

            if (!p) {
                init_status = LV_ENOMEM;
                return;
            }
            map_pool = p;
            pool_cap *= 2;
        }
        memcpy(map_pool + pool_len, tmp, n);
        map_off[cp] = (uint32_t)pool_len;
        map_len[cp] = (uint8_t)n;
        pool_len += n;
    }
}

int norm_init(struct lv_err *err)
{
    pthread_once(&init_once, build);
    if (init_status < 0)
        return lv_err_set(err, init_status,
                          "cannot build the normalisation tables (ICU)");
    return 0;
}

unsigned norm_t2s(unsigned cp)
{
    if (norm_init(NULL) < 0 || cp >= BMP)
        return cp;
    return t2s[cp];
}

int norm_text(const char *s, size_t len, int flags, struct norm *out,
              struct lv_err *err)
{
    size_t cap = len + len / 4 + 64, r = 0, w = 0;
    int offsets = flags & NORM_OFFSETS;
    char *text;
    uint32_t *orig = NULL;
    int rc = norm_init(err);

    memset(out, 0, sizeof(*out));
    if (rc < 0)
        return rc;
    if (offsets && len >= UINT32_MAX)
        return lv_err_set(err, LV_EINVAL, "text too long for offsets");
    text = malloc(cap);
    if (offsets)
        orig = malloc(cap * sizeof(*orig));
    if (!text || (offsets && !orig))
        goto nomem;
    while (r < len) {
        unsigned char c = (unsigned char)s[r];
        char tmp[64];
        const char *src;
        size_t n, k;
        unsigned cp;

        if (w + 64 > cap) {
            char *t;

            cap *= 2;
            t = realloc(text, cap);
            if (!t)
                goto nomem;
            text = t;
            if (offsets) {
                uint32_t *o = realloc(orig, cap * sizeof(*orig));

                if (!o)
                    goto nomem;
                orig = o;
            }
        }
        if (c < 0x80) {
            /* ASCII: lower-case only; the common case, kept short. */
            text[w] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (offsets)
                orig[w] = (uint32_t)r;
            w++;
            r++;
            continue;
        }
        n = utf8_decode(s + r, len - r, &cp);
        if (cp < BMP) {
            src = map_pool + map_off[cp];
            k = map_len[cp];
        } else {
            k = fold_one(cp, tmp);
            src = tmp;
        }
        memcpy(text + w, src, k);
        if (offsets) {
            size_t i;

            for (i = 0; i < k; i++)
                orig[w + i] = (uint32_t)r;
        }
        w += k;
        r += n;
    }
    text[w] = '\0';
    if (offsets)
        orig[w] = (uint32_t)len;
    out->text = text;
    out->len = w;
    out->orig = orig;
    return 0;
nomem:
    free(text);
    free(orig);
    return lv_err_set(err, LV_ENOMEM, "out of memory");
}

void norm_release(struct norm *n)
{
    free(n->text);
    free(n->orig);
    memset(n, 0, sizeof(*n));
}

int norm_string(const char *s, char **out, struct lv_err *err)
{
    struct norm n;
    int rc = norm_text(s, strlen(s), 0, &n, err);

    *out = rc < 0 ? NULL : n.text;
    return rc < 0 ? rc : 0;
}
