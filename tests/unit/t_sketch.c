/* t_sketch.c - shingles, resemblance and band keys of texts (text/sketch.h),
 * on short reports written for the test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../text/sketch.h"
#include "tap.h"

static const char *const paras[] = {
    "春分刚过，城关镇的委员工作站就把协商桌搬到了老街口，十几位商户围坐一起。",
    "大家最关心的是雨季排水，去年两场暴雨让沿街店铺进了水，损失不小。",
    "驻站委员事先走访了住建部门，带来了排水管网改造的初步方案和时间表。",
    "有商户提出施工期间生意怎么办，委员当场记下，承诺分段施工、错开节假日。",
    "退休教师老周建议在改造时一并更换路灯，晚上出门的老人能更安心。",
    "会后，工作站把意见整理成三条建议，报送县政协，由提案委员会跟踪办理。",
};

static char *join(size_t from, size_t to, const char *sep)
{
    size_t i, len = 1;
    char *s;

    for (i = from; i < to; i++)
        len += strlen(paras[i]) + strlen(sep);
    s = calloc(1, len);
    for (i = from; s && i < to; i++) {
        strcat(s, paras[i]);
        strcat(s, sep);
    }
    return s;
}

static double resemblance(const char *a, const char *b)
{
    struct shingles x, y;
    double r;

    if (shingles_of_text(a, strlen(a), &x, NULL) < 0
        || shingles_of_text(b, strlen(b), &y, NULL) < 0)
        return -1;
    r = shingles_resemblance(&x, &y);
    shingles_release(&x);
    shingles_release(&y);
    return r;
}

static int shared_bands(const char *a, const char *b)
{
    struct shingles x, y;
    struct sketch ka, kb;
    int i, n = 0;

    if (shingles_of_text(a, strlen(a), &x, NULL) < 0
        || shingles_of_text(b, strlen(b), &y, NULL) < 0)
        return -1;
    shingles_sketch(&x, &ka);
    shingles_sketch(&y, &kb);
    for (i = 0; i < SKETCH_BANDS; i++)
        n += ka.keys[i] == kb.keys[i];
    shingles_release(&x);
    shingles_release(&y);
    return n;
}

/* Resemblance and band keys of whole texts, cut, re-spaced, quoted. */
static void test_resemblance(void)
{
    char *whole = join(0, 6, "\n"), *spaced = join(0, 6, " \n\n  ");
    char *first = join(0, 4, "\n"), *last = join(2, 6, "\n");
    char *quote = NULL;
    const char *trad = "春分剛過，城關鎮的委員工作站就把協商桌搬到了老街口，十"
                       "幾位商戶圍坐一起。";
    const char *own =
        "另一篇评论：社区治理贵在日常，不在一时。各地的做法不尽相同，"
        "有的设固定接待日，有的把会开到田间地头，有的借助网络平台收集意见，"
        "还有的邀请律师、医生、教师轮流驻站，群众有事随时能找到人。"
        "这些做法的共同点，是让委员离群众更近，让意见表达更顺畅，"
        "让问题解决更及时。下一步，还要在跟踪问效上多下功夫。";

    quote = malloc(strlen(own) * 2 + strlen(paras[1]) + strlen(paras[2]) + 8);
    sprintf(quote, "%s\n%s\n%s\n%s", own, paras[1], paras[2], own + 18);

    ok(resemblance(whole, whole) == 1.0, "a text resembles itself fully");
    ok(resemblance(whole, spaced) == 1.0,
       "white space and line breaks do not count");
    ok(resemblance(paras[0], trad) == 1.0,
       "the other script does not count (繁简 fold)");
    {
        char *half = strdup(paras[0]), *p;

        /* full-width punctuation replaced by ASCII */
        while ((p = strstr(half, "，")) != NULL)
            memmove(p + 1, p + 3, strlen(p + 3) + 1), *p = ',';
        ok(resemblance(paras[0], half) == 1.0, "punctuation does not count");
        free(half);
    }
    ok(resemblance(whole, first) >= SKETCH_COPY_RESEMBLANCE,
       "a copy cut to two thirds still resembles the whole (%.2f)",
       resemblance(whole, first));
    ok(resemblance(first, last) < SKETCH_COPY_RESEMBLANCE,
       "its first and last two thirds do not resemble each other (%.2f)",
       resemblance(first, last));
    ok(resemblance(whole, quote) < 0.3,
       "an article quoting two paragraphs is not a copy (%.2f)",
       resemblance(whole, quote));
    ok(resemblance(whole, own) < 0.1, "another article barely resembles (%.2f)",
       resemblance(whole, own));
    ok(resemblance(quote, whole) == resemblance(whole, quote),
       "resemblance is the same both ways");
    is_int(shared_bands(whole, spaced), SKETCH_BANDS,
           "copies that differ in spacing share every band key");
    ok(shared_bands(whole, first) >= 1,
       "a two-thirds copy shares a band key: a candidate (%d)",
       shared_bands(whole, first));
    ok(shared_bands(whole, own) == 0, "another article shares none");
    free(whole);
    free(spaced);
    free(first);
    free(last);
    free(quote);
}

/* Sketches estimate the resemblance and survive packing. */
static void test_sketches(void)
{
    char *whole = join(0, 6, "\n"), *first = join(0, 4, "\n");
    struct shingles x, y;
    struct sketch a, b, back;
    unsigned char packed[SKETCH_BYTES];
    double exact, est;

    need(shingles_of_text(whole, strlen(whole), &x, NULL));
    need(shingles_of_text(first, strlen(first), &y, NULL));
    shingles_sketch(&x, &a);
    shingles_sketch(&y, &b);
    exact = shingles_resemblance(&x, &y);
    est = sketch_resemblance(&a, &b);
    ok(est > exact - 0.15 && est < exact + 0.15,
       "the sketches estimate the resemblance (%.2f for %.2f)", est, exact);
    sketch_pack(&a, packed);
    ok(sketch_unpack(packed, sizeof(packed), &back) == 0
           && sketch_resemblance(&a, &back) == 1.0,
       "a packed sketch reads back");
    ok(sketch_unpack(packed, 10, &back) < 0, "a short value is refused");
    shingles_release(&x);
    shingles_release(&y);
    free(whole);
    free(first);
}

/* Empty, short and broken texts. */
static void test_edges(void)
{
    struct shingles sh;

    ok(shingles_of_text("", 0, &sh, NULL) == 0 && sh.n == 0,
       "an empty text has no shingles");
    ok(resemblance("", "") == 0, "and resembles nothing");
    shingles_release(&sh);
    ok(shingles_of_text("委员", 6, &sh, NULL) == 0 && sh.n == 0,
       "shorter than one shingle: none");
    shingles_release(&sh);
    ok(shingles_of_text("\xff\xfe委员工作站\xe5\xa7", 19, &sh, NULL) == 0,
       "invalid UTF-8 is read without failing");
    shingles_release(&sh);
    is_int(simhash_distance(0, 3), 2, "simhash distance counts bits");
}

int main(void)
{
    test_resemblance();
    test_sketches();
    test_edges();
    return tap_done();
}
