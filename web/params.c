/*
 * params.c - query parameters in, links out (see params.h).
 */
#include "params.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/err.h"
#include "../text/utf8.h"
#include "server.h"

/*
 * A copy of v, made valid UTF-8, for p to free.  The bound applies to the
 * value as kept, not as sent: an invalid byte becomes a 3-byte U+FFFD,
 * and every link on the page repeats the value, so a value that grew past
 * PARAMS_MAX_VALUE would turn those links into 414s.
 */
static char *keep(struct params *p, const char *v)
{
    size_t len;
    char *s;

    if (p->nowned == sizeof(p->owned) / sizeof(p->owned[0]))
        return NULL;
    s = utf8_sanitize(v, strlen(v), &len);
    if (!s)
        return NULL;
    if (len > PARAMS_MAX_VALUE) {
        p->too_long = 1;
        s[utf8_cut(s, len, PARAMS_MAX_VALUE)] = '\0';
    }
    p->owned[p->nowned++] = s;
    return s;
}

void params_init(struct params *p)
{
    memset(p, 0, sizeof(*p));
    p->page = 1;
}

/* Store a copy of v in *slot unless *slot is set; LV_ENOMEM if dropped. */
static int keep_once(struct params *p, char **slot, const char *v)
{
    if (*slot)
        return 0;
    *slot = keep(p, v);
    return *slot ? 0 : LV_ENOMEM;
}

int params_add(struct params *p, const char *key, const char *value)
{
    if (key && (key[0] == 'n' || key[0] == 'N') && !key[1]) {
        /* The first n (any case, even bare), as libmicrohttpd's lookup
         * finds it; out of range means the default. */
        long v = value ? strtol(value, NULL, 10) : 0;

        if (!p->limit_seen)
            p->limit = v >= 1 && v <= SERVER_MAX_PAGE_SIZE ? (unsigned)v : 0;
        p->limit_seen = 1;
        return 0;
    }
    if (!key || !value)
        return 0;
    if (strcmp(key, "q") == 0)
        return keep_once(p, &p->q, value);
    if (strcmp(key, "sort") == 0)
        return keep_once(p, &p->sort, value);
    if (strcmp(key, "from") == 0)
        return *value ? keep_once(p, &p->from, value) : 0;
    if (strcmp(key, "to") == 0)
        return *value ? keep_once(p, &p->to, value) : 0;
    if (strcmp(key, "cities") == 0)
        return keep_once(p, &p->cities, value);
    if (strcmp(key, "all") == 0) {
        p->all = strcmp(value, "1") == 0;
        return 0;
    }
    if (strcmp(key, "expand") == 0) {
        p->no_expand = strcmp(value, "0") == 0;
        return 0;
    }
    if (strcmp(key, "collapse") == 0) {
        p->no_collapse = strcmp(value, "0") == 0;
        return 0;
    }
    if (strcmp(key, "headers") == 0) {
        p->english_headers = strcmp(value, "en") == 0;
        return 0;
    }
    if (strcmp(key, "text") == 0) {
        p->full_text = strcmp(value, "full") == 0;
        p->snippets_only = strcmp(value, "snippets") == 0;
        return 0;
    }
    if (strcmp(key, "page") == 0) {
        long v = strtol(value, NULL, 10);

        p->page = v > 0 && v < 100000 ? (unsigned)v : 1;
        return 0;
    }
    if (query_field_prefix(key) && *value && p->nfilters < PARAMS_MAX_FILTERS) {
        struct query_filter *f = &p->filters[p->nfilters];
        size_t i;

        for (i = 0; query_filter_fields[i]; i++)
            if (strcmp(query_filter_fields[i], key) == 0)
                break;
        f->field = query_filter_fields[i];
        f->value = keep(p, value);
        if (!f->value)
            return LV_ENOMEM;
        p->nfilters++;
    }
    return 0;
}

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind,
                              const char *key, const char *value)
{
    (void)kind;
    /* A value dropped for want of memory is just missing. */
    lv_ignore(params_add(cls, key, value));
    return MHD_YES;
}

void params_read(struct MHD_Connection *c, struct params *p)
{
    params_init(p);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_arg, p);
}

void params_release(struct params *p)
{
    size_t i;

    for (i = 0; i < p->nowned; i++)
        free(p->owned[i]);
    memset(p, 0, sizeof(*p));
}

