/*
 * metrics: the desk's counters and gauges for Prometheus — gathered from
 * the store in one snapshot, then written in the text exposition format
 * (version 0.0.4) or as one JSON object.  complaintctl metrics prints
 * them; the daemon's textfile writer feeds node_exporter with them.  The
 * formatting is pure: it takes the gathered figures and returns text.
 *
 * The metrics (names and their exact meaning are in metrics.c's table,
 * which is also the HELP text):
 *   complaintd_tickets{status}                    gauge
 *   complaintd_tickets_open_by_severity{severity} gauge
 *   complaintd_sla_breaches_open                  gauge
 *   complaintd_outbox_messages{status}            gauge
 *   complaintd_outbox_failed_total                counter
 *   complaintd_ingested_messages_total{mailbox}   counter
 *   complaintd_last_fetch_timestamp_seconds{mailbox}  gauge
 *   complaintd_surveys{status}                    gauge
 *   complaintd_survey_answers_total               counter
 *   complaintd_scrape_timestamp_seconds           gauge
 */
#ifndef COMPLAINTD_METRICS_H
#define COMPLAINTD_METRICS_H

#include <stddef.h>

#include "store.h"

/* The figures of one labelled metric, in output order. */
struct metrics_list {
	struct store_metric *v; /* owned */
	size_t n;
};

/* One scrape.  Fill with metrics_gather, release with metrics_clear. */
struct metrics {
	long long now;               /* when it was read, Unix seconds */
	struct metrics_list tickets; /* by status */
	struct metrics_list open_by_severity; /* by severity */
	long long sla_breaches_open;
	struct metrics_list outbox; /* by status */
	long long outbox_failed;
	struct metrics_list ingested;   /* by mailbox */
	struct metrics_list last_fetch; /* by mailbox */
	struct metrics_list surveys;    /* by status */
	long long survey_answers;
};

/*
 * Reads every figure from store as of now, in one read transaction (no
 * write lock).  Every configured severity is listed, 0 when no open
 * ticket has it.  Returns 0, or -1 with nothing kept and store_error()
 * saying what failed.
 */
int metrics_gather(struct store *store, long long now, struct metrics *m);
void metrics_clear(struct metrics *m);

/*
 * m in the Prometheus text exposition format 0.0.4: for each metric a
 * "# HELP" and a "# TYPE" line, then its samples, label values escaped
 * (backslash, double quote, newline).  *text_r is a new NUL-terminated
 * string (caller frees) of *len_r bytes.  0, or -1 when out of memory.
 */
int metrics_format_text(const struct metrics *m, char **text_r, size_t *len_r);

/*
 * The same figures as one JSON object and a newline: each metric's name
 * maps to its value, or for labelled ones to an object from label value
 * to value.  As metrics_format_text for the result.
 */
int metrics_format_json(const struct metrics *m, char **text_r, size_t *len_r);

#endif
