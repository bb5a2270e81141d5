/*
 * an_hidden: the hidden join keys of USING / NATURAL joins (pl_node.hidden), Spark's
 * qualified-access-only metadata output. `SELECT t2.k FROM t1 JOIN t2 USING (k)` reads the
 * right key the join's Project hid; `t2.*` expands to it (hidden columns first).
 *
 * Flow: an_join gives the USING Project its hidden keys (and those of nested USING joins
 * below). Row-preserving nodes above (Filter, Sort, Limit, Offset, Tail, Sample, Repartition,
 * Hint) and Projects carry the list up; SubqueryAlias and Aggregate drop it, as in Spark.
 * Before a Project / Filter / Sort / Aggregate resolves its expressions over a child with
 * hidden columns, the child is exposed: a copy whose output ends with the hidden columns
 * (hidden_exposed), so the scope (an_scope_of) resolves `t.k` to input column n + h. Exposing
 * a Project appends references to the hidden ids, found in its child's output (exposing the
 * child first when they are not there); a row-preserving node exposes its child. A Filter or
 * Sort over an exposed child gets a Project above that restores its visible row (Spark's
 * AddMetadataColumns does the same).
 */
#include "analyzer/an_int.h"

#include <string.h>

bool an_hidden_consumer(pl_kind kind)
{
    return kind == PL_PROJECT || kind == PL_FILTER || kind == PL_SORT || kind == PL_AGGREGATE;
}

static bool an_hidden_passthrough(pl_kind kind)
{
    switch (kind) {
    case PL_FILTER:
    case PL_SORT:
    case PL_LIMIT:
    case PL_OFFSET:
    case PL_TAIL:
    case PL_SAMPLE:
    case PL_REPARTITION:
    case PL_HINT:
        return true;
    default:
        return false;
    }
}

static int an_find_id(const pl_node *n, int64_t id)
{
    for (int idx = 0; idx < n->n_out; idx++)
        if (n->out[idx].id == id)
            return idx;
    return -1;
}

int an_expose_hidden(an_ctx *c, pl_node *n, pl_node **out)
{
    *out = n;
    if (n->n_hidden == 0 || n->hidden_exposed)
        return EM_OK;
    if (an_enter(c))
        return c->err->code;
    int nh = n->n_hidden, nv = n->n_out, nw = nv + nh;
    pl_node *copy = pl_node_new(c->a, n->kind, 0);
    *copy = *n;
    copy->children =
        em_arena_calloc(c->a, (size_t)(n->n_children ? n->n_children : 1), sizeof(pl_node *));
    for (int idx = 0; idx < n->n_children; idx++)
        copy->children[idx] = n->children[idx];
    copy->out = em_arena_calloc(c->a, (size_t)nw, sizeof(pl_attr));
    memcpy(copy->out, n->out, (size_t)nv * sizeof(pl_attr));
    memcpy(copy->out + nv, n->hidden, (size_t)nh * sizeof(pl_attr));
    copy->n_out = nw;
    copy->hidden = copy->out + nv;
    copy->hidden_exposed = true;
    if (n->kind == PL_PROJECT && n->n_children == 1) {
        pl_node *child = n->children[0];
        bool all_found = true;
        for (int h = 0; h < nh && all_found; h++)
            all_found = an_find_id(child, n->hidden[h].id) >= 0;
        if (!all_found && an_expose_hidden(c, child, &child)) {
            an_leave(c);
            return c->err->code;
        }
        copy->children[0] = child;
        copy->exprs = em_arena_calloc(c->a, (size_t)nw, sizeof(pl_expr *));
        if (nv)
            memcpy(copy->exprs, n->exprs, (size_t)nv * sizeof(pl_expr *));
        for (int h = 0; h < nh; h++) {
            int at = an_find_id(child, n->hidden[h].id);
            if (at < 0) {
                an_leave(c);
                return em_error_internal(c->err, "hidden column %s not found below",
                                         n->hidden[h].name);
            }
            copy->exprs[nv + h] = an_colref(c, &child->out[at], at);
        }
        copy->n_exprs = nw;
    } else if (an_hidden_passthrough(n->kind) && n->n_children == 1) {
        pl_node *child;
        if (an_expose_hidden(c, n->children[0], &child)) {
            an_leave(c);
            return c->err->code;
        }
        if (child->n_out != nw) {
            an_leave(c);
            return em_error_internal(c->err, "hidden columns: %d columns below, %d expected",
                                     child->n_out, nw);
        }
        copy->children[0] = child;
        copy->out = child->out;
        copy->hidden = child->out + nv;
    } else {
        an_leave(c);
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "hidden USING join columns through this operator", NULL);
    }
    an_leave(c);
    *out = copy;
    return EM_OK;
}

int an_hidden_after(an_ctx *c, const pl_node *in, const pl_node *child, int n_vis, pl_node *res,
                    pl_node **out)
{
    *out = res;
    if (!child)
        return EM_OK;
    int nh = child->n_hidden;
    if (nh == 0)
        return EM_OK;
    const pl_attr *hidden = child->hidden;
    if ((in->kind == PL_FILTER || in->kind == PL_SORT) && n_vis >= 0) {
        /* The row of the exposed child, without its hidden tail; the hidden columns stay
           reachable from above through this Project. */
        if (res->n_out < n_vis + nh)
            return em_error_internal(c->err, "hidden columns: %d columns, %d expected", res->n_out,
                                     n_vis + nh);
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n_vis ? n_vis : 1), sizeof(pl_expr *));
        for (int idx = 0; idx < n_vis; idx++)
            exprs[idx] = an_colref(c, &res->out[idx], idx);
        pl_node *p =
            an_make_project(c, res, n_vis, exprs, an_copy_attrs(c, n_vis, res->out), res->plan_id);
        p->n_hidden = nh;
        p->hidden = an_copy_attrs(c, nh, res->out + n_vis);
        *out = p;
        return EM_OK;
    }
    if ((in->kind == PL_PROJECT && res->kind == PL_PROJECT) ||
        (an_hidden_passthrough(in->kind) && res->kind == in->kind && !res->hidden_exposed)) {
        res->n_hidden = nh;
        res->hidden = an_copy_attrs(c, nh, hidden);
        res->hidden_exposed = false;
    } else if (in->kind != PL_JOIN && res != child && !res->hidden_exposed) {
        /* SubqueryAlias, Aggregate and the others end the hidden columns' reach (a node
           copied from its child must not keep them). */
        res->n_hidden = 0;
        res->hidden = NULL;
    }
    return EM_OK;
}

void an_remap_colrefs(pl_expr *e, const int *map, int n_map)
{
    if (!e)
        return;
    if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < n_map)
        e->col_index = map[e->col_index];
    for (int idx = 0; idx < e->n_args; idx++)
        an_remap_colrefs(e->args[idx], map, n_map);
    if (e->agg_filter)
        an_remap_colrefs(e->agg_filter, map, n_map);
}
