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
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_WAL_PAGES "4096"

int
store_schema_version(void)
{
	return (int)store_n_migrations;
}

static void store_set_error(char **err_r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

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
	/*
	 * temp_store: statement journals and sorts stay in memory rather
	 * than in files of customer mail under /var/tmp.  wal_autocheckpoint:
	 * a draining fetcher writes ~16 pages a mail; checkpointing every
	 * 1000 pages (the default) would copy pages back every few dozen
	 * mails, so the WAL may grow to 16 MB and idle threads checkpoint.
	 * cache_size: 4 MB of pages, so a batch's index pages stay cached.
	 */
	return store_exec(db,
	                  "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
	                  "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-4096; "
	                  "PRAGMA wal_autocheckpoint=" STORE_WAL_PAGES ";",
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
	if (store == NULL || (store->path = strdup(path)) == NULL) {
		store_set_error(err_r, "store: out of memory");
		free(store);
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
	for (size_t i = 0; i < store->n_stmts; i++)
		sqlite3_finalize(store->stmts[i].stmt);
	sqlite3_close(store->db);
	free(store->path);
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

const char *
store_error(const struct store *store)
{
	return store->error[0] ? store->error : "no error";
}

bool
store_error_transient(const struct store *store)
{
	switch (store->last_rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_NOMEM:
	case SQLITE_CANTOPEN:
		return true;
	default:
		return false;
	}
}

int
store_fail(struct store *s, const char *what)
{
	s->last_rc = sqlite3_extended_errcode(s->db);
	snprintf(s->error, sizeof(s->error), "%s: %s", what,
	         sqlite3_errmsg(s->db));
	return -1;
}

sqlite3_stmt *
store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < s->n_stmts; i++)
		if (s->stmts[i].sql == sql)
			return s->stmts[i].stmt;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	                       NULL) != SQLITE_OK) {
		store_fail(s, "preparing a statement");
		return NULL;
	}
	/* Every statement of the program fits; running out is a bug, and
	 * evicting one a caller still steps would be worse. */
	if (s->n_stmts == STORE_MAX_STMTS) {
		sqlite3_finalize(st);
		snprintf(s->error, sizeof(s->error),
		         "statement cache full (%d); raise STORE_MAX_STMTS",
		         STORE_MAX_STMTS);
		s->last_rc = SQLITE_INTERNAL;
		return NULL;
	}
	s->stmts[s->n_stmts].sql = sql;
	s->stmts[s->n_stmts].stmt = st;
	s->n_stmts++;
	return st;
}

void
store_reset(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
store_step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, what);
		store_reset(st);
		return -1;
	}
	store_reset(st);
	return 0;
}

int
store_step_row(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		store_fail(s, what);
	store_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_exec_simple(struct store *s, const char *sql, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, what);
	return 0;
}

int
store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, text, -1, SQLITE_STATIC);
}

int
store_bind_opt_int(sqlite3_stmt *st, int idx, long long v)
{
	if (v < 0)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_int64(st, idx, v);
}

char *
store_column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *text = sqlite3_column_text(st, col);

	return text ? strdup((const char *)text) : NULL;
}

long long
store_column_opt_int(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return -1;
	return sqlite3_column_int64(st, col);
}

int
store_begin(struct store *store)
{
	return store_exec_simple(store, "BEGIN IMMEDIATE",
	                         "starting a transaction");
}

int
store_commit(struct store *store)
{
	return store_exec_simple(store, "COMMIT", "committing");
}

void
store_rollback(struct store *store)
{
	/* Fails only when no transaction is open, which is what we want. */
	sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	store->savepoints = 0;
}

int
store_savepoint(struct store *store)
{
	if (store_exec_simple(store, "SAVEPOINT sp", "opening a savepoint"))
		return -1;
	store->savepoints++;
	return 0;
}

int
store_savepoint_release(struct store *store)
{
	if (store_exec_simple(store, "RELEASE sp", "releasing a savepoint"))
		return -1;
	store->savepoints--;
	return 0;
}

void
store_savepoint_rollback(struct store *store)
{
	/* ROLLBACK TO keeps the savepoint open; RELEASE closes it. */
	sqlite3_exec(store->db, "ROLLBACK TO sp; RELEASE sp", NULL, NULL, NULL);
	store->savepoints--;
}

/* getrandom(2) may return fewer bytes than asked for only beyond 256. */
static int
store_random(unsigned char *buf, size_t len)
{
	return getrandom(buf, len, 0) == (ssize_t)len ? 0 : -1;
}

int
store_secret(struct store *store, unsigned char key[STORE_SECRET_SIZE])
{
	static const char get[] =
	    "SELECT value FROM settings WHERE key = 'thread_secret'";
	static const char put[] = "INSERT OR IGNORE INTO settings (key, value) "
	                          "VALUES ('thread_secret', ?)";
	unsigned char fresh[STORE_SECRET_SIZE];
	sqlite3_stmt *st;

	for (int attempt = 0; attempt < 2; attempt++) {
		if ((st = store_prepare(store, get)) == NULL)
			return -1;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_bytes(st, 0) == STORE_SECRET_SIZE) {
			memcpy(key, sqlite3_column_blob(st, 0),
			       STORE_SECRET_SIZE);
			store_reset(st);
			return 0;
		}
		store_reset(st);
		if (store_random(fresh, sizeof(fresh)) != 0) {
			snprintf(store->error, sizeof(store->error),
			         "making the thread secret: getrandom: %s",
			         strerror(errno));
			return -1;
		}
		/* OR IGNORE: another connection may have won the race. */
		if ((st = store_prepare(store, put)) == NULL)
			return -1;
		sqlite3_bind_blob(st, 1, fresh, sizeof(fresh), SQLITE_STATIC);
		if (store_step_done(store, st, "saving the thread secret"))
			return -1;
	}
	return store_fail(store, "reading the thread secret");
}

int
store_grow(void **v, size_t n, size_t *cap, size_t elem)
{
	void *bigger;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 16;
	bigger = realloc(*v, *cap * elem);
	if (bigger == NULL)
		return -1;
	*v = bigger;
	return 0;
}

int
store_autocheckpoint(struct store *store, bool on)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA wal_autocheckpoint=%s",
	         on ? STORE_WAL_PAGES : "0");
	return store_exec_simple(store, sql, "setting WAL checkpoints");
}

int
store_checkpoint(struct store *store)
{
	/* PASSIVE: copies what no reader still needs, never waits. */
	if (sqlite3_wal_checkpoint_v2(store->db, NULL,
	                              SQLITE_CHECKPOINT_PASSIVE, NULL,
	                              NULL) != SQLITE_OK)
		return store_fail(store, "checkpointing the WAL");
	return 0;
}
