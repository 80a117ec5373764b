/*
 * store: the SQLite database — opening it durably (WAL, synchronous=FULL,
 * busy timeout), creating and migrating its schema through
 * PRAGMA user_version, and, as features arrive, every SQL statement the
 * program runs.  No other module sees sqlite3.
 */
#ifndef COMPLAINTD_STORE_H
#define COMPLAINTD_STORE_H

struct store;

/* The schema version this build creates and expects. */
int store_schema_version(void);

/*
 * Opens (creating when missing) the database at path and brings its schema
 * up to date.  Each thread opens its own.  Returns the store (caller frees
 * with store_close), or NULL with a message saying what failed and why in
 * *err_r (caller frees with free()).
 */
struct store *store_open(const char *path, char **err_r);
void store_close(struct store *store);

/* The version the open database is at (== store_schema_version()). */
int store_user_version(struct store *store);

#endif
