/*
 * store_sla: a ticket's SLA clocks and deadlines, the scheduler's queue
 * (tickets by sla_next) and the keys of the SLA events that fired.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

void
store_sla_clear(struct store_sla *s)
{
	free(s->policy);
	memset(s, 0, sizeof(*s));
}

int
store_sla_get(struct store *store, long long id, struct store_sla *out)
{
	static const char sql[] =
	    "SELECT sla_policy, first_response, sla_waiting_since, "
	    "sla_paused_since, sla_paused_total, first_response_due, "
	    "next_response_due, resolution_due, sla_next FROM tickets "
	    "WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc, c = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_row(store, st, "reading a ticket's SLA")) != 1)
		return rc;
	out->policy = store_column_dup(st, c++);
	out->first_response = store_column_opt_int(st, c++);
	out->waiting_since = store_column_opt_int(st, c++);
	out->paused_since = store_column_opt_int(st, c++);
	out->paused_total = sqlite3_column_int64(st, c++);
	for (int k = 0; k < 3; k++)
		out->due[k] = store_column_opt_int(st, c++);
	out->next = store_column_opt_int(st, c++);
	store_reset(st);
	return 1;
}

int
store_sla_put(struct store *store, long long id, const struct store_sla *s)
{
	static const char sql[] =
	    "UPDATE tickets SET sla_policy = ?, first_response = ?, "
	    "sla_waiting_since = ?, sla_paused_since = ?, sla_paused_total = "
	    "?, first_response_due = ?, next_response_due = ?, "
	    "resolution_due = ?, sla_next = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int i = 1;

	if (st == NULL)
		return -1;
	store_bind_text(st, i++, s->policy);
	store_bind_opt_int(st, i++, s->first_response);
	store_bind_opt_int(st, i++, s->waiting_since);
	store_bind_opt_int(st, i++, s->paused_since);
	sqlite3_bind_int64(st, i++, s->paused_total);
	for (int k = 0; k < 3; k++)
		store_bind_opt_int(st, i++, s->due[k]);
	store_bind_opt_int(st, i++, s->next);
	sqlite3_bind_int64(st, i, id);
	return store_step_done(store, st, "storing a ticket's SLA");
}

int
store_sla_next_due(struct store *store, long long *at)
{
	static const char sql[] = "SELECT min(sla_next) FROM tickets WHERE "
	                          "sla_next IS NOT NULL";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*at = -1;
	if (st == NULL)
		return -1;
	if ((rc = store_step_row(store, st, "finding the next SLA event")) ==
	    1) {
		*at = store_column_opt_int(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

/* The ids of sql's rows (one integer column; a bound to ?1, b to ?2 when
 * sql has it); caller frees *ids_r. */
static int
store_sla_ids(struct store *store, const char *sql, long long a, long long b,
              const char *what, long long **ids_r, size_t *n_r)
{
	sqlite3_stmt *st = store_prepare(store, sql);
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*ids_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&ids, n, &cap, sizeof(*ids)) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_fail(store, what);
	}
	*ids_r = ids;
	*n_r = n;
	return 0;
}

int
store_sla_due(struct store *store, long long now, size_t limit,
              long long **ids_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE sla_next IS NOT NULL AND sla_next "
	    "<= ?1 ORDER BY sla_next LIMIT ?2";

	return store_sla_ids(store, sql, now, (long long)limit,
	                     "listing tickets with SLA events due", ids_r, n_r);
}

int
store_sla_tickets_after(struct store *store, long long after, size_t limit,
                        long long **ids_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE id > ?1 AND status <> 'closed' "
	    "ORDER BY id LIMIT ?2";

	return store_sla_ids(store, sql, after, (long long)limit,
	                     "listing tickets for their SLA", ids_r, n_r);
}

int
store_sla_watch(struct store *store, long long before, long long **ids_r,
                size_t *n_r)
{
	static const char sql[] =
	    "SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed') "
	    "AND sla_policy IS NOT NULL AND (first_response_due <= ?1 OR "
	    "next_response_due <= ?1 OR resolution_due <= ?1) ORDER BY id";

	return store_sla_ids(store, sql, before, 0,
	                     "listing tickets near their deadlines", ids_r,
	                     n_r);
}

