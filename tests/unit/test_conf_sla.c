/*
 * test_conf_sla: the calendars and policies sections of the configuration
 * ("SLA"), loaded from files in a fresh temp dir: a valid file read field
 * by field (hours per weekday with the weekdays default, overnight
 * intervals, holidays and extra days as day numbers, warn as a share or a
 * time before the deadline, escalation levels, notify, the 24x7 default
 * calendar), and every mistake reported as "FILE:LINE: key path: what".
 * In an invalid text, "@@" marks the start of the line the error must
 * name (it is removed before the file is written).
 */
#include "conf.h"
#include "conf_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Valid sections, one line each (lines 1 to 5). */
#define DESK_SMTP                                                              \
	"desk = { name = \"ACME\"; addresses = [\"support@acme.example\"]; "   \
	"ticket_tag = \"ACME\"; };\n"                                          \
	"smtp = { url = \"smtp://localhost\"; "                                \
	"from = \"support@acme.example\"; };\n"
#define MAILBOXES                                                              \
	"mailboxes = ( { name = \"support\"; host = \"h\"; user = \"u\"; "     \
	"password = \"p\"; }, { name = \"sales\"; host = \"h\"; user = "       \
	"\"u\"; password = \"p\"; } );\n"
#define AGENTS                                                                 \
	"agents = ( { name = \"alice\"; address = \"alice@acme.example\"; },"  \
	" { name = \"bob\"; address = \"bob@acme.example\"; role = "           \
	"\"lead\"; }, { name = \"dave\"; address = \"dave@acme.example\"; "    \
	"role = \"manager\"; } );\n"
#define TEAMS                                                                  \
	"teams = ( { name = \"care\"; address = \"care@acme.example\"; lead "  \
	"= \"bob\"; manager = \"dave\"; members = [\"alice\"]; } );\n"
/* Everything a policy may refer to (lines 1 to 5). */
#define BASE DESK_SMTP MAILBOXES AGENTS TEAMS
/* A valid default policy, one line. */
#define DEFAULT_POLICY "{ name = \"standard\"; resolution = \"3d\"; }"
/* A valid calendar, one line. */
#define OFFICE                                                                 \
	"{ name = \"office\"; timezone = \"Asia/Shanghai\"; weekdays = "       \
	"[\"09:00-18:00\"]; }"

/* Days since 1970-01-01 of a civil date, from the C library. */
static int32_t
day_of(int y, int m, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};

	return (int32_t)(timegm(&tm) / 86400);
}

static void
assert_hours(const struct conf_calendar *c, int day, size_t n, ...)
{
	va_list ap;

	if (c->n_hours[day] != n)
		fail_msg("day %d: %zu intervals, want %zu", day,
		         c->n_hours[day], n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		int start = va_arg(ap, int), end = va_arg(ap, int);
		assert_int_equal(c->hours[day][i].start, start);
		assert_int_equal(c->hours[day][i].end, end);
	}
	va_end(ap);
}

/* ---- a valid file ------------------------------------------------------ */

