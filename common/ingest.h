/*
 * ingest: one raw mail → one change to the store, inside the caller's
 * transaction: deduplicated by Message-ID (or the raw bytes' digest),
 * threaded onto the ticket it answers or made into a new ticket, with its
 * customer, text, attachments, order number and expectation, and a
 * quarantine entry when it could not be parsed cleanly.  Malformed mail is
 * never refused; only a failing store is an error.
 */
#ifndef COMPLAINTD_INGEST_H
#define COMPLAINTD_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "extract.h"
#include "mime.h"
#include "outbound.h"
#include "store.h"
#include "sla_ticket.h"
#include "triage.h"

/* What ingest needs to know of the desk; read-only, one per thread. */
struct ingest_config {
	const char *ticket_tag;            /* "ACME" of "[ACME #123]" */
	const char *const *desk_addresses; /* lower-case */
	size_t n_desk_addresses;
	long reopen_window; /* seconds after closing a reply still reopens */
	struct mime_limits limits;
	const struct extract_rules *rules; /* borrowed */
	const struct outbound_config *out; /* borrowed; NULL: send nothing */
	/* Classification and routing of new tickets; rules NULL: none (the
	 * tickets keep no category, notices go nowhere). */
	struct triage_config triage;
	const struct sla_desk *sla; /* borrowed; NULL: no SLA clocks */
	unsigned char secret[STORE_SECRET_SIZE];
};

/* What ingest compiles from the configuration; read-only, shared by
 * threads. */
struct ingest_rules {
	struct extract_rules *extract;   /* conf's patterns and keywords */
	struct classify_rules *classify; /* conf's classification rules */
	struct sla_desk *sla;            /* conf's policies and calendars */
};

/* NULL with a message in err.  Caller frees with ingest_rules_free; it
 * borrows conf until then. */
struct ingest_rules *ingest_rules_new(const struct conf *conf, char *err,
                                      size_t err_size);
void ingest_rules_free(struct ingest_rules *rules);

/*
 * Fills cfg from conf (borrowing its strings until conf is freed) with
 * rules (borrowed too); the secret is the caller's to fill from the
 * store, and cfg->triage.model the caller's thread's model, if any.
 */
void ingest_config_init(struct ingest_config *cfg, const struct conf *conf,
                        const struct ingest_rules *rules);

/* Where a mail came from. */
struct ingest_source {
	const char *mailbox;   /* a mailbox name, or "pipe" */
	long long mailbox_id;  /* the store's cursor row; -1 for pipe */
	long long uidvalidity; /* -1 for pipe */
	long long uid;         /* -1 for pipe */
	long long first_seen;  /* when the desk first saw the mailbox; -1
	                          when unknown (pipe) */
	long long first_uid;   /* UIDs below it predate the desk's first
	                          look; 0 when unknown */
};

enum ingest_outcome {
	INGEST_CREATED,   /* a new ticket */
	INGEST_APPENDED,  /* added to the ticket it answers */
	INGEST_DUPLICATE, /* seen before; nothing changed */
	INGEST_SURVEY,    /* an answer to the ticket's survey, recorded */
};

struct ingest_result {
	enum ingest_outcome outcome;
	long long ticket_id;
	long long message_row;
	long long linked_ticket_id;  /* a new ticket's older relative, or -1 */
	bool reopened;               /* a pending/resolved/closed ticket */
	const char *agent;           /* an agent wrote it (their name, the
	                                configuration's), or NULL */
	const char *thread_by;       /* static: which evidence threaded it */
	long long quarantine_id;     /* -1 when it parsed cleanly */
	struct mime_message *msg;    /* the parse; freed by
	                                ingest_result_clear unless borrowed */
	bool msg_borrowed;           /* msg is the caller's (ingest_parsed) */
	struct outbound_result out;  /* the acknowledgement and notices */
	struct triage_result triage; /* what the desk decided */
};

