/*
 * ctl_work: an agent's everyday moves on a ticket — "assign", "take",
 * "note", "reopen" and "merge".  Each change is one transaction with its
 * audit event and who made it; the ticket is read and checked inside
 * that transaction, so two agents taking the same ticket cannot both win.
 */
#include "ctl.h"

#include "sla_ticket.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

/* ---- assign and take ---------------------------------------------------- */

struct ctl_assign {
	const struct conf_agent *to;
	const char *actor;
	bool force;                /* even when to is away */
	char was[64];              /* the previous assignee, "" for nobody */
	char team[64];             /* the ticket's team, "" for none */
	bool outsider;             /* to is not in the ticket's team */
	struct ingest_config *cfg; /* templates, for the notice */
};

/* The new assignee hears of the ticket, with the customer's latest mail
 * (threaded to it). */
static int
ctl_assign_notice(struct ctl *ctl, const struct store_ticket *t,
                  const struct ctl_assign *a, long long now)
{
	struct mime_message *msg = ingest_customer_mail(ctl->store, t->id);
	struct outbound_cause c;
	int rc;

	outbound_cause_of_ticket(t, msg, &c);
	c.assignee = a->to->name;
	rc = outbound_assigned(ctl->store, a->cfg->out, &c, a->to, now);

	mime_message_free(msg);
	return rc;
}

static bool
ctl_in_team(const struct conf *conf, const char *team, const char *agent)
{
	const struct conf_team *t = conf_team_find(conf, team);

	if (t == NULL)
		return false;
	if ((t->lead && strcmp(t->lead, agent) == 0) ||
	    (t->manager && strcmp(t->manager, agent) == 0))
		return true;
	for (size_t i = 0; i < t->members.n; i++)
		if (strcmp(t->members.v[i], agent) == 0)
			return true;
	return false;
}

static int
ctl_assign_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	struct ctl_assign *a = arg;
	const char *name = a->to->name;
	struct store_agent st;
	char detail[160];
	long long now = time(NULL);

	if (t->assignee != NULL && strcmp(t->assignee, name) == 0) {
		fprintf(stderr,
		        "complaintctl: ticket #%lld is already assigned to "
		        "%s\n",
		        t->id, name);
		return CTL_EX_CONFLICT;
	}
	if (store_agent_get(ctl->store, name, &st) != 0)
		return EX_TEMPFAIL;
	if (st.away && !a->force) {
		fprintf(stderr,
		        "complaintctl: %s is away; \"complaintctl agent back "
		        "%s\" first, or assign with --force\n",
		        name, name);
		return CTL_EX_CONFLICT;
	}
	snprintf(a->was, sizeof(a->was), "%s", t->assignee ? t->assignee : "");
	snprintf(a->team, sizeof(a->team), "%s", t->team ? t->team : "");
	a->outsider = t->team != NULL && !ctl_in_team(ctl->conf, t->team, name);
	snprintf(detail, sizeof(detail), "to %s (was %s)", name,
	         a->was[0] ? a->was : "nobody");
	if (store_ticket_set_assignee(ctl->store, t->id, name, now) != 1 ||
	    store_event_add(ctl->store, t->id, now, "ticket.assigned", a->actor,
	                    detail, NULL) < 0 ||
	    /* Who takes a ticket knows it already. */
	    (strcmp(a->actor, name) != 0 &&
	     ctl_assign_notice(ctl, t, a, now) != 0))
		return EX_TEMPFAIL;
	return EX_OK;
}

static void
ctl_assign_report(const struct ctl *ctl, long long id,
                  const struct ctl_assign *a)
{
	if (a->outsider)
		fprintf(stderr,
		        "complaintctl: note: %s is not in team %s, which "
		        "keeps the ticket\n",
		        a->to->name, a->team);
	if (!ctl->opts->json) {
		printf("ticket #%lld: assigned to %s (was %s)\n", id,
		       a->to->name, a->was[0] ? a->was : "nobody");
		return;
	}
	fputs("{", stdout);
	ctl_json_int(stdout, true, "ticket", id);
	ctl_json_field(stdout, false, "assignee", a->to->name);
	ctl_json_field(stdout, false, "was", a->was[0] ? a->was : NULL);
	ctl_json_field(stdout, false, "team", a->team[0] ? a->team : NULL);
	ctl_json_field(stdout, false, "by", a->actor);
	fputs("}\n", stdout);
}

static int
ctl_assign_run(struct ctl *ctl, long long id, struct ctl_assign *a)
{
	struct ingest_config cfg;
	struct ingest_rules *rules;
	struct outbound_config *out;
	struct classify_model model = {0};
	int status;

	if ((status = ctl_prepare_ingest(ctl, &cfg, &rules, &out, &model)))
		return status;
	a->cfg = &cfg;
	status = ctl_work_tx(ctl, id, ctl_assign_do, a);
	if (status == EX_OK)
		ctl_assign_report(ctl, id, a);
	ctl_release_ingest(rules, out, &model);
	return status;
}

