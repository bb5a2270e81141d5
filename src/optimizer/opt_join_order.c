/*
 * opt_join_order: chains of inner joins reordered, and the cardinality estimates that order
 * them.
 *
 * A chain is a left-deep run of inner / cross joins whose conditions are deterministic
 * (Spark's ExtractFiltersAndInnerJoins: the left input is flattened, every right input and
 * every other operator is one item). Its conditions are split into conjuncts over the chain's
 * whole row, and the chain is rebuilt left-deep in a new order, each conjunct attached to the
 * first join where every item it reads is present:
 *  - small inputs (estimated rows of all items under opt_env.small_join_rows): Spark's
 *    ReorderJoin - the written order, except that each next item is the first remaining one
 *    connected to the joined ones by a condition (so no cross join is introduced where a
 *    connected order exists), which keeps the order of small results close to Spark's;
 *  - larger inputs: the largest item first (it streams through every hash join, the executor
 *    builds the right side in memory), then repeatedly the remaining item connected to the
 *    joined ones whose join costs least (estimated result + the item's rows, which the hash
 *    join holds in memory), or the smallest item when none is connected
 *    (a cross join only where no condition links the rest). Two-item chains are swapped when
 *    the left is smaller. A join's size is the product of its inputs divided, for each
 *    equality linking them, by the larger distinct count of its two columns: the source's
 *    statistics (opt_env.column_ndv: Parquet min / max) where a column traces to one, else its
 *    item's rows (as if it were a key) - so key / foreign-key joins keep the probe's size and
 *    joins on low-cardinality columns (c_nationkey = s_nationkey) are not taken early.
 * A Project above the new chain restores the original column order, names and attribute ids.
 *
 * Estimates: ranges and local relations know their rows, data-source scans ask
 * opt_env.source_rows (1,000,000 when unknown); a filter multiplies by a selectivity guess
 * per conjunct (equality 0.1, range comparison 1/3, a column bounded on both sides 0.3, LIKE
 * 0.25, IN 0.1 per value, NOT NULL 0.9, anything else 0.5); an equi-join returns its larger input
 * (key / foreign key); a cross join the product.
 */
#include <string.h>

#include "functions/fn.h"
#include "optimizer/opt_int.h"

#define OPT_JO_MAX_ITEMS        64
#define OPT_DEFAULT_SOURCE_ROWS 1000000.0

/* ---- estimates ---------------------------------------------------------------------------- */

static double opt_selectivity(const pl_expr *e)
{
    if (!e || e->kind != PX_CALL || !e->fn)
        return 0.5;
    const char *name = e->fn->name;
    if (e->fn->lazy == FN_LAZY_AND && e->n_args == 2)
        return opt_selectivity(e->args[0]) * opt_selectivity(e->args[1]);
    if (e->fn->lazy == FN_LAZY_OR && e->n_args == 2) {
        double a = opt_selectivity(e->args[0]), b = opt_selectivity(e->args[1]);
        return a + b - a * b;
    }
    if (strcmp(name, "not") == 0 && e->n_args == 1)
        return 1.0 - opt_selectivity(e->args[0]);
    if (strcmp(name, "==") == 0 || strcmp(name, "=") == 0 || strcmp(name, "<=>") == 0)
        return 0.1;
    if (strcmp(name, "<") == 0 || strcmp(name, "<=") == 0 || strcmp(name, ">") == 0 ||
        strcmp(name, ">=") == 0)
        return 1.0 / 3.0;
    if (strcmp(name, "like") == 0 || strcmp(name, "ilike") == 0 ||
        strcmp(name, "startswith") == 0 || strcmp(name, "endswith") == 0 ||
        strcmp(name, "contains") == 0 || strcmp(name, "rlike") == 0)
        return 0.25;
    if (e->fn->lazy == FN_LAZY_IN || strcmp(name, "in") == 0) {
        double s = 0.1 * (e->n_args - 1);
        return s > 0.5 ? 0.5 : s;
    }
    if (strcmp(name, "isnotnull") == 0)
        return 0.9;
    if (strcmp(name, "isnull") == 0)
        return 0.1;
    return 0.5;
}

/* A range comparison of a column with something that reads no column: the column and whether
   it bounds from below (col > x, col >= x, x < col, x <= col). */
