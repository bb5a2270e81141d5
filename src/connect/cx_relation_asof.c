/*
 * cx_relation_asof: Relation.as_of_join (Dataset.joinAsOf, pandas-on-Spark merge_asof), built
 * the way Spark's RewriteAsOfJoin rewrites its AsOfJoin node: every left row takes the nearest
 * right row among those meeting the join condition and the as-of condition, through a
 * correlated scalar subquery that aggregates the matching right rows into one struct:
 *
 *   Drop [__asof_nr]
 *   +- Project [*, __asof_nr.*]
 *      +- Filter isnotnull(__asof_nr)                        (inner joins only)
 *         +- Project [*, (SELECT m(struct(__asof_r.*), rightAsOf) FROM __asof_r
 *                         WHERE cond AND asOfCond) AS __asof_nr]
 *            +- SubqueryAlias __asof_l (left)
 *
 * AsOfJoin.makeAsOfCond gives asOfCond (direction, allowExactMatches, tolerance). Spark picks
 * min_by(struct, leftAsOf - rightAsOf) (backward) / min_by(struct, rightAsOf - leftAsOf)
 * (forward); with the left value fixed inside the subquery those are max_by(struct, rightAsOf)
 * and min_by(struct, rightAsOf), the same rows (first of equal ones in the right's order), and
 * need no outer reference inside the aggregate, which Ember's decorrelation does not take.
 * Direction "nearest" orders by |left - right|, which needs the left value inside the
 * aggregate: it takes both the backward and the forward candidate (each struct with its as-of
 * key __asof_k) and keeps the nearer, the backward one on a tie (Spark keeps the first of the
 * tied rows in the right's order: a deviation only when two rows are equally near on both
 * sides).
 *
 * Column references by plan id to the left or right input are rewritten to the qualified names
 * __asof_l.<name> / __asof_r.<name>, so that inside the subquery a left column is an outer
 * reference even when the right has a column of the same name. USING columns become
 * __asof_l.c = __asof_r.c (Dataset.joinAsOf: this(name) === other(name)).
 */
#include "connect/cx.h"

#include <string.h>
#include <strings.h>

#define CX_AS_LEFT  "__asof_l"
#define CX_AS_RIGHT "__asof_r"
#define CX_AS_NEAR  "__asof_nr"
#define CX_AS_BACK  "__asof_nb"
#define CX_AS_FWD   "__asof_nf"
#define CX_AS_KEY   "__asof_k"

static int64_t cx_as_plan_id(const Spark__Connect__Relation *r)
{
    return r->common && r->common->_plan_id_case ? r->common->plan_id : -1;
}

/* Rewrites PX_ATTR nodes bound by plan id to one side into names qualified by that side's
   alias (in place; e was just translated, so nothing else shares it). When both sides have the
   same plan id (a self join), `prefer_right` picks the side, as Dataset.joinAsOf maps leftAsOf
   to the left and rightAsOf to the right. */
static void cx_as_qualify(em_arena *a, pl_expr *e, int64_t left_id, int64_t right_id,
                          bool prefer_right)
{
    if (!e)
        return;
    if (e->kind == PX_ATTR && e->plan_id >= 0 &&
        (e->plan_id == left_id || e->plan_id == right_id)) {
        bool right = e->plan_id == right_id && (e->plan_id != left_id || prefer_right);
        const char **parts = em_arena_calloc(a, (size_t)e->n_parts + 1, sizeof(char *));
        parts[0] = right ? CX_AS_RIGHT : CX_AS_LEFT;
        for (int idx = 0; idx < e->n_parts; idx++)
            parts[idx + 1] = e->parts[idx];
        e->parts = parts;
        e->n_parts++;
        e->plan_id = -1;
        return;
    }
    /* a self join's condition: `x == y` reads x on the left and y on the right
       (Dataset.resolveSelfJoinCondition) */
    bool eq =
        left_id == right_id && e->kind == PX_FUNC && e->n_args == 2 && e->name &&
        (strcmp(e->name, "==") == 0 || strcmp(e->name, "=") == 0 || strcmp(e->name, "<=>") == 0);
    for (int idx = 0; idx < e->n_args; idx++)
        cx_as_qualify(a, e->args[idx], left_id, right_id, eq ? idx == 1 : prefer_right);
}

