/*
 * fetcher_drain: the work of a connected session — settle the cursor
 * after SELECT, ingest new mail in batches (one transaction and one fsync
 * per batch, a savepoint per mail), then flag or move what was stored.
 */
#include "fetcher_p.h"

#include "log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A batch ends at this many mails or bytes, whichever comes first. */
#define FETCH_BATCH_MAILS 100
#define FETCH_BATCH_BYTES (8LL << 20)

int
fetch_uids_add(struct fetch_uids *u, uint32_t uid)
{
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 64;
		uint32_t *v = realloc(u->v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		u->v = v;
		u->cap = cap;
	}
	u->v[u->n++] = uid;
	return 0;
}

void
fetch_uids_free(struct fetch_uids *u)
{
	free(u->v);
	memset(u, 0, sizeof(*u));
}

static void
fetch_store_failed(struct fetch_session *s, const char *what)
{
	log_errx("fetcher: %s failed mailbox=%s: %s; the mail stays on the "
	         "server and is tried again",
	         what, s->mb->name, store_error(s->store));
}

/* Opens the batch's transaction, clearing actions done meanwhile. */
static int
fetch_begin(struct fetch_session *s)
{
	if (s->in_tx)
		return 0;
	if (store_begin(s->store) != 0) {
		fetch_store_failed(s, "starting a transaction");
		return -1;
	}
	s->in_tx = true;
	for (size_t i = 0; i < s->done.n; i++) {
		if (store_action_done(s->store, s->cursor.id, s->done.v[i])) {
			fetch_store_failed(s, "clearing done actions");
			return -1;
		}
	}
	return 0;
}

/* Commits the batch: the fsync after which the server may be told. */
static int
fetch_commit(struct fetch_session *s)
{
	if (!s->in_tx)
		return 0;
	s->in_tx = false;
	if (store_commit(s->store) != 0) {
		fetch_store_failed(s, "committing a batch");
		store_rollback(s->store);
		s->owed.n = 0;
		return -1;
	}
	s->done.n = 0;
	return 0;
}

static void
fetch_abort(struct fetch_session *s)
{
	if (s->in_tx)
		store_rollback(s->store);
	s->in_tx = false;
	s->owed.n = 0;
}

static const char *const fetch_outcomes[] = {
    [INGEST_CREATED] = "ticket.created",
    [INGEST_APPENDED] = "message.appended",
    [INGEST_DUPLICATE] = "message.duplicate",
};

static void
fetch_log_result(struct fetch_session *s, uint32_t uid,
                 const struct ingest_result *r)
{
	char from[160], subject[200];
	const struct mime_message *m = r->msg;

	log_info("ingest: %s event=%s ticket=%lld mailbox=%s uid=%u from=%s "
	         "subject=%s%s%s%s%s",
	         r->outcome == INGEST_CREATED    ? "new ticket"
	         : r->outcome == INGEST_APPENDED ? "reply on ticket"
	                                         : "already stored",
	         fetch_outcomes[r->outcome], r->ticket_id, s->mb->name, uid,
	         log_quote(from, sizeof(from), m ? m->from.addr : NULL),
	         log_quote(subject, sizeof(subject), m ? m->subject : NULL),
	         r->thread_by ? " by=" : "", r->thread_by ? r->thread_by : "",
	         r->reopened ? " reopened=yes" : "",
	         r->quarantine_id > 0 ? " quarantined=yes" : "");
	s->created += r->outcome == INGEST_CREATED;
	s->appended += r->outcome == INGEST_APPENDED;
	s->duplicates += r->outcome == INGEST_DUPLICATE;
}

/* The cursor moves past uid, and its server action is owed, in the
 * same transaction as the mail. */
static int
fetch_account(struct fetch_session *s, uint32_t uid, bool act)
{
	if (act && s->mb->after_fetch_action != CONF_AFTER_FETCH_NONE) {
		if (store_action_add(s->store, s->cursor.id, uid) != 0 ||
		    fetch_uids_add(&s->owed, uid) != 0)
			return -1;
	}
	if (store_mailbox_advance(s->store, s->cursor.id, uid) != 0)
		return -1;
	s->cursor.last_uid = uid;
	return 0;
}

