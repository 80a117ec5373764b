/*
 * compose_p.h: what the compose files share — the growing mail buffer and
 * the header writers of compose_header.c.
 */
#ifndef COMPLAINTD_COMPOSE_P_H
#define COMPLAINTD_COMPOSE_P_H

#include <stdbool.h>
#include <stddef.h>

struct compose_buf {
	char *p;
	size_t len, cap;
	bool failed;
	size_t line; /* length of the current header line so far */
};

/* compose.c */
/* Appends; once memory runs out, only sets failed. */
void compose_put(struct compose_buf *b, const char *s, size_t n);
void compose_puts(struct compose_buf *b, const char *s);

/* compose_header.c */
/* "Name: value\r\n", the value cleaned, folded and encoded as needed. */
void compose_header_text(struct compose_buf *b, const char *name,
                         const char *v);
/* "Name <addr>", the name (may be NULL) cleaned and encoded as needed. */
void compose_mailbox(struct compose_buf *b, const char *name, const char *addr);
/* The display name of a configured From value, or NULL; caller frees. */
char *compose_name_of(const char *from);
bool compose_valid_addr(const char *a);
bool compose_valid_id(const char *id);
/* "References: ..." with each usable id, nothing when there is none. */
void compose_references(struct compose_buf *b, const char *refs);
/* "Date: ...\r\n" in the local time zone. */
void compose_date(struct compose_buf *b, long long when);

#endif