/* Options of assign and take: --as, --force; the rest stay in argv. */
static int
ctl_assign_options(int argc, char **argv, const char **as, bool *force)
{
	static const struct option longopts[] = {
	    {"as", required_argument, NULL, 'a'},
	    {"force", no_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "a:f", longopts, NULL)) != -1) {
		if (ch == 'a')
			*as = optarg;
		else if (ch == 'f')
			*force = true;
		else
			return -1;
	}
	return 0;
}

int
ctl_cmd_assign(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_assign a = {0};
	const char *as = NULL;
	struct ctl ctl;
	long long id;
	int status;

	if (ctl_assign_options(argc, argv, &as, &a.force) != 0 ||
	    optind + 2 != argc || ctl_parse_id(argv[optind], &id) != 0) {
		fprintf(stderr, "usage: complaintctl assign ID AGENT "
		                "[--force] [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_work_open(opts, as, &ctl)) != 0)
		return status;
	if ((a.to = conf_agent_find(ctl.conf, argv[optind + 1])) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n",
		        argv[optind + 1]);
		ctl_close(&ctl);
		return EX_USAGE;
	}
	a.actor = ctl_actor(as);
	status = ctl_assign_run(&ctl, id, &a);
	ctl_close(&ctl);
	return status;
}

int
ctl_cmd_take(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_assign a = {0};
	const char *as = NULL;
	struct ctl ctl;
	long long id;
	int status;

	if (ctl_assign_options(argc, argv, &as, &a.force) != 0 ||
	    optind + 1 != argc || ctl_parse_id(argv[optind], &id) != 0) {
		fprintf(stderr,
		        "usage: complaintctl take ID [--force] [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if ((a.to = ctl_acting_agent(ctl.conf, as, "take")) == NULL) {
		ctl_close(&ctl);
		return EX_USAGE;
	}
	a.actor = a.to->name;
	status = ctl_assign_run(&ctl, id, &a);
	ctl_close(&ctl);
	return status;
}

/* ---- note ------------------------------------------------------------- */

struct ctl_note {
	const char *text;
	const char *actor;
};

static int
ctl_note_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	const struct ctl_note *n = arg;
	long long now = time(NULL);

	if (store_event_add(ctl->store, t->id, now, "note", n->actor, n->text,
	                    NULL) < 0 ||
	    store_ticket_touch(ctl->store, t->id, now) != 0)
		return EX_TEMPFAIL;
	return EX_OK;
}

static int
ctl_note_run(struct ctl *ctl, long long id, struct ctl_note *n)
{
	int status = ctl_work_tx(ctl, id, ctl_note_do, n);

	if (status != EX_OK)
		return status;
	if (!ctl->opts->json) {
		printf("ticket #%lld: note added by %s\n", id, n->actor);
		return status;
	}
	fputs("{", stdout);
	ctl_json_int(stdout, true, "ticket", id);
	ctl_json_field(stdout, false, "note", n->text);
	ctl_json_field(stdout, false, "by", n->actor);
	fputs("}\n", stdout);
	return status;
}

int
ctl_cmd_note(const struct ctl_options *opts, int argc, char **argv)
{
	const char *as, *text, *path;
	struct ctl_note n;
	struct ctl ctl;
	char *note = NULL;
	long long id;
	int status;

	if (ctl_text_args(argc, argv, &as, &text, &path, &id) != 0 ||
	    (text == NULL && path == NULL)) {
		fprintf(stderr,
		        "usage: complaintctl note ID (-m TEXT | -f FILE "
		        "| -) [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_read_text(text, path, "note", &note)) == 0 &&
	    (status = ctl_work_open(opts, as, &ctl)) == 0) {
		n.text = note;
		n.actor = ctl_actor(as);
		status = ctl_note_run(&ctl, id, &n);
		ctl_close(&ctl);
	}
	free(note);
	return status;
}

/* ---- reopen ----------------------------------------------------------- */

struct ctl_reopen {
	const struct sla_desk *desk;
	const char *actor;
	char from[16]; /* resolved or closed */
};

static int
ctl_reopen_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	struct ctl_reopen *r = arg;
	const char *from = t->status ? t->status : "";
	long long now = time(NULL);
	char detail[48];

	if (strcmp(from, "resolved") != 0 && strcmp(from, "closed") != 0) {
		fprintf(stderr,
		        "complaintctl: ticket #%lld is %s; only a resolved or "
		        "closed ticket can be reopened\n",
		        t->id, from);
		return CTL_EX_CONFLICT;
	}
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(detail, sizeof(detail), "%s -> open", from);
	/* sla_ticket_status lets the resolution clock run on. */
	if (store_ticket_set_status(ctl->store, t->id, "open", now) != 0 ||
	    store_event_add(ctl->store, t->id, now, "ticket.reopened", r->actor,
	                    detail, NULL) < 0 ||
	    sla_ticket_status(ctl->store, r->desk, t->id, now) != 0)
		return EX_TEMPFAIL;
	return EX_OK;
}

static int
ctl_reopen_run(struct ctl *ctl, long long id, struct ctl_reopen *r)
{
	int status = ctl_work_tx(ctl, id, ctl_reopen_do, r);

	if (status != EX_OK)
		return status;
	ctl_wake_daemon(ctl);
	if (!ctl->opts->json) {
		printf("ticket #%lld: reopened (was %s)\n", id, r->from);
		return status;
	}
	fputs("{", stdout);
	ctl_json_int(stdout, true, "ticket", id);
	ctl_json_field(stdout, false, "from", r->from);
	ctl_json_field(stdout, false, "status", "open");
	ctl_json_field(stdout, false, "by", r->actor);
	fputs("}\n", stdout);
	return status;
}

int
ctl_cmd_reopen(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_reopen r = {0};
	struct sla_desk *desk;
	const char *as;
	struct ctl ctl;
	long long id;
	int status;

	if (ctl_as_option(argc, argv, &as) != 0)
		return EX_USAGE;
	if (optind + 1 != argc || ctl_parse_id(argv[optind], &id) != 0) {
		fprintf(stderr, "usage: complaintctl reopen ID [--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_work_open_desk(opts, as, &ctl, &desk)) != 0)
		return status;
	r.desk = desk;
	r.actor = ctl_actor(as);
	status = ctl_reopen_run(&ctl, id, &r);
	sla_desk_free(desk);
	ctl_close(&ctl);
	return status;
}

/* ---- merge -------------------------------------------------------------- */

struct ctl_merge {
	long long into;
	const char *actor;
	struct sla_desk *desk;
};

/* Inside the transaction: t (the duplicate) into m->into. */
static int
ctl_merge_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	struct ctl_merge *m = arg;
	long long now = time(NULL), into;
	struct store_ticket target;
	char detail[64];
	int rc;

	if (t->id == m->into) {
		fprintf(stderr, "complaintctl: a ticket cannot be merged into "
		                "itself\n");
		return CTL_EX_CONFLICT;
	}
	if ((rc = store_ticket_get(ctl->store, m->into, &target)) != 1) {
		if (rc == 0)
			fprintf(stderr, "complaintctl: no ticket #%lld\n",
			        m->into);
		return rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
	}
	store_ticket_clear(&target);
	/* Neither may be merged already: mail follows one link at a time. */
	for (int k = 0; k < 2; k++) {
		long long id = k == 0 ? t->id : m->into;
		if ((rc = store_ticket_merged_into(ctl->store, id, &into)) == 0)
			continue;
		if (rc == 1)
			fprintf(stderr,
			        "complaintctl: ticket #%lld was merged into "
			        "#%lld already\n",
			        id, into);
		return rc == 1 ? CTL_EX_CONFLICT : EX_TEMPFAIL;
	}
	snprintf(detail, sizeof(detail), "into #%lld", m->into);
	if (store_ticket_merge(ctl->store, t->id, m->into, now) != 0 ||
	    store_event_add(ctl->store, t->id, now, "ticket.merged", m->actor,
	                    detail, NULL) < 0)
		return EX_TEMPFAIL;
	snprintf(detail, sizeof(detail), "from #%lld", t->id);
	if (store_event_add(ctl->store, m->into, now, "ticket.merged", m->actor,
	                    detail, NULL) < 0 ||
	    sla_ticket_status(ctl->store, m->desk, t->id, now) != 0 ||
	    sla_ticket_refresh(ctl->store, m->desk, m->into) != 0)
		return EX_TEMPFAIL;
	return EX_OK;
}

int
ctl_cmd_merge(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_merge m = {0};
	const char *as;
	struct ctl ctl;
	long long from;
	int status;

	if (ctl_as_option(argc, argv, &as) != 0)
		return EX_USAGE;
	if (optind + 2 != argc || ctl_parse_id(argv[optind], &from) != 0 ||
	    ctl_parse_id(argv[optind + 1], &m.into) != 0) {
		fprintf(stderr, "usage: complaintctl merge DUPLICATE INTO "
		                "[--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_work_open_desk(opts, as, &ctl, &m.desk)) != 0)
		return status;
	m.actor = ctl_actor(as);
	status = ctl_work_tx(&ctl, from, ctl_merge_do, &m);
	if (status == EX_OK) {
		ctl_wake_daemon(&ctl);
		if (opts->json)
			printf("{\"ticket\":%lld,\"merged_into\":%lld}\n", from,
			       m.into);
		else
			printf("ticket #%lld merged into #%lld\n", from,
			       m.into);
	}
	sla_desk_free(m.desk);
	ctl_close(&ctl);
	return status;
}
