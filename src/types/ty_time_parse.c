/*
 * ty_time_parse: parsing text with a compiled datetime pattern (ty_time_fmt.c compiles it),
 * as java.time's DateTimeFormatter does for Spark in STRICT mode, case-insensitively: fixed-width
 * numbers, adjacent value parsing (a variable-width number followed by fixed-width ones leaves
 * them their digits), optional sections, then the STRICT resolver (field ranges,
 * year-month-day and year-day-of-year, clock hours) and Spark's completion of missing fields
 * (year 1970, month 1, day 1, time 00:00) with its conflict checks. Failures carry java.time's
 * message text ("Text '...' could not be parsed at index 3", "... unparsed text found at index
 * 5", "...: Invalid date 'FEBRUARY 30'"), which Spark passes to users in CANNOT_PARSE_TIMESTAMP.
 */
#include "types/ty_time_fmt_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                      */

typedef struct ty_dtf_parsed {
    int64_t v[TY_F_COUNT];
    bool has[TY_F_COUNT];
    const ty_tz *zone;
    bool has_offset;
    int32_t offset;
} ty_dtf_parsed;

static bool ty_dtf_set(ty_dtf_parsed *p, int field, int64_t v)
{
    if (p->has[field] && p->v[field] != v)
        return false; /* conflicting duplicate: java.time fails the parse */
    p->has[field] = true;
    p->v[field] = v;
    return true;
}

static bool ty_dtf_ci_match(const char *s, size_t len, size_t pos, const char *want)
{
    size_t n = strlen(want);
    if (pos + n > len)
        return false;
    for (size_t k = 0; k < n; k++)
        if (tolower((unsigned char)s[pos + k]) != tolower((unsigned char)want[k]))
            return false;
    return true;
}

/* NumberPrinterParser.parse in STRICT mode; returns the new position or ~error position. */
static long ty_dtf_parse_number(const ty_dtf_item *it, const char *s, size_t len, size_t pos,
                                ty_dtf_parsed *p, int subsequent)
{
    if (pos == len)
        return ~(long)pos;
    char sign = s[pos];
    bool negative = false, positive = false;
    bool fixed = it->min_w == it->max_w;
    if (sign == '+') {
        if (!(it->sign == TY_SIGN_EXCEEDS_PAD))
            return ~(long)pos;
        positive = true;
        pos++;
    } else if (sign == '-') {
        if (!(it->sign == TY_SIGN_NORMAL || it->sign == TY_SIGN_EXCEEDS_PAD))
            return ~(long)pos;
        negative = true;
        pos++;
    }
    (void)fixed;
    size_t min_end = pos + (size_t)it->min_w;
    if (min_end > len)
        return ~(long)pos;
    int eff_max = it->max_w + (subsequent > 0 ? subsequent : 0);
    int64_t total = 0;
    size_t q = pos;
    for (int pass = 0; pass < 2; pass++) {
        size_t max_end = pos + (size_t)eff_max < len ? pos + (size_t)eff_max : len;
        total = 0;
        q = pos;
        while (q < max_end) {
            char ch = s[q];
            if (ch < '0' || ch > '9') {
                if (q < min_end)
                    return ~(long)pos;
                break;
            }
            if (q - pos >= 18 && total > (INT64_MAX - 9) / 10)
                return ~(long)pos;
            total = total * 10 + (ch - '0');
            q++;
        }
        if (subsequent > 0 && pass == 0) {
            int parsed = (int)(q - pos);
            eff_max = parsed - subsequent;
            if (eff_max < it->min_w)
                eff_max = it->min_w;
            continue;
        }
        break;
    }
    size_t parse_len = q - pos;
    if (negative) {
        if (total == 0)
            return ~(long)(pos - 1);
        total = -total;
    } else if (it->sign == TY_SIGN_EXCEEDS_PAD) {
        if (positive && (int)parse_len <= it->min_w)
            return ~(long)(pos - 1);
        if (!positive && (int)parse_len > it->min_w)
            return ~(long)pos;
    }
    if (it->kind == TY_DTF_REDUCED) {
        /* base 2000: two digits map into 2000..2099 */
        total = 2000 + total;
    }
    if (!ty_dtf_set(p, it->field, total))
        return ~(long)pos;
    return (long)q;
}

