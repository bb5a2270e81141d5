/*
 * fn_interval_arith: the datetime forms of + - * / and of unary minus / plus / abs. fn_arith.c
 * hands over the operand combinations Spark's BinaryArithmeticWithDatetimeResolver rewrites;
 * this file applies the same rules in the same order and turns the call into the expression
 * Spark would build, keeping Spark's names:
 *
 *   date + int / int + date        date_add(d, n)             date - int  date_sub(d, n)
 *   date + interval day            date_add(d, extractansiintervaldays(i))
 *   date - interval day            date_add(d, (- extractansiintervaldays(i)))
 *   date +/- day-time interval     TIMESTAMP, "d + i" / "d - i"
 *   date +/- year-month interval   DATE, "d + i"             ts +/- year-month  "ts + i"
 *   date +/- calendar interval     DATE, "d + i"
 *   ts +/- day-time / calendar     same type, "ts + i"; a string start is read as a timestamp
 *                                  and the result cast back to string
 *   ts - ts (either side a ts)     INTERVAL DAY TO SECOND, "(a - b)"
 *   date - date                    INTERVAL DAY, "(a - b)"
 *   interval +/- interval          the wider interval type, "(a + b)"
 *   interval * num, num * interval, interval / num   "(i * n)" (interval first)
 *
 * When no rule applies Spark keeps the arithmetic node and its type coercion promotes strings
 * (ANSI: to the other side's type; legacy: to DOUBLE) and the rules run again; the loop here
 * does the same. Errors are Spark's: DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE from the
 * rewritten expression's input types, BINARY_OP_DIFF_TYPES when no form fits.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_interval_int.h"

static int fn_ia_bind_internal(const fn_def *def, em_arena *a, pl_expr *call,
                               const pl_session_opts *opts, em_error *err)
{
    (void)a, (void)call, (void)opts;
    return em_error_internal(err, "%s is bound by the arithmetic operators", def->name);
}

/* The expressions the operators become (not in the registry: Spark has no function names for
   them either). Names are what error messages print for them. */
static const fn_def fn_ia_def = {.name = "interval_arithmetic",
                                 .kind = FN_SCALAR,
                                 .min_args = 1,
                                 .max_args = 2,
                                 .bind = fn_ia_bind_internal,
                                 .eval = fn_iv_eval,
                                 .deterministic = true};

static bool fn_ia_is_ansi_interval(const ty *t)
{
    return t->kind == TY_DAYTIME_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL;
}

