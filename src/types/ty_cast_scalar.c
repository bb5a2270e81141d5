/*
 * ty_cast_scalar: casts into BOOLEAN, the integral kinds, FLOAT/DOUBLE, DECIMAL, DATE,
 * TIMESTAMP, TIMESTAMP_NTZ and BINARY, following Spark's Cast (castToInt, castToDecimal, ...).
 *
 * "strict" below means ANSI or TRY: ANSI raises where TRY yields NULL (ty_cast_fail decides);
 * LEGACY applies the non-ANSI rules (wrap-around, Java's saturating float-to-int conversion,
 * NULL for malformed strings).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "types/ty_cast_int.h"
#include "types/ty_dec.h"
#include "types/ty_num.h"
#include "types/ty_time.h"

/* A cast Spark supports that this slice does not (intervals, ...). */
static int ty_cast_unsupported(ty_cast_ctx *c, const vec *in)
{
    em_str f;
    em_str_init(&f, 512);
    em_str_puts(&f, "CAST from ");
    ty_sql(in->type, &f);
    em_str_puts(&f, " to ");
    ty_sql(c->to, &f);
    int rc = em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                          f.data ? f.data : "CAST", NULL);
    em_str_release(&f);
    return rc;
}

static bool ty_cs_strict(const ty_cast_ctx *c)
{
    return c->mode != PX_EVAL_LEGACY;
}

/* Integral / boolean source value as int64. */
static int64_t ty_cs_get_int(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BOOLEAN:
        return VEC_VALUES(v, uint8_t)[r] ? 1 : 0;
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
        return VEC_VALUES(v, int32_t)[r];
    default:
        return VEC_VALUES(v, int64_t)[r];
    }
}

static void ty_cs_put_int(vec *o, int64_t r, int64_t x)
{
    switch (o->type->kind) {
    case TY_BYTE:
        VEC_VALUES(o, int8_t)[r] = (int8_t)(uint8_t)(uint64_t)x;
        break;
    case TY_SHORT:
        VEC_VALUES(o, int16_t)[r] = (int16_t)(uint16_t)(uint64_t)x;
        break;
    case TY_INT:
        VEC_VALUES(o, int32_t)[r] = (int32_t)(uint32_t)(uint64_t)x;
        break;
    default:
        VEC_VALUES(o, int64_t)[r] = x;
        break;
    }
}

static void ty_cs_bounds(ty_kind k, int64_t *lo, int64_t *hi)
{
    switch (k) {
    case TY_BYTE:
        *lo = INT8_MIN, *hi = INT8_MAX;
        break;
    case TY_SHORT:
        *lo = INT16_MIN, *hi = INT16_MAX;
        break;
    case TY_INT:
        *lo = INT32_MIN, *hi = INT32_MAX;
        break;
    default:
        *lo = INT64_MIN, *hi = INT64_MAX;
        break;
    }
}

