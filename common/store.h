/*
 * store: the SQLite database — opening it durably (WAL, synchronous=FULL,
 * busy timeout), creating and migrating its schema through
 * PRAGMA user_version, and every SQL statement the program runs.  No other
 * module sees sqlite3.  One struct store per thread.
 *
 * Functions return 0 (or a documented positive answer) and -1 on failure;
 * store_error() then says what failed and store_error_transient() whether
 * trying again later may help.
 */
#ifndef COMPLAINTD_STORE_H
#define COMPLAINTD_STORE_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* The schema version this build creates and expects. */
int store_schema_version(void);

/*
 * Opens (creating when missing) the database at path and brings its schema
 * up to date.  Returns the store (caller frees with store_close), or NULL
 * with a message saying what failed and why in *err_r (caller frees with
 * free()).
 */
struct store *store_open(const char *path, char **err_r);
void store_close(struct store *store);

/* The version the open database is at (== store_schema_version()). */
int store_user_version(struct store *store);

/* The last failure, "what: why"; borrowed until the next call. */
const char *store_error(const struct store *store);
/* True when the last failure was a busy database, a full disk or an I/O
 * error: the same work may succeed later. */
bool store_error_transient(const struct store *store);

/*
 * Transactions.  store_begin takes the write lock at once (BEGIN
 * IMMEDIATE), so a busy database is found before any work is done.
 * Savepoints nest inside; store_savepoint_rollback undoes the work since
 * the matching store_savepoint and closes it.
 */
int store_begin(struct store *store);
int store_commit(struct store *store);
void store_rollback(struct store *store);
int store_savepoint(struct store *store);
int store_savepoint_release(struct store *store);
void store_savepoint_rollback(struct store *store);

/* Copies the WAL back into the database; for a thread going idle. */
/* Whether this connection's commits checkpoint the WAL when it grows
 * (on by default).  A thread with a latency to keep turns it off and
 * calls store_checkpoint when idle.  0 or -1. */
int store_autocheckpoint(struct store *store, bool on);
int store_checkpoint(struct store *store);

/*
 * The desk's secret for thread tokens: 32 random bytes made on first use
 * and kept in the database, so the daemon and complaintctl agree.
 */
#define STORE_SECRET_SIZE 32
int store_secret(struct store *store, unsigned char key[STORE_SECRET_SIZE]);

/* ---- mailboxes: one cursor per (name, UIDVALIDITY) ---------------- */

struct store_mailbox {
	long long id;
	long long uidvalidity;
	long long last_uid;   /* highest UID ingested, 0 for none */
	long long first_seen; /* when the desk first saw this mailbox name */
	long long first_uid;  /* UIDs below this were in the mailbox before
	                         the desk first looked; 0 when unknown (the
	                         server did not say, or a later epoch) */
	bool new_epoch; /* this call began a UIDVALIDITY epoch after others */
};

/*
 * The cursor of mailbox name in its uidvalidity epoch, created at 0 when
 * new (a new epoch means the server renumbered: every UID is read again
 * and deduplication keeps tickets single).  first_seen is the earliest
 * epoch's; first_uid is the uidnext the server reported when the first
 * epoch was created (uidnext 0: not reported).  Pending actions of older epochs
 * are dropped: their UIDs no longer name the same mail.
 */
int store_mailbox_open(struct store *store, const char *name,
                       long long uidvalidity, long long uidnext, long long now,
                       struct store_mailbox *out);
int store_mailbox_advance(struct store *store, long long mailbox_id,
                          long long uid);
int store_mailbox_fetched(struct store *store, long long mailbox_id,
                          long long now);

/* After-fetch actions (flag, move) still owed to the server. */
int store_action_add(struct store *store, long long mailbox_id, long long uid);
/* Up to max UIDs, ascending, into uids; the count in *n_r. */
int store_actions_pending(struct store *store, long long mailbox_id,
                          long long *uids, size_t max, size_t *n_r);
int store_action_done(struct store *store, long long mailbox_id, long long uid);

/* ---- customers, tickets, participants, events --------------------- */

/*
 * The customer with address (compared case-insensitively), created when
 * new; a display name fills an empty one.  address "" is the unknown
 * sender.
 */
int store_customer_upsert(struct store *store, const char *address,
                          const char *name, long long now, long long *id_r);

