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

/* ------------------------------------------------------------------------------------------ */
/* Added by the date/time functions (ty_time_cal.c): calendar fields and java.time arithmetic.  */

#define TY_MICROS_PER_MILLIS 1000LL
#define TY_MICROS_PER_MINUTE 60000000LL
#define TY_MICROS_PER_HOUR   3600000000LL

bool ty_is_leap_year(int64_t year);
int ty_days_in_month(int64_t year, int month);
/* ISO day of week of a date (days since the epoch): 1 = Monday .. 7 = Sunday. */
int ty_iso_day_of_week(int64_t days);
/* Day of the year, 1..366. */
int ty_day_of_year(int64_t days);
/* ISO-8601 week-based year and week of that year (IsoFields.WEEK_BASED_YEAR / WEEK_OF_...). */
void ty_iso_week(int64_t days, int64_t *week_year, int *week);
/* LocalDate.plusMonths: the day is clamped to the last day of the resulting month. Returns
   false when the result leaves java.time's year range (+-999999999). */
bool ty_days_add_months(int64_t days, int64_t months, int64_t *out);
/* English month / day-of-week names as java.time prints them in Locale.US
   (month 1..12, iso_dow 1..7; full = "January" / "Monday", else "Jan" / "Mon"). */
const char *ty_month_name(int month, bool full);
const char *ty_day_name(int iso_dow, bool full);
/*
 * LocalDate.of(year, month, day) validation with java.time's exception message on failure
 * ("Invalid value for MonthOfYear (valid values 1 - 12): 13", "Invalid date 'FEBRUARY 30'",
 * "Invalid date 'February 29' as '2019' is not a leap year"). Returns true when valid.
 */
bool ty_date_check(int64_t year, int64_t month, int64_t day, char *msg, size_t cap);
/* ChronoField range message: "Invalid value for <field> (valid values <lo> - <hi>): <v>". */
void ty_field_range_msg(const char *field, int64_t lo, int64_t hi, int64_t v, char *msg,
                        size_t cap);

/*
 * ZonedDateTime arithmetic as Spark's DateTimeUtils.timestampAddInterval does it: months and
 * days are added to the local date-time in tz (keeping the wall clock; a time falling into a
 * gap moves forward, an overlap keeps the earlier offset), then us is added to the instant.
 * tz NULL means TIMESTAMP_NTZ (plain local arithmetic). Returns false on overflow.
 */
bool ty_ts_add_interval(int64_t micros, int64_t months, int64_t days, int64_t us, const ty_tz *tz,
                        int64_t *out);
/* ChronoUnit.<unit>.between for two local date-times given as wall-clock micros (MONTHS and
   YEARS count whole months/years, the later partial month not counting). */
int64_t ty_local_months_between(int64_t start_local, int64_t end_local);

/*
 * Spark's IntervalUtils.stringToInterval for well-formed text ("5 seconds", "interval 1 day 2
 * hours", "-1.5 seconds"): units year, month, week, day, hour, minute, second, millisecond,
 * microsecond (singular or plural, any case), a fraction only for seconds. Returns false for
 * anything Spark would reject (the caller reports its own error).
 */
bool ty_parse_interval_string(const char *s, size_t len, int32_t *months, int32_t *days,
                              int64_t *micros);

/* ------------------------------------------------------------------------------------------ */
/* Added by the date/time functions (ty_time_fmt.c): Spark's datetime patterns                 */
/* (DateTimeFormatter-based, as Spark 3+ defines them: sql-ref-datetime-pattern).             */

typedef struct ty_dtfmt ty_dtfmt;

/* Why a pattern was rejected, with Spark's error class and parameters. */
typedef struct ty_dtfmt_error {
    const char *error_class; /* INVALID_DATETIME_PATTERN.*, INCONSISTENT_BEHAVIOR_CROSS_VERSION.* */
    const char *jvm_class;   /* the JVM exception Spark raises it as */
    char param_name[3][16];
    char param_value[3][256];
    int n_params;
} ty_dtfmt_error;

/*
 * Compiles a pattern. parsing selects the parser rules (letters Spark rejects only for
 * parsing, variable-length seconds fractions). Returns NULL with *e filled when the pattern is
 * invalid: Spark's checks first (week-based letters, unsupported letters, too many letters),
 * then java.time's builder rules, with Spark's remapping to
 * INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION when the legacy
 * SimpleDateFormat would have accepted the pattern. The result is heap-allocated; free it with
 * ty_dtfmt_free.
 */
ty_dtfmt *ty_dtfmt_compile(const char *pattern, size_t len, bool parsing, ty_dtfmt_error *e);
void ty_dtfmt_free(ty_dtfmt *f);
/* True when the pattern is Spark's default "yyyy-MM-dd HH:mm:ss" (parsed with the cast rules). */
bool ty_dtfmt_is_default(const ty_dtfmt *f);

/* Formats an instant in zone tz (TIMESTAMP), or wall-clock micros when tz is NULL. */
void ty_dtfmt_format(const ty_dtfmt *f, int64_t micros, const ty_tz *tz, em_str *out);

/*
 * Parses s[0..len) completely. With ntz false the result is an instant (the zone parsed from
 * the text wins over tz); with ntz true wall-clock micros (a parsed zone is ignored). Returns
 * true on success; on failure writes java.time's message ("Text '...' could not be parsed at
 * index 3", "... unparsed text found at index 5", "Text '...' could not be parsed: <why>", or
 * a resolution message such as "Invalid date 'February 29' as '1970' is not a leap year").
 */
bool ty_dtfmt_parse(const ty_dtfmt *f, const char *s, size_t len, const ty_tz *tz, bool ntz,
                    int64_t *micros, char *msg, size_t msg_cap);

/* The zone's display name at an instant as java.time prints pattern 'z' ("PST", "CEST",
   "UTC", "+08:00") or, with full, 'zzzz' ("Pacific Standard Time"), written into buf
   (ty_time_zname.c). */
void ty_tz_display_name(const ty_tz *tz, int64_t utc_seconds, bool full, char *buf, size_t cap);

#endif
