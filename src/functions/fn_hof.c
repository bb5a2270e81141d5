/*
 * fn_hof: higher-order functions: transform, filter, exists, forall, aggregate / reduce,
 * zip_with, array_sort, map_filter, transform_keys, transform_values, map_zip_with.
 *
 * Lambdas run through the executor (ctx->lambda_eval) over all the elements of a batch at once:
 * the elements of every row become one vector of "element rows", each remembering the row it
 * came from, so the lambda body is evaluated column-at-a-time like any expression. Functions
 * whose steps depend on each other run position by position across rows: aggregate (the
 * accumulator of step k feeds step k + 1) and, after a failure of the batched evaluation,
 * exists / forall (Spark stops at the first decisive element, so an error past it must not be
 * raised). array_sort lives in fn_hof_sort.c.
 *
 * Binding: the analyzer types the lambda parameters (an_lambda.c); a function argument that is
 * not a lambda is wrapped into one with unused parameters (Spark prints it as
 * lambdafunction(expr, namedlambdavariable()...)). aggregate without a finish function gets the
 * identity lambda, as Spark's constructor adds it, so names match.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "types/ty_cast.h"

/* Ids of lambda parameters made here (negative: the analyzer's are positive). */
static _Atomic int64_t fn_hof_next_id = -1;

/* ---- binding ------------------------------------------------------------------------------- */

pl_expr *fn_hof_var(em_arena *a, const char *name, const ty *t, bool nullable)
{
    pl_expr *v = pl_expr_new(a, PX_LAMBDA_VAR, 0);
    v->n_parts = 1;
    v->parts = em_arena_calloc(a, 1, sizeof(char *));
    v->parts[0] = em_arena_strdup(a, name);
    v->attr_id = atomic_fetch_sub(&fn_hof_next_id, 1);
    v->type = t;
    v->nullable = nullable;
    v->resolved = true;
    return v;
}

pl_expr *fn_hof_make_lambda(em_arena *a, pl_expr *body, int n_params, pl_expr *const *vars)
{
    pl_expr *l = pl_expr_new(a, PX_LAMBDA, n_params + 1);
    l->args[0] = body;
    l->n_parts = n_params;
    l->parts = em_arena_calloc(a, (size_t)(n_params ? n_params : 1), sizeof(char *));
    for (int k = 0; k < n_params; k++) {
        l->args[k + 1] = vars[k];
        l->parts[k] = vars[k]->parts[0];
    }
    l->type = body->type;
    l->nullable = body->nullable;
    l->resolved = true;
    return l;
}

/*
 * Makes args[pos] a lambda of n_params parameters typed types[] / nullable[]: a plain expression
 * is wrapped (LambdaFunction(e, hidden params)); a lambda with another parameter count raises
 * INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH.
 */
int fn_hof_lambda(em_arena *a, pl_expr *call, int pos, int n_params, const ty *const *types,
                  const bool *nullable, em_error *err)
{
    pl_expr *f = call->args[pos];
    if (f->kind != PX_LAMBDA) {
        pl_expr *vars[3];
        for (int k = 0; k < n_params; k++)
            vars[k] = fn_hof_var(a, "col", types[k], nullable[k]);
        call->args[pos] = fn_hof_make_lambda(a, f, n_params, vars);
        return EM_OK;
    }
    if (f->n_args - 1 != n_params) {
        char e[16], g[16];
        snprintf(e, sizeof e, "%d", n_params);
        snprintf(g, sizeof g, "%d", f->n_args - 1);
        return em_error_set(err, "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
                            "expectedNumArgs", e, "actualNumArgs", g, NULL);
    }
    /* Spark binds the lambda after coercing the other arguments (map_zip_with widens its key
       types first); parameters typed otherwise could not read the values passed to them */
    for (int k = 0; k < n_params; k++)
        if (!ty_equals_ignore_nullability(f->args[1 + k]->type, types[k]))
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "lambda parameters typed before the arguments' coercion", NULL);
    return EM_OK;
}

int fn_hof_need(pl_expr *call, int i, ty_kind kind, em_error *err)
{
    if (call->args[i]->type->kind == kind)
        return EM_OK;
    return fn_coll_err_input(call, i, kind == TY_MAP ? "\"MAP\"" : "\"ARRAY\"", err);
}