static bool fn_ia_is_datetime(const ty *t)
{
    return t->kind == TY_DATE || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

static bool fn_ia_is_any_ts(const ty *t)
{
    return t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

static bool fn_ia_is_day_only(const ty *t)
{
    return t->kind == TY_DAYTIME_INTERVAL && t->start_field == TY_DT_DAY &&
           t->end_field == TY_DT_DAY;
}

/* ------------------------------------------------------------------------------------------ */
/* Names                                                                                        */

/* toPrettySQL of an operand: strings raw, numbers by value, other literals as Literal.sql,
   Spark-inserted casts hidden, columns by name, calls by their precomputed or generated SQL. */
static void fn_ia_pretty(const pl_expr *e, const pl_session_opts *opts, em_str *out)
{
    if (e->kind == PX_CAST && e->is_implicit && e->n_args == 1) {
        fn_ia_pretty(e->args[0], opts, out);
        return;
    }
    if (e->kind == PX_LITERAL && e->lit) {
        const vec *v = e->lit;
        if (v->type->kind == TY_NULL || vec_is_null(v, 0)) {
            em_str_puts(out, "NULL");
            return;
        }
        if (ty_is_string(v->type) || ty_is_numeric(v->type)) {
            fn_expr_sql(e, out);
            return;
        }
        ty_sql_value_append(v, 0, opts, out);
        return;
    }
    if (e->kind == PX_CALL && e->sql) {
        em_str_puts(out, e->sql);
        return;
    }
    fn_expr_sql(e, out);
}

/* Sets call->sql to "l <sep> r" (Spark's TimestampAddInterval / DatetimeSub / ... sql). */
static void fn_ia_infix_name(em_arena *a, pl_expr *call, const pl_expr *l, const char *sep,
                             const pl_expr *r, const pl_session_opts *opts)
{
    em_str s;
    em_str_init(&s, 8192);
    fn_ia_pretty(l, opts, &s);
    em_str_puts(&s, sep);
    fn_ia_pretty(r, opts, &s);
    call->sql = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
}

/* ------------------------------------------------------------------------------------------ */
/* Building the rewritten expressions                                                           */

static fn_iv_state *fn_ia_state(em_arena *a, fn_iv_op op, int sign, const pl_session_opts *opts)
{
    fn_iv_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = op;
    st->sign = sign;
    st->ansi = opts && opts->ansi;
    return st;
}

/* Turns call into an internal interval expression over (l, r). */
static void fn_ia_become(em_arena *a, pl_expr *call, pl_expr *l, pl_expr *r, fn_iv_op op, int sign,
                         const ty *type, bool nullable, const pl_session_opts *opts)
{
    int n = r ? 2 : 1;
    pl_expr **args = em_arena_calloc(a, 2, sizeof *args);
    args[0] = l;
    args[1] = r;
    call->args = args;
    call->n_args = n;
    call->fn = &fn_ia_def;
    call->fn_state = fn_ia_state(a, op, sign, opts);
    call->type = type;
    call->nullable = nullable;
}

/* Binds a registered function on (l, r) in place: the call takes its name. */
static int fn_ia_as_function(em_arena *a, pl_expr *call, const char *name, pl_expr *l, pl_expr *r,
                             const pl_session_opts *opts, em_error *err)
{
    const fn_def *def = fn_lookup(name);
    if (!def)
        return em_error_internal(err, "function %s missing", name);
    pl_expr **args = em_arena_calloc(a, 2, sizeof *args);
    args[0] = l;
    args[1] = r;
    call->args = args;
    call->n_args = 2;
    call->name = name;
    call->fn = def;
    call->sql = NULL;
    return def->bind(def, a, call, opts, err);
}

/* A new bound call node of a registered function (for nested expressions). */
static pl_expr *fn_ia_new_call(em_arena *a, const char *name, int n, pl_expr *const *args,
                               const pl_session_opts *opts, em_error *err)
{
    const fn_def *def = fn_lookup(name);
    if (!def) {
        em_error_internal(err, "function %s missing", name);
        return NULL;
    }
    pl_expr *c = pl_func_new(a, name, n, args);
    c->kind = PX_CALL;
    c->fn = def;
    if (def->bind(def, a, c, opts, err))
        return NULL;
    c->resolved = true;
    return c;
}

/* extractansiintervaldays(i) */
static pl_expr *fn_ia_extract_days(em_arena *a, pl_expr *i, const pl_session_opts *opts)
{
    pl_expr *c = pl_expr_new(a, PX_CALL, 1);
    c->args[0] = i;
    c->name = "extractansiintervaldays";
    c->fn = &fn_ia_def;
    c->fn_state = fn_ia_state(a, FN_IV_EXTRACT_DAYS, 1, opts);
    c->type = ty_int();
    c->nullable = i->nullable;
    c->resolved = true;
    return c;
}

/* TimestampAddInterval(start, i) with its input check; sign -1 for DatetimeSub. */
static int fn_ia_ts_add(em_arena *a, pl_expr *call, pl_expr *start, pl_expr *iv, int sign,
                        const pl_session_opts *opts, em_error *err)
{
    bool ansi = opts && opts->ansi;
    const ty *orig = start->type;
    if (ty_is_string(start->type))
        start = fn_cast_new(a, start, ty_timestamp());
    fn_ia_become(a, call, start, iv, FN_IV_TS_ADD, sign, start->type,
                 start->nullable || iv->nullable, opts);
    call->name = sign > 0 ? "+" : "-";
    if (sign < 0) {
        /* DatetimeSub checks its replacement, TimestampAddInterval(l, UnaryMinus(r)) */
        em_str s;
        em_str_init(&s, 8192);
        fn_ia_pretty(call->args[0], opts, &s);
        em_str_puts(&s, " + (- ");
        fn_ia_pretty(iv, opts, &s);
        em_str_putc(&s, ')');
        call->sql = em_arena_strdup(a, s.data ? s.data : "");
        em_str_release(&s);
    } else {
        fn_ia_infix_name(a, call, call->args[0], " + ", iv, opts);
    }
    if (fn_dt_coerce(a, call, 0, FN_DT_ANY_TIMESTAMP, false, ansi, err))
        return err->code;
    if (sign < 0)
        fn_ia_infix_name(a, call, call->args[0], " - ", iv, opts);
    call->type = call->args[0]->type;
    if (ty_is_string(orig)) {
        /* Cast(TimestampAddInterval(...), STRING): the call becomes that (hidden) cast */
        pl_expr *inner = pl_expr_new(a, PX_CALL, 0);
        *inner = *call;
        inner->resolved = true;
        call->kind = PX_CAST;
        call->n_args = 1;
        call->args = em_arena_calloc(a, 1, sizeof *call->args);
        call->args[0] = inner;
        call->fn = NULL;
        call->fn_state = NULL;
        call->sql = NULL;
        call->cast_type = orig;
        call->type = orig;
        call->eval_mode = PX_EVAL_UNSPECIFIED;
        call->is_implicit = true;
        call->nullable = inner->nullable;
    }
    return EM_OK;
}

/* The wider of two ANSI interval types of the same family (start = min, end = max). */
static const ty *fn_ia_wider_interval(em_arena *a, const ty *l, const ty *r)
{
    int s = l->start_field < r->start_field ? l->start_field : r->start_field;
    int e = l->end_field > r->end_field ? l->end_field : r->end_field;
    return l->kind == TY_DAYTIME_INTERVAL ? ty_daytime_interval(a, s, e)
                                          : ty_yearmonth_interval(a, s, e);
}

/* Interval +/- interval of the same kind (Add / Subtract kept as such). */
static int fn_ia_interval_addsub(em_arena *a, pl_expr *call, char op, const pl_session_opts *opts,
                                 em_error *err)
{
    const ty *L = call->args[0]->type, *R = call->args[1]->type;
    if (L->kind != R->kind)
        return fn_err_binary_diff(call, err);
    const ty *t = L;
    fn_iv_op iop;
    if (L->kind == TY_CALENDAR_INTERVAL) {
        iop = op == '+' ? FN_IV_ADD_CAL : FN_IV_SUB_CAL;
    } else {
        /* the wider type holds both values unchanged (months / microseconds), so no cast is
           needed: the kernel reads the raw values */
        t = fn_ia_wider_interval(a, L, R);
        iop = L->kind == TY_DAYTIME_INTERVAL ? (op == '+' ? FN_IV_ADD_DT : FN_IV_SUB_DT)
                                             : (op == '+' ? FN_IV_ADD_YM : FN_IV_SUB_YM);
    }
    fn_ia_become(a, call, call->args[0], call->args[1], iop, 1, t, fn_any_nullable(call), opts);
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* The resolver                                                                                 */

enum { FN_IA_DONE, FN_IA_AGAIN, FN_IA_KEEP };

static int fn_ia_add(em_arena *a, pl_expr *call, const pl_session_opts *opts, int *state,
                     em_error *err)
{
    pl_expr *l = call->args[0], *r = call->args[1];
    const ty *L = l->type, *R = r->type;
    bool ansi = opts && opts->ansi;
    *state = FN_IA_DONE;
    if (L->kind == TY_DATE && fn_ia_is_day_only(R))
        return fn_ia_as_function(a, call, "date_add", l, fn_ia_extract_days(a, r, opts), opts, err);
    if (L->kind == TY_DATE && R->kind == TY_DAYTIME_INTERVAL)
        return fn_ia_ts_add(a, call, fn_cast_new(a, l, ty_timestamp()), r, 1, opts, err);
    if (fn_ia_is_day_only(L) && R->kind == TY_DATE)
        return fn_ia_as_function(a, call, "date_add", r, fn_ia_extract_days(a, l, opts), opts, err);
    if (L->kind == TY_DAYTIME_INTERVAL && R->kind == TY_DATE)
        return fn_ia_ts_add(a, call, fn_cast_new(a, r, ty_timestamp()), l, 1, opts, err);
    if ((L->kind == TY_DATE && R->kind == TY_YEARMONTH_INTERVAL) ||
        (L->kind == TY_YEARMONTH_INTERVAL && R->kind == TY_DATE)) {
        pl_expr *d = L->kind == TY_DATE ? l : r, *i = L->kind == TY_DATE ? r : l;
        fn_ia_become(a, call, d, i, FN_IV_DATE_ADD_YM, 1, ty_date(), d->nullable || i->nullable,
                     opts);
        fn_ia_infix_name(a, call, d, " + ", i, opts);
        return EM_OK;
    }
    if ((fn_ia_is_any_ts(L) && R->kind == TY_YEARMONTH_INTERVAL) ||
        (L->kind == TY_YEARMONTH_INTERVAL && fn_ia_is_any_ts(R))) {
        pl_expr *t = fn_ia_is_any_ts(L) ? l : r, *i = fn_ia_is_any_ts(L) ? r : l;
        fn_ia_become(a, call, t, i, FN_IV_TS_ADD_YM, 1, t->type, t->nullable || i->nullable, opts);
        fn_ia_infix_name(a, call, t, " + ", i, opts);
        return EM_OK;
    }
    if ((L->kind == TY_CALENDAR_INTERVAL && R->kind == TY_CALENDAR_INTERVAL) ||
        (L->kind == TY_DAYTIME_INTERVAL && R->kind == TY_DAYTIME_INTERVAL))
        return fn_ia_interval_addsub(a, call, '+', opts, err);
    if (L->kind == TY_NULL && fn_ia_is_ansi_interval(R)) {
        fn_cast_arg(a, call, 0, R);
        return fn_ia_interval_addsub(a, call, '+', opts, err);
    }
    if (fn_ia_is_ansi_interval(L) && R->kind == TY_NULL) {
        fn_cast_arg(a, call, 1, L);
        return fn_ia_interval_addsub(a, call, '+', opts, err);
    }
    if ((L->kind == TY_DATE && R->kind == TY_CALENDAR_INTERVAL) ||
        (L->kind == TY_CALENDAR_INTERVAL && R->kind == TY_DATE)) {
        pl_expr *d = L->kind == TY_DATE ? l : r, *i = L->kind == TY_DATE ? r : l;
        fn_ia_become(a, call, d, i, FN_IV_DATE_ADD_CAL, 1, ty_date(), d->nullable || i->nullable,
                     opts);
        fn_ia_infix_name(a, call, d, " + ", i, opts);
        return EM_OK;
    }
    if (fn_ia_is_datetime(L) && R->kind == TY_NULL) {
        fn_cast_arg(a, call, 1, ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND));
        *state = FN_IA_AGAIN;
        return EM_OK;
    }
    if (L->kind == TY_NULL && fn_ia_is_datetime(R)) {
        fn_cast_arg(a, call, 0, ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND));
        *state = FN_IA_AGAIN;
        return EM_OK;
    }
    if (R->kind == TY_CALENDAR_INTERVAL || R->kind == TY_DAYTIME_INTERVAL)
        return fn_ia_ts_add(a, call, l, r, 1, opts, err);
    if (L->kind == TY_CALENDAR_INTERVAL || L->kind == TY_DAYTIME_INTERVAL)
        return fn_ia_ts_add(a, call, r, l, 1, opts, err);
    if (L->kind == TY_DATE && !ty_is_string(R))
        return fn_ia_as_function(a, call, "date_add", l, r, opts, err);
    if (R->kind == TY_DATE && !ty_is_string(L))
        return fn_ia_as_function(a, call, "date_add", r, l, opts, err);
    if (L->kind == TY_YEARMONTH_INTERVAL && R->kind == TY_YEARMONTH_INTERVAL)
        return fn_ia_interval_addsub(a, call, '+', opts, err);
    (void)ansi;
    *state = FN_IA_KEEP;
    return EM_OK;
}

static int fn_ia_sub(em_arena *a, pl_expr *call, const pl_session_opts *opts, int *state,
                     em_error *err)
{
    pl_expr *l = call->args[0], *r = call->args[1];
    const ty *L = l->type, *R = r->type;
    bool ansi = opts && opts->ansi;
    *state = FN_IA_DONE;
    if (L->kind == TY_DATE && fn_ia_is_day_only(R)) {
        pl_expr *days = fn_ia_extract_days(a, r, opts);
        pl_expr *neg = fn_ia_new_call(a, "-", 1, &days, opts, err);
        if (!neg)
            return err->code;
        return fn_ia_as_function(a, call, "date_add", l, neg, opts, err);
    }
    if (L->kind == TY_DATE && R->kind == TY_DAYTIME_INTERVAL) {
        int rc = fn_ia_ts_add(a, call, fn_cast_new(a, l, ty_timestamp()), r, -1, opts, err);
        if (rc == EM_OK)
            fn_ia_infix_name(a, call, l, " - ", r, opts);
        return rc;
    }
    if (L->kind == TY_DATE && R->kind == TY_YEARMONTH_INTERVAL) {
        fn_ia_become(a, call, l, r, FN_IV_DATE_ADD_YM, -1, ty_date(), l->nullable || r->nullable,
                     opts);
        fn_ia_infix_name(a, call, l, " - ", r, opts);
        return EM_OK;
    }
    if (fn_ia_is_any_ts(L) && R->kind == TY_YEARMONTH_INTERVAL) {
        fn_ia_become(a, call, l, r, FN_IV_TS_ADD_YM, -1, L, l->nullable || r->nullable, opts);
        fn_ia_infix_name(a, call, l, " - ", r, opts);
        return EM_OK;
    }
    if ((L->kind == TY_CALENDAR_INTERVAL && R->kind == TY_CALENDAR_INTERVAL) ||
        (L->kind == TY_DAYTIME_INTERVAL && R->kind == TY_DAYTIME_INTERVAL))
        return fn_ia_interval_addsub(a, call, '-', opts, err);
    if (L->kind == TY_NULL && (fn_ia_is_ansi_interval(R) || fn_ia_is_datetime(R))) {
        fn_cast_arg(a, call, 0, R);
        *state = FN_IA_AGAIN;
        return EM_OK;
    }
    if ((fn_ia_is_ansi_interval(L) || fn_ia_is_datetime(L)) && R->kind == TY_NULL) {
        fn_cast_arg(a, call, 1, L);
        *state = FN_IA_AGAIN;
        return EM_OK;
    }
    if (L->kind == TY_DATE && R->kind == TY_CALENDAR_INTERVAL) {
        fn_ia_become(a, call, l, r, FN_IV_DATE_ADD_CAL, -1, ty_date(), l->nullable || r->nullable,
                     opts);
        fn_ia_infix_name(a, call, l, " - ", r, opts);
        return EM_OK;
    }
    if (R->kind == TY_CALENDAR_INTERVAL || R->kind == TY_DAYTIME_INTERVAL)
        return fn_ia_ts_add(a, call, l, r, -1, opts, err);
    if (fn_ia_is_any_ts(L) || fn_ia_is_any_ts(R)) {
        /* SubtractTimestamps with DateTimeOperations / string promotion coercions */
        /* strings are promoted only under ANSI (AnsiStringPromotionTypeCoercion) */
        if (L->kind == TY_DATE || (ansi && ty_is_string(L)))
            fn_cast_arg(a, call, 0, R);
        else if (R->kind == TY_DATE || (ansi && ty_is_string(R)))
            fn_cast_arg(a, call, 1, L);
        else if (fn_ia_is_any_ts(L) && fn_ia_is_any_ts(R) && L->kind != R->kind) {
            fn_cast_arg(a, call, 0, ty_timestamp_ntz());
            fn_cast_arg(a, call, 1, ty_timestamp_ntz());
        }
        if (fn_dt_coerce(a, call, 0, FN_DT_ANY_TIMESTAMP, false, ansi, err) ||
            fn_dt_coerce(a, call, 1, FN_DT_ANY_TIMESTAMP, false, ansi, err))
            return err->code;
        fn_ia_become(a, call, call->args[0], call->args[1], FN_IV_SUB_TS, 1,
                     ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND), fn_any_nullable(call), opts);
        return EM_OK;
    }
    if (R->kind == TY_DATE) {
        if (fn_dt_coerce(a, call, 0, FN_DT_DATE, true, ansi, err) ||
            fn_dt_coerce(a, call, 1, FN_DT_DATE, true, ansi, err))
            return err->code;
        fn_ia_become(a, call, call->args[0], call->args[1], FN_IV_SUB_DATES, 1,
                     ty_daytime_interval(a, TY_DT_DAY, TY_DT_DAY), fn_any_nullable(call), opts);
        return EM_OK;
    }
    if (L->kind == TY_DATE && !ty_is_string(R))
        return fn_ia_as_function(a, call, "date_sub", l, r, opts, err);
    if (L->kind == TY_YEARMONTH_INTERVAL && R->kind == TY_YEARMONTH_INTERVAL)
        return fn_ia_interval_addsub(a, call, '-', opts, err);
    *state = FN_IA_KEEP;
    return EM_OK;
}

