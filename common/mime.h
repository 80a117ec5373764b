/*
 * mime: raw RFC 5322 bytes → struct mime_message — decoded UTF-8 headers,
 * the text body (from HTML when that is all there is), attachments, the
 * threading headers and the markers of automatic mail.  Lenient: any byte
 * string gives a message; what could not be understood becomes a warning,
 * never a failure, so no mail is ever dropped for its shape.
 * Pure: no I/O, no logging, no globals.
 */
#ifndef COMPLAINTD_MIME_H
#define COMPLAINTD_MIME_H

#include <stdbool.h>
#include <stddef.h>

/* One mailbox of an address list, both fields UTF-8. */
struct mime_address {
	char *name; /* display name, decoded; NULL when absent */
	char *addr; /* addr-spec "local@domain" as written, trimmed; never
	               NULL in a list entry */
};

struct mime_addresses {
	struct mime_address *v;
	size_t n;
};

struct mime_strings {
	char **v;
	size_t n;
};

/* One header field, unfolded; value decoded (RFC 2047) to UTF-8. */
struct mime_header {
	char *name;  /* as written, e.g. "X-Mailer" */
	char *value; /* leading/trailing white space trimmed */
};

struct mime_attachment {
	char *filename;      /* UTF-8 (RFC 2231 or 2047 decoded), without
	                        directories or control characters; NULL when
	                        the part names none */
	char *content_type;  /* lower-case "type/subtype" */
	char *content_id;    /* without <>; NULL when absent */
	size_t size;         /* decoded size in bytes, also when dropped */
	char sha256[65];     /* hex of the decoded bytes, also when dropped */
	unsigned char *data; /* decoded bytes; NULL when over a limit */
	bool inline_part;    /* Content-Disposition: inline */
};

/* Markers of mail that must not be answered automatically. */
enum {
	MIME_AUTO_REPLIED = 1 << 0, /* out-of-office, vacation, autoresponder */
	MIME_AUTO_GENERATED = 1 << 1, /* Auto-Submitted other than "no" */
	MIME_AUTO_BOUNCE = 1 << 2,    /* DSN, MAILER-DAEMON, null sender */
	MIME_AUTO_LIST = 1 << 3,      /* List-Id, List-Unsubscribe, ... */
	MIME_AUTO_BULK = 1 << 4,      /* Precedence: bulk/junk, ... */
};

/* One recipient of a delivery status notification (RFC 3464). */
struct mime_dsn_recipient {
	char *recipient;  /* Final-Recipient (or Original-Recipient) address */
	char *action;     /* "failed", "delayed", "delivered", ... lower-case */
	char *status;     /* "5.1.1" */
	char *diagnostic; /* Diagnostic-Code text, or NULL */
};

struct mime_message {
	struct mime_header *headers; /* top-level header, in order */
	size_t n_headers;

	char *message_id;  /* without <>; NULL when absent or unusable */
	char *in_reply_to; /* first msg-id of In-Reply-To, without <> */
	struct mime_strings references; /* msg-ids without <>, in order */

	struct mime_address from;   /* addr NULL when there is no usable From */
	struct mime_address sender; /* Sender:, same rules */
	struct mime_address reply_to; /* first Reply-To mailbox */
	struct mime_addresses to;
	struct mime_addresses cc;
	char *return_path; /* addr-spec, "" for the null path <>, NULL when
	                      absent */
	char *subject;     /* decoded; "" when absent */
	long long date;    /* Date: as Unix time; -1 when absent or bad */

	char *text;          /* the body as UTF-8 text; "" when none */
	bool text_from_html; /* text was made from text/html */
	char *html;          /* the text/html body, UTF-8; NULL when none */

	struct mime_attachment *attachments;
	size_t n_attachments;

	unsigned auto_flags;            /* MIME_AUTO_* */
	char *auto_reason;              /* first evidence, e.g. "Auto-Submitted:
	                                   auto-replied"; NULL when auto_flags is 0 */
	struct mime_dsn_recipient *dsn; /* from a delivery-status part */
	size_t n_dsn;
	char *dsn_original_id; /* of a multipart/report delivery-status:
	                          the Message-ID (without <>) of the mail it
	                          returns, from its message/rfc822 or
	                          text/rfc822-headers part; NULL when absent */

	struct mime_strings warnings; /* what could not be parsed cleanly, one
	                                 short English line each */
};

struct mime_limits {
	size_t max_attachment_size;   /* larger ones keep metadata, data NULL */
	size_t max_attachments_total; /* sum of kept attachment bytes */
	size_t max_parts;             /* MIME parts walked, at most */
	int max_depth;                /* multipart / message/rfc822 nesting */
};

/* Sensible limits: 10 MiB per attachment, 25 MiB in all, 500 parts, 20
 * levels. */
void mime_limits_default(struct mime_limits *limits);

/*
 * Parses len bytes of raw mail (CRLF or LF line ends, NULs tolerated).
 * Returns a new message (caller frees with mime_message_free), or NULL only
 * when memory runs out.  Every string in it is valid UTF-8 without NULs.
 */
struct mime_message *mime_parse(const char *raw, size_t len,
                                const struct mime_limits *limits);
void mime_message_free(struct mime_message *msg);

/* The first header named name (case-insensitive); borrowed from msg, NULL
 * when there is none. */
const char *mime_header_get(const struct mime_message *msg, const char *name);

/*
 * Decodes an RFC 2047 header value (adjacent encoded words joined, bad ones
 * kept as written, raw 8-bit text taken as UTF-8 or else Windows-1252) to
 * UTF-8.  Caller frees; NULL only when memory runs out.
 */
char *mime_decode_header(const char *value, size_t len);

/*
 * Parses an address list such as the value of To:, raw (not yet decoded).
 * Group syntax, comments, quoted names and encoded words in names are
 * understood.  Returns 0, or -1 when memory runs out; entries without an
 * addr-spec are skipped.  Caller frees with mime_addresses_free.
 */
int mime_parse_addresses(const char *value, size_t len,
                         struct mime_addresses *out);
void mime_addresses_free(struct mime_addresses *list);

#endif
