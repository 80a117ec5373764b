/*
 * test_template: parsing the desk's mail templates (errors with their
 * line, CRLF, NUL, unclosed braces), checking placeholders against the
 * known list, rendering with defaults and hostile values, and every
 * template shipped in config/templates.
 */
#include "template.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TEMPLATE_DIR
#error TEMPLATE_DIR must name config/templates
#endif

#define N(a) (sizeof(a) / sizeof(*(a)))

/* The placeholders the desk's mail provides (the outbound code's list). */
static const char *const test_known[] = {
    "ticket",     "ticket_ref",    "tag",
    "desk_name",  "customer_name", "customer_address",
    "subject",    "received",      "first_response_due",
    "mailbox",    "order_number",  "expected_resolution",
    "text",       "language",      "category",
    "severity",   "priority",      "team",
    "assignee",   "reasons",       "recipient_name",
    "complaints", "window",        NULL,
};

/* --- helpers ----------------------------------------------------------- */

/* Parses len bytes from an exact-size heap copy (no NUL after them), so
 * the sanitizers catch a read past the end. */
static int
test_parse_len(const char *text, size_t len, struct template *t, char *err,
               size_t size)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, text, len);
	rc = template_parse(copy, len, t, err, size);
	free(copy);
	return rc;
}

static void
assert_parses(const char *text, const char *subject, const char *body)
{
	struct template t;
	char err[256] = "";

	if (test_parse_len(text, strlen(text), &t, err, sizeof(err)) != 0)
		fail_msg("parse failed: %s", err);
	assert_string_equal(t.subject, subject);
	assert_string_equal(t.body, body);
	assert_int_equal(t.body_line, 3);
	template_clear(&t);
}

static void
assert_parse_error_len(const char *text, size_t len, const char *want)
{
	struct template t;
	char err[256] = "";

	assert_int_equal(test_parse_len(text, len, &t, err, sizeof(err)), -1);
	if (strcmp(err, want) != 0)
		fail_msg("error \"%s\", want \"%s\"", err, want);
	assert_null(t.subject);
	assert_null(t.body);
	template_clear(&t);
}

static void
assert_parse_error(const char *text, const char *want)
{
	assert_parse_error_len(text, strlen(text), want);
}

/* Parses text (which must parse) and checks it against test_known. */
static int
test_check(const char *text, char *err, size_t size)
{
	struct template t;
	int rc;

	if (test_parse_len(text, strlen(text), &t, err, size) != 0)
		fail_msg("parse failed: %s", err);
	rc = template_check(&t, test_known, err, size);
	template_clear(&t);
	return rc;
}

static void
assert_check_error(const char *text, const char *want)
{
	char err[1024] = "";

	assert_int_equal(test_check(text, err, sizeof(err)), -1);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("error \"%s\", want \"%s...\"", err, want);
}

/* Values for rendering: "name=value" pairs, NULL-terminated. */
static const char *
test_lookup(void *arg, const char *name)
{
	const char *const *pairs = arg;
	size_t n = strlen(name);

	for (; *pairs != NULL; pairs++)
		if (strncmp(*pairs, name, n) == 0 && (*pairs)[n] == '=')
			return *pairs + n + 1;
	return NULL;
}

