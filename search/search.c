/*
 * search.c - a request run against the index (search.h), one way
 * through: parsed once (query.c), planned (plan.c), carried out from a
 * cached match set (replay.c) or through Xapian (split.c), each hit
 * given its copies (copies.c) and marked with the parts it holds
 * (result.c); then, as the plan says, the searches that follow the full
 * matches: the partial matches, the content words of a description, the
 * count of undated articles a date range leaves out.
 */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../text/tokens.h"
#include "../text/utf8.h"
#include "../xapian/xapian_c.h"
#include "result.h"
#include "searcher_int.h"
#include "variants.h"

/* Parse req with the searcher's tokenizer. */
static int parse(struct searcher *s, const struct search_request *req,
                 struct query *q, struct lv_err *err)
{
    struct query_input in = {0};

    in.text = req->query;
    in.filters = req->filters;
    in.nfilters = req->nfilters;
    in.date_from = req->date_from;
    in.date_to = req->date_to;
    in.partial = req->partial;
    in.no_expand = req->no_expand;
    in.variants = req->variants;
    in.nvariants = req->nvariants;
    in.xapian_only = s->sharded;
    in.prefer = req->prefer;
    return query_parse(&in, s->tok, q, err);
}

/* What the plan is told of the index (after the facet table is loaded,
 * when the request needs it). */
static void index_facts(struct searcher *s, struct plan_index *ix)
{
    memset(ix, 0, sizeof(*ix));
    if (xdb_last_docid(s->db, &ix->last_docid, NULL) < 0)
        ix->last_docid = 0;
    ix->threads = s->threads;
    ix->split_min = s->split_min;
    ix->has_copies = s->table && facet_table_nclusters(s->table) > 0;
    ix->has_cache = s->mcache != NULL;
    ix->sharded = s->sharded;
}

/* The full matches of req (parsed as q): planned and carried out. */
static int execute(struct searcher *s, const struct search_request *req,
                   const struct query *q, struct search_result *res,
                   struct lv_err *err)
{
    struct plan_index ix;
    struct search_plan plan;
    const struct match_set *set = NULL;
    int rc = 0;

    memset(res, 0, sizeof(*res));
    if (!q->xq) { /* the relaxed pass of a query that has none */
        res->total_exact = 1;
        return 0;
    }
    if (plan_needs_table(req))
        rc = searcher_prepare_facets(s, err);
    if (rc < 0)
        return rc;
    index_facts(s, &ix);
    plan_make(req, q, &ix, &plan);
    if (plan.use_set)
        set = replay_set(s, q);
    if (set && plan.replay && replay_ready(s, set))
        rc = replay_page(s, req, &plan, set, q, res, err);
    else if (plan.sharded)
        rc = shards_search(s, req, &plan, q, res, err);
    else
        rc = split_search(s, req, &plan, q, set, res, err);
    if (rc == 0)
        rc = copies_attach(s, &plan, q, res, err);
    match_cache_release(s->mcache, set); /* after the searches using it */
    return rc;
}

/*
 * A reader can find its revision of the index overwritten when a writer
 * commits twice during a long search (Xapian's DatabaseModifiedError):
 * then re-open at the latest revision and run the search once more.
 */
static int execute_retrying(struct searcher *s,
                            const struct search_request *req,
                            const struct query *q, struct search_result *res,
                            struct lv_err *err)
{
    int rc = execute(s, req, q, res, err);

    if (rc == LV_ECHANGED && searcher_reopen(s, NULL) == 0) {
        search_result_release(res);
        lv_err_clear(err);
        rc = execute(s, req, q, res, err);
    }
    return rc;
}

/* The parse's parts, widened places and highlight terms go to res. */
static int take_parse(struct search_result *res, struct query *q,
                      struct lv_err *err)
{
    int rc = result_mark_parts(res, q, err);

    res->expanded = q->expanded;
    res->reworded = q->reworded;
    memset(&q->expanded, 0, sizeof(q->expanded));
    memset(&q->reworded, 0, sizeof(q->reworded));
    res->terms = q->highlight;
    res->nterms = q->nhighlight;
    q->highlight = NULL;
    q->nhighlight = 0;
    return rc;
}

/* A search that follows the request's own: parsed, carried out, its
 * hits marked. */
static int search_again(struct searcher *s, const struct search_request *req,
                        struct search_result *res, struct lv_err *err)
{
    struct query q = {0};
    int rc = parse(s, req, &q, err);

    if (rc == 0)
        rc = execute_retrying(s, req, &q, res, err);
    if (rc == 0)
        rc = take_parse(res, &q, err);
    query_release(&q);
    return rc;
}

