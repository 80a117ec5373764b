/*
 * test_triage: a desk of six teams loaded from a configuration file in a
 * temp dir, over a real store — which team and agent a ticket goes to
 * (rule, routes, mailbox, default, languages, round robin, least open,
 * queue, everyone away), the priority score term by term, repeat
 * complainers at the edges of their window, and what triage stores for a
 * new ticket, a reply and an agent's correction.  Time is passed in.
 */
#include "triage.h"

#include "classify.h"
#include "conf.h"
#include "priority.h"
#include "route.h"
#include "store.h"
#include "store_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 1796400000LL /* Fri, 4 Dec 2026 16:00:00 UTC */
#define W 86400LL       /* repeat.window */

/* Severity points and the other terms, all off their defaults so a
 * default in place of the file's value shows. */
#define P_GENERAL 11
#define P_SERIOUS 41
#define P_URGENT 83
#define P_VIP 31
#define P_PER_RECENT 5
#define P_MAX_RECENT 12
#define P_REPEAT 21
#define W_SUPPORT 7 /* the support mailbox's weight */

static const char tr_conf[] =
    "desk = { name = \"ACME\"; addresses = [\"support@acme.example\"]; "
    "ticket_tag = \"ACME\"; };\n"
    "smtp = { url = \"smtp://localhost\"; from = \"support@acme.example\"; "
    "};\n"
    "mailboxes = (\n"
    "  { name = \"support\"; host = \"h\"; user = \"u\"; password = \"p\"; "
    "team = \"care\"; weight = 7; },\n"
    "  { name = \"cn\"; host = \"h\"; user = \"u\"; password = \"p\"; team = "
    "\"zh\"; },\n"
    "  { name = \"plain\"; host = \"h\"; user = \"u\"; password = \"p\"; }\n"
    ");\n"
    "agents = (\n"
    "  { name = \"alice\"; address = \"alice@acme.example\"; },\n"
    "  { name = \"bob\"; address = \"bob@acme.example\"; },\n"
    "  { name = \"carol\"; address = \"carol@acme.example\"; role = "
    "\"lead\"; },\n"
    "  { name = \"dave\"; address = \"dave@acme.example\"; role = "
    "\"manager\"; },\n"
    "  { name = \"li\"; address = \"li@acme.example\"; },\n"
    "  { name = \"eve\"; address = \"eve@acme.example\"; },\n"
    "  { name = \"frank\"; address = \"frank@acme.example\"; },\n"
    "  { name = \"gina\"; address = \"gina@acme.example\"; },\n"
    "  { name = \"hank\"; address = \"hank@acme.example\"; },\n"
    "  { name = \"olga\"; address = \"olga@acme.example\"; }\n"
    ");\n"
    "teams = (\n"
    "  { name = \"care\"; address = \"care@acme.example\"; lead = "
    "\"carol\"; manager = \"dave\"; members = [\"alice\", \"bob\"]; "
    "languages = [\"en\"]; },\n"
    "  { name = \"billing\"; address = \"billing@acme.example\"; lead = "
    "\"carol\"; members = [\"gina\", \"hank\"]; assign = \"least_open\"; },\n"
    "  { name = \"zh\"; address = \"zh@acme.example\"; members = [\"li\"]; "
    "languages = [\"zh\"]; },\n"
    "  { name = \"logistics\"; address = \"ship@acme.example\"; assign = "
    "\"queue\"; },\n"
    "  { name = \"night\"; address = \"night@acme.example\"; lead = "
    "\"dave\"; members = [\"eve\", \"frank\"]; },\n"
    "  { name = \"general\"; address = \"general@acme.example\"; assign = "
    "\"queue\"; languages = [\"en\", \"zh\"]; }\n"
    ");\n"
    "rules = (\n"
    "  { name = \"legal\"; text_any = [\"lawyer\"]; severity = \"urgent\"; "
    "team = \"night\"; tags = [\"legal\"]; boost = 15; },\n"
    "  { name = \"billing\"; text_any = [\"refund\", \"退款\"]; category = "
    "\"billing\"; severity = \"serious\"; tags = [\"money\"]; boost = 5; "
    "},\n"
    "  { name = \"late\"; text_any = [\"parcel\"]; category = "
    "\"logistics\"; },\n"
    "  { name = \"idea\"; text_any = [\"suggest\"]; category = "
    "\"suggestion\"; },\n"
    "  { name = \"calm\"; text_any = [\"whenever\"]; severity = "
    "\"general\"; },\n"
    "  { name = \"escalate\"; body_any = [\"unacceptable\"]; severity = "
    "\"urgent\"; boost = 3; },\n"
    "  { name = \"vip-tier\"; tier = [\"vip\"]; tags = [\"vip\"]; }\n"
    ");\n"
    "routes = (\n"
    "  { category = [\"billing\"]; team = \"billing\"; },\n"
    "  { category = [\"logistics\"]; team = \"logistics\"; },\n"
    "  { category = [\"suggestion\"]; team = \"care\"; },\n"
    "  { category = [\"suggestion\"]; team = \"zh\"; },\n"
    "  { category = [\"billing\"]; team = \"care\"; }\n"
    ");\n"
    "classify = { default_team = \"general\"; };\n"
    "priority = { general = 11; serious = 41; urgent = 83; vip = "
    "[\"Boss@Big.Example\", \"@partner.example\"]; vip_boost = 31; "
    "per_recent = 5; max_recent = 12; };\n"
    "repeat = { threshold = 3; window = \"1d\"; tag = \"high-attention\"; "
    "boost = 21; };\n";