static void
test_valid_calendars(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(
	    t, BASE "calendars = (\n"
	            "  { name = \"office\"; timezone = \"Asia/Shanghai\";\n"
	            "    weekdays = [\"09:00-12:00\", \"13:00-18:00\"];\n"
	            "    friday = [\"09:00-15:00\"];\n"
	            "    saturday = [\"22:00-06:00\"];\n"
	            "    holidays = [\"2026-10-01\", \"2026-10-02\"];\n"
	            "    extra_days = [\"2026-10-10\"];\n"
	            "    extra_hours = [\"10:00-16:00\"]; },\n"
	            "  { name = \"night\"; timezone = \"Europe/Berlin\";\n"
	            "    sunday = [\"22:00-24:00\"];\n"
	            "    monday = [\"00:00-06:00\", \"22:00-06:00\"]; }\n"
	            ");\n"
	            "policies = ( " DEFAULT_POLICY " );\n");
	const struct conf_calendar *o, *n;

	assert_int_equal(c->n_calendars, 2);
	o = &c->calendars[0];
	assert_string_equal(o->name, "office");
	assert_string_equal(o->timezone, "Asia/Shanghai");
	/* weekdays: Monday to Thursday; Friday has its own. */
	for (int d = 0; d < 4; d++)
		assert_hours(o, d, 2, 540, 720, 780, 1080);
	assert_hours(o, 4, 1, 540, 900);
	/* Overnight: 22:00 to 06:00 the next morning. */
	assert_hours(o, 5, 1, 1320, 1800);
	assert_hours(o, 6, 0);
	assert_int_equal(o->n_holiday_days, 2);
	assert_int_equal(o->holiday_days[0], day_of(2026, 10, 1));
	assert_int_equal(o->holiday_days[1], day_of(2026, 10, 2));
	assert_int_equal(o->n_extra_day_nums, 1);
	assert_int_equal(o->extra_day_nums[0], day_of(2026, 10, 10));
	assert_int_equal(o->n_extra_intervals, 1);
	assert_int_equal(o->extra_intervals[0].start, 600);
	assert_int_equal(o->extra_intervals[0].end, 960);

	/* No weekdays: only the days given; "24:00" as an end. */
	n = &c->calendars[1];
	assert_string_equal(n->name, "night");
	assert_hours(n, 0, 2, 0, 360, 1320, 1800);
	for (int d = 1; d < 6; d++)
		assert_hours(n, d, 0);
	assert_hours(n, 6, 1, 1320, 1440);
	assert_int_equal(n->n_holiday_days, 0);
	assert_int_equal(n->n_extra_day_nums, 0);
	assert_int_equal(n->n_extra_intervals, 0);

	assert_ptr_equal(conf_calendar_find(c, "office"), o);
	assert_ptr_equal(conf_calendar_find(c, "night"), n);
	assert_null(conf_calendar_find(c, CONF_CALENDAR_ALWAYS));
	assert_null(conf_calendar_find(c, "nope"));
}

/* The spec handed to sla_calendar_new points into the parsed fields. */
static void
test_calendar_spec(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(
	    t, BASE "calendars = (\n"
	            "  { name = \"office\"; timezone = \"Asia/Shanghai\";\n"
	            "    weekdays = [\"09:00-18:00\"];\n"
	            "    holidays = [\"2026-10-01\"];\n"
	            "    extra_days = [\"2026-10-10\"]; }\n"
	            ");\n"
	            "policies = ( " DEFAULT_POLICY " );\n");
	struct sla_calendar_spec spec;

	conf_calendar_spec(&c->calendars[0], &spec);
	assert_string_equal(spec.name, "office");
	assert_string_equal(spec.timezone, "Asia/Shanghai");
	for (int d = 0; d < 5; d++) {
		assert_int_equal(spec.n_week[d], 1);
		assert_int_equal(spec.week[d][0].start, 540);
		assert_int_equal(spec.week[d][0].end, 1080);
	}
	assert_int_equal(spec.n_week[5], 0);
	assert_int_equal(spec.n_week[6], 0);
	assert_int_equal(spec.n_holidays, 1);
	assert_int_equal(spec.holidays[0], day_of(2026, 10, 1));
	assert_int_equal(spec.n_extra_days, 1);
	assert_int_equal(spec.extra_days[0], day_of(2026, 10, 10));
	/* No extra_hours: Monday's (the calendar decides). */
	assert_null(spec.extra_hours);
	assert_int_equal(spec.n_extra_hours, 0);
}

