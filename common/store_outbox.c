/*
 * store_outbox: outgoing mail waiting for, or done with, the SMTP server;
 * and the bounce pause of customers' addresses.  A row is written in the
 * same transaction as what caused it, so no mail is lost or invented.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

int
store_outbox_add(struct store *store, const struct store_outbox_new *o,
                 long long *id_r)
{
	static const char sql[] =
	    "INSERT INTO outbox (kind, ticket_id, message_row, sender, "
	    "recipient, message_id, subject, language, raw, created, "
	    "next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?10, "
	    "max(?10, ?11))";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, o->kind);
	store_bind_opt_int(st, 2, o->ticket_id);
	store_bind_opt_int(st, 3, o->message_row);
	store_bind_text(st, 4, o->sender ? o->sender : "");
	store_bind_text(st, 5, o->recipient);
	store_bind_text(st, 6, o->message_id);
	store_bind_text(st, 7, o->subject);
	store_bind_text(st, 8, o->language);
	sqlite3_bind_blob64(st, 9, o->raw, o->raw_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, o->now);
	sqlite3_bind_int64(st, 11, o->send_at);
	if (store_step_done(store, st, "queueing a mail") != 0)
		return -1;
	if (id_r != NULL)
		*id_r = sqlite3_last_insert_rowid(store->db);
	return 0;
}

void
store_outbox_clear(struct store_outbox *o)
{
	if (o == NULL)
		return;
	free(o->kind);
	free(o->sender);
	free(o->recipient);
	free(o->message_id);
	free(o->subject);
	free(o->language);
	free(o->status);
	free(o->last_error);
	free(o->raw);
	memset(o, 0, sizeof(*o));
}

void
store_outbox_free(struct store_outbox *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_outbox_clear(&v[i]);
	free(v);
}

#define STORE_OUTBOX_COLUMNS                                                   \
	"SELECT id, kind, ticket_id, sender, recipient, message_id, subject, " \
	"language, status, attempts, created, next_attempt, sent, last_code, " \
	"last_error "

static void
store_outbox_row(sqlite3_stmt *st, struct store_outbox *o)
{
	int c = 0;

	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, c++);
	o->kind = store_column_dup(st, c++);
	o->ticket_id = store_column_opt_int(st, c++);
	o->sender = store_column_dup(st, c++);
	o->recipient = store_column_dup(st, c++);
	o->message_id = store_column_dup(st, c++);
	o->subject = store_column_dup(st, c++);
	o->language = store_column_dup(st, c++);
	o->status = store_column_dup(st, c++);
	o->attempts = sqlite3_column_int64(st, c++);
	o->created = sqlite3_column_int64(st, c++);
	o->next_attempt = sqlite3_column_int64(st, c++);
	o->sent = store_column_opt_int(st, c++);
	o->last_code = store_column_opt_int(st, c++);
	o->last_error = store_column_dup(st, c++);
}

/* The raw bytes in column col as a NUL-terminated copy. */
static int
store_outbox_raw(sqlite3_stmt *st, int col, struct store_outbox *o)
{
	int len = sqlite3_column_bytes(st, col);

	if ((o->raw = malloc((size_t)len + 1)) == NULL)
		return -1;
	if (len > 0)
		memcpy(o->raw, sqlite3_column_blob(st, col), (size_t)len);
	o->raw[len] = '\0';
	o->raw_len = (size_t)len;
	return 0;
}

int
store_outbox_next_due(struct store *store, long long now,
                      struct store_outbox *out)
{
	static const char sql[] =
	    STORE_OUTBOX_COLUMNS ", raw FROM outbox WHERE status = 'queued' "
	                         "AND next_attempt <= ? ORDER BY next_attempt, "
	                         "id LIMIT 1";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_outbox_row(st, out);
		if (store_outbox_raw(st, 15, out) != 0)
			rc = SQLITE_NOMEM;
	} else if (rc != SQLITE_DONE) {
		store_fail(store, "reading the outbox");
	}
	store_reset(st);
	if (rc == SQLITE_NOMEM)
		store_outbox_clear(out);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_outbox_next_time(struct store *store, long long *when_r)
{
	static const char sql[] =
	    "SELECT min(next_attempt) FROM outbox WHERE status = 'queued'";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	*when_r = rc == SQLITE_ROW ? store_column_opt_int(st, 0) : -1;
	if (rc != SQLITE_ROW)
		store_fail(store, "reading the outbox");
	store_reset(st);
	return rc != SQLITE_ROW ? -1 : *when_r >= 0 ? 1 : 0;
}

