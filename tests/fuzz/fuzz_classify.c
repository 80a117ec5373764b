/*
 * fuzz_classify: libFuzzer harness for what classification does to
 * outside text and to the patterns a configuration brings.  The input is
 * a pattern, a newline, then mail text.  The text is folded (the result
 * must be valid UTF-8: patterns are matched on it unchecked), collapsed,
 * tokenized and turned into a model document; the pattern, compiled as
 * the rules compile it (split into its alternatives where possible),
 * must match exactly where the whole pattern matches.
 */
#include "bayes.h"
#include "charset.h"
#include "classify_p.h"
#include "tokenize.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Long patterns and texts find nothing short ones do not, slower. */
#define FUZZ_MAX_PATTERN 160
#define FUZZ_MAX_TEXT 2048

static int
fuzz_count_token(const char *token, size_t len, void *arg)
{
	if (len == 0)
		abort();
	(void)token;
	++*(size_t *)arg;
	return 0;
}

/* The split pattern against the whole one, on folded text. */
static void
fuzz_pattern(const char *pattern, const char *folded)
{
	struct classify_re re;
	pcre2_code *whole;
	pcre2_match_data *md = NULL;
	PCRE2_SIZE offset;
	char err[256];
	int code, rc;

	whole = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                      PCRE2_UTF | PCRE2_CASELESS, &code, &offset, NULL);
	if (classify_re_compile(&re, pattern, "fuzz", err, sizeof(err)) != 0) {
		/* Only a pattern PCRE2 refuses may be refused. */
		if (whole != NULL)
			abort();
		return;
	}
	if (whole == NULL)
		abort();
	bool split = classify_re_match(&re, folded, strlen(folded), &md);
	rc = pcre2_match(whole, (PCRE2_SPTR)folded, strlen(folded), 0, 0, md,
	                 NULL);
	/* A match limit reached in one and not the other proves nothing. */
	if ((rc >= 0 || rc == PCRE2_ERROR_NOMATCH) && split != (rc >= 0))
		abort();
	pcre2_match_data_free(md);
	pcre2_code_free(whole);
	classify_re_clear(&re);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t plen = nl ? (size_t)(nl - data) : 0, tokens = 0;
	char *pattern, *text, *folded, *collapsed;
	struct bayes_doc doc;

	if (plen > FUZZ_MAX_PATTERN || size - plen > FUZZ_MAX_TEXT + 1)
		return 0;
	pattern = strndup((const char *)data, plen);
	text = nl ? strndup((const char *)nl + 1, size - plen - 1)
	          : strndup((const char *)data, size);
	if (pattern == NULL || text == NULL)
		goto done;
	if ((folded = tok_fold(text)) == NULL)
		goto done;
	if (!charset_utf8_valid(folded, strlen(folded)))
		abort();
	if ((collapsed = tok_collapse(folded)) != NULL)
		free(collapsed);
	(void)tok_each(folded, fuzz_count_token, &tokens);
	if (bayes_doc_build(folded, &doc) == 0)
		bayes_doc_clear(&doc);
	if (nl != NULL)
		fuzz_pattern(pattern, folded);
	free(folded);
done:
	free(pattern);
	free(text);
	return 0;
}
