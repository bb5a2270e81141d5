/*
 * op_join: Join (inner, left/right/full outer, left semi, left anti, cross).
 *
 * The condition is split into AND-ed conjuncts; `l = r` / `l <=> r` conjuncts whose sides read
 * only left and only right columns become hash keys, the rest is a residual predicate
 * evaluated on candidate pairs. Without keys the join is a nested loop over the buffered right
 * side.
 *
 * State machine: BUILD drains the right child into memory, evaluates its key expressions and
 * indexes its rows in an ex_jhash (op_join_hash.c; rows with a NULL `=` key can never match and
 * are left out of the table, but still count as unmatched rows for right/full joins). PROBE pulls
 * left batches, finds candidate pairs, filters them with the residual, and emits joined / semi /
 * anti rows per left batch. FINISH emits right rows that never matched (right and full outer
 * joins). Output columns are left ++ right (semi/anti: left only); the missing side of an outer row
 * is NULL.
 *
 * Parallel pipelines (ex_par.c): a join whose left side is a parallel pipeline is probed by the
 * pipeline's worker clones. The main query builds the right side once (ex_join_build_init /
 * ex_join_build_run); each clone's join borrows that build read-only and probes its morsels;
 * at the end of a morsel it returns 0 without finishing, and the unmatched right rows of
 * right/full joins are emitted once, by the exchange's last unit (q->xfinish). When the build
 * spilled (grace), the exchange runs the pipeline serially and the serial join adopts the build.
 */
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

#define EX_JOIN_PARTS     16
#define EX_JOIN_MAX_LEVEL 4
/* Output positions of unmatched right rows come after every left row's. */
#define EX_JOIN_RIGHT_BASE ((int64_t)1 << 62)

typedef struct ex_join_state {
    pl_join_type type;
    int n_left, n_right;
    /* keys */
    int n_keys;
    const pl_expr **lkeys, **rkeys;
    bool *null_safe;
    const pl_expr **residual;
    int n_residual;
    /* build side */
    ex_rows right;
    const ty **right_types;
    ex_jhash table; /* the right rows' keys (op_join_hash.c) */
    bool *matched;  /* per right row */
    bool built, finished;
    int64_t finish_pos;
    /* Added (interrupt latency): a nested-loop join probes a large left batch in slices of
       rows whose pairs with the whole right side stay near 16 batches, so every output batch
       (and every cancellation check between them) comes after bounded work. */
    vec_batch *pending;
    int64_t pending_off;
    /* Added (spilling): the grace hash join. Types of spilled rows: each side's ++ its stream
       position; output ++ position. */
    bool grace;
    ex_spill_file *rparts[EX_JOIN_PARTS], *lparts[EX_JOIN_PARTS];
    int64_t rpos_next;
    int64_t *rpos; /* per right row held: its stream position (grace partitions) */
    int64_t n_rpos, cap_rpos;
    const ty **rtypes1, **ltypes1, **otypes1;
    int n_out;
    ex_spill_file *out;
    ex_kmerge *merge;
    /* Added (parallel joins): `prepared` once the right side is drained and indexed (or
       partitioned). A worker clone's join probes `shared` (the main query's build, see
       ex_join_share): at its first pull it borrows the build fields (right, table, matched:
       `borrowed`, never freed here) and then only probes; matched flags are set with
       relaxed atomic stores, as several clones may mark the same right row. */
    bool prepared, borrowed;
    struct ex_join_state *shared;
    /* Added (join performance): per output column, whether the residual reads it (only those
       are gathered for its evaluation); NULL: all. */
    bool *res_cols;
} ex_join_state;

/* Marks the columns e reads in used; false when e has a kind that might read the input other
   than through column references (then every column is gathered). */
static bool ex_join_cols_used(const pl_expr *e, bool *used, int n_cols)
{
    if (!e)
        return true;
    switch (e->kind) {
    case PX_COLREF:
        if (e->col_index < 0 || e->col_index >= n_cols)
            return false;
        used[e->col_index] = true;
        return true;
    case PX_LITERAL:
    case PX_ALIAS:
    case PX_CAST:
    case PX_CALL:
    case PX_EXTRACT:
        break;
    default:
        return false; /* lambdas (derived batches), subqueries, ... */
    }
    for (int i = 0; i < e->n_args; i++)
        if (!ex_join_cols_used(e->args[i], used, n_cols))
            return false;
    return true;
}

static bool ex_join_side(const pl_expr *e, int n_left, int *side)
{
    /* side bits: 1 = reads left, 2 = reads right */
    if (e->kind == PX_COLREF) {
        *side |= e->col_index < n_left ? 1 : 2;
        return true;
    }
    for (int i = 0; i < e->n_args; i++)
        if (e->args[i] && !ex_join_side(e->args[i], n_left, side))
            return false;
    return true;
}