static void
test_valid_policies(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(
	    t, BASE "calendars = ( " OFFICE " );\n"
	            "policies = (\n"
	            "  { name = \"vip\"; tier = [\"vip\", \"gold\"];\n"
	            "    severity = [\"urgent\", \"serious\"];\n"
	            "    category = [\"billing\"]; mailbox = [\"sales\"];\n"
	            "    min_priority = 50;\n"
	            "    first_response = \"30m\"; next_response = \"1h\";\n"
	            "    resolution = \"1d\"; calendar = \"office\";\n"
	            "    warn = \"15m\"; notify = \"immediately\";\n"
	            "    level1_after = \"1h\"; level1_to = [\"lead\", "
	            "\"team\"]; level1_raise = 10;\n"
	            "    level2_after = \"4h\"; level2_to = [\"manager\", "
	            "\"alice\"]; level2_raise = 20;\n"
	            "    level3_after = \"1d\"; level3_to = [\"assignee\"]; "
	            "},\n"
	            "  { name = \"quick\"; first_response = \"1h30m\"; warn "
	            "= \"50%\"; min_priority = 0; },\n"
	            "  " DEFAULT_POLICY "\n"
	            ");\n");
	const struct conf_policy *v, *q, *s;

	assert_int_equal(c->n_policies, 3);
	v = &c->policies[0];
	assert_string_equal(v->name, "vip");
	assert_int_equal(v->tier.n, 2);
	assert_string_equal(v->tier.v[0], "vip");
	assert_string_equal(v->tier.v[1], "gold");
	assert_int_equal(v->severity.n, 2);
	assert_string_equal(v->severity.v[1], "serious");
	assert_int_equal(v->category.n, 1);
	assert_string_equal(v->category.v[0], "billing");
	assert_int_equal(v->mailbox.n, 1);
	assert_string_equal(v->mailbox.v[0], "sales");
	assert_int_equal(v->min_priority, 50);
	assert_int_equal(v->first_response, 1800);
	assert_int_equal(v->next_response, 3600);
	assert_int_equal(v->resolution, 86400);
	assert_string_equal(v->calendar, "office");
	assert_string_equal(v->warn, "15m");
	assert_int_equal(v->warn_percent, -1);
	assert_int_equal(v->warn_before, 900);
	assert_int_equal(v->notify, CONF_NOTIFY_IMMEDIATELY);
	assert_int_equal(v->levels[0].after, 3600);
	assert_int_equal(v->levels[0].to.n, 2);
	assert_string_equal(v->levels[0].to.v[0], "lead");
	assert_string_equal(v->levels[0].to.v[1], "team");
	assert_int_equal(v->levels[0].raise, 10);
	assert_int_equal(v->levels[1].after, 4 * 3600);
	assert_int_equal(v->levels[1].to.n, 2);
	assert_string_equal(v->levels[1].to.v[0], "manager");
	assert_string_equal(v->levels[1].to.v[1], "alice");
	assert_int_equal(v->levels[1].raise, 20);
	assert_int_equal(v->levels[2].after, 86400);
	assert_int_equal(v->levels[2].to.n, 1);
	assert_string_equal(v->levels[2].to.v[0], "assignee");
	assert_int_equal(v->levels[2].raise, 0);
	assert_false(conf_policy_is_default(v));

	/* min_priority 0 is a condition (every priority meets it). */
	q = &c->policies[1];
	assert_int_equal(q->first_response, 5400);
	assert_int_equal(q->warn_percent, 50);
	assert_int_equal(q->min_priority, 0);
	assert_false(conf_policy_is_default(q));

	/* The defaults. */
	s = &c->policies[2];
	assert_string_equal(s->name, "standard");
	assert_int_equal(s->severity.n, 0);
	assert_int_equal(s->category.n, 0);
	assert_int_equal(s->mailbox.n, 0);
	assert_int_equal(s->tier.n, 0);
	assert_int_equal(s->min_priority, -1);
	assert_int_equal(s->first_response, 0);
	assert_int_equal(s->next_response, 0);
	assert_int_equal(s->resolution, 3 * 86400);
	assert_string_equal(s->calendar, CONF_CALENDAR_ALWAYS);
	assert_string_equal(s->calendar, "24x7");
	assert_string_equal(s->warn, "80%");
	assert_int_equal(s->warn_percent, 80);
	assert_int_equal(s->notify, CONF_NOTIFY_BUSINESS_HOURS);
	for (int l = 0; l < CONF_MAX_LEVELS; l++) {
		assert_int_equal(s->levels[l].to.n, 0);
		assert_int_equal(s->levels[l].after, 0);
		assert_int_equal(s->levels[l].raise, 0);
	}
	assert_true(conf_policy_is_default(s));
}

