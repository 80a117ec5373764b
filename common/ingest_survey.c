/*
 * ingest_survey: a customer's answer to a satisfaction survey.  It is
 * recognised before threading — by the survey's signed reference in the
 * subject (the one-click links put it there), or by In-Reply-To or
 * References naming the survey mail — so an answer about a ticket merged
 * since still lands on that ticket's survey.  It is recorded on the
 * survey and kept in the thread; it never opens or reopens a ticket by
 * itself.  A low rating tells the team's lead, or reopens the ticket
 * (survey.on_low); "unsubscribe" ends surveys for the customer.
 */
#include "ingest.h"
#include "ingest_p.h"

#include "log.h"
#include "sla_ticket.h"
#include "survey_answer.h"
#include "text.h"
#include "threadref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ticket a sent survey msg names, or 0. */
static int
ingest_survey_named(struct store *store, const struct ingest_config *cfg,
                    const struct mime_message *msg, long long *ticket_r)
{
	const char *subject = msg->subject ? msg->subject : "";
	int rc;

	*ticket_r =
	    threadref_survey_find(cfg->secret, sizeof(cfg->secret), subject);
	if (*ticket_r > 0)
		return 1;
	if ((rc = store_survey_by_message(store, msg->in_reply_to, ticket_r)) !=
	    0)
		return rc;
	for (size_t i = msg->references.n; i-- > 0;)
		if ((rc = store_survey_by_message(store, msg->references.v[i],
		                                  ticket_r)) != 0)
			return rc;
	return 0;
}

int
ingest_survey_find(struct store *store, const struct ingest_config *cfg,
                   const struct mime_message *msg, long long now,
                   long long *ticket_r)
{
	const struct conf *conf = cfg->triage.conf;
	struct store_survey s;
	int rc;

	*ticket_r = 0;
	/* An out-of-office answer to the survey is no rating. */
	if (msg->auto_flags != 0 || conf == NULL)
		return 0;
	if ((rc = ingest_survey_named(store, cfg, msg, ticket_r)) != 1)
		return rc;
	if ((rc = store_survey_get(store, *ticket_r, &s)) < 0)
		return -1;
	/* Only a survey that went out, and not too long ago. */
	rc = rc == 1 && s.sent >= 0 && now - s.sent <= conf->survey.answer_for;
	store_survey_clear(&s);
	if (!rc)
		*ticket_r = 0;
	return rc;
}

/* What "low" is judged on: the rating, else the mean of the aspects;
 * -1 none. */
static double
ingest_survey_score(const struct store_survey *s)
{
	return s->rating > 0 ? s->rating : s->composite;
}

/* Reopens ticket for a low answer; 0 or -1. */
static int
ingest_survey_reopen(struct store *store, const struct ingest_config *cfg,
                     long long ticket, const char *why, long long now)
{
	struct store_ticket t;
	char detail[160];
	int rc = store_ticket_get(store, ticket, &t);

	if (rc != 1)
		return rc;
	rc = 0;
	if (strcmp(t.status, "closed") == 0 ||
	    strcmp(t.status, "resolved") == 0) {
		snprintf(detail, sizeof(detail), "%s -> open: %s", t.status,
		         why);
		rc = store_ticket_set_status(store, ticket, "open", now) != 0 ||
		             store_event_add(store, ticket, now,
		                             "ticket.reopened", "complaintd",
		                             detail, NULL) < 0 ||
		             (cfg->sla != NULL &&
		              sla_ticket_status(store, cfg->sla, ticket, now) !=
		                  0)
		         ? -1
		         : 0;
	}
	store_ticket_clear(&t);
	return rc;
}

/* The team lead (else manager) of ticket's team gets the low answer. */
static int
ingest_survey_tell_lead(struct store *store, const struct ingest_config *cfg,
                        long long ticket, const struct store_survey *s,
                        long long now)
{
	const struct conf *conf = cfg->triage.conf;
	const struct conf_team *team;
	const struct conf_agent *to = NULL;
	struct store_ticket t;
	int rc = store_ticket_get(store, ticket, &t);

	if (rc != 1)
		return rc;
	team = t.team ? conf_team_find(conf, t.team) : NULL;
	if (team != NULL)
		to = conf_agent_find(conf, team->lead      ? team->lead
		                           : team->manager ? team->manager
		                                           : "");
	if (to != NULL && cfg->out != NULL)
		rc = outbound_survey_low(store, cfg->out, &t, to, s, now);
	else
		log_warnx("survey: low rating event=survey.low ticket=%lld: "
		          "the ticket's team has no lead or manager to tell",
		          ticket);
	store_ticket_clear(&t);
	return rc < 0 ? -1 : 0;
}

