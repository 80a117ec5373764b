/*
 * test_outbound: what arriving mail makes the desk send, through ingest
 * into a real store in a temp dir, with a configuration file loaded from
 * there and the shipped templates — the acknowledgement and its threading
 * headers, the team's notices, every reason for no acknowledgement,
 * bounces, and satisfaction surveys (sent, skipped, postponed, answered).
 * Time is passed in, never read.
 */
#include "outbound.h"

#include "conf.h"
#include "ingest.h"
#include "mime.h"
#include "store.h"
#include "desk_harness.h"
#include "survey.h"
#include "threadref.h"

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
#define HOUR 3600LL
#define DAY 86400LL
#define TEAM "team@example.com"

/*
 * The desk: a configuration file with two mailboxes ("support" has a
 * team, "sales" none), more keys for "templates" and extra sections,
 * loaded and checked as the daemon does, then the outbound and ingest
 * configurations over it.
 */
static void
desk_with(struct desk_harness *t, const char *templates, const char *extra)
{
	char *text = NULL;

	assert_true(
	    asprintf(&text,
	             "desk = { name = \"ACME Desk\"; addresses = "
	             "[\"support@example.com\"]; ticket_tag = \"ACME\"; "
	             "timezone = \"UTC\"; };\n"
	             "mailboxes = ( { name = \"support\"; host = "
	             "\"imap.example\"; user = \"u\"; password = \"p\"; "
	             "team = \"" TEAM "\"; },\n"
	             "  { name = \"sales\"; host = \"imap.example\"; user = "
	             "\"s\"; password = \"p\"; } );\n"
	             "smtp = { url = \"smtp://localhost\"; "
	             "from = \"ACME Desk <support@example.com>\"; };\n"
	             "templates = { dir = \"%s\"; %s };\n%s",
	             TEMPLATE_DIR, templates, extra) > 0);
	desk_harness_load(t, text);
	free(text);
}

static void
desk(struct desk_harness *t, const char *extra)
{
	desk_with(t, "", extra);
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

/* Ingests raw (freed) into mailbox, first seen at first_seen, at now. */
static struct ingest_result
feed_to(struct desk_harness *t, const char *mailbox, long long first_seen,
        char *raw, long long now)
{
	struct ingest_source src = {mailbox, -1, -1, -1, first_seen, 0};
	struct ingest_result r;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    ingest_message(t->store, &t->cfg, &src, raw, strlen(raw), now, &r),
	    0);
	assert_int_equal(store_commit(t->store), 0);
	free(raw);
	return r;
}

static struct ingest_result
feed(struct desk_harness *t, char *raw, long long now)
{
	return feed_to(t, "support", -1, raw, now);
}

/* Every outbox row of kind (NULL: any), oldest first. */
static size_t
outbox(struct desk_harness *t, const char *kind, struct store_outbox **v_r)
{
	return desk_harness_outbox(t, kind, v_r);
}

static size_t
count(struct desk_harness *t, const char *kind)
{
	return outbox(t, kind, NULL);
}

/* The queued mail due first, with its bytes, parsed; freed by caller. */
static struct mime_message *
next_mail(struct desk_harness *t, long long now, struct store_outbox *o)
{
	struct mime_limits lim;
	struct mime_message *m;

	mime_limits_default(&lim);
	assert_int_equal(store_outbox_next_due(t->store, now, o), 1);
	m = mime_parse(o->raw, o->raw_len, &lim);
	assert_non_null(m);
	assert_int_equal(m->warnings.n, 0);
	return m;
}

static bool
has_reference(const struct mime_message *m, const char *id)
{
	for (size_t i = 0; i < m->references.n; i++)
		if (strcmp(m->references.v[i], id) == 0)
			return true;
	return false;
}

/* No ack for raw, for the reason why; the ticket is made all the same. */
static void
assert_refused(struct desk_harness *t, char *raw, long long now,
               const char *why)
{
	size_t acks = count(t, "ack");
	struct ingest_result r = feed(t, raw, now);

	assert_int_equal(r.outcome, INGEST_CREATED);
	assert_false(r.out.ack_queued);
	assert_non_null(r.out.ack_refusal);
	if (strstr(r.out.ack_refusal, why) == NULL)
		fail_msg("refused for \"%s\", expected \"%s\"",
		         r.out.ack_refusal, why);
	assert_int_equal(count(t, "ack"), acks);
	ingest_result_clear(&r);
}

