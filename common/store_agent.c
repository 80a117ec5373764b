/*
 * store_agent: what the desk keeps about agents beyond the configuration
 * — away or not, whose turn it is, how many tickets each has open.
 */
#include "store.h"
#include "store_p.h"

#include <stdlib.h>
#include <string.h>

int
store_agent_set_away(struct store *store, const char *name, bool away,
                     long long now)
{
	static const char sql[] =
	    "INSERT INTO agents (name, away, away_since) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (name) DO UPDATE SET away = ?2, away_since = ?3";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, away);
	store_bind_opt_int(st, 3, away ? now : -1);
	return store_step_done(store, st, "marking an agent away");
}

int
store_agent_get(struct store *store, const char *name, struct store_agent *out)
{
	static const char sql[] =
	    "SELECT a.away, a.away_since, a.last_turn FROM agents a "
	    "WHERE a.name = ?";
	static const char open_sql[] =
	    "SELECT count(*) FROM tickets WHERE assignee = ? "
	    "AND status IN ('new', 'open', 'pending')";
	sqlite3_stmt *st = store_prepare(store, sql);
	int rc;

	memset(out, 0, sizeof(*out));
	out->away_since = -1;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	if ((rc = store_step_row(store, st, "reading an agent")) < 0)
		return -1;
	if (rc == 1) {
		out->away = sqlite3_column_int(st, 0) != 0;
		out->away_since = store_column_opt_int(st, 1);
		out->last_turn = sqlite3_column_int64(st, 2);
		store_reset(st);
	}
	if ((st = store_prepare(store, open_sql)) == NULL)
		return -1;
	store_bind_text(st, 1, name);
	if (store_step_row(store, st, "counting an agent's tickets") != 1)
		return -1;
	out->open = sqlite3_column_int64(st, 0);
	store_reset(st);
	return 0;
}

int
store_agent_take_turn(struct store *store, const char *name)
{
	static const char sql[] =
	    "INSERT INTO agents (name, last_turn) VALUES (?1, "
	    " (SELECT coalesce(max(last_turn), 0) + 1 FROM agents)) "
	    "ON CONFLICT (name) DO UPDATE SET last_turn = excluded.last_turn";
	sqlite3_stmt *st = store_prepare(store, sql);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	return store_step_done(store, st, "recording an assignment");
}
