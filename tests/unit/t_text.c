/* t_text.c - UTF-8, charset decoding, repairs, normalisation, tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../text/decode.h"
#include "../../text/norm.h"
#include "../../text/repair.h"
#include "../../text/tokens.h"
#include "../../text/utf8.h"
#include "slurp.h"
#include "tap.h"

/* s normalised (caller frees), or NULL. */
static char *normed(const char *s)
{
    char *out;

    return norm_string(s, &out, NULL) == 0 ? out : NULL;
}

static void test_utf8(void)
{
    static const struct {
        const char *in;
        size_t len;
        int valid;
    } cases[] = {
        {"abc", 3, 1},
        {"委员", 6, 1},
        {"\xff", 1, 0},
        {"\xc0\xaf", 2, 0},         /* overlong '/' */
        {"\xed\xa0\x80", 3, 0},     /* surrogate */
        {"\xe5\xa7", 2, 0},         /* truncated */
        {"\xf4\x90\x80\x80", 4, 0}, /* past U+10FFFF */
        {"\xf0\x9f\x98\x80", 4, 1}, /* emoji */
    };
    size_t i, n;
    char *s;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        is_int(utf8_valid(cases[i].in, cases[i].len), cases[i].valid,
               "utf8_valid case %zu", i);
    s = utf8_sanitize("a\xff\0b\xe5\xa7", 6, &n);
    is_str(s,
           "a\xEF\xBF\xBD"
           "b\xEF\xBF\xBD\xEF\xBF\xBD",
           "sanitize: bad bytes → U+FFFD, NUL dropped");
    free(s);
    is_int(utf8_cut("委员会", 9, 7), 6, "utf8_cut stops at a boundary");
    ok(utf8_is_han(0x59D4) && !utf8_is_han('a') && !utf8_is_han(0x3002),
       "utf8_is_han");
}

static char *decode(const char *bytes, size_t len, int html, char *cs)
{
    struct decoded d;

    if (decode_to_utf8(bytes, len, html, &d, NULL) < 0)
        return NULL;
    snprintf(cs, 32, "%s", d.charset);
    return d.text;
}

static void test_decode(void)
{
    /* "政协委员" in GBK. */
    const char gbk[] = "\xd5\xfe\xd0\xad\xce\xaf\xd4\xb1";
    char buf[256], cs[32], *t;

    snprintf(buf, sizeof(buf),
             "<!DOCTYPE html><html><head><meta charset=gbk></head>"
             "<body>%s</body></html>",
             gbk);
    t = decode(buf, strlen(buf), 1, cs);
    ok(t && strstr(t, "政协委员"), "GBK with DOCTYPE and meta charset=gbk");
    is_str(cs, "GB18030", "GBK is read as GB18030");
    free(t);
    snprintf(buf, sizeof(buf), "<html><body><p>%s%s%s</p></body></html>", gbk,
             gbk, gbk);
    t = decode(buf, strlen(buf), 1, cs);
    ok(t && strstr(t, "政协委员"), "GBK without any declaration (%s)", cs);
    free(t);
    snprintf(buf, sizeof(buf), "<meta charset=\"gbk\"><p>政协委员</p>");
    t = decode(buf, strlen(buf), 1, cs);
    ok(t && strstr(t, "政协委员"), "valid UTF-8 wins over a wrong gbk label");
    free(t);
    t = decode("\xef\xbb\xbf委员", 9, 0, cs);
    is_str(t, "委员", "UTF-8 BOM dropped");
    free(t);
    t = decode("\xff\xfe\xd4\x59\x58\x54", 6, 0, cs);
    is_str(t, "委员", "UTF-16LE with BOM");
    free(t);
    t = decode("", 0, 1, cs);
    is_str(t, "", "empty input gives an empty string");
    free(t);
    t = decode("委员会\xe5\xa7", 11, 0, cs);
    ok(t && strncmp(t, "委员会", 9) == 0 && utf8_valid(t, strlen(t)),
       "UTF-8 cut mid-character stays UTF-8 (%s)", t ? t : "");
    free(t);
    {
        char junk[512];
        size_t i;

        for (i = 0; i < sizeof(junk); i++)
            junk[i] = (char)(i * 37 + 11);
        t = decode(junk, sizeof(junk), 1, cs);
        ok(t && utf8_valid(t, strlen(t)), "binary junk gives valid UTF-8");
        free(t);
    }
}

