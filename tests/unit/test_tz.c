/*
 * test_tz: zones read from tzdata against glibc's own reading of them
 * (localtime_r under TZ) over 1970-2100 and at every transition found;
 * the DST nights of Berlin and Lord Howe by hand; local to UTC in gaps
 * and overlaps; POSIX rules of every form in hand-made TZif files; bad
 * names, and truncated or mangled files, which must fail cleanly.
 */
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
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof(*(a)))
#define H 3600

/* 2026-03-29 01:00:00Z and 2026-10-25 01:00:00Z: Berlin's 2026 changes
 * (the last Sundays of March and October, 01:00 UT). */
#define BERLIN_SPRING 1774746000
#define BERLIN_AUTUMN 1792890000

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

static struct tz *
load(const char *name)
{
	char err[512];
	struct tz *tz = tz_load(name, err, sizeof(err));

	if (tz == NULL)
		fail_msg("tz_load(%s): %s", name, err);
	return tz;
}

/* glibc's offset at t in the zone TZ names (tzset already called). */
static long
glibc_offset(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	assert_non_null(localtime_r(&tt, &tm));
	return tm.tm_gmtoff;
}

static void
set_tz(const char *tz)
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

static void
check_at(const struct tz *tz, const char *what, int64_t t)
{
	long want = glibc_offset(t), got = tz_offset(tz, t);

	if (got != want)
		fail_msg("%s at %lld: offset %ld, glibc %ld", what,
		         (long long)t, got, want);
	assert_true(tz_local(tz, t) == t + want);
}