struct tr_test {
	char dir[PATH_MAX];
	struct store *store;
	struct conf *conf;
	struct classify_rules *rules;
	struct classify_model model;
	struct triage_config cfg;
};

static int
tr_setup(void **state)
{
	struct tr_test *t = calloc(1, sizeof(*t));
	char path[PATH_MAX + 32], err[512];
	struct conf_errors errors = {0};
	int fd;

	if (t == NULL)
		return -1;
	if ((t->store = store_harness_open("test_triage", t->dir)) == NULL) {
		free(t);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/complaintd.conf", t->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 ||
	    write(fd, tr_conf, strlen(tr_conf)) != (ssize_t)strlen(tr_conf)) {
		fprintf(stderr, "test_triage: cannot write %s\n", path);
		return -1;
	}
	close(fd);
	t->conf = conf_load(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	conf_errors_free(&errors);
	if (t->conf == NULL)
		return -1;
	if ((t->rules = classify_rules_new(t->conf, err, sizeof(err))) ==
	    NULL) {
		fprintf(stderr, "test_triage: %s\n", err);
		return -1;
	}
	t->cfg.conf = t->conf;
	t->cfg.rules = t->rules;
	t->cfg.model = NULL;
	*state = t;
	return 0;
}

static int
tr_teardown(void **state)
{
	struct tr_test *t = *state;

	store_close(t->store);
	classify_model_clear(&t->model);
	classify_rules_free(t->rules);
	conf_free(t->conf);
	store_harness_remove(t->dir);
	free(t);
	return 0;
}

/* ---- helpers --------------------------------------------------------- */

static long long
tr_customer(struct tr_test *t, const char *address)
{
	long long id;

	assert_int_equal(
	    store_customer_upsert(t->store, address, NULL, T0 - W, &id), 0);
	return id;
}

/* A ticket row only (no triage), created at created. */
static long long
tr_ticket(struct tr_test *t, long long customer, const char *subject,
          const char *mailbox, long long created)
{
	struct store_ticket_new tn = {
	    .customer_id = customer,
	    .subject = subject,
	    .subject_norm = subject,
	    .mailbox = mailbox,
	    .language = "en",
	    .linked_ticket_id = -1,
	    .created = created,
	};
	long long id;

	assert_int_equal(store_ticket_insert(t->store, &tn, &id), 0);
	return id;
}

struct tr_mail {
	const char *subject, *text, *sender, *mailbox, *language;
};

/* A new ticket of customer made at now and triaged; its id. */
static long long
tr_new(struct tr_test *t, long long customer, const struct tr_mail *mail,
       long long now, struct triage_result *out)
{
	const char *mailbox = mail->mailbox ? mail->mailbox : "support";
	struct triage_mail m = {
	    .customer_id = customer,
	    .subject = mail->subject,
	    .text = mail->text ? mail->text : "",
	    .sender = mail->sender ? mail->sender : "",
	    .mailbox = mailbox,
	    .language = mail->language ? mail->language : "en",
	};
	struct store_message_new msg = {
	    .direction = "in",
	    .kind = "mail",
	    .raw_sha256 = NULL,
	    .from_addr = m.sender,
	    .subject = m.subject,
	    .date = now,
	    .received = now,
	    .body_text = m.text,
	    .mailbox_id = -1,
	    .uid = -1,
	    .raw = "x",
	    .raw_len = 1,
	};
	char sha[65];
	long long row;

	assert_int_equal(store_begin(t->store), 0);
	m.ticket_id = tr_ticket(t, customer, m.subject, mailbox, now);
	snprintf(sha, sizeof(sha), "%064lld", m.ticket_id);
	msg.ticket_id = m.ticket_id;
	msg.raw_sha256 = sha;
	assert_int_equal(store_message_insert(t->store, &msg, &row), 0);
	if (triage_new_ticket(t->store, &t->cfg, &m, now, out) != 0)
		fail_msg("triage_new_ticket: %s", store_error(t->store));
	assert_int_equal(store_commit(t->store), 0);
	return m.ticket_id;
}

static long long
tr_new_plain(struct tr_test *t, long long customer, const char *subject,
             long long now, struct triage_result *out)
{
	struct tr_mail mail = {.subject = subject};

	return tr_new(t, customer, &mail, now, out);
}

static void
tr_get(struct tr_test *t, long long id, struct store_ticket *tk)
{
	assert_int_equal(store_ticket_get(t->store, id, tk), 1);
}

static long long
tr_priority(struct tr_test *t, long long id)
{
	struct store_ticket tk;
	long long p;

	tr_get(t, id, &tk);
	p = tk.priority;
	store_ticket_clear(&tk);
	return p;
}

static void
tr_customer_get(struct tr_test *t, long long id, struct store_customer *c)
{
	assert_int_equal(store_customer_get(t->store, id, c), 1);
}

static void
assert_contains(const char *haystack, const char *needle)
{
	if (haystack == NULL || strstr(haystack, needle) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"",
		         haystack ? haystack : "(null)", needle);
}

/* ---- routing ---------------------------------------------------------- */

static void
tr_route(struct tr_test *t, const struct route_input *in,
         struct route_result *out)
{
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(route_ticket(t->store, t->conf, in, out), 0);
	assert_int_equal(store_commit(t->store), 0);
}

static const char *
tr_route_team(struct tr_test *t, const char *category, const char *mailbox,
              const char *language, struct route_result *r)
{
	struct route_input in = {
	    .category = category, .mailbox = mailbox, .language = language};

	tr_route(t, &in, r);
	return r->team ? r->team->name : NULL;
}

static void
test_route_team(void **state)
{
	struct tr_test *t = *state;
	struct route_input in = {.category = "billing",
	                         .mailbox = "support",
	                         .language = "en",
	                         .rule_team = "night",
	                         .rule = "legal"};
	struct route_result r;

	/* A rule's team beats every route. */
	tr_route(t, &in, &r);
	assert_non_null(r.team);
	assert_string_equal(r.team->name, "night");
	assert_contains(r.why, "team night (rule legal)");
	/* The first route that holds (route 5 would say care). */
	assert_string_equal(tr_route_team(t, "billing", "support", "en", &r),
	                    "billing");
	assert_contains(r.why, "team billing (route 1)");
	assert_string_equal(tr_route_team(t, "logistics", "cn", "zh", &r),
	                    "logistics");
	assert_contains(r.why, "route 2");
	/* No route: the mailbox's team ... */
	assert_string_equal(tr_route_team(t, "other", "support", "en", &r),
	                    "care");
	assert_contains(r.why, "team care (mailbox)");
	assert_string_equal(tr_route_team(t, "other", "cn", "zh", &r), "zh");
	/* ... then classify.default_team. */
	assert_string_equal(tr_route_team(t, "other", "plain", "en", &r),
	                    "general");
	assert_contains(r.why, "team general (default)");
	assert_string_equal(tr_route_team(t, "other", "pipe", "en", &r),
	                    "general");
}

static void
test_route_languages(void **state)
{
	struct tr_test *t = *state;
	struct route_result r;

	/* care (route 3) speaks en only: a Chinese ticket goes on to the
	 * next candidate, route 4's zh. */
	assert_string_equal(tr_route_team(t, "suggestion", "plain", "en", &r),
	                    "care");
	assert_contains(r.why, "route 3");
	assert_string_equal(tr_route_team(t, "suggestion", "plain", "zh", &r),
	                    "zh");
	assert_contains(r.why, "team zh (route 4)");
	/* The mailbox's team is skipped too: general takes Chinese. */
	assert_string_equal(tr_route_team(t, "other", "support", "zh", &r),
	                    "general");
	/* Nobody speaks French: the first candidate stands. */
	assert_string_equal(tr_route_team(t, "suggestion", "plain", "fr", &r),
	                    "care");
	assert_contains(r.why, "no team handles \"fr\"");
	assert_string_equal(tr_route_team(t, "other", "support", "fr", &r),
	                    "care");
	/* A team without languages takes any. */
	assert_string_equal(tr_route_team(t, "billing", "plain", "fr", &r),
	                    "billing");
}

static const char *
tr_assignee(struct tr_test *t, const char *category, const char *mailbox,
            struct route_result *r)
{
	tr_route_team(t, category, mailbox, "en", r);
	return r->assignee ? r->assignee->name : NULL;
}

static void
test_route_round_robin(void **state)
{
	struct tr_test *t = *state;
	struct store_agent a;
	struct route_result r;

	/* care: alice and bob in turn, across calls. */
	assert_string_equal(tr_assignee(t, "other", "support", &r), "alice");
	assert_contains(r.why, "assignee alice (round_robin)");
	assert_ptr_equal(r.queue_address, r.team->address);
	assert_string_equal(tr_assignee(t, "other", "support", &r), "bob");
	assert_string_equal(tr_assignee(t, "other", "support", &r), "alice");
	assert_string_equal(tr_assignee(t, "other", "support", &r), "bob");
	/* An away member is skipped. */
	assert_int_equal(store_agent_set_away(t->store, "alice", true, T0), 0);
	assert_int_equal(store_agent_get(t->store, "alice", &a), 0);
	assert_true(a.away);
	assert_int_equal(a.away_since, T0);
	assert_string_equal(tr_assignee(t, "other", "support", &r), "bob");
	assert_string_equal(tr_assignee(t, "other", "support", &r), "bob");
	/* Back: her turn is the oldest. */
	assert_int_equal(store_agent_set_away(t->store, "alice", false, T0), 0);
	assert_string_equal(tr_assignee(t, "other", "support", &r), "alice");
	assert_string_equal(tr_assignee(t, "other", "support", &r), "bob");
	assert_false(r.nobody_available);
}

/* Gives agent n more open tickets of customer. */
static void
tr_give(struct tr_test *t, long long customer, const char *agent, int n)
{
	for (int i = 0; i < n; i++) {
		long long id = tr_ticket(t, customer, "x", "support", T0);
		struct store_triage st = {.category = "other",
		                          .severity = "general",
		                          .team = "billing",
		                          .assignee = agent,
		                          .tags = "",
		                          .reasons = "",
		                          .rules_fired = "",
		                          .priority = 1};
		assert_int_equal(store_ticket_set_triage(t->store, id, &st), 0);
	}
}

static void
test_route_least_open(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct store_agent a;
	struct route_result r;

	tr_give(t, c, "gina", 2);
	tr_give(t, c, "hank", 1);
	assert_int_equal(store_agent_get(t->store, "gina", &a), 0);
	assert_int_equal(a.open, 2);
	/* hank has fewer, every time (routing alone opens nothing). */
	assert_string_equal(tr_assignee(t, "billing", "support", &r), "hank");
	assert_contains(r.why, "assignee hank (least_open)");
	assert_string_equal(tr_assignee(t, "billing", "support", &r), "hank");
	tr_give(t, c, "hank", 2);
	assert_string_equal(tr_assignee(t, "billing", "support", &r), "gina");
	/* Closed tickets are not open. */
	{
		long long ids[3];
		long long *open;
		size_t n;
		assert_int_equal(
		    store_customer_open_tickets(t->store, c, &open, &n), 0);
		assert_int_equal(n, 5);
		/* hank's are the 3rd, 4th and 5th. */
		memcpy(ids, open + 2, sizeof(ids));
		free(open);
		for (int i = 0; i < 3; i++)
			assert_int_equal(store_ticket_set_status(
			                     t->store, ids[i], "closed", T0),
			                 0);
	}
	assert_string_equal(tr_assignee(t, "billing", "support", &r), "hank");
	/* Away beats fewest. */
	assert_int_equal(store_agent_set_away(t->store, "hank", true, T0), 0);
	assert_string_equal(tr_assignee(t, "billing", "support", &r), "gina");
}

static void
test_route_queue_and_away(void **state)
{
	struct tr_test *t = *state;
	struct route_input in = {.category = "other",
	                         .mailbox = "support",
	                         .language = "en",
	                         .rule_team = "night",
	                         .rule = "legal"};
	struct route_result r;

	/* queue: nobody is assigned, and nobody is missing. */
	assert_null(tr_assignee(t, "logistics", "support", &r));
	assert_string_equal(r.team->name, "logistics");
	assert_string_equal(r.queue_address, "ship@acme.example");
	assert_false(r.nobody_available);
	assert_contains(r.why, "in the team queue");

	/* Every member away: the team's queue. */
	assert_int_equal(store_agent_set_away(t->store, "eve", true, T0), 0);
	tr_route(t, &in, &r);
	assert_string_equal(r.team->name, "night");
	assert_non_null(r.assignee);
	assert_string_equal(r.assignee->name, "frank");
	assert_false(r.nobody_available);
	assert_int_equal(store_agent_set_away(t->store, "frank", true, T0), 0);
	tr_route(t, &in, &r);
	assert_string_equal(r.team->name, "night");
	assert_null(r.assignee);
	assert_true(r.nobody_available);
	assert_string_equal(r.queue_address, "night@acme.example");
	assert_contains(r.why, "every member is away");
}

/* ---- priority ---------------------------------------------------------- */

static void
test_priority_terms(void **state)
{
	struct tr_test *t = *state;
	struct priority_input in = {.severity = "general"};

	assert_int_equal(priority_score(t->conf, &in), P_GENERAL);
	in.severity = "serious";
	assert_int_equal(priority_score(t->conf, &in), P_SERIOUS);
	in.severity = "urgent";
	assert_int_equal(priority_score(t->conf, &in), P_URGENT);
	in.vip = true;
	assert_int_equal(priority_score(t->conf, &in), P_URGENT + P_VIP);
	in.mailbox_weight = W_SUPPORT;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT);
	in.boost = 15;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15);
	/* The ticket itself is not a recent one. */
	in.recent = 1;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15);
	in.recent = 2;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15 + P_PER_RECENT);
	in.recent = 3;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15 + 2 * P_PER_RECENT);
	/* 3 others would be 15: capped at max_recent. */
	in.recent = 4;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15 + P_MAX_RECENT);
	in.recent = 100;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15 + P_MAX_RECENT);
	in.repeat = true;
	assert_int_equal(priority_score(t->conf, &in),
	                 P_URGENT + P_VIP + W_SUPPORT + 15 + P_MAX_RECENT +
	                     P_REPEAT);
	/* Boosts may be negative. */
	in = (struct priority_input){.severity = "serious", .boost = -30};
	assert_int_equal(priority_score(t->conf, &in), P_SERIOUS - 30);
}

