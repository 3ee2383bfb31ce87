/*
 * place_trie.c - the gazetteer's names in a byte trie (see place_trie.h).
 * Nodes and readings live in two growing arrays, linked by index.
 */
#include "place_trie.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../common/err.h"
#include "../common/strlist.h"
#include "ent_text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct payload {
    uint32_t row;
    uint8_t kind;
    int32_t next; /* next payload of the same node, -1 */
};

struct node {
    int32_t child, sibling, payload; /* -1 when none */
    unsigned char byte;
};

static struct node *nodes;
static size_t nnodes, capnodes;
static struct payload *payloads;
static size_t npayloads, cappayloads;
static int trie_status;
static pthread_once_t trie_once = PTHREAD_ONCE_INIT;
/* The node after each three-byte character (U+0800..U+FFFF: every Han
 * one), -1 when no name starts with it: most characters of a text start
 * none, and the first levels' sibling lists are the longest (walking
 * them was 6.4% of the indexer's CPU on generated pages; 2.2% with it). */
static int32_t *first_char;

/* Short forms that must not stand alone (domain notes, admin_divisions §6). */
static const char *const short_collisions[] = {
    "大同", "兴安", "朝阳", "吉林", "中山", "资阳",
    "西安", "甘南", "海南", "河北", "河南",
};

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

/* The child of node cur for byte b, or -1. */
static int32_t child_of(int32_t cur, unsigned char b)
{
    int32_t c = nodes[cur].child;

    while (c >= 0 && nodes[c].byte != b)
        c = nodes[c].sibling;
    return c;
}

static int index_first_chars(void)
{
    int32_t a, b, c;

    first_char = malloc(65536 * sizeof(*first_char));
    if (!first_char)
        return LV_ENOMEM;
    memset(first_char, 0xff, 65536 * sizeof(*first_char)); /* -1 */
    for (a = nodes[0].child; a >= 0; a = nodes[a].sibling) {
        if ((nodes[a].byte & 0xF0) != 0xE0)
            continue;
        for (b = nodes[a].child; b >= 0; b = nodes[b].sibling)
            for (c = nodes[b].child; c >= 0; c = nodes[c].sibling)
                first_char[(nodes[a].byte & 0x0F) << 12
                           | (nodes[b].byte & 0x3F) << 6
                           | (nodes[c].byte & 0x3F)] = c;
    }
    return 0;
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

        trie_status = trie_add(r->full, i, PLACE_FULL);
        if (trie_status == 0 && r->alias[0])
            trie_status = trie_add(r->alias, i, PLACE_FULL);
        if (trie_status || ent_chars(s, strlen(s)) < 2
            || strcmp(s, r->full) == 0)
            continue;
        if (r->level != GAZ_COUNTY) {
            if (!strlist_equals(s, short_collisions, N(short_collisions)))
                trie_status = trie_add(s, i, PLACE_SHORT_TOP);
        } else {
            trie_status = trie_add(s, i, PLACE_SHORT_COUNTY);
        }
    }
    for (i = 0; i < gazetteer_ntownships && trie_status == 0; i++)
        trie_status = trie_add(gazetteer_townships[i].name,
                               gazetteer_townships[i].county, PLACE_TOWNSHIP);
    if (trie_status == 0)
        trie_status = index_first_chars();
}

/* Longest name starting at s: its length and node, or 0. */
size_t place_trie_longest(const char *s, int32_t *node)
{
    const unsigned char *p = (const unsigned char *)s;
    int32_t cur = 0;
    size_t best = 0, i = 0;

    if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80
        && (p[2] & 0xC0) == 0x80) {
        cur = first_char[(p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6
                         | (p[2] & 0x3F)];
        if (cur < 0)
            return 0;
        i = 3;
        if (nodes[cur].payload >= 0) {
            best = 3;
            *node = cur;
        }
    }
    for (; p[i]; i++) {
        int32_t c = child_of(cur, p[i]);

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

int place_trie_ready(void)
{
    pthread_once(&trie_once, trie_build);
    return trie_status;
}

int32_t place_trie_first(int32_t node)
{
    return nodes[node].payload;
}

int32_t place_trie_next(int32_t reading)
{
    return payloads[reading].next;
}

const struct gaz_row *place_trie_row(int32_t reading)
{
    return &gazetteer_rows[payloads[reading].row];
}

int place_trie_kind(int32_t reading)
{
    return payloads[reading].kind;
}
