/*
 * article.h - one source file turned into a clean article: the text a
 * reader would call the article, in its ORIGINAL script (repaired of pinyin
 * notes and mojibake, stripped of site chrome, spam and unrelated blocks),
 * plus what could be learnt about it.  Nothing here knows Xapian.
 */
#ifndef LVZHI_ARTICLE_H
#define LVZHI_ARTICLE_H

#include <stddef.h>

#include "../common/err.h"

/* Titles longer than this (bytes) are cut at a character boundary and
 * end with "…". */
#define ARTICLE_MAX_TITLE 600

/* What cleaning removed or repaired, for the summary and for tests. */
struct article_stats {
    size_t pinyin_notes;   /* 網(wǎng) → 網 */
    size_t mojibake_fixed; /* 敝x → 謝 */
    size_t spam_lines;     /* SEO keyword lines, |-joined place lists */
    size_t chrome_lines;   /* 来源/编辑/分享到/copyright/ICP/nav lines */
    size_t related_blocks; /* 相关阅读/热门文章/最新文章 blocks */
    size_t duplicate_paras; /* repeated paragraphs and fragments */
    size_t replaced_chars;  /* U+FFFD from undecodable bytes */
};

/* Where the publication date was read. */
enum article_date_from {
    DATE_FROM_NONE, /* no date: the article is undated */
    DATE_FROM_PAGE, /* the page says it: metadata, header, byline */
    DATE_FROM_URL,  /* the URL's path (/2018-09/28/, t20231109_) */
    DATE_FROM_TEXT, /* a full date in the article's text */
};

struct article {
    char *title; /* UTF-8, never NULL after a successful parse ("" if
                    none found) */
    char *date;  /* "YYYYMMDD", or NULL if unknown */
    enum article_date_from date_from;
    char *source; /* publishing site or paper (来源), or NULL */
    char *url;    /* canonical URL declared by the page, or NULL */
    char *body;   /* paragraphs separated by '\n'; valid UTF-8 */
    size_t body_len;
    char charset[32]; /* charset the bytes were read in */
    /* For a paginated original (PDF): where pages 2, 3 ... start in body,
     * as record_page_at reads them, or NULL. */
    char *pages;
    struct article_stats stats;
};

/*
 * What the file's format already says about an article (an HTTP header,
 * an export's columns, a document's properties); NULL fields are unknown.
 * A stated title, source or URL replaces what the text gives; a stated
 * date is taken when it reads as a date, before any the text gives.
 */
struct article_hints {
    const char *charset; /* the transport's declaration, before <meta> */
    const char *title;
    const char *date; /* 2024-12-18, 2024年12月18日, 20241218 ... */
    const char *source;
    const char *url;
};

/*
 * Parse bytes[0..len-1] as HTML (libxml2, recover mode, no network) or as
 * plain text, decode, repair and clean it into *out (which the caller
 * releases with article_release, also after a failure).
 * Returns 0; LV_EINVAL with a reason in err when nothing usable is left
 * (empty file, binary data, no text); LV_ENOMEM; LV_EICU.
 */
LV_MUST_CHECK
int article_from_html(const char *bytes, size_t len, struct article *out,
                      struct lv_err *err);
LV_MUST_CHECK
int article_from_text(const char *bytes, size_t len, struct article *out,
                      struct lv_err *err);

/* The same, with what the format says (hints may be NULL). */
LV_MUST_CHECK
int article_from_html_hinted(const char *bytes, size_t len,
                             const struct article_hints *hints,
                             struct article *out, struct lv_err *err);
LV_MUST_CHECK
int article_from_text_hinted(const char *bytes, size_t len,
                             const struct article_hints *hints,
                             struct article *out, struct lv_err *err);

/*
 * A document already split into paragraphs (PDF, Word): text is UTF-8,
 * one paragraph per line, headings included.  The title is the hint's,
 * else the headline found in the text; a date standing alone near the
 * end (a report's 落款) comes before the hint's and any date in the text.
 */
LV_MUST_CHECK
int article_from_paragraphs(const char *text, size_t len,
                            const struct article_hints *hints,
                            struct article *out, struct lv_err *err);

void article_release(struct article *a);

/* "page", "url", "text", or NULL for DATE_FROM_NONE: the stored and
 * shown name of a date's origin. */
const char *article_date_from_name(enum article_date_from from);

#endif