struct store_ticket_new {
	long long customer_id;
	const char *subject;
	const char *subject_norm;
	const char *mailbox; /* channel: a mailbox name, or "pipe" */
	const char *language;
	const char *order_number;        /* NULL when none found */
	const char *expected_resolution; /* NULL when none found */
	long long linked_ticket_id;      /* -1 for none */
	long long created;
};

int store_ticket_insert(struct store *store, const struct store_ticket_new *t,
                        long long *id_r);

/* A ticket as listed and shown.  Strings owned; free with
 * store_ticket_clear.  Times are Unix seconds, -1 when unset. */
struct store_ticket {
	long long id;
	long long customer_id;
	char *customer_address;
	char *customer_name;
	char *subject;
	char *status;
	char *mailbox;
	char *language;
	char *order_number;
	char *expected_resolution;
	char *category;
	char *severity;
	char *team;
	char *assignee;
	char *tags;
	long long priority;
	char *product;     /* NULL: none */
	char *reasons;     /* why triage decided as it did */
	char *rules_fired; /* comma-separated */
	double confidence; /* of the category, 0..1; -1 unknown */
	long long boost;
	char *customer_tier;
	long long linked_ticket_id;
	long long created;
	long long updated;
	long long resolved;
	long long closed;
	long long n_messages;
};

void store_ticket_clear(struct store_ticket *t);

/* 1 and *out filled when the ticket exists, 0 when not, -1 on failure. */
int store_ticket_get(struct store *store, long long id,
                     struct store_ticket *out);

/* Status and the time it changed; reopening clears resolved/closed. */
int store_ticket_set_status(struct store *store, long long id,
                            const char *status, long long now);
int store_ticket_touch(struct store *store, long long id, long long now);

/* What ingest found in a ticket's first mail; NULL order or expectation
 * keeps the one the ticket has. */
int store_ticket_set_extracted(struct store *store, long long id,
                               const char *order_number,
                               const char *expectation, const char *language);

/* The row of the ticket's first message: 1 with *row_r, 0 when none. */
int store_ticket_first_message(struct store *store, long long id,
                               long long *row_r);

/*
 * The newest ticket of customer_id with subject_norm that is not closed;
 * 1 with *id_r, 0 when none.
 */
int store_ticket_find_by_subject(struct store *store, long long customer_id,
                                 const char *subject_norm, long long *id_r);

/* Which tickets to list; every NULL or false condition is "any". */
struct store_ticket_filter {
	const char *status;
	const char *mailbox;
	const char *team;
	const char *assignee;
	const char *severity;
	const char *category;
	const char *customer; /* the customer's address */
	const char *tag;
	const char *text; /* in the subject or a message's text */
	bool breached;    /* a deadline of an open ticket passed by now */
	long long now;
	const char *sort; /* NULL: newest first; "age": oldest first;
	                     "priority": highest first; "due": the
	                     earliest deadline first */
	size_t limit;     /* 0: no limit */
};

/* Tickets as filter says, into a new array (free each with
 * store_ticket_clear, then the array with free()). */
int store_ticket_list(struct store *store,
                      const struct store_ticket_filter *filter,
                      struct store_ticket **v_r, size_t *n_r);

int store_participant_add(struct store *store, long long ticket_id,
                          const char *address);
/* 1 when address is the ticket's customer or a participant, else 0. */
int store_participant_is(struct store *store, long long ticket_id,
                         const char *address);

/*
 * Appends to a ticket's audit trail.  dedupe_key (may be NULL) makes the
 * event unique: returns 1, adding nothing, when it was recorded before.
 */
int store_event_add(struct store *store, long long ticket_id, long long now,
                    const char *kind, const char *actor, const char *detail,
                    const char *dedupe_key);

struct store_event {
	long long id;
	long long time;
	char *kind;
	char *actor;
	char *detail;
};

/* Events of a ticket, oldest first; free with store_events_free. */
int store_ticket_events(struct store *store, long long ticket_id,
                        struct store_event **v_r, size_t *n_r);
void store_events_free(struct store_event *v, size_t n);

/* ---- triage: customers, agents, the model -------------------------- */

/* A customer.  Strings owned; free with store_customer_clear. */
struct store_customer {
	long long id;
	char *address;
	char *name;                /* NULL: none */
	char *tier;                /* "standard", "vip" ... */
	char *tags;                /* comma-separated, "" for none */
	char *owner;               /* an agent's name, NULL: none */
	long long attention_until; /* the repeat-complainer notice covers
	                              until then; -1: never sent */
	long long created;
	bool surveys_off; /* asked for no satisfaction surveys */
};

