/*
 * params.c - query parameters in, links out (see params.h).
 */
#include "params.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/utf8.h"

static char *keep(struct params *p, const char *v)
{
    size_t len = strlen(v);
    char *s;

    if (len > PARAMS_MAX_VALUE) {
        p->too_long = 1;
        len = PARAMS_MAX_VALUE;
    }
    if (p->nowned == sizeof(p->owned) / sizeof(p->owned[0]))
        return NULL;
    s = utf8_sanitize(v, len, NULL);
    if (s)
        p->owned[p->nowned++] = s;
    return s;
}

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind,
                              const char *key, const char *value)
{
    struct params *p = cls;

    (void)kind;
    if (!key || !value)
        return MHD_YES;
    if (strcmp(key, "q") == 0 && !p->q)
        p->q = keep(p, value);
    else if (strcmp(key, "sort") == 0 && !p->sort)
        p->sort = keep(p, value);
    else if (strcmp(key, "from") == 0 && !p->from && *value)
        p->from = keep(p, value);
    else if (strcmp(key, "to") == 0 && !p->to && *value)
        p->to = keep(p, value);
    else if (strcmp(key, "cities") == 0 && !p->cities)
        p->cities = keep(p, value);
    else if (strcmp(key, "page") == 0) {
        long v = strtol(value, NULL, 10);

        p->page = v > 0 && v < 100000 ? (unsigned)v : 1;
    } else if (query_field_prefix(key) && *value
               && p->nfilters < PARAMS_MAX_FILTERS) {
        size_t i;

        for (i = 0; query_filter_fields[i]; i++)
            if (strcmp(query_filter_fields[i], key) == 0)
                break;
        p->filters[p->nfilters].field = query_filter_fields[i];
        p->filters[p->nfilters].value = keep(p, value);
        if (p->filters[p->nfilters].value)
            p->nfilters++;
    }
    return MHD_YES;
}

void params_read(struct MHD_Connection *c, struct params *p)
{
    memset(p, 0, sizeof(*p));
    p->page = 1;
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
    int rc = 0;

    for (; *s && rc == 0; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
            || c == '~')
            rc = buf_addch(out, (char)c);
        else {
            char e[3] = { '%', hex[c >> 4], hex[c & 15] };

            rc = buf_add(out, e, 3);
        }
    }
    return rc;
}

static int arg(struct buf *out, int *first, const char *k, const char *v)
{
    if (!v || !*v)
        return 0;
    if (buf_addstr(out, *first ? "?" : "&amp;") < 0 || buf_addstr(out, k) < 0
        || buf_addch(out, '=') < 0 || params_url_encode(out, v) < 0)
        return LV_ENOMEM;
    *first = 0;
    return 0;
}

int params_url(struct buf *out, const char *path, const struct params *p,
               const char *drop_field, const char *drop_value,
               const char *add_field, const char *add_value,
               const char *sort, unsigned page)
{
    int first = 1, rc = buf_addstr(out, path);
    size_t i;
    char num[16];

    if (rc == 0)
        rc = arg(out, &first, "q", p->q);
    for (i = 0; i < p->nfilters && rc == 0; i++) {
        if (drop_field && strcmp(drop_field, p->filters[i].field) == 0
            && strcmp(drop_value, p->filters[i].value) == 0)
            continue;
        rc = arg(out, &first, p->filters[i].field, p->filters[i].value);
    }
    if (rc == 0 && add_field)
        rc = arg(out, &first, add_field, add_value);
    if (rc == 0)
        rc = arg(out, &first, "from", p->from);
    if (rc == 0)
        rc = arg(out, &first, "to", p->to);
    if (rc == 0)
        rc = arg(out, &first, "sort", sort);
    if (rc == 0 && page > 1) {
        snprintf(num, sizeof(num), "%u", page);
        rc = arg(out, &first, "page", num);
    }
    return rc;
}
