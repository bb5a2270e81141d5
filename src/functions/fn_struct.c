/*
 * fn_struct: named_struct(name1, value1, ...), which also serves struct(...) (the analyzer
 * rewrites struct(a, b AS x) into named_struct('a', a, 'x', b), as Spark's CreateStruct does).
 *
 * The names must be constant, non-NULL strings (CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING,
 * UNEXPECTED_NULL); each field takes its value's type and nullability; the struct itself is never
 * NULL. The kernel shares the value vectors as the struct's children (vectors are immutable once
 * built), so building a struct costs no copy.
 */
#include <string.h>

#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"

static const char *fn_struct_name_list(em_arena *a, const pl_expr *call, bool all)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '[');
    bool first = true;
    for (int k = 0; k < call->n_args; k += 2) {
        const pl_expr *e = call->args[k];
        if (!all && fn_misc_foldable(e) && ty_is_string(e->type))
            continue;
        if (!first)
            em_str_puts(&s, ", ");
        first = false;
        em_str_putc(&s, '"');
        fn_expr_sql(e, &s);
        em_str_putc(&s, '"');
    }
    em_str_putc(&s, ']');
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

static int fn_bind_named_struct(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (call->n_args % 2 != 0)
        return fn_check_arity(call, call->n_args + 1, call->n_args + 1, "2n (n > 0)", err);
    int n = call->n_args / 2;
    for (int k = 0; k < n; k++) {
        const pl_expr *e = call->args[2 * k];
        if (!fn_misc_foldable(e) || !ty_is_string(e->type)) {
            em_str sql;
            em_str_init(&sql, 0);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            int rc = em_error_set(
                err, "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", "sqlExpr",
                sql.data, "inputExprs", fn_struct_name_list(a, call, false), NULL);
            em_str_release(&sql);
            return rc;
        }
    }
    ty_field *f = em_arena_calloc(a, (size_t)(n ? n : 1), sizeof *f);
    for (int k = 0; k < n; k++) {
        vec *name = NULL;
        if (fn_misc_fold(call->args[2 * k], opts, &name, err) < 0)
            return err->code;
        if (!name || fn_cell_null(name, 0)) {
            vec_release(name);
            em_str sql;
            em_str_init(&sql, 0);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr", sql.data,
                                  "exprName", fn_struct_name_list(a, call, true), NULL);
            em_str_release(&sql);
            return rc;
        }
        int32_t len;
        const char *s = vec_str(name, 0, &len);
        f[k].name = em_arena_strndup(a, s, (size_t)len);
        vec_release(name);
        f[k].type = call->args[2 * k + 1]->type;
        f[k].nullable = call->args[2 * k + 1]->nullable;
    }
    call->type = ty_struct(a, n, f);
    call->nullable = false;
    (void)def;
    return EM_OK;
}

static int fn_eval_named_struct(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    vec *o = vec_new(call->type, 0);
    for (int f = 0; f < o->n_children; f++) {
        vec *v = args[2 * f + 1];
        if (v->len == n && v->type->kind == o->children[f]->type->kind) {
            vec_release(o->children[f]);
            o->children[f] = vec_retain(v);
            continue;
        }
        for (int64_t r = 0; r < n; r++)
            if (fn_vec_append_or_null(o->children[f], v, r, err)) {
                vec_release(o);
                return err->code;
            }
    }
    vec_reserve(o, n);
    o->len = n;
    *out = o;
    (void)ctx;
    return EM_OK;
}

const fn_def fn_struct_defs[] = {
    {.name = "named_struct",
     .kind = FN_SCALAR,
     .min_args = 0,
     .max_args = -1,
     .bind = fn_bind_named_struct,
     .eval = fn_eval_named_struct,
     .deterministic = true},
};
const int fn_struct_n_defs = (int)(sizeof fn_struct_defs / sizeof fn_struct_defs[0]);
