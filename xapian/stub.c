/*
 * stub.c - reading a stub file's lines (see stub.h), as Xapian 1.4 reads
 * them (its read_stub_file): a line is a kind, one space, and the rest.
 */
#include "stub.h"

#include <stdlib.h>
#include <string.h>

void stub_free(struct stub_shard *s, size_t n)
{
    size_t i;

    for (i = 0; s && i < n; i++) {
        free(s[i].path);
        free(s[i].host);
        free(s[i].program);
        free(s[i].args);
    }
    free(s);
}

static int kind_is(const char *p, size_t len, const char *kind)
{
    return len == strlen(kind) && memcmp(p, kind, len) == 0;
}

/* "HOST:PORT" or "[V6ADDR]:PORT" into sh: 1, -1 (why in *why), -2 out of
 * memory. */
static int tcp_shard(const char *p, const char *end, struct stub_shard *sh,
                     const char **why)
{
    const char *colon = NULL, *q, *host = p, *host_end;
    unsigned long port = 0;

    for (q = p; q < end; q++)
        if (*q == ':')
            colon = q;
    if (!colon || colon == p || colon + 1 == end) {
        *why = "needs HOST:PORT (or :PROGRAM ARGS)";
        return -1;
    }
    for (q = colon + 1; q < end; q++) {
        if (*q < '0' || *q > '9' || port > 65535)
            break;
        port = port * 10 + (unsigned long)(*q - '0');
    }
    if (q != end || port == 0 || port > 65535) {
        *why = "has a bad port (1 to 65535)";
        return -1;
    }
    host_end = colon;
    if (*host == '[' && host_end - host > 2 && host_end[-1] == ']') {
        host++;
        host_end--;
    }
    sh->kind = STUB_TCP;
    sh->port = (unsigned)port;
    sh->host = strndup(host, (size_t)(host_end - host));
    return sh->host ? 1 : -2;
}

/* ":PROGRAM ARGS" into sh. */
static int prog_shard(const char *p, const char *end, struct stub_shard *sh,
                      const char **why)
{
    const char *space = memchr(p, ' ', (size_t)(end - p));
    const char *prog_end = space ? space : end;

    if (prog_end == p + 1) {
        *why = "names no program after ':'";
        return -1;
    }
    sh->kind = STUB_PROG;
    sh->program = strndup(p + 1, (size_t)(prog_end - p - 1));
    sh->args =
        space ? strndup(space + 1, (size_t)(end - space - 1)) : strdup("");
    return sh->program && sh->args ? 1 : -2;
}

/* One line (without its newline) into sh: 1, 0 for a blank or comment
 * line, -1 with why in *why, -2 out of memory. */
static int parse_line(const char *p, const char *end, struct stub_shard *sh,
                      const char **why)
{
    const char *space, *rest;
    size_t klen;

    if (end > p && end[-1] == '\r')
        end--; /* a file written on Windows */
    if (p == end || *p == '#')
        return 0;
    space = memchr(p, ' ', (size_t)(end - p));
    klen = (size_t)((space ? space : end) - p);
    rest = space ? space + 1 : end;
    if (rest == end) {
        *why = "names no shard";
        return -1;
    }
    if (kind_is(p, klen, "remote"))
        return *rest == ':' ? prog_shard(rest, end, sh, why)
                            : tcp_shard(rest, end, sh, why);
    if (kind_is(p, klen, "auto") || kind_is(p, klen, "glass")
        || kind_is(p, klen, "chert")) {
        sh->kind = STUB_LOCAL;
        sh->path = strndup(rest, (size_t)(end - rest)); /* may hold spaces */
        return sh->path ? 1 : -2;
    }
    *why = "is of an unknown kind (remote, auto, glass, chert)";
    return -1;
}

/* At most n bytes of s, cut before a UTF-8 character that would not fit. */
static int fit(const char *s, size_t len, size_t n)
{
    if (len <= n)
        return (int)len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

int stub_parse(const char *text, size_t len, struct stub_shard **out, size_t *n,
               struct lv_err *err)
{
    const char *p = text, *end = text + len;
    struct stub_shard *v = NULL;
    size_t k = 0, line = 0;

    *out = NULL;
    *n = 0;
    if (memchr(text, '\0', len))
        return lv_err_set(err, LV_EINVAL,
                          "not a stub file (it holds NUL "
                          "bytes)");
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *why = "";
        const char *eol = nl ? nl : end;
        struct stub_shard sh;
        int rc;

        line++;
        memset(&sh, 0, sizeof(sh));
        rc = parse_line(p, eol, &sh, &why);
        if (rc == 1 && k == STUB_MAX_SHARDS) {
            rc = -3;
        } else if (rc == 1) {
            struct stub_shard *grown = realloc(v, (k + 1) * sizeof(*v));

            if (grown) {
                v = grown;
                v[k++] = sh;
            } else {
                rc = -2;
            }
        }
        if (rc < 0) {
            stub_free(v, k);
            free(sh.path);
            free(sh.host);
            free(sh.program);
            free(sh.args);
            if (rc == -2)
                return lv_err_set(err, LV_ENOMEM, "out of memory");
            if (rc == -3)
                return lv_err_set(err, LV_EINVAL,
                                  "a stub file lists at "
                                  "most %d shards",
                                  STUB_MAX_SHARDS);
            return lv_err_set(err, LV_EINVAL, "line %zu %s: '%.*s'", line, why,
                              fit(p, (size_t)(eol - p), 60), p);
        }
        p = nl ? nl + 1 : end;
    }
    if (!k)
        return lv_err_set(err, LV_EINVAL, "it lists no shard");
    *out = v;
    *n = k;
    return 0;
}
