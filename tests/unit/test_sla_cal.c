/*
 * test_sla_cal: business-time arithmetic worked by hand — Shanghai office
 * hours with lunch, a national-day week off and a working Saturday;
 * Berlin across both 2026 DST changes, round the clock and on night
 * shifts; overnight shifts with holidays; multi-week targets — then
 * properties over thousands of generated cases, a minute-by-minute model
 * of the calendar built straight from its definition, configuration
 * errors and the parsers.
 */
#include "sla_cal.h"
#include "tz.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N(a) (sizeof(a) / sizeof(*(a)))
#define H 3600LL
#define M 60LL
#define SLOTS 64

static int64_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_sec = s};

	return (int64_t)timegm(&tm);
}

/* Wall clocks: China Standard Time (UTC+8, no DST), and Berlin's winter
 * and summer time, each written where it is in force. */
#define CST(y, mo, d, h, mi) (utc(y, mo, d, h, mi, 0) - 8 * H)
#define CET(y, mo, d, h, mi) (utc(y, mo, d, h, mi, 0) - 1 * H)
#define CEST(y, mo, d, h, mi) (utc(y, mo, d, h, mi, 0) - 2 * H)

/* A calendar as a configuration would write it. */
struct cal_def {
	const char *name, *zone;
	const char *week[7]; /* "09:00-12:00 13:00-18:00", Monday first */
	const char *holidays, *extra_days, *extra_hours; /* dates, hours */
};

/* Its spec, and the arrays the spec borrows. */
struct built {
	struct sla_interval iv[7][SLOTS], extra[SLOTS];
	int32_t holidays[SLOTS], extra_days[SLOTS];
	struct sla_calendar_spec spec;
};

static size_t
parse_list(const char *text, struct sla_interval *out)
{
	char buf[1024], err[256], *save = NULL, *w;
	size_t n = 0;

	if (text == NULL)
		return 0;
	snprintf(buf, sizeof(buf), "%s", text);
	for (w = strtok_r(buf, " ", &save); w != NULL;
	     w = strtok_r(NULL, " ", &save)) {
		assert_true(n < SLOTS);
		if (sla_parse_hours(w, &out[n++], err, sizeof(err)) == -1)
			fail_msg("%s", err);
	}
	return n;
}

static size_t
parse_dates(const char *text, int32_t *out)
{
	char buf[1024], err[256], *save = NULL, *w;
	size_t n = 0;

	if (text == NULL)
		return 0;
	snprintf(buf, sizeof(buf), "%s", text);
	for (w = strtok_r(buf, " ", &save); w != NULL;
	     w = strtok_r(NULL, " ", &save)) {
		assert_true(n < SLOTS);
		if (sla_parse_date(w, &out[n++], err, sizeof(err)) == -1)
			fail_msg("%s", err);
	}
	return n;
}

static void
build(const struct cal_def *def, struct built *b)
{
	memset(b, 0, sizeof(*b));
	b->spec.name = def->name;
	b->spec.timezone = def->zone;
	for (int k = 0; k < 7; k++) {
		b->spec.n_week[k] = parse_list(def->week[k], b->iv[k]);
		b->spec.week[k] = b->spec.n_week[k] > 0 ? b->iv[k] : NULL;
	}
	b->spec.n_holidays = parse_dates(def->holidays, b->holidays);
	b->spec.holidays = b->holidays;
	b->spec.n_extra_days = parse_dates(def->extra_days, b->extra_days);
	b->spec.extra_days = b->extra_days;
	b->spec.n_extra_hours = parse_list(def->extra_hours, b->extra);
	b->spec.extra_hours = b->spec.n_extra_hours > 0 ? b->extra : NULL;
}

static struct sla_calendar *
make(const struct cal_def *def)
{
	struct built *b = malloc(sizeof(*b));
	struct sla_calendar *cal;
	char err[512];

	assert_non_null(b);
	build(def, b);
	if ((cal = sla_calendar_new(&b->spec, err, sizeof(err))) == NULL)
		fail_msg("%s", err);
	/* The spec is borrowed: the calendar must not need it now. */
	memset(b, 0xA5, sizeof(*b));
	free(b);
	return cal;
}

#define WEEKDAYS(h)                                                            \
	{                                                                      \
		h, h, h, h, h, NULL, NULL                                      \
	}
#define EVERY_DAY(h)                                                           \
	{                                                                      \
		h, h, h, h, h, h, h                                            \
	}

static const struct cal_def cn_def = {
    "cn", "Asia/Shanghai", WEEKDAYS("09:00-12:00 13:00-18:00"),
    /* National Day week, given out of order. */
    "2026-10-07 2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 "
    "2026-10-06",
    /* A Saturday worked in exchange. */
    "2026-10-10", NULL};

static const struct cal_def night_def = {
    "night", "Asia/Shanghai", WEEKDAYS("22:00-06:00"), "2026-11-04", NULL,
    NULL};

static const struct cal_def berlin247_def = {
    "berlin247", "Europe/Berlin", EVERY_DAY("00:00-24:00"), NULL, NULL, NULL};

static const struct cal_def berlin_night_def = {"berlin-night",
                                                "Europe/Berlin",
                                                EVERY_DAY("22:00-06:00"),
                                                NULL,
                                                NULL,
                                                NULL};

static const struct cal_def berlin_office_def = {"berlin-office",
                                                 "Europe/Berlin",
                                                 WEEKDAYS("09:00-17:00"),
                                                 "2026-12-25 2026-12-24",
                                                 NULL,
                                                 NULL};

/* ---- days and dates -------------------------------------------------- */

