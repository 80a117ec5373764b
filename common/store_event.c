/*
 * store_event: the audit trail of tickets.  A dedupe key turns "this
 * warning or survey was sent" into a fact that survives restarts.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

int
store_event_add(struct store *store, long long ticket_id, long long now,
                const char *kind, const char *actor, const char *detail,
                const char *dedupe_key)
{
	static const char sql[] =
	    "INSERT INTO events (ticket_id, time, kind, actor, detail, "
	    "dedupe_key) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) "
	    "DO NOTHING";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_opt_int(st, 1, ticket_id);
	sqlite3_bind_int64(st, 2, now);
	store_bind_text(st, 3, kind);
	store_bind_text(st, 4, actor);
	store_bind_text(st, 5, detail);
	store_bind_text(st, 6, dedupe_key);
	if (store_step_done(store, st, "recording an event") != 0)
		return -1;
	return sqlite3_changes(store->db) == 0 ? 1 : 0;
}

void
store_events_free(struct store_event *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].kind);
		free(v[i].actor);
		free(v[i].detail);
	}
	free(v);
}

int
store_ticket_events(struct store *store, long long ticket_id,
                    struct store_event **v_r, size_t *n_r)
{
	static const char sql[] = "SELECT id, time, kind, actor, detail FROM "
	                          "events WHERE ticket_id = ? ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_event *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].time = sqlite3_column_int64(st, 1);
		v[n].kind = store_column_dup(st, 2);
		v[n].actor = store_column_dup(st, 3);
		v[n].detail = store_column_dup(st, 4);
		n++;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading a ticket's events");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_events_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}
