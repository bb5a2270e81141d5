/*
 * opt_pushdown_filter: filters moved towards the leaves (Spark's PushDownPredicates: its
 * CombineFilters, PushPredicateThroughNonJoin, and PushPredicateThroughJoin through
 * opt_pushdown_join.c), so fewer rows reach projections, aggregates, sorts and joins.
 *
 * Top-down: at each node the local rewrites below repeat until none applies, then the walk
 * descends into the children (where the moved filters now sit).
 *  - Filter(Filter(x)): one Filter, the inner condition first (when it is deterministic).
 *  - Filter over a Project whose expressions are deterministic: the condition, with the
 *    projected expressions substituted for the columns it reads, filters the Project's input.
 *  - Filter over a grouped Aggregate (deterministic): conjuncts reading only grouping columns
 *    (at least one) go below it, rewritten over the grouping expressions.
 *  - Filter over Sort, Repartition, Hint: deterministic conjuncts go below (a stable sort of
 *    the filtered rows is the filtered sorted rows).
 *  - Filter over Dedup: conjuncts reading only key columns; over Generate: conjuncts reading
 *    only the input columns; over Window: conjuncts reading only columns that every window
 *    call partitions by.
 *  - Filter over UNION [ALL]: deterministic conjuncts filter each branch (positions are the
 *    same in every branch).
 * Conjuncts holding subqueries or non-deterministic calls stay where they are. Data-source
 * scans take no filters yet (io/ has no entry for them), so a Filter above a scan stays a
 * Filter; the scan still reads only the columns the plan uses (exec/op_scan_source.c).
 */
#include "optimizer/opt_int.h"

typedef struct opt_pf_parts {
    int n_down, n_stay;
    pl_expr **down, **stay;
} opt_pf_parts;

static void opt_pf_parts_init(opt_ctx *c, opt_pf_parts *p, int n)
{
    p->n_down = p->n_stay = 0;
    p->down = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *p->down);
    p->stay = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *p->stay);
}

/* Puts the moved conjuncts under child (slot) and leaves the rest in f; returns whether
   anything moved. */
static bool opt_pf_finish(opt_ctx *c, pl_node **np, pl_node *below, opt_pf_parts *p)
{
    pl_node *f = *np;
    if (p->n_down == 0)
        return false;
    below->children[0] = opt_filter_over(c, below->children[0], p->down, p->n_down);
    if (p->n_stay) {
        f->u.filter.cond = opt_and_all(c, p->stay, p->n_stay);
        f->children[0] = below;
    } else {
        *np = below;
    }
    return true;
}

static bool opt_pf_project(opt_ctx *c, pl_node **np)
{
    pl_node *f = *np, *p = f->children[0];
    if (!opt_node_deterministic(p) || opt_expr_has_subquery(f->u.filter.cond))
        return false;
    for (int idx = 0; idx < p->n_exprs; idx++)
        if (opt_expr_has_subquery(p->exprs[idx]))
            return false;
    pl_expr *cond = opt_expr_subst(c, f->u.filter.cond, p->exprs, p->n_exprs);
    p->children[0] = opt_filter_over(c, p->children[0], &cond, 1);
    *np = p;
    return true;
}

static bool opt_pf_aggregate(opt_ctx *c, pl_node **np)
{
    pl_node *f = *np, *agg = f->children[0];
    if (agg->n_groups == 0 || !opt_node_deterministic(agg))
        return false;
    for (int idx = 0; idx < agg->n_groups; idx++)
        if (opt_expr_has_subquery(agg->groups[idx]))
            return false;
    pl_expr **conds;
    int n = opt_conjuncts(c, f->u.filter.cond, &conds);
    opt_pf_parts p;
    opt_pf_parts_init(c, &p, n);
    for (int idx = 0; idx < n; idx++) {
        bool any = false;
        pl_expr *row = NULL;
        if (opt_expr_movable(conds[idx]))
            row = opt_expr_subst(c, conds[idx], agg->exprs, agg->n_exprs);
        if (row && opt_expr_refs_within(row, 0, agg->n_groups, &any) && any)
            p.down[p.n_down++] = opt_expr_subst(c, row, agg->groups, agg->n_groups);
        else
            p.stay[p.n_stay++] = conds[idx];
    }
    return opt_pf_finish(c, np, agg, &p);
}

/* Conjuncts whose columns all satisfy keep[] (NULL: any) go below u (same positions). */
static bool opt_pf_through(opt_ctx *c, pl_node **np, const bool *keep)
{
    pl_node *f = *np, *u = f->children[0];
    if (!opt_node_deterministic(u))
        return false;
    int width = u->n_out;
    pl_expr **conds;
    int n = opt_conjuncts(c, f->u.filter.cond, &conds);
    opt_pf_parts p;
    opt_pf_parts_init(c, &p, n);
    bool *mask = em_arena_calloc(c->a, (size_t)width + 1, sizeof *mask);
    for (int idx = 0; idx < n; idx++) {
        bool ok = opt_expr_movable(conds[idx]);
        if (ok && keep) {
            for (int k = 0; k < width; k++)
                mask[k] = false;
            opt_expr_refs(conds[idx], mask, width);
            for (int k = 0; k < width && ok; k++)
                if (mask[k] && !keep[k])
                    ok = false;
        }
        if (ok)
            p.down[p.n_down++] = conds[idx];
        else
            p.stay[p.n_stay++] = conds[idx];
    }
    return opt_pf_finish(c, np, u, &p);
}

