/*
 * sla: policies, deadlines and the events they bring; see sla.h.
 */
#include "sla.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sla_desk {
	const struct conf *conf;
	struct sla_calendar *always;
	struct sla_calendar **calendars; /* as conf->calendars */
	size_t n_calendars;
};

struct sla_desk *
sla_desk_new(const struct conf *conf, char *err, size_t err_size)
{
	struct sla_desk *desk = calloc(1, sizeof(*desk));
	struct sla_calendar_spec spec;

	snprintf(err, err_size, "out of memory");
	if (desk == NULL)
		return NULL;
	desk->conf = conf;
	desk->always = sla_calendar_always();
	desk->calendars = calloc(conf->n_calendars + 1, sizeof(void *));
	if (desk->always == NULL || desk->calendars == NULL)
		goto fail;
	for (size_t i = 0; i < conf->n_calendars; i++) {
		conf_calendar_spec(&conf->calendars[i], &spec);
		desk->calendars[i] = sla_calendar_new(&spec, err, err_size);
		if (desk->calendars[i] == NULL)
			goto fail;
		desk->n_calendars++;
	}
	return desk;
fail:
	sla_desk_free(desk);
	return NULL;
}

void
sla_desk_free(struct sla_desk *desk)
{
	if (desk == NULL)
		return;
	for (size_t i = 0; i < desk->n_calendars; i++)
		sla_calendar_free(desk->calendars[i]);
	free(desk->calendars);
	sla_calendar_free(desk->always);
	free(desk);
}

const struct conf *
sla_desk_conf(const struct sla_desk *desk)
{
	return desk->conf;
}