/* Once per ticket (the event key): a low answer's consequence. */
static int
ingest_survey_low(struct store *store, const struct ingest_config *cfg,
                  long long ticket, long long now)
{
	const struct conf_survey *sv = &cfg->triage.conf->survey;
	struct store_survey s;
	char key[48], detail[64];
	int rc = store_survey_get(store, ticket, &s);
	double score = rc == 1 ? ingest_survey_score(&s) : -1;

	if (rc != 1 || score < 0 || score > sv->low_rating) {
		store_survey_clear(&s);
		return rc < 0 ? -1 : 0;
	}
	snprintf(key, sizeof(key), "survey.low:%lld", ticket);
	snprintf(detail, sizeof(detail), "score %.1f at or below %d: %s", score,
	         sv->low_rating,
	         sv->on_low == CONF_SURVEY_REOPEN ? "reopen" : "notify");
	rc = store_event_add(store, ticket, now, "survey.low", "complaintd",
	                     detail, key);
	if (rc == 0)
		rc = sv->on_low == CONF_SURVEY_REOPEN
		         ? ingest_survey_reopen(store, cfg, ticket,
		                                "low survey rating", now)
		         : ingest_survey_tell_lead(store, cfg, ticket, &s, now);
	store_survey_clear(&s);
	return rc < 0 ? -1 : 0;
}

/* "unsubscribe": no more surveys for ticket's customer. */
static int
ingest_survey_opt_out(struct store *store, long long ticket, long long now)
{
	struct store_customer_change off = {.attention_until = -1,
	                                    .surveys_off = 1};
	struct store_ticket t;
	int rc = store_ticket_get(store, ticket, &t);

	if (rc == 1)
		rc = store_customer_update(store, t.customer_id, &off) != 0 ||
		             store_event_add(
		                 store, ticket, now, "survey.unsubscribed",
		                 "complaintd", t.customer_address, NULL) < 0
		         ? -1
		         : 1;
	store_ticket_clear(&t);
	return rc < 0 ? -1 : 0;
}

/* "rating=4 nps=9 aspects=4/5/3 comment=yes" for the audit trail. */
static void
ingest_survey_detail(const struct survey_answer *a, char *buf, size_t size)
{
	int o = snprintf(buf, size, "rating=%d", a->rating);

	if (a->nps >= 0 && o > 0 && (size_t)o < size)
		o += snprintf(buf + o, size - (size_t)o, " nps=%d", a->nps);
	if (survey_answer_composite(a) >= 0 && o > 0 && (size_t)o < size)
		o += snprintf(buf + o, size - (size_t)o,
		              " speed=%d result=%d overall=%d", a->speed,
		              a->result, a->overall);
	if (o > 0 && (size_t)o < size)
		snprintf(buf + o, size - (size_t)o, " comment=%s",
		         a->comment ? "yes" : "no");
}

int
ingest_survey_answer(struct store *store, const struct ingest_config *cfg,
                     const struct mime_message *msg, long long ticket,
                     long long now)
{
	char *text = text_strip_quoted(msg->text ? msg->text : "");
	struct survey_answer a;
	char detail[160];
	int rc;

	if (text == NULL || survey_answer_parse(msg->subject, text, &a) != 0) {
		free(text);
		log_errx("survey: out of memory reading the answer on ticket "
		         "%lld; the mail is fetched again later",
		         ticket);
		return -1;
	}
	free(text);
	if (a.unsubscribe) {
		survey_answer_clear(&a);
		return ingest_survey_opt_out(store, ticket, now);
	}
	struct store_survey_answer sa = {
	    .rating = a.rating,
	    .nps = a.nps,
	    .speed = a.speed,
	    .result = a.result,
	    .overall = a.overall,
	    .comment = a.comment,
	};
	ingest_survey_detail(&a, detail, sizeof(detail));
	rc = store_survey_answer(store, ticket, &sa, now) != 0 ||
	             store_event_add(store, ticket, now, "survey.answered",
	                             "customer", detail, NULL) < 0
	         ? -1
	         : ingest_survey_low(store, cfg, ticket, now);
	survey_answer_clear(&a);
	return rc;
}
