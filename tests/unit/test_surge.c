/*
 * test_surge: early warning — the pure rule (the usual rate scaled to a
 * window and to the history the store covers, min_tickets, the factor,
 * urgent bursts), episodes opening, going on and ending after quiet, the
 * common words of subjects; then runs over a real store with a week of
 * tickets ingested at chosen times and a burst, the alert queued to the
 * managers once per episode.  Time is passed in, never read.
 */
#include "surge.h"

#include "conf.h"
#include "ingest.h"
#include "outbound.h"
#include "store.h"
#include "desk_harness.h"

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
#define MINUTE 60LL
#define HOUR 3600LL
#define DAY 86400LL
#define N(a) (sizeof(a) / sizeof(*(a)))

/* The defaults of the "surge" section. */
static const struct surge_rule rule = {
    .window = HOUR,
    .baseline = 7 * DAY,
    .factor_percent = 300,
    .min_tickets = 5,
    .urgent_count = 3,
    .urgent_window = 10 * MINUTE,
    .quiet = 2 * HOUR,
};

static enum surge_kind
check(long long count, long long urgent, long long baseline, long long history)
{
	struct surge_counts c = {count, urgent, baseline, history};

	return surge_check(&rule, &c);
}

/* ---- the rule --------------------------------------------------------- */

static void
test_baseline_scaling(void **state)
{
	struct surge_counts c = {6, 0, 336, 7 * DAY};

	(void)state;
	/* 336 in a week is 2 per hour: three times that is 6. */
	assert_true(surge_usual(&rule, &c) > 1.999 &&
	            surge_usual(&rule, &c) < 2.001);
	assert_int_equal(check(6, 0, 336, 7 * DAY), SURGE_VOLUME);
	assert_int_equal(check(5, 0, 336, 7 * DAY), SURGE_NONE);
	/* A desk one day old is compared with that day, not with a week
	 * it never saw: 48 in a day is also 2 per hour. */
	assert_int_equal(check(6, 0, 48, DAY), SURGE_VOLUME);
	assert_int_equal(check(5, 0, 48, DAY), SURGE_NONE);
	/* Less history than one window counts as one window. */
	c = (struct surge_counts){6, 0, 2, 10 * MINUTE};
	assert_true(surge_usual(&rule, &c) > 1.999 &&
	            surge_usual(&rule, &c) < 2.001);
	assert_int_equal(check(6, 0, 2, 10 * MINUTE), SURGE_VOLUME);
	assert_int_equal(check(6, 0, 3, 10 * MINUTE), SURGE_NONE);
	/* Nothing before: anything from min_tickets on is new. */
	c = (struct surge_counts){5, 0, 0, 0};
	assert_true(surge_usual(&rule, &c) == 0.0);
	assert_int_equal(check(5, 0, 0, 0), SURGE_VOLUME);
	assert_int_equal(check(5, 0, 0, 7 * DAY), SURGE_VOLUME);
}

static void
test_min_tickets(void **state)
{
	(void)state;
	/* A quiet night: two tickets where there are usually none is not
	 * a surge, however many times the usual rate. */
	assert_int_equal(check(2, 0, 0, 7 * DAY), SURGE_NONE);
	assert_int_equal(check(4, 0, 1, 7 * DAY), SURGE_NONE);
	assert_int_equal(check(0, 0, 0, 0), SURGE_NONE);
}

static void
test_factor(void **state)
{
	struct surge_rule r = rule;
	struct surge_counts c = {20, 0, 7 * 24 * 10, 7 * DAY}; /* 10/h */

	(void)state;
	assert_int_equal(surge_check(&r, &c), SURGE_NONE);
	c.count = 29;
	assert_int_equal(surge_check(&r, &c), SURGE_NONE);
	c.count = 30; /* exactly three times: a surge */
	assert_int_equal(surge_check(&r, &c), SURGE_VOLUME);
	r.factor_percent = 200;
	c.count = 20;
	assert_int_equal(surge_check(&r, &c), SURGE_VOLUME);
	c.count = 19;
	assert_int_equal(surge_check(&r, &c), SURGE_NONE);
	/* 150 %: fractions of the usual rate count. */
	r.factor_percent = 150;
	c.count = 15;
	assert_int_equal(surge_check(&r, &c), SURGE_VOLUME);
	c.count = 14;
	assert_int_equal(surge_check(&r, &c), SURGE_NONE);
}

