/*
 * ent_workstations.c - workstations and studios by name (see
 * ent_workstations.h).
 */
#include "ent_workstations.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/err.h"
#include "../common/strlist.h"
#include "../text/tokens.h"
#include "ent_sectors.h"
#include "ent_text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ws_heads[] = {   /* longest first */
    "委员联系界别群众工作站", "委员联系专家个人工作站", "委员基层工作站",
    "界别委员工作室", "界别委员工作站", "政协委员工作室", "政协委员工作站",
    "委员工作站(室)", "委员工作站（室）", "委员工作室", "委员工作站",
    "委员联络站", "委员联络室", "委员联系点", "委员之家", "委员会客厅",
    "协商议事室", "协商议事厅", "委员活动室", "界别工作室",
};

/* Where growing a name leftwards stops. */
static const char *const ws_stops[] = {
    "成立", "打造", "建立", "依托", "设立", "建设", "组建", "参观", "走进",
    "来到", "通过", "发挥", "利用", "推动", "指导", "支持", "开展", "进入",
    "在", "是", "的", "了", "和", "与", "到", "为", "把", "将", "让", "等",
    "有", "对", "从", "由", "向", "访", "及", "即", "如", "提升", "深化",
    "持续", "推进", "包括", "例如", "比如", "加强", "完善", "建成", "新建",
    "共建", "已建", "挂牌", "揭牌", "围绕", "交流", "考察", "观摩", "调研",
    "走访", "前往", "聚焦", "召开", "举办", "参加", "出席", "深入", "用好",
    "用活", "培育", "规范", "强化", "助力", "带领", "学习", "借鉴", "擦亮",
    "继续", "筹建", "组织", "积极", "着力", "不断", "正在", "先后", "分别",
    /* one-character verbs and adverbs that no place or person name here
     * contains (都, 和 ... would cut 成都, 和平) */
    "继", "赴", "还", "也", "并", "又", "要",
};

static const char *const ws_collective[] = {
    "个", "各", "一批", "一个个", "示范性", "首家", "首个", "市级", "综合",
    "片区", "全市", "全县", "全区", "多个", "这些", "该", "此",
};

static const char *const ws_not_after[] = {
    "主题活动", "接待日", "建设的", "》", "实施方案", "”", "建设指导",
};

struct word_probe {
    size_t start, len;   /* the character looked for, in the window */
    int alone;
};

static int probe_word(const struct token *t, void *ctx)
{
    struct word_probe *w = ctx;

    if (t->kind != TOKEN_WORD)
        return 1;   /* words come first: done */
    if (t->start <= w->start && t->start + t->len > w->start) {
        w->alone = t->start == w->start && t->len == w->len;
        return 1;
    }
    return 0;
}

/* Is the character text[at..at+len) a word of its own in the words ICU
 * finds from up to 12 characters before it to `end`?  Without ICU, yes. */
static int stands_alone(struct tokenizer *t, const char *text, size_t at,
                        size_t len, size_t end)
{
    struct word_probe w = { 0, len, 1 };
    size_t from = at, k;

    for (k = 0; k < 12 && from > 0; k++)
        from -= ent_prev_char_len(text, from);
    w.start = at - from;
    if (t)
        tokenizer_run(t, text + from, end - from, probe_word, &w, NULL);
    return w.alone;
}

/* Does a stop word end at `start` (the name cannot grow over it)? */
static int stop_before(struct tokenizer *tok, const char *text, size_t start,
                       size_t end)
{
    size_t i;

    /* Function words stop a name even where ICU joins them to a
     * neighbour (小小的, 等地, 于是). */
    static const char *const always[] = { "的", "了", "等", "是", "在" };

    for (i = 0; i < N(ws_stops); i++)
        if (ent_ends_with(text, start, ws_stops[i]))
            return strlen(ws_stops[i]) > 3
                   || strlist_equals(ws_stops[i], always, N(always))
                   || stands_alone(tok, text, start - 3, 3, end);
    return 0;
}

