/*
 * sla_ticket: a stored ticket's SLA — its policy and deadlines chosen
 * again whenever something they depend on changes, its clocks moved by
 * mail, replies and status changes, and sla_next kept at the earliest
 * event not yet recorded, which is all the scheduler looks at.
 */
#include "sla_ticket.h"

#include <stdlib.h>
#include <string.h>

static bool
sla_paused_status(const char *status)
{
	return strcmp(status, "pending") == 0 ||
	       strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0;
}

/* The ticket's row and SLA state; 1, 0 (no such ticket) or -1. */
static int
sla_ticket_read(struct store *store, long long id, struct store_ticket *t,
                struct store_sla *s)
{
	int rc = store_ticket_get(store, id, t);

	if (rc != 1)
		return rc;
	if ((rc = store_sla_get(store, id, s)) != 1)
		store_ticket_clear(t);
	return rc;
}

static void
sla_ticket_clear(struct store_ticket *t, struct store_sla *s)
{
	store_ticket_clear(t);
	store_sla_clear(s);
}

void
sla_ticket_clocks(const struct store_ticket *t, const struct store_sla *s,
                  struct sla_clocks *c)
{
	c->created = t->created;
	c->first_response = s->first_response;
	c->waiting_since = s->waiting_since;
	c->paused_since = s->paused_since;
	c->paused_total = s->paused_total;
	c->done = t->resolved >= 0 ? t->resolved : t->closed;
}

const struct conf_policy *
sla_ticket_policy(const struct sla_desk *desk, const struct store_ticket *t)
{
	struct sla_facts f = {t->severity, t->category, t->mailbox,
	                      t->customer_tier, t->priority};

	return sla_policy_for(desk, &f);
}

static bool
sla_fired_has(char **keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

/* Policy, deadlines and next of s from t's facts and clocks. */
static int
sla_ticket_compute(struct store *store, const struct sla_desk *desk,
                   const struct store_ticket *t, struct store_sla *s)
{
	const struct conf_policy *p = sla_ticket_policy(desk, t);
	struct sla_event ev[SLA_MAX_EVENTS];
	struct sla_deadlines dl;
	struct sla_clocks c;
	char **keys, key[96];
	size_t n, n_keys;

	free(s->policy);
	s->policy = NULL;
	s->next = -1;
	for (int k = 0; k < SLA_CLOCKS; k++)
		s->due[k] = -1;
	if (p == NULL)
		return 0;
	if ((s->policy = strdup(p->name)) == NULL)
		return -1;
	sla_ticket_clocks(t, s, &c);
	sla_deadlines(p, sla_calendar_of(desk, p), &c, &dl);
	for (int k = 0; k < SLA_CLOCKS; k++)
		s->due[k] = dl.due[k] == SLA_NEVER ? -1 : dl.due[k];
	n = sla_plan(p, sla_calendar_of(desk, p), &c, ev);
	if (store_sla_fired(store, t->id, &keys, &n_keys) != 0)
		return -1;
	for (size_t i = 0; i < n && s->next < 0; i++)
		if (!sla_fired_has(
		        keys, n_keys,
		        sla_event_key(t->id, &ev[i], key, sizeof(key))))
			s->next = ev[i].at;
	store_strings_free(keys, n_keys);
	return 0;
}

/* Reads the ticket, lets change (if any) move its clocks, then stores
 * them with the policy chosen and deadlines computed again. */
static int
sla_ticket_change(struct store *store, const struct sla_desk *desk,
                  long long id, long long at,
                  void (*change)(const struct sla_desk *desk,
                                 const struct store_ticket *t,
                                 struct store_sla *s, long long at))
{
	struct store_ticket t;
	struct store_sla s;
	int rc;

	if (!sla_desk_active(desk))
		return 0;
	if ((rc = sla_ticket_read(store, id, &t, &s)) != 1)
		return rc < 0 ? -1 : 0;
	if (change != NULL)
		change(desk, &t, &s, at);
	rc = sla_ticket_compute(store, desk, &t, &s) == 0 &&
	             store_sla_put(store, id, &s) == 0
	         ? 0
	         : -1;
	sla_ticket_clear(&t, &s);
	return rc;
}

int
sla_ticket_refresh(struct store *store, const struct sla_desk *desk,
                   long long id)
{
	return sla_ticket_change(store, desk, id, 0, NULL);
}

/* Resolution runs again: the pause counted in business time. */
static void
sla_resume(const struct sla_desk *desk, const struct store_ticket *t,
           struct store_sla *s, long long at)
{
	const struct conf_policy *p = sla_ticket_policy(desk, t);

	if (s->paused_since < 0)
		return;
	if (p != NULL && at > s->paused_since)
		s->paused_total +=
		    sla_elapsed(sla_calendar_of(desk, p), s->paused_since, at);
	s->paused_since = -1;
}

static void
sla_on_customer_mail(const struct sla_desk *desk, const struct store_ticket *t,
                     struct store_sla *s, long long at)
{
	if (!sla_paused_status(t->status))
		sla_resume(desk, t, s, at);
	/* Before the first response its own clock covers the wait. */
	if (s->first_response >= 0 && s->waiting_since < 0)
		s->waiting_since = at;
}

static void
sla_on_agent_reply(const struct sla_desk *desk, const struct store_ticket *t,
                   struct store_sla *s, long long at)
{
	(void)desk;
	(void)t;
	if (s->first_response < 0)
		s->first_response = at;
	s->waiting_since = -1;
}

static void
sla_on_status(const struct sla_desk *desk, const struct store_ticket *t,
              struct store_sla *s, long long at)
{
	if (!sla_paused_status(t->status))
		sla_resume(desk, t, s, at);
	else if (s->paused_since < 0)
		s->paused_since = at;
	/* Resolved or closed, nothing is owed: a reply later starts anew. */
	if (strcmp(t->status, "resolved") == 0 ||
	    strcmp(t->status, "closed") == 0)
		s->waiting_since = -1;
}

int
sla_ticket_customer_mail(struct store *store, const struct sla_desk *desk,
                         long long id, long long at)
{
	return sla_ticket_change(store, desk, id, at, sla_on_customer_mail);
}

int
sla_ticket_agent_reply(struct store *store, const struct sla_desk *desk,
                       long long id, long long at)
{
	return sla_ticket_change(store, desk, id, at, sla_on_agent_reply);
}

int
sla_ticket_status(struct store *store, const struct sla_desk *desk,
                  long long id, long long at)
{
	return sla_ticket_change(store, desk, id, at, sla_on_status);
}
