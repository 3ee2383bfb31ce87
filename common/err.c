/* err.c - error reports (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lv_err_trim(struct lv_err *err)
{
    size_t len = strlen(err->msg), i = len, need;
    unsigned char lead;

    /* Back over at most three continuation bytes to the last lead byte;
     * drop that character if the message ends before it does. */
    while (i > 0 && len - i < 3
           && ((unsigned char)err->msg[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    lead = (unsigned char)err->msg[i - 1];
    need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (i - 1) < need)
        err->msg[i - 1] = '\0';
}

int lv_err_set(struct lv_err *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    lv_err_trim(err); /* a long message may be cut inside a character */
    return code;
}

void lv_err_clear(struct lv_err *err)
{
    if (!err)
        return;
    err->code = LV_OK;
    err->msg[0] = '\0';
}

const char *lv_strerror(int code)
{
    switch (code) {
    case LV_OK: return "success";
    case LV_ENOMEM: return "out of memory";
    case LV_EIO: return "input/output error";
    case LV_EINVAL: return "invalid argument";
    case LV_EQUERY: return "bad query";
    case LV_ELOCKED: return "database locked";
    case LV_EDB: return "database error";
    case LV_EICU: return "ICU error";
    case LV_EINTERNAL: return "internal error";
    case LV_ENOTFOUND: return "not found";
    case LV_ESCHEMA: return "index schema version mismatch";
    case LV_ECHANGED: return "index changed during the read";
    }
    return "unknown error";
}
