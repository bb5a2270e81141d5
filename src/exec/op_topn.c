/*
 * op_topn: Top-N - a Limit(n) directly over a Sort (ORDER BY ... LIMIT n) run without sorting
 * the whole input: only the best n rows so far are kept, in a bounded buffer. The result is
 * Sort + Limit's, row for row: Spark's ordering (ex_sort_rows_compare: directions, NULLS FIRST /
 * LAST, NaN above every number, -0.0 = 0.0) and the stable sort's tie order (rows equal on
 * every key come out in input order).
 *
 * Where the choice is made: ex_build (ex_query.c) asks ex_topn_applies for a PL_LIMIT whose
 * child is a PL_SORT; the optimizer puts limits directly over sorts (opt_limit.c moves them
 * below projections and turns Limit(Offset(x)) into Offset(Limit(x))). A large n (past
 * EX_TOPN_MAX_ROWS, or a buffer that would take more than an eighth of the memory budget) runs
 * the ordinary external sort instead.
 *
 * State machine:
 *  - FILL: each input batch's sort keys are evaluated (input columns ++ key columns, as Sort
 *    holds them). Once the buffer holds n sorted rows, its row n-1 is the bound: a new row is
 *    kept only when it sorts strictly before the bound (an equal row comes later in input order
 *    than the bound, so a stable sort would put it after row n-1 too). Kept rows are appended
 *    to the buffer (charged to the query's memory budget by ex_rows).
 *  - COMPACT: when the buffer reaches max(2n, n + 1024) rows, it is sorted (a stable merge sort
 *    of row indexes) and only its first n rows are kept, in sorted order. Rows kept from earlier
 *    compactions precede later input in the buffer and keep their (stable) order, so re-sorting
 *    keeps ties in input order.
 *  - EMIT: at the end of the input the buffer is sorted once more and its first n rows go out
 *    in batches of batch_rows.
 * Memory: at most max(2n, n + 1024) + one batch of rows plus 16 bytes a row for the sort, all
 * charged; the input is never held whole. Cancellation is checked per pulled batch.
 */
#include <stdlib.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_topn_state {
    const pl_node *sort; /* the Sort under the Limit */
    int64_t k;           /* rows returned */
    int64_t hold_max;    /* buffer size that triggers a compaction */
    int n_cols;          /* input columns */
    int n_keys;          /* key columns, after the input columns */
    const ty **types;    /* input types ++ key types */
    ex_rows rows;        /* the buffer: input ++ keys */
    bool bounded;        /* rows[k-1] is the bound (the buffer's first k rows are sorted) */
    int64_t *perm;       /* final order (EMIT) */
    int64_t n_out;       /* rows to emit */
    int64_t emitted;
    bool drained;
    ex_query *perm_acct; /* budget charged for the sort's index arrays */
    int64_t perm_bytes;
} ex_topn_state;

static vec_batch ex_topn_view(const ex_topn_state *st)
{
    vec_batch v = {.n_cols = st->rows.n_cols, .n_rows = st->rows.n_rows, .cols = st->rows.cols};
    return v;
}

typedef struct ex_topn_cmp {
    const ex_topn_state *st;
    vec_batch all;
} ex_topn_cmp;

static int ex_topn_compare(void *ctx, int64_t a, int64_t b)
{
    const ex_topn_cmp *c = ctx;
    return ex_sort_rows_compare(c->st->sort, c->st->n_cols, c->st->n_keys, &c->all, a, &c->all, b);
}

/* Sorts the buffer into a new permutation (*perm, em_malloc'd, caller frees); the 16 bytes a
   row it needs are charged while it exists (st->perm_*). */
static int ex_topn_sort(ex_op *op, ex_topn_state *st, int64_t **perm, em_error *err)
{
    int64_t n = st->rows.n_rows;
    ex_query *acct = NULL;
    if (ex_mem_acquire(op->q, &acct, 16 * n, err))
        return -1;
    ex_mem_release(st->perm_acct, st->perm_bytes);
    st->perm_acct = acct;
    st->perm_bytes = 16 * n;
    int64_t *p = em_malloc((size_t)(n ? n : 1) * sizeof *p);
    int64_t *tmp = em_malloc((size_t)(n ? n : 1) * sizeof *tmp);
    for (int64_t r = 0; r < n; r++)
        p[r] = r;
    ex_topn_cmp c = {.st = st, .all = ex_topn_view(st)};
    ex_sort_indexes(p, tmp, n, ex_topn_compare, NULL, &c);
    em_free(tmp);
    *perm = p;
    return ex_check_cancel(op->q, err) ? -1 : EM_OK;
}

/* Keeps only the best k rows of the buffer, sorted. */
static int ex_topn_compact(ex_op *op, ex_topn_state *st, em_error *err)
{
    int64_t *perm = NULL;
    if (ex_topn_sort(op, st, &perm, err)) {
        em_free(perm);
        return -1;
    }
    int64_t keep = st->rows.n_rows < st->k ? st->rows.n_rows : st->k;
    vec_batch *best = ex_rows_take(&st->rows, perm, keep, err);
    em_free(perm);
    ex_mem_release(st->perm_acct, st->perm_bytes);
    st->perm_acct = NULL;
    st->perm_bytes = 0;
    if (!best)
        return -1;
    ex_rows_release(&st->rows);
    ex_rows_init(&st->rows, st->n_cols + st->n_keys, st->types);
    int rc = ex_rows_append(&st->rows, best, NULL, best->n_rows, err);
    vec_batch_free(best);
    if (rc)
        return -1;
    st->bounded = st->rows.n_rows == st->k;
    return EM_OK;
}