/* The first instant in (lo, hi] where glibc's offset differs from lo's. */
static int64_t
glibc_change(int64_t lo, int64_t hi)
{
	long at_lo = glibc_offset(lo);

	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (glibc_offset(mid) == at_lo)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Every ~7 hours from 1970 to 2100, both sides of each transition
 * between samples, and random instants up to 2400. */
static void
compare_with_glibc(const char *name, const char *tzenv)
{
	int64_t from = utc(1970, 1, 1, 0, 0, 0);
	int64_t to = utc(2100, 1, 1, 0, 0, 0);
	int64_t step = 7 * H + 13 * 60 + 7, prev = from;
	struct tz *tz = load(name);
	unsigned seed = 20260329;
	int changes = 0;

	set_tz(tzenv);
	for (int64_t t = from; t < to; prev = t, t += step) {
		check_at(tz, name, t);
		if (glibc_offset(prev) != glibc_offset(t)) {
			int64_t c = glibc_change(prev, t);
			check_at(tz, name, c - 1);
			check_at(tz, name, c);
			changes++;
		}
	}
	for (int i = 0; i < 20000; i++) {
		seed = seed * 1103515245 + 12345;
		int64_t r = (int64_t)(seed >> 1) * 7 % (430LL * 365 * 86400);
		check_at(tz, name, from + r);
	}
	/* Zones without DST may have no change since 1970; those that
	 * have DST change twice a year through 2099. */
	if (strstr(name, "Berlin") || strstr(name, "New_York") ||
	    strstr(name, "Lord_Howe"))
		assert_true(changes >= 200);
	tz_free(tz);
}

static void
test_glibc_agrees(void **state)
{
	static const char *zones[] = {
	    "Europe/Berlin",       "Asia/Shanghai",     "America/New_York",
	    "Australia/Lord_Howe", "Asia/Kolkata",      "UTC",
	    "Europe/Dublin",       "America/Nuuk",      "Asia/Jerusalem",
	    "America/Santiago",    "Pacific/Chatham",   "America/Sao_Paulo",
	    "Asia/Tehran",         "Pacific/Kiritimati"};

	(void)state;
	for (size_t i = 0; i < N(zones); i++)
		compare_with_glibc(zones[i], zones[i]);
}

static void
test_berlin_2026(void **state)
{
	struct tz *tz = load("Europe/Berlin");

	(void)state;
	assert_string_equal(tz_name(tz), "Europe/Berlin");
	assert_true(BERLIN_SPRING == utc(2026, 3, 29, 1, 0, 0));
	assert_true(BERLIN_AUTUMN == utc(2026, 10, 25, 1, 0, 0));
	assert_int_equal(tz_offset(tz, BERLIN_SPRING - 1), 1 * H);
	assert_int_equal(tz_offset(tz, BERLIN_SPRING), 2 * H);
	assert_int_equal(tz_offset(tz, BERLIN_AUTUMN - 1), 2 * H);
	assert_int_equal(tz_offset(tz, BERLIN_AUTUMN), 1 * H);
	/* 01:59:59 CET is followed by 03:00:00 CEST. */
	assert_true(tz_local(tz, BERLIN_SPRING - 1) ==
	            utc(2026, 3, 29, 1, 59, 59));
	assert_true(tz_local(tz, BERLIN_SPRING) == utc(2026, 3, 29, 3, 0, 0));
	/* 02:59:59 CEST is followed by 02:00:00 CET. */
	assert_true(tz_local(tz, BERLIN_AUTUMN - 1) ==
	            utc(2026, 10, 25, 2, 59, 59));
	assert_true(tz_local(tz, BERLIN_AUTUMN) == utc(2026, 10, 25, 2, 0, 0));
	/* In the footer's years (the file lists transitions to 2037). */
	assert_int_equal(tz_offset(tz, utc(2080, 3, 31, 0, 59, 59)), 1 * H);
	assert_int_equal(tz_offset(tz, utc(2080, 3, 31, 1, 0, 0)), 2 * H);
	tz_free(tz);
}

static void
test_berlin_utc_gap_overlap(void **state)
{
	struct tz *tz = load("Europe/Berlin");

	(void)state;
	/* Spring: 02:00-03:00 never happens.  02:30 is half an hour past
	 * the gap's start on the old clock: 01:30Z, 03:30 CEST. */
	assert_true(tz_utc(tz, utc(2026, 3, 29, 2, 30, 0)) ==
	            BERLIN_SPRING + 1800);
	/* 02:00 is the gap's start itself, and 03:00 the same instant. */
	assert_true(tz_utc(tz, utc(2026, 3, 29, 2, 0, 0)) == BERLIN_SPRING);
	assert_true(tz_utc(tz, utc(2026, 3, 29, 3, 0, 0)) == BERLIN_SPRING);
	assert_true(tz_utc(tz, utc(2026, 3, 29, 1, 59, 59)) ==
	            BERLIN_SPRING - 1);
	assert_true(tz_utc(tz, utc(2026, 3, 29, 3, 0, 1)) == BERLIN_SPRING + 1);
	/* Autumn: 02:00-03:00 happens twice; the CEST one is earlier.
	 * 02:30 CEST is 00:30Z. */
	assert_true(tz_utc(tz, utc(2026, 10, 25, 2, 30, 0)) ==
	            BERLIN_AUTUMN - 1800);
	assert_true(tz_utc(tz, utc(2026, 10, 25, 2, 0, 0)) ==
	            BERLIN_AUTUMN - 3600);
	assert_true(tz_utc(tz, utc(2026, 10, 25, 2, 59, 59)) ==
	            BERLIN_AUTUMN - 1);
	/* 03:00 exists once, in CET: 02:00Z. */
	assert_true(tz_utc(tz, utc(2026, 10, 25, 3, 0, 0)) ==
	            BERLIN_AUTUMN + 3600);
	assert_true(tz_utc(tz, utc(2026, 10, 25, 1, 59, 59)) ==
	            BERLIN_AUTUMN - 3600 - 1);
	/* Ordinary days either side. */
	assert_true(tz_utc(tz, utc(2026, 1, 15, 12, 0, 0)) ==
	            utc(2026, 1, 15, 11, 0, 0));
	assert_true(tz_utc(tz, utc(2026, 7, 15, 12, 0, 0)) ==
	            utc(2026, 7, 15, 10, 0, 0));
	/* The same in the footer's years: 2080-03-31 is the last Sunday. */
	assert_true(tz_utc(tz, utc(2080, 3, 31, 2, 30, 0)) ==
	            utc(2080, 3, 31, 1, 30, 0));
	tz_free(tz);
}

static void
test_lord_howe(void **state)
{
	struct tz *tz = load("Australia/Lord_Howe");

	(void)state;
	/* +11 until 02:00 on 2026-04-05 (15:00Z), then +10:30. */
	assert_int_equal(tz_offset(tz, utc(2026, 4, 4, 14, 59, 59)), 11 * H);
	assert_int_equal(tz_offset(tz, utc(2026, 4, 4, 15, 0, 0)),
	                 10 * H + 1800);
	/* 01:45 happens twice: 14:45Z at +11 is the earlier. */
	assert_true(tz_utc(tz, utc(2026, 4, 5, 1, 45, 0)) ==
	            utc(2026, 4, 4, 14, 45, 0));
	/* 02:00 at +10:30 on 2026-10-04 (15:30Z) becomes 02:30 at +11:
	 * 02:15 is 15:45Z. */
	assert_int_equal(tz_offset(tz, utc(2026, 10, 3, 15, 29, 59)),
	                 10 * H + 1800);
	assert_int_equal(tz_offset(tz, utc(2026, 10, 3, 15, 30, 0)), 11 * H);
	assert_true(tz_utc(tz, utc(2026, 10, 4, 2, 15, 0)) ==
	            utc(2026, 10, 3, 15, 45, 0));
	assert_true(tz_utc(tz, utc(2026, 10, 4, 2, 30, 0)) ==
	            utc(2026, 10, 3, 15, 30, 0));
	tz_free(tz);
}

/* For any instant u, the wall clock it shows maps back to u or, in an
 * overlap, to the earlier instant showing the same. */
static void
test_utc_round_trip(void **state)
{
	static const char *zones[] = {"Europe/Berlin",       "America/New_York",
	                              "Australia/Lord_Howe", "Asia/Kolkata",
	                              "America/Santiago",    "UTC"};
	unsigned seed = 7;

	(void)state;
	for (size_t z = 0; z < N(zones); z++) {
		struct tz *tz = load(zones[z]);
		int64_t from = utc(1990, 1, 1, 0, 0, 0);
		int overlaps = 0;

		for (int i = 0; i < 200000; i++) {
			int64_t u, v;

			seed = seed * 1103515245 + 12345;
			u = from + (int64_t)(seed >> 2) % (90LL * 365 * 86400);
			v = tz_utc(tz, tz_local(tz, u));
			assert_true(tz_local(tz, v) == tz_local(tz, u));
			assert_true(v <= u && u - v <= 2 * H);
			overlaps += v < u;
			/* The earlier of two: no instant an offset change
			 * before shows the same clock. */
			if (v < u)
				assert_true(tz_offset(tz, v) >
				            tz_offset(tz, u));
		}
		/* A DST zone shows an overlap hour once a year: about
		 * 200000 / (90 * 365 * 24) of the samples hit it. */
		if (z < 3)
			assert_true(overlaps > 0);
		tz_free(tz);
	}
}

static void
test_utc_zone(void **state)
{
	struct tz *tz = load("UTC");

	(void)state;
	assert_int_equal(tz_offset(tz, 0), 0);
	assert_int_equal(tz_offset(tz, utc(2026, 7, 1, 0, 0, 0)), 0);
	assert_true(tz_utc(tz, 12345) == 12345);
	/* The ends of the range neither trap nor wrap. */
	assert_int_equal(tz_offset(tz, INT64_MAX), 0);
	assert_int_equal(tz_offset(tz, INT64_MIN), 0);
	tz_free(tz);
	tz = load("Europe/Berlin");
	assert_true(tz_local(tz, INT64_MAX) == INT64_MAX);
	assert_true(tz_local(tz, INT64_MIN) < 0);
	assert_true(tz_utc(tz, INT64_MIN) == INT64_MIN);
	assert_true(tz_utc(tz, INT64_MAX) > 0);
	assert_true(tz_offset(tz, INT64_MAX) == H ||
	            tz_offset(tz, INT64_MAX) == 2 * H);
	/* Before the first transition (1893): type 0, local mean time. */
	assert_int_equal(tz_offset(tz, utc(1800, 1, 1, 0, 0, 0)), 3208);
	tz_free(tz);
}

static void
assert_bad_name(const char *name, const char *want)
{
	char err[512];

	err[0] = '\0';
	if (tz_load(name, err, sizeof(err)) != NULL)
		fail_msg("tz_load(\"%s\") succeeded", name);
	if (strstr(err, want) == NULL)
		fail_msg("tz_load(\"%s\"): \"%s\" lacks \"%s\"", name, err,
		         want);
}

static void
test_bad_names(void **state)
{
	char longname[300];

	(void)state;
	assert_bad_name("../etc/passwd", "\"../etc/passwd\"");
	assert_bad_name("Europe/../../etc/passwd", "\"Europe/../../etc");
	assert_bad_name("..", "\"..\"");
	assert_bad_name("/etc/localtime", "\"/etc/localtime\"");
	assert_bad_name("", "unknown time zone \"\"");
	assert_bad_name("Nope/Nowhere", "unknown time zone \"Nope/Nowhere\"");
	assert_bad_name("Mars/Base", "unknown time zone \"Mars/Base\"");
	assert_bad_name("Europe/Berlin ", "Berlin");
	assert_bad_name("Europe/Berlin\n", "Berlin");
	assert_bad_name("Europe*", "Europe*");
	/* A directory, and a file that is not TZif. */
	assert_bad_name("Europe", "\"Europe\"");
	assert_bad_name("zone.tab", "\"zone.tab\"");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_bad_name(longname, "aaaa");
	/* ".." inside a name is only a parent when it is a whole part. */
	assert_bad_name("Europe/..Berlin", "Europe/..Berlin");
	{
		char err[256];
		assert_null(tz_load(NULL, err, sizeof(err)));
		assert_non_null(strstr(err, "unknown time zone"));
	}
	tz_free(NULL);
}

/* ---- hand-made files ------------------------------------------------ */

struct tzdir {
	char path[256];
};

static void
tzdir_make(struct tzdir *d)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(d->path, sizeof(d->path), "%s/test_tz.XXXXXX",
	         tmp != NULL ? tmp : "/tmp");
	assert_non_null(mkdtemp(d->path));
	assert_int_equal(setenv("TZDIR", d->path, 1), 0);
}

