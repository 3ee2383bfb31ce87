/* original.c - an article's original file (see original.h). */
#include "original.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/hash.h"
#include "../common/record.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "search.h"
#include "searcher_int.h"

static const struct {
    const char *type, *content_type;
} content_types[] = {
    {"pdf", "application/pdf"},
    {"docx", "application/vnd.openxmlformats-officedocument."
             "wordprocessingml.document"},
    {"html", "text/html"},
    {"text", "text/plain"},
    {"warc", "application/warc"},
    {"jsonl", "application/x-ndjson"},
    {"csv", "text/csv"},
};

const char *original_content_type(const char *type)
{
    size_t i;

    for (i = 0; type && i < sizeof(content_types) / sizeof(content_types[0]);
         i++)
        if (strcmp(type, content_types[i].type) == 0)
            return content_types[i].content_type;
    return "application/octet-stream";
}

static int not_found(struct lv_err *err, const char *why)
{
    return lv_err_set(err, LV_ENOTFOUND, "%s", why);
}

int original_find(struct searcher *s, const char *id, struct original *out,
                  struct lv_err *err)
{
    struct record *rec = NULL;
    struct buf full = BUF_INIT;
    char key[sizeof(SCHEMA_ROOT_META) + HASH_HEX_LEN], hex[HASH_HEX_LEN + 1];
    char *root = NULL, *real = NULL;
    const char *path, *slash, *type, *charset, *base;
    unsigned docid;
    size_t rl;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = searcher_get(s, id, &docid, &rec, err);
    if (rc < 0)
        return rc;
    path = record_get(rec, "path");
    slash = path ? strchr(path, '/') : NULL;
    if (!slash || slash == path) {
        rc = not_found(err, "the article names no file");
        goto out;
    }
    hash_hex(path, (size_t)(slash - path), hex);
    snprintf(key, sizeof(key), "%s%s", SCHEMA_ROOT_META, hex);
    rc = xdb_get_meta(s->db, key, &root, err);
    if (rc < 0)
        goto out;
    if (!*root) {
        rc = not_found(err, "the folder it was indexed from is not known");
        goto out;
    }
    if (buf_printf(&full, "%s%s", root, slash) < 0) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    real = realpath(full.data, NULL);
    rl = strlen(root);
    /* Resolved, it must still be under the root: a link inside the
     * corpus may point anywhere. */
    if (!real || strncmp(real, root, rl) != 0
        || (real[rl] != '/' && strcmp(root, "/") != 0)) {
        rc = not_found(err, "the file is gone or outside its folder");
        goto out;
    }
    type = record_get(rec, "type");
    charset = record_get(rec, "charset");
    base = strrchr(real, '/') + 1;
    out->path = real;
    real = NULL;
    out->type = strdup(type ? type : "");
    out->charset = charset ? strdup(charset) : NULL;
    out->name = strdup(base);
    if (!out->type || !out->name || (charset && !out->charset)) {
        original_release(out);
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
out:
    free(real);
    free(root);
    buf_release(&full);
    record_free(rec);
    return rc;
}

void original_release(struct original *o)
{
    free(o->path);
    free(o->type);
    free(o->charset);
    free(o->name);
    memset(o, 0, sizeof(*o));
}
