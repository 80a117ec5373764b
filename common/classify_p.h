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

struct classify_rule {
	const struct conf_rule *conf;
	int *kw[KW_LISTS]; /* keyword ids */
	size_t n_kw[KW_LISTS];
	pcre2_code *subject_re, *body_re;
};

struct classify_rules {
	const struct conf *conf;
	struct kw_set *keywords;
	struct classify_rule *rules;
	size_t n_rules;
};

#endif