static void
test_priority_vip(void **state)
{
	struct tr_test *t = *state;

	assert_true(priority_is_vip(t->conf, "boss@big.example", "standard"));
	assert_true(priority_is_vip(t->conf, "BOSS@Big.Example", NULL));
	assert_false(priority_is_vip(t->conf, "other@big.example", NULL));
	assert_true(priority_is_vip(t->conf, "anyone@partner.example", NULL));
	assert_true(priority_is_vip(t->conf, "x@PARTNER.example", "standard"));
	assert_false(priority_is_vip(t->conf, "x@sub.partner.example", NULL));
	assert_false(priority_is_vip(t->conf, "x@example.com", "standard"));
	assert_true(priority_is_vip(t->conf, "x@example.com", "vip"));
	assert_false(priority_is_vip(t->conf, "", "gold"));
}

/* ---- a new ticket ------------------------------------------------------ */

static void
assert_event(struct tr_test *t, long long ticket, const char *kind,
             const char *detail)
{
	struct store_event *v;
	size_t n;
	bool found = false;

	assert_int_equal(store_ticket_events(t->store, ticket, &v, &n), 0);
	for (size_t i = 0; i < n && !found; i++)
		found = strcmp(v[i].kind, kind) == 0 &&
		        (detail == NULL ||
		         (v[i].detail && strstr(v[i].detail, detail)));
	store_events_free(v, n);
	if (!found)
		fail_msg("ticket %lld has no event %s (%s)", ticket, kind,
		         detail ? detail : "");
}

