/*
 * cmd/search.c - `lvzhi search`: options, then one page of hits (text or
 * JSON) or a whole result set in an export format.  Timing queries is
 * bench/search_bench.c's job, not the shipped command's.
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
    fputs(
        "Usage: lvzhi search [OPTION]... QUERY...\n"
        "Search the lvzhi index.  QUERY: words (AND), \"phrases\", -exclude,\n"
        "a OR b, title:word, and filters such as city:兰州市 year:2024.\n"
        "Traditional and simplified characters find each other.\n"
        "\n"
        "  -d, --db=PATH             database (default: $LVZHI_DB or\n"
        "                            ~/.local/share/lvzhi/index), or a stub\n"
        "                            file of shards (remote HOST:PORT, auto "
        "PATH)\n"
        "  -n, --limit=N             results per page (default 10, max 1000)\n"
        "  -p, --page=N              page number, from 1 (default 1)\n"
        "      --offset=N            skip N results (instead of --page)\n"
        "  -s, --sort=ORDER          relevance (default), date, date-asc\n"
        "      --from=DATE           published on or after DATE "
        "(YYYY[-MM[-DD]])\n"
        "      --to=DATE             published on or before DATE\n"
        "      --province=NAME, --city=NAME, --county=NAME, --sector=NAME,\n"
        "      --workstation=NAME, --brand=NAME, --source=NAME, --year=YYYY\n"
        "      --month=YYYYMM, --type=html|text|pdf|docx|warc|jsonl|csv\n"
        "                            filters (repeat for OR within a field;\n"
        "                            a workstation by name, or city·name)\n"
        "      --topic=on|off        only pages about members' work (on), or\n"
        "                            only the others (off)\n"
        "      --facets              exact counts per facet (city, sector "
        "...)\n"
        "      --facet-top=N         values shown per facet (default 20, 0 "
        "all)\n"
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
        "      --no-expand           no widening of parts (by default 安康 "
        "also\n"
        "                            finds the articles placed in 安康市 or "
        "its\n"
        "                            counties, 义诊 also 巡诊, 政协委员之家 "
        "also\n"
        "                            委员之家); a query no article holds is "
        "still\n"
        "                            searched by its words\n"
        "      --no-collapse         every copy of an article as a hit of its\n"
        "                            own (by default reprints are grouped: "
        "one\n"
        "                            hit per article, counts of articles)\n"
        "      --estimate            estimated totals (faster on big indexes)\n"
        "      --threads=N           threads one search may use on a big "
        "index\n"
        "                            (default: CPUs)\n"
        "      --split-min=N         split searches from N documents (default\n"
        "                            20000; for tests)\n"
        "      --match-cache         match the text once and replay it, as "
        "the\n"
        "                            server does\n"
        "  -h, --help                show this help and exit\n"
        "  -V, --version             show the version and exit\n"
        "\n"
        "Exit status: 0 results found, 1 no results, 2 usage error,\n"
        "3 runtime error (no index, bad query ...).\n",
        f);
}

/* Stream a whole result set to stdout in an export format. */
static int run_export(struct searcher *s, const struct search_request *req,
                      int format, const struct export_options *opt)
{
    struct export_stream *x = NULL;
    struct lv_err err = {0};
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

enum {
    OPT_OFFSET = 256,
    OPT_FROM,
    OPT_TO,
    OPT_ESTIMATE,
    OPT_FILTER,
    OPT_FACETS,
    OPT_FACET_TOP,
    OPT_THREADS,
    OPT_MATCH_CACHE,
    OPT_ALL,
    OPT_NO_EXPAND,
    OPT_NO_COLLAPSE,
    OPT_CSV_HEADERS,
    OPT_TEXT,
    OPT_SPLIT_MIN
};

static const struct option longopts[] = {
    {"db", required_argument, NULL, 'd'},
    {"limit", required_argument, NULL, 'n'},
    {"page", required_argument, NULL, 'p'},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"sort", required_argument, NULL, 's'},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"format", required_argument, NULL, 'f'},
    {"estimate", no_argument, NULL, OPT_ESTIMATE},
    {"all", no_argument, NULL, OPT_ALL},
    {"no-expand", no_argument, NULL, OPT_NO_EXPAND},
    {"no-collapse", no_argument, NULL, OPT_NO_COLLAPSE},
    {"csv-headers", required_argument, NULL, OPT_CSV_HEADERS},
    {"text", required_argument, NULL, OPT_TEXT},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"split-min", required_argument, NULL, OPT_SPLIT_MIN},
    {"match-cache", no_argument, NULL, OPT_MATCH_CACHE},
    {"facets", no_argument, NULL, OPT_FACETS},
    {"facet-top", required_argument, NULL, OPT_FACET_TOP},