static void
assert_render(const char *s, const char *const *values, const char *want)
{
	char *got = template_render(s, test_lookup, (void *)(uintptr_t)values);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* --- parsing ----------------------------------------------------------- */

static void
test_parse_ok(void **state)
{
	(void)state;
	assert_parses("Subject: Hello {{ticket_ref}}\n\nBody\nline 2\n",
	              "Hello {{ticket_ref}}", "Body\nline 2\n");
	/* Case of the keyword, white space around the subject. */
	assert_parses("subject:\t  Hi  \t\n\nB", "Hi", "B");
	assert_parses("SUBJECT:x\n\n", "x", "");
	/* Blank lines at the start of the body are the author's. */
	assert_parses("Subject: s\n\n\n\nB\n", "s", "\n\nB\n");
	/* UTF-8, and a byte order mark from a Windows editor. */
	assert_parses("Subject: 我们已收到您的来信\n\n您好，\n",
	              "我们已收到您的来信", "您好，\n");
	assert_parses("\xef\xbb\xbfSubject: BOM\n\nB\n", "BOM", "B\n");
}

static void
test_parse_crlf(void **state)
{
	(void)state;
	assert_parses("Subject: Hello\r\n\r\nLine 1\r\nLine 2\r\n", "Hello",
	              "Line 1\nLine 2\n");
	/* Mixed, and old Mac CRs. */
	assert_parses("Subject: Hello\r\n\nA\r\nB\nC\rD\r\n", "Hello",
	              "A\nB\nC\nD\n");
	assert_parses("Subject: Hello\r\rA\r", "Hello", "A\n");
	assert_parse_error("Subject: Hello\r\nBody\r\n",
	                   "2: a blank line must follow the Subject line");
}

static void
test_parse_errors(void **state)
{
	(void)state;
	assert_parse_error("", "1: the first line must be \"Subject: ...\"");
	assert_parse_error("Hello\n\nBody",
	                   "1: the first line must be \"Subject: ...\"");
	assert_parse_error(" Subject: x\n\nBody",
	                   "1: the first line must be \"Subject: ...\"");
	assert_parse_error("\nSubject: x\n\nBody",
	                   "1: the first line must be \"Subject: ...\"");
	assert_parse_error("Subject: x",
	                   "2: a blank line must follow the Subject line");
	assert_parse_error("Subject: x\n",
	                   "2: a blank line must follow the Subject line");
	assert_parse_error("Subject: x\nBody\n",
	                   "2: a blank line must follow the Subject line");
	assert_parse_error("Subject: x\n \nBody\n",
	                   "2: a blank line must follow the Subject line");
	assert_parse_error("Subject:\n\nBody", "1: the Subject is empty");
	assert_parse_error("Subject:   \t\n\nBody", "1: the Subject is empty");
}

static void
test_parse_unclosed(void **state)
{
	(void)state;
	assert_parse_error("Subject: {{ticket_ref\n\nBody",
	                   "1: \"{{\" without \"}}\" on its line");
	assert_parse_error("Subject: x\n\nLine 3\nLine 4 {{subject\nLine 5 }}",
	                   "4: \"{{\" without \"}}\" on its line");
	assert_parse_error("Subject: x\n\n{{a}} and {{b\n",
	                   "3: \"{{\" without \"}}\" on its line");
	assert_parse_error("Subject: x\r\n\r\nA\r\nB\r\n{{c\r\n",
	                   "5: \"{{\" without \"}}\" on its line");
	/* A lone "}}" or "{" is text. */
	assert_parses("Subject: x\n\na }} b { c } d\n", "x",
	              "a }} b { c } d\n");
}

static void
test_parse_nul(void **state)
{
	static const char nul1[] = "Subject: a\0b\n\nBody\n";
	static const char nul3[] = "Subject: a\n\nBody\0\n";

	(void)state;
	assert_parse_error_len(nul1, sizeof(nul1) - 1,
	                       "1: NUL byte in the template");
	assert_parse_error_len(nul3, sizeof(nul3) - 1,
	                       "3: NUL byte in the template");
	assert_parse_error_len("\0", 1, "1: NUL byte in the template");
}

static void
test_load(void **state)
{
	char path[] = "/tmp/test_template.XXXXXX", err[256];
	struct template t;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "Subject: s\r\n\r\nbody\r\n", 20), 20);
	close(fd);
	assert_int_equal(template_load(path, &t, err, sizeof(err)), 0);
	assert_string_equal(t.subject, "s");
	assert_string_equal(t.body, "body\n");
	template_clear(&t);
	unlink(path);
	assert_int_equal(template_load(path, &t, err, sizeof(err)), -1);
	assert_string_equal(err, "cannot read: No such file or directory");
	assert_null(t.subject);
	assert_int_equal(template_load("/tmp", &t, err, sizeof(err)), -1);
	assert_string_equal(err, "cannot read: Is a directory");
	template_clear(NULL);
}

/* --- checking ---------------------------------------------------------- */

static void
test_check_known(void **state)
{
	char err[1024] = "";

	(void)state;
	assert_int_equal(test_check("Subject: {{ticket_ref}} {{subject}}\n\n"
	                            "{{customer_name|customer}}, "
	                            "{{ ticket }} {{first_response_due}}\n",
	                            err, sizeof(err)),
	                 0);
	assert_int_equal(
	    test_check("Subject: no placeholders\n\nplain\n", err, sizeof(err)),
	    0);
}

