/*
 * fuzz_http.c - a request target "PATH?QUERY" handled the way `lvzhi
 * serve` handles it, against a small real index of corpus/seeds built
 * once at start-up (under /tmp, removed at exit; LVZHI_FUZZ_SEEDS names
 * another folder).
 *
 * The target is taken apart as libmicrohttpd does: the path is split at
 * the first '?' and percent-decoded; the query is split at '&' and the
 * first '=', '+' becomes a space and both halves are percent-decoded
 * with MHD_http_unescape; a bare "key" has a NULL value.  Every argument
 * goes to params_add, the path to route_of, and the page is made by
 * route_render (web/routes.h), as web/server.c makes it.
 *
 * It aborts when a page is not valid UTF-8; when its markup goes beyond
 * what the templates write (an unknown tag or attribute, an unquoted
 * attribute value, a '&' that starts no entity, a raw '>' in text, a
 * link that is neither a path nor an http(s) URL), which is what request
 * text reaching the page unescaped looks like; when the query or a
 * filter value is missing from the page in escaped form; or when a link
 * from params_url holds anything but URL characters, or does not read
 * back to the same parameters with the filter added or dropped.
 */
#include <ftw.h>
#include <libxml/parser.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../common/buf.h"
#include "../../common/record.h"
#include "../../indexer/docx.h"
#include "../../indexer/indexer.h"
#include "../../indexer/walk.h"
#include "../../search/export.h"
#include "../../search/json.h"
#include "../../search/output.h"
#include "../../search/search.h"
#include "../../text/utf8.h"
#include "../../web/pages.h"
#include "../../web/params.h"
#include "../../web/routes.h"
#include "../../web/server.h"

static char tmpdir[] = "/tmp/lvzhi-fuzz-http-XXXXXX";
static struct searcher *searcher;

/* ---- the index, built once -------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void cleanup(void)
{
    searcher_free(searcher);
    searcher = NULL;
    nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "fuzz_http: %s: %s\n", what, msg);
    exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *seeds = getenv("LVZHI_FUZZ_SEEDS");
    struct indexer_opts opts = {0};
    struct indexer_stats stats = {0};
    struct lv_err err = {0};
    struct walk w;
    char db[sizeof(tmpdir) + 8], *paths[1];
    int rc;

    (void)argc;
    (void)argv;
    if (!seeds)
        seeds = "corpus/seeds";
    if (!mkdtemp(tmpdir))
        die("mkdtemp", tmpdir);
    atexit(cleanup);
    snprintf(db, sizeof(db), "%s/db", tmpdir);
    paths[0] = (char *)seeds;
    if (walk_paths(paths, 1, &w, &err) < 0 || w.nfiles == 0)
        die(seeds, "no articles to index (run from the top of the tree, "
                   "or set LVZHI_FUZZ_SEEDS)");
    opts.db_path = db;
    opts.threads = 1;
    rc = indexer_run(&w, &opts, &stats, &err);
    if (rc < 0 || stats.failed || stats.indexed == 0)
        die("index", err.msg[0] ? err.msg : "articles failed");
    indexer_stats_release(&stats);
    walk_release(&w);
    if (searcher_open(db, &searcher, &err) < 0)
        die("open", err.msg);
    return 0;
}

/* ---- the request, as libmicrohttpd parses it --------------------------- */

struct request {
    struct params p;
};

static void unescape_arg(char *s, size_t *len)
{
    char *c;

    for (c = strchr(s, '+'); c; c = strchr(c + 1, '+'))
        *c = ' ';
    *len = MHD_http_unescape(s);
}

static void one_arg(struct request *r, char *key, char *value)
{
    size_t klen, vlen;

    unescape_arg(key, &klen);
    if (value)
        unescape_arg(value, &vlen);
    /* As in the server: a value dropped for want of memory is missing. */
    lv_ignore(params_add(&r->p, key, value));
}

/* MHD_parse_arguments_: "k=v&k&=v&&" (args is clobbered; r->n points
 * into it). */
static void parse_args(struct request *r, char *args)
{
    while (args && *args) {
        char *amp = strchr(args, '&'), *eq = strchr(args, '=');

        if (amp)
            *amp++ = '\0';
        if (eq && (!amp || eq < amp))
            *eq++ = '\0';
        else
            eq = NULL;
        one_arg(r, args, eq);
        args = amp;
    }
}

/* ---- checks ------------------------------------------------------------ */