static void
test_civil(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(sla_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(sla_days_from_civil(1969, 12, 31), -1);
	/* 2000-03-01: 30 years of 365 days, 7 leap days (1972-1996), and
	 * Jan 31 + Feb 29 of 2000. */
	assert_int_equal(sla_days_from_civil(2000, 3, 1),
	                 30 * 365 + 7 + 31 + 29);
	/* 2026-03-29: 56 years, 14 leap days (1972-2024), 31 + 28 + 28. */
	assert_int_equal(sla_days_from_civil(2026, 3, 29), 56 * 365 + 14 + 87);
	sla_civil_from_days(-1, &y, &m, &d);
	assert_true(y == 1969 && m == 12 && d == 31);
	sla_civil_from_days(56 * 365 + 14 + 87, &y, &m, &d);
	assert_true(y == 2026 && m == 3 && d == 29);
	/* Every day from 1900 to 2300 against the C library. */
	for (int64_t t = utc(1900, 1, 1, 0, 0, 0); t < utc(2300, 1, 1, 0, 0, 0);
	     t += 86400) {
		time_t tt = (time_t)t;
		int32_t day = (int32_t)(t / 86400 - (t % 86400 < 0));
		struct tm tm;

		assert_non_null(gmtime_r(&tt, &tm));
		assert_int_equal(sla_days_from_civil(tm.tm_year + 1900,
		                                     tm.tm_mon + 1, tm.tm_mday),
		                 day);
		sla_civil_from_days(day, &y, &m, &d);
		assert_true(y == tm.tm_year + 1900 && m == tm.tm_mon + 1 &&
		            d == tm.tm_mday);
	}
}

static void
assert_hours(const char *text, int start, int end)
{
	struct sla_interval iv;
	char err[256];

	if (sla_parse_hours(text, &iv, err, sizeof(err)) == -1)
		fail_msg("\"%s\": %s", text, err);
	if (iv.start != start || iv.end != end)
		fail_msg("\"%s\": {%d, %d}, want {%d, %d}", text, iv.start,
		         iv.end, start, end);
}

static void
assert_bad_hours(const char *text, const char *want)
{
	struct sla_interval iv;
	char err[256] = "";

	if (sla_parse_hours(text, &iv, err, sizeof(err)) != -1)
		fail_msg("\"%s\" parsed", text);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\": \"%s\" lacks \"%s\"", text, err, want);
}

static void
test_parse_hours(void **state)
{
	(void)state;
	assert_hours("09:00-17:00", 540, 1020);
	assert_hours("09:00-12:00", 540, 720);
	/* An end at or before the start is on the next day. */
	assert_hours("22:00-06:00", 1320, 1800);
	assert_hours("23:59-00:01", 1439, 1441);
	assert_hours("12:00-11:59", 720, 720 + 1439);
	/* Midnight as an end, either way, and the whole day. */
	assert_hours("22:00-24:00", 1320, 1440);
	assert_hours("22:00-00:00", 1320, 1440);
	assert_hours("00:00-24:00", 0, 1440);
	assert_hours("00:00-23:59", 0, 1439);
	assert_bad_hours("10:00-10:00", "empty interval");
	assert_bad_hours("00:00-00:00", "empty interval");
	assert_bad_hours("24:00-06:00", "24:00");
	assert_bad_hours("9:00-17:00", "HH:MM-HH:MM");
	assert_bad_hours("09:00 - 17:00", "HH:MM-HH:MM");
	assert_bad_hours("09:00-17:00 ", "HH:MM-HH:MM");
	assert_bad_hours(" 09:00-17:00", "HH:MM-HH:MM");
	assert_bad_hours("09:00-17", "HH:MM-HH:MM");
	assert_bad_hours("09:60-10:00", "HH:MM-HH:MM");
	assert_bad_hours("25:00-26:00", "HH:MM-HH:MM");
	assert_bad_hours("09:00-24:01", "HH:MM-HH:MM");
	assert_bad_hours("0a:00-10:00", "HH:MM-HH:MM");
	assert_bad_hours("09.00-10.00", "HH:MM-HH:MM");
	assert_bad_hours("09:00/10:00", "HH:MM-HH:MM");
	assert_bad_hours("+9:00-10:00", "HH:MM-HH:MM");
	assert_bad_hours("", "HH:MM-HH:MM");
}

static void
assert_date(const char *text, int y, int m, int d)
{
	char err[256];
	int32_t day;

	if (sla_parse_date(text, &day, err, sizeof(err)) == -1)
		fail_msg("\"%s\": %s", text, err);
	assert_int_equal(day, utc(y, m, d, 0, 0, 0) / 86400);
}

static void
assert_bad_date(const char *text, const char *want)
{
	char err[256] = "";
	int32_t day;

	if (sla_parse_date(text, &day, err, sizeof(err)) != -1)
		fail_msg("\"%s\" parsed", text);
	if (strstr(err, want) == NULL || strstr(err, text) == NULL)
		fail_msg("\"%s\": \"%s\" lacks \"%s\"", text, err, want);
}

static void
test_parse_date(void **state)
{
	int32_t day;
	char err[64];

	(void)state;
	assert_int_equal(sla_parse_date("1970-01-01", &day, err, sizeof(err)),
	                 0);
	assert_int_equal(day, 0);
	assert_date("2026-10-10", 2026, 10, 10);
	assert_date("2024-02-29", 2024, 2, 29);
	assert_date("2000-02-29", 2000, 2, 29);
	assert_date("2200-12-31", 2200, 12, 31);
	assert_bad_date("2026-02-29", "no such day");
	assert_bad_date("2100-02-29", "no such day");
	assert_bad_date("2026-04-31", "no such day");
	assert_bad_date("2026-13-01", "no such day");
	assert_bad_date("2026-00-10", "no such day");
	assert_bad_date("2026-01-00", "no such day");
	assert_bad_date("1969-12-31", "1970-2200");
	assert_bad_date("2201-01-01", "1970-2200");
	assert_bad_date("2026-1-01", "YYYY-MM-DD");
	assert_bad_date("2026/01/01", "YYYY-MM-DD");
	assert_bad_date("2026-01-01x", "YYYY-MM-DD");
	assert_bad_date("20260101", "YYYY-MM-DD");
	assert_bad_date("", "YYYY-MM-DD");
}

/* ---- by hand: Shanghai --------------------------------------------- */

