/*
 * template: parsing, checking and rendering the desk's mail templates.
 */
#include "template.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TEMPLATE_MAX_FILE (256 * 1024)
#define TEMPLATE_MAX_NAME 64
#define TEMPLATE_MAX_DEPTH 8 /* sections inside sections */

void
template_clear(struct template *t)
{
	if (t == NULL)
		return;
	free(t->subject);
	free(t->body);
	memset(t, 0, sizeof(*t));
}

/* Line number of p in text, from 1. */
static int
template_line_of(const char *text, const char *p)
{
	int line = 1;

	for (; text < p; text++)
		line += *text == '\n';
	return line;
}

/* The first "{{" without its "}}" on the same line, or NULL. */
static const char *
template_unclosed(const char *s)
{
	for (const char *p = strstr(s, "{{"); p; p = strstr(p + 2, "{{")) {
		const char *close = strstr(p + 2, "}}");
		const char *nl = strchr(p, '\n');
		if (close == NULL || (nl != NULL && nl < close))
			return p;
	}
	return NULL;
}

/* CRLF (and a CR alone) become "\n", in place: editors on Windows. */
static void
template_lf(char *s)
{
	char *o = s;

	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		*o++ = *p == '\r' ? '\n' : *p;
	}
	*o = '\0';
}

/*
 * Splits "Subject: ...\n\nbody"; text has "\n" line ends.  The subject
 * loses its surrounding white space and must not be empty.
 */
static int
template_split(const char *text, struct template *out, char *err,
               size_t err_size)
{
	const char *eol = strchr(text, '\n'), *subject = text + 8;
	size_t n;

	if (strncasecmp(text, "Subject:", 8) != 0) {
		snprintf(err, err_size,
		         "1: the first line must be \"Subject: ...\"");
		return -1;
	}
	if (eol == NULL || eol[1] != '\n') {
		snprintf(err, err_size,
		         "2: a blank line must follow the Subject line");
		return -1;
	}
	subject += strspn(subject, " \t");
	for (n = (size_t)(eol - subject);
	     n > 0 && (subject[n - 1] == ' ' || subject[n - 1] == '\t');)
		n--;
	if (n == 0) {
		snprintf(err, err_size, "1: the Subject is empty");
		return -1;
	}
	out->subject = strndup(subject, n);
	out->body = strdup(eol + 2);
	out->body_line = 3;
	if (out->subject == NULL || out->body == NULL) {
		snprintf(err, err_size, "1: out of memory");
		return -1;
	}
	return 0;
}

int
template_parse(const char *text, size_t len, struct template *out, char *err,
               size_t err_size)
{
	char *copy = strndup(text, len);
	const char *bad;
	int rc;

	memset(out, 0, sizeof(*out));
	if (copy == NULL) {
		snprintf(err, err_size, "1: out of memory");
		return -1;
	}
	if (strlen(copy) != len) {
		snprintf(err, err_size, "%d: NUL byte in the template",
		         template_line_of(copy, copy + strlen(copy)));
		free(copy);
		return -1;
	}
	template_lf(copy);
	/* A UTF-8 byte order mark, as some Windows editors write. */
	if (strncmp(copy, "\xef\xbb\xbf", 3) == 0)
		memmove(copy, copy + 3, strlen(copy + 3) + 1);
	if ((bad = template_unclosed(copy)) != NULL) {
		snprintf(err, err_size, "%d: \"{{\" without \"}}\" on its line",
		         template_line_of(copy, bad));
		free(copy);
		return -1;
	}
	rc = template_split(copy, out, err, err_size);
	free(copy);
	if (rc != 0)
		template_clear(out);
	return rc;
}

