/*
 * html: HTML mail → plain text, over the tokens of html_lex.c, not a DOM.
 * Layout comes out of html_out as pending spaces and line breaks, folded
 * so white space collapses and at most one blank line appears; links keep
 * their target, images their alt text; script and style are dropped.
 */
#include "html.h"
#include "html_p.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct html_out {
	char *p;
	size_t len, cap;
	bool oom;
	int breaks;     /* line breaks waiting for the next text, 0..2 */
	size_t spaces;  /* spaces waiting for the next text */
	int pre;        /* depth of <pre> */
	char *href;     /* target of the open link, or NULL */
	size_t link_at; /* where the link's text starts in p */
};

/* Elements that start and end a paragraph (a blank line around them). */
static const char *const html_para_elements[] = {
    "p",  "h1",         "h2",    "h3", "h4", "h5", "h6",
    "hr", "blockquote", "table", "ul", "ol", "dl", "pre",
};

/* Elements that start and end a line. */
static const char *const html_line_elements[] = {
    "div",     "tr",      "li",       "dt",     "dd",         "section",
    "article", "header",  "footer",   "nav",    "aside",      "form",
    "address", "center",  "caption",  "figure", "figcaption", "main",
    "details", "summary", "fieldset", "option",
};

static bool
html_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

#define HTML_IN(name, list) html_in(name, list, sizeof(list) / sizeof(*list))

static void
html_raw(struct html_out *out, const char *s, size_t n)
{
	size_t cap = out->cap ? out->cap : 256;
	char *p;

	if (out->oom)
		return;
	while (cap - out->len < n + 1) {
		if (cap > SIZE_MAX / 2) {
			out->oom = true;
			return;
		}
		cap *= 2;
	}
	if (cap != out->cap) {
		if ((p = realloc(out->p, cap)) == NULL) {
			out->oom = true;
			return;
		}
		out->p = p;
		out->cap = cap;
	}
	memcpy(out->p + out->len, s, n);
	out->len += n;
}

/* Emits what layout waits for; nothing before the first text, so the
 * output never starts or ends with white space. */
static void
html_flush(struct html_out *out)
{
	if (out->len > 0 && out->breaks > 0) {
		html_raw(out, "\n\n", (size_t)out->breaks);
		for (size_t i = 0; out->pre && i < out->spaces; i++)
			html_raw(out, " ", 1);
	} else if (out->len > 0 && out->spaces > 0) {
		for (size_t i = 0; i < (out->pre ? out->spaces : 1); i++)
			html_raw(out, " ", 1);
	}
	out->breaks = 0;
	out->spaces = 0;
}

static void
html_visible(struct html_out *out, const char *s, size_t n)
{
	html_flush(out);
	html_raw(out, s, n);
}

static void
html_space(struct html_out *out)
{
	if (out->pre)
		out->spaces++;
	else
		out->spaces = 1;
}

/* n is 1 for a line break, 2 for a paragraph break. */
static void
html_break(struct html_out *out, int n)
{
	if (out->len == 0)
		return;
	if (out->breaks < n)
		out->breaks = n;
	out->spaces = 0;
}

/* <br>, and a newline inside <pre>: they add up, to one blank line. */
static void
html_br(struct html_out *out)
{
	if (out->len == 0)
		return;
	if (out->breaks < 2)
		out->breaks++;
	out->spaces = 0;
}

/* A decoded character as text: spaces stay layout, invisible ones go. */
static void
html_put_cp(struct html_out *out, uint32_t cp)
{
	char buf[4];

	if (cp == '\n' && out->pre)
		html_br(out);
	else if (html_is_space((unsigned char)(cp < 0x80 ? cp : 0)) ||
	         cp == 0xA0 || (cp >= 0x2002 && cp <= 0x200A))
		html_space(out);
	else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD ||
	         (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF)
		return;
	else
		html_visible(out, buf, html_utf8(cp, buf));
}

/* Text between tags: entities decoded, white space made layout. */
static void
html_text(struct html_out *out, const char *s, size_t n)
{
	const char *end = s + n, *run;
	uint32_t cp;
	size_t len;

	while (s < end) {
		unsigned char c = (unsigned char)*s;
		if (c == '&') {
			if ((len = html_entity(s, end, &cp)) == 0)
				html_visible(out, "&", 1);
			else
				html_put_cp(out, cp);
			s += len ? len : 1;
		} else if (c == 0xC2 && s + 1 < end &&
		           (unsigned char)s[1] == 0xA0) {
			html_space(out);
			s += 2;
		} else if (c <= 0x20 || c == 0x7F) {
			html_put_cp(out, c);
			s++;
		} else {
			for (run = s++;
			     s < end && (unsigned char)*s > 0x20 && *s != '&' &&
			     *s != 0x7F && (unsigned char)*s != 0xC2;
			     s++)
				;
			html_visible(out, run, (size_t)(s - run));
		}
	}
}

