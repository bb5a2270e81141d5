/*
 * fn_logic: AND / OR / NOT with SQL three-valued logic, IS NULL / IS NOT NULL, isnan and IN.
 *
 * AND and OR are lazy (fn_lazy_kind): the executor evaluates the right side only on rows the
 * left side does not decide, as Spark's And/Or do; the eager kernels here combine two
 * evaluated sides. IN coerces the value and every list item to their wider common type
 * (InConversion) and answers NULL when there is no match but a NULL was seen.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_int.h"

/* Casts args[i] to BOOLEAN when Spark's implicit cast would (NULL always; STRING under ANSI). */
static void fn_logic_to_boolean(em_arena *a, pl_expr *call, int i, bool ansi)
{
    const ty *t = call->args[i]->type;
    if (t->kind == TY_NULL || (ansi && ty_is_string(t)))
        fn_cast_arg(a, call, i, ty_boolean());
}

static int fn_bind_andor(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    const ty *L = call->args[0]->type, *R = call->args[1]->type;
    if (ansi && (ty_is_string(L) || ty_is_string(R))) {
        const ty *t = fn_ansi_string_promotion(L, R);
        if (t) {
            fn_cast_arg(a, call, 0, t);
            fn_cast_arg(a, call, 1, t);
        }
    }
    L = call->args[0]->type, R = call->args[1]->type;
    if (!ty_equals(L, R)) {
        const ty *t = fn_tightest_common_type(L, R, ansi, a);
        if (t && t->kind == TY_BOOLEAN) {
            fn_cast_arg(a, call, 0, t);
            fn_cast_arg(a, call, 1, t);
        }
    }
    L = call->args[0]->type, R = call->args[1]->type;
    if (L->kind == TY_NULL && R->kind == TY_NULL) {
        fn_cast_arg(a, call, 0, ty_boolean());
        fn_cast_arg(a, call, 1, ty_boolean());
        L = R = ty_boolean();
    }
    if (!ty_equals(L, R))
        return fn_err_binary_diff(call, err);
    if (L->kind != TY_BOOLEAN)
        return fn_err_binary_wrong(call, "\"BOOLEAN\"", L, err);
    call->type = ty_boolean();
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_andor(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    bool is_and = call->fn->lazy == FN_LAZY_AND;
    const vec *a = args[0], *b = args[1];
    vec *o = fn_vec_fixed(ty_boolean(), n);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    for (int64_t r = 0; r < n; r++) {
        bool na = fn_is_null(a, r), nb = fn_is_null(b, r);
        bool va = !na && VEC_VALUES(a, uint8_t)[r], vb = !nb && VEC_VALUES(b, uint8_t)[r];
        if (is_and) {
            if ((!na && !va) || (!nb && !vb))
                res[r] = 0;
            else if (na || nb)
                vec_set_null(o, r);
            else
                res[r] = 1;
        } else {
            if (va || vb)
                res[r] = 1;
            else if (na || nb)
                vec_set_null(o, r);
            else
                res[r] = 0;
        }
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_not(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    fn_logic_to_boolean(a, call, 0, opts && opts->ansi);
    if (call->args[0]->type->kind != TY_BOOLEAN)
        return fn_err_unexpected_input(call, 0, "\"BOOLEAN\"", err);
    call->type = ty_boolean();
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_not(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    vec *o = fn_vec_fixed(ty_boolean(), n);
    fn_propagate_nulls(o, args, 1, n);
    const uint8_t *x = VEC_VALUES(args[0], uint8_t);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    for (int64_t r = 0; r < n; r++)
        res[r] = !x[r];
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_isnull(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    call->type = ty_boolean();
    call->nullable = false;
    (void)def;
    (void)a;
    (void)opts;
    return EM_OK;
}

static int fn_eval_isnull(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    bool want_null = strcasecmp(call->fn->name, "isnull") == 0;
    vec *o = fn_vec_fixed(ty_boolean(), n);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    for (int64_t r = 0; r < n; r++)
        res[r] = fn_is_null(args[0], r) == want_null;
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_isnan(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    const ty *t = call->args[0]->type;
    if (t->kind != TY_DOUBLE && t->kind != TY_FLOAT) {
        if (ty_is_numeric(t) || t->kind == TY_NULL || ty_is_string(t))
            fn_cast_arg(a, call, 0, ty_double());
        else
            return fn_err_unexpected_input(call, 0, "(\"DOUBLE\" or \"FLOAT\")", err);
    }
    call->type = ty_boolean();
    call->nullable = false;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_isnan(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    const vec *v = args[0];
    vec *o = fn_vec_fixed(ty_boolean(), n);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(v, r))
            continue;
        double d = v->type->kind == TY_FLOAT ? VEC_VALUES(v, float)[r] : VEC_VALUES(v, double)[r];
        res[r] = isnan(d) != 0;
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_in(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                      em_error *err)
{
    if (fn_check_arity(call, 1, -1, "> 0", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    bool differ = false;
    for (int i = 1; i < call->n_args; i++)
        if (!ty_equals(call->args[i]->type, call->args[0]->type))
            differ = true;
    if (differ) {
        const ty **types = em_arena_calloc(a, (size_t)call->n_args, sizeof *types);
        for (int i = 0; i < call->n_args; i++)
            types[i] = call->args[i]->type;
        const ty *w = fn_wider_common_type(call->n_args, types, ansi, a);
        if (w)
            for (int i = 0; i < call->n_args; i++)
                fn_cast_arg(a, call, i, w);
    }
    for (int i = 1; i < call->n_args; i++) {
        if (!ty_equals_ignore_nullability(call->args[i]->type, call->args[0]->type)) {
            em_str sql, dt;
            em_str_init(&sql, 4096);
            em_str_init(&dt, 4096);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            em_str_putc(&dt, '[');
            for (int k = 0; k < call->n_args; k++) {
                if (k)
                    em_str_puts(&dt, ", ");
                em_str_putc(&dt, '"');
                ty_sql(call->args[k]->type, &dt);
                em_str_putc(&dt, '"');
            }
            em_str_putc(&dt, ']');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr",
                                  sql.data ? sql.data : "", "functionName", "`in`", "dataType",
                                  dt.data ? dt.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&dt);
            return rc;
        }
    }
    call->type = ty_boolean();
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_in(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    const vec *v = args[0];
    vec *o = fn_vec_fixed(ty_boolean(), n);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(v, r)) {
            vec_set_null(o, r);
            continue;
        }
        bool found = false, saw_null = false;
        for (int i = 1; i < call->n_args && !found; i++) {
            if (fn_is_null(args[i], r))
                saw_null = true;
            else if (ty_compare(v, r, args[i], r) == 0)
                found = true;
        }
        if (found)
            res[r] = 1;
        else if (saw_null)
            vec_set_null(o, r);
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

#define FN_LOGIC(nm, mn, mx, b, e, lz, sym)                                                        \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true, .lazy = lz, .sql_symbol = sym                                       \
    }

const fn_def fn_logic_defs[] = {
    FN_LOGIC("and", 2, 2, fn_bind_andor, fn_eval_andor, FN_LAZY_AND, "AND"),
    FN_LOGIC("or", 2, 2, fn_bind_andor, fn_eval_andor, FN_LAZY_OR, "OR"),
    FN_LOGIC("not", 1, 1, fn_bind_not, fn_eval_not, FN_LAZY_NONE, "NOT"),
    FN_LOGIC("!", 1, 1, fn_bind_not, fn_eval_not, FN_LAZY_NONE, "NOT"),
    FN_LOGIC("isnull", 1, 1, fn_bind_isnull, fn_eval_isnull, FN_LAZY_NONE, NULL),
    FN_LOGIC("isnotnull", 1, 1, fn_bind_isnull, fn_eval_isnull, FN_LAZY_NONE, NULL),
    FN_LOGIC("isnan", 1, 1, fn_bind_isnan, fn_eval_isnan, FN_LAZY_NONE, NULL),
    FN_LOGIC("in", 1, -1, fn_bind_in, fn_eval_in, FN_LAZY_IN, NULL),
};
const int fn_logic_n_defs = (int)(sizeof fn_logic_defs / sizeof fn_logic_defs[0]);
