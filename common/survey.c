/*
 * survey: scheduling and sending satisfaction surveys; see survey.h.
 */
#include "survey.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A rate-limited address gets its survey this much later. */
#define SURVEY_RETRY_AFTER 3600

int
survey_status_changed(struct store *store, const struct conf *conf,
                      long long ticket, const char *status, long long now)
{
	char detail[64];
	int rc;

	if (strcmp(status, "closed") != 0 || !conf->survey.enabled)
		return 0;
	if ((rc = store_survey_schedule(store, ticket,
	                                now + conf->survey.delay)) <= 0)
		return rc;
	snprintf(detail, sizeof(detail), "due in %lds", conf->survey.delay);
	return store_event_add(store, ticket, now, "survey.scheduled",
	                       "complaintd", detail, NULL) < 0
	           ? -1
	           : 0;
}

/* Why t's customer gets no survey now (static text, particulars into
 * detail), or NULL; *later when it is only this hour's limit.  0/-1. */
static int
survey_refusal(struct store *store, const struct conf *conf,
               const struct outbound_config *ocfg, const struct store_ticket *t,
               long long now, const char **why, bool *later, char *detail,
               size_t size)
{
	struct store_customer c;
	long long into = 0, recent = 0;
	int rc;

	*why = NULL;
	*later = false;
	if (!conf->survey.enabled)
		*why = "surveys are off";
	else if (strcmp(t->status, "closed") != 0)
		*why = "the ticket was reopened";
	else if ((rc = store_ticket_merged_into(store, t->id, &into)) != 0) {
		if (rc < 0)
			return -1;
		*why = "the ticket was merged";
		snprintf(detail, size, "into #%lld", into);
	}
	if (*why != NULL)
		return 0;
	if ((rc = store_customer_get(store, t->customer_id, &c)) < 0)
		return -1;
	if (rc == 1 && c.surveys_off)
		*why = "the customer asked for no surveys";
	store_customer_clear(&c);
	if (*why != NULL)
		return 0;
	if (store_survey_count_sent(store, t->customer_address,
	                            now - conf->survey.throttle, &recent) != 0)
		return -1;
	if (recent > 0) {
		*why = "the customer had a survey lately";
		snprintf(detail, size, "within %lds", conf->survey.throttle);
		return 0;
	}
	/* Last: only this hour's limit is worth waiting for. */
	if (outbound_auto_refusal(store, ocfg, t->customer_address, now, why,
	                          detail, size) != 0)
		return -1;
	*later = *why != NULL && strcmp(*why, OUTBOUND_TOO_MANY) == 0;
	return 0;
}

static int
survey_skip(struct store *store, const struct store_ticket *t, const char *why,
            const char *detail, long long now)
{
	char text[320];

	snprintf(text, sizeof(text), "%s%s%s", why, detail[0] ? ": " : "",
	         detail);
	log_info("survey: not sent event=survey.skipped ticket=%lld "
	         "reason=\"%s\"",
	         t->id, text);
	if (store_survey_skip(store, t->id, text) != 0 ||
	    store_event_add(store, t->id, now, "survey.skipped", "complaintd",
	                    text, NULL) < 0)
		return -1;
	return 0;
}

/* Sends or skips ticket's due survey; counts it in res. */
static int
survey_one(struct store *store, const struct conf *conf,
           const struct outbound_config *ocfg, long long ticket, long long now,
           struct survey_run_result *res)
{
	struct store_ticket t;
	char detail[256] = "", msgid[320] = "";
	const char *why;
	bool later;
	int rc = store_ticket_get(store, ticket, &t);

	if (rc <= 0)
		return rc < 0
		           ? -1
		           : store_survey_skip(store, ticket, "no such ticket");
	rc = survey_refusal(store, conf, ocfg, &t, now, &why, &later, detail,
	                    sizeof(detail));
	if (rc == 0 && later) {
		res->postponed++;
		log_info("survey: postponed event=survey.postponed ticket=%lld "
		         "reason=\"%s: %s\" retry_in=%ds",
		         ticket, why, detail, SURVEY_RETRY_AFTER);
		rc = store_survey_postpone(store, ticket,
		                           now + SURVEY_RETRY_AFTER);
	} else if (rc == 0 && why == NULL) {
		rc = outbound_survey(store, ocfg, &t, now, msgid, sizeof(msgid),
		                     detail, sizeof(detail));
		if (rc == 1)
			why = "the address cannot be written to";
	}
	if (rc >= 0 && why != NULL && !later) {
		res->skipped++;
		rc = survey_skip(store, &t, why, detail, now);
	} else if (rc == 0 && !later) {
		res->sent++;
		rc = store_survey_sent(store, ticket, t.customer_address, msgid,
		                       now);
		log_info("survey: queued event=survey.queued ticket=%lld "
		         "to=%s",
		         ticket, t.customer_address);
	}
	store_ticket_clear(&t);
	return rc < 0 ? -1 : 0;
}

int
survey_run(struct store *store, const struct conf *conf,
           const struct outbound_config *ocfg, long long now, size_t max,
           struct survey_run_result *res)
{
	long long tickets[64];
	size_t n;

	memset(res, 0, sizeof(*res));
	if (max > sizeof(tickets) / sizeof(*tickets))
		max = sizeof(tickets) / sizeof(*tickets);
	if (store_survey_due(store, now, tickets, max, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (survey_one(store, conf, ocfg, tickets[i], now, res) != 0)
			return -1;
	res->more = n == max;
	return 0;
}
