/*
 * fn_date_window: event-time windows: window(time, duration[, slide[, start]]) and
 * window_time(window).
 *
 * Spark's TimeWindowing rule replaces window(...) by the struct<start, end> of the window each
 * row falls in and names that column "window" (nullable = false, fields nullable). Tumbling
 * windows (slide = duration) are computed here per row: start = t - floorMod(t - startTime,
 * duration), end = start + duration, in the time column's type (TIMESTAMP or TIMESTAMP_NTZ).
 * Sliding windows produce several rows per input row (an Expand), which Ember does not plan
 * yet: they raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED. Durations are interval strings without
 * months ("5 seconds", "1 day"); a duration that is not positive raises
 * DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE as in TimeWindow.checkInputDataTypes.
 *
 * window_time(w) is w.end - 1 microsecond (ResolveWindowTime), named window_time(w).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_dt_int.h"

typedef struct fn_tw_state {
    bool is_window_time;
    int64_t duration, slide, start;
} fn_tw_state;

/* A window / slide / start argument: a string literal holding an interval without months. */
static int fn_tw_duration(em_arena *a, pl_expr *call, int i, int64_t *out, em_error *err)
{
    bool is_null = false;
    const char *s = fn_dt_lit_string(a, call->args[i], &is_null);
    int32_t months = 0, days = 0;
    int64_t us = 0;
    if (!s || !ty_parse_interval_string(s, strlen(s), &months, &days, &us)) {
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "window durations that are not interval strings", NULL);
    }
    if (months != 0)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "window durations of months or years", NULL);
    int64_t t;
    if (__builtin_mul_overflow((int64_t)days, TY_MICROS_PER_DAY, &t) ||
        __builtin_add_overflow(t, us, out))
        return fn_err_arith_overflow(err, "long overflow", NULL);
    return EM_OK;
}

static int fn_tw_range_error(const pl_expr *call, const char *name, int64_t v, em_error *err)
{
    em_str sql;
    em_str_init(&sql, 4096);
    em_str_puts(&sql, "\"");
    fn_expr_sql(call, &sql);
    em_str_puts(&sql, "\"");
    char en[64], cur[32];
    snprintf(en, sizeof en, "`%s`", name);
    snprintf(cur, sizeof cur, "%lldL", (long long)v);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr",
                          sql.data ? sql.data : "", "exprName", en, "valueRange",
                          "(0, 9223372036854775807]", "currentValue", cur, NULL);
    em_str_release(&sql);
    return rc;
}

static int fn_tw_bind(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                      em_error *err)
{
    bool ansi = opts && opts->ansi;
    fn_tw_state *st = em_arena_calloc(a, 1, sizeof *st);
    call->fn_state = st;
    if (strcasecmp(def->name, "window_time") == 0) {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        const ty *t = call->args[0]->type;
        int end = -1;
        for (int f = 0; t->kind == TY_STRUCT && f < t->n_fields; f++)
            if (strcmp(t->fields[f].name, "end") == 0 &&
                (t->fields[f].type->kind == TY_TIMESTAMP ||
                 t->fields[f].type->kind == TY_TIMESTAMP_NTZ))
                end = f;
        if (end < 0 || t->n_fields != 2)
            return fn_err_unexpected_input(call, 0, "\"STRUCT<start: TIMESTAMP, end: TIMESTAMP>\"",
                                           err);
        st->is_window_time = true;
        st->start = end;
        call->type = t->fields[end].type;
        call->nullable = call->args[0]->nullable || t->fields[end].nullable;
        return EM_OK;
    }
    if (fn_check_arity(call, 2, 4, "[2, 3, 4]", err))
        return err->code;
    if (fn_dt_coerce(a, call, 0, FN_DT_ANY_TIMESTAMP, true, ansi, err))
        return err->code;
    if (fn_tw_duration(a, call, 1, &st->duration, err))
        return err->code;
    st->slide = st->duration;
    if (call->n_args >= 3 && fn_tw_duration(a, call, 2, &st->slide, err))
        return err->code;
    if (call->n_args >= 4 && fn_tw_duration(a, call, 3, &st->start, err))
        return err->code;
    if (st->duration <= 0)
        return fn_tw_range_error(call, "window_duration", st->duration, err);
    if (st->slide <= 0)
        return fn_tw_range_error(call, "slide_duration", st->slide, err);
    if (st->slide != st->duration)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "sliding time windows", NULL);
    const ty *tt = call->args[0]->type;
    ty_field fields[2] = {{.name = "start", .type = tt, .nullable = true},
                          {.name = "end", .type = tt, .nullable = true}};
    call->type = ty_struct(a, 2, fields);
    call->nullable = false;
    call->sql = "window"; /* TimeWindowing aliases the struct as `window` */
    return EM_OK;
}

static int fn_tw_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    const fn_tw_state *st = call->fn_state;
    const vec *in = args[0];
    if (st->is_window_time) {
        const vec *endv = in->children[st->start];
        vec *o = fn_vec_fixed(call->type, n);
        for (int64_t r = 0; r < n; r++) {
            if (fn_is_null(in, r) || vec_is_null(endv, r)) {
                vec_set_null(o, r);
                continue;
            }
            VEC_VALUES(o, int64_t)[r] = VEC_VALUES(endv, int64_t)[r] - 1;
        }
        *out = o;
        return EM_OK;
    }
    vec *o = vec_new(call->type, n);
    vec *sv = o->children[0], *ev = o->children[1];
    vec_reserve(sv, n);
    vec_reserve(ev, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(in, r)) {
            vec_append_null(sv);
            vec_append_null(ev);
        } else {
            int64_t t = VEC_VALUES(in, int64_t)[r], s, e;
            int64_t rem = ty_floor_mod(t - st->start, st->duration);
            if (__builtin_sub_overflow(t, rem, &s) || __builtin_add_overflow(s, st->duration, &e)) {
                vec_release(o);
                return fn_err_arith_overflow(err, "long overflow", NULL);
            }
            VEC_VALUES(sv, int64_t)[sv->len] = s;
            vec_set_valid(sv, sv->len++);
            VEC_VALUES(ev, int64_t)[ev->len] = e;
            vec_set_valid(ev, ev->len++);
        }
    }
    o->len = n;
    *out = o;
    (void)ctx;
    return EM_OK;
}

const fn_def fn_date_window_defs[] = {
    {.name = "window",
     .kind = FN_SCALAR,
     .min_args = 2,
     .max_args = 4,
     .bind = fn_tw_bind,
     .eval = fn_tw_eval,
     .deterministic = true},
    {.name = "window_time",
     .kind = FN_SCALAR,
     .min_args = 1,
     .max_args = 1,
     .bind = fn_tw_bind,
     .eval = fn_tw_eval,
     .deterministic = true},
};
const int fn_date_window_n_defs = (int)(sizeof fn_date_window_defs / sizeof fn_date_window_defs[0]);
