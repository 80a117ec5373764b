/*
 * mime_body: the part tree.  Parts are read breadth first into one array,
 * children always after their parent, so there is no recursion and a bomb
 * of nested multiparts stops at max_depth in bounded memory.  Then each
 * multipart/alternative keeps one child (text/plain first), and the leaves
 * go to mime_part.c in document order.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"

/* Adds a child of parent spanning [start, end); -1 past max_parts. */
static int
mime_node_add(struct mime_ctx *ctx, int parent, const char *start,
              const char *end)
{
	struct mime_node *node, *v;
	size_t cap;

	if (ctx->n_nodes >= ctx->limits.max_parts) {
		if (!ctx->parts_warned)
			mime_warn(ctx,
			          "more than %zu MIME parts; the rest not "
			          "read",
			          ctx->limits.max_parts);
		ctx->parts_warned = true;
		return -1;
	}
	if (ctx->n_nodes == ctx->cap_nodes) {
		cap = ctx->cap_nodes ? ctx->cap_nodes * 2 : 8;
		if ((v = realloc(ctx->nodes, cap * sizeof(*v))) == NULL) {
			ctx->oom = true;
			return -1;
		}
		ctx->nodes = v;
		ctx->cap_nodes = cap;
	}
	node = &ctx->nodes[ctx->n_nodes];
	memset(node, 0, sizeof(*node));
	node->body = start;
	node->end = end;
	node->parent = parent;
	node->first = node->last = node->next = -1;
	node->number = 1;
	if (parent >= 0) {
		struct mime_node *p = &ctx->nodes[parent];
		node->depth = p->depth + 1;
		if (p->last >= 0) {
			ctx->nodes[p->last].next = (int)ctx->n_nodes;
			node->number = ctx->nodes[p->last].number + 1;
		} else {
			p->first = (int)ctx->n_nodes;
		}
		p->last = (int)ctx->n_nodes;
	}
	return (int)ctx->n_nodes++;
}

/* 1 for "--boundary", 2 for "--boundary--", 0 for any other line. */
static int
mime_delimiter(const char *s, const char *e, const char *b, size_t blen)
{
	int kind = 1;

	if ((size_t)(e - s) < blen + 2 || s[0] != '-' || s[1] != '-' ||
	    memcmp(s + 2, b, blen) != 0)
		return 0;
	s += blen + 2;
	if (e - s >= 2 && s[0] == '-' && s[1] == '-') {
		kind = 2;
		s += 2;
	}
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return kind;
}

/*
 * Cuts node i's body at its delimiter lines into children; the line break
 * before a delimiter belongs to it.  Returns false when the boundary never
 * appears.
 */
static bool
mime_split(struct mime_ctx *ctx, int i, const char *b)
{
	const char *s, *e, *start = NULL, *last = NULL,
	                   *end = ctx->nodes[i].end;
	struct mime_lines it;
	size_t blen = strlen(b);
	int kind;

	mime_lines_init(&it, ctx->nodes[i].body, end);
	while (mime_lines_next(&it, &s, &e)) {
		if ((kind = mime_delimiter(s, e, b, blen)) == 0) {
			last = e;
			continue;
		}
		if (start != NULL &&
		    mime_node_add(ctx, i, start, last ? last : start) < 0)
			return true;
		if (kind == 2)
			return true;
		start = it.p;
		last = NULL;
	}
	if (start == NULL)
		return false;
	mime_warn(ctx, "closing boundary missing");
	mime_node_add(ctx, i, start, end);
	return true;
}

static void
mime_multipart(struct mime_ctx *ctx, int i)
{
	struct mime_node *node = &ctx->nodes[i];
	char *b = mime_param_raw(node->ct, "boundary", NULL), q[48], w[160];

	mime_part_where(ctx, i, w);
	node->role = MIME_ROLE_PLAIN;
	if (b == NULL || b[0] == '\0') {
		mime_warn(ctx,
		          "multipart without boundary%s; body taken as "
		          "text",
		          w);
	} else if (node->depth >= ctx->limits.max_depth) {
		mime_warn(ctx,
		          "multipart nested deeper than %d levels%s; "
		          "kept as attachment",
		          ctx->limits.max_depth, w);
		node->role = MIME_ROLE_ATTACH;
	} else if (mime_split(ctx, i, b)) {
		ctx->nodes[i].role = MIME_ROLE_MULTIPART;
	} else {
		mime_warn(ctx,
		          "multipart boundary \"%s\" never found%s; body "
		          "taken as text",
		          mime_quote(b, strlen(b), q), w);
	}
	free(b);
}

