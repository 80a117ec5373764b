/*
 * test_sla: service levels.  First the pure part (sla.h): which policy a
 * ticket falls under, its deadlines and the plan of warnings, breaches
 * and escalations on the 24/7 calendar and on Shanghai office hours
 * worked out by hand, with pauses, stops and next-response cycles, the
 * events' keys, and when a notice may go out.  Then stored tickets, made
 * by ingest into a real store in a temp dir with a configuration file
 * loaded from there and the shipped templates: their policy and
 * deadlines, the scheduler's runs (each event recorded once, the notices
 * to whom they concern, one digest per person, priorities raised once),
 * pauses, replies, a changed configuration, notices held for business
 * hours — and a desk without policies, where all of it does nothing.
 * Time is passed in, never read.
 */
#include "sla.h"

#include "conf.h"
#include "ingest.h"
#include "mime.h"
#include "outbound.h"
#include "sla_cal.h"
#include "sla_ticket.h"
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
#include <time.h>
#include <unistd.h>

#define T0 1796400000LL /* Fri, 4 Dec 2026 16:00:00 UTC (Sat 00:00 CST) */
#define MIN 60LL
#define HOUR 3600LL
#define DAY 86400LL

/* The standard policy of the stored tests (24/7): first response 2h,
 * next response 4h, resolution 2d, warnings at 80%, level 1 to the lead
 * 30m after a breach (+10), level 2 to the manager 2h after it (+20). */
#define FR_WARN (T0 + 5760)
#define FR_DUE (T0 + 2 * HOUR)
#define FR_L1 (FR_DUE + 30 * MIN)
#define FR_L2 (FR_DUE + 2 * HOUR)
#define RES_WARN (T0 + 138240)
#define RES_DUE (T0 + 2 * DAY)
#define RES_L1 (RES_DUE + 30 * MIN)
#define RES_L2 (RES_DUE + 2 * HOUR)
#define NR_TARGET (4 * HOUR)
#define NR_LEAD 11520 /* 80% of 4h */

#define ALICE "alice@example.com"
#define CAROL "carol@example.com"
#define DAVE "dave@example.com"
#define QUEUE "queue@example.com"

static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi};

	return (int64_t)timegm(&tm);
}

/* China Standard Time, UTC+8 all year. */
#define CST(y, mo, d, h, mi) (utc(y, mo, d, h, mi) - 8 * HOUR)

struct sla_test {
	char dir[PATH_MAX];
	struct store *store;
	struct conf *conf;
	struct ingest_rules *rules;
	struct outbound_config *ocfg;
	struct ingest_config cfg;
	const struct sla_desk *desk; /* the rules' */
	/* A second configuration (a reload), and a calendar of the pure
	 * tests. */
	struct conf *conf2;
	struct sla_desk *desk2;
	struct sla_calendar *cal;
};

static int
sla_setup(void **state)
{
	struct sla_test *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return -1;
	if ((t->store = store_harness_open("test_sla", t->dir)) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int
sla_teardown(void **state)
{
	struct sla_test *t = *state;

	store_close(t->store);
	outbound_config_free(t->ocfg);
	ingest_rules_free(t->rules);
	conf_free(t->conf);
	sla_desk_free(t->desk2);
	conf_free(t->conf2);
	sla_calendar_free(t->cal);
	store_harness_remove(t->dir);
	free(t);
	return 0;
}

/* ---- configurations ---------------------------------------------------- */

/*
 * The desk: mail to "support" goes to team care (alice, the only member,
 * gets every ticket; carol leads, dave manages); mail to "sales" waits
 * unassigned in team queue's queue.  A mail that mentions a lawyer is
 * urgent.  sla is the calendars and policies.
 */
#define DESK_CONF                                                              \
	"desk = { name = \"ACME Desk\"; addresses = "                          \
	"[\"support@example.com\"]; ticket_tag = \"ACME\"; timezone = "        \
	"\"UTC\"; };\n"                                                        \
	"mailboxes = ( { name = \"support\"; host = \"imap.example\"; user "   \
	"= \"u\"; password = \"p\"; team = \"care\"; },\n"                     \
	"  { name = \"sales\"; host = \"imap.example\"; user = \"s\"; "        \
	"password = \"p\"; team = \"queue\"; } );\n"                           \
	"smtp = { url = \"smtp://localhost\"; from = \"ACME Desk "             \
	"<support@example.com>\"; };\n"                                        \
	"templates = { dir = \"%s\"; };\n"                                     \
	"agents = ( { name = \"alice\"; address = \"" ALICE "\"; },\n"         \
	"  { name = \"carol\"; address = \"" CAROL "\"; role = \"lead\"; },\n" \
	"  { name = \"dave\"; address = \"" DAVE "\"; role = \"manager\"; } "  \
	");\n"                                                                 \
	"teams = ( { name = \"care\"; address = \"care@example.com\"; lead = " \
	"\"carol\"; manager = \"dave\"; members = [\"alice\"]; },\n"           \
	"  { name = \"queue\"; address = \"" QUEUE "\"; lead = \"carol\"; "    \
	"assign = \"queue\"; } );\n"                                           \
	"rules = ( { name = \"legal\"; text_any = [\"lawyer\"]; severity = "   \
	"\"urgent\"; } );\n"                                                   \
	"%s"

#define POLICY_STANDARD                                                        \
	"policies = ( { name = \"standard\"; first_response = \"2h\"; "        \
	"next_response = \"4h\"; resolution = \"2d\"; notify = "               \
	"\"immediately\";\n"                                                   \
	"  level1_after = \"30m\"; level1_to = [\"lead\"]; level1_raise = "    \
	"10;\n"                                                                \
	"  level2_after = \"2h\"; level2_to = [\"manager\"]; level2_raise = "  \
	"20; } );\n"

#define OFFICE_CALENDAR                                                        \
	"calendars = ( { name = \"office\"; timezone = \"Asia/Shanghai\"; "    \
	"weekdays = [\"09:00-18:00\"]; } );\n"

/* Writes name in the temp dir with the desk and sla, and loads it as the
 * daemon does (templates checked too). */
static struct conf *
load_conf(struct sla_test *t, const char *name, const char *sla)
{
	char path[PATH_MAX + 32], *text = NULL;
	struct conf_errors errors = {0};
	struct conf *conf;
	int fd, len;

	len = asprintf(&text, DESK_CONF, TEMPLATE_DIR, sla);
	assert_true(len > 0);
	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, (size_t)len), len);
	assert_int_equal(close(fd), 0);
	free(text);
	conf = conf_load_all(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	conf_errors_free(&errors);
	assert_non_null(conf);
	return conf;
}

/* The desk with sla, and the outbound and ingest configurations over it
 * (ingest's rules hold the SLA desk: cfg.sla). */
static void
desk(struct sla_test *t, const char *sla)
{
	unsigned char secret[STORE_SECRET_SIZE];
	char err[512];

	t->conf = load_conf(t, "complaintd.conf", sla);
	t->ocfg = outbound_config_new(t->conf, err, sizeof(err));
	if (t->ocfg == NULL)
		fprintf(stderr, "outbound_config_new: %s\n", err);
	assert_non_null(t->ocfg);
	t->rules = ingest_rules_new(t->conf, err, sizeof(err));
	if (t->rules == NULL)
		fprintf(stderr, "ingest_rules_new: %s\n", err);
	assert_non_null(t->rules);
	assert_int_equal(store_secret(t->store, secret), 0);
	outbound_set_secret(t->ocfg, secret);
	ingest_config_init(&t->cfg, t->conf, t->rules);
	memcpy(t->cfg.secret, secret, sizeof(secret));
	t->cfg.out = t->ocfg;
	assert_non_null(t->cfg.sla);
	t->desk = t->cfg.sla;
}

/* ---- mail, ticks and what the store holds ----------------------------- */

/* Ingests a plain-text mail into mailbox at now. */
static struct ingest_result
feed(struct sla_test *t, const char *mailbox, const char *headers,
     const char *body, long long now)
{
	struct ingest_source src = {mailbox, -1, -1, -1, -1, 0};
	struct ingest_result r;
	char *raw = NULL;

	assert_true(asprintf(&raw,
	                     "%s\nMIME-Version: 1.0\nContent-Type: "
	                     "text/plain; charset=utf-8\n\n%s\n",
	                     headers, body) > 0);
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    ingest_message(t->store, &t->cfg, &src, raw, strlen(raw), now, &r),
	    0);
	assert_int_equal(store_commit(t->store), 0);
	free(raw);
	return r;
}

/* A new ticket from a new customer (who) with Message-ID <who@x>. */
static long long
new_ticket_in(struct sla_test *t, const char *mailbox, const char *who,
              const char *body, long long now)
{
	char headers[512];
	struct ingest_result r;
	long long id;

	snprintf(headers, sizeof(headers),
	         "From: %s@customer.example\nTo: support@example.com\n"
	         "Subject: Problem of %s\nMessage-ID: <%s@x>",
	         who, who, who);
	r = feed(t, mailbox, headers, body, now);
	assert_int_equal(r.outcome, INGEST_CREATED);
	id = r.ticket_id;
	ingest_result_clear(&r);
	return id;
}

static long long
new_ticket(struct sla_test *t, const char *who, long long now)
{
	return new_ticket_in(t, "support", who, "My kettle broke.", now);
}

