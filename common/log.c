/*
 * log: formatting and writing of log lines.  Each line is built in one
 * buffer and written with one write(2), so lines from several threads
 * never interleave.
 */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 4096

static atomic_int log_level_current = LOG_LEVEL_INFO;
static atomic_bool log_to_journal = false;

static const char *const log_level_names[] = {
    [LOG_LEVEL_DEBUG] = "debug",
    [LOG_LEVEL_INFO] = "info",
    [LOG_LEVEL_WARNING] = "warning",
    [LOG_LEVEL_ERROR] = "error",
};

/* syslog(3) priorities as journald reads them from "<N>" prefixes. */
static const int log_level_priority[] = {
    [LOG_LEVEL_DEBUG] = 7,
    [LOG_LEVEL_INFO] = 6,
    [LOG_LEVEL_WARNING] = 4,
    [LOG_LEVEL_ERROR] = 3,
};

/*
 * systemd sets JOURNAL_STREAM=dev:inode for the stream it connected; a child
 * that inherited the variable but has stderr redirected must not use
 * prefixes, hence the comparison with what fd 2 really is.
 */
static bool
log_stderr_is_journal(void)
{
	const char *env = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (env == NULL || sscanf(env, "%llu:%llu", &dev, &ino) != 2)
		return false;
	if (fstat(STDERR_FILENO, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev == dev &&
	       (unsigned long long)st.st_ino == ino;
}

void
log_init(enum log_level level)
{
	atomic_store(&log_to_journal, log_stderr_is_journal());
	log_set_level(level);
}

void
log_set_level(enum log_level level)
{
	atomic_store(&log_level_current, (int)level);
}

enum log_level
log_get_level(void)
{
	return (enum log_level)atomic_load(&log_level_current);
}

int
log_level_parse(const char *name, enum log_level *level_r)
{
	for (size_t i = 0;
	     i < sizeof(log_level_names) / sizeof(*log_level_names); i++) {
		if (strcmp(name, log_level_names[i]) == 0) {
			*level_r = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

const char *
log_level_name(enum log_level level)
{
	return log_level_names[level];
}

static size_t
log_prefix(char *buf, size_t size, enum log_level level)
{
	struct timespec now;
	struct tm tm;
	char zone[8];
	int n;

	if (atomic_load(&log_to_journal))
		return (size_t)snprintf(buf, size, "<%d>",
		                        log_level_priority[level]);
	clock_gettime(CLOCK_REALTIME, &now);
	localtime_r(&now.tv_sec, &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	/* %z gives +hhmm; ISO 8601 extended format wants +hh:mm. */
	n = snprintf(buf, size,
	             "%04d-%02d-%02dT%02d:%02d:%02d.%03ld%.3s:%.2s %s ",
	             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	             tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000L, zone,
	             zone + 3, log_level_names[level]);
	return n < 0 ? 0 : (size_t)n;
}

/*
 * Replaces what could forge or break a line: a newline in a hostile subject
 * must not start a fake log entry.
 */
static void
log_neutralise(char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			*s = c == '\t' ? ' ' : '?';
	}
}

static void log_write(enum log_level level, int errnum, const char *fmt,
                      va_list ap) __attribute__((format(printf, 3, 0)));

static void
log_write(enum log_level level, int errnum, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	size_t len, body;
	int n;

	if ((int)level < atomic_load(&log_level_current))
		return;
	len = log_prefix(line, sizeof(line), level);
	body = len;
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n < 0)
		n = 0;
	len += (size_t)n;
	if (len >= sizeof(line) - 1)
		len = sizeof(line) - 2;
	if (errnum != 0) {
		n = snprintf(line + len, sizeof(line) - len, ": %s",
		             strerror(errnum));
		if (n > 0)
			len += (size_t)n;
		if (len >= sizeof(line) - 1)
			len = sizeof(line) - 2;
	}
	line[len] = '\0';
	log_neutralise(line + body);
	line[len++] = '\n';
	/* A failed log write has nowhere to be reported. */
	if (write(STDERR_FILENO, line, len) < 0)
		return;
}

#define LOG_DEFINE(fn, level, with_errno)                                      \
	void fn(const char *fmt, ...)                                          \
	{                                                                      \
		int saved = errno;                                             \
		va_list ap;                                                    \
		va_start(ap, fmt);                                             \
		log_write(level, with_errno ? saved : 0, fmt, ap);             \
		va_end(ap);                                                    \
		errno = saved;                                                 \
	}

LOG_DEFINE(log_debug, LOG_LEVEL_DEBUG, false)
LOG_DEFINE(log_info, LOG_LEVEL_INFO, false)
LOG_DEFINE(log_warn, LOG_LEVEL_WARNING, true)
LOG_DEFINE(log_warnx, LOG_LEVEL_WARNING, false)
LOG_DEFINE(log_err, LOG_LEVEL_ERROR, true)
LOG_DEFINE(log_errx, LOG_LEVEL_ERROR, false)

static bool
log_is_token(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f)
			return false;
	}
	return true;
}

static bool
log_is_control(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

/* Length of value in quotes with '"' and '\\' escaped, without NUL. */
static size_t
log_quoted_len(const char *value)
{
	size_t n = 2;

	for (; *value != '\0'; value++)
		n += (*value == '"' || *value == '\\') ? 2 : 1;
	return n;
}

const char *
log_quote(char *buf, size_t size, const char *value)
{
	size_t o = 0;

	if (size == 0)
		return buf;
	if (value == NULL)
		value = "";
	if (log_is_token(value)) {
		if ((size_t)snprintf(buf, size, "%s", value) >= size &&
		    size > 4)
			memcpy(buf + size - 4, "...", 4);
		return buf;
	}
	/* Reserve room for the closing quote, a possible "...", and NUL. */
	if (size < 6) {
		buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	/* Cut only when the whole value would not fit: then keep room for
	 * "...", the closing quote and NUL. */
	bool cut = log_quoted_len(value) + 1 > size;
	for (; *value != '\0'; value++) {
		bool esc = *value == '"' || *value == '\\';
		if (cut && o + (esc ? 2 : 1) > size - 5) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (esc)
			buf[o++] = '\\';
		/* Safe to print anywhere, not only through log lines. */
		buf[o++] = log_is_control(*value) ? '?' : *value;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
