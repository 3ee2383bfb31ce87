/*
 * export.h - search results as study material: CSV (UTF-8 with BOM,
 * RFC 4180, CRLF, formula injection defused), a JSON array of hits, a
 * Markdown digest, a printable HTML digest, a Word digest (.docx), and
 * RIS for reference managers.  A writer turns one page of hits at a time into
 * bytes, so the web server and the CLI can stream a whole result set.
 */
#ifndef LVZHI_EXPORT_H
#define LVZHI_EXPORT_H

#include "../common/buf.h"
#include "../common/err.h"
#include "search.h"

#define EXPORT_MAX 10000 /* hits in one export at most */

enum export_format {
    EXPORT_CSV,
    EXPORT_JSON,
    EXPORT_MD,
    EXPORT_HTML,
    EXPORT_RIS,
    EXPORT_DOCX, /* whole only: through export_stream, not begin/hit/end */
};

/* How an export is written (all zero: the defaults). */
struct export_options {
    int english_headers; /* CSV: no,title,... instead of 序号,标题,... */
    int full_text;       /* the whole clean text: a CSV column, and in
                            the digests instead of the snippet */
    int snippets_only;   /* the Word digest (whole text by default):
                            only the matching passages */
};

/* The format named "csv", "json", "md", "html", "ris" or "docx"; -1 if
 * unknown. */
int export_format_parse(const char *name);

/* Content-Type and file extension of a format. */
const char *export_content_type(int format);
const char *export_extension(int format);

/* What comes before the first hit (BOM and header row, "[", a digest's
 * cover: the query, its filters and dates in words, the export date and
 * the number of articles).  opt may be NULL. */
LV_MUST_CHECK
int export_begin(int format, const struct export_options *opt,
                 const struct search_request *req, unsigned total,
                 struct buf *out);

/* One hit; n is its 1-based number in the export. */
LV_MUST_CHECK
int export_hit(int format, const struct export_options *opt,
               const struct search_hit *h, unsigned n, struct buf *out);

/* What comes after the last hit. */
int export_end(int format, unsigned count, struct buf *out);

/* A CSV field: quoted when needed, a leading = + - @ (or tab / CR) made
 * harmless with a leading apostrophe. */
int export_csv_field(struct buf *out, const char *s);

/*
 * A whole result set as a stream of chunks, paging through the search
 * (EXPORT_PAGE hits at a time, EXPORT_MAX at most).  The searcher must
 * outlive the stream; req is copied (its strings must outlive it too).
 */
#define EXPORT_PAGE 200
struct export_stream;

LV_MUST_CHECK
int export_stream_new(struct searcher *s, const struct search_request *req,
                      int format, const struct export_options *opt,
                      struct export_stream **out, struct lv_err *err);

/* The next chunk in *data, *len bytes (owned by the stream, valid until the
 * next call); *len is 0 at the end.  A Word digest is one chunk, made once the
 * last hit is read. */
LV_MUST_CHECK
int export_stream_next(struct export_stream *x, const char **data, size_t *len,
                       struct lv_err *err);

void export_stream_free(struct export_stream *x);

#endif
