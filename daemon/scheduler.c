/*
 * scheduler: SLA time and surveys; see scheduler.h.
 */
#include "scheduler.h"

#include "log.h"
#include "sla_ticket.h"
#include "store.h"
#include "surge.h"
#include "survey.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The longest sleep: a wake-up lost (complaintctl could not signal us)
 * or a clock set back costs at most this much lateness. */
#define SCHEDULER_MAX_SLEEP_MS (5L * 60 * 1000)

/* Surveys sent (or skipped) per run: each writes a mail. */
#define SCHEDULER_SURVEYS 32

/* After a change of policies or calendars every ticket that is not
 * closed is computed again, a page per transaction. */
static int
scheduler_refresh(struct scheduler *s, struct store *store)
{
	long long stored = -1, hash = (long long)sla_desk_hash(s->desk);
	long long after = 0;
	size_t n, total = 0;

	if (!sla_desk_active(s->desk))
		return 0;
	if (store_setting_get_int(store, "sla_config_hash", &stored) < 0)
		return -1;
	if (stored == hash)
		return 0;
	do {
		if (store_begin(store) != 0)
			return -1;
		if (sla_refresh_page(store, s->desk, &after, &n) != 0) {
			store_rollback(store);
			return -1;
		}
		if (store_commit(store) != 0)
			return -1;
		total += n;
	} while (n > 0 && !worker_stopping(&s->worker));
	if (worker_stopping(&s->worker))
		return 0;
	log_info("scheduler: policies applied event=sla.recomputed tickets=%zu",
	         total);
	return store_setting_put_int(store, "sla_config_hash", hash);
}

enum scheduler_ran {
	SCHEDULER_DONE,   /* sleep until the next event */
	SCHEDULER_MORE,   /* more is due at once */
	SCHEDULER_FAILED, /* the store failed: wait a little */
};

/* One run over what is due; *wrote set when it recorded something. */
static enum scheduler_ran
scheduler_tick(struct scheduler *s, struct store *store, bool *wrote)
{
	struct sla_tick_result res;
	struct survey_run_result sv;
	struct surge_run_result sg;
	long long now = time(NULL);

	if (store_begin(store) != 0) {
		log_errx("scheduler: %s; trying again in 10s",
		         store_error(store));
		return SCHEDULER_FAILED;
	}
	memset(&res, 0, sizeof(res));
	if ((sla_desk_active(s->desk) &&
	     sla_tick(store, s->desk, s->out, now, &res) != 0) ||
	    survey_run(store, s->conf, s->out, now, SCHEDULER_SURVEYS, &sv) !=
	        0 ||
	    surge_run(store, s->conf, s->out, now, &sg) != 0) {
		log_errx("scheduler: %s; nothing recorded, trying again in "
		         "10s",
		         store_error(store));
		store_rollback(store);
		return SCHEDULER_FAILED;
	}
	if (store_commit(store) != 0) {
		log_errx("scheduler: %s; trying again in 10s",
		         store_error(store));
		return SCHEDULER_FAILED;
	}
	*wrote |= res.events > 0 || res.notices > 0 || sv.sent > 0 ||
	          sv.skipped > 0 || sv.postponed > 0 || sg.opened > 0 ||
	          sg.closed > 0;
	if (res.events > 0)
		log_debug(
		    "scheduler: run event=sla.tick tickets=%zu events=%zu "
		    "notices=%zu",
		    res.tickets, res.events, res.notices);
	if ((res.notices > 0 || sv.sent > 0 || sg.alerts > 0) &&
	    s->queued != NULL)
		s->queued(s->queued_arg);
	return res.more || sv.more ? SCHEDULER_MORE : SCHEDULER_DONE;
}

/* The WAL copied back, outside any run's commit (see scheduler_run). */
static void
scheduler_checkpoint(struct store *store)
{
	if (store_checkpoint(store) != 0)
		log_warnx("scheduler: %s; the WAL is checkpointed by the "
		          "other threads' commits meanwhile",
		          store_error(store));
}

/* Until the next SLA event, survey or surge check, at most
 * SCHEDULER_MAX_SLEEP_MS. */
static long
scheduler_sleep_ms(struct scheduler *s, struct store *store)
{
	long long at, survey, surge, now = time(NULL);

	if (store_sla_next_due(store, &at) != 0 ||
	    store_survey_next(store, &survey) != 0 ||
	    surge_next_check(store, s->conf, &surge) != 0) {
		log_errx("scheduler: %s", store_error(store));
		return 10000;
	}
	if (survey >= 0 && (at < 0 || survey < at))
		at = survey;
	if (surge >= 0 && (at < 0 || surge < at))
		at = surge;
	if (at < 0 || (at - now) * 1000 > SCHEDULER_MAX_SLEEP_MS)
		return SCHEDULER_MAX_SLEEP_MS;
	return at <= now ? 0 : (long)(at - now) * 1000;
}

static void
scheduler_run(struct worker *w)
{
	struct scheduler *s = w->arg;
	struct store *store;
	char *err = NULL;
	bool wrote = false;
	unsigned backlog = 0;

	while ((store = store_open(s->conf->store.path, &err)) == NULL) {
		log_errx("scheduler: %s; retrying in 10s",
		         err ? err : "no store");
		free(err);
		err = NULL;
		if (worker_wait(w, 10000) == WORKER_STOPPING)
			return;
	}
	/* Runs keep their write lock short: the WAL is checkpointed when
	 * the scheduler goes to sleep, not inside a run's commit. */
	if (store_autocheckpoint(store, false) != 0)
		log_warnx("scheduler: %s", store_error(store));
	log_info("scheduler: started event=scheduler.started policies=%zu "
	         "calendars=%zu surveys=%s",
	         s->conf->n_policies, s->conf->n_calendars,
	         s->conf->survey.enabled ? "yes" : "no");
	if (scheduler_refresh(s, store) != 0)
		log_errx(
		    "scheduler: cannot apply the policies to open tickets: "
		    "%s; their deadlines stay as they were",
		    store_error(store));
	while (!worker_stopping(w)) {
		enum scheduler_ran ran = scheduler_tick(s, store, &wrote);
		long sleep_ms;
		/* A long backlog checkpoints on the way, so the WAL stays
		 * small. */
		if (ran == SCHEDULER_MORE && ++backlog % 32 == 0)
			scheduler_checkpoint(store);
		if (ran == SCHEDULER_MORE)
			continue;
		backlog = 0;
		sleep_ms = ran == SCHEDULER_FAILED
		               ? 10000
		               : scheduler_sleep_ms(s, store);
		if (wrote && sleep_ms > 0)
			scheduler_checkpoint(store);
		wrote = wrote && sleep_ms == 0;
		worker_wait(w, sleep_ms);
	}
	store_close(store);
	log_info("scheduler: stopped event=scheduler.stopped");
}

int
scheduler_start(struct scheduler *s, const struct conf *conf,
                const struct sla_desk *desk, const struct outbound_config *out,
                void (*queued)(void *arg), void *queued_arg)
{
	s->conf = conf;
	s->desk = desk;
	s->out = out;
	s->queued = queued;
	s->queued_arg = queued_arg;
	return worker_start(&s->worker, "scheduler", scheduler_run, s);
}

void
scheduler_wake(struct scheduler *s)
{
	worker_wake(&s->worker);
}

void
scheduler_stop(struct scheduler *s)
{
	worker_stop(&s->worker);
}

void
scheduler_join(struct scheduler *s)
{
	worker_join(&s->worker);
}

int
scheduler_join_timeout(struct scheduler *s, long timeout_ms)
{
	return worker_join_timeout(&s->worker, timeout_ms);
}
