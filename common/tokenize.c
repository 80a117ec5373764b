/*
 * tokenize: folding and tokens; see tokenize.h.  The Traditional to
 * Simplified table is generated (tools/gen_t2s.py) from Unihan.
 */
#include "tokenize.h"

#include <stdlib.h>
#include <string.h>

static const uint16_t tok_t2s[][2] = {
#include "cjk_t2s.inc"
};

/* tok_utf8_next's work, inlined in the loops below: they run over
 * every byte of every mail. */
static inline uint32_t
tok_decode(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t cp;
	int n;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] < 0xE0)
		n = 1, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] < 0xF0)
		n = 2, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] < 0xF5)
		n = 3, cp = s[0] & 0x07;
	else
		goto stray;
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto stray;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	/* Surrogates and beyond U+10FFFF are not characters: re-encoded,
	 * they would make the folded text invalid UTF-8, which patterns are
	 * matched on unchecked. */
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		goto stray;
	*p += n + 1;
	return cp;
stray:
	*p += 1;
	return 0xFFFD;
}

uint32_t
tok_utf8_next(const char **p)
{
	return tok_decode(p);
}

static size_t
tok_utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
tok_is_cjk(uint32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
	       (cp >= 0x3400 && cp <= 0x4DBF) || /* Han extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) || /* Han */
	       (cp >= 0xAC00 && cp <= 0xD7A3) || /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) || /* Han compatibility */
	       (cp >= 0x20000 && cp <= 0x2FA1F);
}

static uint32_t
tok_simplified(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(tok_t2s) / sizeof(tok_t2s[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (tok_t2s[mid][0] == cp)
			return tok_t2s[mid][1];
		if (tok_t2s[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cp;
}

/* One character folded: see tok_fold. */
static uint32_t
tok_fold_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp < 0x80)
		return cp;
	if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
		return tok_fold_cp(cp - 0xFEE0);
	if (cp == 0x3000) /* ideographic space */
		return ' ';
	/* Latin-1 capitals but the multiplication sign. */
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return tok_simplified(cp);
	return cp;
}

char *
tok_fold(const char *text)
{
	/* Folding never lengthens a character's encoding. */
	char *out = malloc(strlen(text) + 1), *o = out;
	const char *p = text;

	if (out == NULL)
		return NULL;
	while (*p != '\0') {
		uint32_t cp;
		/* Most complaint text is ASCII: no decoding for it. */
		if ((unsigned char)*p < 0x80) {
			*o++ = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
			p++;
			continue;
		}
		if ((cp = tok_decode(&p)) != 0xFFFD)
			o += tok_utf8_put(tok_fold_cp(cp), o);
	}
	*o = '\0';
	return out;
}

/* Letters and digits of any script, as far as words go. */
static bool
tok_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		       (cp >= 'A' && cp <= 'Z');
	/* Latin-1 letters and Latin Extended, Greek, Cyrillic. */
	if (cp >= 0xC0 && cp <= 0x52F)
		return cp != 0xD7 && cp != 0xF7;
	return tok_is_cjk(cp);
}

char *
tok_match_form(const char *text)
{
	char *folded = tok_fold(text), *out;

	if (folded == NULL)
		return NULL;
	out = tok_collapse(folded);
	free(folded);
	return out;
}

char *
tok_collapse(const char *folded)
{
	char *out, *o;
	const char *p;
	bool gap = true, was_cjk = false;

	/* At most one space per character, plus the two ends. */
	if ((out = malloc(2 * strlen(folded) + 3)) == NULL)
		return NULL;
	o = out;
	*o++ = ' ';
	for (p = folded; *p != '\0';) {
		const char *start = p;
		uint32_t cp = (unsigned char)*p < 0x80 ? (unsigned char)*p++
		                                       : tok_decode(&p);
		bool cjk = cp >= 0x3040 && tok_is_cjk(cp);
		if (!tok_is_word(cp)) {
			if (!gap)
				*o++ = ' ';
			gap = true;
			continue;
		}
		/* "打12315投诉": a number or Latin word beside Chinese is
		 * a word of its own. */
		if (!gap && cjk != was_cjk)
			*o++ = ' ';
		memcpy(o, start, (size_t)(p - start));
		o += p - start;
		gap = false;
		was_cjk = cjk;
	}
	if (!gap)
		*o++ = ' ';
	*o = '\0';
	return out;
}

/* Words that say nothing about a complaint's kind, by length: each
 * string is the words of that length run together. */
static bool
tok_is_stopword(const char *w, size_t len)
{
	static const char *const by_len[] = {
	    [2] = "anasatbebydoheifinisitmemyofonorsotoweamhi",
	    [3] = "andarebutforhadhasherhisitsourshethewasyouall",
	    [4] = "beenfromhavethatthemthentheythiswerewhatwithyour"
	          "willjustalsodear",
	    [5] = "theirtherewhichwouldabouthello",
	    [6] = "thanks",
	    [7] = "regards",
	};
	const char *set;

	if (len >= sizeof(by_len) / sizeof(by_len[0]) ||
	    (set = by_len[len]) == NULL)
		return false;
	for (; *set != '\0'; set += len)
		if (memcmp(set, w, len) == 0)
			return true;
	return false;
}

/* Particles too common in Chinese to mean anything on their own; c is
 * one character's len bytes.  Compared as bytes (every particle is three)
 * because this runs for each Chinese character of every mail. */
static bool
tok_is_particle(const char *c, size_t len)
{
	static const char particles[] =
	    "的了是我你他她它们在有和就不也都这那吗呢"
	    "吧啊着个一上";

	if (len != 3)
		return false;
	for (const char *p = particles; *p != '\0'; p += 3)
		if (p[0] == c[0] && p[1] == c[1] && p[2] == c[2])
			return true;
	return false;
}

static int
tok_word(const char *w, size_t len, size_t digits, tok_fn fn, void *arg)
{
	if (len < 2 || len > 24 || tok_is_stopword(w, len))
		return 0;
	if (digits == len && len > 5)
		return 0;
	return fn(w, len, arg);
}

int
tok_each(const char *folded, tok_fn fn, void *arg)
{
	const char *p = folded, *word = NULL, *prev_cjk = NULL;
	size_t digits = 0;
	int rc = 0;

	while (*p != '\0' && rc == 0) {
		const char *start = p;
		uint32_t cp = (unsigned char)*p < 0x80 ? (unsigned char)*p++
		                                       : tok_decode(&p);
		bool cjk = cp >= 0x3040 && tok_is_cjk(cp);

		if (!cjk && tok_is_word(cp)) {
			if (word == NULL)
				word = start, digits = 0;
			digits += cp >= '0' && cp <= '9';
			prev_cjk = NULL;
			continue;
		}
		if (word != NULL)
			rc = tok_word(word, (size_t)(start - word), digits, fn,
			              arg);
		word = NULL;
		if (!cjk || rc != 0) {
			prev_cjk = NULL;
			continue;
		}
		if (!tok_is_particle(start, (size_t)(p - start)))
			rc = fn(start, (size_t)(p - start), arg);
		if (rc == 0 && prev_cjk != NULL)
			rc = fn(prev_cjk, (size_t)(p - prev_cjk), arg);
		prev_cjk = start;
	}
	if (rc == 0 && word != NULL)
		rc = tok_word(word, (size_t)(p - word), digits, fn, arg);
	return rc;
}
