/*
 * mime_p.h: what the mime files share and nobody else sees — the parse
 * context, the part tree, growable buffers, the line iterator and header
 * scanner, and each file's entry points.
 */
#ifndef COMPLAINTD_MIME_P_H
#define COMPLAINTD_MIME_P_H

#include <stdbool.h>
#include <stddef.h>

#include "mime.h"

#define MIME_MAX_WARNINGS 64
#define MIME_MAX_FIELDS 10000 /* header fields read per header block */
#define MIME_MAX_DSN 1000     /* recipients read from one DSN */

/* A growable byte string; once an allocation fails it only sets oom. */
struct mime_buf {
	char *p;
	size_t len, cap;
	bool oom;
};

void mime_buf_add(struct mime_buf *b, const void *data, size_t len);
void mime_buf_addc(struct mime_buf *b, char c);
void mime_buf_adds(struct mime_buf *b, const char *s);
/* The NUL-terminated contents (caller frees), NULL after oom; b is empty
 * afterwards either way. */
char *mime_buf_take(struct mime_buf *b);
void mime_buf_free(struct mime_buf *b);

/* Lines of [p, end) ending in CRLF, LF or a bare CR; remembers where the
 * next CR and LF are, so a long line is scanned once. */
struct mime_lines {
	const char *p, *end;
	const char *cr, *lf; /* next CR / LF at or after p, end when none */
};

void mime_lines_init(struct mime_lines *it, const char *p, const char *end);
/* The next line as [*start_r, *end_r), without its line break; false at
 * the end.  it->p is then the start of the following line. */
bool mime_lines_next(struct mime_lines *it, const char **start_r,
                     const char **end_r);

/* One header field as written: spans into the input, value still folded. */
struct mime_field {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
};

struct mime_fields {
	struct mime_field *v;
	size_t n, cap;
};

/* What a leaf of the part tree becomes. */
enum mime_role {
	MIME_ROLE_MULTIPART,
	MIME_ROLE_PLAIN,   /* body text */
	MIME_ROLE_HTML,    /* body text from HTML, and msg->html */
	MIME_ROLE_ATTACH,  /* an attachment */
	MIME_ROLE_MESSAGE, /* message/rfc822: an attachment named .eml */
	MIME_ROLE_DSN,     /* message/delivery-status: dsn and attachment */
};

enum {
	MIME_HAS_PLAIN = 1 << 0,
	MIME_HAS_HTML = 1 << 1,
};

/* One MIME entity; nodes refer to each other by index, -1 for none. */
struct mime_node {
	const char *body, *end; /* the body, after the part's header */
	int parent, first, last, next;
	int number; /* among its siblings, from 1 */
	int depth;
	char *type;                /* lower-case "type/subtype" */
	char *ct, *cd, *cte, *cid; /* unfolded header values, or NULL */
	enum mime_role role;
	unsigned has; /* MIME_HAS_* of this subtree */
	bool skip;    /* inside an alternative that was not chosen */
};

struct mime_ctx {
	struct mime_message *msg;
	struct mime_limits limits;
	bool oom;
	char *hint;        /* charset for raw 8-bit header text, or NULL */
	char *top_type;    /* the message's own "type/subtype" */
	char *report_type; /* its report-type parameter, lower-case */
	struct mime_node *nodes;
	size_t n_nodes, cap_nodes;
	bool parts_warned; /* "more than max_parts" said once */
	size_t kept;       /* attachment bytes kept so far */
	size_t cap_attachments, cap_dsn;
	struct mime_buf text; /* the body text being assembled */
	struct mime_buf html;
	bool text_from_html;
};