static void test_repair(void)
{
    static const char *const seeds[] = {
        "000_24dd3b9ff498e643", "001_fd71167b4d90b068", "002_12ddb5efa8792e64",
        "003_b63c12242eb4d3bc", "004_7e9473d393ee8230",
    };
    static const struct {
        const char *in, *out;
    } pinyin[] = {
        {"網(wǎng)站", "網站"},
        {"協（xié）商", "協商"},
        {"政协(CPPCC)", "政协(CPPCC)"},
        {"年(2024)", "年(2024)"},
        {"办法(试行)", "办法(试行)"},
        {"Copyright(C)", "Copyright(C)"},
        {"網(wang)", "網(wang)"},                 /* no tone mark: not a note */
        {"網(wǎngwǎngwǎng)", "網(wǎngwǎngwǎng)"}, /* too long */
        {"a(wǎng)", "a(wǎng)"}, /* not after a Han character */
        {"綠(lǜ)化", "綠化"},
        {"政(zheng)協(xie)商", "政協商"}, /* untoned, annotated page */
        {"網(wǎng)站與政(zheng)協", "網站與政協"},
        {"委(wei)員(app)", "委(wei)員(app)"}, /* app is no syllable */
    };
    static const struct {
        const char *in, *out;
    } moji[] = {
        {"碧m州市", "蘭州市"},
        {"榭h", "縣"},
        {"敝x", "謝"},
        {"鉂q", "漲"},
        {"市政协app", "市政协app"},
        {"在a股", "在a股"},
        {"ab委x", "ab委x"},
    };
    const char *dir = getenv("LVZHI_SEEDS");
    size_t i, total = 0, fixed = 0;

    for (i = 0; i < sizeof(pinyin) / sizeof(pinyin[0]); i++) {
        char buf[128];
        size_t n;

        snprintf(buf, sizeof(buf), "%s", pinyin[i].in);
        n = repair_pinyin(buf, strlen(buf), NULL);
        buf[n] = '\0';
        is_str(buf, pinyin[i].out, "pinyin case %zu", i);
    }
    for (i = 0; i < sizeof(moji) / sizeof(moji[0]); i++) {
        char buf[128];
        size_t n;

        snprintf(buf, sizeof(buf), "%s", moji[i].in);
        n = repair_mojibake(buf, strlen(buf), NULL);
        buf[n] = '\0';
        is_str(buf, moji[i].out, "mojibake case %zu", i);
    }
    for (i = 0; i < 5; i++) {
        char path[512], *s;
        size_t len = 0, n, k = 0, m = 0;

        snprintf(path, sizeof(path), "%s/%s.txt", dir ? dir : "corpus/seeds",
                 seeds[i]);
        s = slurp(path, &len);
        if (!ok(s != NULL, "read seed %s", seeds[i]))
            continue;
        n = repair_pinyin(s, len, &k);
        n = repair_mojibake(s, n, &m);
        if (i < 3)
            total += k;
        fixed += m;
        ok(utf8_valid(s, n), "seed %zu stays valid UTF-8 after repairs", i);
        free(s);
    }
    is_int(total, 416, "416 pinyin notes in seeds 000-002");
    is_int(fixed, 5, "5 mojibake repairs in the seeds");
}

