/*
 * cmd/search.c - `lvzhi search`: options, output, and a benchmark mode that
 * times queries in process (for `make bench`).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/host.h"
#include "../common/paths.h"
#include "../common/version.h"
#include "../search/export.h"
#include "../search/matchcache.h"
#include "../search/output.h"
#include "../search/search.h"
#include "../xapian/schema.h"

#define MAX_FILTERS 64

static void usage(FILE *f)
{
    fputs("Usage: lvzhi search [OPTION]... QUERY...\n"
          "Search the lvzhi index.  QUERY: words (AND), \"phrases\", -exclude,\n"
          "a OR b, title:word, and filters such as city:兰州市 year:2024.\n"
          "Traditional and simplified characters find each other.\n"
          "\n"
          "  -d, --db=PATH             database (default: $LVZHI_DB or\n"
          "                            ~/.local/share/lvzhi/index), or a stub\n"
          "                            file of shards (remote HOST:PORT, auto PATH)\n"
          "  -n, --limit=N             results per page (default 10, max 1000)\n"
          "  -p, --page=N              page number, from 1 (default 1)\n"
          "      --offset=N            skip N results (instead of --page)\n"
          "  -s, --sort=ORDER          relevance (default), date, date-asc\n"
          "      --from=DATE           published on or after DATE (YYYY[-MM[-DD]])\n"
          "      --to=DATE             published on or before DATE\n"
          "      --province=NAME, --city=NAME, --county=NAME, --sector=NAME,\n"
          "      --workstation=NAME, --brand=NAME, --source=NAME, --year=YYYY\n"
          "      --month=YYYYMM, --type=html|text|pdf|docx|warc|jsonl|csv\n"
          "                            filters (repeat for OR within a field;\n"
          "                            a workstation by name, or city·name)\n"
          "      --topic=on|off        only pages about members' work (on), or\n"
          "                            only the others (off)\n"
          "      --facets              exact counts per facet (city, sector ...)\n"
          "      --facet-top=N         values shown per facet (default 20, 0 all)\n"
          "  -f, --format=FORMAT       text (default), json (one page), or an\n"
          "                            export of the whole result set (up to\n"
          "                            10000): csv (UTF-8 with BOM, for Excel),\n"
          "                            md, html (printable digest), ris,\n"
          "                            docx (a Word digest: cover, contents,\n"
          "                            each article whole, sources)\n"
          "      --csv-headers=zh|en   CSV header row in Chinese (default) or\n"
          "                            English\n"
          "      --text=full           CSV: a column with each article's whole\n"
          "                            clean text (default: snippets only)\n"
          "      --text=snippets       Word (docx): only the matching passages\n"
          "                            (default: the whole text)\n"
          "      --all                 only articles with every part of the\n"
          "                            query (by default those with some follow\n"
          "                            them, ranked by how many; +part requires\n"
          "                            one part)\n"
          "      --no-expand           a place's name matches only as text (by\n"
          "                            default 安康 also finds the articles placed\n"
          "                            in 安康市 or its counties)\n"
          "      --no-collapse         every copy of an article as a hit of its\n"
          "                            own (by default reprints are grouped: one\n"
          "                            hit per article, counts of articles)\n"
          "      --estimate            estimated totals (faster on big indexes)\n"
          "      --threads=N           threads one search may use on a big index\n"
          "                            (default: CPUs)\n"
          "      --split-min=N         split searches from N documents (default\n"
          "                            20000; for tests)\n"
          "      --match-cache         match the text once and replay it, as the\n"
          "                            server does (with --bench: repeats replay)\n"
          "      --bench=N             time each query N times, print latencies\n"
          "      --queries=FILE        with --bench: one query per line\n"
          "  -h, --help                show this help and exit\n"
          "  -V, --version             show the version and exit\n"
          "\n"
          "Exit status: 0 results found, 1 no results, 2 usage error,\n"
          "3 runtime error (no index, bad query ...).\n", f);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Time one query `reps` times (after one warm-up run); print a line. */
