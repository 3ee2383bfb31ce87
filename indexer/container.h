/*
 * container.h - files that hold many articles: web crawls (WARC, .warc.gz)
 * and scrapers' exports (JSON Lines, CSV).  Reading one gives its members,
 * each the bytes of one page or text with what the file states about it,
 * plus the reasons any part was skipped or could not be read.  Nothing
 * here cleans text or knows Xapian: members go through the same article
 * path as single files.
 */
#ifndef LVZHI_CONTAINER_H
#define LVZHI_CONTAINER_H

#include <stddef.h>

#include "../common/err.h"
#include "../common/strv.h"

/* Uncompressed bytes a container may expand to (a gzip bomb stops here). */
#define CONTAINER_MAX_BYTES (1024u << 20)

struct member {
    char *id;    /* stable within the file: target URI, the row's url,
                    or "line N" */
    char *bytes; /* the page (is_html) or text */
    size_t len;
    int is_html;
    /* What the file states, NULL when it says nothing. */
    char *charset, *title, *date, *source, *url;
};

struct container {
    struct member *members;
    size_t n, cap;
    struct strv problems; /* "line 12: reason" for each part not read */
    /* What was passed over on purpose, for the summary ("2 requests,
     * 1 non-200 response"), or NULL. */
    char *skipped;
};

/* 1 if files of this walk type are containers ("warc", "jsonl", "csv"). */
int container_type(const char *type);

/*
 * Read a container of the given type into *out (released with
 * container_release, also after a failure).  Broken parts are problems in
 * out and the rest is read; a file unreadable as a whole is LV_EINVAL
 * with the reason.  Other errors: LV_ENOMEM, LV_EICU.
 */
LV_MUST_CHECK
int container_read(const char *type, const char *bytes, size_t len,
                   struct container *out, struct lv_err *err);

void container_release(struct container *c);

/* For the readers: a new member taking ownership of id and bytes (both
 * malloc'd; freed on failure).  A later member with the same id replaces
 * the earlier one, as a later crawl of the page does.  NULL when out of
 * memory. */
LV_MUST_CHECK
struct member *container_add(struct container *c, char *id, char *bytes,
                             size_t len, int is_html);

/* A problem "line N: reason" (printf-style reason).  0 or LV_ENOMEM. */
LV_MUST_CHECK
int container_problem(struct container *c, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