static void test_norm(void)
{
    static const struct {
        const char *a, *b;
    } same[] = {
        {"委員工作室", "委员工作室"}, {"市政協", "市政协"},
        {"ＡＢＣ１２３", "abc123"},   {"蘭州市", "兰州市"},
        {"，：（）", ",:()"},         {"Ｃｏｐｙ", "copy"},
    };
    struct norm n;
    size_t i;
    char *a, *b;

    for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        a = normed(same[i].a);
        b = normed(same[i].b);
        is_str(a, b, "norm(%s) == norm(%s)", same[i].a, same[i].b);
        free(a);
        free(b);
    }
    is_int(norm_t2s(0x6703), 0x4F1A, "norm_t2s 會 → 会");
    /* Offsets: ㈱ (3 bytes) becomes "(株)" (5 bytes), all mapping to 3. */
    is_int(norm_text("a㈱b", 5, NORM_OFFSETS, &n, NULL), 0, "norm_text");
    is_str(n.text, "a(株)b", "NFKC expansion");
    ok(n.orig[0] == 0 && n.orig[1] == 1 && n.orig[n.len - 2] == 1
           && n.orig[n.len - 1] == 4 && n.orig[n.len] == 5,
       "offsets map every normalised byte back to its source");
    norm_release(&n);
    is_int(norm_text("x\xffy", 3, NORM_OFFSETS, &n, NULL), 0,
           "invalid byte normalises");
    ok(utf8_valid(n.text, n.len) && n.orig[n.len] == 3, "to U+FFFD");
    norm_release(&n);
}

struct collect {
    char words[32][32], bigrams[32][16];
    unsigned wpos[32], bpos[32];
    size_t nw, nb;
};

static int collect(const struct token *t, void *ctx)
{
    struct collect *c = ctx;

    if (t->kind == TOKEN_WORD && c->nw < 32) {
        snprintf(c->words[c->nw], 32, "%.*s", (int)t->len, t->text);
        c->wpos[c->nw++] = t->pos;
    } else if (t->kind == TOKEN_BIGRAM && c->nb < 32) {
        snprintf(c->bigrams[c->nb], 16, "%.*s", (int)t->len, t->text);
        c->bpos[c->nb++] = t->pos;
    }
    return 0;
}

static void test_tokens(void)
{
    struct tokenizer *t = NULL;
    struct collect c;
    const char *s = "委员工作室，开展abc 123。";

    if (!ok(tokenizer_new(&t, NULL) == 0, "tokenizer_new"))
        return;
    memset(&c, 0, sizeof(c));
    is_int(tokenizer_run(t, s, strlen(s), collect, &c, NULL), 0,
           "tokenizer_run");
    is_int(c.nb, 5, "bigrams: 委员 员工 工作 作室 | 开展");
    is_str(c.bigrams[0], "委员", "first bigram");
    is_str(c.bigrams[3], "作室", "fourth bigram");
    ok(c.bpos[1] == c.bpos[0] + 1 && c.bpos[3] == c.bpos[0] + 3,
       "bigram positions are consecutive in a run");
    ok(c.bpos[4] > c.bpos[3] + 2, "punctuation leaves a gap between runs");
    ok(c.nw >= 4 && strcmp(c.words[c.nw - 2], "abc") == 0
           && strcmp(c.words[c.nw - 1], "123") == 0,
       "Latin and digits are words, punctuation is dropped");
    ok(c.wpos[0] == 1 && c.wpos[c.nw - 1] == c.nw, "word positions 1..n");
    memset(&c, 0, sizeof(c));
    is_int(tokenizer_run(t, "", 0, collect, &c, NULL), 0, "empty text");
    is_int(c.nw + c.nb, 0, "no tokens from empty text");
    is_int(tokenizer_run(t, "\xef\xbf\xbd\xef\xbf\xbd", 6, collect, &c, NULL),
           0, "replacement characters do not break it");
    tokenizer_free(t);
}

int main(void)
{
    test_utf8();
    test_decode();
    test_repair();
    test_norm();
    test_tokens();
    return tap_done();
}
