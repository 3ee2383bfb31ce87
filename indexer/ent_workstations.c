/*
 * ent_workstations.c - workstations and studios by name (see
 * ent_workstations.h).  Each head noun found in the text is given the
 * name ws_name.c reads before it; a name that holds nothing specific (a
 * bare type, a division's own type), a count or a collective is none.
 */
#include "ent_workstations.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/err.h"
#include "../common/strlist.h"
#include "ent_text.h"
#include "place_trie.h"
#include "ws_name.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A head inside another (委员工作室 in 界别委员工作室) comes after it. */
static const char *const ws_heads[] = {
    "委员联系界别群众工作站",
    "委员联系专家个人工作站",
    "委员基层工作站",
    "界别委员工作室",
    "界别委员工作站",
    "政协委员工作室",
    "政协委员工作站",
    "委员工作站(室)",
    "委员工作站（室）",
    "委员工作室",
    "委员工作站",
    "委员联络站",
    "委员联络室",
    "委员联系点",
    "委员之家",
    "委员会客厅",
    "委员会客室",
    "委员商议厅",
    "委员议事厅",
    "委员议事室",
    "委员个人工作站",
    "委员驿站",
    "协商议事室",
    "协商议事厅",
    "委员活动室",
    "界别工作室",
    "议事厅",
    "议事室",
    "联络站",
    "联络室",
    "联系点",
    "会客厅",
};

static const char *const ws_collective[] = {
    "个",   "各",   "一批", "一个个", "示范性", "首家", "首个", "市级", "综合",
    "片区", "全市", "全县", "全区",   "多个",   "这些", "该",   "此",
};

/* After a head: an event or a document, not a platform. */
static const char *const ws_not_after[] = {
    "主题活动", "接待日",   "建设的",   "》",       "实施方案",
    "建设指导", "建设方案", "管理办法", "工作方案",
};

/* Is text[at] inside a document's title (《…委员工作室建设方案》)? */
static int in_title(const char *text, size_t at)
{
    size_t from = at > 120 ? at - 120 : 0;
    const char *open = NULL, *p = text + from;

    while ((p = memmem(p, (size_t)(text + at - p), "《", 3)) != NULL)
        open = p++;
    return open && !memmem(open, (size_t)(text + at - open), "》", 3);
}

/*
 * The city a name's divisions roll up to (宜宾市翠屏区政协… → 宜宾市),
 * the first that is unique, or NULL.
 */