static void
test_cn_office(void **state)
{
	struct sla_calendar *cal = make(&cn_def);

	(void)state;
	assert_false(sla_calendar_is_always(cal));
	/* 2026-09-28 is a Monday (Oct 1 is a Thursday): one day is 3 + 5
	 * hours, ending at 18:00 rather than at the next opening. */
	assert_true(sla_add(cal, CST(2026, 9, 28, 9, 0), 8 * H) ==
	            CST(2026, 9, 28, 18, 0));
	/* The morning alone ends at 12:00, not 13:00. */
	assert_true(sla_add(cal, CST(2026, 9, 28, 9, 0), 3 * H) ==
	            CST(2026, 9, 28, 12, 0));
	/* Tuesday 17:00 + 2 h: one hour on Tuesday, one on Wednesday. */
	assert_true(sla_add(cal, CST(2026, 9, 29, 17, 0), 2 * H) ==
	            CST(2026, 9, 30, 10, 0));
	/* Wednesday 17:00 + 2 h: Oct 1-7 are off, so Thursday Oct 8. */
	assert_true(sla_add(cal, CST(2026, 9, 30, 17, 0), 2 * H) ==
	            CST(2026, 10, 8, 10, 0));
	/* Friday Oct 9 17:30 + 1 h: half an hour, then the Saturday worked
	 * (Monday's hours). */
	assert_true(sla_add(cal, CST(2026, 10, 9, 17, 30), 1 * H) ==
	            CST(2026, 10, 10, 9, 30));
	/* That Saturday 17:00 + 2 h: its last hour, Sunday off, Monday. */
	assert_true(sla_add(cal, CST(2026, 10, 10, 17, 0), 2 * H) ==
	            CST(2026, 10, 12, 10, 0));
	/* Across lunch: 11:30 + 1 h is 13:30; from 12:00, 1 s is 13:00:01. */
	assert_true(sla_add(cal, CST(2026, 10, 12, 11, 30), 1 * H) ==
	            CST(2026, 10, 12, 13, 30));
	assert_true(sla_add(cal, CST(2026, 10, 12, 12, 0), 1) ==
	            CST(2026, 10, 12, 13, 0) + 1);
	/* Fri 8 h + Sat 8 h between Friday and Monday midnights. */
	assert_true(sla_elapsed(cal, CST(2026, 10, 9, 0, 0),
	                        CST(2026, 10, 12, 0, 0)) == 16 * H);
	/* The holiday week holds nothing, Oct 1 to Oct 8. */
	assert_true(sla_elapsed(cal, CST(2026, 10, 1, 0, 0),
	                        CST(2026, 10, 8, 0, 0)) == 0);
	/* Thursday Oct 8: 09:00-12:00 and 13:00-18:00. */
	assert_true(sla_elapsed(cal, CST(2026, 10, 8, 10, 30),
	                        CST(2026, 10, 8, 14, 15)) ==
	            1 * H + 30 * M + 1 * H + 15 * M);
	assert_true(sla_elapsed(cal, CST(2026, 10, 8, 14, 0),
	                        CST(2026, 10, 8, 10, 0)) == 0);
	sla_calendar_free(cal);
}

static void
test_cn_open(void **state)
{
	struct sla_calendar *cal = make(&cn_def);

	(void)state;
	/* Monday Oct 12: open [09:00, 12:00) and [13:00, 18:00). */
	assert_false(sla_is_open(cal, CST(2026, 10, 12, 9, 0) - 1));
	assert_true(sla_is_open(cal, CST(2026, 10, 12, 9, 0)));
	assert_true(sla_is_open(cal, CST(2026, 10, 12, 12, 0) - 1));
	assert_false(sla_is_open(cal, CST(2026, 10, 12, 12, 0)));
	assert_false(sla_is_open(cal, CST(2026, 10, 12, 13, 0) - 1));
	assert_true(sla_is_open(cal, CST(2026, 10, 12, 13, 0)));
	assert_true(sla_is_open(cal, CST(2026, 10, 12, 18, 0) - 1));
	assert_false(sla_is_open(cal, CST(2026, 10, 12, 18, 0)));
	/* A holiday Monday; the Saturday worked; an ordinary Saturday. */
	assert_false(sla_is_open(cal, CST(2026, 10, 5, 10, 0)));
	assert_true(sla_is_open(cal, CST(2026, 10, 10, 10, 0)));
	assert_false(sla_is_open(cal, CST(2026, 10, 17, 10, 0)));
	/* Next openings: after lunch, after the holidays, on the
	 * Saturday worked, and an open instant itself. */
	assert_true(sla_next_open(cal, CST(2026, 10, 12, 12, 0)) ==
	            CST(2026, 10, 12, 13, 0));
	assert_true(sla_next_open(cal, CST(2026, 9, 30, 18, 0)) ==
	            CST(2026, 10, 8, 9, 0));
	assert_true(sla_next_open(cal, CST(2026, 10, 9, 18, 0)) ==
	            CST(2026, 10, 10, 9, 0));
	assert_true(sla_next_open(cal, CST(2026, 10, 12, 10, 7)) ==
	            CST(2026, 10, 12, 10, 7));
	sla_calendar_free(cal);
}

static void
test_zero_durations(void **state)
{
	struct sla_calendar *cal = make(&cn_def);
	int64_t closed = CST(2026, 10, 3, 15, 0), open = CST(2026, 10, 8, 9, 0);

	(void)state;
	/* Nothing to wait for: the start itself, open or not. */
	assert_true(sla_add(cal, closed, 0) == closed);
	assert_true(sla_add(cal, open, 0) == open);
	assert_true(sla_elapsed(cal, closed, closed) == 0);
	assert_true(sla_elapsed(cal, open, open) == 0);
	/* One second from a closed instant waits for the opening. */
	assert_true(sla_add(cal, closed, 1) == open + 1);
	sla_calendar_free(cal);
}

static void
test_multi_week(void **state)
{
	struct sla_calendar *cal = make(&cn_def);

	(void)state;
	/* From Monday 2026-11-02 09:00, 40 h a week: weeks 1 and 2 use
	 * 80 h; of the last 20 h, Mon 8, Tue 8, Wed morning 3, and 1 h
	 * after lunch: Wednesday Nov 18, 14:00. */
	assert_true(sla_add(cal, CST(2026, 11, 2, 9, 0), 100 * H) ==
	            CST(2026, 11, 18, 14, 0));
	assert_true(sla_elapsed(cal, CST(2026, 11, 2, 9, 0),
	                        CST(2026, 11, 18, 14, 0)) == 100 * H);
	/* A whole week ends on Friday at 18:00, not on Monday. */
	assert_true(sla_add(cal, CST(2026, 11, 2, 9, 0), 40 * H) ==
	            CST(2026, 11, 6, 18, 0));
	/* Tuesday Nov 3 10:10 + 37:25: that day 1:50 + 5:00 = 6:50 (30:35
	 * left); Wed, Thu, Fri take 24 h (6:35 left); Monday Nov 9: 3 h
	 * before lunch, then 13:00 + 3:35. */
	assert_true(sla_add(cal, CST(2026, 11, 3, 10, 10), 37 * H + 25 * M) ==
	            CST(2026, 11, 9, 16, 35));
	/* Four weeks, Oct 12 to Nov 9: 160 h, no holiday among them. */
	assert_true(sla_elapsed(cal, CST(2026, 10, 12, 0, 0),
	                        CST(2026, 11, 9, 0, 0)) == 160 * H);
	sla_calendar_free(cal);
}

