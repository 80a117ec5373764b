/*
 * report_html: the report as one self-contained HTML page with inline
 * SVG charts (volume trend, categories, times, SLA, CSAT/NPS), and the
 * number formats every report format shares.
 */
#ifndef COMPLAINTD_REPORT_HTML_H
#define COMPLAINTD_REPORT_HTML_H

#include <stddef.h>

#include "report.h"

/*
 * The page for r (its groups as a table), with categories (the same
 * period by category) for the breakdown chart; desk names the desk, from
 * and to the period as people read it.  A new string (caller frees), or
 * NULL when memory runs out.
 */
char *report_html(const struct report *r, const struct report *categories,
                  const char *desk, const char *from, const char *to);

/* "40s", "45m", "3.2h", "2.1d"; "-" for a negative value. */
void report_format_duration(double seconds, char *buf, size_t size);
/* "41.7%"; "-" when there is no data. */
void report_format_ratio(const struct report_ratio *r, char *buf, size_t size);

#endif
