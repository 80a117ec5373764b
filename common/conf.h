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
#include <stdint.h>

#include "sla_cal.h"

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
	char *team; /* a team's name, or (older files) an address that gets
	               the notices */
	int weight; /* added to the priority of its tickets */
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

/* Agents, teams, classification rules and routes ("Classification"). */
enum conf_role {
	CONF_ROLE_AGENT,
	CONF_ROLE_LEAD,
	CONF_ROLE_MANAGER,
};

struct conf_agent {
	char *name; /* [a-z0-9_.-], as complaintctl --as names it */
	char *address;
	int role; /* enum conf_role */
};

enum conf_assign {
	CONF_ASSIGN_ROUND_ROBIN,
	CONF_ASSIGN_LEAST_OPEN,
	CONF_ASSIGN_QUEUE, /* left unassigned in the team's queue */
};

struct conf_team {
	char *name;
	char *address; /* gets notices while a ticket is unassigned */
	char *lead;    /* an agent's name */
	char *manager; /* an agent's name */
	struct conf_strings members;   /* agents' names */
	int assign;                    /* enum conf_assign */
	struct conf_strings languages; /* handled; empty: any */
};

/*
 * A classification rule: every condition given must hold (keyword lists
 * match case-insensitively, CJK-aware; *_all needs every word), then the
 * actions apply; stop ends the evaluation.
 */
struct conf_rule {
	char *name;
	struct conf_strings subject_any, subject_all;
	struct conf_strings body_any, body_all;
	struct conf_strings text_any, text_all;     /* subject or body */
	char *subject_regex, *body_regex;           /* PCRE2, UTF-8 */
	struct conf_strings sender;                 /* addresses or "@domain" */
	struct conf_strings mailbox;                /* mailbox names */
	struct conf_strings language;               /* "en", "zh" ... */
	struct conf_strings tier;                   /* customer tiers */
	int has_attachment;                         /* -1 any, 0 none, 1 some */
	char *category, *severity, *team, *product; /* NULL: unchanged */
	struct conf_strings tags;
	int boost; /* priority added */
	bool stop;
};

/* A route: the first whose conditions hold names the ticket's team. */
struct conf_route {
	struct conf_strings category, mailbox, product, language;
	char *team;
};

struct conf_classify {
	struct conf_strings categories;
	int min_confidence; /* percent the model must reach to decide */
	char *default_category;
	char *default_severity;
	char *default_team; /* when no rule or route names one */
};

/* The priority score: see docs/ARCHITECTURE.md. */
struct conf_priority {
	int general, serious, urgent; /* by severity */
	struct conf_strings vip;      /* addresses or "@domain" */
	int vip_boost;                /* added for a VIP customer */
	int per_recent;               /* per complaint of the customer's in
	                                 repeat.window, the first excluded */
	int max_recent;               /* at most this much from those */
};

/* Customers who complain often. */
struct conf_repeat {
	int threshold; /* more complaints than this in window: tagged */
	long window;   /* seconds */
	char *tag;
	int boost;
};

/* ---- Satisfaction surveys ("Agents and surveys") ------------------- */

enum conf_survey_on_low { CONF_SURVEY_NOTIFY, CONF_SURVEY_REOPEN };

struct conf_survey {
	bool enabled;
	long delay;      /* after closing, seconds */
	bool nps;        /* also ask how likely to recommend, 0..10 */
	bool aspects;    /* also ask for speed, result and overall, 1..5 */
	int low_rating;  /* at or below: on_low happens */
	int on_low;      /* enum conf_survey_on_low */
	long throttle;   /* no survey to a customer who got one this recently */
	long answer_for; /* answers accepted this long after sending */
};

/* ---- Early warning: surges of complaints (surge.h has the rule) ---- */

struct conf_surge {
	bool enabled;
	long window;        /* new tickets counted over this, seconds */
	long baseline;      /* the usual rate from this before the window */
	int factor_percent; /* a surge is this % of the usual rate (300) */
	int min_tickets;    /* and at least this many in the window */
	int urgent_count;   /* or this many urgent tickets (0: off) ... */
	long urgent_window; /* ... within this */
	long quiet;         /* an episode ends this long after the last */
	long check_every;   /* the scheduler looks this often */
};

/* ---- Metrics for Prometheus ("Reports, dashboard and metrics") ----- */

/* node_exporter's textfile collector: the metrics written to a file. */
struct conf_metrics {
	char *textfile; /* NULL: no file written */
	long interval;  /* seconds between writes */
};

/* ---- SLA: business calendars and policies ("SLA") ---------------- */

