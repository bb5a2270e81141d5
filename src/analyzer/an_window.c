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
 * lead the one-row frame at their offset (WindowResolution.resolveFrame: a different frame
 * given for these is _LEGACY_ERROR_TEMP_1035 / 1036). A RANGE frame's value bounds are cast
 * to the ORDER BY type (WindowFrameCoercion), then checked as SpecifiedWindowFrame and
 * WindowSpecDefinition check them (DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_* /
 * RANGE_FRAME_*). Window functions need an ORDER BY (_LEGACY_ERROR_TEMP_1037); DISTINCT
 * aggregates and non-window functions are rejected as WindowResolution.checkWindowFunction does.
 * Window expressions may read aggregates when they sit in an aggregate's select list
 * (an_agg.c builds the Window over the Aggregate).
 */
#include "analyzer/an_int.h"

#include <string.h>
#include <strings.h>

#include "types/ty_cast.h"
#include "types/ty_order.h"

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

/* Raises cls with one parameter holding toSQLExpr-style text ("\"...\""). */
static int an_win_err1(an_ctx *c, const char *cls, const char *param, const em_str *text)
{
    em_str q;
    em_str_init(&q, 0);
    em_str_putc(&q, '"');
    em_str_append(&q, text->data ? text->data : "", text->len);
    em_str_putc(&q, '"');
    int rc = em_error_set(c->err, cls, param, q.data ? q.data : "", NULL);
    em_str_release(&q);
    return rc;
}

static void an_win_quoted_type(const ty *t, em_str *out)
{
    em_str_putc(out, '"');
    ty_sql(t, out);
    em_str_putc(out, '"');
}

/* The frame a window function imposes (WindowFunction.frame): ranking functions and ntile
   ROWS UNBOUNDED PRECEDING .. CURRENT ROW, cume_dist the RANGE form, lag / lead the one-row
   frame at their offset. Returns false for functions without one (nth_value, aggregates). */
static bool an_required_frame(an_ctx *c, const pl_expr *call, pl_window_spec *w, bool *offset_fn)
{
    static const char *const rows_ranking[] = {"row_number",   "rank",  "dense_rank",
                                               "percent_rank", "ntile", NULL};
    static const char *const range_ranking[] = {"cume_dist", NULL};
    const char *name = call->fn->name;
    *offset_fn = false;
    if (an_name_in(name, rows_ranking) || an_name_in(name, range_ranking)) {
        w->frame_type = an_name_in(name, rows_ranking) ? PX_FRAME_ROWS : PX_FRAME_RANGE;
        w->lower.kind = PX_BOUND_UNBOUNDED;
        w->upper.kind = PX_BOUND_CURRENT_ROW;
        return true;
    }
    if (strcasecmp(name, "lag") == 0 || strcasecmp(name, "lead") == 0) {
        int32_t offset = 1;
        if (call->n_args > 1) {
            vec *v = NULL;
            if (an_fold(c, call->args[1], &v) == 0 && v->type->kind == TY_INT && !vec_is_null(v, 0))
                offset = VEC_VALUES(v, int32_t)[0];
            vec_release(v);
        }
        if (strcasecmp(name, "lag") == 0)
            offset = -offset;
        w->frame_type = PX_FRAME_ROWS;
        w->lower.kind = w->upper.kind = PX_BOUND_VALUE;
        w->lower.value = an_int_lit(c, offset);
        w->upper.value = w->lower.value;
        *offset_fn = true;
        return true;
    }
    return false;
}

/* Two resolved frame bounds are the same (values compared folded). */
static bool an_bound_same(an_ctx *c, const pl_frame_bound *a, const pl_frame_bound *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind != PX_BOUND_VALUE)
        return true;
    vec *x = NULL, *y = NULL;
    bool same = an_fold(c, a->value, &x) == 0 && an_fold(c, b->value, &y) == 0 &&
                ty_equals_ignore_nullability(x->type, y->type) && x->type->kind != TY_NULL &&
                !vec_is_null(x, 0) && !vec_is_null(y, 0) && ty_compare(x, 0, y, 0) == 0;
    vec_release(x);
    vec_release(y);
    return same;
}

/* SpecifiedWindowFrame.toString, as Spark's error parameters print it. */
static void an_frame_string(an_ctx *c, const pl_window_spec *w, em_str *out)
{
    em_str_puts(out, "specifiedwindowframe(");
    em_str_puts(out, w->frame_type == PX_FRAME_RANGE ? "RangeFrame" : "RowFrame");
    for (int b = 0; b < 2; b++) {
        const pl_frame_bound *bd = b ? &w->upper : &w->lower;
        em_str_puts(out, ", ");
        if (bd->kind == PX_BOUND_UNBOUNDED)
            em_str_puts(out, b ? "unboundedfollowing$()" : "unboundedpreceding$()");
        else if (bd->kind == PX_BOUND_CURRENT_ROW)
            em_str_puts(out, "currentrow$()");
        else
            an_expr_sql(c, bd->value, out);
    }
    em_str_putc(out, ')');
}

