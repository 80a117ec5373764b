/*
 * triage: what the desk decides about a complaint without a person —
 * its category and severity (classify), team and assignee (route),
 * priority (priority), and whether its customer complains often — stored
 * on the ticket with the reasons, inside the caller's transaction.  The
 * mail these decisions cause (notices, the urgent alert, the repeat-
 * complainer notice) is the caller's to queue, from the result.
 */
#ifndef COMPLAINTD_TRIAGE_H
#define COMPLAINTD_TRIAGE_H

#include <stdbool.h>

#include "classify.h"
#include "conf.h"
#include "store.h"

struct triage_config {
	const struct conf *conf;
	const struct classify_rules *rules; /* borrowed, shared */
	struct classify_model *model;       /* the thread's own; NULL:
	                                       rules and defaults only */
};

/* The mail that triage looks at. */
struct triage_mail {
	long long ticket_id;
	long long customer_id;
	const char *subject;
	const char *text;
	const struct classify_scan *scan; /* NULL: scanned here */
	const char *sender;               /* "" when unknown */
	const char *mailbox;
	const char *language;
	bool has_attachment;
};

struct triage_result {
	bool changed;         /* something was decided and stored */
	const char *category; /* borrowed from the configuration */
	const char *severity;
	const char *team;                  /* NULL: none */
	const struct conf_agent *assignee; /* NULL: queue */
	const char *notify_addr; /* notices: the assignee's or the queue's
	                            address; NULL: nobody */
	long long priority;
	bool urgent_alert; /* urgent now, and the team should hear of it */
	const struct conf_agent *repeat_notify; /* owner or lead to tell of a
	                                           repeat complainer, NULL */
	long long recent;      /* the customer's tickets in the window */
	bool nobody_available; /* the team's members were all away */
	char reasons[768];
};

/* A new ticket: classified, routed, prioritised.  0 or -1 (store). */
int triage_new_ticket(struct store *store, const struct triage_config *cfg,
                      const struct triage_mail *m, long long now,
                      struct triage_result *out);

/*
 * A customer's reply on a ticket: its words may raise the severity (a
 * rule saying "urgent" now) but never lower it or change the category.
 * out->notify_addr is where the reply notice goes.  0 or -1.
 */
int triage_reply(struct store *store, const struct triage_config *cfg,
                 const struct triage_mail *m, long long now,
                 struct triage_result *out);

/*
 * An agent's correction (category or severity NULL: unchanged): stored,
 * taught to the model with the ticket's first mail, priority recomputed.
 * Returns 1 done, 0 no such ticket, -1 store failure; a name the
 * configuration does not know is the caller's to refuse first.
 */
int triage_reclassify(struct store *store, const struct triage_config *cfg,
                      long long ticket_id, const char *category,
                      const char *severity, const char *actor, long long now,
                      struct triage_result *out);

/* Who hears of an urgent ticket of team: its lead and manager, each
 * once, into to; how many. */
size_t triage_alert_recipients(const struct conf *conf, const char *team,
                               const struct conf_agent *to[2]);

/* The customer's tier or tags changed: their open tickets' priorities
 * again.  0 or -1. */
int triage_customer_changed(struct store *store, const struct conf *conf,
                            long long customer_id, long long now);

#endif
