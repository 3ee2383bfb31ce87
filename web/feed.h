/*
 * feed.h - a search as an Atom feed (/feed.atom?…): the newest articles
 * first, each with its title, date, the article page, the original URL
 * and the snippet, so a search can be followed in any feed reader.
 */
#ifndef LVZHI_FEED_H
#define LVZHI_FEED_H

#include "../common/buf.h"
#include "../search/search.h"
#include "params.h"

/* The feed of res (a search for p, newest first) into out.  0 or
 * LV_ENOMEM. */
int feed_atom(struct buf *out, const struct params *p,
              const struct search_result *res);

#endif
