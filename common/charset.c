/*
 * charset: MIME charset labels → UTF-8.  UTF-8 and Windows-1252 are decoded
 * here (the common cases, and the fallback that must never fail); every
 * other charset goes through glibc iconv, one descriptor per call.  Which of
 * the declared charset and what the bytes really are wins is decided in
 * charset_to_utf8, whose contract comment lists the rules.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHARSET_FFFD "\xef\xbf\xbd"
#define CHARSET_LABEL_MAX 64

/*
 * A valid UTF-8 text declared in a multi-byte charset is taken as UTF-8
 * from this many multi-byte sequences on: a GBK or Big5 text of n
 * characters is well-formed UTF-8 by accident with a chance well below
 * 0.2^n, while short UTF-8 texts often convert "cleanly" from GB18030.
 */
#define CHARSET_MULTI_UTF8_MIN 8

struct charset_alias {
	const char *label;
	const char *name;
};

/* Labels mail uses that iconv does not know, or knows as a subset. */
static const struct charset_alias charset_aliases[] = {
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8"},
    {"us-ascii", "US-ASCII"},
    {"ascii", "US-ASCII"},
    {"ansi_x3.4-1968", "US-ASCII"},
    {"iso646-us", "US-ASCII"},
    {"us", "US-ASCII"},
    {"csascii", "US-ASCII"},
    /* As browsers do: Latin-1 mail uses Windows-1252's 0x80-0x9F. */
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},
    {"cp819", "WINDOWS-1252"},
    {"csisolatin1", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"latin5", "WINDOWS-1254"},
    {"iso-8859-11", "WINDOWS-874"},
    {"tis-620", "WINDOWS-874"},
    {"gb2312", "GB18030"},
    {"gbk", "GB18030"},
    {"cp936", "GB18030"},
    {"ms936", "GB18030"},
    {"windows-936", "GB18030"},
    {"euc-cn", "GB18030"},
    {"csgb2312", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"gb_2312", "GB18030"},
    {"chinese", "GB18030"},
    {"gb18030", "GB18030"},
    /* Windows' Big5; BIG5-HKSCS is tried too when it fails. */
    {"big5", "CP950"},
    {"big-5", "CP950"},
    {"cn-big5", "CP950"},
    {"csbig5", "CP950"},
    /* Python's email package writes its codec name. */
    {"big5_tw", "CP950"},
    {"big5-tw", "CP950"},
    {"cp950", "CP950"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"big5hkscs", "BIG5-HKSCS"},
    {"shift_jis", "CP932"},
    {"shift-jis", "CP932"},
    {"sjis", "CP932"},
    {"ms_kanji", "CP932"},
    {"csshiftjis", "CP932"},
    {"windows-31j", "CP932"},
    {"cp932", "CP932"},
    {"euc-jp", "EUC-JP-MS"},
    {"cseucpkdfmtjapanese", "EUC-JP-MS"},
    {"iso-2022-jp", "ISO-2022-JP-3"},
    {"csiso2022jp", "ISO-2022-JP-3"},
    {"euc-kr", "CP949"},
    {"euckr", "CP949"},
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601-1989", "CP949"},
    {"ks_c_5601", "CP949"},
    {"ksc5601", "CP949"},
    {"ksc_5601", "CP949"},
    {"korean", "CP949"},
    {"cseuckr", "CP949"},
    {"windows-949", "CP949"},
    {"cp949", "CP949"},
    {"uhc", "CP949"},
    {"utf-7", "UTF-7"},
    {"unicode-1-1-utf-7", "UTF-7"},
    {"unicode-2-0-utf-7", "UTF-7"},
    {"csunicode11utf7", "UTF-7"},
    {"koi8", "KOI8-R"},
    {"cskoi8r", "KOI8-R"},
    {"mac", "MACINTOSH"},
    {"macintosh", "MACINTOSH"},
    {"mac-roman", "MACINTOSH"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"iso-8859-6-i", "ISO-8859-6"},
};