static void
test_new_ticket_stored(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct tr_mail mail = {.subject = "Refund please",
	                       .text = "I want my money back.",
	                       .sender = "c@example.com"};
	struct triage_result r;
	struct store_ticket tk;
	long long id = tr_new(t, c, &mail, T0, &r);

	assert_true(r.changed);
	assert_string_equal(r.category, "billing");
	assert_string_equal(r.severity, "serious");
	assert_string_equal(r.team, "billing");
	assert_non_null(r.assignee);
	assert_string_equal(r.assignee->name, "gina");
	assert_string_equal(r.notify_addr, "gina@acme.example");
	assert_int_equal(r.priority, P_SERIOUS + W_SUPPORT + 5);
	assert_false(r.urgent_alert);
	assert_null(r.repeat_notify);
	assert_int_equal(r.recent, 1);
	assert_false(r.nobody_available);

	tr_get(t, id, &tk);
	assert_string_equal(tk.category, "billing");
	assert_string_equal(tk.severity, "serious");
	assert_string_equal(tk.team, "billing");
	assert_string_equal(tk.assignee, "gina");
	assert_string_equal(tk.tags, "money");
	assert_string_equal(tk.rules_fired, "billing");
	assert_null(tk.product);
	assert_int_equal(tk.boost, 5);
	assert_int_equal(tk.priority, P_SERIOUS + W_SUPPORT + 5);
	assert_true(tk.confidence == 1.0);
	assert_contains(tk.reasons, "category billing (rule billing)");
	assert_contains(tk.reasons, "severity serious (rule billing)");
	assert_contains(tk.reasons, "team billing (route 1)");
	assert_contains(tk.reasons, "assignee gina (least_open)");
	assert_contains(tk.reasons, "priority 53");
	assert_string_equal(r.reasons, tk.reasons);
	store_ticket_clear(&tk);
	assert_event(t, id, "ticket.classified", "category billing");
	assert_event(t, id, "ticket.assigned", "to gina");
}

