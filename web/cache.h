/*
 * cache.h - rendered pages kept per index revision, shared by the server's
 * threads.  A page is reused only for the same request at the same index
 * revision, so a commit by `lvzhi index` invalidates everything at once.
 * Bounded: CACHE_SLOTS entries (4-way set-associative, least recently
 * used out) of at most CACHE_MAX_PAGE bytes each.
 */
#ifndef LVZHI_CACHE_H
#define LVZHI_CACHE_H

#include <stddef.h>

#include "../common/err.h"

#define CACHE_SLOTS 256
#define CACHE_MAX_PAGE (256 * 1024)

struct page_cache;

LV_MUST_CHECK
struct page_cache *page_cache_new(void);
void page_cache_free(struct page_cache *c);

/* A malloc'd copy of the page for key at rev (caller frees), or NULL. */
char *page_cache_get(struct page_cache *c, const char *key,
                     unsigned long long rev, size_t *len, unsigned *status,
                     const char **type);

/* Keep a copy of a page (type must be a static string).  Pages over
 * CACHE_MAX_PAGE are not kept; failures are silent (it is a cache). */
void page_cache_put(struct page_cache *c, const char *key,
                    unsigned long long rev, const char *body, size_t len,
                    unsigned status, const char *type);

/*
 * After a miss: whether to make the page.  When another thread is making
 * the same page (same key and revision), wait for it (10 s at most) and
 * return CACHE_LOOK_AGAIN if the page is now cached.  Otherwise return
 * CACHE_CLAIMED (make it, put it, then call page_cache_done) or 0 (make
 * it; too many pages are being made to list this one).
 */
enum { CACHE_CLAIMED = 1, CACHE_LOOK_AGAIN = 2 };
int page_cache_claim(struct page_cache *c, const char *key,
                     unsigned long long rev);

/* The page claimed is made (or failed): wake who waits for it. */
void page_cache_done(struct page_cache *c, const char *key,
                     unsigned long long rev);

#endif
