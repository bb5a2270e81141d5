/*
 * op_sort: Sort (ORDER BY / orderBy / sort). Drains its input, evaluates the sort keys, and
 * sorts row indexes with a stable merge sort, comparing keys with Spark's ordering
 * (ty_order.h: NaN above every number, -0.0 equal to 0.0, strings bytewise), honouring each
 * key's direction and NULLS FIRST / LAST. Rows equal on every key keep their input order.
 * The sorted rows are emitted in batches. (Everything is held in memory; spilling is a later
 * slice.)
 */
#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

typedef struct ex_sort_state {
    ex_rows rows;
    ex_rows keys;
    const ty **row_types;
    const ty **key_types;
    int64_t *perm;
    int64_t emitted;
    bool sorted;
    ex_query *perm_acct; /* memory budget charged for perm (+ the merge buffer while sorting) */
    int64_t perm_bytes;
} ex_sort_state;

typedef struct ex_sort_cmp {
    const ex_rows *keys;
    const pl_node *node;
    ex_query *q;   /* cancellation is checked between large merges */
    bool canceled; /* set once the query is canceled: the sort stops early */
} ex_sort_cmp;

static int ex_sort_compare(const ex_sort_cmp *c, int64_t a, int64_t b)
{
    for (int k = 0; k < c->keys->n_cols; k++) {
        const pl_expr *o = c->node->exprs[k];
        const vec *v = c->keys->cols[k];
        bool na = v->type->kind == TY_NULL || vec_is_null(v, a);
        bool nb = v->type->kind == TY_NULL || vec_is_null(v, b);
        int r;
        if (na || nb) {
            if (na && nb)
                continue;
            r = na ? (o->nulls_first ? -1 : 1) : (o->nulls_first ? 1 : -1);
        } else {
            r = ty_compare(v, a, v, b);
            if (o->descending)
                r = -r;
        }
        if (r)
            return r;
    }
    return 0;
}

static void ex_merge_sort(ex_sort_cmp *c, int64_t *a, int64_t *tmp, int64_t n)
{
    if (n < 2 || c->canceled)
        return;
    if (n >= 4096 && c->q && ex_check_cancel(c->q, NULL)) {
        c->canceled = true;
        return;
    }
    if (n <= 16) {
        for (int64_t i = 1; i < n; i++) {
            int64_t x = a[i], j = i - 1;
            while (j >= 0 && ex_sort_compare(c, a[j], x) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
        return;
    }
    int64_t mid = n / 2;
    ex_merge_sort(c, a, tmp, mid);
    ex_merge_sort(c, a + mid, tmp, n - mid);
    if (ex_sort_compare(c, a[mid - 1], a[mid]) <= 0)
        return;
    int64_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        tmp[k++] = ex_sort_compare(c, a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    for (int64_t x = 0; x < n; x++)
        a[x] = tmp[x];
}

static int ex_sort_drain(ex_op *op, ex_sort_state *st, em_error *err)
{
    const pl_node *n = op->node;
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        vec_batch *kb = vec_batch_new(n->n_exprs, in->n_rows);
        for (int k = 0; k < n->n_exprs; k++) {
            const pl_expr *o = n->exprs[k];
            const pl_expr *key = o->kind == PX_SORT_ORDER ? o->args[0] : o;
            if (ex_eval(op->q, key, in, NULL, in->n_rows, &kb->cols[k], err)) {
                vec_batch_free(kb);
                vec_batch_free(in);
                return -1;
            }
        }
        rc = ex_rows_append(&st->rows, in, NULL, in->n_rows, err);
        if (rc == EM_OK)
            rc = ex_rows_append(&st->keys, kb, NULL, kb->n_rows, err);
        vec_batch_free(kb);
        vec_batch_free(in);
        if (rc)
            return -1;
    }
    int64_t total = st->rows.n_rows;
    st->perm_bytes = 2 * total * (int64_t)sizeof(int64_t);
    if (ex_mem_acquire(op->q, &st->perm_acct, st->perm_bytes, err))
        return -1;
    st->perm = em_malloc((size_t)(total ? total : 1) * sizeof *st->perm);
    int64_t *tmp = em_malloc((size_t)(total ? total : 1) * sizeof *tmp);
    for (int64_t i = 0; i < total; i++)
        st->perm[i] = i;
    ex_sort_cmp c = {.keys = &st->keys, .node = n, .q = op->q};
    ex_merge_sort(&c, st->perm, tmp, total);
    em_free(tmp);
    if (c.canceled) {
        em_error_canceled(err);
        return -1;
    }
    st->sorted = true;
    return 0;
}

static int ex_sort_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_sort_state *st = op->state;
    if (!st->sorted && ex_sort_drain(op, st, err))
        return -1;
    int64_t left = st->rows.n_rows - st->emitted;
    if (left <= 0)
        return 0;
    int64_t n = left < ex_batch_rows(op->q) ? left : ex_batch_rows(op->q);
    vec_batch *b = ex_rows_take(&st->rows, st->perm + st->emitted, n, err);
    if (!b)
        return -1;
    st->emitted += n;
    *out = b;
    return 1;
}

static void ex_sort_release(ex_op *op)
{
    ex_sort_state *st = op->state;
    if (!st)
        return;
    ex_rows_release(&st->rows);
    ex_rows_release(&st->keys);
    em_free(st->row_types);
    em_free(st->key_types);
    em_free(st->perm);
    ex_mem_release(st->perm_acct, st->perm_bytes);
    em_free(st);
}

static const ex_op_vtbl ex_sort_vt = {ex_sort_next, ex_sort_release};

int ex_sort_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_sort_vt, 1);
    ex_sort_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->row_types = ex_node_types(n->children[0]);
    st->key_types = em_calloc((size_t)(n->n_exprs ? n->n_exprs : 1), sizeof *st->key_types);
    for (int k = 0; k < n->n_exprs; k++) {
        const pl_expr *o = n->exprs[k];
        st->key_types[k] = o->kind == PX_SORT_ORDER ? o->args[0]->type : o->type;
    }
    ex_rows_init(&st->rows, n->children[0]->n_out, st->row_types);
    ex_rows_init(&st->keys, n->n_exprs, st->key_types);
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