static bool opt_range_bound(const pl_expr *e, int *col, bool *lower)
{
    if (!e || e->kind != PX_CALL || !e->fn || e->n_args != 2)
        return false;
    const char *name = e->fn->name;
    bool gt = strcmp(name, ">") == 0 || strcmp(name, ">=") == 0;
    bool lt = strcmp(name, "<") == 0 || strcmp(name, "<=") == 0;
    if (!gt && !lt)
        return false;
    bool any0 = false, any1 = false;
    opt_expr_refs_within(e->args[0], 0, 0, &any0);
    opt_expr_refs_within(e->args[1], 0, 0, &any1);
    if (e->args[0]->kind == PX_COLREF && !any1) {
        *col = e->args[0]->col_index;
        *lower = gt;
        return true;
    }
    if (e->args[1]->kind == PX_COLREF && !any0) {
        *col = e->args[1]->col_index;
        *lower = lt;
        return true;
    }
    return false;
}

/* The selectivity of a filter's conjuncts; a column bounded on both sides (a BETWEEN, a date
   range) counts 0.3 once instead of two independent range guesses. */
static double opt_filter_selectivity(const pl_expr *cond)
{
    const pl_expr *stack[64];
    const pl_expr *conj[64];
    int n_stack = 0, n = 0;
    stack[n_stack++] = cond;
    while (n_stack > 0 && n < 64) {
        const pl_expr *e = stack[--n_stack];
        if (e && e->kind == PX_CALL && e->fn && e->fn->lazy == FN_LAZY_AND && e->n_args == 2 &&
            n_stack < 62) {
            stack[n_stack++] = e->args[1];
            stack[n_stack++] = e->args[0];
        } else {
            conj[n++] = e;
        }
    }
    if (n_stack > 0)
        return opt_selectivity(cond);
    double s = 1.0;
    bool done[64] = {0};
    for (int idx = 0; idx < n; idx++) {
        if (done[idx])
            continue;
        int col, col2;
        bool lower, lower2;
        if (opt_range_bound(conj[idx], &col, &lower)) {
            for (int k = idx + 1; k < n; k++)
                if (!done[k] && opt_range_bound(conj[k], &col2, &lower2) && col2 == col &&
                    lower2 != lower) {
                    done[k] = true;
                    s *= 0.3;
                    done[idx] = true;
                    break;
                }
            if (done[idx])
                continue;
        }
        s *= opt_selectivity(conj[idx]);
    }
    return s;
}

static bool opt_has_equi(const pl_expr *e)
{
    if (!e || e->kind != PX_CALL || !e->fn)
        return false;
    if (e->fn->lazy == FN_LAZY_AND && e->n_args == 2)
        return opt_has_equi(e->args[0]) || opt_has_equi(e->args[1]);
    return strcmp(e->fn->name, "==") == 0 || strcmp(e->fn->name, "=") == 0 ||
           strcmp(e->fn->name, "<=>") == 0;
}

static double opt_rows_env(const opt_env *env, const pl_node *n, int depth)
{
    if (!n || depth > 200)
        return OPT_DEFAULT_SOURCE_ROWS;
    double kid0 = n->n_children > 0 ? opt_rows_env(env, n->children[0], depth + 1) : 1.0;
    double kid1 = n->n_children > 1 ? opt_rows_env(env, n->children[1], depth + 1) : 1.0;
    switch (n->kind) {
    case PL_RANGE: {
        int64_t step = n->u.range.step ? n->u.range.step : 1;
        double r = ((double)n->u.range.end - (double)n->u.range.start) / (double)step;
        return r > 0 ? r : 0;
    }
    case PL_LOCAL: {
        double r = 0;
        for (int idx = 0; idx < n->u.local.n_batches; idx++)
            if (n->u.local.batches[idx])
                r += (double)n->u.local.batches[idx]->n_rows;
        return r;
    }
    case PL_ONE_ROW:
        return 1;
    case PL_READ_SOURCE: {
        int64_t r = env && env->source_rows ? env->source_rows(env->source_ctx, n) : -1;
        return r >= 0 ? (double)r : OPT_DEFAULT_SOURCE_ROWS;
    }
    case PL_FILTER: {
        double r = kid0 * opt_filter_selectivity(n->u.filter.cond);
        return r < 1 && kid0 >= 1 ? 1 : r;
    }
    case PL_LIMIT:
    case PL_TAIL:
        return kid0 < (double)n->u.limit.n ? kid0 : (double)n->u.limit.n;
    case PL_AGGREGATE:
        return n->n_groups == 0 ? 1 : kid0;
    case PL_JOIN:
        switch (n->u.join.type) {
        case PL_JOIN_LEFT_SEMI:
        case PL_JOIN_LEFT_ANTI:
            return kid0;
        case PL_JOIN_FULL_OUTER:
            return kid0 + kid1;
        default:
            if (!n->u.join.cond)
                return kid0 * kid1;
            if (opt_has_equi(n->u.join.cond))
                return kid0 > kid1 ? kid0 : kid1;
            return kid0 * kid1 * opt_selectivity(n->u.join.cond);
        }
    case PL_SET_OP:
        if (n->u.set_op.type == PL_SETOP_UNION)
            return kid0 + kid1;
        if (n->u.set_op.type == PL_SETOP_INTERSECT)
            return kid0 < kid1 ? kid0 : kid1;
        return kid0;
    default:
        return n->n_children ? kid0 : OPT_DEFAULT_SOURCE_ROWS;
    }
}

