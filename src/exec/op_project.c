/*
 * op_project: Project and Filter, the streaming row-by-row operators. Project evaluates its
 * select list over each input batch; Filter evaluates the condition and keeps the rows where it
 * is TRUE (NULL and FALSE drop the row), passing batches through untouched when every row
 * qualifies and skipping batches where none does.
 */
#include "common/em_mem.h"
#include "exec/ex_int.h"

static int ex_project_next(ex_op *op, vec_batch **out, em_error *err)
{
    vec_batch *in;
    int rc = ex_child_next(op, 0, &in, err);
    if (rc <= 0)
        return rc;
    const pl_node *n = op->node;
    vec_batch *b = vec_batch_new(n->n_exprs, in->n_rows);
    b->part = in->part;
    for (int i = 0; i < n->n_exprs; i++) {
        if (ex_eval(op->q, n->exprs[i], in, NULL, in->n_rows, &b->cols[i], err)) {
            vec_batch_free(b);
            vec_batch_free(in);
            return -1;
        }
    }
    vec_batch_free(in);
    *out = b;
    return 1;
}

static const ex_op_vtbl ex_project_vt = {ex_project_next, NULL};

int ex_project_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_project_vt, 1);
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}

static int ex_filter_next(ex_op *op, vec_batch **out, em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        vec *c = NULL;
        if (ex_eval(op->q, op->node->u.filter.cond, in, NULL, in->n_rows, &c, err)) {
            vec_batch_free(in);
            return -1;
        }
        int64_t *sel = em_malloc((size_t)(in->n_rows ? in->n_rows : 1) * sizeof *sel);
        int64_t k = 0;
        bool is_null_type = c->type->kind == TY_NULL;
        for (int64_t r = 0; r < in->n_rows; r++)
            if (!is_null_type && !vec_is_null(c, r) && VEC_VALUES(c, uint8_t)[r])
                sel[k++] = r;
        vec_release(c);
        if (k == in->n_rows) {
            em_free(sel);
            *out = in;
            return 1;
        }
        if (k == 0) {
            em_free(sel);
            vec_batch_free(in);
            continue;
        }
        vec_batch *b = ex_batch_take(in, sel, k, err);
        em_free(sel);
        int32_t part = in->part;
        vec_batch_free(in);
        if (!b)
            return -1;
        b->part = part;
        *out = b;
        return 1;
    }
}

static const ex_op_vtbl ex_filter_vt = {ex_filter_next, NULL};

int ex_filter_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_filter_vt, 1);
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