static pl_expr *cx_as_call2(em_arena *a, const char *name, pl_expr *x, pl_expr *y)
{
    pl_expr *args[2] = {x, y};
    return pl_func_new(a, name, y ? 2 : 1, args);
}

static pl_expr *cx_as_and(em_arena *a, pl_expr *x, pl_expr *y)
{
    return !x ? y : !y ? x : cx_as_call2(a, "and", x, y);
}

static int cx_as_expr(const Spark__Connect__Expression *m, cx_ctx *ctx, int64_t lid, int64_t rid,
                      bool prefer_right, pl_expr **out, em_error *err)
{
    if (cx_expression(m, ctx, out, err))
        return err ? err->code : EM_EUSER;
    cx_as_qualify(ctx->arena, *out, lid, rid, prefer_right);
    return EM_OK;
}

static pl_node *cx_as_alias(em_arena *a, pl_node *child, const char *alias)
{
    pl_node *n = pl_node_new(a, PL_SUBQUERY_ALIAS, 1);
    n->children[0] = child;
    n->u.alias.alias = alias;
    return n;
}

static pl_expr *cx_as_named(em_arena *a, pl_expr *e, const char *name)
{
    pl_expr *al = pl_expr_new(a, PX_ALIAS, 1);
    al->args[0] = e;
    al->n_parts = 1;
    al->parts = em_arena_calloc(a, 1, sizeof(char *));
    al->parts[0] = name;
    return al;
}

static pl_expr *cx_as_star(em_arena *a, const char *target)
{
    pl_expr *s = pl_expr_new(a, PX_STAR, 0);
    s->plan_id = -1;
    if (target) {
        s->n_parts = 1;
        s->parts = em_arena_calloc(a, 1, sizeof(char *));
        s->parts[0] = target;
    }
    return s;
}

/*
 * One side's nearest right row: (SELECT max_by|min_by(struct(__asof_r.*[, rightAsOf AS
 * __asof_k]), rightAsOf) FROM __asof_r WHERE cond AND asOfCond), backward (right <= left) or
 * forward (right >= left). `nearest` adds the as-of key to the struct.
 */
