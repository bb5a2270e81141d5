/*
 * ex_coll: executor support for the collection functions: lambda evaluation for higher-order
 * functions, lambda parameters (PX_LAMBDA_VAR), array / map extraction (PX_EXTRACT) and the
 * per-query state of stateful functions.
 *
 * Lambdas. A higher-order kernel (functions/fn_hof.c) flattens the elements of its batch into
 * "element rows" and asks ctx->lambda_eval to evaluate the lambda body over them, telling which
 * input row each element row belongs to. The body is then evaluated like any expression over a
 * derived batch: the input columns the body reads are repeated per element row (the others are
 * left out), and the lambda parameters are bound in q->lambda_env, a list of (attr_id, vector)
 * pairs aligned with the rows of the batch being evaluated. Bindings of enclosing lambdas are
 * re-aligned the same way, so nested lambdas can read outer parameters. PX_LAMBDA_VAR reads its
 * binding like a column reference reads a column (taking the selected rows under lazy
 * evaluation). The environment is restored when the body returns, also on errors.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_lambda_binding {
    int64_t id;
    vec *v; /* owned reference, one row per row of the batch being evaluated */
} ex_lambda_binding;

struct ex_lambda_env {
    int n;
    ex_lambda_binding *b;
};

struct ex_call_state {
    const pl_expr *call;
    void *mem;
    struct ex_call_state *next;
};

/* ---- references of a lambda body ------------------------------------------------------------ */

typedef struct ex_refs {
    bool *cols; /* in->n_cols flags */
    int n_cols;
    int64_t *ids; /* lambda parameter ids read */
    int n_ids, cap_ids;
} ex_refs;

static void ex_refs_scan(ex_refs *r, const pl_expr *e)
{
    if (!e)
        return;
    if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < r->n_cols)
        r->cols[e->col_index] = true;
    if (e->kind == PX_LAMBDA_VAR) {
        if (r->n_ids == r->cap_ids) {
            r->cap_ids = r->cap_ids ? r->cap_ids * 2 : 8;
            r->ids = em_realloc(r->ids, (size_t)r->cap_ids * sizeof *r->ids);
        }
        r->ids[r->n_ids++] = e->attr_id;
    }
    for (int k = 0; k < e->n_args; k++)
        ex_refs_scan(r, e->args[k]);
}

static bool ex_refs_has_id(const ex_refs *r, int64_t id)
{
    for (int k = 0; k < r->n_ids; k++)
        if (r->ids[k] == id)
            return true;
    return false;
}

/* ---- lambda evaluation ---------------------------------------------------------------------- */

static int ex_lambda_eval_cb(fn_ctx *ctx, const pl_expr *lambda, vec *const *params,
                             const int64_t *rows, int64_t n, vec **out, em_error *err)
{
    *out = NULL;
    ex_call_frame *f = ctx->exec;
    ex_query *q = f->q;
    if (!lambda || lambda->kind != PX_LAMBDA || lambda->n_args < 1)
        return em_error_internal(err, "lambda_eval: not a resolved lambda");
    int n_params = lambda->n_args - 1;
    /* the input row of each element row */
    int64_t *map = em_malloc((size_t)(n ? n : 1) * sizeof *map);
    for (int64_t i = 0; i < n; i++)
        map[i] = f->sel ? f->sel[rows[i]] : rows[i];
    ex_refs refs = {.n_cols = f->in ? f->in->n_cols : 0};
    refs.cols = em_calloc((size_t)(refs.n_cols ? refs.n_cols : 1), sizeof *refs.cols);
    ex_refs_scan(&refs, lambda->args[0]);
    int rc = EM_OK;
    vec_batch *nb = vec_batch_new(refs.n_cols, n);
    for (int c = 0; c < refs.n_cols && rc == EM_OK; c++) {
        if (!refs.cols[c] || !f->in->cols[c])
            continue;
        nb->cols[c] = vec_take(f->in->cols[c], map, n, err);
        if (!nb->cols[c])
            rc = err ? err->code : EM_EINTERNAL;
    }
    /* the new environment: enclosing bindings the body reads, re-aligned, then the params */
    struct ex_lambda_env env = {0};
    struct ex_lambda_env *outer = q->lambda_env;
    int cap = (outer ? outer->n : 0) + n_params;
    env.b = em_calloc((size_t)(cap ? cap : 1), sizeof *env.b);
    for (int k = 0; outer && k < outer->n && rc == EM_OK; k++) {
        if (!ex_refs_has_id(&refs, outer->b[k].id))
            continue;
        vec *v = vec_take(outer->b[k].v, map, n, err);
        if (!v) {
            rc = err ? err->code : EM_EINTERNAL;
            break;
        }
        env.b[env.n++] = (ex_lambda_binding){.id = outer->b[k].id, .v = v};
    }
    for (int k = 0; k < n_params && rc == EM_OK; k++) {
        if (!params[k] || params[k]->len != n) {
            rc = em_error_internal(err, "lambda parameter %d has the wrong length", k);
            break;
        }
        env.b[env.n++] =
            (ex_lambda_binding){.id = lambda->args[k + 1]->attr_id, .v = vec_retain(params[k])};
    }
    if (rc == EM_OK) {
        q->lambda_env = &env;
        rc = ex_eval(q, lambda->args[0], nb, NULL, n, out, err);
        q->lambda_env = outer;
    }
    for (int k = 0; k < env.n; k++)
        vec_release(env.b[k].v);
    em_free(env.b);
    vec_batch_free(nb);
    em_free(refs.cols);
    em_free(refs.ids);
    em_free(map);
    return rc;
}