static void
tzdir_put(const struct tzdir *d, const char *name, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", d->path, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
tzdir_remove(struct tzdir *d, const char *const *names, size_t n)
{
	char path[512];

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", d->path, names[i]);
		unlink(path);
	}
	assert_int_equal(rmdir(d->path), 0);
	unsetenv("TZDIR");
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = malloc(1 << 16);

	assert_non_null(f);
	assert_non_null(buf);
	*len = fread(buf, 1, 1 << 16, f);
	assert_true(*len > 0 && *len < (1 << 16));
	fclose(f);
	return buf;
}

/* A TZif file: a version 1 block and, unless version is 0, a version 2
 * block and the footer.  Types are (utoff, isdst); all share "ZZZ". */
struct tzif {
	const int64_t *trans;
	const unsigned char *idx;
	size_t n;
	const int32_t *utoff;
	const unsigned char *isdst;
	size_t n_types;
	const char *footer;
	char version;
};

static size_t
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

static size_t
tzif_block(unsigned char *p, const struct tzif *z, int tsize)
{
	size_t o = 0;

	memcpy(p, "TZif", 4);
	p[4] = (unsigned char)z->version;
	memset(p + 5, 0, 15);
	o = 20;
	o += put32(p + o, 0); /* isutcnt */
	o += put32(p + o, 0); /* isstdcnt */
	o += put32(p + o, 0); /* leapcnt */
	o += put32(p + o, (uint32_t)z->n);
	o += put32(p + o, (uint32_t)z->n_types);
	o += put32(p + o, 4); /* charcnt */
	for (size_t i = 0; i < z->n; i++) {
		if (tsize == 8)
			o += put32(p + o,
			           (uint32_t)((uint64_t)z->trans[i] >> 32));
		o += put32(p + o, (uint32_t)z->trans[i]);
	}
	for (size_t i = 0; i < z->n; i++)
		p[o++] = z->idx[i];
	for (size_t i = 0; i < z->n_types; i++) {
		o += put32(p + o, (uint32_t)z->utoff[i]);
		p[o++] = z->isdst[i];
		p[o++] = 0;
	}
	memcpy(p + o, "ZZZ", 4);
	return o + 4;
}

