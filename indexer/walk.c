/* walk.c - collect the files to index (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../common/buf.h"
#include "../common/strv.h"

/* The file names lvzhi reads, by ending (compared without case), and the
 * type each is read as.  "legacy" files are listed so the summary can say
 * why they were not read. */
static const struct {
    const char *ending;
    const char *type;
} endings[] = {
    {".html", "html"},   {".htm", "html"},     {".shtml", "html"},
    {".xhtml", "html"},  {".txt", "text"},     {".pdf", "pdf"},
    {".docx", "docx"},   {".warc", "warc"},    {".warc.gz", "warc"},
    {".jsonl", "jsonl"}, {".ndjson", "jsonl"}, {".csv", "csv"},
    {".doc", "legacy"},  {".wps", "legacy"},
};

/* The type of a file name, or NULL for one we do not read. */
static const char *file_type(const char *name)
{
    size_t len = strlen(name), i;

    for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        size_t el = strlen(endings[i].ending);

        if (len > el && strcasecmp(name + len - el, endings[i].ending) == 0)
            return endings[i].type;
    }
    return NULL;
}

static char *joinpath(const char *a, const char *b)
{
    struct buf p = BUF_INIT;

    if (buf_printf(&p, "%s%s%s", a, *a && a[strlen(a) - 1] != '/' ? "/" : "", b)
        < 0) {
        buf_release(&p);
        return NULL;
    }
    return buf_take(&p, NULL);
}

struct walker {
    struct walk *w;
    struct strv files_path, files_key;
    const char **types;
    size_t ntypes, captypes;
    struct strv problems;
};

static int add_problem(struct walker *wk, const char *path, const char *why)
{
    struct buf b = BUF_INIT;

    if (buf_printf(&b, "%s: %s", path, why) < 0) {
        buf_release(&b);
        return LV_ENOMEM;
    }
    return strv_push(&wk->problems, buf_take(&b, NULL));
}

static int add_file(struct walker *wk, const char *path, const char *key,
                    const char *type)
{
    if (wk->ntypes == wk->captypes) {
        size_t cap = wk->captypes ? wk->captypes * 2 : 64;
        const char **t = realloc(wk->types, cap * sizeof(*t));

        if (!t)
            return LV_ENOMEM;
        wk->types = t;
        wk->captypes = cap;
    }
    if (strv_push(&wk->files_path, strdup(path)) < 0)
        return LV_ENOMEM;
    if (strv_push(&wk->files_key, strdup(key)) < 0) {
        free(wk->files_path.v[--wk->files_path.n]);
        return LV_ENOMEM;
    }
    wk->types[wk->ntypes++] = type;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_file_key(const void *a, const void *b)
{
    return strcmp(((const struct walk_file *)a)->key,
                  ((const struct walk_file *)b)->key);
}

/*
 * Walk a folder with an explicit stack of pending folders rather than
 * recursion, so that a very deep tree cannot exhaust the C stack.
 */
static int walk_dir(struct walker *wk, const char *root, const char *prefix)
{
    struct strv stack = {0}, keys = {0};
    int rc = 0;

    if (strv_push(&stack, strdup(root)) < 0
        || strv_push(&keys, strdup(prefix)) < 0) {
        rc = LV_ENOMEM;
        goto out;
    }
    while (stack.n && rc == 0) {
        char *dir = stack.v[--stack.n], *dkey = keys.v[--keys.n];
        struct strv names = {0};
        DIR *d = opendir(dir);
        struct dirent *de;
        size_t i;

        if (!d) {
            rc = add_problem(wk, dir, strerror(errno));
            free(dir);
            free(dkey);
            continue;
        }
        while (rc == 0 && (de = readdir(d)) != NULL)
            if (de->d_name[0] != '.')
                rc = strv_push(&names, strdup(de->d_name));
        closedir(d);
        /* Reverse order onto the stack so folders come out sorted. */
        qsort(names.v, names.n, sizeof(char *), cmp_str);
        for (i = names.n; i-- > 0 && rc == 0;) {
            char *path = joinpath(dir, names.v[i]);
            char *key = joinpath(dkey, names.v[i]);
            struct stat st;

            if (!path || !key) {
                rc = LV_ENOMEM;
            } else if (lstat(path, &st) < 0) {
                rc = add_problem(wk, path, strerror(errno));
            } else if (S_ISDIR(st.st_mode)) {
                rc = strv_push(&stack, path);
                path = NULL;
                if (rc == 0) {
                    rc = strv_push(&keys, key);
                    key = NULL;
                }
            } else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
                const char *type = file_type(names.v[i]);

                if (type)
                    rc = add_file(wk, path, key, type);
                else
                    wk->w->skipped++;
            }
            free(path);
            free(key);
        }
        strv_release(&names);
        free(dir);
        free(dkey);
    }
out:
    strv_release(&stack);
    strv_release(&keys);
    return rc;
}

/* The name a root contributes to keys: the last component of its real
 * path ("corpus" for "./corpus/", the folder's name for "."). */
