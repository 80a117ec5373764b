/*
 * runtime: starting, waking, reloading and stopping the desk's threads.
 */
#include "runtime.h"

#include "ingest.h"
#include "log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Within systemd's patience and the 5 s a clean stop promises. */
#define RUNTIME_STOP_GRACE_MS 3500

/* Joins the metrics writer, within grace_ms when > 0; -1 when it is
 * still busy then. */
static int
runtime_join_metrics_writer(struct runtime *rt, long grace_ms)
{
	struct metrics_writer *mw = &rt->metrics_writer;

	if (!rt->metrics_writer_running)
		return 0;
	if (grace_ms <= 0) {
		metrics_writer_join(mw);
	} else if (metrics_writer_join_timeout(mw, grace_ms) != 0) {
		log_warnx("runtime: metrics writer still busy; exiting "
		          "without waiting for it (the textfile keeps its "
		          "last whole version)");
		return -1;
	}
	rt->metrics_writer_running = 0;
	return 0;
}

/*
 * Stops the threads.  With a grace time (exit), returns -1 when one did
 * not finish in it; without (reload), waits for each.
 */
static int
runtime_stop_threads(struct runtime *rt, long grace_ms)
{
	int stuck = 0;

	for (size_t i = 0; i < rt->n_fetchers; i++)
		fetcher_stop(&rt->fetchers[i]);
	if (rt->sender_running)
		sender_stop(&rt->sender);
	if (rt->scheduler_running)
		scheduler_stop(&rt->scheduler);
	if (rt->metrics_writer_running)
		metrics_writer_stop(&rt->metrics_writer);
	for (size_t i = 0; i < rt->n_fetchers; i++) {
		struct fetcher *f = &rt->fetchers[i];
		if (grace_ms <= 0) {
			fetcher_join(f);
		} else if (fetcher_join_timeout(f, grace_ms) != 0) {
			log_warnx("runtime: fetcher still in a network call "
			          "mailbox=%s; exiting without waiting for it "
			          "(its stored mail is safe)",
			          f->mailbox->name);
			stuck = 1;
		}
	}
	if (rt->sender_running && grace_ms <= 0) {
		sender_join(&rt->sender);
	} else if (rt->sender_running &&
	           sender_join_timeout(&rt->sender, grace_ms) != 0) {
		log_warnx("runtime: sender still delivering; exiting without "
		          "waiting for it (its mail stays queued and is sent "
		          "again at the next start)");
		stuck = 1;
	}
	if (rt->scheduler_running && grace_ms <= 0) {
		scheduler_join(&rt->scheduler);
	} else if (rt->scheduler_running &&
	           scheduler_join_timeout(&rt->scheduler, grace_ms) != 0) {
		log_warnx("runtime: scheduler still busy; exiting without "
		          "waiting for it (what it committed is kept)");
		stuck = 1;
	}
	if (runtime_join_metrics_writer(rt, grace_ms) != 0)
		stuck = 1;
	if (stuck)
		return -1;
	rt->scheduler_running = 0;
	free(rt->fetchers);
	rt->fetchers = NULL;
	rt->n_fetchers = 0;
	rt->sender_running = 0;
	return 0;
}

/* A fetcher or the scheduler queued mail: the sender should look now. */
static void
runtime_queued(void *arg)
{
	struct runtime *rt = arg;

	if (rt->sender_running)
		sender_wake(&rt->sender);
}

/* A fetcher stored mail: deadlines may have come nearer. */
static void
runtime_changed(void *arg)
{
	runtime_wake_scheduler(arg);
}

/* The scheduler, when there are SLA policies to keep, surveys or surge
 * detection. */
static int
runtime_start_scheduler(struct runtime *rt)
{
	const struct sla_desk *desk = rt->rules->sla;

	if (!sla_desk_active(desk))
		log_info("runtime: no SLA policies configured; no deadlines "
		         "are kept");
	if (!sla_desk_active(desk) && !rt->conf->survey.enabled &&
	    !rt->conf->surge.enabled)
		return 0;
	if (scheduler_start(&rt->scheduler, rt->conf, desk, rt->out,
	                    runtime_queued, rt) == -1) {
		log_err("runtime: cannot start the scheduler thread; stopping "
		        "the others");
		return -1;
	}
	rt->scheduler_running = 1;
	return 0;
}

/* The metrics writer, when metrics.textfile names a file. */
static int
runtime_start_metrics_writer(struct runtime *rt)
{
	if (rt->conf->metrics.textfile == NULL)
		return 0;
	if (metrics_writer_start(&rt->metrics_writer, rt->conf) == -1) {
		log_err("runtime: cannot start the metrics writer thread; "
		        "stopping the others");
		return -1;
	}
	rt->metrics_writer_running = 1;
	return 0;
}

static int
runtime_start_threads(struct runtime *rt)
{
	const struct conf *conf = rt->conf;

	if (conf->n_mailboxes > 0) {
		rt->fetchers = calloc(conf->n_mailboxes, sizeof(*rt->fetchers));
		if (rt->fetchers == NULL) {
			log_err("runtime: cannot allocate %zu fetchers",
			        conf->n_mailboxes);
			return -1;
		}
	}
	for (size_t i = 0; i < conf->n_mailboxes; i++) {
		struct fetcher_shared sh = {rt->rules, rt->out, runtime_queued,
		                            runtime_changed, rt};
		if (fetcher_start(&rt->fetchers[i], conf, &conf->mailboxes[i],
		                  &sh) == -1) {
			log_err("runtime: cannot start the fetcher thread "
			        "mailbox=%s; stopping the others",
			        conf->mailboxes[i].name);
			runtime_stop_threads(rt, 0);
			return -1;
		}
		rt->n_fetchers++;
	}
	if (conf->n_mailboxes == 0)
		log_warnx("runtime: no mailboxes configured; no mail will be "
		          "fetched");
	if (sender_start(&rt->sender, conf) == -1) {
		log_err("runtime: cannot start the sender thread; stopping the "
		        "fetchers");
		runtime_stop_threads(rt, 0);
		return -1;
	}
	rt->sender_running = 1;
	if (runtime_start_scheduler(rt) != 0 ||
	    runtime_start_metrics_writer(rt) != 0) {
		runtime_stop_threads(rt, 0);
		return -1;
	}
	return 0;
}

