/*
 * fn_gen: generator functions: explode, posexplode, inline, stack and the _outer forms of the
 * first three (the analyzer marks the Generate node outer from the name; binding and kernels
 * are shared).
 *
 * Contract (fn.h): bind types the call as a STRUCT of the generated columns, with Spark's
 * default names (col / key, value / pos / the inlined struct's fields / col0, col1...); eval
 * returns one ARRAY of that struct per input row, the rows generated for it. The array type is
 * made at bind time and kept in fn_state.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"

typedef struct fn_gen_state {
    const ty *rows_type; /* ARRAY<call->type> */
    bool pos;            /* posexplode: a leading position column */
    int stack_rows;      /* stack: rows per input row */
} fn_gen_state;

static fn_gen_state *fn_gen_state_new(em_arena *a, pl_expr *call)
{
    fn_gen_state *s = em_arena_calloc(a, 1, sizeof *s);
    s->rows_type = ty_array(a, call->type, false);
    call->fn_state = s;
    call->nullable = false;
    return s;
}

/* UNEXPECTED_INPUT_TYPE naming the generator as Spark does: explode_outer(x) is
   GeneratorOuter(Explode(x)), so its errors say explode(x). */
static int fn_gen_err_input(const pl_expr *call, int i, const char *required, em_error *err)
{
    pl_expr tmp = *call;
    char base[64];
    size_t len = call->name ? strlen(call->name) : 0;
    if (len > 6 && len - 6 < sizeof base && strcasecmp(call->name + len - 6, "_outer") == 0) {
        memcpy(base, call->name, len - 6);
        base[len - 6] = '\0';
        tmp.name = base;
    }
    return fn_coll_err_input(&tmp, i, required, err);
}

/* ---- explode / posexplode ------------------------------------------------------------------- */

static int fn_bind_explode(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    bool pos = strncmp(def->name, "posexplode", 10) == 0;
    const ty *t = call->args[0]->type;
    ty_field f[3];
    int n = 0;
    memset(f, 0, sizeof f);
    if (pos)
        f[n++] = (ty_field){.name = "pos", .type = ty_int(), .nullable = false};
    if (t->kind == TY_ARRAY) {
        f[n++] = (ty_field){.name = "col", .type = t->elem, .nullable = t->contains_null};
    } else if (t->kind == TY_MAP) {
        f[n++] = (ty_field){.name = "key", .type = t->key, .nullable = false};
        f[n++] = (ty_field){.name = "value", .type = t->value, .nullable = t->value_contains_null};
    } else {
        return fn_gen_err_input(call, 0, "(\"ARRAY\" or \"MAP\")", err);
    }
    call->type = ty_struct(a, n, f);
    fn_gen_state_new(a, call)->pos = pos;
    (void)opts;
    return EM_OK;
}

/* Marks rows [from, to) of a struct vector valid and sets its length. */
static void fn_gen_struct_rows(vec *st, int64_t to)
{
    vec_reserve(st, to);
    for (int64_t r = st->len; r < to; r++)
        vec_set_valid(st, r);
    st->len = to;
}

static int fn_eval_explode(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    const fn_gen_state *s = call->fn_state;
    const vec *c = args[0];
    vec *o = vec_new(s->rows_type, n);
    vec *st = o->children[0];
    int first = s->pos ? 1 : 0;
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(c, r)) {
            vec_append_null(o);
            continue;
        }
        int32_t start = fn_list_start(c, r), len = fn_list_len(c, r);
        if (s->pos) {
            vec *p = st->children[0];
            vec_reserve(p, p->len + len);
            for (int32_t k = 0; k < len; k++) {
                VEC_VALUES(p, int32_t)[p->len] = k;
                vec_set_valid(p, p->len);
                p->len++;
            }
        }
        for (int ch = 0; ch < c->n_children; ch++)
            if (fn_vec_append_range(st->children[first + ch], c->children[ch], start, len, err)) {
                vec_release(o);
                return err->code;
            }
        fn_gen_struct_rows(st, st->len + len);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- inline --------------------------------------------------------------------------------- */

