/*
 * mime_addr: address lists and msg-ids.  An address list is split into
 * entries at top-level ',' and ';' (quotes, comments and <> respected;
 * a group's "name:" dropped), and each entry read as "phrase <addr>",
 * "addr (comment)" or "words addr".  msg-ids are taken with or without
 * their brackets, whatever garbage lies between them.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

#define MIME_MSGID_MAX 998

/* One address list being read. */
struct mime_alist {
	struct mime_addresses *out;
	const char *hint; /* charset of raw 8-bit names, or NULL */
	bool oom;
};

static bool
mime_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past the quoted string at p ('"'). */
static const char *
mime_skip_quoted(const char *p, const char *end)
{
	for (p++; p < end && *p != '"'; p++)
		if (*p == '\\' && p + 1 < end)
			p++;
	return p < end ? p + 1 : end;
}

/* Past the comment at p ('('), nested ones included. */
static const char *
mime_skip_comment(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return end;
}

/* Valid UTF-8 without control characters; NULL when empty. */
static char *
mime_addr_finish(struct mime_buf *b, bool *oom)
{
	char *s = mime_buf_take(b), *u;

	if (s == NULL) {
		*oom = true;
		return NULL;
	}
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	if (!charset_utf8_valid(s, strlen(s))) {
		u = charset_to_utf8(NULL, s, strlen(s), NULL);
		free(s);
		if ((s = u) == NULL)
			*oom = true;
	}
	return s;
}

/* An addr-spec without white space, comments, source route or "mailto:";
 * quoted local parts stay as written. */
static char *
mime_addr_clean(const char *s, const char *e, bool *oom)
{
	struct mime_buf b = {0};
	const char *q, *colon;

	while (s < e && (*s == '<' || mime_space(*s)))
		s++;
	if (s < e && *s == '@' && (colon = memchr(s, ':', (size_t)(e - s))))
		s = colon + 1;
	if (e - s >= 7 && strncasecmp(s, "mailto:", 7) == 0)
		s += 7;
	while (s < e) {
		if (*s == '"') {
			q = mime_skip_quoted(s, e);
			mime_buf_add(&b, s, (size_t)(q - s));
			s = q;
		} else if (*s == '(') {
			s = mime_skip_comment(s, e);
		} else {
			if ((unsigned char)*s > ' ' && *s != 0x7F &&
			    *s != '<' && *s != '>')
				mime_buf_addc(&b, *s);
			s++;
		}
	}
	return mime_addr_finish(&b, oom);
}

/* The contents of the quoted string at p ('"') into b; returns the end. */
static const char *
mime_name_quoted(struct mime_buf *b, const char *p, const char *e)
{
	for (p++; p < e && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < e)
			p++;
		mime_buf_addc(b, *p);
	}
	return p < e ? p + 1 : e;
}

/* A display name: quotes and comments removed, encoded words decoded,
 * white space collapsed, the 'single quotes' some clients add dropped. */
static char *
mime_name_clean(struct mime_alist *al, const char *s, const char *e)
{
	struct mime_buf b = {0};
	char *name;
	size_t n;

	while (s < e) {
		if (mime_space(*s) || *s == '(') {
			s = *s == '(' ? mime_skip_comment(s, e) : s + 1;
			if (b.len > 0 && b.p[b.len - 1] != ' ')
				mime_buf_addc(&b, ' ');
		} else if (*s == '"') {
			s = mime_name_quoted(&b, s, e);
		} else {
			mime_buf_addc(&b, *s++);
		}
	}
	mime_buf_add(&b, "", 0);
	if (b.oom) {
		al->oom = true;
		mime_buf_free(&b);
		return NULL;
	}
	name = mime_decode_header_hint(b.p, b.len, al->hint);
	mime_buf_free(&b);
	if (name == NULL) {
		al->oom = true;
		return NULL;
	}
	for (n = strlen(name); n > 0 && name[n - 1] == ' '; n--)
		name[n - 1] = '\0';
	while (n >= 2 && (name[0] == '\'' || name[0] == '"') &&
	       name[n - 1] == name[0]) {
		memmove(name, name + 1, n - 2);
		name[n -= 2] = '\0';
	}
	for (s = name; *s == ' '; s++)
		;
	memmove(name, s, strlen(s) + 1);
	if (name[0] == '\0') {
		free(name);
		return NULL;
	}
	return name;
}

