/*
 * xapian_c.cc - the C API over Xapian declared in xapian_c.h.
 *
 * This is the only C++ in lvzhi.  Every exported function is noexcept and
 * wraps its whole body in try/catch, turning exceptions into LV_E* codes
 * with Xapian's description copied into the caller's struct lv_err: an
 * exception crossing into C would be undefined behaviour.
 */
#include "xapian_c.h"
#include "../common/hash.h"
#include "schema.h"
#include "stub.h"

#include <xapian.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <limits>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

struct xdb {
    Xapian::Database *db;          /* always set; may be writable */
    Xapian::WritableDatabase *wdb; /* set for XDB_WRITE (same object) */
    /* The shards a stub file lists (empty for one database), each with
     * whether it is remote (xapian-tcpsrv): their internals are db's. */
    std::vector<Xapian::Database> shards;
    std::vector<bool> shard_remote;
};

struct xdoc {
    Xapian::Document doc;
};

struct xquery {
    Xapian::Query q;
};

/* A MatchSpy that hands each match's docid and weight to a C callback.
 * Note: a remote (xapian-tcpsrv) shard refuses unregistered spies, so
 * facet counting through this hook works on local databases only. */
class DocidSpy : public Xapian::MatchSpy
{
  public:
    DocidSpy(xdocid_spy_fn fn_, void *ctx_) : fn(fn_), ctx(ctx_)
    {
    }
    void operator()(const Xapian::Document &doc, double wt) override
    {
        fn(doc.get_docid(), wt, ctx);
    }

  private:
    xdocid_spy_fn fn;
    void *ctx;
};

/* Every docid in [lo, hi] of the database, as a posting source.  Under
 * an AND (XQ_FILTER) a docid without a document never matches, so the
 * source need not skip deleted ones. */
class DocidRangeSource : public Xapian::PostingSource
{
  public:
    /* wt: the weight of every match (0: none, a pure filter). */
    DocidRangeSource(Xapian::docid lo_, Xapian::docid hi_, double wt_ = 0)
        : lo(lo_ ? lo_ : 1), hi(hi_), end(hi_), cur(0), size(0), wt(wt_)
    {
    }
    PostingSource *clone() const override
    {
        return new DocidRangeSource(lo, hi, wt);
    }
    void init(const Xapian::Database &db) override
    {
        end = std::min<Xapian::docid>(hi, db.get_lastdocid());
        size = lo <= end
                   ? std::min<Xapian::doccount>(end - lo + 1, db.get_doccount())
                   : 0;
        cur = 0;
        set_maxweight(wt);
    }
    double get_weight() const override
    {
        return wt;
    }
    Xapian::doccount get_termfreq_min() const override
    {
        return 0;
    }
    Xapian::doccount get_termfreq_est() const override
    {
        return size;
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return size;
    }
    void next(double) override
    {
        cur = cur ? cur + 1 : lo;
    }
    void skip_to(Xapian::docid did, double) override
    {
        if (did > cur)
            cur = std::max(did, lo);
    }
    bool at_end() const override
    {
        return cur > end;
    }
    Xapian::docid get_docid() const override
    {
        return cur;
    }
    std::string get_description() const override
    {
        return "DocidRangeSource(" + std::to_string(lo) + ".."
               + std::to_string(hi) + ")";
    }
    /* Serialised only to clone a query for another thread of this
     * process (xquery_clone), never stored. */
    std::string name() const override
    {
        return "lvzhi.DocidRange";
    }
    std::string serialise() const override
    {
        std::string s(sizeof(lo) + sizeof(hi) + sizeof(wt), '\0');

        memcpy(&s[0], &lo, sizeof(lo));
        memcpy(&s[sizeof(lo)], &hi, sizeof(hi));
        memcpy(&s[sizeof(lo) + sizeof(hi)], &wt, sizeof(wt));
        return s;
    }
    PostingSource *unserialise(const std::string &s) const override
    {
        Xapian::docid l, h;
        double w;

        if (s.size() != sizeof(l) + sizeof(h) + sizeof(w))
            throw Xapian::SerialisationError("bad DocidRangeSource");
        memcpy(&l, &s[0], sizeof(l));
        memcpy(&h, &s[sizeof(l)], sizeof(h));
        memcpy(&w, &s[sizeof(l) + sizeof(h)], sizeof(w));
        return new DocidRangeSource(l, h, w);
    }

  private:
    Xapian::docid lo, hi, end, cur;
    Xapian::doccount size;
    double wt;
};

