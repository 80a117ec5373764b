/*
 * route: which team owns a new ticket and who in it works it.
 *
 * The team: a rule's, else the first route whose conditions hold, else
 * the mailbox's, else classify.default_team — skipping, after a rule, a
 * team whose languages leave out the ticket's (when every candidate does,
 * the first stands).  The assignee: by the team's strategy among members
 * not away; round_robin takes the member whose last turn is oldest,
 * least_open the one with the fewest open tickets, queue nobody.  When
 * every member is away the ticket waits in the team queue.
 */
#ifndef COMPLAINTD_ROUTE_H
#define COMPLAINTD_ROUTE_H

#include <stdbool.h>

#include "conf.h"
#include "store.h"

struct route_input {
	const char *category;
	const char *product; /* NULL: none */
	const char *mailbox; /* name, or "pipe" */
	const char *language;
	const char *rule_team; /* a rule named this team; NULL: none */
	const char *rule;      /* that rule's name */
};

struct route_result {
	const struct conf_team *team;      /* NULL: no team */
	const struct conf_agent *assignee; /* NULL: in the queue */
	/* Where notices go while nobody is assigned: the team's address,
	 * or a mailbox's older "team = address". */
	const char *queue_address;
	bool nobody_available; /* members, but every one away */
	char why[256];         /* "team billing (route 1); assignee bob
	                          (round_robin)" */
};

/* Decides, and records the assignee's turn.  0, or -1 (store failure). */
int route_ticket(struct store *store, const struct conf *conf,
                 const struct route_input *in, struct route_result *out);

#endif