double opt_rows(opt_ctx *c, const pl_node *n)
{
    return opt_rows_env(c->env, n, 0);
}

int64_t opt_estimate_rows(const opt_env *env, const pl_node *n)
{
    double r = opt_rows_env(env, n, 0);
    return r > 9e18 ? INT64_MAX : (int64_t)r;
}

/* ---- chains ------------------------------------------------------------------------------- */

typedef struct opt_jo_item {
    pl_node *node;
    int offset; /* first column in the chain's row */
    double rows;
} opt_jo_item;

typedef struct opt_jo {
    int n_items;
    opt_jo_item items[OPT_JO_MAX_ITEMS];
    int n_conds, cap_conds;
    pl_expr **conds; /* over the chain's row */
    uint64_t *masks; /* items each condition reads */
    double *ndv;     /* per chain column: distinct values, -2 = not computed yet */
    bool ok;
} opt_jo;

static bool opt_jo_is_inner(const pl_node *n)
{
    return n && n->kind == PL_JOIN && n->n_children == 2 &&
           (n->u.join.type == PL_JOIN_INNER || n->u.join.type == PL_JOIN_CROSS);
}

static void opt_jo_add_cond(opt_ctx *c, opt_jo *jo, pl_expr *e)
{
    if (jo->n_conds == jo->cap_conds) {
        int cap = jo->cap_conds ? jo->cap_conds * 2 : 16;
        pl_expr **nc = em_arena_calloc(c->a, (size_t)cap, sizeof *nc);
        for (int idx = 0; idx < jo->n_conds; idx++)
            nc[idx] = jo->conds[idx];
        jo->conds = nc;
        jo->cap_conds = cap;
    }
    jo->conds[jo->n_conds++] = e;
}

/* Flattens the left-deep inner joins under n; base = n's first column in the chain row. */
static void opt_jo_collect(opt_ctx *c, opt_jo *jo, pl_node *n, int base)
{
    if (!jo->ok)
        return;
    if (opt_jo_is_inner(n)) {
        opt_jo_collect(c, jo, n->children[0], base);
        int right_base = base + n->children[0]->n_out;
        if (jo->n_items == OPT_JO_MAX_ITEMS) {
            jo->ok = false;
            return;
        }
        jo->items[jo->n_items++] = (opt_jo_item){n->children[1], right_base, 0};
        pl_expr **conds;
        int nc = opt_conjuncts(c, n->u.join.cond, &conds);
        for (int idx = 0; idx < nc; idx++) {
            if (!opt_expr_movable(conds[idx])) {
                jo->ok = false;
                return;
            }
            opt_jo_add_cond(c, jo, opt_expr_shift(c, conds[idx], base));
        }
        return;
    }
    if (jo->n_items == OPT_JO_MAX_ITEMS) {
        jo->ok = false;
        return;
    }
    jo->items[jo->n_items++] = (opt_jo_item){n, base, 0};
}

static int opt_jo_item_of(const opt_jo *jo, int col)
{
    for (int idx = jo->n_items - 1; idx >= 0; idx--)
        if (col >= jo->items[idx].offset)
            return idx;
    return 0;
}

