/*
 * op_repartition: Repartition / RepartitionByExpression. Ember runs a query as one stream, so
 * repartitioning changes no rows; it only matters to a query that observes partition ids
 * (spark_partition_id(), monotonically_increasing_id(): ex_query.uses_partition_ids). Then
 * the operator emulates Spark's shuffle:
 *
 * - repartition(n) (round robin): each input partition p starts at
 *   XORShiftRandom(p).nextInt(n) and gives its rows the next positions in turn; a row goes to
 *   partition position mod n (ShuffleExchangeExec's RoundRobinPartitioning with Spark's
 *   HashPartitioner). Spark first sorts each input partition by a hash of the row
 *   (spark.sql.execution.sortBeforeRepartition); Ember keeps the input order, so the set of
 *   partitions and their sizes match Spark's, but not which row lands where.
 * - repartition(n, cols) (hash): partition pmod(hash(cols), n) with Spark's Murmur3 hash
 *   (seed 42), exactly as HashPartitioning.partitionIdExpression.
 * - without n, Spark's adaptive execution coalesces small shuffles into one partition: all
 *   rows get partition 0; so does coalesce(1). Range partitioning (repartitionByRange) has
 *   sampled bounds Ember does not reproduce: partition 0.
 *
 * Shuffled output is blocking: the input is buffered (charged to the query's budget), then
 * emitted partition by partition, rows of a partition in input order, each batch tagged with
 * its partition (vec_batch.part). Otherwise batches pass through.
 */
#include <string.h>

#include "common/em_arena.h"
#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "functions/fn.h"

typedef struct ex_rep_state {
    bool shuffle;    /* buffer and emit by partition */
    bool reset_zero; /* pass through with partition 0 */
    int n_parts;
    em_arena arena; /* the bound hash call */
    pl_expr *hash;  /* hash(cols) for hash partitioning, else NULL (round robin) */
    int n_in;       /* buffered input batches */
    int cap_in;
    vec_batch **in;
    int32_t **part_of; /* per input batch: the partition of each row */
    ex_query *acct;
    int64_t acct_bytes;
    bool loaded;
    int emit_part;  /* next partition to emit */
    int emit_batch; /* next input batch within it */
} ex_rep_state;

/* java.util.Random.nextInt(bound) over XORShiftRandom's next(bits). */
static int32_t ex_rep_next_int(ex_xorshift *g, int32_t bound)
{
    int32_t r = (int32_t)ex_xorshift_next(g, 31);
    int32_t m = bound - 1;
    if ((bound & m) == 0)
        return (int32_t)(((int64_t)bound * r) >> 31);
    for (int32_t u = r; (int32_t)((uint32_t)u - (uint32_t)(r = u % bound) + (uint32_t)m) < 0;
         u = (int32_t)ex_xorshift_next(g, 31)) {
    }
    return r;
}

static int32_t ex_rep_pmod(int64_t v, int32_t n)
{
    int64_t r = v % n;
    return (int32_t)(r < 0 ? r + n : r);
}

/* Partition of every row of b (round robin continues from *position for b's input part). */
static int ex_rep_assign(ex_op *op, ex_rep_state *st, const vec_batch *b, int32_t *parts,
                         int32_t *position, int32_t *position_part, em_error *err)
{
    if (st->hash) {
        vec *h = NULL;
        if (ex_eval(op->q, st->hash, b, NULL, b->n_rows, &h, err))
            return -1;
        for (int64_t r = 0; r < b->n_rows; r++)
            parts[r] = ex_rep_pmod(VEC_VALUES(h, int32_t)[r], st->n_parts);
        vec_release(h);
        return 0;
    }
    if (*position_part != b->part) {
        ex_xorshift g;
        ex_xorshift_seed(&g, b->part);
        *position = ex_rep_next_int(&g, st->n_parts);
        *position_part = b->part;
    }
    for (int64_t r = 0; r < b->n_rows; r++) {
        *position = (int32_t)((uint32_t)*position + 1u);
        parts[r] = ex_rep_pmod(*position, st->n_parts);
    }
    return 0;
}

