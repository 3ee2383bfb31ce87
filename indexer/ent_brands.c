/*
 * ent_brands.c - activity brands (see ent_brands.h).
 */
#include "ent_brands.h"

#include <string.h>

#include "../common/strlist.h"
#include "ent_text.h"
#include "ent_workstations.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const brand_after[] = {
    "活动", "行动", "品牌", "工作法",   "协商", "平台",
    "系列", "专项", "工程", "计划",     "模式", "机制",
    "线上", "服务", "主题", "工作经验", "经验",
};

static const char *const brand_before[] = {
    "开展", "打造", "推出", "实施", "启动", "深化", "擦亮", "创新",
    "推进", "组织", "举办", "持续", "学习", "借鉴", "设立",
};

/* Numeric slogans: 三室一厅, 三站五室, 一站一室一点, 六个一, and dates
 * such as 七一. */
static int numeric_slogan(const char *s, size_t len)
{
    size_t i, numerals = 0;

    if (!strlist_prefix(s, ent_numerals, ent_nnumerals))
        return 0;
    /* 三室一厅, 六个一, 七一 count twice; 三亚有约 is a place's brand. */
    for (i = 0; i < ent_nnumerals; i++) {
        const char *p = s;

        while ((p = memmem(p, len - (size_t)(p - s), ent_numerals[i], 3))
               != NULL) {
            numerals++;
            p += 3;
        }
    }
    if (numerals < 2)
        return 0;
    return len <= 12 || ent_contains(s, len, "室") || ent_contains(s, len, "站")
           || ent_contains(s, len, "厅");
}

/* The CPPCC's own consultation brands, named as such with or without
 * quotes (让群众感受到“有事好商量”带来的变化). */
static const char *const known_brands[] = {
    "有事好商量",
    "院坝协商",
};

static int find_known(struct entities *e, const char *text)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < N(known_brands) && rc == 0; i++)
        if (strstr(text, known_brands[i]))
            rc = ent_push_unique(&e->brands, &e->nbrands, known_brands[i],
                                 strlen(known_brands[i]));
    return rc;
}

/*
 * A brand is a short quoted name that is not a workstation type or a
 * slogan, introduced by a verb such as 开展 / 打造 or followed by 活动,
 * 行动, 品牌 ...: “千名委员走基层”行动, 打造“委员码上见”.
 */
int ent_brands_find(struct entities *e, const char *text)
{
    const char *p = text, *last_brand_end = NULL, *clause;
    int rc = 0;

    while (rc == 0 && (p = strstr(p, "“")) != NULL) {
        const char *inner = p + 3, *q = strstr(inner, "”");
        size_t len, chars, k, i;
        int ok, quoted_type;

        if (!q)
            break;
        len = (size_t)(q - inner);
        /* A quote left open: the name starts at the last opening one. */
        for (k = 0; k + 3 <= len; k++)
            if (memcmp(inner + k, "“", 3) == 0)
                p = inner + k;
        if (p >= inner) {
            inner = p + 3;
            len = (size_t)(q - inner);
        }
        /* The verb must be in the quote's clause, at most 8 characters
         * before it (讲好“…”的故事 after 创新工作， is no programme). */
        clause = (size_t)(p - text) > 24 ? p - 24 : text;
        /* back from the quote to the punctuation that opens its clause:
         * a one-byte mark, or a three-byte one that starts a character */
        for (k = (size_t)(p - clause); k > 0; k--)
            if ((((unsigned char)clause[k - 1] & 0x80) == 0
                 && ent_stop_punct(clause + k - 1))
                || (k >= 3 && ((unsigned char)clause[k - 3] & 0xF0) == 0xE0
                    && ent_stop_punct(clause + k - 3))) {
                clause += k;
                break;
            }
        chars = ent_chars(inner, len);
        if (chars < 3 || chars > 16 || ent_contains(inner, len, "，")
            || ent_contains(inner, len, "。") || memchr(inner, '\n', len)
            || numeric_slogan(inner, len)) { /* (a name is on one line) */
            p = q;
            continue;
        }
        if (ent_workstation_named_at(q + 3)) {
            p = q; /* “宁红茶韵”委员工作室: the studio's name, not a brand */
            continue;
        }
        quoted_type = ent_workstation_head_in(inner, len);
        ok = strlist_prefix(q + 3, brand_after, N(brand_after));
        /* 打造了于都县“长征源”、瑞金市“红都议事”: a verb a place name
         * away, and the rest of a list of brands. */
        if (last_brand_end && p - last_brand_end <= 15
            && ent_contains(last_brand_end, (size_t)(p - last_brand_end), "、"))
            ok = 1;
        for (i = 0; i < N(brand_before) && !ok; i++)
            if (memmem(clause, (size_t)(p - clause), brand_before[i],
                       strlen(brand_before[i])))
                ok = 1;
        /* A quoted type is no brand, but for an activity named after
         * it: “委员议事厅”协商活动. */
        if (quoted_type && strncmp(q + 3, "协商", 6) == 0)
            quoted_type = 0;
        if (ok && !quoted_type) {
            rc = ent_push_unique(&e->brands, &e->nbrands, inner, len);
            last_brand_end = q + 3;
        }
        p = q;
    }
    return rc ? rc : find_known(e, text);
}