/*
 * After the articles with every part, those with only some: the page's
 * remaining places from the relaxed pass (its ranks continue where the
 * full matches end), and about how many there are.
 */
static int add_partial(struct searcher *s, const struct search_request *req,
                       struct search_result *res, struct lv_err *err)
{
    struct search_request r;
    struct search_result p;
    struct search_hit *hits;
    unsigned full = res->total, want;
    size_t i, take;
    int rc;

    if (!res->total_exact)
        return 0; /* the full matches to skip are not known exactly */
    want = plan_partial(req, full, &r);
    rc = search_again(s, &r, &p, err);
    if (rc < 0) {
        search_result_release(&p);
        return rc;
    }
    res->partial_total = p.total > full ? p.total - full : 0;
    res->partial_counted = 1;
    take = want < p.nhits ? want : p.nhits;
    hits = take ? realloc(res->hits, (res->nhits + take) * sizeof(*hits))
                : res->hits;
    if (!hits) {
        search_result_release(&p);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    res->hits = hits;
    memcpy(res->hits + res->nhits, p.hits, take * sizeof(*hits));
    res->nhits += take;
    for (i = take; i < p.nhits; i++)
        search_hit_release(&p.hits[i]);
    p.nhits = 0; /* moved or released */
    search_result_release(&p);
    return 0;
}

/* How many articles the request's date range leaves out for having no
 * date (so no one takes the range for all there is). */
static int count_undated(struct searcher *s, const struct search_request *req,
                         struct search_result *res, struct lv_err *err)
{
    struct query_filter *f = malloc((req->nfilters + 1) * sizeof(*f));
    struct search_request r;
    struct search_result u = {0};
    int rc = 0;

    if (!f)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    if (plan_undated(req, f, &r)) {
        rc = search_again(s, &r, &u, err);
        res->undated = u.total;
        res->undated_counted = rc == 0;
        search_result_release(&u);
    }
    free(f);
    return rc;
}

/* Bit i of *held: the archive holds part i of q (a part without a query
 * of its own counts as held).  One probe per part, asked once per search
 * by the steps that need it: other spellings, content words, relaxing. */
static int parts_held(struct searcher *s, const struct query *q,
                      unsigned long long *held, struct lv_err *err)
{
    size_t i;

    *held = 0;
    for (i = 0; i < q->nparts && i < 64; i++) {
        int rc =
            q->parts[i].xq ? searcher_any_match(s, q->parts[i].xq, err) : 1;

        if (rc < 0)
            return rc;
        *held |= (unsigned long long)(rc > 0) << i;
    }
    return 0;
}

/*
 * A part no article holds at all (大连 in 大连 委员之家 on an archive
 * without it) is a name the archive lacks: relaxing it away would only
 * list articles about something else, so the query is not relaxed.
 */
static int all_held(const struct query *q, unsigned long long held)
{
    return held == (q->nparts >= 64 ? ~0ULL : (1ULL << q->nparts) - 1);
}

/* res becomes alt when alt found anything (1), else stays (0). */
static int take_if_found(struct search_result *res, struct search_result *alt)
{
    if (!alt->total && !alt->partial_total) {
        search_result_release(alt);
        return 0;
    }
    search_result_release(res);
    *res = *alt;
    memset(alt, 0, sizeof(*alt));
    return 1;
}

/*
 * Nothing matched and some long part is held by no article as written,
 * but a brand the archive knows is one character away from it (a
 * campaign's name mistyped or spelled another way): search again with
 * the part widened to it.  1 when that found something (res replaced).
 */
/* q again with the other spellings of its parts (variants.h), when the
 * index files articles under one; r gets them (r->variants is owned). */
static int with_variants(struct searcher *s, struct search_request *r,
                         struct query *q, struct lv_err *err)
{
    struct query_variant *v = NULL;
    size_t n = 0;
    int rc = variants_find(s, q, &v, &n, err);

