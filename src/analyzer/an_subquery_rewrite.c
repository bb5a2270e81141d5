/*
 * an_subquery_rewrite: correlated subquery expressions into joins where Spark decorrelates them
 * (RewritePredicateSubquery, PullupCorrelatedPredicates, RewriteCorrelatedScalarSubquery), so a
 * correlated subquery costs one hash join instead of one run of its plan per distinct outer
 * tuple (the executor's fallback, exec/ex_subquery.c, which gives the same answers).
 *
 * Shapes rewritten (anything else stays an expression):
 *  - A conjunct of a Filter that is [NOT] EXISTS (q) or [NOT] v IN (q) with q correlated as
 *    Dedup? Project* Filter(cond) X where the conjuncts of cond reading the outer row are the
 *    only outer references: a left semi join (anti for NOT) of the Filter's input with
 *    Filter(the other conjuncts) X on the correlated conjuncts (outer references replaced by the
 *    outer values) and, for IN, v = column (null-aware for NOT IN: (v = x OR isnull(v = x))).
 *  - A correlated scalar subquery in a Filter or Project as Aggregate(no grouping) over
 *    Filter(cond) X whose correlated conjuncts are all inner = outer equalities: a left outer
 *    join with the aggregate grouped by the inner sides; the count bug is handled as Spark
 *    does (the aggregate's value over no rows, when not NULL, replaces a missing match).
 */
#include "analyzer/an_int.h"

#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */

static bool an_rw_is_subq(const pl_expr *e)
{
    return e &&
           (e->kind == PX_SCALAR_SUBQUERY || e->kind == PX_EXISTS || e->kind == PX_IN_SUBQUERY);
}

static bool an_rw_is_call(const pl_expr *e, const char *name, int n_args)
{
    return e && e->kind == PX_CALL && e->n_args == n_args && e->name && strcmp(e->name, name) == 0;
}

/* Outer references of this level (not inside nested subquery plans). */
static bool an_rw_has_outer(const pl_expr *e)
{
    if (!e)
        return false;
    if (e->kind == PX_OUTER_REF)
        return true;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_rw_has_outer(e->args[idx]))
            return true;
    if (e->window) {
        for (int idx = 0; idx < e->window->n_partition; idx++)
            if (an_rw_has_outer(e->window->partition[idx]))
                return true;
        for (int idx = 0; idx < e->window->n_order; idx++)
            if (an_rw_has_outer(e->window->order[idx]))
                return true;
    }
    return false;
}

static bool an_rw_has_subq(const pl_expr *e)
{
    if (!e)
        return false;
    if (an_rw_is_subq(e))
        return true;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_rw_has_subq(e->args[idx]))
            return true;
    return false;
}

/* True when no expression of the subtree reads an outer reference of this level. */
static bool an_rw_plan_uncorrelated(const pl_node *p, int depth)
{
    if (!p)
        return true;
    if (depth > AN_MAX_DEPTH)
        return false;
    for (int idx = 0; idx < p->n_exprs; idx++)
        if (an_rw_has_outer(p->exprs[idx]))
            return false;
    for (int idx = 0; idx < p->n_groups; idx++)
        if (an_rw_has_outer(p->groups[idx]))
            return false;
    if (p->kind == PL_FILTER && an_rw_has_outer(p->u.filter.cond))
        return false;
    if (p->kind == PL_JOIN && an_rw_has_outer(p->u.join.cond))
        return false;
    if (p->kind == PL_AGGREGATE)
        for (int idx = 0; idx < p->u.agg.n_aggs; idx++)
            if (an_rw_has_outer(p->u.agg.aggs[idx]))
                return false;
    for (int idx = 0; idx < p->n_children; idx++)
        if (!an_rw_plan_uncorrelated(p->children[idx], depth + 1))
            return false;
    return true;
}

typedef struct an_rw_list {
    int n, cap;
    pl_expr **items;
} an_rw_list;

static void an_rw_push(an_ctx *c, an_rw_list *l, pl_expr *e)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        pl_expr **ni = em_arena_calloc(c->a, (size_t)cap, sizeof *ni);
        if (l->n)
            memcpy(ni, l->items, (size_t)l->n * sizeof *ni);
        l->items = ni;
        l->cap = cap;
    }
    l->items[l->n++] = e;
}

static void an_rw_conjuncts(an_ctx *c, pl_expr *e, an_rw_list *out)
{
    if (e->kind == PX_CALL && e->fn && e->fn->lazy == FN_LAZY_AND && e->n_args == 2) {
        an_rw_conjuncts(c, e->args[0], out);
        an_rw_conjuncts(c, e->args[1], out);
        return;
    }
    an_rw_push(c, out, e);
}

static int an_rw_and_all(an_ctx *c, int n, pl_expr *const *items, pl_expr **out)
{
    *out = NULL;
    for (int idx = 0; idx < n; idx++) {
        if (!*out) {
            *out = items[idx];
            continue;
        }
        pl_expr *args[2] = {*out, items[idx]};
        if (an_make_call(c, "and", 2, args, out))
            return c->err->code;
    }
    return EM_OK;
}

/*
 * A copy of e (over the subquery's row X, with outer references of this level) for a join
 * condition over outer ++ right: X column i becomes right_base + i, outer reference k becomes
 * outer_vals[k] (expressions over the outer row).
 */
static pl_expr *an_rw_move(an_ctx *c, const pl_expr *e, int right_base, pl_expr *const *outer_vals)
{
    if (e->kind == PX_OUTER_REF)
        return outer_vals[e->col_index];
    if (e->kind == PX_COLREF) {
        pl_expr *r = pl_expr_new(c->a, PX_COLREF, 0);
        *r = *e;
        r->col_index = right_base + e->col_index;
        return r;
    }
    if (e->n_args == 0)
        return (pl_expr *)e;
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int idx = 0; idx < e->n_args; idx++)
        r->args[idx] = an_rw_move(c, e->args[idx], right_base, outer_vals);
    return r;
}

static pl_node *an_rw_filter(an_ctx *c, pl_node *child, pl_expr *cond)
{
    if (!cond)
        return child;
    pl_node *f = an_node_like(c, PL_FILTER, 1, NULL);
    f->children[0] = child;
    f->u.filter.cond = cond;
    f->n_out = child->n_out;
    f->out = child->out;
    return f;
}

/* The correlated Filter of a subquery plan split: its input X, the conjuncts reading the outer
   row (corr) and the others (local). False when the plan has another shape. */
typedef struct an_rw_corr {
    pl_node *x;
    an_rw_list corr, local;
} an_rw_corr;

static bool an_rw_split_filter(an_ctx *c, pl_node *f, an_rw_corr *out)
{
    memset(out, 0, sizeof *out);
    if (!f || f->kind != PL_FILTER || !an_rw_plan_uncorrelated(f->children[0], 0))
        return false;
    an_rw_list all = {0};
    an_rw_conjuncts(c, f->u.filter.cond, &all);
    for (int idx = 0; idx < all.n; idx++) {
        pl_expr *e = all.items[idx];
        if (!an_rw_has_outer(e)) {
            an_rw_push(c, &out->local, e);
            continue;
        }
        if (an_rw_has_subq(e) || an_expr_has_agg(e) || an_expr_has_window(e))
            return false;
        an_rw_push(c, &out->corr, e);
    }
    out->x = f->children[0];
    return out->corr.n > 0;
}

/* ------------------------------------------------------------------------------------------ */
/* [NOT] EXISTS / [NOT] IN conjuncts of a Filter                                               */

/* The semi / anti join for subquery expression s (negated: under NOT) over left, or NULL
   (no error) when s's plan is not of a shape rewritten here. */
static int an_rw_predicate(an_ctx *c, pl_node *left, pl_expr *s, bool negated, pl_node **out)
{
    *out = NULL;
    int n_vals = s->kind == PX_IN_SUBQUERY ? s->n_in_values : 0;
    if (s->n_args <= n_vals)
        return EM_OK; /* uncorrelated: evaluated once by the executor */
    pl_node *p = s->subquery;
    while (p && p->kind == PL_DEDUP)
        p = p->children[0];
    pl_node *proj = NULL;
    if (s->kind == PX_EXISTS) {
        while (p && p->kind == PL_PROJECT) {
            for (int idx = 0; idx < p->n_exprs; idx++)
                if (an_rw_has_outer(p->exprs[idx]) || an_rw_has_subq(p->exprs[idx]))
                    return EM_OK;
            p = p->children[0];
        }
    } else {
        if (!p || p->kind != PL_PROJECT)
            return EM_OK;
        proj = p;
        for (int idx = 0; idx < proj->n_exprs; idx++)
            if (an_rw_has_outer(proj->exprs[idx]) || an_rw_has_subq(proj->exprs[idx]))
                return EM_OK;
        p = proj->children[0];
    }
    an_rw_corr split;
    if (!an_rw_split_filter(c, p, &split))
        return EM_OK;
    pl_expr *local;
    if (an_rw_and_all(c, split.local.n, split.local.items, &local))
        return c->err->code;
    pl_node *x = an_rw_filter(c, split.x, local);
    /* The right side: for IN the compared columns first, then X's columns. */
    pl_node *right = x;
    int n_p = 0;
    if (proj) {
        n_p = proj->n_exprs;
        int n = n_p + x->n_out;
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)n, sizeof *exprs);
        pl_attr *attrs = em_arena_calloc(c->a, (size_t)n, sizeof *attrs);
        for (int idx = 0; idx < n_p; idx++) {
            exprs[idx] = proj->exprs[idx];
            attrs[idx] = proj->out[idx];
        }
        for (int idx = 0; idx < x->n_out; idx++) {
            exprs[n_p + idx] = an_colref(c, &x->out[idx], idx);
            attrs[n_p + idx] = x->out[idx];
        }
        right = an_make_project(c, x, n, exprs, attrs, -1);
    }
    /* IN's coercion casts the subquery's columns in a Project over its plan (an_in_coerce):
       the compared columns are the top Project's outputs, read from the right side. */
    pl_expr *const *outer_vals = s->args + n_vals;
    an_rw_list conds = {0};
    for (int k = 0; k < n_vals; k++) {
        pl_expr *col = an_colref(c, &right->out[k], left->n_out + k);
        pl_expr *args[2] = {s->args[k], col}, *eq;
        if (an_make_call(c, "=", 2, args, &eq))
            return c->err->code;
        if (negated) {
            pl_expr *isn, *or_args[2];
            if (an_make_call(c, "isnull", 1, &eq, &isn))
                return c->err->code;
            or_args[0] = eq;
            or_args[1] = isn;
            if (an_make_call(c, "or", 2, or_args, &eq))
                return c->err->code;
        }
        an_rw_push(c, &conds, eq);
    }
    for (int idx = 0; idx < split.corr.n; idx++)
        an_rw_push(c, &conds, an_rw_move(c, split.corr.items[idx], left->n_out + n_p, outer_vals));
    pl_expr *cond;
    if (an_rw_and_all(c, conds.n, conds.items, &cond))
        return c->err->code;
    pl_node *j = an_node_like(c, PL_JOIN, 2, NULL);
    j->children[0] = left;
    j->children[1] = right;
    j->u.join.type = negated ? PL_JOIN_LEFT_ANTI : PL_JOIN_LEFT_SEMI;
    j->u.join.cond = cond;
    j->n_out = left->n_out;
    j->out = left->out;
    *out = j;
    return EM_OK;
}

/* A Filter whose conjuncts include rewritable [NOT] EXISTS / IN: joins below the rest. */
static int an_rw_filter_predicates(an_ctx *c, pl_node *f, pl_node **out)
{
    *out = f;
    an_rw_list all = {0}, rest = {0};
    an_rw_conjuncts(c, f->u.filter.cond, &all);
    pl_expr **subs = em_arena_calloc(c->a, (size_t)all.n, sizeof *subs);
    bool *neg = em_arena_calloc(c->a, (size_t)all.n, sizeof *neg);
    int n_subs = 0;
    for (int idx = 0; idx < all.n; idx++) {
        pl_expr *e = all.items[idx];
        bool negated = false;
        if (an_rw_is_call(e, "not", 1) &&
            (e->args[0]->kind == PX_EXISTS || e->args[0]->kind == PX_IN_SUBQUERY)) {
            negated = true;
            e = e->args[0];
        }
        if ((e->kind == PX_EXISTS || e->kind == PX_IN_SUBQUERY) && e->n_args > e->n_in_values) {
            subs[n_subs] = e;
            neg[n_subs++] = negated;
        } else {
            an_rw_push(c, &rest, all.items[idx]);
        }
    }
    if (n_subs == 0)
        return EM_OK;
    /* Spark keeps the other conjuncts in a Filter below the joins. */
    pl_node *left = f->children[0];
    an_rw_list kept = {0};
    pl_node **joins = em_arena_calloc(c->a, (size_t)n_subs, sizeof *joins);
    pl_expr *rest_cond;
    if (an_rw_and_all(c, rest.n, rest.items, &rest_cond))
        return c->err->code;
    pl_node *cur = an_rw_filter(c, left, rest_cond);
    for (int idx = 0; idx < n_subs; idx++) {
        pl_node *j;
        if (an_rw_predicate(c, cur, subs[idx], neg[idx], &j))
            return c->err->code;
        if (j) {
            cur = j;
            joins[idx] = j;
        } else {
            pl_expr *e = subs[idx];
            if (neg[idx]) {
                pl_expr *n;
                if (an_make_call(c, "not", 1, &e, &n))
                    return c->err->code;
                e = n;
            }
            an_rw_push(c, &kept, e);
        }
    }
    pl_expr *kept_cond;
    if (an_rw_and_all(c, kept.n, kept.items, &kept_cond))
        return c->err->code;
    if (kept_cond) {
        /* Subqueries not rewritten keep their semantics flags (an_fin_expr). */
        for (int idx = 0; idx < kept.n; idx++) {
            pl_expr *e = kept.items[idx];
            if (an_rw_is_call(e, "not", 1) && e->args[0]->kind == PX_IN_SUBQUERY)
                e->args[0]->subq_flags = PX_SUBQ_IN_NULL_AWARE;
        }
    }
    pl_node *nf = an_rw_filter(c, cur, kept_cond);
    nf->plan_id = f->plan_id;
    *out = nf;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Correlated scalar subqueries                                                                */

/* Whether the aggregate function returns a non-NULL value over no rows (count & co). */
static bool an_rw_agg_counts(const pl_expr *agg)
{
    const char *n = agg->fn ? agg->fn->name : agg->name;
    return n && (strcmp(n, "count") == 0 || strcmp(n, "count_if") == 0 ||
                 strcmp(n, "approx_count_distinct") == 0);
}

/* Whether the aggregate function is NULL over no rows (so a missing match reads NULL). */
static bool an_rw_agg_null_on_empty(const pl_expr *agg)
{
    static const char *const names[] = {
        "sum",        "avg",         "mean",       "min",       "max",        "first",
        "last",       "first_value", "last_value", "any_value", "stddev",     "stddev_samp",
        "stddev_pop", "std",         "variance",   "var_samp",  "var_pop",    "bool_and",
        "bool_or",    "every",       "some",       "any",       "bit_and",    "bit_or",
        "bit_xor",    "max_by",      "min_by",     "median",    "percentile", "try_sum",
        "try_avg",    "skewness",    "kurtosis",   "corr",      "covar_samp", "covar_pop"};
    const char *n = agg->fn ? agg->fn->name : agg->name;
    for (size_t idx = 0; n && idx < sizeof names / sizeof names[0]; idx++)
        if (strcmp(n, names[idx]) == 0)
            return true;
    return false;
}

/* e (over an aggregate's row: groups ++ aggs) with aggregate slot i replaced by lits[i]. */
static pl_expr *an_rw_subst_slots(an_ctx *c, const pl_expr *e, int n_groups, pl_expr *const *lits)
{
    if (e->kind == PX_COLREF) {
        if (e->col_index >= n_groups)
            return lits[e->col_index - n_groups];
        return NULL;
    }
    if (e->n_args == 0)
        return (pl_expr *)e;
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int idx = 0; idx < e->n_args; idx++) {
        r->args[idx] = an_rw_subst_slots(c, e->args[idx], n_groups, lits);
        if (!r->args[idx])
            return NULL;
    }
    return r;
}

/*
 * For scalar subquery s over the row of left: right = Aggregate grouped by the inner keys, the
 * join condition, and the expression replacing s (over left ++ right). Returns 0 with *join NULL
 * when s has another shape.
 */
static int an_rw_scalar(an_ctx *c, pl_node *left, pl_expr *s, pl_node **join, pl_expr **value)
{
    *join = NULL;
    *value = NULL;
    if (s->kind != PX_SCALAR_SUBQUERY || s->n_args == 0)
        return EM_OK;
    pl_node *agg = s->subquery;
    if (!agg || agg->kind != PL_AGGREGATE || agg->n_groups != 0 || agg->n_exprs != 1 ||
        agg->u.agg.group_type > PL_GROUP_BY)
        return EM_OK;
    for (int idx = 0; idx < agg->u.agg.n_aggs; idx++) {
        const pl_expr *a = agg->u.agg.aggs[idx];
        if (an_rw_has_outer(a) || an_rw_has_subq(a))
            return EM_OK;
        /* Only aggregates whose value over no rows is known (NULL, or 0 for counts). */
        if (!an_rw_agg_counts(a) && !an_rw_agg_null_on_empty(a))
            return EM_OK;
    }
    if (an_rw_has_outer(agg->exprs[0]) || an_rw_has_subq(agg->exprs[0]))
        return EM_OK;
    an_rw_corr split;
    if (!an_rw_split_filter(c, agg->children[0], &split))
        return EM_OK;
    /* Every correlated conjunct: inner = outer. */
    int n_keys = split.corr.n;
    pl_expr **inner = em_arena_calloc(c->a, (size_t)n_keys, sizeof *inner);
    pl_expr **outer = em_arena_calloc(c->a, (size_t)n_keys, sizeof *outer);
    for (int idx = 0; idx < n_keys; idx++) {
        pl_expr *e = split.corr.items[idx];
        if (!(an_rw_is_call(e, "=", 2) || an_rw_is_call(e, "==", 2)))
            return EM_OK;
        pl_expr *a = e->args[0], *b = e->args[1];
        bool ao = an_rw_has_outer(a), bo = an_rw_has_outer(b);
        if (ao == bo)
            return EM_OK;
        pl_expr *in_side = ao ? b : a, *out_side = ao ? a : b;
        /* The outer side reads only outer references (no inner columns). */
        const pl_expr *stack[64];
        int sp = 0;
        stack[sp++] = out_side;
        while (sp) {
            const pl_expr *x = stack[--sp];
            if (x->kind == PX_COLREF)
                return EM_OK;
            for (int k = 0; k < x->n_args && sp < 64; k++)
                stack[sp++] = x->args[k];
        }
        inner[idx] = in_side;
        outer[idx] = an_rw_move(c, out_side, 0, s->args);
    }
    pl_expr *local;
    if (an_rw_and_all(c, split.local.n, split.local.items, &local))
        return c->err->code;
    pl_node *x = an_rw_filter(c, split.x, local);
    /* Aggregate grouped by the inner keys: output = keys ++ the subquery's value. */
    pl_node *g = an_node_like(c, PL_AGGREGATE, 1, NULL);
    g->children[0] = x;
    g->u.agg.group_type = PL_GROUP_BY;
    g->n_groups = n_keys;
    g->groups = inner;
    g->u.agg.n_aggs = agg->u.agg.n_aggs;
    g->u.agg.aggs = agg->u.agg.aggs;
    g->n_exprs = n_keys + 1;
    g->exprs = em_arena_calloc(c->a, (size_t)(n_keys + 1), sizeof(pl_expr *));
    g->n_out = n_keys + 1;
    g->out = em_arena_calloc(c->a, (size_t)(n_keys + 1), sizeof(pl_attr));
    for (int idx = 0; idx < n_keys; idx++) {
        g->out[idx] = an_new_attr(c, "key", inner[idx], -1);
        g->exprs[idx] = an_colref(c, &g->out[idx], idx);
    }
    /* The value: the original output expression with its aggregate slots shifted past the
       keys. */
    pl_expr *val = an_rw_move(c, agg->exprs[0], n_keys, NULL);
    g->exprs[n_keys] = val;
    g->out[n_keys] = agg->out[0];
    g->out[n_keys].id = an_new_id(c);
    pl_expr **conds = em_arena_calloc(c->a, (size_t)n_keys, sizeof *conds);
    for (int idx = 0; idx < n_keys; idx++) {
        pl_expr *args[2] = {outer[idx], an_colref(c, &g->out[idx], left->n_out + idx)};
        if (an_make_call(c, "=", 2, args, &conds[idx]))
            return c->err->code;
    }
    pl_expr *cond;
    if (an_rw_and_all(c, n_keys, conds, &cond))
        return c->err->code;
    pl_node *j = an_node_like(c, PL_JOIN, 2, NULL);
    j->children[0] = left;
    j->children[1] = g;
    j->u.join.type = PL_JOIN_LEFT_OUTER;
    j->u.join.cond = cond;
    j->n_out = left->n_out + g->n_out;
    j->out = em_arena_calloc(c->a, (size_t)j->n_out, sizeof(pl_attr));
    memcpy(j->out, left->out, (size_t)left->n_out * sizeof(pl_attr));
    memcpy(j->out + left->n_out, g->out, (size_t)g->n_out * sizeof(pl_attr));
    for (int idx = 0; idx < g->n_out; idx++)
        j->out[left->n_out + idx].nullable = true;
    pl_expr *result = an_colref(c, &j->out[left->n_out + n_keys], left->n_out + n_keys);
    result->type = s->type;
    /* The count bug: where no group matches, the subquery's value over no rows. */
    int n_aggs = agg->u.agg.n_aggs;
    pl_expr **lits = em_arena_calloc(c->a, (size_t)(n_aggs ? n_aggs : 1), sizeof *lits);
    bool any_count = false;
    for (int idx = 0; idx < n_aggs; idx++) {
        const pl_expr *a = agg->u.agg.aggs[idx];
        if (an_rw_agg_counts(a)) {
            lits[idx] = pl_lit_long(c->a, 0);
            any_count = true;
        } else {
            lits[idx] = pl_lit_null(c->a, a->type);
        }
        lits[idx]->resolved = true;
        if (!ty_equals(lits[idx]->type ? lits[idx]->type : lits[idx]->lit->type, a->type))
            lits[idx] = an_cast(c, lits[idx], a->type);
    }
    if (any_count) {
        pl_expr *empty = an_rw_subst_slots(c, agg->exprs[0], 0, lits);
        vec *v = NULL;
        int rc = empty ? an_fold(c, empty, &v) : 1;
        if (rc < 0) {
            em_error_clear(c->err);
            rc = 1;
        }
        if (rc != 0)
            return EM_OK; /* the value over no rows is not known here: not rewritten */
        bool is_null = v->type->kind == TY_NULL || vec_is_null(v, 0);
        if (!is_null) {
            pl_expr *lit = pl_lit_new(c->a, v);
            lit->resolved = true;
            lit->type = s->type;
            pl_expr *marker = an_colref(c, &j->out[left->n_out], left->n_out);
            pl_expr *isn, *args[3];
            if (an_make_call(c, "isnull", 1, &marker, &isn))
                return c->err->code;
            args[0] = isn;
            args[1] = lit;
            args[2] = result;
            if (an_make_call(c, "if", 3, args, &result))
                return c->err->code;
        } else {
            vec_release(v);
        }
    }
    *join = j;
    *value = result;
    return EM_OK;
}