static const char *city_in(const char *s, size_t len)
{
    size_t i = 0;

    if (place_trie_ready() < 0)
        return NULL;
    while (i < len) {
        int32_t node, r;
        size_t n = place_trie_longest(s + i, &node);
        const char *city = NULL;
        int many = 0;

        if (n && i + n <= len) {
            for (r = place_trie_first(node); r >= 0; r = place_trie_next(r)) {
                const struct gaz_row *row = place_trie_row(r);
                const char *c = row->level == GAZ_PREFECTURE ? row->full
                                : row->level == GAZ_COUNTY   ? row->parent_city
                                                             : NULL;

                if (c && *c && city && strcmp(c, city) != 0)
                    many = 1;
                else if (c && *c)
                    city = c;
            }
            if (city && !many)
                return city;
            i += n;
            continue;
        }
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return NULL;
}

/* A division's own platform: 郫都区政协委员之家, 呼和浩特市政协委员工作站
 * (a division's full name and 政协, nothing else). */
static int division_owned(const char *text, size_t start, size_t end,
                          unsigned parts)
{
    static const char *const levels[] = {"市", "县", "区", "州", "旗", "盟"};

    return parts == (WS_PART_DIVISION | WS_PART_OWNER)
           && ent_ends_with(text, end, "政协")
           && strlist_suffix_at(text, end - 6, levels, N(levels))
           && city_in(text + start, end - start) != NULL;
}

/*
 * Add the name text[core..end) + head (quoted: “head”), keyed by the city
 * of the divisions in text[start..core) or else the article's primary
 * city: "city·name", or the name alone where no city is known.
 */
static int add_workstation(struct entities *e, const char *text, size_t start,
                           size_t core, size_t end, const char *head,
                           int quoted)
{
    const char *city = city_in(text + start, core - start);
    struct buf name = BUF_INIT, key = BUF_INIT;
    size_t before = e->nworkstations;
    char **nk;
    int rc;

    if (!city)
        city = e->ncities ? e->cities[0].name : "";
    buf_add(&name, text + core, end - core);
    buf_printf(&name, quoted ? "“%s”" : "%s", head);
    rc = buf_error(&name);
    if (rc == 0) { /* the key holds the name */
        if (*city)
            buf_printf(&key, "%s·", city);
        rc = buf_addstr(&key, name.data);
    }
    /* Room for the key first: a name is never without its key. */
    nk = rc == 0 ? realloc(e->workstation_keys, (before + 1) * sizeof(*nk))
                 : NULL;
    if (!nk)
        rc = LV_ENOMEM;
    else
        e->workstation_keys = nk;
    if (rc == 0)
        rc = ent_push_unique(&e->workstations, &e->nworkstations, name.data,
                             name.len);
    if (rc == 0 && e->nworkstations > before)
        nk[before] = buf_take(&key, NULL);
    buf_release(&name);
    buf_release(&key);
    return rc;
}

/* Is the head at text[at] counted or collective (12个委员工作室, 各街道…,
 * 126个乡镇(街道)、企事业单位委员工作站)? */
static int collective(const char *text, size_t start, size_t core, size_t at)
{
    size_t j, back = start > 60 ? 60 : start;

    for (j = 0; j < N(ws_collective); j++)
        if (ent_ends_with(text, at, ws_collective[j])
            || strncmp(text + core, ws_collective[j], strlen(ws_collective[j]))
                   == 0)
            return 1;
    return ent_ends_with(text, start, "、")
           && memmem(text + start - back, back, "个", 3) != NULL;
}

/*
 * The items of a list before a name that share its head: X、Y、Z委员工作室
 * (people), A街道、B街道委员工作站 (hosts), 甲界别和乙界别… (sectors with
 * their own 界别), each a name of its own.  A list ending in 等 is read
 * the same way.
 */
static int add_listed(struct entities *e, struct tokenizer *tok,
                      const char *text, size_t start, const char *head,
                      int person)
{
    static const char *const seps[] = {"、", "和", "等"};
    int rc = 0;

    while (rc == 0 && start > 0) {
        size_t i, end, s, core;
        unsigned parts;

        for (i = 0; i < N(seps); i++)
            if (ent_ends_with(text, start, seps[i]))
                break;
        if (i == N(seps))
            break;
        end = start - strlen(seps[i]);
        s = ws_name_start(tok, text, end, person, &parts, &core);
        if (s == end
            || !(parts & (WS_PART_PERSON | WS_PART_HOST | WS_PART_SECTOR))
            || (i == 1 && !(parts & WS_PART_SECTOR)))
            break; /* 和 joins only sectors */
        rc = add_workstation(e, text, s, core, end, head, 0);
        start = s;
    }
    return rc;
}

/* Is the head at text[at] part of a longer head (委员工作室 inside
 * 界别委员工作室)?  Compared in place, where the longer would start. */
static int inside_longer(const char *text, size_t at, size_t i)
{
    size_t j;

    for (j = 0; j < i; j++) {
        const char *in = strstr(ws_heads[j], ws_heads[i]);
        size_t o = in ? (size_t)(in - ws_heads[j]) : 0;

        if (in && at >= o
            && strncmp(text + at - o, ws_heads[j], strlen(ws_heads[j])) == 0)
            return 1;
    }
    return 0;
}

/* One head at text[at]: its name, and the list that shares it. */
static int name_head(struct entities *e, struct tokenizer *tok,
                     const char *text, size_t at, size_t i)
{
    const char *head = ws_heads[i], *after = text + at + strlen(head);
    /* a person's studio: 李瑛委员工作室, not 界别工作室 or 议事厅 */
    int person =
        strncmp(head, "委员", 6) == 0 || strncmp(head, "政协委员", 12) == 0;
    int quoted = 0, rc;
    size_t start, core, end = at;
    unsigned parts;

    if (strlist_prefix(after, ws_not_after, N(ws_not_after)))
        return 0;
    /* A quoted type after its host: 南山区政协“委员之家”. */
    if (ent_ends_with(text, at, "“") && strncmp(after, "”", 3) == 0) {
        quoted = 1;
        end = at - 3;
        person = 0;
    }
    if (ent_ends_with(text, end, "等"))
        return add_listed(e, tok, text, end, head, person);
    if (in_title(text, at))
        return 0;
    start = ws_name_start(tok, text, end, person, &parts, &core);
    if (!quoted && strncmp(head, "界别", 6) != 0
        && division_owned(text, start, end, parts))
        core = ws_division_start(text, end - 6);
    else if (!(parts & WS_PART_SPECIFIC) || collective(text, start, core, end))
        return 0; /* bare, counted or collective: not a name */
    rc = add_workstation(e, text, start, core, end, head, quoted);
    if (rc == 0 && !quoted)
        rc = add_listed(e, tok, text, start, head, person);
    return rc;
}

int ent_workstations_find(struct entities *e, const char *text,
                          struct tokenizer *tok)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < N(ws_heads) && rc == 0; i++) {
        const char *p = text;

        while (rc == 0 && (p = strstr(p, ws_heads[i])) != NULL) {
            size_t at = (size_t)(p - text);

            p += strlen(ws_heads[i]);
            if (!inside_longer(text, at, i))
                rc = name_head(e, tok, text, at, i);
        }
    }
    return rc;
}

