/*
 * query.h - the query language, parsed into a Xapian query.
 *
 *   委员工作室 义诊        both (AND)
 *   "委员 工作室"          a phrase (also “…”)
 *   -义诊  -"…"           exclude
 *   义诊 OR 法律咨询       either (also |)
 *   title:工作站           in the title
 *   city:兰州市 year:2024  filters (see the field table in query.c)
 *
 * Every piece of free text goes through the same normalisation and
 * tokenisation as documents (text/norm.h, text/tokens.h).  A piece with
 * two or more Han characters matches as the phrase of its Han bigrams (a
 * substring match that does not depend on how ICU cuts query and
 * document: 市政协 contains 政协), and its ICU words add weight, so exact
 * word matches rank above bigram-only ones (政协 inside 廉政协议).  Other
 * pieces match when all their words occur.
 */
#ifndef LVZHI_QUERY_H
#define LVZHI_QUERY_H

#include <stddef.h>

#include "../common/err.h"

#define QUERY_MAX_BYTES 2000   /* longer query strings are refused */
#define QUERY_MAX_ITEMS 64     /* so are queries with more pieces */

struct xquery;
struct tokenizer;

/* A filter on a facet field: field name as in the query language
 * ("city", "sector" ...) and the value as the user wrote it. */
struct query_filter {
    const char *field;
    const char *value;
};

struct query {
    struct xquery *xq;      /* what to run; owned */
    /* With free text: the query without its filters, and a description
     * of it that is equal for equal text queries (a match cache key);
     * with filters: them alone (NULL without).  All owned. */
    struct xquery *text_xq, *filter_xq;
    char *text_key;
    char **highlight;       /* normalised strings to mark in snippets */
    size_t nhighlight;
    int has_text;           /* any free-text (weighted) part */
};

/*
 * Parse `text` (may be NULL or empty: then everything matches, filtered),
 * AND extra filters (several values of one field are ORed, fields ANDed)
 * and an optional date range (YYYY, YYYY-MM or YYYY-MM-DD; NULL for
 * open).  tok is the caller's tokenizer.  LV_EQUERY with a message for a
 * query that is too long, has an unknown field or a bad date.
 */
int query_parse(const char *text, const struct query_filter *filters,
                size_t nfilters, const char *date_from, const char *date_to,
                struct tokenizer *tok, struct query *out,
                struct lv_err *err);

void query_release(struct query *q);

/* The year filter's value for undated articles (year:none, --year none;
 * 未注明 is the same). */
#define QUERY_UNDATED "none"

/* The term prefix of a filter field name, or NULL if unknown. */
const char *query_field_prefix(const char *field);

/* The facet/filter field names, NULL-terminated (for help and the UI). */
extern const char *const query_filter_fields[];

/*
 * Turn a date as a user writes it (2024, 2024-03, 2024-03-13, 20240313,
 * 2024年3月) into 8 digits, padding a missing month/day with `pad`
 * ("0101" for a start, "1231" for an end).  0 or LV_EQUERY.
 */
int query_date(const char *in, int is_end, char out[9], struct lv_err *err);

#endif
