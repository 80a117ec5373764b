/*
 * ctl_ingest: "ingest" — one raw mail from a file or stdin into the store,
 * for MTA pipe delivery and scripts.  A store that fails for any reason
 * exits 75 so an MTA keeps the mail and tries again; malformed mail is
 * stored all the same.
 */
#include "ctl.h"

#include "ingest.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static const char *const ctl_outcomes[] = {
    [INGEST_CREATED] = "created",
    [INGEST_APPENDED] = "appended",
    [INGEST_DUPLICATE] = "duplicate",
    [INGEST_SURVEY] = "survey_answer",
};

/* "; billing/serious, team billing, assignee bob, priority 50" */
static void
ctl_ingest_triage_text(const struct triage_result *t, FILE *out)
{
	if (!t->changed)
		return;
	fprintf(out, "; %s/%s, team %s, assignee %s, priority %lld",
	        t->category ? t->category : "-",
	        t->severity ? t->severity : "-", t->team ? t->team : "-",
	        t->assignee ? t->assignee->name : "-", t->priority);
}

static void
ctl_ingest_triage_json(const struct triage_result *t, FILE *out)
{
	if (!t->changed)
		return;
	ctl_json_field(out, false, "category", t->category);
	ctl_json_field(out, false, "severity", t->severity);
	ctl_json_field(out, false, "team", t->team);
	ctl_json_field(out, false, "assignee",
	               t->assignee ? t->assignee->name : NULL);
	ctl_json_int(out, false, "priority", t->priority);
	ctl_json_field(out, false, "reasons", t->reasons);
}

static void
ctl_ingest_report(const struct ctl *ctl, const struct ingest_result *r)
{
	FILE *out = stdout;

	if (!ctl->opts->json) {
		fprintf(
		    out, "ticket %lld: %s%s%s%s%s", r->ticket_id,
		    r->outcome == INGEST_CREATED    ? "new ticket"
		    : r->outcome == INGEST_APPENDED ? "reply added"
		    : r->outcome == INGEST_SURVEY   ? "survey answer recorded"
		                                    : "already stored",
		    r->thread_by ? " (by " : "",
		    r->thread_by ? r->thread_by : "", r->thread_by ? ")" : "",
		    r->quarantine_id > 0 ? "; quarantined, see complaintctl "
		                           "quarantine"
		                         : "");
		ctl_ingest_triage_text(&r->triage, out);
		fputs("\n", out);
		return;
	}
	fputs("{", out);
	ctl_json_field(out, true, "outcome", ctl_outcomes[r->outcome]);
	ctl_json_int(out, false, "ticket", r->ticket_id);
	ctl_json_int(out, false, "message", r->message_row);
	ctl_json_field(out, false, "thread_by", r->thread_by);
	fprintf(out, ",\"reopened\":%s,\"quarantined\":%s",
	        r->reopened ? "true" : "false",
	        r->quarantine_id > 0 ? "true" : "false");
	if (r->linked_ticket_id > 0)
		ctl_json_int(out, false, "linked_ticket", r->linked_ticket_id);
	ctl_ingest_triage_json(&r->triage, out);
	fputs("}\n", out);
}

/* Stores raw in one transaction; the exit status. */
static int
ctl_ingest_store(struct ctl *ctl, const char *mailbox, const char *raw,
                 size_t len)
{
	struct ingest_source src = {mailbox, -1, -1, -1, -1, 0};
	struct ingest_config cfg;
	struct ingest_result r;
	struct ingest_rules *rules;
	struct outbound_config *out;
	struct classify_model model = {0};
	int status;

	if ((status = ctl_prepare_ingest(ctl, &cfg, &rules, &out, &model)))
		return status;
	if (store_begin(ctl->store) != 0 ||
	    ingest_message(ctl->store, &cfg, &src, raw, len, time(NULL), &r) !=
	        0 ||
	    store_commit(ctl->store) != 0) {
		fprintf(stderr,
		        "complaintctl: cannot store the mail: %s; try again "
		        "(exit 75)\n",
		        store_error(ctl->store));
		store_rollback(ctl->store);
		ctl_release_ingest(rules, out, &model);
		return EX_TEMPFAIL;
	}
	ctl_ingest_report(ctl, &r);
	ingest_result_clear(&r);
	ctl_release_ingest(rules, out, &model);
	return EX_OK;
}

int
ctl_cmd_ingest(const struct ctl_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"mailbox", required_argument, NULL, 'm'},
	    {NULL, 0, NULL, 0},
	};
	const char *mailbox = "pipe", *path;
	struct ctl ctl;
	char *raw = NULL;
	size_t len = 0;
	int ch, status;

	while ((ch = getopt_long(argc, argv, "m:", longopts, NULL)) != -1) {
		if (ch != 'm')
			return EX_USAGE;
		mailbox = optarg;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "usage: complaintctl ingest [--mailbox NAME] "
		                "[FILE|-]\n");
		return EX_USAGE;
	}
	path = optind < argc ? argv[optind] : "-";
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status == EX_CANTCREAT ? EX_TEMPFAIL : status;
	if (strcmp(mailbox, "pipe") != 0 &&
	    conf_mailbox_find(ctl.conf, mailbox) == NULL) {
		fprintf(stderr, "complaintctl: no mailbox named \"%s\" in %s\n",
		        mailbox, ctl.conf->path);
		ctl_close(&ctl);
		return EX_USAGE;
	}
	if ((status = ctl_read_input(path, &raw, &len)) == 0)
		status = ctl_ingest_store(&ctl, mailbox, raw, len);
	free(raw);
	ctl_close(&ctl);
	return status;
}