/* Neither section is required: no policy, no SLA. */
static void
test_no_sla_sections(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(t, BASE);

	assert_int_equal(c->n_calendars, 0);
	assert_int_equal(c->n_policies, 0);
	assert_null(c->policies);
	assert_null(c->calendars);
}

/* A calendar may work on its extra days alone. */
static void
test_calendar_only_extra_days(void **state)
{
	struct conf_harness *t = *state;
	const struct conf *c = conf_harness_load_ok(
	    t, BASE "calendars = (\n"
	            "  { name = \"events\"; timezone = \"UTC\";\n"
	            "    extra_days = [\"2026-12-24\"]; extra_hours = "
	            "[\"08:00-20:00\"]; }\n"
	            ");\n"
	            "policies = ( { name = \"p\"; resolution = \"1h\"; "
	            "calendar = \"events\"; } );\n");

	assert_int_equal(c->calendars[0].n_extra_day_nums, 1);
	for (int d = 0; d < 7; d++)
		assert_int_equal(c->calendars[0].n_hours[d], 0);
	assert_string_equal(c->policies[0].calendar, "events");
}

/* ---- calendars: errors ------------------------------------------------- */

static void
test_bad_hours(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  @@monday = [\"9-17\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].monday: ", "bad hours \"9-17\": not HH:MM-HH:MM");
	EXPECT(t,
	       BASE "calendars = ( " OFFICE ",\n"
	            "  { name = \"c\"; timezone = \"UTC\";\n"
	            "  @@sunday = [\"24:00-02:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[1].sunday: ", "24:00 only ends");
	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  monday = [\"09:00-17:00\"];\n"
	            "  @@extra_hours = [\"10:00-10:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].extra_hours: ", "empty interval");
	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  @@tuesday = (\"09:00-17:00\", 9); } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].tuesday: ", "entry 2 is an integer");
	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  @@friday = [\"01:00-02:00\", \"02:00-03:00\", "
	            "\"03:00-04:00\", \"04:00-05:00\", \"05:00-06:00\", "
	            "\"06:00-07:00\", \"07:00-08:00\", \"08:00-09:00\", "
	            "\"09:00-10:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].friday: ", "9 intervals; at most 8 a day");
}

/* weekdays stands for Monday to Friday: its mistakes are reported at its
 * own line. */
static void
test_bad_weekdays(void **state)
{
	struct conf_harness *t = *state;

	conf_harness_expect(
	    t,
	    BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	         "  @@weekdays = [\"9-17\"]; } );\n"
	         "policies = ( " DEFAULT_POLICY " );\n",
	    "calendars[0].weekdays: ", "bad hours \"9-17\"", false);
	/* A day of its own instead is checked as that day. */
	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  weekdays = [\"09:00-17:00\"];\n"
	            "  @@wednesday = [\"9:00-17\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].wednesday: ", "bad hours \"9:00-17\"");
}

/* One bad entry of weekdays is one error, not one per weekday. */
static void
test_weekdays_reported_once(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  @@weekdays = [\"9-17\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].weekdays: ", "bad hours \"9-17\"");
}

/* weekdays is checked even when every weekday has hours of its own. */
static void
test_weekdays_checked_when_unused(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  monday = [\"09:00-17:00\"]; tuesday = "
	            "[\"09:00-17:00\"];\n"
	            "  wednesday = [\"09:00-17:00\"]; thursday = "
	            "[\"09:00-17:00\"];\n"
	            "  friday = [\"09:00-17:00\"];\n"
	            "  @@weekdays = [\"9-17\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].weekdays: ", "bad hours \"9-17\"");
}