static void opt_jo_masks(opt_ctx *c, opt_jo *jo, int width)
{
    jo->masks = em_arena_calloc(c->a, (size_t)(jo->n_conds ? jo->n_conds : 1), sizeof *jo->masks);
    bool *refs = em_arena_calloc(c->a, (size_t)width + 1, sizeof *refs);
    for (int k = 0; k < jo->n_conds; k++) {
        for (int col = 0; col < width; col++)
            refs[col] = false;
        opt_expr_refs(jo->conds[k], refs, width);
        uint64_t m = 0;
        for (int col = 0; col < width; col++)
            if (refs[col])
                m |= (uint64_t)1 << opt_jo_item_of(jo, col);
        jo->masks[k] = m;
    }
}

/* Whether some condition links item to the placed items (reads it, reads a placed one, and
   reads nothing else). */
static bool opt_jo_connected(const opt_jo *jo, uint64_t placed, int item)
{
    uint64_t bit = (uint64_t)1 << item;
    for (int k = 0; k < jo->n_conds; k++) {
        uint64_t m = jo->masks[k];
        if ((m & bit) && (m & placed) && (m & ~(placed | bit)) == 0)
            return true;
    }
    return false;
}

static void opt_jo_order_spark(const opt_jo *jo, int *order)
{
    uint64_t placed = 1;
    order[0] = 0;
    bool *used = (bool[OPT_JO_MAX_ITEMS]){0};
    used[0] = true;
    for (int pos = 1; pos < jo->n_items; pos++) {
        int pick = -1;
        for (int idx = 0; idx < jo->n_items && pick < 0; idx++)
            if (!used[idx] && opt_jo_connected(jo, placed, idx))
                pick = idx;
        for (int idx = 0; idx < jo->n_items && pick < 0; idx++)
            if (!used[idx])
                pick = idx;
        used[pick] = true;
        placed |= (uint64_t)1 << pick;
        order[pos] = pick;
    }
}

/* Distinct values of column col of n, traced to a source column through projections and
   pass-through operators, or < 0 when unknown. */
static double opt_col_ndv(opt_ctx *c, const pl_node *n, int col, int depth)
{
    if (!n || col < 0 || col >= n->n_out || depth > 64)
        return -1;
    const pl_expr *e;
    switch (n->kind) {
    case PL_READ_SOURCE: {
        int64_t v = c->env->column_ndv ? c->env->column_ndv(c->env->source_ctx, n, col) : -1;
        return v > 0 ? (double)v : -1;
    }
    case PL_RANGE:
        return opt_rows(c, n);
    case PL_PROJECT:
        e = n->exprs[col];
        while (e && e->kind == PX_CAST && e->n_args == 1)
            e = e->args[0];
        return e && e->kind == PX_COLREF ? opt_col_ndv(c, n->children[0], e->col_index, depth + 1)
                                         : -1;
    case PL_FILTER:
    case PL_SORT:
    case PL_LIMIT:
    case PL_OFFSET:
    case PL_TAIL:
    case PL_DEDUP:
    case PL_REPARTITION:
    case PL_HINT:
    case PL_SAMPLE:
    case PL_SUBQUERY_ALIAS:
        return opt_col_ndv(c, n->children[0], col, depth + 1);
    case PL_JOIN: {
        int nl = n->children[0]->n_out;
        return col < nl ? opt_col_ndv(c, n->children[0], col, depth + 1)
                        : opt_col_ndv(c, n->children[1], col - nl, depth + 1);
    }
    case PL_AGGREGATE:
        e = n->exprs[col];
        if (e->kind != PX_COLREF || e->col_index < 0 || e->col_index >= n->n_groups)
            return -1;
        e = n->groups[e->col_index];
        return e->kind == PX_COLREF ? opt_col_ndv(c, n->children[0], e->col_index, depth + 1) : -1;
    default:
        return -1;
    }
}

/* The chain column an equality side reads (casts looked through), or -1. */
static int opt_jo_side_col(const pl_expr *e)
{
    while (e && e->kind == PX_CAST && e->n_args == 1)
        e = e->args[0];
    return e && e->kind == PX_COLREF ? e->col_index : -1;
}

