/*
 * store_surge: early warning — new tickets counted per category, product
 * or mailbox over a window (one range of tickets_created), a value's
 * baseline and tickets (one range of its (column, created) index), and
 * the surge episodes.
 */
#include "store.h"
#include "store_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_surge_dimensions[] = {"category", "product", "mailbox",
                                              NULL};

/* A column name cannot be a parameter: one statement per dimension, in
 * the order of store_surge_dimensions. */
#define STORE_SURGE_WINDOW(col)                                                \
	"SELECT " col ", sum(created > ?1), "                                  \
	"sum(created > ?2 AND severity = 'urgent') FROM tickets "              \
	"INDEXED BY tickets_created WHERE created > ?3 AND created <= ?4 "     \
	"AND " col " IS NOT NULL AND " col " <> '' GROUP BY " col
#define STORE_SURGE_COUNT(col)                                                 \
	"SELECT count(*) FROM tickets WHERE " col " = ?1 AND created > ?2 "    \
	"AND created <= ?3"
#define STORE_SURGE_TICKETS(col)                                               \
	"SELECT id, subject FROM tickets WHERE " col " = ?1 AND created > ?2 " \
	"AND created <= ?3 ORDER BY created DESC, id DESC LIMIT ?4"

static const char store_surge_window_category[] =
    STORE_SURGE_WINDOW("category");
static const char store_surge_window_product[] = STORE_SURGE_WINDOW("product");
static const char store_surge_window_mailbox[] = STORE_SURGE_WINDOW("mailbox");
static const char store_surge_count_category[] = STORE_SURGE_COUNT("category");
static const char store_surge_count_product[] = STORE_SURGE_COUNT("product");
static const char store_surge_count_mailbox[] = STORE_SURGE_COUNT("mailbox");
static const char store_surge_tickets_category[] =
    STORE_SURGE_TICKETS("category");
static const char store_surge_tickets_product[] =
    STORE_SURGE_TICKETS("product");
static const char store_surge_tickets_mailbox[] =
    STORE_SURGE_TICKETS("mailbox");

static const char *const store_surge_window_sql[] = {
    store_surge_window_category, store_surge_window_product,
    store_surge_window_mailbox};
static const char *const store_surge_count_sql[] = {store_surge_count_category,
                                                    store_surge_count_product,
                                                    store_surge_count_mailbox};
static const char *const store_surge_tickets_sql[] = {
    store_surge_tickets_category, store_surge_tickets_product,
    store_surge_tickets_mailbox};

/* dimension's statement from table (one per dimension), prepared; NULL
 * after recording the error (an unknown dimension is the caller's bug,
 * reported like a failed statement so it is logged, not crashed on). */
static sqlite3_stmt *
store_surge_prepare(struct store *store, const char *const *table,
                    const char *dimension)
{
	for (size_t i = 0; store_surge_dimensions[i] != NULL; i++)
		if (dimension != NULL &&
		    strcmp(dimension, store_surge_dimensions[i]) == 0)
			return store_prepare(store, table[i]);
	store->last_rc = SQLITE_MISUSE;
	snprintf(store->error, sizeof(store->error),
	         "surge: no such dimension \"%s\"",
	         dimension ? dimension : "(null)");
	return NULL;
}

void
store_surge_counts_free(struct store_surge_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].value);
	free(v);
}

int
store_surge_window(struct store *store, const char *dimension, long long from,
                   long long urgent_from, long long upto,
                   struct store_surge_count **v_r, size_t *n_r)
{
	sqlite3_stmt *st =
	    store_surge_prepare(store, store_surge_window_sql, dimension);
	struct store_surge_count *v = NULL;
	size_t n = 0, cap = 0;
	int rc = SQLITE_ERROR;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, urgent_from);
	sqlite3_bind_int64(st, 3, from < urgent_from ? from : urgent_from);
	sqlite3_bind_int64(st, 4, upto);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		v[n].value = store_column_dup(st, 0);
		v[n].count = sqlite3_column_int64(st, 1);
		v[n].urgent = sqlite3_column_int64(st, 2);
		if (v[n++].value == NULL)
			break;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "counting new tickets for surges");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_surge_counts_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_surge_count_value(struct store *store, const char *dimension,
                        const char *value, long long from, long long upto,
                        long long *n_r)
{
	sqlite3_stmt *st =
	    store_surge_prepare(store, store_surge_count_sql, dimension);
	int rc;

	*n_r = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, value);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, upto);
	if ((rc = store_step_row(store, st, "counting a value's tickets")) ==
	    1) {
		*n_r = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int
store_surge_oldest(struct store *store, long long *created_r)
{
	static const char sql[] = "SELECT min(created) FROM tickets";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*created_r = -1;
	if (st == NULL)
		return -1;
	if ((rc = store_step_row(store, st, "finding the oldest ticket")) ==
	    1) {
		*created_r = store_column_opt_int(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

void
store_surge_tickets_free(struct store_surge_ticket *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].subject);
	free(v);
}

int
store_surge_tickets(struct store *store, const char *dimension,
                    const char *value, long long from, long long upto,
                    size_t max, struct store_surge_ticket **v_r, size_t *n_r)
{
	sqlite3_stmt *st =
	    store_surge_prepare(store, store_surge_tickets_sql, dimension);
	struct store_surge_ticket *v = NULL;
	size_t n = 0, cap = 0;
	int rc = SQLITE_ERROR;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, value);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, upto);
	sqlite3_bind_int64(st, 4, (long long)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		v[n].id = sqlite3_column_int64(st, 0);
		/* subject is NOT NULL DEFAULT '': NULL here is no memory. */
		if ((v[n++].subject = store_column_dup(st, 1)) == NULL)
			break;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "listing a surge's tickets");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_surge_tickets_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

/* ---- episodes ------------------------------------------------------ */

void
store_surges_free(struct store_surge *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].value);
	free(v);
}

