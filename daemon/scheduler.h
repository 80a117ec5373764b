/*
 * scheduler: the thread that keeps SLA time.  It sleeps until the
 * earliest recorded deadline event (one index lookup, however many
 * tickets), records what fell due and queues the notices, and is woken
 * early when ingest or complaintctl (SIGUSR2) changes a ticket.  On start
 * after a change of policies, it computes every open ticket again.
 * Satisfaction surveys fall due the same way (survey.h): each run also
 * sends or skips those due.
 */
#ifndef COMPLAINTD_SCHEDULER_H
#define COMPLAINTD_SCHEDULER_H

#include "conf.h"
#include "outbound.h"
#include "sla.h"
#include "worker.h"

struct scheduler {
	struct worker worker;
	const struct conf *conf;           /* borrowed until scheduler_join */
	const struct sla_desk *desk;       /* borrowed */
	const struct outbound_config *out; /* borrowed */
	void (*queued)(void *arg);         /* notices queued: wake the sender */
	void *queued_arg;
};

int scheduler_start(struct scheduler *s, const struct conf *conf,
                    const struct sla_desk *desk,
                    const struct outbound_config *out,
                    void (*queued)(void *arg), void *queued_arg);
void scheduler_wake(struct scheduler *s);
void scheduler_stop(struct scheduler *s);
void scheduler_join(struct scheduler *s);
int scheduler_join_timeout(struct scheduler *s, long timeout_ms);

#endif
