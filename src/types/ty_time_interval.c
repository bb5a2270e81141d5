/*
 * ty_time_interval: casts into the interval types (Spark's Cast.castToInterval /
 * castToDayTimeInterval / castToYearMonthInterval), reached from ty_cast_scalar's dispatch:
 *
 *   STRING -> INTERVAL (calendar)   IntervalUtils.safeStringToInterval: NULL when malformed
 *   STRING -> ANSI interval         the body of the interval literal for the target's fields
 *                                   ("1 02:03:04.5" for DAY TO SECOND, "1-2" for YEAR TO MONTH),
 *                                   bare or as INTERVAL '...' <fields>; malformed text raises
 *                                   CAST_INVALID_INPUT under ANSI, else NULL
 *   ANSI interval -> same family    truncated to the target's end field
 *   integral -> ANSI interval       the number in units of the target's end field;
 *                                   CAST_OVERFLOW when it does not fit (in every mode, as Spark)
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "types/ty_cast_int.h"
#include "types/ty_dec.h"
#include "types/ty_num.h"

static int64_t ty_iv_unit(int end_field)
{
    switch (end_field) {
    case TY_DT_DAY:
        return TY_MICROS_PER_DAY;
    case TY_DT_HOUR:
        return TY_MICROS_PER_HOUR;
    case TY_DT_MINUTE:
        return TY_MICROS_PER_MINUTE;
    default:
        return TY_MICROS_PER_SECOND;
    }
}

/* Digits at *p (at least one): false when absent or too large. */
static bool ty_iv_num(const char **p, const char *end, int64_t *out)
{
    const char *s = *p;
    int64_t v = 0;
    int n = 0;
    while (s < end && isdigit((unsigned char)*s)) {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *s - '0', &v))
            return false;
        s++, n++;
    }
    if (!n)
        return false;
    *p = s;
    *out = v;
    return true;
}

/* The body of an ANSI interval literal for the fields [start, end] of a day-time interval. */
static bool ty_iv_parse_dt(const char *s, const char *end, int start, int stop, int64_t *out)
{
    bool neg = false;
    if (s < end && (*s == '+' || *s == '-'))
        neg = *s++ == '-';
    int64_t total = 0;
    for (int f = start; f <= stop; f++) {
        if (f > start) {
            char sep = f == TY_DT_HOUR ? ' ' : ':';
            if (s >= end || *s != sep)
                return false;
            s++;
        }
        int64_t v;
        if (!ty_iv_num(&s, end, &v))
            return false;
        int64_t limit = f == TY_DT_HOUR ? 23 : 59;
        if (f > start && f != TY_DT_DAY && v > limit)
            return false;
        int64_t t;
        if (__builtin_mul_overflow(v, ty_iv_unit(f), &t) ||
            __builtin_add_overflow(total, t, &total))
            return false;
        if (f == TY_DT_SECOND && s < end && *s == '.') {
            s++;
            int64_t frac = 0, scale = 100000;
            int n = 0;
            while (s < end && isdigit((unsigned char)*s)) {
                if (n < 6)
                    frac += (*s - '0') * scale;
                scale /= 10, s++, n++;
            }
            if (!n || n > 9)
                return false;
            total += frac;
        }
    }
    if (s != end)
        return false;
    *out = neg ? -total : total;
    return true;
}

static bool ty_iv_parse_ym(const char *s, const char *end, int start, int stop, int32_t *out)
{
    bool neg = false;
    if (s < end && (*s == '+' || *s == '-'))
        neg = *s++ == '-';
    int64_t y = 0, m = 0;
    if (start == TY_YM_YEAR) {
        if (!ty_iv_num(&s, end, &y))
            return false;
        if (stop == TY_YM_MONTH) {
            if (s >= end || *s != '-')
                return false;
            s++;
            if (!ty_iv_num(&s, end, &m) || m > 11)
                return false;
        }
    } else if (!ty_iv_num(&s, end, &m)) {
        return false;
    }
    if (s != end)
        return false;
    int64_t total = y * 12 + m;
    if (y > INT32_MAX / 12 || total > INT32_MAX)
        return false;
    *out = (int32_t)(neg ? -total : total);
    return true;
}

/* Strips "INTERVAL [+-]'body' <fields>" down to the body, folding the outer sign in. */
static void ty_iv_unwrap(const char **s, const char **end, bool *outer_neg)
{
    const char *p = *s, *e = *end;
    *outer_neg = false;
    if (e - p < 9 || strncasecmp(p, "interval", 8) != 0 || !isspace((unsigned char)p[8]))
        return;
    p += 8;
    while (p < e && isspace((unsigned char)*p))
        p++;
    if (p < e && (*p == '+' || *p == '-')) {
        *outer_neg = *p == '-';
        p++;
        while (p < e && isspace((unsigned char)*p))
            p++;
    }
    if (p >= e || (*p != '\'' && *p != '"'))
        return;
    char q = *p++;
    const char *close = memchr(p, q, (size_t)(e - p));
    if (!close)
        return;
    *s = p;
    *end = close;
}

