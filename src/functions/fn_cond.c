/*
 * fn_cond: conditional functions: coalesce, if, when (CASE WHEN c1 THEN v1 ... ELSE e END, as
 * PySpark sends when(c1, v1, c2, v2, ..., else)), nullif, nvl / ifnull, nvl2.
 *
 * Result types: the wider common type of the value arguments (Spark's CaseWhenCoercion,
 * IfCoercion, Coalesce's FunctionArgumentConversion); values are cast to it at bind time, so
 * the kernels only pick rows. if, when and coalesce are lazy (fn_lazy_kind): the executor
 * evaluates each branch only on the rows that take it.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_int.h"
#include "types/ty_cast.h"

static int fn_err_data_diff(const pl_expr *call, const char *fname, int from, int step,
                            em_error *err)
{
    em_str sql, dt;
    em_str_init(&sql, 4096);
    em_str_init(&dt, 4096);
    em_str_putc(&sql, '"');
    fn_expr_sql(call, &sql);
    em_str_putc(&sql, '"');
    em_str_putc(&dt, '[');
    bool first = true;
    for (int k = from; k < call->n_args; k += step) {
        if (!first)
            em_str_puts(&dt, ", ");
        first = false;
        em_str_putc(&dt, '"');
        ty_sql(call->args[k]->type, &dt);
        em_str_putc(&dt, '"');
    }
    em_str_putc(&dt, ']');
    int rc =
        em_error_set(err, "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr", sql.data ? sql.data : "",
                     "functionName", fname, "dataType", dt.data ? dt.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&dt);
    return rc;
}

/* Casts the given argument positions to their wider common type; false if there is none. */
static bool fn_unify(em_arena *a, pl_expr *call, const int *idx, int n, bool ansi)
{
    const ty **types = em_arena_calloc(a, (size_t)(n ? n : 1), sizeof *types);
    for (int i = 0; i < n; i++)
        types[i] = call->args[idx[i]]->type;
    const ty *w = fn_wider_common_type(n, types, ansi, a);
    if (!w)
        return false;
    for (int i = 0; i < n; i++)
        fn_cast_arg(a, call, idx[i], w);
    return true;
}

static int fn_bind_coalesce(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    bool two = strcasecmp(def->name, "nvl") == 0 || strcasecmp(def->name, "ifnull") == 0;
    if (fn_check_arity(call, two ? 2 : 1, two ? 2 : -1, two ? "2" : "> 0", err))
        return err->code;
    int *idx = em_arena_calloc(a, (size_t)call->n_args, sizeof *idx);
    for (int i = 0; i < call->n_args; i++)
        idx[i] = i;
    fn_unify(a, call, idx, call->n_args, opts && opts->ansi);
    for (int i = 1; i < call->n_args; i++)
        if (!ty_equals_ignore_nullability(call->args[i]->type, call->args[0]->type))
            return fn_err_data_diff(call, two ? "`nvl`" : "`coalesce`", 0, 1, err);
    call->type = call->args[0]->type;
    bool nullable = true;
    for (int i = 0; i < call->n_args; i++)
        if (!call->args[i]->nullable)
            nullable = false;
    call->nullable = nullable;
    return EM_OK;
}

