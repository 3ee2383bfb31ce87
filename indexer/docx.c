/* docx.c - read Word documents (see docx.h). */
#include "docx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "../common/buf.h"
#include "clean.h"

/* Paragraphs looked at for a heading that is the title. */
#define TITLE_WITHIN 12
#define MAX_STYLES 512

/* One part of the zip into *out, at most DOCX_MAX_PART bytes.  0, 1 when
 * the part is absent, LV_EINVAL with the reason, LV_ENOMEM. */
static int read_part(zip_t *za, const char *name, struct buf *out,
                     struct lv_err *err)
{
    zip_int64_t idx = zip_name_locate(za, name, 0);
    zip_file_t *f;
    zip_stat_t st;
    char chunk[65536];
    zip_int64_t n;

    if (idx < 0)
        return 1;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0
        && (st.valid & ZIP_STAT_SIZE) && st.size > DOCX_MAX_PART)
        return lv_err_set(err, LV_EINVAL,
                          "%s is over %u MB uncompressed "
                          "(a zip bomb?)",
                          name, DOCX_MAX_PART >> 20);
    f = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!f) {
        zip_error_t *ze = zip_get_error(za);

        return lv_err_set(err, LV_EINVAL, "cannot read %s: %s", name,
                          zip_error_code_zip(ze) == ZIP_ER_NOPASSWD
                              ? "encrypted document (it needs a password)"
                              : zip_error_strerror(ze));
    }
    while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
        /* The stated size may lie: the cap holds on what is inflated. */
        if (out->len + (size_t)n > DOCX_MAX_PART) {
            zip_fclose(f);
            return lv_err_set(err, LV_EINVAL,
                              "%s is over %u MB "
                              "uncompressed (a zip bomb?)",
                              name, DOCX_MAX_PART >> 20);
        }
        if (buf_add(out, chunk, (size_t)n) < 0) {
            zip_fclose(f);
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        }
    }
    if (n < 0) {
        int rc = lv_err_set(err, LV_EINVAL, "cannot read %s: %s", name,
                            zip_error_strerror(zip_file_get_error(f)));

        zip_fclose(f);
        return rc;
    }
    zip_fclose(f);
    return 0;
}

static xmlDocPtr parse_xml(const struct buf *b)
{
    return xmlReadMemory(b->data ? b->data : "", (int)b->len, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR
                             | XML_PARSE_NOWARNING);
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE
           && strcmp((const char *)n->name, name) == 0;
}

/* An attribute by local name (w:val and friends). */
static char *attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;

    for (a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return (char *)xmlNodeGetContent((const xmlNode *)a);
    return NULL;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (n = n ? n->children : NULL; n; n = n->next)
        if (is(n, name))
            return n;
    return NULL;
}

/* Style ids whose names say heading or title ("heading 1", "Title",
 * "标题 1"; Chinese Word names its ids "1", "2"...). */
struct styles {
    char *ids[MAX_STYLES];
    size_t n;
};

static void read_styles(xmlDocPtr doc, struct styles *st)
{
    const xmlNode *n = doc ? xmlDocGetRootElement(doc) : NULL;

    for (n = n ? n->children : NULL; n && st->n < MAX_STYLES; n = n->next) {
        const xmlNode *nm = is(n, "style") ? child(n, "name") : NULL;
        char *name = nm ? attr(nm, "val") : NULL, *id;

        if (name
            && (strncasecmp(name, "heading", 7) == 0
                || strcasecmp(name, "title") == 0
                || strncmp(name, "标题", strlen("标题")) == 0)
            && (id = attr(n, "styleId")) != NULL)
            st->ids[st->n++] = id;
        xmlFree(name);
    }
}

static int is_heading(const xmlNode *p, const struct styles *st)
{
    const xmlNode *ppr = child(p, "pPr");
    const xmlNode *ps = child(ppr, "pStyle");
    char *id = ps ? attr(ps, "val") : NULL;
    size_t i;
    int yes = 0;

    for (i = 0; id && i < st->n && !yes; i++)
        yes = strcmp(id, st->ids[i]) == 0;
    xmlFree(id);
    return yes || child(ppr, "outlineLvl") != NULL;
}

struct walk {
    struct buf text;
    const struct styles *st;
    char *title;
    size_t paras;
};

/* The text of a paragraph's runs (deleted text and field codes left
 * out; breaks become new lines). */
