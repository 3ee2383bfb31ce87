/*
 * server.h - `lvzhi serve`: libmicrohttpd with a thread pool, one
 * read-only searcher per worker thread (re-opened at each request, which
 * costs nothing when the index has not changed, so indexing while serving
 * works), limits on connections, request size and time, security headers
 * on every response, an access-log line per request, and a clean stop on
 * SIGINT or SIGTERM.
 */
#ifndef LVZHI_SERVER_H
#define LVZHI_SERVER_H

#include "../common/err.h"

struct server_opts {
    const char *db;
    const char *listen; /* IPv4 or IPv6 address */
    unsigned port;
    unsigned threads; /* 0: twice the CPUs */
    int quiet;        /* no access log */
    int no_cache;     /* do not keep rendered pages (web/cache.h) */
};

/* Serve until SIGINT/SIGTERM.  0; LV_EINVAL (the listen address is not
 * one) or LV_EIO (cannot listen), with the reason in err. */
struct lv_err;
LV_MUST_CHECK
int server_run(const struct server_opts *o, struct lv_err *err);

/* Limits, documented in README. */
/* Connections at most: this, or what the open-file limit allows (the
 * server raises its soft limit to the hard one). */
#define SERVER_MAX_CONNECTIONS 10000
#define SERVER_MAX_PER_IP 200
#define SERVER_TIMEOUT_S 15
#define SERVER_MAX_HEADER_BYTES (32 * 1024)
#define SERVER_PAGE_SIZE 20
#define SERVER_MAX_PAGE_SIZE 100

#endif
