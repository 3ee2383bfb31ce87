/*
 * clean.c - line-level cleaning (see clean.h).
 */
#include "clean.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/strlist.h"
#include "../text/utf8.h"

#define SHORT_LINE 200   /* chrome rules only look at lines this short */
#define FRAGMENT 40      /* a fragment is repeated text this short */

/* SEO keyword spam (seed 001's first line). */
static const char *const spam_words[] = {
    "国产", "精品", "久久", "亚洲", "中文字幕", "在线观看", "乱码", "无码",
    "一区二区", "综合网", "福利", "色综合", "av", "AV", "蜘蛛池",
};

/* Site chrome: a short line containing one of these is not article text. */
static const char *const chrome_words[] = {
    "分享到", "版权所有", "版權所有", "Copyright", "copyright", "COPYRIGHT",
    "ICP备", "ICP備", "ICP证", "ICP證", "备案号", "備案號", "经营许可证",
    "經營許可證", "当前位置", "當前位置", "以上文章仅代表", "以上文章僅代表",
    "本网所有文字", "本網所有文字", "相关热词", "相關熱詞", "服务粉丝",
    "我们一直在努力", "扫一扫", "掃一掃", "打印本页", "打印本頁", "关闭窗口",
    "關閉窗口", "责任编辑", "責任編輯", "All Rights Reserved",
};

/* Lines that start with these are chrome (来源, 编辑 ...). */
static const char *const chrome_prefixes[] = {
    "来源", "來源", "编辑", "編輯", "作者:", "作者：", "[摘要]", "【摘要】",
    "摘要:", "摘要：", "日期:", "日期：", "发布时间", "發布時間", "發佈時間",
    "稿源", "原标题", "原標題",
};

/* A line that is exactly one of these starts an unrelated block. */
static const char *const related_heads[] = {
    "相关阅读", "相關閱讀", "热门文章", "熱門文章", "最新文章", "推荐阅读",
    "推薦閱讀", "延伸阅读", "延伸閱讀", "相关新闻", "相關新聞", "相关文章",
    "相關文章", "猜你喜欢", "猜你喜歡", "热点推荐", "熱點推薦", "往期回顾",
    "往期回顧", "相关链接", "相關鏈接",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *clean_trim(const char *s, size_t *len)
{
    size_t n = *len;

    for (;;) {
        if (n && isspace((unsigned char)*s)) {
            s++;
            n--;
        } else if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
            s += 3;
            n -= 3;
        } else if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0) {
            s += 2;
            n -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (n && isspace((unsigned char)s[n - 1]))
            n--;
        else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
            n -= 2;
        else
            break;
    }
    *len = n;
    return s;
}