static void check(int ok, const char *what, const char *s, size_t len)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz_http: %s in:\n%.*s\n", what,
            (int)(len > 4000 ? 4000 : len), s);
    cleanup(); /* abort() skips atexit */
    abort();
}

static int in_list(const char *const *list, const char *s, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && strncmp(*list, s, len) == 0)
            return 1;
    return 0;
}

/* What the page templates (web/pages.c, the HTML export) write. */
static const char *const tags[] = {
    "html",
    "head",
    "meta",
    "title",
    "link",
    "style",
    "body",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "article",
    "section",
    "form",
    "input",
    "button",
    "a",
    "h1",
    "h2",
    "h3",
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "span",
    "b",
    "i",
    "mark",
    "blockquote",
    "s",
    "br",
    /* the map and the compare page's charts (web/map.c, web/charts.c) */
    "figure",
    "figcaption",
    "svg",
    "desc",
    "path",
    "rect",
    "line",
    "text",
    NULL,
};
static const char *const attrs[] = {
    "lang",
    "charset",
    "name",
    "content",
    "rel",
    "href",
    "class",
    "role",
    "action",
    "type",
    "value",
    "placeholder",
    "aria-label",
    "maxlength",
    "title",
    "size",
    "style",
    "start",
    "xmlns",
    "viewBox",
    "aria-labelledby",
    "aria-hidden",
    "id",
    "fill",
    "stroke",
    "stroke-width",
    "font-size",
    "font-family",
    "text-anchor",
    "d",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "width",
    "height",
    NULL,
};

static size_t entity(const char *s, size_t len)
{
    size_t i = 1;

    if (i < len && s[i] == '#')
        i++;
    while (i < len
           && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
        i++;
    return i > 1 && i < len && s[i] == ';' ? i + 1 : 0;
}

/* A link: a path (then URL characters only) or an http(s) URL. */
static int good_href(const char *v, size_t len)
{
    size_t i;

    if (len >= 7 && strncmp(v, "http://", 7) == 0)
        return 1;
    if (len >= 8 && strncmp(v, "https://", 8) == 0)
        return 1;
    if (len == 0 || v[0] != '/' || (len > 1 && v[1] == '/'))
        return 0;
    for (i = 0; i < len; i++)
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                    "0123456789-_.~%/?=&;",
                    v[i]))
            return 0;
    return 1;
}

/* One tag from s[0] == '<'; its length, or 0 if it is not one the
 * templates write. */
static size_t tag(const char *s, size_t len)
{
    size_t i = 1, n;

    if (len > 15 && strncmp(s, "<!DOCTYPE html>", 15) == 0)
        return 15;
    if (i < len && s[i] == '/')
        i++;
    for (n = i; i < len && s[i] >= 'a' && s[i] <= 'z'; i++)
        ;
    while (i < len && s[i] >= '1' && s[i] <= '6') /* h1 .. h3 */
        i++;
    if (!in_list(tags, s + n, i - n))
        return 0;
    for (;;) {
        size_t a, v;
        int href;

        if (i < len && s[i] == '>')
            return i + 1;
        if (i + 1 < len && s[i] == '/' && s[i + 1] == '>' && s[1] != '/')
            return i + 2; /* an empty SVG element: <rect .../> */
        if (i >= len || s[i] != ' ' || s[1] == '/')
            return 0;
        for (a = ++i;
             i < len
             && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
                 || (s[i] >= '0' && s[i] <= '9') || s[i] == '-');
             i++)
            ;
        if (!in_list(attrs, s + a, i - a))
            return 0;
        href = i - a == 4 && strncmp(s + a, "href", 4) == 0;
        if (i + 1 >= len || s[i] != '=' || s[i + 1] != '"')
            return 0;
        for (v = i += 2; i < len && s[i] != '"'; i++)
            if (s[i] == '<' || s[i] == '>'
                || (s[i] == '&' && !entity(s + i, len - i)))
                return 0;
        if (i >= len || (href && !good_href(s + v, i - v)))
            return 0;
        i++;
    }
}

/* A feed: valid UTF-8 that libxml2 parses as XML. */
static void check_xml(const char *s, size_t len)
{
    xmlDocPtr doc;

    check(utf8_valid(s, len), "invalid UTF-8 in a feed", s, len);
    doc = xmlReadMemory(s, (int)len, "feed.atom", "utf-8",
                        XML_PARSE_NONET | XML_PARSE_NOERROR
                            | XML_PARSE_NOWARNING);
    check(doc != NULL, "a feed that is not XML", s, len);
    xmlFreeDoc(doc);
}

