/*
 * urldate.c - a date in a URL's path (see urldate.h).
 *
 * Patterns, tried at each run of digits that starts a path segment or
 * follows a letter or '_' / '-' (t20231109_, content_20240313):
 *   YYYYMMDD          8 digits
 *   YYYY[-/_]MM[-/_]DD
 *   YYYYMM/DD         6 digits, '/', 2 digits
 *   YYYY/MMDD         /2020/0919/
 *   YYYY-MM/DD        (any of the separators between the parts)
 *   MM-DD-YYYY        /article/12-14-2024/
 * A run of more than 8 digits (an id, a timestamp) is not a date.
 */
#include "urldate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int run_len(const char *s)
{
    int n = 0;

    while (isdigit((unsigned char)s[n]))
        n++;
    return n;
}

static int num(const char *s, int n)
{
    int v = 0;

    while (n--)
        v = v * 10 + (*s++ - '0');
    return v;
}

static int real_day(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    if (y < 1995 || y > 2099 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap);
}

static int is_sep(char c)
{
    return c == '-' || c == '/' || c == '_';
}

static int date_at(const char *p, char ymd[9])
{
    int n = run_len(p), y, m, d;

    if (n == 8) {
        y = num(p, 4), m = num(p + 4, 2), d = num(p + 6, 2);
    } else if (n == 6 && p[6] == '/' && run_len(p + 7) == 2) {
        y = num(p, 4), m = num(p + 4, 2), d = num(p + 7, 2);
    } else if (n == 4 && p[4] == '/' && run_len(p + 5) == 4) {
        y = num(p, 4), m = num(p + 5, 2), d = num(p + 7, 2);
    } else if (n == 2 && p[2] == '-' && run_len(p + 3) == 2 && p[5] == '-'
               && run_len(p + 6) == 4) {
        m = num(p, 2), d = num(p + 3, 2), y = num(p + 6, 4);
    } else if (n == 4 && is_sep(p[4])
               && (run_len(p + 5) == 2 || run_len(p + 5) == 1)) {
        int ml = run_len(p + 5), dl;
        const char *q = p + 5 + ml;

        if (!is_sep(*q))
            return 0;
        dl = run_len(q + 1);
        if (dl != 1 && dl != 2)
            return 0;
        y = num(p, 4), m = num(p + 5, ml), d = num(q + 1, dl);
    } else {
        return 0;
    }
    if (!real_day(y, m, d))
        return 0;
    snprintf(ymd, 9, "%04d%02d%02d", y % 10000, m % 100, d % 100);
    return 1;
}

int urldate_find(const char *url, char ymd[9])
{
    const char *p = strstr(url, "://");

    p = p ? strchr(p + 3, '/') : strchr(url, '/');
    for (; p && *p && *p != '#'; p++) {
        unsigned char before;

        if (!isdigit((unsigned char)*p))
            continue;
        before = (unsigned char)p[-1]; /* p is past the first '/' */
        if (isdigit(before))
            continue;
        if (!(before == '/' || before == '_' || before == '-' || before == '='
              || isalpha(before)))
            continue;
        if (date_at(p, ymd))
            return 1;
    }
    return 0;
}
