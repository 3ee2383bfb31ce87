/* wordml.c - a Word document written by lvzhi (see wordml.h). */
#include "wordml.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "output.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R                                                                   \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

struct wordml {
    struct buf part[2]; /* WORDML_FRONT, WORDML_MAIN */
    unsigned nbookmarks;
    enum wordml_part at;
};

/* Style ids, one per enum wordml_style. */
static const char *const style_ids[] = {
    [WORDML_TITLE] = "Title",        [WORDML_HEADING] = "Heading1",
    [WORDML_SECTION] = "TOCHeading", [WORDML_BODY] = "Normal",
    [WORDML_FACTS] = "Facts",        [WORDML_TOC] = "TOC1",
};

static const char styles_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
    "w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"360\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name "
    "w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:jc w:val=\"center\"/><w:spacing w:before=\"480\" "
    "w:after=\"360\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" "
    "w:hAnsi=\"Arial\" w:eastAsia=\"黑体\"/><w:b/><w:sz w:val=\"40\"/>"
    "<w:szCs w:val=\"40\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
    "<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>"
    "</w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
    "w:eastAsia=\"黑体\"/><w:b/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>"
    "</w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\">"
    "<w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing "
    "w:before=\"360\" w:after=\"120\"/></w:pPr><w:rPr><w:rFonts "
    "w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"黑体\"/><w:b/>"
    "<w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Facts\">"
    "<w:name w:val=\"Facts\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
    "<w:keepNext/><w:spacing w:after=\"60\"/></w:pPr><w:rPr>"
    "<w:color w:val=\"595959\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>"
    "</w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/></w:pPr>"
    "</w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Hyperlink\">"
    "<w:name w:val=\"Hyperlink\"/><w:rPr><w:color w:val=\"0563C1\"/>"
    "<w:u w:val=\"single\"/></w:rPr></w:style>"
    "</w:styles>\n";

static const char content_types_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char package_rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

struct wordml *wordml_new(void)
{
    struct wordml *w = calloc(1, sizeof(*w));

    if (w)
        w->at = WORDML_MAIN;
    return w;
}

void wordml_free(struct wordml *w)
{
    if (!w)
        return;
    buf_release(&w->part[0]);
    buf_release(&w->part[1]);
    free(w);
}

void wordml_select(struct wordml *w, enum wordml_part part)
{
    w->at = part;
}

size_t wordml_size(const struct wordml *w)
{
    return w->part[0].len + w->part[1].len;
}

static void xml(struct buf *out, const char *s)
{
    if (s)
        output_xml_escape(out, s, strlen(s));
}

/* Runs of text: a line break inside becomes <w:br/>. */
static void runs(struct buf *out, const char *text, int link)
{
    const char *p = text ? text : "";

    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        buf_addstr(out, link ? "<w:r><w:rPr><w:rStyle w:val=\"Hyperlink\""
                               "/></w:rPr><w:t xml:space=\"preserve\">"
                             : "<w:r><w:t xml:space=\"preserve\">");
        output_xml_escape(out, p, n);
        buf_addstr(out, nl ? "</w:t><w:br/></w:r>" : "</w:t></w:r>");
        if (!nl)
            break;
        p = nl + 1;
    }
}

static void para_open(struct buf *out, enum wordml_style style)
{
    buf_printf(out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style_ids[style]);
    if (style == WORDML_BODY) /* two characters' indent */
        buf_addstr(out, "<w:ind w:firstLineChars=\"200\" "
                        "w:firstLine=\"480\"/>");
    buf_addstr(out, "</w:pPr>");
}

int wordml_para(struct wordml *w, enum wordml_style style, const char *text,
                const char *bookmark)
{
    struct buf *out = &w->part[w->at];
    unsigned id = ++w->nbookmarks;

    para_open(out, style);
    if (bookmark) {
        buf_printf(out, "<w:bookmarkStart w:id=\"%u\" w:name=\"", id);
        xml(out, bookmark);
        buf_addstr(out, "\"/>");
    }
    runs(out, text, 0);
    if (bookmark)
        buf_printf(out, "<w:bookmarkEnd w:id=\"%u\"/>", id);
    return buf_addstr(out, "</w:p>");
}

/* A HYPERLINK field's target: quotes and backslashes, which would end
 * or escape it, percent-encoded. */
static void field_target(struct buf *out, const char *s)
{
    struct buf t = BUF_INIT;

    for (; *s; s++)
        if (*s == '"')
            buf_addstr(&t, "%22");
        else if (*s == '\\')
            buf_addstr(&t, "%5C");
        else
            buf_addch(&t, *s);
    if (buf_set_error(out, buf_error(&t)) == 0)
        output_xml_escape(out, t.data ? t.data : "", t.len);
    buf_release(&t);
}

