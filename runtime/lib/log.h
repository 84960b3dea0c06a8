/*
 * log.h -- process-level messages: warnings, fatal errors, panics.
 * log_warn appends strerror(errno); the "x" variants do not (OpenSMTPD).
 * panic() is for internal inconsistencies and always aborts (Postfix).
 */
#ifndef RT_LOG_H
#define RT_LOG_H

#include <stdarg.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define FALLTHROUGH __attribute__((fallthrough))

void log_init(const char *progname);
const char *log_progname(void);
void log_warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_warnx(const char *fmt, ...) PRINTF_LIKE(1, 2);
void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
void fatalx(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
void panic(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;

#endif /* RT_LOG_H */
