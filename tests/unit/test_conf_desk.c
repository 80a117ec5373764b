/*
 * test_conf_desk: the desk's sections of the configuration — agents,
 * teams, rules, routes, classify, priority and repeat — loaded from files
 * in a fresh temp dir: a valid file read field by field with the
 * defaults, and every name one section uses for another (a team, an
 * agent, a category, a severity) or must keep unique reported at the line
 * that holds it.  In an invalid text, "@@" marks the start of the line
 * the error must name (it is removed before the file is written).
 */
#include "conf.h"
#include "conf_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof(*(a)))

/* Valid sections, one line each (lines 1 and 2). */
#define DESK_SMTP                                                              \
	"desk = { name = \"ACME\"; addresses = [\"support@acme.example\"]; "   \
	"ticket_tag = \"ACME\"; };\n"                                          \
	"smtp = { url = \"smtp://localhost\"; "                                \
	"from = \"support@acme.example\"; };\n"
#define MAILBOX                                                                \
	"mailboxes = ( { name = \"support\"; host = \"h\"; user = \"u\"; "     \
	"password = \"p\"; } );\n"
#define AGENTS                                                                 \
	"agents = ( { name = \"alice\"; address = \"alice@acme.example\"; },"  \
	" { name = \"bob\"; address = \"bob@acme.example\"; role = "           \
	"\"lead\"; } );\n"
#define TEAMS                                                                  \
	"teams = ( { name = \"care\"; address = \"care@acme.example\"; lead "  \
	"= \"bob\"; members = [\"alice\"]; } );\n"
/* Everything a desk section may refer to. */
#define BASE DESK_SMTP MAILBOX AGENTS TEAMS

/* ---- a valid file ------------------------------------------------------ */

