/*
 * opt_util: plan-node helpers of the optimizer - clones (the rules rewrite cloned nodes in
 * place), new Filter / Project nodes, empty relations, node determinism.
 */
#include <string.h>

#include "optimizer/opt_int.h"

pl_node *opt_node_clone(opt_ctx *c, const pl_node *n)
{
    pl_node *copy = em_arena_alloc(c->a, sizeof *copy);
    *copy = *n;
    if (n->n_children) {
        copy->children = em_arena_calloc(c->a, (size_t)n->n_children, sizeof *copy->children);
        memcpy(copy->children, n->children, (size_t)n->n_children * sizeof *copy->children);
    }
    return copy;
}

pl_node *opt_tree_clone(opt_ctx *c, const pl_node *n)
{
    if (!n)
        return NULL;
    pl_node *copy = opt_node_clone(c, n);
    for (int idx = 0; idx < copy->n_children; idx++)
        copy->children[idx] = opt_tree_clone(c, copy->children[idx]);
    return copy;
}

pl_node *opt_filter_new(opt_ctx *c, pl_node *child, pl_expr *cond)
{
    pl_node *f = pl_node_new(c->a, PL_FILTER, 1);
    f->resolved = true;
    f->children[0] = child;
    f->u.filter.cond = cond;
    f->n_out = child->n_out;
    f->out = child->out;
    return f;
}

pl_node *opt_project_new(opt_ctx *c, pl_node *child, int n, pl_expr **exprs, const pl_attr *out)
{
    pl_node *p = pl_node_new(c->a, PL_PROJECT, 1);
    p->resolved = true;
    p->children[0] = child;
    p->n_exprs = n;
    p->exprs = exprs;
    p->n_out = n;
    p->out = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *p->out);
    if (n)
        memcpy(p->out, out, (size_t)n * sizeof *p->out);
    return p;
}

pl_node *opt_project_cols(opt_ctx *c, pl_node *child, int n, const int *cols)
{
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *exprs);
    pl_attr *out = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *out);
    for (int idx = 0; idx < n; idx++) {
        out[idx] = child->out[cols[idx]];
        exprs[idx] = opt_colref(c, &out[idx], cols[idx]);
    }
    return opt_project_new(c, child, n, exprs, out);
}

pl_node *opt_empty_relation(opt_ctx *c, const pl_node *like)
{
    pl_node *e = pl_node_new(c->a, PL_LOCAL, 0);
    e->resolved = true;
    e->plan_id = like->plan_id;
    e->n_out = like->n_out;
    e->out = like->out;
    ty_field *fields =
        em_arena_calloc(c->a, (size_t)(like->n_out ? like->n_out : 1), sizeof *fields);
    for (int idx = 0; idx < like->n_out; idx++) {
        fields[idx].name = like->out[idx].name;
        fields[idx].type = like->out[idx].type;
        fields[idx].nullable = like->out[idx].nullable;
    }
    e->u.local.schema = ty_struct(c->a, like->n_out, fields);
    return e;
}

bool opt_is_empty_relation(const pl_node *n)
{
    if (!n || n->kind != PL_LOCAL)
        return false;
    for (int idx = 0; idx < n->u.local.n_batches; idx++)
        if (n->u.local.batches[idx] && n->u.local.batches[idx]->n_rows > 0)
            return false;
    return true;
}

static bool opt_list_deterministic(pl_expr *const *list, int n)
{
    for (int idx = 0; idx < n; idx++)
        if (!opt_expr_deterministic(list[idx]))
            return false;
    return true;
}

bool opt_node_deterministic(const pl_node *n)
{
    if (n->kind == PL_SAMPLE)
        return false;
    if (!opt_list_deterministic(n->exprs, n->n_exprs) ||
        !opt_list_deterministic(n->groups, n->n_groups))
        return false;
    switch (n->kind) {
    case PL_FILTER:
        return opt_expr_deterministic(n->u.filter.cond);
    case PL_JOIN:
        return opt_expr_deterministic(n->u.join.cond);
    case PL_AGGREGATE:
        return opt_list_deterministic(n->u.agg.aggs, n->u.agg.n_aggs);
    default:
        return true;
    }
}

pl_node *opt_filter_over(opt_ctx *c, pl_node *child, pl_expr *const *conds, int n)
{
    if (n <= 0)
        return child;
    pl_expr *cond = opt_and_all(c, conds, n);
    if (child->kind == PL_FILTER && opt_expr_deterministic(child->u.filter.cond)) {
        pl_expr *both[2] = {child->u.filter.cond, cond};
        child->u.filter.cond = opt_and_all(c, both, 2);
        return child;
    }
    return opt_filter_new(c, child, cond);
}
