/* t_cache.c - the web page cache: per-revision hits, a few hot pages
 * never evict each other, least recently used out, and one request makes
 * a page while the others wait for it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../web/cache.h"
#include "tap.h"

static struct page_cache *cache;
static int waiter_result;

static void *waiter(void *arg)
{
    (void)arg;
    waiter_result = page_cache_claim(cache, "/search?q=x", 7);
    return NULL;
}

int main(void)
{
    char key[64], *body;
    size_t len, i, found = 0;
    unsigned status;
    const char *type;
    pthread_t t;

    cache = page_cache_new();
    page_cache_put(cache, "/a", 1, "page", 4, 200, "text/html");
    body = page_cache_get(cache, "/a", 1, &len, &status, &type);
    ok(body && len == 4 && memcmp(body, "page", 4) == 0 && status == 200,
       "a page put is got back");
    free(body);
    ok(!page_cache_get(cache, "/a", 2, &len, &status, &type),
       "not at another index revision");

    /* 15 hot pages, two of which (q=1 and q=50) share a slot of a
     * direct-mapped table of 256: with 4 ways per set both stay. */
    for (i = 0; i < 15; i++) {
        snprintf(key, sizeof(key), "/search?q=%zu", i == 14 ? (size_t)50 : i);
        page_cache_put(cache, key, 1, key, strlen(key), 200, "text/html");
    }
    for (i = 0; i < 15; i++) {
        snprintf(key, sizeof(key), "/search?q=%zu", i == 14 ? (size_t)50 : i);
        body = page_cache_get(cache, key, 1, &len, &status, &type);
        found += body && len == strlen(key) && memcmp(body, key, len) == 0;
        free(body);
    }
    is_int((int)found, 15, "15 hot pages are all kept");

    /* One request claims the making of a page; a second one for the same
     * page waits, and is told to look again once it is there. */
    is_int(page_cache_claim(cache, "/search?q=x", 7), CACHE_CLAIMED,
           "the first miss claims the page");
    pthread_create(&t, NULL, waiter, NULL);
    usleep(100000);
    is_int(waiter_result, 0, "a second request for it waits");
    page_cache_put(cache, "/search?q=x", 7, "made", 4, 200, "text/html");
    page_cache_done(cache, "/search?q=x", 7);
    pthread_join(t, NULL);
    is_int(waiter_result, CACHE_LOOK_AGAIN, "and looks again when it is made");
    is_int(page_cache_claim(cache, "/search?q=y", 7), CACHE_CLAIMED,
           "another page is claimed separately");
    page_cache_done(cache, "/search?q=y", 7);
    is_int(page_cache_claim(cache, "/search?q=y", 7), CACHE_CLAIMED,
           "a page whose maker gave up can be claimed again");
    page_cache_done(cache, "/search?q=y", 7);
    page_cache_free(cache);
    return tap_done();
}
