/*
 * tap.h - a tiny TAP producer for the unit tests (after redis testhelp.h).
 *
 *   ok(cond, "what", ...);  is_str(got, want, "what");  is_int(...);
 *   return tap_done();
 *
 *   need(fallible_call(...));   (a step the checks build on, not a check)
 *
 * Each check prints "ok N - what" or "not ok N - what" (with the file and
 * line and the values on failure); tap_done() prints the plan and returns
 * the exit status (0 only if every check passed and at least one ran).
 */
#ifndef LVZHI_TAP_H
#define LVZHI_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count, tap_failed;

__attribute__((format(printf, 4, 5), unused)) static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond)
        printf("#   failed at %s:%d\n", file, line);
    fflush(stdout);
    return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...)                                                 \
    do {                                                                       \
        long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);       \
        if (!ok(tap_g_ == tap_w_, __VA_ARGS__))                                \
            printf("#   got %lld, want %lld\n", tap_g_, tap_w_);               \
    } while (0)

#define is_str(got, want, ...)                                                 \
    do {                                                                       \
        const char *tap_g_ = (got), *tap_w_ = (want);                          \
        int tap_c_ =                                                           \
            tap_g_ && tap_w_ ? strcmp(tap_g_, tap_w_) == 0 : tap_g_ == tap_w_; \
        if (!ok(tap_c_, __VA_ARGS__))                                          \
            printf("#   got  '%s'\n#   want '%s'\n",                           \
                   tap_g_ ? tap_g_ : "(null)", tap_w_ ? tap_w_ : "(null)");    \
    } while (0)

/* A step the checks build on (a fixture, a setup call) returning 0 or a
 * negative code: when it fails, that is a failed check and the test
 * stops there. */
#define need(call)                                                             \
    do {                                                                       \
        int tap_rc_ = (call);                                                  \
        if (tap_rc_ < 0) {                                                     \
            ok(0, "%s (%d)", #call, tap_rc_);                                  \
            exit(tap_done());                                                  \
        }                                                                      \
    } while (0)

__attribute__((unused)) static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    if (tap_failed)
        printf("# %d of %d checks failed\n", tap_failed, tap_count);
    return tap_failed || tap_count == 0;
}

#endif
