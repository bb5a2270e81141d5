/*
 * opt_expr: expression helpers of the optimizer - column references remapped, shifted or
 * substituted (copy on write: the input's expressions are shared and never modified), the
 * columns an expression reads, determinism, conjunct splitting and AND building, bound calls.
 */
#include <string.h>

#include "functions/fn.h"
#include "optimizer/opt_int.h"

/* Replaces a column reference (returns NULL to keep it). */
typedef pl_expr *(*opt_ref_fn)(opt_ctx *c, const pl_expr *ref, void *arg);

static pl_expr *opt_expr_map(opt_ctx *c, const pl_expr *e, opt_ref_fn fn, void *arg);

static pl_expr **opt_list_map(opt_ctx *c, pl_expr *const *list, int n, opt_ref_fn fn, void *arg,
                              bool *changed)
{
    pl_expr **out = NULL;
    for (int idx = 0; idx < n; idx++) {
        pl_expr *ne = opt_expr_map(c, list[idx], fn, arg);
        if (ne != list[idx] && !out) {
            out = em_arena_calloc(c->a, (size_t)n, sizeof *out);
            memcpy(out, list, (size_t)n * sizeof *out);
        }
        if (out)
            out[idx] = ne;
    }
    if (out)
        *changed = true;
    return out ? out : (pl_expr **)list;
}

static pl_window_spec *opt_window_map(opt_ctx *c, pl_window_spec *w, opt_ref_fn fn, void *arg)
{
    if (!w)
        return NULL;
    bool changed = false;
    pl_expr **part = opt_list_map(c, w->partition, w->n_partition, fn, arg, &changed);
    pl_expr **order = opt_list_map(c, w->order, w->n_order, fn, arg, &changed);
    pl_expr *lo = opt_expr_map(c, w->lower.value, fn, arg);
    pl_expr *hi = opt_expr_map(c, w->upper.value, fn, arg);
    if (!changed && lo == w->lower.value && hi == w->upper.value)
        return w;
    pl_window_spec *nw = em_arena_alloc(c->a, sizeof *nw);
    *nw = *w;
    nw->partition = part;
    nw->order = order;
    nw->lower.value = lo;
    nw->upper.value = hi;
    return nw;
}

static pl_expr *opt_expr_map(opt_ctx *c, const pl_expr *e, opt_ref_fn fn, void *arg)
{
    if (!e)
        return NULL;
    if (e->kind == PX_COLREF) {
        pl_expr *r = fn(c, e, arg);
        return r ? r : (pl_expr *)e;
    }
    bool changed = false;
    pl_expr **args = opt_list_map(c, e->args, e->n_args, fn, arg, &changed);
    pl_window_spec *w = opt_window_map(c, e->window, fn, arg);
    pl_expr *filter = opt_expr_map(c, e->agg_filter, fn, arg);
    if (!changed && w == e->window && filter == e->agg_filter)
        return (pl_expr *)e;
    pl_expr *copy = em_arena_alloc(c->a, sizeof *copy);
    *copy = *e;
    copy->args = args;
    copy->window = w;
    copy->agg_filter = filter;
    return copy;
}

pl_expr *opt_colref(opt_ctx *c, const pl_attr *attr, int idx)
{
    pl_expr *e = pl_expr_new(c->a, PX_COLREF, 0);
    e->col_index = idx;
    e->attr_id = attr->id;
    e->name = attr->name;
    e->type = attr->type;
    e->nullable = attr->nullable;
    e->resolved = true;
    return e;
}

typedef struct opt_remap_arg {
    const int *map;
    int n_map;
    int delta;
} opt_remap_arg;

static pl_expr *opt_remap_ref(opt_ctx *c, const pl_expr *ref, void *arg)
{
    const opt_remap_arg *m = arg;
    int to = ref->col_index + m->delta;
    if (m->map) {
        if (ref->col_index < 0 || ref->col_index >= m->n_map || m->map[ref->col_index] < 0)
            return NULL; /* the caller checked; keep the reference rather than crash */
        to = m->map[ref->col_index];
    }
    if (to == ref->col_index)
        return NULL;
    pl_expr *copy = em_arena_alloc(c->a, sizeof *copy);
    *copy = *ref;
    copy->col_index = to;
    return copy;
}

pl_expr *opt_expr_remap(opt_ctx *c, const pl_expr *e, const int *map, int n_map)
{
    opt_remap_arg m = {map, n_map, 0};
    return opt_expr_map(c, e, opt_remap_ref, &m);
}

pl_expr *opt_expr_shift(opt_ctx *c, const pl_expr *e, int delta)
{
    if (delta == 0)
        return (pl_expr *)e;
    opt_remap_arg m = {NULL, 0, delta};
    return opt_expr_map(c, e, opt_remap_ref, &m);
}

typedef struct opt_subst_arg {
    pl_expr *const *repl;
    int n;
} opt_subst_arg;

