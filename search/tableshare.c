/*
 * tableshare.c - facet tables shared by revision (see tableshare.h).
 */
#include "tableshare.h"

#include <pthread.h>
#include <stdlib.h>

#include "facettable.h"

#define SHARE_MAX 8 /* revisions held at once: a few searchers behind */

struct entry {
    unsigned long long rev;    /* 0: a free slot */
    struct facet_table *table; /* NULL while being built */
    unsigned refs;
    unsigned long long used; /* when it was last asked for */
};

struct table_share {
    pthread_mutex_t lock;
    pthread_cond_t built; /* a build ended (well or not) */
    struct entry e[SHARE_MAX];
    unsigned long long clock; /* counts the asks */
};

struct table_share *table_share_new(void)
{
    struct table_share *sh = calloc(1, sizeof(*sh));

    if (!sh)
        return NULL;
    pthread_mutex_init(&sh->lock, NULL);
    pthread_cond_init(&sh->built, NULL);
    return sh;
}

void table_share_free(struct table_share *sh)
{
    size_t i;

    if (!sh)
        return;
    for (i = 0; i < SHARE_MAX; i++)
        facet_table_free(sh->e[i].table);
    pthread_cond_destroy(&sh->built);
    pthread_mutex_destroy(&sh->lock);
    free(sh);
}

static struct entry *find(struct table_share *sh, unsigned long long rev)
{
    size_t i;

    for (i = 0; i < SHARE_MAX; i++)
        if (sh->e[i].rev == rev)
            return &sh->e[i];
    return NULL;
}

/* Free the tables nobody holds but the one asked for last (a searcher
 * behind on an old revision does not make the current one go); a free
 * slot, or NULL when every slot is held. */
static struct entry *make_room(struct table_share *sh)
{
    struct entry *slot = NULL, *last = NULL;
    size_t i;

    for (i = 0; i < SHARE_MAX; i++)
        if (sh->e[i].table && (!last || sh->e[i].used > last->used))
            last = &sh->e[i];
    for (i = 0; i < SHARE_MAX; i++) {
        struct entry *e = &sh->e[i];

        if (e->rev && !e->refs && e->table && e != last) {
            facet_table_free(e->table);
            e->table = NULL;
            e->rev = 0;
        }
        if (!e->rev && !slot)
            slot = e;
    }
    return slot;
}

int table_share_get(struct table_share *sh, unsigned long long rev,
                    int (*build)(void *ctx, struct facet_table **out,
                                 struct lv_err *err),
                    void *ctx, struct facet_table **out, struct lv_err *err)
{
    struct entry *e;
    struct facet_table *t = NULL;
    int rc;

    *out = NULL;
    pthread_mutex_lock(&sh->lock);
    while ((e = find(sh, rev)) && !e->table)
        pthread_cond_wait(&sh->built, &sh->lock); /* another builds it */
    if (e) {
        e->refs++;
        e->used = ++sh->clock;
        *out = e->table;
        pthread_mutex_unlock(&sh->lock);
        return 0;
    }
    e = make_room(sh);
    if (e) {
        e->rev = rev; /* being built: others wait */
        e->used = ++sh->clock;
    }
    pthread_mutex_unlock(&sh->lock);

    rc = build(ctx, &t, err); /* (slow: outside the lock) */

    pthread_mutex_lock(&sh->lock);
    if (e && rc == 0) {
        e->table = t;
        e->refs = 1;
    } else if (e) {
        e->rev = 0; /* failed: the next caller tries again */
    }
    pthread_cond_broadcast(&sh->built);
    pthread_mutex_unlock(&sh->lock);
    *out = rc == 0 ? t : NULL; /* (every slot held: a table of its own,
                                  which table_share_put frees) */
    return rc;
}

void table_share_put(struct table_share *sh, struct facet_table *t)
{
    size_t i;

    if (!t)
        return;
    pthread_mutex_lock(&sh->lock);
    for (i = 0; i < SHARE_MAX; i++)
        if (sh->e[i].table == t) {
            sh->e[i].refs--;
            break;
        }
    make_room(sh);
    pthread_mutex_unlock(&sh->lock);
    if (i == SHARE_MAX)
        facet_table_free(t); /* one of its own (table_share_get) */
}

unsigned table_share_count(struct table_share *sh)
{
    unsigned n = 0;
    size_t i;

    pthread_mutex_lock(&sh->lock);
    for (i = 0; i < SHARE_MAX; i++)
        n += sh->e[i].table != NULL;
    pthread_mutex_unlock(&sh->lock);
    return n;
}