static size_t
tzif_build(unsigned char *p, const struct tzif *z)
{
	size_t o = tzif_block(p, z, 4);

	if (z->version == 0)
		return o;
	o += tzif_block(p + o, z, 8);
	o += (size_t)sprintf((char *)p + o, "\n%s\n", z->footer);
	return o;
}

/* A file whose footer rules from 1901, against glibc reading the same
 * file.  (glibc reads a footer only after a transition, though RFC 8536
 * lets one rule alone; test_footer_by_hand has that case.) */
static void
check_footer(struct tzdir *d, const char *name, const char *footer)
{
	static const int64_t trans[] = {INT32_MIN};
	static const unsigned char idx[] = {0};
	static const int32_t off[] = {0};
	static const unsigned char dst[] = {0};
	struct tzif z = {trans, idx, 1, off, dst, 1, footer, '2'};
	unsigned char buf[512];
	char path[512];
	struct tz *tz;
	size_t len = tzif_build(buf, &z);

	tzdir_put(d, name, buf, len);
	tz = load(name);
	/* A new name for each: glibc keeps a zone while TZ is unchanged. */
	snprintf(path, sizeof(path), "%s/%s", d->path, name);
	set_tz(path);
	/* Past 2100 too, where tz stops listing the rule's changes. */
	for (int64_t t = utc(1970, 1, 1, 0, 0, 0); t < utc(2130, 1, 1, 0, 0, 0);
	     t += 9 * H + 17 * 60 + 3) {
		long want = glibc_offset(t);
		if (tz_offset(tz, t) != want)
			fail_msg("\"%s\" at %lld: %ld, glibc %ld", footer,
			         (long long)t, tz_offset(tz, t), want);
	}
	tz_free(tz);
}