static pl_expr *opt_subst_ref(opt_ctx *c, const pl_expr *ref, void *arg)
{
    (void)c;
    const opt_subst_arg *s = arg;
    if (ref->col_index < 0 || ref->col_index >= s->n)
        return NULL;
    return s->repl[ref->col_index];
}

pl_expr *opt_expr_subst(opt_ctx *c, const pl_expr *e, pl_expr *const *repl, int n_repl)
{
    opt_subst_arg s = {repl, n_repl};
    return opt_expr_map(c, e, opt_subst_ref, &s);
}

/* ---- reading expressions ---------------------------------------------------------------- */

typedef bool (*opt_visit_fn)(const pl_expr *e, void *arg); /* false stops the walk */

static bool opt_expr_walk(const pl_expr *e, opt_visit_fn fn, void *arg)
{
    if (!e)
        return true;
    if (!fn(e, arg))
        return false;
    for (int idx = 0; idx < e->n_args; idx++)
        if (!opt_expr_walk(e->args[idx], fn, arg))
            return false;
    if (!opt_expr_walk(e->agg_filter, fn, arg))
        return false;
    const pl_window_spec *w = e->window;
    if (w) {
        for (int idx = 0; idx < w->n_partition; idx++)
            if (!opt_expr_walk(w->partition[idx], fn, arg))
                return false;
        for (int idx = 0; idx < w->n_order; idx++)
            if (!opt_expr_walk(w->order[idx], fn, arg))
                return false;
        if (!opt_expr_walk(w->lower.value, fn, arg) || !opt_expr_walk(w->upper.value, fn, arg))
            return false;
    }
    return true;
}

typedef struct opt_refs_arg {
    bool *mask;
    int n;
    int lo, hi;
    bool any, outside;
} opt_refs_arg;

static bool opt_refs_visit(const pl_expr *e, void *arg)
{
    opt_refs_arg *r = arg;
    if (e->kind != PX_COLREF)
        return true;
    r->any = true;
    if (r->mask && e->col_index >= 0 && e->col_index < r->n)
        r->mask[e->col_index] = true;
    if (e->col_index < r->lo || e->col_index >= r->hi)
        r->outside = true;
    return true;
}

void opt_expr_refs(const pl_expr *e, bool *mask, int n)
{
    opt_refs_arg r = {.mask = mask, .n = n, .lo = 0, .hi = 0};
    opt_expr_walk(e, opt_refs_visit, &r);
}

bool opt_expr_refs_within(const pl_expr *e, int lo, int hi, bool *any)
{
    opt_refs_arg r = {.lo = lo, .hi = hi};
    opt_expr_walk(e, opt_refs_visit, &r);
    if (any)
        *any = r.any;
    return !r.outside;
}

static bool opt_node_tree_deterministic(const pl_node *n);

static bool opt_det_visit(const pl_expr *e, void *arg)
{
    bool *det = arg;
    if ((e->kind == PX_CALL || e->kind == PX_AGG_CALL || e->kind == PX_WINDOW_CALL) &&
        (!e->fn || !e->fn->deterministic)) {
        *det = false;
        return false;
    }
    if (e->subquery && !opt_node_tree_deterministic(e->subquery)) {
        *det = false;
        return false;
    }
    return true;
}

bool opt_expr_deterministic(const pl_expr *e)
{
    bool det = true;
    opt_expr_walk(e, opt_det_visit, &det);
    return det;
}

static bool opt_node_tree_deterministic(const pl_node *n)
{
    if (!n)
        return true;
    if (!opt_node_deterministic(n))
        return false;
    for (int idx = 0; idx < n->n_children; idx++)
        if (!opt_node_tree_deterministic(n->children[idx]))
            return false;
    return true;
}

static bool opt_subq_visit(const pl_expr *e, void *arg)
{
    bool *found = arg;
    if (e->kind == PX_SCALAR_SUBQUERY || e->kind == PX_EXISTS || e->kind == PX_IN_SUBQUERY ||
        e->kind == PX_OUTER_REF || e->subquery) {
        *found = true;
        return false;
    }
    return true;
}

bool opt_expr_has_subquery(const pl_expr *e)
{
    bool found = false;
    opt_expr_walk(e, opt_subq_visit, &found);
    return found;
}

static bool opt_throw_visit(const pl_expr *e, void *arg)
{
    bool *found = arg;
    if (e->kind == PX_CALL && e->fn &&
        (strcmp(e->fn->name, "raise_error") == 0 || strcmp(e->fn->name, "assert_true") == 0)) {
        *found = true;
        return false;
    }
    return true;
}

bool opt_expr_throwable(const pl_expr *e)
{
    bool found = false;
    opt_expr_walk(e, opt_throw_visit, &found);
    return found;
}

bool opt_expr_movable(const pl_expr *e)
{
    return opt_expr_deterministic(e) && !opt_expr_has_subquery(e) && !opt_expr_throwable(e);
}

/* ---- conjuncts and calls ---------------------------------------------------------------- */