static char *root_name(const char *path)
{
    char real[PATH_MAX];
    const char *slash;

    if (!realpath(path, real))
        return NULL;
    slash = strrchr(real, '/');
    if (slash && slash[1])
        return strdup(slash + 1);
    return strdup("root");
}

/* A root: its key prefix, and the folder its keys are paths under. */
static int add_root(struct walk *w, const char *prefix, int is_dir,
                    const char *folder)
{
    struct walk_root *r = realloc(w->roots, (w->nroots + 1) * sizeof(*r));

    if (!r)
        return LV_ENOMEM;
    w->roots = r;
    r[w->nroots].prefix = strdup(prefix);
    r[w->nroots].is_dir = is_dir;
    r[w->nroots].dir = realpath(folder, NULL); /* NULL: not resolvable */
    if (!r[w->nroots].prefix) {
        free(r[w->nroots].dir);
        return LV_ENOMEM;
    }
    w->nroots++;
    return 0;
}

static int walk_one(struct walker *wk, const char *path)
{
    struct stat st;
    char *name, *prefix;
    int rc;

    if (stat(path, &st) < 0)
        return add_problem(wk, path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        name = root_name(path);
        if (!name)
            return add_problem(wk, path, strerror(errno));
        prefix = joinpath(name, "");
        free(name);
        if (!prefix)
            return LV_ENOMEM;
        rc = add_root(wk->w, prefix, 1, path);
        if (rc == 0)
            rc = walk_dir(wk, path, prefix);
        free(prefix);
        return rc;
    }
    if (!S_ISREG(st.st_mode))
        return add_problem(wk, path, "not a regular file or folder");
    {
        /* A single file: key is its parent folder's name and its own. */
        char *copy = strdup(path), *slash, *key;
        const char *type = file_type(path), *base;

        if (!copy)
            return LV_ENOMEM;
        slash = strrchr(copy, '/');
        base = slash ? slash + 1 : copy;
        if (slash)
            *slash = '\0';
        name = root_name(slash ? (*copy ? copy : "/") : ".");
        key = name ? joinpath(name, base) : NULL;
        if (!type)
            rc = add_problem(wk, path,
                             "not a file type lvzhi reads (.html "
                             ".htm .txt .pdf .docx .warc .warc.gz .jsonl "
                             ".csv)");
        else if (!key)
            rc = add_problem(wk, path, "cannot resolve its folder");
        else
            rc = add_file(wk, path, key, type);
        if (rc == 0 && type && key) {
            char *prefix1 = joinpath(name, "");

            rc = prefix1 ? add_root(wk->w, prefix1, 0,
                                    slash ? (*copy ? copy : "/") : ".")
                         : LV_ENOMEM;
            free(prefix1);
        }
        free(key);
        free(name);
        free(copy);
        return rc;
    }
}

int walk_paths(char *const *paths, size_t n, struct walk *out,
               struct lv_err *err)
{
    struct walker wk = {0};
    size_t i;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    wk.w = out;
    for (i = 0; i < n && rc == 0; i++)
        rc = walk_one(&wk, paths[i]);
    if (rc < 0)
        goto out;

    /* Sort files by key and drop duplicates (a file named twice). */
    out->files = calloc(wk.ntypes ? wk.ntypes : 1, sizeof(*out->files));
    if (!out->files) {
        rc = LV_ENOMEM;
        goto out;
    }
    for (i = 0; i < wk.ntypes; i++) {
        out->files[i].path = wk.files_path.v[i];
        out->files[i].key = wk.files_key.v[i];
        out->files[i].type = wk.types[i];
    }
    out->nfiles = wk.ntypes;
    wk.files_path.n = wk.files_key.n = 0;
    qsort(out->files, out->nfiles, sizeof(*out->files), cmp_file_key);
    {
        size_t j = 0;

        for (i = 0; i < out->nfiles; i++) {
            if (j && strcmp(out->files[j - 1].key, out->files[i].key) == 0) {
                free(out->files[i].path);
                free(out->files[i].key);
                continue;
            }
            out->files[j++] = out->files[i];
        }
        out->nfiles = j;
    }
out:
    strv_release(&wk.files_path);
    strv_release(&wk.files_key);
    free(wk.types);
    out->problems = wk.problems.v;
    out->nproblems = wk.problems.n;
    if (rc < 0)
        lv_err_set(err, rc, "out of memory while listing files");
    return rc;
}

void walk_release(struct walk *w)
{
    size_t i;

    for (i = 0; i < w->nfiles; i++) {
        free(w->files[i].path);
        free(w->files[i].key);
    }
    free(w->files);
    for (i = 0; i < w->nroots; i++) {
        free(w->roots[i].prefix);
        free(w->roots[i].dir);
    }
    free(w->roots);
    for (i = 0; i < w->nproblems; i++)
        free(w->problems[i]);
    free(w->problems);
    memset(w, 0, sizeof(*w));
}

int walk_has_key(const struct walk *w, const char *key)
{
    size_t lo = 0, hi = w->nfiles;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(w->files[mid].key, key);

        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
