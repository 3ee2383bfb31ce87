/*
 * ws_name.c - where a workstation's name starts (see ws_name.h).
 *
 * The name is read right to left, one part at a time; each part must end
 * where the previous one (or the head) starts.  Word boundaries come from
 * ICU over a window before the head: a person's or a host's name starts
 * at one, and a word of two characters or more just before it (举行, 督导)
 * ends the name.
 */
#include "ws_name.h"

#include <string.h>

#include "../common/groups.h"
#include "../common/strlist.h"
#include "../text/tokens.h"
#include "../text/utf8.h"
#include "ent_sectors.h"
#include "ent_text.h"
#include "place_trie.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define WINDOW 192 /* bytes before the head that ICU looks at */

/* Unit words a host's name ends in (longest first where one ends
 * another).  The characters before the unit word are the host's own. */
static const char *const host_units[] = {
    "街道办事处", "律师事务所", "党群服务中心", "街道",   "社区", "办事处",
    "产业园",     "工业园",     "开发区",       "高新区", "园区", "大厦",
    "大院",       "小区",       "家园",         "中心",   "支部", "总支",
    "支社",       "基层委",     "商会",         "协会",   "学会", "联会",
    "产业链",     "产业",       "中学",         "小学",   "大学", "学院",
    "学校",       "卫生院",     "医院",         "公司",   "集团", "银行",
    "事务所",     "合作社",     "基地",         "市场",   "广场", "书院",
    "基层委员会", "会客厅",     "驿站",         "村",     "镇",   "乡",
    "屯",         "苑",         "院",           "园",     "馆",   "所",
};

/* Units of an organisation, which may stand right after the division or
 * sector that names them (民盟栖霞区基层委员会, 民革支部). */
static const char *const org_units[] = {
    "基层委员会", "基层委", "支部", "总支", "支社", "商会", "协会", "学会",
};

/* One-character units of a township or village: inside a host's own
 * name they end another host (平梁镇|兴隆佳苑). */
static const char *const town_units[] = {"镇", "乡", "村", "屯"};

/* One-character unit words: never a host's whole name. */
static const char *const unit_chars[] = {
    "乡", "镇", "村", "街", "区", "县", "市", "省",
};

/* Characters no host's or person's name holds: counts, demonstratives,
 * function words. */
static const char *const not_name_chars[] = {
    "各", "个", "等", "该", "此", "我", "们", "的", "了", "在",
    "是", "把", "将", "对", "首", "其", "这", "那", "每", "级",
    "批", "为", "与", "及", "或", "并", "又", "还", "也", "继",
    "赴", "到", "以", "如", "即", "让", "被", "给", "访",
};

/* Function words that names do hold (和平, 向阳, 自由): they end a host's
 * name only where two characters of it are left (与冯家寺社区). */
static const char *const weak_stops[] = {
    "和", "有", "从", "向", "于", "由", "全", "共", "本",
};

/* Verbs and phrases that end a name even where ICU joins them to a
 * neighbour. */
static const char *const stops[] = {
    "成立", "打造", "建立", "依托",   "设立", "建设", "组建", "参观", "走进",
    "来到", "通过", "发挥", "利用",   "推动", "指导", "支持", "开展", "进入",
    "提升", "深化", "持续", "推进",   "包括", "例如", "比如", "加强", "完善",
    "建成", "新建", "共建", "已建",   "挂牌", "揭牌", "授牌", "围绕", "交流",
    "考察", "观摩", "调研", "走访",   "前往", "聚焦", "召开", "举办", "举行",
    "参加", "出席", "深入", "用好",   "用活", "培育", "规范", "强化", "助力",
    "带领", "学习", "借鉴", "擦亮",   "继续", "筹建", "组织", "积极", "着力",
    "不断", "正在", "先后", "分别",   "莅临", "实现", "授予", "命名", "启用",
    "位于", "视察", "察看", "督导",   "推广", "探索", "创建", "作为", "成为",
    "借助", "依靠", "搭建", "去年底", "今年", "去年", "近日", "日前", "近年来",
};

