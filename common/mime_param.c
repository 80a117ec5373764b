/*
 * mime_param: Content-Type and Content-Disposition values — the type token
 * and the parameters, with RFC 2231 (name*=charset'lang'%XX, and sections
 * name*0*=, name*1=...) and the forms real mail uses besides: RFC 2047
 * words in quoted values, unquoted values with spaces, a missing ';'.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

#define MIME_PARAM_SECTIONS 64
#define MIME_PARAM_SECTION_MAX 9999

/* One parameter as written. */
struct mime_praw {
	const char *name;
	size_t name_len;
	const char *v;
	size_t v_len;
	bool quoted;
};

/* One RFC 2231 section of the parameter looked for. */
struct mime_psec {
	int num;
	bool ext; /* name*N*=: %-encoded, the first with charset'lang' */
	struct mime_praw raw;
};

static bool
mime_tchar(char c)
{
	return c > ' ' && c < 0x7F && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

static bool
mime_wsp(char c)
{
	return c == ' ' || c == '\t';
}

char *
mime_value_token(const char *value, bool want_slash)
{
	const char *p = value, *s, *slash = NULL;
	char *out;
	size_t n;

	while (mime_wsp(*p))
		p++;
	for (s = p; *p != '\0' && *p != ';' && !mime_wsp(*p) && *p != '(';
	     p++) {
		if (*p == '/' && slash == NULL && want_slash)
			slash = p;
		else if (!mime_tchar(*p))
			return NULL;
	}
	n = (size_t)(p - s);
	if (n == 0 ||
	    (want_slash && (slash == NULL || slash == s || slash == p - 1)))
		return NULL;
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	out[n] = '\0';
	return out;
}

/* At white space inside an unquoted value: does "name=" follow, i.e. was
 * the ';' before the next parameter forgotten? */
static bool
mime_param_follows(const char *p)
{
	const char *s;

	while (mime_wsp(*p))
		p++;
	for (s = p; mime_tchar(*p); p++)
		;
	if (p == s)
		return false;
	while (mime_wsp(*p))
		p++;
	return *p == '=';
}

static const char *
mime_param_value(const char *p, struct mime_praw *pr)
{
	const char *q;

	if (*p == '"') {
		for (q = ++p; *q != '\0' && *q != '"'; q++)
			if (*q == '\\' && q[1] != '\0')
				q++;
		pr->v = p;
		pr->v_len = (size_t)(q - p);
		pr->quoted = true;
		return *q != '\0' ? q + 1 : q;
	}
	for (q = p; *q != '\0' && *q != ';'; q++)
		if (mime_wsp(*q) && mime_param_follows(q))
			break;
	pr->v = p;
	pr->v_len = (size_t)(q - p);
	while (pr->v_len > 0 && mime_wsp(p[pr->v_len - 1]))
		pr->v_len--;
	pr->quoted = false;
	return q;
}

/* The parameter at or after p; returns where the next one may start, or
 * NULL when there are no more. */
static const char *
mime_param_next(const char *p, struct mime_praw *pr)
{
	for (;;) {
		while (*p == ';' || mime_wsp(*p))
			p++;
		if (*p == '\0')
			return NULL;
		for (pr->name = p; mime_tchar(*p); p++)
			;
		if ((pr->name_len = (size_t)(p - pr->name)) == 0) {
			p++;
			continue;
		}
		while (mime_wsp(*p))
			p++;
		if (*p != '=')
			continue;
		for (p++; mime_wsp(*p); p++)
			;
		return mime_param_value(p, pr);
	}
}

/* Past the type token, unless it is missing and a parameter comes first. */
static const char *
mime_param_start(const char *value)
{
	const char *p = value, *s;

	while (mime_wsp(*p))
		p++;
	for (s = p; *p != '\0' && *p != ';' && !mime_wsp(*p); p++)
		if (*p == '=')
			return s;
	return p;
}

/* "*", "*N" or "*N*" after the name: an RFC 2231 section. */
static bool
mime_param_section(const struct mime_praw *pr, size_t nlen,
                   struct mime_psec *sec)
{
	const char *p = pr->name + nlen + 1, *end = pr->name + pr->name_len;

	sec->num = 0;
	sec->ext = p == end;
	sec->raw = *pr;
	if (p == end)
		return true;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		if ((sec->num = sec->num * 10 + (*p - '0')) >
		    MIME_PARAM_SECTION_MAX)
			return false;
	if (p == pr->name + nlen + 1)
		return false;
	if (p < end && *p == '*') {
		sec->ext = true;
		p++;
	}
	return p == end;
}

/* Appends a value: quotes' escapes removed, %XX decoded when pct. */
static void
mime_param_append(struct mime_buf *b, const char *v, size_t n, bool quoted,
                  bool pct)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		const char *h1, *h2;
		if (quoted && v[i] == '\\' && i + 1 < n) {
			mime_buf_addc(b, v[++i]);
		} else if (pct && v[i] == '%' && i + 2 < n &&
		           v[i + 1] != '\0' && v[i + 2] != '\0' &&
		           (h1 = strchr(hex, v[i + 1] | 0x20)) != NULL &&
		           (h2 = strchr(hex, v[i + 2] | 0x20)) != NULL) {
			mime_buf_addc(b, (char)((h1 - hex) * 16 + (h2 - hex)));
			i += 2;
		} else {
			mime_buf_addc(b, v[i]);
		}
	}
}

