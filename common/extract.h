/*
 * extract: facts a complaint states in passing — the order number and what
 * the customer expects (refund, exchange, repair, apology) — found in
 * English and Chinese text by patterns the configuration can extend.
 * Pure; the compiled rules are read-only and shared between threads.
 */
#ifndef COMPLAINTD_EXTRACT_H
#define COMPLAINTD_EXTRACT_H

#include <stddef.h>

/* What a customer can ask for, in the order ties are broken. */
enum extract_expectation {
	EXTRACT_REFUND,
	EXTRACT_EXCHANGE,
	EXTRACT_REPAIR,
	EXTRACT_APOLOGY,
	EXTRACT_N_EXPECTATIONS,
};

/* Extra patterns and keywords from the configuration, added to the
 * built-in ones.  Borrowed during extract_rules_new only. */
struct extract_config {
	const char *const *order_patterns; /* regexes, group 1 = the number */
	size_t n_order_patterns;
	const char *const *keywords[EXTRACT_N_EXPECTATIONS];
	size_t n_keywords[EXTRACT_N_EXPECTATIONS];
};

struct extract_rules;

/*
 * Compiles the built-in rules plus config's (NULL: none).  Returns the
 * rules (caller frees with extract_rules_free) or NULL with a message in
 * err (a pattern that does not compile names itself).
 */
struct extract_rules *extract_rules_new(const struct extract_config *config,
                                        char *err, size_t err_size);
void extract_rules_free(struct extract_rules *rules);

/* 0 when pattern compiles and has a capture group, else -1 and why. */
int extract_pattern_check(const char *pattern, char *err, size_t err_size);

/* "refund", "exchange", "repair", "apology". */
const char *extract_expectation_name(enum extract_expectation e);

struct extract_result {
	char *order_number;      /* caller frees; NULL when none */
	const char *expectation; /* static name; NULL when none */
};

/* Looks at subject then text (both valid UTF-8: not checked again).
 * Returns 0; memory running out only means less is found. */
int extract_run(const struct extract_rules *rules, const char *subject,
                const char *text, struct extract_result *out);

#endif
