/*
 * fn_date_arith: calendar arithmetic on dates and timestamps: date_add dateadd date_sub
 * datediff date_diff add_months months_between last_day next_day trunc date_trunc make_date
 * timestampadd timestampdiff.
 *
 * Binding follows each Spark expression's input types: DateAdd / DateSub are
 * ExpectsInputTypes(DATE, INT|SMALLINT|TINYINT) with the datetime coercions Spark adds for them
 * (a timestamp or string start becomes a DATE; a string day count becomes an INT — under
 * legacy rules a string literal that is not an integer raises
 * SECOND_FUNCTION_ARGUMENT_NOT_INTEGER); the others are ImplicitCastInputTypes. Results and
 * errors follow DateTimeUtils: months_between rounds to 8 digits unless roundOff is false,
 * next_day raises ILLEGAL_DAY_OF_WEEK under ANSI (NULL otherwise), trunc / date_trunc return
 * NULL for unknown or too-fine units, make_date raises DATETIME_FIELD_OUT_OF_BOUNDS under ANSI
 * (NULL otherwise), timestampadd raises DATETIME_OVERFLOW and
 * INVALID_PARAMETER_VALUE.DATETIME_UNIT.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_dt_int.h"
#include "types/ty_num.h"

typedef enum fn_da_op {
    FN_DA_DATE_ADD,
    FN_DA_DATE_SUB,
    FN_DA_DATEDIFF,
    FN_DA_ADD_MONTHS,
    FN_DA_MONTHS_BETWEEN,
    FN_DA_LAST_DAY,
    FN_DA_NEXT_DAY,
    FN_DA_TRUNC,
    FN_DA_DATE_TRUNC,
    FN_DA_MAKE_DATE,
    FN_DA_TIMESTAMPADD,
    FN_DA_TIMESTAMPDIFF,
} fn_da_op;

typedef struct fn_da_state {
    fn_da_op op;
    bool ansi;
    int unit; /* timestampadd / timestampdiff: parsed unit, -1 when invalid */
    const char *unit_text;
} fn_da_state;

static fn_da_state *fn_da_state_new(em_arena *a, pl_expr *call, fn_da_op op,
                                    const pl_session_opts *opts)
{
    fn_da_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = op;
    st->ansi = opts && opts->ansi;
    call->fn_state = st;
    return st;
}

/* ------------------------------------------------------------------------------------------ */
/* Binding                                                                                      */

/* date_add / dateadd / date_diff / datediff with three arguments are TIMESTAMPADD /
   TIMESTAMPDIFF whose unit must be a keyword: Spark's parser rejects a quoted unit with
   INVALID_PARAMETER_VALUE.DATETIME_UNIT (the SQL front end hands such calls over as they are). */