static void ex_join_split(ex_join_state *st, const pl_expr *e, em_error *err)
{
    if (!e)
        return;
    if (e->kind == PX_CALL && e->fn && e->fn->lazy == FN_LAZY_AND && e->n_args == 2) {
        ex_join_split(st, e->args[0], err);
        ex_join_split(st, e->args[1], err);
        return;
    }
    if (e->kind == PX_CALL && e->fn && e->n_args == 2 &&
        (strcmp(e->fn->name, "==") == 0 || strcmp(e->fn->name, "=") == 0 ||
         strcmp(e->fn->name, "<=>") == 0)) {
        int s0 = 0, s1 = 0;
        ex_join_side(e->args[0], st->n_left, &s0);
        ex_join_side(e->args[1], st->n_left, &s1);
        const pl_expr *l = NULL, *r = NULL;
        if (s0 == 1 && s1 == 2)
            l = e->args[0], r = e->args[1];
        else if (s0 == 2 && s1 == 1)
            l = e->args[1], r = e->args[0];
        if (l && ty_equals_ignore_nullability(l->type, r->type)) {
            st->lkeys[st->n_keys] = l;
            st->rkeys[st->n_keys] = r;
            st->null_safe[st->n_keys] = strcmp(e->fn->name, "<=>") == 0;
            st->n_keys++;
            return;
        }
    }
    st->residual[st->n_residual++] = e;
    (void)err;
}

static int ex_count_conjuncts(const pl_expr *e)
{
    if (!e)
        return 0;
    if (e->kind == PX_CALL && e->fn && e->fn->lazy == FN_LAZY_AND && e->n_args == 2)
        return ex_count_conjuncts(e->args[0]) + ex_count_conjuncts(e->args[1]);
    return 1;
}

/* A batch view whose column i >= n_left is right column i - n_left (left slots empty). */
static vec_batch *ex_right_view(ex_join_state *st, const vec_batch *rb)
{
    vec_batch *v = em_calloc(1, sizeof *v);
    v->n_cols = st->n_left + st->n_right;
    v->n_rows = rb->n_rows;
    v->cols = em_calloc((size_t)(v->n_cols ? v->n_cols : 1), sizeof *v->cols);
    for (int c = 0; c < st->n_right; c++)
        v->cols[st->n_left + c] = rb->cols[c];
    return v;
}

static void ex_view_free(vec_batch *v)
{
    em_free(v->cols);
    em_free(v);
}

/* Indexes the right rows held in st->right: key table (rows with a NULL plain-equality key are
   left out: they never match) and matched flags. */
static int ex_join_index(ex_op *op, ex_join_state *st, em_error *err)
{
    int64_t nr = st->right.n_rows;
    st->matched = em_calloc((size_t)(nr ? nr : 1), sizeof *st->matched);
    if (st->n_keys > 0) {
        vec_batch rb = {.n_cols = st->right.n_cols, .n_rows = nr, .cols = st->right.cols};
        vec_batch *view = ex_right_view(st, &rb);
        vec **keys = em_calloc((size_t)st->n_keys, sizeof *keys);
        int rc = EM_OK;
        for (int k = 0; k < st->n_keys && rc == EM_OK; k++)
            rc = ex_eval(op->q, st->rkeys[k], view, NULL, nr, &keys[k], err);
        ex_view_free(view);
        if (rc) {
            for (int k = 0; k < st->n_keys; k++)
                vec_release(keys[k]);
            em_free(keys);
            return -1;
        }
        if (ex_jhash_build(&st->table, st->n_keys, st->null_safe, keys, nr, err))
            return -1;
    }
    return 0;
}

/* Rows idx[0..n) of src as a new vector (idx -1: NULL). Fixed-width values are gathered
   directly and string payloads copied once reserved; nested types go row by row. */
static vec *ex_join_gather(const vec *src, const int64_t *idx, int64_t n, em_error *err)
{
    vec *v = vec_new(src->type, n);
    int w = ty_fixed_width(src->type);
    bool nulls = src->validity != NULL;
    for (int64_t i = 0; i < n && !nulls; i++)
        nulls = idx[i] < 0;
    if (w && src->type->kind != TY_NULL) {
        vec_reserve(v, n);
        char *dv = v->values;
        const char *sv = src->values;
        if (w == 8) {
            for (int64_t i = 0; i < n; i++)
                ((int64_t *)(void *)dv)[i] =
                    idx[i] < 0 ? 0 : ((const int64_t *)(const void *)sv)[idx[i]];
        } else if (w == 4) {
            for (int64_t i = 0; i < n; i++)
                ((int32_t *)(void *)dv)[i] =
                    idx[i] < 0 ? 0 : ((const int32_t *)(const void *)sv)[idx[i]];
        } else {
            for (int64_t i = 0; i < n; i++) {
                if (idx[i] < 0)
                    memset(dv + i * w, 0, (size_t)w);
                else
                    memcpy(dv + i * w, sv + idx[i] * w, (size_t)w);
            }
        }
        for (int64_t i = 0; i < n && nulls; i++) {
            if (idx[i] < 0 || vec_is_null(src, idx[i]))
                vec_set_null(v, i);
            else
                vec_set_valid(v, i);
        }
        v->len = n;
        return v;
    }
    if (src->type->kind == TY_STRING || src->type->kind == TY_BINARY ||
        src->type->kind == TY_VARCHAR || src->type->kind == TY_CHAR) {
        int64_t total = 0;
        for (int64_t i = 0; i < n; i++)
            if (idx[i] >= 0)
                total += src->offsets[idx[i] + 1] - src->offsets[idx[i]];
        if (total > INT32_MAX - v->bytes_len || vec_reserve_bytes(v, total, err)) {
            if (!em_error_is_set(err))
                em_error_internal(err, "join output string column past 2 GiB");
            vec_release(v);
            return NULL;
        }
        vec_reserve(v, n);
        int32_t pos = (int32_t)v->bytes_len;
        v->offsets[0] = pos;
        for (int64_t i = 0; i < n; i++) {
            if (idx[i] >= 0) {
                int32_t b0 = src->offsets[idx[i]], len = src->offsets[idx[i] + 1] - b0;
                if (len > 0)
                    memcpy(v->bytes + pos, src->bytes + b0, (size_t)len);
                pos += len;
            }
            v->offsets[i + 1] = pos;
            if (nulls) {
                if (idx[i] < 0 || vec_is_null(src, idx[i]))
                    vec_set_null(v, i);
                else
                    vec_set_valid(v, i);
            }
        }
        v->bytes_len = pos;
        v->len = n;
        return v;
    }
    for (int64_t i = 0; i < n; i++) {
        int rc = idx[i] < 0 ? (vec_append_null(v), EM_OK) : vec_append_from(v, src, idx[i], err);
        if (rc) {
            vec_release(v);
            return NULL;
        }
    }
    return v;
}

