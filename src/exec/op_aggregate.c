/*
 * op_aggregate: hash aggregation (Aggregate with grouping expressions) and global aggregation
 * (no grouping expressions), spilling to disk when the memory budget runs out.
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
 * uses: each worker fills a partial table, and the final table merges the partial states group
 * by group in first-seen order, so the output order equals the serial one. Every table records
 * each group's first position in the input stream (the smallest position of its rows).
 *
 * Spilling (hybrid hash aggregation; aggregate states are never serialized): before a batch
 * may create groups, the table reserves room for one new group per row (hash table, state
 * blocks, DISTINCT sets) from the budget. When that fails (or a worker's partial table passes
 * its share of the budget, or forced spilling caps the groups), the table stops taking new
 * groups: rows of groups it holds still update their states in place, and every other row is
 * written, with its stream position, to one of 16 partition files chosen by a hash of its keys.
 * At EMIT, each partition is aggregated on its own (rows whose group the table does hold, as
 * from other workers' partitions, update it in place; a partition table that runs out of room
 * partitions again one level down, with another hash, up to 5 levels) and written as a run of
 * output rows with each group's first position. The table's own groups and the runs are then
 * merged by first position (ex_spill_merge.c), so the output is the in-memory one, row for row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_arena.h"
#include "common/em_mem.h"
#include "exec/ex_int.h"

#define EX_AGG_PARTS     16
#define EX_AGG_MAX_LEVEL 5
/* Forced spilling: groups an operator's table may hold, and the first partition's table one
   level down (so recursion is exercised without multiplying partitions). */
#define EX_AGG_FORCE_L0 2
#define EX_AGG_FORCE_L1 8
/* Output rows per block of a run. */
#define EX_AGG_RUN_ROWS 1024

typedef struct ex_agg_slot {
    const pl_expr *call;
    int64_t size, offset;
    ex_keyset distinct; /* only when call->is_distinct */
    bool has_distinct;
} ex_agg_slot;

/* The spill files of one partition (a spilled table's own, and those adopted from partials). */
typedef struct ex_agg_part {
    ex_spill_file **files;
    int n_files, cap_files;
} ex_agg_part;

struct ex_agg_table {
    const pl_node *node;
    ex_query *q; /* the query that built the table */
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
    /* the smallest stream position of each group's rows */
    int64_t *first_pos;
    int64_t cap_pos;
    /* memory budget: bytes of group state charged so far */
    ex_query *acct;
    int64_t acct_bytes;
    /* spilling */
    int level;          /* 0: an operator's (or worker's) table; n: a partition's, n levels down */
    bool spilling;      /* takes no new groups: their rows go to the partitions */
    bool spilled;       /* some partition holds rows */
    int64_t soft_limit; /* bytes a worker's partial table may hold (0: the budget decides) */
    int64_t force_groups;
    int n_in;              /* input columns */
    const ty **part_types; /* input types ++ long (the rows' stream positions) */
    ex_agg_part parts[EX_AGG_PARTS];
    /* emitting a spilled table: runs of output rows ++ first position, merged by position */
    bool finished;
    const ty **run_types; /* output types ++ long */
    ex_spill_file *runs;
    int64_t *run_ends;
    int n_runs, cap_runs;
    bool own_parts; /* the table spilled rows itself (the partition files hold its rows) */
    /* Grouping keys and arguments are deterministic: spilled rows are evaluated again later,
       which only deterministic expressions survive (rand() keys must not spill). */
    bool deterministic;
    ex_kmerge *merge;
};

/* The serial operator's state. */
typedef struct ex_agg_op {
    ex_agg_table *t;
    bool consumed;
    int64_t pos; /* stream position of the next input row */
} ex_agg_op;

static void ex_agg_new_block(ex_agg_table *st)
{
    size_t bsize = (size_t)(st->block_size ? st->block_size : 16);
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
}

static void ex_agg_note_pos(ex_agg_table *st, int64_t id, int64_t pos)
{
    if (st->first_pos[id] < 0 || pos < st->first_pos[id])
        st->first_pos[id] = pos;
}

/* Raises UNABLE_TO_ACQUIRE_MEMORY for a refusal that came with no error (limits of the table). */
static int ex_agg_no_memory(em_error *err, int64_t bytes)
{
    char req[32];
    snprintf(req, sizeof req, "%lld", (long long)bytes);
    bool was_set = em_error_is_set(err);
    em_error_set(err, "UNABLE_TO_ACQUIRE_MEMORY", "requestedBytes", req, "receivedBytes", "0",
                 NULL);
    if (err && !was_set)
        err->code = EM_ENOMEM;
    return EM_ENOMEM;
}

