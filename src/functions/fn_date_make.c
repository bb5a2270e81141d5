/*
 * fn_date_make: timestamps built from fields and moved between zones, and the statement
 * clock: make_timestamp make_timestamp_ltz make_timestamp_ntz try_make_timestamp
 * try_make_timestamp_ltz try_make_timestamp_ntz from_utc_timestamp to_utc_timestamp
 * convert_timezone current_date curdate current_timestamp now localtimestamp current_timezone.
 *
 * make_timestamp* take (year, month, day, hour, min, sec[, timezone]) with sec a
 * DECIMAL(16,6) (ImplicitCastInputTypes); a seconds value of exactly 60 rolls over to the next
 * minute, 60 with a fraction raises INVALID_FRACTION_OF_SECOND. Invalid fields raise
 * DATETIME_FIELD_OUT_OF_BOUNDS under ANSI and give NULL otherwise (always NULL for the try_
 * variants). An unknown zone raises INVALID_TIMEZONE. The date/time overloads (date, time[,
 * zone]) need the TIME type, which Ember does not have yet.
 *
 * The clock functions are statement-stable: they read fn_dt_query_now once per query at bind
 * time (Spark folds them to literals once per query) and return that value for every row.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_dt_int.h"

typedef enum fn_dm_op {
    FN_DM_MAKE_TS,
    FN_DM_FROM_UTC,
    FN_DM_TO_UTC,
    FN_DM_CONVERT_TZ,
    FN_DM_CURRENT_DATE,
    FN_DM_CURRENT_TS,
    FN_DM_LOCAL_TS,
    FN_DM_CURRENT_TZ,
} fn_dm_op;

typedef struct fn_dm_state {
    fn_dm_op op;
    bool fail_on_error;
    bool ntz;         /* make_timestamp: TIMESTAMP_NTZ result */
    bool has_zone;    /* make_timestamp: a 7th timezone argument */
    bool from_date;   /* make_timestamp(date): local midnight in the session zone */
    bool all_null;    /* make_timestamp(date, NULL[, zone]) */
    int64_t now;      /* clock functions */
    const char *zone; /* current_timezone */
} fn_dm_state;

/* ------------------------------------------------------------------------------------------ */
/* make_timestamp family                                                                        */

static int fn_dm_bind_make(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    const char *n = def->name;
    bool is_try = strncasecmp(n, "try_", 4) == 0;
    const char *base = is_try ? n + 4 : n;
    bool ntz = strcasecmp(base, "make_timestamp_ntz") == 0;
    bool ansi = opts && opts->ansi;
    int max = ntz ? 6 : 7;
    if (call->n_args >= 1 && call->n_args <= 3) {
        /* MakeTimestampFromDateTime(date[, time[, zone]]): ExpectsInputTypes(DATE, TIME...) */
        bool one = strcasecmp(base, "make_timestamp") == 0 && call->n_args == 1;
        if (fn_dt_coerce(a, call, 0, FN_DT_DATE, false, ansi, err))
            return err->code;
        /* the second argument must be a TIME, a type Ember does not have yet: every value
           that can reach here has another type (ExpectsInputTypes: no implicit cast) */
        if (!one && call->args[1]->type->kind != TY_NULL)
            return fn_err_unexpected_input(call, 1, "\"TIME\"", err);
        if (!one) {
            /* a NULL time: every row is NULL (the zone argument must still be a string) */
            if (call->n_args == 3 && fn_dt_coerce(a, call, 2, FN_DT_STRING, false, ansi, err))
                return err->code;
            fn_dm_state *nst = em_arena_calloc(a, 1, sizeof *nst);
            nst->op = FN_DM_MAKE_TS;
            nst->all_null = true;
            call->fn_state = nst;
            call->type = ntz ? ty_timestamp_ntz() : ty_timestamp();
            call->nullable = true;
            return EM_OK;
        }
        fn_dm_state *st = em_arena_calloc(a, 1, sizeof *st);
        st->op = FN_DM_MAKE_TS;
        st->from_date = true;
        call->fn_state = st;
        call->type = ty_timestamp();
        call->nullable = call->args[0]->nullable;
        return EM_OK;
    }
    const char *expected = ntz ? (is_try ? "6" : "[2, 6]")
                               : (strcasecmp(base, "make_timestamp") == 0 ? "[1, 2, 3, 6, 7]"
                                  : is_try                                ? "6"
                                                                          : "[2, 6]");
    if (call->n_args < 6 || call->n_args > max)
        return fn_check_arity(call, 100, 100, expected, err);
    static const fn_dt_want wants[7] = {FN_DT_INT, FN_DT_INT,     FN_DT_INT,   FN_DT_INT,
                                        FN_DT_INT, FN_DT_DEC16_6, FN_DT_STRING};
    for (int i = 0; i < call->n_args; i++)
        if (fn_dt_coerce(a, call, i, wants[i], true, ansi, err))
            return err->code;
    fn_dm_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = FN_DM_MAKE_TS;
    st->fail_on_error = ansi && !is_try;
    st->ntz = ntz;
    st->has_zone = call->n_args == 7;
    call->fn_state = st;
    call->type = ntz ? ty_timestamp_ntz() : ty_timestamp();
    call->nullable = st->fail_on_error ? fn_any_nullable(call) : true;
    if (is_try && strcasecmp(base, "make_timestamp") == 0 && call->n_args == 7) {
        /* TryMakeTimestamp's parameters leave the time zone out of its name */
        em_str s;
        em_str_init(&s, 4096);
        em_str_puts(&s, "try_make_timestamp(");
        fn_dt_args_sql(call, 0, 6, &s);
        em_str_putc(&s, ')');
        call->sql = em_arena_strdup(a, s.data ? s.data : "");
        em_str_release(&s);
    }
    return EM_OK;
}

