/*
 * sketch.h - what makes two texts copies of one article: the set of
 * character shingles of their folded form (normalised as for matching,
 * so 繁简, full-width forms and case do not count, with every character
 * that is not a letter or digit dropped, so punctuation and white space
 * do not either), their resemblance (Jaccard: shared shingles over all
 * shingles, the same both ways, so an article quoting a few paragraphs
 * of another does not resemble it), and a MinHash sketch of the set
 * whose band keys find the candidates by index lookup (Broder; LSH as in
 * Leskovec, Rajaraman & Ullman, ch. 3).
 *
 * Also a 64-bit SimHash of the set (Charikar; Manku et al. look for
 * copies within 3 bits), kept only so that the labelled set can compare
 * the two schemes (tests/reprints).
 */
#ifndef LVZHI_SKETCH_H
#define LVZHI_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

/* Characters per shingle. */
#define SKETCH_SHINGLE 4
/* Band keys: SKETCH_BANDS bands of SKETCH_ROWS minimum hashes each.  At
 * resemblance 0.5 two copies share a band with probability 0.996, at
 * 0.05 (two articles on one subject) 0.005. */
#define SKETCH_BANDS 42
#define SKETCH_ROWS 3
/* Texts with fewer shingles than this are too short to call copies. */
#define SKETCH_MIN_SHINGLES 12
/* Two texts are copies from this resemblance on (tests/reprints
 * measures it: a copy cut to two thirds resembles its original 0.6 or
 * more, an article quoting two paragraphs of another 0.2 or less). */
#define SKETCH_COPY_RESEMBLANCE 0.5

/* The shingles of a text: distinct 64-bit hashes, ascending. */
struct shingles {
    uint64_t *h;
    size_t n;
};

/*
 * The shingles of s[0..len-1] (UTF-8).  A text of fewer than
 * SKETCH_SHINGLE letters and digits has none.  0, LV_ENOMEM, LV_EICU.
 */
int shingles_of_text(const char *s, size_t len, struct shingles *out,
                     struct lv_err *err);
void shingles_release(struct shingles *sh);

/* Shared shingles over all shingles, 0..1 (0 when either has none). */
double shingles_resemblance(const struct shingles *a,
                            const struct shingles *b);

/* The band keys of the MinHash sketch of sh, into keys[SKETCH_BANDS]:
 * two sets share key i with probability resemblance^SKETCH_ROWS. */
void shingles_band_keys(const struct shingles *sh,
                        uint64_t keys[SKETCH_BANDS]);

/* The SimHash of sh, and the number of bits two hashes differ in. */
uint64_t shingles_simhash(const struct shingles *sh);
unsigned simhash_distance(uint64_t a, uint64_t b);

#endif
