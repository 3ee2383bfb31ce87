/*
 * pdf.h - PDF reports through poppler: the text layer in reading order,
 * lines joined into paragraphs (no space between Han characters), running
 * headers, footers and page numbers removed; the title from the largest
 * type on page one, else the document's metadata; the date from the
 * closing line (落款), else the metadata.  The body is the report's
 * paragraphs, one per line.
 */
#ifndef LVZHI_PDF_H
#define LVZHI_PDF_H

#include <stddef.h>

#include "../common/err.h"
#include "article.h"

/* Pages read at most; the summary says when a file had more. */
#define PDF_MAX_PAGES 2000

/*
 * Read bytes[0..len-1] into *out (release with article_release).  0;
 * LV_EINVAL with the reason (broken or encrypted file, "no text
 * (scanned?)"); LV_ENOMEM.  *note gets what the summary should say (the
 * page cap), or stays NULL; the caller frees it.
 */
LV_MUST_CHECK
int pdf_read(const char *bytes, size_t len, struct article *out, char **note,
             struct lv_err *err);

#endif
