/*
 * store_survey: satisfaction surveys — scheduled when a ticket closes,
 * sent or skipped by the scheduler, answered by the customer's mail.
 */
#include "store.h"
#include "store_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
store_survey_clear(struct store_survey *s)
{
	if (s == NULL)
		return;
	free(s->skip_reason);
	free(s->recipient);
	free(s->message_id);
	free(s->comment);
	memset(s, 0, sizeof(*s));
}

int
store_survey_schedule(struct store *store, long long ticket, long long due)
{
	/* A survey sent stays sent; one skipped or waiting is due again. */
	static const char sql[] =
	    "INSERT INTO surveys (ticket_id, due) VALUES (?1, ?2) "
	    "ON CONFLICT (ticket_id) DO UPDATE SET status = 'scheduled', "
	    "due = ?2, skip_reason = NULL WHERE status <> 'sent'";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, due);
	if (store_step_done(store, st, "scheduling a survey") != 0)
		return -1;
	return sqlite3_changes(store->db) > 0 ? 1 : 0;
}

/* An integer column that may be NULL, as an int (-1: NULL). */
static int
store_survey_int(sqlite3_stmt *st, int col)
{
	return (int)store_column_opt_int(st, col);
}

int
store_survey_get(struct store *store, long long ticket,
                 struct store_survey *out)
{
	static const char sql[] =
	    "SELECT id, status, due, sent, answered, skip_reason, recipient, "
	    "message_id, comment, answers, rating, nps, speed, result, "
	    "overall, composite FROM surveys WHERE ticket_id = ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	if ((rc = store_step_row(store, st, "reading a survey")) != 1)
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->ticket_id = ticket;
	snprintf(out->status, sizeof(out->status), "%s",
	         (const char *)sqlite3_column_text(st, 1));
	out->due = sqlite3_column_int64(st, 2);
	out->sent = store_column_opt_int(st, 3);
	out->answered = store_column_opt_int(st, 4);
	out->skip_reason = store_column_dup(st, 5);
	out->recipient = store_column_dup(st, 6);
	out->message_id = store_column_dup(st, 7);
	out->comment = store_column_dup(st, 8);
	out->answers = sqlite3_column_int(st, 9);
	out->rating = store_survey_int(st, 10);
	out->nps = store_survey_int(st, 11);
	out->speed = store_survey_int(st, 12);
	out->result = store_survey_int(st, 13);
	out->overall = store_survey_int(st, 14);
	out->composite = sqlite3_column_type(st, 15) == SQLITE_NULL
	                     ? -1.0
	                     : sqlite3_column_double(st, 15);
	store_reset(st);
	return 1;
}

int
store_survey_by_message(struct store *store, const char *msgid,
                        long long *ticket_r)
{
	static const char sql[] =
	    "SELECT ticket_id FROM surveys WHERE message_id = ?";
	sqlite3_stmt *st;
	int rc;

	if (msgid == NULL || msgid[0] == '\0')
		return 0;
	if ((st = store_prepare(store, sql)) == NULL)
		return -1;
	store_bind_text(st, 1, msgid);
	if ((rc = store_step_row(store, st, "finding a survey")) == 1) {
		*ticket_r = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc;
}

int
store_survey_due(struct store *store, long long now, long long *tickets,
                 size_t max, size_t *n_r)
{
	static const char sql[] =
	    "SELECT ticket_id FROM surveys WHERE status = 'scheduled' AND "
	    "due <= ? ORDER BY due, id LIMIT ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*n_r = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, (long long)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n_r < max)
		tickets[(*n_r)++] = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_fail(store, "listing due surveys");
	store_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_survey_next(struct store *store, long long *due_r)
{
	static const char sql[] =
	    "SELECT min(due) FROM surveys WHERE status = 'scheduled'";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*due_r = -1;
	if (st == NULL)
		return -1;
	if ((rc = store_step_row(store, st, "finding the next survey")) == 1) {
		*due_r = store_column_opt_int(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int
store_survey_sent(struct store *store, long long ticket, const char *recipient,
                  const char *message_id, long long now)
{
	static const char sql[] =
	    "UPDATE surveys SET status = 'sent', recipient = ?2, "
	    "message_id = ?3, sent = ?4 WHERE ticket_id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	store_bind_text(st, 2, recipient);
	store_bind_text(st, 3, message_id);
	sqlite3_bind_int64(st, 4, now);
	return store_step_done(store, st, "recording a survey as sent");
}

int
store_survey_skip(struct store *store, long long ticket, const char *reason)
{
	static const char sql[] = "UPDATE surveys SET status = 'skipped', "
	                          "skip_reason = ?2 WHERE ticket_id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	store_bind_text(st, 2, reason);
	return store_step_done(store, st, "recording a survey as skipped");
}

int
store_survey_postpone(struct store *store, long long ticket, long long due)
{
	static const char sql[] =
	    "UPDATE surveys SET due = ?2 WHERE ticket_id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, due);
	return store_step_done(store, st, "postponing a survey");
}

int
store_survey_count_sent(struct store *store, const char *address,
                        long long since, long long *n_r)
{
	static const char sql[] = "SELECT count(*) FROM surveys WHERE "
	                          "recipient = ? AND sent >= ?";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	*n_r = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, address);
	sqlite3_bind_int64(st, 2, since);
	if ((rc = store_step_row(store, st, "counting surveys sent")) == 1) {
		*n_r = sqlite3_column_int64(st, 0);
		store_reset(st);
	}
	return rc < 0 ? -1 : 0;
}

int
store_survey_answer(struct store *store, long long ticket,
                    const struct store_survey_answer *a, long long now)
{
	/* The composite is the mean of the aspects known after this answer
	 * (avg skips the NULLs; none gives NULL). */
	static const char sql[] =
	    "UPDATE surveys SET answered = ?2, answers = answers + 1, "
	    "rating = coalesce(?3, rating), nps = coalesce(?4, nps), "
	    "speed = coalesce(?5, speed), result = coalesce(?6, result), "
	    "overall = coalesce(?7, overall), "
	    "composite = (SELECT avg(v) FROM (SELECT coalesce(?5, speed) AS v "
	    "UNION ALL SELECT coalesce(?6, result) UNION ALL "
	    "SELECT coalesce(?7, overall))), "
	    "comment = coalesce(?8, comment) WHERE ticket_id = ?1";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ticket);
	sqlite3_bind_int64(st, 2, now);
	store_bind_opt_int(st, 3, a->rating);
	store_bind_opt_int(st, 4, a->nps);
	store_bind_opt_int(st, 5, a->speed);
	store_bind_opt_int(st, 6, a->result);
	store_bind_opt_int(st, 7, a->overall);
	store_bind_text(st, 8, a->comment);
	return store_step_done(store, st, "recording a survey answer");
}
