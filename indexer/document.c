/*
 * document.c - article → Xapian document (see document.h).
 *
 * Only Han bigrams carry positions: a piece of query text matches as the
 * phrase of its bigrams (an exact substring match, whatever the word
 * segmentation), and its ICU words, without positions, rank documents
 * where it stands as a whole word first.  Positions for words too would
 * cost a quarter more index for no extra precision.  The title is indexed
 * first and the body after a gap, so a phrase never joins them.  Title
 * words are also added with extra wdf, which is how BM25 learns that the
 * title matters more, and under their own prefixes for title: searches.
 * The lead paragraph's terms are added once more, without positions: it
 * says what the article is about (dev set nDCG@10 0.846 → 0.855; twice
 * more gained 0.001 and cost the slogans).
 */
#include "document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/hash.h"
#include "../common/record.h"
#include "../text/norm.h"
#include "../text/utf8.h"
#include "../text/tokens.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "entities.h"

#define TITLE_EXTRA_WDF 4  /* a title word counts five times a body word */
#define POS_GAP 100        /* between title and body streams */
#define LEAD_EXTRA_WDF 1   /* the lead paragraph's terms count once more */
#define LEAD_MAX_BYTES 600 /* of the lead paragraph (about 200 characters) */

/* State for one tokenizer run. */
struct emit {
    struct xdoc *doc;
    struct lv_err *err;
    const char *word_pfx, *bigram_pfx; /* "" and "G", or "S" and "T" */
    unsigned word_base, bigram_base;   /* added to token positions */
    unsigned last_word, last_bigram;   /* highest position emitted */
    unsigned wdf;
    int no_positions; /* wdf only: the lead's extra */
    char term[SCHEMA_MAX_TERM + 8];
};

static int emit_token(const struct token *t, void *ctx)
{
    struct emit *e = ctx;
    const char *pfx = t->kind == TOKEN_WORD ? e->word_pfx : e->bigram_pfx;
    size_t plen = strlen(pfx);
    unsigned pos;

    if (t->len == 0 || plen + t->len > SCHEMA_MAX_TERM)
        return 0; /* Xapian refuses long terms; nobody searches them */
    memcpy(e->term, pfx, plen);
    memcpy(e->term + plen, t->text, t->len);
    e->term[plen + t->len] = '\0';
    if (e->no_positions)
        return xdoc_add_term(e->doc, e->term, e->wdf, e->err);
    if (t->kind == TOKEN_WORD) {
        pos = e->word_base + t->pos;
        if (pos > e->last_word)
            e->last_word = pos;
    } else {
        pos = e->bigram_base + t->pos;
        if (pos > e->last_bigram)
            e->last_bigram = pos;
    }
    /* Words carry no positions (they rank; bigram phrases match): half
     * the position table for the same recall. */
    if (t->kind == TOKEN_WORD)
        return xdoc_add_term(e->doc, e->term, e->wdf, e->err);
    return xdoc_add_posting(e->doc, e->term, pos, e->wdf, e->err);
}

/* Normalise text and add its tokens with the given prefixes; with keep,
 * hand the normalised text over (else it is released). */
static int index_text(struct emit *e, struct tokenizer *tok, const char *text,
                      size_t len, struct norm *keep)
{
    struct norm n = {0};
    int rc;

    if (len == 0)
        return 0;
    rc = norm_text(text, len, 0, &n, e->err);
    if (rc == 0)
        rc = tokenizer_run(tok, n.text, n.len, emit_token, e, e->err);
    if (rc == 0 && keep)
        *keep = n;
    else
        norm_release(&n);
    return rc;
}

/* The hex id of a file or of a member: the hash of the key, or of the
 * key, a newline (no path holds one) and the member's id. */
static int document_id(const char *key, const char *member, char *hex)
{
    struct buf b = BUF_INIT;

    if (!member) {
        hash_hex(key, strlen(key), hex);
        return 0;
    }
    if (buf_printf(&b, "%s\n%s", key, member) < 0)
        return LV_ENOMEM;
    hash_hex(b.data, b.len, hex);
    buf_release(&b);
    return 0;
}

void document_member_uid_term(const char *key, const char *member,
                              char *uid_term)
{
    char hex[HASH_HEX_LEN + 1] = "";

    document_id(key, member, hex); /* out of memory: "Q", found nowhere */
    snprintf(uid_term, 64, "%s%s", PFX_UID, hex);
}

