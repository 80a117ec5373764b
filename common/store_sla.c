/*
 * store_sla: a ticket's SLA clocks and deadlines, the scheduler's queue
 * (tickets by sla_next) and the keys of the SLA events that fired.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

void
store_sla_clear(struct store_sla *s)
{
	free(s->policy);
	memset(s, 0, sizeof(*s));
}

int
store_sla_get(struct store *store, long long id, struct store_sla *out)
{
	static const char sql[] =
	    "SELECT sla_policy, first_response, sla_waiting_since, "
	    "sla_paused_since, sla_paused_total, first_response_due, "
	    "next_response_due, resolution_due, sla_next FROM tickets "
	    "WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc, c = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_row(store, st, "reading a ticket's SLA")) != 1)
		return rc;
	out->policy = store_column_dup(st, c++);
	out->first_response = store_column_opt_int(st, c++);
	out->waiting_since = store_column_opt_int(st, c++);
	out->paused_since = store_column_opt_int(st, c++);
	out->paused_total = sqlite3_column_int64(st, c++);
	for (int k = 0; k < 3; k++)
		out->due[k] = store_column_opt_int(st, c++);
	out->next = store_column_opt_int(st, c++);
	store_reset(st);
	return 1;
}

int
store_sla_put(struct store *store, long long id, const struct store_sla *s)
{
	static const char sql[] =
	    "UPDATE tickets SET sla_policy = ?, first_response = ?, "
	    "sla_waiting_since = ?, sla_paused_since = ?, sla_paused_total = "
	    "?, first_response_due = ?, next_response_due = ?, "
	    "resolution_due = ?, sla_next = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int i = 1;

	if (st == NULL)
		return -1;
	store_bind_text(st, i++, s->policy);
	store_bind_opt_int(st, i++, s->first_response);
	store_bind_opt_int(st, i++, s->waiting_since);
	store_bind_opt_int(st, i++, s->paused_since);
	sqlite3_bind_int64(st, i++, s->paused_total);
	for (int k = 0; k < 3; k++)
		store_bind_opt_int(st, i++, s->due[k]);
	store_bind_opt_int(st, i++, s->next);
	sqlite3_bind_int64(st, i, id);
	return store_step_done(store, st, "storing a ticket's SLA");
}

int
store_sla_next_due(struct store *store, long long *at)
{
	static const char sql[] = "SELECT min(sla_next) FROM tickets WHERE "
	                          "sla_next IS NOT NULL";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*at = -1;
	if (st == NULL)
		return -1;
	if ((rc = store_step_row(store, st, "finding the next SLA event")) ==
	    1) {
		*at = store_column_opt_int(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

/* The ids of sql's rows (one integer column, one bound integer each of
 * a and b); caller frees *ids_r. */
static int
store_sla_ids(struct store *store, const char *sql, long long a, long long b,
              const char *what, long long **ids_r, size_t *n_r)
{
	sqlite3_stmt *st = store_prepare(store, sql);
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*ids_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&ids, n, &cap, sizeof(*ids)) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_fail(store, what);
	}
	*ids_r = ids;
	*n_r = n;
	return 0;
}

int
store_sla_due(struct store *store, long long now, size_t limit,
              long long **ids_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE sla_next IS NOT NULL AND sla_next "
	    "<= ?1 ORDER BY sla_next LIMIT ?2";

	return store_sla_ids(store, sql, now, (long long)limit,
	                     "listing tickets with SLA events due", ids_r, n_r);
}

int
store_sla_tickets_after(struct store *store, long long after, size_t limit,
                        long long **ids_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE id > ?1 AND status <> 'closed' "
	    "ORDER BY id LIMIT ?2";

	return store_sla_ids(store, sql, after, (long long)limit,
	                     "listing tickets for their SLA", ids_r, n_r);
}

int
store_sla_watch(struct store *store, long long before, long long **ids_r,
                size_t *n_r)
{
	/* ?2 only keeps the two-parameter shape of store_sla_ids. */
	static const char sql[] =
	    "SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed') "
	    "AND sla_policy IS NOT NULL AND (first_response_due <= ?1 OR "
	    "next_response_due <= ?1 OR resolution_due <= ?1) AND ?2 = 0 "
	    "ORDER BY id";

	return store_sla_ids(store, sql, before, 0,
	                     "listing tickets near their deadlines", ids_r,
	                     n_r);
}

int
store_sla_fired(struct store *store, long long id, char ***keys_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT dedupe_key FROM events WHERE ticket_id = ? AND "
	    "dedupe_key LIKE 'sla:%'";
	sqlite3_stmt *st = store_prepare(store, sql);
	char **keys = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*keys_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *key = store_column_dup(st, 0);
		if (key == NULL ||
		    store_grow((void **)&keys, n, &cap, sizeof(*keys)) != 0) {
			free(key);
			rc = SQLITE_NOMEM;
			break;
		}
		keys[n++] = key;
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_strings_free(keys, n);
		return store_fail(store, "reading the SLA events of a ticket");
	}
	*keys_r = keys;
	*n_r = n;
	return 0;
}

void
store_strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
store_ticket_raise(struct store *store, long long id, long long points)
{
	static const char sql[] =
	    "UPDATE tickets SET boost = boost + ?1, priority = priority + ?1 "
	    "WHERE id = ?2";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, points);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(store, st, "raising a ticket's priority");
}

int
store_setting_put_int(struct store *store, const char *key, long long value)
{
	static const char sql[] =
	    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = ?2";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, value);
	return store_step_done(store, st, "storing a setting");
}

int
store_setting_get_int(struct store *store, const char *key, long long *value)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*value = -1;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	if ((rc = store_step_row(store, st, "reading a setting")) == 1) {
		*value = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc;
}