static int fn_da_quoted_unit(const pl_expr *call, em_error *err)
{
    char fname[64], value[160];
    snprintf(fname, sizeof fname, "`%s`", call->name ? call->name : "dateadd");
    for (char *p = fname; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const pl_expr *u = call->args[0];
    int32_t len = 0;
    const char *s =
        u->kind == PX_LITERAL && u->lit && ty_is_string(u->lit->type) && !vec_is_null(u->lit, 0)
            ? vec_str(u->lit, 0, &len)
            : "";
    snprintf(value, sizeof value, "'%.*s'", (int)(len > 120 ? 120 : len), s);
    return em_error_set_jvm(err, "org.apache.spark.sql.catalyst.parser.ParseException",
                            "INVALID_PARAMETER_VALUE.DATETIME_UNIT", "functionName", fname,
                            "parameter", "`unit`", "invalidValue", value, NULL);
}

/* DateAdd / DateSub: the coercions of AnsiStringPromotionTypeCoercion, DateTimeOperations and
   (legacy) StringLiteralCoercion, then ExpectsInputTypes. */
static int fn_da_bind_date_add(const fn_def *def, em_arena *a, pl_expr *call,
                               const pl_session_opts *opts, em_error *err)
{
    if (call->n_args == 3 && strcasecmp(def->name, "date_sub") != 0 &&
        ty_is_string(call->args[0]->type))
        return fn_da_quoted_unit(call, err);
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    const ty *l = call->args[0]->type;
    if (l->kind == TY_TIMESTAMP || l->kind == TY_TIMESTAMP_NTZ || ty_is_string(l))
        fn_cast_arg(a, call, 0, ty_date());
    if (ty_is_string(call->args[1]->type)) {
        if (!ansi) {
            bool is_null;
            const char *s = fn_dt_lit_string(a, call->args[1], &is_null);
            int32_t v;
            if (s && !ty_parse_int(s, strlen(s), false, &v)) {
                const char *fname =
                    strcasecmp(def->name, "date_sub") == 0 ? "date_sub" : "date_add";
                return em_error_set(err, "SECOND_FUNCTION_ARGUMENT_NOT_INTEGER", "functionName",
                                    fname, NULL);
            }
            /* legacy: only a string literal is read as the day count (StringLiteralCoercion) */
            if (s || is_null)
                fn_cast_arg(a, call, 1, ty_int());
        } else {
            fn_cast_arg(a, call, 1, ty_int());
        }
    }
    if (fn_dt_coerce(a, call, 0, FN_DT_DATE, false, ansi, err) ||
        fn_dt_coerce(a, call, 1, FN_DT_DAYS, false, ansi, err))
        return err->code;
    fn_da_op op = strcasecmp(def->name, "date_sub") == 0 ? FN_DA_DATE_SUB : FN_DA_DATE_ADD;
    fn_da_state_new(a, call, op, opts);
    call->type = ty_date();
    call->nullable = fn_any_nullable(call);
    return EM_OK;
}

static int fn_da_implicit(em_arena *a, pl_expr *call, const fn_dt_want *wants, int n,
                          const pl_session_opts *opts, em_error *err)
{
    bool ansi = opts && opts->ansi;
    for (int i = 0; i < n && i < call->n_args; i++)
        if (fn_dt_coerce(a, call, i, wants[i], true, ansi, err))
            return err->code;
    return EM_OK;
}

static int fn_da_bind(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                      em_error *err)
{
    const char *n = def->name;
    fn_da_op op;
    fn_dt_want w[3];
    int nw;
    const ty *rt;
    bool always_nullable = false;
    bool ansi = opts && opts->ansi;
    if (strcasecmp(n, "datediff") == 0 || strcasecmp(n, "date_diff") == 0) {
        if (call->n_args == 3 && ty_is_string(call->args[0]->type))
            return fn_da_quoted_unit(call, err);
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        op = FN_DA_DATEDIFF, w[0] = w[1] = FN_DT_DATE, nw = 2, rt = ty_int();
    } else if (strcasecmp(n, "add_months") == 0) {
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        op = FN_DA_ADD_MONTHS, w[0] = FN_DT_DATE, w[1] = FN_DT_INT, nw = 2, rt = ty_date();
    } else if (strcasecmp(n, "months_between") == 0) {
        if (fn_check_arity(call, 2, 3, "[2, 3]", err))
            return err->code;
        if (call->n_args == 2) {
            pl_expr **args = em_arena_calloc(a, 3, sizeof *args);
            args[0] = call->args[0];
            args[1] = call->args[1];
            args[2] = pl_lit_bool(a, true);
            args[2]->resolved = true;
            call->args = args;
            call->n_args = 3;
        }
        op = FN_DA_MONTHS_BETWEEN, nw = 3, rt = ty_double();
        w[0] = w[1] = FN_DT_TIMESTAMP, w[2] = FN_DT_BOOLEAN;
    } else if (strcasecmp(n, "last_day") == 0) {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        op = FN_DA_LAST_DAY, w[0] = FN_DT_DATE, nw = 1, rt = ty_date();
    } else if (strcasecmp(n, "next_day") == 0) {
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        op = FN_DA_NEXT_DAY, w[0] = FN_DT_DATE, w[1] = FN_DT_STRING, nw = 2, rt = ty_date();
        always_nullable = true;
    } else if (strcasecmp(n, "trunc") == 0) {
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        op = FN_DA_TRUNC, w[0] = FN_DT_DATE, w[1] = FN_DT_STRING, nw = 2, rt = ty_date();
        always_nullable = true;
    } else if (strcasecmp(n, "date_trunc") == 0) {
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        op = FN_DA_DATE_TRUNC, w[0] = FN_DT_STRING, w[1] = FN_DT_TIMESTAMP, nw = 2,
        rt = ty_timestamp();
        always_nullable = true;
    } else if (strcasecmp(n, "make_date") == 0) {
        if (fn_check_arity(call, 3, 3, "3", err))
            return err->code;
        op = FN_DA_MAKE_DATE, w[0] = w[1] = w[2] = FN_DT_INT, nw = 3, rt = ty_date();
        always_nullable = !ansi;
    } else {
        return em_error_internal(err, "unknown date function %s", n);
    }
    if (fn_da_implicit(a, call, w, nw, opts, err))
        return err->code;
    fn_da_state_new(a, call, op, opts);
    call->type = rt;
    call->nullable = always_nullable || fn_any_nullable(call);
    return EM_OK;
}

/* timestampadd / timestampdiff units (DateTimeUtils.timestampAdd / timestampDiff). */
enum {
    FN_U_MICROSECOND,
    FN_U_MILLISECOND,
    FN_U_SECOND,
    FN_U_MINUTE,
    FN_U_HOUR,
    FN_U_DAY,
    FN_U_DAYOFYEAR,
    FN_U_WEEK,
    FN_U_MONTH,
    FN_U_QUARTER,
    FN_U_YEAR
};

static int fn_da_unit(const char *u)
{
    static const char *const names[] = {"MICROSECOND", "MILLISECOND", "SECOND",    "MINUTE",
                                        "HOUR",        "DAY",         "DAYOFYEAR", "WEEK",
                                        "MONTH",       "QUARTER",     "YEAR"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (strcasecmp(u, names[i]) == 0)
            return i;
    return -1;
}

/*
 * The unit of a SQL TIMESTAMPADD / TIMESTAMPDIFF was written as a quoted string: the SQL front
 * end hands a unit keyword over as a string literal spanning exactly the keyword, so a literal
 * whose source span is longer than its text carried quotes. Spark's grammar rejects those
 * (AstBuilder.visitTimestampadd: invalidUnit); literals without a span (the DataFrame API's
 * timestamp_add / timestamp_diff send lit(unit)) are units.
 */
static bool fn_da_unit_quoted(const pl_expr *u)
{
    if (u->kind != PX_LITERAL || !u->lit || !ty_is_string(u->lit->type) || vec_is_null(u->lit, 0) ||
        u->src_start < 0 || u->src_stop < u->src_start)
        return false;
    int32_t len = 0;
    vec_str(u->lit, 0, &len);
    return u->src_stop - u->src_start + 1 != len;
}

static int fn_da_bind_ts_unit(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    if (fn_da_unit_quoted(call->args[0]))
        return fn_da_quoted_unit(call, err);
    bool is_add = strcasecmp(def->name, "timestampadd") == 0;
    bool is_null = false;
    const char *unit = fn_dt_lit_string(a, call->args[0], &is_null);
    if (!unit) {
        em_str sql;
        em_str_init(&sql, 1024);
        fn_expr_sql(call->args[0], &sql);
        int rc = em_error_set(err, "INVALID_PARAMETER_VALUE.DATETIME_UNIT", "functionName",
                              is_add ? "`timestamp_add`" : "`timestamp_diff`", "parameter",
                              "`unit`", "invalidValue", sql.data ? sql.data : "", NULL);
        em_str_release(&sql);
        return rc;
    }
    fn_dt_want w[3] = {FN_DT_STRING, is_add ? FN_DT_LONG : FN_DT_TIMESTAMP,
                       is_add ? FN_DT_ANY_TIMESTAMP : FN_DT_TIMESTAMP};
    bool ansi = opts && opts->ansi;
    for (int i = 1; i < 3; i++)
        if (fn_dt_coerce(a, call, i, w[i], true, ansi, err))
            return err->code;
    fn_da_state *st =
        fn_da_state_new(a, call, is_add ? FN_DA_TIMESTAMPADD : FN_DA_TIMESTAMPDIFF, opts);
    st->unit = fn_da_unit(unit);
    if (!is_add && st->unit == FN_U_DAYOFYEAR)
        st->unit = -1;
    st->unit_text = unit;
    call->type = is_add ? call->args[2]->type : ty_long();
    call->nullable = call->args[1]->nullable || call->args[2]->nullable;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Row functions                                                                                */

/* DateTimeUtils.getDayOfWeekFromString: ISO day of week, or 0. */
static int fn_da_dow_from_string(const char *s, int32_t len)
{
    static const char *const names[7][3] = {{"MO", "MON", "MONDAY"},    {"TU", "TUE", "TUESDAY"},
                                            {"WE", "WED", "WEDNESDAY"}, {"TH", "THU", "THURSDAY"},
                                            {"FR", "FRI", "FRIDAY"},    {"SA", "SAT", "SATURDAY"},
                                            {"SU", "SUN", "SUNDAY"}};
    for (int d = 0; d < 7; d++)
        for (int k = 0; k < 3; k++)
            if ((int32_t)strlen(names[d][k]) == len &&
                strncasecmp(s, names[d][k], (size_t)len) == 0)
                return d + 1;
    return 0;
}

enum {
    FN_TRUNC_INVALID = -1,
    FN_TRUNC_MICROSECOND = 0,
    FN_TRUNC_MILLISECOND,
    FN_TRUNC_SECOND,
    FN_TRUNC_MINUTE,
    FN_TRUNC_HOUR,
    FN_TRUNC_DAY,
    FN_TRUNC_WEEK,
    FN_TRUNC_MONTH,
    FN_TRUNC_QUARTER,
    FN_TRUNC_YEAR
};

/* DateTimeUtils.parseTruncLevel */
static int fn_da_trunc_level(const char *s, int32_t len)
{
    static const struct {
        const char *n;
        int level;
    } levels[] = {{"MICROSECOND", FN_TRUNC_MICROSECOND},
                  {"MILLISECOND", FN_TRUNC_MILLISECOND},
                  {"SECOND", FN_TRUNC_SECOND},
                  {"MINUTE", FN_TRUNC_MINUTE},
                  {"HOUR", FN_TRUNC_HOUR},
                  {"DAY", FN_TRUNC_DAY},
                  {"DD", FN_TRUNC_DAY},
                  {"WEEK", FN_TRUNC_WEEK},
                  {"MON", FN_TRUNC_MONTH},
                  {"MONTH", FN_TRUNC_MONTH},
                  {"MM", FN_TRUNC_MONTH},
                  {"QUARTER", FN_TRUNC_QUARTER},
                  {"YEAR", FN_TRUNC_YEAR},
                  {"YYYY", FN_TRUNC_YEAR},
                  {"YY", FN_TRUNC_YEAR}};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if ((int32_t)strlen(levels[i].n) == len && strncasecmp(s, levels[i].n, (size_t)len) == 0)
            return levels[i].level;
    return FN_TRUNC_INVALID;
}

static int32_t fn_da_trunc_date(int32_t days, int level)
{
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    switch (level) {
    case FN_TRUNC_WEEK:
        return days - (ty_iso_day_of_week(days) - 1);
    case FN_TRUNC_MONTH:
        return days - d + 1;
    case FN_TRUNC_QUARTER:
        return (int32_t)ty_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
    default:
        return (int32_t)ty_days_from_civil(y, 1, 1);
    }
}

/* DateTimeUtils.truncTimestamp */
static int64_t fn_da_trunc_ts(int64_t micros, int level, const ty_tz *tz)
{
    switch (level) {
    case FN_TRUNC_MICROSECOND:
        return micros;
    case FN_TRUNC_MILLISECOND:
        return micros - ty_floor_mod(micros, TY_MICROS_PER_MILLIS);
    case FN_TRUNC_SECOND:
        return micros - ty_floor_mod(micros, TY_MICROS_PER_SECOND);
    case FN_TRUNC_MINUTE:
    case FN_TRUNC_HOUR:
    case FN_TRUNC_DAY: {
        int64_t unit = level == FN_TRUNC_MINUTE ? TY_MICROS_PER_MINUTE
                       : level == FN_TRUNC_HOUR ? TY_MICROS_PER_HOUR
                                                : TY_MICROS_PER_DAY;
        int64_t local = ty_utc_to_local_micros(micros, tz);
        return ty_local_to_utc_micros(local - ty_floor_mod(local, unit), tz);
    }
    default: {
        int32_t days = ty_micros_to_days(micros, tz);
        return ty_days_to_micros(fn_da_trunc_date(days, level), tz);
    }
    }
}

/* DateTimeUtils.monthsBetween */
static double fn_da_months_between(int64_t t1, int64_t t2, bool round_off, const ty_tz *tz)
{
    int32_t d1 = ty_micros_to_days(t1, tz), d2 = ty_micros_to_days(t2, tz);
    int64_t y1, y2;
    int m1, m2, dom1, dom2;
    ty_civil_from_days(d1, &y1, &m1, &dom1);
    ty_civil_from_days(d2, &y2, &m2, &dom2);
    int end1 = ty_days_in_month(y1, m1) - dom1, end2 = ty_days_in_month(y2, m2) - dom2;
    double month_diff = (double)((y1 * 12 + m1) - (y2 * 12 + m2));
    if (dom1 == dom2 || (end1 == 0 && end2 == 0))
        return month_diff;
    int64_t s1 = (t1 - ty_days_to_micros(d1, tz)) / TY_MICROS_PER_SECOND;
    int64_t s2 = (t2 - ty_days_to_micros(d2, tz)) / TY_MICROS_PER_SECOND;
    int64_t secs_diff = (int64_t)(dom1 - dom2) * TY_SECONDS_PER_DAY + s1 - s2;
    double diff = month_diff + (double)secs_diff / (double)(31 * TY_SECONDS_PER_DAY);
    if (round_off) {
        /* Scala's math.round: floor(x + 0.5) on the scaled value */
        double scaled = diff * 1e8;
        return floor(scaled + 0.5) / 1e8;
    }
    return diff;
}

static int fn_da_timestampadd(const fn_da_state *st, int64_t q, int64_t micros, const ty_tz *tz,
                              int64_t *out, em_error *err)
{
    int64_t months = 0, days = 0, us = 0;
    bool ok = true;
    switch (st->unit) {
    case FN_U_MICROSECOND:
        us = q;
        break;
    case FN_U_MILLISECOND:
        ok = !__builtin_mul_overflow(q, TY_MICROS_PER_MILLIS, &us);
        break;
    case FN_U_SECOND:
        ok = !__builtin_mul_overflow(q, TY_MICROS_PER_SECOND, &us);
        break;
    case FN_U_MINUTE:
        ok = !__builtin_mul_overflow(q, TY_MICROS_PER_MINUTE, &us);
        break;
    case FN_U_HOUR:
        ok = !__builtin_mul_overflow(q, TY_MICROS_PER_HOUR, &us);
        break;
    case FN_U_DAY:
    case FN_U_DAYOFYEAR:
        ok = q >= INT32_MIN && q <= INT32_MAX;
        days = q;
        break;
    case FN_U_WEEK:
        ok = q >= INT32_MIN && q <= INT32_MAX && q * 7 >= INT32_MIN && q * 7 <= INT32_MAX;
        days = q * 7;
        break;
    case FN_U_MONTH:
        ok = q >= INT32_MIN && q <= INT32_MAX;
        months = q;
        break;
    case FN_U_QUARTER:
        ok = q >= INT32_MIN && q <= INT32_MAX && q * 3 >= INT32_MIN && q * 3 <= INT32_MAX;
        months = q * 3;
        break;
    case FN_U_YEAR:
        ok = q >= INT32_MIN && q <= INT32_MAX && q * 12 >= INT32_MIN && q * 12 <= INT32_MAX;
        months = q * 12;
        break;
    default: {
        char v[160];
        snprintf(v, sizeof v, "'%s'", st->unit_text);
        return em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                                "INVALID_PARAMETER_VALUE.DATETIME_UNIT", "functionName",
                                "`TIMESTAMPADD`", "parameter", "`unit`", "invalidValue", v, NULL);
    }
    }
    if (ok && ty_ts_add_interval(micros, months, days, us, tz, out))
        return EM_OK;
    em_str op;
    em_str_init(&op, 128);
    em_str_printf(&op, "add %lldL %s to TIMESTAMP '", (long long)q, st->unit_text);
    ty_timestamp_append(micros, ty_tz_utc(), &op);
    em_str_puts(&op, "'");
    int rc = em_error_set(err, "DATETIME_OVERFLOW", "operation", op.data ? op.data : "", NULL);
    em_str_release(&op);
    return rc;
}

static int fn_da_timestampdiff(const fn_da_state *st, int64_t start, int64_t end, const ty_tz *tz,
                               int64_t *out, em_error *err)
{
    int64_t s = ty_utc_to_local_micros(start, tz), e = ty_utc_to_local_micros(end, tz);
    int64_t diff = e - s;
    switch (st->unit) {
    case FN_U_MICROSECOND:
        *out = diff;
        return EM_OK;
    case FN_U_MILLISECOND:
        *out = diff / TY_MICROS_PER_MILLIS;
        return EM_OK;
    case FN_U_SECOND:
        *out = diff / TY_MICROS_PER_SECOND;
        return EM_OK;
    case FN_U_MINUTE:
        *out = diff / TY_MICROS_PER_MINUTE;
        return EM_OK;
    case FN_U_HOUR:
        *out = diff / TY_MICROS_PER_HOUR;
        return EM_OK;
    case FN_U_DAY:
        *out = diff / TY_MICROS_PER_DAY;
        return EM_OK;
    case FN_U_WEEK:
        *out = diff / (7 * TY_MICROS_PER_DAY);
        return EM_OK;
    case FN_U_MONTH:
        *out = ty_local_months_between(s, e);
        return EM_OK;
    case FN_U_QUARTER:
        *out = ty_local_months_between(s, e) / 3;
        return EM_OK;
    case FN_U_YEAR:
        *out = ty_local_months_between(s, e) / 12;
        return EM_OK;
    default: {
        char v[160];
        snprintf(v, sizeof v, "'%s'", st->unit_text);
        return em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                                "INVALID_PARAMETER_VALUE.DATETIME_UNIT", "functionName",
                                "`TIMESTAMPDIFF`", "parameter", "`unit`", "invalidValue", v, NULL);
    }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Kernel                                                                                       */

static int32_t fn_da_i32(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    default:
        return VEC_VALUES(v, int32_t)[r];
    }
}

static int fn_da_row(const fn_da_state *st, vec *const *args, int64_t r, vec *o, const ty_tz *tz,
                     em_error *err)
{
    switch (st->op) {
    case FN_DA_DATE_ADD:
        VEC_VALUES(o, int32_t)
        [r] =
            (int32_t)((uint32_t)VEC_VALUES(args[0], int32_t)[r] + (uint32_t)fn_da_i32(args[1], r));
        return EM_OK;
    case FN_DA_DATE_SUB:
        VEC_VALUES(o, int32_t)
        [r] =
            (int32_t)((uint32_t)VEC_VALUES(args[0], int32_t)[r] - (uint32_t)fn_da_i32(args[1], r));
        return EM_OK;
    case FN_DA_DATEDIFF:
        VEC_VALUES(o, int32_t)
        [r] = (int32_t)((uint32_t)VEC_VALUES(args[0], int32_t)[r] -
                        (uint32_t)VEC_VALUES(args[1], int32_t)[r]);
        return EM_OK;
    case FN_DA_ADD_MONTHS: {
        int64_t d;
        if (!ty_days_add_months(VEC_VALUES(args[0], int32_t)[r], VEC_VALUES(args[1], int32_t)[r],
                                &d) ||
            d < INT32_MIN || d > INT32_MAX) {
            char msg[160];
            ty_field_range_msg("Year", -999999999, 999999999, VEC_VALUES(args[1], int32_t)[r] / 12,
                               msg, sizeof msg);
            return fn_dt_err_out_of_range(err, msg);
        }
        VEC_VALUES(o, int32_t)[r] = (int32_t)d;
        return EM_OK;
    }
    case FN_DA_MONTHS_BETWEEN:
        VEC_VALUES(o, double)
        [r] = fn_da_months_between(VEC_VALUES(args[0], int64_t)[r], VEC_VALUES(args[1], int64_t)[r],
                                   VEC_VALUES(args[2], uint8_t)[r] != 0, tz);
        return EM_OK;
    case FN_DA_LAST_DAY: {
        int32_t days = VEC_VALUES(args[0], int32_t)[r];
        int64_t y;
        int m, d;
        ty_civil_from_days(days, &y, &m, &d);
        VEC_VALUES(o, int32_t)[r] = days - d + ty_days_in_month(y, m);
        return EM_OK;
    }
    case FN_DA_NEXT_DAY: {
        int32_t len;
        const char *s = vec_str(args[1], r, &len);
        int dow = fn_da_dow_from_string(s, len);
        if (!dow) {
            if (st->ansi) {
                char buf[256];
                snprintf(buf, sizeof buf, "%.*s", (int)(len > 200 ? 200 : len), s);
                return em_error_set(err, "ILLEGAL_DAY_OF_WEEK", "string", buf, NULL);
            }
            vec_set_null(o, r);
            return EM_OK;
        }
        int32_t days = VEC_VALUES(args[0], int32_t)[r];
        int cur = ty_iso_day_of_week(days);
        int ahead = ((dow - cur) % 7 + 7) % 7;
        VEC_VALUES(o, int32_t)[r] = days + (ahead == 0 ? 7 : ahead);
        return EM_OK;
    }
    case FN_DA_TRUNC: {
        int32_t len;
        const char *s = vec_str(args[1], r, &len);
        int level = fn_da_trunc_level(s, len);
        if (level < FN_TRUNC_WEEK) {
            vec_set_null(o, r);
            return EM_OK;
        }
        VEC_VALUES(o, int32_t)[r] = fn_da_trunc_date(VEC_VALUES(args[0], int32_t)[r], level);
        return EM_OK;
    }
    case FN_DA_DATE_TRUNC: {
        int32_t len;
        const char *s = vec_str(args[0], r, &len);
        int level = fn_da_trunc_level(s, len);
        if (level < FN_TRUNC_MICROSECOND) {
            vec_set_null(o, r);
            return EM_OK;
        }
        VEC_VALUES(o, int64_t)[r] = fn_da_trunc_ts(VEC_VALUES(args[1], int64_t)[r], level, tz);
        return EM_OK;
    }
    case FN_DA_MAKE_DATE: {
        int32_t y = VEC_VALUES(args[0], int32_t)[r], m = VEC_VALUES(args[1], int32_t)[r],
                d = VEC_VALUES(args[2], int32_t)[r];
        char msg[160];
        if (!ty_date_check(y, m, d, msg, sizeof msg)) {
            if (st->ansi)
                return fn_dt_err_out_of_range(err, msg);
            vec_set_null(o, r);
            return EM_OK;
        }
        VEC_VALUES(o, int32_t)[r] = (int32_t)ty_days_from_civil(y, m, d);
        return EM_OK;
    }
    case FN_DA_TIMESTAMPADD: {
        const ty_tz *z = args[2]->type->kind == TY_TIMESTAMP ? tz : NULL;
        return fn_da_timestampadd(st, VEC_VALUES(args[1], int64_t)[r],
                                  VEC_VALUES(args[2], int64_t)[r], z, &VEC_VALUES(o, int64_t)[r],
                                  err);
    }
    case FN_DA_TIMESTAMPDIFF:
        return fn_da_timestampdiff(st, VEC_VALUES(args[1], int64_t)[r],
                                   VEC_VALUES(args[2], int64_t)[r], tz, &VEC_VALUES(o, int64_t)[r],
                                   err);
    }
    return EM_OK;
}

static int fn_da_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    const fn_da_state *st = call->fn_state;
    vec *o = fn_vec_fixed(call->type, n);
    int first = (st->op == FN_DA_TIMESTAMPADD || st->op == FN_DA_TIMESTAMPDIFF) ? 1 : 0;
    fn_propagate_nulls(o, args + first, call->n_args - first, n);
    const ty_tz *tz = fn_dt_tz(ctx);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int rc = fn_da_row(st, args, r, o, tz, err);
        if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    return EM_OK;
}

#define FN_DA(nm, mn, mx, bindfn, pretty)                                                          \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = bindfn,             \
        .eval = fn_da_eval, .deterministic = true, .pretty_name = pretty                           \
    }