/* The customer who answers in the thread of <who@x> with <msgid@x>;
 * returns whether the ticket was reopened. */
static bool
customer_reply(struct sla_test *t, long long ticket, const char *who,
               const char *msgid, long long now)
{
	char headers[512];
	struct ingest_result r;
	bool reopened;

	snprintf(headers, sizeof(headers),
	         "From: %s@customer.example\nTo: support@example.com\n"
	         "Subject: Re: Problem of %s\nMessage-ID: <%s@x>\n"
	         "In-Reply-To: <%s@x>",
	         who, who, msgid, who);
	r = feed(t, "support", headers, "Any news?", now);
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_int_equal(r.ticket_id, ticket);
	reopened = r.reopened;
	ingest_result_clear(&r);
	return reopened;
}

static struct sla_tick_result
tick_with(struct sla_test *t, const struct sla_desk *d, long long now)
{
	struct sla_tick_result res;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(sla_tick(t->store, d, t->ocfg, now, &res), 0);
	assert_int_equal(store_commit(t->store), 0);
	return res;
}

static struct sla_tick_result
tick(struct sla_test *t, long long now)
{
	return tick_with(t, t->desk, now);
}

/* A run at now that records events and queues notices (counts). */
static void
assert_tick(struct sla_test *t, long long now, size_t events, size_t notices)
{
	struct sla_tick_result res = tick(t, now);

	if (res.events != events || res.notices != notices)
		fail_msg("tick at T0%+lld: %zu events and %zu notices, want "
		         "%zu and %zu",
		         now - T0, res.events, res.notices, events, notices);
	assert_false(res.more);
}

static void
set_status(struct sla_test *t, long long id, const char *status, long long now)
{
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(store_ticket_set_status(t->store, id, status, now), 0);
	assert_int_equal(sla_ticket_status(t->store, t->desk, id, now), 0);
	assert_int_equal(store_commit(t->store), 0);
}

static void
agent_reply(struct sla_test *t, long long id, long long now)
{
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(sla_ticket_agent_reply(t->store, t->desk, id, now), 0);
	assert_int_equal(store_commit(t->store), 0);
}

/* The ticket's SLA state; clear with store_sla_clear. */
static struct store_sla
sla_of(struct sla_test *t, long long id)
{
	struct store_sla s;

	assert_int_equal(store_sla_get(t->store, id, &s), 1);
	return s;
}

/* An instant for messages: "T0+7200", or "-1" for none. */
static const char *
rel(char *buf, size_t size, long long at)
{
	if (at < 0)
		snprintf(buf, size, "%lld", at);
	else
		snprintf(buf, size, "T0%+lld", at - T0);
	return buf;
}

static void
assert_due(struct sla_test *t, long long id, long long fr, long long nr,
           long long res, long long next)
{
	struct store_sla s = sla_of(t, id);
	long long got[4] = {s.due[0], s.due[1], s.due[2], s.next};
	long long want[4] = {fr, nr, res, next};
	char g[4][32], w[4][32];

	store_sla_clear(&s);
	if (memcmp(got, want, sizeof(got)) == 0)
		return;
	for (int i = 0; i < 4; i++) {
		rel(g[i], sizeof(g[i]), got[i]);
		rel(w[i], sizeof(w[i]), want[i]);
	}
	fail_msg("ticket %lld: due %s %s %s next %s, want %s %s %s next %s", id,
	         g[0], g[1], g[2], g[3], w[0], w[1], w[2], w[3]);
}

static long long
priority_of(struct sla_test *t, long long id)
{
	struct store_ticket tk;
	long long p;

	assert_int_equal(store_ticket_get(t->store, id, &tk), 1);
	p = tk.priority;
	store_ticket_clear(&tk);
	return p;
}

/* The ticket's events of kind whose detail holds detail (NULL: any). */
static size_t
events(struct sla_test *t, long long id, const char *kind, const char *detail)
{
	struct store_event *v;
	size_t n, k = 0;

	assert_int_equal(store_ticket_events(t->store, id, &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		k += strcmp(v[i].kind, kind) == 0 &&
		     (detail == NULL ||
		      (v[i].detail && strstr(v[i].detail, detail)));
	store_events_free(v, n);
	return k;
}

/* Every SLA event of the ticket. */
static size_t
sla_events(struct sla_test *t, long long id)
{
	return events(t, id, "sla.warning", NULL) +
	       events(t, id, "sla.breach", NULL) +
	       events(t, id, "sla.escalation", NULL);
}

static bool
fired(struct sla_test *t, long long id, const char *key)
{
	char **keys;
	size_t n;
	bool found = false;

	assert_int_equal(store_sla_fired(t->store, id, &keys, &n), 0);
	for (size_t i = 0; i < n; i++)
		found |= strcmp(keys[i], key) == 0;
	store_strings_free(keys, n);
	return found;
}

/* The SLA notices in the outbox, oldest first (free with
 * store_outbox_free(v, n)). */
static size_t
notices(struct sla_test *t, struct store_outbox **v_r)
{
	struct store_outbox *v;
	size_t n, k = 0;

	assert_int_equal(store_outbox_list(t->store, "all", &v, &n), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].kind, "sla_notice") != 0) {
			store_outbox_clear(&v[i]);
			continue;
		}
		if (k != i) {
			v[k] = v[i];
			memset(&v[i], 0, sizeof(v[i]));
		}
		k++;
	}
	if (v_r != NULL)
		*v_r = v;
	else
		store_outbox_free(v, n);
	return k;
}

static size_t
n_notices(struct sla_test *t)
{
	return notices(t, NULL);
}

/* The newest SLA notice: to, about ticket, its subject holding what. */
static void
assert_last_notice(struct sla_test *t, const char *to, long long ticket,
                   const char *what, long long next_attempt)
{
	struct store_outbox *v;
	size_t n = notices(t, &v);

	assert_true(n > 0);
	assert_string_equal(v[n - 1].recipient, to);
	assert_string_equal(v[n - 1].status, "queued");
	assert_int_equal(v[n - 1].ticket_id, ticket);
	if (strstr(v[n - 1].subject, what) == NULL)
		fail_msg("subject \"%s\", want \"%s\"", v[n - 1].subject, what);
	assert_int_equal(v[n - 1].next_attempt, next_attempt);
	store_outbox_free(v, n);
}

/* The text of the queued mail of kind to addr (parsed; freed by
 * caller): every mail due before it is marked sent. */
static char *
mail_text(struct sla_test *t, const char *kind, const char *addr, long long now)
{
	struct store_outbox o;
	struct mime_limits lim;
	struct mime_message *m;
	char *text;

	mime_limits_default(&lim);
	for (;;) {
		assert_int_equal(store_outbox_next_due(t->store, now, &o), 1);
		if (strcmp(o.kind, kind) == 0 && strcmp(o.recipient, addr) == 0)
			break;
		assert_int_equal(store_outbox_sent(t->store, o.id, now, 250),
		                 0);
		store_outbox_clear(&o);
	}
	m = mime_parse(o.raw, o.raw_len, &lim);
	assert_non_null(m);
	text = strdup(m->text);
	assert_non_null(text);
	mime_message_free(m);
	store_outbox_clear(&o);
	return text;
}

static char *
notice_text(struct sla_test *t, const char *addr, long long now)
{
	return mail_text(t, "sla_notice", addr, now);
}

/* ---- pure: policies, deadlines, plans ---------------------------------- */

static char name_s[] = "p", always_s[] = CONF_CALENDAR_ALWAYS;
static char lead_s[] = "lead", manager_s[] = "manager";
static char *lead_v[] = {lead_s}, *manager_v[] = {manager_s};

/* A policy as conf_load makes one: targets in seconds (0: none), warning
 * at 80%, no levels. */
static struct conf_policy
policy(long fr, long nr, long res)
{
	struct conf_policy p;

	memset(&p, 0, sizeof(p));
	p.name = name_s;
	p.calendar = always_s;
	p.min_priority = -1;
	p.first_response = fr;
	p.next_response = nr;
	p.resolution = res;
	p.warn_percent = 80;
	p.notify = CONF_NOTIFY_BUSINESS_HOURS;
	return p;
}

/* Level 1 to the lead after1 after the breach, level 2 to the manager
 * after2 after it. */
static void
levels(struct conf_policy *p, long after1, long after2)
{
	p->levels[0].after = after1;
	p->levels[0].to.v = lead_v;
	p->levels[0].to.n = 1;
	p->levels[0].raise = 10;
	p->levels[1].after = after2;
	p->levels[1].to.v = manager_v;
	p->levels[1].to.n = 1;
	p->levels[1].raise = 20;
}

static struct sla_clocks
clocks(long long created)
{
	struct sla_clocks c = {created, -1, -1, -1, 0, -1};

	return c;
}

/* Shanghai office hours, Monday to Friday 09:00-18:00. */
static struct sla_calendar *
office(void)
{
	static const struct sla_interval day = {9 * 60, 18 * 60};
	struct sla_calendar_spec spec = {.name = "office",
	                                 .timezone = "Asia/Shanghai"};
	struct sla_calendar *cal;
	char err[256];

	for (int d = 0; d < 5; d++) {
		spec.week[d] = &day;
		spec.n_week[d] = 1;
	}
	if ((cal = sla_calendar_new(&spec, err, sizeof(err))) == NULL)
		fail_msg("%s", err);
	return cal;
}

