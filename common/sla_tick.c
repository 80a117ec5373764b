/*
 * sla_tick: one run of the scheduler over the tickets whose next SLA
 * event is due.  An event is recorded under its unique key before anyone
 * is told, in the same transaction as the notice, so a crash or restart
 * neither repeats nor loses one.
 */
#include "sla_ticket.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Someone a notice goes to. */
struct sla_person {
	const char *name, *address;
};

/* An item of a notice and the copies of the strings it points to: the
 * ticket they come from is gone before the notices are written. */
struct sla_owned_item {
	struct outbound_sla_item it;
	char *strs[5];
};

/* The notices of one run: items, each with its recipient. */
struct sla_notices {
	struct sla_owned_item *items;
	struct sla_person *to;
	long long *send_at;
	size_t n, cap;
};

static int
sla_item_copy(struct sla_owned_item *dst, const struct outbound_sla_item *it)
{
	const char *src[5] = {it->subject, it->severity, it->category,
	                      it->assignee, it->policy};

	dst->it = *it;
	for (int i = 0; i < 5; i++)
		dst->strs[i] = NULL;
	for (int i = 0; i < 5; i++)
		if (src[i] != NULL && (dst->strs[i] = strdup(src[i])) == NULL)
			return -1;
	dst->it.subject = dst->strs[0];
	dst->it.severity = dst->strs[1];
	dst->it.category = dst->strs[2];
	dst->it.assignee = dst->strs[3];
	dst->it.policy = dst->strs[4];
	return 0;
}

static void
sla_notices_free(struct sla_notices *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		for (int k = 0; k < 5; k++)
			free(ns->items[i].strs[k]);
	free(ns->items);
	free(ns->to);
	free(ns->send_at);
	memset(ns, 0, sizeof(*ns));
}

static int
sla_notices_add(struct sla_notices *ns, const struct outbound_sla_item *it,
                struct sla_person to, long long send_at)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? 2 * ns->cap : 16;
		void *a = realloc(ns->items, cap * sizeof(*ns->items));
		if (a != NULL)
			ns->items = a;
		void *b = realloc(ns->to, cap * sizeof(*ns->to));
		if (b != NULL)
			ns->to = b;
		void *c = realloc(ns->send_at, cap * sizeof(*ns->send_at));
		if (c != NULL)
			ns->send_at = c;
		if (a == NULL || b == NULL || c == NULL)
			return -1;
		ns->cap = cap;
	}
	/* Counted even when a copy fails, so its strings are freed. */
	ns->to[ns->n] = to;
	ns->send_at[ns->n] = send_at;
	return sla_item_copy(&ns->items[ns->n++], it);
}

static size_t
sla_person_add(struct sla_person *v, size_t n, const char *name,
               const char *address)
{
	if (address == NULL)
		return n;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i].address, address) == 0)
			return n;
	v[n].name = name;
	v[n].address = address;
	return n + 1;
}

static size_t
sla_agent_add(const struct conf *conf, struct sla_person *v, size_t n,
              const char *agent)
{
	const struct conf_agent *a = conf_agent_find(conf, agent);

	return a ? sla_person_add(v, n, a->name, a->address) : n;
}

/* The owner of a warning or breach: the assignee, else the team's
 * address, else its lead. */
static size_t
sla_owner(const struct conf *conf, const struct conf_team *team,
          const struct store_ticket *t, struct sla_person *out)
{
	size_t n = sla_agent_add(conf, out, 0, t->assignee);

	if (n == 0 && team != NULL)
		n = sla_person_add(out, 0, team->name, team->address);
	if (n == 0 && team != NULL)
		n = sla_agent_add(conf, out, 0, team->lead);
	return n;
}

/* Who hears of ev on ticket t: the owner of a warning or breach; a
 * level's people of an escalation.  Returns how many. */
static size_t
sla_recipients(const struct conf *conf, const struct conf_policy *p,
               const struct store_ticket *t, const struct sla_event *ev,
               struct sla_person *out)
{
	const struct conf_team *team = conf_team_find(conf, t->team);
	const struct conf_strings *to;
	size_t n = 0;