size_t clean_chars(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static int digits(const char *s, int min, int max, int *val)
{
    int n = 0, v = 0;

    while (n < max && isdigit((unsigned char)s[n]))
        v = v * 10 + (s[n++] - '0');
    if (n < min || isdigit((unsigned char)s[n]))
        return 0;
    *val = v;
    return n;
}

/* A date separator: - / . or 年 / 月 (returns its length). */
static int date_sep(const char *s, int second)
{
    if (*s == '-' || *s == '/' || *s == '.')
        return 1;
    if (!second && strncmp(s, "年", 3) == 0)
        return 3;
    if (second && strncmp(s, "月", 3) == 0)
        return 3;
    return 0;
}

size_t clean_find_date(const char *s, size_t *at, char ymd[9])
{
    size_t i;

    for (i = 0; s[i]; i++) {
        const char *p = s + i;
        int y, m, d, n, k;

        if ((i > 0 && isdigit((unsigned char)s[i - 1]))
            || !(n = digits(p, 4, 4, &y)) || y < 1990 || y > 2099)
            continue;
        p += n;
        if (!(k = date_sep(p, 0)))
            continue;
        p += k;
        if (!(n = digits(p, 1, 2, &m)) || m < 1 || m > 12)
            continue;
        p += n;
        if (!(k = date_sep(p, 1)))
            continue;
        p += k;
        if (!(n = digits(p, 1, 2, &d)) || d < 1 || d > 31)
            continue;
        p += n;
        if (strncmp(p, "日", 3) == 0)
            p += 3;
        /* A time after the date belongs to the dateline. */
        {
            const char *q = p;
            int hh, mm;

            while (*q == ' ')
                q++;
            if ((n = digits(q, 1, 2, &hh)) && q[n] == ':'
                && digits(q + n + 1, 2, 2, &mm)) {
                q += n + 3;
                if (*q == ':' && isdigit((unsigned char)q[1]))
                    q += 3;
                p = q;
            }
        }
        snprintf(ymd, 9, "%04d%02d%02d", y, m, d);
        *at = i;
        return (size_t)(p - (s + i));
    }
    return 0;
}

/* SEO spam: three or more spam words, or a spider-pool marker. */
static int is_spam_keywords(const char *s)
{
    size_t i, hits = 0;

    if (strstr(s, "蜘蛛池"))
        return 1;
    for (i = 0; i < N(spam_words); i++)
        if (strstr(s, spam_words[i]))
            hits++;
    return hits >= 3;
}

/* A list of short items joined by '|' (the spider-pool county list). */
static int is_pipe_list(const char *s)
{
    size_t pipes = 0, longest = 0, cur = 0;
    const char *p;

    for (p = s; *p; p++) {
        if (*p == '|') {
            pipes++;
            if (cur > longest)
                longest = cur;
            cur = 0;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            cur++;
        }
    }
    return pipes >= 5 && longest <= 12;
}

/* A byline: short, names a reporter, no sentence inside. */
static int is_byline(const char *s, size_t chars)
{
    if (chars > 40 || strstr(s, "。") || strstr(s, "，"))
        return 0;
    return strstr(s, "记者") || strstr(s, "記者") || strstr(s, "通讯员")
        || strstr(s, "通訊員") || strstr(s, "摄影") || strstr(s, "攝影")
        || strstr(s, "文/图") || strstr(s, "文/圖");
}

static int is_related_head(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < N(related_heads); i++) {
        size_t hl = strlen(related_heads[i]);

        if (len >= hl && memcmp(s, related_heads[i], hl) == 0
            && (len == hl || (len <= hl + 3
                              && (s[hl] == ':' || strncmp(s + hl, "：", 3) == 0
                                  || strncmp(s + hl, "》", 3) == 0))))
            return 1;
    }
    return 0;
}

/* Read "来源:X" from a line: X up to white space or the next label. */
static char *read_source(const char *s)
{
    static const char *const labels[] = { "来源", "來源", "稿源" };
    static const char *const stops[] = {
        "编辑", "編輯", "作者", "记者", "記者", "责任", "責任", "收集",
        "发布", "發布", "时间", "時間", "点击", "點擊", "浏览", "瀏覽",
    };
    const char *p = NULL, *end;
    size_t i, len;

    for (i = 0; i < N(labels) && !p; i++)
        p = strstr(s, labels[i]);
    if (!p)
        return NULL;
    p += 6;
    if (*p == ':')
        p++;
    else if (strncmp(p, "：", 3) == 0)
        p += 3;
    else
        return NULL;
    while (*p == ' ')
        p++;
    end = p;
    while (*end && *end != ' ' && *end != '\t' && *end != '|'
           && strncmp(end, "\xE3\x80\x80", 3) != 0)
        end++;
    for (i = 0; i < N(stops); i++) {
        const char *q = strstr(p, stops[i]);

        if (q && q < end && q > p)
            end = q;
    }
    len = (size_t)(end - p);
    if (len == 0 || clean_chars(p, len) > 30)
        return NULL;
    return strndup(p, len);
}

/* FNV-1a of a line, for the exact-duplicate set. */
static unsigned long long line_hash(const char *s)
{
    unsigned long long h = 0xcbf29ce484222325ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 0x100000001b3ULL;
    }
    return h | 1;   /* 0 marks an empty slot */
}

/*
 * Exact repeats are found with a hash set of kept lines (so a 50 MB page
 * of repeated paragraphs stays linear); a short fragment is checked
 * against the kept lines just before it, where summaries and repeated
 * captions sit.
 */
struct seen {
    unsigned long long *slot;
    size_t cap, n;
};

