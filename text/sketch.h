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
 * resemblance 0.5 two copies share a band with probability 0.998, at
 * 0.05 (two articles on one subject) 0.05: the sketch then screens the
 * candidates (each band is a term of every document: fewer bands are a
 * smaller and faster index). */
#define SKETCH_BANDS 21
#define SKETCH_ROWS 2
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
LV_MUST_CHECK
int shingles_of_text(const char *s, size_t len, struct shingles *out,
                     struct lv_err *err);
/* The same of a text already normalised (text/norm.h norm_text), as the
 * indexer has it: 0 or LV_ENOMEM. */
LV_MUST_CHECK
int shingles_of_folded(const char *folded, size_t len, struct shingles *out,
                       struct lv_err *err);
void shingles_release(struct shingles *sh);

/* Shared shingles over all shingles, 0..1 (0 when either has none). */
double shingles_resemblance(const struct shingles *a, const struct shingles *b);

/* The MinHash sketch of sh: the low 16 bits of each of SKETCH_HASHES
 * minimum hashes (two sets agree on each with probability about their
 * resemblance, plus 1/65536) and its band keys from the first of them
 * (two sets share key i with probability resemblance^SKETCH_ROWS). */
#define SKETCH_HASHES 126
struct sketch {
    uint16_t mins[SKETCH_HASHES];
    uint64_t keys[SKETCH_BANDS];
};
void shingles_sketch(const struct shingles *sh, struct sketch *out);

/* The resemblance two sketches estimate (about 0.045 off at 0.5). */
double sketch_resemblance(const struct sketch *a, const struct sketch *b);

/* A sketch's minimum hashes as SKETCH_HASHES * 2 bytes (little endian)
 * to store, and read back (0, or -1 when len is not that size). */
#define SKETCH_BYTES (SKETCH_HASHES * 2)
void sketch_pack(const struct sketch *s, unsigned char out[SKETCH_BYTES]);
LV_MUST_CHECK
int sketch_unpack(const unsigned char *in, size_t len, struct sketch *s);

/* The SimHash of sh, and the number of bits two hashes differ in. */
uint64_t shingles_simhash(const struct shingles *sh);
unsigned simhash_distance(uint64_t a, uint64_t b);

#endif