/* Common surnames: a person's studio (李瑛委员工作室) needs one first. */
static const char *const surnames[] = {
    "欧阳", "司马", "诸葛", "上官", "司徒", "皇甫", "慕容", "令狐", "夏侯",
    "朴",   "王",   "李",   "张",   "刘",   "陈",   "杨",   "黄",   "赵",
    "吴",   "周",   "徐",   "孙",   "马",   "朱",   "胡",   "郭",   "何",
    "高",   "林",   "罗",   "郑",   "梁",   "谢",   "宋",   "唐",   "许",
    "韩",   "冯",   "邓",   "曹",   "彭",   "曾",   "肖",   "萧",   "田",
    "董",   "袁",   "潘",   "于",   "蒋",   "蔡",   "余",   "杜",   "叶",
    "程",   "苏",   "魏",   "吕",   "丁",   "任",   "沈",   "姚",   "卢",
    "姜",   "崔",   "钟",   "谭",   "陆",   "汪",   "范",   "金",   "石",
    "廖",   "贾",   "夏",   "韦",   "付",   "傅",   "方",   "白",   "邹",
    "孟",   "熊",   "秦",   "邱",   "江",   "尹",   "薛",   "闫",   "阎",
    "段",   "雷",   "侯",   "史",   "陶",   "黎",   "贺",   "顾",   "毛",
    "郝",   "龚",   "邵",   "钱",   "严",   "覃",   "戴",   "莫",   "孔",
    "汤",   "牛",   "樊",   "葛",   "邢",   "乔",   "伍",   "庞",   "颜",
    "倪",   "庄",   "聂",   "章",   "鲁",   "岳",   "翟",   "殷",   "詹",
    "申",   "欧",   "耿",   "焦",   "俞",   "左",   "柳",   "祝",   "舒",
    "阮",   "柯",   "纪",   "梅",   "童",   "凌",   "毕",   "裴",   "霍",
    "涂",   "苗",   "盛",   "翁",   "冉",   "骆",   "柴",   "鲍",   "喻",
    "祁",   "蒲",   "滕",   "屈",   "缪",   "芦",   "麦",   "褚",   "娄",
    "窦",   "戚",   "岑",   "景",   "费",   "卜",   "冷",   "晏",   "席",
    "卫",   "瞿",   "佟",   "臧",   "闵",   "苟",   "邬",   "卞",   "姬",
    "仇",   "栾",   "隋",   "刁",   "寇",   "甄",   "丛",   "虞",   "敖",
    "巩",   "佘",   "苑",   "迟",   "邝",   "谈",   "匡",   "鞠",   "荆",
    "郁",   "胥",   "栗",   "鄢",   "谌",   "奚",   "粟",   "冼",   "蔺",
    "楼",   "盘",   "厉",   "仝",   "郜",   "阚",   "廉",   "禹",   "晁",
    "芮",   "阙",   "浦",   "邸",   "雍",   "辜",   "裘",   "亓",   "邰",
    "逯",   "茹",   "亢",   "嵇",   "湛",   "茅",   "尉",   "冶",   "檀",
    "昝",   "谷",   "龙",   "武",   "康",   "兰",   "甘",   "季",   "曲",
    "蓝",   "辛",   "靳",   "蒙",   "房",   "饶",   "牟",   "宗",   "桂",
    "边",   "沙",   "简",   "米",   "古",   "吉",   "卓",   "穆",   "艾",
    "尤",   "操",   "柏",
};

/* ICU's words in the window before the head, as flags by byte offset. */
struct words {
    const char *text;
    size_t from;                     /* window start in text */
    unsigned char start[WINDOW + 1]; /* a word starts here */
    unsigned char end[WINDOW + 1];   /* a word of 2+ characters ends */
};

static int note_word(const struct token *t, void *ctx)
{
    struct words *w = ctx;

    if (t->kind != TOKEN_WORD)
        return 1; /* words come first: done */
    if (t->start <= WINDOW)
        w->start[t->start] = 1;
    if (t->start + t->len <= WINDOW && ent_chars(t->text, t->len) >= 2)
        w->end[t->start + t->len] = 1;
    return 0;
}

static void find_words(struct tokenizer *tok, struct words *w, const char *text,
                       size_t at)
{
    memset(w, 0, sizeof(*w));
    w->text = text;
    w->from = at > WINDOW ? at - WINDOW : 0;
    while (w->from > 0 && ((unsigned char)text[w->from] & 0xC0) == 0x80)
        w->from++; /* start on a character */
    if (tok
        && tokenizer_run(tok, text + w->from, at - w->from, note_word, w, NULL)
               >= 0)
        return;
    /* Without ICU, or when it failed part way (out of memory), every
     * character is a word. */
    memset(w->end, 0, sizeof(w->end));
    memset(w->start, 1, sizeof(w->start));
}

static int word_starts(const struct words *w, size_t pos)
{
    return pos < w->from || w->start[pos - w->from];
}

/* Does a word of two characters or more end at pos? */
static int long_word_ends(const struct words *w, size_t pos)
{
    return pos >= w->from && w->end[pos - w->from];
}

size_t ws_division_start(const char *text, size_t pos)
{
    size_t start = pos, best = pos, k;

    if (place_trie_ready() < 0)
        return pos;
    for (k = 0; k < 8 && start > 0; k++) {
        int32_t node;

        start -= ent_prev_char_len(text, start);
        if (k >= 1 && place_trie_longest(text + start, &node) == pos - start
            && place_trie_kind(place_trie_first(node)) != PLACE_TOWNSHIP)
            best = start; /* a township is a host (…镇委员工作室) */
    }
    return best;
}

