/*
 * t_entities.c - entities on the seeds (cleaned by the article module, as
 * in the real pipeline) and on table rows built from the traps in the
 * domain notes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/article.h"
#include "../../indexer/entities.h"
#include "../../text/tokens.h"
#include "slurp.h"
#include "tap.h"

static struct tokenizer *tok; /* for workstation names */

static void dump(const struct entities *e)
{
    size_t i;

    printf("#   cities:");
    for (i = 0; i < e->ncities; i++)
        printf(" %s(%d,%.1f)", e->cities[i].name, e->cities[i].role,
               e->cities[i].score);
    printf("\n#   places:");
    for (i = 0; i < e->nplaces; i++)
        printf(" %s", e->places[i].row->full);
    printf("\n#   sectors:");
    for (i = 0; i < e->nsectors; i++)
        printf(" %s", e->sectors[i]);
    printf("\n#   workstations:");
    for (i = 0; i < e->nworkstations; i++)
        printf(" [%s]", e->workstation_keys[i]);
    printf("\n#   brands:");
    for (i = 0; i < e->nbrands; i++)
        printf(" “%s”", e->brands[i]);
    printf("\n");
}

static int has_place(const struct entities *e, const char *name)
{
    size_t i;

    for (i = 0; i < e->nplaces; i++)
        if (strcmp(e->places[i].row->full, name) == 0)
            return 1;
    return 0;
}

static int has_str(char *const *v, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

static int has_sector(const struct entities *e, const char *s)
{
    size_t i;

    for (i = 0; i < e->nsectors; i++)
        if (strcmp(e->sectors[i], s) == 0)
            return 1;
    return 0;
}

static void test_seeds(const char *dir)
{
    static const struct {
        const char *name, *primary;
    } seeds[] = {
        {"000_24dd3b9ff498e643", "昭通市"}, {"001_fd71167b4d90b068", "汉中市"},
        {"002_12ddb5efa8792e64", "兰州市"}, {"003_b63c12242eb4d3bc", "昆明市"},
        {"004_7e9473d393ee8230", "宜昌市"},
    };
    static const char *const kinds[] = {"seeds", "html"};
    size_t i, k;

    for (i = 0; i < 5; i++) {
        for (k = 0; k < 2; k++) {
            struct article a = {0};
            struct entities *e = NULL;
            char path[512];
            size_t len = 0;
            char *data;

            snprintf(path, sizeof(path), "%s/%s/%s.%s", dir, kinds[k],
                     seeds[i].name, k ? "html" : "txt");
            data = slurp(path, &len);
            if (!ok(data != NULL, "read %s", path))
                continue;
            if (k ? article_from_html(data, len, &a, NULL)
                  : article_from_text(data, len, &a, NULL))
                ok(0, "parse %s", path);
            else if (ok(entities_extract(a.title, a.body, a.source, tok, &e,
                                         NULL)
                            == 0,
                        "extract %s", path)) {
                if (!ok(e->ncities && e->cities[0].role == CITY_PRIMARY
                            && strcmp(e->cities[0].name, seeds[i].primary) == 0,
                        "%s %s: primary municipality %s", seeds[i].name,
                        kinds[k], seeds[i].primary)
                    || getenv("VERBOSE"))
                    dump(e);
                if (i == 1)
                    ok(!has_place(e, "哈巴河县") && !has_place(e, "九江市"),
                       "seed 001 %s: the spam county list gives no place",
                       kinds[k]);
                if (i == 4) {
                    size_t c, sec = 0;

                    for (c = 1; c < e->ncities; c++)
                        if (e->cities[c].role == CITY_SECONDARY)
                            sec++;
                    ok(sec >= 2, "seed 004 %s: visited cities are secondary",
                       kinds[k]);
                    ok(!has_place(e, "玉门市"),
                       "seed 004 %s: related reading gives no place", kinds[k]);
                }
                if (i == 2) {
                    ok(has_sector(e, "中国民主建国会")
                           && has_sector(e, "社会科学界")
                           && has_sector(e, "中国科学技术协会"),
                       "seed 002 %s: 民建、社会科学、科协界别 is three sectors",
                       kinds[k]);
                    ok(has_str(e->workstations, e->nworkstations,
                               "广武门街道委员工作站"),
                       "seed 002 %s: 广武门街道委员工作站", kinds[k]);
                    ok(has_str(e->workstations, e->nworkstations,
                               "树屏产业园“玫好协商”经济和工商联界别委员工作室")
                           && has_str(e->workstations, e->nworkstations,
                                      "“舞动青春”共青团和青联界别委员工作室"),
                       "seed 002 %s: host + brand + merged-sector studio names "
                       "(workstation_patterns.md)",
                       kinds[k]);
                    ok(has_str(e->brands, e->nbrands, "委员码上见"),
                       "seed 002 %s: brand 委员码上见", kinds[k]);
                }
                if (i == 0)
                    ok(has_str(e->brands, e->nbrands, "千名委员走基层"),
                       "seed 000 %s: brand 千名委员走基层", kinds[k]);
            }
            entities_free(e);
            article_release(&a);
            free(data);
        }
    }
}

struct row {
    const char *text;
    const char *want_place; /* must be found, or NULL */
    const char *not_place;  /* must not be found, or NULL */
};

static void test_places(void)
{
    static const struct row rows[] = {
        {"兰州市七里河区政协组织委员调研。", "七里河区", NULL},
        {"兰州市政协委员到七里河调研。", "七里河区", NULL},
        {"委员到七里河调研。", NULL, "七里河区"}, /* not anchored */
        {"北京市朝阳区政协召开会议。", "朝阳区", NULL},
        {"朝阳区政协召开会议。", NULL, "朝阳区"}, /* ambiguous */
        {"昭通市政协开展活动。", "昭通市", "通市"},
        {"酒泉路街道委员工作站开展活动，兰州市政协参加。", "兰州市", "酒泉市"},
        {"手抓羊肉、新疆特色烤羊排。", NULL, "新疆维吾尔自治区"},
        {"石林县政协联合开展活动，昆明市政协参加。", "石林彝族自治县", NULL},
        {"红河州政协组织委员视察。", "红河哈尼族彝族自治州", NULL},
        {"博物馆东区展厅开放。", NULL, "东区"}, /* no anchor */
        {"攀枝花市东区政协召开会议。", "东区", NULL},
        {"章丘政协组织委员调研。", "章丘区", NULL}, /* its committee */
        {"全州政协系统开展学习。", NULL, "全州县"}, /* 全州: whole 州 */
        {"顺河区政协来访。", "顺河回族区", NULL},   /* ethnic district */
        {"县政协主席到草河掌镇调研。", "本溪满族自治县", NULL}, /* township */
    };
    size_t i;

    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct entities *e = NULL;

        need(entities_extract("", rows[i].text, NULL, tok, &e, NULL));
        if (!e) {
            ok(0, "extract row %zu", i);
            continue;
        }
        if (rows[i].want_place)
            ok(has_place(e, rows[i].want_place), "row %zu: finds %s", i,
               rows[i].want_place);
        if (rows[i].not_place)
            ok(!has_place(e, rows[i].not_place), "row %zu: not %s", i,
               rows[i].not_place);
        entities_free(e);
    }
}

