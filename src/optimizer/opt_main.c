/*
 * opt_main: the optimizer's driver (opt.h). Clones the input's nodes, then runs the rules in
 * Spark's order of concerns: subquery plans first (each optimized as a plan of its own),
 * constant folding, predicate pushdown (then the side predicates disjunctions in join conditions
 * imply, pushed down in turn), join reordering (on the pushed-down conditions), a
 * second pushdown for what the new order exposes, limits, column pruning (it only removes
 * what the final shape does not read), then the filters handed to file scans and common
 * subexpressions last (their Projects must not be merged away by pruning).
 */
#include <stdlib.h>

#include "optimizer/opt_int.h"

static int opt_run(opt_ctx *c, pl_node **root, int depth);

static pl_expr *opt_sq_expr(opt_ctx *c, const pl_expr *e, int depth)
{
    if (!e)
        return NULL;
    pl_expr **args = NULL;
    for (int idx = 0; idx < e->n_args; idx++) {
        pl_expr *na = opt_sq_expr(c, e->args[idx], depth);
        if (na != e->args[idx] && !args) {
            args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof *args);
            for (int k = 0; k < e->n_args; k++)
                args[k] = e->args[k];
        }
        if (args)
            args[idx] = na;
    }
    pl_node *sub = e->subquery;
    if (sub && sub->resolved) {
        pl_node *copy = opt_tree_clone(c, sub);
        if (opt_run(c, &copy, depth + 1) == EM_OK)
            sub = copy;
    }
    if (!args && sub == e->subquery)
        return (pl_expr *)e;
    pl_expr *copy = em_arena_alloc(c->a, sizeof *copy);
    *copy = *e;
    if (args)
        copy->args = args;
    copy->subquery = sub;
    return copy;
}

static pl_expr **opt_sq_list(opt_ctx *c, pl_expr **list, int n, int depth)
{
    pl_expr **out = list;
    for (int idx = 0; idx < n; idx++) {
        pl_expr *ne = opt_sq_expr(c, list[idx], depth);
        if (ne != list[idx] && out == list) {
            out = em_arena_calloc(c->a, (size_t)n, sizeof *out);
            for (int k = 0; k < n; k++)
                out[k] = list[k];
        }
        out[idx] = ne;
    }
    return out;
}

static void opt_subqueries(opt_ctx *c, pl_node *n, int depth)
{
    if (!n)
        return;
    n->exprs = opt_sq_list(c, n->exprs, n->n_exprs, depth);
    n->groups = opt_sq_list(c, n->groups, n->n_groups, depth);
    if (n->kind == PL_FILTER)
        n->u.filter.cond = opt_sq_expr(c, n->u.filter.cond, depth);
    else if (n->kind == PL_JOIN)
        n->u.join.cond = opt_sq_expr(c, n->u.join.cond, depth);
    else if (n->kind == PL_AGGREGATE)
        n->u.agg.aggs = opt_sq_list(c, n->u.agg.aggs, n->u.agg.n_aggs, depth);
    for (int idx = 0; idx < n->n_children; idx++)
        opt_subqueries(c, n->children[idx], depth);
}

static int opt_run(opt_ctx *c, pl_node **root, int depth)
{
    unsigned off = c->env->disabled;
    if (depth > 32)
        return EM_OK;
    if (!(off & OPT_RULE_SUBQUERIES))
        opt_subqueries(c, *root, depth);
    if (!(off & OPT_RULE_FOLD) && opt_fold(c, root))
        return c->err->code;
    bool pushdown = (off & (OPT_RULE_PUSHDOWN_FILTER | OPT_RULE_PUSHDOWN_JOIN)) !=
                    (OPT_RULE_PUSHDOWN_FILTER | OPT_RULE_PUSHDOWN_JOIN);
    if (pushdown && opt_pushdown_filter(c, root))
        return c->err->code;
    if (!(off & OPT_RULE_PUSHDOWN_JOIN)) {
        if (opt_pushdown_extra(c, root) || opt_pushdown_filter(c, root))
            return c->err->code;
    }
    if (!(off & OPT_RULE_JOIN_ORDER)) {
        if (opt_join_order(c, root))
            return c->err->code;
        if (pushdown && opt_pushdown_filter(c, root))
            return c->err->code;
    }
    if (!(off & OPT_RULE_LIMIT) && opt_limit(c, root))
        return c->err->code;
    if (!(off & OPT_RULE_PRUNE) && opt_prune(c, root))
        return c->err->code;
    if (!(off & OPT_RULE_SCAN_FILTER) && opt_scan_filter(c, root))
        return c->err->code;
    if (!(off & OPT_RULE_CSE) && opt_cse(c, root))
        return c->err->code;
    return EM_OK;
}

int opt_optimize(const opt_env *env, em_arena *arena, const pl_node *root, pl_node **out,
                 em_error *err)
{
    *out = NULL;
    if (!root)
        return em_error_internal(err, "opt_optimize: no plan");
    /* EMBER_OPT_DISABLE=<mask> (hex or decimal OPT_RULE_* bits) turns rules off in every
       query: for benchmarks and bisecting a wrong answer to one rule. */
    opt_env local;
    const char *off = getenv("EMBER_OPT_DISABLE");
    if (off && *off) {
        local = *env;
        local.disabled |= (unsigned)strtoul(off, NULL, 0);
        env = &local;
    }
    opt_ctx c = {.a = arena, .env = env, .err = err};
    pl_node *n = opt_tree_clone(&c, root);
    int rc = opt_run(&c, &n, 0);
    if (rc)
        return rc;
    *out = n;
    return EM_OK;
}
