/*
 * export_int.h - what the export formats share (search/export*.c only).
 */
#ifndef LVZHI_EXPORT_INT_H
#define LVZHI_EXPORT_INT_H

#include "../common/buf.h"
#include "../common/err.h"
#include "export.h"

/* The search in words, for a digest's cover: 检索词, each filter with its
 * label (城市：兰州市), the date range.  esc writes user text as the
 * format needs.  0 or LV_ENOMEM. */
int export_cover_facts(const struct search_request *req,
                       int (*esc)(struct buf *, const char *), struct buf *out);

/* Today, for the cover: YYYY-MM-DD. */
void export_today(char out[11]);

/* The Word digest, hit by hit (search/export_docx.c). */
struct docx_digest;

LV_MUST_CHECK
struct docx_digest *docx_digest_new(const struct search_request *req,
                                    unsigned total,
                                    const struct export_options *opt);
LV_MUST_CHECK
int docx_digest_hit(struct docx_digest *d, const struct search_hit *h,
                    unsigned n);
/* The .docx file into out. */
LV_MUST_CHECK
int docx_digest_end(struct docx_digest *d, struct buf *out, struct lv_err *err);
void docx_digest_free(struct docx_digest *d);

#endif
