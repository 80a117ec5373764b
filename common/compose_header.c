/*
 * compose_header: header values we write — cleaned of control characters,
 * folded at 78 columns, RFC 2047 encoded words for anything else, display
 * names quoted or encoded, addresses and msg-ids checked, the Date.
 */
#include "compose.h"
#include "compose_p.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* RFC 5322 recommends 78; RFC 2047 words are at most 75. */
#define COMPOSE_FOLD 78
#define COMPOSE_WORD_BYTES 45 /* raw bytes per B-encoded word: 60 chars */
#define COMPOSE_WORD_LINE 76  /* RFC 2047: lines with encoded words */
/* Longer display names are encoded (and so folded): a quoted one doubled
 * by escapes and an address still fit in 998 octets. */
#define COMPOSE_NAME_MAX 256
/* Longer msg-ids (from customers' mail) would not fit on a line. */
#define COMPOSE_ID_MAX 900

/* Control characters (CR, LF and NUL among them) become spaces. */
static char *
compose_clean(const char *s)
{
	char *out = strdup(s ? s : "");

	for (char *p = out; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

static bool
compose_is_ascii_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* Bytes of the UTF-8 sequence starting with c (1 for a stray byte). */
static size_t
compose_utf8_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static void
compose_base64(struct compose_buf *b, const unsigned char *s, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
	                          "opqrstuvwxyz0123456789+/";
	char out[4];

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		out[0] = abc[v >> 18 & 63];
		out[1] = abc[v >> 12 & 63];
		out[2] = i + 1 < n ? abc[v >> 6 & 63] : '=';
		out[3] = i + 2 < n ? abc[v & 63] : '=';
		compose_put(b, out, 4);
	}
}

/* Raw bytes of s, whole characters only, that fit in max. */
static size_t
compose_chars_fitting(const unsigned char *s, size_t max)
{
	size_t n = 0;

	while (s[n]) {
		size_t c = strnlen((const char *)s + n, compose_utf8_len(s[n]));
		if (n + c > max)
			break;
		n += c;
	}
	return n;
}

/*
 * Writes s as RFC 2047 B-encoded words, cut at character boundaries, the
 * first filling what is left of the current line, each further word on a
 * folded line of its own (at most 76 columns, as RFC 2047 asks).
 */
static void
compose_encoded_words(struct compose_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t room = b->line + 12 < 76 ? (76 - b->line - 12) / 4 * 3 : 0;

	while (*p) {
		size_t n = compose_chars_fitting(p, room);
		if (n == 0) {
			/* Not even one character fits here: next line. */
			compose_puts(b, "\r\n ");
			room = COMPOSE_WORD_BYTES;
			continue;
		}
		compose_puts(b, "=?UTF-8?B?");
		compose_base64(b, p, n);
		compose_puts(b, "?=");
		p += n;
		room = 0;
	}
}

/*
 * Plain text folded at spaces before the line grows past 78: the space
 * becomes "CRLF space", so the continuation line starts with white space
 * and unfolding gives the text back.  Never before an empty word, which
 * would leave a line of white space alone.
 */
static void
compose_folded(struct compose_buf *b, const char *s)
{
	bool first = true;

	for (;;) {
		const char *space = strchr(s, ' ');
		size_t word = space ? (size_t)(space - s) : strlen(s);

		if (!first)
			compose_puts(b,
			             word > 0 && b->line > 20 &&
			                     b->line + 1 + word > COMPOSE_FOLD
			                 ? "\r\n "
			                 : " ");
		compose_put(b, s, word);
		if (space == NULL)
			break;
		s = space + 1;
		first = false;
	}
}

/*
 * Whether n bytes of s can be written as they are: ASCII, no "=?" (which
 * would be read back as an encoded word) and no word too long to fold
 * within the 998-octet line limit.
 */
static bool
compose_plain_ok(const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80 ||
		    (s[i] == '=' && i + 1 < n && s[i + 1] == '?'))
			return false;
		run = s[i] == ' ' ? 0 : run + 1;
		if (run >= 900)
			return false;
	}
	return true;
}