int ex_lambda_var_eval(ex_query *q, const pl_expr *e, const int64_t *sel, int64_t n, vec **out,
                       em_error *err)
{
    *out = NULL;
    const struct ex_lambda_env *env = q->lambda_env;
    for (int k = env ? env->n - 1 : -1; k >= 0; k--) {
        if (env->b[k].id != e->attr_id)
            continue;
        vec *v = env->b[k].v;
        if (!sel) {
            if (v->len != n)
                return em_error_internal(err, "lambda variable has %lld rows, expected %lld",
                                         (long long)v->len, (long long)n);
            *out = vec_retain(v);
            return EM_OK;
        }
        *out = vec_take(v, sel, n, err);
        return *out ? EM_OK : (err ? err->code : EM_EINTERNAL);
    }
    return em_error_internal(err, "lambda variable %s is not bound",
                             e->n_parts ? e->parts[0] : "?");
}

/* ---- per-query state of stateful functions -------------------------------------------------- */

static void *ex_call_state_cb(fn_ctx *ctx, const pl_expr *call, size_t size)
{
    ex_call_frame *f = ctx->exec;
    ex_query *q = f->q;
    for (struct ex_call_state *s = q->call_states; s; s = s->next)
        if (s->call == call)
            return s->mem;
    struct ex_call_state *s = em_calloc(1, sizeof *s);
    s->call = call;
    s->mem = em_calloc(1, size ? size : 1);
    s->next = q->call_states;
    q->call_states = s;
    return s->mem;
}

void ex_call_states_free(ex_query *q)
{
    struct ex_call_state *s = q->call_states;
    while (s) {
        struct ex_call_state *next = s->next;
        em_free(s->mem);
        em_free(s);
        s = next;
    }
    q->call_states = NULL;
}

void ex_fn_ctx_init(ex_query *q, fn_ctx *ctx, ex_call_frame *frame, const vec_batch *in,
                    const int64_t *sel, int64_t n)
{
    frame->q = q;
    frame->in = in;
    frame->sel = sel;
    frame->n = n;
    ctx->opts = &q->opts;
    ctx->exec = frame;
    ctx->lambda_eval = ex_lambda_eval_cb;
    ctx->call_state = ex_call_state_cb;
    ctx->partition = in ? in->part : 0;
}

/* ---- extraction ------------------------------------------------------------------------------ */

int ex_extract_collection(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                          int64_t n, vec **out, em_error *err)
{
    *out = NULL;
    vec *base = NULL, *key = NULL;
    int rc = ex_eval(q, e->args[0], in, sel, n, &base, err);
    if (rc == EM_OK && e->ordinal < 0)
        rc = ex_eval(q, e->args[1], in, sel, n, &key, err);
    if (rc == EM_OK) {
        fn_ctx ctx = {0};
        ex_call_frame frame;
        ex_fn_ctx_init(q, &ctx, &frame, in, sel, n);
        rc = fn_extract_value(e, base, key, n, &ctx, out, err);
    }
    vec_release(base);
    vec_release(key);
    return rc;
}
