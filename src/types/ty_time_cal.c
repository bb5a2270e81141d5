/*
 * ty_time_cal: calendar fields and java.time-style date/time arithmetic for the date and time
 * functions (see the "Added by the date/time functions" part of ty_time.h). Everything is on
 * the proleptic Gregorian calendar, as java.time's IsoChronology; messages reproduce the text
 * of java.time's DateTimeException where Spark passes it on to users.
 */
#include "types/ty_time.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define TY_CAL_YEAR_MAX 999999999LL

bool ty_is_leap_year(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ty_days_in_month(int64_t y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && ty_is_leap_year(y) ? 29 : mdays[m - 1];
}

int ty_iso_day_of_week(int64_t days)
{
    /* 1970-01-01 was a Thursday (ISO 4) */
    return (int)ty_floor_mod(days + 3, 7) + 1;
}

int ty_day_of_year(int64_t days)
{
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    return (int)(days - ty_days_from_civil(y, 1, 1)) + 1;
}

/* Monday of ISO week 1 of year y: the week holding January 4th. */
static int64_t ty_cal_week1_monday(int64_t y)
{
    int64_t jan4 = ty_days_from_civil(y, 1, 4);
    return jan4 - (ty_iso_day_of_week(jan4) - 1);
}

void ty_iso_week(int64_t days, int64_t *week_year, int *week)
{
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    int64_t wy = y;
    int64_t start = ty_cal_week1_monday(y + 1);
    if (days >= start) {
        wy = y + 1;
    } else {
        start = ty_cal_week1_monday(y);
        if (days < start) {
            wy = y - 1;
            start = ty_cal_week1_monday(y - 1);
        }
    }
    *week_year = wy;
    *week = (int)((days - start) / 7) + 1;
}

bool ty_days_add_months(int64_t days, int64_t months, int64_t *out)
{
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    int64_t total;
    if (__builtin_add_overflow(y * 12 + (m - 1), months, &total))
        return false;
    int64_t ny = ty_floor_div(total, 12);
    int nm = (int)ty_floor_mod(total, 12) + 1;
    if (ny < -TY_CAL_YEAR_MAX || ny > TY_CAL_YEAR_MAX)
        return false;
    int dim = ty_days_in_month(ny, nm);
    *out = ty_days_from_civil(ny, nm, d > dim ? dim : d);
    return true;
}

const char *ty_month_name(int month, bool full)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    static const char *const shorts[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (month < 1 || month > 12)
        return "?";
    return full ? names[month - 1] : shorts[month - 1];
}

const char *ty_day_name(int iso_dow, bool full)
{
    static const char *const names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    static const char *const shorts[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    if (iso_dow < 1 || iso_dow > 7)
        return "?";
    return full ? names[iso_dow - 1] : shorts[iso_dow - 1];
}

void ty_field_range_msg(const char *field, int64_t lo, int64_t hi, int64_t v, char *msg, size_t cap)
{
    snprintf(msg, cap, "Invalid value for %s (valid values %lld - %lld): %lld", field,
             (long long)lo, (long long)hi, (long long)v);
}

bool ty_date_check(int64_t y, int64_t m, int64_t d, char *msg, size_t cap)
{
    if (y < -TY_CAL_YEAR_MAX || y > TY_CAL_YEAR_MAX) {
        ty_field_range_msg("Year", -TY_CAL_YEAR_MAX, TY_CAL_YEAR_MAX, y, msg, cap);
        return false;
    }
    if (m < 1 || m > 12) {
        ty_field_range_msg("MonthOfYear", 1, 12, m, msg, cap);
        return false;
    }
    if (d < 1 || d > 31) {
        /* java.time prints the variable maximum of DAY_OF_MONTH as "28/31" */
        snprintf(msg, cap, "Invalid value for DayOfMonth (valid values 1 - 28/31): %lld",
                 (long long)d);
        return false;
    }
    if (d > ty_days_in_month(y, (int)m)) {
        if (m == 2 && d == 29)
            snprintf(msg, cap, "Invalid date 'February 29' as '%lld' is not a leap year",
                     (long long)y);
        else {
            char upper[16];
            const char *name = ty_month_name((int)m, true);
            size_t k = 0;
            for (; name[k] && k + 1 < sizeof upper; k++)
                upper[k] = (char)(name[k] >= 'a' && name[k] <= 'z' ? name[k] - 32 : name[k]);
            upper[k] = '\0';
            snprintf(msg, cap, "Invalid date '%s %lld'", upper, (long long)d);
        }
        return false;
    }
    return true;
}

bool ty_ts_add_interval(int64_t micros, int64_t months, int64_t days, int64_t us, const ty_tz *tz,
                        int64_t *out)
{
    int64_t r = micros;
    if (months != 0 || days != 0) {
        int64_t local = tz ? ty_utc_to_local_micros(micros, tz) : micros;
        int64_t d = ty_floor_div(local, TY_MICROS_PER_DAY);
        int64_t tod = local - d * TY_MICROS_PER_DAY;
        int64_t nd = d;
        if (months != 0 && !ty_days_add_months(d, months, &nd))
            return false;
        if (__builtin_add_overflow(nd, days, &nd))
            return false;
        int64_t y;
        int m, dd;
        ty_civil_from_days(nd, &y, &m, &dd);
        if (y < -TY_CAL_YEAR_MAX || y > TY_CAL_YEAR_MAX)
            return false;
        int64_t nl;
        if (__builtin_mul_overflow(nd, TY_MICROS_PER_DAY, &nl) ||
            __builtin_add_overflow(nl, tod, &nl))
            return false;
        r = tz ? ty_local_to_utc_micros(nl, tz) : nl;
    }
    if (__builtin_add_overflow(r, us, &r))
        return false;
    *out = r;
    return true;
}

int64_t ty_local_months_between(int64_t start_local, int64_t end_local)
{
    int64_t sd = ty_floor_div(start_local, TY_MICROS_PER_DAY);
    int64_t st = start_local - sd * TY_MICROS_PER_DAY;
    int64_t ed = ty_floor_div(end_local, TY_MICROS_PER_DAY);
    int64_t et = end_local - ed * TY_MICROS_PER_DAY;
    /* LocalDateTime.until: a partial last day does not count */
    if (ed > sd && et < st)
        ed--;
    else if (ed < sd && et > st)
        ed++;
    int64_t y1, y2;
    int m1, d1, m2, d2;
    ty_civil_from_days(sd, &y1, &m1, &d1);
    ty_civil_from_days(ed, &y2, &m2, &d2);
    int64_t p1 = (y1 * 12 + m1 - 1) * 32 + d1;
    int64_t p2 = (y2 * 12 + m2 - 1) * 32 + d2;
    return (p2 - p1) / 32;
}

bool ty_parse_interval_string(const char *s, size_t len, int32_t *months_out, int32_t *days_out,
                              int64_t *micros_out)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] <= ' ')
        i++;
    while (len > i && (unsigned char)s[len - 1] <= ' ')
        len--;
    if (len - i >= 8 && strncasecmp(s + i, "interval", 8) == 0 &&
        (len - i == 8 || (unsigned char)s[i + 8] <= ' ')) {
        if (len - i == 8)
            return false;
        i += 8;
    }
    int64_t months = 0, days = 0, micros = 0;
    bool any = false;
    while (i < len) {
        while (i < len && (unsigned char)s[i] <= ' ')
            i++;
        if (i >= len)
            break;
        bool neg = false;
        if (s[i] == '-' || s[i] == '+') {
            neg = s[i] == '-';
            i++;
            while (i < len && (unsigned char)s[i] <= ' ') /* "- 1 second" is allowed */
                i++;
        }
        int64_t value = 0;
        int ndig = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (__builtin_mul_overflow(value, 10, &value) ||
                __builtin_add_overflow(value, s[i] - '0', &value))
                return false;
            i++, ndig++;
        }
        int64_t frac = 0; /* microseconds */
        bool has_frac = false;
        if (i < len && s[i] == '.') {
            has_frac = true;
            i++;
            int scale = 100000, fd = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (fd >= 9)
                    return false;
                if (scale > 0)
                    frac += (s[i] - '0') * scale;
                scale /= 10;
                i++, fd++;
            }
            if (fd == 0 && ndig == 0)
                return false;
        } else if (ndig == 0) {
            return false;
        }
        if (i >= len || (unsigned char)s[i] > ' ')
            return false;
        while (i < len && (unsigned char)s[i] <= ' ')
            i++;
        size_t u = i;
        while (i < len && (unsigned char)s[i] > ' ')
            i++;
        char unit[16];
        size_t ul = i - u;
        if (ul == 0 || ul >= sizeof unit)
            return false;
        for (size_t k = 0; k < ul; k++)
            unit[k] = (char)((s[u + k] >= 'A' && s[u + k] <= 'Z') ? s[u + k] + 32 : s[u + k]);
        unit[ul] = '\0';
        if (ul > 1 && unit[ul - 1] == 's')
            unit[ul - 1] = '\0';
        if (has_frac && strcmp(unit, "second") != 0)
            return false;
        if (neg) {
            value = -value;
            frac = -frac;
        }
        int64_t t;
        bool of = false;
        if (strcmp(unit, "year") == 0)
            of =
                __builtin_mul_overflow(value, 12, &t) || __builtin_add_overflow(months, t, &months);
        else if (strcmp(unit, "month") == 0)
            of = __builtin_add_overflow(months, value, &months);
        else if (strcmp(unit, "week") == 0)
            of = __builtin_mul_overflow(value, 7, &t) || __builtin_add_overflow(days, t, &days);
        else if (strcmp(unit, "day") == 0)
            of = __builtin_add_overflow(days, value, &days);
        else if (strcmp(unit, "hour") == 0)
            of = __builtin_mul_overflow(value, TY_MICROS_PER_HOUR, &t) ||
                 __builtin_add_overflow(micros, t, &micros);
        else if (strcmp(unit, "minute") == 0)
            of = __builtin_mul_overflow(value, TY_MICROS_PER_MINUTE, &t) ||
                 __builtin_add_overflow(micros, t, &micros);
        else if (strcmp(unit, "second") == 0)
            of = __builtin_mul_overflow(value, TY_MICROS_PER_SECOND, &t) ||
                 __builtin_add_overflow(micros, t, &micros) ||
                 __builtin_add_overflow(micros, frac, &micros);
        else if (strcmp(unit, "millisecond") == 0)
            of = __builtin_mul_overflow(value, TY_MICROS_PER_MILLIS, &t) ||
                 __builtin_add_overflow(micros, t, &micros);
        else if (strcmp(unit, "microsecond") == 0)
            of = __builtin_add_overflow(micros, value, &micros);
        else
            return false;
        if (of || months < INT32_MIN || months > INT32_MAX || days < INT32_MIN || days > INT32_MAX)
            return false;
        any = true;
    }
    if (!any)
        return false;
    *months_out = (int32_t)months;
    *days_out = (int32_t)days;
    *micros_out = micros;
    return true;
}
