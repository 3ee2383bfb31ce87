/*
 * stub.h - a stub file: the shards one search covers, one per line, in
 * Xapian's own format (Xapian's tools read the same file):
 *
 *     # a comment line
 *     remote HOST:PORT        a shard served by xapian-tcpsrv
 *                             ([ADDR]:PORT for an IPv6 address)
 *     remote :PROGRAM ARGS    one served by a program (xapian-progsrv)
 *     auto PATH               a local index (glass, chert: the same)
 *
 * One space after the kind; the rest of the line is the shard (a PATH may
 * hold spaces; no comment after it).  Empty lines are skipped.  A
 * relative PATH is relative to the stub file's folder.  Pure: nothing is
 * opened here (xapian_c.cc opens the shards).
 */
#ifndef LVZHI_STUB_H
#define LVZHI_STUB_H

#include <stddef.h>

#include "../common/err.h"

#ifdef __cplusplus
extern "C" {
#endif

enum stub_kind { STUB_LOCAL, STUB_TCP, STUB_PROG };

struct stub_shard {
    int kind;
    char *path;    /* STUB_LOCAL: as written */
    char *host;    /* STUB_TCP (without an IPv6 address's brackets) */
    unsigned port; /* STUB_TCP: 1..65535 */
    char *program; /* STUB_PROG */
    char *args;    /* STUB_PROG: the rest of the line ("" if none) */
};

#define STUB_MAX_SHARDS 1024

/*
 * The shards of stub text[0..len-1], *n >= 1 of them in file order
 * (free with stub_free).  A line of another kind, one naming no shard, a
 * bad port, NUL bytes or no shard at all: LV_EINVAL naming the line.
 */
LV_MUST_CHECK
int stub_parse(const char *text, size_t len, struct stub_shard **out, size_t *n,
               struct lv_err *err);
void stub_free(struct stub_shard *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif
