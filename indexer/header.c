/*
 * header.c - the metadata block at the top of a text file (see header.h).
 */
#include "header.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/err.h"
#include "clean.h"

enum field { F_URL, F_TITLE, F_SOURCE, F_DATE, F_OTHER };

/* One table: the key as written, and what it names.  ASCII keys are
 * matched without regard to case. */
static const struct {
    const char *key;
    enum field field;
} keys[] = {
    {"URL", F_URL},       {"链接", F_URL},       {"鏈接", F_URL},
    {"网址", F_URL},      {"網址", F_URL},       {"原文链接", F_URL},
    {"原文鏈接", F_URL},  {"原文地址", F_URL},   {"Link", F_URL},
    {"标题", F_TITLE},    {"標題", F_TITLE},     {"Title", F_TITLE},
    {"来源", F_SOURCE},   {"來源", F_SOURCE},    {"Source", F_SOURCE},
    {"日期", F_DATE},     {"发布时间", F_DATE},  {"發布時間", F_DATE},
    {"發佈時間", F_DATE}, {"时间", F_DATE},      {"時間", F_DATE},
    {"发布日期", F_DATE}, {"發布日期", F_DATE},  {"Date", F_DATE},
    {"作者", F_OTHER},    {"Author", F_OTHER},   {"编辑", F_OTHER},
    {"編輯", F_OTHER},    {"责任编辑", F_OTHER}, {"責任編輯", F_OTHER},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* If s is "KEY: value" (ASCII or full-width colon, spaces allowed
 * around it) with a known key, the key's field and the value. */
static int header_line(const char *s, enum field *field, const char **value)
{
    size_t i;

    for (i = 0; i < N(keys); i++) {
        size_t kl = strlen(keys[i].key);
        const char *p = s + kl;

        if ((unsigned char)keys[i].key[0] < 0x80
                ? strncasecmp(s, keys[i].key, kl) != 0
                : strncmp(s, keys[i].key, kl) != 0)
            continue;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == ':')
            p++;
        else if (strncmp(p, "：", 3) == 0)
            p += 3;
        else
            continue;
        while (*p == ' ' || *p == '\t')
            p++;
        *field = keys[i].field;
        *value = p;
        return 1;
    }
    return 0;
}

static int is_url(const char *s)
{
    return (strncasecmp(s, "http://", 7) == 0
            || strncasecmp(s, "https://", 8) == 0)
           && !strpbrk(s, " \t\"<>");
}

/* Keep the first value of each field; an empty or ill-formed one is
 * metadata still (it is dropped, not read as text). */
static int take(struct text_header *h, enum field field, const char *value)
{
    size_t len = strlen(value), at;
    char ymd[9];

    switch (field) {
    case F_URL:
        if (!h->url && is_url(value)) {
            char *c;

            h->url = strdup(value);
            if (!h->url)
                return LV_ENOMEM;
            for (c = h->url; *c != ':'; c++) /* HTTPS:// → https:// */
                *c = (char)tolower((unsigned char)*c);
        }
        break;
    case F_TITLE:
        if (!h->title && len && !(h->title = strdup(value)))
            return LV_ENOMEM;
        break;
    case F_SOURCE:
        /* out of memory here only loses the source, as in clean.c */
        if (!h->source && len)
            h->source = clean_source_value(value);
        break;
    case F_DATE:
        if (!h->date[0] && clean_find_date(value, &at, ymd))
            memcpy(h->date, ymd, sizeof(h->date));
        break;
    case F_OTHER: break;
    }
    return 0;
}

int text_header_read(char *const *lines, size_t n, struct text_header *h)
{
    size_t i, last = 0;
    int found = 0;

    memset(h, 0, sizeof(*h));
    for (i = 0; i < n; i++) {
        enum field field;
        const char *value;
        int rc;

        if (!lines[i][0])
            continue;
        if (!header_line(lines[i], &field, &value))
            break;
        rc = take(h, field, value);
        if (rc < 0)
            return rc;
        found = 1;
        last = i + 1;
    }
    h->lines = found ? last : 0;
    return 0;
}

void text_header_release(struct text_header *h)
{
    free(h->url);
    free(h->title);
    free(h->source);
    memset(h, 0, sizeof(*h));
}
