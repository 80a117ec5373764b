/*
 * conf_harness: see conf_harness.h.
 */
#include "conf_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
conf_harness_rm(const char *path, const struct stat *st, int flag,
                struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
conf_harness_setup(void **state)
{
	struct conf_harness *t = calloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR");

	if (t == NULL)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "%s/test_conf.XXXXXX",
	         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof(t->path), "%s/complaintd.conf", t->dir);
	*state = t;
	return 0;
}

static void
conf_harness_reset(struct conf_harness *t)
{
	conf_free(t->conf);
	t->conf = NULL;
	conf_errors_free(&t->errors);
}

int
conf_harness_teardown(void **state)
{
	struct conf_harness *t = *state;

	conf_harness_reset(t);
	nftw(t->dir, conf_harness_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

void
conf_harness_print_errors(const struct conf_harness *t)
{
	for (size_t i = 0; i < t->errors.n; i++)
		print_message("  got: %s\n", t->errors.v[i]);
}

/* Writes text (without its "@@" marks) and loads it; the line of the
 * first mark in *line_r (0: none). */
struct conf *
conf_harness_load(struct conf_harness *t, const char *text, unsigned *line_r)
{
	size_t len = strlen(text), n = 0;
	char *body = malloc(len + 1);
	const char *mark = strstr(text, "@@");
	int fd;

	assert_non_null(body);
	*line_r = 0;
	if (mark != NULL) {
		*line_r = 1;
		for (const char *p = text; p < mark; p++)
			*line_r += *p == '\n';
	}
	for (const char *p = text; *p != '\0';) {
		if (p[0] == '@' && p[1] == '@') {
			p += 2;
			continue;
		}
		body[n++] = *p++;
	}
	conf_harness_reset(t);
	fd = open(t->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	free(body);
	t->conf = conf_load(t->path, &t->errors);
	return t->conf;
}

const struct conf *
conf_harness_load_ok(struct conf_harness *t, const char *text)
{
	unsigned line;

	if (conf_harness_load(t, text, &line) == NULL || t->errors.n != 0) {
		conf_harness_print_errors(t);
		fail_msg("valid config rejected");
	}
	return t->conf;
}

/*
 * text must be refused with an error "PATH:LINE: " + where + ... + what,
 * LINE that of the "@@" mark; no_more: no other error either.
 */
void
conf_harness_expect(struct conf_harness *t, const char *text, const char *where,
                    const char *what, bool no_more)
{
	char prefix[PATH_MAX + 128];
	unsigned line;
	bool found = false;

	assert_non_null(strstr(text, "@@"));
	if (conf_harness_load(t, text, &line) != NULL)
		fail_msg("invalid config accepted (want %s ... %s)", where,
		         what);
	snprintf(prefix, sizeof(prefix), "%s:%u: %s", t->path, line, where);
	for (size_t i = 0; i < t->errors.n && !found; i++)
		found = strncmp(t->errors.v[i], prefix, strlen(prefix)) == 0 &&
		        strstr(t->errors.v[i], what) != NULL;
	if (!found) {
		conf_harness_print_errors(t);
		fail_msg("missing error at line %u: %s ... %s", line, where,
		         what);
	}
	if (no_more && t->errors.n != 1) {
		conf_harness_print_errors(t);
		fail_msg("%zu errors, want 1", t->errors.n);
	}
}
