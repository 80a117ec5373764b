/*
 * ctl_reclassify: "reclassify ID --category C --severity S" — an agent's
 * correction.  The ticket takes the new labels and priority, the model
 * learns from the ticket's first mail (a second correction takes the
 * first one back), and a ticket made urgent alerts its team's lead and
 * manager, once.  The running daemon sees the model change at its next
 * batch; the sender sends the alert within its poll interval.
 */
#include "ctl.h"

#include "sla_ticket.h"

#include "triage.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

struct ctl_correction {
	long long id;
	const char *category; /* NULL: unchanged */
	const char *severity;
	const char *actor;
};

static int
ctl_check_correction(const struct conf *conf, const struct ctl_correction *c,
                     const char *as)
{
	if (c->category != NULL && !conf_category_known(conf, c->category)) {
		fprintf(stderr, "complaintctl: \"%s\" is not a category;",
		        c->category);
		for (size_t i = 0; i < conf->classify.categories.n; i++)
			fprintf(stderr, " %s", conf->classify.categories.v[i]);
		fputc('\n', stderr);
		return EX_USAGE;
	}
	if (c->severity != NULL && conf_severity_index(c->severity) < 0) {
		fprintf(stderr,
		        "complaintctl: \"%s\" is not a severity; "
		        "general, serious or urgent\n",
		        c->severity);
		return EX_USAGE;
	}
	if (as != NULL && conf_agent_find(conf, as) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n", as);
		return EX_USAGE;
	}
	return 0;
}

/* The urgent alert, from the stored ticket (no mail caused it). */
static int
ctl_alert(struct ctl *ctl, const struct ingest_config *cfg,
          const struct triage_result *tr, long long id,
          struct outbound_result *res)
{
	const struct conf_agent *to[2];
	size_t n_to = triage_alert_recipients(ctl->conf, tr->team, to);
	struct store_message *msgs = NULL;
	struct store_ticket t;
	size_t n = 0;
	int rc;

	if (n_to == 0)
		return 0;
	if (store_ticket_get(ctl->store, id, &t) != 1)
		return -1;
	rc = store_ticket_messages(ctl->store, id, &msgs, &n);
	if (rc == 0) {
		struct outbound_cause c;
		outbound_cause_of_ticket(&t, NULL, &c);
		c.text = n > 0 && msgs[0].body_text ? msgs[0].body_text : "";
		rc = outbound_urgent_alert(ctl->store, cfg->out, &c, to, n_to,
		                           time(NULL), res);
	}
	store_messages_free(msgs, n);
	store_ticket_clear(&t);
	return rc;
}

static void
ctl_reclassify_report(const struct ctl *ctl, const struct ctl_correction *c,
                      const struct triage_result *tr,
                      const struct outbound_result *res)
{
	if (ctl->opts->json) {
		fputs("{", stdout);
		ctl_json_int(stdout, true, "ticket", c->id);
		ctl_json_field(stdout, false, "category", tr->category);
		ctl_json_field(stdout, false, "severity", tr->severity);
		ctl_json_int(stdout, false, "priority", tr->priority);
		ctl_json_int(stdout, false, "alerts", res->alerts);
		ctl_json_field(stdout, false, "by", c->actor);
		fputs("}\n", stdout);
		return;
	}
	printf("ticket #%lld: category %s, severity %s, priority %lld%s\n",
	       c->id, tr->category ? tr->category : "-",
	       tr->severity ? tr->severity : "-", tr->priority,
	       res->alerts > 0 ? "; urgent alert queued" : "");
}

static int
ctl_reclassify_tx(struct ctl *ctl, const struct ctl_correction *c)
{
	struct ingest_config cfg;
	struct ingest_rules *rules;
	struct outbound_config *out;
	struct classify_model model = {0};
	struct outbound_result res = {0};
	struct triage_result tr;
	int status, rc;

	if ((status = ctl_prepare_ingest(ctl, &cfg, &rules, &out, &model)))
		return status;
	rc =
	    store_begin(ctl->store) != 0
	        ? -1
	        : triage_reclassify(ctl->store, &cfg.triage, c->id, c->category,
	                            c->severity, c->actor, time(NULL), &tr);
	if (rc == 1 && tr.urgent_alert &&
	    ctl_alert(ctl, &cfg, &tr, c->id, &res) != 0)
		rc = -1;
	/* A new severity may mean another policy and nearer deadlines. */
	if (rc == 1 && sla_ticket_refresh(ctl->store, cfg.sla, c->id) != 0)
		rc = -1;
	if (rc == 1 && store_commit(ctl->store) != 0)
		rc = -1;
	if (rc == 1)
		ctl_wake_daemon(ctl);
	if (rc != 1)
		store_rollback(ctl->store);
	if (rc == 1)
		ctl_reclassify_report(ctl, c, &tr, &res);
	else if (rc == 0)
		fprintf(stderr, "complaintctl: no ticket #%lld\n", c->id);
	else
		fprintf(stderr,
		        "complaintctl: %s; nothing changed, try again "
		        "(exit 75)\n",
		        store_error(ctl->store));
	ctl_release_ingest(rules, out, &model);
	return rc == 1 ? EX_OK : rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
}

int
ctl_cmd_reclassify(const struct ctl_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"category", required_argument, NULL, 'c'},
	    {"severity", required_argument, NULL, 's'},
	    {"as", required_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	struct ctl_correction c = {0};
	const char *as = NULL;
	struct ctl ctl;
	int ch, status;

	while ((ch = getopt_long(argc, argv, "c:s:a:", longopts, NULL)) != -1) {
		if (ch == 'c')
			c.category = optarg;
		else if (ch == 's')
			c.severity = optarg;
		else if (ch == 'a')
			as = optarg;
		else
			return EX_USAGE;
	}
	if (optind + 1 != argc || ctl_parse_id(argv[optind], &c.id) != 0 ||
	    (c.category == NULL && c.severity == NULL)) {
		fprintf(stderr, "usage: complaintctl reclassify ID "
		                "[--category C] [--severity S] [--as AGENT]\n");
		return EX_USAGE;
	}
	c.actor = ctl_actor(as);
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	status = ctl_check_correction(ctl.conf, &c, as);
	if (status == 0)
		status = ctl_reclassify_tx(&ctl, &c);
	ctl_close(&ctl);
	return status;
}
