/*
 * html.c - HTML pages through libxml2 (see html.h).
 *
 * Main-content detection is readability's idea, kept small: every block
 * of text scores its Han characters (minus link text) for its parent
 * element and half for its grandparent; the best-scoring element is the
 * article.  Navigation, footers and "related" lists lose because they are
 * mostly links or short, or marked so by their class or id.  Trees are walked
 * with explicit parent/next pointers, never by recursion, so a page nested
 * 100,000 deep is safe.
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../common/buf.h"
#include "../text/utf8.h"

/* Subtrees never read. */
static const char *const skip_tags[] = {
    "script", "style",  "noscript", "iframe", "form",
    "select", "button", "textarea", "svg",    "template",
    "object", "embed",  "nav",      "aside",  "head",
};

/* Elements that end a block of text. */
static const char *const block_tags[] = {
    "p",       "div",    "br",         "li",    "ul",      "ol",
    "h1",      "h2",     "h3",         "h4",    "h5",      "h6",
    "tr",      "td",     "th",         "table", "section", "article",
    "header",  "footer", "blockquote", "pre",   "dd",      "dt",
    "dl",      "center", "main",       "hr",    "figure",  "figcaption",
    "address", "tbody",  "thead",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int name_in(const xmlNode *n, const char *const *names, size_t k)
{
    size_t i;

    if (n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    for (i = 0; i < k; i++)
        if (strcasecmp((const char *)n->name, names[i]) == 0)
            return 1;
    return 0;
}

static int is_tag(const xmlNode *n, const char *tag)
{
    return n->type == XML_ELEMENT_NODE && n->name
           && strcasecmp((const char *)n->name, tag) == 0;
}

/* Text of an element's subtree, whitespace collapsed (iterative); NULL
 * when out of memory (an add failed: buf_take gives NULL). */
static char *subtree_text(xmlNode *root)
{
    struct buf b = BUF_INIT;
    xmlNode *n = root->children;

    while (n) {
        if (n->type == XML_TEXT_NODE && n->content)
            buf_addstr(&b, (const char *)n->content);
        if (n->children && n->type == XML_ELEMENT_NODE
            && !name_in(n, skip_tags, N(skip_tags))) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root)
            n = n->parent == root ? NULL : n->parent;
        if (n)
            n = n->next;
    }
    return buf_take(&b, NULL);
}

/* Collapse runs of white space to one ASCII space and trim, in place. */
static void collapse_space(char *s)
{
    char *r = s, *w = s;
    int space = 1;

    while (*r) {
        int is_sp = *r == ' ' || *r == '\t' || *r == '\n' || *r == '\r'
                    || *r == '\f' || *r == '\v';

        if (!is_sp && (unsigned char)r[0] == 0xC2
            && (unsigned char)r[1] == 0xA0) {
            is_sp = 2; /* NBSP */
        }
        if (is_sp) {
            if (!space)
                *w++ = ' ';
            space = 1;
            r += is_sp == 2 ? 2 : 1;
            continue;
        }
        space = 0;
        *w++ = *r++;
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

static char *attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = NULL;

    if (v) {
        s = strdup((const char *)v);
        xmlFree(v);
    }
    return s;
}

/* <meta> and <link> in the head: date, source, canonical URL. */
static void read_meta(xmlNode *n, struct html_page *p)
{
    static const char *const date_names[] = {
        "date",
        "pubdate",
        "publishdate",
        "publish_date",
        "article:published_time",
        "og:release_date",
        "dc.date",
        "dc.date.issued",
        "published_time",
    };
    char *name = attr(n, "name"), *prop = attr(n, "property");
    char *key = name ? name : prop, *content;
    size_t i;

    if (is_tag(n, "link")) {
        char *rel = attr(n, "rel");

        if (rel && strcasecmp(rel, "canonical") == 0 && !p->canonical)
            p->canonical = attr(n, "href");
        free(rel);
        goto out;
    }
    if (!key)
        goto out;
    content = attr(n, "content");
    if (!content)
        goto out;
    for (i = 0; i < N(date_names); i++)
        if (strcasecmp(key, date_names[i]) == 0 && !p->meta_date) {
            p->meta_date = content;
            content = NULL;
        }
    if (content
        && (strcasecmp(key, "source") == 0
            || strcasecmp(key, "og:site_name") == 0)
        && !p->meta_source) {
        p->meta_source = content;
        content = NULL;
    }
    if (content && strcasecmp(key, "og:url") == 0 && !p->canonical) {
        p->canonical = content;
        content = NULL;
    }
    free(content);
out:
    free(name);
    free(prop);
}

/* Per-block bookkeeping while walking. */
struct walker {
    struct html_page *p;
    struct buf cur;      /* text of the block being gathered */
    size_t link_chars;   /* of which inside <a> */
    xmlNode *cur_parent; /* the element the block belongs to */
    int cur_heading;
    /* Parallel to p->blocks: */
    xmlNode **owner;
    size_t *han, *links;
    size_t cap;
};

static size_t count_han(const char *s, size_t len)
{
    size_t i = 0, n = 0;

    while (i < len) {
        unsigned cp;

        i += utf8_decode(s + i, len - i, &cp);
        if (utf8_is_han(cp))
            n++;
    }
    return n;
}

static int flush_block(struct walker *w)
{
    struct html_page *p = w->p;
    char *text;

    if (w->cur.len == 0)
        goto reset;
    text = buf_take(&w->cur, NULL);
    if (!text)
        return LV_ENOMEM;
    collapse_space(text);
    if (!*text) {
        free(text);
        goto reset;
    }
    if (p->nblocks == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        struct html_block *b = realloc(p->blocks, cap * sizeof(*b));
        xmlNode **o;
        size_t *h, *l;

        if (b)
            p->blocks = b;
        o = realloc(w->owner, cap * sizeof(*o));
        if (o)
            w->owner = o;
        h = realloc(w->han, cap * sizeof(*h));
        if (h)
            w->han = h;
        l = realloc(w->links, cap * sizeof(*l));
        if (l)
            w->links = l;
        if (!b || !o || !h || !l) {
            free(text);
            return LV_ENOMEM;
        }
        w->cap = cap;
    }
    memset(&p->blocks[p->nblocks], 0, sizeof(p->blocks[0]));
    p->blocks[p->nblocks].text = text;
    p->blocks[p->nblocks].heading = w->cur_heading;
    w->owner[p->nblocks] = w->cur_parent;
    w->han[p->nblocks] = count_han(text, strlen(text));
    w->links[p->nblocks] = w->link_chars;
    p->nblocks++;
reset:
    buf_reset(&w->cur);
    w->link_chars = 0;
    w->cur_heading = 0;
    w->cur_parent = NULL;
    return 0;
}

/* Blocks that hold text, not other blocks. */
static const char *const paragraph_tags[] = {
    "p",  "h1", "h2", "h3",  "h4",         "h5",         "h6",
    "li", "dd", "dt", "pre", "blockquote", "figcaption", "address",
};

static xmlNode *block_parent(xmlNode *n)
{
    for (n = n->parent; n; n = n->parent)
        if (name_in(n, block_tags, N(block_tags)) || is_tag(n, "body"))
            return n;
    return NULL;
}

/* Class and id words of blocks that sit beside an article: related
 * reading (often with teasers longer than a short article), comments,
 * sidebars, footers.  Readability's negative classes, with the pinyin
 * initials Chinese sites use (xgxw 相关新闻, tjyd 推荐阅读). */
static const char *const beside_words[] = {
    "related", "relate", "recommend", "tuijian", "xgxw",   "xgwz",
    "xgyd",    "tjyd",   "sidebar",   "comment", "footer",
};

/* 1 if e or one of its nearest ancestors is such a block. */
static int beside_article(const xmlNode *e)
{
    int depth;

    for (depth = 0; e && depth < 32; e = e->parent, depth++) {
        const xmlAttr *a;

        if (e->type != XML_ELEMENT_NODE)
            continue;
        for (a = e->properties; a; a = a->next) {
            const char *v;
            size_t i;

            if (!a->name || !a->children || !a->children->content
                || (strcasecmp((const char *)a->name, "class") != 0
                    && strcasecmp((const char *)a->name, "id") != 0))
                continue;
            v = (const char *)a->children->content;
            for (i = 0; i < N(beside_words); i++)
                if (strcasestr(v, beside_words[i]))
                    return 1;
        }
    }
    return 0;
}

static int inside(xmlNode *n, const char *tag)
{
    for (n = n->parent; n; n = n->parent)
        if (is_tag(n, tag))
            return 1;
    return 0;
}

/* Walk the whole document once, gathering blocks and metadata. */
static int walk(xmlNode *root, struct walker *w)
{
    xmlNode *n = root;
    int rc = 0;

    while (n && rc == 0) {
        int descend = 1;

        if (n->type == XML_ELEMENT_NODE) {
            if (is_tag(n, "meta") || is_tag(n, "link"))
                read_meta(n, w->p);
            if (is_tag(n, "title") && !w->p->title_tag) {
                w->p->title_tag = subtree_text(n);
                rc = w->p->title_tag ? 0 : LV_ENOMEM;
                descend = 0;
            } else if (is_tag(n, "time") && !w->p->meta_date) {
                w->p->meta_date = attr(n, "datetime");
            }
            if (rc == 0 && is_tag(n, "h1") && !w->p->h1) {
                w->p->h1 = subtree_text(n);
                rc = w->p->h1 ? 0 : LV_ENOMEM;
            }
            if (name_in(n, skip_tags, N(skip_tags)) && !is_tag(n, "head"))
                descend = 0;
            if (is_tag(n, "head")) {
                /* Only meta, link and title matter there. */
                xmlNode *c;

                for (c = n->children; c && rc == 0; c = c->next) {
                    if (is_tag(c, "meta") || is_tag(c, "link"))
                        read_meta(c, w->p);
                    if (is_tag(c, "title") && !w->p->title_tag) {
                        w->p->title_tag = subtree_text(c);
                        rc = w->p->title_tag ? 0 : LV_ENOMEM;
                    }
                }
                descend = 0;
            }
            if (rc == 0 && name_in(n, block_tags, N(block_tags)))
                rc = flush_block(w);
        } else if (n->type == XML_TEXT_NODE && n->content) {
            size_t len = strlen((const char *)n->content);

            if (!w->cur_parent)
                w->cur_parent = block_parent(n);
            if (inside(n, "a"))
                w->link_chars += count_han((const char *)n->content, len);
            if (inside(n, "h1") || inside(n, "h2") || inside(n, "h3"))
                w->cur_heading = 1;
            rc = buf_add(&w->cur, n->content, len);
        }
        if (rc < 0)
            break;
        if (descend && n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        /* Climb until a next sibling; leaving a block element ends its
         * block. */
        while (n && !n->next) {
            n = n->parent;
            if (n && name_in(n, block_tags, N(block_tags)))
                rc = flush_block(w);
        }
        if (n)
            n = n->next;
    }
    if (rc == 0)
        rc = flush_block(w);
    return rc;
}

/* Score elements and mark the blocks of the best one as main content.
 * Scores live in each element's _private pointer (libxml2 leaves it to
 * applications), so scoring is linear in the number of blocks. */
static int choose_main(struct walker *w)
{
    struct html_page *p = w->p;
    double *score = calloc(p->nblocks * 2 + 1, sizeof(*score));
    xmlNode **scored = calloc(p->nblocks * 2 + 1, sizeof(*scored));
    size_t nscored = 0, i, first = (size_t)-1;
    xmlNode *best = NULL;
    double best_score = 0;

    if (!score || !scored) {
        free(score);
        free(scored);
        return LV_ENOMEM;
    }
    for (i = 0; i < p->nblocks; i++) {
        xmlNode *e = w->owner[i];
        double s;
        int level;

        if (!e || w->han[i] < 10 || w->links[i] * 2 > w->han[i]
            || beside_article(e))
            continue;
        s = (double)(w->han[i] - w->links[i]);
        /* A paragraph is not a container: its text scores for the
         * element holding it (and half for that one's parent), so two
         * paragraphs of a short article are one main content, not the
         * longer of them alone. */
        if (name_in(e, paragraph_tags, N(paragraph_tags)) && block_parent(e))
            e = block_parent(e);
        for (level = 0; level < 2 && e; level++, e = block_parent(e)) {
            double *sc = e->_private;

            if (!sc) {
                sc = &score[nscored];
                scored[nscored++] = e;
                e->_private = sc;
            }
            *sc += level ? s / 2 : s;
            if (*sc > best_score) {
                best_score = *sc;
                best = e;
            }
        }
    }
    for (i = 0; i < nscored; i++)
        scored[i]->_private = NULL;
    /* Mark the best element, then test each block's ancestors for it. */
    if (best)
        best->_private = best;
    for (i = 0; i < p->nblocks; i++) {
        xmlNode *e = w->owner[i];

        while (e && best && e->_private != best)
            e = e->parent;
        p->blocks[i].in_main = best == NULL || e != NULL;
        if (p->blocks[i].in_main && first == (size_t)-1)
            first = i;
    }
    if (best)
        best->_private = NULL;
    for (i = 0; i < p->nblocks && i < first; i++)
        p->blocks[i].before_main = 1;
    free(score);
    free(scored);
    return 0;
}

/* libxml2 would switch to a declared charset even when told UTF-8; the
 * text is already UTF-8, so blunt every charset declaration. */
static void neutralise_charset(char *s, size_t len)
{
    size_t i;

    for (i = 0; i + 7 <= len; i++)
        if (strncasecmp(s + i, "charset", 7) == 0)
            s[i] = 'x';
}

int html_parse(const char *text, size_t len, struct html_page *out,
               struct lv_err *err)
{
    struct walker w;
    htmlDocPtr doc;
    char *copy;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&w, 0, sizeof(w));
    w.p = out;
    if (len > (size_t)INT32_MAX)
        return lv_err_set(err, LV_EINVAL, "page too large to parse");
    copy = malloc(len + 1);
    if (!copy)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    memcpy(copy, text, len);
    copy[len] = '\0';
    neutralise_charset(copy, len < 4096 ? len : 4096);
    /* XML_PARSE_HUGE lifts the nesting limit of 256, past which libxml2
     * silently drops the rest of the page; its parser and xmlFreeDoc are
     * iterative, and so is everything here. */
    doc = htmlReadMemory(copy, (int)len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
                             | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                             | HTML_PARSE_COMPACT | XML_PARSE_HUGE);
    free(copy);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return lv_err_set(err, LV_EINVAL, "no HTML content could be parsed");
    }
    rc = walk(xmlDocGetRootElement(doc), &w);
    if (rc == 0)
        rc = choose_main(&w);
    xmlFreeDoc(doc);
    buf_release(&w.cur);
    free(w.owner);
    free(w.han);
    free(w.links);
    if (rc < 0)
        return lv_err_set(err, rc, "out of memory");
    if (out->title_tag)
        collapse_space(out->title_tag);
    if (out->h1)
        collapse_space(out->h1);
    return 0;
}

void html_page_release(struct html_page *p)
{
    size_t i;

    for (i = 0; i < p->nblocks; i++)
        free(p->blocks[i].text);
    free(p->blocks);
    free(p->title_tag);
    free(p->h1);
    free(p->meta_date);
    free(p->meta_source);
    free(p->canonical);
    memset(p, 0, sizeof(*p));
}