	if (ev->kind != SLA_ESCALATION)
		return sla_owner(conf, team, t, out);
	to = &p->levels[ev->level - 1].to;
	for (size_t i = 0; i < to->n && n < 16; i++) {
		const char *who = to->v[i];
		if (strcmp(who, "assignee") == 0)
			n = sla_agent_add(conf, out, n, t->assignee);
		else if (strcmp(who, "team") == 0)
			n = team ? sla_person_add(out, n, team->name,
			                          team->address)
			         : n;
		else if (strcmp(who, "lead") == 0)
			n = team ? sla_agent_add(conf, out, n, team->lead) : n;
		else if (strcmp(who, "manager") == 0)
			n = team ? sla_agent_add(conf, out, n, team->manager)
			         : n;
		else
			n = sla_agent_add(conf, out, n, who);
	}
	return n;
}

/* The log line of a recorded event. */
static void
sla_log(const struct store_ticket *t, const struct conf_policy *p,
        const struct sla_event *ev, const struct sla_person *to, size_t n)
{
	char names[256] = "", due[32];
	size_t len = 0;
	time_t at = (time_t)ev->due;
	struct tm tm;

	for (size_t i = 0; i < n && len < sizeof(names); i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len,
		                        "%s%s", i ? "," : "", to[i].address);
	gmtime_r(&at, &tm);
	strftime(due, sizeof(due), "%Y-%m-%dT%H:%M:%SZ", &tm);
	log_info("sla: %s event=sla.%s ticket=%lld clock=%s level=%d "
	         "due=%s policy=%s severity=%s to=%s%s",
	         ev->kind == SLA_WARNING  ? "deadline near"
	         : ev->kind == SLA_BREACH ? "deadline missed"
	                                  : "escalated",
	         sla_kind_name(ev->kind), t->id, sla_clock_name(ev->clock),
	         ev->level, due, p->name, t->severity ? t->severity : "-",
	         n ? names : "-",
	         ev->stopped ? " late=yes (the clock stopped since; nobody is "
	                       "told)"
	                     : "");
}

/* Records ev on t (1 when it fired before), raises the priority a level
 * asks for (t->priority follows, for the notices of later levels of the
 * same run), and adds its notices.  0, 1 or -1. */
static int
sla_fire(struct store *store, const struct sla_desk *desk,
         const struct conf_policy *p, struct store_ticket *t,
         const struct sla_event *ev, long long now, struct sla_notices *ns)
{
	const struct conf *conf = sla_desk_conf(desk);
	struct sla_person to[16];
	size_t n = ev->stopped ? 0 : sla_recipients(conf, p, t, ev, to);
	char key[96], detail[160];
	int rc, raise = ev->kind == SLA_ESCALATION
	                    ? p->levels[ev->level - 1].raise
	                    : 0;

	snprintf(detail, sizeof(detail), "clock=%s level=%d due=%lld policy=%s",
	         sla_clock_name(ev->clock), ev->level, ev->due, p->name);
	rc = store_event_add(store, t->id, now,
	                     ev->kind == SLA_WARNING  ? "sla.warning"
	                     : ev->kind == SLA_BREACH ? "sla.breach"
	                                              : "sla.escalation",
	                     "complaintd", detail,
	                     sla_event_key(t->id, ev, key, sizeof(key)));
	if (rc != 0)
		return rc;
	sla_log(t, p, ev, to, n);
	if (raise > 0 && store_ticket_raise(store, t->id, raise) != 0)
		return -1;
	t->priority += raise;
	struct outbound_sla_item it = {
	    .ticket_id = t->id,
	    .subject = t->subject,
	    .severity = t->severity,
	    .category = t->category,
	    .assignee = t->assignee,
	    .policy = p->name,
	    .priority = t->priority,
	    .clock = (int)ev->clock,
	    .kind = (int)ev->kind,
	    .level = ev->level,
	    .due = ev->due,
	};
	bool urgent = t->severity && strcmp(t->severity, "urgent") == 0;
	long long send_at =
	    sla_notify_at(p, sla_calendar_of(desk, p), urgent, now);
	if (n == 0 && !ev->stopped)
		log_warnx("sla: nobody to tell event=sla.nobody ticket=%lld "
		          "kind=%s: the ticket has no assignee, team address "
		          "or lead",
		          t->id, sla_kind_name(ev->kind));
	for (size_t i = 0; i < n; i++)
		if (sla_notices_add(ns, &it, to[i], send_at) != 0)
			return -1;
	return 0;
}

