/*
 * err.h - error codes and the optional error report shared by every layer.
 *
 * Fallible functions return 0 or a negative LV_E* code and, when given a
 * non-NULL struct lv_err, describe the failure there.  The layer that
 * detects the problem fills the message; callers add context by prefixing.
 */
#ifndef LVZHI_ERR_H
#define LVZHI_ERR_H

enum lv_code {
    LV_OK = 0,
    LV_ENOMEM = -1,    /* allocation failed */
    LV_EIO = -2,       /* file or system call failed */
    LV_EINVAL = -3,    /* bad argument or bad input data */
    LV_EQUERY = -4,    /* the query string cannot be parsed */
    LV_ELOCKED = -5,   /* the database is locked by another writer */
    LV_EDB = -6,       /* Xapian reported a database error */
    LV_EICU = -7,      /* ICU reported an error */
    LV_EINTERNAL = -8, /* a bug: an unexpected exception or state */
    LV_ENOTFOUND = -9, /* no such document, file or key */
    LV_ESCHEMA = -10,  /* the index was written by another schema version */
    LV_ECHANGED = -11, /* a writer replaced the revision being read: open
                          the index again and retry */
};

/*
 * LV_MUST_CHECK marks a function whose result says it failed (an error
 * code, or a pointer that is NULL on failure): a caller that drops the
 * result gets a warning, as with curl's WARN_UNUSED_RESULT.  The adders
 * of common/buf.h and the writers whose only failure is their buffer's
 * memory are not marked: the buffer keeps its first error (buf.h).
 */
#if defined(__GNUC__) || defined(__clang__)
#define LV_MUST_CHECK __attribute__((warn_unused_result))
#else
#define LV_MUST_CHECK
#endif

/* A result dropped on purpose, the reason in a comment beside the call
 * (GCC warns through a (void) cast). */
static inline void lv_ignore(int rc)
{
    (void)rc;
}

#ifdef __cplusplus
extern "C" { /* the Xapian wrapper uses lv_err_trim */
#endif

struct lv_err {
    int code;
    char msg[256];
};

/*
 * Fill err (if not NULL) with code and a printf-style message; return code
 * so that callers can write `return lv_err_set(err, LV_EIO, ...)`.
 */
int lv_err_set(struct lv_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A message cut at the size of msg may end inside a UTF-8 character:
 * drop that partial character (lv_err_set does this itself). */
void lv_err_trim(struct lv_err *err);

/* Reset err (if not NULL) to LV_OK with an empty message. */
void lv_err_clear(struct lv_err *err);

/* A short static English name for a code, e.g. "out of memory". */
const char *lv_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif
