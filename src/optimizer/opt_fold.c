/*
 * opt_fold: constant folding and boolean simplification (Spark's ConstantFolding,
 * BooleanSimplification, PruneFilters, PropagateEmptyRelation).
 *
 * Expressions: a deterministic scalar call or cast whose arguments are all literals becomes
 * the literal it evaluates to (with the session options the query runs with, as the analyzer's
 * an_fold evaluates VALUES rows); a call that fails (1/0 under ANSI) stays, so the error is
 * raised at run time only if a row evaluates it. true AND x / x AND true -> x, false AND x /
 * x AND false -> false, false OR x / x OR false -> x, true OR x / x OR true -> true,
 * NOT NOT x -> x, (a AND b) OR (a AND c) -> a AND (b OR c) (common factors of deterministic
 * disjunctions). Calls without arguments (current_date(), rand()) and results of nested types
 * are not folded.
 *
 * Nodes (bottom-up): Filter(true) disappears; Filter(false / NULL) and inner joins on
 * false / NULL become an empty LocalRelation with the same output attributes; an empty
 * relation propagates through the operators that return no rows for no input (projections,
 * filters, sorts, limits, windows, grouped aggregates, inner / semi joins and the preserved
 * side of outer joins). A global aggregate over nothing still returns its one row.
 */
#include "functions/fn.h"
#include "optimizer/opt_int.h"
#include "types/ty_cast.h"

static bool opt_fold_nested(const ty *t)
{
    return !t || t->kind == TY_ARRAY || t->kind == TY_MAP || t->kind == TY_STRUCT;
}

static pl_expr *opt_fold_literal(opt_ctx *c, vec *v, const pl_expr *like)
{
    pl_expr *lit = pl_lit_new(c->a, v);
    lit->type = like->type;
    lit->src_start = like->src_start;
    lit->src_stop = like->src_stop;
    lit->resolved = true;
    return lit;
}

/* The value of a call or cast over literal arguments, or NULL when it does not fold. */
static pl_expr *opt_fold_eval(opt_ctx *c, const pl_expr *e)
{
    if (opt_fold_nested(e->type) || e->n_args == 0)
        return NULL;
    for (int idx = 0; idx < e->n_args; idx++)
        if (!e->args[idx] || e->args[idx]->kind != PX_LITERAL || !e->args[idx]->lit)
            return NULL;
    em_error scratch;
    em_error_clear(&scratch);
    vec *out = NULL;
    if (e->kind == PX_CAST) {
        if (!e->cast_type || e->n_args != 1)
            return NULL;
        if (ty_cast_vec(e->args[0]->lit, e->cast_type, e->eval_mode, c->env->opts, &out,
                        &scratch)) {
            vec_release(out);
            return NULL;
        }
    } else {
        const fn_def *fn = e->fn;
        if (!fn || fn->kind != FN_SCALAR || !fn->eval || !fn->deterministic)
            return NULL;
        vec **args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof *args);
        for (int idx = 0; idx < e->n_args; idx++)
            args[idx] = e->args[idx]->lit;
        em_arena scratch_arena;
        em_arena_init(&scratch_arena, 0);
        fn_ctx fc = {.opts = c->env->opts, .scratch = &scratch_arena};
        int rc = fn->eval(e, (vec *const *)args, 1, &fc, &out, &scratch);
        em_arena_release(&scratch_arena);
        if (rc) {
            vec_release(out);
            return NULL;
        }
    }
    if (!out || out->len != 1) {
        vec_release(out);
        return NULL;
    }
    return opt_fold_literal(c, out, e);
}

static pl_expr *opt_fold_expr(opt_ctx *c, const pl_expr *e);

static bool opt_in_list(pl_expr *const *list, int n, const pl_expr *e)
{
    for (int idx = 0; idx < n; idx++)
        if (opt_expr_equal(list[idx], e))
            return true;
    return false;
}

/*
 * (a AND b) OR (a AND c) -> a AND (b OR c); (a AND b) OR a -> a (Spark's BooleanSimplification,
 * common factor elimination for disjunction), so a join key repeated in every branch of an OR
 * (TPC-H q19) becomes a conjunct the join can hash on. NULL when there is no common factor.
 */
static pl_expr *opt_fold_common_factor(opt_ctx *c, const pl_expr *or_)
{
    if (!opt_expr_deterministic(or_))
        return NULL;
    pl_expr **lhs, **rhs;
    int nl = opt_conjuncts(c, or_->args[0], &lhs), nr = opt_conjuncts(c, or_->args[1], &rhs);
    pl_expr **common = em_arena_calloc(c->a, (size_t)nl + 2, sizeof *common);
    pl_expr **ldiff = em_arena_calloc(c->a, (size_t)nl + 1, sizeof *ldiff);
    pl_expr **rdiff = em_arena_calloc(c->a, (size_t)nr + 1, sizeof *rdiff);
    int nc = 0, nld = 0, nrd = 0;
    for (int idx = 0; idx < nl; idx++) {
        if (opt_in_list(rhs, nr, lhs[idx]))
            common[nc++] = lhs[idx];
        else
            ldiff[nld++] = lhs[idx];
    }
    if (nc == 0)
        return NULL;
    for (int idx = 0; idx < nr; idx++)
        if (!opt_in_list(common, nc, rhs[idx]))
            rdiff[nrd++] = rhs[idx];
    if (nld > 0 && nrd > 0) {
        pl_expr *sides[2] = {opt_and_all(c, ldiff, nld), opt_and_all(c, rdiff, nrd)};
        pl_expr *either = opt_call(c, "or", 2, sides);
        if (!either)
            return NULL;
        common[nc++] = either;
    }
    return opt_and_all(c, common, nc);
}

/* Folds the arguments (copy on write). */
static pl_expr *opt_fold_args(opt_ctx *c, const pl_expr *e)
{
    pl_expr **args = NULL;
    for (int idx = 0; idx < e->n_args; idx++) {
        pl_expr *na = opt_fold_expr(c, e->args[idx]);
        if (na != e->args[idx] && !args) {
            args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof *args);
            for (int k = 0; k < e->n_args; k++)
                args[k] = e->args[k];
        }
        if (args)
            args[idx] = na;
    }
    if (!args)
        return (pl_expr *)e;
    pl_expr *copy = em_arena_alloc(c->a, sizeof *copy);
    *copy = *e;
    copy->args = args;
    return copy;
}

static pl_expr *opt_fold_expr(opt_ctx *c, const pl_expr *e)
{
    if (!e || e->kind == PX_LITERAL || e->kind == PX_COLREF)
        return (pl_expr *)e;
    /* Lambdas bind their parameters by id, window calls are framed by their operator and
       subquery values belong to their runs: their arguments are left alone. */
    if (e->kind == PX_LAMBDA || e->kind == PX_WINDOW_CALL || e->subquery)
        return (pl_expr *)e;
    pl_expr *x = opt_fold_args(c, e);
    if (x->kind == PX_CALL && x->fn && x->n_args == 2 &&
        (x->fn->lazy == FN_LAZY_AND || x->fn->lazy == FN_LAZY_OR)) {
        bool is_and = x->fn->lazy == FN_LAZY_AND;
        int lv, rv;
        bool lb = opt_bool_literal(x->args[0], &lv), rb = opt_bool_literal(x->args[1], &rv);
        int unit = is_and ? 1 : 0; /* true AND x = x; false OR x = x */
        if (lb && lv == unit)
            return x->args[1];
        if (rb && rv == unit)
            return x->args[0];
        if (lb && lv == 1 - unit)
            return x->args[0];
        if (rb && rv == 1 - unit)
            return x->args[1];
    }
    if (x->kind == PX_CALL && x->fn && x->fn->lazy == FN_LAZY_OR && x->n_args == 2) {
        pl_expr *f = opt_fold_common_factor(c, x);
        if (f)
            return f;
    }
    if (opt_is_call(x, "not", 1) && opt_is_call(x->args[0], "not", 1))
        return x->args[0]->args[0];
    if (x->kind == PX_CALL || x->kind == PX_CAST) {
        pl_expr *v = opt_fold_eval(c, x);
        if (v)
            return v;
    }
    return x;
}

static void opt_fold_list(opt_ctx *c, pl_expr ***list, int n)
{
    pl_expr **out = NULL;
    for (int idx = 0; idx < n; idx++) {
        pl_expr *ne = opt_fold_expr(c, (*list)[idx]);
        if (ne != (*list)[idx] && !out) {
            out = em_arena_calloc(c->a, (size_t)n, sizeof *out);
            for (int k = 0; k < n; k++)
                out[k] = (*list)[k];
        }
        if (out)
            out[idx] = ne;
    }
    if (out)
        *list = out;
}

/* Whether a node over an empty child returns no rows. */
static bool opt_empty_passes(const pl_node *n, int child_idx)
{
    switch (n->kind) {
    case PL_PROJECT:
    case PL_FILTER:
    case PL_SORT:
    case PL_LIMIT:
    case PL_OFFSET:
    case PL_TAIL:
    case PL_DEDUP:
    case PL_WINDOW:
    case PL_SAMPLE:
    case PL_REPARTITION:
    case PL_HINT:
    case PL_SUBQUERY_ALIAS:
    case PL_GENERATE:
        return true;
    case PL_AGGREGATE:
        return n->n_groups > 0;
    case PL_JOIN:
        switch (n->u.join.type) {
        case PL_JOIN_INNER:
        case PL_JOIN_CROSS:
        case PL_JOIN_LEFT_SEMI:
            return true;
        case PL_JOIN_LEFT_OUTER:
        case PL_JOIN_LEFT_ANTI:
            return child_idx == 0;
        case PL_JOIN_RIGHT_OUTER:
            return child_idx == 1;
        default:
            return false;
        }
    default:
        return false;
    }
}

static bool opt_join_inner(const pl_node *n)
{
    return n->kind == PL_JOIN &&
           (n->u.join.type == PL_JOIN_INNER || n->u.join.type == PL_JOIN_CROSS ||
            n->u.join.type == PL_JOIN_LEFT_SEMI);
}

static void opt_fold_node(opt_ctx *c, pl_node **np)
{
    pl_node *n = *np;
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            opt_fold_node(c, &n->children[idx]);
    for (int idx = 0; idx < n->n_children; idx++)
        if (opt_is_empty_relation(n->children[idx]) && opt_empty_passes(n, idx) &&
            n->kind != PL_LOCAL) {
            *np = opt_empty_relation(c, n);
            return;
        }
    opt_fold_list(c, &n->exprs, n->n_exprs);
    opt_fold_list(c, &n->groups, n->n_groups);
    int value;
    switch (n->kind) {
    case PL_FILTER:
        n->u.filter.cond = opt_fold_expr(c, n->u.filter.cond);
        if (opt_bool_literal(n->u.filter.cond, &value)) {
            if (value == 1)
                *np = n->children[0];
            else
                *np = opt_empty_relation(c, n);
        }
        break;
    case PL_JOIN:
        if (!n->u.join.cond)
            break;
        n->u.join.cond = opt_fold_expr(c, n->u.join.cond);
        if (opt_join_inner(n) && opt_bool_literal(n->u.join.cond, &value)) {
            if (value == 1)
                n->u.join.cond = NULL;
            else
                *np = opt_empty_relation(c, n);
        }
        break;
    case PL_AGGREGATE:
        opt_fold_list(c, &n->u.agg.aggs, n->u.agg.n_aggs);
        break;
    default:
        break;
    }
}

int opt_fold(opt_ctx *c, pl_node **root)
{
    opt_fold_node(c, root);
    return EM_OK;
}
