/*
 * test_log: log_quote, level names, and the lines really written to fd 2 —
 * which is pointed at a temp file for each test, so the JOURNAL_STREAM
 * check (dev:ino of fd 2) can be made to match or not.
 */
#include "log.h"

#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

struct log_test {
	char path[PATH_MAX];
	int fd;         /* the temp file that fd 2 now points at */
	int saved_err;  /* the real stderr */
	char out[8192]; /* what was written, NUL-terminated */
};

static int
log_test_setup(void **state)
{
	struct log_test *t = calloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR");

	if (t == NULL)
		return -1;
	snprintf(t->path, sizeof(t->path), "%s/test_log.XXXXXX",
	         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	t->fd = mkstemp(t->path);
	if (t->fd < 0) {
		free(t);
		return -1;
	}
	unsetenv("JOURNAL_STREAM");
	setenv("TZ", "UTC", 1);
	tzset();
	fflush(stderr);
	t->saved_err = dup(STDERR_FILENO);
	if (t->saved_err < 0 || dup2(t->fd, STDERR_FILENO) < 0)
		return -1;
	*state = t;
	return 0;
}

static int
log_test_teardown(void **state)
{
	struct log_test *t = *state;

	dup2(t->saved_err, STDERR_FILENO);
	close(t->saved_err);
	close(t->fd);
	unlink(t->path);
	unsetenv("JOURNAL_STREAM");
	log_init(LOG_LEVEL_INFO);
	free(t);
	return 0;
}

/* Everything logged so far, from the start of the file. */
static const char *
log_test_output(struct log_test *t)
{
	ssize_t n = pread(t->fd, t->out, sizeof(t->out) - 1, 0);

	assert_true(n >= 0);
	t->out[n] = '\0';
	return t->out;
}

static void
log_test_truncate(struct log_test *t)
{
	assert_int_equal(ftruncate(t->fd, 0), 0);
	assert_int_equal(lseek(t->fd, 0, SEEK_SET), 0);
}

static size_t
log_test_count(const char *s, char c)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == c;
	return n;
}

static void
log_test_assert_match(const char *text, const char *pattern)
{
	regex_t re;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	if (regexec(&re, text, 0, NULL, 0) != 0) {
		regfree(&re);
		fail_msg("\"%s\" does not match /%s/", text, pattern);
	}
	regfree(&re);
}

/* JOURNAL_STREAM naming the file behind fd. */
static void
log_test_set_journal(int fd)
{
	struct stat st;
	char env[64];

	assert_int_equal(fstat(fd, &st), 0);
	snprintf(env, sizeof(env), "%llu:%llu", (unsigned long long)st.st_dev,
	         (unsigned long long)st.st_ino);
	assert_int_equal(setenv("JOURNAL_STREAM", env, 1), 0);
}

static void
test_quote_plain(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(log_quote(buf, sizeof(buf), "plain"), "plain");
	assert_string_equal(log_quote(buf, sizeof(buf), "a.b-c_d/e:f@g+h,i"),
	                    "a.b-c_d/e:f@g+h,i");
	assert_string_equal(log_quote(buf, sizeof(buf), "<id@example>"),
	                    "<id@example>");
	/* UTF-8 passes as is. */
	assert_string_equal(log_quote(buf, sizeof(buf), "Gr\xc3\xbc\xc3\x9f"),
	                    "Gr\xc3\xbc\xc3\x9f");
	assert_ptr_equal(log_quote(buf, sizeof(buf), "x"), buf);
}

static void
test_quote_quoted(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(log_quote(buf, sizeof(buf), "a b"), "\"a b\"");
	assert_string_equal(log_quote(buf, sizeof(buf), " lead"), "\" lead\"");
	assert_string_equal(log_quote(buf, sizeof(buf), "tab\there"),
	                    "\"tab?here\"");
	assert_string_equal(log_quote(buf, sizeof(buf), "k=v"), "\"k=v\"");
	assert_string_equal(log_quote(buf, sizeof(buf), ""), "\"\"");
	assert_string_equal(log_quote(buf, sizeof(buf), NULL), "\"\"");
}

static void
test_quote_escapes(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(log_quote(buf, sizeof(buf), "say \"hi\""),
	                    "\"say \\\"hi\\\"\"");
	assert_string_equal(log_quote(buf, sizeof(buf), "q\"x"), "\"q\\\"x\"");
	assert_string_equal(log_quote(buf, sizeof(buf), "C:\\dir"),
	                    "\"C:\\\\dir\"");
	assert_string_equal(log_quote(buf, sizeof(buf), "\\\""),
	                    "\"\\\\\\\"\"");
}

