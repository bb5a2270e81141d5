/*
 * op_window: the Window operator (resolved PL_WINDOW: out = input ++ one column per
 * PX_WINDOW_CALL). Spark's WindowExec, run as one partition.
 *
 * State machine: COMPUTE drains the input into memory, then processes the calls in groups
 * that share a window spec (PARTITION BY and ORDER BY expressions; Spark's
 * ExtractWindowExpressions makes one Window operator per such group, in first-appearance order,
 * and TransposeWindow lets a group whose partition keys are a strict subset of the previous
 * group's run first). For each group it sorts the rows (a stable merge sort of a permutation),
 * cuts them into window partitions, and computes every call of the group partition by
 * partition; results are kept in input-row order. EMIT then returns the input rows with their
 * results in the order of the last group, batch by batch.
 *
 * Row order. Spark hash-partitions a window's input on its PARTITION BY keys (or gathers it
 * into one partition without them) and sorts each partition by (partition keys ASC NULLS
 * FIRST, order keys); with adaptive execution (on by default) the shuffle partitions of any
 * input below spark.sql.adaptive.advisoryPartitionSize / minPartitionSize are coalesced into
 * one, read in map order, so the window sees one partition holding every row in input order
 * and emits it sorted by those keys. That is what happens here: a stable sort of the input by
 * (partition keys, order keys), ties in input order. (Larger inputs come out of Spark in
 * several coalesced partitions whose boundaries depend on byte sizes; their order is not
 * reproduced.)
 *
 * Frames. Window functions (row_number, rank, lag, ...) get each partition at once
 * (fn_window_part). Aggregates over a frame follow Spark's frame implementations, which fixes
 * the order in which they see rows (so floating-point sums match): UNBOUNDED PRECEDING to
 * UNBOUNDED FOLLOWING is one aggregate per partition; UNBOUNDED PRECEDING to anything grows
 * one state incrementally; every other frame is aggregated afresh whenever its bounds move.
 * Aggregates whose result is independent of feeding order and grouping (ex_win_exact: count,
 * min, max, boolean and bitwise aggregates, integer sums) are computed faster with the same
 * values: shrinking frames by one state grown from the partition's end, sliding frames over
 * long partitions from a segment tree of merged states.
 * ROWS bounds are row offsets; RANGE bounds are peers (CURRENT ROW) or the rows whose ORDER BY
 * value lies within `value + offset` (Spark's RangeBoundOrdering, offset negated for
 * descending order; NULL values are peers of each other).
 *
 * Spilling. The rows are held in memory (charged to the query's budget) until a charge fails;
 * then (or from the start with forced spilling) the operator goes external, one group at a
 * time: group k's rows (input ++ results of the groups before ++ group k's keys) go through an
 * external stable sort (ex_xsort: sorted runs, k-way merge) by the group's keys, and the sorted
 * stream is cut at window-partition boundaries into chunks of whole partitions, computed as
 * above; their rows with the new results feed group k + 1's sort, or leave the operator for
 * the last group. Ties keep the previous group's order in both paths, so the output is the
 * in-memory one, row for row. Only the current chunk is held: a single window partition larger
 * than the budget (or a window without PARTITION BY over an input larger than the budget) still
 * fails with UNABLE_TO_ACQUIRE_MEMORY. Groups with nondeterministic expressions never go
 * external (their values would be drawn in another order).
 */
#include <string.h>
#include <strings.h>

#include "common/em_arena.h"
#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_cast.h"
#include "types/ty_order.h"

/* A frame bound resolved for execution. */
typedef struct ex_win_bound {
    int kind;       /* PX_BOUND_* */
    int64_t offset; /* ROWS value bound */
    pl_expr *expr;  /* RANGE value bound: order key + offset (over the input row) */
    vec *values;    /* RANGE value bound evaluated over all rows */
} ex_win_bound;

typedef struct ex_win_call {
    const pl_expr *call;
    bool is_agg;
    bool rows; /* ROWS frame (else RANGE) */
    ex_win_bound lo, hi;
    vec *result_sorted; /* results in the group's sorted order */
    vec *result;        /* results in input-row order */
} ex_win_call;

typedef struct ex_win_group {
    const pl_window_spec *spec;
    int n_calls;
    int *calls; /* indexes into the node's exprs */
    bool deterministic;
} ex_win_group;

typedef struct ex_win_state {
    em_arena arena; /* helper expressions built at init */
    ex_rows rows;
    const ty **types;
    int n_calls;
    ex_win_call *calls;
    int n_groups;
    ex_win_group *groups;
    int64_t *perm; /* output order (input row indexes) */
    int64_t emitted;
    bool computed;
    fn_ctx fctx;
    struct ex_win_spill *sp; /* the external path (NULL: everything in memory) */
} ex_win_state;

/* ------------------------------------------------------------------------------------------ */
/* Expressions                                                                                 */

/* Structural equality of resolved expressions (Spark's semanticEquals, enough for the
   window specs one select list repeats). */
static bool ex_win_expr_equal(const pl_expr *a, const pl_expr *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind || a->n_args != b->n_args)
        return false;
    if (a->type && b->type && !ty_equals_ignore_nullability(a->type, b->type))
        return false;
    switch (a->kind) {
    case PX_COLREF:
        return a->col_index == b->col_index;
    case PX_LITERAL:
        if (!a->lit || !b->lit || !ty_equals(a->lit->type, b->lit->type))
            return false;
        if (a->lit->type->kind == TY_NULL)
            return true;
        return ty_cells_equal(a->lit, 0, b->lit, 0);
    case PX_CAST:
        if (a->eval_mode != b->eval_mode || !ty_equals(a->cast_type ? a->cast_type : a->type,
                                                       b->cast_type ? b->cast_type : b->type))
            return false;
        break;
    case PX_CALL:
    case PX_AGG_CALL:
    case PX_WINDOW_CALL:
        if (a->fn != b->fn || a->is_distinct != b->is_distinct)
            return false;
        break;
    case PX_SORT_ORDER:
        if (a->descending != b->descending || a->nulls_first != b->nulls_first)
            return false;
        break;
    case PX_EXTRACT:
        if (a->ordinal != b->ordinal)
            return false;
        break;
    default:
        return false;
    }
    for (int i = 0; i < a->n_args; i++)
        if (!ex_win_expr_equal(a->args[i], b->args[i]))
            return false;
    return true;
}

static bool ex_expr_deterministic(const pl_expr *e)
{
    if (!e)
        return true;
    if ((e->kind == PX_CALL || e->kind == PX_AGG_CALL || e->kind == PX_WINDOW_CALL) && e->fn &&
        !e->fn->deterministic)
        return false;
    for (int i = 0; i < e->n_args; i++)
        if (!ex_expr_deterministic(e->args[i]))
            return false;
    return true;
}

