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

#define SHORT_LINE 200 /* chrome rules only look at lines this short */
#define FRAGMENT 40    /* a fragment is repeated text this short */

/* SEO keyword spam (seed 001's first line). */
static const char *const spam_words[] = {
    "国产",     "精品",   "久久", "亚洲",     "中文字幕",
    "在线观看", "乱码",   "无码", "一区二区", "综合网",
    "福利",     "色综合", "av",   "AV",       "蜘蛛池",
};

/* Site chrome: a short line containing one of these is not article text. */
static const char *const chrome_words[] = {
    "分享到",         "版权所有",       "版權所有",
    "Copyright",      "copyright",      "COPYRIGHT",
    "ICP备",          "ICP備",          "ICP证",
    "ICP證",          "备案号",         "備案號",
    "经营许可证",     "經營許可證",     "当前位置",
    "當前位置",       "以上文章仅代表", "以上文章僅代表",
    "本网所有文字",   "本網所有文字",   "相关热词",
    "相關熱詞",       "服务粉丝",       "我们一直在努力",
    "扫一扫",         "掃一掃",         "打印本页",
    "打印本頁",       "关闭窗口",       "關閉窗口",
    "责任编辑",       "責任編輯",       "All Rights Reserved",
    "公网安备",       "公網安備",       "不得转载",
    "不得轉載",       "关闭本页",       "關閉本頁",
    "此页面有问题",   "此頁面有問題",   "扫描下方二维码",
    "掃描下方二維碼", "长按二维码",     "長按二維碼",
    "扫描二维码关注", "掃描二維碼關注", "点击上方蓝字",
    "點擊上方藍字",   "本文转载自",     "本文轉載自",
};

/* Widget phrases that a sentence may also hold ("通过官方微信发布"):
 * chrome only on a line this short. */
#define WIDGET_LINE 30
static const char *const widget_phrases[] = {
    "官方微信", "官方微博", "记住密码", "記住密碼", "查看图库",
    "查看圖庫", "分享本页", "分享本頁", "微信图片", "微信圖片",
};

/* Lines that start with these are chrome (来源, 编辑, the footer's
 * 主办/技术支持, 上一篇/下一篇 ...). */
static const char *const chrome_prefixes[] = {
    "来源",       "來源",       "编辑",       "編輯",     "作者:",
    "作者：",     "[摘要]",     "【摘要】",   "摘要:",    "摘要：",
    "日期:",      "日期：",     "发布时间",   "發布時間", "發佈時間",
    "稿源",       "原标题",     "原標題",     "本文来源", "本文來源",
    "文章来源",   "文章來源",   "信息来源",   "信息來源", "稿件来源",
    "稿件來源",   "新闻来源",   "新聞來源",   "源自:",    "源自：",
    "网站主办",   "網站主辦",   "主办单位",   "主辦單位", "主办:",
    "主办：",     "主辦:",      "主辦：",     "承办:",    "承办：",
    "承辦:",      "承辦：",     "技术支持",   "技術支持", "上一篇",
    "下一篇",     "上一条",     "下一条",     "上一條",   "下一條",
    "返回顶部",   "返回頂部",   "浏览:",      "浏览：",   "瀏覽:",
    "瀏覽：",     "浏览次数",   "瀏覽次數",   "阅读:",    "阅读：",
    "閱讀:",      "閱讀：",     "点击:",      "点击：",   "點擊:",
    "點擊：",     "点击数",     "點擊數",     "【字体",   "【字體",
    "字体:",      "字体：",     "字號:",      "字号:",    "字号：",
    "字號：",     "转载请注明", "轉載請註明", "免责声明", "免責聲明",
    "网站标识码", "網站標識碼", "联系电话",   "聯繫電話", "聯系電話",
    "邮编",       "郵編",       "当前时间",   "當前時間", "今天是",
    "关键词",     "關鍵詞",     "阅读点击",   "閱讀點擊", "【编辑",
    "【編輯",     "(责编",      "（责编",     "(責編",    "（責編",
    "技术服务",   "技術服務",   "版权声明",   "版權聲明", "图源",
    "圖源",       "供稿",       "友情链接",   "友情鏈接", "更多精彩",
    "视频来源",   "視頻來源",
};

