/*
 * fetcher_actions: what the fetcher does on the server once mail is safely
 * stored — \Seen or a move — including actions a crash left owed, and
 * fetching again the mail quarantine asks for.
 */
#include "fetcher_p.h"

#include "log.h"
#include "testknob.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FETCH_PENDING_MAX 1000

/* The actions a previous run committed but did not get to do. */
static int
fetch_load_pending(struct fetch_session *s)
{
	long long uids[FETCH_PENDING_MAX];
	size_t n = 0;

	if (store_actions_pending(s->store, s->cursor.id, uids,
	                          FETCH_PENDING_MAX, &n) != 0) {
		log_errx("fetcher: cannot read pending actions mailbox=%s: %s",
		         s->mb->name, store_error(s->store));
		return -1;
	}
	s->owed.n = 0;
	for (size_t i = 0; i < n; i++)
		if (fetch_uids_add(&s->owed, (uint32_t)uids[i]) != 0)
			return -1;
	if (n > 0)
		log_info(
		    "fetcher: re-applying after-fetch actions owed from before "
		    "event=fetcher.resume mailbox=%s count=%zu",
		    s->mb->name, n);
	return 0;
}

enum imap_status
fetch_resume_actions(struct fetch_session *s)
{
	if (fetch_load_pending(s) != 0)
		return IMAP_TEMPFAIL;
	return fetch_apply_actions(s);
}

enum imap_status
fetch_apply_actions(struct fetch_session *s)
{
	enum imap_status st;

	if (s->owed.n == 0)
		return IMAP_OK;
	if (s->mb->after_fetch_action == CONF_AFTER_FETCH_MOVE)
		st = imap_move(s->imap, s->owed.v, s->owed.n,
		               s->mb->move_folder);
	else
		st = imap_flag_seen(s->imap, s->owed.v, s->owed.n);
	if (st == IMAP_REFUSED) {
		/* The connection is fine; the setting or the server's state
		 * is not.  The mail is stored; the action waits. */
		log_errx("fetcher: the server refused the after-fetch action "
		         "event=fetcher.action_refused mailbox=%s action=%s "
		         "count=%zu: %s; the mail is stored, the action is "
		         "tried again at the next connection",
		         s->mb->name, s->mb->after_fetch, s->owed.n,
		         imap_error(s->imap));
		s->owed.n = 0;
		return IMAP_OK;
	}
	if (st != IMAP_OK) {
		log_warnx("fetcher: after-fetch action failed mailbox=%s "
		          "action=%s count=%zu: %s; the mail is stored and the "
		          "action is tried again",
		          s->mb->name, s->mb->after_fetch, s->owed.n,
		          imap_error(s->imap));
		s->owed.n = 0;
		return st;
	}
	testknob_step("an after-fetch action done, not yet cleared");
	if (fetch_uids_append(&s->done, &s->owed) != 0)
		return IMAP_TEMPFAIL;
	s->owed.n = 0;
	return IMAP_OK;
}

void
fetch_clear_done(struct fetch_session *s)
{
	if (s->done.n == 0)
		return;
	if (store_begin(s->store) != 0) {
		log_warnx("fetcher: cannot clear done actions mailbox=%s: %s",
		          s->mb->name, store_error(s->store));
		return;
	}
	for (size_t i = 0; i < s->done.n; i++)
		store_action_done(s->store, s->cursor.id, s->done.v[i]);
	if (store_commit(s->store) != 0) {
		/* Only repeats harmless actions after a restart. */
		store_rollback(s->store);
		return;
	}
	s->done.n = 0;
}

/* Sets a refetch request back to open with the reason it failed. */
static void
fetch_refetch_refuse(struct fetch_session *s, const struct store_quarantine *q,
                     const char *why)
{
	log_warnx("fetcher: cannot fetch quarantined mail again mailbox=%s "
	          "quarantine=%lld uid=%lld: %s",
	          s->mb->name, q->id, q->uid, why);
	if (store_quarantine_set(s->store, q->id, "open", why, time(NULL)))
		log_errx("fetcher: cannot update quarantine=%lld: %s", q->id,
		         store_error(s->store));
}

/* Stores the refetched mail over its header-only copy, in one commit. */
static int
fetch_refetch_store(struct fetch_session *s, const struct store_quarantine *q,
                    const struct imap_mail *mail)
{
	bool act = s->mb->after_fetch_action != CONF_AFTER_FETCH_NONE;
	struct ingest_result r;
	int rc;

	if (store_begin(s->store) != 0)
		return -1;
	rc = ingest_reprocess(s->store, s->cfg, q->id, mail->raw, mail->len,
	                      time(NULL), &r);
	if (rc >= 0)
		ingest_result_clear(&r);
	/* Untouched while it was too large; now it is stored, it is owed
	 * its after-fetch action like any other mail. */
	if (rc >= 0 && act &&
	    store_action_add(s->store, s->cursor.id, mail->uid) != 0)
		rc = -1;
	if (rc < 0 || store_commit(s->store) != 0) {
		log_errx(
		    "fetcher: cannot store refetched mail quarantine=%lld: "
		    "%s",
		    q->id, store_error(s->store));
		store_rollback(s->store);
		return -1;
	}
	/* Only after the commit may the server be told. */
	if (act && fetch_uids_add(&s->owed, mail->uid) != 0)
		return -1;
	log_info("ingest: quarantined mail fetched whole event=message."
	         "refetched mailbox=%s uid=%u quarantine=%lld ticket=%lld "
	         "size=%zu",
	         s->mb->name, mail->uid, q->id, q->ticket_id, mail->len);
	return 0;
}

static enum imap_status
fetch_refetch_entry(struct fetch_session *s, const struct store_quarantine *q)
{
	uint32_t uid = (uint32_t)q->uid;
	struct imap_batch b;
	enum imap_status st;

	if (q->uid <= 0 || q->uidvalidity != s->cursor.uidvalidity) {
		fetch_refetch_refuse(
		    s, q,
		    "the folder was renumbered (UIDVALIDITY "
		    "changed); the mail cannot be found by UID");
		return IMAP_OK;
	}
	if (q->size > s->mb->max_message_size) {
		fetch_refetch_refuse(
		    s, q, "still over the mailbox's max_message_size");
		return IMAP_OK;
	}
	if ((st = imap_fetch(s->imap, &uid, 1, false, &b)) != IMAP_OK)
		return st;
	if (b.n == 0)
		fetch_refetch_refuse(s, q,
		                     "the mail is no longer in the folder");
	else
		fetch_refetch_store(s, q, &b.v[0]);
	imap_batch_free(&b);
	return IMAP_OK;
}

enum imap_status
fetch_refetch(struct fetch_session *s)
{
	struct store_quarantine *v = NULL;
	enum imap_status st = IMAP_OK;
	size_t n = 0;

	if (store_quarantine_refetch(s->store, s->mb->name, &v, &n) != 0) {
		log_errx("fetcher: cannot read quarantine mailbox=%s: %s",
		         s->mb->name, store_error(s->store));
		return IMAP_OK;
	}
	for (size_t i = 0; i < n && st == IMAP_OK; i++)
		st = fetch_refetch_entry(s, &v[i]);
	store_quarantine_free(v, n);
	return st;
}
