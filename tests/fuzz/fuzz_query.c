/* fuzz_query.c - the query parser accepts or refuses anything without
 * crashing, and snippets of the input against itself stay in bounds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../search/query.h"
#include "../../search/snippet.h"
#include "../../text/tokens.h"
#include "../../text/utf8.h"

static struct tokenizer *tok;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct query q;
    struct query_input in = { NULL, NULL, 0, NULL, NULL, 0 };
    struct snippet sn;
    char *s = malloc(size + 1);
    size_t i;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (!tok && tokenizer_new(&tok, NULL) < 0)
        abort();
    in.text = s;
    if (query_parse(&in, tok, &q, NULL) == 0) {
        char *body = utf8_sanitize(s, strlen(s), NULL);

        if (body && snippet_make(body, strlen(body), q.highlight,
                                 q.nhighlight, 40, &sn, NULL) == 0) {
            if (!utf8_valid(sn.text, sn.len))
                abort();
            for (i = 0; i < sn.nspans; i++)
                if (sn.spans[i].end > sn.len
                    || sn.spans[i].start >= sn.spans[i].end)
                    abort();
            snippet_release(&sn);
        }
        /* which parts a text holds: at most one bit per part */
        if (body && q.nparts < 64
            && (query_parts_in(&q, body, body) >> q.nparts) != 0)
            abort();
        free(body);
        query_release(&q);
    }
    in.partial = 1;   /* the relaxed pass: NULL exactly when not relaxable */
    if (query_parse(&in, tok, &q, NULL) == 0) {
        if ((q.xq != NULL) != (q.relaxable != 0))
            abort();
        query_release(&q);
    }
    free(s);
    return 0;
}
