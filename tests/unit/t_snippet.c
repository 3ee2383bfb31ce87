/* t_snippet.c - passages cut from the original text, spans in place. */
#include <stdlib.h>
#include <string.h>

#include "../../search/output.h"
#include "../../search/snippet.h"
#include "../../text/norm.h"
#include "tap.h"

/* The snippet rendered with [ ] around spans. */
/* s normalised (caller frees), or NULL. */
static char *normed(const char *s)
{
    char *out;

    return norm_string(s, &out, NULL) == 0 ? out : NULL;
}

static char *marked(const char *body, const char *const *terms, size_t n,
                    size_t chars)
{
    struct snippet s;
    struct buf b = BUF_INIT;
    char *norm[8];
    size_t i;

    for (i = 0; i < n; i++)
        norm[i] = normed(terms[i]);
    if (snippet_make(body, strlen(body), norm, n, chars, &s, NULL) < 0)
        return NULL;
    snippet_render(&s, "[", "]", NULL, &b);
    snippet_release(&s);
    for (i = 0; i < n; i++)
        free(norm[i]);
    return buf_take(&b, NULL);
}

int main(void)
{
    const char *t1[] = {"委员工作室"};
    const char *t2[] = {"政协", "义诊"};
    const char *t3[] = {"ABC"};
    char *m;

    m = marked("蘭州市政協委員工作室開展活動。", t1, 1, 50);
    is_str(m, "蘭州市政協[委員工作室]開展活動。",
           "simplified query marks the traditional original");
    free(m);

    m = marked("第一句话很长。市政协组织委员开展义诊活动，群众欢迎。", t2, 2,
               50);
    is_str(m, "…市[政协]组织委员开展[义诊]活动，群众欢迎。",
           "every term marked, whole words not single characters");
    free(m);

    m = marked("全角ＡＢＣ测试", t3, 1, 50);
    is_str(m, "全角[ＡＢＣ]测试",
           "full-width original marked by half-width query");
    free(m);

    m = marked("没有匹配的文字在这里。", t1, 1, 5);
    is_str(m, "没有匹配的…", "no match: the start of the body, cut with …");
    free(m);

    {
        char body[4000];
        size_t i;

        body[0] = '\0';
        for (i = 0; i < 100; i++)
            strcat(body, "无关内容。");
        strcat(body, "这里有委员工作室。");
        m = marked(body, t1, 1, 20);
        ok(m && strstr(m, "[委员工作室]") && strncmp(m, "…", 3) == 0,
           "window moves to the match (%s)", m ? m : "");
        free(m);
    }

    {
        struct snippet s;
        struct buf b = BUF_INIT;
        char *n = normed("工作");

        need(snippet_make("<b>委员工作&室", strlen("<b>委员工作&室"), &n, 1, 50,
                          &s, NULL));
        snippet_render(&s, "<mark>", "</mark>", output_html_escape, &b);
        is_str(b.data, "&lt;b&gt;委员<mark>工作</mark>&amp;室",
               "HTML rendering escapes text but not the marks");
        buf_release(&b);
        snippet_release(&s);
        free(n);
    }

    {
        /* the article page: the whole paragraph, every match marked */
        static const char body[] = "开头一句不含关键词，中间很长很长。\n"
                                   "结尾才提到委员工作室，再提一次委员工作室。";
        struct snippet s;
        struct buf b = BUF_INIT;
        char *n = normed("委员工作室");

        ok(snippet_mark_all(body, strlen(body), &n, 1, &s, NULL) == 0,
           "mark_all succeeds");
        snippet_render(&s, "[", "]", NULL, &b);
        is_str(b.data,
               "开头一句不含关键词，中间很长很长。\n"
               "结尾才提到[委员工作室]，再提一次[委员工作室]。",
               "mark_all keeps the whole text, its newline and every match");
        buf_release(&b);
        snippet_release(&s);
        free(n);
    }

    m = marked("", t1, 1, 50);
    is_str(m, "", "empty body");
    free(m);
    return tap_done();
}
