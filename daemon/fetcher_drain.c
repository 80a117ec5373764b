/*
 * fetcher_drain: the IMAP thread's side of a connected session — settle
 * the cursor after SELECT, list new mail, fetch it in batches and parse
 * it, hand each batch to the store thread (fetcher_pipe.c), and flag or
 * move on the server what that thread has committed.
 */
#include "fetcher_p.h"

#include "log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A batch ends at this many mails or bytes, whichever comes first. */
#define FETCH_BATCH_MAILS 250
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

int
fetch_uids_append(struct fetch_uids *to, const struct fetch_uids *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (fetch_uids_add(to, from->v[i]) != 0)
			return -1;
	return 0;
}

void
fetch_uids_free(struct fetch_uids *u)
{
	free(u->v);
	memset(u, 0, sizeof(*u));
}

/*
 * Takes what the store thread has finished: the actions it committed are
 * now owed on the server.  Returns -1 when a batch failed.
 */
static int
fetch_take_finished(struct fetch_session *s, bool wait)
{
	struct fetch_job *job = fetch_pipe_collect(&s->pipe, wait), *next;
	int rc = 0;

	for (; job != NULL; job = next) {
		next = job->next;
		if (fetch_uids_append(&s->owed, &job->acted) != 0 ||
		    job->failed)
			rc = -1;
		fetch_job_free(job);
	}
	if (rc != 0)
		s->failed = true;
	return rc;
}

/* A new job for these UIDs, fetched; header_only for an oversized one. */
static enum imap_status
fetch_job_fetch(struct fetch_session *s, const uint32_t *uids, size_t n,
                uint32_t oversize, struct fetch_job **job_r)
{
	struct fetch_job *job = calloc(1, sizeof(*job));
	enum imap_status st;

	*job_r = NULL;
	if (job == NULL || (job->asked = malloc(n * sizeof(*uids))) == NULL) {
		free(job);
		return IMAP_TEMPFAIL;
	}
	memcpy(job->asked, uids, n * sizeof(*uids));
	job->n_asked = n;
	st = imap_fetch(s->imap, uids, n, oversize > 0, &job->batch);
	if (st == IMAP_OK && (job->mails = calloc(job->batch.n + 1,
	                                          sizeof(*job->mails))) == NULL)
		st = IMAP_TEMPFAIL;
	if (st != IMAP_OK) {
		fetch_job_free(job);
		return st;
	}
	*job_r = job;
	return IMAP_OK;
}

/* Parses the job's mails here, so the store thread only stores. */
static int
fetch_job_parse(struct fetch_session *s, struct fetch_job *job,
                uint32_t oversize)
{
	for (size_t i = 0; i < job->batch.n; i++) {
		struct fetch_mail *m = &job->mails[i];

		m->uid = job->batch.v[i].uid;
		m->raw = job->batch.v[i].raw;
		m->len = job->batch.v[i].len;
		m->oversize = oversize;
		job->n = i + 1;
		if (oversize == 0 &&
		    ingest_parse(s->cfg, m->raw, m->len, &m->parsed) != 0)
			return -1;
	}
	return 0;
}

/* Fetches, parses and hands over one batch, then acts on what the store
 * thread has committed meanwhile. */
static enum imap_status
fetch_batch(struct fetch_session *s, const uint32_t *uids, size_t n,
            uint32_t oversize)
{
	struct fetch_job *job;
	enum imap_status st = fetch_job_fetch(s, uids, n, oversize, &job);

	if (st != IMAP_OK)
		return st;
	if (fetch_job_parse(s, job, oversize) != 0) {
		fetch_job_free(job);
		return IMAP_TEMPFAIL;
	}
	if (fetch_pipe_submit(&s->pipe, job) != 0 ||
	    fetch_take_finished(s, false) != 0)
		s->failed = true;
	st = fetch_apply_actions(s);
	return st != IMAP_OK ? st : s->failed ? IMAP_TEMPFAIL : IMAP_OK;
}

/* Fetches the listed mail: batches of the fetchable, the rest alone. */
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
			st = fetch_batch(s, &v[i].uid, 1, v[i].size);
			i++;
			continue;
		}
		while (i < n && k < FETCH_BATCH_MAILS &&
		       v[i].size <= s->mb->max_message_size &&
		       (k == 0 || bytes + v[i].size <= FETCH_BATCH_BYTES)) {
			bytes += v[i].size;
			batch[k++] = v[i++].uid;
		}
		st = fetch_batch(s, batch, k, 0);
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
	/* Everything handed over is stored (or failed) before the next
	 * listing, which starts from the committed cursor. */
	if (fetch_take_finished(s, true) != 0 && st == IMAP_OK)
		st = IMAP_TEMPFAIL;
	s->cursor.last_uid = fetch_pipe_last_uid(&s->pipe);
	if (st == IMAP_OK)
		st = fetch_apply_actions(s);
	if (n > 0 && st == IMAP_OK &&
	    store_mailbox_fetched(s->store, s->cursor.id, time(NULL)) != 0)
		log_warnx("fetcher: cannot record the fetch time mailbox=%s: "
		          "%s",
		          s->mb->name, store_error(s->store));
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
	                       folder.uidnext, time(NULL), &s->cursor) != 0) {
		log_errx("fetcher: cannot read the mailbox cursor mailbox=%s: "
		         "%s",
		         s->mb->name, store_error(s->store));
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
	if (fetch_pipe_start(&s->pipe, s->f->conf->store.path, s->cfg, s->mb,
	                     &s->f->shared, &s->cursor) != 0)
		return IMAP_TEMPFAIL;
	return IMAP_OK;
}
