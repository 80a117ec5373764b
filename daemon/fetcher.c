/*
 * fetcher: the mailbox thread's life — open its store, connect, drain,
 * wait in IDLE or sleep the poll interval, and reconnect with exponential
 * backoff and jitter when the server fails, so one broken server never
 * holds up another mailbox.
 */
#include "fetcher.h"
#include "fetcher_p.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FETCH_BACKOFF_MIN_MS 1000L
#define FETCH_BACKOFF_MAX_MS (5L * 60 * 1000)
/* RFC 2177: servers may drop an IDLE after 30 minutes; re-issue sooner. */
#define FETCH_IDLE_MAX_MS (25L * 60 * 1000)

static const char *const fetcher_tls_names[] = {
    [CONF_TLS_IMPLICIT] = "implicit",
    [CONF_TLS_STARTTLS] = "starttls",
    [CONF_TLS_NONE] = "none",
};

/* The next delay: doubling from 1 s to 5 min, drawn from its upper half
 * so that many desks restarted together do not reconnect in step. */
static long
fetcher_backoff(long *base_ms, unsigned *seed)
{
	long base = *base_ms ? *base_ms : FETCH_BACKOFF_MIN_MS;
	long delay = base / 2 + (long)(rand_r(seed) % (unsigned)(base / 2 + 1));

	*base_ms =
	    base * 2 > FETCH_BACKOFF_MAX_MS ? FETCH_BACKOFF_MAX_MS : base * 2;
	return delay;
}

static void
fetcher_log_poll(const struct conf_mailbox *mb, enum worker_wait_result r)
{
	log_debug("fetcher: poll event=fetcher.poll mailbox=%s reason=%s",
	          mb->name,
	          r == WORKER_WOKEN      ? "wakeup"
	          : r == WORKER_FD_READY ? "idle"
	                                 : "interval");
}

/*
 * Waits in IDLE until the server has news, a wake-up, or the poll
 * interval has passed: then the folder is listed again all the same, so a
 * notification lost on the way costs one interval, not the whole IDLE.
 */
static enum imap_status
fetcher_idle(struct fetch_session *s)
{
	long timeout = s->mb->poll_interval * 1000L;
	enum worker_wait_result r = WORKER_FD_READY;
	enum imap_status st = imap_idle_start(s->imap);

	if (st != IMAP_OK)
		return st;
	if (timeout > FETCH_IDLE_MAX_MS)
		timeout = FETCH_IDLE_MAX_MS;
	/* Mail announced since the listing, or with IDLE's start, is news. */
	if (!imap_idle_has_news(s->imap))
		r = worker_wait_fd(&s->f->worker, imap_idle_fd(s->imap),
		                   timeout);
	fetcher_log_poll(s->mb, r);
	return imap_idle_done(s->imap);
}

static enum imap_status
fetcher_wait(struct fetch_session *s)
{
	enum worker_wait_result r;

	if (s->mb->idle && imap_has_idle(s->imap))
		return fetcher_idle(s);
	r = worker_wait(&s->f->worker, s->mb->poll_interval * 1000L);
	if (r != WORKER_STOPPING)
		fetcher_log_poll(s->mb, r);
	return IMAP_OK;
}

/* The loop of one connected session; returns why it ended. */
static enum imap_status
fetcher_work(struct fetch_session *s, long *backoff_ms)
{
	struct worker *w = &s->f->worker;
	enum imap_status st = fetch_open_folder(s);

	if (st == IMAP_OK)
		st = fetch_resume_actions(s);
	if (st == IMAP_OK)
		*backoff_ms = 0;
	while (st == IMAP_OK && !worker_stopping(w)) {
		st = fetch_refetch(s);
		if (st == IMAP_OK)
			st = fetch_drain(s);
		if (st == IMAP_OK)
			st = fetch_apply_actions(s);
		fetch_clear_done(s);
		/* Idle time is when the WAL is best copied back. */
		if (store_checkpoint(s->store) != 0)
			log_warnx("fetcher: %s mailbox=%s",
			          store_error(s->store), s->mb->name);
		if (st == IMAP_OK && !worker_stopping(w))
			st = fetcher_wait(s);
	}
	return st;
}

