/*
 * fn_dt_util: shared pieces of the date, time and interval families: Spark's implicit-cast
 * rules for the abstract input types these expressions declare, the statement-stable clock,
 * literals and the datetime error classes.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "functions/fn_dt_int.h"

/* ------------------------------------------------------------------------------------------ */
/* Input types                                                                                  */

static const char *fn_dt_required(fn_dt_want w)
{
    switch (w) {
    case FN_DT_DATE:
        return "\"DATE\"";
    case FN_DT_TIMESTAMP:
        return "\"TIMESTAMP\"";
    case FN_DT_TIMESTAMP_NTZ:
        return "\"TIMESTAMP_NTZ\"";
    case FN_DT_ANY_TIMESTAMP:
        return "\"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)\"";
    case FN_DT_INT:
        return "\"INT\"";
    case FN_DT_LONG:
        return "\"BIGINT\"";
    case FN_DT_DOUBLE:
        return "\"DOUBLE\"";
    case FN_DT_BOOLEAN:
        return "\"BOOLEAN\"";
    case FN_DT_STRING:
        return "\"STRING\"";
    case FN_DT_DAYS:
        return "(\"INT\" or \"SMALLINT\" or \"TINYINT\")";
    case FN_DT_INTEGRAL:
        return "\"INTEGRAL\"";
    case FN_DT_NUMERIC:
        return "\"NUMERIC\"";
    case FN_DT_DEC16_6:
        return "\"DECIMAL(16,6)\"";
    case FN_DT_DEC18_6:
        return "\"DECIMAL(18,6)\"";
    case FN_DT_YM_INTERVAL:
        return "\"INTERVAL YEAR TO MONTH\"";
    case FN_DT_DT_INTERVAL:
        return "\"INTERVAL DAY TO SECOND\"";
    case FN_DT_PARSE_INPUT:
        return "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\")";
    case FN_DT_PARSE_INPUT_NUM:
        return "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\" or \"NUMERIC\")";
    }
    return "\"?\"";
}

bool fn_dt_accepts(fn_dt_want w, const ty *t)
{
    ty_kind k = t->kind;
    switch (w) {
    case FN_DT_DATE:
        return k == TY_DATE;
    case FN_DT_TIMESTAMP:
        return k == TY_TIMESTAMP;
    case FN_DT_TIMESTAMP_NTZ:
        return k == TY_TIMESTAMP_NTZ;
    case FN_DT_ANY_TIMESTAMP:
        return k == TY_TIMESTAMP || k == TY_TIMESTAMP_NTZ;
    case FN_DT_INT:
        return k == TY_INT;
    case FN_DT_LONG:
        return k == TY_LONG;
    case FN_DT_DOUBLE:
        return k == TY_DOUBLE;
    case FN_DT_BOOLEAN:
        return k == TY_BOOLEAN;
    case FN_DT_STRING:
        return ty_is_string(t);
    case FN_DT_DAYS:
        return k == TY_INT || k == TY_SHORT || k == TY_BYTE;
    case FN_DT_INTEGRAL:
        return ty_is_integral(t);
    case FN_DT_NUMERIC:
        return ty_is_numeric(t);
    case FN_DT_DEC16_6:
        return k == TY_DECIMAL && t->precision == 16 && t->scale == 6;
    case FN_DT_DEC18_6:
        return k == TY_DECIMAL && t->precision == 18 && t->scale == 6;
    case FN_DT_YM_INTERVAL:
        return k == TY_YEARMONTH_INTERVAL;
    case FN_DT_DT_INTERVAL:
        return k == TY_DAYTIME_INTERVAL;
    case FN_DT_PARSE_INPUT:
        return ty_is_string(t) || k == TY_DATE || k == TY_TIMESTAMP || k == TY_TIMESTAMP_NTZ;
    case FN_DT_PARSE_INPUT_NUM:
        return ty_is_string(t) || k == TY_DATE || k == TY_TIMESTAMP || k == TY_TIMESTAMP_NTZ ||
               ty_is_numeric(t);
    }
    return false;
}

/* The concrete type of a non-collection abstract type (defaultConcreteType). */
static const ty *fn_dt_concrete(fn_dt_want w, em_arena *a)
{
    switch (w) {
    case FN_DT_DATE:
        return ty_date();
    case FN_DT_TIMESTAMP:
    case FN_DT_ANY_TIMESTAMP:
        return ty_timestamp();
    case FN_DT_TIMESTAMP_NTZ:
        return ty_timestamp_ntz();
    case FN_DT_INT:
    case FN_DT_INTEGRAL:
        return ty_int();
    case FN_DT_LONG:
        return ty_long();
    case FN_DT_DOUBLE:
    case FN_DT_NUMERIC:
        return ty_double();
    case FN_DT_BOOLEAN:
        return ty_boolean();
    case FN_DT_STRING:
        return ty_string();
    case FN_DT_DEC16_6:
        return ty_decimal(a, 16, 6);
    case FN_DT_DEC18_6:
        return ty_decimal(a, 18, 6);
    case FN_DT_YM_INTERVAL:
        return ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH);
    case FN_DT_DT_INTERVAL:
        return ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
    default:
        return NULL;
    }
}

