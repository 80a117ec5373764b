/*
 * sla: which policy a ticket falls under, its deadlines, and the
 * warnings, breaches and escalations they bring — pure functions of the
 * configuration, the ticket's clocks and an instant, so the scheduler,
 * ingest and complaintctl all decide the same and tests never sleep.
 *
 * The clocks (times are Unix seconds, -1 for "none"):
 *   first response  runs from creation until the first reply an agent
 *                   sends (the acknowledgement does not count);
 *   next response   runs from the first customer mail that waits for an
 *                   answer after the first response, until the next
 *                   agent reply;
 *   resolution      runs from creation, paused while the ticket is
 *                   pending (or resolved), until it is resolved.
 * A resolved or closed ticket owes no response: its response clocks stop
 * then too.
 * Targets are business time on the policy's calendar.
 */
#ifndef COMPLAINTD_SLA_H
#define COMPLAINTD_SLA_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "sla_cal.h"

/* The policies of conf with their calendars loaded. */
struct sla_desk;

/* NULL with err set (a calendar whose zone cannot be read).  conf is
 * borrowed and must outlive the desk.  Free with sla_desk_free. */
struct sla_desk *sla_desk_new(const struct conf *conf, char *err,
                              size_t err_size);
void sla_desk_free(struct sla_desk *desk);
/* The configuration the desk was made from. */
const struct conf *sla_desk_conf(const struct sla_desk *desk);
/* A fingerprint of the policies and calendars: when it changes, every
 * open ticket's deadlines are computed again. */
unsigned long long sla_desk_hash(const struct sla_desk *desk);
/* Whether a policy's condition is the priority (min_priority). */
bool sla_desk_uses_priority(const struct sla_desk *desk);
/* Whether any policy is configured (without, tickets have no SLA). */
bool sla_desk_active(const struct sla_desk *desk);

/* What a policy is chosen by. */
struct sla_facts {
	const char *severity, *category, *mailbox, *tier; /* NULL: unknown */
	long long priority;
};

/* The first policy whose conditions hold; NULL only without policies. */
const struct conf_policy *sla_policy_for(const struct sla_desk *desk,
                                         const struct sla_facts *facts);
const struct conf_policy *sla_policy_named(const struct sla_desk *desk,
                                           const char *name);
const struct sla_calendar *sla_calendar_of(const struct sla_desk *desk,
                                           const struct conf_policy *p);

/* One ticket's clocks, as the store keeps them. */
struct sla_clocks {
	long long created;
	long long first_response; /* the first agent reply; -1 none */
	long long waiting_since;  /* next response: the first customer mail
	                             unanswered since the last agent reply,
	                             after the first response; -1 none */
	long long paused_since;   /* resolution paused (pending, resolved,
	                             closed) since; -1 running */
	long long paused_total;   /* business seconds paused before */
	long long done;           /* resolved or closed at; -1 while open */
};

enum sla_clock {
	SLA_FIRST_RESPONSE,
	SLA_NEXT_RESPONSE,
	SLA_RESOLUTION,
	SLA_CLOCKS,
};

/* "first_response", "next_response", "resolution". */
const char *sla_clock_name(enum sla_clock clock);

/* The deadline of each running clock; -1 for one that is not running
 * (stopped, paused, or not in the policy); SLA_NEVER on a calendar with
 * no business time ahead. */
struct sla_deadlines {
	long long due[SLA_CLOCKS];
};

void sla_deadlines(const struct conf_policy *p, const struct sla_calendar *cal,
                   const struct sla_clocks *c, struct sla_deadlines *out);

enum sla_kind {
	SLA_WARNING,    /* before the deadline, to the assignee (or team) */
	SLA_BREACH,     /* at the deadline, to the assignee (or team) */
	SLA_ESCALATION, /* level 1.. after the breach, to the level's people */
};

const char *sla_kind_name(enum sla_kind kind);

struct sla_event {
	enum sla_clock clock;
	enum sla_kind kind;
	int level;       /* escalations: 1..CONF_MAX_LEVELS; else 0 */
	long long at;    /* when it is due */
	long long due;   /* the clock's deadline (for a warning, later) */
	long long cycle; /* which run of the clock: the waiting mail's time
	                    for next response, 0 for the others */
	bool stopped;    /* the clock stopped (or paused) after this was due:
	                    a late run records it but tells nobody */
};

#define SLA_MAX_EVENTS (SLA_CLOCKS * (2 + CONF_MAX_LEVELS))

/*
 * Every event of the ticket's clocks, due or not, in time order: those of
 * running clocks, and those a clock passed before it stopped or paused.
 * Returns how many (at most SLA_MAX_EVENTS).  An event whose time is
 * SLA_NEVER is left out.
 */
size_t sla_plan(const struct conf_policy *p, const struct sla_calendar *cal,
                const struct sla_clocks *c, struct sla_event *out);

/* The event's unique key for ticket: "sla:12:first_response:0:breach"
 * ("...:escalation2"); written into buf, returns buf. */
const char *sla_event_key(long long ticket, const struct sla_event *ev,
                          char *buf, size_t size);

/* When a notice about ticket should go out: now, or — policies that wait
 * for business hours, tickets that are not urgent — the calendar's next
 * business time. */
long long sla_notify_at(const struct conf_policy *p,
                        const struct sla_calendar *cal, bool urgent,
                        long long now);

#endif
