/* report_p.h: what the report files share and nobody else sees. */
#ifndef COMPLAINTD_REPORT_P_H
#define COMPLAINTD_REPORT_P_H

#include "report.h"

/* An earlier complaint this recent makes a ticket a repeat complaint. */
#define REPORT_REPEAT_WINDOW (30LL * 86400)
/* NPS when nobody answered the question. */
#define REPORT_NO_NPS (-1000.0)

/* A growing array of durations, for medians and percentiles. */
struct report_samples {
	double *v;
	size_t n, cap;
};

/* One group's figures while tickets are added. */
struct report_acc {
	struct report_group g;
	struct report_samples frt, frt_b, rt, rt_b;
	long long rating_sum;
};

struct report_ctx {
	const struct sla_desk *desk;
	const struct conf *conf;
	const struct tz *zone;
	long long from, to, now;
	enum report_by by;
	struct store_report_ticket *v; /* owned */
	size_t n;
	bool *repeat; /* per ticket of v; owned */
	struct report_acc total;
	struct report_acc *accs; /* the groups; owned */
	size_t n_accs;
};

/* Appends x; 0 or -1 when memory runs out. */
int report_push(struct report_samples *s, double x);
/* Mean, median and 90th percentile (nearest rank); sorts s. */
void report_stats(struct report_samples *s, struct report_stats *out);
/* r->value from num and den (-1 when den is 0). */
void report_ratio(struct report_ratio *r);
void report_acc_free(struct report_acc *a);

/* t's day, week (its Monday) or month in zone (NULL: UTC) into buf. */
void report_period_key(const struct tz *zone, enum report_by by, long long t,
                       char *buf, size_t size);

/* The customer lists: top complainers, attention, at risk.  0 or -1
 * (the store's error). */
int report_customers(struct store *store, const struct report_ctx *c,
                     struct report *r);

#endif
