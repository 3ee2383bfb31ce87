/*
 * cache.c - the page cache (see cache.h).  Set-associative: a key hashes
 * to one set of CACHE_WAYS entries and replaces the least recently used
 * of them, so a few hot pages that hash alike do not keep evicting each
 * other (which a direct-mapped table does to about a third of any 15
 * pages).  One mutex: the work under it is a hash, a few string compares
 * and a copy, small next to a search.  Pages being made are listed too,
 * so that a burst of one new request searches once, not once per thread.
 */
#include "cache.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/hash.h"

#define CACHE_WAYS 4
#define CACHE_SETS (CACHE_SLOTS / CACHE_WAYS)
#define CACHE_MAKING 32       /* pages being made, at most */
#define CACHE_WAIT_SECONDS 10 /* a waiter gives up after this */

struct entry {
    char *key;
    char *body;
    size_t len;
    unsigned long long rev;
    unsigned long long used; /* LRU clock */
    unsigned status;
    const char *type;
};

struct making {
    uint64_t hash;
    unsigned long long rev;
    int busy;
};

struct page_cache {
    pthread_mutex_t lock;
    pthread_cond_t made;
    unsigned long long clock;
    struct entry slots[CACHE_SETS][CACHE_WAYS];
    struct making making[CACHE_MAKING];
};

struct page_cache *page_cache_new(void)
{
    struct page_cache *c = calloc(1, sizeof(*c));

    if (c) {
        pthread_mutex_init(&c->lock, NULL);
        pthread_cond_init(&c->made, NULL);
    }
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
    size_t i, w;

    if (!c)
        return;
    for (i = 0; i < CACHE_SETS; i++)
        for (w = 0; w < CACHE_WAYS; w++)
            clear(&c->slots[i][w]);
    pthread_cond_destroy(&c->made);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static struct entry *find(struct page_cache *c, const char *key,
                          unsigned long long rev)
{
    struct entry *set = c->slots[hash64(key, strlen(key)) % CACHE_SETS];
    size_t w;

    for (w = 0; w < CACHE_WAYS; w++)
        if (set[w].key && set[w].rev == rev && strcmp(set[w].key, key) == 0)
            return &set[w];
    return NULL;
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
    e = find(c, key, rev);
    if (e) {
        copy = malloc(e->len ? e->len : 1);
        if (copy) {
            memcpy(copy, e->body, e->len);
            *len = e->len;
            *status = e->status;
            *type = e->type;
            e->used = ++c->clock;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return copy;
}

void page_cache_put(struct page_cache *c, const char *key,
                    unsigned long long rev, const char *body, size_t len,
                    unsigned status, const char *type)
{
    struct entry *set, *e, fresh = {0};
    size_t w;

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
    set = c->slots[hash64(key, strlen(key)) % CACHE_SETS];
    /* The same key (an older revision), else an empty way, else the
     * least recently used one. */
    e = &set[0];
    for (w = 0; w < CACHE_WAYS; w++) {
        if (set[w].key && strcmp(set[w].key, key) == 0) {
            e = &set[w];
            break;
        }
        if (!set[w].key || (e->key && set[w].used < e->used))
            e = &set[w];
    }
    clear(e);
    fresh.used = ++c->clock;
    *e = fresh;
    pthread_mutex_unlock(&c->lock);
}

int page_cache_claim(struct page_cache *c, const char *key,
                     unsigned long long rev)
{
    uint64_t h;
    struct timespec until;
    size_t i, free_slot = CACHE_MAKING;
    int waited = 0;

    if (!c || !rev)
        return 0;
    h = hash64(key, strlen(key));
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += CACHE_WAIT_SECONDS;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        for (i = 0; i < CACHE_MAKING; i++)
            if (c->making[i].busy && c->making[i].hash == h
                && c->making[i].rev == rev)
                break;
        if (i == CACHE_MAKING)
            break; /* nobody is making it (any more) */
        waited = 1;
        if (pthread_cond_timedwait(&c->made, &c->lock, &until) == ETIMEDOUT)
            break;
    }
    if (waited && find(c, key, rev)) {
        pthread_mutex_unlock(&c->lock);
        return CACHE_LOOK_AGAIN;
    }
    for (i = 0; i < CACHE_MAKING && free_slot == CACHE_MAKING; i++)
        if (!c->making[i].busy)
            free_slot = i;
    if (free_slot < CACHE_MAKING) {
        c->making[free_slot].busy = 1;
        c->making[free_slot].hash = h;
        c->making[free_slot].rev = rev;
    }
    pthread_mutex_unlock(&c->lock);
    return free_slot < CACHE_MAKING ? CACHE_CLAIMED : 0;
}

void page_cache_done(struct page_cache *c, const char *key,
                     unsigned long long rev)
{
    uint64_t h;
    size_t i;

    if (!c || !rev)
        return;
    h = hash64(key, strlen(key));
    pthread_mutex_lock(&c->lock);
    for (i = 0; i < CACHE_MAKING; i++)
        if (c->making[i].busy && c->making[i].hash == h
            && c->making[i].rev == rev) {
            c->making[i].busy = 0;
            break;
        }
    pthread_cond_broadcast(&c->made);
    pthread_mutex_unlock(&c->lock);
}