static void
test_footers(void **state)
{
	static const char *footers[] = {
	    "CET-1CEST,M3.5.0,M10.5.0/3",
	    "CST-8",
	    "<+0330>-3:30",
	    "EST5EDT,M3.2.0,M11.1.0",
	    "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
	    "IST-2IDT,M3.4.4/26,M10.5.0",
	    "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
	    "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
	    "IST-1GMT0,M10.5.0,M3.5.0/1",
	    "AAA3BBB,J60/2,J300/25",
	    "AAA-5BBB-6:30:15,59/0,300/1:02:03",
	    "AAA+2BBB,M3.1.0/-167,M10.5.6/167",
	    "<-01>+1<+00>0,M3.5.0/0,M10.5.0/1",
	};
	static const char *names[] = {"F0", "F1", "F2", "F3", "F4", "F5", "F6",
	                              "F7", "F8", "F9", "FA", "FB", "FC"};
	struct tzdir d;

	(void)state;
	assert_int_equal(N(names), N(footers));
	tzdir_make(&d);
	for (size_t i = 0; i < N(footers); i++)
		check_footer(&d, names[i], footers[i]);
	tzdir_remove(&d, names, N(names));
}

static void
test_footer_by_hand(void **state)
{
	static const int32_t off[] = {0};
	static const unsigned char dst[] = {0};
	struct tzif z = {NULL, NULL, 0, off, dst, 1, "", '2'};
	const char *names[] = {"X"};
	unsigned char buf[512];
	struct tzdir d;
	struct tz *tz;

	(void)state;
	tzdir_make(&d);
	/* DST all year: starts Jan 1 00:00 and ends Dec 31 25:00 on the
	 * DST clock, which is the next start (RFC 8536, 3.3.1). */
	z.footer = "EST5EDT,0/0,J365/25";
	tzdir_put(&d, "X", buf, tzif_build(buf, &z));
	tz = load("X");
	for (int y = 2000; y < 2040; y++) {
		assert_int_equal(tz_offset(tz, utc(y, 1, 1, 4, 59, 59)),
		                 -4 * H);
		assert_int_equal(tz_offset(tz, utc(y, 1, 1, 5, 0, 0)), -4 * H);
		assert_int_equal(tz_offset(tz, utc(y, 7, 1, 0, 0, 0)), -4 * H);
	}
	tz_free(tz);
	/* J60 is March 1 in any year; 59 (zero-based) is Feb 29 in a leap
	 * year.  XXX-1YYY: +1 standard, +2 summer. */
	z.footer = "XXX-1YYY,J60/0,59/0";
	tzdir_put(&d, "X", buf, tzif_build(buf, &z));
	tz = load("X");
	/* 2024: the end, Feb 29 00:00 on the summer clock, is Feb 28
	 * 22:00Z; the start, Mar 1 00:00 on the standard one, is Feb 29
	 * 23:00Z: a day of standard time between summers. */
	assert_int_equal(tz_offset(tz, utc(2024, 2, 28, 21, 59, 59)), 2 * H);
	assert_int_equal(tz_offset(tz, utc(2024, 2, 28, 22, 0, 0)), 1 * H);
	assert_int_equal(tz_offset(tz, utc(2024, 2, 29, 22, 59, 59)), 1 * H);
	assert_int_equal(tz_offset(tz, utc(2024, 2, 29, 23, 0, 0)), 2 * H);
	/* 2025 has no Feb 29: day 59 is Mar 1, the same day as J60; the
	 * end (00:00 on the summer clock, Feb 28 22:00Z) is an hour before
	 * the start (Feb 28 23:00Z). */
	assert_int_equal(tz_offset(tz, utc(2025, 2, 28, 21, 59, 59)), 2 * H);
	assert_int_equal(tz_offset(tz, utc(2025, 2, 28, 22, 30, 0)), 1 * H);
	assert_int_equal(tz_offset(tz, utc(2025, 2, 28, 23, 0, 0)), 2 * H);
	tz_free(tz);
	tzdir_remove(&d, names, N(names));
}