int wordml_link_para(struct wordml *w, enum wordml_style style,
                     const char *before, const char *label, const char *url,
                     const char *anchor)
{
    struct buf *out = &w->part[w->at];
    int web = url && output_is_web_url(url), link = web || anchor;

    para_open(out, style);
    if (before && *before)
        runs(out, before, 0);
    /* A HYPERLINK field rather than <w:hyperlink>: Word, WPS and
     * LibreOffice follow both, and readers that list a paragraph's runs
     * (python-docx) see the label as its text. */
    if (link) {
        buf_addstr(out, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                        "<w:r><w:instrText xml:space=\"preserve\"> "
                        "HYPERLINK ");
        buf_addstr(out, web ? "\"" : "\\l \"");
        field_target(out, web ? url : anchor);
        buf_addstr(out, "\" </w:instrText></w:r><w:r><w:fldChar "
                        "w:fldCharType=\"separate\"/></w:r>");
    }
    runs(out, label, link);
    if (link)
        buf_addstr(out, "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    return buf_addstr(out, "</w:p>");
}

/* Add a part from a buffer that lives until zip_close. */
static int add_part(zip_t *za, const char *name, const char *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);

    if (!s)
        return -1;
    if (zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(s);
        return -1;
    }
    return 0;
}

/* The zip written into out, through a libzip buffer source kept past
 * zip_close. */
static int write_zip(char *const *names, struct buf *const *parts, size_t n,
                     struct buf *out, struct lv_err *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za = NULL;
    zip_stat_t st;
    size_t i;
    zip_int64_t got;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src)
        goto fail;
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!za)
        goto fail;
    for (i = 0; i < n; i++)
        if (add_part(za, names[i], parts[i]->data ? parts[i]->data : "",
                     parts[i]->len)
            < 0)
            goto fail;
    if (zip_close(za) < 0)
        goto fail;
    za = NULL;
    zip_stat_init(&st);
    if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
        goto fail;
    if (buf_grow(out, (size_t)st.size) < 0) {
        zip_source_close(src);
        zip_source_free(src);
        zip_error_fini(&ze);
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    got = zip_source_read(src, out->data + out->len, st.size);
    zip_source_close(src);
    if (got < 0 || (zip_uint64_t)got != st.size)
        goto fail;
    out->len += (size_t)got;
    out->data[out->len] = '\0';
    zip_source_free(src);
    zip_error_fini(&ze);
    return 0;
fail:
    if (za)
        zip_discard(za);
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return lv_err_set(err, LV_EINTERNAL, "cannot write the Word file");
}

int wordml_package(struct wordml *w, const char *title, const char *date,
                   struct buf *out, struct lv_err *err)
{
    struct buf doc = BUF_INIT, rels = BUF_INIT, core = BUF_INIT;
    struct buf types = BUF_INIT, pkg = BUF_INIT, styles = BUF_INIT;
    static char *names[] = {"[Content_Types].xml",
                            "_rels/.rels",
                            "word/document.xml",
                            "word/styles.xml",
                            "word/_rels/document.xml.rels",
                            "docProps/core.xml"};
    struct buf *parts[] = {&types, &pkg, &doc, &styles, &rels, &core};
    size_t i, n = sizeof(parts) / sizeof(parts[0]);
    int rc = 0;

    /* a paragraph that failed is missing: the document is not written */
    if (buf_error(&w->part[0]) || buf_error(&w->part[1]))
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    buf_addstr(&types, content_types_xml);
    buf_addstr(&pkg, package_rels_xml);
    buf_addstr(&styles, styles_xml);
    buf_addstr(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                     "standalone=\"yes\"?>\n<w:document xmlns:w=\"" NS_W
                     "\" xmlns:r=\"" NS_R "\"><w:body>");
    buf_add(&doc, w->part[0].data, w->part[0].len);
    buf_add(&doc, w->part[1].data, w->part[1].len);
    buf_addstr(&doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                     "<w:pgMar w:top=\"1440\" w:right=\"1440\" "
                     "w:bottom=\"1440\" w:left=\"1440\" "
                     "w:header=\"851\" w:footer=\"992\" "
                     "w:gutter=\"0\"/></w:sectPr></w:body>"
                     "</w:document>\n");
    buf_addstr(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                      "standalone=\"yes\"?>\n<Relationships xmlns=\"" NS_PKG
                      "\"><Relationship Id=\"rId1\" Type=\"" NS_R
                      "/styles\" Target=\"styles.xml\"/>");
    buf_addstr(&rels, "</Relationships>\n");
    buf_addstr(&core, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                      "standalone=\"yes\"?>\n<cp:coreProperties "
                      "xmlns:cp=\"http://schemas.openxmlformats.org/"
                      "package/2006/metadata/core-properties\" "
                      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                      "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                      "xmlns:xsi=\"http://www.w3.org/2001/"
                      "XMLSchema-instance\"><dc:title>");
    xml(&core, title);
    buf_printf(&core,
               "</dc:title><dc:creator>lvzhi</dc:creator>"
               "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
               "%sT00:00:00Z</dcterms:created>"
               "</cp:coreProperties>\n",
               date);
    for (i = 0; i < n && rc == 0; i++)
        if (buf_error(parts[i]))
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = write_zip(names, parts, n, out, err);
    for (i = 0; i < n; i++)
        buf_release(parts[i]);
    return rc;
}