static int fn_bind_inline(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    const ty *t = call->args[0]->type;
    if (t->kind != TY_ARRAY || t->elem->kind != TY_STRUCT)
        return fn_gen_err_input(call, 0, "\"ARRAY<STRUCT>\"", err);
    call->type = t->contains_null ? fn_coll_as_nullable(a, t->elem) : t->elem;
    fn_gen_state_new(a, call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_inline(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const fn_gen_state *s = call->fn_state;
    const vec *c = args[0];
    vec *o = vec_new(s->rows_type, n);
    vec *st = o->children[0];
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(c, r)) {
            vec_append_null(o);
            continue;
        }
        const vec *el = c->children[0];
        for (int32_t k = fn_list_start(c, r); k < c->offsets[r + 1]; k++) {
            /* a NULL struct generates a row of NULLs */
            for (int f = 0; f < st->n_children; f++)
                if (fn_vec_append_or_null(st->children[f],
                                          fn_cell_null(el, k) ? NULL : el->children[f], k, err)) {
                    vec_release(o);
                    return err->code;
                }
            fn_gen_struct_rows(st, st->len + 1);
        }
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- stack ---------------------------------------------------------------------------------- */

static const char *fn_gen_sql(em_arena *a, const pl_expr *e)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '"');
    fn_expr_sql(e, &s);
    em_str_putc(&s, '"');
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

static int fn_bind_stack(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 2, -1, "> 1", err))
        return err->code;
    if (call->args[0]->type->kind != TY_INT)
        return fn_coll_err_input(call, 0, "\"INT\"", err);
    if (!fn_misc_foldable(call->args[0]))
        return fn_misc_err_non_foldable(call, 0, "n", err);
    vec *nv = NULL;
    if (fn_misc_fold(call->args[0], opts, &nv, err) < 0)
        return err->code;
    int32_t rows = nv && !fn_cell_null(nv, 0) ? VEC_VALUES(nv, int32_t)[0] : 0;
    bool is_null = !nv || fn_cell_null(nv, 0);
    vec_release(nv);
    if (rows < 1) {
        char cur[32];
        snprintf(cur, sizeof cur, is_null ? "NULL" : "%d", rows);
        return em_error_set(err, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr",
                            fn_gen_sql(a, call), "exprName", "`n`", "valueRange", "(0, 2147483647]",
                            "currentValue", cur, NULL);
    }
    int n_vals = call->n_args - 1;
    int n_fields = (n_vals + rows - 1) / rows;
    /* StackCoercion: a NULL literal takes its column's first non-NULL type */
    for (int k = 1; k < call->n_args; k++) {
        if (call->args[k]->type->kind != TY_NULL || call->args[k]->kind != PX_LITERAL)
            continue;
        for (int j = ((k - 1) % n_fields) + 1; j < call->n_args; j += n_fields)
            if (call->args[j]->type->kind != TY_NULL) {
                fn_cast_arg(a, call, k, call->args[j]->type);
                break;
            }
    }
    ty_field *f = em_arena_calloc(a, (size_t)n_fields, sizeof *f);
    for (int j = 0; j < n_fields; j++) {
        f[j].name = em_arena_printf(a, "col%d", j);
        f[j].type = call->args[1 + j]->type;
        f[j].nullable = true;
    }
    for (int k = 1; k < call->n_args; k++) {
        int j = (k - 1) % n_fields;
        if (!ty_equals(call->args[k]->type, f[j].type)) {
            char ci[16], li[16], ri[16];
            snprintf(ci, sizeof ci, "%d", j);
            snprintf(li, sizeof li, "%d", j + 1);
            snprintf(ri, sizeof ri, "%d", k);
            return em_error_set(err, "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES", "sqlExpr",
                                fn_gen_sql(a, call), "columnIndex", ci, "leftParamIndex", li,
                                "leftType", fn_coll_qtype(a, f[j].type), "rightParamIndex", ri,
                                "rightType", fn_coll_qtype(a, call->args[k]->type), NULL);
        }
    }
    call->type = ty_struct(a, n_fields, f);
    fn_gen_state_new(a, call)->stack_rows = rows;
    (void)def;
    return EM_OK;
}

static int fn_eval_stack(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    const fn_gen_state *s = call->fn_state;
    vec *o = vec_new(s->rows_type, n);
    vec *st = o->children[0];
    int n_vals = call->n_args - 1, n_fields = st->n_children;
    for (int64_t r = 0; r < n; r++) {
        for (int row = 0; row < s->stack_rows; row++) {
            for (int col = 0; col < n_fields; col++) {
                int idx = row * n_fields + col;
                if (fn_vec_append_or_null(st->children[col], idx < n_vals ? args[1 + idx] : NULL, r,
                                          err)) {
                    vec_release(o);
                    return err->code;
                }
            }
            fn_gen_struct_rows(st, st->len + 1);
        }
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_GEN(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_GENERATOR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,    \
        .deterministic = true                                                                      \
    }

const fn_def fn_gen_defs[] = {
    FN_GEN("explode", 1, 1, fn_bind_explode, fn_eval_explode),
    FN_GEN("explode_outer", 1, 1, fn_bind_explode, fn_eval_explode),
    FN_GEN("posexplode", 1, 1, fn_bind_explode, fn_eval_explode),
    FN_GEN("posexplode_outer", 1, 1, fn_bind_explode, fn_eval_explode),
    FN_GEN("inline", 1, 1, fn_bind_inline, fn_eval_inline),
    FN_GEN("inline_outer", 1, 1, fn_bind_inline, fn_eval_inline),
    FN_GEN("stack", 2, -1, fn_bind_stack, fn_eval_stack),
};
const int fn_gen_n_defs = (int)(sizeof fn_gen_defs / sizeof fn_gen_defs[0]);