/* WindowFrameCoercion: a RANGE frame's value bounds are cast to the ORDER BY type (not for
   date / timestamp keys, whose bounds are day counts and intervals). */
static void an_frame_coerce(an_ctx *c, pl_window_spec *w)
{
    if (w->frame_type != PX_FRAME_RANGE || w->n_order != 1)
        return;
    const ty *ot = w->order[0]->args[0]->type;
    if (ot->kind == TY_DATE || ot->kind == TY_TIMESTAMP || ot->kind == TY_TIMESTAMP_NTZ)
        return;
    for (int b = 0; b < 2; b++) {
        pl_frame_bound *bd = b ? &w->upper : &w->lower;
        if (bd->kind != PX_BOUND_VALUE)
            continue;
        const ty *bt = bd->value->type;
        /* Cast.canCast under the session's rules (an int bound casts to a string or boolean
           key and is then rejected by the frame's type check; not to a binary one with ANSI). */
        bool castable = ty_can_cast(bt, ot, c->opts->ansi);
        if (castable && !ty_equals_ignore_nullability(bt, ot)) {
            pl_expr *cast = an_cast(c, bd->value, ot);
            cast->is_implicit = true;
            bd->value = cast;
        }
    }
}

/* SpecifiedWindowFrame.checkInputDataTypes, then WindowSpecDefinition.checkInputDataTypes. */
static int an_frame_check(an_ctx *c, const pl_window_spec *w)
{
    bool rows = w->frame_type != PX_FRAME_RANGE;
    em_str sql;
    em_str_init(&sql, 0);
    an_frame_sql(c, w, &sql);
    int rc = EM_OK;
    for (int b = 0; b < 2 && rc == EM_OK; b++) {
        const pl_frame_bound *bd = b ? &w->upper : &w->lower;
        if (bd->kind != PX_BOUND_VALUE)
            continue;
        const char *loc = b ? "upper" : "lower";
        vec *v = NULL;
        int fr = an_fold(c, bd->value, &v);
        vec_release(v);
        if (fr < 0) {
            rc = c->err->code;
            break;
        }
        const ty *t = bd->value->type;
        em_str q, e;
        em_str_init(&q, 0);
        em_str_init(&e, 0);
        em_str_printf(&q, "\"%s\"", sql.data ? sql.data : "");
        if (fr == 1) {
            em_str_putc(&e, '"');
            an_pretty_sql(c, bd->value, &e);
            em_str_putc(&e, '"');
            rc = em_error_set(c->err, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WITHOUT_FOLDABLE",
                              "sqlExpr", q.data, "location", loc, "expression", e.data, NULL);
        } else {
            bool ok = rows
                          ? t->kind == TY_INT
                          : ty_is_numeric(t) || t->kind == TY_DAYTIME_INTERVAL ||
                                t->kind == TY_YEARMONTH_INTERVAL || t->kind == TY_CALENDAR_INTERVAL;
            if (!ok) {
                an_win_quoted_type(t, &e);
                rc = em_error_set(
                    c->err, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE", "sqlExpr",
                    q.data, "location", loc, "exprType", e.data, "expectedType",
                    rows ? "\"INT\""
                         : "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO "
                           "MONTH\" or \"INTERVAL\")",
                    NULL);
            }
        }
        em_str_release(&q);
        em_str_release(&e);
    }
    if (rc == EM_OK && w->lower.kind == PX_BOUND_VALUE && w->upper.kind == PX_BOUND_VALUE) {
        const ty *lt = w->lower.value->type, *ut = w->upper.value->type;
        em_str q;
        em_str_init(&q, 0);
        em_str_printf(&q, "\"%s\"", sql.data ? sql.data : "");
        if (!ty_equals_ignore_nullability(lt, ut)) {
            em_str l, u, ls, us;
            em_str_init(&l, 0);
            em_str_init(&u, 0);
            em_str_init(&ls, 0);
            em_str_init(&us, 0);
            an_win_quoted_type(lt, &l);
            an_win_quoted_type(ut, &u);
            em_str_putc(&ls, '"');
            an_pretty_sql(c, w->lower.value, &ls);
            em_str_putc(&ls, '"');
            em_str_putc(&us, '"');
            an_pretty_sql(c, w->upper.value, &us);
            em_str_putc(&us, '"');
            rc = em_error_set(c->err, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_DIFF_TYPES",
                              "sqlExpr", q.data, "lower", ls.data, "upper", us.data, "lowerType",
                              l.data, "upperType", u.data, NULL);
            em_str_release(&l);
            em_str_release(&u);
            em_str_release(&ls);
            em_str_release(&us);
        } else if (!ty_is_nested(lt) && lt->kind != TY_CALENDAR_INTERVAL) {
            vec *x = NULL, *y = NULL;
            if (an_fold(c, w->lower.value, &x) == 0 && an_fold(c, w->upper.value, &y) == 0 &&
                x->type->kind != TY_NULL && !vec_is_null(x, 0) && !vec_is_null(y, 0) &&
                ty_compare(x, 0, y, 0) > 0)
                rc = em_error_set(c->err,
                                  "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
                                  "sqlExpr", q.data, "comparison", "less than or equal", NULL);
            vec_release(x);
            vec_release(y);
        }
        em_str_release(&q);
    }
    em_str_release(&sql);
    if (rc != EM_OK || rows)
        return rc;
    /* WindowSpecDefinition: RANGE frames need one ORDER BY key of a matching type. */
    bool unbounded = w->lower.kind == PX_BOUND_UNBOUNDED && w->upper.kind == PX_BOUND_UNBOUNDED;
    const pl_frame_bound *vb = w->lower.kind == PX_BOUND_VALUE   ? &w->lower
                               : w->upper.kind == PX_BOUND_VALUE ? &w->upper
                                                                 : NULL;
    em_str spec;
    em_str_init(&spec, 0);
    an_window_spec_sql(c, w, &spec);
    if (!unbounded && w->n_order == 0) {
        rc = an_win_err1(c, "DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER", "sqlExpr", &spec);
    } else if (vb && w->n_order > 1) {
        em_str q, o;
        em_str_init(&q, 0);
        em_str_init(&o, 0);
        em_str_printf(&q, "\"%s\"", spec.data ? spec.data : "");
        for (int k = 0; k < w->n_order; k++) {
            const pl_expr *so = w->order[k];
            if (k)
                em_str_putc(&o, ',');
            /* SortOrder.toString: the attribute with its (golden-normalized) id. */
            an_expr_sql(c, so->args[0], &o);
            if (so->args[0]->kind == PX_COLREF)
                em_str_puts(&o, "#x");
            em_str_puts(&o, so->descending ? " DESC" : " ASC");
            em_str_puts(&o, so->nulls_first ? " NULLS FIRST" : " NULLS LAST");
        }
        rc = em_error_set(c->err, "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER", "sqlExpr", q.data,
                          "orderSpec", o.data ? o.data : "", NULL);
        em_str_release(&q);
        em_str_release(&o);
    } else if (vb) {
        const ty *ot = w->order[0]->args[0]->type, *bt = vb->value->type;
        bool ok;
        switch (ot->kind) {
        case TY_DATE:
            ok = bt->kind == TY_INT || bt->kind == TY_YEARMONTH_INTERVAL ||
                 (bt->kind == TY_DAYTIME_INTERVAL && bt->start_field == TY_DT_DAY &&
                  bt->end_field == TY_DT_DAY);
            break;
        case TY_TIMESTAMP:
        case TY_TIMESTAMP_NTZ:
            ok = bt->kind == TY_CALENDAR_INTERVAL || bt->kind == TY_YEARMONTH_INTERVAL ||
                 bt->kind == TY_DAYTIME_INTERVAL;
            break;
        default:
            ok = ty_equals_ignore_nullability(ot, bt);
            break;
        }
        if (!ok) {
            em_str q, os, bs;
            em_str_init(&q, 0);
            em_str_init(&os, 0);
            em_str_init(&bs, 0);
            em_str_printf(&q, "\"%s\"", spec.data ? spec.data : "");
            an_win_quoted_type(ot, &os);
            an_win_quoted_type(bt, &bs);
            rc = em_error_set(c->err, "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE", "sqlExpr",
                              q.data, "orderSpecType", os.data, "valueBoundaryType", bs.data, NULL);
            em_str_release(&q);
            em_str_release(&os);
            em_str_release(&bs);
        }
    }
    em_str_release(&spec);
    return rc;
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
    /* Window functions may read aggregates when the window sits on an aggregate. */
    an_scope inner = *s;
    inner.allow_window = false;
    if (f->kind != PX_FUNC) {
        pl_expr *r;
        if (an_expr(c, &inner, f, &r))
            return c->err->code;
        em_str t;
        em_str_init(&t, 0);
        an_pretty_sql(c, r, &t);
        int rc = an_win_err1(c, "UNSUPPORTED_EXPR_FOR_WINDOW", "sqlExpr", &t);
        em_str_release(&t);
        return rc;
    }
    const fn_def *def = fn_lookup(f->name);
    if (!def)
        return em_error_set(c->err, "UNRESOLVED_ROUTINE", "routineName",
                            pl_quoted_name(c->a, 1, &f->name), "searchPath",
                            "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
                            NULL);
    if (def->kind != FN_WINDOW && def->kind != FN_AGGREGATE) {
        /* WindowResolution.checkWindowFunction: UNSUPPORTED_EXPR_FOR_WINDOW. */
        pl_expr *r;
        if (an_expr(c, &inner, f, &r))
            return c->err->code;
        em_str t;
        em_str_init(&t, 0);
        an_pretty_sql(c, r, &t);
        int rc = an_win_err1(c, "UNSUPPORTED_EXPR_FOR_WINDOW", "sqlExpr", &t);
        em_str_release(&t);
        return rc;
    }
    if (f->agg_filter) {
        /* FunctionResolution refuses FILTER on window functions; ExtractWindowExpressions on
           aggregates over a window. */
        if (def->kind == FN_WINDOW) {
            char *pretty = em_arena_printf(c->a, "`%s`", def->name);
            return em_error_set(c->err, "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
                                "prettyName", pretty, "syntax", "FILTER clause", NULL);
        }
        return em_error_set(c->err, "_LEGACY_ERROR_TEMP_1030", NULL);
    }
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
    bool offset_fn;
    if (an_required_frame(c, call, w, &offset_fn)) {
        /* WindowResolution.resolveFrame: a frame given for these must be theirs. */
        if (ws && ws->has_frame) {
            pl_window_spec given = *w;
            given.frame_type = ws->frame_type;
            if (an_frame_bound(c, &inner, &ws->lower, &given.lower) ||
                an_frame_bound(c, &inner, &ws->upper, &given.upper))
                return c->err->code;
            if (given.frame_type != w->frame_type || !an_bound_same(c, &given.lower, &w->lower) ||
                !an_bound_same(c, &given.upper, &w->upper)) {
                if (offset_fn)
                    return em_error_set(c->err, "_LEGACY_ERROR_TEMP_1035", "prettyName",
                                        strcasecmp(def->name, "lag") == 0 ? "lag" : "lead", NULL);
                em_str gs, rs;
                em_str_init(&gs, 0);
                em_str_init(&rs, 0);
                an_frame_string(c, &given, &gs);
                an_frame_string(c, w, &rs);
                em_error_set(c->err, "_LEGACY_ERROR_TEMP_1036", "wf", gs.data, "required", rs.data,
                             NULL);
                em_str_release(&gs);
                em_str_release(&rs);
                return c->err->code;
            }
        }
    } else if (ws && ws->has_frame) {
        w->frame_type = ws->frame_type;
        if (an_frame_bound(c, &inner, &ws->lower, &w->lower) ||
            an_frame_bound(c, &inner, &ws->upper, &w->upper))
            return c->err->code;
        an_frame_coerce(c, w);
    } else {
        w->frame_type = w->n_order ? PX_FRAME_RANGE : PX_FRAME_ROWS;
        w->lower.kind = PX_BOUND_UNBOUNDED;
        w->upper.kind = w->n_order ? PX_BOUND_CURRENT_ROW : PX_BOUND_UNBOUNDED;
    }
    if (def->kind == FN_WINDOW && w->n_order == 0) {
        /* WindowResolution.resolveOrder: window functions need an ORDER BY. */
        em_str t;
        em_str_init(&t, 0);
        an_expr_sql(c, call, &t);
        em_error_set(c->err, "_LEGACY_ERROR_TEMP_1037", "wf", t.data ? t.data : "", NULL);
        em_str_release(&t);
        return c->err->code;
    }
    if (an_frame_check(c, w))
        return c->err->code;
    call->window = w;
    call->resolved = true;
    if (call->is_distinct) {
        em_str t;
        em_str_init(&t, 0);
        an_pretty_sql(c, call, &t);
        int rc = an_win_err1(c, "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", "windowExpr", &t);
        em_str_release(&t);
        return rc;
    }
    *out = call;
    return EM_OK;
}

int an_window_not_allowed(an_ctx *c, const an_scope *s, const pl_expr *in)
{
    if (s->window_clause)
        return em_error_set(c->err, "_LEGACY_ERROR_TEMP_1034", "clauseName", s->window_clause,
                            NULL);
    /* CheckAnalysis: the operator's invalid expressions, as toSQLExpr prints them. */
    an_scope ws = *s;
    ws.allow_window = true;
    pl_expr *call;
    if (an_window_call(c, &ws, in, &call))
        return c->err->code;
    em_str t;
    em_str_init(&t, 0);
    an_pretty_sql(c, call, &t);
    int rc = an_win_err1(c, "UNSUPPORTED_EXPR_FOR_OPERATOR", "invalidExprSqls", &t);
    em_str_release(&t);
    return rc;
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
