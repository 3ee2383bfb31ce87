/* fuzz_decode.c - charset detection and conversion never crash and always
 * give valid UTF-8 without NUL bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../text/decode.h"
#include "../../text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct decoded d;
    int html;

    for (html = 0; html < 2; html++) {
        if (decode_to_utf8((const char *)data, size, html, &d, NULL) == 0) {
            if (!utf8_valid(d.text, d.len) || memchr(d.text, 0, d.len))
                abort();
        }
        decoded_release(&d);
    }
    return 0;
}
