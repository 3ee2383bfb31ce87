/*
 * search_bench.c - time queries in process, for `make bench`.
 *
 *   search_bench -d DB [--reps N] [--threads N] [--facets] [--no-collapse]
 *                [--match-cache] [--split-min N] (--queries FILE | QUERY...)
 *
 * Each query runs once to warm up, then N times; one line per query and a
 * closing "ALL" line give the median, p95 and p99 in milliseconds.  It lives
 * beside the benchmarks, not in `lvzhi search`, so the shipped command has
 * no timing mode.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/host.h"
#include "../search/matchcache.h"
#include "../search/search.h"

struct times {
    double *ms;
    size_t n, cap;
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* As the earlier in-command bench measured them, so reports compare. */
static double median(const double *sorted, size_t n)
{
    return sorted[n / 2];
}

static double quantile(const double *sorted, size_t n, double q)
{
    return sorted[(size_t)((double)(n - 1) * q)];
}

static int times_add(struct times *t, double ms)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        double *p = realloc(t->ms, cap * sizeof(*p));

        if (!p)
            return -1;
        t->ms = p;
        t->cap = cap;
    }
    t->ms[t->n++] = ms;
    return 0;
}

/* Time one query `reps` times after a warm-up run; print its line. */
static int bench_one(struct searcher *s, struct search_request *req,
                     unsigned reps, struct times *all)
{
    struct times one = {0};
    struct search_result res;
    struct lv_err err = {0};
    unsigned i, total = 0;
    int rc = 0;

    for (i = 0; i <= reps && rc == 0; i++) {
        double t0 = host_seconds(), ms;

        if (searcher_run(s, req, &res, &err) < 0) {
            fprintf(stderr, "search_bench: '%s': %s\n", req->query, err.msg);
            search_result_release(&res);
            rc = -1;
            break;
        }
        total = res.total;
        search_result_release(&res);
        ms = (host_seconds() - t0) * 1000.0;
        if (i > 0 && (times_add(&one, ms) < 0 || times_add(all, ms) < 0)) {
            fputs("search_bench: out of memory\n", stderr);
            rc = -1;
        }
    }
    if (rc == 0) {
        qsort(one.ms, one.n, sizeof(*one.ms), cmp_double);
        printf("%-24s hits=%-7u median_ms=%.3f p95_ms=%.3f p99_ms=%.3f\n",
               req->query, total, median(one.ms, one.n),
               quantile(one.ms, one.n, 0.95), quantile(one.ms, one.n, 0.99));
    }
    free(one.ms);
    return rc;
}

/* The next query: a line of the file (blank lines and # comments
 * skipped) or the next argument.  NULL at the end. */
static const char *next_query(FILE *f, char *line, size_t size, char **argq,
                              int nargq, int *i)
{
    if (!f)
        return *i < nargq ? argq[(*i)++] : NULL;
    while (fgets(line, (int)size, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != '#')
            return line;
    }
    return NULL;
}

static int run(struct searcher *s, struct search_request *req, unsigned reps,
               FILE *f, char **argq, int nargq)
{
    struct times all = {0};
    char line[2048];
    const char *q;
    int i = 0, rc = 0;

    while (rc == 0
           && (q = next_query(f, line, sizeof(line), argq, nargq, &i))) {
        req->query = q;
        rc = bench_one(s, req, reps, &all);
    }
    if (rc == 0 && all.n) {
        qsort(all.ms, all.n, sizeof(*all.ms), cmp_double);
        printf("%-24s runs=%-6zu median_ms=%.3f p95_ms=%.3f p99_ms=%.3f\n",
               "ALL", all.n, median(all.ms, all.n),
               quantile(all.ms, all.n, 0.95), quantile(all.ms, all.n, 0.99));
    }
    free(all.ms);
    return rc;
}

static void usage(FILE *f)
{
    fputs("Usage: search_bench -d DB [--reps N] [--threads N] [--facets]\n"
          "         [--no-collapse] [--match-cache] [--split-min N]\n"
          "         (--queries FILE | QUERY...)\n"
          "Time each query N times (default 20) after one warm-up run and\n"
          "print the median, p95 and p99 in milliseconds, then over all\n"
          "runs.\n",
          f);
}

static int parse_count(const char *s, unsigned max, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v <= 0 || (unsigned long)v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

enum {
    OPT_REPS = 256,
    OPT_THREADS,
    OPT_FACETS,
    OPT_NO_COLLAPSE,
    OPT_MATCH_CACHE,
    OPT_SPLIT_MIN,
    OPT_QUERIES
};

struct bench_opts {
    const char *db, *queries;
    unsigned reps, threads, split_min;
    int match_cache;
    struct search_request req;
};

/* 0 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct bench_opts *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"reps", required_argument, NULL, OPT_REPS},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"facets", no_argument, NULL, OPT_FACETS},
        {"no-collapse", no_argument, NULL, OPT_NO_COLLAPSE},
        {"match-cache", no_argument, NULL, OPT_MATCH_CACHE},
        {"split-min", required_argument, NULL, OPT_SPLIT_MIN},
        {"queries", required_argument, NULL, OPT_QUERIES},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, bad = 0;

    o->reps = 20;
    while (!bad && (c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
        switch (c) {
        case 'd': o->db = optarg; break;
        case OPT_REPS: bad = parse_count(optarg, 100000, &o->reps); break;
        case OPT_THREADS: bad = parse_count(optarg, 64, &o->threads); break;
        case OPT_SPLIT_MIN:
            bad = parse_count(optarg, 100000000, &o->split_min);
            break;
        case OPT_FACETS: o->req.facets = 1; break;
        case OPT_NO_COLLAPSE: o->req.no_collapse = 1; break;
        case OPT_MATCH_CACHE: o->match_cache = 1; break;
        case OPT_QUERIES: o->queries = optarg; break;
        case 'h': usage(stdout); return 0;
        default: bad = 1;
        }
    if (bad || !o->db || (!o->queries && optind >= argc)) {
        usage(stderr);
        return 2;
    }
    return -1;
}

int main(int argc, char **argv)
{
    struct bench_opts o = {0};
    struct searcher *s = NULL;
    struct match_cache *mcache = NULL;
    struct lv_err err = {0};
    FILE *f = NULL;
    int rc = parse_options(argc, argv, &o);

    if (rc >= 0)
        return rc;
    if (o.queries && !(f = fopen(o.queries, "r"))) {
        fprintf(stderr, "search_bench: cannot open '%s'\n", o.queries);
        return 3;
    }
    if (searcher_open(o.db, &s, &err) < 0) {
        fprintf(stderr, "search_bench: cannot open '%s': %s\n", o.db, err.msg);
        if (f)
            fclose(f);
        return 3;
    }
    searcher_set_threads(s, o.threads ? o.threads : host_cpus());
    if (o.split_min)
        searcher_set_split_min(s, o.split_min);
    if (o.match_cache) {
        mcache = match_cache_new(SEARCH_MATCH_CACHE_BYTES);
        searcher_set_match_cache(s, mcache);
    }
    rc = run(s, &o.req, o.reps, f, argv + optind, argc - optind) < 0 ? 3 : 0;
    if (f)
        fclose(f);
    searcher_free(s);
    match_cache_free(mcache);
    return rc;
}
