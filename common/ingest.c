/*
 * ingest: the path of one mail into the store — parse, deduplicate,
 * thread or create, store the message and its attachments, record events
 * and quarantine what did not parse cleanly.
 */
#include "ingest.h"
#include "ingest_p.h"

#include "sha256.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
ingest_result_clear(struct ingest_result *res)
{
	if (res == NULL)
		return;
	if (!res->msg_borrowed)
		mime_message_free(res->msg);
	memset(res, 0, sizeof(*res));
}

/* The address the mail is from: From, else Sender, else Return-Path. */
const char *
ingest_sender(const struct mime_message *msg)
{
	if (msg->from.addr != NULL)
		return msg->from.addr;
	if (msg->sender.addr != NULL)
		return msg->sender.addr;
	return msg->return_path != NULL ? msg->return_path : "";
}

char *
ingest_join(const char *const *v, size_t n, const char *sep)
{
	size_t len = 1, sep_len = strlen(sep);
	char *out, *p;

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + sep_len;
	if ((out = p = malloc(len)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i]);
		if (i > 0) {
			memcpy(p, sep, sep_len);
			p += sep_len;
		}
		memcpy(p, v[i], l);
		p += l;
	}
	*p = '\0';
	return out;
}

static char *
ingest_join_addresses(const struct mime_addresses *list)
{
	const char **v = list->n ? calloc(list->n, sizeof(*v)) : NULL;
	char *out;

	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < list->n; i++)
		v[i] = list->v[i].addr;
	out = ingest_join(v, list->n, ", ");
	free(v);
	return out;
}

/* "auto-replied,list (List-Id)" or NULL for ordinary mail. */
static char *
ingest_auto_markers(const struct mime_message *msg)
{
	static const char *const names[] = {"auto-replied", "auto-generated",
	                                    "bounce", "list", "bulk"};
	char buf[256] = "";
	size_t len = 0;

	if (msg->auto_flags == 0)
		return NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if (!(msg->auto_flags & (1u << i)))
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		                        len ? "," : "", names[i]);
		if (len >= sizeof(buf))
			break;
	}
	if (len < sizeof(buf) && msg->auto_reason != NULL)
		snprintf(buf + len, sizeof(buf) - len, " (%s)",
		         msg->auto_reason);
	return strdup(buf);
}

void
ingest_fields_clear(struct ingest_fields *f)
{
	free(f->to);
	free(f->cc);
	free(f->refs);
	free(f->warnings);
	free(f->markers);
}

void
ingest_fields_fill(const struct mime_message *msg, struct ingest_fields *f,
                   struct store_message_new *m)
{
	memset(f, 0, sizeof(*f));
	f->to = ingest_join_addresses(&msg->to);
	f->cc = ingest_join_addresses(&msg->cc);
	f->refs = ingest_join((const char *const *)msg->references.v,
	                      msg->references.n, " ");
	f->warnings = ingest_join((const char *const *)msg->warnings.v,
	                          msg->warnings.n, "\n");
	f->markers = ingest_auto_markers(msg);
	m->in_reply_to = msg->in_reply_to;
	m->refs = f->refs;
	m->from_addr = ingest_sender(msg);
	m->from_name = msg->from.name;
	m->to_addrs = f->to;
	m->cc_addrs = f->cc;
	m->subject = msg->subject;
	m->date = msg->date;
	m->body_text = msg->text;
	m->parse_warnings = f->warnings;
	m->auto_markers = f->markers;
}

int
ingest_attachments(struct store *store, long long row,
                   const struct mime_message *msg)
{
	for (size_t i = 0; i < msg->n_attachments; i++) {
		const struct mime_attachment *a = &msg->attachments[i];
		if (store_attachment_insert(store, row, a->filename,
		                            a->content_type, (long long)a->size,
		                            a->sha256, a->data,
		                            a->data ? a->size : 0) != 0)
			return -1;
	}
	return 0;
}

