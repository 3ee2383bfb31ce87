/* t_plan.c - how a request is run, decided without an index
 * (search/plan.h): order, page, parts and their windows, the match
 * cache, and the searches that follow the full matches. */
#include <stdlib.h>
#include <string.h>

#include "../../search/plan.h"
#include "../../search/query.h"
#include "../../text/tokens.h"
#include "tap.h"

/* A big index on two cores with a cache, as the server sees it. */
static const struct plan_index big = {
    .last_docid = 50000,
    .threads = 2,
    .split_min = 20000,
    .has_cache = 1,
};

static void parse_plan(struct tokenizer *tok, const struct search_request *req,
                       const struct plan_index *ix, struct query *q,
                       struct search_plan *p)
{
    struct query_input in = {0};

    in.text = req->query; /* (the tests set no other input) */
    in.filters = req->filters;
    in.nfilters = req->nfilters;
    memset(q, 0, sizeof(*q));
    if (query_parse(&in, tok, q, NULL) < 0)
        memset(q, 0, sizeof(*q));
    plan_make(req, q, ix, p);
}

static void test_order_and_page(struct tokenizer *tok)
{
    struct search_request req = {0};
    struct query q;
    struct search_plan p;

    req.query = "委员工作室";
    parse_plan(tok, &req, &big, &q, &p);
    is_int(p.sort, 0, "free text ranks by relevance");
    is_int(p.limit, SEARCH_LIMIT, "an unsaid limit is the default page");
    is_int(p.snippet_chars, SEARCH_SNIPPET_CHARS, "and the snippet length");
    is_int(p.facet_top, SEARCH_FACET_TOP, "and the facet values kept");
    query_release(&q);

    req.query = "city:兰州市";
    parse_plan(tok, &req, &big, &q, &p);
    is_int(p.sort, 1, "filters alone list the newest first");
    query_release(&q);

    req.query = "委员工作室";
    req.sort = SEARCH_SORT_DATE_ASC;
    req.limit = 5000;
    parse_plan(tok, &req, &big, &q, &p);
    is_int(p.sort, 2, "oldest first when asked");
    is_int(p.limit, SEARCH_MAX_LIMIT, "a page is capped");
    query_release(&q);
}

static void test_cache_and_collapse(struct tokenizer *tok)
{
    struct search_request req = {0};
    struct query_filter f = {"city", "兰州市"};
    struct plan_index ix = big;
    struct query q;
    struct search_plan p;

    req.query = "委员工作室";
    req.facets = 1;
    parse_plan(tok, &req, &ix, &q, &p);
    ok(p.use_set && p.replay, "text alone with facets: a cached set gives "
                              "the page");
    ok(!p.collapse, "nothing to collapse in an index without copies");
    query_release(&q);

    ix.has_copies = 1;
    parse_plan(tok, &req, &ix, &q, &p);
    ok(p.collapse, "copies are collapsed into one hit per article");
    req.no_collapse = 1;
    plan_make(&req, &q, &ix, &p);
    ok(!p.collapse && p.use_set && !p.replay,
       "unless asked not to: the set is still matched, replayed through "
       "Xapian");
    req.no_collapse = 0;
    query_release(&q);

    req.filters = &f;
    req.nfilters = 1;
    parse_plan(tok, &req, &ix, &q, &p);
    ok(p.use_set && !p.replay, "with a filter the set is filtered, not "
                               "replayed alone");
    query_release(&q);

    req.nfilters = 0;
    req.facets = 0;
    req.estimate = 1;
    parse_plan(tok, &req, &ix, &q, &p);
    ok(!p.use_set, "an estimate without facets matches no whole set");
    query_release(&q);

    req.estimate = 0;
    ix.has_cache = 0;
    parse_plan(tok, &req, &ix, &q, &p);
    ok(!p.use_set, "no cache, no set");
    query_release(&q);
    ok(plan_needs_table(&req), "collapse needs the facet table");
    req.no_collapse = 1;
    ok(!plan_needs_table(&req), "neither facets nor collapse: no table");
}

static void test_parts(struct tokenizer *tok)
{
    struct search_request req = {0};
    struct plan_index ix = big;
    struct query q;
    struct search_plan p;

    req.query = "委员工作室";
    req.facets = 1;
    parse_plan(tok, &req, &ix, &q, &p);
    is_int(p.nparts, 2, "a big index is cut in one part per core");
    ix.threads = 8;
    plan_make(&req, &q, &ix, &p);
    is_int(p.nparts, SEARCH_MAX_PARTS, "at most SEARCH_MAX_PARTS of them");
    ix.last_docid = 19999;
    plan_make(&req, &q, &ix, &p);
    is_int(p.nparts, 1, "a small index is searched whole");
    ix.last_docid = 50000;
    req.offset = SEARCH_SPLIT_MAX_RESULTS - 5;
    plan_make(&req, &q, &ix, &p);
    is_int(p.nparts, 1, "so is a deep page");
    req.offset = 0;
    req.facets = 0;
    req.estimate = 1;
    plan_make(&req, &q, &ix, &p);
    is_int(p.nparts, 1, "and an estimate, which stops early");
    ix.threads = 1;
    req.estimate = 0;
    req.facets = 1;
    plan_make(&req, &q, &ix, &p);
    is_int(p.nparts, 1, "and a searcher with one thread");
    query_release(&q);
}

