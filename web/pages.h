/*
 * pages.h - the HTML pages of `lvzhi serve`, in Chinese, usable without
 * JavaScript.  Every piece of text is HTML-escaped and every link is built
 * by params_url, so nothing from a request or a document reaches the page
 * unescaped.
 */
#ifndef LVZHI_PAGES_H
#define LVZHI_PAGES_H

#include "../common/buf.h"
#include "../search/search.h"
#include "params.h"

struct record;

/* The search page: box, active filters, facets, results, pager.  error
 * (may be NULL) is shown instead of results for a bad query. */
int page_search(struct buf *out, const struct params *p,
                const struct search_result *res, const char *error,
                unsigned limit, unsigned ndocs);

/* An article: the clean text in its original script with the query's
 * terms marked, its entities as filter links, its other copies (who
 * reprinted it, when), similar articles. */
struct record;
int page_doc(struct buf *out, const struct params *p, const struct record *rec,
             char *const *terms, size_t nterms, struct record *const *copies,
             size_t ncopies, const struct search_result *similar);

/* Cities side by side for one query (results[i] is for cities[i]). */
int page_compare(struct buf *out, const struct params *p, char *const *cities,
                 const struct search_result *results, size_t n,
                 const char *error);

/* A short page for 400/404/405/500 and the like. */
int page_error(struct buf *out, int status, const char *message);

#endif
