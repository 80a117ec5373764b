/*
 * template: the mail texts the desk sends, one file per kind and language
 * ("Subject: ..." then a blank line then the body), with placeholders
 * {{name}} and {{name|text when empty}}, and sections {{#name}} ...
 * {{/name}} kept only when name has a value (a tag alone on its line
 * takes the line with it).  Parsing and checking happen at
 * configuration time, so an unknown placeholder never reaches a customer.
 */
#ifndef COMPLAINTD_TEMPLATE_H
#define COMPLAINTD_TEMPLATE_H

#include <stddef.h>

struct template
{
	char *subject; /* the Subject line's text, placeholders unexpanded */
	char *body;
	int body_line; /* line of the file the body starts on, for errors */
};

/*
 * Parses len bytes of text (LF or CRLF line ends, a UTF-8 byte order mark
 * skipped); the body keeps "\n" line ends, the subject loses surrounding
 * white space.  0, or -1 with "LINE: what is wrong" in err (a NUL byte,
 * no Subject line or an empty one, no blank line after it, an unclosed
 * "{{").  Caller clears *out with template_clear, also after an error.
 */
int template_parse(const char *text, size_t len, struct template *out,
                   char *err, size_t err_size);

/* Reads and parses path; errors as template_parse, or why it cannot be
 * read. */
int template_load(const char *path, struct template *out, char *err,
                  size_t err_size);

void template_clear(struct template *t);

/*
 * 0 when every placeholder and section names one of known
 * (NULL-terminated) and sections close in order; else -1 with "LINE:
 * unknown placeholder {{x}} (known: ...)" or what is wrong in err.
 */
int template_check(const struct template *t, const char *const *known,
                   char *err, size_t err_size);

/* A placeholder's value: borrowed, NULL or "" for empty. */
typedef const char *(*template_lookup)(void *arg, const char *name);

/* s with every placeholder replaced; caller frees; NULL when memory runs
 * out. */
char *template_render(const char *s, template_lookup lookup, void *arg);

#endif
