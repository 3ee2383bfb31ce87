/* fuzz_stub.c - a stub file's lines: no crash or leak, and what it gives
 * is whole: at least one shard, each of a known kind with its fields (a
 * port in range, a path, a program) and nothing longer than the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../xapian/stub.h"

static void check(const struct stub_shard *s, size_t size)
{
    switch (s->kind) {
    case STUB_LOCAL:
        if (!s->path || !*s->path || strlen(s->path) > size)
            abort();
        break;
    case STUB_TCP:
        if (!s->host || !*s->host || s->port < 1 || s->port > 65535)
            abort();
        break;
    case STUB_PROG:
        if (!s->program || !*s->program || !s->args
            || strlen(s->program) + strlen(s->args) > size)
            abort();
        break;
    default: abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct stub_shard *s = NULL;
    struct lv_err err = {0};
    size_t n = 0, i;
    int rc = stub_parse((const char *)data, size, &s, &n, &err);

    if (rc == 0 && (n < 1 || n > STUB_MAX_SHARDS || !s))
        abort();
    if (rc < 0 && (s || n || !err.msg[0]))
        abort();
    for (i = 0; i < n; i++)
        check(&s[i], size);
    stub_free(s, n);
    return 0;
}