/* The text of the first comment in [s, e), as a name. */
static char *
mime_comment_name(struct mime_alist *al, const char *s, const char *e)
{
	const char *c = s, *ce;

	while (c < e && *c != '(') {
		if (*c == '"')
			c = mime_skip_quoted(c, e);
		else
			c++;
	}
	if (c >= e)
		return NULL;
	ce = mime_skip_comment(c, e);
	return mime_name_clean(al, c + 1, ce[-1] == ')' ? ce - 1 : ce);
}

/* The first top-level '<' in [s, e), or NULL. */
static const char *
mime_find_angle(const char *s, const char *e)
{
	while (s < e) {
		if (*s == '"')
			s = mime_skip_quoted(s, e);
		else if (*s == '(')
			s = mime_skip_comment(s, e);
		else if (*s == '<')
			return s;
		else
			s++;
	}
	return NULL;
}

/* "addr (Name)", "Some Name addr" or just "addr": the first word with
 * '@' is the address, the words before it (or a comment) the name. */
static void
mime_entry_bare(struct mime_alist *al, const char *s, const char *e,
                struct mime_address *a)
{
	const char *p = s, *w;

	while (p < e) {
		if (mime_space(*p)) {
			p++;
			continue;
		}
		if (*p == '(') {
			p = mime_skip_comment(p, e);
			continue;
		}
		for (w = p; p < e && !mime_space(*p) && *p != '(';)
			p = *p == '"' ? mime_skip_quoted(p, e) : p + 1;
		if (memchr(w, '@', (size_t)(p - w)) == NULL)
			continue;
		a->addr = mime_addr_clean(w, p, &al->oom);
		a->name = mime_name_clean(al, s, w);
		if (a->name == NULL)
			a->name = mime_comment_name(al, p, e);
		return;
	}
}

static void
mime_entry_parse(struct mime_alist *al, const char *s, const char *e)
{
	struct mime_addresses *out = al->out;
	struct mime_address a = {0}, *v;
	const char *lt = mime_find_angle(s, e), *gt;

	if (lt != NULL) {
		/* A missing '>' ends the address with the entry. */
		if ((gt = memchr(lt, '>', (size_t)(e - lt))) == NULL)
			gt = e;
		a.addr = mime_addr_clean(lt + 1, gt, &al->oom);
		a.name = mime_name_clean(al, s, lt);
		if (a.name == NULL && gt < e)
			a.name = mime_comment_name(al, gt + 1, e);
	} else {
		mime_entry_bare(al, s, e, &a);
	}
	if (a.addr == NULL || al->oom ||
	    (v = realloc(out->v, (out->n + 1) * sizeof(*v))) == NULL) {
		if (a.addr != NULL)
			al->oom = true;
		free(a.addr);
		free(a.name);
		return;
	}
	out->v = v;
	out->v[out->n++] = a;
}

/* Where the entry at p ends: a top-level ',' or ';', a group's ':', or
 * the ',' that shows a '<' was never closed.  *sep_r gets the char. */
static const char *
mime_entry_end(const char *p, const char *end, char *sep_r)
{
	const char *angle = NULL;
	bool at = false;

	*sep_r = '\0';
	while (p < end) {
		if (*p == '"') {
			p = mime_skip_quoted(p, end);
			continue;
		}
		if (*p == '(') {
			p = mime_skip_comment(p, end);
			continue;
		}
		if (angle != NULL && *p == '>') {
			angle = NULL;
		} else if (angle == NULL && *p == '<') {
			angle = p;
			at = true;
		} else if ((*p == ',' || *p == ';') &&
		           (angle == NULL || angle + 1 == end ||
		            angle[1] != '@')) {
			*sep_r = *p;
			return p;
		} else if (*p == ':' && angle == NULL && !at) {
			*sep_r = ':';
			return p;
		} else if (*p == '@') {
			at = true;
		}
		p++;
	}
	return end;
}

