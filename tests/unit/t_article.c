/*
 * t_article.c - the seeds as they are, as text and as HTML pages: what
 * must go (spam, chrome, related reading, pinyin notes, mojibake) is gone,
 * what must stay (first and last real paragraphs) stays, and the title,
 * date and source are read.  Plus malformed input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/article.h"
#include "../../text/utf8.h"
#include "slurp.h"
#include "tap.h"

struct seed {
    const char *name;
    const char *title;        /* expected title of the HTML rendition */
    const char *date;         /* expected date (both forms), NULL if none */
    const char *source;       /* expected source (text form), NULL if none */
    const char *first, *last; /* real paragraphs that must stay */
};

static const struct seed seeds[] = {
    {"000_24dd3b9ff498e643", "昭通市政協“千名委員走基層”行動交出為民履職新答卷",
     "20220921", "昭通新聞網", "“我再也不玩手機和平板電腦了",
     "政協沒有名譽委員,只有責任委員"},
    {"001_fd71167b4d90b068",
     "界別搭平臺 委員沉下去 群眾融進來 "
     "——漢中市政協推動委員聯系界別群眾工作走深走實",
     "20250708", "各界新聞網", "各界新聞網訊(記者 謝昊天 康斌)",
     "新時代新征程上,漢中市政協將繼續以界別為堅實紐帶"},
    {"002_12ddb5efa8792e64", "蘭州市政協：搭建委員為民服務“連心橋”", NULL, NULL,
     "習近平總書記在黨的二十大報告中強調", "一個界別就是聯系群眾的一條通道"},
    {"003_b63c12242eb4d3bc", "昆明市政协：联络服务委员 激发履职活力", NULL,
     NULL, "委员是政协工作的主体",
     "昆明市、石林县两级政协率先在石林县联合开展"},
    {"004_7e9473d393ee8230",
     "寻协商良方,我们在路上 "
     "——宜昌市政协组织开展“一线协商·共同缔造”考察活动侧记",
     NULL, "三峡日报", "草木蔓发,春山可望。", "要以此次考察为契机,坚定信心"},
};

/* Text that must never be in a body. */
static const char *const gone[] = {
    "蜘蛛池",
    "哈巴河县",
    "国产乱码",
    "湖北省第十六届运动会",
    "玉门:花海辣椒",
    "ICP备",
    "Copyright",
    "版權所有",
    "以上文章僅代表",
    "分享到",
    "服务粉丝",
    "当前位置",
    "(wǎng)",
    "(xié)",
    "碧m",
    "榭h",
    "敝x",
    "[摘要]",
};

static void check_article(const struct seed *s, const struct article *a,
                          const char *kind)
{
    size_t i;

    ok(utf8_valid(a->body, a->body_len), "%s %s: body is valid UTF-8", s->name,
       kind);
    for (i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
        if (!ok(!strstr(a->body, gone[i]) && !strstr(a->title, gone[i]),
                "%s %s: no '%s'", s->name, kind, gone[i]))
            printf("#   found in: %.200s\n", strstr(a->body, gone[i])
                                                 ? strstr(a->body, gone[i])
                                                 : a->title);
    ok(strstr(a->body, s->first) != NULL, "%s %s: first paragraph kept",
       s->name, kind);
    ok(strstr(a->body, s->last) != NULL, "%s %s: last paragraph kept", s->name,
       kind);
    if (s->date)
        is_str(a->date, s->date, "%s %s: date", s->name, kind);
}

static void test_seeds(const char *dir)
{
    size_t i;

    for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
        const struct seed *s = &seeds[i];
        struct article a = {0};
        struct lv_err err = {0};
        char path[512];
        size_t len;
        char *data;
        int rc;

        snprintf(path, sizeof(path), "%s/seeds/%s.txt", dir, s->name);
        data = slurp(path, &len);
        if (!ok(data != NULL, "read %s", path))
            continue;
        rc = article_from_text(data, len, &a, &err);
        is_int(rc, 0, "%s text parses (%s)", s->name, err.msg);
        if (rc == 0) {
            check_article(s, &a, "text");
            if (s->source)
                is_str(a.source, s->source, "%s text: source", s->name);
            /* seeds 001 and 004 show the headline in the text too (below
             * SEO spam, below chrome): it is the title, as on the page */
            if (i == 1 || i == 4)
                is_str(a.title, s->title, "%s text: title", s->name);
        }
        article_release(&a);
        free(data);

        snprintf(path, sizeof(path), "%s/html/%s.html", dir, s->name);
        data = slurp(path, &len);
        if (!ok(data != NULL, "read %s", path))
            continue;
        rc = article_from_html(data, len, &a, &err);
        is_int(rc, 0, "%s html parses (%s)", s->name, err.msg);
        if (rc == 0) {
            check_article(s, &a, "html");
            is_str(a.title, s->title, "%s html: title", s->name);
        }
        article_release(&a);
        free(data);
    }
}

