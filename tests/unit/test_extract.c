/*
 * test_extract: order numbers as customers write them in English and
 * Chinese, configured patterns and their checks, and the expectation named
 * by the earliest keyword, built-in or configured.
 */
#include "extract.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof(*(a)))

/* The built-in rules, shared by the tests that need no configuration. */
static int
extract_test_setup(void **state)
{
	char err[256];
	struct extract_rules *rules = extract_rules_new(NULL, err, sizeof(err));

	if (rules == NULL) {
		fprintf(stderr, "extract_rules_new: %s\n", err);
		return -1;
	}
	*state = rules;
	return 0;
}

static int
extract_test_teardown(void **state)
{
	extract_rules_free(*state);
	return 0;
}

static struct extract_rules *
extract_test_rules(const struct extract_config *config)
{
	char err[256];
	struct extract_rules *rules =
	    extract_rules_new(config, err, sizeof(err));

	if (rules == NULL)
		fail_msg("extract_rules_new: %s", err);
	return rules;
}

/* Runs rules on subject and text; want NULL means none. */
static void
assert_extract(const struct extract_rules *rules, const char *subject,
               const char *text, const char *want_order,
               const char *want_expectation)
{
	struct extract_result r = {(char *)"untouched", "untouched"};

	assert_int_equal(extract_run(rules, subject, text, &r), 0);
	if (want_order == NULL && r.order_number != NULL)
		fail_msg("order in \"%s\" / \"%s\": \"%s\", want none", subject,
		         text, r.order_number);
	if (want_order != NULL &&
	    (r.order_number == NULL || strcmp(r.order_number, want_order) != 0))
		fail_msg("order in \"%s\" / \"%s\": \"%s\", want \"%s\"",
		         subject, text,
		         r.order_number ? r.order_number : "none", want_order);
	if (want_expectation == NULL && r.expectation != NULL)
		fail_msg("expectation of \"%s\" / \"%s\": %s, want none",
		         subject, text, r.expectation);
	if (want_expectation != NULL &&
	    (r.expectation == NULL ||
	     strcmp(r.expectation, want_expectation) != 0))
		fail_msg("expectation of \"%s\" / \"%s\": %s, want %s", subject,
		         text, r.expectation ? r.expectation : "none",
		         want_expectation);
	free(r.order_number);
}

static void
assert_order(const struct extract_rules *rules, const char *text,
             const char *want)
{
	struct extract_result r = {NULL, NULL};

	assert_int_equal(extract_run(rules, "", text, &r), 0);
	if (want == NULL && r.order_number != NULL)
		fail_msg("order in \"%s\": \"%s\", want none", text,
		         r.order_number);
	if (want != NULL &&
	    (r.order_number == NULL || strcmp(r.order_number, want) != 0))
		fail_msg("order in \"%s\": \"%s\", want \"%s\"", text,
		         r.order_number ? r.order_number : "none", want);
	free(r.order_number);
}

static void
assert_expectation(const struct extract_rules *rules, const char *text,
                   const char *want)
{
	struct extract_result r = {NULL, NULL};

	assert_int_equal(extract_run(rules, "", text, &r), 0);
	free(r.order_number);
	if (want == NULL && r.expectation != NULL)
		fail_msg("expectation of \"%s\": %s, want none", text,
		         r.expectation);
	if (want != NULL &&
	    (r.expectation == NULL || strcmp(r.expectation, want) != 0))
		fail_msg("expectation of \"%s\": %s, want %s", text,
		         r.expectation ? r.expectation : "none", want);
}

