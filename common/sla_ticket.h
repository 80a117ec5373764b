/*
 * sla_ticket: the SLA of stored tickets (sla_ticket.c) and the
 * scheduler's work (sla_tick.c).  Every function runs inside the
 * caller's transaction, so a ticket's change and its new deadlines, or an
 * event and the notice it sends, commit together.  With no policy
 * configured they do nothing.
 */
#ifndef COMPLAINTD_SLA_TICKET_H
#define COMPLAINTD_SLA_TICKET_H

#include "outbound.h"
#include "sla.h"
#include "store.h"

/* Chooses the ticket's policy again from its facts (severity, category,
 * mailbox, tier, priority), and stores its deadlines and next event.
 * 0 (also for no such ticket), -1 on a store failure. */
int sla_ticket_refresh(struct store *store, const struct sla_desk *desk,
                       long long id);
/* A customer's mail (not automatic) joined the ticket at at: a pause
 * ends when the ticket is open again; after the first response, a next
 * response is owed. */
int sla_ticket_customer_mail(struct store *store, const struct sla_desk *desk,
                             long long id, long long at);
/* An agent replied to the customer at at: the first response, or the
 * next one. */
int sla_ticket_agent_reply(struct store *store, const struct sla_desk *desk,
                           long long id, long long at);
/* The ticket's status was just changed (at at): pending, resolved and
 * closed pause the resolution clock, open resumes it. */
int sla_ticket_status(struct store *store, const struct sla_desk *desk,
                      long long id, long long at);

/* The clocks of t as sla.h reads them. */
void sla_ticket_clocks(const struct store_ticket *t, const struct store_sla *s,
                       struct sla_clocks *c);
/* t's policy as its facts choose it; NULL without policies. */
const struct conf_policy *sla_ticket_policy(const struct sla_desk *desk,
                                            const struct store_ticket *t);

/* What one scheduler run did. */
struct sla_tick_result {
	size_t tickets; /* looked at */
	size_t events;  /* recorded */
	size_t notices; /* mails queued */
	bool more;      /* more tickets are due: run again at once */
};

/*
 * Records every SLA event due at now of up to SLA_TICK_BATCH due tickets
 * (each once: its key), logs it, raises priorities as levels say, stages
 * its notices, and stores each ticket's next event.  When no more is due
 * (res->more false), writes what is staged as mail: one notice per
 * recipient, a digest when several events concern them — however many
 * runs the backlog took.  0 or -1.  250 tickets keep a run well under
 * 20 ms of write lock (tests/bench/bench_sla.c).
 */
#define SLA_TICK_BATCH 250
int sla_tick(struct store *store, const struct sla_desk *desk,
             const struct outbound_config *ocfg, long long now,
             struct sla_tick_result *res);

/*
 * A configuration changed: the next page of up to SLA_TICK_BATCH tickets
 * that are not closed, with ids above *after, chosen and computed again;
 * *after advances, *n_r says how many (0: all done).  One transaction a
 * page keeps ingest waiting briefly at most.  0 or -1.
 */
int sla_refresh_page(struct store *store, const struct sla_desk *desk,
                     long long *after, size_t *n_r);

#endif
