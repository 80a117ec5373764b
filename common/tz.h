/*
 * tz: IANA time zones read from the system's TZif files, without the
 * process-wide TZ variable, so any thread can ask about any zone at once.
 * Times are seconds since the epoch: an instant in UTC, or a "local"
 * value — the wall clock read as if it were UTC (2026-03-29 02:30 local is
 * the local value of 2026-03-29T02:30:00Z).
 */
#ifndef COMPLAINTD_TZ_H
#define COMPLAINTD_TZ_H

#include <stddef.h>
#include <stdint.h>

struct tz;

/*
 * The zone named name ("Asia/Shanghai", "Europe/Berlin", "UTC") from
 * $TZDIR or /usr/share/zoneinfo: both the transitions the file lists and
 * its POSIX TZ rule for the years after them.  NULL with err set ("unknown
 * time zone \"Mars/Base\"") for a name that is not a zone — an absolute
 * path, "..", a file that is not TZif — or on OOM.  Free with tz_free.
 */
struct tz *tz_load(const char *name, char *err, size_t err_size);
void tz_free(struct tz *tz);

/* The zone's name as loaded; owned by tz. */
const char *tz_name(const struct tz *tz);

/* Seconds east of UTC in force at the instant utc. */
long tz_offset(const struct tz *tz, int64_t utc);

/* The local value of the instant utc: utc + tz_offset(tz, utc). */
int64_t tz_local(const struct tz *tz, int64_t utc);

/*
 * The instant whose wall clock reads local.  A wall time that occurs
 * twice (clocks set back) gives the earlier instant; one that never
 * occurs (clocks set forward) gives the instant as far after the gap's
 * start as the wall time is: 02:30 on the night of a one-hour spring gap
 * at 02:00 is 03:30 by the new clock.
 */
int64_t tz_utc(const struct tz *tz, int64_t local);

#endif
