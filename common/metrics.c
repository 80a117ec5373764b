/*
 * metrics: the desk's figures gathered from the store and written for
 * Prometheus (text exposition format 0.0.4) or as JSON.  One table says
 * each metric's name, type, label and meaning; both formats walk it.
 */
#include "metrics.h"

#include "conf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct metrics_family {
	const char *name;
	const char *type;  /* "gauge" or "counter" */
	const char *label; /* NULL: one sample without labels */
	/* Labels always listed, 0 when the store has no row for them, before
	 * any other the store has; NULL: the store's rows as they are. */
	const char *const *known;
	size_t offset; /* of a struct metrics_list, or of a long long */
	const char *help;
};

#define METRICS_AT(field_) offsetof(struct metrics, field_)

/* The HELP texts are the definitions docs/METRICS.md repeats. */
static const struct metrics_family metrics_families[] = {
    {"complaintd_tickets", "gauge", "status", NULL, METRICS_AT(tickets),
     "Tickets by status (new, open, pending, resolved, closed); every "
     "ticket counts, merged duplicates as closed."},
    {"complaintd_tickets_open_by_severity", "gauge", "severity",
     conf_severities, METRICS_AT(open_by_severity),
     "Tickets not resolved or closed (new, open, pending) by severity; "
     "none: not classified."},
    {"complaintd_sla_breaches_open", "gauge", NULL, NULL,
     METRICS_AT(sla_breaches_open),
     "Tickets not resolved or closed that missed an SLA deadline: the "
     "first-response, next-response or resolution deadline of a running "
     "clock is at or before the scrape time, or an sla.breach event was "
     "recorded for the ticket."},
    {"complaintd_outbox_messages", "gauge", "status", NULL, METRICS_AT(outbox),
     "Outgoing mail in the outbox by status (queued, sent, failed: given "
     "up, cancelled)."},
    {"complaintd_outbox_failed_total", "counter", NULL, NULL,
     METRICS_AT(outbox_failed),
     "Delivery attempts of outgoing mail that did not send it, temporary "
     "and permanent failures alike."},
    {"complaintd_ingested_messages_total", "counter", "mailbox", NULL,
     METRICS_AT(ingested),
     "Mail received and stored, by the mailbox it was fetched from; mail "
     "given to complaintctl ingest counts under its ticket's channel "
     "(--mailbox, else pipe)."},
    {"complaintd_last_fetch_timestamp_seconds", "gauge", "mailbox", NULL,
     METRICS_AT(last_fetch),
     "When the mailbox was last fetched from successfully (Unix time); "
     "absent before its first fetch."},
    {"complaintd_surveys", "gauge", "status", NULL, METRICS_AT(surveys),
     "Satisfaction surveys by status (scheduled, sent, skipped)."},
    {"complaintd_survey_answers_total", "counter", NULL, NULL,
     METRICS_AT(survey_answers),
     "Answers to satisfaction surveys received; a second answer to the "
     "same survey counts again."},
    {"complaintd_scrape_timestamp_seconds", "gauge", NULL, NULL,
     METRICS_AT(now),
     "When these figures were read from the store (Unix "
     "time)."},
};

#define METRICS_N_FAMILIES                                                     \
	(sizeof(metrics_families) / sizeof(*metrics_families))

void
metrics_clear(struct metrics *m)
{
	if (m == NULL)
		return;
	store_metrics_free(m->tickets.v, m->tickets.n);
	store_metrics_free(m->open_by_severity.v, m->open_by_severity.n);
	store_metrics_free(m->outbox.v, m->outbox.n);
	store_metrics_free(m->ingested.v, m->ingested.n);
	store_metrics_free(m->last_fetch.v, m->last_fetch.n);
	store_metrics_free(m->surveys.v, m->surveys.n);
	memset(m, 0, sizeof(*m));
}

/* Every query in the read transaction store_metrics_begin opened. */
static int
metrics_read(struct store *store, struct metrics *m)
{
	struct store_metrics_totals t;

	if (store_metrics_tickets(store, &m->tickets.v, &m->tickets.n) != 0 ||
	    store_metrics_open_severity(store, &m->open_by_severity.v,
	                                &m->open_by_severity.n) != 0 ||
	    store_metrics_outbox(store, &m->outbox.v, &m->outbox.n) != 0 ||
	    store_metrics_ingested(store, &m->ingested.v, &m->ingested.n) !=
	        0 ||
	    store_metrics_last_fetch(store, &m->last_fetch.v,
	                             &m->last_fetch.n) != 0 ||
	    store_metrics_surveys(store, &m->surveys.v, &m->surveys.n) != 0 ||
	    store_metrics_totals(store, m->now, &t) != 0)
		return -1;
	m->sla_breaches_open = t.sla_breaches_open;
	m->outbox_failed = t.outbox_failed_attempts;
	m->survey_answers = t.survey_answers;
	return 0;
}