static void
test_check_unknown(void **state)
{
	(void)state;
	assert_check_error("Subject: {{ticket_reference}}\n\nBody\n",
	                   "1: unknown placeholder {{ticket_reference}} "
	                   "(known: ticket, ticket_ref, tag, desk_name, "
	                   "customer_name, customer_address, subject, "
	                   "received, first_response_due, mailbox, "
	                   "order_number, expected_resolution, text, "
	                   "language, category, severity, priority, team, "
	                   "assignee, reasons, recipient_name, complaints, "
	                   "window)");
	assert_check_error("Subject: s\n\nLine 3\nLine 4\n\nLine 6 "
	                   "{{Customer_Name|x}}\n",
	                   "6: unknown placeholder {{Customer_Name}} (known: ");
	assert_check_error("Subject: s\r\n\r\nA\r\n{{nope}}\r\n",
	                   "4: unknown placeholder {{nope}} (known: ");
	assert_check_error("Subject: s\n\n{{}}\n",
	                   "3: empty or malformed placeholder");
	assert_check_error("Subject: s\n\nx\n{{ |default}}\n",
	                   "4: empty or malformed placeholder");
	assert_check_error("Subject: s\n\n{{{{ticket}}\n",
	                   "3: empty or malformed placeholder");
	assert_check_error("Subject: {{ticket}} {{bad name}}\n\nB\n",
	                   "1: unknown placeholder {{bad name}}");
}

/* The "known" list in the message is cut, never overflows err. */
static void
test_check_small_buffer(void **state)
{
	char err[40];

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(test_check("Subject: {{x}}\n\nB\n", err, sizeof(err)),
	                 -1);
	assert_non_null(memchr(err, '\0', sizeof(err)));
	assert_int_equal(strncmp(err, "1: unknown placeholder {{x}}", 28), 0);
}

/* --- rendering --------------------------------------------------------- */

static void
test_render_values(void **state)
{
	static const char *const v[] = {
	    "ticket_ref=[ACME #123]", "customer_name=张三",
	    "empty=", "subject=Refund {{ticket_ref}} please", NULL};

	(void)state;
	assert_render("{{ticket_ref}} {{customer_name}}", v,
	              "[ACME #123] 张三");
	assert_render("{{ ticket_ref }}", v, "[ACME #123]");
	/* Defaults apply to missing and empty values alike. */
	assert_render("Dear {{missing|customer}},", v, "Dear customer,");
	assert_render("Dear {{empty|customer}},", v, "Dear customer,");
	assert_render("Dear {{customer_name|customer}},", v, "Dear 张三,");
	assert_render("{{missing}}|{{empty}}|{{missing|}}", v, "||");
	assert_render("{{missing|您好}}", v, "您好");
	assert_render("{{missing|a | b}}", v, "a | b");
	/* A value is never expanded again. */
	assert_render("Re: {{subject}}", v, "Re: Refund {{ticket_ref}} please");
	assert_render("", v, "");
	assert_render("no placeholders", v, "no placeholders");
	assert_render("{{ticket_ref}}{{ticket_ref}}", v,
	              "[ACME #123][ACME #123]");
}

/* What the check refuses is kept as written if it reaches rendering. */
static void
test_render_malformed(void **state)
{
	static const char *const v[] = {"a=1", NULL};

	(void)state;
	assert_render("x {{a", v, "x {{a");
	assert_render("{{}} {{a}}", v, "{{}} 1");
	assert_render("}} {{a}} }}", v, "}} 1 }}");
	assert_render("{{{{a}}", v, "{{1");
}

/* A value as long as a mail body. */
static void
test_render_large(void **state)
{
	char *big = malloc(1 << 20), *pair = malloc((1 << 20) + 8), *got;
	const char *v[] = {pair, NULL};

	(void)state;
	assert_non_null(big);
	assert_non_null(pair);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	snprintf(pair, (1 << 20) + 8, "text=%s", big);
	got = template_render("<{{text}}>", test_lookup, (void *)(uintptr_t)v);
	assert_non_null(got);
	assert_int_equal(strlen(got), (1 << 20) + 1);
	assert_int_equal(strncmp(got + 1, big, strlen(big)), 0);
	free(got);
	free(pair);
	free(big);
}

/* --- the shipped templates --------------------------------------------- */