static void
assert_acked(struct desk_harness *t, char *raw, long long now)
{
	size_t acks = count(t, "ack");
	struct ingest_result r = feed(t, raw, now);

	assert_int_equal(r.outcome, INGEST_CREATED);
	if (!r.out.ack_queued)
		fail_msg("no ack: %s %s", r.out.ack_refusal, r.out.ack_detail);
	assert_null(r.out.ack_refusal);
	assert_int_equal(count(t, "ack"), acks + 1);
	ingest_result_clear(&r);
}

static void
test_ack_and_notice(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;
	struct store_outbox *v, o;
	struct mime_message *m;
	char want[32];

	desk(t, "");
	r = feed(t,
	         mail("From: Ann Lee <ann@example.net>\n"
	              "To: support@example.com\n"
	              "Subject: Kettle broken\nDate: Fri, 4 Dec 2026 15:59 "
	              "+0000\nMessage-ID: <k1@example.net>\n"
	              "References: <older@example.net>",
	              "My kettle broke after two days."),
	         T0);
	assert_int_equal(r.outcome, INGEST_CREATED);
	assert_true(r.out.ack_queued);
	assert_null(r.out.ack_refusal);
	assert_int_equal(r.out.notices, 1);
	snprintf(want, sizeof(want), "[ACME #%lld]", r.ticket_id);
	assert_int_equal(outbox(t, NULL, &v), 2);
	assert_string_equal(v[0].kind, "ack");
	assert_string_equal(v[0].recipient, "ann@example.net");
	assert_string_equal(v[0].sender, "support@example.com");
	assert_string_equal(v[0].status, "queued");
	assert_string_equal(v[0].language, "en");
	assert_int_equal(v[0].ticket_id, r.ticket_id);
	assert_non_null(strstr(v[0].subject, want));
	assert_non_null(strstr(v[0].subject, "Kettle broken"));
	assert_string_equal(v[1].kind, "notify_new");
	assert_string_equal(v[1].recipient, TEAM);
	assert_non_null(strstr(v[1].subject, want));
	store_outbox_free(v, 2);

	/* The ack as the customer reads it. */
	m = next_mail(t, T0, &o);
	assert_int_equal(o.id, 1);
	assert_non_null(strstr(m->subject, want));
	assert_string_equal(m->from.addr, "support@example.com");
	assert_int_equal(m->to.n, 1);
	assert_string_equal(m->to.v[0].addr, "ann@example.net");
	assert_string_equal(m->in_reply_to, "k1@example.net");
	assert_true(has_reference(m, "k1@example.net"));
	assert_true(has_reference(m, "older@example.net"));
	assert_string_equal(mime_header_get(m, "Auto-Submitted"),
	                    "auto-replied");
	assert_non_null(m->message_id);
	assert_string_equal(m->message_id, o.message_id);
	assert_int_equal(threadref_from_msgid(t->cfg.secret,
	                                      sizeof(t->cfg.secret),
	                                      m->message_id),
	                 r.ticket_id);
	assert_non_null(strstr(m->text, "Ann Lee"));
	assert_non_null(strstr(m->text, want));
	mime_message_free(m);
	store_outbox_clear(&o);
	ingest_result_clear(&r);
}

/* The notice is auto-generated, to the team, threaded like the ack. */
static void
test_notice_headers(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;
	struct store_outbox o;
	struct mime_message *m;

	desk(t, "ack = { enabled = false; };\n");
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Kettle broken\n"
	              "Message-ID: <k1@example.net>",
	              "My kettle broke."),
	         T0);
	assert_int_equal(r.out.notices, 1);
	m = next_mail(t, T0, &o);
	assert_string_equal(o.kind, "notify_new");
	assert_string_equal(m->to.v[0].addr, TEAM);
	assert_string_equal(mime_header_get(m, "Auto-Submitted"),
	                    "auto-generated");
	assert_string_equal(m->in_reply_to, "k1@example.net");
	assert_int_equal(threadref_from_msgid(t->cfg.secret,
	                                      sizeof(t->cfg.secret),
	                                      m->message_id),
	                 r.ticket_id);
	assert_non_null(strstr(m->text, "ann@example.net"));
	mime_message_free(m);
	store_outbox_clear(&o);
	ingest_result_clear(&r);
}