void document_uid_term(const char *key, char *uid_term)
{
    document_member_uid_term(key, NULL, uid_term);
}

struct record *document_record(const struct article *a,
                               const struct document_source *src)
{
    struct record *r = record_new();
    char id[HASH_HEX_LEN + 1];

    if (!r || document_id(src->key, src->member, id) < 0) {
        record_free(r);
        return NULL;
    }
    if (record_add(r, "id", id) < 0 || record_add(r, "title", a->title) < 0
        || record_add(r, "date", a->date) < 0
        || record_add(r, "date_from", article_date_from_name(a->date_from)) < 0
        || record_add(r, "source", a->source) < 0
        || record_add(r, "url", a->url) < 0
        || record_add(r, "path", src->key) < 0
        || record_add(r, "member", src->member) < 0
        || record_add(r, "type", src->type) < 0
        || record_add(r, "charset", a->charset[0] ? a->charset : NULL) < 0
        || record_add(r, "pages", a->pages) < 0
        || record_add(r, "body", a->body ? a->body : "") < 0) {
        record_free(r);
        return NULL;
    }
    return r;
}

/* Add a boolean term "prefix + value", skipping values that are too long. */
static int add_bool(struct xdoc *doc, const char *prefix, const char *value,
                    struct lv_err *err)
{
    char term[SCHEMA_MAX_TERM + 1];
    int n = snprintf(term, sizeof(term), "%s%s", prefix, value);

    if (n < 0 || (size_t)n >= sizeof(term) || !*value)
        return 0;
    return xdoc_add_boolean(doc, term, err);
}

/* term = prefix + value normalised as the query normalises a filter's
 * value (norm_string), so city:蘭州市 finds 兰州市.  1 when made, 0 when
 * value is empty or too long to be a term, or an error. */
static int norm_term(const char *prefix, const char *value,
                     char term[SCHEMA_MAX_TERM + 1], struct lv_err *err)
{
    char *key;
    int n, rc = norm_string(value, &key, err);

    if (rc < 0)
        return rc;
    n = snprintf(term, SCHEMA_MAX_TERM + 1, "%s%s", prefix, key);
    free(key);
    return n >= 0 && n <= SCHEMA_MAX_TERM && *value;
}

/* A workstation's name alone as a filter term. */
static int add_name_filter(struct xdoc *doc, const char *name,
                           struct lv_err *err)
{
    char term[SCHEMA_MAX_TERM + 1];
    int rc = norm_term(PFX_WORKSTATION_NAME, name, term, err);

    return rc > 0 ? xdoc_add_boolean(doc, term, err) : rc;
}

/*
 * A facet term: boolean term for filtering, and a line in the facet value
 * (which the writing thread turns into facet ids, xapian/facetdict.h).
 * Values are normalised exactly as filter values from a query are
 * (norm_string), so city:蘭州市 finds 兰州市.
 */
static int add_facet(struct xdoc *doc, struct buf *facets, const char *prefix,
                     const char *value, struct lv_err *err)
{
    char term[SCHEMA_MAX_TERM + 1];
    int rc = norm_term(prefix, value, term, err);
    size_t i;

    if (rc <= 0)
        return rc; /* too long to be a term: left out */
    for (i = 0; term[i]; i++)
        if ((unsigned char)term[i] < 0x20)
            return 0; /* a value is one line of the facet value: a
                         name broken over lines is no name */
    rc = xdoc_add_boolean(doc, term, err);
    if (rc == 0
        && (buf_addstr(facets, term) < 0 || buf_addch(facets, '\n') < 0))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    return rc;
}

/* Entities as facet terms and as record fields. */
static int add_entities(struct xdoc *doc, struct record *rec,
                        const struct entities *en, struct buf *facets,
                        struct lv_err *err)
{
    static const char *const role_key[] = {"city0", "city", "city2"};
    size_t i;
    int rc = 0;