/*
 * Makes room for `rows` more groups: hash table growth, state blocks and DISTINCT sets are
 * charged now, so inserting them cannot fail half-way. EM_ENOMEM when the budget refuses (err
 * set) or the table's soft / forced limit is reached (err untouched).
 */
static int ex_agg_reserve(ex_agg_table *st, int64_t rows, em_error *err)
{
    if (st->force_groups > 0 && st->groups.n + rows > st->force_groups)
        return EM_ENOMEM;
    int64_t bsize = ((st->block_size ? st->block_size : 16) + 15) & ~(int64_t)15;
    int64_t want = (st->n_blocks + rows) * (bsize + 24) + ((int64_t)1 << 16);
    if (st->soft_limit > 0 && want + st->groups.acct_bytes > st->soft_limit)
        return EM_ENOMEM;
    if (ex_keyset_reserve(&st->groups, rows, err))
        return EM_ENOMEM;
    if (want > st->acct_bytes) {
        ex_query *acct = NULL;
        int64_t chunk = want + want / 4 - st->acct_bytes;
        if (ex_mem_acquire(st->acct, &acct, chunk, err))
            return EM_ENOMEM;
        if (acct) {
            st->acct = acct;
            st->acct_bytes += chunk;
        }
    }
    for (int a = 0; a < st->n_aggs; a++)
        if (st->slots[a].has_distinct && ex_keyset_reserve(&st->slots[a].distinct, rows, err))
            return EM_ENOMEM;
    return EM_OK;
}

/* Maps each row of the key columns to its group (creating blocks); row r sits at stream
   position pos[r] (pos_base + r when pos is NULL). Room must have been reserved. */
static int ex_agg_assign(ex_agg_table *st, vec *const *keys, int64_t rows, int64_t pos_base,
                         const int64_t *pos, int64_t *ids, em_error *err)
{
    int rc = ex_keyset_upsert(&st->groups, keys, rows, ids, NULL, err);
    if (rc == EM_OK && st->groups.n > st->cap_pos) {
        int64_t old = st->cap_pos;
        st->cap_pos = st->groups.n * 2;
        st->first_pos = em_realloc(st->first_pos, (size_t)st->cap_pos * sizeof *st->first_pos);
        for (int64_t i = old; i < st->cap_pos; i++)
            st->first_pos[i] = -1;
    }
    while (rc == EM_OK && st->n_blocks < st->groups.n)
        ex_agg_new_block(st);
    if (rc == EM_OK)
        for (int64_t r = 0; r < rows; r++)
            ex_agg_note_pos(st, ids[r], pos ? pos[r] : pos_base + r);
    return rc;
}

/*
 * Feeds the rows of `in` to the aggregates of groups ids[r]; ids NULL: every row belongs to
 * group 0 (a global aggregate), whose aggregates without DISTINCT take the whole batch through
 * update_all when they have it (no per-row state pointers).
 */
