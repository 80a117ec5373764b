/*
 * fetcher: one thread per configured mailbox.  It owns the mailbox's
 * server connection and wakes at its poll interval, on a "poll now"
 * request, or to stop.
 */
#ifndef COMPLAINTD_FETCHER_H
#define COMPLAINTD_FETCHER_H

#include "conf.h"
#include "worker.h"

struct fetcher {
	struct worker worker;
	const struct conf *conf;            /* borrowed until fetcher_join */
	const struct conf_mailbox *mailbox; /* points into conf */
};

/* Starts the thread; 0, or -1 with errno (logged by the caller). */
int fetcher_start(struct fetcher *f, const struct conf *conf,
                  const struct conf_mailbox *mailbox);

/* Poll now rather than at the next interval. */
void fetcher_wake(struct fetcher *f);
void fetcher_stop(struct fetcher *f);
void fetcher_join(struct fetcher *f);

#endif