/* Stores the message itself, on ticket, with its attachments. */
int
ingest_store_message(struct store *store, const struct ingest_source *src,
                     const struct mime_message *msg, const char *raw,
                     size_t len, const char *sha, long long ticket,
                     long long now, long long *row_r)
{
	struct store_message_new m = {
	    .ticket_id = ticket,
	    .direction = "in",
	    .kind = "mail",
	    .message_id = msg->message_id,
	    .raw_sha256 = sha,
	    .received = now,
	    .mailbox_id = src->mailbox_id,
	    .uid = src->uid,
	    .raw = raw,
	    .raw_len = len,
	};
	struct ingest_fields f;
	int rc;

	ingest_fields_fill(msg, &f, &m);
	rc = store_message_insert(store, &m, row_r);
	ingest_fields_clear(&f);
	if (rc != 0)
		return -1;
	return ingest_attachments(store, *row_r, msg);
}

/* Everyone on the mail who is not the desk may later thread by tag. */
static int
ingest_participants(struct store *store, const struct ingest_config *cfg,
                    long long ticket, const struct mime_message *msg)
{
	const char *sender = ingest_sender(msg);

	if (sender[0] && store_participant_add(store, ticket, sender) != 0)
		return -1;
	for (size_t i = 0; i < msg->cc.n; i++) {
		const char *addr = msg->cc.v[i].addr;
		bool ours = false;

		for (size_t d = 0; d < cfg->n_desk_addresses && !ours; d++)
			ours = strcasecmp(addr, cfg->desk_addresses[d]) == 0;
		if (!ours && store_participant_add(store, ticket, addr) != 0)
			return -1;
	}
	return 0;
}

/* Classification, routing and priority of a new ticket (when on). */
static int
ingest_triage(struct store *store, const struct ingest_config *cfg,
              const struct ingest_source *src, const struct ingest_parsed *p,
              long long customer_id, long long now, struct ingest_result *res)
{
	const struct mime_message *msg = p->msg;
	struct triage_mail m = {
	    .ticket_id = res->ticket_id,
	    .customer_id = customer_id,
	    .subject = msg->subject,
	    .text = msg->text,
	    .scan = p->scanned ? &p->scan : NULL,
	    .sender = ingest_sender(msg),
	    .mailbox = src->mailbox,
	    .language = p->language,
	    .has_attachment = msg->n_attachments > 0,
	};

	if (cfg->triage.rules == NULL)
		return 0;
	if (res->outcome == INGEST_CREATED)
		return triage_new_ticket(store, &cfg->triage, &m, now,
		                         &res->triage);
	/* Automatic mail says nothing about the complaint. */
	if (msg->auto_flags != 0)
		m.scan = NULL, m.text = "", m.subject = "";
	return triage_reply(store, &cfg->triage, &m, now, &res->triage);
}

/*
 * The SLA clocks after triage: a new ticket's policy and deadlines; a
 * customer's reply resumes a paused clock and owes a next response.  A
 * new complaint also raises the priority of the customer's other open
 * tickets (repeat complainers), which may choose them another policy
 * where policies look at the priority.
 */
static int
ingest_sla(struct store *store, const struct ingest_config *cfg,
           const struct mime_message *msg, long long customer, long long now,
           const struct ingest_result *res)
{
	long long *ids = NULL;
	size_t n = 0;
	int rc;

	if (cfg->sla == NULL)
		return 0;
	if (res->outcome != INGEST_CREATED)
		return msg->auto_flags != 0
		           ? sla_ticket_refresh(store, cfg->sla, res->ticket_id)
		           : sla_ticket_customer_mail(store, cfg->sla,
		                                      res->ticket_id, now);
	if (!sla_desk_uses_priority(cfg->sla))
		return sla_ticket_refresh(store, cfg->sla, res->ticket_id);
	rc = store_customer_open_tickets(store, customer, &ids, &n);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = sla_ticket_refresh(store, cfg->sla, ids[i]);
	free(ids);
	return rc;
}

