/*
 * ctl_report: "complaintctl report" — the desk's figures over a period
 * (report.h), as an aligned table, JSON, CSV or a self-contained HTML
 * dashboard.
 */
#include "ctl.h"

#include "report.h"
#include "report_html.h"
#include "sla.h"
#include "tz.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#define DAY 86400LL

enum ctl_report_format { CTL_TABLE, CTL_JSON, CTL_CSV, CTL_HTML };

struct ctl_report_args {
	const char *from, *to;
	enum report_by by;
	enum ctl_report_format format;
};

/*
 * "2026-12-01" (that day's start, or with end_of_day its end) or
 * "2026-12-01T08:30" in zone; 0 or -1.
 */
static int
ctl_report_date(const struct tz *zone, const char *s, bool end_of_day,
                long long *t_r)
{
	int y, mo, d, h = 0, mi = 0, used = 0;
	long long local;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31)
		return -1;
	if (s[used] == 'T' || s[used] == ' ') {
		int more = 0;
		if (sscanf(s + used + 1, "%2d:%2d%n", &h, &mi, &more) != 2 ||
		    h > 23 || mi > 59)
			return -1;
		used += 1 + more;
		end_of_day = false;
	}
	if (s[used] != '\0')
		return -1;
	local = (long long)sla_days_from_civil(y, mo, d) * DAY + h * 3600LL +
	        mi * 60LL + (end_of_day ? DAY : 0);
	*t_r = tz_utc(zone, local);
	return 0;
}

static void
ctl_report_usage(void)
{
	fprintf(stderr,
	        "usage: complaintctl report [--from DATE] [--to DATE] "
	        "[--by category|severity|team|agent|mailbox|product|language|"
	        "day|week|month] [--format table|json|csv|html]\n"
	        "DATE is YYYY-MM-DD (--to includes that day) or "
	        "YYYY-MM-DDTHH:MM, in the desk's time zone; the default is "
	        "the last 30 days.\n");
}

static int
ctl_report_options(int argc, char **argv, struct ctl_report_args *a)
{
	static const struct option longopts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"by", required_argument, NULL, 'b'},
	    {"format", required_argument, NULL, 'F'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {"table", "json", "csv", "html"};
	int ch, by;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'f')
			a->from = optarg;
		else if (ch == 't')
			a->to = optarg;
		else if (ch == 'b' && (by = report_by_parse(optarg)) > 0)
			a->by = (enum report_by)by;
		else if (ch == 'F') {
			int k = 4;
			while (k-- > 0 && strcmp(formats[k], optarg) != 0)
				;
			if (k < 0)
				return -1;
			a->format = (enum ctl_report_format)k;
		} else
			return -1;
	}
	return optind == argc ? 0 : -1;
}

/* The period from the options: [from, to) in UTC. */
static int
ctl_report_period(const struct ctl_report_args *a, const struct tz *zone,
                  long long now, long long *from, long long *to)
{
	*to = now;
	if (a->to != NULL && ctl_report_date(zone, a->to, true, to) != 0) {
		fprintf(stderr, "complaintctl: --to %s is no date\n", a->to);
		return -1;
	}
	*from = *to - 30 * DAY;
	if (a->from != NULL &&
	    ctl_report_date(zone, a->from, false, from) != 0) {
		fprintf(stderr, "complaintctl: --from %s is no date\n",
		        a->from);
		return -1;
	}
	if (*from >= *to) {
		fprintf(stderr, "complaintctl: the period is empty: --from "
		                "must come before --to\n");
		return -1;
	}
	return 0;
}

/* A figure in JSON: seconds, counts and shares as numbers, none null. */
static void
ctl_report_json_number(FILE *out, double v)
{
	if (isnan(v))
		fputs("null", out);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(out, "%.0f", v);
	else
		fprintf(out, "%.4f", v);
}

static void
ctl_report_json_group(FILE *out, const struct report_group *g)
{
	fputs("{", out);
	ctl_json_field(out, true, "group", g->key);
	for (size_t k = 0; k < report_n_columns; k++) {
		fprintf(out, ",\"%s\":", report_columns[k].name);
		ctl_report_json_number(out, report_columns[k].value(g));
	}
	fputs("}", out);
}

static void
ctl_report_json_people(FILE *out, const char *key,
                       const struct report_customer *v, size_t n, bool risk)
{
	fprintf(out, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",{" : "{", out);
		ctl_json_field(out, true, "address", v[i].address);
		ctl_json_field(out, false, "name", v[i].name);
		ctl_json_int(out, false, "tickets", v[i].tickets);
		if (risk) {
			fprintf(out, ",\"score\":%.1f", v[i].score);
			ctl_json_field(out, false, "reasons", v[i].reasons);
		}
		fputs("}", out);
	}
	fputs("]", out);
}