/* A name without its 政协 and quotes, for comparing spellings; NULL when
 * out of memory. */
static char *spelling(const char *s)
{
    static const char *const drop[] = {"政协", "“", "”"};
    struct buf b = BUF_INIT;

    while (*s) {
        size_t i;

        for (i = 0; i < N(drop); i++)
            if (strncmp(s, drop[i], strlen(drop[i])) == 0)
                break;
        if (i < N(drop)) {
            s += strlen(drop[i]);
            continue;
        }
        buf_add(&b, s, 1); /* the buf keeps an error for buf_take */
        s++;
    }
    return buf_take(&b, NULL);
}

int ent_workstations_merge(struct entities *e)
{
    size_t i, j, n = e->nworkstations, kept = 0;
    char **sp = calloc(n ? n : 1, sizeof(*sp));
    unsigned char *drop = calloc(n ? n : 1, 1);
    int rc = 0;

    if (!sp || !drop)
        rc = LV_ENOMEM;
    for (i = 0; i < n && rc == 0; i++)
        if (!(sp[i] = spelling(e->workstations[i])))
            rc = LV_ENOMEM;
    /* A spelling inside a longer one of the same platform goes: 冯家寺社区…
     * in 潆溪街道冯家寺社区…, “法润西园”委员工作室 in “法润西园”政协委员工作室.
     */
    for (i = 0; i < n && rc == 0; i++)
        for (j = 0; j < n && !drop[i]; j++)
            if (j != i && !drop[j] && ent_ends_with(sp[j], strlen(sp[j]), sp[i])
                && (strlen(sp[j]) > strlen(sp[i])
                    || strlen(e->workstations[j]) > strlen(e->workstations[i])))
                drop[i] = 1;
    for (i = 0; i < n; i++) {
        free(sp ? sp[i] : NULL);
        if (rc == 0 && drop[i]) {
            free(e->workstations[i]);
            free(e->workstation_keys[i]);
            continue;
        }
        e->workstations[kept] = e->workstations[i];
        e->workstation_keys[kept++] = e->workstation_keys[i];
    }
    if (rc == 0)
        e->nworkstations = kept;
    free(sp);
    free(drop);
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
