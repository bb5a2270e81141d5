/*
 * opt_cse: common subexpression elimination (what Spark's EquivalentExpressions and
 * subexpression elimination in generated code do for a projection and for the aggregate
 * functions' arguments, done here as a plan rewrite).
 *
 * For a Project, and for an Aggregate (its grouping expressions and its aggregate calls'
 * arguments, which Spark pre-projects), every deterministic non-trivial expression (a call, a
 * cast or an extraction that reads at least one column) that occurs more than once is computed
 * once: a new Project below the node computes the input columns the node still reads plus one
 * column per common expression ("_common_expr_<k>", a fresh attribute id), and the node reads
 * those columns instead. The node's own output (attributes, order) is unchanged, so nothing
 * above it changes.
 *
 * Which expressions count (EquivalentExpressions' rules):
 *  - an occurrence counts once its tree is walked; an expression seen again is not walked into
 *    again, so the largest common expressions win (a*(1-b) used twice is hoisted, not its
 *    1-b);
 *  - an expression is hoisted only if at least one occurrence is evaluated unconditionally
 *    for every input row of the node: not under the branches of CASE / IF / COALESCE, the
 *    right side of AND / OR, or the list of IN (the executor evaluates those on the rows that
 *    reach them only, as Spark does), so an error such as 1/0 under ANSI is raised by the new
 *    Project only where the original plan raised it. Occurrences in conditional positions are
 *    still replaced by the column once the expression is hoisted (its value is the same);
 *  - nothing under a lambda (its body runs per element), no subqueries, no non-deterministic
 *    or throwable expression (raise_error, assert_true), no aggregate or window calls.
 *
 * Runs last (after pruning), so the new Projects are not merged away again.
 */
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn.h"
#include "optimizer/opt_int.h"

/* At most this many expressions are tracked per node (larger lists are left alone). */
#define OPT_CSE_MAX_TRACKED 4096
/* At most this many common expressions hoisted per node. */
#define OPT_CSE_MAX_HOISTED 64

typedef struct opt_cse_entry {
    const pl_expr *e;
    int n_seen;
    bool uncond; /* seen at least once in an unconditional position */
    int slot;    /* hoisted: its column among the new ones; else -1 */
} opt_cse_entry;

typedef struct opt_cse_tab {
    opt_cse_entry *v;
    int n, cap;
    bool full;
} opt_cse_tab;

static bool opt_cse_inner_ok(const pl_expr *e, int depth)
{
    if (!e || depth > 200)
        return e == NULL;
    switch (e->kind) {
    case PX_COLREF:
    case PX_LITERAL:
        return true;
    case PX_CAST:
    case PX_EXTRACT:
        break;
    case PX_CALL:
        if (!e->fn || !e->fn->deterministic || e->fn->kind != FN_SCALAR)
            return false;
        break;
    default: /* lambdas, lambda variables, subqueries, outer references, aggregates, ... */
        return false;
    }
    if (e->window || e->subquery || e->agg_filter)
        return false;
    for (int idx = 0; idx < e->n_args; idx++)
        if (!opt_cse_inner_ok(e->args[idx], depth + 1))
            return false;
    return true;
}

/* A call, cast or extraction that reads a column and can be computed once for every row. */
static bool opt_cse_candidate(const pl_expr *e)
{
    if (!e || (e->kind != PX_CALL && e->kind != PX_CAST && e->kind != PX_EXTRACT) || !e->type)
        return false;
    bool any = false;
    opt_expr_refs_within(e, 0, 0, &any);
    return any && opt_cse_inner_ok(e, 0) && !opt_expr_throwable(e);
}

static opt_cse_entry *opt_cse_find(opt_cse_tab *t, const pl_expr *e)
{
    for (int idx = 0; idx < t->n; idx++)
        if (opt_expr_equal(t->v[idx].e, e))
            return &t->v[idx];
    return NULL;
}

/* Whether argument idx of call e is evaluated for every row e is evaluated on. */
static bool opt_cse_arg_always(const pl_expr *e, int idx)
{
    if (e->kind != PX_CALL || !e->fn || e->fn->lazy == FN_LAZY_NONE)
        return true;
    return idx == 0; /* AND / OR: the left side; IF / CASE: the first condition; COALESCE: the
                        first argument; IN: the value */
}

