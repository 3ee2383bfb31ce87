/*
 * lvzhi.c - the `lvzhi` command: dispatch to a subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "common/version.h"
#include "cmd/cmd.h"

static void usage(FILE *f)
{
    fputs("Usage: lvzhi COMMAND [OPTION]... [ARG]...\n"
          "A searchable archive of CPPCC member activity news.\n"
          "\n"
          "Commands:\n"
          "  index PATH...             index HTML and text files\n"
          "  search QUERY...           search the index\n"
          "  serve                     serve the web interface\n"
          "  check                     verify that every document is whole\n"
          "  compact                   rewrite the index compacted, in place\n"
          "\n"
          "  -h, --help                show this help and exit\n"
          "  -V, --version             show the version and exit\n"
          "\n"
          "'lvzhi COMMAND --help' describes each command.\n",
          f);
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

    if (!cmd) {
        usage(stderr);
        return 2;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        puts("lvzhi " LVZHI_VERSION);
        return 0;
    }
    if (strcmp(cmd, "index") == 0)
        return cmd_index(argc - 1, argv + 1);
    if (strcmp(cmd, "search") == 0)
        return cmd_search(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "compact") == 0)
        return cmd_compact(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc - 1, argv + 1);
    fprintf(stderr,
            "lvzhi: unknown command '%s'\n"
            "Try 'lvzhi --help' for more information.\n",
            cmd);
    return 2;
}
