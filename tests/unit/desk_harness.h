/*
 * desk_harness: what the unit tests that run mail through a whole desk
 * share — a store in a temp dir, a configuration file written there and
 * loaded as the daemon loads it, and the outbound and ingest
 * configurations over it.
 */
#ifndef COMPLAINTD_DESK_HARNESS_H
#define COMPLAINTD_DESK_HARNESS_H

#include <limits.h>

#include "conf.h"
#include "ingest.h"
#include "outbound.h"
#include "store.h"

struct desk_harness {
	char dir[PATH_MAX];
	struct store *store;
	struct conf *conf;
	struct ingest_rules *rules;
	struct outbound_config *ocfg;
	struct ingest_config cfg;
	int fed; /* mails a test made, for unique addresses and ids */
};

/* cmocka setup and teardown: *state is a new harness with a fresh
 * store; teardown frees it all and removes the directory. */
int desk_harness_setup(void **state);
int desk_harness_teardown(void **state);

/* Writes text as DIR/complaintd.conf and loads it with the templates and
 * the store's secret; a test fails on any error. */
void desk_harness_load(struct desk_harness *h, const char *text);

/* The outbox rows of kind (NULL: any), oldest first, into *v_r (NULL:
 * not wanted; free with store_outbox_free); their number. */
size_t desk_harness_outbox(struct desk_harness *h, const char *kind,
                           struct store_outbox **v_r);

#endif