/* Listing a rule's changes up to 2100 (done for files with transitions)
 * answers as the rule alone does (a file without any). */
static void
test_listed_rule(void **state)
{
	static const char *footers[] = {
	    "CET-1CEST,M3.5.0,M10.5.0/3", "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
	    "IST-1GMT0,M10.5.0,M3.5.0/1", "EST5EDT,0/0,J365/25",
	    /* Each end falls after the next year's start: not listable. */
	    "AAA+2BBB,M1.1.0/0,M12.5.6/167"};
	static const int64_t trans[] = {INT32_MIN};
	static const unsigned char idx[] = {0};
	static const int32_t off[] = {0};
	static const unsigned char dst[] = {0};
	const char *names[] = {"L", "R"};
	unsigned char buf[512];
	struct tzdir d;

	(void)state;
	tzdir_make(&d);
	for (size_t i = 0; i < N(footers); i++) {
		struct tzif listed = {trans, idx, 1,          off,
		                      dst,   1,   footers[i], '2'};
		struct tzif rule = {NULL, NULL, 0,          off,
		                    dst,  1,    footers[i], '2'};
		struct tz *l, *r;

		tzdir_put(&d, "L", buf, tzif_build(buf, &listed));
		tzdir_put(&d, "R", buf, tzif_build(buf, &rule));
		l = load("L");
		r = load("R");
		for (int64_t t = utc(1902, 1, 1, 0, 0, 0);
		     t < utc(2140, 1, 1, 0, 0, 0); t += 11 * H + 7)
			if (tz_offset(l, t) != tz_offset(r, t))
				fail_msg("\"%s\" at %lld: listed %ld, rule %ld",
				         footers[i], (long long)t,
				         tz_offset(l, t), tz_offset(r, t));
		tz_free(l);
		tz_free(r);
	}
	tzdir_remove(&d, names, N(names));
}