/* Adds the rows of b (input ++ keys) that can still be among the best k; consumes b. */
static int ex_topn_keep(ex_op *op, ex_topn_state *st, vec_batch *b, em_error *err)
{
    int64_t *sel = NULL;
    int64_t n_sel = b->n_rows;
    if (st->bounded) {
        vec_batch all = ex_topn_view(st);
        sel = em_malloc((size_t)b->n_rows * sizeof *sel);
        n_sel = 0;
        for (int64_t r = 0; r < b->n_rows; r++)
            if (ex_sort_rows_compare(st->sort, st->n_cols, st->n_keys, b, r, &all, st->k - 1) < 0)
                sel[n_sel++] = r;
    }
    int rc = n_sel > 0 ? ex_rows_append(&st->rows, b, sel, n_sel, err) : EM_OK;
    em_free(sel);
    vec_batch_free(b);
    if (rc)
        return -1;
    if (st->rows.n_rows >= st->hold_max)
        return ex_topn_compact(op, st, err);
    return EM_OK;
}

static int ex_topn_drain(ex_op *op, ex_topn_state *st, em_error *err)
{
    for (;;) {
        vec_batch *b;
        int rc = ex_sort_next_keyed(op, st->sort, st->n_cols, &b, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        if (ex_topn_keep(op, st, b, err))
            return -1;
    }
    if (ex_topn_sort(op, st, &st->perm, err))
        return -1;
    st->n_out = st->rows.n_rows < st->k ? st->rows.n_rows : st->k;
    st->drained = true;
    return EM_OK;
}

static int ex_topn_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_topn_state *st = op->state;
    if (!st->drained && ex_topn_drain(op, st, err))
        return -1;
    int64_t left = st->n_out - st->emitted;
    if (left <= 0)
        return 0;
    int64_t n = left < ex_batch_rows(op->q) ? left : ex_batch_rows(op->q);
    ex_rows view = st->rows;
    view.n_cols = st->n_cols; /* the input columns only */
    vec_batch *b = ex_rows_take(&view, st->perm + st->emitted, n, err);
    if (!b)
        return -1;
    st->emitted += n;
    *out = b;
    return 1;
}

static void ex_topn_release(ex_op *op)
{
    ex_topn_state *st = op->state;
    if (!st)
        return;
    ex_rows_release(&st->rows);
    em_free(st->perm);
    ex_mem_release(st->perm_acct, st->perm_bytes);
    em_free(st->types);
    em_free(st);
}

static const ex_op_vtbl ex_topn_vt = {ex_topn_next, ex_topn_release};

/* A rough width of one held row (input ++ keys), for the budget check. */
static int64_t ex_topn_row_width(const pl_node *sort)
{
    int64_t w = 16;
    const pl_node *child = sort->children[0];
    for (int c = 0; c < child->n_out; c++) {
        int fw = ty_fixed_width(child->out[c].type);
        w += fw > 0 ? fw : 32;
    }
    for (int k = 0; k < sort->n_exprs; k++) {
        const pl_expr *o = sort->exprs[k];
        const pl_expr *key = o->kind == PX_SORT_ORDER && o->n_args > 0 ? o->args[0] : o;
        int fw = key->type ? ty_fixed_width(key->type) : 0;
        w += fw > 0 ? fw : 32;
    }
    return w;
}

bool ex_topn_applies(const ex_query *q, const pl_node *n)
{
    if (!n || n->kind != PL_LIMIT || n->n_children != 1 || !n->children[0] ||
        n->children[0]->kind != PL_SORT || n->children[0]->n_children != 1)
        return false;
    int64_t k = n->u.limit.n;
    if (k <= 0 || k > EX_TOPN_MAX_ROWS)
        return false;
    const char *env = getenv("EMBER_TOPN");
    if (env && env[0] == '0')
        return false;
    const pl_node *sort = n->children[0];
    int64_t hold = 2 * k > k + 1024 ? 2 * k : k + 1024;
    int64_t bytes = (hold + ex_batch_rows(q)) * ex_topn_row_width(sort);
    const ex_query *m = q->main ? q->main : q;
    return m->mem_limit <= 0 || bytes <= m->mem_limit / 8;
}

int ex_topn_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    const pl_node *sort = n->children[0];
    ex_op *op = ex_op_new(q, n, &ex_topn_vt, 1);
    ex_topn_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->sort = sort;
    st->k = n->u.limit.n;
    st->hold_max = 2 * st->k > st->k + 1024 ? 2 * st->k : st->k + 1024;
    const pl_node *child = sort->children[0];
    st->n_cols = child->n_out;
    st->n_keys = sort->n_exprs;
    st->types = em_calloc((size_t)(st->n_cols + st->n_keys + 1), sizeof *st->types);
    for (int c = 0; c < st->n_cols; c++)
        st->types[c] = child->out[c].type;
    for (int k = 0; k < st->n_keys; k++) {
        const pl_expr *o = sort->exprs[k];
        st->types[st->n_cols + k] = o->kind == PX_SORT_ORDER ? o->args[0]->type : o->type;
    }
    ex_rows_init(&st->rows, st->n_cols + st->n_keys, st->types);
    if (ex_build(q, child, &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
