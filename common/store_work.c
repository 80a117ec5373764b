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
