/* fuzz_record.c - stored records: parse anything, and what is written
 * parses back to the same pairs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/buf.h"
#include "../../common/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct record *r = record_parse((const char *)data, size), *back;
    struct buf b = BUF_INIT;
    size_t i;

    if (!r)
        return 0;
    if (record_write(r, &b) == 0) {
        back = record_parse(b.data ? b.data : "", b.len);
        if (!back || record_count(back) != record_count(r))
            abort();
        for (i = 0; i < record_count(r); i++) {
            const char *k1, *v1, *k2, *v2;

            record_pair(r, i, &k1, &v1);
            record_pair(back, i, &k2, &v2);
            if (strcmp(k1, k2) || strcmp(v1, v2))
                abort();
        }
        record_free(back);
    }
    buf_release(&b);
    record_free(r);
    return 0;
}
