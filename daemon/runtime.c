/*
 * runtime: starting, waking, reloading and stopping the desk's threads.
 */
#include "runtime.h"

#include "log.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
runtime_stop_threads(struct runtime *rt)
{
	for (size_t i = 0; i < rt->n_fetchers; i++)
		fetcher_stop(&rt->fetchers[i]);
	if (rt->sender_running)
		sender_stop(&rt->sender);
	for (size_t i = 0; i < rt->n_fetchers; i++)
		fetcher_join(&rt->fetchers[i]);
	if (rt->sender_running)
		sender_join(&rt->sender);
	free(rt->fetchers);
	rt->fetchers = NULL;
	rt->n_fetchers = 0;
	rt->sender_running = 0;
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
		if (fetcher_start(&rt->fetchers[i], conf,
		                  &conf->mailboxes[i]) == -1) {
			log_err("runtime: cannot start the fetcher thread "
			        "mailbox=%s; stopping the others",
			        conf->mailboxes[i].name);
			runtime_stop_threads(rt);
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
		runtime_stop_threads(rt);
		return -1;
	}
	rt->sender_running = 1;
	return 0;
}

int
runtime_start(struct runtime *rt, struct conf *conf)
{
	memset(rt, 0, sizeof(*rt));
	rt->conf = conf;
	if (runtime_start_threads(rt) == -1) {
		conf_free(rt->conf);
		rt->conf = NULL;
		return -1;
	}
	return 0;
}

void
runtime_stop(struct runtime *rt)
{
	runtime_stop_threads(rt);
	conf_free(rt->conf);
	rt->conf = NULL;
}

void
runtime_wake(struct runtime *rt)
{
	for (size_t i = 0; i < rt->n_fetchers; i++)
		fetcher_wake(&rt->fetchers[i]);
	if (rt->sender_running)
		sender_wake(&rt->sender);
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
	struct conf *new = conf_load(rt->conf->path, &errors);
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
	if (!runtime_reload_allowed(rt->conf, new)) {
		conf_free(new);
		return RUNTIME_KEPT;
	}
	runtime_stop_threads(rt);
	conf_free(rt->conf);
	rt->conf = new;
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