static void
fetcher_log_failure(const struct conf_mailbox *mb, enum imap_status st,
                    const char *err, long delay_ms)
{
	static const char *const what[] = {
	    [-IMAP_TEMPFAIL] = "server unreachable or connection lost",
	    [-IMAP_AUTHFAIL] = "login refused; check user and password",
	    [-IMAP_TLSFAIL] = "TLS failed; check tls, ca_file and the "
	                      "server's certificate",
	    [-IMAP_NOFOLDER] = "folder cannot be selected; check folder",
	    [-IMAP_REFUSED] = "the server refused a command",
	};
	const char *desc = st < 0 && st >= IMAP_REFUSED ? what[-st] : "error";

	if (st == IMAP_TEMPFAIL)
		log_warnx("fetcher: %s event=imap.error mailbox=%s host=%s "
		          "port=%d: %s; retrying in %.1fs",
		          desc, mb->name, mb->host, mb->port, err,
		          (double)delay_ms / 1000);
	else
		log_errx("fetcher: %s event=imap.error mailbox=%s host=%s "
		         "port=%d: %s; retrying in %.1fs",
		         desc, mb->name, mb->host, mb->port, err,
		         (double)delay_ms / 1000);
}

static void
fetcher_set_session(struct fetcher *f, struct imap *imap)
{
	pthread_mutex_lock(&f->lock);
	f->imap = imap;
	pthread_mutex_unlock(&f->lock);
}

/* Connects and works until the connection fails or the thread stops. */
static enum imap_status
fetcher_session(struct fetcher *f, struct store *store,
                const struct ingest_config *cfg, long *backoff_ms, char *err,
                size_t err_size)
{
	const struct conf_mailbox *mb = f->mailbox;
	struct fetch_session s = {.f = f, .mb = mb, .store = store, .cfg = cfg};
	enum imap_status st;

	if ((s.imap = imap_open(mb, &st, err, err_size)) == NULL)
		return st;
	fetcher_set_session(f, s.imap);
	log_info("fetcher: connected event=imap.connected mailbox=%s host=%s "
	         "port=%d tls=%s auth=%s idle=%s",
	         mb->name, mb->host, mb->port, fetcher_tls_names[mb->tls],
	         imap_auth_method(s.imap),
	         mb->idle && imap_has_idle(s.imap) ? "yes" : "no");
	st = fetcher_work(&s, backoff_ms);
	if (st != IMAP_OK)
		snprintf(err, err_size, "%s",
		         s.failed ? "mail could not be stored (logged above)"
		                  : imap_error(s.imap));
	/* The batch being stored commits; its server action waits in the
	 * store for the next session. */
	fetch_pipe_stop(&s.pipe);
	fetcher_set_session(f, NULL);
	imap_close(s.imap);
	fetch_uids_free(&s.owed);
	fetch_uids_free(&s.done);
	if (s.pipe.created + s.pipe.appended + s.pipe.duplicates +
	        s.pipe.oversize >
	    0)
		log_info("fetcher: session ended event=fetcher.summary "
		         "mailbox=%s created=%lu appended=%lu duplicates=%lu "
		         "oversize=%lu",
		         mb->name, s.pipe.created, s.pipe.appended,
		         s.pipe.duplicates, s.pipe.oversize);
	return st;
}

/* Opens the thread's own store connection, retrying until it works. */
static struct store *
fetcher_open_store(struct fetcher *f, long *backoff_ms, unsigned *seed)
{
	struct store *store;
	char *err = NULL;

	while ((store = store_open(f->conf->store.path, &err)) == NULL) {
		long delay = fetcher_backoff(backoff_ms, seed);
		log_errx("fetcher: %s mailbox=%s; retrying in %.1fs",
		         err ? err : "cannot open the store", f->mailbox->name,
		         (double)delay / 1000);
		free(err);
		if (worker_wait(&f->worker, delay) == WORKER_STOPPING)
			return NULL;
	}
	return store;
}