#define FILTER_OPTION(name, prefix, label, counted)                            \
    {name, required_argument, NULL, OPT_FILTER},
    SCHEMA_FACET_FIELDS(FILTER_OPTION)
#undef FILTER_OPTION
        {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* Everything the command line says, parsed once. */
struct search_opts {
    char db[4096];
    struct search_request req;
    struct query_filter filters[MAX_FILTERS];
    struct export_options xopt;
    const char *format; /* "text", "json" or an export format */
    unsigned page;      /* 0: --offset (or the first page) */
    unsigned threads;   /* 0: one per CPU */
    unsigned split_min; /* 0: the searcher's default */
    int match_cache;
};

/* Where the hits go: paging and order.  0, or -1 for a bad value. */
static int set_paging(struct search_opts *o, int c, const char *arg)
{
    struct search_request *req = &o->req;

    switch (c) {
    case 'n':
        return parse_uint(arg, SEARCH_MAX_LIMIT, &req->limit) < 0
                       || req->limit == 0
                   ? -1
                   : 0;
    case 'p':
        return parse_uint(arg, 1000000, &o->page) < 0 || o->page == 0 ? -1 : 0;
    case OPT_OFFSET: return parse_uint(arg, 100000000, &req->offset);
    case 's':
        if (strcmp(arg, "relevance") == 0)
            req->sort = SEARCH_SORT_RELEVANCE;
        else if (strcmp(arg, "date") == 0)
            req->sort = SEARCH_SORT_DATE_DESC;
        else if (strcmp(arg, "date-asc") == 0)
            req->sort = SEARCH_SORT_DATE_ASC;
        else
            return -1;
        return 0;
    }
    return -1;
}

/* How the result is written.  0, or -1 for a bad value. */
static int set_output(struct search_opts *o, int c, const char *arg)
{
    switch (c) {
    case 'f':
        if (strcmp(arg, "text") && strcmp(arg, "json")
            && export_format_parse(arg) < 0)
            return -1;
        o->format = arg;
        return 0;
    case OPT_CSV_HEADERS:
        if (strcmp(arg, "en") && strcmp(arg, "zh"))
            return -1;
        o->xopt.english_headers = strcmp(arg, "en") == 0;
        return 0;
    case OPT_TEXT:
        if (strcmp(arg, "full") && strcmp(arg, "snippets"))
            return -1;
        o->xopt.full_text = strcmp(arg, "full") == 0;
        o->xopt.snippets_only = strcmp(arg, "snippets") == 0;
        return 0;
    case OPT_FACET_TOP: {
        unsigned top;

        if (parse_uint(arg, 100000, &top) < 0)
            return -1;
        o->req.facet_top = top ? top : (size_t)-1;
        o->req.facets = 1;
        return 0;
    }
    }
    return -1;
}

/* Switches and the searcher's knobs.  0, or -1 for a bad value. */
static int set_flag(struct search_opts *o, int c, const char *arg)
{
    switch (c) {
    case 'd': snprintf(o->db, sizeof(o->db), "%s", arg); return 0;
    case OPT_FROM: o->req.date_from = arg; return 0;
    case OPT_TO: o->req.date_to = arg; return 0;
    case OPT_ESTIMATE: o->req.estimate = 1; return 0;
    case OPT_ALL: o->req.all = 1; return 0;
    case OPT_NO_EXPAND: o->req.no_expand = 1; return 0;
    case OPT_NO_COLLAPSE: o->req.no_collapse = 1; return 0;
    case OPT_FACETS: o->req.facets = 1; return 0;
    case OPT_MATCH_CACHE: o->match_cache = 1; return 0;
    case OPT_SPLIT_MIN: return parse_uint(arg, 100000000, &o->split_min);
    case OPT_THREADS:
        return parse_uint(arg, 64, &o->threads) < 0 || o->threads == 0 ? -1 : 0;
    }
    return set_paging(o, c, arg) == 0 || set_output(o, c, arg) == 0 ? 0 : -1;
}

static const char *option_name(int c, int idx)
{
    const struct option *lo;

    if (c >= OPT_OFFSET)
        return longopts[idx].name;
    for (lo = longopts; lo->name; lo++)
        if (lo->val == c)
            return lo->name;
    return "option";
}

/*
 * Parse argv into *o.  Returns -1 to go on and search (optind at the
 * query words), else the exit status (help, version, usage error).
 */
static int parse_options(int argc, char **argv, struct search_opts *o)
{
    int c, idx = 0;

    paths_default_db(o->db, sizeof(o->db));
    o->req.filters = o->filters;
    o->format = "text";
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:n:p:s:f:hV", longopts, &idx))
           != -1) {
        if (c == 'h') {
            usage(stdout);
            return 0;
        }
        if (c == 'V') {
            puts("lvzhi " LVZHI_VERSION);
            return 0;
        }
        if (c == '?' || c == ':') {
            fputs("Try 'lvzhi search --help' for more information.\n", stderr);
            return 2;
        }
        if (c == OPT_FILTER) {
            if (o->req.nfilters == MAX_FILTERS) {
                fputs("lvzhi search: too many filters\n", stderr);
                return 2;
            }
            o->filters[o->req.nfilters].field = longopts[idx].name;
            o->filters[o->req.nfilters++].value = optarg;
        } else if (set_flag(o, c, optarg) < 0) {
            fprintf(stderr,
                    "lvzhi search: invalid value '%s' for --%s\n"
                    "Try 'lvzhi search --help' for more "
                    "information.\n",
                    optarg, option_name(c, idx));
            return 2;
        }
    }
    if (o->page)
        o->req.offset =
            (o->page - 1) * (o->req.limit ? o->req.limit : SEARCH_LIMIT);
    if (optind >= argc && o->req.nfilters == 0 && !o->req.date_from
        && !o->req.date_to) {
        fputs("lvzhi search: no QUERY given\n"
              "Try 'lvzhi search --help' for more information.\n",
              stderr);
        return 2;
    }
    return -1;
}

