/*
 * clean.h - line-level cleaning of an article: what a reader would not
 * call the article goes (SEO spam, |-joined place lists, 来源/编辑/
 * copyright/ICP/breadcrumb lines, bylines, summaries, "related reading"
 * blocks, repeated paragraphs), and the dateline and source line are read
 * for the article's date and source.  Each rule is a small function; the
 * keyword lists are tables.
 */
#ifndef LVZHI_CLEAN_H
#define LVZHI_CLEAN_H

#include <stddef.h>

#include "../common/err.h"
#include "article.h"

/* Lines to clean: the caller owns the strings (valid UTF-8, trimmed or
 * not).  `keep` is filled by clean_lines. */
struct clean_input {
    char **lines;
    size_t n;
    size_t headline; /* index of the headline line, or (size_t)-1: it is
                        not body text, and the short lines above it are
                        the site's */
};

struct clean_output {
    int *keep;         /* keep[i]: line i is article text */
    char date[9];      /* publication date from a dateline, YYYYMMDD or
                          "" */
    char text_date[9]; /* the first full date in the kept text, or "" */
    char *source;      /* malloc'd, or NULL */
};

/* Decide which lines to keep.  0 or LV_ENOMEM.  Release out with
 * clean_output_release(). */
LV_MUST_CHECK
int clean_lines(const struct clean_input *in, struct clean_output *out,
                struct article_stats *stats);

void clean_output_release(struct clean_output *out);

/*
 * Find the first date in s (2022-09-21, 2025/7/8, 2024年3月13日 ...): 0 if
 * none, else the match length in bytes, with its start in *at and the date
 * as YYYYMMDD in ymd.  A following time (09:57 or 09:27:25) is included
 * in the match length.
 */
size_t clean_find_date(const char *s, size_t *at, char ymd[9]);

/*
 * The publisher named by a "来源:" value: up to white space, '|' or the
 * next label; NULL when the value names none (empty, a label, a count,
 * 本站) or when out of memory.  Caller frees.
 */
char *clean_source_value(const char *value);

/* Line classes for finding the headline (headline.c) and for cleaning:
 * 1 if s is navigation, a breadcrumb, a menu or a widget line; SEO
 * spam; the name of a site ("湖北民进网", "www…"); a byline or
 * publication line. */
int clean_is_nav(const char *s);
int clean_is_spam(const char *s); /* SEO keywords, |-joined lists */
int clean_is_site_name(const char *s);
int clean_is_byline(const char *s);

/* Bytes of leading and trailing white space (ASCII, U+3000, U+00A0). */
const char *clean_trim(const char *s, size_t *len);

/* Number of characters (code points) of valid UTF-8. */
size_t clean_chars(const char *s, size_t len);

#endif
