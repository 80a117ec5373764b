/*
 * store_ticket: customers, tickets and who takes part in them — created by
 * ingest, read by complaintctl.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

int
store_customer_upsert(struct store *store, const char *address,
                      const char *name, long long now, long long *id_r)
{
	/* The no-op DO UPDATE makes RETURNING give the existing row too. */
	static const char sql[] =
	    "INSERT INTO customers (address, name, created) VALUES (?1, ?2, "
	    "?3) "
	    "ON CONFLICT (address) DO UPDATE SET name = coalesce(nullif(name, "
	    "''), excluded.name) RETURNING id";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, address);
	store_bind_text(st, 2, name && name[0] ? name : NULL);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id_r = sqlite3_column_int64(st, 0);
	else
		store_fail(store, "storing a customer");
	store_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_ticket_insert(struct store *store, const struct store_ticket_new *t,
                    long long *id_r)
{
	static const char sql[] =
	    "INSERT INTO tickets (customer_id, subject, subject_norm, mailbox, "
	    "language, order_number, expected_resolution, linked_ticket_id, "
	    "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?10, ?10)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t->customer_id);
	store_bind_text(st, 2, t->subject ? t->subject : "");
	store_bind_text(st, 3, t->subject_norm ? t->subject_norm : "");
	store_bind_text(st, 4, t->mailbox);
	store_bind_text(st, 5, t->language);
	store_bind_text(st, 6, t->order_number);
	store_bind_text(st, 7, t->expected_resolution);
	store_bind_opt_int(st, 8, t->linked_ticket_id);
	sqlite3_bind_int64(st, 10, t->created);
	if (store_step_done(store, st, "creating a ticket") != 0)
		return -1;
	*id_r = sqlite3_last_insert_rowid(store->db);
	return 0;
}

void
store_ticket_clear(struct store_ticket *t)
{
	if (t == NULL)
		return;
	free(t->customer_address);
	free(t->customer_name);
	free(t->subject);
	free(t->status);
	free(t->mailbox);
	free(t->language);
	free(t->order_number);
	free(t->expected_resolution);
	free(t->category);
	free(t->severity);
	free(t->team);
	free(t->assignee);
	free(t->tags);
	free(t->product);
	free(t->reasons);
	free(t->rules_fired);
	free(t->customer_tier);
	memset(t, 0, sizeof(*t));
}

/* The columns store_ticket_row reads, in its order. */
#define STORE_TICKET_COLUMNS                                                   \
	"t.id, t.customer_id, c.address, c.name, t.subject, t.status, "        \
	"t.mailbox, t.language, t.order_number, t.expected_resolution, "       \
	"t.category, t.severity, t.team, t.assignee, t.tags, t.priority, "     \
	"t.product, t.reasons, t.rules_fired, coalesce(t.confidence, -1), "    \
	"t.boost, c.tier, t.linked_ticket_id, t.created, t.updated, "          \
	"t.resolved, t.closed, "                                               \
	"(SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) "          \
	"FROM tickets t JOIN customers c ON c.id = t.customer_id "

static void
store_ticket_row(sqlite3_stmt *st, struct store_ticket *t)
{
	int c = 0;

	t->id = sqlite3_column_int64(st, c++);
	t->customer_id = sqlite3_column_int64(st, c++);
	t->customer_address = store_column_dup(st, c++);
	t->customer_name = store_column_dup(st, c++);
	t->subject = store_column_dup(st, c++);
	t->status = store_column_dup(st, c++);
	t->mailbox = store_column_dup(st, c++);
	t->language = store_column_dup(st, c++);
	t->order_number = store_column_dup(st, c++);
	t->expected_resolution = store_column_dup(st, c++);
	t->category = store_column_dup(st, c++);
	t->severity = store_column_dup(st, c++);
	t->team = store_column_dup(st, c++);
	t->assignee = store_column_dup(st, c++);
	t->tags = store_column_dup(st, c++);
	t->priority = sqlite3_column_int64(st, c++);
	t->product = store_column_dup(st, c++);
	t->reasons = store_column_dup(st, c++);
	t->rules_fired = store_column_dup(st, c++);
	t->confidence = sqlite3_column_double(st, c++);
	t->boost = sqlite3_column_int64(st, c++);
	t->customer_tier = store_column_dup(st, c++);
	t->linked_ticket_id = store_column_opt_int(st, c++);
	t->created = sqlite3_column_int64(st, c++);
	t->updated = sqlite3_column_int64(st, c++);
	t->resolved = store_column_opt_int(st, c++);
	t->closed = store_column_opt_int(st, c++);
	t->n_messages = sqlite3_column_int64(st, c++);
}

int
store_ticket_get(struct store *store, long long id, struct store_ticket *out)
{
	static const char sql[] =
	    "SELECT " STORE_TICKET_COLUMNS "WHERE t.id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_row(store, st, "reading a ticket")) == 1) {
		store_ticket_row(st, out);
		store_reset(st);
	}
	return rc;
}

int
store_ticket_set_status(struct store *store, long long id, const char *status,
                        long long now)
{
	static const char sql[] =
	    "UPDATE tickets SET status = ?1, updated = ?2, "
	    "resolved = CASE WHEN ?1 = 'resolved' THEN ?2 "
	    "WHEN ?1 IN ('new', 'open', 'pending') THEN NULL ELSE resolved "
	    "END, "
	    "closed = CASE WHEN ?1 = 'closed' THEN ?2 WHEN ?1 <> 'closed' "
	    "THEN NULL END WHERE id = ?3";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, status);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	return store_step_done(store, st, "changing a ticket's status");
}

