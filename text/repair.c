/*
 * repair.c - undo what conversion sites did to the text (see repair.h).
 *
 * Both repairs work in place, left to right, with a read and a write
 * cursor: each only ever shortens the text, so the writer never passes
 * the reader.
 */
#include "repair.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "norm.h"
#include "utf8.h"

/* Tone-marked Latin letters allowed in a pinyin note (ā á ǎ à ... ü ǘ ǚ ǜ). */
static int is_tone_letter(unsigned cp)
{
    static const unsigned tones[] = {
        0x101, 0xE1,  0x1CE, 0xE0,   /* ā á ǎ à */
        0x113, 0xE9,  0x11B, 0xE8,   /* ē é ě è */
        0x12B, 0xED,  0x1D0, 0xEC,   /* ī í ǐ ì */
        0x14D, 0xF3,  0x1D2, 0xF2,   /* ō ó ǒ ò */
        0x16B, 0xFA,  0x1D4, 0xF9,   /* ū ú ǔ ù */
        0x1D6, 0x1D8, 0x1DA, 0x1DC,  /* ǖ ǘ ǚ ǜ */
        0x144, 0x148, 0x1F9, 0x1E3F, /* ń ň ǹ ḿ */
    };
    size_t i;

    for (i = 0; i < sizeof(tones) / sizeof(tones[0]); i++)
        if (tones[i] == cp)
            return 1;
    return 0;
}

/* A pinyin syllable without tones ("zheng", "xie", "lv"): an initial
 * (or none) and a final. */
static int is_syllable(const char *s, size_t len)
{
    static const char *const initials[] = {
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g",
        "k",  "h",  "j",  "q", "x", "r", "z", "c", "s", "y", "w", "",
    };
    static const char *const finals[] = {
        "a",   "o",    "e",   "ai",   "ei",   "ao", "ou",  "an",  "en",  "ang",
        "eng", "ong",  "er",  "i",    "ia",   "ie", "iao", "iu",  "iou", "ian",
        "in",  "iang", "ing", "iong", "u",    "ua", "uo",  "uai", "ui",  "uei",
        "uan", "un",   "uen", "uang", "ueng", "v",  "ve",  "van", "vn",  "ue",
    };
    size_t i, j;

    for (i = 0; i < sizeof(initials) / sizeof(initials[0]); i++) {
        size_t il = strlen(initials[i]);

        if (il > len || strncmp(s, initials[i], il) != 0)
            continue;
        for (j = 0; j < sizeof(finals) / sizeof(finals[0]); j++)
            if (strlen(finals[j]) == len - il
                && strncmp(s + il, finals[j], len - il) == 0)
                return 1;
    }
    return 0;
}

/*
 * If s[0..len-1] starts with a pinyin note "(...)" or "（...）", return its
 * length in bytes, else 0.  *toned tells whether it had a tone mark; an
 * untoned one must spell a syllable.
 */
static size_t note_len(const char *s, size_t len, int *toned)
{
    size_t i, letters = 0, first;
    int fullwidth, plain = 1;
    unsigned cp;

    *toned = 0;
    if (len >= 1 && s[0] == '(')
        fullwidth = 0, i = 1;
    else if (len >= 3 && memcmp(s, "\xEF\xBC\x88", 3) == 0) /* （ */
        fullwidth = 1, i = 3;
    else
        return 0;
    first = i;
    while (i < len && letters <= 6) {
        size_t n = utf8_decode(s + i, len - i, &cp);

        if (cp >= 'a' && cp <= 'z') {
            letters++;
        } else if (cp == 0xFC) { /* ü */
            letters++;
            plain = 0;
        } else if (is_tone_letter(cp)) {
            letters++;
            *toned = 1;
        } else {
            break;
        }
        i += n;
    }
    if (letters < 1 || letters > 6 || i >= len)
        return 0;
    if (!*toned && !(plain && is_syllable(s + first, i - first)))
        return 0;
    if (!fullwidth && s[i] == ')')
        return i + 1;
    if (fullwidth && len - i >= 3 && memcmp(s + i, "\xEF\xBC\x89", 3) == 0)
        return i + 3;
    return 0;
}

/*
 * One pass over s: with drop, remove the notes (toned ones always,
 * untoned ones if allow_plain) and return the new length; without, only
 * count them into *toned_n and *plain_n.
 */
