/*
 * ctl_people: "agent" — the desk's agents, their teams, open tickets and
 * whether they are away (an away agent gets no new tickets) — and
 * "customer" — a customer's tier, account owner and tags, which weigh in
 * their tickets' priority.
 */
#include "ctl.h"

#include "sla_ticket.h"
#include "triage.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static const char *const ctl_roles[] = {"agent", "lead", "manager"};

/* "care, billing": the teams agent is a member, lead or manager of. */
static void
ctl_agent_teams(const struct conf *conf, const char *agent, char *buf,
                size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t t = 0; t < conf->n_teams; t++) {
		const struct conf_team *team = &conf->teams[t];
		bool in = (team->lead && strcmp(team->lead, agent) == 0) ||
		          (team->manager && strcmp(team->manager, agent) == 0);
		for (size_t m = 0; !in && m < team->members.n; m++)
			in = strcmp(team->members.v[m], agent) == 0;
		if (in && len + strlen(team->name) + 3 < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			                        len ? ", " : "", team->name);
	}
}

static int
ctl_agent_list(struct ctl *ctl)
{
	const struct conf *conf = ctl->conf;
	char teams[256], open[24], since[32];

	if (!ctl->opts->json) {
		ctl_cell(stdout, "NAME", 12);
		ctl_cell(stdout, "ROLE", 8);
		ctl_cell(stdout, "OPEN", 5);
		ctl_cell(stdout, "AWAY SINCE", 17);
		ctl_cell(stdout, "TEAMS", 0);
		putchar('\n');
	} else {
		fputs("[", stdout);
	}
	for (size_t i = 0; i < conf->n_agents; i++) {
		const struct conf_agent *a = &conf->agents[i];
		struct store_agent st;
		if (store_agent_get(ctl->store, a->name, &st) != 0) {
			fprintf(stderr, "complaintctl: %s\n",
			        store_error(ctl->store));
			return EX_TEMPFAIL;
		}
		ctl_agent_teams(conf, a->name, teams, sizeof(teams));
		if (ctl->opts->json) {
			fputs(i ? ",{" : "{", stdout);
			ctl_json_field(stdout, true, "name", a->name);
			ctl_json_field(stdout, false, "address", a->address);
			ctl_json_field(stdout, false, "role",
			               ctl_roles[a->role]);
			ctl_json_field(stdout, false, "teams", teams);
			ctl_json_int(stdout, false, "open", st.open);
			fprintf(stdout, ",\"away\":%s}",
			        st.away ? "true" : "false");
			continue;
		}
		snprintf(open, sizeof(open), "%lld", st.open);
		ctl_cell(stdout, a->name, 12);
		ctl_cell(stdout, ctl_roles[a->role], 8);
		ctl_cell(stdout, open, 5);
		ctl_cell(stdout,
		         st.away ? ctl_time(st.away_since, since, sizeof(since))
		                 : "-",
		         17);
		ctl_cell(stdout, teams[0] ? teams : "-", 0);
		putchar('\n');
	}
	if (ctl->opts->json)
		fputs("]\n", stdout);
	return EX_OK;
}

static int
ctl_agent_away(struct ctl *ctl, const char *name, bool away)
{
	if (conf_agent_find(ctl->conf, name) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n",
		        name);
		return CTL_EX_NOTFOUND;
	}
	if (store_agent_set_away(ctl->store, name, away, time(NULL)) != 0) {
		fprintf(stderr, "complaintctl: %s; try again (exit 75)\n",
		        store_error(ctl->store));
		return EX_TEMPFAIL;
	}
	if (ctl->opts->json)
		printf("{\"agent\":\"%s\",\"away\":%s}\n", name,
		       away ? "true" : "false");
	else
		printf("%s is %s\n", name,
		       away ? "away: new tickets go to the others"
		            : "back: new tickets may be assigned again");
	return EX_OK;
}