/* Distinct values of chain column col: its source's statistics, at most its item's rows. */
static double opt_jo_ndv(opt_ctx *c, opt_jo *jo, int col)
{
    int item = opt_jo_item_of(jo, col);
    double rows = jo->items[item].rows > 1 ? jo->items[item].rows : 1;
    if (jo->ndv[col] == -2)
        jo->ndv[col] = opt_col_ndv(c, jo->items[item].node, col - jo->items[item].offset, 0);
    double v = jo->ndv[col];
    return v > 0 && v < rows ? v : rows;
}

/* Estimated rows of (joined items, rows) joined with item: the conditions that link them
   divide the product (an equality by the larger distinct count of its sides). Returns < 0
   when no condition links them. */
static double opt_jo_join_rows(opt_ctx *c, opt_jo *jo, uint64_t placed, double rows, int item)
{
    uint64_t bit = (uint64_t)1 << item;
    double item_rows = jo->items[item].rows > 1 ? jo->items[item].rows : 1;
    double out = rows * item_rows;
    double divisor = 1;
    bool linked = false;
    for (int k = 0; k < jo->n_conds; k++) {
        uint64_t m = jo->masks[k];
        if (!(m & bit) || !(m & placed) || (m & ~(placed | bit)) != 0)
            continue;
        linked = true;
        const pl_expr *e = jo->conds[k];
        int a = -1, b = -1;
        if (e->kind == PX_CALL && e->fn && e->n_args == 2 &&
            (strcmp(e->fn->name, "==") == 0 || strcmp(e->fn->name, "=") == 0 ||
             strcmp(e->fn->name, "<=>") == 0)) {
            a = opt_jo_side_col(e->args[0]);
            b = opt_jo_side_col(e->args[1]);
        }
        if (a >= 0 && b >= 0) {
            double na = opt_jo_ndv(c, jo, a), nb = opt_jo_ndv(c, jo, b);
            divisor *= na > nb ? na : nb;
        } else {
            out *= opt_selectivity(e);
        }
    }
    /* Several equalities (a composite key: ps_partkey, ps_suppkey) select no fewer rows than
       distinct key tuples exist on either side, which is at most the larger side's rows. */
    double cap = rows > item_rows ? rows : item_rows;
    out /= divisor < cap ? divisor : cap;
    return linked ? (out < 1 ? 1 : out) : -1;
}

static void opt_jo_order_size(opt_ctx *c, opt_jo *jo, int *order)
{
    bool *used = (bool[OPT_JO_MAX_ITEMS]){0};
    int first = 0;
    for (int idx = 1; idx < jo->n_items; idx++)
        if (jo->items[idx].rows > jo->items[first].rows)
            first = idx;
    order[0] = first;
    used[first] = true;
    uint64_t placed = (uint64_t)1 << first;
    double rows = jo->items[first].rows;
    for (int pos = 1; pos < jo->n_items; pos++) {
        int pick = -1;
        double best = 0;
        /* The connected item whose join costs least: its result plus the rows the hash join
           builds from it (ties: the smaller item). */
        double best_cost = 0;
        for (int idx = 0; idx < jo->n_items; idx++) {
            if (used[idx])
                continue;
            double r = opt_jo_join_rows(c, jo, placed, rows, idx);
            if (r < 0)
                continue;
            double cost = r + jo->items[idx].rows;
            if (pick < 0 || cost < best_cost ||
                (cost == best_cost && jo->items[idx].rows < jo->items[pick].rows)) {
                pick = idx;
                best = r;
                best_cost = cost;
            }
        }
        if (pick < 0) { /* nothing connected: the smallest item, as a cross join */
            for (int idx = 0; idx < jo->n_items; idx++)
                if (!used[idx] && (pick < 0 || jo->items[idx].rows < jo->items[pick].rows))
                    pick = idx;
            best = rows * (jo->items[pick].rows > 1 ? jo->items[pick].rows : 1);
        }
        used[pick] = true;
        placed |= (uint64_t)1 << pick;
        order[pos] = pick;
        rows = best;
    }
}

