/* pdf.c - read PDF reports through poppler-glib (see pdf.h). */
#include "pdf.h"

#include <poppler.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/grow.h"
#include "../common/buf.h"
#include "../text/utf8.h"
#include "clean.h"

/* poppler keeps global state (fonts, character maps) that its documents
 * share; reading one PDF at a time keeps that safe. */
static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

/* A line shorter than this share of the page's longest ends a paragraph. */
#define SHORT_LINE 0.8

struct line {
    char *text; /* trimmed UTF-8, owned by the page's text */
    size_t chars;
    int page;
    int indent; /* began with spaces: a paragraph's first line */
    int drop;   /* furniture or title */
};

struct lines {
    struct line *v;
    size_t n, cap;
};

static int push_line(struct lines *ls, char *text, int indent, int page)
{
    struct line *v = grow_one(ls->v, ls->n, &ls->cap, sizeof(*v), 256);

    if (!v)
        return LV_ENOMEM;
    ls->v = v;
    ls->v[ls->n].text = text;
    ls->v[ls->n].chars = g_utf8_strlen(text, -1);
    ls->v[ls->n].page = page;
    ls->v[ls->n].indent = indent;
    ls->v[ls->n].drop = 0;
    ls->n++;
    return 0;
}

/* The cleaner's white space (clean_trim) cut off, in place. */
static char *trim(char *s)
{
    size_t len = strlen(s);
    char *t = (char *)clean_trim(s, &len);

    t[len] = '\0';
    return t;
}

/* The shape of a line for spotting repeats: digits as '#', spaces and
 * dashes dropped, at most n-1 bytes. */
static void shape(const char *s, char *out, size_t n)
{
    size_t k = 0;

    while (*s && k + 4 < n) {
        unsigned char c = (unsigned char)*s;

        if (c >= '0' && c <= '9') {
            if (!k || out[k - 1] != '#')
                out[k++] = '#';
            s++;
        } else if (c == ' ' || c == '-' || c == '\t') {
            s++;
        } else if (strncmp(s, "\xE2\x80\x94", 3) == 0    /* — */
                   || strncmp(s, "\xE2\x80\x93", 3) == 0 /* – */
                   || strncmp(s, "\xEF\xBC\x8D", 3) == 0 /* － */
                   || strncmp(s, "\xE3\x80\x80", 3) == 0) {
            s += 3;
        } else {
            out[k++] = *s++;
        }
    }
    out[k] = '\0';
}

/* A page number standing alone: 3, - 3 -, —3—, 第3页, 第 3 页 共 9 页,
 * 3/9, Page 3, Page 3 of 9. */
static int is_page_number(const char *s)
{
    static const char *const forms[] = {
        "#",        "第#页",       "第#页共#页", "#/#", "Page#", "page#",
        "Page#of#", "第#页/共#页", "共#页第#页", "(#)", "（#）",
    };
    char sh[64];
    size_t i;

    shape(s, sh, sizeof(sh));
    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
        if (strcmp(sh, forms[i]) == 0)
            return 1;
    return 0;
}

/* Running headers and footers: a shape among the first or last two lines
 * of most pages.  Page numbers anywhere at a page's edge go too. */
static void drop_furniture(struct lines *ls, int npages)
{
    size_t i, k;

    for (i = 0; i < ls->n; i++) {
        struct line *l = &ls->v[i];
        int edge = (i < 2 || ls->v[i - 1].page != l->page
                    || ls->v[i - 2].page != l->page)
                   || (i + 2 >= ls->n || ls->v[i + 1].page != l->page
                       || ls->v[i + 2].page != l->page);
        char sh[256];
        int pages = 0, last = -1;

        if (!edge)
            continue;
        if (is_page_number(l->text)) {
            l->drop = 1;
            continue;
        }
        if (npages < 2)
            continue;
        shape(l->text, sh, sizeof(sh));
        for (k = 0; k < ls->n; k++) {
            char other[256];

            if (ls->v[k].page == last)
                continue;
            shape(ls->v[k].text, other, sizeof(other));
            if (strcmp(sh, other) == 0) {
                pages++;
                last = ls->v[k].page;
            }
        }
        if (pages >= 2 && pages * 5 >= npages * 3)
            l->drop = 1;
    }
}

