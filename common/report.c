/*
 * report: the figures of a period, per group; see report.h and
 * docs/METRICS.md for every formula.
 */
#include "report.h"
#include "report_p.h"

#include "sla_cal.h"
#include "tz.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400LL

static const char *const report_by_names[] = {
    [REPORT_BY_NONE] = NULL,           [REPORT_BY_CATEGORY] = "category",
    [REPORT_BY_SEVERITY] = "severity", [REPORT_BY_TEAM] = "team",
    [REPORT_BY_AGENT] = "agent",       [REPORT_BY_MAILBOX] = "mailbox",
    [REPORT_BY_PRODUCT] = "product",   [REPORT_BY_LANGUAGE] = "language",
    [REPORT_BY_DAY] = "day",           [REPORT_BY_WEEK] = "week",
    [REPORT_BY_MONTH] = "month",
};

const long long report_backlog_ages[REPORT_BACKLOG_AGES] = {
    DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY,
};
const char *const report_backlog_labels[REPORT_BACKLOG_AGES + 1] = {
    "<1d", "1-3d", "3-7d", "7-14d", "14-30d", ">=30d",
};

const char *
report_by_name(enum report_by by)
{
	return report_by_names[by];
}

int
report_by_parse(const char *name)
{
	for (int i = REPORT_BY_CATEGORY; i <= REPORT_BY_MONTH; i++)
		if (strcmp(report_by_names[i], name) == 0)
			return i;
	return -1;
}

