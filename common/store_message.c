/*
 * store_message: every mail in either direction with its raw bytes, and
 * the attachments taken from it.  The unique Message-ID (or, without one,
 * the digest of the raw bytes) is what makes ingest idempotent.
 */
#include "store.h"
#include "store_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Binds the parsed fields shared by insert and update, from index 1. */
static void
store_message_bind_parse(sqlite3_stmt *st, const struct store_message_new *m)
{
	store_bind_text(st, 1, m->in_reply_to);
	store_bind_text(st, 2, m->refs);
	store_bind_text(st, 3, m->from_addr);
	store_bind_text(st, 4, m->from_name);
	store_bind_text(st, 5, m->to_addrs);
	store_bind_text(st, 6, m->cc_addrs);
	store_bind_text(st, 7, m->subject);
	store_bind_opt_int(st, 8, m->date);
	store_bind_text(st, 9, m->body_text);
	store_bind_text(st, 10, m->parse_warnings);
	store_bind_text(st, 11, m->auto_markers);
}

int
store_message_insert(struct store *store, const struct store_message_new *m,
                     long long *id_r)
{
	static const char sql[] =
	    "INSERT INTO messages (in_reply_to, refs, from_addr, from_name, "
	    "to_addrs, cc_addrs, subject, date, body_text, parse_warnings, "
	    "auto_markers, ticket_id, direction, kind, message_id, raw_sha256, "
	    "received, mailbox_id, uid, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_message_bind_parse(st, m);
	store_bind_opt_int(st, 12, m->ticket_id);
	store_bind_text(st, 13, m->direction);
	store_bind_text(st, 14, m->kind ? m->kind : "mail");
	store_bind_text(st, 15, m->message_id);
	store_bind_text(st, 16, m->raw_sha256);
	sqlite3_bind_int64(st, 17, m->received);
	store_bind_opt_int(st, 18, m->mailbox_id);
	store_bind_opt_int(st, 19, m->uid);
	sqlite3_bind_blob64(st, 20, m->raw ? m->raw : "", m->raw_len,
	                    SQLITE_STATIC);
	if (store_step_done(store, st, "storing a message") != 0)
		return -1;
	*id_r = sqlite3_last_insert_rowid(store->db);
	return 0;
}

int
store_message_update_parse(struct store *store, long long row,
                           const struct store_message_new *m)
{
	static const char sql[] =
	    "UPDATE messages SET in_reply_to = ?, refs = ?, from_addr = ?, "
	    "from_name = ?, to_addrs = ?, cc_addrs = ?, subject = ?, date = ?, "
	    "body_text = ?, parse_warnings = ?, auto_markers = ?, "
	    "raw_sha256 = coalesce(?12, raw_sha256), raw = coalesce(?13, raw) "
	    "WHERE id = ?14";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_message_bind_parse(st, m);
	store_bind_text(st, 12, m->raw ? m->raw_sha256 : NULL);
	if (m->raw != NULL)
		sqlite3_bind_blob64(st, 13, m->raw, m->raw_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 14, row);
	return store_step_done(store, st, "updating a message");
}

int
store_message_lookup(struct store *store, const char *message_id,
                     const char *raw_sha256, long long *row_r,
                     long long *ticket_id_r)
{
	static const char by_id[] =
	    "SELECT id, ticket_id FROM messages WHERE message_id = ?";
	static const char by_sha[] = "SELECT id, ticket_id FROM messages WHERE "
	                             "message_id IS NULL AND raw_sha256 = ?";
	sqlite3_stmt *st =
	    store_prepare(store, message_id != NULL ? by_id : by_sha);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, message_id != NULL ? message_id : raw_sha256);
	if ((rc = store_step_row(store, st, "looking up a message")) == 1) {
		*row_r = sqlite3_column_int64(st, 0);
		*ticket_id_r = store_column_opt_int(st, 1);
		store_reset(st);
	}
	return rc;
}

int
store_message_kind(struct store *store, const char *message_id, char *kind,
                   size_t size)
{
	static const char sql[] =
	    "SELECT kind FROM messages WHERE message_id = ?";
	sqlite3_stmt *st;
	int rc;

	if (message_id == NULL || message_id[0] == '\0')
		return 0;
	if ((st = store_prepare(store, sql)) == NULL)
		return -1;
	store_bind_text(st, 1, message_id);
	if ((rc = store_step_row(store, st, "looking up a message")) == 1) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		snprintf(kind, size, "%s", k ? k : "");
		store_reset(st);
	}
	return rc;
}

int
store_attachments_delete(struct store *store, long long message_row)
{
	static const char sql[] =
	    "DELETE FROM attachments WHERE message_id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, message_row);
	return store_step_done(store, st, "deleting attachments");
}

int
store_attachment_insert(struct store *store, long long message_row,
                        const char *filename, const char *content_type,
                        long long size, const char *sha256, const void *data,
                        size_t len)
{
	static const char sql[] = "INSERT INTO attachments (message_id, "
	                          "filename, content_type, size, "
	                          "sha256, data) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, message_row);
	store_bind_text(st, 2, filename);
	store_bind_text(st, 3, content_type);
	sqlite3_bind_int64(st, 4, size);
	store_bind_text(st, 5, sha256);
	if (data != NULL)
		sqlite3_bind_blob64(st, 6, data, len, SQLITE_STATIC);
	return store_step_done(store, st, "storing an attachment");
}

