/*
 * fuzz_text: libFuzzer harness for the small parsers of outside text —
 * subjects (normalisation, the desk's tag, reply prefixes), quoted
 * history in replies, the language
 * guess, the thread references in Message-IDs and addresses, survey
 * references and answers, and the order-number and expectation
 * extraction.
 */
#include "charset.h"
#include "extract.h"
#include "survey_answer.h"
#include "text.h"
#include "threadref.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned char fuzz_key[32] = "complaintd fuzz key, 32 bytes!!";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct extract_rules *rules;
	char err[256], *s, *norm;
	struct extract_result ex;

	if (rules == NULL &&
	    (rules = extract_rules_new(NULL, err, sizeof(err))) == NULL)
		abort();
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if ((norm = text_subject_norm(s)) != NULL && strlen(norm) > size)
		abort();
	free(norm);
	if ((norm = text_strip_quoted(s)) != NULL && strlen(norm) > size)
		abort();
	free(norm);
	(void)text_subject_is_reply(s);
	(void)text_subject_tag(s, "ACME");
	(void)text_language(s);
	(void)threadref_from_msgid(fuzz_key, sizeof(fuzz_key), s);
	(void)threadref_from_address(fuzz_key, sizeof(fuzz_key), s);
	(void)threadref_survey_find(fuzz_key, sizeof(fuzz_key), s);
	/* extract and survey_answer are promised valid UTF-8 (mime's
	 * output). */
	if (charset_utf8_valid(s, strlen(s))) {
		struct survey_answer a;
		if (extract_run(rules, s, s, &ex) == 0)
			free(ex.order_number);
		if (survey_answer_parse(s, s, &a) == 0) {
			if ((a.rating != -1 &&
			     (a.rating < 1 || a.rating > 5)) ||
			    (a.nps != -1 && (a.nps < 0 || a.nps > 10)) ||
			    (a.comment != NULL &&
			     (strlen(a.comment) > strlen(s) ||
			      !charset_utf8_valid(a.comment,
			                          strlen(a.comment)))))
				abort();
			survey_answer_clear(&a);
		}
	}
	free(s);
	return 0;
}