/* Builds the joined batch for pairs (lidx[i], ridx[i]); -1 means a NULL side. With only, just
   the columns c with only[c] (the others stay NULL: for the residual's evaluation). */
static vec_batch *ex_join_pairs(ex_join_state *st, const vec_batch *left, const int64_t *lidx,
                                const int64_t *ridx, int64_t n, bool with_right, const bool *only,
                                em_error *err)
{
    int n_cols = st->n_left + (with_right ? st->n_right : 0);
    vec_batch *b = vec_batch_new(n_cols, n);
    for (int c = 0; c < n_cols; c++) {
        if (only && !only[c])
            continue;
        bool is_left = c < st->n_left;
        const vec *src = is_left ? left->cols[c] : st->right.cols[c - st->n_left];
        vec *v = ex_join_gather(src, is_left ? lidx : ridx, n, err);
        if (!v) {
            vec_batch_free(b);
            return NULL;
        }
        b->cols[c] = v;
    }
    return b;
}

/* Keeps the candidate pairs that satisfy the residual; returns the new count. */
static int64_t ex_join_filter(ex_op *op, ex_join_state *st, const vec_batch *left, int64_t *lidx,
                              int64_t *ridx, int64_t n, em_error *err)
{
    if (st->n_residual == 0 || n == 0)
        return n;
    vec_batch *b = ex_join_pairs(st, left, lidx, ridx, n, true, st->res_cols, err);
    if (!b)
        return -1;
    bool *keep = em_malloc((size_t)n);
    for (int64_t i = 0; i < n; i++)
        keep[i] = true;
    for (int k = 0; k < st->n_residual; k++) {
        vec *c = NULL;
        if (ex_eval(op->q, st->residual[k], b, NULL, n, &c, err)) {
            em_free(keep);
            vec_batch_free(b);
            return -1;
        }
        for (int64_t i = 0; i < n; i++)
            if (c->type->kind == TY_NULL || vec_is_null(c, i) || !VEC_VALUES(c, uint8_t)[i])
                keep[i] = false;
        vec_release(c);
    }
    vec_batch_free(b);
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++)
        if (keep[i]) {
            lidx[m] = lidx[i];
            ridx[m] = ridx[i];
            m++;
        }
    em_free(keep);
    return m;
}

typedef ex_jpairs ex_pairs;

static void ex_pairs_add(ex_pairs *p, int64_t l, int64_t r)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->l = em_realloc(p->l, (size_t)p->cap * sizeof *p->l);
        p->r = em_realloc(p->r, (size_t)p->cap * sizeof *p->r);
    }
    p->l[p->n] = l;
    p->r[p->n] = r;
    p->n++;
}

static void ex_pairs_free(ex_pairs *p)
{
    em_free(p->l);
    em_free(p->r);
}

/* Probes one left batch: 1 with *out, 0 when no row comes out, <0. With lrows, *lrows
   receives each output row's left row (em_malloc'd). */
