/*
 * fetcher_pipe: the mailbox's store thread.  It takes fetched, parsed
 * batches from the IMAP thread and stores each in one transaction — the
 * mails, the cursor and the owed after-fetch actions together — then
 * hands the batch back so the IMAP thread may act on the server.  One
 * batch waits while another is stored, so the network and SQLite overlap.
 */
#include "fetcher_p.h"

#include "log.h"
#include "testknob.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
fetch_job_free(struct fetch_job *job)
{
	if (job == NULL)
		return;
	for (size_t i = 0; i < job->n; i++)
		ingest_parsed_clear(&job->mails[i].parsed);
	free(job->mails);
	free(job->asked);
	imap_batch_free(&job->batch);
	fetch_uids_free(&job->acted);
	free(job);
}

static const char *const fetch_outcomes[] = {
    [INGEST_CREATED] = "ticket.created",
    [INGEST_APPENDED] = "message.appended",
    [INGEST_DUPLICATE] = "message.duplicate",
    [INGEST_SURVEY] = "survey.answered",
};

/* " ack=queued notices=1", or why no ack went: " ack=no reason=..." */
static void
fetch_note_ack(const struct ingest_result *r, char *buf, size_t size)
{
	char why[300], reason[200];
	int n = 0;

	buf[0] = '\0';
	if (r->out.ack_queued)
		n = snprintf(buf, size, " ack=queued");
	else if (r->out.ack_refusal != NULL) {
		snprintf(reason, sizeof(reason), "%s%s%s", r->out.ack_refusal,
		         r->out.ack_detail[0] ? ": " : "", r->out.ack_detail);
		n = snprintf(buf, size, " ack=no ack_reason=%s",
		             log_quote(why, sizeof(why), reason));
	}
	if (r->out.notices > 0 && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " notices=%d",
		         r->out.notices);
}

/* " category=billing severity=serious team=billing assignee=bob
 * priority=50 alerts=1" for a ticket triage decided on. */
static void
fetch_note_triage(const struct ingest_result *r, char *buf, size_t size)
{
	const struct triage_result *t = &r->triage;
	int n;

	buf[0] = '\0';
	if (!t->changed)
		return;
	n = snprintf(buf, size,
	             " category=%s severity=%s team=%s assignee=%s "
	             "priority=%lld",
	             t->category ? t->category : "-",
	             t->severity ? t->severity : "-", t->team ? t->team : "-",
	             t->assignee ? t->assignee->name : "-", t->priority);
	if (r->out.alerts > 0 && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " alerts=%d",
		         r->out.alerts);
}

/* The warning a ticket's routing deserves, or NULL (caller frees). */
static char *
fetch_note_warning(const struct fetch_pipe *p, const struct ingest_result *r)
{
	char *line;

	if (!r->triage.nobody_available)
		return NULL;
	if (asprintf(&line,
	             "route: every member of team %s is away "
	             "event=route.nobody mailbox=%s ticket=%lld; the ticket "
	             "waits in the team queue",
	             r->triage.team, p->mb->name, r->ticket_id) < 0)
		return NULL;
	return line;
}

/*
 * The log line for a stored mail, kept until its batch commits: a line
 * saying "ticket created" must never describe a rolled-back one.
 */
