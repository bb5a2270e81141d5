/*
 * an_window: window expressions (f(...) OVER (PARTITION BY ... ORDER BY ... frame)).
 *
 * A PX_WINDOW in a select list resolves into a PX_WINDOW_CALL: the function (a window
 * function, or an aggregate used as one) with its arguments over the input row, and the
 * window spec (partition and order expressions over the input row, frame made explicit).
 * Spark's ExtractWindowExpressions then moves the calls into a Window operator below the
 * Project; here one PL_WINDOW node holds every call of the list (out = input ++ one column per
 * call) and the select items read the results by column reference.
 *
 * Frames follow Spark's defaults: with ORDER BY, RANGE BETWEEN UNBOUNDED PRECEDING AND
 * CURRENT ROW, without, ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING; ranking
 * functions use ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (cume_dist: RANGE), lag and
 * lead the one-row frame at their offset.
 */
#include "analyzer/an_int.h"

#include <string.h>
#include <strings.h>

static bool an_name_in(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp(name, *names) == 0)
            return true;
    return false;
}

static pl_expr *an_int_lit(an_ctx *c, int32_t v)
{
    pl_expr *e = pl_lit_int(c->a, v);
    e->resolved = true;
    return e;
}

static int an_frame_bound(an_ctx *c, const an_scope *s, const pl_frame_bound *in,
                          pl_frame_bound *out)
{
    out->kind = in->kind;
    out->value = NULL;
    if (in->kind == PX_BOUND_VALUE && an_expr(c, s, in->value, &out->value))
        return c->err->code;
    return EM_OK;
}

