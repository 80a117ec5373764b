/*
 * classify_regex: a rule's pattern, compiled as its top-level
 * alternatives.
 *
 * "A|B|C" matches where one of A, B, C matches, and each alone runs far
 * faster: PCRE2 finds where an alternative can start (a literal, a small
 * set of first bytes) and skips ahead, but a pattern of many differently
 * starting alternatives — lookbehinds first, especially — is tried at
 * nearly every position.  The default rules' outage pattern runs in a
 * third of the time split.  Only the fact of a match is used, never its
 * text, so the split changes no decision.  Patterns whose alternatives
 * can see each other (back-references, subroutine calls, option settings,
 * verbs, \Q...\E) stay whole.
 */
#include "classify_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Constructs that tie one alternative to another, or that this simple
 * scanner does not follow: the pattern is compiled whole. */
static bool
classify_re_splittable(const char *p)
{
	static const char *const ties[] = {
	    "\\Q", "\\c", "\\g", "\\k", "(*",  "(?R", "(?&",
	    "(?P", "(?+", "(?-", "(?(", "(?|", "(?#",
	};

	for (size_t i = 0; i < sizeof(ties) / sizeof(ties[0]); i++)
		if (strstr(p, ties[i]) != NULL)
			return false;
	for (const char *s = p; (s = strchr(s, '\\')) != NULL; s += 2) {
		if (s[1] >= '1' && s[1] <= '9')
			return false; /* a back-reference */
		if (s[1] == '\0')
			break;
	}
	/* (?i) and the like: an option setting, unlike (?i:...), reaches
	 * into the alternatives after it; (?1) calls a group. */
	for (const char *s = p; (s = strstr(s, "(?")) != NULL; s += 2) {
		size_t n =
		    strspn(s + 2, "abcdefghijklmnopqrstuvwxyz"
		                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ^-0123456789");
		if (s[2 + n] == ')')
			return false;
	}
	return true;
}

/* Where p's next top-level '|' is, or its end. */
static const char *
classify_re_alt_end(const char *p)
{
	int depth = 0;
	bool in_class = false;

	for (; *p != '\0'; p++) {
		if (*p == '\\') {
			if (p[1] == '\0')
				break;
			p++;
		} else if (in_class) {
			if (p[0] == '[' && p[1] == ':') {
				const char *end = strstr(p + 2, ":]");
				p = end ? end + 1 : p;
			} else if (*p == ']')
				in_class = false;
		} else if (*p == '[') {
			in_class = true;
			/* "]" first in a class, or after "^", is a literal. */
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++;
		} else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return p;
	}
	return p;
}

static pcre2_code *
classify_re_one(const char *pattern, size_t len, const char *rule,
                const char *whole, char *err, size_t err_size)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE offset;
	int code;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_CASELESS,
	                  &code, &offset, NULL);

	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, err_size, "rule %s: pattern \"%s\": %s", rule,
		         whole, (const char *)msg);
		return NULL;
	}
	/* Without JIT (some architectures) matching is slower, not wrong. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* The alternatives of pattern, each compiled; false when one does not
 * compile alone (the whole is used then). */
static bool
classify_re_split(struct classify_re *out, const char *pattern)
{
	size_t n = 1;
	const char *p;
	char ignored[8];

	for (p = pattern; *(p = classify_re_alt_end(p)) != '\0'; p++)
		n++;
	if ((out->alts = calloc(n, sizeof(*out->alts))) == NULL)
		return false;
	for (p = pattern; out->n < n; p = classify_re_alt_end(p) + 1) {
		size_t len = (size_t)(classify_re_alt_end(p) - p);
		pcre2_code *re = classify_re_one(p, len, "", pattern, ignored,
		                                 sizeof(ignored));
		if (re == NULL) {
			classify_re_clear(out);
			return false;
		}
		out->alts[out->n++] = re;
	}
	return true;
}

int
classify_re_compile(struct classify_re *out, const char *pattern,
                    const char *rule, char *err, size_t err_size)
{
	pcre2_code *whole;

	memset(out, 0, sizeof(*out));
	/* The whole first: its errors are the ones a writer can read. */
	whole = classify_re_one(pattern, strlen(pattern), rule, pattern, err,
	                        err_size);
	if (whole == NULL)
		return -1;
	if (classify_re_splittable(pattern) &&
	    *classify_re_alt_end(pattern) != '\0' &&
	    classify_re_split(out, pattern)) {
		pcre2_code_free(whole);
		return 0;
	}
	if ((out->alts = malloc(sizeof(*out->alts))) == NULL) {
		pcre2_code_free(whole);
		snprintf(err, err_size, "rule %s: out of memory", rule);
		return -1;
	}
	out->alts[out->n++] = whole;
	return 0;
}

bool
classify_re_match(const struct classify_re *re, const char *text, size_t len,
                  pcre2_match_data **md)
{
	if (*md == NULL && (*md = pcre2_match_data_create(1, NULL)) == NULL)
		return false;
	for (size_t i = 0; i < re->n; i++)
		if (pcre2_match(re->alts[i], (PCRE2_SPTR)text, len, 0,
		                PCRE2_NO_UTF_CHECK, *md, NULL) >= 0)
			return true;
	return false;
}

void
classify_re_clear(struct classify_re *re)
{
	for (size_t i = 0; i < re->n; i++)
		pcre2_code_free(re->alts[i]);
	free(re->alts);
	memset(re, 0, sizeof(*re));
}