static void
ctl_report_json(FILE *out, const struct report *r)
{
	fputs("{", out);
	ctl_json_int(out, true, "from", r->from);
	ctl_json_int(out, false, "to", r->to);
	ctl_json_field(out, false, "by", report_by_name(r->by));
	fprintf(out, ",\"working_hours\":%.1f,\"agents\":%zu,\"total\":",
	        r->working_hours, r->agents);
	ctl_report_json_group(out, &r->all);
	fputs(",\"groups\":[", out);
	for (size_t i = 0; i < r->n_groups; i++) {
		fputs(i ? "," : "", out);
		ctl_report_json_group(out, &r->groups[i]);
	}
	fprintf(out, "],\"trend_by\":\"%s\",\"trend\":[",
	        report_by_name(r->trend_by));
	for (size_t i = 0; i < r->n_trend; i++)
		fprintf(out,
		        "%s{\"period\":\"%s\",\"received\":%lld,"
		        "\"resolved\":%lld}",
		        i ? "," : "", r->trend[i].key, r->trend[i].received,
		        r->trend[i].resolved);
	fputs("],\"backlog\":{", out);
	for (size_t k = 0; k <= REPORT_BACKLOG_AGES; k++)
		fprintf(out, "%s\"%s\":%lld", k ? "," : "",
		        report_backlog_labels[k], r->backlog[k]);
	fputs("}", out);
	ctl_report_json_people(out, "top_customers", r->top, r->n_top, false);
	ctl_report_json_people(out, "attention", r->attention, r->n_attention,
	                       false);
	ctl_report_json_people(out, "at_risk", r->at_risk, r->n_at_risk, true);
	fputs("}\n", out);
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void
ctl_report_csv_text(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void
ctl_report_csv(FILE *out, const struct report *r)
{
	fputs(r->by != REPORT_BY_NONE ? report_by_name(r->by) : "group", out);
	for (size_t k = 0; k < report_n_columns; k++)
		fprintf(out, ",%s", report_columns[k].name);
	fputs("\r\n", out);
	for (size_t i = 0; i <= r->n_groups; i++) {
		const struct report_group *g =
		    i < r->n_groups ? &r->groups[i] : &r->all;
		ctl_report_csv_text(out, g->key);
		for (size_t k = 0; k < report_n_columns; k++) {
			double v = report_columns[k].value(g);
			fputc(',', out);
			if (!isnan(v))
				fprintf(out, v == floor(v) ? "%.0f" : "%.4f",
				        v);
		}
		fputs("\r\n", out);
	}
}

static void
ctl_report_table_people(const char *title, const struct report_customer *v,
                        size_t n, bool risk)
{
	char tickets[24], score[16];

	printf("\n%s\n", title);
	if (n == 0)
		printf("  (none)\n");
	for (size_t i = 0; i < n; i++) {
		snprintf(tickets, sizeof(tickets), "%lld", v[i].tickets);
		snprintf(score, sizeof(score), "%.0f", v[i].score);
		fputs("  ", stdout);
		ctl_cell(stdout, v[i].address, 32);
		ctl_cell(stdout, v[i].name[0] ? v[i].name : "-", 18);
		ctl_cell(stdout, tickets, risk ? 4 : 0);
		if (risk) {
			ctl_cell(stdout, score, 5);
			ctl_cell(stdout, v[i].reasons, 0);
		}
		putchar('\n');
	}
}

static void
ctl_report_table_figures(const struct report *r)
{
	char cell[48];

	ctl_cell(stdout, r->by != REPORT_BY_NONE ? report_by_name(r->by) : "",
	         18);
	for (size_t k = 0; k < report_n_columns; k++)
		if (report_columns[k].brief)
			ctl_cell(stdout, report_columns[k].header, 10);
	putchar('\n');
	for (size_t i = 0; i <= r->n_groups; i++) {
		const struct report_group *g =
		    i < r->n_groups ? &r->groups[i] : &r->all;
		ctl_cell(stdout, g->key, 18);
		for (size_t k = 0; k < report_n_columns; k++) {
			if (!report_columns[k].brief)
				continue;
			report_column_text(&report_columns[k], g, cell,
			                   sizeof(cell));
			ctl_cell(stdout, cell, 10);
		}
		putchar('\n');
	}
}

static void
ctl_report_table(const struct report *r, const char *from, const char *to)
{
	char a[32], b[32];

	printf("Complaints from %s to %s%s%s\n\n", from, to,
	       r->by != REPORT_BY_NONE ? ", by " : "",
	       r->by != REPORT_BY_NONE ? report_by_name(r->by) : "");
	ctl_report_table_figures(r);
	printf(
	    "\nAll figures (--format json or csv has them for each group)\n");
	for (size_t k = 0; k < report_n_columns; k++) {
		report_column_text(&report_columns[k], &r->all, a, sizeof(a));
		printf("  %-32s %s\n", report_columns[k].name, a);
	}
	printf("\nVolume per %s: received, resolved\n",
	       report_by_name(r->trend_by));
	for (size_t i = 0; i < r->n_trend; i++)
		printf("  %-12s %6lld %6lld\n", r->trend[i].key,
		       r->trend[i].received, r->trend[i].resolved);
	printf("\nBacklog by age (not resolved)\n ");
	for (size_t k = 0; k <= REPORT_BACKLOG_AGES; k++)
		printf(" %s %lld", report_backlog_labels[k], r->backlog[k]);
	putchar('\n');
	snprintf(a, sizeof(a), "%zu", r->agents);
	snprintf(b, sizeof(b), "%.0f", r->working_hours);
	printf("\nAgents %s, working hours in the period %s\n", a, b);
	ctl_report_table_people("Top complaining customers", r->top, r->n_top,
	                        false);
	ctl_report_table_people("High-attention customers", r->attention,
	                        r->n_attention, false);
	ctl_report_table_people("Customers at risk of leaving (score, why)",
	                        r->at_risk, r->n_at_risk, true);
}

/* The dashboard: r, and the same period by category for its chart. */
static int
ctl_report_html(struct ctl *ctl, const struct sla_desk *desk,
                const struct tz *zone, const struct report *r, const char *from,
                const char *to)
{
	struct report cat;
	char err[300], *page;

	if (r->by != REPORT_BY_CATEGORY &&
	    report_build(ctl->store, desk, zone, r->from, r->to, r->now,
	                 REPORT_BY_CATEGORY, &cat, err, sizeof(err)) != 0) {
		fprintf(stderr, "complaintctl: %s\n", err);
		return EX_TEMPFAIL;
	}
	page = report_html(r, r->by == REPORT_BY_CATEGORY ? r : &cat,
	                   ctl->conf->desk.name, from, to);
	if (r->by != REPORT_BY_CATEGORY)
		report_free(&cat);
	if (page == NULL) {
		fprintf(stderr, "complaintctl: out of memory writing the "
		                "dashboard\n");
		return EX_TEMPFAIL;
	}
	fputs(page, stdout);
	free(page);
	return EX_OK;
}

static int
ctl_report_print(struct ctl *ctl, const struct sla_desk *desk,
                 const struct tz *zone, const struct report *r,
                 enum ctl_report_format format)
{
	char from[32], to[32];

	ctl_time(r->from, from, sizeof(from));
	ctl_time(r->to, to, sizeof(to));
	if (format == CTL_JSON || ctl->opts->json)
		ctl_report_json(stdout, r);
	else if (format == CTL_CSV)
		ctl_report_csv(stdout, r);
	else if (format == CTL_HTML)
		return ctl_report_html(ctl, desk, zone, r, from, to);
	else
		ctl_report_table(r, from, to);
	return EX_OK;
}

static int
ctl_report_run(struct ctl *ctl, const struct ctl_report_args *a)
{
	long long now = time(NULL), from, to;
	struct sla_desk *desk = NULL;
	struct tz *zone;
	struct report r;
	char err[300];
	int status = EX_TEMPFAIL;

	if ((zone = tz_load(ctl->conf->desk.timezone, err, sizeof(err))) ==
	        NULL ||
	    (desk = sla_desk_new(ctl->conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		tz_free(zone);
		return EX_CONFIG;
	}
	if (ctl_report_period(a, zone, now, &from, &to) != 0) {
		status = EX_USAGE;
	} else if (report_build(ctl->store, desk, zone, from, to, now, a->by,
	                        &r, err, sizeof(err)) != 0) {
		fprintf(stderr, "complaintctl: %s\n", err);
	} else {
		status = ctl_report_print(ctl, desk, zone, &r, a->format);
		report_free(&r);
	}
	sla_desk_free(desk);
	tz_free(zone);
	return status;
}

int
ctl_cmd_report(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_report_args a = {.by = REPORT_BY_NONE, .format = CTL_TABLE};
	struct ctl ctl;
	int status;

	if (ctl_report_options(argc, argv, &a) != 0) {
		ctl_report_usage();
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	status = ctl_report_run(&ctl, &a);
	ctl_close(&ctl);
	return status;
}