static int bench_one(struct searcher *s, struct search_request *req,
                     unsigned reps, double *all, size_t *nall)
{
    struct search_result res;
    struct lv_err err = { 0 };
    double *t = calloc(reps, sizeof(*t));
    unsigned i, total = 0;
    int rc = 0;

    if (!t)
        return 3;
    for (i = 0; i <= reps && rc == 0; i++) {
        double t0 = host_seconds();

        rc = searcher_run(s, req, &res, &err);
        total = res.total;
        search_result_release(&res);
        if (i > 0)
            t[i - 1] = (host_seconds() - t0) * 1000.0;
    }
    if (rc < 0) {
        fprintf(stderr, "lvzhi search: '%s': %s\n", req->query, err.msg);
        free(t);
        return 3;
    }
    memcpy(all + *nall, t, reps * sizeof(*t));
    *nall += reps;
    qsort(t, reps, sizeof(*t), cmp_double);
    printf("%-24s hits=%-7u median_ms=%.3f p95_ms=%.3f\n", req->query, total,
           t[reps / 2], t[(size_t)((reps - 1) * 0.95)]);
    free(t);
    return 0;
}

static int run_bench(struct searcher *s, struct search_request *req,
                     unsigned reps, const char *file, char **argq, int nargq)
{
    FILE *f = NULL;
    char line[2048];
    double *all = NULL;
    size_t nall = 0, cap = 0;
    int rc = 0, i;

    if (file && !(f = fopen(file, "r"))) {
        fprintf(stderr, "lvzhi search: cannot open '%s'\n", file);
        return 3;
    }
    for (i = 0; rc == 0; i++) {
        char *q;

        if (f) {
            if (!fgets(line, sizeof(line), f))
                break;
            line[strcspn(line, "\r\n")] = '\0';
            if (!line[0] || line[0] == '#')
                continue;
            q = line;
        } else {
            if (i >= nargq)
                break;
            q = argq[i];
        }
        if (nall + reps > cap) {
            double *p;

            cap = (nall + reps) * 2;
            p = realloc(all, cap * sizeof(*p));
            if (!p) {
                rc = 3;
                break;
            }
            all = p;
        }
        req->query = q;
        rc = bench_one(s, req, reps, all, &nall);
    }
    if (f)
        fclose(f);
    if (rc == 0 && nall) {
        qsort(all, nall, sizeof(*all), cmp_double);
        printf("%-24s runs=%-6zu median_ms=%.3f p95_ms=%.3f\n", "ALL", nall,
               all[nall / 2], all[(size_t)((double)(nall - 1) * 0.95)]);
    }
    free(all);
    return rc;
}

/* Stream a whole result set to stdout in an export format. */
static int run_export(struct searcher *s, const struct search_request *req,
                      int format, const struct export_options *opt)
{
    struct export_stream *x = NULL;
    struct lv_err err = { 0 };
    const char *data;
    size_t len;
    int rc = export_stream_new(s, req, format, opt, &x, &err);

    while (rc == 0) {
        rc = export_stream_next(x, &data, &len, &err);
        if (rc < 0 || len == 0)
            break;
        if (fwrite(data, 1, len, stdout) != len) {
            fputs("lvzhi search: write error\n", stderr);
            export_stream_free(x);
            return 3;
        }
    }
    export_stream_free(x);
    if (rc < 0) {
        fprintf(stderr, "lvzhi search: %s\n", err.msg);
        return 3;
    }
    return 0;
}

static int parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < 0 || (unsigned long)v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Join the query words given as separate arguments with spaces. */
static char *join_args(char **argv, int n)
{
    struct buf b = BUF_INIT;
    int i;

    for (i = 0; i < n; i++)
        if ((i && buf_addch(&b, ' ') < 0) || buf_addstr(&b, argv[i]) < 0) {
            buf_release(&b);
            return NULL;
        }
    return buf_take(&b, NULL);
}

enum { OPT_OFFSET = 256, OPT_FROM, OPT_TO, OPT_ESTIMATE, OPT_BENCH,
       OPT_QUERIES, OPT_FILTER, OPT_FACETS, OPT_FACET_TOP, OPT_THREADS,
       OPT_MATCH_CACHE, OPT_ALL, OPT_NO_EXPAND, OPT_NO_COLLAPSE, OPT_CSV_HEADERS, OPT_TEXT,
       OPT_SPLIT_MIN };

