/*
 * fn_interval: intervals built from fields and interval arithmetic kernels: make_interval
 * try_make_interval make_dt_interval make_ym_interval, and the internal expressions Spark's
 * BinaryArithmeticWithDatetimeResolver turns + - * / into (bound by fn_interval_arith.c):
 * interval +/- interval, -interval, abs, interval * / number, timestamp +/- interval,
 * date +/- year-month or calendar interval, timestamp - timestamp, date - date and
 * extractansiintervaldays.
 *
 * Overflow follows Spark: ANSI intervals always check (INTERVAL_ARITHMETIC_OVERFLOW with the
 * try_ function to use, or without one for negation and make_*_interval), calendar intervals
 * check under ANSI only; division by zero raises INTERVAL_DIVIDED_BY_ZERO (ANSI intervals, and
 * calendar intervals under ANSI; NULL otherwise). Multiplication and division by fractional
 * numbers round HALF_UP like Guava's DoubleMath / BigDecimal.setScale.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_interval_int.h"

/* ------------------------------------------------------------------------------------------ */
/* make_interval family                                                                         */

static int fn_iv_bind_make(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    const char *n = def->name;
    bool ansi = opts && opts->ansi;
    fn_iv_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->ansi = ansi;
    int total;
    const fn_dt_want *wants;
    static const fn_dt_want w7[7] = {FN_DT_INT, FN_DT_INT, FN_DT_INT,    FN_DT_INT,
                                     FN_DT_INT, FN_DT_INT, FN_DT_DEC18_6};
    static const fn_dt_want w4[4] = {FN_DT_INT, FN_DT_INT, FN_DT_INT, FN_DT_DEC18_6};
    static const fn_dt_want w2[2] = {FN_DT_INT, FN_DT_INT};
    bool is_try = strcasecmp(n, "try_make_interval") == 0;
    if (strcasecmp(n, "make_interval") == 0 || is_try) {
        if (fn_check_arity(call, is_try ? 1 : 0, 7, is_try ? "[1, 2, 3, 4, 5, 6, 7]" : "[0, 7]",
                           err))
            return err->code;
        st->op = FN_IV_MAKE_INTERVAL;
        total = 7, wants = w7;
    } else if (strcasecmp(n, "make_dt_interval") == 0) {
        if (fn_check_arity(call, 0, 4, "[0, 4]", err))
            return err->code;
        st->op = FN_IV_MAKE_DT;
        total = 4, wants = w4;
    } else {
        if (fn_check_arity(call, 0, 2, "[0, 2]", err))
            return err->code;
        st->op = FN_IV_MAKE_YM;
        total = 2, wants = w2;
    }
    if (call->n_args < total) {
        /* the defaults Spark's constructors fill in: 0, and the seconds as DECIMAL(18,6) 0 */
        pl_expr **args = em_arena_calloc(a, (size_t)total, sizeof *args);
        for (int i = 0; i < call->n_args; i++)
            args[i] = call->args[i];
        for (int i = call->n_args; i < total; i++)
            args[i] =
                wants[i] == FN_DT_DEC18_6 ? fn_dt_lit_decimal(a, 0, 18, 6) : fn_dt_lit_int(a, 0);
        call->args = args;
        call->n_args = total;
    }
    for (int i = 0; i < total; i++)
        if (fn_dt_coerce(a, call, i, wants[i], true, ansi, err))
            return err->code;
    st->fail_on_error = st->op == FN_IV_MAKE_INTERVAL ? ansi && !is_try : true;
    call->fn_state = st;
    if (st->op == FN_IV_MAKE_INTERVAL) {
        call->type = ty_calendar_interval_type();
        call->nullable = st->fail_on_error ? fn_any_nullable(call) : true;
    } else if (st->op == FN_IV_MAKE_DT) {
        call->type = ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
        call->nullable = fn_any_nullable(call);
    } else {
        call->type = ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH);
        call->nullable = fn_any_nullable(call);
    }
    return EM_OK;
}

int fn_iv_err_overflow(em_error *err, const char *try_fn)
{
    if (!try_fn)
        return em_error_set(err, "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION", NULL);
    char f[48];
    snprintf(f, sizeof f, "`%s`", try_fn);
    return em_error_set(err, "INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION", "functionName", f,
                        NULL);
}

