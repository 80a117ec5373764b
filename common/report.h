/*
 * report: the desk's figures over a period — volume, response and
 * resolution times (wall clock and business time), SLA compliance and
 * breaches, first-contact resolution, reopenings, satisfaction (CSAT,
 * NPS), repeat complaints, resolution rate, handling efficiency, backlog
 * and the customers at risk of leaving — overall and per group.  Every
 * formula is in docs/METRICS.md.  The figures come from the store; the
 * arithmetic is here, with time passed in.
 */
#ifndef COMPLAINTD_REPORT_H
#define COMPLAINTD_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "sla.h"
#include "store.h"

enum report_by {
	REPORT_BY_NONE,
	REPORT_BY_CATEGORY,
	REPORT_BY_SEVERITY,
	REPORT_BY_TEAM,
	REPORT_BY_AGENT,
	REPORT_BY_MAILBOX,
	REPORT_BY_PRODUCT,
	REPORT_BY_LANGUAGE,
	REPORT_BY_DAY,
	REPORT_BY_WEEK,
	REPORT_BY_MONTH,
};

/* "category" ... "month" (NULL: none) and back; -1 for an unknown name. */
const char *report_by_name(enum report_by by);
int report_by_parse(const char *name);

/* A distribution of durations in seconds; n 0: no values (the rest 0). */
struct report_stats {
	size_t n;
	double mean;
	double median;
	double p90;
};

/* A share: num of den, and num/den (-1 when den is 0: no data). */
struct report_ratio {
	long long num, den;
	double value;
};

/* The figures of one group (or of all tickets). */
struct report_group {
	char key[96];
	long long received; /* created in the period */
	double share;       /* of all received; -1 when none */
	long long resolved; /* resolved in the period, whenever created */
	struct report_ratio resolution_rate; /* resolved / received */
	struct report_stats first_response, first_response_business;
	struct report_stats resolution, resolution_business;
	struct report_ratio sla_first_response, sla_resolution; /* met */
	long long breached;                   /* tickets with a breach */
	long long level[CONF_MAX_LEVELS + 1]; /* [k]: reached level k */
	struct report_ratio fcr, reopen;
	struct report_ratio response_rate; /* answered / sent surveys */
	struct report_ratio csat;          /* rated 4-5 / rated */
	double rating_mean;                /* -1: no rating */
	long long promoters, passives, detractors;
	double nps;                 /* -100..100; -1000: none */
	struct report_ratio repeat; /* repeat complaints / all */
	double per_agent_hour;      /* resolved per agent and
	                               working hour; -1: none */
};

/* A customer in a list (top, attention, at risk). */
struct report_customer {
	long long id;
	char address[256], name[128];
	long long tickets;
	double score;      /* at risk: 0..100 */
	char reasons[320]; /* at risk: why */
};

#define REPORT_BACKLOG_AGES 5
/* A period of the volume trend. */
struct report_point {
	char key[16]; /* "2026-12-04", week's Monday, "2026-12" */
	long long received, resolved;
};

struct report {
	long long from, to, now;
	enum report_by by;
	enum report_by trend_by; /* day, week or month, by the period */
	struct report_group all;
	struct report_group *groups; /* by key; none without by */
	size_t n_groups;
	struct report_point *trend;
	size_t n_trend;
	long long backlog[REPORT_BACKLOG_AGES + 1];
	double working_hours; /* in the period, on the desk's calendar */
	size_t agents;
	struct report_customer *top, *attention, *at_risk;
	size_t n_top, n_attention, n_at_risk;
};

/*
 * One figure of a group as every format shows it: its name (CSV and JSON
 * keys), a header for people, the value (NAN when there is none: an
 * empty period, a division by zero) and whether the table shows it.
 */
enum report_unit { REPORT_COUNT, REPORT_SHARE, REPORT_SECONDS, REPORT_NUMBER };
struct report_column {
	const char *name, *header;
	enum report_unit unit;
	bool brief; /* in the table; every figure is in CSV, JSON, HTML */
	double (*value)(const struct report_group *g);
};
extern const struct report_column report_columns[];
extern const size_t report_n_columns;
/* A column's value for people ("12", "41.7%", "3.2h", "-"). */
void report_column_text(const struct report_column *c,
                        const struct report_group *g, char *buf, size_t size);

/* The backlog's age limits (seconds) and their labels ("<1d" ...). */
extern const long long report_backlog_ages[REPORT_BACKLOG_AGES];
extern const char *const report_backlog_labels[REPORT_BACKLOG_AGES + 1];

/*
 * Computes the report of [from, to) at now, grouped by by, from the
 * store; desk (may be inactive) gives calendars, targets and agents,
 * zone the desk's days.  0, or -1 with why in err (out holds nothing).
 * Free with report_free.
 */
struct tz;
int report_build(struct store *store, const struct sla_desk *desk,
                 const struct tz *zone, long long from, long long to,
                 long long now, enum report_by by, struct report *out,
                 char *err, size_t err_size);
void report_free(struct report *r);

#endif
