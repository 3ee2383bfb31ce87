/*
 * headline.c - the headline among a page's first lines (see headline.h).
 *
 * Each line above the first paragraph is a candidate unless it is too
 * short or long, has no Han text to speak of, is a sentence, or is the
 * site's (navigation, widget, site name, byline).  A candidate earns
 * points for what follows it (a byline: the strongest sign; the body),
 * for being repeated in the page's <title>/<h1>, and for a headline's
 * length.  The best one wins if it earned enough; ties go to the line
 * nearer the body.
 */
#include "headline.h"

#include <string.h>

#include "../text/utf8.h"
#include "clean.h"

#define SCAN_LINES 30 /* the head of a page is shorter than this */
#define MIN_CHARS 5
#define MAX_CHARS 80
#define MIN_HAN 4
#define MIN_SCORE 3

static size_t han_chars(const char *s)
{
    size_t len = strlen(s), i = 0, n = 0;

    while (i < len) {
        unsigned cp;
        size_t k = utf8_decode(s + i, len - i, &cp);

        n += utf8_is_han(cp);
        i += k ? k : 1;
    }
    return n;
}

static size_t digit_run(const char *s)
{
    size_t best = 0, cur = 0;

    for (; *s; s++) {
        cur = *s >= '0' && *s <= '9' ? cur + 1 : 0;
        if (cur > best)
            best = cur;
    }
    return best;
}

static int ends_with(const char *s, const char *tail)
{
    size_t l = strlen(s), t = strlen(tail);

    return l >= t && strcmp(s + l - t, tail) == 0;
}

/* A body paragraph: long, or a sentence of some length. */
static int is_paragraph(const char *s)
{
    size_t chars = clean_chars(s, strlen(s));

    return chars > 90
           || (chars > 40
               && (strstr(s, "。") || strstr(s, "，") || strstr(s, ",")))
           || (chars > 15 && ends_with(s, "。"));
}

/* A line that sits between a headline and what follows it without
 * being either: empty, a widget, a subtitle (——…). */
static int is_filler(const char *s)
{
    return !*s || (clean_is_nav(s) && !clean_is_byline(s))
           || strncmp(s, "——", strlen("——")) == 0;
}

/* A photo caption ("图为…", "…谢臻 摄"). */
static int is_caption(const char *s)
{
    static const char *const heads[] = {
        "图为", "圖為",    "图：",    "圖：",     "图:",
        "圖:",  "(资料图", "(資料圖", "（资料图", "（資料圖"};
    static const char *const tails[] = {" 摄", " 攝", "供图", "供圖",
                                        "摄)", "攝)", "摄）", "攝）"};
    size_t i;

    for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
        if (strncmp(s, heads[i], strlen(heads[i])) == 0)
            return 1;
    for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
        if (ends_with(s, tails[i]))
            return 1;
    return 0;
}

static int is_candidate(const char *s)
{
    size_t chars = clean_chars(s, strlen(s));

    if (chars < MIN_CHARS || chars > MAX_CHARS || han_chars(s) < MIN_HAN)
        return 0;
    if (ends_with(s, "。") || ends_with(s, "：") || ends_with(s, ":")
        || ends_with(s, "，"))
        return 0;
    if (strstr(s, "。") || strncmp(s, "——", strlen("——")) == 0)
        return 0; /* a sentence ends inside (body text), a subtitle */
    if (digit_run(s) >= 7)
        return 0; /* a telephone number, an id */
    if (is_caption(s))
        return 0;
    return !clean_is_nav(s) && !clean_is_site_name(s) && !clean_is_byline(s);
}

/* 1 if a (len bytes) and b contain one another, a being non-trivial. */
static int repeats(const char *line, const char *hint)
{
    size_t len = strlen(line);
    const char *t = headline_trim(line, &len);
    char buf[MAX_CHARS * 4 + 1];

    if (!hint || !*hint || len < 6 || len >= sizeof(buf))
        return 0;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return strstr(hint, buf) != NULL;
}

/* What follows line i shows it is a headline: a byline (4), the body
 * (3), nothing (0).  A headline may run over two lines (main title and
 * a second line, or title and subtitle): then what follows the pair
 * counts for the first. */
static int follow_score(char *const *lines, size_t n, size_t i, int pair)
{
    size_t j;

    for (j = i + 1; j < n && is_filler(lines[j]); j++)
        ;
    if (j >= n)
        return 0;
    if (clean_is_byline(lines[j]))
        return 4;
    if (is_paragraph(lines[j]))
        return 3;
    if (pair && is_candidate(lines[j]))
        return follow_score(lines, n, j, 0);
    return 0;
}

size_t headline_pick(char *const *lines, size_t n, const char *hint)
{
    size_t i, best = (size_t)-1, limit = n < SCAN_LINES ? n : SCAN_LINES;
    int best_score = 0;

    for (i = 0; i < limit; i++) {
        const char *s = lines[i];
        size_t chars;
        int score;

        if (clean_is_spam(s))
            continue; /* an SEO keyword line above everything */
        if (is_paragraph(s))
            break; /* the body has begun: the headline was above */
        if (!is_candidate(s))
            continue;
        score = follow_score(lines, n, i, 1);
        if (repeats(s, hint))
            score += 4;
        chars = clean_chars(s, strlen(s));
        if (chars >= 8 && chars <= 50)
            score += 1;
        else if (chars > 60)
            score -= 1;           /* a run of several headlines, a teaser */
        if (score > best_score) { /* ties: the first line of a pair */
            best_score = score;
            best = i;
        }
    }
    return best_score >= MIN_SCORE ? best : (size_t)-1;
}

