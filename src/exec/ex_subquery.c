/*
 * ex_subquery: evaluation of the subquery expressions the analyzer leaves in a plan
 * (PX_SCALAR_SUBQUERY, PX_EXISTS, PX_IN_SUBQUERY) and of outer references (PX_OUTER_REF).
 *
 * A subquery expression's plan runs as a query of its own (serially, on the calling thread)
 * once per distinct tuple of its outer values (the expression's args after the IN values); the
 * results are cached on the evaluating query per expression and tuple, so an uncorrelated
 * subquery runs once per query and a correlated one once per distinct correlation key. Inside
 * the subquery's run, PX_OUTER_REF k reads value k of the tuple (ex_query.outer_vals).
 *
 * Semantics (Spark's): a scalar subquery is NULL when its plan returns no row and fails with
 * SCALAR_SUBQUERY_TOO_MANY_ROWS past one row; EXISTS is true when a row exists; IN computes the
 * three-valued r (true on an exact match, NULL when no match but some comparison was NULL,
 * false otherwise, false for an empty subquery) and answers by pl_expr.subq_flags: r itself,
 * r is true (Spark's existence join), or r is not false (the null-aware form under NOT).
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

/* The rows one run of an IN subquery returned. */
typedef struct ex_subq_in {
    int64_t n_rows;
    ex_keyset exact; /* rows without a NULL */
    ex_rows nulls;   /* rows with a NULL */
} ex_subq_in;

/* Cached results of one subquery expression, one per distinct outer tuple (id). */
typedef struct ex_subq_entry {
    const pl_expr *expr;
    struct ex_subq_entry *next;
    const ty **outer_types; /* em_malloc'd */
    const ty **in_types;    /* em_malloc'd: the subquery's output types (IN) */
    bool has_keys;
    ex_keyset keys; /* outer tuples (when the subquery is correlated) */
    int64_t n_done; /* results [0, n_done) computed */
    int64_t cap;
    vec *scalar;      /* PX_SCALAR_SUBQUERY: row id = result of tuple id */
    uint8_t *exists;  /* PX_EXISTS */
    ex_subq_in **ins; /* PX_IN_SUBQUERY */
} ex_subq_entry;

struct ex_subq_cache {
    ex_subq_entry *head;
};

static void ex_subq_in_free(ex_subq_in *s)
{
    if (!s)
        return;
    ex_keyset_release(&s->exact);
    ex_rows_release(&s->nulls);
    em_free(s);
}

void ex_subq_cache_free(ex_query *q)
{
    if (!q->subq_cache)
        return;
    ex_subq_entry *e = q->subq_cache->head;
    while (e) {
        ex_subq_entry *next = e->next;
        if (e->has_keys)
            ex_keyset_release(&e->keys);
        vec_release(e->scalar);
        em_free(e->exists);
        for (int64_t idx = 0; e->ins && idx < e->n_done; idx++)
            ex_subq_in_free(e->ins[idx]);
        em_free(e->ins);
        em_free(e->outer_types);
        em_free(e->in_types);
        em_free(e);
        e = next;
    }
    em_free(q->subq_cache);
    q->subq_cache = NULL;
}

static ex_subq_entry *ex_subq_entry_get(ex_query *q, const pl_expr *e)
{
    if (!q->subq_cache)
        q->subq_cache = em_calloc(1, sizeof *q->subq_cache);
    for (ex_subq_entry *x = q->subq_cache->head; x; x = x->next)
        if (x->expr == e)
            return x;
    ex_subq_entry *x = em_calloc(1, sizeof *x);
    x->expr = e;
    int n_vals = e->kind == PX_IN_SUBQUERY ? e->n_in_values : 0;
    int n_outer = e->n_args - n_vals;
    x->outer_types = em_calloc((size_t)(n_outer ? n_outer : 1), sizeof *x->outer_types);
    for (int k = 0; k < n_outer; k++)
        x->outer_types[k] = e->args[n_vals + k]->type;
    if (n_outer > 0) {
        ex_keyset_init(&x->keys, n_outer, x->outer_types);
        x->has_keys = true;
    }
    if (e->kind == PX_SCALAR_SUBQUERY)
        x->scalar = vec_new(e->type, 16);
    if (e->kind == PX_IN_SUBQUERY)
        x->in_types = ex_node_types(e->subquery);
    x->next = q->subq_cache->head;
    q->subq_cache->head = x;
    return x;
}

