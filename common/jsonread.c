/* jsonread.c - the fields of one JSON object (see jsonread.h). */
#include "jsonread.h"

#include <string.h>

#include "buf.h"
#include "err.h"

#define MAX_DEPTH 64

struct reader {
    const char *s, *end, *p;
    const char *why;
    struct buf name, value;
};

static void skip_ws(struct reader *r)
{
    while (r->p < r->end
           && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int fail(struct reader *r, const char *why)
{
    r->why = why;
    return LV_EINVAL;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        char c = p[i];

        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if ((c | 32) >= 'a' && (c | 32) <= 'f')
            v |= (unsigned)((c | 32) - 'a' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static int put_utf8(struct buf *b, unsigned c)
{
    char u[4];
    size_t n;

    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return buf_add(b, u, n);
}

/* A string at r->p (the opening quote) into out (or only checked when out
 * is NULL). */
static int read_string(struct reader *r, struct buf *out)
{
    r->p++;
    while (r->p < r->end && *r->p != '"') {
        const char *run = r->p;
        unsigned c, lo;

        while (r->p < r->end && *r->p != '"' && *r->p != '\\'
               && (unsigned char)*r->p >= 0x20)
            r->p++;
        if (out && buf_add(out, run, (size_t)(r->p - run)) < 0)
            return LV_ENOMEM;
        if (r->p >= r->end || *r->p == '"')
            break;
        if ((unsigned char)*r->p < 0x20)
            return fail(r, "control character in a string");
        if (r->end - r->p < 2)
            break;
        r->p++;
        switch (*r->p) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
            if (r->end - r->p < 5 || hex4(r->p + 1, &c) < 0)
                return fail(r, "bad \\u escape");
            r->p += 4;
            if (c >= 0xD800 && c < 0xDC00 && r->end - r->p >= 7
                && r->p[1] == '\\' && r->p[2] == 'u' && hex4(r->p + 3, &lo) == 0
                && lo >= 0xDC00 && lo < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                r->p += 6;
            } else if (c >= 0xD800 && c < 0xE000) {
                c = 0xFFFD;
            }
            break;
        default: return fail(r, "bad escape in a string");
        }
        r->p++;
        if (out && put_utf8(out, c) < 0)
            return LV_ENOMEM;
    }
    if (r->p >= r->end)
        return fail(r, "a string is not closed");
    r->p++;
    return 0;
}

static int is_num_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.'
           || c == 'e' || c == 'E';
}

/* Any value at r->p; a scalar's text goes to out (when not NULL), *is_null
 * says it was null. */
static int read_value(struct reader *r, struct buf *out, int depth,
                      int *is_null)
{
    const char *start;

    skip_ws(r);
    *is_null = 0;
    if (r->p >= r->end)
        return fail(r, "a value is missing");
    if (*r->p == '"')
        return read_string(r, out);
    if (*r->p == '{' || *r->p == '[') {
        char close = *r->p == '{' ? '}' : ']';
        int first = 1, dummy, rc;

        if (depth >= MAX_DEPTH)
            return fail(r, "nested too deeply");
        r->p++;
        for (;;) {
            skip_ws(r);
            if (r->p < r->end && *r->p == close && first) {
                r->p++;
                break;
            }
            if (close == '}') {
                if (r->p >= r->end || *r->p != '"')
                    return fail(r, "expected a field name");
                if ((rc = read_string(r, NULL)) < 0)
                    return rc;
                skip_ws(r);
                if (r->p >= r->end || *r->p != ':')
                    return fail(r, "expected ':'");
                r->p++;
            }
            if ((rc = read_value(r, NULL, depth + 1, &dummy)) < 0)
                return rc;
            skip_ws(r);
            first = 0;
            if (r->p < r->end && *r->p == ',') {
                r->p++;
                continue;
            }
            if (r->p < r->end && *r->p == close) {
                r->p++;
                break;
            }
            return fail(r, close == '}' ? "expected ',' or '}'"
                                        : "expected ',' or ']'");
        }
        *is_null = 1; /* nothing to report */
        return 0;
    }
    start = r->p;
    while (r->p < r->end
           && (is_num_char(*r->p) || (*r->p >= 'a' && *r->p <= 'z')))
        r->p++;
    if (r->p - start == 4 && memcmp(start, "null", 4) == 0) {
        *is_null = 1;
        return 0;
    }
    if (!((r->p - start == 4 && memcmp(start, "true", 4) == 0)
          || (r->p - start == 5 && memcmp(start, "false", 5) == 0)
          || (r->p > start
              && ((*start >= '0' && *start <= '9') || *start == '-'))))
        return fail(r, "not a JSON value");
    return out && buf_add(out, start, (size_t)(r->p - start)) < 0 ? LV_ENOMEM
                                                                  : 0;
}

static int read_fields(struct reader *r, json_field_fn fn, void *ctx)
{
    int rc, is_null;

    skip_ws(r);
    if (r->p >= r->end || *r->p != '{')
        return fail(r, "not a JSON object");
    r->p++;
    skip_ws(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return 0;
    }
    for (;;) {
        skip_ws(r);
        if (r->p >= r->end || *r->p != '"')
            return fail(r, "expected a field name");
        buf_reset(&r->name);
        buf_reset(&r->value);
        if ((rc = read_string(r, &r->name)) < 0)
            return rc;
        skip_ws(r);
        if (r->p >= r->end || *r->p != ':')
            return fail(r, "expected ':'");
        r->p++;
        if ((rc = read_value(r, &r->value, 1, &is_null)) < 0)
            return rc;
        if (!is_null
            && (rc = fn(r->name.data ? r->name.data : "",
                        r->value.data ? r->value.data : "", r->value.len, ctx))
                   != 0)
            return rc;
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            return 0;
        }
        return fail(r, "expected ',' or '}'");
    }
}

int json_read_object(const char *s, size_t len, json_field_fn fn, void *ctx,
                     const char **why, size_t *column)
{
    struct reader r = {s, s + len, s, NULL, BUF_INIT, BUF_INIT};
    int rc = read_fields(&r, fn, ctx);

    if (rc == 0) {
        skip_ws(&r);
        if (r.p < r.end)
            rc = fail(&r, "text after the object");
    }
    if (rc == LV_EINVAL) {
        *why = r.why;
        *column = (size_t)(r.p - s) + 1;
    }
    buf_release(&r.name);
    buf_release(&r.value);
    return rc;
}
