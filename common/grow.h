/*
 * grow.h - room for one more element in a growing array, the one way
 * lvzhi grows its arrays (twice the room each time).
 */
#ifndef LVZHI_GROW_H
#define LVZHI_GROW_H

#include <stddef.h>

/*
 * The array p (n elements of size bytes in use, *cap allocated) with room
 * for one more: p itself when there is room, else a larger copy (*cap
 * doubled, `first` when it was 0).  NULL when out of memory: p and *cap
 * are then as they were.
 */
void *grow_one(void *p, size_t n, size_t *cap, size_t size, size_t first);

#endif
