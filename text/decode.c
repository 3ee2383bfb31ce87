/*
 * decode.c - find a document's charset and convert it to UTF-8 (see
 * decode.h).
 *
 * Declarations lie often on real pages (a UTF-8 page saying gbk, a GBK page
 * saying nothing), so the bytes have the last word where they are
 * unambiguous: text that is entirely valid UTF-8 and not plain ASCII is
 * UTF-8 whatever the page says; the chance of GBK text passing as valid
 * UTF-8 over a whole page is negligible.
 */
#include "decode.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "utf8.h"

#define META_SCAN 4096

/* Chinese labels that all mean "read me as GB18030" (its superset). */
static const char *const gb_aliases[] = {
    "gbk",      "gb2312",  "gb_2312",     "gb_2312-80", "x-gbk",
    "cp936",    "ms936",   "windows-936", "euc-cn",     "x-euc-cn",
    "csgb2312", "gb18030", "chinese",     "iso-ir-58",  "csiso58gb231280",
};

/* Map a declared label to the converter name we use. */
static void canonical(const char *label, char *out, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof(gb_aliases) / sizeof(gb_aliases[0]); i++) {
        if (strcasecmp(label, gb_aliases[i]) == 0) {
            snprintf(out, n, "GB18030");
            return;
        }
    }
    if (strcasecmp(label, "utf8") == 0 || strcasecmp(label, "utf-8") == 0)
        snprintf(out, n, "UTF-8");
    else if (strcasecmp(label, "iso-8859-1") == 0
             || strcasecmp(label, "latin1") == 0
             || strcasecmp(label, "us-ascii") == 0)
        snprintf(out, n, "windows-1252"); /* what browsers do */
    else
        snprintf(out, n, "%s", label);
}

/* Case-insensitive search for needle in hay[0..len-1]. */
static const char *find_ci(const char *hay, size_t len, const char *needle)
{
    size_t nl = strlen(needle), i;

    for (i = 0; i + nl <= len; i++)
        if (strncasecmp(hay + i, needle, nl) == 0)
            return hay + i;
    return NULL;
}

/*
 * Find "charset=" inside a <meta ...> tag in the first META_SCAN bytes:
 * both <meta charset="gbk"> and <meta http-equiv content="...;
 * charset=gbk">.  Writes the label (letters, digits, - _ . :) to out.
 */
static int meta_charset(const char *s, size_t len, char *out, size_t n)
{
    size_t scan = len < META_SCAN ? len : META_SCAN;
    const char *p = s, *end = s + scan;

    while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
        const char *close = memchr(p, '>', (size_t)(end - p));
        const char *cs;

        if (!close)
            close = end;
        cs = find_ci(p, (size_t)(close - p), "charset");
        if (cs) {
            size_t k = 0;

            cs += 7;
            while (cs < close && (*cs == ' ' || *cs == '='))
                cs++;
            while (cs < close && (*cs == '"' || *cs == '\''))
                cs++;
            while (cs < close && k + 1 < n
                   && (isalnum((unsigned char)*cs) || *cs == '-' || *cs == '_'
                       || *cs == '.' || *cs == ':'))
                out[k++] = *cs++;
            out[k] = '\0';
            if (k)
                return 1;
        }
        p = close;
    }
    return 0;
}

/*
 * Mostly UTF-8: valid multi-byte sequences outnumber invalid bytes four to
 * one.  A page with a few corrupt bytes, or cut in the middle of its last
 * character, is still a UTF-8 page; GBK text almost never forms valid
 * UTF-8 sequences, so it fails this test by a wide margin.  Text whose
 * only fault is in its last three bytes was cut mid-character.
 */
static int mostly_utf8(const char *s, size_t len)
{
    size_t good, bad, i;

    utf8_count(s, len, &good, &bad);
    if (good > 0 && good >= 4 * bad)
        return 1;
    /* Cut in the middle of its last character. */
    for (i = 1; good > 0 && i <= 3 && i < len; i++)
        if (utf8_valid(s, len - i))
            return 1;
    return 0;
}

/* A UTF-8 declaration holds when valid multi-byte sequences are at
 * least as many as invalid bytes. */
static int declared_utf8_holds(const char *s, size_t len)
{
    size_t good, bad;

    utf8_count(s, len, &good, &bad);
    return good > 0 && good >= bad;
}

