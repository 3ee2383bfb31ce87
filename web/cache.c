/*
 * cache.c - the page cache (see cache.h).  One mutex: the work under it is
 * a hash, a string compare and a copy, small next to a search.
 */
#include "cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    char *body;
    size_t len;
    unsigned long long rev;
    unsigned status;
    const char *type;
};

struct page_cache {
    pthread_mutex_t lock;
    struct entry slots[CACHE_SLOTS];
};

struct page_cache *page_cache_new(void)
{
    struct page_cache *c = calloc(1, sizeof(*c));

    if (c)
        pthread_mutex_init(&c->lock, NULL);
    return c;
}

static void clear(struct entry *e)
{
    free(e->key);
    free(e->body);
    memset(e, 0, sizeof(*e));
}

void page_cache_free(struct page_cache *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < CACHE_SLOTS; i++)
        clear(&c->slots[i]);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static struct entry *slot(struct page_cache *c, const char *key)
{
    size_t h = 1469598103934665603ULL;

    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 1099511628211ULL;
    return &c->slots[h % CACHE_SLOTS];
}

char *page_cache_get(struct page_cache *c, const char *key,
                     unsigned long long rev, size_t *len, unsigned *status,
                     const char **type)
{
    struct entry *e;
    char *copy = NULL;

    if (!c || !rev)
        return NULL;
    pthread_mutex_lock(&c->lock);
    e = slot(c, key);
    if (e->key && e->rev == rev && strcmp(e->key, key) == 0) {
        copy = malloc(e->len ? e->len : 1);
        if (copy) {
            memcpy(copy, e->body, e->len);
            *len = e->len;
            *status = e->status;
            *type = e->type;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return copy;
}

void page_cache_put(struct page_cache *c, const char *key,
                    unsigned long long rev, const char *body, size_t len,
                    unsigned status, const char *type)
{
    struct entry *e, fresh = { 0 };

    if (!c || !rev || len > CACHE_MAX_PAGE)
        return;
    fresh.key = strdup(key);
    fresh.body = malloc(len ? len : 1);
    if (!fresh.key || !fresh.body) {
        clear(&fresh);
        return;
    }
    memcpy(fresh.body, body, len);
    fresh.len = len;
    fresh.rev = rev;
    fresh.status = status;
    fresh.type = type;
    pthread_mutex_lock(&c->lock);
    e = slot(c, key);
    clear(e);
    *e = fresh;
    pthread_mutex_unlock(&c->lock);
}
