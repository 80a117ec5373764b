/*
 * conf_outbound: the sections about mail the desk sends — "ack" (when
 * customers are acknowledged) and "templates" (the texts, checked here so
 * a missing file or an unknown placeholder is a configuration error, not
 * a surprise in front of a customer).
 */
#include "conf.h"
#include "conf_p.h"
#include "template.h"
#include "version.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char *const conf_template_kinds[] = {
    "ack",
    "notify_new",
    "notify_reply",
    "urgent_alert",
    "repeat_customer",
    "sla_notice",
    "reply",
    "survey",
    "survey_low",
    "surge_alert",
    NULL,
};

const char *const conf_template_placeholders[] = {
    "ticket",
    "ticket_ref",
    "tag",
    "desk_name",
    "customer_name",
    "customer_address",
    "subject",
    "received",
    "first_response_due",
    "mailbox",
    "order_number",
    "expected_resolution",
    "text",
    "language",
    "category",
    "severity",
    "priority",
    "team",
    "assignee",
    "reasons",
    "recipient_name",
    "complaints",
    "window",
    "sla_headline",
    "sla_items",
    "sla_count",
    "reply_text",
    "agent_name",
    "closed",
    "survey_ref",
    "rate_1",
    "rate_2",
    "rate_3",
    "rate_4",
    "rate_5",
    "nps",
    "aspects",
    "unsubscribe",
    "rating",
    "survey_scores",
    "survey_comment",
    "surge_headline",
    "surge_dimension",
    "surge_value",
    "surge_count",
    "surge_baseline",
    "surge_window",
    "surge_rule",
    "surge_started",
    "surge_words",
    "surge_tickets",
    "surge_quiet",
    NULL,
};

/* "2026-12-01", "2026-12-01T08:00", with seconds, "Z" or "+01:00": UTC
 * unless an offset says otherwise.  0 or -1. */