static void
test_chinese_ack(void **state)
{
	struct desk_harness *t = *state;
	struct store_outbox *v;

	desk(t, "");
	assert_acked(t,
	             mail("From: =?UTF-8?B?546L5bCP5piO?= <wang@kehu.example>\n"
	                  "Subject: =?UTF-8?B?6YCA5qy+6L+Y5rKh5pyJ5Yiw6LSm?=\n"
	                  "Message-ID: <zh@kehu.example>",
	                  "您好，我上周已经退货，但是退款还没有到账。"),
	             T0);
	assert_int_equal(outbox(t, "ack", &v), 1);
	assert_string_equal(v[0].language, "zh");
	assert_string_equal(v[0].recipient, "wang@kehu.example");
	assert_non_null(strstr(v[0].subject, "[ACME #1]"));
	assert_non_null(strstr(v[0].subject, "我们已收到您的来信"));
	assert_non_null(strstr(v[0].subject, "退款还没有到账"));
	store_outbox_free(v, 1);
}

static void
test_fixed_language(void **state)
{
	struct desk_harness *t = *state;
	struct store_outbox *v;

	desk_with(t, "language = \"en\";", "");
	assert_acked(t,
	             mail("From: wang@kehu.example\n"
	                  "Subject: =?UTF-8?B?6YCA5qy+6L+Y5rKh5pyJ5Yiw6LSm?=\n"
	                  "Message-ID: <zh@kehu.example>",
	                  "您好，我上周已经退货，但是退款还没有到账。"),
	             T0);
	assert_int_equal(outbox(t, "ack", &v), 1);
	assert_string_equal(v[0].language, "en");
	assert_non_null(strstr(v[0].subject, "We have received"));
	store_outbox_free(v, 1);
}

static void
test_reply_gets_notice_only(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r, first;
	struct store_outbox *v;

	desk(t, "");
	first = feed(t,
	             mail("From: ann@example.net\nSubject: Kettle broken\n"
	                  "Message-ID: <k1@example.net>",
	                  "It broke."),
	             T0);
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Re: Kettle broken\n"
	              "Message-ID: <k2@example.net>\n"
	              "In-Reply-To: <k1@example.net>",
	              "Any news?\n\nOn Friday you wrote:\n> It broke."),
	         T0 + 600);
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_int_equal(r.ticket_id, first.ticket_id);
	assert_false(r.out.ack_queued);
	assert_null(r.out.ack_refusal);
	assert_int_equal(r.out.notices, 1);
	assert_int_equal(count(t, "ack"), 1);
	assert_int_equal(outbox(t, "notify_reply", &v), 1);
	assert_string_equal(v[0].recipient, TEAM);
	assert_int_equal(v[0].ticket_id, first.ticket_id);
	store_outbox_free(v, 1);
	ingest_result_clear(&r);
	ingest_result_clear(&first);
}

/* A mailbox without a team: the ack alone. */
static void
test_no_team_no_notice(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;

	desk(t, "");
	r = feed_to(t, "sales", -1,
	            mail("From: ann@example.net\nSubject: Invoice wrong\n"
	                 "Message-ID: <s1@example.net>",
	                 "The invoice is wrong."),
	            T0);
	assert_true(r.out.ack_queued);
	assert_int_equal(r.out.notices, 0);
	assert_int_equal(count(t, NULL), 1);
	ingest_result_clear(&r);
}

static void
test_no_ack_to_automatic_mail(void **state)
{
	struct desk_harness *t = *state;

	desk(t, "");
	assert_refused(t,
	               mail("From: ooo@example.net\nSubject: Out of office\n"
	                    "Auto-Submitted: auto-replied\nMessage-ID: <a1@x>",
	                    "I am away."),
	               T0, "automatic mail");
	assert_refused(t,
	               mail("From: news@lists.example\nSubject: Newsletter\n"
	                    "List-Id: <news.lists.example>\nMessage-ID: <a2@x>",
	                    "News."),
	               T0, "automatic mail");
	assert_refused(t,
	               mail("From: shop@shop.example\nSubject: Offers\n"
	                    "Precedence: bulk\nMessage-ID: <a3@x>",
	                    "Buy."),
	               T0, "automatic mail");
	assert_refused(t,
	               mail("From: MAILER-DAEMON@mx.example\n"
	                    "Subject: Undelivered Mail Returned to Sender\n"
	                    "Message-ID: <a4@x>",
	                    "The mail could not be delivered."),
	               T0, "automatic mail");
	/* Nor is the team told of automatic mail. */
	assert_int_equal(count(t, NULL), 0);
}