static long ty_dtf_parse_text(const ty_dtf_item *it, const char *s, size_t len, size_t pos,
                              ty_dtf_parsed *p)
{
    const char *cands[16];
    int64_t vals[16];
    int nc = 0;
    switch (it->field) {
    case TY_F_ERA:
        cands[nc] = it->full ? "Anno Domini" : "AD", vals[nc++] = 1;
        cands[nc] = it->full ? "Before Christ" : "BC", vals[nc++] = 0;
        break;
    case TY_F_MONTH:
        for (int m = 1; m <= 12; m++)
            cands[nc] = ty_month_name(m, it->full), vals[nc++] = m;
        break;
    case TY_F_AMPM:
        cands[nc] = "AM", vals[nc++] = 0;
        cands[nc] = "PM", vals[nc++] = 1;
        break;
    default:
        return ~(long)pos;
    }
    size_t best = 0;
    int64_t bv = 0;
    for (int k = 0; k < nc; k++)
        if (ty_dtf_ci_match(s, len, pos, cands[k]) && strlen(cands[k]) > best) {
            best = strlen(cands[k]);
            bv = vals[k];
        }
    if (!best || !ty_dtf_set(p, it->field, bv))
        return ~(long)pos;
    return (long)(pos + best);
}

/* +HH[:MM[:ss]] style offsets (OffsetIdPrinterParser, roughly). */
static long ty_dtf_parse_offset(const ty_dtf_item *it, const char *s, size_t len, size_t pos,
                                ty_dtf_parsed *p)
{
    if (ty_dtf_ci_match(s, len, pos, it->no_offset)) {
        /* "+00" must not swallow the start of "+0530" */
        size_t n = strlen(it->no_offset);
        bool longer =
            it->no_offset[0] == '+' && pos + n < len && isdigit((unsigned char)s[pos + n]);
        if (!longer) {
            p->has_offset = true;
            p->offset = 0;
            p->zone = NULL;
            return (long)(pos + n);
        }
    }
    if (pos >= len || (s[pos] != '+' && s[pos] != '-'))
        return ~(long)pos;
    int sign = s[pos] == '-' ? -1 : 1;
    size_t q = pos + 1;
    bool colon = it->off_style == TY_OFF_HH_MM || it->off_style == TY_OFF_HH_MM_ss;
    int parts[3] = {0, 0, 0};
    int n_parts = 0;
    for (int k = 0; k < 3; k++) {
        if (k > 0 && colon) {
            if (q >= len || s[q] != ':')
                break;
            if (q + 2 >= len || !isdigit((unsigned char)s[q + 1]))
                break;
            q++;
        }
        if (q + 1 >= len + 0 && q + 2 > len)
            break;
        if (q + 2 > len || !isdigit((unsigned char)s[q]) || !isdigit((unsigned char)s[q + 1]))
            break;
        parts[k] = (s[q] - '0') * 10 + (s[q + 1] - '0');
        q += 2;
        n_parts++;
        if (it->off_style == TY_OFF_HH)
            break;
        if (k == 1 && (it->off_style == TY_OFF_HHmm || it->off_style == TY_OFF_HHMM ||
                       it->off_style == TY_OFF_HH_MM))
            break;
    }
    bool need_minutes = it->off_style == TY_OFF_HHMM || it->off_style == TY_OFF_HH_MM ||
                        it->off_style == TY_OFF_HHMMss || it->off_style == TY_OFF_HH_MM_ss;
    if (n_parts == 0 || (need_minutes && n_parts < 2))
        return ~(long)pos;
    if (parts[0] > 18 || parts[1] > 59 || parts[2] > 59)
        return ~(long)pos;
    p->has_offset = true;
    p->offset = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    p->zone = NULL;
    return (long)q;
}

