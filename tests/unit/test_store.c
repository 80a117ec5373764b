/*
 * test_store: opening, creating and migrating the database, and the clear
 * errors for a missing directory, a corrupt file or a newer schema.  The
 * test looks at the file with sqlite3 itself to see what the store wrote.
 */
#include "store.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct store_test {
	char dir[PATH_MAX];
	char path[PATH_MAX + 32];
};

static int
store_test_setup(void **state)
{
	struct store_test *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_store.XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return -1;
	snprintf(t->path, sizeof(t->path), "%s/complaintd.db", t->dir);
	*state = t;
	return 0;
}

static int
store_test_teardown(void **state)
{
	struct store_test *t = *state;
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", t->dir);
	free(t);
	return 0;
}

/* First column of the first row of sql run on path, as text; caller frees. */
static char *
store_test_query(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *out = NULL;

	assert_int_equal(
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static void
store_test_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
assert_query(const char *path, const char *sql, const char *want)
{
	char *got = store_test_query(path, sql);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_open_creates_schema(void **state)
{
	struct store_test *t = *state;
	static const char *const tables[] = {
	    "mailboxes", "customers", "tickets", "messages", "attachments",
	    "events",    "outbox",    "surveys", "model",
	};
	char *err = (char *)"untouched";
	struct store *s = store_open(t->path, &err);
	char sql[256], version[16];

	assert_non_null(s);
	assert_null(err);
	assert_true(store_schema_version() >= 1);
	assert_int_equal(store_user_version(s), store_schema_version());
	store_close(s);
	snprintf(version, sizeof(version), "%d", store_schema_version());
	assert_query(t->path, "PRAGMA user_version", version);
	assert_query(t->path, "PRAGMA journal_mode", "wal");
	for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		snprintf(sql, sizeof(sql),
		         "SELECT name FROM sqlite_master WHERE type = 'table' "
		         "AND name = '%s'",
		         tables[i]);
		assert_query(t->path, sql, tables[i]);
	}
}

static void
test_reopen_keeps_data(void **state)
{
	struct store_test *t = *state;
	char *err = NULL;
	struct store *s = store_open(t->path, &err);

	assert_non_null(s);
	store_close(s);
	store_test_exec(t->path, "INSERT INTO customers (address, created) "
	                         "VALUES ('a@example.com', 1)");
	s = store_open(t->path, &err);
	assert_non_null(s);
	assert_int_equal(store_user_version(s), store_schema_version());
	store_close(s);
	assert_query(t->path, "SELECT address FROM customers", "a@example.com");
}

#define STORE_TEST_INSERT                                                      \
	"INSERT INTO messages (direction, message_id, raw_sha256, received, "  \
	"raw) VALUES ('in', %s, 'abc', 1, x'00')"

/* Message ids are unique; raw bytes guard mails without one. */
static void
test_schema_constraints(void **state)
{
	struct store_test *t = *state;
	char *err = NULL;
	struct store *s = store_open(t->path, &err);
	sqlite3 *db = NULL;
	char sql[256];

	assert_non_null(s);
	store_close(s);
	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	snprintf(sql, sizeof(sql), STORE_TEST_INSERT, "'<m1@x>'");
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
	                     SQLITE_OK);
	snprintf(sql, sizeof(sql), STORE_TEST_INSERT, "NULL");
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db,
	                 "INSERT INTO tickets (customer_id, status, created, "
	                 "updated) VALUES (1, 'lost', 1, 1)",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
}

static void
test_missing_directory(void **state)
{
	struct store_test *t = *state;
	char path[PATH_MAX + 64];
	char *err = NULL;

	snprintf(path, sizeof(path), "%s/no/such/complaintd.db", t->dir);
	assert_null(store_open(path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "no/such"));
	assert_non_null(strstr(err, "No such file or directory"));
	free(err);
}

static void
test_directory_is_a_file(void **state)
{
	struct store_test *t = *state;
	char file[PATH_MAX + 16], path[PATH_MAX + 64];
	char *err = NULL;
	FILE *f;

	snprintf(file, sizeof(file), "%s/plain", t->dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/complaintd.db", file);
	assert_null(store_open(path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "is not a directory"));
	free(err);
}

static void
test_corrupt_file(void **state)
{
	struct store_test *t = *state;
	FILE *f = fopen(t->path, "w");
	char *err = NULL;

	assert_non_null(f);
	for (int i = 0; i < 512; i++)
		fputs("this is not an SQLite database\n", f);
	fclose(f);
	assert_null(store_open(t->path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "not a usable complaintd database"));
	assert_non_null(strstr(err, t->path));
	free(err);
}

static void
test_newer_schema_refused(void **state)
{
	struct store_test *t = *state;
	char *err = NULL;
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	         store_schema_version() + 1);
	store_test_exec(t->path, sql);
	assert_null(store_open(t->path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "newer"));
	free(err);
}

/* A failed migration leaves the file as it was, not half-migrated. */
static void
test_failed_migration_rolls_back(void **state)
{
	struct store_test *t = *state;
	char *err = NULL;

	/* A table in the way makes migration 1 fail part-way. */
	store_test_exec(t->path, "CREATE TABLE outbox (x INTEGER)");
	assert_null(store_open(t->path, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, "migrating to schema 1"));
	free(err);
	assert_query(t->path, "PRAGMA user_version", "0");
	assert_null(store_test_query(
	    t->path,
	    "SELECT name FROM sqlite_master WHERE name = 'mailboxes'"));
}

/* Two connections, as two threads have, share one file. */
static void
test_two_connections(void **state)
{
	struct store_test *t = *state;
	char *err = NULL;
	struct store *a = store_open(t->path, &err);
	struct store *b = store_open(t->path, &err);

	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(store_user_version(b), store_schema_version());
	store_close(a);
	store_close(b);
	store_close(NULL);
}

/*
 * The first epoch keeps the UIDNEXT of the desk's first look; a later
 * epoch (the server renumbered) knows no such line, and reopening an
 * epoch changes nothing.
 */
static void
test_mailbox_first_uid(void **state)
{
	struct store_test *t = *state;
	char *err = NULL;
	struct store *s = store_open(t->path, &err);
	struct store_mailbox mb;

	assert_non_null(s);
	assert_int_equal(store_mailbox_open(s, "support", 7, 120, 1000, &mb),
	                 0);
	assert_int_equal(mb.first_uid, 120);
	assert_int_equal(mb.first_seen, 1000);
	assert_false(mb.new_epoch);
	assert_int_equal(store_mailbox_open(s, "support", 7, 300, 2000, &mb),
	                 0);
	assert_int_equal(mb.first_uid, 120);
	assert_int_equal(store_mailbox_open(s, "support", 9, 5, 3000, &mb), 0);
	assert_true(mb.new_epoch);
	assert_int_equal(mb.first_uid, 0);
	assert_int_equal(mb.first_seen, 1000);
	/* A server that gives no UIDNEXT leaves the line unknown. */
	assert_int_equal(store_mailbox_open(s, "sales", 3, 0, 4000, &mb), 0);
	assert_int_equal(mb.first_uid, 0);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn)                                                                  \
	cmocka_unit_test_setup_teardown(fn, store_test_setup,                  \
	                                store_test_teardown)
	    T(test_open_creates_schema),  T(test_reopen_keeps_data),
	    T(test_schema_constraints),   T(test_missing_directory),
	    T(test_directory_is_a_file),  T(test_corrupt_file),
	    T(test_newer_schema_refused), T(test_failed_migration_rolls_back),
	    T(test_two_connections),      T(test_mailbox_first_uid),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
