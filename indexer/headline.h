/*
 * headline.h - which line of a page's text is its headline, and the
 * headline without the site's decorations.
 *
 * Real pages saved as text start with whatever the site put above the
 * article: navigation bars, breadcrumbs, the site's name, widgets (字号,
 * 搜索, 当前时间).  The headline is the line that best fits: before the
 * first paragraph, of headline length, not shaped like navigation or a
 * site name, followed by a byline or by the body, and repeated in the
 * page's <title> or <h1> when there is one.
 */
#ifndef LVZHI_HEADLINE_H
#define LVZHI_HEADLINE_H

#include <stddef.h>

/*
 * Index of the headline among lines[0..n-1] (NUL-terminated, trimmed),
 * or (size_t)-1 when no line fits well enough.  hint (the page's <title>
 * or <h1>, or NULL) raises the lines it contains.
 */
size_t headline_pick(char *const *lines, size_t n, const char *hint);

/* 1 if s (a short line) is navigation, a breadcrumb, a widget or a
 * site's name: what a page shows around the article, never in it. */
int headline_is_chrome(const char *s);

/*
 * The headline as a reader would quote it: s[0..len-1] without a column
 * tag in front (【党派动态】, 各区之声|), a site-name suffix behind
 * (_某某网, " - 某某政协") or a trailing '|'.  Returns the start inside
 * s and sets *len.
 */
const char *headline_trim(const char *s, size_t *len);

#endif