static void
check_event(const struct sla_event *v, size_t n, size_t i, enum sla_clock clock,
            enum sla_kind kind, int level, long long at, long long due,
            long long cycle, bool stopped)
{
	const struct sla_event *e = &v[i];

	if (i >= n)
		fail_msg("event %zu: only %zu", i, n);
	if (e->clock != clock || e->kind != kind || e->level != level ||
	    e->at != at || e->due != due || e->cycle != cycle ||
	    e->stopped != stopped)
		fail_msg("event %zu: %s %s %d at %lld due %lld cycle %lld%s; "
		         "want %s %s %d at %lld due %lld cycle %lld%s",
		         i, sla_clock_name(e->clock), sla_kind_name(e->kind),
		         e->level, e->at, e->due, e->cycle,
		         e->stopped ? " stopped" : "", sla_clock_name(clock),
		         sla_kind_name(kind), level, at, due, cycle,
		         stopped ? " stopped" : "");
}

static void
assert_sorted(const struct sla_event *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (v[i - 1].at > v[i].at)
			fail_msg("event %zu at %lld after event %zu at %lld",
			         i - 1, v[i - 1].at, i, v[i].at);
}

#define FR SLA_FIRST_RESPONSE
#define NR SLA_NEXT_RESPONSE
#define RES SLA_RESOLUTION
#define WARN SLA_WARNING
#define BREACH SLA_BREACH
#define ESC SLA_ESCALATION

static const char policy_choice_conf[] = OFFICE_CALENDAR
    "policies = (\n"
    "  { name = \"vip\"; tier = [\"vip\"]; first_response = \"30m\"; },\n"
    "  { name = \"urgent\"; severity = [\"urgent\"]; first_response = "
    "\"1h\"; },\n"
    "  { name = \"sales-billing\"; category = [\"billing\"]; mailbox = "
    "[\"sales\"]; first_response = \"2h\"; },\n"
    "  { name = \"hot\"; min_priority = 100; first_response = \"3h\"; },\n"
    "  { name = \"standard\"; first_response = \"8h\"; calendar = "
    "\"office\"; }\n"
    ");\n";

static const char *
chosen(const struct sla_desk *d, const char *severity, const char *category,
       const char *mailbox, const char *tier, long long priority)
{
	struct sla_facts f = {severity, category, mailbox, tier, priority};
	const struct conf_policy *p = sla_policy_for(d, &f);

	assert_non_null(p);
	return p->name;
}

static void
test_policy_choice(void **state)
{
	struct sla_test *t = *state;
	const struct sla_desk *d;
	const struct conf_policy *p;

	desk(t, policy_choice_conf);
	d = t->desk;
	assert_true(sla_desk_active(d));
	assert_ptr_equal(sla_desk_conf(d), t->conf);
	/* Every condition holds for the first: the first wins. */
	assert_string_equal(chosen(d, "urgent", "billing", "sales", "vip", 500),
	                    "vip");
	assert_string_equal(
	    chosen(d, "urgent", "billing", "sales", "standard", 500), "urgent");
	/* Case does not matter. */
	assert_string_equal(
	    chosen(d, "URGENT", "other", "support", "standard", 0), "urgent");
	assert_string_equal(chosen(d, "general", "other", "support", "VIP", 0),
	                    "vip");
	/* Every condition of a policy must hold. */
	assert_string_equal(
	    chosen(d, "serious", "billing", "sales", "standard", 0),
	    "sales-billing");
	assert_string_equal(
	    chosen(d, "serious", "billing", "support", "standard", 0),
	    "standard");
	assert_string_equal(
	    chosen(d, "serious", "logistics", "sales", "standard", 0),
	    "standard");
	/* min_priority: at least. */
	assert_string_equal(
	    chosen(d, "serious", "billing", "support", "standard", 100), "hot");
	assert_string_equal(
	    chosen(d, "serious", "billing", "support", "standard", 99),
	    "standard");
	/* Unknown facts meet no condition: the default takes them. */
	assert_string_equal(chosen(d, NULL, NULL, NULL, NULL, 0), "standard");

	p = sla_policy_named(d, "hot");
	assert_ptr_equal(p, &t->conf->policies[3]);
	assert_null(sla_policy_named(d, "nope"));
	assert_null(sla_policy_named(d, NULL));
	/* The calendars: the default 24x7, or the policy's. */
	assert_true(sla_calendar_is_always(sla_calendar_of(d, p)));
	p = sla_policy_named(d, "standard");
	assert_false(sla_calendar_is_always(sla_calendar_of(d, p)));
	assert_true(sla_is_open(sla_calendar_of(d, p), CST(2026, 12, 7, 9, 0)));
	assert_false(sla_is_open(sla_calendar_of(d, p), T0));
}

/* The fingerprint follows the policies and calendars, nothing else. */
static void
test_desk_hash(void **state)
{
	struct sla_test *t = *state;
	char err[256];
	unsigned long long h;

	desk(t, policy_choice_conf);
	h = sla_desk_hash(t->desk);
	t->conf2 = load_conf(t, "same.conf", policy_choice_conf);
	t->desk2 = sla_desk_new(t->conf2, err, sizeof(err));
	assert_non_null(t->desk2);
	assert_true(sla_desk_hash(t->desk2) == h);
	sla_desk_free(t->desk2);
	conf_free(t->conf2);
	t->conf2 =
	    load_conf(t, "other.conf",
	              OFFICE_CALENDAR "policies = ( { name = \"standard\"; "
	                              "first_response = \"9h\"; calendar = "
	                              "\"office\"; } );\n");
	t->desk2 = sla_desk_new(t->conf2, err, sizeof(err));
	assert_non_null(t->desk2);
	assert_true(sla_desk_hash(t->desk2) != h);
	/* Kept as a signed integer in the store: positive. */
	assert_true((long long)h >= 0);
}

static void
test_plan_24x7(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(HOUR, 4 * HOUR, 2 * DAY);
	struct sla_clocks c = clocks(T0);
	struct sla_event v[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	size_t n;

	t->cal = sla_calendar_always();
	levels(&p, 30 * MIN, 2 * HOUR);
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], T0 + HOUR);
	/* Next response runs only while a customer mail waits. */
	assert_int_equal(dl.due[NR], -1);
	assert_int_equal(dl.due[RES], T0 + 2 * DAY);

	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 8);
	assert_sorted(v, n);
	check_event(v, n, 0, FR, WARN, 0, T0 + 2880, T0 + HOUR, 0, false);
	check_event(v, n, 1, FR, BREACH, 0, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 2, FR, ESC, 1, T0 + HOUR + 30 * MIN, T0 + HOUR, 0,
	            false);
	check_event(v, n, 3, FR, ESC, 2, T0 + 3 * HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 4, RES, WARN, 0, T0 + 138240, T0 + 2 * DAY, 0, false);
	check_event(v, n, 5, RES, BREACH, 0, T0 + 2 * DAY, T0 + 2 * DAY, 0,
	            false);
	check_event(v, n, 6, RES, ESC, 1, T0 + 2 * DAY + 30 * MIN, T0 + 2 * DAY,
	            0, false);
	check_event(v, n, 7, RES, ESC, 2, T0 + 2 * DAY + 2 * HOUR, T0 + 2 * DAY,
	            0, false);

	/* A time before the deadline instead of a share. */
	p.warn_percent = -1;
	p.warn_before = 30 * MIN;
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 8);
	check_event(v, n, 0, FR, WARN, 0, T0 + 30 * MIN, T0 + HOUR, 0, false);
	check_event(v, n, 4, RES, WARN, 0, T0 + 2 * DAY - 30 * MIN,
	            T0 + 2 * DAY, 0, false);
	/* More than the target: warned at once. */
	p.warn_before = 2 * HOUR;
	n = sla_plan(&p, t->cal, &c, v);
	check_event(v, n, 0, FR, WARN, 0, T0, T0 + HOUR, 0, false);

	/* No levels: a warning and a breach a clock. */
	p = policy(HOUR, 0, 2 * DAY);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 4);
	check_event(v, n, 1, FR, BREACH, 0, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 3, RES, BREACH, 0, T0 + 2 * DAY, T0 + 2 * DAY, 0,
	            false);
	/* A level without people ends the levels. */
	levels(&p, 0, HOUR);
	p.levels[0].to.n = 0;
	assert_int_equal(sla_plan(&p, t->cal, &c, v), 4);
}

/* Events at one instant: warnings, breaches, then levels; first
 * response before resolution. */
static void
test_plan_ties(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(HOUR, 0, HOUR);
	struct sla_clocks c = clocks(T0);
	struct sla_event v[SLA_MAX_EVENTS];
	size_t n;

	t->cal = sla_calendar_always();
	levels(&p, 0, 0);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 8);
	check_event(v, n, 0, FR, WARN, 0, T0 + 2880, T0 + HOUR, 0, false);
	check_event(v, n, 1, RES, WARN, 0, T0 + 2880, T0 + HOUR, 0, false);
	check_event(v, n, 2, FR, BREACH, 0, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 3, RES, BREACH, 0, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 4, FR, ESC, 1, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 5, RES, ESC, 1, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 6, FR, ESC, 2, T0 + HOUR, T0 + HOUR, 0, false);
	check_event(v, n, 7, RES, ESC, 2, T0 + HOUR, T0 + HOUR, 0, false);
}

