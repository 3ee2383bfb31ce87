/* fuzz_docx.c - Word documents: broken zips, bad XML and bombs give a
 * reason and never crash; a read one has a title and a body of valid
 * UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/docx.h"
#include "read_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct article a;
    struct lv_err err = {0};
    char *copy = malloc(size ? size : 1);

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    check_read(docx_read(copy, size, &a, &err), &a, &err);
    article_release(&a);
    free(copy);
    return 0;
}
