/*
 * imap: one IMAP session over libetpan — connect with implicit TLS,
 * STARTTLS or plaintext, verify the certificate, log in, select a folder,
 * list and fetch mail by UID, flag or move it, and IDLE.  Only this file
 * sees libetpan's IMAP API; callers get plain types and an error text.
 */
#ifndef COMPLAINTD_IMAP_H
#define COMPLAINTD_IMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

struct imap;

/* How an operation failed, for the caller's retry decision. */
enum imap_status {
	IMAP_OK = 0,
	IMAP_TEMPFAIL = -1, /* network, timeout, server busy: reconnect */
	IMAP_AUTHFAIL = -2, /* credentials refused */
	IMAP_TLSFAIL = -3,  /* TLS or certificate problem */
	IMAP_NOFOLDER = -4, /* SELECT refused: folder missing or forbidden */
	IMAP_REFUSED = -5,  /* the server said NO to a command; the session
	                       itself is fine */
};

/*
 * Connects to mb's server, checks its certificate (unless tls_verify is
 * off) and logs in.  Returns the session (caller frees with imap_close)
 * or NULL with *status_r and a message in err.
 */
struct imap *imap_open(const struct conf_mailbox *mb,
                       enum imap_status *status_r, char *err, size_t err_size);

/*
 * Makes a read or write blocked in another thread on this session fail at
 * once (and the next one, if none is blocked).  Safe from any thread while
 * the session exists.
 */
void imap_cancel(struct imap *imap);

/* Logs out (best effort) and frees the session; NULL-safe. */
void imap_close(struct imap *imap);

/* The last error: what failed and the server's answer. */
const char *imap_error(const struct imap *imap);

/* How the session logged in ("AUTHENTICATE PLAIN", "LOGIN"). */
const char *imap_auth_method(const struct imap *imap);

struct imap_folder {
	uint32_t uidvalidity;
	uint32_t uidnext; /* 0 when the server did not say */
	uint32_t exists;
};

enum imap_status imap_select(struct imap *imap, const char *folder,
                             struct imap_folder *out);

struct imap_uid {
	uint32_t uid;
	uint32_t size; /* RFC822.SIZE */
};

/*
 * UIDs above after, ascending, with their sizes, into a new array (caller
 * frees).
 */
enum imap_status imap_list(struct imap *imap, uint32_t after,
                           struct imap_uid **v_r, size_t *n_r);

/* One fetched mail; the bytes belong to the batch. */
struct imap_mail {
	uint32_t uid;
	const char *raw;
	size_t len;
};

/* Fetched mail in ascending UID order; free with imap_batch_free. */
struct imap_batch {
	struct imap_mail *v;
	size_t n;
	void *result; /* the library's answer the bytes point into */
};

/*
 * Fetches the mails with these UIDs (BODY.PEEK[], so nothing is marked
 * read) or, when header_only, their header (BODY.PEEK[HEADER]).  A UID
 * the server no longer has is simply missing from the batch.
 */
enum imap_status imap_fetch(struct imap *imap, const uint32_t *uids, size_t n,
                            bool header_only, struct imap_batch *out);
void imap_batch_free(struct imap_batch *batch);

/* Sets \Seen on these UIDs. */
enum imap_status imap_flag_seen(struct imap *imap, const uint32_t *uids,
                                size_t n);

/*
 * Moves these UIDs to folder: MOVE (RFC 6851) when offered, else COPY,
 * \Deleted and UID EXPUNGE (UIDPLUS) or EXPUNGE.
 */
enum imap_status imap_move(struct imap *imap, const uint32_t *uids, size_t n,
                           const char *folder);

bool imap_has_idle(const struct imap *imap);

/*
 * Starts IDLE; imap_idle_fd() then becomes readable when the server has
 * news; imap_idle_done() ends IDLE and reads the answer.
 */
enum imap_status imap_idle_start(struct imap *imap);
int imap_idle_fd(const struct imap *imap);
/*
 * True when news came where polling the fd would miss it: an EXISTS with
 * any answer since the last imap_list, one sent before the "+ idling"
 * continuation (which libetpan reads and drops), or bytes already
 * buffered after it.
 */
bool imap_idle_has_news(const struct imap *imap);
enum imap_status imap_idle_done(struct imap *imap);

/* Keeps a quiet connection alive (NOOP). */
enum imap_status imap_noop(struct imap *imap);

#endif
