/*
 * fn_date_field: date and time fields and epoch conversions: year quarter month day dayofmonth
 * dayofweek dayofyear weekday weekofyear monthname dayname hour minute second, extract /
 * date_part / datepart (also over intervals), unix_date date_from_unix_date timestamp_seconds
 * timestamp_millis timestamp_micros unix_seconds unix_millis unix_micros.
 *
 * Input types follow Spark: the date fields are GetDateField (ImplicitCastInputTypes DATE: a
 * string or timestamp argument is cast to DATE), the time fields GetTimeField (AnyTimestamp:
 * strings and dates become TIMESTAMP; TIMESTAMP_NTZ is read without a zone), the epoch
 * functions ExpectsInputTypes (no implicit casts). EXTRACT's field must be a foldable string
 * (NON_FOLDABLE_ARGUMENT otherwise); a NULL field yields a NULL double, an unknown field
 * INVALID_EXTRACT_FIELD. Every function here is null-intolerant (NULL in, NULL out).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_dt_int.h"

typedef enum fn_df_op {
    FN_DF_YEAR,
    FN_DF_YEAROFWEEK,
    FN_DF_QUARTER,
    FN_DF_MONTH,
    FN_DF_DAY,
    FN_DF_DOW,
    FN_DF_DOW_ISO,
    FN_DF_WEEKDAY,
    FN_DF_DOY,
    FN_DF_WEEK,
    FN_DF_MONTHNAME,
    FN_DF_DAYNAME,
    /* timestamp input */
    FN_DF_HOUR,
    FN_DF_MINUTE,
    FN_DF_SECOND,
    FN_DF_SECOND_FRAC,
    /* ANSI intervals */
    FN_DF_YM_YEARS,
    FN_DF_YM_MONTHS,
    FN_DF_DT_DAYS,
    FN_DF_DT_HOURS,
    FN_DF_DT_MINUTES,
    FN_DF_DT_SECONDS,
    /* calendar intervals */
    FN_DF_CI_YEARS,
    FN_DF_CI_MONTHS,
    FN_DF_CI_DAYS,
    FN_DF_CI_HOURS,
    FN_DF_CI_MINUTES,
    FN_DF_CI_SECONDS,
    /* epoch conversions */
    FN_DF_UNIX_DATE,
    FN_DF_FROM_UNIX_DATE,
    FN_DF_TS_SECONDS,
    FN_DF_TS_MILLIS,
    FN_DF_TS_MICROS,
    FN_DF_UNIX_SECONDS,
    FN_DF_UNIX_MILLIS,
    FN_DF_UNIX_MICROS,
    FN_DF_NULL_DOUBLE, /* extract(NULL, x) */
} fn_df_op;

typedef struct fn_df_state {
    fn_df_op op;
    int arg; /* the argument the field is read from (extract: 1) */
    bool ansi;
} fn_df_state;

static const struct {
    const char *name;
    fn_df_op op;
} fn_df_names[] = {
    {"year", FN_DF_YEAR},
    {"quarter", FN_DF_QUARTER},
    {"month", FN_DF_MONTH},
    {"day", FN_DF_DAY},
    {"dayofmonth", FN_DF_DAY},
    {"dayofweek", FN_DF_DOW},
    {"dayofyear", FN_DF_DOY},
    {"weekday", FN_DF_WEEKDAY},
    {"weekofyear", FN_DF_WEEK},
    {"monthname", FN_DF_MONTHNAME},
    {"dayname", FN_DF_DAYNAME},
    {"hour", FN_DF_HOUR},
    {"minute", FN_DF_MINUTE},
    {"second", FN_DF_SECOND},
    {"unix_date", FN_DF_UNIX_DATE},
    {"date_from_unix_date", FN_DF_FROM_UNIX_DATE},
    {"timestamp_seconds", FN_DF_TS_SECONDS},
    {"timestamp_millis", FN_DF_TS_MILLIS},
    {"timestamp_micros", FN_DF_TS_MICROS},
    {"unix_seconds", FN_DF_UNIX_SECONDS},
    {"unix_millis", FN_DF_UNIX_MILLIS},
    {"unix_micros", FN_DF_UNIX_MICROS},
};

