/*
 * warc.h - web crawls (ISO 28500 WARC, plain or gzipped, one gzip member
 * per record or one for the whole file).  Each HTTP 200 response whose
 * payload is HTML becomes a member: its id and URL are the record's
 * target URI, its charset the HTTP header's.  Requests, metadata,
 * revisits, other responses and payloads are skipped and counted.
 */
#ifndef LVZHI_WARC_H
#define LVZHI_WARC_H

#include <stddef.h>

#include "../common/err.h"
#include "container.h"

/* Read bytes[0..len-1] into out (see container_read). */
LV_MUST_CHECK
int warc_read(const char *bytes, size_t len, struct container *out,
              struct lv_err *err);

/* 1 if the bytes start like a WARC file or a gzipped one. */
int warc_sniff(const char *bytes, size_t len);

#endif
