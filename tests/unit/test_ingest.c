/*
 * test_ingest: mail into a real store in a temp dir — new tickets with
 * what extract finds, deduplication, every threading layer, reopening,
 * linking, quarantine and reprocessing.  Time is passed in, never read.
 */
#include "ingest.h"

#include "store.h"
#include "store_harness.h"
#include "threadref.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 1796400000LL /* 2026-12-04 */
#define DAY 86400LL

struct ingest_test {
	char dir[PATH_MAX];
	struct store *store;
	struct extract_rules *rules;
	struct ingest_config cfg;
	const char *desk[1];
};

static int
ingest_test_setup(void **state)
{
	struct ingest_test *t = calloc(1, sizeof(*t));
	char err[256];

	if (t == NULL)
		return -1;
	t->store = store_harness_open("test_ingest", t->dir);
	t->rules = extract_rules_new(NULL, err, sizeof(err));
	if (t->store == NULL || t->rules == NULL)
		return -1;
	t->desk[0] = "support@example.com";
	t->cfg.ticket_tag = "ACME";
	t->cfg.desk_addresses = t->desk;
	t->cfg.n_desk_addresses = 1;
	t->cfg.reopen_window = 30 * DAY;
	t->cfg.rules = t->rules;
	mime_limits_default(&t->cfg.limits);
	if (store_secret(t->store, t->cfg.secret) != 0)
		return -1;
	*state = t;
	return 0;
}

static int
ingest_test_teardown(void **state)
{
	struct ingest_test *t = *state;

	store_close(t->store);
	extract_rules_free(t->rules);
	store_harness_remove(t->dir);
	free(t);
	return 0;
}

/* A mail from headers (one string, "\n"-separated) and a body. */
static char *
mail(const char *headers, const char *body)
{
	char *out = NULL;

	assert_true(asprintf(&out,
	                     "%s\nMIME-Version: 1.0\nContent-Type: "
	                     "text/plain; charset=utf-8\n\n%s\n",
	                     headers, body) > 0);
	return out;
}

/* Ingests raw (freed) at now in its own transaction; the result. */
static struct ingest_result
feed(struct ingest_test *t, char *raw, long long now)
{
	struct ingest_source src = {"support", -1, -1, -1, -1, 0};
	struct ingest_result r;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    ingest_message(t->store, &t->cfg, &src, raw, strlen(raw), now, &r),
	    0);
	assert_int_equal(store_commit(t->store), 0);
	free(raw);
	return r;
}

static struct store_ticket
ticket(struct ingest_test *t, long long id)
{
	struct store_ticket tk;

	assert_int_equal(store_ticket_get(t->store, id, &tk), 1);
	return tk;
}

static long long
first_ticket(struct ingest_test *t)
{
	struct ingest_result r = feed(
	    t,
	    mail("From: Ann Lee <ann@example.net>\nTo: support@example.com\n"
	         "Subject: Kettle broken, order #A12345\n"
	         "Message-ID: <first@example.net>",
	         "My kettle broke after two days. I want a refund."),
	    T0);
	long long id = r.ticket_id;

	assert_int_equal(r.outcome, INGEST_CREATED);
	ingest_result_clear(&r);
	return id;
}

static void
test_new_ticket(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	struct store_ticket tk = ticket(t, id);

	assert_string_equal(tk.subject, "Kettle broken, order #A12345");
	assert_string_equal(tk.customer_address, "ann@example.net");
	assert_string_equal(tk.customer_name, "Ann Lee");
	assert_string_equal(tk.status, "new");
	assert_string_equal(tk.mailbox, "support");
	assert_string_equal(tk.language, "en");
	assert_string_equal(tk.order_number, "A12345");
	assert_string_equal(tk.expected_resolution, "refund");
	assert_int_equal(tk.created, T0);
	assert_int_equal(tk.n_messages, 1);
	store_ticket_clear(&tk);
}