/* Does a division's full name (安宁区, 宁国市; not the short 西湖, 湖南
 * that streets are named after) end at pos? */
static int full_division_ends(const char *text, size_t pos)
{
    static const char *const levels[] = {
        "省", "市", "州", "县", "区", "旗", "盟",
    };

    return ws_division_start(text, pos) < pos
           && strlist_suffix_at(text, pos, levels, N(levels));
}

/* Does a unit word of two characters or more end at pos (街道, 社区; the
 * one-character 园, 村 are inside names: 公园街道, 新村街道)? */
static int long_unit_ends(const char *text, size_t pos)
{
    size_t i;

    for (i = 0; i < N(host_units); i++)
        if (strlen(host_units[i]) > 3
            && ent_ends_with(text, pos, host_units[i]))
            return 1;
    return 0;
}

/* Start of a sector (民进界别, 工商联界, 民建) ending at pos, or pos. */
static size_t sector_before(const char *text, size_t pos)
{
    static const char *const tails[] = {"界别", "界", ""};
    size_t i, len;

    for (i = 0; i < N(tails); i++) {
        size_t tl = strlen(tails[i]);

        if (ent_ends_with(text, pos, tails[i])
            && ent_sector_stem_before(text, pos - tl, &len))
            return pos - tl - len;
    }
    return pos;
}

/* Does a name end before pos: the text's start, punctuation, a stop, a
 * character no name holds, or another part's end?  At a host's unit word
 * (at_unit) another unit or a sector may be its name (产业社区, 民革支部). */
static int hard_boundary(const struct words *w, size_t pos, int at_unit)
{
    const char *text = w->text;
    size_t pl = ent_prev_char_len(text, pos);

    if (pos == 0 || !ent_is_han(text + pos - pl)
        || strlist_suffix_at(text, pos, not_name_chars, N(not_name_chars))
        || strlist_suffix_at(text, pos, stops, N(stops))
        || full_division_ends(text, pos) || ent_ends_with(text, pos, "政协"))
        return 1;
    if (at_unit)
        return 0;
    return long_unit_ends(text, pos)
           || strlist_suffix_at(text, pos, town_units, N(town_units))
           || sector_before(text, pos) < pos;
}

/* May a name start at pos: a hard boundary, a weak stop (及何银萍), or
 * the end of a word of two characters or more? */
static int boundary(const struct words *w, size_t pos)
{
    return hard_boundary(w, pos, 0) || long_word_ends(w, pos)
           || strlist_suffix_at(w->text, pos, weak_stops, N(weak_stops));
}

/* Does text[from..to) hold only name characters? */
static int name_chars(const struct words *w, size_t from, size_t to)
{
    size_t i;

    for (i = from; i < to; i += 3)
        if (!ent_is_han(w->text + i)
            || strlist_prefix(w->text + i, not_name_chars, N(not_name_chars)))
            return 0;
    return 1;
}

/*
 * A host: a unit word and one to four characters of its own before it.
 * They stop where a name ends (a stop, punctuation, a division or unit:
 * 莅临…街道|冯家寺社区, 用好|江滨街道) and start at a word; the longest of
 * two characters or more wins, else one of one character (X村).  An
 * organisation's unit may have none: 民盟栖霞区|基层委员会.
 */
static size_t host_before(const struct words *w, size_t pos)
{
    const char *text = w->text;
    size_t i, ul = 0, start, k, best = pos, one = pos;

    for (i = 0; i < N(host_units); i++)
        if (ent_ends_with(text, pos, host_units[i])) {
            ul = strlen(host_units[i]);
            break;
        }
    if (!ul)
        return pos;
    start = pos - ul;
    if (strlist_suffix_at(text, pos, org_units, N(org_units))
        && (full_division_ends(text, start)
            || sector_before(text, start) < start))
        return start;
    for (k = 1; k <= 4 && start > 0; k++) {
        size_t next = start - ent_prev_char_len(text, start);

        if (hard_boundary(w, start, k == 1))
            break; /* 召开|街道委员工作室: no host */
        if (!name_chars(w, next, start))
            break;
        if (k >= 3 && strlist_prefix(text + next, weak_stops, N(weak_stops)))
            break; /* 与冯家寺社区 */
        start = next;
        if (!word_starts(w, start) && !hard_boundary(w, start, 0))
            continue;
        if (k > 1)
            best = start;
        else if (!strlist_prefix(text + start, unit_chars, N(unit_chars)))
            one = start; /* not 乡镇, 街镇 */
    }
    return best < pos ? best : one;
}

