/*
 * mime_date: Date: → Unix time.  Tokens are read in any order, so RFC 5322
 * dates, their obsolete forms (two-digit years, named and military zones,
 * missing seconds, comments) and asctime's "Jun  3 11:05:30 2008" all
 * parse; day, month name and year are required, the rest defaults to 0.
 */
#include "mime.h"
#include "mime_p.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

struct mime_date {
	int day, month, year; /* month 1-12; -1 while unknown */
	int hour, min, sec;   /* -1 while unknown */
	int zone;             /* offset in minutes east of UTC */
	bool have_zone;
	int ampm; /* 0, or 1 for AM and 2 for PM */
};

struct mime_zone {
	const char *name;
	int minutes;
};

static const char *const mime_months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

/* RFC 5322's names, and a few that mail from Europe and Asia carries. */
static const struct mime_zone mime_zones[] = {
    {"ut", 0},        {"utc", 0},       {"gmt", 0},       {"z", 0},
    {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
    {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60},
    {"cet", 60},      {"cest", 2 * 60}, {"met", 60},      {"mest", 2 * 60},
    {"eet", 2 * 60},  {"eest", 3 * 60}, {"wet", 0},       {"west", 60},
    {"jst", 9 * 60},  {"kst", 9 * 60},  {"hkt", 8 * 60},  {"sgt", 8 * 60},
};

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). */
static long long
mime_days(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
mime_month_days(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return days[month - 1] + (month == 2 && leap);
}

static bool
mime_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Up to 9 digits at *p; *ndigits_r counts all of them. */
static int
mime_number(const char **p, int *ndigits_r)
{
	int n = 0, k = 0;

	for (; mime_digit(**p); (*p)++, k++)
		if (k < 9)
			n = n * 10 + (**p - '0');
	*ndigits_r = k;
	return n;
}

/* "11:05", "11:05:30" after the hour. */
static void
mime_date_time(struct mime_date *d, int hour, const char **p)
{
	int k;

	d->hour = hour;
	(*p)++;
	d->min = mime_digit(**p) ? mime_number(p, &k) : -1;
	d->sec = 0;
	if (**p == ':' && mime_digit((*p)[1])) {
		(*p)++;
		d->sec = mime_number(p, &k);
	}
}

static void
mime_date_num(struct mime_date *d, const char **p)
{
	int k, n = mime_number(p, &k);

	if (**p == ':' && d->hour < 0)
		mime_date_time(d, n, p);
	else if ((k >= 3 || n > 31) && d->year < 0)
		d->year = k == 2   ? n + (n < 50 ? 2000 : 1900)
		          : k == 3 ? n + 1900
		                   : n;
	else if (d->day < 0)
		d->day = n;
	else if (d->year < 0)
		d->year = k <= 2 ? n + (n < 50 ? 2000 : 1900) : n;
}

/* "+0200", "-0500", "+02:00". */
static void
mime_date_offset(struct mime_date *d, const char **p)
{
	const char *s = *p + 1;
	int sign = **p == '-' ? -1 : 1, k, hh, mm;

	hh = mime_number(&s, &k);
	if (k == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (k == 2 && *s == ':' && mime_digit(s[1])) {
		s++;
		mm = mime_number(&s, &k);
	} else {
		(*p)++;
		return;
	}
	if (!d->have_zone && hh < 24 && mm < 60) {
		d->zone = sign * (hh * 60 + mm);
		d->have_zone = true;
	}
	*p = s;
}

static void
mime_date_word(struct mime_date *d, const char **p)
{
	const char *s = *p;
	size_t n;

	while (((**p | 0x20) >= 'a' && (**p | 0x20) <= 'z'))
		(*p)++;
	n = (size_t)(*p - s);
	/* "Jun", "June", "Sept": a prefix of the name, 3 letters or more. */
	for (int i = 0; i < 12 && n >= 3; i++)
		if (n <= strlen(mime_months[i]) &&
		    strncasecmp(s, mime_months[i], n) == 0 && d->month < 0)
			d->month = i + 1;
	for (size_t i = 0; i < sizeof(mime_zones) / sizeof(*mime_zones); i++)
		if (!d->have_zone && n == strlen(mime_zones[i].name) &&
		    strncasecmp(s, mime_zones[i].name, n) == 0) {
			d->zone = mime_zones[i].minutes;
			d->have_zone = true;
		}
	if (n == 2 && strncasecmp(s, "am", 2) == 0)
		d->ampm = 1;
	else if (n == 2 && strncasecmp(s, "pm", 2) == 0)
		d->ampm = 2;
}

static long long
mime_date_value(struct mime_date *d)
{
	if (d->day < 1 || d->month < 1 || d->year < 1900 || d->year > 9999 ||
	    d->day > mime_month_days(d->year, d->month))
		return -1;
	if (d->hour < 0)
		d->hour = d->min = d->sec = 0;
	if (d->ampm == 2 && d->hour < 12)
		d->hour += 12;
	else if (d->ampm == 1 && d->hour == 12)
		d->hour = 0;
	if (d->hour > 23 || d->min < 0 || d->min > 59 || d->sec > 60)
		return -1;
	if (d->sec == 60)
		d->sec = 59;
	return mime_days(d->year, d->month, d->day) * 86400 + d->hour * 3600LL +
	       d->min * 60LL + d->sec - d->zone * 60LL;
}

long long
mime_date_parse(const char *value)
{
	struct mime_date d = {-1, -1, -1, -1, -1, -1, 0, false, 0};
	const char *p = value;
	int depth = 0;

	while (*p != '\0') {
		if (*p == '(' || (*p == ')' && depth > 0)) {
			depth += *p++ == '(' ? 1 : -1;
		} else if (depth > 0) {
			p++;
		} else if (mime_digit(*p)) {
			mime_date_num(&d, &p);
		} else if ((*p == '+' || *p == '-') && mime_digit(p[1]) &&
		           d.hour >= 0) {
			/* After the time: "3-Jun-2008" has no zone in it. */
			mime_date_offset(&d, &p);
		} else if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') {
			mime_date_word(&d, &p);
		} else {
			p++;
		}
	}
	return mime_date_value(&d);
}