static void
test_overlapping_hours(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"c\"; timezone = \"UTC\";\n"
	            "  monday = [\"09:00-12:00\", \"11:00-13:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ",
	       "calendar \"c\": monday 11:00-13:00 overlaps 09:00-12:00");
	/* weekdays are checked as the days they stand for. */
	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"c\"; timezone = \"UTC\";\n"
	            "  weekdays = [\"08:00-12:00\", \"12:00-18:00\", "
	            "\"17:00-19:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ", "monday 17:00-19:00 overlaps 12:00-18:00");
	/* An overnight interval against the next morning's. */
	EXPECT(t,
	       BASE "calendars = ( " OFFICE ",\n"
	            "  @@{ name = \"c\"; timezone = \"UTC\";\n"
	            "  monday = [\"22:00-06:00\"]; tuesday = "
	            "[\"05:00-10:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[1]: ",
	       "calendar \"c\": tuesday 05:00-10:00 overlaps monday "
	       "22:00-06:00");
	/* Sunday night runs into Monday. */
	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"c\"; timezone = \"UTC\";\n"
	            "  sunday = [\"20:00-02:00\"]; weekdays = "
	            "[\"01:00-09:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ", "monday 01:00-09:00 overlaps sunday");
	/* Touching is not overlapping. */
	conf_harness_load_ok(
	    t, BASE "calendars = ( { name = \"c\"; timezone = \"UTC\"; "
	            "monday = [\"22:00-06:00\"]; tuesday = "
	            "[\"06:00-10:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n");
}

static void
test_unknown_timezone(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"c\"; timezone = \"Mars/Olympus_Mons\";\n"
	            "  monday = [\"09:00-17:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ", "time zone \"Mars/Olympus_Mons\"");
	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"c\";\n"
	            "  monday = [\"09:00-17:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ", "missing required key \"timezone\"");
}

static void
test_builtin_calendar_name(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = ( { timezone = \"UTC\";\n"
	            "  @@name = \"24x7\"; monday = [\"09:00-17:00\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].name: ",
	       "\"24x7\" is the built-in 24/7 calendar; pick another name");
	EXPECT(t,
	       BASE "calendars = ( { timezone = \"UTC\";\n"
	            "  @@name = \"Office Hours\"; monday = [\"09:00-17:00\"]; "
	            "} );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].name: ", "\"Office Hours\" must be");
}

static void
test_no_business_time(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"closed\"; timezone = \"UTC\"; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ",
	       "calendar \"closed\": no business hours, in the week or on "
	       "extra days");
	/* Extra days with no hours to work (no extra_hours, no Monday). */
	EXPECT(t,
	       BASE "calendars = (\n"
	            "  @@{ name = \"closed\"; timezone = \"UTC\";\n"
	            "  extra_days = [\"2026-12-24\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0]: ", "no business hours");
}

static void
test_bad_dates(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(
	    t,
	    BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	         "  weekdays = [\"09:00-17:00\"];\n"
	         "  @@holidays = [\"2026-01-01\", \"2026-02-30\"]; } );\n"
	         "policies = ( " DEFAULT_POLICY " );\n",
	    "calendars[0].holidays: ", "bad date \"2026-02-30\": no such day");
	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  weekdays = [\"09:00-17:00\"];\n"
	            "  @@extra_days = [\"2026/10/10\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].extra_days: ",
	       "bad date \"2026/10/10\": not YYYY-MM-DD");
	EXPECT(t,
	       BASE "calendars = ( { name = \"c\"; timezone = \"UTC\";\n"
	            "  weekdays = [\"09:00-17:00\"];\n"
	            "  @@holidays = [\"1969-12-31\"]; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[0].holidays: ", "year not in 1970-2200");
}

