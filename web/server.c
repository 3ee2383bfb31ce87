/*
 * server.c - the HTTP server (see server.h) and its routes.
 *
 *   /  /search        search page with facets
 *   /doc/ID           an article, with similar articles
 *   /compare          cities side by side
 *   /api/search       the JSON of `lvzhi search --format json` (+ facets)
 *   /export.FMT       the whole result set: csv json md html ris
 *   /healthz          "ok" and the document count
 *   /static/style.css
 */
#include "server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "../common/buf.h"
#include "../common/host.h"
#include "../search/export.h"
#include "../search/matchcache.h"
#include "../search/tableshare.h"
#include "../search/original.h"
#include "../search/search.h"
#include "cache.h"
#include "pages.h"
#include "params.h"
#include "routes.h"
#include "static.h"

#define CSP                                                                    \
    "default-src 'none'; style-src 'self'; img-src 'self'; "                   \
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/* Per-request state, freed when the request completes. */
struct req {
    double t0;
    unsigned status;
    size_t bytes;
    char method[8];
    char url[160];
    char *cache_key;        /* set for cacheable routes */
    int claimed;            /* this request makes the cached page */
    unsigned long long rev; /* index revision the page is for */
};

/* Set once in server_run, before any thread starts. */
static const struct server_opts *opts;
static pthread_key_t searcher_key;
static struct page_cache *cache;
static struct match_cache *matches; /* text match sets (matchcache.h) */
static struct table_share *tables;  /* one facet table per revision for
                                       every thread (tableshare.h) */
static atomic_uint searching;       /* requests in serve_page now */
static unsigned cpus = 1;

static void searcher_destroy(void *p)
{
    searcher_free(p);
}

/* This worker thread's searcher, opened once and re-opened per request
 * so each request sees the latest committed index. */
static int thread_searcher(struct searcher **out, struct lv_err *err)
{
    struct searcher *s = pthread_getspecific(searcher_key);
    int rc;

    *out = NULL;
    if (s) {
        if (searcher_reopen(s, err) == 0) {
            *out = s;
            return 0;
        }
        searcher_free(s); /* (replaced or broken: open it again) */
        pthread_setspecific(searcher_key, NULL);
    }
    rc = searcher_open(opts->db, &s, err);
    if (rc < 0)
        return rc;
    searcher_set_match_cache(s, matches);
    searcher_set_table_share(s, tables);
    pthread_setspecific(searcher_key, s);
    *out = s;
    return 0;
}

static void add_headers(struct MHD_Response *r, const char *type)
{
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

/* Wake the requests waiting for the page this one was making. */
static void release_claim(struct req *rq)
{
    if (rq->claimed)
        page_cache_done(cache, rq->cache_key, rq->rev);
    rq->claimed = 0;
}

/* Queue data (handed over; freed by MHD) with our headers and, for a
 * cacheable route, whether it came from the cache. */
static enum MHD_Result send_body(struct MHD_Connection *c, struct req *rq,
                                 unsigned status, const char *type, char *data,
                                 size_t len, const char *x_cache)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback(len, data, free);
    enum MHD_Result ret;

    if (!r) {
        free(data);
        return MHD_NO;
    }
    add_headers(r, type);
    if (x_cache)
        MHD_add_response_header(r, "X-Cache", x_cache);
    rq->status = status;
    rq->bytes = len;
    ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Send b's bytes (taken from it); a buf whose adds failed closes the
 * connection instead. */
static enum MHD_Result send_buf(struct MHD_Connection *c, struct req *rq,
                                unsigned status, const char *type,
                                struct buf *b)
{
    size_t len;
    char *data = buf_take(b, &len);

    if (!data)
        return MHD_NO;
    if (rq->cache_key && (status == 200 || status == 400))
        page_cache_put(cache, rq->cache_key, rq->rev, data, len, status, type);
    release_claim(rq);
    return send_body(c, rq, status, type, data, len,
                     rq->cache_key ? "miss" : NULL);
}

static enum MHD_Result append_arg(void *cls, enum MHD_ValueKind kind,
                                  const char *key, const char *value)
{
    (void)kind;
    buf_printf(cls, "&%s=%s", key ? key : "", value ? value : "");
    return MHD_YES;
}

/*
 * Serve a cacheable route from the page cache when this request was
 * answered before at this index revision; otherwise remember the key so
 * send_buf stores the page.  A request that another thread is already
 * answering waits for that answer instead of searching too (a burst of
 * one new link).  Returns 1 when it answered.
 */
static int from_cache(struct MHD_Connection *c, struct req *rq,
                      struct searcher *s, const char *url, enum MHD_Result *ret)
{
    struct buf key = BUF_INIT;
    const char *type;
    unsigned status;
    size_t len;
    char *body;
    int claim;

    if (!cache)
        return 0;
    rq->rev = searcher_revision(s);
    buf_addstr(&key, url);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, append_arg, &key);
    rq->cache_key = buf_take(&key, NULL);
    if (!rq->cache_key) /* out of memory: no key rather than a cut one */
        return 0;
    body = page_cache_get(cache, rq->cache_key, rq->rev, &len, &status, &type);
    if (!body) {
        claim = page_cache_claim(cache, rq->cache_key, rq->rev);
        rq->claimed = claim == CACHE_CLAIMED;
        if (claim == CACHE_LOOK_AGAIN)
            body = page_cache_get(cache, rq->cache_key, rq->rev, &len, &status,
                                  &type);
    }
    if (!body)
        return 0;
    *ret = send_body(c, rq, status, type, body, len, "hit");
    return 1;
}