    if (rc < 0 || n == 0)
        return rc;
    r->variants = v;
    r->nvariants = n;
    query_release(q);
    return parse(s, r, q, err);
}

/* 1 if some article holds text (searched as a query of its own), 0 if
 * none, or an error. */
static int held(struct searcher *s, const char *text, struct lv_err *err)
{
    struct search_request r = {0};
    struct query q = {0};
    int rc;

    r.query = text;
    r.no_expand = 1;
    rc = parse(s, &r, &q, err);
    if (rc == 0)
        rc = q.xq ? searcher_any_match(s, q.xq, err) : 0;
    query_release(&q);
    return rc;
}

#define PIECE_MAX_CHARS 8

/* A span's ICU words (space-separated); ok stays 1 while none is a lone
 * character. */
struct span_words {
    struct buf out;
    int ok;
};

static int collect_span_word(const struct token *t, void *ctx)
{
    struct span_words *w = ctx;
    unsigned cp;

    if (t->kind != TOKEN_WORD || !w->ok)
        return 0;
    if (t->len > PIECE_MAX_CHARS * 4
        || utf8_decode(t->text, t->len, &cp) == t->len)
        w->ok = 0; /* one character, or too long to be one word */
    else if ((w->out.len && buf_addch(&w->out, ' ') < 0)
             || buf_add(&w->out, t->text, t->len) < 0)
        w->ok = 0;
    return 0;
}

/* The span's words as ICU cuts them into out, when each is held and no
 * character is left alone (1); else 0 and out unchanged.  (The words are
 * probed after the cut: a probe parses with the same tokenizer.) */
static int span_as_words(struct searcher *s, const char *span, size_t len,
                         struct buf *out, struct lv_err *err)
{
    struct span_words w = {BUF_INIT, 1};
    int rc = tokenizer_run(s->tok, span, len, collect_span_word, &w, err);
    char *word, *save = NULL;

    for (word = rc == 0 && w.ok && w.out.len ? strtok_r(w.out.data, " ", &save)
                                             : NULL;
         word && rc == 0; word = strtok_r(NULL, " ", &save)) {
        rc = held(s, word, err);
        if (rc == 0)
            w.ok = 0;
        rc = rc < 0 ? rc : 0;
        if (!w.ok)
            break;
    }
    if (rc == 0 && w.ok && w.out.len) { /* strtok_r cut it: join again */
        size_t i;

        for (i = 0; i < w.out.len; i++)
            if (!w.out.data[i])
                w.out.data[i] = ' ';
        rc = (out->len && buf_addch(out, ' ') < 0)
                     || buf_add(out, w.out.data, w.out.len) < 0
                 ? LV_ENOMEM
                 : 1;
    }
    buf_release(&w.out);
    return rc;
}

/*
 * The words of a description's spans (query_content_spans) the archive
 * holds: a span's ICU words when each is held and none is a lone
 * character; else the pieces of the span it holds, longest first from
 * the left (履职场所, cut 履 职场 所 by ICU, gives 履职 and 场所).
 * Characters no held piece of two or more covers are left out.
 * Space-separated into *out (caller frees), NULL when none is held.
 */
static int held_pieces(struct searcher *s, const char *spans, char **out,
                       struct lv_err *err)
{
    struct buf b = BUF_INIT;
    const char *p = spans;
    int rc = 0;

    *out = NULL;
    while (rc == 0 && *p) {
        size_t span = strcspn(p, " "), at[PIECE_MAX_CHARS + 1], n, k;
        const char *end = p + span;

        rc = span_as_words(s, p, span, &b, err);
        if (rc > 0) {
            rc = 0;
            p = end;
        }
        while (rc == 0 && p < end) {
            /* byte offsets of the next characters */
            for (n = 0, at[0] = 0; n < PIECE_MAX_CHARS && p + at[n] < end;
                 n++) {
                unsigned cp;

                at[n + 1] =
                    at[n]
                    + utf8_decode(p + at[n], (size_t)(end - p) - at[n], &cp);
            }
            for (k = n; k >= 2 && rc == 0; k--) {
                char piece[PIECE_MAX_CHARS * 4 + 1];

                memcpy(piece, p, at[k]);
                piece[at[k]] = '\0';
                rc = held(s, piece, err);
                if (rc > 0) {
                    rc = (b.len && buf_addch(&b, ' ') < 0)
                                 || buf_addstr(&b, piece) < 0
                             ? LV_ENOMEM
                             : 0;
                    break;
                }
            }
            p += k >= 2 ? at[k] : at[1];
        }
        p = *end ? end + 1 : end;
    }
    if (rc == 0 && b.len)
        *out = buf_take(&b, NULL);
    buf_release(&b);
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}

/* The words to search a part no article holds as written by: a
 * description's held pieces, else its ICU content words; NULL: none. */
static int part_words(struct searcher *s, const char *part, char **out,
                      struct lv_err *err)
{
    char *spans = NULL;
    int rc = query_content_spans(part, s->tok, &spans, err);

