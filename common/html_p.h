/*
 * html_p.h: what the HTML renderer (html.c) uses of the tokenizer
 * (html_lex.c).
 */
#ifndef COMPLAINTD_HTML_P_H
#define COMPLAINTD_HTML_P_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTML_NAME_MAX 16

struct html_tag {
	char name[HTML_NAME_MAX]; /* lower-case; "" for comments, doctype */
	bool end;                 /* </name> */
	const char *attrs, *attrs_end;
};

/* Remembers failed searches, so none is repeated from a later point. */
struct html_lex {
	const char *end;
	bool no_gt;          /* no '>' after the last search's start */
	bool no_comment_end; /* no "-->" after it */
};

bool html_is_space(unsigned char c);
/* cp as UTF-8 into buf; returns its length. */
size_t html_utf8(uint32_t cp, char buf[4]);
/* Length of the character reference at s ('&') and its code point in
 * *cp; 0 when there is none.  The ';' may be missing, as browsers allow,
 * except before '=' (a URL's query). */
size_t html_entity(const char *s, const char *end, uint32_t *cp);
/*
 * Reads the markup at s ('<'): a tag into *tag, or a comment, doctype or
 * processing instruction (name ""), and returns where it ends; NULL when
 * the '<' is text ("a < b", or a tag that never closes).
 */
const char *html_markup(struct html_lex *lx, const char *s,
                        struct html_tag *tag);
/* Script, style and the like: elements whose content is not text. */
bool html_is_raw(const char *name);
/* Past the content of a raw-text element, to its end tag or the end. */
const char *html_skip_raw(const struct html_lex *lx, const char *p,
                          const char *name);
/* Attribute name's raw value into *v_r, *n_r ("" when it has none);
 * false when the tag has no such attribute. */
bool html_attr(const struct html_tag *tag, const char *name, const char **v_r,
               size_t *n_r);
/* An attribute value with entities decoded and white space removed, as a
 * URL wrapped over lines needs.  Caller frees; NULL: out of memory. */
char *html_attr_url(const char *s, size_t n);

#endif