/* Words a site name or a column holds, for telling a suffix
 * ("_深圳政协网") from the second half of a headline. */
static const char *const site_words[] = {
    "网",   "網",   "政协", "政協", "报",   "報",   "新闻",   "新聞",
    "频道", "頻道", "门户", "門戶", "在线", "在線", "委员会", "委員會",
    "官网", "官網", ".cn",  ".com", "中国", "中國", "政府",   "融媒",
    "之声", "之聲", "动态", "動態", "要闻", "要聞",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int site_like(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < N(site_words); i++) {
        size_t w = strlen(site_words[i]);
        const char *p = s;

        while ((p = memchr(p, site_words[i][0], (size_t)(s + len - p)))
               && p + w <= s + len) {
            if (memcmp(p, site_words[i], w) == 0)
                return 1;
            p++;
        }
    }
    return 0;
}

/* Separators between a headline and the site's name. */
static const char *const suffix_seps[] = {
    "_", " - ", " – ", " — ", " | ", "｜", "|", "－", " -", "- ",
};

/* Separators after a column label ("各区之声|…"). */
static const char *const label_seps[] = {"|", "｜", "丨"};

/* The position of the last occurrence of sep in s[0..len-1], or NULL. */
static const char *last_of(const char *s, size_t len, const char *sep)
{
    size_t l = strlen(sep), i;

    for (i = len >= l ? len - l + 1 : 0; i-- > 0;)
        if (memcmp(s + i, sep, l) == 0)
            return s + i;
    return NULL;
}

/* What may stand before a headline and is not part of it. */
static const char *const lead_marks[] = {
    "原标题：", "原标题:", "原標題：", "原標題:", "•", "●",
    "■",        "◆",       "▲",        "★",       "·",
};

static const char *drop_label(const char *s, size_t *len)
{
    size_t i;

    for (i = 0; i < N(lead_marks); i++) {
        size_t l = strlen(lead_marks[i]);

        if (*len > l && strncmp(s, lead_marks[i], l) == 0) {
            *len -= l;
            s = clean_trim(s + l, len);
            i = (size_t)-1; /* "• ● 标题": again from the start */
        }
    }
    /* 【党派动态】 / [工作动态] in front of a longer headline */
    if ((strncmp(s, "【", 3) == 0 || s[0] == '[')) {
        const char *close = strstr(s, s[0] == '[' ? "]" : "】");
        size_t cl = s[0] == '[' ? 1 : 3;

        if (close && close < s + *len) {
            size_t inner = clean_chars(s, (size_t)(close - s)) - 1;
            size_t rest = *len - (size_t)(close + cl - s);

            if (inner >= 2 && inner <= 14
                && clean_chars(close + cl, rest) >= 6) {
                *len = rest;
                return clean_trim(close + cl, len);
            }
        }
    }
    /* 各区之声|… : a short label (no space) then the headline */
    for (i = 0; i < N(label_seps); i++) {
        const char *p = strstr(s, label_seps[i]);
        size_t l = strlen(label_seps[i]), head, rest;

        if (!p || p >= s + *len)
            continue;
        head = clean_chars(s, (size_t)(p - s));
        rest = *len - (size_t)(p + l - s);
        if (head >= 2 && head <= 10 && !memchr(s, ' ', (size_t)(p - s))
            && clean_chars(p + l, rest) >= head + 6) {
            *len = rest;
            return clean_trim(p + l, len);
        }
    }
    return s;
}

const char *headline_trim(const char *s, size_t *len)
{
    int again = 1;

    s = clean_trim(s, len);
    while (*len
           && (s[*len - 1] == '|'
               || (*len >= 3 && strncmp(s + *len - 3, "｜", 3) == 0))) {
        *len -= s[*len - 1] == '|' ? 1 : 3;
        s = clean_trim(s, len);
    }
    s = drop_label(s, len);
    /* "标题_各区政协_深圳政协网": cut site suffixes from the right while
     * they are short, site-like and shorter than what they follow */
    while (again) {
        size_t i;

        again = 0;
        for (i = 0; i < N(suffix_seps); i++) {
            const char *p = last_of(s, *len, suffix_seps[i]);
            size_t l = strlen(suffix_seps[i]), tail, head;

            if (!p)
                continue;
            tail = clean_chars(p + l, *len - (size_t)(p + l - s));
            head = clean_chars(s, (size_t)(p - s));
            /* after '_' any short tail is the site's ("…_风闻") */
            if (tail >= 2 && tail <= 24 && head >= 5 && head > tail
                && (site_like(p + l, *len - (size_t)(p + l - s))
                    || (i == 0 && tail <= 6 && head >= 8))) {
                *len = (size_t)(p - s);
                s = clean_trim(s, len);
                again = 1;
                break;
            }
        }
    }
    return s;
}