int
store_sla_fired(struct store *store, long long id, char ***keys_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT dedupe_key FROM events WHERE ticket_id = ? AND "
	    "dedupe_key LIKE 'sla:%'";
	sqlite3_stmt *st = store_prepare(store, sql);
	char **keys = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*keys_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *key = store_column_dup(st, 0);
		if (key == NULL ||
		    store_grow((void **)&keys, n, &cap, sizeof(*keys)) != 0) {
			free(key);
			rc = SQLITE_NOMEM;
			break;
		}
		keys[n++] = key;
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_strings_free(keys, n);
		return store_fail(store, "reading the SLA events of a ticket");
	}
	*keys_r = keys;
	*n_r = n;
	return 0;
}

void
store_strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
store_ticket_raise(struct store *store, long long id, long long points)
{
	static const char sql[] =
	    "UPDATE tickets SET boost = boost + ?1, priority = priority + ?1 "
	    "WHERE id = ?2";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, points);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(store, st, "raising a ticket's priority");
}

int
store_setting_put_int(struct store *store, const char *key, long long value)
{
	static const char sql[] =
	    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = ?2";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, value);
	return store_step_done(store, st, "storing a setting");
}

int
store_setting_get_int(struct store *store, const char *key, long long *value)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*value = -1;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	if ((rc = store_step_row(store, st, "reading a setting")) == 1) {
		*value = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc;
}

int
store_sla_ticket(struct store *store, long long id, struct store_ticket *t,
                 struct store_sla *s)
{
	static const char sql[] =
	    "SELECT t.subject, t.status, t.mailbox, t.category, t.severity, "
	    "t.team, t.assignee, t.priority, c.tier, t.created, t.resolved, "
	    "t.closed, t.sla_policy, t.first_response, t.sla_waiting_since, "
	    "t.sla_paused_since, t.sla_paused_total, t.first_response_due, "
	    "t.next_response_due, t.resolution_due, t.sla_next FROM tickets t "
	    "JOIN customers c ON c.id = t.customer_id WHERE t.id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc, c = 0;

	memset(t, 0, sizeof(*t));
	memset(s, 0, sizeof(*s));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = store_step_row(store, st, "reading a ticket's SLA")) != 1)
		return rc;
	t->id = id;
	t->subject = store_column_dup(st, c++);
	t->status = store_column_dup(st, c++);
	t->mailbox = store_column_dup(st, c++);
	t->category = store_column_dup(st, c++);
	t->severity = store_column_dup(st, c++);
	t->team = store_column_dup(st, c++);
	t->assignee = store_column_dup(st, c++);
	t->priority = sqlite3_column_int64(st, c++);
	t->customer_tier = store_column_dup(st, c++);
	t->created = sqlite3_column_int64(st, c++);
	t->resolved = store_column_opt_int(st, c++);
	t->closed = store_column_opt_int(st, c++);
	s->policy = store_column_dup(st, c++);
	s->first_response = store_column_opt_int(st, c++);
	s->waiting_since = store_column_opt_int(st, c++);
	s->paused_since = store_column_opt_int(st, c++);
	s->paused_total = sqlite3_column_int64(st, c++);
	for (int k = 0; k < 3; k++)
		s->due[k] = store_column_opt_int(st, c++);
	s->next = store_column_opt_int(st, c++);
	store_reset(st);
	if (t->status == NULL) {
		store_ticket_clear(t);
		store_sla_clear(s);
		return store_fail(store, "reading a ticket's SLA (no memory)");
	}
	return 1;
}

int
store_sla_set_next(struct store *store, long long id, long long next)
{
	static const char sql[] =
	    "UPDATE tickets SET sla_next = ? WHERE id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_opt_int(st, 1, next);
	sqlite3_bind_int64(st, 2, id);
	return store_step_done(store, st, "storing a ticket's next SLA event");
}