/* Transitions then the footer; type 0 before the first. */
static void
test_table_then_footer(void **state)
{
	static const int64_t trans[] = {-2000000000, 1000, 5000000000};
	static const unsigned char idx[] = {1, 2, 1};
	static const int32_t off[] = {1234, 3600, 7200};
	static const unsigned char dst[] = {0, 0, 1};
	struct tzif z = {trans, idx, 3, off, dst, 3, "UTC0", '3'};
	const char *names[] = {"T"};
	unsigned char buf[1024];
	struct tzdir d;
	struct tz *tz;

	(void)state;
	tzdir_make(&d);
	tzdir_put(&d, "T", buf, tzif_build(buf, &z));
	tz = load("T");
	assert_int_equal(tz_offset(tz, INT64_MIN), 1234);
	assert_int_equal(tz_offset(tz, -2000000001), 1234);
	assert_int_equal(tz_offset(tz, -2000000000), 3600);
	assert_int_equal(tz_offset(tz, 999), 3600);
	assert_int_equal(tz_offset(tz, 1000), 7200);
	/* Past 2038, from the 64-bit block. */
	assert_int_equal(tz_offset(tz, 4999999999), 7200);
	assert_int_equal(tz_offset(tz, 5000000000), 0);
	assert_int_equal(tz_offset(tz, INT64_MAX), 0);
	tz_free(tz);
	/* An empty footer: the last type stays. */
	z.footer = "";
	tzdir_put(&d, "T", buf, tzif_build(buf, &z));
	tz = load("T");
	assert_int_equal(tz_offset(tz, 5000000000), 3600);
	assert_int_equal(tz_offset(tz, INT64_MAX), 3600);
	tz_free(tz);
	/* Version 1: the 32-bit block is all there is, without footer (the
	 * last transition does not fit and is left out). */
	z.version = 0;
	z.n = 2;
	tzdir_put(&d, "T", buf, tzif_build(buf, &z));
	tz = load("T");
	assert_int_equal(tz_offset(tz, -2000000001), 1234);
	assert_int_equal(tz_offset(tz, 1000), 7200);
	assert_int_equal(tz_offset(tz, 6000000000), 7200);
	tz_free(tz);
	/* A slim file whose last transition the rule contradicts, as zic
	 * wrote America/Ojinaga in 2022: from that transition on, the rule
	 * says (RFC 8536), so 2022-10-30 08:00Z to Nov 6 07:00Z is CDT. */
	{
		int64_t ojinaga[] = {utc(2022, 10, 30, 8, 0, 0)};
		static const unsigned char oidx[] = {1};
		static const int32_t ooff[] = {-25200, -21600};
		static const unsigned char odst[] = {0, 0};
		struct tzif o = {
		    ojinaga, oidx, 1, ooff, odst, 2, "CST6CDT,M3.2.0,M11.1.0",
		    '2'};

		tzdir_put(&d, "T", buf, tzif_build(buf, &o));
		tz = load("T");
		assert_int_equal(tz_offset(tz, ojinaga[0] - 1), -7 * H);
		assert_int_equal(tz_offset(tz, ojinaga[0]), -5 * H);
		assert_int_equal(tz_offset(tz, utc(2022, 11, 6, 7, 0, 0) - 1),
		                 -5 * H);
		assert_int_equal(tz_offset(tz, utc(2022, 11, 6, 7, 0, 0)),
		                 -6 * H);
		/* 2023-03-12 02:00 CST is 08:00Z. */
		assert_int_equal(tz_offset(tz, utc(2023, 3, 12, 8, 0, 0)),
		                 -5 * H);
		tz_free(tz);
	}
	tzdir_remove(&d, names, N(names));
}

static void
assert_load_fails(const char *name, const char *want)
{
	char err[512];
	struct tz *tz;

	err[0] = '\0';
	if ((tz = tz_load(name, err, sizeof(err))) != NULL) {
		tz_free(tz);
		fail_msg("%s loaded", want);
	}
	if (strstr(err, name) == NULL || strstr(err, want) == NULL)
		fail_msg("error \"%s\" lacks \"%s\" or \"%s\"", err, name,
		         want);
}

/* Every proper prefix of a real zone file fails; the whole loads. */
static void
test_truncated(void **state)
{
	const char *names[] = {"Trunc"};
	struct tzdir d;
	unsigned char *data;
	size_t len;

	(void)state;
	data = slurp("/usr/share/zoneinfo/America/New_York", &len);
	tzdir_make(&d);
	for (size_t n = 0; n < len; n++) {
		tzdir_put(&d, "Trunc", data, n);
		assert_load_fails("Trunc", "");
	}
	tzdir_put(&d, "Trunc", data, len);
	tz_free(load("Trunc"));
	free(data);
	tzdir_remove(&d, names, N(names));
}