static int ex_join_probe(ex_op *op, ex_join_state *st, vec_batch *left, vec_batch **out,
                         int64_t **lrows, em_error *err)
{
    int64_t nl = left->n_rows;
    ex_pairs cand = {0};
    int rc = EM_OK;
    if (st->n_keys > 0) {
        vec **keys = em_calloc((size_t)st->n_keys, sizeof *keys);
        for (int k = 0; k < st->n_keys && rc == EM_OK; k++)
            rc = ex_eval(op->q, st->lkeys[k], left, NULL, nl, &keys[k], err);
        if (rc == EM_OK)
            ex_jhash_probe(&st->table, keys, nl, &cand);
        for (int k = 0; k < st->n_keys; k++)
            vec_release(keys[k]);
        em_free(keys);
    } else {
        for (int64_t r = 0; r < nl; r++)
            for (int64_t x = 0; x < st->right.n_rows; x++)
                ex_pairs_add(&cand, r, x);
    }
    if (rc) {
        ex_pairs_free(&cand);
        return -1;
    }
    int64_t m = ex_join_filter(op, st, left, cand.l, cand.r, cand.n, err);
    if (m < 0) {
        ex_pairs_free(&cand);
        return -1;
    }
    cand.n = m;
    /* clones of a parallel pipeline share the flags: relaxed atomic stores, once per row */
    for (int64_t i = 0; i < m; i++)
        if (!__atomic_load_n(&st->matched[cand.r[i]], __ATOMIC_RELAXED))
            __atomic_store_n(&st->matched[cand.r[i]], true, __ATOMIC_RELAXED);
    bool *lmatched = em_calloc((size_t)(nl ? nl : 1), sizeof *lmatched);
    for (int64_t i = 0; i < m; i++)
        lmatched[cand.l[i]] = true;
    ex_pairs res = {0};
    bool with_right = true;
    switch (st->type) {
    case PL_JOIN_LEFT_SEMI:
    case PL_JOIN_LEFT_ANTI:
        with_right = false;
        for (int64_t r = 0; r < nl; r++)
            if (lmatched[r] == (st->type == PL_JOIN_LEFT_SEMI))
                ex_pairs_add(&res, r, -1);
        break;
    case PL_JOIN_LEFT_OUTER:
    case PL_JOIN_FULL_OUTER: {
        /* keep left order: matches of each left row, or the row with NULLs */
        int64_t i = 0;
        int64_t *order = em_malloc((size_t)(m ? m : 1) * sizeof *order);
        /* candidates are already grouped by ascending left row */
        for (int64_t k = 0; k < m; k++)
            order[k] = k;
        for (int64_t r = 0; r < nl; r++) {
            if (!lmatched[r]) {
                ex_pairs_add(&res, r, -1);
                continue;
            }
            while (i < m && cand.l[order[i]] < r)
                i++;
            while (i < m && cand.l[order[i]] == r) {
                ex_pairs_add(&res, r, cand.r[order[i]]);
                i++;
            }
        }
        em_free(order);
        break;
    }
    default:
        for (int64_t i = 0; i < m; i++)
            ex_pairs_add(&res, cand.l[i], cand.r[i]);
        break;
    }
    em_free(lmatched);
    ex_pairs_free(&cand);
    if (res.n == 0) {
        ex_pairs_free(&res);
        *out = NULL;
        return 0;
    }
    vec_batch *b = ex_join_pairs(st, left, res.l, res.r, res.n, with_right, NULL, err);
    if (b && lrows) {
        *lrows = res.l;
        res.l = NULL;
    }
    ex_pairs_free(&res);
    if (!b)
        return -1;
    *out = b;
    return 1;
}

/* Emits right rows that never matched (right / full joins); with rrows, *rrows receives each
   output row's right row (em_malloc'd). */
static int ex_join_finish(ex_op *op, ex_join_state *st, vec_batch **out, int64_t **rrows,
                          em_error *err)
{
    if (st->type != PL_JOIN_RIGHT_OUTER && st->type != PL_JOIN_FULL_OUTER)
        return 0;
    ex_pairs res = {0};
    int64_t limit = ex_batch_rows(op->q);
    while (st->finish_pos < st->right.n_rows && res.n < limit) {
        if (!__atomic_load_n(&st->matched[st->finish_pos], __ATOMIC_RELAXED))
            ex_pairs_add(&res, -1, st->finish_pos);
        st->finish_pos++;
    }
    if (res.n == 0) {
        ex_pairs_free(&res);
        return 0;
    }
    /* left columns are all NULL: build them from the left types */
    vec_batch *b = vec_batch_new(st->n_left + st->n_right, res.n);
    const pl_node *ln = op->node->children[0];
    for (int c = 0; c < st->n_left; c++)
        b->cols[c] = vec_new_nulls(ln->out[c].type, res.n);
    for (int c = 0; c < st->n_right; c++) {
        const vec *src = st->right.cols[c];
        vec *v = vec_new(src->type, res.n);
        for (int64_t i = 0; i < res.n; i++)
            if (vec_append_from(v, src, res.r[i], err)) {
                vec_release(v);
                vec_batch_free(b);
                ex_pairs_free(&res);
                return -1;
            }
        b->cols[st->n_left + c] = v;
    }
    if (rrows) {
        *rrows = res.r;
        res.r = NULL;
    }
    ex_pairs_free(&res);
    *out = b;
    return 1;
}

/* Left rows per probe of a nested-loop join (no limit for hash joins). */
static int64_t ex_join_slice_rows(ex_op *op, ex_join_state *st)
{
    if (st->n_keys > 0 || st->right.n_rows == 0)
        return INT64_MAX;
    int64_t per = ex_batch_rows(op->q) * 16 / st->right.n_rows;
    return per < 1 ? 1 : per;
}

/* ---- the grace hash join (spilling) --------------------------------------------------------- */

/*
 * When the right (build) side of a hash join outgrows the budget (or, with forced spilling,
 * passes 2 rows), every right row held and every one still to come is written with its stream
 * position to one of 16 partitions by a hash of its keys, and then the left side likewise by
 * its keys. Equal keys hash alike, so each partition joins on its own: its right rows are
 * loaded and indexed, its left rows probe them, and its unmatched right rows follow (right and
 * full joins); a partition still too large splits again one level down with another hash, up
 * to 4 levels. Each output row carries a position (its left row's; 2^62 + the right row's for
 * unmatched right rows), partitions' outputs are runs ascending in it, and their merge restores
 * the in-memory join's order row for row: per left row in left order, matches in right order,
 * then the unmatched right rows in right order.
 */