/* Java's (long) d: NaN -> 0, saturating. */
static int64_t ty_cs_java_d2l(double d)
{
    if (d != d)
        return 0;
    if (d >= 9223372036854775807.0)
        return INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

/* Java's (int) d. */
static int32_t ty_cs_java_d2i(double d)
{
    if (d != d)
        return 0;
    if (d >= 2147483647.0)
        return INT32_MAX;
    if (d <= -2147483648.0)
        return INT32_MIN;
    return (int32_t)d;
}

static double ty_cs_get_double(const vec *v, int64_t r)
{
    return v->type->kind == TY_FLOAT ? (double)VEC_VALUES(v, float)[r] : VEC_VALUES(v, double)[r];
}

static int ty_cs_numeric_out_of_range(ty_cast_ctx *c, vec *o, int64_t r, const char *plain)
{
    if (c->mode == PX_EVAL_ANSI) {
        char p[8], s[8];
        snprintf(p, sizeof p, "%d", c->to->precision);
        snprintf(s, sizeof s, "%d", c->to->scale);
        return em_error_set(c->err, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "value", plain,
                            "precision", p, "scale", s, "config", "\"spark.sql.ansi.enabled\"",
                            NULL);
    }
    vec_set_null(o, r);
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */

/*
 * An ANSI interval as the whole number of its end field (IntervalUtils.dayTimeIntervalToLong /
 * yearMonthIntervalToInt: truncation toward zero).
 */
static int64_t ty_cs_interval_whole(const vec *in, int64_t r)
{
    const ty *t = in->type;
    if (t->kind == TY_YEARMONTH_INTERVAL) {
        int32_t m = VEC_VALUES(in, int32_t)[r];
        return t->end_field == TY_YM_YEAR ? m / 12 : m;
    }
    int64_t v = VEC_VALUES(in, int64_t)[r];
    switch (t->end_field) {
    case TY_DT_DAY:
        return v / TY_MICROS_PER_DAY;
    case TY_DT_HOUR:
        return v / TY_MICROS_PER_HOUR;
    case TY_DT_MINUTE:
        return v / TY_MICROS_PER_MINUTE;
    default:
        return v / TY_MICROS_PER_SECOND;
    }
}

/*
 * Interval to integral overflow: Spark's castingCauseOverflowError is raised whatever the eval
 * mode (IntervalUtils.*IntervalToInt/Short/Byte throw; Cast.nullSafeEval does not catch them
 * for try_cast either).
 */
static int ty_cs_interval_overflow(ty_cast_ctx *c, const vec *in, vec *o, int64_t r)
{
    (void)o;
    return ty_cast_raise_value(c, "CAST_OVERFLOW", in, r, "value");
}

static int ty_cs_to_integral(ty_cast_ctx *c, const vec *in, vec *o)
{
    ty_kind tk = o->type->kind;
    int64_t lo, hi;
    ty_cs_bounds(tk, &lo, &hi);
    bool strict = ty_cs_strict(c);
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        int rc = EM_OK;
        switch (in->type->kind) {
        case TY_BOOLEAN:
        case TY_BYTE:
        case TY_SHORT:
        case TY_INT:
        case TY_LONG: {
            int64_t x = ty_cs_get_int(in, r);
            if ((x < lo || x > hi) && strict)
                rc = ty_cast_fail(c, o, r, "CAST_OVERFLOW", in, r);
            else
                ty_cs_put_int(o, r, x);
            break;
        }
        case TY_FLOAT:
        case TY_DOUBLE: {
            double d = ty_cs_get_double(in, r);
            if (strict) {
                if (floor(d) <= (double)hi && ceil(d) >= (double)lo)
                    ty_cs_put_int(o, r, ty_cs_java_d2l(d));
                else
                    rc = ty_cast_fail(c, o, r, "CAST_OVERFLOW", in, r);
            } else if (tk == TY_LONG) {
                ty_cs_put_int(o, r, ty_cs_java_d2l(d));
            } else {
                ty_cs_put_int(o, r, ty_cs_java_d2i(d));
            }
            break;
        }
        case TY_DECIMAL: {
            ty_i128 v = VEC_VALUES(in, ty_i128)[r];
            int sc = in->type->scale;
            ty_i128 ip = sc > 0 ? v / ty_dec_pow10(sc) : v;
            if (strict && (ip < lo || ip > hi)) {
                rc = ty_cast_fail(c, o, r, "CAST_OVERFLOW", in, r);
            } else {
                ty_cs_put_int(o, r, (int64_t)(uint64_t)(ty_u128)ip);
            }
            break;
        }
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            int32_t len;
            const char *s = vec_str(in, r, &len);
            bool ok;
            int64_t x = 0;
            if (tk == TY_LONG) {
                ok = ty_parse_long(s, (size_t)len, !strict, &x);
            } else {
                int32_t i32 = 0;
                ok = ty_parse_int(s, (size_t)len, !strict, &i32);
                x = i32;
                if (ok && (x < lo || x > hi))
                    ok = false;
            }
            if (ok)
                ty_cs_put_int(o, r, x);
            else
                rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
            break;
        }
        case TY_TIMESTAMP: {
            int64_t secs = ty_floor_div(VEC_VALUES(in, int64_t)[r], TY_MICROS_PER_SECOND);
            if (secs < lo || secs > hi) {
                if (strict)
                    rc = ty_cast_fail(c, o, r, "CAST_OVERFLOW", in, r);
                else
                    vec_set_null(o, r);
            } else {
                ty_cs_put_int(o, r, secs);
            }
            break;
        }
        case TY_DATE:
            vec_set_null(o, r);
            break;
        case TY_DAYTIME_INTERVAL:
        case TY_YEARMONTH_INTERVAL: {
            int64_t x = ty_cs_interval_whole(in, r);
            if (x < lo || x > hi)
                rc = ty_cs_interval_overflow(c, in, o, r);
            else
                ty_cs_put_int(o, r, x);
            break;
        }
        default:
            return ty_cast_unsupported(c, in);
        }
        if (rc)
            return rc;
    }
    return EM_OK;
}