void
report_period_key(const struct tz *zone, enum report_by by, long long t,
                  char *buf, size_t size)
{
	long long local = zone != NULL ? tz_local(zone, t) : t;
	long long days = local >= 0 ? local / DAY : -((-local + DAY - 1) / DAY);
	int y, m, d;

	/* Weeks start on Monday; 1970-01-01 was a Thursday. */
	if (by == REPORT_BY_WEEK)
		days -= ((days + 3) % 7 + 7) % 7;
	sla_civil_from_days((int32_t)days, &y, &m, &d);
	if (by == REPORT_BY_MONTH)
		snprintf(buf, size, "%04d-%02d", y, m);
	else
		snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* t's group under by, into buf ("(none)" for a ticket without one). */
static void
report_key(const struct report_ctx *c, const struct store_report_ticket *t,
           char *buf, size_t size)
{
	const char *s = NULL;

	switch (c->by) {
	case REPORT_BY_CATEGORY:
		s = t->category;
		break;
	case REPORT_BY_SEVERITY:
		s = t->severity;
		break;
	case REPORT_BY_TEAM:
		s = t->team;
		break;
	case REPORT_BY_AGENT:
		s = t->assignee;
		break;
	case REPORT_BY_MAILBOX:
		s = t->mailbox;
		break;
	case REPORT_BY_PRODUCT:
		s = t->product;
		break;
	case REPORT_BY_LANGUAGE:
		s = t->language;
		break;
	case REPORT_BY_DAY:
	case REPORT_BY_WEEK:
	case REPORT_BY_MONTH:
		report_period_key(c->zone, c->by, t->created, buf, size);
		return;
	case REPORT_BY_NONE:
		s = "all";
		break;
	}
	snprintf(buf, size, "%s", s != NULL && s[0] != '\0' ? s : "(none)");
}

/* The accumulator of key, made when new; NULL when memory runs out. */
static struct report_acc *
report_acc_of(struct report_ctx *c, const char *key)
{
	struct report_acc *bigger;

	for (size_t i = 0; i < c->n_accs; i++)
		if (strcmp(c->accs[i].g.key, key) == 0)
			return &c->accs[i];
	bigger = realloc(c->accs, (c->n_accs + 1) * sizeof(*bigger));
	if (bigger == NULL)
		return NULL;
	c->accs = bigger;
	memset(&c->accs[c->n_accs], 0, sizeof(*c->accs));
	snprintf(c->accs[c->n_accs].g.key, sizeof(c->accs->g.key), "%s", key);
	return &c->accs[c->n_accs++];
}

/* Business seconds between two instants on t's policy's calendar; wall
 * clock for a ticket without a policy. */
static double
report_business(const struct report_ctx *c, const struct store_report_ticket *t,
                long long from, long long to)
{
	const struct conf_policy *p = t->policy && sla_desk_active(c->desk)
	                                  ? sla_policy_named(c->desk, t->policy)
	                                  : NULL;

	if (p == NULL)
		return (double)(to - from);
	return (double)sla_elapsed(sla_calendar_of(c->desk, p), from, to);
}

/* The ticket's clocks and SLA outcome into a. */
static int
report_add_times(struct report_ctx *c, struct report_acc *a,
                 const struct store_report_ticket *t)
{
	struct report_group *g = &a->g;

	if (t->first_response >= 0 &&
	    (report_push(&a->frt, (double)(t->first_response - t->created)) ||
	     report_push(&a->frt_b,
	                 report_business(c, t, t->created, t->first_response))))
		return -1;
	if (t->resolved >= 0 &&
	    (report_push(&a->rt, (double)(t->resolved - t->created)) ||
	     report_push(&a->rt_b,
	                 report_business(c, t, t->created, t->resolved))))
		return -1;
	/* Compliance counts the clocks that are decided: stopped or late. */
	if (t->policy != NULL && (t->first_response >= 0 ||
	                          t->breaches & STORE_REPORT_BREACH_FIRST)) {
		g->sla_first_response.den++;
		g->sla_first_response.num +=
		    !(t->breaches & STORE_REPORT_BREACH_FIRST);
	}
	if (t->policy != NULL &&
	    (t->resolved >= 0 ||
	     t->breaches & STORE_REPORT_BREACH_RESOLUTION)) {
		g->sla_resolution.den++;
		g->sla_resolution.num +=
		    !(t->breaches & STORE_REPORT_BREACH_RESOLUTION);
	}
	g->breached += t->breaches != 0;
	for (int k = 1; k <= t->level && k <= CONF_MAX_LEVELS; k++)
		g->level[k]++;
	return 0;
}

/* Resolution on first contact, reopenings and the survey into g. */
static void
report_add_outcome(struct report_acc *a, const struct store_report_ticket *t,
                   bool repeat)
{
	struct report_group *g = &a->g;

	if (t->resolved >= 0) {
		g->fcr.den++;
		g->fcr.num += t->replies == 1 && t->reopens == 0;
	}
	if (t->resolved >= 0 || t->reopens > 0) {
		g->reopen.den++;
		g->reopen.num += t->reopens > 0;
	}
	g->response_rate.den += t->survey_sent >= 0;
	g->response_rate.num += t->survey_sent >= 0 && t->survey_answered >= 0;
	if (t->rating >= 1) {
		g->csat.den++;
		g->csat.num += t->rating >= 4;
		a->rating_sum += t->rating;
	}
	if (t->nps >= 0) {
		g->promoters += t->nps >= 9;
		g->passives += t->nps == 7 || t->nps == 8;
		g->detractors += t->nps <= 6;
	}
	g->repeat.den++;
	g->repeat.num += repeat;
}

/* The key of the group ticket t's resolution counts in: by time, the
 * period it was resolved in; otherwise its own group. */
static void
report_resolved_key(struct report_ctx *c, const struct store_report_ticket *t,
                    char *key, size_t size)
{
	if (c->by < REPORT_BY_DAY)
		report_key(c, t, key, size);
	else
		report_period_key(c->zone, c->by, t->resolved, key, size);
}

/* One ticket into the group's and the total's figures.  Each lookup may
 * move the groups (realloc): a group pointer is used before the next. */
static int
report_add(struct report_ctx *c, size_t i)
{
	const struct store_report_ticket *t = &c->v[i];
	bool received = t->created >= c->from && t->created < c->to;
	bool resolved = t->resolved >= c->from && t->resolved < c->to;
	struct report_acc *group = NULL;
	char key[96];

	c->total.g.resolved += resolved;
	if (c->by != REPORT_BY_NONE && resolved) {
		report_resolved_key(c, t, key, sizeof(key));
		if ((group = report_acc_of(c, key)) == NULL)
			return -1;
		group->g.resolved++;
	}
	if (!received)
		return 0;
	group = NULL;
	if (c->by != REPORT_BY_NONE) {
		report_key(c, t, key, sizeof(key));
		if ((group = report_acc_of(c, key)) == NULL)
			return -1;
	}
	struct report_acc *accs[2] = {&c->total, group};
	for (int k = 0; k < 2 && accs[k] != NULL; k++) {
		accs[k]->g.received++;
		if (report_add_times(c, accs[k], t) != 0)
			return -1;
		report_add_outcome(accs[k], t, c->repeat[i]);
	}
	return 0;
}

/* Fills the derived figures of a from its counts and samples. */
static void
report_finish_group(struct report_acc *a, long long total, double agent_hours)
{
	struct report_group *g = &a->g;
	long long answers = g->promoters + g->passives + g->detractors;

	g->share = total > 0 ? (double)g->received / (double)total : -1;
	g->resolution_rate.num = g->resolved;
	g->resolution_rate.den = g->received;
	report_ratio(&g->resolution_rate);
	report_ratio(&g->sla_first_response);
	report_ratio(&g->sla_resolution);
	report_ratio(&g->fcr);
	report_ratio(&g->reopen);
	report_ratio(&g->response_rate);
	report_ratio(&g->csat);
	report_ratio(&g->repeat);
	g->rating_mean =
	    g->csat.den > 0 ? (double)a->rating_sum / (double)g->csat.den : -1;
	g->nps = answers > 0 ? 100.0 * (double)(g->promoters - g->detractors) /
	                           (double)answers
	                     : REPORT_NO_NPS;
	report_stats(&a->frt, &g->first_response);
	report_stats(&a->frt_b, &g->first_response_business);
	report_stats(&a->rt, &g->resolution);
	report_stats(&a->rt_b, &g->resolution_business);
	g->per_agent_hour =
	    agent_hours > 0 ? (double)g->resolved / agent_hours : -1;
}

static int
report_by_ticket_order(const void *a, const void *b, void *arg)
{
	const struct store_report_ticket *v = arg;
	const struct store_report_ticket *x = &v[*(const size_t *)a];
	const struct store_report_ticket *y = &v[*(const size_t *)b];

	if (x->customer_id != y->customer_id)
		return x->customer_id < y->customer_id ? -1 : 1;
	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* c->repeat[i]: the customer complained in the 30 days before ticket i. */
static int
report_mark_repeats(struct report_ctx *c)
{
	size_t *order = malloc((c->n + 1) * sizeof(*order));

	c->repeat = calloc(c->n + 1, sizeof(*c->repeat));
	if (order == NULL || c->repeat == NULL) {
		free(order);
		return -1;
	}
	for (size_t i = 0; i < c->n; i++)
		order[i] = i;
	qsort_r(order, c->n, sizeof(*order), report_by_ticket_order, c->v);
	for (size_t k = 1; k < c->n; k++) {
		const struct store_report_ticket *t = &c->v[order[k]];
		const struct store_report_ticket *before = &c->v[order[k - 1]];
		c->repeat[order[k]] =
		    before->customer_id == t->customer_id &&
		    t->created - before->created <= REPORT_REPEAT_WINDOW;
	}
	free(order);
	return 0;
}

/* The day, week or month a trend point covers, by the period's length. */
static enum report_by
report_trend_unit(long long from, long long to)
{
	return to - from <= 62 * DAY    ? REPORT_BY_DAY
	       : to - from <= 371 * DAY ? REPORT_BY_WEEK
	                                : REPORT_BY_MONTH;
}

/* Every period of [from, to), empty ones too, then the counts. */
static int
report_trend(struct report_ctx *c, struct report *r)
{
	char key[16];

	r->trend_by = report_trend_unit(r->from, r->to);
	/* Steps shorter than any day (DST days are 23 hours), and the
	 * period's last second, so no period is skipped. */
	for (long long t = r->from; t < r->to + 6 * 3600; t += 6 * 3600) {
		report_period_key(c->zone, r->trend_by,
		                  t < r->to ? t : r->to - 1, key, sizeof(key));
		if (r->n_trend > 0 &&
		    strcmp(r->trend[r->n_trend - 1].key, key) == 0)
			continue;
		struct report_point *bigger =
		    realloc(r->trend, (r->n_trend + 1) * sizeof(*bigger));
		if (bigger == NULL)
			return -1;
		r->trend = bigger;
		memset(&r->trend[r->n_trend], 0, sizeof(*r->trend));
		snprintf(r->trend[r->n_trend++].key, sizeof(key), "%s", key);
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct store_report_ticket *t = &c->v[i];
		for (int k = 0; k < 2; k++) {
			long long at = k == 0 ? t->created : t->resolved;
			if (at < r->from || at >= r->to)
				continue;
			report_period_key(c->zone, r->trend_by, at, key,
			                  sizeof(key));
			for (size_t p = 0; p < r->n_trend; p++)
				if (strcmp(r->trend[p].key, key) == 0) {
					*(k == 0 ? &r->trend[p].received
					         : &r->trend[p].resolved) += 1;
					break;
				}
		}
	}
	return 0;
}

/* Working hours of the period: on the catch-all policy's calendar, or
 * 40 a week without policies. */
static double
report_working_hours(const struct report_ctx *c)
{
	const struct conf_policy *p;

	if (!sla_desk_active(c->desk))
		return (double)(c->to - c->from) / 3600.0 * 40.0 / 168.0;
	p = &c->conf->policies[c->conf->n_policies - 1];
	return (double)sla_elapsed(sla_calendar_of(c->desk, p), c->from,
	                           c->to) /
	       3600.0;
}

static int
report_group_order(const void *a, const void *b, void *arg)
{
	const struct report_group *x = a, *y = b;
	const enum report_by *by = arg;

	/* Periods in time order, the rest the largest first. */
	if (*by < REPORT_BY_DAY && x->received != y->received)
		return x->received > y->received ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* The groups' and the total's figures, the groups in order. */
static int
report_finish(struct report_ctx *c, struct report *r)
{
	long long total = c->total.g.received;
	double hours = r->working_hours;
	size_t agents = r->agents;

	report_finish_group(&c->total, total, hours * (double)agents);
	r->all = c->total.g;
	snprintf(r->all.key, sizeof(r->all.key), "all");
	r->groups = calloc(c->n_accs + 1, sizeof(*r->groups));
	if (r->groups == NULL)
		return -1;
	for (size_t i = 0; i < c->n_accs; i++) {
		report_finish_group(&c->accs[i], total,
		                    c->by == REPORT_BY_AGENT ? hours : -1);
		r->groups[i] = c->accs[i].g;
	}
	r->n_groups = c->n_accs;
	qsort_r(r->groups, r->n_groups, sizeof(*r->groups), report_group_order,
	        &c->by);
	return 0;
}

static void
report_ctx_free(struct report_ctx *c)
{
	report_acc_free(&c->total);
	for (size_t i = 0; i < c->n_accs; i++)
		report_acc_free(&c->accs[i]);
	free(c->accs);
	free(c->repeat);
	store_report_tickets_free(c->v, c->n);
}

int
report_build(struct store *store, const struct sla_desk *desk,
             const struct tz *zone, long long from, long long to, long long now,
             enum report_by by, struct report *out, char *err, size_t err_size)
{
	struct report_ctx c = {
	    .desk = desk,
	    .conf = sla_desk_conf(desk),
	    .zone = zone,
	    .from = from,
	    .to = to,
	    .now = now,
	    .by = by,
	};
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->from = from;
	out->to = to;
	out->now = now;
	out->by = by;
	out->agents = c.conf->n_agents;
	out->working_hours = report_working_hours(&c);
	if (store_report_tickets(store, from - REPORT_REPEAT_WINDOW, from, to,
	                         &c.v, &c.n) != 0 ||
	    store_report_backlog(store, to < now ? to : now,
	                         report_backlog_ages, REPORT_BACKLOG_AGES,
	                         out->backlog) != 0) {
		snprintf(err, err_size, "%s", store_error(store));
		goto out;
	}
	if (report_mark_repeats(&c) != 0)
		goto oom;
	for (size_t i = 0; i < c.n; i++)
		if (report_add(&c, i) != 0)
			goto oom;
	if (report_finish(&c, out) != 0 || report_trend(&c, out) != 0)
		goto oom;
	if ((rc = report_customers(store, &c, out)) != 0)
		snprintf(err, err_size, "%s", store_error(store));
	goto out;
oom:
	snprintf(err, err_size, "out of memory computing the report");
out:
	report_ctx_free(&c);
	if (rc != 0)
		report_free(out);
	return rc;
}

void
report_free(struct report *r)
{
	free(r->groups);
	free(r->trend);
	free(r->top);
	free(r->attention);
	free(r->at_risk);
	memset(r, 0, sizeof(*r));
}