    *out = NULL;
    if (rc == 0 && spans)
        rc = held_pieces(s, spans, out, err);
    free(spans);
    /* two pieces at least, or the words as ICU cuts them */
    if (rc == 0 && *out && !strchr(*out, ' ')) {
        free(*out);
        *out = NULL;
    }
    if (rc == 0 && !*out)
        rc = query_content_words(part, s->tok, out, err);
    return rc;
}

/*
 * Nothing matched and some part is held by no article as written (bit i
 * of held clear): a description or a question in the user's own words.
 * Or how == PLAN_REWRITE_FEW: a part few articles hold as written.
 * Search its content words instead (as parts, so partial matches
 * follow; the few first), when that finds more (1: res replaced).  Only
 * for queries of plain parts, rewritten part by part.
 */
static int try_content_words(struct searcher *s,
                             const struct search_request *req,
                             const struct query *q, enum plan_rewrite how,
                             unsigned long long held, struct search_result *res,
                             struct lv_err *err)
{
    struct buf text = BUF_INIT;
    struct search_request r = *req;
    struct search_result words = {0};
    size_t i;
    int rc = 0, changed = 0;

    for (i = 0; rc == 0 && q->plain && i < q->nparts; i++) {
        char *w = NULL;

        if (how == PLAN_REWRITE_FEW || (i < 64 && !(held >> i & 1)))
            rc = part_words(s, q->parts[i].text, &w, err);
        if (rc == 0 && (text.len && buf_addch(&text, ' ') < 0))
            rc = LV_ENOMEM;
        if (rc == 0 && buf_addstr(&text, w ? w : q->parts[i].text) < 0)
            rc = LV_ENOMEM;
        changed |= w != NULL;
        free(w);
    }
    if (rc == 0 && changed) {
        unsigned exact = res->total;

        r.query = text.data;
        r.rewritten = 1;
        if (how == PLAN_REWRITE_FEW) {
            /* every word, as the part held them all (no partial) */
            r.prefer = q->parts[0].text;
            r.no_partial = 1;
        }
        rc = searcher_run(s, &r, &words, err);
        if (rc == 0 && words.total + words.partial_total > exact
            && take_if_found(res, &words)) {
            res->rewritten = buf_take(&text, NULL);
            res->exact_total = how == PLAN_REWRITE_FEW ? exact : 0;
            rc = res->rewritten ? 1 : LV_ENOMEM;
        }
        search_result_release(&words);
    }
    buf_release(&text);
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}

int searcher_run(struct searcher *s, const struct search_request *in,
                 struct search_result *res, struct lv_err *err)
{
    struct search_request r = *in, *req = &r;
    struct query q = {0};
    unsigned long long held = 0;
    enum plan_rewrite how = PLAN_REWRITE_NONE;
    int rc = parse(s, req, &q, err), probed = 0;

    memset(res, 0, sizeof(*res));
    if (rc == 0 && plan_variants(req))
        rc = with_variants(s, &r, &q, err);
    if (rc == 0)
        rc = execute_retrying(s, req, &q, res, err);
    if (rc == 0 && (how = plan_rewrite(req, &q, res->total))) {
        if (how == PLAN_REWRITE_UNHELD) {
            rc = parts_held(s, &q, &held, err);
            probed = 1;
        }
        if (rc == 0)
            rc = try_content_words(s, req, &q, how, held, res, err);
    }
    if (rc != 0) { /* an error, or the search again did the rest */
        query_release(&q);
        rc = rc < 0 ? rc : 0;
        goto out;
    }
    res->first_partial = res->nhits;
    if (plan_may_relax(req, &q, res->total)) {
        if (!probed)
            rc = parts_held(s, &q, &held, err);
        res->relaxable = rc == 0 && all_held(&q, held);
    }
    if (rc == 0)
        rc = take_parse(res, &q, err);
    query_release(&q);
    if (rc == 0 && res->relaxable)
        rc = add_partial(s, req, res, err);
    if (rc == 0)
        rc = count_undated(s, req, res, err);
out:
    if (r.variants != in->variants) /* (with_variants found them) */
        variants_free((struct query_variant *)r.variants, r.nvariants);
    return rc;
}

int searcher_highlight(struct searcher *s, const struct search_request *req,
                       char ***terms, size_t *n, struct lv_err *err)
{
    struct search_request r = {0};
    struct query q = {0};
    int rc;

    r.query = req->query;
    r.no_expand = req->no_expand;
    rc = parse(s, &r, &q, err);
    *terms = rc == 0 ? q.highlight : NULL;
    *n = rc == 0 ? q.nhighlight : 0;
    q.highlight = NULL;
    q.nhighlight = 0;
    query_release(&q);
    return rc;
}