#define FN_DM_ROW_NULL (-1)

/* One make_timestamp row: 0 with *out, FN_DM_ROW_NULL for NULL, or an error code. */
static int fn_dm_make_row(const fn_dm_state *st, vec *const *args, int64_t r, const ty_tz *tz,
                          int64_t *out, em_error *err)
{
    int32_t f[5];
    for (int i = 0; i < 5; i++)
        f[i] = VEC_VALUES(args[i], int32_t)[r];
    ty_i128 sec_us = VEC_VALUES(args[5], ty_i128)[r];
    const ty_tz *zone = st->ntz ? NULL : tz;
    if (st->has_zone) {
        int32_t len;
        const char *z = vec_str(args[6], r, &len);
        char buf[128];
        if (len <= 0 || len >= (int32_t)sizeof buf)
            return fn_dt_err_timezone(err, z, (size_t)(len > 0 ? len : 0));
        memcpy(buf, z, (size_t)len);
        buf[len] = '\0';
        zone = ty_tz_get(buf);
        if (!zone)
            return fn_dt_err_timezone(err, z, (size_t)len);
    }
    char msg[192];
    int64_t total = (int64_t)sec_us; /* at most 16 digits: fits */
    int64_t seconds = ty_floor_div(total, TY_MICROS_PER_SECOND);
    int64_t micros = ty_floor_mod(total, TY_MICROS_PER_SECOND);
    bool roll = false;
    if (seconds == 60) {
        if (micros != 0) {
            if (!st->fail_on_error)
                return FN_DM_ROW_NULL;
            char v[64];
            int64_t whole = total / TY_MICROS_PER_SECOND, frac = total % TY_MICROS_PER_SECOND;
            char fb[8];
            snprintf(fb, sizeof fb, "%06lld", (long long)frac);
            int fl = 6;
            while (fl > 1 && fb[fl - 1] == '0')
                fl--;
            snprintf(v, sizeof v, "%lld.%.*s", (long long)whole, fl, fb);
            return em_error_set(err, "INVALID_FRACTION_OF_SECOND", "secAndMicros", v, NULL);
        }
        seconds = 0;
        roll = true;
    }
    bool ok = ty_date_check(f[0], f[1], f[2], msg, sizeof msg);
    if (ok && (f[3] < 0 || f[3] > 23)) {
        ty_field_range_msg("HourOfDay", 0, 23, f[3], msg, sizeof msg);
        ok = false;
    }
    if (ok && (f[4] < 0 || f[4] > 59)) {
        ty_field_range_msg("MinuteOfHour", 0, 59, f[4], msg, sizeof msg);
        ok = false;
    }
    if (ok && (seconds < 0 || seconds > 59)) {
        ty_field_range_msg("SecondOfMinute", 0, 59, seconds, msg, sizeof msg);
        ok = false;
    }
    if (!ok) {
        if (st->fail_on_error)
            return fn_dt_err_out_of_range(err, msg);
        return FN_DM_ROW_NULL;
    }
    int64_t local = ty_days_from_civil(f[0], f[1], f[2]) * TY_MICROS_PER_DAY +
                    f[3] * TY_MICROS_PER_HOUR + f[4] * TY_MICROS_PER_MINUTE +
                    seconds * TY_MICROS_PER_SECOND + micros;
    if (roll)
        local += TY_MICROS_PER_MINUTE;
    *out = zone ? ty_local_to_utc_micros(local, zone) : local;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Zones                                                                                        */

static int fn_dm_bind_utc(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    if (fn_dt_coerce(a, call, 0, FN_DT_TIMESTAMP, true, ansi, err) ||
        fn_dt_coerce(a, call, 1, FN_DT_STRING, true, ansi, err))
        return err->code;
    fn_dm_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = strcasecmp(def->name, "from_utc_timestamp") == 0 ? FN_DM_FROM_UTC : FN_DM_TO_UTC;
    call->fn_state = st;
    call->type = ty_timestamp();
    call->nullable = fn_any_nullable(call);
    return EM_OK;
}

static const fn_def fn_dm_current_tz_def;

static int fn_dm_bind_convert(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    if (call->n_args == 2) {
        /* convert_timezone(target, ts): the source zone is current_timezone() */
        pl_expr *cur = pl_expr_new(a, PX_CALL, 0);
        cur->name = "current_timezone";
        cur->fn = &fn_dm_current_tz_def;
        if (fn_dm_current_tz_def.bind(&fn_dm_current_tz_def, a, cur, opts, err))
            return err->code;
        cur->resolved = true;
        pl_expr **args = em_arena_calloc(a, 3, sizeof *args);
        args[0] = cur;
        args[1] = call->args[0];
        args[2] = call->args[1];
        call->args = args;
        call->n_args = 3;
    }
    bool ansi = opts && opts->ansi;
    if (fn_dt_coerce(a, call, 0, FN_DT_STRING, true, ansi, err) ||
        fn_dt_coerce(a, call, 1, FN_DT_STRING, true, ansi, err) ||
        fn_dt_coerce(a, call, 2, FN_DT_TIMESTAMP_NTZ, true, ansi, err))
        return err->code;
    fn_dm_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = FN_DM_CONVERT_TZ;
    call->fn_state = st;
    call->type = ty_timestamp_ntz();
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static const ty_tz *fn_dm_zone_arg(const vec *v, int64_t r, em_error *err)
{
    int32_t len;
    const char *z = vec_str(v, r, &len);
    char buf[128];
    if (len <= 0 || len >= (int32_t)sizeof buf) {
        fn_dt_err_timezone(err, z, (size_t)(len > 0 ? len : 0));
        return NULL;
    }
    memcpy(buf, z, (size_t)len);
    buf[len] = '\0';
    const ty_tz *zone = ty_tz_get(buf);
    if (!zone)
        fn_dt_err_timezone(err, z, (size_t)len);
    return zone;
}

/* ------------------------------------------------------------------------------------------ */
/* Clock                                                                                        */

static int fn_dm_bind_clock(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 0, 0, "0", err))
        return err->code;
    fn_dm_state *st = em_arena_calloc(a, 1, sizeof *st);
    const char *n = def->name;
    if (strcasecmp(n, "current_date") == 0 || strcasecmp(n, "curdate") == 0) {
        st->op = FN_DM_CURRENT_DATE;
        call->type = ty_date();
    } else if (strcasecmp(n, "localtimestamp") == 0) {
        st->op = FN_DM_LOCAL_TS;
        call->type = ty_timestamp_ntz();
    } else if (strcasecmp(n, "current_timezone") == 0) {
        st->op = FN_DM_CURRENT_TZ;
        call->type = ty_string();
        st->zone = em_arena_strdup(a, opts && opts->time_zone ? opts->time_zone : "UTC");
    } else {
        st->op = FN_DM_CURRENT_TS;
        call->type = ty_timestamp();
    }
    st->now = fn_dt_query_now(a, opts);
    call->fn_state = st;
    call->nullable = false;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Kernel                                                                                       */

static int fn_dm_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    const fn_dm_state *st = call->fn_state;
    const ty_tz *tz = fn_dt_tz(ctx);
    if (st->op == FN_DM_CURRENT_TZ) {
        vec *o = vec_new(call->type, n);
        for (int64_t r = 0; r < n; r++)
            if (vec_append_str(o, st->zone, (int64_t)strlen(st->zone), err)) {
                vec_release(o);
                return err ? err->code : EM_EINTERNAL;
            }
        *out = o;
        return EM_OK;
    }
    if (st->all_null) {
        *out = vec_new_nulls(call->type, n);
        return EM_OK;
    }
    vec *o = fn_vec_fixed(call->type, n);
    if (st->op == FN_DM_CURRENT_DATE || st->op == FN_DM_CURRENT_TS || st->op == FN_DM_LOCAL_TS) {
        for (int64_t r = 0; r < n; r++) {
            if (st->op == FN_DM_CURRENT_DATE)
                VEC_VALUES(o, int32_t)[r] = ty_micros_to_days(st->now, tz);
            else if (st->op == FN_DM_LOCAL_TS)
                VEC_VALUES(o, int64_t)[r] = ty_utc_to_local_micros(st->now, tz);
            else
                VEC_VALUES(o, int64_t)[r] = st->now;
        }
        *out = o;
        return EM_OK;
    }
    fn_propagate_nulls(o, args, call->n_args, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        switch (st->op) {
        case FN_DM_MAKE_TS: {
            if (st->from_date) {
                VEC_VALUES(o, int64_t)[r] = ty_days_to_micros(VEC_VALUES(args[0], int32_t)[r], tz);
                break;
            }
            int rc = fn_dm_make_row(st, args, r, tz, &VEC_VALUES(o, int64_t)[r], err);
            if (rc == FN_DM_ROW_NULL) {
                vec_set_null(o, r);
            } else if (rc) {
                vec_release(o);
                return rc;
            }
            break;
        }
        case FN_DM_FROM_UTC:
        case FN_DM_TO_UTC: {
            const ty_tz *zone = fn_dm_zone_arg(args[1], r, err);
            if (!zone) {
                vec_release(o);
                return err ? err->code : EM_EUSER;
            }
            int64_t t = VEC_VALUES(args[0], int64_t)[r];
            VEC_VALUES(o, int64_t)
            [r] = st->op == FN_DM_FROM_UTC ? ty_utc_to_local_micros(t, zone)
                                           : ty_local_to_utc_micros(t, zone);
            break;
        }
        case FN_DM_CONVERT_TZ: {
            const ty_tz *src = fn_dm_zone_arg(args[0], r, err);
            const ty_tz *dst = src ? fn_dm_zone_arg(args[1], r, err) : NULL;
            if (!src || !dst) {
                vec_release(o);
                return err ? err->code : EM_EUSER;
            }
            int64_t inst = ty_local_to_utc_micros(VEC_VALUES(args[2], int64_t)[r], src);
            VEC_VALUES(o, int64_t)[r] = ty_utc_to_local_micros(inst, dst);
            break;
        }
        default:
            break;
        }
    }
    *out = o;
    return EM_OK;
}

