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
 *
 * The groups and states live in an ex_agg_table, which the parallel aggregate (ex_par.c) also
 * uses: each worker fills a partial table that records where each group was first seen in the
 * input stream (morsel index, row), and the final table merges the partial states group by
 * group in first-seen order, so the output order equals the serial one. Group state blocks
 * are charged to the query's memory budget as they grow.
 */
#include <stdlib.h>
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

struct ex_agg_table {
    const pl_node *node;
    int n_groups, n_aggs;
    const ty **group_types;
    ex_keyset groups;
    ex_agg_slot *slots;
    int64_t block_size;
    em_arena blocks_arena;
    void **blocks;
    int64_t n_blocks, cap_blocks;
    int64_t emitted;
    fn_ctx fctx;
    /* partial tables: stream position of each group's first row */
    bool track_pos;
    int64_t *first_pos;
    int64_t cap_pos;
    /* memory budget: bytes of group state charged so far */
    ex_query *acct;
    int64_t acct_bytes;
};

/* The serial operator's state. */
typedef struct ex_agg_op {
    ex_agg_table *t;
    bool consumed;
} ex_agg_op;

static int ex_agg_new_block(ex_agg_table *st, em_error *err)
{
    size_t bsize = (size_t)(st->block_size ? st->block_size : 16);
    int64_t want = (int64_t)em_arena_total(&st->blocks_arena) + (int64_t)bsize +
                   (st->cap_blocks + 1) * (int64_t)sizeof(void *) +
                   (st->track_pos ? st->cap_pos * 8 : 0);
    if (want - st->acct_bytes >= ((int64_t)1 << 16) || st->acct_bytes == 0) {
        ex_query *acct = NULL;
        int64_t chunk = want - st->acct_bytes + ((int64_t)1 << 16);
        if (ex_mem_acquire(st->acct, &acct, chunk, err))
            return EM_ENOMEM;
        if (acct) {
            st->acct = acct;
            st->acct_bytes += chunk;
        }
    }
    void *b = em_arena_calloc(&st->blocks_arena, 1, bsize);
    for (int i = 0; i < st->n_aggs; i++) {
        const pl_expr *call = st->slots[i].call;
        call->fn->agg->init(call, (char *)b + st->slots[i].offset);
    }
    if (st->n_blocks == st->cap_blocks) {
        st->cap_blocks = st->cap_blocks ? st->cap_blocks * 2 : 64;
        st->blocks = em_realloc(st->blocks, (size_t)st->cap_blocks * sizeof *st->blocks);
    }
    st->blocks[st->n_blocks++] = b;
    return EM_OK;
}

/* Maps each row of the key columns to its group (creating blocks); positions recorded for
   partial tables. */
static int ex_agg_assign(ex_agg_table *st, vec *const *keys, int64_t rows, int64_t pos_base,
                         int64_t *ids, em_error *err)
{
    int rc = ex_keyset_upsert(&st->groups, keys, rows, ids, NULL, err);
    if (rc == EM_OK && st->track_pos && st->groups.n > st->cap_pos) {
        int64_t old = st->cap_pos;
        st->cap_pos = st->groups.n * 2;
        st->first_pos = em_realloc(st->first_pos, (size_t)st->cap_pos * sizeof *st->first_pos);
        for (int64_t i = old; i < st->cap_pos; i++)
            st->first_pos[i] = -1;
    }
    while (rc == EM_OK && st->n_blocks < st->groups.n)
        rc = ex_agg_new_block(st, err);
    if (rc == EM_OK && st->track_pos)
        for (int64_t r = 0; r < rows; r++)
            if (st->first_pos[ids[r]] < 0)
                st->first_pos[ids[r]] = pos_base + r;
    return rc;
}