static const char *const test_langs[] = {"en", "zh"};
static const char *const test_kinds[] = {
    "ack.txt",          "notify_new.txt",      "notify_reply.txt",
    "urgent_alert.txt", "repeat_customer.txt",
};

/* --- sections ---------------------------------------------------------- */

static void
test_render_sections(void **state)
{
	static const char *const on[] = {"nps=0 1 2", "ticket=7", NULL};
	static const char *const off[] = {"ticket=7", NULL};
	const char *s =
	    "A\n{{#nps}}\nRecommend? {{nps}}\n{{/nps}}\nB {{ticket}}";

	(void)state;
	/* A tag alone on its line takes the line with it. */
	assert_render(s, on, "A\nRecommend? 0 1 2\nB 7");
	assert_render(s, off, "A\nB 7");
	/* Inline, and nested sections of the same name. */
	assert_render("x{{#nps}}[{{#nps}}in{{/nps}}]{{/nps}}y", off, "xy");
	assert_render("x{{#nps}}[{{#nps}}in{{/nps}}]{{/nps}}y", on, "x[in]y");
	/* Inside a skipped section nothing is looked at. */
	assert_render("{{#nps}}{{ticket}}{{/nps}}.", off, ".");
	/* Unclosed at render time (never past the check): skips to the end. */
	assert_render("a{{#nps}}b", off, "a");
}

static void
test_check_sections(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(test_check("Subject: x\n\n{{#ticket}}\n{{ticket}}\n"
	                            "{{/ticket}}\n",
	                            err, sizeof(err)),
	                 0);
	assert_check_error("Subject: x\n\n{{#ticket}}\n",
	                   "section {{#ticket}}");
	assert_check_error("Subject: x\n\n{{/ticket}}\n",
	                   "3: {{/ticket}} closes");
	assert_check_error(
	    "Subject: x\n\n{{#tag}}{{#ticket}}{{/tag}}{{/ticket}}\n",
	    "3: {{/tag}} closes");
	assert_check_error("Subject: x\n\n{{#nosuch}}{{/nosuch}}\n",
	                   "3: unknown placeholder {{#nosuch}}");
	assert_check_error("Subject: x\n\n{{#}}\n", "3: empty or malformed");
}

static void
test_load_shipped(const char *lang, const char *kind, struct template *t)
{
	char path[512], err[1024];

	snprintf(path, sizeof(path), "%s/%s/%s", TEMPLATE_DIR, lang, kind);
	if (template_load(path, t, err, sizeof(err)) != 0)
		fail_msg("%s: %s", path, err);
	if (template_check(t, test_known, err, sizeof(err)) != 0)
		fail_msg("%s:%s", path, err);
}

static void
test_shipped_templates(void **state)
{
	static const char *const v[] = {
	    "ticket=123",
	    "ticket_ref=[ACME #123]",
	    "tag=ACME",
	    "desk_name=ACME Support",
	    "customer_address=alice@example.org",
	    "subject=Broken kettle",
	    "received=2025-12-04 17:30",
	    "first_response_due=2025-12-05 17:30",
	    "mailbox=support",
	    "text=It leaks.",
	    "language=en",
	    "priority=50",
	    "complaints=4",
	    "window=30",
	    NULL,
	};

	(void)state;
	for (size_t l = 0; l < N(test_langs); l++) {
		for (size_t k = 0; k < N(test_kinds); k++) {
			struct template t;
			char *subject, *body;

			test_load_shipped(test_langs[l], test_kinds[k], &t);
			subject = template_render(t.subject, test_lookup,
			                          (void *)(uintptr_t)v);
			body = template_render(t.body, test_lookup,
			                       (void *)(uintptr_t)v);
			assert_non_null(subject);
			assert_non_null(body);
			/* Every placeholder filled, the reference in the
			 * subject so replies thread back. */
			assert_null(strstr(subject, "{{"));
			assert_null(strstr(body, "{{"));
			assert_non_null(strstr(subject, "[ACME #123]"));
			assert_non_null(strstr(body, "[ACME #123]"));
			/* No customer name: the default greets. */
			assert_null(strstr(body, " ,"));
			assert_null(strstr(body, "\r"));
			if (strcmp(test_kinds[k], "ack.txt") == 0) {
				assert_non_null(
				    strstr(body, "2025-12-05 17:30"));
				assert_non_null(
				    strstr(subject, "Broken kettle"));
			} else {
				assert_non_null(strstr(body, "It leaks."));
				assert_non_null(
				    strstr(body, "alice@example.org"));
			}
			free(subject);
			free(body);
			template_clear(&t);
		}
	}
}