static bool
html_same_link(const char *text, size_t n, const char *href)
{
	size_t hn;

	if (strncasecmp(href, "mailto:", 7) == 0)
		href += 7;
	else if (strncasecmp(href, "http://", 7) == 0 &&
	         strncasecmp(text, "http://", 7) != 0)
		href += 7;
	else if (strncasecmp(href, "https://", 8) == 0 &&
	         strncasecmp(text, "https://", 8) != 0)
		href += 8;
	hn = strlen(href);
	if (hn > 0 && href[hn - 1] == '/' && (n == 0 || text[n - 1] != '/'))
		hn--;
	return hn == n && strncasecmp(href, text, n) == 0;
}

/* Ends the open link: "text <url>" unless the text says the url. */
static void
html_link_close(struct html_out *out)
{
	char *href = out->href;
	const char *text = "";
	size_t n = 0;

	if (href == NULL)
		return;
	out->href = NULL;
	if (!out->oom && out->p != NULL) {
		text = out->p + out->link_at;
		n = out->len - out->link_at;
	}
	for (; n > 0 && html_is_space((unsigned char)*text); text++, n--)
		;
	if (n > 0 && href[0] != '\0' && href[0] != '#' &&
	    strncasecmp(href, "javascript:", 11) != 0 &&
	    !html_same_link(text, n, href)) {
		html_space(out);
		html_visible(out, "<", 1);
		html_raw(out, href, strlen(href));
		html_raw(out, ">", 1);
	}
	free(href);
}

static void
html_link_open(struct html_out *out, const struct html_tag *tag)
{
	const char *v;
	size_t n;

	html_link_close(out);
	if (!html_attr(tag, "href", &v, &n))
		return;
	if ((out->href = html_attr_url(v, n)) == NULL) {
		out->oom = true;
		return;
	}
	out->link_at = out->len;
}

static void
html_image(struct html_out *out, const struct html_tag *tag)
{
	const char *v;
	size_t n;

	if (!html_attr(tag, "alt", &v, &n))
		return;
	for (; n > 0 && html_is_space((unsigned char)*v); v++, n--)
		;
	for (; n > 0 && html_is_space((unsigned char)v[n - 1]); n--)
		;
	if (n == 0)
		return;
	html_visible(out, "[", 1);
	html_text(out, v, n);
	html_visible(out, "]", 1);
}

static void
html_element(struct html_out *out, const struct html_tag *tag)
{
	const char *name = tag->name;

	if (strcmp(name, "br") == 0) {
		html_br(out);
	} else if (HTML_IN(name, html_para_elements)) {
		html_break(out, 2);
		if (strcmp(name, "pre") == 0)
			out->pre += tag->end ? (out->pre > 0 ? -1 : 0) : 1;
	} else if (HTML_IN(name, html_line_elements)) {
		html_break(out, 1);
		if (!tag->end && strcmp(name, "li") == 0) {
			html_visible(out, "-", 1);
			html_space(out);
		}
	} else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		if (!tag->end)
			html_space(out);
	} else if (strcmp(name, "a") == 0) {
		if (tag->end)
			html_link_close(out);
		else
			html_link_open(out, tag);
	} else if (strcmp(name, "img") == 0 && !tag->end) {
		html_image(out, tag);
	}
}

/* The markup at lt; returns where text goes on. */
static const char *
html_markup_handle(struct html_out *out, struct html_lex *lx, const char *lt)
{
	struct html_tag tag;
	const char *next = html_markup(lx, lt, &tag);

	if (next == NULL) {
		html_visible(out, "<", 1);
		return lt + 1;
	}
	if (tag.name[0] == '\0')
		return next;
	if (!tag.end && html_is_raw(tag.name))
		return html_skip_raw(lx, next, tag.name);
	html_element(out, &tag);
	/* The newline right after <pre> is not content. */
	if (!tag.end && strcmp(tag.name, "pre") == 0) {
		if (next < lx->end && *next == '\r')
			next++;
		if (next < lx->end && *next == '\n')
			next++;
	}
	return next;
}

char *
html_to_text(const char *html, size_t len)
{
	struct html_out out = {0};
	struct html_lex lx = {.end = html + len};
	const char *p = html, *lt;

	while (p < lx.end) {
		if ((lt = memchr(p, '<', (size_t)(lx.end - p))) == NULL)
			lt = lx.end;
		html_text(&out, p, (size_t)(lt - p));
		if (lt == lx.end)
			break;
		p = html_markup_handle(&out, &lx, lt);
	}
	html_link_close(&out);
	html_raw(&out, "", 0);
	if (out.oom) {
		free(out.p);
		free(out.href);
		return NULL;
	}
	out.p[out.len] = '\0';
	return out.p;
}