static void
test_urgent_burst(void **state)
{
	struct surge_rule off = rule;

	(void)state;
	/* Three urgent tickets are a burst below min_tickets and at any
	 * baseline, and win over volume. */
	assert_int_equal(check(3, 3, 0, 7 * DAY), SURGE_URGENT);
	assert_int_equal(check(3, 3, 10000, 7 * DAY), SURGE_URGENT);
	assert_int_equal(check(9, 3, 0, 7 * DAY), SURGE_URGENT);
	assert_int_equal(check(3, 2, 0, 7 * DAY), SURGE_NONE);
	/* urgent_count 0: no bursts, volume alone. */
	off.urgent_count = 0;
	struct surge_counts c = {3, 3, 0, 7 * DAY};
	assert_int_equal(surge_check(&off, &c), SURGE_NONE);
	c.count = 5;
	assert_int_equal(surge_check(&off, &c), SURGE_VOLUME);
	assert_string_equal(surge_kind_name(SURGE_URGENT), "urgent");
	assert_string_equal(surge_kind_name(SURGE_VOLUME), "volume");
	assert_string_equal(surge_kind_name(SURGE_NONE), "none");
}

static void
test_episode(void **state)
{
	long long seen = T0;

	(void)state;
	assert_int_equal(surge_episode_step(&rule, false, false, 0, T0),
	                 SURGE_STEP_NONE);
	assert_int_equal(surge_episode_step(&rule, true, false, 0, T0),
	                 SURGE_STEP_OPEN);
	assert_int_equal(surge_episode_step(&rule, true, true, seen, T0 + 60),
	                 SURGE_STEP_CONTINUE);
	seen = T0 + 60;
	/* Quiet for less than two hours: still the same episode, so a
	 * surge now continues it and alerts nobody. */
	assert_int_equal(
	    surge_episode_step(&rule, false, true, seen, seen + 2 * HOUR - 1),
	    SURGE_STEP_HOLD);
	assert_int_equal(
	    surge_episode_step(&rule, true, true, seen, seen + 2 * HOUR - 1),
	    SURGE_STEP_CONTINUE);
	assert_int_equal(
	    surge_episode_step(&rule, false, true, seen, seen + 2 * HOUR),
	    SURGE_STEP_CLOSE);
	/* A clock set back never ends an episode early. */
	assert_int_equal(surge_episode_step(&rule, false, true, seen, T0),
	                 SURGE_STEP_HOLD);
}

/* ---- common words ----------------------------------------------------- */

static void
assert_words(const char *const *subjects, size_t n, size_t max,
             const char *want)
{
	char buf[512];

	assert_int_equal(surge_common_words(subjects, n, max, buf, sizeof(buf)),
	                 0);
	assert_string_equal(buf, want);
}

static void
test_common_words(void **state)
{
	static const char *const en[] = {
	    "Charged twice for order 5531123",
	    "Re: charged TWICE!",
	    "Why was I charged twice?",
	    "Refund please",
	};
	static const char *const zh[] = {
	    "退款一直没到账", "申请退款三天了", "退款太慢",
	    "退款問題", /* Traditional: folded to 问题 */
	};
	static const char *const one[] = {"Broken kettle"};
	char small[16];

	(void)state;
	/* Counted once per subject, numbers and reply prefixes left out,
	 * words in a single subject too. */
	assert_words(en, N(en), 8, "charged (3), twice (3)");
	assert_words(en, N(en), 1, "charged (3)");
	/* CJK: pairs, not lone characters. */
	assert_words(zh, N(zh), 8, "退款 (4)");
	assert_words(one, 1, 8, "broken (1), kettle (1)");
	assert_words(one, 0, 8, "");
	/* A small buffer is cut between words. */
	assert_int_equal(surge_common_words(en, N(en), 8, small, sizeof(small)),
	                 0);
	assert_string_equal(small, "charged (3)");
}

/* ---- runs over a store ------------------------------------------------- */

#define DAVE "dave@desk.example"
#define CAROL "carol@desk.example"

/*
 * The desk: "charged" makes a billing ticket, "lawyer" an urgent one;
 * people are extra agents (a manager, a lead ...) and surge the section.
 */
static void
desk(struct desk_harness *t, const char *people, const char *surge)
{
	char *text = NULL;
	int len;

	len = asprintf(
	    &text,
	    "desk = { name = \"ACME Desk\"; addresses = "
	    "[\"support@example.com\"]; ticket_tag = \"ACME\"; "
	    "timezone = \"UTC\"; };\n"
	    "mailboxes = ( { name = \"support\"; host = \"imap.example\"; "
	    "user = \"u\"; password = \"p\"; },\n"
	    "  { name = \"sales\"; host = \"imap.example\"; user = \"s\"; "
	    "password = \"p\"; } );\n"
	    "smtp = { url = \"smtp://localhost\"; "
	    "from = \"ACME Desk <support@example.com>\"; };\n"
	    "templates = { dir = \"%s\"; };\n"
	    "agents = ( { name = \"alice\"; address = \"alice@desk.example\"; "
	    "}%s );\n"
	    "rules = ( { name = \"billing\"; subject_any = [\"charged\"]; "
	    "category = \"billing\"; },\n"
	    "  { name = \"legal\"; text_any = [\"lawyer\"]; severity = "
	    "\"urgent\"; } );\n"
	    "%s",
	    TEMPLATE_DIR, people, surge);
	assert_true(len > 0);
	desk_harness_load(t, text);
	free(text);
}

#define MANAGERS                                                               \
	",\n  { name = \"carol\"; address = \"" CAROL "\"; role = \"lead\"; "  \
	"},\n  { name = \"dave\"; address = \"" DAVE                           \
	"\"; role = \"manager\"; }"

/* A new ticket in mailbox at now from a new customer; its id. */
static long long
feed(struct desk_harness *t, const char *mailbox, const char *subject,
     const char *body, long long now)
{
	struct ingest_source src = {mailbox, -1, -1, -1, -1, 0};
	struct ingest_result r;
	char *raw = NULL;
	long long id;
	int n = ++t->fed;

	assert_true(asprintf(&raw,
	                     "From: c%d@customer.example\nTo: "
	                     "support@example.com\nSubject: %s\nMessage-ID: "
	                     "<m%d@customer.example>\nMIME-Version: 1.0\n"
	                     "Content-Type: text/plain; charset=utf-8\n\n%s\n",
	                     n, subject, n, body) > 0);
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    ingest_message(t->store, &t->cfg, &src, raw, strlen(raw), now, &r),
	    0);
	assert_int_equal(store_commit(t->store), 0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	id = r.ticket_id;
	ingest_result_clear(&r);
	free(raw);
	return id;
}

static long long
billing(struct desk_harness *t, long long now)
{
	return feed(t, "support", "I was charged twice",
	            "You charged my card twice.", now);
}

static struct surge_run_result
run(struct desk_harness *t, long long now)
{
	struct surge_run_result res;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(surge_run(t->store, t->conf, t->ocfg, now, &res), 0);
	assert_int_equal(store_commit(t->store), 0);
	return res;
}

/* The surge alerts queued, oldest first (free with store_outbox_free). */
static size_t
alerts(struct desk_harness *t, struct store_outbox **v_r)
{
	return desk_harness_outbox(t, "surge_alert", v_r);
}

/* The episode of dimension = value in list (NULL: none). */
static const struct store_surge *
episode(const struct store_surge *v, size_t n, const char *dimension,
        const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].dimension, dimension) == 0 &&
		    strcmp(v[i].value, value) == 0)
			return &v[i];
	return NULL;
}

/* The text of the alert kept in ticket's thread. */
static char *
alert_text(struct desk_harness *t, long long ticket)
{
	struct store_message *m;
	size_t n;
	char *text = NULL;

	assert_int_equal(store_ticket_messages(t->store, ticket, &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].kind, "surge_alert") == 0 && text == NULL)
			text = strdup(m[i].body_text);
	store_messages_free(m, n);
	assert_non_null(text);
	return text;
}

/* A week of billing tickets, one every two hours before T0. */
static void
seed_week(struct desk_harness *t)
{
	for (long long k = 84; k >= 1; k--)
		billing(t, T0 - k * 2 * HOUR);
}

