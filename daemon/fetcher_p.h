/* fetcher_p.h: one connected session's state, shared by the fetcher's
 * files. */
#ifndef COMPLAINTD_FETCHER_P_H
#define COMPLAINTD_FETCHER_P_H

#include <stdbool.h>
#include <stdint.h>

#include "fetcher.h"
#include "imap.h"
#include "ingest.h"
#include "store.h"

/* UIDs, growable. */
struct fetch_uids {
	uint32_t *v;
	size_t n, cap;
};

struct fetch_session {
	struct fetcher *f;
	const struct conf_mailbox *mb;
	struct store *store;
	struct imap *imap;
	const struct ingest_config *cfg;
	struct store_mailbox cursor;
	bool in_tx;
	bool failed;            /* a mail of the batch could not be stored */
	struct fetch_uids owed; /* actions owed to the server, not yet done */
	struct fetch_uids done; /* actions done, not yet cleared in the store */
	struct fetch_uids delivered; /* this batch's UIDs the server gave */
	unsigned long created, appended, duplicates, oversize;
};

/*
 * Selects the folder, settles the cursor and ingests every mail above
 * it.  Returns IMAP_OK, or the status of the failing IMAP operation (the
 * session is then unusable), or IMAP_TEMPFAIL after a store failure
 * (logged).
 */
enum imap_status fetch_open_folder(struct fetch_session *s);
enum imap_status fetch_drain(struct fetch_session *s);

/* Applies the actions owed for the batches just committed. */
enum imap_status fetch_apply_actions(struct fetch_session *s);
/* Applies the actions the store says are owed: a previous session's,
 * cut short by a crash or a lost connection. */
enum imap_status fetch_resume_actions(struct fetch_session *s);

/* Fetches again what quarantine asks for (raised size limits). */
enum imap_status fetch_refetch(struct fetch_session *s);
/* True when quarantine has fetch requests for this mailbox. */
bool fetch_refetch_pending(struct fetch_session *s);

int fetch_uids_add(struct fetch_uids *u, uint32_t uid);
void fetch_uids_free(struct fetch_uids *u);

#endif