static void ex_join_grace_types(ex_join_state *st, const pl_node *n)
{
    const pl_node *ln = n->children[0], *rn = n->children[1];
    bool with_right = st->type != PL_JOIN_LEFT_SEMI && st->type != PL_JOIN_LEFT_ANTI;
    st->n_out = st->n_left + (with_right ? st->n_right : 0);
    st->ltypes1 = em_calloc((size_t)st->n_left + 1, sizeof *st->ltypes1);
    st->rtypes1 = em_calloc((size_t)st->n_right + 1, sizeof *st->rtypes1);
    st->otypes1 = em_calloc((size_t)st->n_out + 1, sizeof *st->otypes1);
    for (int c = 0; c < st->n_left; c++)
        st->ltypes1[c] = st->otypes1[c] = ln->out[c].type;
    for (int c = 0; c < st->n_right; c++) {
        st->rtypes1[c] = rn->out[c].type;
        if (with_right)
            st->otypes1[st->n_left + c] = rn->out[c].type;
    }
    st->ltypes1[st->n_left] = st->rtypes1[st->n_right] = st->otypes1[st->n_out] = ty_long();
}

/* Forced spilling: right rows the build may hold before partitioning (part < 0), and that
   the first partition may hold before it splits one level down (so recursion is exercised
   without multiplying partitions). */
static bool ex_join_forced_over(const ex_op *op, int64_t rows, int part)
{
    if (!ex_spill_forced(op->q) || part > 0)
        return false;
    return rows > (part < 0 ? 2 : 64);
}

/* Drops the build side held in memory. */
static void ex_join_reset_build(ex_join_state *st)
{
    ex_rows_release(&st->right);
    ex_rows_init(&st->right, st->n_right, st->right_types);
    ex_jhash_release(&st->table);
    em_free(st->matched);
    st->matched = NULL;
    st->finish_pos = 0;
    st->n_rpos = 0;
}

/* Writes the rows of b (a side's columns, then positions pos or pos_base + r) to files by
   the hash of that side's keys at level. */
static int ex_join_scatter(ex_op *op, ex_join_state *st, bool right, ex_spill_file **files,
                           const vec_batch *b, int64_t pos_base, const int64_t *pos, int level,
                           em_error *err)
{
    vec **keys = em_calloc((size_t)st->n_keys, sizeof *keys);
    vec_batch *view = right ? ex_right_view(st, b) : NULL;
    int rc = EM_OK;
    for (int k = 0; k < st->n_keys && rc == EM_OK; k++)
        rc = ex_eval(op->q, right ? st->rkeys[k] : st->lkeys[k], right ? view : b, NULL, b->n_rows,
                     &keys[k], err);
    if (view)
        ex_view_free(view);
    if (rc == EM_OK)
        rc = ex_spill_scatter(op->q, files, EX_JOIN_PARTS, b, right ? st->n_right : st->n_left,
                              keys, st->n_keys, NULL, b->n_rows, pos_base, pos, level, err);
    for (int k = 0; k < st->n_keys; k++)
        vec_release(keys[k]);
    em_free(keys);
    return rc;
}

/* Pulls the right side into st->right, or into partitions once it outgrows the budget. */
static int ex_join_drain_right(ex_op *op, ex_join_state *st, em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 1, &in, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            return 0;
        int64_t rows = in->n_rows;
        if (st->grace) {
            rc = ex_join_scatter(op, st, true, st->rparts, in, st->rpos_next, NULL, 0, err);
            st->rpos_next += rows;
            vec_batch_free(in);
            if (rc)
                return -1;
            continue;
        }
        int64_t before = st->right.n_rows;
        bool go = st->n_keys > 0 && ex_join_forced_over(op, before + rows, -1);
        if (!go) {
            em_error local;
            em_error_clear(&local);
            rc = ex_rows_append(&st->right, in, NULL, rows, &local);
            if (rc == EM_ENOMEM && st->n_keys > 0) {
                go = true;
            } else if (rc) {
                em_error_copy(err, &local);
                vec_batch_free(in);
                return -1;
            }
        }
        if (go) {
            st->grace = true;
            int64_t held = st->right.n_rows;
            vec_batch hb = {.n_cols = st->n_right, .n_rows = held, .cols = st->right.cols};
            rc = held ? ex_join_scatter(op, st, true, st->rparts, &hb, 0, NULL, 0, err) : EM_OK;
            if (rc == EM_OK && held == before)
                rc = ex_join_scatter(op, st, true, st->rparts, in, held, NULL, 0, err);
            st->rpos_next = held == before ? held + rows : held;
            ex_join_reset_build(st);
        } else {
            st->rpos_next += rows;
        }
        vec_batch_free(in);
        if (rc)
            return -1;
    }
}

