/*
 * conf_sla: the calendars and policies sections ("SLA").  Hours and dates
 * are parsed here, so a calendar that cannot work — overlapping hours, an
 * unknown time zone, no business time at all — is a FILE:LINE error, and
 * the scheduler never meets one.
 */
#include "conf.h"
#include "conf_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const conf_notify_choices[] = {"business_hours",
                                                  "immediately", NULL};

/* "80%" (1-99) or a duration before the deadline. */
static int
conf_check_warn(struct conf_ctx *ctx, const config_setting_t *s,
                const void *field)
{
	const char *v = *(char *const *)field;
	size_t n = strlen(v);
	long seconds;
	char *end;

	if (n > 1 && v[n - 1] == '%') {
		long pct = strtol(v, &end, 10);
		if (end == v + n - 1 && pct >= 1 && pct <= 99)
			return 0;
	} else if (conf_parse_duration(v, &seconds) == 0) {
		return 0;
	}
	conf_error(ctx, s,
	           "\"%s\" is neither a share of the target (\"80%%\", 1%% "
	           "to 99%%) nor a time before the deadline (\"30m\")",
	           v);
	return -1;
}

static const struct conf_key conf_calendar_keys[] = {
    KEY(struct conf_calendar, name, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_name),
    KEY(struct conf_calendar, timezone, CONF_KIND_STRING,
        .flags = CONF_REQUIRED),
    KEY(struct conf_calendar, monday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, tuesday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, wednesday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, thursday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, friday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, saturday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, sunday, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, weekdays, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, holidays, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, extra_days, CONF_KIND_STRINGS),
    KEY(struct conf_calendar, extra_hours, CONF_KIND_STRINGS),
    KEY_END,
};

#define LEVEL_KEYS(n_)                                                         \
	{.name = "level" #n_ "_after",                                         \
	 .offset = offsetof(struct conf_policy, levels[n_ - 1].after),         \
	 .kind = CONF_KIND_DURATION,                                           \
	 .def = "0s",                                                          \
	 .min = 0,                                                             \
	 .max = 365L * 86400},                                                 \
	    {.name = "level" #n_ "_to",                                        \
	     .offset = offsetof(struct conf_policy, levels[n_ - 1].to),        \
	     .kind = CONF_KIND_STRINGS},                                       \
	{                                                                      \
		.name = "level" #n_ "_raise",                                  \
		.offset = offsetof(struct conf_policy, levels[n_ - 1].raise),  \
		.kind = CONF_KIND_INT, .def = "0", .min = 0, .max = 1000       \
	}

static const struct conf_key conf_policy_keys[] = {
    KEY(struct conf_policy, name, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_name),
    KEY(struct conf_policy, severity, CONF_KIND_STRINGS),
    KEY(struct conf_policy, category, CONF_KIND_STRINGS),
    KEY(struct conf_policy, mailbox, CONF_KIND_STRINGS),
    KEY(struct conf_policy, tier, CONF_KIND_STRINGS),
    KEY(struct conf_policy, min_priority, CONF_KIND_INT, .def = "-1", .min = -1,
        .max = 100000),
    KEY(struct conf_policy, first_response, CONF_KIND_DURATION, .def = "0s",
        .min = 0, .max = 365L * 86400),
    KEY(struct conf_policy, next_response, CONF_KIND_DURATION, .def = "0s",
        .min = 0, .max = 365L * 86400),
    KEY(struct conf_policy, resolution, CONF_KIND_DURATION, .def = "0s",
        .min = 0, .max = 365L * 86400),
    KEY(struct conf_policy, calendar, CONF_KIND_STRING,
        .def = CONF_CALENDAR_ALWAYS),
    KEY(struct conf_policy, warn, CONF_KIND_STRING, .def = "80%",
        .check = conf_check_warn),
    KEY(struct conf_policy, notify, CONF_KIND_ENUM, .def = "business_hours",
        .choices = conf_notify_choices),
    LEVEL_KEYS(1),
    LEVEL_KEYS(2),
    LEVEL_KEYS(3),
    KEY_END,
};

/* Each "HH:MM-HH:MM" of list into out; -1 after reporting. */
static int
conf_sla_hours(struct conf_ctx *ctx, const config_setting_t *group,
               const char *key, const struct conf_strings *list,
               struct sla_interval *out, size_t *n_out)
{
	const config_setting_t *s = config_setting_get_member(group, key);
	char err[160];

	if (list->n > CONF_MAX_INTERVALS) {
		conf_error(ctx, s, "%zu intervals; at most %d a day", list->n,
		           CONF_MAX_INTERVALS);
		return -1;
	}
	for (size_t i = 0; i < list->n; i++)
		if (sla_parse_hours(list->v[i], &out[i], err, sizeof(err)) !=
		    0) {
			conf_error(ctx, s, "%s", err);
			return -1;
		}
	*n_out = list->n;
	return 0;
}

static int
conf_sla_dates(struct conf_ctx *ctx, const config_setting_t *group,
               const char *key, const struct conf_strings *list, int32_t *out,
               size_t *n_out)
{
	const config_setting_t *s = config_setting_get_member(group, key);
	char err[160];

	if (list->n > CONF_MAX_DATES) {
		conf_error(ctx, s, "%zu dates; at most %d", list->n,
		           CONF_MAX_DATES);
		return -1;
	}
	for (size_t i = 0; i < list->n; i++)
		if (sla_parse_date(list->v[i], &out[i], err, sizeof(err)) !=
		    0) {
			conf_error(ctx, s, "%s", err);
			return -1;
		}
	*n_out = list->n;
	return 0;
}

