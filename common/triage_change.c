/*
 * triage_change: decisions revisited — a customer's reply that raises the
 * severity, an agent's correction (which also teaches the model), a
 * customer whose tier changed.
 */
#include "triage_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a ticket already has, as the result reports it. */
static void
triage_from_ticket(const struct conf *conf, const struct store_ticket *t,
                   struct triage_result *out)
{
	const struct conf_team *team = conf_team_find(conf, t->team);

	out->category = triage_category(conf, t->category);
	out->severity = triage_severity(t->severity);
	out->team = team ? team->name : NULL;
	out->assignee = conf_agent_find(conf, t->assignee);
	out->notify_addr =
	    triage_notify_addr(conf, t->assignee, t->team, t->mailbox);
	out->priority = t->priority;
}

/* The ticket's triage with severity, tags, boost and reasons replaced. */
static int
triage_rewrite(struct store *store, const struct store_ticket *t,
               const char *category, const char *severity, const char *tags,
               const char *fired, long long boost, long long priority,
               const char *reasons)
{
	struct store_triage st = {
	    .category = category,
	    .severity = severity,
	    .team = t->team,
	    .assignee = t->assignee,
	    .product = t->product,
	    .tags = tags,
	    .reasons = reasons,
	    .rules_fired = fired,
	    .confidence = t->confidence,
	    .boost = boost,
	    .priority = priority,
	};

	return store_ticket_set_triage(store, t->id, &st);
}

/* The boosts of the rules d fired that the ticket's earlier mail had not:
 * a rule counts once per ticket however often its words recur. */
static long long
triage_new_boost(const struct conf *conf, const struct store_ticket *t,
                 const struct classify_decision *d)
{
	long long boost = 0;

	for (size_t i = 0; i < d->n_fired; i++) {
		if (triage_has_tag(t->rules_fired, d->fired[i]))
			continue;
		for (size_t r = 0; r < conf->n_rules; r++)
			if (strcmp(conf->rules[r].name, d->fired[i]) == 0)
				boost += conf->rules[r].boost;
	}
	return boost;
}

/* The reply's rules: a more pressing severity than the ticket has. */
static int
triage_escalate(struct store *store, const struct triage_config *cfg,
                const struct store_ticket *t, const struct triage_customer *tc,
                const struct classify_decision *d, long long now,
                struct triage_result *out)
{
	char *tags = triage_tags_add(t->tags, d->tags, d->n_tags);
	char *fired = triage_tags_add(t->rules_fired, d->fired, d->n_fired);
	long long boost = t->boost + triage_new_boost(cfg->conf, t, d);
	int rc = -1;

	out->severity = triage_severity(d->severity);
	out->priority =
	    triage_score(cfg->conf, d->severity, tc, t->mailbox, boost);
	snprintf(out->reasons, sizeof(out->reasons),
	         "%s; severity raised to %s by a reply (rule %s); priority "
	         "%lld",
	         t->reasons, d->severity, d->severity_rule, out->priority);
	if (tags != NULL && fired != NULL &&
	    triage_rewrite(store, t, t->category, d->severity, tags, fired,
	                   boost, out->priority, out->reasons) == 0 &&
	    store_event_add(store, t->id, now, "ticket.escalated", "complaintd",
	                    out->reasons, NULL) >= 0)
		rc = 0;
	out->changed = rc == 0;
	out->urgent_alert = rc == 0 && strcmp(d->severity, "urgent") == 0;
	free(tags);
	free(fired);
	return rc;
}

static int
triage_reply_rules(struct store *store, const struct triage_config *cfg,
                   const struct triage_mail *m, const struct store_ticket *t,
                   long long now, struct triage_result *out)
{
	struct triage_customer tc;
	struct classify_decision d;
	struct classify_scan own;
	const struct classify_scan *scan = m->scan;
	struct classify_facts facts = {
	    .sender = m->sender,
	    .mailbox = m->mailbox,
	    .language = m->language,
	    .has_attachment = m->has_attachment,
	};
	int rc = 0;

	if (triage_customer_load(store, cfg->conf, t->customer_id, now, &tc))
		return -1;
	facts.tier = tc.vip ? "vip" : tc.c.tier;
	if (scan == NULL &&
	    classify_scan(cfg->rules, m->subject, m->text, &own) != 0) {
		store_customer_clear(&tc.c);
		return -1;
	}
	/* Rules alone: a reply is too short and too unlike a complaint for
	 * the model, and it never changes the category. */
	classify_decide(cfg->rules, scan ? scan : &own, &facts, NULL, &d);
	if (d.severity_by == CLASSIFY_BY_RULE &&
	    conf_severity_index(d.severity) > conf_severity_index(t->severity))
		rc = triage_escalate(store, cfg, t, &tc, &d, now, out);
	if (scan == NULL)
		classify_scan_clear(&own);
	store_customer_clear(&tc.c);
	return rc;
}

