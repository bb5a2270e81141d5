/*
 * opt_pushdown_join: predicates pushed through and into joins, as Spark's
 * PushPredicateThroughJoin.
 *
 * The conjuncts of a Filter above a join, or of the join's own condition, are split three
 * ways: those reading only the left side (or nothing), those reading only the right side, and
 * the rest; conjuncts that are not deterministic, raise (raise_error) or hold subqueries are
 * "the rest" and never move.
 *  - Filter over an inner / cross join: left conjuncts filter the left input, right ones the
 *    right input, the rest become part of the join condition (the comma joins of
 *    `FROM a, b WHERE a.k = b.k` turn into equi-joins the hash join runs); conjuncts that
 *    cannot be evaluated within a join stay in a Filter above it.
 *  - Filter over a left outer / left semi / left anti join: only left conjuncts go down;
 *    over a right outer join only right conjuncts; nothing moves through a full outer join.
 *  - A join's own condition: inner, cross and left semi joins push single-side conjuncts to
 *    both inputs; right outer joins push left-side conjuncts to the left; left outer and left
 *    anti joins push right-side conjuncts to the right (the preserved side keeps its rows).
 * Column references are positions in left ++ right, so right conjuncts are shifted by the
 * left width when they move below.
 *
 * opt_pushdown_extra (Spark's PushExtraPredicateThroughJoin): a disjunction in a join
 * condition whose every branch constrains one side, ((n1 = 'FRANCE' AND n2 = 'GERMANY') OR
 * (n1 = 'GERMANY' AND n2 = 'FRANCE')), also filters that side with what the branches say about
 * it (n1 = 'FRANCE' OR n1 = 'GERMANY'); the condition itself stays. One pass, so derived
 * filters are not derived again.
 */
#include "functions/fn.h"
#include "optimizer/opt_int.h"

typedef struct opt_split {
    int n_left, n_right, n_rest;
    pl_expr **left, **right, **rest;
} opt_split;

/* Splits conds (over left ++ right, nl left columns) as Spark's split. */
static void opt_split_conds(opt_ctx *c, pl_expr **conds, int n, int nl, int nr, opt_split *s)
{
    size_t cap = (size_t)(n ? n : 1);
    s->left = em_arena_calloc(c->a, cap, sizeof *s->left);
    s->right = em_arena_calloc(c->a, cap, sizeof *s->right);
    s->rest = em_arena_calloc(c->a, cap, sizeof *s->rest);
    s->n_left = s->n_right = s->n_rest = 0;
    for (int idx = 0; idx < n; idx++) {
        pl_expr *e = conds[idx];
        bool any = false;
        if (!opt_expr_movable(e))
            s->rest[s->n_rest++] = e;
        else if (opt_expr_refs_within(e, 0, nl, &any))
            s->left[s->n_left++] = e;
        else if (opt_expr_refs_within(e, nl, nl + nr, &any))
            s->right[s->n_right++] = opt_expr_shift(c, e, -nl);
        else
            s->rest[s->n_rest++] = e;
    }
}

static bool opt_join_type_pushable(pl_join_type t)
{
    return t == PL_JOIN_INNER || t == PL_JOIN_CROSS || t == PL_JOIN_LEFT_SEMI ||
           t == PL_JOIN_RIGHT_OUTER || t == PL_JOIN_LEFT_OUTER || t == PL_JOIN_LEFT_ANTI;
}

/* The AND of a then b (either may be empty), or NULL. */
static pl_expr *opt_and_lists(opt_ctx *c, pl_expr **a, int na, pl_expr **b, int nb)
{
    pl_expr **all = em_arena_calloc(c->a, (size_t)(na + nb + 1), sizeof *all);
    for (int idx = 0; idx < na; idx++)
        all[idx] = a[idx];
    for (int idx = 0; idx < nb; idx++)
        all[na + idx] = b[idx];
    return opt_and_all(c, all, na + nb);
}

