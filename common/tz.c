/*
 * tz: TZif files (RFC 8536) read whole and checked at every read, kept as
 * their 64-bit transitions, time types and POSIX TZ rule; see tz.h.  A
 * loaded zone is never written again, so threads share it without locks.
 */
#include "tz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest fat zone is a few KB; anything near this is not a zone. */
#define TZ_FILE_MAX (1 << 20)
#define TZ_NAME_MAX 256
#define TZ_RULE_MAX 256
/* RFC 8536 keeps UT offsets in [-89999, 93599]: sla_cal relies on no
 * offset reaching 26 hours. */
#define TZ_OFF_MIN (-89999)
#define TZ_OFF_MAX 93599
/* 400 Gregorian years, a whole number of weeks: a POSIX rule repeats. */
#define TZ_CYCLE (146097LL * 86400)
/* The rule's transitions are listed up to this year (see tz_extend). */
#define TZ_LIST_UNTIL 2100

struct tz_type {
	int32_t utoff;
	bool isdst;
};

/* A POSIX rule's transition date: Jn (1-365, no Feb 29), n (0-365), or
 * Mm.w.d; secs after local midnight, -167 to 167 hours. */
struct tz_date {
	char kind; /* 'J', 'n', 'M' */
	int n, m, w, d;
	int32_t secs;
};

struct tz_rule {
	int32_t std_off, dst_off; /* seconds east */
	bool has_dst;
	struct tz_date start, end;
};

struct tz {
	char *name;
	int64_t *trans; /* ascending */
	unsigned char *trans_type;
	size_t n_trans;
	struct tz_type types[256];
	size_t n_types;
	bool has_rule;
	struct tz_rule rule;
	int32_t off_min, off_max; /* over every type and the rule */
};

struct tz_head {
	char version;
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

/* A bounded reader over the file's bytes. */
struct tz_buf {
	const unsigned char *p;
	size_t len, pos;
};

static int64_t
tz_sub(int64_t a, int64_t b)
{
	if (b > 0 && a < INT64_MIN + b)
		return INT64_MIN;
	if (b < 0 && a > INT64_MAX + b)
		return INT64_MAX;
	return a - b;
}

static int64_t
tz_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* Howard Hinnant's days_from_civil, for any year a rule can ask about. */
static int64_t
tz_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = tz_floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The year of day number days (Hinnant's civil_from_days, year only). */
static int64_t
tz_year(int64_t days)
{
	int64_t z = days + 719468, era, doe, yoe, doy, mp;

	era = tz_floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	return yoe + era * 400 + (mp >= 10);
}

static bool
tz_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
tz_month_days(int64_t y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};

	return len[m - 1] + (m == 2 && tz_leap(y));
}

/* ---- the POSIX TZ rule ---------------------------------------------- */

/* The instant rule date r falls in year y, read on a clock at off_before
 * (a transition's time is on the clock it ends). */
static int64_t
tz_rule_when(const struct tz_date *r, int64_t y, int32_t off_before)
{
	int64_t day;

	if (r->kind == 'J')
		day = tz_days(y, 1, 1) + r->n - 1 + (tz_leap(y) && r->n >= 60);
	else if (r->kind == 'n')
		day = tz_days(y, 1, 1) + r->n;
	else {
		int64_t first = tz_days(y, r->m, 1);
		/* 1970-01-01 was a Thursday; POSIX counts from Sunday. */
		int wday = (int)((first % 7 + 11) % 7);
		int mday = (r->d - wday + 7) % 7 + (r->w - 1) * 7;

		/* w = 5 is the last such weekday of the month. */
		while (mday >= tz_month_days(y, r->m))
			mday -= 7;
		day = first + mday;
	}
	return day * 86400 + r->secs - off_before;
}

/* Whether the rule has DST at t: the latest transition at or before t
 * says, looking at the years around t (a transition time may reach a
 * week into the next year). */
static bool
tz_rule_dst(const struct tz_rule *r, int64_t t)
{
	int64_t u, y, best = INT64_MIN;
	bool dst = false;

	if (!r->has_dst)
		return false;
	u = t % TZ_CYCLE;
	if (u < 0)
		u += TZ_CYCLE;
	y = tz_year(tz_floor_div(u, 86400));
	for (int64_t yy = y - 2; yy <= y + 1; yy++) {
		int64_t s = tz_rule_when(&r->start, yy, r->std_off);
		int64_t e = tz_rule_when(&r->end, yy, r->dst_off);

		/* At a tie the start wins: "0/0,J365/25" is DST all year. */
		if (e <= u && e >= best)
			best = e, dst = false;
		if (s <= u && s >= best)
			best = s, dst = true;
	}
	return dst;
}

static int32_t
tz_rule_offset(const struct tz_rule *r, int64_t t)
{
	return tz_rule_dst(r, t) ? r->dst_off : r->std_off;
}

/* At most max_digits digits, value at most max; the end, or NULL. */
static const char *
tz_p_num(const char *s, int max_digits, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max_digits && s[n] >= '0' && s[n] <= '9')
		*v = *v * 10 + (s[n++] - '0');
	return n > 0 && *v <= max ? s + n : NULL;
}

