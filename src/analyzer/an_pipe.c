/*
 * an_pipe: the analyzer's side of SQL pipe syntax (sql/sql_pipe.c marks the nodes it builds
 * with pl_node.pipe_clause).
 *
 *  - Spark's ValidateAndStripPipeExpressions: |> SELECT / EXTEND / SET expressions may not
 *    contain an aggregate function outside a window (PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION,
 *    naming the first one); each |> AGGREGATE expression must contain one
 *    (PIPE_OPERATOR_AGGREGATE_EXPRESSION_CONTAINS_NO_AGGREGATE_FUNCTION). The `expr` parameter
 *    is Spark's Expression.toString (attributes as name#id, ids shown as #x by the golden
 *    files' normalization).
 *  - |> AGGREGATE ... GROUP BY 1: the ordinal names the child's column at that position
 *    (UnresolvedPipeAggregateOrdinal), not a select-list item.
 *  - |> DROP a, b and |> SET a = e: Spark's UnresolvedStarExcept(OrReplace) over the child:
 *    every column but the named ones, or the named one replaced in place. A name the child
 *    lacks is UNRESOLVED_COLUMN; DROP naming a column twice is EXCEPT_OVERLAPPING_COLUMNS.
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Spark's Expression.toString, close enough for error parameters. */
static void an_pipe_tostring(an_ctx *c, const pl_expr *e, em_str *out)
{
    switch (e->kind) {
    case PX_COLREF:
        em_str_puts(out, e->name ? e->name : "?");
        em_str_puts(out, "#x");
        return;
    case PX_CALL:
    case PX_AGG_CALL: {
        const char *name = e->fn && e->fn->name ? e->fn->name : (e->name ? e->name : "?");
        bool op = !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
        if (op && e->n_args == 2) {
            em_str_putc(out, '(');
            an_pipe_tostring(c, e->args[0], out);
            em_str_printf(out, " %s ", name);
            an_pipe_tostring(c, e->args[1], out);
            em_str_putc(out, ')');
            return;
        }
        em_str_puts(out, name);
        em_str_putc(out, '(');
        for (int idx = 0; idx < e->n_args; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            an_pipe_tostring(c, e->args[idx], out);
        }
        em_str_putc(out, ')');
        return;
    }
    default:
        an_expr_sql(c, e, out);
        return;
    }
}

/* The first aggregate function call of an unresolved expression, not looking into windows
   (Spark's findFirstAggregate). */
static const pl_expr *an_pipe_first_agg(const pl_expr *e)
{
    if (!e || e->kind == PX_WINDOW)
        return NULL;
    if (e->kind == PX_FUNC) {
        const fn_def *d = fn_lookup(e->name);
        if (d && d->kind == FN_AGGREGATE)
            return e;
    }
    for (int idx = 0; idx < e->n_args; idx++) {
        const pl_expr *r = an_pipe_first_agg(e->args[idx]);
        if (r)
            return r;
    }
    return NULL;
}

/* PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION for the first aggregate of the list, if any. */
static int an_pipe_no_aggs(an_ctx *c, const pl_node *in, const pl_node *child)
{
    for (int idx = 0; idx < in->n_exprs; idx++) {
        const pl_expr *agg = an_pipe_first_agg(in->exprs[idx]);
        if (!agg)
            continue;
        an_scope s;
        an_scope_of(child, &s);
        s.allow_agg = true;
        pl_expr *r;
        if (an_expr(c, &s, agg, &r))
            return c->err->code;
        em_str o;
        em_str_init(&o, 0);
        an_pipe_tostring(c, r, &o);
        em_error_set(c->err, "PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION", "clause", in->pipe_clause,
                     "expr", o.data ? o.data : "", NULL);
        em_str_release(&o);
        if (c->sql_text && agg->src_start >= 0)
            em_error_set_context(c->err, c->sql_text, agg->src_start, agg->src_stop);
        return c->err->code;
    }
    return EM_OK;
}

/* |> AGGREGATE: every expression after the keys contains an aggregate function. */
static int an_pipe_all_aggs(an_ctx *c, const pl_node *in, const pl_node *child)
{
    for (int idx = in->pipe_n_keys; idx < in->n_exprs; idx++) {
        const pl_expr *item = in->exprs[idx];
        const pl_expr *core = item->kind == PX_ALIAS ? item->args[0] : item;
        if (an_pipe_first_agg(core))
            continue;
        an_scope s;
        an_scope_of(child, &s);
        s.allow_agg = true;
        s.allow_window = true;
        pl_expr *r;
        if (an_expr(c, &s, core, &r))
            return c->err->code;
        em_str o;
        em_str_init(&o, 0);
        an_pipe_tostring(c, r, &o);
        em_error_set(c->err, "PIPE_OPERATOR_AGGREGATE_EXPRESSION_CONTAINS_NO_AGGREGATE_FUNCTION",
                     "expr", o.data ? o.data : "", NULL);
        em_str_release(&o);
        if (c->sql_text && core->src_start >= 0)
            em_error_set_context(c->err, c->sql_text, core->src_start, core->src_stop);
        return c->err->code;
    }
    return EM_OK;
}

