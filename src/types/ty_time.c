/*
 * ty_time: calendar arithmetic, Spark's date/timestamp text forms and string parsing
 * (see ty_time.h). Time zone rules live in ty_tz.c.
 */
#include "types/ty_time.h"

#include <stdio.h>
#include <string.h>

#include "types/ty_num.h"

/* Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian). */
int64_t ty_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ty_civil_from_days(int64_t z, int64_t *year, int *month, int *day)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

bool ty_date_valid(int64_t y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    int dim = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dim = 29;
    return d <= dim && y >= -999999999 && y <= 999999999;
}

static void ty_time_year(int64_t y, em_str *out)
{
    if (y > 9999)
        em_str_printf(out, "+%lld", (long long)y);
    else if (y < 0)
        em_str_printf(out, "-%04lld", (long long)-y);
    else
        em_str_printf(out, "%04lld", (long long)y);
}

void ty_date_append(int32_t days, em_str *out)
{
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    ty_time_year(y, out);
    em_str_printf(out, "-%02d-%02d", m, d);
}

int64_t ty_utc_to_local_micros(int64_t micros, const ty_tz *tz)
{
    if (!tz)
        return micros;
    int64_t sec = ty_floor_div(micros, TY_MICROS_PER_SECOND);
    return micros + (int64_t)ty_tz_offset_at(tz, sec) * TY_MICROS_PER_SECOND;
}

int64_t ty_local_to_utc_micros(int64_t local, const ty_tz *tz)
{
    if (!tz)
        return local;
    int64_t sec = ty_floor_div(local, TY_MICROS_PER_SECOND);
    int64_t frac = local - sec * TY_MICROS_PER_SECOND;
    return ty_tz_local_to_utc(tz, sec) * TY_MICROS_PER_SECOND + frac;
}

void ty_timestamp_append(int64_t micros, const ty_tz *tz, em_str *out)
{
    int64_t local = ty_utc_to_local_micros(micros, tz);
    int64_t days = ty_floor_div(local, TY_MICROS_PER_DAY);
    int64_t rem = local - days * TY_MICROS_PER_DAY;
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    ty_time_year(y, out);
    int64_t secs = rem / TY_MICROS_PER_SECOND;
    int frac = (int)(rem % TY_MICROS_PER_SECOND);
    em_str_printf(out, "-%02d-%02d %02d:%02d:%02d", m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
                  (int)(secs % 60));
    if (frac) {
        char buf[8];
        snprintf(buf, sizeof buf, "%06d", frac);
        int n = 6;
        while (n > 0 && buf[n - 1] == '0')
            n--;
        em_str_putc(out, '.');
        em_str_append(out, buf, (size_t)n);
    }
}

int32_t ty_micros_to_days(int64_t micros, const ty_tz *tz)
{
    return (int32_t)ty_floor_div(ty_utc_to_local_micros(micros, tz), TY_MICROS_PER_DAY);
}

int64_t ty_days_to_micros(int32_t days, const ty_tz *tz)
{
    return ty_local_to_utc_micros((int64_t)days * TY_MICROS_PER_DAY, tz);
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing (Spark's SparkDateTimeUtils.stringToDate / parseTimestampString)                    */

static void ty_time_trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && ty_is_trim_byte((unsigned char)p[0]))
        p++, n--;
    while (n > 1 && ty_is_trim_byte((unsigned char)p[n - 1]))
        n--;
    *s = p;
    *len = n;
}

