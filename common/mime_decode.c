/*
 * mime_decode: the content transfer encodings, as lenient as mail needs —
 * base64 that skips white space and garbage and lacks padding, and
 * quoted-printable with soft breaks after any line end, lower-case hex and
 * broken escapes kept as written — and body text's line-end cleanup.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The value of a base64 digit, -1 for anything else. */
static int
mime_b64(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* The 1 or 2 bytes of a quantum cut short by '=' or the end; a lone
 * digit carries no byte and marks damage. */
static size_t
mime_b64_partial(uint32_t acc, int n, unsigned char *o, bool *bad_r)
{
	if (n == 2) {
		o[0] = (unsigned char)(acc >> 4);
		return 1;
	}
	if (n == 3) {
		o[0] = (unsigned char)(acc >> 10);
		o[1] = (unsigned char)(acc >> 2);
		return 2;
	}
	if (n == 1)
		*bad_r = true;
	return 0;
}

/* '=' ends a quantum, so base64 blobs pasted one after the other decode
 * as they were meant to; characters outside the alphabet are skipped. */
unsigned char *
mime_base64_decode(const char *s, size_t len, size_t *len_r, bool *bad_r)
{
	unsigned char *out = malloc(len / 4 * 3 + 4);
	uint32_t acc = 0;
	size_t o = 0;
	int n = 0, v;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((v = mime_b64(c)) >= 0) {
			acc = acc << 6 | (uint32_t)v;
			if (++n < 4)
				continue;
			out[o++] = (unsigned char)(acc >> 16);
			out[o++] = (unsigned char)(acc >> 8);
			out[o++] = (unsigned char)acc;
			n = 0;
			acc = 0;
		} else if (c == '=') {
			o += mime_b64_partial(acc, n, out + o, bad_r);
			n = 0;
			acc = 0;
		} else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			*bad_r = true;
		}
	}
	o += mime_b64_partial(acc, n, out + o, bad_r);
	*len_r = o;
	return out;
}

static int
mime_qp_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

static size_t
mime_qp_line(const char *s, const char *e, unsigned char *o)
{
	size_t n = 0;

	for (; s < e; s++) {
		if (*s == '=' && e - s >= 3 && mime_qp_hex(s[1]) >= 0 &&
		    mime_qp_hex(s[2]) >= 0) {
			o[n++] = (unsigned char)(mime_qp_hex(s[1]) * 16 +
			                         mime_qp_hex(s[2]));
			s += 2;
		} else {
			o[n++] = (unsigned char)*s;
		}
	}
	return n;
}

/* Hard line breaks keep the bytes they were written with. */
unsigned char *
mime_qp_decode(const char *s, size_t len, size_t *len_r)
{
	unsigned char *out = malloc(len + 1);
	struct mime_lines it;
	const char *ls, *le, *te;
	size_t o = 0;

	if (out == NULL)
		return NULL;
	mime_lines_init(&it, s, s + len);
	while (mime_lines_next(&it, &ls, &le)) {
		/* Trailing white space is transport padding (RFC 2045). */
		for (te = le; te > ls && (te[-1] == ' ' || te[-1] == '\t');
		     te--)
			;
		if (te > ls && te[-1] == '=') {
			o += mime_qp_line(ls, te - 1, out + o);
			continue;
		}
		o += mime_qp_line(ls, te, out + o);
		memcpy(out + o, le, (size_t)(it.p - le));
		o += (size_t)(it.p - le);
	}
	*len_r = o;
	return out;
}

void
mime_text_normalise(char *s)
{
	char *o = s;

	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			p += p[1] == '\n';
		} else {
			*o++ = *p;
		}
	}
	while (o > s && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\n'))
		o--;
	*o = '\0';
}