int
template_load(const char *path, struct template *out, char *err,
              size_t err_size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	if (f == NULL) {
		snprintf(err, err_size, "cannot read: %s", strerror(errno));
		return -1;
	}
	buf = malloc(TEMPLATE_MAX_FILE + 1);
	n = buf ? fread(buf, 1, TEMPLATE_MAX_FILE + 1, f) : 0;
	/* A directory opens, then fails to read (EISDIR). */
	if (buf != NULL && ferror(f)) {
		snprintf(err, err_size, "cannot read: %s", strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	if (buf == NULL || n > TEMPLATE_MAX_FILE) {
		snprintf(err, err_size, "%s",
		         buf ? "larger than 256 KB" : "out of memory");
		free(buf);
		return -1;
	}
	rc = template_parse(buf, n, out, err, err_size);
	free(buf);
	return rc;
}

/*
 * Reads the placeholder at p ("{{" just before it): its name into name,
 * its default into *def (borrowed, up to *def_len), and returns what
 * follows "}}"; NULL when malformed.
 */
static const char *
template_placeholder(const char *p, char name[TEMPLATE_MAX_NAME],
                     const char **def, size_t *def_len)
{
	const char *close = strstr(p, "}}");
	const char *bar;
	size_t n;

	if (close == NULL)
		return NULL;
	bar = memchr(p, '|', (size_t)(close - p));
	n = (size_t)((bar ? bar : close) - p);
	while (n > 0 && p[n - 1] == ' ')
		n--;
	while (n > 0 && *p == ' ') {
		p++;
		n--;
	}
	/* "{{{{x}}": the first "{{" is not a placeholder, the second is. */
	if (n == 0 || n >= TEMPLATE_MAX_NAME || memchr(p, '{', n) != NULL)
		return NULL;
	memcpy(name, p, n);
	name[n] = '\0';
	*def = bar ? bar + 1 : close;
	*def_len = bar ? (size_t)(close - bar - 1) : 0;
	return close + 2;
}

static bool
template_known(const char *name, const char *const *known)
{
	for (size_t i = 0; known[i] != NULL; i++)
		if (strcmp(known[i], name) == 0)
			return true;
	return false;
}

static void
template_known_list(const char *const *known, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; known[i] != NULL && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		                         i ? ", " : "", known[i]);
}

/*
 * A section tag's name without its "#" or "/" (into bare); 0 for a plain
 * placeholder, '#' opening a section, '/' closing one.
 */
static char
template_section(const char *name, char bare[TEMPLATE_MAX_NAME])
{
	char kind = name[0] == '#' || name[0] == '/' ? name[0] : 0;

	snprintf(bare, TEMPLATE_MAX_NAME, "%s", kind ? name + 1 : name);
	return kind;
}

/* Sections must close in order: stack of open names, depth *depth. */
static int
template_check_nesting(char kind, const char *bare, int line,
                       char stack[][TEMPLATE_MAX_NAME], size_t *depth,
                       char *err, size_t err_size)
{
	if (kind == '#') {
		if (*depth == TEMPLATE_MAX_DEPTH) {
			snprintf(err, err_size, "%d: sections nested too deep",
			         line);
			return -1;
		}
		snprintf(stack[(*depth)++], TEMPLATE_MAX_NAME, "%s", bare);
	} else if (kind == '/') {
		if (*depth == 0 || strcmp(stack[*depth - 1], bare) != 0) {
			snprintf(err, err_size,
			         "%d: {{/%s}} closes no open {{#%s}}", line,
			         bare, bare);
			return -1;
		}
		(*depth)--;
	}
	return 0;
}

static int
template_check_text(const char *s, int first_line, const char *const *known,
                    char *err, size_t err_size)
{
	char name[TEMPLATE_MAX_NAME], bare[TEMPLATE_MAX_NAME], list[512];
	char stack[TEMPLATE_MAX_DEPTH][TEMPLATE_MAX_NAME];
	size_t def_len, depth = 0;
	const char *def;

	for (const char *p = strstr(s, "{{"); p; p = strstr(p, "{{")) {
		const char *next =
		    template_placeholder(p + 2, name, &def, &def_len);
		int line = first_line + template_line_of(s, p) - 1;
		char kind = next ? template_section(name, bare) : 0;

		if (next == NULL || bare[0] == '\0') {
			snprintf(err, err_size,
			         "%d: empty or malformed "
			         "placeholder",
			         line);
			return -1;
		}
		if (!template_known(bare, known)) {
			template_known_list(known, list, sizeof(list));
			snprintf(err, err_size,
			         "%d: unknown placeholder {{%s}} (known: %s)",
			         line, name, list);
			return -1;
		}
		if (template_check_nesting(kind, bare, line, stack, &depth, err,
		                           err_size) != 0)
			return -1;
		p = next;
	}
	if (depth > 0) {
		snprintf(err, err_size, "section {{#%s}} is never closed",
		         stack[depth - 1]);
		return -1;
	}
	return 0;
}

int
template_check(const struct template *t, const char *const *known, char *err,
               size_t err_size)
{
	if (template_check_text(t->subject, 1, known, err, err_size) != 0)
		return -1;
	return template_check_text(t->body, t->body_line, known, err, err_size);
}

/* Appends n bytes to the growing *out (length *len, capacity *cap). */
static int
template_append(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t want = (*len + n + 1) * 2;
		char *bigger = realloc(*out, want);
		if (bigger == NULL)
			return -1;
		*out = bigger;
		*cap = want;
	}
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
	return 0;
}