static size_t pinyin_pass(char *s, size_t len, int drop, int allow_plain,
                          size_t *toned_n, size_t *plain_n)
{
    size_t r = 0, w = 0;
    int after_han = 0;

    while (r < len) {
        unsigned cp;
        size_t n, note;
        int toned;

        if (after_han && (note = note_len(s + r, len - r, &toned)) != 0
            && (!drop || toned || allow_plain)) {
            if (toned)
                (*toned_n)++;
            else
                (*plain_n)++;
            if (drop) {
                r += note; /* drop the note, keep the character */
                after_han = 0;
                continue;
            }
        }
        n = utf8_decode(s + r, len - r, &cp);
        if (drop)
            memmove(s + w, s + r, n);
        w += n;
        r += n;
        after_han = utf8_is_han(cp);
    }
    return w;
}

/*
 * A note without tone marks (政(zheng)協) is removed only where the page
 * annotates that way: two or more such notes, or toned ones beside it;
 * a single 網(wang) may be real text.
 */
size_t repair_pinyin(char *s, size_t len, size_t *count)
{
    size_t toned = 0, plain = 0, w;
    int allow_plain;

    pinyin_pass(s, len, 0, 0, &toned, &plain);
    allow_plain = plain >= 2 || (plain && toned);
    toned = plain = 0;
    w = pinyin_pass(s, len, 1, allow_plain, &toned, &plain);
    if (w < len)
        s[w] = '\0';
    if (count)
        *count = toned + plain;
    return w;
}

/* GB18030 converter shared by all threads: ucnv objects are not
 * thread-safe, so each use clones it (cheap) under no lock. */
static UConverter *gb_proto;
static pthread_once_t gb_once = PTHREAD_ONCE_INIT;

static void gb_open(void)
{
    UErrorCode st = U_ZERO_ERROR;

    gb_proto = ucnv_open("GB18030", &st);
    if (U_FAILURE(st))
        gb_proto = NULL;
}

static int is_ascii_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9');
}

/*
 * The mojibake: a GBK text read one byte off, so a character's second
 * byte and the next byte formed a character, and an ASCII letter was left
 * over.  Re-encode X to GBK (b1 b2), decode (b2, L): if that is a
 * traditional Han character Y, "XL" was Y.
 */
static size_t try_mojibake(UConverter *cnv, unsigned x, char letter,
                           char out[4])
{
    UErrorCode st = U_ZERO_ERROR;
    UChar u[2] = {(UChar)x, 0}, back[4];
    char gbk[8], pair[2];
    int32_t n;
    unsigned y;

    if (x > 0xFFFF)
        return 0;
    ucnv_reset(cnv);
    n = ucnv_fromUChars(cnv, gbk, sizeof(gbk), u, 1, &st);
    if (U_FAILURE(st) || n != 2)
        return 0;
    pair[0] = gbk[1];
    pair[1] = letter;
    st = U_ZERO_ERROR;
    ucnv_reset(cnv);
    n = ucnv_toUChars(cnv, back, 4, pair, 2, &st);
    if (U_FAILURE(st) || n != 1)
        return 0;
    y = back[0];
    /* Y must be a traditional character (it has a simplified form): the
     * sites that produce this mojibake convert to traditional, and the
     * test keeps "在a股" (赼, a rare character) as it is. */
    if (!utf8_is_han(y) || norm_t2s(y) == y)
        return 0;
    return utf8_encode(y, out);
}

size_t repair_mojibake(char *s, size_t len, size_t *count)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = NULL;
    size_t r = 0, w = 0, found = 0;
    char prev = 0;

    pthread_once(&gb_once, gb_open);
    if (gb_proto)
        cnv = ucnv_clone(gb_proto, &st);
    if (!cnv || U_FAILURE(st)) {
        if (count)
            *count = 0;
        return len;
    }
    while (r < len) {
        unsigned cp;
        size_t n = utf8_decode(s + r, len - r, &cp);
        char y[4];
        size_t yn = 0;

        /* X, then one lower-case letter that is not part of a Latin word. */
        if (utf8_is_han(cp) && r + n < len && s[r + n] >= 'a' && s[r + n] <= 'z'
            && !is_ascii_alnum(prev)
            && (r + n + 1 >= len || !is_ascii_alnum(s[r + n + 1])))
            yn = try_mojibake(cnv, cp, s[r + n], y);
        if (yn) {
            memcpy(s + w, y, yn); /* yn <= n + 1: never overtakes r */
            w += yn;
            r += n + 1;
            found++;
            prev = 0;
            continue;
        }
        memmove(s + w, s + r, n);
        w += n;
        r += n;
        prev = n == 1 ? s[w - 1] : 0;
    }
    ucnv_close(cnv);
    if (w < len)
        s[w] = '\0';
    if (count)
        *count = found;
    return w;
}