/* After the first response its later events are gone, the earlier ones
 * kept and marked stopped; a response exactly at an event's time is in
 * time for it. */
static void
test_plan_first_response(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(HOUR, 0, 0);
	struct sla_clocks c = clocks(T0);
	struct sla_event v[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	size_t n;

	t->cal = sla_calendar_always();
	levels(&p, 30 * MIN, 2 * HOUR);
	/* After the breach, before level 1. */
	c.first_response = T0 + HOUR + 10 * MIN;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], -1);
	assert_int_equal(dl.due[NR], -1);
	assert_int_equal(dl.due[RES], -1);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 2);
	check_event(v, n, 0, FR, WARN, 0, T0 + 2880, T0 + HOUR, 0, true);
	check_event(v, n, 1, FR, BREACH, 0, T0 + HOUR, T0 + HOUR, 0, true);
	/* At the breach: only the warning was due. */
	c.first_response = T0 + HOUR;
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 1);
	check_event(v, n, 0, FR, WARN, 0, T0 + 2880, T0 + HOUR, 0, true);
	/* In time: nothing at all. */
	c.first_response = T0 + 10 * MIN;
	assert_int_equal(sla_plan(&p, t->cal, &c, v), 0);
}

/* The next response runs from the waiting mail; its cycle is that
 * mail's time. */
static void
test_plan_next_response(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(HOUR, 4 * HOUR, 2 * DAY);
	struct sla_clocks c = clocks(T0);
	struct sla_event v[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	long long w = T0 + DAY;
	size_t n;

	t->cal = sla_calendar_always();
	levels(&p, 30 * MIN, 2 * HOUR);
	c.first_response = T0 + 30 * MIN;
	c.waiting_since = w;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], -1);
	assert_int_equal(dl.due[NR], w + 4 * HOUR);
	assert_int_equal(dl.due[RES], T0 + 2 * DAY);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 8);
	assert_sorted(v, n);
	check_event(v, n, 0, NR, WARN, 0, w + NR_LEAD, w + 4 * HOUR, w, false);
	check_event(v, n, 1, NR, BREACH, 0, w + 4 * HOUR, w + 4 * HOUR, w,
	            false);
	check_event(v, n, 2, NR, ESC, 1, w + 4 * HOUR + 30 * MIN, w + 4 * HOUR,
	            w, false);
	check_event(v, n, 3, NR, ESC, 2, w + 6 * HOUR, w + 4 * HOUR, w, false);
	check_event(v, n, 4, RES, WARN, 0, T0 + 138240, T0 + 2 * DAY, 0, false);
	/* A policy without a next-response target ignores the wait. */
	p.next_response = 0;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[NR], -1);
	assert_int_equal(sla_plan(&p, t->cal, &c, v), 4);
}

/* Resolution pauses: the time paused moves it later; while paused it
 * has no deadline and only what was due before the pause. */
static void
test_plan_pauses(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(0, 0, 2 * DAY);
	struct sla_clocks c = clocks(T0);
	struct sla_event v[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	long long pt = 5 * HOUR;
	size_t n;

	t->cal = sla_calendar_always();
	levels(&p, 30 * MIN, 2 * HOUR);
	c.paused_total = pt;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], -1);
	assert_int_equal(dl.due[RES], T0 + 2 * DAY + pt);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 4);
	check_event(v, n, 0, RES, WARN, 0, T0 + 138240 + pt, T0 + 2 * DAY + pt,
	            0, false);
	check_event(v, n, 3, RES, ESC, 2, T0 + 2 * DAY + pt + 2 * HOUR,
	            T0 + 2 * DAY + pt, 0, false);

	/* Paused again after the breach (and level 1). */
	c.paused_since = T0 + 2 * DAY + pt + 40 * MIN;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[RES], -1);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 3);
	check_event(v, n, 0, RES, WARN, 0, T0 + 138240 + pt, T0 + 2 * DAY + pt,
	            0, true);
	check_event(v, n, 1, RES, BREACH, 0, T0 + 2 * DAY + pt,
	            T0 + 2 * DAY + pt, 0, true);
	check_event(v, n, 2, RES, ESC, 1, T0 + 2 * DAY + pt + 30 * MIN,
	            T0 + 2 * DAY + pt, 0, true);
	/* Paused early: nothing of the resolution. */
	c.paused_since = T0 + HOUR;
	assert_int_equal(sla_plan(&p, t->cal, &c, v), 0);
	/* The other clocks run on during a pause. */
	p.first_response = 2 * HOUR;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], T0 + 2 * HOUR);
	assert_int_equal(dl.due[RES], -1);
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].clock, FR);
		assert_false(v[i].stopped);
	}
}

/* Shanghai office hours, worked by hand: created Friday 16:00, two
 * hours before the weekend. */
static void
test_plan_business_hours(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(4 * HOUR, 2 * HOUR, 8 * HOUR);
	long long fri = CST(2026, 12, 4, 16, 0);
	struct sla_clocks c = clocks(fri);
	struct sla_event v[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	size_t n;

	t->cal = office();
	levels(&p, HOUR, 10 * HOUR);
	sla_deadlines(&p, t->cal, &c, &dl);
	/* 2h on Friday, 2h on Monday. */
	assert_int_equal(dl.due[FR], CST(2026, 12, 7, 11, 0));
	assert_int_equal(dl.due[NR], -1);
	/* 2h on Friday, 6h on Monday. */
	assert_int_equal(dl.due[RES], CST(2026, 12, 7, 15, 0));
	n = sla_plan(&p, t->cal, &c, v);
	assert_int_equal(n, 8);
	assert_sorted(v, n);
	/* 80% of 4h is 3h12m: 2h Friday, 1h12m Monday. */
	check_event(v, n, 0, FR, WARN, 0, CST(2026, 12, 7, 10, 12),
	            CST(2026, 12, 7, 11, 0), 0, false);
	check_event(v, n, 1, FR, BREACH, 0, CST(2026, 12, 7, 11, 0),
	            CST(2026, 12, 7, 11, 0), 0, false);
	check_event(v, n, 2, FR, ESC, 1, CST(2026, 12, 7, 12, 0),
	            CST(2026, 12, 7, 11, 0), 0, false);
	/* 80% of 8h is 6h24m: 2h Friday, 4h24m Monday. */
	check_event(v, n, 3, RES, WARN, 0, CST(2026, 12, 7, 13, 24),
	            CST(2026, 12, 7, 15, 0), 0, false);
	check_event(v, n, 4, RES, BREACH, 0, CST(2026, 12, 7, 15, 0),
	            CST(2026, 12, 7, 15, 0), 0, false);
	check_event(v, n, 5, RES, ESC, 1, CST(2026, 12, 7, 16, 0),
	            CST(2026, 12, 7, 15, 0), 0, false);
	/* Level 2, ten business hours after the breach at 11:00: 7h on
	 * Monday, 3h on Tuesday. */
	check_event(v, n, 6, FR, ESC, 2, CST(2026, 12, 8, 12, 0),
	            CST(2026, 12, 7, 11, 0), 0, false);
	/* From 15:00: 3h Monday, 7h Tuesday. */
	check_event(v, n, 7, RES, ESC, 2, CST(2026, 12, 8, 16, 0),
	            CST(2026, 12, 7, 15, 0), 0, false);

	/* "30m" before: 3h30m in. */
	p.warn_percent = -1;
	p.warn_before = 30 * MIN;
	n = sla_plan(&p, t->cal, &c, v);
	check_event(v, n, 0, FR, WARN, 0, CST(2026, 12, 7, 10, 30),
	            CST(2026, 12, 7, 11, 0), 0, false);

	/* Four business hours paused: 12h of business time from Friday
	 * 16:00 is Tuesday 10:00. */
	c.paused_total = 4 * HOUR;
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[RES], CST(2026, 12, 8, 10, 0));
	assert_int_equal(dl.due[FR], CST(2026, 12, 7, 11, 0));

	/* Created on a Saturday: the clocks start on Monday at 09:00. */
	c = clocks(CST(2026, 12, 5, 10, 0));
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], CST(2026, 12, 7, 13, 0));
	assert_int_equal(dl.due[RES], CST(2026, 12, 7, 17, 0));

	/* Next response from Monday 17:00: 1h Monday, 1h Tuesday. */
	c.first_response = CST(2026, 12, 7, 10, 0);
	c.waiting_since = CST(2026, 12, 7, 17, 0);
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_int_equal(dl.due[FR], -1);
	assert_int_equal(dl.due[NR], CST(2026, 12, 8, 10, 0));
	n = sla_plan(&p, t->cal, &c, v);
	for (size_t i = 0; i < n; i++)
		if (v[i].clock == NR)
			assert_int_equal(v[i].cycle, CST(2026, 12, 7, 17, 0));
}

