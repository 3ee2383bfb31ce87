/*
 * original.h - where an article's original file is, for the web front
 * end to serve: the path its record names, under the folder the indexer
 * recorded for its root, with symbolic links resolved and checked to stay
 * under that folder.  Nothing outside an indexed root is ever named.
 */
#ifndef LVZHI_ORIGINAL_H
#define LVZHI_ORIGINAL_H

#include "../common/err.h"

struct searcher;

struct original {
    char *path;    /* absolute, resolved; caller frees */
    char *type;    /* the record's type: "pdf", "html", ...; frees */
    char *charset; /* what the text was read as, or NULL; frees */
    char *name;    /* the file's own name, for downloads; frees */
};

/*
 * The original of document `id` (32 hex digits).  0; LV_ENOTFOUND when
 * there is no such document, its root is not known, or the file is gone
 * or outside its root; LV_ENOMEM; LV_EDB.
 */
LV_MUST_CHECK
int original_find(struct searcher *s, const char *id, struct original *out,
                  struct lv_err *err);

void original_release(struct original *o);

/* The Content-Type to serve a type's files with (a static string). */
const char *original_content_type(const char *type);

#endif