static bool opt_pf_dedup(opt_ctx *c, pl_node **np)
{
    pl_node *d = (*np)->children[0];
    if (d->u.dedup.n_keys == 0)
        return opt_pf_through(c, np, NULL);
    bool *keep = em_arena_calloc(c->a, (size_t)d->n_out + 1, sizeof *keep);
    for (int k = 0; k < d->u.dedup.n_keys; k++)
        if (d->u.dedup.keys[k] >= 0 && d->u.dedup.keys[k] < d->n_out)
            keep[d->u.dedup.keys[k]] = true;
    return opt_pf_through(c, np, keep);
}

static bool opt_pf_generate(opt_ctx *c, pl_node **np)
{
    pl_node *g = (*np)->children[0];
    bool *keep = em_arena_calloc(c->a, (size_t)g->n_out + 1, sizeof *keep);
    for (int k = 0; k < g->children[0]->n_out && k < g->n_out; k++)
        keep[k] = true;
    return opt_pf_through(c, np, keep);
}

static bool opt_pf_window(opt_ctx *c, pl_node **np)
{
    pl_node *w = (*np)->children[0];
    int width = w->n_out, n_in = w->children[0]->n_out;
    if (w->n_exprs == 0)
        return false;
    bool *keep = em_arena_calloc(c->a, (size_t)width + 1, sizeof *keep);
    for (int k = 0; k < n_in && k < width; k++)
        keep[k] = true;
    bool *part = em_arena_calloc(c->a, (size_t)width + 1, sizeof *part);
    for (int idx = 0; idx < w->n_exprs; idx++) {
        const pl_window_spec *spec = w->exprs[idx]->window;
        if (!spec || spec->n_partition == 0)
            return false;
        for (int k = 0; k < width; k++)
            part[k] = false;
        for (int p = 0; p < spec->n_partition; p++) {
            if (spec->partition[p]->kind != PX_COLREF)
                return false;
            int col = spec->partition[p]->col_index;
            if (col >= 0 && col < width)
                part[col] = true;
        }
        for (int k = 0; k < width; k++)
            keep[k] = keep[k] && part[k];
    }
    return opt_pf_through(c, np, keep);
}

static bool opt_pf_union(opt_ctx *c, pl_node **np)
{
    pl_node *f = *np, *u = f->children[0];
    if (u->u.set_op.type != PL_SETOP_UNION || u->n_children != 2)
        return false;
    pl_expr **conds;
    int n = opt_conjuncts(c, f->u.filter.cond, &conds);
    opt_pf_parts p;
    opt_pf_parts_init(c, &p, n);
    for (int idx = 0; idx < n; idx++) {
        if (opt_expr_movable(conds[idx]))
            p.down[p.n_down++] = conds[idx];
        else
            p.stay[p.n_stay++] = conds[idx];
    }
    if (p.n_down == 0)
        return false;
    pl_expr *down = opt_and_all(c, p.down, p.n_down);
    for (int side = 0; side < 2; side++) {
        pl_node *child = u->children[side];
        if (child->n_out != u->n_out)
            return false;
    }
    for (int side = 0; side < 2; side++) {
        pl_node *child = u->children[side];
        pl_expr **refs = em_arena_calloc(c->a, (size_t)child->n_out + 1, sizeof *refs);
        for (int k = 0; k < child->n_out; k++)
            refs[k] = opt_colref(c, &child->out[k], k);
        pl_expr *cond = opt_expr_subst(c, down, refs, child->n_out);
        u->children[side] = opt_filter_over(c, child, &cond, 1);
    }
    if (p.n_stay) {
        f->u.filter.cond = opt_and_all(c, p.stay, p.n_stay);
    } else {
        *np = u;
    }
    return true;
}

static bool opt_pf_step(opt_ctx *c, pl_node **np)
{
    pl_node *n = *np;
    bool pf = !(c->env->disabled & OPT_RULE_PUSHDOWN_FILTER);
    bool pj = !(c->env->disabled & OPT_RULE_PUSHDOWN_JOIN);
    if (n->kind == PL_JOIN)
        return pj && opt_pushdown_join_step(c, np);
    if (n->kind != PL_FILTER || !n->children[0])
        return false;
    pl_node *child = n->children[0];
    switch (child->kind) {
    case PL_FILTER:
        if (!pf || !opt_expr_deterministic(child->u.filter.cond))
            return false;
        *np = opt_filter_over(c, child, &n->u.filter.cond, 1);
        return true;
    case PL_PROJECT:
        return pf && opt_pf_project(c, np);
    case PL_AGGREGATE:
        return pf && opt_pf_aggregate(c, np);
    case PL_SORT:
    case PL_REPARTITION:
    case PL_HINT:
    case PL_SUBQUERY_ALIAS:
        return pf && opt_pf_through(c, np, NULL);
    case PL_DEDUP:
        return pf && opt_pf_dedup(c, np);
    case PL_GENERATE:
        return pf && opt_pf_generate(c, np);
    case PL_WINDOW:
        return pf && opt_pf_window(c, np);
    case PL_SET_OP:
        return pf && opt_pf_union(c, np);
    case PL_JOIN:
        return pj && opt_pushdown_join_step(c, np);
    default:
        return false;
    }
}

static void opt_pf_node(opt_ctx *c, pl_node **np)
{
    for (int guard = 0; guard < 256 && opt_pf_step(c, np); guard++)
        ;
    pl_node *n = *np;
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            opt_pf_node(c, &n->children[idx]);
}

int opt_pushdown_filter(opt_ctx *c, pl_node **root)
{
    opt_pf_node(c, root);
    return EM_OK;
}