static int fn_eval_coalesce(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        int pick = -1;
        for (int i = 0; i < call->n_args; i++)
            if (!fn_is_null(args[i], r)) {
                pick = i;
                break;
            }
        int rc = pick < 0 ? (vec_append_null(o), EM_OK) : vec_append_from(o, args[pick], r, err);
        if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_bind_if(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                      em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    if (call->args[0]->type->kind == TY_NULL)
        fn_cast_arg(a, call, 0, ty_boolean());
    if (call->args[0]->type->kind != TY_BOOLEAN)
        return fn_err_unexpected_input(call, 0, "\"BOOLEAN\"", err);
    if (!ty_equals_ignore_nullability(call->args[1]->type, call->args[2]->type)) {
        const ty *w =
            fn_wider_type(call->args[1]->type, call->args[2]->type, opts && opts->ansi, a);
        if (w) {
            fn_cast_arg(a, call, 1, w);
            fn_cast_arg(a, call, 2, w);
        }
    }
    if (!ty_equals_ignore_nullability(call->args[1]->type, call->args[2]->type))
        return fn_err_data_diff(call, "`if`", 1, 1, err);
    call->type = call->args[1]->type;
    call->nullable = call->args[1]->nullable || call->args[2]->nullable;
    (void)def;
    return EM_OK;
}

/* Eager kernels pick per row from fully evaluated arguments. */
static int fn_eval_if(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        bool c = !fn_is_null(args[0], r) && VEC_VALUES(args[0], uint8_t)[r];
        if (vec_append_from(o, args[c ? 1 : 2], r, err)) {
            vec_release(o);
            return err ? err->code : EM_EINTERNAL;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_bind_when(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 2, -1, "> 1", err))
        return err->code;
    int n_pairs = call->n_args / 2;
    bool has_else = call->n_args % 2 == 1;
    for (int i = 0; i < n_pairs; i++) {
        if (call->args[2 * i]->type->kind == TY_NULL)
            fn_cast_arg(a, call, 2 * i, ty_boolean());
        if (call->args[2 * i]->type->kind != TY_BOOLEAN) {
            em_str sql, isql, ity;
            em_str_init(&sql, 4096);
            em_str_init(&isql, 4096);
            em_str_init(&ity, 512);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            em_str_putc(&isql, '"');
            fn_expr_sql(call->args[2 * i], &isql);
            em_str_putc(&isql, '"');
            em_str_putc(&ity, '"');
            ty_sql(call->args[2 * i]->type, &ity);
            em_str_putc(&ity, '"');
            char idx[16];
            snprintf(idx, sizeof idx, "%d", 2 * i + 1);
            int rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr",
                                  sql.data ? sql.data : "", "paramIndex", idx, "requiredType",
                                  "\"BOOLEAN\"", "inputSql", isql.data ? isql.data : "",
                                  "inputType", ity.data ? ity.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&isql);
            em_str_release(&ity);
            return rc;
        }
    }
    int n_vals = n_pairs + (has_else ? 1 : 0);
    int *idx = em_arena_calloc(a, (size_t)n_vals, sizeof *idx);
    for (int i = 0; i < n_pairs; i++)
        idx[i] = 2 * i + 1;
    if (has_else)
        idx[n_pairs] = call->n_args - 1;
    fn_unify(a, call, idx, n_vals, opts && opts->ansi);
    for (int i = 1; i < n_vals; i++)
        if (!ty_equals_ignore_nullability(call->args[idx[i]]->type, call->args[idx[0]]->type)) {
            /* CaseWhen reports the THEN and ELSE types */
            pl_expr *vals = pl_expr_new(a, PX_CALL, n_vals);
            for (int k = 0; k < n_vals; k++)
                vals->args[k] = call->args[idx[k]];
            em_str sql, dt;
            em_str_init(&sql, 4096);
            em_str_init(&dt, 4096);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            em_str_putc(&dt, '[');
            for (int k = 0; k < n_vals; k++) {
                if (k)
                    em_str_puts(&dt, ", ");
                em_str_putc(&dt, '"');
                ty_sql(vals->args[k]->type, &dt);
                em_str_putc(&dt, '"');
            }
            em_str_putc(&dt, ']');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr",
                                  sql.data ? sql.data : "", "functionName", "`casewhen`",
                                  "dataType", dt.data ? dt.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&dt);
            return rc;
        }
    call->type = call->args[idx[0]]->type;
    bool nullable = !has_else;
    for (int i = 0; i < n_vals; i++)
        if (call->args[idx[i]]->nullable)
            nullable = true;
    call->nullable = nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_when(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    int n_pairs = call->n_args / 2;
    bool has_else = call->n_args % 2 == 1;
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        int pick = -1;
        for (int i = 0; i < n_pairs; i++) {
            const vec *c = args[2 * i];
            if (!fn_is_null(c, r) && VEC_VALUES(c, uint8_t)[r]) {
                pick = 2 * i + 1;
                break;
            }
        }
        if (pick < 0 && has_else)
            pick = call->n_args - 1;
        int rc = pick < 0 ? (vec_append_null(o), EM_OK) : vec_append_from(o, args[pick], r, err);
        if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_bind_nullif(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    /* NullIf(l, r) = If(l = r, NULL, l): the comparison coerces copies of the operands (its
       common type is kept in fn_state and applied at evaluation) while the result keeps the
       left operand and its type; the call keeps its two arguments for naming. */
    pl_expr *cmp = pl_expr_new(a, PX_CALL, 2);
    cmp->args[0] = call->args[0];
    cmp->args[1] = call->args[1];
    cmp->name = "=";
    cmp->fn = fn_lookup("=");
    if (fn_coerce_comparison(a, cmp, 0, 1, opts && opts->ansi, true, err))
        return err->code;
    call->fn_state = (void *)cmp->args[0]->type;
    call->type = call->args[0]->type;
    call->nullable = true;
    (void)def;
    return EM_OK;
}

static int fn_eval_nullif(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const ty *common = call->fn_state ? call->fn_state : args[0]->type;
    vec *l = NULL, *r = NULL;
    const pl_session_opts *opts = ctx ? ctx->opts : NULL;
    if (ty_cast_vec(args[0], common, PX_EVAL_UNSPECIFIED, opts, &l, err) ||
        ty_cast_vec(args[1], common, PX_EVAL_UNSPECIFIED, opts, &r, err)) {
        vec_release(l);
        return err ? err->code : EM_EINTERNAL;
    }
    vec *o = vec_new(call->type, n);
    int rc = EM_OK;
    for (int64_t row = 0; row < n && rc == EM_OK; row++) {
        bool eq = !fn_is_null(l, row) && !fn_is_null(r, row) && ty_compare(l, row, r, row) == 0;
        rc = eq ? (vec_append_null(o), EM_OK) : vec_append_from(o, args[0], row, err);
    }
    vec_release(l);
    vec_release(r);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

static int fn_bind_nvl2(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    if (!ty_equals_ignore_nullability(call->args[1]->type, call->args[2]->type)) {
        const ty *w =
            fn_wider_type(call->args[1]->type, call->args[2]->type, opts && opts->ansi, a);
        if (w) {
            fn_cast_arg(a, call, 1, w);
            fn_cast_arg(a, call, 2, w);
        }
    }
    if (!ty_equals_ignore_nullability(call->args[1]->type, call->args[2]->type))
        return fn_err_data_diff(call, "`if`", 1, 1, err);
    call->type = call->args[1]->type;
    call->nullable = call->args[1]->nullable || call->args[2]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_nvl2(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        int pick = fn_is_null(args[0], r) ? 2 : 1;
        if (vec_append_from(o, args[pick], r, err)) {
            vec_release(o);
            return err ? err->code : EM_EINTERNAL;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_COND(nm, mn, mx, b, e, lz)                                                              \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true, .lazy = lz                                                          \
    }

const fn_def fn_cond_defs[] = {
    FN_COND("coalesce", 1, -1, fn_bind_coalesce, fn_eval_coalesce, FN_LAZY_COALESCE),
    FN_COND("nvl", 2, 2, fn_bind_coalesce, fn_eval_coalesce, FN_LAZY_COALESCE),
    FN_COND("ifnull", 2, 2, fn_bind_coalesce, fn_eval_coalesce, FN_LAZY_COALESCE),
    FN_COND("if", 3, 3, fn_bind_if, fn_eval_if, FN_LAZY_IF),
    FN_COND("iff", 3, 3, fn_bind_if, fn_eval_if, FN_LAZY_IF),
    FN_COND("when", 2, -1, fn_bind_when, fn_eval_when, FN_LAZY_CASE_WHEN),
    FN_COND("casewhen", 2, -1, fn_bind_when, fn_eval_when, FN_LAZY_CASE_WHEN),
    FN_COND("nullif", 2, 2, fn_bind_nullif, fn_eval_nullif, FN_LAZY_NONE),
    FN_COND("nvl2", 3, 3, fn_bind_nvl2, fn_eval_nvl2, FN_LAZY_NONE),
};
const int fn_cond_n_defs = (int)(sizeof fn_cond_defs / sizeof fn_cond_defs[0]);