int
store_message_raw(struct store *store, long long row, char **raw_r,
                  size_t *len_r)
{
	static const char sql[] = "SELECT raw FROM messages WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc, len;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		len = sqlite3_column_bytes(st, 0);
		*raw_r = malloc((size_t)len + 1);
		if (*raw_r == NULL) {
			store_reset(st);
			return -1;
		}
		if (len > 0)
			memcpy(*raw_r, sqlite3_column_blob(st, 0), (size_t)len);
		(*raw_r)[len] = '\0';
		*len_r = (size_t)len;
	} else if (rc != SQLITE_DONE) {
		store_fail(store, "reading a raw message");
	}
	store_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_attachment_get(struct store *store, long long id, long long *ticket_r,
                     char **filename_r, void **data_r, size_t *len_r)
{
	static const char sql[] =
	    "SELECT m.ticket_id, a.filename, a.data FROM attachments a JOIN "
	    "messages m ON m.id = a.message_id WHERE a.id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc, len;

	*filename_r = NULL;
	*data_r = NULL;
	*len_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_row(store, st, "reading an attachment")) != 1)
		return rc;
	*ticket_r = sqlite3_column_int64(st, 0);
	*filename_r = store_column_dup(st, 1);
	if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		len = sqlite3_column_bytes(st, 2);
		if ((*data_r = malloc((size_t)len + 1)) == NULL) {
			store_reset(st);
			free(*filename_r);
			*filename_r = NULL;
			return store_fail(store, "reading an attachment");
		}
		if (len > 0)
			memcpy(*data_r, sqlite3_column_blob(st, 2),
			       (size_t)len);
		*len_r = (size_t)len;
	}
	store_reset(st);
	return 1;
}

static void
store_message_clear(struct store_message *m)
{
	free(m->direction);
	free(m->kind);
	free(m->message_id);
	free(m->from_addr);
	free(m->from_name);
	free(m->to_addrs);
	free(m->cc_addrs);
	free(m->subject);
	free(m->body_text);
	free(m->parse_warnings);
	free(m->auto_markers);
	free(m->mailbox);
	for (size_t i = 0; i < m->n_attachments; i++) {
		free(m->attachments[i].filename);
		free(m->attachments[i].content_type);
	}
	free(m->attachments);
}

void
store_messages_free(struct store_message *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_message_clear(&v[i]);
	free(v);
}

static int
store_message_attachments(struct store *store, struct store_message *m)
{
	static const char sql[] =
	    "SELECT id, filename, content_type, size, sha256, data IS NOT NULL "
	    "FROM attachments WHERE message_id = ? ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, m->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_attachment *a;
		const unsigned char *sha;

		if (store_grow((void **)&m->attachments, m->n_attachments, &cap,
		               sizeof(*a)) != 0)
			break;
		a = &m->attachments[m->n_attachments++];
		a->id = sqlite3_column_int64(st, 0);
		a->filename = store_column_dup(st, 1);
		a->content_type = store_column_dup(st, 2);
		a->size = sqlite3_column_int64(st, 3);
		sha = sqlite3_column_text(st, 4);
		snprintf(a->sha256, sizeof(a->sha256), "%s",
		         sha ? (const char *)sha : "");
		a->has_data = sqlite3_column_int(st, 5) != 0;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading attachments");
	store_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static void
store_message_row(sqlite3_stmt *st, struct store_message *m)
{
	int c = 0;

	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, c++);
	m->ticket_id = store_column_opt_int(st, c++);
	m->direction = store_column_dup(st, c++);
	m->kind = store_column_dup(st, c++);
	m->message_id = store_column_dup(st, c++);
	m->from_addr = store_column_dup(st, c++);
	m->from_name = store_column_dup(st, c++);
	m->to_addrs = store_column_dup(st, c++);
	m->cc_addrs = store_column_dup(st, c++);
	m->subject = store_column_dup(st, c++);
	m->date = store_column_opt_int(st, c++);
	m->received = sqlite3_column_int64(st, c++);
	m->body_text = store_column_dup(st, c++);
	m->parse_warnings = store_column_dup(st, c++);
	m->auto_markers = store_column_dup(st, c++);
	m->mailbox = store_column_dup(st, c++);
	m->uid = store_column_opt_int(st, c++);
}

int
store_ticket_messages(struct store *store, long long ticket_id,
                      struct store_message **v_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT m.id, m.ticket_id, m.direction, m.kind, m.message_id, "
	    "m.from_addr, m.from_name, m.to_addrs, m.cc_addrs, m.subject, "
	    "m.date, m.received, m.body_text, m.parse_warnings, "
	    "m.auto_markers, b.name, m.uid FROM messages m LEFT JOIN mailboxes "
	    "b ON b.id = m.mailbox_id WHERE m.ticket_id = ? ORDER BY m.id";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_message *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		store_message_row(st, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "reading a ticket's messages");
	store_reset(st);
	for (size_t i = 0; rc == SQLITE_DONE && i < n; i++)
		if (store_message_attachments(store, &v[i]) != 0)
			rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		store_messages_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}