/* Runs an UPDATE of one outbox row with up to four bound values. */
static int
store_outbox_update(struct store *store, sqlite3_stmt *st, const char *what)
{
	if (store_step_done(store, st, what) != 0)
		return -1;
	return sqlite3_changes(store->db) > 0 ? 1 : 0;
}

int
store_outbox_sent(struct store *store, long long id, long long now,
                  long long code)
{
	static const char sql[] =
	    "UPDATE outbox SET status = 'sent', sent = ?, last_code = ?, "
	    "attempts = attempts + 1, last_error = NULL WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	store_bind_opt_int(st, 2, code);
	sqlite3_bind_int64(st, 3, id);
	return store_outbox_update(store, st, "marking a mail sent") < 0 ? -1
	                                                                 : 0;
}

int
store_outbox_retry(struct store *store, long long id, long long next,
                   long long code, const char *error)
{
	static const char sql[] =
	    "UPDATE outbox SET next_attempt = ?, last_code = ?, last_error = "
	    "?, attempts = attempts + 1 WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, next);
	store_bind_opt_int(st, 2, code);
	store_bind_text(st, 3, error);
	sqlite3_bind_int64(st, 4, id);
	return store_outbox_update(store, st, "rescheduling a mail") < 0 ? -1
	                                                                 : 0;
}

int
store_outbox_fail(struct store *store, long long id, long long code,
                  const char *error)
{
	static const char sql[] =
	    "UPDATE outbox SET status = 'failed', last_code = ?, last_error = "
	    "?, attempts = attempts + 1 WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_opt_int(st, 1, code);
	store_bind_text(st, 2, error);
	sqlite3_bind_int64(st, 3, id);
	return store_outbox_update(store, st, "marking a mail failed") < 0 ? -1
	                                                                   : 0;
}

int
store_outbox_due_now(struct store *store, long long now)
{
	/* Only retries: a notice held for business hours stays held. */
	static const char sql[] = "UPDATE outbox SET next_attempt = ?1 WHERE "
	                          "status = 'queued' AND attempts > 0 AND "
	                          "next_attempt > ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	return store_outbox_update(store, st, "making queued mail due") < 0 ? -1
	                                                                    : 0;
}

int
store_outbox_requeue(struct store *store, long long id, long long now)
{
	static const char sql[] =
	    "UPDATE outbox SET status = 'queued', next_attempt = ? WHERE id = "
	    "? AND status IN ('queued', 'failed')";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return store_outbox_update(store, st, "queueing a mail again");
}

int
store_outbox_cancel(struct store *store, long long id)
{
	static const char sql[] =
	    "UPDATE outbox SET status = 'cancelled' WHERE id = ? AND status "
	    "IN ('queued', 'failed')";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_outbox_update(store, st, "cancelling a mail");
}

int
store_outbox_list(struct store *store, const char *status,
                  struct store_outbox **v_r, size_t *n_r)
{
	static const char sql[] =
	    STORE_OUTBOX_COLUMNS "FROM outbox WHERE (?1 IS NULL AND status IN "
	                         "('queued', 'failed')) OR status = ?1 OR ?1 = "
	                         "'all' ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_outbox *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, status);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		store_outbox_row(st, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "listing the outbox");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_outbox_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_outbox_count_auto(struct store *store, const char *address,
                        long long since, long long *n_r)
{
	static const char sql[] =
	    "SELECT count(*) FROM outbox WHERE recipient = ? AND created >= ? "
	    "AND kind IN ('ack', 'survey') AND status <> 'cancelled'";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, address);
	sqlite3_bind_int64(st, 2, since);
	rc = sqlite3_step(st);
	*n_r = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW)
		store_fail(store, "counting automatic mail");
	store_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_customer_bounced(struct store *store, const char *address, long long now)
{
	static const char sql[] = "SELECT 1 FROM customers WHERE address = ? "
	                          "AND bounced_until > ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, address);
	sqlite3_bind_int64(st, 2, now);
	if ((rc = store_step_row(store, st, "reading a bounce")) == 1)
		store_reset(st);
	return rc;
}

int
store_customer_set_bounced(struct store *store, const char *address,
                           long long until, const char *reason, long long now)
{
	static const char sql[] =
	    "INSERT INTO customers (address, created, bounced_until, "
	    "bounce_reason) VALUES (?1, ?4, ?2, ?3) ON CONFLICT (address) DO "
	    "UPDATE SET bounced_until = ?2, bounce_reason = ?3";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, address);
	sqlite3_bind_int64(st, 2, until);
	store_bind_text(st, 3, reason);
	sqlite3_bind_int64(st, 4, now);
	return store_step_done(store, st, "recording a bounce");
}
