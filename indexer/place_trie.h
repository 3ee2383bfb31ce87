/*
 * place_trie.h - every full name, alias and short form of the gazetteer,
 * and every township's unique name, in one byte trie (built once, shared by all
 * threads), for finding the longest place name that starts at a position of the
 * text.
 */
#ifndef LVZHI_PLACE_TRIE_H
#define LVZHI_PLACE_TRIE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"
#include "../common/gazetteer.h"

enum place_name_kind {
    PLACE_FULL = 0,         /* full name or abbreviated full name */
    PLACE_SHORT_TOP = 1,    /* province / prefecture short form */
    PLACE_SHORT_COUNTY = 2, /* county short form: needs an anchor */
    PLACE_TOWNSHIP = 3      /* a township's unique name: its county's row */
};

/* Build the trie on first use.  0 or LV_ENOMEM. */
LV_MUST_CHECK
int place_trie_ready(void);

/* The byte length of the longest name starting at s (0: none) and, in
 * *node, where its readings are listed. */
size_t place_trie_longest(const char *s, int32_t *node);

/* The readings of a name, one per gazetteer row it may stand for:
 *   for (r = place_trie_first(node); r >= 0; r = place_trie_next(r))
 * with place_trie_row(r) and place_trie_kind(r). */
int32_t place_trie_first(int32_t node);
int32_t place_trie_next(int32_t reading);
const struct gaz_row *place_trie_row(int32_t reading);
int place_trie_kind(int32_t reading);

#endif
