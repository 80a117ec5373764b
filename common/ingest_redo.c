/*
 * ingest_redo: the mail ingest could not take whole — too large to fetch,
 * or parsed with warnings — and running it through the parser again once
 * the limit or the parser allows.
 */
#include "ingest.h"
#include "ingest_p.h"

#include "sha256.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "30.2 MB" for a note a person reads. */
static void
ingest_format_size(char *buf, size_t size, long long bytes)
{
	if (bytes >= 1024 * 1024)
		snprintf(buf, size, "%.1f MB", (double)bytes / (1024 * 1024));
	else
		snprintf(buf, size, "%.1f KB", (double)bytes / 1024);
}

static int
ingest_oversize_note(struct store *store, const struct ingest_source *src,
                     long long size, long long limit, long long now,
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
	char have[32], max[32], note[512];

	ingest_format_size(have, sizeof(have), size);
	ingest_format_size(max, sizeof(max), limit);
	snprintf(note, sizeof(note),
	         "The mail (UID %lld in mailbox %s) is %s, over the %s limit: "
	         "only its header was read; the mail stays on the server. "
	         "Raise max_message_size and run \"complaintctl quarantine "
	         "reprocess\" to fetch it.",
	         src->uid, src->mailbox, have, max);
	q.reason = note;
	if (store_event_add(store, res->ticket_id, now, "note", "complaintd",
	                    note, NULL) < 0)
		return -1;
	return store_quarantine_add(store, &q, &res->quarantine_id);
}

/* The header-only mail, on a parse it hands to res. */
static int
ingest_oversize_do(struct store *store, const struct ingest_config *cfg,
                   const struct ingest_source *src, const char *header,
                   size_t len, struct ingest_parsed *p, long long size,
                   long long limit, long long now, struct ingest_result *res)
{
	if (ingest_store_parsed(store, cfg, src, header, len, p, now, res))
		return -1;
	if (res->outcome == INGEST_DUPLICATE)
		return 0;
	return ingest_oversize_note(store, src, size, limit, now, res);
}

int
ingest_oversize(struct store *store, const struct ingest_config *cfg,
                const struct ingest_source *src, const char *header, size_t len,
                long long size, long long limit, long long now,
                struct ingest_result *res)
{
	struct ingest_parsed p;
	int rc;

	memset(res, 0, sizeof(*res));
	res->linked_ticket_id = -1;
	res->quarantine_id = -1;
	res->ticket_id = -1;
	if (ingest_parse(cfg, header, len, &p) != 0)
		return -1;
	if (store_savepoint(store) != 0) {
		ingest_parsed_clear(&p);
		return -1;
	}
	rc = ingest_oversize_do(store, cfg, src, header, len, &p, size, limit,
	                        now, res);
	if (rc != 0) {
		store_savepoint_rollback(store);
		memset(res, 0, sizeof(*res));
	} else {
		rc = store_savepoint_release(store);
		p.msg = NULL; /* res keeps it */
	}
	ingest_parsed_clear(&p);
	return rc;
}

/* For the ticket's first mail, what extract finds with today's rules. */
static int
ingest_redo_ticket(struct store *store, const struct ingest_config *cfg,
                   long long ticket, long long row,
                   const struct mime_message *msg)
{
	struct extract_result ex = {0};
	long long first;
	char *both = NULL;
	int rc = store_ticket_first_message(store, ticket, &first);

	if (rc != 1 || first != row)
		return rc < 0 ? -1 : 0;
	if (asprintf(&both, "%s\n%s", msg->subject, msg->text) < 0)
		return -1;
	rc = extract_run(cfg->rules, msg->subject, msg->text, &ex);
	if (rc == 0)
		rc = store_ticket_set_extracted(store, ticket, ex.order_number,
		                                ex.expectation,
		                                text_language(both));
	free(ex.order_number);
	free(both);
	return rc;
}

