/*
 * search.h - the search engine shared by `lvzhi search`, the web server
 * and the benchmarks: a request in, ranked hits with stored records and
 * snippets out.  A searcher holds one read-only database and a tokenizer;
 * use one per thread.
 */
#ifndef LVZHI_SEARCH_H
#define LVZHI_SEARCH_H

#include <stddef.h>

#include "../common/err.h"
#include "query.h"
#include "facets.h"
#include "snippet.h"

struct record;
struct xdb;
struct tokenizer;

enum search_sort {
    SEARCH_SORT_RELEVANCE = 0,
    SEARCH_SORT_DATE_DESC = 1, /* newest first */
    SEARCH_SORT_DATE_ASC = 2,
};

#define SEARCH_MAX_LIMIT 1000 /* results per page at most */
#define SEARCH_LIMIT 10       /* results per page when unsaid */
#define SEARCH_FACET_TOP 20   /* values per facet when unsaid */
/* A searcher allowed several threads cuts a search of an index of at
 * least SEARCH_SPLIT_MIN_DOCS into docid ranges searched side by side
 * (at most SEARCH_MAX_PARTS), when offset + limit stays within
 * SEARCH_SPLIT_MAX_RESULTS. */
#define SEARCH_SPLIT_MIN_DOCS 20000
#define SEARCH_MAX_PARTS 4
#define SEARCH_SPLIT_MAX_RESULTS 1000
/* Bytes of text match sets a process keeps (search/matchcache.h): 12
 * bytes per match, about a megabyte per query on 100,000 documents. */
#define SEARCH_MATCH_CACHE_BYTES (96u * 1024 * 1024)
#define SEARCH_SNIPPET_CHARS 120
/* A similar article's snippet: two lines beside the article. */
#define SEARCH_SIMILAR_CHARS 80

struct search_request {
    const char *query;                  /* query language (query.h) */
    const struct query_filter *filters; /* extra filters */
    size_t nfilters;
    const char *date_from, *date_to; /* YYYY[-MM[-DD]] or NULL */
    int sort;                        /* enum search_sort */
    unsigned offset, limit;          /* limit 0: SEARCH_LIMIT */
    int estimate;                    /* 1: estimated totals are enough */
    size_t snippet_chars;            /* 0 means SEARCH_SNIPPET_CHARS */
    int facets;                      /* 1: count facets exactly */
    size_t facet_top;                /* values per facet; 0:
                                        SEARCH_FACET_TOP */
    int all;            /* 1: only articles with every part as written
                           (no partial matches, no words searched instead) */
    int no_partial;     /* 1: no partial matches after the full ones, but a
                           query no article (or few) holds as written is
                           still searched as its words: exports, the
                           feed */
    int no_expand;      /* 1: no part is widened (query.h) */
    int no_collapse;    /* 1: every copy of an article is a hit of its own
                           (indexer/reprints.h); 0: one hit per article,
                           totals and facets counting articles */
    int partial;        /* the relaxed pass itself (searcher_run sets it;
                           callers leave 0) */
    int rewritten;      /* the query already is the content words of a
                           description (searcher_run sets it; callers leave
                           0) */
    const char *prefer; /* text whose articles rank first, the part a
                           rewritten query's words come from (searcher_run
                           sets it; callers leave NULL) */
    /* Other spellings of parts, the brands the index files articles
     * under (searcher_run sets them; callers leave 0). */
    const struct query_variant *variants;
    size_t nvariants;
};

/* Room for a cluster key (SLOT_CLUSTER: 16 hex digits) and its NUL. */
#define SEARCH_CLUSTER_BYTES 24

struct search_hit {
    unsigned docid;
    double score;
    unsigned long long parts; /* bit i: it holds the query's part i */
    struct record *rec;       /* id, title, date, source, url, path, body ... */
    struct snippet snippet;
    char cluster[SEARCH_CLUSTER_BYTES]; /* its article's cluster key ("" if
                                           none) */
    /* The other copies of its article (id, title, date, source, url,
     * path; no body), earliest first, undated last. */
    struct record **reprints;
    size_t nreprints;
};