/* Moves the right rows held in memory (positions 0, 1, ...) to partitions. */
static int ex_join_regrace(ex_op *op, ex_join_state *st, em_error *err)
{
    st->grace = true;
    int64_t held = st->right.n_rows;
    vec_batch hb = {.n_cols = st->n_right, .n_rows = held, .cols = st->right.cols};
    int rc = held ? ex_join_scatter(op, st, true, st->rparts, &hb, 0, NULL, 0, err) : EM_OK;
    ex_join_reset_build(st);
    return rc ? -1 : EM_OK;
}

/* Appends b (output columns) with positions pos[lrows[i]] + base to the output file. */
static int ex_join_write_out(ex_join_state *st, const vec_batch *b, const int64_t *rows,
                             const int64_t *pos, int64_t base, em_error *err)
{
    vec_batch *o = vec_batch_new(st->n_out + 1, b->n_rows);
    for (int c = 0; c < st->n_out; c++)
        o->cols[c] = vec_retain(b->cols[c]);
    vec *pv = vec_new(ty_long(), b->n_rows);
    for (int64_t i = 0; i < b->n_rows; i++)
        VEC_VALUES(pv, int64_t)[i] = base + pos[rows[i]];
    pv->len = b->n_rows;
    o->cols[st->n_out] = pv;
    int rc = ex_spill_write(st->out, o, 0, o->n_rows, err);
    vec_batch_free(o);
    return rc;
}

static int ex_join_grace_part(ex_op *op, ex_join_state *st, ex_spill_file *rf, ex_spill_file *lf,
                              int level, int part, em_error *err);

/* Splits one partition's files into partitions one level down and joins those. */
static int ex_join_grace_split(ex_op *op, ex_join_state *st, ex_spill_file *rf, ex_spill_file *lf,
                               int level, em_error *err)
{
    ex_spill_file *rs[EX_JOIN_PARTS] = {0}, *ls[EX_JOIN_PARTS] = {0};
    int rc = EM_OK;
    for (int side = 0; side < 2 && rc == EM_OK; side++) {
        ex_spill_file *f = side == 0 ? rf : lf;
        if (!f)
            continue;
        bool right = side == 0;
        int n_cols = right ? st->n_right : st->n_left;
        ex_spill_reader r;
        ex_spill_reader_init(&r, f, 0, ex_spill_size(f), n_cols + 1,
                             right ? st->rtypes1 : st->ltypes1);
        for (;;) {
            vec_batch *b = NULL;
            int got = ex_spill_read(&r, &b, err);
            if (got <= 0) {
                rc = got < 0 ? -1 : EM_OK;
                break;
            }
            rc = ex_check_cancel(op->q, err);
            if (rc == EM_OK)
                rc = ex_join_scatter(op, st, right, right ? rs : ls, b, 0,
                                     VEC_VALUES(b->cols[n_cols], int64_t), level + 1, err);
            vec_batch_free(b);
            if (rc)
                break;
        }
        ex_spill_reader_release(&r);
    }
    for (int p = 0; p < EX_JOIN_PARTS; p++) {
        if (rc == EM_OK)
            rc = ex_join_grace_part(op, st, rs[p], ls[p], level + 1, -2, err);
        ex_spill_close(rs[p]);
        ex_spill_close(ls[p]);
    }
    return rc;
}

/* Joins one partition (its right rows in rf, left rows in lf; either may be NULL) into a run
   of the output file; part is its index at level 0 (-2 deeper down). */