int
triage_reply(struct store *store, const struct triage_config *cfg,
             const struct triage_mail *m, long long now,
             struct triage_result *out)
{
	struct store_ticket t;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_ticket_get(store, m->ticket_id, &t)) != 1)
		return rc;
	triage_from_ticket(cfg->conf, &t, out);
	rc = cfg->rules != NULL
	         ? triage_reply_rules(store, cfg, m, &t, now, out)
	         : 0;
	store_ticket_clear(&t);
	return rc;
}

/* Teaches the model what the ticket's first mail is, per label given. */
static int
triage_teach(struct store *store, const struct triage_config *cfg,
             const struct store_ticket *t, const char *category,
             const char *severity)
{
	struct store_message *msgs;
	struct bayes_doc doc;
	size_t n, i;
	int rc = -1;

	if (store_ticket_messages(store, t->id, &msgs, &n) != 0)
		return -1;
	for (i = 0; i < n && strcmp(msgs[i].direction, "in") != 0; i++)
		;
	if (classify_doc(t->subject,
	                 i < n && msgs[i].body_text ? msgs[i].body_text : "",
	                 &doc) == 0) {
		rc = 0;
		if (category != NULL)
			rc = classify_model_teach(store, cfg->model, t->id,
			                          "category", category, &doc);
		if (rc == 0 && severity != NULL)
			rc = classify_model_teach(store, cfg->model, t->id,
			                          "severity", severity, &doc);
		bayes_doc_clear(&doc);
	}
	store_messages_free(msgs, n);
	return rc;
}

static int
triage_correct(struct store *store, const struct triage_config *cfg,
               const struct store_ticket *t, const char *category,
               const char *severity, const char *actor, long long now,
               struct triage_result *out)
{
	const char *cat = category ? category : t->category;
	const char *sev = severity ? severity : t->severity;
	struct triage_customer tc;
	char detail[256];
	int rc;

	if (triage_customer_load(store, cfg->conf, t->customer_id, now, &tc))
		return -1;
	out->priority = triage_score(cfg->conf, sev, &tc, t->mailbox, t->boost);
	store_customer_clear(&tc.c);
	snprintf(detail, sizeof(detail), "category %s -> %s, severity %s -> %s",
	         t->category ? t->category : "-", cat ? cat : "-",
	         t->severity ? t->severity : "-", sev ? sev : "-");
	snprintf(out->reasons, sizeof(out->reasons),
	         "%s; corrected by %s: %s; priority %lld", t->reasons, actor,
	         detail, out->priority);
	rc = triage_rewrite(store, t, cat, sev, t->tags, t->rules_fired,
	                    t->boost, out->priority, out->reasons);
	if (rc == 0 && store_event_add(store, t->id, now, "ticket.reclassified",
	                               actor, detail, NULL) < 0)
		rc = -1;
	out->changed = rc == 0;
	out->category = triage_category(cfg->conf, cat);
	out->severity = triage_severity(sev);
	out->urgent_alert =
	    rc == 0 && sev != NULL && strcmp(sev, "urgent") == 0 &&
	    (t->severity == NULL || strcmp(t->severity, "urgent") != 0);
	return rc;
}

int
triage_reclassify(struct store *store, const struct triage_config *cfg,
                  long long ticket_id, const char *category,
                  const char *severity, const char *actor, long long now,
                  struct triage_result *out)
{
	struct store_ticket t;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_ticket_get(store, ticket_id, &t)) != 1)
		return rc;
	triage_from_ticket(cfg->conf, &t, out);
	rc = triage_teach(store, cfg, &t, category, severity) == 0 &&
	             triage_correct(store, cfg, &t, category, severity, actor,
	                            now, out) == 0
	         ? 1
	         : -1;
	store_ticket_clear(&t);
	return rc;
}

int
triage_customer_changed(struct store *store, const struct conf *conf,
                        long long customer_id, long long now)
{
	struct triage_customer tc;
	int rc;

	if (triage_customer_load(store, conf, customer_id, now, &tc) != 0)
		return -1;
	rc = triage_recompute(store, conf, &tc, -1);
	store_customer_clear(&tc.c);
	return rc;
}
