/*
 * mime: the entry points — mime_parse runs the header scan, the body walk,
 * header decoding and the automatic-mail checks over one context and hands
 * back the message; plus the helpers every mime file uses: buffers,
 * warnings, and freeing.  Out of memory is recorded in the context and
 * turns into a NULL result at the end, so the parsing code stays linear.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

#define MIME_MAX_REFERENCES 100

void
mime_limits_default(struct mime_limits *limits)
{
	limits->max_attachment_size = 10 << 20;
	limits->max_attachments_total = 25 << 20;
	limits->max_parts = 500;
	limits->max_depth = 20;
}

void
mime_buf_add(struct mime_buf *b, const void *data, size_t len)
{
	size_t cap = b->cap ? b->cap : 64;
	char *p;

	if (b->oom)
		return;
	while (cap - b->len <= len) {
		if (cap > SIZE_MAX / 2) {
			b->oom = true;
			return;
		}
		cap *= 2;
	}
	if (cap != b->cap) {
		if ((p = realloc(b->p, cap)) == NULL) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	if (len > 0)
		memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
mime_buf_addc(struct mime_buf *b, char c)
{
	mime_buf_add(b, &c, 1);
}

void
mime_buf_adds(struct mime_buf *b, const char *s)
{
	mime_buf_add(b, s, strlen(s));
}

char *
mime_buf_take(struct mime_buf *b)
{
	char *p;

	mime_buf_add(b, "", 0);
	p = b->oom ? NULL : b->p;
	if (b->oom)
		free(b->p);
	memset(b, 0, sizeof(*b));
	return p;
}

void
mime_buf_free(struct mime_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

char *
mime_dup(struct mime_ctx *ctx, const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p == NULL) {
		if (ctx != NULL)
			ctx->oom = true;
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

const char *
mime_quote(const char *s, size_t len, char buf[48])
{
	size_t n = len > 40 ? 37 : len;

	for (size_t i = 0; i < n; i++)
		buf[i] =
		    s[i] >= ' ' && s[i] < 0x7F && s[i] != '"' && s[i] != '\\'
		        ? s[i]
		        : '?';
	if (n < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

const char *
mime_size(size_t size, char buf[32])
{
	if (size >= 1 << 20)
		snprintf(buf, 32, "%zu MB", (size + (1 << 19)) >> 20);
	else if (size >= 1 << 10)
		snprintf(buf, 32, "%zu KB", (size + (1 << 9)) >> 10);
	else
		snprintf(buf, 32, "%zu bytes", size);
	return buf;
}

static int
mime_strings_add(struct mime_strings *list, char *s)
{
	char **v = realloc(list->v, (list->n + 1) * sizeof(*v));

	if (v == NULL)
		return -1;
	list->v = v;
	list->v[list->n++] = s;
	return 0;
}

/* Warnings are short, unique, at most MIME_MAX_WARNINGS and one line
 * saying more were left out. */
