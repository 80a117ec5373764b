/*
 * ctl_quarantine: "quarantine" — mail that parsed with warnings or was
 * too large to fetch, and "quarantine reprocess ID" to run it through
 * ingest again after a fix or a configuration change.
 */
#include "ctl.h"

#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static void
ctl_quarantine_json(const struct store_quarantine *v, size_t n)
{
	fputs("[", stdout);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",{" : "{", stdout);
		ctl_json_int(stdout, true, "id", v[i].id);
		ctl_json_int(stdout, false, "ticket", v[i].ticket_id);
		ctl_json_field(stdout, false, "mailbox", v[i].mailbox);
		ctl_json_int(stdout, false, "uid", v[i].uid);
		ctl_json_int(stdout, false, "size", v[i].size);
		ctl_json_field(stdout, false, "status", v[i].status);
		ctl_json_field(stdout, false, "reason", v[i].reason);
		ctl_json_int(stdout, false, "created", v[i].created);
		fputs("}", stdout);
	}
	fputs("]\n", stdout);
}

static void
ctl_quarantine_table(const struct store_quarantine *v, size_t n)
{
	char buf[32];

	ctl_cell(stdout, "ID", 5);
	ctl_cell(stdout, "TICKET", 7);
	ctl_cell(stdout, "MAILBOX", 10);
	ctl_cell(stdout, "UID", 7);
	ctl_cell(stdout, "SIZE", 9);
	ctl_cell(stdout, "STATUS", 8);
	ctl_cell(stdout, "REASON", 0);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%lld", v[i].id);
		ctl_cell(stdout, buf, 5);
		snprintf(buf, sizeof(buf), "#%lld", v[i].ticket_id);
		ctl_cell(stdout, v[i].ticket_id > 0 ? buf : "-", 7);
		ctl_cell(stdout, v[i].mailbox, 10);
		snprintf(buf, sizeof(buf), "%lld", v[i].uid);
		ctl_cell(stdout, v[i].uid > 0 ? buf : "-", 7);
		snprintf(buf, sizeof(buf), "%lld", v[i].size);
		ctl_cell(stdout, v[i].size >= 0 ? buf : "-", 9);
		ctl_cell(stdout, v[i].status, 8);
		ctl_cell(stdout, v[i].reason, 0);
		putchar('\n');
	}
}

static int
ctl_quarantine_list(struct ctl *ctl, const char *status)
{
	struct store_quarantine *v = NULL;
	size_t n = 0;

	if (store_quarantine_list(ctl->store, status, &v, &n) != 0) {
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl->store));
		return EX_TEMPFAIL;
	}
	if (ctl->opts->json)
		ctl_quarantine_json(v, n);
	else
		ctl_quarantine_table(v, n);
	store_quarantine_free(v, n);
	return EX_OK;
}

static void
ctl_reprocess_report(const struct ctl *ctl, long long id, int rc,
                     const struct ingest_result *r)
{
	const char *state = rc == 2 ? "refetch"
	                    : r->msg != NULL && r->msg->warnings.n > 0
	                        ? "open"
	                        : "resolved";

	if (ctl->opts->json) {
		printf("{\"id\":%lld,\"ticket\":%lld,\"status\":\"%s\"}\n", id,
		       r->ticket_id, state);
	} else if (rc == 2) {
		printf("quarantine %lld: the mail was too large to store; the "
		       "daemon fetches it again on its next poll (now, with "
		       "systemctl kill -s USR1 complaintd)\n",
		       id);
	} else {
		printf("quarantine %lld: parsed again for ticket #%lld; %s\n",
		       id, r->ticket_id,
		       strcmp(state, "open") == 0
		           ? "still has warnings, entry stays open"
		           : "parses cleanly now, entry resolved");
	}
}

static int
ctl_quarantine_reprocess(struct ctl *ctl, long long id)
{
	struct ingest_config cfg;
	struct ingest_result r;
	struct ingest_rules *rules;
	char err[512];
	int rc;

	if ((rules = ingest_rules_new(ctl->conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		return EX_CONFIG;
	}
	ingest_config_init(&cfg, ctl->conf, rules);
	rc = store_secret(ctl->store, cfg.secret) != 0 ||
	             store_begin(ctl->store) != 0
	         ? -1
	         : ingest_reprocess(ctl->store, &cfg, id, NULL, 0, time(NULL),
	                            &r);
	if (rc >= 0 && store_commit(ctl->store) != 0)
		rc = -1;
	if (rc < 0) {
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl->store));
		store_rollback(ctl->store);
	} else if (rc == 0) {
		fprintf(stderr, "complaintctl: no quarantine entry %lld\n", id);
	} else {
		ctl_reprocess_report(ctl, id, rc, &r);
	}
	if (rc >= 0)
		ingest_result_clear(&r);
	ingest_rules_free(rules);
	return rc < 0 ? EX_TEMPFAIL : rc == 0 ? CTL_EX_NOTFOUND : EX_OK;
}

int
ctl_cmd_quarantine(const struct ctl_options *opts, int argc, char **argv)
{
	const char *status = NULL;
	struct ctl ctl;
	long long id = 0;
	int rc;

	if (argc == 3 && strcmp(argv[1], "reprocess") == 0) {
		if (ctl_parse_id(argv[2], &id) != 0)
			return EX_USAGE;
	} else if (argc == 3 && strcmp(argv[1], "--status") == 0) {
		status = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: complaintctl quarantine [--status S] | "
		                "quarantine reprocess ID\n");
		return EX_USAGE;
	}
	if ((rc = ctl_open(opts, true, &ctl)) != 0)
		return rc;
	rc = id > 0 ? ctl_quarantine_reprocess(&ctl, id)
	            : ctl_quarantine_list(&ctl, status);
	ctl_close(&ctl);
	return rc;
}
