/*
 * mime_header: header blocks — lines with any line break, fields and
 * folding, the rules for mail whose header and body are not separated —
 * and RFC 2047 encoded words, decoded leniently: adjacent words joined,
 * split characters put back together, broken or unknown words kept as
 * written, raw 8-bit text read as UTF-8 or in the message's charset.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

#define MIME_EW_CHARSET_MAX 64

/* One encoded word: where it is, and its charset without language. */
struct mime_ew {
	const char *start, *end;
	char charset[MIME_EW_CHARSET_MAX + 1];
};

/* State of mime_decode_header_hint: words in one charset wait in pend so
 * their bytes are converted together. */
struct mime_ewd {
	struct mime_buf out;
	struct mime_buf pend;
	char charset[MIME_EW_CHARSET_MAX + 1]; /* pend's; "" when empty */
	const char *raw, *raw_end;   /* the pending words as written */
	const char *lead, *lead_end; /* white space dropped before them */
	const char *hint;
};

void
mime_lines_init(struct mime_lines *it, const char *p, const char *end)
{
	it->p = p;
	it->end = end;
	it->cr = NULL;
	it->lf = NULL;
}

bool
mime_lines_next(struct mime_lines *it, const char **start_r, const char **end_r)
{
	const char *eol;

	if (it->p >= it->end)
		return false;
	if (it->cr == NULL || it->cr < it->p) {
		it->cr = memchr(it->p, '\r', (size_t)(it->end - it->p));
		if (it->cr == NULL)
			it->cr = it->end;
	}
	if (it->lf == NULL || it->lf < it->p) {
		it->lf = memchr(it->p, '\n', (size_t)(it->end - it->p));
		if (it->lf == NULL)
			it->lf = it->end;
	}
	eol = it->cr < it->lf ? it->cr : it->lf;
	*start_r = it->p;
	*end_r = eol;
	if (eol == it->end)
		it->p = eol;
	else if (*eol == '\r' && eol + 1 < it->end && eol[1] == '\n')
		it->p = eol + 2;
	else
		it->p = eol + 1;
	return true;
}

static bool
mime_is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

static bool
mime_line_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (!mime_is_wsp(*s))
			return false;
	return true;
}

/* Length of the field name when [s, e) starts a header field, else 0. */
static size_t
mime_field_name(const char *s, const char *e)
{
	const char *p = s;
	size_t n;

	while (p<e && * p> ' ' && *p < 0x7F && *p != ':')
		p++;
	n = (size_t)(p - s);
	while (p < e && mime_is_wsp(*p))
		p++;
	return n > 0 && p < e && *p == ':' ? n : 0;
}

/* The first blank line in [p, end), or NULL. */
static const char *
mime_blank_line(const char *p, const char *end)
{
	struct mime_lines it;
	const char *s, *e;

	mime_lines_init(&it, p, end);
	while (mime_lines_next(&it, &s, &e))
		if (mime_line_blank(s, e))
			return s;
	return NULL;
}

static struct mime_field *
mime_field_add(struct mime_ctx *ctx, struct mime_fields *fields, const char *s,
               size_t name_len, const char *e)
{
	struct mime_field *f;

	if (fields->n == fields->cap) {
		size_t cap = fields->cap ? fields->cap * 2 : 32;
		if ((f = realloc(fields->v, cap * sizeof(*f))) == NULL) {
			if (ctx != NULL)
				ctx->oom = true;
			return NULL;
		}
		fields->v = f;
		fields->cap = cap;
	}
	f = &fields->v[fields->n++];
	f->name = s;
	f->name_len = name_len;
	f->value = (const char *)memchr(s, ':', (size_t)(e - s)) + 1;
	f->value_len = (size_t)(e - f->value);
	return f;
}

/* Adds the field at [s, e) unless MIME_MAX_FIELDS are read already. */
static struct mime_field *
mime_field_keep(struct mime_ctx *ctx, struct mime_fields *fields, const char *s,
                size_t name_len, const char *e)
{
	if (fields->n < MIME_MAX_FIELDS)
		return mime_field_add(ctx, fields, s, name_len, e);
	mime_warn(ctx, "more than %d header fields; the rest ignored",
	          MIME_MAX_FIELDS);
	return NULL;
}

/* A line s that is no field, and no blank line follows: a part's body
 * starts there; a message is all body. */
static const char *
mime_fields_stop(struct mime_ctx *ctx, struct mime_fields *fields,
                 const char *start, const char *s, bool top, bool first)
{
	if (!top)
		return s;
	fields->n = 0;
	mime_warn(ctx, first ? "no header; message taken as body"
	                     : "no blank line after the header; message "
	                       "taken as body");
	return start;
}

