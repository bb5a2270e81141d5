/*
 * op_aggregate: hash aggregation (Aggregate with grouping expressions) and global aggregation
 * (no grouping expressions).
 *
 * State machine: CONSUME pulls every input batch, evaluates the grouping expressions, maps each
 * row to its group through an ex_keyset (NULL keys group together; -0.0 and 0.0, and all NaNs,
 * are one group, as Spark normalizes them) and updates each aggregate's per-group state; then
 * EMIT walks the groups in first-seen order, finalizes every aggregate, and evaluates the
 * node's output expressions over (group keys ++ aggregate results) batch by batch.
 *
 * A global aggregate always has one group, so an empty input still yields one row (count 0,
 * other aggregates NULL). DISTINCT aggregates keep, per aggregate, a set of (group, argument
 * tuple) and feed a row only the first time its tuple is seen in its group.
 */
#include <string.h>

#include "common/em_arena.h"
#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_agg_slot {
    const pl_expr *call;
    int64_t size, offset;
    ex_keyset distinct; /* only when call->is_distinct */
    bool has_distinct;
} ex_agg_slot;

typedef struct ex_agg_state {
    int n_groups, n_aggs;
    const ty **group_types;
    ex_keyset groups;
    ex_agg_slot *slots;
    int64_t block_size;
    em_arena blocks_arena;
    void **blocks;
    int64_t n_blocks, cap_blocks;
    bool consumed;
    int64_t emitted;
    fn_ctx fctx;
} ex_agg_state;

static void *ex_agg_new_block(ex_agg_state *st)
{
    void *b = em_arena_calloc(&st->blocks_arena, 1, (size_t)(st->block_size ? st->block_size : 16));
    for (int i = 0; i < st->n_aggs; i++) {
        const pl_expr *call = st->slots[i].call;
        call->fn->agg->init(call, (char *)b + st->slots[i].offset);
    }
    if (st->n_blocks == st->cap_blocks) {
        st->cap_blocks = st->cap_blocks ? st->cap_blocks * 2 : 64;
        st->blocks = em_realloc(st->blocks, (size_t)st->cap_blocks * sizeof *st->blocks);
    }
    st->blocks[st->n_blocks++] = b;
    return b;
}

static int ex_agg_consume_batch(ex_op *op, ex_agg_state *st, vec_batch *in, em_error *err)
{
    const pl_node *n = op->node;
    int64_t rows = in->n_rows;
    int rc = EM_OK;
    vec **keys = em_calloc((size_t)(st->n_groups ? st->n_groups : 1), sizeof *keys);
    int64_t *ids = em_malloc((size_t)(rows ? rows : 1) * sizeof *ids);
    void **states = em_malloc((size_t)(rows ? rows : 1) * sizeof *states);
    for (int g = 0; g < st->n_groups && rc == EM_OK; g++)
        rc = ex_eval(op->q, n->groups[g], in, NULL, rows, &keys[g], err);
    if (rc == EM_OK) {
        if (st->n_groups) {
            rc = ex_keyset_upsert(&st->groups, keys, rows, ids, NULL, err);
            while (rc == EM_OK && st->n_blocks < st->groups.n)
                ex_agg_new_block(st);
        } else {
            for (int64_t r = 0; r < rows; r++)
                ids[r] = 0;
        }
    }
    for (int a = 0; a < st->n_aggs && rc == EM_OK; a++) {
        ex_agg_slot *slot = &st->slots[a];
        const pl_expr *call = slot->call;
        vec **args = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof *args);
        for (int i = 0; i < call->n_args && rc == EM_OK; i++)
            rc = ex_eval(op->q, call->args[i], in, NULL, rows, &args[i], err);
        if (rc == EM_OK) {
            for (int64_t r = 0; r < rows; r++)
                states[r] = (char *)st->blocks[ids[r]] + slot->offset;
            if (slot->has_distinct) {
                vec **dk = em_calloc((size_t)call->n_args + 1, sizeof *dk);
                vec *gid = vec_new(ty_long(), rows);
                for (int64_t r = 0; r < rows; r++)
                    VEC_VALUES(gid, int64_t)[r] = ids[r];
                gid->len = rows;
                dk[0] = gid;
                for (int i = 0; i < call->n_args; i++)
                    dk[i + 1] = args[i];
                bool *is_new = em_malloc((size_t)(rows ? rows : 1));
                rc = ex_keyset_upsert(&slot->distinct, dk, rows, NULL, is_new, err);
                for (int64_t r = 0; r < rows; r++)
                    if (!is_new[r])
                        states[r] = NULL;
                em_free(is_new);
                vec_release(gid);
                em_free(dk);
            }
            if (rc == EM_OK)
                rc = call->fn->agg->update(call, states, args, rows, &st->fctx, err);
        }
        for (int i = 0; i < call->n_args; i++)
            vec_release(args[i]);
        em_free(args);
    }
    for (int g = 0; g < st->n_groups; g++)
        vec_release(keys[g]);
    em_free(keys);
    em_free(ids);
    em_free(states);
    return rc;
}

