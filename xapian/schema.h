/*
 * schema.h - the index schema: term prefixes, value slots and the schema
 * version stored in the database's metadata.  Indexer and search both
 * build their terms from these names; change SCHEMA_VERSION whenever a
 * change makes old indexes unreadable or wrong.
 */
#ifndef LVZHI_SCHEMA_H
#define LVZHI_SCHEMA_H

#define SCHEMA_VERSION "7"
#define SCHEMA_META_KEY "lvzhi.schema"
/* The number of commits so far: how a searcher sees a remote shard
 * change (the remote backend tells no revision). */
#define SCHEMA_COMMIT_KEY "lvzhi.commits"

/* Unique id: "Q" + hex digest of the canonical source (URL or path). */
#define PFX_UID "Q"
/* Body words carry no prefix; Han bigrams of the body: */
#define PFX_BIGRAM "G"
/* Title words and title bigrams: */
#define PFX_TITLE "S"
#define PFX_TITLE_BIGRAM "T"
/* Relative path of the source file, as a boolean term (for deletion of
 * files that disappeared): "P" + path relative to the indexed root. */
#define PFX_PATH "P"

/* Facet terms (boolean). */
#define PFX_PROVINCE "XP"
#define PFX_CITY "XC"
#define PFX_COUNTY "XD"
#define PFX_SECTOR "XS"
#define PFX_WORKSTATION "XW"
#define PFX_BRAND "XB"
#define PFX_SOURCE "XO"
#define PFX_YEAR "XY"
#define PFX_MONTH "XM"
#define PFX_TYPE "XT"
/* "on" or "off": is the page about members' work (indexer/entities.h)? */
#define PFX_TOPIC "XA"
/* A workstation's name without its city (the key is PFX_WORKSTATION),
 * so that a filter may name it alone. */
#define PFX_WORKSTATION_NAME "XN"

/*
 * The filter fields, the one table of them: X(name, prefix, label,
 * counted) for each.  The name is the query language's (city:兰州市), the
 * command line's option (--city) and the web's parameter (city=); the
 * prefix names its boolean terms; the label is what readers see (facets,
 * chips, a digest's cover); counted says whether it is a facet too (a
 * month is a filter only: the indexer gives it no facet id).  "title" is
 * a text field, handled apart.
 */
#define SCHEMA_FACET_FIELDS(X)                                                 \
    X("province", PFX_PROVINCE, "省份", 1)                                     \
    X("city", PFX_CITY, "城市", 1)                                             \
    X("county", PFX_COUNTY, "区县", 1)                                         \
    X("sector", PFX_SECTOR, "界别", 1)                                         \
    X("workstation", PFX_WORKSTATION, "委员工作站（室）", 1)                   \
    X("brand", PFX_BRAND, "活动品牌", 1)                                       \
    X("source", PFX_SOURCE, "来源", 1)                                         \
    X("year", PFX_YEAR, "年份", 1)                                             \
    X("month", PFX_MONTH, "月份", 0)                                           \
    X("type", PFX_TYPE, "类型", 1)                                             \
    X("topic", PFX_TOPIC, "页面", 1)

#define SCHEMA_COUNT_FIELD(name, prefix, label, counted) +1
#define SCHEMA_NFACET_FIELDS (0 SCHEMA_FACET_FIELDS(SCHEMA_COUNT_FIELD))

/* Copies of one article (indexer/reprints.h): band keys of the text's
 * sketch ("XH" + band letter + 16 hex digits), and the article (cluster)
 * the document is a copy of ("XK" + the cluster key, also in
 * SLOT_CLUSTER).  The next free cluster number is kept in metadata. */
#define PFX_SKETCH "XH"
#define PFX_CLUSTER "XK"
#define SCHEMA_NEXT_CLUSTER_KEY "lvzhi.next_cluster"

/* Where each indexed root is on disk, so the web front end can serve an
 * article's original file (and only files under a root): metadata
 * SCHEMA_ROOT_META + the hex hash of the root's name ("corpus") holds the
 * folder's absolute path. */
#define SCHEMA_ROOT_META "lvzhi.root."

/* Value slots. */
enum schema_slot {
    SLOT_DATE = 0,    /* publication date, "YYYYMMDD" ("" if unknown) */
    SLOT_HASH = 1,    /* hex content hash of the source bytes */
    SLOT_MTIME = 2,   /* source file mtime and size: "mtime:size" */
    SLOT_FACETS = 3,  /* the ids of the document's facet terms as varints
                         (xapian/facetdict.h), for exact facet counts */
    SLOT_CLUSTER = 4, /* the article it is a copy of: a cluster key, lower
                         case hex, shared by every copy (Xapian collapses
                         on it) */
    SLOT_CARD = 6,    /* what a list of copies shows of the document: its
                         record's id, title, date, source, url and path,
                         and "length" (bytes of body), in the record
                         format (common/record.h), read without the body */
    SLOT_SKETCH = 5,  /* the text's MinHash sketch (text/sketch.h
                         sketch_pack), to screen candidate copies without
                         reading their text; none for a text too short */
    /* The date with each digit d written 9 - d ("" if unknown): sorted
     * in descending order it is oldest first with the undated last, as
     * a remote shard can sort (it runs no key maker of ours). */
    SLOT_OLDEST = 7,
};

/* Xapian's maximum term length is 245 bytes; keep ours well below. */
#define SCHEMA_MAX_TERM 200

#endif
