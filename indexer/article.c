/*
 * article.c - one file's bytes → a clean article (see article.h).
 *
 * Order matters: decode to UTF-8 first, then repair pinyin notes and
 * mojibake on the whole text (so every later step sees 網, not 網(wǎng)),
 * then extract blocks (HTML) or lines (text), then clean them.
 */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../text/decode.h"
#include "../text/repair.h"
#include "../text/utf8.h"
#include "clean.h"
#include "header.h"
#include "headline.h"
#include "html.h"
#include "urldate.h"

#define MAX_BODY (8u << 20) /* bytes of article text kept at most */
#define SNIFF 8192

/* Refuse what is not text: empty, or full of NULs and control bytes
 * (UTF-16 is recognised by its byte-order mark). */
static int check_text(const char *bytes, size_t len, struct lv_err *err)
{
    size_t i, n = len < SNIFF ? len : SNIFF, ctl = 0, blank = 0;
    const unsigned char *b = (const unsigned char *)bytes;

    for (i = 0; i < len && blank == i; i++)
        if (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')
            blank++;
    if (len == 0 || blank == len)
        return lv_err_set(err, LV_EINVAL, "empty file");
    if (len >= 2
        && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return 0;
    for (i = 0; i < n; i++)
        if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r'
            && b[i] != '\f' && b[i] != 0x1B)
            ctl++;
    if (ctl * 20 > n)
        return lv_err_set(err, LV_EINVAL,
                          "binary data, not text (%zu control bytes in "
                          "the first %zu)",
                          ctl, n);
    return 0;
}

/* Decode and repair into a malloc'd UTF-8 string. */
/*
 * Control characters never reach the index: they would end up in every
 * output (a CR inside a title breaks RIS and CSV readers; a BEL or an
 * ESC has no business in a page).  A CR is a line break (CR LF one
 * break); other C0 characters but tab and LF, and DEL, become spaces.
 * In place; with lines 0 (titles) LF and tab become spaces too.
 */
static void scrub_controls(char *s, size_t len, int lines)
{
    size_t i;

    for (i = 0; s && i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\r')
            s[i] = lines && !(i + 1 < len && s[i + 1] == '\n') ? '\n' : ' ';
        else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f
                 || (!lines && (c == '\t' || c == '\n')))
            s[i] = ' ';
    }
}

/* The same for the finished article (character references such as
 * &#7; come out of the HTML parser as control characters too). */
static void scrub_article(struct article *a)
{
    scrub_controls(a->title, a->title ? strlen(a->title) : 0, 0);
    scrub_controls(a->source, a->source ? strlen(a->source) : 0, 0);
    scrub_controls(a->body, a->body_len, 1);
}

static int prepare(const char *bytes, size_t len, int is_html,
                   const char *charset, struct article *a, char **text,
                   size_t *tlen, struct lv_err *err)
{
    struct decoded d;
    size_t n;
    int rc = check_text(bytes, len, err);

    if (rc < 0)
        return rc;
    rc = decode_to_utf8_declared(bytes, len, is_html, charset, &d, err);
    if (rc < 0)
        return rc;
    snprintf(a->charset, sizeof(a->charset), "%s", d.charset);
    a->stats.replaced_chars = d.replaced;
    scrub_controls(d.text, d.len, 1);
    n = repair_pinyin(d.text, d.len, &a->stats.pinyin_notes);
    n = repair_mojibake(d.text, n, &a->stats.mojibake_fixed);
    *text = d.text;
    *tlen = n;
    return 0;
}

/* Title cut to ARTICLE_MAX_TITLE bytes at a character boundary, without
 * the site's decorations (column label, site-name suffix).  NULL when
 * out of memory (buf_take of a failed buf). */
static char *make_title(const char *s, size_t len)
{
    struct buf b = BUF_INIT;
    const char *t = headline_trim(s, &len);

    if (len > ARTICLE_MAX_TITLE) {
        buf_add(&b, t, utf8_cut(t, len, ARTICLE_MAX_TITLE - 3));
        buf_addstr(&b, "…");
    } else {
        buf_add(&b, t, len);
    }
    return buf_take(&b, NULL);
}

/* No title line: the body's first sentence, or its first 40 characters.
 * NULL when out of memory. */