static void
test_chinese_ticket(void **state)
{
	struct ingest_test *t = *state;
	struct ingest_result r =
	    feed(t,
	         mail("From: =?UTF-8?B?546L5bCP5piO?= <wang@kehu.example>\n"
	              "Subject: =?UTF-8?B?6YCA5qy+6L+Y5rKh5pyJ5Yiw6LSm?=\n"
	              "Message-ID: <zh@kehu.example>",
	              "订单号：SO20261204001，我要求退款。"),
	         T0);
	struct store_ticket tk = ticket(t, r.ticket_id);

	assert_string_equal(tk.subject, "退款还没有到账");
	assert_string_equal(tk.customer_name, "王小明");
	assert_string_equal(tk.language, "zh");
	assert_string_equal(tk.order_number, "SO20261204001");
	assert_string_equal(tk.expected_resolution, "refund");
	store_ticket_clear(&tk);
	ingest_result_clear(&r);
}

static void
test_duplicates(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	/* The same mail through a second support address: other headers. */
	struct ingest_result r = feed(
	    t,
	    mail("Delivered-To: complaints@example.com\n"
	         "From: Ann Lee <ann@example.net>\nTo: support@example.com\n"
	         "Subject: Kettle broken, order #A12345\n"
	         "Message-ID: <first@example.net>",
	         "My kettle broke after two days. I want a refund."),
	    T0 + 5);

	assert_int_equal(r.outcome, INGEST_DUPLICATE);
	assert_int_equal(r.ticket_id, id);
	ingest_result_clear(&r);
	/* Without a Message-ID the bytes decide. */
	r = feed(t, mail("From: bob@example.org\nSubject: no id", "text"), T0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	ingest_result_clear(&r);
	r = feed(t, mail("From: bob@example.org\nSubject: no id", "text"), T0);
	assert_int_equal(r.outcome, INGEST_DUPLICATE);
	ingest_result_clear(&r);
	r = feed(t, mail("From: bob@example.org\nSubject: no id", "text 2"),
	         T0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	ingest_result_clear(&r);
}

static void
assert_threaded(struct ingest_test *t, char *raw, long long want,
                const char *by)
{
	struct ingest_result r = feed(t, raw, T0 + 60);

	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_int_equal(r.ticket_id, want);
	assert_string_equal(r.thread_by, by);
	ingest_result_clear(&r);
}

static void
test_thread_headers(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);

	assert_threaded(t,
	                mail("From: ann@example.net\nSubject: more\n"
	                     "Message-ID: <r1@example.net>\n"
	                     "In-Reply-To: <first@example.net>",
	                     "more"),
	                id, "in-reply-to");
	/* References only: the newest known id counts. */
	assert_threaded(t,
	                mail("From: ann@example.net\nSubject: again\n"
	                     "Message-ID: <r2@example.net>\n"
	                     "References: <unknown@x> <first@example.net> "
	                     "<r1@example.net> <other@x>",
	                     "again"),
	                id, "references");
}

static void
test_thread_our_msgid(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	char ours[256], hdr[512];
	struct ingest_result r;

	/* One of our own Message-IDs, which the store never saw. */
	assert_int_equal(threadref_msgid(t->cfg.secret, sizeof(t->cfg.secret),
	                                 id, "u1", "example.com", ours,
	                                 sizeof(ours)),
	                 0);
	snprintf(hdr, sizeof(hdr),
	         "From: someone@else.example\nSubject: x\nMessage-ID: <r3@x>\n"
	         "In-Reply-To: <%s>",
	         ours);
	assert_threaded(t, mail(hdr, "reply"), id, "in-reply-to");
	/* A forged token threads nowhere. */
	snprintf(hdr, sizeof(hdr),
	         "From: someone@else.example\nSubject: x\nMessage-ID: <r4@x>\n"
	         "In-Reply-To: <cd.%lld.aaaaaaaaaa.u1@example.com>",
	         id);
	r = feed(t, mail(hdr, "forged"), T0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	assert_true(r.ticket_id != id);
	ingest_result_clear(&r);
}

static void
test_thread_plus_address(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	char addr[256], hdr[512];

	assert_int_equal(threadref_address(t->cfg.secret, sizeof(t->cfg.secret),
	                                   id, "support@example.com", addr,
	                                   sizeof(addr)),
	                 0);
	snprintf(hdr, sizeof(hdr),
	         "From: ann@example.net\nTo: Support <%s>\nSubject: hello\n"
	         "Message-ID: <r5@x>",
	         addr);
	assert_threaded(t, mail(hdr, "by plus address"), id, "plus-address");
}

static void
test_thread_tag(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	char hdr[512];
	struct ingest_result r;

	snprintf(hdr, sizeof(hdr),
	         "From: ANN@example.net\nSubject: Re: [ACME #%lld] Kettle\n"
	         "Message-ID: <r6@x>",
	         id);
	assert_threaded(t, mail(hdr, "webmail without References"), id,
	                "subject-tag");
	/* A stranger quoting the tag: a new ticket linked to it. */
	snprintf(hdr, sizeof(hdr),
	         "From: mallory@evil.example\nSubject: [ACME #%lld] me too\n"
	         "Message-ID: <r7@x>",
	         id);
	r = feed(t, mail(hdr, "not my ticket"), T0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	assert_int_equal(r.linked_ticket_id, id);
	ingest_result_clear(&r);
}

static void
test_thread_cc_participant(void **state)
{
	struct ingest_test *t = *state;
	struct ingest_result r = feed(
	    t,
	    mail("From: ann@example.net\nCc: Boss <boss@example.net>, "
	         "support@example.com\nSubject: Broken\nMessage-ID: <c1@x>",
	         "text"),
	    T0);
	char hdr[256];

	snprintf(hdr, sizeof(hdr),
	         "From: boss@example.net\nSubject: [ACME #%lld] escalate\n"
	         "Message-ID: <c2@x>",
	         r.ticket_id);
	assert_threaded(t, mail(hdr, "I am the boss"), r.ticket_id,
	                "subject-tag");
	ingest_result_clear(&r);
}

static void
test_thread_subject(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	struct ingest_result r;

	assert_threaded(t,
	                mail("From: ann@example.net\nSubject: AW: Re: Kettle "
	                     "broken, order #A12345\nMessage-ID: <s1@x>",
	                     "no headers at all"),
	                id, "subject");
	/* Without a reply prefix, the same subject is a new complaint. */
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Kettle broken, order "
	              "#A12345\nMessage-ID: <s2@x>",
	              "again?"),
	         T0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	ingest_result_clear(&r);
}

static void
set_status(struct ingest_test *t, long long id, const char *status,
           long long when)
{
	assert_int_equal(store_ticket_set_status(t->store, id, status, when),
	                 0);
}

static void
test_reopen(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	struct ingest_result r;
	struct store_ticket tk;

	set_status(t, id, "resolved", T0 + 10);
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Re: x\n"
	              "Message-ID: <o1@x>\nIn-Reply-To: <first@example.net>",
	              "still broken"),
	         T0 + 100);
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_true(r.reopened);
	ingest_result_clear(&r);
	tk = ticket(t, id);
	assert_string_equal(tk.status, "open");
	assert_int_equal(tk.resolved, -1);
	store_ticket_clear(&tk);
	/* An out-of-office answer changes nothing. */
	set_status(t, id, "pending", T0 + 200);
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Automatic reply: x\n"
	              "Auto-Submitted: auto-replied\nMessage-ID: <o2@x>\n"
	              "In-Reply-To: <first@example.net>",
	              "I am away"),
	         T0 + 300);
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_false(r.reopened);
	ingest_result_clear(&r);
	tk = ticket(t, id);
	assert_string_equal(tk.status, "pending");
	store_ticket_clear(&tk);
}