static void
test_no_ack_to_the_desk_or_nobody(void **state)
{
	struct desk_harness *t = *state;

	desk(t, "");
	assert_refused(t,
	               mail("From: Support <support@example.com>\n"
	                    "Subject: Loop?\nMessage-ID: <d1@x>",
	                    "ours"),
	               T0, "the desk's own address");
	assert_refused(t,
	               mail("From: SUPPORT+x@Example.COM\nSubject: Loop again\n"
	                    "Message-ID: <d2@x>",
	                    "ours, plus-addressed"),
	               T0, "the desk's own address");
	assert_refused(
	    t, mail("Subject: Who am I\nMessage-ID: <d3@x>", "no From at all"),
	    T0, "no sender address");
	/* Someone else at the desk's domain is a customer. */
	assert_acked(t,
	             mail("From: supporter@example.com\nSubject: Hello\n"
	                  "Message-ID: <d4@x>",
	                  "a colleague"),
	             T0);
}

/* A mailbox full of old mail: only mail since the desk first saw it. */
static void
test_backlog_first_seen(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;

	desk(t, "");
	r = feed_to(t, "support", T0,
	            mail("From: old@example.net\nSubject: Old complaint\n"
	                 "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	                 "Message-ID: <b1@x>",
	                 "from long ago"),
	            T0 + 60);
	assert_false(r.out.ack_queued);
	assert_non_null(
	    strstr(r.out.ack_refusal, "before the desk watched the mailbox"));
	ingest_result_clear(&r);
	r = feed_to(t, "support", T0,
	            mail("From: new@example.net\nSubject: New complaint\n"
	                 "Date: Fri, 4 Dec 2026 16:00:30 +0000\n"
	                 "Message-ID: <b2@x>",
	                 "just now"),
	            T0 + 60);
	assert_true(r.out.ack_queued);
	ingest_result_clear(&r);
	assert_int_equal(count(t, "ack"), 1);
}

/*
 * With the server's UIDNEXT at the first look, the UID decides, not the
 * sender's clock: a new mail from a client whose clock is a day behind is
 * answered; a mail that was waiting in the mailbox is not, whatever its
 * Date says.
 */
static void
test_backlog_first_uid(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_source src = {"support", -1, 1, 99, T0, 100};
	char *raw = mail("From: slow@example.net\nSubject: Clock behind\n"
	                 "Date: Thu, 3 Dec 2026 16:00:00 +0000\n"
	                 "Message-ID: <u1@x>",
	                 "my clock is wrong");
	struct ingest_result r;

	desk(t, "");
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(ingest_message(t->store, &t->cfg, &src, raw,
	                                strlen(raw), T0 + 60, &r),
	                 0);
	assert_int_equal(store_commit(t->store), 0);
	free(raw);
	assert_false(r.out.ack_queued);
	assert_non_null(
	    strstr(r.out.ack_refusal, "before the desk watched the mailbox"));
	ingest_result_clear(&r);
	src.uid = 100;
	raw = mail("From: slow@example.net\nSubject: Clock still behind\n"
	           "Date: Thu, 3 Dec 2026 16:00:00 +0000\n"
	           "Message-ID: <u2@x>",
	           "a new mail, old date");
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(ingest_message(t->store, &t->cfg, &src, raw,
	                                strlen(raw), T0 + 60, &r),
	                 0);
	assert_int_equal(store_commit(t->store), 0);
	free(raw);
	assert_true(r.out.ack_queued);
	ingest_result_clear(&r);
	assert_int_equal(count(t, "ack"), 1);
}

/* ack.since: the configured date, also for mail that came by pipe. */
static void
test_backlog_since(void **state)
{
	struct desk_harness *t = *state;

	desk(t, "ack = { since = \"2026-12-01\"; };\n");
	assert_refused(t,
	               mail("From: old@example.net\nSubject: Old complaint\n"
	                    "Date: Mon, 30 Nov 2026 23:59:00 +0000\n"
	                    "Message-ID: <b1@x>",
	                    "before"),
	               T0, "before the desk watched the mailbox");
	assert_acked(t,
	             mail("From: new@example.net\nSubject: New complaint\n"
	                  "Date: Tue, 1 Dec 2026 00:00:01 +0000\n"
	                  "Message-ID: <b2@x>",
	                  "after"),
	             T0);
}