/* Rebuilds the chain in order; returns the new root (with the original columns on top). */
static pl_node *opt_jo_build(opt_ctx *c, opt_jo *jo, const int *order, const pl_node *orig)
{
    int width = orig->n_out;
    int *map = em_arena_calloc(c->a, (size_t)width + 1, sizeof *map);
    for (int col = 0; col < width; col++)
        map[col] = -1;
    bool *done = em_arena_calloc(c->a, (size_t)(jo->n_conds ? jo->n_conds : 1), sizeof *done);
    pl_node *acc = jo->items[order[0]].node;
    uint64_t placed = (uint64_t)1 << order[0];
    int pos = 0;
    for (int col = 0; col < acc->n_out; col++)
        map[jo->items[order[0]].offset + col] = pos++;
    for (int step = 1; step < jo->n_items; step++) {
        const opt_jo_item *it = &jo->items[order[step]];
        for (int col = 0; col < it->node->n_out; col++)
            map[it->offset + col] = pos++;
        placed |= (uint64_t)1 << order[step];
        pl_expr **conds = em_arena_calloc(c->a, (size_t)(jo->n_conds + 1), sizeof *conds);
        int n = 0;
        for (int k = 0; k < jo->n_conds; k++)
            if (!done[k] && (jo->masks[k] & ~placed) == 0) {
                done[k] = true;
                conds[n++] = opt_expr_remap(c, jo->conds[k], map, width);
            }
        pl_node *j = pl_node_new(c->a, PL_JOIN, 2);
        j->resolved = true;
        j->children[0] = acc;
        j->children[1] = it->node;
        j->u.join.type = n ? PL_JOIN_INNER : PL_JOIN_CROSS;
        j->u.join.cond = opt_and_all(c, conds, n);
        j->n_out = acc->n_out + it->node->n_out;
        j->out = em_arena_calloc(c->a, (size_t)j->n_out + 1, sizeof *j->out);
        memcpy(j->out, acc->out, (size_t)acc->n_out * sizeof *j->out);
        memcpy(j->out + acc->n_out, it->node->out, (size_t)it->node->n_out * sizeof *j->out);
        acc = j;
    }
    bool identity = true;
    for (int col = 0; col < width; col++)
        if (map[col] != col)
            identity = false;
    if (identity) {
        acc->out = orig->out; /* the same columns: keep the original attributes */
        acc->plan_id = orig->plan_id;
        return acc;
    }
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)width + 1, sizeof *exprs);
    for (int col = 0; col < width; col++)
        exprs[col] = opt_colref(c, &orig->out[col], map[col]);
    pl_node *p = opt_project_new(c, acc, width, exprs, orig->out);
    p->plan_id = orig->plan_id;
    return p;
}

static void opt_jo_node(opt_ctx *c, pl_node **np);

static void opt_jo_chain(opt_ctx *c, pl_node **np)
{
    pl_node *n = *np;
    opt_jo *jo = em_arena_calloc(c->a, 1, sizeof *jo);
    jo->ok = true;
    opt_jo_collect(c, jo, n, 0);
    if (!jo->ok) {
        for (int idx = 0; idx < n->n_children; idx++)
            opt_jo_node(c, &n->children[idx]);
        return;
    }
    double total = 0;
    for (int idx = 0; idx < jo->n_items; idx++) {
        opt_jo_node(c, &jo->items[idx].node);
        jo->items[idx].rows = opt_rows(c, jo->items[idx].node);
        total += jo->items[idx].rows;
    }
    int order[OPT_JO_MAX_ITEMS];
    for (int idx = 0; idx < jo->n_items; idx++)
        order[idx] = idx;
    opt_jo_masks(c, jo, n->n_out);
    jo->ndv = em_arena_calloc(c->a, (size_t)n->n_out + 1, sizeof *jo->ndv);
    for (int col = 0; col < n->n_out; col++)
        jo->ndv[col] = -2;
    int64_t small = c->env->small_join_rows > 0 ? c->env->small_join_rows : OPT_SMALL_JOIN_ROWS;
    if (total < (double)small) {
        if (jo->n_items > 2 && jo->n_conds > 0)
            opt_jo_order_spark(jo, order);
    } else {
        opt_jo_order_size(c, jo, order);
    }
    /* Rebuilt even in the written order: the items under it may have changed. */
    *np = opt_jo_build(c, jo, order, n);
}

static void opt_jo_node(opt_ctx *c, pl_node **np)
{
    pl_node *n = *np;
    if (opt_jo_is_inner(n)) {
        opt_jo_chain(c, np);
        return;
    }
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            opt_jo_node(c, &n->children[idx]);
}

int opt_join_order(opt_ctx *c, pl_node **root)
{
    opt_jo_node(c, root);
    return EM_OK;
}
