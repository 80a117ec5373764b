/*
 * mime_part: one leaf of the part tree — its transfer encoding undone, then
 * body text (charset converted, HTML made text), or an attachment (file
 * name, digest, limits; a forwarded message named after its subject), or
 * a delivery status report read into msg->dsn.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "html.h"
#include "sha256.h"

#define MIME_FILENAME_MAX 255
#define MIME_EML_SUBJECT_MAX 200

const char *
mime_part_where(const struct mime_ctx *ctx, int i, char buf[160])
{
	int path[64], n = 0;
	size_t len;

	buf[0] = '\0';
	if (i == 0)
		return buf;
	for (; i > 0 && n < 64; i = ctx->nodes[i].parent)
		path[n++] = ctx->nodes[i].number;
	len = (size_t)snprintf(buf, 160, " in part %d", path[--n]);
	while (n > 0 && len < 150)
		len += (size_t)snprintf(buf + len, 160 - len, ".%d", path[--n]);
	return buf;
}

static unsigned char *
mime_part_copy(struct mime_ctx *ctx, const char *s, size_t len)
{
	return (unsigned char *)mime_dup(ctx, s, len);
}

/* Node i's body with its transfer encoding undone; caller frees. */
static unsigned char *
mime_part_bytes(struct mime_ctx *ctx, int i, size_t *len_r)
{
	const struct mime_node *node = &ctx->nodes[i];
	size_t len = (size_t)(node->end - node->body);
	char *cte = node->cte ? mime_value_token(node->cte, false) : NULL;
	unsigned char *out;
	char q[48], w[160];
	bool bad = false;

	*len_r = len;
	mime_part_where(ctx, i, w);
	/* Unreadable ("\"base64\"") counts as unknown. */
	if (cte == NULL && node->cte != NULL && node->cte[0] != '\0')
		cte = strdup(node->cte);
	if (cte == NULL || strcmp(cte, "7bit") == 0 ||
	    strcmp(cte, "8bit") == 0 || strcmp(cte, "binary") == 0) {
		out = mime_part_copy(ctx, node->body, len);
	} else if (strcmp(cte, "base64") == 0) {
		out = mime_base64_decode(node->body, len, len_r, &bad);
		if (bad)
			mime_warn(ctx, "bad base64%s", w);
	} else if (strcmp(cte, "quoted-printable") == 0) {
		out = mime_qp_decode(node->body, len, len_r);
	} else {
		mime_warn(ctx,
		          "unknown Content-Transfer-Encoding \"%s\"%s; "
		          "taken as 8bit",
		          mime_quote(cte, strlen(cte), q), w);
		out = mime_part_copy(ctx, node->body, len);
	}
	free(cte);
	if (out == NULL)
		ctx->oom = true;
	return out;
}

static void
mime_part_charset_warn(struct mime_ctx *ctx, int i, const char *cs,
                       unsigned flags, bool nul)
{
	const char *as = flags & CHARSET_CP1252 ? "windows-1252" : "UTF-8";
	char q[48], w[160];

	mime_part_where(ctx, i, w);
	if (cs != NULL)
		mime_quote(cs, strlen(cs), q);
	if (flags & CHARSET_UNKNOWN)
		mime_warn(ctx, "unknown charset \"%s\"%s; decoded as %s", q, w,
		          as);
	else if ((flags & CHARSET_FALLBACK) && cs != NULL)
		mime_warn(ctx, "text%s declared \"%s\" decoded as %s", w, q,
		          as);
	else if (flags & CHARSET_CP1252)
		mime_warn(ctx, "8-bit text without charset%s; decoded as %s", w,
		          as);
	else if ((flags & CHARSET_REPLACED) && !nul)
		mime_warn(ctx, "bytes not valid in \"%s\"%s replaced", q, w);
}

/* Decoded text in charset cs (NULL when undeclared) to UTF-8. */
static char *
mime_part_utf8(struct mime_ctx *ctx, int i, const unsigned char *bytes,
               size_t len, const char *cs)
{
	unsigned flags = 0;
	char *u = charset_to_utf8(cs, (const char *)bytes, len, &flags);

	if (u == NULL)
		ctx->oom = true;
	else
		mime_part_charset_warn(ctx, i, cs, flags,
		                       memchr(bytes, '\0', len) != NULL);
	return u;
}

/* The charset parameter, without the white space some mailers add. */
static char *
mime_part_charset(const struct mime_node *node)
{
	char *cs = node->ct ? mime_param_raw(node->ct, "charset", NULL) : NULL;
	size_t n;

	if (cs == NULL)
		return NULL;
	for (n = strlen(cs); n > 0 && (cs[n - 1] == ' ' || cs[n - 1] == '\t');)
		cs[--n] = '\0';
	if (cs[0] == '\0') {
		free(cs);
		return NULL;
	}
	return cs;
}