static void
test_bounced_address(void **state)
{
	struct desk_harness *t = *state;

	desk(t, "");
	assert_int_equal(
	    store_customer_set_bounced(t->store, "gone@example.net", T0 + DAY,
	                               "5.1.1 unknown", T0 - DAY),
	    0);
	assert_refused(t,
	               mail("From: gone@example.net\nSubject: First\n"
	                    "Message-ID: <g1@x>",
	                    "hello"),
	               T0, "the address bounced recently");
	/* The pause ends. */
	assert_acked(t,
	             mail("From: gone@example.net\nSubject: Second\n"
	                  "Message-ID: <g2@x>",
	                  "hello again"),
	             T0 + 2 * DAY);
}

static void
test_hourly_limit(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;

	desk(t, "ack = { max_per_hour = 2; };\n");
	assert_acked(t,
	             mail("From: eager@example.net\nSubject: One\n"
	                  "Message-ID: <e1@x>",
	                  "1"),
	             T0);
	assert_acked(t,
	             mail("From: eager@example.net\nSubject: Two\n"
	                  "Message-ID: <e2@x>",
	                  "2"),
	             T0 + 60);
	r = feed(t,
	         mail("From: Eager@Example.NET\nSubject: Three\n"
	              "Message-ID: <e3@x>",
	              "3"),
	         T0 + 120);
	assert_false(r.out.ack_queued);
	assert_string_equal(r.out.ack_refusal,
	                    "too many automatic mails this hour");
	assert_string_equal(r.out.ack_detail, "2 in the last hour");
	/* The team still hears of the ticket. */
	assert_int_equal(r.out.notices, 1);
	ingest_result_clear(&r);
	/* An hour after the first, one more is allowed. */
	assert_acked(t,
	             mail("From: eager@example.net\nSubject: Four\n"
	                  "Message-ID: <e4@x>",
	                  "4"),
	             T0 + HOUR + 1);
	/* Other customers are not affected. */
	assert_acked(t,
	             mail("From: calm@example.net\nSubject: Five\n"
	                  "Message-ID: <e5@x>",
	                  "5"),
	             T0 + 130);
}

static void
test_acks_disabled(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;

	desk(t, "ack = { enabled = false; };\n");
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Kettle broken\n"
	              "Message-ID: <k1@example.net>",
	              "It broke."),
	         T0);
	assert_false(r.out.ack_queued);
	assert_string_equal(r.out.ack_refusal, "acknowledgements are off");
	assert_int_equal(r.out.notices, 1);
	assert_int_equal(count(t, "ack"), 0);
	ingest_result_clear(&r);
}

/* A Postfix-style bounce of a mail to rcpt, with status. */
static char *
dsn(const char *id, const char *rcpt, const char *action, const char *status)
{
	char *out = NULL;

	assert_true(
	    asprintf(&out,
	             "From: MAILER-DAEMON@mx.example.net (Mail Delivery "
	             "System)\nTo: support@example.com\n"
	             "Subject: Undelivered Mail Returned to Sender\n"
	             "Message-ID: <%s@mx.example.net>\nMIME-Version: 1.0\n"
	             "Content-Type: multipart/report; "
	             "report-type=delivery-status; boundary=\"B\"\n\n"
	             "--B\nContent-Type: text/plain\n\nNot delivered.\n"
	             "--B\nContent-Type: message/delivery-status\n\n"
	             "Reporting-MTA: dns; mx.example.net\n\n"
	             "Final-Recipient: rfc822; %s\nAction: %s\nStatus: %s\n"
	             "Diagnostic-Code: smtp; %s mailbox trouble\n"
	             "--B\nContent-Type: text/rfc822-headers\n\n"
	             "From: support@example.com\nTo: %s\nSubject: x\n"
	             "Message-ID: <orig.%s@example.com>\n--B--\n",
	             id, rcpt, action, status, status, rcpt, id) > 0);
	return out;
}