static int
ingest_create(struct store *store, const struct ingest_config *cfg,
              const struct ingest_source *src, const struct ingest_parsed *p,
              long long customer_id, long long linked, long long now,
              long long *ticket_r)
{
	const struct mime_message *msg = p->msg;
	struct store_ticket_new t = {
	    .customer_id = customer_id,
	    .subject = msg->subject,
	    .subject_norm = p->subject_norm,
	    .mailbox = src->mailbox,
	    .language = p->language,
	    .order_number = p->order_number,
	    .expected_resolution = p->expectation,
	    .linked_ticket_id = linked,
	    .created = now,
	};
	char detail[512];

	if (store_ticket_insert(store, &t, ticket_r) != 0 ||
	    ingest_participants(store, cfg, *ticket_r, msg) != 0)
		return -1;
	snprintf(detail, sizeof(detail), "mailbox=%s from=%s language=%s",
	         src->mailbox, ingest_sender(msg), t.language);
	if (store_event_add(store, *ticket_r, now, "ticket.created",
	                    "complaintd", detail, NULL) < 0)
		return -1;
	if (linked <= 0)
		return 0;
	snprintf(detail, sizeof(detail), "linked to ticket %lld", linked);
	return store_event_add(store, *ticket_r, now, "ticket.linked",
	                       "complaintd", detail, NULL) < 0
	           ? -1
	           : 0;
}

/*
 * Decides what a mail answering ticket does to it: a reply reopens a
 * pending, resolved or recently closed ticket; a ticket closed longer than
 * the reopen window gets a new ticket instead (*fresh_r).  Automatic mail
 * (an out-of-office answer to our notice) changes no status.
 */
static int
ingest_follow_up(struct store *store, const struct ingest_config *cfg,
                 const struct mime_message *msg, long long ticket,
                 long long now, bool *fresh_r, struct ingest_result *res)
{
	struct store_ticket t;
	int rc = store_ticket_get(store, ticket, &t);
	char detail[64];

	*fresh_r = false;
	if (rc != 1) {
		store_ticket_clear(&t);
		return rc < 0 ? -1 : 0;
	}
	if (strcmp(t.status, "closed") == 0 && t.closed >= 0 &&
	    now - t.closed > cfg->reopen_window) {
		*fresh_r = true;
	} else if (msg->auto_flags == 0 && (strcmp(t.status, "pending") == 0 ||
	                                    strcmp(t.status, "resolved") == 0 ||
	                                    strcmp(t.status, "closed") == 0)) {
		snprintf(detail, sizeof(detail), "was %s", t.status);
		rc = store_ticket_set_status(store, ticket, "open", now) == 0 &&
		             store_event_add(store, ticket, now,
		                             "ticket.reopened", "complaintd",
		                             detail, NULL) >= 0
		         ? 1
		         : -1;
		res->reopened = rc == 1;
	}
	store_ticket_clear(&t);
	return rc < 0 ? -1 : 0;
}

static int
ingest_append(struct store *store, const struct ingest_config *cfg,
              const struct mime_message *msg, long long ticket, const char *by,
              long long now)
{
	char detail[128];

	snprintf(detail, sizeof(detail), "from=%s by=%s", ingest_sender(msg),
	         by);
	if (ingest_participants(store, cfg, ticket, msg) != 0 ||
	    store_ticket_touch(store, ticket, now) != 0 ||
	    store_event_add(store, ticket, now, "message.received",
	                    "complaintd", detail, NULL) < 0)
		return -1;
	return 0;
}

/* The alerts triage asked for: urgent, and a repeat complainer. */
static int
ingest_alerts(struct store *store, const struct ingest_config *cfg,
              const struct outbound_cause *c, long long now,
              struct ingest_result *res)
{
	const struct triage_result *tr = &res->triage;
	const struct conf_agent *to[2];
	size_t n;

