/*
 * extract: order numbers by regular expression (PCRE2, UTF-8 aware) and
 * the customer's expectation by the earliest keyword in the text.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "extract.h"

#include <ctype.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An order number has a digit and 4 to 40 of [A-Za-z0-9-]. */
#define EXTRACT_NUMBER "(?=[A-Za-z0-9-]*[0-9])([A-Za-z0-9][A-Za-z0-9-]{3,39})"
/* Not after an ASCII letter ("reorder"); \b would also refuse a Han one
 * under PCRE2_UCP, as in "我的order 12345". */
#define EXTRACT_WORD "(?<![A-Za-z0-9_])"

static const char *const extract_builtin_patterns[] = {
    "(?i)" EXTRACT_WORD "order[\\s-]*(?:number|num|no\\.?|id|#)?\\s*"
    "(?:is|was)?\\s*[:#]?\\s*#?\\s*" EXTRACT_NUMBER,
    "(?i)" EXTRACT_WORD "(?:invoice|tracking)\\s*(?:number|no\\.?|#)?\\s*[:#]?"
    "\\s*" EXTRACT_NUMBER,
    "(?:订单|訂單)(?:号码|編號|编号|号|號)?\\s*(?:是|为|為)?\\s*[:：#]?"
    "\\s*#?\\s*" EXTRACT_NUMBER,
};

static const char *const extract_builtin_refund[] = {
    "refund", "money back", "reimburse", "chargeback", "退款", "退钱",
    "退錢",   "退货",       "退貨",      "退费",       "退費", NULL,
};
static const char *const extract_builtin_exchange[] = {
    "exchange", "replacement", "replace it", "swap it", "换货", "換貨",
    "更换",     "更換",        "换一个",     "换个新",  NULL,
};
static const char *const extract_builtin_repair[] = {
    "repair", "fix it", "get it fixed", "warranty", "维修",
    "維修",   "修理",   "保修",         NULL,
};
static const char *const extract_builtin_apology[] = {
    "apology", "apologise", "apologize", "apologies", "say sorry",
    "道歉",    "赔礼",      "賠禮",      "给个说法",  NULL,
};

static const char *const *const extract_builtin_keywords[] = {
    extract_builtin_refund,
    extract_builtin_exchange,
    extract_builtin_repair,
    extract_builtin_apology,
};

static const char *const extract_names[] = {"refund", "exchange", "repair",
                                            "apology"};

struct extract_rules {
	pcre2_code **patterns;
	size_t n_patterns;
	/* Keywords per expectation: built-in then configured, borrowed
	 * strings copied so the rules outlive the configuration. */
	char **keywords[EXTRACT_N_EXPECTATIONS];
	size_t n_keywords[EXTRACT_N_EXPECTATIONS];
	/* The keywords by their first byte, expectation order kept, so one
	 * pass over a text finds the earliest keyword of any kind. */
	struct extract_kw *by_first[256];
	size_t n_by_first[256];
};

struct extract_kw {
	const char *text; /* borrowed from keywords[] */
	size_t len;
	int expectation;
};

const char *
extract_expectation_name(enum extract_expectation e)
{
	return extract_names[e];
}

static pcre2_code *
extract_compile(const char *pattern, char *err, size_t err_size)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE offset;
	int code;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                  PCRE2_UTF | PCRE2_UCP, &code, &offset, NULL);
	uint32_t groups = 0;

	if (re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, err_size, "pattern \"%s\": %s at offset %zu",
		         pattern, (const char *)msg, (size_t)offset);
		return NULL;
	}
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups < 1) {
		snprintf(err, err_size,
		         "pattern \"%s\" has no capture group ( ... ) for the "
		         "order number",
		         pattern);
		pcre2_code_free(re);
		return NULL;
	}
	return re;
}

int
extract_pattern_check(const char *pattern, char *err, size_t err_size)
{
	pcre2_code *re = extract_compile(pattern, err, err_size);
	int rc = re != NULL ? 0 : -1;

	pcre2_code_free(re);
	return rc;
}

void
extract_rules_free(struct extract_rules *rules)
{
	if (rules == NULL)
		return;
	for (size_t i = 0; i < rules->n_patterns; i++)
		pcre2_code_free(rules->patterns[i]);
	free(rules->patterns);
	for (int e = 0; e < EXTRACT_N_EXPECTATIONS; e++) {
		for (size_t i = 0; i < rules->n_keywords[e]; i++)
			free(rules->keywords[e][i]);
		free(rules->keywords[e]);
	}
	for (int b = 0; b < 256; b++)
		free(rules->by_first[b]);
	free(rules);
}

/* Configured patterns first: a desk's own format beats the guesses. */
static int
extract_add_patterns(struct extract_rules *r, const struct extract_config *c,
                     char *err, size_t err_size)
{
	size_t n_config = c ? c->n_order_patterns : 0;
	size_t n_builtin = sizeof(extract_builtin_patterns) /
	                   sizeof(*extract_builtin_patterns);

	r->patterns = calloc(n_config + n_builtin, sizeof(*r->patterns));
	if (r->patterns == NULL)
		return -1;
	for (size_t i = 0; i < n_config + n_builtin; i++) {
		const char *p = i < n_config
		                    ? c->order_patterns[i]
		                    : extract_builtin_patterns[i - n_config];
		if ((r->patterns[i] = extract_compile(p, err, err_size)) ==
		    NULL)
			return -1;
		r->n_patterns++;
	}
	return 0;
}