static int ex_agg_update(ex_query *q, ex_agg_table *st, const vec_batch *in, const int64_t *ids,
                         em_error *err)
{
    int64_t rows = in->n_rows;
    int rc = EM_OK;
    void **states = em_malloc((size_t)(rows ? rows : 1) * sizeof *states);
    for (int a = 0; a < st->n_aggs && rc == EM_OK; a++) {
        ex_agg_slot *slot = &st->slots[a];
        const pl_expr *call = slot->call;
        vec **args = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof *args);
        for (int i = 0; i < call->n_args && rc == EM_OK; i++)
            rc = ex_eval(q, call->args[i], in, NULL, rows, &args[i], err);
        if (rc == EM_OK && !ids && !slot->has_distinct && call->fn->agg->update_all) {
            rc = call->fn->agg->update_all(call, (char *)st->blocks[0] + slot->offset, args, rows,
                                           &st->fctx, err);
        } else if (rc == EM_OK) {
            for (int64_t r = 0; r < rows; r++)
                states[r] = (char *)st->blocks[ids ? ids[r] : 0] + slot->offset;
            if (slot->has_distinct) {
                vec **dk = em_calloc((size_t)call->n_args + 1, sizeof *dk);
                vec *gid = vec_new(ty_long(), rows);
                for (int64_t r = 0; r < rows; r++)
                    VEC_VALUES(gid, int64_t)[r] = ids ? ids[r] : 0;
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
    em_free(states);
    return rc;
}

static int ex_agg_eval_keys(ex_query *q, const ex_agg_table *st, const vec_batch *in, vec **keys,
                            em_error *err)
{
    for (int g = 0; g < st->n_groups; g++)
        if (ex_eval(q, st->node->groups[g], in, NULL, in->n_rows, &keys[g], err))
            return err && err->code ? err->code : EM_EINTERNAL;
    return EM_OK;
}

/* Writes rows sel[0..n) of in (with their positions) to their partitions. */
static int ex_agg_spill_rows(ex_agg_table *st, const vec_batch *in, vec *const *keys,
                             const int64_t *sel, int64_t n, int64_t pos_base, const int64_t *pos,
                             em_error *err)
{
    ex_spill_file *files[EX_AGG_PARTS];
    for (int p = 0; p < EX_AGG_PARTS; p++)
        files[p] = st->parts[p].n_files ? st->parts[p].files[0] : NULL;
    int rc = ex_spill_scatter(st->q, files, EX_AGG_PARTS, in, st->n_in, keys, st->n_groups, sel, n,
                              pos_base, pos, st->level, err);
    for (int p = 0; p < EX_AGG_PARTS; p++) {
        ex_agg_part *pt = &st->parts[p];
        if (files[p] && pt->n_files == 0) {
            pt->cap_files = 4;
            pt->files = em_realloc(pt->files, (size_t)pt->cap_files * sizeof *pt->files);
            pt->files[pt->n_files++] = files[p];
        }
    }
    st->spilled = true;
    st->own_parts = true;
    return rc;
}

/*
 * Rows of `in` whose groups st holds update them in place (their positions noted); the others
 * are returned in *miss (n_miss rows; NULL when none).
 */
static int ex_agg_update_found(ex_query *q, ex_agg_table *st, const vec_batch *in, vec *const *keys,
                               int64_t pos_base, const int64_t *pos, int64_t **miss,
                               int64_t *n_miss, em_error *err)
{
    int64_t rows = in->n_rows;
    int64_t *ids = em_malloc((size_t)rows * sizeof *ids);
    int64_t *found = em_malloc((size_t)rows * sizeof *found);
    int64_t *lost = em_malloc((size_t)rows * sizeof *lost);
    int64_t n_found = 0, n_lost = 0;
    ex_keyset_find(&st->groups, keys, rows, ids);
    for (int64_t r = 0; r < rows; r++) {
        if (ids[r] < 0) {
            lost[n_lost++] = r;
            continue;
        }
        ex_agg_note_pos(st, ids[r], pos ? pos[r] : pos_base + r);
        ids[n_found] = ids[r];
        found[n_found++] = r;
    }
    int rc = EM_OK;
    /* DISTINCT sets grow for groups the table holds: room for them is reserved (or it fails) */
    for (int a = 0; a < st->n_aggs && rc == EM_OK; a++)
        if (st->slots[a].has_distinct)
            rc = ex_keyset_reserve(&st->slots[a].distinct, n_found, err);
    if (rc == EM_OK && n_found == rows) {
        rc = ex_agg_update(q, st, in, ids, err);
    } else if (rc == EM_OK && n_found > 0) {
        vec_batch *sub = ex_batch_take(in, found, n_found, err);
        rc = sub ? ex_agg_update(q, st, sub, ids, err) : EM_EINTERNAL;
        vec_batch_free(sub);
    }
    em_free(ids);
    em_free(found);
    if (rc || n_lost == 0) {
        em_free(lost);
        lost = NULL;
        n_lost = 0;
    }
    *miss = lost;
    *n_miss = n_lost;
    return rc;
}

static bool ex_agg_can_spill(const ex_agg_table *st)
{
    return st->n_groups > 0 && st->level < EX_AGG_MAX_LEVEL && st->deterministic;
}

/* Consumes the rows of `in` (its first n_in columns), row r at position pos[r] (pos_base + r
   when pos is NULL). */
static int ex_agg_consume_rows(ex_query *q, ex_agg_table *st, const vec_batch *in, int64_t pos_base,
                               const int64_t *pos, em_error *err)
{
    int64_t rows = in->n_rows;
    if (rows == 0)
        return EM_OK;
    if (st->n_groups == 0)
        return ex_agg_update(q, st, in, NULL, err);
    /* forced spilling: fill the table to its cap exactly, then spill the rest */
    if (st->force_groups > 0 && !st->spilling && rows > 1 &&
        st->groups.n + rows > st->force_groups) {
        int64_t k = st->force_groups - st->groups.n;
        if (k < 1)
            k = 1;
        vec_batch *a = ex_batch_slice(in, 0, k, err);
        vec_batch *b = a ? ex_batch_slice(in, k, rows - k, err) : NULL;
        int rc = b ? ex_agg_consume_rows(q, st, a, pos_base, pos, err) : EM_EINTERNAL;
        if (rc == EM_OK)
            rc = ex_agg_consume_rows(q, st, b, pos_base + k, pos ? pos + k : NULL, err);
        vec_batch_free(a);
        vec_batch_free(b);
        return rc;
    }
    vec **keys = em_calloc((size_t)st->n_groups, sizeof *keys);
    int rc = ex_agg_eval_keys(q, st, in, keys, err);
    if (rc == EM_OK && !st->spilling) {
        em_error local;
        em_error_clear(&local);
        rc = ex_agg_reserve(st, rows, &local);
        if (rc == EM_ENOMEM && ex_agg_can_spill(st)) {
            st->spilling = true;
            rc = EM_OK;
        } else if (rc) {
            if (em_error_is_set(&local))
                em_error_copy(err, &local);
            else
                ex_agg_no_memory(err, rows);
        }
    }
    if (rc == EM_OK && !st->spilling) {
        int64_t *ids = em_malloc((size_t)rows * sizeof *ids);
        rc = ex_agg_assign(st, keys, rows, pos_base, pos, ids, err);
        if (rc == EM_OK)
            rc = ex_agg_update(q, st, in, ids, err);
        em_free(ids);
    } else if (rc == EM_OK) {
        int64_t *miss = NULL, n_miss = 0;
        rc = ex_agg_update_found(q, st, in, keys, pos_base, pos, &miss, &n_miss, err);
        if (rc == EM_OK && n_miss > 0)
            rc = ex_agg_spill_rows(st, in, keys, miss, n_miss, pos_base, pos, err);
        em_free(miss);
    }
    for (int g = 0; g < st->n_groups; g++)
        vec_release(keys[g]);
    em_free(keys);
    return rc;
}

int ex_agg_table_consume(ex_query *q, ex_agg_table *st, const vec_batch *in, int64_t pos_base,
                         em_error *err)
{
    return ex_agg_consume_rows(q, st, in, pos_base, NULL, err);
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

/* Moves the partition files of src into dst. */
static void ex_agg_adopt_parts(ex_agg_table *dst, ex_agg_table *src)
{
    for (int p = 0; p < EX_AGG_PARTS; p++) {
        ex_agg_part *s = &src->parts[p], *d = &dst->parts[p];
        for (int i = 0; i < s->n_files; i++) {
            if (d->n_files == d->cap_files) {
                d->cap_files = d->cap_files ? d->cap_files * 2 : 4;
                d->files = em_realloc(d->files, (size_t)d->cap_files * sizeof *d->files);
            }
            d->files[d->n_files++] = s->files[i];
            dst->spilled = true;
        }
        s->n_files = 0;
    }
}

int ex_agg_table_merge(ex_query *q, ex_agg_table *st, ex_agg_table *const *parts, int n_parts,
                       em_error *err)
{
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
            e[k].pos = parts[p]->first_pos[g];
            e[k].part = p;
            e[k].gid = g;
            k++;
        }
    qsort(e, (size_t)total, sizeof *e, ex_agg_entry_cmp);
    /* the partial groups' keys in first-seen order, then one upsert: final ids follow it */
    vec **keys = em_calloc((size_t)st->n_groups, sizeof *keys);
    for (int g = 0; g < st->n_groups; g++)
        keys[g] = vec_new(st->group_types[g], total);
    int64_t *pos = em_malloc((size_t)(total ? total : 1) * sizeof *pos);
    for (int64_t i = 0; i < total; i++)
        pos[i] = e[i].pos;
    for (int64_t i = 0; i < total && rc == EM_OK; i++)
        for (int g = 0; g < st->n_groups && rc == EM_OK; g++)
            rc = vec_append_from(keys[g], parts[e[i].part]->groups.keys[g], e[i].gid, err);
    int64_t *ids = em_malloc((size_t)(total ? total : 1) * sizeof *ids);
    if (rc == EM_OK && ex_agg_reserve(st, total, err))
        rc = em_error_is_set(err) ? EM_ENOMEM : ex_agg_no_memory(err, total);
    if (rc == EM_OK)
        rc = ex_agg_assign(st, keys, total, 0, pos, ids, err);
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
    /* rows the partials spilled: their partitions are aggregated when st is emitted */
    for (int p = 0; p < n_parts && rc == EM_OK; p++)
        ex_agg_adopt_parts(st, parts[p]);
    for (int g = 0; g < st->n_groups; g++)
        vec_release(keys[g]);
    em_free(keys);
    em_free(ids);
    em_free(pos);
    em_free(e);
    return rc;
}

/* The output rows of groups ids[0..cnt) (with their first positions as a last column when
   with_pos). */
static int ex_agg_emit_ids(ex_query *q, ex_agg_table *st, const int64_t *ids, int64_t cnt,
                           bool with_pos, vec_batch **out, em_error *err)
{
    const pl_node *n = st->node;
    vec_batch *row = vec_batch_new(st->n_groups + st->n_aggs, cnt);
    int rc = EM_OK;
    if (st->n_groups > 0) {
        /* the groups' keys, gathered column-wise (ex_batch_take's typed copies) */
        vec_batch *kb = vec_batch_new(st->n_groups, st->groups.n);
        for (int g = 0; g < st->n_groups; g++)
            kb->cols[g] = vec_retain(st->groups.keys[g]);
        vec_batch *taken = ex_batch_take(kb, ids, cnt, err);
        vec_batch_free(kb);
        if (!taken)
            rc = err && err->code ? err->code : EM_EINTERNAL;
        for (int g = 0; taken && g < st->n_groups; g++) {
            row->cols[g] = taken->cols[g];
            taken->cols[g] = NULL;
        }
        vec_batch_free(taken);
    }
    for (int a = 0; a < st->n_aggs && rc == EM_OK; a++) {
        const pl_expr *call = st->slots[a].call;
        vec *v = vec_new(call->type, cnt);
        for (int64_t i = 0; i < cnt && rc == EM_OK; i++)
            rc = call->fn->agg->final(call, (char *)st->blocks[ids[i]] + st->slots[a].offset, v,
                                      &st->fctx, err);
        row->cols[st->n_groups + a] = v;
    }
    vec_batch *b = NULL;
    if (rc == EM_OK) {
        b = vec_batch_new(n->n_exprs + (with_pos ? 1 : 0), cnt);
        for (int i = 0; i < n->n_exprs && rc == EM_OK; i++)
            rc = ex_eval(q, n->exprs[i], row, NULL, cnt, &b->cols[i], err);
        if (rc == EM_OK && with_pos) {
            vec *p = vec_new(ty_long(), cnt);
            for (int64_t i = 0; i < cnt; i++)
                VEC_VALUES(p, int64_t)[i] = st->first_pos[ids[i]];
            p->len = cnt;
            b->cols[n->n_exprs] = p;
        }
    }
    vec_batch_free(row);
    if (rc) {
        vec_batch_free(b);
        return -1;
    }
    *out = b;
    return 1;
}

/* ---- emitting a spilled table -------------------------------------------------------------- */

typedef struct ex_agg_pos_entry {
    int64_t pos, id;
} ex_agg_pos_entry;

static int ex_agg_pos_cmp(const void *a, const void *b)
{
    const ex_agg_pos_entry *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The table's group ids by ascending first position. */
static int64_t *ex_agg_order(const ex_agg_table *st)
{
    int64_t n = st->n_blocks;
    ex_agg_pos_entry *e = em_malloc((size_t)(n ? n : 1) * sizeof *e);
    for (int64_t i = 0; i < n; i++) {
        e[i].pos = st->first_pos[i];
        e[i].id = i;
    }
    qsort(e, (size_t)n, sizeof *e, ex_agg_pos_cmp);
    int64_t *ids = em_malloc((size_t)(n ? n : 1) * sizeof *ids);
    for (int64_t i = 0; i < n; i++)
        ids[i] = e[i].id;
    em_free(e);
    return ids;
}

/* Writes t's output rows (with first positions, ascending) as the next run of base. */
static int ex_agg_write_run(ex_query *q, ex_agg_table *base, ex_agg_table *t, em_error *err)
{
    if (t->n_blocks == 0)
        return EM_OK;
    if (!base->runs && !(base->runs = ex_spill_open(q, err)))
        return err && err->code ? err->code : EM_EIO;
    int64_t *ids = ex_agg_order(t);
    int rc = EM_OK;
    for (int64_t off = 0; off < t->n_blocks && rc == EM_OK; off += EX_AGG_RUN_ROWS) {
        int64_t cnt = t->n_blocks - off < EX_AGG_RUN_ROWS ? t->n_blocks - off : EX_AGG_RUN_ROWS;
        vec_batch *b = NULL;
        if (ex_agg_emit_ids(q, t, ids + off, cnt, true, &b, err) < 0) {
            rc = err && err->code ? err->code : EM_EINTERNAL;
            break;
        }
        rc = ex_spill_write(base->runs, b, 0, cnt, err);
        vec_batch_free(b);
    }
    em_free(ids);
    if (rc == EM_OK) {
        if (base->n_runs == base->cap_runs) {
            base->cap_runs = base->cap_runs ? base->cap_runs * 2 : 16;
            base->run_ends =
                em_realloc(base->run_ends, (size_t)base->cap_runs * sizeof *base->run_ends);
        }
        base->run_ends[base->n_runs++] = ex_spill_size(base->runs);
    }
    return rc;
}

static ex_agg_table *ex_agg_table_make(ex_query *q, const pl_node *n, int level, bool final,
                                       em_error *err);

static void ex_agg_part_close(ex_agg_part *p)
{
    for (int i = 0; i < p->n_files; i++)
        ex_spill_close(p->files[i]);
    em_free(p->files);
    memset(p, 0, sizeof *p);
}

/*
 * Aggregates one partition's rows (the files of part, consumed) at `level` into a partition
 * table, written as a run of base; rows that table spilled are partitioned again and
 * aggregated one level down, after its memory is given back.
 */
static int ex_agg_process_part(ex_query *q, ex_agg_table *base, ex_agg_part *part, int level,
                               bool force, em_error *err)
{
    if (part->n_files == 0)
        return EM_OK;
    ex_agg_table *t = ex_agg_table_make(q, base->node, level, false, err);
    if (!t)
        return err && err->code ? err->code : EM_EINTERNAL;
    if (force && t->deterministic)
        t->force_groups = EX_AGG_FORCE_L1;
    int rc = EM_OK;
    for (int i = 0; i < part->n_files && rc == EM_OK; i++) {
        ex_spill_reader r;
        ex_spill_reader_init(&r, part->files[i], 0, ex_spill_size(part->files[i]), base->n_in + 1,
                             base->part_types);
        for (;;) {
            vec_batch *b = NULL;
            int got = ex_spill_read(&r, &b, err);
            if (got <= 0) {
                rc = got < 0 ? (err && err->code ? err->code : EM_EIO) : EM_OK;
                break;
            }
            rc = ex_check_cancel(q, err);
            if (rc == EM_OK)
                rc = ex_agg_consume_rows(q, t, b, 0, VEC_VALUES(b->cols[base->n_in], int64_t), err);
            vec_batch_free(b);
            if (rc)
                break;
        }
        ex_spill_reader_release(&r);
    }
    ex_agg_part_close(part);
    if (rc == EM_OK)
        rc = ex_agg_write_run(q, base, t, err);
    /* t's own spilled rows: one level down, after t's memory is given back */
    ex_agg_part sub[EX_AGG_PARTS];
    memcpy(sub, t->parts, sizeof sub);
    memset(t->parts, 0, sizeof t->parts);
    ex_agg_table_free(t);
    for (int p = 0; p < EX_AGG_PARTS; p++) {
        if (rc == EM_OK)
            rc = ex_agg_process_part(q, base, &sub[p], level + 1, false, err);
        ex_agg_part_close(&sub[p]);
    }
    return rc;
}

/* Frees st's groups and states (their budget goes back); st stays usable, empty. */
static void ex_agg_clear_groups(ex_agg_table *st)
{
    for (int64_t b = 0; b < st->n_blocks; b++)
        for (int a = 0; a < st->n_aggs; a++) {
            const pl_expr *call = st->slots[a].call;
            if (call->fn->agg->destroy)
                call->fn->agg->destroy(call, (char *)st->blocks[b] + st->slots[a].offset);
        }
    st->n_blocks = 0;
    em_arena_release(&st->blocks_arena);
    em_arena_init(&st->blocks_arena, 0);
    for (int a = 0; a < st->n_aggs; a++)
        if (st->slots[a].has_distinct) {
            ex_keyset_release(&st->slots[a].distinct);
            st->slots[a].has_distinct = false; /* no rows come to st any more */
        }
    if (st->n_groups) {
        ex_keyset_release(&st->groups);
        ex_keyset_init(&st->groups, st->n_groups, st->group_types);
    }
    ex_mem_release(st->acct, st->acct_bytes);
    st->acct = NULL;
    st->acct_bytes = 0;
}

/*
 * Partition rows whose group st holds (rows that other workers' partial tables spilled)
 * update st in place; the rest of each partition is rewritten to one new file, so that st's
 * groups are complete and can be written out before the partitions are aggregated.
 */
static int ex_agg_absorb_adopted(ex_query *q, ex_agg_table *st, em_error *err)
{
    int rc = EM_OK;
    vec **keys = em_calloc((size_t)st->n_groups, sizeof *keys);
    for (int p = 0; p < EX_AGG_PARTS && rc == EM_OK; p++) {
        ex_agg_part *pt = &st->parts[p];
        if (pt->n_files == 0)
            continue;
        ex_spill_file *rest = NULL;
        for (int i = 0; i < pt->n_files && rc == EM_OK; i++) {
            ex_spill_reader r;
            ex_spill_reader_init(&r, pt->files[i], 0, ex_spill_size(pt->files[i]), st->n_in + 1,
                                 st->part_types);
            for (;;) {
                vec_batch *b = NULL;
                int got = ex_spill_read(&r, &b, err);
                if (got <= 0) {
                    rc = got < 0 ? (err && err->code ? err->code : EM_EIO) : EM_OK;
                    break;
                }
                int64_t *miss = NULL, n_miss = 0;
                rc = ex_check_cancel(q, err);
                if (rc == EM_OK)
                    rc = ex_agg_eval_keys(q, st, b, keys, err);
                if (rc == EM_OK)
                    rc = ex_agg_update_found(q, st, b, keys, 0,
                                             VEC_VALUES(b->cols[st->n_in], int64_t), &miss, &n_miss,
                                             err);
                if (rc == EM_OK && n_miss > 0 && !rest && !(rest = ex_spill_open(q, err)))
                    rc = err && err->code ? err->code : EM_EIO;
                if (rc == EM_OK && n_miss > 0) {
                    vec_batch *sub = ex_batch_take(b, miss, n_miss, err);
                    rc = sub ? ex_spill_write(rest, sub, 0, n_miss, err) : EM_EINTERNAL;
                    vec_batch_free(sub);
                }
                for (int g = 0; g < st->n_groups; g++) {
                    vec_release(keys[g]);
                    keys[g] = NULL;
                }
                em_free(miss);
                vec_batch_free(b);
                if (rc)
                    break;
            }
            ex_spill_reader_release(&r);
        }
        for (int i = 0; i < pt->n_files; i++)
            ex_spill_close(pt->files[i]);
        pt->n_files = 0;
        if (rest)
            pt->files[pt->n_files++] = rest;
    }
    em_free(keys);
    return rc;
}

/*
 * Emitting a spilled table: its own groups become the first run and its memory goes back,
 * then every partition is aggregated into runs, and the runs are merged by first position.
 */
static int ex_agg_finish_spill(ex_query *q, ex_agg_table *st, em_error *err)
{
    st->spilling = true; /* st's groups are final: partition rows only update them */
    /* a parallel final table holds its workers' partitions, which may hold its groups' rows */
    int rc = st->own_parts ? EM_OK : ex_agg_absorb_adopted(q, st, err);
    if (rc == EM_OK)
        rc = ex_agg_write_run(q, st, st, err);
    if (rc)
        return rc;
    ex_agg_clear_groups(st);
    for (int p = 0; p < EX_AGG_PARTS; p++) {
        ex_agg_part part = st->parts[p];
        memset(&st->parts[p], 0, sizeof st->parts[p]);
        if (rc == EM_OK)
            rc =
                ex_agg_process_part(q, st, &part, st->level + 1, p == 0 && ex_spill_forced(q), err);
        ex_agg_part_close(&part);
    }
    if (rc)
        return rc;
    int n_out = st->node->n_exprs;
    st->merge = ex_kmerge_new(q, n_out, st->run_types, NULL, NULL, n_out);
    int64_t start = 0;
    for (int r = 0; r < st->n_runs; r++) {
        ex_kmerge_add_segment(st->merge, st->runs, start, st->run_ends[r], n_out + 1,
                              st->run_types);
        start = st->run_ends[r];
    }
    return EM_OK;
}

int ex_agg_table_emit(ex_query *q, ex_agg_table *st, vec_batch **out, em_error *err)
{
    if (!st->finished) {
        st->finished = true;
        if (st->spilled && ex_agg_finish_spill(q, st, err))
            return -1;
    }
    if (st->merge)
        return ex_kmerge_next(st->merge, out, err);
    int64_t left = st->n_blocks - st->emitted;
    if (left <= 0)
        return 0;
    int64_t cnt = left < ex_batch_rows(q) ? left : ex_batch_rows(q);
    int64_t *ids = em_malloc((size_t)cnt * sizeof *ids);
    for (int64_t i = 0; i < cnt; i++)
        ids[i] = st->emitted + i;
    int rc = ex_agg_emit_ids(q, st, ids, cnt, false, out, err);
    em_free(ids);
    if (rc < 0)
        return -1;
    st->emitted += cnt;
    return 1;
}

void ex_agg_table_free(ex_agg_table *st)
{
    if (!st)
        return;
    ex_kmerge_free(st->merge);
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
    for (int p = 0; p < EX_AGG_PARTS; p++)
        ex_agg_part_close(&st->parts[p]);
    ex_spill_close(st->runs);
    em_free(st->run_ends);
    em_free(st->part_types);
    em_free(st->run_types);
    em_free(st);
}

static bool ex_agg_expr_deterministic(const pl_expr *e)
{
    if (!e)
        return true;
    if ((e->kind == PX_CALL || e->kind == PX_AGG_CALL) && e->fn && !e->fn->deterministic)
        return false;
    for (int i = 0; i < e->n_args; i++)
        if (!ex_agg_expr_deterministic(e->args[i]))
            return false;
    return true;
}

static bool ex_agg_exprs_deterministic(pl_expr *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (!ex_agg_expr_deterministic(list[i]))
            return false;
    return true;
}

static ex_agg_table *ex_agg_table_make(ex_query *q, const pl_node *n, int level, bool final,
                                       em_error *err)
{
    ex_agg_table *st = em_calloc(1, sizeof *st);
    st->node = n;
    st->q = q;
    st->level = level;
    st->n_groups = n->n_groups;
    st->n_aggs = n->u.agg.n_aggs;
    st->fctx.opts = &q->opts;
    em_arena_init(&st->blocks_arena, 0);
    st->group_types = em_calloc((size_t)(st->n_groups ? st->n_groups : 1), sizeof *st->group_types);
    for (int g = 0; g < st->n_groups; g++)
        st->group_types[g] = n->groups[g]->type;
    if (st->n_groups)
        ex_keyset_init(&st->groups, st->n_groups, st->group_types);
    const pl_node *child = n->children[0];
    st->n_in = child->n_out;
    st->part_types = em_calloc((size_t)st->n_in + 1, sizeof *st->part_types);
    for (int c = 0; c < st->n_in; c++)
        st->part_types[c] = child->out[c].type;
    st->part_types[st->n_in] = ty_long();
    st->run_types = em_calloc((size_t)n->n_exprs + 1, sizeof *st->run_types);
    for (int i = 0; i < n->n_exprs; i++)
        st->run_types[i] = n->exprs[i]->type;
    st->run_types[n->n_exprs] = ty_long();
    st->deterministic = ex_agg_exprs_deterministic(n->groups, n->n_groups) &&
                        ex_agg_exprs_deterministic(n->exprs, n->n_exprs);
    for (int a = 0; a < n->u.agg.n_aggs; a++)
        st->deterministic = st->deterministic && ex_agg_expr_deterministic(n->u.agg.aggs[a]);
    /* the parallel aggregate's final table only merges; its workers' tables spill past their
       share of the budget, leaving room for that merge */
    if (!final && st->deterministic && ex_spill_forced(q))
        st->force_groups = level == 0 ? EX_AGG_FORCE_L0 : 0;
    if (q->is_worker && q->main && q->main->mem_limit > 0 && st->deterministic)
        st->soft_limit = q->main->mem_limit / (4 * (q->opts.threads > 1 ? q->opts.threads : 1));
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
    if (st->n_groups == 0) {
        ex_agg_new_block(st);
        st->first_pos = em_malloc(sizeof *st->first_pos);
        st->first_pos[0] = 0;
        st->cap_pos = 1;
    }
    return st;
}

/* track_pos false marks the parallel aggregate's final table (positions are always kept). */
ex_agg_table *ex_agg_table_new(ex_query *q, const pl_node *n, bool track_pos, em_error *err)
{
    return ex_agg_table_make(q, n, 0, !track_pos && !q->is_worker, err);
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
            rc = ex_agg_table_consume(op->q, st->t, in, st->pos, err);
            st->pos += in->n_rows;
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
    st->t = ex_agg_table_new(q, n, true, err);
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