static void
test_overnight_holiday(void **state)
{
	struct sla_calendar *cal = make(&night_def);

	(void)state;
	/* Shifts start Mon-Fri at 22:00 and end at 06:00.  Wednesday Nov 4
	 * is a holiday: Tuesday's shift still runs into it, Wednesday's
	 * does not start.  Tue noon to Thu noon: 8 h. */
	assert_true(sla_elapsed(cal, CST(2026, 11, 3, 12, 0),
	                        CST(2026, 11, 5, 12, 0)) == 8 * H);
	assert_true(sla_is_open(cal, CST(2026, 11, 4, 3, 0)));
	assert_false(sla_is_open(cal, CST(2026, 11, 4, 23, 0)));
	assert_false(sla_is_open(cal, CST(2026, 11, 5, 3, 0)));
	assert_true(sla_is_open(cal, CST(2026, 11, 5, 22, 0)));
	/* Midnight is no gap: Thursday's shift is 8 whole hours. */
	assert_true(sla_is_open(cal, CST(2026, 11, 6, 0, 0)));
	assert_true(sla_elapsed(cal, CST(2026, 11, 5, 22, 0),
	                        CST(2026, 11, 6, 6, 0)) == 8 * H);
	/* Friday's shift runs into Saturday; none starts on Sunday. */
	assert_true(sla_is_open(cal, CST(2026, 11, 7, 6, 0) - 1));
	assert_false(sla_is_open(cal, CST(2026, 11, 7, 6, 0)));
	assert_false(sla_is_open(cal, CST(2026, 11, 8, 23, 0)));
	assert_false(sla_is_open(cal, CST(2026, 11, 9, 3, 0)));
	/* Friday 23:00 + 8 h: 7 h to Saturday 06:00, then Monday 22:00 +
	 * 1 h. */
	assert_true(sla_add(cal, CST(2026, 11, 6, 23, 0), 8 * H) ==
	            CST(2026, 11, 9, 23, 0));
	assert_true(sla_next_open(cal, CST(2026, 11, 7, 6, 0)) ==
	            CST(2026, 11, 9, 22, 0));
	sla_calendar_free(cal);
}

/* ---- by hand: Berlin across DST ----------------------------------- */

static void
test_berlin_round_the_clock(void **state)
{
	struct sla_calendar *cal = make(&berlin247_def);
	/* Sunday 2026-03-29 lasts 23 h (02:00-03:00 is skipped), Sunday
	 * 2026-10-25 25 h (02:00-03:00 comes twice). */
	int64_t spring0 = CET(2026, 3, 29, 0, 0),
	        spring1 = CEST(2026, 3, 30, 0, 0);
	int64_t autumn0 = CEST(2026, 10, 25, 0, 0);
	int64_t autumn1 = CET(2026, 10, 26, 0, 0);

	(void)state;
	assert_true(sla_elapsed(cal, spring0, spring1) == 23 * H);
	assert_true(sla_elapsed(cal, autumn0, autumn1) == 25 * H);
	assert_true(sla_add(cal, spring0, 23 * H) == spring1);
	assert_true(sla_add(cal, autumn0, 25 * H) == autumn1);
	/* 24 h from the autumn midnight is 23:00 on the same day. */
	assert_true(sla_add(cal, autumn0, 24 * H) == CET(2026, 10, 25, 23, 0));
	/* Open through the changes (01:00Z both nights) and midnights. */
	for (int64_t t = utc(2026, 3, 28, 0, 0, 0);
	     t < utc(2026, 3, 30, 0, 0, 0); t += 599)
		assert_true(sla_is_open(cal, t));
	assert_true(sla_is_open(cal, utc(2026, 10, 25, 1, 0, 0) - 1));
	assert_true(sla_is_open(cal, utc(2026, 10, 25, 1, 0, 0)));
	/* A week with the spring change: 7 * 24 - 1 hours. */
	assert_true(sla_elapsed(cal, CET(2026, 3, 23, 0, 0),
	                        CEST(2026, 3, 30, 0, 0)) == 167 * H);
	sla_calendar_free(cal);
}

static void
test_berlin_night_shift(void **state)
{
	struct sla_calendar *cal = make(&berlin_night_def);

	(void)state;
	/* An ordinary night: 22:00 to 06:00, 8 h. */
	assert_true(sla_elapsed(cal, utc(2026, 3, 27, 12, 0, 0),
	                        utc(2026, 3, 28, 12, 0, 0)) == 8 * H);
	/* Spring: 22:00 CET (21:00Z) to 06:00 CEST (04:00Z) is 7 h. */
	assert_true(sla_elapsed(cal, utc(2026, 3, 28, 12, 0, 0),
	                        utc(2026, 3, 29, 12, 0, 0)) == 7 * H);
	assert_true(sla_add(cal, utc(2026, 3, 28, 21, 0, 0), 7 * H) ==
	            utc(2026, 3, 29, 4, 0, 0));
	/* One second more is the next night, 22:00 CEST = 20:00Z. */
	assert_true(sla_add(cal, utc(2026, 3, 28, 21, 0, 0), 7 * H + 1) ==
	            utc(2026, 3, 29, 20, 0, 1));
	assert_true(sla_is_open(cal, utc(2026, 3, 29, 1, 0, 0) - 1));
	assert_true(sla_is_open(cal, utc(2026, 3, 29, 1, 0, 0)));
	assert_true(sla_is_open(cal, utc(2026, 3, 29, 4, 0, 0) - 1));
	assert_false(sla_is_open(cal, utc(2026, 3, 29, 4, 0, 0)));
	/* Autumn: 22:00 CEST (20:00Z) to 06:00 CET (05:00Z) is 9 h, both
	 * 02:30s included. */
	assert_true(sla_elapsed(cal, utc(2026, 10, 24, 12, 0, 0),
	                        utc(2026, 10, 25, 12, 0, 0)) == 9 * H);
	assert_true(sla_add(cal, utc(2026, 10, 24, 20, 0, 0), 9 * H) ==
	            utc(2026, 10, 25, 5, 0, 0));
	assert_true(sla_is_open(cal, utc(2026, 10, 25, 0, 30, 0)));
	assert_true(sla_is_open(cal, utc(2026, 10, 25, 1, 30, 0)));
	assert_true(sla_is_open(cal, utc(2026, 10, 25, 5, 0, 0) - 1));
	assert_false(sla_is_open(cal, utc(2026, 10, 25, 5, 0, 0)));
	assert_true(sla_next_open(cal, utc(2026, 10, 25, 5, 0, 0)) ==
	            CET(2026, 10, 25, 22, 0));
	sla_calendar_free(cal);
}