static void
test_dsn_records_hard_bounces(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;

	desk(t, "");
	r = feed(t, dsn("b1", "gone@example.net", "failed", "5.1.1"), T0);
	assert_false(r.out.ack_queued);
	assert_int_equal(r.msg->n_dsn, 1);
	ingest_result_clear(&r);
	assert_int_equal(
	    store_customer_bounced(t->store, "gone@example.net", T0 + 60), 1);
	/* The pause is ack.bounce_pause, 30 days by default. */
	assert_int_equal(
	    store_customer_bounced(t->store, "gone@example.net", T0 + 31 * DAY),
	    0);
	/* A temporary failure, or a delay, pauses nothing. */
	r = feed(t, dsn("b2", "full@example.net", "failed", "4.2.2"), T0);
	ingest_result_clear(&r);
	r = feed(t, dsn("b3", "slow@example.net", "delayed", "4.4.1"), T0);
	ingest_result_clear(&r);
	assert_int_equal(
	    store_customer_bounced(t->store, "full@example.net", T0 + 60), 0);
	assert_int_equal(
	    store_customer_bounced(t->store, "slow@example.net", T0 + 60), 0);
	assert_int_equal(count(t, "ack"), 0);
	/* The bounced customer writes: no ack. */
	assert_refused(t,
	               mail("From: gone@example.net\nSubject: Hello?\n"
	                    "Message-ID: <g1@x>",
	                    "still there"),
	               T0 + 120, "the address bounced recently");
	assert_acked(t,
	             mail("From: full@example.net\nSubject: Hello?\n"
	                  "Message-ID: <f1@x>",
	                  "still there"),
	             T0 + 120);
}

/* The ticket's thread reads in order: the mail, then what answered it. */
static void
test_ack_in_thread_after_mail(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;
	struct store_message *m;
	struct store_outbox *v;
	size_t n;

	desk(t, "");
	r = feed(t,
	         mail("From: ann@example.net\nSubject: Kettle broken\n"
	              "Message-ID: <k1@example.net>",
	              "It broke."),
	         T0);
	assert_int_equal(outbox(t, "ack", &v), 1);
	assert_int_equal(store_ticket_messages(t->store, r.ticket_id, &m, &n),
	                 0);
	assert_int_equal(n, 3);
	assert_string_equal(m[0].direction, "in");
	assert_string_equal(m[0].message_id, "k1@example.net");
	assert_string_equal(m[1].direction, "out");
	assert_string_equal(m[1].kind, "ack");
	assert_string_equal(m[1].message_id, v[0].message_id);
	assert_string_equal(m[1].subject, v[0].subject);
	assert_string_equal(m[1].to_addrs, "ann@example.net");
	assert_true(m[1].id > m[0].id);
	assert_string_equal(m[2].direction, "out");
	assert_string_equal(m[2].kind, "notify_new");
	store_messages_free(m, n);
	store_outbox_free(v, 1);
	ingest_result_clear(&r);
}

/* --- satisfaction surveys --------------------------------------------- */

/* Closes ticket at now as complaintctl does: status, then the survey. */
static void
close_ticket(struct desk_harness *t, long long ticket, long long now)
{
	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    store_ticket_set_status(t->store, ticket, "closed", now), 0);
	assert_int_equal(
	    survey_status_changed(t->store, t->conf, ticket, "closed", now), 0);
	assert_int_equal(store_commit(t->store), 0);
}

static struct survey_run_result
run_surveys(struct desk_harness *t, long long now)
{
	struct survey_run_result res;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(survey_run(t->store, t->conf, t->ocfg, now, 32, &res),
	                 0);
	assert_int_equal(store_commit(t->store), 0);
	return res;
}

/* A new ticket from address at now; its id. */
static long long
complaint(struct desk_harness *t, const char *address, const char *subject,
          long long now)
{
	char headers[256];
	struct ingest_result r;
	long long id;

	snprintf(headers, sizeof(headers),
	         "From: %s\nSubject: %s\nMessage-ID: <%s.%lld@x>", address,
	         subject, subject, now);
	r = feed(t, mail(headers, "It broke."), now);
	assert_int_equal(r.outcome, INGEST_CREATED);
	id = r.ticket_id;
	ingest_result_clear(&r);
	return id;
}

static void
assert_survey(struct desk_harness *t, long long ticket, const char *status,
              const char *reason)
{
	struct store_survey s;

	assert_int_equal(store_survey_get(t->store, ticket, &s), 1);
	assert_string_equal(s.status, status);
	if (reason != NULL &&
	    (s.skip_reason == NULL || strstr(s.skip_reason, reason) == NULL))
		fail_msg("skipped for \"%s\", expected \"%s\"",
		         s.skip_reason ? s.skip_reason : "(nothing)", reason);
	store_survey_clear(&s);
}