static char *title_from_body(const char *body)
{
    const char *end = body;
    size_t chars = 0;

    while (*end && *end != '\n' && chars < 40) {
        if (strncmp(end, "。", 3) == 0 || strncmp(end, "！", 3) == 0
            || strncmp(end, "？", 3) == 0)
            return make_title(body, (size_t)(end - body));
        end++;
        while (((unsigned char)*end & 0xC0) == 0x80)
            end++;
        chars++;
    }
    if (*end && *end != '\n') {
        struct buf b = BUF_INIT;

        buf_add(&b, body, (size_t)(end - body));
        buf_addstr(&b, "…");
        return buf_take(&b, NULL);
    }
    return make_title(body, (size_t)(end - body));
}

static int apply_hints(struct article *a, const struct article_hints *h,
                       struct lv_err *err);

/* Join the kept lines into the body. */
static int join_body(char **lines, size_t n, const int *keep, struct article *a)
{
    struct buf b = BUF_INIT;
    size_t i;

    for (i = 0; i < n; i++) {
        size_t len = strlen(lines[i]);
        const char *t;

        if (!keep[i])
            continue;
        t = clean_trim(lines[i], &len);
        if (!len)
            continue;
        if (b.len + len + 1 > MAX_BODY)
            break; /* a real article is far shorter; keep what fits */
        if ((b.len && buf_addch(&b, '\n') < 0) || buf_add(&b, t, len) < 0) {
            buf_release(&b);
            return LV_ENOMEM;
        }
    }
    a->body = buf_take(&b, &a->body_len);
    return a->body ? 0 : LV_ENOMEM;
}

static int set_date(struct article *a, const char *ymd,
                    enum article_date_from from)
{
    if (a->date || !ymd || !*ymd)
        return 0;
    a->date = strdup(ymd);
    if (!a->date)
        return LV_ENOMEM;
    a->date_from = from;
    return 0;
}

/*
 * The publication date, best evidence first: what the page states (set
 * before cleaning from metadata or a header, else its dateline), the
 * URL's path, then a full date in the text.
 */
static int pick_date(struct article *a, const struct clean_output *out)
{
    char ymd[9] = "";
    int rc = set_date(a, out->date, DATE_FROM_PAGE);

    if (rc == 0 && a->url && urldate_find(a->url, ymd))
        rc = set_date(a, ymd, DATE_FROM_URL);
    if (rc == 0)
        rc = set_date(a, out->text_date, DATE_FROM_TEXT);
    return rc;
}

/* Clean lines, then fill title (if not set), date, source and body.
 * headline: the headline's index in lines, or (size_t)-1. */
static int finish(char **lines, size_t n, size_t headline, struct article *a,
                  struct lv_err *err)
{
    struct clean_input in = {lines, n, headline};
    struct clean_output out;
    int rc = clean_lines(&in, &out, &a->stats);