static bool
mime_node_named(const struct mime_node *node)
{
	char *d = node->cd ? mime_value_token(node->cd, false) : NULL;
	char *f = node->cd ? mime_param_raw(node->cd, "filename", NULL) : NULL;
	char *n = node->ct ? mime_param_raw(node->ct, "name", NULL) : NULL;
	bool named = (d != NULL && strcmp(d, "attachment") == 0) || f != NULL ||
	             n != NULL;

	free(d);
	free(f);
	free(n);
	return named;
}

/* Role from the type; a text part that names a file is an attachment. */
static void
mime_node_role(struct mime_ctx *ctx, int i)
{
	struct mime_node *node = &ctx->nodes[i];
	const char *t = node->type;

	if (strncmp(t, "multipart/", 10) == 0)
		mime_multipart(ctx, i);
	else if (strcmp(t, "text/plain") == 0)
		node->role = MIME_ROLE_PLAIN;
	else if (strcmp(t, "text/html") == 0)
		node->role = MIME_ROLE_HTML;
	else if (strcmp(t, "message/rfc822") == 0 ||
	         strcmp(t, "message/global") == 0)
		node->role = MIME_ROLE_MESSAGE;
	else if (strcmp(t, "message/delivery-status") == 0 ||
	         strcmp(t, "message/global-delivery-status") == 0)
		node->role = MIME_ROLE_DSN;
	else
		node->role = MIME_ROLE_ATTACH;
	node = &ctx->nodes[i];
	if ((node->role == MIME_ROLE_PLAIN || node->role == MIME_ROLE_HTML) &&
	    strncmp(t, "text/", 5) == 0 && mime_node_named(node))
		node->role = MIME_ROLE_ATTACH;
}

static void
mime_node_type(struct mime_ctx *ctx, int i)
{
	struct mime_node *node = &ctx->nodes[i];
	const struct mime_node *parent =
	    node->parent >= 0 ? &ctx->nodes[node->parent] : NULL;
	const char *def = "text/plain";
	char q[48], w[160];

	if (parent != NULL && strcmp(parent->type, "multipart/digest") == 0)
		def = "message/rfc822";
	if (node->ct != NULL && (node->type = mime_value_token(node->ct, true)))
		return;
	if (node->ct != NULL)
		mime_warn(ctx, "bad Content-Type \"%s\"%s; taken as %s",
		          mime_quote(node->ct, strlen(node->ct), q),
		          mime_part_where(ctx, i, w), def);
	if ((node->type = strdup(def)) == NULL)
		ctx->oom = true;
}

/* Reads node i's header (the message's own for the root) and role. */
static void
mime_node_read(struct mime_ctx *ctx, int i, const struct mime_fields *top)
{
	struct mime_fields own = {0};
	const struct mime_fields *f = top;
	struct mime_node *node = &ctx->nodes[i];

	if (i > 0) {
		node->body =
		    mime_fields_scan(ctx, node->body, node->end, &own, false);
		f = &own;
	}
	node->ct = mime_field_value(ctx, f, "Content-Type");
	node->cd = mime_field_value(ctx, f, "Content-Disposition");
	node->cte = mime_field_value(ctx, f, "Content-Transfer-Encoding");
	node->cid = mime_field_value(ctx, f, "Content-ID");
	mime_fields_free(&own);
	mime_node_type(ctx, i);
	if (!ctx->oom)
		mime_node_role(ctx, i);
}

/* The child of alternative a to read: text/plain, else HTML, else the
 * last (most faithful) one. */
static int
mime_alternative_choice(const struct mime_ctx *ctx, int a)
{
	int c;

	for (c = ctx->nodes[a].first; c >= 0; c = ctx->nodes[c].next)
		if (ctx->nodes[c].has & MIME_HAS_PLAIN)
			return c;
	for (c = ctx->nodes[a].first; c >= 0; c = ctx->nodes[c].next)
		if (ctx->nodes[c].has & MIME_HAS_HTML)
			return c;
	return ctx->nodes[a].last;
}