/* Replaces what was parsed from message row with a parse of raw. */
static int
ingest_redo_message(struct store *store, const struct ingest_config *cfg,
                    const struct store_quarantine *q, const char *raw,
                    size_t len, bool replace_raw, struct ingest_result *res)
{
	char sha[SHA256_HEX_SIZE];
	struct store_message_new m = {0};
	struct ingest_fields f;
	int rc;

	if ((res->msg = mime_parse(raw, len, &cfg->limits)) == NULL)
		return -1;
	sha256_hex(raw, len, sha);
	ingest_fields_fill(res->msg, &f, &m);
	m.raw_sha256 = sha;
	m.raw = replace_raw ? raw : NULL;
	m.raw_len = len;
	rc = store_message_update_parse(store, q->message_row, &m);
	ingest_fields_clear(&f);
	if (rc != 0 || store_attachments_delete(store, q->message_row) != 0 ||
	    ingest_attachments(store, q->message_row, res->msg) != 0)
		return -1;
	if (q->ticket_id > 0 &&
	    ingest_redo_ticket(store, cfg, q->ticket_id, q->message_row,
	                       res->msg) != 0)
		return -1;
	return 0;
}

/* Records how the second parse went on the entry and the ticket. */
static int
ingest_redo_outcome(struct store *store, const struct store_quarantine *q,
                    long long now, struct ingest_result *res)
{
	const struct mime_strings *w = &res->msg->warnings;
	char *reason = ingest_join((const char *const *)w->v, w->n, "; ");
	int rc = store_quarantine_set(store, q->id, w->n ? "open" : "resolved",
	                              reason, now);

	if (rc == 0)
		rc = store_event_add(store, q->ticket_id, now,
		                     "message.reprocessed", "complaintd",
		                     w->n ? reason : "parsed cleanly", NULL) < 0
		         ? -1
		         : 0;
	free(reason);
	return rc;
}

static int
ingest_reprocess_do(struct store *store, const struct ingest_config *cfg,
                    const struct store_quarantine *q, const char *raw,
                    size_t len, long long now, struct ingest_result *res)
{
	char *stored = NULL;
	size_t stored_len = 0;
	int rc;

	res->ticket_id = q->ticket_id;
	res->message_row = q->message_row;
	res->quarantine_id = q->id;
	if (raw == NULL) {
		rc = store_message_raw(store, q->message_row, &stored,
		                       &stored_len);
		if (rc != 1)
			return rc < 0 ? -1 : 0;
		/* Only the header of a mail too large to fetch was kept. */
		if (q->size > (long long)stored_len) {
			free(stored);
			rc = store_quarantine_set(store, q->id, "refetch", NULL,
			                          now);
			return rc == 0 ? 2 : -1;
		}
	}
	rc = ingest_redo_message(store, cfg, q, raw ? raw : stored,
	                         raw ? len : stored_len, raw != NULL, res);
	free(stored);
	if (rc != 0 || ingest_redo_outcome(store, q, now, res) != 0)
		return -1;
	return 1;
}

int
ingest_reprocess(struct store *store, const struct ingest_config *cfg,
                 long long id, const char *raw, size_t len, long long now,
                 struct ingest_result *res)
{
	struct store_quarantine q;
	int rc;

	memset(res, 0, sizeof(*res));
	res->outcome = INGEST_APPENDED;
	res->linked_ticket_id = -1;
	if (store_savepoint(store) != 0)
		return -1;
	rc = store_quarantine_get(store, id, &q);
	if (rc == 1)
		rc = q.message_row >= 0
		         ? ingest_reprocess_do(store, cfg, &q, raw, len, now,
		                               res)
		         : 0;
	store_quarantine_clear(&q);
	if (rc < 0) {
		store_savepoint_rollback(store);
		ingest_result_clear(res);
		return -1;
	}
	return store_savepoint_release(store) == 0 ? rc : -1;
}
