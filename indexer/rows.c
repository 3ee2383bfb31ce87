/* rows.c - JSON Lines and CSV exports (see rows.h). */
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../common/jsonread.h"
#include "../text/decode.h"

enum field {
    F_URL,
    F_TITLE,
    F_DATE,
    F_SOURCE,
    F_HTML,
    F_TEXT,
    F_CONTENT,
    NFIELD,
    F_NONE = NFIELD
};

/* The names each field goes by in exports (compared without case). */
static const struct {
    const char *name;
    enum field f;
} field_names[] = {
    {"url", F_URL},           {"link", F_URL},        {"href", F_URL},
    {"链接", F_URL},          {"网址", F_URL},        {"title", F_TITLE},
    {"headline", F_TITLE},    {"标题", F_TITLE},      {"date", F_DATE},
    {"published", F_DATE},    {"pubdate", F_DATE},    {"publish_date", F_DATE},
    {"time", F_DATE},         {"日期", F_DATE},       {"发布时间", F_DATE},
    {"时间", F_DATE},         {"source", F_SOURCE},   {"site", F_SOURCE},
    {"来源", F_SOURCE},       {"html", F_HTML},       {"raw_html", F_HTML},
    {"content_html", F_HTML}, {"text", F_TEXT},       {"body", F_TEXT},
    {"正文", F_TEXT},         {"content", F_CONTENT}, {"内容", F_CONTENT},
};

static enum field field_of(const char *name, size_t len)
{
    size_t i;

    while (len && (*name == ' ' || *name == '\t')) {
        name++;
        len--;
    }
    while (len
           && (name[len - 1] == ' ' || name[len - 1] == '\t'
               || name[len - 1] == '\r'))
        len--;
    for (i = 0; i < sizeof(field_names) / sizeof(field_names[0]); i++)
        if (strlen(field_names[i].name) == len
            && strncasecmp(field_names[i].name, name, len) == 0)
            return field_names[i].f;
    return F_NONE;
}

/* One row's fields, as read. */
struct row {
    char *v[NFIELD];
    size_t len[NFIELD];
};

static void row_clear(struct row *r)
{
    size_t i;

    for (i = 0; i < NFIELD; i++)
        free(r->v[i]);
    memset(r, 0, sizeof(*r));
}

static int row_set(struct row *r, enum field f, const char *v, size_t len)
{
    char *copy;

    if (f == F_NONE)
        return 0;
    copy = strndup(v, len);
    if (!copy)
        return LV_ENOMEM;
    free(r->v[f]);
    r->v[f] = copy;
    r->len[f] = strlen(copy); /* a \u0000 ends the value */
    return 0;
}

static int has_markup(const char *s, size_t len)
{
    const char *lt = memchr(s, '<', len < 4096 ? len : 4096);

    return lt
           && (strncasecmp(lt, "<p", 2) == 0 || strncasecmp(lt, "<div", 4) == 0
               || strncasecmp(lt, "<html", 5) == 0
               || strncasecmp(lt, "<!doc", 5) == 0
               || strncasecmp(lt, "<br", 3) == 0
               || strncasecmp(lt, "<span", 5) == 0
               || strncasecmp(lt, "<h", 2) == 0);
}

static int blank(const char *s)
{
    return !s || !s[strspn(s, " \t\r\n")];
}

/* A row into a member (taking its strings), or a problem. */
static int take_row(struct container *c, struct row *r, size_t line)
{
    enum field body = !blank(r->v[F_HTML])      ? F_HTML
                      : !blank(r->v[F_TEXT])    ? F_TEXT
                      : !blank(r->v[F_CONTENT]) ? F_CONTENT
                                                : F_NONE;
    char *id;
    struct member *m;
    int is_html;

    if (body == F_NONE)
        return container_problem(c, line, "no html, text or content field");
    is_html = body == F_HTML
              || (body == F_CONTENT && has_markup(r->v[body], r->len[body]));
    if (!blank(r->v[F_URL])) {
        id = strdup(r->v[F_URL]);
    } else {
        struct buf b = BUF_INIT;

        id = buf_printf(&b, "line %zu", line) < 0 ? NULL : buf_take(&b, NULL);
    }
    m = container_add(c, id, r->v[body], r->len[body], is_html);
    r->v[body] = NULL;
    if (!m)
        return LV_ENOMEM;
    m->url = blank(r->v[F_URL]) ? NULL : r->v[F_URL];
    m->title = r->v[F_TITLE];
    m->date = r->v[F_DATE];
    m->source = r->v[F_SOURCE];
    if (m->url)
        r->v[F_URL] = NULL;
    r->v[F_TITLE] = r->v[F_DATE] = r->v[F_SOURCE] = NULL;
    return 0;
}

static int on_json_field(const char *name, const char *value, size_t len,
                         void *ctx)
{
    return row_set(ctx, field_of(name, strlen(name)), value, len);
}

