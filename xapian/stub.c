/*
 * stub.c - reading a stub file's lines (see stub.h).
 */
#include "stub.h"

#include <stdlib.h>
#include <string.h>

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* p..end without blanks at either end. */
static void trim(const char **p, const char **end)
{
    while (*p < *end && blank(**p))
        (*p)++;
    while (*end > *p && blank((*end)[-1]))
        (*end)--;
}

static size_t word_len(const char *p, const char *end)
{
    const char *q = p;

    while (q < end && !blank(*q))
        q++;
    return (size_t)(q - p);
}

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

/* "HOST:PORT" (HOST may be empty) into sh; 0, or -1 when the port is
 * not 1..65535. */
static int tcp_shard(const char *w, size_t len, struct stub_shard *sh)
{
    const char *colon = NULL, *p;
    unsigned long port = 0;

    for (p = w; p < w + len; p++)
        if (*p == ':')
            colon = p;
    if (colon == w + len - 1)
        return -1;
    for (p = colon + 1; p < w + len; p++) {
        if (*p < '0' || *p > '9' || port > 65535)
            return -1;
        port = port * 10 + (unsigned long)(*p - '0');
    }
    if (port == 0 || port > 65535)
        return -1;
    sh->kind = STUB_TCP;
    sh->port = (unsigned)port;
    sh->host = colon == w ? strdup("localhost") : strndup(w, (size_t)(colon - w));
    return 0;
}

/* One line's shard into sh: 1, 0 for a blank or comment line, or -1
 * with why in *why. */
static int parse_line(const char *p, const char *end, struct stub_shard *sh,
                      const char **why)
{
    size_t klen, alen;
    const char *arg, *rest;

    trim(&p, &end);
    if (p == end || *p == '#')
        return 0;
    klen = word_len(p, end);
    arg = p + klen;
    trim(&arg, &end);
    if (arg == end) {
        *why = "names no shard";
        return -1;
    }
    alen = word_len(arg, end);
    rest = arg + alen;
    trim(&rest, &end);
    if (klen == 6 && memcmp(p, "remote", 6) == 0) {
        if (rest == end && memchr(arg, ':', alen)) {
            if (tcp_shard(arg, alen, sh) < 0) {
                *why = "has a bad port (1 to 65535)";
                return -1;
            }
            return sh->host ? 1 : -2;
        }
        sh->kind = STUB_PROG;
        sh->program = strndup(arg, alen);
        sh->args = strndup(rest, (size_t)(end - rest));
        return sh->program && sh->args ? 1 : -2;
    }
    if ((klen == 4 && memcmp(p, "auto", 4) == 0)
        || (klen == 5 && (memcmp(p, "glass", 5) == 0
                          || memcmp(p, "chert", 5) == 0))) {
        sh->kind = STUB_LOCAL;
        sh->path = strndup(arg, (size_t)(end - arg));   /* may hold spaces */
        return sh->path ? 1 : -2;
    }
    *why = "is of an unknown kind (remote, auto, glass)";
    return -1;
}

int stub_parse(const char *text, size_t len, struct stub_shard **out,
               size_t *n, struct lv_err *err)
{
    const char *p = text, *end = text + len;
    struct stub_shard *v = NULL;
    size_t k = 0, line = 0;

    *out = NULL;
    *n = 0;
    if (memchr(text, '\0', len))
        return lv_err_set(err, LV_EINVAL, "not a stub file (it holds NUL "
                                          "bytes)");
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *why = "";
        const char *eol = nl ? nl : end;
        struct stub_shard sh;
        int rc;

        line++;
        memset(&sh, 0, sizeof(sh));
        rc = parse_line(p, eol, &sh, &why);
        if (rc == 1 && k < STUB_MAX_SHARDS) {
            struct stub_shard *grown = realloc(v, (k + 1) * sizeof(*v));

            if (grown) {
                v = grown;
                v[k++] = sh;
            } else {
                rc = -2;
            }
        } else if (rc == 1) {
            rc = -3;
        }
        if (rc < 0) {
            free(sh.path);
            free(sh.host);
            free(sh.program);
            free(sh.args);
            stub_free(v, k);
            if (rc == -2)
                return lv_err_set(err, LV_ENOMEM, "out of memory");
            if (rc == -3)
                return lv_err_set(err, LV_EINVAL, "a stub file lists at "
                                  "most %d shards", STUB_MAX_SHARDS);
            return lv_err_set(err, LV_EINVAL, "line %zu %s: '%.*s'", line,
                              why, (int)((eol - p) > 60 ? 60 : eol - p), p);
        }
        p = nl ? nl + 1 : end;
    }
    if (!k)
        return lv_err_set(err, LV_EINVAL, "it lists no shard");
    *out = v;
    *n = k;
    return 0;
}
