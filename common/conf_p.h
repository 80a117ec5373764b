/*
 * conf_p.h: the table-driven validator shared by conf.c (the engine) and
 * conf_schema.c (the sections and keys).  A later feature adds a section by
 * adding a key table and one conf_section entry; the engine stays as it is.
 */
#ifndef COMPLAINTD_CONF_P_H
#define COMPLAINTD_CONF_P_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

enum conf_kind {
	CONF_KIND_STRING,   /* char * */
	CONF_KIND_INT,      /* int, within min..max */
	CONF_KIND_BOOL,     /* bool */
	CONF_KIND_DURATION, /* long seconds, written "30s", within min..max */
	CONF_KIND_SIZE,    /* long long bytes, written "25M", within min..max */
	CONF_KIND_ENUM,    /* int index into choices */
	CONF_KIND_STRINGS, /* struct conf_strings, an array of strings */
	CONF_KIND_TRISTATE, /* int: 1 true, 0 false, -1 absent (def "any") */
};

enum {
	CONF_REQUIRED = 1 << 0,
	CONF_SECRET = 1 << 1, /* value never echoed in messages */
	CONF_PATH = 1 << 2,   /* relative paths are taken from the file's dir */
	CONF_LIST = 1 << 3,   /* sections only: a list of groups */
};

struct conf_ctx;

struct conf_key {
	const char *name;
	enum conf_kind kind;
	unsigned flags;
	size_t offset;
	const char *def; /* default, in the file's own notation; NULL: none */
	long long min, max;
	const char *const *choices; /* NULL-terminated, for CONF_KIND_ENUM */
	/* Extra check on a present, well-typed value; 0 or -1 (reported). */
	int (*check)(struct conf_ctx *ctx, const config_setting_t *s,
	             const void *field);
};

struct conf_section {
	const char *name;
	unsigned flags;
	const struct conf_key *keys; /* terminated by a NULL name */
	size_t offset;       /* groups: the struct; lists: the array pointer */
	size_t elem_size;    /* lists: size of one element */
	size_t count_offset; /* lists: the size_t element count */
	/*
	 * Cross-key checks and derived fields, after every key was read;
	 * group is the setting of this group or list element (NULL when an
	 * optional group is absent).  Returns 0 or -1 (reported).
	 */
	int (*finish)(struct conf_ctx *ctx, const config_setting_t *group,
	              void *elem, struct conf *conf);
};

/* The kind comes first in the variadic part so that a key with no other
 * attributes still passes at least one argument (ISO C before C23). */
#define KEY(struct_, field_, ...)                                              \
	{                                                                      \
		.name = #field_, .offset = offsetof(struct_, field_),          \
		.kind = __VA_ARGS__                                            \
	}
#define KEY_END                                                                \
	{                                                                      \
		.name = NULL                                                   \
	}

/* NULL-terminated; defined in conf_schema.c. */
extern const struct conf_section conf_sections[];

/* Appends one error line (a copy). */
void conf_errors_add(struct conf_errors *errors, const char *line);

/* Records "FILE:LINE: message" for s (or the file itself when s is NULL). */
void conf_error(struct conf_ctx *ctx, const config_setting_t *s,
                const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Errors that follow are prefixed "section[index]" ("section" when index
 * is negative, nothing when section is NULL); group is the setting whose
 * own errors need no key name. */
void conf_set_where(struct conf_ctx *ctx, const char *section, int index,
                    const config_setting_t *group);

/* path resolved against the config file's directory; caller frees. */
char *conf_resolve_path(const struct conf_ctx *ctx, const char *path);

/*
 * Reads a secret from a file that must be readable and not readable by
 * others; the trailing newline is dropped.  Caller frees; NULL on error
 * (reported against s).
 */
char *conf_read_secret(struct conf_ctx *ctx, const config_setting_t *s,
                       const char *path);

/* Shared checks (conf_schema.c). */
int conf_check_language(struct conf_ctx *ctx, const config_setting_t *s,
                        const void *field);
int conf_check_address(struct conf_ctx *ctx, const config_setting_t *s,
                       const void *field);
/* Every byte a-z, 0-9 (A-Z too when upper_ok) or in allowed_punct. */
bool conf_all_chars(const char *s, const char *allowed_punct, bool upper_ok);
/* local@domain, no spaces or brackets. */
bool conf_is_address(const char *s);

/* The desk's people and rules (conf_desk.c). */
/* A name people type: a-z, 0-9, "_", "." and "-". */
int conf_check_name(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field);
extern const struct conf_section conf_desk_sections[];
/* Names that point at other sections (teams, agents, categories) are
 * checked once everything is read; each error names its line. */
void conf_check_references(struct conf_ctx *ctx, const config_setting_t *root,
                           struct conf *conf);

/* Satisfaction surveys (conf_survey.c). */
extern const struct conf_section conf_survey_sections[];

/* Early warning: surges of complaints (conf_surge.c). */
extern const struct conf_section conf_surge_sections[];

/* The metrics textfile (conf_metrics.c). */
extern const struct conf_section conf_metrics_sections[];

/* Calendars and policies (conf_sla.c). */
extern const struct conf_section conf_sla_sections[];

/* The outbound sections (conf_outbound.c). */
extern const struct conf_key conf_ack_keys[];
extern const struct conf_key conf_templates_keys[];
int conf_finish_ack(struct conf_ctx *ctx, const config_setting_t *group,
                    void *elem, struct conf *conf);
int conf_finish_templates(struct conf_ctx *ctx, const config_setting_t *group,
                          void *elem, struct conf *conf);

#endif