static unsigned long long
sla_hash_bytes(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static unsigned long long
sla_hash_str(unsigned long long h, const char *s)
{
	return sla_hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static unsigned long long
sla_hash_strings(unsigned long long h, const struct conf_strings *l)
{
	for (size_t i = 0; i < l->n; i++)
		h = sla_hash_str(h, l->v[i]);
	return sla_hash_bytes(h, &l->n, sizeof(l->n));
}

static unsigned long long
sla_hash_policy(unsigned long long h, const struct conf_policy *p)
{
	long long nums[] = {
	    p->min_priority, p->first_response, p->next_response, p->resolution,
	    p->warn_percent, p->warn_before,    p->notify};

	h = sla_hash_str(h, p->name);
	h = sla_hash_strings(h, &p->severity);
	h = sla_hash_strings(h, &p->category);
	h = sla_hash_strings(h, &p->mailbox);
	h = sla_hash_strings(h, &p->tier);
	h = sla_hash_str(h, p->calendar);
	h = sla_hash_bytes(h, nums, sizeof(nums));
	for (int l = 0; l < CONF_MAX_LEVELS; l++) {
		long long lv[] = {p->levels[l].after, p->levels[l].raise};
		h = sla_hash_strings(h, &p->levels[l].to);
		h = sla_hash_bytes(h, lv, sizeof(lv));
	}
	return h;
}

unsigned long long
sla_desk_hash(const struct sla_desk *desk)
{
	const struct conf *conf = desk->conf;
	unsigned long long h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < conf->n_policies; i++)
		h = sla_hash_policy(h, &conf->policies[i]);
	for (size_t i = 0; i < conf->n_calendars; i++) {
		const struct conf_calendar *c = &conf->calendars[i];
		h = sla_hash_str(h, c->name);
		h = sla_hash_str(h, c->timezone);
		h = sla_hash_bytes(h, c->hours, sizeof(c->hours));
		h = sla_hash_bytes(h, c->n_hours, sizeof(c->n_hours));
		h = sla_hash_bytes(h, c->extra_intervals,
		                   sizeof(c->extra_intervals));
		h = sla_hash_bytes(h, &c->n_extra_intervals,
		                   sizeof(c->n_extra_intervals));
		h = sla_hash_bytes(h, c->holiday_days,
		                   c->n_holiday_days * sizeof(int32_t));
		h = sla_hash_bytes(h, c->extra_day_nums,
		                   c->n_extra_day_nums * sizeof(int32_t));
	}
	/* Positive: it is kept as a signed integer. */
	return h >> 1;
}

bool
sla_desk_uses_priority(const struct sla_desk *desk)
{
	for (size_t i = 0; i < desk->conf->n_policies; i++)
		if (desk->conf->policies[i].min_priority >= 0)
			return true;
	return false;
}

bool
sla_desk_active(const struct sla_desk *desk)
{
	return desk != NULL && desk->conf->n_policies > 0;
}

const struct conf_policy *
sla_policy_for(const struct sla_desk *desk, const struct sla_facts *f)
{
	const struct conf *conf = desk->conf;

	for (size_t i = 0; i < conf->n_policies; i++) {
		const struct conf_policy *p = &conf->policies[i];
		if (conf_list_allows(&p->severity, f->severity) &&
		    conf_list_allows(&p->category, f->category) &&
		    conf_list_allows(&p->mailbox, f->mailbox) &&
		    conf_list_allows(&p->tier, f->tier) &&
		    (p->min_priority < 0 || f->priority >= p->min_priority))
			return p;
	}
	return NULL;
}

const struct conf_policy *
sla_policy_named(const struct sla_desk *desk, const char *name)
{
	for (size_t i = 0; name != NULL && i < desk->conf->n_policies; i++)
		if (strcmp(desk->conf->policies[i].name, name) == 0)
			return &desk->conf->policies[i];
	return NULL;
}

const struct sla_calendar *
sla_calendar_of(const struct sla_desk *desk, const struct conf_policy *p)
{
	for (size_t i = 0; i < desk->n_calendars; i++)
		if (strcmp(desk->conf->calendars[i].name, p->calendar) == 0)
			return desk->calendars[i];
	return desk->always;
}

const char *
sla_clock_name(enum sla_clock clock)
{
	static const char *const names[] = {"first_response", "next_response",
	                                    "resolution"};

	return clock < SLA_CLOCKS ? names[clock] : "?";
}

const char *
sla_kind_name(enum sla_kind kind)
{
	static const char *const names[] = {"warning", "breach", "escalation"};

	return kind <= SLA_ESCALATION ? names[kind] : "?";
}

/* A clock as the plan sees it: where its business time starts, how much
 * it had before (resolution's pauses), its target, when it stopped. */
struct sla_run {
	long long start, before, target, stopped, cycle;
};

/* The earlier of two stop times, -1 meaning "not stopped". */
static long long
sla_first_stop(long long a, long long b)
{
	if (a < 0)
		return b;
	return b < 0 || a < b ? a : b;
}

/* The clock's run, or false when it does not run and never ran. */
static bool
sla_run_of(const struct conf_policy *p, const struct sla_clocks *c,
           enum sla_clock clock, struct sla_run *r)
{
	memset(r, 0, sizeof(*r));
	r->stopped = -1;
	switch (clock) {
	case SLA_FIRST_RESPONSE:
		r->start = c->created;
		r->target = p->first_response;
		r->stopped = sla_first_stop(c->first_response, c->done);
		break;
	case SLA_NEXT_RESPONSE:
		if (c->waiting_since < 0)
			return false;
		r->start = r->cycle = c->waiting_since;
		r->target = p->next_response;
		r->stopped = c->done;
		break;
	default:
		r->start = c->created;
		r->before = c->paused_total;
		r->target = p->resolution;
		r->stopped = c->paused_since;
		break;
	}
	return r->target > 0;
}

/* The instant business seconds after the run's start, its pauses
 * counted in. */
static long long
sla_at(const struct sla_calendar *cal, const struct sla_run *r,
       long long seconds)
{
	return sla_add(cal, r->start, r->before + seconds);
}

void
sla_deadlines(const struct conf_policy *p, const struct sla_calendar *cal,
              const struct sla_clocks *c, struct sla_deadlines *out)
{
	struct sla_run r;

	for (int k = 0; k < SLA_CLOCKS; k++) {
		out->due[k] = -1;
		if (sla_run_of(p, c, (enum sla_clock)k, &r) && r.stopped < 0)
			out->due[k] = sla_at(cal, &r, r.target);
	}
}

static long long
sla_warn_at(const struct conf_policy *p, const struct sla_calendar *cal,
            const struct sla_run *r)
{
	long long lead = p->warn_percent > 0 ? r->target * p->warn_percent / 100
	                                     : r->target - p->warn_before;

	return sla_at(cal, r, lead > 0 ? lead : 0);
}

/* Appends ev when it is due at all and, for a stopped clock, before it
 * stopped. */
static void
sla_push(struct sla_event *out, size_t *n, const struct sla_run *r,
         struct sla_event ev)
{
	if (ev.at == SLA_NEVER || (r->stopped >= 0 && ev.at >= r->stopped))
		return;
	ev.cycle = r->cycle;
	ev.stopped = r->stopped >= 0;
	out[(*n)++] = ev;
}

static int
sla_event_cmp(const void *a, const void *b)
{
	const struct sla_event *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return (int)x->clock - (int)y->clock;
}

size_t
sla_plan(const struct conf_policy *p, const struct sla_calendar *cal,
         const struct sla_clocks *c, struct sla_event *out)
{
	size_t n = 0;
	struct sla_run r;

	for (int k = 0; k < SLA_CLOCKS; k++) {
		enum sla_clock clock = (enum sla_clock)k;
		long long due;

		if (!sla_run_of(p, c, clock, &r))
			continue;
		due = sla_at(cal, &r, r.target);
		sla_push(out, &n, &r,
		         (struct sla_event){clock, SLA_WARNING, 0,
		                            sla_warn_at(p, cal, &r), due, 0,
		                            false});
		sla_push(out, &n, &r,
		         (struct sla_event){clock, SLA_BREACH, 0, due, due, 0,
		                            false});
		for (int l = 0; l < CONF_MAX_LEVELS && due != SLA_NEVER; l++) {
			if (p->levels[l].to.n == 0)
				break;
			sla_push(out, &n, &r,
			         (struct sla_event){
			             clock, SLA_ESCALATION, l + 1,
			             sla_add(cal, due, p->levels[l].after), due,
			             0, false});
		}
	}
	qsort(out, n, sizeof(*out), sla_event_cmp);
	return n;
}

const char *
sla_event_key(long long ticket, const struct sla_event *ev, char *buf,
              size_t size)
{
	if (ev->kind == SLA_ESCALATION)
		snprintf(buf, size, "sla:%lld:%s:%lld:escalation%d", ticket,
		         sla_clock_name(ev->clock), ev->cycle, ev->level);
	else
		snprintf(buf, size, "sla:%lld:%s:%lld:%s", ticket,
		         sla_clock_name(ev->clock), ev->cycle,
		         sla_kind_name(ev->kind));
	return buf;
}

long long
sla_notify_at(const struct conf_policy *p, const struct sla_calendar *cal,
              bool urgent, long long now)
{
	long long at;

	if (urgent || p->notify == CONF_NOTIFY_IMMEDIATELY)
		return now;
	at = sla_next_open(cal, now);
	return at == SLA_NEVER ? now : at;
}
