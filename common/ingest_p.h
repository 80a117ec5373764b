/* ingest_p.h: what the ingest files share and nobody else sees. */
#ifndef COMPLAINTD_INGEST_P_H
#define COMPLAINTD_INGEST_P_H

#include "ingest.h"

/* Where threading led: a ticket to join, or one to link a new ticket to. */
struct ingest_thread {
	long long ticket_id; /* -1: none */
	long long linked_id; /* -1: none */
	const char *by;      /* static name of the evidence, NULL: none */
};

/*
 * Finds the ticket msg answers.  sender is the From address ("" when
 * unknown), customer_id its customer.  Returns 0 (t says what was found)
 * or -1 when the store failed.
 */
int ingest_thread_find(struct store *store, const struct ingest_config *cfg,
                       const struct ingest_parsed *p, const char *sender,
                       long long customer_id, struct ingest_thread *t);

/* Joins n strings with sep; caller frees; NULL for none (or no memory). */
char *ingest_join(const char *const *v, size_t n, const char *sep);

/* The From address, else Sender, else Return-Path; "" when none. */
const char *ingest_sender(const struct mime_message *msg);

/* The parsed fields, as the store takes them; strings owned by f. */
struct ingest_fields {
	char *to, *cc, *refs, *warnings, *markers;
};

/* Points m's parsed fields at msg and at strings f now owns. */
void ingest_fields_fill(const struct mime_message *msg, struct ingest_fields *f,
                        struct store_message_new *m);
void ingest_fields_clear(struct ingest_fields *f);

int ingest_attachments(struct store *store, long long row,
                       const struct mime_message *msg);

/* Stores msg (raw bytes, digest sha) on ticket; its row in *row_r. */
int ingest_store_message(struct store *store, const struct ingest_source *src,
                         const struct mime_message *msg, const char *raw,
                         size_t len, const char *sha, long long ticket,
                         long long now, long long *row_r);

/* Threads msg onto its ticket or creates one; fills res's outcome,
 * ticket_id, linked_ticket_id, reopened and thread_by. */
int ingest_place(struct store *store, const struct ingest_config *cfg,
                 const struct ingest_source *src, const struct ingest_parsed *p,
                 long long now, struct ingest_result *res);

/* What the desk sends because of the stored mail: acknowledgement,
 * notices, bounce records.  0 or -1. */
int ingest_tell(struct store *store, const struct ingest_config *cfg,
                const struct ingest_source *src, const struct ingest_parsed *p,
                long long now, struct ingest_result *res);

/* The configured agent whose address sender is; NULL for anyone else. */
const struct conf_agent *ingest_agent_of(const struct ingest_config *cfg,
                                         const char *sender);
/*
 * An agent's mail in ticket's thread (ingest_agent.c): its "#" commands
 * applied, then its text (quotes stripped) kept as a note ("#note") or
 * relayed to the customer.  0 or -1.
 */
int ingest_agent_mail(struct store *store, const struct ingest_config *cfg,
                      const struct conf_agent *agent, long long ticket,
                      const struct mime_message *msg, long long now);

/*
 * The ticket whose sent survey msg answers (ingest_survey.c): 1 with
 * *ticket_r, 0 when msg is no survey answer, -1 when the store failed.
 */
int ingest_survey_find(struct store *store, const struct ingest_config *cfg,
                       const struct mime_message *msg, long long now,
                       long long *ticket_r);
/* Records msg as the answer to ticket's survey, with what a low rating
 * or "unsubscribe" does.  0 or -1. */
int ingest_survey_answer(struct store *store, const struct ingest_config *cfg,
                         const struct mime_message *msg, long long ticket,
                         long long now);

/*
 * Deduplicates, places, stores and tells: everything but the quarantine.
 * res->outcome says whether the mail was new.  0 or -1.
 */
int ingest_store_parsed(struct store *store, const struct ingest_config *cfg,
                        const struct ingest_source *src, const char *raw,
                        size_t len, const struct ingest_parsed *p,
                        long long now, struct ingest_result *res);

#endif
