/*
 * html_lex: the HTML tokenizer — character references, tags and their
 * attributes, comments, raw-text elements — and the <meta> charset sniffer
 * built on it.  A tag ends at its first '>', even inside a quoted
 * attribute, and failed searches are remembered in struct html_lex: broken
 * markup is never rescanned, so the scan stays linear.
 */
#include "html.h"
#include "html_p.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_ENTITY_MAX 32

/* Elements whose content is not text. */
static const char *const html_raw_elements[] = {
    "script", "style", "title", "xml", "template",
};

bool
html_is_raw(const char *name)
{
	for (size_t i = 0;
	     i < sizeof(html_raw_elements) / sizeof(*html_raw_elements); i++)
		if (strcmp(name, html_raw_elements[i]) == 0)
			return true;
	return false;
}

struct html_entity {
	const char *name;
	uint32_t cp;
};

/* Named entities for U+00A0..U+00FF, in code point order. */
static const char *const html_latin1[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar",
    "sect",   "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",
    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",   "acute",
    "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",
    "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
    "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute",
    "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",
    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
    "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
    "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave",
    "iacute", "icirc",  "iuml",   "eth",    "ntilde", "ograve", "oacute",
    "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave", "uacute",
    "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

static const struct html_entity html_entities[] = {
    {"quot", 0x22},     {"amp", 0x26},      {"apos", 0x27},
    {"lt", 0x3C},       {"gt", 0x3E},       {"OElig", 0x152},
    {"oelig", 0x153},   {"Scaron", 0x160},  {"scaron", 0x161},
    {"Yuml", 0x178},    {"fnof", 0x192},    {"circ", 0x2C6},
    {"tilde", 0x2DC},   {"ensp", 0x2002},   {"emsp", 0x2003},
    {"thinsp", 0x2009}, {"zwnj", 0x200C},   {"zwj", 0x200D},
    {"lrm", 0x200E},    {"rlm", 0x200F},    {"ndash", 0x2013},
    {"mdash", 0x2014},  {"lsquo", 0x2018},  {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"bdquo", 0x201E},  {"dagger", 0x2020}, {"Dagger", 0x2021},
    {"bull", 0x2022},   {"hellip", 0x2026}, {"permil", 0x2030},
    {"prime", 0x2032},  {"Prime", 0x2033},  {"lsaquo", 0x2039},
    {"rsaquo", 0x203A}, {"oline", 0x203E},  {"euro", 0x20AC},
    {"trade", 0x2122},  {"larr", 0x2190},   {"uarr", 0x2191},
    {"rarr", 0x2192},   {"darr", 0x2193},   {"harr", 0x2194},
    {"minus", 0x2212},  {"infin", 0x221E},  {"ne", 0x2260},
    {"le", 0x2264},     {"ge", 0x2265},     {"hearts", 0x2665},
    {"check", 0x2713},
};

bool
html_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static bool
html_name_char(char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

size_t
html_utf8(uint32_t cp, char buf[4])
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | cp >> 18);
	buf[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	buf[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static size_t
html_entity_num(const char *s, const char *end, uint32_t *cp)
{
	const char *p = s + 2;
	bool hex = p < end && (*p == 'x' || *p == 'X');
	uint32_t v = 0;
	const char *digits;

	p += hex;
	for (digits = p; p < end; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (hex && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f'))
			d = (unsigned)((*p | 0x20) - 'a' + 10);
		else
			break;
		v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + d;
	}
	if (p == digits)
		return 0;
	if (p < end && *p == ';')
		p++;
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = 0xFFFD;
	*cp = v;
	return (size_t)(p - s);
}

static bool
html_entity_lookup(const char *name, size_t n, uint32_t *cp)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < 96; i++) {
		if (html_latin1[i][0] == name[0] &&
		    strlen(html_latin1[i]) == n &&
		    memcmp(html_latin1[i], name, n) == 0) {
			*cp = 0xA0 + (uint32_t)i;
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(html_entities) / sizeof(*html_entities);
	     i++) {
		if (html_entities[i].name[0] == name[0] &&
		    strlen(html_entities[i].name) == n &&
		    memcmp(html_entities[i].name, name, n) == 0) {
			*cp = html_entities[i].cp;
			return true;
		}
	}
	return false;
}

/* Length of the character reference at s ('&'), 0 when there is none.
 * The ';' may be missing, as browsers allow, except before '=' (URLs). */
size_t
html_entity(const char *s, const char *end, uint32_t *cp)
{
	const char *p = s + 1;

	if (p < end && *p == '#')
		return html_entity_num(s, end, cp);
	while (p < end && p - s <= HTML_ENTITY_MAX && html_name_char(*p) &&
	       *p != '-' && *p != ':' && *p != '_')
		p++;
	if (!html_entity_lookup(s + 1, (size_t)(p - s - 1), cp))
		return 0;
	if (p < end && *p == ';')
		p++;
	else if (p < end && *p == '=')
		return 0;
	return (size_t)(p - s);
}

static const char *
html_gt(struct html_lex *lx, const char *p)
{
	const char *gt;

	if (lx->no_gt)
		return NULL;
	if ((gt = memchr(p, '>', (size_t)(lx->end - p))) == NULL)
		lx->no_gt = true;
	return gt;
}

/* After "<!--": to "-->", or to the first '>' when the comment never
 * ends, so broken markup does not hide the rest of the mail. */
static const char *
html_comment(struct html_lex *lx, const char *p)
{
	const char *e = NULL;

	if (!lx->no_comment_end) {
		e = memmem(p, (size_t)(lx->end - p), "-->", 3);
		if (e != NULL)
			return e + 3;
		lx->no_comment_end = true;
	}
	e = html_gt(lx, p);
	return e != NULL ? e + 1 : lx->end;
}

/*
 * Reads the markup at s ('<'): a tag into *tag, or a comment, doctype or
 * processing instruction (name ""), and returns where it ends; NULL when
 * the '<' is text ("a < b", or a tag that never closes).
 */
const char *
html_markup(struct html_lex *lx, const char *s, struct html_tag *tag)
{
	const char *p = s + 1, *end = lx->end, *gt;
	size_t n = 0;

	memset(tag, 0, sizeof(*tag));
	if (p >= end)
		return NULL;
	if (end - p >= 3 && memcmp(p, "!--", 3) == 0)
		return html_comment(lx, p + 3);
	if (*p == '!' || *p == '?')
		return (gt = html_gt(lx, p)) != NULL ? gt + 1 : end;
	if (*p == '/') {
		tag->end = true;
		p++;
	}
	if (p >= end || (*p | 0x20) < 'a' || (*p | 0x20) > 'z')
		return NULL;
	if ((gt = html_gt(lx, p)) == NULL)
		return NULL;
	for (; p < gt && html_name_char(*p); p++)
		if (n < HTML_NAME_MAX - 1)
			tag->name[n++] =
			    (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	tag->attrs = p;
	tag->attrs_end = gt;
	return gt + 1;
}

/* Past the content of a raw-text element, to its end tag or the end. */
const char *
html_skip_raw(const struct html_lex *lx, const char *p, const char *name)
{
	size_t n = strlen(name);

	while ((p = memchr(p, '<', (size_t)(lx->end - p))) != NULL) {
		if ((size_t)(lx->end - p) >= n + 2 && p[1] == '/' &&
		    strncasecmp(p + 2, name, n) == 0)
			return p;
		p++;
	}
	return lx->end;
}

static const char *
html_skip_space(const char *p, const char *end)
{
	while (p < end && html_is_space((unsigned char)*p))
		p++;
	return p;
}

/* The value after '=' at p: quoted, or up to white space. */
static const char *
html_attr_value(const char *p, const char *end, const char **v_r, size_t *n_r)
{
	const char *q;

	p = html_skip_space(p + 1, end);
	if (p < end && (*p == '"' || *p == '\'')) {
		q = memchr(p + 1, *p, (size_t)(end - p - 1));
		*v_r = p + 1;
		p = q != NULL ? q : end;
		*n_r = (size_t)(p - *v_r);
		return p < end ? p + 1 : p;
	}
	for (*v_r = p; p < end && !html_is_space((unsigned char)*p); p++)
		;
	*n_r = (size_t)(p - *v_r);
	return p;
}

bool
html_attr(const struct html_tag *tag, const char *name, const char **v_r,
          size_t *n_r)
{
	const char *p = tag->attrs, *end = tag->attrs_end, *an, *v;
	size_t an_len, n;

	while (p < end) {
		while (p < end &&
		       (html_is_space((unsigned char)*p) || *p == '/'))
			p++;
		for (an = p; p < end && !html_is_space((unsigned char)*p) &&
		             *p != '=' && *p != '/';)
			p++;
		if ((an_len = (size_t)(p - an)) == 0) {
			p++;
			continue;
		}
		p = html_skip_space(p, end);
		v = p;
		n = 0;
		if (p < end && *p == '=')
			p = html_attr_value(p, end, &v, &n);
		if (an_len == strlen(name) &&
		    strncasecmp(an, name, an_len) == 0) {
			*v_r = v;
			*n_r = n;
			return true;
		}
	}
	return false;
}

/* An attribute value with entities decoded and white space removed, as
 * a URL wrapped over lines needs.  Caller frees. */
char *
html_attr_url(const char *s, size_t n)
{
	char *out = malloc(n * 2 + 1), buf[4];
	const char *end = s + n;
	size_t len = 0, e;
	uint32_t cp;

	if (out == NULL)
		return NULL;
	while (s < end) {
		if (*s == '&' && (e = html_entity(s, end, &cp)) > 0) {
			size_t k = cp > ' ' ? html_utf8(cp, buf) : 0;
			memcpy(out + len, buf, k);
			len += k;
			s += e;
		} else if (!html_is_space((unsigned char)*s) && *s != '\0') {
			out[len++] = *s++;
		} else {
			s++;
		}
	}
	out[len] = '\0';
	return out;
}

static bool
html_copy_label(const char *v, size_t n, char *buf, size_t size)
{
	size_t k = 0;

	for (; n > 0 &&
	       (html_is_space((unsigned char)*v) || *v == '"' || *v == '\'');
	     v++, n--)
		;
	while (k < n && !html_is_space((unsigned char)v[k]) &&
	       strchr(";\"'/>", v[k]) == NULL)
		k++;
	if (k == 0 || k >= size)
		return false;
	memcpy(buf, v, k);
	buf[k] = '\0';
	return true;
}

/* <meta charset=x> or <meta http-equiv=content-type content="...;
 * charset=x">. */
static bool
html_meta_tag(const struct html_tag *tag, char *buf, size_t size)
{
	const char *v, *c;
	size_t n;

	if (html_attr(tag, "charset", &v, &n))
		return html_copy_label(v, n, buf, size);
	if (!html_attr(tag, "http-equiv", &v, &n) || n != 12 ||
	    strncasecmp(v, "content-type", 12) != 0)
		return false;
	if (!html_attr(tag, "content", &v, &n))
		return false;
	for (c = v; c + 7 <= v + n; c++) {
		if (strncasecmp(c, "charset", 7) != 0)
			continue;
		for (c += 7; c < v + n &&
		             (html_is_space((unsigned char)*c) || *c == '=');
		     c++)
			;
		return html_copy_label(c, (size_t)(v + n - c), buf, size);
	}
	return false;
}

bool
html_meta_charset(const char *html, size_t len, char *buf, size_t size)
{
	struct html_lex lx = {.end = html + len};
	const char *p = html, *lt, *next;
	struct html_tag tag;

	while (p < lx.end &&
	       (lt = memchr(p, '<', (size_t)(lx.end - p))) != NULL) {
		if ((next = html_markup(&lx, lt, &tag)) == NULL) {
			p = lt + 1;
			continue;
		}
		p = next;
		if (tag.end || tag.name[0] == '\0')
			continue;
		if (strcmp(tag.name, "body") == 0)
			break;
		if (html_is_raw(tag.name))
			p = html_skip_raw(&lx, p, tag.name);
		else if (strcmp(tag.name, "meta") == 0 &&
		         html_meta_tag(&tag, buf, size))
			return true;
	}
	return false;
}