static void
test_berlin_office(void **state)
{
	struct sla_calendar *cal = make(&berlin_office_def);

	(void)state;
	/* Friday 2026-03-27 16:00 CET + 2 h: one hour, then Monday 09:00,
	 * now CEST: 10:00 CEST is 08:00Z. */
	assert_true(sla_add(cal, CET(2026, 3, 27, 16, 0), 2 * H) ==
	            utc(2026, 3, 30, 8, 0, 0));
	/* Friday 2026-10-23 16:00 CEST + 2 h: Monday 10:00 CET, 09:00Z. */
	assert_true(sla_add(cal, CEST(2026, 10, 23, 16, 0), 2 * H) ==
	            utc(2026, 10, 26, 9, 0, 0));
	/* The week before each change has its 40 hours. */
	assert_true(sla_elapsed(cal, CET(2026, 3, 23, 0, 0),
	                        CEST(2026, 3, 30, 0, 0)) == 40 * H);
	assert_true(sla_elapsed(cal, CEST(2026, 10, 19, 0, 0),
	                        CET(2026, 10, 26, 0, 0)) == 40 * H);
	/* Wednesday 2026-12-23 16:00 + 2 h: Thursday and Friday are
	 * holidays (listed in reverse), so Monday Dec 28 10:00. */
	assert_true(sla_add(cal, CET(2026, 12, 23, 16, 0), 2 * H) ==
	            CET(2026, 12, 28, 10, 0));
	sla_calendar_free(cal);
}

/* Spans that overlap once converted are counted once. */
static void
test_spring_gap_overlap(void **state)
{
	static const struct cal_def def = {
	    .name = "gap",
	    .zone = "Europe/Berlin",
	    .week = {[5] = "22:00-02:30",
	             [6] = "02:30-02:45 03:00-06:00 10:00-12:00"}};
	struct sla_calendar *cal = make(&def);

	(void)state;
	/* An ordinary weekend: 4:30 + 0:15 + 3 + 2 hours. */
	assert_true(sla_elapsed(cal, utc(2026, 3, 21, 0, 0, 0),
	                        utc(2026, 3, 23, 0, 0, 0)) == 9 * H + 45 * M);
	/* The spring night: Saturday's shift ends at 02:30, which does not
	 * exist, so half an hour past the gap's start (01:30Z, 03:30
	 * CEST); Sunday's 02:30-02:45 is 01:30Z-01:45Z, after its 03:00
	 * (01:00Z) though listed before.  Together 21:00Z to 04:00Z: 7 h,
	 * and 2 h more at 10:00. */
	assert_true(sla_elapsed(cal, utc(2026, 3, 28, 0, 0, 0),
	                        utc(2026, 3, 30, 0, 0, 0)) == 9 * H);
	assert_true(sla_add(cal, utc(2026, 3, 28, 21, 0, 0), 7 * H) ==
	            utc(2026, 3, 29, 4, 0, 0));
	assert_true(sla_add(cal, utc(2026, 3, 28, 21, 0, 0), 7 * H + 1) ==
	            CEST(2026, 3, 29, 10, 0) + 1);
	assert_true(sla_elapsed(cal, utc(2026, 3, 29, 1, 0, 0),
	                        utc(2026, 3, 29, 1, 30, 0)) == 30 * M);
	sla_calendar_free(cal);
}

/* A start in the autumn's repeated hour is its first pass. */
static void
test_autumn_overlap(void **state)
{
	static const struct cal_def def = {.name = "early",
	                                   .zone = "Europe/Berlin",
	                                   .week = {[6] = "02:30-04:00"}};
	struct sla_calendar *cal = make(&def);

	(void)state;
	/* An ordinary Sunday: 1:30. */
	assert_true(sla_elapsed(cal, utc(2026, 10, 18, 0, 0, 0),
	                        utc(2026, 10, 19, 0, 0, 0)) == 90 * M);
	/* 2026-10-25: from 02:30 CEST (00:30Z) through both 02:30s to
	 * 04:00 CET (03:00Z): 2:30. */
	assert_true(sla_elapsed(cal, utc(2026, 10, 25, 0, 0, 0),
	                        utc(2026, 10, 26, 0, 0, 0)) == 150 * M);
	assert_false(sla_is_open(cal, utc(2026, 10, 25, 0, 30, 0) - 1));
	assert_true(sla_is_open(cal, utc(2026, 10, 25, 0, 30, 0)));
	assert_true(sla_next_open(cal, utc(2026, 10, 24, 12, 0, 0)) ==
	            utc(2026, 10, 25, 0, 30, 0));
	assert_true(sla_add(cal, utc(2026, 10, 24, 12, 0, 0), 150 * M) ==
	            utc(2026, 10, 25, 3, 0, 0));
	sla_calendar_free(cal);
}

static void
test_always(void **state)
{
	struct sla_calendar *cal = sla_calendar_always();
	int64_t t = CST(2026, 10, 1, 23, 59);

	(void)state;
	assert_non_null(cal);
	assert_true(sla_calendar_is_always(cal));
	/* Wall time, with no gap at midnight or on holidays. */
	assert_true(sla_add(cal, t, 2 * M) == t + 2 * M);
	assert_true(sla_add(cal, t, 3 * 86400 + 5) == t + 3 * 86400 + 5);
	assert_true(sla_add(cal, t, 0) == t);
	assert_true(sla_elapsed(cal, t, t + 7 * 86400) == 7 * 86400);
	assert_true(sla_elapsed(cal, t, t - 1) == 0);
	assert_true(sla_is_open(cal, CEST(2026, 3, 29, 3, 0)));
	assert_true(sla_next_open(cal, t) == t);
	/* Saturated, not wrapped. */
	assert_true(sla_add(cal, INT64_MAX - 5, 10) == INT64_MAX);
	assert_true(sla_elapsed(cal, INT64_MIN, INT64_MAX) == INT64_MAX);
	sla_calendar_free(cal);
	sla_calendar_free(NULL);
}