static int ty_cs_to_fractional(ty_cast_ctx *c, const vec *in, vec *o)
{
    bool is_float = o->type->kind == TY_FLOAT;
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        double d = 0;
        float f = 0;
        bool have_float = false;
        switch (in->type->kind) {
        case TY_BOOLEAN:
        case TY_BYTE:
        case TY_SHORT:
        case TY_INT:
        case TY_LONG: {
            int64_t x = ty_cs_get_int(in, r);
            d = (double)x;
            f = (float)x;
            have_float = true;
            break;
        }
        case TY_FLOAT:
            d = VEC_VALUES(in, float)[r];
            break;
        case TY_DOUBLE:
            d = VEC_VALUES(in, double)[r];
            break;
        case TY_DECIMAL:
            d = ty_dec_to_double(VEC_VALUES(in, ty_i128)[r], in->type->scale);
            f = ty_dec_to_float(VEC_VALUES(in, ty_i128)[r], in->type->scale);
            have_float = true;
            break;
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            int32_t len;
            const char *s = vec_str(in, r, &len);
            if (!ty_parse_double(s, (size_t)len, is_float, &d)) {
                int rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
                if (rc)
                    return rc;
                continue;
            }
            f = (float)d;
            have_float = true;
            break;
        }
        case TY_TIMESTAMP:
            d = (double)VEC_VALUES(in, int64_t)[r] / 1e6;
            break;
        case TY_DATE:
            vec_set_null(o, r);
            continue;
        default:
            return ty_cast_unsupported(c, in);
        }
        if (is_float)
            VEC_VALUES(o, float)[r] = have_float ? f : (float)d;
        else
            VEC_VALUES(o, double)[r] = d;
    }
    return EM_OK;
}

/* Plain text of a double's Decimal(double) value (BigDecimal(Double.toString(d))). */
static void ty_cs_double_plain(double d, char *buf, size_t cap)
{
    char digits[24];
    int e10;
    int nd = ty_shortest_digits(d, false, digits, &e10);
    size_t pos = 0;
    if (d < 0 && pos + 1 < cap)
        buf[pos++] = '-';
    if (e10 <= 0) {
        buf[pos++] = '0';
        buf[pos++] = '.';
        for (int z = 0; z < -e10 && pos + 2 < cap; z++)
            buf[pos++] = '0';
        for (int i = 0; i < nd && pos + 1 < cap; i++)
            buf[pos++] = digits[i];
    } else {
        for (int i = 0; i < e10 && pos + 1 < cap; i++)
            buf[pos++] = i < nd ? digits[i] : '0';
        if (nd > e10) {
            buf[pos++] = '.';
            for (int i = e10; i < nd && pos + 1 < cap; i++)
                buf[pos++] = digits[i];
        }
    }
    buf[pos] = '\0';
}

