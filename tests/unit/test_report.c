/*
 * test_report: the report's arithmetic — nearest-rank medians and 90th
 * percentiles, ratios over nothing, the names of groupings, and the days,
 * weeks (from Monday) and months periods fall in, across a DST change.
 * The figures over a seeded store are tested end to end in
 * tests/integration/test_report.py.
 */
#include "report.h"
#include "report_p.h"

#include "tz.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void
test_stats(void **state)
{
	struct report_samples s = {0};
	struct report_stats st;

	(void)state;
	report_stats(&s, &st);
	assert_int_equal(st.n, 0);
	/* 10 values given backwards: median rank 5, p90 rank 9. */
	for (int i = 10; i >= 1; i--)
		assert_int_equal(report_push(&s, i * 100.0), 0);
	report_stats(&s, &st);
	assert_int_equal(st.n, 10);
	assert_true(st.mean == 550.0);
	assert_true(st.median == 500.0);
	assert_true(st.p90 == 900.0);
	/* One value is every statistic. */
	s.n = 0;
	assert_int_equal(report_push(&s, 42.0), 0);
	report_stats(&s, &st);
	assert_true(st.median == 42.0 && st.p90 == 42.0 && st.mean == 42.0);
	free(s.v);
}

static void
test_ratio(void **state)
{
	struct report_ratio none = {0, 0, 0}, half = {1, 2, 0};

	(void)state;
	report_ratio(&none);
	report_ratio(&half);
	assert_true(none.value == -1);
	assert_true(half.value == 0.5);
}

static void
test_by_names(void **state)
{
	(void)state;
	for (int by = REPORT_BY_CATEGORY; by <= REPORT_BY_MONTH; by++)
		assert_int_equal(report_by_parse(report_by_name(by)), by);
	assert_int_equal(report_by_parse("colour"), -1);
	assert_null(report_by_name(REPORT_BY_NONE));
}

static void
assert_key(const struct tz *zone, enum report_by by, long long t,
           const char *want)
{
	char key[16];

	report_period_key(zone, by, t, key, sizeof(key));
	assert_string_equal(key, want);
}

static void
test_period_keys(void **state)
{
	char err[128];
	struct tz *berlin = tz_load("Europe/Berlin", err, sizeof(err));

	(void)state;
	assert_non_null(berlin);
	/* 2026-03-29 00:30 UTC is 01:30 in Berlin, a Sunday: its week
	 * began on Monday the 23rd. */
	assert_key(berlin, REPORT_BY_DAY, 1774744200LL, "2026-03-29");
	assert_key(berlin, REPORT_BY_WEEK, 1774744200LL, "2026-03-23");
	assert_key(berlin, REPORT_BY_MONTH, 1774744200LL, "2026-03");
	/* 2026-03-29 22:30 UTC is already Monday the 30th in Berlin
	 * (summer time): a new week. */
	assert_key(berlin, REPORT_BY_DAY, 1774823400LL, "2026-03-30");
	assert_key(berlin, REPORT_BY_WEEK, 1774823400LL, "2026-03-30");
	/* 1970-01-01 was a Thursday; before the epoch too. */
	assert_key(NULL, REPORT_BY_WEEK, 0, "1969-12-29");
	assert_key(NULL, REPORT_BY_DAY, -1, "1969-12-31");
	tz_free(berlin);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stats),
	    cmocka_unit_test(test_ratio),
	    cmocka_unit_test(test_by_names),
	    cmocka_unit_test(test_period_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
