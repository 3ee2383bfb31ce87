/* warc.c - read web crawls (see warc.h). */
#include "warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "../common/buf.h"

/* A record header longer than this is not a WARC header. */
#define MAX_HEADER (64u << 10)
/* A page's payload when its HTTP body was gzipped. */
#define MAX_PAYLOAD (64u << 20)

/* What was skipped, by kind, for the summary. */
enum skip {
    SKIP_REQUEST,
    SKIP_METADATA,
    SKIP_REVISIT,
    SKIP_INFO,
    SKIP_OTHER_RECORD,
    SKIP_NOT_HTTP,
    SKIP_STATUS,
    SKIP_NOT_HTML,
    SKIP_EMPTY,
    NSKIP
};

static const char *const skip_names[NSKIP] = {
    "request",          "metadata record",  "revisit",
    "warcinfo record",  "other record",     "non-HTTP response",
    "non-200 response", "non-HTML payload", "empty payload",
};

/*
 * Inflate gzip data (every member, as `cat a.gz b.gz` makes) into out, at
 * most `cap` bytes.  0; LV_EINVAL with the reason when the data breaks
 * off or is over the cap (what was inflated stays in out); LV_ENOMEM.
 */
static int gunzip(const char *in, size_t len, size_t cap, struct buf *out,
                  const char **why)
{
    z_stream z;
    int zr = Z_OK, rc = 0;

    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return LV_ENOMEM;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)(len > 0x7fffffffu ? 0x7fffffffu : len);
    while (rc == 0) {
        if (out->len >= cap) {
            *why = "uncompressed size over the limit (a zip bomb?)";
            rc = LV_EINVAL;
            break;
        }
        if (buf_grow(out, 65536) < 0) {
            rc = LV_ENOMEM;
            break;
        }
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)(out->cap - out->len - 1);
        if (z.avail_out > cap - out->len)
            z.avail_out = (uInt)(cap - out->len);
        zr = inflate(&z, Z_NO_FLUSH);
        out->len = (size_t)((char *)z.next_out - out->data);
        out->data[out->len] = '\0';
        if (zr == Z_STREAM_END) {
            /* Another member may follow. */
            if (z.avail_in == 0)
                break;
            if (inflateReset(&z) != Z_OK)
                rc = LV_ENOMEM;
        } else if (zr == Z_BUF_ERROR && z.avail_in == 0) {
            *why = "compressed data ends early (truncated file?)";
            rc = LV_EINVAL;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            *why =
                zr == Z_MEM_ERROR ? "out of memory" : "broken compressed data";
            rc = zr == Z_MEM_ERROR ? LV_ENOMEM : LV_EINVAL;
        }
    }
    inflateEnd(&z);
    return rc;
}

int warc_sniff(const char *bytes, size_t len)
{
    return (len >= 5 && memcmp(bytes, "WARC/", 5) == 0)
           || (len >= 2 && (unsigned char)bytes[0] == 0x1f
               && (unsigned char)bytes[1] == 0x8b);
}

/* The end of a header block starting at p: the offset just past its blank
 * line, or 0 if none within limit. */