/* Filter(cond) over Join: returns whether anything moved. */
static bool opt_push_filter_into_join(opt_ctx *c, pl_node **np)
{
    pl_node *f = *np;
    pl_node *j = f->children[0];
    if (!opt_join_type_pushable(j->u.join.type))
        return false;
    int nl = j->children[0]->n_out, nr = j->children[1]->n_out;
    pl_expr **conds;
    int n = opt_conjuncts(c, f->u.filter.cond, &conds);
    opt_split s;
    opt_split_conds(c, conds, n, nl, nr, &s);
    pl_join_type t = j->u.join.type;
    if (t == PL_JOIN_INNER || t == PL_JOIN_CROSS) {
        /* Conjuncts with subqueries cannot be evaluated within the join (Spark's
           canEvaluateWithinJoin); the other common ones join the condition. */
        pl_expr **into = em_arena_calloc(c->a, (size_t)(s.n_rest + 1), sizeof *into);
        pl_expr **stay = em_arena_calloc(c->a, (size_t)(s.n_rest + 1), sizeof *stay);
        int n_into = 0, n_stay = 0;
        for (int idx = 0; idx < s.n_rest; idx++) {
            if (opt_expr_movable(s.rest[idx]))
                into[n_into++] = s.rest[idx];
            else
                stay[n_stay++] = s.rest[idx];
        }
        if (s.n_left + s.n_right + n_into == 0)
            return false;
        j->children[0] = opt_filter_over(c, j->children[0], s.left, s.n_left);
        j->children[1] = opt_filter_over(c, j->children[1], s.right, s.n_right);
        if (n_into) {
            pl_expr **old;
            int n_old = opt_conjuncts(c, j->u.join.cond, &old);
            j->u.join.cond = opt_and_lists(c, into, n_into, old, n_old);
        }
        if (n_stay) {
            f->u.filter.cond = opt_and_all(c, stay, n_stay);
            f->n_out = j->n_out;
            f->out = j->out;
        } else {
            *np = j;
        }
        return true;
    }
    pl_expr **down, **up_a, **up_b;
    int n_down, n_up_a, n_up_b;
    int side;
    if (t == PL_JOIN_RIGHT_OUTER) {
        side = 1;
        down = s.right, n_down = s.n_right;
        up_a = s.left, n_up_a = s.n_left;
    } else {
        side = 0;
        down = s.left, n_down = s.n_left;
        up_a = s.right, n_up_a = s.n_right;
        /* right conjuncts were shifted for a move that does not happen: shift them back */
        for (int idx = 0; idx < n_up_a; idx++)
            up_a[idx] = opt_expr_shift(c, up_a[idx], nl);
    }
    up_b = s.rest, n_up_b = s.n_rest;
    if (n_down == 0)
        return false;
    j->children[side] = opt_filter_over(c, j->children[side], down, n_down);
    if (n_up_a + n_up_b) {
        f->u.filter.cond = opt_and_lists(c, up_a, n_up_a, up_b, n_up_b);
    } else {
        *np = j;
    }
    return true;
}

/* A join's own condition: returns whether anything moved. */
static bool opt_push_join_cond(opt_ctx *c, pl_node *j)
{
    if (!j->u.join.cond || !opt_join_type_pushable(j->u.join.type))
        return false;
    int nl = j->children[0]->n_out, nr = j->children[1]->n_out;
    pl_expr **conds;
    int n = opt_conjuncts(c, j->u.join.cond, &conds);
    opt_split s;
    opt_split_conds(c, conds, n, nl, nr, &s);
    pl_join_type t = j->u.join.type;
    bool push_left = t == PL_JOIN_INNER || t == PL_JOIN_CROSS || t == PL_JOIN_LEFT_SEMI ||
                     t == PL_JOIN_RIGHT_OUTER;
    bool push_right = t == PL_JOIN_INNER || t == PL_JOIN_CROSS || t == PL_JOIN_LEFT_SEMI ||
                      t == PL_JOIN_LEFT_OUTER || t == PL_JOIN_LEFT_ANTI;
    if (!(push_left && s.n_left) && !(push_right && s.n_right))
        return false;
    /* What stays, in Spark's order: (kept single-side conjuncts ++ common). */
    pl_expr **stay = em_arena_calloc(c->a, (size_t)(n + 1), sizeof *stay);
    int n_stay = 0;
    if (push_left)
        j->children[0] = opt_filter_over(c, j->children[0], s.left, s.n_left);
    else
        for (int idx = 0; idx < s.n_left; idx++)
            stay[n_stay++] = s.left[idx];
    if (push_right)
        j->children[1] = opt_filter_over(c, j->children[1], s.right, s.n_right);
    else
        for (int idx = 0; idx < s.n_right; idx++)
            stay[n_stay++] = opt_expr_shift(c, s.right[idx], nl);
    for (int idx = 0; idx < s.n_rest; idx++)
        stay[n_stay++] = s.rest[idx];
    j->u.join.cond = opt_and_all(c, stay, n_stay);
    return true;
}