void store_customer_clear(struct store_customer *c);
/* 1 with *out, 0 when there is no such customer, -1 on failure. */
int store_customer_get(struct store *store, long long id,
                       struct store_customer *out);
int store_customer_find(struct store *store, const char *address,
                        struct store_customer *out);
/* Tickets of the customer created at or after since, into *n_r. */
int store_customer_recent(struct store *store, long long id, long long since,
                          long long *n_r);

/* Fields to change; NULL (or -1) keeps one, owner "" clears it. */
struct store_customer_change {
	const char *tier;
	const char *owner;
	const char *tags;
	long long attention_until;
	int surveys_off; /* 1 or 0; -1 keeps it */
};

int store_customer_update(struct store *store, long long id,
                          const struct store_customer_change *c);
/* Ids of the customer's new, open and pending tickets, ascending, in a
 * new array (caller frees). */
int store_customer_open_tickets(struct store *store, long long id,
                                long long **ids_r, size_t *n_r);

/* What triage decided for a ticket (all of it is written). */
struct store_triage {
	const char *category;
	const char *severity;
	const char *team;        /* NULL: none */
	const char *assignee;    /* NULL: in the team's queue */
	const char *product;     /* NULL: none */
	const char *tags;        /* comma-separated */
	const char *reasons;     /* why, for people */
	const char *rules_fired; /* comma-separated rule names */
	double confidence;       /* of the category, 0..1 */
	long long boost;         /* the rules' priority boosts */
	long long priority;
};

int store_ticket_set_triage(struct store *store, long long id,
                            const struct store_triage *t);
int store_ticket_set_priority(struct store *store, long long id,
                              long long priority);

/* Grows the array *v (capacity *cap) so element n fits; 0 or -1.  For
 * arrays of rows, here and in callers that gather them. */
int store_grow(void **v, size_t n, size_t *cap, size_t elem);

/* ---- SLA: clocks, deadlines, what is due -------------------------- */

/* A ticket's SLA state; times -1 for none (see sla.h for the clocks). */
struct store_sla {
	char *policy; /* NULL: none chosen */
	long long first_response, waiting_since, paused_since, paused_total;
	long long due[3]; /* first response, next response, resolution */
	long long next;   /* the earliest SLA event not recorded yet */
};

/* 1 and *out filled (clear with store_sla_clear), 0 no such ticket, -1. */
int store_sla_get(struct store *store, long long id, struct store_sla *out);
void store_sla_clear(struct store_sla *s);
int store_sla_put(struct store *store, long long id, const struct store_sla *s);
/* The earliest sla_next of all tickets into *at (-1: none); 0 or -1. */
int store_sla_next_due(struct store *store, long long *at);
/* Up to limit tickets whose sla_next <= now, earliest first; caller
 * frees *ids_r. */
int store_sla_due(struct store *store, long long now, size_t limit,
                  long long **ids_r, size_t *n_r);
/* Up to limit tickets that are not closed with ids above after, in id
 * order (a walk over all of them in pages); caller frees *ids_r. */
int store_sla_tickets_after(struct store *store, long long after, size_t limit,
                            long long **ids_r, size_t *n_r);
/* Tickets that are not resolved or closed with a deadline before before
 * (the candidates for "at risk"); caller frees *ids_r. */
int store_sla_watch(struct store *store, long long before, long long **ids_r,
                    size_t *n_r);
/* The keys of the ticket's SLA events that fired ("sla:..."); free with
 * store_strings_free. */
int store_sla_fired(struct store *store, long long id, char ***keys_r,
                    size_t *n_r);
void store_strings_free(char **v, size_t n);
/* What the scheduler reads of a ticket, in one query: t gets subject,
 * status, mailbox, category, severity, team, assignee, priority,
 * customer_tier, created, resolved and closed (the rest zero); s all.
 * 1, 0 (no such ticket) or -1; clear both. */
int store_sla_ticket(struct store *store, long long id, struct store_ticket *t,
                     struct store_sla *s);
/* Only sla_next (a run recorded what was due; the deadlines stand). */
int store_sla_set_next(struct store *store, long long id, long long next);

/* A notice of one SLA event for one person, staged until the scheduler
 * has caught up (strings owned when read back). */
