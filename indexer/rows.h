/*
 * rows.h - scrapers' exports: JSON Lines (one object per line) and CSV
 * (a header row, then one article per row; UTF-8 with or without BOM, or
 * GB18030).  Fields are found by name, in English or Chinese: url, title,
 * date, source, and html or text (or content, read as HTML when it holds
 * markup); other fields are ignored.  A row that cannot be read is a
 * problem with its line number and the other rows are read.  A row's id
 * is its url, else "line N".
 */
#ifndef LVZHI_ROWS_H
#define LVZHI_ROWS_H

#include <stddef.h>

#include "../common/err.h"
#include "container.h"

LV_MUST_CHECK
int rows_read_jsonl(const char *bytes, size_t len, struct container *out,
                    struct lv_err *err);
LV_MUST_CHECK
int rows_read_csv(const char *bytes, size_t len, struct container *out,
                  struct lv_err *err);

#endif