static int ex_join_grace_part(ex_op *op, ex_join_state *st, ex_spill_file *rf, ex_spill_file *lf,
                              int level, int part, em_error *err)
{
    if (!rf && !lf)
        return EM_OK;
    ex_join_reset_build(st);
    bool split = false;
    int rc = EM_OK;
    if (rf) {
        ex_spill_reader r;
        ex_spill_reader_init(&r, rf, 0, ex_spill_size(rf), st->n_right + 1, st->rtypes1);
        for (;;) {
            vec_batch *b = NULL;
            int got = ex_spill_read(&r, &b, err);
            if (got <= 0) {
                rc = got < 0 ? -1 : EM_OK;
                break;
            }
            bool can_split = level < EX_JOIN_MAX_LEVEL;
            if (can_split && part >= 0 &&
                ex_join_forced_over(op, st->right.n_rows + b->n_rows, part)) {
                split = true;
                vec_batch_free(b);
                break;
            }
            vec_batch view = {.n_cols = st->n_right, .n_rows = b->n_rows, .cols = b->cols};
            em_error local;
            em_error_clear(&local);
            rc = ex_rows_append(&st->right, &view, NULL, b->n_rows, &local);
            if (rc == EM_ENOMEM && can_split) {
                split = true;
                rc = EM_OK;
            } else if (rc) {
                em_error_copy(err, &local);
            } else {
                if (st->n_rpos + b->n_rows > st->cap_rpos) {
                    st->cap_rpos = (st->n_rpos + b->n_rows) * 2;
                    st->rpos = em_realloc(st->rpos, (size_t)st->cap_rpos * sizeof *st->rpos);
                }
                memcpy(st->rpos + st->n_rpos, b->cols[st->n_right]->values,
                       (size_t)b->n_rows * sizeof *st->rpos);
                st->n_rpos += b->n_rows;
            }
            vec_batch_free(b);
            if (rc || split)
                break;
        }
        ex_spill_reader_release(&r);
    }
    if (rc)
        return -1;
    if (!split) {
        /* the key table is charged too: past the budget, split as well */
        em_error local;
        em_error_clear(&local);
        if (ex_join_index(op, st, &local)) {
            if (local.code != EM_ENOMEM || level >= EX_JOIN_MAX_LEVEL) {
                em_error_copy(err, &local);
                return -1;
            }
            split = true;
        }
    }
    if (split) {
        ex_join_reset_build(st);
        return ex_join_grace_split(op, st, rf, lf, level, err);
    }
    int64_t start = ex_spill_size(st->out);
    if (lf) {
        ex_spill_reader r;
        ex_spill_reader_init(&r, lf, 0, ex_spill_size(lf), st->n_left + 1, st->ltypes1);
        for (;;) {
            vec_batch *lb = NULL, *b = NULL;
            int got = ex_spill_read(&r, &lb, err);
            if (got <= 0) {
                rc = got < 0 ? -1 : EM_OK;
                break;
            }
            int64_t *lrows = NULL;
            rc = ex_check_cancel(op->q, err);
            if (rc == EM_OK) {
                int pr = ex_join_probe(op, st, lb, &b, &lrows, err);
                rc = pr < 0 ? -1 : EM_OK;
                if (pr > 0)
                    rc = ex_join_write_out(st, b, lrows, VEC_VALUES(lb->cols[st->n_left], int64_t),
                                           0, err);
            }
            em_free(lrows);
            vec_batch_free(b);
            vec_batch_free(lb);
            if (rc)
                break;
        }
        ex_spill_reader_release(&r);
    }
    for (;;) {
        vec_batch *b = NULL;
        int64_t *rrows = NULL;
        int fr = rc ? 0 : ex_join_finish(op, st, &b, &rrows, err);
        if (fr < 0)
            rc = -1;
        else if (fr > 0)
            rc = ex_join_write_out(st, b, rrows, st->rpos, EX_JOIN_RIGHT_BASE, err);
        em_free(rrows);
        vec_batch_free(b);
        if (fr <= 0 || rc)
            break;
    }
    ex_join_reset_build(st);
    if (rc)
        return -1;
    ex_kmerge_add_segment(st->merge, st->out, start, ex_spill_size(st->out), st->n_out + 1,
                          st->otypes1);
    return EM_OK;
}

/* Partitions the left side, joins partition by partition, and sets up the merge. */
static int ex_join_grace_run(ex_op *op, ex_join_state *st, em_error *err)
{
    int64_t lpos = 0;
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        rc = ex_join_scatter(op, st, false, st->lparts, in, lpos, NULL, 0, err);
        lpos += in->n_rows;
        vec_batch_free(in);
        if (rc)
            return -1;
    }
    if (!(st->out = ex_spill_open(op->q, err)))
        return -1;
    st->merge = ex_kmerge_new(op->q, st->n_out, st->otypes1, NULL, NULL, st->n_out);
    for (int p = 0; p < EX_JOIN_PARTS; p++) {
        int rc = ex_join_grace_part(op, st, st->rparts[p], st->lparts[p], 0, p, err);
        ex_spill_close(st->rparts[p]);
        ex_spill_close(st->lparts[p]);
        st->rparts[p] = st->lparts[p] = NULL;
        if (rc)
            return -1;
    }
    return EM_OK;
}

/* Drains the right side and indexes it (or partitions it: grace). */
static int ex_join_prepare(ex_op *op, ex_join_state *st, em_error *err)
{
    if (ex_join_drain_right(op, st, err))
        return -1;
    if (!st->grace) {
        em_error local;
        em_error_clear(&local);
        if (ex_join_index(op, st, &local)) {
            /* the rows fit but their key table does not: partition them after all */
            if (local.code != EM_ENOMEM || st->n_keys == 0) {
                em_error_copy(err, &local);
                return -1;
            }
            if (ex_join_regrace(op, st, err))
                return -1;
        }
    }
    st->prepared = true;
    return EM_OK;
}

/* A clone's join: drops its own (empty) build and borrows the main query's. */
static void ex_join_borrow(ex_join_state *st)
{
    const ex_join_state *sh = st->shared;
    ex_rows_release(&st->right);
    st->right = sh->right;
    st->table = sh->table;
    st->matched = sh->matched;
    st->borrowed = true;
}

static int ex_join_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_join_state *st = op->state;
    if (!st->built) {
        if (st->shared) {
            ex_join_borrow(st);
        } else {
            if (!st->prepared && ex_join_prepare(op, st, err))
                return -1;
            if (st->grace && ex_join_grace_run(op, st, err))
                return -1;
        }
        st->built = true;
    }
    if (st->grace)
        return ex_kmerge_next(st->merge, out, err);
    while (!st->finished) {
        vec_batch *left;
        int rc;
        if (st->pending) {
            if (ex_check_cancel(op->q, err))
                return -1;
            int64_t cnt = st->pending->n_rows - st->pending_off;
            int64_t lim = ex_join_slice_rows(op, st);
            if (cnt > lim)
                cnt = lim;
            left = ex_batch_slice(st->pending, st->pending_off, cnt, err);
            if (!left)
                return -1;
            st->pending_off += cnt;
            if (st->pending_off >= st->pending->n_rows) {
                vec_batch_free(st->pending);
                st->pending = NULL;
            }
        } else {
            rc = ex_child_next(op, 0, &left, err);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                /* a clone's morsel ended: the unmatched rows wait for the finish unit */
                if (st->shared && !op->q->xfinish)
                    return 0;
                st->finished = true;
                break;
            }
            if (left->n_rows > ex_join_slice_rows(op, st)) {
                st->pending = left;
                st->pending_off = 0;
                continue;
            }
        }
        vec_batch *b = NULL;
        rc = ex_join_probe(op, st, left, &b, NULL, err);
        vec_batch_free(left);
        if (rc < 0)
            return -1;
        if (rc > 0) {
            *out = b;
            return 1;
        }
    }
    if (ex_check_cancel(op->q, err))
        return -1;
    int fr = ex_join_finish(op, st, out, NULL, err);
    if (fr == 0 && st->shared) {
        st->finished = false; /* the clone may serve another unit */
        st->finish_pos = 0;
    }
    return fr;
}