/* A calendar with no business time ahead: no deadline, no events. */
static void
test_plan_never(void **state)
{
	struct sla_test *t = *state;
	static const struct sla_interval hours = {9 * 60, 17 * 60};
	static const int32_t past[] = {18262}; /* 2020-01-01 */
	struct sla_calendar_spec spec = {.name = "gone",
	                                 .timezone = "UTC",
	                                 .extra_days = past,
	                                 .n_extra_days = 1,
	                                 .extra_hours = &hours,
	                                 .n_extra_hours = 1};
	struct conf_policy p = policy(HOUR, 0, DAY);
	struct sla_clocks c = clocks(T0);
	struct sla_event v[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	char err[256];

	t->cal = sla_calendar_new(&spec, err, sizeof(err));
	if (t->cal == NULL)
		fail_msg("%s", err);
	levels(&p, 0, HOUR);
	sla_deadlines(&p, t->cal, &c, &dl);
	assert_true(dl.due[FR] == SLA_NEVER);
	assert_true(dl.due[RES] == SLA_NEVER);
	assert_int_equal(sla_plan(&p, t->cal, &c, v), 0);
	/* Nobody waits for an opening that never comes. */
	assert_int_equal(sla_notify_at(&p, t->cal, false, T0), T0);
}

static void
test_event_keys(void **state)
{
	struct sla_event ev = {FR, BREACH, 0, T0, T0, 0, false};
	char buf[96], small[12];

	(void)state;
	assert_string_equal(sla_event_key(12, &ev, buf, sizeof(buf)),
	                    "sla:12:first_response:0:breach");
	ev.kind = WARN;
	assert_string_equal(sla_event_key(12, &ev, buf, sizeof(buf)),
	                    "sla:12:first_response:0:warning");
	ev.kind = ESC;
	ev.level = 2;
	assert_string_equal(sla_event_key(12, &ev, buf, sizeof(buf)),
	                    "sla:12:first_response:0:escalation2");
	ev.clock = NR;
	ev.kind = WARN;
	ev.level = 0;
	ev.cycle = T0 + DAY;
	assert_string_equal(sla_event_key(7, &ev, buf, sizeof(buf)),
	                    "sla:7:next_response:1796486400:warning");
	ev.clock = RES;
	ev.kind = ESC;
	ev.level = 1;
	ev.cycle = 0;
	assert_ptr_equal(sla_event_key(3000000000LL, &ev, buf, sizeof(buf)),
	                 buf);
	assert_string_equal(buf, "sla:3000000000:resolution:0:escalation1");
	/* Cut to the buffer, terminated. */
	sla_event_key(12, &ev, small, sizeof(small));
	assert_string_equal(small, "sla:12:reso");

	assert_string_equal(sla_clock_name(FR), "first_response");
	assert_string_equal(sla_clock_name(NR), "next_response");
	assert_string_equal(sla_clock_name(RES), "resolution");
	assert_string_equal(sla_clock_name(SLA_CLOCKS), "?");
	assert_string_equal(sla_kind_name(WARN), "warning");
	assert_string_equal(sla_kind_name(BREACH), "breach");
	assert_string_equal(sla_kind_name(ESC), "escalation");
}

static void
test_notify_at(void **state)
{
	struct sla_test *t = *state;
	struct conf_policy p = policy(HOUR, 0, 0);
	struct sla_calendar *always = sla_calendar_always();
	long long sat = CST(2026, 12, 5, 10, 0);
	long long mon = CST(2026, 12, 7, 9, 0);

	t->cal = office();
	/* Outside business hours: the next opening. */
	assert_int_equal(sla_notify_at(&p, t->cal, false, sat), mon);
	assert_int_equal(sla_notify_at(&p, t->cal, false, mon - 1), mon);
	/* Closing time is closed. */
	assert_int_equal(
	    sla_notify_at(&p, t->cal, false, CST(2026, 12, 7, 18, 0)),
	    CST(2026, 12, 8, 9, 0));
	/* Inside: now. */
	assert_int_equal(sla_notify_at(&p, t->cal, false, mon), mon);
	assert_int_equal(sla_notify_at(&p, t->cal, false, mon + 5 * HOUR),
	                 mon + 5 * HOUR);
	/* Urgent tickets: now. */
	assert_int_equal(sla_notify_at(&p, t->cal, true, sat), sat);
	/* notify = "immediately": now. */
	p.notify = CONF_NOTIFY_IMMEDIATELY;
	assert_int_equal(sla_notify_at(&p, t->cal, false, sat), sat);
	/* 24/7 is always in business hours. */
	p.notify = CONF_NOTIFY_BUSINESS_HOURS;
	assert_int_equal(sla_notify_at(&p, always, false, sat), sat);
	sla_calendar_free(always);
}

/* ---- stored tickets ---------------------------------------------------- */

static void
test_new_ticket_gets_deadlines(void **state)
{
	struct sla_test *t = *state;
	struct store_sla s;
	long long id, at;
	char *text;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	s = sla_of(t, id);
	assert_non_null(s.policy);
	assert_string_equal(s.policy, "standard");
	assert_int_equal(s.first_response, -1);
	assert_int_equal(s.waiting_since, -1);
	assert_int_equal(s.paused_since, -1);
	assert_int_equal(s.paused_total, 0);
	assert_int_equal(s.due[0], FR_DUE);
	assert_int_equal(s.due[1], -1);
	assert_int_equal(s.due[2], RES_DUE);
	/* The first event: the first-response warning. */
	assert_int_equal(s.next, FR_WARN);
	store_sla_clear(&s);
	assert_int_equal(store_sla_next_due(t->store, &at), 0);
	assert_int_equal(at, FR_WARN);
	/* Nothing recorded, nobody told. */
	assert_int_equal(sla_events(t, id), 0);
	assert_int_equal(n_notices(t), 0);
	/* The acknowledgement promises the policy's first response (not
	 * ack.first_response, 24h). */
	text = mail_text(t, "ack", "ann@customer.example", T0);
	if (strstr(text, "by Friday, 4 December 2026, 18:00 UTC") == NULL)
		fail_msg("ack says:\n%s", text);
	free(text);
	/* No such ticket: nothing to do. */
	assert_int_equal(sla_ticket_refresh(t->store, t->desk, id + 100), 0);
	assert_int_equal(store_sla_get(t->store, id + 100, &s), 0);
	store_sla_clear(&s);
}

/* Each event once, when due; its notice to whom it concerns; the levels'
 * raises once. */
static void
test_tick_each_event_once(void **state)
{
	struct sla_test *t = *state;
	long long id, p0;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	p0 = priority_of(t, id);

	/* Not yet. */
	assert_tick(t, FR_WARN - 1, 0, 0);
	assert_int_equal(n_notices(t), 0);

	/* The warning, to the assignee. */
	assert_tick(t, FR_WARN, 1, 1);
	assert_int_equal(events(t, id, "sla.warning", "clock=first_response"),
	                 1);
	/* Under its key (the first ticket of a new store is 1). */
	assert_int_equal(id, 1);
	assert_true(fired(t, id, "sla:1:first_response:0:warning"));
	assert_last_notice(t, ALICE, id, "SLA warning: first response",
	                   FR_WARN);
	assert_due(t, id, FR_DUE, -1, RES_DUE, FR_DUE);
	/* Again at the same instant, or before the next event: nothing. */
	assert_tick(t, FR_WARN, 0, 0);
	assert_tick(t, FR_DUE - 1, 0, 0);
	assert_int_equal(n_notices(t), 1);

	/* The breach, to the assignee. */
	assert_tick(t, FR_DUE, 1, 1);
	assert_int_equal(events(t, id, "sla.breach", "clock=first_response"),
	                 1);
	assert_last_notice(t, ALICE, id, "SLA breach: first response", FR_DUE);
	assert_int_equal(priority_of(t, id), p0);

	/* Level 1: the lead, +10, once. */
	assert_tick(t, FR_L1, 1, 1);
	assert_int_equal(events(t, id, "sla.escalation", "level=1"), 1);
	assert_last_notice(t, CAROL, id, "SLA escalation level 1", FR_L1);
	assert_int_equal(priority_of(t, id), p0 + 10);
	assert_tick(t, FR_L1, 0, 0);
	assert_tick(t, FR_L1 + 60, 0, 0);
	assert_int_equal(priority_of(t, id), p0 + 10);

	/* Level 2: the manager, +20. */
	assert_tick(t, FR_L2, 1, 1);
	assert_int_equal(events(t, id, "sla.escalation", "level=2"), 1);
	assert_last_notice(t, DAVE, id, "SLA escalation level 2", FR_L2);
	assert_int_equal(priority_of(t, id), p0 + 30);
	assert_tick(t, FR_L2, 0, 0);
	assert_int_equal(priority_of(t, id), p0 + 30);

	/* Then resolution's turn. */
	assert_due(t, id, FR_DUE, -1, RES_DUE, RES_WARN);
	assert_tick(t, RES_WARN, 1, 1);
	assert_int_equal(events(t, id, "sla.warning", "clock=resolution"), 1);
	assert_last_notice(t, ALICE, id, "SLA warning: resolution", RES_WARN);
	assert_tick(t, RES_DUE, 1, 1);
	assert_tick(t, RES_L1, 1, 1);
	assert_tick(t, RES_L2, 1, 1);
	assert_tick(t, RES_L2 + DAY, 0, 0);

	assert_int_equal(events(t, id, "sla.warning", NULL), 2);
	assert_int_equal(events(t, id, "sla.breach", NULL), 2);
	assert_int_equal(events(t, id, "sla.escalation", NULL), 4);
	assert_int_equal(n_notices(t), 8);
	assert_int_equal(priority_of(t, id), p0 + 60);
	/* All recorded: nothing is next. */
	assert_due(t, id, FR_DUE, -1, RES_DUE, -1);
}

/* A level's raise may put the ticket under another policy: chosen again
 * at once, without repeating what already fired under the first. */
static void
test_raise_chooses_policy_again(void **state)
{
	struct sla_test *t = *state;
	struct store_sla s;
	long long id, p0;

	desk(t, "policies = (\n"
	        "  { name = \"hot\"; min_priority = 30; first_response = "
	        "\"1h\"; resolution = \"4h\"; },\n"
	        "  { name = \"standard\"; first_response = \"2h\"; "
	        "level1_to = [\"lead\"]; level1_raise = 25; }\n"
	        ");\n");
	id = new_ticket(t, "ann", T0);
	p0 = priority_of(t, id);
	assert_true(p0 < 30 && p0 + 25 >= 30);
	s = sla_of(t, id);
	assert_string_equal(s.policy, "standard");
	store_sla_clear(&s);
	/* Warning, breach and level 1 (at the breach). */
	assert_tick(t, FR_DUE, 3, 2);
	assert_int_equal(priority_of(t, id), p0 + 25);
	s = sla_of(t, id);
	assert_string_equal(s.policy, "hot");
	/* hot's first response was due an hour earlier; its warning and
	 * breach are the ones that fired.  Its resolution is next. */
	assert_int_equal(s.due[0], T0 + HOUR);
	assert_int_equal(s.due[2], T0 + 4 * HOUR);
	assert_int_equal(s.next, T0 + 4 * HOUR * 80 / 100);
	store_sla_clear(&s);
	assert_tick(t, FR_DUE, 0, 0);
	assert_int_equal(events(t, id, "sla.breach", "clock=first_response"),
	                 1);
}

/* A run long after every deadline (the desk was down): every event
 * recorded at once, one digest per person. */
static void
test_tick_digest_after_downtime(void **state)
{
	struct sla_test *t = *state;
	struct sla_tick_result res;
	struct store_outbox *v;
	long long a, b, pa, pb;
	size_t n;

	desk(t, POLICY_STANDARD);
	a = new_ticket(t, "ann", T0);
	b = new_ticket(t, "bea", T0 + 60);
	pa = priority_of(t, a);
	pb = priority_of(t, b);

	res = tick(t, T0 + 5 * DAY);
	assert_int_equal(res.tickets, 2);
	assert_int_equal(res.events, 16);
	/* alice: 8 warnings and breaches; carol: 4 level-1s; dave: 4
	 * level-2s. */
	assert_int_equal(res.notices, 3);
	assert_false(res.more);
	n = notices(t, &v);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		const char *want = strcmp(v[i].recipient, ALICE) == 0 ? "8"
		                   : strcmp(v[i].recipient, CAROL) == 0 ||
		                           strcmp(v[i].recipient, DAVE) == 0
		                       ? "4"
		                       : NULL;
		char subject[64];
		if (want == NULL)
			fail_msg("notice to %s", v[i].recipient);
		snprintf(subject, sizeof(subject), "SLA digest: %s events",
		         want);
		if (strstr(v[i].subject, subject) == NULL)
			fail_msg("subject \"%s\", want \"%s\"", v[i].subject,
			         subject);
		assert_int_equal(v[i].next_attempt, T0 + 5 * DAY);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(v[i].recipient, v[j].recipient);
	}
	store_outbox_free(v, n);
	for (long long id = a; id <= b; id++) {
		assert_int_equal(events(t, id, "sla.warning", NULL), 2);
		assert_int_equal(events(t, id, "sla.breach", NULL), 2);
		assert_int_equal(events(t, id, "sla.escalation", NULL), 4);
	}
	/* Each level once a clock. */
	assert_int_equal(priority_of(t, a), pa + 60);
	assert_int_equal(priority_of(t, b), pb + 60);

	/* A second run: nothing more. */
	res = tick(t, T0 + 5 * DAY);
	assert_int_equal(res.tickets, 0);
	assert_int_equal(res.events, 0);
	assert_int_equal(res.notices, 0);
	assert_int_equal(n_notices(t), 3);
	assert_int_equal(priority_of(t, a), pa + 60);
}