/* Columns: id, dimension, value, reason, started, last_seen, ended,
 * tickets, alerted, ticket_id, covered_by.  -1 when out of memory. */
static int
store_surge_row(sqlite3_stmt *st, struct store_surge *s)
{
	memset(s, 0, sizeof(*s));
	s->id = sqlite3_column_int64(st, 0);
	snprintf(s->dimension, sizeof(s->dimension), "%s",
	         (const char *)sqlite3_column_text(st, 1));
	s->value = store_column_dup(st, 2);
	snprintf(s->reason, sizeof(s->reason), "%s",
	         (const char *)sqlite3_column_text(st, 3));
	s->started = sqlite3_column_int64(st, 4);
	s->last_seen = sqlite3_column_int64(st, 5);
	s->ended = store_column_opt_int(st, 6);
	s->tickets = sqlite3_column_int64(st, 7);
	s->alerted = sqlite3_column_int64(st, 8);
	s->ticket_id = store_column_opt_int(st, 9);
	s->covered_by = store_column_opt_int(st, 10);
	return s->value != NULL ? 0 : -1;
}

/* Every row st gives, into a new array. */
static int
store_surge_rows(struct store *store, sqlite3_stmt *st, const char *what,
                 struct store_surge **v_r, size_t *n_r)
{
	struct store_surge *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		if (store_surge_row(st, &v[n++]) != 0)
			break;
	}
	if (rc != SQLITE_DONE)
		store_fail(store, what);
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_surges_free(v, n);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

#define STORE_SURGE_COLUMNS                                                    \
	"id, dimension, value, reason, started, last_seen, ended, tickets, "   \
	"alerted, ticket_id, covered_by"

int
store_surge_open(struct store *store, const char *dimension,
                 struct store_surge **v_r, size_t *n_r)
{
	static const char sql[] = "SELECT " STORE_SURGE_COLUMNS
	                          " FROM surges WHERE dimension = ?1 AND "
	                          "ended IS NULL ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, dimension);
	return store_surge_rows(store, st, "reading open surges", v_r, n_r);
}

int
store_surge_list(struct store *store, long long since, size_t limit,
                 struct store_surge **v_r, size_t *n_r)
{
	static const char sql[] = "SELECT " STORE_SURGE_COLUMNS
	                          " FROM surges WHERE started >= ?1 ORDER BY "
	                          "started DESC, id DESC LIMIT ?2";
	sqlite3_stmt *st = store_prepare(store, sql);

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, limit > 0 ? (long long)limit : -1);
	return store_surge_rows(store, st, "listing surges", v_r, n_r);
}

int
store_surge_start(struct store *store, const char *dimension, const char *value,
                  const char *reason, long long now, long long tickets,
                  long long ticket_id, long long covered_by, long long *id_r)
{
	static const char sql[] =
	    "INSERT INTO surges (dimension, value, reason, started, "
	    "last_seen, tickets, ticket_id, covered_by) VALUES (?1, ?2, ?3, "
	    "?4, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, dimension);
	store_bind_text(st, 2, value);
	store_bind_text(st, 3, reason);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, tickets);
	store_bind_opt_int(st, 6, ticket_id);
	store_bind_opt_int(st, 7, covered_by);
	if (store_step_done(store, st, "recording a surge") != 0)
		return -1;
	*id_r = sqlite3_last_insert_rowid(store->db);
	return 0;
}

int
store_surge_seen(struct store *store, long long id, long long now,
                 long long tickets)
{
	static const char sql[] =
	    "UPDATE surges SET last_seen = ?2, tickets = ?3 WHERE id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, tickets);
	return store_step_done(store, st, "updating a surge");
}

int
store_surge_end(struct store *store, long long id, long long now)
{
	static const char sql[] =
	    "UPDATE surges SET ended = ?2 WHERE id = ?1 AND ended IS NULL";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	return store_step_done(store, st, "ending a surge");
}

int
store_surge_alerted(struct store *store, long long id, long long alerts)
{
	static const char sql[] =
	    "UPDATE surges SET alerted = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, alerts);
	return store_step_done(store, st, "recording a surge's alert");
}