/* A fixed list of (docid, weight), as a posting source. */
class DocListSource : public Xapian::PostingSource
{
  public:
    DocListSource(const unsigned *ids_, const double *wts_, size_t n_,
                  double maxw_)
        : ids(ids_), wts(wts_), n(n_), maxw(maxw_), i(0), started(false)
    {
        set_maxweight(maxw);
    }
    PostingSource *clone() const override
    {
        return new DocListSource(ids, wts, n, maxw);
    }
    void init(const Xapian::Database &) override
    {
        i = 0;
        started = false;
        set_maxweight(maxw);
    }
    Xapian::doccount get_termfreq_min() const override
    {
        return n;
    }
    Xapian::doccount get_termfreq_est() const override
    {
        return n;
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return n;
    }
    double get_weight() const override
    {
        return wts[i];
    }
    void next(double) override
    {
        if (started)
            i++;
        started = true;
    }
    void skip_to(Xapian::docid did, double) override
    {
        started = true;
        if (i < n && ids[i] < did)
            i = std::lower_bound(ids + i, ids + n, did) - ids;
    }
    bool at_end() const override
    {
        return started && i >= n;
    }
    Xapian::docid get_docid() const override
    {
        return ids[i];
    }
    std::string get_description() const override
    {
        return "DocListSource(" + std::to_string(n) + ")";
    }

  private:
    const unsigned *ids;
    const double *wts;
    size_t n;
    double maxw;
    size_t i;
    bool started;
};

struct xenquire {
    xdb *db;
    Xapian::Enquire enq;
    Xapian::MatchSpy *spy;
    explicit xenquire(xdb *d) : db(d), enq(*d->db), spy(nullptr)
    {
    }
};

struct xmset {
    Xapian::MSet mset;
};

/* Copy a message into err, never overflowing it. */
static int set_err(struct lv_err *err, int code, const std::string &msg)
{
    if (err) {
        err->code = code;
        std::snprintf(err->msg, sizeof(err->msg), "%s", msg.c_str());
        lv_err_trim(err);
    }
    return code;
}

/*
 * Translate the exception being handled into an error code, the way
 * Xapian's SWIG bindings do: rethrow and catch by most specific type.
 */
static int xap_exc(struct lv_err *err) noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return set_err(err, LV_ELOCKED,
                       "database is locked by another writer (" + e.get_msg()
                           + ")");
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return set_err(err, LV_ENOTFOUND, e.get_description());
    } catch (const Xapian::DatabaseOpeningError &e) {
        return set_err(err, LV_EDB, e.get_description());
    } catch (const Xapian::DatabaseModifiedError &e) {
        return set_err(err, LV_ECHANGED, e.get_description());
    } catch (const Xapian::DatabaseError &e) {
        return set_err(err, LV_EDB, e.get_description());
    } catch (const Xapian::QueryParserError &e) {
        return set_err(err, LV_EQUERY, e.get_description());
    } catch (const Xapian::InvalidArgumentError &e) {
        return set_err(err, LV_EINVAL, e.get_description());
    } catch (const Xapian::Error &e) {
        return set_err(err, LV_EDB, e.get_description());
    } catch (const std::bad_alloc &) {
        return set_err(err, LV_ENOMEM, "out of memory");
    } catch (const std::exception &e) {
        return set_err(err, LV_EINTERNAL, e.what());
    } catch (...) {
        return set_err(err, LV_EINTERNAL, "unknown C++ exception");
    }
}

/* malloc'd copy of a std::string (NUL-terminated; may hold NULs). */
static int out_string(const std::string &s, char **out, size_t *len)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));

    if (!p)
        return LV_ENOMEM;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    *out = p;
    if (len)
        *len = s.size();
    return 0;
}

extern "C" {

/* ---- databases ------------------------------------------------------- */

/* Is n a file Xapian's glass backend makes while it creates a database
 * (its tables and their temporary files, the lock)? */
static bool glass_file(const std::string &n)
{
    return n == "flintlock"
           || (n.size() > 6 && n.compare(n.size() - 6, 6, ".glass") == 0)
           || (n.size() > 4 && n.compare(n.size() - 4, 4, ".tmp") == 0);
}

/*
 * An index directory left by a writer killed while it created the
 * database: its lock and glass files but no iamglass, so nothing was ever
 * committed.  A directory holding anything else is not ours to touch.
 * With remove, those files go, so the database can be created afresh.
 */
static bool unfinished(const char *path, bool remove)
{
    struct stat st;
    DIR *dir;
    struct dirent *e;
    bool lock = false, other = false;

    if (stat((std::string(path) + "/iamglass").c_str(), &st) == 0
        || !(dir = opendir(path)))
        return false;
    while ((e = readdir(dir)) != nullptr) {
        std::string n = e->d_name;

        if (n == "." || n == "..")
            continue;
        if (!glass_file(n))
            other = true;
        else if (n == "flintlock")
            lock = true;
    }
    if (lock && !other && remove) {
        rewinddir(dir);
        while ((e = readdir(dir)) != nullptr)
            if (glass_file(e->d_name))
                unlink((std::string(path) + "/" + e->d_name).c_str());
    }
    closedir(dir);
    return lock && !other;
}

/* The stub file at path, read whole (a few lines; at most 1 MB). */
static int read_stub(const char *path, std::string &text, struct lv_err *err)
{
    std::ifstream in(path, std::ios::binary);
    char buf[4096];

    if (!in)
        return set_err(err, LV_EDB, std::string("cannot read '") + path + "'");
    while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
        text.append(buf, (size_t)in.gcount());
        if (text.size() > (1u << 20))
            return set_err(err, LV_EINVAL,
                           std::string("'") + path
                               + "' is not an index folder nor a stub file "
                                 "(over 1 MB)");
    }
    return 0;
}