static int fn_hof_bool_body(pl_expr *call, int pos, em_error *err)
{
    const pl_expr *l = call->args[pos];
    if (l->type->kind == TY_BOOLEAN)
        return EM_OK;
    return fn_coll_err_input(call, pos, "\"BOOLEAN\"", err);
}

/* transform / filter / exists / forall (array, x [, i] -> ...) */
static int fn_bind_array_hof(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    if (fn_hof_need(call, 0, TY_ARRAY, err))
        return err->code;
    const ty *t = call->args[0]->type;
    bool with_index = (strcmp(def->name, "transform") == 0 || strcmp(def->name, "filter") == 0) &&
                      call->args[1]->kind == PX_LAMBDA && call->args[1]->n_args == 3;
    const ty *types[2] = {t->elem, ty_int()};
    bool nulls[2] = {t->contains_null, false};
    if (fn_hof_lambda(a, call, 1, with_index ? 2 : 1, types, nulls, err))
        return err->code;
    const pl_expr *l = call->args[1];
    if (strcmp(def->name, "transform") == 0) {
        call->type = ty_array(a, l->type, l->nullable);
        call->nullable = call->args[0]->nullable;
        return EM_OK;
    }
    if (fn_hof_bool_body(call, 1, err))
        return err->code;
    if (strcmp(def->name, "filter") == 0) {
        call->type = t;
        call->nullable = call->args[0]->nullable;
    } else {
        /* exists follows three-valued logic (spark.sql.legacy.followThreeValuedLogicInArrayExists)
         */
        call->type = ty_boolean();
        call->nullable = call->args[0]->nullable || l->nullable;
    }
    (void)opts;
    return EM_OK;
}

