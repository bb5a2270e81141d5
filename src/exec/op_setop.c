/*
 * op_setop: set operations (resolved PL_SET_OP): UNION [ALL], INTERSECT [ALL], EXCEPT [ALL]
 * (DataFrame union / unionByName / intersect / intersectAll / subtract / exceptAll, and the
 * UNION ALL the analyzer builds for grouping sets, unpivot and VALUES). The analyzer has
 * already widened both sides to the same column types.
 *
 * Rows compare with grouping equality (ty_order.h): NULL equals NULL (Spark's null-safe
 * equality for INTERSECT / EXCEPT), NaN equals NaN, -0.0 equals 0.0, nested values element by
 * element.
 *
 * State machine per kind:
 *  - UNION ALL streams the left input, then the right one (Spark's Union keeps the children's
 *    partitions in order).
 *  - UNION streams both sides through a set of the rows seen so far (Distinct(Union)).
 *  - INTERSECT / EXCEPT first drain the right side into a set, then stream the left side,
 *    emitting each distinct left row the first time it is seen, when it is (INTERSECT) or is
 *    not (EXCEPT) in the right set (Spark's left semi / anti join plus Distinct).
 *  - INTERSECT ALL / EXCEPT ALL count the occurrences of every distinct row on both sides, then
 *    emit each distinct left row min(left, right) times (INTERSECT ALL) or left - right times
 *    (EXCEPT ALL), copies together, in the order the rows first appear on the left (Spark's
 *    RewriteIntersectAll / RewriteExceptAll: an aggregate of counts, then replicate_rows).
 * Output order of the distinct forms is first-seen order; Spark's comes from a hash aggregate
 * and is not specified.
 */
#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_setop_state {
    int n_cols;
    const ty **types;
    int side;        /* child being streamed */
    bool built;      /* right side drained (INTERSECT / EXCEPT) */
    ex_keyset seen;  /* UNION: rows emitted; INTERSECT / EXCEPT: left rows seen */
    ex_keyset right; /* INTERSECT / EXCEPT: right rows */
    int64_t *right_counts;
    int64_t *left_counts; /* ALL forms: per left tuple of `seen` */
    int64_t cap_right, cap_left;
    int64_t emit_tuple; /* ALL forms: next tuple of `seen` to emit */
} ex_setop_state;

static void ex_setop_count(int64_t **counts, int64_t *cap, int64_t n_tuples, const int64_t *ids,
                           int64_t rows)
{
    if (n_tuples > *cap) {
        int64_t nc = *cap ? *cap : 64;
        while (nc < n_tuples)
            nc *= 2;
        *counts = em_realloc(*counts, (size_t)nc * sizeof **counts);
        for (int64_t i = *cap; i < nc; i++)
            (*counts)[i] = 0;
        *cap = nc;
    }
    for (int64_t r = 0; r < rows; r++)
        (*counts)[ids[r]]++;
}

/* Adds every row of child `side` to set (counting occurrences when counts is given). */
static int ex_setop_drain(ex_op *op, int side, ex_keyset *set, int64_t **counts, int64_t *cap,
                          em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, side, &in, err);
        if (rc <= 0)
            return rc;
        int64_t *ids = em_malloc((size_t)(in->n_rows ? in->n_rows : 1) * sizeof *ids);
        rc = ex_keyset_upsert(set, in->cols, in->n_rows, ids, NULL, err);
        if (rc == EM_OK && counts)
            ex_setop_count(counts, cap, set->n, ids, in->n_rows);
        em_free(ids);
        vec_batch_free(in);
        if (rc)
            return -1;
    }
}

/* Keeps rows sel[0..k) of in as the output batch (or in itself when all are kept). */
static int ex_setop_emit(vec_batch *in, int64_t *sel, int64_t k, vec_batch **out, em_error *err)
{
    if (k == in->n_rows) {
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

static int ex_setop_union(ex_op *op, ex_setop_state *st, bool all, vec_batch **out, em_error *err)
{
    while (st->side < 2) {
        vec_batch *in;
        int rc = ex_child_next(op, st->side, &in, err);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            st->side++;
            continue;
        }
        if (all) {
            *out = in;
            return 1;
        }
        int64_t rows = in->n_rows;
        bool *is_new = em_malloc((size_t)(rows ? rows : 1));
        rc = ex_keyset_upsert(&st->seen, in->cols, rows, NULL, is_new, err);
        int64_t *sel = em_malloc((size_t)(rows ? rows : 1) * sizeof *sel);
        int64_t k = 0;
        for (int64_t r = 0; rc == EM_OK && r < rows; r++)
            if (is_new[r])
                sel[k++] = r;
        em_free(is_new);
        if (rc || k == 0) {
            em_free(sel);
            vec_batch_free(in);
            if (rc)
                return -1;
            continue;
        }
        return ex_setop_emit(in, sel, k, out, err);
    }
    return 0;
}

/* INTERSECT / EXCEPT (distinct): stream the left side against the right set. */
static int ex_setop_filter(ex_op *op, ex_setop_state *st, bool intersect, vec_batch **out,
                           em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        int64_t rows = in->n_rows;
        int64_t *ids = em_malloc((size_t)(rows ? rows : 1) * sizeof *ids);
        bool *is_new = em_malloc((size_t)(rows ? rows : 1));
        ex_keyset_find(&st->right, in->cols, rows, ids);
        rc = ex_keyset_upsert(&st->seen, in->cols, rows, NULL, is_new, err);
        int64_t *sel = em_malloc((size_t)(rows ? rows : 1) * sizeof *sel);
        int64_t k = 0;
        for (int64_t r = 0; rc == EM_OK && r < rows; r++)
            if (is_new[r] && (ids[r] >= 0) == intersect)
                sel[k++] = r;
        em_free(ids);
        em_free(is_new);
        if (rc || k == 0) {
            em_free(sel);
            vec_batch_free(in);
            if (rc)
                return -1;
            continue;
        }
        return ex_setop_emit(in, sel, k, out, err);
    }
}