static int fn_ia_muldiv(em_arena *a, pl_expr *call, char op, const pl_session_opts *opts,
                        int *state, em_error *err)
{
    pl_expr *l = call->args[0], *r = call->args[1];
    const ty *L = l->type, *R = r->type;
    bool ansi = opts && opts->ansi;
    *state = FN_IA_DONE;
    pl_expr *iv = NULL, *num = NULL;
    if (op == '*') {
        ty_kind order[3] = {TY_CALENDAR_INTERVAL, TY_YEARMONTH_INTERVAL, TY_DAYTIME_INTERVAL};
        for (int k = 0; k < 3 && !iv; k++) {
            if (L->kind == order[k])
                iv = l, num = r;
            else if (R->kind == order[k])
                iv = r, num = l;
        }
    } else if (L->kind == TY_CALENDAR_INTERVAL || fn_ia_is_ansi_interval(L)) {
        iv = l, num = r;
    }
    if (!iv) {
        *state = FN_IA_KEEP;
        return EM_OK;
    }
    ty_kind k = iv->type->kind;
    fn_iv_op iop = k == TY_CALENDAR_INTERVAL    ? (op == '*' ? FN_IV_MUL_CAL : FN_IV_DIV_CAL)
                   : k == TY_YEARMONTH_INTERVAL ? (op == '*' ? FN_IV_MUL_YM : FN_IV_DIV_YM)
                                                : (op == '*' ? FN_IV_MUL_DT : FN_IV_DIV_DT);
    pl_expr **args = em_arena_calloc(a, 2, sizeof *args);
    args[0] = iv;
    args[1] = num;
    call->args = args;
    call->n_args = 2;
    if (k == TY_CALENDAR_INTERVAL) {
        call->name = op == '*' ? "multiply_interval" : "divide_interval";
        call->fn = &fn_ia_def;
        if (fn_dt_coerce(a, call, 1, FN_DT_DOUBLE, true, ansi, err))
            return err->code;
        fn_ia_become(a, call, call->args[0], call->args[1], iop, 1, ty_calendar_interval_type(),
                     true, opts);
        return EM_OK;
    }
    if (fn_dt_coerce(a, call, 1, FN_DT_NUMERIC, true, ansi, err))
        return err->code;
    const ty *rt = k == TY_YEARMONTH_INTERVAL ? ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH)
                                              : ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
    fn_ia_become(a, call, call->args[0], call->args[1], iop, 1, rt, fn_any_nullable(call), opts);
    return EM_OK;
}