#define FN_DM(nm, mn, mx, bindfn, det)                                                             \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = bindfn,             \
        .eval = fn_dm_eval, .deterministic = det                                                   \
    }

static const fn_def fn_dm_current_tz_def = FN_DM("current_timezone", 0, 0, fn_dm_bind_clock, true);

const fn_def fn_date_make_defs[] = {
    FN_DM("make_timestamp", 1, 7, fn_dm_bind_make, true),
    FN_DM("make_timestamp_ltz", 2, 7, fn_dm_bind_make, true),
    FN_DM("make_timestamp_ntz", 2, 6, fn_dm_bind_make, true),
    FN_DM("try_make_timestamp", 1, 7, fn_dm_bind_make, true),
    FN_DM("try_make_timestamp_ltz", 2, 7, fn_dm_bind_make, true),
    FN_DM("try_make_timestamp_ntz", 2, 6, fn_dm_bind_make, true),
    FN_DM("from_utc_timestamp", 2, 2, fn_dm_bind_utc, true),
    FN_DM("to_utc_timestamp", 2, 2, fn_dm_bind_utc, true),
    FN_DM("convert_timezone", 2, 3, fn_dm_bind_convert, true),
    FN_DM("current_date", 0, 0, fn_dm_bind_clock, true),
    FN_DM("curdate", 0, 0, fn_dm_bind_clock, true),
    FN_DM("current_timestamp", 0, 0, fn_dm_bind_clock, true),
    FN_DM("now", 0, 0, fn_dm_bind_clock, true),
    FN_DM("localtimestamp", 0, 0, fn_dm_bind_clock, true),
    FN_DM("current_timezone", 0, 0, fn_dm_bind_clock, true),
};
const int fn_date_make_n_defs = (int)(sizeof fn_date_make_defs / sizeof fn_date_make_defs[0]);
