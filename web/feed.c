/*
 * feed.c - a search as an Atom feed (see feed.h).
 */
#include "feed.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/record.h"
#include "../search/output.h"
#include "../search/snippet.h"
#include "../text/utf8.h"

static int xml(struct buf *out, const char *s)
{
    return s ? output_xml_escape(out, s, strlen(s)) : 0;
}

/* A URL of this search made by params_url (which writes it escaped for
 * an attribute: &amp;, percent-encoded values). */
static int feed_link(struct buf *out, const char *rel, const char *type,
                     const char *path, const struct params *p)
{
    struct buf url = BUF_INIT;
    int rc = params_url(&url, path, p, NULL, NULL, NULL, NULL, NULL, 0);

    if (rc == 0)
        rc = buf_printf(out, "<link rel=\"%s\" type=\"%s\" href=\"", rel,
                        type);
    if (rc == 0)
        rc = buf_addstr(out, url.data ? url.data : path);
    if (rc == 0)
        rc = buf_addstr(out, "\"/>\n");
    buf_release(&url);
    return rc;
}

/* An entry's date: its article's (YYYYMMDD), at midnight UTC; an
 * undated article has the feed's time (when it was listed). */
static int updated(struct buf *out, const char *date, const char *now)
{
    if (date && strlen(date) == 8 && strspn(date, "0123456789") == 8)
        return buf_printf(out, "<updated>%.4s-%.2s-%.2sT00:00:00Z</updated>\n",
                          date, date + 4, date + 6);
    return buf_printf(out, "<updated>%s</updated>\n", now);
}

static int entry(struct buf *out, const struct search_hit *h,
                 const char *now)
{
    const char *id = record_get(h->rec, "id");
    const char *url = record_get(h->rec, "url");
    int rc = buf_addstr(out, "<entry>\n<title>");

    if (rc == 0)
        rc = xml(out, record_get(h->rec, "title"));
    if (rc == 0)
        rc = buf_addstr(out, "</title>\n<id>urn:lvzhi:doc:");
    if (rc == 0)
        rc = xml(out, id);
    if (rc == 0)
        rc = buf_addstr(out, "</id>\n<link rel=\"alternate\" type=\"text/html\""
                             " href=\"/doc/");
    if (rc == 0)
        rc = xml(out, id);
    if (rc == 0)
        rc = buf_addstr(out, "\"/>\n");
    if (rc == 0 && url && output_is_web_url(url)) {   /* not javascript: */
        rc = buf_addstr(out, "<link rel=\"related\" href=\"");
        if (rc == 0)
            rc = xml(out, url);
        if (rc == 0)
            rc = buf_addstr(out, "\"/>\n");
    }
    if (rc == 0)
        rc = updated(out, record_get(h->rec, "date"), now);
    if (rc == 0)
        rc = buf_addstr(out, "<summary>");
    if (rc == 0)
        rc = snippet_render(&h->snippet, "", "", output_xml_escape, out);
    if (rc == 0)
        rc = buf_addstr(out, "</summary>\n</entry>\n");
    return rc;
}

int feed_atom(struct buf *out, const struct params *p,
              const struct search_result *res)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    size_t i;
    int rc;

    gmtime_r(&t, &tm);
    strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
    rc = buf_addstr(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                         "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                         "<title>履职 lvzhi：");
    if (rc == 0)
        rc = xml(out, p->q && *p->q ? p->q : "全部文章");
    if (rc == 0)
        rc = buf_addstr(out, "</title>\n<id>urn:lvzhi:search:");
    if (rc == 0) {
        struct buf url = BUF_INIT;

        rc = params_url(&url, "", p, NULL, NULL, NULL, NULL, NULL, 0);
        if (rc == 0)   /* escaped already */
            rc = buf_addstr(out, url.data ? url.data : "");
        buf_release(&url);
    }
    if (rc == 0)
        rc = buf_addstr(out, "</id>\n");
    /* The feed changed when its newest entry did (hits are newest first). */
    if (rc == 0)
        rc = updated(out, res->nhits ? record_get(res->hits[0].rec, "date")
                                     : NULL, now);
    if (rc == 0)
        rc = feed_link(out, "self", "application/atom+xml", "/feed.atom", p);
    if (rc == 0)
        rc = feed_link(out, "alternate", "text/html", "/search", p);
    if (rc == 0)
        rc = buf_addstr(out, "<author><name>履职 lvzhi</name></author>\n");
    for (i = 0; i < res->nhits && rc == 0; i++)
        rc = entry(out, &res->hits[i], now);
    return rc ? rc : buf_addstr(out, "</feed>\n");
}
