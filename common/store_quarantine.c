/*
 * store_quarantine: mail an agent should look at — parsed with warnings,
 * or too large to fetch — and the requests to run it through ingest again.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

int
store_quarantine_add(struct store *store, const struct store_quarantine_new *q,
                     long long *id_r)
{
	static const char sql[] =
	    "INSERT INTO quarantine (message_row, ticket_id, mailbox, "
	    "uidvalidity, uid, size, reason, created, updated) VALUES (?, ?, "
	    "?, ?, ?, ?, ?, ?8, ?8)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_opt_int(st, 1, q->message_row);
	store_bind_opt_int(st, 2, q->ticket_id);
	store_bind_text(st, 3, q->mailbox);
	store_bind_opt_int(st, 4, q->uidvalidity);
	store_bind_opt_int(st, 5, q->uid);
	store_bind_opt_int(st, 6, q->size);
	store_bind_text(st, 7, q->reason);
	sqlite3_bind_int64(st, 8, q->now);
	if (store_step_done(store, st, "quarantining a message") != 0)
		return -1;
	if (id_r != NULL)
		*id_r = sqlite3_last_insert_rowid(store->db);
	return 0;
}

void
store_quarantine_clear(struct store_quarantine *q)
{
	if (q == NULL)
		return;
	free(q->mailbox);
	free(q->reason);
	free(q->status);
	memset(q, 0, sizeof(*q));
}

void
store_quarantine_free(struct store_quarantine *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_quarantine_clear(&v[i]);
	free(v);
}

#define STORE_QUARANTINE_COLUMNS                                               \
	"SELECT id, message_row, ticket_id, mailbox, uidvalidity, uid, size, " \
	"reason, status, created, updated FROM quarantine "

static void
store_quarantine_row(sqlite3_stmt *st, struct store_quarantine *q)
{
	q->id = sqlite3_column_int64(st, 0);
	q->message_row = store_column_opt_int(st, 1);
	q->ticket_id = store_column_opt_int(st, 2);
	q->mailbox = store_column_dup(st, 3);
	q->uidvalidity = store_column_opt_int(st, 4);
	q->uid = store_column_opt_int(st, 5);
	q->size = store_column_opt_int(st, 6);
	q->reason = store_column_dup(st, 7);
	q->status = store_column_dup(st, 8);
	q->created = sqlite3_column_int64(st, 9);
	q->updated = sqlite3_column_int64(st, 10);
}

/* Runs a bound quarantine SELECT into a new array. */
static int
store_quarantine_collect(struct store *store, sqlite3_stmt *st,
                         struct store_quarantine **v_r, size_t *n_r)
{
	struct store_quarantine *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		store_quarantine_row(st, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading the quarantine");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_quarantine_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_quarantine_list(struct store *store, const char *status,
                      struct store_quarantine **v_r, size_t *n_r)
{
	static const char sql[] =
	    STORE_QUARANTINE_COLUMNS "WHERE (?1 IS NULL AND status <> "
	                             "'resolved') OR status = ?1 ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, status);
	return store_quarantine_collect(store, st, v_r, n_r);
}

int
store_quarantine_refetch(struct store *store, const char *mailbox,
                         struct store_quarantine **v_r, size_t *n_r)
{
	static const char sql[] =
	    STORE_QUARANTINE_COLUMNS "WHERE status = 'refetch' AND mailbox = ? "
	                             "ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, mailbox);
	return store_quarantine_collect(store, st, v_r, n_r);
}

int
store_quarantine_get(struct store *store, long long id,
                     struct store_quarantine *out)
{
	static const char sql[] = STORE_QUARANTINE_COLUMNS "WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = store_step_row(store, st, "reading a quarantine entry");
	if (rc == 1) {
		store_quarantine_row(st, out);
		store_reset(st);
	}
	return rc;
}

int
store_quarantine_set(struct store *store, long long id, const char *status,
                     const char *reason, long long now)
{
	static const char sql[] =
	    "UPDATE quarantine SET status = ?, reason = coalesce(?, reason), "
	    "updated = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, status);
	store_bind_text(st, 2, reason);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, id);
	return store_step_done(store, st, "updating a quarantine entry");
}
