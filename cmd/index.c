/*
 * cmd/index.c - `lvzhi index`: option parsing, progress and the summary.
 * The work is done by indexer.c.
 */
#include "cmd.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/host.h"
#include "../common/log.h"
#include "../common/version.h"
#include "../common/paths.h"
#include "../indexer/indexer.h"
#include "../indexer/walk.h"

static volatile int stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void usage(FILE *f)
{
    fputs("Usage: lvzhi index [OPTION]... PATH...\n"
          "Index files (folders recursively) into the lvzhi database: web\n"
          "pages (.html .htm .shtml .xhtml), text (.txt), PDF and Word\n"
          "(.docx) reports, web crawls (.warc, .warc.gz: each HTML page is\n"
          "an article) and scrapers' exports (.jsonl, .csv: one article a\n"
          "row).  Unchanged files are skipped, changed ones replaced and\n"
          "files removed from an indexed folder are deleted from the index.\n"
          "\n"
          "  -d, --db=PATH             database (default: $LVZHI_DB or\n"
          "                            ~/.local/share/lvzhi/index)\n"
          "  -b, --batch=N             documents per commit (default 300)\n"
          "  -j, --threads=N           worker threads (default: CPUs)\n"
          "  -f, --force               re-index files even if unchanged\n"
          "  -q, --quiet               no progress, only the summary\n"
          "      --no-entities, --no-reprints\n"
          "                            for measuring what they cost (make\n"
          "                            bench): no entities, no reprint\n"
          "                            clusters\n"
          "  -h, --help                show this help and exit\n"
          "  -V, --version             show the version and exit\n"
          "\n"
          "Exit status: 0 all indexed, 3 some files failed or a runtime\n"
          "error, 2 usage error.\n",
          f);
}

struct progress {
    int tty;
    double t0, last;
    size_t last_done;
};

/* A bar with docs/s and ETA on a terminal; a plain line every 10 s
 * otherwise (so logs stay readable). */
static void show_progress(size_t done, size_t total, void *ctx)
{
    struct progress *p = ctx;
    double t = host_seconds(), el = t - p->t0, rate;
    double eta;
    char bar[31];
    size_t fill, i;

    if (p->tty ? (t - p->last < 0.1 && done != total)
               : (done == total || t - p->last < 10.0))
        return; /* plain lines: every 10 s; the summary ends the run */
    rate = el > 0 ? (double)done / el : 0;
    eta = rate > 0 ? (double)(total - done) / rate : 0;
    p->last = t;
    p->last_done = done;
    if (!p->tty) {
        fprintf(stderr, "lvzhi index: %zu/%zu files, %.0f files/s\n", done,
                total, rate);
        return;
    }
    fill = total ? done * 30 / total : 30;
    for (i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu  %.0f files/s  ETA %d:%02d ", bar, done,
            total, rate, (int)eta / 60, (int)eta % 60);
    if (done == total)
        fputc('\n', stderr);
}

static void print_summary(const struct walk *w, const struct indexer_stats *s)
{
    size_t i;
    double mb = (double)s->bytes / 1e6;

    fprintf(stderr,
            "lvzhi index: %zu indexed, %zu unchanged, %zu deleted, "
            "%zu failed, %zu skipped (other file types) in %.2f s",
            s->indexed, s->unchanged, s->deleted, s->failed + w->nproblems,
            w->skipped, s->seconds);
    if (s->indexed && s->seconds > 0)
        fprintf(stderr, " (%.0f docs/s, %.2f MB/s)",
                (double)s->indexed / s->seconds, mb / s->seconds);
    fputc('\n', stderr);
    if (s->interrupted)
        fprintf(stderr, "lvzhi index: interrupted; what was indexed is "
                        "committed, run again to finish\n");
    for (i = 0; i < s->nnotes; i++)
        fprintf(stderr, "  note: %s: %s\n", s->notes[i].key, s->notes[i].text);
    for (i = 0; i < w->nproblems; i++)
        fprintf(stderr, "  failed: %s\n", w->problems[i]);
    for (i = 0; i < s->failed; i++)
        fprintf(stderr, "  failed: %s: %s\n", s->failures[i].key,
                s->failures[i].text);
}

