/*
 * wordml.h - a Word document (.docx) written by lvzhi: WordprocessingML
 * paragraphs in a few styles (title, heading, body, a grey line for facts,
 * table-of-contents entries), bookmarks and links to them, links to web
 * pages, packaged with libzip.  Chinese fonts are declared as East Asian
 * fonts (宋体 for text, 黑体 for the title and headings) so Word, WPS and
 * LibreOffice render it alike.
 */
#ifndef LVZHI_WORDML_H
#define LVZHI_WORDML_H

#include <stddef.h>

#include "../common/buf.h"
#include "../common/err.h"

/* WORDML_HEADING is Word's "heading 1" (in the navigation pane);
 * WORDML_SECTION heads the contents and such lists without being one. */
enum wordml_style {
    WORDML_TITLE,
    WORDML_HEADING,
    WORDML_SECTION,
    WORDML_BODY,
    WORDML_FACTS,
    WORDML_TOC
};

/* Where paragraphs go: the front (cover, contents) is written before the
 * main part whatever the order they were added in. */
enum wordml_part { WORDML_FRONT, WORDML_MAIN };

struct wordml;

LV_MUST_CHECK
struct wordml *wordml_new(void); /* NULL when out of memory */
void wordml_free(struct wordml *w);

void wordml_select(struct wordml *w, enum wordml_part part);

/*
 * The paragraphs below are written as a struct buf is (common/buf.h):
 * the document keeps the first failure, later paragraphs of that part
 * are not written and wordml_package returns LV_ENOMEM, so their results
 * may be ignored.
 */

/* A paragraph of text (valid UTF-8; line breaks kept).  With bookmark
 * non-NULL it is a link target of that name.  0 or LV_ENOMEM. */
int wordml_para(struct wordml *w, enum wordml_style style, const char *text,
                const char *bookmark);

/* A paragraph of `before` then a link labelled `label`: to a web page
 * (url, http or https only; other URLs are written as text) or to a
 * bookmark (anchor).  0 or LV_ENOMEM. */
int wordml_link_para(struct wordml *w, enum wordml_style style,
                     const char *before, const char *label, const char *url,
                     const char *anchor);

/* Bytes of document written so far (for a caller's cap). */
size_t wordml_size(const struct wordml *w);

/* The .docx file: appended to out.  title and date (YYYY-MM-DD) go to
 * its properties.  0, LV_ENOMEM (also when a paragraph failed),
 * LV_EINTERNAL (libzip failed). */
LV_MUST_CHECK
int wordml_package(struct wordml *w, const char *title, const char *date,
                   struct buf *out, struct lv_err *err);

#endif