static void
test_valid_defaults(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(
	    t, BASE "rules = (\n"
	            "  { name = \"r1\"; subject_any = [\"refund\"]; },\n"
	            "  { name = \"r2\"; text_all = [\"a1\", \"b2\"]; "
	            "has_attachment = true; category = \"billing\"; "
	            "severity = \"urgent\"; team = \"care\"; product = "
	            "\"x1\"; tags = [\"t1\", \"t2\"]; boost = -7; stop = true; "
	            "},\n"
	            "  { name = \"r3\"; has_attachment = false; sender = "
	            "[\"@big.example\"]; }\n"
	            ");\n"
	            "routes = ( { category = [\"billing\"]; mailbox = "
	            "[\"support\"]; language = [\"zh\"]; product = [\"x1\"]; "
	            "team = \"care\"; } );\n");

	assert_int_equal(c->n_agents, 2);
	assert_string_equal(c->agents[0].name, "alice");
	assert_string_equal(c->agents[0].address, "alice@acme.example");
	assert_int_equal(c->agents[0].role, CONF_ROLE_AGENT);
	assert_int_equal(c->agents[1].role, CONF_ROLE_LEAD);
	assert_ptr_equal(conf_agent_find(c, "bob"), &c->agents[1]);
	assert_null(conf_agent_find(c, "carol"));

	assert_int_equal(c->n_teams, 1);
	assert_string_equal(c->teams[0].name, "care");
	assert_string_equal(c->teams[0].address, "care@acme.example");
	assert_string_equal(c->teams[0].lead, "bob");
	assert_null(c->teams[0].manager);
	assert_int_equal(c->teams[0].members.n, 1);
	assert_string_equal(c->teams[0].members.v[0], "alice");
	assert_int_equal(c->teams[0].assign, CONF_ASSIGN_ROUND_ROBIN);
	assert_int_equal(c->teams[0].languages.n, 0);
	assert_ptr_equal(conf_team_find(c, "care"), &c->teams[0]);
	assert_null(conf_team_find(c, "billing"));

	assert_int_equal(c->n_rules, 3);
	assert_string_equal(c->rules[0].name, "r1");
	assert_int_equal(c->rules[0].subject_any.n, 1);
	assert_int_equal(c->rules[0].has_attachment, -1);
	assert_null(c->rules[0].category);
	assert_null(c->rules[0].severity);
	assert_null(c->rules[0].team);
	assert_int_equal(c->rules[0].boost, 0);
	assert_false(c->rules[0].stop);
	assert_int_equal(c->rules[1].text_all.n, 2);
	assert_string_equal(c->rules[1].text_all.v[1], "b2");
	assert_int_equal(c->rules[1].has_attachment, 1);
	assert_string_equal(c->rules[1].category, "billing");
	assert_string_equal(c->rules[1].severity, "urgent");
	assert_string_equal(c->rules[1].team, "care");
	assert_string_equal(c->rules[1].product, "x1");
	assert_int_equal(c->rules[1].tags.n, 2);
	assert_int_equal(c->rules[1].boost, -7);
	assert_true(c->rules[1].stop);
	assert_int_equal(c->rules[2].has_attachment, 0);
	assert_string_equal(c->rules[2].sender.v[0], "@big.example");

	assert_int_equal(c->n_routes, 1);
	assert_string_equal(c->routes[0].team, "care");
	assert_string_equal(c->routes[0].category.v[0], "billing");
	assert_string_equal(c->routes[0].mailbox.v[0], "support");
	assert_string_equal(c->routes[0].language.v[0], "zh");
	assert_string_equal(c->routes[0].product.v[0], "x1");

	/* classify: the six categories of the design and the defaults. */
	assert_int_equal(c->classify.categories.n, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(c->classify.categories.v[i],
		                    conf_default_categories[i]);
	assert_null(conf_default_categories[6]);
	assert_true(conf_category_known(c, "logistics"));
	assert_false(conf_category_known(c, "nope"));
	assert_int_equal(c->classify.min_confidence, 60);
	assert_string_equal(c->classify.default_category, "other");
	assert_string_equal(c->classify.default_severity, "general");
	assert_null(c->classify.default_team);

	/* priority and repeat: their defaults. */
	assert_int_equal(c->priority.general, 10);
	assert_int_equal(c->priority.serious, 40);
	assert_int_equal(c->priority.urgent, 80);
	assert_int_equal(c->priority.vip.n, 0);
	assert_int_equal(c->priority.vip_boost, 30);
	assert_int_equal(c->priority.per_recent, 5);
	assert_int_equal(c->priority.max_recent, 20);
	assert_int_equal(c->repeat.threshold, 3);
	assert_int_equal(c->repeat.window, 30L * 86400);
	assert_string_equal(c->repeat.tag, "high-attention");
	assert_int_equal(c->repeat.boost, 20);

	assert_int_equal(conf_severity_index("general"), 0);
	assert_int_equal(conf_severity_index("urgent"), 2);
	assert_int_equal(conf_severity_index("critical"), -1);
	assert_int_equal(conf_severity_index(NULL), -1);
}

static void
test_valid_everything_set(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(
	    t, DESK_SMTP
	    "mailboxes = ( { name = \"support\"; host = \"h\"; user = \"u\"; "
	    "password = \"p\"; team = \"refunds\"; weight = -5; },\n"
	    "  { name = \"old\"; host = \"h\"; user = \"u\"; password = \"p\"; "
	    "team = \"Team@ACME.example\"; } );\n"
	    "agents = ( { name = \"a.b-c_1\"; address = \"a@acme.example\"; "
	    "role = \"manager\"; } );\n"
	    "teams = ( { name = \"refunds\"; manager = \"a.b-c_1\"; members = "
	    "[\"a.b-c_1\"]; assign = \"least_open\"; languages = [\"en\", "
	    "\"zh\"]; },\n"
	    "  { name = \"q\"; assign = \"queue\"; } );\n"
	    "classify = { categories = [\"money\", \"parcels\"]; "
	    "min_confidence = 75; default_category = \"parcels\"; "
	    "default_severity = \"serious\"; default_team = \"refunds\"; };\n"
	    "priority = { general = 1; serious = 2; urgent = 3; vip = "
	    "[\"ceo@big.example\", \"@partner.example\"]; vip_boost = 4; "
	    "per_recent = 6; max_recent = 7; };\n"
	    "repeat = { threshold = 5; window = \"2h\"; tag = \"often\"; boost "
	    "= 9; };\n");

	assert_string_equal(c->mailboxes[0].team, "refunds");
	assert_int_equal(c->mailboxes[0].weight, -5);
	assert_string_equal(c->mailboxes[1].team, "Team@ACME.example");
	assert_int_equal(c->agents[0].role, CONF_ROLE_MANAGER);
	assert_int_equal(c->teams[0].assign, CONF_ASSIGN_LEAST_OPEN);
	assert_int_equal(c->teams[0].languages.n, 2);
	/* A queue team needs neither members nor an address. */
	assert_int_equal(c->teams[1].assign, CONF_ASSIGN_QUEUE);
	assert_int_equal(c->classify.categories.n, 2);
	assert_string_equal(c->classify.categories.v[1], "parcels");
	assert_true(conf_category_known(c, "money"));
	assert_false(conf_category_known(c, "billing"));
	assert_int_equal(c->classify.min_confidence, 75);
	assert_string_equal(c->classify.default_category, "parcels");
	assert_string_equal(c->classify.default_severity, "serious");
	assert_string_equal(c->classify.default_team, "refunds");
	assert_int_equal(c->priority.general, 1);
	assert_int_equal(c->priority.serious, 2);
	assert_int_equal(c->priority.urgent, 3);
	assert_int_equal(c->priority.vip.n, 2);
	assert_int_equal(c->priority.vip_boost, 4);
	assert_int_equal(c->priority.per_recent, 6);
	assert_int_equal(c->priority.max_recent, 7);
	assert_int_equal(c->repeat.threshold, 5);
	assert_int_equal(c->repeat.window, 7200);
	assert_string_equal(c->repeat.tag, "often");
	assert_int_equal(c->repeat.boost, 9);
	assert_true(conf_address_in(&c->priority.vip, "CEO@big.example"));
	assert_true(conf_address_in(&c->priority.vip, "x@Partner.Example"));
	assert_false(
	    conf_address_in(&c->priority.vip, "x@sub.partner.example"));
	assert_false(conf_address_in(&c->priority.vip, "partner.example"));
	assert_false(conf_address_in(&c->priority.vip, NULL));
}

/* The shipped rule set (config/rules.conf) loads: every category and
 * severity it names exists, every pattern compiles. */
static void
test_shipped_rules(void **state)
{
	struct conf_harness *t = *state;
	char path[PATH_MAX + 32], buf[8192];
	const struct conf *c;
	FILE *in, *out;
	size_t n;

	/* Copied beside the file, as the shipped file includes it. */
	snprintf(path, sizeof(path), "%s/config/rules.conf", CONF_SOURCE_DIR);
	assert_non_null(in = fopen(path, "r"));
	snprintf(path, sizeof(path), "%s/rules.conf", t->dir);
	assert_non_null(out = fopen(path, "w"));
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	assert_int_equal(fclose(in), 0);
	assert_int_equal(fclose(out), 0);
	c = conf_harness_load_ok(t, BASE "@include \"rules.conf\"\n");
	assert_true(c->n_rules > 10);
	for (size_t i = 0; i < c->n_rules; i++) {
		assert_null(c->rules[i].team);
		assert_true(c->rules[i].category == NULL ||
		            conf_category_known(c, c->rules[i].category));
		assert_true(c->rules[i].severity == NULL ||
		            conf_severity_index(c->rules[i].severity) >= 0);
	}
}

/* ---- names that must exist --------------------------------------------- */

static void
test_unknown_team(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "rules = ( { name = \"r1\"; text_any = [\"x\"];\n"
	            "  @@team = \"nope\"; } );\n",
	       "rules[0].team: ", "no team is named \"nope\"");
	EXPECT(t,
	       BASE "rules = ( { name = \"r1\"; team = \"care\"; },\n"
	            "  { name = \"r2\";\n"
	            "  @@team = \"Care\"; } );\n",
	       "rules[1].team: ", "no team is named \"Care\"");
	EXPECT(t,
	       BASE
	       "routes = ( { category = [\"billing\"]; team = \"care\"; },\n"
	       "  { category = [\"billing\"];\n"
	       "  @@team = \"nope\"; } );\n",
	       "routes[1].team: ", "no team is named \"nope\"");
	EXPECT(
	    t,
	    DESK_SMTP AGENTS TEAMS
	    "mailboxes = ( { name = \"support\"; host = \"h\"; user = \"u\"; "
	    "password = \"p\";\n"
	    "  @@team = \"nope\"; } );\n",
	    "mailboxes[0].team: ", "no team is named \"nope\"");
	EXPECT(t,
	       BASE "classify = {\n"
	            "  min_confidence = 50;\n"
	            "  @@default_team = \"nope\";\n"
	            "};\n",
	       "classify.default_team: ", "no team is named \"nope\"");
	/* No teams at all. */
	EXPECT(t,
	       DESK_SMTP AGENTS "rules = ( { name = \"r1\";\n"
	                        "@@team = \"care\"; } );\n",
	       "rules[0].team: ", "no team is named \"care\"");
}