struct store_sla_notice {
	char *recipient, *name;
	long long ticket_id;
	char *subject, *severity, *category, *assignee, *policy;
	long long priority;
	int clock, kind, level; /* enum sla_clock, enum sla_kind, 1.. */
	long long due;
	long long send_at; /* not before (business hours) */
};

int store_sla_stage(struct store *store, const struct store_sla_notice *n);
/* The addresses with staged notices, in the order of their first; free
 * with store_strings_free. */
int store_sla_staged_recipients(struct store *store, char ***v_r, size_t *n_r);
/* The first limit notices staged for recipient, oldest first; free with
 * store_sla_notices_free. */
int store_sla_staged(struct store *store, const char *recipient, size_t limit,
                     struct store_sla_notice **v_r, size_t *n_r);
/* How many are staged for recipient, and the earliest send_at. */
int store_sla_staged_summary(struct store *store, const char *recipient,
                             long long *count, long long *send_at);
int store_sla_unstage(struct store *store, const char *recipient);
void store_sla_notices_free(struct store_sla_notice *v, size_t n);

/* Adds points to the ticket's boost and priority (an escalation). */
int store_ticket_raise(struct store *store, long long id, long long points);

/* Integer settings ("daemon_pid"): *value -1 when unset; 1 found, 0 not,
 * -1 failure. */
int store_setting_put_int(struct store *store, const char *key,
                          long long value);
int store_setting_get_int(struct store *store, const char *key,
                          long long *value);

struct store_agent {
	bool away;
	long long away_since; /* -1 unless away */
	long long last_turn;  /* 0: never assigned */
	long long open;       /* new, open and pending tickets assigned */
};

/* An agent's state; one never seen is available with no turn yet. */
int store_agent_get(struct store *store, const char *name,
                    struct store_agent *out);
int store_agent_set_away(struct store *store, const char *name, bool away,
                         long long now);
/* The agent got the latest turn (round robin). */
int store_agent_take_turn(struct store *store, const char *name);

/* The model's counts change version by version; 0 before any. */
int store_model_version(struct store *store, long long *version_r);
/*
 * Adds delta (1 learn, -1 forget) to the counts of tokens (and of the
 * documents) of class cls under label ("category", "severity"), and
 * bumps the version.
 */
int store_model_learn(struct store *store, const char *label, const char *cls,
                      char *const *tokens, size_t n, int delta);
/* Each count > 0 of label; token NULL is the class's document count.
 * fn returns non-zero to fail (out of memory). */
typedef int (*store_model_fn)(const char *cls, const char *token,
                              long long count, void *arg);
int store_model_load(struct store *store, const char *label, store_model_fn fn,
                     void *arg);
/* The class a ticket taught under label: 1 with *class_r (caller frees),
 * 0 when it taught none. */
int store_model_taught(struct store *store, long long ticket_id,
                       const char *label, char **class_r);
int store_model_set_taught(struct store *store, long long ticket_id,
                           const char *label, const char *cls);

/* ---- messages and attachments ----------------------------------------- */

struct store_message_new {
	long long ticket_id;
	const char *direction;  /* "in" or "out" */
	const char *kind;       /* "mail", "note" ... */
	const char *message_id; /* NULL: deduplicated by raw_sha256 */
	const char *raw_sha256;
	const char *in_reply_to;
	const char *refs; /* space-separated */
	const char *from_addr;
	const char *from_name;
	const char *to_addrs; /* ", "-separated */
	const char *cc_addrs;
	const char *subject;
	long long date; /* -1: unknown */
	long long received;
	const char *body_text;
	const char *parse_warnings; /* newline-separated; NULL: none */
	const char *auto_markers;   /* NULL: none */
	long long mailbox_id;       /* -1: not from a mailbox */
	long long uid;              /* -1: not from a mailbox */
	const void *raw;
	size_t raw_len;
};

int store_message_insert(struct store *store, const struct store_message_new *m,
                         long long *id_r);

/*
 * The stored message with this Message-ID, or (message_id NULL) with
 * these raw bytes' digest: 1 with its row and ticket, 0 when unknown.
 */
int store_message_lookup(struct store *store, const char *message_id,
                         const char *raw_sha256, long long *row_r,
                         long long *ticket_id_r);
/* The kind of the stored message message_id ("ack", "surge_alert" ...)
 * into kind: 1, 0 when there is none, -1 on failure. */
int store_message_kind(struct store *store, const char *message_id, char *kind,
                       size_t size);

