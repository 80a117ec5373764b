/*
 * test_classify: the rules of a configuration file loaded from a temp dir
 * — every condition, every action and how they combine (first category,
 * most pressing severity, tags, boosts, stop), quoted history and
 * signatures left out — then the naive Bayes model: learning and
 * predicting, the thresholds under which the defaults stand, and the
 * model taught into a real store, loaded, refreshed and corrected.
 */
#include "classify.h"
#include "classify_p.h"

#include "bayes.h"
#include "conf.h"
#include "store.h"
#include "store_harness.h"
#include "tokenize.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof(*(a)))

struct cl_test {
	char dir[PATH_MAX];
	struct store *store;
	struct conf *conf;
	struct classify_rules *rules;
	struct classify_model model;
};

/* The sections every file needs, one line each. */
#define CL_BASE                                                                \
	"desk = { name = \"ACME\"; addresses = [\"support@acme.example\"]; "   \
	"ticket_tag = \"ACME\"; };\n"                                          \
	"smtp = { url = \"smtp://localhost\"; "                                \
	"from = \"support@acme.example\"; };\n"                                \
	"agents = ( { name = \"alice\"; address = \"alice@acme.example\"; } "  \
	");\n"                                                                 \
	"teams = ( { name = \"billing\"; address = \"bill@acme.example\"; },"  \
	" { name = \"care\"; members = [\"alice\"]; } );\n"

/*
 * One rule per condition (its tag names it) and a group whose actions
 * combine.  Keywords are NATO words so no two tests meet.
 */
static const char cl_rules[] =
    "rules = (\n"
    "  { name = \"subj-any\"; subject_any = [\"alpha\", \"阿尔法\"]; },\n"
    "  { name = \"subj-all\"; subject_all = [\"bravo\", \"charlie\"]; },\n"
    "  { name = \"body-any\"; body_any = [\"delta\", \"数据丢失\"]; },\n"
    "  { name = \"body-all\"; body_all = [\"echo\", \"foxtrot\"]; },\n"
    "  { name = \"text-any\"; text_any = [\"golf\"]; },\n"
    "  { name = \"text-all\"; text_all = [\"hotel\", \"india\"]; },\n"
    "  { name = \"subj-re\"; subject_regex = \"^juliet-\\\\d{3}\\\\b\"; },\n"
    "  { name = \"body-re\"; body_regex = "
    "\"订单号\\\\s*[:：]?\\\\s*\\\\d{8}|[退还]钱\"; },\n"
    "  { name = \"sender-addr\"; sender = [\"Boss@Big.Example\"]; },\n"
    "  { name = \"sender-domain\"; sender = [\"@partner.example\"]; },\n"
    "  { name = \"box\"; mailbox = [\"vip-box\"]; },\n"
    "  { name = \"lang\"; language = [\"zh\"]; },\n"
    "  { name = \"tier\"; tier = [\"gold\"]; },\n"
    "  { name = \"att-yes\"; text_any = [\"kilo\"]; has_attachment = true; "
    "},\n"
    "  { name = \"att-no\"; text_any = [\"kilo\"]; has_attachment = false; "
    "},\n"
    "  { name = \"conj\"; text_any = [\"lima\"]; sender = "
    "[\"@partner.example\"]; language = [\"en\"]; },\n"
    "  { name = \"cat-a\"; text_any = [\"november\"]; category = "
    "\"billing\"; severity = \"serious\"; team = \"billing\"; product = "
    "\"x1\"; tags = [\"money\", \"dup\"]; boost = 5; },\n"
    "  { name = \"cat-b\"; text_any = [\"november\", \"oscar\"]; category = "
    "\"logistics\"; severity = \"urgent\"; team = \"care\"; product = "
    "\"x2\"; tags = [\"dup\", \"late\"]; boost = -2; },\n"
    "  { name = \"cat-c\"; text_any = [\"november\"]; severity = "
    "\"general\"; tags = [\"calm\", \"money\"]; boost = 10; },\n"
    "  { name = \"stopper\"; text_any = [\"papa\"]; category = "
    "\"suggestion\"; stop = true; },\n"
    "  { name = \"after-stop\"; text_any = [\"papa\", \"oscar\"]; severity "
    "= \"urgent\"; tags = [\"after\"]; boost = 100; }\n"
    ");\n";

