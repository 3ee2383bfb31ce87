/* t_common.c - buf, record, hash, json, err, grow. */
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/err.h"
#include "../../common/grow.h"
#include "../../common/hash.h"
#include "../../common/record.h"
#include "../../search/json.h"
#include "../../text/utf8.h"
#include "tap.h"

static void test_buf(void)
{
    struct buf b = BUF_INIT;
    size_t len;
    char *s;
    int i;

    is_int(buf_addstr(&b, "委员"), 0, "buf_addstr");
    is_int(buf_printf(&b, "%d-%s", 42, "x"), 0, "buf_printf");
    is_str(b.data, "委员42-x", "buf content");
    for (i = 0; i < 10000; i++)
        buf_addch(&b, 'a');
    is_int(b.len, strlen("委员42-x") + 10000, "buf grows");
    buf_truncate(&b, 3);
    is_str(b.data, "委", "buf_truncate");
    s = buf_take(&b, &len);
    is_str(s, "委", "buf_take hands over");
    ok(b.data == NULL && b.len == 0, "buf_take re-initialises");
    free(s);
    s = buf_take(&b, &len);
    ok(s && *s == '\0' && len == 0, "buf_take of an empty buf gives \"\"");
    free(s);
    buf_grow(&b, 10);
    s = buf_take(&b, &len);
    ok(s && *s == '\0' && len == 0, "a grown but empty buf is \"\"");
    free(s);
}

/* The first error sticks: later adds do nothing and say so, buf_error
 * keeps it, and only a fresh start forgets it. */
static void test_buf_sticky(void)
{
    struct buf b = BUF_INIT;
    size_t len = 99;
    char *s;

    is_int(buf_error(&b), 0, "a new buf has no error");
    is_int(buf_addstr(&b, "履职"), 0, "an add before the error");
    is_int(buf_grow(&b, (size_t)-1 / 2), LV_ENOMEM,
           "a grow past what can be allocated fails");
    is_int(buf_error(&b), LV_ENOMEM, "buf_error reports it");
    is_str(b.data, "履职", "the failed grow left the bytes as they were");
    is_int(buf_addstr(&b, "x"), LV_ENOMEM, "a later buf_addstr returns it");
    is_int(buf_addch(&b, 'x'), LV_ENOMEM, "a later buf_addch returns it");
    is_int(buf_add(&b, "x", 1), LV_ENOMEM, "a later buf_add returns it");
    is_int(buf_printf(&b, "%d", 1), LV_ENOMEM, "a later buf_printf returns it");
    is_int(buf_grow(&b, 1), LV_ENOMEM, "a later small grow returns it");
    is_str(b.data, "履职", "and none of them added anything");
    is_int(b.len, strlen("履职"), "nor changed the length");
    buf_truncate(&b, 3);
    is_int(buf_error(&b), LV_ENOMEM, "buf_truncate keeps the error");
    buf_reset(&b);
    is_int(buf_error(&b), 0, "buf_reset forgets the error");
    is_int(buf_addstr(&b, "再来"), 0, "and adds work again after it");
    is_str(b.data, "再来", "from an empty buffer");
    buf_grow(&b, (size_t)-1);
    s = buf_take(&b, &len);
    ok(s == NULL && len == 0, "buf_take of a failed buf gives NULL, length 0");
    ok(b.data == NULL && b.len == 0 && buf_error(&b) == 0,
       "and re-initialises it");
    buf_grow(&b, (size_t)-1);
    buf_release(&b);
    is_int(buf_error(&b), 0, "buf_release forgets the error");
    is_int(buf_addch(&b, 'a'), 0, "and the buf is usable again");
    is_int(buf_set_error(&b, 0), 0, "buf_set_error of 0 is no error");
    is_int(buf_set_error(&b, LV_EIO), LV_EIO, "buf_set_error gives one");
    is_int(buf_set_error(&b, LV_ENOMEM), LV_EIO, "the first one stays");
    is_int(buf_addstr(&b, "b"), LV_EIO, "and later adds return it");
    is_str(b.data, "a", "without adding");
    buf_release(&b);
}

static void test_record(void)
{
    static const char *const vals[] = {
        "plain",       "tab\there", "line\nbreak",      "back\\slash",
        "\\n literal", "",          "委員工作室\n\t\\",
    };
    struct record *r = record_new(), *p;
    struct buf b = BUF_INIT;
    size_t i;

    for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
        need(record_add(r, "k", vals[i]));
    need(record_add(r, "other", "x"));
    need(record_add(r, "skipped", NULL));
    is_int(record_write(r, &b), 0, "record_write");
    p = record_parse(b.data, b.len);
    is_int(record_count(p), record_count(r), "round trip keeps every pair");
    for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
        is_str(record_get_nth(p, "k", i), vals[i], "value %zu round-trips", i);
    is_str(record_get(p, "other"), "x", "record_get");
    ok(record_get(p, "skipped") == NULL, "NULL values are not stored");
    ok(record_get_nth(p, "k", 99) == NULL, "past the last value is NULL");
    record_free(p);
    p = record_parse("no tab line\nk\tv\n\tempty key\n", 27);
    is_str(record_get(p, "k"), "v", "malformed lines are skipped");
    record_free(p);
    record_free(r);
    record_free(NULL);
    buf_release(&b);
}

