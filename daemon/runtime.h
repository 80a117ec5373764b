/*
 * runtime: the running desk — the configuration in force and the threads
 * it started (one fetcher per mailbox, one sender).  A reload builds the
 * new configuration first and only then swaps it in, so a bad file never
 * disturbs the desk that is running.
 */
#ifndef COMPLAINTD_RUNTIME_H
#define COMPLAINTD_RUNTIME_H

#include <stddef.h>

#include "conf.h"
#include "ingest.h"
#include "fetcher.h"
#include "metrics_writer.h"
#include "outbound.h"
#include "scheduler.h"
#include "sender.h"
#include "store.h"

struct runtime {
	struct conf *conf;           /* owned; replaced by runtime_reload */
	struct ingest_rules *rules;  /* owned; compiled from conf */
	struct outbound_config *out; /* owned; templates of conf */
	unsigned char secret[STORE_SECRET_SIZE]; /* the store's */
	struct fetcher *fetchers; /* one per conf->mailboxes, owned */
	size_t n_fetchers;
	struct sender sender;
	int sender_running;
	struct scheduler scheduler;
	int scheduler_running; /* only with SLA policies */
	struct metrics_writer metrics_writer;
	int metrics_writer_running; /* only with metrics.textfile */
};

/*
 * Takes ownership of conf and starts its threads, with the desk's secret
 * (from the store).  Returns 0, or -1 after logging what could not start
 * (nothing is left running then).
 */
int runtime_start(struct runtime *rt, struct conf *conf,
                  const unsigned char secret[STORE_SECRET_SIZE]);

/*
 * Stops and joins every thread and frees the configuration.  A thread
 * stuck in a network call past the grace time is left behind (logged):
 * the process is exiting, and every commit it made is already durable.
 */
void runtime_stop(struct runtime *rt);

/* Every thread looks at its work now (SIGUSR1). */
void runtime_wake(struct runtime *rt);
/* The scheduler looks at the deadlines now (SIGUSR2: complaintctl
 * changed a ticket). */
void runtime_wake_scheduler(struct runtime *rt);

enum runtime_reload_result {
	RUNTIME_RELOADED, /* new configuration in force */
	RUNTIME_KEPT,     /* new file rejected (logged); old one still runs */
	RUNTIME_FAILED,   /* threads could not be restarted; must exit */
};

/* Re-reads the file the running configuration came from. */
enum runtime_reload_result runtime_reload(struct runtime *rt);

/* A one-line STATUS= text for systemd; written into buf, returns buf. */
const char *runtime_status(const struct runtime *rt, char *buf, size_t size);

#endif