struct search_result {
    unsigned total;  /* matching documents */
    int total_exact; /* 1 when total is exact */
    unsigned offset;
    struct search_hit *hits;
    size_t nhits;
    char **terms; /* normalised strings highlighted */
    size_t nterms;
    struct facet *facets; /* with req->facets: counts by field */
    size_t nfacets;
    unsigned facet_undated; /* with them: articles no copy dates */
    /* The query's positive parts as written, when there are two or more
     * (hits say which they hold).  Hits from first_partial on hold only
     * some of them (ranked after the total matches, which `total`
     * counts; partial_total estimates them). */
    char **parts;
    size_t nparts;
    size_t first_partial;
    unsigned partial_total;
    int partial_counted; /* partial_total was counted (an estimate):
                            only when the page reaches past the full
                            matches */
    int relaxable;       /* partial matches may follow (query.h) */
    /* The places and sectors parts were widened to (query.h), e.g.
     * 安康市, and the other wordings they matched as (委员之家). */
    struct strv expanded;
    struct strv reworded;
    /* When nothing held a part as written (a description, a question):
     * the query of its content words that was searched instead. */
    char *rewritten;
    /* With rewritten: how many articles hold the query as written (first
     * by relevance), 0 when none does. */
    unsigned exact_total;
    /* With a date range: how many articles the same search finds that
     * have no date (left out by the range; year:none lists them). */
    unsigned undated;
    int undated_counted;
    /* With req->facets: a city the query names (兰州 委员工作室 → 兰州市)
     * that is not filtered on yet, to offer as a filter; or NULL. */
    char *suggest_city;
};

struct searcher;

/* Open the index at db_path read-only (checking its schema version). */
LV_MUST_CHECK
int searcher_open(const char *db_path, struct searcher **out,
                  struct lv_err *err);
void searcher_free(struct searcher *s);

/* Let one search use up to n threads (default 1): the CLI gives it the
 * machine's cores; a server already running a search per thread keeps 1. */
void searcher_set_threads(struct searcher *s, unsigned n);

/* Split searches from this many documents (default SEARCH_SPLIT_MIN_DOCS;
 * the tests set 1 to compare split and one-part searches of a small
 * index). */
void searcher_set_split_min(struct searcher *s, unsigned docs);

/* Replay text match sets from (and keep them in) c, shared with other
 * searchers; NULL: none (default).  See matchcache.h. */
struct match_cache;
void searcher_set_match_cache(struct searcher *s, struct match_cache *c);

/* Take facet tables from sh (search/tableshare.h), shared with the other
 * searchers given it, instead of building one's own: call before the
 * first search.  Shards keep their own (their ids are the searcher's). */
struct table_share;
void searcher_set_table_share(struct searcher *s, struct table_share *sh);

/* See the latest committed state of the index.  LV_ECHANGED when its
 * path now names another folder (lvzhi compact replaced it): free the
 * searcher and open a new one. */
LV_MUST_CHECK
int searcher_reopen(struct searcher *s, struct lv_err *err);

/* The index revision this searcher sees (0 if unknown, e.g. shards). */
unsigned long long searcher_revision(struct searcher *s);

/* Number of documents in the index. */
LV_MUST_CHECK
int searcher_doc_count(struct searcher *s, unsigned *count, struct lv_err *err);

/* Run a search.  LV_EQUERY for a bad query (message in err).  Release
 * the result with search_result_release() in every case. */
LV_MUST_CHECK
int searcher_run(struct searcher *s, const struct search_request *req,
                 struct search_result *res, struct lv_err *err);

void search_result_release(struct search_result *res);

/* The normalised strings req's query marks in an article (as a search's
 * result.terms), from its parse alone: *terms is an array of *n strings,
 * the caller frees each and the array.  LV_EQUERY for a bad query. */
LV_MUST_CHECK
int searcher_highlight(struct searcher *s, const struct search_request *req,
                       char ***terms, size_t *n, struct lv_err *err);

/* The counts of field ("province", "year" ...) in res, or NULL when res
 * has none for it. */
const struct facet *search_result_facet(const struct search_result *res,
                                        const char *field);

/* The count of value in f (NULL: no facet), 0 when it is not listed. */
unsigned facet_count_of(const struct facet *f, const char *value);
void search_hit_release(struct search_hit *h);

/*
 * The document with this id (32 hex digits, as in results): its docid and
 * stored record (caller frees with record_free).  LV_ENOTFOUND if none.
 */
LV_MUST_CHECK
int searcher_get(struct searcher *s, const char *id, unsigned *docid,
                 struct record **rec, struct lv_err *err);

/* The other copies of docid's article (as in search_hit.reprints):
 * *out is an array of *n records, the caller frees each and the array. */
LV_MUST_CHECK
int searcher_reprints(struct searcher *s, unsigned docid, struct record ***out,
                      size_t *n, struct lv_err *err);

/*
 * Up to n documents most like `docid` ("more like this": the terms that
 * best characterise it, from Xapian's relevance feedback, as an OR
 * query), the document itself excluded.  Hits have records, no snippets.
 */
LV_MUST_CHECK
int searcher_similar(struct searcher *s, unsigned docid, unsigned n,
                     struct search_result *res, struct lv_err *err);

/* The date of a record as YYYY-MM-DD into out (size 11), "" if none. */
void search_format_date(const struct record *rec, char out[11]);

#endif
