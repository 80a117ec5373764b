/*
 * log: one line per call on stderr, with journald priority prefixes when
 * stderr is the journal (JOURNAL_STREAM) and ISO-8601 timestamps otherwise.
 * Lines read "module: what happened: detail key=value ..." so operators can
 * grep; control characters from input never reach the output raw.
 */
#ifndef COMPLAINTD_LOG_H
#define COMPLAINTD_LOG_H

#include <stddef.h>

enum log_level {
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARNING,
	LOG_LEVEL_ERROR,
};

/*
 * Decides the line format from the environment (JOURNAL_STREAM naming our
 * stderr) and sets the level.  Safe to call again, e.g. after a reload.
 */
void log_init(enum log_level level);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* Parses "debug", "info", "warning", "error"; returns 0 or -1. */
int log_level_parse(const char *name, enum log_level *level_r);
const char *log_level_name(enum log_level level);

void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* log_warn and log_err append ": strerror(errno)"; the x forms do not. */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_errx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Formats value for a key=value field: as is when it is a plain token,
 * otherwise in double quotes with '"' and '\' escaped.  Returns buf, which
 * is always NUL-terminated (a too long value is cut and ends in "...").
 */
const char *log_quote(char *buf, size_t size, const char *value);

#endif
