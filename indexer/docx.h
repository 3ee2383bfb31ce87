/*
 * docx.h - Word documents (Office Open XML, .docx): paragraphs, headings
 * and tables (a row per line, cells apart) from word/document.xml; the
 * title from the first heading, else the core properties; the date from
 * the closing line (落款), else the properties.  The zip is read with
 * libzip from memory, each part capped (a zip bomb stops at the cap).
 */
#ifndef LVZHI_DOCX_H
#define LVZHI_DOCX_H

#include <stddef.h>

#include "../common/err.h"
#include "article.h"

/* Uncompressed bytes one part of the zip may have. */
#define DOCX_MAX_PART (64u << 20)

/* Read bytes[0..len-1] into *out (release with article_release).  0;
 * LV_EINVAL with the reason (not a zip, no document part, broken XML,
 * over the cap); LV_ENOMEM. */
LV_MUST_CHECK
int docx_read(const char *bytes, size_t len, struct article *out,
              struct lv_err *err);

#endif
