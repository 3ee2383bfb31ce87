/* fuzz_warc.c - web crawls (plain and gzipped): no crash, no read past
 * the input, and every member is an HTML page with its target URI as id
 * and URL, each id once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/container.h"
#include "../../indexer/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct container c;
    struct lv_err err = {0};
    char *copy = malloc(size ? size : 1); /* exactly size: no NUL after */
    size_t i;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    if (container_read("warc", copy, size, &c, &err) == 0) {
        for (i = 0; i < c.n; i++) {
            const struct member *m = &c.members[i];

            if (!m->id[0] || !m->is_html || !m->bytes || m->len == 0 || !m->url
                || strcmp(m->url, m->id) != 0)
                abort();
            if (i && strcmp(c.members[i - 1].id, m->id) == 0)
                abort();
        }
    }
    container_release(&c);
    free(copy);
    return 0;
}