/* Replaces what was parsed from a message (after a re-parse). */
int store_message_update_parse(struct store *store, long long row,
                               const struct store_message_new *m);
int store_attachments_delete(struct store *store, long long message_row);

int store_attachment_insert(struct store *store, long long message_row,
                            const char *filename, const char *content_type,
                            long long size, const char *sha256,
                            const void *data, size_t len);

struct store_attachment {
	long long id;
	char *filename;
	char *content_type;
	long long size;
	char sha256[65];
	bool has_data;
};

struct store_message {
	long long id;
	long long ticket_id;
	char *direction;
	char *kind;
	char *message_id;
	char *from_addr;
	char *from_name;
	char *to_addrs;
	char *cc_addrs;
	char *subject;
	long long date;
	long long received;
	char *body_text;
	char *parse_warnings;
	char *auto_markers;
	char *mailbox;
	long long uid;
	struct store_attachment *attachments;
	size_t n_attachments;
};

/* Messages of a ticket, oldest first, with their attachments' metadata;
 * free with store_messages_free. */
int store_ticket_messages(struct store *store, long long ticket_id,
                          struct store_message **v_r, size_t *n_r);
void store_messages_free(struct store_message *v, size_t n);

/*
 * Attachment id: its ticket, file name (NULL: none given) and bytes
 * (*data_r NULL when they were not kept: over the size limit); 1, 0 no
 * such attachment, -1.  Caller frees *filename_r and *data_r.
 */
int store_attachment_get(struct store *store, long long id, long long *ticket_r,
                         char **filename_r, void **data_r, size_t *len_r);

/* A message's raw bytes: 1 with a new buffer (caller frees), 0 unknown. */
int store_message_raw(struct store *store, long long row, char **raw_r,
                      size_t *len_r);

/* ---- outbox: every outgoing mail is a row before it is sent ---------- */

struct store_outbox_new {
	const char *kind;      /* "ack", "notify_new", "notify_reply", ... */
	long long ticket_id;   /* -1: none */
	long long message_row; /* the stored copy in messages, -1: none */
	const char *sender;    /* envelope MAIL FROM */
	const char *recipient; /* envelope RCPT TO */
	const char *message_id;
	const char *subject;
	const char *language;
	const void *raw;
	size_t raw_len;
	long long now;
	long long send_at; /* not before this; 0: now (a notice held for
	                      business hours) */
};

int store_outbox_add(struct store *store, const struct store_outbox_new *o,
                     long long *id_r);

/* An outbox row.  Strings owned: free with store_outbox_clear. */
struct store_outbox {
	long long id;
	char *kind;
	long long ticket_id;
	char *sender;
	char *recipient;
	char *message_id;
	char *subject;
	char *language;
	char *status; /* queued, sent, failed, cancelled */
	long long attempts;
	long long created;
	long long next_attempt;
	long long sent;      /* -1 unless sent */
	long long last_code; /* the server's last reply code, -1: none */
	char *last_error;
	char *raw; /* only from store_outbox_next_due; NUL-terminated */
	size_t raw_len;
};

void store_outbox_clear(struct store_outbox *o);
void store_outbox_free(struct store_outbox *v, size_t n);

/* The oldest queued mail due at now, with its bytes: 1 with *out, 0
 * when none is due. */
int store_outbox_next_due(struct store *store, long long now,
                          struct store_outbox *out);
/* When the next queued mail falls due: 1 with *when_r, 0 none queued. */
int store_outbox_next_time(struct store *store, long long *when_r);

int store_outbox_sent(struct store *store, long long id, long long now,
                      long long code);
/* Another attempt later: attempts + 1, the answer kept. */
int store_outbox_retry(struct store *store, long long id, long long next,
                       long long code, const char *error);
/* Given up: attempts + 1, status failed, the answer kept. */
int store_outbox_fail(struct store *store, long long id, long long code,
                      const char *error);

/* Every queued mail waiting for a retry due now: "retry now" after an
 * outage is over.  Notices held for business hours stay held. */
int store_outbox_due_now(struct store *store, long long now);

/* complaintctl: a failed or queued mail queued again now (1), or
 * cancelled (1); 0 when no such mail waits or failed. */
int store_outbox_requeue(struct store *store, long long id, long long now);
int store_outbox_cancel(struct store *store, long long id);