static void ex_join_release(ex_op *op)
{
    ex_join_state *st = op->state;
    if (!st)
        return;
    if (st->borrowed) {
        /* the build belongs to the main query's build operator */
        memset(&st->right, 0, sizeof st->right);
        memset(&st->table, 0, sizeof st->table);
        st->matched = NULL;
    } else {
        ex_rows_release(&st->right);
        ex_jhash_release(&st->table);
    }
    vec_batch_free(st->pending);
    em_free(st->right_types);
    em_free(st->lkeys);
    em_free(st->rkeys);
    em_free(st->null_safe);
    em_free(st->residual);
    em_free(st->matched);
    em_free(st->res_cols);
    for (int p = 0; p < EX_JOIN_PARTS; p++) {
        ex_spill_close(st->rparts[p]);
        ex_spill_close(st->lparts[p]);
    }
    ex_kmerge_free(st->merge);
    ex_spill_close(st->out);
    em_free(st->rpos);
    em_free(st->rtypes1);
    em_free(st->ltypes1);
    em_free(st->otypes1);
    em_free(st);
}

static const ex_op_vtbl ex_join_vt = {ex_join_next, ex_join_release};

/* The join operator of n with the children asked for (the others stay NULL). */
static int ex_join_new(ex_query *q, const pl_node *n, bool left, bool right, ex_op **out,
                       em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_join_vt, 2);
    ex_join_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->type = n->u.join.type;
    if (st->type == 0)
        st->type = PL_JOIN_INNER;
    st->n_left = n->children[0]->n_out;
    st->n_right = n->children[1]->n_out;
    int nc = ex_count_conjuncts(n->u.join.cond);
    st->lkeys = em_calloc((size_t)(nc ? nc : 1), sizeof *st->lkeys);
    st->rkeys = em_calloc((size_t)(nc ? nc : 1), sizeof *st->rkeys);
    st->null_safe = em_calloc((size_t)(nc ? nc : 1), sizeof *st->null_safe);
    st->residual = em_calloc((size_t)(nc ? nc : 1), sizeof *st->residual);
    ex_join_split(st, n->u.join.cond, err);
    if (st->n_residual > 0) {
        int n_all = st->n_left + st->n_right;
        st->res_cols = em_calloc((size_t)(n_all ? n_all : 1), sizeof *st->res_cols);
        for (int k = 0; k < st->n_residual && st->res_cols; k++)
            if (!ex_join_cols_used(st->residual[k], st->res_cols, n_all)) {
                em_free(st->res_cols);
                st->res_cols = NULL;
            }
    }
    st->right_types = ex_node_types(n->children[1]);
    ex_rows_init(&st->right, st->n_right, st->right_types);
    ex_join_grace_types(st, n);
    if ((left && ex_build(q, n->children[0], &op->children[0], err)) ||
        (right && ex_build(q, n->children[1], &op->children[1], err))) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}

bool ex_join_emits_unmatched(const pl_node *n)
{
    return n->u.join.type == PL_JOIN_RIGHT_OUTER || n->u.join.type == PL_JOIN_FULL_OUTER;
}

int ex_join_build_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    return ex_join_new(q, n, false, true, out, err);
}

int ex_join_build_run(ex_op *op, em_error *err)
{
    ex_join_state *st = op->state;
    if (!st->prepared && ex_join_prepare(op, st, err))
        return -1;
    return st->grace ? 0 : 1;
}

int ex_join_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_join_share *sh = NULL;
    for (int i = 0; i < q->n_jshare && !sh; i++)
        if (q->jshare[i].node == n && q->jshare[i].build)
            sh = &q->jshare[i];
    if (!sh)
        return ex_join_new(q, n, true, true, out, err);
    if (sh->adopt) {
        /* the serial fallback of a parallel pipeline: take the drained build over */
        ex_op *op = sh->build;
        sh->build = NULL;
        if (ex_build(q, n->children[0], &op->children[0], err)) {
            ex_op_free(op);
            return err->code;
        }
        *out = op;
        return EM_OK;
    }
    /* a worker clone: probes the shared build (borrowed at its first pull) */
    if (ex_join_new(q, n, true, false, out, err))
        return err->code;
    ((ex_join_state *)(*out)->state)->shared = sh->build->state;
    return EM_OK;
}