static void
test_new_ticket_urgent(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct tr_mail mail = {.subject = "Refund, or my lawyer calls",
	                       .sender = "c@example.com"};
	struct triage_result r;
	struct store_ticket tk;
	long long id = tr_new(t, c, &mail, T0, &r);

	assert_string_equal(r.category, "billing");
	assert_string_equal(r.severity, "urgent");
	/* The rule's team, not route 1's. */
	assert_string_equal(r.team, "night");
	assert_string_equal(r.assignee->name, "eve");
	assert_true(r.urgent_alert);
	assert_int_equal(r.priority, P_URGENT + W_SUPPORT + 15 + 5);
	tr_get(t, id, &tk);
	assert_string_equal(tk.tags, "legal,money");
	assert_string_equal(tk.rules_fired, "legal,billing");
	assert_int_equal(tk.boost, 20);
	assert_string_equal(tk.team, "night");
	assert_contains(tk.reasons, "team night (rule legal)");
	store_ticket_clear(&tk);
}

static void
test_new_ticket_defaults_and_vip(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "anyone@partner.example");
	long long c2 = tr_customer(t, "tiered@example.com");
	struct tr_mail mail = {.subject = "Hello",
	                       .text = "Just a question.",
	                       .sender = "anyone@partner.example",
	                       .mailbox = "plain"};
	struct store_customer_change ch = {
	    .tier = "vip", .attention_until = -1, .surveys_off = -1};
	struct triage_result r;
	struct store_ticket tk;
	long long id = tr_new(t, c, &mail, T0, &r);

	assert_string_equal(r.category, "other");
	assert_string_equal(r.severity, "general");
	assert_string_equal(r.team, "general");
	assert_null(r.assignee);
	assert_string_equal(r.notify_addr, "general@acme.example");
	assert_false(r.urgent_alert);
	/* A VIP by domain; the plain mailbox weighs nothing. */
	assert_int_equal(r.priority, P_GENERAL + P_VIP);
	tr_get(t, id, &tk);
	assert_null(tk.assignee);
	assert_string_equal(tk.team, "general");
	assert_string_equal(tk.category, "other");
	assert_contains(tk.reasons, "category other (default)");
	/* The rule "vip-tier" sees a VIP as tier "vip". */
	assert_string_equal(tk.tags, "vip");
	store_ticket_clear(&tk);

	/* A VIP by tier. */
	assert_int_equal(store_customer_update(t->store, c2, &ch), 0);
	mail.sender = "tiered@example.com";
	tr_new(t, c2, &mail, T0, &r);
	assert_int_equal(r.priority, P_GENERAL + P_VIP);
}

static void
test_new_ticket_nobody_available(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct triage_result r;
	struct store_ticket tk;
	long long id;

	assert_int_equal(store_agent_set_away(t->store, "eve", true, T0), 0);
	assert_int_equal(store_agent_set_away(t->store, "frank", true, T0), 0);
	id = tr_new_plain(t, c, "My lawyer will call", T0, &r);
	assert_string_equal(r.team, "night");
	assert_null(r.assignee);
	assert_true(r.nobody_available);
	assert_string_equal(r.notify_addr, "night@acme.example");
	tr_get(t, id, &tk);
	assert_null(tk.assignee);
	assert_string_equal(tk.team, "night");
	store_ticket_clear(&tk);
}

