/* t_formats.c - the readers of files holding many articles: web crawls
 * (indexer/warc.h), JSON Lines and CSV exports (indexer/rows.h) and the
 * JSON object reader (common/jsonread.h), on records written for the
 * test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../common/buf.h"
#include "../../common/jsonread.h"
#include "../../indexer/container.h"
#include "tap.h"

static const char *page_a =
    "<html><head><title>委员工作室开展调研</title></head><body>"
    "<p>委员们走进社区。</p></body></html>";

/* A WARC record; crlf 0 writes bare LF line ends (some tools do). */
static void record(struct buf *b, const char *type, const char *uri,
                   const char *block, int crlf)
{
    const char *nl = crlf ? "\r\n" : "\n";

    buf_printf(b, "WARC/1.0%sWARC-Type: %s%s", nl, type, nl);
    if (uri)
        buf_printf(b, "WARC-Target-URI: %s%s", uri, nl);
    buf_printf(b, "Content-Length: %zu%s%s%s%s%s", strlen(block), nl, nl, block,
               nl, nl);
}

static char *http(const char *status, const char *ctype, const char *extra,
                  const char *body)
{
    struct buf b = BUF_INIT;

    buf_printf(&b, "HTTP/1.1 %s\r\nContent-Type: %s\r\n%s\r\n%s", status, ctype,
               extra, body);
    return buf_take(&b, NULL);
}

static int read_as(const char *type, const char *data, size_t len,
                   struct container *c)
{
    struct lv_err err = {0};
    int rc = container_read(type, data, len, c, &err);

    if (rc < 0)
        printf("# container_read: %s\n", err.msg);
    return rc;
}

/* The crawl w gzipped, one member per record, as crawlers write. */
static void test_warc_gzipped(const struct buf *w)
{
    struct buf gz = BUF_INIT;
    struct container c;
    const char *p = w->data, *end = w->data + w->len;

    while (p < end) {
        const char *next = strstr(p + 1, "WARC/1.0");
        size_t n = (size_t)((next ? next : end) - p);
        uLongf cap = compressBound(n) + 32;
        z_stream z;

        buf_grow(&gz, cap);
        memset(&z, 0, sizeof(z));
        deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
        z.next_in = (Bytef *)p;
        z.avail_in = (uInt)n;
        z.next_out = (Bytef *)gz.data + gz.len;
        z.avail_out = (uInt)cap;
        deflate(&z, Z_FINISH);
        gz.len += z.total_out;
        deflateEnd(&z);
        p += n;
    }
    ok(read_as("warc", gz.data, gz.len, &c) == 0 && c.n == 3,
       "a gzipped crawl gives the same three pages");
    container_release(&c);
    ok(read_as("warc", gz.data, gz.len / 2, &c) == 0 && c.problems.n >= 1,
       "a cut gzipped crawl keeps what came before and says so");
    container_release(&c);
    buf_release(&gz);
}