int
ctl_cmd_agent(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl ctl;
	int status;
	bool list = argc == 1 || (argc == 2 && strcmp(argv[1], "list") == 0);
	bool away = argc == 3 && strcmp(argv[1], "away") == 0;
	bool back = argc == 3 && strcmp(argv[1], "back") == 0;

	if (!list && !away && !back) {
		fprintf(stderr,
		        "usage: complaintctl agent [list] | away NAME | "
		        "back NAME\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	status =
	    list ? ctl_agent_list(&ctl) : ctl_agent_away(&ctl, argv[2], away);
	ctl_close(&ctl);
	return status;
}

/* The customer's tickets, newest first: their history with the desk. */
static void
ctl_customer_history(const struct ctl *ctl, const struct store_ticket *v,
                     size_t n)
{
	char when[32], id[24];

	if (ctl->opts->json) {
		fputs(",\"tickets\":[", stdout);
		for (size_t i = 0; i < n; i++) {
			fputs(i ? ",{" : "{", stdout);
			ctl_json_int(stdout, true, "id", v[i].id);
			ctl_json_field(stdout, false, "status", v[i].status);
			ctl_json_field(stdout, false, "subject", v[i].subject);
			ctl_json_field(stdout, false, "category",
			               v[i].category);
			ctl_json_field(stdout, false, "severity",
			               v[i].severity);
			ctl_json_int(stdout, false, "created", v[i].created);
			fputs("}", stdout);
		}
		fputs("]", stdout);
		return;
	}
	printf("\n");
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "#%lld", v[i].id);
		ctl_cell(stdout, id, 7);
		ctl_cell(stdout, ctl_time(v[i].created, when, sizeof(when)),
		         17);
		ctl_cell(stdout, v[i].status, 9);
		ctl_cell(stdout, v[i].severity ? v[i].severity : "-", 9);
		ctl_cell(stdout, v[i].category ? v[i].category : "-", 17);
		ctl_cell(stdout, v[i].subject, 0);
		putchar('\n');
	}
}

static void
ctl_customer_print(const struct ctl *ctl, const struct store_customer *c,
                   long long recent, const struct store_ticket *v, size_t n)
{
	char when[32];

	if (ctl->opts->json) {
		fputs("{", stdout);
		ctl_json_field(stdout, true, "address", c->address);
		ctl_json_field(stdout, false, "name", c->name);
		ctl_json_field(stdout, false, "tier", c->tier);
		ctl_json_field(stdout, false, "owner", c->owner);
		ctl_json_field(stdout, false, "tags", c->tags);
		fprintf(stdout, ",\"surveys\":%s",
		        c->surveys_off ? "false" : "true");
		ctl_json_int(stdout, false, "recent_tickets", recent);
		ctl_json_int(stdout, false, "since", c->created);
		ctl_customer_history(ctl, v, n);
		fputs("}\n", stdout);
		return;
	}
	printf("%-10s %s\n", "Customer", c->address);
	if (c->name != NULL)
		printf("%-10s %s\n", "Name", c->name);
	printf("%-10s %s\n", "Tier", c->tier);
	printf("%-10s %s\n", "Owner", c->owner ? c->owner : "-");
	printf("%-10s %s\n", "Tags", c->tags[0] ? c->tags : "-");
	printf("%-10s %s\n", "Surveys",
	       c->surveys_off ? "no (opted out)" : "yes");
	printf("%-10s %lld in the last %ld days\n", "Tickets", recent,
	       ctl->conf->repeat.window / 86400);
	printf("%-10s %s\n", "Since", ctl_time(c->created, when, sizeof(when)));
	ctl_customer_history(ctl, v, n);
}

