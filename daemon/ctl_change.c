/*
 * ctl_change: one change to one ticket, as the agent commands make it —
 * in one transaction that reads and checks the ticket first, so two
 * agents acting on it at once cannot both win.
 */
#include "ctl.h"

#include <sysexits.h>

/*
 * Runs fn on ticket id in one transaction, committed only when fn
 * returns EX_OK.  Says on stderr why nothing changed: no such ticket,
 * or a store failure.  Returns the exit status.
 */
int
ctl_work_tx(struct ctl *ctl, long long id, ctl_work_fn fn, void *arg)
{
	struct store_ticket t = {0};
	int rc, status = EX_TEMPFAIL;

	if (store_begin(ctl->store) == 0) {
		rc = store_ticket_get(ctl->store, id, &t);
		status = rc == 1   ? fn(ctl, &t, arg)
		         : rc == 0 ? CTL_EX_NOTFOUND
		                   : EX_TEMPFAIL;
		store_ticket_clear(&t);
	}
	if (status == EX_OK && store_commit(ctl->store) != 0)
		status = EX_TEMPFAIL;
	if (status == CTL_EX_NOTFOUND)
		fprintf(stderr, "complaintctl: no ticket #%lld\n", id);
	else if (status == EX_TEMPFAIL)
		fprintf(stderr,
		        "complaintctl: %s; nothing changed, try again "
		        "(exit 75)\n",
		        store_error(ctl->store));
	if (status != EX_OK)
		store_rollback(ctl->store);
	return status;
}

/* ctl_open, then --as (when given) must name a configured agent. */
int
ctl_work_open(const struct ctl_options *opts, const char *as, struct ctl *ctl)
{
	int status = ctl_open(opts, true, ctl);

	if (status != 0)
		return status;
	if (as != NULL && conf_agent_find(ctl->conf, as) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n", as);
		ctl_close(ctl);
		return EX_USAGE;
	}
	return 0;
}
