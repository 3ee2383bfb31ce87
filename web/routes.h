/*
 * routes.h - the pages a request is answered with, made from its
 * parameters: search, API, article, comparison, and their error pages.
 * No libmicrohttpd here: the server reads the request and sends the page
 * (and keeps static files, /healthz and the streamed exports to itself);
 * the HTTP fuzz target calls this directly.
 */
#ifndef LVZHI_ROUTES_H
#define LVZHI_ROUTES_H

#include "../common/buf.h"
#include "../common/err.h"
#include "params.h"

struct searcher;

struct route_page {
    unsigned status;  /* 200, or 400, 404, 414, 500 with an error page */
    const char *type; /* content type (a static string) */
    struct buf body;  /* the caller releases it */
};

/* The route `path` names; *arg points into path after a prefix route's
 * prefix (/doc/ID, /file/ID, /export.FMT), else it is NULL. */
enum params_route route_of(const char *path, const char **arg);

/* 1 if route_render makes rt's page (the server answers the others itself:
 * the stylesheet, /healthz, exports and originals, which it streams). */
int route_has_page(enum params_route rt);

/*
 * The page of route rt (one route_has_page accepts; arg as route_of
 * gives it) for p, searched with s.  0, or LV_ENOMEM when not even an
 * error page could be made.
 */
LV_MUST_CHECK
int route_render(struct searcher *s, const struct params *p,
                 enum params_route rt, const char *arg, struct route_page *out);

#endif