static void
test_quote_truncate(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(log_quote(buf, 10, "abcdefghijkl"), "abcdef...");
	assert_string_equal(log_quote(buf, sizeof(buf), "a b c d e f g h i j"),
	                    "\"a b c d e ...\"");
	/* An escape pair is never split by the cut. */
	assert_string_equal(log_quote(buf, 10, "\"\"\"\"\"\"\"\""),
	                    "\"\\\"\\\"...\"");
	assert_string_equal(log_quote(buf, 1, "abc"), "");
	assert_string_equal(log_quote(buf, 5, "a b c"), "");
}

/* Every size from 0 up, on exact-size heap buffers so ASan sees overruns. */
static void
test_quote_bounds(void **state)
{
	static const char *const values[] = {
	    "token-without-spaces-and-rather-long",
	    "with spaces and \"quotes\" and \\ back\\slashes",
	    "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
	    "\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\",
	    "short",
	    "a b",
	};

	(void)state;
	for (size_t v = 0; v < sizeof(values) / sizeof(*values); v++) {
		for (size_t size = 0; size <= 64; size++) {
			char *buf = malloc(size ? size : 1);
			size_t len;
			assert_non_null(buf);
			memset(buf, 'Z', size ? size : 1);
			log_quote(buf, size, values[v]);
			if (size == 0) {
				assert_int_equal(buf[0], 'Z'); /* untouched */
				free(buf);
				continue;
			}
			len = strnlen(buf, size);
			assert_true(len < size);
			/* Cut values say so; whole ones are not cut. */
			if (len >= 3 && strstr(buf, "...") != NULL) {
				assert_true(strcmp(buf + len - 3, "...") == 0 ||
				            strcmp(buf + len - 4, "...\"") ==
				                0);
			}
			if (buf[0] == '"' && len > 1) {
				assert_int_equal(buf[len - 1], '"');
			}
			free(buf);
		}
	}
}

/*
 * BUG (log.c, log_quote): the quoted branch reserves room for "..." even
 * when the rest of the value fits, so a value that fits the buffer is cut:
 * log_quote(buf, 8, "a b c") gives "\"a ...\"" (7 chars) where "\"a b c\""
 * (7 chars) fits.  Values within 4 bytes of the buffer size lose their tail.
 * Enable once fixed.
 */
static void
test_quote_fits_exactly(void **state)
{
	char buf[8];

	(void)state;
	assert_string_equal(log_quote(buf, sizeof(buf), "a b c"), "\"a b c\"");
}

/*
 * GAP (log.c, log_quote): control characters are copied raw between the
 * quotes ("a\nb" gives "\"a\nb\"").  Log lines are still safe, since
 * log_write neutralises the whole line (see test_control_chars_quoted), but
 * log_quote's own output is not, so a caller printing it elsewhere (e.g.
 * complaintctl to a terminal) passes them on.  Enable if log_quote should
 * neutralise by itself.
 */
static void
test_quote_control_chars(void **state)
{
	char buf[64];

	(void)state;
	log_quote(buf, sizeof(buf), "a\nb\rc\033d\x7f");
	for (const char *p = buf; *p != '\0'; p++)
		assert_false((unsigned char)*p < 0x20 || *p == 0x7f);
}

static void
test_level_names(void **state)
{
	static const char *const names[] = {"debug", "info", "warning",
	                                    "error"};
	enum log_level level;

	(void)state;
	for (int i = LOG_LEVEL_DEBUG; i <= LOG_LEVEL_ERROR; i++) {
		assert_string_equal(log_level_name((enum log_level)i),
		                    names[i]);
		level = (enum log_level) - 1;
		assert_int_equal(log_level_parse(names[i], &level), 0);
		assert_int_equal(level, i);
	}
	assert_int_equal(log_level_parse("warning", &level), 0);
	assert_int_equal(level, LOG_LEVEL_WARNING);
}

static void
test_level_parse_rejects(void **state)
{
	static const char *const bad[] = {"",    "Info",   "INFO",   "warn",
	                                  "err", "debug ", "notice", "crit"};
	enum log_level level = LOG_LEVEL_ERROR;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(log_level_parse(bad[i], &level), -1);
	assert_int_equal(level, LOG_LEVEL_ERROR); /* untouched */
}

static void
test_set_get_level(void **state)
{
	(void)state;
	log_init(LOG_LEVEL_WARNING);
	assert_int_equal(log_get_level(), LOG_LEVEL_WARNING);
	log_set_level(LOG_LEVEL_DEBUG);
	assert_int_equal(log_get_level(), LOG_LEVEL_DEBUG);
	log_set_level(LOG_LEVEL_INFO);
	assert_int_equal(log_get_level(), LOG_LEVEL_INFO);
}