static int seen_add(struct seen *s, unsigned long long h)
{
    size_t i;

    if (s->n * 2 >= s->cap) {
        struct seen bigger = { NULL, s->cap ? s->cap * 2 : 256, 0 };

        bigger.slot = calloc(bigger.cap, sizeof(*bigger.slot));
        if (!bigger.slot)
            return LV_ENOMEM;
        for (i = 0; i < s->cap; i++)
            if (s->slot[i])
                seen_add(&bigger, s->slot[i]);
        free(s->slot);
        *s = bigger;
    }
    for (i = h % s->cap; s->slot[i]; i = (i + 1) % s->cap)
        if (s->slot[i] == h)
            return 1;
    s->slot[i] = h;
    s->n++;
    return 0;
}

#define FRAGMENT_WINDOW 64

static int is_fragment(const struct clean_input *in, const int *keep,
                       size_t i)
{
    size_t j, looked = 0;

    for (j = i; j-- > 0 && looked < FRAGMENT_WINDOW;) {
        if (!keep[j])
            continue;
        looked++;
        if (strstr(in->lines[j], in->lines[i]))
            return 1;
    }
    return 0;
}

/* A plain-text title: a short line near the top, not a sentence. */
static int looks_like_title(const char *s, size_t chars)
{
    size_t len = strlen(s);

    return chars >= 4 && chars <= 80
        && !(len >= 3 && strcmp(s + len - 3, "。") == 0)
        && !(len >= 3 && strcmp(s + len - 3, "：") == 0);
}

int clean_lines(const struct clean_input *in, struct clean_output *out,
                struct article_stats *stats)
{
    struct seen seen = { NULL, 0, 0 };
    size_t i, first_text = (size_t)-1;
    int related = 0, dup;

    memset(out, 0, sizeof(*out));
    out->title_line = (size_t)-1;
    out->keep = calloc(in->n ? in->n : 1, sizeof(*out->keep));
    if (!out->keep)
        return LV_ENOMEM;
    for (i = 0; i < in->n; i++) {
        const char *s = in->lines[i];
        size_t len = strlen(s), chars = clean_chars(s, len), at, dl;
        char ymd[9];

        if (len == 0)
            continue;
        if (related) {
            continue;   /* everything after a related-reading head */
        }
        if (is_related_head(s, len)) {
            related = 1;
            stats->related_blocks++;
            continue;
        }
        if (is_spam_keywords(s) || is_pipe_list(s)) {
            stats->spam_lines++;
            continue;
        }
        /* Dateline: a date near the start of a short line, or a line that
         * starts with a date and runs on into the first paragraph. */
        dl = clean_find_date(s, &at, ymd);
        if (dl && !out->date[0] && (chars <= 80 || at == 0)) {
            snprintf(out->date, sizeof(out->date), "%s", ymd);
            if (!out->source)
                out->source = read_source(s);
            if (chars <= 80 && !(at == 0 && chars - clean_chars(s, dl) > 40)) {
                stats->chrome_lines++;
                continue;
            }
            /* "2022-09-21 09:57“我再也不玩…”": keep the rest as text. */
            memmove(in->lines[i], s + dl, len - dl + 1);
            s = in->lines[i];
            len -= dl;
            chars = clean_chars(s, len);
        }
        if (chars <= SHORT_LINE
            && (strlist_prefix(s, chrome_prefixes, N(chrome_prefixes))
                || strlist_contains(s, chrome_words, N(chrome_words))
                || is_byline(s, chars))) {
            if (!out->source)
                out->source = read_source(s);
            stats->chrome_lines++;
            continue;
        }
        if (chars < FRAGMENT && is_fragment(in, out->keep, i)) {
            stats->duplicate_paras++;
            continue;
        }
        dup = seen_add(&seen, line_hash(s));
        if (dup < 0) {
            free(seen.slot);
            return LV_ENOMEM;
        }
        if (dup) {
            stats->duplicate_paras++;
            continue;
        }
        if (in->plain_text && out->title_line == (size_t)-1
            && first_text == (size_t)-1 && looks_like_title(s, chars)) {
            out->title_line = i;   /* the title is not body text */
            continue;
        }
        if (first_text == (size_t)-1)
            first_text = i;
        out->keep[i] = 1;
    }
    free(seen.slot);
    return 0;
}

void clean_output_release(struct clean_output *out)
{
    free(out->keep);
    free(out->source);
    memset(out, 0, sizeof(*out));
}