static void
mime_tree_select(struct mime_ctx *ctx)
{
	struct mime_node *n = ctx->nodes;

	for (size_t i = ctx->n_nodes; i-- > 0;) {
		n[i].has |= n[i].role == MIME_ROLE_PLAIN  ? MIME_HAS_PLAIN
		            : n[i].role == MIME_ROLE_HTML ? MIME_HAS_HTML
		                                          : 0;
		if (n[i].parent >= 0)
			n[n[i].parent].has |= n[i].has;
	}
	for (size_t i = 0; i < ctx->n_nodes; i++) {
		int chosen;
		if (n[i].parent >= 0 && n[n[i].parent].skip)
			n[i].skip = true;
		if (n[i].role != MIME_ROLE_MULTIPART ||
		    strcmp(n[i].type, "multipart/alternative") != 0)
			continue;
		chosen = mime_alternative_choice(ctx, (int)i);
		for (int c = n[i].first; c >= 0; c = n[c].next)
			n[c].skip = c != chosen;
	}
}

/* The charset raw 8-bit header text is most likely in: the message's,
 * else its first text part's. */
static void
mime_tree_hint(struct mime_ctx *ctx)
{
	for (size_t i = 0; i < ctx->n_nodes && ctx->hint == NULL; i++) {
		const struct mime_node *n = &ctx->nodes[i];
		if (n->ct != NULL && (i == 0 || n->role == MIME_ROLE_PLAIN ||
		                      n->role == MIME_ROLE_HTML))
			ctx->hint = mime_param_raw(n->ct, "charset", NULL);
		if (ctx->hint != NULL && ctx->hint[0] == '\0') {
			free(ctx->hint);
			ctx->hint = NULL;
		}
	}
}

/* Leaves in document order, without recursion. */
static void
mime_tree_emit(struct mime_ctx *ctx)
{
	int i = 0;

	while (i >= 0 && !ctx->oom) {
		if (ctx->nodes[i].role != MIME_ROLE_MULTIPART)
			mime_part_emit(ctx, i);
		if (ctx->nodes[i].first >= 0) {
			i = ctx->nodes[i].first;
			continue;
		}
		while (i >= 0 && ctx->nodes[i].next < 0)
			i = ctx->nodes[i].parent;
		if (i >= 0)
			i = ctx->nodes[i].next;
	}
}

/* msg->text, html; text from the HTML when the text parts said nothing
 * (some mailers send an empty text/plain alternative). */
static void
mime_body_finish(struct mime_ctx *ctx)
{
	struct mime_message *msg = ctx->msg;
	bool oom = ctx->html.oom;

	msg->html = ctx->html.len > 0 ? mime_buf_take(&ctx->html) : NULL;
	msg->text = mime_buf_take(&ctx->text);
	msg->text_from_html = ctx->text_from_html;
	if (msg->text != NULL && msg->text[0] == '\0' && msg->html != NULL) {
		free(msg->text);
		msg->text = html_to_text(msg->html, strlen(msg->html));
		msg->text_from_html = true;
	}
	if (msg->text == NULL || oom)
		ctx->oom = true;
}

/* The message's report-type, lower-case, or NULL. */
static char *
mime_report_type(const char *ct)
{
	char *v = mime_param_raw(ct, "report-type", NULL);

	for (char *p = v; p != NULL && *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return v;
}

void
mime_body_parse(struct mime_ctx *ctx, const struct mime_fields *top,
                const char *body, const char *end)
{
	mime_node_add(ctx, -1, body, end);
	for (size_t i = 0; i < ctx->n_nodes && !ctx->oom; i++)
		mime_node_read(ctx, (int)i, top);
	if (ctx->oom || ctx->n_nodes == 0) {
		ctx->oom = true;
		return;
	}
	ctx->top_type = strdup(ctx->nodes[0].type);
	if (ctx->nodes[0].ct != NULL)
		ctx->report_type = mime_report_type(ctx->nodes[0].ct);
	if (ctx->top_type == NULL)
		ctx->oom = true;
	mime_tree_select(ctx);
	mime_tree_hint(ctx);
	mime_tree_emit(ctx);
	mime_body_finish(ctx);
}