/*
 * A backlog larger than one run (more than SLA_TICK_BATCH tickets due
 * after downtime) takes several runs, and still makes one digest per
 * person: the notices wait, staged, for the run that finds nothing more.
 */
static void
test_backlog_of_many_runs_one_digest(void **state)
{
	struct sla_test *t = *state;
	struct sla_tick_result res;
	struct store_outbox *v;
	size_t n, runs = 0, events = 0, total = SLA_TICK_BATCH + 20;
	char who[32];

	desk(t, POLICY_STANDARD);
	for (size_t i = 0; i < total; i++) {
		snprintf(who, sizeof(who), "c%zu", i);
		new_ticket(t, who, T0);
	}
	do {
		res = tick(t, T0 + 5 * DAY);
		runs++;
		events += res.events;
		/* Nothing is written while more is due. */
		if (res.more)
			assert_int_equal(res.notices, 0);
	} while (res.more);
	assert_true(runs >= 2);
	assert_int_equal(events, total * 8);
	/* alice, carol and dave: one mail each, listing 100 of the events
	 * and counting the rest. */
	n = notices(t, &v);
	assert_int_equal(n, 3);
	assert_int_equal(res.notices, 3);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(v[i].recipient, v[j].recipient);
		assert_non_null(strstr(v[i].subject, "SLA digest: "));
	}
	store_outbox_free(v, n);
}

/*
 * A customer's second complaint raises the priority of their first
 * (recent complaints count in it): where a policy looks at the priority,
 * the first ticket is chosen again and falls under it.
 */
static void
test_repeat_complaint_rechooses_policy(void **state)
{
	struct sla_test *t = *state;
	struct ingest_result r;
	struct store_sla s;
	long long first, p0;

	desk(t, "policies = (\n"
	        "  { name = \"hot\"; min_priority = 15; first_response = "
	        "\"1h\"; },\n"
	        "  { name = \"standard\"; first_response = \"8h\"; } );\n");
	r = feed(t, "support",
	         "From: ann@customer.example\nTo: support@example.com\n"
	         "Subject: Kettle\nMessage-ID: <k1@x>",
	         "My kettle broke.", T0);
	first = r.ticket_id;
	ingest_result_clear(&r);
	p0 = priority_of(t, first);
	s = sla_of(t, first);
	assert_string_equal(s.policy, "standard");
	store_sla_clear(&s);
	r = feed(t, "support",
	         "From: ann@customer.example\nTo: support@example.com\n"
	         "Subject: Toaster\nMessage-ID: <k2@x>",
	         "And now the toaster.", T0 + HOUR);
	assert_int_equal(r.outcome, INGEST_CREATED);
	ingest_result_clear(&r);
	assert_true(priority_of(t, first) >= 15 && priority_of(t, first) > p0);
	s = sla_of(t, first);
	assert_string_equal(s.policy, "hot");
	assert_int_equal(s.due[0], T0 + HOUR);
	store_sla_clear(&s);
}

/* The digest lists every item, each ticket and what happened to it. */
static void
test_digest_text(void **state)
{
	struct sla_test *t = *state;
	char *text;

	desk(t, POLICY_STANDARD);
	new_ticket(t, "ann", T0);
	new_ticket(t, "bea", T0 + 60);
	/* Each: the first response's warning, breach and two levels. */
	assert_tick(t, T0 + DAY, 8, 3);
	text = notice_text(t, ALICE, T0 + DAY);
	assert_non_null(strstr(text, "[ACME #1] Problem of ann"));
	assert_non_null(strstr(text, "[ACME #2] Problem of bea"));
	assert_non_null(strstr(text, "SLA warning: first response"));
	assert_non_null(strstr(text, "SLA breach: first response"));
	assert_non_null(strstr(text, "policy standard"));
	assert_null(strstr(text, "resolution"));
	free(text);
}

/*
 * When one run records several escalations of a ticket (a start after
 * downtime), each notice tells the priority after its own raise: level 1
 * (+10) and level 2 (+20) fire together, the level-2 item says p0 + 30.
 */
static void
test_digest_priority_after_raises(void **state)
{
	struct sla_test *t = *state;
	char *text, want[64];
	long long id, p0;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	p0 = priority_of(t, id);
	/* Both levels of the first response at once; dave hears of
	 * level 2 only. */
	assert_tick(t, FR_L2, 4, 3);
	assert_int_equal(priority_of(t, id), p0 + 30);
	text = notice_text(t, DAVE, FR_L2);
	snprintf(want, sizeof(want), "priority %lld", p0 + 30);
	if (strstr(text, want) == NULL)
		fail_msg("level 2 notice says:\n%s\nwant \"%s\"", text, want);
	free(text);
}

/* Pending pauses the resolution clock; open again moves the deadline by
 * exactly the time paused (24/7); first response runs on. */