/* [+-]hh[:mm[:ss]] with hh at most max_h: seconds in *secs. */
static const char *
tz_p_hms(const char *s, int max_h, int32_t *secs)
{
	int sign = 1, h, m = 0, sec = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if ((s = tz_p_num(s, 3, max_h, &h)) == NULL)
		return NULL;
	if (*s == ':' && (s = tz_p_num(s + 1, 2, 59, &m)) != NULL && *s == ':')
		s = tz_p_num(s + 1, 2, 59, &sec);
	if (s == NULL)
		return NULL;
	*secs = sign * (h * 3600 + m * 60 + sec);
	return s;
}

/* A zone abbreviation: three or more letters, or <...> quoted. */
static const char *
tz_p_abbr(const char *s)
{
	const char *p = s;

	if (*s == '<') {
		for (p = s + 1;
		     (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		     (*p >= '0' && *p <= '9') || *p == '+' || *p == '-';
		     p++)
			;
		return *p == '>' && p - s > 3 ? p + 1 : NULL;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	return p - s >= 3 ? p : NULL;
}

static const char *
tz_p_date(const char *s, struct tz_date *r)
{
	r->secs = 7200;
	if (*s == 'J') {
		r->kind = 'J';
		if ((s = tz_p_num(s + 1, 3, 365, &r->n)) == NULL || r->n < 1)
			return NULL;
	} else if (*s == 'M') {
		r->kind = 'M';
		if ((s = tz_p_num(s + 1, 2, 12, &r->m)) == NULL || r->m < 1 ||
		    *s != '.' || (s = tz_p_num(s + 1, 1, 5, &r->w)) == NULL ||
		    r->w < 1 || *s != '.' ||
		    (s = tz_p_num(s + 1, 1, 6, &r->d)) == NULL)
			return NULL;
	} else {
		r->kind = 'n';
		if ((s = tz_p_num(s, 3, 365, &r->n)) == NULL)
			return NULL;
	}
	if (*s == '/')
		s = tz_p_hms(s + 1, 167, &r->secs);
	return s;
}

/* "STDoff[DST[off][,start[/time],end[/time]]]"; 0 or -1.  POSIX counts
 * offsets west, RFC 8536 lets a time reach -167 to 167 hours. */
static int
tz_rule_parse(const char *s, struct tz_rule *r)
{
	memset(r, 0, sizeof(*r));
	if ((s = tz_p_abbr(s)) == NULL ||
	    (s = tz_p_hms(s, 24, &r->std_off)) == NULL)
		return -1;
	r->std_off = -r->std_off;
	if (*s == '\0')
		return 0;
	if ((s = tz_p_abbr(s)) == NULL)
		return -1;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (*s != ',' && *s != '\0') {
		if ((s = tz_p_hms(s, 24, &r->dst_off)) == NULL)
			return -1;
		r->dst_off = -r->dst_off;
	}
	/* A DST name without dates leaves the dates to the library's
	 * whim; TZif footers always give them. */
	if (*s++ != ',' || (s = tz_p_date(s, &r->start)) == NULL ||
	    *s++ != ',' || (s = tz_p_date(s, &r->end)) == NULL)
		return -1;
	return *s == '\0' ? 0 : -1;
}

/* ---- the file -------------------------------------------------------- */

static uint32_t
tz_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int64_t
tz_be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)tz_be32(p) << 32 | tz_be32(p + 4));
}

static bool
tz_have(const struct tz_buf *b, size_t n)
{
	return n <= b->len - b->pos;
}