static int parse_uint(const char *s, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < 1 || v > 1000000)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Parse argv into *opts (db: room for the default path).  -1 to go on
 * (optind at the paths), else the exit status. */
static int parse_options(int argc, char **argv, struct indexer_opts *opts,
                         char db[4096], int *quiet)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"batch", required_argument, NULL, 'b'},
        {"threads", required_argument, NULL, 'j'},
        {"force", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"no-entities", no_argument, NULL, 'E'},
        {"no-reprints", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c, bad = 0;

    paths_default_db(db, 4096);
    opts->db_path = db;
    optind = 1;
    while (!bad
           && (c = getopt_long(argc, argv, "d:b:j:fqhV", longopts, NULL))
                  != -1) {
        switch (c) {
        case 'd': opts->db_path = optarg; break;
        case 'b': bad = parse_uint(optarg, &opts->batch) < 0; break;
        case 'j':
            bad = parse_uint(optarg, &opts->threads) < 0 || opts->threads > 64;
            break;
        case 'f': opts->force = 1; break;
        case 'q': *quiet = 1; break;
        case 'E': opts->no_entities = 1; break;
        case 'R': opts->no_reprints = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': puts("lvzhi " LVZHI_VERSION); return 0;
        default:
            fputs("Try 'lvzhi index --help' for more information.\n", stderr);
            return 2;
        }
    }
    if (bad) {
        fprintf(stderr,
                "lvzhi index: invalid number '%s'\n"
                "Try 'lvzhi index --help' for more information.\n",
                optarg);
        return 2;
    }
    if (optind >= argc) {
        fputs("lvzhi index: no PATH given\n"
              "Try 'lvzhi index --help' for more information.\n",
              stderr);
        return 2;
    }
    return -1;
}

/* Index the walked files; report and decide the exit status. */
static int run_index(struct walk *w, struct indexer_opts *opts, int quiet)
{
    struct indexer_stats stats = {0};
    struct progress prog = {0};
    struct lv_err err = {0};
    int rc;

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    opts->stop = &stop_requested;
    if (!quiet) {
        prog.tty = isatty(STDERR_FILENO);
        prog.t0 = prog.last = host_seconds();
        opts->progress = show_progress;
        opts->progress_ctx = &prog;
    }
    rc = indexer_run(w, opts, &stats, &err);
    if (rc < 0)
        log_msg(LOG_ERR, "lvzhi index: database '%s': %s", opts->db_path,
                err.msg[0] ? err.msg : lv_strerror(rc));
    print_summary(w, &stats);
    if (stats.committed < stats.indexed)
        log_msg(LOG_ERR,
                "lvzhi index: the last %zu documents may not be "
                "saved (the index keeps its last commit); run again to "
                "index them",
                stats.indexed - stats.committed);
    if (rc == 0 && stats.interrupted)
        rc = 130;
    else if (rc < 0 || stats.failed || w->nproblems)
        rc = 3;
    indexer_stats_release(&stats);
    return rc;
}

int cmd_index(int argc, char **argv)
{
    struct indexer_opts opts = {0};
    struct walk w;
    struct lv_err err = {0};
    char db[4096];
    int quiet = 0, rc = parse_options(argc, argv, &opts, db, &quiet);

    if (rc >= 0)
        return rc;
    if (paths_make_parents(opts.db_path) < 0) {
        log_msg(LOG_ERR, "lvzhi index: cannot create the folder for '%s'",
                opts.db_path);
        return 3;
    }
    if (walk_paths(argv + optind, (size_t)(argc - optind), &w, &err) < 0) {
        log_msg(LOG_ERR, "lvzhi index: %s", err.msg);
        walk_release(&w);
        return 3;
    }
    rc = run_index(&w, &opts, quiet);
    walk_release(&w);
    return rc;
}