static int ex_agg_emit(ex_op *op, ex_agg_state *st, vec_batch **out, em_error *err)
{
    const pl_node *n = op->node;
    int64_t total = st->n_blocks;
    int64_t left = total - st->emitted;
    if (left <= 0)
        return 0;
    int64_t cnt = left < ex_batch_rows(op->q) ? left : ex_batch_rows(op->q);
    vec_batch *row = vec_batch_new(st->n_groups + st->n_aggs, cnt);
    int rc = EM_OK;
    for (int g = 0; g < st->n_groups && rc == EM_OK; g++) {
        vec *kv = st->groups.keys[g];
        vec *v = vec_new(kv->type, cnt);
        for (int64_t i = 0; i < cnt && rc == EM_OK; i++)
            rc = vec_append_from(v, kv, st->emitted + i, err);
        row->cols[g] = v;
    }
    for (int a = 0; a < st->n_aggs && rc == EM_OK; a++) {
        const pl_expr *call = st->slots[a].call;
        vec *v = vec_new(call->type, cnt);
        for (int64_t i = 0; i < cnt && rc == EM_OK; i++)
            rc = call->fn->agg->final(
                call, (char *)st->blocks[st->emitted + i] + st->slots[a].offset, v, &st->fctx, err);
        row->cols[st->n_groups + a] = v;
    }
    vec_batch *b = NULL;
    if (rc == EM_OK) {
        b = vec_batch_new(n->n_exprs, cnt);
        for (int i = 0; i < n->n_exprs && rc == EM_OK; i++)
            rc = ex_eval(op->q, n->exprs[i], row, NULL, cnt, &b->cols[i], err);
    }
    vec_batch_free(row);
    if (rc) {
        vec_batch_free(b);
        return -1;
    }
    st->emitted += cnt;
    *out = b;
    return 1;
}

static int ex_agg_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_agg_state *st = op->state;
    if (!st->consumed) {
        for (;;) {
            vec_batch *in;
            int rc = ex_child_next(op, 0, &in, err);
            if (rc < 0)
                return -1;
            if (rc == 0)
                break;
            rc = ex_agg_consume_batch(op, st, in, err);
            vec_batch_free(in);
            if (rc)
                return -1;
        }
        st->consumed = true;
    }
    return ex_agg_emit(op, st, out, err);
}

static void ex_agg_release(ex_op *op)
{
    ex_agg_state *st = op->state;
    if (!st)
        return;
    for (int64_t b = 0; b < st->n_blocks; b++)
        for (int a = 0; a < st->n_aggs; a++) {
            const pl_expr *call = st->slots[a].call;
            if (call->fn->agg->destroy)
                call->fn->agg->destroy(call, (char *)st->blocks[b] + st->slots[a].offset);
        }
    for (int a = 0; a < st->n_aggs; a++)
        if (st->slots[a].has_distinct)
            ex_keyset_release(&st->slots[a].distinct);
    em_free(st->slots);
    em_free(st->blocks);
    em_arena_release(&st->blocks_arena);
    if (st->n_groups)
        ex_keyset_release(&st->groups);
    em_free(st->group_types);
    em_free(st);
}

static const ex_op_vtbl ex_agg_vt = {ex_agg_next, ex_agg_release};

int ex_agg_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_agg_vt, 1);
    ex_agg_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->n_groups = n->n_groups;
    st->n_aggs = n->u.agg.n_aggs;
    st->fctx.opts = &q->opts;
    em_arena_init(&st->blocks_arena, 0);
    st->group_types = em_calloc((size_t)(st->n_groups ? st->n_groups : 1), sizeof *st->group_types);
    for (int g = 0; g < st->n_groups; g++)
        st->group_types[g] = n->groups[g]->type;
    if (st->n_groups)
        ex_keyset_init(&st->groups, st->n_groups, st->group_types);
    st->slots = em_calloc((size_t)(st->n_aggs ? st->n_aggs : 1), sizeof *st->slots);
    int64_t off = 0;
    for (int a = 0; a < st->n_aggs; a++) {
        const pl_expr *call = n->u.agg.aggs[a];
        if (call->kind != PX_AGG_CALL || !call->fn || !call->fn->agg) {
            ex_op_free(op);
            return em_error_internal(err, "aggregate %d is not a bound aggregate call", a);
        }
        ex_agg_slot *slot = &st->slots[a];
        slot->call = call;
        slot->size = call->fn->agg->state_size(call);
        slot->offset = off;
        off += (slot->size + 15) & ~(int64_t)15;
        if (call->is_distinct) {
            const ty **kt = em_calloc((size_t)call->n_args + 1, sizeof *kt);
            kt[0] = ty_long();
            for (int i = 0; i < call->n_args; i++)
                kt[i + 1] = call->args[i]->type;
            ex_keyset_init(&slot->distinct, call->n_args + 1, kt);
            em_free(kt);
            slot->has_distinct = true;
        }
    }
    st->block_size = off;
    if (st->n_groups == 0)
        ex_agg_new_block(st);
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
