/*
 * sql_copy: deep copies of the unresolved IR the parser builds, used where one piece of text
 * stands for several places in the tree (a parameter's value at each marker, the value of a
 * simple CASE in each branch, a named window in each OVER, a CTE at each reference), so that
 * no node is ever shared: later phases may annotate nodes in place.
 *
 * Strings and types are immutable and shared; literal vectors are retained (refcounted) and
 * released with the destination arena. A copy deeper than SQL_COPY_MAX_DEPTH returns NULL.
 */
#include "sql/sql_int.h"

#include <string.h>

static void sql_vec_release_cb(void *v)
{
    vec_release(v);
}

/* Copies deeper than this return NULL (the parser reports FAILED_TO_PARSE_TOO_COMPLEX). */
#define SQL_COPY_MAX_DEPTH (2 * SQL_MAX_DEPTH)

static pl_expr *sql_copy_expr_rec(em_arena *a, const pl_expr *e, int depth, bool *deep);
static pl_node *sql_copy_plan_rec(em_arena *a, const pl_node *n, int depth, bool *deep);

static pl_expr **sql_copy_exprs(em_arena *a, pl_expr *const *src, int n, int depth, bool *deep)
{
    if (!n)
        return NULL;
    pl_expr **out = em_arena_alloc(a, (size_t)n * sizeof *out);
    for (int idx = 0; idx < n; idx++)
        out[idx] = sql_copy_expr_rec(a, src[idx], depth, deep);
    return out;
}

static pl_expr *sql_copy_expr_rec(em_arena *a, const pl_expr *e, int depth, bool *deep)
{
    if (!e || *deep)
        return NULL;
    if (depth > SQL_COPY_MAX_DEPTH) {
        *deep = true;
        return NULL;
    }
    pl_expr *c = em_arena_alloc(a, sizeof *c);
    *c = *e;
    if (e->n_args)
        c->args = sql_copy_exprs(a, e->args, e->n_args, depth + 1, deep);
    if (e->agg_filter)
        c->agg_filter = sql_copy_expr_rec(a, e->agg_filter, depth + 1, deep);
    if (e->lit) {
        c->lit = vec_retain(e->lit);
        em_arena_on_release(a, sql_vec_release_cb, c->lit);
    }
    if (e->window) {
        pl_window_spec *w = em_arena_alloc(a, sizeof *w);
        *w = *e->window;
        w->partition = sql_copy_exprs(a, e->window->partition, w->n_partition, depth + 1, deep);
        w->order = sql_copy_exprs(a, e->window->order, w->n_order, depth + 1, deep);
        w->lower.value = sql_copy_expr_rec(a, e->window->lower.value, depth + 1, deep);
        w->upper.value = sql_copy_expr_rec(a, e->window->upper.value, depth + 1, deep);
        c->window = w;
    }
    if (e->subquery) /* a subquery's plan is copied too (never shared) */
        c->subquery = sql_copy_plan_rec(a, e->subquery, depth + 1, deep);
    return c;
}

pl_expr *sql_copy_expr(em_arena *a, const pl_expr *e)
{
    bool deep = false;
    pl_expr *c = sql_copy_expr_rec(a, e, 0, &deep);
    return deep ? NULL : c;
}

static pl_node *sql_copy_plan_rec(em_arena *a, const pl_node *n, int depth, bool *deep)
{
    if (!n || *deep)
        return NULL;
    if (depth > SQL_COPY_MAX_DEPTH) {
        *deep = true;
        return NULL;
    }
    pl_node *c = em_arena_alloc(a, sizeof *c);
    *c = *n;
    if (n->n_children) {
        c->children = em_arena_alloc(a, (size_t)n->n_children * sizeof *c->children);
        for (int idx = 0; idx < n->n_children; idx++)
            c->children[idx] = sql_copy_plan_rec(a, n->children[idx], depth + 1, deep);
    }
    c->exprs = sql_copy_exprs(a, n->exprs, n->n_exprs, 0, deep);
    c->groups = sql_copy_exprs(a, n->groups, n->n_groups, 0, deep);
    switch (n->kind) {
    case PL_FILTER:
        c->u.filter.cond = sql_copy_expr_rec(a, n->u.filter.cond, 0, deep);
        break;
    case PL_JOIN:
        c->u.join.cond = sql_copy_expr_rec(a, n->u.join.cond, 0, deep);
        break;
    case PL_INLINE_TABLE:
        c->u.inline_table.values =
            sql_copy_exprs(a, n->u.inline_table.values,
                           n->u.inline_table.n_rows * n->u.inline_table.n_cols, 0, deep);
        break;
    case PL_AGGREGATE:
        c->u.agg.pivot_col = sql_copy_expr_rec(a, n->u.agg.pivot_col, 0, deep);
        c->u.agg.pivot_values =
            sql_copy_exprs(a, n->u.agg.pivot_values, n->u.agg.n_pivot_values, 0, deep);
        if (n->u.agg.n_sets) {
            c->u.agg.sets = em_arena_alloc(a, (size_t)n->u.agg.n_sets * sizeof *c->u.agg.sets);
            for (int idx = 0; idx < n->u.agg.n_sets; idx++)
                c->u.agg.sets[idx] =
                    sql_copy_exprs(a, n->u.agg.sets[idx], n->u.agg.set_sizes[idx], 0, deep);
        }
        break;
    default:
        break;
    }
    return c;
}

pl_node *sql_copy_plan(em_arena *a, const pl_node *n)
{
    bool deep = false;
    pl_node *c = sql_copy_plan_rec(a, n, 0, &deep);
    return deep ? NULL : c;
}

pl_expr *sql_copy_or_fail(sql_parser *p, const pl_expr *e)
{
    if (!e)
        return NULL;
    pl_expr *c = sql_copy_expr(p->arena, e);
    if (!c && !em_error_is_set(p->err))
        em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
    return c;
}
