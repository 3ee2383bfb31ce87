/*
 * log.h - diagnostics on stderr (after redis serverLog).
 *
 * Messages are lower-case with no final full stop; the program name is
 * prefixed by the caller's format, e.g.
 *   log_msg(LOG_ERR, "lvzhi index: cannot open '%s': %s", path, why);
 */
#ifndef LVZHI_LOG_H
#define LVZHI_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

/* Messages below this level are dropped.  Default LOG_INFO. */
extern int log_verbosity;

#define log_msg(level, ...)                                                    \
    do {                                                                       \
        if ((level) >= log_verbosity)                                          \
            log_write((level), __VA_ARGS__);                                   \
    } while (0)

void log_write(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