/* Valid UTF-8 and nothing but the templates' markup. */
static void check_html(const char *s, size_t len)
{
    size_t i = 0, n;

    check(utf8_valid(s, len), "invalid UTF-8", s, len);
    while (i < len) {
        if (s[i] == '<') {
            n = tag(s + i, len - i);
            check(n > 0, "unexpected markup", s + i, len - i);
            if (n == 7 && strncmp(s + i, "<style>", 7) == 0) {
                const char *end = strstr(s + i, "</style>");

                check(end != NULL, "unclosed style", s + i, len - i);
                n = (size_t)(end - (s + i));
            }
            i += n;
        } else if (s[i] == '&') {
            n = entity(s + i, len - i);
            check(n > 0, "raw '&'", s + i, len - i);
            i += n;
        } else {
            check(s[i] != '>', "raw '>'", s + i, len - i);
            i++;
        }
    }
}

/* `text`, escaped as the pages escape it, is in the page. */
static void check_shown(const char *page, size_t len, const char *text)
{
    struct buf e = BUF_INIT;

    if (!text || !*text)
        return;
    if (output_html_escape(&e, text, strlen(text)) < 0)
        abort();
    check(strstr(page, e.data) != NULL, "escaped value not shown", page, len);
    buf_release(&e);
}

/* JSON (the API) is valid UTF-8 with <, > and & escaped. */
static void check_json(const char *s, size_t len)
{
    check(utf8_valid(s, len), "invalid UTF-8 in JSON", s, len);
    check(!memchr(s, '<', len) && !memchr(s, '>', len) && !memchr(s, '&', len),
          "raw < > & in JSON", s, len);
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/*
 * params_url with a filter dropped or added: URL characters only, and
 * read back (&amp; → &, then as libmicrohttpd would) it gives p's
 * parameters with that change.  A filter equal to the dropped one goes
 * (all its copies); an added one comes after p's filters.
 */
static void check_url(const struct params *p, const char *drop_field,
                      const char *drop_value, const char *add_field,
                      const char *add_value, const char *sort, unsigned page)
{
    struct buf u = BUF_INIT;
    struct request back;
    char *args, *w, *r;
    size_t i, j = 0;

    if (params_url(&u, "/search", p, drop_field, drop_value, add_field,
                   add_value, sort, page)
            < 0
        || !u.data)
        abort();
    check(utf8_valid(u.data, u.len) && !strpbrk(u.data, "<>\"' "),
          "params_url: not HTML-attribute safe", u.data, u.len);
    check(good_href(u.data, u.len), "params_url: not a URL", u.data, u.len);
    /* Read it back. */
    memset(&back, 0, sizeof(back));
    params_init(&back.p);
    for (w = r = u.data; *r; w++)
        if (strncmp(r, "&amp;", 5) == 0) {
            *w = '&';
            r += 5;
        } else {
            *w = *r++;
        }
    *w = '\0';
    args = strchr(u.data, '?');
    if (args)
        parse_args(&back, args + 1);
    check(!back.p.too_long, "params_url: link is too long to follow", u.data,
          u.len);
    check(same(back.p.q, p->q) && same(back.p.from, p->from)
              && same(back.p.to, p->to) && same(back.p.sort, sort)
              && back.p.page == (page > 1 ? page : 1),
          "params_url: q, from, to, sort or page changed", u.data, u.len);
    for (i = 0; i < p->nfilters; i++) {
        const struct query_filter *f = &p->filters[i];

        if (drop_field && strcmp(f->field, drop_field) == 0
            && strcmp(f->value, drop_value) == 0)
            continue;
        check(j < back.p.nfilters
                  && strcmp(back.p.filters[j].field, f->field) == 0
                  && strcmp(back.p.filters[j].value, f->value) == 0,
              "params_url: filters changed", u.data, u.len);
        j++;
    }
    if (add_field && add_value && *add_value && j < PARAMS_MAX_FILTERS) {
        check(j < back.p.nfilters
                  && strcmp(back.p.filters[j].field, add_field) == 0
                  && strcmp(back.p.filters[j].value, add_value) == 0,
              "params_url: added filter missing", u.data, u.len);
        j++;
    }
    check(j == back.p.nfilters, "params_url: extra filters", u.data, u.len);
    params_release(&back.p);
    buf_release(&u);
}

/* ---- the routes, as web/server.c renders them ------------------------- */

/* The page the server would send, checked for what it must show. */
static void visit(const struct request *r, enum params_route rt,
                  const char *arg)
{
    struct route_page page;
    const struct params *p = &r->p;
    size_t i;
    char *cities[PARAMS_MAX_CITIES], *list;
    size_t n;

    if (route_render(searcher, p, rt, arg, &page) < 0)
        abort();
    check(page.status != 500, "a page failed", page.body.data, page.body.len);
    if (!page.body.data)
        abort();
    if (strncmp(page.type, "application/json", 16) == 0) {
        check_json(page.body.data, page.body.len);
    } else if (strncmp(page.type, "application/atom+xml", 20) == 0) {
        check_xml(page.body.data, page.body.len);
    } else { /* pages, and the API's 414 (an HTML error page) */
        check_html(page.body.data, page.body.len);
        /* What the request says shows on its page, escaped (a feed's
         * error page is a short one, like a 404). */
        if (page.status != 414 && page.status != 404
            && rt != PARAMS_ROUTE_FEED) {
            check_shown(page.body.data, page.body.len, p->q);
            for (i = 0; i < p->nfilters && rt == PARAMS_ROUTE_SEARCH; i++)
                check_shown(page.body.data, page.body.len, p->filters[i].value);
        }
        if (rt == PARAMS_ROUTE_COMPARE && page.status != 414) {
            check_shown(page.body.data, page.body.len, p->cities);
            n = params_cities(p, &list, cities);
            for (i = 0; i < n; i++)
                check(*cities[i] && utf8_valid(cities[i], strlen(cities[i])),
                      "params_cities: empty or not UTF-8", p->cities,
                      strlen(p->cities));
            free(list);
        }
    }
    buf_release(&page.body);
}

static void visit_export(const struct request *r, const char *fmt)
{
    struct export_stream *x = NULL;
    struct export_options xopt = {0};
    struct search_request q;
    struct buf all = BUF_INIT;
    const char *data;
    size_t len;
    int format = export_format_parse(fmt);

    if (format < 0)
        return;
    params_request(&r->p, &q, EXPORT_PAGE);
    q.facets = 0;
    q.offset = 0;
    xopt.english_headers = r->p.english_headers;
    xopt.full_text = r->p.full_text;
    xopt.snippets_only = r->p.snippets_only;
    if (export_stream_new(searcher, &q, format, &xopt, &x, NULL) < 0)
        return; /* the server drops the connection: a bad query */
    while (export_stream_next(x, &data, &len, NULL) == 0 && len > 0)
        if (buf_add(&all, data, len) < 0)
            abort();
    export_stream_free(x);
    if (all.data && format == EXPORT_DOCX) {
        /* The Word digest must read back: zip, XML and text. */
        struct article a;
        struct lv_err err = {0};

        check(docx_read(all.data, all.len, &a, &err) == 0,
              "the Word digest does not read back", err.msg, strlen(err.msg));
        article_release(&a);
    } else if (all.data) {
        check(utf8_valid(all.data, all.len), "invalid UTF-8 in export",
              all.data, all.len);
        if (format == EXPORT_HTML)
            check_html(all.data, all.len);
    }
    buf_release(&all);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct request r;
    char *target = malloc(size + 1), *args;
    const char *arg;
    const struct params *p = &r.p;
    enum params_route rt;
    size_t i;

    if (!target)
        return 0;
    memcpy(target, data, size);
    target[size] = '\0';
    memset(&r, 0, sizeof(r));
    params_init(&r.p);
    args = strchr(target, '?');
    if (args)
        *args++ = '\0';
    MHD_http_unescape(target);
    parse_args(&r, args);

    rt = route_of(target, &arg);
    if (route_has_page(rt))
        visit(&r, rt, arg);
    else if (rt == PARAMS_ROUTE_EXPORT)
        visit_export(&r, arg);

    /* Links: as is, sorted by date on this page, each filter dropped, q
     * added as a city (request text as a facet value). */
    check_url(p, NULL, NULL, NULL, NULL, p->sort, 0);
    check_url(p, NULL, NULL, NULL, NULL, "date", p->page);
    for (i = 0; i < p->nfilters && i < 4; i++)
        check_url(p, p->filters[i].field, p->filters[i].value, NULL, NULL,
                  p->sort, 0);
    check_url(p, NULL, NULL, "city", p->q, p->sort, 0);
    params_release(&r.p);
    free(target);
    return 0;
}
