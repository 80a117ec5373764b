/*
 * store_model: the classifier's counts.  Each change bumps a version in
 * settings, so a process holding the model in memory (the daemon) sees
 * that another (complaintctl reclassify, train) taught it something.
 */
#include "store.h"
#include "store_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
store_model_version(struct store *store, long long *version_r)
{
	static const char sql[] =
	    "SELECT value FROM settings WHERE key = 'model_version'";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	*version_r = 0;
	rc = store_step_row(store, st, "reading the model version");
	if (rc == 1) {
		*version_r = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

static int
store_model_bump(struct store *store)
{
	static const char sql[] =
	    "INSERT INTO settings (key, value) VALUES ('model_version', 1) "
	    "ON CONFLICT (key) DO UPDATE SET value = value + 1";
	sqlite3_stmt *st = store_prepare(store, sql);

	return st ? store_step_done(store, st, "bumping the model version")
	          : -1;
}

/* Adds delta to one count, never below 0; token "" is the documents. */
static int
store_model_add(struct store *store, const char *label, const char *cls,
                const char *token, int delta)
{
	static const char sql[] =
	    "INSERT INTO model (label, class, token, count) "
	    "VALUES (?1, ?2, ?3, max(?4, 0)) "
	    "ON CONFLICT (label, class, token) DO UPDATE SET "
	    "count = max(count + ?4, 0)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, label);
	store_bind_text(st, 2, cls);
	store_bind_text(st, 3, token);
	sqlite3_bind_int(st, 4, delta);
	return store_step_done(store, st, "updating the model");
}

int
store_model_learn(struct store *store, const char *label, const char *cls,
                  char *const *tokens, size_t n, int delta)
{
	if (store_model_add(store, label, cls, "", delta) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (store_model_add(store, label, cls, tokens[i], delta) != 0)
			return -1;
	return store_model_bump(store);
}

int
store_model_load(struct store *store, const char *label, store_model_fn fn,
                 void *arg)
{
	static const char sql[] = "SELECT class, token, count FROM model "
	                          "WHERE label = ? AND count > 0";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, label);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *token = (const char *)sqlite3_column_text(st, 1);
		if (fn((const char *)sqlite3_column_text(st, 0),
		       token && token[0] ? token : NULL,
		       sqlite3_column_int64(st, 2), arg) != 0) {
			store_reset(st);
			snprintf(store->error, sizeof(store->error),
			         "loading the model: out of memory");
			return -1;
		}
	}
	if (rc != SQLITE_DONE) {
		store_fail(store, "loading the model");
		store_reset(st);
		return -1;
	}
	store_reset(st);
	return 0;
}

int
store_model_taught(struct store *store, long long ticket_id, const char *label,
                   char **class_r)
{
	static const char sql[] = "SELECT class FROM model_taught "
	                          "WHERE ticket_id = ? AND label = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*class_r = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	store_bind_text(st, 2, label);
	rc = store_step_row(store, st, "reading what a ticket taught");
	if (rc == 1) {
		*class_r = store_column_dup(st, 0);
		store_reset(st);
		if (*class_r == NULL)
			return store_fail(store,
			                  "reading what a ticket taught");
	}
	return rc;
}

int
store_model_set_taught(struct store *store, long long ticket_id,
                       const char *label, const char *cls)
{
	static const char sql[] =
	    "INSERT OR REPLACE INTO model_taught (ticket_id, label, class) "
	    "VALUES (?, ?, ?)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	store_bind_text(st, 2, label);
	store_bind_text(st, 3, cls);
	return store_step_done(store, st, "recording what a ticket taught");
}
