/* t_stub.c - stub files read as Xapian 1.4 reads them: each kind of line
 * to its fields, comments and empty lines skipped, and every bad line an
 * error naming it. */
#include <stdio.h>
#include <string.h>

#include "../../xapian/stub.h"
#include "tap.h"

static void test_kinds(void)
{
    const char *text = "# two servers, a program and two local indexes\n"
                       "remote 10.0.0.12:7001\n"
                       "\n"
                       "remote [::1]:7002\r\n"
                       "remote :xapian-progsrv /srv/c.db\n"
                       "auto shard a\n"
                       "glass /srv/b";
    struct stub_shard *s = NULL;
    size_t n = 0;

    if (!ok(stub_parse(text, strlen(text), &s, &n, NULL) == 0 && n == 5,
            "five shards, the comment and the empty line skipped"))
        return;
    ok(s[0].kind == STUB_TCP && strcmp(s[0].host, "10.0.0.12") == 0
           && s[0].port == 7001,
       "remote HOST:PORT");
    ok(s[1].kind == STUB_TCP && strcmp(s[1].host, "::1") == 0
           && s[1].port == 7002,
       "an IPv6 address without its brackets, CR dropped");
    ok(s[2].kind == STUB_PROG && strcmp(s[2].program, "xapian-progsrv") == 0
           && strcmp(s[2].args, "/srv/c.db") == 0,
       "remote :PROGRAM ARGS");
    ok(s[3].kind == STUB_LOCAL && strcmp(s[3].path, "shard a") == 0,
       "a path may hold a space");
    ok(s[4].kind == STUB_LOCAL && strcmp(s[4].path, "/srv/b") == 0,
       "glass PATH, the last line without a newline");
    stub_free(s, n);
}

static void bad_len(const char *text, size_t len, const char *want,
                    const char *what)
{
    struct stub_shard *s = NULL;
    struct lv_err err = {0};
    size_t n = 7;
    int rc = stub_parse(text, len, &s, &n, &err);

    ok(rc == LV_EINVAL && !s && n == 0 && strstr(err.msg, want), "%s", what);
    if (!strstr(err.msg, want))
        printf("#   got '%s'\n", err.msg);
}

static void bad(const char *text, const char *want, const char *what)
{
    bad_len(text, strlen(text), want, what);
}

static void test_errors(void)
{
    bad("", "lists no shard", "an empty file lists no shard");
    bad("# only a comment\n\n", "lists no shard", "nor does a comment");
    bad("auto a\nremote\n", "line 2 names no shard", "a kind alone");
    bad("remote 10.0.0.12\n", "needs HOST:PORT", "a host without a port");
    bad("remote :8000\nremote h:0\n", "line 2 has a bad port",
        "port 0 (and :8000 is a program, as Xapian reads it)");
    bad("remote h:99999\n", "bad port", "a port past 65535");
    bad("remote h:70x\n", "bad port", "a port with a letter");
    bad("remote : args\n", "names no program", "a colon and no program");
    bad("shard a\n", "line 1 is of an unknown kind", "an unknown kind");
    bad_len("auto a\0b\n", 9, "NUL bytes", "a binary file is no stub");
}

int main(void)
{
    test_kinds();
    test_errors();
    return tap_done();
}
