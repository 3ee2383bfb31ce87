/*
 * params.h - a request's target: the route its path selects, and its
 * query parameters (q, sort, from, to, page, cities and the filter
 * fields), made valid UTF-8 and bounded, turned into a search request,
 * and written back as URLs for links that add or remove one.  Only
 * params_read needs a connection, so the rest can be tested and fuzzed
 * without a socket (tests/fuzz/fuzz_http.c).
 */
#ifndef LVZHI_PARAMS_H
#define LVZHI_PARAMS_H

#include <stddef.h>

#include "../common/buf.h"
#include "../common/err.h"
#include "../search/query.h"
#include "../search/search.h"

#define PARAMS_MAX_FILTERS 32
#define PARAMS_MAX_VALUE 2000 /* bytes; longer values are refused */
#define PARAMS_MAX_CITIES 4   /* cities on the compare page */

struct params {
    char *q, *sort, *from, *to, *cities;
    unsigned page;       /* 1-based */
    unsigned limit;      /* results per page ("n"; 0: not given) */
    int all;             /* all=1: only articles with every part */
    int no_expand;       /* expand=0: no part is widened */
    int no_collapse;     /* collapse=0: every copy is a hit */
    int english_headers; /* headers=en: CSV header row in English */
    int full_text;       /* text=full: CSV with the whole text */
    int snippets_only;   /* text=snippets: a Word digest of passages */
    int limit_seen;
    struct query_filter filters[PARAMS_MAX_FILTERS];
    size_t nfilters;
    int too_long;                        /* a value was over PARAMS_MAX_VALUE */
    char *owned[PARAMS_MAX_FILTERS + 8]; /* strings to free */
    size_t nowned;
};

/* What a request path asks for (the path as libmicrohttpd passes it,
 * percent-decoded, without the query); web/routes.c maps paths to it. */
enum params_route {
    PARAMS_ROUTE_NONE,    /* no such page: 404 */
    PARAMS_ROUTE_STATIC,  /* /static/style.css */
    PARAMS_ROUTE_HEALTHZ, /* /healthz */
    PARAMS_ROUTE_SEARCH,  /* / and /search */
    PARAMS_ROUTE_API,     /* /api/search */
    PARAMS_ROUTE_DOC,     /* /doc/ID: *arg is ID (checked by searcher_get) */
    PARAMS_ROUTE_COMPARE, /* /compare */
    PARAMS_ROUTE_EXPORT,  /* /export.FMT: *arg is FMT */
    PARAMS_ROUTE_FEED,    /* /feed.atom */
    PARAMS_ROUTE_FILE,    /* /file/ID: the original file; *arg is ID */
};

/* Empty parameters: every string NULL, page 1. */
void params_init(struct params *p);

/*
 * Take one query argument, already percent-decoded, as libmicrohttpd
 * passes it (value is NULL for a bare "key", and such keys are ignored).
 * The first q, sort, from, to and cities win, empty from/to and filter
 * values are ignored, the last page wins, filter fields (query.h) add a
 * filter each (PARAMS_MAX_FILTERS at most); other keys are ignored.
 * Values are copied and made valid UTF-8; one that is then over
 * PARAMS_MAX_VALUE bytes is cut at a character boundary and sets
 * too_long.  0, or LV_ENOMEM when the value was dropped.
 */
LV_MUST_CHECK
int params_add(struct params *p, const char *key, const char *value);

/* params_init, then params_add every GET argument of a connection. */
struct MHD_Connection;
void params_read(struct MHD_Connection *c, struct params *p);
void params_release(struct params *p);

/* The search a page asks for: query, filters, dates, sort ("date" or
 * relevance), `limit` hits from page p->page, facets on.  q points into
 * p, which must outlive it. */
void params_request(const struct params *p, struct search_request *q,
                    unsigned limit);

/*
 * The cities of the compare page: p->cities split at ASCII or full-width
 * commas, enumeration commas (、) and spaces, at most PARAMS_MAX_CITIES.
 * The names point into *list, a copy the caller frees with free().
 * Returns how many; 0 with *list NULL when p->cities is NULL or memory
 * ran out.
 */
size_t params_cities(const struct params *p, char **list,
                     char *cities[PARAMS_MAX_CITIES]);

/* 1 if p->cities names more than PARAMS_MAX_CITIES (the rest are not
 * compared: the page says so). */
int params_cities_over(const struct params *p);

/* Append a URL-encoded string. */
int params_url_encode(struct buf *out, const char *s);

/*
 * Append the URL path?query of p with changes: `drop_field`/`drop_value`
 * removes one filter (NULL: none), `add_field`/`add_value` adds one,
 * page 0 means no page.  The result is HTML-attribute safe.
 */
int params_url(struct buf *out, const char *path, const struct params *p,
               const char *drop_field, const char *drop_value,
               const char *add_field, const char *add_value, const char *sort,
               unsigned page);

#endif
