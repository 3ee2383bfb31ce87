/* read_check.h - what every document reader's fuzz target requires of a
 * result: a read article has a title and a body of valid UTF-8; a
 * failure says why.  Aborts otherwise (libFuzzer keeps the input). */
#ifndef LVZHI_FUZZ_READ_CHECK_H
#define LVZHI_FUZZ_READ_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "../../indexer/article.h"
#include "../../text/utf8.h"

static inline void check_read(int rc, const struct article *a,
                              const struct lv_err *err)
{
    if (rc == 0) {
        if (!a->title || !a->body || !utf8_valid(a->body, a->body_len)
            || !utf8_valid(a->title, strlen(a->title)))
            abort();
    } else if (!err->msg[0]) {
        abort(); /* every failure says why */
    }
}

#endif
