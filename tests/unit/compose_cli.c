/*
 * compose_cli: a test-only front to compose_mail, so Python's email
 * package can read what we write (tests/integration/test_compose_python.py).
 * Reads "key<TAB>value" lines on stdin, values with C escapes (\r \n \t
 * \\ \xNN), and prints the mail; exit 1 with the reason on stderr.
 */
#include "compose.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define CLI_MAX_EXTRA 16

static int
cli_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undoes the escapes in place; "\x00" ends the value, as in C. */
static void
cli_unescape(char *s)
{
	char *o = s;

	for (const char *p = s; *p != '\0'; p++) {
		if (*p != '\\' || p[1] == '\0') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case 'r':
			*o++ = '\r';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'x':
			if (cli_hex(p[1]) >= 0 && cli_hex(p[2]) >= 0) {
				*o++ =
				    (char)(cli_hex(p[1]) * 16 + cli_hex(p[2]));
				p += 2;
				break;
			}
			/* FALLTHROUGH */
		default:
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* Points the field named key at value; 0, or -1 for an unknown key. */
static int
cli_set(struct compose_mail *m, struct compose_header *extra, char *key,
        char *value)
{
	static const struct {
		const char *key;
		size_t off;
	} fields[] = {
	    {"from", offsetof(struct compose_mail, from)},
	    {"reply_to", offsetof(struct compose_mail, reply_to)},
	    {"to_name", offsetof(struct compose_mail, to_name)},
	    {"to_addr", offsetof(struct compose_mail, to_addr)},
	    {"subject", offsetof(struct compose_mail, subject)},
	    {"message_id", offsetof(struct compose_mail, message_id)},
	    {"in_reply_to", offsetof(struct compose_mail, in_reply_to)},
	    {"references", offsetof(struct compose_mail, references)},
	    {"auto_submitted", offsetof(struct compose_mail, auto_submitted)},
	    {"text", offsetof(struct compose_mail, text)},
	    {"html", offsetof(struct compose_mail, html)},
	};
	char *colon;

	if (strcmp(key, "date") == 0) {
		m->date = strtoll(value, NULL, 10);
		return 0;
	}
	if (strcmp(key, "header") == 0 && m->n_extra < CLI_MAX_EXTRA &&
	    (colon = strchr(value, ':')) != NULL) {
		*colon = '\0';
		extra[m->n_extra].name = value;
		extra[m->n_extra++].value = colon + 1 + (colon[1] == ' ');
		return 0;
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		if (strcmp(key, fields[i].key) == 0) {
			memcpy((char *)m + fields[i].off, &value,
			       sizeof(value));
			return 0;
		}
	}
	return -1;
}

int
main(void)
{
	struct compose_header extra[CLI_MAX_EXTRA];
	struct compose_mail m = {.extra = extra};
	char *lines[64], *line = NULL, *raw = NULL, err[512];
	size_t n_lines = 0, cap = 0, len;
	ssize_t got;
	int rc = 1;

	while (n_lines < 64 && (got = getline(&line, &cap, stdin)) > 0) {
		char *tab = strchr(line, '\t');
		if (line[got - 1] == '\n')
			line[got - 1] = '\0';
		if (tab == NULL)
			continue;
		*tab = '\0';
		cli_unescape(tab + 1);
		if (cli_set(&m, extra, line, tab + 1) != 0) {
			fprintf(stderr, "compose_cli: unknown key %s\n", line);
			goto out;
		}
		lines[n_lines++] = line;
		line = NULL;
		cap = 0;
	}
	if (compose_mail(&m, &raw, &len, err, sizeof(err)) != 0) {
		fprintf(stderr, "compose_cli: %s\n", err);
		goto out;
	}
	rc = fwrite(raw, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 1;
out:
	free(raw);
	free(line);
	for (size_t i = 0; i < n_lines; i++)
		free(lines[i]);
	return rc;
}