#define ISO_TS                                                                 \
	"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}"

static void
test_format_plain(void **state)
{
	struct log_test *t = *state;

	log_init(LOG_LEVEL_DEBUG);
	log_info("store: opened path=%s", "/var/lib/x.db");
	log_test_assert_match(log_test_output(t),
	                      "^" ISO_TS "\\+00:00 info store: opened "
	                      "path=/var/lib/x\\.db\n$");
}

static void
test_format_plain_levels(void **state)
{
	struct log_test *t = *state;

	log_init(LOG_LEVEL_DEBUG);
	log_debug("d");
	log_info("i");
	log_warnx("w");
	log_errx("e");
	log_test_assert_match(
	    log_test_output(t),
	    "^" ISO_TS "\\+00:00 debug d\n" ISO_TS "\\+00:00 info i\n" ISO_TS
	    "\\+00:00 warning w\n" ISO_TS "\\+00:00 error e\n$");
}

/* The zone offset is printed +hh:mm, and the time is the local one. */
static void
test_format_timestamp(void **state)
{
	struct log_test *t = *state;
	time_t before, after;
	struct tm tm;
	char day_before[16], day_after[16];
	const char *out;

	setenv("TZ", "Asia/Kolkata", 1);
	tzset();
	log_init(LOG_LEVEL_INFO);
	before = time(NULL);
	log_info("x");
	after = time(NULL);
	out = log_test_output(t);
	log_test_assert_match(out, "^" ISO_TS "\\+05:30 info x\n$");
	/* Midnight may pass between the calls; either day is right. */
	strftime(day_before, sizeof(day_before), "%Y-%m-%dT%H",
	         localtime_r(&before, &tm));
	strftime(day_after, sizeof(day_after), "%Y-%m-%dT%H",
	         localtime_r(&after, &tm));
	assert_true(strncmp(out, day_before, 13) == 0 ||
	            strncmp(out, day_after, 13) == 0);
	log_test_truncate(t);
	setenv("TZ", "America/St_Johns", 1); /* -03:30 or -02:30 */
	tzset();
	log_info("y");
	log_test_assert_match(log_test_output(t),
	                      "^" ISO_TS "-0[23]:30 info y\n$");
}

static void
test_format_errno(void **state)
{
	struct log_test *t = *state;

	log_init(LOG_LEVEL_INFO);
	errno = ENOENT;
	log_warn("store: cannot open %s", "x.db");
	assert_int_equal(errno, ENOENT); /* kept for the caller */
	errno = EACCES;
	log_err("fatal");
	assert_int_equal(errno, EACCES);
	errno = ENOENT;
	log_warnx("no errno");
	log_test_assert_match(
	    log_test_output(t),
	    "^" ISO_TS "\\+00:00 warning store: cannot open x\\.db: No such "
	    "file or directory\n" ISO_TS
	    "\\+00:00 error fatal: Permission denied\n" ISO_TS
	    "\\+00:00 warning no errno\n$");
}

static void
test_format_journal(void **state)
{
	struct log_test *t = *state;

	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_DEBUG);
	log_debug("d");
	log_info("i");
	log_warnx("w");
	log_errx("e");
	errno = ENOENT;
	log_warn("w2");
	log_err("e2");
	assert_string_equal(log_test_output(t),
	                    "<7>d\n<6>i\n<4>w\n<3>e\n"
	                    "<4>w2: No such file or directory\n"
	                    "<3>e2: No such file or directory\n");
}

/* A variable inherited by a child whose stderr went elsewhere. */
static void
test_format_journal_other_file(void **state)
{
	struct log_test *t = *state;

	log_test_set_journal(STDIN_FILENO == t->fd ? STDOUT_FILENO
	                                           : t->saved_err);
	log_init(LOG_LEVEL_INFO);
	log_info("i");
	log_test_assert_match(log_test_output(t),
	                      "^" ISO_TS "\\+00:00 info i\n$");
}

static void
test_format_journal_garbage(void **state)
{
	struct log_test *t = *state;

	setenv("JOURNAL_STREAM", "not-a-stream", 1);
	log_init(LOG_LEVEL_INFO);
	log_info("i");
	setenv("JOURNAL_STREAM", "", 1);
	log_init(LOG_LEVEL_INFO);
	log_info("j");
	log_test_assert_match(log_test_output(t),
	                      "^" ISO_TS "\\+00:00 info i\n" ISO_TS
	                      "\\+00:00 info j\n$");
}

