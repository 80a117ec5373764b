/*
 * ingest_agent: mail an agent writes into a ticket's thread — their
 * answer to our notice, say — is the agent's work, not the customer's:
 * commands in its first lines ("#status resolved", "#assign bob") are
 * applied, "#note" keeps the rest as an internal note, and otherwise the
 * text (the quoted notice stripped) is relayed to the customer as the
 * agent's reply, threaded to the customer's latest mail.  Only a From
 * that is a configured agent's address counts; anyone else who writes
 * into the thread is customer mail.
 */
#include "ingest.h"
#include "ingest_p.h"

#include "status.h"
#include "survey.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct conf_agent *
ingest_agent_of(const struct ingest_config *cfg, const char *sender)
{
	const struct conf *conf = cfg->triage.conf;

	for (size_t i = 0; conf != NULL && sender != NULL && i < conf->n_agents;
	     i++)
		if (strcasecmp(conf->agents[i].address, sender) == 0)
			return &conf->agents[i];
	return NULL;
}

struct mime_message *
ingest_customer_mail(struct store *store, long long ticket)
{
	struct store_message *msgs = NULL;
	struct mime_message *msg = NULL;
	struct store_ticket t;
	struct mime_limits limits;
	size_t n = 0, len;
	char *raw = NULL;

	if (store_ticket_get(store, ticket, &t) != 1)
		return NULL;
	if (store_ticket_messages(store, ticket, &msgs, &n) == 0) {
		for (size_t i = n; i-- > 0;) {
			if (strcmp(msgs[i].direction, "in") != 0 ||
			    msgs[i].from_addr == NULL ||
			    t.customer_address == NULL ||
			    strcasecmp(msgs[i].from_addr, t.customer_address) !=
			        0)
				continue;
			if (store_message_raw(store, msgs[i].id, &raw, &len) ==
			    1) {
				mime_limits_default(&limits);
				msg = mime_parse(raw, len, &limits);
			}
			free(raw);
			break;
		}
	}
	store_messages_free(msgs, n);
	store_ticket_clear(&t);
	return msg;
}

int
ingest_agent_reply(struct store *store, const struct ingest_config *cfg,
                   const struct conf_agent *agent, long long ticket,
                   const char *text, long long now, long long *outbox_id,
                   char *why, size_t why_size)
{
	struct store_ticket t;
	struct mime_message *msg;
	int rc;

	if ((rc = store_ticket_get(store, ticket, &t)) != 1)
		return rc < 0 ? -1 : 1;
	if (strcmp(t.status, "closed") == 0) {
		snprintf(why, why_size, "the ticket is closed");
		store_ticket_clear(&t);
		return 2;
	}
	struct outbound_cause c;

	msg = ingest_customer_mail(store, ticket);
	outbound_cause_of_ticket(&t, msg, &c);
	rc = outbound_agent_reply(store, cfg->out, &c, agent, text, now,
	                          outbox_id, why, why_size);
	mime_message_free(msg);
	/* The first reply opens a new ticket and is its first response. */
	if (rc == 0 &&
	    (store_event_add(store, ticket, now, "reply", agent->name, text,
	                     NULL) < 0 ||
	     (strcmp(t.status, "new") == 0 &&
	      (store_ticket_set_status(store, ticket, "open", now) != 0 ||
	       store_event_add(store, ticket, now, "ticket.status", agent->name,
	                       "new -> open", NULL) < 0)) ||
	     (cfg->sla != NULL &&
	      sla_ticket_agent_reply(store, cfg->sla, ticket, now) != 0)))
		rc = -1;
	store_ticket_clear(&t);
	return rc;
}

/* The agent's text to the customer from their mail; a reply that cannot
 * go is an event saying why.  0 or -1. */
static int
ingest_agent_relay(struct store *store, const struct ingest_config *cfg,
                   const struct conf_agent *agent, long long ticket,
                   const char *text, long long now)
{
	char why[256] = "", detail[320];
	long long id;
	int rc;

	if (cfg->out == NULL)
		return 0;
	rc = ingest_agent_reply(store, cfg, agent, ticket, text, now, &id, why,
	                        sizeof(why));
	if (rc <= 0)
		return rc;
	snprintf(detail, sizeof(detail), "not sent to the customer: %s", why);
	return store_event_add(store, ticket, now, "agent.reply.refused",
	                       agent->name, detail, NULL) < 0
	           ? -1
	           : 0;
}

