/*
 * store_mailbox: the IMAP cursors — the highest UID ingested per mailbox
 * and UIDVALIDITY epoch — and the after-fetch actions still owed to the
 * server.  Both change in the same transaction as the mail they concern.
 */
#include "store.h"
#include "store_p.h"

#include <string.h>

static int
store_mailbox_read(struct store *store, const char *name, long long uidvalidity,
                   struct store_mailbox *out)
{
	static const char sql[] =
	    "SELECT id, last_uid, (SELECT min(first_seen) FROM mailboxes "
	    "WHERE name = ?1), CASE WHEN id = (SELECT min(id) FROM mailboxes "
	    "WHERE name = ?1) THEN coalesce(first_uid, 0) ELSE 0 END FROM "
	    "mailboxes WHERE name = ?1 AND uidvalidity = ?2";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, uidvalidity);
	if ((rc = store_step_row(store, st, "reading a mailbox cursor")) == 1) {
		out->id = sqlite3_column_int64(st, 0);
		out->uidvalidity = uidvalidity;
		out->last_uid = sqlite3_column_int64(st, 1);
		out->first_seen = sqlite3_column_int64(st, 2);
		out->first_uid = sqlite3_column_int64(st, 3);
		store_reset(st);
	}
	return rc;
}

/* The pending actions of older epochs name UIDs that mean nothing now. */
static int
store_mailbox_forget_epochs(struct store *store, const char *name,
                            long long uidvalidity)
{
	static const char sql[] =
	    "DELETE FROM pending_actions WHERE mailbox_id IN (SELECT id FROM "
	    "mailboxes WHERE name = ? AND uidvalidity <> ?)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, uidvalidity);
	return store_step_done(store, st, "dropping stale pending actions");
}

int
store_mailbox_open(struct store *store, const char *name, long long uidvalidity,
                   long long uidnext, long long now, struct store_mailbox *out)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO mailboxes (name, uidvalidity, first_seen, "
	    "first_uid) VALUES (?, ?, ?, nullif(?, 0))";
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_mailbox_read(store, name, uidvalidity, out)) != 0)
		return rc < 0 ? -1 : 0;
	if ((st = store_prepare(store, sql)) == NULL)
		return -1;
	store_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, uidvalidity);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, uidnext);
	if (store_step_done(store, st, "creating a mailbox cursor") != 0 ||
	    store_mailbox_forget_epochs(store, name, uidvalidity) != 0)
		return -1;
	rc = store_mailbox_read(store, name, uidvalidity, out);
	out->new_epoch = out->first_seen < now;
	return rc == 1 ? 0 : -1;
}

int
store_mailbox_advance(struct store *store, long long mailbox_id, long long uid)
{
	static const char sql[] =
	    "UPDATE mailboxes SET last_uid = max(last_uid, ?) WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, uid);
	sqlite3_bind_int64(st, 2, mailbox_id);
	return store_step_done(store, st, "advancing a mailbox cursor");
}

int
store_mailbox_fetched(struct store *store, long long mailbox_id, long long now)
{
	static const char sql[] =
	    "UPDATE mailboxes SET last_fetch = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, mailbox_id);
	return store_step_done(store, st, "recording a fetch time");
}

int
store_action_add(struct store *store, long long mailbox_id, long long uid)
{
	static const char sql[] = "INSERT OR IGNORE INTO pending_actions "
	                          "(mailbox_id, uid) VALUES (?, ?)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	sqlite3_bind_int64(st, 2, uid);
	return store_step_done(store, st, "recording a pending action");
}

int
store_actions_pending(struct store *store, long long mailbox_id,
                      long long *uids, size_t max, size_t *n_r)
{
	static const char sql[] = "SELECT uid FROM pending_actions WHERE "
	                          "mailbox_id = ? ORDER BY uid LIMIT ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	sqlite3_bind_int64(st, 2, (long long)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		uids[(*n_r)++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_DONE)
		store_fail(store, "reading pending actions");
	store_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_action_done(struct store *store, long long mailbox_id, long long uid)
{
	static const char sql[] =
	    "DELETE FROM pending_actions WHERE mailbox_id = ? AND uid = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	sqlite3_bind_int64(st, 2, uid);
	return store_step_done(store, st, "clearing a pending action");
}
