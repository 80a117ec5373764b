/*
 * outbound: the mail the desk sends because mail arrived — the
 * acknowledgement to the customer of a new ticket and the notices to the
 * mailbox's team — decided, written from templates and queued in the
 * outbox inside the caller's transaction, together with a copy in the
 * ticket's thread and an event.  The sender thread delivers it later.
 */
#ifndef COMPLAINTD_OUTBOUND_H
#define COMPLAINTD_OUTBOUND_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "mime.h"
#include "store.h"

struct outbound_config;

/*
 * Loads the templates conf names (every language directory found).
 * Returns the configuration (caller frees with outbound_config_free;
 * borrows conf until then) or NULL with the reason in err.  The secret
 * for our Message-IDs comes from the store: see outbound_set_secret.
 */
struct outbound_config *outbound_config_new(const struct conf *conf, char *err,
                                            size_t err_size);
void outbound_config_free(struct outbound_config *ocfg);
void outbound_set_secret(struct outbound_config *ocfg,
                         const unsigned char key[STORE_SECRET_SIZE]);

/* The customer's mail (or the ticket) that makes the desk write. */
struct outbound_cause {
	long long ticket_id;
	const struct mime_message *msg; /* NULL: no mail (an agent's
	                                   correction); text says what */
	const char *text;               /* NULL: msg's */
	const char *customer_name;      /* NULL: msg's From name */
	const char *sender; /* the customer's address ("" unknown) */
	const char *ticket_subject;
	const char *language;         /* the ticket's */
	const char *order_number;     /* NULL: none */
	const char *expectation;      /* NULL: none */
	const char *mailbox;          /* its name, or "pipe" */
	long long mailbox_first_seen; /* -1: unknown (not from IMAP) */
	long long mailbox_first_uid;  /* 0: unknown; see ingest_source */
	long long uid;                /* the mail's IMAP UID; -1: none */
	long long received;
	long long first_response_due; /* the SLA's; 0 or -1: none, the
	                                 ack promises ack.first_response */
	/* What triage decided, for the notices (NULL: not known). */
	const char *notify_to; /* the assignee's or the team's address;
	                          NULL: no notice */
	const char *category;
	const char *severity;
	const char *team;
	const char *assignee;
	const char *reasons;
	long long priority;
};

/* What outbound writes about stored ticket t, answering msg (NULL: no
 * mail; the text is then empty).  Borrows t and msg. */
void outbound_cause_of_ticket(const struct store_ticket *t,
                              const struct mime_message *msg,
                              struct outbound_cause *c);

/* What was queued, for the log line of the ingested mail. */
struct outbound_result {
	bool ack_queued;
	const char *ack_refusal; /* static text when no ack was sent, NULL
	                            when none was due (a reply) or it was
	                            queued */
	char ack_detail[160];    /* the refusal's particulars */
	int notices;             /* notices queued to the assignee or team */
	int alerts;              /* urgent alerts and repeat notices */
};

/*
 * A new ticket: the acknowledgement (unless a rule says no) and the notice
 * to c->notify_to.  0, or -1 when the store failed.
 */
int outbound_new_ticket(struct store *store, const struct outbound_config *ocfg,
                        const struct outbound_cause *c, long long now,
                        struct outbound_result *res);

/* The customer's reply on a ticket: the notice to c->notify_to.  0 or
 * -1. */
int outbound_customer_reply(struct store *store,
                            const struct outbound_config *ocfg,
                            const struct outbound_cause *c, long long now,
                            struct outbound_result *res);

/*
 * The ticket became urgent: an alert to each of to (the team's lead and
 * manager), with the text and why — once per ticket, whatever happens
 * later (the event "alert.urgent" is the proof, in the same
 * transaction).  0, or -1 when the store failed.
 */
int outbound_urgent_alert(struct store *store,
                          const struct outbound_config *ocfg,
                          const struct outbound_cause *c,
                          const struct conf_agent *const *to, size_t n,
                          long long now, struct outbound_result *res);

/* The customer complains often (recent tickets in the window): a notice
 * to their owner or the team's lead.  0 or -1. */
int outbound_repeat_notice(struct store *store,
                           const struct outbound_config *ocfg,
                           const struct outbound_cause *c,
                           const struct conf_agent *to, long long recent,
                           long long now, struct outbound_result *res);