int
store_sla_stage(struct store *store, const struct store_sla_notice *n)
{
	static const char sql[] =
	    "INSERT INTO sla_notices (recipient, name, ticket_id, subject, "
	    "severity, category, assignee, policy, priority, clock, kind, "
	    "level, due, send_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)";
	sqlite3_stmt *st = store_prepare(store, sql);
	int i = 1;

	if (st == NULL)
		return -1;
	store_bind_text(st, i++, n->recipient);
	store_bind_text(st, i++, n->name);
	sqlite3_bind_int64(st, i++, n->ticket_id);
	store_bind_text(st, i++, n->subject);
	store_bind_text(st, i++, n->severity);
	store_bind_text(st, i++, n->category);
	store_bind_text(st, i++, n->assignee);
	store_bind_text(st, i++, n->policy);
	sqlite3_bind_int64(st, i++, n->priority);
	sqlite3_bind_int(st, i++, n->clock);
	sqlite3_bind_int(st, i++, n->kind);
	sqlite3_bind_int(st, i++, n->level);
	sqlite3_bind_int64(st, i++, n->due);
	sqlite3_bind_int64(st, i, n->send_at);
	return store_step_done(store, st, "staging an SLA notice");
}

int
store_sla_staged_recipients(struct store *store, char ***v_r, size_t *n_r)
{
	/* In the order of their first event: notices go out as events
	 * came. */
	static const char sql[] = "SELECT recipient FROM sla_notices GROUP BY "
	                          "recipient ORDER BY min(id)";
	sqlite3_stmt *st = store_prepare(store, sql);
	char **v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *r = store_column_dup(st, 0);
		if (r == NULL ||
		    store_grow((void **)&v, n, &cap, sizeof(*v)) != 0) {
			free(r);
			rc = SQLITE_NOMEM;
			break;
		}
		v[n++] = r;
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_strings_free(v, n);
		return store_fail(store, "listing staged SLA notices");
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

static void
store_sla_notice_row(sqlite3_stmt *st, struct store_sla_notice *n)
{
	int c = 0;

	n->recipient = store_column_dup(st, c++);
	n->name = store_column_dup(st, c++);
	n->ticket_id = sqlite3_column_int64(st, c++);
	n->subject = store_column_dup(st, c++);
	n->severity = store_column_dup(st, c++);
	n->category = store_column_dup(st, c++);
	n->assignee = store_column_dup(st, c++);
	n->policy = store_column_dup(st, c++);
	n->priority = sqlite3_column_int64(st, c++);
	n->clock = sqlite3_column_int(st, c++);
	n->kind = sqlite3_column_int(st, c++);
	n->level = sqlite3_column_int(st, c++);
	n->due = sqlite3_column_int64(st, c++);
	n->send_at = sqlite3_column_int64(st, c++);
}

int
store_sla_staged(struct store *store, const char *recipient, size_t limit,
                 struct store_sla_notice **v_r, size_t *n_r)
{
	static const char sql[] =
	    "SELECT recipient, name, ticket_id, subject, severity, category, "
	    "assignee, policy, priority, clock, kind, level, due, send_at "
	    "FROM sla_notices WHERE recipient = ? ORDER BY id LIMIT ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	struct store_sla_notice *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*v_r = NULL;
	*n_r = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, recipient);
	sqlite3_bind_int64(st, 2, (long long)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow((void **)&v, n, &cap, sizeof(*v)) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		store_sla_notice_row(st, &v[n++]);
	}
	store_reset(st);
	if (rc != SQLITE_DONE) {
		store_sla_notices_free(v, n);
		return store_fail(store, "reading staged SLA notices");
	}
	*v_r = v;
	*n_r = n;
	return 0;
}

int
store_sla_staged_summary(struct store *store, const char *recipient,
                         long long *count, long long *send_at)
{
	static const char sql[] = "SELECT count(*), min(send_at) FROM "
	                          "sla_notices WHERE recipient = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*count = 0;
	*send_at = -1;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, recipient);
	if ((rc = store_step_row(store, st, "counting staged SLA notices")) ==
	    1) {
		*count = sqlite3_column_int64(st, 0);
		*send_at = store_column_opt_int(st, 1);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int
store_sla_unstage(struct store *store, const char *recipient)
{
	static const char sql[] = "DELETE FROM sla_notices WHERE recipient = ?";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, recipient);
	return store_step_done(store, st, "removing written SLA notices");
}

void
store_sla_notices_free(struct store_sla_notice *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].recipient);
		free(v[i].name);
		free(v[i].subject);
		free(v[i].severity);
		free(v[i].category);
		free(v[i].assignee);
		free(v[i].policy);
	}
	free(v);
}
