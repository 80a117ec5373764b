/*
 * store_report: what "complaintctl report" reads — each ticket of a
 * period with its clocks, replies, reopenings, SLA breaches and survey,
 * the backlog by age, and the customers that need attention.
 */
#include "store.h"
#include "store_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
store_report_tickets_free(struct store_report_ticket *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].category);
		free(v[i].severity);
		free(v[i].team);
		free(v[i].assignee);
		free(v[i].mailbox);
		free(v[i].product);
		free(v[i].language);
		free(v[i].policy);
	}
	free(v);
}

/* The SLA events' keys "sla:ID:CLOCK:CYCLE:breach|escalationN" into
 * the ticket's breach flags and highest level. */
static void
store_report_breaches(const char *keys, struct store_report_ticket *r)
{
	for (const char *p = keys; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char key[128];
		const char *kind;
		int level;

		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		kind = strrchr(key, ':');
		if (kind != NULL && strcmp(kind, ":breach") == 0) {
			r->breaches |= strstr(key, ":first_response:")
			                   ? STORE_REPORT_BREACH_FIRST
			               : strstr(key, ":resolution:")
			                   ? STORE_REPORT_BREACH_RESOLUTION
			                   : STORE_REPORT_BREACH_NEXT;
		} else if (kind != NULL &&
		           sscanf(kind, ":escalation%d", &level) == 1 &&
		           level > r->level) {
			r->level = level;
		}
		p = end ? end + 1 : NULL;
	}
}

static void
store_report_read(sqlite3_stmt *st, struct store_report_ticket *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->customer_id = sqlite3_column_int64(st, 1);
	r->created = sqlite3_column_int64(st, 2);
	r->first_response = store_column_opt_int(st, 3);
	r->resolved = store_column_opt_int(st, 4);
	snprintf(r->status, sizeof(r->status), "%s",
	         (const char *)sqlite3_column_text(st, 5));
	r->category = store_column_dup(st, 6);
	r->severity = store_column_dup(st, 7);
	r->team = store_column_dup(st, 8);
	r->assignee = store_column_dup(st, 9);
	r->mailbox = store_column_dup(st, 10);
	r->product = store_column_dup(st, 11);
	r->language = store_column_dup(st, 12);
	r->policy = store_column_dup(st, 13);
	r->reopens = sqlite3_column_int(st, 14);
	r->replies = sqlite3_column_int(st, 15);
	store_report_breaches((const char *)sqlite3_column_text(st, 16), r);
	r->survey_sent = store_column_opt_int(st, 17);
	r->survey_answered = store_column_opt_int(st, 18);
	r->rating = (int)store_column_opt_int(st, 19);
	r->nps = (int)store_column_opt_int(st, 20);
}

/* A ticket's row: its resolution is when it was resolved, else closed. */
#define STORE_REPORT_SELECT                                                    \
	"SELECT t.id, t.customer_id, t.created, t.first_response, "            \
	"coalesce(t.resolved, t.closed), t.status, t.category, t.severity, "   \
	"t.team, t.assignee, t.mailbox, t.product, t.language, t.sla_policy, " \
	"(SELECT count(*) FROM events e WHERE e.ticket_id = t.id AND "         \
	"e.kind = 'ticket.reopened'), "                                        \
	"(SELECT count(*) FROM events e WHERE e.ticket_id = t.id AND "         \
	"e.kind = 'reply'), "                                                  \
	"(SELECT group_concat(e.dedupe_key, ' ') FROM events e WHERE "         \
	"e.ticket_id = t.id AND e.kind IN ('sla.breach', 'sla.escalation')), " \
	"s.sent, s.answered, s.rating, s.nps FROM tickets t LEFT JOIN "        \
	"surveys s ON s.ticket_id = t.id WHERE t.merged_into IS NULL AND "

int
store_report_tickets(struct store *store, long long since, long long from,
                     long long to, struct store_report_ticket **v_r,
                     size_t *n_r)
{
	/* Created since..to, and those resolved from..to that are older. */
	static const char sql[] = STORE_REPORT_SELECT
	    "t.created >= ?1 AND t.created < ?3 "
	    "UNION ALL " STORE_REPORT_SELECT
	    "coalesce(t.resolved, t.closed) >= ?2 AND "
	    "coalesce(t.resolved, t.closed) < ?3 AND t.created < ?1";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_report_ticket *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		store_report_read(st, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading the tickets of the report");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_report_tickets_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_report_backlog(struct store *store, long long at, const long long *ages,
                     size_t n_ages, long long *counts)
{
	/* Not resolved at "at": unclosed now and created before it. */
	static const char sql[] =
	    "SELECT created FROM tickets WHERE status IN ('new', 'open', "
	    "'pending') AND merged_into IS NULL AND created < ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(counts, 0, (n_ages + 1) * sizeof(*counts));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long age = at - sqlite3_column_int64(st, 0);
		size_t k = 0;
		while (k < n_ages && age >= ages[k])
			k++;
		counts[k]++;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading the backlog");
	store_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
store_report_customers_free(struct store_report_customer *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].address);
		free(v[i].name);
		free(v[i].tier);
	}
	free(v);
}

int
store_report_attention(struct store *store, const char *tag, long long now,
                       struct store_report_customer **v_r, size_t *n_r)
{
	/* Tagged by the repeat rule, or still inside its notice's window. */
	static const char sql[] =
	    "SELECT c.id, c.address, c.name, c.tier, (SELECT count(*) FROM "
	    "tickets t WHERE t.customer_id = c.id) AS n FROM customers c "
	    "WHERE instr(',' || c.tags || ',', ',' || ?1 || ',') > 0 OR "
	    "c.attention_until >= ?2 ORDER BY n DESC, c.id LIMIT 100";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_report_customer *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, tag);
	sqlite3_bind_int64(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].address = store_column_dup(st, 1);
		v[n].name = store_column_dup(st, 2);
		v[n].tier = store_column_dup(st, 3);
		v[n].tickets = sqlite3_column_int64(st, 4);
		n++;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading the customers who need attention");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_report_customers_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}