static int cx_as_side(const Spark__Connect__AsOfJoin *m, cx_ctx *ctx, bool backward, bool nearest,
                      pl_expr **out, em_error *err)
{
    em_arena *a = ctx->arena;
    int64_t lid = cx_as_plan_id(m->left), rid = cx_as_plan_id(m->right);
    pl_node *right = NULL;
    pl_expr *l_as = NULL, *r_as = NULL, *r_ord = NULL, *cond = NULL;
    if (cx_relation(m->right, ctx, &right, err) ||
        cx_as_expr(m->left_as_of, ctx, lid, rid, false, &l_as, err) ||
        cx_as_expr(m->right_as_of, ctx, lid, rid, true, &r_as, err) ||
        cx_as_expr(m->right_as_of, ctx, lid, rid, true, &r_ord, err))
        return err ? err->code : EM_EUSER;
    if (m->n_using_columns > 0) {
        for (size_t idx = 0; idx < m->n_using_columns; idx++) {
            const char *lp[2] = {CX_AS_LEFT, m->using_columns[idx]};
            const char *rp[2] = {CX_AS_RIGHT, m->using_columns[idx]};
            cond = cx_as_and(
                a, cond,
                cx_as_call2(a, "==", pl_attr_new(a, 2, lp, -1), pl_attr_new(a, 2, rp, -1)));
        }
    } else if (m->join_expr && cx_as_expr(m->join_expr, ctx, lid, rid, false, &cond, err)) {
        return err->code;
    }
    /* AsOfJoin.makeAsOfCond: the base comparison, then the tolerance window */
    bool exact = m->allow_exact_matches;
    const char *cmp = backward ? (exact ? ">=" : ">") : (exact ? "<=" : "<");
    pl_expr *as_cond = cx_as_call2(a, cmp, l_as, r_as);
    if (m->tolerance) {
        pl_expr *l2 = NULL, *r3 = NULL, *tol = NULL;
        if (cx_as_expr(m->left_as_of, ctx, lid, rid, false, &l2, err) ||
            cx_as_expr(m->right_as_of, ctx, lid, rid, true, &r3, err) ||
            cx_as_expr(m->tolerance, ctx, lid, rid, false, &tol, err))
            return err->code;
        pl_expr *bound = cx_as_call2(a, backward ? "-" : "+", l2, tol);
        /* the window's bound is strict exactly when the base comparison is (makeAsOfCond) */
        const char *tcmp = backward ? (exact ? ">=" : ">") : (exact ? "<=" : "<");
        as_cond = cx_as_and(a, as_cond, cx_as_call2(a, tcmp, r3, bound));
    }
    pl_node *filter = pl_node_new(a, PL_FILTER, 1);
    filter->children[0] = cx_as_alias(a, right, CX_AS_RIGHT);
    filter->u.filter.cond = cx_as_and(a, cond, as_cond);
    pl_expr *st;
    if (nearest) {
        pl_expr *key = NULL;
        if (cx_as_expr(m->right_as_of, ctx, lid, rid, true, &key, err))
            return err->code;
        st = cx_as_call2(a, "struct", cx_as_star(a, CX_AS_RIGHT), cx_as_named(a, key, CX_AS_KEY));
    } else {
        st = pl_func_new(a, "struct", 1, (pl_expr *[]){cx_as_star(a, CX_AS_RIGHT)});
    }
    pl_node *agg = pl_node_new(a, PL_AGGREGATE, 1);
    agg->children[0] = filter;
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->n_exprs = 1;
    agg->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    agg->exprs[0] = cx_as_named(a, cx_as_call2(a, backward ? "max_by" : "min_by", st, r_ord),
                                "__nearest_right__");
    pl_expr *sq = pl_expr_new(a, PX_SCALAR_SUBQUERY, 0);
    sq->subquery = agg;
    sq->subquery_plan_id = -1;
    *out = sq;
    return EM_OK;
}

static pl_expr *cx_as_ref(em_arena *a, const char *x, const char *y)
{
    const char *parts[2] = {x, y};
    return pl_attr_new(a, y ? 2 : 1, parts, -1);
}

static pl_node *cx_as_project(em_arena *a, pl_node *child, pl_expr *x, pl_expr *y)
{
    pl_node *p = pl_node_new(a, PL_PROJECT, 1);
    p->children[0] = child;
    p->n_exprs = y ? 2 : 1;
    p->exprs = em_arena_calloc(a, 2, sizeof(pl_expr *));
    p->exprs[0] = x;
    p->exprs[1] = y;
    return p;
}