static int
tz_head_read(struct tz_buf *b, struct tz_head *h)
{
	const unsigned char *p = b->p + b->pos;
	uint32_t *counts[6] = {&h->isutcnt, &h->isstdcnt, &h->leapcnt,
	                       &h->timecnt, &h->typecnt,  &h->charcnt};

	if (!tz_have(b, 44) || memcmp(p, "TZif", 4) != 0)
		return -1;
	h->version = (char)p[4];
	if (h->version != '\0' && h->version < '2')
		return -1;
	for (int i = 0; i < 6; i++) {
		*counts[i] = tz_be32(p + 20 + 4 * i);
		/* Each counts at least a byte: bounding them by the file's
		 * size keeps the sizes below from overflowing. */
		if (*counts[i] > b->len)
			return -1;
	}
	b->pos += 44;
	return 0;
}

static size_t
tz_body_size(const struct tz_head *h, size_t tsize)
{
	return (size_t)h->timecnt * (tsize + 1) + (size_t)h->typecnt * 6 +
	       h->charcnt + (size_t)h->leapcnt * (tsize + 4) + h->isstdcnt +
	       h->isutcnt;
}

static const char *
tz_types_read(struct tz *tz, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++, p += 6) {
		int32_t off = (int32_t)tz_be32(p);

		if (off < TZ_OFF_MIN || off > TZ_OFF_MAX || p[4] > 1)
			return "bad time type";
		tz->types[i].utoff = off;
		tz->types[i].isdst = p[4] == 1;
	}
	tz->n_types = n;
	return NULL;
}

/* The data block after h, with tsize-byte times; NULL or what is wrong. */
static const char *
tz_body_read(struct tz *tz, struct tz_buf *b, const struct tz_head *h,
             size_t tsize)
{
	const unsigned char *p = b->p + b->pos, *idx;
	size_t n = h->timecnt;

	if (h->typecnt == 0 || h->typecnt > 256)
		return "bad number of time types";
	if (h->leapcnt != 0)
		return "leap-second zones are not supported";
	if (!tz_have(b, tz_body_size(h, tsize)))
		return "truncated file";
	b->pos += tz_body_size(h, tsize);
	if ((tz->trans = malloc((n + 1) * sizeof(*tz->trans))) == NULL ||
	    (tz->trans_type = malloc(n + 1)) == NULL)
		return "out of memory";
	idx = p + n * tsize;
	for (size_t i = 0; i < n; i++) {
		tz->trans[i] = tsize == 8 ? tz_be64(p + 8 * i)
		                          : (int32_t)tz_be32(p + 4 * i);
		if (i > 0 && tz->trans[i] <= tz->trans[i - 1])
			return "transitions out of order";
		if (idx[i] >= h->typecnt)
			return "bad time type index";
		tz->trans_type[i] = idx[i];
	}
	tz->n_trans = n;
	return tz_types_read(tz, idx + n, h->typecnt);
}

/* The footer of a version 2+ file: "\n" rule "\n". */
static const char *
tz_footer_read(struct tz *tz, struct tz_buf *b)
{
	const unsigned char *s = b->p + b->pos, *nl;
	char rule[TZ_RULE_MAX];
	size_t left = b->len - b->pos;

	if (left < 2 || s[0] != '\n' ||
	    (nl = memchr(s + 1, '\n', left - 1)) == NULL)
		return "truncated file";
	if ((size_t)(nl - s - 1) >= sizeof(rule))
		return "TZ rule too long";
	memcpy(rule, s + 1, (size_t)(nl - s - 1));
	rule[nl - s - 1] = '\0';
	if (rule[0] == '\0')
		return NULL;
	if (strlen(rule) != (size_t)(nl - s - 1) ||
	    tz_rule_parse(rule, &tz->rule) == -1)
		return "bad TZ rule";
	tz->has_rule = true;
	return NULL;
}

static void
tz_bounds(struct tz *tz)
{
	tz->off_min = tz->off_max = tz->types[0].utoff;
	for (size_t i = 1; i < tz->n_types; i++) {
		if (tz->types[i].utoff < tz->off_min)
			tz->off_min = tz->types[i].utoff;
		if (tz->types[i].utoff > tz->off_max)
			tz->off_max = tz->types[i].utoff;
	}
	if (!tz->has_rule)
		return;
	for (int i = 0; i < 2; i++) {
		int32_t off = i == 0 ? tz->rule.std_off : tz->rule.dst_off;
		if (i == 1 && !tz->rule.has_dst)
			break;
		if (off < tz->off_min)
			tz->off_min = off;
		if (off > tz->off_max)
			tz->off_max = off;
	}
}