static int ty_cs_to_decimal(ty_cast_ctx *c, const vec *in, vec *o)
{
    int p = o->type->precision, s = o->type->scale;
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        ty_i128 v = 0;
        int rc = EM_OK;
        char plain[128];
        switch (in->type->kind) {
        case TY_BOOLEAN:
        case TY_BYTE:
        case TY_SHORT:
        case TY_INT:
        case TY_LONG: {
            int64_t x = ty_cs_get_int(in, r);
            if (!ty_dec_change(x, 0, p, s, &v)) {
                snprintf(plain, sizeof plain, "%lld", (long long)x);
                rc = ty_cs_numeric_out_of_range(c, o, r, plain);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        case TY_FLOAT:
        case TY_DOUBLE: {
            double d = ty_cs_get_double(in, r);
            if (d != d || isinf(d)) {
                vec_set_null(o, r);
                continue;
            }
            if (!ty_dec_from_double(d, p, s, &v)) {
                ty_cs_double_plain(d, plain, sizeof plain);
                rc = ty_cs_numeric_out_of_range(c, o, r, plain);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        case TY_DECIMAL: {
            ty_i128 x = VEC_VALUES(in, ty_i128)[r];
            if (!ty_dec_change(x, in->type->scale, p, s, &v)) {
                ty_dec_to_chars(x, in->type->scale, true, plain);
                rc = ty_cs_numeric_out_of_range(c, o, r, plain);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            int32_t len;
            const char *str = vec_str(in, r, &len);
            ty_dec_parse_result pr = ty_dec_parse(str, (size_t)len, p, s, &v);
            if (pr == TY_DEC_OK)
                break;
            if (pr == TY_DEC_INVALID) {
                rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
            } else if (pr == TY_DEC_TOO_LARGE) {
                if (c->mode == PX_EVAL_ANSI) {
                    char txt[512];
                    size_t n = (size_t)len < sizeof txt - 1 ? (size_t)len : sizeof txt - 1;
                    memcpy(txt, str, n);
                    txt[n] = '\0';
                    rc = em_error_set(c->err, "NUMERIC_OUT_OF_SUPPORTED_RANGE", "value", txt, NULL);
                } else {
                    vec_set_null(o, r);
                }
            } else {
                /* the unrounded value in plain notation */
                ty_i128 exact;
                int ep, es;
                if (ty_dec_parse_exact(str, (size_t)len, &exact, &ep, &es) == TY_DEC_OK) {
                    ty_dec_to_chars(exact, es, true, plain);
                } else {
                    size_t n = (size_t)len < sizeof plain - 1 ? (size_t)len : sizeof plain - 1;
                    memcpy(plain, str, n);
                    plain[n] = '\0';
                }
                rc = ty_cs_numeric_out_of_range(c, o, r, plain);
            }
            if (rc)
                return rc;
            continue;
        }
        case TY_TIMESTAMP: {
            int64_t t = VEC_VALUES(in, int64_t)[r];
            if (!ty_dec_change(t, 6, p, s, &v)) {
                ty_dec_to_chars(t, 6, true, plain);
                rc = ty_cs_numeric_out_of_range(c, o, r, plain);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        case TY_DATE:
            vec_set_null(o, r);
            continue;
        case TY_DAYTIME_INTERVAL:
        case TY_YEARMONTH_INTERVAL: {
            /* dayTimeIntervalToDecimal: seconds keep their 6 fraction digits; other end fields
               (and year-month intervals) are whole numbers; then changePrecision (HALF_UP). */
            bool micros =
                in->type->kind == TY_DAYTIME_INTERVAL && in->type->end_field == TY_DT_SECOND;
            int64_t x = micros ? VEC_VALUES(in, int64_t)[r] : ty_cs_interval_whole(in, r);
            int xs = micros ? 6 : 0;
            if (!ty_dec_change(x, xs, p, s, &v)) {
                /* raised in every eval mode (nonansi/cast.sql.out: cast(interval '10.123' second
                   as decimal(1, 0)) fails with ANSI off too) */
                ty_dec_to_chars(x, xs, true, plain);
                char pp[8], ps[8];
                snprintf(pp, sizeof pp, "%d", p);
                snprintf(ps, sizeof ps, "%d", s);
                return em_error_set(c->err, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "value",
                                    plain, "precision", pp, "scale", ps, "config",
                                    "\"spark.sql.ansi.enabled\"", NULL);
            }
            break;
        }
        default:
            return ty_cast_unsupported(c, in);
        }
        VEC_VALUES(o, ty_i128)[r] = v;
    }
    return EM_OK;
}

static bool ty_cs_str_ieq(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch != lit[i])
            return false;
    }
    return true;
}

static int ty_cs_to_boolean(ty_cast_ctx *c, const vec *in, vec *o)
{
    static const char *const trues[] = {"t", "true", "y", "yes", "1"};
    static const char *const falses[] = {"f", "false", "n", "no", "0"};
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        int b = 0;
        switch (in->type->kind) {
        case TY_BYTE:
        case TY_SHORT:
        case TY_INT:
        case TY_LONG:
            b = ty_cs_get_int(in, r) != 0;
            break;
        case TY_FLOAT:
        case TY_DOUBLE:
            b = ty_cs_get_double(in, r) != 0;
            break;
        case TY_DECIMAL:
            b = VEC_VALUES(in, ty_i128)[r] != 0;
            break;
        case TY_TIMESTAMP:
            b = VEC_VALUES(in, int64_t)[r] != 0;
            break;
        case TY_DATE:
            vec_set_null(o, r);
            continue;
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            int32_t len;
            const char *s = vec_str(in, r, &len);
            size_t n = (size_t)len;
            while (n && ty_is_trim_byte((unsigned char)s[0]))
                s++, n--;
            while (n && ty_is_trim_byte((unsigned char)s[n - 1]))
                n--;
            b = -1;
            for (int i = 0; i < 5; i++) {
                if (ty_cs_str_ieq(s, n, trues[i]))
                    b = 1;
                if (ty_cs_str_ieq(s, n, falses[i]))
                    b = 0;
            }
            if (b < 0) {
                int rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        default:
            return ty_cast_unsupported(c, in);
        }
        VEC_VALUES(o, uint8_t)[r] = (uint8_t)b;
    }
    return EM_OK;
}

static int ty_cs_to_date(ty_cast_ctx *c, const vec *in, vec *o)
{
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        int32_t d;
        switch (in->type->kind) {
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            int32_t len;
            const char *s = vec_str(in, r, &len);
            if (!ty_parse_date(s, (size_t)len, &d)) {
                int rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        case TY_TIMESTAMP:
            d = ty_micros_to_days(VEC_VALUES(in, int64_t)[r], c->tz);
            break;
        case TY_TIMESTAMP_NTZ:
            d = (int32_t)ty_floor_div(VEC_VALUES(in, int64_t)[r], TY_MICROS_PER_DAY);
            break;
        default:
            return ty_cast_unsupported(c, in);
        }
        VEC_VALUES(o, int32_t)[r] = d;
    }
    return EM_OK;
}

static int64_t ty_cs_sat_mul(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r))
        return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
    return r;
}

static int ty_cs_to_timestamp(ty_cast_ctx *c, const vec *in, vec *o, bool ntz)
{
    int64_t now = 0;
    if (!ntz) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        now = (int64_t)ts.tv_sec * TY_MICROS_PER_SECOND + ts.tv_nsec / 1000;
    }
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_set_null(o, r);
            continue;
        }
        int64_t t;
        switch (in->type->kind) {
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            int32_t len;
            const char *s = vec_str(in, r, &len);
            bool ok = ntz ? ty_parse_timestamp_ntz(s, (size_t)len, &t)
                          : ty_parse_timestamp(s, (size_t)len, c->tz, now, &t);
            if (!ok) {
                int rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
                if (rc)
                    return rc;
                continue;
            }
            break;
        }
        case TY_DATE: {
            int32_t d = VEC_VALUES(in, int32_t)[r];
            t = ntz ? (int64_t)d * TY_MICROS_PER_DAY : ty_days_to_micros(d, c->tz);
            break;
        }
        case TY_TIMESTAMP:
            t = ty_utc_to_local_micros(VEC_VALUES(in, int64_t)[r], c->tz);
            break;
        case TY_TIMESTAMP_NTZ:
            t = ty_local_to_utc_micros(VEC_VALUES(in, int64_t)[r], c->tz);
            break;
        case TY_BOOLEAN:
            t = VEC_VALUES(in, uint8_t)[r] ? 1 : 0;
            break;
        case TY_BYTE:
        case TY_SHORT:
        case TY_INT:
        case TY_LONG:
            t = ty_cs_sat_mul(ty_cs_get_int(in, r), TY_MICROS_PER_SECOND);
            break;
        case TY_FLOAT:
        case TY_DOUBLE: {
            double d = ty_cs_get_double(in, r);
            if (d != d || isinf(d)) {
                int rc = ty_cast_fail(c, o, r, "CAST_INVALID_INPUT", in, r);
                if (rc)
                    return rc;
                continue;
            }
            t = ty_cs_java_d2l(d * 1e6);
            break;
        }
        case TY_DECIMAL: {
            ty_i128 v = VEC_VALUES(in, ty_i128)[r];
            int sc = in->type->scale;
            ty_i128 m = v;
            if (sc <= 6) {
                m = v * ty_dec_pow10(6 - sc);
            } else {
                m = v / ty_dec_pow10(sc - 6);
            }
            t = (int64_t)(uint64_t)(ty_u128)m;
            break;
        }
        default:
            return ty_cast_unsupported(c, in);
        }
        VEC_VALUES(o, int64_t)[r] = t;
    }
    return EM_OK;
}

