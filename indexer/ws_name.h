/*
 * ws_name.h - where a workstation's name starts.  From the head noun
 * (委员工作室 ...) leftwards, a name is made only of the parts a name has:
 * an owner (兰州市政协, 政协), divisions (安宁区), hosts ending in a unit
 * word (广武门街道, 冯家寺社区, 律师事务所), sectors (民建、科协界别), a
 * group (港澳), a person next to the head (李瑛), a quoted brand, joined
 * by 、 和 · &.  Anything else (a verb, a preposition, a time phrase, a
 * count) ends it, so 莅临顺庆区潆溪街道冯家寺社区委员工作站 names
 * 顺庆区潆溪街道冯家寺社区委员工作站.
 */
#ifndef LVZHI_WS_NAME_H
#define LVZHI_WS_NAME_H

#include <stddef.h>

struct tokenizer;

/* What a name holds besides divisions and owner (WS_PART_*). */
enum {
    WS_PART_DIVISION = 1, /* 安宁区, 兰州市 */
    WS_PART_OWNER = 2,    /* 政协, 市政协 */
    WS_PART_HOST = 4,     /* 广武门街道, 石油共生大院 */
    WS_PART_SECTOR = 8,   /* 民进界别 */
    WS_PART_GROUP = 16,   /* 港澳, 巾帼 */
    WS_PART_PERSON = 32,  /* 李瑛 */
    WS_PART_QUOTE = 64,   /* “益路同行” */
};

/* Parts that make a name specific: a name of divisions and an owner
 * alone (翠屏区政协委员工作室) is the type, not a platform. */
#define WS_PART_SPECIFIC                                                       \
    (WS_PART_HOST | WS_PART_SECTOR | WS_PART_GROUP | WS_PART_PERSON            \
     | WS_PART_QUOTE)

/*
 * The byte offset in text where the name of the head at text[at] starts
 * (at itself when nothing before it belongs to a name); the parts found
 * in *parts, and in *core where the name starts without the divisions
 * and owner before its first specific part (婺城区|新狮街道…: the city
 * is kept apart, in the workstation's key).  person: the head may follow
 * a person's name (委员工作室, not 界别工作室).  tok (NULL: none) gives
 * word boundaries.
 */
size_t ws_name_start(struct tokenizer *tok, const char *text, size_t at,
                     int person, unsigned *parts, size_t *core);

/* Where the division's name ending at text[pos] starts (安宁区, 兰州,
 * 七里河; the longest), or pos when none ends there. */
size_t ws_division_start(const char *text, size_t pos);

#endif