/* Appends a transition to types[type] at t, after the others; at an
 * equal instant the later one replaces it.  0, or -1 when out of order. */
static int
tz_append(struct tz *tz, int64_t t, unsigned char type, int64_t after)
{
	size_t n = tz->n_trans;

	if (t <= after)
		return 0;
	if (t < tz->trans[n - 1])
		return -1;
	if (t > tz->trans[n - 1])
		tz->trans[tz->n_trans++] = t;
	tz->trans_type[tz->n_trans - 1] = type;
	return 0;
}

/*
 * Slim files leave the years after their last transition to the rule,
 * whose answer costs some 30 date computations; listing its transitions
 * up to TZ_LIST_UNTIL, as fat files do up to 2037, makes those years a
 * binary search.  Zones without DST need none; a file ending before 1900,
 * or a rule whose transitions cross from year to year, keeps the rule.
 */
static const char *
tz_extend(struct tz *tz)
{
	int64_t last, y0, *trans;
	size_t n = tz->n_trans, more;
	unsigned char *types, std = (unsigned char)tz->n_types, was;

	if (!tz->has_rule || !tz->rule.has_dst || n == 0 || tz->n_types > 254)
		return NULL;
	last = tz->trans[n - 1];
	y0 = tz_year(tz_floor_div(last, 86400));
	if (y0 < 1900 || y0 > TZ_LIST_UNTIL)
		return NULL;
	more = 2 * (size_t)(TZ_LIST_UNTIL - y0 + 2);
	if ((trans = realloc(tz->trans, (n + more) * sizeof(*trans))) == NULL)
		return "out of memory";
	tz->trans = trans;
	if ((types = realloc(tz->trans_type, n + more)) == NULL)
		return "out of memory";
	tz->trans_type = types;
	tz->types[std] = (struct tz_type){tz->rule.std_off, false};
	tz->types[std + 1] = (struct tz_type){tz->rule.dst_off, true};
	tz->n_types += 2;
	/* From the last transition on, the rule says (RFC 8536). */
	was = tz->trans_type[n - 1];
	tz->trans_type[n - 1] = tz_rule_dst(&tz->rule, last) ? std + 1 : std;
	for (int64_t y = y0 - 1; y <= TZ_LIST_UNTIL; y++) {
		int64_t s = tz_rule_when(&tz->rule.start, y, tz->rule.std_off);
		int64_t e = tz_rule_when(&tz->rule.end, y, tz->rule.dst_off);
		/* In time order; at a tie the start wins, as in
		 * tz_rule_dst. */
		if (tz_append(tz, e <= s ? e : s, e <= s ? std : std + 1,
		              last) == -1 ||
		    tz_append(tz, e <= s ? s : e, e <= s ? std + 1 : std,
		              last) == -1) {
			tz->n_trans = n;
			tz->trans_type[n - 1] = was;
			return NULL;
		}
	}
	return NULL;
}

/* The zone in data; NULL or what is wrong with the file. */
static const char *
tz_parse(struct tz *tz, const unsigned char *data, size_t len)
{
	struct tz_buf b = {data, len, 0};
	struct tz_head h;
	const char *why;

	if (tz_head_read(&b, &h) == -1)
		return "not a TZif file";
	if (h.version == '\0')
		why = tz_body_read(tz, &b, &h, 4);
	else if (!tz_have(&b, tz_body_size(&h, 4)))
		why = "truncated file";
	else {
		/* The version 1 block only serves old 32-bit readers. */
		b.pos += tz_body_size(&h, 4);
		if (tz_head_read(&b, &h) == -1 || h.version == '\0')
			return "truncated or bad version 2 header";
		if ((why = tz_body_read(tz, &b, &h, 8)) == NULL)
			why = tz_footer_read(tz, &b);
	}
	if (why == NULL) {
		if (tz->has_rule && (tz->rule.std_off < TZ_OFF_MIN ||
		                     tz->rule.std_off > TZ_OFF_MAX ||
		                     tz->rule.dst_off < TZ_OFF_MIN ||
		                     tz->rule.dst_off > TZ_OFF_MAX))
			return "bad TZ rule";
		tz_bounds(tz);
		why = tz_extend(tz);
	}
	return why;
}

/* Names as tzdata spells them: a relative path that cannot climb out of
 * the zone directory. */
