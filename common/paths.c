/* paths.c - default locations (see paths.h). */
#include "paths.h"
#include "err.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void paths_default_db(char *out, size_t n)
{
    const char *env = getenv("LVZHI_DB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");

    if (env && *env)
        snprintf(out, n, "%s", env);
    else if (xdg && *xdg)
        snprintf(out, n, "%s/lvzhi/index", xdg);
    else if (home && *home)
        snprintf(out, n, "%s/.local/share/lvzhi/index", home);
    else
        snprintf(out, n, "lvzhi-index");
}

int paths_make_parents(const char *path)
{
    char tmp[4096];
    char *p;

    if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp)) {
        errno = ENAMETOOLONG;
        return LV_EIO;
    }
    for (p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
            return LV_EIO;
        *p = '/';
    }
    return 0;
}