static void
test_pause_and_resume(void **state)
{
	struct sla_test *t = *state;
	struct store_sla s;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	set_status(t, id, "pending", T0 + HOUR);
	s = sla_of(t, id);
	assert_int_equal(s.paused_since, T0 + HOUR);
	assert_int_equal(s.paused_total, 0);
	assert_int_equal(s.due[0], FR_DUE);
	assert_int_equal(s.due[2], -1);
	store_sla_clear(&s);
	/* Pending again changes nothing. */
	set_status(t, id, "pending", T0 + 2 * HOUR);
	s = sla_of(t, id);
	assert_int_equal(s.paused_since, T0 + HOUR);
	store_sla_clear(&s);

	set_status(t, id, "open", T0 + 6 * HOUR);
	s = sla_of(t, id);
	assert_int_equal(s.paused_since, -1);
	assert_int_equal(s.paused_total, 5 * HOUR);
	assert_int_equal(s.due[2], RES_DUE + 5 * HOUR);
	store_sla_clear(&s);
	/* Open again changes nothing either. */
	set_status(t, id, "open", T0 + 7 * HOUR);
	s = sla_of(t, id);
	assert_int_equal(s.paused_total, 5 * HOUR);
	assert_int_equal(s.due[2], RES_DUE + 5 * HOUR);
	store_sla_clear(&s);

	/* Resolved pauses too; pauses add up. */
	set_status(t, id, "resolved", T0 + 10 * HOUR);
	/* Resolved, it owes no first response either; the warning it passed
	 * unrecorded is still to be recorded (late). */
	assert_due(t, id, -1, -1, -1, FR_WARN);
	set_status(t, id, "open", T0 + 12 * HOUR);
	s = sla_of(t, id);
	assert_int_equal(s.paused_total, 7 * HOUR);
	assert_int_equal(s.due[2], RES_DUE + 7 * HOUR);
	store_sla_clear(&s);
}

/* While paused no resolution event comes; after, they come later. */
static void
test_pause_holds_events(void **state)
{
	struct sla_test *t = *state;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	set_status(t, id, "pending", T0 + HOUR);
	/* Only the first response's four. */
	assert_tick(t, T0 + 3 * DAY, 4, 3);
	assert_int_equal(events(t, id, "sla.warning", "clock=resolution"), 0);
	assert_int_equal(events(t, id, "sla.breach", "clock=resolution"), 0);
	assert_due(t, id, FR_DUE, -1, -1, -1);
	/* Open: 3 days less an hour paused. */
	set_status(t, id, "open", T0 + 3 * DAY);
	assert_due(t, id, FR_DUE, -1, RES_DUE + 3 * DAY - HOUR,
	           RES_WARN + 3 * DAY - HOUR);
	assert_tick(t, RES_WARN + 3 * DAY - HOUR - 1, 0, 0);
	assert_tick(t, RES_WARN + 3 * DAY - HOUR, 1, 1);
	assert_int_equal(events(t, id, "sla.warning", "clock=resolution"), 1);
}

/* A clock that stopped after an event was due, before any run saw it:
 * the event is recorded, late, and nobody is told. */
static void
test_late_event_tells_nobody(void **state)
{
	struct sla_test *t = *state;
	struct sla_tick_result res;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	agent_reply(t, id, T0 + HOUR);
	/* Pending after the resolution warning was due. */
	set_status(t, id, "pending", RES_WARN + HOUR);
	res = tick(t, RES_WARN + 2 * HOUR);
	assert_int_equal(res.events, 1);
	assert_int_equal(res.notices, 0);
	assert_int_equal(events(t, id, "sla.warning", "clock=resolution"), 1);
	assert_int_equal(n_notices(t), 0);
	assert_due(t, id, -1, -1, -1, -1);
	assert_tick(t, RES_WARN + 3 * HOUR, 0, 0);
}

/* A customer's reply to a pending ticket reopens it and resumes the
 * clock. */
static void
test_customer_reply_resumes(void **state)
{
	struct sla_test *t = *state;
	struct store_ticket tk;
	struct store_sla s;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	set_status(t, id, "pending", T0 + HOUR);
	assert_true(customer_reply(t, id, "ann", "ann2", T0 + 4 * HOUR));
	assert_int_equal(store_ticket_get(t->store, id, &tk), 1);
	assert_string_equal(tk.status, "open");
	store_ticket_clear(&tk);
	s = sla_of(t, id);
	assert_int_equal(s.paused_since, -1);
	assert_int_equal(s.paused_total, 3 * HOUR);
	assert_int_equal(s.due[2], RES_DUE + 3 * HOUR);
	/* Before the first response the first-response clock covers the
	 * wait: no next response yet. */
	assert_int_equal(s.waiting_since, -1);
	assert_int_equal(s.due[1], -1);
	store_sla_clear(&s);
}

/* Automatic mail in the thread (an out-of-office reply) neither owes a
 * next response nor ends a pause. */
static void
test_automatic_mail_owes_nothing(void **state)
{
	struct sla_test *t = *state;
	struct ingest_result r;
	struct store_sla s;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	agent_reply(t, id, T0 + HOUR);
	set_status(t, id, "pending", T0 + HOUR);
	r = feed(t, "support",
	         "From: ann@customer.example\nTo: support@example.com\n"
	         "Subject: Out of office: Problem of ann\n"
	         "Auto-Submitted: auto-replied\nMessage-ID: <ooo@x>\n"
	         "In-Reply-To: <ann@x>",
	         "I am away until Monday.", T0 + 2 * HOUR);
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_int_equal(r.ticket_id, id);
	assert_false(r.reopened);
	ingest_result_clear(&r);
	s = sla_of(t, id);
	assert_int_equal(s.waiting_since, -1);
	assert_int_equal(s.paused_since, T0 + HOUR);
	assert_int_equal(s.due[1], -1);
	assert_int_equal(s.due[2], -1);
	store_sla_clear(&s);
}

/* The first response stops its clock; a later customer mail starts the
 * next response, each waiting mail its own cycle. */
static void
test_replies_and_next_response(void **state)
{
	struct sla_test *t = *state;
	struct store_sla s;
	char key[96];
	long long id, w1 = T0 + 2 * HOUR, w2 = T0 + 10 * HOUR;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	agent_reply(t, id, T0 + HOUR);
	s = sla_of(t, id);
	assert_int_equal(s.first_response, T0 + HOUR);
	assert_int_equal(s.waiting_since, -1);
	store_sla_clear(&s);
	/* The first-response events are gone: resolution is next. */
	assert_due(t, id, -1, -1, RES_DUE, RES_WARN);
	assert_tick(t, FR_L2, 0, 0);
	/* A second reply is no first response. */
	agent_reply(t, id, T0 + HOUR + 30 * MIN);
	s = sla_of(t, id);
	assert_int_equal(s.first_response, T0 + HOUR);
	store_sla_clear(&s);

	/* The customer writes: a next response is owed. */
	assert_false(customer_reply(t, id, "ann", "ann2", w1));
	s = sla_of(t, id);
	assert_int_equal(s.waiting_since, w1);
	store_sla_clear(&s);
	assert_due(t, id, -1, w1 + NR_TARGET, RES_DUE, w1 + NR_LEAD);
	/* And again: the first unanswered mail counts. */
	assert_false(customer_reply(t, id, "ann", "ann3", w1 + HOUR));
	assert_due(t, id, -1, w1 + NR_TARGET, RES_DUE, w1 + NR_LEAD);

	assert_tick(t, w1 + NR_LEAD, 1, 1);
	assert_int_equal(events(t, id, "sla.warning", "clock=next_response"),
	                 1);
	snprintf(key, sizeof(key), "sla:%lld:next_response:%lld:warning", id,
	         w1);
	assert_true(fired(t, id, key));
	assert_last_notice(t, ALICE, id, "SLA warning: next response",
	                   w1 + NR_LEAD);

	/* The answer stops it... */
	agent_reply(t, id, w1 + NR_LEAD + 60);
	assert_due(t, id, -1, -1, RES_DUE, RES_WARN);
	assert_tick(t, w1 + NR_TARGET, 0, 0);
	/* ...and the next mail starts another cycle, warned anew. */
	assert_false(customer_reply(t, id, "ann", "ann4", w2));
	assert_due(t, id, -1, w2 + NR_TARGET, RES_DUE, w2 + NR_LEAD);
	assert_tick(t, w2 + NR_TARGET, 2, 1);
	snprintf(key, sizeof(key), "sla:%lld:next_response:%lld:breach", id,
	         w2);
	assert_true(fired(t, id, key));
	assert_int_equal(events(t, id, "sla.warning", "clock=next_response"),
	                 2);
	assert_int_equal(events(t, id, "sla.breach", "clock=next_response"), 1);
}

/* A configuration changed: every ticket that is not closed is computed
 * again, page by page. */