static void test_warc(void)
{
    struct buf w = BUF_INIT;
    struct container c;
    char *ok200 = http("200 OK", "text/html; charset=\"gb2312\"", "", page_a);
    char *notfound = http("404 Not Found", "text/html", "", page_a);
    char *image = http("200 OK", "image/jpeg", "", "JFIF");
    char *chunked =
        http("200 OK", "text/html", "Transfer-Encoding: chunked\r\n",
             "5\r\n<html\r\n6\r\n><body\r\n4\r\n>甲\r\n0\r\n\r\n");
    char *again =
        http("200 OK", "text/html", "", "<html><body>第二次抓取</body></html>");
    struct lv_err err = {0};

    record(&w, "warcinfo", NULL, "software: t\r\n", 1);
    record(&w, "request", "http://a.example/1", "GET /1 HTTP/1.1\r\n\r\n", 1);
    record(&w, "response", "<http://a.example/1>", ok200, 1);
    record(&w, "response", "http://a.example/2", notfound, 0);
    record(&w, "response", "http://a.example/3.jpg", image, 1);
    record(&w, "response", "http://a.example/4", chunked, 0);
    record(&w, "revisit", "http://a.example/1", "", 1);
    record(&w, "response", "http://a.example/5", again, 1);
    record(&w, "response", "http://a.example/5", page_a, 1); /* not HTTP */
    ok(read_as("warc", w.data, w.len, &c) == 0, "a crawl reads");
    is_int(c.n, 3, "three pages: the 200s with HTML payloads");
    if (c.n == 3) {
        is_str(c.members[0].id, "http://a.example/1",
               "the target URI without <>");
        is_str(c.members[0].url, "http://a.example/1", "its URL");
        is_str(c.members[0].charset, "gb2312",
               "the charset from the HTTP header");
        ok(strcmp(c.members[0].bytes, page_a) == 0,
           "the payload without the HTTP header");
        is_str(c.members[1].bytes, "<html><body>甲",
               "chunked transfer coding undone");
        is_str(c.members[2].id, "http://a.example/5",
               "LF-only records read too");
    }
    is_str(c.skipped,
           "1 request, 1 revisit, 1 warcinfo record, 1 non-HTTP "
           "response, 1 non-200 response, 1 non-HTML payload",
           "what was skipped is counted by kind");
    is_int(c.problems.n, 0, "no problems");
    container_release(&c);

    /* Cut in the middle of the last record: those before it are kept. */
    ok(read_as("warc", w.data, w.len - 40, &c) == 0, "a cut crawl reads");
    is_int(c.n, 3, "the pages before the cut");
    ok(c.problems.n == 1 && strstr(c.problems.v[0], "breaks off"),
       "the cut is a problem: %s", c.problems.n ? c.problems.v[0] : "");
    container_release(&c);

    test_warc_gzipped(&w);
    ok(container_read("warc", "<html>", 6, &c, &err) == LV_EINVAL
           && strstr(err.msg, "not a WARC"),
       "a page is not a crawl: %s", err.msg);
    container_release(&c);
    buf_release(&w);
    free(ok200);
    free(notfound);
    free(image);
    free(chunked);
    free(again);
}

static void test_jsonl(void)
{
    static const char data[] =
        "{\"url\":\"https://x.example/1\",\"标题\":\"委员\\u5de5\\u4f5c站\","
        "\"date\":\"2024-05-06\",\"tags\":[\"a\",{\"b\":[1,2]}],\"n\":3,"
        "\"text\":\"第一段\\n第二段\\ud83d\\ude00\"}\n"
        "\r\n"
        "[1,2]\n"
        "{\"url\":\"https://x.example/2\",\"content\":\"<p>有<b>标记</b></p>\","
        "\"source\":null}\n"
        "{\"text\":\"没有链接的行\",\"title\":\"无链接\"}\n"
        "{\"url\":\"https://x.example/1\",\"text\":\"同一链接的后一行\"}\n"
        "{\"text\":\"坏的\" \"title\":1}\n";
    struct container c;

    ok(read_as("jsonl", data, sizeof(data) - 1, &c) == 0, "JSON Lines read");
    is_int(c.n, 3, "three rows (a repeated url keeps the later row)");
    if (c.n == 3) {
        is_str(c.members[0].id, "https://x.example/2", "ids are urls");
        ok(c.members[0].is_html, "content with markup is HTML");
        ok(c.members[0].source == NULL, "null says nothing");
        is_str(c.members[1].id, "line 5",
               "a row without url is named by its line");
        is_str(c.members[1].title, "无链接", "title");
        ok(!c.members[1].is_html, "text is text");
        is_str(c.members[2].bytes, "同一链接的后一行",
               "the later row of a url");
    }
    is_int(c.problems.n, 2, "two rows are problems");
    if (c.problems.n == 2) {
        ok(strncmp(c.problems.v[0], "line 3: not valid JSON: not a JSON object",
                   41)
               == 0,
           "an array is not a row: %s", c.problems.v[0]);
        ok(strncmp(c.problems.v[1],
                   "line 7: not valid JSON: expected ',' or '}'", 43)
               == 0,
           "a missing comma is named: %s", c.problems.v[1]);
    }
    container_release(&c);
}