bool ty_parse_date(const char *s, size_t len, int32_t *days)
{
    ty_time_trim(&s, &len);
    if (!len)
        return false;
    int64_t seg[3] = {1, 1, 1};
    int sign = 1, i = 0;
    int64_t cur = 0;
    int cur_digits = 0;
    size_t j = 0;
#define TY_DATE_VALID(segment, digits)                                                             \
    (((segment) == 0 && (digits) >= 4 && (digits) <= 7) ||                                         \
     ((segment) != 0 && (digits) > 0 && (digits) <= 2))
    if (s[j] == '-' || s[j] == '+') {
        sign = s[j] == '-' ? -1 : 1;
        j++;
    }
    while (j < len && i < 3 && !(s[j] == ' ' || s[j] == 'T')) {
        char b = s[j];
        if (i < 2 && b == '-') {
            if (!TY_DATE_VALID(i, cur_digits))
                return false;
            seg[i] = cur;
            cur = 0;
            cur_digits = 0;
            i++;
        } else {
            int v = b - '0';
            if (v < 0 || v > 9)
                return false;
            cur = cur * 10 + v;
            cur_digits++;
            if (cur_digits > 7)
                return false;
        }
        j++;
    }
    if (!TY_DATE_VALID(i, cur_digits))
        return false;
    if (i < 2 && j < len)
        return false;
    seg[i] = cur;
#undef TY_DATE_VALID
    int64_t y = sign * seg[0];
    if (!ty_date_valid(y, (int)seg[1], (int)seg[2]))
        return false;
    int64_t d = ty_days_from_civil(y, (int)seg[1], (int)seg[2]);
    if (d < INT32_MIN || d > INT32_MAX)
        return false;
    *days = (int32_t)d;
    return true;
}

typedef struct ty_ts_parts {
    int64_t seg[9]; /* year, month, day, hour, minute, second, micros, (zone digits) */
    const char *zone;
    size_t zone_len;
    bool just_time;
} ty_ts_parts;

static bool ty_ts_valid_digits(int segment, int digits)
{
    return segment == 6 || (segment == 0 && digits >= 4 && digits <= 6) ||
           (segment == 7 && digits <= 2) ||
           (segment != 0 && segment != 6 && segment != 7 && digits > 0 && digits <= 2);
}

static bool ty_ts_parse(const char *s, size_t len, ty_ts_parts *p)
{
    ty_time_trim(&s, &len);
    if (!len)
        return false;
    int64_t seg[9] = {1, 1, 1, 0, 0, 0, 0, 0, 0};
    int i = 0, cur_digits = 0, digits_milli = 0, year_sign = 0;
    int64_t cur = 0;
    bool just_time = false;
    const char *zone = NULL;
    size_t zone_len = 0;
    size_t j = 0;
    if (s[j] == '-' || s[j] == '+') {
        year_sign = s[j] == '-' ? -1 : 1;
        j++;
    }
    while (j < len) {
        char b = s[j];
        int v = b - '0';
        if (v < 0 || v > 9) {
            if (j == 0 && b == 'T') {
                just_time = true;
                i += 3;
            } else if (i < 2) {
                if (b == '-') {
                    if (!ty_ts_valid_digits(i, cur_digits))
                        return false;
                    seg[i] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i++;
                } else if (i == 0 && b == ':' && year_sign == 0) {
                    just_time = true;
                    if (!ty_ts_valid_digits(3, cur_digits))
                        return false;
                    seg[3] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i = 4;
                } else {
                    return false;
                }
            } else if (i == 2) {
                if (b == ' ' || b == 'T') {
                    if (!ty_ts_valid_digits(i, cur_digits))
                        return false;
                    seg[i] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i++;
                } else {
                    return false;
                }
            } else if (i == 3 || i == 4) {
                if (b == ':') {
                    if (!ty_ts_valid_digits(i, cur_digits))
                        return false;
                    seg[i] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i++;
                } else {
                    return false;
                }
            } else if (i == 5 || i == 6) {
                if (b == '.' && i == 5) {
                    if (!ty_ts_valid_digits(i, cur_digits))
                        return false;
                    seg[i] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i++;
                } else {
                    if (!ty_ts_valid_digits(i, cur_digits))
                        return false;
                    seg[i] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i++;
                    zone = s + j;
                    zone_len = len - j;
                    j = len - 1;
                }
                if (i == 6 && b != '.')
                    i++;
            } else {
                if (i < 9 && (b == ':' || b == ' ')) {
                    if (!ty_ts_valid_digits(i, cur_digits))
                        return false;
                    seg[i] = cur;
                    cur = 0;
                    cur_digits = 0;
                    i++;
                } else {
                    return false;
                }
            }
        } else {
            if (i == 6)
                digits_milli++;
            if (i != 6 || cur_digits < 6)
                cur = cur * 10 + v;
            cur_digits++;
            if (i != 6 && cur_digits > 9)
                return false;
        }
        j++;
    }
    if (i >= 9 || !ty_ts_valid_digits(i, cur_digits))
        return false;
    seg[i] = cur;
    while (digits_milli < 6) {
        seg[6] *= 10;
        digits_milli++;
    }
    if (year_sign)
        seg[0] *= year_sign;
    memcpy(p->seg, seg, sizeof seg);
    p->zone = zone;
    p->zone_len = zone_len;
    p->just_time = just_time;
    return true;
}

