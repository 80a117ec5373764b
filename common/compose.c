/*
 * compose: writing outgoing mail — the buffer, checks of what the caller
 * gives, the header in its order, quoted-printable bodies and the MIME
 * frame.  Header values are written by compose_header.c.
 */
#include "compose.h"
#include "compose_p.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
compose_put(struct compose_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->p, cap);
		if (p == NULL) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	for (size_t i = 0; i < n; i++)
		b->line = s[i] == '\n' ? 0 : b->line + 1;
}

void
compose_puts(struct compose_buf *b, const char *s)
{
	compose_put(b, s, strlen(s));
}

/*
 * Whether c, at column col of an encoded line, may stand for itself:
 * printable ASCII but '=', white space unless it ends the text line, and
 * not a '.' or the 'F' of "From " that starts a line (SMTP's end of data,
 * mbox's separator).
 */
static bool
compose_qp_literal(const unsigned char *s, size_t i, size_t n, size_t col)
{
	unsigned char c = s[i];

	if (col == 0 && (c == '.' || (c == 'F' && n - i >= 5 &&
	                              memcmp(s + i, "From ", 5) == 0)))
		return false;
	return (c >= 33 && c <= 126 && c != '=') ||
	       ((c == ' ' || c == '\t') && i + 1 < n);
}

/* One line of text as quoted-printable, soft-broken at 76 columns. */
static void
compose_qp_line(struct compose_buf *b, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		char enc[3] = {'=', hex[s[i] >> 4], hex[s[i] & 15]};
		bool literal = compose_qp_literal(s, i, n, col);
		size_t width = literal ? 1 : 3;

		/* Room for the soft break's "=" unless this ends the line. */
		if (col + width > (i + 1 == n ? 76u : 75u)) {
			compose_puts(b, "=\r\n");
			col = 0;
			literal = compose_qp_literal(s, i, n, col);
			width = literal ? 1 : 3;
		}
		compose_put(b, literal ? (const char *)&s[i] : enc, width);
		col += width;
	}
}

static void
compose_qp(struct compose_buf *b, const char *text)
{
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		compose_qp_line(b, (const unsigned char *)p, n);
		compose_puts(b, "\r\n");
		if (nl == NULL || nl[1] == '\0')
			break;
		p = nl + 1;
	}
}

static void
compose_text_part(struct compose_buf *b, const char *type, const char *text)
{
	compose_puts(b, "Content-Type: ");
	compose_puts(b, type);
	compose_puts(b, "; charset=UTF-8\r\n"
	                "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	compose_qp(b, text);
}

/*
 * The body.  The boundary holds "=_", which quoted-printable never
 * writes, so it cannot occur in either part.
 */
static void
compose_body(struct compose_buf *b, const struct compose_mail *m)
{
	char boundary[64];
	uint32_t h = 2166136261u;

	compose_puts(b, "MIME-Version: 1.0\r\n");
	if (m->html == NULL) {
		compose_text_part(b, "text/plain", m->text ? m->text : "");
		return;
	}
	for (const char *p = m->message_id; p && *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	snprintf(boundary, sizeof(boundary), "=_complaintd_%08x", h);
	compose_puts(b, "Content-Type: multipart/alternative; boundary=\"");
	compose_puts(b, boundary);
	compose_puts(b, "\"\r\n\r\n--");
	compose_puts(b, boundary);
	compose_puts(b, "\r\n");
	compose_text_part(b, "text/plain", m->text ? m->text : "");
	/* The CRLF before a delimiter belongs to it: one more keeps the
	 * part's last line end. */
	compose_puts(b, "\r\n--");
	compose_puts(b, boundary);
	compose_puts(b, "\r\n");
	compose_text_part(b, "text/html", m->html);
	compose_puts(b, "\r\n--");
	compose_puts(b, boundary);
	compose_puts(b, "--\r\n");
}

/* Headers compose_mail writes itself, which an extra one may not repeat. */
static const char *const compose_own_headers[] = {
    "Date",
    "From",
    "Reply-To",
    "To",
    "Subject",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Auto-Submitted",
    "X-Auto-Response-Suppress",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
};

/* A field name (RFC 5322 ftext, at most 76 octets) not one of ours. */
static bool
compose_valid_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > 76)
		return false;
	for (const char *p = name; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == ':')
			return false;
	for (size_t i = 0;
	     i < sizeof(compose_own_headers) / sizeof(*compose_own_headers);
	     i++)
		if (strcasecmp(name, compose_own_headers[i]) == 0)
			return false;
	return true;
}