static int fn_bind_aggregate(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 3, 4, "[3, 4]", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    if (fn_hof_need(call, 0, TY_ARRAY, err))
        return err->code;
    const ty *t = call->args[0]->type, *zero = call->args[1]->type;
    const ty *mt[2] = {zero, t->elem};
    bool mn[2] = {true, t->contains_null};
    if (fn_hof_lambda(a, call, 2, 2, mt, mn, err))
        return err->code;
    if (call->n_args == 3) {
        /* ArrayAggregate(argument, zero, merge, LambdaFunction.identity) */
        pl_expr *id = fn_hof_var(a, "id", zero, true);
        fn_coll_append_arg(a, call, fn_hof_make_lambda(a, id, 1, &id));
    } else if (fn_hof_lambda(a, call, 3, 1, &zero, mn, err)) {
        return err->code;
    }
    const pl_expr *merge = call->args[2], *finish = call->args[3];
    if (!fn_coll_equal_structurally(merge->type, zero)) {
        em_str req;
        em_str_init(&req, 0);
        ty_sql_type_quoted(zero, &req);
        const char *r = em_arena_strdup(a, req.data ? req.data : "");
        em_str_release(&req);
        return fn_coll_err_input(call, 2, r, err);
    }
    call->type = finish->type;
    call->nullable = call->args[0]->nullable || finish->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_bind_zip_with(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    fn_coll_null_to_array(a, call, 1);
    if (fn_hof_need(call, 0, TY_ARRAY, err) || fn_hof_need(call, 1, TY_ARRAY, err))
        return err->code;
    const ty *types[2] = {call->args[0]->type->elem, call->args[1]->type->elem};
    bool nulls[2] = {true, true};
    if (fn_hof_lambda(a, call, 2, 2, types, nulls, err))
        return err->code;
    call->type = ty_array(a, call->args[2]->type, call->args[2]->nullable);
    call->nullable = call->args[0]->nullable || call->args[1]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

/* map_filter / transform_keys / transform_values (map, (k, v) -> ...) */
static int fn_bind_map_hof(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    fn_coll_null_to(a, call, 0, ty_map(a, ty_null(), ty_null(), true));
    if (fn_hof_need(call, 0, TY_MAP, err))
        return err->code;
    const ty *t = call->args[0]->type;
    const ty *types[2] = {t->key, t->value};
    bool nulls[2] = {false, t->value_contains_null};
    if (fn_hof_lambda(a, call, 1, 2, types, nulls, err))
        return err->code;
    const pl_expr *l = call->args[1];
    if (strcmp(def->name, "map_filter") == 0) {
        if (fn_hof_bool_body(call, 1, err))
            return err->code;
        call->type = t;
    } else if (strcmp(def->name, "transform_keys") == 0) {
        if (fn_coll_check_map_key(a, call, l->type, err))
            return err->code;
        call->type = ty_map(a, l->type, t->value, t->value_contains_null);
    } else {
        call->type = ty_map(a, t->key, l->type, l->nullable);
    }
    call->nullable = call->args[0]->nullable;
    (void)opts;
    return EM_OK;
}

static int fn_bind_map_zip_with(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    for (int k = 0; k < 2; k++)
        fn_coll_null_to(a, call, k, ty_map(a, ty_null(), ty_null(), true));
    if (fn_hof_need(call, 0, TY_MAP, err) || fn_hof_need(call, 1, TY_MAP, err))
        return err->code;
    const ty *l = call->args[0]->type, *r = call->args[1]->type;
    if (!ty_equals_ignore_nullability(l->key, r->key)) {
        /* MapZipWithCoercion: both key types widen when no value can turn NULL */
        const ty *w = fn_wider_type(l->key, r->key, opts && opts->ansi, a);
        if (w && !ty_cast_force_nullable(l->key, w) && !ty_cast_force_nullable(r->key, w)) {
            fn_cast_arg(a, call, 0, ty_map(a, w, l->value, l->value_contains_null));
            fn_cast_arg(a, call, 1, ty_map(a, w, r->value, r->value_contains_null));
        }
        l = call->args[0]->type;
        r = call->args[1]->type;
    }
    if (!ty_equals_ignore_nullability(l->key, r->key)) {
        em_str sql;
        em_str_init(&sql, 0);
        em_str_putc(&sql, '"');
        fn_expr_sql(call, &sql);
        em_str_putc(&sql, '"');
        int rc =
            em_error_set(err, "DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES", "sqlExpr", sql.data,
                         "functionName", "`map_zip_with`", "leftType", fn_coll_qtype(a, l->key),
                         "rightType", fn_coll_qtype(a, r->key), NULL);
        em_str_release(&sql);
        return rc;
    }
    if (!fn_type_orderable(l->key))
        return fn_coll_err_ordering(a, call, l->key, err);
    const ty *types[3] = {l->key, l->value, r->value};
    bool nulls[3] = {false, true, true};
    if (fn_hof_lambda(a, call, 2, 3, types, nulls, err))
        return err->code;

    const pl_expr *f = call->args[2];
    call->type = ty_map(a, fn_coll_merge_nullability(a, l->key, r->key), f->type, f->nullable);
    call->nullable = call->args[0]->nullable || call->args[1]->nullable;
    (void)def;
    return EM_OK;
}

/* ---- element rows --------------------------------------------------------------------------- */

/* The elements of the non-NULL rows of a list vector (ARRAY / MAP) as element rows. */
typedef struct fn_elems {
    int64_t n;       /* element rows */
    int64_t *rows;   /* the row each element row belongs to */
    int64_t *first;  /* n_rows + 1 entries: row r owns element rows [first[r], first[r+1]) */
    bool contiguous; /* the element rows are the child rows [off, off + n) */
    int64_t off;
} fn_elems;

static void fn_elems_init(fn_elems *e, const vec *list, int64_t n_rows)
{
    memset(e, 0, sizeof *e);
    e->first = em_malloc((size_t)(n_rows + 1) * sizeof *e->first);
    int64_t total = 0, next = -1;
    e->contiguous = true;
    for (int64_t r = 0; r < n_rows; r++) {
        e->first[r] = total;
        if (fn_cell_null(list, r))
            continue;
        if (next >= 0 && list->offsets[r] != next && fn_list_len(list, r) > 0)
            e->contiguous = false;
        if (next < 0 && fn_list_len(list, r) > 0) {
            e->off = list->offsets[r];
            next = list->offsets[r];
        }
        if (fn_list_len(list, r) > 0)
            next = list->offsets[r + 1];
        total += fn_list_len(list, r);
    }
    e->first[n_rows] = total;
    e->n = total;
    e->rows = em_malloc((size_t)(total ? total : 1) * sizeof *e->rows);
    for (int64_t r = 0; r < n_rows; r++)
        for (int64_t k = e->first[r]; k < e->first[r + 1]; k++)
            e->rows[k] = r;
}

static void fn_elems_release(fn_elems *e)
{
    em_free(e->rows);
    em_free(e->first);
}

/* The element rows of child c of list (a new reference; NULL with err set on failure). */
static vec *fn_elems_vec(const fn_elems *e, const vec *list, int c, int64_t n_rows, em_error *err)
{
    const vec *child = list->children[c];
    if (e->contiguous && e->off == 0 && child->len == e->n)
        return vec_retain((vec *)child);
    vec *o = vec_new(child->type, e->n);
    if (e->contiguous) {
        if (fn_vec_append_range(o, child, e->off, e->n, err)) {
            vec_release(o);
            return NULL;
        }
        return o;
    }
    for (int64_t r = 0; r < n_rows; r++)
        if (!fn_cell_null(list, r) &&
            fn_vec_append_range(o, child, fn_list_start(list, r), fn_list_len(list, r), err)) {
            vec_release(o);
            return NULL;
        }
    return o;
}

/* Positions of the element rows within their row (the index parameter). */
static vec *fn_elems_index(const fn_elems *e)
{
    vec *v = fn_vec_fixed(ty_int(), e->n);
    for (int64_t k = 0; k < e->n; k++)
        VEC_VALUES(v, int32_t)[k] = (int32_t)(k - e->first[e->rows[k]]);
    return v;
}

/* A list vector of type t with the NULL rows of `like` whose row r holds element rows
   [first[r], first[r+1]) of the children given (referenced). */
static vec *fn_elems_wrap(const ty *t, const vec *like, int64_t n_rows, const int64_t *first,
                          vec *c0, vec *c1)
{
    vec *o = vec_new(t, n_rows);
    vec_release(o->children[0]);
    o->children[0] = vec_retain(c0);
    if (c1) {
        vec_release(o->children[1]);
        o->children[1] = vec_retain(c1);
    }
    vec_reserve(o, n_rows);
    for (int64_t r = 0; r < n_rows; r++) {
        o->offsets[r + 1] = (int32_t)first[r + 1];
        if (fn_cell_null(like, r))
            vec_set_null(o, r);
    }
    o->len = n_rows;
    return o;
}

int fn_hof_run(fn_ctx *ctx, const pl_expr *lambda, vec *const *params, const int64_t *rows,
               int64_t n, vec **out, em_error *err)
{
    *out = NULL;
    if (!ctx || !ctx->lambda_eval)
        return em_error_internal(err, "lambda functions cannot be evaluated here");
    return ctx->lambda_eval(ctx, lambda, params, rows, n, out, err);
}

static bool fn_true_at(const vec *v, int64_t r)
{
    return !fn_cell_null(v, r) && VEC_VALUES(v, uint8_t)[r];
}

/* ---- transform / filter ---------------------------------------------------------------------- */

static int fn_eval_transform(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    const pl_expr *lam = call->args[1];
    bool is_filter = strcmp(call->fn->name, "filter") == 0;
    fn_elems e;
    fn_elems_init(&e, args[0], n);
    vec *params[2] = {fn_elems_vec(&e, args[0], 0, n, err), NULL};
    vec *res = NULL;
    int rc = params[0] ? EM_OK : err->code;
    if (rc == EM_OK && lam->n_args == 3)
        params[1] = fn_elems_index(&e);
    if (rc == EM_OK)
        rc = fn_hof_run(ctx, lam, params, e.rows, e.n, &res, err);
    if (rc == EM_OK && !is_filter) {
        *out = fn_elems_wrap(call->type, args[0], n, e.first, res, NULL);
    } else if (rc == EM_OK) {
        /* keep the elements whose predicate is true */
        int64_t *sel = em_malloc((size_t)(e.n ? e.n : 1) * sizeof *sel);
        int64_t *first = em_malloc((size_t)(n + 1) * sizeof *first);
        int64_t m = 0;
        for (int64_t r = 0; r < n; r++) {
            first[r] = m;
            for (int64_t k = e.first[r]; k < e.first[r + 1]; k++)
                if (fn_true_at(res, k))
                    sel[m++] = k;
        }
        first[n] = m;
        vec *kept = vec_take(params[0], sel, m, err);
        if (kept)
            *out = fn_elems_wrap(call->type, args[0], n, first, kept, NULL);
        else
            rc = err->code;
        vec_release(kept);
        em_free(sel);
        em_free(first);
    }
    vec_release(res);
    vec_release(params[0]);
    vec_release(params[1]);
    fn_elems_release(&e);
    return rc;
}

/* ---- exists / forall ----------------------------------------------------------------------- */

static int fn_eval_quantifier(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    const pl_expr *lam = call->args[1];
    bool is_exists = strcmp(call->fn->name, "exists") == 0;
    fn_elems e;
    fn_elems_init(&e, args[0], n);
    vec *el = fn_elems_vec(&e, args[0], 0, n, err);
    if (!el) {
        fn_elems_release(&e);
        return err->code;
    }
    /* decided[r]: the decisive value was found; saw_null[r]: a NULL predicate value */
    bool *decided = em_calloc((size_t)(n ? n : 1), sizeof *decided);
    bool *saw_null = em_calloc((size_t)(n ? n : 1), sizeof *saw_null);
    vec *res = NULL;
    int rc = fn_hof_run(ctx, lam, &el, e.rows, e.n, &res, err);
    if (rc == EM_OK) {
        for (int64_t k = 0; k < e.n; k++) {
            int64_t r = e.rows[k];
            if (decided[r])
                continue;
            if (fn_cell_null(res, k))
                saw_null[r] = true;
            else if (VEC_VALUES(res, uint8_t)[k] == is_exists)
                decided[r] = true;
        }
    } else {
        /* Spark stops at the first decisive element: retry position by position so that only
           the elements Spark evaluates can fail */
        em_error_clear(err);
        rc = EM_OK;
        int64_t *idx = em_malloc((size_t)(n ? n : 1) * sizeof *idx);
        int64_t *rows = em_malloc((size_t)(n ? n : 1) * sizeof *rows);
        for (int64_t pos = 0; rc == EM_OK; pos++) {
            int64_t m = 0;
            for (int64_t r = 0; r < n; r++)
                if (!decided[r] && e.first[r] + pos < e.first[r + 1]) {
                    idx[m] = e.first[r] + pos;
                    rows[m++] = r;
                }
            if (m == 0)
                break;
            vec *p = vec_take(el, idx, m, err), *v = NULL;
            rc = p ? fn_hof_run(ctx, lam, &p, rows, m, &v, err) : err->code;
            for (int64_t k = 0; rc == EM_OK && k < m; k++) {
                if (fn_cell_null(v, k))
                    saw_null[rows[k]] = true;
                else if (VEC_VALUES(v, uint8_t)[k] == is_exists)
                    decided[rows[k]] = true;
            }
            vec_release(p);
            vec_release(v);
        }
        em_free(idx);
        em_free(rows);
    }
    if (rc == EM_OK) {
        vec *o = fn_vec_fixed(ty_boolean(), n);
        for (int64_t r = 0; r < n; r++) {
            if (fn_cell_null(args[0], r) || (!decided[r] && saw_null[r]))
                vec_set_null(o, r);
            else
                VEC_VALUES(o, uint8_t)[r] = decided[r] ? is_exists : !is_exists;
        }
        *out = o;
    }
    vec_release(res);
    vec_release(el);
    em_free(decided);
    em_free(saw_null);
    fn_elems_release(&e);
    return rc;
}

/* ---- aggregate / reduce ---------------------------------------------------------------------- */

static int fn_eval_aggregate(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    const pl_expr *merge = call->args[2], *finish = call->args[3];
    const vec *arr = args[0];
    fn_elems e;
    fn_elems_init(&e, arr, n);
    vec *el = fn_elems_vec(&e, arr, 0, n, err);
    if (!el) {
        fn_elems_release(&e);
        return err->code;
    }
    /* the accumulators of the rows with an array, compacted */
    int64_t *rows = em_malloc((size_t)(n ? n : 1) * sizeof *rows);
    int64_t *idx = em_malloc((size_t)(n ? n : 1) * sizeof *idx);
    int64_t *slot = em_malloc((size_t)(n ? n : 1) * sizeof *slot);
    int64_t na = 0;
    for (int64_t r = 0; r < n; r++)
        if (!fn_cell_null(arr, r))
            rows[na++] = r;
    const ty *acc_t = call->args[1]->type;
    vec *acc = vec_take(args[1], rows, na, err);
    int rc = acc ? EM_OK : err->code;
    for (int64_t pos = 0; rc == EM_OK; pos++) {
        int64_t m = 0;
        for (int64_t k = 0; k < na; k++)
            if (e.first[rows[k]] + pos < e.first[rows[k] + 1]) {
                slot[m] = k;
                idx[m++] = e.first[rows[k]] + pos;
            }
        if (m == 0)
            break;
        vec *p[2] = {vec_take(acc, slot, m, err), vec_take(el, idx, m, err)};
        vec *v = NULL;
        int64_t *prow = em_malloc((size_t)m * sizeof *prow);
        for (int64_t k = 0; k < m; k++)
            prow[k] = rows[slot[k]];
        rc = p[0] && p[1] ? fn_hof_run(ctx, merge, p, prow, m, &v, err) : err->code;
        if (rc == EM_OK) {
            /* the new accumulators: merged rows from v, the others unchanged */
            vec *next = vec_new(acc_t, na);
            int64_t j = 0;
            for (int64_t k = 0; k < na && rc == EM_OK; k++) {
                if (j < m && slot[j] == k)
                    rc = vec_append_from(next, v, j++, err);
                else
                    rc = vec_append_from(next, acc, k, err);
            }
            vec_release(acc);
            acc = next;
        }
        em_free(prow);
        vec_release(p[0]);
        vec_release(p[1]);
        vec_release(v);
    }
    vec *fin = NULL;
    if (rc == EM_OK)
        rc = fn_hof_run(ctx, finish, &acc, rows, na, &fin, err);
    if (rc == EM_OK) {
        vec *o = vec_new(call->type, n);
        int64_t j = 0;
        for (int64_t r = 0; r < n && rc == EM_OK; r++) {
            if (j < na && rows[j] == r)
                rc = fn_vec_append_or_null(o, fin, j++, err);
            else
                vec_append_null(o);
        }
        if (rc)
            vec_release(o);
        else
            *out = o;
    }
    vec_release(fin);
    vec_release(acc);
    vec_release(el);
    em_free(rows);
    em_free(idx);
    em_free(slot);
    fn_elems_release(&e);
    return rc;
}

/* ---- zip_with -------------------------------------------------------------------------------- */

static int fn_eval_zip_with(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    const vec *l = args[0], *r = args[1];
    vec *p[2] = {vec_new(l->type->elem, 0), vec_new(r->type->elem, 0)};
    int64_t *first = em_malloc((size_t)(n + 1) * sizeof *first);
    int64_t m = 0, cap = 0;
    int64_t *rows = NULL;
    int rc = EM_OK;
    for (int64_t row = 0; row < n && rc == EM_OK; row++) {
        first[row] = m;
        if (fn_cell_null(l, row) || fn_cell_null(r, row))
            continue;
        int32_t ll = fn_list_len(l, row), rl = fn_list_len(r, row);
        int32_t len = ll > rl ? ll : rl;
        for (int32_t k = 0; k < len && rc == EM_OK; k++) {
            rc = fn_vec_append_or_null(p[0], k < ll ? l->children[0] : NULL,
                                       fn_list_start(l, row) + k, err);
            if (rc == EM_OK)
                rc = fn_vec_append_or_null(p[1], k < rl ? r->children[0] : NULL,
                                           fn_list_start(r, row) + k, err);
            if (m == cap) {
                cap = cap ? cap * 2 : 64;
                rows = em_realloc(rows, (size_t)cap * sizeof *rows);
            }
            rows[m++] = row;
        }
    }
    first[n] = m;
    vec *res = NULL;
    if (rc == EM_OK)
        rc = fn_hof_run(ctx, call->args[2], p, rows, m, &res, err);
    if (rc == EM_OK) {
        /* a row is NULL when either array is */
        vec *like = vec_new(ty_boolean(), n);
        for (int64_t row = 0; row < n; row++)
            if (fn_cell_null(l, row) || fn_cell_null(r, row))
                vec_append_null(like);
            else {
                vec_reserve(like, like->len + 1);
                VEC_VALUES(like, uint8_t)[like->len] = 1;
                vec_set_valid(like, like->len);
                like->len++;
            }
        *out = fn_elems_wrap(call->type, like, n, first, res, NULL);
        vec_release(like);
    }
    vec_release(res);
    vec_release(p[0]);
    vec_release(p[1]);
    em_free(rows);
    em_free(first);
    return rc;
}

/* ---- map_filter / transform_keys / transform_values ------------------------------------------ */

static int fn_eval_map_hof(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    const char *name = call->fn->name;
    const vec *m = args[0];
    fn_elems e;
    fn_elems_init(&e, m, n);
    vec *p[2] = {fn_elems_vec(&e, m, 0, n, err), fn_elems_vec(&e, m, 1, n, err)};
    vec *res = NULL;
    int rc = p[0] && p[1] ? EM_OK : err->code;
    if (rc == EM_OK)
        rc = fn_hof_run(ctx, call->args[1], p, e.rows, e.n, &res, err);
    if (rc == EM_OK && strcmp(name, "transform_values") == 0) {
        *out = fn_elems_wrap(call->type, m, n, e.first, p[0], res);
    } else if (rc == EM_OK && strcmp(name, "map_filter") == 0) {
        int64_t *sel = em_malloc((size_t)(e.n ? e.n : 1) * sizeof *sel);
        int64_t *first = em_malloc((size_t)(n + 1) * sizeof *first);
        int64_t cnt = 0;
        for (int64_t r = 0; r < n; r++) {
            first[r] = cnt;
            for (int64_t k = e.first[r]; k < e.first[r + 1]; k++)
                if (fn_true_at(res, k))
                    sel[cnt++] = k;
        }
        first[n] = cnt;
        vec *ks = vec_take(p[0], sel, cnt, err), *vs = ks ? vec_take(p[1], sel, cnt, err) : NULL;
        if (ks && vs)
            *out = fn_elems_wrap(call->type, m, n, first, ks, vs);
        else
            rc = err->code;
        vec_release(ks);
        vec_release(vs);
        em_free(sel);
        em_free(first);
    } else if (rc == EM_OK) {
        /* transform_keys: the new keys go through the map builder (NULL / duplicate keys) */
        vec *o = vec_new(call->type, n);
        fn_map_builder b;
        fn_mapb_init(&b, ctx ? ctx->opts : NULL);
        for (int64_t r = 0; r < n && rc == EM_OK; r++) {
            if (fn_cell_null(m, r)) {
                vec_append_null(o);
                continue;
            }
            for (int64_t k = e.first[r]; k < e.first[r + 1] && rc == EM_OK; k++)
                rc = fn_mapb_put(&b, res, k, fn_cell_null(p[1], k) ? NULL : p[1], k, err);
            rc = rc ? rc : fn_mapb_emit(&b, o, err);
        }
        fn_mapb_release(&b);
        if (rc)
            vec_release(o);
        else
            *out = o;
    }
    vec_release(res);
    vec_release(p[0]);
    vec_release(p[1]);
    fn_elems_release(&e);
    return rc;
}

/* ---- map_zip_with ---------------------------------------------------------------------------- */

static int fn_eval_map_zip_with(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    const vec *m1 = args[0], *m2 = args[1];
    const ty *kt = call->type->key;
    vec *keys = vec_new(kt, 0), *v1 = vec_new(m1->type->value, 0),
        *v2 = vec_new(m2->type->value, 0);
    int64_t *first = em_malloc((size_t)(n + 1) * sizeof *first);
    int64_t *rows = NULL, m = 0, cap = 0;
    fn_cellset seen;
    fn_cellset_init(&seen);
    int rc = EM_OK;
    /* per key, in insertion order: where the key first appears, and its first position in
       each map (-1: absent) */
    typedef struct fn_zip_key {
        int z;
        int32_t k;
        int32_t at[2];
    } fn_zip_key;
    fn_zip_key *zk = NULL;
    int64_t zk_cap = 0;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        first[r] = m;
        if (fn_cell_null(m1, r) || fn_cell_null(m2, r))
            continue;
        fn_cellset_clear(&seen);
        int64_t nk = 0;
        const vec *maps[2] = {m1, m2};
        for (int z = 0; z < 2; z++) {
            const vec *mk = maps[z]->children[0];
            for (int32_t k = fn_list_start(maps[z], r); k < maps[z]->offsets[r + 1]; k++) {
                bool added;
                int64_t id = fn_cellset_add(&seen, mk, k, &added);
                if (added) {
                    if (id >= zk_cap) {
                        zk_cap = zk_cap ? zk_cap * 2 : 64;
                        zk = em_realloc(zk, (size_t)zk_cap * sizeof *zk);
                    }
                    zk[id] = (fn_zip_key){.z = z, .k = k, .at = {-1, -1}};
                    nk++;
                }
                if (zk[id].at[z] < 0)
                    zk[id].at[z] = k;
            }
        }
        for (int64_t id = 0; id < nk && rc == EM_OK; id++) {
            rc = vec_append_from(keys, maps[zk[id].z]->children[0], zk[id].k, err);
            if (rc == EM_OK)
                rc = fn_vec_append_or_null(v1, zk[id].at[0] < 0 ? NULL : m1->children[1],
                                           zk[id].at[0], err);
            if (rc == EM_OK)
                rc = fn_vec_append_or_null(v2, zk[id].at[1] < 0 ? NULL : m2->children[1],
                                           zk[id].at[1], err);
            if (m == cap) {
                cap = cap ? cap * 2 : 64;
                rows = em_realloc(rows, (size_t)cap * sizeof *rows);
            }
            rows[m++] = r;
        }
    }
    first[n] = m;
    vec *res = NULL;
    if (rc == EM_OK) {
        vec *p[3] = {keys, v1, v2};
        rc = fn_hof_run(ctx, call->args[2], p, rows, m, &res, err);
    }
    if (rc == EM_OK) {
        vec *like = vec_new(ty_boolean(), n);
        for (int64_t r = 0; r < n; r++) {
            vec_reserve(like, like->len + 1);
            VEC_VALUES(like, uint8_t)[like->len] = 1;
            if (fn_cell_null(m1, r) || fn_cell_null(m2, r))
                vec_set_null(like, like->len);
            else
                vec_set_valid(like, like->len);
            like->len++;
        }
        *out = fn_elems_wrap(call->type, like, n, first, keys, res);
        vec_release(like);
    }
    fn_cellset_release(&seen);
    em_free(zk);
    em_free(rows);
    em_free(first);
    vec_release(res);
    vec_release(keys);
    vec_release(v1);
    vec_release(v2);
    return rc;
}

#define FN_HOF(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_hof_defs[] = {
    FN_HOF("transform", 2, 2, fn_bind_array_hof, fn_eval_transform),
    FN_HOF("filter", 2, 2, fn_bind_array_hof, fn_eval_transform),
    FN_HOF("exists", 2, 2, fn_bind_array_hof, fn_eval_quantifier),
    FN_HOF("forall", 2, 2, fn_bind_array_hof, fn_eval_quantifier),
    FN_HOF("aggregate", 3, 4, fn_bind_aggregate, fn_eval_aggregate),
    FN_HOF("reduce", 3, 4, fn_bind_aggregate, fn_eval_aggregate),
    FN_HOF("zip_with", 3, 3, fn_bind_zip_with, fn_eval_zip_with),
    FN_HOF("array_sort", 1, 2, fn_hof_bind_array_sort, fn_hof_eval_array_sort),
    FN_HOF("map_filter", 2, 2, fn_bind_map_hof, fn_eval_map_hof),
    FN_HOF("transform_keys", 2, 2, fn_bind_map_hof, fn_eval_map_hof),
    FN_HOF("transform_values", 2, 2, fn_bind_map_hof, fn_eval_map_hof),
    FN_HOF("map_zip_with", 3, 3, fn_bind_map_zip_with, fn_eval_map_zip_with),
};
const int fn_hof_n_defs = (int)(sizeof fn_hof_defs / sizeof fn_hof_defs[0]);