static void test_sectors_and_studios(void)
{
    struct entities *e = NULL;

    need(entities_extract("",
                          "市政协港澳台侨委和教文卫体委联合社会各界开展活动，"
                          "世界各地侨胞参加。",
                          NULL, tok, &e, NULL));
    ok(e && e->nsectors == 0, "committees, 各界 and 世界 are not sectors");
    entities_free(e);
    need(entities_extract("",
                          "兰州市政协建立133个委员工作室，各街道委员工作站和"
                          "“委员工作室”都开展活动。",
                          NULL, tok, &e, NULL));
    ok(e && e->nworkstations == 0,
       "counts, collectives and quoted types are not workstation names");
    if (e && e->nworkstations)
        dump(e);
    entities_free(e);
    need(entities_extract("", "兰州市政协李瑛委员工作室开展义诊。", NULL, tok,
                          &e, NULL));
    ok(e && has_str(e->workstations, e->nworkstations, "李瑛委员工作室")
           && has_str(e->workstation_keys, e->nworkstations,
                      "兰州市·李瑛委员工作室"),
       "person studio with its owner city as identity");
    entities_free(e);
    need(entities_extract(
        "", "“铸牢中华民族共同体意识”委员工作室主题活动在昆明举行。", NULL, tok,
        &e, NULL));
    ok(e && e->nworkstations == 0, "a themed activity is not a studio");
    entities_free(e);
    /* A one-character stop word stops a name only where it is a word of
     * its own: 继 before 谈固街道, not 由 in 自由路 or 平 in 和平. */
    need(entities_extract(
        "",
        "石家庄市政协继谈固街道委员工作站之后，又在自由路街道委员"
        "工作站和和平街道委员工作站开展协商。",
        NULL, tok, &e, NULL));
    ok(e && e->nworkstations == 3
           && has_str(e->workstations, e->nworkstations, "谈固街道委员工作站")
           && has_str(e->workstations, e->nworkstations, "自由路街道委员工作站")
           && has_str(e->workstations, e->nworkstations, "和平街道委员工作站"),
       "stop words before a name, not inside one");
    if (e && e->nworkstations != 3)
        dump(e);
    entities_free(e);
    need(entities_extract(
        "",
        "委员们学习借鉴群力街道委员工作站的做法，擦亮“宁红茶韵”"
        "委员工作室品牌。",
        NULL, tok, &e, NULL));
    ok(e && e->nworkstations == 2
           && has_str(e->workstations, e->nworkstations, "群力街道委员工作站")
           && has_str(e->workstations, e->nworkstations, "“宁红茶韵”委员工作室")
           && e->nbrands == 0,
       "verbs before a name stop it; a studio's quoted name is not a brand");
    if (e && (e->nworkstations != 2 || e->nbrands))
        dump(e);
    entities_free(e);
}