static bool opt_is_and(const pl_expr *e)
{
    return e && e->kind == PX_CALL && e->fn && e->fn->lazy == FN_LAZY_AND && e->n_args == 2;
}

static void opt_conj_collect(pl_expr *e, pl_expr **out, int *n)
{
    if (opt_is_and(e)) {
        opt_conj_collect(e->args[0], out, n);
        opt_conj_collect(e->args[1], out, n);
        return;
    }
    if (out)
        out[*n] = e;
    (*n)++;
}

int opt_conjuncts(opt_ctx *c, pl_expr *e, pl_expr ***out)
{
    int n = 0;
    if (e)
        opt_conj_collect(e, NULL, &n);
    *out = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof **out);
    n = 0;
    if (e)
        opt_conj_collect(e, *out, &n);
    return n;
}

pl_expr *opt_call(opt_ctx *c, const char *name, int n, pl_expr *const *args)
{
    const fn_def *def = fn_lookup(name);
    if (!def || def->kind != FN_SCALAR || !def->bind)
        return NULL;
    pl_expr *call = pl_func_new(c->a, name, n, args);
    call->kind = PX_CALL;
    call->fn = def;
    em_error scratch;
    em_error_clear(&scratch);
    if (def->bind(def, c->a, call, c->env->opts, &scratch))
        return NULL;
    call->resolved = true;
    return call;
}

pl_expr *opt_and_all(opt_ctx *c, pl_expr *const *list, int n)
{
    if (n <= 0)
        return NULL;
    pl_expr *acc = list[0];
    for (int idx = 1; idx < n; idx++) {
        pl_expr *args[2] = {acc, list[idx]};
        pl_expr *and_ = opt_call(c, "and", 2, args);
        if (!and_) {
            /* Cannot happen with boolean conjuncts; build the node by hand as a last resort. */
            and_ = pl_func_new(c->a, "and", 2, args);
            and_->kind = PX_CALL;
            and_->fn = fn_lookup("and");
            and_->type = ty_boolean();
            and_->nullable = acc->nullable || list[idx]->nullable;
            and_->resolved = true;
        }
        acc = and_;
    }
    return acc;
}

bool opt_is_call(const pl_expr *e, const char *name, int n_args)
{
    return e && e->kind == PX_CALL && e->fn && e->n_args == n_args &&
           strcmp(e->fn->name, name) == 0;
}

bool opt_bool_literal(const pl_expr *e, int *value)
{
    if (!e || e->kind != PX_LITERAL || !e->lit || e->lit->len < 1)
        return false;
    const vec *v = e->lit;
    if (v->type->kind == TY_NULL) {
        *value = -1;
        return e->type && (e->type->kind == TY_BOOLEAN || e->type->kind == TY_NULL);
    }
    if (v->type->kind != TY_BOOLEAN)
        return false;
    if (vec_is_null(v, 0))
        *value = -1;
    else
        *value = VEC_VALUES(v, uint8_t)[0] ? 1 : 0;
    return true;
}

static bool opt_lit_equal(const vec *x, const vec *y)
{
    if (!x || !y || !ty_equals(x->type, y->type) || x->len < 1 || y->len < 1)
        return false;
    bool xn = x->type->kind == TY_NULL || vec_is_null(x, 0);
    bool yn = y->type->kind == TY_NULL || vec_is_null(y, 0);
    if (xn || yn)
        return xn && yn;
    int width = ty_fixed_width(x->type);
    if (width > 0 && x->values && y->values)
        return memcmp(x->values, y->values, (size_t)width) == 0;
    if (x->offsets && y->offsets && (x->type->kind == TY_STRING || x->type->kind == TY_BINARY)) {
        int32_t lx, ly;
        const char *sx = vec_str(x, 0, &lx), *sy = vec_str(y, 0, &ly);
        return lx == ly && memcmp(sx, sy, (size_t)lx) == 0;
    }
    return false;
}

bool opt_expr_equal(const pl_expr *x, const pl_expr *y)
{
    if (x == y)
        return true;
    if (!x || !y || x->kind != y->kind || x->n_args != y->n_args || x->subquery || y->subquery ||
        x->window || y->window || !x->type || !y->type || !ty_equals(x->type, y->type))
        return false;
    switch (x->kind) {
    case PX_COLREF:
        return x->col_index == y->col_index;
    case PX_LITERAL:
        return opt_lit_equal(x->lit, y->lit);
    case PX_CALL:
        if (x->fn != y->fn || !x->fn || !x->fn->deterministic)
            return false;
        break;
    case PX_CAST:
        if (!x->cast_type || !y->cast_type || !ty_equals(x->cast_type, y->cast_type) ||
            x->eval_mode != y->eval_mode)
            return false;
        break;
    case PX_EXTRACT:
        if (x->ordinal != y->ordinal)
            return false;
        break;
    default:
        return false;
    }
    for (int idx = 0; idx < x->n_args; idx++)
        if (!opt_expr_equal(x->args[idx], y->args[idx]))
            return false;
    return true;
}