/* Grow a name leftwards from the head at `at`; returns the start. */
static size_t grow_left(struct tokenizer *tok, const char *text, size_t at,
                        int allow_enum)
{
    size_t start = at, chars = 0;

    while (start > 0 && chars < 24) {
        size_t pl = ent_prev_char_len(text, start);
        const char *c = text + start - pl;

        if (strncmp(c, "”", 3) == 0) {
            /* Take the whole quoted span: back to its opening quote. */
            size_t q = start - pl;

            while (q >= 3 && strncmp(text + q - 3, "“", 3) != 0)
                q -= ent_prev_char_len(text, q);
            if (q < 3)
                break;
            start = q - 3;
            chars += 4;
            continue;
        }
        if (strncmp(c, "、", 3) == 0 && allow_enum) {
            /* Only a list of sectors shares the head (民建、社会科学、科协
             * 界别委员工作室); other lists are separate names. */
            size_t sl;

            if (!ent_sector_stem_before(text, start - pl, &sl))
                break;
            start -= pl + sl;
            chars += 1 + sl / 3;
            continue;
        }
        if (allow_enum) {
            /* A sector name may contain a stop word (共青团和青联). */
            size_t sl;

            if (ent_sector_stem_before(text, start, &sl) && sl > pl) {
                start -= sl;
                chars += sl / 3;
                continue;
            }
        }
        if (ent_stop_punct(c) || strncmp(c, "“", 3) == 0
            || stop_before(tok, text, start, at))
            break;
        if (pl == 1 && (c[0] >= '0' && c[0] <= '9'))
            break;
        start -= pl;
        chars++;
    }
    return start;
}

static const char *const admin_suffixes[] = {
    "市", "县", "区", "州", "旗", "盟", "省",
};

/* Owner prefix (兰州市政协, 市政协, 县政协, 政协 ...) at the start of s. */
static size_t owner_len(const char *s, size_t len)
{
    const char *p = s, *end = s + len, *zx = NULL;

    /* the first 政协 within the first 8 characters, with no quoted
     * brand before it (“侨心汇”政协委员会客厅 has no owner) */
    for (; p + 6 <= end && p - s < 27; p++) {
        if (strncmp(p, "“", 3) == 0)
            return 0;
        if (strncmp(p, "政协", 6) == 0) {
            zx = p;
            break;
        }
    }
    if (!zx)
        return 0;
    /* Only a division's 政协 owns: 公园街道政协委员联络站 is a name. */
    if (zx > s && !strlist_suffix_at(s, (size_t)(zx - s), admin_suffixes,
                                     N(admin_suffixes)))
        return 0;
    return (size_t)(zx - s) + 6;
}

/*
 * Add the name mod[olen..modlen) + head, owned by mod[0..olen) (an owner
 * prefix such as 兰州市政协; a bare 市政协 is the article's primary city),
 * with its identity key "city·name".
 */
static int add_workstation(struct entities *e, const char *mod, size_t olen,
                           size_t modlen, const char *head)
{
    const char *primary = e->ncities ? e->cities[0].name : "";
    struct buf name = BUF_INIT, key = BUF_INIT;
    int rc = 0;

    buf_add(&name, mod + olen, modlen - olen);
    buf_addstr(&name, head);
    if (olen > 6 && strncmp(mod, "市政协", 9) != 0
        && strncmp(mod, "县政协", 9) != 0 && strncmp(mod, "区政协", 9) != 0)
        buf_add(&key, mod, olen - 6);
    else
        buf_addstr(&key, primary);
    buf_addstr(&key, "·");
    buf_addstr(&key, name.data);
    if (!name.data || !key.data) {
        rc = LV_ENOMEM;
    } else {
        size_t before = e->nworkstations;

        rc = ent_push_unique(&e->workstations, &e->nworkstations, name.data,
                      name.len);
        if (rc == 0 && e->nworkstations > before) {
            char **nk = realloc(e->workstation_keys,
                                e->nworkstations * sizeof(*nk));

            if (!nk) {
                rc = LV_ENOMEM;
            } else {
                e->workstation_keys = nk;
                nk[before] = buf_take(&key, NULL);
            }
        }
    }
    buf_release(&name);
    buf_release(&key);
    return rc;
}

