/*
 * cmd/compact.c - `lvzhi compact`: option parsing and the report.  The
 * work is done by indexer/compact.c.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "../common/log.h"
#include "../common/paths.h"
#include "../common/version.h"
#include "../indexer/compact.h"

static void usage(FILE *f)
{
    fputs(
        "Usage: lvzhi compact [OPTION]...\n"
        "Rewrite the lvzhi index compacted (Xapian's compaction: full\n"
        "blocks, no free space), in its place.  Searches and `lvzhi serve`\n"
        "keep working meanwhile and then read the compacted copy; an\n"
        "indexer cannot write until it is done.  Compact after a large\n"
        "`lvzhi index` run; later runs grow the index again.\n"
        "\n"
        "  -d, --db=PATH             database (default: $LVZHI_DB or\n"
        "                            ~/.local/share/lvzhi/index); for a stub\n"
        "                            file of shards, compact each shard\n"
        "  -q, --quiet               no summary line\n"
        "  -h, --help                show this help and exit\n"
        "  -V, --version             show the version and exit\n"
        "\n"
        "Exit status: 0 compacted, 2 usage error, 3 the index cannot be\n"
        "compacted (missing, a stub file, being written, no room).\n",
        f);
}

int cmd_compact(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct compact_report report;
    struct lv_err err = {0};
    char db[4096];
    const char *path = db;
    int c, quiet = 0;

    paths_default_db(db, sizeof(db));
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': puts("lvzhi " LVZHI_VERSION); return 0;
        default:
            fputs("Try 'lvzhi compact --help' for more information.\n", stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr,
                "lvzhi compact: unexpected argument '%s'\n"
                "Try 'lvzhi compact --help' for more information.\n",
                argv[optind]);
        return 2;
    }
    if (compact_index(path, &report, &err) < 0) {
        log_msg(LOG_ERR, "lvzhi compact: '%s': %s", path,
                err.msg[0] ? err.msg : lv_strerror(err.code));
        if (err.code == LV_ELOCKED)
            log_msg(LOG_ERR,
                    "lvzhi compact: an indexer (or another "
                    "compaction) is writing to it; run again when it is "
                    "done");
        return 3;
    }
    if (report.note[0])
        log_msg(LOG_WARN, "lvzhi compact: %s", report.note);
    if (!quiet)
        fprintf(stderr,
                "lvzhi compact: %u documents, %.1f MB → %.1f MB "
                "(%.1f KB per document)\n",
                report.docs, (double)report.bytes_before / 1e6,
                (double)report.bytes_after / 1e6,
                report.docs ? (double)report.bytes_after / 1e3 / report.docs
                            : 0.0);
    return 0;
}