/* The text of page one's largest type, when it is larger than the body's
 * (the most common size): the title.  Its lines are marked dropped. */
static char *largest_type(PopplerPage *page, const char *text, struct lines *ls)
{
    GList *attrs = poppler_page_get_text_attributes(page), *it;
    double best = 0, common = 0, sizes[64] = {0};
    long counts[64] = {0}, most;
    struct buf t = BUF_INIT;
    size_t nsizes = 0, i;
    glong total = g_utf8_strlen(text, -1);

    for (it = attrs; it; it = it->next) {
        PopplerTextAttributes *a = it->data;
        long n = a->end_index - a->start_index + 1;

        if (a->font_size > best)
            best = a->font_size;
        for (i = 0; i < nsizes && sizes[i] != a->font_size; i++)
            ;
        if (i == nsizes && nsizes < 64)
            sizes[nsizes++] = a->font_size;
        if (i < nsizes)
            counts[i] += n;
    }
    for (i = 0, most = 0; i < nsizes; i++)
        if (counts[i] > most) {
            most = counts[i];
            common = sizes[i];
        }
    if (best <= common * 1.15)
        goto out;
    for (it = attrs; it; it = it->next) {
        PopplerTextAttributes *a = it->data;
        const char *from, *to;

        if (a->font_size != best || a->start_index < 0
            || a->start_index >= total)
            continue;
        from = g_utf8_offset_to_pointer(text, a->start_index);
        to = g_utf8_offset_to_pointer(
            text, a->end_index < total ? a->end_index + 1 : total);
        for (; from < to; from++)
            if (*from != '\n' && buf_addch(&t, *from) < 0)
                goto out;
        if (t.len > 400)
            break;
    }
out:
    poppler_page_free_text_attributes(attrs);
    if (t.len) {
        char *title = trim(t.data);
        struct buf joined = BUF_INIT;

        /* Mark the page's lines the title is made of. */
        for (i = 0; i < ls->n && ls->v[i].page == 0; i++)
            if (*ls->v[i].text && strstr(title, ls->v[i].text))
                ls->v[i].drop = 1;
        if (buf_addstr(&joined, title) < 0) {
            buf_release(&t);
            return NULL;
        }
        buf_release(&t);
        return buf_take(&joined, NULL);
    }
    buf_release(&t);
    return NULL;
}

/* 1 if the character ending a and the one starting b are such that no
 * space belongs between them (Han text, full-width punctuation). */
static int joins_tight(const char *a, size_t alen, const char *b)
{
    const unsigned char *ea = (const unsigned char *)a + alen;

    if (!alen || !*b)
        return 1;
    /* Multi-byte on either side: CJK text joins without a space. */
    return ea[-1] >= 0x80 || (unsigned char)*b >= 0x80 || ea[-1] == '-';
}

/* 1 if s ends a sentence (。！？ or their ASCII forms, maybe quoted). */
static int ends_sentence(const char *s, size_t len)
{
    static const char *const ends[] = {"。",  "！", "？", "。”", "！”",
                                       "？”", ".",  "!",  "?",   "："};
    size_t i;

    for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        size_t el = strlen(ends[i]);

        if (len >= el && memcmp(s + len - el, ends[i], el) == 0)
            return 1;
    }
    return 0;
}

/*
 * Lines into paragraphs, one per output line.  A paragraph ends at a
 * line clearly shorter than the page's longest, or one a character
 * short that ends a sentence; an indented line starts one.
 */