static int
cl_setup(void **state)
{
	struct cl_test *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return -1;
	if ((t->store = store_harness_open("test_classify", t->dir)) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int
cl_teardown(void **state)
{
	struct cl_test *t = *state;

	classify_model_clear(&t->model);
	classify_rules_free(t->rules);
	store_close(t->store);
	conf_free(t->conf);
	store_harness_remove(t->dir);
	free(t);
	return 0;
}

/* Loads CL_BASE + text (no rules compiled yet). */
static void
cl_conf(struct cl_test *t, const char *text)
{
	char path[PATH_MAX + 32], *all = NULL;
	struct conf_errors errors = {0};
	int fd, len;

	len = asprintf(&all, "%s%s", CL_BASE, text);
	assert_true(len > 0);
	snprintf(path, sizeof(path), "%s/complaintd.conf", t->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, all, (size_t)len), len);
	assert_int_equal(close(fd), 0);
	free(all);
	classify_rules_free(t->rules);
	t->rules = NULL;
	conf_free(t->conf);
	t->conf = conf_load(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	conf_errors_free(&errors);
	assert_non_null(t->conf);
}

/* Loads CL_BASE + text and compiles its rules. */
static void
cl_load(struct cl_test *t, const char *text)
{
	char err[512];

	cl_conf(t, text);
	t->rules = classify_rules_new(t->conf, err, sizeof(err));
	if (t->rules == NULL)
		fail_msg("classify_rules_new: %s", err);
}

static const struct classify_facts cl_plain = {
    .sender = "someone@example.com",
    .mailbox = "support",
    .language = "en",
    .tier = "standard",
    .has_attachment = false,
};

/* Scans and decides with facts and model (NULL: none); scan is kept in
 * *scan for the decision's borrowed strings (clear it). */
static void
cl_decide_m(struct cl_test *t, const char *subject, const char *body,
            const struct classify_facts *facts,
            const struct classify_model *model, struct classify_scan *scan,
            struct classify_decision *d)
{
	assert_int_equal(classify_scan(t->rules, subject, body, scan), 0);
	classify_decide(t->rules, scan, facts ? facts : &cl_plain, model, d);
}

static bool
cl_fired(const struct classify_decision *d, const char *rule)
{
	for (size_t i = 0; i < d->n_fired; i++)
		if (strcmp(d->fired[i], rule) == 0)
			return true;
	return false;
}

/* Whether rule fires for subject/body under facts (NULL: plain). */
static bool
cl_fires(struct cl_test *t, const char *rule, const char *subject,
         const char *body, const struct classify_facts *facts)
{
	struct classify_scan scan;
	struct classify_decision d;
	bool fired;

	cl_decide_m(t, subject, body, facts, NULL, &scan, &d);
	fired = cl_fired(&d, rule);
	classify_scan_clear(&scan);
	return fired;
}

#define FIRES(t, rule, subject, body, facts)                                   \
	do {                                                                   \
		if (!cl_fires((t), (rule), (subject), (body), (facts)))        \
			fail_msg("rule %s did not fire for \"%s\" / \"%s\"",   \
			         (rule), (subject), (body));                   \
	} while (0)
#define SILENT(t, rule, subject, body, facts)                                  \
	do {                                                                   \
		if (cl_fires((t), (rule), (subject), (body), (facts)))         \
			fail_msg("rule %s fired for \"%s\" / \"%s\"", (rule),  \
			         (subject), (body));                           \
	} while (0)

/* ---- conditions ----------------------------------------------------- */

static void
test_keyword_conditions(void **state)
{
	struct cl_test *t = *state;

	cl_load(t, cl_rules);
	FIRES(t, "subj-any", "Alpha problem", "", NULL);
	FIRES(t, "subj-any", "关于阿尔法的投诉", "", NULL);
	SILENT(t, "subj-any", "Problem", "alpha in the body only", NULL);
	SILENT(t, "subj-any", "Alphabet", "", NULL);

	FIRES(t, "subj-all", "Charlie and BRAVO", "", NULL);
	SILENT(t, "subj-all", "Bravo", "charlie", NULL);
	SILENT(t, "subj-all", "Bravo only", "", NULL);

	FIRES(t, "body-any", "", "The delta is broken.", NULL);
	FIRES(t, "body-any", "", "我的數據丟失了", NULL);
	SILENT(t, "body-any", "Delta", "nothing here", NULL);

	FIRES(t, "body-all", "", "echo, then foxtrot", NULL);
	SILENT(t, "body-all", "Echo", "foxtrot", NULL);
	SILENT(t, "body-all", "", "echo alone", NULL);

	FIRES(t, "text-any", "Golf", "", NULL);
	FIRES(t, "text-any", "", "golf", NULL);
	SILENT(t, "text-any", "Golfer", "golfing", NULL);

	FIRES(t, "text-all", "Hotel", "india", NULL);
	FIRES(t, "text-all", "", "india hotel", NULL);
	SILENT(t, "text-all", "Hotel", "hotel again", NULL);
}

static void
test_regex_conditions(void **state)
{
	struct cl_test *t = *state;

	cl_load(t, cl_rules);
	/* Case-insensitive. */
	FIRES(t, "subj-re", "JULIET-123 broken", "", NULL);
	SILENT(t, "subj-re", "Re: juliet-123", "", NULL);
	SILENT(t, "subj-re", "juliet-1234", "", NULL);
	SILENT(t, "subj-re", "Other", "juliet-123", NULL);
	/* A UTF-8 Chinese pattern, classes of Chinese characters. */
	FIRES(t, "body-re", "", "订单号：20251204 没收到", NULL);
	FIRES(t, "body-re", "", "订单号 20251204", NULL);
	FIRES(t, "body-re", "", "请尽快还钱", NULL);
	SILENT(t, "body-re", "", "订单号：2025", NULL);
	SILENT(t, "body-re", "订单号：20251204", "subject only", NULL);
	SILENT(t, "body-re", "", "请尽快付钱", NULL);
}

static void
test_fact_conditions(void **state)
{
	struct cl_test *t = *state;
	struct classify_facts f = cl_plain;

	cl_load(t, cl_rules);
	SILENT(t, "sender-addr", "s", "b", &f);
	f.sender = "boss@big.example";
	FIRES(t, "sender-addr", "s", "b", &f);
	f.sender = "BOSS@BIG.EXAMPLE";
	FIRES(t, "sender-addr", "s", "b", &f);
	f.sender = "boss2@big.example";
	SILENT(t, "sender-addr", "s", "b", &f);
	f.sender = "";
	SILENT(t, "sender-addr", "s", "b", &f);
	SILENT(t, "sender-domain", "s", "b", &f);

	f.sender = "anyone@Partner.Example";
	FIRES(t, "sender-domain", "s", "b", &f);
	f.sender = "anyone@sub.partner.example";
	SILENT(t, "sender-domain", "s", "b", &f);
	f.sender = "partner.example@evil.example";
	SILENT(t, "sender-domain", "s", "b", &f);

	f = cl_plain;
	SILENT(t, "box", "s", "b", &f);
	f.mailbox = "vip-box";
	FIRES(t, "box", "s", "b", &f);

	f = cl_plain;
	SILENT(t, "lang", "s", "b", &f);
	f.language = "zh";
	FIRES(t, "lang", "s", "b", &f);

	f = cl_plain;
	SILENT(t, "tier", "s", "b", &f);
	f.tier = "gold";
	FIRES(t, "tier", "s", "b", &f);

	f = cl_plain;
	FIRES(t, "att-no", "kilo", "", &f);
	SILENT(t, "att-yes", "kilo", "", &f);
	f.has_attachment = true;
	FIRES(t, "att-yes", "kilo", "", &f);
	SILENT(t, "att-no", "kilo", "", &f);
	SILENT(t, "att-yes", "nothing", "", &f);

	/* Every condition given must hold. */
	f = cl_plain;
	f.sender = "x@partner.example";
	FIRES(t, "conj", "Lima", "", &f);
	SILENT(t, "conj", "Other", "", &f);
	f.language = "zh";
	SILENT(t, "conj", "Lima", "", &f);
	f = cl_plain;
	SILENT(t, "conj", "Lima", "", &f);
}

/* ---- actions and their order ---------------------------------------- */

static void
assert_tags(const struct classify_decision *d, const char *const *want,
            size_t n)
{
	if (d->n_tags != n) {
		for (size_t i = 0; i < d->n_tags; i++)
			print_message("tag %s\n", d->tags[i]);
		fail_msg("%zu tags, want %zu", d->n_tags, n);
	}
	for (size_t i = 0; i < n; i++)
		assert_string_equal(d->tags[i], want[i]);
}

static void
test_actions_combine(void **state)
{
	static const char *const tags[] = {"money", "dup", "late", "calm"};
	static const char *const fired[] = {"cat-a", "cat-b", "cat-c"};
	struct cl_test *t = *state;
	struct classify_scan scan;
	struct classify_decision d;
	char why[512];

	cl_load(t, cl_rules);
	cl_decide_m(t, "November", "", NULL, NULL, &scan, &d);
	assert_int_equal(d.n_fired, N(fired));
	for (size_t i = 0; i < N(fired); i++)
		assert_string_equal(d.fired[i], fired[i]);
	/* The first rule that sets a category wins ... */
	assert_string_equal(d.category, "billing");
	assert_int_equal(d.category_by, CLASSIFY_BY_RULE);
	assert_string_equal(d.category_rule, "cat-a");
	assert_true(d.category_confidence == 1.0);
	/* ... the most pressing severity, wherever its rule stands ... */
	assert_string_equal(d.severity, "urgent");
	assert_int_equal(d.severity_by, CLASSIFY_BY_RULE);
	assert_string_equal(d.severity_rule, "cat-b");
	/* ... the first team and product ... */
	assert_string_equal(d.team, "billing");
	assert_string_equal(d.team_rule, "cat-a");
	assert_string_equal(d.product, "x1");
	/* ... tags once each, in order, and the boosts summed. */
	assert_tags(&d, tags, N(tags));
	assert_int_equal(d.boost, 13);
	classify_explain(&d, why, sizeof(why));
	assert_string_equal(
	    why, "category billing (rule cat-a); severity urgent (rule cat-b)");
	classify_scan_clear(&scan);

	/* A later, less pressing severity does not lower it; one rule. */
	cl_decide_m(t, "", "oscar", NULL, NULL, &scan, &d);
	assert_string_equal(d.category, "logistics");
	assert_string_equal(d.category_rule, "cat-b");
	assert_string_equal(d.severity, "urgent");
	/* Equal severities: the first rule keeps it. */
	assert_string_equal(d.severity_rule, "cat-b");
	assert_string_equal(d.team, "care");
	assert_string_equal(d.product, "x2");
	assert_int_equal(d.boost, -2 + 100);
	classify_scan_clear(&scan);
}

static void
test_stop(void **state)
{
	static const char *const tags[] = {"money", "dup", "late", "calm"};
	struct cl_test *t = *state;
	struct classify_scan scan;
	struct classify_decision d;

	cl_load(t, cl_rules);
	cl_decide_m(t, "papa", "", NULL, NULL, &scan, &d);
	assert_int_equal(d.n_fired, 1);
	assert_string_equal(d.fired[0], "stopper");
	assert_string_equal(d.category, "suggestion");
	/* after-stop would have made it urgent. */
	assert_string_equal(d.severity, "general");
	assert_int_equal(d.severity_by, CLASSIFY_BY_DEFAULT);
	assert_int_equal(d.n_tags, 0);
	assert_int_equal(d.boost, 0);
	classify_scan_clear(&scan);

	/* Rules before the stop still apply. */
	cl_decide_m(t, "papa november", "", NULL, NULL, &scan, &d);
	assert_int_equal(d.n_fired, 4);
	assert_string_equal(d.fired[3], "stopper");
	assert_string_equal(d.category, "billing");
	assert_tags(&d, tags, N(tags));
	assert_int_equal(d.boost, 13);
	classify_scan_clear(&scan);
}

static void
test_defaults(void **state)
{
	struct cl_test *t = *state;
	struct classify_scan scan;
	struct classify_decision d;
	char why[512];

	cl_load(t, cl_rules);
	cl_decide_m(t, "Hello", "Nothing any rule knows.", NULL, NULL, &scan,
	            &d);
	assert_int_equal(d.n_fired, 0);
	assert_string_equal(d.category, "other");
	assert_int_equal(d.category_by, CLASSIFY_BY_DEFAULT);
	assert_string_equal(d.severity, "general");
	assert_int_equal(d.severity_by, CLASSIFY_BY_DEFAULT);
	assert_null(d.team);
	assert_null(d.product);
	assert_int_equal(d.n_tags, 0);
	assert_int_equal(d.boost, 0);
	classify_explain(&d, why, sizeof(why));
	assert_string_equal(why, "category other (default); severity general "
	                         "(default)");
	/* The explanation is cut, never overrun. */
	memset(why, 'x', sizeof(why));
	classify_explain(&d, why, 10);
	assert_int_equal(strlen(why), 9);
	assert_int_equal(why[10], 'x');
	classify_scan_clear(&scan);
}

/* Quoted history and the signature are not the customer's new words. */
static void
test_quotes_and_signature(void **state)
{
	struct cl_test *t = *state;
	struct classify_scan scan;

	cl_load(t, cl_rules);
	FIRES(t, "body-any", "", "The delta is broken.", NULL);
	SILENT(t, "body-any", "",
	       "Thanks for the answer.\n\n"
	       "On Mon, 1 Dec 2025 at 10:00, ACME <support@acme.example> "
	       "wrote:\n"
	       "> Your delta order has shipped.\n"
	       "> Regards\n",
	       NULL);
	SILENT(t, "body-any", "",
	       "My problem is solved.\n"
	       "-- \n"
	       "John Smith\n"
	       "Delta Airlines\n",
	       NULL);
	SILENT(t, "body-any", "",
	       "谢谢\n\n"
	       "------------------ 原始邮件 ------------------\n"
	       "我的数据丢失了\n",
	       NULL);
	/* The subject is still the subject. */
	FIRES(t, "text-any", "golf",
	      "ok\n-- \n"
	      "golf club\n",
	      NULL);
	SILENT(t, "text-any", "hi",
	       "ok\n-- \n"
	       "golf club\n",
	       NULL);
	/* The model's tokens leave them out too. */
	assert_int_equal(classify_scan(t->rules, "Subject",
	                               "New words.\n-- \nSignaturename\n",
	                               &scan),
	                 0);
	for (size_t i = 0; i < scan.doc.n; i++)
		if (strcmp(scan.doc.tokens[i], "signaturename") == 0)
			fail_msg("the signature's words are tokens");
	assert_true(scan.doc.n >= 3); /* subject, new, words */
	classify_scan_clear(&scan);
}

/*
 * A keyword list of punctuation alone: its keywords cannot occur.  Once
 * such keywords were dropped from an "any" list, leaving it empty and the
 * rule firing on every mail; now the configuration refuses them.
 */
static void
test_punctuation_any_list(void **state)
{
	struct cl_test *t = *state;
	static const char *const lists[] = {"subject_any", "text_all"};

	/* A keyword of punctuation alone can never match: in an "any" list
	 * it would be dropped, leaving the condition empty (so ignored) —
	 * the configuration refuses it at its line instead. */
	for (size_t i = 0; i < 2; i++) {
		char path[PATH_MAX + 32], text[512];
		struct conf_errors errors = {0};
		FILE *f;

		snprintf(path, sizeof(path), "%s/bad.conf", t->dir);
		snprintf(text, sizeof(text),
		         "%srules = ( { name = \"p\";\n  %s = [\"???\"]; "
		         "tags = [\"oops\"]; } );\n",
		         CL_BASE, lists[i]);
		assert_non_null(f = fopen(path, "w"));
		fputs(text, f);
		fclose(f);
		assert_null(conf_load(path, &errors));
		assert_int_equal(errors.n, 1);
		assert_non_null(strstr(errors.v[0], lists[i]));
		assert_non_null(strstr(errors.v[0], "keyword \"???\" has no "
		                                    "letters or digits"));
		conf_errors_free(&errors);
	}
}

/* ---- the model ------------------------------------------------------- */

/* doc of folded text. */
static void
cl_doc(const char *text, struct bayes_doc *doc)
{
	char *folded = tok_fold(text);

	assert_non_null(folded);
	assert_int_equal(bayes_doc_build(folded, doc), 0);
	free(folded);
}

static const char *const cl_billing_docs[] = {
    "I was charged twice for my invoice",
    "The payment was taken but the invoice is wrong",
    "Refund the charge on my credit card",
    "Invoice shows a double payment charge",
    "My card was charged, please refund the payment",
    "Wrong amount on the invoice, refund the difference",
};
static const char *const cl_logistics_docs[] = {
    "The parcel never arrived, courier lost it",
    "Delivery is late, the courier did not come",
    "Parcel arrived damaged, the box was crushed",
    "Tracking says delivered but no parcel",
    "The courier left the parcel at the wrong address",
    "Late delivery again, where is my parcel",
};

/* Teaches m (class names "billing", "logistics") the first nb billing
 * and nl logistics documents. */
static void
cl_train2(struct bayes_model *m, size_t nb, size_t nl)
{
	int billing = bayes_class_index(m, "billing");
	int logistics = bayes_class_index(m, "logistics");

	assert_true(billing >= 0 && logistics >= 0);
	for (size_t i = 0; i < nb && i < N(cl_billing_docs); i++) {
		struct bayes_doc doc;
		cl_doc(cl_billing_docs[i], &doc);
		assert_int_equal(bayes_learn(m, (size_t)billing, &doc, 1), 0);
		bayes_doc_clear(&doc);
	}
	for (size_t i = 0; i < nl && i < N(cl_logistics_docs); i++) {
		struct bayes_doc doc;
		cl_doc(cl_logistics_docs[i], &doc);
		assert_int_equal(bayes_learn(m, (size_t)logistics, &doc, 1), 0);
		bayes_doc_clear(&doc);
	}
}

static void
cl_train(struct bayes_model *m, size_t n)
{
	cl_train2(m, n, n);
}

static bool
cl_doc_has(const struct bayes_doc *doc, const char *token)
{
	for (size_t i = 0; i < doc->n; i++)
		if (doc->tokens[i] == token)
			return true;
	return false;
}

static void
test_bayes_doc(void **state)
{
	struct bayes_doc doc;

	(void)state;
	/* Distinct tokens: a word said three times counts once. */
	cl_doc("refund REFUND Refund parcel 数据", &doc);
	assert_int_equal(doc.n, 5); /* refund parcel 数 据 数据 */
	assert_string_equal(doc.tokens[0], "refund");
	assert_string_equal(doc.tokens[1], "parcel");
	bayes_doc_clear(&doc);
	assert_int_equal(doc.n, 0);
	assert_null(doc.tokens);
	cl_doc("", &doc);
	assert_int_equal(doc.n, 0);
	bayes_doc_clear(&doc);
}

static void
test_bayes_predict(void **state)
{
	static const char *const classes[] = {"billing", "logistics", "other"};
	struct bayes_model *m = bayes_new(classes, N(classes));
	struct bayes_prediction p;
	struct bayes_doc doc;

	(void)state;
	assert_non_null(m);
	assert_int_equal(bayes_classes(m), 3);
	assert_string_equal(bayes_class(m, 1), "logistics");
	assert_null(bayes_class(m, 3));
	assert_int_equal(bayes_class_index(m, "other"), 2);
	assert_int_equal(bayes_class_index(m, "nope"), -1);

	/* Knowing nothing, it says so. */
	cl_doc("my invoice was charged twice", &doc);
	bayes_predict(m, &doc, &p);
	assert_int_equal(p.cls, -1);
	assert_null(p.strongest[0]);

	cl_train(m, N(cl_billing_docs));
	assert_int_equal(bayes_documents(m), 12);
	bayes_predict(m, &doc, &p);
	assert_int_equal(p.cls, bayes_class_index(m, "billing"));
	assert_true(p.confidence > 0.5 && p.confidence <= 1.0);
	/* The strongest tokens are the doc's own and argue for billing. */
	assert_non_null(p.strongest[0]);
	for (size_t i = 0; i < 5 && p.strongest[i] != NULL; i++) {
		assert_true(cl_doc_has(&doc, p.strongest[i]));
		assert_true(strcmp(p.strongest[i], "invoice") == 0 ||
		            strcmp(p.strongest[i], "charged") == 0 ||
		            strcmp(p.strongest[i], "twice") == 0);
	}
	bayes_doc_clear(&doc);

	cl_doc("THE PARCEL IS LATE, COURIER LOST IT", &doc);
	bayes_predict(m, &doc, &p);
	assert_int_equal(p.cls, bayes_class_index(m, "logistics"));
	assert_true(p.confidence > 0.5 && p.confidence <= 1.0);
	bayes_doc_clear(&doc);

	/* Words it never saw: the priors, and nothing to show. */
	cl_doc("zebra xylophone", &doc);
	bayes_predict(m, &doc, &p);
	assert_true(p.cls >= 0);
	assert_true(p.confidence >= 0.0 && p.confidence <= 1.0);
	assert_null(p.strongest[0]);
	bayes_doc_clear(&doc);
	assert_true(bayes_memory(m) > 0);
	bayes_free(m);
}

static void
test_bayes_forget(void **state)
{
	static const char *const classes[] = {"billing", "logistics"};
	struct bayes_model *m = bayes_new(classes, N(classes));
	const char *many[BAYES_MAX_CLASSES + 1];
	struct bayes_prediction p;
	struct bayes_doc doc;

	(void)state;
	assert_non_null(m);
	cl_doc("invoice charged", &doc);
	assert_int_equal(bayes_learn(m, 0, &doc, 1), 0);
	assert_int_equal(bayes_documents(m), 1);
	assert_int_equal(bayes_learn(m, 0, &doc, -1), 0);
	assert_int_equal(bayes_documents(m), 0);
	bayes_predict(m, &doc, &p);
	assert_int_equal(p.cls, -1);
	/* Counts never go below 0. */
	assert_int_equal(bayes_learn(m, 1, &doc, -1), 0);
	assert_int_equal(bayes_count(m, 1, NULL, -5), 0);
	assert_int_equal(bayes_documents(m), 0);
	assert_int_equal(bayes_learn(m, 1, &doc, 1), 0);
	assert_int_equal(bayes_documents(m), 1);
	bayes_predict(m, &doc, &p);
	assert_int_equal(p.cls, 1);
	/* A class it does not have. */
	assert_int_equal(bayes_count(m, 2, "x", 1), -1);
	assert_int_equal(bayes_learn(m, 2, &doc, 1), -1);
	bayes_doc_clear(&doc);
	bayes_free(m);

	for (size_t i = 0; i < N(many); i++)
		many[i] = "c";
	assert_null(bayes_new(many, N(many)));
	m = bayes_new(many, BAYES_MAX_CLASSES);
	assert_non_null(m);
	bayes_free(m);
}

/* The model decides open labels only from CLASSIFY_MIN_DOCUMENTS on. */
static void
test_model_min_documents(void **state)
{
	struct cl_test *t = *state;
	struct classify_scan scan;
	struct classify_decision d;
	struct bayes_prediction p;
	char why[512];

	cl_load(t, cl_rules);
	assert_int_equal(classify_model_init(&t->model, t->conf), 0);
	assert_int_equal(bayes_classes(t->model.category), 6);
	assert_int_equal(bayes_classes(t->model.severity), 3);
	/* 5 + 4 = 9 documents, fewer than the minimum. */
	cl_train2(t->model.category, 5, 4);
	assert_int_equal(bayes_documents(t->model.category),
	                 CLASSIFY_MIN_DOCUMENTS - 1);
	cl_decide_m(t, "Invoice charged twice", "The payment is wrong.", NULL,
	            &t->model, &scan, &d);
	/* It would know ... */
	bayes_predict(t->model.category, &scan.doc, &p);
	assert_int_equal(p.cls,
	                 bayes_class_index(t->model.category, "billing"));
	assert_true(p.confidence * 100 >= t->conf->classify.min_confidence);
	/* ... but it has not learnt enough to decide. */
	assert_string_equal(d.category, "other");
	assert_int_equal(d.category_by, CLASSIFY_BY_DEFAULT);
	assert_true(d.category_confidence == 0.0);
	classify_scan_clear(&scan);

	/* The tenth document. */
	{
		struct bayes_doc doc;
		cl_doc(cl_logistics_docs[4], &doc);
		assert_int_equal(
		    bayes_learn(t->model.category,
		                (size_t)bayes_class_index(t->model.category,
		                                          "logistics"),
		                &doc, 1),
		    0);
		bayes_doc_clear(&doc);
	}
	assert_int_equal(bayes_documents(t->model.category),
	                 CLASSIFY_MIN_DOCUMENTS);
	cl_decide_m(t, "Invoice charged twice", "The payment is wrong.", NULL,
	            &t->model, &scan, &d);
	assert_string_equal(d.category, "billing");
	assert_int_equal(d.category_by, CLASSIFY_BY_MODEL);
	assert_true(d.category_confidence >= 0.6 &&
	            d.category_confidence <= 1.0);
	assert_non_null(d.tokens[0]);
	/* The severity model knows nothing: the default. */
	assert_string_equal(d.severity, "general");
	assert_int_equal(d.severity_by, CLASSIFY_BY_DEFAULT);
	classify_explain(&d, why, sizeof(why));
	if (strncmp(why, "category billing (model ", 24) != 0 ||
	    strstr(why, "%: ") == NULL ||
	    strstr(why, "); severity general (default)") == NULL)
		fail_msg("explanation: %s", why);
	/* A rule's category still comes first. */
	classify_scan_clear(&scan);
	cl_decide_m(t, "Invoice charged twice", "papa", NULL, &t->model, &scan,
	            &d);
	assert_string_equal(d.category, "suggestion");
	assert_int_equal(d.category_by, CLASSIFY_BY_RULE);
	classify_scan_clear(&scan);
}

/* Below classify.min_confidence the default stands, and says why. */
static void
test_model_min_confidence(void **state)
{
	struct cl_test *t = *state;
	struct classify_scan scan;
	struct classify_decision d;
	char why[512];

	cl_load(t, cl_rules);
	assert_int_equal(classify_model_init(&t->model, t->conf), 0);
	cl_train(t->model.category, 6);
	/* Half billing, half logistics. */
	cl_decide_m(t, "invoice", "parcel", NULL, &t->model, &scan, &d);
	assert_string_equal(d.category, "other");
	assert_int_equal(d.category_by, CLASSIFY_BY_DEFAULT);
	assert_true(d.category_confidence > 0.0 &&
	            d.category_confidence * 100 <
	                t->conf->classify.min_confidence);
	classify_explain(&d, why, sizeof(why));
	if (strncmp(why, "category other (default; model only ", 36) != 0)
		fail_msg("explanation: %s", why);
	classify_scan_clear(&scan);

	/* With min_confidence 0, the model's guess is taken. */
	cl_load(t, "classify = { min_confidence = 0; };\n");
	cl_decide_m(t, "invoice", "parcel", NULL, &t->model, &scan, &d);
	assert_int_equal(d.category_by, CLASSIFY_BY_MODEL);
	assert_true(strcmp(d.category, "billing") == 0 ||
	            strcmp(d.category, "logistics") == 0);
	classify_scan_clear(&scan);
}

/* ---- the model in the store ------------------------------------------ */

static void
cl_teach_all(struct cl_test *t, struct classify_model *model, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct bayes_doc doc;
		assert_int_equal(classify_doc(cl_billing_docs[i], "", &doc), 0);
		assert_int_equal(classify_model_teach(t->store, model, 0,
		                                      "category", "billing",
		                                      &doc),
		                 0);
		bayes_doc_clear(&doc);
		assert_int_equal(
		    classify_doc("Late", cl_logistics_docs[i], &doc), 0);
		assert_int_equal(classify_model_teach(t->store, model, 0,
		                                      "category", "logistics",
		                                      &doc),
		                 0);
		bayes_doc_clear(&doc);
	}
}

static void
test_model_persistence(void **state)
{
	struct cl_test *t = *state;
	struct classify_model fresh = {0};
	struct bayes_prediction a, b;
	struct bayes_doc doc;
	long long version;

	cl_load(t, cl_rules);
	assert_int_equal(store_model_version(t->store, &version), 0);
	assert_int_equal(version, 0);
	assert_int_equal(classify_model_init(&t->model, t->conf), 0);
	cl_teach_all(t, &t->model, 6);
	assert_int_equal(bayes_documents(t->model.category), 12);
	assert_int_equal(store_model_version(t->store, &version), 0);
	assert_true(version > 0);
	assert_int_equal(t->model.version, version);

	/* A fresh struct reads the same counts from the store. */
	assert_int_equal(classify_model_load(&fresh, t->store, t->conf), 0);
	assert_int_equal(fresh.version, version);
	assert_int_equal(bayes_documents(fresh.category), 12);
	assert_int_equal(bayes_documents(fresh.severity), 0);
	assert_int_equal(classify_doc("Charged twice", "Refund my card", &doc),
	                 0);
	bayes_predict(t->model.category, &doc, &a);
	bayes_predict(fresh.category, &doc, &b);
	assert_int_equal(a.cls,
	                 bayes_class_index(t->model.category, "billing"));
	assert_string_equal(bayes_class(fresh.category, (size_t)b.cls),
	                    "billing");
	assert_true(fabs(a.confidence - b.confidence) < 1e-9);
	bayes_doc_clear(&doc);
	classify_model_clear(&fresh);
}

static void
test_model_refresh(void **state)
{
	struct cl_test *t = *state;
	struct classify_model reader = {0};
	const struct bayes_model *before;
	struct bayes_doc doc;
	long long version;

	cl_load(t, cl_rules);
	assert_int_equal(classify_model_init(&t->model, t->conf), 0);
	cl_teach_all(t, NULL, 6);
	/* A model never loaded loads. */
	assert_int_equal(classify_model_refresh(&reader, t->store, t->conf), 0);
	assert_non_null(reader.category);
	assert_int_equal(bayes_documents(reader.category), 12);

	/* Nothing changed: nothing is reloaded. */
	before = reader.category;
	assert_int_equal(classify_model_refresh(&reader, t->store, t->conf), 0);
	assert_ptr_equal(reader.category, before);

	/* Another process (no model of ours) teaches the store. */
	assert_int_equal(classify_doc("Courier", "parcel lost", &doc), 0);
	assert_int_equal(
	    classify_model_teach(t->store, NULL, 0, "severity", "urgent", &doc),
	    0);
	assert_int_equal(store_model_version(t->store, &version), 0);
	assert_true(version > reader.version);
	assert_int_equal(classify_model_refresh(&reader, t->store, t->conf), 0);
	assert_true(reader.category != before);
	assert_int_equal(reader.version, version);
	assert_int_equal(bayes_documents(reader.severity), 1);

	/* Our own lesson moves the version with it: no reload, and the
	 * lesson is in memory already. */
	before = reader.category;
	assert_int_equal(classify_model_teach(t->store, &reader, 0, "category",
	                                      "logistics", &doc),
	                 0);
	assert_int_equal(bayes_documents(reader.category), 13);
	assert_int_equal(classify_model_refresh(&reader, t->store, t->conf), 0);
	assert_ptr_equal(reader.category, before);
	assert_int_equal(bayes_documents(reader.category), 13);
	bayes_doc_clear(&doc);
	assert_true(classify_model_memory(&reader) > 0);
	classify_model_clear(&reader);
	assert_null(reader.category);
}

/* An agent who corrects a ticket twice teaches once. */
static void
test_model_teach_twice(void **state)
{
	struct cl_test *t = *state;
	struct store_ticket_new tn = {.subject = "Parcel",
	                              .subject_norm = "parcel",
	                              .mailbox = "support",
	                              .language = "en",
	                              .linked_ticket_id = -1,
	                              .created = 1796400000};
	struct classify_model fresh = {0};
	struct bayes_prediction p;
	struct bayes_doc doc;
	long long ticket, version, version2;
	char *taught = NULL;

	cl_load(t, cl_rules);
	assert_int_equal(classify_model_init(&t->model, t->conf), 0);
	assert_int_equal(store_customer_upsert(t->store, "c@example.com", NULL,
	                                       tn.created, &tn.customer_id),
	                 0);
	assert_int_equal(store_ticket_insert(t->store, &tn, &ticket), 0);
	assert_int_equal(classify_doc("Parcel", "the courier lost it", &doc),
	                 0);

	assert_int_equal(classify_model_teach(t->store, &t->model, ticket,
	                                      "category", "billing", &doc),
	                 0);
	assert_int_equal(
	    store_model_taught(t->store, ticket, "category", &taught), 1);
	assert_string_equal(taught, "billing");
	free(taught);
	assert_int_equal(classify_model_teach(t->store, &t->model, ticket,
	                                      "category", "logistics", &doc),
	                 0);
	assert_int_equal(
	    store_model_taught(t->store, ticket, "category", &taught), 1);
	assert_string_equal(taught, "logistics");
	free(taught);
	/* In memory and in the store: one document, logistics. */
	assert_int_equal(bayes_documents(t->model.category), 1);
	assert_int_equal(classify_model_load(&fresh, t->store, t->conf), 0);
	assert_int_equal(bayes_documents(fresh.category), 1);
	bayes_predict(fresh.category, &doc, &p);
	assert_string_equal(bayes_class(fresh.category, (size_t)p.cls),
	                    "logistics");
	/* The billing lesson was taken back token by token: the stored
	 * model is exactly one that only ever learnt logistics. */
	{
		const struct conf_strings *cats = &t->conf->classify.categories;
		struct bayes_model *ref =
		    bayes_new((const char *const *)cats->v, cats->n);
		struct bayes_prediction q;
		assert_non_null(ref);
		assert_int_equal(
		    bayes_learn(ref,
		                (size_t)bayes_class_index(ref, "logistics"),
		                &doc, 1),
		    0);
		bayes_predict(ref, &doc, &q);
		assert_int_equal(q.cls, p.cls);
		assert_true(fabs(q.confidence - p.confidence) < 1e-12);
		bayes_free(ref);
	}

	/* The same lesson again changes nothing. */
	assert_int_equal(store_model_version(t->store, &version), 0);
	assert_int_equal(classify_model_teach(t->store, &t->model, ticket,
	                                      "category", "logistics", &doc),
	                 0);
	assert_int_equal(store_model_version(t->store, &version2), 0);
	assert_int_equal(version2, version);
	assert_int_equal(bayes_documents(t->model.category), 1);
	/* Another label is another lesson. */
	assert_int_equal(classify_model_teach(t->store, &t->model, ticket,
	                                      "severity", "serious", &doc),
	                 0);
	assert_int_equal(bayes_documents(t->model.category), 1);
	assert_int_equal(bayes_documents(t->model.severity), 1);
	bayes_doc_clear(&doc);
	classify_model_clear(&fresh);
}

/*
 * A pattern runs as its top-level alternatives where that cannot change
 * whether it matches: classes, groups and escapes hide a '|'; option
 * settings and back-references keep it whole.  Split or not, it matches
 * exactly where the whole pattern does.
 */
static void
test_regex_alternatives(void **state)
{
	static const struct {
		const char *pattern;
		size_t alts;
	} shapes[] = {
	    {"a|b", 2},
	    {"(a|b)", 1},
	    {"a\\|b", 1},
	    {"[|]x|y", 2},
	    {"[]|]|c", 2},
	    {"[^]|]|c", 2},
	    {"[[:alpha:]|]x|c", 2},
	    {"(?<!no\\s)smoke|spark|(?:火|烟)", 3},
	    {"(?i)a|b", 1},
	    {"(a)\\1|b", 1},
	    {"\\Qa|b\\E", 1},
	    {"(?#x|y)a|b", 1},
	    {"(*UTF)a|b", 1},
	    {"a|", 2},
	};
	static const char *const texts[] = {
	    "",         "a",          "b",    "|x",      "]",         "c",
	    "no smoke", "the smoke!", "起火", "sparks",  "aa",        "x|y",
	    "\\|",      "qx",         "nob",  "a|b end", "not smoke",
	};
	struct classify_re re;
	pcre2_match_data *md = NULL;
	char err[256];

	(void)state;
	for (size_t i = 0; i < N(shapes); i++) {
		assert_int_equal(classify_re_compile(&re, shapes[i].pattern,
		                                     "t", err, sizeof(err)),
		                 0);
		assert_int_equal(re.n, shapes[i].alts);
		/* The whole, compiled as it is. */
		int code;
		PCRE2_SIZE offset;
		pcre2_code *whole = pcre2_compile(
		    (PCRE2_SPTR)shapes[i].pattern, PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_CASELESS, &code, &offset, NULL);
		assert_non_null(whole);
		for (size_t k = 0; k < N(texts); k++) {
			size_t len = strlen(texts[k]);
			bool got = classify_re_match(&re, texts[k], len, &md);
			bool want = pcre2_match(whole, (PCRE2_SPTR)texts[k],
			                        len, 0, 0, md, NULL) >= 0;
			if (got != want)
				fail_msg("pattern %s on \"%s\": split %d, "
				         "whole %d",
				         shapes[i].pattern, texts[k], got,
				         want);
		}
		classify_re_clear(&re);
		pcre2_code_free(whole);
	}
	/* A pattern that does not compile names the rule. */
	assert_int_equal(
	    classify_re_compile(&re, "a|(b", "broken", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "rule broken"));
	pcre2_match_data_free(md);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, cl_setup, cl_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_keyword_conditions),
	    T(test_regex_conditions),
	    cmocka_unit_test(test_regex_alternatives),
	    T(test_fact_conditions),
	    T(test_actions_combine),
	    T(test_stop),
	    T(test_defaults),
	    T(test_quotes_and_signature),
	    T(test_punctuation_any_list),
	    cmocka_unit_test(test_bayes_doc),
	    cmocka_unit_test(test_bayes_predict),
	    cmocka_unit_test(test_bayes_forget),
	    T(test_model_min_documents),
	    T(test_model_min_confidence),
	    T(test_model_persistence),
	    T(test_model_refresh),
	    T(test_model_teach_twice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
