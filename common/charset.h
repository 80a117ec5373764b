/*
 * charset: bytes in a declared charset → valid UTF-8, through glibc iconv.
 * GB2312 and GBK are read as GB18030 (their superset, which real mail
 * needs); a missing, unknown or lying charset falls back to valid UTF-8 as
 * is, then the declared charset, then Windows-1252.  Pure.
 */
#ifndef COMPLAINTD_CHARSET_H
#define COMPLAINTD_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

enum {
	CHARSET_FALLBACK = 1 << 0, /* the declared charset was not used */
	CHARSET_REPLACED = 1 << 1, /* some bytes became U+FFFD */
	CHARSET_UNKNOWN = 1 << 2,  /* iconv does not know the declared one */
	CHARSET_CP1252 = 1 << 3,   /* some bytes were read as Windows-1252 */
};

/*
 * Converts len bytes declared as charset (NULL or "" when undeclared) to
 * NUL-terminated UTF-8 without NULs (they become U+FFFD).  *flags_r (may be
 * NULL) gets CHARSET_* bits.  Caller frees; NULL only when memory runs out.
 */
char *charset_to_utf8(const char *charset, const char *in, size_t len,
                      unsigned *flags_r);

/* True when len bytes are well-formed UTF-8 (no overlongs, surrogates). */
bool charset_utf8_valid(const char *s, size_t len);

/* The name iconv should open for a MIME charset label ("gb2312" →
 * "GB18030", "ks_c_5601-1987" → "CP949" ...); s itself when no alias
 * applies.  The result is borrowed (static or s). */
const char *charset_canonical(const char *label);

#endif
