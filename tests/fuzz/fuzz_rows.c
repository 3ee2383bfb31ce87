/* fuzz_rows.c - JSON Lines and CSV exports (the first byte chooses):
 * no crash, no read past the input; every member has an id and text
 * without NUL bytes; every problem names a line.  The rest of the input
 * also goes to the JSON object reader alone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/jsonread.h"
#include "../../indexer/container.h"

static int on_field(const char *name, const char *value, size_t len, void *ctx)
{
    (void)ctx;
    if (!name || !value || value[len] != '\0')
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct container c;
    struct lv_err err = {0};
    const char *why = NULL;
    size_t i, col = 0;
    char *copy;

    if (size < 1)
        return 0;
    copy = malloc(size - 1 ? size - 1 : 1);
    if (!copy)
        return 0;
    memcpy(copy, data + 1, size - 1);
    if (container_read(data[0] & 1 ? "csv" : "jsonl", copy, size - 1, &c, &err)
        == 0) {
        for (i = 0; i < c.n; i++) {
            const struct member *m = &c.members[i];

            if (!m->id[0] || !m->bytes || m->len == 0
                || strlen(m->bytes) != m->len)
                abort();
        }
        for (i = 0; i < c.problems.n; i++)
            if (strncmp(c.problems.v[i], "line ", 5) != 0)
                abort();
    }
    container_release(&c);
    if (json_read_object(copy, size - 1, on_field, NULL, &why, &col)
            == LV_EINVAL
        && (!why || col == 0 || col > size))
        abort();
    free(copy);
    return 0;
}