/* Words of page widgets; a short line made only of these (and digits,
 * punctuation, spaces) is a widget: "A- A+", "【大 中 小】", "• 45 • 评论". */
static const char *const widget_words[] = {
    "A-",     "A+",     "A",      "字号",   "字號",   "字体",    "字體",
    "大",     "中",     "小",     "打印",   "关闭",   "關閉",    "收藏",
    "评论",   "評論",   "分享",   "点赞",   "點贊",   "转发",    "轉發",
    "默认",   "默認",   "放大",   "缩小",   "縮小",   "图片",    "圖片",
    "视频",   "視頻",   "搜索",   "浏览",   "瀏覽",   "阅读",    "閱讀",
    "次",     "人次",   "赞",     "讚",     "扫码",   "掃碼",    "扫一扫",
    "掃一掃", "微信",   "微博",   "返回",   "顶部",   "頂部",    "首页",
    "首頁",   "字",     "繁体",   "繁體",   "简体",   "簡體",    "登录",
    "登錄",   "注册",   "註冊",   "无障碍", "無障礙", "English", "朋友圈",
    "新浪",   "QQ空间", "QQ空間",
};

/* Navigation words: a short line holding one is a menu, a breadcrumb or
 * a widget, never the article. */
static const char *const nav_words[] = {
    "首页",         "首頁",     "当前位置", "當前位置",   "您现在的位置",
    "您現在的位置", "您的位置", "所在位置", "当前时间",   "當前時間",
    "设为首页",     "設為首頁", "加入收藏", "网站地图",   "網站地圖",
    "无障碍",       "無障礙",   "分享到",   "上一篇",     "下一篇",
    "站内搜索",     "站內搜索", "今天是",   "手机版",     "手機版",
    "高级搜索",     "高級搜索", "上一期",   "下一期",     "上一版",
    "下一版",       "语音朗读", "語音朗讀", "语音播报",   "語音播報",
    "内容导航",     "內容導航", "新闻热线", "新聞熱線",   "投稿邮箱",
    "投稿郵箱",     "报料热线", "報料熱線", "当前的位置", "當前的位置",
    "官方网站",     "官方網站", "本网原创", "本網原創",
};

/* What a site's name ends with ("湖北民进网", "某某政协"). */
static const char *const site_tails[] = {
    "网",     "網",     "网站", "網站",   "政协",   "政協",   "门户",
    "門戶",   "官网",   "官網", "频道",   "頻道",   "在线",   "在線",
    "日报",   "日報",   "晚报", "晚報",   "之窗",   "委员会", "委員會",
    "网站群", "網站群", "融媒", "客户端", "客戶端",
};

/* What an image's file name ends with. */
static const char *const image_names[] = {
    ".jpg", ".JPG", ".jpeg", ".png", ".PNG", ".gif", ".webp",
};

