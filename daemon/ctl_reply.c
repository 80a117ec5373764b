/*
 * ctl_reply: "reply" — an agent's answer to the customer, queued in the
 * ticket's thread (in answer to the customer's latest mail, so the
 * customer's client threads it and their reply finds the ticket).  The
 * first reply is the ticket's first response for its SLA; a new ticket
 * becomes open.  The text comes from -m, a file, stdin, or $EDITOR.
 */
#include "ctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

struct ctl_reply {
	const struct conf_agent *agent;
	const char *text;
	struct ingest_config *cfg; /* templates, secret, SLA */
	long long outbox_id;
	char why[256]; /* why it could not be written */
};

/* Inside the transaction: the mail, its audit event, the SLA clock and a
 * new ticket opened (ingest_agent_reply, as for a reply by mail). */
static int
ctl_reply_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	struct ctl_reply *r = arg;
	int rc = ingest_agent_reply(ctl->store, r->cfg, r->agent, t->id,
	                            r->text, time(NULL), &r->outbox_id, r->why,
	                            sizeof(r->why));

	if (rc == 2)
		fprintf(stderr,
		        "complaintctl: ticket #%lld is closed; reopen it "
		        "first (complaintctl reopen %lld)\n",
		        t->id, t->id);
	else if (rc == 1)
		fprintf(stderr,
		        "complaintctl: the reply cannot be written: %s\n",
		        r->why);
	return rc == 0   ? EX_OK
	       : rc == 2 ? CTL_EX_CONFLICT
	       : rc == 1 ? EX_DATAERR
	                 : EX_TEMPFAIL;
}

/* The text written in $VISUAL or $EDITOR into *out (caller frees). */
static int
ctl_reply_edit(long long id, char **out)
{
	const char *editor = getenv("VISUAL");
	char path[] = "/tmp/complaintctl-reply.XXXXXX", *cmd = NULL;
	int fd, status;

	if (editor == NULL || editor[0] == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || editor[0] == '\0' || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "complaintctl: no text: give -m TEXT, -f FILE "
		                "or -, or set EDITOR on a terminal\n");
		return EX_USAGE;
	}
	if ((fd = mkstemp(path)) < 0) {
		fprintf(stderr,
		        "complaintctl: cannot make a file for the "
		        "reply: %s\n",
		        strerror(errno));
		return EX_CANTCREAT;
	}
	close(fd);
	/* The path is ours (mkstemp), so quoting it is safe. */
	if (asprintf(&cmd, "%s '%s'", editor, path) < 0)
		cmd = NULL;
	status = cmd ? system(cmd) : -1;
	free(cmd);
	if (status != 0 || !WIFEXITED(status)) {
		fprintf(stderr,
		        "complaintctl: the editor failed; nothing sent for "
		        "ticket #%lld\n",
		        id);
		unlink(path);
		return EX_USAGE;
	}
	status = ctl_read_text(NULL, path, "reply", out);
	unlink(path);
	return status;
}

static void
ctl_reply_report(const struct ctl *ctl, long long id, const struct ctl_reply *r)
{
	if (!ctl->opts->json) {
		printf("ticket #%lld: reply by %s queued (outbox %lld)\n", id,
		       r->agent->name, r->outbox_id);
		return;
	}
	fputs("{", stdout);
	ctl_json_int(stdout, true, "ticket", id);
	ctl_json_int(stdout, false, "outbox", r->outbox_id);
	ctl_json_field(stdout, false, "by", r->agent->name);
	fputs("}\n", stdout);
}

/* Prepares what writing mail needs, then replies in one transaction. */
static int
ctl_reply_run(struct ctl *ctl, long long id, struct ctl_reply *r)
{
	struct ingest_config cfg;
	struct ingest_rules *rules;
	struct outbound_config *out;
	struct classify_model model = {0};
	int status;

	if ((status = ctl_prepare_ingest(ctl, &cfg, &rules, &out, &model)))
		return status;
	r->cfg = &cfg;
	status = ctl_work_tx(ctl, id, ctl_reply_do, r);
	if (status == EX_OK) {
		ctl_wake_daemon(ctl);
		ctl_reply_report(ctl, id, r);
	}
	ctl_release_ingest(rules, out, &model);
	return status;
}

int
ctl_cmd_reply(const struct ctl_options *opts, int argc, char **argv)
{
	const char *as, *text, *path;
	struct ctl_reply r = {0};
	struct ctl ctl;
	char *reply = NULL;
	long long id;
	int status;

	if (ctl_text_args(argc, argv, &as, &text, &path, &id) != 0) {
		fprintf(stderr, "usage: complaintctl reply ID [-m TEXT | -f "
		                "FILE | -] [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if ((r.agent = ctl_acting_agent(ctl.conf, as, "reply")) == NULL) {
		ctl_close(&ctl);
		return EX_USAGE;
	}
	status = text || path ? ctl_read_text(text, path, "reply", &reply)
	                      : ctl_reply_edit(id, &reply);
	if (status == 0) {
		r.text = reply;
		status = ctl_reply_run(&ctl, id, &r);
	}
	free(reply);
	ctl_close(&ctl);
	return status;
}