static int
fetch_one(void *arg, uint32_t uid, const char *raw, size_t len)
{
	struct fetch_session *s = arg;
	struct ingest_source src = {s->mb->name, s->cursor.id,
	                            s->cursor.uidvalidity, uid};
	struct ingest_result r;

	if (fetch_begin(s) != 0)
		return -1;
	if (ingest_message(s->store, s->cfg, &src, raw, len, time(NULL), &r) !=
	    0) {
		log_errx(
		    "ingest: cannot store mail mailbox=%s uid=%u: %s; "
		    "stopping the batch here, the mail stays on the server",
		    s->mb->name, uid, store_error(s->store));
		s->failed = true;
		return -1;
	}
	fetch_log_result(s, uid, &r);
	ingest_result_clear(&r);
	if (fetch_account(s, uid, true) != 0 ||
	    fetch_uids_add(&s->delivered, uid) != 0) {
		fetch_store_failed(s, "advancing the cursor");
		s->failed = true;
		return -1;
	}
	return 0;
}

/* Names the listed UIDs the server did not return, before the cursor
 * moves past them: expunged meanwhile, normally, but worth a line. */
static void
fetch_log_gaps(struct fetch_session *s, const uint32_t *uids, size_t n)
{
	size_t d = 0;

	/* Both lists ascend: a merge finds what was asked but not given. */
	for (size_t i = 0; i < n; i++) {
		while (d < s->delivered.n && s->delivered.v[d] < uids[i])
			d++;
		if (d < s->delivered.n && s->delivered.v[d] == uids[i])
			continue;
		log_warnx("fetcher: listed mail not returned by FETCH "
		          "event=fetcher.gap mailbox=%s uid=%u: expunged "
		          "meanwhile? skipped",
		          s->mb->name, uids[i]);
	}
}

/* Fetches and ingests one batch; commits it; then acts on the server. */
static enum imap_status
fetch_batch(struct fetch_session *s, const uint32_t *uids, size_t n)
{
	enum imap_status st;
	int cb_rc;

	s->delivered.n = 0;
	st = imap_fetch(s->imap, uids, n, false, fetch_one, s, &cb_rc);
	if (st != IMAP_OK) {
		fetch_abort(s);
		return st;
	}
	/* Mail expunged meanwhile is skipped by the server: move past it. */
	if (cb_rc == 0 && !s->failed && s->delivered.n < n) {
		fetch_log_gaps(s, uids, n);
		if (s->cursor.last_uid < uids[n - 1] &&
		    (fetch_begin(s) != 0 ||
		     fetch_account(s, uids[n - 1], false) != 0))
			s->failed = true;
	}
	if (fetch_commit(s) != 0)
		return IMAP_TEMPFAIL;
	st = fetch_apply_actions(s);
	return st != IMAP_OK ? st : s->failed ? IMAP_TEMPFAIL : IMAP_OK;
}

/* A mail over the size limit: its header becomes a ticket with a note. */
struct fetch_oversize {
	struct fetch_session *s;
	uint32_t size;
};

static int
fetch_oversize_one(void *arg, uint32_t uid, const char *header, size_t len)
{
	struct fetch_oversize *o = arg;
	struct fetch_session *s = o->s;
	struct ingest_source src = {s->mb->name, s->cursor.id,
	                            s->cursor.uidvalidity, uid};
	struct ingest_result r;

	if (fetch_begin(s) != 0)
		return -1;
	if (ingest_oversize(s->store, s->cfg, &src, header, len, o->size,
	                    s->mb->max_message_size, time(NULL), &r) != 0) {
		log_errx("ingest: cannot record an oversized mail mailbox=%s "
		         "uid=%u: %s",
		         s->mb->name, uid, store_error(s->store));
		s->failed = true;
		return -1;
	}
	log_warnx("ingest: mail over the size limit left on the server "
	          "event=message.oversize mailbox=%s uid=%u size=%u limit=%lld "
	          "ticket=%lld",
	          s->mb->name, uid, o->size, s->mb->max_message_size,
	          r.ticket_id);
	s->oversize++;
	ingest_result_clear(&r);
	/* Untouched on the server: no action is owed for it. */
	if (fetch_account(s, uid, false) != 0) {
		s->failed = true;
		return -1;
	}
	return 0;
}

