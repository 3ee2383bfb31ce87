/*
 * walk.h - find the files to index under the paths given on the command
 * line.  Folders are walked recursively without following symbolic links
 * to folders; hidden entries (".name") are skipped; files are kept when
 * their extension is one lvzhi reads (.html .htm .shtml .xhtml .txt .pdf
 * .docx .warc .warc.gz .jsonl .ndjson .csv, and .doc .wps to say they
 * cannot be read).
 * Each file gets a key: the name of the root folder it was found under,
 * "/", and its path below that root, so the same corpus indexed from
 * different working directories gets the same keys.
 */
#ifndef LVZHI_WALK_H
#define LVZHI_WALK_H

#include <stddef.h>

#include "../common/err.h"

struct walk_file {
    char *path;       /* as openable from the current directory */
    char *key;        /* root name + "/" + relative path */
    const char *type; /* "html", "text", "pdf", "docx", "warc", "jsonl",
                         "csv" or "legacy" (.doc, .wps) */
};

struct walk_root {
    char *prefix; /* root name + "/": keys under it belong to this root */
    int is_dir;   /* a folder (removed files can be detected) or a file */
    char *dir;    /* the folder keys under it are paths in (absolute,
                     symbolic links resolved), or NULL */
};

struct walk {
    struct walk_file *files; /* sorted by key, no duplicates */
    size_t nfiles;
    struct walk_root *roots;
    size_t nroots;
    size_t skipped; /* files of other types */
    /* paths that could not be read: "path: reason" strings */
    char **problems;
    size_t nproblems;
};

/* Walk every path.  A missing path is a problem, not a failure.
 * 0 or LV_ENOMEM.  Release with walk_release() in every case. */
LV_MUST_CHECK
int walk_paths(char *const *paths, size_t n, struct walk *out,
               struct lv_err *err);

void walk_release(struct walk *w);

/* 1 if key is one of w's files (binary search). */
int walk_has_key(const struct walk *w, const char *key);

#endif
