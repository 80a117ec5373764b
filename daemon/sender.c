/*
 * sender: the one thread that hands queued mail to the SMTP server, over
 * one connection reused from mail to mail.  A 4xx answer or a network
 * failure is retried with growing pauses until smtp.retry_for has passed;
 * a 5xx fails the mail at once.  Woken when mail is queued, and every few
 * seconds for mail other processes (complaintctl) queued.
 */
#include "sender.h"

#include "log.h"
#include "smtp.h"
#include "store.h"
#include "testknob.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Mail complaintctl queues is seen within this, without a signal. */
#define SENDER_POLL_MS 2000L
#define SENDER_RETRY_MIN 30L /* seconds */
#define SENDER_RETRY_MAX 3600L

/* The pause before attempt n + 1: 30 s doubling to an hour, ±10 %. */
static long
sender_backoff(long long attempts, unsigned *seed)
{
	long pause = SENDER_RETRY_MIN;

	for (long long i = 1; i < attempts && pause < SENDER_RETRY_MAX; i++)
		pause *= 2;
	if (pause > SENDER_RETRY_MAX)
		pause = SENDER_RETRY_MAX;
	return pause - pause / 10 +
	       (long)(rand_r(seed) % (unsigned)(pause / 5 + 1));
}

/* A permanent refusal of an automatic mail to a customer pauses that
 * address, as a bounce coming back by mail would. */
static void
sender_record_bounce(struct sender *s, struct store *store,
                     const struct store_outbox *o, const char *answer)
{
	long long now = time(NULL);

	if (strcmp(o->kind, "ack") != 0 && strcmp(o->kind, "survey") != 0)
		return;
	if (store_customer_set_bounced(store, o->recipient,
	                               now + s->conf->ack.bounce_pause, answer,
	                               now) != 0)
		log_warnx("sender: cannot record the bounce of %s: %s",
		          o->recipient, store_error(store));
}

static void
sender_log_sent(const struct store_outbox *o, long code, const char *answer)
{
	char to[300], why[600];

	log_info("sender: sent event=mail.sent outbox=%lld kind=%s ticket=%lld "
	         "to=%s code=%ld answer=%s",
	         o->id, o->kind, o->ticket_id,
	         log_quote(to, sizeof(to), o->recipient), code,
	         log_quote(why, sizeof(why), answer));
}

/* Records how the attempt went; the store keeps the server's answer. */
static int
sender_settle(struct sender *s, struct store *store,
              const struct store_outbox *o, enum smtp_result r, long code,
              const char *answer)
{
	long long now = time(NULL);
	char extra[64];

	if (r == SMTP_SENT) {
		sender_log_sent(o, code, answer);
		return store_outbox_sent(store, o->id, now, code);
	}
	if (r == SMTP_TEMPFAIL && now - o->created < s->conf->smtp.retry_for) {
		long pause = sender_backoff(o->attempts + 1, &s->seed);
		snprintf(extra, sizeof(extra), " attempt=%lld retry_in=%lds",
		         o->attempts + 1, pause);
		log_warnx("sender: not delivered, will retry event=mail.retry "
		          "outbox=%lld to=%s code=%ld: %s;%s",
		          o->id, o->recipient, code, answer, extra);
		return store_outbox_retry(store, o->id, now + pause, code,
		                          answer);
	}
	log_errx("sender: delivery failed for good event=mail.failed "
	         "outbox=%lld kind=%s to=%s code=%ld attempts=%lld: %s",
	         o->id, o->kind, o->recipient, code, o->attempts + 1, answer);
	if (r == SMTP_PERMFAIL)
		sender_record_bounce(s, store, o, answer);
	return store_outbox_fail(store, o->id, code, answer);
}

/* Sends every mail due now; returns when none is left or on stop. */
static void
sender_drain(struct sender *s, struct store *store, struct smtp *smtp)
{
	struct store_outbox o;
	int rc;

	while (!worker_stopping(&s->worker) &&
	       (rc = store_outbox_next_due(store, time(NULL), &o)) == 1) {
		char answer[600];
		long code;
		enum smtp_result r =
		    smtp_send(smtp, o.sender, o.recipient, o.raw, o.raw_len,
		              &code, answer, sizeof(answer));

		if (r == SMTP_SENT)
			testknob_step("a mail handed over, not yet marked "
			              "sent");
		if (sender_settle(s, store, &o, r, code, answer) != 0)
			log_errx(
			    "sender: cannot record the outcome of outbox=%lld: "
			    "%s; it may be sent again",
			    o.id, store_error(store));
		store_outbox_clear(&o);
	}
	if (rc < 0)
		log_errx("sender: cannot read the outbox: %s",
		         store_error(store));
}

/* How long to sleep: until the next retry falls due, at most a poll. */
static long
sender_sleep_ms(struct store *store)
{
	long long when, now = time(NULL);

	if (store_outbox_next_time(store, &when) != 1 || when <= now)
		return SENDER_POLL_MS;
	return (when - now) * 1000 < SENDER_POLL_MS ? (long)(when - now) * 1000
	                                            : SENDER_POLL_MS;
}

static void
sender_loop(struct sender *s, struct store *store, struct smtp *smtp)
{
	while (!worker_stopping(&s->worker)) {
		if (atomic_exchange(&s->retry_now, false) &&
		    store_outbox_due_now(store, time(NULL)) != 0)
			log_warnx("sender: %s", store_error(store));
		sender_drain(s, store, smtp);
		if (worker_wait(&s->worker, sender_sleep_ms(store)) ==
		    WORKER_WOKEN)
			log_debug("sender: woken event=sender.wakeup");
	}
}

static void
sender_run(struct worker *w)
{
	struct sender *s = w->arg;
	struct store *store = NULL;
	struct smtp *smtp;
	char *err = NULL;
	char url[300];

	log_info("sender: started event=sender.started url=%s",
	         log_quote(url, sizeof(url), s->conf->smtp.url));
	while ((store = store_open(s->conf->store.path, &err)) == NULL) {
		log_errx("sender: %s; retrying in 10s", err ? err : "no store");
		free(err);
		err = NULL;
		if (worker_wait(w, 10000) == WORKER_STOPPING)
			goto out;
	}
	if ((smtp = smtp_new(&s->conf->smtp)) == NULL) {
		log_errx("sender: cannot set up the SMTP client; not sending");
		store_close(store);
		goto out;
	}
	sender_loop(s, store, smtp);
	smtp_free(smtp);
	store_close(store);
out:
	log_info("sender: stopped event=sender.stopped");
}

int
sender_start(struct sender *s, const struct conf *conf)
{
	s->conf = conf;
	s->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)s;
	atomic_init(&s->retry_now, false);
	return worker_start(&s->worker, "sender", sender_run, s);
}

void
sender_wake(struct sender *s)
{
	worker_wake(&s->worker);
}

void
sender_retry_now(struct sender *s)
{
	atomic_store(&s->retry_now, true);
	worker_wake(&s->worker);
}

void
sender_stop(struct sender *s)
{
	worker_stop(&s->worker);
}

void
sender_join(struct sender *s)
{
	worker_join(&s->worker);
}

int
sender_join_timeout(struct sender *s, long timeout_ms)
{
	return worker_join_timeout(&s->worker, timeout_ms);
}
