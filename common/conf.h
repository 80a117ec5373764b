/*
 * conf: the configuration file (libconfig syntax) read into one validated,
 * immutable struct conf.  Every problem is reported as "FILE:LINE: what is
 * wrong", all of them at once, so an admin fixes a file in one pass.
 * Named conf_ rather than config_ because libconfig owns that prefix.
 */
#ifndef COMPLAINTD_CONF_H
#define COMPLAINTD_CONF_H

#include <stdbool.h>
#include <stddef.h>

/* How a connection is protected. */
enum conf_tls {
	CONF_TLS_IMPLICIT, /* TLS from the first byte (IMAPS, port 993) */
	CONF_TLS_STARTTLS, /* plain connect, STARTTLS required */
	CONF_TLS_NONE,     /* plaintext; only for loopback or test servers */
};

/* What the fetcher does to a mail on the server once it is stored. */
enum conf_after_fetch {
	CONF_AFTER_FETCH_FLAG, /* set \Seen */
	CONF_AFTER_FETCH_MOVE, /* move to move_folder */
	CONF_AFTER_FETCH_NONE, /* leave it; the UID cursor alone avoids rereads
	                        */
};

/* SMTP protection; the URL scheme (smtp:// or smtps://) says where TLS starts.
 */
enum conf_smtp_tls {
	CONF_SMTP_TLS_REQUIRED,      /* smtps://, or STARTTLS must succeed */
	CONF_SMTP_TLS_OPPORTUNISTIC, /* STARTTLS when offered */
	CONF_SMTP_TLS_NONE,          /* never; smtp:// only */
};

/* How the fetcher logs in. */
enum conf_imap_auth {
	CONF_AUTH_AUTO,  /* AUTHENTICATE PLAIN when offered, else LOGIN */
	CONF_AUTH_PLAIN, /* AUTHENTICATE PLAIN (RFC 4616) */
	CONF_AUTH_LOGIN, /* the LOGIN command */
};

struct conf_strings {
	char **v;
	size_t n;
};

struct conf_mailbox {
	char *name; /* unique, [a-z0-9_-], used in logs and the store */
	char *host;
	int port; /* defaulted from tls: 993 implicit, 143 otherwise */
	int tls;  /* enum conf_tls */
	char *ca_file;
	bool tls_verify;
	char *user;
	char *password; /* inline, or read from password_file; never logged */
	char *password_file;
	int auth; /* enum conf_imap_auth */
	char *folder;
	char *after_fetch;       /* as written: "flag", "none", "move:FOLDER" */
	int after_fetch_action;  /* enum conf_after_fetch */
	const char *move_folder; /* points into after_fetch; NULL unless move */
	bool idle;
	long poll_interval;         /* seconds */
	long timeout;               /* seconds a server may stay silent */
	long long max_message_size; /* bytes; larger mail stays on the server */
	char *team; /* address of the team that owns this mailbox */
};

struct conf_store {
	char *path;
};

struct conf_log {
	int level; /* enum log_level: same order, debug..error */
};

struct conf_desk {
	char *name;
	struct conf_strings
	    addresses;        /* the desk's own addresses, lower-case */
	char *ticket_tag;     /* "ACME" gives subjects "[ACME #123]" */
	char *timezone;       /* IANA name, checked against tzdata */
	char *domain;         /* of our Message-IDs; default: first address's */
	bool plus_addressing; /* Reply-To support+N-TOKEN@: the MTA must
	                         deliver plus-addresses to the mailbox */
};

struct conf_smtp {
	char *url;
	char *user;
	char *password;
	char *password_file;
	char *from;
	int tls; /* enum conf_smtp_tls */
	char *ca_file;
	bool tls_verify;
	long timeout;   /* seconds a server may stay silent */
	long retry_for; /* seconds a mail is retried before it fails */
};

/* Automatic acknowledgements to customers. */
struct conf_ack {
	bool enabled;
	int max_per_hour;     /* automatic mails per address and hour */
	long first_response;  /* the first answer promised, seconds */
	char *since;          /* as written; NULL: since each mailbox was
	                         first seen */
	long long since_time; /* since, as Unix time; -1 when unset */
	long bounce_pause;    /* no automatic mail after a hard bounce */
};

struct conf_ingest {
	long reopen_window; /* seconds after closing that a reply reopens */
	long long max_attachment_size; /* bytes; larger ones keep metadata */
};

/* Extra patterns and keywords for extract; the built-in ones stay. */
struct conf_extract {
	struct conf_strings order_patterns;
	struct conf_strings refund;
	struct conf_strings exchange;
	struct conf_strings repair;
	struct conf_strings apology;
};

struct conf_templates {
	char *dir;
	char *default_language;
	char *language; /* "auto": the customer's; else always this one */
	int line;       /* of the section in the file, for errors */
};

/* The mail the desk sends: <templates.dir>/<lang>/<kind>.txt each. */
extern const char *const conf_template_kinds[];
/* The placeholders templates may use. */
extern const char *const conf_template_placeholders[];

struct conf {
	char *path; /* the file this was read from */
	struct conf_store store;
	struct conf_log log;
	struct conf_desk desk;
	struct conf_mailbox *mailboxes;
	size_t n_mailboxes;
	struct conf_smtp smtp;
	struct conf_ack ack;
	struct conf_ingest ingest;
	struct conf_extract extract;
	struct conf_templates templates;
};

/* Error lines, each "FILE:LINE: message"; owned by the struct. */
struct conf_errors {
	char **v;
	size_t n;
};

/*
 * Reads and validates path.  Returns a new conf (caller frees with
 * conf_free) when the file is valid, or NULL with every problem appended to
 * errors (caller frees those with conf_errors_free).
 */
struct conf *conf_load(const char *path, struct conf_errors *errors);
void conf_free(struct conf *conf);
void conf_errors_free(struct conf_errors *errors);

/*
 * Checks the mail templates conf names: the default (and a fixed)
 * language has every kind, every language directory present is whole,
 * and each file parses with known placeholders.  Kept apart from
 * conf_load because it reads files a desk may install later than its
 * configuration; --check-config, start-up and reload run both.  Returns
 * 0, or -1 with "FILE:LINE: templates: ..." lines appended to errors.
 */
int conf_check_templates(const struct conf *conf, struct conf_errors *errors);

/* conf_load, then conf_check_templates: what a running desk needs.  NULL
 * with every error in errors. */
struct conf *conf_load_all(const char *path, struct conf_errors *errors);

/*
 * "30s", "15m", "4h", "2d", and sums such as "1h30m" → seconds.
 * Returns 0, or -1 for anything else (no unit, junk, overflow).
 */
int conf_parse_duration(const char *text, long *seconds_r);

/* "1048576", "512K", "25M", "1G" (powers of 1024) → bytes; 0 or -1. */
int conf_parse_size(const char *text, long long *bytes_r);

/* Finds a mailbox by name; NULL when there is none. */
const struct conf_mailbox *conf_mailbox_find(const struct conf *conf,
                                             const char *name);

#endif
