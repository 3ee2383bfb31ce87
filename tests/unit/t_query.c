/* t_query.c - query language: dates, fields, errors, query shapes. */
#include <stdlib.h>
#include <string.h>

#include "../../search/query.h"
#include "../../text/tokens.h"
#include "../../xapian/xapian_c.h"
#include "tap.h"

static void test_dates(void)
{
    static const struct { const char *in; int end; const char *want; } ok_cases[] = {
        { "2024", 0, "20240101" }, { "2024", 1, "20241231" },
        { "2024-03", 0, "20240301" }, { "2024-03", 1, "20240331" },
        { "2024-03-13", 0, "20240313" }, { "20240313", 1, "20240313" },
        { "2024年3月13日", 0, "20240313" }, { "2024/3", 1, "20240331" },
    };
    static const char *const bad[] = {
        "", "abc", "24", "2024-13", "2024-00-01", "2024-01-32", "123456789",
        "2024-01-00",
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
    char *d;

    if (query_parse(text, NULL, 0, NULL, NULL, tok, &q, err) < 0)
        return NULL;
    d = xquery_describe(q.xq);
    query_release(&q);
    return d;
}

static void test_shapes(struct tokenizer *tok)
{
    struct lv_err err = { 0 };
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

int main(void)
{
    struct tokenizer *tok = NULL;

    test_dates();
    if (!ok(tokenizer_new(&tok, NULL) == 0, "tokenizer_new"))
        return tap_done();
    test_shapes(tok);
    tokenizer_free(tok);
    return tap_done();
}