static void
mime_part_add_text(struct mime_ctx *ctx, const char *t, bool from_html)
{
	if (t[0] == '\0')
		return;
	if (ctx->text.len > 0)
		mime_buf_adds(&ctx->text, "\n\n");
	mime_buf_adds(&ctx->text, t);
	ctx->text_from_html |= from_html;
}

static void
mime_part_plain(struct mime_ctx *ctx, int i, const unsigned char *bytes,
                size_t len)
{
	char *cs = mime_part_charset(&ctx->nodes[i]);
	char *u = mime_part_utf8(ctx, i, bytes, len, cs);

	if (u != NULL) {
		mime_text_normalise(u);
		mime_part_add_text(ctx, u, false);
	}
	free(u);
	free(cs);
}

/* The part's charset, else the document's <meta>, else the fallbacks. */
static void
mime_part_html(struct mime_ctx *ctx, int i, const unsigned char *bytes,
               size_t len)
{
	char *cs = mime_part_charset(&ctx->nodes[i]), meta[64], *u, *t;

	if (cs == NULL &&
	    html_meta_charset((const char *)bytes, len, meta, sizeof(meta)))
		cs = strdup(meta);
	if ((u = mime_part_utf8(ctx, i, bytes, len, cs)) == NULL) {
		free(cs);
		return;
	}
	if (ctx->html.len > 0)
		mime_buf_addc(&ctx->html, '\n');
	mime_buf_adds(&ctx->html, u);
	if (!ctx->nodes[i].skip) {
		if ((t = html_to_text(u, strlen(u))) == NULL)
			ctx->oom = true;
		else
			mime_part_add_text(ctx, t, true);
		free(t);
	}
	free(u);
	free(cs);
}

/* No directory, no control characters, at most MIME_FILENAME_MAX bytes
 * (the end kept, for the extension); NULL when nothing is left. */
static char *
mime_filename_clean(char *name)
{
	char *base = name, *o = name, *p;
	size_t n;

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	for (p = base; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7F)
			continue;
		if (c == 0xC2 && (unsigned char)p[1] >= 0x80 &&
		    (unsigned char)p[1] < 0xA0) {
			p++; /* U+0080..U+009F */
			continue;
		}
		*o++ = *p;
	}
	for (*o = '\0'; o > name && o[-1] == ' ';)
		*--o = '\0';
	for (p = name; *p == ' '; p++)
		;
	for (n = strlen(p);
	     n > MIME_FILENAME_MAX ||
	     ((unsigned char)*p >= 0x80 && (unsigned char)*p < 0xC0);
	     n--)
		p++;
	memmove(name, p, n + 1);
	if (name[0] == '\0' || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0) {
		free(name);
		return NULL;
	}
	return name;
}