static void
mime_param_sort(struct mime_psec *sec, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct mime_psec s = sec[i];
		size_t j = i;
		for (; j > 0 && sec[j - 1].num > s.num; j--)
			sec[j] = sec[j - 1];
		sec[j] = s;
	}
}

/* The sections in order, the first extended one's charset'lang' split
 * off into *charset_r. */
static char *
mime_param_join(struct mime_psec *sec, size_t n, char **charset_r)
{
	struct mime_buf b = {0};
	const char *v, *q1, *q2;
	size_t len;

	mime_param_sort(sec, n);
	v = sec[0].raw.v;
	len = sec[0].raw.v_len;
	if (sec[0].ext && (q1 = memchr(v, '\'', len)) != NULL &&
	    (q2 = memchr(q1 + 1, '\'', len - (size_t)(q1 + 1 - v))) != NULL) {
		if (charset_r != NULL && q1 > v)
			*charset_r = strndup(v, (size_t)(q1 - v));
		len -= (size_t)(q2 + 1 - v);
		v = q2 + 1;
	}
	mime_param_append(&b, v, len, sec[0].raw.quoted, sec[0].ext);
	for (size_t i = 1; i < n; i++)
		if (sec[i].num != sec[i - 1].num)
			mime_param_append(&b, sec[i].raw.v, sec[i].raw.v_len,
			                  sec[i].raw.quoted, sec[i].ext);
	return mime_buf_take(&b);
}

char *
mime_param_raw(const char *value, const char *name, char **charset_r)
{
	struct mime_psec sec[MIME_PARAM_SECTIONS];
	struct mime_praw pr, plain = {0};
	const char *p = mime_param_start(value);
	size_t nlen = strlen(name), n = 0;
	struct mime_buf b = {0};

	if (charset_r != NULL)
		*charset_r = NULL;
	while ((p = mime_param_next(p, &pr)) != NULL) {
		if (pr.name_len < nlen || strncasecmp(pr.name, name, nlen) != 0)
			continue;
		if (pr.name_len == nlen && plain.name == NULL)
			plain = pr;
		else if (pr.name_len > nlen && pr.name[nlen] == '*' &&
		         n < MIME_PARAM_SECTIONS &&
		         mime_param_section(&pr, nlen, &sec[n]))
			n++;
	}
	if (n > 0)
		return mime_param_join(sec, n, charset_r);
	if (plain.name == NULL)
		return NULL;
	mime_param_append(&b, plain.v, plain.v_len, plain.quoted, false);
	return mime_buf_take(&b);
}

char *
mime_param_text(const char *value, const char *name, const char *hint)
{
	char *cs = NULL, *raw = mime_param_raw(value, name, &cs), *out;

	if (raw == NULL) {
		free(cs);
		return NULL;
	}
	if (cs != NULL) {
		out = charset_to_utf8(cs, raw, strlen(raw), NULL);
		if (out != NULL)
			mime_text_oneline(out);
	} else {
		out = mime_decode_header_hint(raw, strlen(raw), hint);
	}
	free(raw);
	free(cs);
	return out;
}
