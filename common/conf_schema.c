/*
 * conf_schema: what the configuration file may contain — one key table per
 * section, with type, default, range and checks — and the cross-key rules
 * of each section.  To add a section: a struct in conf.h, a table here and
 * one line in conf_sections.
 */
#include "conf.h"
#include "conf_p.h"
#include "extract.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define ZONEINFO_DIR "/usr/share/zoneinfo"

bool
conf_all_chars(const char *s, const char *allowed_punct, bool upper_ok)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (islower(c) || isdigit(c) || (upper_ok && isupper(c)))
			continue;
		if (c < 0x80 && strchr(allowed_punct, c) != NULL)
			continue;
		return false;
	}
	return true;
}

/* An addr-spec as the desk writes it: local@domain, no spaces or brackets. */
bool
conf_is_address(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c == 0x7f || strchr("<>()[],;:\\\"", c))
			return false;
	}
	return strchr(at, '.') != NULL || strcmp(at + 1, "localhost") == 0;
}

int
conf_check_address(struct conf_ctx *ctx, const config_setting_t *s,
                   const void *field)
{
	const char *v = *(char *const *)field;

	if (conf_is_address(v))
		return 0;
	conf_error(ctx, s, "\"%s\" is not a mail address (local@domain)", v);
	return -1;
}

