/* t_query.c - query language: dates, fields, errors, query shapes. */
#include <stdlib.h>
#include <string.h>

#include "../../search/query.h"
#include "../../text/tokens.h"
#include "../../xapian/xapian_c.h"
#include "tap.h"

static void test_dates(void)
{
    static const struct {
        const char *in;
        int end;
        const char *want;
    } ok_cases[] = {
        {"2024", 0, "20240101"},          {"2024", 1, "20241231"},
        {"2024-03", 0, "20240301"},       {"2024-03", 1, "20240331"},
        {"2024-03-13", 0, "20240313"},    {"20240313", 1, "20240313"},
        {"2024年3月13日", 0, "20240313"}, {"2024/3", 1, "20240331"},
    };
    static const char *const bad[] = {
        "",           "abc",        "24",        "2024-13",
        "2024-00-01", "2024-01-32", "123456789", "2024-01-00",
    };
    char out[9];
    size_t i;

    for (i = 0; i < sizeof(ok_cases) / sizeof(ok_cases[0]); i++) {
        int rc = query_date(ok_cases[i].in, ok_cases[i].end, out, NULL);

        ok(rc == 0 && strcmp(out, ok_cases[i].want) == 0, "date '%s' -> %s",
           ok_cases[i].in, ok_cases[i].want);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        is_int(query_date(bad[i], 0, out, NULL), LV_EQUERY,
               "bad date '%s' refused", bad[i]);
}

/* Parse and describe; NULL on error (err filled). */
static char *describe(struct tokenizer *tok, const char *text,
                      struct lv_err *err)
{
    struct query q;
    struct query_input in = {.text = text};
    char *d;

    if (query_parse(&in, tok, &q, err) < 0)
        return NULL;
    d = xquery_describe(q.xq);
    query_release(&q);
    return d;
}

static void test_shapes(struct tokenizer *tok)
{
    struct lv_err err = {0};
    char *d, big[QUERY_MAX_BYTES + 10];

    d = describe(tok, "委员工作室", &err);
    ok(d && strstr(d, "PHRASE") && strstr(d, "G委员"),
       "Han text: word phrase OR bigram phrase (%s)", d ? d : err.msg);
    free(d);
    d = describe(tok, "委員工作室", &err);
    ok(d && strstr(d, "G委员"), "traditional query folds to simplified");
    free(d);
    d = describe(tok, "义诊 -法律", &err);
    ok(d && strstr(d, "AND_NOT"), "exclusion is AND_NOT");
    free(d);
    d = describe(tok, "义诊 OR 法律", &err);
    ok(d && strstr(d, " OR "), "OR");
    free(d);
    d = describe(tok, "title:工作站", &err);
    ok(d && strstr(d, "T工作") && !strstr(d, "G工作"),
       "title: uses the title prefixes only");
    free(d);
    d = describe(tok, "city:兰州市 义诊", &err);
    ok(d && strstr(d, "XC兰州市") && strstr(d, "FILTER"), "city: filter");
    free(d);
    d = describe(tok, "", &err);
    ok(d != NULL, "empty query matches all");
    free(d);
    d = describe(tok, "。，！", &err);
    ok(d != NULL, "punctuation-only query is not an error");
    free(d);
    d = describe(tok, "\"unterminated phrase", &err);
    ok(d != NULL, "unterminated quote is accepted");
    free(d);
    d = describe(tok, "bad\xff\xfe", &err);
    ok(d != NULL, "invalid UTF-8 in the query is not a crash");
    free(d);
    d = describe(tok, "nosuch:field", &err);
    ok(d == NULL && err.code == LV_EQUERY && strstr(err.msg, "nosuch"),
       "unknown field is a clear error");
    free(d);
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    d = describe(tok, big, &err);
    ok(d == NULL && err.code == LV_EQUERY, "overlong query is refused");
    free(d);
}

static void test_parts(struct tokenizer *tok)
{
    struct query_input in = {.text = "委员工作室 义诊 OR 法律咨询 -考察"};
    struct query q;

    if (!ok(query_parse(&in, tok, &q, NULL) == 0, "parts: parses"))
        return;
    is_int((int)q.nparts, 2, "parts: two (an OR group is one, -考察 none)");
    is_str(q.parts[1].text, "义诊 OR 法律咨询", "parts: the OR group's text");
    ok(q.relaxable && !q.plain, "parts: relaxable, not plain (OR, -)");
    is_int((int)query_parts_in(&q, "委员工作室一周", "开展法律咨询"), 3,
           "parts: both held (title and body, either OR alternative)");
    is_int((int)query_parts_in(&q, "", "只有委員工作室"), 1,
           "parts: only the first, found in traditional script");
    query_release(&q);

    in.partial = 1;
    ok(query_parse(&in, tok, &q, NULL) == 0 && q.xq != NULL,
       "partial pass: a query");
    query_release(&q);
    in.text = "义诊";
    ok(query_parse(&in, tok, &q, NULL) == 0 && q.xq == NULL && !q.relaxable,
       "partial pass: one part never relaxes (no query)");
    query_release(&q);
    in.text = "+义诊 +委员工作室";
    ok(query_parse(&in, tok, &q, NULL) == 0 && q.xq == NULL,
       "partial pass: every part +required, nothing to relax");
    query_release(&q);
    in.text = "-义诊 委员"; /* an excluded item first (fuzz_http) */
    in.partial = 0;
    ok(query_parse(&in, tok, &q, NULL) == 0 && q.nparts == 1,
       "an excluded first item is no part");
    query_release(&q);
}

/* A description's words (or spans) and what they must be: NULL none;
 * "=X" exactly X, "+X" holding X, "-X" some words but not X. */
struct words_case {
    int spans; /* 1: query_content_spans, 0: query_content_words */
    const char *text, *want, *what;
};

static const struct words_case words_cases[] = {
    {0, "政协委员给群众看病", "+群众", "description: its content words"},
    {0, "政协委员给群众看病", "-给", "description: no function word"},
    {0, "医生给老人义诊", "+义诊",
     "description: single characters side by side make a word"},
    {0, "星火燎原委员工作室", NULL, "a studio's name is not a description"},
    {0, "律师委员工作室", "+律师",
     "a group's studio is a kind, searched by its words"},
    {0, "市政协医卫界别委员个人工作室", "+工作室",
     "so is a sector's, behind an owner"},
    {0, "委员联系点", "=委员 联系点",
     "a bare type is a kind, its head one word"},
    {0, "青禾委员工作室", NULL, "a short name that is no group stays a name"},
    {0, "兰州市政协委员工作站", "+兰州",
     "a place's, with its committee, is a kind in a place"},
    {0, "安康委员之家", "=安康 委员 之家", "so is a short place's"},
    {0, "石林县委员工作站", "+石林", "and a county's by its alias"},
    {0, "青山委员工作室", NULL,
     "a county's short form is no place here: 青山 may be a studio's name"},
    {0, "同心委员工作室", NULL, "nor is 同心"},
    {1, "按产业链建立委员工作室", "=产业链建立委员工作室",
     "a preposition is a function word"},
    {1, "居民在社区有没有固定的议事场所", "=居民 社区 固定 议事场所",
     "spans between the function words, whole"},
    {1, "委员，给群众看病", "=委员 群众看病", "punctuation ends a span too"},
    {1, "心理咨询热线", NULL, "no function word: no spans"},
};

static int words_as_wanted(const char *w, const char *want)
{
    if (!want || !w)
        return !want && !w;
    if (want[0] == '=')
        return strcmp(w, want + 1) == 0;
    return (strstr(w, want + 1) != NULL) == (want[0] == '+');
}

static void test_words(struct tokenizer *tok)
{
    size_t i;

    for (i = 0; i < sizeof(words_cases) / sizeof(words_cases[0]); i++) {
        const struct words_case *c = &words_cases[i];
        char *w = NULL;
        int rc = c->spans ? query_content_spans(c->text, tok, &w, NULL)
                          : query_content_words(c->text, tok, &w, NULL);

        ok(rc == 0 && words_as_wanted(w, c->want), "%s (%s: %s)", c->what,
           c->text, w ? w : "none");
        free(w);
    }
}

/* Descriptions' words, and the bonus for parts near each other. */
static void test_descriptions(struct tokenizer *tok)
{
    struct query_input in = {0};
    struct query q;
    char *d = NULL;

    test_words(tok);
    in.text = "银川 社区书屋";
    d = query_parse(&in, tok, &q, NULL) == 0 ? xquery_describe(q.xq) : NULL;
    ok(d && strstr(d, "NEAR 40"), "two parts: a proximity bonus (%s)",
       d ? d : "");
    free(d);
    query_release(&q);
    in.text = "银川 OR 兰州 社区书屋";
    d = query_parse(&in, tok, &q, NULL) == 0 ? xquery_describe(q.xq) : NULL;
    ok(d && !strstr(d, "NEAR"), "none with an OR group among the parts");
    free(d);
    d = NULL;
    query_release(&q);
}

int main(void)
{
    struct tokenizer *tok = NULL;

    test_dates();
    if (!ok(tokenizer_new(&tok, NULL) == 0, "tokenizer_new"))
        return tap_done();
    test_shapes(tok);
    test_parts(tok);
    test_descriptions(tok);
    tokenizer_free(tok);
    return tap_done();
}
