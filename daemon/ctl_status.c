/*
 * ctl_status: "status ID STATUS" — moving a ticket through its life.  A
 * pending, resolved or closed ticket's resolution clock stands still;
 * opening it again lets the clock run on.  Every change is an event in
 * the ticket's audit trail, with who made it.
 */
#include "ctl.h"

#include "sla_ticket.h"

#include <getopt.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

/* The statuses a ticket may go to from each status. */
static const struct {
	const char *from, *to[4];
} ctl_status_moves[] = {
    {"new", {"open", "pending", "resolved", "closed"}},
    {"open", {"pending", "resolved", "closed", NULL}},
    {"pending", {"open", "resolved", "closed", NULL}},
    {"resolved", {"open", "closed", NULL, NULL}},
    {"closed", {"open", NULL, NULL, NULL}},
};

static bool
ctl_status_allowed(const char *from, const char *to)
{
	for (size_t i = 0;
	     i < sizeof(ctl_status_moves) / sizeof(*ctl_status_moves); i++) {
		if (strcmp(ctl_status_moves[i].from, from) != 0)
			continue;
		for (int k = 0; k < 4 && ctl_status_moves[i].to[k]; k++)
			if (strcmp(ctl_status_moves[i].to[k], to) == 0)
				return true;
	}
	return false;
}

/* The change in one transaction: status, audit event, SLA clocks. */
static int
ctl_status_tx(struct ctl *ctl, const struct sla_desk *desk, long long id,
              const char *to, const char *actor, const char **from_r)
{
	static char from[16];
	struct store_ticket t;
	long long now = time(NULL);
	char detail[64];
	int rc;

	if ((rc = store_ticket_get(ctl->store, id, &t)) != 1)
		return rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
	snprintf(from, sizeof(from), "%s", t.status);
	store_ticket_clear(&t);
	*from_r = from;
	if (!ctl_status_allowed(from, to)) {
		fprintf(
		    stderr,
		    "complaintctl: ticket #%lld is %s; it cannot become %s\n",
		    id, from, to);
		return CTL_EX_CONFLICT;
	}
	snprintf(detail, sizeof(detail), "%s -> %s", from, to);
	if (store_begin(ctl->store) != 0 ||
	    store_ticket_set_status(ctl->store, id, to, now) != 0 ||
	    store_event_add(ctl->store, id, now, "ticket.status", actor, detail,
	                    NULL) < 0 ||
	    sla_ticket_status(ctl->store, desk, id, now) != 0 ||
	    store_commit(ctl->store) != 0) {
		store_rollback(ctl->store);
		return EX_TEMPFAIL;
	}
	ctl_wake_daemon(ctl);
	return EX_OK;
}

int
ctl_cmd_status(const struct ctl_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"as", required_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const statuses[] = {"open", "pending", "resolved",
	                                       "closed", NULL};
	const char *as = NULL, *to, *from = "";
	struct sla_desk *desk;
	struct ctl ctl;
	long long id;
	char err[300];
	int ch, status, known = 0;

	while ((ch = getopt_long(argc, argv, "a:", longopts, NULL)) != -1) {
		if (ch != 'a')
			return EX_USAGE;
		as = optarg;
	}
	to = optind + 2 == argc ? argv[optind + 1] : "";
	for (int i = 0; statuses[i] != NULL; i++)
		known |= strcmp(statuses[i], to) == 0;
	if (optind + 2 != argc || ctl_parse_id(argv[optind], &id) != 0 ||
	    !known) {
		fprintf(stderr, "usage: complaintctl status ID "
		                "open|pending|resolved|closed [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if (as != NULL && conf_agent_find(ctl.conf, as) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n", as);
		ctl_close(&ctl);
		return EX_USAGE;
	}
	if ((desk = sla_desk_new(ctl.conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		ctl_close(&ctl);
		return EX_CONFIG;
	}
	status = ctl_status_tx(&ctl, desk, id, to, ctl_actor(as), &from);
	if (status == CTL_EX_NOTFOUND)
		fprintf(stderr, "complaintctl: no ticket #%lld\n", id);
	else if (status == EX_TEMPFAIL)
		fprintf(stderr,
		        "complaintctl: %s; nothing changed, try again "
		        "(exit 75)\n",
		        store_error(ctl.store));
	else if (status == EX_OK && opts->json)
		printf("{\"ticket\":%lld,\"from\":\"%s\",\"status\":\"%s\"}\n",
		       id, from, to);
	else if (status == EX_OK)
		printf("ticket #%lld: %s -> %s\n", id, from, to);
	sla_desk_free(desk);
	ctl_close(&ctl);
	return status;
}