int params_url_encode(struct buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
            || c == '~')
            buf_addch(out, (char)c);
        else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};

            buf_add(out, e, 3);
        }
    }
    return buf_error(out);
}

static void arg(struct buf *out, int *first, const char *k, const char *v)
{
    if (!v || !*v)
        return;
    buf_addstr(out, *first ? "?" : "&amp;");
    buf_addstr(out, k);
    buf_addch(out, '=');
    params_url_encode(out, v);
    *first = 0;
}

int params_url(struct buf *out, const char *path, const struct params *p,
               const char *drop_field, const char *drop_value,
               const char *add_field, const char *add_value, const char *sort,
               unsigned page)
{
    int first = 1;
    size_t i;
    char num[16];

    buf_addstr(out, path);
    arg(out, &first, "q", p->q);
    for (i = 0; i < p->nfilters; i++) {
        if (drop_field && strcmp(drop_field, p->filters[i].field) == 0
            && strcmp(drop_value, p->filters[i].value) == 0)
            continue;
        arg(out, &first, p->filters[i].field, p->filters[i].value);
    }
    if (add_field)
        arg(out, &first, add_field, add_value);
    arg(out, &first, "from", p->from);
    arg(out, &first, "to", p->to);
    arg(out, &first, "sort", sort);
    if (p->all)
        arg(out, &first, "all", "1");
    if (p->no_expand)
        arg(out, &first, "expand", "0");
    if (p->no_collapse)
        arg(out, &first, "collapse", "0");
    if (page > 1) {
        snprintf(num, sizeof(num), "%u", page);
        arg(out, &first, "page", num);
    }
    return buf_error(out);
}

void params_request(const struct params *p, struct search_request *q,
                    unsigned limit)
{
    memset(q, 0, sizeof(*q));
    q->query = p->q ? p->q : "";
    q->filters = p->filters;
    q->nfilters = p->nfilters;
    q->date_from = p->from;
    q->date_to = p->to;
    q->sort = p->sort && strcmp(p->sort, "date") == 0 ? SEARCH_SORT_DATE_DESC
                                                      : SEARCH_SORT_RELEVANCE;
    q->limit = limit;
    q->offset = (p->page - 1) * limit;
    q->facets = 1;
    q->all = p->all;
    q->no_expand = p->no_expand;
    q->no_collapse = p->no_collapse;
}

/* The length of the city separator at s (",", " ", "，" or "、"), or 0. */
static size_t city_sep(const char *s)
{
    static const char *const seps[] = {",", " ", "，", "、"};
    size_t i, len;

    for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
        len = strlen(seps[i]);
        if (strncmp(s, seps[i], len) == 0)
            return len;
    }
    return 0;
}

/*
 * Separators are matched as whole characters: strtok_r(",，、 ") would
 * cut at any of their bytes, and 0x80, 0x8C or 0xBC inside 宜昌市 or
 * 昭通市 split the name into invalid UTF-8.  A separator starts with a
 * lead byte, so in valid UTF-8 it never matches inside a character.
 */
size_t params_cities(const struct params *p, char **list,
                     char *cities[PARAMS_MAX_CITIES])
{
    size_t n = 0, k;
    char *s;

    *list = p->cities ? strdup(p->cities) : NULL;
    if (!*list)
        return 0;
    s = *list;
    while (n < PARAMS_MAX_CITIES) {
        while ((k = city_sep(s)) > 0)
            s += k;
        if (!*s)
            break;
        cities[n++] = s;
        while (*s && !city_sep(s))
            s++;
        k = city_sep(s);
        *s = '\0';
        s += k;
    }
    return n;
}

int params_cities_over(const struct params *p)
{
    char *list, *cities[PARAMS_MAX_CITIES];
    size_t n = params_cities(p, &list, cities), k;
    const char *s;
    int over = 0;

    if (n == PARAMS_MAX_CITIES) {
        /* past the last one taken (in the original, where its end is
         * still a separator): anything but separators is a name */
        s = p->cities + (cities[n - 1] + strlen(cities[n - 1]) - list);
        while ((k = city_sep(s)) > 0)
            s += k;
        over = *s != '\0';
    }
    free(list);
    return over;
}
