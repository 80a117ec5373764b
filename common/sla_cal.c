/*
 * sla_cal: business calendars and business-time arithmetic; see
 * sla_cal.h.  Every question walks the calendar's open spans in time
 * order from an instant, reading one local date at a time and converting
 * each interval's ends with tz_utc.  Nothing is cached and the
 * arithmetic allocates nothing, so a calendar is shared without locks.
 */
#include "sla_cal.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLA_DAY 86400
#define SLA_HORIZON 3660 /* days: "within ten years" */
/* No UT offset reaches 26 hours (tz.c checks), so the spans of local date
 * d lie in [d's midnight - SLA_LAG, d's midnight + 2 days + SLA_LAG). */
#define SLA_LAG 93600
/* Intervals in one day's list: bounds what a walk holds on the stack. */
#define SLA_DAY_MAX 48
#define SLA_PENDING (8 * SLA_DAY_MAX)
#define SLA_EXTRA 7 /* the extra days' list follows the week's seven */
/* Instants a walk handles: day numbers stay far inside int32_t. */
#define SLA_T_MAX ((int64_t)(INT32_MAX / 2) * SLA_DAY)
#define SLA_T_MIN (-SLA_T_MAX)

struct sla_calendar {
	bool always;
	struct tz *tz;
	struct sla_interval *hours;  /* the lists, each sorted by start */
	size_t first[SLA_EXTRA + 2]; /* list k: hours[first[k]..first[k+1]) */
	int32_t *holidays, *extra_days; /* sorted */
	size_t n_holidays, n_extra_days;
};

struct sla_span {
	int64_t start, end;
};

/* The open spans after mark, in time order: see sla_walk_next. */
struct sla_walk {
	const struct sla_calendar *cal;
	int64_t day, last_day; /* the next local date to read; the last */
	int64_t mark;          /* business time before it is done with */
	bool full;
	size_t head, n; /* pend[head..n), sorted by start */
	struct sla_span pend[SLA_PENDING];
};

static const char *const sla_list_names[SLA_EXTRA + 1] = {
    "monday", "tuesday",  "wednesday", "thursday",
    "friday", "saturday", "sunday",    "extra hours"};

static int64_t
sla_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* 0 = Monday; 1970-01-01 was a Thursday. */
static int
sla_weekday(int64_t day)
{
	return (int)((day % 7 + 10) % 7);
}

static bool
sla_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
sla_month_days(int year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};

	return len[month - 1] + (month == 2 && sla_leap(year));
}

int32_t
sla_days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2), era, yoe, doy, doe;

	era = sla_floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void