static bool ty_ts_local_micros(const ty_ts_parts *p, int64_t y, int m, int d, int64_t *out)
{
    if (p->seg[3] > 23 || p->seg[4] > 59 || p->seg[5] > 59)
        return false;
    if (!ty_date_valid(y, m, d))
        return false;
    int64_t days = ty_days_from_civil(y, m, d);
    int64_t secs = days * TY_SECONDS_PER_DAY + p->seg[3] * 3600 + p->seg[4] * 60 + p->seg[5];
    int64_t micros;
    if (__builtin_mul_overflow(secs, TY_MICROS_PER_SECOND, &micros) ||
        __builtin_add_overflow(micros, p->seg[6], &micros))
        return false;
    *out = micros;
    return true;
}

bool ty_parse_timestamp(const char *s, size_t len, const ty_tz *session_tz, int64_t now_micros,
                        int64_t *micros)
{
    ty_ts_parts p;
    if (!ty_ts_parse(s, len, &p))
        return false;
    const ty_tz *tz = session_tz ? session_tz : ty_tz_utc();
    if (p.zone) {
        char zbuf[128];
        const char *z = p.zone;
        size_t zl = p.zone_len;
        while (zl && (unsigned char)z[0] <= ' ')
            z++, zl--;
        while (zl && (unsigned char)z[zl - 1] <= ' ')
            zl--;
        if (zl == 0 || zl >= sizeof zbuf)
            return false;
        memcpy(zbuf, z, zl);
        zbuf[zl] = '\0';
        tz = ty_tz_get(zbuf);
        if (!tz)
            return false;
    }
    int64_t y = p.seg[0];
    int m = (int)p.seg[1], d = (int)p.seg[2];
    if (p.just_time) {
        int32_t today = ty_micros_to_days(now_micros, tz);
        ty_civil_from_days(today, &y, &m, &d);
    }
    int64_t local;
    if (!ty_ts_local_micros(&p, y, m, d, &local))
        return false;
    int64_t sec = ty_floor_div(local, TY_MICROS_PER_SECOND);
    int64_t frac = local - sec * TY_MICROS_PER_SECOND;
    int64_t utc_sec = ty_tz_local_to_utc(tz, sec);
    int64_t r;
    if (__builtin_mul_overflow(utc_sec, TY_MICROS_PER_SECOND, &r) ||
        __builtin_add_overflow(r, frac, &r))
        return false;
    *micros = r;
    return true;
}

bool ty_parse_timestamp_ntz(const char *s, size_t len, int64_t *micros)
{
    ty_ts_parts p;
    if (!ty_ts_parse(s, len, &p) || p.just_time)
        return false;
    if (p.zone) {
        /* allowTimeZone = true: the zone must still be valid, then it is ignored */
        char zbuf[128];
        const char *z = p.zone;
        size_t zl = p.zone_len;
        while (zl && (unsigned char)z[0] <= ' ')
            z++, zl--;
        while (zl && (unsigned char)z[zl - 1] <= ' ')
            zl--;
        if (zl == 0 || zl >= sizeof zbuf)
            return false;
        memcpy(zbuf, z, zl);
        zbuf[zl] = '\0';
        if (!ty_tz_get(zbuf))
            return false;
    }
    return ty_ts_local_micros(&p, p.seg[0], (int)p.seg[1], (int)p.seg[2], micros);
}