static int collect(const char *name, const char *value, size_t len, void *ctx)
{
    struct buf *b = ctx;

    return buf_printf(b, "%s=%.*s;", name, (int)len, value);
}

static void test_json(void)
{
    struct buf b = BUF_INIT;
    const char *why = NULL;
    size_t col = 0;
    static const char s[] =
        "{\"a\":\"\\\"q\\\" \\\\ \\/\",\"b\":-1.5e3,\"c\":true,\"d\":false,"
        "\"e\":null,\"f\":{},\"g\":\"\\ud800x\"}";

    ok(json_read_object(s, sizeof(s) - 1, collect, &b, &why, &col) == 0,
       "an object reads");
    is_str(b.data, "a=\"q\" \\ /;b=-1.5e3;c=true;d=false;g=\xEF\xBF\xBDx;",
           "escapes, numbers and booleans as written, null and objects passed "
           "over; a lone surrogate is U+FFFD");
    buf_reset(&b);
    ok(json_read_object("{\"a\":1} x", 9, collect, &b, &why, &col) == LV_EINVAL
           && col == 9,
       "text after the object is an error at its column");
    ok(json_read_object("{\"a\":tru}", 9, collect, &b, &why, &col) == LV_EINVAL,
       "a misspelt literal is an error");
    {
        char deep[300];

        memset(deep, '[', sizeof(deep));
        memcpy(deep, "{\"a\":", 5);
        ok(json_read_object(deep, sizeof(deep), collect, &b, &why, &col)
                   == LV_EINVAL
               && strstr(why, "deep"),
           "nesting is bounded: %s", why);
    }
    buf_release(&b);
}

static void test_csv(void)
{
    /* GB18030 bytes of the header 标题,正文 and one row. */
    static const char gb[] = "\xb1\xea\xcc\xe2,\xd5\xfd\xce\xc4\r\n"
                             "\xce\xaf\xd4\xb1,\xb5\xf7\xd1\xd0\r\n";
    static const char utf[] = "\xEF\xBB\xBFtitle,Date,URL,text,other\r\n"
                              "\"引号里有,逗号\",2024-1-2,https://y.example/"
                              "1,\"两行\n正文\"\"引\"\"\",x\r\n"
                              "\r\n"
                              "短行,2024-1-3\r\n"
                              "末行,,https://y.example/3,\"没有结束的引号\n";
    struct container c;
    struct lv_err err = {0};

    ok(read_as("csv", gb, sizeof(gb) - 1, &c) == 0 && c.n == 1,
       "a GB18030 export reads");
    if (c.n == 1) {
        is_str(c.members[0].title, "委员", "its title decoded");
        is_str(c.members[0].bytes, "调研", "its text decoded");
        is_str(c.members[0].id, "line 2", "no url: named by its line");
    }
    container_release(&c);
    ok(read_as("csv", utf, sizeof(utf) - 1, &c) == 0,
       "a UTF-8 export with BOM reads");
    is_int(c.n, 1, "one row with text");
    if (c.n == 1) {
        is_str(c.members[0].title, "引号里有,逗号", "a quoted comma");
        is_str(c.members[0].bytes, "两行\n正文\"引\"",
               "quoted lines and doubled quotes");
        is_str(c.members[0].date, "2024-1-2", "headers match without case");
    }
    is_int(c.problems.n, 2, "two problems");
    if (c.problems.n == 2) {
        is_str(c.problems.v[0], "line 5: no html, text or content field",
               "a row short of its text, numbered after a two-line field");
        ok(strncmp(c.problems.v[1], "line 6: a quoted field is not closed", 36)
               == 0,
           "an unclosed quote: %s", c.problems.v[1]);
    }
    container_release(&c);
    ok(container_read("csv", "a,b\n1,2\n", 8, &c, &err) == LV_EINVAL
           && strstr(err.msg, "header"),
       "a header without a text column: %s", err.msg);
    container_release(&c);
}

int main(void)
{
    test_warc();
    test_jsonl();
    test_json();
    test_csv();
    return tap_done();
}