int
metrics_gather(struct store *store, long long now, struct metrics *m)
{
	int rc;

	memset(m, 0, sizeof(*m));
	m->now = now;
	if (store_metrics_begin(store) != 0)
		return -1;
	rc = metrics_read(store, m);
	store_metrics_end(store);
	if (rc != 0)
		metrics_clear(m);
	return rc;
}

/* ---- formatting ---- */

/* Writes s with backslash and newline escaped, and the double quote too
 * when quote (label values; HELP text leaves it). */
static void
metrics_escape(FILE *out, const char *s, bool quote)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '"' && quote)
			fputs("\\\"", out);
		else
			putc(*s, out);
	}
}

/* s as a JSON string. */
static void
metrics_json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			putc(*p, out);
	}
	putc('"', out);
}

/* One sample of family f: label NULL for an unlabelled one; first says
 * whether it is the family's first. */
typedef void (*metrics_sample_fn)(FILE *out, const struct metrics_family *f,
                                  const char *label, long long value,
                                  bool first);

static const struct metrics_list *
metrics_list_of(const struct metrics *m, const struct metrics_family *f)
{
	return (const struct metrics_list *)((const char *)m + f->offset);
}

static bool
metrics_listed(const char *const *known, const char *label)
{
	for (size_t i = 0; known != NULL && known[i] != NULL; i++)
		if (strcmp(known[i], label) == 0)
			return true;
	return false;
}

/* The value of label in l; 0 when it has none. */
static long long
metrics_value_of(const struct metrics_list *l, const char *label)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].label, label) == 0)
			return l->v[i].value;
	return 0;
}

/* Calls fn for each sample of f: the known labels first, in their order,
 * then the rest of the store's rows in theirs. */
static void
metrics_each(FILE *out, const struct metrics *m, const struct metrics_family *f,
             metrics_sample_fn fn)
{
	const struct metrics_list *l;
	bool first = true;

	if (f->label == NULL) {
		fn(out, f, NULL,
		   *(const long long *)((const char *)m + f->offset), true);
		return;
	}
	l = metrics_list_of(m, f);
	for (size_t i = 0; f->known != NULL && f->known[i] != NULL; i++) {
		fn(out, f, f->known[i], metrics_value_of(l, f->known[i]),
		   first);
		first = false;
	}
	for (size_t i = 0; i < l->n; i++) {
		if (metrics_listed(f->known, l->v[i].label))
			continue;
		fn(out, f, l->v[i].label, l->v[i].value, first);
		first = false;
	}
}

static void
metrics_text_sample(FILE *out, const struct metrics_family *f,
                    const char *label, long long value, bool first)
{
	(void)first;
	fputs(f->name, out);
	if (label != NULL) {
		fprintf(out, "{%s=\"", f->label);
		metrics_escape(out, label, true);
		fputs("\"}", out);
	}
	fprintf(out, " %lld\n", value);
}

static void
metrics_json_sample(FILE *out, const struct metrics_family *f,
                    const char *label, long long value, bool first)
{
	(void)f;
	if (label == NULL) {
		fprintf(out, "%lld", value);
		return;
	}
	fputs(first ? "" : ",", out);
	metrics_json_string(out, label);
	fprintf(out, ":%lld", value);
}

/* Closes the memory stream and hands its text over; 0 or -1 (nothing
 * kept). */
static int
metrics_finish(FILE *out, char **text, size_t *len, char **text_r,
               size_t *len_r)
{
	bool failed = ferror(out) != 0;

	if (fclose(out) != 0 || failed) {
		free(*text);
		return -1;
	}
	*text_r = *text;
	*len_r = *len;
	return 0;
}

int
metrics_format_text(const struct metrics *m, char **text_r, size_t *len_r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	*text_r = NULL;
	*len_r = 0;
	if (out == NULL)
		return -1;
	for (size_t i = 0; i < METRICS_N_FAMILIES; i++) {
		const struct metrics_family *f = &metrics_families[i];
		fprintf(out, "# HELP %s ", f->name);
		metrics_escape(out, f->help, false);
		fprintf(out, "\n# TYPE %s %s\n", f->name, f->type);
		metrics_each(out, m, f, metrics_text_sample);
	}
	return metrics_finish(out, &text, &len, text_r, len_r);
}

int
metrics_format_json(const struct metrics *m, char **text_r, size_t *len_r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	*text_r = NULL;
	*len_r = 0;
	if (out == NULL)
		return -1;
	putc('{', out);
	for (size_t i = 0; i < METRICS_N_FAMILIES; i++) {
		const struct metrics_family *f = &metrics_families[i];
		fprintf(out, "%s\"%s\":%s", i ? "," : "", f->name,
		        f->label ? "{" : "");
		metrics_each(out, m, f, metrics_json_sample);
		fputs(f->label ? "}" : "", out);
	}
	fputs("}\n", out);
	return metrics_finish(out, &text, &len, text_r, len_r);
}
