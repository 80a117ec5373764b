/*
 * report_people: the report's lists of customers — who complained most
 * in the period, whom the repeat rule marked for attention, and who is
 * at risk of leaving, by the score in docs/METRICS.md:
 *
 *   L = 100 × (0.40 P + 0.35 T + 0.25 S) for the customer's worst ticket
 *       of the period, plus 5 for each further complaint (at most 15),
 *       at most 100;
 *   P  dissatisfaction: (5 − rating) / 4, else (10 − NPS) / 10, else 0.5;
 *   T  time: resolution time (open: age at the report's end) over the
 *      policy's resolution target (3 days without one), capped at 2, / 2;
 *   S  severity: general 1/3, serious 2/3, urgent 1.
 */
#include "report_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_TOP 10
#define REPORT_AT_RISK 20
#define REPORT_AT_RISK_MIN 40.0
#define REPORT_DEFAULT_TARGET (3LL * 86400)

/* One customer's tickets of the period, while the lists are made. */
struct report_who {
	long long customer;
	long long tickets;
	double worst; /* the worst ticket's score */
	double score; /* L: the worst and the further complaints */
	const struct store_report_ticket *why;
	double p, t; /* its dissatisfaction and time */
};

static double
report_severity_weight(const char *severity)
{
	if (severity != NULL && strcmp(severity, "urgent") == 0)
		return 1.0;
	if (severity != NULL && strcmp(severity, "serious") == 0)
		return 2.0 / 3.0;
	return 1.0 / 3.0;
}

static double
report_dissatisfaction(const struct store_report_ticket *t)
{
	if (t->rating >= 1)
		return (5.0 - t->rating) / 4.0;
	if (t->nps >= 0)
		return (10.0 - t->nps) / 10.0;
	return 0.5;
}

/* Resolution time over target, capped at 2, halved: 0..1. */
static double
report_time_factor(const struct report_ctx *c,
                   const struct store_report_ticket *t)
{
	const struct conf_policy *p = t->policy && sla_desk_active(c->desk)
	                                  ? sla_policy_named(c->desk, t->policy)
	                                  : NULL;
	long long target =
	    p && p->resolution > 0 ? p->resolution : REPORT_DEFAULT_TARGET;
	long long end = t->resolved >= 0 ? t->resolved : c->to;
	double ratio = (double)(end - t->created) / (double)target;

	return (ratio > 2 ? 2 : ratio < 0 ? 0 : ratio) / 2;
}

static int
report_who_by_customer(const void *a, const void *b)
{
	const struct report_who *x = a, *y = b;

	return x->customer < y->customer ? -1 : x->customer > y->customer;
}