int cmd_search(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "limit", required_argument, NULL, 'n' },
        { "page", required_argument, NULL, 'p' },
        { "offset", required_argument, NULL, OPT_OFFSET },
        { "sort", required_argument, NULL, 's' },
        { "from", required_argument, NULL, OPT_FROM },
        { "to", required_argument, NULL, OPT_TO },
        { "format", required_argument, NULL, 'f' },
        { "estimate", no_argument, NULL, OPT_ESTIMATE },
        { "all", no_argument, NULL, OPT_ALL },
        { "no-expand", no_argument, NULL, OPT_NO_EXPAND },
        { "no-collapse", no_argument, NULL, OPT_NO_COLLAPSE },
        { "csv-headers", required_argument, NULL, OPT_CSV_HEADERS },
        { "text", required_argument, NULL, OPT_TEXT },
        { "threads", required_argument, NULL, OPT_THREADS },
        { "split-min", required_argument, NULL, OPT_SPLIT_MIN },
        { "match-cache", no_argument, NULL, OPT_MATCH_CACHE },
        { "bench", required_argument, NULL, OPT_BENCH },
        { "queries", required_argument, NULL, OPT_QUERIES },
        { "facets", no_argument, NULL, OPT_FACETS },
        { "facet-top", required_argument, NULL, OPT_FACET_TOP },
