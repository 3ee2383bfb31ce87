/*
 * synonyms.c - the table of practices' other words (see synonyms.h).
 *
 * Only words that name the same activity in this archive's reports: not
 * topics (看病难 is a topic, and no part of it widens, as only a whole
 * part is looked up), nor kinds of platform, which the partial matches
 * and the type without 政协 already cover.  Simplified script: parts are
 * looked up normalised.
 */
#include "synonyms.h"

#include <string.h>

struct synonym_group {
    int one_way; /* only the first word widens, to the others */
    const char *words[SYNONYMS_MAX + 1];
};

static const struct synonym_group groups[] = {
    {0, {"义诊", "巡诊", "送医送药", "健康咨询", NULL}},
    {1, {"看病", "义诊", "巡诊", "送医送药", NULL}},
    {0, {"揭牌", "挂牌", "授牌", NULL}},
    {0, {"法律咨询", "法律援助", "法律服务", NULL}},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

size_t synonyms_of(const char *norm, const char **out)
{
    size_t g, i, j, n;

    for (g = 0; g < N_OF(groups); g++) {
        const struct synonym_group *sg = &groups[g];

        for (i = 0;
             i < N_OF(sg->words) && sg->words[i] && (!sg->one_way || i == 0);
             i++) {
            if (strcmp(sg->words[i], norm) != 0)
                continue;
            for (n = 0, j = 0;
                 j < N_OF(sg->words) && sg->words[j] && n < SYNONYMS_MAX; j++)
                if (j != i)
                    out[n++] = sg->words[j];
            return n;
        }
    }
    return 0;
}