/*
 * Open the shards a stub file lists (xapian/stub.h) as one database.
 * Read by hand rather than by Xapian so that each shard's handle is
 * known: a remote one has no revision, and searches must know it is
 * there.  Throws what Xapian throws.
 */
static void open_stub(const std::string &path, const struct stub_shard *sh,
                      size_t n, xdb *d)
{
    size_t slash = path.rfind('/');
    std::string dir =
        slash == std::string::npos ? "." : path.substr(0, slash ? slash : 1);

    d->db = new Xapian::Database();
    for (size_t i = 0; i < n; i++) {
        if (sh[i].kind == STUB_TCP)
            d->shards.push_back(Xapian::Remote::open(sh[i].host, sh[i].port));
        else if (sh[i].kind == STUB_PROG)
            d->shards.push_back(
                Xapian::Remote::open(sh[i].program, sh[i].args));
        else
            d->shards.push_back(Xapian::Database(sh[i].path[0] == '/'
                                                     ? std::string(sh[i].path)
                                                     : dir + "/" + sh[i].path));
        d->shard_remote.push_back(sh[i].kind != STUB_LOCAL);
        d->db->add_database(d->shards.back());
    }
}

/* Is the file at path a Xapian database itself (a single-file glass
 * database, as xapian-compact --single-file makes), not a stub? */
static bool single_file_db(const char *path)
{
    static const char magic[] = "\x0f\x0dXapian Glass";
    char head[sizeof(magic) - 1];
    std::ifstream in(path, std::ios::binary);

    return in.read(head, sizeof(head))
           && std::memcmp(head, magic, sizeof(head)) == 0;
}

/* Docids over n shards are (local - 1) * n + shard + 1: they must fit
 * Xapian's 32 bits. */
static void check_docids(const xdb *d)
{
    unsigned long long most = 0, n = d->shards.size();

    for (const Xapian::Database &s : d->shards)
        most = std::max<unsigned long long>(most, s.get_lastdocid());
    if (most * n > std::numeric_limits<Xapian::docid>::max())
        throw Xapian::DatabaseOpeningError(
            "the shards are too big to search as one: " + std::to_string(n)
            + " shards of up to " + std::to_string(most)
            + " document ids pass Xapian's 32-bit ids; use fewer shards");
}

/* The stub file at path opened into d.  0, or an error (d is the
 * caller's to free). */
static int open_stub_file(const char *path, xdb *d, struct lv_err *err)
{
    std::string text;
    struct stub_shard *sh = nullptr;
    size_t n = 0;
    int rc = read_stub(path, text, err);

    if (rc == 0)
        rc = stub_parse(text.data(), text.size(), &sh, &n, err);
    if (rc < 0)
        return err ? set_err(err, rc,
                             std::string("stub file '") + path
                                 + "': " + err->msg)
                   : rc;
    try {
        open_stub(path, sh, n, d);
        check_docids(d);
    } catch (...) {
        stub_free(sh, n);
        throw;
    }
    stub_free(sh, n);
    return 0;
}

int xdb_open(const char *path, int mode, struct xdb **out,
             struct lv_err *err) noexcept
{
    xdb *d = nullptr;
    int rc = 0;

