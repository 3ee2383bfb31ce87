/* record.c - stored document records (see record.h). */
#include "record.h"
#include "err.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair {
    char *key;
    char *value;
};

struct record {
    struct pair *pairs;
    size_t n, cap;
};

struct record *record_new(void)
{
    return calloc(1, sizeof(struct record));
}

void record_free(struct record *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        free(r->pairs[i].key);
        free(r->pairs[i].value);
    }
    free(r->pairs);
    free(r);
}

static int record_push(struct record *r, char *key, char *value)
{
    struct pair *p = grow_one(r->pairs, r->n, &r->cap, sizeof(*p), 16);

    if (!p)
        return LV_ENOMEM;
    r->pairs = p;
    r->pairs[r->n].key = key;
    r->pairs[r->n].value = value;
    r->n++;
    return 0;
}

int record_add(struct record *r, const char *key, const char *value)
{
    char *k, *v;

    if (!value)
        return 0;
    k = strdup(key);
    v = strdup(value);
    if (!k || !v || record_push(r, k, v) < 0) {
        free(k);
        free(v);
        return LV_ENOMEM;
    }
    return 0;
}

const char *record_get_nth(const struct record *r, const char *key, size_t n)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (strcmp(r->pairs[i].key, key) == 0 && n-- == 0)
            return r->pairs[i].value;
    return NULL;
}

const char *record_get(const struct record *r, const char *key)
{
    return record_get_nth(r, key, 0);
}

size_t record_count(const struct record *r)
{
    return r->n;
}

void record_pair(const struct record *r, size_t i, const char **key,
                 const char **value)
{
    *key = r->pairs[i].key;
    *value = r->pairs[i].value;
}

/* Escape the three bytes that structure the format. */
static void write_escaped(struct buf *out, const char *s)
{
    const char *run = s;

    for (; *s; s++) {
        const char *esc = NULL;

        if (*s == '\\')
            esc = "\\\\";
        else if (*s == '\t')
            esc = "\\t";
        else if (*s == '\n')
            esc = "\\n";
        if (!esc)
            continue;
        buf_add(out, run, (size_t)(s - run));
        buf_add(out, esc, 2);
        run = s + 1;
    }
    buf_addstr(out, run);
}

int record_write(const struct record *r, struct buf *out)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        buf_addstr(out, r->pairs[i].key);
        buf_addch(out, '\t');
        write_escaped(out, r->pairs[i].value);
        buf_addch(out, '\n');
    }
    return buf_error(out);
}

/* Undo write_escaped on s[0..len-1]; a lone trailing backslash is kept. */
static char *unescape(const char *s, size_t len)
{
    char *out = malloc(len + 1), *o = out;
    size_t i;

    if (!out)
        return NULL;
    for (i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            char c = s[++i];

            *o++ = c == 't' ? '\t' : c == 'n' ? '\n' : c;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

struct record *record_parse(const char *data, size_t len)
{
    struct record *r = record_new();
    const char *p = data, *end = data + len;

    if (!r)
        return NULL;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(line_end - p));

        if (tab) {
            char *k = strndup(p, (size_t)(tab - p));
            char *v = unescape(tab + 1, (size_t)(line_end - tab - 1));

            if (!k || !v || record_push(r, k, v) < 0) {
                free(k);
                free(v);
                record_free(r);
                return NULL;
            }
        }
        p = line_end + 1;
    }
    return r;
}

struct record *record_card(const struct record *r)
{
    static const char *const keys[] = {"id",     "title", "date",
                                       "source", "url",   "path"};
    struct record *card = record_new();
    const char *body = record_get(r, "body"), *had = record_get(r, "length");
    char len[24];
    size_t k;

    if (had)
        snprintf(len, sizeof(len), "%s", had);
    else
        snprintf(len, sizeof(len), "%zu", body ? strlen(body) : 0);
    for (k = 0; card && k < sizeof(keys) / sizeof(keys[0]); k++)
        if (record_get(r, keys[k])
            && record_add(card, keys[k], record_get(r, keys[k])) < 0) {
            record_free(card);
            return NULL;
        }
    if (card && record_add(card, "length", len) < 0) {
        record_free(card);
        return NULL;
    }
    return card;
}

unsigned record_page_at(const struct record *r, size_t at)
{
    const char *p = record_get(r, "pages");
    unsigned page = 1;

    if (!p || !*p)
        return 0;
    while (*p) {
        char *end;
        unsigned long long start = strtoull(p, &end, 10);

        if (end == p || start > at)
            break;
        page++;
        p = *end == ',' ? end + 1 : end;
        if (*end != ',')
            break;
    }
    return page;
}