/*
 * What the threads share, built from conf: the extract and classification
 * rules and the outbound templates.  0, or -1 after logging why (nothing
 * kept).
 */
static int
runtime_prepare(const struct conf *conf, const unsigned char *secret,
                struct ingest_rules **rules_r, struct outbound_config **out_r)
{
	char err[600];

	if ((*rules_r = ingest_rules_new(conf, err, sizeof(err))) == NULL) {
		log_errx("runtime: cannot compile the rules: %s", err);
		return -1;
	}
	if ((*out_r = outbound_config_new(conf, err, sizeof(err))) == NULL) {
		log_errx("runtime: cannot load the mail templates: %s", err);
		ingest_rules_free(*rules_r);
		return -1;
	}
	outbound_set_secret(*out_r, secret);
	return 0;
}

/* Times in mail and notices read in the desk's time zone. */
static void
runtime_set_timezone(const struct conf *conf)
{
	setenv("TZ", conf->desk.timezone, 1);
	tzset();
}

static void
runtime_free_shared(struct runtime *rt)
{
	ingest_rules_free(rt->rules);
	outbound_config_free(rt->out);
	rt->rules = NULL;
	rt->out = NULL;
}

int
runtime_start(struct runtime *rt, struct conf *conf,
              const unsigned char secret[STORE_SECRET_SIZE])
{
	memset(rt, 0, sizeof(*rt));
	rt->conf = conf;
	memcpy(rt->secret, secret, STORE_SECRET_SIZE);
	runtime_set_timezone(conf);
	if (runtime_prepare(conf, rt->secret, &rt->rules, &rt->out) != 0 ||
	    runtime_start_threads(rt) == -1) {
		runtime_free_shared(rt);
		conf_free(rt->conf);
		rt->conf = NULL;
		return -1;
	}
	return 0;
}

void
runtime_stop(struct runtime *rt)
{
	/* A stuck thread may still read these; the process is ending. */
	if (runtime_stop_threads(rt, RUNTIME_STOP_GRACE_MS) != 0)
		return;
	runtime_free_shared(rt);
	conf_free(rt->conf);
	rt->conf = NULL;
}

void
runtime_wake(struct runtime *rt)
{
	for (size_t i = 0; i < rt->n_fetchers; i++)
		fetcher_wake(&rt->fetchers[i]);
	if (rt->sender_running)
		sender_retry_now(&rt->sender);
}

void
runtime_wake_scheduler(struct runtime *rt)
{
	if (rt->scheduler_running)
		scheduler_wake(&rt->scheduler);
}

/* Settings the running process cannot change without a restart. */
static int
runtime_reload_allowed(const struct conf *old, const struct conf *new)
{
	if (strcmp(old->store.path, new->store.path) != 0) {
		log_errx("runtime: reload refused: store.path changed; moving "
		         "the database needs a restart; keeping the running "
		         "configuration event=config.rejected");
		return 0;
	}
	return 1;
}

enum runtime_reload_result
runtime_reload(struct runtime *rt)
{
	struct conf_errors errors = {0};
	struct conf *new = conf_load_all(rt->conf->path, &errors);
	struct ingest_rules *rules;
	struct outbound_config *out;
	char qpath[PATH_MAX];

	if (new == NULL) {
		for (size_t i = 0; i < errors.n; i++)
			log_errx("config: %s", errors.v[i]);
		log_errx(
		    "runtime: reload failed event=config.rejected "
		    "file=%s errors=%zu; keeping the running configuration",
		    log_quote(qpath, sizeof(qpath), rt->conf->path), errors.n);
		conf_errors_free(&errors);
		return RUNTIME_KEPT;
	}
	if (!runtime_reload_allowed(rt->conf, new) ||
	    runtime_prepare(new, rt->secret, &rules, &out) != 0) {
		conf_free(new);
		return RUNTIME_KEPT;
	}
	runtime_stop_threads(rt, 0);
	runtime_free_shared(rt);
	conf_free(rt->conf);
	rt->conf = new;
	rt->rules = rules;
	rt->out = out;
	runtime_set_timezone(new);
	log_set_level(new->log.level);
	if (runtime_start_threads(rt) == -1)
		return RUNTIME_FAILED;
	log_info("runtime: configuration reloaded event=config.reloaded "
	         "file=%s mailboxes=%zu log_level=%s",
	         log_quote(qpath, sizeof(qpath), new->path), new->n_mailboxes,
	         log_level_name(new->log.level));
	return RUNTIME_RELOADED;
}

const char *
runtime_status(const struct runtime *rt, char *buf, size_t size)
{
	snprintf(buf, size, "Serving %zu mailbox%s for %s", rt->n_fetchers,
	         rt->n_fetchers == 1 ? "" : "es", rt->conf->desk.name);
	return buf;
}