static void
test_refresh_page(void **state)
{
	struct sla_test *t = *state;
	long long a, b, c, after = 0;
	struct store_sla s;
	char err[256];
	size_t n;

	desk(t, POLICY_STANDARD);
	a = new_ticket(t, "ann", T0);
	b = new_ticket(t, "bea", T0 + 60);
	c = new_ticket(t, "cid", T0 + 120);
	set_status(t, b, "closed", T0 + HOUR);
	t->conf2 = load_conf(t, "reloaded.conf",
	                     "policies = ( { name = \"fast\"; first_response = "
	                     "\"1h\"; resolution = \"1d\"; } );\n");
	t->desk2 = sla_desk_new(t->conf2, err, sizeof(err));
	assert_non_null(t->desk2);
	assert_true(sla_desk_hash(t->desk2) != sla_desk_hash(t->desk));

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(sla_refresh_page(t->store, t->desk2, &after, &n), 0);
	assert_int_equal(store_commit(t->store), 0);
	assert_int_equal(n, 2);
	assert_int_equal(after, c);
	assert_int_equal(sla_refresh_page(t->store, t->desk2, &after, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(after, c);

	s = sla_of(t, a);
	assert_string_equal(s.policy, "fast");
	assert_int_equal(s.due[0], T0 + HOUR);
	assert_int_equal(s.due[2], T0 + DAY);
	assert_int_equal(s.next, T0 + 2880);
	store_sla_clear(&s);
	s = sla_of(t, c);
	assert_string_equal(s.policy, "fast");
	assert_int_equal(s.due[0], T0 + 120 + HOUR);
	store_sla_clear(&s);
	/* The closed ticket keeps what it had. */
	s = sla_of(t, b);
	assert_string_equal(s.policy, "standard");
	assert_int_equal(s.due[0], -1); /* closed: nothing owed */
	store_sla_clear(&s);
}

/* Nobody assigned: warnings and breaches go to the team's address. */
static void
test_unassigned_ticket_tells_team(void **state)
{
	struct sla_test *t = *state;
	struct store_ticket tk;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket_in(t, "sales", "sam", "The invoice is wrong.", T0);
	assert_int_equal(store_ticket_get(t->store, id, &tk), 1);
	assert_null(tk.assignee);
	assert_string_equal(tk.team, "queue");
	store_ticket_clear(&tk);
	assert_tick(t, FR_WARN, 1, 1);
	assert_last_notice(t, QUEUE, id, "SLA warning", FR_WARN);
	/* The lead of the team still hears of level 1. */
	assert_tick(t, FR_L1, 2, 2);
	assert_last_notice(t, CAROL, id, "SLA escalation level 1", FR_L1);
	/* Team queue has no manager: level 2 is recorded, nobody told. */
	assert_tick(t, FR_L2, 1, 0);
	assert_int_equal(events(t, id, "sla.escalation", "level=2"), 1);
}

/* Pausing in business time: Friday 17:00 to Monday 10:00 in Shanghai is
 * two business hours. */
static void
test_pause_business_time(void **state)
{
	struct sla_test *t = *state;
	struct store_sla s;
	long long id;

	desk(t, OFFICE_CALENDAR
	     "policies = ( { name = \"standard\"; resolution = \"8h\"; "
	     "calendar = \"office\"; } );\n");
	id = new_ticket(t, "ann", CST(2026, 12, 4, 16, 0));
	s = sla_of(t, id);
	assert_int_equal(s.due[2], CST(2026, 12, 7, 15, 0));
	store_sla_clear(&s);
	set_status(t, id, "pending", CST(2026, 12, 4, 17, 0));
	set_status(t, id, "open", CST(2026, 12, 7, 10, 0));
	s = sla_of(t, id);
	assert_int_equal(s.paused_total, 2 * HOUR);
	assert_int_equal(s.due[2], CST(2026, 12, 7, 17, 0));
	store_sla_clear(&s);
}

/* notify = "business_hours": a notice outside them waits for the next
 * opening — unless the ticket is urgent. */
static void
test_notice_held_for_business_hours(void **state)
{
	struct sla_test *t = *state;
	struct store_outbox *v;
	struct store_sla s;
	long long a, b, c, d, mon_evening = CST(2026, 12, 7, 20, 0),
	                      tue_evening = CST(2026, 12, 8, 19, 0),
	                      wed_evening = CST(2026, 12, 9, 20, 0);
	size_t n;

	desk(t, OFFICE_CALENDAR
	     "policies = (\n"
	     "  { name = \"urgent\"; severity = [\"urgent\"]; first_response = "
	     "\"1h\"; calendar = \"office\"; },\n"
	     "  { name = \"standard\"; first_response = \"1h\"; calendar = "
	     "\"office\"; }\n"
	     ");\n");
	/* Monday 10:00: due 11:00, warned 10:48. */
	a = new_ticket(t, "ann", CST(2026, 12, 7, 10, 0));
	s = sla_of(t, a);
	assert_string_equal(s.policy, "standard");
	assert_int_equal(s.due[0], CST(2026, 12, 7, 11, 0));
	assert_int_equal(s.next, CST(2026, 12, 7, 10, 48));
	store_sla_clear(&s);
	/* The run in the evening: held until Tuesday 09:00. */
	assert_tick(t, mon_evening, 2, 1);
	assert_last_notice(t, ALICE, a, "SLA digest: 2 events",
	                   CST(2026, 12, 8, 9, 0));
	/* "Retry now" leaves it held. */
	assert_int_equal(store_outbox_due_now(t->store, mon_evening), 0);
	assert_last_notice(t, ALICE, a, "SLA digest: 2 events",
	                   CST(2026, 12, 8, 9, 0));

	/* An urgent ticket's notice goes at once. */
	b = new_ticket_in(t, "support", "bea",
	                  "My lawyer will call you about the kettle.",
	                  CST(2026, 12, 8, 10, 0));
	s = sla_of(t, b);
	assert_string_equal(s.policy, "urgent");
	store_sla_clear(&s);
	assert_tick(t, tue_evening, 2, 1);
	assert_last_notice(t, ALICE, b, "SLA digest: 2 events", tue_evening);

	/* One digest for both: sent when the more pressing asks. */
	c = new_ticket(t, "cid", CST(2026, 12, 9, 10, 0));
	d = new_ticket_in(t, "support", "dan", "Expect my lawyer's letter.",
	                  CST(2026, 12, 9, 10, 0));
	assert_tick(t, wed_evening, 4, 1);
	n = notices(t, &v);
	assert_int_equal(n, 3);
	assert_string_equal(v[2].recipient, ALICE);
	assert_non_null(strstr(v[2].subject, "SLA digest: 4 events"));
	assert_int_equal(v[2].next_attempt, wed_evening);
	assert_true(v[2].ticket_id == c || v[2].ticket_id == d);
	store_outbox_free(v, n);
}

/*
 * A resolved or closed ticket owes no response: closing it without an
 * agent's reply (answered by phone, spam) stops every clock — no warning,
 * breach or escalation later, nothing due.
 */
static void
test_closed_ticket_stops_clocks(void **state)
{
	struct sla_test *t = *state;
	long long id;

	desk(t, POLICY_STANDARD);
	id = new_ticket(t, "ann", T0);
	set_status(t, id, "closed", T0 + HOUR);
	assert_due(t, id, -1, -1, -1, -1);
	assert_tick(t, T0 + DAY, 0, 0);
	assert_int_equal(n_notices(t), 0);
}

/* Without policies nothing has an SLA and nothing happens. */
static void
test_no_policies(void **state)
{
	struct sla_test *t = *state;
	struct sla_facts f = {"urgent", "billing", "support", "vip", 100};
	struct sla_tick_result res;
	struct store_sla s;
	long long id, at, after = 0;
	size_t n;

	desk(t, "");
	assert_false(sla_desk_active(t->desk));
	assert_null(sla_policy_for(t->desk, &f));
	id = new_ticket(t, "ann", T0);
	s = sla_of(t, id);
	assert_null(s.policy);
	assert_int_equal(s.first_response, -1);
	for (int k = 0; k < 3; k++)
		assert_int_equal(s.due[k], -1);
	assert_int_equal(s.next, -1);
	store_sla_clear(&s);
	assert_int_equal(store_sla_next_due(t->store, &at), 0);
	assert_int_equal(at, -1);

	/* The hooks do nothing. */
	agent_reply(t, id, T0 + HOUR);
	set_status(t, id, "pending", T0 + 2 * HOUR);
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    sla_ticket_customer_mail(t->store, t->desk, id, T0 + 3 * HOUR), 0);
	assert_int_equal(sla_ticket_refresh(t->store, t->desk, id), 0);
	assert_int_equal(store_commit(t->store), 0);
	s = sla_of(t, id);
	assert_null(s.policy);
	assert_int_equal(s.first_response, -1);
	assert_int_equal(s.paused_since, -1);
	assert_int_equal(s.next, -1);
	store_sla_clear(&s);

	res = tick(t, T0 + 30 * DAY);
	assert_int_equal(res.tickets, 0);
	assert_int_equal(res.events, 0);
	assert_int_equal(res.notices, 0);
	assert_false(res.more);
	assert_int_equal(sla_events(t, id), 0);
	assert_int_equal(n_notices(t), 0);
	assert_int_equal(sla_refresh_page(t->store, t->desk, &after, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(after, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, sla_setup, sla_teardown)
	    T(test_policy_choice),
	    T(test_desk_hash),
	    T(test_plan_24x7),
	    T(test_plan_ties),
	    T(test_plan_first_response),
	    T(test_plan_next_response),
	    T(test_plan_pauses),
	    T(test_plan_business_hours),
	    T(test_plan_never),
	    T(test_event_keys),
	    T(test_notify_at),
	    T(test_new_ticket_gets_deadlines),
	    T(test_tick_each_event_once),
	    T(test_raise_chooses_policy_again),
	    T(test_tick_digest_after_downtime),
	    T(test_backlog_of_many_runs_one_digest),
	    T(test_repeat_complaint_rechooses_policy),
	    T(test_digest_text),
	    T(test_digest_priority_after_raises),
	    T(test_pause_and_resume),
	    T(test_pause_holds_events),
	    T(test_late_event_tells_nobody),
	    T(test_customer_reply_resumes),
	    T(test_automatic_mail_owes_nothing),
	    T(test_replies_and_next_response),
	    T(test_refresh_page),
	    T(test_unassigned_ticket_tells_team),
	    T(test_pause_business_time),
	    T(test_notice_held_for_business_hours),
	    T(test_closed_ticket_stops_clocks),
	    T(test_no_policies),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
