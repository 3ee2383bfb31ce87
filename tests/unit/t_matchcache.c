/* t_matchcache.c - text match sets: kept per key and revision, shared
 * by reference, dropped least recently used over the byte budget, freed
 * only once no search holds them (ASan and LSan watch the frees). */
#include <stdlib.h>
#include <string.h>

#include "../../search/matchcache.h"
#include "tap.h"

static struct match_set *set_of(unsigned n)
{
    struct match_set *s = match_set_new();
    unsigned i;

    for (i = 1; s && i <= n; i++)
        if (match_set_add(s, i * 2, 1.0 / i) < 0)
            return NULL;
    return s;
}

int main(void)
{
    /* Room for four sets of 1,000 matches (12,352 bytes each), and a
     * quarter of it is just enough for one. */
    struct match_cache *c = match_cache_new(50000);
    const struct match_set *a, *b, *got;
    struct match_set *s;

    s = set_of(1000);
    ok(s && s->n == 1000 && s->docids[0] == 2 && s->max_weight == 1.0,
       "a set holds its docids and weights");
    a = match_cache_put(c, "q=委员", 7, s);
    ok(a == s, "put keeps it and hands back a reference");
    got = match_cache_get(c, "q=委员", 7);
    ok(got == a, "the same text at the same revision finds it");
    match_cache_release(c, got);
    ok(!match_cache_get(c, "q=委员", 8), "not at another revision");
    ok(!match_cache_get(c, "q=委员", 7),
       "and a newer revision asked for drops the older set");
    match_cache_release(c, a); /* off the list and let go: freed */

    a = match_cache_put(c, "a", 9, set_of(1000));
    b = match_cache_put(c, "b", 9, set_of(1000)); /* b stays held */
    match_cache_release(c, match_cache_put(c, "c", 9, set_of(1000)));
    match_cache_release(c, match_cache_put(c, "d", 9, set_of(1000)));
    got = match_cache_get(c, "a", 9); /* a is now the most recent */
    match_cache_release(c, got);
    match_cache_release(c, match_cache_put(c, "e", 9, set_of(1000)));
    got = match_cache_get(c, "b", 9);
    ok(!got, "over the budget the least recent goes");
    match_cache_release(c, got);
    got = match_cache_get(c, "c", 9);
    ok(got != NULL, "and only it");
    match_cache_release(c, got);
    ok(b->n == 1000 && b->docids[999] == 2000,
       "a set dropped while a search holds it stays whole");
    match_cache_release(c, b); /* the last reference: freed now */
    match_cache_release(c, a);
    s = set_of(2000);
    got = match_cache_put(c, "huge", 9, s);
    ok(got == s && !match_cache_get(c, "huge", 9),
       "a set over a quarter of the budget is used but not kept");
    match_cache_release(c, got); /* frees it */
    match_cache_free(c);
    return tap_done();
}
