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
#include "../common/strv.h"

#define QUERY_MAX_BYTES 2000 /* longer query strings are refused */
#define QUERY_MAX_ITEMS 64   /* so are queries with more pieces */

struct xquery;
struct tokenizer;

/* A filter on a facet field: field name as in the query language
 * ("city", "sector" ...) and the value as the user wrote it. */
struct query_filter {
    const char *field;
    const char *value;
};

/* Another spelling of a part: a part whose normalised text is `norm`
 * also matches `brand`, as text and as the brand facet's value
 * (千站千室万名委员 → 千站万室万名委员). */
struct query_variant {
    const char *norm;
    const char *brand;
};

/* What a query is made of: its text in the query language, extra
 * filters (several values of one field are ORed, fields ANDed) and an
 * optional date range (YYYY, YYYY-MM or YYYY-MM-DD; NULL for open). */
struct query_input {
    const char *text; /* may be NULL or empty */
    const struct query_filter *filters;
    size_t nfilters;
    const char *date_from, *date_to;
    int partial;   /* 1: the relaxed pass: articles with some parts, not
                      all (see relaxable) */
    int no_expand; /* 1: no part is widened (places, sectors, other words) */
    /* Spellings the index holds for parts it holds nowhere as written
     * (search.c finds them among the brand facet's values). */
    const struct query_variant *variants;
    size_t nvariants;
    int xapian_only;    /* 1: only what Xapian runs itself (the query goes to
                           shards, maybe remote ones) */
    const char *prefer; /* articles holding this text as written rank first
                           (not in the partial pass), or NULL */
};

/* One positive part of the text (a word, a phrase, an OR group, a
 * title: part): as written, and the normalised strings any of which an
 * article must hold for the part to match. */
struct query_part {
    char *text;
    char **norms;
    size_t nnorms;
    int title;         /* title:… matches in the title only */
    int required;      /* +part: never relaxed */
    struct xquery *xq; /* the part's own query (owned) */
    const char *place; /* the place (or with sector, the sector) it was
                          widened to: a static string, or NULL */
    int sector;
};

struct query {
    struct xquery *xq; /* what to run; owned.  In the partial pass,
                          NULL when the query is not relaxable */
    /* With free text: the query without its filters, and a description
     * of it that is equal for equal text queries (a match cache key);
     * with filters: them alone (NULL without).  All owned. */
    struct xquery *text_xq, *filter_xq;
    char *text_key;
    char **highlight; /* normalised strings to mark in snippets */
    size_t nhighlight;
    int has_text;             /* any free-text (weighted) part */
    struct query_part *parts; /* the positive text parts, in order */
    size_t nparts;
    /* Two or more parts, one of them neither +required nor a place's
     * name (those every partial match keeps): articles matching only
     * some of them may follow the full matches (the partial pass,
     * ranked by how many parts match, then by weight).  A place alone
     * is never a match: without a +required part, a partial match
     * holds a word of the parts not kept. */
    int relaxable;
    /* Every item is a plain text part (no OR, +, -, title: or field:),
     * so the text may be rewritten part by part. */
    int plain;
    /* Places and sectors the parts were widened to: a part that is a
     * place's name also matches the articles placed there (their city,
     * province or county facet: 安康 → 安康市 and its counties), one that
     * names a sector by any of its names the articles of that sector
     * (医卫界别 → 医药卫生界).  Owned. */
    struct strv expanded;
    /* Other wordings the parts also matched as: a spelling some articles
     * use (千站万室万名委员), the type without 政协 (委员之家), a practice's
     * other words (synonyms.h: 巡诊 for 义诊).  Owned. */
    struct strv reworded;
};

/*
 * Parse in->text (NULL or empty: then everything matches, filtered), AND
 * the extra filters and the date range.  With in->partial, the query is
 * that of the relaxed pass: the articles matching some of the parts
 * (every +required one and every place's name among them), each optional
 * part they match adding
 * QUERY_PART_WEIGHT, so more parts rank first and the full matches
 * (ranked by relevance) come before all others; out->xq is NULL when the
 * query is not relaxable.  tok is the caller's tokenizer.  LV_EQUERY with
 * a message for a query that is too long, has an unknown field or a bad
 * date.
 */
LV_MUST_CHECK
int query_parse(const struct query_input *in, struct tokenizer *tok,
                struct query *out, struct lv_err *err);

/* What each matched part adds in the partial pass: more than any
 * article's text weight, so the count of parts orders first. */
#define QUERY_PART_WEIGHT 1000.0

/*
 * Bit i set when the normalised text holds part i of q (any of its
 * strings; a title part in the normalised title only).  For the parts
 * shown matched or missing beside a partial match.
 */
unsigned long long query_parts_in(const struct query *q, const char *title,
                                  const char *body);

void query_release(struct query *q);

/*
 * The content words of a part written as a description or a question
 * (政协委员给群众看病 → "政协 委员 群众 看病"): its ICU words without
 * function words (的, 给, 有没有 …) and single characters, space-separated
 * into *out (caller frees).  *out is NULL when the part reads as a name
 * (it ends with a platform word such as 工作室 and holds no function
 * word: a name the archive lacks is not relaxed into others) or gives
 * fewer than two words.  0 or LV_ENOMEM / LV_EICU.
 */
LV_MUST_CHECK
int query_content_words(const char *text, struct tokenizer *tok, char **out,
                        struct lv_err *err);

/*
 * The spans of a description between its function words and
 * punctuation, normalised and space-separated into *out (caller frees):
 * 澳门的政协委员在内地有没有固定的履职场所 → "澳门 政协委员 内地 固定
 * 履职场所" (where ICU's words would cut 履 职场 所).  Single characters
 * are left out.  *out is NULL when the text holds no function word.
 * 0 or LV_ENOMEM / LV_EICU.
 */
LV_MUST_CHECK
int query_content_spans(const char *text, struct tokenizer *tok, char **out,
                        struct lv_err *err);

/* The year filter's value for undated articles (year:none, --year none;
 * 未注明 is the same). */
#define QUERY_UNDATED "none"

/* The term prefix of a filter field name, or NULL if unknown. */
const char *query_field_prefix(const char *field);

/* The field's label for readers (城市 for city), or the field itself. */
/* Is the field counted as a facet too (schema.h)?  0 for a filter only,
 * or an unknown field. */
int query_field_counted(const char *field);
const char *query_field_label(const char *field);

/* The filter fields: SCHEMA_FACET_FIELDS (xapian/schema.h). */

/* The facet/filter field names, NULL-terminated (for help and the UI). */
extern const char *const query_filter_fields[];

/*
 * Turn a date as a user writes it (2024, 2024-03, 2024-03-13, 20240313,
 * 2024年3月) into 8 digits, a missing month or day filled as the start of
 * the range (01) or, with is_end, its end (12, 31).  0 or LV_EQUERY.
 */
LV_MUST_CHECK
int query_date(const char *in, int is_end, char out[9], struct lv_err *err);

#endif