static int
conf_finish_calendar(struct conf_ctx *ctx, const config_setting_t *group,
                     void *elem, struct conf *conf)
{
	static const char *const names[7] = {"monday",   "tuesday", "wednesday",
	                                     "thursday", "friday",  "saturday",
	                                     "sunday"};
	struct conf_calendar *c = elem;
	const struct conf_strings *days[7] = {
	    &c->monday, &c->tuesday,  &c->wednesday, &c->thursday,
	    &c->friday, &c->saturday, &c->sunday};
	struct sla_interval weekdays[CONF_MAX_INTERVALS] = {{0, 0}};
	size_t n_weekdays = 0;
	struct sla_calendar_spec spec;
	char err[300];
	int rc = 0;

	(void)conf;
	if (c->name != NULL && strcmp(c->name, CONF_CALENDAR_ALWAYS) == 0) {
		conf_error(ctx, config_setting_get_member(group, "name"),
		           "\"%s\" is the built-in 24/7 calendar; pick another "
		           "name",
		           c->name);
		return -1;
	}
	/* Read once, reported once, checked even when every day has its
	 * own hours. */
	rc |= conf_sla_hours(ctx, group, "weekdays", &c->weekdays, weekdays,
	                     &n_weekdays);
	for (int d = 0; d < 7; d++) {
		if (d < 5 && days[d]->n == 0 && n_weekdays > 0) {
			memcpy(c->hours[d], weekdays, sizeof(weekdays));
			c->n_hours[d] = n_weekdays;
			continue;
		}
		rc |= conf_sla_hours(ctx, group, names[d], days[d], c->hours[d],
		                     &c->n_hours[d]);
	}
	rc |= conf_sla_hours(ctx, group, "extra_hours", &c->extra_hours,
	                     c->extra_intervals, &c->n_extra_intervals);
	rc |= conf_sla_dates(ctx, group, "holidays", &c->holidays,
	                     c->holiday_days, &c->n_holiday_days);
	rc |= conf_sla_dates(ctx, group, "extra_days", &c->extra_days,
	                     c->extra_day_nums, &c->n_extra_day_nums);
	if (rc != 0 || c->name == NULL || c->timezone == NULL)
		return -1;
	conf_calendar_spec(c, &spec);
	if (sla_calendar_spec_check(&spec, err, sizeof(err)) != 0) {
		conf_error(ctx, group, "%s", err);
		return -1;
	}
	return 0;
}

/* Whether p has no condition: the default every ticket falls back on. */
bool
conf_policy_is_default(const struct conf_policy *p)
{
	return p->severity.n == 0 && p->category.n == 0 && p->mailbox.n == 0 &&
	       p->tier.n == 0 && p->min_priority < 0;
}

static int
conf_finish_policy(struct conf_ctx *ctx, const config_setting_t *group,
                   void *elem, struct conf *conf)
{
	struct conf_policy *p = elem;
	size_t len = p->warn ? strlen(p->warn) : 0;

	(void)conf;
	if (p->first_response == 0 && p->next_response == 0 &&
	    p->resolution == 0) {
		conf_error(ctx, group,
		           "no target: give first_response, next_response or "
		           "resolution");
		return -1;
	}
	p->warn_percent = -1;
	if (len > 0 && p->warn[len - 1] == '%')
		p->warn_percent = atoi(p->warn);
	else if (p->warn != NULL &&
	         conf_parse_duration(p->warn, &p->warn_before) != 0)
		return -1;
	for (int i = 1; i < CONF_MAX_LEVELS; i++)
		if (p->levels[i].to.n > 0 && p->levels[i - 1].to.n == 0) {
			conf_error(ctx, group,
			           "level%d_to without level%d_to: levels "
			           "count from 1",
			           i + 1, i);
			return -1;
		}
	return 0;
}

void
conf_calendar_spec(const struct conf_calendar *c,
                   struct sla_calendar_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->name = c->name;
	spec->timezone = c->timezone;
	for (int d = 0; d < 7; d++) {
		spec->week[d] = c->hours[d];
		spec->n_week[d] = c->n_hours[d];
	}
	spec->holidays = c->holiday_days;
	spec->n_holidays = c->n_holiday_days;
	spec->extra_days = c->extra_day_nums;
	spec->n_extra_days = c->n_extra_day_nums;
	spec->extra_hours = c->n_extra_intervals ? c->extra_intervals : NULL;
	spec->n_extra_hours = c->n_extra_intervals;
}

const struct conf_calendar *
conf_calendar_find(const struct conf *conf, const char *name)
{
	for (size_t i = 0; name != NULL && i < conf->n_calendars; i++)
		if (strcmp(conf->calendars[i].name, name) == 0)
			return &conf->calendars[i];
	return NULL;
}

const struct conf_section conf_sla_sections[] = {
    {.name = "calendars",
     .flags = CONF_LIST,
     .keys = conf_calendar_keys,
     .offset = offsetof(struct conf, calendars),
     .elem_size = sizeof(struct conf_calendar),
     .count_offset = offsetof(struct conf, n_calendars),
     .finish = conf_finish_calendar},
    {.name = "policies",
     .flags = CONF_LIST,
     .keys = conf_policy_keys,
     .offset = offsetof(struct conf, policies),
     .elem_size = sizeof(struct conf_policy),
     .count_offset = offsetof(struct conf, n_policies),
     .finish = conf_finish_policy},
    {.name = NULL},
};
