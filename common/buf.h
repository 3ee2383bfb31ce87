/*
 * buf.h - a growable byte buffer (after git's strbuf and curl's dynbuf).
 *
 * `data` is always NUL-terminated once anything was added, so it can be used
 * as a C string when the content has no NUL bytes.
 *
 * A buffer keeps its first error (as SQLite's sqlite3_str does): once an
 * add fails (LV_ENOMEM, or LV_EINVAL for a format vsnprintf refuses), the
 * bytes stay as they were before that add, every later add does nothing
 * and returns the same code, and buf_error reports it.  So a builder
 * writes its adds plainly and checks buf_error once at the end, or where
 * a later step depends on what was written.  The adders' results, and
 * those of the writers that only add to a buffer (the HTML, XML, JSON and
 * CSV escapers, params_url and the like), may be ignored for that reason;
 * a function that can fail for any other reason is LV_MUST_CHECK
 * (common/err.h).
 */
#ifndef LVZHI_BUF_H
#define LVZHI_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "err.h"

struct buf {
    char *data; /* NULL until the first add; owned by the buf */
    size_t len; /* bytes used, not counting the terminating NUL */
    size_t cap; /* bytes allocated */
    int error;  /* the first failed add's code (or buf_set_error's); 0
                   while none failed */
};

#define BUF_INIT                                                               \
    {                                                                          \
        NULL, 0, 0, 0                                                          \
    }

void buf_init(struct buf *b);
/* Free the bytes and re-initialise (the error too). */
void buf_release(struct buf *b);
/* Start over: keep the allocation, set len to 0 and forget the error. */
void buf_reset(struct buf *b);
/* The first error of an add since the buffer was initialised, reset or
 * taken: 0 or a negative LV_E* code. */
int buf_error(const struct buf *b);
/* Give b the error code (when negative and b has none yet), as if an add
 * had failed: for a writer whose failure is not b's own (a scratch buf's,
 * one of its own allocations), so that the one check of b sees it too.
 * Returns buf_error(b). */
int buf_set_error(struct buf *b, int code);
/* Make room for at least `extra` more bytes.  0 or LV_ENOMEM. */
int buf_grow(struct buf *b, size_t extra);
/* Append bytes / a C string / one byte / formatted text.  0, LV_ENOMEM,
 * or (buf_printf, buf_vprintf) LV_EINVAL for a format that fails. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Shorten to n bytes (n <= len).  The error, if any, stays: what failed
 * to be added is not what was cut. */
void buf_truncate(struct buf *b, size_t n);
/*
 * Hand the bytes to the caller (who frees them with free()) and
 * re-initialise the buffer; *len (if not NULL) receives the length.
 * Returns NULL when an add failed (the bytes are freed: they are not what
 * the builder meant, and *len is 0) or when allocating an empty string
 * fails; never otherwise.
 */
LV_MUST_CHECK
char *buf_take(struct buf *b, size_t *len);

#endif