static void test_windows(void)
{
    struct search_plan p = {0};
    struct plan_window w;

    p.offset = 20;
    p.limit = 10;
    plan_window(&p, 1, &w);
    ok(w.first == 20 && w.max == 10 && w.check == PLAN_EXACT,
       "one part ranks the page itself, counting exactly");
    p.estimate = 1;
    plan_window(&p, 1, &w);
    is_int(w.check, 130, "an estimate checks a little past the page");
    p.facets = 1;
    plan_window(&p, 1, &w);
    is_int(w.check, PLAN_EXACT, "facets need every match");
    p.collapse = 1;
    plan_window(&p, 1, &w);
    ok(w.first == 0 && w.max == 60,
       "with collapse it ranks from the top, twice the depth");
    plan_window(&p, 2, &w);
    ok(w.first == 0 && w.max == 60 && w.check == PLAN_EXACT,
       "each of several parts ranks the whole depth");
    p.collapse = 0;
    plan_window(&p, 2, &w);
    is_int(w.max, 30, "the depth once without collapse");
}

static void test_ranges(void)
{
    unsigned last, n, i, lo, hi, next;
    int gaps = 0;

    plan_part_range(10, 0, 3, &lo, &hi);
    ok(lo == 1 && hi == 3, "the first of three parts of 10 docids");
    plan_part_range(10, 2, 3, &lo, &hi);
    ok(lo == 7 && hi == 10, "the last one ends at the last docid");
    for (last = 1; last < 200; last += 7)
        for (n = 2; n <= SEARCH_MAX_PARTS; n++) {
            next = 1;
            for (i = 0; i < n; i++) {
                plan_part_range(last, i, n, &lo, &hi);
                gaps += lo != next;
                next = hi + 1;
            }
            gaps += next != last + 1;
        }
    is_int(gaps, 0, "parts cover every docid once, in order");
    plan_part_range(4000000000u, 3, 4, &lo, &hi);
    ok(hi == 4000000000u, "without overflow near the top of the docids");
}

static void test_rank(void)
{
    ok(plan_rank_cmp(0, 0, 2.0, 9, 1.0, 1) < 0, "higher weight first");
    ok(plan_rank_cmp(0, 0, 1.0, 3, 1.0, 7) < 0, "then lower docid");
    ok(plan_rank_cmp(0, 5, 1.0, 3, 2.0, 7) > 0,
       "keys are ignored by relevance");
    ok(plan_rank_cmp(1, 1, 1.0, 3, 2.0, 7) < 0,
       "newest first: the later key goes first");
    ok(plan_rank_cmp(2, 1, 1.0, 3, 2.0, 7) > 0,
       "oldest first: the later key goes after");
    ok(plan_rank_cmp(1, 0, 1.0, 3, 2.0, 7) > 0, "equal keys: by weight");
}

/* When a search is tried again as content words. */
struct rewrite_case {
    const char *query;
    int all, rewritten;
    unsigned total;
    enum plan_rewrite want;
    const char *what;
};

static const struct rewrite_case rewrite_cases[] = {
    {"委员工作室 义诊", 0, 0, 0, PLAN_REWRITE_UNHELD,
     "nothing found: try the content words"},
    {"委员工作室 义诊", 0, 0, 1, PLAN_REWRITE_NONE,
     "not when two parts found something"},
    {"委员工作室 义诊", 0, 1, 0, PLAN_REWRITE_NONE, "nor twice"},
    {"委员工作室揭牌", 0, 0, 3, PLAN_REWRITE_FEW,
     "one part few articles hold: its words apart follow"},
    {"委员工作室揭牌", 0, 0, SEARCH_LIMIT, PLAN_REWRITE_NONE,
     "not when it fills a page"},
    {"委员工作室揭牌", 1, 0, 3, PLAN_REWRITE_NONE, "nor with all=1"},
    {"+委员工作室揭牌", 0, 0, 3, PLAN_REWRITE_NONE, "nor for a +part"},
    {"医卫界别", 0, 0, 3, PLAN_REWRITE_NONE,
     "nor for a part widened already (a sector)"},
};

static void test_rewrite(struct tokenizer *tok)
{
    size_t i;

    for (i = 0; i < sizeof(rewrite_cases) / sizeof(rewrite_cases[0]); i++) {
        const struct rewrite_case *c = &rewrite_cases[i];
        struct search_request req = {0};
        struct query q;
        struct search_plan p;

        req.query = c->query;
        req.all = c->all;
        req.rewritten = c->rewritten;
        parse_plan(tok, &req, &big, &q, &p);
        is_int(plan_rewrite(&req, &q, c->total), c->want, "%s", c->what);
        query_release(&q);
    }
}