/* log_init decides again, as after a reload. */
static void
test_format_reinit(void **state)
{
	struct log_test *t = *state;

	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_INFO);
	log_info("a");
	unsetenv("JOURNAL_STREAM");
	log_init(LOG_LEVEL_INFO);
	log_info("b");
	log_test_assert_match(log_test_output(t),
	                      "^<6>a\n" ISO_TS "\\+00:00 info b\n$");
}

static void
test_level_filter(void **state)
{
	struct log_test *t = *state;

	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_INFO);
	log_debug("hidden");
	log_info("shown");
	assert_string_equal(log_test_output(t), "<6>shown\n");

	log_test_truncate(t);
	log_set_level(LOG_LEVEL_WARNING);
	log_debug("d");
	log_info("i");
	log_warnx("w");
	log_errx("e");
	assert_string_equal(log_test_output(t), "<4>w\n<3>e\n");

	log_test_truncate(t);
	log_set_level(LOG_LEVEL_ERROR);
	log_warn("w");
	log_errx("e");
	assert_string_equal(log_test_output(t), "<3>e\n");

	log_test_truncate(t);
	log_set_level(LOG_LEVEL_DEBUG);
	log_debug("d");
	assert_string_equal(log_test_output(t), "<7>d\n");
}

static void
test_control_chars(void **state)
{
	struct log_test *t = *state;

	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_INFO);
	log_info("subject=%s", "a\nb\rc\033[31md\te\x7f"
	                       "f\x01");
	assert_string_equal(log_test_output(t),
	                    "<6>subject=a?b?c?[31md e?f?\n");

	/* A forged second entry stays inside the first line. */
	log_test_truncate(t);
	log_info("from=%s", "x\n<3>fake: breach");
	assert_string_equal(log_test_output(t), "<6>from=x?<3>fake: breach\n");
}

static void
test_control_chars_plain(void **state)
{
	struct log_test *t = *state;

	log_init(LOG_LEVEL_INFO);
	log_info("x%sy", "\r\n\n");
	log_test_assert_match(log_test_output(t),
	                      "^" ISO_TS "\\+00:00 info x\\?\\?\\?y\n$");
}

static void
test_control_chars_quoted(void **state)
{
	struct log_test *t = *state;
	char buf[64];

	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_INFO);
	log_info("fetch: bad mail subject=%s",
	         log_quote(buf, sizeof(buf), "Re: \"x\"\n<3>y"));
	assert_string_equal(
	    log_test_output(t),
	    "<6>fetch: bad mail subject=\"Re: \\\"x\\\"?<3>y\"\n");
}

static void
test_long_line(void **state)
{
	struct log_test *t = *state;
	size_t big = 10000;
	char *msg = malloc(big + 1);
	const char *out;

	assert_non_null(msg);
	memset(msg, 'x', big);
	msg[big] = '\0';
	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_INFO);
	log_info("%s", msg);
	out = log_test_output(t);
	assert_int_equal(log_test_count(out, '\n'), 1);
	assert_true(strlen(out) <= 4096);
	assert_true(strlen(out) > 4000);
	assert_int_equal(out[strlen(out) - 1], '\n');
	assert_memory_equal(out, "<6>xxx", 6);

	log_test_truncate(t);
	errno = ENOENT;
	log_warn("%s", msg);
	out = log_test_output(t);
	assert_int_equal(log_test_count(out, '\n'), 1);
	assert_true(strlen(out) <= 4096);
	free(msg);
}

static void
test_empty_message(void **state)
{
	struct log_test *t = *state;

	log_test_set_journal(STDERR_FILENO);
	log_init(LOG_LEVEL_INFO);
	log_info("%s", "");
	assert_string_equal(log_test_output(t), "<6>\n");
}

int
main(void)
{
#define T(f)                                                                   \
	cmocka_unit_test_setup_teardown(f, log_test_setup, log_test_teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quote_plain),
	    cmocka_unit_test(test_quote_quoted),
	    cmocka_unit_test(test_quote_escapes),
	    cmocka_unit_test(test_quote_truncate),
	    cmocka_unit_test(test_quote_bounds),
	    cmocka_unit_test(test_quote_fits_exactly),
	    cmocka_unit_test(test_quote_control_chars),
	    cmocka_unit_test(test_level_names),
	    cmocka_unit_test(test_level_parse_rejects),
	    cmocka_unit_test(test_set_get_level),
	    T(test_format_plain),
	    T(test_format_plain_levels),
	    T(test_format_timestamp),
	    T(test_format_errno),
	    T(test_format_journal),
	    T(test_format_journal_other_file),
	    T(test_format_journal_garbage),
	    T(test_format_reinit),
	    T(test_level_filter),
	    T(test_control_chars),
	    T(test_control_chars_plain),
	    T(test_control_chars_quoted),
	    T(test_long_line),
	    T(test_empty_message),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
