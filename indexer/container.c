/* container.c - read files that hold many articles (see container.h). */
#include "container.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/grow.h"
#include "../common/buf.h"
#include "rows.h"
#include "warc.h"

int container_type(const char *type)
{
    return strcmp(type, "warc") == 0 || strcmp(type, "jsonl") == 0
           || strcmp(type, "csv") == 0;
}

struct member *container_add(struct container *c, char *id, char *bytes,
                             size_t len, int is_html)
{
    struct member *m, *v;

    if (!id || !bytes)
        goto fail;
    v = grow_one(c->members, c->n, &c->cap, sizeof(*v), 16);
    if (!v)
        goto fail;
    c->members = v;
    m = &c->members[c->n++];
    memset(m, 0, sizeof(*m));
    m->id = id;
    m->bytes = bytes;
    m->len = len;
    m->is_html = is_html;
    return m;
fail:
    free(id);
    free(bytes);
    return NULL;
}

int container_problem(struct container *c, size_t line, const char *fmt, ...)
{
    struct buf b = BUF_INIT;
    va_list ap;
    int rc;

    rc = line ? buf_printf(&b, "line %zu: ", line) : 0;
    if (rc == 0) {
        va_start(ap, fmt);
        rc = buf_vprintf(&b, fmt, ap);
        va_end(ap);
    }
    if (rc < 0) {
        buf_release(&b);
        return LV_ENOMEM;
    }
    return strv_push(&c->problems, buf_take(&b, NULL));
}

static void member_release(struct member *m)
{
    free(m->id);
    free(m->bytes);
    free(m->charset);
    free(m->title);
    free(m->date);
    free(m->source);
    free(m->url);
}

struct placed {
    const char *id;
    size_t place;
};

static int by_id_then_place(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    int c = strcmp(x->id, y->id);

    return c ? c : (x->place > y->place) - (x->place < y->place);
}

/* Keep the last member of each id, in file order (sorting by id and
 * place finds repeats in n log n). */
static int drop_repeats(struct container *c)
{
    struct placed *order;
    size_t i, k;
    char *gone;

    if (c->n < 2)
        return 0;
    order = malloc(c->n * sizeof(*order));
    gone = calloc(c->n, 1);
    if (!order || !gone) {
        free(order);
        free(gone);
        return LV_ENOMEM;
    }
    for (i = 0; i < c->n; i++) {
        order[i].id = c->members[i].id;
        order[i].place = i;
    }
    qsort(order, c->n, sizeof(*order), by_id_then_place);
    for (i = 0; i + 1 < c->n; i++)
        if (strcmp(order[i].id, order[i + 1].id) == 0)
            gone[order[i].place] = 1;
    for (i = k = 0; i < c->n; i++) {
        if (gone[i])
            member_release(&c->members[i]);
        else
            c->members[k++] = c->members[i];
    }
    c->n = k;
    free(order);
    free(gone);
    return 0;
}

int container_read(const char *type, const char *bytes, size_t len,
                   struct container *out, struct lv_err *err)
{
    int rc;

    memset(out, 0, sizeof(*out));
    if (strcmp(type, "warc") == 0)
        rc = warc_read(bytes, len, out, err);
    else if (strcmp(type, "jsonl") == 0)
        rc = rows_read_jsonl(bytes, len, out, err);
    else if (strcmp(type, "csv") == 0)
        rc = rows_read_csv(bytes, len, out, err);
    else
        rc = lv_err_set(err, LV_EINVAL, "not a container type");
    if (rc == 0 && drop_repeats(out) < 0)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    return rc;
}

void container_release(struct container *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        member_release(&c->members[i]);
    free(c->members);
    strv_release(&c->problems);
    free(c->skipped);
    memset(c, 0, sizeof(*c));
}