static int run_text(const xmlNode *n, struct buf *out)
{
    for (; n; n = n->next) {
        int rc = 0;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is(n, "t")) {
            xmlChar *c = xmlNodeGetContent(n);

            rc = c ? buf_addstr(out, (const char *)c) : 0;
            xmlFree(c);
        } else if (is(n, "tab")) {
            rc = buf_addch(out, ' ');
        } else if (is(n, "br") || is(n, "cr")) {
            rc = buf_addch(out, '\n');
        } else if (!is(n, "del") && !is(n, "delText") && !is(n, "instrText")
                   && !is(n, "pPr") && !is(n, "rPr")) {
            rc = run_text(n->children, out);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int add_paragraph(struct walk *w, const xmlNode *p)
{
    struct buf t = BUF_INIT;
    size_t len;
    const char *s;
    int rc = run_text(p->children, &t);

    len = t.len;
    s = t.data ? clean_trim(t.data, &len) : "";
    if (rc == 0 && len) {
        w->paras++;
        if (!w->title && w->paras <= TITLE_WITHIN && is_heading(p, w->st)
            && !memchr(s, '\n', len)) {
            w->title = strndup(s, len);
            rc = w->title ? 0 : LV_ENOMEM;
        } else {
            rc = buf_add(&w->text, s, len);
            if (rc == 0)
                rc = buf_addch(&w->text, '\n');
        }
    }
    buf_release(&t);
    return rc;
}

/* A table row per line, its cells apart. */
static int add_table(struct walk *w, const xmlNode *tbl)
{
    const xmlNode *tr, *tc;

    for (tr = tbl->children; tr; tr = tr->next) {
        int cells = 0;

        if (!is(tr, "tr"))
            continue;
        for (tc = tr->children; tc; tc = tc->next) {
            struct buf cell = BUF_INIT;
            size_t len;
            const char *s;
            char *nl;
            int rc;

            if (!is(tc, "tc"))
                continue;
            rc = run_text(tc->children, &cell);
            for (nl = cell.data; nl && (nl = strchr(nl, '\n')) != NULL;)
                *nl = ' ';
            len = cell.len;
            s = cell.data ? clean_trim(cell.data, &len) : "";
            if (rc == 0 && len && cells++)
                rc = buf_addstr(&w->text, " | ");
            if (rc == 0 && len)
                rc = buf_add(&w->text, s, len);
            buf_release(&cell);
            if (rc < 0)
                return rc;
        }
        if (cells && buf_addch(&w->text, '\n') < 0)
            return LV_ENOMEM;
    }
    return 0;
}

static int walk_body(struct walk *w, const xmlNode *n, int depth)
{
    int rc = 0;

    for (; n && rc == 0; n = n->next) {
        if (is(n, "p"))
            rc = add_paragraph(w, n);
        else if (is(n, "tbl"))
            rc = add_table(w, n);
        else if (n->type == XML_ELEMENT_NODE && depth < 32 && !is(n, "sectPr"))
            rc = walk_body(w, n->children, depth + 1); /* w:sdt, ... */
    }
    return rc;
}

/* dc:title and dcterms:created of docProps/core.xml. */
static void core_props(xmlDocPtr doc, char **title, char **created)
{
    const xmlNode *n = doc ? xmlDocGetRootElement(doc) : NULL;

    for (n = n ? n->children : NULL; n; n = n->next) {
        if (is(n, "title") && !*title)
            *title = (char *)xmlNodeGetContent(n);
        else if (is(n, "created") && !*created)
            *created = (char *)xmlNodeGetContent(n);
    }
}

static int open_zip(const char *bytes, size_t len, zip_t **out,
                    struct lv_err *err)
{
    zip_error_t ze;
    zip_source_t *src;

    zip_error_init(&ze);
    src = zip_source_buffer_create(bytes, len, 0, &ze);
    if (src)
        *out = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!src || !*out) {
        int rc = lv_err_set(err, LV_EINVAL, "broken Word file: %s",
                            zip_error_strerror(&ze));

        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    return 0;
}

int docx_read(const char *bytes, size_t len, struct article *out,
              struct lv_err *err)
{
    struct buf part = BUF_INIT;
    struct styles st = {{0}, 0};
    struct walk w = {BUF_INIT, &st, NULL, 0};
    struct article_hints h = {0};
    zip_t *za = NULL;
    xmlDocPtr doc = NULL;
    char *core_title = NULL, *created = NULL;
    const xmlNode *body;
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = open_zip(bytes, len, &za, err);
    if (rc < 0)
        return rc;
    if ((rc = read_part(za, "word/styles.xml", &part, err)) == 0) {
        doc = parse_xml(&part);
        read_styles(doc, &st);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    buf_reset(&part);
    if (rc >= 0 && (rc = read_part(za, "docProps/core.xml", &part, err)) == 0) {
        doc = parse_xml(&part);
        core_props(doc, &core_title, &created);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    buf_reset(&part);
    if (rc >= 0)
        rc = read_part(za, "word/document.xml", &part, err);
    if (rc == 1)
        rc = lv_err_set(err, LV_EINVAL,
                        "not a Word document (no "
                        "word/document.xml)");
    if (rc < 0)
        goto out;
    doc = parse_xml(&part);
    body = doc ? child(xmlDocGetRootElement(doc), "body") : NULL;
    if (!body) {
        rc = lv_err_set(err, LV_EINVAL,
                        "broken Word file: its document "
                        "part is not readable XML");
        goto out;
    }
    if (walk_body(&w, body->children, 0) < 0) {
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
        goto out;
    }
    if (w.text.len == 0) {
        rc = lv_err_set(err, LV_EINVAL, "no text in the document");
        goto out;
    }
    h.title = w.title ? w.title : core_title;
    h.date = created;
    rc = article_from_paragraphs(w.text.data, w.text.len, &h, out, err);
out:
    xmlFreeDoc(doc);
    zip_discard(za);
    for (i = 0; i < st.n; i++)
        xmlFree(st.ids[i]);
    xmlFree(core_title);
    xmlFree(created);
    free(w.title);
    buf_release(&w.text);
    buf_release(&part);
    return rc;
}
