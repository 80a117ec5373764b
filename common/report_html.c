/*
 * report_html: the report as one self-contained HTML file — styles
 * inline, charts as inline SVG, nothing fetched from anywhere, printable
 * — for a manager's browser.  Text from outside (categories, names) is
 * escaped; it is UTF-8 throughout, so Chinese names show as written.
 */
#include "report_html.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 640 /* a chart's width */

static void
html_text(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

void
report_format_duration(double seconds, char *buf, size_t size)
{
	if (seconds < 0)
		snprintf(buf, size, "-");
	else if (seconds < 60)
		snprintf(buf, size, "%.0fs", seconds);
	else if (seconds < 3600)
		snprintf(buf, size, "%.0fm", seconds / 60);
	else if (seconds < 2 * 86400)
		snprintf(buf, size, "%.1fh", seconds / 3600);
	else
		snprintf(buf, size, "%.1fd", seconds / 86400);
}

void
report_format_ratio(const struct report_ratio *r, char *buf, size_t size)
{
	if (r->value < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f%%", 100 * r->value);
}

static const char report_html_style[] =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',"
    "'Droid Sans Fallback',sans-serif;margin:24px;color:#222}"
    "h1{font-size:22px}h2{font-size:17px;margin-top:28px}"
    "table{border-collapse:collapse;font-size:13px}"
    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
    "td:first-child,th:first-child{text-align:left}"
    ".charts{display:flex;flex-wrap:wrap;gap:20px}"
    "figure{margin:0;break-inside:avoid}figcaption{font-weight:bold}"
    "svg text{font-size:11px}"
    "@media print{body{margin:0}.charts{display:block}}";

static void
html_head(FILE *f, const struct report *r, const char *desk, const char *from,
          const char *to)
{
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	      "<title>",
	      f);
	html_text(f, desk);
	fprintf(f,
	        " — complaints %s to %s</title><style>%s</style>"
	        "</head><body>\n<h1>",
	        from, to, report_html_style);
	html_text(f, desk);
	fprintf(f, ": complaints from %s to %s</h1>\n", from, to);
	fprintf(f,
	        "<p>%lld received, %lld resolved in the period; %zu agents, "
	        "%.0f working hours.</p>\n",
	        r->all.received, r->all.resolved, r->agents, r->working_hours);
}

/* Bars of values (labels under them), a second series as a line. */
static void
html_trend(FILE *f, const struct report *r)
{
	long long max = 1;
	double step;

	for (size_t i = 0; i < r->n_trend; i++) {
		if (r->trend[i].received > max)
			max = r->trend[i].received;
		if (r->trend[i].resolved > max)
			max = r->trend[i].resolved;
	}
	step = r->n_trend > 0 ? (double)(W - 40) / (double)r->n_trend : 1;
	fprintf(f,
	        "<figure id=\"trend\"><figcaption>Volume trend (per %s): "
	        "received (bars), resolved (line)</figcaption>"
	        "<svg class=\"chart\" width=\"%d\" height=\"220\" "
	        "viewBox=\"0 0 %d 220\" role=\"img\">",
	        report_by_name(r->trend_by), W, W);
	fprintf(f, "<text x=\"0\" y=\"12\">%lld</text>", max);
	for (size_t i = 0; i < r->n_trend; i++) {
		double h = 170.0 * (double)r->trend[i].received / (double)max;
		fprintf(f,
		        "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
		        "width=\"%.1f\" height=\"%.1f\" fill=\"#4e79a7\">"
		        "<title>%s: %lld received, %lld resolved</title>"
		        "</rect>",
		        30 + i * step, 190 - h, step * 0.8, h, r->trend[i].key,
		        r->trend[i].received, r->trend[i].resolved);
	}
	fputs("<polyline fill=\"none\" stroke=\"#e15759\" stroke-width=\"2\" "
	      "points=\"",
	      f);
	for (size_t i = 0; i < r->n_trend; i++)
		fprintf(f, "%.1f,%.1f ", 30 + (i + 0.4) * step,
		        190 -
		            170.0 * (double)r->trend[i].resolved / (double)max);
	fputs("\"/>", f);
	if (r->n_trend > 0)
		fprintf(f,
		        "<text x=\"30\" y=\"210\">%s</text><text x=\"%d\" "
		        "y=\"210\" text-anchor=\"end\">%s</text>",
		        r->trend[0].key, W - 10, r->trend[r->n_trend - 1].key);
	fputs("</svg></figure>\n", f);
}

/* Horizontal bars: label, value and its text, at most 12. */
static void
html_hbars(FILE *f, const char *id, const char *caption, size_t n,
           const char *const *labels, const double *values, double max,
           const char *const *texts)
{
	size_t rows = n > 12 ? 12 : n;

	fprintf(f,
	        "<figure id=\"%s\"><figcaption>%s</figcaption>"
	        "<svg class=\"chart\" width=\"%d\" height=\"%zu\" "
	        "viewBox=\"0 0 %d %zu\" role=\"img\">",
	        id, caption, W, 24 * rows + 10, W, 24 * rows + 10);
	for (size_t i = 0; i < rows; i++) {
		double w = max > 0 ? 380.0 * values[i] / max : 0;
		fprintf(f, "<text x=\"0\" y=\"%zu\">", 24 * i + 19);
		html_text(f, labels[i]);
		fprintf(f,
		        "</text><rect class=\"bar\" x=\"170\" y=\"%zu\" "
		        "width=\"%.1f\" height=\"16\" fill=\"#59a14f\"/>"
		        "<text x=\"%.1f\" y=\"%zu\">",
		        24 * i + 6, w < 1 ? 1 : w, 176 + (w < 1 ? 1 : w),
		        24 * i + 19);
		html_text(f, texts[i]);
		fputs("</text>", f);
	}
	fputs("</svg></figure>\n", f);
}

static void
html_categories(FILE *f, const struct report *cat)
{
	const char *labels[12], *texts[12];
	char buf[12][48];
	double values[12], max = 0;
	size_t n = cat->n_groups > 12 ? 12 : cat->n_groups;

	for (size_t i = 0; i < n; i++) {
		const struct report_group *g = &cat->groups[i];
		labels[i] = g->key;
		values[i] = (double)g->received;
		max = values[i] > max ? values[i] : max;
		snprintf(buf[i], sizeof(buf[i]), "%lld (%.0f%%)", g->received,
		         100 * (g->share < 0 ? 0 : g->share));
		texts[i] = buf[i];
	}
	html_hbars(f, "categories", "Complaints by category", n, labels, values,
	           max, texts);
}

static void
html_times(FILE *f, const struct report_group *g)
{
	const char *labels[] = {"first response, median", "first response, p90",
	                        "resolution, median", "resolution, p90"};
	double values[] = {g->first_response.median, g->first_response.p90,
	                   g->resolution.median, g->resolution.p90};
	char buf[4][32];
	const char *texts[4];
	double max = 0;

	for (int i = 0; i < 4; i++) {
		report_format_duration(i < 2 && g->first_response.n == 0 ? -1
		                       : i >= 2 && g->resolution.n == 0
		                           ? -1
		                           : values[i],
		                       buf[i], sizeof(buf[i]));
		texts[i] = buf[i];
		max = values[i] > max ? values[i] : max;
	}
	html_hbars(f, "times", "Response and resolution times (wall clock)", 4,
	           labels, values, max, texts);
}

static void
html_quality(FILE *f, const struct report_group *g)
{
	const char *labels[] = {"SLA first response met", "SLA resolution met",
	                        "CSAT (rated 4-5)", "NPS (+100 best)"};
	double values[] = {
	    g->sla_first_response.value < 0 ? 0
	                                    : 100 * g->sla_first_response.value,
	    g->sla_resolution.value < 0 ? 0 : 100 * g->sla_resolution.value,
	    g->csat.value < 0 ? 0 : 100 * g->csat.value,
	    g->nps < -100 ? 0 : (g->nps + 100) / 2};
	char buf[4][32];
	const char *texts[4] = {buf[0], buf[1], buf[2], buf[3]};

	report_format_ratio(&g->sla_first_response, buf[0], sizeof(buf[0]));
	report_format_ratio(&g->sla_resolution, buf[1], sizeof(buf[1]));
	report_format_ratio(&g->csat, buf[2], sizeof(buf[2]));
	if (g->nps < -100)
		snprintf(buf[3], sizeof(buf[3]), "-");
	else
		snprintf(buf[3], sizeof(buf[3]), "%+.0f", g->nps);
	html_hbars(f, "quality", "SLA compliance, CSAT and NPS", 4, labels,
	           values, 100, texts);
}

/* Every figure: one row per group, then the total. */
static void
html_groups(FILE *f, const struct report *r)
{
	char cell[48];

	fprintf(f, "<h2>Figures%s%s</h2><table id=\"figures\"><tr><th>%s</th>",
	        r->by != REPORT_BY_NONE ? " by " : "",
	        r->by != REPORT_BY_NONE ? report_by_name(r->by) : "",
	        r->by != REPORT_BY_NONE ? report_by_name(r->by) : "");
	for (size_t k = 0; k < report_n_columns; k++)
		fprintf(f, "<th>%s</th>", report_columns[k].header);
	fputs("</tr>\n", f);
	for (size_t i = 0; i <= r->n_groups; i++) {
		const struct report_group *g =
		    i < r->n_groups ? &r->groups[i] : &r->all;
		fputs("<tr><td>", f);
		html_text(f, g->key);
		fputs("</td>", f);
		for (size_t k = 0; k < report_n_columns; k++) {
			report_column_text(&report_columns[k], g, cell,
			                   sizeof(cell));
			fprintf(f, "<td>%s</td>", cell);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void
html_people(FILE *f, const char *id, const char *title,
            const struct report_customer *v, size_t n, bool risk)
{
	fprintf(f,
	        "<h2>%s</h2><table id=\"%s\"><tr><th>customer</th>"
	        "<th>name</th><th>tickets</th>%s</tr>\n",
	        title, id, risk ? "<th>score</th><th>why</th>" : "");
	for (size_t i = 0; i < n; i++) {
		fputs("<tr><td>", f);
		html_text(f, v[i].address);
		fputs("</td><td>", f);
		html_text(f, v[i].name);
		fprintf(f, "</td><td>%lld</td>", v[i].tickets);
		if (risk) {
			fprintf(f, "<td>%.0f</td><td>", v[i].score);
			html_text(f, v[i].reasons);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	if (n == 0)
		fprintf(f, "<tr><td colspan=\"%d\">none</td></tr>\n",
		        risk ? 5 : 3);
	fputs("</table>\n", f);
}

static void
html_backlog(FILE *f, const struct report *r)
{
	fputs("<h2>Backlog by age (not resolved)</h2><table id=\"backlog\">"
	      "<tr>",
	      f);
	for (size_t k = 0; k <= REPORT_BACKLOG_AGES; k++)
		fprintf(f, "<th>%s</th>", report_backlog_labels[k]);
	fputs("</tr><tr>", f);
	for (size_t k = 0; k <= REPORT_BACKLOG_AGES; k++)
		fprintf(f, "<td>%lld</td>", r->backlog[k]);
	fputs("</tr></table>\n", f);
}

char *
report_html(const struct report *r, const struct report *categories,
            const char *desk, const char *from, const char *to)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (f == NULL)
		return NULL;
	html_head(f, r, desk, from, to);
	fputs("<div class=\"charts\">\n", f);
	html_trend(f, r);
	html_categories(f, categories);
	html_times(f, &r->all);
	html_quality(f, &r->all);
	fputs("</div>\n", f);
	html_groups(f, r);
	html_backlog(f, r);
	html_people(f, "top", "Top complaining customers", r->top, r->n_top,
	            false);
	html_people(f, "at-risk", "Customers at risk of leaving", r->at_risk,
	            r->n_at_risk, true);
	html_people(f, "attention", "High-attention customers", r->attention,
	            r->n_attention, false);
	fputs("<p>Definitions: docs/METRICS.md.</p></body></html>\n", f);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}