/* The survey's own placeholders, beyond test_known's. */
static const char *const test_survey_known[] = {
    "ticket_ref",    "desk_name",      "customer_name",  "customer_address",
    "subject",       "closed",         "survey_ref",     "rate_1",
    "rate_2",        "rate_3",         "rate_4",         "rate_5",
    "nps",           "aspects",        "unsubscribe",    "rating",
    "survey_scores", "survey_comment", "recipient_name", "team",
    "assignee",      "category",       "severity",       NULL,
};

static char *
test_render_survey(const struct template *t, bool nps, bool aspects)
{
	const char *v[] = {
	    "ticket_ref=[ACME #9]",
	    "survey_ref=S9-abcdefghij",
	    "desk_name=ACME Support",
	    "closed=4 December 2026",
	    "rate_1=mailto:r1",
	    "rate_2=mailto:r2",
	    "rate_3=mailto:r3",
	    "rate_4=mailto:r4",
	    "rate_5=mailto:r5",
	    "unsubscribe=mailto:unsub",
	    nps ? "nps=  10 mailto:n10" : "nps=",
	    aspects ? "aspects=yes" : "aspects=",
	    NULL,
	};
	char *body =
	    template_render(t->body, test_lookup, (void *)(uintptr_t)v);

	assert_non_null(body);
	return body;
}

static void
test_shipped_survey(void **state)
{
	char path[512], err[1024];

	(void)state;
	for (size_t l = 0; l < N(test_langs); l++) {
		struct template t;
		snprintf(path, sizeof(path), "%s/%s/survey.txt", TEMPLATE_DIR,
		         test_langs[l]);
		if (template_load(path, &t, err, sizeof(err)) != 0 ||
		    template_check(&t, test_survey_known, err, sizeof(err)))
			fail_msg("%s: %s", path, err);
		assert_non_null(strstr(t.subject, "{{survey_ref}}"));
		char *plain = test_render_survey(&t, false, false);
		char *full = test_render_survey(&t, true, true);
		/* Every rating has its link; unsubscribing is always offered.
		 */
		for (int r = 1; r <= 5; r++) {
			char link[16];
			snprintf(link, sizeof(link), "mailto:r%d", r);
			assert_non_null(strstr(plain, link));
		}
		assert_non_null(strstr(plain, "mailto:unsub"));
		/* The optional questions only when asked, leaving no tags
		 * and no run of blank lines behind. */
		assert_null(strstr(plain, "mailto:n10"));
		assert_non_null(strstr(full, "mailto:n10"));
		assert_true(strlen(full) > strlen(plain) + 100);
		assert_null(strstr(plain, "{{"));
		assert_null(strstr(full, "{{"));
		assert_null(strstr(plain, "\n\n\n"));
		assert_null(strstr(full, "\n\n\n"));
		free(plain);
		free(full);
		template_clear(&t);
		snprintf(path, sizeof(path), "%s/%s/survey_low.txt",
		         TEMPLATE_DIR, test_langs[l]);
		if (template_load(path, &t, err, sizeof(err)) != 0 ||
		    template_check(&t, test_survey_known, err, sizeof(err)))
			fail_msg("%s: %s", path, err);
		template_clear(&t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_ok),
	    cmocka_unit_test(test_parse_crlf),
	    cmocka_unit_test(test_parse_errors),
	    cmocka_unit_test(test_parse_unclosed),
	    cmocka_unit_test(test_parse_nul),
	    cmocka_unit_test(test_load),
	    cmocka_unit_test(test_check_known),
	    cmocka_unit_test(test_check_unknown),
	    cmocka_unit_test(test_check_small_buffer),
	    cmocka_unit_test(test_render_values),
	    cmocka_unit_test(test_render_malformed),
	    cmocka_unit_test(test_render_large),
	    cmocka_unit_test(test_render_sections),
	    cmocka_unit_test(test_check_sections),
	    cmocka_unit_test(test_shipped_templates),
	    cmocka_unit_test(test_shipped_survey),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
