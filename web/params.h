/*
 * params.h - a request's query parameters (q, sort, from, to, page, and
 * the filter fields), read from libmicrohttpd, made valid UTF-8 and
 * bounded, and written back as URLs for links that add or remove one.
 */
#ifndef LVZHI_PARAMS_H
#define LVZHI_PARAMS_H

#include <stddef.h>

#include "../common/buf.h"
#include "../search/query.h"

#define PARAMS_MAX_FILTERS 32
#define PARAMS_MAX_VALUE 2000   /* bytes; longer values are refused */

struct params {
    char *q, *sort, *from, *to, *cities;
    unsigned page;              /* 1-based */
    struct query_filter filters[PARAMS_MAX_FILTERS];
    size_t nfilters;
    int too_long;               /* a value was over PARAMS_MAX_VALUE */
    char *owned[PARAMS_MAX_FILTERS + 8];   /* strings to free */
    size_t nowned;
};

struct MHD_Connection;

/* Read the GET arguments of a connection. */
void params_read(struct MHD_Connection *c, struct params *p);
void params_release(struct params *p);

/* Append a URL-encoded string. */
int params_url_encode(struct buf *out, const char *s);

/*
 * Append the URL path?query of p with changes: `drop_field`/`drop_value`
 * removes one filter (NULL: none), `add_field`/`add_value` adds one,
 * page 0 means no page.  The result is HTML-attribute safe.
 */
int params_url(struct buf *out, const char *path, const struct params *p,
               const char *drop_field, const char *drop_value,
               const char *add_field, const char *add_value,
               const char *sort, unsigned page);

#endif
