/*
 * ctl_outbox: "outbox" — mail queued or failed, with the server's last
 * answer; "outbox retry ID" queues a mail again now, "outbox cancel ID"
 * drops it.  The daemon's sender looks at the outbox every few seconds.
 */
#include "ctl.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static void
ctl_outbox_json(const struct store_outbox *v, size_t n)
{
	fputs("[", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct store_outbox *o = &v[i];
		fputs(i ? ",{" : "{", stdout);
		ctl_json_int(stdout, true, "id", o->id);
		ctl_json_field(stdout, false, "status", o->status);
		ctl_json_field(stdout, false, "kind", o->kind);
		ctl_json_int(stdout, false, "ticket", o->ticket_id);
		ctl_json_field(stdout, false, "to", o->recipient);
		ctl_json_field(stdout, false, "subject", o->subject);
		ctl_json_field(stdout, false, "language", o->language);
		ctl_json_field(stdout, false, "message_id", o->message_id);
		ctl_json_int(stdout, false, "attempts", o->attempts);
		ctl_json_int(stdout, false, "created", o->created);
		ctl_json_int(stdout, false, "next_attempt", o->next_attempt);
		ctl_json_int(stdout, false, "sent", o->sent);
		ctl_json_int(stdout, false, "last_code", o->last_code);
		ctl_json_field(stdout, false, "last_error", o->last_error);
		fputs("}", stdout);
	}
	fputs("]\n", stdout);
}

static void
ctl_outbox_table(const struct store_outbox *v, size_t n)
{
	char buf[40];

	ctl_cell(stdout, "ID", 6);
	ctl_cell(stdout, "STATUS", 9);
	ctl_cell(stdout, "KIND", 12);
	ctl_cell(stdout, "TICKET", 7);
	ctl_cell(stdout, "TO", 28);
	ctl_cell(stdout, "TRIES", 5);
	ctl_cell(stdout, "WHEN", 16);
	ctl_cell(stdout, "LAST ANSWER", 0);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		const struct store_outbox *o = &v[i];
		bool done = strcmp(o->status, "queued") != 0;

		snprintf(buf, sizeof(buf), "%lld", o->id);
		ctl_cell(stdout, buf, 6);
		ctl_cell(stdout, o->status, 9);
		ctl_cell(stdout, o->kind, 12);
		snprintf(buf, sizeof(buf), "#%lld", o->ticket_id);
		ctl_cell(stdout, o->ticket_id > 0 ? buf : "-", 7);
		ctl_cell(stdout, o->recipient, 28);
		snprintf(buf, sizeof(buf), "%lld", o->attempts);
		ctl_cell(stdout, buf, 5);
		ctl_cell(stdout,
		         ctl_time(done && o->sent >= 0 ? o->sent
		                  : done               ? -1
		                                       : o->next_attempt,
		                  buf, sizeof(buf)),
		         16);
		ctl_cell(stdout, o->last_error ? o->last_error : "", 0);
		putchar('\n');
	}
}

static int
ctl_outbox_list(struct ctl *ctl, const char *status)
{
	struct store_outbox *v = NULL;
	size_t n = 0;

	if (store_outbox_list(ctl->store, status, &v, &n) != 0) {
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl->store));
		return EX_TEMPFAIL;
	}
	if (ctl->opts->json)
		ctl_outbox_json(v, n);
	else
		ctl_outbox_table(v, n);
	store_outbox_free(v, n);
	return EX_OK;
}

/* retry or cancel one mail; the exit status. */
static int
ctl_outbox_change(struct ctl *ctl, const char *what, long long id)
{
	bool retry = strcmp(what, "retry") == 0;
	int rc = retry ? store_outbox_requeue(ctl->store, id, time(NULL))
	               : store_outbox_cancel(ctl->store, id);

	if (rc < 0) {
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl->store));
		return EX_TEMPFAIL;
	}
	if (rc == 0) {
		fprintf(stderr,
		        "complaintctl: no queued or failed mail %lld in the "
		        "outbox\n",
		        id);
		return CTL_EX_NOTFOUND;
	}
	if (ctl->opts->json)
		printf("{\"id\":%lld,\"status\":\"%s\"}\n", id,
		       retry ? "queued" : "cancelled");
	else
		printf("outbox %lld: %s\n", id,
		       retry ? "queued again; the daemon sends it within "
		               "seconds"
		             : "cancelled");
	return EX_OK;
}

int
ctl_cmd_outbox(const struct ctl_options *opts, int argc, char **argv)
{
	const char *status = NULL, *change = NULL;
	struct ctl ctl;
	long long id = 0;
	int rc;

	if (argc == 3 &&
	    (strcmp(argv[1], "retry") == 0 || strcmp(argv[1], "cancel") == 0)) {
		change = argv[1];
		if (ctl_parse_id(argv[2], &id) != 0)
			return EX_USAGE;
	} else if (argc == 2 && strcmp(argv[1], "--all") == 0) {
		status = "all";
	} else if (argc == 3 && strcmp(argv[1], "--status") == 0) {
		status = argv[2];
	} else if (argc != 1) {
		fprintf(stderr,
		        "usage: complaintctl outbox [--all | --status S]"
		        " | outbox retry ID | outbox cancel ID\n");
		return EX_USAGE;
	}
	if ((rc = ctl_open(opts, true, &ctl)) != 0)
		return rc;
	rc = change ? ctl_outbox_change(&ctl, change, id)
	            : ctl_outbox_list(&ctl, status);
	ctl_close(&ctl);
	return rc;
}
