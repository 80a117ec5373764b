/*
 * classify_p.h: the compiled rules, shared by classify.c (compiling,
 * scanning) and classify_decide.c (evaluating).
 */
#ifndef COMPLAINTD_CLASSIFY_P_H
#define COMPLAINTD_CLASSIFY_P_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "classify.h"

/* The keyword lists of a rule, in this order. */
enum {
	KW_SUBJECT_ANY,
	KW_SUBJECT_ALL,
	KW_BODY_ANY,
	KW_BODY_ALL,
	KW_TEXT_ANY,
	KW_TEXT_ALL,
	KW_LISTS,
};

/* A pattern as its top-level alternatives (classify_regex.c). */
struct classify_re {
	pcre2_code **alts; /* n; NULL: no pattern */
	size_t n;
};

/*
 * Compiles pattern (UTF-8, caseless) into out, split into alternatives
 * where that cannot change whether it matches.  0, or -1 with err naming
 * rule and the pattern's error.  Clear with classify_re_clear.
 */
int classify_re_compile(struct classify_re *out, const char *pattern,
                        const char *rule, char *err, size_t err_size);
/* Whether re matches text, which must be valid UTF-8 (tok_fold's output);
 * *md is made on first need, the caller frees it. */
bool classify_re_match(const struct classify_re *re, const char *text,
                       size_t len, pcre2_match_data **md);
void classify_re_clear(struct classify_re *re);

struct classify_rule {
	const struct conf_rule *conf;
	int *kw[KW_LISTS]; /* keyword ids */
	size_t n_kw[KW_LISTS];
	struct classify_re subject_re, body_re;
};

struct classify_rules {
	const struct conf *conf;
	struct kw_set *keywords;
	struct classify_rule *rules;
	size_t n_rules;
};

#endif
