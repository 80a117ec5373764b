/*
 * sender: the one thread that hands queued outgoing mail to the SMTP
 * server.  It sleeps until woken (mail queued), a retry falls due, or
 * stopped; a stop lets the mail in flight finish.
 */
#ifndef COMPLAINTD_SENDER_H
#define COMPLAINTD_SENDER_H

#include <stdatomic.h>

#include "conf.h"
#include "worker.h"

struct sender {
	struct worker worker;
	const struct conf *conf; /* borrowed until sender_join */
	unsigned seed;           /* for the jitter of retries */
	atomic_bool retry_now;   /* SIGUSR1: deferred mail is due now */
};

int sender_start(struct sender *s, const struct conf *conf);
void sender_wake(struct sender *s);
/* Makes every deferred mail due at once, then wakes the thread. */
void sender_retry_now(struct sender *s);
void sender_stop(struct sender *s);
void sender_join(struct sender *s);
/* As sender_join with a limit: -1 when a delivery still hangs. */
int sender_join_timeout(struct sender *s, long timeout_ms);

#endif
