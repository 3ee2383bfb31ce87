/* fuzz_query.c - the query parser accepts or refuses anything without
 * crashing, with or without a variant spelling for a part; snippets of
 * the input against itself stay in bounds; a description's content
 * words and spans are clean UTF-8 words; "one character apart" is
 * symmetric; a preferred text (search.c's few held as written) parses
 * too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../search/query.h"
#include "../../search/snippet.h"
#include "../../search/variants.h"
#include "../../text/tokens.h"
#include "../../text/utf8.h"

static struct tokenizer *tok;

/* Words out of a splitter: valid UTF-8, one space between words. */
static void check_words(const char *s,
                        int (*split)(const char *, struct tokenizer *, char **,
                                     struct lv_err *))
{
    char *w = NULL;
    size_t n;

    if (split(s, tok, &w, NULL) < 0 || !w)
        return;
    n = strlen(w);
    if (!utf8_valid(w, n) || !n || w[0] == ' ' || w[n - 1] == ' '
        || strstr(w, "  "))
        abort();
    free(w);
}

/* The input's second half as a variant spelling of its first part, and
 * the two halves compared both ways. */
static void check_variant(struct query_input *in, const char *s, size_t size)
{
    struct query q, qv;
    char *a = utf8_sanitize(s, size / 2, NULL);
    char *b = utf8_sanitize(s + size / 2, size - size / 2, NULL);

    if (a && b && variants_one_apart(a, b) != variants_one_apart(b, a))
        abort();
    if (b && query_parse(in, tok, &q, NULL) == 0) {
        struct query_variant v = {NULL, b};

        if (q.nparts && q.parts[0].nnorms) {
            v.norm = q.parts[0].norms[0];
            in->variants = &v;
            in->nvariants = 1;
            if (query_parse(in, tok, &qv, NULL) == 0) {
                if (qv.nparts != q.nparts)
                    abort(); /* a variant widens a part, adds none */
                query_release(&qv);
            }
            in->variants = NULL;
            in->nvariants = 0;
        }
        query_release(&q);
    }
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct query q;
    struct query_input in = {0};
    struct snippet sn;
    char *s = malloc(size + 1);
    size_t i;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (!tok && tokenizer_new(&tok, NULL) < 0)
        abort();
    in.text = s;
    if (query_parse(&in, tok, &q, NULL) == 0) {
        char *body = utf8_sanitize(s, strlen(s), NULL);

        if (body
            && snippet_make(body, strlen(body), q.highlight, q.nhighlight, 40,
                            &sn, NULL)
                   == 0) {
            if (!utf8_valid(sn.text, sn.len))
                abort();
            for (i = 0; i < sn.nspans; i++)
                if (sn.spans[i].end > sn.len
                    || sn.spans[i].start >= sn.spans[i].end)
                    abort();
            snippet_release(&sn);
        }
        /* which parts a text holds: at most one bit per part */
        if (body && q.nparts < 64
            && (query_parts_in(&q, body, body) >> q.nparts) != 0)
            abort();
        free(body);
        query_release(&q);
    }
    check_words(s, query_content_words);
    check_words(s, query_content_spans);
    check_variant(&in, s, size);
    in.partial = 1; /* the relaxed pass: NULL exactly when not relaxable */
    if (query_parse(&in, tok, &q, NULL) == 0) {
        if ((q.xq != NULL) != (q.relaxable != 0))
            abort();
        query_release(&q);
    }
    in.xapian_only = 1; /* for shards: the same, by Xapian's own parts */
    if (query_parse(&in, tok, &q, NULL) == 0) {
        if ((q.xq != NULL) != (q.relaxable != 0))
            abort();
        query_release(&q);
    }
    /* the input's second half preferred (the few held as written) */
    in.partial = in.xapian_only = 0;
    in.prefer = s + size / 2;
    if (query_parse(&in, tok, &q, NULL) == 0)
        query_release(&q);
    free(s);
    return 0;
}
