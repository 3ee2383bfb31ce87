/*
 * t_realpage.c - pages as they come from the wild, in invented words:
 * a header block on a text file, a headline among navigation and site
 * names, the date in a byline or in the URL, the publisher in a byline,
 * and site chrome around the article.  Each case is a rule the real
 * pages taught (tests/real/), written as the smallest page showing it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/article.h"
#include "../../indexer/clean.h"
#include "../../indexer/headline.h"
#include "../../indexer/urldate.h"
#include "../../text/utf8.h"
#include "tap.h"

/* A paragraph long enough to be body text. */
#define PARA                                                                                                       \
    "本月上旬，某县政协组织部分委员来到社区工作站，围绕老旧小区改造听取居民意" \
    "见，"                                                                                                       \
    "委员们逐条记录，并承诺把问题带到下一次协商会上。"
#define PARA2                                                                                                      \
    "活动结束后，工作站负责人表示，将把收集到的意见整理成社情民意信息报送有关" \
    "部门，"                                                                                                    \
    "并在一个月内向居民反馈办理情况。"

static struct article parse_text(const char *text)
{
    struct article a;
    struct lv_err err = {0};

    if (article_from_text(text, strlen(text), &a, &err) < 0) {
        printf("# parse failed: %s\n", err.msg);
        memset(&a, 0, sizeof(a));
    }
    return a;
}

static const char *or_null(const char *s)
{
    return s ? s : "(null)";
}

static void test_header_block(void)
{
    struct article a =
        parse_text("URL: https://news.example.cn/a/2024/0305/88.html\n"
                   "来源：某市政协办公室\n"
                   "\n"
                   "某市政协召开委员工作室建设推进会\n"
                   "2024-03-06 10:00\n" PARA "\n" PARA2 "\n");

    is_str(or_null(a.url), "https://news.example.cn/a/2024/0305/88.html",
           "header: URL: becomes the url");
    is_str(or_null(a.source), "某市政协办公室", "header: 来源 is the source");
    is_str(a.title, "某市政协召开委员工作室建设推进会",
           "header: the headline below it is the title");
    ok(a.body && !strstr(a.body, "https://"), "header: the URL is not text");
    is_str(or_null(a.date), "20240306", "header: byline date beats the URL");
    is_str(or_null(article_date_from_name(a.date_from)), "page",
           "header: date_from page");
    article_release(&a);

    a = parse_text("Url: HTTPS://a.example.cn/x.html\n\n委员走进社区\n" PARA
                   "\n");
    is_str(or_null(a.url), "https://a.example.cn/x.html",
           "header: any case of the key, the scheme made lower case");
    article_release(&a);

    a = parse_text("标题：委员走进田间地头\n日期：2023年7月1日\n\n" PARA "\n");
    is_str(a.title, "委员走进田间地头", "header: 标题 is the title");
    is_str(or_null(a.date), "20230701", "header: 日期 is the date");
    article_release(&a);

    /* a line that only looks like a key in the body stays text */
    a = parse_text("委员工作室里的一天\n" PARA
                   "\n时间：下午三点，地点：社区活动室。\n");
    ok(a.body && strstr(a.body, "地点：社区活动室"),
       "header: KEY: lines below the top are text");
    article_release(&a);
}

static void test_headline(void)
{
    struct article a = parse_text(
        "首 页 政协动态 协商建言 委员风采 专题专栏 视频新闻\n"
        "某某政协网\n"
        "您现在的位置：首页 > 政协动态 > 正文\n"
        "A- A+\n"
        "界别委员工作室走进乡村学校\n"
        "发布时间：2025-05-20 09:30 | 来源：某某日报 | 浏览：321次\n" PARA
        "\n" PARA2 "\n"
        "上一篇：另一篇报道的标题\n"
        "网站主办：某某政协办公室  技术支持：某某科技\n");

    is_str(a.title, "界别委员工作室走进乡村学校",
           "headline: not the menu, site name or breadcrumb");
    is_str(or_null(a.source), "某某日报", "byline: 来源 up to the next field");
    is_str(or_null(a.date), "20250520", "byline: date");
    ok(a.body && !strstr(a.body, "首 页") && !strstr(a.body, "A+")
           && !strstr(a.body, "某某政协网") && !strstr(a.body, "上一篇")
           && !strstr(a.body, "网站主办") && !strstr(a.body, "浏览"),
       "chrome: menu, site name, widget, footer and pager gone");
    ok(a.body && strstr(a.body, "本月上旬") && strstr(a.body, "反馈办理情况"),
       "chrome: every paragraph kept");
    article_release(&a);

    /* a headline over two lines: the first one is the title */
    a = parse_text("委员之家开门迎客\n副主席一行调研委员之家运行情况\n"
                   "2022年9月1日 来源：某区融媒体中心\n" PARA "\n");
    is_str(a.title, "委员之家开门迎客", "headline: first line of a pair");
    article_release(&a);

    /* no headline in the excerpt: the body's first sentence */
    a = parse_text(PARA "\n" PARA2 "\n");
    ok(strncmp(a.title, "本月上旬", strlen("本月上旬")) == 0,
       "headline: none, the first sentence");
    article_release(&a);

    /* a photo caption and the authors' line are not the headline */
    a = parse_text(
        "图为委员在工作站接待群众\n委员工作站上新了\n王明 李华\n" PARA "\n");
    is_str(a.title, "委员工作站上新了", "headline: not a caption");
    article_release(&a);
}