static enum imap_status
fetch_oversize(struct fetch_session *s, const struct imap_uid *u)
{
	struct fetch_oversize o = {s, u->size};
	enum imap_status st;
	int cb_rc;

	st = imap_fetch(s->imap, &u->uid, 1, true, fetch_oversize_one, &o,
	                &cb_rc);
	if (st != IMAP_OK) {
		fetch_abort(s);
		return st;
	}
	if (fetch_commit(s) != 0 || s->failed)
		return IMAP_TEMPFAIL;
	return IMAP_OK;
}

/* Ingests the listed mail: batches of the fetchable, the rest alone. */
static enum imap_status
fetch_walk(struct fetch_session *s, const struct imap_uid *v, size_t n)
{
	uint32_t batch[FETCH_BATCH_MAILS];
	enum imap_status st = IMAP_OK;
	size_t i = 0;

	while (i < n && st == IMAP_OK && !worker_stopping(&s->f->worker)) {
		size_t k = 0;
		long long bytes = 0;

		if (v[i].size > s->mb->max_message_size) {
			st = fetch_oversize(s, &v[i++]);
			continue;
		}
		while (i < n && k < FETCH_BATCH_MAILS &&
		       v[i].size <= s->mb->max_message_size &&
		       (k == 0 || bytes + v[i].size <= FETCH_BATCH_BYTES)) {
			bytes += v[i].size;
			batch[k++] = v[i++].uid;
		}
		st = fetch_batch(s, batch, k);
	}
	return st;
}

enum imap_status
fetch_drain(struct fetch_session *s)
{
	struct imap_uid *v = NULL;
	size_t n = 0;
	enum imap_status st;

	s->failed = false;
	st = imap_list(s->imap, (uint32_t)s->cursor.last_uid, &v, &n);
	if (st != IMAP_OK)
		return st;
	if (n > 0)
		log_debug("fetcher: new mail event=fetcher.new mailbox=%s "
		          "count=%zu after_uid=%lld",
		          s->mb->name, n, s->cursor.last_uid);
	st = fetch_walk(s, v, n);
	free(v);
	if (st == IMAP_OK &&
	    store_mailbox_fetched(s->store, s->cursor.id, time(NULL)) != 0)
		fetch_store_failed(s, "recording the fetch time");
	return st;
}

enum imap_status
fetch_open_folder(struct fetch_session *s)
{
	struct imap_folder folder;
	enum imap_status st = imap_select(s->imap, s->mb->folder, &folder);

	if (st != IMAP_OK)
		return st;
	if (store_mailbox_open(s->store, s->mb->name, folder.uidvalidity,
	                       time(NULL), &s->cursor) != 0) {
		fetch_store_failed(s, "reading the mailbox cursor");
		return IMAP_TEMPFAIL;
	}
	if (s->cursor.new_epoch)
		log_warnx("fetcher: UIDVALIDITY changed event=fetcher."
		          "uidvalidity mailbox=%s uidvalidity=%u: reading the "
		          "whole folder again; mail already stored is "
		          "recognised and not ticketed twice",
		          s->mb->name, folder.uidvalidity);
	log_info("fetcher: folder selected event=fetcher.selected mailbox=%s "
	         "folder=%s uidvalidity=%u exists=%u last_uid=%lld",
	         s->mb->name, s->mb->folder, folder.uidvalidity, folder.exists,
	         s->cursor.last_uid);
	return IMAP_OK;
}
