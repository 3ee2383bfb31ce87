/*
 * cmd/serve.c - `lvzhi serve`: options; the server is server.c.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../common/err.h"
#include "../common/paths.h"
#include "../common/version.h"
#include "../web/server.h"

static void usage(FILE *f)
{
    fputs(
        "Usage: lvzhi serve [OPTION]...\n"
        "Serve the web interface (search, articles, city comparison,\n"
        "exports, JSON API) over an index built by 'lvzhi index'.\n"
        "\n"
        "  -d, --db=PATH             database (default: $LVZHI_DB or\n"
        "                            ~/.local/share/lvzhi/index), or a stub\n"
        "                            file of shards (remote HOST:PORT, auto "
        "PATH)\n"
        "  -l, --listen=ADDR         address to listen on (default 127.0.0.1)\n"
        "  -p, --port=N              port (default 8080)\n"
        "  -t, --threads=N           worker threads (default: 2 per CPU)\n"
        "  -q, --quiet               no access log\n"
        "  -C, --no-cache            do not reuse rendered pages (by default "
        "a\n"
        "                            page is reused for the same request at "
        "the\n"
        "                            same index revision)\n"
        "  -h, --help                show this help and exit\n"
        "  -V, --version             show the version and exit\n",
        f);
}

int cmd_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"port", required_argument, NULL, 'p'},
        {"threads", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},
        {"no-cache", no_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct server_opts o = {NULL, "127.0.0.1", 8080, 0, 0, 0};
    struct lv_err err = {0};
    char db[4096], *end;
    long v;
    int c, rc;

    paths_default_db(db, sizeof(db));
    o.db = db;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:l:p:t:qChV", longopts, NULL))
           != -1) {
        switch (c) {
        case 'd': o.db = optarg; break;
        case 'l': o.listen = optarg; break;
        case 'p':
        case 't':
            v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end || v < (c == 'p' ? 1 : 1)
                || v > (c == 'p' ? 65535 : 256)) {
                fprintf(stderr,
                        "lvzhi serve: invalid number '%s'\n"
                        "Try 'lvzhi serve --help' for more "
                        "information.\n",
                        optarg);
                return 2;
            }
            if (c == 'p')
                o.port = (unsigned)v;
            else
                o.threads = (unsigned)v;
            break;
        case 'q': o.quiet = 1; break;
        case 'C': o.no_cache = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': puts("lvzhi " LVZHI_VERSION); return 0;
        default:
            fputs("Try 'lvzhi serve --help' for more information.\n", stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr,
                "lvzhi serve: unexpected argument '%s'\n"
                "Try 'lvzhi serve --help' for more information.\n",
                argv[optind]);
        return 2;
    }
    if (access(o.db, F_OK) != 0) {
        fprintf(stderr,
                "lvzhi serve: no index at '%s': build it with "
                "'lvzhi index -d %s PATH'\n",
                o.db, o.db);
        return 3;
    }
    rc = server_run(&o, &err);
    if (rc < 0)
        fprintf(stderr, "lvzhi serve: %s\n", err.msg);
    return rc == 0 ? 0 : rc == LV_EINVAL ? 2 : 3;
}
