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
#include "html.h"

#define MAX_BODY (8u << 20)   /* bytes of article text kept at most */
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
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE)
                     || (b[0] == 0xFE && b[1] == 0xFF)))
        return 0;
    for (i = 0; i < n; i++)
        if (b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' && b[i] != '\r'
            && b[i] != '\f' && b[i] != 0x1B)
            ctl++;
    if (ctl * 20 > n)
        return lv_err_set(err, LV_EINVAL,
                          "binary data, not text (%zu control bytes in "
                          "the first %zu)", ctl, n);
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
                   struct article *a, char **text, size_t *tlen,
                   struct lv_err *err)
{
    struct decoded d;
    size_t n;
    int rc = check_text(bytes, len, err);

    if (rc < 0)
        return rc;
    rc = decode_to_utf8(bytes, len, is_html, &d, err);
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

/* Title cut to ARTICLE_MAX_TITLE bytes at a character boundary. */
static char *make_title(const char *s, size_t len)
{
    struct buf b = BUF_INIT;
    const char *t = clean_trim(s, &len);

    if (len > ARTICLE_MAX_TITLE) {
        buf_add(&b, t, utf8_cut(t, len, ARTICLE_MAX_TITLE - 3));
        buf_addstr(&b, "…");
    } else {
        buf_add(&b, t, len);
    }
    return buf_take(&b, NULL);
}

/* No title line: the body's first sentence, or its first 40 characters. */
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

/* Join the kept lines into the body. */
static int join_body(char **lines, size_t n, const int *keep,
                     struct article *a)
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
            break;   /* a real article is far shorter; keep what fits */
        if ((b.len && buf_addch(&b, '\n') < 0) || buf_add(&b, t, len) < 0) {
            buf_release(&b);
            return LV_ENOMEM;
        }
    }
    a->body = buf_take(&b, &a->body_len);
    return a->body ? 0 : LV_ENOMEM;
}

/* Clean lines, then fill title (if not set), date, source and body. */
static int finish(char **lines, size_t n, int plain, struct article *a,
                  struct lv_err *err)
{
    struct clean_input in = { lines, n, plain };
    struct clean_output out;
    int rc = clean_lines(&in, &out, &a->stats);