static void test_headline_trim(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"委员工作室集中授牌_某市政协网", "委员工作室集中授牌"},
        {"委员工作室集中授牌 - 某市政协", "委员工作室集中授牌"},
        {"各区动态|某区政协举行委员工作室授牌活动",
         "某区政协举行委员工作室授牌活动"},
        {"【履职故事】一位委员和他的工作站", "一位委员和他的工作站"},
        {"原标题：委员工作室服务群众见实效", "委员工作室服务群众见实效"},
        {"• 委员工作室服务群众见实效 |", "委员工作室服务群众见实效"},
        /* a dash inside a headline is the headline's */
        {"搭平台 聚合力 ——某市政协推进委员联系群众",
         "搭平台 聚合力 ——某市政协推进委员联系群众"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t len = strlen(cases[i].in);
        const char *t = headline_trim(cases[i].in, &len);
        char got[256];

        snprintf(got, sizeof(got), "%.*s", (int)len, t);
        is_str(got, cases[i].want, "trim: %s", cases[i].in);
    }
}

static void test_url_dates(void)
{
    static const struct {
        const char *url, *want;
    } cases[] = {
        {"http://a.example.cn/zx/202311/t20231109_11.html", "20231109"},
        {"http://a.example.cn/2018-09/28/content_7.htm", "20180928"},
        {"http://a.example.cn/news/20060606/12.htm", "20060606"},
        {"http://a.example.cn/c/2022/06/20/ARTI1655700867948325.shtml",
         "20220620"},
        {"http://a.example.cn/a/202301/14/WS63c2.html", "20230114"},
        {"http://a.example.cn/zx/2020/0919/x.html", "20200919"},
        {"http://a.example.cn/gn/2025/01-23/1035.shtml", "20250123"},
        {"http://a.example.cn/article/12-14-2024/132391", "20241214"},
        {"http://a.example.cn/x/t19700101_3349205.html", ""}, /* placeholder */
        {"http://a.example.cn/x/20221044/1.html", ""},        /* no such day */
        {"http://a.example.cn/newsDetail_1156488", ""},
        {"http://20231109.example.cn/index.html", ""}, /* host */
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char ymd[9] = "";

        if (!urldate_find(cases[i].url, ymd))
            ymd[0] = '\0';
        is_str(ymd, cases[i].want, "url date: %s", cases[i].url);
    }

    {
        struct article a = parse_text(
            "URL: http://a.example.cn/2019/0301/5.html\n委员履职小记\n" PARA
            "\n");

        is_str(or_null(a.date), "20190301", "url date used when no byline");
        is_str(or_null(article_date_from_name(a.date_from)), "url",
               "date_from url");
        article_release(&a);
        a = parse_text("委员履职小记\n" PARA
                       "2021年4月2日，委员们再次回访。\n");
        is_str(or_null(article_date_from_name(a.date_from)), "text",
               "an event date in the text is the last resort");
        article_release(&a);
        a = parse_text("委员履职小记\n" PARA "\n");
        ok(a.date == NULL && a.date_from == DATE_FROM_NONE,
           "no date anywhere: undated");
        article_release(&a);
    }
}