static void
test_unknown_agent(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       DESK_SMTP AGENTS "teams = ( { name = \"care\"; address = "
	                        "\"care@acme.example\";\n"
	                        "  @@lead = \"carol\"; } );\n",
	       "teams[0].lead: ", "no agent is named \"carol\"");
	EXPECT(t,
	       DESK_SMTP AGENTS "teams = ( { name = \"care\"; address = "
	                        "\"care@acme.example\"; lead = \"bob\";\n"
	                        "  @@manager = \"dave\"; } );\n",
	       "teams[0].manager: ", "no agent is named \"dave\"");
	EXPECT(t,
	       DESK_SMTP AGENTS
	       "teams = ( { name = \"care\"; members = [\"alice\"]; },\n"
	       "  { name = \"two\";\n"
	       "  @@members = [ \"alice\",\n"
	       "    \"zed\" ]; } );\n",
	       "teams[1].members: ", "no agent is named \"zed\"");
}

static void
test_unknown_category(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "rules = ( { name = \"r1\"; text_any = [\"x\"];\n"
	            "  @@category = \"refunds\"; } );\n",
	       "rules[0].category: ",
	       "\"refunds\" is not a category (see classify.categories)");
	EXPECT(t,
	       BASE "routes = ( { team = \"care\";\n"
	            "  @@category = [\"billing\", \"refunds\"]; } );\n",
	       "routes[0].category: ", "\"refunds\" is not a category");
	EXPECT(t,
	       BASE "classify = {\n"
	            "  @@default_category = \"refunds\";\n"
	            "};\n",
	       "classify.default_category: ", "\"refunds\" is not a category");
	/* Categories listed without "other": the default one is unknown,
	 * reported at the section (the key has no line of its own). */
	EXPECT(t, BASE "@@classify = { categories = [\"a\", \"b\"]; };\n",
	       "classify", "\"other\" is not a category");
	/* A rule's category must be among those listed. */
	EXPECT(t,
	       BASE "classify = { categories = [\"a\", \"other\"]; };\n"
	            "rules = ( { name = \"r1\";\n"
	            "  @@category = \"billing\"; } );\n",
	       "rules[0].category: ", "\"billing\" is not a category");
	EXPECT(t,
	       BASE "classify = {\n"
	            "  @@categories = [\"a\", \"other\", \"a\"]; };\n",
	       "classify.categories: ", "\"a\" is listed twice");
	/* A route's mailbox must exist too. */
	EXPECT(t,
	       BASE "routes = ( { team = \"care\";\n"
	            "  @@mailbox = [\"nope\"]; } );\n",
	       "routes[0].mailbox: ", "no mailbox is named \"nope\"");
}