/*
 * The header ends at the first blank line; a line before it that is no
 * field is skipped with a warning.  Without a blank line, a message is all
 * header if every line is a field, else all body (text whose first line
 * reads "Note: ..." keeps it), and a part's body starts at its first line
 * that is no field, so its Content-Type still counts.
 */
const char *
mime_fields_scan(struct mime_ctx *ctx, const char *p, const char *end,
                 struct mime_fields *fields, bool top)
{
	struct mime_field *cur = NULL;
	const char *s, *e, *blank, *start;
	struct mime_lines it;
	bool first = true;
	size_t n;

	mime_lines_init(&it, p, end);
	if (top && end - p >= 5 && memcmp(p, "From ", 5) == 0) {
		mime_lines_next(&it, &s, &e);
		mime_warn(ctx, "mbox \"From \" line skipped");
	}
	start = it.p;
	blank = mime_blank_line(start, end);
	while (mime_lines_next(&it, &s, &e)) {
		if (s == blank)
			return it.p;
		if (mime_is_wsp(*s) && !first) {
			if (cur != NULL)
				cur->value_len = (size_t)(e - cur->value);
		} else if ((n = mime_field_name(s, e)) > 0) {
			first = false;
			cur = mime_field_keep(ctx, fields, s, n, e);
		} else if (!first && blank != NULL) {
			mime_warn(ctx, "header line without colon");
			cur = NULL;
		} else {
			return mime_fields_stop(ctx, fields, start, s, top,
			                        first);
		}
	}
	return end;
}

const struct mime_field *
mime_fields_get(const struct mime_fields *fields, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < fields->n; i++)
		if (fields->v[i].name_len == n &&
		    strncasecmp(fields->v[i].name, name, n) == 0)
			return &fields->v[i];
	return NULL;
}

void
mime_fields_free(struct mime_fields *fields)
{
	free(fields->v);
	memset(fields, 0, sizeof(*fields));
}

/* NULs become U+FFFD here, so later steps may treat values as C strings. */
char *
mime_unfold(const char *value, size_t len, size_t *len_r)
{
	size_t nuls = 0, n = 0, i = 0;
	char *out;

	for (size_t k = 0; k < len; k++)
		nuls += value[k] == '\0';
	if ((out = malloc(len + 2 * nuls + 1)) == NULL)
		return NULL;
	while (i < len &&
	       (mime_is_wsp(value[i]) || value[i] == '\r' || value[i] == '\n'))
		i++;
	for (; i < len; i++) {
		if (value[i] == '\0') {
			memcpy(out + n, "\xef\xbf\xbd", 3);
			n += 3;
		} else if (value[i] != '\r' && value[i] != '\n') {
			out[n++] = value[i];
		}
	}
	while (n > 0 && mime_is_wsp(out[n - 1]))
		n--;
	out[n] = '\0';
	if (len_r != NULL)
		*len_r = n;
	return out;
}

char *
mime_field_value(struct mime_ctx *ctx, const struct mime_fields *f,
                 const char *name)
{
	const struct mime_field *field = mime_fields_get(f, name);
	char *v;

	if (field == NULL)
		return NULL;
	if ((v = mime_unfold(field->value, field->value_len, NULL)) == NULL)
		ctx->oom = true;
	return v;
}

void
mime_text_oneline(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			*s = ' ';
}

static int
mime_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void
mime_ew_q(const char *s, size_t n, struct mime_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_') {
			mime_buf_addc(out, ' ');
		} else if (s[i] == '=' && i + 2 < n &&
		           mime_hex(s[i + 1]) >= 0 && mime_hex(s[i + 2]) >= 0) {
			mime_buf_addc(out, (char)(mime_hex(s[i + 1]) * 16 +
			                          mime_hex(s[i + 2])));
			i += 2;
		} else {
			mime_buf_addc(out, s[i]);
		}
	}
}

static bool
mime_ew_b(const char *s, size_t n, struct mime_buf *out)
{
	bool bad = false;
	size_t len;
	unsigned char *bytes = mime_base64_decode(s, n, &len, &bad);

	if (bytes == NULL) {
		out->oom = true;
		return true;
	}
	if (!bad)
		mime_buf_add(out, bytes, len);
	free(bytes);
	return !bad;
}

/* The encoded word at s ("=?"), its text decoded into out; false when
 * s starts none (and out holds garbage). */
static bool
mime_ew_parse(const char *s, const char *end, struct mime_ew *ew,
              struct mime_buf *out)
{
	const char *p = s + 2, *cs = p, *q;
	char enc;
	size_t n;