int rows_read_jsonl(const char *bytes, size_t len, struct container *out,
                    struct lv_err *err)
{
    const char *p = bytes, *end = bytes + len;
    size_t line = 0, rows = 0;
    struct row r = {0};
    int rc = 0;

    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        const char *why = NULL, *q = p;
        size_t col = 0;

        line++;
        while (q < stop && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q < stop) {
            rc = json_read_object(p, (size_t)(stop - p), on_json_field, &r,
                                  &why, &col);
            if (rc == 0)
                rc = take_row(out, &r, line);
            else if (rc == LV_EINVAL)
                rc = container_problem(out, line,
                                       "not valid JSON: %s at "
                                       "column %zu",
                                       why, col);
            rows++;
            row_clear(&r);
        }
        p = stop + 1;
    }
    row_clear(&r);
    if (rc == LV_ENOMEM)
        return lv_err_set(err, rc, "out of memory");
    if (rows == 0)
        return lv_err_set(err, LV_EINVAL, "empty file");
    return rc;
}

/* ---- CSV (RFC 4180: quotes double inside quoted fields) ---------------- */

struct csv {
    const char *p, *end;
    size_t line; /* of p */
    struct buf field;
};

/* The next field into c->field; *last: the record ended after it.
 * LV_EINVAL when a quoted field is not closed. */
static int csv_field(struct csv *c, int *last)
{
    buf_reset(&c->field);
    *last = 0;
    if (c->p < c->end && *c->p == '"') {
        c->p++;
        for (;;) {
            const char *q = memchr(c->p, '"', (size_t)(c->end - c->p));
            const char *s;

            if (!q)
                return LV_EINVAL;
            for (s = c->p; s < q; s++)
                c->line += *s == '\n';
            if (buf_add(&c->field, c->p, (size_t)(q - c->p)) < 0)
                return LV_ENOMEM;
            c->p = q + 1;
            if (c->p < c->end && *c->p == '"') {
                if (buf_addch(&c->field, '"') < 0)
                    return LV_ENOMEM;
                c->p++;
                continue;
            }
            break;
        }
    }
    while (c->p < c->end && *c->p != ',' && *c->p != '\n') {
        if (*c->p != '\r' && buf_addch(&c->field, *c->p) < 0)
            return LV_ENOMEM;
        c->p++;
    }
    if (c->p >= c->end || *c->p == '\n') {
        *last = 1;
        if (c->p < c->end)
            c->line++;
    }
    c->p++;
    return 0;
}

static int read_table(const char *text, size_t len, struct container *out)
{
    struct csv c = {text, text + len, 1, BUF_INIT};
    enum field cols[256];
    size_t ncols = 0, i;
    struct row r = {0};
    int rc = 0, last = 0, have_body = 0;

    /* The header row. */
    while (!last && rc == 0) {
        rc = csv_field(&c, &last);
        if (rc == 0 && ncols < sizeof(cols) / sizeof(cols[0])) {
            cols[ncols] =
                field_of(c.field.data ? c.field.data : "", c.field.len);
            have_body |= cols[ncols] == F_HTML || cols[ncols] == F_TEXT
                         || cols[ncols] == F_CONTENT;
            ncols++;
        }
    }
    if (rc == 0 && !have_body)
        rc = LV_EINVAL;
    while (rc == 0 && c.p < c.end) {
        size_t line = c.line;

        if (*c.p == '\n'
            || (*c.p == '\r' && c.p + 1 < c.end && c.p[1] == '\n')) {
            c.p += *c.p == '\r' ? 2 : 1;
            c.line++;
            continue; /* a blank line */
        }
        for (i = 0, last = 0; !last && rc == 0; i++) {
            rc = csv_field(&c, &last);
            if (rc == 0 && i < ncols)
                rc = row_set(&r, cols[i], c.field.data ? c.field.data : "",
                             c.field.len);
        }
        if (rc == LV_EINVAL) {
            rc = container_problem(out, line,
                                   "a quoted field is not "
                                   "closed; the rest of the file is not "
                                   "read");
            break;
        }
        if (rc == 0)
            rc = take_row(out, &r, line);
        row_clear(&r);
    }
    row_clear(&r);
    buf_release(&c.field);
    return rc;
}

int rows_read_csv(const char *bytes, size_t len, struct container *out,
                  struct lv_err *err)
{
    struct decoded d;
    int rc;

    if (len == 0)
        return lv_err_set(err, LV_EINVAL, "empty file");
    rc = decode_to_utf8(bytes, len, 0, &d, err);
    if (rc < 0)
        return rc;
    rc = read_table(d.text, d.len, out);
    decoded_release(&d);
    if (rc == LV_EINVAL)
        return lv_err_set(err, rc,
                          "the header row names no html, text or "
                          "content column");
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}
