/*
 * sla_cal: business calendars and the arithmetic of business time — pure
 * functions of (calendar, instants), so tests never sleep and any thread
 * may use one calendar at once.  Instants are seconds since the epoch.
 *
 * A calendar is open during its weekly hours, in its time zone: several
 * intervals a day, an interval may run past midnight into the next day
 * (22:00-06:00).  A holiday closes the intervals that start on that date;
 * an extra working day opens extra_hours (by default Monday's) on a date
 * that would otherwise be closed.  The "always" calendar (24/7) is open
 * at every instant: business time is wall time, with no gap at midnight.
 */
#ifndef COMPLAINTD_SLA_CAL_H
#define COMPLAINTD_SLA_CAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "Never": an instant no deadline reaches (a calendar with no hours). */
#define SLA_NEVER INT64_MAX

/* Minutes after local midnight: 0 <= start < end <= 2880; end > 1440
 * runs into the next day. */
struct sla_interval {
	int start, end;
};

/* What the configuration says; borrowed by sla_calendar_new. */
struct sla_calendar_spec {
	const char *name;                   /* for messages */
	const char *timezone;               /* IANA name */
	const struct sla_interval *week[7]; /* [0] Monday .. [6] Sunday */
	size_t n_week[7];
	const int32_t *holidays; /* days since 1970-01-01, any order */
	size_t n_holidays;
	const int32_t *extra_days; /* likewise */
	size_t n_extra_days;
	const struct sla_interval *extra_hours; /* NULL: Monday's */
	size_t n_extra_hours;
};

struct sla_calendar;

/*
 * "HH:MM-HH:MM" (24:00 allowed as an end; an end at or before the start
 * runs past midnight: "22:00-06:00" is {1320, 1800}).  0, or -1 with err
 * saying what is wrong.
 */
int sla_parse_hours(const char *text, struct sla_interval *out, char *err,
                    size_t err_size);
/* "YYYY-MM-DD", a real date: days since 1970-01-01.  0, or -1 with err. */
int sla_parse_date(const char *text, int32_t *day, char *err, size_t err_size);

/*
 * Whether spec makes sense: a known time zone, intervals of one week that
 * do not overlap (an overnight interval with the next day's first ones
 * included; Sunday's runs into Monday), and some business time in a week
 * or on an extra day.  0, or -1 with err.
 */
int sla_calendar_spec_check(const struct sla_calendar_spec *spec, char *err,
                            size_t err_size);

/* A calendar from spec (copied; the zone loaded).  NULL with err.  Free
 * with sla_calendar_free. */
struct sla_calendar *sla_calendar_new(const struct sla_calendar_spec *spec,
                                      char *err, size_t err_size);
/* The 24/7 calendar.  Free with sla_calendar_free. */
struct sla_calendar *sla_calendar_always(void);
void sla_calendar_free(struct sla_calendar *cal);
bool sla_calendar_is_always(const struct sla_calendar *cal);

/* Whether t is business time. */
bool sla_is_open(const struct sla_calendar *cal, int64_t t);

/* t when it is business time, else the start of the next business time;
 * SLA_NEVER when none comes (within ten years). */
int64_t sla_next_open(const struct sla_calendar *cal, int64_t t);

/*
 * The instant at which seconds (>= 0) of business time have passed since
 * start: the deadline of a target.  0 seconds from a closed instant is
 * start itself.  SLA_NEVER when the calendar has not that much business
 * time within ten years.
 */
int64_t sla_add(const struct sla_calendar *cal, int64_t start, int64_t seconds);

/* Business seconds in [from, to); 0 when to <= from. */
int64_t sla_elapsed(const struct sla_calendar *cal, int64_t from, int64_t to);

/* Day numbers (days since 1970-01-01) and civil dates, proleptic
 * Gregorian. */
int32_t sla_days_from_civil(int year, int month, int day);
void sla_civil_from_days(int32_t days, int *year, int *month, int *day);

#endif
