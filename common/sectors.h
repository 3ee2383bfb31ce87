/*
 * sectors.h - sector (界别) stems: the text that stands before 界 or 界别
 * (民盟, 社会科学, 医卫 ...), each with the canonical sector name(s) it
 * means.  Generated into common/sectors_data.c, longest stems first;
 * shared by the entity layer and the query parser (sector names widen).
 */
#ifndef LVZHI_SECTORS_H
#define LVZHI_SECTORS_H

struct sector_stem {
    const char *stem;
    const char *canonical[2]; /* unused entries are "" */
    int bare;                 /* names the sector without 界 too (民盟,
                                 港区委员), where the text says so */
};

extern const struct sector_stem sector_stems[];
extern const unsigned sector_nstems;

#endif