static void
test_unknown_severity(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "rules = ( { name = \"r1\";\n"
	            "  @@severity = \"critical\"; } );\n",
	       "rules[0].severity: ",
	       "\"critical\" is not a severity (general, serious or urgent)");
	EXPECT(t,
	       BASE "rules = ( { name = \"r1\";\n"
	            "  @@severity = \"Urgent\"; } );\n",
	       "rules[0].severity: ", "\"Urgent\" is not a severity");
	EXPECT(t,
	       BASE "classify = {\n"
	            "  @@default_severity = \"low\"; };\n",
	       "classify.default_severity: ", "\"low\" is not a severity");
}

static void
test_duplicate_names(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(
	    t,
	    DESK_SMTP
	    "agents = ( { name = \"alice\"; address = \"a@acme.example\"; },\n"
	    "  { name = \"bob\"; address = \"b@acme.example\"; },\n"
	    "  { address = \"a2@acme.example\";\n"
	    "    @@name = \"alice\"; } );\n",
	    "agents[2].name: ", "\"alice\" is also the name of agents[0]");
	EXPECT(t,
	       DESK_SMTP AGENTS
	       "teams = ( { name = \"care\"; members = [\"alice\"]; },\n"
	       "  { members = [\"bob\"];\n"
	       "    @@name = \"care\"; } );\n",
	       "teams[1].name: ", "\"care\" is also the name of teams[0]");
	EXPECT(t,
	       BASE "rules = ( { name = \"r1\"; },\n"
	            "  { name = \"r2\"; },\n"
	            "  { text_any = [\"x\"];\n"
	            "    @@name = \"r2\"; } );\n",
	       "rules[2].name: ", "\"r2\" is also the name of rules[1]");
}

/* The model learns one class per category: at most 64 of them. */
static void
test_too_many_categories(void **state)
{
	struct conf_harness *t = *state;
	char text[4096];
	int n = snprintf(text, sizeof(text),
	                 "%sclassify = {\n  @@categories = [", BASE);

	for (int i = 0; i <= CONF_MAX_CATEGORIES; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%s\"c%d\"",
		              i ? ", " : " ", i);
	snprintf(text + n, sizeof(text) - (size_t)n,
	         " ];\n  default_category = \"c0\";\n};\n");
	EXPECT(t, text, "classify.categories: ", "65 categories; at most 64");
	/* 64 are fine. */
	n = snprintf(text, sizeof(text), "%sclassify = {\n  categories = [",
	             BASE);
	for (int i = 0; i < CONF_MAX_CATEGORIES; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%s\"c%d\"",
		              i ? ", " : " ", i);
	snprintf(text + n, sizeof(text) - (size_t)n,
	         " ];\n  default_category = \"c0\";\n};\n");
	conf_harness_load_ok(t, text);
}