static void test_pages(void)
{
    struct record *r = record_new();

    is_int(record_page_at(r, 5), 0, "no pages field: no page");
    need(record_add(r, "pages", "100,250"));
    is_int(record_page_at(r, 0), 1, "before the second page's start: page 1");
    is_int(record_page_at(r, 99), 1, "the byte before it: page 1");
    is_int(record_page_at(r, 100), 2, "its first byte: page 2");
    is_int(record_page_at(r, 9999), 3, "past the last start: the last page");
    record_free(r);
}

static void test_hash(void)
{
    char a[HASH_HEX_LEN + 1], b[HASH_HEX_LEN + 1];

    hash_hex("corpus/a.html", 13, a);
    hash_hex("corpus/b.html", 13, b);
    is_int(strlen(a), HASH_HEX_LEN, "hash is 32 hex digits");
    ok(strcmp(a, b) != 0, "different keys, different hashes");
    hash_hex("corpus/a.html", 13, b);
    is_str(a, b, "hash is deterministic");
    hash_hex("", 0, a);
    is_int(strlen(a), HASH_HEX_LEN, "hash of empty input");
}

static void test_json(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"委员", "\"委员\""},
        {"a\"b\\c", "\"a\\\"b\\\\c\""},
        {"x\ny\t\r", "\"x\\ny\\t\\r\""},
        {"</script>&", "\"\\u003c/script\\u003e\\u0026\""},
        {"\x01\x7f", "\"\\u0001\\u007f\""},
        {"bad\xff\xfe end", "\"bad\\ufffd\\ufffd end\""},
        {"cut\xe5\xa7", "\"cut\\ufffd\\ufffd\""},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b = BUF_INIT;

        json_str(&b, cases[i].in);
        is_str(b.data, cases[i].want, "json_str case %zu", i);
        buf_release(&b);
    }
    {
        struct buf b = BUF_INIT;

        json_str(&b, NULL);
        is_str(b.data, "null", "json_str(NULL) is null");
        buf_release(&b);
    }
}

static void test_err(void)
{
    struct lv_err e;

    is_int(lv_err_set(&e, LV_EIO, "cannot read '%s'", "x"), LV_EIO,
           "lv_err_set returns the code");
    is_str(e.msg, "cannot read 'x'", "lv_err_set formats");
    is_int(lv_err_set(NULL, LV_EINVAL, "x"), LV_EINVAL, "NULL err is fine");
    lv_err_clear(&e);
    is_int(e.code, 0, "lv_err_clear");
    is_str(lv_strerror(LV_ELOCKED), "database locked", "lv_strerror");
    {
        char big[400];
        size_t i;

        /* 委 is 3 bytes: 255 bytes of message end inside one unless cut. */
        for (i = 0; i + 3 < sizeof(big); i += 3)
            memcpy(big + i, "委", 3);
        big[i] = '\0';
        lv_err_set(&e, LV_EQUERY, "x%s", big);
        ok(utf8_valid(e.msg, strlen(e.msg)),
           "a long message is cut at a character boundary");
        ok(strlen(e.msg) >= sizeof(e.msg) - 4, "and only by a character");
    }
}

static void test_grow(void)
{
    int *v = NULL, *p;
    size_t cap = 0, n;
    int all = 1;

    for (n = 0; n < 100; n++) {
        p = grow_one(v, n, &cap, sizeof(*v), 4);
        if (!p) {
            all = 0;
            break;
        }
        v = p;
        v[n] = (int)n;
    }
    ok(all && cap == 128, "grows from 4 by doubling (room for 100: %zu)", cap);
    for (n = 0; n < 100 && v; n++)
        all &= v[n] == (int)n;
    ok(all, "keeping what it held");
    ok(grow_one(v, 100, &cap, sizeof(*v), 4) == v && cap == 128,
       "with room left: the same array");
    n = cap;
    ok(grow_one(v, cap, &cap, (size_t)-1 / 64, 4) == NULL && cap == n,
       "a size that would overflow is refused, the array kept");
    free(v);
}

int main(void)
{
    test_buf();
    test_grow();
    test_buf_sticky();
    test_record();
    test_pages();
    test_hash();
    test_json();
    test_err();
    return tap_done();
}
