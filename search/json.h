/*
 * json.h - writing JSON.  Strings must be valid UTF-8 (every text lvzhi
 * stores is); control characters are escaped, and so are '<', '>' and '&'
 * (as \u003c ...) so that JSON embedded in HTML cannot close a script.
 */
#ifndef LVZHI_JSON_H
#define LVZHI_JSON_H

#include "../common/buf.h"

/* Append s as a quoted JSON string; NULL appends null.  0 or LV_ENOMEM. */
int json_str(struct buf *out, const char *s);

/* Append "key": (quoted key and a colon). */
int json_key(struct buf *out, const char *key);

#endif
