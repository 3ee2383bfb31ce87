/*
 * synonyms.h - other words articles use for a practice: 巡诊 and 送医送药
 * for 义诊, 挂牌 for 揭牌; and the practice a plain word asks for (看病:
 * 义诊).  A part that is one of them, as a whole, also matches the others,
 * at a lower weight.  The one table of them is in synonyms.c.  Not for use
 * outside search/.
 */
#ifndef LVZHI_SYNONYMS_H
#define LVZHI_SYNONYMS_H

#include <stddef.h>

#define SYNONYMS_MAX 8 /* words a part widens to, at most */

/* The other words for norm (normalised text) into out[], at most
 * SYNONYMS_MAX; how many (0: none).  The strings are static. */
size_t synonyms_of(const char *norm, const char **out);

#endif