static void ex_subq_grow(ex_subq_entry *x)
{
    if (x->n_done < x->cap)
        return;
    int64_t cap = x->cap ? x->cap * 2 : 16;
    if (x->expr->kind == PX_EXISTS) {
        x->exists = em_realloc(x->exists, (size_t)cap);
    } else if (x->expr->kind == PX_IN_SUBQUERY) {
        x->ins = em_realloc(x->ins, (size_t)cap * sizeof *x->ins);
        memset(x->ins + x->cap, 0, (size_t)(cap - x->cap) * sizeof *x->ins);
    }
    x->cap = cap;
}

/* Adds the rows of one result batch to an IN subquery's row set. */
static int ex_subq_in_add(ex_subq_in *s, const vec_batch *b, em_error *err)
{
    int64_t n = b->n_rows;
    int64_t *clean = em_malloc((size_t)(n ? n : 1) * sizeof *clean);
    int64_t *dirty = em_malloc((size_t)(n ? n : 1) * sizeof *dirty);
    int64_t n_clean = 0, n_dirty = 0;
    for (int64_t r = 0; r < n; r++) {
        bool has_null = false;
        for (int k = 0; k < b->n_cols && !has_null; k++)
            has_null = b->cols[k]->type->kind == TY_NULL || vec_is_null(b->cols[k], r);
        if (has_null)
            dirty[n_dirty++] = r;
        else
            clean[n_clean++] = r;
    }
    int rc = EM_OK;
    if (n_dirty)
        rc = ex_rows_append(&s->nulls, b, dirty, n_dirty, err);
    if (rc == EM_OK && n_clean) {
        vec_batch *t = n_clean == n ? NULL : ex_batch_take(b, clean, n_clean, err);
        if (n_clean != n && !t) {
            rc = err && err->code ? err->code : EM_EINTERNAL;
        } else {
            const vec_batch *src = t ? t : b;
            int64_t *ids = em_malloc((size_t)n_clean * sizeof *ids);
            rc = ex_keyset_upsert(&s->exact, src->cols, n_clean, ids, NULL, err);
            em_free(ids);
        }
        if (t)
            vec_batch_free(t);
    }
    s->n_rows += n;
    em_free(clean);
    em_free(dirty);
    return rc;
}

/* Runs the subquery's plan with the given outer values and stores the result as tuple id
   x->n_done. */
