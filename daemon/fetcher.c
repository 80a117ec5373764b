/*
 * fetcher: the mailbox thread's life cycle — start, poll cadence, wake-up
 * and stop.  The IMAP session it drives is added with mail ingest.
 */
#include "fetcher.h"

#include "log.h"

#include <stdio.h>

static const char *const fetcher_tls_names[] = {
    [CONF_TLS_IMPLICIT] = "implicit",
    [CONF_TLS_STARTTLS] = "starttls",
    [CONF_TLS_NONE] = "none",
};

static void
fetcher_run(struct worker *w)
{
	struct fetcher *f = w->arg;
	const struct conf_mailbox *mb = f->mailbox;

	log_info("fetcher: started event=fetcher.started mailbox=%s host=%s "
	         "port=%d tls=%s folder=%s idle=%s poll_interval=%lds",
	         mb->name, mb->host, mb->port, fetcher_tls_names[mb->tls],
	         mb->folder, mb->idle ? "yes" : "no", mb->poll_interval);
	if (mb->tls != CONF_TLS_NONE && !mb->tls_verify)
		log_warnx("fetcher: TLS certificate verification is off "
		          "mailbox=%s host=%s: anyone on the network path can "
		          "read the password",
		          mb->name, mb->host);
	else if (mb->tls == CONF_TLS_NONE)
		log_warnx("fetcher: connection is not encrypted (tls = "
		          "\"none\") mailbox=%s host=%s",
		          mb->name, mb->host);
	for (;;) {
		enum worker_wait_result r =
		    worker_wait(w, mb->poll_interval * 1000L);
		if (r == WORKER_STOPPING)
			break;
		log_debug("fetcher: poll event=fetcher.poll mailbox=%s "
		          "reason=%s",
		          mb->name, r == WORKER_WOKEN ? "wakeup" : "interval");
	}
	log_info("fetcher: stopped event=fetcher.stopped mailbox=%s", mb->name);
}

int
fetcher_start(struct fetcher *f, const struct conf *conf,
              const struct conf_mailbox *mailbox)
{
	char name[64];

	f->conf = conf;
	f->mailbox = mailbox;
	snprintf(name, sizeof(name), "fetcher/%s", mailbox->name);
	return worker_start(&f->worker, name, fetcher_run, f);
}

void
fetcher_wake(struct fetcher *f)
{
	worker_wake(&f->worker);
}

void
fetcher_stop(struct fetcher *f)
{
	worker_stop(&f->worker);
}

void
fetcher_join(struct fetcher *f)
{
	worker_join(&f->worker);
}