static void
test_bad_regex(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "rules = ( { name = \"r1\";\n"
	            "  @@subject_regex = \"(unclosed\"; } );\n",
	       "rules[0].subject_regex: ", "pattern \"(unclosed\": ");
	EXPECT(t,
	       BASE "rules = ( { name = \"r1\"; subject_regex = \"ok\";\n"
	            "  @@body_regex = \"订单[号\"; } );\n",
	       "rules[0].body_regex: ", "pattern \"订单[号\": ");
	/* Not UTF-8. */
	EXPECT(t,
	       BASE "rules = ( { name = \"r1\";\n"
	            "  @@body_regex = \"\xff\xfe\"; } );\n",
	       "rules[0].body_regex: ", "pattern ");
}

static void
test_team_nobody_hears(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(
	    t,
	    DESK_SMTP AGENTS "teams = (\n"
	                     "  { name = \"care\"; members = [\"alice\"]; "
	                     "},\n"
	                     "  @@{ name = \"empty\"; lead = \"bob\"; }\n"
	                     ");\n",
	    "teams[1]: ", "team \"empty\" has neither members nor an address");
	/* An address alone, or members alone, will do. */
	conf_harness_load_ok(
	    t, DESK_SMTP AGENTS
	    "teams = ( { name = \"a\"; address = \"a@acme.example\"; },"
	    " { name = \"m\"; members = [\"bob\"]; } );\n");
}

static void
test_bad_names(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       DESK_SMTP "agents = ( { address = \"a@acme.example\";\n"
	                 "  @@name = \"Alice Smith\"; } );\n",
	       "agents[0].name: ", "\"Alice Smith\" must be 1-40 characters");
	EXPECT(t,
	       DESK_SMTP AGENTS TEAMS "rules = ( { name = \"r1\";\n"
	                              "  @@tags = [\"ok\", \"Not OK\"]; } );\n",
	       "rules[0].tags: ", "\"Not OK\" must be 1-40 characters");
	EXPECT(t,
	       DESK_SMTP AGENTS TEAMS "repeat = {\n"
	                              "  @@threshold = 0; };\n",
	       "repeat.threshold: ", "");
}

/* Every reference error of a file at once, each at its own line. */
static void
test_all_errors_at_once(void **state)
{
	struct conf_harness *t = *state;
	static const char text[] =
	    BASE "rules = ( { name = \"r1\";\n"
	         "  team = \"nope\";\n"
	         "  category = \"refunds\";\n"
	         "  severity = \"critical\"; } );\n"
	         "classify = { default_team = \"nope2\"; };\n";
	static const char *const want[] = {
	    ":7: rules[0].team: no team is named \"nope\"",
	    ":8: rules[0].category: \"refunds\" is not a category",
	    ":9: rules[0].severity: \"critical\" is not a severity",
	    ":10: classify.default_team: no team is named \"nope2\"",
	};
	unsigned line;

	assert_null(conf_harness_load(t, text, &line));
	for (size_t i = 0; i < N(want); i++) {
		char prefix[PATH_MAX + 128];
		bool found = false;
		snprintf(prefix, sizeof(prefix), "%s%s", t->path, want[i]);
		for (size_t j = 0; j < t->errors.n && !found; j++)
			found = strncmp(t->errors.v[j], prefix,
			                strlen(prefix)) == 0;
		if (!found) {
			conf_harness_print_errors(t);
			fail_msg("missing: %s", prefix);
		}
	}
	assert_int_equal(t->errors.n, N(want));
}

int
main(void)
{
#define T(fn)                                                                  \
	cmocka_unit_test_setup_teardown(fn, conf_harness_setup,                \
	                                conf_harness_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_valid_defaults),      T(test_valid_everything_set),
	    T(test_shipped_rules),       T(test_unknown_team),
	    T(test_unknown_agent),       T(test_unknown_category),
	    T(test_unknown_severity),    T(test_duplicate_names),
	    T(test_too_many_categories), T(test_bad_regex),
	    T(test_team_nobody_hears),   T(test_bad_names),
	    T(test_all_errors_at_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