int an_pipe_aggregate(an_ctx *c, const pl_node *in, const pl_node *child, pl_node *copy,
                      const pl_node **use)
{
    *use = in;
    if (!in->pipe_clause)
        return EM_OK;
    if (strcmp(in->pipe_clause, "AGGREGATE") != 0)
        return an_pipe_no_aggs(c, in, child);
    if (an_pipe_all_aggs(c, in, child))
        return c->err->code;
    /* Ordinal keys: the child's column at that position. */
    *copy = *in;
    copy->exprs = em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < in->n_exprs; idx++) {
        pl_expr *e = in->exprs[idx];
        if (idx < in->pipe_n_keys && e->kind == PX_ORDINAL && e->args[0]->kind == PX_LITERAL &&
            e->args[0]->lit && e->args[0]->lit->type->kind == TY_INT) {
            int pos = VEC_VALUES(e->args[0]->lit, int32_t)[0];
            if (pos < 1 || pos > child->n_out) {
                char p[16], size[16];
                snprintf(p, sizeof p, "%d", pos);
                snprintf(size, sizeof size, "%d", child->n_out);
                return em_error_set(c->err, "GROUP_BY_POS_OUT_OF_RANGE", "index", p, "size", size,
                                    NULL);
            }
            e = an_colref(c, &child->out[pos - 1], pos - 1);
        }
        copy->exprs[idx] = e;
    }
    *use = copy;
    return EM_OK;
}

/* The child column a single-part name resolves to, or an error (UNRESOLVED_COLUMN). */
static int an_pipe_column(an_ctx *c, const an_scope *s, const pl_expr *name, int *col)
{
    pl_expr *r = NULL;
    const char *out_name;
    if (an_resolve_name(c, s, name->n_parts, (const char *const *)name->parts, &r, &out_name))
        return c->err->code;
    if (!r || r->kind != PX_COLREF)
        return an_unresolved_column(c, s, name->n_parts, (const char *const *)name->parts, name);
    *col = r->col_index;
    return EM_OK;
}

static int an_pipe_drop(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    an_scope s;
    an_scope_of(child, &s);
    int n = child->n_out;
    bool *gone = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    bool overlap = false;
    for (int k = 0; k < in->n_exprs; k++) {
        int col = -1;
        if (an_pipe_column(c, &s, in->exprs[k], &col))
            return c->err->code;
        if (col < 0 || col >= n)
            return em_error_internal(c->err, "pipe DROP: column %d out of range", col);
        if (gone[col])
            overlap = true;
        gone[col] = true;
    }
    if (overlap) {
        em_str cols;
        em_str_init(&cols, 0);
        for (int k = 0; k < in->n_exprs; k++) {
            if (k)
                em_str_puts(&cols, ", ");
            em_str_puts(&cols, in->exprs[k]->parts[0]);
        }
        em_error_set(c->err, "EXCEPT_OVERLAPPING_COLUMNS", "columns", cols.data, NULL);
        em_str_release(&cols);
        return c->err->code;
    }
    an_list l = {0};
    for (int idx = 0; idx < n; idx++)
        if (!gone[idx])
            an_list_push(c, &l, an_colref(c, &child->out[idx], idx), child->out[idx]);
    *out =
        an_make_project(c, child, l.n, l.exprs ? l.exprs : em_arena_calloc(c->a, 1, 8),
                        l.attrs ? l.attrs : em_arena_calloc(c->a, 1, sizeof(pl_attr)), in->plan_id);
    return EM_OK;
}

static int an_pipe_set(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (an_pipe_no_aggs(c, in, child))
        return c->err->code;
    an_scope s;
    an_scope_of(child, &s);
    s.allow_window = true;
    const pl_expr *alias = in->exprs[0];
    pl_expr *key = pl_attr_new(c->a, 1, (const char *const *)alias->parts, -1);
    key->src_start = -1;
    key->src_stop = -1;
    int col = -1;
    if (an_pipe_column(c, &s, key, &col))
        return c->err->code;
    pl_expr *value;
    if (an_expr(c, &s, alias->args[0], &value))
        return c->err->code;
    an_list l = {0};
    for (int idx = 0; idx < child->n_out; idx++) {
        if (idx == col)
            an_list_push(c, &l, value, an_new_attr(c, alias->parts[0], value, in->plan_id));
        else
            an_list_push(c, &l, an_colref(c, &child->out[idx], idx), child->out[idx]);
    }
    if (an_extract_windows(c, child, l.n, l.exprs, &child))
        return c->err->code;
    *out = an_make_project(c, child, l.n, l.exprs, l.attrs, in->plan_id);
    return EM_OK;
}

int an_pipe_project(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (strcmp(in->pipe_clause, "DROP") == 0)
        return an_pipe_drop(c, in, child, out);
    if (strcmp(in->pipe_clause, "SET") == 0)
        return an_pipe_set(c, in, child, out);
    *out = NULL; /* SELECT / EXTEND: an ordinary select list (aggregates are refused later) */
    return EM_OK;
}
