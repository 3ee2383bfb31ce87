/* buf.c - growable byte buffer (see buf.h). */
#include "buf.h"
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->error = 0;
}

void buf_release(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->error = 0;
    if (b->data)
        b->data[0] = '\0';
}

int buf_error(const struct buf *b)
{
    return b->error;
}

int buf_set_error(struct buf *b, int code)
{
    if (!b->error && code < 0)
        b->error = code;
    return b->error;
}

int buf_grow(struct buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (b->error)
        return b->error;
    if (extra > (size_t)-1 / 2 - b->len)
        return buf_set_error(b, LV_ENOMEM);
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p)
        return buf_set_error(b, LV_ENOMEM);
    b->data = p;
    b->cap = cap;
    p[b->len] = '\0'; /* a grown empty buffer is still a C string */
    return 0;
}

int buf_add(struct buf *b, const void *p, size_t n)
{
    int rc = buf_grow(b, n);

    if (rc < 0)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_addstr(struct buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

int buf_addch(struct buf *b, char c)
{
    return buf_add(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n, rc;

    if (b->error)
        return b->error;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return buf_set_error(b, LV_EINVAL);
    rc = buf_grow(b, (size_t)n);
    if (rc < 0)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void buf_truncate(struct buf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        b->data[n] = '\0';
    }
}

char *buf_take(struct buf *b, size_t *len)
{
    char *p = b->data;

    if (b->error) {
        if (len)
            *len = 0;
        buf_release(b);
        return NULL;
    }
    if (!p)
        p = calloc(1, 1);
    if (len)
        *len = b->len;
    buf_init(b);
    return p;
}