/* A person's name of two or three characters just before the head:
 * a surname first, a boundary before it. */
static size_t person_before(const struct words *w, size_t pos)
{
    const char *text = w->text;
    size_t k;

    for (k = 3; k >= 2; k--) {
        size_t start = pos >= 3 * k ? pos - 3 * k : 0;

        if (pos < 3 * k || !name_chars(w, start, pos))
            continue;
        /* a word ICU knows (成立, 关于) is no name */
        if (k == 2 && word_starts(w, start) && long_word_ends(w, pos)
            && !word_starts(w, start + 3))
            continue;
        if (strlist_prefix(text + start, surnames, N(surnames))
            && boundary(w, start))
            return start;
    }
    return pos;
}

/* A quoted span of 2 to 16 characters ending at pos. */
static size_t quote_before(const char *text, size_t pos)
{
    size_t q = pos, chars = 0;

    if (!ent_ends_with(text, pos, "”"))
        return pos;
    q -= 3;
    while (q >= 3 && !ent_ends_with(text, q, "“") && chars <= 16) {
        if (ent_stop_punct(text + q - ent_prev_char_len(text, q)))
            return pos;
        q -= ent_prev_char_len(text, q);
        chars++;
    }
    if (q < 3 || chars < 2 || chars > 16)
        return pos;
    return q - 3;
}

/* The part ending at pos: its start (pos: none) and kind. */
static size_t part_before(const struct words *w, size_t pos, int first,
                          int person, unsigned *kind)
{
    const char *text = w->text;
    size_t s, i;

    if ((s = quote_before(text, pos)) < pos) {
        *kind = WS_PART_QUOTE;
        return s;
    }
    if (ent_ends_with(text, pos, "政协")) {
        static const char *const levels[] = {"省", "市", "州", "县", "区"};

        s = pos - 6;
        if (strlist_suffix_at(text, s, levels, N(levels))
            && ws_division_start(text, s) == s)
            s -= 3; /* 市政协 */
        *kind = WS_PART_OWNER;
        return s;
    }
    if ((s = sector_before(text, pos)) < pos) {
        *kind = WS_PART_SECTOR;
        return s;
    }
    if ((s = host_before(w, pos)) < pos) {
        *kind = WS_PART_HOST;
        return s;
    }
    /* 章建华委员工作室: a person, though 建华 is a district's short name */
    if (first && person && (s = person_before(w, pos)) < pos
        && ws_division_start(text, pos) != s) {
        *kind = WS_PART_PERSON;
        return s;
    }
    if ((s = ws_division_start(text, pos)) < pos) {
        *kind = WS_PART_DIVISION;
        return s;
    }
    for (i = 0; i < member_ngroups; i++)
        if (ent_ends_with(text, pos, member_groups[i])) {
            *kind = WS_PART_GROUP;
            return pos - strlen(member_groups[i]);
        }
    return pos;
}

/* Does the sector ending at pos carry its own 界别 or 界? */
static int own_tail(const char *text, size_t pos)
{
    return ent_ends_with(text, pos, "界别") || ent_ends_with(text, pos, "界");
}

size_t ws_name_start(struct tokenizer *tok, const char *text, size_t at,
                     int person, unsigned *parts, size_t *core)
{
    static const char *const joiners[] = {"、", "和", "及", "&", "·"};
    struct words w;
    size_t pos = at, end = at, k;

    *parts = 0;
    *core = at;
    find_words(tok, &w, text, at);
    for (k = 0; k < 12; k++) {
        unsigned kind = 0;
        size_t s = part_before(&w, pos, pos == at, person, &kind), j;

        if (s == pos) {
            /* A joiner goes on: 、 和 及 & between sectors (民建、科协界别;
             * 共青团界&青联界), · before any part but an owner. */
            for (j = 0; j < N(joiners); j++)
                if (pos > 0 && ent_ends_with(text, pos, joiners[j])) {
                    size_t jl = strlen(joiners[j]);
                    unsigned k2 = 0;
                    size_t s2 = part_before(&w, pos - jl, 0, 0, &k2);

                    if (s2 < pos - jl && j < 3 && k2 == WS_PART_SECTOR
                        && own_tail(text, end) && own_tail(text, pos - jl))
                        break; /* 无党派界别和民进界别: two names */
                    if (s2 < pos - jl
                        && (k2 == WS_PART_SECTOR
                            || (j == 4 && k2 != WS_PART_OWNER))) {
                        s = s2;
                        kind = k2;
                    }
                    break;
                }
            if (s == pos)
                break;
        }
        *parts |= kind;
        if (kind & WS_PART_SPECIFIC)
            *core = s;
        end = pos;
        pos = s;
    }
    return pos;
}
