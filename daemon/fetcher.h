/*
 * fetcher: one thread per configured mailbox.  It keeps a connection to
 * the mailbox's IMAP server, ingests new mail in batches, applies the
 * after-fetch action, and waits in IDLE (or polls) for more; it
 * reconnects with backoff when the server goes away.
 */
#ifndef COMPLAINTD_FETCHER_H
#define COMPLAINTD_FETCHER_H

#include <pthread.h>

#include "conf.h"
#include "ingest.h"
#include "outbound.h"
#include "worker.h"

struct imap;

/* What every fetcher shares, borrowed until fetcher_join. */
struct fetcher_shared {
	const struct ingest_rules *rules;
	const struct outbound_config *out;
	void (*queued)(void *arg);  /* called when a commit queued mail */
	void (*changed)(void *arg); /* ... stored mail (tickets changed) */
	void *queued_arg;           /* for both */
};

struct fetcher {
	struct worker worker;
	const struct conf *conf;            /* borrowed until fetcher_join */
	const struct conf_mailbox *mailbox; /* points into conf */
	struct fetcher_shared shared;
	pthread_mutex_t lock; /* guards imap against fetcher_stop */
	struct imap *imap;    /* the session in use, NULL between them */
};

/* Starts the thread; 0, or -1 with errno (logged by the caller). */
int fetcher_start(struct fetcher *f, const struct conf *conf,
                  const struct conf_mailbox *mailbox,
                  const struct fetcher_shared *shared);

/* Poll now rather than at the next interval. */
void fetcher_wake(struct fetcher *f);
/* Asks the thread to stop, cutting short a network wait. */
void fetcher_stop(struct fetcher *f);
void fetcher_join(struct fetcher *f);
/* As fetcher_join with a limit; -1 when the thread is still running. */
int fetcher_join_timeout(struct fetcher *f, long timeout_ms);

#endif
