/*
 * store_work: what agents change by hand on a ticket (complaintctl
 * assign, take and tag) — who has it and how it is tagged.  Each change
 * also moves the ticket's "updated" time.
 */
#include "store.h"
#include "store_p.h"

/* Steps an UPDATE of one ticket: 1 changed, 0 no such ticket, -1. */
static int
store_work_update(struct store *store, sqlite3_stmt *st, const char *what)
{
	if (store_step_done(store, st, what) != 0)
		return -1;
	return sqlite3_changes(store->db) > 0 ? 1 : 0;
}

int
store_ticket_set_assignee(struct store *store, long long id,
                          const char *assignee, long long now)
{
	static const char sql[] =
	    "UPDATE tickets SET assignee = ?, updated = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, assignee);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return store_work_update(store, st, "assigning a ticket");
}

int
store_ticket_set_tags(struct store *store, long long id, const char *tags,
                      long long now)
{
	static const char sql[] =
	    "UPDATE tickets SET tags = ?, updated = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	/* The column is NOT NULL: no tags is "". */
	store_bind_text(st, 1, tags ? tags : "");
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return store_work_update(store, st, "tagging a ticket");
}

int
store_ticket_merge(struct store *store, long long from, long long into,
                   long long now)
{
	static const char *const sql[] = {
	    "UPDATE messages SET ticket_id = ?2 WHERE ticket_id = ?1",
	    "INSERT OR IGNORE INTO participants (ticket_id, address) SELECT "
	    "?2, address FROM participants WHERE ticket_id = ?1",
	    /* The merged ticket's customer takes part in the other. */
	    "INSERT OR IGNORE INTO participants (ticket_id, address) SELECT "
	    "?2, c.address FROM tickets t JOIN customers c ON c.id = "
	    "t.customer_id WHERE t.id = ?1",
	    "UPDATE tickets SET merged_into = ?2, status = 'closed', closed = "
	    "?3, updated = ?3 WHERE id = ?1",
	    "UPDATE tickets SET updated = ?3 WHERE id = ?2",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(*sql); i++) {
		sqlite3_stmt *st = store_prepare(store, sql[i]);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, into);
		sqlite3_bind_int64(st, 3, now);
		if (store_step_done(store, st, "merging tickets") != 0)
			return -1;
	}
	return 0;
}

int
store_ticket_merged_into(struct store *store, long long id, long long *into)
{
	static const char sql[] =
	    "SELECT merged_into FROM tickets WHERE id = ? AND merged_into IS "
	    "NOT NULL";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*into = -1;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_row(store, st, "following a merged ticket")) ==
	    1) {
		*into = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc;
}