/* mime.c */
void mime_warn(struct mime_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A copy of len bytes and NUL; NULL (and ctx->oom) when memory runs out. */
char *mime_dup(struct mime_ctx *ctx, const char *s, size_t len);
/* s for a warning: at most 40 printable ASCII characters, others '?'. */
const char *mime_quote(const char *s, size_t len, char buf[48]);
/* "12 MB", "3 KB" or "100 bytes". */
const char *mime_size(size_t size, char buf[32]);

/* mime_header.c */
/*
 * Reads the header block at [p, end) into fields and returns where the
 * body starts; top: the message's own header, which may start with an
 * mbox "From " line and is all body when it has no blank line and not
 * only fields.  ctx may be NULL (no warnings; oom shortens the list).
 */
const char *mime_fields_scan(struct mime_ctx *ctx, const char *p,
                             const char *end, struct mime_fields *fields,
                             bool top);
const struct mime_field *mime_fields_get(const struct mime_fields *fields,
                                         const char *name);
void mime_fields_free(struct mime_fields *fields);
/* The value with line breaks removed, outer white space trimmed and NULs
 * made U+FFFD; length in *len_r (may be NULL).  Caller frees. */
char *mime_unfold(const char *value, size_t len, size_t *len_r);
/* The unfolded value of the first field named name, or NULL. */
char *mime_field_value(struct mime_ctx *ctx, const struct mime_fields *f,
                       const char *name);
/* mime_decode_header with raw 8-bit text read in hint (may be NULL). */
char *mime_decode_header_hint(const char *value, size_t len, const char *hint);
/* Text made safe for one header value: C0 controls and DEL become
 * spaces.  In place. */
void mime_text_oneline(char *s);

/* mime_param.c */
/* The lower-case "type/subtype" (or first token, when want_slash is
 * false) of a Content-Type or -Disposition value; NULL when malformed. */
char *mime_value_token(const char *value, bool want_slash);
/* Parameter name's bytes (RFC 2231 sections joined and %-decoded, quotes
 * removed), its RFC 2231 charset in *charset_r (may be NULL).  NULL when
 * absent or out of memory.  Caller frees both. */
char *mime_param_raw(const char *value, const char *name, char **charset_r);
/* Parameter name as UTF-8: RFC 2231 charset, else RFC 2047 words, else
 * raw 8-bit text in hint.  Caller frees; NULL when absent. */
char *mime_param_text(const char *value, const char *name, const char *hint);

/* mime_addr.c */
/* mime_parse_addresses with raw 8-bit names read in hint (may be NULL). */
int mime_parse_addresses_hint(const char *value, size_t len, const char *hint,
                              struct mime_addresses *out);
/* The next msg-id in [*p, end) without <> and white space, advancing *p;
 * NULL at the end.  Caller frees. */
char *mime_msgid_next(const char **p, const char *end);
/* msg-ids of References: the first and the last max - 1 of them. */
void mime_msgids(struct mime_ctx *ctx, const char *value, size_t max,
                 struct mime_strings *out);
/* Return-Path's addr-spec; "" for <>; NULL when there is none. */
char *mime_return_path(const char *value);

/* mime_date.c */
long long mime_date_parse(const char *value);

/* mime_decode.c */
/* Transfer encodings; the result is malloc'd (NULL: memory), *bad_r set
 * when the input was damaged.  Never fail on content. */
unsigned char *mime_base64_decode(const char *s, size_t len, size_t *len_r,
                                  bool *bad_r);
unsigned char *mime_qp_decode(const char *s, size_t len, size_t *len_r);
/* Decoded bytes to body text: line ends "\n", trailing white space cut. */
void mime_text_normalise(char *s);

/* mime_body.c */
/* Walks the body of the message whose header is top; fills the text,
 * html, attachments, dsn and ctx->hint, top_type, report_type. */
void mime_body_parse(struct mime_ctx *ctx, const struct mime_fields *top,
                     const char *body, const char *end);

/* mime_part.c */
/* One leaf in document order: text or html for the body, or attachment. */
void mime_part_emit(struct mime_ctx *ctx, int i);
/* Where part i is, for warnings: " in part 1.2", "" for the message. */
const char *mime_part_where(const struct mime_ctx *ctx, int i, char buf[160]);

/* mime_dsn.c */
/* Recipients of a message/delivery-status body into msg->dsn. */
void mime_dsn_parse(struct mime_ctx *ctx, const unsigned char *bytes,
                    size_t len);
/* When part i is the returned message (or its header) of a delivery
 * report, its Message-ID into msg->dsn_original_id. */
void mime_dsn_original(struct mime_ctx *ctx, int i, const unsigned char *bytes,
                       size_t len);

/* mime_auto.c */
void mime_auto_detect(struct mime_ctx *ctx);

#endif