static void test_byline(void)
{
    struct article a = parse_text("当前时间：2026年12月1日 星期二\n"
                                  "委员工作室开展法律咨询\n"
                                  "14.01.2019  12:31\n" PARA "\n"
                                  "- 2025年04月14日 21:51:30\n");

    is_str(or_null(a.date), "20190114",
           "byline: day-first date; not the clock widget or a list item");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n来源：  浏览：895次\n" PARA "\n");
    ok(a.source == NULL, "source: a view count is no source");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n"
                   "作者:【字体:大 中 小】 来源：本站原创\n" PARA "\n");
    ok(a.source == NULL, "source: widgets and 本站 name no publisher");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n2026-01-22 09:00   某都融媒\n" PARA
                   "\n");
    is_str(or_null(a.source), "某都融媒",
           "source: a site's name after the date");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n" PARA "\n"
                   "《 某某日报 》( 2021年01月08日 11 版)\n");
    is_str(or_null(a.source), "某某日报", "source: a print citation");
    is_str(or_null(a.date), "20210108", "date: a print citation");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n来源：某方+(记者某某)\n" PARA "\n");
    is_str(or_null(a.source), "某方+",
           "source: no opening bracket left at its end");
    article_release(&a);

    /* a time with one digit of seconds before a multibyte character */
    a = parse_text("2025年04月14日 21:51:3见，委员们逐条记录。\n" PARA "\n");
    ok(a.body && utf8_valid(a.body, a.body_len),
       "dateline: a one-digit second is not cut into the next character");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n"
                   "时间:2022-09-22 22:49作者:某某源自:某县融媒体中心\n" PARA
                   "\n");
    is_str(or_null(a.source), "某县融媒体中心", "source: 源自");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n" PARA
                   "\n  • 来源:某云/某某日报\n");
    is_str(or_null(a.source), "某云/某某日报",
           "source: bulleted line at the end");
    article_release(&a);
}

static void test_cleaning(void)
{
    struct article a =
        parse_text("委员工作室开展法律咨询\n2024-01-02\n"
                   "????" PARA "\n2024年3月13日，市政协召开会议。\n");

    ok(a.body && strncmp(a.body, "本月上旬", strlen("本月上旬")) == 0,
       "lost indentation (question marks) dropped");
    ok(a.body && strstr(a.body, "2024年3月13日，市政协召开会议。"),
       "a short sentence with a date stays text");
    article_release(&a);

    /* half-width commas still make a sentence, not a byline */
    a = parse_text(
        "委员工作室开展法律咨询\n" PARA "\n"
        "时间回到2023年5月15日,市政协在工作站召开现场会,委员们发言.\n");
    ok(a.body && strstr(a.body, "时间回到2023年5月15日"),
       "a sentence with 时间 and a date, half-width commas, stays text");
    article_release(&a);

    a = parse_text("委员工作室开展法律咨询\n" PARA
                   "\n1.jpg\n关键词:委员 工作室\n"
                   "阅读点击:3148\n【编辑:某某 】关闭本页\n未经允许 不得转载\n"
                   "某公网安备 31010402000000号\n");
    ok(a.body && !strstr(a.body, "jpg") && !strstr(a.body, "关键词")
           && !strstr(a.body, "点击") && !strstr(a.body, "关闭本页")
           && !strstr(a.body, "转载") && !strstr(a.body, "安备"),
       "footer chrome: file names, keywords, counters, notices gone");
    article_release(&a);
}

static void test_html(void)
{
    static const char page[] =
        "<html><head><meta charset=\"utf-8\"><title>某某彩票网</title>"
        "<link rel=\"canonical\" "
        "href=\"https://news.example.cn/2022/06/20/a.shtml\">"
        "</head><body><div class=\"nav\"><a href=\"/\">首页</a> &gt; "
        "<a href=\"/df\">地方政协</a></div><div class=\"content\">"
        "<p>某区政协首批委员工作室成立</p><p>2022-06-20 来源:某某政协报</p>"
        "<p>" PARA "</p><p>" PARA2 "</p></div>"
        "<div class=\"foot\">版权所有：某某彩票网 技术支持：某某网</div>"
        "</body></html>";
    struct article a;
    struct lv_err err = {0};

    if (!ok(article_from_html(page, strlen(page), &a, &err) == 0,
            "html: parses (%s)", err.msg))
        return;
    is_str(a.title, "某区政协首批委员工作室成立",
           "html: a <title> that is the site's name gives way to the headline");
    is_str(or_null(a.source), "某某政协报", "html: byline source");
    is_str(or_null(a.date), "20220620", "html: byline date");
    is_str(or_null(a.url), "https://news.example.cn/2022/06/20/a.shtml",
           "html: canonical url");
    ok(a.body && strstr(a.body, "本月上旬") && strstr(a.body, "反馈办理情况"),
       "html: both paragraphs of a short article are its text");
    ok(a.body && !strstr(a.body, "版权所有"), "html: footer gone");
    article_release(&a);
}

int main(void)
{
    test_header_block();
    test_headline();
    test_headline_trim();
    test_url_dates();
    test_byline();
    test_cleaning();
    test_html();
    return tap_done();
}