static enum MHD_Result send_error(struct MHD_Connection *c, struct req *rq,
                                  unsigned status, const char *msg)
{
    struct buf b = BUF_INIT;

    page_error(&b, (int)status, msg); /* send_buf sees a failure */
    return send_buf(c, rq, status, "text/html; charset=utf-8", &b);
}

/*
 * A page made from the request's parameters (routes.h).  When no other
 * request is searching, this one may use every core (a big index's
 * search then runs in docid ranges side by side); under load each
 * request keeps to its own thread.
 */
static enum MHD_Result serve_page(struct MHD_Connection *c, struct req *rq,
                                  struct searcher *s, enum params_route rt,
                                  const char *arg)
{
    struct params p;
    struct route_page page;
    unsigned others = atomic_fetch_add(&searching, 1);
    int rc;

    searcher_set_threads(s, others == 0 ? cpus : 1);
    params_read(c, &p);
    rc = route_render(s, &p, rt, arg, &page);
    atomic_fetch_sub(&searching, 1);
    params_release(&p);
    if (rc < 0) {
        buf_release(&page.body);
        return MHD_NO;
    }
    return send_buf(c, rq, page.status, page.type, &page.body);
}

/* Streaming export: the stream and the bytes not yet handed to MHD. */
struct export_state {
    struct export_stream *x;
    struct params p;
    const char *data;
    size_t len, pos;
    int done;
};