	if (tr->urgent_alert) {
		n = triage_alert_recipients(cfg->triage.conf, tr->team, to);
		if (outbound_urgent_alert(store, cfg->out, c, to, n, now,
		                          &res->out) != 0)
			return -1;
	}
	if (tr->repeat_notify != NULL &&
	    outbound_repeat_notice(store, cfg->out, c, tr->repeat_notify,
	                           tr->recent, now, &res->out) != 0)
		return -1;
	return 0;
}

/* The ticket's first-response deadline, -1 when no policy sets one. */
static int
ingest_first_response_due(struct store *store, long long ticket, long long *due)
{
	struct store_sla s;
	int rc = store_sla_get(store, ticket, &s);

	*due = rc == 1 ? s.due[SLA_FIRST_RESPONSE] : -1;
	store_sla_clear(&s);
	return rc < 0 ? -1 : 0;
}

/*
 * The mail the desk sends because of this one, in the same transaction:
 * the acknowledgement and notice of a new ticket, the notice of a reply,
 * and the alerts triage asked for.
 */
int
ingest_tell(struct store *store, const struct ingest_config *cfg,
            const struct ingest_source *src, const struct ingest_parsed *p,
            long long now, struct ingest_result *res)
{
	const struct triage_result *tr = &res->triage;
	struct outbound_cause c = {
	    .ticket_id = res->ticket_id,
	    .msg = p->msg,
	    .sender = ingest_sender(p->msg),
	    .ticket_subject = p->msg->subject,
	    .language = p->language,
	    .order_number = p->order_number,
	    .expectation = p->expectation,
	    .mailbox = src->mailbox,
	    .mailbox_first_seen = src->first_seen,
	    .mailbox_first_uid = src->first_uid,
	    .uid = src->uid,
	    .received = now,
	    .first_response_due = -1,
	    .notify_to = tr->notify_addr,
	    .category = tr->category,
	    .severity = tr->severity,
	    .team = tr->team,
	    .assignee = tr->assignee ? tr->assignee->name : NULL,
	    .reasons = tr->reasons[0] ? tr->reasons : NULL,
	    .priority = tr->priority,
	};
	int rc;

	if (res->outcome == INGEST_SURVEY)
		return 0;
	if (res->agent != NULL)
		return ingest_agent_mail(
		    store, cfg, conf_agent_find(cfg->triage.conf, res->agent),
		    res->ticket_id, p->msg, now);
	if (cfg->out == NULL)
		return 0;
	/* The acknowledgement promises what the SLA policy keeps. */
	if (res->outcome == INGEST_CREATED &&
	    ingest_first_response_due(store, res->ticket_id,
	                              &c.first_response_due) != 0)
		return -1;
	if (p->msg->n_dsn > 0 &&
	    outbound_record_bounces(store, cfg->out, p->msg, now) != 0)
		return -1;
	if (res->outcome == INGEST_CREATED)
		rc = outbound_new_ticket(store, cfg->out, &c, now, &res->out);
	else
		rc = outbound_customer_reply(store, cfg->out, &c, now,
		                             &res->out);
	return rc == 0 ? ingest_alerts(store, cfg, &c, now, res) : -1;
}