/* Rows with status (NULL: queued and failed), oldest first, no bytes. */
int store_outbox_list(struct store *store, const char *status,
                      struct store_outbox **v_r, size_t *n_r);

/* Automatic mail (acks, surveys) queued for address since then. */
int store_outbox_count_auto(struct store *store, const char *address,
                            long long since, long long *n_r);

/* 1 when address bounced permanently and the pause has not ended. */
int store_customer_bounced(struct store *store, const char *address,
                           long long now);
/* Records a permanent bounce of address: no automatic mail until. */
int store_customer_set_bounced(struct store *store, const char *address,
                               long long until, const char *reason,
                               long long now);

/* ---- quarantine ----------------------------------------------------- */

struct store_quarantine {
	long long id;
	long long message_row; /* -1: nothing stored (too large) */
	long long ticket_id;   /* -1: none */
	char *mailbox;
	long long uidvalidity; /* -1 unless from a mailbox */
	long long uid;
	long long size;
	char *reason;
	char *status; /* open, refetch, resolved */
	long long created;
	long long updated;
};

struct store_quarantine_new {
	long long message_row;
	long long ticket_id;
	const char *mailbox;
	long long uidvalidity;
	long long uid;
	long long size;
	const char *reason;
	long long now;
};

int store_quarantine_add(struct store *store,
                         const struct store_quarantine_new *q, long long *id_r);
/* Entries with status (NULL: open and refetch), oldest first; free with
 * store_quarantine_free. */
int store_quarantine_list(struct store *store, const char *status,
                          struct store_quarantine **v_r, size_t *n_r);
/* 1 with *out (free with store_quarantine_clear), 0 when there is no
 * such entry. */
int store_quarantine_get(struct store *store, long long id,
                         struct store_quarantine *out);
void store_quarantine_clear(struct store_quarantine *q);
void store_quarantine_free(struct store_quarantine *v, size_t n);
int store_quarantine_set(struct store *store, long long id, const char *status,
                         const char *reason, long long now);
/* The refetch requests for one mailbox. */
int store_quarantine_refetch(struct store *store, const char *mailbox,
                             struct store_quarantine **v_r, size_t *n_r);

/* ---- agent workflow (ctl_work) ---- */

/*
 * A ticket's assignee (NULL: nobody, in its team's queue) or its tags
 * (comma-separated, as triage writes them; NULL or "" for none); either
 * moves "updated" to now.  1 changed, 0 no such ticket, -1 on failure.
 */
int store_ticket_set_assignee(struct store *store, long long id,
                              const char *assignee, long long now);
int store_ticket_set_tags(struct store *store, long long id, const char *tags,
                          long long now);
/* Ticket from merged into into: its messages and participants (and its
 * customer) move, from is closed and points at into.  0 or -1. */
int store_ticket_merge(struct store *store, long long from, long long into,
                       long long now);
/* The ticket id was merged into: 1 with *into, 0 when it was not, -1. */
int store_ticket_merged_into(struct store *store, long long id,
                             long long *into);

/* ---- satisfaction surveys (store_survey.c) ---- */

/* A ticket's survey.  Strings owned (NULL: none); free with
 * store_survey_clear. */
struct store_survey {
	long long id, ticket_id;
	char status[12];               /* "scheduled", "sent", "skipped" */
	long long due, sent, answered; /* -1: not yet */
	char *skip_reason, *recipient, *message_id, *comment;
	int answers;                             /* answers received */
	int rating, nps, speed, result, overall; /* -1: none */
	double composite;                        /* -1: none */
};
void store_survey_clear(struct store_survey *s);

/*
 * Schedules ticket's survey at due: a new one, or again one not sent yet
 * (closed again after a reopen).  1 scheduled, 0 when it was sent
 * already (one survey per ticket), -1 on failure.
 */
int store_survey_schedule(struct store *store, long long ticket, long long due);
/* 1 with *out, 0 when ticket has no survey, -1 on failure. */
int store_survey_get(struct store *store, long long ticket,
                     struct store_survey *out);
/* The ticket whose sent survey has Message-ID msgid: 1 with *ticket_r,
 * 0 none, -1. */
int store_survey_by_message(struct store *store, const char *msgid,
                            long long *ticket_r);
/* Tickets whose survey is due at now, the earliest first, at most max;
 * 0 or -1. */
int store_survey_due(struct store *store, long long now, long long *tickets,
                     size_t max, size_t *n_r);