static ssize_t export_reader(void *cls, uint64_t pos, char *out, size_t max)
{
    struct export_state *st = cls;
    size_t n;

    (void)pos;
    while (st->pos == st->len) {
        if (st->done)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (export_stream_next(st->x, &st->data, &st->len, NULL) < 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        st->pos = 0;
        if (st->len == 0)
            st->done = 1;
    }
    n = st->len - st->pos < max ? st->len - st->pos : max;
    memcpy(out, st->data + st->pos, n);
    st->pos += n;
    return (ssize_t)n;
}

static void export_free(void *cls)
{
    struct export_state *st = cls;

    export_stream_free(st->x);
    params_release(&st->p);
    free(st);
}

static enum MHD_Result serve_export(struct MHD_Connection *c, struct req *rq,
                                    struct searcher *s, const char *fmt)
{
    struct export_state *st;
    struct search_request q;
    struct MHD_Response *r;
    enum MHD_Result ret;
    char disp[80];
    struct export_options xopt = {0};
    int format = export_format_parse(fmt);

    if (format < 0)
        return send_error(c, rq, 404, "没有这种导出格式");
    st = calloc(1, sizeof(*st));
    if (!st)
        return MHD_NO;
    searcher_set_threads(s, 1); /* streamed over the request's life */
    params_read(c, &st->p);
    if (st->p.too_long) {
        export_free(st);
        return send_error(c, rq, 414, "查询太长");
    }
    params_request(&st->p, &q, EXPORT_PAGE);
    q.facets = 0;
    q.offset = 0;
    xopt.english_headers = st->p.english_headers;
    xopt.full_text = st->p.full_text;
    xopt.snippets_only = st->p.snippets_only;
    if (export_stream_new(s, &q, format, &xopt, &st->x, NULL) < 0) {
        export_free(st);
        return MHD_NO;
    }
    r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024,
                                          export_reader, st, export_free);
    if (!r) {
        export_free(st);
        return MHD_NO;
    }
    add_headers(r, export_content_type(format));
    snprintf(disp, sizeof(disp), "%s; filename=\"lvzhi-export.%s\"",
             format == EXPORT_HTML ? "inline" : "attachment",
             export_extension(format));
    MHD_add_response_header(r, "Content-Disposition", disp);
    rq->status = 200;
    ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* A page kept as crawled may carry scripts: originals are served
 * sandboxed, as if from another origin, with nothing they could load. */
#define ORIGINAL_CSP "sandbox; default-src 'none'; style-src 'unsafe-inline'"

/* Content-Disposition for an original: shown in the browser (PDF, page,
 * text) or downloaded, under its own name (RFC 6266 filename*). */
static void add_disposition(struct MHD_Response *r, const struct original *o)
{
    static const char hexd[] = "0123456789ABCDEF";
    int show = strcmp(o->type, "pdf") == 0 || strcmp(o->type, "html") == 0
               || strcmp(o->type, "text") == 0;
    struct buf b = BUF_INIT;
    const unsigned char *p;

    buf_printf(&b, "%s; filename=\"original\"; filename*=UTF-8''",
               show ? "inline" : "attachment");
    for (p = (const unsigned char *)o->name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
            || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
            buf_addch(&b, (char)*p);
        else
            buf_printf(&b, "%%%c%c", hexd[*p >> 4], hexd[*p & 15]);
    }
    if (b.data && !buf_error(&b)) /* none rather than a cut one */
        MHD_add_response_header(r, "Content-Disposition", b.data);
    buf_release(&b);
}

/* /file/ID: the original file of an article, when it lies under a root
 * the index was built from. */
static enum MHD_Result serve_file(struct MHD_Connection *c, struct req *rq,
                                  struct searcher *s, const char *id)
{
    struct original o;
    struct lv_err err = {0};
    struct MHD_Response *r;
    struct stat st;
    enum MHD_Result ret;
    char type[96];
    int textual, fd, rc = original_find(s, id, &o, &err);

    if (rc == LV_ENOTFOUND)
        return send_error(c, rq, 404, "没有这个原文件");
    if (rc < 0)
        return send_error(c, rq, 500, err.msg);
    fd = open(o.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        original_release(&o);
        return send_error(c, rq, 404, "没有这个原文件");
    }
    r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        original_release(&o);
        return MHD_NO;
    }
    textual = strcmp(o.type, "html") == 0 || strcmp(o.type, "text") == 0;
    snprintf(type, sizeof(type), "%s%s%s", original_content_type(o.type),
             textual && o.charset ? "; charset=" : "",
             textual && o.charset ? o.charset : "");
    MHD_add_response_header(r, "Content-Type", type);
    /* (A sandboxed PDF would not open in a browser's viewer.) */
    if (strcmp(o.type, "pdf") != 0)
        MHD_add_response_header(r, "Content-Security-Policy", ORIGINAL_CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    add_disposition(r, &o);
    original_release(&o);
    rq->status = 200;
    rq->bytes = (size_t)st.st_size;
    ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result serve_request(struct MHD_Connection *c, struct req *rq,
                                     const char *url)
{
    struct lv_err err = {0};
    struct searcher *s;
    struct buf b = BUF_INIT;
    const char *arg;
    enum params_route rt = route_of(url, &arg);
    int opened;

    if (rt == PARAMS_ROUTE_STATIC) {
        struct MHD_Response *r = MHD_create_response_from_buffer(
            strlen(static_style_css), (void *)static_style_css,
            MHD_RESPMEM_PERSISTENT);
        enum MHD_Result ret;

        add_headers(r, "text/css; charset=utf-8");
        MHD_add_response_header(r, "Cache-Control", "max-age=3600");
        rq->status = 200;
        rq->bytes = strlen(static_style_css);
        ret = MHD_queue_response(c, 200, r);
        MHD_destroy_response(r);
        return ret;
    }
    opened = thread_searcher(&s, &err);
    if (rt == PARAMS_ROUTE_HEALTHZ) {
        unsigned n = 0;

        if (opened < 0 || searcher_doc_count(s, &n, &err) < 0) {
            buf_printf(&b, "unavailable: %s\n", err.msg);
            return send_buf(c, rq, 503, "text/plain; charset=utf-8", &b);
        }
        buf_printf(&b, "ok %u documents\n", n);
        return send_buf(c, rq, 200, "text/plain; charset=utf-8", &b);
    }
    if (opened < 0)
        return send_error(c, rq, 503, err.msg);
    if (rt == PARAMS_ROUTE_FILE)
        return serve_file(c, rq, s, arg);
    if (rt != PARAMS_ROUTE_EXPORT) {
        enum MHD_Result ret;

        if (from_cache(c, rq, s, url, &ret))
            return ret;
    }
    if (rt == PARAMS_ROUTE_EXPORT)
        return serve_export(c, rq, s, arg);
    if (route_has_page(rt))
        return serve_page(c, rq, s, rt, arg);
    return send_error(c, rq, 404, "没有这个页面");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_size, void **req_cls)
{
    struct req *rq = *req_cls;
    size_t i;

    (void)cls;
    (void)version;
    (void)upload_data;
    if (!rq) {
        rq = calloc(1, sizeof(*rq));
        if (!rq)
            return MHD_NO;
        rq->t0 = host_seconds();
        snprintf(rq->method, sizeof(rq->method), "%s", method);
        snprintf(rq->url, sizeof(rq->url), "%s", url);
        for (i = 0; rq->url[i]; i++) /* keep the log one clean line */
            if ((unsigned char)rq->url[i] < 0x20 || rq->url[i] == 0x7f)
                rq->url[i] = '?';
        *req_cls = rq;
        return MHD_YES;
    }
    if (*upload_size) {
        /* No route takes a body: discard it (bounded by the connection
         * timeout), then answer 405 on the final call. */
        *upload_size = 0;
        return MHD_YES;
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        struct buf b = BUF_INIT;
        struct MHD_Response *r;
        enum MHD_Result ret;
        size_t len;
        char *data;

        page_error(&b, 405, "只支持 GET 和 HEAD");
        data = buf_take(&b, &len);
        if (!data)
            return MHD_NO;
        r = MHD_create_response_from_buffer_with_free_callback(len, data, free);
        add_headers(r, "text/html; charset=utf-8");
        MHD_add_response_header(r, "Allow", "GET, HEAD");
        rq->status = 405;
        ret = MHD_queue_response(c, 405, r);
        MHD_destroy_response(r);
        return ret;
    }
    return serve_request(c, rq, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct req *rq = *req_cls;
    const union MHD_ConnectionInfo *ci;
    char ip[64] = "-";

    (void)cls;
    if (!rq)
        return;
    ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;

        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, ip,
                      sizeof(ip));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
                      ip, sizeof(ip));
    }
    if (!opts->quiet)
        fprintf(stderr, "%s %s %s %u %zu %.1fms%s\n", ip, rq->method, rq->url,
                rq->status, rq->bytes, (host_seconds() - rq->t0) * 1000,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    release_claim(rq); /* a claimed page that was never sent */
    free(rq->cache_key);
    free(rq);
    *req_cls = NULL;
}

/*
 * How many connections to accept: SERVER_MAX_CONNECTIONS, within the
 * open-file limit (raised first from its soft to its hard value, as a
 * soft 1024 would let a few hundred idle clients from a few addresses
 * lock everyone else out), keeping room for the index's files.
 */
static unsigned connection_limit(void)
{
    struct rlimit rl;
    rlim_t room;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 256;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    room = rl.rlim_cur > 512 ? rl.rlim_cur - 256 : rl.rlim_cur / 2;
    return room < SERVER_MAX_CONNECTIONS ? (unsigned)room
                                         : SERVER_MAX_CONNECTIONS;
}

int server_run(const struct server_opts *o, struct lv_err *err)
{
    struct sockaddr_storage ss;
    struct MHD_Daemon *d;
    unsigned threads = o->threads;
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    sigset_t set;
    int sig;

    opts = o;
    memset(&ss, 0, sizeof(ss));
    if (inet_pton(AF_INET, o->listen, &((struct sockaddr_in *)&ss)->sin_addr)
        == 1) {
        ((struct sockaddr_in *)&ss)->sin_family = AF_INET;
        ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)o->port);
    } else if (inet_pton(AF_INET6, o->listen,
                         &((struct sockaddr_in6 *)&ss)->sin6_addr)
               == 1) {
        ((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
        ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)o->port);
        flags |= MHD_USE_IPv6;
    } else {
        return lv_err_set(err, LV_EINVAL, "'%s' is not an IP address",
                          o->listen);
    }
    cpus = host_cpus();
    if (!threads)
        threads = cpus * 2;
    pthread_key_create(&searcher_key, searcher_destroy);
    cache = o->no_cache ? NULL : page_cache_new();
    matches = o->no_cache ? NULL : match_cache_new(SEARCH_MATCH_CACHE_BYTES);
    tables = table_share_new(); /* (NULL: each thread its own table) */
    /* Signals go to this thread only: workers inherit the mask. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    d = MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, on_request, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        connection_limit(), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)SERVER_MAX_PER_IP, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)SERVER_TIMEOUT_S, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)SERVER_MAX_HEADER_BYTES, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_END);
    if (!d)
        return lv_err_set(err, LV_EIO,
                          "cannot listen on %s port %u (in "
                          "use, or not allowed)",
                          o->listen, o->port);
    fprintf(stderr,
            "lvzhi serve: http://%s%s%s:%u/ (index '%s', %u threads;"
            " Ctrl-C stops)\n",
            strchr(o->listen, ':') ? "[" : "", o->listen,
            strchr(o->listen, ':') ? "]" : "", o->port, o->db, threads);
    sigwait(&set, &sig);
    fprintf(stderr, "lvzhi serve: stopping\n");
    MHD_stop_daemon(d);
    page_cache_free(cache);
    match_cache_free(matches);
    /* (the threads' searchers went with the daemon: every table is back) */
    table_share_free(tables);
    tables = NULL;
    cache = NULL;
    return 0;
}