/* Replaces, in e, every rewritable correlated scalar subquery by a join below *child (the row
   e reads) and a reference to its value. */
static int an_rw_scalars(an_ctx *c, pl_expr **e, pl_node **child, int depth)
{
    pl_expr *x = *e;
    if (!x || depth > AN_MAX_DEPTH)
        return EM_OK;
    if (x->kind == PX_SCALAR_SUBQUERY) {
        pl_node *j;
        pl_expr *v;
        if (an_rw_scalar(c, *child, x, &j, &v))
            return c->err->code;
        if (j) {
            *child = j;
            *e = v;
        }
        return EM_OK;
    }
    if (an_rw_is_subq(x) || x->kind == PX_AGG_CALL || x->kind == PX_WINDOW_CALL)
        return EM_OK;
    /* Lazy branches (CASE / IF / COALESCE / AND / OR) would evaluate the join's value where
       Spark's rewrite does too: the left outer join keeps every row, so this is safe. */
    pl_expr *copy = NULL;
    for (int idx = 0; idx < x->n_args; idx++) {
        pl_expr *a = x->args[idx];
        if (an_rw_scalars(c, &a, child, depth + 1))
            return c->err->code;
        if (a != x->args[idx]) {
            if (!copy) {
                copy = pl_expr_new(c->a, x->kind, 0);
                *copy = *x;
                copy->args = em_arena_calloc(c->a, (size_t)x->n_args, sizeof(pl_expr *));
                memcpy(copy->args, x->args, (size_t)x->n_args * sizeof(pl_expr *));
            }
            copy->args[idx] = a;
        }
    }
    if (copy)
        *e = copy;
    return EM_OK;
}

static bool an_rw_has_corr_scalar(const pl_expr *e)
{
    if (!e)
        return false;
    if (e->kind == PX_SCALAR_SUBQUERY)
        return e->n_args > 0;
    if (an_rw_is_subq(e) || e->kind == PX_AGG_CALL || e->kind == PX_WINDOW_CALL)
        return false;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_rw_has_corr_scalar(e->args[idx]))
            return true;
    return false;
}