static void
test_rare_and_never(void **state)
{
	/* No weekly hours: only Christmas Eve 2026 is worked. */
	static const struct cal_def rare = {
	    "rare", "Europe/Berlin", {NULL}, NULL, "2026-12-24", "09:00-17:00"};
	/* One day, more than ten years after 2026-06-01. */
	static const struct cal_def far = {
	    "far", "Europe/Berlin", {NULL}, NULL, "2037-06-02", "09:00-17:00"};
	struct sla_calendar *cal = make(&rare);
	int64_t june = utc(2026, 6, 1, 0, 0, 0);

	(void)state;
	assert_true(sla_next_open(cal, june) == CET(2026, 12, 24, 9, 0));
	assert_true(sla_add(cal, june, 8 * H) == CET(2026, 12, 24, 17, 0));
	assert_true(sla_add(cal, june, 8 * H + 1) == SLA_NEVER);
	assert_true(sla_next_open(cal, utc(2027, 1, 1, 0, 0, 0)) == SLA_NEVER);
	assert_true(sla_elapsed(cal, utc(2026, 1, 1, 0, 0, 0),
	                        utc(2028, 1, 1, 0, 0, 0)) == 8 * H);
	assert_true(sla_is_open(cal, CET(2026, 12, 24, 12, 0)));
	assert_false(sla_is_open(cal, CET(2026, 12, 23, 12, 0)));
	sla_calendar_free(cal);
	cal = make(&far);
	assert_true(sla_next_open(cal, june) == SLA_NEVER);
	assert_true(sla_add(cal, june, 1) == SLA_NEVER);
	assert_true(sla_next_open(cal, utc(2030, 1, 1, 0, 0, 0)) ==
	            CEST(2037, 6, 2, 9, 0));
	/* Extreme instants neither trap nor loop. */
	assert_true(sla_next_open(cal, INT64_MAX) == SLA_NEVER);
	assert_true(sla_add(cal, INT64_MIN, 5) == SLA_NEVER);
	assert_false(sla_is_open(cal, INT64_MIN));
	assert_true(sla_elapsed(cal, INT64_MIN, INT64_MAX) >= 0);
	sla_calendar_free(cal);
}

/* ---- configuration errors ------------------------------------------ */

static void
assert_spec_error(const struct cal_def *def, const char *want)
{
	struct built *b = malloc(sizeof(*b));
	struct sla_calendar *cal;
	char err[512] = "", err2[512] = "";

	assert_non_null(b);
	build(def, b);
	assert_int_equal(sla_calendar_spec_check(&b->spec, err, sizeof(err)),
	                 -1);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", err, want);
	cal = sla_calendar_new(&b->spec, err2, sizeof(err2));
	assert_null(cal);
	assert_string_equal(err, err2);
	free(b);
}

static void
assert_spec_ok(const struct cal_def *def)
{
	struct built b;
	char err[512];

	build(def, &b);
	if (sla_calendar_spec_check(&b.spec, err, sizeof(err)) == -1)
		fail_msg("%s", err);
}

static void
test_spec_errors(void **state)
{
	static const struct cal_def overlap = {
	    .name = "office",
	    .zone = "Europe/Berlin",
	    .week = {"09:00-17:00", "09:00-13:00 12:00-14:00"}};
	static const struct cal_def overnight = {
	    .name = "x",
	    .zone = "Europe/Berlin",
	    .week = {"22:00-08:00", "07:00-12:00"}};
	static const struct cal_def sunday = {
	    .name = "x",
	    .zone = "Europe/Berlin",
	    .week = {"09:00-17:00", [6] = "22:00-10:00"}};
	/* Touching is not overlapping. */
	static const struct cal_def touching = {
	    .name = "x",
	    .zone = "Europe/Berlin",
	    .week = {"09:00-17:00", [6] = "22:00-09:00"}};
	static const struct cal_def empty = {.name = "quiet",
	                                     .zone = "Europe/Berlin"};
	static const struct cal_def extra_no_hours = {.name = "quiet",
	                                              .zone = "Europe/Berlin",
	                                              .extra_days =
	                                                  "2026-12-24"};
	static const struct cal_def extra_hours = {.name = "quiet",
	                                           .zone = "Europe/Berlin",
	                                           .extra_days = "2026-12-24",
	                                           .extra_hours =
	                                               "10:00-12:00"};
	static const struct cal_def extra_overlap = {
	    .name = "x",
	    .zone = "Europe/Berlin",
	    .week = {"09:00-17:00"},
	    .extra_days = "2026-12-24",
	    .extra_hours = "09:00-11:00 10:00-12:00"};
	static const struct cal_def zone = {.name = "mars",
	                                    .zone = "Mars/Base",
	                                    .week = WEEKDAYS("09:00-17:00")};

	(void)state;
	assert_spec_error(&overlap, "calendar \"office\": tuesday 12:00-14:00 "
	                            "overlaps 09:00-13:00");
	assert_spec_error(&overnight, "calendar \"x\": tuesday 07:00-12:00 "
	                              "overlaps monday 22:00-08:00");
	assert_spec_error(&sunday, "calendar \"x\": monday 09:00-17:00 "
	                           "overlaps sunday 22:00-10:00");
	assert_spec_ok(&touching);
	assert_spec_error(&empty, "calendar \"quiet\": no business hours");
	assert_spec_error(&extra_no_hours,
	                  "calendar \"quiet\": no business hours");
	assert_spec_ok(&extra_hours);
	assert_spec_error(&extra_overlap, "calendar \"x\": extra hours "
	                                  "10:00-12:00 overlaps 09:00-11:00");
	assert_spec_error(&zone, "calendar \"mars\": unknown time zone "
	                         "\"Mars/Base\"");
}