static int
conf_check_addresses(struct conf_ctx *ctx, const config_setting_t *s,
                     const void *field)
{
	const struct conf_strings *list = field;

	for (size_t i = 0; i < list->n; i++) {
		if (!conf_is_address(list->v[i])) {
			conf_error(
			    ctx, s,
			    "\"%s\" is not a mail address (local@domain)",
			    list->v[i]);
			return -1;
		}
		/* Compared case-insensitively everywhere, so stored folded. */
		for (char *p = list->v[i]; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	return 0;
}

/* "ACME Support <support@acme.example>" or a bare address. */
static int
conf_check_from(struct conf_ctx *ctx, const config_setting_t *s,
                const void *field)
{
	const char *v = *(char *const *)field;
	const char *lt = strrchr(v, '<');
	char *addr;
	int ok;

	if (strpbrk(v, "\r\n") != NULL) {
		conf_error(ctx, s, "must be one line");
		return -1;
	}
	if (lt == NULL)
		return conf_check_address(ctx, s, field);
	if (v[strlen(v) - 1] != '>') {
		conf_error(ctx, s, "\"%s\" should read \"Name <local@domain>\"",
		           v);
		return -1;
	}
	addr = strndup(lt + 1, strlen(lt + 1) - 1);
	if (addr == NULL)
		return -1;
	ok = conf_is_address(addr);
	free(addr);
	if (ok)
		return 0;
	conf_error(ctx, s, "\"%s\" holds no valid mail address", v);
	return -1;
}

static int
conf_check_mailbox_name(struct conf_ctx *ctx, const config_setting_t *s,
                        const void *field)
{
	const char *v = *(char *const *)field;

	if (strlen(v) <= 32 && conf_all_chars(v, "_-", false))
		return 0;
	conf_error(ctx, s,
	           "\"%s\" must be 1-32 characters of a-z, 0-9, '_' and '-'",
	           v);
	return -1;
}

static int
conf_check_tag(struct conf_ctx *ctx, const config_setting_t *s,
               const void *field)
{
	const char *v = *(char *const *)field;

	if (strlen(v) <= 32 && conf_all_chars(v, "._-", true))
		return 0;
	conf_error(ctx, s,
	           "\"%s\" must be 1-32 characters of letters, digits, '.', "
	           "'_' and '-' (subjects then read \"[TAG #123]\")",
	           v);
	return -1;
}

static int
conf_check_domain(struct conf_ctx *ctx, const config_setting_t *s,
                  const void *field)
{
	const char *v = *(char *const *)field;

	if (strlen(v) <= 253 && strchr(v, '.') != NULL && v[0] != '.' &&
	    conf_all_chars(v, ".-", false))
		return 0;
	conf_error(ctx, s, "\"%s\" is not a lower-case domain name", v);
	return -1;
}

/* The domain of our Message-IDs defaults to the desk's first address's. */
static int
conf_finish_desk(struct conf_ctx *ctx, const config_setting_t *group,
                 void *elem, struct conf *conf)
{
	struct conf_desk *desk = elem;
	const char *at;

	(void)ctx;
	(void)group;
	(void)conf;
	if (desk->domain != NULL || desk->addresses.n == 0)
		return 0;
	at = strchr(desk->addresses.v[0], '@');
	desk->domain = strdup(at ? at + 1 : "localhost");
	return desk->domain ? 0 : -1;
}

static int
conf_check_timezone(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field)
{
	const char *v = *(char *const *)field;
	char path[256];
	struct stat st;

	if (conf_all_chars(v, "/_+-", true) && strstr(v, "..") == NULL &&
	    v[0] != '/') {
		snprintf(path, sizeof(path), "%s/%s", ZONEINFO_DIR, v);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	conf_error(ctx, s,
	           "\"%s\" is not a known IANA time zone (such as "
	           "\"Europe/Berlin\" or \"UTC\"; see " ZONEINFO_DIR ")",
	           v);
	return -1;
}

static int
conf_check_readable(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field)
{
	const char *v = *(char *const *)field;

	if (access(v, R_OK) == 0)
		return 0;
	conf_error(ctx, s, "cannot read %s", v);
	return -1;
}

int
conf_check_language(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field)
{
	const char *v = *(char *const *)field;
	size_t n = strlen(v);

	if (n >= 2 && n <= 8 && conf_all_chars(v, "-", false))
		return 0;
	conf_error(ctx, s, "\"%s\" is not a language code such as \"en\"", v);
	return -1;
}

static int
conf_check_folder(struct conf_ctx *ctx, const config_setting_t *s,
                  const void *field)
{
	const char *v = *(char *const *)field;

	for (; *v != '\0'; v++) {
		if ((unsigned char)*v < 0x20 || *v == '"' || *v == '\\') {
			conf_error(ctx, s,
			           "must not contain control characters, "
			           "quotes or backslashes");
			return -1;
		}
	}
	return 0;
}

static int
conf_check_after_fetch(struct conf_ctx *ctx, const config_setting_t *s,
                       const void *field)
{
	const char *v = *(char *const *)field;

	if (strcmp(v, "flag") == 0 || strcmp(v, "none") == 0)
		return 0;
	if (strncmp(v, "move:", 5) == 0 && v[5] != '\0') {
		const char *folder = v + 5;
		return conf_check_folder(ctx, s, &folder);
	}
	conf_error(ctx, s,
	           "\"%s\" is not \"flag\", \"none\" or \"move:FOLDER\"", v);
	return -1;
}

static int
conf_check_smtp_url(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field)
{
	const char *v = *(char *const *)field;
	const char *host = NULL;

	if (strncmp(v, "smtp://", 7) == 0)
		host = v + 7;
	else if (strncmp(v, "smtps://", 8) == 0)
		host = v + 8;
	if (host != NULL && *host != '\0' && *host != '/' && *host != ':' &&
	    strpbrk(v, " \t\r\n") == NULL)
		return 0;
	conf_error(ctx, s,
	           "\"%s\" is not smtp://HOST[:PORT] or smtps://HOST[:PORT]",
	           v);
	return -1;
}

static int
conf_check_patterns(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field)
{
	const struct conf_strings *list = field;
	char err[512];

	for (size_t i = 0; i < list->n; i++) {
		if (extract_pattern_check(list->v[i], err, sizeof(err)) != 0) {
			conf_error(ctx, s, "%s", err);
			return -1;
		}
	}
	return 0;
}

static const char *const conf_log_levels[] = {"debug", "info", "warning",
                                              "error", NULL};
static const char *const conf_tls_modes[] = {"implicit", "starttls", "none",
                                             NULL};
static const char *const conf_auth_modes[] = {"auto", "plain", "login", NULL};
static const char *const conf_smtp_tls_modes[] = {"required", "opportunistic",
                                                  "none", NULL};

static const struct conf_key conf_store_keys[] = {
    KEY(struct conf_store, path, CONF_KIND_STRING, .flags = CONF_PATH,
        .def = "/var/lib/complaintd/complaintd.db"),
    KEY_END,
};

static const struct conf_key conf_log_keys[] = {
    KEY(struct conf_log, level, CONF_KIND_ENUM, .def = "info",
        .choices = conf_log_levels),
    KEY_END,
};

static const struct conf_key conf_desk_keys[] = {
    KEY(struct conf_desk, name, CONF_KIND_STRING, .flags = CONF_REQUIRED),
    KEY(struct conf_desk, addresses, CONF_KIND_STRINGS, .flags = CONF_REQUIRED,
        .min = 1, .check = conf_check_addresses),
    KEY(struct conf_desk, ticket_tag, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_tag),
    KEY(struct conf_desk, timezone, CONF_KIND_STRING, .def = "UTC",
        .check = conf_check_timezone),
    KEY(struct conf_desk, domain, CONF_KIND_STRING, .check = conf_check_domain),
    KEY(struct conf_desk, plus_addressing, CONF_KIND_BOOL, .def = "false"),
    KEY_END,
};

static const struct conf_key conf_mailbox_keys[] = {
    KEY(struct conf_mailbox, name, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_mailbox_name),
    KEY(struct conf_mailbox, host, CONF_KIND_STRING, .flags = CONF_REQUIRED),
    KEY(struct conf_mailbox, port, CONF_KIND_INT, .def = "0", .min = 1,
        .max = 65535),
    KEY(struct conf_mailbox, tls, CONF_KIND_ENUM, .def = "implicit",
        .choices = conf_tls_modes),
    KEY(struct conf_mailbox, ca_file, CONF_KIND_STRING, .flags = CONF_PATH,
        .check = conf_check_readable),
    KEY(struct conf_mailbox, tls_verify, CONF_KIND_BOOL, .def = "true"),
    KEY(struct conf_mailbox, user, CONF_KIND_STRING, .flags = CONF_REQUIRED),
    KEY(struct conf_mailbox, password, CONF_KIND_STRING, .flags = CONF_SECRET),
    KEY(struct conf_mailbox, password_file, CONF_KIND_STRING,
        .flags = CONF_PATH),
    KEY(struct conf_mailbox, auth, CONF_KIND_ENUM, .def = "auto",
        .choices = conf_auth_modes),
    KEY(struct conf_mailbox, folder, CONF_KIND_STRING, .def = "INBOX",
        .check = conf_check_folder),
    KEY(struct conf_mailbox, after_fetch, CONF_KIND_STRING, .def = "flag",
        .check = conf_check_after_fetch),
    KEY(struct conf_mailbox, idle, CONF_KIND_BOOL, .def = "true"),
    KEY(struct conf_mailbox, poll_interval, CONF_KIND_DURATION, .def = "60s",
        .min = 1, .max = 86400),
    KEY(struct conf_mailbox, timeout, CONF_KIND_DURATION, .def = "60s",
        .min = 5, .max = 3600),
    KEY(struct conf_mailbox, max_message_size, CONF_KIND_SIZE, .def = "25M",
        .min = 1024, .max = 1LL << 30),
    KEY(struct conf_mailbox, team, CONF_KIND_STRING),
    KEY(struct conf_mailbox, weight, CONF_KIND_INT, .def = "0", .min = -100,
        .max = 100),
    KEY_END,
};

static const struct conf_key conf_smtp_keys[] = {
    KEY(struct conf_smtp, url, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_smtp_url),
    KEY(struct conf_smtp, user, CONF_KIND_STRING),
    KEY(struct conf_smtp, password, CONF_KIND_STRING, .flags = CONF_SECRET),
    KEY(struct conf_smtp, password_file, CONF_KIND_STRING, .flags = CONF_PATH),
    KEY(struct conf_smtp, from, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_from),
    KEY(struct conf_smtp, tls, CONF_KIND_ENUM, .def = "required",
        .choices = conf_smtp_tls_modes),
    KEY(struct conf_smtp, ca_file, CONF_KIND_STRING, .flags = CONF_PATH,
        .check = conf_check_readable),
    KEY(struct conf_smtp, tls_verify, CONF_KIND_BOOL, .def = "true"),
    KEY(struct conf_smtp, timeout, CONF_KIND_DURATION, .def = "60s", .min = 5,
        .max = 3600),
    KEY(struct conf_smtp, retry_for, CONF_KIND_DURATION, .def = "2d", .min = 60,
        .max = 30L * 86400),
    KEY_END,
};

static const struct conf_key conf_ingest_keys[] = {
    KEY(struct conf_ingest, reopen_window, CONF_KIND_DURATION, .def = "30d",
        .min = 0, .max = 3650L * 86400),
    KEY(struct conf_ingest, max_attachment_size, CONF_KIND_SIZE, .def = "10M",
        .min = 1024, .max = 1LL << 30),
    KEY_END,
};

static const struct conf_key conf_extract_keys[] = {
    KEY(struct conf_extract, order_patterns, CONF_KIND_STRINGS,
        .check = conf_check_patterns),
    KEY(struct conf_extract, refund, CONF_KIND_STRINGS),
    KEY(struct conf_extract, exchange, CONF_KIND_STRINGS),
    KEY(struct conf_extract, repair, CONF_KIND_STRINGS),
    KEY(struct conf_extract, apology, CONF_KIND_STRINGS),
    KEY_END,
};

/*
 * password and password_file are alternatives; the file wins no
 * precedence because a file silently overriding an inline secret (or the
 * reverse) hides which one is really used.
 */
static int
conf_finish_secret(struct conf_ctx *ctx, const config_setting_t *group,
                   char **password, const char *password_file, bool required)
{
	if (*password != NULL && password_file != NULL) {
		conf_error(ctx, group,
		           "set either \"password\" or \"password_file\", "
		           "not both");
		return -1;
	}
	if (password_file != NULL) {
		*password = conf_read_secret(
		    ctx, config_setting_get_member(group, "password_file"),
		    password_file);
		return *password ? 0 : -1;
	}
	if (*password == NULL && required) {
		conf_error(ctx, group,
		           "missing \"password\" or \"password_file\"");
		return -1;
	}
	return 0;
}

static int
conf_finish_mailbox(struct conf_ctx *ctx, const config_setting_t *group,
                    void *elem, struct conf *conf)
{
	struct conf_mailbox *mb = elem;

	for (size_t i = 0; i + 1 < conf->n_mailboxes; i++) {
		/* An earlier mailbox that failed may have no name. */
		if (conf->mailboxes[i].name != NULL && mb->name != NULL &&
		    strcmp(conf->mailboxes[i].name, mb->name) == 0) {
			conf_error(ctx, group,
			           "duplicate mailbox name \"%s\" (also "
			           "mailboxes[%zu])",
			           mb->name, i);
			return -1;
		}
	}
	if (mb->port == 0)
		mb->port = mb->tls == CONF_TLS_IMPLICIT ? 993 : 143;
	mb->after_fetch_action =
	    strcmp(mb->after_fetch, "flag") == 0   ? CONF_AFTER_FETCH_FLAG
	    : strcmp(mb->after_fetch, "none") == 0 ? CONF_AFTER_FETCH_NONE
	                                           : CONF_AFTER_FETCH_MOVE;
	mb->move_folder = mb->after_fetch_action == CONF_AFTER_FETCH_MOVE
	                      ? mb->after_fetch + 5
	                      : NULL;
	if (mb->move_folder != NULL &&
	    strcmp(mb->move_folder, mb->folder) == 0) {
		conf_error(ctx, group,
		           "after_fetch moves mail into \"%s\", the folder it "
		           "is fetched from",
		           mb->folder);
		return -1;
	}
	return conf_finish_secret(ctx, group, &mb->password, mb->password_file,
	                          true);
}

static int
conf_finish_smtp(struct conf_ctx *ctx, const config_setting_t *group,
                 void *elem, struct conf *conf)
{
	struct conf_smtp *smtp = elem;

	(void)conf;
	if (smtp->tls == CONF_SMTP_TLS_NONE &&
	    strncmp(smtp->url, "smtps://", 8) == 0) {
		conf_error(ctx, group,
		           "tls = \"none\" contradicts the smtps:// URL");
		return -1;
	}
	if (smtp->user == NULL &&
	    (smtp->password != NULL || smtp->password_file != NULL)) {
		conf_error(ctx, group, "a password is set but no \"user\"");
		return -1;
	}
	return conf_finish_secret(ctx, group, &smtp->password,
	                          smtp->password_file, smtp->user != NULL);
}

const struct conf_section conf_sections[] = {
    {.name = "store",
     .keys = conf_store_keys,
     .offset = offsetof(struct conf, store)},
    {.name = "log",
     .keys = conf_log_keys,
     .offset = offsetof(struct conf, log)},
    {.name = "desk",
     .flags = CONF_REQUIRED,
     .keys = conf_desk_keys,
     .offset = offsetof(struct conf, desk),
     .finish = conf_finish_desk},
    {.name = "mailboxes",
     .flags = CONF_LIST,
     .keys = conf_mailbox_keys,
     .offset = offsetof(struct conf, mailboxes),
     .elem_size = sizeof(struct conf_mailbox),
     .count_offset = offsetof(struct conf, n_mailboxes),
     .finish = conf_finish_mailbox},
    {.name = "smtp",
     .flags = CONF_REQUIRED,
     .keys = conf_smtp_keys,
     .offset = offsetof(struct conf, smtp),
     .finish = conf_finish_smtp},
    {.name = "ack",
     .keys = conf_ack_keys,
     .offset = offsetof(struct conf, ack),
     .finish = conf_finish_ack},
    {.name = "ingest",
     .keys = conf_ingest_keys,
     .offset = offsetof(struct conf, ingest)},
    {.name = "extract",
     .keys = conf_extract_keys,
     .offset = offsetof(struct conf, extract)},
    {.name = "templates",
     .keys = conf_templates_keys,
     .offset = offsetof(struct conf, templates),
     .finish = conf_finish_templates},
    {.name = NULL},
};
