/*
 * opt_prune: column pruning (Spark's ColumnPruning). Top-down, each node is told which of its
 * output columns the plan above reads; it drops the others where it can and tells its children
 * what it reads in turn. Every node that changes its output returns a map (old output column
 * -> new position or -1) its parent remaps its expressions with.
 *  - Project: unused expressions removed (one is kept when none is read).
 *  - Aggregate: unused output expressions and the aggregate calls only they read removed
 *    (grouping expressions always stay: they define the groups).
 *  - Filter, Sort, Limit, Offset, Tail, Sample, Repartition, Hint, Dedup (its keys), Window
 *    and Generate (their own results stay) pass the columns they read down and output what
 *    their child keeps.
 *  - Joins read the columns above plus their condition's from each side.
 *  - A file scan or local relation whose parent is not a Project and whose columns are not all
 *    read gets a Project of the read columns, so joins, sorts and windows above it hold only
 *    those in memory (the scan itself reads only those columns, exec/op_scan_source.c).
 * Set operations, show strings and unknown kinds read every column of their children. The root
 * is read whole, so its output never changes. First, a Project that only picks columns of a
 * deterministic Project below it is merged with it (Spark's CollapseProject, that case only).
 */
#include <string.h>

#include "optimizer/opt_int.h"

/* Prunes *np given need[0..(*np)->n_out); fills map (old -> new, -1 dropped). */
static void opt_prune_node(opt_ctx *c, pl_node **np, const bool *need, int *map,
                           bool parent_project, int depth);

static bool *opt_bools(opt_ctx *c, int n)
{
    return em_arena_calloc(c->a, (size_t)n + 1, sizeof(bool));
}

static int *opt_ints(opt_ctx *c, int n)
{
    return em_arena_calloc(c->a, (size_t)n + 1, sizeof(int));
}

static void opt_identity(int *map, int n)
{
    for (int idx = 0; idx < n; idx++)
        map[idx] = idx;
}

/* The output attributes kept by map (old -> new or -1), in their new positions. */
static pl_attr *opt_compact_out(opt_ctx *c, const pl_attr *old, int n_old, const int *map,
                                int n_new)
{
    pl_attr *out = em_arena_calloc(c->a, (size_t)n_new + 1, sizeof *out);
    for (int idx = 0; idx < n_old; idx++)
        if (map[idx] >= 0 && map[idx] < n_new)
            out[map[idx]] = old[idx];
    return out;
}

static void opt_refs_list(pl_expr *const *list, int n, bool *mask, int width)
{
    for (int idx = 0; idx < n; idx++)
        opt_expr_refs(list[idx], mask, width);
}

static pl_expr **opt_remap_list(opt_ctx *c, pl_expr *const *list, int n, const int *map, int width)
{
    pl_expr **out = em_arena_calloc(c->a, (size_t)n + 1, sizeof *out);
    for (int idx = 0; idx < n; idx++)
        out[idx] = opt_expr_remap(c, list[idx], map, width);
    return out;
}

/* Prunes child k of n with need cneed; returns its map. */
static int *opt_prune_child(opt_ctx *c, pl_node *n, int k, const bool *cneed, int depth)
{
    int *cmap = opt_ints(c, n->children[k]->n_out);
    opt_prune_node(c, &n->children[k], cneed, cmap, n->kind == PL_PROJECT, depth + 1);
    return cmap;
}

static void opt_prune_all_children(opt_ctx *c, pl_node *n, int depth)
{
    for (int k = 0; k < n->n_children; k++) {
        if (!n->children[k])
            continue;
        int w = n->children[k]->n_out;
        bool *cneed = opt_bools(c, w);
        for (int idx = 0; idx < w; idx++)
            cneed[idx] = true;
        opt_prune_child(c, n, k, cneed, depth);
    }
}