int
store_ticket_touch(struct store *store, long long id, long long now)
{
	static const char sql[] = "UPDATE tickets SET updated = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(store, st, "touching a ticket");
}

int
store_ticket_set_extracted(struct store *store, long long id,
                           const char *order_number, const char *expectation,
                           const char *language)
{
	static const char sql[] =
	    "UPDATE tickets SET order_number = coalesce(?, order_number), "
	    "expected_resolution = coalesce(?, expected_resolution), "
	    "language = coalesce(?, language) WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, order_number);
	store_bind_text(st, 2, expectation);
	store_bind_text(st, 3, language);
	sqlite3_bind_int64(st, 4, id);
	return store_step_done(store, st, "updating a ticket's details");
}

int
store_ticket_first_message(struct store *store, long long id, long long *row_r)
{
	static const char sql[] =
	    "SELECT min(id) FROM messages WHERE ticket_id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	*row_r = rc == SQLITE_ROW ? store_column_opt_int(st, 0) : -1;
	if (rc != SQLITE_ROW)
		store_fail(store, "finding a ticket's first message");
	store_reset(st);
	return rc != SQLITE_ROW ? -1 : *row_r >= 0 ? 1 : 0;
}

int
store_ticket_find_by_subject(struct store *store, long long customer_id,
                             const char *subject_norm, long long *id_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE customer_id = ? AND subject_norm = ? "
	    "AND status <> 'closed' ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, customer_id);
	store_bind_text(st, 2, subject_norm);
	rc = store_step_row(store, st, "finding a ticket by subject");
	if (rc == 1) {
		*id_r = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc;
}

/* The earliest deadline of a ticket; NULL when it has none. */
#define STORE_EARLIEST_DUE                                                     \
	"nullif(min(coalesce(t.first_response_due, 9e18), "                    \
	"coalesce(t.next_response_due, 9e18), coalesce(t.resolution_due, "     \
	"9e18)), 9e18)"

int
store_ticket_list(struct store *store, const struct store_ticket_filter *filter,
                  struct store_ticket **v_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT " STORE_TICKET_COLUMNS
	    "WHERE (?1 IS NULL OR t.status = ?1) AND (?2 IS NULL OR "
	    "t.mailbox = ?2) AND (?3 IS NULL OR t.team = ?3) AND (?4 IS NULL "
	    "OR t.assignee = ?4) AND (?5 IS NULL OR t.severity = ?5) AND (?6 "
	    "IS NULL OR t.category = ?6) AND (?7 IS NULL OR c.address = ?7 "
	    "COLLATE NOCASE) AND (?8 IS NULL OR instr(',' || t.tags || ',', "
	    "',' || ?8 || ',') > 0) AND (?9 IS NULL OR instr(lower(t.subject), "
	    "lower(?9)) > 0 OR EXISTS (SELECT 1 FROM messages m WHERE "
	    "m.ticket_id = t.id AND instr(lower(m.body_text), lower(?9)) > 0)) "
	    "AND (?10 = 0 OR (t.status NOT IN ('resolved', 'closed') "
	    "AND " STORE_EARLIEST_DUE " <= ?11)) "
	    "ORDER BY CASE ?12 WHEN 'priority' THEN -t.priority ELSE 0 END, "
	    "CASE ?12 WHEN 'due' THEN coalesce(" STORE_EARLIEST_DUE
	    ", 9e18) ELSE 0 END, CASE ?12 WHEN 'age' THEN t.created ELSE "
	    "-t.created END, CASE ?12 WHEN 'age' THEN t.id ELSE -t.id END "
	    "LIMIT ?13";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_ticket *v = NULL;
	size_t n = 0, cap = 0;
	const char *text[] = {
	    filter->status,   filter->mailbox,  filter->team,
	    filter->assignee, filter->severity, filter->category,
	    filter->customer, filter->tag,      filter->text};
	int rc;

	if (st == NULL)
		return -1;
	for (int i = 0; i < 9; i++)
		store_bind_text(st, i + 1, text[i]);
	sqlite3_bind_int(st, 10, filter->breached);
	sqlite3_bind_int64(st, 11, filter->now);
	store_bind_text(st, 12, filter->sort ? filter->sort : "");
	sqlite3_bind_int64(st, 13,
	                   filter->limit ? (long long)filter->limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0)
			break;
		store_ticket_row(st, &v[n++]);
	}
	if (rc != SQLITE_DONE)
		store_fail(store, "listing tickets");
	store_reset(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < n; i++)
			store_ticket_clear(&v[i]);
		free(v);
		return -1;
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_participant_add(struct store *store, long long ticket_id,
                      const char *address)
{
	static const char sql[] = "INSERT OR IGNORE INTO participants "
	                          "(ticket_id, address) VALUES (?, ?)";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	store_bind_text(st, 2, address);
	return store_step_done(store, st, "recording a participant");
}

int
store_participant_is(struct store *store, long long ticket_id,
                     const char *address)
{
	static const char sql[] =
	    "SELECT 1 FROM tickets t JOIN customers c ON c.id = t.customer_id "
	    "WHERE t.id = ?1 AND c.address = ?2 COLLATE NOCASE UNION ALL "
	    "SELECT 1 FROM participants WHERE ticket_id = ?1 AND address = ?2 "
	    "LIMIT 1";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket_id);
	store_bind_text(st, 2, address);
	if ((rc = store_step_row(store, st, "checking a participant")) == 1)
		store_reset(st);
	return rc;
}
