/*
 * compose: the mail the desk sends, as RFC 5322 / MIME bytes — folded
 * headers with RFC 2047 encoded words for anything not plain ASCII,
 * threading headers, a quoted-printable UTF-8 text body (and an HTML
 * alternative when given), CRLF line ends and no line over 998 octets.
 * Nothing from input can add a header: CR, LF and NUL in any value we
 * write become spaces.  Pure apart from formatting Date in the local time
 * zone (TZ).
 */
#ifndef COMPLAINTD_COMPOSE_H
#define COMPLAINTD_COMPOSE_H

#include <stddef.h>

struct compose_header {
	/* A header name we chose, e.g. "X-Complaintd-Ticket": printable
	 * ASCII without ':' and not one compose_mail writes itself. */
	const char *name;
	const char *value; /* any text; encoded and neutralised like the rest */
};

struct compose_mail {
	long long date;
	const char *from;     /* "Name <local@domain>" or "local@domain" */
	const char *reply_to; /* an address, or NULL */
	const char *to_name;  /* display name (UTF-8), or NULL */
	const char *to_addr;
	const char *subject;        /* UTF-8 */
	const char *message_id;     /* without <> */
	const char *in_reply_to;    /* without <>, or NULL */
	const char *references;     /* ids without <>, space-separated, or
	                               NULL */
	const char *auto_submitted; /* "auto-replied", "auto-generated", or
	                               NULL */
	const struct compose_header *extra;
	size_t n_extra;
	const char *text; /* UTF-8, "\n" line ends */
	const char *html; /* NULL: text/plain alone */
};

/*
 * Writes the mail into a new buffer (caller frees *raw_r).  Returns 0, or
 * -1 with the reason in err: an address that is not one (spaces, angle
 * brackets, control or non-ASCII characters, no or two '@' in to_addr,
 * from or reply_to), an unusable message_id, an extra header name that is
 * not a field name or is one of ours, or no memory.  An in_reply_to or
 * reference that is not a msg-id (or longer than 900 octets) is left out.
 */
int compose_mail(const struct compose_mail *m, char **raw_r, size_t *len_r,
                 char *err, size_t err_size);

/*
 * The address inside a From value ("Name <a@b>" → "a@b"), into buf;
 * 0, or -1 when there is none.
 */
int compose_address_of(const char *from, char *buf, size_t size);

#endif