static bool fn_df_is_date_op(fn_df_op op)
{
    return op <= FN_DF_DAYNAME;
}

static bool fn_df_is_time_op(fn_df_op op)
{
    return op >= FN_DF_HOUR && op <= FN_DF_SECOND_FRAC;
}

static const ty *fn_df_result(fn_df_op op, em_arena *a)
{
    switch (op) {
    case FN_DF_MONTHNAME:
    case FN_DF_DAYNAME:
        return ty_string();
    case FN_DF_SECOND_FRAC:
    case FN_DF_DT_SECONDS:
    case FN_DF_CI_SECONDS:
        return ty_decimal(a, 8, 6);
    case FN_DF_YM_MONTHS:
    case FN_DF_DT_HOURS:
    case FN_DF_DT_MINUTES:
    case FN_DF_CI_MONTHS:
    case FN_DF_CI_HOURS:
    case FN_DF_CI_MINUTES:
        return ty_byte();
    case FN_DF_FROM_UNIX_DATE:
        return ty_date();
    case FN_DF_TS_SECONDS:
    case FN_DF_TS_MILLIS:
    case FN_DF_TS_MICROS:
        return ty_timestamp();
    case FN_DF_UNIX_SECONDS:
    case FN_DF_UNIX_MILLIS:
    case FN_DF_UNIX_MICROS:
        return ty_long();
    case FN_DF_NULL_DOUBLE:
        return ty_double();
    default:
        return ty_int();
    }
}

/* Coerces the source argument for op and sets the result. */
static int fn_df_bind_op(em_arena *a, pl_expr *call, int arg, fn_df_op op,
                         const pl_session_opts *opts, em_error *err)
{
    bool ansi = opts && opts->ansi;
    int rc = EM_OK;
    if (fn_df_is_date_op(op))
        rc = fn_dt_coerce(a, call, arg, FN_DT_DATE, true, ansi, err);
    else if (fn_df_is_time_op(op))
        rc = fn_dt_coerce(a, call, arg, FN_DT_ANY_TIMESTAMP, true, ansi, err);
    else if (op == FN_DF_UNIX_DATE)
        rc = fn_dt_coerce(a, call, arg, FN_DT_DATE, false, ansi, err);
    else if (op == FN_DF_FROM_UNIX_DATE)
        rc = fn_dt_coerce(a, call, arg, FN_DT_INT, true, ansi, err);
    else if (op == FN_DF_TS_SECONDS)
        rc = fn_dt_coerce(a, call, arg, FN_DT_NUMERIC, false, ansi, err);
    else if (op == FN_DF_TS_MILLIS || op == FN_DF_TS_MICROS)
        rc = fn_dt_coerce(a, call, arg, FN_DT_INTEGRAL, false, ansi, err);
    else if (op >= FN_DF_UNIX_SECONDS && op <= FN_DF_UNIX_MICROS)
        rc = fn_dt_coerce(a, call, arg, FN_DT_TIMESTAMP, false, ansi, err);
    if (rc)
        return rc;
    fn_df_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = op;
    st->arg = arg;
    st->ansi = ansi;
    call->fn_state = st;
    call->type = fn_df_result(op, a);
    ty_kind src = call->args[arg]->type->kind;
    call->nullable = call->args[arg]->nullable || op == FN_DF_NULL_DOUBLE ||
                     (op == FN_DF_TS_SECONDS && (src == TY_FLOAT || src == TY_DOUBLE));
    return EM_OK;
}

static int fn_df_bind(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                      em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    for (size_t i = 0; i < sizeof fn_df_names / sizeof fn_df_names[0]; i++)
        if (strcasecmp(def->name, fn_df_names[i].name) == 0)
            return fn_df_bind_op(a, call, 0, fn_df_names[i].op, opts, err);
    return em_error_internal(err, "unknown date field function %s", def->name);
}

/* ------------------------------------------------------------------------------------------ */
/* extract / date_part                                                                          */

static bool fn_df_is(const char *f, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp(f, *names) == 0)
            return true;
    return false;
}

