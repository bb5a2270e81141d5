/*
 * fn_struct: named_struct(name1, value1, ...), which also serves struct(...) (the analyzer
 * rewrites struct(a, b AS x) into named_struct('a', a, 'x', b), as Spark's CreateStruct does).
 *
 * The names must be constant, non-NULL strings (CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING,
 * UNEXPECTED_NULL); each field takes its value's type and nullability; the struct itself is never
 * NULL. The kernel shares the value vectors as the struct's children (vectors are immutable once
 * built), so building a struct costs no copy.
 *
 * Also update_fields, Spark's UpdateFields (Column.withField / dropFields, Spark Connect's
 * Expression.UpdateFields): only connect/cx_expression.c builds it, as
 * update_fields(struct, 'ops', name1[, value1], name2[, value2], ...) where ops holds one
 * letter per operation, 'W' (WithField: replace every field of that name, or append one; the
 * next two arguments are its name and value) or 'D' (DropField: remove every field of that
 * name; one argument, its name). Names match with the session's case sensitivity (Spark's
 * resolver). The result is NULL where the struct is NULL; untouched fields share the input's
 * child vectors.
 */
#include <string.h>
#include <strings.h>

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

/* ---- update_fields ----------------------------------------------------------------------- */

/* Where each output field of update_fields comes from: >= 0 the input struct's field of that
   index, < 0 the argument -1 - src. */
typedef struct fn_uf_state {
    int n;
    int *src;
} fn_uf_state;

/* UpdateFields.sql as toPrettySQL prints it: update_fields(s, WithField(v), dropfield()). */
static void fn_uf_sql(const pl_expr *call, const char *ops, em_str *out)
{
    em_str_puts(out, "update_fields(");
    fn_expr_sql(call->args[0], out);
    int arg = 2;
    for (const char *op = ops; *op; op++) {
        if (*op == 'W') {
            em_str_puts(out, ", WithField(");
            fn_expr_sql(call->args[arg + 1], out);
            em_str_putc(out, ')');
            arg += 2;
        } else {
            em_str_puts(out, ", dropfield()");
            arg += 1;
        }
    }
    em_str_putc(out, ')');
}

/* The constant string args[k] (NUL-terminated in the arena), or NULL. */
static const char *fn_uf_const_str(em_arena *a, const pl_expr *e)
{
    if (e->kind != PX_LITERAL || !e->lit || !ty_is_string(e->type) || vec_is_null(e->lit, 0))
        return NULL;
    int32_t len;
    const char *s = vec_str(e->lit, 0, &len);
    return em_arena_strndup(a, s, (size_t)len);
}

static int fn_bind_update_fields(const fn_def *def, em_arena *a, pl_expr *call,
                                 const pl_session_opts *opts, em_error *err)
{
    const char *ops = call->n_args >= 2 ? fn_uf_const_str(a, call->args[1]) : NULL;
    int need = 2;
    for (const char *op = ops; op && *op; op++)
        need += *op == 'W' ? 2 : 1;
    if (!ops || need != call->n_args)
        return em_error_set(err, "INTERNAL_ERROR", "message",
                            "update_fields is built only from Expression.UpdateFields", NULL);
    em_str sql;
    em_str_init(&sql, 0);
    fn_uf_sql(call, ops, &sql);
    call->sql = em_arena_strdup(a, sql.data ? sql.data : "");
    em_str_release(&sql);
    const ty *st = call->args[0]->type;
    if (st->kind != TY_STRUCT)
        return fn_err_unexpected_input(call, 0, "\"STRUCT\"", err);
    int cap = st->n_fields + call->n_args;
    ty_field *f = em_arena_calloc(a, (size_t)cap, sizeof *f);
    int *src = em_arena_calloc(a, (size_t)cap, sizeof *src);
    int n = 0;
    for (int k = 0; k < st->n_fields; k++) {
        f[n] = st->fields[k];
        src[n++] = k;
    }
    int arg = 2;
    for (const char *op = ops; *op; op++) {
        const char *name = fn_uf_const_str(a, call->args[arg]);
        if (!name)
            return em_error_set(err, "INTERNAL_ERROR", "message",
                                "update_fields: field names must be constant strings", NULL);
        bool with = *op == 'W', hit = false;
        int kept = 0;
        for (int k = 0; k < n; k++) {
            bool same = opts && opts->case_sensitive ? strcmp(f[k].name, name) == 0
                                                     : strcasecmp(f[k].name, name) == 0;
            if (same && !with)
                continue; /* DropField */
            f[kept] = f[k];
            src[kept] = src[k];
            if (same) { /* WithField: the field takes the new name, type and value */
                hit = true;
                f[kept] = (ty_field){name, call->args[arg + 1]->type, call->args[arg + 1]->nullable,
                                     NULL};
                src[kept] = -1 - (arg + 1);
            }
            kept++;
        }
        n = kept;
        if (with && !hit) {
            f[n] = (ty_field){name, call->args[arg + 1]->type, call->args[arg + 1]->nullable, NULL};
            src[n++] = -1 - (arg + 1);
        }
        arg += with ? 2 : 1;
    }
    if (n == 0) {
        em_str q;
        em_str_init(&q, 0);
        em_str_putc(&q, '"');
        em_str_puts(&q, call->sql);
        em_str_putc(&q, '"');
        int rc = em_error_set(err, "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS", "sqlExpr",
                              q.data ? q.data : "", NULL);
        em_str_release(&q);
        return rc;
    }
    fn_uf_state *state = em_arena_calloc(a, 1, sizeof *state);
    state->n = n;
    state->src = src;
    call->fn_state = state;
    call->type = ty_struct(a, n, f);
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_update_fields(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                 vec **out, em_error *err)
{
    const fn_uf_state *state = call->fn_state;
    const vec *s = args[0];
    vec *o = vec_new(call->type, 0);
    for (int f = 0; f < o->n_children; f++) {
        int src = state->src[f];
        vec *v = src >= 0 ? s->children[src] : args[-1 - src];
        if (v->len == n) {
            vec_release(o->children[f]);
            o->children[f] = vec_retain(v);
            continue;
        }
        for (int64_t r = 0; r < n; r++)
            if (fn_vec_append_or_null(o->children[f], v, v->len == 1 ? 0 : r, err)) {
                vec_release(o);
                return err->code;
            }
    }
    vec_reserve(o, n);
    o->len = n;
    for (int64_t r = 0; r < n; r++)
        if (fn_cell_null(s, s->len == 1 ? 0 : r))
            vec_set_null(o, r);
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
    {.name = "update_fields",
     .kind = FN_SCALAR,
     .min_args = 2,
     .max_args = -1,
     .bind = fn_bind_update_fields,
     .eval = fn_eval_update_fields,
     .deterministic = true},
};
const int fn_struct_n_defs = (int)(sizeof fn_struct_defs / sizeof fn_struct_defs[0]);
