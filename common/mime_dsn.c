/*
 * mime_dsn: delivery status notifications (RFC 3464).  The body of a
 * message/delivery-status part is blocks of header-like fields separated
 * by blank lines: one per message, then one per recipient, whose address,
 * action, status and diagnostic go into msg->dsn.  The returned message
 * (or its header) names the mail that bounced: msg->dsn_original_id.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

/* A field's text as one line of UTF-8; after "type;" when skip_type. */
static char *
mime_dsn_text(struct mime_ctx *ctx, const struct mime_fields *f,
              const char *name, bool skip_type)
{
	char *v = mime_field_value(ctx, f, name), *u;
	const char *s = v, *semi;
	size_t n;

	if (v == NULL)
		return NULL;
	if (skip_type && (semi = strchr(v, ';')) != NULL)
		s = semi + 1;
	while (*s == ' ' || *s == '\t')
		s++;
	u = charset_to_utf8(NULL, s, strlen(s), NULL);
	free(v);
	if (u == NULL) {
		ctx->oom = true;
		return NULL;
	}
	mime_text_oneline(u);
	/* Folded lines leave runs of spaces. */
	for (char *o = u, *i = u;; i++) {
		if (*i == ' ' && o > u && o[-1] == ' ')
			continue;
		if ((*o++ = *i) == '\0')
			break;
	}
	for (n = strlen(u); n > 0 && u[n - 1] == ' ';)
		u[--n] = '\0';
	return u;
}

/* Cuts s at its first white space, '(' or ';' and lower-cases it when
 * lower; for "5.1.1 (bad mailbox)" and "Failed". */
static void
mime_dsn_token(char *s, bool lower)
{
	if (s == NULL)
		return;
	s[strcspn(s, " \t(;")] = '\0';
	for (; lower && *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/* "rfc822; <x@y>" → "x@y". */
static void
mime_dsn_address(char *s)
{
	size_t n;

	if (s == NULL)
		return;
	if (s[0] == '<')
		memmove(s, s + 1, strlen(s));
	n = strcspn(s, "> \t");
	s[n] = '\0';
}

static void
mime_dsn_add(struct mime_ctx *ctx, struct mime_dsn_recipient *r)
{
	struct mime_message *msg = ctx->msg;
	struct mime_dsn_recipient *v;
	size_t cap = ctx->cap_dsn * 2 + 4;

	if (msg->n_dsn == ctx->cap_dsn) {
		if ((v = realloc(msg->dsn, cap * sizeof(*v))) == NULL) {
			free(r->recipient);
			free(r->action);
			free(r->status);
			free(r->diagnostic);
			ctx->oom = true;
			return;
		}
		msg->dsn = v;
		ctx->cap_dsn = cap;
	}
	msg->dsn[msg->n_dsn++] = *r;
}

static void
mime_dsn_block(struct mime_ctx *ctx, const struct mime_fields *f)
{
	struct mime_dsn_recipient r = {0};

	r.recipient = mime_dsn_text(ctx, f, "Final-Recipient", true);
	if (r.recipient == NULL || r.recipient[0] == '\0') {
		free(r.recipient);
		r.recipient = mime_dsn_text(ctx, f, "Original-Recipient", true);
	}
	mime_dsn_address(r.recipient);
	if (r.recipient == NULL || r.recipient[0] == '\0') {
		free(r.recipient);
		return;
	}
	r.action = mime_dsn_text(ctx, f, "Action", false);
	mime_dsn_token(r.action, true);
	r.status = mime_dsn_text(ctx, f, "Status", false);
	mime_dsn_token(r.status, false);
	r.diagnostic = mime_dsn_text(ctx, f, "Diagnostic-Code", true);
	mime_dsn_add(ctx, &r);
}

void
mime_dsn_parse(struct mime_ctx *ctx, const unsigned char *bytes, size_t len)
{
	const char *p = (const char *)bytes, *end = p + len, *next, *s, *e;
	struct mime_fields f = {0};
	struct mime_lines it;

	while (p < end && ctx->msg->n_dsn < MIME_MAX_DSN && !ctx->oom) {
		next = mime_fields_scan(NULL, p, end, &f, false);
		if (f.n > 0)
			mime_dsn_block(ctx, &f);
		mime_fields_free(&f);
		if (next == p) {
			/* Not a field: step over the line. */
			mime_lines_init(&it, p, end);
			mime_lines_next(&it, &s, &e);
			next = it.p;
		}
		p = next;
	}
}

/* A part type that carries the returned message or its header. */
static bool
mime_dsn_returned_type(const char *type)
{
	return strcmp(type, "message/rfc822") == 0 ||
	       strcmp(type, "text/rfc822-headers") == 0 ||
	       strcmp(type, "message/global") == 0 ||
	       strcmp(type, "message/global-headers") == 0;
}

/* Node i is a multipart/report of a delivery-status kind. */
static bool
mime_dsn_is_report(const struct mime_node *node)
{
	char *rt;
	bool dsn;

	if (strcmp(node->type, "multipart/report") != 0 || node->ct == NULL)
		return false;
	rt = mime_param_raw(node->ct, "report-type", NULL);
	dsn = rt != NULL && (strcasecmp(rt, "delivery-status") == 0 ||
	                     strcasecmp(rt, "global-delivery-status") == 0);
	free(rt);
	return dsn;
}

void
mime_dsn_original(struct mime_ctx *ctx, int i, const unsigned char *bytes,
                  size_t len)
{
	const struct mime_node *node = &ctx->nodes[i];
	struct mime_fields f = {0};
	const char *p;
	char *v;

	/* The first returned part wins; a report names one message. */
	if (ctx->msg->dsn_original_id != NULL || node->parent < 0 ||
	    !mime_dsn_returned_type(node->type) ||
	    !mime_dsn_is_report(&ctx->nodes[node->parent]))
		return;
	mime_fields_scan(NULL, (const char *)bytes, (const char *)bytes + len,
	                 &f, false);
	if ((v = mime_field_value(ctx, &f, "Message-ID")) != NULL) {
		p = v;
		ctx->msg->dsn_original_id = mime_msgid_next(&p, v + strlen(v));
	}
	free(v);
	mime_fields_free(&f);
}