static int
extract_add_keywords(struct extract_rules *r, const struct extract_config *c)
{
	for (int e = 0; e < EXTRACT_N_EXPECTATIONS; e++) {
		const char *const *builtin = extract_builtin_keywords[e];
		size_t n_builtin = 0, n_config = c ? c->n_keywords[e] : 0;

		while (builtin[n_builtin] != NULL)
			n_builtin++;
		r->keywords[e] = calloc(n_builtin + n_config, sizeof(char *));
		if (r->keywords[e] == NULL)
			return -1;
		for (size_t i = 0; i < n_builtin + n_config; i++) {
			const char *k = i < n_builtin
			                    ? builtin[i]
			                    : c->keywords[e][i - n_builtin];
			if ((r->keywords[e][i] = strdup(k)) == NULL)
				return -1;
			for (char *p = r->keywords[e][i]; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			r->n_keywords[e]++;
		}
	}
	return 0;
}

/* Files every keyword under its first byte. */
static int
extract_index_keywords(struct extract_rules *r)
{
	for (int e = 0; e < EXTRACT_N_EXPECTATIONS; e++) {
		for (size_t i = 0; i < r->n_keywords[e]; i++) {
			const char *k = r->keywords[e][i];
			unsigned char b = (unsigned char)k[0];
			struct extract_kw *v;

			if (b == '\0')
				continue;
			v = realloc(r->by_first[b],
			            (r->n_by_first[b] + 1) * sizeof(*v));
			if (v == NULL)
				return -1;
			v[r->n_by_first[b]++] =
			    (struct extract_kw){k, strlen(k), e};
			r->by_first[b] = v;
		}
	}
	return 0;
}

struct extract_rules *
extract_rules_new(const struct extract_config *config, char *err,
                  size_t err_size)
{
	struct extract_rules *r = calloc(1, sizeof(*r));

	snprintf(err, err_size, "out of memory");
	if (r == NULL || extract_add_patterns(r, config, err, err_size) != 0 ||
	    extract_add_keywords(r, config) != 0 ||
	    extract_index_keywords(r) != 0) {
		extract_rules_free(r);
		return NULL;
	}
	return r;
}

/* The first order number any pattern finds in text; caller frees. */
static char *
extract_order(const struct extract_rules *r, const char *text)
{
	char *found = NULL;

	for (size_t i = 0; i < r->n_patterns && found == NULL; i++) {
		pcre2_match_data *md =
		    pcre2_match_data_create_from_pattern(r->patterns[i], NULL);
		PCRE2_SIZE *ov;

		if (md == NULL)
			return NULL;
		if (pcre2_match(r->patterns[i], (PCRE2_SPTR)text,
		                PCRE2_ZERO_TERMINATED, 0, PCRE2_NO_UTF_CHECK,
		                md, NULL) >= 2) {
			ov = pcre2_get_ovector_pointer(md);
			/* An empty group ("(\d*)") is no number; let the
			 * next pattern try. */
			if (ov[2] != PCRE2_UNSET && ov[3] > ov[2])
				found = strndup(text + ov[2], ov[3] - ov[2]);
		}
		pcre2_match_data_free(md);
	}
	return found;
}

/*
 * The expectation of the keyword that starts earliest in text (ties: the
 * earlier kind), or NULL.  ASCII keywords match case-insensitively and
 * only at the start of a word ("refund" in "refunded", not "fix" in
 * "prefix"); CJK ones anywhere.  One pass over the text.
 */
static const char *
extract_expectation(const struct extract_rules *r, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	for (size_t at = 0; p[at] != '\0'; at++) {
		unsigned char c = p[at];

		/* Only word starts and character starts can begin a match. */
		if (c < 0x80) {
			if (at > 0 && isalnum(p[at - 1]))
				continue;
			c = (unsigned char)tolower(c);
		} else if ((c & 0xc0) == 0x80) {
			continue;
		}
		for (size_t i = 0; i < r->n_by_first[c]; i++) {
			const struct extract_kw *k = &r->by_first[c][i];
			/* The second byte rules out most candidates cheaply. */
			if (k->len > 1 &&
			    tolower(p[at + 1]) != (unsigned char)k->text[1])
				continue;
			if (strncasecmp((const char *)p + at, k->text,
			                k->len) == 0)
				return extract_names[k->expectation];
		}
	}
	return NULL;
}

int
extract_run(const struct extract_rules *rules, const char *subject,
            const char *text, struct extract_result *out)
{
	out->order_number = extract_order(rules, subject);
	if (out->order_number == NULL)
		out->order_number = extract_order(rules, text);
	out->expectation = extract_expectation(rules, subject);
	if (out->expectation == NULL)
		out->expectation = extract_expectation(rules, text);
	return 0;
}