const fn_def fn_date_arith_defs[] = {
    FN_DA("date_add", 2, 3, fn_da_bind_date_add, NULL),
    FN_DA("dateadd", 2, 3, fn_da_bind_date_add, "date_add"),
    FN_DA("date_sub", 2, 2, fn_da_bind_date_add, NULL),
    FN_DA("datediff", 2, 3, fn_da_bind, NULL),
    FN_DA("date_diff", 2, 3, fn_da_bind, NULL),
    FN_DA("add_months", 2, 2, fn_da_bind, NULL),
    FN_DA("months_between", 2, 3, fn_da_bind, NULL),
    FN_DA("last_day", 1, 1, fn_da_bind, NULL),
    FN_DA("next_day", 2, 2, fn_da_bind, NULL),
    FN_DA("trunc", 2, 2, fn_da_bind, NULL),
    FN_DA("date_trunc", 2, 2, fn_da_bind, NULL),
    FN_DA("make_date", 3, 3, fn_da_bind, NULL),
    FN_DA("timestampadd", 3, 3, fn_da_bind_ts_unit, NULL),
    FN_DA("timestampdiff", 3, 3, fn_da_bind_ts_unit, NULL),
    /* TIMEDIFF(unit, a, b) is grammar only (the SQL front end rewrites the keyword form to
       timestampdiff); a quoted unit reaches the registry and is rejected as Spark's parser does */
    FN_DA("timediff", 3, 3, fn_da_bind_ts_unit, NULL),
};
const int fn_date_arith_n_defs = (int)(sizeof fn_date_arith_defs / sizeof fn_date_arith_defs[0]);