static bool fn_dt_is_datetime(const ty *t)
{
    return t->kind == TY_DATE || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

static bool fn_dt_is_atomic(const ty *t)
{
    return !ty_is_nested(t) && t->kind != TY_NULL && t->kind != TY_VARIANT &&
           t->kind != TY_CALENDAR_INTERVAL;
}

/* The members of a type collection, in Spark's order; 0 for a single type. */
static int fn_dt_members(fn_dt_want w, fn_dt_want *out)
{
    switch (w) {
    case FN_DT_DAYS:
        out[0] = FN_DT_INT, out[1] = FN_DT_INT, out[2] = FN_DT_INT;
        return -1; /* INT, SMALLINT, TINYINT: only INT is ever chosen as a cast target */
    case FN_DT_PARSE_INPUT:
        out[0] = FN_DT_STRING, out[1] = FN_DT_DATE, out[2] = FN_DT_TIMESTAMP,
        out[3] = FN_DT_TIMESTAMP_NTZ;
        return 4;
    case FN_DT_PARSE_INPUT_NUM:
        out[0] = FN_DT_STRING, out[1] = FN_DT_DATE, out[2] = FN_DT_TIMESTAMP,
        out[3] = FN_DT_TIMESTAMP_NTZ, out[4] = FN_DT_NUMERIC;
        return 5;
    default:
        return 0;
    }
}

/* AnsiTypeCoercion.implicitCast for one (non-collection) expected type. */
static const ty *fn_dt_ansi_cast(const ty *in, fn_dt_want w, em_arena *a)
{
    if (fn_dt_accepts(w, in))
        return in;
    bool fractional = in->kind == TY_FLOAT || in->kind == TY_DOUBLE || in->kind == TY_DECIMAL;
    if (ty_is_string(in)) {
        if (w == FN_DT_STRING)
            return in;
        if (w == FN_DT_INTEGRAL)
            return NULL; /* IntegralType is not an atomic type: string is not store-assignable */
        return fn_dt_concrete(w, a);
    }
    if (w == FN_DT_INTEGRAL && fractional)
        return NULL;
    const ty *c = fn_dt_concrete(w, a);
    return c && ty_can_ansi_store_assign(in, c) ? c : NULL;
}

/* TypeCoercion.implicitCast (legacy) for one (non-collection) expected type. */
static const ty *fn_dt_legacy_cast(const ty *in, fn_dt_want w, em_arena *a)
{
    if (fn_dt_accepts(w, in))
        return in;
    if (in->kind == TY_NULL)
        return fn_dt_concrete(w, a);
    const ty *c = fn_dt_concrete(w, a);
    if (ty_is_string(in) && w == FN_DT_NUMERIC)
        return ty_double();
    if (ty_is_numeric(in) && c && ty_is_numeric(c) && w != FN_DT_NUMERIC && w != FN_DT_INTEGRAL)
        return c;
    if (fn_dt_is_datetime(in) && c && fn_dt_is_datetime(c))
        return c;
    if (ty_is_string(in) && c && (ty_is_numeric(c) || fn_dt_is_datetime(c)) && w != FN_DT_INTEGRAL)
        return c;
    if (fn_dt_is_atomic(in) && !ty_is_string(in) && w == FN_DT_STRING)
        return ty_string();
    return NULL;
}

int fn_dt_coerce(em_arena *a, pl_expr *call, int i, fn_dt_want w, bool implicit, bool ansi,
                 em_error *err)
{
    const ty *in = call->args[i]->type;
    const ty *to = NULL;
    if (fn_dt_accepts(w, in)) {
        to = in;
    } else if (!implicit) {
        if (in->kind == TY_NULL) {
            fn_dt_want members[5];
            int n = fn_dt_members(w, members);
            to = n > 0 ? fn_dt_concrete(members[0], a) : fn_dt_concrete(w, a);
            if (w == FN_DT_DAYS)
                to = ty_int();
        }
    } else {
        fn_dt_want members[5];
        int n = fn_dt_members(w, members);
        if (n == 0) {
            to = ansi ? fn_dt_ansi_cast(in, w, a) : fn_dt_legacy_cast(in, w, a);
        } else if (n < 0) {
            to = ansi ? fn_dt_ansi_cast(in, FN_DT_INT, a) : fn_dt_legacy_cast(in, FN_DT_INT, a);
            if (to && ansi && ty_is_string(in))
                to = ty_int();
        } else {
            for (int k = 0; k < n && !to; k++)
                to = ansi ? fn_dt_ansi_cast(in, members[k], a)
                          : fn_dt_legacy_cast(in, members[k], a);
        }
    }
    if (!to || !fn_dt_accepts(w, to))
        return fn_err_unexpected_input(call, i, fn_dt_required(w), err);
    fn_cast_arg(a, call, i, to);
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* The statement clock                                                                          */

typedef struct fn_dt_now_slot {
    const em_arena *arena;
    int64_t now;
} fn_dt_now_slot;

#define FN_DT_NOW_SLOTS 256

static pthread_mutex_t fn_dt_now_lock = PTHREAD_MUTEX_INITIALIZER;
static fn_dt_now_slot fn_dt_now_slots[FN_DT_NOW_SLOTS];

static int64_t fn_dt_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * TY_MICROS_PER_SECOND + ts.tv_nsec / 1000;
}

static void fn_dt_now_forget(void *arg)
{
    pthread_mutex_lock(&fn_dt_now_lock);
    for (int i = 0; i < FN_DT_NOW_SLOTS; i++)
        if (fn_dt_now_slots[i].arena == arg)
            fn_dt_now_slots[i].arena = NULL;
    pthread_mutex_unlock(&fn_dt_now_lock);
}

int64_t fn_dt_query_now(em_arena *a, const pl_session_opts *opts)
{
    if (opts && opts->now_micros)
        return opts->now_micros;
    if (!a)
        return fn_dt_clock();
    pthread_mutex_lock(&fn_dt_now_lock);
    int free_slot = -1;
    for (int i = 0; i < FN_DT_NOW_SLOTS; i++) {
        if (fn_dt_now_slots[i].arena == a) {
            int64_t now = fn_dt_now_slots[i].now;
            pthread_mutex_unlock(&fn_dt_now_lock);
            return now;
        }
        if (!fn_dt_now_slots[i].arena && free_slot < 0)
            free_slot = i;
    }
    int64_t now = fn_dt_clock();
    if (free_slot >= 0) {
        fn_dt_now_slots[free_slot].arena = a;
        fn_dt_now_slots[free_slot].now = now;
        pthread_mutex_unlock(&fn_dt_now_lock);
        em_arena_on_release(a, fn_dt_now_forget, a);
        return now;
    }
    pthread_mutex_unlock(&fn_dt_now_lock);
    return now;
}

/* ------------------------------------------------------------------------------------------ */
/* Literals and names                                                                           */

const char *fn_dt_lit_string(em_arena *a, const pl_expr *e, bool *is_null)
{
    if (is_null)
        *is_null = false;
    while (e && e->kind == PX_CAST && e->is_implicit && e->n_args == 1 && ty_is_string(e->type) &&
           e->args[0]->kind == PX_LITERAL && ty_is_string(e->args[0]->type))
        e = e->args[0];
    if (!e || e->kind != PX_LITERAL || !e->lit)
        return NULL;
    if (e->lit->type->kind == TY_NULL || vec_is_null(e->lit, 0)) {
        if (is_null)
            *is_null = true;
        return NULL;
    }
    if (!ty_is_string(e->lit->type))
        return NULL;
    int32_t len;
    const char *s = vec_str(e->lit, 0, &len);
    return em_arena_strndup(a, s, (size_t)len);
}

pl_expr *fn_dt_lit_int(em_arena *a, int32_t v)
{
    pl_expr *e = pl_lit_int(a, v);
    e->resolved = true;
    return e;
}

pl_expr *fn_dt_lit_decimal(em_arena *a, int64_t unscaled, int precision, int scale)
{
    const ty *t = ty_decimal(a, precision, scale);
    vec *v = vec_new(t, 1);
    VEC_VALUES(v, ty_i128)[0] = unscaled;
    v->len = 1;
    pl_expr *e = pl_lit_new(a, v);
    e->type = t;
    e->resolved = true;
    return e;
}

void fn_dt_args_sql(const pl_expr *call, int from, int to, em_str *out)
{
    for (int i = from; i < to && i < call->n_args; i++) {
        if (i > from)
            em_str_puts(out, ", ");
        fn_expr_sql(call->args[i], out);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                       */

int fn_dt_err_out_of_range(em_error *err, const char *range_message)
{
    return em_error_set(err, "DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION", "rangeMessage",
                        range_message, "ansiConfig", "\"spark.sql.ansi.enabled\"", NULL);
}

int fn_dt_err_parse(em_error *err, const char *message, const char *suggested)
{
    char func[96];
    snprintf(func, sizeof func, "`%s`", suggested);
    return em_error_set(err, "CANNOT_PARSE_TIMESTAMP", "message", message, "func", func, NULL);
}

int fn_dt_err_pattern(em_error *err, const ty_dtfmt_error *e)
{
    const char *n[3] = {NULL, NULL, NULL}, *v[3] = {NULL, NULL, NULL};
    for (int i = 0; i < e->n_params && i < 3; i++) {
        n[i] = e->param_name[i];
        v[i] = e->param_value[i];
    }
    return em_error_set_jvm(err, e->jvm_class, e->error_class, n[0], v[0], n[1], v[1], n[2], v[2],
                            NULL);
}

int fn_dt_err_timezone(em_error *err, const char *zone, size_t len)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)(len > 200 ? 200 : len), zone);
    return em_error_set(err, "INVALID_TIMEZONE", "timeZone", buf, NULL);
}
