/*
 * ctl_status: "status ID STATUS" — moving a ticket through its life.  A
 * pending, resolved or closed ticket's resolution clock stands still;
 * opening it again lets the clock run on.  Every change is an event in
 * the ticket's audit trail, with who made it.
 */
#include "ctl.h"

#include "sla_ticket.h"
#include "status.h"
#include "survey.h"

#include <getopt.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

/* A move to another status, its desk and who makes it. */
struct ctl_move {
	const struct sla_desk *desk;
	const char *to, *actor;
	char from[16];
};

/* Inside the transaction: status, audit event, SLA clocks. */
static int
ctl_status_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	struct ctl_move *m = arg;
	long long now = time(NULL);
	char detail[64];

	snprintf(m->from, sizeof(m->from), "%s", t->status);
	if (!status_move_allowed(m->from, m->to)) {
		fprintf(
		    stderr,
		    "complaintctl: ticket #%lld is %s; it cannot become %s\n",
		    t->id, m->from, m->to);
		return CTL_EX_CONFLICT;
	}
	snprintf(detail, sizeof(detail), "%s -> %s", m->from, m->to);
	if (store_ticket_set_status(ctl->store, t->id, m->to, now) != 0 ||
	    store_event_add(ctl->store, t->id, now, "ticket.status", m->actor,
	                    detail, NULL) < 0 ||
	    sla_ticket_status(ctl->store, m->desk, t->id, now) != 0 ||
	    survey_status_changed(ctl->store, ctl->conf, t->id, m->to, now) !=
	        0)
		return EX_TEMPFAIL;
	return EX_OK;
}

int
ctl_cmd_status(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_move m = {0};
	const char *as;
	struct sla_desk *desk;
	struct ctl ctl;
	long long id;
	int status;

	if (ctl_as_option(argc, argv, &as) != 0)
		return EX_USAGE;
	m.to = optind + 2 == argc ? argv[optind + 1] : "";
	if (optind + 2 != argc || ctl_parse_id(argv[optind], &id) != 0 ||
	    !status_is_target(m.to)) {
		fprintf(stderr, "usage: complaintctl status ID "
		                "open|pending|resolved|closed [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_work_open_desk(opts, as, &ctl, &desk)) != 0)
		return status;
	m.desk = desk;
	m.actor = ctl_actor(as);
	status = ctl_work_tx(&ctl, id, ctl_status_do, &m);
	if (status == EX_OK) {
		ctl_wake_daemon(&ctl);
		if (opts->json)
			printf("{\"ticket\":%lld,\"from\":\"%s\",\"status\":"
			       "\"%s\"}\n",
			       id, m.from, m.to);
		else
			printf("ticket #%lld: %s -> %s\n", id, m.from, m.to);
	}
	sla_desk_free(desk);
	ctl_close(&ctl);
	return status;
}