int ty_cast_to_binary(ty_cast_ctx *c, const vec *in, vec *o)
{
    for (int64_t r = 0; r < in->len; r++) {
        if (vec_is_null(in, r)) {
            vec_append_null(o);
            continue;
        }
        if (ty_is_string(in->type)) {
            int32_t len;
            const char *s = vec_str(in, r, &len);
            if (vec_append_str(o, s, len, c->err))
                return c->err ? c->err->code : EM_EINTERNAL;
            continue;
        }
        if (!ty_is_integral(in->type))
            return ty_cast_unsupported(c, in);
        int w = ty_fixed_width(in->type);
        uint64_t x = (uint64_t)ty_cs_get_int(in, r);
        char buf[8];
        for (int i = 0; i < w; i++)
            buf[i] = (char)(x >> (8 * (w - 1 - i)));
        if (vec_append_str(o, buf, w, c->err))
            return c->err ? c->err->code : EM_EINTERNAL;
    }
    return EM_OK;
}

int ty_cast_scalar(ty_cast_ctx *c, const vec *in, vec *o)
{
    switch (o->type->kind) {
    case TY_BOOLEAN:
        return ty_cs_to_boolean(c, in, o);
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
        return ty_cs_to_integral(c, in, o);
    case TY_FLOAT:
    case TY_DOUBLE:
        return ty_cs_to_fractional(c, in, o);
    case TY_DECIMAL:
        return ty_cs_to_decimal(c, in, o);
    case TY_DATE:
        return ty_cs_to_date(c, in, o);
    case TY_TIMESTAMP:
        return ty_cs_to_timestamp(c, in, o, false);
    case TY_TIMESTAMP_NTZ:
        return ty_cs_to_timestamp(c, in, o, true);
    case TY_CALENDAR_INTERVAL:
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
        return ty_cast_to_interval(c, in, o); /* ty_time_interval.c */
    default:
        return ty_cast_unsupported(c, in);
    }
}