/* INTERSECT ALL / EXCEPT ALL: turns left_counts into the number of copies of each left tuple. */
static void ex_setop_copies(ex_setop_state *st, bool intersect)
{
    int64_t nt = st->seen.n;
    int64_t *rid = em_malloc((size_t)(nt ? nt : 1) * sizeof *rid);
    ex_keyset_find(&st->right, st->seen.keys, nt, rid);
    for (int64_t t = 0; t < nt; t++) {
        int64_t nl = st->left_counts[t], nr = rid[t] >= 0 ? st->right_counts[rid[t]] : 0;
        int64_t copies = intersect ? (nl < nr ? nl : nr) : nl - nr;
        st->left_counts[t] = copies > 0 ? copies : 0;
    }
    em_free(rid);
}

static int ex_setop_emit_all(ex_op *op, ex_setop_state *st, vec_batch **out, em_error *err)
{
    int64_t limit = ex_batch_rows(op->q);
    int64_t *sel = em_malloc((size_t)limit * sizeof *sel);
    int64_t k = 0;
    while (st->emit_tuple < st->seen.n && k < limit) {
        int64_t t = st->emit_tuple;
        while (st->left_counts[t] > 0 && k < limit) {
            sel[k++] = t;
            st->left_counts[t]--;
        }
        if (st->left_counts[t] == 0)
            st->emit_tuple++;
    }
    if (k == 0) {
        em_free(sel);
        return 0;
    }
    vec_batch tmp = {.n_cols = st->n_cols, .n_rows = st->seen.n, .cols = st->seen.keys};
    vec_batch *b = ex_batch_take(&tmp, sel, k, err);
    em_free(sel);
    if (!b)
        return -1;
    *out = b;
    return 1;
}

static int ex_setop_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_setop_state *st = op->state;
    const pl_node *n = op->node;
    bool all = n->u.set_op.is_all;
    switch (n->u.set_op.type) {
    case PL_SETOP_UNION:
        return ex_setop_union(op, st, all, out, err);
    case PL_SETOP_INTERSECT:
    case PL_SETOP_EXCEPT: {
        bool intersect = n->u.set_op.type == PL_SETOP_INTERSECT;
        if (!st->built) {
            if (ex_setop_drain(op, 1, &st->right, all ? &st->right_counts : NULL, &st->cap_right,
                               err) < 0)
                return -1;
            if (all && ex_setop_drain(op, 0, &st->seen, &st->left_counts, &st->cap_left, err) < 0)
                return -1;
            if (all)
                ex_setop_copies(st, intersect);
            st->built = true;
        }
        return all ? ex_setop_emit_all(op, st, out, err)
                   : ex_setop_filter(op, st, intersect, out, err);
    }
    }
    return em_error_internal(err, "unknown set operation %d", (int)n->u.set_op.type) ? -1 : -1;
}

static void ex_setop_release(ex_op *op)
{
    ex_setop_state *st = op->state;
    if (!st)
        return;
    ex_keyset_release(&st->seen);
    ex_keyset_release(&st->right);
    em_free(st->right_counts);
    em_free(st->left_counts);
    em_free(st->types);
    em_free(st);
}

static const ex_op_vtbl ex_setop_vt = {ex_setop_next, ex_setop_release};

int ex_setop_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    if (n->n_children != 2)
        return em_error_internal(err, "set operation with %d inputs", n->n_children);
    ex_op *op = ex_op_new(q, n, &ex_setop_vt, 2);
    ex_setop_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->n_cols = n->n_out;
    st->types = ex_node_types(n);
    ex_keyset_init(&st->seen, st->n_cols, st->types);
    ex_keyset_init(&st->right, st->n_cols, st->types);
    for (int i = 0; i < 2; i++)
        if (ex_build(q, n->children[i], &op->children[i], err)) {
            ex_op_free(op);
            return err->code;
        }
    *out = op;
    return EM_OK;
}
