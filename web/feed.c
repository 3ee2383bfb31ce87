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

static void xml(struct buf *out, const char *s)
{
    if (s)
        output_xml_escape(out, s, strlen(s));
}

/* A URL of this search made by params_url (which writes it escaped for
 * an attribute: &amp;, percent-encoded values). */
static void feed_link(struct buf *out, const char *rel, const char *type,
                      const char *path, const struct params *p)
{
    buf_printf(out, "<link rel=\"%s\" type=\"%s\" href=\"", rel, type);
    params_url(out, path, p, NULL, NULL, NULL, NULL, NULL, 0);
    buf_addstr(out, "\"/>\n");
}

/* An entry's date: its article's (YYYYMMDD), at midnight UTC; an
 * undated article has the feed's time (when it was listed). */
static void updated(struct buf *out, const char *date, const char *now)
{
    if (date && strlen(date) == 8 && strspn(date, "0123456789") == 8)
        buf_printf(out, "<updated>%.4s-%.2s-%.2sT00:00:00Z</updated>\n", date,
                   date + 4, date + 6);
    else
        buf_printf(out, "<updated>%s</updated>\n", now);
}

static void entry(struct buf *out, const struct search_hit *h, const char *now)
{
    const char *id = record_get(h->rec, "id");
    const char *url = record_get(h->rec, "url");

    buf_addstr(out, "<entry>\n<title>");
    xml(out, record_get(h->rec, "title"));
    buf_addstr(out, "</title>\n<id>urn:lvzhi:doc:");
    xml(out, id);
    buf_addstr(out, "</id>\n<link rel=\"alternate\" type=\"text/html\""
                    " href=\"/doc/");
    xml(out, id);
    buf_addstr(out, "\"/>\n");
    if (url && output_is_web_url(url)) { /* not javascript: */
        buf_addstr(out, "<link rel=\"related\" href=\"");
        xml(out, url);
        buf_addstr(out, "\"/>\n");
    }
    updated(out, record_get(h->rec, "date"), now);
    buf_addstr(out, "<summary>");
    snippet_render(&h->snippet, "", "", output_xml_escape, out);
    buf_addstr(out, "</summary>\n</entry>\n");
}

int feed_atom(struct buf *out, const struct params *p,
              const struct search_result *res)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    size_t i;

    gmtime_r(&t, &tm);
    strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
    buf_addstr(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                    "<title>履职 lvzhi：");
    xml(out, p->q && *p->q ? p->q : "全部文章");
    buf_addstr(out, "</title>\n<id>urn:lvzhi:search:");
    params_url(out, "", p, NULL, NULL, NULL, NULL, NULL, 0); /* escaped */
    buf_addstr(out, "</id>\n");
    /* The feed changed when its newest entry did (hits are newest first). */
    updated(out, res->nhits ? record_get(res->hits[0].rec, "date") : NULL, now);
    feed_link(out, "self", "application/atom+xml", "/feed.atom", p);
    feed_link(out, "alternate", "text/html", "/search", p);
    buf_addstr(out, "<author><name>履职 lvzhi</name></author>\n");
    for (i = 0; i < res->nhits; i++)
        entry(out, &res->hits[i], now);
    buf_addstr(out, "</feed>\n");
    return buf_error(out);
}
