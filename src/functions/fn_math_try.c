/*
 * fn_math_try: try_add, try_subtract, try_multiply, try_divide, try_mod. Spark defines them as
 * RuntimeReplaceable over Add / Subtract / Multiply / Divide / Remainder with EvalMode.TRY:
 * the session's coercion rules pick the types, evaluation detects overflow and division by
 * zero as ANSI does, and every such row is NULL instead of an error (in both ANSI and legacy
 * sessions).
 *
 * Binding binds the operator over placeholders for the two arguments twice: once with the
 * session's options (coercion, result type, the datetime rewrites of fn_arith), then the same
 * call again over its coerced arguments with ANSI on (so the kernel detects overflow).
 * Evaluation runs that tree over the batch; if it raises, the batch is re-evaluated row by row
 * and the failing rows become NULL.
 */
#include <string.h>
#include <strings.h>

#include "functions/fn_misc_int.h"

static const char *fn_try_operator(const char *name)
{
    if (strcasecmp(name, "try_add") == 0)
        return "+";
    if (strcasecmp(name, "try_subtract") == 0)
        return "-";
    if (strcasecmp(name, "try_multiply") == 0)
        return "*";
    if (strcasecmp(name, "try_divide") == 0)
        return "/";
    return "%";
}

static int fn_bind_try(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    const char *op = fn_try_operator(def->name);
    /* the operator over placeholders for the arguments (the name keeps the user's order even
       when the operator rewrites, e.g. 1 + date into date_add(date, 1)) */
    pl_expr *refs[2];
    for (int i = 0; i < 2; i++) /* literals stay literals: DecimalPrecision sizes them exactly */
        refs[i] = call->args[i]->kind == PX_LITERAL ? call->args[i] : fn_misc_arg_ref(a, call, i);
    pl_expr *first = fn_misc_bind_call(a, op, 2, refs, opts, err);
    if (!first)
        return err->code;
    /* the same call bound again over its coerced arguments with ANSI on: overflow detected.
       A datetime / interval rewrite (another function) is kept as bound: its errors still
       turn into NULL rows below. */
    if (first->fn != fn_lookup(op)) {
        call->fn_state = first;
        call->type = first->type;
        call->nullable = true;
        return EM_OK;
    }
    pl_session_opts ansi_opts = opts ? *opts : (pl_session_opts){0};
    ansi_opts.ansi = true;
    pl_expr *inner = pl_expr_new(a, PX_CALL, first->n_args);
    for (int i = 0; i < first->n_args; i++)
        inner->args[i] = first->args[i];
    inner->name = first->name;
    inner->fn = first->fn;
    if (inner->fn->bind(inner->fn, a, inner, &ansi_opts, err))
        return err->code;
    inner->resolved = true;
    if (!ty_equals(inner->type, first->type))
        return em_error_internal(err, "%s: ANSI rebinding changed the result type", def->name);
    call->fn_state = inner;
    call->type = inner->type;
    call->nullable = true;
    return EM_OK;
}

static int fn_eval_try(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    const pl_expr *inner = call->fn_state;
    em_error local;
    em_error_clear(&local);
    if (fn_misc_eval_tree(inner, args, n, ctx, out, &local) == EM_OK)
        return EM_OK;
    if (local.code != EM_EUSER) {
        em_error_copy(err, &local);
        return err->code;
    }
    /* TRY: the rows that fail are NULL */
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        vec *one[2] = {NULL, NULL}, *res = NULL;
        int rc = EM_OK;
        for (int k = 0; k < 2 && rc == EM_OK; k++) {
            one[k] = vec_slice(args[k], r, 1, err);
            if (!one[k])
                rc = err->code;
        }
        if (rc == EM_OK) {
            em_error_clear(&local);
            if (fn_misc_eval_tree(inner, one, 1, ctx, &res, &local) != EM_OK) {
                if (local.code != EM_EUSER) {
                    em_error_copy(err, &local);
                    rc = err->code;
                } else {
                    vec_append_null(o);
                }
            } else {
                rc = vec_append_from(o, res, 0, err);
            }
        }
        vec_release(res);
        vec_release(one[0]);
        vec_release(one[1]);
        if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    return EM_OK;
}

#define FN_TRY(nm)                                                                                 \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = 2, .bind = fn_bind_try,          \
        .eval = fn_eval_try, .deterministic = true                                                 \
    }

const fn_def fn_math_try_defs[] = {
    FN_TRY("try_add"),    FN_TRY("try_subtract"), FN_TRY("try_multiply"),
    FN_TRY("try_divide"), FN_TRY("try_mod"),
};
const int fn_math_try_n_defs = (int)(sizeof fn_math_try_defs / sizeof fn_math_try_defs[0]);