/* "<subject>.eml" for a forwarded message, "message.eml" without one. */
static char *
mime_part_eml_name(struct mime_ctx *ctx, const unsigned char *bytes, size_t len)
{
	struct mime_fields f = {0};
	char *v, *subject = NULL, *name;
	size_t n;

	mime_fields_scan(NULL, (const char *)bytes, (const char *)bytes + len,
	                 &f, false);
	if ((v = mime_field_value(ctx, &f, "Subject")) != NULL)
		subject = mime_decode_header_hint(v, strlen(v), ctx->hint);
	free(v);
	mime_fields_free(&f);
	if (subject == NULL || (n = strlen(subject)) == 0) {
		free(subject);
		return strdup("message.eml");
	}
	for (char *p = subject; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	/* Cut on a character boundary. */
	if (n > MIME_EML_SUBJECT_MAX)
		for (n = MIME_EML_SUBJECT_MAX;
		     n > 0 && ((unsigned char)subject[n] & 0xC0) == 0x80;)
			n--;
	if ((name = malloc(n + 5)) != NULL) {
		memcpy(name, subject, n);
		memcpy(name + n, ".eml", 5);
	}
	free(subject);
	return name;
}

static char *
mime_part_filename(struct mime_ctx *ctx, int i, const unsigned char *bytes,
                   size_t len)
{
	const struct mime_node *node = &ctx->nodes[i];
	char *name = NULL;

	if (node->cd != NULL)
		name = mime_param_text(node->cd, "filename", ctx->hint);
	if (name == NULL && node->ct != NULL)
		name = mime_param_text(node->ct, "name", ctx->hint);
	if (name == NULL && node->role == MIME_ROLE_MESSAGE)
		name = mime_part_eml_name(ctx, bytes, len);
	return name != NULL ? mime_filename_clean(name) : NULL;
}

/* The Content-ID without <> and white space, or NULL. */
static char *
mime_part_cid(struct mime_ctx *ctx, const char *cid)
{
	const char *s = strchr(cid, '<'), *e;
	struct mime_buf b = {0};
	char *out;

	s = s != NULL ? s + 1 : cid;
	if ((e = strchr(s, '>')) == NULL)
		e = s + strlen(s);
	for (; s < e; s++)
		if ((unsigned char)*s > ' ' && *s != 0x7F)
			mime_buf_addc(&b, *s);
	if (b.len == 0 || (out = mime_buf_take(&b)) == NULL) {
		if (b.oom)
			ctx->oom = true;
		mime_buf_free(&b);
		return NULL;
	}
	if (!charset_utf8_valid(out, strlen(out))) {
		char *u = charset_to_utf8(NULL, out, strlen(out), NULL);
		free(out);
		out = u;
	}
	return out;
}

static bool
mime_part_inline(const struct mime_node *node)
{
	char *d = node->cd ? mime_value_token(node->cd, false) : NULL;
	bool in = d != NULL ? strcmp(d, "inline") == 0 : node->cid != NULL;

	free(d);
	return in;
}

/* Keeps the bytes if the limits allow; says so when they do not. */
static void
mime_part_keep(struct mime_ctx *ctx, struct mime_attachment *a,
               unsigned char *bytes)
{
	const struct mime_limits *l = &ctx->limits;
	const char *name = a->filename ? a->filename : a->content_type;
	char size[32], limit[32];

	if (a->size > l->max_attachment_size) {
		mime_warn(ctx,
		          "attachment \"%s\" (%s) over the %s limit; not "
		          "kept",
		          name, mime_size(a->size, size),
		          mime_size(l->max_attachment_size, limit));
	} else if (a->size > l->max_attachments_total - ctx->kept ||
	           ctx->kept > l->max_attachments_total) {
		mime_warn(ctx,
		          "attachment \"%s\" (%s) over the %s total for "
		          "attachments; not kept",
		          name, mime_size(a->size, size),
		          mime_size(l->max_attachments_total, limit));
	} else {
		a->data = bytes;
		ctx->kept += a->size;
		return;
	}
	free(bytes);
}

/* Room for one more attachment; false when memory runs out. */
static bool
mime_part_room(struct mime_ctx *ctx)
{
	struct mime_message *msg = ctx->msg;
	size_t cap = ctx->cap_attachments * 2 + 4;
	struct mime_attachment *v;

	if (msg->n_attachments < ctx->cap_attachments)
		return true;
	if ((v = realloc(msg->attachments, cap * sizeof(*v))) == NULL)
		return false;
	msg->attachments = v;
	ctx->cap_attachments = cap;
	return true;
}

/* Takes bytes. */
static void
mime_part_attach(struct mime_ctx *ctx, int i, unsigned char *bytes, size_t len)
{
	const struct mime_node *node = &ctx->nodes[i];
	struct mime_attachment a = {0};

	a.content_type = strdup(node->type);
	a.filename = mime_part_filename(ctx, i, bytes, len);
	a.content_id = node->cid ? mime_part_cid(ctx, node->cid) : NULL;
	a.size = len;
	sha256_hex(bytes, len, a.sha256);
	a.inline_part = mime_part_inline(node);
	if (a.content_type == NULL || !mime_part_room(ctx)) {
		free(a.content_type);
		free(a.filename);
		free(a.content_id);
		free(bytes);
		ctx->oom = true;
		return;
	}
	mime_part_keep(ctx, &a, bytes);
	ctx->msg->attachments[ctx->msg->n_attachments++] = a;
}

void
mime_part_emit(struct mime_ctx *ctx, int i)
{
	const struct mime_node *node = &ctx->nodes[i];
	unsigned char *bytes;
	size_t len;

	if (node->role == MIME_ROLE_PLAIN && node->skip)
		return;
	if ((bytes = mime_part_bytes(ctx, i, &len)) == NULL)
		return;
	switch (node->role) {
	case MIME_ROLE_PLAIN:
		mime_part_plain(ctx, i, bytes, len);
		break;
	case MIME_ROLE_HTML:
		mime_part_html(ctx, i, bytes, len);
		break;
	case MIME_ROLE_DSN:
		mime_dsn_parse(ctx, bytes, len);
		/* FALLTHROUGH */
	case MIME_ROLE_ATTACH:
	case MIME_ROLE_MESSAGE:
		mime_dsn_original(ctx, i, bytes, len);
		mime_part_attach(ctx, i, bytes, len);
		return;
	case MIME_ROLE_MULTIPART:
		break;
	}
	free(bytes);
}