/* Projects the first n columns of p back out (after joins added columns). */
static pl_node *an_rw_project_back(an_ctx *c, pl_node *p, int n, const pl_attr *attrs,
                                   int64_t plan_id)
{
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *exprs);
    for (int idx = 0; idx < n; idx++)
        exprs[idx] = an_colref(c, &p->out[idx], idx);
    return an_make_project(c, p, n, exprs, an_copy_attrs(c, n, attrs), plan_id);
}

/* ------------------------------------------------------------------------------------------ */
/* The walk                                                                                    */

static int an_rw_node(an_ctx *c, pl_node **np, int depth);

static int an_rw_expr_plans(an_ctx *c, pl_expr *e, int depth)
{
    if (!e || depth > AN_MAX_DEPTH)
        return EM_OK;
    if (an_rw_is_subq(e) && e->subquery && an_rw_node(c, &e->subquery, depth + 1))
        return c->err->code;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_rw_expr_plans(c, e->args[idx], depth + 1))
            return c->err->code;
    return EM_OK;
}

static int an_rw_node(an_ctx *c, pl_node **np, int depth)
{
    pl_node *n = *np;
    if (!n || depth > AN_MAX_DEPTH)
        return EM_OK;
    for (int idx = 0; idx < n->n_children; idx++)
        if (an_rw_node(c, &n->children[idx], depth + 1))
            return c->err->code;
    /* Nested subqueries first (their plans are rewritten on their own). */
    for (int idx = 0; idx < n->n_exprs; idx++)
        if (an_rw_expr_plans(c, n->exprs[idx], depth))
            return c->err->code;
    if (n->kind == PL_FILTER && an_rw_expr_plans(c, n->u.filter.cond, depth))
        return c->err->code;
    if (n->kind == PL_FILTER) {
        pl_node *child = n->children[0];
        int n_child = child->n_out;
        pl_expr *cond = n->u.filter.cond;
        if (an_rw_has_corr_scalar(cond)) {
            /* The conjuncts without a correlated scalar subquery filter the input first (what
               Spark's predicate pushdown does after the rewrite), the others above the joins. */
            an_rw_list all = {0}, plain = {0}, with = {0};
            an_rw_conjuncts(c, cond, &all);
            for (int idx = 0; idx < all.n; idx++)
                an_rw_push(c, an_rw_has_corr_scalar(all.items[idx]) ? &with : &plain,
                           all.items[idx]);
            pl_expr *plain_cond, *with_cond;
            if (an_rw_and_all(c, plain.n, plain.items, &plain_cond) ||
                an_rw_and_all(c, with.n, with.items, &with_cond))
                return c->err->code;
            pl_node *below = an_rw_filter(c, child, plain_cond);
            child = below;
            if (an_rw_scalars(c, &with_cond, &child, depth))
                return c->err->code;
            if (child != below) {
                pl_node *f = an_rw_filter(c, child, with_cond);
                *np = an_rw_project_back(c, f, n_child, n->out, n->plan_id);
                n = f;
            }
        }
        pl_node *r;
        if (an_rw_filter_predicates(c, n, &r))
            return c->err->code;
        if (r != n) {
            if (*np == n)
                *np = r;
            else
                (*np)->children[0] = r;
        }
        return EM_OK;
    }
    if (n->kind == PL_PROJECT) {
        bool any = false;
        for (int idx = 0; idx < n->n_exprs && !any; idx++)
            any = an_rw_has_corr_scalar(n->exprs[idx]);
        if (!any)
            return EM_OK;
        pl_node *child = n->children[0];
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)n->n_exprs, sizeof *exprs);
        memcpy(exprs, n->exprs, (size_t)n->n_exprs * sizeof *exprs);
        for (int idx = 0; idx < n->n_exprs; idx++)
            if (an_rw_scalars(c, &exprs[idx], &child, depth))
                return c->err->code;
        if (child != n->children[0]) {
            pl_node *p = an_make_project(c, child, n->n_exprs, exprs, n->out, n->plan_id);
            *np = p;
        }
    }
    return EM_OK;
}

int an_subquery_rewrite(an_ctx *c, pl_node **root)
{
    return an_rw_node(c, root, 0);
}
