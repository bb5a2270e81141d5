/*
 * op_limit: Limit, Offset and Tail.
 *  - Limit passes rows until n have gone out, then stops pulling its child (the child is not
 *    drained, so limit(5) over a huge or failing tail stops early, as Spark's CollectLimit).
 *  - Offset drops the first n rows.
 *  - Tail keeps the last n rows: it buffers batches, dropping the oldest while the rest still
 *    hold at least n rows, then emits the final n rows in order. It holds at most n rows plus
 *    one batch, charged to the query's memory budget (a tail larger than the budget fails with
 *    UNABLE_TO_ACQUIRE_MEMORY: the rows it keeps are its result, nothing to spill).
 */
#include <stdio.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_limit_state {
    int64_t seen;
} ex_limit_state;

static int ex_limit_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_limit_state *st = op->state;
    int64_t n = op->node->u.limit.n;
    bool is_offset = op->node->kind == PL_OFFSET;
    for (;;) {
        if (!is_offset && st->seen >= n)
            return 0;
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        int64_t rows = in->n_rows;
        if (is_offset) {
            if (st->seen >= n) {
                *out = in;
                return 1;
            }
            int64_t skip = n - st->seen;
            st->seen += rows;
            if (skip >= rows) {
                vec_batch_free(in);
                continue;
            }
            vec_batch *b = ex_batch_slice(in, skip, rows - skip, err);
            vec_batch_free(in);
            if (!b)
                return -1;
            *out = b;
            return 1;
        }
        int64_t want = n - st->seen;
        st->seen += rows < want ? rows : want;
        if (rows <= want) {
            *out = in;
            return 1;
        }
        vec_batch *b = ex_batch_slice(in, 0, want, err);
        vec_batch_free(in);
        if (!b)
            return -1;
        *out = b;
        return 1;
    }
}

static void ex_limit_release(ex_op *op)
{
    em_free(op->state);
}

static const ex_op_vtbl ex_limit_vt = {ex_limit_next, ex_limit_release};

int ex_limit_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    if (n->u.limit.n < 0) {
        char v[32];
        snprintf(v, sizeof v, "%lld", (long long)n->u.limit.n);
        return em_error_set(err, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "expr", v, "name",
                            n->kind == PL_OFFSET ? "offset" : "limit", "v", v, NULL);
    }
    ex_op *op = ex_op_new(q, n, &ex_limit_vt, 1);
    op->state = em_calloc(1, sizeof(ex_limit_state));
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}

typedef struct ex_tail_state {
    vec_batch **held; /* held[head .. n_held) are live */
    int64_t *held_bytes;
    int head, n_held, cap_held;
    ex_query *acct; /* the memory budget charged for the held batches */
    int64_t acct_bytes;
    int64_t rows_held;
    bool drained;
    int emit_idx;
    int64_t skip_first; /* rows of held[head] to drop when emitting */
} ex_tail_state;

static int ex_tail_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_tail_state *st = op->state;
    int64_t n = op->node->u.limit.n;
    if (!st->drained) {
        for (;;) {
            vec_batch *in;
            int rc = ex_child_next(op, 0, &in, err);
            if (rc < 0)
                return rc;
            if (rc == 0)
                break;
            if (in->n_rows == 0 || n == 0) {
                vec_batch_free(in);
                continue;
            }
            int64_t bytes = ex_batch_bytes(in);
            ex_query *acct = NULL;
            if (ex_mem_acquire(op->q, &acct, bytes, err)) {
                vec_batch_free(in);
                return -1;
            }
            if (acct) {
                st->acct = acct;
                st->acct_bytes += bytes;
            } else {
                bytes = 0;
            }
            if (st->n_held == st->cap_held) {
                if (st->head > 0) { /* compact: drop the slots of batches given up */
                    for (int i = st->head; i < st->n_held; i++) {
                        st->held[i - st->head] = st->held[i];
                        st->held_bytes[i - st->head] = st->held_bytes[i];
                    }
                    st->n_held -= st->head;
                    st->head = 0;
                }
                if (st->n_held == st->cap_held) {
                    st->cap_held = st->cap_held ? st->cap_held * 2 : 8;
                    st->held = em_realloc(st->held, (size_t)st->cap_held * sizeof *st->held);
                    st->held_bytes =
                        em_realloc(st->held_bytes, (size_t)st->cap_held * sizeof *st->held_bytes);
                }
            }
            st->held_bytes[st->n_held] = bytes;
            st->held[st->n_held++] = in;
            st->rows_held += in->n_rows;
            while (st->n_held - st->head > 1 && st->rows_held - st->held[st->head]->n_rows >= n) {
                st->rows_held -= st->held[st->head]->n_rows;
                vec_batch_free(st->held[st->head]);
                st->held[st->head] = NULL;
                ex_mem_release(st->acct, st->held_bytes[st->head]);
                st->acct_bytes -= st->held_bytes[st->head];
                st->head++;
            }
        }
        st->drained = true;
        st->skip_first = st->rows_held > n ? st->rows_held - n : 0;
    }
    if (st->emit_idx < st->head)
        st->emit_idx = st->head;
    if (st->emit_idx >= st->n_held)
        return 0;
    vec_batch *b = st->held[st->emit_idx];
    st->held[st->emit_idx++] = NULL;
    if (st->emit_idx == st->head + 1 && st->skip_first > 0) {
        vec_batch *s = ex_batch_slice(b, st->skip_first, b->n_rows - st->skip_first, err);
        vec_batch_free(b);
        if (!s)
            return -1;
        b = s;
    }
    *out = b;
    return 1;
}

static void ex_tail_release(ex_op *op)
{
    ex_tail_state *st = op->state;
    if (!st)
        return;
    for (int i = 0; i < st->n_held; i++)
        vec_batch_free(st->held[i]);
    ex_mem_release(st->acct, st->acct_bytes);
    em_free(st->held);
    em_free(st->held_bytes);
    em_free(st);
}

static const ex_op_vtbl ex_tail_vt = {ex_tail_next, ex_tail_release};

int ex_tail_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    if (n->u.limit.n < 0) {
        char v[32];
        snprintf(v, sizeof v, "%lld", (long long)n->u.limit.n);
        return em_error_set(err, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "expr", v, "name",
                            "tail", "v", v, NULL);
    }
    ex_op *op = ex_op_new(q, n, &ex_tail_vt, 1);
    op->state = em_calloc(1, sizeof(ex_tail_state));
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