static const char *const fn_df_years[] = {"YEAR", "Y", "YEARS", "YR", "YRS", NULL};
static const char *const fn_df_months[] = {"MONTH", "MON", "MONS", "MONTHS", NULL};
static const char *const fn_df_days[] = {"DAY", "D", "DAYS", NULL};
static const char *const fn_df_hours[] = {"HOUR", "H", "HOURS", "HR", "HRS", NULL};
static const char *const fn_df_minutes[] = {"MINUTE", "M", "MIN", "MINS", "MINUTES", NULL};
static const char *const fn_df_seconds[] = {"SECOND", "S", "SEC", "SECONDS", "SECS", NULL};

/* DatePart.parseExtractField / ExtractIntervalPart.parseExtractField; -1 when unknown. */
static int fn_df_field_op(const char *f, const ty *src)
{
    if (src->kind == TY_YEARMONTH_INTERVAL) {
        if (fn_df_is(f, fn_df_years) && src->start_field <= TY_YM_YEAR)
            return FN_DF_YM_YEARS;
        if (fn_df_is(f, fn_df_months) && src->end_field >= TY_YM_MONTH)
            return FN_DF_YM_MONTHS;
        return -1;
    }
    if (src->kind == TY_DAYTIME_INTERVAL) {
        int s = src->start_field, e = src->end_field;
        if (fn_df_is(f, fn_df_days) && s <= TY_DT_DAY && e >= TY_DT_DAY)
            return FN_DF_DT_DAYS;
        if (fn_df_is(f, fn_df_hours) && s <= TY_DT_HOUR && e >= TY_DT_HOUR)
            return FN_DF_DT_HOURS;
        if (fn_df_is(f, fn_df_minutes) && s <= TY_DT_MINUTE && e >= TY_DT_MINUTE)
            return FN_DF_DT_MINUTES;
        if (fn_df_is(f, fn_df_seconds) && s <= TY_DT_SECOND && e >= TY_DT_SECOND)
            return FN_DF_DT_SECONDS;
        return -1;
    }
    if (src->kind == TY_CALENDAR_INTERVAL) {
        if (fn_df_is(f, fn_df_years))
            return FN_DF_CI_YEARS;
        if (fn_df_is(f, fn_df_months))
            return FN_DF_CI_MONTHS;
        if (fn_df_is(f, fn_df_days))
            return FN_DF_CI_DAYS;
        if (fn_df_is(f, fn_df_hours))
            return FN_DF_CI_HOURS;
        if (fn_df_is(f, fn_df_minutes))
            return FN_DF_CI_MINUTES;
        if (fn_df_is(f, fn_df_seconds))
            return FN_DF_CI_SECONDS;
        return -1;
    }
    if (fn_df_is(f, fn_df_years))
        return FN_DF_YEAR;
    if (strcasecmp(f, "YEAROFWEEK") == 0)
        return FN_DF_YEAROFWEEK;
    if (strcasecmp(f, "QUARTER") == 0 || strcasecmp(f, "QTR") == 0)
        return FN_DF_QUARTER;
    if (fn_df_is(f, fn_df_months))
        return FN_DF_MONTH;
    if (strcasecmp(f, "WEEK") == 0 || strcasecmp(f, "W") == 0 || strcasecmp(f, "WEEKS") == 0)
        return FN_DF_WEEK;
    if (fn_df_is(f, fn_df_days))
        return FN_DF_DAY;
    if (strcasecmp(f, "DAYOFWEEK") == 0 || strcasecmp(f, "DOW") == 0)
        return FN_DF_DOW;
    if (strcasecmp(f, "DAYOFWEEK_ISO") == 0 || strcasecmp(f, "DOW_ISO") == 0)
        return FN_DF_DOW_ISO;
    if (strcasecmp(f, "DOY") == 0)
        return FN_DF_DOY;
    if (fn_df_is(f, fn_df_hours))
        return FN_DF_HOUR;
    if (fn_df_is(f, fn_df_minutes))
        return FN_DF_MINUTE;
    if (fn_df_is(f, fn_df_seconds))
        return FN_DF_SECOND_FRAC;
    return -1;
}

static bool fn_df_foldable(const pl_expr *e)
{
    if (e->kind == PX_LITERAL)
        return true;
    if (e->kind == PX_CAST && e->n_args == 1)
        return fn_df_foldable(e->args[0]);
    return false;
}