/* Finds or makes the ticket msg belongs to; fills res. */
int
ingest_place(struct store *store, const struct ingest_config *cfg,
             const struct ingest_source *src, const struct ingest_parsed *p,
             long long now, struct ingest_result *res)
{
	const struct mime_message *msg = p->msg;
	const char *sender = ingest_sender(msg);
	const struct conf_agent *agent =
	    msg->auto_flags == 0 ? ingest_agent_of(cfg, sender) : NULL;
	struct ingest_thread th;
	long long customer, surveyed;
	bool fresh = false;
	int rc;

	/* A survey's answer goes to its survey, wherever the thread leads
	 * since (a merge). */
	if ((rc = ingest_survey_find(store, cfg, msg, now, &surveyed)) != 0) {
		res->outcome = INGEST_SURVEY;
		res->ticket_id = surveyed;
		res->thread_by = "survey";
		return rc < 0 ? -1
		              : ingest_survey_answer(store, cfg, msg, surveyed,
		                                     now);
	}
	/* An agent writing into a ticket's thread is working on it. */
	if (agent != NULL) {
		if (ingest_thread_find(store, cfg, p, sender, -1, &th) != 0)
			return -1;
		if (th.ticket_id > 0) {
			res->outcome = INGEST_APPENDED;
			res->ticket_id = th.ticket_id;
			res->thread_by = th.by;
			res->agent = agent->name;
			return ingest_append(store, cfg, msg, th.ticket_id,
			                     th.by, now);
		}
	}
	if (store_customer_upsert(store, sender, msg->from.name, now,
	                          &customer) != 0 ||
	    ingest_thread_find(store, cfg, p, sender, customer, &th) != 0)
		return -1;
	if (th.ticket_id > 0 &&
	    ingest_follow_up(store, cfg, msg, th.ticket_id, now, &fresh, res))
		return -1;
	if (th.ticket_id > 0 && !fresh) {
		res->outcome = INGEST_APPENDED;
		res->ticket_id = th.ticket_id;
		res->thread_by = th.by;
		if (ingest_append(store, cfg, msg, th.ticket_id, th.by, now))
			return -1;
	} else {
		res->outcome = INGEST_CREATED;
		res->linked_ticket_id = fresh ? th.ticket_id : th.linked_id;
		if (ingest_create(store, cfg, src, p, customer,
		                  res->linked_ticket_id, now, &res->ticket_id))
			return -1;
	}
	if (ingest_triage(store, cfg, src, p, customer, now, res) != 0)
		return -1;
	return ingest_sla(store, cfg, msg, customer, now, res);
}

/* A mail that parsed with warnings is listed for an agent to look at. */
static int
ingest_quarantine(struct store *store, const struct ingest_source *src,
                  const struct mime_message *msg, long long size, long long now,
                  struct ingest_result *res)
{
	struct store_quarantine_new q = {
	    .message_row = res->message_row,
	    .ticket_id = res->ticket_id,
	    .mailbox = src->mailbox,
	    .uidvalidity = src->uidvalidity,
	    .uid = src->uid,
	    .size = size,
	    .now = now,
	};
	char *reason = ingest_join((const char *const *)msg->warnings.v,
	                           msg->warnings.n, "; ");
	int rc;

	if (reason == NULL)
		return -1;
	q.reason = reason;
	rc = store_quarantine_add(store, &q, &res->quarantine_id);
	if (rc == 0)
		rc = store_event_add(store, res->ticket_id, now,
		                     "message.quarantined", "complaintd",
		                     reason, NULL) < 0
		         ? -1
		         : 0;
	free(reason);
	return rc;
}

void
ingest_parsed_clear(struct ingest_parsed *p)
{
	if (p == NULL)
		return;
	mime_message_free(p->msg);
	free(p->subject_norm);
	free(p->order_number);
	if (p->scanned)
		classify_scan_clear(&p->scan);
	memset(p, 0, sizeof(*p));
}

/* What the store needs no look at: normal subject, language, extract. */
static int
ingest_derive(const struct ingest_config *cfg, struct ingest_parsed *p)
{
	const struct mime_message *msg = p->msg;
	struct extract_result ex = {0};
	char *both = NULL;

	if ((p->subject_norm = text_subject_norm(msg->subject)) == NULL ||
	    asprintf(&both, "%s\n%s", msg->subject, msg->text) < 0)
		return -1;
	p->language = text_language(both);
	free(both);
	if (extract_run(cfg->rules, msg->subject, msg->text, &ex) != 0)
		return -1;
	p->order_number = ex.order_number;
	p->expectation = ex.expectation;
	if (cfg->triage.rules == NULL)
		return 0;
	if (classify_scan(cfg->triage.rules, msg->subject, msg->text,
	                  &p->scan) != 0)
		return -1;
	p->scanned = true;
	return 0;
}