static int open_searcher(const struct search_opts *o, struct searcher **s,
                         struct match_cache **mcache)
{
    struct lv_err err = {0};

    if (searcher_open(o->db, s, &err) < 0) {
        fprintf(stderr, "lvzhi search: cannot open index '%s': %s\n", o->db,
                err.msg);
        if (access(o->db, F_OK) != 0)
            fputs("lvzhi search: build it first with 'lvzhi index -d DB "
                  "PATH'\n",
                  stderr);
        return 3;
    }
    searcher_set_threads(*s, o->threads ? o->threads : host_cpus());
    if (o->split_min)
        searcher_set_split_min(*s, o->split_min);
    if (o->match_cache) {
        *mcache = match_cache_new(SEARCH_MATCH_CACHE_BYTES);
        searcher_set_match_cache(*s, *mcache);
    }
    return 0;
}

/* One page of hits as text or JSON.  Exit status 0 found, 1 none, 3. */
static int run_page(struct searcher *s, const struct search_opts *o)
{
    struct search_result res = {0};
    struct lv_err err = {0};
    struct buf out = BUF_INIT;
    int rc;

    if (searcher_run(s, &o->req, &res, &err) < 0) {
        fprintf(stderr, "lvzhi search: %s\n", err.msg);
        search_result_release(&res);
        return 3;
    }
    if (strcmp(o->format, "json") == 0)
        rc = output_json(&o->req, &res, &out);
    else
        rc = output_text(&o->req, &res, isatty(STDOUT_FILENO), &out);
    if (rc < 0)
        fputs("lvzhi search: out of memory\n", stderr);
    else
        fwrite(out.data, 1, out.len, stdout);
    rc = rc < 0 ? 3 : res.total || res.partial_total ? 0 : 1;
    search_result_release(&res);
    buf_release(&out);
    return rc;
}

int cmd_search(int argc, char **argv)
{
    struct search_opts o = {0};
    struct searcher *s = NULL;
    struct match_cache *mcache = NULL;
    char *query;
    int rc = parse_options(argc, argv, &o);

    if (rc >= 0)
        return rc;
    query = join_args(argv + optind, argc - optind);
    if (!query) {
        fputs("lvzhi search: out of memory\n", stderr);
        return 3;
    }
    o.req.query = query;
    rc = open_searcher(&o, &s, &mcache);
    if (rc == 0 && strcmp(o.format, "text") && strcmp(o.format, "json"))
        rc = run_export(s, &o.req, export_format_parse(o.format), &o.xopt);
    else if (rc == 0)
        rc = run_page(s, &o);
    free(query);
    searcher_free(s);
    match_cache_free(mcache);
    return rc;
}
