/*
 * buf.h - a growable byte buffer (after git's strbuf and curl's dynbuf).
 *
 * `data` is always NUL-terminated once anything was added, so it can be used
 * as a C string when the content has no NUL bytes.  A failed grow returns
 * LV_ENOMEM and leaves the buffer as it was.
 */
#ifndef LVZHI_BUF_H
#define LVZHI_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;  /* NULL until the first add; owned by the buf */
    size_t len;  /* bytes used, not counting the terminating NUL */
    size_t cap;  /* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

void buf_init(struct buf *b);
/* Free the bytes and re-initialise. */
void buf_release(struct buf *b);
/* Keep the allocation, set len to 0. */
void buf_reset(struct buf *b);
/* Make room for at least `extra` more bytes.  0 or LV_ENOMEM. */
int buf_grow(struct buf *b, size_t extra);
/* Append bytes / a C string / one byte / formatted text.  0 or LV_ENOMEM. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Shorten to n bytes (n <= len). */
void buf_truncate(struct buf *b, size_t n);
/*
 * Hand the bytes to the caller (who frees them with free()) and
 * re-initialise the buffer.  Never returns NULL unless allocation of an
 * empty string fails; *len (if not NULL) receives the length.
 */
char *buf_take(struct buf *b, size_t *len);

#endif