void
mime_warn(struct mime_ctx *ctx, const char *fmt, ...)
{
	struct mime_strings *w;
	char line[256], *copy;
	size_t n;
	va_list ap;

	if (ctx == NULL || ctx->oom)
		return;
	w = &ctx->msg->warnings;
	if (w->n > MIME_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (w->n == MIME_MAX_WARNINGS)
		snprintf(line, sizeof(line), "more warnings left out");
	/* snprintf may have cut a character in two. */
	for (n = strlen(line);
	     n > 0 && !charset_utf8_valid(line, n) && strlen(line) - n < 3; n--)
		;
	for (size_t i = 0; i < w->n; i++)
		if (strncmp(w->v[i], line, n) == 0 && w->v[i][n] == '\0')
			return;
	if ((copy = charset_to_utf8(NULL, line, n, NULL)) == NULL ||
	    mime_strings_add(w, copy) != 0) {
		free(copy);
		ctx->oom = true;
	}
}

static void
mime_limits_set(struct mime_ctx *ctx, const struct mime_limits *limits)
{
	if (limits != NULL)
		ctx->limits = *limits;
	else
		mime_limits_default(&ctx->limits);
	if (ctx->limits.max_parts == 0)
		ctx->limits.max_parts = 1;
	if (ctx->limits.max_depth < 0)
		ctx->limits.max_depth = 0;
}

/* msg->headers: every field, in order, unfolded and decoded. */
static void
mime_headers_decode(struct mime_ctx *ctx, const struct mime_fields *f)
{
	struct mime_message *msg = ctx->msg;
	size_t len;
	char *raw;

	msg->headers = calloc(f->n + 1, sizeof(*msg->headers));
	if (msg->headers == NULL) {
		ctx->oom = true;
		return;
	}
	for (size_t i = 0; i < f->n && !ctx->oom; i++) {
		struct mime_header *h = &msg->headers[msg->n_headers];
		h->name = mime_dup(ctx, f->v[i].name, f->v[i].name_len);
		raw = mime_unfold(f->v[i].value, f->v[i].value_len, &len);
		if (raw != NULL)
			h->value = mime_decode_header_hint(raw, len, ctx->hint);
		free(raw);
		if (h->name == NULL || h->value == NULL) {
			free(h->name);
			free(h->value);
			h->name = h->value = NULL;
			ctx->oom = true;
			return;
		}
		msg->n_headers++;
	}
}

/* The first mailbox of header name into *addr. */
static void
mime_first_address(struct mime_ctx *ctx, const struct mime_fields *f,
                   const char *name, struct mime_address *addr)
{
	struct mime_addresses list = {0};
	char *v = mime_field_value(ctx, f, name);

	if (v == NULL)
		return;
	if (mime_parse_addresses_hint(v, strlen(v), ctx->hint, &list) != 0)
		ctx->oom = true;
	if (list.n > 0) {
		*addr = list.v[0];
		memset(&list.v[0], 0, sizeof(list.v[0]));
	}
	mime_addresses_free(&list);
	free(v);
}

/* Moves the entries of list to the end of out; -1 when memory runs out. */
static int
mime_addresses_move(struct mime_addresses *out, struct mime_addresses *list)
{
	struct mime_address *v;

	if (list->n == 0)
		return 0;
	if ((v = realloc(out->v, (out->n + list->n) * sizeof(*v))) == NULL)
		return -1;
	out->v = v;
	memcpy(out->v + out->n, list->v, list->n * sizeof(*v));
	out->n += list->n;
	list->n = 0;
	return 0;
}

/* Every mailbox of every header named name, appended to *out. */
static void
mime_all_addresses(struct mime_ctx *ctx, const struct mime_fields *f,
                   const char *name, struct mime_addresses *out)
{
	struct mime_addresses list;
	char *value;

	for (size_t i = 0; i < f->n && !ctx->oom; i++) {
		if (f->v[i].name_len != strlen(name) ||
		    strncasecmp(f->v[i].name, name, f->v[i].name_len) != 0)
			continue;
		memset(&list, 0, sizeof(list));
		value = mime_unfold(f->v[i].value, f->v[i].value_len, NULL);
		if (value == NULL ||
		    mime_parse_addresses_hint(value, strlen(value), ctx->hint,
		                              &list) != 0 ||
		    mime_addresses_move(out, &list) != 0)
			ctx->oom = true;
		mime_addresses_free(&list);
		free(value);
	}
}

static char *
mime_first_msgid(struct mime_ctx *ctx, const struct mime_fields *f,
                 const char *name)
{
	char *v = mime_field_value(ctx, f, name), *id = NULL;
	const char *p = v;

	if (v != NULL)
		id = mime_msgid_next(&p, v + strlen(v));
	free(v);
	return id;
}

static void
mime_fields_extract(struct mime_ctx *ctx, const struct mime_fields *f)
{
	struct mime_message *msg = ctx->msg;
	char *v;

	msg->message_id = mime_first_msgid(ctx, f, "Message-ID");
	msg->in_reply_to = mime_first_msgid(ctx, f, "In-Reply-To");
	if ((v = mime_field_value(ctx, f, "References")) != NULL)
		mime_msgids(ctx, v, MIME_MAX_REFERENCES, &msg->references);
	free(v);
	mime_first_address(ctx, f, "From", &msg->from);
	mime_first_address(ctx, f, "Sender", &msg->sender);
	mime_first_address(ctx, f, "Reply-To", &msg->reply_to);
	mime_all_addresses(ctx, f, "To", &msg->to);
	mime_all_addresses(ctx, f, "Cc", &msg->cc);
	if ((v = mime_field_value(ctx, f, "Return-Path")) != NULL)
		msg->return_path = mime_return_path(v);
	free(v);
	v = mime_field_value(ctx, f, "Subject");
	msg->subject =
	    mime_decode_header_hint(v ? v : "", v ? strlen(v) : 0, ctx->hint);
	free(v);
	if (msg->subject == NULL)
		ctx->oom = true;
	if ((v = mime_field_value(ctx, f, "Date")) != NULL)
		msg->date = mime_date_parse(v);
	free(v);
}

static void
mime_ctx_free(struct mime_ctx *ctx)
{
	for (size_t i = 0; i < ctx->n_nodes; i++) {
		free(ctx->nodes[i].type);
		free(ctx->nodes[i].ct);
		free(ctx->nodes[i].cd);
		free(ctx->nodes[i].cte);
		free(ctx->nodes[i].cid);
	}
	free(ctx->nodes);
	free(ctx->hint);
	free(ctx->top_type);
	free(ctx->report_type);
	mime_buf_free(&ctx->text);
	mime_buf_free(&ctx->html);
}

struct mime_message *
mime_parse(const char *raw, size_t len, const struct mime_limits *limits)
{
	struct mime_ctx ctx = {0};
	struct mime_fields top = {0};
	const char *body;

	if ((ctx.msg = calloc(1, sizeof(*ctx.msg))) == NULL)
		return NULL;
	ctx.msg->date = -1;
	mime_limits_set(&ctx, limits);
	if (raw == NULL)
		raw = "", len = 0;
	if (len == 0)
		mime_warn(&ctx, "empty message");
	if (memchr(raw, '\0', len) != NULL)
		mime_warn(&ctx, "NUL bytes in message");
	body = mime_fields_scan(&ctx, raw, raw + len, &top, true);
	mime_body_parse(&ctx, &top, body, raw + len);
	mime_headers_decode(&ctx, &top);
	mime_fields_extract(&ctx, &top);
	mime_auto_detect(&ctx);
	mime_fields_free(&top);
	mime_ctx_free(&ctx);
	if (ctx.oom) {
		mime_message_free(ctx.msg);
		return NULL;
	}
	return ctx.msg;
}

const char *
mime_header_get(const struct mime_message *msg, const char *name)
{
	for (size_t i = 0; i < msg->n_headers; i++)
		if (strcasecmp(msg->headers[i].name, name) == 0)
			return msg->headers[i].value;
	return NULL;
}

static void
mime_strings_free(struct mime_strings *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->v[i]);
	free(list->v);
}