static void opt_prune_project(opt_ctx *c, pl_node *n, const bool *need, int *map, int depth)
{
    int kept = 0;
    for (int idx = 0; idx < n->n_out; idx++)
        if (need[idx])
            kept++;
    bool *keep = opt_bools(c, n->n_out);
    for (int idx = 0; idx < n->n_out; idx++)
        keep[idx] = need[idx] || (kept == 0 && idx == 0);
    int cw = n->children[0]->n_out; /* before pruning changes it */
    bool *cneed = opt_bools(c, cw);
    for (int idx = 0; idx < n->n_exprs; idx++)
        if (keep[idx])
            opt_expr_refs(n->exprs[idx], cneed, cw);
    int *cmap = opt_prune_child(c, n, 0, cneed, depth);
    int m = 0;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)n->n_exprs + 1, sizeof *exprs);
    pl_attr *out = em_arena_calloc(c->a, (size_t)n->n_out + 1, sizeof *out);
    for (int idx = 0; idx < n->n_exprs; idx++) {
        if (!keep[idx]) {
            map[idx] = -1;
            continue;
        }
        exprs[m] = opt_expr_remap(c, n->exprs[idx], cmap, cw);
        out[m] = n->out[idx];
        map[idx] = m++;
    }
    n->exprs = exprs;
    n->n_exprs = m;
    n->out = out;
    n->n_out = m;
}

static void opt_prune_aggregate(opt_ctx *c, pl_node *n, const bool *need, int *map, int depth)
{
    int kept = 0;
    for (int idx = 0; idx < n->n_out; idx++)
        if (need[idx])
            kept++;
    bool *keep = opt_bools(c, n->n_out);
    for (int idx = 0; idx < n->n_out; idx++)
        keep[idx] = need[idx] || (kept == 0 && idx == 0);
    int ng = n->n_groups, na = n->u.agg.n_aggs;
    bool *slot = opt_bools(c, ng + na);
    for (int idx = 0; idx < n->n_exprs; idx++)
        if (keep[idx])
            opt_expr_refs(n->exprs[idx], slot, ng + na);
    pl_node *child = n->children[0];
    int cw = child->n_out;
    bool *cneed = opt_bools(c, cw);
    opt_refs_list(n->groups, ng, cneed, cw);
    for (int k = 0; k < na; k++)
        if (slot[ng + k])
            opt_expr_refs(n->u.agg.aggs[k], cneed, cw);
    int *cmap = opt_prune_child(c, n, 0, cneed, depth);
    n->groups = opt_remap_list(c, n->groups, ng, cmap, cw);
    int *slot_map = opt_ints(c, ng + na);
    opt_identity(slot_map, ng);
    pl_expr **aggs = em_arena_calloc(c->a, (size_t)na + 1, sizeof *aggs);
    int m = 0;
    for (int k = 0; k < na; k++) {
        if (!slot[ng + k]) {
            slot_map[ng + k] = -1;
            continue;
        }
        aggs[m] = opt_expr_remap(c, n->u.agg.aggs[k], cmap, cw);
        slot_map[ng + k] = ng + m++;
    }
    n->u.agg.aggs = aggs;
    n->u.agg.n_aggs = m;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)n->n_exprs + 1, sizeof *exprs);
    pl_attr *out = em_arena_calloc(c->a, (size_t)n->n_out + 1, sizeof *out);
    int e = 0;
    for (int idx = 0; idx < n->n_exprs; idx++) {
        if (!keep[idx]) {
            map[idx] = -1;
            continue;
        }
        exprs[e] = opt_expr_remap(c, n->exprs[idx], slot_map, ng + na);
        out[e] = n->out[idx];
        map[idx] = e++;
    }
    n->exprs = exprs;
    n->n_exprs = e;
    n->out = out;
    n->n_out = e;
}

