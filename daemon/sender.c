/*
 * sender: the SMTP thread's life cycle — start, wake-up on queued mail,
 * stop.  Delivery from the outbox is added with outbound mail.
 */
#include "sender.h"

#include "log.h"

static void
sender_run(struct worker *w)
{
	struct sender *s = w->arg;

	log_info("sender: started event=sender.started url=%s",
	         s->conf->smtp.url);
	for (;;) {
		enum worker_wait_result r = worker_wait(w, -1);
		if (r == WORKER_STOPPING)
			break;
		log_debug("sender: woken event=sender.wakeup");
	}
	log_info("sender: stopped event=sender.stopped");
}

int
sender_start(struct sender *s, const struct conf *conf)
{
	s->conf = conf;
	return worker_start(&s->worker, "sender", sender_run, s);
}

void
sender_wake(struct sender *s)
{
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