/* A source value that names no publisher. */
static const char *const not_sources[] = {
    "本站", "本网", "本網", "原创", "原創", "本站原创", "本站原創",
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

/* A time after a date ("09:57", "09:27:25") belongs to the dateline:
 * the bytes it takes at p (spaces before it included), or 0. */
static size_t time_len(const char *p)
{
    const char *q = p;
    int hh, mm, n;

    while (*q == ' ')
        q++;
    if (!(n = digits(q, 1, 2, &hh)) || q[n] != ':'
        || !digits(q + n + 1, 2, 2, &mm))
        return 0;
    q += n + 3;
    /* seconds only as two digits: "21:51:3" followed by a multibyte
     * character must not be cut into it (fuzz_article) */
    if (*q == ':' && isdigit((unsigned char)q[1])
        && isdigit((unsigned char)q[2]))
        q += 3;
    return (size_t)(q - p);
}

/* Year first: 2022-09-21, 2025/7/8, 2024年3月13日; the bytes it takes
 * at p, or 0. */
static size_t ymd_at(const char *p, int *y, int *m, int *d)
{
    const char *q = p;
    int n, k;

    if (!(n = digits(q, 4, 4, y)) || *y < 1990 || *y > 2099)
        return 0;
    q += n;
    if (!(k = date_sep(q, 0)))
        return 0;
    q += k;
    if (!(n = digits(q, 1, 2, m)) || *m < 1 || *m > 12)
        return 0;
    q += n;
    if (!(k = date_sep(q, 1)))
        return 0;
    q += k;
    if (!(n = digits(q, 1, 2, d)) || *d < 1 || *d > 31)
        return 0;
    q += n;
    if (strncmp(q, "日", 3) == 0)
        q += 3;
    return (size_t)(q - p);
}

/* Day first with dots, as European-style sites print it: 14.01.2019. */
static size_t dmy_at(const char *p, int *y, int *m, int *d)
{
    int n1, n2, n3;

    if (!(n1 = digits(p, 1, 2, d)) || p[n1] != '.'
        || !(n2 = digits(p + n1 + 1, 1, 2, m)) || p[n1 + 1 + n2] != '.'
        || !(n3 = digits(p + n1 + n2 + 2, 4, 4, y)))
        return 0;
    if (*y < 1990 || *y > 2099 || *m < 1 || *m > 12 || *d < 1 || *d > 31)
        return 0;
    return (size_t)(n1 + n2 + n3 + 2);
}

size_t clean_find_date(const char *s, size_t *at, char ymd[9])
{
    size_t i;

    for (i = 0; s[i]; i++) {
        int y, m, d;
        size_t n;

        if (!isdigit((unsigned char)s[i])
            || (i > 0 && (isdigit((unsigned char)s[i - 1]) || s[i - 1] == '.')))
            continue;
        n = ymd_at(s + i, &y, &m, &d);
        if (!n)
            n = dmy_at(s + i, &y, &m, &d);
        if (!n)
            continue;
        n += time_len(s + i + n);
        snprintf(ymd, 9, "%04d%02d%02d", y % 10000, m % 100, d % 100);
        *at = i;
        return n;
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

/* Two or more names of 2-4 characters apart by spaces ("靳燕 刘勇
 * 王文君"): the authors' line. */
static int is_names(const char *s, size_t chars)
{
    size_t names = 0, cur = 0;
    const char *p = s;

    if (chars > 24)
        return 0;
    for (;; p++) {
        if (*p == ' ' || !*p) {
            if (cur) {
                if (cur < 2 || cur > 4)
                    return 0;
                names++;
            }
            cur = 0;
            if (!*p)
                break;
        } else if ((unsigned char)*p < 0x80) {
            return 0;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            cur++;
        }
    }
    return names >= 2;
}

/* A byline: short, names a reporter, no sentence inside. */
static int is_byline(const char *s, size_t chars)
{
    if (chars > 40 || strstr(s, "。") || strstr(s, "，"))
        return 0;
    return is_names(s, chars) || strstr(s, "记者") || strstr(s, "記者")
           || strstr(s, "通讯员") || strstr(s, "通訊員") || strstr(s, "摄影")
           || strstr(s, "攝影") || strstr(s, "文/图") || strstr(s, "文/圖");
}

static int is_related_head(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < N(related_heads); i++) {
        size_t hl = strlen(related_heads[i]);

        if (len >= hl && memcmp(s, related_heads[i], hl) == 0
            && (len == hl
                || (len <= hl + 3
                    && (s[hl] == ':' || strncmp(s + hl, "：", 3) == 0
                        || strncmp(s + hl, "》", 3) == 0))))
            return 1;
    }
    return 0;
}

/* Labels that end a source value ("来源:人民政协报 作者:…"); a value
 * that starts with one names no source ("来源: 浏览:895次"). */
static const char *const source_stops[] = {
    "编辑", "編輯", "作者", "记者", "記者", "责任", "責任", "收集", "发布",
    "發布", "發佈", "时间", "時間", "点击", "點擊", "浏览", "瀏覽", "阅读",
    "閱讀", "字体", "字體", "字号", "字號", "日期", "打印", "分享", "【",
    "[",    "】",   "]",    "：",   ":",    "│",    "丨",   "｜",   "转载",
    "轉載", "，",   ",",    "!",    "！",
};

char *clean_source_value(const char *p)
{
    const char *end;
    size_t i, len, at;
    char ymd[9];

    while (*p == ' ' || *p == '\t' || strncmp(p, "\xE3\x80\x80", 3) == 0)
        p += *p == ' ' || *p == '\t' ? 1 : 3;
    if (strlist_prefix(p, source_stops, N(source_stops)))
        return NULL;
    end = p;
    while (*end && *end != ' ' && *end != '\t' && *end != '|'
           && strncmp(end, "\xE3\x80\x80", 3) != 0
           && strncmp(end, "｜", 3) != 0)
        end++;
    for (i = 0; i < N(source_stops); i++) {
        const char *q = strstr(p, source_stops[i]);

        if (q && q < end)
            end = q;
    }
    /* "来源：新华网2024-01-02": the date is the dateline's */
    if (clean_find_date(p, &at, ymd) && p + at < end)
        end = p + at;
    len = (size_t)(end - p);
    for (;;) { /* trailing punctuation and an opening bracket: 南方+( */
        if (len && strchr(",.;(", p[len - 1]))
            len--;
        else if (len >= 3 && strncmp(p + len - 3, "（", 3) == 0)
            len -= 3;
        else
            break;
    }
    if (len == 0 || clean_chars(p, len) > 30)
        return NULL;
    for (i = 0; i < len && isdigit((unsigned char)p[i]); i++)
        ;
    if (i == len)
        return NULL; /* a count, not a name */
    for (i = 0; i < N(not_sources); i++)
        if (strlen(not_sources[i]) == len
            && memcmp(p, not_sources[i], len) == 0)
            return NULL;
    return strndup(p, len);
}

/* A print citation "《 人民日报 》( 2021年01月08日 11 版)": the paper. */
static char *print_source(const char *s)
{
    const char *open = strstr(s, "《"), *close;
    size_t len;

    if (!open || !(close = strstr(open, "》")) || !strstr(close, "版"))
        return NULL;
    open += strlen("《");
    len = (size_t)(close - open);
    open = clean_trim(open, &len);
    return len && clean_chars(open, len) <= 12 ? strndup(open, len) : NULL;
}

/* Read "来源:X" from a line (also 稿源, 源自, 文章来源, 来源丨X …). */
static char *read_source(const char *s)
{
    static const char *const labels[] = {"来源", "來源", "稿源", "源自"};
    static const char *const colons[] = {":", "：", "丨", "|", "｜"};
    const char *p = NULL;
    size_t i;

    for (i = 0; i < N(labels) && !p; i++)
        p = strstr(s, labels[i]);
    if (!p)
        return print_source(s);
    p += 6;
    while (*p == ' ')
        p++;
    for (i = 0; i < N(colons); i++)
        if (strncmp(p, colons[i], strlen(colons[i])) == 0)
            return clean_source_value(p + strlen(colons[i]));
    return NULL;
}

/* FNV-1a of a line, for the exact-duplicate set. */
static unsigned long long line_hash(const char *s)
{
    unsigned long long h = 0xcbf29ce484222325ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 0x100000001b3ULL;
    }
    return h | 1; /* 0 marks an empty slot */
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
        struct seen bigger = {NULL, s->cap ? s->cap * 2 : 256, 0};

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

static int is_fragment(const struct clean_input *in, const int *keep, size_t i)
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

/* Skip white space (ASCII, U+3000, U+00A0) at s. */
static const char *skip_space(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
            s += 3;
        else if (strncmp(s, "\xC2\xA0", 2) == 0)
            s += 2;
        else
            return s;
    }
}

/* Sentence punctuation, the half-width comma included (many pages
 * convert ，to ,) unless it groups digits (1,000). */
static int has_sentence_punct(const char *s)
{
    const char *c;

    if (strstr(s, "。") || strstr(s, "，") || strstr(s, "！") || strstr(s, "？")
        || strstr(s, "；"))
        return 1;
    for (c = strchr(s, ','); c; c = strchr(c + 1, ','))
        if (c == s || !isdigit((unsigned char)c[-1])
            || !isdigit((unsigned char)c[1]))
            return 1;
    return 0;
}

/* Length of the longest widget word at s, or 0. */
static size_t widget_word_at(const char *s)
{
    size_t i, best = 0;

    for (i = 0; i < N(widget_words); i++) {
        size_t l = strlen(widget_words[i]);

        if (l > best && strncmp(s, widget_words[i], l) == 0)
            best = l;
    }
    return best;
}

/* A short line made only of widget words, digits, punctuation and
 * spaces, with at least one widget word or bullet. */
static int is_widget_line(const char *s, size_t chars)
{
    static const char *const marks[] = {
        "•",  "·", "【", "】", "［", "］", "（", "）", "：", "｜", "丨", "》",
        "《", "/", "|",  "[",  "]",  "(",  ")",  ":",  "-",  "+",  ">",  "<",
    };
    int words = 0;

    if (chars > 24)
        return 0;
    while (*(s = skip_space(s))) {
        size_t w = widget_word_at(s), i;

        if (w) {
            words++;
            s += w;
            continue;
        }
        if (isdigit((unsigned char)*s) || *s == '.' || *s == ',') {
            s++;
            continue;
        }
        for (i = 0; i < N(marks); i++)
            if (strncmp(s, marks[i], strlen(marks[i])) == 0)
                break;
        if (i == N(marks))
            return 0;
        if (strncmp(s, "•", strlen("•")) == 0)
            words++;
        s += strlen(marks[i]);
    }
    return words > 0;
}

/* A breadcrumb ("首页 > 政协动态 > 正文", "首頁>專題>…"): one or more
 * '>'-like separators between short segments, no sentence. */
static int is_breadcrumb(const char *s, size_t chars)
{
    static const char *const seps[] = {">", "＞", "»", "›", "→", "》"};
    size_t seg = 0, longest = 0, nsep = 0, i;
    const char *p = s;

    if (chars > 80 || has_sentence_punct(s))
        return 0;
    while (*p) {
        for (i = 0; i < N(seps); i++)
            if (strncmp(p, seps[i], strlen(seps[i])) == 0)
                break;
        if (i < N(seps)) {
            /* 》 closes a book title unless it stands alone */
            if (i == N(seps) - 1 && strstr(s, "《"))
                return 0;
            nsep++;
            if (seg > longest)
                longest = seg;
            seg = 0;
            p += strlen(seps[i]);
            continue;
        }
        if (((unsigned char)*p & 0xC0) != 0x80 && *p != ' ')
            seg++;
        p++;
    }
    if (seg > longest)
        longest = seg;
    return nsep >= 1 && longest <= 14 && (nsep >= 2 || chars <= 30);
}

/* A menu: five or more space-separated items of at most 6 characters,
 * three of them words of 2 or more ("首 页 政协动态 协商建言 …"). */
static int is_menu(const char *s, size_t chars)
{
    size_t items = 0, words = 0, cur = 0;
    const char *p = s;

    if (chars > 100 || has_sentence_punct(s))
        return 0;
    for (;;) {
        const char *q = skip_space(p);

        if (q != p || !*p) {
            if (cur) {
                if (cur > 6)
                    return 0;
                items++;
                words += cur >= 2;
            }
            cur = 0;
            if (!*q)
                break;
            p = q;
            continue;
        }
        if (strncmp(p, "\xEF\xBF\xBD", 3) == 0)
            return 0; /* undecodable bytes: not a site's menu */
        if (((unsigned char)*p & 0xC0) != 0x80)
            cur++;
        p++;
    }
    return items >= 5 && words >= 3;
}

int clean_is_spam(const char *s)
{
    return is_spam_keywords(s) || is_pipe_list(s);
}

int clean_is_nav(const char *s)
{
    size_t chars = clean_chars(s, strlen(s));

    if (chars == 0 || chars > 100)
        return 0;
    return (chars <= 60 && strlist_contains(s, nav_words, N(nav_words)))
           || is_widget_line(s, chars) || is_breadcrumb(s, chars)
           || is_menu(s, chars) || is_pipe_list(s);
}

int clean_is_site_name(const char *s)
{
    size_t len = strlen(s), chars = clean_chars(s, len);

    if (chars == 0 || has_sentence_punct(s))
        return 0;
    if (chars <= 40
        && (strstr(s, "www.") || strstr(s, ".com") || strstr(s, ".cn")
            || strstr(s, ".gov")))
        return 1;
    return chars <= 16 && strlist_suffix_at(s, len, site_tails, N(site_tails));
}

/* Labels of a byline or publication line. */
static const char *const byline_labels[] = {
    "来源", "來源", "稿源", "发布",   "發布",   "發佈", "作者", "记者",
    "記者", "编辑", "編輯", "通讯员", "通訊員", "浏览", "瀏覽", "时间",
    "時間", "日期", "点击", "點擊",   "供稿",   "撰稿",
};

/* A date match that carries a time ("2022-09-21 09:57"). */
static int has_time(const char *s, size_t dl)
{
    return memchr(s, ':', dl) != NULL;
}

/* The date at s+at (dl bytes) makes a publication line: what is around
 * it is labels and names, not a sentence. */
static int is_dateline(const char *s, size_t len, size_t at, size_t dl)
{
    size_t rest = clean_chars(s, at) + clean_chars(s + at + dl, len - at - dl);

    if (has_sentence_punct(s) || rest > 100)
        return 0;
    return rest <= 16 || strchr(s, '|') || (has_time(s + at, dl) && rest <= 60)
           || (strstr(s, "《") && strstr(s, "版")) /* 《人民日报》(… 11 版) */
           || strlist_contains(s, byline_labels, N(byline_labels));
}

int clean_is_byline(const char *s)
{
    size_t len = strlen(s), chars = clean_chars(s, len), at, dl;
    char ymd[9];

    if (chars == 0 || chars > 150)
        return 0;
    dl = clean_find_date(s, &at, ymd);
    if (dl && is_dateline(s, len, at, dl))
        return 1;
    return !has_sentence_punct(s)
           && (strlist_contains(s, byline_labels, N(byline_labels))
               || is_byline(s, chars));
}

/* s past a list bullet ("• 来源:…"). */
static const char *skip_bullets(const char *s)
{
    static const char *const bullets[] = {"•", "●", "■", "◆", "·", "▪"};
    size_t i;

    for (i = 0; i < N(bullets); i++)
        if (strncmp(s, bullets[i], strlen(bullets[i])) == 0)
            return skip_space(s + strlen(bullets[i]));
    return s;
}

/* 1 if s holds a letter, a digit or a Han character. */
static int has_word(const char *s)
{
    size_t len = strlen(s), i = 0;

    while (i < len) {
        unsigned cp;
        size_t k = utf8_decode(s + i, len - i, &cp);

        if ((cp < 0x80 && isalnum((int)cp)) || utf8_is_han(cp))
            return 1;
        i += k ? k : 1;
    }
    return 0;
}

/* "????为进一步…": indentation of full-width spaces that a conversion
 * turned into question marks. */
static void drop_lost_indent(char *s)
{
    size_t q = 0;

    while (s[q] == '?')
        q++;
    if (q >= 2 && (unsigned char)s[q] >= 0x80)
        memmove(s, s + q, strlen(s + q) + 1);
}

/* "2026-01-22 09:00   宜都融媒": a site's name alone after the date. */
static char *dateline_source(const char *rest)
{
    size_t len = strlen(rest);
    const char *t = clean_trim(rest, &len);
    char *name;

    if (!len || memchr(t, ' ', len) || strstr(t, "\xE3\x80\x80"))
        return NULL;
    name = strndup(t, len);
    if (name && !clean_is_site_name(name)) {
        free(name);
        name = NULL;
    }
    return name;
}

static void take_date(char date[9], const char ymd[9])
{
    if (!date[0])
        memcpy(date, ymd, 9);
}

/* Lines dropped before anything is read from them: symbols only, all
 * after a related-reading head, keyword spam, menus.  1 when dropped
 * (counted in stats). */
static int drop_furniture(const char *s, size_t len, int *related,
                          struct article_stats *stats)
{
    if (!has_word(s)) {
        stats->chrome_lines++; /* "|", "●", "![]()" */
        return 1;
    }
    if (*related)
        return 1; /* everything after a related-reading head */
    if (is_related_head(s, len)) {
        *related = 1;
        stats->related_blocks++;
        return 1;
    }
    if (is_spam_keywords(s) || is_pipe_list(s)) {
        stats->spam_lines++;
        return 1;
    }
    /* Menus, breadcrumbs and widgets (当前时间 carries today's date,
     * not the article's: read before the dateline). */
    if (clean_is_nav(s)) {
        stats->chrome_lines++;
        return 1;
    }
    return 0;
}

/*
 * The date in s (*dl its length, 0 for none; ymd the date).  A dateline
 * (a date in a line of labels and names) gives out its date and source
 * and is dropped: 1.  A date and time opening the first paragraph
 * ("2022-09-21 09:57“我再也不玩…”") gives out its date and is cut off
 * (s, *len and *chars updated).
 */
static int read_date(char *s, size_t *len, size_t *chars,
                     struct clean_output *out, size_t *dl, char ymd[9])
{
    size_t at = 0;

    *dl = clean_find_date(s, &at, ymd);
    if (*dl && is_dateline(s, *len, at, *dl)) {
        /* "- 2025年04月14日 21:51": a list item's date (related
         * news), not this article's */
        if (!((skip_bullets(s) != s || s[0] == '-')
              && *chars - clean_chars(s + at, *dl) <= 3))
            take_date(out->date, ymd);
        if (!out->source)
            out->source = read_source(s);
        if (!out->source)
            out->source = dateline_source(s + at + *dl);
        return 1;
    }
    if (*dl && !out->date[0] && at == 0 && has_time(s, *dl)) {
        take_date(out->date, ymd);
        memmove(s, s + *dl, *len - *dl + 1);
        *len -= *dl;
        *chars = clean_chars(s, *len);
    }
    return 0;
}

/* The site's lines: an image's file name, short labels and bylines (a
 * source named there goes to out), and short lines above the headline or
 * the first paragraph (the site's name, a slogan, a menu). */
static int is_site_line(const struct clean_input *in, size_t i, const char *s,
                        size_t len, size_t chars, size_t first_text,
                        struct clean_output *out)
{
    if (chars <= 40 && strlist_suffix_at(s, len, image_names, N(image_names)))
        return 1; /* "1.jpg": an image's file name */
    if (chars <= SHORT_LINE
        && (strlist_prefix(skip_bullets(s), chrome_prefixes, N(chrome_prefixes))
            || strlist_contains(s, chrome_words, N(chrome_words))
            || (chars <= WIDGET_LINE
                && strlist_contains(s, widget_phrases, N(widget_phrases)))
            || is_byline(s, chars))) {
        if (!out->source)
            out->source = read_source(s);
        return 1;
    }
    return (in->headline != (size_t)-1 && i < in->headline)
           || (first_text == (size_t)-1 && clean_is_site_name(s));
}

int clean_lines(const struct clean_input *in, struct clean_output *out,
                struct article_stats *stats)
{
    struct seen seen = {NULL, 0, 0};
    size_t i, first_text = (size_t)-1;
    int related = 0, dup;

    memset(out, 0, sizeof(*out));
    out->keep = calloc(in->n ? in->n : 1, sizeof(*out->keep));
    if (!out->keep)
        return LV_ENOMEM;
    for (i = 0; i < in->n; i++) {
        char *s = in->lines[i];
        size_t len, chars, dl;
        char ymd[9];

        drop_lost_indent(s);
        len = strlen(s);
        chars = clean_chars(s, len);
        if (len == 0 || i == in->headline
            || drop_furniture(s, len, &related, stats))
            continue;
        if (read_date(s, &len, &chars, out, &dl, ymd)
            || is_site_line(in, i, s, len, chars, first_text, out)) {
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
        if (dl && !out->text_date[0])
            take_date(out->text_date, ymd); /* an event date in the text */
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