/* The earliest scheduled survey's due time into *due_r (-1: none). */
int store_survey_next(struct store *store, long long *due_r);
/* Sent to recipient as message_id (queued at now); 0 or -1. */
int store_survey_sent(struct store *store, long long ticket,
                      const char *recipient, const char *message_id,
                      long long now);
/* Not sent, for reason; or postponed to due.  0 or -1. */
int store_survey_skip(struct store *store, long long ticket,
                      const char *reason);
int store_survey_postpone(struct store *store, long long ticket, long long due);
/* Surveys sent to address at or after since, into *n_r; 0 or -1. */
int store_survey_count_sent(struct store *store, const char *address,
                            long long since, long long *n_r);

/* An answer: given values (not -1, not NULL) replace earlier ones; the
 * composite is the mean of the aspects known after it. */
struct store_survey_answer {
	int rating, nps, speed, result, overall; /* -1: not in this answer */
	const char *comment;
};
int store_survey_answer(struct store *store, long long ticket,
                        const struct store_survey_answer *a, long long now);

/* ---- reports (store_report.c) ---- */

#define STORE_REPORT_BREACH_FIRST 1      /* first response breached */
#define STORE_REPORT_BREACH_NEXT 2       /* a next response breached */
#define STORE_REPORT_BREACH_RESOLUTION 4 /* resolution breached */

/* One ticket as a report counts it.  Strings owned (NULL: none). */
struct store_report_ticket {
	long long id, customer_id, created;
	long long first_response; /* the first agent reply; -1 none */
	long long resolved;       /* resolved, else closed; -1 neither */
	char status[12];
	char *category, *severity, *team, *assignee, *mailbox, *product,
	    *language, *policy;
	int reopens;  /* "ticket.reopened" events */
	int replies;  /* agents' replies to the customer */
	int breaches; /* STORE_REPORT_BREACH_* */
	int level;    /* the highest escalation level reached; 0 none */
	long long survey_sent, survey_answered; /* -1: not */
	int rating, nps;                        /* -1: none */
};

/*
 * The tickets created in [since, to) and those created earlier but
 * resolved in [from, to); merged duplicates left out.  A new array
 * (free with store_report_tickets_free).  0 or -1.
 */
int store_report_tickets(struct store *store, long long since, long long from,
                         long long to, struct store_report_ticket **v_r,
                         size_t *n_r);
void store_report_tickets_free(struct store_report_ticket *v, size_t n);

/* Tickets not resolved at "at" by age: counts[k] those younger than
 * ages[k] (ascending) and not counted before; counts[n_ages] the rest. */
int store_report_backlog(struct store *store, long long at,
                         const long long *ages, size_t n_ages,
                         long long *counts);

struct store_report_customer {
	long long id;
	char *address, *name, *tier; /* owned; name NULL: none */
	long long tickets;           /* all their tickets */
};
/* Customers tagged tag (the repeat rule's) or in its notice window at
 * now, most tickets first, at most 100.  0 or -1. */
int store_report_attention(struct store *store, const char *tag, long long now,
                           struct store_report_customer **v_r, size_t *n_r);
void store_report_customers_free(struct store_report_customer *v, size_t n);

/* ---- metrics (store_metrics.c) ---- */

/* One labelled figure of a metric; label owned. */
struct store_metric {
	char *label; /* the label's value: "open", "support" ... */
	long long value;
};
void store_metrics_free(struct store_metric *v, size_t n);

/* A read transaction, so every figure of one scrape comes from the same
 * snapshot; no lock that writers wait for.  0 or -1; end it with
 * store_metrics_end whatever happened in between. */
int store_metrics_begin(struct store *store);
void store_metrics_end(struct store *store);

/*
 * Each fills *v_r with a new array (free with store_metrics_free); 0 or
 * -1.  tickets: every status (new .. closed), 0 when none; open_severity:
 * new, open and pending tickets by severity ("none": not classified);
 * outbox: every status (queued, sent, failed, cancelled); ingested: mail
 * received, by the mailbox it was fetched from, else its ticket's
 * channel, else "pipe", every known mailbox included; last_fetch: each
 * mailbox's last successful fetch (Unix time), those never fetched left
 * out; surveys: every status (scheduled, sent, skipped).
 */
int store_metrics_tickets(struct store *store, struct store_metric **v_r,
                          size_t *n_r);
int store_metrics_open_severity(struct store *store, struct store_metric **v_r,
                                size_t *n_r);