    *out = nullptr;
    try {
        struct stat st;
        bool exists = stat(path, &st) == 0;
        bool file = exists && S_ISREG(st.st_mode);

        if (mode == XDB_READ && !exists)
            return set_err(err, LV_ENOTFOUND,
                           std::string("no index at '") + path + "'");
        if (mode == XDB_WRITE && file)
            return set_err(err, LV_EINVAL,
                           std::string("'") + path
                               + "' is a file (a stub "
                                 "listing shards?): index into each shard's "
                                 "own folder");
        d = new xdb{nullptr, nullptr, {}, {}};
        if (mode == XDB_WRITE) {
            unfinished(path, true); /* a writer killed creating it */
            d->wdb = new Xapian::WritableDatabase(
                path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
            d->db = d->wdb;
        } else if (file && !single_file_db(path)) {
            rc = open_stub_file(path, d, err);
        } else if (!file && unfinished(path, false)) {
            d->db = new Xapian::Database(); /* whole, and empty */
        } else {
            d->db = new Xapian::Database(path);
        }
        if (rc < 0) {
            delete d->db;
            delete d;
            return rc;
        }
        *out = d;
        return 0;
    } catch (...) {
        if (d)
            delete d->db;
        delete d;
        return xap_exc(err);
    }
}

unsigned xdb_shards(const struct xdb *db) noexcept
{
    /* (a folder holding a stub, which Xapian opens itself, counts too) */
    return (unsigned)std::max<size_t>(db->db->size(), db->shards.size());
}

int xdb_has_remote(const struct xdb *db) noexcept
{
    return std::find(db->shard_remote.begin(), db->shard_remote.end(), true)
           != db->shard_remote.end();
}

int xdb_shard_meta(struct xdb *db, unsigned i, const char *key, char **out,
                   struct lv_err *err) noexcept
{
    *out = nullptr;
    try {
        const Xapian::Database &s =
            db->shards.empty() ? *db->db : db->shards.at(i);

        if (out_string(s.get_metadata(key), out, nullptr) < 0)
            return set_err(err, LV_ENOMEM, "out of memory");
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

void xdb_free(struct xdb *db) noexcept
{
    if (!db)
        return;
    try {
        if (db->wdb)
            db->wdb->close(); /* commits, releases the lock */
    } catch (...) {
        /* nothing to report to: xdb_commit is where errors are seen */
    }
    delete db->db;
    delete db;
}

int xdb_reopen(struct xdb *db, struct lv_err *err) noexcept
{
    try {
        db->db->reopen();
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_compact(struct xdb *db, const char *out_path,
                struct lv_err *err) noexcept
{
    try {
        if (!db->shards.empty())
            return set_err(err, LV_EINVAL,
                           "a stub of shards: compact each "
                           "shard's index where it is");
        db->db->compact(out_path, Xapian::DBCOMPACT_NO_RENUMBER);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_commit(struct xdb *db, struct lv_err *err) noexcept
{
    try {
        if (!db->wdb)
            return set_err(err, LV_EINVAL, "database is read-only");
        /* counted, so that searchers of a remote shard see it change */
        db->wdb->set_metadata(
            SCHEMA_COMMIT_KEY,
            std::to_string(
                std::strtoull(db->wdb->get_metadata(SCHEMA_COMMIT_KEY).c_str(),
                              nullptr, 10)
                + 1));
        db->wdb->commit();
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_revision(struct xdb *db, unsigned long long *rev,
                 struct lv_err *err) noexcept
{
    try {
        std::string v;

        if (db->shards.empty()) {
            /* with the uuid: a compacted copy starts again at revision 1 */
            v = db->db->get_uuid() + '\t'
                + std::to_string(db->db->get_revision());
            *rev = hash64(v.data(), v.size());
            return 0;
        }
        /* Several shards have no one revision, and a remote one none at
         * all: a fingerprint of each shard (its uuid, which a rebuilt
         * index changes; then its revision, or for a remote one the
         * commit count lvzhi keeps in its metadata) changes when any
         * of them does. */
        for (size_t i = 0; i < db->shards.size(); i++) {
            const Xapian::Database &s = db->shards[i];

            v += s.get_uuid() + '\t';
            v += db->shard_remote[i] ? s.get_metadata(SCHEMA_COMMIT_KEY)
                                     : std::to_string(s.get_revision());
            v += '\n';
        }
        *rev = hash64(v.data(), v.size());
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_doc_count(struct xdb *db, unsigned *count, struct lv_err *err) noexcept
{
    try {
        *count = db->db->get_doccount();
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_last_docid(struct xdb *db, unsigned *docid, struct lv_err *err) noexcept
{
    try {
        *docid = db->db->get_lastdocid();
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_term_freq(struct xdb *db, const char *term, unsigned *freq,
                  struct lv_err *err) noexcept
{
    try {
        *freq = db->db->get_termfreq(term);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_replace(struct xdb *db, const char *uid_term, struct xdoc *doc,
                unsigned *docid, struct lv_err *err) noexcept
{
    try {
        if (!db->wdb)
            return set_err(err, LV_EINVAL, "database is read-only");
        Xapian::docid id = db->wdb->replace_document(uid_term, doc->doc);
        if (docid)
            *docid = id;
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_delete(struct xdb *db, const char *uid_term,
               struct lv_err *err) noexcept
{
    try {
        if (!db->wdb)
            return set_err(err, LV_EINVAL, "database is read-only");
        db->wdb->delete_document(uid_term);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_replace_docid(struct xdb *db, unsigned docid, struct xdoc *doc,
                      struct lv_err *err) noexcept
{
    try {
        if (!db->wdb)
            return set_err(err, LV_EINVAL, "database is read-only");
        db->wdb->replace_document(docid, doc->doc);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_each_posting(struct xdb *db, const char *term,
                     int (*fn)(unsigned docid, void *ctx), void *ctx,
                     struct lv_err *err) noexcept
{
    try {
        for (Xapian::PostingIterator p = db->db->postlist_begin(term);
             p != db->db->postlist_end(term); ++p) {
            int rc = fn(*p, ctx);

            if (rc)
                return rc;
        }
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_find(struct xdb *db, const char *uid_term, unsigned *docid,
             struct lv_err *err) noexcept
{
    try {
        Xapian::PostingIterator p = db->db->postlist_begin(uid_term);
        *docid = p == db->db->postlist_end(uid_term) ? 0 : *p;
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_get_doc(struct xdb *db, unsigned docid, struct xdoc **out,
                struct lv_err *err) noexcept
{
    xdoc *d = nullptr;

    *out = nullptr;
    try {
        d = new xdoc;
        d->doc = db->db->get_document(docid);
        *out = d;
        return 0;
    } catch (const Xapian::DocNotFoundError &e) {
        delete d;
        return set_err(err, LV_ENOTFOUND, e.get_description());
    } catch (...) {
        delete d;
        return xap_exc(err);
    }
}

int xdb_each_term(struct xdb *db, const char *prefix,
                  int (*fn)(const char *term, unsigned freq, void *ctx),
                  void *ctx, struct lv_err *err) noexcept
{
    try {
        for (Xapian::TermIterator t = db->db->allterms_begin(prefix);
             t != db->db->allterms_end(prefix); ++t) {
            std::string term = *t;
            int rc = fn(term.c_str(), t.get_termfreq(), ctx);
            if (rc)
                return rc;
        }
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_each_value(struct xdb *db, unsigned slot,
                   int (*fn)(unsigned docid, const char *value, size_t len,
                             void *ctx),
                   void *ctx, struct lv_err *err) noexcept
{
    try {
        for (Xapian::ValueIterator v = db->db->valuestream_begin(slot);
             v != db->db->valuestream_end(slot); ++v) {
            const std::string &value = *v;
            int rc = fn(v.get_docid(), value.data(), value.size(), ctx);

            if (rc)
                return rc;
        }
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_get_meta(struct xdb *db, const char *key, char **value,
                 struct lv_err *err) noexcept
{
    try {
        if (out_string(db->db->get_metadata(key), value, nullptr) < 0)
            return set_err(err, LV_ENOMEM, "out of memory");
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdb_set_meta(struct xdb *db, const char *key, const char *value,
                 struct lv_err *err) noexcept
{
    try {
        if (!db->wdb)
            return set_err(err, LV_EINVAL, "database is read-only");
        db->wdb->set_metadata(key, value);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

/* ---- documents ------------------------------------------------------- */

int xdoc_new(struct xdoc **out, struct lv_err *err) noexcept
{
    try {
        *out = new xdoc;
        return 0;
    } catch (...) {
        *out = nullptr;
        return xap_exc(err);
    }
}

void xdoc_free(struct xdoc *doc) noexcept
{
    delete doc;
}

int xdoc_add_posting(struct xdoc *doc, const char *term, unsigned pos,
                     unsigned wdfinc, struct lv_err *err) noexcept
{
    try {
        doc->doc.add_posting(term, pos, wdfinc);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_add_term(struct xdoc *doc, const char *term, unsigned wdfinc,
                  struct lv_err *err) noexcept
{
    try {
        doc->doc.add_term(term, wdfinc);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_add_boolean(struct xdoc *doc, const char *term,
                     struct lv_err *err) noexcept
{
    try {
        doc->doc.add_boolean_term(term);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_remove_term(struct xdoc *doc, const char *term,
                     struct lv_err *err) noexcept
{
    try {
        doc->doc.remove_term(term);
        return 0;
    } catch (const Xapian::InvalidArgumentError &) {
        return 0; /* it did not have the term */
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_set_value(struct xdoc *doc, unsigned slot, const char *data,
                   size_t len, struct lv_err *err) noexcept
{
    try {
        doc->doc.add_value(slot, std::string(data, len));
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_set_data(struct xdoc *doc, const char *data, size_t len,
                  struct lv_err *err) noexcept
{
    try {
        doc->doc.set_data(std::string(data, len));
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_get_data(struct xdoc *doc, char **out, size_t *len,
                  struct lv_err *err) noexcept
{
    try {
        if (out_string(doc->doc.get_data(), out, len) < 0)
            return set_err(err, LV_ENOMEM, "out of memory");
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_get_value(struct xdoc *doc, unsigned slot, char **out, size_t *len,
                   struct lv_err *err) noexcept
{
    try {
        if (out_string(doc->doc.get_value(slot), out, len) < 0)
            return set_err(err, LV_ENOMEM, "out of memory");
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xdoc_each_term(struct xdoc *doc,
                   int (*fn)(const char *term, unsigned wdf, void *ctx),
                   void *ctx, struct lv_err *err) noexcept
{
    try {
        for (Xapian::TermIterator t = doc->doc.termlist_begin();
             t != doc->doc.termlist_end(); ++t) {
            std::string term = *t;
            int rc = fn(term.c_str(), t.get_wdf(), ctx);
            if (rc)
                return rc;
        }
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

/* ---- queries --------------------------------------------------------- */

static xquery *wrap(const Xapian::Query &q) noexcept
{
    try {
        return new xquery{q};
    } catch (...) {
        return nullptr;
    }
}

struct xquery *xquery_term(const char *term, unsigned wqf,
                           unsigned pos) noexcept
{
    try {
        return wrap(Xapian::Query(term, wqf ? wqf : 1, pos));
    } catch (...) {
        return nullptr;
    }
}

/* OR (or AND) of subs[from..n-1], for the right side of AND_NOT etc. */
static Xapian::Query join(Xapian::Query::op op, struct xquery **subs,
                          size_t from, size_t n)
{
    std::vector<Xapian::Query> v;

    for (size_t i = from; i < n; i++)
        v.push_back(subs[i]->q);
    return Xapian::Query(op, v.begin(), v.end());
}

struct xquery *xquery_combine(int op, struct xquery **subs, size_t n,
                              unsigned window) noexcept
{
    xquery *res = nullptr;
    size_t i;
    bool bad = false;

    for (i = 0; i < n; i++)
        if (!subs[i])
            bad = true;
    try {
        if (bad) {
            res = nullptr;
        } else if (n == 0) {
            res = wrap(Xapian::Query::MatchNothing);
        } else if (n == 1 && op != XQ_AND_NOT && op != XQ_AND_MAYBE
                   && op != XQ_FILTER) {
            res = subs[0];
            subs[0] = nullptr; /* handed back as the result */
        } else {
            Xapian::Query q;
            std::vector<Xapian::Query> v;

            switch (op) {
            case XQ_AND: q = join(Xapian::Query::OP_AND, subs, 0, n); break;
            case XQ_OR: q = join(Xapian::Query::OP_OR, subs, 0, n); break;
            case XQ_PHRASE:
            case XQ_NEAR:
                for (i = 0; i < n; i++)
                    v.push_back(subs[i]->q);
                q = Xapian::Query(op == XQ_PHRASE ? Xapian::Query::OP_PHRASE
                                                  : Xapian::Query::OP_NEAR,
                                  v.begin(), v.end(),
                                  window ? window : (unsigned)n);
                break;
            case XQ_AND_NOT:
            case XQ_AND_MAYBE:
                q = n == 1
                        ? subs[0]->q
                        : Xapian::Query(
                            op == XQ_AND_NOT ? Xapian::Query::OP_AND_NOT
                                             : Xapian::Query::OP_AND_MAYBE,
                            subs[0]->q, join(Xapian::Query::OP_OR, subs, 1, n));
                break;
            case XQ_FILTER:
                q = n == 1 ? subs[0]->q
                           : Xapian::Query(
                               Xapian::Query::OP_FILTER, subs[0]->q,
                               join(Xapian::Query::OP_AND, subs, 1, n));
                break;
            default: bad = true;
            }
            if (!bad)
                res = wrap(q);
        }
    } catch (...) {
        res = nullptr;
    }
    for (i = 0; i < n; i++)
        delete subs[i]; /* ownership was taken, success or not */
    return res;
}

struct xquery *xquery_docid_range(unsigned lo, unsigned hi) noexcept
{
    try {
        DocidRangeSource *src = new DocidRangeSource(lo, hi);

        /* release(): the query owns the source from here on. */
        return wrap(Xapian::Query(src->release()));
    } catch (...) {
        return nullptr;
    }
}

struct xquery *xquery_doc_list(const unsigned *docids, const double *weights,
                               size_t n, double max_weight) noexcept
{
    try {
        DocListSource *src = new DocListSource(docids, weights, n, max_weight);

        return wrap(Xapian::Query(src->release()));
    } catch (...) {
        return nullptr;
    }
}

struct xquery *xquery_copy(const struct xquery *q) noexcept
{
    return q ? wrap(q->q) : nullptr;
}

/* What xquery_clone unserialises with: Xapian's own classes and ours. */
static Xapian::Registry clone_registry()
{
    Xapian::Registry reg;

    reg.register_posting_source(DocidRangeSource(0, 0));
    return reg;
}

struct xquery *xquery_clone(const struct xquery *q) noexcept
{
    try {
        /* One per thread: copies of a registry share its state. */
        static thread_local Xapian::Registry reg = clone_registry();

        if (!q)
            return nullptr;
        return wrap(Xapian::Query::unserialise(q->q.serialise(), reg));
    } catch (...) {
        return nullptr; /* out of memory, or a doc list (not clonable) */
    }
}

struct xquery *xquery_value_range(unsigned slot, const char *lo,
                                  const char *hi) noexcept
{
    try {
        if (lo && hi)
            return wrap(
                Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
        if (lo)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
        if (hi)
            return wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        return wrap(Xapian::Query::MatchAll);
    } catch (...) {
        return nullptr;
    }
}

struct xquery *xquery_scale(struct xquery *q, double factor) noexcept
{
    xquery *res = nullptr;

    if (!q)
        return nullptr;
    try {
        res = wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
    } catch (...) {
        res = nullptr;
    }
    delete q;
    return res;
}

struct xquery *xquery_fixed_weight(double weight, int xapian_only) noexcept
{
    try {
        if (xapian_only) {
            Xapian::FixedWeightPostingSource *src =
                new Xapian::FixedWeightPostingSource(weight);

            return wrap(Xapian::Query(src->release()));
        }
        /* Every docid, weighted (not Xapian's FixedWeightPostingSource:
         * under a docid-range filter, as split searches run, it let
         * matches from outside the range through). */
        DocidRangeSource *src = new DocidRangeSource(
            1, std::numeric_limits<Xapian::docid>::max(), weight);

        return wrap(Xapian::Query(src->release()));
    } catch (...) {
        return nullptr;
    }
}

struct xquery *xquery_match_all(void) noexcept
{
    return wrap(Xapian::Query::MatchAll);
}

char *xquery_describe(const struct xquery *q) noexcept
{
    char *out = nullptr;

    try {
        if (out_string(q ? q->q.get_description() : "(null)", &out, nullptr)
            < 0)
            return nullptr;
    } catch (...) {
        return nullptr;
    }
    return out;
}

void xquery_free(struct xquery *q) noexcept
{
    delete q;
}

/* ---- searching ------------------------------------------------------- */

int xenquire_new(struct xdb *db, struct xenquire **out,
                 struct lv_err *err) noexcept
{
    try {
        *out = new xenquire(db);
        return 0;
    } catch (...) {
        *out = nullptr;
        return xap_exc(err);
    }
}

void xenquire_free(struct xenquire *e) noexcept
{
    if (!e)
        return;
    delete e->spy;
    delete e;
}

int xenquire_set_query(struct xenquire *e, const struct xquery *q,
                       struct lv_err *err) noexcept
{
    try {
        e->enq.set_query(q->q);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xenquire_sort_value(struct xenquire *e, unsigned slot, int reverse,
                        const char *missing, struct lv_err *err) noexcept
{
    try {
        if (!missing) {
            e->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
            return 0;
        }
        /* One slot, not reversed: the key is the value itself (or
         * `missing`), as set_sort_by_value's would be. */
        Xapian::MultiValueKeyMaker *k = new Xapian::MultiValueKeyMaker;
        k->add_value(slot, false, missing);
        e->enq.set_sort_by_key_then_relevance(k->release(), reverse != 0);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xenquire_set_collapse(struct xenquire *e, unsigned slot,
                          struct lv_err *err) noexcept
{
    try {
        e->enq.set_collapse_key(slot == XCOLLAPSE_NONE ? Xapian::BAD_VALUENO
                                                       : slot);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xenquire_set_docid_spy(struct xenquire *e, xdocid_spy_fn fn, void *ctx,
                           struct lv_err *err) noexcept
{
    try {
        e->enq.clear_matchspies();
        delete e->spy;
        e->spy = nullptr;
        if (fn) {
            e->spy = new DocidSpy(fn, ctx);
            e->enq.add_matchspy(e->spy);
        }
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xenquire_mset(struct xenquire *e, unsigned first, unsigned max,
                  unsigned check_at_least, struct xmset **out,
                  struct lv_err *err) noexcept
{
    xmset *m = nullptr;

    *out = nullptr;
    try {
        if (check_at_least == XMSET_EXACT)
            check_at_least = e->db->db->get_doccount();
        m = new xmset;
        m->mset = e->enq.get_mset(first, max, check_at_least);
        *out = m;
        return 0;
    } catch (...) {
        delete m;
        return xap_exc(err);
    }
}

/* Keeps expand terms that start with one of the given prefixes. */
class PrefixDecider : public Xapian::ExpandDecider
{
  public:
    explicit PrefixDecider(const char *const *p) : prefixes(p)
    {
    }
    bool operator()(const std::string &term) const override
    {
        if (!prefixes)
            return true;
        for (const char *const *p = prefixes; *p; p++)
            if (term.compare(0, std::strlen(*p), *p) == 0)
                return true;
        return false;
    }

  private:
    const char *const *prefixes;
};

int xenquire_expand(struct xenquire *e, const unsigned *docids, size_t ndoc,
                    unsigned max_terms, const char *const *prefixes,
                    char ***terms, size_t *n, struct lv_err *err) noexcept
{
    char **v = nullptr;
    size_t k = 0;

    *terms = nullptr;
    *n = 0;
    try {
        Xapian::RSet rset;
        PrefixDecider decider(prefixes);

        for (size_t i = 0; i < ndoc; i++)
            rset.add_document(docids[i]);
        Xapian::ESet eset = e->enq.get_eset(max_terms, rset, &decider);
        v = static_cast<char **>(
            std::calloc(eset.size() ? eset.size() : 1, sizeof(char *)));
        if (!v)
            return set_err(err, LV_ENOMEM, "out of memory");
        for (Xapian::ESetIterator t = eset.begin(); t != eset.end(); ++t) {
            if (out_string(*t, &v[k], nullptr) < 0)
                throw std::bad_alloc();
            k++;
        }
        *terms = v;
        *n = k;
        return 0;
    } catch (...) {
        for (size_t i = 0; i < k; i++)
            std::free(v[i]);
        std::free(v);
        return xap_exc(err);
    }
}

/* ---- results --------------------------------------------------------- */

void xmset_free(struct xmset *m) noexcept
{
    delete m;
}

unsigned xmset_size(const struct xmset *m) noexcept
{
    return m->mset.size();
}

unsigned xmset_estimated(const struct xmset *m) noexcept
{
    return m->mset.get_matches_estimated();
}

unsigned xmset_lower(const struct xmset *m) noexcept
{
    return m->mset.get_matches_lower_bound();
}

unsigned xmset_upper(const struct xmset *m) noexcept
{
    return m->mset.get_matches_upper_bound();
}

int xmset_docid(const struct xmset *m, unsigned i, unsigned *docid,
                struct lv_err *err) noexcept
{
    try {
        if (i >= m->mset.size())
            return set_err(err, LV_EINVAL, "result index out of range");
        *docid = *(m->mset[i]);
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xmset_weight(const struct xmset *m, unsigned i, double *weight,
                 struct lv_err *err) noexcept
{
    try {
        if (i >= m->mset.size())
            return set_err(err, LV_EINVAL, "result index out of range");
        *weight = m->mset[i].get_weight();
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xmset_sort_key(const struct xmset *m, unsigned i, char **out, size_t *len,
                   struct lv_err *err) noexcept
{
    try {
        if (i >= m->mset.size())
            return set_err(err, LV_EINVAL, "result index out of range");
        if (out_string(m->mset[i].get_sort_key(), out, len) < 0)
            return set_err(err, LV_ENOMEM, "out of memory");
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xmset_fetch(const struct xmset *m, struct lv_err *err) noexcept
{
    try {
        /* (the range: Xapian 1.4's fetch() of the whole MSet indexes
         * past its items when it does not start at the first match) */
        m->mset.fetch(m->mset.begin(), m->mset.end());
        return 0;
    } catch (...) {
        return xap_exc(err);
    }
}

int xmset_doc(const struct xmset *m, unsigned i, struct xdoc **out,
              struct lv_err *err) noexcept
{
    xdoc *d = nullptr;

    *out = nullptr;
    try {
        if (i >= m->mset.size())
            return set_err(err, LV_EINVAL, "result index out of range");
        d = new xdoc;
        d->doc = m->mset[i].get_document();
        *out = d;
        return 0;
    } catch (...) {
        delete d;
        return xap_exc(err);
    }
}

} /* extern "C" */