/* A new tier may choose other policies for the customer's tickets. */
static int
ctl_customer_sla(struct ctl *ctl, long long customer)
{
	struct sla_desk *desk;
	long long *ids = NULL;
	size_t n = 0;
	char err[300];
	int rc = 0;

	if ((desk = sla_desk_new(ctl->conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		return -1;
	}
	if (store_customer_open_tickets(ctl->store, customer, &ids, &n) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = sla_ticket_refresh(ctl->store, desk, ids[i]);
	free(ids);
	sla_desk_free(desk);
	return rc;
}

/* --tier and --owner for an existing customer; priorities follow. */
static int
ctl_customer_set(struct ctl *ctl, const struct store_customer *c,
                 const struct store_customer_change *change)
{
	if (change->owner != NULL && change->owner[0] != '\0' &&
	    conf_agent_find(ctl->conf, change->owner) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n",
		        change->owner);
		return EX_USAGE;
	}
	if (store_begin(ctl->store) != 0 ||
	    store_customer_update(ctl->store, c->id, change) != 0 ||
	    triage_customer_changed(ctl->store, ctl->conf, c->id, time(NULL)) !=
	        0 ||
	    ctl_customer_sla(ctl, c->id) != 0 ||
	    store_commit(ctl->store) != 0) {
		fprintf(stderr,
		        "complaintctl: %s; nothing changed, try again "
		        "(exit 75)\n",
		        store_error(ctl->store));
		store_rollback(ctl->store);
		return EX_TEMPFAIL;
	}
	ctl_wake_daemon(ctl);
	return EX_OK;
}

static int
ctl_customer_run(struct ctl *ctl, const char *address,
                 const struct store_customer_change *change)
{
	struct store_customer c;
	long long recent = 0;
	int rc = store_customer_find(ctl->store, address, &c), status = EX_OK;

	if (rc != 1) {
		if (rc == 0)
			fprintf(
			    stderr,
			    "complaintctl: no customer has the address %s\n",
			    address);
		else
			fprintf(stderr, "complaintctl: %s\n",
			        store_error(ctl->store));
		return rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
	}
	if (change->tier != NULL || change->owner != NULL ||
	    change->surveys_off >= 0) {
		status = ctl_customer_set(ctl, &c, change);
		store_customer_clear(&c);
		if (status != EX_OK ||
		    store_customer_find(ctl->store, address, &c) != 1)
			return status != EX_OK ? status : EX_TEMPFAIL;
	}
	struct store_ticket_filter filter = {.customer = address};
	struct store_ticket *v = NULL;
	size_t n = 0;
	if (store_customer_recent(ctl->store, c.id,
	                          time(NULL) - ctl->conf->repeat.window,
	                          &recent) != 0 ||
	    store_ticket_list(ctl->store, &filter, &v, &n) != 0) {
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl->store));
		status = EX_TEMPFAIL;
	} else {
		ctl_customer_print(ctl, &c, recent, v, n);
	}
	for (size_t i = 0; i < n; i++)
		store_ticket_clear(&v[i]);
	free(v);
	store_customer_clear(&c);
	return status;
}

int
ctl_cmd_customer(const struct ctl_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"tier", required_argument, NULL, 't'},
	    {"owner", required_argument, NULL, 'o'},
	    {"no-owner", no_argument, NULL, 'n'},
	    {"surveys", no_argument, NULL, 's'},
	    {"no-surveys", no_argument, NULL, 'S'},
	    {NULL, 0, NULL, 0},
	};
	struct store_customer_change change = {.attention_until = -1,
	                                       .surveys_off = -1};
	struct ctl ctl;
	int ch, status;

	while ((ch = getopt_long(argc, argv, "t:o:n", longopts, NULL)) != -1) {
		if (ch == 't')
			change.tier = optarg;
		else if (ch == 'o')
			change.owner = optarg;
		else if (ch == 'n')
			change.owner = "";
		else if (ch == 's' || ch == 'S')
			change.surveys_off = ch == 'S';
		else
			return EX_USAGE;
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: complaintctl customer ADDRESS "
		                "[--tier T] [--owner AGENT | --no-owner] "
		                "[--surveys | --no-surveys]\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	status = ctl_customer_run(&ctl, argv[optind], &change);
	ctl_close(&ctl);
	return status;
}
