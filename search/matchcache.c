/*
 * matchcache.c - match sets of text queries by (key, revision); see
 * matchcache.h.  A short list under one mutex: lookups compare a few
 * strings, nothing next to the search they save.  A set leaves the list
 * when it is the least recently used and the bytes are over budget, or
 * when its revision is old; it is freed when it is off the list and the
 * last search holding it lets go.
 */
#include "matchcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../common/err.h"

#define MATCH_CACHE_ENTRIES 64

struct match_cache {
    pthread_mutex_t lock;
    size_t max_bytes, bytes;
    unsigned long long clock;
    struct match_set *list[MATCH_CACHE_ENTRIES];
};

struct match_set *match_set_new(void)
{
    return calloc(1, sizeof(struct match_set));
}

int match_set_add(struct match_set *s, unsigned docid, double weight)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        unsigned *ids = realloc(s->docids, cap * sizeof(*ids));
        double *w;

        if (!ids)
            return LV_ENOMEM;
        s->docids = ids;
        w = realloc(s->weights, cap * sizeof(*w));
        if (!w)
            return LV_ENOMEM;
        s->weights = w;
        s->cap = cap;
    }
    s->docids[s->n] = docid;
    s->weights[s->n] = weight;
    s->n++;
    if (weight > s->max_weight)
        s->max_weight = weight;
    return 0;
}

void match_set_free(struct match_set *s)
{
    if (!s)
        return;
    free(s->docids);
    free(s->weights);
    free(s->by_relevance);
    free(s->by_newest);
    free(s->by_oldest);
    free(s->facet_counts);
    free(s->key);
    free(s);
}

static size_t set_bytes(const struct match_set *s)
{
    return s->cap * (sizeof(*s->docids) + sizeof(*s->weights))
           + (s->by_relevance ? 3 * s->n * sizeof(uint32_t) : 0)
           + s->nfacet_ids * sizeof(unsigned) + 64;
}

struct match_cache *match_cache_new(size_t max_bytes)
{
    struct match_cache *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    pthread_mutex_init(&c->lock, NULL);
    c->max_bytes = max_bytes;
    return c;
}

void match_cache_free(struct match_cache *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < MATCH_CACHE_ENTRIES; i++)
        match_set_free(c->list[i]);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* Take list[i] off the list (under the lock). */
static void unlist(struct match_cache *c, size_t i)
{
    struct match_set *s = c->list[i];

    c->list[i] = NULL;
    c->bytes -= set_bytes(s);
    s->listed = 0;
    if (s->refs == 0)
        match_set_free(s);
}

const struct match_set *match_cache_get(struct match_cache *c, const char *key,
                                        unsigned long long rev)
{
    struct match_set *found = NULL;
    size_t i;

    if (!c || !rev)
        return NULL;
    pthread_mutex_lock(&c->lock);
    for (i = 0; i < MATCH_CACHE_ENTRIES; i++) {
        struct match_set *s = c->list[i];

        if (s && s->rev != rev) {
            unlist(c, i); /* an older revision: never asked for again */
        } else if (s && !found && strcmp(s->key, key) == 0) {
            s->refs++;
            s->used = ++c->clock;
            found = s;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

const struct match_set *match_cache_put(struct match_cache *c, const char *key,
                                        unsigned long long rev,
                                        struct match_set *s)
{
    size_t i, slot, lru;

    s->refs = 1;
    s->rev = rev;
    s->key = strdup(key);
    if (!c || !rev || !s->key || set_bytes(s) > c->max_bytes / 4)
        return s; /* not kept: freed by its release */
    pthread_mutex_lock(&c->lock);
    s->used = ++c->clock;
    /* Room: drop the least recently used while full or over budget. */
    for (;;) {
        slot = lru = MATCH_CACHE_ENTRIES;
        for (i = 0; i < MATCH_CACHE_ENTRIES; i++) {
            if (!c->list[i])
                slot = slot < MATCH_CACHE_ENTRIES ? slot : i;
            else if (lru == MATCH_CACHE_ENTRIES
                     || c->list[i]->used < c->list[lru]->used)
                lru = i;
        }
        if ((slot < MATCH_CACHE_ENTRIES
             && c->bytes + set_bytes(s) <= c->max_bytes)
            || lru == MATCH_CACHE_ENTRIES)
            break;
        unlist(c, lru);
    }
    if (slot < MATCH_CACHE_ENTRIES) {
        c->list[slot] = s;
        c->bytes += set_bytes(s);
        s->listed = 1;
    }
    pthread_mutex_unlock(&c->lock);
    return s;
}

void match_cache_release(struct match_cache *c, const struct match_set *cs)
{
    struct match_set *s = (struct match_set *)cs; /* ours to count */

    if (!s)
        return;
    if (c)
        pthread_mutex_lock(&c->lock);
    if (--s->refs == 0 && !s->listed) {
        if (c)
            pthread_mutex_unlock(&c->lock);
        match_set_free(s);
        return;
    }
    if (c)
        pthread_mutex_unlock(&c->lock);
}