/* A new complaint moves the priority of the customer's other open
 * tickets; so does a change of tier. */
static void
test_priority_recomputed(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct store_customer_change ch = {
	    .tier = "vip", .attention_until = -1, .surveys_off = -1};
	struct triage_result r;
	long long a, b;

	a = tr_new_plain(t, c, "Hello", T0, &r);
	assert_int_equal(r.priority, P_GENERAL + W_SUPPORT);
	b = tr_new_plain(t, c, "Hello again", T0 + 10, &r);
	assert_int_equal(r.priority, P_GENERAL + W_SUPPORT + P_PER_RECENT);
	assert_int_equal(tr_priority(t, a),
	                 P_GENERAL + W_SUPPORT + P_PER_RECENT);

	assert_int_equal(store_ticket_set_status(t->store, b, "closed", T0), 0);
	assert_int_equal(store_customer_update(t->store, c, &ch), 0);
	assert_int_equal(triage_customer_changed(t->store, t->conf, c, T0 + 20),
	                 0);
	assert_int_equal(tr_priority(t, a),
	                 P_GENERAL + W_SUPPORT + P_PER_RECENT + P_VIP);
	/* Closed tickets keep theirs. */
	assert_int_equal(tr_priority(t, b),
	                 P_GENERAL + W_SUPPORT + P_PER_RECENT);
}

/* ---- repeat complainers ------------------------------------------------ */

static void
test_repeat_owner(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "often@example.com");
	struct store_customer_change ch = {
	    .owner = "olga", .attention_until = -1, .surveys_off = -1};
	const long long p_all = P_GENERAL + W_SUPPORT + P_MAX_RECENT + P_REPEAT;
	struct store_customer cu;
	struct triage_result r;
	struct store_ticket tk;
	long long id;

	assert_int_equal(store_customer_update(t->store, c, &ch), 0);
	/* Three tickets in the window: not yet. */
	for (int i = 0; i < 3; i++) {
		tr_new_plain(t, c, "Hello", T0 - 300 + 100 * i, &r);
		assert_int_equal(r.recent, i + 1);
		assert_null(r.repeat_notify);
	}
	tr_customer_get(t, c, &cu);
	assert_string_equal(cu.tags, "");
	assert_int_equal(cu.attention_until, -1);
	store_customer_clear(&cu);

	/* The fourth: tagged, and the owner hears of it. */
	id = tr_new_plain(t, c, "Hello", T0, &r);
	assert_int_equal(r.recent, 4);
	assert_non_null(r.repeat_notify);
	assert_string_equal(r.repeat_notify->name, "olga");
	assert_int_equal(r.priority, p_all);
	assert_contains(r.reasons, "repeat complainer (4 tickets)");
	tr_customer_get(t, c, &cu);
	assert_string_equal(cu.tags, "high-attention");
	assert_int_equal(cu.attention_until, T0 + W);
	store_customer_clear(&cu);
	tr_get(t, id, &tk);
	assert_contains(tk.tags, "high-attention");
	store_ticket_clear(&tk);

	/* The fifth in the same window: no second notice. */
	id = tr_new_plain(t, c, "Hello", T0 + 100, &r);
	assert_int_equal(r.recent, 5);
	assert_null(r.repeat_notify);
	assert_int_equal(r.priority, p_all);
	tr_get(t, id, &tk);
	assert_contains(tk.tags, "high-attention");
	store_ticket_clear(&tk);
	tr_customer_get(t, c, &cu);
	assert_string_equal(cu.tags, "high-attention");
	assert_int_equal(cu.attention_until, T0 + W);
	store_customer_clear(&cu);

	/* Once the notice's window is over, still complaining: again. */
	for (int i = 1; i <= 3; i++)
		tr_ticket(t, c, "x", "support", T0 + W - 10 * i);
	tr_new_plain(t, c, "Hello", T0 + W + 1, &r);
	assert_int_equal(r.recent, 5); /* T0 + 100, three, this one */
	assert_non_null(r.repeat_notify);
	assert_string_equal(r.repeat_notify->name, "olga");
	tr_customer_get(t, c, &cu);
	assert_int_equal(cu.attention_until, T0 + W + 1 + W);
	store_customer_clear(&cu);
}

static void
test_repeat_lead(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "often@example.com");
	long long z = tr_customer(t, "nolead@example.com");
	struct tr_mail zh = {
	    .subject = "你好", .mailbox = "cn", .language = "zh"};
	struct store_customer cu;
	struct triage_result r;

	for (int i = 0; i < 3; i++)
		tr_new_plain(t, c, "Hello", T0 - 10 + i, &r);
	/* No owner: the lead of the ticket's team (care: carol). */
	tr_new_plain(t, c, "Hello", T0 + 5, &r);
	assert_string_equal(r.team, "care");
	assert_non_null(r.repeat_notify);
	assert_string_equal(r.repeat_notify->name, "carol");

	/* Team zh has no lead: tagged, nobody to tell (and the notice is
	 * still owed). */
	for (int i = 0; i < 3; i++)
		tr_new(t, z, &zh, T0 - 10 + i, &r);
	tr_new(t, z, &zh, T0 + 5, &r);
	assert_string_equal(r.team, "zh");
	assert_null(r.repeat_notify);
	tr_customer_get(t, z, &cu);
	assert_string_equal(cu.tags, "high-attention");
	assert_int_equal(cu.attention_until, -1);
	store_customer_clear(&cu);
}