/* Every due, unrecorded event of ticket id; then its next one stored. */
static int
sla_tick_ticket(struct store *store, const struct sla_desk *desk, long long id,
                long long now, struct sla_notices *ns,
                struct sla_tick_result *res)
{
	struct sla_event ev[SLA_MAX_EVENTS];
	const struct conf_policy *p;
	struct store_ticket t;
	struct store_sla s;
	struct sla_clocks c;
	size_t n;
	int rc = store_ticket_get(store, id, &t);

	if (rc != 1)
		return rc;
	if ((rc = store_sla_get(store, id, &s)) != 1) {
		store_ticket_clear(&t);
		return rc;
	}
	rc = 0;
	if ((p = sla_ticket_policy(desk, &t)) != NULL) {
		sla_ticket_clocks(&t, &s, &c);
		n = sla_plan(p, sla_calendar_of(desk, p), &c, ev);
		for (size_t i = 0; i < n && ev[i].at <= now && rc >= 0; i++)
			if ((rc = sla_fire(store, desk, p, &t, &ev[i], now,
			                   ns)) == 0)
				res->events++;
	}
	store_ticket_clear(&t);
	store_sla_clear(&s);
	/* A raised priority may choose another policy. */
	return rc < 0 ? -1 : sla_ticket_refresh(store, desk, id);
}

/* One notice per recipient: their items, sent at the earliest time any
 * of them asks for. */
static int
sla_tick_send(struct store *store, const struct outbound_config *ocfg,
              struct sla_notices *ns, long long now,
              struct sla_tick_result *res)
{
	struct outbound_sla_item *items;
	bool *done = calloc(ns->n + 1, sizeof(*done));
	int rc = 0;

	items = calloc(ns->n + 1, sizeof(*items));
	if (done == NULL || items == NULL)
		rc = -1;
	for (size_t i = 0; i < ns->n && rc == 0; i++) {
		long long send_at = ns->send_at[i], id;
		size_t k = 0;
		if (done[i])
			continue;
		for (size_t j = i; j < ns->n; j++) {
			if (done[j] || strcasecmp(ns->to[j].address,
			                          ns->to[i].address) != 0)
				continue;
			done[j] = true;
			items[k++] = ns->items[j].it;
			if (ns->send_at[j] < send_at)
				send_at = ns->send_at[j];
		}
		rc = outbound_sla_notice(store, ocfg, ns->to[i].name,
		                         ns->to[i].address, items, k, now,
		                         send_at, &id);
		res->notices += rc == 0 && id > 0;
	}
	free(items);
	free(done);
	return rc;
}

int
sla_tick(struct store *store, const struct sla_desk *desk,
         const struct outbound_config *ocfg, long long now,
         struct sla_tick_result *res)
{
	struct sla_notices ns = {0};
	long long *ids;
	size_t n;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if (!sla_desk_active(desk))
		return 0;
	if (store_sla_due(store, now, SLA_TICK_BATCH, &ids, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = sla_tick_ticket(store, desk, ids[i], now, &ns, res);
	res->tickets = n;
	res->more = n == SLA_TICK_BATCH;
	if (rc == 0 && ocfg != NULL)
		rc = sla_tick_send(store, ocfg, &ns, now, res);
	sla_notices_free(&ns);
	free(ids);
	return rc;
}

int
sla_refresh_page(struct store *store, const struct sla_desk *desk,
                 long long *after, size_t *n_r)
{
	long long *ids;
	size_t n;
	int rc = 0;

	*n_r = 0;
	if (!sla_desk_active(desk))
		return 0;
	if (store_sla_tickets_after(store, *after, SLA_TICK_BATCH, &ids, &n))
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = sla_ticket_refresh(store, desk, ids[i]);
	if (n > 0)
		*after = ids[n - 1];
	*n_r = n;
	free(ids);
	return rc;
}
