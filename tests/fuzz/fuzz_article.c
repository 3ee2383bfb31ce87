/* fuzz_article.c - HTML/text extraction and cleaning: no crash, valid
 * UTF-8 title and body. */
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct article a = { 0 };

    if (article_from_html((const char *)data, size, &a, NULL) == 0)
        check(&a);
    article_release(&a);
    memset(&a, 0, sizeof(a));
    if (article_from_text((const char *)data, size, &a, NULL) == 0)
        check(&a);
    article_release(&a);
    return 0;
}