static void
fetcher_log_start(const struct conf_mailbox *mb)
{
	log_info("fetcher: started event=fetcher.started mailbox=%s host=%s "
	         "port=%d tls=%s folder=%s idle=%s poll_interval=%lds",
	         mb->name, mb->host, mb->port, fetcher_tls_names[mb->tls],
	         mb->folder, mb->idle ? "yes" : "no", mb->poll_interval);
	if (mb->tls != CONF_TLS_NONE && !mb->tls_verify)
		log_warnx("fetcher: TLS certificate verification is off "
		          "mailbox=%s host=%s: anyone on the network path can "
		          "read the password",
		          mb->name, mb->host);
	else if (mb->tls == CONF_TLS_NONE)
		log_warnx("fetcher: connection is not encrypted (tls = "
		          "\"none\") mailbox=%s host=%s",
		          mb->name, mb->host);
}

/* Connects, works, and backs off, until told to stop. */
static void
fetcher_loop(struct fetcher *f, struct store *store,
             const struct ingest_config *cfg, long *backoff_ms, unsigned *seed)
{
	char err[512];

	while (!worker_stopping(&f->worker)) {
		enum imap_status st = fetcher_session(f, store, cfg, backoff_ms,
		                                      err, sizeof(err));
		enum worker_wait_result r;
		long delay;

		if (worker_stopping(&f->worker))
			break;
		delay = fetcher_backoff(backoff_ms, seed);
		fetcher_log_failure(f->mailbox, st, err, delay);
		r = worker_wait(&f->worker, delay);
		if (r == WORKER_WOKEN)
			fetcher_log_poll(f->mailbox, r);
	}
}

static void
fetcher_run(struct worker *w)
{
	struct fetcher *f = w->arg;
	struct ingest_config cfg;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)f;
	long backoff_ms = 0;
	struct store *store;

	fetcher_log_start(f->mailbox);
	if ((store = fetcher_open_store(f, &backoff_ms, &seed)) == NULL)
		goto out;
	ingest_config_init(&cfg, f->conf, f->shared.rules);
	cfg.out = f->shared.out;
	if (store_secret(store, cfg.secret) != 0) {
		log_errx("fetcher: %s mailbox=%s; not fetching",
		         store_error(store), f->mailbox->name);
		store_close(store);
		goto out;
	}
	fetcher_loop(f, store, &cfg, &backoff_ms, &seed);
	store_close(store);
out:
	log_info("fetcher: stopped event=fetcher.stopped mailbox=%s",
	         f->mailbox->name);
}

int
fetcher_start(struct fetcher *f, const struct conf *conf,
              const struct conf_mailbox *mailbox,
              const struct fetcher_shared *shared)
{
	char name[64];

	f->conf = conf;
	f->mailbox = mailbox;
	f->shared = *shared;
	f->imap = NULL;
	if (pthread_mutex_init(&f->lock, NULL) != 0)
		return -1;
	snprintf(name, sizeof(name), "fetcher/%s", mailbox->name);
	if (worker_start(&f->worker, name, fetcher_run, f) != 0) {
		pthread_mutex_destroy(&f->lock);
		return -1;
	}
	return 0;
}

void
fetcher_wake(struct fetcher *f)
{
	worker_wake(&f->worker);
}

void
fetcher_stop(struct fetcher *f)
{
	worker_stop(&f->worker);
	/* A read blocked on a silent server would otherwise hold the stop
	 * for the whole network timeout. */
	pthread_mutex_lock(&f->lock);
	if (f->imap != NULL)
		imap_cancel(f->imap);
	pthread_mutex_unlock(&f->lock);
}

void
fetcher_join(struct fetcher *f)
{
	if (!f->worker.running)
		return;
	worker_join(&f->worker);
	pthread_mutex_destroy(&f->lock);
}

int
fetcher_join_timeout(struct fetcher *f, long timeout_ms)
{
	if (!f->worker.running)
		return 0;
	if (worker_join_timeout(&f->worker, timeout_ms) != 0)
		return -1;
	pthread_mutex_destroy(&f->lock);
	return 0;
}