/* The byline's city, when the text names none. */
static void test_source_city(void)
{
    struct entities *e = NULL;

    need(entities_extract("市政协某某委员工作室挂牌",
                          "委员工作室在镇上挂牌成立，"
                          "委员们接待了前来反映问题的群众。",
                          "揭阳市政协办公室", tok, &e, NULL));
    ok(e && e->ncities && e->cities[0].role == CITY_PRIMARY
           && strcmp(e->cities[0].name, "揭阳市") == 0,
       "a city named only in the byline is the primary municipality");
    entities_free(e);
    e = NULL;
    need(entities_extract("委员工作室挂牌", "委员工作室在镇上挂牌成立。",
                          "吉林日报", tok, &e, NULL));
    ok(e && e->ncities == 0, "a short form in the byline (吉林) is not enough");
    entities_free(e);
}

/* Provincial reports and sectors named without 界 (sentences written
 * for this test). */
static void test_province_and_bare_sectors(void)
{
    struct entities *e = NULL;

    need(entities_extract(
        "省政协召开港澳委员座谈会",
        "甘肃省政协在兰州召开座谈会，省政协主席出席，港澳委员参加。", NULL, tok,
        &e, NULL));
    ok(e && (!e->ncities || e->cities[0].role != CITY_PRIMARY) && e->province
           && strcmp(e->province, "甘肃省") == 0,
       "a provincial committee's report: no primary city, its province");
    ok(e && has_sector(e, "特邀香港人士") && has_sector(e, "特邀澳门人士"),
       "港澳委员 are the two special sectors");
    entities_free(e);
    need(entities_extract("", "兰州市政协组织委员调研，省政协委员张某参加。",
                          NULL, tok, &e, NULL));
    ok(e && e->ncities && e->cities[0].role == CITY_PRIMARY && e->province
           && strcmp(e->province, "甘肃省") == 0,
       "a member's title (省政协委员) does not make the report provincial");
    entities_free(e);
    need(entities_extract("",
                          "民革、民盟、民建的委员参加协商；民进会员之家开放。"
                          "特邀、科技等4个界别委员发言。",
                          NULL, tok, &e, NULL));
    ok(e && has_sector(e, "中国国民党革命委员会")
           && has_sector(e, "中国民主同盟") && has_sector(e, "中国民主建国会")
           && !has_sector(e, "中国民主促进会") && has_sector(e, "特别邀请人士")
           && has_sector(e, "科学技术界"),
       "a list of parties, and 等4个界别, name sectors; a party's venue not");
    entities_free(e);
}

/* Workstation names on sentences shaped like the real pages' misses
 * (written for this test): the name starts at its owner or host, never
 * at a verb, preposition or time phrase; one platform is one value. */
struct ws_row {
    const char *text;
    const char *want[3]; /* names that must be found */
    const char *not_[2]; /* values that must not be */
};

