/*
 * html.h - read a decoded HTML page with libxml2 (recover mode, no
 * network): its title, metadata and text blocks, and which blocks form
 * the main content.
 */
#ifndef LVZHI_HTML_H
#define LVZHI_HTML_H

#include <stddef.h>

#include "../common/err.h"

struct html_block {
    char *text;      /* the block's text, UTF-8, spaces collapsed */
    int in_main;     /* inside the chosen main-content element */
    int before_main; /* comes before the main content in the page */
    int heading;     /* h1..h6 */
};

struct html_page {
    char *title_tag;   /* <title> */
    char *h1;          /* first <h1> */
    char *meta_date;   /* from <meta> or <time>, as written */
    char *meta_source; /* <meta name=source> / og:site_name */
    char *canonical;   /* <link rel=canonical> / og:url */
    struct html_block *blocks;
    size_t nblocks;
};

/*
 * Parse text[0..len-1] (valid UTF-8; any charset declaration in it is
 * ignored) into *out.  0, LV_ENOMEM or LV_EINVAL (libxml2 gave no tree).
 * Release with html_page_release() in every case.
 */
LV_MUST_CHECK
int html_parse(const char *text, size_t len, struct html_page *out,
               struct lv_err *err);

void html_page_release(struct html_page *p);

#endif
