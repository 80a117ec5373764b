/*
 * html: HTML mail → readable plain text.  Scripts, styles and comments are
 * dropped, entities decoded, block elements become line breaks, list items
 * bullets, and links stay readable as "text <url>".  Pure; UTF-8 in and out.
 */
#ifndef COMPLAINTD_HTML_H
#define COMPLAINTD_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* Caller frees; NULL only when memory runs out. */
char *html_to_text(const char *html, size_t len);

/*
 * The charset an HTML document declares in <meta charset> or <meta
 * http-equiv="Content-Type" content="...; charset=...">, looked for before
 * <body>, copied into buf.  html is in any ASCII-compatible charset.
 * Returns false when there is none or it does not fit in size.
 */
bool html_meta_charset(const char *html, size_t len, char *buf, size_t size);

#endif