/* Every mistake of a calendar at once, each at its own line. */
static void
test_calendar_errors_at_once(void **state)
{
	struct conf_harness *t = *state;
	unsigned line;

	assert_null(
	    conf_harness_load(t,
	                      BASE "calendars = ( { name = \"c\"; timezone = "
	                           "\"UTC\";\n"
	                           "  monday = [\"9-17\"];\n"
	                           "  holidays = [\"2026-13-01\"]; } );\n"
	                           "policies = ( " DEFAULT_POLICY " );\n",
	                      &line));
	if (t->errors.n != 2) {
		conf_harness_print_errors(t);
		fail_msg("%zu errors, want 2", t->errors.n);
	}
	assert_non_null(strstr(t->errors.v[0], ":7: calendars[0].monday: "));
	assert_non_null(strstr(t->errors.v[1], ":8: calendars[0].holidays: "));
}

static void
test_duplicate_calendars(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = ( " OFFICE ",\n"
	            "  { timezone = \"UTC\"; monday = [\"09:00-17:00\"];\n"
	            "  @@name = \"office\"; } );\n"
	            "policies = ( " DEFAULT_POLICY " );\n",
	       "calendars[1].name: ",
	       "\"office\" is also the name of calendars[0]");
}

/* ---- policies: errors -------------------------------------------------- */

static void
test_bad_warn(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@warn = \"150%\"; } );\n",
	       "policies[0].warn: ",
	       "\"150%\" is neither a share of the target (\"80%\", 1% to "
	       "99%) nor a time before the deadline (\"30m\")");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@warn = \"soon\"; } );\n",
	       "policies[0].warn: ", "\"soon\" is neither a share");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@warn = \"0%\"; } );\n",
	       "policies[0].warn: ", "\"0%\" is neither");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@warn = \"%\"; } );\n",
	       "policies[0].warn: ", "is neither");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@warn = \"8O%\"; } );\n",
	       "policies[0].warn: ", "\"8O%\" is neither");
	/* The edges are fine. */
	conf_harness_load_ok(
	    t, BASE "policies = ( { name = \"p\"; resolution = \"1d\"; "
	            "warn = \"99%\"; } );\n");
	assert_int_equal(t->conf->policies[0].warn_percent, 99);
	conf_harness_load_ok(
	    t, BASE "policies = ( { name = \"p\"; resolution = \"1d\"; "
	            "warn = \"1%\"; } );\n");
	assert_int_equal(t->conf->policies[0].warn_percent, 1);
	conf_harness_load_ok(
	    t, BASE "policies = ( { name = \"p\"; resolution = \"1d\"; "
	            "warn = \"1h30m\"; } );\n");
	assert_int_equal(t->conf->policies[0].warn_percent, -1);
	assert_int_equal(t->conf->policies[0].warn_before, 5400);
}

static void
test_no_target(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = (\n"
	            "  @@{ name = \"p\"; warn = \"10m\"; } );\n",
	       "policies[0]: ",
	       "no target: give first_response, next_response or resolution");
	EXPECT(t,
	       BASE "policies = (\n"
	            "  @@{ name = \"p\"; first_response = \"0s\"; } );\n",
	       "policies[0]: ", "no target");
	/* Each target alone is enough. */
	conf_harness_load_ok(t, BASE
	                     "policies = ( { name = \"p\"; next_response = "
	                     "\"2h\"; } );\n");
	assert_int_equal(t->conf->policies[0].next_response, 7200);
}

static void
test_bad_values(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = ( { name = \"p\";\n"
	            "  @@first_response = \"soon\"; } );\n",
	       "policies[0].first_response: ", "\"soon\" is not a duration");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@notify = \"later\"; } );\n",
	       "policies[0].notify: ",
	       "\"later\" is not one of \"business_hours\", \"immediately\"");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  level1_to = [\"lead\"];\n"
	            "  @@level1_raise = 1001; } );\n",
	       "policies[0].level1_raise: ", "1001 is out of range 0..1000");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@min_priority = -2; } );\n",
	       "policies[0].min_priority: ", "out of range");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@level4_to = [\"lead\"]; } );\n",
	       "policies[0].level4_to: ", "unknown key");
	EXPECT(t,
	       BASE "policies = ( { resolution = \"1d\";\n"
	            "  @@name = \"Fast Lane\"; } );\n",
	       "policies[0].name: ", "\"Fast Lane\" must be");
}

