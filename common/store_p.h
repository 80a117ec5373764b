/* store_p.h: what the store's files share and nobody else sees. */
#ifndef COMPLAINTD_STORE_P_H
#define COMPLAINTD_STORE_P_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* store_migrations[i] takes user_version i to i + 1. */
extern const char *const store_migrations[];
extern const size_t store_n_migrations;

/* Prepared statements, keyed by the address of their static SQL text. */
#define STORE_MAX_STMTS 160

struct store_cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	struct store_cached_stmt stmts[STORE_MAX_STMTS];
	size_t n_stmts;
	int savepoints; /* depth of open SAVEPOINTs */
	int last_rc;    /* SQLite result of the last failure */
	char error[512];
};

/*
 * The prepared statement for sql, which must be a string with static
 * storage (it is the cache key).  Borrowed: reset it with store_reset after
 * use.  NULL after recording the error.
 */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);
void store_reset(sqlite3_stmt *st);

/* Records "what: SQLite's message" as the store's error; returns -1. */
int store_fail(struct store *s, const char *what);

/* Steps a statement that returns no rows and resets it; 0 or -1. */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what);

/*
 * Steps a statement for one row: 1 with the row to read (the caller
 * resets st after), 0 when there is none, -1 after recording the error as
 * what (st reset in both cases).
 */
int store_step_row(struct store *s, sqlite3_stmt *st, const char *what);

/* Runs sql (no parameters, no rows); 0 or -1. */
int store_exec_simple(struct store *s, const char *sql, const char *what);

/* NULL binds SQL NULL. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *text);
/* A negative value binds SQL NULL (ids, times and uids are never < 0). */
int store_bind_opt_int(sqlite3_stmt *st, int idx, long long v);

/* Column as a new string (caller frees), NULL for SQL NULL or no memory. */
char *store_column_dup(sqlite3_stmt *st, int col);
/* Column as an integer, -1 for SQL NULL. */
long long store_column_opt_int(sqlite3_stmt *st, int col);

#endif