/* The period's tickets per customer, each with its worst ticket. */
static struct report_who *
report_whos(const struct report_ctx *c, size_t *n_r)
{
	struct report_who *w = calloc(c->n + 1, sizeof(*w));
	size_t n = 0;

	if (w == NULL)
		return NULL;
	for (size_t i = 0; i < c->n; i++) {
		const struct store_report_ticket *t = &c->v[i];
		if (t->created < c->from || t->created >= c->to)
			continue;
		double p = report_dissatisfaction(t);
		double tf = report_time_factor(c, t);
		double score =
		    100.0 * (0.40 * p + 0.35 * tf +
		             0.25 * report_severity_weight(t->severity));
		w[n++] =
		    (struct report_who){t->customer_id, 1, score, 0, t, p, tf};
	}
	qsort(w, n, sizeof(*w), report_who_by_customer);
	/* Fold each customer's rows into the first. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && w[k - 1].customer == w[i].customer) {
			w[k - 1].tickets++;
			if (w[i].worst > w[k - 1].worst) {
				long long tickets = w[k - 1].tickets;
				w[k - 1] = w[i];
				w[k - 1].tickets = tickets;
			}
			continue;
		}
		w[k++] = w[i];
	}
	for (size_t i = 0; i < k; i++) {
		long long more = w[i].tickets - 1 > 3 ? 3 : w[i].tickets - 1;
		w[i].score = w[i].worst + 5.0 * (double)more;
		w[i].score = w[i].score > 100 ? 100 : w[i].score;
	}
	*n_r = k;
	return w;
}

/* Address and name of customer id into out; 0 or -1. */
static int
report_person(struct store *store, long long id, struct report_customer *out)
{
	struct store_customer c;
	int rc = store_customer_get(store, id, &c);

	out->id = id;
	if (rc == 1) {
		snprintf(out->address, sizeof(out->address), "%s", c.address);
		snprintf(out->name, sizeof(out->name), "%s",
		         c.name ? c.name : "");
	}
	store_customer_clear(&c);
	return rc < 0 ? -1 : 0;
}

static int
report_who_by_tickets(const void *a, const void *b)
{
	const struct report_who *x = a, *y = b;

	if (x->tickets != y->tickets)
		return x->tickets > y->tickets ? -1 : 1;
	return x->customer < y->customer ? -1 : x->customer > y->customer;
}

static int
report_who_by_score(const void *a, const void *b)
{
	const struct report_who *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->customer < y->customer ? -1 : x->customer > y->customer;
}

/* The final score and the reasons for w, into out. */
static void
report_risk(const struct report_who *w, struct report_customer *out)
{
	const struct store_report_ticket *t = w->why;
	size_t o = 0;

	out->tickets = w->tickets;
	out->score = w->score;
	if (t->rating >= 1)
		o += (size_t)snprintf(out->reasons, sizeof(out->reasons),
		                      "rated %d/5", t->rating);
	else if (t->nps >= 0)
		o += (size_t)snprintf(out->reasons, sizeof(out->reasons),
		                      "would recommend %d/10", t->nps);
	if (o < sizeof(out->reasons))
		o += (size_t)snprintf(
		    out->reasons + o, sizeof(out->reasons) - o,
		    "%s#%lld %s %.1fx the resolution target", o ? "; " : "",
		    t->id, t->resolved >= 0 ? "took" : "open for", 2 * w->t);
	if (o < sizeof(out->reasons) && t->severity != NULL)
		o +=
		    (size_t)snprintf(out->reasons + o, sizeof(out->reasons) - o,
		                     "; %s", t->severity);
	if (o < sizeof(out->reasons) && w->tickets > 1)
		snprintf(out->reasons + o, sizeof(out->reasons) - o,
		         "; %lld complaints", w->tickets);
}

static int
report_lists(struct store *store, struct report_who *w, size_t n,
             struct report *r)
{
	r->top = calloc(REPORT_TOP + 1, sizeof(*r->top));
	r->at_risk = calloc(REPORT_AT_RISK + 1, sizeof(*r->at_risk));
	if (r->top == NULL || r->at_risk == NULL)
		return -1;
	qsort(w, n, sizeof(*w), report_who_by_tickets);
	for (size_t i = 0; i < n && r->n_top < REPORT_TOP; i++) {
		struct report_customer *c = &r->top[r->n_top++];
		c->tickets = w[i].tickets;
		if (report_person(store, w[i].customer, c) != 0)
			return -1;
	}
	qsort(w, n, sizeof(*w), report_who_by_score);
	for (size_t i = 0; i < n && r->n_at_risk < REPORT_AT_RISK; i++) {
		if (w[i].score < REPORT_AT_RISK_MIN)
			break;
		struct report_customer *c = &r->at_risk[r->n_at_risk++];
		report_risk(&w[i], c);
		if (report_person(store, w[i].customer, c) != 0)
			return -1;
	}
	return 0;
}

static int
report_attention(struct store *store, const struct report_ctx *c,
                 struct report *r)
{
	struct store_report_customer *v;
	size_t n;

	if (store_report_attention(store, c->conf->repeat.tag, c->now, &v,
	                           &n) != 0)
		return -1;
	r->attention = calloc(n + 1, sizeof(*r->attention));
	for (size_t i = 0; r->attention != NULL && i < n; i++) {
		struct report_customer *out = &r->attention[r->n_attention++];
		out->id = v[i].id;
		out->tickets = v[i].tickets;
		snprintf(out->address, sizeof(out->address), "%s",
		         v[i].address ? v[i].address : "");
		snprintf(out->name, sizeof(out->name), "%s",
		         v[i].name ? v[i].name : "");
	}
	store_report_customers_free(v, n);
	return r->attention != NULL ? 0 : -1;
}

int
report_customers(struct store *store, const struct report_ctx *c,
                 struct report *r)
{
	size_t n = 0;
	struct report_who *w = report_whos(c, &n);
	int rc = w != NULL ? report_lists(store, w, n, r) : -1;

	free(w);
	return rc == 0 ? report_attention(store, c, r) : -1;
}