    if (rc == 0)
        rc = join_body(lines, n, out.keep, a);
    if (rc == 0)
        rc = pick_date(a, &out);
    if (rc < 0) {
        clean_output_release(&out);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (!a->source && out.source) {
        a->source = out.source;
        out.source = NULL;
    }
    if ((!a->title || !*a->title) && headline != (size_t)-1) {
        free(a->title);
        a->title = make_title(lines[headline], strlen(lines[headline]));
        if (!a->title) {
            clean_output_release(&out);
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
    }
    clean_output_release(&out);
    if (a->body_len == 0)
        return lv_err_set(err, LV_EINVAL,
                          "no article text left after "
                          "removing boilerplate");
    if (!a->title || !*a->title) {
        free(a->title);
        a->title = title_from_body(a->body);
    }
    return a->title ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

/* Split text into lines (in place: the pieces point into text). */
static char **split_lines(char *text, size_t len, size_t *n)
{
    size_t cap = 64, k = 0;
    char **v = malloc(cap * sizeof(*v)), *p = text, *end = text + len;

    if (!v)
        return NULL;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        size_t l = (size_t)(stop - p);
        const char *t;

        *stop = '\0';
        t = clean_trim(p, &l);
        ((char *)t)[l] = '\0';
        if (k == cap) {
            char **nv = realloc(v, cap * 2 * sizeof(*v));

            if (!nv) {
                free(v);
                return NULL;
            }
            v = nv;
            cap *= 2;
        }
        v[k++] = (char *)t;
        p = stop + 1;
    }
    *n = k;
    return v;
}

/* A text file: its header block gives what it gives (URL, title, source,
 * date), the headline is looked for below it, the rest is cleaned. */
static int finish_text(char **lines, size_t n, struct article *a,
                       struct lv_err *err)
{
    struct text_header h;
    size_t headline = (size_t)-1;
    int rc = text_header_read(lines, n, &h);

    if (rc < 0)
        return lv_err_set(err, rc, "out of memory");
    a->url = h.url;
    a->source = h.source;
    h.url = h.source = NULL;
    if (h.title) {
        a->title = make_title(h.title, strlen(h.title));
        if (!a->title)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    } else {
        headline = headline_pick(lines + h.lines, n - h.lines, NULL);
    }
    if (rc == 0 && set_date(a, h.date, DATE_FROM_PAGE) < 0)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = finish(lines + h.lines, n - h.lines, headline, a, err);
    text_header_release(&h);
    return rc;
}

int article_from_text(const char *bytes, size_t len, struct article *out,
                      struct lv_err *err)
{
    return article_from_text_hinted(bytes, len, NULL, out, err);
}

int article_from_text_hinted(const char *bytes, size_t len,
                             const struct article_hints *hints,
                             struct article *out, struct lv_err *err)
{
    char *text = NULL, **lines = NULL;
    size_t tlen = 0, n = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = prepare(bytes, len, 0, hints ? hints->charset : NULL, out, &text,
                 &tlen, err);
    if (rc < 0)
        return rc;
    lines = split_lines(text, tlen, &n);
    if (!lines)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    else
        rc = finish_text(lines, n, out, err);
    if (rc == 0)
        rc = apply_hints(out, hints, err);
    if (rc == 0)
        scrub_article(out);
    free(lines);
    free(text);
    return rc;
}

/* The site's name a <title> ends with ("标题_各区政协_深圳政协网" →
 * 深圳政协网) into *site (caller frees), or NULL for none.  0 or
 * LV_ENOMEM. */
static int title_site(const char *t, char **site_out)
{
    static const char *const seps[] = {"_",  " - ", " – ", " — ", "|",
                                       "－", "｜",  " -",  "- "};
    size_t len = strlen(t), i;
    const char *head = headline_trim(t, &len), *site = head + len, *last;

    *site_out = NULL;
    if (!*site)
        return 0;
    last = site;
    for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
        const char *p = site;

        while ((p = strstr(p, seps[i])) != NULL) {
            p += strlen(seps[i]);
            if (p > last)
                last = p;
        }
    }
    len = strlen(last);
    last = clean_trim(last, &len);
    if (!len || len > 60)
        return 0;
    *site_out = make_title(last, len);
    return *site_out ? 0 : LV_ENOMEM;
}

/* A title that is the site's, not the article's. */
static int is_site_title(const char *t)
{
    return !t || !*t || clean_is_site_name(t) || clean_is_nav(t);
}

/* The page title: the <h1> when the <title> contains it, else the
 * <title> without its site suffix, unless that is the site's own name
 * (then the headline is looked for in the text).  0 or LV_ENOMEM. */
static int page_title(struct html_page *p, struct article *a)
{
    const char *t = p->title_tag, *from = NULL;

    if (p->h1 && *p->h1 && (!t || strstr(t, p->h1)) && !is_site_title(p->h1))
        from = p->h1;
    else if (t && *t)
        from = t;
    else if (p->h1 && *p->h1)
        from = p->h1;
    if (!from)
        return 0;
    a->title = make_title(from, strlen(from));
    if (!a->title)
        return LV_ENOMEM;
    if (is_site_title(a->title)) {
        free(a->title);
        a->title = NULL;
    }
    return 0;
}

int article_from_html(const char *bytes, size_t len, struct article *out,
                      struct lv_err *err)
{
    return article_from_html_hinted(bytes, len, NULL, out, err);
}

/* What the page's head says: the site's name (*site, the source only
 * when no byline names one), the canonical URL and the date. */
static int page_meta(const struct html_page *page, struct article *out,
                     char **site, struct lv_err *err)
{
    char ymd[9];
    size_t at;

    if (page->meta_source && *page->meta_source) {
        *site = make_title(page->meta_source, strlen(page->meta_source));
        if (!*site)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
    } else if (page->title_tag && title_site(page->title_tag, site) < 0) {
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (page->canonical && *page->canonical
        && !(out->url = strdup(page->canonical)))
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    if (page->meta_date && clean_find_date(page->meta_date, &at, ymd)
        && set_date(out, ymd, DATE_FROM_PAGE) < 0)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    return 0;
}

/* The lines to clean into lines[] (room for every block), their number:
 * datelines before the main content (for date and source only: the
 * cleaner drops them), then the main content's blocks. */
static size_t content_lines(const struct html_page *page, char **lines)
{
    size_t i, n = 0;

    for (i = 0; i < page->nblocks; i++) {
        struct html_block *b = &page->blocks[i];
        size_t at;
        char ymd[9];

        if (b->in_main
            || (b->before_main && clean_chars(b->text, strlen(b->text)) <= 80
                && (clean_find_date(b->text, &at, ymd)
                    || strstr(b->text, "来源") || strstr(b->text, "來源"))))
            lines[n++] = b->text;
    }
    return n;
}

int article_from_html_hinted(const char *bytes, size_t len,
                             const struct article_hints *hints,
                             struct article *out, struct lv_err *err)
{
    struct html_page page = {0};
    char *text = NULL, **lines = NULL, *site = NULL;
    size_t tlen = 0, i, n = 0, headline = (size_t)-1;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = prepare(bytes, len, 1, hints ? hints->charset : NULL, out, &text,
                 &tlen, err);
    if (rc == 0)
        rc = html_parse(text, tlen, &page, err);
    free(text);
    if (rc < 0)
        goto out;
    rc = page_meta(&page, out, &site, err);
    if (rc < 0)
        goto out;
    lines = malloc((page.nblocks + 1) * sizeof(*lines));
    if (!lines) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    n = content_lines(&page, lines);
    if (page_title(&page, out) < 0) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    if (out->title) {
        /* The heading that repeats the title is not body text. */
        for (i = 0; i < n; i++)
            if (strcmp(lines[i], out->title) == 0)
                lines[i][0] = '\0';
    } else {
        headline = headline_pick(lines, n, page.title_tag);
    }
    rc = finish(lines, n, headline, out, err);
    if (rc == LV_EINVAL && n < page.nblocks) {
        /* Main-content detection chose wrongly: take every block. */
        free(out->body);
        out->body = NULL;
        out->body_len = 0;
        for (i = n = 0; i < page.nblocks; i++)
            lines[n++] = page.blocks[i].text;
        rc = finish(lines, n, (size_t)-1, out, err);
    }
    if (rc == 0 && !out->source && site) {
        out->source = site;
        site = NULL;
    }
    if (rc == 0)
        rc = apply_hints(out, hints, err);
    if (rc == 0)
        scrub_article(out);
out:
    free(site);
    free(lines);
    html_page_release(&page);
    return rc;
}

/* Replace a field with a stated value (trimmed; an empty one says
 * nothing).  0 or LV_ENOMEM. */
static int state_field(char **field, const char *value, int as_title)
{
    size_t len = value ? strlen(value) : 0;
    const char *t = value ? clean_trim(value, &len) : NULL;
    char *copy;

    if (!len)
        return 0;
    copy = as_title ? make_title(t, len) : strndup(t, len);
    if (!copy)
        return LV_ENOMEM;
    free(*field);
    *field = copy;
    return 0;
}

/* A stated date: YYYYMMDD as is, else any form clean_find_date reads. */
static int state_date(struct article *a, const char *value)
{
    char ymd[9];
    size_t at;

    if (!value)
        return 0;
    if (strlen(value) == 8 && strspn(value, "0123456789") == 8)
        memcpy(ymd, value, 9);
    else if (!clean_find_date(value, &at, ymd))
        return 0;
    free(a->date);
    a->date = NULL;
    return set_date(a, ymd, DATE_FROM_PAGE);
}

static int apply_hints(struct article *a, const struct article_hints *h,
                       struct lv_err *err)
{
    int rc = 0;

    if (!h)
        return 0;
    if (h->title && *h->title && (rc = state_field(&a->title, h->title, 1)) == 0
        && a->body) {
        /* The heading that repeats a stated title is not body text. */
        size_t tl = strlen(a->title);

        if (strncmp(a->body, a->title, tl) == 0
            && (a->body[tl] == '\n' || a->body[tl] == '\0')) {
            size_t skip = tl + (a->body[tl] == '\n');

            memmove(a->body, a->body + skip, a->body_len - skip + 1);
            a->body_len -= skip;
        }
    }
    if (rc == 0)
        rc = state_field(&a->source, h->source, 0);
    if (rc == 0)
        rc = state_field(&a->url, h->url, 0);
    if (rc == 0)
        rc = state_date(a, h->date);
    if (rc < 0)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    if (a->body_len == 0)
        return lv_err_set(err, LV_EINVAL, "no article text");
    return 0;
}

/* A report's 落款: a line near the end that is a date and little else
 * ("2024年12月18日", "二〇二四年…" is not read).  YYYYMMDD or "". */
static void closing_date(char **lines, size_t n, char ymd[9])
{
    size_t i, seen = 0;

    ymd[0] = '\0';
    for (i = n; i-- > 0 && seen < 6;) {
        size_t len = strlen(lines[i]), at, m;

        if (!len)
            continue;
        seen++;
        m = clean_find_date(lines[i], &at, ymd);
        if (m
            && clean_chars(lines[i], len) <= clean_chars(lines[i] + at, m) + 4)
            return;
        ymd[0] = '\0';
    }
}

/* A document's lines are its author's: none is site chrome, so all are
 * kept but the headline; the date is the first one in the text. */
static int finish_document(char **lines, size_t n, size_t headline,
                           struct article *a, struct lv_err *err)
{
    int *keep = calloc(n ? n : 1, sizeof(*keep));
    size_t i;
    int rc;

    if (!keep)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (i = 0; i < n; i++)
        keep[i] = i != headline;
    rc = join_body(lines, n, keep, a);
    free(keep);
    if (rc == 0 && headline != (size_t)-1) {
        a->title = make_title(lines[headline], strlen(lines[headline]));
        rc = a->title ? 0 : LV_ENOMEM;
    }
    if (rc == 0 && a->body_len) {
        char ymd[9];
        size_t at;

        if (clean_find_date(a->body, &at, ymd))
            rc = set_date(a, ymd, DATE_FROM_TEXT);
    }
    if (rc == 0 && a->body_len && (!a->title || !*a->title)) {
        free(a->title);
        a->title = title_from_body(a->body);
    }
    if (rc < 0 || (a->body_len && !a->title))
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    return a->body_len ? 0 : lv_err_set(err, LV_EINVAL, "no text");
}

int article_from_paragraphs(const char *text, size_t len,
                            const struct article_hints *hints,
                            struct article *out, struct lv_err *err)
{
    struct article_hints h = {0};
    char *copy = NULL, **lines = NULL, closing[9];
    size_t tlen = 0, n = 0, headline = (size_t)-1;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = prepare(text, len, 0, "UTF-8", out, &copy, &tlen, err);
    if (rc < 0)
        return rc;
    lines = split_lines(copy, tlen, &n);
    if (!lines) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    if (hints)
        h = *hints;
    closing_date(lines, n, closing);
    if (closing[0])
        h.date = closing;
    if (!h.title || !*h.title)
        headline = headline_pick(lines, n, NULL);
    rc = finish_document(lines, n, headline, out, err);
    if (rc == 0)
        rc = apply_hints(out, &h, err);
    if (rc == 0)
        scrub_article(out);
out:
    free(lines);
    free(copy);
    return rc;
}

const char *article_date_from_name(enum article_date_from from)
{
    switch (from) {
    case DATE_FROM_PAGE: return "page";
    case DATE_FROM_URL: return "url";
    case DATE_FROM_TEXT: return "text";
    case DATE_FROM_NONE: break;
    }
    return NULL;
}

void article_release(struct article *a)
{
    free(a->title);
    free(a->date);
    free(a->source);
    free(a->url);
    free(a->body);
    free(a->pages);
    memset(a, 0, sizeof(*a));
}