static void
test_survey_sent_and_answered(void **state)
{
	struct desk_harness *t = *state;
	struct store_outbox o;
	struct store_survey s;
	struct mime_message *m;
	struct ingest_result r;
	char headers[512], *link;
	long long id;

	desk(t, "survey = { delay = \"1h\"; };\n");
	id = complaint(t, "ann@example.net", "Kettle", T0);
	close_ticket(t, id, T0 + 60);
	assert_survey(t, id, "scheduled", NULL);
	/* Not before close + delay. */
	assert_int_equal(run_surveys(t, T0 + 60 + HOUR - 1).sent, 0);
	assert_int_equal(run_surveys(t, T0 + 60 + HOUR).sent, 1);
	assert_survey(t, id, "sent", NULL);
	assert_int_equal(run_surveys(t, T0 + 2 * HOUR).sent, 0);
	/* The mail: the survey's reference in the subject, one-click links
	 * to the desk, automatic. */
	while (store_outbox_next_due(t->store, T0 + 2 * HOUR, &o) == 1) {
		bool survey = strcmp(o.kind, "survey") == 0;
		if (!survey)
			assert_int_equal(
			    store_outbox_sent(t->store, o.id, T0, 250), 0);
		store_outbox_clear(&o);
		if (survey)
			break;
	}
	m = next_mail(t, T0 + 2 * HOUR, &o);
	assert_string_equal(o.kind, "survey");
	assert_string_equal(o.recipient, "ann@example.net");
	assert_int_equal(threadref_survey_find(
	                     t->cfg.secret, sizeof(t->cfg.secret), m->subject),
	                 id);
	assert_string_equal(mime_header_get(m, "Auto-Submitted"),
	                    "auto-generated");
	link = strstr(m->text, "mailto:support@example.com?subject=Re%3A%20%5B"
	                       "ACME%20%23");
	assert_non_null(link);
	assert_non_null(strstr(link, "&body=Rating%3A%20"));
	/* One click on "4": the subject carries the reference. */
	snprintf(headers, sizeof(headers),
	         "From: ann@example.net\nSubject: Re: [ACME #%lld] Rating: 4 "
	         "(%s)\nMessage-ID: <click@x>",
	         id, strrchr(m->subject, ' ') + 1);
	r = feed(t, mail(headers, "Rating: 4\r\n"), T0 + 3 * HOUR);
	assert_int_equal(r.outcome, INGEST_SURVEY);
	assert_int_equal(r.ticket_id, id);
	assert_false(r.out.ack_queued);
	ingest_result_clear(&r);
	/* A second answer, by replying: the rating stays, the comment
	 * comes. */
	snprintf(headers, sizeof(headers),
	         "From: ann@example.net\nSubject: Re: survey\nIn-Reply-To: "
	         "<%s>\nMessage-ID: <reply@x>",
	         m->message_id);
	r = feed(t, mail(headers, "Quick and friendly, thank you."),
	         T0 + 4 * HOUR);
	assert_int_equal(r.outcome, INGEST_SURVEY);
	ingest_result_clear(&r);
	assert_int_equal(store_survey_get(t->store, id, &s), 1);
	assert_int_equal(s.rating, 4);
	assert_int_equal(s.answers, 2);
	assert_string_equal(s.comment, "Quick and friendly, thank you.");
	store_survey_clear(&s);
	/* Nothing went back, and the ticket stayed closed. */
	assert_int_equal(count(t, "survey"), 1);
	assert_int_equal(count(t, "ack"), 1);
	mime_message_free(m);
	store_outbox_clear(&o);
}