/* A zone id or zone name at pos: the longest run of id characters that names a zone. */
static long ty_dtf_parse_zone(const char *s, size_t len, size_t pos, ty_dtf_parsed *p)
{
    if (pos < len && (s[pos] == '+' || s[pos] == '-')) {
        ty_dtf_item tmp = {.off_style = TY_OFF_HH_MM_ss, .no_offset = "Z"};
        long r = ty_dtf_parse_offset(&tmp, s, len, pos, p);
        if (r < 0) {
            tmp.off_style = TY_OFF_HHMMss;
            r = ty_dtf_parse_offset(&tmp, s, len, pos, p);
        }
        return r;
    }
    size_t end = pos;
    while (end < len && (isalnum((unsigned char)s[end]) || strchr("/_+-:~.", s[end])))
        end++;
    for (size_t e = end; e > pos; e--) {
        char buf[128];
        size_t n = e - pos;
        if (n >= sizeof buf)
            continue;
        memcpy(buf, s + pos, n);
        buf[n] = '\0';
        const ty_tz *z = ty_tz_get(buf);
        if (!z && n <= 5) {
            /* zone names are matched case-insensitively */
            for (size_t k = 0; k < n; k++)
                buf[k] = (char)toupper((unsigned char)buf[k]);
            z = ty_tz_get(buf);
        }
        if (z) {
            p->zone = z;
            p->has_offset = false;
            return (long)e;
        }
    }
    return ~(long)pos;
}

static long ty_dtf_parse_range(const ty_dtfmt *f, int from, int to, const char *s, size_t len,
                               size_t pos, ty_dtf_parsed *p);

static long ty_dtf_parse_item(const ty_dtfmt *f, int *idx, int to, const char *s, size_t len,
                              size_t pos, ty_dtf_parsed *p)
{
    const ty_dtf_item *it = &f->items[*idx];
    switch (it->kind) {
    case TY_DTF_LIT:
        for (size_t k = 0; k < it->lit_len; k++) {
            if (pos + k >= len)
                return ~(long)pos;
            if (tolower((unsigned char)s[pos + k]) != tolower((unsigned char)it->lit[k]))
                return ~(long)pos;
        }
        return (long)(pos + it->lit_len);
    case TY_DTF_OPT_BEGIN: {
        int depth = 1, j = *idx + 1;
        for (; j < to && depth; j++)
            depth += f->items[j].kind == TY_DTF_OPT_BEGIN ? 1
                     : f->items[j].kind == TY_DTF_OPT_END ? -1
                                                          : 0;
        ty_dtf_parsed saved = *p;
        long r = ty_dtf_parse_range(f, *idx + 1, j - 1, s, len, pos, p);
        *idx = j - 1;
        if (r < 0) {
            *p = saved;
            return (long)pos;
        }
        return r;
    }
    case TY_DTF_OPT_END:
        return (long)pos;
    case TY_DTF_NUM:
    case TY_DTF_REDUCED:
        return ty_dtf_parse_number(it, s, len, pos, p, it->subsequent);
    case TY_DTF_TEXT:
        return ty_dtf_parse_text(it, s, len, pos, p);
    case TY_DTF_FRACTION: {
        size_t min_end = pos + (size_t)it->min_w;
        if (min_end > len)
            return ~(long)pos;
        size_t max_end = pos + (size_t)it->max_w + (size_t)it->subsequent;
        if (max_end > len)
            max_end = len;
        int64_t nanos = 0;
        int digits = 0;
        size_t q = pos;
        while (q < max_end && isdigit((unsigned char)s[q]) && digits < it->max_w) {
            nanos = nanos * 10 + (s[q] - '0');
            digits++;
            q++;
        }
        if (q < min_end)
            return ~(long)pos;
        for (int k = digits; k < 9; k++)
            nanos *= 10;
        if (!ty_dtf_set(p, TY_F_NANO, nanos))
            return ~(long)pos;
        return (long)q;
    }
    case TY_DTF_ZONE_ID:
    case TY_DTF_ZONE_TEXT:
        return ty_dtf_parse_zone(s, len, pos, p);
    case TY_DTF_OFFSET:
        return ty_dtf_parse_offset(it, s, len, pos, p);
    case TY_DTF_OFFSET_LOCALIZED: {
        if (!ty_dtf_ci_match(s, len, pos, "GMT"))
            return ~(long)pos;
        size_t q = pos + 3;
        if (q >= len || (s[q] != '+' && s[q] != '-')) {
            p->has_offset = true;
            p->offset = 0;
            return (long)q;
        }
        int sign = s[q] == '-' ? -1 : 1;
        q++;
        int h = 0, m = 0, digits = 0;
        while (q < len && isdigit((unsigned char)s[q]) && digits < 2) {
            h = h * 10 + (s[q++] - '0');
            digits++;
        }
        if (!digits)
            return ~(long)pos;
        if (q + 2 < len && s[q] == ':' && isdigit((unsigned char)s[q + 1]) &&
            isdigit((unsigned char)s[q + 2])) {
            m = (s[q + 1] - '0') * 10 + (s[q + 2] - '0');
            q += 3;
        }
        p->has_offset = true;
        p->offset = sign * (h * 3600 + m * 60);
        return (long)q;
    }
    }
    return ~(long)pos;
}