void ingest_result_clear(struct ingest_result *res);

/*
 * agent's reply with text to the customer of ticket, threaded to the
 * customer's latest mail; the first reply opens a new ticket and is its
 * first response.  0 queued (*outbox_id), 1 no such ticket or not
 * written (why), 2 the ticket is closed (why), -1 store failure.  Inside
 * the caller's transaction.
 */
int ingest_agent_reply(struct store *store, const struct ingest_config *cfg,
                       const struct conf_agent *agent, long long ticket,
                       const char *text, long long now, long long *outbox_id,
                       char *why, size_t why_size);
/* The customer's latest mail in ticket, parsed (free with
 * mime_message_free); NULL when there is none or it cannot be read. */
struct mime_message *ingest_customer_mail(struct store *store,
                                          long long ticket);

/*
 * Ingests len bytes of raw mail received at now.  Runs inside a savepoint
 * of the caller's transaction, so a failure undoes only this mail.
 * Returns 0 with *res filled (clear it with ingest_result_clear), or -1
 * when the store failed (store_error() says why; *res holds nothing).
 */
int ingest_message(struct store *store, const struct ingest_config *cfg,
                   const struct ingest_source *src, const char *raw, size_t len,
                   long long now, struct ingest_result *res);

/*
 * A mail parsed ahead of ingest, e.g. on another thread, with what
 * ingest derives from it without the store.  Clear with
 * ingest_parsed_clear.
 */
struct ingest_parsed {
	struct mime_message *msg;
	char sha[65];              /* SHA-256 of the raw bytes, hex */
	char *subject_norm;        /* text_subject_norm of the subject */
	const char *language;      /* text_language of subject and text */
	char *order_number;        /* extract's, or NULL */
	const char *expectation;   /* extract's, or NULL */
	struct classify_scan scan; /* classify's look at the text */
	bool scanned;              /* scan holds it (classification is on) */
};

/* Parses raw for ingest_message_parsed; 0, or -1 when memory runs out. */
int ingest_parse(const struct ingest_config *cfg, const char *raw, size_t len,
                 struct ingest_parsed *out);
void ingest_parsed_clear(struct ingest_parsed *p);

/*
 * As ingest_message, on a parse the caller keeps (res->msg borrows it).
 * Without guarded there is no savepoint, which is much faster in a
 * batch (a savepoint makes SQLite copy every page the mail changes) but
 * leaves the caller to roll back its whole transaction after a failure
 * — and, to find the mail that fails, to redo the batch guarded.
 */
int ingest_message_parsed(struct store *store, const struct ingest_config *cfg,
                          const struct ingest_source *src, const char *raw,
                          size_t len, const struct ingest_parsed *p,
                          bool guarded, long long now,
                          struct ingest_result *res);

/*
 * A mail too large to fetch: a ticket (or thread entry) from its header
 * alone, a note saying where the mail stays, and a quarantine entry from
 * which it can be fetched again once the limit allows.
 */
int ingest_oversize(struct store *store, const struct ingest_config *cfg,
                    const struct ingest_source *src, const char *header,
                    size_t len, long long size, long long limit, long long now,
                    struct ingest_result *res);

/*
 * Runs quarantine entry id through the parser again — on raw (the full
 * mail, fetched again) or, when raw is NULL, on the stored bytes — and
 * replaces what was parsed (and, for the ticket's first mail, the order
 * number, expectation and language found in it).  The entry is resolved
 * when the mail now parses cleanly.  A mail that was too large to fetch
 * has no stored bytes to parse: without raw its entry is marked for the
 * fetcher to fetch again.  Returns 1 re-parsed, 2 marked for fetching,
 * 0 no such entry, -1 store failure.
 */
int ingest_reprocess(struct store *store, const struct ingest_config *cfg,
                     long long id, const char *raw, size_t len, long long now,
                     struct ingest_result *res);

#endif