int an_window_call(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    const pl_expr *f = in->args[0];
    if (f->kind == PX_SQL_EXPR) {
        pl_expr *parsed;
        if (an_parse_sql_expr(c, f, &parsed))
            return c->err->code;
        f = parsed;
    }
    if (f->kind != PX_FUNC)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "this window function expression", NULL);
    const fn_def *def = fn_lookup(f->name);
    if (!def)
        return em_error_set(c->err, "UNRESOLVED_ROUTINE", "routineName",
                            pl_quoted_name(c->a, 1, &f->name), "searchPath",
                            "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
                            NULL);
    if (def->kind != FN_WINDOW && def->kind != FN_AGGREGATE)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "a non-window function over a window", NULL);
    an_scope inner = *s;
    inner.allow_agg = false;
    inner.allow_window = false;
    pl_expr *call = pl_expr_new(c->a, PX_WINDOW_CALL, f->n_args);
    call->name = em_arena_strdup(c->a, f->name);
    call->is_distinct = f->is_distinct;
    call->fn = def;
    bool count_star = strcasecmp(f->name, "count") == 0 && f->n_args == 1 &&
                      f->args[0]->kind == PX_STAR && f->args[0]->n_parts == 0;
    for (int idx = 0; idx < f->n_args; idx++) {
        if (count_star) {
            call->args[idx] = an_int_lit(c, 1);
            continue;
        }
        if (an_expr(c, &inner, f->args[idx], &call->args[idx]))
            return c->err->code;
    }
    pl_expr **orig = em_arena_calloc(c->a, (size_t)(call->n_args ? call->n_args : 1), sizeof *orig);
    int n_orig = call->n_args;
    for (int idx = 0; idx < n_orig; idx++)
        orig[idx] = call->args[idx];
    if (!def->bind || def->bind(def, c->a, call, c->opts, c->err))
        return c->err->code
                   ? c->err->code
                   : em_error_internal(c->err, "window function %s has no bind step", def->name);
    for (int idx = 0; idx < call->n_args; idx++) {
        bool original = false;
        for (int k = 0; k < n_orig && !original; k++)
            original = orig[k] == call->args[idx];
        if (!original && call->args[idx]->kind == PX_CAST)
            call->args[idx]->is_implicit = true;
    }

    const pl_window_spec *ws = in->window;
    pl_window_spec *w = em_arena_calloc(c->a, 1, sizeof *w);
    w->n_partition = ws ? ws->n_partition : 0;
    w->partition =
        em_arena_calloc(c->a, (size_t)(w->n_partition ? w->n_partition : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < w->n_partition; idx++)
        if (an_expr(c, &inner, ws->partition[idx], &w->partition[idx]))
            return c->err->code;
    w->n_order = ws ? ws->n_order : 0;
    w->order = em_arena_calloc(c->a, (size_t)(w->n_order ? w->n_order : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < w->n_order; idx++)
        if (an_expr(c, &inner, ws->order[idx], &w->order[idx]))
            return c->err->code;
    w->has_frame = true;
    static const char *const rows_ranking[] = {"row_number",   "rank",  "dense_rank",
                                               "percent_rank", "ntile", NULL};
    static const char *const range_ranking[] = {"cume_dist", NULL};
    if (an_name_in(f->name, rows_ranking) || an_name_in(f->name, range_ranking)) {
        w->frame_type = an_name_in(f->name, rows_ranking) ? PX_FRAME_ROWS : PX_FRAME_RANGE;
        w->lower.kind = PX_BOUND_UNBOUNDED;
        w->upper.kind = PX_BOUND_CURRENT_ROW;
    } else if (strcasecmp(f->name, "lag") == 0 || strcasecmp(f->name, "lead") == 0) {
        int32_t offset = 1;
        if (call->n_args > 1 && call->args[1]->kind == PX_LITERAL &&
            call->args[1]->lit->type->kind == TY_INT && !vec_is_null(call->args[1]->lit, 0))
            offset = VEC_VALUES(call->args[1]->lit, int32_t)[0];
        if (strcasecmp(f->name, "lag") == 0)
            offset = -offset;
        w->frame_type = PX_FRAME_ROWS;
        w->lower.kind = w->upper.kind = PX_BOUND_VALUE;
        w->lower.value = an_int_lit(c, offset);
        w->upper.value = w->lower.value;
    } else if (ws && ws->has_frame) {
        w->frame_type = ws->frame_type;
        if (an_frame_bound(c, &inner, &ws->lower, &w->lower) ||
            an_frame_bound(c, &inner, &ws->upper, &w->upper))
            return c->err->code;
    } else {
        w->frame_type = w->n_order ? PX_FRAME_RANGE : PX_FRAME_ROWS;
        w->lower.kind = PX_BOUND_UNBOUNDED;
        w->upper.kind = w->n_order ? PX_BOUND_CURRENT_ROW : PX_BOUND_UNBOUNDED;
    }
    call->window = w;
    call->resolved = true;
    *out = call;
    return EM_OK;
}

/* Collects the window calls of e (outermost first) into list. */
static void an_collect_windows(an_ctx *c, pl_expr *e, pl_expr ***list, int *n, int *cap)
{
    if (!e)
        return;
    if (e->kind == PX_WINDOW_CALL) {
        for (int idx = 0; idx < *n; idx++)
            if ((*list)[idx] == e)
                return;
        if (*n == *cap) {
            int nc = *cap ? *cap * 2 : 8;
            pl_expr **g = em_arena_calloc(c->a, (size_t)nc, sizeof *g);
            if (*n)
                memcpy(g, *list, (size_t)*n * sizeof *g);
            *list = g;
            *cap = nc;
        }
        (*list)[(*n)++] = e;
        return;
    }
    for (int idx = 0; idx < e->n_args; idx++)
        an_collect_windows(c, e->args[idx], list, n, cap);
}

static pl_expr *an_replace_windows(an_ctx *c, pl_expr *e, pl_expr *const *calls, int n,
                                   const pl_node *win, int base)
{
    for (int idx = 0; idx < n; idx++)
        if (calls[idx] == e)
            return an_colref(c, &win->out[base + idx], base + idx);
    if (e->n_args == 0)
        return e;
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int idx = 0; idx < e->n_args; idx++)
        r->args[idx] = an_replace_windows(c, e->args[idx], calls, n, win, base);
    return r;
}

int an_extract_windows(an_ctx *c, pl_node *child, int n, pl_expr **exprs, pl_node **new_child)
{
    pl_expr **calls = NULL;
    int n_calls = 0, cap = 0;
    for (int idx = 0; idx < n; idx++)
        an_collect_windows(c, exprs[idx], &calls, &n_calls, &cap);
    if (n_calls == 0) {
        *new_child = child;
        return EM_OK;
    }
    pl_node *win = an_node_like(c, PL_WINDOW, 1, NULL);
    win->children[0] = child;
    win->n_exprs = n_calls;
    win->exprs = calls;
    int base = child->n_out;
    win->n_out = base + n_calls;
    win->out = em_arena_calloc(c->a, (size_t)win->n_out, sizeof(pl_attr));
    if (base)
        memcpy(win->out, child->out, (size_t)base * sizeof(pl_attr));
    for (int idx = 0; idx < n_calls; idx++) {
        em_str s;
        em_str_init(&s, 0);
        an_pretty_sql(c, calls[idx], &s);
        pl_attr *a = &win->out[base + idx];
        a->name = an_str_done(c, &s);
        em_str_release(&s);
        a->type = calls[idx]->type;
        a->nullable = calls[idx]->nullable;
        a->id = an_new_id(c);
        a->plan_id = -1;
    }
    for (int idx = 0; idx < n; idx++)
        exprs[idx] = an_replace_windows(c, exprs[idx], calls, n_calls, win, base);
    *new_child = win;
    return EM_OK;
}