static int has_high_bytes(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/*
 * ICU's detector; for Chinese it reports GB18030 when confident.  Weak
 * answers on text with many high bytes are read as GB18030 too: in this
 * archive an undeclared non-UTF-8 page is nearly always GBK.
 */
static void detect(const char *s, size_t len, char *out, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&st);
    const UCharsetMatch *m;
    const char *name = NULL;
    int32_t conf = 0;

    if (U_SUCCESS(st))
        ucsdet_setText(det, s, (int32_t)(len > 65536 ? 65536 : len), &st);
    m = U_SUCCESS(st) ? ucsdet_detect(det, &st) : NULL;
    if (m && U_SUCCESS(st)) {
        name = ucsdet_getName(m, &st);
        conf = ucsdet_getConfidence(m, &st);
    }
    if (name && U_SUCCESS(st) && conf >= 30)
        canonical(name, out, n);
    else
        snprintf(out, n, "GB18030");
    if (strcasecmp(out, "UTF-8") == 0) /* it was not valid UTF-8 */
        snprintf(out, n, "GB18030");
    ucsdet_close(det);
}

/* Convert with ICU, invalid input becoming U+FFFD (ICU's default
 * substitution for Unicode targets is U+FFFD via the UTF-8 converter). */
static int convert(const char *s, size_t len, const char *charset,
                   struct decoded *out, struct lv_err *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &st), *to;
    char *buf, *t;
    const char *src = s;
    size_t cap = len * 3 + 16;

    if (U_FAILURE(st))
        return lv_err_set(err, LV_EICU, "cannot open converter '%s': %s",
                          charset, u_errorName(st));
    to = ucnv_open("UTF-8", &st);
    if (U_FAILURE(st)) {
        ucnv_close(from);
        return lv_err_set(err, LV_EICU, "cannot open UTF-8 converter");
    }
    buf = malloc(cap);
    if (!buf) {
        ucnv_close(from);
        ucnv_close(to);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    t = buf;
    ucnv_convertEx(to, from, &t, buf + cap - 1, &src, s + len, NULL, NULL, NULL,
                   NULL, 1, 1, &st);
    ucnv_close(from);
    ucnv_close(to);
    if (U_FAILURE(st)) {
        free(buf);
        return lv_err_set(err, LV_EICU, "conversion from %s failed: %s",
                          charset, u_errorName(st));
    }
    *t = '\0';
    /* One more pass: drop NULs, guarantee validity, count U+FFFD. */
    out->text = utf8_sanitize(buf, (size_t)(t - buf), &out->len);
    free(buf);
    if (!out->text)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    {
        const char *p = out->text;

        while ((p = strstr(p, "\xEF\xBF\xBD")) != NULL) {
            out->replaced++;
            p += 3;
        }
    }
    snprintf(out->charset, sizeof(out->charset), "%s", charset);
    return 0;
}

int decode_to_utf8(const char *bytes, size_t len, int is_html,
                   struct decoded *out, struct lv_err *err)
{
    return decode_to_utf8_declared(bytes, len, is_html, NULL, out, err);
}

int decode_to_utf8_declared(const char *bytes, size_t len, int is_html,
                            const char *transport, struct decoded *out,
                            struct lv_err *err)
{
    char declared[32] = "", cs[32];
    const unsigned char *b = (const unsigned char *)bytes;
    int rc;

    memset(out, 0, sizeof(*out));
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        out->how = "bom";
        return convert(bytes + 3, len - 3, "UTF-8", out, err);
    }
    if (len >= 2
        && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        out->how = "bom";
        return convert(bytes + 2, len - 2,
                       b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", out, err);
    }
    if (transport && *transport)
        canonical(transport, cs, sizeof(cs));
    else if (is_html && meta_charset(bytes, len, declared, sizeof(declared)))
        canonical(declared, cs, sizeof(cs));
    else
        cs[0] = '\0';

    if (!has_high_bytes(bytes, len) || utf8_valid(bytes, len)
        || mostly_utf8(bytes, len)) {
        /* ASCII, or valid UTF-8 with real non-ASCII text. */
        out->how = cs[0] && strcmp(cs, "UTF-8") == 0 ? "meta" : "utf8-valid";
        return convert(bytes, len, "UTF-8", out, err);
    }
    if (cs[0] && strcmp(cs, "UTF-8") == 0 && declared_utf8_holds(bytes, len)) {
        /* Said UTF-8, and as many valid sequences as broken ones: a
         * damaged UTF-8 page (a lying GBK page has almost no valid
         * ones), better read with U+FFFD than as Latin-1 mojibake. */
        out->how = "meta";
        return convert(bytes, len, "UTF-8", out, err);
    }
    if (cs[0] && strcmp(cs, "UTF-8") != 0) {
        out->how = "meta";
        rc = convert(bytes, len, cs, out, err);
        if (rc != LV_EICU)
            return rc;
        /* Unknown label: fall through to detection. */
        memset(out, 0, sizeof(*out));
    }
    detect(bytes, len, cs, sizeof(cs));
    out->how = "detected";
    rc = convert(bytes, len, cs, out, err);
    if (rc == LV_EICU) {
        memset(out, 0, sizeof(*out));
        out->how = "detected";
        rc = convert(bytes, len, "GB18030", out, err);
    }
    return rc;
}

void decoded_release(struct decoded *out)
{
    free(out->text);
    memset(out, 0, sizeof(*out));
}
