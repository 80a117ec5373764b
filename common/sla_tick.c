/*
 * sla_tick: one run of the scheduler over the tickets whose next SLA
 * event is due.  An event is recorded under its unique key, and its
 * notices staged, in one transaction; the run that finds nothing more
 * due writes the staged notices as mail, one per recipient, in its own
 * transaction too — so a crash or restart neither repeats nor loses one,
 * and a backlog of many runs still makes one digest per person.
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
	char *name, *address; /* the configuration's */
};

static size_t
sla_person_add(struct sla_person *v, size_t n, char *name, char *address)
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

/* when in the desk's time zone, as the log's own timestamps. */
static const char *
sla_time(long long when, char *buf, size_t size)
{
	time_t at = (time_t)when;
	struct tm tm;

	if (localtime_r(&at, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%dT%H:%M:%S%z", &tm) == 0)
		snprintf(buf, size, "%lld", when);
	return buf;
}

/* The log line of a recorded event. */
static void
sla_log(const struct store_ticket *t, const struct conf_policy *p,
        const struct sla_event *ev, const struct sla_person *to, size_t n)
{
	char names[256] = "", due[32];
	size_t len = 0;

	for (size_t i = 0; i < n && len < sizeof(names); i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len,
		                        "%s%s", i ? "," : "", to[i].address);
	sla_time(ev->due, due, sizeof(due));
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
         const struct sla_event *ev, long long now)
{
	const struct conf *conf = sla_desk_conf(desk);
	struct sla_person to[16];
	size_t n = ev->stopped ? 0 : sla_recipients(conf, p, t, ev, to);
	char key[96], detail[192], due[32];
	int rc, raise = ev->kind == SLA_ESCALATION
	                    ? p->levels[ev->level - 1].raise
	                    : 0;

	snprintf(detail, sizeof(detail), "clock=%s level=%d due=%s policy=%s",
	         sla_clock_name(ev->clock), ev->level,
	         sla_time(ev->due, due, sizeof(due)), p->name);
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
	struct store_sla_notice it = {
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

	it.send_at = sla_notify_at(p, sla_calendar_of(desk, p), urgent, now);
	if (n == 0 && !ev->stopped)
		log_warnx("sla: nobody to tell event=sla.nobody ticket=%lld "
		          "kind=%s level=%d: %s; the event is recorded",
		          t->id, sla_kind_name(ev->kind), ev->level,
		          ev->kind == SLA_ESCALATION
		              ? "none of the level's people exists for this "
		                "ticket (its team has no such lead or manager?)"
		              : "the ticket has no assignee, team address or "
		                "lead");
	for (size_t i = 0; i < n; i++) {
		it.recipient = to[i].address;
		it.name = to[i].name;
		if (store_sla_stage(store, &it) != 0)
			return -1;
	}
	return 0;
}

/*
 * Every due event of ticket id from its stored next one on (those before
 * it are recorded), then the next one after now.  Only a raised priority
 * needs the whole refresh: it may choose another policy.
 */
static int
sla_tick_ticket(struct store *store, const struct sla_desk *desk, long long id,
                long long now, struct sla_tick_result *res)
{
	struct sla_event ev[SLA_MAX_EVENTS];
	const struct conf_policy *p;
	struct store_ticket t;
	struct store_sla s;
	struct sla_clocks c;
	long long priority, next = -1;
	size_t n = 0;
	int rc = store_sla_ticket(store, id, &t, &s);

	if (rc != 1)
		return rc;
	priority = t.priority;
	rc = 0;
	if ((p = sla_ticket_policy(desk, &t)) != NULL) {
		sla_ticket_clocks(&t, &s, &c);
		n = sla_plan(p, sla_calendar_of(desk, p), &c, ev);
	}
	for (size_t i = 0; i < n && rc >= 0; i++) {
		if (ev[i].at > now) {
			next = ev[i].at;
			break;
		}
		if (ev[i].at >= s.next &&
		    (rc = sla_fire(store, desk, p, &t, &ev[i], now)) == 0)
			res->events++;
	}
	if (rc >= 0)
		rc = t.priority != priority
		         ? sla_ticket_refresh(store, desk, id)
		         : store_sla_set_next(store, id, next);
	store_ticket_clear(&t);
	store_sla_clear(&s);
	return rc < 0 ? -1 : 0;
}

/* The most events one notice lists; the rest are counted. */
#define SLA_NOTICE_ITEMS 100

/* One notice to recipient of what is staged for them, then unstaged. */
static int
sla_send_one(struct store *store, const struct outbound_config *ocfg,
             const char *recipient, long long now, struct sla_tick_result *res)
{
	struct outbound_sla_item items[SLA_NOTICE_ITEMS];
	struct store_sla_notice *v;
	long long total, send_at, id;
	size_t n;
	int rc;

	if (store_sla_staged_summary(store, recipient, &total, &send_at) != 0 ||
	    store_sla_staged(store, recipient, SLA_NOTICE_ITEMS, &v, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		items[i] = (struct outbound_sla_item){
		    .ticket_id = v[i].ticket_id,
		    .subject = v[i].subject,
		    .severity = v[i].severity,
		    .category = v[i].category,
		    .assignee = v[i].assignee,
		    .policy = v[i].policy,
		    .priority = v[i].priority,
		    .clock = v[i].clock,
		    .kind = v[i].kind,
		    .level = v[i].level,
		    .due = v[i].due,
		};
	rc = n == 0
	         ? 0
	         : outbound_sla_notice(store, ocfg, v[0].name, recipient, items,
	                               n, (size_t)total, now, send_at, &id);
	res->notices += rc == 0 && n > 0 && id > 0;
	store_sla_notices_free(v, n);
	return rc == 0 ? store_sla_unstage(store, recipient) : -1;
}

/* The staged notices as mail: one per recipient. */
static int
sla_send(struct store *store, const struct outbound_config *ocfg, long long now,
         struct sla_tick_result *res)
{
	char **to;
	size_t n;
	int rc = 0;

	if (store_sla_staged_recipients(store, &to, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = sla_send_one(store, ocfg, to[i], now, res);
	store_strings_free(to, n);
	return rc;
}

int
sla_tick(struct store *store, const struct sla_desk *desk,
         const struct outbound_config *ocfg, long long now,
         struct sla_tick_result *res)
{
	long long *ids;
	size_t n;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if (!sla_desk_active(desk))
		return 0;
	if (store_sla_due(store, now, SLA_TICK_BATCH, &ids, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = sla_tick_ticket(store, desk, ids[i], now, res);
	free(ids);
	res->tickets = n;
	res->more = n == SLA_TICK_BATCH;
	/* A backlog takes several runs; its notices wait for the last. */
	if (rc == 0 && !res->more && ocfg != NULL)
		rc = sla_send(store, ocfg, now, res);
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