/* The word after "#command" on line, into buf; false when none. */
static bool
ingest_agent_word(const char *line, size_t skip, char *buf, size_t size)
{
	const char *p = line + skip;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strcspn(p, " \t\r\n");
	if (n == 0 || n >= size)
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

/* "#status X": the move an agent could make with complaintctl.  1 done,
 * 0 refused, -1 store. */
static int
ingest_agent_status(struct store *store, const struct ingest_config *cfg,
                    const struct conf_agent *agent, long long ticket, char *to,
                    long long now)
{
	struct store_ticket t;
	char detail[160];
	bool allowed;
	int rc;

	for (char *p = to; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if ((rc = store_ticket_get(store, ticket, &t)) != 1)
		return rc;
	allowed = status_move_allowed(t.status, to);
	snprintf(detail, sizeof(detail), "%s -> %s (by mail)", t.status, to);
	store_ticket_clear(&t);
	if (!allowed)
		return 0;
	if (store_ticket_set_status(store, ticket, to, now) != 0 ||
	    store_event_add(store, ticket, now, "ticket.status", agent->name,
	                    detail, NULL) < 0 ||
	    (cfg->sla != NULL &&
	     sla_ticket_status(store, cfg->sla, ticket, now) != 0) ||
	    survey_status_changed(store, cfg->triage.conf, ticket, to, now) !=
	        0)
		return -1;
	return 1;
}

/* "#assign NAME": to a configured agent.  1 done, 0 refused, -1. */
static int
ingest_agent_assign(struct store *store, const struct ingest_config *cfg,
                    const struct conf_agent *agent, long long ticket,
                    const char *to, long long now)
{
	char detail[96];

	if (conf_agent_find(cfg->triage.conf, to) == NULL)
		return 0;
	snprintf(detail, sizeof(detail), "to %s (by mail)", to);
	if (store_ticket_set_assignee(store, ticket, to, now) < 0 ||
	    store_event_add(store, ticket, now, "ticket.assigned", agent->name,
	                    detail, NULL) < 0)
		return -1;
	return 1;
}

/* One "#..." line applied to the ticket; one the desk does not know or
 * cannot do is an event that says so.  0 or -1 (store). */
static int
ingest_agent_command(struct store *store, const struct ingest_config *cfg,
                     const struct conf_agent *agent, long long ticket,
                     const char *line, long long now)
{
	char word[64], detail[160];
	int rc = 0;

	if (strncasecmp(line, "#status", 7) == 0 &&
	    ingest_agent_word(line, 7, word, sizeof(word)))
		rc = ingest_agent_status(store, cfg, agent, ticket, word, now);
	else if (strncasecmp(line, "#assign", 7) == 0 &&
	         ingest_agent_word(line, 7, word, sizeof(word)))
		rc = ingest_agent_assign(store, cfg, agent, ticket, word, now);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	snprintf(detail, sizeof(detail),
	         "%.*s: not a command this desk knows or can do now",
	         (int)strcspn(line, "\r\n"), line);
	return store_event_add(store, ticket, now, "agent.command.refused",
	                       agent->name, detail, NULL) < 0
	           ? -1
	           : 0;
}

/*
 * The agent's commands (the "#" lines at the top) applied; *rest_r points
 * past them into text, *note_r says "#note" was one.  0 or -1.
 */
static int
ingest_agent_commands(struct store *store, const struct ingest_config *cfg,
                      const struct conf_agent *agent, long long ticket,
                      const char *text, long long now, const char **rest_r,
                      bool *note_r)
{
	const char *p = text;

	*note_r = false;
	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p != '#')
			break;
		if (strncasecmp(p, "#note", 5) == 0 &&
		    strchr(" \t\r\n", p[5]) != NULL)
			*note_r = true;
		else if (ingest_agent_command(store, cfg, agent, ticket, p,
		                              now) != 0)
			return -1;
		p += strcspn(p, "\n");
	}
	*rest_r = p;
	return 0;
}

/* 1 when msg answers one of the desk's mails about many tickets (a
 * surge alert, an SLA digest), 0 not, -1. */
static int
ingest_agent_answers_alert(struct store *store, const struct mime_message *msg)
{
	char kind[32] = "";
	int rc =
	    store_message_kind(store, msg->in_reply_to, kind, sizeof(kind));

	if (rc != 1)
		return rc;
	return strcmp(kind, "surge_alert") == 0 ||
	       strcmp(kind, "sla_digest") == 0;
}

int
ingest_agent_mail(struct store *store, const struct ingest_config *cfg,
                  const struct conf_agent *agent, long long ticket,
                  const struct mime_message *msg, long long now)
{
	char *text = text_strip_quoted(msg->text ? msg->text : "");
	const char *rest;
	bool note;
	int rc = -1;

	if (text == NULL)
		return -1;
	/* An early-warning alert or an SLA digest is about many tickets
	 * and sits in one of their threads: an answer to it is no work on
	 * that ticket and must never reach its customer. */
	if ((rc = ingest_agent_answers_alert(store, msg)) != 0) {
		if (rc == 1)
			rc = store_event_add(store, ticket, now, "note",
			                     agent->name, text, NULL) < 0
			         ? -1
			         : 0;
		goto out;
	}
	if (ingest_agent_commands(store, cfg, agent, ticket, text, now, &rest,
	                          &note) != 0)
		goto out;
	rc = 0;
	if (*rest == '\0')
		goto out;
	if (note) {
		rc = store_event_add(store, ticket, now, "note", agent->name,
		                     rest, NULL) < 0
		         ? -1
		         : 0;
		goto out;
	}
	rc = ingest_agent_relay(store, cfg, agent, ticket, rest, now);
out:
	free(text);
	return rc;
}