int ex_agg_table_consume(ex_query *q, ex_agg_table *st, const vec_batch *in, int64_t pos_base,
                         em_error *err)
{
    const pl_node *n = st->node;
    int64_t rows = in->n_rows;
    int rc = EM_OK;
    vec **keys = em_calloc((size_t)(st->n_groups ? st->n_groups : 1), sizeof *keys);
    int64_t *ids = em_malloc((size_t)(rows ? rows : 1) * sizeof *ids);
    void **states = em_malloc((size_t)(rows ? rows : 1) * sizeof *states);
    for (int g = 0; g < st->n_groups && rc == EM_OK; g++)
        rc = ex_eval(q, n->groups[g], in, NULL, rows, &keys[g], err);
    if (rc == EM_OK) {
        if (st->n_groups) {
            rc = ex_agg_assign(st, keys, rows, pos_base, ids, err);
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
            rc = ex_eval(q, call->args[i], in, NULL, rows, &args[i], err);
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
                for (int64_t r = 0; rc == EM_OK && r < rows; r++)
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

typedef struct ex_agg_entry {
    int64_t pos;
    int part;
    int64_t gid;
} ex_agg_entry;

static int ex_agg_entry_cmp(const void *a, const void *b)
{
    const ex_agg_entry *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int ex_agg_table_merge(ex_query *q, ex_agg_table *st, ex_agg_table *const *parts, int n_parts,
                       em_error *err)
{
    (void)q;
    int rc = EM_OK;
    if (st->n_groups == 0) {
        for (int p = 0; p < n_parts && rc == EM_OK; p++)
            for (int a = 0; a < st->n_aggs && rc == EM_OK; a++) {
                const pl_expr *call = st->slots[a].call;
                rc = call->fn->agg->merge(call, (char *)st->blocks[0] + st->slots[a].offset,
                                          (char *)parts[p]->blocks[0] + st->slots[a].offset,
                                          &st->fctx, err);
            }
        return rc;
    }
    int64_t total = 0;
    for (int p = 0; p < n_parts; p++)
        total += parts[p]->groups.n;
    ex_agg_entry *e = em_malloc((size_t)(total ? total : 1) * sizeof *e);
    int64_t k = 0;
    for (int p = 0; p < n_parts; p++)
        for (int64_t g = 0; g < parts[p]->groups.n; g++) {
            e[k].pos = parts[p]->first_pos ? parts[p]->first_pos[g] : k;
            e[k].part = p;
            e[k].gid = g;
            k++;
        }
    qsort(e, (size_t)total, sizeof *e, ex_agg_entry_cmp);
    /* the partial groups' keys in first-seen order, then one upsert: final ids follow it */
    vec **keys = em_calloc((size_t)st->n_groups, sizeof *keys);
    for (int g = 0; g < st->n_groups; g++)
        keys[g] = vec_new(st->group_types[g], total);
    for (int64_t i = 0; i < total && rc == EM_OK; i++)
        for (int g = 0; g < st->n_groups && rc == EM_OK; g++)
            rc = vec_append_from(keys[g], parts[e[i].part]->groups.keys[g], e[i].gid, err);
    int64_t *ids = em_malloc((size_t)(total ? total : 1) * sizeof *ids);
    if (rc == EM_OK)
        rc = ex_agg_assign(st, keys, total, 0, ids, err);
    for (int64_t i = 0; i < total && rc == EM_OK; i++) {
        if (i % 4096 == 0 && (rc = ex_check_cancel(q, err)) != EM_OK)
            break;
        for (int a = 0; a < st->n_aggs && rc == EM_OK; a++) {
            const pl_expr *call = st->slots[a].call;
            rc = call->fn->agg->merge(
                call, (char *)st->blocks[ids[i]] + st->slots[a].offset,
                (char *)parts[e[i].part]->blocks[e[i].gid] + st->slots[a].offset, &st->fctx, err);
        }
    }
    for (int g = 0; g < st->n_groups; g++)
        vec_release(keys[g]);
    em_free(keys);
    em_free(ids);
    em_free(e);
    return rc;
}

int ex_agg_table_emit(ex_query *q, ex_agg_table *st, vec_batch **out, em_error *err)
{
    const pl_node *n = st->node;
    int64_t total = st->n_blocks;
    int64_t left = total - st->emitted;
    if (left <= 0)
        return 0;
    int64_t cnt = left < ex_batch_rows(q) ? left : ex_batch_rows(q);
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
            rc = ex_eval(q, n->exprs[i], row, NULL, cnt, &b->cols[i], err);
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

void ex_agg_table_free(ex_agg_table *st)
{
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
    em_free(st->first_pos);
    ex_mem_release(st->acct, st->acct_bytes);
    em_free(st);
}

ex_agg_table *ex_agg_table_new(ex_query *q, const pl_node *n, bool track_pos, em_error *err)
{
    ex_agg_table *st = em_calloc(1, sizeof *st);
    st->node = n;
    st->n_groups = n->n_groups;
    st->n_aggs = n->u.agg.n_aggs;
    st->fctx.opts = &q->opts;
    st->track_pos = track_pos;
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
            st->n_aggs = a;
            ex_agg_table_free(st);
            em_error_internal(err, "aggregate %d is not a bound aggregate call", a);
            return NULL;
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
    if (st->n_groups == 0 && ex_agg_new_block(st, err)) {
        ex_agg_table_free(st);
        return NULL;
    }
    return st;
}

/* ---- the serial operator ------------------------------------------------------------------ */

static int ex_agg_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_agg_op *st = op->state;
    if (!st->consumed) {
        for (;;) {
            vec_batch *in;
            int rc = ex_child_next(op, 0, &in, err);
            if (rc < 0)
                return -1;
            if (rc == 0)
                break;
            rc = ex_agg_table_consume(op->q, st->t, in, 0, err);
            vec_batch_free(in);
            if (rc)
                return -1;
        }
        st->consumed = true;
    }
    return ex_agg_table_emit(op->q, st->t, out, err);
}

static void ex_agg_release(ex_op *op)
{
    ex_agg_op *st = op->state;
    if (!st)
        return;
    ex_agg_table_free(st->t);
    em_free(st);
}

static const ex_op_vtbl ex_agg_vt = {ex_agg_next, ex_agg_release};

int ex_agg_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_agg_vt, 1);
    ex_agg_op *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->t = ex_agg_table_new(q, n, false, err);
    if (!st->t) {
        ex_op_free(op);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}

/* ---- which aggregates merge exactly -------------------------------------------------------- */

static bool ex_agg_is_float(const ty *t)
{
    return t && (t->kind == TY_FLOAT || t->kind == TY_DOUBLE);
}

bool ex_agg_mergeable(const pl_node *n)
{
    if (n->u.agg.group_type != 0 && n->u.agg.group_type != PL_GROUP_BY)
        return false;
    static const char *const exact[] = {"count", "count_if", "bool_and", "every",  "bool_or",
                                        "some",  "any",      "bit_and",  "bit_or", "bit_xor"};
    static const char *const numeric[] = {"sum", "min", "max", "try_sum"};
    static const char *const averages[] = {"avg", "mean", "try_avg"};
    for (int a = 0; a < n->u.agg.n_aggs; a++) {
        const pl_expr *call = n->u.agg.aggs[a];
        if (call->kind != PX_AGG_CALL || !call->fn || !call->fn->agg || !call->fn->agg->merge ||
            call->is_distinct)
            return false;
        const char *name = call->fn->name;
        bool ok = false;
        for (size_t i = 0; !ok && i < sizeof exact / sizeof exact[0]; i++)
            ok = strcmp(name, exact[i]) == 0;
        for (size_t i = 0; !ok && i < sizeof numeric / sizeof numeric[0]; i++)
            /* floating sums depend on the order of additions; -0.0 / 0.0 ties of min/max on
               which row came first */
            ok = strcmp(name, numeric[i]) == 0 && call->n_args == 1 &&
                 !ex_agg_is_float(call->args[0]->type) && !ex_agg_is_float(call->type);
        /* averages of integers sum in double (Spark's Average): exact only for decimals */
        for (size_t i = 0; !ok && i < sizeof averages / sizeof averages[0]; i++)
            ok = strcmp(name, averages[i]) == 0 && call->n_args == 1 &&
                 call->args[0]->type->kind == TY_DECIMAL;
        if (!ok)
            return false;
    }
    return true;
}
