/*
 * cmd/check.c - `lvzhi check`: option parsing and the verdict.  The work
 * is done by check.c.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "../common/log.h"
#include "../common/paths.h"
#include "../common/version.h"
#include "../indexer/check.h"

static void usage(FILE *f)
{
    fputs(
        "Usage: lvzhi check [OPTION]...\n"
        "Read every document of the lvzhi index and verify that it is\n"
        "whole: one unique id, one path, its stored record, its values and\n"
        "facet ids matching its facet terms; and that the copies of one\n"
        "article share one cluster and every cluster holds only copies.\n"
        "The index is opened\n"
        "read-only, so it can be checked while it is being served.\n"
        "\n"
        "  -d, --db=PATH             database (default: $LVZHI_DB or\n"
        "                            ~/.local/share/lvzhi/index)\n"
        "      --digest              print 'ID HASH' per document, sorted by\n"
        "                            id: equal for indexes of the same files\n"
        "  -q, --quiet               no summary line\n"
        "  -h, --help                show this help and exit\n"
        "  -V, --version             show the version and exit\n"
        "\n"
        "Exit status: 0 the index is whole, 1 problems were found (listed\n"
        "on stderr), 2 usage error, 3 the index cannot be read.\n",
        f);
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"digest", no_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct check_report report;
    struct lv_err err = {0};
    char db[4096];
    const char *path = db;
    int c, digest = 0, quiet = 0;

    paths_default_db(db, sizeof(db));
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'D': digest = 1; break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': puts("lvzhi " LVZHI_VERSION); return 0;
        default:
            fputs("Try 'lvzhi check --help' for more information.\n", stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr,
                "lvzhi check: unexpected argument '%s'\n"
                "Try 'lvzhi check --help' for more information.\n",
                argv[optind]);
        return 2;
    }
    if (check_index(path, stderr, digest ? stdout : NULL, &report, &err) < 0) {
        log_msg(LOG_ERR, "lvzhi check: cannot read '%s': %s", path,
                err.msg[0] ? err.msg : lv_strerror(err.code));
        return 3;
    }
    if (!quiet)
        fprintf(stderr,
                "lvzhi check: %u documents, %u problems (%u "
                "articles with reprints)\n",
                report.docs, report.problems, report.clusters);
    return report.problems ? 1 : 0;
}