/* How a charset relates to ASCII and to single bytes. */
enum charset_family {
	CHARSET_FAM_UTF8,   /* absent, UTF-8, US-ASCII */
	CHARSET_FAM_CP1252, /* decoded here */
	CHARSET_FAM_SINGLE, /* one byte per character, ASCII below 0x80 */
	CHARSET_FAM_MULTI,  /* CJK multi-byte, ASCII below 0x80 */
	CHARSET_FAM_OTHER,  /* not ASCII-compatible: UTF-7, UTF-16, ISO-2022 */
};

static const char *const charset_multi_prefixes[] = {
    "GB",    "BIG5",  "CP932", "CP936", "CP949",  "CP950",
    "EUC",   "SHIFT", "SJIS",  "JOHAB", "UHC",    "WINDOWS-31J",
    "MS932", "MS936", "MS949", "MS950", "CP1361",
};

static const char *const charset_other_prefixes[] = {
    "UTF-7", "UTF7",    "UTF-16",   "UTF16",   "UTF-32", "UTF32",
    "UCS",   "UNICODE", "ISO-2022", "ISO2022", "HZ",     "CSISO2022",
};

/* Windows-1252's 0x80-0x9F; 0 where it defines nothing. */
static const uint16_t charset_cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* What a first look at the bytes tells. */
struct charset_scan {
	size_t high;      /* bytes from 0x80 */
	size_t multibyte; /* well-formed UTF-8 sequences of 2-4 bytes */
	size_t invalid;   /* bytes in no well-formed UTF-8 sequence */
};

/* Output of a conversion; cap counts the terminating NUL. */
struct charset_out {
	char *p;
	size_t len, cap;
	size_t errors; /* input bytes that became U+FFFD */
};

/*
 * Length of the well-formed UTF-8 sequence at s (1 to 4 bytes), 0 when s
 * starts an ill-formed one: no overlongs, surrogates or code points above
 * U+10FFFF (Unicode table 3-7).
 */
static size_t
charset_utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return n;
}

bool
charset_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0, n; i < len; i += n)
		if ((n = charset_utf8_seq(u + i, len - i)) == 0)
			return false;
	return true;
}

static void
charset_scan(const unsigned char *s, size_t len, struct charset_scan *sc)
{
	memset(sc, 0, sizeof(*sc));
	for (size_t i = 0, n; i < len; i += n) {
		if (s[i] < 0x80) {
			n = 1;
			continue;
		}
		if ((n = charset_utf8_seq(s + i, len - i)) == 0) {
			sc->invalid++;
			sc->high++;
			n = 1;
			continue;
		}
		sc->multibyte++;
		sc->high += n;
	}
}

static const char *
charset_alias_find(const char *label)
{
	for (size_t i = 0;
	     i < sizeof(charset_aliases) / sizeof(*charset_aliases); i++)
		if (strcasecmp(label, charset_aliases[i].label) == 0)
			return charset_aliases[i].name;
	return NULL;
}

const char *
charset_canonical(const char *label)
{
	const char *name = charset_alias_find(label);

	if (name != NULL)
		return name;
	/* "x-gbk", "x-sjis", "x-cp1251": private-use names of real ones. */
	if (strncasecmp(label, "x-", 2) == 0 && label[2] != '\0') {
		name = charset_alias_find(label + 2);
		return name != NULL ? name : label + 2;
	}
	return label;
}

/* Labels reach iconv_open only in this shape, so "UTF-8//IGNORE" or a
 * path can never change what iconv does. */
static bool
charset_label_ok(const char *label)
{
	size_t n = strlen(label);

	if (n == 0 || n > CHARSET_LABEL_MAX)
		return false;
	return strspn(label,
	              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx"
	              "yz0123456789-_.:+()") == n;
}