static int fn_df_bind_extract(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    pl_expr *field = call->args[0];
    bool string_like = ty_is_string(field->type) || field->type->kind == TY_NULL;
    if (!string_like || !fn_df_foldable(field)) {
        char fname[64];
        snprintf(fname, sizeof fname, "`%s`", call->name ? call->name : def->name);
        for (char *p = fname; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        return em_error_set(err, "NON_FOLDABLE_ARGUMENT", "funcName", fname, "paramName", "`field`",
                            "paramType", "\"STRING\"", NULL);
    }
    bool is_null = false;
    const char *f = fn_dt_lit_string(a, field, &is_null);
    if (!f || is_null)
        return fn_df_bind_op(a, call, 1, FN_DF_NULL_DOUBLE, opts, err);
    int op = fn_df_field_op(f, call->args[1]->type);
    if (op < 0) {
        char fq[160];
        snprintf(fq, sizeof fq, "`%s`", f);
        em_str sql;
        em_str_init(&sql, 256);
        em_str_putc(&sql, '"');
        fn_expr_sql(call->args[1], &sql);
        em_str_putc(&sql, '"');
        int rc = em_error_set(err, "INVALID_EXTRACT_FIELD", "field", fq, "expr",
                              sql.data ? sql.data : "", NULL);
        em_str_release(&sql);
        return rc;
    }
    return fn_df_bind_op(a, call, 1, (fn_df_op)op, opts, err);
}

/* ------------------------------------------------------------------------------------------ */
/* Kernels                                                                                      */

static int32_t fn_df_date_field(fn_df_op op, int32_t days)
{
    int64_t y;
    int m, d;
    switch (op) {
    case FN_DF_YEAR:
        ty_civil_from_days(days, &y, &m, &d);
        return (int32_t)y;
    case FN_DF_YEAROFWEEK: {
        int64_t wy;
        int w;
        ty_iso_week(days, &wy, &w);
        return (int32_t)wy;
    }
    case FN_DF_QUARTER:
        ty_civil_from_days(days, &y, &m, &d);
        return (m - 1) / 3 + 1;
    case FN_DF_MONTH:
        ty_civil_from_days(days, &y, &m, &d);
        return m;
    case FN_DF_DAY:
        ty_civil_from_days(days, &y, &m, &d);
        return d;
    case FN_DF_DOW:
        return ty_iso_day_of_week(days) % 7 + 1; /* Sunday = 1 */
    case FN_DF_DOW_ISO:
        return ty_iso_day_of_week(days);
    case FN_DF_WEEKDAY:
        return ty_iso_day_of_week(days) - 1; /* Monday = 0 */
    case FN_DF_DOY:
        return ty_day_of_year(days);
    case FN_DF_WEEK: {
        int64_t wy;
        int w;
        ty_iso_week(days, &wy, &w);
        return w;
    }
    default:
        return 0;
    }
}

static int fn_df_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    const fn_df_state *st = call->fn_state;
    const vec *in = args[st->arg];
    fn_df_op op = st->op;
    if (op == FN_DF_NULL_DOUBLE) {
        *out = vec_new_nulls(call->type, n);
        return EM_OK;
    }
    if (op == FN_DF_MONTHNAME || op == FN_DF_DAYNAME) {
        vec *o = vec_new(call->type, n);
        for (int64_t r = 0; r < n; r++) {
            if (fn_is_null(in, r)) {
                vec_append_null(o);
                continue;
            }
            int32_t days = VEC_VALUES(in, int32_t)[r];
            int64_t y;
            int m, d;
            ty_civil_from_days(days, &y, &m, &d);
            const char *s = op == FN_DF_MONTHNAME ? ty_month_name(m, false)
                                                  : ty_day_name(ty_iso_day_of_week(days), false);
            if (vec_append_str(o, s, (int64_t)strlen(s), err)) {
                vec_release(o);
                return err ? err->code : EM_EINTERNAL;
            }
        }
        *out = o;
        return EM_OK;
    }
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, (vec *const *)&in, 1, n);
    const ty_tz *tz = in->type->kind == TY_TIMESTAMP ? fn_dt_tz(ctx) : NULL;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        if (fn_df_is_date_op(op)) {
            VEC_VALUES(o, int32_t)[r] = fn_df_date_field(op, VEC_VALUES(in, int32_t)[r]);
            continue;
        }
        if (fn_df_is_time_op(op)) {
            int64_t local = ty_utc_to_local_micros(VEC_VALUES(in, int64_t)[r], tz);
            int64_t tod = ty_floor_mod(local, TY_MICROS_PER_DAY);
            if (op == FN_DF_HOUR)
                VEC_VALUES(o, int32_t)[r] = (int32_t)(tod / TY_MICROS_PER_HOUR);
            else if (op == FN_DF_MINUTE)
                VEC_VALUES(o, int32_t)[r] = (int32_t)(tod / TY_MICROS_PER_MINUTE % 60);
            else if (op == FN_DF_SECOND)
                VEC_VALUES(o, int32_t)[r] = (int32_t)(tod / TY_MICROS_PER_SECOND % 60);
            else
                VEC_VALUES(o, ty_i128)[r] = tod % TY_MICROS_PER_MINUTE;
            continue;
        }
        switch (op) {
        case FN_DF_YM_YEARS:
            VEC_VALUES(o, int32_t)[r] = VEC_VALUES(in, int32_t)[r] / 12;
            break;
        case FN_DF_YM_MONTHS:
            VEC_VALUES(o, int8_t)[r] = (int8_t)(VEC_VALUES(in, int32_t)[r] % 12);
            break;
        case FN_DF_DT_DAYS:
            VEC_VALUES(o, int32_t)[r] = (int32_t)(VEC_VALUES(in, int64_t)[r] / TY_MICROS_PER_DAY);
            break;
        case FN_DF_DT_HOURS:
        case FN_DF_DT_MINUTES:
        case FN_DF_DT_SECONDS:
        case FN_DF_CI_HOURS:
        case FN_DF_CI_MINUTES:
        case FN_DF_CI_SECONDS: {
            int64_t us = op <= FN_DF_DT_SECONDS
                             ? VEC_VALUES(in, int64_t)[r]
                             : VEC_VALUES(in, ty_calendar_interval)[r].microseconds;
            if (op == FN_DF_DT_HOURS || op == FN_DF_CI_HOURS)
                VEC_VALUES(o, int8_t)[r] = (int8_t)((us % TY_MICROS_PER_DAY) / TY_MICROS_PER_HOUR);
            else if (op == FN_DF_DT_MINUTES || op == FN_DF_CI_MINUTES)
                VEC_VALUES(o, int8_t)
            [r] = (int8_t)((us % TY_MICROS_PER_HOUR) / TY_MICROS_PER_MINUTE);
            else VEC_VALUES(o, ty_i128)[r] = us % TY_MICROS_PER_MINUTE;
            break;
        }
        case FN_DF_CI_YEARS:
            VEC_VALUES(o, int32_t)[r] = VEC_VALUES(in, ty_calendar_interval)[r].months / 12;
            break;
        case FN_DF_CI_MONTHS:
            VEC_VALUES(o, int8_t)
            [r] = (int8_t)(VEC_VALUES(in, ty_calendar_interval)[r].months % 12);
            break;
        case FN_DF_CI_DAYS: {
            const ty_calendar_interval *iv = &VEC_VALUES(in, ty_calendar_interval)[r];
            int64_t d = (int64_t)iv->days + iv->microseconds / TY_MICROS_PER_DAY;
            if (d < INT32_MIN || d > INT32_MAX) {
                vec_release(o);
                return fn_err_arith_overflow(err, "integer overflow", NULL);
            }
            VEC_VALUES(o, int32_t)[r] = (int32_t)d;
            break;
        }
        case FN_DF_UNIX_DATE:
        case FN_DF_FROM_UNIX_DATE:
            VEC_VALUES(o, int32_t)[r] = VEC_VALUES(in, int32_t)[r];
            break;
        case FN_DF_TS_SECONDS:
        case FN_DF_TS_MILLIS:
        case FN_DF_TS_MICROS: {
            int64_t scale = op == FN_DF_TS_SECONDS  ? TY_MICROS_PER_SECOND
                            : op == FN_DF_TS_MILLIS ? TY_MICROS_PER_MILLIS
                                                    : 1;
            ty_kind k = in->type->kind;
            int64_t res;
            if (k == TY_FLOAT || k == TY_DOUBLE) {
                double d =
                    k == TY_FLOAT ? (double)VEC_VALUES(in, float)[r] : VEC_VALUES(in, double)[r];
                if (d != d || d - d != 0) {
                    vec_set_null(o, r);
                    break;
                }
                double x = d * (double)TY_MICROS_PER_SECOND;
                /* Java's (long) conversion saturates */
                res = x >= 9.2233720368547758e18    ? INT64_MAX
                      : x <= -9.2233720368547758e18 ? INT64_MIN
                                                    : (int64_t)x;
            } else if (k == TY_DECIMAL) {
                ty_i128 v = VEC_VALUES(in, ty_i128)[r];
                int sc = in->type->scale;
                ty_i128 m = v * TY_MICROS_PER_SECOND;
                for (int s = 0; s < sc; s++)
                    m /= 10;
                bool exact = true;
                ty_i128 back = m;
                for (int s = 0; s < sc; s++)
                    back *= 10;
                exact = back == v * TY_MICROS_PER_SECOND;
                if (!exact || m > INT64_MAX || m < INT64_MIN) {
                    vec_release(o);
                    return fn_err_arith_overflow(err, exact ? "Overflow" : "Rounding necessary",
                                                 NULL);
                }
                res = (int64_t)m;
            } else {
                int64_t v = k == TY_BYTE    ? VEC_VALUES(in, int8_t)[r]
                            : k == TY_SHORT ? VEC_VALUES(in, int16_t)[r]
                            : k == TY_INT   ? VEC_VALUES(in, int32_t)[r]
                                            : VEC_VALUES(in, int64_t)[r];
                if (__builtin_mul_overflow(v, scale, &res)) {
                    vec_release(o);
                    return fn_err_arith_overflow(err, "long overflow", NULL);
                }
            }
            VEC_VALUES(o, int64_t)[r] = res;
            break;
        }
        case FN_DF_UNIX_SECONDS:
        case FN_DF_UNIX_MILLIS:
        case FN_DF_UNIX_MICROS: {
            int64_t scale = op == FN_DF_UNIX_SECONDS  ? TY_MICROS_PER_SECOND
                            : op == FN_DF_UNIX_MILLIS ? TY_MICROS_PER_MILLIS
                                                      : 1;
            VEC_VALUES(o, int64_t)[r] = ty_floor_div(VEC_VALUES(in, int64_t)[r], scale);
            break;
        }
        default:
            break;
        }
    }
    *out = o;
    return EM_OK;
}