/*
 * An agent's answer to the customer of c (c->msg: the customer's mail it
 * answers, threaded to it; c->sender: the customer) with agent's text:
 * template "reply" in the customer's language.  Returns 0 queued
 * (*outbox_id), 1 not queued because it cannot be written (why says
 * so), -1 when the store failed.
 */
int outbound_agent_reply(struct store *store,
                         const struct outbound_config *ocfg,
                         const struct outbound_cause *c,
                         const struct conf_agent *agent, const char *text,
                         long long now, long long *outbox_id, char *why,
                         size_t why_size);

/* A ticket handed to agent by hand: the new-ticket notice, to them
 * (c->assignee names them).  0 (also when it cannot be written), -1. */
int outbound_assigned(struct store *store, const struct outbound_config *ocfg,
                      const struct outbound_cause *c,
                      const struct conf_agent *agent, long long now);

/* One SLA event about a ticket, as a notice tells it. */
struct outbound_sla_item {
	long long ticket_id;
	const char *subject, *severity, *category, *assignee, *policy;
	long long priority;
	int clock; /* enum sla_clock */
	int kind;  /* enum sla_kind: warning, breach, escalation */
	int level; /* escalations: 1.. */
	long long due;
};

/*
 * Queues one notice to to_addr about total events, items the first n of
 * them (one event, or a digest of several; the rest are counted), to be
 * sent at send_at (now, or when business hours begin).  Threaded into
 * the first item's ticket.  0 (also when the address cannot be written
 * to: *outbox_id stays -1), -1 when the store failed.
 */
int outbound_sla_notice(struct store *store, const struct outbound_config *ocfg,
                        const char *to_name, const char *to_addr,
                        const struct outbound_sla_item *items, size_t n,
                        size_t total, long long now, long long send_at,
                        long long *outbox_id);

/*
 * Why no automatic mail (acknowledgement, survey) may go to addr now —
 * none, the desk's own, bounced lately, OUTBOUND_TOO_MANY this hour —
 * as static text into *why (particulars into detail), or NULL.  0 or -1.
 */
#define OUTBOUND_TOO_MANY "too many automatic mails this hour"
int outbound_auto_refusal(struct store *store,
                          const struct outbound_config *ocfg, const char *addr,
                          long long now, const char **why, char *detail,
                          size_t detail_size);

/*
 * The satisfaction survey of closed ticket t to its customer: template
 * "survey" in their language, with one-click mailto: links whose subject
 * carries the survey's signed reference (threadref_survey_ref).  0 queued
 * (its Message-ID into msgid), 1 not written (why), -1 when the store
 * failed.
 */
int outbound_survey(struct store *store, const struct outbound_config *ocfg,
                    const struct store_ticket *t, long long now, char *msgid,
                    size_t msgid_size, char *why, size_t why_size);

/* A survey answered at or below the threshold: the notice (template
 * "survey_low") to to, with the answer as stored.  0 or -1. */
int outbound_survey_low(struct store *store, const struct outbound_config *ocfg,
                        const struct store_ticket *t,
                        const struct conf_agent *to,
                        const struct store_survey *answer, long long now);

/* A surge of new complaints as its alert tells it (borrowed). */
struct outbound_surge {
	const char *dimension; /* "category", "product", "mailbox" */
	const char *value;
	bool burst;        /* urgent tickets close together opened it,
	                      else the volume */
	long long count;   /* new tickets in surge.window */
	long long urgent;  /* urgent ones in surge.urgent_window */
	double usual;      /* the usual count per window */
	long long started; /* when the episode opened */
	const struct store_surge_ticket *tickets; /* newest first; the
	                                             first is the thread */
	size_t n;                                 /* listed */
	long long total;                          /* tickets in the surge */
	const char *words;                        /* "refund (6), ..." or "" */
};

/*
 * The early-warning alert (template "surge_alert", the desk's language,
 * auto-generated) to to, threaded into s->tickets[0].  0 queued, 1 not
 * written (why says so: the address, no ticket, no memory), -1 when the
 * store failed.
 */
int outbound_surge_alert(struct store *store,
                         const struct outbound_config *ocfg,
                         const struct outbound_surge *s,
                         const struct conf_agent *to, long long now, char *why,
                         size_t why_size);

/*
 * The delivery status notification msg reports permanent failures: the
 * addresses get no automatic mail for the configured pause.  0 or -1.
 */
int outbound_record_bounces(struct store *store,
                            const struct outbound_config *ocfg,
                            const struct mime_message *msg, long long now);

#endif