static void
test_repeat_window_edges(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "edge@example.com");
	struct store_customer cu;
	struct triage_result r;

	/* Just outside the window, on its first second, and inside. */
	tr_ticket(t, c, "x", "support", T0 - W - 1);
	tr_ticket(t, c, "x", "support", T0 - W);
	tr_ticket(t, c, "x", "support", T0 - 10);
	tr_new_plain(t, c, "Hello", T0, &r);
	/* The one outside does not count. */
	assert_int_equal(r.recent, 3);
	assert_null(r.repeat_notify);
	assert_int_equal(r.priority, P_GENERAL + W_SUPPORT + 2 * P_PER_RECENT);
	tr_customer_get(t, c, &cu);
	assert_string_equal(cu.tags, "");
	store_customer_clear(&cu);
	/* One more within the window: more than 3. */
	tr_new_plain(t, c, "Hello", T0, &r);
	assert_int_equal(r.recent, 4);
	assert_non_null(r.repeat_notify);
	assert_string_equal(r.repeat_notify->name, "carol");
	tr_customer_get(t, c, &cu);
	assert_string_equal(cu.tags, "high-attention");
	store_customer_clear(&cu);
}

/* ---- replies and corrections ------------------------------------------ */

static void
tr_reply(struct tr_test *t, long long ticket, long long customer,
         const char *text, long long now, struct triage_result *r)
{
	struct triage_mail m = {.ticket_id = ticket,
	                        .customer_id = customer,
	                        .subject = "Re: Refund please",
	                        .text = text,
	                        .sender = "c@example.com",
	                        .mailbox = "support",
	                        .language = "en"};

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(triage_reply(t->store, &t->cfg, &m, now, r), 0);
	assert_int_equal(store_commit(t->store), 0);
}

static void
test_reply(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct tr_mail mail = {.subject = "Refund please",
	                       .sender = "c@example.com"};
	struct triage_result r;
	struct store_ticket tk;
	long long id = tr_new(t, c, &mail, T0, &r);

	assert_string_equal(r.severity, "serious");
	/* A calmer rule never lowers it. */
	tr_reply(t, id, c, "whenever you can", T0 + 10, &r);
	assert_false(r.changed);
	assert_false(r.urgent_alert);
	assert_string_equal(r.severity, "serious");
	assert_string_equal(r.notify_addr, "gina@acme.example");
	/* A reply never changes the category. */
	tr_reply(t, id, c, "where is the parcel", T0 + 20, &r);
	assert_false(r.changed);
	tr_get(t, id, &tk);
	assert_string_equal(tk.category, "billing");
	assert_string_equal(tk.severity, "serious");
	assert_int_equal(tk.priority, P_SERIOUS + W_SUPPORT + 5);
	store_ticket_clear(&tk);

	/* A rule saying urgent raises it, with the alert. */
	tr_reply(t, id, c, "This is unacceptable.", T0 + 30, &r);
	assert_true(r.changed);
	assert_true(r.urgent_alert);
	assert_string_equal(r.severity, "urgent");
	assert_string_equal(r.notify_addr, "gina@acme.example");
	tr_get(t, id, &tk);
	assert_string_equal(tk.category, "billing");
	assert_string_equal(tk.severity, "urgent");
	assert_string_equal(tk.team, "billing");
	assert_string_equal(tk.assignee, "gina");
	assert_string_equal(tk.rules_fired, "billing,escalate");
	assert_string_equal(tk.tags, "money");
	assert_int_equal(tk.priority, r.priority);
	assert_contains(tk.reasons, "severity raised to urgent by a reply "
	                            "(rule escalate)");
	store_ticket_clear(&tk);
	assert_event(t, id, "ticket.escalated", NULL);

	/* Urgent already: no second alert. */
	tr_reply(t, id, c, "Still unacceptable!", T0 + 40, &r);
	assert_false(r.changed);
	assert_false(r.urgent_alert);
	assert_string_equal(r.severity, "urgent");
	/* No such ticket. */
	{
		struct triage_mail m = {.ticket_id = 999,
		                        .subject = "",
		                        .text = "",
		                        .sender = "",
		                        .mailbox = "support",
		                        .language = "en"};
		assert_int_equal(triage_reply(t->store, &t->cfg, &m, T0, &r),
		                 0);
	}
}

/*
 * The escalated priority counts each rule's boost once: the ticket's
 * "billing" (5) and the reply's new "escalate" (3) — though the reply's
 * "Re: Refund please" fires "billing" again (it once counted twice:
 * boost 13, priority 103).
 */
