/*
 * test_metrics: the desk's metrics over a real store in a temp dir,
 * seeded through the store's own functions — every sample line of the
 * Prometheus text exactly, HELP and TYPE before each metric's samples,
 * label values escaped (quote, backslash, newline), zeros for statuses
 * and severities nobody has, the JSON form — and the "metrics" section
 * of the configuration (defaults, range, a relative textfile).
 */
#include "metrics.h"

#include "conf.h"
#include "conf_harness.h"
#include "store.h"
#include "store_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW 2000LL
#define WEIRD "we\"ird\\box"
#define TWO_LINES "two\nlines"

struct metrics_test {
	char dir[PATH_MAX];
	struct store *store;
	long long mb_support, mb_weird;
	long long customer;
	long long uid;
};

static int
mt_setup(void **state)
{
	struct metrics_test *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return -1;
	if ((t->store = store_harness_open("test_metrics", t->dir)) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int
mt_teardown(void **state)
{
	struct metrics_test *t = *state;

	store_close(t->store);
	store_harness_remove(t->dir);
	free(t);
	return 0;
}

/* A ticket of the customer through channel mailbox, with status (and
 * severity unless NULL: not classified). */
static long long
mt_ticket(struct metrics_test *t, const char *mailbox, const char *status,
          const char *severity)
{
	struct store_ticket_new nt = {
	    .customer_id = t->customer,
	    .subject = "Kettle broken",
	    .subject_norm = "kettle broken",
	    .mailbox = mailbox,
	    .language = "en",
	    .linked_ticket_id = -1,
	    .created = 1000,
	};
	struct store_triage tr = {
	    .category = "product",
	    .severity = severity,
	    .tags = "",
	    .reasons = "",
	    .rules_fired = "",
	    .confidence = 1.0,
	};
	long long id;

	assert_int_equal(store_ticket_insert(t->store, &nt, &id), 0);
	if (severity != NULL)
		assert_int_equal(store_ticket_set_triage(t->store, id, &tr), 0);
	if (strcmp(status, "new") != 0)
		assert_int_equal(
		    store_ticket_set_status(t->store, id, status, 1100), 0);
	return id;
}

/* A mail of the ticket in direction; mailbox_id -1: not fetched. */
static void
mt_message(struct metrics_test *t, long long ticket, const char *direction,
           long long mailbox_id)
{
	char msgid[64], sha[65];
	struct store_message_new m = {
	    .ticket_id = ticket,
	    .direction = direction,
	    .kind = "mail",
	    .message_id = msgid,
	    .raw_sha256 = sha,
	    .date = -1,
	    .received = 1200,
	    .mailbox_id = mailbox_id,
	    .uid = mailbox_id >= 0 ? ++t->uid : -1,
	    .raw = "Subject: x\r\n\r\nx\r\n",
	    .raw_len = 17,
	};
	long long row;

	snprintf(msgid, sizeof(msgid), "<m%lld@example.net>", ++t->uid);
	snprintf(sha, sizeof(sha), "%064lld", t->uid);
	assert_int_equal(store_message_insert(t->store, &m, &row), 0);
}

/* A mail in the outbox for ticket; its id. */
static long long
mt_outbox(struct metrics_test *t, long long ticket)
{
	struct store_outbox_new o = {
	    .kind = "ack",
	    .ticket_id = ticket,
	    .message_row = -1,
	    .sender = "support@example.com",
	    .recipient = "ann@example.net",
	    .subject = "Re: Kettle broken",
	    .raw = "Subject: x\r\n\r\nx\r\n",
	    .raw_len = 17,
	    .now = 1300,
	};
	long long id;

	assert_int_equal(store_outbox_add(t->store, &o, &id), 0);
	return id;
}

/*
 * The desk at NOW: tickets new (urgent, first response overdue), open
 * (general, a recorded breach), pending (not classified), two closed
 * (one surveyed and answered twice, one survey scheduled); mail from
 * "support" (fetched at 1500), from WEIRD, through the pipe, and one
 * sent; an outbox with a mail sent on its second attempt, one failed and
 * one queued.
 */
static void
mt_seed(struct metrics_test *t)
{
	struct store_mailbox mb;
	struct store_sla sla = {.policy = "standard",
	                        .first_response = -1,
	                        .waiting_since = -1,
	                        .paused_since = -1,
	                        .due = {NOW - 100, -1, -1},
	                        .next = -1};
	struct store_survey_answer a = {4, -1, -1, -1, -1, NULL};
	long long t1, t2, t3, t4, t5, sent, failed;

	assert_int_equal(store_customer_upsert(t->store, "ann@example.net",
	                                       "Ann", 1000, &t->customer),
	                 0);
	assert_int_equal(
	    store_mailbox_open(t->store, "support", 7, 1, 1000, &mb), 0);
	t->mb_support = mb.id;
	assert_int_equal(store_mailbox_fetched(t->store, mb.id, 1500), 0);
	assert_int_equal(store_mailbox_open(t->store, WEIRD, 7, 1, 1000, &mb),
	                 0);
	t->mb_weird = mb.id;
	assert_int_equal(
	    store_mailbox_open(t->store, TWO_LINES, 7, 1, 1000, &mb), 0);

	t1 = mt_ticket(t, "support", "new", "urgent");
	t2 = mt_ticket(t, "pipe", "open", "general");
	t3 = mt_ticket(t, "support", "closed", "serious");
	t4 = mt_ticket(t, WEIRD, "pending", NULL);
	t5 = mt_ticket(t, "support", "closed", "general");

	assert_int_equal(store_sla_put(t->store, t1, &sla), 0);
	/* Overdue too, but closed: no open breach. */
	assert_int_equal(store_sla_put(t->store, t3, &sla), 0);
	assert_int_equal(store_event_add(t->store, t2, 1800, "sla.breach",
	                                 "complaintd", "first_response",
	                                 "sla:2:first_response:0:breach"),
	                 0);

	mt_message(t, t1, "in", t->mb_support);
	mt_message(t, t1, "out", -1);
	mt_message(t, t2, "in", -1);
	mt_message(t, t4, "in", t->mb_weird);

	sent = mt_outbox(t, t1);
	assert_int_equal(
	    store_outbox_retry(t->store, sent, 1400, 451, "greylisted"), 0);
	assert_int_equal(store_outbox_sent(t->store, sent, 1400, 250), 0);
	failed = mt_outbox(t, t2);
	assert_int_equal(
	    store_outbox_fail(t->store, failed, 550, "no such user"), 0);
	mt_outbox(t, t4);

	assert_int_equal(store_survey_schedule(t->store, t3, 1500), 1);
	assert_int_equal(store_survey_sent(t->store, t3, "ann@example.net",
	                                   "<s3@example.com>", 1600),
	                 0);
	assert_int_equal(store_survey_answer(t->store, t3, &a, 1700), 0);
	a.rating = 5;
	assert_int_equal(store_survey_answer(t->store, t3, &a, 1750), 0);
	assert_int_equal(store_survey_schedule(t->store, t5, 2500), 1);
}

/* The lines of text that are samples (not "#" lines), joined again. */
static char *
mt_samples(const char *text)
{
	char *out = calloc(1, strlen(text) + 1);
	size_t n = 0;

	assert_non_null(out);
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (*p != '#') {
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	return out;
}

static char *
mt_text(struct metrics_test *t)
{
	struct metrics m;
	char *text;
	size_t len;

	assert_int_equal(metrics_gather(t->store, NOW, &m), 0);
	assert_int_equal(metrics_format_text(&m, &text, &len), 0);
	assert_int_equal(strlen(text), len);
	metrics_clear(&m);
	return text;
}

static void
test_samples_exact(void **state)
{
	static const char expected[] =
	    "complaintd_tickets{status=\"new\"} 1\n"
	    "complaintd_tickets{status=\"open\"} 1\n"
	    "complaintd_tickets{status=\"pending\"} 1\n"
	    "complaintd_tickets{status=\"resolved\"} 0\n"
	    "complaintd_tickets{status=\"closed\"} 2\n"
	    "complaintd_tickets_open_by_severity{severity=\"general\"} 1\n"
	    "complaintd_tickets_open_by_severity{severity=\"serious\"} 0\n"
	    "complaintd_tickets_open_by_severity{severity=\"urgent\"} 1\n"
	    "complaintd_tickets_open_by_severity{severity=\"none\"} 1\n"
	    "complaintd_sla_breaches_open 2\n"
	    "complaintd_outbox_messages{status=\"queued\"} 1\n"
	    "complaintd_outbox_messages{status=\"sent\"} 1\n"
	    "complaintd_outbox_messages{status=\"failed\"} 1\n"
	    "complaintd_outbox_messages{status=\"cancelled\"} 0\n"
	    "complaintd_outbox_failed_total 2\n"
	    "complaintd_ingested_messages_total{mailbox=\"pipe\"} 1\n"
	    "complaintd_ingested_messages_total{mailbox=\"support\"} 1\n"
	    "complaintd_ingested_messages_total{mailbox=\"two\\nlines\"} 0\n"
	    "complaintd_ingested_messages_total{mailbox=\"we\\\"ird\\\\box\"} "
	    "1\n"
	    "complaintd_last_fetch_timestamp_seconds{mailbox=\"support\"} "
	    "1500\n"
	    "complaintd_surveys{status=\"scheduled\"} 1\n"
	    "complaintd_surveys{status=\"sent\"} 1\n"
	    "complaintd_surveys{status=\"skipped\"} 0\n"
	    "complaintd_survey_answers_total 2\n"
	    "complaintd_scrape_timestamp_seconds 2000\n";
	struct metrics_test *t = *state;
	char *text, *samples;

	mt_seed(t);
	text = mt_text(t);
	samples = mt_samples(text);
	assert_string_equal(samples, expected);
	free(samples);
	free(text);
}

/* Each metric: HELP, then TYPE, then its samples and nothing else. */
static void
test_help_and_type_first(void **state)
{
	struct metrics_test *t = *state;
	char *text, name[128] = "";

	mt_seed(t);
	text = mt_text(t);
	assert_non_null(
	    strstr(text, "# TYPE complaintd_outbox_failed_total counter\n"));
	assert_non_null(strstr(text, "# TYPE complaintd_tickets gauge\n"));
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char help[128], type[128];
		if (sscanf(line, "# HELP %127s", help) == 1) {
			snprintf(name, sizeof(name), "%s", help);
			continue;
		}
		if (sscanf(line, "# TYPE %127s", type) == 1) {
			assert_string_equal(type, name);
			continue;
		}
		/* A sample of the metric just introduced. */
		assert_int_equal(strncmp(line, name, strlen(name)), 0);
		assert_true(line[strlen(name)] == '{' ||
		            line[strlen(name)] == ' ');
	}
	free(text);
}

/* An empty desk: every status and severity at 0, no fetch time. */
static void
test_empty_store(void **state)
{
	struct metrics_test *t = *state;
	char *text = mt_text(t);

	assert_non_null(strstr(text, "\ncomplaintd_tickets{status=\"closed\"} "
	                             "0\n"));
	assert_non_null(strstr(text, "\ncomplaintd_tickets_open_by_severity{"
	                             "severity=\"urgent\"} 0\n"));
	assert_null(strstr(text, "severity=\"none\""));
	assert_non_null(strstr(text, "\ncomplaintd_surveys{status=\"sent\"} "
	                             "0\n"));
	assert_non_null(strstr(
	    text, "# TYPE complaintd_last_fetch_timestamp_seconds gauge\n# "
	          "HELP complaintd_surveys "));
	assert_null(strstr(text, "complaintd_ingested_messages_total{"));
	free(text);
}

static void
test_json(void **state)
{
	struct metrics_test *t = *state;
	struct metrics m;
	char *text;
	size_t len;

	mt_seed(t);
	assert_int_equal(metrics_gather(t->store, NOW, &m), 0);
	assert_int_equal(metrics_format_json(&m, &text, &len), 0);
	metrics_clear(&m);
	assert_int_equal(text[0], '{');
	assert_string_equal(text + len - 2, "}\n");
	assert_non_null(strstr(text, "\"complaintd_tickets\":{\"new\":1,"
	                             "\"open\":1,\"pending\":1,"
	                             "\"resolved\":0,\"closed\":2},"));
	assert_non_null(strstr(text, ",\"complaintd_sla_breaches_open\":2,"));
	assert_non_null(strstr(text, "\"two\\u000alines\":0,"
	                             "\"we\\\"ird\\\\box\":1}"));
	assert_non_null(
	    strstr(text, ",\"complaintd_scrape_timestamp_seconds\":2000}"));
	free(text);
}

/* A breach counts while the ticket is unresolved; resolving ends it. */
static void
test_breach_ends_with_resolution(void **state)
{
	struct metrics_test *t = *state;
	struct metrics m;

	mt_seed(t);
	assert_int_equal(metrics_gather(t->store, NOW, &m), 0);
	assert_int_equal(m.sla_breaches_open, 2);
	metrics_clear(&m);
	/* Before the deadline only the recorded breach counts. */
	assert_int_equal(metrics_gather(t->store, NOW - 101, &m), 0);
	assert_int_equal(m.sla_breaches_open, 1);
	metrics_clear(&m);
	assert_int_equal(store_ticket_set_status(t->store, 2, "resolved", NOW),
	                 0);
	assert_int_equal(metrics_gather(t->store, NOW, &m), 0);
	assert_int_equal(m.sla_breaches_open, 1);
	metrics_clear(&m);
}

/* ---- the "metrics" section ---- */

#define BASE                                                                   \
	"desk = { name = \"ACME\"; addresses = [\"support@acme.example\"]; "   \
	"ticket_tag = \"ACME\"; };\n"                                          \
	"smtp = { url = \"smtp://localhost\"; "                                \
	"from = \"support@acme.example\"; };\n"

static void
test_conf_defaults(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(t, BASE);
	char want[PATH_MAX + 32];

	assert_null(c->metrics.textfile);
	assert_int_equal(c->metrics.interval, 60);
	c = conf_harness_load_ok(t, BASE "metrics = { textfile = \"c.prom\"; "
	                                 "interval = \"5m\"; };\n");
	snprintf(want, sizeof(want), "%s/c.prom", t->dir);
	assert_string_equal(c->metrics.textfile, want);
	assert_int_equal(c->metrics.interval, 300);
}

static void
test_conf_errors(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t, BASE "metrics = {\n  @@interval = \"4s\"; };\n",
	       "metrics.interval: ", "4s is out of range 5s..1h");
	EXPECT(t, BASE "metrics = {\n  @@interval = \"2h\"; };\n",
	       "metrics.interval: ", "out of range");
	EXPECT(t, BASE "metrics = {\n  @@textfile = \"\"; };\n",
	       "metrics.textfile: ", "must not be empty");
	EXPECT(t, BASE "metrics = {\n  @@port = 9100; };\n", "metrics",
	       "unknown key");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, mt_setup, mt_teardown)
	    T(test_samples_exact),
	    T(test_help_and_type_first),
	    T(test_empty_store),
	    T(test_json),
	    T(test_breach_ends_with_resolution),
#undef T
#define C(fn)                                                                  \
	cmocka_unit_test_setup_teardown(fn, conf_harness_setup,                \
	                                conf_harness_teardown)
	    C(test_conf_defaults),
	    C(test_conf_errors),
#undef C
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
