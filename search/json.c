/* json.c - JSON string escaping (see json.h). */
#include "json.h"
#include "../common/err.h"
#include "../text/utf8.h"

#include <stdio.h>
#include <string.h>

int json_str(struct buf *out, const char *s)
{
    size_t len, i = 0;

    if (!s)
        return buf_addstr(out, "null");
    len = strlen(s);
    buf_addch(out, '"');
    while (i < len && !buf_error(out)) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];

        if (c >= 0x80) {
            /* Copy a valid sequence; an invalid byte becomes U+FFFD. */
            unsigned cp;
            size_t n = utf8_decode(s + i, len - i, &cp);

            if (cp == UTF8_REPLACEMENT && n == 1)
                buf_addstr(out, "\\ufffd");
            else if (cp == 0x2028 || cp == 0x2029)
                /* line separators end a JavaScript string literal */
                buf_addstr(out, cp == 0x2028 ? "\\u2028" : "\\u2029");
            else
                buf_add(out, s + i, n);
            i += n;
            continue;
        }
        i++;
        switch (c) {
        case '"': buf_add(out, "\\\"", 2); break;
        case '\\': buf_add(out, "\\\\", 2); break;
        case '\n': buf_add(out, "\\n", 2); break;
        case '\r': buf_add(out, "\\r", 2); break;
        case '\t': buf_add(out, "\\t", 2); break;
        default:
            if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
                snprintf(esc, sizeof(esc), "\\u%04x", c);
                buf_add(out, esc, 6);
            } else {
                buf_addch(out, (char)c);
            }
        }
    }
    return buf_addch(out, '"');
}

int json_key(struct buf *out, const char *key)
{
    json_str(out, key);
    return buf_addch(out, ':');
}