static void
assert_raw_error(const struct sla_interval *iv, size_t n, const char *want)
{
	struct sla_calendar_spec spec = {
	    .name = "raw", .timezone = "UTC", .week = {iv}, .n_week = {n}};
	char err[512] = "";

	assert_int_equal(sla_calendar_spec_check(&spec, err, sizeof(err)), -1);
	if (strstr(err, "calendar \"raw\": monday") == NULL ||
	    strstr(err, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", err, want);
	assert_null(sla_calendar_new(&spec, err, sizeof(err)));
}

static void
test_spec_raw(void **state)
{
	static const struct sla_interval late = {1500, 1600}, flat = {600, 600};
	static const struct sla_interval neg = {-1, 100}, long_ = {0, 2881};
	struct sla_interval many[49];
	struct sla_calendar_spec spec = {.name = "raw", .n_week = {1}};
	char err[512] = "";

	(void)state;
	assert_raw_error(&late, 1, "bad interval");
	assert_raw_error(&flat, 1, "bad interval");
	assert_raw_error(&neg, 1, "bad interval");
	assert_raw_error(&long_, 1, "bad interval");
	assert_raw_error(NULL, 1, "no intervals");
	for (int i = 0; i < 49; i++)
		many[i] = (struct sla_interval){i * 20, i * 20 + 10};
	assert_raw_error(many, 49, "more than 48");
	/* 48 are fine, every day, and the calendar works. */
	{
		struct sla_calendar_spec ok = {
		    .name = "raw",
		    .timezone = "UTC",
		    .week = {many, many, many, many, many, many, many},
		    .n_week = {48, 48, 48, 48, 48, 48, 48}};
		struct sla_calendar *cal =
		    sla_calendar_new(&ok, err, sizeof(err));

		assert_non_null(cal);
		/* Monday 2026-10-12: 48 ten-minute intervals. */
		assert_true(sla_elapsed(cal, utc(2026, 10, 12, 0, 0, 0),
		                        utc(2026, 10, 13, 0, 0, 0)) == 480 * M);
		/* Three weeks of them end with the 21st day's last, 15:40
		 * to 15:50 on Sunday Nov 1. */
		assert_true(sla_elapsed(cal, utc(2026, 10, 12, 0, 0, 0),
		                        utc(2026, 11, 2, 0, 0, 0)) ==
		            21 * 480 * M);
		assert_true(
		    sla_add(cal, utc(2026, 10, 12, 0, 0, 0), 21 * 480 * M) ==
		    utc(2026, 11, 1, 15, 50, 0));
		sla_calendar_free(cal);
	}
	/* Dates counted but not given. */
	{
		struct sla_calendar_spec nodates = {.name = "raw",
		                                    .timezone = "UTC",
		                                    .week = {many},
		                                    .n_week = {1},
		                                    .n_holidays = 2};

		assert_int_equal(
		    sla_calendar_spec_check(&nodates, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "calendar \"raw\": dates"));
	}
	/* No zone at all. */
	spec.week[0] = many;
	assert_int_equal(sla_calendar_spec_check(&spec, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "calendar \"raw\": unknown time zone"));
}

/* ---- properties ------------------------------------------------------ */

static uint64_t
rnd(uint64_t *s)
{
	/* splitmix64: fixed seeds make every run the same. */
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int64_t
rnd_in(uint64_t *s, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd(s) % (uint64_t)(hi - lo));
}

static const struct cal_def prop_defs[] = {
    {"office", "Europe/Berlin", WEEKDAYS("09:00-17:00"),
     "2025-12-25 2025-12-26 2026-04-03 2026-12-25 2027-03-26", NULL, NULL},
    {"night",
     "Europe/Berlin",
     {"22:00-06:00", "22:00-06:00", "22:00-06:00", "22:00-06:00", "22:00-06:00",
      "22:00-06:00", "10:00-14:00"},
     "2025-10-25 2026-06-01",
     "2026-03-29",
     NULL},
    {"gap",
     "Europe/Berlin",
     {NULL, NULL, "00:00-24:00", NULL, NULL, "22:00-02:30",
      "02:30-02:45 03:00-06:00 10:00-12:00"},
     NULL,
     "2026-03-30 2027-10-31",
     "01:00-02:30 02:30-03:30"},
    {"cn", "Asia/Shanghai", WEEKDAYS("09:00-12:00 13:00-18:00"),
     "2025-10-01 2025-10-02 2025-10-03 2026-10-01 2026-10-02", "2026-10-10",
     NULL},
    {"ny",
     "America/New_York",
     {"08:00-12:00 12:30-16:30", "08:00-12:00 12:30-16:30",
      "08:00-12:00 12:30-16:30", "08:00-12:00 12:30-16:30",
      "08:00-12:00 12:30-16:30", "20:00-04:00", NULL},
     "2026-07-03",
     NULL,
     NULL},
    /* Lord Howe changes by half an hour at 02:00 on Sundays: the
     * Saturday shift runs through it. */
    {"lhi",
     "Australia/Lord_Howe",
     {"02:15-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00",
      "23:00-03:00", "23:30-02:15"},
     NULL,
     NULL,
     NULL},
};

/* Berlin's changes 2025-2027 (01:00Z), where the walks get hard. */
static int64_t
dst_night(uint64_t *s)
{
	static const int ymd[6][3] = {{2025, 3, 30}, {2025, 10, 26},
	                              {2026, 3, 29}, {2026, 10, 25},
	                              {2027, 3, 28}, {2027, 10, 31}};
	const int *d = ymd[rnd(s) % 6];

	return utc(d[0], d[1], d[2], 1, 0, 0) + rnd_in(s, -30 * H, 30 * H);
}

static void
check_case(const struct sla_calendar *cal, const char *name, int64_t start,
           int64_t d, uint64_t *s)
{
	int64_t a = sla_add(cal, start, d), a2, t, e, b, m;

	if (a == SLA_NEVER || sla_elapsed(cal, start, a) != d)
		fail_msg("%s: elapsed(%lld, add(+%lld) = %lld) = %lld", name,
		         (long long)start, (long long)d, (long long)a,
		         (long long)sla_elapsed(cal, start, a));
	/* The earliest such instant: the second before it is open. */
	if (d > 0) {
		assert_true(sla_elapsed(cal, start, a - 1) == d - 1);
		assert_true(sla_is_open(cal, a - 1));
	}
	a2 = sla_add(cal, start, d + rnd_in(s, 0, 10 * H));
	assert_true(a2 >= a);
	/* From elapsed back to an instant, with nothing open between. */
	t = start + rnd_in(s, 0, 21 * 86400);
	e = sla_elapsed(cal, start, t);
	b = sla_add(cal, start, e);
	if (b > t || sla_elapsed(cal, b, t) != 0)
		fail_msg("%s: start %lld t %lld elapsed %lld add %lld", name,
		         (long long)start, (long long)t, (long long)e,
		         (long long)b);
	/* Split anywhere, the parts add up. */
	m = start + rnd_in(s, 0, t - start + 1);
	assert_true(sla_elapsed(cal, start, m) + sla_elapsed(cal, m, t) == e);
	/* The next opening is where the first second goes. */
	assert_true(sla_next_open(cal, start) == sla_add(cal, start, 1) - 1);
	assert_true(sla_is_open(cal, start) ==
	            (sla_next_open(cal, start) == start));
}

static void
test_properties(void **state)
{
	uint64_t s = 20260329;
	int cases = 0;

	(void)state;
	for (size_t c = 0; c <= N(prop_defs); c++) {
		struct sla_calendar *cal = c < N(prop_defs)
		                               ? make(&prop_defs[c])
		                               : sla_calendar_always();
		const char *name =
		    c < N(prop_defs) ? prop_defs[c].name : "always";

		assert_non_null(cal);
		for (int i = 0; i < 2500; i++, cases++) {
			int64_t start, d;

			if (rnd(&s) % 3 == 0)
				start = dst_night(&s);
			else
				start = rnd_in(&s, utc(2025, 1, 1, 0, 0, 0),
				               utc(2028, 1, 1, 0, 0, 0));
			switch (rnd(&s) % 5) {
			case 0:
				d = 0;
				break;
			case 1:
				d = rnd_in(&s, 1, 12) * H;
				break;
			case 2:
				d = rnd_in(&s, 1, 3 * H);
				break;
			default:
				d = rnd_in(&s, 1, 120 * H);
			}
			check_case(cal, name, start, d, &s);
		}
		sla_calendar_free(cal);
	}
	assert_true(cases >= 15000);
}

/* ---- against a minute-by-minute model ------------------------------ */

static bool
day_listed(const int32_t *days, size_t n, int64_t day)
{
	for (size_t i = 0; i < n; i++)
		if (days[i] == day)
			return true;
	return false;
}

/* Which of the minutes from t0 are open, straight from the definition:
 * each interval of each date converted alone, overlaps merged by the
 * marking itself. */
static void
model(const struct built *b, int64_t t0, size_t n, unsigned char *open)
{
	struct tz *tz;
	char err[256];

	assert_non_null(tz = tz_load(b->spec.timezone, err, sizeof(err)));
	memset(open, 0, n);
	for (int64_t day = t0 / 86400 - 3;
	     day <= (t0 + (int64_t)n * 60) / 86400 + 1; day++) {
		const struct sla_interval *iv;
		time_t tt = (time_t)(day * 86400);
		size_t cnt;
		struct tm tm;

		assert_non_null(gmtime_r(&tt, &tm));
		iv = b->spec.week[(tm.tm_wday + 6) % 7];
		cnt = b->spec.n_week[(tm.tm_wday + 6) % 7];
		if (day_listed(b->extra_days, b->spec.n_extra_days, day)) {
			iv = b->spec.n_extra_hours ? b->extra : b->spec.week[0];
			cnt = b->spec.n_extra_hours ? b->spec.n_extra_hours
			                            : b->spec.n_week[0];
		} else if (day_listed(b->holidays, b->spec.n_holidays, day))
			cnt = 0;
		for (size_t i = 0; i < cnt; i++) {
			int64_t from =
			    tz_utc(tz, day * 86400 + iv[i].start * 60);
			int64_t to = tz_utc(tz, day * 86400 + iv[i].end * 60);

			for (int64_t m = from; m < to; m += 60)
				if (m >= t0 && m < t0 + (int64_t)n * 60)
					open[(m - t0) / 60] = 1;
		}
	}
	tz_free(tz);
}

static void
check_model(const struct cal_def *def, int64_t t0, uint64_t *s)
{
	enum { MINUTES = 6 * 7 * 1440 };
	static unsigned char open[MINUTES];
	static int64_t sum[MINUTES + 1];
	struct sla_calendar *cal = make(def);
	struct built *b = malloc(sizeof(*b));

	assert_non_null(b);
	build(def, b);
	model(b, t0, MINUTES, open);
	for (size_t i = 0; i < MINUTES; i++)
		sum[i + 1] = sum[i] + open[i];
	for (int k = 0; k < 3000; k++) {
		int64_t i = rnd_in(s, 0, MINUTES), j = rnd_in(s, 0, MINUTES);
		int64_t want, got, x;

		if (i > j)
			x = i, i = j, j = x;
		want = (sum[j] - sum[i]) * 60;
		got = sla_elapsed(cal, t0 + i * 60, t0 + j * 60);
		if (got != want)
			fail_msg(
			    "%s: elapsed minutes %lld-%lld from %lld: %lld, "
			    "model %lld",
			    def->name, (long long)i, (long long)j,
			    (long long)t0, (long long)got, (long long)want);
		x = t0 + i * 60 + rnd_in(s, 0, 60);
		if (sla_is_open(cal, x) != (open[i] == 1))
			fail_msg("%s: is_open(%lld) != model", def->name,
			         (long long)x);
		/* The k-th open minute after i ends the deadline. */
		if (sum[MINUTES] - sum[i] > 10) {
			int64_t need = rnd_in(s, 1, 10), at = i;
			while (need > 0)
				need -= open[at++];
			assert_true(sla_add(cal, t0 + i * 60,
			                    (sum[at] - sum[i]) * 60) ==
			            t0 + at * 60);
		}
	}
	free(b);
	sla_calendar_free(cal);
}

static void
test_model(void **state)
{
	uint64_t s = 7;

	(void)state;
	/* Six weeks from each: Berlin, New York and Lord Howe change
	 * clocks in both. */
	for (size_t c = 0; c < N(prop_defs); c++) {
		check_model(&prop_defs[c], utc(2026, 3, 1, 0, 0, 0), &s);
		check_model(&prop_defs[c], utc(2026, 9, 25, 0, 0, 0), &s);
	}
	check_model(&cn_def, utc(2026, 9, 20, 0, 0, 0), &s);
	check_model(&night_def, utc(2026, 10, 20, 0, 0, 0), &s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_civil),
	    cmocka_unit_test(test_parse_hours),
	    cmocka_unit_test(test_parse_date),
	    cmocka_unit_test(test_cn_office),
	    cmocka_unit_test(test_cn_open),
	    cmocka_unit_test(test_zero_durations),
	    cmocka_unit_test(test_multi_week),
	    cmocka_unit_test(test_overnight_holiday),
	    cmocka_unit_test(test_berlin_round_the_clock),
	    cmocka_unit_test(test_berlin_night_shift),
	    cmocka_unit_test(test_berlin_office),
	    cmocka_unit_test(test_spring_gap_overlap),
	    cmocka_unit_test(test_autumn_overlap),
	    cmocka_unit_test(test_always),
	    cmocka_unit_test(test_rare_and_never),
	    cmocka_unit_test(test_spec_errors),
	    cmocka_unit_test(test_spec_raw),
	    cmocka_unit_test(test_properties),
	    cmocka_unit_test(test_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