static void
mime_address_free(struct mime_address *a)
{
	free(a->name);
	free(a->addr);
}

void
mime_addresses_free(struct mime_addresses *list)
{
	for (size_t i = 0; i < list->n; i++)
		mime_address_free(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

static void
mime_attachments_free(struct mime_message *msg)
{
	for (size_t i = 0; i < msg->n_attachments; i++) {
		free(msg->attachments[i].filename);
		free(msg->attachments[i].content_type);
		free(msg->attachments[i].content_id);
		free(msg->attachments[i].data);
	}
	free(msg->attachments);
	for (size_t i = 0; i < msg->n_dsn; i++) {
		free(msg->dsn[i].recipient);
		free(msg->dsn[i].action);
		free(msg->dsn[i].status);
		free(msg->dsn[i].diagnostic);
	}
	free(msg->dsn);
}

void
mime_message_free(struct mime_message *msg)
{
	if (msg == NULL)
		return;
	for (size_t i = 0; i < msg->n_headers; i++) {
		free(msg->headers[i].name);
		free(msg->headers[i].value);
	}
	free(msg->headers);
	free(msg->message_id);
	free(msg->in_reply_to);
	mime_strings_free(&msg->references);
	mime_address_free(&msg->from);
	mime_address_free(&msg->sender);
	mime_address_free(&msg->reply_to);
	mime_addresses_free(&msg->to);
	mime_addresses_free(&msg->cc);
	free(msg->return_path);
	free(msg->subject);
	free(msg->text);
	free(msg->html);
	mime_attachments_free(msg);
	free(msg->auto_reason);
	free(msg->dsn_original_id);
	mime_strings_free(&msg->warnings);
	free(msg);
}
