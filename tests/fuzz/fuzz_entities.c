/* fuzz_entities.c - entity extraction on any text: no crash, every name
 * valid UTF-8 and inside the input's vocabulary of shapes (places from
 * the gazetteer, at most one primary city listed first, an identity key
 * "city·name" (or the name alone) per workstation, brands without their
 * quotes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/entities.h"
#include "../../text/tokens.h"
#include "../../text/utf8.h"

static void valid(const char *s)
{
    if (!s || !utf8_valid(s, strlen(s)))
        abort();
}

/* A workstation's key is "city·name", or the name alone (no city). */
static int is_key_of(const char *key, const char *name)
{
    size_t k = strlen(key), n = strlen(name);

    if (!name[0])
        return 0;
    if (strcmp(key, name) == 0)
        return 1;
    return k > n + 2 && strcmp(key + k - n, name) == 0
           && strncmp(key + k - n - 2, "·", 2) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct tokenizer *tok; /* kept for the whole run */
    char *text = utf8_sanitize((const char *)data, size, NULL);
    char *body, *nl;
    struct entities *e = NULL;
    size_t i, nprimary = 0;

    if (!text || (!tok && tokenizer_new(&tok, NULL) < 0)) {
        free(text);
        return 0;
    }
    /* First line: the title; the rest: the body. */
    nl = strchr(text, '\n');
    body = nl ? nl + 1 : text + strlen(text);
    if (nl)
        *nl = '\0';
    if (entities_extract(text, body, nl ? "蘭州日報" : NULL, tok, &e, NULL)
        == 0) {
        for (i = 0; i < e->nplaces; i++)
            if (!e->places[i].row || !e->places[i].row->full[0])
                abort();
        for (i = 0; i < e->ncities; i++) {
            valid(e->cities[i].name);
            if (e->cities[i].role == CITY_PRIMARY && (nprimary++ || i > 0))
                abort(); /* one primary, and it comes first */
        }
        for (i = 0; i < e->nsectors; i++)
            valid(e->sectors[i]);
        for (i = 0; i < e->nworkstations; i++) {
            valid(e->workstations[i]);
            valid(e->workstation_keys[i]);
            if (!is_key_of(e->workstation_keys[i], e->workstations[i]))
                abort();
        }
        for (i = 0; i < e->nbrands; i++) {
            valid(e->brands[i]);
            if (!e->brands[i][0])
                abort();
        }
        for (i = 0; i < e->nunresolved; i++)
            valid(e->unresolved[i]);
        entities_free(e);
    }
    free(text);
    return 0;
}
