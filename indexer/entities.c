/*
 * entities.c - places, municipalities, sectors, workstations and brands
 * (see entities.h).
 *
 * Places are found in one left-to-right pass over the simplified text
 * with a byte trie of every full name, alias and short form (built once);
 * the longest name starting at each position wins, so 昭通市 is never read
 * as 通市.  Short forms are then admitted only by the rules of the domain
 * notes: province and prefecture short forms unless they collide, county
 * short forms only when their prefecture is named in the same article.
 */
#include "entities.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/strlist.h"
#include "../text/norm.h"
#include "../text/tokens.h"
#include "../text/utf8.h"
#include "../common/sectors.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_MATCHES 4096

/* ---- the place trie --------------------------------------------------- */

enum name_kind {
    KIND_FULL = 0,        /* full name or abbreviated full name */
    KIND_SHORT_TOP = 1,   /* province / prefecture short form */
    KIND_SHORT_COUNTY = 2 /* county short form: needs an anchor */
};

struct payload {
    uint32_t row;
    uint8_t kind;
    int32_t next;    /* next payload of the same node, -1 */
};

struct node {
    int32_t child, sibling, payload;   /* -1 when none */
    unsigned char byte;
};

static struct node *nodes;
static size_t nnodes, capnodes;
static struct payload *payloads;
static size_t npayloads, cappayloads;
static int trie_status;
static pthread_once_t trie_once = PTHREAD_ONCE_INIT;

/* Short forms that must not stand alone (domain notes, admin_divisions §6). */
static const char *const short_collisions[] = {
    "大同", "兴安", "朝阳", "吉林", "中山", "资阳", "西安", "甘南", "海南",
    "河北", "河南",
};

/* County short forms that are ordinary words. */
static const char *const ordinary_words[] = {
    "资源", "合作", "比如", "南部", "公安", "通道", "共和", "友谊", "平安",
    "光明", "解放", "前进", "东方", "中方", "大方", "富裕", "延长", "万年",
    "长子", "武功", "红旗", "振兴", "复兴", "互助", "城区", "郊区", "市中",
    "城中", "城关", "新华", "和平", "白云", "青山", "长安", "普陀", "江北",
};

/* What may follow a county short form to make it a place (政协, 街道 ...). */
static const char *const institution_heads[] = {
    "政协", "区委", "县委", "市委", "人民政府", "区政协", "县政协", "街道",
    "镇", "乡", "县", "区",
};

/* What after a short form shows it is part of another name. */
static const char *const not_place_after[] = {
    "路", "大学", "学院", "特色", "中学", "小学", "二小", "一中", "医院",
    "公司", "集团", "银行", "机场", "大道", "大街", "宾馆", "饭店", "商场",
};

/* What after a province or prefecture short form makes it a street's,
 * a township's or a community's name (桂林街道 in 长春, 兰州湾镇,
 * 鞍山道街道): the head itself or up to two characters before it. */
static const char *const street_heads[] = {
    "街道", "社区", "大街", "镇", "乡", "村",
};

static int township_name(const char *after)
{
    size_t k;

    for (k = 0; k <= 2; k++) {
        if (strlist_prefix(after, street_heads, N(street_heads)))
            return 1;
        if (((unsigned char)*after & 0xF0) != 0xE0)
            return 0;   /* not a Han character: no name goes on */
        after += 3;
    }
    return 0;
}

static int32_t new_node(unsigned char byte)
{
    if (nnodes == capnodes) {
        size_t cap = capnodes ? capnodes * 2 : 65536;
        struct node *n = realloc(nodes, cap * sizeof(*n));

        if (!n)
            return -1;
        nodes = n;
        capnodes = cap;
    }
    nodes[nnodes].child = nodes[nnodes].sibling = nodes[nnodes].payload = -1;
    nodes[nnodes].byte = byte;
    return (int32_t)nnodes++;
}

