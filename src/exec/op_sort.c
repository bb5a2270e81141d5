/*
 * op_sort: Sort (ORDER BY / orderBy / sort), external when the memory budget runs out.
 *
 * Rows are compared on their sort keys with Spark's ordering (ty_order.h: NaN above every
 * number, -0.0 equal to 0.0, strings bytewise), honouring each key's direction and NULLS
 * FIRST / LAST; rows equal on every key keep their input order (a stable merge sort).
 *
 * State machine:
 *  - DRAIN pulls every input batch, evaluates its keys and appends the rows (input columns ++
 *    key columns) to an ex_rows, which charges them to the query's budget; 16 bytes a row are
 *    charged beforehand for the permutation, so held rows can always be sorted. When a charge
 *    fails (or, with forced spilling, once the held rows reach max(4, rows spilled so far)),
 *    the held rows are sorted and written as a sorted RUN to the operator's spill file, their
 *    memory is given back, and the batch is taken again (a single batch larger than the whole
 *    budget still fails with UNABLE_TO_ACQUIRE_MEMORY).
 *  - SORT: the rows still held are sorted in memory (a permutation of their indexes).
 *  - EMIT: without runs, rows are taken in permutation order, batch_rows at a time. With runs,
 *    a k-way merge (ex_spill_merge.c) of the runs in input order and then the held rows
 *    produces the output; ties go to the earlier run, so the result is the in-memory sort's,
 *    row for row.
 */
#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

/* Rows at least buffered before a forced spill (the test permutation). */
#define EX_SORT_FORCE_ROWS 4

typedef struct ex_sort_state {
    const pl_node *node;
    int n_cols;          /* input columns */
    int n_keys;          /* key columns, after the input columns in each held row */
    const ty **types;    /* input types ++ key types */
    ex_rows rows;        /* held rows: input ++ keys (charged by ex_rows) */
    ex_query *perm_acct; /* memory budget charged for the permutation: 16 bytes a held row */
    int64_t perm_bytes;
    int64_t *perm; /* held rows in sorted order */
    int64_t emitted;
    bool sorted;
    /* spilled runs: segments [run_ends[i-1], run_ends[i]) of one file */
    ex_spill_file *runs;
    int64_t *run_ends;
    int n_runs, cap_runs;
    int64_t spilled_rows;
    ex_kmerge *merge;
    int64_t mem_next; /* next permutation index the merge's in-memory source returns */
} ex_sort_state;

typedef struct ex_sort_cmp {
    const ex_sort_state *st;
    const pl_node *node;
    ex_query *q;   /* cancellation is checked between large merges */
    bool canceled; /* set once the query is canceled: the sort stops early */
} ex_sort_cmp;

static int ex_sort_compare(void *ctx, int64_t a, int64_t b)
{
    const ex_sort_cmp *c = ctx;
    const ex_sort_state *st = c->st;
    vec_batch all = {.n_cols = st->rows.n_cols, .n_rows = st->rows.n_rows, .cols = st->rows.cols};
    return ex_sort_rows_compare(c->node, st->n_cols, st->n_keys, &all, a, &all, b);
}

/* Cancellation between large runs: once canceled the sort stops early. */
static bool ex_sort_stop(void *ctx)
{
    ex_sort_cmp *c = ctx;
    if (!c->canceled && c->q && ex_check_cancel(c->q, NULL))
        c->canceled = true;
    return c->canceled;
}

/* Sorts the held rows into st->perm (charged with the rows). */
static int ex_sort_held(ex_op *op, ex_sort_state *st, em_error *err)
{
    int64_t total = st->rows.n_rows;
    em_free(st->perm);
    st->perm = em_malloc((size_t)(total ? total : 1) * sizeof *st->perm);
    int64_t *tmp = em_malloc((size_t)(total ? total : 1) * sizeof *tmp);
    for (int64_t i = 0; i < total; i++)
        st->perm[i] = i;
    ex_sort_cmp c = {.st = st, .node = op->node, .q = op->q};
    ex_sort_indexes(st->perm, tmp, total, ex_sort_compare, ex_sort_stop, &c);
    em_free(tmp);
    if (c.canceled)
        return em_error_canceled(err);
    return EM_OK;
}

/* The held rows perm[off..off+n) as a batch of the first n_out columns. */
static vec_batch *ex_sort_gather(const ex_sort_state *st, int n_out, int64_t off, int64_t n,
                                 em_error *err)
{
    ex_rows view = st->rows;
    view.n_cols = n_out;
    return ex_rows_take(&view, st->perm + off, n, err);
}