static void
test_closed_long_ago_links(void **state)
{
	struct ingest_test *t = *state;
	long long id = first_ticket(t);
	struct ingest_result r;

	set_status(t, id, "closed", T0 + DAY);
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Re: x\n"
	              "Message-ID: <l1@x>\nIn-Reply-To: <first@example.net>",
	              "it broke again"),
	         T0 + 40 * DAY);
	assert_int_equal(r.outcome, INGEST_CREATED);
	assert_int_equal(r.linked_ticket_id, id);
	ingest_result_clear(&r);
	/* Within the window the reply reopens. */
	set_status(t, id, "closed", T0 + 40 * DAY);
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Re: x\n"
	              "Message-ID: <l2@x>\nIn-Reply-To: <first@example.net>",
	              "one more thing"),
	         T0 + 41 * DAY);
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_true(r.reopened);
	ingest_result_clear(&r);
}

static void
test_quarantine_and_reprocess(void **state)
{
	struct ingest_test *t = *state;
	const char *raw = "From: q@example.net\nSubject: broken\n"
	                  "Message-ID: <q1@x>\nMIME-Version: 1.0\n"
	                  "Content-Type: multipart/mixed; boundary=\"nope\"\n\n"
	                  "the boundary never comes\n";
	struct ingest_source src = {"support", -1, -1, -1, -1, 0};
	struct ingest_result r;
	struct store_quarantine *v;
	size_t n;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    ingest_message(t->store, &t->cfg, &src, raw, strlen(raw), T0, &r),
	    0);
	assert_int_equal(store_commit(t->store), 0);
	assert_true(r.quarantine_id > 0);
	assert_true(r.msg->warnings.n > 0);
	ingest_result_clear(&r);
	assert_int_equal(store_quarantine_list(t->store, NULL, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].status, "open");
	store_quarantine_free(v, n);
	/* The stored bytes still have the fault: the entry stays open. */
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    ingest_reprocess(t->store, &t->cfg, 1, NULL, 0, T0 + 1, &r), 1);
	assert_int_equal(store_commit(t->store), 0);
	ingest_result_clear(&r);
	assert_int_equal(store_quarantine_list(t->store, "open", &v, &n), 0);
	assert_int_equal(n, 1);
	store_quarantine_free(v, n);
	assert_int_equal(
	    ingest_reprocess(t->store, &t->cfg, 99, NULL, 0, T0, &r), 0);
}

