/*
 * ingest_thread: which ticket a mail answers, by layers of evidence from
 * the strongest: the thread headers (our own signed Message-IDs, or any
 * message we know; for a bounce, the mail it returns), a signed
 * plus-address, the subject tag (trusted only
 * from the ticket's customer or participants), and last a reply-prefixed
 * subject equal to one of the sender's open tickets.
 */
#include "ingest_p.h"

#include "text.h"
#include "threadref.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 when ticket id exists, 0 when not, -1 on failure. */
static int
ingest_ticket_exists(struct store *store, long long id)
{
	struct store_ticket t;
	int rc = store_ticket_get(store, id, &t);

	store_ticket_clear(&t);
	return rc;
}

/* The ticket a msg-id names: ours by its token, else any stored message. */
static int
ingest_thread_msgid(struct store *store, const struct ingest_config *cfg,
                    const char *id, long long *ticket_r)
{
	long long ticket =
	    threadref_from_msgid(cfg->secret, sizeof(cfg->secret), id);
	long long row;
	int rc;

	if (ticket > 0) {
		rc = ingest_ticket_exists(store, ticket);
		if (rc != 0) {
			*ticket_r = ticket;
			return rc;
		}
	}
	rc = store_message_lookup(store, id, NULL, &row, ticket_r);
	return rc == 1 && *ticket_r > 0 ? 1 : rc < 0 ? -1 : 0;
}

/* In-Reply-To first, then References from the newest (the last). */
static int
ingest_thread_headers(struct store *store, const struct ingest_config *cfg,
                      const struct mime_message *msg, struct ingest_thread *t)
{
	const struct mime_strings *refs = &msg->references;
	int rc;

	if (msg->in_reply_to != NULL) {
		rc = ingest_thread_msgid(store, cfg, msg->in_reply_to,
		                         &t->ticket_id);
		if (rc != 0) {
			t->by = "in-reply-to";
			return rc;
		}
	}
	for (size_t i = refs->n; i-- > 0;) {
		rc = ingest_thread_msgid(store, cfg, refs->v[i], &t->ticket_id);
		if (rc != 0) {
			t->by = "references";
			return rc;
		}
	}
	/* A bounce of our own mail names it inside: it belongs with it. */
	if (msg->dsn_original_id != NULL) {
		rc = ingest_thread_msgid(store, cfg, msg->dsn_original_id,
		                         &t->ticket_id);
		if (rc != 0) {
			t->by = "bounce";
			return rc;
		}
	}
	return 0;
}

static int
ingest_thread_address(struct store *store, const struct ingest_config *cfg,
                      const char *addr, struct ingest_thread *t)
{
	long long ticket =
	    threadref_from_address(cfg->secret, sizeof(cfg->secret), addr);
	int rc;

	if (ticket <= 0)
		return 0;
	rc = ingest_ticket_exists(store, ticket);
	if (rc == 1) {
		t->ticket_id = ticket;
		t->by = "plus-address";
	}
	return rc;
}

/* To, Cc, and the envelope recipient some servers record. */
static int
ingest_thread_plus(struct store *store, const struct ingest_config *cfg,
                   const struct mime_message *msg, struct ingest_thread *t)
{
	static const char *const envelope[] = {"Delivered-To", "X-Original-To",
	                                       NULL};
	const struct mime_addresses *lists[] = {&msg->to, &msg->cc};
	int rc;

	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			rc = ingest_thread_address(store, cfg,
			                           lists[l]->v[i].addr, t);
			if (rc != 0)
				return rc;
		}
	}
	for (size_t i = 0; envelope[i] != NULL; i++) {
		const char *v = mime_header_get(msg, envelope[i]);
		if (v != NULL && (rc = ingest_thread_address(store, cfg, v, t)))
			return rc;
	}
	return 0;
}

/*
 * "[TAG #123]": joins the ticket when the sender takes part in it; a
 * stranger quoting the tag gets a new ticket linked to it instead.
 */
static int
ingest_thread_tag(struct store *store, const struct ingest_config *cfg,
                  const struct mime_message *msg, const char *sender,
                  struct ingest_thread *t)
{
	long long ticket = text_subject_tag(msg->subject, cfg->ticket_tag);
	int rc;

	if (ticket <= 0)
		return 0;
	if ((rc = ingest_ticket_exists(store, ticket)) != 1)
		return rc;
	/* The desk's own agents take part in every ticket. */
	rc = !sender[0] ? 0
	     : ingest_agent_of(cfg, sender) != NULL
	         ? 1
	         : store_participant_is(store, ticket, sender);
	if (rc == 1) {
		t->ticket_id = ticket;
		t->by = "subject-tag";
	} else if (rc == 0) {
		t->linked_id = ticket;
	}
	return rc;
}

static int
ingest_thread_subject(struct store *store, const struct ingest_parsed *p,
                      long long customer_id, struct ingest_thread *t)
{
	int rc;

	if (!text_subject_is_reply(p->msg->subject) || !p->subject_norm[0])
		return 0;
	rc = store_ticket_find_by_subject(store, customer_id, p->subject_norm,
	                                  &t->ticket_id);
	if (rc == 1)
		t->by = "subject";
	return rc;
}

/* A ticket merged into another stands for that one (a few hops at most:
 * merges of merged tickets). */
static int
ingest_thread_follow(struct store *store, long long *ticket)
{
	long long into;
	int rc = 0;

	for (int hop = 0; hop < 8 && *ticket > 0; hop++) {
		if ((rc = store_ticket_merged_into(store, *ticket, &into)) != 1)
			break;
		*ticket = into;
	}
	return rc < 0 ? -1 : 0;
}

int
ingest_thread_find(struct store *store, const struct ingest_config *cfg,
                   const struct ingest_parsed *p, const char *sender,
                   long long customer_id, struct ingest_thread *t)
{
	const struct mime_message *msg = p->msg;
	int rc;

	t->ticket_id = -1;
	t->linked_id = -1;
	t->by = NULL;
	if ((rc = ingest_thread_headers(store, cfg, msg, t)) != 0 ||
	    (rc = ingest_thread_plus(store, cfg, msg, t)) != 0 ||
	    (rc = ingest_thread_tag(store, cfg, msg, sender, t)) != 0)
		return rc < 0 ||
		               ingest_thread_follow(store, &t->ticket_id) !=
		                   0 ||
		               ingest_thread_follow(store, &t->linked_id) != 0
		           ? -1
		           : 0;
	if (t->linked_id > 0)
		return ingest_thread_follow(store, &t->linked_id);
	rc = ingest_thread_subject(store, p, customer_id, t);
	if (rc != 1)
		t->ticket_id = -1;
	return rc < 0 ? -1 : ingest_thread_follow(store, &t->ticket_id);
}