static void
test_level_gap(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = (\n"
	            "  @@{ name = \"p\"; resolution = \"1d\";\n"
	            "  level2_to = [\"lead\"]; } );\n",
	       "policies[0]: ",
	       "level2_to without level1_to: levels count from 1");
	EXPECT(t,
	       BASE "policies = (\n"
	            "  @@{ name = \"p\"; resolution = \"1d\";\n"
	            "  level1_to = [\"lead\"]; level3_to = [\"manager\"]; } "
	            ");\n",
	       "policies[0]: ", "level3_to without level2_to");
}

static void
test_unknown_calendar(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "calendars = ( " OFFICE " );\n"
	            "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@calendar = \"ofice\"; } );\n",
	       "policies[0].calendar: ",
	       "no calendar is named \"ofice\" (see calendars; \"24x7\" is "
	       "always open)");
	/* 24x7 needs no section. */
	conf_harness_load_ok(
	    t, BASE "policies = ( { name = \"p\"; resolution = \"1d\"; "
	            "calendar = \"24x7\"; } );\n");
}

static void
test_unknown_conditions(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@severity = [\"urgent\", \"critical\"]; },\n"
	            "  " DEFAULT_POLICY " );\n",
	       "policies[0].severity: ",
	       "\"critical\" is not a severity (general, serious or urgent)");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@category = [\"refunds\"]; },\n"
	            "  " DEFAULT_POLICY " );\n",
	       "policies[0].category: ",
	       "\"refunds\" is not a category (see classify.categories)");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@mailbox = [\"sales\", \"shop\"]; },\n"
	            "  " DEFAULT_POLICY " );\n",
	       "policies[0].mailbox: ",
	       "no mailbox is named \"shop\" (see mailboxes)");
	/* Configured categories replace the default ones. */
	EXPECT(t,
	       BASE "classify = { categories = [\"returns\", \"other\"]; };\n"
	            "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@category = [\"billing\"]; },\n"
	            "  " DEFAULT_POLICY " );\n",
	       "policies[0].category: ", "\"billing\" is not a category");
}

static void
test_unknown_recipient(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  @@level1_to = [\"lead\", \"boss\"]; } );\n",
	       "policies[0].level1_to: ",
	       "\"boss\" is neither assignee, team, lead, manager nor an "
	       "agent's name (see agents)");
	EXPECT(t,
	       BASE "policies = ( { name = \"p\"; resolution = \"1d\";\n"
	            "  level1_to = [\"assignee\"];\n"
	            "  @@level2_to = [\"Manager\"]; } );\n",
	       "policies[0].level2_to: ", "\"Manager\" is neither");
	/* The roles and agents' names are all fine. */
	conf_harness_load_ok(
	    t, BASE "policies = ( { name = \"p\"; resolution = \"1d\"; "
	            "level1_to = [\"assignee\", \"team\"]; level2_to = "
	            "[\"lead\", \"manager\"]; level3_to = [\"alice\", "
	            "\"dave\"]; } );\n");
}

static void
test_no_default_policy(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE
	       "policies = (\n"
	       "  { name = \"urgent\"; severity = [\"urgent\"]; resolution "
	       "= \"4h\"; },\n"
	       "  @@{ name = \"vip\"; tier = [\"vip\"]; resolution = "
	       "\"8h\"; } );\n",
	       "policies[1]: ",
	       "no default policy: the last one should have no conditions "
	       "(severity, category, mailbox, tier, min_priority), so every "
	       "ticket gets one");
	EXPECT(t,
	       BASE "policies = (\n"
	            "  @@{ name = \"busy\"; min_priority = 0; resolution = "
	            "\"4h\"; } );\n",
	       "policies[0]: ", "no default policy");
}