static void
test_order_english(void **state)
{
	const struct extract_rules *rules = *state;

	assert_order(rules, "Order #A12345", "A12345");
	assert_order(rules, "order number: 2026-001234", "2026-001234");
	assert_order(rules, "Hello,\n\nmy ORDER NO. 77881 never arrived.",
	             "77881");
	assert_order(rules, "Order No 77881", "77881");
	assert_order(rules, "order#55512 is late", "55512");
	assert_order(rules, "Order ID: 123-4567890-1234567",
	             "123-4567890-1234567");
	assert_order(rules, "I placed an order on Monday; order 90210 it was.",
	             "90210");
	assert_order(rules, "Your order A12345.", "A12345");
	assert_order(rules, "Invoice No. INV-2026-0042 is wrong",
	             "INV-2026-0042");
	assert_order(rules, "tracking number 1Z999AA10123456784",
	             "1Z999AA10123456784");
	/* An order beats a tracking number, wherever each stands. */
	assert_order(rules,
	             "Tracking number 1Z999AA10123456784 for order 55555",
	             "55555");
}

static void
test_order_chinese(void **state)
{
	const struct extract_rules *rules = *state;

	assert_order(rules, "订单号：SO20261204001", "SO20261204001");
	assert_order(rules, "訂單編號 12345678", "12345678");
	assert_order(rules, "你好，我的订单号是SO12345，还没发货", "SO12345");
	assert_order(rules, "订单编号:20260101001", "20260101001");
	assert_order(rules, "订单号为 88886666", "88886666");
	assert_order(rules, "订单号码：2026-0001", "2026-0001");
	assert_order(rules, "訂單號：TW-77889", "TW-77889");
	assert_order(rules, "订单　12345678", "12345678"); /* U+3000 */
	assert_order(rules, "订单12345678已经签收但是是空盒", "12345678");
}

/* Chinese mail names the order in English too, with no space before it. */
static void
test_order_mixed_script(void **state)
{
	const struct extract_rules *rules = *state;

	assert_order(rules, "我的order #A12345还没到", "A12345");
	assert_order(rules, "你好，order number: 2026-001234，谢谢",
	             "2026-001234");
	assert_order(rules, "请查一下invoice no. INV-2026-0042",
	             "INV-2026-0042");
	assert_order(rules, "查tracking 1Z999AA10123456784",
	             "1Z999AA10123456784");
	/* An ASCII letter before it still makes another word. */
	assert_order(rules, "Please reorder 12345 units", NULL);
	assert_order(rules, "cross-border 12345 km", NULL);
	assert_order(rules, "preorder#55512", NULL);
	assert_order(rules, "x_order 55512", NULL);
	assert_order(rules, "(order 55512)", "55512");
}

/* Without a digit, or too short, it is a word and not a number. */
static void
test_order_none(void **state)
{
	const struct extract_rules *rules = *state;
	static const char *const texts[] = {
	    "",
	    "My kettle leaks.",
	    "Order #ABCDEF",
	    "order number: unknown",
	    "I ordered a kettle on 12 May",
	    "order 123",
	    "order #12",
	    "订单还没到",
	    "订单号：没有",
	    "我的订单号忘记了，是上周五买的",
	    "Order:",
	    "订单号：",
	};

	for (size_t i = 0; i < N(texts); i++)
		assert_order(rules, texts[i], NULL);
}

/* The subject is read first, and the text only when it has nothing. */
static void
test_subject_first(void **state)
{
	const struct extract_rules *rules = *state;

	assert_extract(rules, "Order #11111 arrived broken",
	               "Sorry, I meant order #22222. Please repair it.",
	               "11111", "repair");
	assert_extract(rules, "Kettle arrived broken",
	               "It is order #22222. Please repair it.", "22222",
	               "repair");
	assert_extract(rules, "I want a refund",
	               "or a replacement, order 33333", "33333", "refund");
	assert_extract(rules, "Re: 订单号：SO1234567 要求退款",
	               "不退款的话就换货", "SO1234567", "refund");
	assert_extract(rules, "", "", NULL, NULL);
}

static const char *const extract_test_po[] = {"\\b(PO-\\d{6})\\b"};

