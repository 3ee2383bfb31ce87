/*
 * header.h - the metadata block at the top of a text file.  Archives
 * saved as text often start with lines such as "URL: http…", "标题：…",
 * "来源：…", "发布时间：…": they describe the article and are not part
 * of it.  This module reads them; the article keeps the rest.
 */
#ifndef LVZHI_HEADER_H
#define LVZHI_HEADER_H

#include <stddef.h>

#include "../common/err.h"

struct text_header {
    char *url;    /* http(s) URL, or NULL; malloc'd */
    char *title;  /* or NULL; malloc'd */
    char *source; /* or NULL; malloc'd */
    char date[9]; /* YYYYMMDD or "" */
    size_t lines; /* how many leading lines (blank ones included) the
                     block takes */
};

/*
 * Read the block from lines[0..n-1] (NUL-terminated, trimmed): the
 * leading lines that are "KEY: value" with a known key (URL/链接/网址,
 * 标题/Title, 来源/Source, 日期/发布时间/时间/Date, 作者/Author …),
 * blank lines between them allowed.  A line of another shape ends the
 * block.  0 or LV_ENOMEM; release with text_header_release().
 */
LV_MUST_CHECK
int text_header_read(char *const *lines, size_t n, struct text_header *h);

void text_header_release(struct text_header *h);

#endif