static void test_bad_input(void)
{
    static const struct {
        const char *data;
        size_t len;
        const char *why;
    } bad[] = {
        {"", 0, "empty"},
        {"   \n\t \r\n", 8, "empty"},
        {"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15", 16,
         "binary"},
        {"<html><body><script>var x='委员';</script></body></html>", 55,
         "no article text"},
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct article a = {0};
        struct lv_err err = {0};
        int rc = article_from_html(bad[i].data, bad[i].len, &a, &err);

        ok(rc == LV_EINVAL && strstr(err.msg, bad[i].why),
           "bad input %zu refused with '%s' (%s)", i, bad[i].why, err.msg);
        article_release(&a);
    }
    {
        /* A title far over the limit is cut at a character boundary. */
        char page[8192] = "<html><head><title>";
        struct article a = {0};
        int k;

        for (k = 0; k < 500; k++)
            strcat(page, "标");
        strcat(page, "</title></head><body><p>委员工作室开展活动，群众欢迎。"
                     "</p></body></html>");
        is_int(article_from_html(page, strlen(page), &a, NULL), 0,
               "long-title page parses");
        ok(a.title && strlen(a.title) <= ARTICLE_MAX_TITLE
               && utf8_valid(a.title, strlen(a.title)) && strstr(a.title, "…"),
           "long title cut at a character boundary with …");
        article_release(&a);
    }
    {
        /* Invalid UTF-8 inside text becomes U+FFFD, never invalid. */
        const char page[] = "<p>委员\xff\xfe工作室开展活动，群众欢迎。</p>";
        struct article a = {0};

        is_int(article_from_html(page, sizeof(page) - 1, &a, NULL), 0,
               "page with invalid bytes parses");
        ok(a.body && utf8_valid(a.body, a.body_len) && strstr(a.body, "工作室"),
           "invalid bytes replaced, text kept");
        article_release(&a);
    }
}

/* A short article beside a longer related-reading block with teasers:
 * the block's class says what it is, so the article stays the article. */
static void test_related_block(void)
{
    const char page[] =
        "<html><head><meta "
        "charset=\"utf-8\"><title>街道委员工作站议停车</title>"
        "</head><body><div class=\"content\"><h1>街道委员工作站议停车</h1>"
        "<p>街道委员工作站邀请居民代表商量老小区停车难，委员提出错时共享车位。<"
        "/p>"
        "<p>物业和交警当场表示支持，下月试行。</p></div>"
        "<div class=\"xgxw\"><h3>相关新闻</h3><ul>"
        "<li><a "
        "href=\"/1\">某县政协开展助农调研</a><p>近日，某县政协组织农业界委员"
        "走进合作社，围绕特色种植、冷链物流和电商销售开展调研，听取种植户意见…<"
        "/p></li>"
        "<li><a href=\"/2\">某区委员工作室举办普法讲座</a><p>律师委员走进社区，"
        "结合身边案例讲解婚姻家庭、邻里纠纷和物业服务中的法律问题，居民踊跃提问"
        "…</p></li>"
        "<li><a href=\"/3\">某市政协委员为老人义诊</a><p>医卫界委员来到养老院，"
        "为八十多位老人测量血压血糖，讲解慢性病用药和冬季保暖知识，还留下联系方"
        "式…</p></li>"
        "</ul></div></body></html>";
    struct article a = {0};

    is_int(article_from_html(page, sizeof(page) - 1, &a, NULL), 0,
           "page with a related block parses");
    ok(a.body && strstr(a.body, "错时共享车位") && !strstr(a.body, "合作社"),
       "the short article is the body, not the related block's teasers");
    article_release(&a);
}

int main(void)
{
    const char *dir = getenv("LVZHI_CORPUS");

    test_seeds(dir ? dir : "corpus");
    test_bad_input();
    test_related_block();
    return tap_done();
}
