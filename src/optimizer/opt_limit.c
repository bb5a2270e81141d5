/*
 * opt_limit: limits (Spark's CombineLimits, LimitPushDown and the empty-limit case of
 * PropagateEmptyRelation).
 *  - Limit(n, Limit(m, x)) -> Limit(min(n, m), x).
 *  - Limit 0 -> an empty relation with the same output.
 *  - Limit(n, Project(x)) -> Project(Limit(n, x)) when the projection is deterministic, so
 *    the projection evaluates only the rows that are returned.
 *  - Limit(n, UNION ALL(a, b)) -> Limit(n, UNION ALL(Limit(n, a), Limit(n, b))): no branch
 *    contributes more than n rows (Spark's local limits).
 *  - Limit(n, Offset(m, x)) -> Offset(m, Limit(n + m, x)) (Spark's LimitPushDown).
 * These bring a Limit directly over a Sort where they can: the executor runs that pair as a
 * top-N (exec/op_topn.c), holding only the best rows instead of sorting everything.
 */
#include <stdint.h>

#include "optimizer/opt_int.h"

static pl_node *opt_limit_new(opt_ctx *c, pl_node *child, int64_t n)
{
    pl_node *l = pl_node_new(c->a, PL_LIMIT, 1);
    l->resolved = true;
    l->children[0] = child;
    l->u.limit.n = n;
    l->n_out = child->n_out;
    l->out = child->out;
    return l;
}

static void opt_limit_node(opt_ctx *c, pl_node **np, int depth)
{
    pl_node *n = *np;
    if (depth > 10000)
        return;
    for (int guard = 0; guard < 64 && n->kind == PL_LIMIT; guard++) {
        pl_node *child = n->children[0];
        if (n->u.limit.n <= 0) {
            *np = opt_empty_relation(c, n);
            return;
        }
        if (child->kind == PL_LIMIT) {
            if (child->u.limit.n < n->u.limit.n)
                n->u.limit.n = child->u.limit.n;
            n->children[0] = child->children[0];
            continue;
        }
        if (child->kind == PL_OFFSET && child->u.limit.n >= 0 &&
            child->u.limit.n <= INT64_MAX - n->u.limit.n) {
            /* Offset(m, Limit(n + m, x)): Spark's LimitPushDown through Offset, which puts the
               limit next to a Sort below (a top-N in exec/op_topn.c). */
            pl_node *off = child;
            n->u.limit.n += off->u.limit.n;
            n->children[0] = off->children[0];
            off->children[0] = n;
            *np = off;
            n = off;
            break;
        }
        if (child->kind == PL_PROJECT && opt_node_deterministic(child)) {
            /* Project(Limit(n, x)): the Project keeps its output attributes. */
            n->children[0] = child->children[0];
            n->n_out = n->children[0]->n_out;
            n->out = n->children[0]->out;
            child->children[0] = n;
            *np = child;
            n = child;
            break;
        }
        if (child->kind == PL_SET_OP && child->u.set_op.type == PL_SETOP_UNION &&
            child->u.set_op.is_all && child->n_children == 2) {
            for (int side = 0; side < 2; side++) {
                pl_node *b = child->children[side];
                if (b->kind != PL_LIMIT || b->u.limit.n > n->u.limit.n)
                    child->children[side] = opt_limit_new(c, b, n->u.limit.n);
            }
        }
        break;
    }
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            opt_limit_node(c, &n->children[idx], depth + 1);
}

int opt_limit(opt_ctx *c, pl_node **root)
{
    opt_limit_node(c, root, 0);
    return EM_OK;
}