static bool
tz_name_ok(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len >= TZ_NAME_MAX || name[0] == '/')
		return false;
	for (const char *p = name; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr("_+-./", *p) != NULL))
			return false;
	for (const char *p = name; p != NULL; p = strchr(p, '/')) {
		p += *p == '/';
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return false;
	}
	return true;
}

static int
tz_read_all(int fd, unsigned char *buf, size_t want, size_t *got)
{
	*got = 0;
	while (*got < want) {
		ssize_t n = read(fd, buf + *got, want - *got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		*got += (size_t)n;
	}
	return 0;
}

/* The file of zone name: 0, or -1 with err.  Caller frees *data_r. */
static int
tz_file(const char *name, unsigned char **data_r, size_t *len_r, char *err,
        size_t err_size)
{
	const char *dir = getenv("TZDIR");
	char path[4096];
	struct stat st;
	int fd, n;

	*data_r = NULL;
	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		snprintf(err, err_size, "unknown time zone \"%s\"", name);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, err_size, "unknown time zone \"%s\" (%s: %s)",
		         name, path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > TZ_FILE_MAX) {
		snprintf(err, err_size, "unknown time zone \"%s\" (%s)", name,
		         "not a zone file");
		close(fd);
		return -1;
	}
	if ((*data_r = malloc((size_t)st.st_size + 1)) == NULL ||
	    tz_read_all(fd, *data_r, (size_t)st.st_size, len_r) == -1) {
		snprintf(err, err_size, "time zone \"%s\": %s: %s", name, path,
		         strerror(errno));
		free(*data_r);
		*data_r = NULL;
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

struct tz *
tz_load(const char *name, char *err, size_t err_size)
{
	unsigned char *data;
	struct tz *tz;
	const char *why;
	size_t len;

	if (name == NULL)
		name = "";
	if (!tz_name_ok(name)) {
		snprintf(err, err_size, "unknown time zone \"%s\"", name);
		return NULL;
	}
	if (tz_file(name, &data, &len, err, err_size) == -1)
		return NULL;
	if ((tz = calloc(1, sizeof(*tz))) == NULL ||
	    (tz->name = strdup(name)) == NULL)
		why = "out of memory";
	else
		why = tz_parse(tz, data, len);
	free(data);
	if (why != NULL) {
		snprintf(err, err_size, "time zone \"%s\": %s", name, why);
		tz_free(tz);
		return NULL;
	}
	return tz;
}

void
tz_free(struct tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->name);
	free(tz->trans);
	free(tz->trans_type);
	free(tz);
}

const char *
tz_name(const struct tz *tz)
{
	return tz->name;
}

long
tz_offset(const struct tz *tz, int64_t utc)
{
	size_t lo = 0, hi = tz->n_trans;

	/* RFC 8536: with no transitions the rule says all; before the first
	 * one, type 0; after the last one, the rule when there is one. */
	if (tz->n_trans == 0)
		return tz->has_rule ? tz_rule_offset(&tz->rule, utc)
		                    : tz->types[0].utoff;
	if (utc < tz->trans[0])
		return tz->types[0].utoff;
	if (tz->has_rule && utc >= tz->trans[tz->n_trans - 1])
		return tz_rule_offset(&tz->rule, utc);
	/* The last transition at or before utc is at lo. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= utc)
			lo = mid;
		else
			hi = mid;
	}
	return tz->types[tz->trans_type[lo]].utoff;
}

int64_t
tz_local(const struct tz *tz, int64_t utc)
{
	return tz_sub(utc, -tz_offset(tz, utc));
}

/*
 * Every instant whose clock reads local is local - o for an offset o of
 * the zone, so all of them lie between the two probes; the offsets at the
 * probes are those before and after any transition near local.
 */
int64_t
tz_utc(const struct tz *tz, int64_t local)
{
	long before = tz_offset(tz, tz_sub(local, tz->off_max));
	long after = tz_offset(tz, tz_sub(local, tz->off_min));
	int64_t early = tz_sub(local, before), late = tz_sub(local, after);
	bool early_ok = tz_offset(tz, early) == before;
	bool late_ok =
	    after == before ? early_ok : tz_offset(tz, late) == after;

	if (early_ok && late_ok)
		return early < late ? early : late;
	if (late_ok)
		return late;
	/* Valid on the old clock, or in a gap, where the old clock runs on
	 * through it: 02:30 in a gap at 02:00 is 03:30 on the new one. */
	return early;
}