static size_t header_end(const char *p, size_t len, size_t limit)
{
    size_t i, n = len < limit ? len : limit;

    for (i = 0; i + 1 < n; i++) {
        if (p[i] != '\n')
            continue;
        if (p[i + 1] == '\n')
            return i + 2;
        if (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* The value of header field `name` in h[0..len-1], trimmed, copied into
 * out (size n); 0 if absent. */
static int header_field(const char *h, size_t len, const char *name, char *out,
                        size_t n)
{
    size_t nl = strlen(name);
    const char *p = h, *end = h + len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;

        if ((size_t)(stop - p) > nl && strncasecmp(p, name, nl) == 0
            && p[nl] == ':') {
            const char *v = p + nl + 1;
            size_t k;

            while (v < stop && (*v == ' ' || *v == '\t'))
                v++;
            while (stop > v
                   && (stop[-1] == '\r' || stop[-1] == ' ' || stop[-1] == '\t'))
                stop--;
            k = (size_t)(stop - v);
            if (k >= n)
                k = n - 1;
            memcpy(out, v, k);
            out[k] = '\0';
            return 1;
        }
        p = stop + 1;
    }
    return 0;
}

/* The charset label of a Content-Type value (letters, digits, -_.:), or
 * "". */
static void content_charset(const char *ct, char *out, size_t n)
{
    const char *p = strcasestr(ct, "charset=");
    size_t k = 0;

    out[0] = '\0';
    if (!p)
        return;
    p += 8;
    if (*p == '"' || *p == '\'')
        p++;
    while (*p && k + 1 < n
           && (('a' <= (*p | 32) && (*p | 32) <= 'z')
               || ('0' <= *p && *p <= '9') || *p == '-' || *p == '_'
               || *p == '.' || *p == ':'))
        out[k++] = *p++;
    out[k] = '\0';
}

/* Undo chunked transfer coding into out; a chunk that breaks off keeps
 * what came before it. */
static int dechunk(const char *p, size_t len, struct buf *out)
{
    size_t i = 0;

    while (i < len) {
        size_t size = 0, k = i;
        const char *eol = memchr(p + i, '\n', len - i);

        /* The size in hex (the buffer has no NUL after it: no strtoul). */
        for (; k < len && size < ((size_t)1 << 40); k++) {
            char c = (char)(p[k] | 32);

            if (p[k] >= '0' && p[k] <= '9')
                size = size * 16 + (size_t)(p[k] - '0');
            else if (c >= 'a' && c <= 'f')
                size = size * 16 + (size_t)(c - 'a' + 10);
            else
                break;
        }
        if (k == i || !eol || size == 0)
            break;
        i = (size_t)(eol - p) + 1;
        if (size > len - i)
            size = len - i;
        if (buf_add(out, p + i, size) < 0)
            return LV_ENOMEM;
        i += size;
        while (i < len && (p[i] == '\r' || p[i] == '\n'))
            i++;
    }
    return 0;
}

/* 1 if p[0..len-1] starts with s, without case. */
static int starts_ci(const char *p, size_t len, const char *s)
{
    size_t n = strlen(s);

    return len >= n && strncasecmp(p, s, n) == 0;
}

static int looks_html(const char *p, size_t len)
{
    size_t n = len < 512 ? len : 512, i;

    for (i = 0; i < n; i++)
        if (p[i] == '<')
            return starts_ci(p + i, len - i, "<!doctype html")
                   || starts_ci(p + i, len - i, "<html")
                   || starts_ci(p + i, len - i, "<head");
    return 0;
}

/* One response record's block: an HTTP message.  Adds a member, or counts
 * why not. */
static int take_response(struct container *c, const char *uri,
                         const char *block, size_t len, size_t *skips)
{
    char status[16] = "", ct[256] = "", te[64] = "", ce[64] = "", cs[32];
    size_t hend, blen;
    const char *body;
    struct buf plain = BUF_INIT, unzipped = BUF_INIT;
    const char *why = NULL;
    struct member *m;
    char *copy;
    int rc = 0;

    if (len < 12 || strncmp(block, "HTTP/", 5) != 0) {
        skips[SKIP_NOT_HTTP]++;
        return 0;
    }
    hend = header_end(block, len, MAX_HEADER);
    if (!hend) {
        skips[SKIP_NOT_HTTP]++;
        return 0;
    }
    body = block + hend;
    blen = len - hend;
    {
        const char *sp = memchr(block, ' ', hend);

        if (sp)
            snprintf(status, sizeof(status), "%.3s", sp + 1);
    }
    if (strcmp(status, "200") != 0) {
        skips[SKIP_STATUS]++;
        return 0;
    }
    header_field(block, hend, "Content-Type", ct, sizeof(ct));
    header_field(block, hend, "Transfer-Encoding", te, sizeof(te));
    header_field(block, hend, "Content-Encoding", ce, sizeof(ce));
    if (strcasestr(te, "chunked")) {
        if (dechunk(body, blen, &plain) < 0)
            return LV_ENOMEM;
        body = plain.data ? plain.data : "";
        blen = plain.len;
    }
    if (strcasestr(ce, "gzip") || strcasestr(ce, "deflate")) {
        rc = gunzip(body, blen, MAX_PAYLOAD, &unzipped, &why);
        if (rc == LV_ENOMEM)
            goto out;
        rc = 0; /* a page cut short still has its beginning */
        body = unzipped.data ? unzipped.data : "";
        blen = unzipped.len;
    }
    if (ct[0] ? !(strcasestr(ct, "text/html")
                  || strcasestr(ct, "application/xhtml"))
              : !looks_html(body, blen)) {
        skips[SKIP_NOT_HTML]++;
        goto out;
    }
    if (blen == 0) {
        skips[SKIP_EMPTY]++;
        goto out;
    }
    copy = malloc(blen + 1);
    if (copy) {
        memcpy(copy, body, blen);
        copy[blen] = '\0';
    }
    m = container_add(c, strdup(uri), copy, blen, 1);
    if (!m) {
        rc = LV_ENOMEM;
        goto out;
    }
    content_charset(ct, cs, sizeof(cs));
    m->url = strdup(uri);
    m->charset = cs[0] ? strdup(cs) : NULL;
    if (!m->url || (cs[0] && !m->charset))
        rc = LV_ENOMEM;
out:
    buf_release(&plain);
    buf_release(&unzipped);
    return rc;
}

/* The summary's line of what was skipped, or NULL when nothing was. */
static char *skip_summary(const size_t *skips)
{
    struct buf b = BUF_INIT;
    size_t i;

    for (i = 0; i < NSKIP; i++) {
        if (!skips[i])
            continue;
        if (buf_printf(&b, "%s%zu %s%s", b.len ? ", " : "", skips[i],
                       skip_names[i], skips[i] > 1 ? "s" : "")
            < 0) {
            buf_release(&b);
            return NULL;
        }
    }
    return buf_take(&b, NULL);
}

/* WARC-Target-URI, without the <> some writers put round it. */
static void target_uri(const char *h, size_t len, char *out, size_t n)
{
    size_t k;

    if (!header_field(h, len, "WARC-Target-URI", out, n)) {
        out[0] = '\0';
        return;
    }
    k = strlen(out);
    if (k >= 2 && out[0] == '<' && out[k - 1] == '>') {
        memmove(out, out + 1, k - 2);
        out[k - 2] = '\0';
    }
}

static int read_records(const char *p, size_t len, struct container *c,
                        struct lv_err *err)
{
    size_t pos = 0, records = 0, skips[NSKIP] = {0};
    int rc = 0;

    while (rc == 0) {
        char type[64] = "", uri[4096], clen[32] = "";
        size_t hend;
        unsigned long long n;
        char *end;

        while (pos < len && (p[pos] == '\r' || p[pos] == '\n'))
            pos++;
        if (pos >= len)
            break;
        if (len - pos < 5 || memcmp(p + pos, "WARC/", 5) != 0) {
            if (records == 0)
                return lv_err_set(err, LV_EINVAL, "not a WARC file");
            rc = container_problem(c, 0,
                                   "at byte %zu: not a WARC record; "
                                   "the rest of the file is not read",
                                   pos);
            break;
        }
        hend = header_end(p + pos, len - pos, MAX_HEADER);
        if (!hend) {
            rc = container_problem(c, 0,
                                   "at byte %zu: the record's header "
                                   "breaks off (truncated file?)",
                                   pos);
            break;
        }
        header_field(p + pos, hend, "WARC-Type", type, sizeof(type));
        header_field(p + pos, hend, "Content-Length", clen, sizeof(clen));
        n = strtoull(clen, &end, 10);
        if (!clen[0] || *end) {
            rc = container_problem(c, 0,
                                   "at byte %zu: the record has no "
                                   "valid Content-Length",
                                   pos);
            break;
        }
        if (n > len - pos - hend) {
            rc = container_problem(c, 0,
                                   "at byte %zu: the record breaks off "
                                   "(%zu of %llu bytes; truncated file?)",
                                   pos, len - pos - hend, n);
            break;
        }
        records++;
        target_uri(p + pos, hend, uri, sizeof(uri));
        if (strcasecmp(type, "response") == 0 && uri[0])
            rc = take_response(c, uri, p + pos + hend, (size_t)n, skips);
        else if (strcasecmp(type, "request") == 0)
            skips[SKIP_REQUEST]++;
        else if (strcasecmp(type, "metadata") == 0)
            skips[SKIP_METADATA]++;
        else if (strcasecmp(type, "revisit") == 0)
            skips[SKIP_REVISIT]++;
        else if (strcasecmp(type, "warcinfo") == 0)
            skips[SKIP_INFO]++;
        else
            skips[SKIP_OTHER_RECORD]++;
        pos += hend + (size_t)n;
    }
    if (rc == 0)
        c->skipped = skip_summary(skips); /* NULL when out of memory */
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}

int warc_read(const char *bytes, size_t len, struct container *out,
              struct lv_err *err)
{
    struct buf plain = BUF_INIT;
    const char *why = NULL;
    int rc;

    if (len >= 2 && (unsigned char)bytes[0] == 0x1f
        && (unsigned char)bytes[1] == 0x8b) {
        rc = gunzip(bytes, len, CONTAINER_MAX_BYTES, &plain, &why);
        if (rc == LV_ENOMEM) {
            buf_release(&plain);
            return lv_err_set(err, rc, "out of memory");
        }
        if (rc < 0 && plain.len == 0) {
            buf_release(&plain);
            return lv_err_set(err, LV_EINVAL, "%s", why);
        }
        rc = read_records(plain.data, plain.len, out, err);
        if (rc == 0 && why)
            rc = container_problem(out, 0, "%s", why) < 0
                     ? lv_err_set(err, LV_ENOMEM, "out of memory")
                     : 0;
        buf_release(&plain);
        return rc;
    }
    return read_records(bytes, len, out, err);
}