    for (i = 0; i < en->ncities && rc == 0; i++) {
        const struct entity_city *c = &en->cities[i];

        if (record_add(rec, role_key[c->role], c->name) < 0)
            rc = LV_ENOMEM;
        if (rc == 0 && c->role == CITY_PRIMARY)
            rc = add_facet(doc, facets, PFX_CITY, c->name, err);
    }
    if (rc == 0 && en->province) {
        if (record_add(rec, "province", en->province) < 0)
            rc = LV_ENOMEM;
        else
            rc = add_facet(doc, facets, PFX_PROVINCE, en->province, err);
    }
    for (i = 0; i < en->nplaces && rc == 0; i++) {
        const struct gaz_row *r = en->places[i].row;
        size_t j;

        if (r->level != GAZ_COUNTY)
            continue;
        /* two counties of one name (城关区 in two cities): one term */
        for (j = 0; j < i; j++)
            if (strcmp(en->places[j].row->full, r->full) == 0)
                break;
        if (j < i)
            continue;
        if (record_add(rec, "county", r->full) < 0)
            rc = LV_ENOMEM;
        else
            rc = add_facet(doc, facets, PFX_COUNTY, r->full, err);
    }
    for (i = 0; i < en->nsectors && rc == 0; i++) {
        if (record_add(rec, "sector", en->sectors[i]) < 0)
            rc = LV_ENOMEM;
        else
            rc = add_facet(doc, facets, PFX_SECTOR, en->sectors[i], err);
    }
    for (i = 0; i < en->nworkstations && rc == 0; i++) {
        if (record_add(rec, "workstation", en->workstations[i]) < 0
            || record_add(rec, "workstation_key", en->workstation_keys[i]) < 0)
            rc = LV_ENOMEM;
        else
            rc = add_facet(doc, facets, PFX_WORKSTATION,
                           en->workstation_keys[i], err);
        if (rc == 0)
            rc = add_name_filter(doc, en->workstations[i], err);
    }
    if (rc == 0 && record_add(rec, "topic", en->off_topic ? "off" : "on") < 0)
        rc = LV_ENOMEM;
    if (rc == 0)
        rc = add_facet(doc, facets, PFX_TOPIC, en->off_topic ? "off" : "on",
                       err);
    for (i = 0; i < en->nbrands && rc == 0; i++) {
        if (record_add(rec, "brand", en->brands[i]) < 0)
            rc = LV_ENOMEM;
        else
            rc = add_facet(doc, facets, PFX_BRAND, en->brands[i], err);
    }
    if (rc == LV_ENOMEM)
        lv_err_set(err, rc, "out of memory");
    return rc;
}

/* Facet-like boolean terms known before entity extraction. */
static int add_filters(struct xdoc *doc, const struct article *a,
                       const struct document_source *src, struct buf *facets,
                       struct lv_err *err)
{
    char ym[8];
    int rc = add_facet(doc, facets, PFX_TYPE, src->type, err);

    if (rc == 0 && a->date && strlen(a->date) == 8) {
        snprintf(ym, sizeof(ym), "%.4s", a->date);
        rc = add_facet(doc, facets, PFX_YEAR, ym, err);
        snprintf(ym, sizeof(ym), "%.6s", a->date);
        if (rc == 0)
            rc = add_bool(doc, PFX_MONTH, ym, err);
    }
    if (rc == 0 && a->source && *a->source) {
        char *simple = entities_simplify(a->source);

        if (!simple)
            return lv_err_set(err, LV_ENOMEM, "out of memory");
        rc = add_facet(doc, facets, PFX_SOURCE, simple, err);
        free(simple);
    }
    return rc;
}

/* SLOT_CARD: the record's fields a list of copies shows. */
static int set_card(struct xdoc *doc, const struct record *rec,
                    struct lv_err *err)
{
    struct record *card = record_card(rec);
    struct buf out = BUF_INIT;
    int rc = card && record_write(card, &out) == 0 ? 0 : LV_ENOMEM;

    record_free(card);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_CARD, out.data ? out.data : "", out.len,
                            err);
    buf_release(&out);
    return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
}

/* SLOT_OLDEST: the date's digits complemented (xapian/schema.h). */
static int set_oldest(struct xdoc *doc, const char *date, struct lv_err *err)
{
    char v[16];
    size_t i;

    for (i = 0; date[i] && i < sizeof(v) - 1; i++)
        v[i] = date[i] >= '0' && date[i] <= '9' ? (char)('9' - (date[i] - '0'))
                                                : date[i];
    return xdoc_set_value(doc, SLOT_OLDEST, v, i, err);
}

