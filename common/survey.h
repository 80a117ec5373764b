/*
 * survey: satisfaction surveys over time.  Closing a ticket schedules its
 * survey at close + survey.delay; when it is due the scheduler sends it —
 * unless the ticket was reopened or merged meanwhile, the customer opted
 * out, their address bounced, or they got a survey within
 * survey.throttle: then it is skipped, with the reason, for good (a
 * ticket closed again is scheduled again).  One survey per ticket.
 */
#ifndef COMPLAINTD_SURVEY_H
#define COMPLAINTD_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "outbound.h"
#include "store.h"

/* Ticket became status at now (any change): closing schedules its
 * survey.  Inside the caller's transaction; 0 or -1. */
int survey_status_changed(struct store *store, const struct conf *conf,
                          long long ticket, const char *status, long long now);

struct survey_run_result {
	size_t sent, skipped, postponed;
	bool more; /* more were due than max */
};

/*
 * Sends or skips the surveys due at now, at most max, inside the
 * caller's transaction; each is logged.  0, or -1 when the store failed.
 */
int survey_run(struct store *store, const struct conf *conf,
               const struct outbound_config *ocfg, long long now, size_t max,
               struct survey_run_result *res);

#endif