static void
test_oversize(void **state)
{
	struct ingest_test *t = *state;
	const char *header = "From: big@example.net\nSubject: photos\n"
	                     "Message-ID: <big@x>\n\n";
	char *full = mail("From: big@example.net\nSubject: photos\n"
	                  "Message-ID: <big@x>",
	                  "here they are");
	struct ingest_source src = {"support", 1, 7, 42, -1, 0};
	struct ingest_result r;
	struct store_quarantine q;
	struct store_event *ev;
	size_t n_ev;
	long long qid;

	/* The cursor row the source names. */
	struct store_mailbox mb;
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(store_mailbox_open(t->store, "support", 7, 0, T0, &mb),
	                 0);
	src.mailbox_id = mb.id;
	assert_int_equal(ingest_oversize(t->store, &t->cfg, &src, header,
	                                 strlen(header), 30LL << 20, 25LL << 20,
	                                 T0, &r),
	                 0);
	assert_int_equal(store_commit(t->store), 0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	qid = r.quarantine_id;
	assert_int_equal(store_ticket_events(t->store, r.ticket_id, &ev, &n_ev),
	                 0);
	assert_string_equal(ev[n_ev - 1].kind, "note");
	assert_non_null(strstr(ev[n_ev - 1].detail, "UID 42"));
	assert_non_null(strstr(ev[n_ev - 1].detail, "30.0 MB"));
	store_events_free(ev, n_ev);
	ingest_result_clear(&r);
	/* Without the bytes, reprocessing asks the fetcher for them. */
	assert_int_equal(
	    ingest_reprocess(t->store, &t->cfg, qid, NULL, 0, T0, &r), 2);
	ingest_result_clear(&r);
	assert_int_equal(store_quarantine_get(t->store, qid, &q), 1);
	assert_string_equal(q.status, "refetch");
	store_quarantine_clear(&q);
	/* With them, the message is parsed whole and the entry resolved. */
	assert_int_equal(ingest_reprocess(t->store, &t->cfg, qid, full,
	                                  strlen(full), T0, &r),
	                 1);
	ingest_result_clear(&r);
	assert_int_equal(store_quarantine_get(t->store, qid, &q), 1);
	assert_string_equal(q.status, "resolved");
	store_quarantine_clear(&q);
	free(full);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)                                                                  \
	cmocka_unit_test_setup_teardown(fn, ingest_test_setup,                 \
	                                ingest_test_teardown)
	    T(test_new_ticket),
	    T(test_chinese_ticket),
	    T(test_duplicates),
	    T(test_thread_headers),
	    T(test_thread_our_msgid),
	    T(test_thread_plus_address),
	    T(test_thread_tag),
	    T(test_thread_cc_participant),
	    T(test_thread_subject),
	    T(test_reopen),
	    T(test_closed_long_ago_links),
	    T(test_quarantine_and_reprocess),
	    T(test_oversize),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