/* The bytes of the body's first paragraph, at most LEAD_MAX_BYTES. */
static size_t lead_len(const char *body, size_t len)
{
    const char *nl = body ? memchr(body, '\n', len) : NULL;

    if (nl)
        len = (size_t)(nl - body);
    return len > LEAD_MAX_BYTES ? utf8_cut(body, len, LEAD_MAX_BYTES) : len;
}

/* The title and the body into doc's terms (see the head comment). */
static int index_article(struct emit *e, struct tokenizer *tok,
                         const struct article *a, struct norm *folded_body)
{
    size_t title_len = a->title ? strlen(a->title) : 0;
    int rc;

    /* Title: unprefixed with extra weight, then under S/T. */
    e->word_pfx = "";
    e->bigram_pfx = PFX_BIGRAM;
    e->wdf = 1 + TITLE_EXTRA_WDF;
    rc = index_text(e, tok, a->title, title_len, NULL);
    if (rc < 0)
        return rc;
    e->word_pfx = PFX_TITLE;
    e->bigram_pfx = PFX_TITLE_BIGRAM;
    e->wdf = 1;
    rc = index_text(e, tok, a->title, title_len, NULL);
    if (rc < 0)
        return rc;

    /* Body after a gap. */
    e->word_pfx = "";
    e->bigram_pfx = PFX_BIGRAM;
    e->word_base = e->last_word + POS_GAP;
    e->bigram_base = e->last_bigram + POS_GAP;
    rc = index_text(e, tok, a->body, a->body_len, folded_body);
    if (rc < 0)
        return rc;

    /* The lead paragraph says what the article is about: its terms again,
     * with extra wdf and no positions (phrases match the body once). */
    e->wdf = LEAD_EXTRA_WDF;
    e->no_positions = 1;
    rc = index_text(e, tok, a->body, lead_len(a->body, a->body_len), NULL);
    e->no_positions = 0;
    return rc;
}

/* Everything but the text: entities and filters as terms, the facets and
 * sort keys as values, the record's card. */
static int add_fields(struct xdoc *doc, const struct article *a,
                      const struct document_source *src, struct record *rec,
                      const char *uid_term, struct tokenizer *tok,
                      struct lv_err *err)
{
    struct entities *en = NULL;
    struct buf facets = BUF_INIT;
    int rc = 0;

    if (!src->no_entities) {
        rc = entities_extract(a->title, a->body, a->source, tok, &en, err);
        if (rc == 0)
            rc = add_entities(doc, rec, en, &facets, err);
    }
    if (rc == 0)
        rc = xdoc_add_boolean(doc, uid_term, err);
    if (rc == 0)
        rc = add_bool(doc, PFX_PATH, src->key, err);
    if (rc == 0)
        rc = add_filters(doc, a, src, &facets, err);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_FACETS, facets.data ? facets.data : "",
                            facets.len, err);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_DATE, a->date ? a->date : "",
                            a->date ? strlen(a->date) : 0, err);
    if (rc == 0 && a->date)
        rc = set_oldest(doc, a->date, err);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_HASH, src->hash, strlen(src->hash), err);
    if (rc == 0)
        rc = xdoc_set_value(doc, SLOT_MTIME, src->stamp, strlen(src->stamp),
                            err);
    if (rc == 0)
        rc = set_card(doc, rec, err);
    entities_free(en);
    buf_release(&facets);
    return rc;
}

int document_build(const struct article *a, const struct document_source *src,
                   struct tokenizer *tok, struct xdoc **out, char *uid_term,
                   struct norm *folded_body, struct lv_err *err)
{
    struct xdoc *doc = NULL;
    struct record *rec = NULL;
    struct buf data = BUF_INIT;
    struct emit e = {0};
    int rc;

    *out = NULL;
    document_member_uid_term(src->key, src->member, uid_term);
    if (uid_term[1] == '\0')
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    rc = xdoc_new(&doc, err);
    if (rc < 0)
        return rc;
    e.doc = doc;
    e.err = err;
    rc = index_article(&e, tok, a, folded_body);
    if (rc == 0 && !(rec = document_record(a, src)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = add_fields(doc, a, src, rec, uid_term, tok, err);
    if (rc == 0 && record_write(rec, &data) < 0)
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = xdoc_set_data(doc, data.data ? data.data : "", data.len, err);
    record_free(rec);
    buf_release(&data);
    if (rc < 0) {
        xdoc_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}