sla_civil_from_days(int32_t days, int *year, int *month, int *day)
{
	int64_t z = (int64_t)days + 719468, era, doe, yoe, doy, mp;

	era = sla_floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

/* ---- parsing --------------------------------------------------------- */

static int
sla_2digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "HH:MM" at s, 24:00 included: minutes after midnight, or -1. */
static int
sla_clock(const char *s)
{
	int h = sla_2digits(s), m = sla_2digits(s + 3);

	if (h < 0 || m < 0 || s[2] != ':' || h > 24 || m > 59 ||
	    (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

int
sla_parse_hours(const char *text, struct sla_interval *out, char *err,
                size_t err_size)
{
	int start, end;

	if (strlen(text) != 11 || text[5] != '-' ||
	    (start = sla_clock(text)) == -1 ||
	    (end = sla_clock(text + 6)) == -1) {
		snprintf(err, err_size, "bad hours \"%s\": not HH:MM-HH:MM",
		         text);
		return -1;
	}
	if (start == 1440) {
		snprintf(err, err_size, "bad hours \"%s\": 24:00 only ends",
		         text);
		return -1;
	}
	if (start == end) {
		snprintf(err, err_size, "bad hours \"%s\": empty interval",
		         text);
		return -1;
	}
	out->start = start;
	out->end = end < start ? end + 1440 : end;
	return 0;
}

int
sla_parse_date(const char *text, int32_t *day, char *err, size_t err_size)
{
	int hi, lo, year, month, mday;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    (hi = sla_2digits(text)) == -1 ||
	    (lo = sla_2digits(text + 2)) == -1 ||
	    (month = sla_2digits(text + 5)) == -1 ||
	    (mday = sla_2digits(text + 8)) == -1) {
		snprintf(err, err_size, "bad date \"%s\": not YYYY-MM-DD",
		         text);
		return -1;
	}
	year = hi * 100 + lo;
	if (year < 1970 || year > 2200) {
		snprintf(err, err_size,
		         "bad date \"%s\": year not in 1970-2200", text);
		return -1;
	}
	if (month < 1 || month > 12 || mday < 1 ||
	    mday > sla_month_days(year, month)) {
		snprintf(err, err_size, "bad date \"%s\": no such day", text);
		return -1;
	}
	*day = sla_days_from_civil(year, month, mday);
	return 0;
}

/* ---- checking a spec ------------------------------------------------- */

/* "22:00-06:00": how the configuration wrote iv. */
static const char *
sla_fmt(const struct sla_interval *iv, char *buf, size_t size)
{
	int end = iv->end > 1440 ? iv->end - 1440 : iv->end;

	snprintf(buf, size, "%02d:%02d-%02d:%02d", iv->start / 60,
	         iv->start % 60, end / 60, end % 60);
	return buf;
}

/* List k of spec as given; the extra hours may be absent. */
static const struct sla_interval *
sla_spec_list(const struct sla_calendar_spec *spec, int k, size_t *n)
{
	*n = k < SLA_EXTRA ? spec->n_week[k] : spec->n_extra_hours;
	return k < SLA_EXTRA ? spec->week[k] : spec->extra_hours;
}

static bool
sla_overlap(const struct sla_interval *a, const struct sla_interval *b)
{
	return a->start < b->end && b->start < a->end;
}

/* List k alone: sizes, bounds, no two intervals overlapping. */
static int
sla_list_check(const char *cal, int k, const struct sla_interval *iv, size_t n,
               char *err, size_t err_size)
{
	char a[32], b[32];

	if (n > 0 && iv == NULL) {
		snprintf(err, err_size, "calendar \"%s\": %s: no intervals",
		         cal, sla_list_names[k]);
		return -1;
	}
	if (n > SLA_DAY_MAX) {
		snprintf(err, err_size,
		         "calendar \"%s\": %s: more than %d intervals", cal,
		         sla_list_names[k], SLA_DAY_MAX);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (iv[i].start < 0 || iv[i].start >= 1440 ||
		    iv[i].end <= iv[i].start || iv[i].end > 2880) {
			snprintf(err, err_size,
			         "calendar \"%s\": %s: bad interval %d-%d "
			         "(minutes)",
			         cal, sla_list_names[k], iv[i].start,
			         iv[i].end);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			if (!sla_overlap(&iv[i], &iv[j]))
				continue;
			snprintf(err, err_size,
			         "calendar \"%s\": %s %s overlaps %s", cal,
			         sla_list_names[k],
			         sla_fmt(&iv[i], a, sizeof(a)),
			         sla_fmt(&iv[j], b, sizeof(b)));
			return -1;
		}
	}
	return 0;
}

/* Day k's intervals past midnight against day k + 1's (Sunday's run into
 * Monday). */
static int
sla_overnight_check(const char *cal, const struct sla_calendar_spec *spec,
                    int k, char *err, size_t err_size)
{
	int next = (k + 1) % 7;
	char a[32], b[32];

	for (size_t i = 0; i < spec->n_week[k]; i++) {
		const struct sla_interval *late = &spec->week[k][i];
		for (size_t j = 0; j < spec->n_week[next]; j++) {
			const struct sla_interval *early = &spec->week[next][j];
			if (early->start + 1440 >= late->end)
				continue;
			snprintf(
			    err, err_size,
			    "calendar \"%s\": %s %s overlaps %s %s", cal,
			    sla_list_names[next], sla_fmt(early, a, sizeof(a)),
			    sla_list_names[k], sla_fmt(late, b, sizeof(b)));
			return -1;
		}
	}
	return 0;
}

/* The extra days' hours: their own, else Monday's. */
static size_t
sla_spec_extra_n(const struct sla_calendar_spec *spec)
{
	if (spec->extra_hours != NULL && spec->n_extra_hours > 0)
		return spec->n_extra_hours;
	return spec->n_week[0];
}

/* Everything but the zone. */
static int
sla_spec_hours(const struct sla_calendar_spec *spec, char *err, size_t err_size)
{
	const char *cal = spec->name != NULL ? spec->name : "";
	size_t total = 0;

	for (int k = 0; k <= SLA_EXTRA; k++) {
		const struct sla_interval *iv;
		size_t n;

		iv = sla_spec_list(spec, k, &n);
		if (sla_list_check(cal, k, iv, n, err, err_size) == -1)
			return -1;
		if (k < SLA_EXTRA)
			total += n;
	}
	for (int k = 0; k < 7; k++)
		if (sla_overnight_check(cal, spec, k, err, err_size) == -1)
			return -1;
	if (total == 0 &&
	    (spec->n_extra_days == 0 || sla_spec_extra_n(spec) == 0)) {
		snprintf(err, err_size,
		         "calendar \"%s\": no business hours, in the week or "
		         "on extra days",
		         cal);
		return -1;
	}
	if ((spec->n_holidays > 0 && spec->holidays == NULL) ||
	    (spec->n_extra_days > 0 && spec->extra_days == NULL)) {
		snprintf(err, err_size, "calendar \"%s\": dates missing", cal);
		return -1;
	}
	return 0;
}

/* The zone of spec, loaded: free with tz_free.  NULL with err. */
static struct tz *
sla_spec_zone(const struct sla_calendar_spec *spec, char *err, size_t err_size)
{
	const char *zone = spec->timezone != NULL ? spec->timezone : "";
	char why[512];
	struct tz *tz;

	if ((tz = tz_load(zone, why, sizeof(why))) == NULL)
		snprintf(err, err_size, "calendar \"%s\": %s",
		         spec->name != NULL ? spec->name : "", why);
	return tz;
}

int
sla_calendar_spec_check(const struct sla_calendar_spec *spec, char *err,
                        size_t err_size)
{
	struct tz *tz;

	if (sla_spec_hours(spec, err, err_size) == -1 ||
	    (tz = sla_spec_zone(spec, err, err_size)) == NULL)
		return -1;
	tz_free(tz);
	return 0;
}

/* ---- a calendar ------------------------------------------------------ */

static int
sla_cmp_interval(const void *a, const void *b)
{
	const struct sla_interval *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

static int
sla_cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* The week's lists and the extra days' hours, each sorted. */
static int
sla_copy_hours(struct sla_calendar *cal, const struct sla_calendar_spec *spec)
{
	const struct sla_interval *lists[SLA_EXTRA + 1];
	size_t n[SLA_EXTRA + 1], total = 0;

	for (int k = 0; k <= SLA_EXTRA; k++) {
		lists[k] = sla_spec_list(spec, k, &n[k]);
		if (k == SLA_EXTRA && (lists[k] == NULL || n[k] == 0))
			lists[k] = spec->week[0], n[k] = spec->n_week[0];
		total += n[k];
	}
	if ((cal->hours = malloc((total + 1) * sizeof(*cal->hours))) == NULL)
		return -1;
	for (int k = 0; k <= SLA_EXTRA; k++) {
		struct sla_interval *to = cal->hours + cal->first[k];

		if (n[k] > 0)
			memcpy(to, lists[k], n[k] * sizeof(*to));
		qsort(to, n[k], sizeof(*to), sla_cmp_interval);
		cal->first[k + 1] = cal->first[k] + n[k];
	}
	return 0;
}

static int
sla_copy_days(int32_t **to, size_t *n_to, const int32_t *from, size_t n)
{
	if ((*to = malloc((n + 1) * sizeof(**to))) == NULL)
		return -1;
	if (n > 0)
		memcpy(*to, from, n * sizeof(**to));
	qsort(*to, n, sizeof(**to), sla_cmp_day);
	*n_to = n;
	return 0;
}

struct sla_calendar *
sla_calendar_new(const struct sla_calendar_spec *spec, char *err,
                 size_t err_size)
{
	struct sla_calendar *cal;
	struct tz *tz;

	if (sla_spec_hours(spec, err, err_size) == -1 ||
	    (tz = sla_spec_zone(spec, err, err_size)) == NULL)
		return NULL;
	if ((cal = calloc(1, sizeof(*cal))) == NULL) {
		tz_free(tz);
		goto oom;
	}
	cal->tz = tz;
	if (sla_copy_hours(cal, spec) == -1 ||
	    sla_copy_days(&cal->holidays, &cal->n_holidays, spec->holidays,
	                  spec->n_holidays) == -1 ||
	    sla_copy_days(&cal->extra_days, &cal->n_extra_days,
	                  spec->extra_days, spec->n_extra_days) == -1) {
		sla_calendar_free(cal);
		goto oom;
	}
	return cal;
oom:
	snprintf(err, err_size, "calendar \"%s\": out of memory",
	         spec->name != NULL ? spec->name : "");
	return NULL;
}

struct sla_calendar *
sla_calendar_always(void)
{
	struct sla_calendar *cal = calloc(1, sizeof(*cal));

	if (cal != NULL)
		cal->always = true;
	return cal;
}

void
sla_calendar_free(struct sla_calendar *cal)
{
	if (cal == NULL)
		return;
	tz_free(cal->tz);
	free(cal->hours);
	free(cal->holidays);
	free(cal->extra_days);
	free(cal);
}

bool
sla_calendar_is_always(const struct sla_calendar *cal)
{
	return cal->always;
}

/* ---- walking business time ------------------------------------------- */

static bool
sla_day_in(const int32_t *days, size_t n, int64_t day)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (days[mid] == day)
			return true;
		if (days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The intervals that start on local date day. */
static const struct sla_interval *
sla_hours(const struct sla_calendar *cal, int64_t day, size_t *n)
{
	int k;

	if (sla_day_in(cal->extra_days, cal->n_extra_days, day))
		k = SLA_EXTRA;
	else if (sla_day_in(cal->holidays, cal->n_holidays, day)) {
		*n = 0;
		return NULL;
	} else
		k = sla_weekday(day);
	*n = cal->first[k + 1] - cal->first[k];
	return cal->hours + cal->first[k];
}

/* A walk whose first span reaches past from, reading dates up to
 * last_day.  from must lie in [SLA_T_MIN, SLA_T_MAX]. */
static void
sla_walk_init(struct sla_walk *w, const struct sla_calendar *cal, int64_t from,
              int64_t last_day)
{
	w->cal = cal;
	w->day = sla_floor_div(from - SLA_LAG, SLA_DAY) - 2;
	w->last_day = last_day;
	w->mark = from;
	w->full = false;
	w->head = w->n = 0;
}

static void
sla_walk_push(struct sla_walk *w, int64_t start, int64_t end)
{
	size_t i;

	if (w->n == SLA_PENDING && w->head > 0) {
		memmove(w->pend, w->pend + w->head,
		        (w->n - w->head) * sizeof(*w->pend));
		w->n -= w->head;
		w->head = 0;
	}
	/* Cannot happen (see sla_walk_next); ends the walk if it did. */
	if (w->n == SLA_PENDING) {
		w->full = true;
		return;
	}
	/* Spans come nearly in order: this rarely moves one. */
	for (i = w->n; i > w->head && w->pend[i - 1].start > start; i--)
		w->pend[i] = w->pend[i - 1];
	w->pend[i] = (struct sla_span){start, end};
	w->n++;
}

/* Local date w->day into the pending spans. */
static void
sla_walk_day(struct sla_walk *w)
{
	const struct sla_calendar *cal = w->cal;
	int64_t day = w->day++, midnight = day * SLA_DAY;
	const struct sla_interval *iv;
	size_t n;

	if (midnight + 2 * SLA_DAY + SLA_LAG <= w->mark)
		return;
	iv = sla_hours(cal, day, &n);
	for (size_t i = 0; i < n; i++) {
		int64_t s = tz_utc(cal->tz, midnight + iv[i].start * 60);
		int64_t e = tz_utc(cal->tz, midnight + iv[i].end * 60);

		/* A span that falls in a spring gap can come out inverted:
		 * that business time does not exist. */
		if (e > s && e > w->mark)
			sla_walk_push(w, s, e);
	}
}

/*
 * The next piece of business time after the mark: 0 with [*start, *end),
 * or -1 past last_day.  Pieces come in order and never overlap, though
 * spans may (a span ending in a spring gap runs past the next one's
 * start).  The first pending span goes out only once no later date can
 * start earlier; then at most four days' spans are pending, well within
 * SLA_PENDING.
 */
static int
sla_walk_next(struct sla_walk *w, int64_t *start, int64_t *end)
{
	for (;;) {
		struct sla_span sp;

		while (w->day <= w->last_day &&
		       (w->head == w->n ||
		        w->day * SLA_DAY - SLA_LAG <= w->pend[w->head].start))
			sla_walk_day(w);
		if (w->head == w->n || w->full)
			return -1;
		sp = w->pend[w->head++];
		if (w->head == w->n)
			w->head = w->n = 0;
		if (sp.start < w->mark)
			sp.start = w->mark;
		if (sp.end <= sp.start)
			continue;
		w->mark = sp.end;
		*start = sp.start;
		*end = sp.end;
		return 0;
	}
}

bool
sla_is_open(const struct sla_calendar *cal, int64_t t)
{
	struct sla_walk w;
	int64_t s, e;

	if (cal->always)
		return true;
	if (t < SLA_T_MIN || t > SLA_T_MAX)
		return false;
	/* Dates after this one start after t. */
	sla_walk_init(&w, cal, t, sla_floor_div(t + SLA_LAG, SLA_DAY));
	return sla_walk_next(&w, &s, &e) == 0 && s == t;
}

int64_t
sla_next_open(const struct sla_calendar *cal, int64_t t)
{
	struct sla_walk w;
	int64_t s, e;

	if (cal->always)
		return t;
	if (t < SLA_T_MIN || t > SLA_T_MAX)
		return SLA_NEVER;
	sla_walk_init(&w, cal, t, sla_floor_div(t, SLA_DAY) + SLA_HORIZON);
	return sla_walk_next(&w, &s, &e) == 0 ? s : SLA_NEVER;
}

int64_t
sla_add(const struct sla_calendar *cal, int64_t start, int64_t seconds)
{
	struct sla_walk w;
	int64_t s, e;

	if (seconds <= 0)
		return start;
	if (cal->always)
		return start > INT64_MAX - seconds ? INT64_MAX
		                                   : start + seconds;
	if (start < SLA_T_MIN || start > SLA_T_MAX)
		return SLA_NEVER;
	sla_walk_init(&w, cal, start,
	              sla_floor_div(start, SLA_DAY) + SLA_HORIZON);
	while (sla_walk_next(&w, &s, &e) == 0) {
		/* Reaching the target at a span's end, the deadline is that
		 * end, not the next opening. */
		if (e - s >= seconds)
			return s + seconds;
		seconds -= e - s;
	}
	return SLA_NEVER;
}

/*
 * A walk reads every date of [from, to): spans longer than the horizon
 * of sla_add count its first ten years (and a few days, so that any
 * deadline sla_add gives is counted in full) only, and a stray SLA_NEVER
 * costs a millisecond, not hours.
 */
int64_t
sla_elapsed(const struct sla_calendar *cal, int64_t from, int64_t to)
{
	struct sla_walk w;
	int64_t s, e, sum = 0;

	if (to <= from)
		return 0;
	if (cal->always)
		return from < 0 && to > INT64_MAX + from ? INT64_MAX
		                                         : to - from;
	if (from < SLA_T_MIN)
		from = SLA_T_MIN;
	if (to > SLA_T_MAX)
		to = SLA_T_MAX;
	if (to - from > (int64_t)(SLA_HORIZON + 5) * SLA_DAY)
		to = from + (int64_t)(SLA_HORIZON + 5) * SLA_DAY;
	if (to <= from)
		return 0;
	sla_walk_init(&w, cal, from, sla_floor_div(to + SLA_LAG, SLA_DAY));
	while (sla_walk_next(&w, &s, &e) == 0 && s < to)
		sum += (e < to ? e : to) - s;
	return sum;
}
