/*
 * pairs.c - the two fingerprint schemes of text/sketch.h side by side on
 * every pair of documents of an index, for tests/reprints/eval_reprints.py:
 *
 *   pairs DB > pairs.tsv
 *
 * One line per pair that either scheme could call copies or that
 * resembles at all: path_a, path_b, resemblance (exact Jaccard of the
 * shingles), whether the MinHash band keys make it a candidate (0/1), and
 * the SimHash distance in bits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/record.h"
#include "../../text/sketch.h"
#include "../../xapian/xapian_c.h"

struct doc {
    char *path;
    struct shingles sh;
    struct sketch sk;
    uint64_t simhash;
};

static int shares_band(const struct doc *a, const struct doc *b)
{
    size_t i;

    for (i = 0; i < SKETCH_BANDS; i++)
        if (a->sk.keys[i] == b->sk.keys[i])
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    struct lv_err err = {0};
    struct xdb *db = NULL;
    struct doc *docs;
    unsigned last = 0, id;
    size_t n = 0, i, j;

    if (argc != 2) {
        fputs("usage: pairs DB\n", stderr);
        return 2;
    }
    if (xdb_open(argv[1], XDB_READ, &db, &err) < 0
        || xdb_last_docid(db, &last, &err) < 0) {
        fprintf(stderr, "pairs: %s\n", err.msg);
        return 1;
    }
    docs = calloc((size_t)last + 1, sizeof(*docs));
    for (id = 1; docs && id <= last; id++) {
        struct xdoc *doc = NULL;
        struct record *rec = NULL;
        char *data = NULL;
        size_t len = 0;
        const char *body, *path;

        if (xdb_get_doc(db, id, &doc, NULL) < 0)
            continue;
        if (xdoc_get_data(doc, &data, &len, NULL) == 0)
            rec = record_parse(data, len);
        body = rec ? record_get(rec, "body") : NULL;
        path = rec ? record_get(rec, "path") : NULL;
        if (body && path
            && shingles_of_text(body, strlen(body), &docs[n].sh, &err) == 0) {
            docs[n].path = strdup(path);
            shingles_sketch(&docs[n].sh, &docs[n].sk);
            docs[n].simhash = shingles_simhash(&docs[n].sh);
            n++;
        }
        record_free(rec);
        free(data);
        xdoc_free(doc);
    }
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            double r = shingles_resemblance(&docs[i].sh, &docs[j].sh);
            unsigned d = simhash_distance(docs[i].simhash, docs[j].simhash);
            int band = docs[i].sh.n >= SKETCH_MIN_SHINGLES
                       && docs[j].sh.n >= SKETCH_MIN_SHINGLES
                       && shares_band(&docs[i], &docs[j]);

            if (r > 0.05 || band || d <= 3)
                printf("%s\t%s\t%.4f\t%d\t%u\n", docs[i].path, docs[j].path, r,
                       band, d);
        }
    for (i = 0; i < n; i++) {
        free(docs[i].path);
        shingles_release(&docs[i].sh);
    }
    free(docs);
    xdb_free(db);
    return 0;
}
