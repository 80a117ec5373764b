/*
 * triage: a new ticket's category, severity, team, assignee, priority and
 * tags, and whether its customer now complains too often; see triage.h.
 */
#include "priority.h"
#include "route.h"
#include "triage_p.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * More than repeat.threshold tickets in the window: the customer is
 * tagged, and their owner (else the team's lead) hears of it once per
 * window.
 */
static int
triage_repeat(struct store *store, const struct conf *conf,
              struct triage_customer *tc, const struct conf_team *team,
              long long now, struct triage_result *out)
{
	struct store_customer_change change = {.attention_until = -1,
	                                       .surveys_off = -1};
	const struct conf_agent *who;
	char *tags = NULL;
	int rc;

	if (tc->recent <= conf->repeat.threshold)
		return 0;
	if (!tc->repeat) {
		const char *tag = conf->repeat.tag;
		if ((tags = triage_tags_add(tc->c.tags, &tag, 1)) == NULL)
			return -1;
		change.tags = tags;
		tc->repeat = true;
	}
	who = conf_agent_find(conf, tc->c.owner);
	if (who == NULL && team != NULL)
		who = conf_agent_find(conf, team->lead);
	if (who != NULL && tc->c.attention_until < now) {
		out->repeat_notify = who;
		change.attention_until = now + conf->repeat.window;
	}
	rc = change.tags || change.attention_until >= 0
	         ? store_customer_update(store, tc->c.id, &change)
	         : 0;
	free(tags);
	return rc;
}

/* The customer's other open tickets, whose priority a new complaint (or
 * a change of tier) moves. */
int
triage_recompute(struct store *store, const struct conf *conf,
                 const struct triage_customer *tc, long long except)
{
	long long *ids;
	size_t n;
	int rc = 0;

	if (store_customer_open_tickets(store, tc->c.id, &ids, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct store_ticket t;
		long long score;
		if (ids[i] == except)
			continue;
		if ((rc = store_ticket_get(store, ids[i], &t)) != 1) {
			rc = rc < 0 ? -1 : 0;
			continue;
		}
		score = triage_score(conf, t.severity, tc, t.mailbox, t.boost);
		rc = score == t.priority
		         ? 0
		         : store_ticket_set_priority(store, ids[i], score);
		store_ticket_clear(&t);
	}
	free(ids);
	return rc;
}

/* Classification, with its reasons written while the scan (whose tokens
 * the decision borrows) is still there. */
static int
triage_classify(const struct triage_config *cfg, const struct triage_mail *m,
                const struct triage_customer *tc, struct classify_decision *d,
                struct triage_result *out)
{
	struct classify_facts facts = {
	    .sender = m->sender,
	    .mailbox = m->mailbox,
	    .language = m->language,
	    .tier = tc->vip ? "vip" : tc->c.tier,
	    .has_attachment = m->has_attachment,
	};
	struct classify_scan own;
	const struct classify_scan *scan = m->scan;

	if (scan == NULL) {
		if (classify_scan(cfg->rules, m->subject, m->text, &own) != 0)
			return -1;
		scan = &own;
	}
	classify_decide(cfg->rules, scan, &facts, cfg->model, d);
	classify_explain(d, out->reasons, sizeof(out->reasons));
	memset(d->tokens, 0, sizeof(d->tokens));
	if (scan == &own)
		classify_scan_clear(&own);
	return 0;
}

/* The ticket's tags, the rules fired, and the stored decision. */
static int
triage_store(struct store *store, const struct triage_mail *m,
             const struct classify_decision *d,
             const struct route_result *route, const struct triage_customer *tc,
             const char *repeat_tag, struct triage_result *out)
{
	const char *tag = repeat_tag;
	char *tags = triage_join(d->tags, d->n_tags);
	char *with = tags && tc->repeat ? triage_tags_add(tags, &tag, 1) : NULL;
	char *fired = triage_join(d->fired, d->n_fired);
	struct store_triage t = {
	    .category = d->category,
	    .severity = d->severity,
	    .team = route->team ? route->team->name : NULL,
	    .assignee = route->assignee ? route->assignee->name : NULL,
	    .product = d->product,
	    .tags = with ? with : tags,
	    .reasons = out->reasons,
	    .rules_fired = fired,
	    .confidence = d->category_confidence,
	    .boost = d->boost,
	    .priority = out->priority,
	};
	int rc = -1;

	if (tags != NULL && fired != NULL && (with != NULL || !tc->repeat))
		rc = store_ticket_set_triage(store, m->ticket_id, &t);
	free(tags);
	free(with);
	free(fired);
	return rc;
}

void
triage_reasons_add(struct triage_result *out, const char *fmt, ...)
{
	size_t len = strlen(out->reasons);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->reasons + len, sizeof(out->reasons) - len, fmt, ap);
	va_end(ap);
}

static int
triage_events(struct store *store, const struct triage_mail *m,
              const struct route_result *route, long long now,
              const struct triage_result *out)
{
	char detail[128];

	if (store_event_add(store, m->ticket_id, now, "ticket.classified",
	                    "complaintd", out->reasons, NULL) < 0)
		return -1;
	if (route->assignee == NULL)
		return 0;
	snprintf(detail, sizeof(detail), "to %s", route->assignee->name);
	return store_event_add(store, m->ticket_id, now, "ticket.assigned",
	                       "complaintd", detail, NULL) < 0
	           ? -1
	           : 0;
}

static void
triage_fill(const struct conf *conf, const struct classify_decision *d,
            const struct route_result *r, struct triage_result *out)
{
	/* The model's class names go with the model when it is reloaded;
	 * the configuration's stay. */
	const char *category = triage_category(conf, d->category);

	out->changed = true;
	out->category = category ? category : d->category;
	out->severity = triage_severity(d->severity);
	out->team = r->team ? r->team->name : NULL;
	out->assignee = r->assignee;
	out->notify_addr =
	    r->assignee ? r->assignee->address : r->queue_address;
	out->nobody_available = r->nobody_available;
	out->urgent_alert =
	    out->severity != NULL && strcmp(out->severity, "urgent") == 0;
}

int
triage_new_ticket(struct store *store, const struct triage_config *cfg,
                  const struct triage_mail *m, long long now,
                  struct triage_result *out)
{
	const struct conf *conf = cfg->conf;
	struct route_input in = {.mailbox = m->mailbox,
	                         .language = m->language};
	struct classify_decision d;
	struct route_result route;
	struct triage_customer tc;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (triage_customer_load(store, conf, m->customer_id, now, &tc) != 0)
		return -1;
	if (triage_classify(cfg, m, &tc, &d, out) != 0)
		goto done;
	in.category = d.category;
	in.product = d.product;
	in.rule_team = d.team;
	in.rule = d.team_rule;
	if (route_ticket(store, conf, &in, &route) != 0 ||
	    triage_repeat(store, conf, &tc, route.team, now, out) != 0)
		goto done;
	triage_fill(conf, &d, &route, out);
	out->recent = tc.recent;
	out->priority =
	    triage_score(conf, d.severity, &tc, m->mailbox, d.boost);
	triage_reasons_add(out, "; %s", route.why);
	if (tc.repeat)
		triage_reasons_add(out, "; repeat complainer (%lld tickets)",
		                   tc.recent);
	triage_reasons_add(out, "; priority %lld", out->priority);
	if (triage_store(store, m, &d, &route, &tc, conf->repeat.tag, out) ||
	    triage_events(store, m, &route, now, out) != 0 ||
	    triage_recompute(store, conf, &tc, m->ticket_id) != 0)
		goto done;
	rc = 0;
done:
	store_customer_clear(&tc.c);
	return rc;
}