int
ingest_parse(const struct ingest_config *cfg, const char *raw, size_t len,
             struct ingest_parsed *out)
{
	memset(out, 0, sizeof(*out));
	sha256_hex(raw, len, out->sha);
	if ((out->msg = mime_parse(raw, len, &cfg->limits)) == NULL ||
	    ingest_derive(cfg, out) != 0) {
		ingest_parsed_clear(out);
		return -1;
	}
	return 0;
}

int
ingest_store_parsed(struct store *store, const struct ingest_config *cfg,
                    const struct ingest_source *src, const char *raw,
                    size_t len, const struct ingest_parsed *p, long long now,
                    struct ingest_result *res)
{
	long long row, ticket;
	int rc;

	res->msg = p->msg;
	rc = store_message_lookup(store, p->msg->message_id, p->sha, &row,
	                          &ticket);
	if (rc != 0) {
		res->outcome = INGEST_DUPLICATE;
		res->message_row = row;
		res->ticket_id = ticket;
		return rc < 0 ? -1 : 0;
	}
	/* The mail first, then what the desk sends because of it, so the
	 * thread reads in order. */
	if (ingest_place(store, cfg, src, p, now, res) != 0 ||
	    ingest_store_message(store, src, p->msg, raw, len, p->sha,
	                         res->ticket_id, now, &res->message_row) != 0 ||
	    ingest_tell(store, cfg, src, p, now, res) != 0)
		return -1;
	return 0;
}

/* The body of ingest_message, on a parse the caller keeps. */
static int
ingest_do(struct store *store, const struct ingest_config *cfg,
          const struct ingest_source *src, const char *raw, size_t len,
          const struct ingest_parsed *p, long long now,
          struct ingest_result *res)
{
	if (ingest_store_parsed(store, cfg, src, raw, len, p, now, res) != 0)
		return -1;
	if (res->outcome != INGEST_DUPLICATE && p->msg->warnings.n > 0)
		return ingest_quarantine(store, src, p->msg, (long long)len,
		                         now, res);
	return 0;
}

static void
ingest_result_init(struct ingest_result *res)
{
	memset(res, 0, sizeof(*res));
	res->linked_ticket_id = -1;
	res->quarantine_id = -1;
	res->ticket_id = -1;
}

int
ingest_message_parsed(struct store *store, const struct ingest_config *cfg,
                      const struct ingest_source *src, const char *raw,
                      size_t len, const struct ingest_parsed *p, bool guarded,
                      long long now, struct ingest_result *res)
{
	ingest_result_init(res);
	if (guarded && store_savepoint(store) != 0)
		return -1;
	if (ingest_do(store, cfg, src, raw, len, p, now, res) != 0) {
		if (guarded)
			store_savepoint_rollback(store);
		ingest_result_init(res);
		return -1;
	}
	/* The parse stays the caller's. */
	res->msg_borrowed = true;
	return guarded ? store_savepoint_release(store) : 0;
}

int
ingest_message(struct store *store, const struct ingest_config *cfg,
               const struct ingest_source *src, const char *raw, size_t len,
               long long now, struct ingest_result *res)
{
	struct ingest_parsed p;
	int rc;

	ingest_result_init(res);
	if (ingest_parse(cfg, raw, len, &p) != 0)
		return -1;
	rc = ingest_message_parsed(store, cfg, src, raw, len, &p, true, now,
	                           res);
	/* res keeps the message; the rest of the parse goes. */
	if (rc == 0) {
		res->msg_borrowed = false;
		p.msg = NULL;
	}
	ingest_parsed_clear(&p);
	return rc;
}
