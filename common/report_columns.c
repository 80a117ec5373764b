/*
 * report_columns: the figures of a group in the order every format lists
 * them; docs/METRICS.md defines each under the same name.
 */
#include "report_p.h"

#include "report_html.h"

#include <math.h>
#include <stdio.h>

static double
report_ratio_value(const struct report_ratio *r)
{
	return r->value < 0 ? NAN : r->value;
}

static double
report_stat(const struct report_stats *s, double v)
{
	return s->n == 0 ? NAN : v;
}

/* One accessor per figure: the table below stays one line each. */
#define COUNT(f)                                                               \
	static double col_##f(const struct report_group *g)                    \
	{                                                                      \
		return (double)g->f;                                           \
	}
#define RATIO(f)                                                               \
	static double col_##f(const struct report_group *g)                    \
	{                                                                      \
		return report_ratio_value(&g->f);                              \
	}
#define STAT(name, f, v)                                                       \
	static double col_##name(const struct report_group *g)                 \
	{                                                                      \
		return report_stat(&g->f, g->f.v);                             \
	}
#define LEVEL(k)                                                               \
	static double col_level##k(const struct report_group *g)               \
	{                                                                      \
		return (double)g->level[k];                                    \
	}

COUNT(received)
COUNT(resolved)
COUNT(breached)
RATIO(resolution_rate)
RATIO(sla_first_response)
RATIO(sla_resolution)
RATIO(fcr)
RATIO(reopen)
RATIO(response_rate)
RATIO(csat)
RATIO(repeat)
LEVEL(1)
LEVEL(2)
LEVEL(3)
STAT(frt_mean, first_response, mean)
STAT(frt_median, first_response, median)
STAT(frt_p90, first_response, p90)
STAT(frtb_mean, first_response_business, mean)
STAT(frtb_median, first_response_business, median)
STAT(frtb_p90, first_response_business, p90)
STAT(rt_mean, resolution, mean)
STAT(rt_median, resolution, median)
STAT(rt_p90, resolution, p90)
STAT(rtb_mean, resolution_business, mean)
STAT(rtb_median, resolution_business, median)
STAT(rtb_p90, resolution_business, p90)

static double
col_share(const struct report_group *g)
{
	return g->share < 0 ? NAN : g->share;
}

static double
col_rating_mean(const struct report_group *g)
{
	return g->rating_mean < 0 ? NAN : g->rating_mean;
}

static double
col_nps(const struct report_group *g)
{
	return g->nps < -100 ? NAN : g->nps;
}

static double
col_per_agent_hour(const struct report_group *g)
{
	return g->per_agent_hour < 0 ? NAN : g->per_agent_hour;
}

const struct report_column report_columns[] = {
    {"received", "RECEIVED", REPORT_COUNT, true, col_received},
    {"share", "SHARE", REPORT_SHARE, true, col_share},
    {"resolved", "RESOLVED", REPORT_COUNT, false, col_resolved},
    {"resolution_rate", "RES.RATE", REPORT_SHARE, true, col_resolution_rate},
    {"first_response_mean", "FR MEAN", REPORT_SECONDS, false, col_frt_mean},
    {"first_response_median", "FR MED", REPORT_SECONDS, true, col_frt_median},
    {"first_response_p90", "FR P90", REPORT_SECONDS, true, col_frt_p90},
    {"first_response_business_mean", "FR BIZ MEAN", REPORT_SECONDS, false,
     col_frtb_mean},
    {"first_response_business_median", "FR BIZ MED", REPORT_SECONDS, false,
     col_frtb_median},
    {"first_response_business_p90", "FR BIZ P90", REPORT_SECONDS, false,
     col_frtb_p90},
    {"resolution_mean", "RES MEAN", REPORT_SECONDS, false, col_rt_mean},
    {"resolution_median", "RES MED", REPORT_SECONDS, true, col_rt_median},
    {"resolution_p90", "RES P90", REPORT_SECONDS, false, col_rt_p90},
    {"resolution_business_mean", "RES BIZ MEAN", REPORT_SECONDS, false,
     col_rtb_mean},
    {"resolution_business_median", "RES BIZ MED", REPORT_SECONDS, false,
     col_rtb_median},
    {"resolution_business_p90", "RES BIZ P90", REPORT_SECONDS, false,
     col_rtb_p90},
    {"sla_first_response", "SLA FR", REPORT_SHARE, true,
     col_sla_first_response},
    {"sla_resolution", "SLA RES", REPORT_SHARE, true, col_sla_resolution},
    {"breached", "BREACHED", REPORT_COUNT, false, col_breached},
    {"escalated_level1", "LEVEL 1", REPORT_COUNT, false, col_level1},
    {"escalated_level2", "LEVEL 2", REPORT_COUNT, false, col_level2},
    {"escalated_level3", "LEVEL 3", REPORT_COUNT, false, col_level3},
    {"first_contact_resolution", "FCR", REPORT_SHARE, true, col_fcr},
    {"reopen_rate", "REOPEN", REPORT_SHARE, true, col_reopen},
    {"survey_response_rate", "SURVEYS", REPORT_SHARE, false, col_response_rate},
    {"csat", "CSAT", REPORT_SHARE, true, col_csat},
    {"rating_mean", "RATING", REPORT_NUMBER, false, col_rating_mean},
    {"nps", "NPS", REPORT_NUMBER, true, col_nps},
    {"repeat_rate", "REPEAT", REPORT_SHARE, true, col_repeat},
    {"resolved_per_agent_hour", "PER AGENT-H", REPORT_NUMBER, false,
     col_per_agent_hour},
};

const size_t report_n_columns =
    sizeof(report_columns) / sizeof(*report_columns);

void
report_column_text(const struct report_column *c, const struct report_group *g,
                   char *buf, size_t size)
{
	double v = c->value(g);

	if (isnan(v))
		snprintf(buf, size, "-");
	else if (c->unit == REPORT_COUNT)
		snprintf(buf, size, "%.0f", v);
	else if (c->unit == REPORT_SHARE)
		snprintf(buf, size, "%.1f%%", 100 * v);
	else if (c->unit == REPORT_SECONDS)
		report_format_duration(v, buf, size);
	else
		snprintf(buf, size, "%.2f", v);
}