static void test_after_full(struct tokenizer *tok)
{
    struct search_request req = {0}, r;
    struct query q;
    struct search_plan p;

    req.query = "委员工作室 义诊";
    parse_plan(tok, &req, &big, &q, &p);
    ok(plan_may_relax(&req, &q, 3), "a page past 3 full matches may relax");
    ok(!plan_may_relax(&req, &q, 50),
       "a page of full matches before their end does not");
    req.all = 1;
    ok(!plan_may_relax(&req, &q, 3), "nor with all=1");
    req.all = 0;
    query_release(&q);
    req.query = "委员工作室";
    parse_plan(tok, &req, &big, &q, &p);
    ok(!plan_may_relax(&req, &q, 0), "one part never relaxes");
    query_release(&q);

    is_int(plan_partial(&req, 3, &r), 7, "7 partial hits fill the page");
    ok(r.partial && r.offset == 3 && r.limit == 7 && r.estimate && !r.facets
           && r.sort == SEARCH_SORT_RELEVANCE,
       "ranked by relevance after the full ones, estimated, no facets");
    req.offset = 20;
    req.sort = SEARCH_SORT_DATE_DESC;
    is_int(plan_partial(&req, 3, &r), 10, "a later page is all partial");
    is_int(r.offset, 20, "at its own offset");
    req.offset = 0;
    is_int(plan_partial(&req, 10, &r), 0,
           "a page ending with the full matches takes none");
    is_int(r.limit, 1, "but the pass still runs, to count them");

    req.query = "医卫界别";
    ok(plan_variants(&req), "other spellings widen every search");
    r = req;
    r.no_expand = 1;
    parse_plan(tok, &r, &big, &q, &p);
    ok(!plan_variants(&r) && plan_rewrite(&r, &q, 0) == PLAN_REWRITE_UNHELD,
       "but not with widening turned off");
    query_release(&q);
    r = req;
    r.partial = 1;
    ok(!plan_variants(&r), "nor in the partial pass (it is given them)");
    r = req;
    r.nvariants = 1;
    ok(!plan_variants(&r), "nor when the caller gave them");
}

static void test_undated(void)
{
    struct query_filter given[1] = {{"city", "兰州市"}}, room[2];
    struct search_request req = {0}, r;

    req.filters = given;
    req.nfilters = 1;
    ok(!plan_undated(&req, room, &r), "no range, no undated count");
    req.date_from = "2024";
    req.offset = 30;
    req.facets = 1;
    ok(plan_undated(&req, room, &r), "a range counts what it leaves out");
    ok(r.nfilters == 2 && strcmp(r.filters[0].value, "兰州市") == 0
           && strcmp(r.filters[1].field, "year") == 0
           && strcmp(r.filters[1].value, QUERY_UNDATED) == 0,
       "the request's filters and year:none");
    ok(!r.date_from && !r.date_to && r.offset == 0 && r.limit == 1 && !r.facets,
       "without the range, one hit, no facets");
}

/* Shards: Xapian runs the search whole; no set, no parts, and its own
 * collapse gives the page as asked. */
static void test_sharded(struct tokenizer *tok)
{
    struct search_request req = {0};
    struct plan_index ix = big;
    struct query q;
    struct search_plan p;
    struct plan_window w;

    ix.sharded = 1;
    ix.has_copies = 1;
    req.query = "委员工作室";
    req.facets = 1;
    req.offset = 20;
    req.limit = 10;
    parse_plan(tok, &req, &ix, &q, &p);
    ok(p.sharded && p.collapse, "shards: planned for shards.c, collapsing");
    ok(!p.use_set && !p.replay, "shards: no cached match set");
    is_int(p.nparts, 1, "shards: one search, not docid ranges");
    query_release(&q);
    req.facets = 0; /* (with facets or an exact total of articles,
                       shards.c asks for every match) */
    req.estimate = 1;
    parse_plan(tok, &req, &ix, &q, &p);
    plan_window(&p, 1, &w);
    ok(p.collapse && w.first == 20 && w.max == 10 && w.check == 130,
       "shards without facets: Xapian's collapse ranks the page itself");
    query_release(&q);
}

int main(void)
{
    struct tokenizer *tok = NULL;

    if (tokenizer_new(&tok, NULL) < 0) {
        ok(0, "a tokenizer");
        return tap_done();
    }
    test_order_and_page(tok);
    test_cache_and_collapse(tok);
    test_parts(tok);
    test_windows();
    test_ranges();
    test_rank();
    test_after_full(tok);
    test_rewrite(tok);
    test_undated();
    test_sharded(tok);
    tokenizer_free(tok);
    return tap_done();
}
