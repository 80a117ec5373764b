/*
 * store_triage: what classification, routing and priority read and write
 * — a customer's tier, owner, tags and recent complaints, a ticket's
 * category, severity, team, assignee, tags, priority and reasons.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

void
store_customer_clear(struct store_customer *c)
{
	if (c == NULL)
		return;
	free(c->address);
	free(c->name);
	free(c->tier);
	free(c->tags);
	free(c->owner);
	memset(c, 0, sizeof(*c));
}

#define STORE_CUSTOMER_COLUMNS                                                 \
	"SELECT id, address, name, tier, tags, owner, attention_until, "       \
	"created, surveys_off FROM customers "

static int
store_customer_read(struct store *store, sqlite3_stmt *st,
                    struct store_customer *out)
{
	int rc = store_step_row(store, st, "reading a customer");

	if (rc != 1)
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->address = store_column_dup(st, 1);
	out->name = store_column_dup(st, 2);
	out->tier = store_column_dup(st, 3);
	out->tags = store_column_dup(st, 4);
	out->owner = store_column_dup(st, 5);
	out->attention_until = store_column_opt_int(st, 6);
	out->created = sqlite3_column_int64(st, 7);
	out->surveys_off = sqlite3_column_int(st, 8) != 0;
	store_reset(st);
	if (out->address == NULL || out->tier == NULL || out->tags == NULL) {
		store_customer_clear(out);
		return store_fail(store, "reading a customer: out of memory");
	}
	return 1;
}

int
store_customer_get(struct store *store, long long id,
                   struct store_customer *out)
{
	static const char sql[] = STORE_CUSTOMER_COLUMNS "WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_customer_read(store, st, out);
}

int
store_customer_find(struct store *store, const char *address,
                    struct store_customer *out)
{
	static const char sql[] = STORE_CUSTOMER_COLUMNS "WHERE address = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, address);
	return store_customer_read(store, st, out);
}

int
store_customer_recent(struct store *store, long long id, long long since,
                      long long *n_r)
{
	static const char sql[] = "SELECT count(*) FROM tickets "
	                          "WHERE customer_id = ? AND created >= ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, since);
	if (store_step_row(store, st, "counting a customer's tickets") != 1)
		return -1;
	*n_r = sqlite3_column_int64(st, 0);
	store_reset(st);
	return 0;
}

int
store_customer_update(struct store *store, long long id,
                      const struct store_customer_change *c)
{
	/* NULL keeps a column; owner "" clears it. */
	static const char sql[] =
	    "UPDATE customers SET tier = coalesce(?2, tier), "
	    "owner = CASE WHEN ?3 IS NULL THEN owner ELSE nullif(?3, '') END, "
	    "tags = coalesce(?4, tags), "
	    "attention_until = coalesce(?5, attention_until), "
	    "surveys_off = coalesce(?6, surveys_off) WHERE id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, c->tier);
	store_bind_text(st, 3, c->owner);
	store_bind_text(st, 4, c->tags);
	store_bind_opt_int(st, 5, c->attention_until);
	store_bind_opt_int(st, 6, c->surveys_off);
	return store_step_done(store, st, "updating a customer");
}

int
store_customer_open_tickets(struct store *store, long long id,
                            long long **ids_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE customer_id = ? "
	    "AND status IN ('new', 'open', 'pending') ORDER BY id";
	sqlite3_stmt *st = store_prepare(store, sql);
	size_t cap = 0;
	int rc;

	*ids_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)ids_r, *n_r, &cap, sizeof(**ids_r))) {
			store_reset(st);
			free(*ids_r);
			*ids_r = NULL;
			return store_fail(store, "listing tickets: no memory");
		}
		(*ids_r)[(*n_r)++] = sqlite3_column_int64(st, 0);
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids_r);
		*ids_r = NULL;
		return store_fail(store, "listing a customer's tickets");
	}
	return 0;
}

int
store_ticket_set_triage(struct store *store, long long id,
                        const struct store_triage *t)
{
	static const char sql[] =
	    "UPDATE tickets SET category = ?2, severity = ?3, team = ?4, "
	    "assignee = ?5, product = ?6, tags = ?7, reasons = ?8, "
	    "rules_fired = ?9, confidence = ?10, boost = ?11, priority = ?12 "
	    "WHERE id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, t->category);
	store_bind_text(st, 3, t->severity);
	store_bind_text(st, 4, t->team);
	store_bind_text(st, 5, t->assignee);
	store_bind_text(st, 6, t->product);
	store_bind_text(st, 7, t->tags ? t->tags : "");
	store_bind_text(st, 8, t->reasons ? t->reasons : "");
	store_bind_text(st, 9, t->rules_fired ? t->rules_fired : "");
	sqlite3_bind_double(st, 10, t->confidence);
	sqlite3_bind_int64(st, 11, t->boost);
	sqlite3_bind_int64(st, 12, t->priority);
	return store_step_done(store, st, "storing a ticket's triage");
}

int
store_ticket_set_priority(struct store *store, long long id, long long priority)
{
	static const char sql[] =
	    "UPDATE tickets SET priority = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, priority);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(store, st, "storing a ticket's priority");
}