static int trie_add(const char *name, uint32_t row, int kind)
{
    int32_t cur = 0;
    const unsigned char *p = (const unsigned char *)name;

    for (; *p; p++) {
        int32_t c = nodes[cur].child, prev = -1;

        while (c >= 0 && nodes[c].byte != *p) {
            prev = c;
            c = nodes[c].sibling;
        }
        if (c < 0) {
            c = new_node(*p);
            if (c < 0)
                return LV_ENOMEM;
            if (prev >= 0)
                nodes[prev].sibling = c;
            else
                nodes[cur].child = c;
        }
        cur = c;
    }
    if (npayloads == cappayloads) {
        size_t cap = cappayloads ? cappayloads * 2 : 8192;
        struct payload *pl = realloc(payloads, cap * sizeof(*pl));

        if (!pl)
            return LV_ENOMEM;
        payloads = pl;
        cappayloads = cap;
    }
    payloads[npayloads].row = row;
    payloads[npayloads].kind = (uint8_t)kind;
    payloads[npayloads].next = nodes[cur].payload;
    nodes[cur].payload = (int32_t)npayloads++;
    return 0;
}

static size_t count_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static void trie_build(void)
{
    uint32_t i;

    if (new_node(0) < 0) {
        trie_status = LV_ENOMEM;
        return;
    }
    for (i = 0; i < gazetteer_nrows && trie_status == 0; i++) {
        const struct gaz_row *r = &gazetteer_rows[i];
        const char *s = r->short_form;

        trie_status = trie_add(r->full, i, KIND_FULL);
        if (trie_status == 0 && r->alias[0])
            trie_status = trie_add(r->alias, i, KIND_FULL);
        if (trie_status || count_chars(s) < 2 || strcmp(s, r->full) == 0)
            continue;
        if (r->level != GAZ_COUNTY) {
            if (!strlist_equals(s, short_collisions, N(short_collisions)))
                trie_status = trie_add(s, i, KIND_SHORT_TOP);
        } else {
            trie_status = trie_add(s, i, KIND_SHORT_COUNTY);
        }
    }
}

/* Longest name starting at s: its length and node, or 0. */
static size_t trie_longest(const char *s, int32_t *node)
{
    const unsigned char *p = (const unsigned char *)s;
    int32_t cur = 0;
    size_t best = 0, i;

    for (i = 0; p[i]; i++) {
        int32_t c = nodes[cur].child;

        while (c >= 0 && nodes[c].byte != p[i])
            c = nodes[c].sibling;
        if (c < 0)
            break;
        cur = c;
        /* Only at a character boundary can a name end. */
        if (nodes[cur].payload >= 0 && (p[i + 1] & 0xC0) != 0x80) {
            best = i + 1;
            *node = cur;
        }
    }
    return best;
}

/* ---- helpers ---------------------------------------------------------- */

char *entities_simplify(const char *s)
{
    size_t len = strlen(s), i = 0;
    struct buf b = BUF_INIT;

    if (buf_grow(&b, len) < 0)
        return NULL;
    while (i < len) {
        unsigned cp;
        char enc[4];
        size_t n = utf8_decode(s + i, len - i, &cp), k;

        k = utf8_encode(norm_t2s(cp), enc);
        if (buf_add(&b, enc, k) < 0) {
            buf_release(&b);
            return NULL;
        }
        i += n;
    }
    return buf_take(&b, NULL);
}

static int push_str(char ***v, size_t *n, const char *s, size_t len)
{
    char **nv;
    size_t i;

    for (i = 0; i < *n; i++)
        if (strlen((*v)[i]) == len && memcmp((*v)[i], s, len) == 0)
            return 0;
    nv = realloc(*v, (*n + 1) * sizeof(*nv));
    if (!nv)
        return LV_ENOMEM;
    *v = nv;
    nv[*n] = strndup(s, len);
    if (!nv[*n])
        return LV_ENOMEM;
    (*n)++;
    return 0;
}

