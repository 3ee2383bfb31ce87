/* fuzz_urldate.c - a date in a URL's path: no crash, no read past the
 * string, and a found date is a real calendar day of 1995-2099. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/urldate.h"

static int real(const char *ymd)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;

    if (strlen(ymd) != 8 || sscanf(ymd, "%4d%2d%2d", &y, &m, &d) != 3)
        return 0;
    return y >= 1995 && y <= 2099 && m >= 1 && m <= 12 && d >= 1
           && d <= mdays[m - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *url = malloc(size + 1), ymd[9];

    if (!url)
        return 0;
    memcpy(url, data, size);
    url[size] = '\0';
    if (urldate_find(url, ymd) && !real(ymd))
        abort();
    free(url);
    return 0;
}
