/*
 * op_scan: the leaf operators. Range produces Spark's spark.range ids (bigint) in batches;
 * LocalRelation replays the batches decoded by connect/; OneRowRelation yields one row with
 * no columns (SELECT without FROM).
 *
 * Range follows Spark's element count: (end - start) / step, plus one when the division has a
 * remainder and the range runs in the step's direction; ranges against the step's direction
 * are empty. Values are computed exactly (no overflow: every value lies between start and end).
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

/* ------------------------------------------------------------------------------------------ */
/* Added (progress): per-query counters of what the leaf scans read (ex.h ex_rows_read).        */

void ex_scan_count(ex_query *q, int64_t n_rows, int64_t n_bytes)
{
    ex_query *m = q && q->main ? q->main : q;
    if (!m)
        return;
    atomic_fetch_add_explicit(&m->rows_read, n_rows, memory_order_relaxed);
    if (n_bytes)
        atomic_fetch_add_explicit(&m->bytes_read, n_bytes, memory_order_relaxed);
}

int64_t ex_rows_read(const ex_query *q)
{
    return q ? atomic_load_explicit(&((ex_query *)q)->rows_read, memory_order_relaxed) : 0;
}

int64_t ex_bytes_read(const ex_query *q)
{
    return q ? atomic_load_explicit(&((ex_query *)q)->bytes_read, memory_order_relaxed) : 0;
}

typedef struct ex_range_state {
    int64_t start, step;
    __int128 count, next;
    /* Spark's partitions (uses_partition_ids with numPartitions > 1): partition `part` holds
       elements [part * count / slices, (part + 1) * count / slices), as RangeExec splits. */
    int slices;
    int32_t part;
} ex_range_state;

static int ex_range_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_range_state *st = op->state;
    if (st->next >= st->count)
        return 0;
    if (ex_check_cancel(op->q, err))
        return -1;
    __int128 left = st->count - st->next;
    if (st->slices > 1) {
        while (st->part < st->slices - 1 && st->next >= (st->part + 1) * st->count / st->slices)
            st->part++;
        left = (st->part + 1) * st->count / st->slices - st->next;
    }
    int64_t n = left < ex_batch_rows(op->q) ? (int64_t)left : ex_batch_rows(op->q);
    vec *v = vec_new(ty_long(), n);
    int64_t *vals = VEC_VALUES(v, int64_t);
    for (int64_t i = 0; i < n; i++)
        vals[i] = (int64_t)((__int128)st->start + (st->next + i) * (__int128)st->step);
    v->len = n;
    st->next += n;
    vec_batch *b = vec_batch_new(1, n);
    b->cols[0] = v;
    b->part = st->part;
    *out = b;
    ex_scan_count(op->q, n, 0);
    return 1;
}

static void ex_state_free(ex_op *op)
{
    em_free(op->state);
}

static const ex_op_vtbl ex_range_vt = {ex_range_next, ex_state_free};

int ex_range_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    int64_t start = n->u.range.start, end = n->u.range.end, step = n->u.range.step;
    if (step == 0)
        return em_error_internal(err, "requirement failed: step (0) cannot be 0");
    __int128 span = (__int128)end - start;
    __int128 count = span / step;
    if (span % step != 0 && ((end > start) == (step > 0)))
        count++;
    if (count < 0)
        count = 0;
    ex_op *op = ex_op_new(q, n, &ex_range_vt, 0);
    ex_range_state *st = em_calloc(1, sizeof *st);
    st->start = start;
    st->step = step;
    st->count = count;
    if (q->uses_partition_ids && n->u.range.num_partitions > 1)
        st->slices = n->u.range.num_partitions;
    op->state = st;
    *out = op;
    return EM_OK;
}

typedef struct ex_local_state {
    int next_batch;
} ex_local_state;

static int ex_local_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_local_state *st = op->state;
    const pl_node *n = op->node;
    while (st->next_batch < n->u.local.n_batches) {
        const vec_batch *src = n->u.local.batches[st->next_batch++];
        if (!src || src->n_rows == 0)
            continue;
        if (src->n_cols < n->n_out)
            return em_error_internal(err, "local relation batch has %d columns, expected %d",
                                     src->n_cols, n->n_out);
        vec_batch *b = vec_batch_new(n->n_out, src->n_rows);
        for (int c = 0; c < n->n_out; c++)
            b->cols[c] = vec_retain(src->cols[c]);
        *out = b;
        ex_scan_count(op->q, src->n_rows, 0);
        return 1;
    }
    return 0;
}

static const ex_op_vtbl ex_local_vt = {ex_local_next, ex_state_free};

int ex_local_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_local_vt, 0);
    op->state = em_calloc(1, sizeof(ex_local_state));
    *out = op;
    (void)err;
    return EM_OK;
}

typedef struct ex_one_row_state {
    bool done;
} ex_one_row_state;

static int ex_one_row_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_one_row_state *st = op->state;
    if (st->done)
        return 0;
    st->done = true;
    *out = vec_batch_new(0, 1);
    (void)err;
    return 1;
}

static const ex_op_vtbl ex_one_row_vt = {ex_one_row_next, ex_state_free};

int ex_one_row_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_one_row_vt, 0);
    op->state = em_calloc(1, sizeof(ex_one_row_state));
    *out = op;
    (void)err;
    return EM_OK;
}

/* SubqueryAlias, hints and repartitioning do not change rows: pass the child's batches on. */
static int ex_pass_next(ex_op *op, vec_batch **out, em_error *err)
{
    return ex_child_next(op, 0, out, err);
}

static const ex_op_vtbl ex_pass_vt = {ex_pass_next, NULL};

int ex_passthrough_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_pass_vt, 1);
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