static void ex_sort_drop_held(ex_sort_state *st)
{
    ex_rows_release(&st->rows);
    ex_rows_init(&st->rows, st->n_cols + st->n_keys, st->types);
    em_free(st->perm);
    st->perm = NULL;
    ex_mem_release(st->perm_acct, st->perm_bytes);
    st->perm_acct = NULL;
    st->perm_bytes = 0;
}

/* Sorts the held rows and writes them as the next run; their memory goes back. */
static int ex_sort_spill_run(ex_op *op, ex_sort_state *st, em_error *err)
{
    if (ex_sort_held(op, st, err))
        return -1;
    if (!st->runs && !(st->runs = ex_spill_open(op->q, err)))
        return -1;
    /* blocks of about 256 KiB: the merge holds one per run */
    int64_t held = st->rows.n_rows;
    int64_t per_row = st->rows.acct_bytes / (held ? held : 1) + 1;
    int64_t block = ((int64_t)256 << 10) / per_row;
    block = block < 16 ? 16 : block > 4096 ? 4096 : block;
    for (int64_t off = 0; off < held; off += block) {
        int64_t n = held - off < block ? held - off : block;
        vec_batch *b = ex_sort_gather(st, st->n_cols + st->n_keys, off, n, err);
        if (!b)
            return -1;
        int rc = ex_spill_write(st->runs, b, 0, n, err);
        vec_batch_free(b);
        if (rc)
            return -1;
    }
    if (st->n_runs == st->cap_runs) {
        st->cap_runs = st->cap_runs ? st->cap_runs * 2 : 16;
        st->run_ends = em_realloc(st->run_ends, (size_t)st->cap_runs * sizeof *st->run_ends);
    }
    st->run_ends[st->n_runs++] = ex_spill_size(st->runs);
    st->spilled_rows += held;
    ex_sort_drop_held(st);
    return EM_OK;
}

/* Holds the rows of b (input ++ keys; consumed), spilling the held rows first when the budget
   (or forced spilling) says so. */
static int ex_sort_keep(ex_op *op, ex_sort_state *st, vec_batch *b, em_error *err)
{
    int64_t held = st->rows.n_rows;
    int64_t force_at =
        st->spilled_rows > EX_SORT_FORCE_ROWS ? st->spilled_rows : EX_SORT_FORCE_ROWS;
    int rc = EM_OK;
    if (ex_spill_forced(op->q) && held >= force_at)
        rc = ex_sort_spill_run(op, st, err);
    em_error local;
    em_error_clear(&local);
    /* the permutation first (a run cannot be sorted without it), then the rows */
    int64_t perm = 16 * b->n_rows;
    ex_query *acct = NULL;
    if (rc == EM_OK && ex_mem_acquire(op->q, &acct, perm, &local) == EM_ENOMEM &&
        st->rows.n_rows > 0) {
        em_error_clear(&local);
        rc = ex_sort_spill_run(op, st, err);
        if (rc == EM_OK)
            ex_mem_acquire(op->q, &acct, perm, &local);
    }
    if (rc == EM_OK && em_error_is_set(&local)) {
        em_error_copy(err, &local);
        rc = -1;
    }
    if (rc) {
        vec_batch_free(b);
        return -1;
    }
    if (acct) {
        st->perm_acct = acct;
        st->perm_bytes += perm;
    }
    held = st->rows.n_rows;
    rc = ex_rows_append(&st->rows, b, NULL, b->n_rows, &local);
    if (rc == EM_ENOMEM && st->rows.n_rows > held) {
        /* appended, but its growth could not be charged: out with everything held */
        rc = ex_sort_spill_run(op, st, err);
    } else if (rc == EM_ENOMEM && held > 0) {
        em_error_clear(&local);
        /* the run takes the permutation charge of b's rows with it: charge them again */
        rc = ex_sort_spill_run(op, st, err);
        if (rc == EM_OK && ex_mem_acquire(op->q, &acct, perm, &local) == EM_OK) {
            if (acct) {
                st->perm_acct = acct;
                st->perm_bytes += perm;
            }
            rc = ex_rows_append(&st->rows, b, NULL, b->n_rows, &local);
            if (rc == EM_ENOMEM && st->rows.n_rows > 0) /* in, but not charged: a run alone */
                rc = ex_sort_spill_run(op, st, err);
        } else if (rc == EM_OK) {
            rc = -1;
        }
        if (rc && em_error_is_set(&local))
            em_error_copy(err, &local);
    } else if (rc) {
        em_error_copy(err, &local);
    }
    vec_batch_free(b);
    return rc ? -1 : EM_OK;
}