static int
conf_parse_date(const char *s, long long *t_r)
{
	struct tm tm = {0};
	int sign = 1, oh = 0, om = 0, used = 0;
	char rest[16] = "";

	if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &used) != 3)
		return -1;
	s += used;
	if ((*s == 'T' || *s == ' ') &&
	    sscanf(s + 1, "%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &used) == 2) {
		s += 1 + used;
		if (*s == ':' && sscanf(s + 1, "%2d%n", &tm.tm_sec, &used) == 1)
			s += 1 + used;
	}
	if ((*s == '+' || *s == '-') &&
	    sscanf(s + 1, "%2d:%2d%15s", &oh, &om, rest) >= 2 && !rest[0]) {
		sign = *s == '-' ? -1 : 1;
		s = "";
	}
	if (*s == 'Z')
		s++;
	if (*s != '\0' || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t_r = (long long)timegm(&tm) - sign * (oh * 3600LL + om * 60LL);
	return 0;
}

static int
conf_check_since(struct conf_ctx *ctx, const config_setting_t *s,
                 const void *field)
{
	const char *v = *(char *const *)field;
	long long t;

	if (conf_parse_date(v, &t) == 0)
		return 0;
	conf_error(ctx, s,
	           "\"%s\" is not a date such as \"2026-12-01\" or "
	           "\"2026-12-01T08:00+01:00\"",
	           v);
	return -1;
}

static int
conf_check_fixed_language(struct conf_ctx *ctx, const config_setting_t *s,
                          const void *field)
{
	if (strcmp(*(char *const *)field, "auto") == 0)
		return 0;
	return conf_check_language(ctx, s, field);
}

const struct conf_key conf_ack_keys[] = {
    KEY(struct conf_ack, enabled, CONF_KIND_BOOL, .def = "true"),
    KEY(struct conf_ack, max_per_hour, CONF_KIND_INT, .def = "3", .min = 1,
        .max = 1000),
    KEY(struct conf_ack, first_response, CONF_KIND_DURATION, .def = "24h",
        .min = 60, .max = 30L * 86400),
    KEY(struct conf_ack, since, CONF_KIND_STRING, .check = conf_check_since),
    KEY(struct conf_ack, bounce_pause, CONF_KIND_DURATION, .def = "30d",
        .min = 0, .max = 365L * 86400),
    KEY_END,
};

const struct conf_key conf_templates_keys[] = {
    KEY(struct conf_templates, dir, CONF_KIND_STRING, .flags = CONF_PATH,
        .def = COMPLAINTD_DATA_DIR "/templates"),
    KEY(struct conf_templates, default_language, CONF_KIND_STRING, .def = "en",
        .check = conf_check_language),
    KEY(struct conf_templates, language, CONF_KIND_STRING, .def = "auto",
        .check = conf_check_fixed_language),
    KEY_END,
};

int
conf_finish_ack(struct conf_ctx *ctx, const config_setting_t *group, void *elem,
                struct conf *conf)
{
	struct conf_ack *ack = elem;

	(void)ctx;
	(void)group;
	(void)conf;
	ack->since_time = -1;
	if (ack->since != NULL)
		conf_parse_date(ack->since, &ack->since_time);
	return 0;
}

int
conf_finish_templates(struct conf_ctx *ctx, const config_setting_t *group,
                      void *elem, struct conf *conf)
{
	struct conf_templates *tp = elem;

	(void)ctx;
	(void)conf;
	tp->line = group != NULL ? (int)group->line : 1;
	return 0;
}

/* Every kind of one language's templates parses, with known fields. */
static int
conf_check_language_dir(const struct conf *conf, const char *lang,
                        struct conf_errors *errors)
{
	const struct conf_templates *tp = &conf->templates;
	int failed = 0;

	for (size_t k = 0; conf_template_kinds[k] != NULL; k++) {
		struct template t;
		char path[4096], err[600], line[6000];

		snprintf(path, sizeof(path), "%s/%s/%s.txt", tp->dir, lang,
		         conf_template_kinds[k]);
		if (template_load(path, &t, err, sizeof(err)) != 0 ||
		    template_check(&t, conf_template_placeholders, err,
		                   sizeof(err)) != 0) {
			snprintf(line, sizeof(line), "%s:%d: templates: %s: %s",
			         conf->path, tp->line, path, err);
			conf_errors_add(errors, line);
			failed = -1;
		}
		template_clear(&t);
	}
	return failed;
}

int
conf_check_templates(const struct conf *conf, struct conf_errors *errors)
{
	const struct conf_templates *tp = &conf->templates;
	struct dirent *e;
	char line[4500];
	DIR *d = opendir(tp->dir);
	int rc = 0;

	if (d == NULL) {
		snprintf(line, sizeof(line),
		         "%s:%d: templates: directory %s cannot be read",
		         conf->path, tp->line, tp->dir);
		conf_errors_add(errors, line);
		return -1;
	}
	rc |= conf_check_language_dir(conf, tp->default_language, errors);
	if (strcmp(tp->language, "auto") != 0 &&
	    strcmp(tp->language, tp->default_language) != 0)
		rc |= conf_check_language_dir(conf, tp->language, errors);
	while ((e = readdir(d)) != NULL) {
		char sub[4096];
		struct stat st;

		snprintf(sub, sizeof(sub), "%s/%s", tp->dir, e->d_name);
		if (e->d_name[0] == '.' || stat(sub, &st) != 0 ||
		    !S_ISDIR(st.st_mode) ||
		    strcmp(e->d_name, tp->default_language) == 0 ||
		    strcmp(e->d_name, tp->language) == 0)
			continue;
		rc |= conf_check_language_dir(conf, e->d_name, errors);
	}
	closedir(d);
	return rc ? -1 : 0;
}

struct conf *
conf_load_all(const char *path, struct conf_errors *errors)
{
	struct conf *conf = conf_load(path, errors);

	if (conf != NULL && conf_check_templates(conf, errors) != 0) {
		conf_free(conf);
		return NULL;
	}
	return conf;
}