static void opt_cse_count(opt_cse_tab *t, const pl_expr *e, bool cond, int depth)
{
    if (!e || t->full || depth > 200 || e->kind == PX_LAMBDA)
        return;
    if (opt_cse_candidate(e)) {
        opt_cse_entry *found = opt_cse_find(t, e);
        if (found) {
            found->n_seen++;
            found->uncond = found->uncond || !cond;
            return;
        }
        if (t->n == OPT_CSE_MAX_TRACKED) {
            t->full = true;
            return;
        }
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 32;
            t->v = em_realloc(t->v, (size_t)t->cap * sizeof *t->v);
        }
        t->v[t->n++] = (opt_cse_entry){.e = e, .n_seen = 1, .uncond = !cond, .slot = -1};
    }
    if (e->kind == PX_CALL && e->fn && e->fn->kind != FN_SCALAR)
        return; /* generators and the like: leave their arguments alone */
    for (int idx = 0; idx < e->n_args; idx++)
        opt_cse_count(t, e->args[idx], cond || !opt_cse_arg_always(e, idx), depth + 1);
}

/* e with every hoisted expression replaced by a reference to refs[slot] (copy on write). */
static pl_expr *opt_cse_rewrite(opt_ctx *c, opt_cse_tab *t, pl_expr *const *refs, pl_expr *e,
                                int depth)
{
    if (!e || depth > 200 || e->kind == PX_LAMBDA)
        return e;
    if (opt_cse_candidate(e)) {
        opt_cse_entry *found = opt_cse_find(t, e);
        if (found && found->slot >= 0)
            return refs[found->slot];
    }
    if (e->kind == PX_CALL && e->fn && e->fn->kind != FN_SCALAR)
        return e;
    pl_expr **args = NULL;
    for (int idx = 0; idx < e->n_args; idx++) {
        pl_expr *na = opt_cse_rewrite(c, t, refs, e->args[idx], depth + 1);
        if (na != e->args[idx] && !args) {
            args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof *args);
            memcpy(args, e->args, (size_t)e->n_args * sizeof *args);
        }
        if (args)
            args[idx] = na;
    }
    if (!args)
        return e;
    pl_expr *copy = em_arena_alloc(c->a, sizeof *copy);
    *copy = *e;
    copy->args = args;
    return copy;
}

/* The expression lists a node evaluates over its input row (the ones this rule rewrites). */
typedef struct opt_cse_lists {
    pl_expr **roots[3];
    int n_roots[3];
    int n_lists;
} opt_cse_lists;

static bool opt_cse_lists_of(const pl_node *n, opt_cse_lists *l)
{
    memset(l, 0, sizeof *l);
    if (n->n_children != 1 || !n->children[0])
        return false;
    if (n->kind == PL_PROJECT) {
        l->roots[0] = n->exprs;
        l->n_roots[0] = n->n_exprs;
        l->n_lists = 1;
        return true;
    }
    if (n->kind == PL_AGGREGATE &&
        (n->u.agg.group_type == 0 || n->u.agg.group_type == PL_GROUP_BY) && !n->u.agg.n_sets) {
        l->roots[0] = n->groups;
        l->n_roots[0] = n->n_groups;
        l->roots[1] = n->u.agg.aggs;
        l->n_roots[1] = n->u.agg.n_aggs;
        l->n_lists = 2;
        return true;
    }
    return false;
}

static int64_t opt_cse_max_id(const pl_node *n, int depth)
{
    int64_t m = 0;
    if (!n || depth > 10000)
        return 0;
    for (int idx = 0; idx < n->n_out; idx++)
        if (n->out[idx].id > m)
            m = n->out[idx].id;
    for (int idx = 0; idx < n->n_children; idx++) {
        int64_t cm = opt_cse_max_id(n->children[idx], depth + 1);
        if (cm > m)
            m = cm;
    }
    return m;
}