	while (p < end && *p != '?' && *p > ' ' && *p < 0x7F &&
	       p - cs < MIME_EW_CHARSET_MAX)
		p++;
	if (p >= end || *p != '?' || p == cs)
		return false;
	n = (size_t)(p - cs);
	memcpy(ew->charset, cs, n);
	ew->charset[n] = '\0';
	/* RFC 2231 section 5: "utf-8*en" carries a language. */
	ew->charset[strcspn(ew->charset, "*")] = '\0';
	if (ew->charset[0] == '\0' || end - ++p < 2 || p[1] != '?')
		return false;
	enc = (char)(*p | 0x20);
	p += 2;
	q = memchr(p, '?', (size_t)(end - p));
	if ((enc != 'b' && enc != 'q') || q == NULL || q + 1 >= end ||
	    q[1] != '=')
		return false;
	out->len = 0;
	if (enc == 'q')
		mime_ew_q(p, (size_t)(q - p), out);
	else if (!mime_ew_b(p, (size_t)(q - p), out))
		return false;
	ew->start = s;
	ew->end = q + 2;
	return true;
}

/* Raw header text: UTF-8 when it is, else in the hinted charset, else
 * Windows-1252. */
static void
mime_ewd_raw(struct mime_ewd *d, const char *s, size_t n)
{
	char *u;
	size_t i;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80 && s[i] != '\0'; i++)
		;
	if (i == n) {
		mime_buf_add(&d->out, s, n);
		return;
	}
	u = charset_to_utf8(charset_utf8_valid(s, n) ? NULL : d->hint, s, n,
	                    NULL);
	if (u == NULL)
		d->out.oom = true;
	else
		mime_buf_adds(&d->out, u);
	free(u);
}

/* Converts the pending words; an unknown charset keeps them as written,
 * with the white space before them.  Returns false in that case. */
static bool
mime_ewd_flush(struct mime_ewd *d)
{
	unsigned flags = 0;
	bool decoded = true;
	char *u;

	if (d->charset[0] == '\0')
		return true;
	u = charset_to_utf8(d->charset, d->pend.len ? d->pend.p : "",
	                    d->pend.len, &flags);
	if (u == NULL) {
		d->out.oom = true;
	} else if (flags & CHARSET_UNKNOWN) {
		mime_ewd_raw(d, d->lead, (size_t)(d->lead_end - d->lead));
		mime_ewd_raw(d, d->raw, (size_t)(d->raw_end - d->raw));
		decoded = false;
	} else {
		mime_buf_adds(&d->out, u);
	}
	free(u);
	d->charset[0] = '\0';
	d->pend.len = 0;
	return decoded;
}

/* The word ew after the text [text, ew->start). */
static void
mime_ewd_word(struct mime_ewd *d, const char *text, const struct mime_ew *ew,
              const struct mime_buf *word)
{
	bool adjacent =
	    d->charset[0] != '\0' && mime_line_blank(text, ew->start);

	if (adjacent && strcasecmp(d->charset, ew->charset) == 0) {
		mime_buf_add(&d->pend, word->p, word->len);
		d->raw_end = ew->end;
		return;
	}
	if (adjacent && mime_ewd_flush(d)) {
		/* Dropped, unless this word turns out to be kept raw. */
		d->lead = text;
	} else {
		mime_ewd_flush(d);
		mime_ewd_raw(d, text, (size_t)(ew->start - text));
		d->lead = ew->start;
	}
	d->lead_end = ew->start;
	memcpy(d->charset, ew->charset, sizeof(d->charset));
	mime_buf_add(&d->pend, word->p, word->len);
	d->raw = ew->start;
	d->raw_end = ew->end;
}

char *
mime_decode_header_hint(const char *value, size_t len, const char *hint)
{
	struct mime_ewd d = {.hint = hint};
	struct mime_buf word = {0};
	const char *p = value, *end = value + len, *text = value, *q;
	struct mime_ew ew;
	char *out;

	while ((q = memmem(p, (size_t)(end - p), "=?", 2)) != NULL) {
		if (!mime_ew_parse(q, end, &ew, &word)) {
			p = q + 1;
			continue;
		}
		mime_ewd_word(&d, text, &ew, &word);
		text = p = ew.end;
	}
	mime_ewd_flush(&d);
	mime_ewd_raw(&d, text, (size_t)(end - text));
	if (word.oom || d.pend.oom)
		d.out.oom = true;
	mime_buf_free(&word);
	mime_buf_free(&d.pend);
	if ((out = mime_buf_take(&d.out)) != NULL)
		mime_text_oneline(out);
	return out;
}

char *
mime_decode_header(const char *value, size_t len)
{
	size_t n;
	char *unfolded = mime_unfold(value, len, &n), *out;

	if (unfolded == NULL)
		return NULL;
	out = mime_decode_header_hint(unfolded, n, NULL);
	free(unfolded);
	return out;
}