static long ty_dtf_parse_range(const ty_dtfmt *f, int from, int to, const char *s, size_t len,
                               size_t pos, ty_dtf_parsed *p)
{
    for (int i = from; i < to; i++) {
        long r = ty_dtf_parse_item(f, &i, to, s, len, pos, p);
        if (r < 0)
            return r;
        pos = (size_t)r;
    }
    return (long)pos;
}

static void ty_dtf_text_prefix(const char *s, size_t len, char *msg, size_t cap)
{
    snprintf(msg, cap, "Text '%.*s' could not be parsed", (int)(len > 200 ? 200 : len), s);
}

/* STRICT checks of a field's range; false with the "could not be parsed: ..." message. */
static bool ty_dtf_check_range(const ty_dtf_parsed *p, int field, int64_t lo, int64_t hi,
                               const char *s, size_t len, char *msg, size_t cap)
{
    if (!p->has[field] || (p->v[field] >= lo && p->v[field] <= hi))
        return true;
    char why[128];
    ty_field_range_msg(ty_dtf_field_names[field], lo, hi, p->v[field], why, sizeof why);
    char pre[256];
    ty_dtf_text_prefix(s, len, pre, sizeof pre);
    snprintf(msg, cap, "%s: %s", pre, why);
    return false;
}

bool ty_dtfmt_parse(const ty_dtfmt *f, const char *s, size_t len, const ty_tz *tz, bool ntz,
                    int64_t *micros, char *msg, size_t msg_cap)
{
    ty_dtf_parsed p;
    memset(&p, 0, sizeof p);
    long r = ty_dtf_parse_range(f, 0, f->n, s, len, 0, &p);
    char pre[256];
    ty_dtf_text_prefix(s, len, pre, sizeof pre);
    if (r < 0) {
        snprintf(msg, msg_cap, "%s at index %ld", pre, ~r);
        return false;
    }
    if ((size_t)r < len) {
        snprintf(msg, msg_cap, "%s, unparsed text found at index %ld", pre, r);
        return false;
    }
    /* java.time's STRICT resolver */
    if (p.has[TY_F_YOE]) {
        if (!ty_dtf_check_range(&p, TY_F_YOE, 1, 999999999, s, len, msg, msg_cap))
            return false;
        if (p.has[TY_F_ERA]) {
            p.has[TY_F_YEAR] = true;
            p.v[TY_F_YEAR] = p.v[TY_F_ERA] ? p.v[TY_F_YOE] : 1 - p.v[TY_F_YOE];
        }
    }
    char why[160];
    int64_t year = 1970, month = 1, day = 1;
    bool date_done = false;
    int64_t days = 0;
    if (p.has[TY_F_YEAR]) {
        if (!ty_dtf_check_range(&p, TY_F_YEAR, -999999999, 999999999, s, len, msg, msg_cap))
            return false;
        year = p.v[TY_F_YEAR];
        if (p.has[TY_F_MONTH] && p.has[TY_F_DOM]) {
            if (!ty_dtf_check_range(&p, TY_F_MONTH, 1, 12, s, len, msg, msg_cap) ||
                !ty_dtf_check_range(&p, TY_F_DOM, 1, 31, s, len, msg, msg_cap))
                return false;
            if (!ty_date_check(year, p.v[TY_F_MONTH], p.v[TY_F_DOM], why, sizeof why)) {
                snprintf(msg, msg_cap, "%s: %s", pre, why);
                return false;
            }
            days = ty_days_from_civil(year, (int)p.v[TY_F_MONTH], (int)p.v[TY_F_DOM]);
            date_done = true;
            if (p.has[TY_F_DOY] && p.v[TY_F_DOY] != ty_day_of_year(days)) {
                char ds[32];
                em_str tmp;
                em_str_init(&tmp, 0);
                ty_date_append((int32_t)days, &tmp);
                snprintf(ds, sizeof ds, "%s", tmp.data ? tmp.data : "");
                em_str_release(&tmp);
                snprintf(msg, msg_cap,
                         "%s: Conflict found: Field DayOfYear %d differs from "
                         "DayOfYear %lld derived from %s",
                         pre, ty_day_of_year(days), (long long)p.v[TY_F_DOY], ds);
                return false;
            }
        } else if (p.has[TY_F_DOY]) {
            if (!ty_dtf_check_range(&p, TY_F_DOY, 1, 366, s, len, msg, msg_cap))
                return false;
            if (p.v[TY_F_DOY] == 366 && !ty_is_leap_year(year)) {
                snprintf(msg, msg_cap,
                         "%s: Invalid date 'DayOfYear 366' as '%lld' is not a leap year", pre,
                         (long long)year);
                return false;
            }
            days = ty_days_from_civil(year, 1, 1) + p.v[TY_F_DOY] - 1;
            date_done = true;
            int64_t y2;
            int m2, d2;
            ty_civil_from_days(days, &y2, &m2, &d2);
            const int fields[2] = {TY_F_MONTH, TY_F_DOM};
            const int derived[2] = {m2, d2};
            for (int k = 0; k < 2; k++)
                if (p.has[fields[k]] && p.v[fields[k]] != derived[k]) {
                    em_str tmp;
                    em_str_init(&tmp, 0);
                    ty_date_append((int32_t)days, &tmp);
                    snprintf(msg, msg_cap,
                             "%s: Conflict found: Field %s %d differs from %s %lld derived "
                             "from %s",
                             pre, ty_dtf_field_names[fields[k]], derived[k],
                             ty_dtf_field_names[fields[k]], (long long)p.v[fields[k]],
                             tmp.data ? tmp.data : "");
                    em_str_release(&tmp);
                    return false;
                }
        }
    }
    /* time fields (resolveTimeFields, STRICT) */
    if (!ty_dtf_check_range(&p, TY_F_CLOCK_HOUR_DAY, 1, 24, s, len, msg, msg_cap) ||
        !ty_dtf_check_range(&p, TY_F_CLOCK_HOUR_AMPM, 1, 12, s, len, msg, msg_cap) ||
        !ty_dtf_check_range(&p, TY_F_HOUR_AMPM, 0, 11, s, len, msg, msg_cap) ||
        !ty_dtf_check_range(&p, TY_F_HOUR_OF_DAY, 0, 23, s, len, msg, msg_cap) ||
        !ty_dtf_check_range(&p, TY_F_MINUTE, 0, 59, s, len, msg, msg_cap) ||
        !ty_dtf_check_range(&p, TY_F_SECOND, 0, 59, s, len, msg, msg_cap))
        return false;
    if (p.has[TY_F_CLOCK_HOUR_DAY]) {
        int64_t h = p.v[TY_F_CLOCK_HOUR_DAY] == 24 ? 0 : p.v[TY_F_CLOCK_HOUR_DAY];
        if (!ty_dtf_set(&p, TY_F_HOUR_OF_DAY, h)) {
            snprintf(msg, msg_cap,
                     "%s: Conflict found: HourOfDay %lld differs from HourOfDay "
                     "%lld while resolving  ClockHourOfDay",
                     pre, (long long)p.v[TY_F_HOUR_OF_DAY], (long long)h);
            return false;
        }
    }
    if (p.has[TY_F_CLOCK_HOUR_AMPM]) {
        int64_t h = p.v[TY_F_CLOCK_HOUR_AMPM] == 12 ? 0 : p.v[TY_F_CLOCK_HOUR_AMPM];
        p.has[TY_F_HOUR_AMPM] = true;
        p.v[TY_F_HOUR_AMPM] = h;
    }
    if (p.has[TY_F_AMPM] && p.has[TY_F_HOUR_AMPM] && !p.has[TY_F_HOUR_OF_DAY]) {
        p.has[TY_F_HOUR_OF_DAY] = true;
        p.v[TY_F_HOUR_OF_DAY] = p.v[TY_F_AMPM] * 12 + p.v[TY_F_HOUR_AMPM];
    }
    /* Spark's toLocalDate / toLocalTime for what java.time left unresolved */
    if (!date_done) {
        year = p.has[TY_F_YEAR] ? p.v[TY_F_YEAR] : 1970;
        if (p.has[TY_F_DOY]) {
            int64_t doy = p.v[TY_F_DOY];
            if (doy < 1 || doy > 366) {
                ty_field_range_msg("DayOfYear", 1, 366, doy, msg, msg_cap);
                return false;
            }
            if (doy == 366 && !ty_is_leap_year(year)) {
                snprintf(msg, msg_cap, "Invalid date 'DayOfYear 366' as '%lld' is not a leap year",
                         (long long)year);
                return false;
            }
            days = ty_days_from_civil(year, 1, 1) + doy - 1;
            int64_t y2;
            int m2, d2;
            ty_civil_from_days(days, &y2, &m2, &d2);
            const int fields[2] = {TY_F_MONTH, TY_F_DOM};
            const int derived[2] = {m2, d2};
            for (int k = 0; k < 2; k++)
                if (p.has[fields[k]] && p.v[fields[k]] != derived[k]) {
                    em_str tmp;
                    em_str_init(&tmp, 0);
                    ty_date_append((int32_t)days, &tmp);
                    snprintf(msg, msg_cap,
                             "Conflict found: Field %s %lld differs from %s %d derived from %s.",
                             ty_dtf_field_names[fields[k]], (long long)p.v[fields[k]],
                             ty_dtf_field_names[fields[k]], derived[k], tmp.data ? tmp.data : "");
                    em_str_release(&tmp);
                    return false;
                }
        } else {
            month = p.has[TY_F_MONTH] ? p.v[TY_F_MONTH] : 1;
            day = p.has[TY_F_DOM] ? p.v[TY_F_DOM] : 1;
            if (!ty_date_check(year, month, day, msg, msg_cap))
                return false;
            days = ty_days_from_civil(year, (int)month, (int)day);
        }
    }
    int64_t hour = 0;
    if (p.has[TY_F_HOUR_OF_DAY])
        hour = p.v[TY_F_HOUR_OF_DAY];
    else if (p.has[TY_F_HOUR_AMPM])
        hour = p.v[TY_F_HOUR_AMPM];
    else if (p.has[TY_F_AMPM] && p.v[TY_F_AMPM] == 1)
        hour = 12;
    int64_t minute = p.has[TY_F_MINUTE] ? p.v[TY_F_MINUTE] : 0;
    int64_t second = p.has[TY_F_SECOND] ? p.v[TY_F_SECOND] : 0;
    int64_t nano = p.has[TY_F_NANO] ? p.v[TY_F_NANO] : 0;
    int64_t local;
    if (__builtin_mul_overflow(days, TY_MICROS_PER_DAY, &local) ||
        __builtin_add_overflow(local,
                               hour * TY_MICROS_PER_HOUR + minute * TY_MICROS_PER_MINUTE +
                                   second * TY_MICROS_PER_SECOND + nano / 1000,
                               &local)) {
        /* Math.multiplyExact in Spark's extractMicros */
        snprintf(msg, msg_cap, "long overflow");
        return false;
    }
    if (ntz) {
        *micros = local;
        return true;
    }
    if (p.has_offset) {
        *micros = local - (int64_t)p.offset * TY_MICROS_PER_SECOND;
        return true;
    }
    const ty_tz *zone = p.zone ? p.zone : (tz ? tz : ty_tz_utc());
    *micros = ty_local_to_utc_micros(local, zone);
    return true;
}