/* A desk's own format comes before the built-in guesses. */
static void
test_configured_pattern(void **state)
{
	struct extract_config config = {
	    .order_patterns = extract_test_po,
	    .n_order_patterns = N(extract_test_po),
	};
	struct extract_rules *rules = extract_test_rules(&config);

	(void)state;
	assert_order(rules, "Order #A12345, purchase order PO-123456",
	             "PO-123456");
	assert_order(rules, "PO-123456", "PO-123456");
	/* Not matching, the built-in ones still work. */
	assert_order(rules, "Order #A12345, PO-12345", "A12345");
	assert_order(rules, "订单号：SO20261204001", "SO20261204001");
	/* The subject still comes first, whichever pattern finds it. */
	assert_extract(rules, "Order #A12345", "PO-123456", "A12345", NULL);
	extract_rules_free(rules);
}

/* Group 1 is the number, though the pattern matches more. */
static void
test_configured_group(void **state)
{
	static const char *const patterns[] = {
	    "(?i)auftrag(?:snummer)?\\s*:?\\s*(\\d{6,})",
	    "(?:ref|REF)=([A-Z]{2}\\d+)",
	};
	struct extract_config config = {
	    .order_patterns = patterns,
	    .n_order_patterns = N(patterns),
	};
	struct extract_rules *rules = extract_test_rules(&config);

	(void)state;
	assert_order(rules, "Auftragsnummer: 4500012345", "4500012345");
	assert_order(rules, "see ref=DE4711 and order #A12345", "DE4711");
	assert_order(rules, "see ref=de4711", NULL);
	extract_rules_free(rules);
}

/* A configured group that captures nothing is no order number. */
static void
test_configured_empty_group(void **state)
{
	static const char *const patterns[] = {"PO:?\\s*(\\d*)"};
	struct extract_config config = {
	    .order_patterns = patterns,
	    .n_order_patterns = N(patterns),
	};
	struct extract_rules *rules = extract_test_rules(&config);

	(void)state;
	assert_order(rules, "PO: 778899", "778899");
	assert_order(rules, "PO: pending, order #A12345", "A12345");
	assert_order(rules, "PO: pending", NULL);
	extract_rules_free(rules);
}

static void
test_pattern_check(void **state)
{
	char err[256];

	(void)state;
	snprintf(err, sizeof(err), "untouched");
	assert_int_equal(extract_pattern_check("PO-(\\d+)", err, sizeof(err)),
	                 0);
	assert_int_equal(
	    extract_pattern_check("订单号[:：]?(\\w+)", err, sizeof(err)), 0);
	assert_int_equal(
	    extract_pattern_check("(?<number>\\d{6})", err, sizeof(err)), 0);

	assert_int_equal(extract_pattern_check("PO-\\d+", err, sizeof(err)),
	                 -1);
	assert_non_null(strstr(err, "PO-\\d+"));
	assert_non_null(strstr(err, "capture group"));
	assert_int_equal(extract_pattern_check("(?:PO)-\\d+", err, sizeof(err)),
	                 -1);
	assert_non_null(strstr(err, "capture group"));

	assert_int_equal(extract_pattern_check("PO-(\\d+", err, sizeof(err)),
	                 -1);
	assert_non_null(strstr(err, "PO-(\\d+"));
	assert_non_null(strstr(err, "missing closing parenthesis"));
	assert_non_null(strstr(err, "at offset 7"));
	assert_int_equal(extract_pattern_check("PO-([0-9+)", err, sizeof(err)),
	                 -1);
	assert_non_null(strstr(err, "missing terminating ]"));
	assert_int_equal(extract_pattern_check("(*)", err, sizeof(err)), -1);
	assert_int_equal(extract_pattern_check("", err, sizeof(err)), -1);
}

/* The message is cut to the buffer, never past it. */
static void
test_pattern_check_small_buffer(void **state)
{
	char err[16];

	(void)state;
	memset(err, 'x', sizeof(err));
	assert_int_equal(
	    extract_pattern_check("a very long pattern (\\d+", err, 12), -1);
	assert_int_equal(strlen(err), 11);
	assert_int_equal(err[12], 'x');
	assert_int_equal(extract_pattern_check("(", NULL, 0), -1);
}