static void
assert_event(struct desk_harness *t, long long ticket, const char *kind,
             int want)
{
	struct store_event *v;
	size_t n;
	int got = 0;

	assert_int_equal(store_ticket_events(t->store, ticket, &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		got += strcmp(v[i].kind, kind) == 0;
	store_events_free(v, n);
	assert_int_equal(got, want);
}

static void
test_run_burst_once_per_episode(void **state)
{
	struct desk_harness *t = *state;
	struct surge_run_result r;
	struct store_outbox *out;
	struct store_surge *v;
	const struct store_surge *cat, *mb;
	long long last = 0;
	size_t n;
	char *text;

	desk(t, MANAGERS, "");
	seed_week(t);
	/* The steady week itself is no surge. */
	r = run(t, T0);
	assert_true(r.checked);
	assert_int_equal(r.opened, 0);
	/* Six in six minutes against a usual 0.5 an hour. */
	for (int i = 1; i <= 6; i++)
		last = billing(t, T0 + i * MINUTE);
	/* Within check_every of the last check: not looked at yet. */
	r = run(t, T0 + 30);
	assert_false(r.checked);
	r = run(t, T0 + 7 * MINUTE);
	assert_true(r.checked);
	/* Category billing and mailbox support (all of this desk's mail):
	 * one burst, one alert — the category's, the mailbox's episode is
	 * covered by it. */
	assert_int_equal(r.opened, 2);
	assert_int_equal(r.joined, 1);
	assert_int_equal(r.alerts, 1);
	/* To the manager only (carol, a lead, is told only when there is
	 * no manager). */
	assert_int_equal(alerts(t, &out), 1);
	assert_string_equal(out[0].recipient, DAVE);
	assert_int_equal(out[0].ticket_id, last);
	assert_string_equal(out[0].subject,
	                    "[ACME] Surge: category billing, 6 new complaints "
	                    "in 1h (usually 0.5)");
	store_outbox_free(out, 1);
	text = alert_text(t, last);
	assert_non_null(strstr(text, "[ACME #"));
	assert_non_null(strstr(text, "I was charged twice"));
	assert_non_null(strstr(text, "charged (6), twice (6)"));
	assert_non_null(strstr(text, "usually 0.5"));
	free(text);
	assert_event(t, last, "surge", 2);
	assert_int_equal(store_surge_list(t->store, 0, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	cat = episode(v, n, "category", "billing");
	mb = episode(v, n, "mailbox", "support");
	assert_non_null(cat);
	assert_non_null(mb);
	assert_string_equal(cat->reason, "volume");
	assert_int_equal(cat->started, T0 + 7 * MINUTE);
	assert_int_equal(cat->ended, -1);
	assert_int_equal(cat->tickets, 6);
	assert_int_equal(cat->alerted, 1);
	assert_int_equal(cat->ticket_id, last);
	assert_int_equal(cat->covered_by, -1);
	assert_int_equal(mb->alerted, 0);
	assert_int_equal(mb->covered_by, cat->id);
	store_surges_free(v, n);

	/* A second burst in the same episode alerts nobody. */
	for (int i = 1; i <= 4; i++)
		billing(t, T0 + 10 * MINUTE + i * 10);
	r = run(t, T0 + 12 * MINUTE);
	assert_int_equal(r.opened, 0);
	assert_int_equal(r.ongoing, 2);
	assert_int_equal(alerts(t, NULL), 1);
	assert_int_equal(store_surge_list(t->store, 0, 0, &v, &n), 0);
	assert_int_equal(episode(v, n, "category", "billing")->tickets, 10);
	assert_int_equal(episode(v, n, "category", "billing")->last_seen,
	                 T0 + 12 * MINUTE);
	store_surges_free(v, n);

	/* A restart (a new connection) finds the open episodes. */
	store_close(t->store);
	{
		char path[PATH_MAX + 32], *err = NULL;
		snprintf(path, sizeof(path), "%s/c.db", t->dir);
		t->store = store_open(path, &err);
		assert_non_null(t->store);
	}
	r = run(t, T0 + 14 * MINUTE);
	assert_int_equal(r.opened, 0);
	assert_int_equal(r.ongoing, 2);

	/* The burst leaves the window at T0 + 1h10m (last seen at about
	 * then); two quiet hours later the episodes end. */
	r = run(t, T0 + 70 * MINUTE);
	assert_int_equal(r.opened + r.ongoing + r.closed, 0);
	r = run(t, T0 + 2 * HOUR);
	assert_int_equal(r.closed, 0);
	r = run(t, T0 + 14 * MINUTE + 2 * HOUR);
	assert_int_equal(r.closed, 2);
	assert_int_equal(store_surge_list(t->store, 0, 0, &v, &n), 0);
	assert_int_equal(episode(v, n, "category", "billing")->ended,
	                 T0 + 14 * MINUTE + 2 * HOUR);
	store_surges_free(v, n);
	/* A new burst is a new episode: a new alert. */
	for (int i = 1; i <= 6; i++)
		billing(t, T0 + 3 * HOUR + i * MINUTE);
	r = run(t, T0 + 3 * HOUR + 7 * MINUTE);
	assert_int_equal(r.opened, 2);
	assert_int_equal(alerts(t, NULL), 2);
}

static void
test_run_quiet_night(void **state)
{
	struct desk_harness *t = *state;
	struct surge_run_result r;

	desk(t, MANAGERS, "");
	/* Two tickets where there were none: far above the usual rate,
	 * but under min_tickets. */
	billing(t, T0);
	billing(t, T0 + 5 * MINUTE);
	r = run(t, T0 + 10 * MINUTE);
	assert_true(r.checked);
	assert_int_equal(r.opened, 0);
	assert_int_equal(alerts(t, NULL), 0);
}

static void
test_run_steady_rate(void **state)
{
	struct desk_harness *t = *state;
	struct surge_run_result r;

	/* min_tickets 1, so that only the factor decides. */
	desk(t, MANAGERS, "surge = { min_tickets = 1; urgent_count = 0; };\n");
	seed_week(t);
	/* An hour at the week's rate (0.5 an hour): nothing. */
	billing(t, T0 + 10 * MINUTE);
	r = run(t, T0 + 20 * MINUTE);
	assert_true(r.checked);
	assert_int_equal(r.opened, 0);
	assert_int_equal(alerts(t, NULL), 0);
	/* Two in the hour are four times the rate (three times is 1.5). */
	billing(t, T0 + 25 * MINUTE);
	r = run(t, T0 + 30 * MINUTE);
	assert_int_equal(r.opened, 2);
	assert_int_equal(alerts(t, NULL), 1);
}

static void
test_run_urgent_burst_to_leads(void **state)
{
	struct desk_harness *t = *state;
	struct surge_run_result r;
	struct store_outbox *out;
	struct store_surge *v;
	size_t n;

	/* No manager: the leads are told. */
	desk(t,
	     ",\n  { name = \"carol\"; address = \"" CAROL "\"; role = "
	     "\"lead\"; }",
	     "surge = { check_every = \"10s\"; };\n");
	for (int i = 0; i < 3; i++)
		feed(t, "sales", "Burnt hand",
		     "The charger burnt my hand, my lawyer will call.",
		     T0 + i * MINUTE);
	r = run(t, T0 + 3 * MINUTE);
	/* Mailbox sales and the default category: three urgent tickets,
	 * below min_tickets. */
	assert_int_equal(r.opened, 2);
	assert_int_equal(alerts(t, &out), 1);
	assert_string_equal(out[0].recipient, CAROL);
	assert_string_equal(out[0].subject,
	                    "[ACME] Surge: category other, 3 urgent "
	                    "complaints within 10m");
	store_outbox_free(out, 1);
	assert_int_equal(store_surge_list(t->store, 0, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].reason, "urgent");
	assert_non_null(episode(v, n, "mailbox", "sales"));
	store_surges_free(v, n);
	/* Disabled: nothing is checked, and no check is due. */
	{
		long long at;
		struct conf_surge saved = t->conf->surge;
		t->conf->surge.enabled = false;
		r = run(t, T0 + HOUR);
		assert_false(r.checked);
		assert_int_equal(surge_next_check(t->store, t->conf, &at), 0);
		assert_int_equal(at, -1);
		t->conf->surge = saved;
		assert_int_equal(surge_next_check(t->store, t->conf, &at), 0);
		assert_int_equal(at, T0 + 3 * MINUTE + 10);
	}
}

static void
test_run_nobody_to_tell(void **state)
{
	struct desk_harness *t = *state;
	struct surge_run_result r;
	long long last = 0;

	desk(t, "", "");
	for (int i = 1; i <= 5; i++)
		last = billing(t, T0 + i * MINUTE);
	r = run(t, T0 + 6 * MINUTE);
	/* Recorded (and logged) with nobody to alert. */
	assert_int_equal(r.opened, 2);
	assert_int_equal(r.alerts, 0);
	assert_int_equal(alerts(t, NULL), 0);
	assert_event(t, last, "surge", 2);
}

/* Loads the minimal desk with section; the errors joined, or NULL when
 * it loaded. */
static char *
conf_errors_of(const char *section)
{
	char dir[] = "/tmp/test_surge_conf.XXXXXX", path[64], *text = NULL;
	struct conf_errors errors = {0};
	struct conf *conf;
	char *joined = NULL;
	size_t len = 0;
	FILE *out;
	int fd, n;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/c.conf", dir);
	n = asprintf(&text,
	             "desk = { name = \"D\"; addresses = [\"s@example.com\"]; "
	             "ticket_tag = \"D\"; timezone = \"UTC\"; };\n"
	             "smtp = { url = \"smtp://localhost\"; from = "
	             "\"s@example.com\"; };\n%s",
	             section);
	assert_true(n > 0);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, (size_t)n), n);
	assert_int_equal(close(fd), 0);
	free(text);
	conf = conf_load(path, &errors);
	conf_free(conf);
	out = open_memstream(&joined, &len);
	assert_non_null(out);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(out, "%s\n", errors.v[i]);
	assert_int_equal(fclose(out), 0);
	conf_errors_free(&errors);
	unlink(path);
	rmdir(dir);
	if (conf != NULL) {
		free(joined);
		return NULL;
	}
	return joined;
}

static void
test_conf_section(void **state)
{
	char *err;

	(void)state;
	/* The defaults, and every key written out. */
	assert_null(conf_errors_of(""));
	assert_null(conf_errors_of(
	    "surge = { enabled = true; window = \"1h\"; baseline = \"7d\"; "
	    "factor_percent = 300; min_tickets = 5; urgent_count = 3; "
	    "urgent_window = \"10m\"; quiet = \"2h\"; check_every = "
	    "\"1m\"; };\n"));
	err = conf_errors_of(
	    "surge = { window = \"2d\"; baseline = \"1d\"; };\n");
	assert_non_null(err);
	assert_non_null(
	    strstr(err, "baseline (86400s) is shorter than window"));
	free(err);
	/* No float keys: the factor is a percentage. */
	err = conf_errors_of("surge = { factor = 3.0; };\n");
	assert_non_null(err);
	assert_non_null(strstr(err, "unknown key"));
	free(err);
	err = conf_errors_of("surge = { factor_percent = 50; };\n");
	assert_non_null(err);
	assert_non_null(strstr(err, "factor_percent"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_baseline_scaling),
	    cmocka_unit_test(test_min_tickets),
	    cmocka_unit_test(test_factor),
	    cmocka_unit_test(test_urgent_burst),
	    cmocka_unit_test(test_episode),
	    cmocka_unit_test(test_common_words),
	    cmocka_unit_test(test_conf_section),
	    cmocka_unit_test_setup_teardown(test_run_burst_once_per_episode,
	                                    desk_harness_setup,
	                                    desk_harness_teardown),
	    cmocka_unit_test_setup_teardown(test_run_quiet_night,
	                                    desk_harness_setup,
	                                    desk_harness_teardown),
	    cmocka_unit_test_setup_teardown(test_run_steady_rate,
	                                    desk_harness_setup,
	                                    desk_harness_teardown),
	    cmocka_unit_test_setup_teardown(test_run_urgent_burst_to_leads,
	                                    desk_harness_setup,
	                                    desk_harness_teardown),
	    cmocka_unit_test_setup_teardown(test_run_nobody_to_tell,
	                                    desk_harness_setup,
	                                    desk_harness_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