static int paragraphs(const struct lines *ls, struct buf *out)
{
    size_t i, longest = 0, para_start = out->len;
    int page = -1;

    for (i = 0; i < ls->n; i++) {
        const struct line *l = &ls->v[i];
        size_t k;

        if (l->page != page) {
            page = l->page;
            longest = 0;
            for (k = i; k < ls->n && ls->v[k].page == page; k++)
                if (!ls->v[k].drop && ls->v[k].chars > longest)
                    longest = ls->v[k].chars;
        }
        if (l->drop || !*l->text)
            continue;
        if (l->indent && out->len > para_start) {
            if (buf_addch(out, '\n') < 0)
                return LV_ENOMEM;
            para_start = out->len;
        }
        if (out->len > para_start
            && !joins_tight(out->data + para_start, out->len - para_start,
                            l->text)
            && buf_addch(out, ' ') < 0)
            return LV_ENOMEM;
        if (buf_addstr(out, l->text) < 0)
            return LV_ENOMEM;
        if ((double)l->chars < SHORT_LINE * (double)longest
            || (l->chars + 1 < longest
                && ends_sentence(l->text, strlen(l->text)))
            || i + 1 == ls->n) {
            if (buf_addch(out, '\n') < 0)
                return LV_ENOMEM;
            para_start = out->len;
        }
    }
    return 0;
}

/*
 * Where pages 2, 3 ... start in the article's body: each page's first
 * line kept, found in order (up to 24 bytes of it: the body holds the
 * line as read).  A page whose line is not found is left out.
 */
static int page_starts(const struct lines *ls, const struct article *a,
                       char **out)
{
    struct buf b = BUF_INIT;
    const char *from = a->body;
    int page = 0;
    size_t i;

    for (i = 0; i < ls->n && a->body; i++) {
        const struct line *l = &ls->v[i];
        char probe[32];
        size_t n = strlen(l->text);
        const char *hit;

        if (l->page == page || l->drop || !n)
            continue;
        page = l->page;
        if (n > 24) {
            n = 24;
            while (n && ((unsigned char)l->text[n] & 0xC0) == 0x80)
                n--;
        }
        memcpy(probe, l->text, n);
        probe[n] = '\0';
        hit = strstr(from, probe);
        if (!hit)
            continue;
        if (buf_printf(&b, "%s%zu", b.len ? "," : "", (size_t)(hit - a->body))
            < 0) {
            buf_release(&b);
            return LV_ENOMEM;
        }
        from = hit;
    }
    *out = b.len ? buf_take(&b, NULL) : NULL;
    buf_release(&b);
    return 0;
}

/* "Microsoft Word - 报告.docx" and file names are not titles. */
static char *meta_title(PopplerDocument *doc)
{
    gchar *t = poppler_document_get_title(doc);
    char *out = NULL, *s;
    size_t n;

    if (!t)
        return NULL;
    s = trim(t);
    if (strncmp(s, "Microsoft Word - ", 17) == 0)
        s += 17;
    n = strlen(s);
    if (n > 5
        && (strcmp(s + n - 5, ".docx") == 0 || strcmp(s + n - 4, ".doc") == 0
            || strcmp(s + n - 4, ".wps") == 0
            || strcmp(s + n - 4, ".pdf") == 0))
        *strrchr(s, '.') = '\0';
    if (*s && utf8_valid(s, strlen(s)))
        out = strdup(s);
    g_free(t);
    return out;
}

static void meta_date(PopplerDocument *doc, char ymd[9])
{
    time_t t = poppler_document_get_creation_date(doc);
    struct tm tm;

    ymd[0] = '\0';
    if (t > 0 && gmtime_r(&t, &tm) && tm.tm_year + 1900 >= 1990
        && tm.tm_year + 1900 <= 2100)
        snprintf(ymd, 9, "%04u%02u%02u", (unsigned)(tm.tm_year + 1900) % 10000,
                 (unsigned)(tm.tm_mon + 1) % 100, (unsigned)tm.tm_mday % 100);
}

static int open_doc(const char *bytes, size_t len, PopplerDocument **out,
                    struct lv_err *err)
{
    GBytes *b = g_bytes_new_static(bytes, len);
    GError *ge = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(b, NULL, &ge);
    int rc = 0;