/*
 * 周建华、刘芳等委员工作室 is two studios: every item of the 、-list before
 * 等 (at `at`) gets the head.  Items are 2 to 12 characters between
 * punctuation or stop words; a list that is not all such items (or holds
 * a count) names nothing.
 */
static int add_listed(struct entities *e, struct tokenizer *tok,
                      const char *text, size_t at, const char *head)
{
    size_t ends[8], starts[8], n = 0, end = at, i;
    int rc = 0;

    while (n < 8) {
        size_t b = grow_left(tok, text, end, 0), chars = 0, k;

        for (k = b; k < end; k++)
            chars += ((unsigned char)text[k] & 0xC0) != 0x80;
        if (chars < 2 || chars > 12)
            return 0;
        for (k = 0; k < N(ws_collective); k++)
            if (ent_contains(text + b, end - b, ws_collective[k]))
                return 0;
        starts[n] = b;
        ends[n++] = end;
        if (!ent_ends_with(text, b, "、"))
            break;
        end = b - 3;
    }
    if (n < 2)
        return 0;
    for (i = 0; i < n && rc == 0; i++)
        rc = add_workstation(e, text + starts[i], 0, ends[i] - starts[i],
                             head);
    return rc;
}

int ent_workstations_find(struct entities *e, const char *text,
                          struct tokenizer *tok)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < N(ws_heads) && rc == 0; i++) {
        const char *p = text;
        size_t hl = strlen(ws_heads[i]);

        while (rc == 0 && (p = strstr(p, ws_heads[i])) != NULL) {
            size_t at = (size_t)(p - text), start, olen, j;
            const char *mod, *after = p + hl;
            int collective = 0, inside_longer = 0;

            p += hl;
            /* Part of a longer head (委员工作室 inside 界别委员工作室):
             * compare in place, where the longer head would start. */
            for (j = 0; j < i && !inside_longer; j++) {
                const char *in = strstr(ws_heads[j], ws_heads[i]);
                size_t o = in ? (size_t)(in - ws_heads[j]) : 0;

                if (in && at >= o
                    && strncmp(text + at - o, ws_heads[j],
                               strlen(ws_heads[j])) == 0)
                    inside_longer = 1;
            }
            if (inside_longer || strlist_prefix(after, ws_not_after,
                                            N(ws_not_after)))
                continue;
            if (ent_ends_with(text, at, "等")) {
                rc = add_listed(e, tok, text, at - 3, ws_heads[i]);
                continue;
            }
            start = grow_left(tok, text, at, strstr(ws_heads[i], "界别") != NULL);
            mod = text + start;
            olen = owner_len(mod, at - start);
            for (j = 0; j < N(ws_collective); j++)
                if (ent_ends_with(text, at, ws_collective[j])
                    || strncmp(mod + olen, ws_collective[j],
                               strlen(ws_collective[j])) == 0)
                    collective = 1;
            /* An enumeration sharing the head after a count:
             * 126个乡镇(街道)、企事业单位委员工作站. */
            if (start >= 3 && strncmp(text + start - 3, "、", 3) == 0
                && memmem(text + (start > 60 ? start - 60 : 0),
                          start > 60 ? 60 : start, "个", 3))
                collective = 1;
            if (collective || at - start - olen < 6)
                continue;   /* bare, counted or collective: not a name */
            rc = add_workstation(e, mod, olen, at - start, ws_heads[i]);
        }
    }
    return rc;
}

int ent_workstation_head_in(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < N(ws_heads); i++)
        if (ent_contains(s, len, ws_heads[i]))
            return 1;
    return 0;
}

int ent_workstation_named_at(const char *s)
{
    size_t i;

    if (strncmp(s, "政协", 6) == 0)
        s += 6;
    for (i = 0; i < N(ws_heads); i++)
        if (strncmp(s, ws_heads[i], strlen(ws_heads[i])) == 0)
            return !strlist_prefix(s + strlen(ws_heads[i]), ws_not_after,
                                   N(ws_not_after));
    return 0;
}