/* The space ending the ASCII words before the first other one; 0 when
 * there is none. */
static size_t
compose_ascii_prefix(const char *s)
{
	size_t end = 0;

	for (size_t i = 0; s[i] != '\0' && (unsigned char)s[i] < 0x80; i++)
		if (s[i] == ' ')
			end = i;
	return end;
}

/*
 * A free-text value: as is when plain ASCII, else encoded words — after
 * the leading ASCII words, written as they are, so a subject's "[ACME
 * #123]" tag stays readable in the raw mail.
 */
static void
compose_text_value(struct compose_buf *b, const char *value)
{
	char *clean = compose_clean(value);
	size_t n = clean ? compose_ascii_prefix(clean) : 0;

	if (clean == NULL) {
		b->failed = true;
		return;
	}
	if (compose_plain_ok(clean, strlen(clean))) {
		compose_folded(b, clean);
	} else if (n > 0 && compose_plain_ok(clean, n)) {
		clean[n] = '\0';
		compose_folded(b, clean);
		/* Fold in place of the space when no word would fit: a
		 * space left before the fold would be read as two. */
		compose_puts(b, b->line + 1 + 16 > COMPOSE_WORD_LINE ? "\r\n "
		                                                     : " ");
		compose_encoded_words(b, clean + n + 1);
	} else {
		compose_encoded_words(b, clean);
	}
	free(clean);
}

void
compose_header_text(struct compose_buf *b, const char *name, const char *v)
{
	compose_puts(b, name);
	compose_puts(b, ": ");
	compose_text_value(b, v);
	compose_puts(b, "\r\n");
}

/*
 * RFC 5322 atext plus space: a display name that needs no quotes.  Not
 * '.', which only the obsolete phrase syntax allows.
 */
static bool
compose_is_plain_name(const char *s)
{
	for (; *s; s++)
		if (!(*s == ' ' || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      strchr("!#$%&'*+-/=?^_`{|}~", *s)))
			return false;
	return true;
}

/* Without leading and trailing spaces, in place. */
static char *
compose_trim(char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strspn(s, " ");
	memmove(s, s + n, strlen(s + n) + 1);
	for (n = strlen(s); n > 0 && s[n - 1] == ' ';)
		s[--n] = '\0';
	return s;
}

/*
 * Encoded words for anything not plain ASCII, for "=?" (which a reader
 * would decode) and for names too long for one line; else as is or
 * quoted.  clean: from compose_clean, not empty.
 */
static void
compose_display_name(struct compose_buf *b, const char *clean)
{
	if (!compose_is_ascii_text(clean) || strstr(clean, "=?") != NULL ||
	    strlen(clean) > COMPOSE_NAME_MAX) {
		compose_encoded_words(b, clean);
	} else if (compose_is_plain_name(clean)) {
		compose_puts(b, clean);
	} else {
		compose_put(b, "\"", 1);
		for (const char *p = clean; *p; p++) {
			if (*p == '"' || *p == '\\')
				compose_put(b, "\\", 1);
			compose_put(b, p, 1);
		}
		compose_put(b, "\"", 1);
	}
}

/* An addr-spec we can write between angle brackets: one '@', no
 * white space, specials, control or non-ASCII characters. */
bool
compose_valid_addr(const char *a)
{
	const char *at = a ? strchr(a, '@') : NULL;

	if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(a) > 254)
		return false;
	for (; *a; a++) {
		unsigned char c = (unsigned char)*a;
		if (c <= ' ' || c >= 0x7f || strchr("<>()[],;:\\\"", c))
			return false;
	}
	return true;
}

/* The '<' opening the address of "Name <addr>", outside a quoted name;
 * NULL when there is none. */
static const char *
compose_angle(const char *from)
{
	bool quoted = false;

	for (const char *p = from; *p != '\0'; p++) {
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (*p == '<' && !quoted)
			return p;
	}
	return NULL;
}