/* 0 with the value, FN_IV_ROW_NULL, or an error code. */
static int fn_iv_make_row(const fn_iv_state *st, vec *const *args, int64_t r, vec *o, em_error *err)
{
    switch (st->op) {
    case FN_IV_MAKE_INTERVAL: {
        int32_t y = VEC_VALUES(args[0], int32_t)[r], mo = VEC_VALUES(args[1], int32_t)[r],
                w = VEC_VALUES(args[2], int32_t)[r], d = VEC_VALUES(args[3], int32_t)[r],
                h = VEC_VALUES(args[4], int32_t)[r], mi = VEC_VALUES(args[5], int32_t)[r];
        int64_t secs = (int64_t)VEC_VALUES(args[6], ty_i128)[r];
        int32_t months, days, t1, t2;
        int64_t micros, m1, m2;
        bool of = __builtin_mul_overflow(y, 12, &t1) || __builtin_add_overflow(mo, t1, &months) ||
                  __builtin_mul_overflow(w, 7, &t2) || __builtin_add_overflow(d, t2, &days) ||
                  __builtin_mul_overflow((int64_t)h, TY_MICROS_PER_HOUR, &m1) ||
                  __builtin_add_overflow(secs, m1, &micros) ||
                  __builtin_mul_overflow((int64_t)mi, TY_MICROS_PER_MINUTE, &m2) ||
                  __builtin_add_overflow(micros, m2, &micros);
        if (of) {
            if (st->fail_on_error)
                return fn_err_arith_overflow(err, "integer overflow", NULL);
            return FN_IV_ROW_NULL;
        }
        ty_calendar_interval iv = {.months = months, .days = days, .microseconds = micros};
        VEC_VALUES(o, ty_calendar_interval)[r] = iv;
        return EM_OK;
    }
    case FN_IV_MAKE_DT: {
        int32_t d = VEC_VALUES(args[0], int32_t)[r], h = VEC_VALUES(args[1], int32_t)[r],
                mi = VEC_VALUES(args[2], int32_t)[r];
        int64_t micros = (int64_t)VEC_VALUES(args[3], ty_i128)[r], t;
        if (__builtin_mul_overflow((int64_t)d, TY_MICROS_PER_DAY, &t) ||
            __builtin_add_overflow(micros, t, &micros) ||
            __builtin_mul_overflow((int64_t)h, TY_MICROS_PER_HOUR, &t) ||
            __builtin_add_overflow(micros, t, &micros) ||
            __builtin_mul_overflow((int64_t)mi, TY_MICROS_PER_MINUTE, &t) ||
            __builtin_add_overflow(micros, t, &micros))
            return fn_iv_err_overflow(err, NULL);
        VEC_VALUES(o, int64_t)[r] = micros;
        return EM_OK;
    }
    default: {
        int32_t y = VEC_VALUES(args[0], int32_t)[r], mo = VEC_VALUES(args[1], int32_t)[r], t, m;
        if (__builtin_mul_overflow(y, 12, &t) || __builtin_add_overflow(mo, t, &m))
            return fn_iv_err_overflow(err, NULL);
        VEC_VALUES(o, int32_t)[r] = m;
        return EM_OK;
    }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Arithmetic kernels                                                                           */

/* Guava DoubleMath.roundToLong(x, HALF_UP) (x finite); false when out of range. */
static bool fn_iv_round_half_up(double x, int64_t *out, int64_t lo, int64_t hi)
{
    if (x != x || isinf(x))
        return false;
    double r = x >= 0 ? floor(x + 0.5) : -floor(-x + 0.5);
    if (r < (double)lo || r > (double)hi || r >= 9.2233720368547758e18 ||
        r < -9.2233720368547758e18)
        return false;
    *out = (int64_t)r;
    return true;
}

/* Java's (long) / (int) conversion of a double: truncation with saturation. */
static int64_t fn_iv_d2l(double d)
{
    if (d != d)
        return 0;
    if (d >= 9.2233720368547758e18)
        return INT64_MAX;
    if (d <= -9.2233720368547758e18)
        return INT64_MIN;
    return (int64_t)d;
}

static int32_t fn_iv_d2i(double d)
{
    if (d != d)
        return 0;
    if (d >= 2147483647.0)
        return INT32_MAX;
    if (d <= -2147483648.0)
        return INT32_MIN;
    return (int32_t)d;
}

/* IntervalUtils.fromDoubles (exact: months/days must fit) and safeFromDoubles. */
static bool fn_iv_from_doubles(double months, double days, double micros, bool exact,
                               ty_calendar_interval *out)
{
    int32_t tm, td;
    if (exact) {
        int64_t lm = fn_iv_d2l(months), ld = fn_iv_d2l(days);
        if (lm < INT32_MIN || lm > INT32_MAX || ld < INT32_MIN || ld > INT32_MAX)
            return false;
        tm = (int32_t)lm, td = (int32_t)ld;
    } else {
        tm = fn_iv_d2i(months), td = fn_iv_d2i(days);
    }
    double us = micros + (double)TY_MICROS_PER_DAY * (days - td);
    /* Scala's Double.round: Math.round (floor(x + 0.5), saturating) */
    double r = floor(us + 0.5);
    out->months = tm;
    out->days = td;
    out->microseconds = fn_iv_d2l(r);
    return true;
}

static double fn_iv_num_double(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
        return VEC_VALUES(v, int32_t)[r];
    case TY_LONG:
        return (double)VEC_VALUES(v, int64_t)[r];
    case TY_FLOAT:
        return VEC_VALUES(v, float)[r];
    case TY_DECIMAL: {
        ty_i128 u = VEC_VALUES(v, ty_i128)[r];
        double d = (double)u;
        for (int s = 0; s < v->type->scale; s++)
            d /= 10;
        return d;
    }
    default:
        return VEC_VALUES(v, double)[r];
    }
}

static bool fn_iv_num_zero(const vec *v, int64_t r)
{
    if (v->type->kind == TY_DECIMAL)
        return VEC_VALUES(v, ty_i128)[r] == 0;
    return fn_iv_num_double(v, r) == 0;
}

/* value * num or value / num for an ANSI interval with Spark's per-type rules. */
static int fn_iv_muldiv_ansi(const fn_iv_state *st, int64_t value, const vec *num, int64_t r,
                             bool is_ym, int64_t *out, em_error *err)
{
    bool div = st->op == FN_IV_DIV_YM || st->op == FN_IV_DIV_DT;
    int64_t lo = is_ym ? INT32_MIN : INT64_MIN, hi = is_ym ? INT32_MAX : INT64_MAX;
    ty_kind k = num->type->kind;
    if (div) {
        if (ty_is_integral(num->type)) {
            int64_t d = (int64_t)fn_iv_num_double(num, r);
            if (k == TY_LONG)
                d = VEC_VALUES(num, int64_t)[r];
            if (value == lo && d == -1)
                return fn_iv_err_overflow(err, "try_divide");
            if (d == 0)
                return em_error_set(err, "INTERVAL_DIVIDED_BY_ZERO", NULL);
            /* Guava divide(p, q, HALF_UP) */
            int64_t q = value / d, m = value % d;
            if (m != 0) {
                uint64_t am = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
                uint64_t ad = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
                if (am >= ad - am) /* |rem| >= |d|/2: away from zero */
                    q += ((value < 0) != (d < 0)) ? -1 : 1;
            }
            *out = q;
            return EM_OK;
        }
        if (fn_iv_num_zero(num, r))
            return em_error_set(err, "INTERVAL_DIVIDED_BY_ZERO", NULL);
        if (k == TY_DECIMAL) {
            ty_i128 u = VEC_VALUES(num, ty_i128)[r], res;
            int sc = num->type->scale;
            if (!ty_dec_div((ty_i128)value, 0, u, sc, 38, 0, &res) || res < lo || res > hi)
                return fn_err_arith_overflow(err, "Overflow", NULL);
            *out = (int64_t)res;
            return EM_OK;
        }
        if (!fn_iv_round_half_up((double)value / fn_iv_num_double(num, r), out, lo, hi))
            return fn_err_arith_overflow(err, "Overflow", NULL);
        return EM_OK;
    }
    if (ty_is_integral(num->type)) {
        int64_t m = k == TY_LONG ? VEC_VALUES(num, int64_t)[r] : (int64_t)fn_iv_num_double(num, r);
        int64_t res;
        if (__builtin_mul_overflow(value, m, &res) || res < lo || res > hi)
            return fn_err_arith_overflow(err, is_ym ? "integer overflow" : "long overflow", NULL);
        *out = res;
        return EM_OK;
    }
    if (k == TY_DECIMAL) {
        ty_i128 u = VEC_VALUES(num, ty_i128)[r], res;
        if (!ty_dec_mul((ty_i128)value, 0, u, num->type->scale, 38, 0, &res) || res < lo ||
            res > hi)
            return fn_err_arith_overflow(err, "Overflow", NULL);
        *out = (int64_t)res;
        return EM_OK;
    }
    if (!fn_iv_round_half_up((double)value * fn_iv_num_double(num, r), out, lo, hi))
        return fn_err_arith_overflow(err, "Overflow", NULL);
    return EM_OK;
}

static bool fn_iv_negate(ty_calendar_interval *iv)
{
    if (iv->months == INT32_MIN || iv->days == INT32_MIN || iv->microseconds == INT64_MIN)
        return false;
    iv->months = -iv->months;
    iv->days = -iv->days;
    iv->microseconds = -iv->microseconds;
    return true;
}

/* One row of an arithmetic op; FN_IV_ROW_NULL for NULL. */
static int fn_iv_arith_row(const fn_iv_state *st, vec *const *args, int64_t r, vec *o,
                           const ty_tz *tz, em_error *err)
{
    const vec *a0 = args[0];
    switch (st->op) {
    case FN_IV_ADD_CAL:
    case FN_IV_SUB_CAL: {
        ty_calendar_interval x = VEC_VALUES(a0, ty_calendar_interval)[r];
        ty_calendar_interval y = VEC_VALUES(args[1], ty_calendar_interval)[r];
        ty_calendar_interval z;
        bool of;
        if (st->op == FN_IV_ADD_CAL)
            of = (int)__builtin_add_overflow(x.months, y.months, &z.months) |
                 (int)__builtin_add_overflow(x.days, y.days, &z.days) |
                 (int)__builtin_add_overflow(x.microseconds, y.microseconds, &z.microseconds);
        else
            of = (int)__builtin_sub_overflow(x.months, y.months, &z.months) |
                 (int)__builtin_sub_overflow(x.days, y.days, &z.days) |
                 (int)__builtin_sub_overflow(x.microseconds, y.microseconds, &z.microseconds);
        if (of && st->ansi)
            return fn_err_arith_overflow(err, "integer overflow", NULL);
        VEC_VALUES(o, ty_calendar_interval)[r] = z;
        return EM_OK;
    }
    case FN_IV_ADD_DT:
    case FN_IV_SUB_DT: {
        int64_t x = VEC_VALUES(a0, int64_t)[r], y = VEC_VALUES(args[1], int64_t)[r], z;
        bool of = st->op == FN_IV_ADD_DT ? __builtin_add_overflow(x, y, &z)
                                         : __builtin_sub_overflow(x, y, &z);
        if (of)
            return fn_iv_err_overflow(err, st->op == FN_IV_ADD_DT ? "try_add" : "try_subtract");
        VEC_VALUES(o, int64_t)[r] = z;
        return EM_OK;
    }
    case FN_IV_ADD_YM:
    case FN_IV_SUB_YM: {
        int32_t x = VEC_VALUES(a0, int32_t)[r], y = VEC_VALUES(args[1], int32_t)[r], z;
        bool of = st->op == FN_IV_ADD_YM ? __builtin_add_overflow(x, y, &z)
                                         : __builtin_sub_overflow(x, y, &z);
        if (of)
            return fn_iv_err_overflow(err, st->op == FN_IV_ADD_YM ? "try_add" : "try_subtract");
        VEC_VALUES(o, int32_t)[r] = z;
        return EM_OK;
    }
    case FN_IV_NEG:
    case FN_IV_ABS:
    case FN_IV_POS: {
        ty_kind k = a0->type->kind;
        if (k == TY_CALENDAR_INTERVAL) {
            ty_calendar_interval x = VEC_VALUES(a0, ty_calendar_interval)[r];
            if (st->op == FN_IV_NEG && !fn_iv_negate(&x)) {
                if (st->ansi)
                    return fn_err_arith_overflow(err, "integer overflow", NULL);
                x.months = (int32_t)(0u - (uint32_t)x.months);
                x.days = (int32_t)(0u - (uint32_t)x.days);
                x.microseconds = (int64_t)(0ull - (uint64_t)x.microseconds);
            }
            VEC_VALUES(o, ty_calendar_interval)[r] = x;
        } else if (k == TY_YEARMONTH_INTERVAL) {
            int32_t x = VEC_VALUES(a0, int32_t)[r];
            bool neg = st->op == FN_IV_NEG || (st->op == FN_IV_ABS && x < 0);
            if (neg && x == INT32_MIN)
                return fn_iv_err_overflow(err, NULL);
            VEC_VALUES(o, int32_t)[r] = neg ? -x : x;
        } else {
            int64_t x = VEC_VALUES(a0, int64_t)[r];
            bool neg = st->op == FN_IV_NEG || (st->op == FN_IV_ABS && x < 0);
            if (neg && x == INT64_MIN)
                return fn_iv_err_overflow(err, NULL);
            VEC_VALUES(o, int64_t)[r] = neg ? -x : x;
        }
        return EM_OK;
    }
    case FN_IV_MUL_YM:
    case FN_IV_DIV_YM:
    case FN_IV_MUL_DT:
    case FN_IV_DIV_DT: {
        bool is_ym = st->op == FN_IV_MUL_YM || st->op == FN_IV_DIV_YM;
        int64_t v = is_ym ? VEC_VALUES(a0, int32_t)[r] : VEC_VALUES(a0, int64_t)[r], res = 0;
        int rc = fn_iv_muldiv_ansi(st, v, args[1], r, is_ym, &res, err);
        if (rc)
            return rc;
        if (is_ym)
            VEC_VALUES(o, int32_t)[r] = (int32_t)res;
        else
            VEC_VALUES(o, int64_t)[r] = res;
        return EM_OK;
    }
    case FN_IV_MUL_CAL:
    case FN_IV_DIV_CAL: {
        ty_calendar_interval x = VEC_VALUES(a0, ty_calendar_interval)[r], z;
        double num = VEC_VALUES(args[1], double)[r];
        if (st->op == FN_IV_DIV_CAL) {
            if (num == 0) {
                if (st->ansi)
                    return em_error_set(err, "INTERVAL_DIVIDED_BY_ZERO", NULL);
                return FN_IV_ROW_NULL;
            }
            if (!fn_iv_from_doubles(x.months / num, x.days / num, (double)x.microseconds / num,
                                    st->ansi, &z))
                return fn_err_arith_overflow(err, "integer overflow", NULL);
        } else if (!fn_iv_from_doubles(num * x.months, num * x.days, num * (double)x.microseconds,
                                       st->ansi, &z)) {
            return fn_err_arith_overflow(err, "integer overflow", NULL);
        }
        VEC_VALUES(o, ty_calendar_interval)[r] = z;
        return EM_OK;
    }
    case FN_IV_TS_ADD: {
        int64_t t = VEC_VALUES(a0, int64_t)[r], res;
        const ty_tz *zone = a0->type->kind == TY_TIMESTAMP ? tz : NULL;
        int64_t months = 0, days = 0, us;
        if (args[1]->type->kind == TY_CALENDAR_INTERVAL) {
            ty_calendar_interval iv = VEC_VALUES(args[1], ty_calendar_interval)[r];
            if (st->sign < 0 && !fn_iv_negate(&iv))
                return fn_iv_err_overflow(err, NULL);
            months = iv.months, days = iv.days, us = iv.microseconds;
        } else {
            int64_t dt = VEC_VALUES(args[1], int64_t)[r];
            if (st->sign < 0) {
                if (dt == INT64_MIN)
                    return fn_iv_err_overflow(err, NULL);
                dt = -dt;
            }
            /* timestampAddDayTime: whole days on the local date, the rest on the instant */
            days = dt / TY_MICROS_PER_DAY;
            us = dt - days * TY_MICROS_PER_DAY;
        }
        if (!ty_ts_add_interval(t, months, days, us, zone, &res))
            return fn_err_arith_overflow(err, "long overflow", NULL);
        VEC_VALUES(o, int64_t)[r] = res;
        return EM_OK;
    }
    case FN_IV_TS_ADD_YM: {
        int64_t t = VEC_VALUES(a0, int64_t)[r], res;
        int32_t m = VEC_VALUES(args[1], int32_t)[r];
        if (st->sign < 0) {
            if (m == INT32_MIN)
                return fn_iv_err_overflow(err, NULL);
            m = -m;
        }
        const ty_tz *zone = a0->type->kind == TY_TIMESTAMP ? tz : NULL;
        if (!ty_ts_add_interval(t, m, 0, 0, zone, &res))
            return fn_err_arith_overflow(err, "long overflow", NULL);
        VEC_VALUES(o, int64_t)[r] = res;
        return EM_OK;
    }
    case FN_IV_DATE_ADD_YM: {
        int32_t d = VEC_VALUES(a0, int32_t)[r], m = VEC_VALUES(args[1], int32_t)[r];
        if (st->sign < 0) {
            if (m == INT32_MIN)
                return fn_iv_err_overflow(err, NULL);
            m = -m;
        }
        int64_t res;
        if (!ty_days_add_months(d, m, &res) || res < INT32_MIN || res > INT32_MAX)
            return fn_err_arith_overflow(err, "integer overflow", NULL);
        VEC_VALUES(o, int32_t)[r] = (int32_t)res;
        return EM_OK;
    }
    case FN_IV_DATE_ADD_CAL: {
        int32_t d = VEC_VALUES(a0, int32_t)[r];
        ty_calendar_interval iv = VEC_VALUES(args[1], ty_calendar_interval)[r];
        if (st->sign < 0 && !fn_iv_negate(&iv))
            return fn_iv_err_overflow(err, NULL);
        int64_t res;
        if (st->ansi || iv.microseconds == 0) {
            if (iv.microseconds != 0)
                return em_error_set(err, "INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION", NULL);
            if (!ty_days_add_months(d, iv.months, &res))
                return fn_err_arith_overflow(err, "integer overflow", NULL);
            res += iv.days;
        } else {
            int64_t start = ty_days_to_micros(d, tz), ts;
            if (!ty_ts_add_interval(start, iv.months, iv.days, iv.microseconds, tz, &ts))
                return fn_err_arith_overflow(err, "long overflow", NULL);
            res = ty_micros_to_days(ts, tz);
        }
        if (res < INT32_MIN || res > INT32_MAX)
            return fn_err_arith_overflow(err, "integer overflow", NULL);
        VEC_VALUES(o, int32_t)[r] = (int32_t)res;
        return EM_OK;
    }
    case FN_IV_SUB_TS: {
        const ty_tz *zone = a0->type->kind == TY_TIMESTAMP ? tz : NULL;
        int64_t e = ty_utc_to_local_micros(VEC_VALUES(a0, int64_t)[r], zone);
        int64_t s = ty_utc_to_local_micros(VEC_VALUES(args[1], int64_t)[r], zone), z;
        if (__builtin_sub_overflow(e, s, &z))
            return fn_err_arith_overflow(err, "long overflow", NULL);
        VEC_VALUES(o, int64_t)[r] = z;
        return EM_OK;
    }
    case FN_IV_SUB_DATES: {
        int64_t z = ((int64_t)VEC_VALUES(a0, int32_t)[r] - VEC_VALUES(args[1], int32_t)[r]) *
                    TY_MICROS_PER_DAY;
        VEC_VALUES(o, int64_t)[r] = z;
        return EM_OK;
    }
    case FN_IV_IDIV: {
        bool ym = a0->type->kind == TY_YEARMONTH_INTERVAL;
        int64_t x = ym ? VEC_VALUES(a0, int32_t)[r] : VEC_VALUES(a0, int64_t)[r];
        int64_t y = ym ? VEC_VALUES(args[1], int32_t)[r] : VEC_VALUES(args[1], int64_t)[r];
        if (y == 0) {
            if (st->ansi)
                return fn_err_divide_by_zero(err);
            return FN_IV_ROW_NULL;
        }
        if (x == INT64_MIN && y == -1)
            return fn_err_arith_overflow(err, "Overflow in integral divide", "try_divide");
        VEC_VALUES(o, int64_t)[r] = x / y;
        return EM_OK;
    }
    case FN_IV_EXTRACT_DAYS:
        VEC_VALUES(o, int32_t)[r] = (int32_t)(VEC_VALUES(a0, int64_t)[r] / TY_MICROS_PER_DAY);
        return EM_OK;
    default:
        return fn_iv_make_row(st, args, r, o, err);
    }
}

int fn_iv_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
               em_error *err)
{
    const fn_iv_state *st = call->fn_state;
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, call->n_args, n);
    const ty_tz *tz = fn_dt_tz(ctx);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int rc = fn_iv_arith_row(st, args, r, o, tz, err);
        if (rc == FN_IV_ROW_NULL) {
            vec_set_null(o, r);
        } else if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    return EM_OK;
}

#define FN_IV(nm, mn, mx)                                                                          \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = fn_iv_bind_make,    \
        .eval = fn_iv_eval, .deterministic = true                                                  \
    }

const fn_def fn_interval_defs[] = {
    FN_IV("make_interval", 0, 7),
    FN_IV("try_make_interval", 1, 7),
    FN_IV("make_dt_interval", 0, 4),
    FN_IV("make_ym_interval", 0, 2),
};
const int fn_interval_n_defs = (int)(sizeof fn_interval_defs / sizeof fn_interval_defs[0]);
