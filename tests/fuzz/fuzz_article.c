/* fuzz_article.c - HTML/text extraction and cleaning (header block,
 * headline, byline, URL date): no crash, valid UTF-8 title, body and
 * source and url (no line breaks in it), a date that is 8 digits exactly
 * when its origin is known. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/article.h"
#include "../../text/utf8.h"

static void check(const struct article *a)
{
    if (a->title && !utf8_valid(a->title, strlen(a->title)))
        abort();
    if (a->body && !utf8_valid(a->body, a->body_len))
        abort();
    if (a->title && strlen(a->title) > ARTICLE_MAX_TITLE + 4)
        abort();
    if (a->source && !utf8_valid(a->source, strlen(a->source)))
        abort();
    if ((a->date == NULL) != (a->date_from == DATE_FROM_NONE))
        abort();
    if (a->date && (strlen(a->date) != 8 || strspn(a->date, "0123456789") != 8))
        abort();
    if (a->url
        && (!utf8_valid(a->url, strlen(a->url)) || strpbrk(a->url, "\r\n\t")))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct article a = {0};

    if (article_from_html((const char *)data, size, &a, NULL) == 0)
        check(&a);
    article_release(&a);
    memset(&a, 0, sizeof(a));
    if (article_from_text((const char *)data, size, &a, NULL) == 0)
        check(&a);
    article_release(&a);
    return 0;
}