/*
 * After a section tag ending at next: a tag alone on its line takes the
 * line's end with it, so sections leave no blank lines behind.
 */
static const char *
template_after_tag(const char *s, const char *open, const char *next)
{
	bool line_start = open == s || open[-1] == '\n';

	return line_start && *next == '\n' ? next + 1 : next;
}

/* Where rendering goes on after the {{#bare}} at open whose value is
 * empty: past its matching {{/bare}} (the end when none). */
static const char *
template_skip_section(const char *s, const char *p, const char *bare)
{
	char name[TEMPLATE_MAX_NAME], inner[TEMPLATE_MAX_NAME];
	const char *open, *def, *next;
	size_t def_len, depth = 1;

	while ((open = strstr(p, "{{")) != NULL) {
		next = template_placeholder(open + 2, name, &def, &def_len);
		if (next == NULL) {
			p = open + 2;
			continue;
		}
		char kind = template_section(name, inner);
		if (kind != 0 && strcmp(inner, bare) == 0)
			depth += kind == '#' ? 1 : -1;
		if (depth == 0)
			return template_after_tag(s, open, next);
		p = next;
	}
	return p + strlen(p);
}

char *
template_render(const char *s, template_lookup lookup, void *arg)
{
	size_t len = 0, cap = 0;
	char *out = NULL, name[TEMPLATE_MAX_NAME], bare[TEMPLATE_MAX_NAME];
	const char *p = s, *open, *def, *next;
	size_t def_len;
	int rc = template_append(&out, &len, &cap, "", 0);

	while (rc == 0 && (open = strstr(p, "{{")) != NULL) {
		rc = template_append(&out, &len, &cap, p, (size_t)(open - p));
		next = template_placeholder(open + 2, name, &def, &def_len);
		if (next == NULL) {
			/* Checked at load time; kept as written if not. */
			if (rc == 0)
				rc = template_append(&out, &len, &cap, "{{", 2);
			p = open + 2;
			continue;
		}
		char kind = template_section(name, bare);
		const char *v = lookup(arg, bare);
		bool empty = v == NULL || v[0] == '\0';
		if (kind == '#' && empty)
			p = template_skip_section(s, next, bare);
		else if (kind != 0)
			p = template_after_tag(s, open, next);
		else {
			if (rc == 0)
				rc = template_append(
				    &out, &len, &cap, empty ? def : v,
				    empty ? def_len : strlen(v));
			p = next;
		}
	}
	if (rc == 0)
		rc = template_append(&out, &len, &cap, p, strlen(p));
	if (rc != 0) {
		free(out);
		return NULL;
	}
	return out;
}