/* A bad configured pattern fails the rules and names itself. */
static void
test_rules_bad_pattern(void **state)
{
	static const char *const patterns[] = {"PO-(\\d+)", "INV-(\\d+",
	                                       "X\\d+"};
	struct extract_config config = {
	    .order_patterns = patterns,
	    .n_order_patterns = 2,
	};
	char err[256];

	(void)state;
	assert_null(extract_rules_new(&config, err, sizeof(err)));
	assert_non_null(strstr(err, "INV-(\\d+"));
	config.order_patterns = patterns + 2;
	config.n_order_patterns = 1;
	assert_null(extract_rules_new(&config, err, sizeof(err)));
	assert_non_null(strstr(err, "X\\d+"));
	assert_non_null(strstr(err, "capture group"));
	extract_rules_free(NULL);
}

static void
test_expectation_english(void **state)
{
	const struct extract_rules *rules = *state;

	assert_expectation(rules, "I want a refund.", "refund");
	assert_expectation(rules, "Give me my money back!", "refund");
	assert_expectation(rules, "I will file a chargeback.", "refund");
	assert_expectation(rules, "Please send a replacement.", "exchange");
	assert_expectation(rules, "Can you swap it for a blue one?",
	                   "exchange");
	assert_expectation(rules, "Please repair the lid.", "repair");
	assert_expectation(rules, "It is under warranty, fix it.", "repair");
	assert_expectation(rules, "I expect an apology.", "apology");
	assert_expectation(rules, "Your courier should apologise.", "apology");
	assert_expectation(rules, "Nobody even said sorry.", NULL);
	assert_expectation(rules, "My kettle leaks.", NULL);
	assert_expectation(rules, "", NULL);
}

/* The keyword that comes first wins, whatever its kind. */
static void
test_expectation_earliest(void **state)
{
	const struct extract_rules *rules = *state;

	assert_expectation(rules, "I want a replacement, or else a refund.",
	                   "exchange");
	assert_expectation(rules, "A refund, or else a replacement.", "refund");
	assert_expectation(rules,
	                   "Either repair it or give me a refund, and an "
	                   "apology would be nice.",
	                   "repair");
	assert_expectation(
	    rules, "After your apology I still want a replacement.", "apology");
	assert_expectation(rules, "Subject line\n\nWarranty? Exchange? Refund?",
	                   "repair");
}

static void
test_expectation_case(void **state)
{
	const struct extract_rules *rules = *state;

	assert_expectation(rules, "REFUND NOW", "refund");
	assert_expectation(rules, "Refund please", "refund");
	assert_expectation(rules, "I Want A REPLACEMENT", "exchange");
	assert_expectation(rules, "FIX IT", "repair");
	assert_expectation(rules, "Apologize!", "apology");
}

/* ASCII keywords start a word: "prefix" does not ask to "fix it". */
static void
test_expectation_word_start(void **state)
{
	const struct extract_rules *rules = *state;

	assert_expectation(rules, "Please prefix it with the order number.",
	                   NULL);
	assert_expectation(rules, "The unrepairable lid", NULL);
	assert_expectation(rules, "It was nonrefundable, they said", NULL);
	assert_expectation(rules, "I was refunded half, not all.", "refund");
	assert_expectation(rules, "(refund)", "refund");
	assert_expectation(rules, "re-repair", "repair");
	assert_expectation(rules, "要求refund", "refund");
	assert_expectation(rules, "prefix it, then fix it", "repair");
}

static void
test_expectation_chinese(void **state)
{
	const struct extract_rules *rules = *state;

	assert_expectation(rules, "我要退款", "refund");
	assert_expectation(rules, "申请退货", "refund");
	assert_expectation(rules, "我要退貨", "refund");
	assert_expectation(rules, "请给我换货", "exchange");
	assert_expectation(rules, "给我换一个新的", "exchange");
	assert_expectation(rules, "请安排维修", "repair");
	assert_expectation(rules, "還在保修期內", "repair");
	assert_expectation(rules, "你们必须道歉", "apology");
	assert_expectation(rules, "今天必须给个说法", "apology");
	assert_expectation(rules, "水壶漏水了", NULL);
	/* Earliest first here too. */
	assert_expectation(rules, "先给我换货，不行就退款", "exchange");
	assert_expectation(rules, "要么维修，要么退货", "repair");
	assert_expectation(rules, "不退款也行，但要道歉", "refund");
	/* Mixed: the English keyword stands first. */
	assert_expectation(rules, "I want a refund 或者换货", "refund");
	assert_expectation(rules, "换货 or refund", "exchange");
}