    if (rc == 0)
        rc = join_body(lines, n, out.keep, a);
    if (rc < 0) {
        clean_output_release(&out);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    if (!a->date && out.date[0])
        a->date = strdup(out.date);
    if (!a->source && out.source) {
        a->source = out.source;
        out.source = NULL;
    }
    if ((!a->title || !*a->title) && out.title_line != (size_t)-1) {
        free(a->title);
        a->title = make_title(lines[out.title_line],
                              strlen(lines[out.title_line]));
    }
    clean_output_release(&out);
    if (a->body_len == 0)
        return lv_err_set(err, LV_EINVAL, "no article text left after "
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

int article_from_text(const char *bytes, size_t len, struct article *out,
                      struct lv_err *err)
{
    char *text = NULL, **lines = NULL;
    size_t tlen = 0, n = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = prepare(bytes, len, 0, out, &text, &tlen, err);
    if (rc < 0)
        return rc;
    lines = split_lines(text, tlen, &n);
    if (!lines)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    else
        rc = finish(lines, n, 1, out, err);
    if (rc == 0)
        scrub_article(out);
    free(lines);
    free(text);
    return rc;
}

/* The page title: the <h1> when the <title> contains it, else the
 * <title> without its " - site" suffix (the suffix is the source). */
static void page_title(struct html_page *p, struct article *a)
{
    static const char *const seps[] = { " - ", " – ", " — ", "_", " | ",
                                        "－", "｜" };
    const char *t = p->title_tag, *cut = NULL;
    size_t i;

    if (p->h1 && *p->h1 && (!t || strstr(t, p->h1))) {
        a->title = make_title(p->h1, strlen(p->h1));
    }
    if (!t || !*t) {
        if (!a->title && p->h1 && *p->h1)
            a->title = make_title(p->h1, strlen(p->h1));
        return;
    }
    for (i = 0; i < sizeof(seps) / sizeof(seps[0]) && !cut; i++) {
        const char *s = strstr(t, seps[i]);

        /* the last occurrence: "A - B - site" keeps "A - B" */
        while (s) {
            const char *next = strstr(s + 1, seps[i]);

            cut = s;
            if (!next)
                break;
            s = next;
        }
        if (cut) {
            const char *site = cut + strlen(seps[i]);
            size_t slen = strlen(site);

            if (!a->source && slen && slen <= 60)
                a->source = make_title(site, slen);
        }
    }
    if (!a->title)
        a->title = make_title(t, cut ? (size_t)(cut - t) : strlen(t));
}

int article_from_html(const char *bytes, size_t len, struct article *out,
                      struct lv_err *err)
{
    struct html_page page = { 0 };
    char *text = NULL, **lines = NULL;
    size_t tlen = 0, i, n = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = prepare(bytes, len, 1, out, &text, &tlen, err);
    if (rc == 0)
        rc = html_parse(text, tlen, &page, err);
    free(text);
    if (rc < 0)
        goto out;
    if (page.meta_source && *page.meta_source)
        out->source = make_title(page.meta_source, strlen(page.meta_source));
    if (page.canonical && *page.canonical)
        out->url = strdup(page.canonical);
    if (page.meta_date) {
        char ymd[9];
        size_t at;

        if (clean_find_date(page.meta_date, &at, ymd))
            out->date = strdup(ymd);
    }
    /* Lines: datelines before the main content (for date and source
     * only: the cleaner drops them), then the main content's blocks. */
    lines = malloc((page.nblocks + 1) * sizeof(*lines));
    if (!lines) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    for (i = 0; i < page.nblocks; i++) {
        struct html_block *b = &page.blocks[i];
        size_t at;
        char ymd[9];

        if (b->in_main
            || (b->before_main && clean_chars(b->text, strlen(b->text)) <= 80
                && (clean_find_date(b->text, &at, ymd)
                    || strstr(b->text, "来源") || strstr(b->text, "來源"))))
            lines[n++] = b->text;
    }
    /* The heading that repeats the title is not body text. */
    page_title(&page, out);
    if (out->title)
        for (i = 0; i < n; i++)
            if (strcmp(lines[i], out->title) == 0)
                lines[i][0] = '\0';
    rc = finish(lines, n, 0, out, err);
    if (rc == LV_EINVAL && n < page.nblocks) {
        /* Main-content detection chose wrongly: take every block. */
        free(out->body);
        out->body = NULL;
        out->body_len = 0;
        for (i = n = 0; i < page.nblocks; i++)
            lines[n++] = page.blocks[i].text;
        rc = finish(lines, n, 0, out, err);
    }
    if (rc == 0)
        scrub_article(out);
out:
    free(lines);
    html_page_release(&page);
    return rc;
}

static int looks_like_html(const char *bytes, size_t len)
{
    size_t n = len < 1024 ? len : 1024, i;

    for (i = 0; i + 5 <= n; i++)
        if (bytes[i] == '<'
            && (strncasecmp(bytes + i + 1, "html", 4) == 0
                || strncasecmp(bytes + i + 1, "!doc", 4) == 0
                || strncasecmp(bytes + i + 1, "head", 4) == 0
                || strncasecmp(bytes + i + 1, "body", 4) == 0
                || strncasecmp(bytes + i + 1, "meta", 4) == 0))
            return 1;
    return 0;
}

int article_parse(const char *bytes, size_t len, const char *path_hint,
                  struct article *out, struct lv_err *err)
{
    const char *dot = path_hint ? strrchr(path_hint, '.') : NULL;

    if ((dot && strncasecmp(dot, ".htm", 4) == 0)
        || looks_like_html(bytes, len))
        return article_from_html(bytes, len, out, err);
    return article_from_text(bytes, len, out, err);
}

void article_release(struct article *a)
{
    free(a->title);
    free(a->date);
    free(a->source);
    free(a->url);
    free(a->body);
    memset(a, 0, sizeof(*a));
}
