/*
 * store_metrics: the figures complaintctl metrics and the textfile writer
 * publish — counts of tickets, outgoing mail, ingested mail and surveys,
 * read in one snapshot so a scrape never mixes two moments.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

void
store_metrics_free(struct store_metric *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].label);
	free(v);
}

int
store_metrics_begin(struct store *store)
{
	/* Deferred: a reader takes no write lock and, under WAL, blocks no
	 * writer; its snapshot starts at the first SELECT. */
	return store_exec_simple(store, "BEGIN", "starting a read of metrics");
}

void
store_metrics_end(struct store *store)
{
	/* A read transaction has nothing to keep. */
	store_rollback(store);
}

/* The (label, count) rows of sql, which takes no parameters; *v_r a new
 * array (free with store_metrics_free).  0 or -1. */
static int
store_metrics_rows(struct store *store, const char *sql, const char *what,
                   struct store_metric **v_r, size_t *n_r)
{
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_metric *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *label = store_column_dup(st, 0);
		if (label == NULL ||
		    store_grow((void **)&v, n, &cap, sizeof(*v)) != 0) {
			free(label);
			rc = SQLITE_NOMEM;
			break;
		}
		v[n].label = label;
		v[n++].value = sqlite3_column_int64(st, 1);
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_metrics_free(v, n);
		return store_fail(store, what);
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_metrics_tickets(struct store *store, struct store_metric **v_r,
                      size_t *n_r)
{
	/* Every status the schema allows, in the order a ticket moves, so
	 * a status with no ticket is a 0 rather than a missing series. */
	static const char sql[] =
	    "WITH s(k, status) AS (VALUES (1, 'new'), (2, 'open'), "
	    "(3, 'pending'), (4, 'resolved'), (5, 'closed')) "
	    "SELECT status, (SELECT count(*) FROM tickets t WHERE t.status = "
	    "s.status) FROM s ORDER BY k";

	return store_metrics_rows(store, sql, "counting tickets by status", v_r,
	                          n_r);
}

int
store_metrics_open_severity(struct store *store, struct store_metric **v_r,
                            size_t *n_r)
{
	static const char sql[] =
	    "SELECT coalesce(nullif(severity, ''), 'none'), count(*) FROM "
	    "tickets WHERE status IN ('new', 'open', 'pending') "
	    "GROUP BY 1 ORDER BY 1";

	return store_metrics_rows(
	    store, sql, "counting open tickets by severity", v_r, n_r);
}

int
store_metrics_outbox(struct store *store, struct store_metric **v_r,
                     size_t *n_r)
{
	static const char sql[] =
	    "WITH s(k, status) AS (VALUES (1, 'queued'), (2, 'sent'), "
	    "(3, 'failed'), (4, 'cancelled')) "
	    "SELECT status, (SELECT count(*) FROM outbox o WHERE o.status = "
	    "s.status) FROM s ORDER BY k";

	return store_metrics_rows(store, sql, "counting the outbox by status",
	                          v_r, n_r);
}

int
store_metrics_ingested(struct store *store, struct store_metric **v_r,
                       size_t *n_r)
{
	/* Fetched mail carries its mailbox's cursor row; mail given to
	 * complaintctl ingest has none and counts under its ticket's
	 * channel.  Every known mailbox shows, 0 before its first mail. */
	static const char sql[] =
	    "SELECT mb, sum(n) FROM (SELECT coalesce(b.name, t.mailbox, "
	    "'pipe') AS mb, count(*) AS n FROM messages m LEFT JOIN mailboxes "
	    "b ON b.id = m.mailbox_id LEFT JOIN tickets t ON t.id = "
	    "m.ticket_id WHERE m.direction = 'in' GROUP BY 1 "
	    "UNION ALL SELECT name, 0 FROM mailboxes) GROUP BY mb ORDER BY mb";

	return store_metrics_rows(
	    store, sql, "counting ingested mail by mailbox", v_r, n_r);
}

int
store_metrics_last_fetch(struct store *store, struct store_metric **v_r,
                         size_t *n_r)
{
	/* A name has a row per UIDVALIDITY epoch; the latest fetch wins. */
	static const char sql[] =
	    "SELECT name, max(last_fetch) FROM mailboxes WHERE last_fetch IS "
	    "NOT NULL GROUP BY name ORDER BY name";

	return store_metrics_rows(store, sql, "reading the last fetch times",
	                          v_r, n_r);
}

int
store_metrics_surveys(struct store *store, struct store_metric **v_r,
                      size_t *n_r)
{
	static const char sql[] =
	    "WITH s(k, status) AS (VALUES (1, 'scheduled'), (2, 'sent'), "
	    "(3, 'skipped')) "
	    "SELECT status, (SELECT count(*) FROM surveys v WHERE v.status = "
	    "s.status) FROM s ORDER BY k";

	return store_metrics_rows(store, sql, "counting surveys by status", v_r,
	                          n_r);
}

int
store_metrics_totals(struct store *store, long long now,
                     struct store_metrics_totals *out)
{
	/*
	 * A breach: a running clock's stored deadline passed (the clock of
	 * a stopped or paused one is NULL), or a breach the scheduler
	 * recorded, which stays when the clock later stops.  Failed
	 * attempts: every attempt but the one that sent the mail; attempts
	 * only grow, so the sum is a counter even when a failed mail is
	 * queued again or cancelled.
	 */
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM tickets t WHERE t.status IN ('new', "
	    "'open', 'pending') AND (t.first_response_due <= ?1 OR "
	    "t.next_response_due <= ?1 OR t.resolution_due <= ?1 OR EXISTS "
	    "(SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.kind = "
	    "'sla.breach'))), "
	    "(SELECT coalesce(sum(attempts - (status = 'sent')), 0) FROM "
	    "outbox), "
	    "(SELECT coalesce(sum(answers), 0) FROM surveys)";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	rc = store_step_row(store, st,
	                    "counting breaches, failed attempts "
	                    "and survey answers");
	if (rc != 1)
		return -1;
	out->sla_breaches_open = sqlite3_column_int64(st, 0);
	out->outbox_failed_attempts = sqlite3_column_int64(st, 1);
	out->survey_answers = sqlite3_column_int64(st, 2);
	store_reset(st);
	return 0;
}
