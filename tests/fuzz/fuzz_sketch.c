/* fuzz_sketch.c - shingles of any bytes (text/sketch.h): never crash; the
 * set is sorted without repeats; a text resembles itself fully (when it
 * has shingles) and resemblance stays in 0..1 and is the same both ways
 * between the input's two halves; band keys are a function of the set. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../text/sketch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct shingles a, b, c;
    struct sketch ka, kc, back;
    unsigned char packed[SKETCH_BYTES];
    const char *s = (const char *)data;
    size_t i, half = size / 2;
    double r1, r2;

    if (shingles_of_text(s, size, &a, NULL) < 0)
        return 0;
    for (i = 1; i < a.n; i++)
        if (a.h[i - 1] >= a.h[i])
            abort();
    if (a.n && shingles_resemblance(&a, &a) != 1.0)
        abort();
    if (shingles_of_text(s, half, &b, NULL) == 0) {
        r1 = shingles_resemblance(&a, &b);
        r2 = shingles_resemblance(&b, &a);
        if (r1 != r2 || r1 < 0 || r1 > 1)
            abort();
        shingles_release(&b);
    }
    if (shingles_of_text(s, size, &c, NULL) == 0) {
        shingles_sketch(&a, &ka);
        shingles_sketch(&c, &kc);
        if (memcmp(ka.mins, kc.mins, sizeof(ka.mins)) != 0
            || memcmp(ka.keys, kc.keys, sizeof(ka.keys)) != 0 || c.n != a.n)
            abort();
        sketch_pack(&ka, packed);
        if (sketch_unpack(packed, sizeof(packed), &back) != 0
            || memcmp(back.mins, ka.mins, sizeof(ka.mins)) != 0
            || sketch_resemblance(&ka, &back) != 1.0
            || sketch_unpack(packed, 3, &back) != -1)
            abort();
        (void)shingles_simhash(&c);
        shingles_release(&c);
    }
    shingles_release(&a);
    return 0;
}