static void test_workstation_names(void)
{
    static const struct ws_row rows[] = {
        {"上月在镇文化站多功能厅举行政协委员工作室揭牌仪式。",
         {NULL},
         {"多功能厅举行政协委员工作室", "政协委员工作室"}},
        {"某律师事务所举行王森政协委员工作站揭牌。",
         {"王森政协委员工作站"},
         {"律师事务所举行王森政协委员工作站"}},
        {"领导莅临顺庆区潆溪街道冯家寺社区委员工作站调研，冯家寺社区委员工作站"
         "负责人介绍了情况。",
         {"潆溪街道冯家寺社区委员工作站"},
         {"冯家寺社区委员工作站", "莅临顺庆区潆溪街道冯家寺社区委员工作站"}},
        {"去年底实现协商议事室全覆盖，首批委员工作室授牌。",
         {NULL},
         {"去年底实现协商议事室", "首批委员工作室"}},
        {"当天授予“紫藤”委员工作室牌匾。",
         {"“紫藤”委员工作室"},
         {"授予“紫藤”委员工作室"}},
        {"走进鹭岛街道委员工作站和人民街街道委员工作站。",
         {"鹭岛街道委员工作站", "人民街街道委员工作站"},
         {NULL}},
        {"县政协在梅溪镇、竹林镇委员工作室开展义诊。",
         {"梅溪镇委员工作室", "竹林镇委员工作室"},
         {NULL}},
        {"江州区政协为陈立群、赵海峰委员工作室授牌。",
         {"陈立群委员工作室", "赵海峰委员工作室"},
         {NULL}},
        {"无党派界别和民进界别委员联系界别群众工作站同日揭牌。",
         {"无党派界别委员联系界别群众工作站", "民进界别委员联系界别群众工作站"},
         {NULL}},
        {"街道开设许家湾社区联络站和“桂香”议事厅。",
         {"许家湾社区联络站", "“桂香”议事厅"},
         {NULL}},
        {"按照《关于加强委员工作室建设方案》要求，关于委员工作室的管理有了规定"
         "。",
         {NULL},
         {"关于委员工作室"}},
        {"会议讨论成立委员工作站的事宜。", {NULL}, {"成立委员工作站"}},
        {"七里河区政协委员之家今天开放。", {"七里河区政协委员之家"}, {NULL}},
    };
    size_t i, k;

    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct entities *e = NULL;
        int good = 1;

        need(entities_extract("", rows[i].text, NULL, tok, &e, NULL));
        if (!ok(e != NULL, "extract workstation row %zu", i))
            continue;
        for (k = 0; k < 3 && rows[i].want[k]; k++)
            good &= has_str(e->workstations, e->nworkstations, rows[i].want[k]);
        for (k = 0; k < 2 && rows[i].not_[k]; k++)
            good &=
                !has_str(e->workstations, e->nworkstations, rows[i].not_[k]);
        if (!ok(good, "workstation row %zu: %s", i,
                rows[i].want[0] ? rows[i].want[0] : "no fragment"))
            dump(e);
        entities_free(e);
    }
}

/* A quote left open at a line's end is no brand reaching into the next
 * line (a facet value is one line). */
static void test_brand_on_one_line(void)
{
    struct entities *e = NULL;
    size_t i;
    int broken = 0;

    need(entities_extract("兰州市政协委员工作站开展活动",
                          "市政协开展“燃起来\n为确保“千名委员走基层”行动落地，"
                          "各级委员深入基层。",
                          NULL, tok, &e, NULL));
    for (i = 0; e && i < e->nbrands; i++)
        broken |= strchr(e->brands[i], '\n') != NULL;
    ok(e && !broken, "no brand holds a line break");
    ok(e && has_str(e->brands, e->nbrands, "千名委员走基层"),
       "the quote on the next line is still found");
    entities_free(e);
    need(entities_extract("兰州市政协委员工作站开展活动",
                          "市政协开展“燃起来\n为确保”行动，各级委员深入基层。",
                          NULL, tok, &e, NULL));
    for (i = 0, broken = 0; e && i < e->nbrands; i++)
        broken |= strchr(e->brands[i], '\n') != NULL;
    ok(e && !broken, "nor a quote pair around a line break");
    entities_free(e);
}

int main(void)
{
    const char *dir = getenv("LVZHI_CORPUS");

    if (!ok(tokenizer_new(&tok, NULL) == 0, "tokenizer_new"))
        return tap_done();
    test_seeds(dir ? dir : "corpus");
    test_places();
    test_sectors_and_studios();
    test_workstation_names();
    test_province_and_bare_sectors();
    test_source_city();
    test_brand_on_one_line();
    tokenizer_free(tok);
    return tap_done();
}