static void
test_policy_after_default(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = (\n"
	            "  { name = \"all\"; resolution = \"1d\"; },\n"
	            "  { severity = [\"urgent\"]; resolution = \"1h\";\n"
	            "  @@name = \"urgent\"; } );\n",
	       "policies[1].name: ",
	       "never chosen: policies[0] before it has no conditions and "
	       "takes every ticket");
	/* Reported once, at the first policy after the default. */
	EXPECT(t,
	       BASE "policies = (\n"
	            "  { name = \"vip\"; tier = [\"vip\"]; resolution = "
	            "\"8h\"; },\n"
	            "  { name = \"all\"; resolution = \"1d\"; },\n"
	            "  { resolution = \"1h\";\n"
	            "  @@name = \"also\"; },\n"
	            "  { name = \"late\"; severity = [\"urgent\"]; resolution "
	            "= \"1h\"; } );\n",
	       "policies[2].name: ", "never chosen: policies[1] before it");
}

static void
test_duplicate_policies(void **state)
{
	struct conf_harness *t = *state;

	EXPECT(t,
	       BASE "policies = (\n"
	            "  { name = \"std\"; severity = [\"urgent\"]; resolution = "
	            "\"1h\"; },\n"
	            "  { resolution = \"1d\";\n"
	            "  @@name = \"std\"; } );\n",
	       "policies[1].name: ", "\"std\" is also the name of policies[0]");
}

/* Reference errors of the SLA sections all at once, each at its line. */
static void
test_policy_errors_at_once(void **state)
{
	struct conf_harness *t = *state;
	static const char *const want[] = {
	    ":8: policies[0].calendar: no calendar is named \"nope\"",
	    ":9: policies[0].severity: \"critical\" is not a severity",
	    ":10: policies[0].level1_to: \"boss\" is neither",
	    ":7: policies[0]: no default policy",
	};
	unsigned line;

	assert_null(conf_harness_load(t,
	                              BASE
	                              "policies = (\n"
	                              "  { name = \"p\"; resolution = \"1d\";\n"
	                              "  calendar = \"nope\";\n"
	                              "  severity = [\"critical\"];\n"
	                              "  level1_to = [\"boss\"]; }\n"
	                              ");\n",
	                              &line));
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		char prefix[PATH_MAX + 128];
		bool found = false;
		snprintf(prefix, sizeof(prefix), "%s%s", t->path, want[i]);
		for (size_t j = 0; j < t->errors.n && !found; j++)
			found = strncmp(t->errors.v[j], prefix,
			                strlen(prefix)) == 0;
		if (!found) {
			conf_harness_print_errors(t);
			fail_msg("missing: %s", prefix);
		}
	}
	if (t->errors.n != sizeof(want) / sizeof(*want)) {
		conf_harness_print_errors(t);
		fail_msg("%zu errors, want %zu", t->errors.n,
		         sizeof(want) / sizeof(*want));
	}
}

int
main(void)
{
#define T(fn)                                                                  \
	cmocka_unit_test_setup_teardown(fn, conf_harness_setup,                \
	                                conf_harness_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_valid_calendars),
	    T(test_calendar_spec),
	    T(test_valid_policies),
	    T(test_no_sla_sections),
	    T(test_calendar_only_extra_days),
	    T(test_bad_hours),
	    T(test_bad_weekdays),
	    T(test_weekdays_reported_once),
	    T(test_weekdays_checked_when_unused),
	    T(test_overlapping_hours),
	    T(test_unknown_timezone),
	    T(test_builtin_calendar_name),
	    T(test_no_business_time),
	    T(test_bad_dates),
	    T(test_calendar_errors_at_once),
	    T(test_duplicate_calendars),
	    T(test_bad_warn),
	    T(test_no_target),
	    T(test_bad_values),
	    T(test_level_gap),
	    T(test_unknown_calendar),
	    T(test_unknown_conditions),
	    T(test_unknown_recipient),
	    T(test_no_default_policy),
	    T(test_policy_after_default),
	    T(test_duplicate_policies),
	    T(test_policy_errors_at_once),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
