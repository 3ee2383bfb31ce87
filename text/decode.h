/*
 * decode.h - detect a document's character set and convert it to UTF-8.
 *
 * Order of evidence: a byte-order mark; for HTML, <meta charset> or
 * http-equiv Content-Type in the first 4 KB; bytes that are valid UTF-8
 * with non-ASCII content are UTF-8 whatever is declared; otherwise ICU's
 * detector.  GBK, GB2312 and their aliases are read as GB18030 (their
 * superset).  A declared charset that the bytes contradict (declared UTF-8
 * but invalid) falls back to detection.  Bytes that cannot be converted
 * become U+FFFD; the output is always valid UTF-8 without NUL bytes.
 */
#ifndef LVZHI_DECODE_H
#define LVZHI_DECODE_H

#include <stddef.h>

#include "../common/err.h"

struct decoded {
    char *text; /* valid UTF-8, NUL-terminated; caller frees */
    size_t len;
    char charset[32]; /* what was used, e.g. "UTF-8", "GB18030" */
    const char *how;  /* "bom", "meta" (or the transport's declaration),
                         "utf8-valid", "detected" */
    size_t replaced;  /* number of U+FFFD substitutions made */
};

/*
 * Convert bytes[0..len-1] (is_html: look for a meta declaration) to UTF-8.
 * Returns 0, LV_ENOMEM, or LV_EICU when no converter could be opened.
 * Empty input gives an empty string.
 */
LV_MUST_CHECK
int decode_to_utf8(const char *bytes, size_t len, int is_html,
                   struct decoded *out, struct lv_err *err);

/* The same with a charset the transport declared (an HTTP header), which
 * stands where a <meta> declaration would; NULL or "" for none. */
LV_MUST_CHECK
int decode_to_utf8_declared(const char *bytes, size_t len, int is_html,
                            const char *declared, struct decoded *out,
                            struct lv_err *err);

/* Free out->text and clear the struct. */
void decoded_release(struct decoded *out);

#endif