static int
fetch_note(struct fetch_pipe *p, uint32_t uid, const struct ingest_result *r)
{
	char from[160], subject[200], ack[400], triage[400], *line;
	const struct mime_message *m = r->msg;

	if (p->notes.n == p->notes.cap) {
		size_t cap = p->notes.cap ? p->notes.cap * 2 : 128;
		struct fetch_note *v = realloc(p->notes.v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		p->notes.v = v;
		p->notes.cap = cap;
	}
	fetch_note_ack(r, ack, sizeof(ack));
	fetch_note_triage(r, triage, sizeof(triage));
	if (asprintf(&line,
	             "ingest: %s event=%s ticket=%lld mailbox=%s uid=%u "
	             "from=%s subject=%s%s%s%s%s%s%s%s%s",
	             r->outcome == INGEST_CREATED    ? "new ticket"
	             : r->outcome == INGEST_APPENDED ? "reply on ticket"
	             : r->outcome == INGEST_SURVEY   ? "survey answer on ticket"
	                                             : "already stored",
	             fetch_outcomes[r->outcome], r->ticket_id, p->mb->name, uid,
	             log_quote(from, sizeof(from), m ? m->from.addr : NULL),
	             log_quote(subject, sizeof(subject), m ? m->subject : NULL),
	             r->thread_by ? " by=" : "",
	             r->thread_by ? r->thread_by : "",
	             r->reopened ? " reopened=yes" : "",
	             r->agent ? " agent=" : "", r->agent ? r->agent : "",
	             r->quarantine_id > 0 ? " quarantined=yes" : "", triage,
	             ack) < 0)
		return -1;
	/* An agent's mail may have queued their reply to the customer. */
	p->queued = p->queued || r->out.ack_queued || r->out.notices > 0 ||
	            r->out.alerts > 0 || r->agent != NULL;
	p->notes.v[p->notes.n].line = line;
	p->notes.v[p->notes.n].warning = fetch_note_warning(p, r);
	p->notes.v[p->notes.n].outcome = r->outcome;
	p->notes.n++;
	return 0;
}

/* Writes the lines of a committed batch (or drops a rolled-back one's). */
static void
fetch_flush_notes(struct fetch_pipe *p, bool committed)
{
	for (size_t i = 0; i < p->notes.n; i++) {
		struct fetch_note *note = &p->notes.v[i];
		if (committed) {
			log_info("%s", note->line);
			if (note->warning != NULL)
				log_warnx("%s", note->warning);
			p->created += note->outcome == INGEST_CREATED;
			p->appended += note->outcome == INGEST_APPENDED;
			p->duplicates += note->outcome == INGEST_DUPLICATE;
		}
		free(note->line);
		free(note->warning);
	}
	p->notes.n = 0;
	if (!committed)
		p->queued = false;
}

static int
fetch_store_oversize(struct fetch_pipe *p, const struct fetch_mail *m,
                     const struct ingest_source *src)
{
	struct ingest_result r;

	if (ingest_oversize(p->store, p->cfg, src, m->raw, m->len, m->oversize,
	                    p->mb->max_message_size, time(NULL), &r) != 0)
		return -1;
	log_warnx("ingest: mail over the size limit left on the server "
	          "event=message.oversize mailbox=%s uid=%u size=%u limit=%lld "
	          "ticket=%lld",
	          p->mb->name, m->uid, m->oversize, p->mb->max_message_size,
	          r.ticket_id);
	p->oversize++;
	ingest_result_clear(&r);
	return 0;
}

/* Stores one mail and records its owed action; guarded: in a savepoint. */
static int
fetch_store_mail(struct fetch_pipe *p, struct fetch_job *job,
                 const struct fetch_mail *m, bool guarded)
{
	struct ingest_source src = {p->mb->name, p->mailbox_id, p->uidvalidity,
	                            m->uid,      p->first_seen, p->first_uid};
	struct ingest_result r;
	int rc;

	/* A mail too large to fetch stays untouched: no action is owed. */
	if (m->oversize > 0)
		return fetch_store_oversize(p, m, &src);
	if (ingest_message_parsed(p->store, p->cfg, &src, m->raw, m->len,
	                          &m->parsed, guarded, time(NULL), &r) != 0)
		return -1;
	rc = fetch_note(p, m->uid, &r);
	ingest_result_clear(&r);
	if (rc != 0 || p->mb->after_fetch_action == CONF_AFTER_FETCH_NONE)
		return rc;
	if (store_action_add(p->store, p->mailbox_id, m->uid) != 0 ||
	    fetch_uids_add(&job->acted, m->uid) != 0)
		return -1;
	return 0;
}

/* Stores the job's mails in the open transaction; how many made it. */
static size_t
fetch_store_mails(struct fetch_pipe *p, struct fetch_job *job, bool guarded)
{
	size_t i;

	for (i = 0; i < job->n; i++) {
		if (fetch_store_mail(p, job, &job->mails[i], guarded) != 0)
			break;
		testknob_step("a mail stored, its batch not committed");
	}
	if (i < job->n && guarded)
		log_errx("ingest: cannot store mail mailbox=%s uid=%u: %s; "
		         "the batch stops here, the mail stays on the server "
		         "and is tried again",
		         p->mb->name, job->mails[i].uid, store_error(p->store));
	return i;
}

/* Names the requested UIDs the server did not return. */
static void
fetch_log_gaps(const struct fetch_pipe *p, const struct fetch_job *job)
{
	size_t d = 0;

	/* Both lists ascend: a merge finds what was asked but not given. */
	for (size_t i = 0; i < job->n_asked; i++) {
		while (d < job->n && job->mails[d].uid < job->asked[i])
			d++;
		if (d < job->n && job->mails[d].uid == job->asked[i])
			continue;
		log_warnx("fetcher: listed mail not returned by FETCH "
		          "event=fetcher.gap mailbox=%s uid=%u: expunged "
		          "meanwhile? skipped",
		          p->mb->name, job->asked[i]);
	}
}

/*
 * The fast way first: the whole batch without savepoints.  Should a mail
 * fail, that is rolled back and the batch stored again with a savepoint
 * per mail, which keeps the mails before the failing one.  Returns the
 * cursor the transaction moves to (0: none).
 */
static uint32_t
fetch_store_job_tx(struct fetch_pipe *p, struct fetch_job *job)
{
	size_t done = fetch_store_mails(p, job, false);

	if (done < job->n) {
		store_rollback(p->store);
		fetch_flush_notes(p, false);
		job->acted.n = 0;
		if (store_begin(p->store) != 0) {
			job->failed = true;
			return 0;
		}
		done = fetch_store_mails(p, job, true);
		job->failed = done < job->n;
	}
	if (job->failed)
		return done > 0 ? job->mails[done - 1].uid : 0;
	/* Mail expunged meanwhile is not returned: the cursor passes it. */
	if (job->n < job->n_asked)
		fetch_log_gaps(p, job);
	return job->n_asked > 0 ? job->asked[job->n_asked - 1] : 0;
}

/* What agents taught meanwhile (complaintctl) reaches this thread. */
static void
fetch_refresh_model(struct fetch_pipe *p)
{
	if (p->own_cfg.triage.rules == NULL ||
	    classify_model_refresh(&p->model, p->store,
	                           p->own_cfg.triage.conf) == 0)
		return;
	log_warnx("fetcher: cannot read the classifier's model mailbox=%s: "
	          "%s; classifying with what was read before",
	          p->mb->name, store_error(p->store));
}

static void
fetch_store_job(struct fetch_pipe *p, struct fetch_job *job)
{
	uint32_t cursor;

	fetch_refresh_model(p);
	if (store_begin(p->store) != 0) {
		log_errx("fetcher: cannot start a transaction mailbox=%s: %s",
		         p->mb->name, store_error(p->store));
		job->failed = true;
		return;
	}
	cursor = fetch_store_job_tx(p, job);
	if ((cursor > 0 &&
	     store_mailbox_advance(p->store, p->mailbox_id, cursor) != 0) ||
	    store_commit(p->store) != 0) {
		log_errx("fetcher: cannot commit a batch mailbox=%s: %s; its "
		         "mail stays on the server and is tried again",
		         p->mb->name, store_error(p->store));
		store_rollback(p->store);
		fetch_flush_notes(p, false);
		job->acted.n = 0;
		job->failed = true;
		return;
	}
	fetch_flush_notes(p, true);
	if (cursor > p->last_uid)
		p->last_uid = cursor;
	/* Queued acknowledgements go out now, not at the sender's next poll. */
	if (p->queued && p->shared->queued != NULL)
		p->shared->queued(p->shared->queued_arg);
	/* New deadlines may come before the scheduler's next wake-up. */
	if (cursor > 0 && p->shared->changed != NULL)
		p->shared->changed(p->shared->queued_arg);
	p->queued = false;
	testknob_step("a batch committed, not yet acted on");
}

static void *
fetch_pipe_main(void *arg)
{
	struct fetch_pipe *p = arg;
	struct fetch_job *job;
	char name[16];

	snprintf(name, sizeof(name), "store/%.9s", p->mb->name);
	pthread_setname_np(pthread_self(), name);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->stop && p->waiting == NULL)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->stop || p->failed)
			break;
		job = p->waiting;
		p->waiting = NULL;
		p->working = job;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
		fetch_store_job(p, job);
		pthread_mutex_lock(&p->lock);
		p->working = NULL;
		p->failed = p->failed || job->failed;
		*p->finished_tail = job;
		p->finished_tail = &job->next;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