/* Rewrites node n (a Project or an Aggregate) when it has common subexpressions. */
static void opt_cse_node(opt_ctx *c, pl_node *n, int64_t *next_id)
{
    opt_cse_lists l;
    if (!opt_cse_lists_of(n, &l))
        return;
    opt_cse_tab t = {0};
    for (int li = 0; li < l.n_lists; li++)
        for (int idx = 0; idx < l.n_roots[li]; idx++) {
            const pl_expr *e = l.roots[li][idx];
            if (e && (e->agg_filter || e->window)) {
                em_free(t.v);
                return; /* not a resolved form this rule knows */
            }
            if (e && e->kind == PX_AGG_CALL) {
                for (int a = 0; a < e->n_args; a++)
                    opt_cse_count(&t, e->args[a], false, 0);
            } else {
                opt_cse_count(&t, e, false, 0);
            }
        }
    int n_hoist = 0;
    for (int idx = 0; idx < t.n && !t.full; idx++)
        if (t.v[idx].n_seen >= 2 && t.v[idx].uncond && n_hoist < OPT_CSE_MAX_HOISTED)
            t.v[idx].slot = n_hoist++;
    if (n_hoist == 0) {
        em_free(t.v);
        return;
    }
    pl_node *child = n->children[0];
    int width = child->n_out;
    /* the new columns, first as positions width + slot over (child ++ new) */
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)n_hoist, sizeof *attrs);
    pl_expr **hoisted = em_arena_calloc(c->a, (size_t)n_hoist, sizeof *hoisted);
    pl_expr **refs = em_arena_calloc(c->a, (size_t)n_hoist, sizeof *refs);
    for (int idx = 0; idx < t.n; idx++) {
        int s = t.v[idx].slot;
        if (s < 0)
            continue;
        hoisted[s] = (pl_expr *)t.v[idx].e;
        attrs[s].name = em_arena_printf(c->a, "_common_expr_%d", s);
        attrs[s].type = hoisted[s]->type;
        attrs[s].nullable = hoisted[s]->nullable;
        attrs[s].id = ++*next_id;
        attrs[s].plan_id = -1;
        refs[s] = opt_colref(c, &attrs[s], width + s);
    }
    pl_expr **lists[3] = {0};
    for (int li = 0; li < l.n_lists; li++) {
        int cnt = l.n_roots[li];
        lists[li] = em_arena_calloc(c->a, (size_t)cnt + 1, sizeof(pl_expr *));
        for (int idx = 0; idx < cnt; idx++) {
            pl_expr *e = l.roots[li][idx];
            if (e && e->kind == PX_AGG_CALL) {
                /* a copy with its own argument array (remapped in place below) */
                pl_expr *copy = em_arena_alloc(c->a, sizeof *copy);
                *copy = *e;
                copy->args = em_arena_calloc(c->a, (size_t)e->n_args + 1, sizeof(pl_expr *));
                for (int a = 0; a < e->n_args; a++)
                    copy->args[a] = opt_cse_rewrite(c, &t, refs, e->args[a], 0);
                lists[li][idx] = copy;
            } else {
                lists[li][idx] = opt_cse_rewrite(c, &t, refs, e, 0);
            }
        }
    }
    em_free(t.v);
    /* the child columns the rewritten node still reads pass through, in order */
    bool *used = em_arena_calloc(c->a, (size_t)width + n_hoist + 1, sizeof *used);
    for (int li = 0; li < l.n_lists; li++)
        for (int idx = 0; idx < l.n_roots[li]; idx++)
            opt_expr_refs(lists[li][idx], used, width);
    int n_used = 0;
    for (int col = 0; col < width; col++)
        n_used += used[col];
    int lower_n = n_used + n_hoist;
    int *map = em_arena_calloc(c->a, (size_t)width + n_hoist + 1, sizeof *map);
    pl_expr **lower_exprs = em_arena_calloc(c->a, (size_t)lower_n + 1, sizeof *lower_exprs);
    pl_attr *lower_out = em_arena_calloc(c->a, (size_t)lower_n + 1, sizeof *lower_out);
    int pos = 0;
    for (int col = 0; col < width; col++) {
        map[col] = -1;
        if (!used[col])
            continue;
        lower_out[pos] = child->out[col];
        lower_exprs[pos] = opt_colref(c, &child->out[col], col);
        map[col] = pos++;
    }
    for (int s = 0; s < n_hoist; s++) {
        lower_out[pos] = attrs[s];
        lower_exprs[pos] = hoisted[s];
        map[width + s] = pos++;
    }
    pl_node *lower = opt_project_new(c, child, lower_n, lower_exprs, lower_out);
    for (int li = 0; li < l.n_lists; li++)
        for (int idx = 0; idx < l.n_roots[li]; idx++) {
            pl_expr *e = lists[li][idx];
            if (e && e->kind == PX_AGG_CALL) {
                for (int a = 0; a < e->n_args; a++)
                    e->args[a] = opt_expr_remap(c, e->args[a], map, width + n_hoist);
            } else {
                lists[li][idx] = opt_expr_remap(c, e, map, width + n_hoist);
            }
        }
    n->children[0] = lower;
    if (n->kind == PL_PROJECT) {
        n->exprs = lists[0];
    } else {
        n->groups = lists[0];
        n->u.agg.aggs = lists[1];
    }
}

static void opt_cse_walk(opt_ctx *c, pl_node *n, int64_t *next_id, int depth)
{
    if (!n || depth > 10000)
        return;
    for (int idx = 0; idx < n->n_children; idx++)
        opt_cse_walk(c, n->children[idx], next_id, depth + 1);
    if (opt_node_deterministic(n))
        opt_cse_node(c, n, next_id);
}

int opt_cse(opt_ctx *c, pl_node **root)
{
    int64_t next_id = opt_cse_max_id(*root, 0);
    opt_cse_walk(c, *root, &next_id, 0);
    return EM_OK;
}