bool opt_pushdown_join_step(opt_ctx *c, pl_node **np)
{
    pl_node *n = *np;
    if (n->kind == PL_FILTER && n->children[0]->kind == PL_JOIN && n->children[0]->n_children == 2)
        return opt_push_filter_into_join(c, np);
    if (n->kind == PL_JOIN && n->n_children == 2)
        return opt_push_join_cond(c, n);
    return false;
}

/* ---- predicates implied by disjunctions ------------------------------------------------ */

/* The part of e that reads only columns [lo, hi): conjuncts kept, disjunctions kept when
   every branch has such a part (Spark's extractPredicatesWithinOutputSet), or NULL. */
static pl_expr *opt_extract_side(opt_ctx *c, pl_expr *e, int lo, int hi)
{
    if (!e)
        return NULL;
    if (e->kind == PX_CALL && e->fn && e->n_args == 2 &&
        (e->fn->lazy == FN_LAZY_AND || e->fn->lazy == FN_LAZY_OR)) {
        pl_expr *l = opt_extract_side(c, e->args[0], lo, hi);
        pl_expr *r = opt_extract_side(c, e->args[1], lo, hi);
        if (e->fn->lazy == FN_LAZY_AND) {
            if (l && r) {
                pl_expr *both[2] = {l, r};
                return opt_and_all(c, both, 2);
            }
            return l ? l : r;
        }
        if (!l || !r)
            return NULL;
        pl_expr *either[2] = {l, r};
        return opt_call(c, "or", 2, either);
    }
    bool any = false;
    if (opt_expr_movable(e) && opt_expr_refs_within(e, lo, hi, &any) && any)
        return e;
    return NULL;
}

static void opt_extra_node(opt_ctx *c, pl_node *n, int depth)
{
    if (depth > 10000)
        return;
    if (n->kind == PL_JOIN && n->n_children == 2 && n->u.join.cond) {
        pl_join_type t = n->u.join.type;
        bool inner = t == PL_JOIN_INNER || t == PL_JOIN_CROSS || t == PL_JOIN_LEFT_SEMI;
        bool to_left = inner || t == PL_JOIN_RIGHT_OUTER;
        bool to_right = inner || t == PL_JOIN_LEFT_OUTER || t == PL_JOIN_LEFT_ANTI;
        int nl = n->children[0]->n_out, nr = n->children[1]->n_out;
        pl_expr **conds;
        int nc = opt_conjuncts(c, n->u.join.cond, &conds);
        for (int idx = 0; idx < nc; idx++) {
            pl_expr *e = conds[idx];
            if (!(e->kind == PX_CALL && e->fn && e->fn->lazy == FN_LAZY_OR) || !opt_expr_movable(e))
                continue;
            pl_expr *l = to_left ? opt_extract_side(c, e, 0, nl) : NULL;
            pl_expr *r = to_right ? opt_extract_side(c, e, nl, nl + nr) : NULL;
            if (l)
                n->children[0] = opt_filter_over(c, n->children[0], &l, 1);
            if (r) {
                r = opt_expr_shift(c, r, -nl);
                n->children[1] = opt_filter_over(c, n->children[1], &r, 1);
            }
        }
    }
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            opt_extra_node(c, n->children[idx], depth + 1);
}

int opt_pushdown_extra(opt_ctx *c, pl_node **root)
{
    opt_extra_node(c, *root, 0);
    return EM_OK;
}