static bool ex_exprs_equal(int n, pl_expr *const *a, int m, pl_expr *const *b)
{
    if (n != m)
        return false;
    for (int i = 0; i < n; i++)
        if (!ex_win_expr_equal(a[i], b[i]))
            return false;
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Groups and distribution (static: derived from the plan alone)                              */

/* Splits node's calls into groups by (partition, order) spec, in first-appearance order, then
   applies TransposeWindow to the sequence. Groups live in arena. */
static int ex_win_make_groups(em_arena *a, const pl_node *n, ex_win_group **out)
{
    ex_win_group *g = em_arena_calloc(a, (size_t)(n->n_exprs ? n->n_exprs : 1), sizeof *g);
    int n_groups = 0;
    for (int c = 0; c < n->n_exprs; c++) {
        const pl_expr *call = n->exprs[c];
        const pl_window_spec *w = call->window;
        int found = -1;
        for (int k = 0; k < n_groups && found < 0; k++) {
            const pl_window_spec *o = g[k].spec;
            if (ex_exprs_equal(w->n_partition, w->partition, o->n_partition, o->partition) &&
                ex_exprs_equal(w->n_order, w->order, o->n_order, o->order))
                found = k;
        }
        if (found < 0) {
            found = n_groups++;
            g[found].spec = w;
            g[found].calls = em_arena_calloc(a, (size_t)n->n_exprs, sizeof(int));
            g[found].deterministic = true;
            for (int k = 0; k < w->n_partition; k++)
                g[found].deterministic &= ex_expr_deterministic(w->partition[k]);
            for (int k = 0; k < w->n_order; k++)
                g[found].deterministic &= ex_expr_deterministic(w->order[k]);
        }
        g[found].calls[g[found].n_calls++] = c;
        g[found].deterministic &= ex_expr_deterministic(call);
    }
    /* TransposeWindow (fixed point): a parent group whose partition keys are strictly fewer and
       all among its child's keys runs first. */
    for (int pass = 0; pass < n_groups * n_groups + 1; pass++) {
        bool swapped = false;
        for (int k = 0; k + 1 < n_groups; k++) {
            const pl_window_spec *child = g[k].spec, *parent = g[k + 1].spec;
            if (!g[k].deterministic || !g[k + 1].deterministic ||
                parent->n_partition >= child->n_partition)
                continue;
            bool subset = true;
            for (int p = 0; p < parent->n_partition && subset; p++) {
                bool found = false;
                for (int q = 0; q < child->n_partition && !found; q++)
                    found = ex_win_expr_equal(parent->partition[p], child->partition[q]);
                subset = found;
            }
            if (!subset)
                continue;
            ex_win_group t = g[k];
            g[k] = g[k + 1];
            g[k + 1] = t;
            swapped = true;
        }
        if (!swapped)
            break;
    }
    *out = g;
    return n_groups;
}

/* ------------------------------------------------------------------------------------------ */
/* Sorting                                                                                     */

typedef struct ex_win_sort {
    int n_pkeys;
    vec **pkeys;
    int n_okeys;
    vec **okeys;
    const pl_expr *const *orders; /* PX_SORT_ORDER */
} ex_win_sort;

static int ex_win_cmp_cell(const vec *v, int64_t a, int64_t b, bool desc, bool nulls_first)
{
    bool na = v->type->kind == TY_NULL || vec_is_null(v, a);
    bool nb = v->type->kind == TY_NULL || vec_is_null(v, b);
    if (na || nb) {
        if (na && nb)
            return 0;
        return na ? (nulls_first ? -1 : 1) : (nulls_first ? 1 : -1);
    }
    int r = ty_compare(v, a, v, b);
    return desc ? -r : r;
}

static int ex_win_compare(void *ctx, int64_t a, int64_t b)
{
    const ex_win_sort *s = ctx;
    for (int k = 0; k < s->n_pkeys; k++) {
        int r = ex_win_cmp_cell(s->pkeys[k], a, b, false, true);
        if (r)
            return r;
    }
    for (int k = 0; k < s->n_okeys; k++) {
        const pl_expr *o = s->orders[k];
        int r = ex_win_cmp_cell(s->okeys[k], a, b, o->descending, o->nulls_first);
        if (r)
            return r;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Frames                                                                                      */

/* Compares the ORDER BY value of row ra with the bound value of row rb in the window order. */
static int ex_win_cmp_bound(const vec *key, int64_t ra, const vec *bound, int64_t rb,
                            const pl_expr *order)
{
    bool na = key->type->kind == TY_NULL || vec_is_null(key, ra);
    bool nb = bound->type->kind == TY_NULL || vec_is_null(bound, rb);
    if (na || nb) {
        if (na && nb)
            return 0;
        return na ? (order->nulls_first ? -1 : 1) : (order->nulls_first ? 1 : -1);
    }
    int r = ty_compare(key, ra, bound, rb);
    return order->descending ? -r : r;
}

/* First position j in [0, m) whose key compares >= (strict: >) the bound of row `row`. */
static int64_t ex_win_search(const int64_t *rows, int64_t m, const vec *key, const vec *bound,
                             int64_t row, const pl_expr *order, bool strict)
{
    int64_t lo = 0, hi = m;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        int c = ex_win_cmp_bound(key, rows[mid], bound, row, order);
        if (strict ? c > 0 : c >= 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static int64_t ex_clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int64_t ex_sat_add(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}

/* Fills frame_lo / frame_hi (positions in the partition) for every row of the partition. */
static void ex_win_frames(const ex_win_call *wc, const int64_t *rows, int64_t m,
                          const int64_t *peer_start, const int64_t *peer_end, const vec *okey,
                          int64_t *flo, int64_t *fhi)
{
    const pl_window_spec *w = wc->call->window;
    const pl_expr *order = w->n_order ? w->order[0] : NULL;
    for (int64_t i = 0; i < m; i++) {
        int64_t lo, hi;
        switch (wc->lo.kind) {
        case PX_BOUND_UNBOUNDED:
            lo = 0;
            break;
        case PX_BOUND_CURRENT_ROW:
            lo = wc->rows ? i : peer_start[i];
            break;
        default:
            lo = wc->rows ? ex_sat_add(i, wc->lo.offset)
                          : ex_win_search(rows, m, okey, wc->lo.values, rows[i], order, false);
            break;
        }
        switch (wc->hi.kind) {
        case PX_BOUND_UNBOUNDED:
            hi = m;
            break;
        case PX_BOUND_CURRENT_ROW:
            hi = wc->rows ? i + 1 : peer_end[i];
            break;
        default:
            hi = wc->rows ? ex_sat_add(ex_sat_add(i, wc->hi.offset), 1)
                          : ex_win_search(rows, m, okey, wc->hi.values, rows[i], order, true);
            break;
        }
        flo[i] = ex_clamp(lo, 0, m);
        fhi[i] = ex_clamp(hi, 0, m);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Aggregates over frames                                                                     */

typedef struct ex_win_agg {
    const pl_expr *call;
    vec **args_full; /* call args over all input rows */
    void *state;
    void **states; /* scratch: one pointer per row of a chunk */
    int64_t cap_states;
} ex_win_agg;

static void ex_win_agg_reset(ex_win_agg *ag)
{
    const fn_agg_ops *ops = ag->call->fn->agg;
    if (ops->destroy)
        ops->destroy(ag->call, ag->state);
    memset(ag->state, 0, (size_t)ops->state_size(ag->call));
    ops->init(ag->call, ag->state);
}

/* Feeds rows[a..b) (input row indexes) to the state. */
static int ex_win_agg_feed(ex_win_state *st, ex_win_agg *ag, const int64_t *rows, int64_t cnt,
                           em_error *err)
{
    if (cnt <= 0)
        return EM_OK;
    const pl_expr *call = ag->call;
    if (cnt > ag->cap_states) {
        ag->cap_states = cnt > 2 * ag->cap_states ? cnt : 2 * ag->cap_states;
        ag->states = em_realloc(ag->states, (size_t)ag->cap_states * sizeof *ag->states);
    }
    for (int64_t r = 0; r < cnt; r++)
        ag->states[r] = ag->state;
    vec **args = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof *args);
    int rc = EM_OK;
    for (int i = 0; i < call->n_args && rc == EM_OK; i++) {
        args[i] = vec_take(ag->args_full[i], rows, cnt, err);
        if (!args[i])
            rc = err->code ? err->code : EM_EINTERNAL;
    }
    if (rc == EM_OK)
        rc = call->fn->agg->update(call, ag->states, args, cnt, &st->fctx, err);
    for (int i = 0; i < call->n_args; i++)
        vec_release(args[i]);
    em_free(args);
    return rc;
}

/*
 * Aggregates whose value does not depend on the order rows are fed in, nor on how they are
 * grouped, exactly (no floating-point sums, no order-dependent overflow): these may be
 * computed incrementally where Spark recomputes a frame.
 */
static bool ex_win_exact(const pl_expr *call, const pl_session_opts *opts)
{
    static const char *const names[] = {"count", "min", "max",     "bool_and", "bool_or", "every",
                                        "some",  "any", "bit_and", "bit_or",   "bit_xor", NULL};
    const char *name = call->fn->name;
    for (int i = 0; names[i]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return !call->is_distinct;
    if (strcasecmp(name, "sum") == 0 && call->n_args == 1) {
        /* Integer sums accumulate in a long: int inputs cannot overflow it; long inputs wrap
           without ANSI (order-independent) but raise at the first overflowing prefix with it. */
        ty_kind k = call->args[0]->type->kind;
        return k == TY_BYTE || k == TY_SHORT || k == TY_INT || (k == TY_LONG && !opts->ansi);
    }
    return false;
}

/*
 * A segment tree of aggregate states over one partition's rows, for sliding frames of exact
 * aggregates: leaf i holds row i, an inner node the merge of its children; a frame [lo, hi)
 * is the merge of O(log m) nodes, left to right.
 */
typedef struct ex_win_tree {
    const pl_expr *call;
    const fn_agg_ops *ops;
    int64_t ssz;  /* bytes per state (aligned) */
    int64_t size; /* leaves: a power of two >= m */
    char *nodes;  /* 2 * size states; node 1 is the root */
} ex_win_tree;

static void *ex_win_node(const ex_win_tree *t, int64_t i)
{
    return t->nodes + i * t->ssz;
}

static void ex_win_tree_free(ex_win_tree *t)
{
    if (!t->nodes)
        return;
    for (int64_t i = 1; i < 2 * t->size; i++)
        if (t->ops->destroy)
            t->ops->destroy(t->call, ex_win_node(t, i));
    em_free(t->nodes);
    t->nodes = NULL;
}

static int ex_win_tree_build(ex_win_state *st, ex_win_agg *ag, ex_win_tree *t, const int64_t *rows,
                             int64_t m, em_error *err)
{
    const pl_expr *call = ag->call;
    t->call = call;
    t->ops = call->fn->agg;
    t->ssz = (t->ops->state_size(call) + 15) & ~(int64_t)15;
    t->size = 1;
    while (t->size < m)
        t->size <<= 1;
    t->nodes = em_calloc((size_t)(2 * t->size), (size_t)t->ssz);
    for (int64_t i = 1; i < 2 * t->size; i++)
        t->ops->init(call, ex_win_node(t, i));
    void **states = em_malloc((size_t)(m ? m : 1) * sizeof *states);
    vec **args = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof *args);
    int rc = EM_OK;
    for (int64_t r = 0; r < m; r++)
        states[r] = ex_win_node(t, t->size + r);
    for (int i = 0; i < call->n_args && rc == EM_OK; i++) {
        args[i] = vec_take(ag->args_full[i], rows, m, err);
        if (!args[i])
            rc = err->code ? err->code : EM_EINTERNAL;
    }
    if (rc == EM_OK)
        rc = t->ops->update(call, states, args, m, &st->fctx, err);
    for (int i = 0; i < call->n_args; i++)
        vec_release(args[i]);
    em_free(args);
    em_free(states);
    for (int64_t i = t->size - 1; i >= 1 && rc == EM_OK; i--) {
        rc = t->ops->merge(call, ex_win_node(t, i), ex_win_node(t, 2 * i), &st->fctx, err);
        if (rc == EM_OK)
            rc = t->ops->merge(call, ex_win_node(t, i), ex_win_node(t, 2 * i + 1), &st->fctx, err);
    }
    return rc;
}

/* The aggregate of rows [lo, hi) into the (reset) state of ag. */
static int ex_win_tree_query(ex_win_state *st, ex_win_agg *ag, const ex_win_tree *t, int64_t lo,
                             int64_t hi, em_error *err)
{
    int64_t left[64], right[64];
    int nl = 0, nr = 0;
    for (int64_t l = lo + t->size, r = hi + t->size; l < r && nl < 64 && nr < 64;
         l >>= 1, r >>= 1) {
        if (l & 1)
            left[nl++] = l++;
        if (r & 1)
            right[nr++] = --r;
    }
    int rc = EM_OK;
    for (int i = 0; i < nl && rc == EM_OK; i++)
        rc = t->ops->merge(t->call, ag->state, ex_win_node(t, left[i]), &st->fctx, err);
    for (int i = nr - 1; i >= 0 && rc == EM_OK; i--)
        rc = t->ops->merge(t->call, ag->state, ex_win_node(t, right[i]), &st->fctx, err);
    return rc;
}

/* Appends `times` copies of the single row of one. */
static int ex_win_repeat(vec *out, const vec *one, int64_t times, em_error *err)
{
    for (int64_t i = 0; i < times; i++)
        if (vec_append_from(out, one, 0, err))
            return err->code ? err->code : EM_EINTERNAL;
    return EM_OK;
}

/* The aggregate's current value as a new one-row vector. */
static int ex_win_agg_value(ex_win_state *st, ex_win_agg *ag, vec **one, em_error *err)
{
    vec_release(*one);
    *one = vec_new(ag->call->type, 1);
    return ag->call->fn->agg->final(ag->call, ag->state, *one, &st->fctx, err);
}

static int ex_win_agg_partition(ex_win_state *st, ex_win_call *wc, ex_win_agg *ag,
                                const int64_t *rows, int64_t m, const int64_t *flo,
                                const int64_t *fhi, em_error *err)
{
    const pl_expr *call = wc->call;
    const fn_agg_ops *ops = call->fn->agg;
    vec *out = wc->result_sorted;
    vec *one = NULL;
    int rc = EM_OK;
    ex_win_agg_reset(ag);
    if (wc->lo.kind == PX_BOUND_UNBOUNDED && wc->hi.kind == PX_BOUND_UNBOUNDED) {
        /* UnboundedWindowFunctionFrame: one value for the whole partition. */
        rc = ex_win_agg_feed(st, ag, rows, m, err);
        if (rc == EM_OK)
            rc = ex_win_agg_value(st, ag, &one, err);
        if (rc == EM_OK)
            rc = ex_win_repeat(out, one, m, err);
    } else if (wc->lo.kind == PX_BOUND_UNBOUNDED) {
        /* UnboundedPrecedingWindowFunctionFrame: the frame only grows. */
        int64_t added = 0;
        for (int64_t i = 0; i < m && rc == EM_OK; i++) {
            if (fhi[i] > added) {
                rc = ex_win_agg_feed(st, ag, rows + added, fhi[i] - added, err);
                added = fhi[i];
            }
            if (rc == EM_OK)
                rc = ops->final(call, ag->state, out, &st->fctx, err);
        }
    } else if (wc->hi.kind == PX_BOUND_UNBOUNDED && ex_win_exact(call, st->fctx.opts)) {
        /* Shrinking frames of order-insensitive, exact aggregates: one state grown from the
           end of the partition (Spark recomputes each frame; the values are the same). */
        vec *rev = vec_new(call->type, m);
        int64_t pos = m;
        for (int64_t i = m - 1; i >= 0 && rc == EM_OK; i--) {
            if (flo[i] < pos) {
                rc = ex_win_agg_feed(st, ag, rows + flo[i], pos - flo[i], err);
                pos = flo[i];
            }
            if (rc == EM_OK)
                rc = ops->final(call, ag->state, rev, &st->fctx, err);
        }
        for (int64_t i = m - 1; i >= 0 && rc == EM_OK; i--)
            if (vec_append_from(out, rev, i, err))
                rc = err->code ? err->code : EM_EINTERNAL;
        vec_release(rev);
    } else {
        /* Sliding and unbounded-following frames: aggregated afresh when the bounds move
           (Spark's SlidingWindowFunctionFrame); exact aggregates over long partitions read
           them from a segment tree instead. */
        ex_win_tree tree = {0};
        bool use_tree = m >= 64 && call->fn->agg->merge && ex_win_exact(call, st->fctx.opts);
        if (use_tree)
            rc = ex_win_tree_build(st, ag, &tree, rows, m, err);
        int64_t plo = -1, phi = -1;
        for (int64_t i = 0; i < m && rc == EM_OK; i++) {
            int64_t lo = flo[i], hi = fhi[i] > flo[i] ? fhi[i] : flo[i];
            if (!one || lo != plo || hi != phi) {
                ex_win_agg_reset(ag);
                rc = use_tree ? ex_win_tree_query(st, ag, &tree, lo, hi, err)
                              : ex_win_agg_feed(st, ag, rows + lo, hi - lo, err);
                if (rc == EM_OK)
                    rc = ex_win_agg_value(st, ag, &one, err);
                plo = lo;
                phi = hi;
            }
            if (rc == EM_OK)
                rc = ex_win_repeat(out, one, 1, err);
        }
        ex_win_tree_free(&tree);
    }
    vec_release(one);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* One group                                                                                   */

static int ex_win_eval_all(ex_op *op, const pl_expr *e, const vec_batch *all, vec **out,
                           em_error *err)
{
    return ex_eval(op->q, e, all, NULL, all->n_rows, out, err);
}

static void ex_release_vecs(vec **v, int n)
{
    for (int i = 0; i < n; i++)
        vec_release(v[i]);
}

/* Computes the calls of group g over all rows; perm is the current order on entry and the
   group's order on return. */
static int ex_win_group_run(ex_op *op, ex_win_state *st, const ex_win_group *g,
                            const vec_batch *all, int64_t *perm, em_error *err)
{
    const pl_window_spec *w = g->spec;
    int64_t n = all->n_rows;
    int np = w->n_partition, no = w->n_order;
    vec **pkeys = em_calloc((size_t)(np + no + 1), sizeof *pkeys);
    vec **okeys = pkeys + np;
    int rc = EM_OK;
    for (int k = 0; k < np && rc == EM_OK; k++)
        rc = ex_win_eval_all(op, w->partition[k], all, &pkeys[k], err);
    for (int k = 0; k < no && rc == EM_OK; k++)
        rc = ex_win_eval_all(op, w->order[k]->args[0], all, &okeys[k], err);

    if (rc == EM_OK && (np || no)) {
        ex_win_sort s = {.n_pkeys = np,
                         .pkeys = pkeys,
                         .n_okeys = no,
                         .okeys = okeys,
                         .orders = (const pl_expr *const *)w->order};
        int64_t *tmp = em_malloc((size_t)(n ? n : 1) * sizeof *tmp);
        ex_sort_indexes(perm, tmp, n, ex_win_compare, NULL, &s);
        em_free(tmp);
    }

    /* Per-call inputs: arguments (aggregates) and RANGE bound values over all rows. */
    ex_win_agg *aggs = em_calloc((size_t)g->n_calls, sizeof *aggs);
    for (int c = 0; c < g->n_calls && rc == EM_OK; c++) {
        ex_win_call *wc = &st->calls[g->calls[c]];
        wc->result_sorted = vec_new(wc->call->type, n);
        for (int b = 0; b < 2 && rc == EM_OK; b++) {
            ex_win_bound *bd = b ? &wc->hi : &wc->lo;
            if (bd->expr && !bd->values)
                rc = ex_win_eval_all(op, bd->expr, all, &bd->values, err);
        }
        if (wc->is_agg) {
            const pl_expr *call = wc->call;
            aggs[c].call = call;
            aggs[c].args_full = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof(vec *));
            for (int i = 0; i < call->n_args && rc == EM_OK; i++)
                rc = ex_win_eval_all(op, call->args[i], all, &aggs[c].args_full[i], err);
            aggs[c].state = em_calloc(1, (size_t)call->fn->agg->state_size(call) + 16);
            call->fn->agg->init(call, aggs[c].state);
        }
    }
    vec ***wargs_full = em_calloc((size_t)g->n_calls, sizeof *wargs_full);
    for (int c = 0; c < g->n_calls && rc == EM_OK; c++) {
        ex_win_call *wc = &st->calls[g->calls[c]];
        if (wc->is_agg)
            continue;
        const pl_expr *call = wc->call;
        wargs_full[c] = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof(vec *));
        for (int i = 0; i < call->n_args && rc == EM_OK; i++)
            rc = ex_win_eval_all(op, call->args[i], all, &wargs_full[c][i], err);
    }

    /* Window partitions. */
    int64_t *peer_start = em_malloc((size_t)(n ? n : 1) * sizeof *peer_start);
    int64_t *peer_end = em_malloc((size_t)(n ? n : 1) * sizeof *peer_end);
    int64_t *flo = em_malloc((size_t)(n ? n : 1) * sizeof *flo);
    int64_t *fhi = em_malloc((size_t)(n ? n : 1) * sizeof *fhi);
    int64_t start = 0;
    while (rc == EM_OK && start < n) {
        int64_t end = start + 1;
        while (end < n) {
            bool same = true;
            for (int k = 0; k < np && same; k++)
                same = ty_cells_equal(pkeys[k], perm[start], pkeys[k], perm[end]);
            if (!same)
                break;
            end++;
        }
        const int64_t *rows = perm + start;
        int64_t m = end - start;
        /* ORDER BY peers. */
        for (int64_t i = 0; i < m;) {
            int64_t j = i + 1;
            while (j < m) {
                bool same = true;
                for (int k = 0; k < no && same; k++)
                    same = ex_win_cmp_cell(okeys[k], rows[i], rows[j], false, true) == 0;
                if (!same)
                    break;
                j++;
            }
            for (int64_t x = i; x < j; x++) {
                peer_start[x] = i;
                peer_end[x] = j;
            }
            i = j;
        }
        for (int c = 0; c < g->n_calls && rc == EM_OK; c++) {
            ex_win_call *wc = &st->calls[g->calls[c]];
            ex_win_frames(wc, rows, m, peer_start, peer_end, no ? okeys[0] : NULL, flo, fhi);
            if (wc->is_agg) {
                rc = ex_win_agg_partition(st, wc, &aggs[c], rows, m, flo, fhi, err);
                continue;
            }
            const pl_expr *call = wc->call;
            vec **args = em_calloc((size_t)(call->n_args ? call->n_args : 1), sizeof *args);
            for (int i = 0; i < call->n_args && rc == EM_OK; i++) {
                args[i] = vec_take(wargs_full[c][i], rows, m, err);
                if (!args[i])
                    rc = err->code ? err->code : EM_EINTERNAL;
            }
            if (rc == EM_OK) {
                fn_window_part p = {.n = m,
                                    .args = args,
                                    .peer_start = peer_start,
                                    .peer_end = peer_end,
                                    .frame_lo = flo,
                                    .frame_hi = fhi};
                int64_t before = wc->result_sorted->len;
                rc = call->fn->window->eval(call, &p, &st->fctx, wc->result_sorted, err);
                if (rc == EM_OK && wc->result_sorted->len != before + m)
                    rc = em_error_internal(
                        err, "window function %s produced %lld rows for %lld", call->fn->name,
                        (long long)(wc->result_sorted->len - before), (long long)m);
            }
            ex_release_vecs(args, call->n_args);
            em_free(args);
        }
        start = end;
    }
    em_free(peer_start);
    em_free(peer_end);
    em_free(flo);
    em_free(fhi);
    for (int c = 0; c < g->n_calls; c++) {
        if (!wargs_full[c])
            continue;
        ex_release_vecs(wargs_full[c], st->calls[g->calls[c]].call->n_args);
        em_free(wargs_full[c]);
    }
    em_free(wargs_full);

    /* Back to input-row order. */
    if (rc == EM_OK) {
        int64_t *inv = em_malloc((size_t)(n ? n : 1) * sizeof *inv);
        for (int64_t i = 0; i < n; i++)
            inv[perm[i]] = i;
        for (int c = 0; c < g->n_calls && rc == EM_OK; c++) {
            ex_win_call *wc = &st->calls[g->calls[c]];
            wc->result = vec_take(wc->result_sorted, inv, n, err);
            if (!wc->result)
                rc = err->code ? err->code : EM_EINTERNAL;
        }
        em_free(inv);
    }
    for (int c = 0; c < g->n_calls; c++) {
        ex_win_call *wc = &st->calls[g->calls[c]];
        vec_release(wc->result_sorted);
        wc->result_sorted = NULL;
        if (aggs[c].call) {
            const fn_agg_ops *ops = aggs[c].call->fn->agg;
            if (ops->destroy)
                ops->destroy(aggs[c].call, aggs[c].state);
            em_free(aggs[c].state);
            ex_release_vecs(aggs[c].args_full, aggs[c].call->n_args);
            em_free(aggs[c].args_full);
            em_free(aggs[c].states);
        }
    }
    em_free(aggs);
    ex_release_vecs(pkeys, np + no);
    em_free(pkeys);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Spilling: the external path                                                                 */

/* Group k's sort keys: columns [kbase, kbase + np + no) of its stage rows. */
typedef struct ex_win_keycmp {
    int kbase, np, no;
    const pl_expr *const *orders;
} ex_win_keycmp;

typedef struct ex_win_stage {
    int n_carry;      /* input ++ results of the groups before */
    int n_cols;       /* n_carry ++ keys */
    const ty **types; /* n_cols */
    ex_win_keycmp cmp;
} ex_win_stage;

typedef struct ex_win_spill {
    int nin;
    int *call_col; /* column of each call's result after the last group */
    ex_win_stage *stages;
    int stage;              /* group being streamed */
    ex_xsort *xs, *xs_next; /* this group's sorted rows; the next group's input */
    ex_rows hold;           /* sorted rows not computed yet (stage layout) */
    int64_t last_start;     /* hold row where its last (maybe incomplete) partition starts */
    vec_batch *ready;       /* a computed chunk: carried columns ++ the group's results */
    bool eof;               /* this group's sorted rows are all in hold */
    int64_t target;         /* rows of whole partitions worth computing at once */
    vec_batch *out;         /* last group: the chunk being emitted (output layout) */
    int64_t out_off;
} ex_win_spill;

/* Spark's window order on the key columns (as ex_win_compare) across two batches. */
static int ex_win_cmp_rows(void *ctx, const vec_batch *a, int64_t ra, const vec_batch *b,
                           int64_t rb)
{
    const ex_win_keycmp *k = ctx;
    for (int i = 0; i < k->np + k->no; i++) {
        const vec *va = a->cols[k->kbase + i], *vb = b->cols[k->kbase + i];
        bool desc = false, nulls_first = true;
        if (i >= k->np) {
            desc = k->orders[i - k->np]->descending;
            nulls_first = k->orders[i - k->np]->nulls_first;
        }
        bool na = va->type->kind == TY_NULL || vec_is_null(va, ra);
        bool nb = vb->type->kind == TY_NULL || vec_is_null(vb, rb);
        if (na || nb) {
            if (na && nb)
                continue;
            return na ? (nulls_first ? -1 : 1) : (nulls_first ? 1 : -1);
        }
        int r = ty_compare(va, ra, vb, rb);
        if (r)
            return desc ? -r : r;
    }
    return 0;
}

static bool ex_win_all_deterministic(const ex_win_state *st)
{
    for (int k = 0; k < st->n_groups; k++)
        if (!st->groups[k].deterministic)
            return false;
    return st->n_groups > 0;
}

static void ex_win_spill_free(ex_win_spill *sp, int n_groups)
{
    if (!sp)
        return;
    ex_xsort_free(sp->xs);
    ex_xsort_free(sp->xs_next);
    ex_rows_release(&sp->hold);
    vec_batch_free(sp->ready);
    vec_batch_free(sp->out);
    for (int k = 0; k < n_groups; k++)
        em_free(sp->stages[k].types);
    em_free(sp->stages);
    em_free(sp->call_col);
    em_free(sp);
}

static ex_win_spill *ex_win_spill_new(ex_op *op, ex_win_state *st)
{
    ex_win_spill *sp = em_calloc(1, sizeof *sp);
    int nin = st->rows.n_cols;
    sp->nin = nin;
    sp->call_col = em_calloc((size_t)(st->n_calls ? st->n_calls : 1), sizeof *sp->call_col);
    sp->stages = em_calloc((size_t)st->n_groups, sizeof *sp->stages);
    int carry = nin;
    for (int k = 0; k < st->n_groups; k++) {
        const ex_win_group *g = &st->groups[k];
        const pl_window_spec *w = g->spec;
        ex_win_stage *s = &sp->stages[k];
        s->n_carry = carry;
        s->n_cols = carry + w->n_partition + w->n_order;
        s->types = em_calloc((size_t)s->n_cols, sizeof *s->types);
        for (int c = 0; c < nin; c++)
            s->types[c] = st->types[c];
        int col = nin;
        for (int j = 0; j < k; j++)
            for (int c = 0; c < st->groups[j].n_calls; c++)
                s->types[col++] = st->calls[st->groups[j].calls[c]].call->type;
        for (int p = 0; p < w->n_partition; p++)
            s->types[col++] = w->partition[p]->type;
        for (int o = 0; o < w->n_order; o++)
            s->types[col++] = w->order[o]->args[0]->type;
        s->cmp = (ex_win_keycmp){.kbase = carry,
                                 .np = w->n_partition,
                                 .no = w->n_order,
                                 .orders = (const pl_expr *const *)w->order};
        for (int c = 0; c < g->n_calls; c++)
            sp->call_col[g->calls[c]] = carry + c;
        carry += g->n_calls;
    }
    sp->target = ex_spill_forced(op->q) ? 1 : ex_batch_rows(op->q);
    ex_rows_init(&sp->hold, sp->stages[0].n_cols, sp->stages[0].types);
    sp->xs = ex_xsort_new(op->q, sp->stages[0].n_cols, sp->stages[0].types, ex_win_cmp_rows,
                          &sp->stages[0].cmp);
    return sp;
}

/* Adds rows of `in` (carried columns of group k) with group k's keys to xs. */
static int ex_win_feed(ex_op *op, ex_win_state *st, int k, ex_xsort *xs, const vec_batch *in,
                       em_error *err)
{
    const ex_win_stage *s = &st->sp->stages[k];
    const pl_window_spec *w = st->groups[k].spec;
    vec_batch *b = vec_batch_new(s->n_cols, in->n_rows);
    int rc = EM_OK;
    for (int c = 0; c < s->n_carry; c++)
        b->cols[c] = vec_retain(in->cols[c]);
    for (int p = 0; p < w->n_partition && rc == EM_OK; p++)
        rc = ex_eval(op->q, w->partition[p], in, NULL, in->n_rows, &b->cols[s->n_carry + p], err);
    for (int o = 0; o < w->n_order && rc == EM_OK; o++)
        rc = ex_eval(op->q, w->order[o]->args[0], in, NULL, in->n_rows,
                     &b->cols[s->n_carry + w->n_partition + o], err);
    if (rc == EM_OK)
        rc = ex_xsort_add(xs, b, err);
    vec_batch_free(b);
    return rc;
}

/* Computes the current group over chunk (whole partitions, sorted): its carried columns ++ the
   group's results into sp->ready. */
static int ex_win_process(ex_op *op, ex_win_state *st, vec_batch *chunk, em_error *err)
{
    ex_win_spill *sp = st->sp;
    const ex_win_group *g = &st->groups[sp->stage];
    const ex_win_stage *s = &sp->stages[sp->stage];
    int64_t n = chunk->n_rows;
    int64_t *perm = em_malloc((size_t)(n ? n : 1) * sizeof *perm);
    for (int64_t i = 0; i < n; i++)
        perm[i] = i; /* sorted already: the group's stable sort keeps it */
    int rc = ex_win_group_run(op, st, g, chunk, perm, err);
    em_free(perm);
    vec_batch *r = rc == EM_OK ? vec_batch_new(s->n_carry + g->n_calls, n) : NULL;
    for (int c = 0; r && c < s->n_carry; c++)
        r->cols[c] = vec_retain(chunk->cols[c]);
    for (int c = 0; c < g->n_calls; c++) {
        ex_win_call *wc = &st->calls[g->calls[c]];
        if (r)
            r->cols[s->n_carry + c] = wc->result;
        else
            vec_release(wc->result);
        wc->result = NULL;
        vec_release(wc->lo.values); /* RANGE bounds over this chunk's rows */
        vec_release(wc->hi.values);
        wc->lo.values = wc->hi.values = NULL;
    }
    if (!r)
        return err->code ? err->code : EM_EINTERNAL;
    sp->ready = r;
    return EM_OK;
}

/* Computes hold's rows [0, cut) (cut: a partition start or the end) and keeps the rest. */
static int ex_win_cut(ex_op *op, ex_win_state *st, int64_t cut, em_error *err)
{
    ex_win_spill *sp = st->sp;
    if (ex_check_cancel(op->q, err))
        return err->code;
    int64_t n = sp->hold.n_rows;
    vec_batch *chunk = ex_rows_batch(&sp->hold, 0, cut, err);
    vec_batch *rest = chunk && cut < n ? ex_rows_batch(&sp->hold, cut, n - cut, err) : NULL;
    if (!chunk || (cut < n && !rest)) {
        vec_batch_free(chunk);
        return err->code ? err->code : EM_EINTERNAL;
    }
    const ex_win_stage *s = &sp->stages[sp->stage];
    ex_rows_release(&sp->hold);
    ex_rows_init(&sp->hold, s->n_cols, s->types);
    sp->last_start = 0;
    int rc = ex_win_process(op, st, chunk, err);
    vec_batch_free(chunk);
    if (rc == EM_OK && rest)
        rc = ex_rows_append(&sp->hold, rest, NULL, rest->n_rows, err);
    vec_batch_free(rest);
    return rc;
}

/* Whether sorted row rb of b starts a new partition after row ra of a. */
static bool ex_win_boundary(const ex_win_keycmp *k, vec *const *a, int64_t ra, vec *const *b,
                            int64_t rb)
{
    for (int p = 0; p < k->np; p++)
        if (!ty_cells_equal(a[k->kbase + p], ra, b[k->kbase + p], rb))
            return true;
    return false;
}

/* Holds the sorted batch b, computing whole partitions when target rows of them are held or
   when memory runs out (the next group's sort spills first). */
static int ex_win_hold(ex_op *op, ex_win_state *st, const vec_batch *b, em_error *err)
{
    ex_win_spill *sp = st->sp;
    const ex_win_keycmp *k = &sp->stages[sp->stage].cmp;
    for (int attempt = 0;; attempt++) {
        int64_t held = sp->hold.n_rows, nls = held > 0 ? sp->last_start : 0;
        for (int64_t i = 0; i < b->n_rows; i++) {
            bool cut = i > 0 ? ex_win_boundary(k, b->cols, i - 1, b->cols, i)
                             : held > 0 && ex_win_boundary(k, sp->hold.cols, held - 1, b->cols, 0);
            if (cut)
                nls = held + i;
        }
        em_error local;
        em_error_clear(&local);
        int rc = ex_rows_append(&sp->hold, b, NULL, b->n_rows, &local);
        bool in = rc == EM_OK || (rc == EM_ENOMEM && sp->hold.n_rows > held);
        if (in) {
            sp->last_start = nls;
            if (rc == EM_OK)
                return !sp->ready && nls >= sp->target ? ex_win_cut(op, st, nls, err) : EM_OK;
            /* in, but not charged: give memory back or fail */
            if (!sp->ready && nls > 0)
                return ex_win_cut(op, st, nls, err);
            if (sp->xs_next && ex_xsort_held(sp->xs_next) > 0)
                return ex_xsort_spill(sp->xs_next, err);
            em_error_copy(err, &local);
            return rc;
        }
        if (rc == EM_ENOMEM && attempt < 3) {
            if (sp->xs_next && ex_xsort_held(sp->xs_next) > 0) {
                if ((rc = ex_xsort_spill(sp->xs_next, err)) != EM_OK)
                    return rc;
                continue;
            }
            if (!sp->ready && held > 0 && sp->last_start > 0) {
                if ((rc = ex_win_cut(op, st, sp->last_start, err)) != EM_OK)
                    return rc;
                continue;
            }
        }
        em_error_copy(err, &local);
        return rc;
    }
}

/* The next computed chunk of the current group: 1, 0 at its end, <0. */
static int ex_win_stage_next(ex_op *op, ex_win_state *st, vec_batch **out, em_error *err)
{
    ex_win_spill *sp = st->sp;
    for (;;) {
        if (sp->ready) {
            *out = sp->ready;
            sp->ready = NULL;
            return 1;
        }
        if (sp->eof) {
            if (sp->hold.n_rows == 0)
                return 0;
            if (ex_win_cut(op, st, sp->hold.n_rows, err))
                return -1;
            continue;
        }
        vec_batch *b;
        int rc = ex_xsort_next(sp->xs, &b, err);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            sp->eof = true;
            continue;
        }
        rc = ex_win_hold(op, st, b, err);
        vec_batch_free(b);
        if (rc)
            return -1;
    }
}

/* Goes external: the rows held so far (and `pending`, not held) and the rest of the input
   into group 0's sort. */
static int ex_win_spill_start(ex_op *op, ex_win_state *st, vec_batch *pending, em_error *err)
{
    st->sp = ex_win_spill_new(op, st);
    int64_t n = st->rows.n_rows, step = ex_batch_rows(op->q);
    vec_batch *held = n ? ex_rows_batch(&st->rows, 0, n, err) : NULL;
    ex_rows_release(&st->rows);
    ex_rows_init(&st->rows, st->sp->nin, st->types);
    int rc = n && !held ? (err->code ? err->code : EM_EINTERNAL) : EM_OK;
    for (int64_t off = 0; held && off < n && rc == EM_OK; off += step) {
        vec_batch *s = ex_batch_slice(held, off, n - off < step ? n - off : step, err);
        rc = s ? ex_win_feed(op, st, 0, st->sp->xs, s, err) : (err->code ? err->code : -1);
        vec_batch_free(s);
    }
    vec_batch_free(held);
    if (rc == EM_OK && pending)
        rc = ex_win_feed(op, st, 0, st->sp->xs, pending, err);
    vec_batch_free(pending);
    while (rc == EM_OK) {
        vec_batch *in;
        int got = ex_child_next(op, 0, &in, err);
        if (got <= 0) {
            rc = got < 0 ? -1 : EM_OK;
            break;
        }
        rc = ex_win_feed(op, st, 0, st->sp->xs, in, err);
        vec_batch_free(in);
    }
    st->computed = true;
    return rc ? -1 : 0;
}

static int ex_win_spill_next(ex_op *op, ex_win_state *st, vec_batch **out, em_error *err)
{
    ex_win_spill *sp = st->sp;
    int last = st->n_groups - 1;
    while (sp->stage < last) {
        const ex_win_stage *ns = &sp->stages[sp->stage + 1];
        if (!sp->xs_next)
            sp->xs_next =
                ex_xsort_new(op->q, ns->n_cols, ns->types, ex_win_cmp_rows, (void *)&ns->cmp);
        vec_batch *r;
        int rc = ex_win_stage_next(op, st, &r, err);
        if (rc < 0)
            return -1;
        if (rc > 0) {
            rc = ex_win_feed(op, st, sp->stage + 1, sp->xs_next, r, err);
            vec_batch_free(r);
            if (rc)
                return -1;
            continue;
        }
        ex_xsort_free(sp->xs);
        sp->xs = sp->xs_next;
        sp->xs_next = NULL;
        sp->stage++;
        sp->eof = false;
        sp->last_start = 0;
        ex_rows_release(&sp->hold);
        ex_rows_init(&sp->hold, ns->n_cols, ns->types);
    }
    int64_t step = ex_batch_rows(op->q);
    for (;;) {
        if (sp->out && sp->out_off < sp->out->n_rows) {
            int64_t left = sp->out->n_rows - sp->out_off, cnt = left < step ? left : step;
            vec_batch *b;
            if (sp->out_off == 0 && cnt == left) {
                b = sp->out;
                sp->out = NULL;
            } else if (!(b = ex_batch_slice(sp->out, sp->out_off, cnt, err))) {
                return -1;
            }
            sp->out_off += cnt;
            *out = b;
            return 1;
        }
        vec_batch_free(sp->out);
        sp->out = NULL;
        vec_batch *r;
        int rc = ex_win_stage_next(op, st, &r, err);
        if (rc <= 0)
            return rc;
        vec_batch *o = vec_batch_new(op->node->n_out, r->n_rows);
        for (int c = 0; c < sp->nin; c++)
            o->cols[c] = vec_retain(r->cols[c]);
        for (int c = 0; c < st->n_calls; c++)
            o->cols[sp->nin + c] = vec_retain(r->cols[sp->call_col[c]]);
        vec_batch_free(r);
        sp->out = o;
        sp->out_off = 0;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Operator                                                                                    */

static int ex_win_compute(ex_op *op, ex_win_state *st, em_error *err)
{
    bool can_spill = ex_win_all_deterministic(st);
    if (can_spill && ex_spill_forced(op->q))
        return ex_win_spill_start(op, st, NULL, err);
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        int64_t held = st->rows.n_rows;
        em_error local;
        em_error_clear(&local);
        rc = ex_rows_append(&st->rows, in, NULL, in->n_rows, &local);
        if (rc == EM_ENOMEM && can_spill) {
            bool taken = st->rows.n_rows > held;
            if (taken)
                vec_batch_free(in);
            return ex_win_spill_start(op, st, taken ? NULL : in, err);
        }
        vec_batch_free(in);
        if (rc) {
            em_error_copy(err, &local);
            return -1;
        }
    }
    int64_t n = st->rows.n_rows;
    st->perm = em_malloc((size_t)(n ? n : 1) * sizeof *st->perm);
    for (int64_t i = 0; i < n; i++)
        st->perm[i] = i;
    vec_batch *all = ex_rows_batch(&st->rows, 0, n, err);
    if (!all)
        return -1;
    int rc = EM_OK;
    for (int k = 0; k < st->n_groups && rc == EM_OK; k++) {
        if (ex_check_cancel(op->q, err))
            rc = err->code;
        else
            rc = ex_win_group_run(op, st, &st->groups[k], all, st->perm, err);
    }
    vec_batch_free(all);
    st->computed = true;
    return rc ? -1 : 0;
}

static int ex_win_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_win_state *st = op->state;
    if (!st->computed && ex_win_compute(op, st, err))
        return -1;
    if (st->sp)
        return ex_win_spill_next(op, st, out, err);
    int64_t left = st->rows.n_rows - st->emitted;
    if (left <= 0)
        return 0;
    int64_t cnt = left < ex_batch_rows(op->q) ? left : ex_batch_rows(op->q);
    const int64_t *sel = st->perm + st->emitted;
    vec_batch *base = ex_rows_take(&st->rows, sel, cnt, err);
    if (!base)
        return -1;
    vec_batch *b = vec_batch_new(op->node->n_out, cnt);
    int nin = st->rows.n_cols;
    for (int c = 0; c < nin; c++) {
        b->cols[c] = base->cols[c];
        base->cols[c] = NULL;
    }
    base->n_cols = 0;
    vec_batch_free(base);
    for (int c = 0; c < st->n_calls; c++) {
        b->cols[nin + c] = vec_take(st->calls[c].result, sel, cnt, err);
        if (!b->cols[nin + c]) {
            vec_batch_free(b);
            return -1;
        }
    }
    st->emitted += cnt;
    *out = b;
    return 1;
}

static void ex_win_release(ex_op *op)
{
    ex_win_state *st = op->state;
    if (!st)
        return;
    for (int c = 0; c < st->n_calls; c++) {
        vec_release(st->calls[c].result);
        vec_release(st->calls[c].result_sorted);
        vec_release(st->calls[c].lo.values);
        vec_release(st->calls[c].hi.values);
    }
    ex_win_spill_free(st->sp, st->n_groups);
    ex_rows_release(&st->rows);
    em_free(st->types);
    em_free(st->perm);
    em_arena_release(&st->arena);
    em_free(st);
}

static const ex_op_vtbl ex_win_vt = {ex_win_next, ex_win_release};

/* A RANGE value bound: order key + offset (offset negated for descending order), bound through
   the registry so overflow and datetime arithmetic behave as Spark's Add / DateAdd / TimeAdd. */
static int ex_win_range_bound(ex_query *q, em_arena *a, const pl_window_spec *w,
                              const pl_expr *value, pl_expr **out, em_error *err)
{
    const pl_expr *order = w->order[0];
    pl_expr *key = order->args[0];
    pl_expr *off = (pl_expr *)value;
    if (order->descending) {
        const fn_def *neg = fn_lookup("negative");
        if (!neg)
            return em_error_internal(err, "window: no negative function");
        pl_expr *ne = pl_expr_new(a, PX_CALL, 1);
        ne->name = "negative";
        ne->fn = neg;
        ne->args[0] = off;
        if (neg->bind(neg, a, ne, &q->opts, err))
            return err->code;
        ne->resolved = true;
        off = ne;
    }
    const fn_def *add = fn_lookup("+");
    if (!add)
        return em_error_internal(err, "window: no + function");
    pl_expr *ae = pl_expr_new(a, PX_CALL, 2);
    ae->name = "+";
    ae->fn = add;
    ae->args[0] = key;
    ae->args[1] = off;
    if (add->bind(add, a, ae, &q->opts, err))
        return err->code;
    ae->resolved = true;
    if (ae->type->kind != key->type->kind)
        ae = fn_cast_new(a, ae, key->type);
    *out = ae;
    return EM_OK;
}

/* Folds a constant expression (literals, casts, deterministic calls): 1 with *out, 0 when
   not constant, <0 on an error. */
static int ex_win_fold(ex_query *q, const pl_expr *e, vec **out, em_error *err)
{
    *out = NULL;
    switch (e->kind) {
    case PX_LITERAL:
        *out = vec_retain(e->lit);
        return 1;
    case PX_CAST: {
        vec *in;
        int rc = ex_win_fold(q, e->args[0], &in, err);
        if (rc <= 0)
            return rc;
        rc = ty_cast_vec(in, e->cast_type ? e->cast_type : e->type, e->eval_mode, &q->opts, out,
                         err);
        vec_release(in);
        return rc ? -1 : 1;
    }
    case PX_CALL: {
        if (!e->fn || !e->fn->eval || !e->fn->deterministic || e->n_args > 8)
            return 0;
        vec *args[8] = {0};
        int rc = 1;
        for (int k = 0; k < e->n_args && rc == 1; k++)
            rc = ex_win_fold(q, e->args[k], &args[k], err);
        if (rc == 1) {
            em_arena scratch;
            em_arena_init(&scratch, 0);
            fn_ctx ctx = {.opts = &q->opts, .scratch = &scratch};
            rc = e->fn->eval(e, args, 1, &ctx, out, err) ? -1 : 1;
            em_arena_release(&scratch);
        }
        for (int k = 0; k < e->n_args; k++)
            vec_release(args[k]);
        return rc;
    }
    default:
        return 0;
    }
}

static int ex_win_bound_init(ex_query *q, em_arena *a, const pl_expr *call, bool rows,
                             const pl_frame_bound *in, ex_win_bound *out, em_error *err)
{
    out->kind = in->kind;
    if (in->kind != PX_BOUND_VALUE)
        return EM_OK;
    if (!rows)
        return ex_win_range_bound(q, a, call->window, in->value, &out->expr, err);
    /* ROWS offsets are foldable ints (the analyzer checks). */
    vec *v = NULL;
    int rc = ex_win_fold(q, in->value, &v, err);
    if (rc < 0)
        return err->code ? err->code : EM_EINTERNAL;
    if (rc == 0)
        return em_error_internal(err, "window frame bound is not a constant");
    out->offset = 0;
    if (v && v->type->kind != TY_NULL && !vec_is_null(v, 0)) {
        switch (v->type->kind) {
        case TY_BYTE:
            out->offset = VEC_VALUES(v, int8_t)[0];
            break;
        case TY_SHORT:
            out->offset = VEC_VALUES(v, int16_t)[0];
            break;
        case TY_INT:
            out->offset = VEC_VALUES(v, int32_t)[0];
            break;
        case TY_LONG:
            out->offset = VEC_VALUES(v, int64_t)[0];
            break;
        default:
            break;
        }
    }
    vec_release(v);
    return EM_OK;
}

int ex_window_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_win_vt, 1);
    ex_win_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    em_arena_init(&st->arena, 0);
    st->fctx.opts = &q->opts;
    const pl_node *child = n->children[0];
    st->types = ex_node_types(child);
    ex_rows_init(&st->rows, child->n_out, st->types);
    st->n_calls = n->n_exprs;
    st->calls =
        em_arena_calloc(&st->arena, (size_t)(n->n_exprs ? n->n_exprs : 1), sizeof *st->calls);
    int rc = EM_OK;
    for (int c = 0; c < n->n_exprs && rc == EM_OK; c++) {
        const pl_expr *call = n->exprs[c];
        ex_win_call *wc = &st->calls[c];
        wc->call = call;
        if (call->kind != PX_WINDOW_CALL || !call->fn || !call->window) {
            rc = em_error_internal(err, "window expression %d is not a bound window call", c);
            break;
        }
        if (call->fn->kind == FN_AGGREGATE && call->fn->agg) {
            wc->is_agg = true;
        } else if (!call->fn->window) {
            rc = em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", call->fn->name,
                              NULL);
            break;
        }
        const pl_window_spec *w = call->window;
        wc->rows = !w->has_frame || w->frame_type != PX_FRAME_RANGE;
        if (!w->has_frame) {
            wc->lo.kind = PX_BOUND_UNBOUNDED;
            wc->hi.kind = PX_BOUND_UNBOUNDED;
            continue;
        }
        if (!wc->rows && (w->lower.kind == PX_BOUND_VALUE || w->upper.kind == PX_BOUND_VALUE) &&
            w->n_order != 1) {
            rc = em_error_internal(err, "RANGE frame with a value bound needs one ORDER BY key");
            break;
        }
        rc = ex_win_bound_init(q, &st->arena, call, wc->rows, &w->lower, &wc->lo, err);
        if (rc == EM_OK)
            rc = ex_win_bound_init(q, &st->arena, call, wc->rows, &w->upper, &wc->hi, err);
    }
    if (rc == EM_OK) {
        st->n_groups = ex_win_make_groups(&st->arena, n, &st->groups);
        rc = ex_build(q, child, &op->children[0], err);
    }
    if (rc) {
        ex_op_free(op);
        return err->code ? err->code : EM_EINTERNAL;
    }
    *out = op;
    return EM_OK;
}
