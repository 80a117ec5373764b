/*
 * store: opening the database durably and migrating its schema.  WAL with
 * synchronous=FULL because a commit is followed by telling the outside
 * world (flagging mail on the IMAP server), which must survive power loss.
 */
#include "store.h"
#include "store_p.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_BUSY_TIMEOUT_MS 10000

struct store {
	sqlite3 *db;
};

int
store_schema_version(void)
{
	return (int)store_n_migrations;
}

static void
store_set_error(char **err_r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(err_r, fmt, ap) < 0)
		*err_r = NULL;
	va_end(ap);
}

/*
 * SQLite says "unable to open database file" for every directory problem;
 * looking first lets the message name the actual cause.
 */
static int
store_check_dir(const char *path, char **err_r)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL   ? strdup(".")
	            : slash == path ? strdup("/")
	                            : strndup(path, (size_t)(slash - path));
	struct stat st;
	int rc = -1;

	if (dir == NULL) {
		store_set_error(err_r, "store: out of memory");
		return -1;
	}
	if (stat(dir, &st) != 0)
		store_set_error(err_r,
		                "store: cannot open %s: directory %s: %s "
		                "(create it, or set store.path)",
		                path, dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		store_set_error(err_r,
		                "store: cannot open %s: %s is not a "
		                "directory",
		                path, dir);
	else if (access(dir, W_OK | X_OK) != 0)
		store_set_error(err_r,
		                "store: cannot open %s: directory %s is not "
		                "writable by uid %d (SQLite needs to create "
		                "its -wal and -shm files there)",
		                path, dir, (int)geteuid());
	else
		rc = 0;
	free(dir);
	return rc;
}

/* One message for every failed statement, naming a broken file as such. */
static void
store_report(int rc, const char *detail, const char *path, const char *what,
             char **err_r)
{
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		store_set_error(err_r,
		                "store: %s is not a usable complaintd database "
		                "(%s: %s); restore it from a backup or move it "
		                "away to start afresh",
		                path, what, detail);
	else
		store_set_error(err_r, "store: %s: %s failed: %s", path, what,
		                detail);
}

static int
store_exec(sqlite3 *db, const char *sql, const char *path, const char *what,
           char **err_r)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

	if (rc == SQLITE_OK)
		return 0;
	store_report(rc, msg ? msg : sqlite3_errstr(rc), path, what, err_r);
	sqlite3_free(msg);
	return -1;
}

static int
store_read_int(sqlite3 *db, const char *sql, int *value_r)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value_r = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int
store_migrate(sqlite3 *db, const char *path, char **err_r)
{
	int version = 0, rc;
	char sql[64];

	if (store_exec(db, "BEGIN IMMEDIATE", path, "locking the schema",
	               err_r) != 0)
		return -1;
	rc = store_read_int(db, "PRAGMA user_version", &version);
	if (rc != SQLITE_OK) {
		store_set_error(err_r,
		                "store: %s: reading the schema version "
		                "failed: %s",
		                path, sqlite3_errmsg(db));
		goto fail;
	}
	if (version > store_schema_version()) {
		store_set_error(err_r,
		                "store: %s has schema version %d, newer than "
		                "the %d this complaintd knows; run the newer "
		                "release",
		                path, version, store_schema_version());
		goto fail;
	}
	for (int v = version; v < store_schema_version(); v++) {
		snprintf(sql, sizeof(sql), "migrating to schema %d", v + 1);
		if (store_exec(db, store_migrations[v], path, sql, err_r) != 0)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	         store_schema_version());
	if (store_exec(db, sql, path, "setting the schema version", err_r) ||
	    store_exec(db, "COMMIT", path, "committing the schema", err_r))
		goto fail;
	return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int
store_configure(sqlite3 *db, const char *path, char **err_r)
{
	sqlite3_stmt *st = NULL;
	const char *mode;
	int rc;

	sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
	rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_report(rc, sqlite3_errmsg(db), path, "switching to WAL",
		             err_r);
		sqlite3_finalize(st);
		return -1;
	}
	mode = (const char *)sqlite3_column_text(st, 0);
	if (mode == NULL || strcmp(mode, "wal") != 0) {
		store_set_error(err_r,
		                "store: %s: cannot use WAL mode (got \"%s\"); "
		                "is it on a read-only or network file system?",
		                path, mode ? mode : "?");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return store_exec(db,
	                  "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
	                  path, "setting pragmas", err_r);
}

struct store *
store_open(const char *path, char **err_r)
{
	struct store *store;
	sqlite3 *db = NULL;
	int rc;

	*err_r = NULL;
	if (store_check_dir(path, err_r) != 0)
		return NULL;
	rc = sqlite3_open_v2(path, &db,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                         SQLITE_OPEN_NOMUTEX,
	                     NULL);
	if (rc != SQLITE_OK) {
		store_set_error(err_r, "store: cannot open %s: %s", path,
		                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	if (store_configure(db, path, err_r) != 0 ||
	    store_migrate(db, path, err_r) != 0) {
		sqlite3_close(db);
		return NULL;
	}
	store = calloc(1, sizeof(*store));
	if (store == NULL) {
		store_set_error(err_r, "store: out of memory");
		sqlite3_close(db);
		return NULL;
	}
	store->db = db;
	return store;
}

void
store_close(struct store *store)
{
	if (store == NULL)
		return;
	sqlite3_close(store->db);
	free(store);
}

int
store_user_version(struct store *store)
{
	int version = -1;

	if (store_read_int(store->db, "PRAGMA user_version", &version) !=
	    SQLITE_OK)
		return -1;
	return version;
}