static void
test_reply_boost_once(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct tr_mail mail = {.subject = "Refund please",
	                       .sender = "c@example.com"};
	struct triage_result r;
	struct store_ticket tk;
	long long id = tr_new(t, c, &mail, T0, &r), boost, priority;

	assert_int_equal(r.priority, P_SERIOUS + W_SUPPORT + 5);
	tr_reply(t, id, c, "This is unacceptable.", T0 + 30, &r);
	assert_true(r.urgent_alert);
	tr_get(t, id, &tk);
	assert_string_equal(tk.rules_fired, "billing,escalate");
	boost = tk.boost;
	priority = tk.priority;
	store_ticket_clear(&tk);
	assert_int_equal(boost, 5 + 3);
	assert_int_equal(priority, P_URGENT + W_SUPPORT + 5 + 3);
	assert_int_equal(r.priority, P_URGENT + W_SUPPORT + 5 + 3);
}

struct tr_taught {
	bool money, other_docs;
};

static int
tr_model_row(const char *cls, const char *token, long long count, void *arg)
{
	struct tr_taught *seen = arg;

	if (strcmp(cls, "other") == 0 && token != NULL &&
	    strcmp(token, "money") == 0 && count == 1)
		seen->money = true;
	if (strcmp(cls, "other") == 0 && token == NULL && count == 1)
		seen->other_docs = true;
	return 0;
}

static void
tr_reclassify(struct tr_test *t, long long id, const char *category,
              const char *severity, int want, struct triage_result *r)
{
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(triage_reclassify(t->store, &t->cfg, id, category,
	                                   severity, "alice", T0 + 100, r),
	                 want);
	assert_int_equal(store_commit(t->store), 0);
}

static void
test_reclassify(void **state)
{
	struct tr_test *t = *state;
	long long c = tr_customer(t, "c@example.com");
	struct tr_mail mail = {.subject = "Refund please",
	                       .text = "I want my money back.",
	                       .sender = "c@example.com"};
	struct tr_taught seen = {0};
	struct triage_result r;
	struct store_ticket tk;
	char *cls = NULL;
	long long id;

	assert_int_equal(classify_model_init(&t->model, t->conf), 0);
	t->cfg.model = &t->model;
	id = tr_new(t, c, &mail, T0, &r);
	assert_string_equal(r.category, "billing");

	/* The category alone. */
	tr_reclassify(t, id, "logistics", NULL, 1, &r);
	assert_true(r.changed);
	assert_string_equal(r.category, "logistics");
	assert_string_equal(r.severity, "serious");
	assert_false(r.urgent_alert);
	assert_int_equal(r.priority, P_SERIOUS + W_SUPPORT + 5);
	tr_get(t, id, &tk);
	assert_string_equal(tk.category, "logistics");
	assert_string_equal(tk.severity, "serious");
	assert_string_equal(tk.team, "billing");
	assert_contains(tk.reasons, "corrected by alice");
	store_ticket_clear(&tk);
	assert_event(t, id, "ticket.reclassified",
	             "category billing -> "
	             "logistics");
	/* Taught: the category, not the severity. */
	assert_int_equal(store_model_taught(t->store, id, "category", &cls), 1);
	assert_string_equal(cls, "logistics");
	free(cls);
	assert_int_equal(store_model_taught(t->store, id, "severity", &cls), 0);
	assert_int_equal(bayes_documents(t->model.category), 1);
	assert_int_equal(bayes_documents(t->model.severity), 0);

	/* Made urgent: the priority follows, and the alert is due. */
	tr_reclassify(t, id, NULL, "urgent", 1, &r);
	assert_true(r.urgent_alert);
	assert_string_equal(r.category, "logistics");
	assert_string_equal(r.severity, "urgent");
	assert_int_equal(r.priority, P_URGENT + W_SUPPORT + 5);
	tr_get(t, id, &tk);
	assert_string_equal(tk.severity, "urgent");
	assert_int_equal(tk.priority, P_URGENT + W_SUPPORT + 5);
	store_ticket_clear(&tk);
	assert_int_equal(bayes_documents(t->model.severity), 1);
	/* Urgent already: no alert. */
	tr_reclassify(t, id, NULL, "urgent", 1, &r);
	assert_false(r.urgent_alert);
	/* Less pressing: no alert. */
	tr_reclassify(t, id, NULL, "serious", 1, &r);
	assert_false(r.urgent_alert);
	assert_int_equal(tr_priority(t, id), P_SERIOUS + W_SUPPORT + 5);

	/* A second correction takes the first lesson back. */
	tr_reclassify(t, id, "other", NULL, 1, &r);
	assert_int_equal(bayes_documents(t->model.category), 1);
	assert_int_equal(bayes_documents(t->model.severity), 1);
	/* What the store learnt: the first mail's words as "other". */
	assert_int_equal(
	    store_model_load(t->store, "category", tr_model_row, &seen), 0);
	assert_true(seen.money);
	assert_true(seen.other_docs);

	/* No such ticket. */
	tr_reclassify(t, 999, "other", NULL, 0, &r);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, tr_setup, tr_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_route_team),
	    T(test_route_languages),
	    T(test_route_round_robin),
	    T(test_route_least_open),
	    T(test_route_queue_and_away),
	    T(test_priority_terms),
	    T(test_priority_vip),
	    T(test_new_ticket_stored),
	    T(test_new_ticket_urgent),
	    T(test_new_ticket_defaults_and_vip),
	    T(test_new_ticket_nobody_available),
	    T(test_priority_recomputed),
	    T(test_repeat_owner),
	    T(test_repeat_lead),
	    T(test_repeat_window_edges),
	    T(test_reply),
	    T(test_reply_boost_once),
	    T(test_reclassify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