static void
test_hostile(void **state)
{
	static const int64_t trans[] = {100, 200};
	static const unsigned char idx[] = {0, 1};
	static const int32_t off[] = {3600, 7200};
	static const unsigned char dst[] = {0, 1};
	struct tzif z = {trans, idx, 2, off, dst, 2, "CET-1", '2'};
	const char *names[] = {"H"};
	unsigned char buf[1024], bad[1024];
	size_t len, v2;
	struct tzdir d;

	(void)state;
	tzdir_make(&d);
	len = tzif_build(buf, &z);
	v2 = 44 + 2 * 5 + 2 * 6 + 4; /* the version 2 header */

	tzdir_put(&d, "H", buf, len);
	tz_free(load("H"));
	/* A huge transition count. */
	memcpy(bad, buf, len);
	put32(bad + v2 + 32, 0x7fffffff);
	tzdir_put(&d, "H", bad, len);
	assert_load_fails("H", "");
	/* A transition's type past the types. */
	memcpy(bad, buf, len);
	bad[v2 + 44 + 16 + 1] = 2;
	tzdir_put(&d, "H", bad, len);
	assert_load_fails("H", "type");
	/* Transitions out of order. */
	memcpy(bad, buf, len);
	bad[v2 + 44 + 7] = 250;
	tzdir_put(&d, "H", bad, len);
	assert_load_fails("H", "order");
	/* No types; too many. */
	memcpy(bad, buf, len);
	put32(bad + v2 + 36, 0);
	tzdir_put(&d, "H", bad, len);
	assert_load_fails("H", "");
	/* An offset of -2^31. */
	memcpy(bad, buf, len);
	put32(bad + v2 + 44 + 16 + 2, 0x80000000);
	tzdir_put(&d, "H", bad, len);
	assert_load_fails("H", "type");
	/* Bad footers. */
	{
		static const char *footers[] = {"CET",
		                                "CE-1",
		                                "CET-1CEST",
		                                "CET-1CEST,M3.5.0",
		                                "CET-1CEST,M13.5.0,M10.5.0",
		                                "CET-1CEST,M3.6.0,M10.5.0",
		                                "CET-1CEST,M3.5.7,M10.5.0",
		                                "CET-1CEST,J0,J100",
		                                "CET-1CEST,366,100",
		                                "CET-1CEST,M3.5.0/168,M10.5.0",
		                                "CET-25",
		                                "CET-1CEST,M3.5.0,M10.5.0x",
		                                "<AB>-1",
		                                "<ABC-1",
		                                "CET-1:60"};
		for (size_t i = 0; i < N(footers); i++) {
			z.footer = footers[i];
			tzdir_put(&d, "H", buf, tzif_build(buf, &z));
			assert_load_fails("H", "TZ rule");
		}
	}
	/* A footer longer than any rule. */
	{
		char lng[400];
		memset(lng, 'A', sizeof(lng) - 1);
		lng[sizeof(lng) - 1] = '\0';
		z.footer = lng;
		tzdir_put(&d, "H", buf, tzif_build(buf, &z));
		assert_load_fails("H", "too long");
	}
	/* A file that is not TZif at all. */
	tzdir_put(&d, "H", "TZjf", 4);
	assert_load_fails("H", "TZif");
	tzdir_remove(&d, names, N(names));
}

/* Random bytes flipped in a real file: a zone or an error, never a
 * crash (the sanitizer build watches every read). */
static void
test_mangled(void **state)
{
	const char *names[] = {"M"};
	unsigned char *data, *bad;
	unsigned seed = 99;
	struct tzdir d;
	size_t len;
	int loaded = 0;

	(void)state;
	data = slurp("/usr/share/zoneinfo/Europe/Berlin", &len);
	assert_non_null(bad = malloc(len));
	tzdir_make(&d);
	for (int i = 0; i < 3000; i++) {
		char err[512];
		struct tz *tz;

		memcpy(bad, data, len);
		for (int k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			bad[(seed >> 8) % len] ^=
			    (unsigned char)(1 + (seed >> 24) % 255);
		}
		tzdir_put(&d, "M", bad, len);
		if ((tz = tz_load("M", err, sizeof(err))) == NULL) {
			assert_non_null(strstr(err, "\"M\""));
			continue;
		}
		loaded++;
		for (int64_t t = -4000000000; t < 6000000000; t += 99999999)
			(void)tz_utc(tz, tz_local(tz, t));
		tz_free(tz);
	}
	/* Most flips land in abbreviations or times and still load. */
	assert_true(loaded > 0);
	free(bad);
	free(data);
	tzdir_remove(&d, names, N(names));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_glibc_agrees),
	    cmocka_unit_test(test_berlin_2026),
	    cmocka_unit_test(test_berlin_utc_gap_overlap),
	    cmocka_unit_test(test_lord_howe),
	    cmocka_unit_test(test_utc_round_trip),
	    cmocka_unit_test(test_utc_zone),
	    cmocka_unit_test(test_bad_names),
	    cmocka_unit_test(test_footers),
	    cmocka_unit_test(test_footer_by_hand),
	    cmocka_unit_test(test_listed_rule),
	    cmocka_unit_test(test_table_then_footer),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_mangled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