static int ex_rep_load(ex_op *op, ex_rep_state *st, em_error *err)
{
    int32_t position = 0, position_part = -1;
    for (;;) {
        vec_batch *b;
        int rc = ex_child_next(op, 0, &b, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        if (b->n_rows == 0) {
            vec_batch_free(b);
            continue;
        }
        int64_t bytes = ex_batch_bytes(b) + b->n_rows * (int64_t)sizeof(int32_t);
        ex_query *acct = NULL;
        if (ex_mem_acquire(op->q, &acct, bytes, err)) {
            vec_batch_free(b);
            return -1;
        }
        if (acct) {
            st->acct = acct;
            st->acct_bytes += bytes;
        }
        int32_t *parts = em_malloc((size_t)b->n_rows * sizeof *parts);
        if (ex_rep_assign(op, st, b, parts, &position, &position_part, err)) {
            em_free(parts);
            vec_batch_free(b);
            return -1;
        }
        if (st->n_in == st->cap_in) {
            st->cap_in = st->cap_in ? st->cap_in * 2 : 16;
            st->in = em_realloc(st->in, (size_t)st->cap_in * sizeof *st->in);
            st->part_of = em_realloc(st->part_of, (size_t)st->cap_in * sizeof *st->part_of);
        }
        st->in[st->n_in] = b;
        st->part_of[st->n_in++] = parts;
    }
    st->loaded = true;
    return 0;
}

static int ex_rep_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_rep_state *st = op->state;
    if (!st->shuffle) {
        int rc = ex_child_next(op, 0, out, err);
        if (rc > 0 && st->reset_zero)
            (*out)->part = 0;
        return rc;
    }
    if (!st->loaded && ex_rep_load(op, st, err))
        return -1;
    int64_t *sel = NULL;
    int64_t sel_cap = 0;
    while (st->emit_part < st->n_parts) {
        if (st->emit_batch >= st->n_in) {
            st->emit_part++;
            st->emit_batch = 0;
            continue;
        }
        if (ex_check_cancel(op->q, err)) {
            em_free(sel);
            return -1;
        }
        int i = st->emit_batch++;
        const vec_batch *b = st->in[i];
        if (sel_cap < b->n_rows) {
            em_free(sel);
            sel_cap = b->n_rows;
            sel = em_malloc((size_t)sel_cap * sizeof *sel);
        }
        int64_t k = 0;
        for (int64_t r = 0; r < b->n_rows; r++)
            if (st->part_of[i][r] == st->emit_part)
                sel[k++] = r;
        if (k == 0)
            continue;
        vec_batch *o = ex_batch_take(b, sel, k, err);
        em_free(sel);
        if (!o)
            return -1;
        o->part = st->emit_part;
        *out = o;
        return 1;
    }
    em_free(sel);
    return 0;
}

static void ex_rep_release(ex_op *op)
{
    ex_rep_state *st = op->state;
    if (!st)
        return;
    for (int i = 0; i < st->n_in; i++) {
        vec_batch_free(st->in[i]);
        em_free(st->part_of[i]);
    }
    em_free(st->in);
    em_free(st->part_of);
    ex_mem_release(st->acct, st->acct_bytes);
    em_arena_release(&st->arena);
    em_free(st);
}

static const ex_op_vtbl ex_rep_vt = {ex_rep_next, ex_rep_release};

/* hash(cols) bound through the registry, so partitions use Spark's exact Murmur3. */
static int ex_rep_bind_hash(ex_query *q, ex_rep_state *st, const pl_node *n, em_error *err)
{
    const fn_def *def = fn_lookup("hash");
    if (!def)
        return em_error_internal(err, "hash function missing from the registry");
    pl_expr *call = pl_expr_new(&st->arena, PX_CALL, n->n_groups);
    for (int i = 0; i < n->n_groups; i++)
        call->args[i] = n->groups[i];
    call->name = "hash";
    call->fn = def;
    if (def->bind(def, &st->arena, call, &q->opts, err))
        return err->code;
    st->hash = call;
    return EM_OK;
}

int ex_repartition_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_rep_vt, 1);
    ex_rep_state *st = em_calloc(1, sizeof *st);
    em_arena_init(&st->arena, 0);
    op->state = st;
    int num = n->u.repartition.num_partitions;
    bool by_range = n->n_groups > 0 && n->groups[0] && n->groups[0]->kind == PX_SORT_ORDER;
    if (q->uses_partition_ids) {
        if (n->u.repartition.shuffle && num > 1 && !by_range) {
            st->shuffle = true;
            st->n_parts = num;
            if (n->n_groups > 0 && ex_rep_bind_hash(q, st, n, err)) {
                ex_op_free(op);
                return err->code;
            }
        } else if (n->u.repartition.shuffle || num == 1) {
            st->reset_zero = true;
        }
    }
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