#define FILTER_OPTION(name, prefix, label) \
        { name, required_argument, NULL, OPT_FILTER },
        SCHEMA_FACET_FIELDS(FILTER_OPTION)
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    struct query_filter filters[MAX_FILTERS];
    struct search_request req = { 0 };
    struct search_result res = { 0 };
    struct export_options xopt = { 0 };
    struct searcher *s = NULL;
    struct lv_err err = { 0 };
    unsigned threads = 0;
    int use_mcache = 0;
    struct match_cache *mcache = NULL;
    struct buf out = BUF_INIT;
    const char *format = "text", *queries = NULL;
    char db[4096], *query = NULL;
    unsigned page = 0, bench = 0, split_min = 0;
    int c, idx, rc = 0;

    paths_default_db(db, sizeof(db));
    req.filters = filters;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:n:p:s:f:hV", longopts, &idx))
           != -1) {
        switch (c) {
        case 'd': snprintf(db, sizeof(db), "%s", optarg); break;
        case 'n':
            if (parse_uint(optarg, SEARCH_MAX_LIMIT, &req.limit) < 0
                || req.limit == 0)
                goto bad_value;
            break;
        case 'p':
            if (parse_uint(optarg, 1000000, &page) < 0 || page == 0)
                goto bad_value;
            break;
        case OPT_OFFSET:
            if (parse_uint(optarg, 100000000, &req.offset) < 0)
                goto bad_value;
            break;
        case 's':
            if (strcmp(optarg, "relevance") == 0)
                req.sort = SEARCH_SORT_RELEVANCE;
            else if (strcmp(optarg, "date") == 0)
                req.sort = SEARCH_SORT_DATE_DESC;
            else if (strcmp(optarg, "date-asc") == 0)
                req.sort = SEARCH_SORT_DATE_ASC;
            else
                goto bad_value;
            break;
        case OPT_FROM: req.date_from = optarg; break;
        case OPT_TO: req.date_to = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json")
                && export_format_parse(optarg) < 0)
                goto bad_value;
            format = optarg;
            break;
        case OPT_ESTIMATE: req.estimate = 1; break;
        case OPT_ALL: req.all = 1; break;
        case OPT_NO_EXPAND: req.no_expand = 1; break;
        case OPT_NO_COLLAPSE: req.no_collapse = 1; break;
        case OPT_CSV_HEADERS:
            if (strcmp(optarg, "en") && strcmp(optarg, "zh"))
                goto bad_value;
            xopt.english_headers = strcmp(optarg, "en") == 0;
            break;
        case OPT_TEXT:
            if (strcmp(optarg, "full") && strcmp(optarg, "snippets"))
                goto bad_value;
            xopt.full_text = strcmp(optarg, "full") == 0;
            xopt.snippets_only = strcmp(optarg, "snippets") == 0;
            break;
        case OPT_MATCH_CACHE: use_mcache = 1; break;
        case OPT_SPLIT_MIN:
            if (parse_uint(optarg, 100000000, &split_min) < 0)
                goto bad_value;
            break;
        case OPT_THREADS:
            if (parse_uint(optarg, 64, &threads) < 0 || threads == 0)
                goto bad_value;
            break;
        case OPT_BENCH:
            if (parse_uint(optarg, 100000, &bench) < 0 || bench == 0)
                goto bad_value;
            break;
        case OPT_QUERIES: queries = optarg; break;
        case OPT_FACETS: req.facets = 1; break;
        case OPT_FACET_TOP: {
            unsigned top;

            if (parse_uint(optarg, 100000, &top) < 0)
                goto bad_value;
            req.facet_top = top ? top : (size_t)-1;
            req.facets = 1;
            break;
        }
        case OPT_FILTER:
            if (req.nfilters == MAX_FILTERS) {
                fputs("lvzhi search: too many filters\n", stderr);
                return 2;
            }
            filters[req.nfilters].field = longopts[idx].name;
            filters[req.nfilters++].value = optarg;
            break;
        case 'h': usage(stdout); return 0;
        case 'V': puts("lvzhi " LVZHI_VERSION); return 0;
        default:
            fputs("Try 'lvzhi search --help' for more information.\n",
                  stderr);
            return 2;
        }
    }
    if (page)
        req.offset = (page - 1) * (req.limit ? req.limit : SEARCH_LIMIT);
    if (optind >= argc && !queries && req.nfilters == 0 && !req.date_from
        && !req.date_to) {
        fputs("lvzhi search: no QUERY given\n"
              "Try 'lvzhi search --help' for more information.\n", stderr);
        return 2;
    }
    if (searcher_open(db, &s, &err) < 0) {
        fprintf(stderr, "lvzhi search: cannot open index '%s': %s\n", db,
                err.msg);
        if (access(db, F_OK) != 0)
            fputs("lvzhi search: build it first with 'lvzhi index -d DB "
                  "PATH'\n", stderr);
        return 3;
    }
    searcher_set_threads(s, threads ? threads : host_cpus());
    if (split_min)
        searcher_set_split_min(s, split_min);
    if (use_mcache) {
        mcache = match_cache_new(SEARCH_MATCH_CACHE_BYTES);
        searcher_set_match_cache(s, mcache);
    }
    if (bench) {
        rc = run_bench(s, &req, bench, queries, argv + optind,
                       argc - optind);
        goto out;
    }
    query = join_args(argv + optind, argc - optind);
    req.query = query;
    if (query && strcmp(format, "text") && strcmp(format, "json")) {
        rc = run_export(s, &req, export_format_parse(format), &xopt);
        goto out;
    }
    if (!query || searcher_run(s, &req, &res, &err) < 0) {
        fprintf(stderr, "lvzhi search: %s\n", query ? err.msg
                                                     : "out of memory");
        rc = 3;
        goto out;
    }
    if (strcmp(format, "json") == 0)
        rc = output_json(&req, &res, &out);
    else
        rc = output_text(&req, &res, isatty(STDOUT_FILENO), &out);
    if (rc < 0) {
        fputs("lvzhi search: out of memory\n", stderr);
        rc = 3;
        goto out;
    }
    fwrite(out.data, 1, out.len, stdout);
    rc = res.total || res.partial_total ? 0 : 1;
out:
    search_result_release(&res);
    buf_release(&out);
    free(query);
    searcher_free(s);
    match_cache_free(mcache);
    return rc;

bad_value:
    fprintf(stderr, "lvzhi search: invalid value '%s' for --%s\n"
                    "Try 'lvzhi search --help' for more information.\n",
            optarg, c == 'n' ? "limit" : c == 'p' ? "page" : c == 's'
                ? "sort" : c == 'f' ? "format" : c >= OPT_OFFSET
                ? longopts[idx].name : "option");
    return 2;
}