int
mime_parse_addresses_hint(const char *value, size_t len, const char *hint,
                          struct mime_addresses *out)
{
	struct mime_alist al = {out, hint, false};
	const char *p = value, *end = value + len, *e;
	char sep;

	memset(out, 0, sizeof(*out));
	while (p < end && !al.oom) {
		e = mime_entry_end(p, end, &sep);
		if (sep != ':')
			mime_entry_parse(&al, p, e);
		p = e < end ? e + 1 : end;
	}
	return al.oom ? -1 : 0;
}

int
mime_parse_addresses(const char *value, size_t len, struct mime_addresses *out)
{
	return mime_parse_addresses_hint(value, len, NULL, out);
}

/* A msg-id without white space; NULL when it cannot be one. */
static char *
mime_msgid_clean(const char *s, const char *e)
{
	char *id = malloc((size_t)(e - s) + 1);
	size_t n = 0;

	if (id == NULL)
		return NULL;
	for (; s < e; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7F || *s == '<') {
			free(id);
			return NULL;
		}
		if (*s != ' ')
			id[n++] = *s;
	}
	id[n] = '\0';
	if (n == 0 || n > MIME_MSGID_MAX || !charset_utf8_valid(id, n)) {
		free(id);
		return NULL;
	}
	return id;
}

/* A word outside brackets: an id when it has an '@'. */
static const char *
mime_msgid_word(const char *p, const char *end, char **id_r)
{
	const char *w = p;

	while (p < end && !mime_space(*p) && *p != '<' && *p != '(' &&
	       *p != ',' && *p != '"')
		p++;
	*id_r = NULL;
	if (memchr(w, '@', (size_t)(p - w)) != NULL &&
	    memchr(w, '>', (size_t)(p - w)) == NULL)
		*id_r = mime_msgid_clean(w, p);
	return p > w ? p : p + 1;
}

char *
mime_msgid_next(const char **pp, const char *end)
{
	const char *p = *pp, *s;
	char *id = NULL;

	while (p < end && id == NULL) {
		if (mime_space(*p) || *p == ',') {
			p++;
		} else if (*p == '(') {
			p = mime_skip_comment(p, end);
		} else if (*p == '"') {
			p = mime_skip_quoted(p, end);
		} else if (*p == '<') {
			/* A '<' before the '>' means this one was never closed.
			 */
			for (s = ++p; p < end && *p != '>' && *p != '<'; p++)
				;
			id = mime_msgid_clean(s, p);
			p += p < end && *p == '>';
		} else {
			p = mime_msgid_word(p, end, &id);
		}
	}
	*pp = p;
	return id;
}

void
mime_msgids(struct mime_ctx *ctx, const char *value, size_t max,
            struct mime_strings *out)
{
	const char *p = value, *end = value + strlen(value);
	size_t ring_n = max > 1 ? max - 1 : 1, count = 0, k = 0;
	char **ring = calloc(ring_n, sizeof(*ring)), *first = NULL, *id;

	if (ring == NULL ||
	    (out->v = calloc(ring_n + 1, sizeof(*out->v))) == NULL) {
		free(ring);
		ctx->oom = true;
		return;
	}
	while ((id = mime_msgid_next(&p, end)) != NULL) {
		if (first == NULL) {
			first = id;
			continue;
		}
		free(ring[count % ring_n]);
		ring[count++ % ring_n] = id;
	}
	if (first != NULL)
		out->v[out->n++] = first;
	if (count > ring_n)
		k = count % ring_n;
	for (size_t i = 0; i < ring_n && i < count; i++)
		out->v[out->n++] = ring[(k + i) % ring_n];
	free(ring);
}

char *
mime_return_path(const char *value)
{
	const char *lt = strchr(value, '<'), *gt;
	bool oom = false;
	char *addr;

	if (lt == NULL)
		return mime_addr_clean(value, value + strlen(value), &oom);
	if ((gt = strchr(lt, '>')) == NULL)
		gt = lt + strlen(lt);
	addr = mime_addr_clean(lt + 1, gt, &oom);
	return addr != NULL || oom ? addr : strdup("");
}