int
compose_address_of(const char *from, char *buf, size_t size)
{
	const char *lt = compose_angle(from);
	const char *gt = lt ? strchr(lt, '>') : NULL;
	int n;

	/* Text after the '>' would be dropped unseen: not an address. */
	if (gt != NULL && gt[strspn(gt + 1, " ") + 1] != '\0')
		return -1;
	if (lt != NULL && gt != NULL)
		n = snprintf(buf, size, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		n = snprintf(buf, size, "%s", from);
	if (n < 0 || (size_t)n >= size || !compose_valid_addr(buf))
		return -1;
	return 0;
}

/*
 * "Name <addr>" with the name cleaned and encoded as needed; the address
 * goes on a folded line of its own when the line would pass 76 columns.
 */
void
compose_mailbox(struct compose_buf *b, const char *name, const char *addr)
{
	char *clean = compose_trim(compose_clean(name));

	if (clean == NULL) {
		b->failed = true;
		return;
	}
	if (clean[0] != '\0') {
		compose_display_name(b, clean);
		compose_puts(b, b->line + strlen(addr) + 3 > COMPOSE_WORD_LINE
		                    ? "\r\n "
		                    : " ");
	}
	free(clean);
	compose_puts(b, "<");
	compose_puts(b, addr);
	compose_puts(b, ">");
}

/* The display name part of a configured From value, or NULL. */
char *
compose_name_of(const char *from)
{
	const char *lt = compose_angle(from);
	size_t n;

	if (lt == NULL)
		return NULL;
	n = (size_t)(lt - from);
	while (n > 0 && from[n - 1] == ' ')
		n--;
	if (n >= 2 && from[0] == '"' && from[n - 1] == '"') {
		char *name = strndup(from + 1, n - 2), *o = name;

		/* Undo the quoted-string's escapes: \" and \\. */
		for (const char *p = name; p != NULL && *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			*o++ = *p;
		}
		if (o != NULL)
			*o = '\0';
		return name;
	}
	return n ? strndup(from, n) : NULL;
}

static const char *const compose_days[] = {"Sun", "Mon", "Tue", "Wed",
                                           "Thu", "Fri", "Sat"};
static const char *const compose_months[] = {"Jan", "Feb", "Mar", "Apr",
                                             "May", "Jun", "Jul", "Aug",
                                             "Sep", "Oct", "Nov", "Dec"};

/* RFC 5322 date in the local time zone, English names whatever the
 * locale. */
void
compose_date(struct compose_buf *b, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[64];
	long off;

	if (localtime_r(&t, &tm) == NULL)
		gmtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(buf, sizeof(buf),
	         "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
	         compose_days[tm.tm_wday], tm.tm_mday,
	         compose_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
	         tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 60,
	         labs(off) % 60);
	compose_puts(b, buf);
}

/* A msg-id we may write: no spaces, brackets or control characters. */
bool
compose_valid_id(const char *id)
{
	if (id == NULL || id[0] == '\0' || strchr(id, '@') == NULL ||
	    strlen(id) > COMPOSE_ID_MAX)
		return false;
	for (; *id; id++)
		if ((unsigned char)*id <= ' ' || (unsigned char)*id >= 0x7f ||
		    *id == '<' || *id == '>')
			return false;
	return true;
}

/* References: each valid id in <>, folded one per line when long. */
void
compose_references(struct compose_buf *b, const char *refs)
{
	char *copy = refs ? strdup(refs) : NULL, *save = NULL;
	bool any = false;

	for (char *id = copy ? strtok_r(copy, " ", &save) : NULL; id;
	     id = strtok_r(NULL, " ", &save)) {
		if (!compose_valid_id(id))
			continue;
		compose_puts(b, any ? (b->line + strlen(id) + 3 > COMPOSE_FOLD
		                           ? "\r\n "
		                           : " ")
		                    : "References: ");
		compose_puts(b, "<");
		compose_puts(b, id);
		compose_puts(b, ">");
		any = true;
	}
	if (any)
		compose_puts(b, "\r\n");
	free(copy);
}