static void
test_survey_skipped(void **state)
{
	struct desk_harness *t = *state;
	struct survey_run_result res;
	struct store_customer_change off = {.attention_until = -1,
	                                    .surveys_off = 1};
	struct store_customer c;
	long long a, b, d, e, f;

	desk(t, "survey = { delay = \"10m\"; throttle = \"7d\"; };\n");
	a = complaint(t, "bea@example.net", "One", T0);
	b = complaint(t, "bea@example.net", "Two", T0);
	d = complaint(t, "cal@example.net", "Three", T0);
	e = complaint(t, "dot@example.net", "Four", T0);
	f = complaint(t, "eli@example.net", "Five", T0);
	for (long long id = a; id <= f; id++)
		close_ticket(t, id, T0 + 60);
	/* Reopened before the survey went. */
	assert_int_equal(store_ticket_set_status(t->store, d, "open", T0), 0);
	/* Asked for no more surveys. */
	assert_int_equal(store_customer_find(t->store, "dot@example.net", &c),
	                 1);
	assert_int_equal(store_customer_update(t->store, c.id, &off), 0);
	store_customer_clear(&c);
	/* Merged into another. */
	assert_int_equal(store_ticket_merge(t->store, f, a, T0 + 90), 0);
	res = run_surveys(t, T0 + HOUR);
	assert_int_equal(res.sent, 1);
	assert_int_equal(res.skipped, 4);
	assert_survey(t, a, "sent", NULL);
	assert_survey(t, b, "skipped", "had a survey lately");
	assert_survey(t, d, "skipped", "reopened");
	assert_survey(t, e, "skipped", "asked for no surveys");
	assert_survey(t, f, "skipped", "merged");
	/* Closed again after the reopen: due again, and sent. */
	close_ticket(t, d, T0 + 2 * HOUR);
	assert_int_equal(run_surveys(t, T0 + 3 * HOUR).sent, 1);
	assert_survey(t, d, "sent", NULL);
	/* One survey per ticket: closing it a third time sends none. */
	close_ticket(t, d, T0 + 4 * HOUR);
	assert_survey(t, d, "sent", NULL);
	/* After the throttle, Bea's next ticket gets one. */
	b = complaint(t, "bea@example.net", "Six", T0 + 8 * DAY);
	close_ticket(t, b, T0 + 8 * DAY);
	assert_int_equal(run_surveys(t, T0 + 9 * DAY).sent, 1);
}

static void
test_survey_waits_for_the_hourly_limit(void **state)
{
	struct desk_harness *t = *state;
	struct survey_run_result res;
	long long id, due;

	desk(t,
	     "ack = { max_per_hour = 1; };\nsurvey = { delay = \"0s\"; };\n");
	id = complaint(t, "fin@example.net", "One", T0);
	close_ticket(t, id, T0 + 60);
	/* The ack used this hour's one automatic mail. */
	res = run_surveys(t, T0 + 120);
	assert_int_equal(res.sent + res.skipped, 0);
	assert_int_equal(res.postponed, 1);
	assert_survey(t, id, "scheduled", NULL);
	assert_int_equal(store_survey_next(t->store, &due), 0);
	assert_int_equal(due, T0 + 120 + HOUR);
	assert_int_equal(run_surveys(t, T0 + 120 + HOUR).sent, 1);
}

static void
test_survey_answer_too_late_is_mail(void **state)
{
	struct desk_harness *t = *state;
	struct ingest_result r;
	struct store_survey s;
	char headers[256];
	long long id;

	desk(t, "survey = { delay = \"0s\"; answer_for = \"1d\"; };\n");
	id = complaint(t, "gil@example.net", "One", T0);
	close_ticket(t, id, T0);
	assert_int_equal(run_surveys(t, T0).sent, 1);
	assert_int_equal(store_survey_get(t->store, id, &s), 1);
	snprintf(headers, sizeof(headers),
	         "From: gil@example.net\nSubject: Re: survey\nIn-Reply-To: "
	         "<%s>\nMessage-ID: <late@x>",
	         s.message_id);
	store_survey_clear(&s);
	r = feed(t, mail(headers, "5"), T0 + 2 * DAY);
	/* An ordinary reply: it joins the ticket (and reopens it). */
	assert_int_equal(r.outcome, INGEST_APPENDED);
	assert_int_equal(r.ticket_id, id);
	ingest_result_clear(&r);
	assert_int_equal(store_survey_get(t->store, id, &s), 1);
	assert_int_equal(s.answers, 0);
	store_survey_clear(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)                                                                  \
	cmocka_unit_test_setup_teardown(fn, desk_harness_setup,                \
	                                desk_harness_teardown)
	    T(test_ack_and_notice),
	    T(test_notice_headers),
	    T(test_chinese_ack),
	    T(test_fixed_language),
	    T(test_reply_gets_notice_only),
	    T(test_no_team_no_notice),
	    T(test_no_ack_to_automatic_mail),
	    T(test_no_ack_to_the_desk_or_nobody),
	    T(test_backlog_first_seen),
	    T(test_backlog_first_uid),
	    T(test_backlog_since),
	    T(test_bounced_address),
	    T(test_hourly_limit),
	    T(test_acks_disabled),
	    T(test_dsn_records_hard_bounces),
	    T(test_ack_in_thread_after_mail),
	    T(test_survey_sent_and_answered),
	    T(test_survey_skipped),
	    T(test_survey_waits_for_the_hourly_limit),
	    T(test_survey_answer_too_late_is_mail),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