/* Nodes whose output is their child's (pass-through), reading extra columns themselves. */
static void opt_prune_pass(opt_ctx *c, pl_node *n, const bool *need, int *map, int depth)
{
    pl_node *child = n->children[0];
    int cw = child->n_out;
    bool *cneed = opt_bools(c, cw);
    for (int idx = 0; idx < cw && idx < n->n_out; idx++)
        cneed[idx] = need[idx];
    switch (n->kind) {
    case PL_FILTER:
        opt_expr_refs(n->u.filter.cond, cneed, cw);
        break;
    case PL_DEDUP:
        if (n->u.dedup.n_keys == 0)
            for (int idx = 0; idx < cw; idx++)
                cneed[idx] = true;
        for (int k = 0; k < n->u.dedup.n_keys; k++)
            if (n->u.dedup.keys[k] >= 0 && n->u.dedup.keys[k] < cw)
                cneed[n->u.dedup.keys[k]] = true;
        break;
    default:
        break;
    }
    opt_refs_list(n->exprs, n->n_exprs, cneed, cw);
    opt_refs_list(n->groups, n->n_groups, cneed, cw);
    int *cmap = opt_prune_child(c, n, 0, cneed, depth);
    for (int idx = 0; idx < n->n_out; idx++)
        map[idx] = idx < cw ? cmap[idx] : -1;
    if (n->kind == PL_FILTER)
        n->u.filter.cond = opt_expr_remap(c, n->u.filter.cond, cmap, cw);
    if (n->kind == PL_DEDUP && n->u.dedup.n_keys > 0) {
        int *keys = opt_ints(c, n->u.dedup.n_keys);
        for (int k = 0; k < n->u.dedup.n_keys; k++)
            keys[k] = cmap[n->u.dedup.keys[k]];
        n->u.dedup.keys = keys;
    }
    n->exprs = opt_remap_list(c, n->exprs, n->n_exprs, cmap, cw);
    n->groups = opt_remap_list(c, n->groups, n->n_groups, cmap, cw);
    int ncw = n->children[0]->n_out;
    if (ncw != n->n_out) {
        n->out = opt_compact_out(c, n->out, n->n_out, map, ncw);
        n->n_out = ncw;
    }
}

/* Window / Generate: child columns pass through, their own results follow. */
static void opt_prune_extend(opt_ctx *c, pl_node *n, const bool *need, int *map, int depth)
{
    pl_node *child = n->children[0];
    int cw = child->n_out, extra = n->n_out - cw;
    if (extra < 0) {
        opt_prune_all_children(c, n, depth);
        opt_identity(map, n->n_out);
        return;
    }
    bool *cneed = opt_bools(c, cw);
    for (int idx = 0; idx < cw; idx++)
        cneed[idx] = need[idx];
    opt_refs_list(n->exprs, n->n_exprs, cneed, cw);
    int *cmap = opt_prune_child(c, n, 0, cneed, depth);
    int ncw = n->children[0]->n_out;
    n->exprs = opt_remap_list(c, n->exprs, n->n_exprs, cmap, cw);
    for (int idx = 0; idx < cw; idx++)
        map[idx] = cmap[idx];
    for (int idx = 0; idx < extra; idx++)
        map[cw + idx] = ncw + idx;
    if (ncw != cw) {
        n->out = opt_compact_out(c, n->out, n->n_out, map, ncw + extra);
        n->n_out = ncw + extra;
    }
}

static void opt_prune_join(opt_ctx *c, pl_node *n, const bool *need, int *map, int depth)
{
    pl_node *l = n->children[0], *r = n->children[1];
    int nl = l->n_out, nr = r->n_out;
    bool semi = n->u.join.type == PL_JOIN_LEFT_SEMI || n->u.join.type == PL_JOIN_LEFT_ANTI;
    bool *all = opt_bools(c, nl + nr);
    for (int idx = 0; idx < n->n_out && idx < nl + nr; idx++)
        all[idx] = need[idx];
    opt_expr_refs(n->u.join.cond, all, nl + nr);
    int *lmap = opt_prune_child(c, n, 0, all, depth);
    int *rmap = opt_prune_child(c, n, 1, all + nl, depth);
    int nnl = n->children[0]->n_out, nnr = n->children[1]->n_out;
    int *jmap = opt_ints(c, nl + nr);
    for (int idx = 0; idx < nl; idx++)
        jmap[idx] = lmap[idx];
    for (int idx = 0; idx < nr; idx++)
        jmap[nl + idx] = rmap[idx] < 0 ? -1 : nnl + rmap[idx];
    n->u.join.cond = opt_expr_remap(c, n->u.join.cond, jmap, nl + nr);
    int width = semi ? nnl : nnl + nnr;
    for (int idx = 0; idx < n->n_out; idx++)
        map[idx] = jmap[idx];
    if (width != n->n_out) {
        n->out = opt_compact_out(c, n->out, n->n_out, map, width);
        n->n_out = width;
    }
}

