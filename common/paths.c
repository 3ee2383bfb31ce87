/* paths.c - default locations (see paths.h). */
#include "paths.h"
#include "err.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return (flag == FTW_DP ? rmdir(path) : unlink(path)) == 0 ? 0 : -1;
}

int paths_remove_tree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : LV_EIO;
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : LV_EIO;
}

unsigned long long paths_dir_bytes(const char *path)
{
    unsigned long long total = 0;
    DIR *d = opendir(path);
    struct dirent *e;
    struct stat st;
    char file[4096];

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
        if (lstat(file, &st) == 0 && S_ISREG(st.st_mode))
            total += (unsigned long long)st.st_size;
    }
    closedir(d);
    return total;
}