static const char *const extract_test_refund[] = {"Store Credit", "补偿"};
static const char *const extract_test_exchange[] = {"补发"};
static const char *const extract_test_apology[] = {"money"};

static void
test_configured_keywords(void **state)
{
	struct extract_config config = {
	    .keywords = {extract_test_refund, extract_test_exchange, NULL,
	                 extract_test_apology},
	    .n_keywords = {N(extract_test_refund), N(extract_test_exchange), 0,
	                   N(extract_test_apology)},
	};
	struct extract_rules *rules = extract_test_rules(&config);

	(void)state;
	assert_expectation(rules, "STORE CREDIT would be fine", "refund");
	assert_expectation(rules, "store credit", "refund");
	assert_expectation(rules, "请补发一个", "exchange");
	assert_expectation(rules, "要求补偿", "refund");
	/* Built-in ones stay. */
	assert_expectation(rules, "please repair it", "repair");
	assert_expectation(rules, "please replace it or give store credit",
	                   "exchange");
	/* A tie at one place goes to the earlier kind: "money back" and
	 * "money" both start there, and refund comes before apology. */
	assert_expectation(rules, "money back please", "refund");
	assert_expectation(rules, "money matters; sorry is not enough",
	                   "apology");
	extract_rules_free(rules);
}

/* Configuration strings are borrowed only while the rules are made. */
static void
test_config_copied(void **state)
{
	char keyword[] = "voucher";
	char pattern[] = "VC-(\\d{5})";
	const char *keywords[] = {keyword};
	const char *patterns[] = {pattern};
	struct extract_config config = {
	    .order_patterns = patterns,
	    .n_order_patterns = 1,
	    .keywords = {keywords},
	    .n_keywords = {1},
	};
	struct extract_rules *rules = extract_test_rules(&config);

	(void)state;
	memset(keyword, 'z', sizeof(keyword) - 1);
	memset(pattern, 'z', sizeof(pattern) - 1);
	assert_extract(rules, "", "A voucher for VC-12345", "12345", "refund");
	extract_rules_free(rules);
}

static void
test_expectation_names(void **state)
{
	(void)state;
	assert_string_equal(extract_expectation_name(EXTRACT_REFUND), "refund");
	assert_string_equal(extract_expectation_name(EXTRACT_EXCHANGE),
	                    "exchange");
	assert_string_equal(extract_expectation_name(EXTRACT_REPAIR), "repair");
	assert_string_equal(extract_expectation_name(EXTRACT_APOLOGY),
	                    "apology");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_english),
	    cmocka_unit_test(test_order_chinese),
	    cmocka_unit_test(test_order_mixed_script),
	    cmocka_unit_test(test_order_none),
	    cmocka_unit_test(test_subject_first),
	    cmocka_unit_test(test_configured_pattern),
	    cmocka_unit_test(test_configured_group),
	    cmocka_unit_test(test_configured_empty_group),
	    cmocka_unit_test(test_pattern_check),
	    cmocka_unit_test(test_pattern_check_small_buffer),
	    cmocka_unit_test(test_rules_bad_pattern),
	    cmocka_unit_test(test_expectation_english),
	    cmocka_unit_test(test_expectation_earliest),
	    cmocka_unit_test(test_expectation_case),
	    cmocka_unit_test(test_expectation_word_start),
	    cmocka_unit_test(test_expectation_chinese),
	    cmocka_unit_test(test_configured_keywords),
	    cmocka_unit_test(test_config_copied),
	    cmocka_unit_test(test_expectation_names),
	};

	return cmocka_run_group_tests(tests, extract_test_setup,
	                              extract_test_teardown);
}