/* Bytes of the character before position at (0 at the start). */
static size_t prev_char_len(const char *s, size_t at)
{
    size_t i = at;

    if (at == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return at - i;
}

static int ends_with_at(const char *s, size_t at, const char *w)
{
    size_t n = strlen(w);

    return at >= n && memcmp(s + at - n, w, n) == 0;
}

static int contains_n(const char *s, size_t len, const char *w)
{
    return memmem(s, len, w, strlen(w)) != NULL;
}

/* ---- places and cities ------------------------------------------------ */

struct match {
    size_t start, end;
    int32_t node;
    int in_title;
};

struct scan {
    struct match m[MAX_MATCHES];
    size_t n;
};

static void scan_places(const char *text, int in_title, struct scan *sc)
{
    size_t i = 0;

    while (text[i] && sc->n < MAX_MATCHES) {
        int32_t node;
        size_t len = trie_longest(text + i, &node);

        if (len) {
            sc->m[sc->n].start = i;
            sc->m[sc->n].end = i + len;
            sc->m[sc->n].node = node;
            sc->m[sc->n].in_title = in_title;
            sc->n++;
            i += len;
            continue;
        }
        i++;
        while (((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
    }
}

/* The city a place rolls up to: a prefecture itself, a county's parent,
 * a municipality (北京市 ...) itself; NULL when there is none. */
static const char *city_of(const struct gaz_row *r)
{
    if (r->level == GAZ_PREFECTURE)
        return r->full;
    if (r->level == GAZ_COUNTY)
        return r->parent_city[0] ? r->parent_city : NULL;
    if (strcmp(r->full + strlen(r->full) - 3, "市") == 0)
        return r->full;   /* municipality */
    return NULL;
}

static const struct gaz_row *row_of(uint32_t i)
{
    return &gazetteer_rows[i];
}

/* Is `name` (a prefecture, municipality or province) named by a full name
 * or a top-level short form in this article? */
static int anchored(const struct scan *sc, const char *text,
                    const char *name)
{
    size_t i;

    if (!name || !*name)
        return 0;
    for (i = 0; i < sc->n; i++) {
        int32_t p;

        (void)text;
        for (p = nodes[sc->m[i].node].payload; p >= 0; p = payloads[p].next)
            if (payloads[p].kind != KIND_SHORT_COUNTY
                && strcmp(row_of(payloads[p].row)->full, name) == 0)
                return 1;
    }
    return 0;
}

static int add_place(struct entities *e, const struct gaz_row *r)
{
    size_t i;
    struct entity_place *np;

    for (i = 0; i < e->nplaces; i++)
        if (e->places[i].row == r) {
            e->places[i].mentions++;
            return 0;
        }
    np = realloc(e->places, (e->nplaces + 1) * sizeof(*np));
    if (!np)
        return LV_ENOMEM;
    e->places = np;
    np[e->nplaces].row = r;
    np[e->nplaces].mentions = 1;
    e->nplaces++;
    return 0;
}

/*
 * Decide which row a match stands for, by the rules of the domain notes;
 * NULL when it stands for none (or is ambiguous: *ambiguous set).
 */
static const struct gaz_row *resolve(const struct scan *sc, const char *text,
                                     const struct match *m, int *ambiguous)
{
    const struct gaz_row *pick = NULL;
    int32_t p;
    int nfull = 0, ntop = 0, ncounty = 0, nanch = 0;
    const char *after = text + m->end;

    *ambiguous = 0;
    for (p = nodes[m->node].payload; p >= 0; p = payloads[p].next) {
        if (payloads[p].kind == KIND_FULL)
            nfull++;
        else if (payloads[p].kind == KIND_SHORT_TOP)
            ntop++;
        else
            ncounty++;
    }
    if (nfull) {
        /* A full name; a shared county name needs its prefecture named. */
        for (p = nodes[m->node].payload; p >= 0; p = payloads[p].next) {
            const struct gaz_row *r = row_of(payloads[p].row);

            if (payloads[p].kind != KIND_FULL)
                continue;
            if (nfull == 1)
                return r;
            if (anchored(sc, text, r->parent_city[0] ? r->parent_city
                                                     : r->province)) {
                pick = r;
                nanch++;
            }
        }
        if (nanch == 1)
            return pick;
        *ambiguous = 1;
        return NULL;
    }
    if (strlist_prefix(after, not_place_after, N(not_place_after)))
        return NULL;   /* 酒泉路, 西北民族大学, 新疆特色 */
    if (ntop) {
        /* 桂林街道 in 长春 is a street named after the city, not 桂林市
         * (county short forms before 街道 are the domain's exception). */
        if (township_name(after))
            return NULL;
        /* Prefer a prefecture to a province of the same short form. */
        for (p = nodes[m->node].payload; p >= 0; p = payloads[p].next)
            if (payloads[p].kind == KIND_SHORT_TOP
                && (!pick || row_of(payloads[p].row)->level == GAZ_PREFECTURE))
                pick = row_of(payloads[p].row);
        return pick;
    }
    /* County short form: anchored, unique in its anchor, and not an
     * ordinary word unless an institution or a list follows. */
    for (p = nodes[m->node].payload; p >= 0; p = payloads[p].next) {
        const struct gaz_row *r = row_of(payloads[p].row);

        if (anchored(sc, text, r->parent_city[0] ? r->parent_city
                                                 : r->province)) {
            pick = r;
            nanch++;
        }
    }
    if (nanch != 1)
        return NULL;
    if (strlist_equals(pick->short_form, ordinary_words, N(ordinary_words))
        && !strlist_prefix(after, institution_heads, N(institution_heads))
        && strncmp(after, "、", 3) != 0)
        return NULL;
    return pick;
}

static int add_city_score(struct entities *e, const char *name,
                          const char *province, double score)
{
    size_t i;
    struct entity_city *nc;

    for (i = 0; i < e->ncities; i++)
        if (strcmp(e->cities[i].name, name) == 0) {
            e->cities[i].score += score;
            return 0;
        }
    nc = realloc(e->cities, (e->ncities + 1) * sizeof(*nc));
    if (!nc)
        return LV_ENOMEM;
    e->cities = nc;
    nc[e->ncities].name = name;
    nc[e->ncities].province = province;
    nc[e->ncities].role = CITY_MENTIONED;
    nc[e->ncities].score = score;
    e->ncities++;
    return 0;
}

static int cmp_city(const void *a, const void *b)
{
    const struct entity_city *x = a, *y = b;

    return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/*
 * No city in the text, but the byline names one by its full name
 * (来源:揭阳市政协办公室): the publisher's city is the practice's.  Full
 * names only: a short form (吉林) may be a province too.
 */
static int city_from_source(struct entities *e, const char *source)
{
    unsigned i;

    for (i = 0; i < gazetteer_nrows; i++) {
        const struct gaz_row *r = &gazetteer_rows[i];

        if (r->level == GAZ_PREFECTURE && strstr(source, r->full))
            return add_city_score(e, r->full, r->province, 3);
    }
    return 0;
}

/*
 * Weigh each city: a mention counts 1 (a county's counts half for its
 * city), a mention in the title 8, an owner such as 昭通市政协 or
 * 政协昆明市委员会 4, the source naming the city 3.  The best is the
 * primary municipality; others with two points or more (named twice, or
 * once as an owner) are secondary: visited, compared, co-organising.
 */
static int weigh_cities(struct entities *e, const struct scan *sc,
                        const char *body, const char *title,
                        const char *source)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < sc->n && rc == 0; i++) {
        const struct match *m = &sc->m[i];
        const char *text = m->in_title ? title : body;
        const struct gaz_row *r;
        const char *city;
        double w;
        int amb;

        r = resolve(sc, text, m, &amb);
        if (!r) {
            if (amb && !m->in_title)
                rc = push_str(&e->unresolved, &e->nunresolved,
                              text + m->start, m->end - m->start);
            continue;
        }
        if (!m->in_title)
            rc = add_place(e, r);
        city = city_of(r);
        if (!city || rc < 0)
            continue;
        w = r->level == GAZ_COUNTY ? 0.5 : 1.0;
        if (m->in_title)
            w *= 8;
        if (strncmp(text + m->end, "政协", 6) == 0
            || strncmp(text + m->end, "市政协", 9) == 0
            || ends_with_at(text, m->start, "政协"))
            w += r->level == GAZ_COUNTY ? 1 : 4;
        rc = add_city_score(e, city, r->province, w);
    }
    for (i = 0; i < e->ncities && source; i++) {
        const struct gaz_row *r = gaz_find(e->cities[i].name, GAZ_PREFECTURE);

        if (r && strstr(source, r->short_form))
            e->cities[i].score += 3;
    }
    if (rc == 0 && e->ncities == 0 && source)
        rc = city_from_source(e, source);
    if (e->ncities == 0)
        return rc;
    qsort(e->cities, e->ncities, sizeof(*e->cities), cmp_city);
    e->cities[0].role = CITY_PRIMARY;
    for (i = 1; i < e->ncities; i++)
        if (e->cities[i].score >= 2)
            e->cities[i].role = CITY_SECONDARY;
    return rc;
}

/* ---- sectors ---------------------------------------------------------- */

/* The longest sector stem that ends exactly at `at`, or NULL. */
static const struct sector_stem *stem_before(const char *s, size_t at,
                                             size_t *len)
{
    unsigned i;

    for (i = 0; i < sector_nstems; i++)   /* longest first */
        if (ends_with_at(s, at, sector_stems[i].stem)) {
            *len = strlen(sector_stems[i].stem);
            return &sector_stems[i];
        }
    return NULL;
}

static int add_sector(struct entities *e, const struct sector_stem *st)
{
    size_t i, k;

    for (k = 0; k < 2 && st->canonical[k][0]; k++) {
        const char **ns;

        for (i = 0; i < e->nsectors; i++)
            if (strcmp(e->sectors[i], st->canonical[k]) == 0)
                break;
        if (i < e->nsectors)
            continue;
        ns = realloc(e->sectors, (e->nsectors + 1) * sizeof(*ns));
        if (!ns)
            return LV_ENOMEM;
        e->sectors = ns;
        ns[e->nsectors++] = st->canonical[k];
    }
    return 0;
}

/*
 * Every 界 preceded by a stem names a sector; walking left over 、 和 及
 * collects the rest of an enumeration that shares the suffix
 * (民建、社会科学、科协界别 is three sectors).
 */
static int find_sectors(struct entities *e, const char *text)
{
    static const char *const seps[] = { "、", "和", "及", "与" };
    const char *p = text;
    int rc = 0;

    while (rc == 0 && (p = strstr(p, "界")) != NULL) {
        size_t at = (size_t)(p - text), len;
        const struct sector_stem *st;

        /* 经济、科技等界别: the list ends before 等 */
        if (ends_with_at(text, at, "等"))
            at -= 3;
        st = stem_before(text, at, &len);
        while (st && rc == 0) {
            size_t i;

            rc = add_sector(e, st);
            at -= len;
            st = NULL;
            for (i = 0; i < N(seps); i++)
                if (ends_with_at(text, at, seps[i])) {
                    st = stem_before(text, at - strlen(seps[i]), &len);
                    if (st)
                        at -= strlen(seps[i]);
                    break;
                }
        }
        p += 3;
    }
    return rc;
}

/* ---- workstations ----------------------------------------------------- */

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

static int is_stop_punct(const char *s)
{
    static const char *const punct[] = {
        "，", "。", "；", "：", "！", "？", "（", "）", "《", "》", "、", ",",
        ".", ";", ":", "!", "?", "(", ")", " ", "\n", "‘", "’", "—", "…",
    };

    return strlist_prefix(s, punct, N(punct));
}

/*
 * One ICU tokenizer per thread, for telling a one-character stop word
 * that stands alone (继谈固街道: 继) from the same character inside a
 * word (自由路, 向阳区, 和平街道: 由, 向, 和).
 */
static pthread_key_t tok_key;
static pthread_once_t tok_once = PTHREAD_ONCE_INIT;

static void tok_destroy(void *t)
{
    tokenizer_free(t);
}

static void tok_key_make(void)
{
    pthread_key_create(&tok_key, tok_destroy);
}

static struct tokenizer *thread_tokenizer(void)
{
    struct tokenizer *t;

    pthread_once(&tok_once, tok_key_make);
    t = pthread_getspecific(tok_key);
    if (!t && tokenizer_new(&t, NULL) == 0)
        pthread_setspecific(tok_key, t);
    return t;
}

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
static int stands_alone(const char *text, size_t at, size_t len, size_t end)
{
    struct tokenizer *t = thread_tokenizer();
    struct word_probe w = { 0, len, 1 };
    size_t from = at, k;

    for (k = 0; k < 12 && from > 0; k++)
        from -= prev_char_len(text, from);
    w.start = at - from;
    if (t)
        tokenizer_run(t, text + from, end - from, probe_word, &w, NULL);
    return w.alone;
}

/* Does a stop word end at `start` (the name cannot grow over it)? */
static int stop_before(const char *text, size_t start, size_t end)
{
    size_t i;

    /* Function words stop a name even where ICU joins them to a
     * neighbour (小小的, 等地, 于是). */
    static const char *const always[] = { "的", "了", "等", "是", "在" };

    for (i = 0; i < N(ws_stops); i++)
        if (ends_with_at(text, start, ws_stops[i]))
            return strlen(ws_stops[i]) > 3
                   || strlist_equals(ws_stops[i], always, N(always))
                   || stands_alone(text, start - 3, 3, end);
    return 0;
}

/* Grow a name leftwards from the head at `at`; returns the start. */
static size_t grow_left(const char *text, size_t at, int allow_enum)
{
    size_t start = at, chars = 0;

    while (start > 0 && chars < 24) {
        size_t pl = prev_char_len(text, start);
        const char *c = text + start - pl;

        if (strncmp(c, "”", 3) == 0) {
            /* Take the whole quoted span: back to its opening quote. */
            size_t q = start - pl;

            while (q >= 3 && strncmp(text + q - 3, "“", 3) != 0)
                q -= prev_char_len(text, q);
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

            if (!stem_before(text, start - pl, &sl))
                break;
            start -= pl + sl;
            chars += 1 + sl / 3;
            continue;
        }
        if (allow_enum) {
            /* A sector name may contain a stop word (共青团和青联). */
            size_t sl;

            if (stem_before(text, start, &sl) && sl > pl) {
                start -= sl;
                chars += sl / 3;
                continue;
            }
        }
        if (is_stop_punct(c) || strncmp(c, "“", 3) == 0
            || stop_before(text, start, at))
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

        rc = push_str(&e->workstations, &e->nworkstations, name.data,
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
static int add_listed(struct entities *e, const char *text, size_t at,
                      const char *head)
{
    size_t ends[8], starts[8], n = 0, end = at, i;
    int rc = 0;

    while (n < 8) {
        size_t b = grow_left(text, end, 0), chars = 0, k;

        for (k = b; k < end; k++)
            chars += ((unsigned char)text[k] & 0xC0) != 0x80;
        if (chars < 2 || chars > 12)
            return 0;
        for (k = 0; k < N(ws_collective); k++)
            if (contains_n(text + b, end - b, ws_collective[k]))
                return 0;
        starts[n] = b;
        ends[n++] = end;
        if (!ends_with_at(text, b, "、"))
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

static int find_workstations(struct entities *e, const char *text)
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
            if (ends_with_at(text, at, "等")) {
                rc = add_listed(e, text, at - 3, ws_heads[i]);
                continue;
            }
            start = grow_left(text, at, strstr(ws_heads[i], "界别") != NULL);
            mod = text + start;
            olen = owner_len(mod, at - start);
            for (j = 0; j < N(ws_collective); j++)
                if (ends_with_at(text, at, ws_collective[j])
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

/* ---- brands ----------------------------------------------------------- */

static const char *const brand_after[] = {
    "活动", "行动", "品牌", "工作法", "协商", "平台", "系列", "专项", "工程",
    "计划", "模式", "机制", "线上", "服务", "主题", "工作经验", "经验",
};

static const char *const brand_before[] = {
    "开展", "打造", "推出", "实施", "启动", "深化", "擦亮", "创新", "推进",
    "组织", "举办", "持续", "学习", "借鉴", "设立",
};

/* Numeric slogans: 三室一厅, 三站五室, 一站一室一点, 六个一, and dates
 * such as 七一. */
static int numeric_slogan(const char *s, size_t len)
{
    static const char *const nums[] = {
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两",
    };

    size_t i, numerals = 0;

    if (!strlist_prefix(s, nums, N(nums)))
        return 0;
    /* 三室一厅, 六个一, 七一 count twice; 三亚有约 is a place's brand. */
    for (i = 0; i < N(nums); i++) {
        const char *p = s;

        while ((p = memmem(p, len - (size_t)(p - s), nums[i], 3)) != NULL) {
            numerals++;
            p += 3;
        }
    }
    if (numerals < 2)
        return 0;
    return len <= 12 || contains_n(s, len, "室") || contains_n(s, len, "站")
        || contains_n(s, len, "厅");
}

/* Does a workstation head start here (after an optional 政协), as a
 * name and not inside an event (“…”委员工作室主题活动)? */
static int names_studio(const char *s)
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

/*
 * A brand is a short quoted name that is not a workstation type or a
 * slogan, introduced by a verb such as 开展 / 打造 or followed by 活动,
 * 行动, 品牌 ...: “千名委员走基层”行动, 打造“委员码上见”.
 */
static int find_brands(struct entities *e, const char *text)
{
    const char *p = text, *last_brand_end = NULL, *clause;
    int rc = 0;

    while (rc == 0 && (p = strstr(p, "“")) != NULL) {
        const char *inner = p + 3, *q = strstr(inner, "”");
        size_t len, chars = 0, k, i;
        int ok;

        if (!q)
            break;
        len = (size_t)(q - inner);
        /* The verb must be in the quote's clause, at most 8 characters
         * before it (讲好“…”的故事 after 创新工作， is no programme). */
        clause = (size_t)(p - text) > 24 ? p - 24 : text;
        for (k = (size_t)(p - clause); k > 0; k--)
            if (is_stop_punct(clause + k - 1)
                || (k >= 3 && is_stop_punct(clause + k - 3))) {
                clause += k;
                break;
            }
        for (k = 0; k < len; k++)
            if (((unsigned char)inner[k] & 0xC0) != 0x80)
                chars++;
        if (chars < 3 || chars > 16 || contains_n(inner, len, "，")
            || contains_n(inner, len, "。") || numeric_slogan(inner, len)) {
            p = q;
            continue;
        }
        for (i = 0; i < N(ws_heads); i++)
            if (contains_n(inner, len, ws_heads[i]))
                break;
        if (names_studio(q + 3)) {
            p = q;   /* “宁红茶韵”委员工作室: the studio's name, not a brand */
            continue;
        }
        ok = i == N(ws_heads)
             && strlist_prefix(q + 3, brand_after, N(brand_after));
        /* 打造了于都县“长征源”、瑞金市“红都议事”: a verb a place name
         * away, and the rest of a list of brands. */
        if (last_brand_end && p - last_brand_end <= 15
            && contains_n(last_brand_end, (size_t)(p - last_brand_end), "、"))
            ok = 1;
        for (i = 0; i < N(brand_before) && !ok; i++)
            if (memmem(clause, (size_t)(p - clause), brand_before[i],
                       strlen(brand_before[i])))
                ok = 1;
        for (i = 0; i < N(ws_heads) && ok; i++)
            if (contains_n(inner, len, ws_heads[i]))
                ok = 0;   /* a quoted workstation type, not a brand */
        if (ok) {
            rc = push_str(&e->brands, &e->nbrands, inner, len);
            last_brand_end = q + 3;
        }
        p = q;
    }
    return rc;
}

/* ---- the whole ---------------------------------------------------------- */

int entities_extract(const char *title, const char *body, const char *source,
                     struct entities **out, struct lv_err *err)
{
    struct entities *e = calloc(1, sizeof(*e));
    struct scan *sc = calloc(1, sizeof(*sc));
    char *t = NULL, *b = NULL, *s = NULL;
    int rc = 0;

    *out = NULL;
    pthread_once(&trie_once, trie_build);
    if (trie_status < 0 || !e || !sc) {
        rc = LV_ENOMEM;
        goto out;
    }
    t = entities_simplify(title ? title : "");
    b = entities_simplify(body ? body : "");
    s = source ? entities_simplify(source) : NULL;
    if (!t || !b || (source && !s)) {
        rc = LV_ENOMEM;
        goto out;
    }
    scan_places(b, 0, sc);
    scan_places(t, 1, sc);
    rc = weigh_cities(e, sc, b, t, s);
    if (rc == 0)
        rc = find_sectors(e, t);
    if (rc == 0)
        rc = find_sectors(e, b);
    if (rc == 0)
        rc = find_workstations(e, t);
    if (rc == 0)
        rc = find_workstations(e, b);
    if (rc == 0)
        rc = find_brands(e, t);
    if (rc == 0)
        rc = find_brands(e, b);
out:
    free(t);
    free(b);
    free(s);
    free(sc);
    if (rc < 0) {
        entities_free(e);
        return lv_err_set(err, LV_ENOMEM, "out of memory extracting entities");
    }
    *out = e;
    return 0;
}

void entities_free(struct entities *e)
{
    size_t i;

    if (!e)
        return;
    for (i = 0; i < e->nunresolved; i++)
        free(e->unresolved[i]);
    for (i = 0; i < e->nworkstations; i++) {
        free(e->workstations[i]);
        free(e->workstation_keys ? e->workstation_keys[i] : NULL);
    }
    for (i = 0; i < e->nbrands; i++)
        free(e->brands[i]);
    free(e->unresolved);
    free(e->workstations);
    free(e->workstation_keys);
    free(e->brands);
    free(e->sectors);
    free(e->cities);
    free(e->places);
    free(e);
}