static int ex_subq_run(ex_query *q, ex_subq_entry *x, vec **params, int n_params, em_error *err)
{
    const pl_expr *e = x->expr;
    ex_subq_grow(x);
    pl_session_opts opts = q->opts;
    opts.threads = 1; /* runs on the evaluating thread */
    ex_query *sq = ex_open(e->subquery, &opts, err);
    if (!sq)
        return err && err->code ? err->code : EM_EINTERNAL;
    sq->outer_vals = params;
    sq->n_outer_vals = n_params;
    ex_subq_in *in_set = NULL;
    if (e->kind == PX_IN_SUBQUERY) {
        in_set = em_calloc(1, sizeof *in_set);
        ex_keyset_init(&in_set->exact, e->subquery->n_out, x->in_types);
        ex_rows_init(&in_set->nulls, e->subquery->n_out, x->in_types);
    }
    int64_t rows = 0;
    int rc;
    vec_batch *b;
    while ((rc = ex_next(sq, &b, err)) > 0) {
        if (ex_check_cancel(q, err)) {
            vec_batch_free(b);
            rc = -1;
            break;
        }
        int64_t n = b->n_rows;
        rc = EM_OK;
        if (e->kind == PX_SCALAR_SUBQUERY && n > 0) {
            if (rows + n > 1) {
                vec_batch_free(b);
                em_error_set(err, "SCALAR_SUBQUERY_TOO_MANY_ROWS", NULL);
                rc = -1;
                break;
            }
            rc = vec_append_from(x->scalar, b->cols[0], 0, err);
        } else if (e->kind == PX_IN_SUBQUERY) {
            rc = ex_subq_in_add(in_set, b, err);
        }
        rows += n;
        vec_batch_free(b);
        if (rc) {
            rc = -1;
            break;
        }
        if (e->kind == PX_EXISTS && rows > 0)
            break; /* one row decides */
    }
    ex_close(sq);
    if (rc < 0 || (rc > 0 && e->kind != PX_EXISTS)) {
        ex_subq_in_free(in_set);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    if (e->kind == PX_SCALAR_SUBQUERY && rows == 0)
        vec_append_null(x->scalar);
    else if (e->kind == PX_EXISTS)
        x->exists[x->n_done] = rows > 0;
    else if (e->kind == PX_IN_SUBQUERY)
        x->ins[x->n_done] = in_set;
    x->n_done++;
    return EM_OK;
}

/* Whether the value tuple at row r could equal tuple j of cols: no pair of non-NULL values
   differs. */
static bool ex_could_match(vec *const *vals, int n, int64_t r, vec *const *cols, int64_t j)
{
    for (int k = 0; k < n; k++) {
        if (vals[k]->type->kind == TY_NULL || vec_is_null(vals[k], r))
            continue;
        if (cols[k]->type->kind == TY_NULL || vec_is_null(cols[k], j))
            continue;
        if (ty_compare(vals[k], r, cols[k], j) != 0)
            return false;
    }
    return true;
}

/* The three-valued IN of the value tuple at row r: 1 true, 0 false, -1 NULL. exact_id is the
   tuple's id among the subquery's NULL-free rows (-1 when absent). */
static int ex_in_three_valued(const ex_subq_in *s, vec *const *vals, int n, int64_t r,
                              int64_t exact_id)
{
    if (s->n_rows == 0)
        return 0;
    bool v_null = false;
    for (int k = 0; k < n && !v_null; k++)
        v_null = vals[k]->type->kind == TY_NULL || vec_is_null(vals[k], r);
    if (!v_null && exact_id >= 0)
        return 1;
    if (v_null)
        for (int64_t j = 0; j < s->exact.n; j++)
            if (ex_could_match(vals, n, r, s->exact.keys, j))
                return -1;
    for (int64_t j = 0; j < s->nulls.n_rows; j++)
        if (ex_could_match(vals, n, r, s->nulls.cols, j))
            return -1;
    return 0;
}

static int ex_subq_output(ex_query *q, ex_subq_entry *x, const vec_batch *in, const int64_t *sel,
                          int64_t n, const int64_t *ids, vec **out, em_error *err)
{
    const pl_expr *e = x->expr;
    if (e->kind == PX_SCALAR_SUBQUERY) {
        vec *o = vec_new(e->type, n);
        for (int64_t r = 0; r < n; r++)
            if (vec_append_from(o, x->scalar, ids[r], err)) {
                vec_release(o);
                return err->code;
            }
        *out = o;
        return EM_OK;
    }
    vec *o = vec_new(ty_boolean(), n);
    if (n > 0)
        memset(o->values, 0, (size_t)n);
    o->len = n;
    uint8_t *res = VEC_VALUES(o, uint8_t);
    if (e->kind == PX_EXISTS) {
        for (int64_t r = 0; r < n; r++)
            res[r] = x->exists[ids[r]];
        *out = o;
        return EM_OK;
    }
    int n_vals = e->n_in_values;
    vec **vals = em_calloc((size_t)n_vals, sizeof *vals);
    int64_t *found = em_malloc((size_t)(n ? n : 1) * sizeof *found);
    int rc = EM_OK;
    for (int k = 0; k < n_vals && rc == EM_OK; k++)
        rc = ex_eval(q, e->args[k], in, sel, n, &vals[k], err);
    /* Rows grouped by tuple id would batch the lookups; rows are probed one by one here, with
       one vectorized lookup per distinct run set when the subquery is uncorrelated. */
    if (rc == EM_OK && !x->has_keys)
        ex_keyset_find(&x->ins[0]->exact, vals, n, found);
    for (int64_t r = 0; rc == EM_OK && r < n; r++) {
        const ex_subq_in *s = x->ins[ids[r]];
        int64_t fid = -1;
        if (!x->has_keys) {
            fid = found[r];
        } else {
            /* A single-row lookup of the values' row r. */
            int64_t row = r;
            vec_batch tmp = {.n_cols = n_vals, .n_rows = n, .cols = vals};
            vec_batch *t = ex_batch_take(&tmp, &row, 1, err);
            if (!t) {
                rc = err && err->code ? err->code : EM_EINTERNAL;
                break;
            }
            ex_keyset_find(&s->exact, t->cols, 1, &fid);
            vec_batch_free(t);
        }
        int r3 = ex_in_three_valued(s, vals, n_vals, r, fid);
        switch (e->subq_flags) {
        case PX_SUBQ_IN_EXISTS:
            res[r] = r3 == 1;
            break;
        case PX_SUBQ_IN_NULL_AWARE:
            res[r] = r3 != 0;
            break;
        default:
            if (r3 < 0)
                vec_set_null(o, r);
            else
                res[r] = (uint8_t)r3;
            break;
        }
    }
    for (int k = 0; k < n_vals; k++)
        vec_release(vals[k]);
    em_free(vals);
    em_free(found);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

int ex_subquery_eval(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                     int64_t n, vec **out, em_error *err)
{
    *out = NULL;
    if (!e->subquery)
        return em_error_internal(err, "subquery expression without a plan");
    ex_subq_entry *x = ex_subq_entry_get(q, e);
    int n_vals = e->kind == PX_IN_SUBQUERY ? e->n_in_values : 0;
    int n_outer = e->n_args - n_vals;
    int64_t *ids = em_calloc((size_t)(n ? n : 1), sizeof *ids);
    int rc = EM_OK;
    if (n_outer == 0) {
        if (x->n_done == 0)
            rc = ex_subq_run(q, x, NULL, 0, err);
    } else {
        vec **cols = em_calloc((size_t)n_outer, sizeof *cols);
        bool *is_new = em_calloc((size_t)(n ? n : 1), sizeof *is_new);
        vec **params = em_calloc((size_t)n_outer, sizeof *params);
        for (int k = 0; k < n_outer && rc == EM_OK; k++)
            rc = ex_eval(q, e->args[n_vals + k], in, sel, n, &cols[k], err);
        if (rc == EM_OK)
            rc = ex_keyset_upsert(&x->keys, cols, n, ids, is_new, err);
        for (int64_t r = 0; rc == EM_OK && r < n; r++) {
            if (!is_new[r])
                continue;
            if (ids[r] != x->n_done) {
                rc = em_error_internal(err, "subquery tuple ids out of order");
                break;
            }
            for (int k = 0; k < n_outer && rc == EM_OK; k++) {
                params[k] = vec_new(cols[k]->type, 1);
                rc = vec_append_from(params[k], cols[k], r, err);
            }
            if (rc == EM_OK)
                rc = ex_subq_run(q, x, params, n_outer, err);
            for (int k = 0; k < n_outer; k++) {
                vec_release(params[k]);
                params[k] = NULL;
            }
        }
        for (int k = 0; k < n_outer; k++)
            vec_release(cols[k]);
        em_free(cols);
        em_free(is_new);
        em_free(params);
    }
    if (rc == EM_OK)
        rc = ex_subq_output(q, x, in, sel, n, ids, out, err);
    em_free(ids);
    return rc;
}

int ex_outer_ref_eval(ex_query *q, const pl_expr *e, int64_t n, vec **out, em_error *err)
{
    *out = NULL;
    if (e->col_index < 0 || e->col_index >= q->n_outer_vals || !q->outer_vals)
        return em_error_internal(err, "outer reference %d without its value", e->col_index);
    const vec *src = q->outer_vals[e->col_index];
    vec *o = vec_new(e->type, n);
    for (int64_t r = 0; r < n; r++)
        if (vec_append_from(o, src, 0, err)) {
            vec_release(o);
            return err->code;
        }
    *out = o;
    return EM_OK;
}
