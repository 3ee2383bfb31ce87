/*
 * output.h - search results as text for a terminal or as JSON.  The JSON
 * object is the contract shared by `lvzhi search --format json` and the
 * web API; README.md documents it.  Later formats (CSV, Markdown, RIS)
 * belong here too.
 */
#ifndef LVZHI_OUTPUT_H
#define LVZHI_OUTPUT_H

#include "../common/buf.h"
#include "search.h"

/* Human-readable listing; color: mark matches with ANSI bold. */
int output_text(const struct search_request *req,
                const struct search_result *res, int color, struct buf *out);

/* One JSON object: {"query", "total", "total_exact", "offset", "limit",
 * "hits": [{id, title, date, source, url, path, score, snippet,
 * snippet_html}]} followed by a newline. */
int output_json(const struct search_request *req,
                const struct search_result *res, struct buf *out);

/* One hit as the JSON object described above; with two or more query
 * parts (res->parts) also "matched" and "missing", the parts it holds
 * and lacks. */
int output_json_hit(struct buf *out, const struct search_hit *h,
                    char *const *parts, size_t nparts);

/* Is url one a page may link: http:// or https:// (never javascript:)? */
int output_is_web_url(const char *url);

/* A hit's record field as the outputs write it: "" when absent. */
struct search_hit;
const char *output_field(const struct search_hit *h, const char *key);

/* HTML-escape s[0..n-1] into out (text and attribute safe). */
int output_html_escape(struct buf *out, const char *s, size_t n);

/* XML text and attribute values: escaped as for HTML, and without what
 * XML 1.0 does not allow (control characters, U+FFFE and U+FFFF: a page's
 * stray bytes).  s is valid UTF-8.  0 or LV_ENOMEM. */
int output_xml_escape(struct buf *out, const char *s, size_t n);

#endif
