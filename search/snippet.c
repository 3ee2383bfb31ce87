/*
 * snippet.c - best passage and highlights (see snippet.h).
 */
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#include "../text/norm.h"
#include "../text/utf8.h"

#define CONTEXT_BEFORE 24 /* characters shown before the first match */
#define MAX_MATCHES 4096

struct match {
    size_t start, end; /* in the original text */
    size_t term;
};

static int cmp_match(const void *a, const void *b)
{
    const struct match *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/* Step back n characters from byte offset i (valid UTF-8). */
static size_t back_chars(const char *s, size_t i, size_t n)
{
    while (i > 0 && n > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        n--;
    }
    return i;
}

/* Step forward n characters from byte offset i, not past len. */
static size_t fwd_chars(const char *s, size_t len, size_t i, size_t n)
{
    while (i < len && n > 0) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

/* Find every occurrence of every term in the normalised text. */
static size_t find_matches(const struct norm *n, char *const *terms,
                           size_t nterms, struct match *m)
{
    size_t count = 0, t;

    for (t = 0; t < nterms; t++) {
        size_t tl = strlen(terms[t]);
        const char *p = n->text, *hit;

        if (tl == 0)
            continue;
        while (
            count < MAX_MATCHES
            && (hit = memmem(p, n->len - (size_t)(p - n->text), terms[t], tl))
                   != NULL) {
            size_t s = (size_t)(hit - n->text);

            m[count].start = n->orig[s];
            m[count].end = n->orig[s + tl];
            m[count].term = t;
            if (m[count].end > m[count].start)
                count++;
            p = hit + tl;
        }
    }
    qsort(m, count, sizeof(*m), cmp_match);
    return count;
}

/*
 * The window start with the most distinct terms within max_chars; ties go
 * to the earliest.  Terms are few (a query's), so a bitmask suffices.
 */
static size_t best_first(const char *body, size_t len, const struct match *m,
                         size_t count, size_t max_chars)
{
    size_t best = 0, best_score = 0, i, j;

    for (i = 0; i < count; i++) {
        size_t limit = fwd_chars(body, len, m[i].start, max_chars);
        unsigned long long seen = 0;
        size_t score = 0;

        for (j = i; j < count && m[j].end <= limit; j++) {
            unsigned long long bit = 1ULL << (m[j].term % 64);

            if (!(seen & bit)) {
                seen |= bit;
                score += 1000;
            }
            score++;
        }
        if (score > best_score) {
            best_score = score;
            best = i;
        }
    }
    return best;
}

/* Move the window start back to a sentence start if one is near. */
static size_t sentence_start(const char *body, size_t at)
{
    size_t lim = back_chars(body, at, CONTEXT_BEFORE), i = at;

    while (i > lim) {
        size_t prev = back_chars(body, i, 1);

        if (body[prev] == '\n' || strncmp(body + prev, "。", 3) == 0
            || strncmp(body + prev, "！", 3) == 0
            || strncmp(body + prev, "？", 3) == 0)
            return i;
        i = prev;
    }
    return lim;
}

/* A window of max_chars around the best matches, or (whole) all of
 * body with its newlines. */
static int make(const char *body, size_t len, char *const *terms, size_t nterms,
                size_t max_chars, int whole, struct snippet *out,
                struct lv_err *err)
{
    struct norm n = {0};
    struct match *m = NULL;
    struct buf text = BUF_INIT;
    size_t count = 0, first, from, to, i, nsp = 0, shift = 0;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    if (nterms && len) {
        rc = norm_text(body, len, NORM_OFFSETS, &n, err);
        if (rc < 0)
            return rc;
        m = malloc(MAX_MATCHES * sizeof(*m));
        if (!m) {
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
            goto out;
        }
        count = find_matches(&n, terms, nterms, m);
    }
    if (count && !whole) {
        first = best_first(body, len, m, count, max_chars);
        from = sentence_start(body, m[first].start);
    } else {
        first = 0;
        from = 0;
    }
    to = whole ? len : fwd_chars(body, len, from, max_chars);
    if (from > 0 && buf_addstr(&text, "…") < 0)
        goto nomem;
    shift = text.len;
    if (buf_add(&text, body + from, to - from) < 0)
        goto nomem;
    if (to < len && buf_addstr(&text, "…") < 0)
        goto nomem;
    for (i = shift; !whole && i < shift + (to - from); i++)
        if (text.data[i] == '\n' || text.data[i] == '\r'
            || text.data[i] == '\t')
            text.data[i] = ' ';

    if (count) {
        out->spans = malloc(count * sizeof(*out->spans));
        if (!out->spans)
            goto nomem;
        for (i = first; i < count; i++) {
            size_t s = m[i].start, e = m[i].end;

            if (s < from)
                continue;
            if (s >= to)
                break;
            if (e > to)
                e = to;
            /* Merge overlapping or touching matches into one span. */
            if (nsp && s - from + shift <= out->spans[nsp - 1].end) {
                if (e - from + shift > out->spans[nsp - 1].end)
                    out->spans[nsp - 1].end = e - from + shift;
                continue;
            }
            out->spans[nsp].start = s - from + shift;
            out->spans[nsp].end = e - from + shift;
            nsp++;
        }
    }
    out->nspans = nsp;
    out->at = from;
    out->text = buf_take(&text, &out->len);
    if (!out->text)
        goto nomem;
    goto out;
nomem:
    rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    buf_release(&text);
    snippet_release(out);
out:
    free(m);
    norm_release(&n);
    return rc;
}

int snippet_make(const char *body, size_t len, char *const *terms,
                 size_t nterms, size_t max_chars, struct snippet *out,
                 struct lv_err *err)
{
    return make(body, len, terms, nterms, max_chars, 0, out, err);
}

int snippet_mark_all(const char *body, size_t len, char *const *terms,
                     size_t nterms, struct snippet *out, struct lv_err *err)
{
    return make(body, len, terms, nterms, 0, 1, out, err);
}

void snippet_release(struct snippet *s)
{
    free(s->text);
    free(s->spans);
    memset(s, 0, sizeof(*s));
}

static int put(struct buf *out, const char *s, size_t n,
               int (*escape)(struct buf *, const char *, size_t))
{
    return escape ? escape(out, s, n) : buf_add(out, s, n);
}

int snippet_render(const struct snippet *s, const char *open, const char *close,
                   int (*escape)(struct buf *out, const char *s, size_t n),
                   struct buf *out)
{
    size_t at = 0, i;

    for (i = 0; i < s->nspans; i++) {
        const struct snippet_span *sp = &s->spans[i];

        put(out, s->text + at, sp->start - at, escape);
        buf_addstr(out, open);
        put(out, s->text + sp->start, sp->end - sp->start, escape);
        buf_addstr(out, close);
        at = sp->end;
    }
    return put(out, s->text + at, s->len - at, escape);
}
