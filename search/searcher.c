/*
 * searcher.c - the searcher: its database and tokenizer, the facet
 * tables it loads on demand, document lookup and whether anything
 * matches a query at all (see search.h, searcher_int.h).
 */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/buf.h"
#include "../common/record.h"
#include "../text/tokens.h"
#include "../xapian/facetdict.h"
#include "../xapian/schema.h"
#include "../xapian/xapian_c.h"
#include "searcher_int.h"
#include "tableshare.h"

/* Every shard must be of this lvzhi's schema (a shard of an older one
 * lacks slots a search sorts by). */
static int check_schema(struct xdb *db, const char *path, struct lv_err *err)
{
    unsigned i, n = xdb_shards(db);
    int rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        char *version = NULL, where[32] = "";

        rc = xdb_shard_meta(db, i, SCHEMA_META_KEY, &version, err);
        if (n > 1)
            snprintf(where, sizeof(where), "shard %u of ", i + 1);
        if (rc == 0 && *version && strcmp(version, SCHEMA_VERSION) != 0)
            rc = lv_err_set(err, LV_ESCHEMA,
                            "%sindex '%s' has schema "
                            "version '%s'; this lvzhi reads '%s': re-index "
                            "it",
                            where, path, version, SCHEMA_VERSION);
        free(version);
    }
    return rc;
}

/* Which folder or file path names (0, 0 when it names none). */
static void path_identity(const char *path, unsigned long long *dev,
                          unsigned long long *ino)
{
    struct stat st;

    *dev = *ino = 0;
    if (stat(path, &st) == 0) {
        *dev = (unsigned long long)st.st_dev;
        *ino = (unsigned long long)st.st_ino;
    }
}

int searcher_open(const char *db_path, struct searcher **out,
                  struct lv_err *err)
{
    struct searcher *s = calloc(1, sizeof(*s));
    int rc;

