/*
 * text: subject normalisation for threading, the desk's subject tag, and a
 * script-based guess of the customer's language.
 */
#include "text.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Reply prefixes, ASCII ones compared case-insensitively. */
static const char *const text_reply_prefixes[] = {
    "re", "aw",  "sv",   "vs",   "antw", "antwort", "odp",  "ynt", "rif",
    "r",  "res", "回复", "答复", "回覆", "答覆",    "返信", NULL,
};

static const char *const text_forward_prefixes[] = {
    "fwd", "fw",   "wg",   "tr",   "enc",  "rv",   "doorst",
    "vl",  "转发", "轉發", "轉寄", "转寄", "転送", NULL,
};

static bool
text_is_space(const char *p, size_t *len_r)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
		*len_r = 1;
		return true;
	}
	/* U+3000 IDEOGRAPHIC SPACE, common in CJK subjects. */
	if (strncmp(p, "\xe3\x80\x80", 3) == 0) {
		*len_r = 3;
		return true;
	}
	return false;
}

static const char *
text_skip_space(const char *p)
{
	size_t n;

	while (text_is_space(p, &n))
		p += n;
	return p;
}

/* The colon after a prefix: ':' or the full-width U+FF1A; its length. */
static size_t
text_colon(const char *p)
{
	if (*p == ':')
		return 1;
	if (strncmp(p, "\xef\xbc\x9a", 3) == 0)
		return 3;
	return 0;
}

/* Length of prefix word w at p, ASCII case folded; 0 when it differs. */
static size_t
text_word_at(const char *p, const char *w)
{
	size_t n = strlen(w);

	if ((unsigned char)w[0] < 0x80)
		return strncasecmp(p, w, n) == 0 ? n : 0;
	return strncmp(p, w, n) == 0 ? n : 0;
}

/*
 * When p starts with one of words, then an optional counter ("[2]",
 * "(2)", "^2") and a colon, the length of all that; else 0.
 */
static size_t
text_prefix_len(const char *p, const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++) {
		size_t n = text_word_at(p, words[i]);
		const char *q = p + n;
		size_t colon;

		if (n == 0)
			continue;
		if (*q == '[' || *q == '(' || *q == '^') {
			const char *d = q + 1;
			while (isdigit((unsigned char)*d))
				d++;
			if (d > q + 1 && (*q == '^' || *d == ']' || *d == ')'))
				q = *q == '^' ? d : d + 1;
		}
		q = text_skip_space(q);
		if ((colon = text_colon(q)) != 0)
			return (size_t)(q - p) + colon;
	}
	return 0;
}

bool
text_subject_is_reply(const char *subject)
{
	const char *p = text_skip_space(subject);

	/* A tag may come first: "[ACME #12] Re: ..." is still a reply. */
	while (*p == '[') {
		const char *end = strchr(p, ']');
		if (end == NULL)
			break;
		p = text_skip_space(end + 1);
	}
	return text_prefix_len(p, text_reply_prefixes) != 0;
}

/*
 * When p starts a "[WORD #123]" tag, its length; else 0.  Any word, so a
 * tag from another desk or an old ticket tag does not split threads.
 */
static size_t
text_tag_len(const char *p, long long *number_r, const char **word_r,
             size_t *word_len_r)
{
	const char *q, *word;
	long long number = 0;

	/* Checked first: at the end of the subject p + 1 is past the NUL. */
	if (*p != '[')
		return 0;
	q = word = text_skip_space(p + 1);
	while (isalnum((unsigned char)*q) || *q == '.' || *q == '_' ||
	       *q == '-')
		q++;
	if (q == word)
		return 0;
	*word_len_r = (size_t)(q - word);
	q = text_skip_space(q);
	if (*q++ != '#')
		return 0;
	q = text_skip_space(q);
	if (!isdigit((unsigned char)*q))
		return 0;
	for (; isdigit((unsigned char)*q); q++) {
		if (number > 1000000000000LL)
			return 0;
		number = number * 10 + (*q - '0');
	}
	q = text_skip_space(q);
	if (*q != ']')
		return 0;
	*number_r = number;
	*word_r = word;
	return (size_t)(q + 1 - p);
}

long long
text_subject_tag(const char *subject, const char *tag)
{
	size_t tag_len = strlen(tag);

	for (const char *p = strchr(subject, '['); p; p = strchr(p + 1, '[')) {
		long long number;
		const char *word;
		size_t word_len;

		if (text_tag_len(p, &number, &word, &word_len) != 0 &&
		    word_len == tag_len && strncasecmp(word, tag, tag_len) == 0)
			return number;
	}
	return 0;
}