int cx_as_of_join(const Spark__Connect__AsOfJoin *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    if (!m->left || !m->right || !m->left_as_of || !m->right_as_of)
        return cx_invalid_plan(err, "AsOfJoin needs both inputs and both as-of columns");
    const char *dir = m->direction && m->direction[0] ? m->direction : "backward";
    bool backward = strcasecmp(dir, "backward") == 0, forward = strcasecmp(dir, "forward") == 0;
    bool nearest = strcasecmp(dir, "nearest") == 0;
    if (!backward && !forward && !nearest)
        return em_error_set(err, "AS_OF_JOIN.UNSUPPORTED_DIRECTION", "direction", dir, "supported",
                            "'forward', 'backward', 'nearest'", NULL);
    const char *jt = m->join_type && m->join_type[0] ? m->join_type : "inner";
    bool left_outer = strcasecmp(jt, "left") == 0 || strcasecmp(jt, "leftouter") == 0 ||
                      strcasecmp(jt, "left_outer") == 0;
    if (!left_outer && strcasecmp(jt, "inner") != 0)
        return cx_not_implemented(err, "as-of join types other than inner and left outer");
    pl_node *left = NULL;
    if (cx_relation(m->left, ctx, &left, err))
        return err ? err->code : EM_EUSER;
    pl_node *with;
    if (!nearest) {
        pl_expr *sq = NULL;
        if (cx_as_side(m, ctx, backward, false, &sq, err))
            return err->code;
        with = cx_as_project(a, cx_as_alias(a, left, CX_AS_LEFT), cx_as_star(a, NULL),
                             cx_as_named(a, sq, CX_AS_NEAR));
    } else {
        /* the nearer of the backward and the forward candidates (the backward one on a tie) */
        pl_expr *nb = NULL, *nf = NULL, *l1 = NULL, *l2 = NULL;
        int64_t lid = cx_as_plan_id(m->left), rid = cx_as_plan_id(m->right);
        if (cx_as_side(m, ctx, true, true, &nb, err) || cx_as_side(m, ctx, false, true, &nf, err) ||
            cx_as_expr(m->left_as_of, ctx, lid, rid, false, &l1, err) ||
            cx_as_expr(m->left_as_of, ctx, lid, rid, false, &l2, err))
            return err->code;
        pl_node *both = cx_as_project(a, cx_as_alias(a, left, CX_AS_LEFT), cx_as_star(a, NULL),
                                      cx_as_named(a, nb, CX_AS_BACK));
        both = cx_as_project(a, both, cx_as_star(a, NULL), cx_as_named(a, nf, CX_AS_FWD));
        pl_expr *w = pl_expr_new(a, PX_FUNC, 7);
        w->name = "when";
        w->args[0] = cx_as_call2(a, "isnull", cx_as_ref(a, CX_AS_BACK, NULL), NULL);
        w->args[1] = cx_as_ref(a, CX_AS_FWD, NULL);
        w->args[2] = cx_as_call2(a, "isnull", cx_as_ref(a, CX_AS_FWD, NULL), NULL);
        w->args[3] = cx_as_ref(a, CX_AS_BACK, NULL);
        w->args[4] =
            cx_as_call2(a, "<=", cx_as_call2(a, "-", l1, cx_as_ref(a, CX_AS_BACK, CX_AS_KEY)),
                        cx_as_call2(a, "-", cx_as_ref(a, CX_AS_FWD, CX_AS_KEY), l2));
        w->args[5] = cx_as_ref(a, CX_AS_BACK, NULL);
        w->args[6] = cx_as_ref(a, CX_AS_FWD, NULL);
        with = cx_as_project(a, both, cx_as_star(a, NULL), cx_as_named(a, w, CX_AS_NEAR));
    }
    pl_node *kept = with;
    if (!left_outer) {
        kept = pl_node_new(a, PL_FILTER, 1);
        kept->children[0] = with;
        kept->u.filter.cond = cx_as_call2(a, "isnotnull", cx_as_ref(a, CX_AS_NEAR, NULL), NULL);
    }
    pl_node *flat = cx_as_project(a, kept, cx_as_star(a, NULL), cx_as_star(a, CX_AS_NEAR));
    pl_node *drop = pl_node_new(a, PL_DROP, 1);
    drop->children[0] = flat;
    static const char *const dropped[] = {CX_AS_NEAR, CX_AS_BACK, CX_AS_FWD, CX_AS_KEY};
    drop->u.names.n = nearest ? 4 : 1;
    drop->u.names.names = em_arena_calloc(a, 4, sizeof(char *));
    for (int idx = 0; idx < drop->u.names.n; idx++)
        drop->u.names.names[idx] = dropped[idx];
    *out = drop;
    return EM_OK;
}