/* Spark's type coercion of an arithmetic node the resolver left alone: string promotion. */
static bool fn_ia_promote(em_arena *a, pl_expr *call, bool ansi)
{
    const ty *L = call->args[0]->type, *R = call->args[1]->type;
    bool ls = ty_is_string(L), rs = ty_is_string(R);
    if (!ls && !rs)
        return false;
    if (ansi) {
        const ty *t = fn_ansi_string_promotion(L, R);
        if (!t || (ty_equals(t, L) && ty_equals(t, R)))
            return false;
        fn_cast_arg(a, call, 0, t);
        fn_cast_arg(a, call, 1, t);
        return true;
    }
    bool changed = false;
    if (ls && R->kind != TY_CALENDAR_INTERVAL && !fn_ia_is_ansi_interval(R)) {
        fn_cast_arg(a, call, 0, ty_double());
        changed = true;
    }
    if (rs && L->kind != TY_CALENDAR_INTERVAL && !fn_ia_is_ansi_interval(L)) {
        fn_cast_arg(a, call, 1, ty_double());
        changed = true;
    }
    return changed;
}

int fn_dt_arith_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, char op,
                     em_error *err)
{
    bool ansi = opts && opts->ansi;
    for (int round = 0; round < 4; round++) {
        int state = FN_IA_KEEP, rc;
        if (op == 'd') {
            /* IntegralDivide of one interval family (values compare unchanged): BIGINT */
            fn_ia_become(a, call, call->args[0], call->args[1], FN_IV_IDIV, 1, ty_long(), true,
                         opts);
            return EM_OK;
        }
        if (op == '+')
            rc = fn_ia_add(a, call, opts, &state, err);
        else if (op == '-')
            rc = fn_ia_sub(a, call, opts, &state, err);
        else
            rc = fn_ia_muldiv(a, call, op, opts, &state, err);
        if (rc)
            return rc;
        if (state == FN_IA_DONE)
            return EM_OK;
        if (state == FN_IA_AGAIN)
            continue;
        if (!fn_ia_promote(a, call, ansi))
            break;
    }
    const ty *L = call->args[0]->type, *R = call->args[1]->type;
    if (!ty_equals(L, R))
        return fn_err_binary_diff(call, err);
    return fn_err_binary_wrong(call,
                               op == '+' || op == '-'
                                   ? "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL "
                                     "YEAR TO MONTH\" or \"INTERVAL\")"
                               : op == '*' ? "\"NUMERIC\""
                                           : "(\"DOUBLE\" or \"DECIMAL\")",
                               L, err);
}

int fn_dt_unary_interval_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, char op,
                              em_error *err)
{
    pl_expr *x = call->args[0];
    fn_iv_op iop = op == '-' ? FN_IV_NEG : op == '+' ? FN_IV_POS : FN_IV_ABS;
    /* UnaryMinus / UnaryPositive print "(- x)" / "(+ x)"; Abs prints abs(x) */
    em_str s;
    em_str_init(&s, 8192);
    em_str_puts(&s, op == '-' ? "(- " : op == '+' ? "(+ " : "abs(");
    fn_ia_pretty(x, opts, &s);
    em_str_putc(&s, ')');
    call->sql = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    call->fn = &fn_ia_def;
    call->fn_state = fn_ia_state(a, iop, 1, opts);
    call->type = x->type;
    call->nullable = x->nullable;
    (void)err;
    return EM_OK;
}
