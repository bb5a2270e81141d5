/*
 * op_dedup: Deduplicate (dropDuplicates / DISTINCT). Keeps the first row of every distinct key
 * tuple (the listed key columns, or all columns), streaming: each batch is filtered against the
 * set of keys seen so far. Key equality is grouping equality (NULLs equal, NaN equal NaN,
 * -0.0 equal 0.0).
 *
 * Spilling: when the set of keys cannot grow within the memory budget (forced spilling: past 2
 * keys), rows whose key the set holds are dropped (their first row went out already) and the
 * others go to hash partitions with their stream positions (ex_hset, op_setop.c); at the end of
 * the input each partition keeps its keys' first rows, and the partitions' rows are merged by
 * position: the output stays first-seen order, row for row as in memory.
 */
#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_dedup_state {
    ex_keyset seen;
    int n_keys;
    int *keys;
    int n_cols;
    const ty **types;
    int64_t pos;     /* input rows so far */
    ex_hset *h;      /* spilling (NULL: in memory) */
    bool input_done; /* spilling: the input is drained, h has the rest */
} ex_dedup_state;

static int ex_dedup_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_dedup_state *st = op->state;
    while (!st->input_done) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            if (!st->h)
                return 0;
            st->input_done = true;
            ex_keyset_release(&st->seen);
            break;
        }
        int64_t rows = in->n_rows, base = st->pos;
        st->pos += rows;
        bool *is_new = NULL;
        rc = ex_hset_filter(op->q, &st->seen, &st->h, EX_HSET_DISTINCT, st->n_cols, st->types,
                            st->n_keys, st->keys, in, base, &is_new, err);
        if (rc || !is_new) {
            vec_batch_free(in);
            if (rc)
                return -1;
            continue;
        }
        int64_t *sel = em_malloc((size_t)(rows ? rows : 1) * sizeof *sel);
        int64_t k = 0;
        for (int64_t r = 0; r < rows; r++)
            if (is_new[r])
                sel[k++] = r;
        em_free(is_new);
        if (k == 0) {
            em_free(sel);
            vec_batch_free(in);
            continue;
        }
        if (k == rows) {
            em_free(sel);
            *out = in;
            return 1;
        }
        vec_batch *b = ex_batch_take(in, sel, k, err);
        em_free(sel);
        vec_batch_free(in);
        if (!b)
            return -1;
        *out = b;
        return 1;
    }
    return ex_hset_next(st->h, out, err);
}

static void ex_dedup_release(ex_op *op)
{
    ex_dedup_state *st = op->state;
    if (!st)
        return;
    ex_hset_free(st->h);
    ex_keyset_release(&st->seen);
    em_free(st->keys);
    em_free(st->types);
    em_free(st);
}

static const ex_op_vtbl ex_dedup_vt = {ex_dedup_next, ex_dedup_release};

int ex_dedup_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    const pl_node *child = n->children[0];
    ex_op *op = ex_op_new(q, n, &ex_dedup_vt, 1);
    ex_dedup_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    bool all = n->u.dedup.all_columns_as_keys || n->u.dedup.n_keys == 0;
    st->n_keys = all ? child->n_out : n->u.dedup.n_keys;
    st->keys = em_calloc((size_t)(st->n_keys ? st->n_keys : 1), sizeof *st->keys);
    const ty **types = em_calloc((size_t)(st->n_keys ? st->n_keys : 1), sizeof *types);
    for (int k = 0; k < st->n_keys; k++) {
        st->keys[k] = all ? k : n->u.dedup.keys[k];
        if (st->keys[k] < 0 || st->keys[k] >= child->n_out) {
            em_free(types);
            ex_op_free(op);
            return em_error_internal(err, "dedup key %d out of range", st->keys[k]);
        }
        types[k] = child->out[st->keys[k]].type;
    }
    ex_keyset_init(&st->seen, st->n_keys, types);
    em_free(types);
    st->n_cols = child->n_out;
    st->types = ex_node_types(child);
    if (ex_build(q, child, &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
