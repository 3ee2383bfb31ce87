/*
 * strv.h - a growable list of owned strings (paths, keys, reasons).
 */
#ifndef LVZHI_STRV_H
#define LVZHI_STRV_H

#include <stddef.h>

#include "err.h"

struct strv {
    char **v;
    size_t n, cap;
};

/* Append str, which the list then owns (a malloc'd string; freed here if
 * the list cannot grow).  A NULL str is a failed allocation before the
 * call.  0 or LV_ENOMEM. */
LV_MUST_CHECK
int strv_push(struct strv *s, char *str);

/* Free every string and the list; s is empty again. */
void strv_release(struct strv *s);

#endif