#define CONF_MAX_INTERVALS 8 /* per day */
#define CONF_MAX_DATES 400   /* holidays, and extra days, per calendar */
#define CONF_MAX_LEVELS 3    /* escalation levels per policy */
/* The calendar every instant belongs to; no section needed. */
#define CONF_CALENDAR_ALWAYS "24x7"

/*
 * A business calendar.  The strings are as written; hours, holidays and
 * extra_days are what they say, parsed (conf_sla.c), for
 * sla_calendar_new.
 */
struct conf_calendar {
	char *name;
	char *timezone;
	/* "HH:MM-HH:MM" each; weekdays: Monday to Friday where not given. */
	struct conf_strings monday, tuesday, wednesday, thursday, friday,
	    saturday, sunday, weekdays;
	struct conf_strings holidays, extra_days; /* "YYYY-MM-DD" */
	struct conf_strings extra_hours;          /* default: Monday's */
	/* Parsed. */
	struct sla_interval hours[7][CONF_MAX_INTERVALS]; /* [0] Monday */
	size_t n_hours[7];
	struct sla_interval extra_intervals[CONF_MAX_INTERVALS];
	size_t n_extra_intervals;
	int32_t holiday_days[CONF_MAX_DATES], extra_day_nums[CONF_MAX_DATES];
	size_t n_holiday_days, n_extra_day_nums;
};

enum conf_notify {
	CONF_NOTIFY_BUSINESS_HOURS, /* outside them, notices wait */
	CONF_NOTIFY_IMMEDIATELY,
};

/* An escalation level: after the breach, these people are told. */
struct conf_level {
	long after;             /* business seconds after the breach */
	struct conf_strings to; /* "assignee", "team", "lead", "manager" or
	                           agents' names; empty: no such level */
	int raise;              /* priority points added when it fires */
};

/*
 * An SLA policy: the first whose conditions all hold is the ticket's.
 * Targets are business seconds on the calendar; 0: not tracked.
 */
struct conf_policy {
	char *name;
	struct conf_strings severity, category, mailbox, tier;
	int min_priority; /* -1: any */
	long first_response, next_response, resolution;
	char *calendar; /* a calendar's name or "24x7" */
	char *warn;     /* "80%" of the target, or a duration before it */
	int notify;     /* enum conf_notify */
	struct conf_level levels[CONF_MAX_LEVELS];
	/* Parsed from warn: one of the two is set. */
	int warn_percent; /* -1: warn_before */
	long warn_before; /* business seconds before the deadline */
};

/* The categories when the configuration lists none. */
extern const char *const conf_default_categories[];
/* The most categories a desk may have: the model learns one class each. */
#define CONF_MAX_CATEGORIES 64
/* The severities, least to most pressing. */
extern const char *const conf_severities[];

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
	struct conf_agent *agents;
	size_t n_agents;
	struct conf_team *teams;
	size_t n_teams;
	struct conf_rule *rules;
	size_t n_rules;
	struct conf_route *routes;
	size_t n_routes;
	struct conf_classify classify;
	struct conf_priority priority;
	struct conf_repeat repeat;
	struct conf_survey survey;
	struct conf_surge surge;
	struct conf_metrics metrics;
	struct conf_calendar *calendars;
	size_t n_calendars;
	struct conf_policy *policies;
	size_t n_policies;
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

const struct conf_agent *conf_agent_find(const struct conf *conf,
                                         const char *name);
const struct conf_team *conf_team_find(const struct conf *conf,
                                       const char *name);
/* true when category is one of the configured categories. */
bool conf_category_known(const struct conf *conf, const char *category);
/* address is in list, whose entries are addresses or "@domain"s
 * (compared case-insensitively). */
bool conf_address_in(const struct conf_strings *list, const char *address);
/* A condition on a list: empty allows any value; otherwise value must be
 * one of it (case-insensitive; NULL is none). */
bool conf_list_allows(const struct conf_strings *list, const char *value);
/* The severity's index in conf_severities, or -1. */
int conf_severity_index(const char *severity);

/* The calendar named name (not "24x7"); NULL when there is none. */
const struct conf_calendar *conf_calendar_find(const struct conf *conf,
                                               const char *name);
/* c as a spec for sla_calendar_new (pointing into c). */
void conf_calendar_spec(const struct conf_calendar *c,
                        struct sla_calendar_spec *spec);
/* Whether p has no conditions: the default policy. */
bool conf_policy_is_default(const struct conf_policy *p);

/* Finds a mailbox by name; NULL when there is none. */
const struct conf_mailbox *conf_mailbox_find(const struct conf *conf,
                                             const char *name);

#endif
