/*
 * fetcher_p.h: what the fetcher's files share — a connected session's
 * state, and the pipe that carries fetched, parsed batches from the IMAP
 * thread to the mailbox's store thread, so the network, the parser and
 * SQLite work at the same time.
 */
#ifndef COMPLAINTD_FETCHER_P_H
#define COMPLAINTD_FETCHER_P_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "fetcher.h"
#include "imap.h"
#include "ingest.h"
#include "store.h"

/* UIDs, growable. */
struct fetch_uids {
	uint32_t *v;
	size_t n, cap;
};

int fetch_uids_add(struct fetch_uids *u, uint32_t uid);
int fetch_uids_append(struct fetch_uids *to, const struct fetch_uids *from);
void fetch_uids_free(struct fetch_uids *u);

/* One mail of a job. */
struct fetch_mail {
	uint32_t uid;
	const char *raw; /* into the job's batch */
	size_t len;
	struct ingest_parsed parsed; /* msg NULL for an oversized header */
	uint32_t oversize;           /* its size on the server, else 0 */
};

/* A fetched, parsed batch on its way to the store thread, and back. */
struct fetch_job {
	struct imap_batch batch;
	struct fetch_mail *mails;
	size_t n;
	uint32_t *asked; /* the UIDs requested, ascending */
	size_t n_asked;
	/* The store thread's answer. */
	bool failed;
	struct fetch_uids acted; /* committed, owed their server action */
	struct fetch_job *next;
};

void fetch_job_free(struct fetch_job *job);

/* A stored mail's log line, written once its batch has committed. */
struct fetch_note {
	char *line;
	int outcome;   /* enum ingest_outcome */
	char *warning; /* logged as a warning after line; NULL: none */
};

struct fetch_pipe {
	pthread_t thread;
	bool running;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct fetch_job *waiting; /* handed over, not yet taken */
	struct fetch_job *working; /* being stored */
	struct fetch_job *finished, **finished_tail;
	bool stop;
	bool failed;        /* a batch could not be stored: take no more */
	long long last_uid; /* the cursor as committed */
	/* The store thread's own. */
	struct store *store;
	const struct ingest_config *cfg; /* &own_cfg */
	struct ingest_config own_cfg;    /* with the thread's model */
	struct classify_model model;
	const struct conf_mailbox *mb;
	const struct fetcher_shared *shared;
	bool queued; /* the batch being stored queued outgoing mail */
	long long mailbox_id, uidvalidity, first_seen, first_uid;
	struct {
		struct fetch_note *v;
		size_t n, cap;
	} notes;
	unsigned long created, appended, duplicates, oversize;
};

/*
 * Opens the store thread's own connection and starts it on the mailbox
 * epoch (mailbox_id, uidvalidity) whose cursor stands at last_uid.
 * Returns 0, or -1 after logging why.
 */
int fetch_pipe_start(struct fetch_pipe *p, const char *store_path,
                     const struct ingest_config *cfg,
                     const struct conf_mailbox *mb,
                     const struct fetcher_shared *shared,
                     const struct store_mailbox *cursor);

/* Hands job over, waiting while the previous one still waits.  Returns
 * -1 (and frees job) when the pipe has failed. */
int fetch_pipe_submit(struct fetch_pipe *p, struct fetch_job *job);

/*
 * The jobs stored since the last call, oldest first (caller frees each
 * with fetch_job_free); with wait, only once nothing is left in the pipe.
 */
struct fetch_job *fetch_pipe_collect(struct fetch_pipe *p, bool wait);

/* The cursor as committed by the store thread. */
long long fetch_pipe_last_uid(struct fetch_pipe *p);

/* Lets the job in hand finish (commit), drops the waiting one, joins. */
void fetch_pipe_stop(struct fetch_pipe *p);

struct fetch_session {
	struct fetcher *f;
	const struct conf_mailbox *mb;
	struct store
	    *store; /* the IMAP thread's: cursor, actions, quarantine */
	struct imap *imap;
	const struct ingest_config *cfg;
	struct store_mailbox cursor;
	struct fetch_pipe pipe;
	bool failed;            /* a batch could not be stored */
	struct fetch_uids owed; /* committed, not yet acted on the server */
	struct fetch_uids done; /* acted on, not yet cleared in the store */
};

/*
 * Selects the folder, settles the cursor (and starts the pipe), and
 * ingests every mail above it.  Return IMAP_OK, or the status of the
 * failing IMAP operation (the session is then unusable), or
 * IMAP_TEMPFAIL after a store failure (logged).
 */
enum imap_status fetch_open_folder(struct fetch_session *s);
enum imap_status fetch_drain(struct fetch_session *s);

/* Applies the actions owed for the batches just committed. */
enum imap_status fetch_apply_actions(struct fetch_session *s);
/* Applies the actions the store says are owed: a previous session's,
 * cut short by a crash or a lost connection. */
enum imap_status fetch_resume_actions(struct fetch_session *s);
/* Clears in the store the actions done on the server (one commit). */
void fetch_clear_done(struct fetch_session *s);

/* Fetches again what quarantine asks for (raised size limits). */
enum imap_status fetch_refetch(struct fetch_session *s);

#endif