int
fetch_pipe_start(struct fetch_pipe *p, const char *store_path,
                 const struct ingest_config *cfg, const struct conf_mailbox *mb,
                 const struct fetcher_shared *shared,
                 const struct store_mailbox *cursor)
{
	char *err = NULL;

	memset(p, 0, sizeof(*p));
	p->own_cfg = *cfg;
	p->own_cfg.triage.model = &p->model;
	p->cfg = &p->own_cfg;
	p->mb = mb;
	p->shared = shared;
	p->mailbox_id = cursor->id;
	p->uidvalidity = cursor->uidvalidity;
	p->last_uid = cursor->last_uid;
	p->first_seen = cursor->first_seen;
	p->first_uid = cursor->first_uid;
	p->finished_tail = &p->finished;
	if ((p->store = store_open(store_path, &err)) == NULL) {
		log_errx("fetcher: %s mailbox=%s",
		         err ? err
		             : "cannot open "
		               "the store",
		         mb->name);
		free(err);
		return -1;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (pthread_create(&p->thread, NULL, fetch_pipe_main, p) != 0) {
		log_errx("fetcher: cannot start the store thread mailbox=%s",
		         mb->name);
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->cond);
		store_close(p->store);
		return -1;
	}
	p->running = true;
	return 0;
}

