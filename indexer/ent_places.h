/*
 * ent_places.h - the places an article names (resolved through the
 * gazetteer, short forms only where the domain's rules allow) and its
 * municipalities, weighed to find the primary one.
 */
#ifndef LVZHI_ENT_PLACES_H
#define LVZHI_ENT_PLACES_H

#include "../common/err.h"
#include "entities.h"

/* Fill e's places, unresolved names and cities from the simplified
 * title, body and source (NULL: none).  0 or LV_ENOMEM. */
LV_MUST_CHECK
int ent_places_find(struct entities *e, const char *title, const char *body,
                    const char *source);

#endif