#define FN_DF(nm)                                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 1, .max_args = 1, .bind = fn_df_bind,           \
        .eval = fn_df_eval, .deterministic = true                                                  \
    }
#define FN_DF_EXTRACT(nm)                                                                          \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = 2, .bind = fn_df_bind_extract,   \
        .eval = fn_df_eval, .deterministic = true                                                  \
    }

const fn_def fn_date_field_defs[] = {
    FN_DF("year"),
    FN_DF("quarter"),
    FN_DF("month"),
    FN_DF("day"),
    FN_DF("dayofmonth"),
    FN_DF("dayofweek"),
    FN_DF("dayofyear"),
    FN_DF("weekday"),
    FN_DF("weekofyear"),
    FN_DF("monthname"),
    FN_DF("dayname"),
    FN_DF("hour"),
    FN_DF("minute"),
    FN_DF("second"),
    FN_DF("unix_date"),
    FN_DF("date_from_unix_date"),
    FN_DF("timestamp_seconds"),
    FN_DF("timestamp_millis"),
    FN_DF("timestamp_micros"),
    FN_DF("unix_seconds"),
    FN_DF("unix_millis"),
    FN_DF("unix_micros"),
    FN_DF_EXTRACT("extract"),
    FN_DF_EXTRACT("date_part"),
    FN_DF_EXTRACT("datepart"),
};
const int fn_date_field_n_defs = (int)(sizeof fn_date_field_defs / sizeof fn_date_field_defs[0]);