int
fetch_pipe_submit(struct fetch_pipe *p, struct fetch_job *job)
{
	pthread_mutex_lock(&p->lock);
	while (p->waiting != NULL && !p->failed)
		pthread_cond_wait(&p->cond, &p->lock);
	if (p->failed) {
		pthread_mutex_unlock(&p->lock);
		fetch_job_free(job);
		return -1;
	}
	p->waiting = job;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

struct fetch_job *
fetch_pipe_collect(struct fetch_pipe *p, bool wait)
{
	struct fetch_job *jobs;

	pthread_mutex_lock(&p->lock);
	while (wait && !p->failed && (p->waiting != NULL || p->working != NULL))
		pthread_cond_wait(&p->cond, &p->lock);
	jobs = p->finished;
	p->finished = NULL;
	p->finished_tail = &p->finished;
	pthread_mutex_unlock(&p->lock);
	return jobs;
}

long long
fetch_pipe_last_uid(struct fetch_pipe *p)
{
	long long uid;

	pthread_mutex_lock(&p->lock);
	uid = p->last_uid;
	pthread_mutex_unlock(&p->lock);
	return uid;
}

void
fetch_pipe_stop(struct fetch_pipe *p)
{
	if (!p->running)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	fetch_job_free(p->waiting);
	for (struct fetch_job *j = p->finished, *next; j; j = next) {
		next = j->next;
		fetch_job_free(j);
	}
	free(p->notes.v);
	classify_model_clear(&p->model);
	store_close(p->store);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	p->running = false;
}