static int
compose_check_extra(const struct compose_mail *m, char *err, size_t err_size)
{
	for (size_t i = 0; i < m->n_extra; i++) {
		if (!compose_valid_name(m->extra[i].name)) {
			snprintf(err, err_size,
			         "header name \"%.80s\" is not one we may "
			         "add",
			         m->extra[i].name ? m->extra[i].name : "");
			return -1;
		}
	}
	return 0;
}

static int
compose_check(const struct compose_mail *m, char *from_addr, size_t size,
              char *err, size_t err_size)
{
	if (m->from == NULL ||
	    compose_address_of(m->from, from_addr, size) != 0) {
		snprintf(err, err_size,
		         "From \"%.80s\" holds no usable address",
		         m->from ? m->from : "");
		return -1;
	}
	if (!compose_valid_addr(m->to_addr)) {
		snprintf(err, err_size, "recipient \"%.80s\" is not an address",
		         m->to_addr ? m->to_addr : "");
		return -1;
	}
	if (m->reply_to != NULL && !compose_valid_addr(m->reply_to)) {
		snprintf(err, err_size, "Reply-To \"%.80s\" is not an address",
		         m->reply_to);
		return -1;
	}
	if (!compose_valid_id(m->message_id)) {
		snprintf(err, err_size, "Message-ID \"%.80s\" is not usable",
		         m->message_id ? m->message_id : "");
		return -1;
	}
	return compose_check_extra(m, err, err_size);
}

static void
compose_headers(struct compose_buf *b, const struct compose_mail *m,
                const char *from_addr)
{
	char *from_name = compose_name_of(m->from);

	compose_date(b, m->date);
	compose_puts(b, "From: ");
	compose_mailbox(b, from_name, from_addr);
	compose_puts(b, "\r\n");
	free(from_name);
	if (m->reply_to != NULL) {
		compose_puts(b, "Reply-To: ");
		compose_mailbox(b, NULL, m->reply_to);
		compose_puts(b, "\r\n");
	}
	compose_puts(b, "To: ");
	compose_mailbox(b, m->to_name, m->to_addr);
	compose_puts(b, "\r\n");
	compose_header_text(b, "Subject", m->subject ? m->subject : "");
	compose_puts(b, "Message-ID: <");
	compose_puts(b, m->message_id);
	compose_puts(b, ">\r\n");
	if (compose_valid_id(m->in_reply_to)) {
		compose_puts(b, "In-Reply-To: <");
		compose_puts(b, m->in_reply_to);
		compose_puts(b, ">\r\n");
	}
	compose_references(b, m->references);
}

int
compose_mail(const struct compose_mail *m, char **raw_r, size_t *len_r,
             char *err, size_t err_size)
{
	struct compose_buf b = {0};
	char from_addr[256];

	if (compose_check(m, from_addr, sizeof(from_addr), err, err_size))
		return -1;
	compose_headers(&b, m, from_addr);
	if (m->auto_submitted != NULL) {
		compose_header_text(&b, "Auto-Submitted", m->auto_submitted);
		/* Exchange's own switch for out-of-office answers to us. */
		compose_puts(&b, "X-Auto-Response-Suppress: All\r\n");
	}
	for (size_t i = 0; i < m->n_extra; i++)
		compose_header_text(&b, m->extra[i].name, m->extra[i].value);
	compose_body(&b, m);
	if (b.failed) {
		free(b.p);
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	*raw_r = b.p;
	*len_r = b.len;
	return 0;
}
