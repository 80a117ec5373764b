/*
 * sender: the one thread that hands queued outgoing mail to the SMTP
 * server.  It sleeps until woken (mail queued) or stopped.
 */
#ifndef COMPLAINTD_SENDER_H
#define COMPLAINTD_SENDER_H

#include "conf.h"
#include "worker.h"

struct sender {
	struct worker worker;
	const struct conf *conf; /* borrowed until sender_join */
};

int sender_start(struct sender *s, const struct conf *conf);
void sender_wake(struct sender *s);
void sender_stop(struct sender *s);
void sender_join(struct sender *s);

#endif
