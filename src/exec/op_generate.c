/*
 * op_generate: Generate (Spark's GenerateExec): each input row followed by the rows its
 * generator produces (explode, posexplode, inline, stack...). Output columns are the child's
 * columns then one per generated field (plan.h, PL_GENERATE).
 *
 * State machine: for each input batch the generator kernel runs once over all rows (fn.h: it
 * returns one ARRAY<STRUCT> of generated rows per input row); the operator then lists the output
 * rows as (input row, generated element) pairs and emits them in batches of at most batch_rows,
 * pulling the next input batch when the pairs run out. With outer (explode_outer & co) an input
 * row whose generator yields nothing (NULL or empty) still appears once, with NULL generated
 * columns. A NULL generated struct (inline over a NULL element) gives NULL columns too.
 */
#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_gen_state {
    vec_batch *in; /* the current input batch */
    vec *rows;     /* the generator's result for it */
    int64_t *src;  /* per output row: its input row */
    int64_t *el;   /* per output row: its element in rows->children[0], -1 for an outer NULL row */
    int64_t n_out;
    int64_t pos;
} ex_gen_state;

static void ex_gen_clear(ex_gen_state *s)
{
    vec_batch_free(s->in);
    vec_release(s->rows);
    em_free(s->src);
    em_free(s->el);
    s->in = NULL;
    s->rows = NULL;
    s->src = s->el = NULL;
    s->n_out = s->pos = 0;
}

/* Runs the generator over s->in and lists the output rows. */
static int ex_gen_run(ex_op *op, ex_gen_state *s, em_error *err)
{
    const pl_expr *call = op->node->exprs[0];
    const vec_batch *in = s->in;
    int64_t n = in->n_rows;
    if (!call->fn || !call->fn->eval)
        return em_error_internal(err, "generator without a kernel");
    vec **args = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof *args);
    int rc = EM_OK;
    for (int k = 0; k < call->n_args && rc == EM_OK; k++)
        rc = ex_eval(op->q, call->args[k], in, NULL, n, &args[k], err);
    if (rc == EM_OK) {
        fn_ctx ctx = {0};
        ex_call_frame frame;
        ex_fn_ctx_init(op->q, &ctx, &frame, in, NULL, n);
        rc = call->fn->eval(call, args, n, &ctx, &s->rows, err);
        if (rc == EM_OK && (!s->rows || s->rows->type->kind != TY_ARRAY || s->rows->len != n))
            rc = em_error_internal(err, "generator %s returned no rows vector", call->fn->name);
    }
    for (int k = 0; k < call->n_args; k++)
        vec_release(args[k]);
    em_free(args);
    if (rc)
        return rc;
    bool outer = op->node->u.generate.outer;
    const vec *rv = s->rows;
    int64_t total = 0;
    for (int64_t r = 0; r < n; r++) {
        int64_t len = vec_is_null(rv, r) ? 0 : rv->offsets[r + 1] - rv->offsets[r];
        total += len ? len : (outer ? 1 : 0);
    }
    s->src = em_malloc((size_t)(total ? total : 1) * sizeof *s->src);
    s->el = em_malloc((size_t)(total ? total : 1) * sizeof *s->el);
    int64_t m = 0;
    for (int64_t r = 0; r < n; r++) {
        int64_t start = rv->offsets[r];
        int64_t len = vec_is_null(rv, r) ? 0 : rv->offsets[r + 1] - start;
        for (int64_t k = 0; k < len; k++) {
            s->src[m] = r;
            s->el[m++] = start + k;
        }
        if (!len && outer) {
            s->src[m] = r;
            s->el[m++] = -1;
        }
    }
    s->n_out = m;
    s->pos = 0;
    return EM_OK;
}

static int ex_gen_emit(ex_op *op, ex_gen_state *s, vec_batch **out, em_error *err)
{
    const pl_node *node = op->node;
    int64_t k = s->n_out - s->pos, cap = ex_batch_rows(op->q);
    if (k > cap)
        k = cap;
    vec_batch *b = ex_batch_take(s->in, s->src + s->pos, k, err);
    if (!b)
        return -1;
    const vec *st = s->rows->children[0];
    int base = s->in->n_cols, n_gen = node->n_out - base;
    vec **cols = em_realloc(b->cols, (size_t)(base + n_gen) * sizeof *cols);
    b->cols = cols;
    for (int f = 0; f < n_gen; f++) {
        const vec *src = f < st->n_children ? st->children[f] : NULL;
        vec *v = vec_new(node->out[base + f].type, k);
        b->cols[base + f] = v;
        b->n_cols = base + f + 1;
        for (int64_t i = 0; i < k; i++) {
            int64_t e = s->el[s->pos + i];
            if (!src || e < 0 || vec_is_null(st, e)) {
                vec_append_null(v);
                continue;
            }
            if (vec_append_from(v, src, e, err)) {
                vec_batch_free(b);
                return -1;
            }
        }
    }
    b->n_rows = k;
    s->pos += k;
    *out = b;
    return 1;
}

static int ex_generate_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_gen_state *s = op->state;
    for (;;) {
        if (s->in && s->pos < s->n_out)
            return ex_gen_emit(op, s, out, err);
        ex_gen_clear(s);
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        s->in = in;
        if (in->n_rows && ex_gen_run(op, s, err))
            return -1;
    }
}

static void ex_generate_release(ex_op *op)
{
    ex_gen_state *s = op->state;
    if (!s)
        return;
    ex_gen_clear(s);
    em_free(s);
}

static const ex_op_vtbl ex_generate_vt = {ex_generate_next, ex_generate_release};

int ex_generate_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    if (n->n_exprs < 1 || !n->exprs[0] || n->exprs[0]->kind != PX_CALL)
        return em_error_internal(err, "Generate without a generator call");
    ex_op *op = ex_op_new(q, n, &ex_generate_vt, 1);
    op->state = em_calloc(1, sizeof(ex_gen_state));
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