static void opt_prune_node(opt_ctx *c, pl_node **np, const bool *need, int *map,
                           bool parent_project, int depth)
{
    pl_node *n = *np;
    if (depth > 2000) {
        opt_identity(map, n->n_out);
        return;
    }
    switch (n->kind) {
    case PL_PROJECT:
        opt_prune_project(c, n, need, map, depth);
        return;
    case PL_AGGREGATE:
        opt_prune_aggregate(c, n, need, map, depth);
        return;
    case PL_FILTER:
    case PL_SORT:
    case PL_LIMIT:
    case PL_OFFSET:
    case PL_TAIL:
    case PL_SAMPLE:
    case PL_REPARTITION:
    case PL_HINT:
    case PL_SUBQUERY_ALIAS:
    case PL_DEDUP:
        if (n->n_children == 1 && n->children[0] && n->n_out == n->children[0]->n_out) {
            opt_prune_pass(c, n, need, map, depth);
            return;
        }
        break;
    case PL_WINDOW:
    case PL_GENERATE:
        if (n->n_children == 1 && n->children[0]) {
            opt_prune_extend(c, n, need, map, depth);
            return;
        }
        break;
    case PL_JOIN:
        if (n->n_children == 2 && n->u.join.n_using == 0) {
            opt_prune_join(c, n, need, map, depth);
            return;
        }
        break;
    case PL_READ_SOURCE:
    case PL_LOCAL: {
        opt_identity(map, n->n_out);
        int kept = 0;
        for (int idx = 0; idx < n->n_out; idx++)
            if (need[idx])
                kept++;
        if (parent_project || kept == 0 || kept == n->n_out)
            return;
        int *cols = opt_ints(c, kept);
        int m = 0;
        for (int idx = 0; idx < n->n_out; idx++) {
            map[idx] = need[idx] ? m : -1;
            if (need[idx])
                cols[m++] = idx;
        }
        *np = opt_project_cols(c, n, kept, cols);
        return;
    }
    default:
        break;
    }
    opt_prune_all_children(c, n, depth);
    opt_identity(map, n->n_out);
}

/*
 * Project(a) over Project(b) where a only reads columns: one Project whose expressions are b's
 * in a's order (Spark's CollapseProject for the case that duplicates nothing costly). Needs b
 * deterministic, since a may read a column twice.
 */
static void opt_collapse_projects(opt_ctx *c, pl_node **np, int depth)
{
    pl_node *n = *np;
    if (depth > 2000)
        return;
    while (n->kind == PL_PROJECT && n->children[0]->kind == PL_PROJECT &&
           opt_node_deterministic(n->children[0])) {
        pl_node *inner = n->children[0];
        bool refs_only = true;
        for (int idx = 0; idx < n->n_exprs && refs_only; idx++)
            refs_only = n->exprs[idx]->kind == PX_COLREF && n->exprs[idx]->col_index >= 0 &&
                        n->exprs[idx]->col_index < inner->n_exprs;
        if (!refs_only)
            break;
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)n->n_exprs + 1, sizeof *exprs);
        for (int idx = 0; idx < n->n_exprs; idx++)
            exprs[idx] = inner->exprs[n->exprs[idx]->col_index];
        n->exprs = exprs;
        n->children[0] = inner->children[0];
    }
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            opt_collapse_projects(c, &n->children[idx], depth + 1);
}

int opt_prune(opt_ctx *c, pl_node **root)
{
    opt_collapse_projects(c, root, 0);
    int w = (*root)->n_out;
    bool *need = opt_bools(c, w);
    for (int idx = 0; idx < w; idx++)
        need[idx] = true;
    int *map = opt_ints(c, w);
    opt_prune_node(c, root, need, map, false, 0);
    return EM_OK;
}
