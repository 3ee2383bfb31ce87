/*
 * repair.h - fix what conversion sites did to the original text, before
 * anything else reads it: pinyin notes after characters (網(wǎng)) and GBK
 * mojibake shifted by one byte (敝x for 謝).  Both work in place on valid
 * UTF-8 and only ever shorten the text.
 */
#ifndef LVZHI_REPAIR_H
#define LVZHI_REPAIR_H

#include <stddef.h>

/*
 * Remove pinyin notes: a Han character followed by "(" or "（", one to six
 * lower-case Latin letters (ü allowed) with at least one tone-marked
 * letter, then ")" or "）".  Notes without tone marks (政(zheng)協) are
 * removed too when they spell a syllable and the text annotates that way
 * (two or more of them, or toned notes as well).  The Han character
 * stays.  Real parentheses such as (CPPCC), (2024), (试行) are kept.  Returns
 * the new length; the text is NUL-terminated again if s[len] was writable (it
 * must be). *count (may be NULL) gets the number of notes removed.
 */
size_t repair_pinyin(char *s, size_t len, size_t *count);

/*
 * Repair one-byte-shifted GBK mojibake: a Han character X followed by a
 * single lower-case ASCII letter L (not part of a Latin word) such that
 * re-encoding X to GBK gives bytes b1 b2 and the pair (b2, L) decodes as
 * GBK to a traditional Han character Y (one that has a simplified form):
 * replace "XL" with Y (碧m→蘭, 榭h→縣, 敝x→謝,
 * 鉂q→漲).  Returns the new length; *count (may be NULL) gets the number
 * of repairs.
 */
size_t repair_mojibake(char *s, size_t len, size_t *count);

#endif