int store_metrics_outbox(struct store *store, struct store_metric **v_r,
                         size_t *n_r);
int store_metrics_ingested(struct store *store, struct store_metric **v_r,
                           size_t *n_r);
int store_metrics_last_fetch(struct store *store, struct store_metric **v_r,
                             size_t *n_r);
int store_metrics_surveys(struct store *store, struct store_metric **v_r,
                          size_t *n_r);

struct store_metrics_totals {
	/* New, open or pending tickets with a first-response, next-response
	 * or resolution deadline at or before now, or an "sla.breach"
	 * event. */
	long long sla_breaches_open;
	/* Delivery attempts that did not send the mail, temporary and
	 * permanent; only grows. */
	long long outbox_failed_attempts;
	long long survey_answers; /* every answer, second ones included */
};
int store_metrics_totals(struct store *store, long long now,
                         struct store_metrics_totals *out);

/* ---- surge episodes (store_surge.c) ---- */

/* The dimensions surges are watched in, each a column of tickets:
 * "category", "product", "mailbox"; NULL-terminated. */
extern const char *const store_surge_dimensions[];

/* New tickets of one value of a dimension; value owned. */
struct store_surge_count {
	char *value;
	long long count;  /* created in (from, upto] */
	long long urgent; /* urgent ones created in (urgent_from, upto] */
};
void store_surge_counts_free(struct store_surge_count *v, size_t n);

/*
 * Every value of dimension (NULL and "" left out) with tickets created
 * in the later of the two ranges, counted in one query over the index on
 * created.  *v_r: a new array (free with store_surge_counts_free).  0, or
 * -1 (an unknown dimension too).
 */
int store_surge_window(struct store *store, const char *dimension,
                       long long from, long long urgent_from, long long upto,
                       struct store_surge_count **v_r, size_t *n_r);
/* Tickets of dimension = value created in (from, upto], one range of
 * the (column, created) index.  0 or -1. */
int store_surge_count_value(struct store *store, const char *dimension,
                            const char *value, long long from, long long upto,
                            long long *n_r);
/* The first ticket's creation into *created_r (-1: no tickets); 0/-1. */
int store_surge_oldest(struct store *store, long long *created_r);

struct store_surge_ticket {
	long long id;
	char *subject; /* owned */
};
/* At most max tickets of dimension = value created in (from, upto],
 * newest first, into a new array (free with store_surge_tickets_free). */
int store_surge_tickets(struct store *store, const char *dimension,
                        const char *value, long long from, long long upto,
                        size_t max, struct store_surge_ticket **v_r,
                        size_t *n_r);
void store_surge_tickets_free(struct store_surge_ticket *v, size_t n);

/* An episode: open while ended is -1.  value owned (store_surges_free). */
struct store_surge {
	long long id;
	char dimension[12];
	char *value;
	char reason[8];       /* what opened it: "volume", "urgent" */
	long long started;    /* when it opened (and alerted) */
	long long last_seen;  /* the last check that found it surging */
	long long ended;      /* -1: open */
	long long tickets;    /* of the value from started - window on */
	long long alerted;    /* alert mails queued; 0: nobody was told */
	long long ticket_id;  /* the newest ticket when it opened: the
	                         alert's thread and event */
	long long covered_by; /* the episode whose alert already covered
	                         most of its tickets; -1: its own */
};
void store_surges_free(struct store_surge *v, size_t n);

/* The open episodes of dimension, oldest first; 0 or -1. */
int store_surge_open(struct store *store, const char *dimension,
                     struct store_surge **v_r, size_t *n_r);
/* Episodes started at or after since, newest first, at most limit (0:
 * all); 0 or -1. */
int store_surge_list(struct store *store, long long since, size_t limit,
                     struct store_surge **v_r, size_t *n_r);
/* A new open episode started (and last seen) now: its id in *id_r;
 * covered_by -1 for none. */
int store_surge_start(struct store *store, const char *dimension,
                      const char *value, const char *reason, long long now,
                      long long tickets, long long ticket_id,
                      long long covered_by, long long *id_r);
/* Still surging at now with tickets; ended at now; alerts queued. */
int store_surge_seen(struct store *store, long long id, long long now,
                     long long tickets);
int store_surge_end(struct store *store, long long id, long long now);
int store_surge_alerted(struct store *store, long long id, long long alerts);

#endif