static bool
charset_prefixed(const char *name, const char *const *prefixes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

static enum charset_family
charset_family_of(const char *name)
{
	if (name == NULL || strcasecmp(name, "UTF-8") == 0 ||
	    strcasecmp(name, "US-ASCII") == 0)
		return CHARSET_FAM_UTF8;
	if (strcasecmp(name, "WINDOWS-1252") == 0)
		return CHARSET_FAM_CP1252;
	if (charset_prefixed(name, charset_multi_prefixes,
	                     sizeof(charset_multi_prefixes) /
	                         sizeof(*charset_multi_prefixes)))
		return CHARSET_FAM_MULTI;
	if (charset_prefixed(name, charset_other_prefixes,
	                     sizeof(charset_other_prefixes) /
	                         sizeof(*charset_other_prefixes)))
		return CHARSET_FAM_OTHER;
	return CHARSET_FAM_SINGLE;
}

/* Room for len input bytes that each become at most 3 output bytes. */
static int
charset_out_init(struct charset_out *out, size_t len)
{
	memset(out, 0, sizeof(*out));
	if (len > (SIZE_MAX - 16) / 3)
		return -1;
	out->cap = len * 3 + 1;
	out->p = malloc(out->cap);
	return out->p != NULL ? 0 : -1;
}

static void
charset_put(struct charset_out *out, uint32_t cp)
{
	char *o = out->p + out->len;

	if (cp < 0x80) {
		o[0] = (char)cp;
		out->len += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		out->len += 2;
	} else {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		out->len += 3;
	}
}

/* One byte read as Windows-1252; undefined ones and NUL become U+FFFD. */
static void
charset_put_cp1252(struct charset_out *out, unsigned char c, unsigned *flags)
{
	uint32_t cp = c;

	if (c >= 0x80 && c < 0xA0)
		cp = charset_cp1252_c1[c - 0x80];
	if (cp == 0) {
		cp = 0xFFFD;
		*flags |= CHARSET_REPLACED;
	}
	charset_put(out, cp);
}

static char *
charset_finish(struct charset_out *out)
{
	out->p[out->len] = '\0';
	return out->p;
}

/*
 * UTF-8 where the bytes are well-formed UTF-8, Windows-1252 byte by byte
 * where they are not (CHARSET_CP1252), so mail that mixes both, as
 * forwarded and concatenated text does, loses nothing.
 */
static char *
charset_decode_mixed(const unsigned char *s, size_t len, unsigned *flags)
{
	struct charset_out out;

	if (charset_out_init(&out, len) != 0)
		return NULL;
	for (size_t i = 0, n; i < len; i += n) {
		/* ASCII runs in one copy: most mail is mostly ASCII. */
		for (n = 0; i + n < len && s[i + n] < 0x80 && s[i + n] != 0;)
			n++;
		if (n > 0) {
			memcpy(out.p + out.len, s + i, n);
			out.len += n;
			continue;
		}
		n = charset_utf8_seq(s + i, len - i);
		if (n == 0 || s[i] == '\0') {
			if (n == 0)
				*flags |= CHARSET_CP1252;
			charset_put_cp1252(&out, s[i], flags);
			n = 1;
			continue;
		}
		memcpy(out.p + out.len, s + i, n);
		out.len += n;
	}
	return charset_finish(&out);
}

static char *
charset_decode_cp1252(const unsigned char *s, size_t len, unsigned *flags)
{
	struct charset_out out;

	if (charset_out_init(&out, len) != 0)
		return NULL;
	for (size_t i = 0; i < len; i++)
		charset_put_cp1252(&out, s[i], flags);
	return charset_finish(&out);
}

static int
charset_out_grow(struct charset_out *out, size_t need)
{
	size_t cap = out->cap;
	char *p;

	while (cap - out->len < need) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	if (cap == out->cap)
		return 0;
	if ((p = realloc(out->p, cap)) == NULL)
		return -1;
	out->p = p;
	out->cap = cap;
	return 0;
}

/*
 * One iconv call into out: 1 when the input is converted and the state
 * flushed, 0 to go on, -1 when memory runs out.  A byte iconv cannot read
 * becomes U+FFFD and counts in out->errors.
 */
static int
charset_iconv_step(iconv_t cd, char **ip, size_t *il, struct charset_out *out)
{
	bool flush = *il == 0;
	char *op;
	size_t ol, r;

	/* 16: more than one step writes (a combining sequence, U+FFFD). */
	if (charset_out_grow(out, 16) != 0)
		return -1;
	op = out->p + out->len;
	ol = out->cap - out->len - 1;
	r = flush ? iconv(cd, NULL, NULL, &op, &ol)
	          : iconv(cd, ip, il, &op, &ol);
	out->len = (size_t)(op - out->p);
	if (r != (size_t)-1)
		return flush ? 1 : 0;
	if (errno == E2BIG) /* doubles, so the loop always moves on */
		return charset_out_grow(out, out->cap - out->len + 1);
	if (flush)
		return 1;
	/* iconv may have filled the buffer before it met the bad byte. */
	if (charset_out_grow(out, 4) != 0)
		return -1;
	memcpy(out->p + out->len, CHARSET_FFFD, 3);
	out->len += 3;
	out->errors++;
	(*ip)++;
	(*il)--;
	return 0;
}

/* Runs iconv from name over the input.  Returns 0, 1 when iconv does not
 * know name, -1 when memory runs out. */
static int
charset_iconv(const char *name, const char *in, size_t len,
              struct charset_out *out)
{
	iconv_t cd = iconv_open("UTF-8", name);
	/* iconv's prototype lacks const; it never writes the input. */
	char *ip = (char *)(uintptr_t)in;
	size_t il = len;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (cd == (iconv_t)-1)
		return 1;
	out->cap = len * 2 + 16;
	if ((out->p = malloc(out->cap)) == NULL)
		rc = -1;
	while (rc == 0)
		rc = charset_iconv_step(cd, &ip, &il, out);
	iconv_close(cd);
	if (rc < 0) {
		free(out->p);
		out->p = NULL;
		return -1;
	}
	return 0;
}

/* iconv's UTF-8 output, with NULs (from UTF-16 input, say) replaced. */
static char *
charset_iconv_clean(struct charset_out *out, unsigned *flags)
{
	char *clean;

	if (out->errors > 0)
		*flags |= CHARSET_REPLACED;
	if (memchr(out->p, '\0', out->len) == NULL &&
	    charset_utf8_valid(out->p, out->len))
		return charset_finish(out);
	clean = charset_decode_mixed((const unsigned char *)out->p, out->len,
	                             flags);
	free(out->p);
	out->p = NULL;
	return clean;
}

/* The declared charset through iconv, and BIG5-HKSCS for CP950 (and back)
 * when it reads more of the bytes. */
static int
charset_iconv_best(const char *name, const char *in, size_t len,
                   struct charset_out *out)
{
	const char *alt = NULL;
	struct charset_out second;
	int rc = charset_iconv(name, in, len, out);

	if (rc != 0 || out->errors == 0)
		return rc;
	if (strcasecmp(name, "CP950") == 0)
		alt = "BIG5-HKSCS";
	else if (strcasecmp(name, "BIG5-HKSCS") == 0)
		alt = "CP950";
	if (alt == NULL || charset_iconv(alt, in, len, &second) != 0)
		return 0;
	if (second.errors < out->errors) {
		free(out->p);
		*out = second;
	} else {
		free(second.p);
	}
	return 0;
}

/* The declared charset is known to iconv but is not ASCII-only input. */
static char *
charset_declared(const char *name, const unsigned char *s, size_t len,
                 const struct charset_scan *sc, unsigned *flags)
{
	struct charset_out out;
	int rc = charset_iconv_best(name, (const char *)s, len, &out);

	if (rc < 0)
		return NULL;
	if (rc > 0) {
		*flags |= CHARSET_UNKNOWN | CHARSET_FALLBACK;
		return charset_decode_mixed(s, len, flags);
	}
	/* A few bad bytes in a long text: a truncated character, not a lie. */
	if (out.errors == 0 || (sc->invalid > 0 && out.errors * 4 <= sc->high))
		return charset_iconv_clean(&out, flags);
	free(out.p);
	*flags |= CHARSET_FALLBACK;
	return charset_decode_mixed(s, len, flags);
}

/* Whether iconv can read name: alias targets are known without asking. */
static bool
charset_known(const char *name)
{
	iconv_t cd;

	for (size_t i = 0;
	     i < sizeof(charset_aliases) / sizeof(*charset_aliases); i++)
		if (strcasecmp(name, charset_aliases[i].name) == 0)
			return true;
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return false;
	iconv_close(cd);
	return true;
}

/* Rule 3: well-formed UTF-8 that the declared charset would garble. */
static bool
charset_prefers_utf8(enum charset_family family, const struct charset_scan *sc)
{
	if (sc->invalid > 0)
		return false;
	if (family == CHARSET_FAM_SINGLE || family == CHARSET_FAM_CP1252)
		return true;
	return family == CHARSET_FAM_MULTI &&
	       sc->multibyte >= CHARSET_MULTI_UTF8_MIN;
}

/*
 * The rules, in order:
 *  1. Absent, "us-ascii" or "utf-8": the bytes as UTF-8 where well-formed,
 *     each other byte as Windows-1252 (CHARSET_CP1252, and FALLBACK when a
 *     charset was declared).
 *  2. ASCII-only input in an ASCII-compatible charset: as is.
 *  3. Well-formed UTF-8 with multi-byte sequences declared in a single-byte
 *     charset (real mail says "iso-8859-1" around UTF-8 text), or with at
 *     least CHARSET_MULTI_UTF8_MIN of them in a multi-byte one: as UTF-8,
 *     FALLBACK.
 *  4. The declared charset through iconv ("iso-8859-1" is read as
 *     Windows-1252, as browsers do), when it converts without error.
 *  5. Otherwise well-formed UTF-8 as UTF-8 (FALLBACK); else the declared
 *     charset with U+FFFD (REPLACED) if at most a quarter of the 8-bit
 *     bytes fail; else rule 1's decoding (FALLBACK).
 *  An unknown charset (UNKNOWN, FALLBACK) is decoded by rule 1.
 */
char *
charset_to_utf8(const char *charset, const char *in, size_t len,
                unsigned *flags_r)
{
	const unsigned char *s = (const unsigned char *)in;
	const char *name = NULL;
	enum charset_family family;
	struct charset_scan sc;
	unsigned flags = 0, ignored;
	char *out;

	if (flags_r == NULL)
		flags_r = &ignored;
	if (charset != NULL && charset[0] != '\0') {
		if (!charset_label_ok(charset)) {
			*flags_r = CHARSET_UNKNOWN | CHARSET_FALLBACK;
			return charset_decode_mixed(s, len, flags_r);
		}
		name = charset_canonical(charset);
	}
	family = charset_family_of(name);
	charset_scan(s, len, &sc);
	if (family == CHARSET_FAM_UTF8) {
		out = charset_decode_mixed(s, len, &flags);
		if ((flags & CHARSET_CP1252) && name != NULL)
			flags |= CHARSET_FALLBACK;
	} else if (!charset_known(name)) {
		/* Even for ASCII: an encoded word in it stays as written. */
		flags |= CHARSET_UNKNOWN | CHARSET_FALLBACK;
		out = charset_decode_mixed(s, len, &flags);
	} else if (sc.high == 0 && family != CHARSET_FAM_OTHER) {
		out = charset_decode_mixed(s, len, &flags);
	} else if (charset_prefers_utf8(family, &sc)) {
		flags |= CHARSET_FALLBACK;
		out = charset_decode_mixed(s, len, &flags);
	} else if (family == CHARSET_FAM_CP1252) {
		out = charset_decode_cp1252(s, len, &flags);
	} else {
		out = charset_declared(name, s, len, &sc, &flags);
	}
	*flags_r = flags;
	return out;
}