    *out = NULL;
    if (!s)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    s->path = strdup(db_path);
    s->threads = 1;
    path_identity(db_path, &s->path_dev, &s->path_ino);
    s->split_min = SEARCH_SPLIT_MIN_DOCS;
    rc = s->path ? xdb_open(db_path, XDB_READ, &s->db, err)
                 : lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc == 0)
        rc = check_schema(s->db, db_path, err);
    if (rc == 0)
        rc = tokenizer_new(&s->tok, err);
    if (rc == 0)
        s->sharded = xdb_shards(s->db) > 1 || xdb_has_remote(s->db);
    /* Shards each number their facets: the searcher names them itself */
    if (rc == 0 && !(s->dict = facetdict_new(s->sharded ? NULL : s->db)))
        rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    if (rc < 0) {
        searcher_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void searcher_free(struct searcher *s)
{
    size_t i;

    if (!s)
        return;
    facetdict_free(s->dict);
    if (s->brands_free)
        s->brands_free(s->brands);
    if (s->tables)
        table_share_put(s->tables, s->table);
    else
        facet_table_free(s->table);
    free(s->field_map);
    tokenizer_free(s->tok);
    for (i = 0; i < SEARCH_MAX_PARTS - 1; i++)
        xdb_free(s->extra[i]);
    xdb_free(s->db);
    free(s->path);
    free(s);
}

void searcher_set_threads(struct searcher *s, unsigned n)
{
    s->threads = n ? n : 1;
}

void searcher_set_split_min(struct searcher *s, unsigned docs)
{
    s->split_min = docs;
}

void searcher_set_match_cache(struct searcher *s, struct match_cache *c)
{
    s->mcache = c;
}

void searcher_set_table_share(struct searcher *s, struct table_share *sh)
{
    if (s->sharded || s->table)
        return; /* shards' ids are this searcher's own (shards_dict) */
    s->tables = sh;
}

int searcher_path_unchanged(const struct searcher *s)
{
    unsigned long long dev, ino;

    path_identity(s->path, &dev, &ino);
    return dev == s->path_dev && ino == s->path_ino;
}

int searcher_reopen(struct searcher *s, struct lv_err *err)
{
    if (!searcher_path_unchanged(s))
        return lv_err_set(err, LV_ECHANGED,
                          "the index at '%s' was replaced "
                          "(compacted): open it again",
                          s->path);
    s->revision = 0; /* the handle may see another now */
    return xdb_reopen(s->db, err);
}

unsigned long long searcher_revision(struct searcher *s)
{
    unsigned long long rev = 0;

    if (s->revision)
        return s->revision;
    if (xdb_revision(s->db, &rev, NULL) < 0)
        return 0;
    s->revision = rev;
    return rev;
}

int searcher_doc_count(struct searcher *s, unsigned *count, struct lv_err *err)
{
    return xdb_doc_count(s->db, count, err);
}

static int build_table(void *ctx, struct facet_table **out, struct lv_err *err)
{
    struct searcher *s = ctx;

    return facet_table_build(s->db, out, err);
}

/* The facet table of the searcher's revision, built (or taken from the
 * share) when it changed. */
static int current_table(struct searcher *s, struct lv_err *err)
{
    unsigned long long rev = searcher_revision(s);
    int rc;

    if (s->table && rev && s->table_revision == rev)
        return 0; /* (revision 0: unknown or never committed: rebuild) */
    if (s->tables)
        table_share_put(s->tables, s->table);
    else
        facet_table_free(s->table);
    s->table = NULL;
    /* (an unknown revision, 0: a table of its own, which table_share_put
     * frees; a share is never given to shards) */
    if (s->tables && rev)
        rc = table_share_get(s->tables, rev, build_table, s, &s->table, err);
    else
        rc = s->sharded
                 ? facet_table_build_from_terms(s->db, s->dict, &s->table, err)
                 : facet_table_build(s->db, &s->table, err);
    if (rc == 0)
        s->table_revision = rev;
    return rc;
}

/* A facet term of the shards, given an id in the searcher's dictionary. */
static int name_term(const char *term, unsigned freq, void *ctx)
{
    struct buf ids = BUF_INIT;
    size_t len = strlen(term);
    int rc = facet_term_field(term, len) < 0 || !freq
                 ? 0
                 : facetdict_encode(ctx, term, len, &ids, NULL);

    buf_release(&ids);
    return rc;
}

/* Over shards: a dictionary of every facet term they hold, made again
 * when any of them changes.  (Months are filter terms an index does not
 * count as a facet: indexer/document.c.) */
static int shards_dict(struct searcher *s, struct lv_err *err)
{
    unsigned long long rev = searcher_revision(s);
    struct facetdict *dict;
    size_t f;
    int rc = 0;

    if (s->dict_revision == rev && rev && facetdict_size(s->dict))
        return 0;
    dict = facetdict_new(NULL);
    if (!dict)
        return lv_err_set(err, LV_ENOMEM, "out of memory");
    for (f = 0; query_filter_fields[f] && rc == 0; f++)
        if (query_field_counted(query_filter_fields[f]))
            rc =
                xdb_each_term(s->db, query_field_prefix(query_filter_fields[f]),
                              name_term, dict, err);
    if (rc < 0) {
        facetdict_free(dict);
        return rc == LV_ENOMEM ? lv_err_set(err, rc, "out of memory") : rc;
    }
    /* The ids are new: so must the field map and the table be. */
    facetdict_free(s->dict);
    s->dict = dict;
    s->dict_revision = rev;
    free(s->field_map);
    s->field_map = NULL;
    s->table_revision = 0;
    return 0;
}

/* The field map of the dictionary as it is now. */
static int field_map(struct searcher *s, struct lv_err *err)
{
    if (s->field_map && s->field_map_n == facetdict_size(s->dict))
        return 0;
    free(s->field_map);
    s->field_map = facet_field_map(s->dict);
    s->field_map_n = facetdict_size(s->dict);
    return s->field_map ? 0 : lv_err_set(err, LV_ENOMEM, "out of memory");
}

int searcher_prepare_facets(struct searcher *s, struct lv_err *err)
{
    int rc;

    rc = s->sharded ? shards_dict(s, err) : facetdict_load(s->dict, err);

    if (rc == 0)
        rc = field_map(s, err);
    if (rc == 0)
        rc = current_table(s, err);
    return rc;
}

int searcher_any_match(struct searcher *s, const struct xquery *xq,
                       struct lv_err *err)
{
    struct xenquire *e = NULL;
    struct xmset *m = NULL;
    int rc = xenquire_new(s->db, &e, err);

    if (rc == 0)
        rc = xenquire_set_query(e, xq, err);
    if (rc == 0)
        rc = xenquire_mset(e, 0, 0, 1, &m, err);
    if (rc == 0)
        rc = xmset_lower(m) > 0;
    xmset_free(m);
    xenquire_free(e);
    return rc;
}

int searcher_get(struct searcher *s, const char *id, unsigned *docid,
                 struct record **rec, struct lv_err *err)
{
    char term[64];
    struct xdoc *doc = NULL;
    char *data = NULL;
    size_t len = 0, i;
    int rc;

    *rec = NULL;
    for (i = 0; id[i]; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            break;
    if (i != 32 || id[i])
        return lv_err_set(err, LV_ENOTFOUND, "no document '%.40s'", id);
    snprintf(term, sizeof(term), "%s%s", PFX_UID, id);
    rc = xdb_find(s->db, term, docid, err);
    if (rc == 0 && *docid == 0)
        return lv_err_set(err, LV_ENOTFOUND, "no document '%s'", id);
    if (rc == 0)
        rc = xdb_get_doc(s->db, *docid, &doc, err);
    if (rc == 0)
        rc = xdoc_get_data(doc, &data, &len, err);
    xdoc_free(doc);
    if (rc == 0) {
        *rec = record_parse(data, len);
        if (!*rec)
            rc = lv_err_set(err, LV_ENOMEM, "out of memory");
    }
    free(data);
    return rc;
}
