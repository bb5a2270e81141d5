/*
 * ty_time: Spark's dates and timestamps. DATE is days since 1970-01-01 (proleptic Gregorian),
 * TIMESTAMP is microseconds since the epoch in UTC shown in the session time zone,
 * TIMESTAMP_NTZ is microseconds of a wall clock (no zone).
 *
 * Time zones come from the system TZ database (/usr/share/zoneinfo, TZif v1-v3 including the
 * POSIX-TZ footer used for instants after the last listed transition), resolved the way
 * Java's ZoneId.of(id, SHORT_IDS) does after Spark's getZoneId fix-ups: region ids
 * ("America/Los_Angeles"), "Z", "UTC"/"GMT"/"UT" with optional offsets, fixed offsets
 * ("+08:00", "-8:00", "+0530") and Java's short ids ("PST", "CTT", ...). Zones are loaded once
 * and cached for the life of the process (thread-safe); pointers to them never dangle.
 * A dedicated reader was preferred over ICU (no extra link dependency for em_types) and over
 * localtime_r (process-global TZ state).
 */
#ifndef TY_TIME_H
#define TY_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_str.h"

#define TY_MICROS_PER_SECOND 1000000LL
#define TY_MICROS_PER_DAY    86400000000LL
#define TY_SECONDS_PER_DAY   86400LL

/* Civil calendar (proleptic Gregorian) <-> days since 1970-01-01. */
int64_t ty_days_from_civil(int64_t year, int month, int day);
void ty_civil_from_days(int64_t days, int64_t *year, int *month, int *day);
bool ty_date_valid(int64_t year, int month, int day);

typedef struct ty_tz ty_tz;

/* The zone named id (see above), or NULL when Java would reject it. Cached; never freed. */
const ty_tz *ty_tz_get(const char *id);
/* UTC, always available. */
const ty_tz *ty_tz_utc(void);
/* The zone's canonical id as given (for messages). */
const char *ty_tz_name(const ty_tz *tz);
/* Offset from UTC in seconds (east positive) at a UTC instant. */
int32_t ty_tz_offset_at(const ty_tz *tz, int64_t utc_seconds);
/* The UTC instant for a wall-clock time, as ZonedDateTime.of does: in a gap the time moves
   forward by the gap's length; in an overlap the earlier offset wins. */
int64_t ty_tz_local_to_utc(const ty_tz *tz, int64_t local_seconds);

/* floor division helpers */
static inline int64_t ty_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
static inline int64_t ty_floor_mod(int64_t a, int64_t b)
{
    return a - ty_floor_div(a, b) * b;
}

/* DATE -> "yyyy-MM-dd" (years past 9999 get a '+', negative years a '-'). */
void ty_date_append(int32_t days, em_str *out);
/* TIMESTAMP in tz (or TIMESTAMP_NTZ with tz NULL) -> "yyyy-MM-dd HH:mm:ss[.ffffff]" with the
   fraction's trailing zeros removed (Spark's fraction formatter). */
void ty_timestamp_append(int64_t micros, const ty_tz *tz, em_str *out);

/* Spark's stringToDate: false if s is not a date. */
bool ty_parse_date(const char *s, size_t len, int32_t *days);
/* Spark's stringToTimestamp in the session zone (a zone in the text wins); now_micros is used
   for time-only strings ("T12:00", "12:00:01"), which take today's date in that zone. */
bool ty_parse_timestamp(const char *s, size_t len, const ty_tz *session_tz, int64_t now_micros,
                        int64_t *micros);
/* Spark's stringToTimestampWithoutTimeZone(allowTimeZone = true). */
bool ty_parse_timestamp_ntz(const char *s, size_t len, int64_t *micros);

/* TIMESTAMP <-> DATE / TIMESTAMP_NTZ conversions in a zone. */
int32_t ty_micros_to_days(int64_t micros, const ty_tz *tz);
int64_t ty_days_to_micros(int32_t days, const ty_tz *tz);
/* TIMESTAMP (UTC) -> wall clock micros in tz, and back. */
int64_t ty_utc_to_local_micros(int64_t micros, const ty_tz *tz);
int64_t ty_local_to_utc_micros(int64_t local_micros, const ty_tz *tz);

#endif