    g_bytes_unref(b);
    if (!doc) {
        if (ge && ge->domain == POPPLER_ERROR
            && ge->code == POPPLER_ERROR_ENCRYPTED)
            rc = lv_err_set(err, LV_EINVAL,
                            "encrypted PDF (it needs a "
                            "password)");
        else
            rc = lv_err_set(err, LV_EINVAL, "broken PDF: %s",
                            ge && ge->message ? ge->message : "unreadable");
        if (ge)
            g_error_free(ge);
        return rc;
    }
    *out = doc;
    return 0;
}

/*
 * The text of the first nread pages into pages[] (each cut into lines in
 * place) and their lines into ls; *title the first page's largest type,
 * if any.  0 or LV_ENOMEM.
 */
static int read_pages(PopplerDocument *doc, int nread, gchar **pages,
                      struct lines *ls, char **title)
{
    int p, rc = 0;

    for (p = 0; p < nread && rc == 0; p++) {
        PopplerPage *page = poppler_document_get_page(doc, p);
        char *s, *nl;

        if (!page)
            continue;
        pages[p] = poppler_page_get_text(page);
        for (s = pages[p]; s && *s && rc == 0;
             s = nl ? nl + 1 : s + strlen(s)) {
            nl = strchr(s, '\n');
            if (nl)
                *nl = '\0';
            if (utf8_valid(s, strlen(s)))
                rc = push_line(ls, trim(s),
                               strncmp(s, "\xE3\x80\x80", 3) == 0
                                   || strncmp(s, "  ", 2) == 0,
                               p);
        }
        if (rc == 0 && p == 0 && pages[0]) {
            /* get_text again: the lines above were cut in place. */
            gchar *full = poppler_page_get_text(page);

            if (full)
                *title = largest_type(page, full, ls);
            g_free(full);
        }
        g_object_unref(page);
    }
    return rc;
}

int pdf_read(const char *bytes, size_t len, struct article *out, char **note,
             struct lv_err *err)
{
    PopplerDocument *doc = NULL;
    struct lines ls = {0};
    struct buf text = BUF_INIT;
    gchar **pages = NULL;
    char *title = NULL, date[9];
    struct article_hints h = {0};
    int npages = 0, nread = 0, p = 0, rc;

    memset(out, 0, sizeof(*out));
    if (len < 5 || memcmp(bytes, "%PDF", 4) != 0)
        return lv_err_set(err, LV_EINVAL, "not a PDF file");
    pthread_mutex_lock(&poppler_lock);
    rc = open_doc(bytes, len, &doc, err);
    if (rc < 0)
        goto out;
    npages = poppler_document_get_n_pages(doc);
    nread = npages > PDF_MAX_PAGES ? PDF_MAX_PAGES : npages;
    pages = calloc((size_t)(nread > 0 ? nread : 1), sizeof(*pages));
    if (!pages) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    if (read_pages(doc, nread, pages, &ls, &title) < 0) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    drop_furniture(&ls, nread);
    if (paragraphs(&ls, &text) < 0) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    if (text.len == 0) {
        rc = lv_err_set(err, LV_EINVAL,
                        "no text (scanned?): the PDF has "
                        "no text layer to read");
        goto out;
    }
    if (!title)
        title = meta_title(doc);
    meta_date(doc, date);
    h.title = title;
    h.date = date[0] ? date : NULL;
    if (npages > nread) {
        struct buf b = BUF_INIT;

        if (buf_printf(&b, "only the first %d of %d pages were read", nread,
                       npages)
            == 0)
            *note = buf_take(&b, NULL);
    }
    pthread_mutex_unlock(&poppler_lock);
    rc = article_from_paragraphs(text.data, text.len, &h, out, err);
    if (rc == 0 && nread > 1 && page_starts(&ls, out, &out->pages) < 0)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    pthread_mutex_lock(&poppler_lock);
out:
    for (p = 0; pages && p < nread; p++)
        g_free(pages[p]);
    free(pages);
    if (doc)
        g_object_unref(doc);
    pthread_mutex_unlock(&poppler_lock);
    free(ls.v);
    free(title);
    buf_release(&text);
    return rc;
}