/* Removes leading prefixes and every tag; out has room for strlen(in). */
static void
text_strip(const char *in, char *out)
{
	const char *p = text_skip_space(in);
	size_t o = 0, n, space;

	for (;;) {
		long long number;
		const char *word;
		size_t word_len;

		if ((n = text_prefix_len(p, text_reply_prefixes)) == 0)
			n = text_prefix_len(p, text_forward_prefixes);
		if (n == 0)
			n = text_tag_len(p, &number, &word, &word_len);
		/* "[EXTERNAL]" and the like, which gateways put in front,
		 * as text_subject_is_reply skips them too. */
		if (n == 0 && *p == '[' && strchr(p, ']') != NULL)
			n = (size_t)(strchr(p, ']') + 1 - p);
		if (n == 0)
			break;
		p = text_skip_space(p + n);
	}
	while (*p != '\0') {
		long long number;
		const char *word;
		size_t word_len;

		if (*p == '[' &&
		    (n = text_tag_len(p, &number, &word, &word_len)) != 0) {
			p += n;
			continue;
		}
		if (text_is_space(p, &space)) {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			p += space;
			continue;
		}
		out[o++] = (char)tolower((unsigned char)*p);
		p++;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

char *
text_subject_norm(const char *subject)
{
	char *out = malloc(strlen(subject) + 1);

	if (out != NULL)
		text_strip(subject, out);
	return out;
}

/* Decodes one UTF-8 sequence at *p (advancing it); bad bytes give 0. */
static unsigned
text_next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned cp;
	int extra;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	extra = s[0] >= 0xf0 ? 3 : s[0] >= 0xe0 ? 2 : s[0] >= 0xc0 ? 1 : 0;
	cp = s[0] & (0x3f >> extra);
	for (int i = 1; i <= extra; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p += i;
			return 0;
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*p += extra + 1;
	return extra == 0 ? 0 : cp;
}

const char *
text_language(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	/* The first 16 KB tell the script; the rest is often quoted mail. */
	const unsigned char *end = p + strnlen(text, 16384);
	size_t han = 0, kana = 0, hangul = 0, words = 0;
	bool in_word = false;

	while (p < end) {
		unsigned cp;

		if (*p < 0x80) {
			bool letter = (unsigned)((*p | 0x20) - 'a') < 26;
			words += letter && !in_word;
			in_word = letter;
			p++;
			continue;
		}
		in_word = false;
		cp = text_next_cp(&p);
		if ((cp >= 0x4e00 && cp <= 0x9fff) ||
		    (cp >= 0x3400 && cp <= 0x4dbf) ||
		    (cp >= 0x20000 && cp <= 0x2a6df))
			han++;
		else if (cp >= 0x3040 && cp <= 0x30ff)
			kana++;
		else if (cp >= 0xac00 && cp <= 0xd7af)
			hangul++;
	}
	/* One CJK character carries about half an English word's meaning;
	 * a name or a product in the other script does not tip the scale. */
	if (hangul >= 2 && hangul * 2 >= words)
		return "ko";
	/* Japanese writes its grammar in kana; a katakana brand name in
	 * Chinese text is a few kana among many Han characters. */
	if (kana >= 2 && kana * 3 >= han && (kana + han) * 2 >= words)
		return "ja";
	if (han >= 2 && han * 2 >= words)
		return "zh";
	return "en";
}

/* One line of text: [s, s + n) without its line end; next is where the
 * following line starts, NULL after the last. */
struct text_line {
	const char *s;
	size_t n;
	const char *next;
};

/* The line at p; false at the end of the text. */
static bool
text_line_at(const char *p, struct text_line *l)
{
	const char *nl;

	if (p == NULL || *p == '\0')
		return false;
	nl = strchr(p, '\n');
	l->s = p;
	l->n = nl ? (size_t)(nl - p) : strlen(p);
	l->next = nl ? nl + 1 : NULL;
	if (l->n > 0 && p[l->n - 1] == '\r')
		l->n--;
	return true;
}

/* The line without surrounding blanks (spaces, tabs, U+3000). */
static struct text_line
text_line_trim(struct text_line l)
{
	size_t space;

	while (l.n > 0 && text_is_space(l.s, &space) && space <= l.n) {
		l.s += space;
		l.n -= space;
	}
	for (;;) {
		if (l.n > 0 && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t'))
			l.n--;
		else if (l.n >= 3 &&
		         memcmp(l.s + l.n - 3, "\xe3\x80\x80", 3) == 0)
			l.n -= 3;
		else
			return l;
	}
}

static bool
text_starts(struct text_line l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l.n >= n && strncasecmp(l.s, prefix, n) == 0;
}

static bool
text_ends(struct text_line l, const char *suffix)
{
	size_t n = strlen(suffix);

	return l.n >= n && memcmp(l.s + l.n - n, suffix, n) == 0;
}

static bool
text_contains(struct text_line l, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= l.n; i++)
		if (strncasecmp(l.s + i, needle, n) == 0)
			return true;
	return false;
}

/* The trimmed line after l, or an empty one at the end. */
static struct text_line
text_line_after(struct text_line l)
{
	struct text_line next = {"", 0, NULL};

	if (text_line_at(l.next, &next))
		next = text_line_trim(next);
	return next;
}

/* The attribution line of a reply: one or two lines (Gmail wraps long
 * ones) ending in "wrote:" or "写道：". */
static bool
text_is_attribution(struct text_line l)
{
	struct text_line next = text_line_after(l);
	bool wrote = text_ends(l, "wrote:") || text_ends(l, "写道：") ||
	             text_ends(l, "写道:");
	bool next_wrote = next.n < 300 && (text_ends(next, "wrote:") ||
	                                   text_ends(next, "写道：") ||
	                                   text_ends(next, "写道:"));

	if (l.n > 300)
		return false;
	if (text_starts(l, "On "))
		return wrote || next_wrote;
	if (text_starts(l, "在"))
		return wrote || next_wrote;
	/* Chinese clients also start with the date: "2025年12月4日 ...". */
	return wrote && (text_ends(l, "写道：") || text_ends(l, "写道:"));
}

/* "-----Original Message-----", "----- 原始邮件 -----" and kin. */
static bool
text_is_separator(struct text_line l)
{
	return text_starts(l, "--") && (text_contains(l, "original message") ||
	                                text_contains(l, "原始邮件"));
}

/* After an optional '*' (bold made text), one of names and a colon. */
static bool
text_is_field(struct text_line l, const char *const *names)
{
	if (l.n > 0 && l.s[0] == '*') {
		l.s++;
		l.n--;
	}
	for (size_t i = 0; names[i] != NULL; i++) {
		size_t n = strlen(names[i]);
		struct text_line rest;

		if (!text_starts(l, names[i]))
			continue;
		rest = (struct text_line){l.s + n, l.n - n, NULL};
		if (text_starts(rest, ":") || text_starts(rest, "：") ||
		    text_starts(rest, "*:"))
			return true;
	}
	return false;
}

/* Outlook's block: "From:" then "Sent:" (or "Date:") within 4 lines. */
static bool
text_is_header_block(struct text_line l)
{
	static const char *const from[] = {"From", "发件人", NULL};
	static const char *const sent[] = {
	    "Sent", "Date", "发送时间", "发送日期", "日期", "时间", NULL};

	if (!text_is_field(l, from))
		return false;
	for (int i = 0; i < 4 && l.next != NULL; i++) {
		l = text_line_after(l);
		if (text_is_field(l, sent))
			return true;
	}
	return false;
}

/* A rule of underscores or dashes, as Outlook draws above its block. */
static bool
text_is_rule(struct text_line l)
{
	if (l.n < 10)
		return false;
	for (size_t i = 0; i < l.n; i++)
		if (l.s[i] != '_' && l.s[i] != '-')
			return false;
	return true;
}

/*
 * Where the quoted history (or the signature) starts, or NULL.  A block
 * of "> " lines counts when nothing but blank lines follows it, with the
 * line ending in ':' that introduces it.
 */
static const char *
text_quote_start(const char *text)
{
	const char *block = NULL, *rule = NULL, *intro = NULL;
	struct text_line raw, l;

	for (const char *p = text; text_line_at(p, &raw); p = raw.next) {
		l = text_line_trim(raw);
		if (raw.n == 3 && memcmp(raw.s, "-- ", 3) == 0)
			return block ? block : raw.s;
		if (text_is_attribution(l) || text_is_separator(l))
			return block ? block : raw.s;
		if (text_is_header_block(l))
			return block ? block : rule ? rule : raw.s;
		if (l.n > 0 && l.s[0] == '>') {
			if (block == NULL)
				block = intro ? intro : raw.s;
		} else if (l.n > 0) {
			block = NULL;
			rule = text_is_rule(l) ? raw.s : NULL;
			intro = text_ends(l, ":") || text_ends(l, "：") ? raw.s
			                                                : NULL;
		}
	}
	return block;
}

char *
text_strip_quoted(const char *text)
{
	const char *cut = text_quote_start(text);
	size_t n = cut ? (size_t)(cut - text) : strlen(text);
	size_t space;

	for (;;) {
		if (n > 0 && strchr(" \t\r\n", text[n - 1]) != NULL)
			n--;
		else if (n >= 3 && text_is_space(text + n - 3, &space) &&
		         space == 3)
			n -= 3;
		else
			break;
	}
	/* Only quotes: the quotes are what the customer sent. */
	if (n == 0 || strspn(text, " \t\r\n") >= n)
		return strdup(text);
	return strndup(text, n);
}