static int ty_iv_from_string(ty_cast_ctx *c, const vec *in, vec *o, int64_t r)
{
    int32_t len;
    const char *s = vec_str(in, r, &len);
    const char *end = s + len;
    while (s < end && ty_is_trim_byte((unsigned char)*s))
        s++;
    while (end > s && ty_is_trim_byte((unsigned char)end[-1]))
        end--;
    const ty *to = o->type;
    if (to->kind == TY_CALENDAR_INTERVAL) {
        ty_calendar_interval iv;
        if (!ty_parse_interval_string(s, (size_t)(end - s), &iv.months, &iv.days,
                                      &iv.microseconds)) {
            vec_set_null(o, r); /* safeStringToInterval */
            return EM_OK;
        }
        VEC_VALUES(o, ty_calendar_interval)[r] = iv;
        return EM_OK;
    }
    bool outer_neg;
    ty_iv_unwrap(&s, &end, &outer_neg);
    if (to->kind == TY_DAYTIME_INTERVAL) {
        int64_t v;
        if (!ty_iv_parse_dt(s, end, to->start_field, to->end_field, &v))
            return ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
        VEC_VALUES(o, int64_t)[r] = outer_neg ? -v : v;
        return EM_OK;
    }
    int32_t m;
    if (!ty_iv_parse_ym(s, end, to->start_field, to->end_field, &m))
        return ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
    VEC_VALUES(o, int32_t)[r] = outer_neg ? -m : m;
    return EM_OK;
}

static int64_t ty_iv_int_at(const vec *in, int64_t r)
{
    switch (in->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(in, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(in, int16_t)[r];
    case TY_INT:
        return VEC_VALUES(in, int32_t)[r];
    default:
        return VEC_VALUES(in, int64_t)[r];
    }
}

/*
 * IntervalUtils.decimalToDayTimeInterval / decimalToYearMonthInterval: the decimal times the
 * micros (months) of the end field, rounded HALF_UP to a whole number that must fit a long
 * (an int); CAST_OVERFLOW otherwise, whatever the eval mode (try_cast too: the exception is
 * not caught).
 */
static int ty_iv_from_decimal(ty_cast_ctx *c, const vec *in, vec *o, int64_t r)
{
    const ty *to = o->type;
    ty_i128 x = VEC_VALUES(in, ty_i128)[r];
    int64_t unit = to->kind == TY_DAYTIME_INTERVAL ? ty_iv_unit(to->end_field)
                                                   : (to->end_field == TY_YM_YEAR ? 12 : 1);
    ty_i128 scaled;
    bool ok = !__builtin_mul_overflow(x, (ty_i128)unit, &scaled);
    int64_t whole = 0;
    if (ok) {
        ty_i128 div = ty_dec_pow10(in->type->scale);
        ty_i128 q = scaled / div, rem = scaled % div;
        if ((rem < 0 ? -rem : rem) * 2 >= div && rem != 0)
            q += scaled < 0 ? -1 : 1;
        ok = q >= INT64_MIN && q <= INT64_MAX;
        whole = (int64_t)q;
        if (ok && to->kind == TY_YEARMONTH_INTERVAL)
            ok = whole >= INT32_MIN && whole <= INT32_MAX;
    }
    if (!ok) /* raised in every eval mode, as for integral inputs */
        return ty_cast_raise_value(c, "CAST_OVERFLOW", in, r, "value");
    if (to->kind == TY_DAYTIME_INTERVAL)
        VEC_VALUES(o, int64_t)[r] = whole;
    else
        VEC_VALUES(o, int32_t)[r] = (int32_t)whole;
    return EM_OK;
}

int ty_cast_to_interval(ty_cast_ctx *c, const vec *in, vec *o)
{
    const ty *to = o->type, *from = in->type;
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        if (ty_is_string(from)) {
            int rc = ty_iv_from_string(c, in, o, r);
            if (rc)
                return rc;
            continue;
        }
        if (from->kind == TY_DAYTIME_INTERVAL && to->kind == TY_DAYTIME_INTERVAL) {
            int64_t v = VEC_VALUES(in, int64_t)[r], u = ty_iv_unit(to->end_field);
            VEC_VALUES(o, int64_t)[r] = v - v % u;
            continue;
        }
        if (from->kind == TY_YEARMONTH_INTERVAL && to->kind == TY_YEARMONTH_INTERVAL) {
            int32_t v = VEC_VALUES(in, int32_t)[r];
            VEC_VALUES(o, int32_t)[r] = to->end_field == TY_YM_YEAR ? v - v % 12 : v;
            continue;
        }
        if (ty_is_integral(from) && to->kind == TY_DAYTIME_INTERVAL) {
            int64_t v;
            if (__builtin_mul_overflow(ty_iv_int_at(in, r), ty_iv_unit(to->end_field), &v))
                return ty_cast_raise_value(c, "CAST_OVERFLOW", in, r, "value");
            VEC_VALUES(o, int64_t)[r] = v;
            continue;
        }
        if (ty_is_integral(from) && to->kind == TY_YEARMONTH_INTERVAL) {
            int64_t v = ty_iv_int_at(in, r), m = v;
            if (to->end_field == TY_YM_YEAR && __builtin_mul_overflow(v, 12, &m))
                m = INT64_MAX;
            if (v < INT32_MIN || v > INT32_MAX || m < INT32_MIN || m > INT32_MAX)
                return ty_cast_raise_value(c, "CAST_OVERFLOW", in, r, "value");
            VEC_VALUES(o, int32_t)[r] = (int32_t)m;
            continue;
        }
        if (from->kind == TY_DECIMAL) {
            int rc = ty_iv_from_decimal(c, in, o, r);
            if (rc)
                return rc;
            continue;
        }
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "this cast to an interval type", NULL);
    }
    return EM_OK;
}