/* The merge's last source: the rows still in memory, in sorted order. */
static int ex_sort_mem_source(void *ctx, vec_batch **out, em_error *err)
{
    ex_sort_state *st = ctx;
    int64_t left = st->rows.n_rows - st->mem_next;
    if (left <= 0)
        return 0;
    int64_t n = left < 1024 ? left : 1024;
    *out = ex_sort_gather(st, st->n_cols + st->n_keys, st->mem_next, n, err);
    if (!*out)
        return -1;
    st->mem_next += n;
    return 1;
}

static int ex_sort_merge_cmp(void *ctx, const vec_batch *a, int64_t ra, const vec_batch *b,
                             int64_t rb)
{
    const ex_sort_state *st = ctx;
    return ex_sort_rows_compare(st->node, st->n_cols, st->n_keys, a, ra, b, rb);
}

int ex_sort_next_keyed(ex_op *op, const pl_node *sort, int n_cols, vec_batch **out, em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        if (in->n_rows == 0) {
            vec_batch_free(in);
            continue;
        }
        vec_batch *b = vec_batch_new(n_cols + sort->n_exprs, in->n_rows);
        for (int c = 0; c < n_cols; c++)
            b->cols[c] = vec_retain(in->cols[c]);
        for (int k = 0; k < sort->n_exprs; k++) {
            const pl_expr *o = sort->exprs[k];
            const pl_expr *key = o->kind == PX_SORT_ORDER ? o->args[0] : o;
            if (ex_eval(op->q, key, in, NULL, in->n_rows, &b->cols[n_cols + k], err)) {
                vec_batch_free(b);
                vec_batch_free(in);
                return -1;
            }
        }
        vec_batch_free(in);
        *out = b;
        return 1;
    }
}

static int ex_sort_drain(ex_op *op, ex_sort_state *st, em_error *err)
{
    for (;;) {
        vec_batch *b;
        int rc = ex_sort_next_keyed(op, op->node, st->n_cols, &b, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        if (ex_sort_keep(op, st, b, err))
            return -1;
    }
    if (ex_sort_held(op, st, err))
        return -1;
    if (st->n_runs > 0) {
        st->merge = ex_kmerge_new(op->q, st->n_cols, st->types, ex_sort_merge_cmp, st, 0);
        int64_t start = 0;
        for (int r = 0; r < st->n_runs; r++) {
            ex_kmerge_add_segment(st->merge, st->runs, start, st->run_ends[r],
                                  st->n_cols + st->n_keys, st->types);
            start = st->run_ends[r];
        }
        ex_kmerge_add(st->merge, ex_sort_mem_source, st, NULL);
    }
    st->sorted = true;
    return 0;
}

static int ex_sort_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_sort_state *st = op->state;
    if (!st->sorted && ex_sort_drain(op, st, err))
        return -1;
    if (st->merge)
        return ex_kmerge_next(st->merge, out, err);
    int64_t left = st->rows.n_rows - st->emitted;
    if (left <= 0)
        return 0;
    int64_t n = left < ex_batch_rows(op->q) ? left : ex_batch_rows(op->q);
    vec_batch *b = ex_sort_gather(st, st->n_cols, st->emitted, n, err);
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
    ex_kmerge_free(st->merge);
    ex_rows_release(&st->rows);
    em_free(st->perm);
    ex_mem_release(st->perm_acct, st->perm_bytes);
    ex_spill_close(st->runs);
    em_free(st->run_ends);
    em_free(st->types);
    em_free(st);
}

static const ex_op_vtbl ex_sort_vt = {ex_sort_next, ex_sort_release};

int ex_sort_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_sort_vt, 1);
    ex_sort_state *st = em_calloc(1, sizeof *st);
    st->node = n;
    op->state = st;
    const pl_node *child = n->children[0];
    st->n_cols = child->n_out;
    st->n_keys = n->n_exprs;
    st->types = em_calloc((size_t)(st->n_cols + st->n_keys + 1), sizeof *st->types);
    for (int c = 0; c < st->n_cols; c++)
        st->types[c] = child->out[c].type;
    for (int k = 0; k < n->n_exprs; k++) {
        const pl_expr *o = n->exprs[k];
        st->types[st->n_cols + k] = o->kind == PX_SORT_ORDER ? o->args[0]->type : o->type;
    }
    ex_rows_init(&st->rows, st->n_cols + st->n_keys, st->types);
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
