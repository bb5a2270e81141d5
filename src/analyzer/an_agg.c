/*
 * an_agg: Aggregate resolution. The unresolved node's exprs are the whole output list (for
 * DataFrame groupBy().agg(), connect/ puts the grouping expressions first, as Spark's planner
 * does); groups are the grouping expressions (PX_ORDINAL = a 1-based position in the output
 * list, Spark's groupByOrdinal).
 *
 * The resolved form (plan.h): groups over the input row; u.agg.aggs = the distinct aggregate
 * calls over the input row; exprs = the outputs over the row (groups ++ aggregate results).
 * Each output expression is rewritten bottom-up: a subtree equal to a grouping expression
 * becomes a reference to that group's slot, an aggregate call a reference to its slot; a
 * column left over is Spark's MISSING_AGGREGATION (MISSING_GROUP_BY without grouping).
 *
 * HAVING and ORDER BY above an aggregate may use aggregate calls and grouping columns that
 * are not in the output (Spark's ResolveAggregateFunctions): such expressions are added to
 * the aggregate as hidden outputs, filtered / sorted on, then projected away.
 *
 * ROLLUP, CUBE and GROUPING SETS become a UNION ALL of one aggregate per grouping set, the
 * grouping columns missing from a set reading NULL (grouping() / grouping_id() are constants
 * per branch); Spark expresses the same with Expand. PIVOT with values is Spark's
 * single-aggregate rewrite: agg(if(pivot <=> value, x, null)) per value and aggregate.
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_coerce.h"
#include "types/ty_cast.h"
#include "types/ty_format.h"

typedef struct an_agg_state {
    an_ctx *c;
    int n_groups;
    pl_expr **groups;
    /* Grouping-set branch: which groups are present (NULL = all). */
    const bool *present;
    /* All grouping expressions of a ROLLUP/CUBE/SETS (for grouping_id), else groups. */
    int n_all;
    pl_expr **all;
    int n_aggs, cap_aggs;
    pl_expr **aggs;
} an_agg_state;

static int an_agg_slot(an_agg_state *st, pl_expr *call)
{
    for (int idx = 0; idx < st->n_aggs; idx++)
        if (an_expr_equal(st->aggs[idx], call))
            return idx;
    if (st->n_aggs == st->cap_aggs) {
        int cap = st->cap_aggs ? st->cap_aggs * 2 : 8;
        pl_expr **n = em_arena_calloc(st->c->a, (size_t)cap, sizeof *n);
        if (st->n_aggs)
            memcpy(n, st->aggs, (size_t)st->n_aggs * sizeof *n);
        st->aggs = n;
        st->cap_aggs = cap;
    }
    st->aggs[st->n_aggs] = call;
    return st->n_aggs++;
}

static pl_expr *an_slot_ref(an_ctx *c, const pl_expr *of, int slot)
{
    pl_expr *e = pl_expr_new(c->a, PX_COLREF, 0);
    e->col_index = slot;
    e->attr_id = of->kind == PX_COLREF ? of->attr_id : -1;
    em_str s;
    em_str_init(&s, 0);
    an_pretty_sql(c, of, &s);
    e->name = an_str_done(c, &s);
    em_str_release(&s);
    e->type = of->type;
    e->nullable = of->nullable;
    e->resolved = true;
    return e;
}

static int an_missing_agg(an_agg_state *st, const pl_expr *col)
{
    an_ctx *c = st->c;
    if (st->n_all == 0)
        return em_error_set(c->err, "MISSING_GROUP_BY", NULL);
    em_str e, any;
    em_str_init(&e, 0);
    em_str_init(&any, 0);
    em_str_putc(&e, '"');
    an_pretty_sql(c, col, &e);
    em_str_putc(&e, '"');
    em_str_puts(&any, "\"any_value(");
    an_pretty_sql(c, col, &any);
    em_str_puts(&any, ")\"");
    em_error_set(c->err, "MISSING_AGGREGATION", "expression", e.data, "expressionAnyValue",
                 any.data, NULL);
    em_str_release(&e);
    em_str_release(&any);
    return c->err->code;
}

/* grouping(x) / grouping_id(xs) inside a grouping-set branch: constants. */
static int an_grouping_call(an_agg_state *st, pl_expr *e, pl_expr **out)
{
    an_ctx *c = st->c;
    /* CheckAnalysis: only an aggregate over grouping sets (ROLLUP / CUBE / GROUPING SETS, one
       union branch per set here) has a grouping id to read. */
    if (!st->present)
        return em_error_set(c->err, "UNSUPPORTED_GROUPING_EXPRESSION", NULL);
    bool is_id = strcasecmp(e->name, "grouping_id") == 0;
    int n = e->n_args;
    pl_expr **cols = e->args;
    if (is_id && n == 0) {
        n = st->n_all;
        cols = st->all;
    }
    int64_t bits = 0;
    for (int k = 0; k < n; k++) {
        int found = -1;
        for (int g = 0; g < st->n_all && found < 0; g++)
            if (an_expr_equal(st->all[g], cols[k]))
                found = g;
        if (found < 0)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "grouping() of a column that is not grouped", NULL);
        bool absent = st->present && !st->present[found];
        bits = (bits << 1) | (absent ? 1 : 0);
    }
    pl_expr *lit;
    if (is_id) {
        lit = pl_lit_long(c->a, bits);
    } else {
        int8_t b = (int8_t)bits;
        vec *v = vec_new(ty_byte(), 1);
        VEC_VALUES(v, int8_t)[0] = b;
        v->len = 1;
        lit = pl_lit_new(c->a, v);
    }
    lit->resolved = true;
    lit->nullable = false;
    *out = lit;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* FILTER (WHERE ...)                                                                          */

static const pl_expr *an_find_kind(const pl_expr *e, pl_expr_kind kind)
{
    if (!e)
        return NULL;
    if (e->kind == kind)
        return e;
    for (int idx = 0; idx < e->n_args; idx++) {
        const pl_expr *f = an_find_kind(e->args[idx], kind);
        if (f)
            return f;
    }
    return NULL;
}

static bool an_is_deterministic(const pl_expr *e)
{
    if (!e)
        return true;
    if ((e->kind == PX_CALL || e->kind == PX_AGG_CALL) && e->fn && !e->fn->deterministic)
        return false;
    for (int idx = 0; idx < e->n_args; idx++)
        if (!an_is_deterministic(e->args[idx]))
            return false;
    return true;
}

static const char *an_quoted_sql(an_ctx *c, const pl_expr *e)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '"');
    an_pretty_sql(c, e, &s);
    em_str_putc(&s, '"');
    const char *r = an_str_done(c, &s);
    em_str_release(&s);
    return r;
}

int an_agg_filter(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr *call)
{
    if (call->kind != PX_AGG_CALL) {
        char *pretty = em_arena_printf(c->a, "`%s`", call->name ? call->name : "");
        for (char *p = pretty; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        return em_error_set(c->err, "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
                            "prettyName", pretty, "syntax", "FILTER clause", NULL);
    }
    /* The condition resolves like any expression (aggregates and windows are found, then
       refused with Spark's CheckAnalysis classes, in its order). */
    an_scope fs = *s;
    fs.allow_agg = true;
    fs.allow_window = true;
    fs.allow_generator = false;
    pl_expr *cond;
    if (an_expr(c, &fs, in->agg_filter, &cond))
        return c->err->code;
    if (!an_is_deterministic(cond))
        return em_error_set(c->err, "INVALID_AGGREGATE_FILTER.NON_DETERMINISTIC", "filterExpr",
                            an_quoted_sql(c, cond), NULL);
    if (cond->type->kind != TY_BOOLEAN)
        return em_error_set(c->err, "INVALID_AGGREGATE_FILTER.NOT_BOOLEAN", "filterExpr",
                            an_quoted_sql(c, cond), NULL);
    const pl_expr *agg = an_find_kind(cond, PX_AGG_CALL);
    if (agg)
        return em_error_set(c->err, "INVALID_AGGREGATE_FILTER.CONTAINS_AGGREGATE", "filterExpr",
                            an_quoted_sql(c, cond), "aggExpr", an_quoted_sql(c, agg), NULL);
    const pl_expr *win = an_find_kind(cond, PX_WINDOW_CALL);
    if (win)
        return em_error_set(c->err, "INVALID_AGGREGATE_FILTER.CONTAINS_WINDOW_FUNCTION",
                            "filterExpr", an_quoted_sql(c, cond), "windowExpr",
                            an_quoted_sql(c, win), NULL);
    call->agg_filter = cond;
    return EM_OK;
}

/* if(cond, e, NULL) */
static int an_if_null(an_ctx *c, pl_expr *cond, pl_expr *e, pl_expr **out)
{
    pl_expr *null = pl_lit_null(c->a, e->type);
    null->resolved = true;
    null->nullable = true;
    pl_expr *args[3] = {cond, e, null};
    return an_make_call(c, "if", 3, args, out);
}

static bool an_is_true_lit(const pl_expr *e)
{
    return e && e->kind == PX_LITERAL && e->type && e->type->kind == TY_BOOLEAN && e->lit &&
           !vec_is_null(e->lit, 0) && VEC_VALUES(e->lit, uint8_t)[0];
}

/*
 * Folds an aggregate's FILTER into its arguments, so the executor needs no filter: a row the
 * condition rejects reaches the aggregate as a NULL, which every aggregate skips. The NULL goes
 * into the argument whose NULL makes the aggregate skip the row (the ordering of max_by /
 * min_by, the value otherwise). first / last / any_value respect NULLs unless told otherwise:
 * they aggregate if(cond, named_struct('col', x), NULL) ignoring NULLs and *extract is set (the
 * caller reads the field back), so a rejected row is skipped while a NULL x still counts.
 */
static int an_agg_fold_filter(an_ctx *c, const pl_expr *call, pl_expr **out, bool *extract)
{
    *extract = false;
    const char *name = call->fn && call->fn->name ? call->fn->name : call->name;
    bool first = strcasecmp(name, "first") == 0 || strcasecmp(name, "first_value") == 0 ||
                 strcasecmp(name, "any_value") == 0;
    bool last = strcasecmp(name, "last") == 0 || strcasecmp(name, "last_value") == 0;
    pl_expr *cond = call->agg_filter;
    if ((first || last) && call->n_args >= 1 &&
        !(call->n_args >= 2 && an_is_true_lit(call->args[1]))) {
        pl_expr *field = pl_lit_string(c->a, "col", 3);
        field->resolved = true;
        pl_expr *ns_args[2] = {field, call->args[0]};
        pl_expr *ns, *wrapped, *agg;
        if (an_make_call(c, "named_struct", 2, ns_args, &ns) || an_if_null(c, cond, ns, &wrapped))
            return c->err->code;
        pl_expr *yes = pl_lit_bool(c->a, true);
        yes->resolved = true;
        pl_expr *agg_args[2] = {wrapped, yes};
        if (an_make_call(c, first ? "first" : "last", 2, agg_args, &agg))
            return c->err->code;
        agg->is_distinct = call->is_distinct;
        *extract = true;
        *out = agg;
        return EM_OK;
    }
    pl_expr *r = pl_expr_new(c->a, PX_AGG_CALL, 0);
    *r = *call;
    r->agg_filter = NULL;
    r->nullable = true;
    if (call->n_args == 0) { /* nothing to filter: the aggregate reads no column */
        *out = r;
        return EM_OK;
    }
    r->args = em_arena_calloc(c->a, (size_t)call->n_args, sizeof(pl_expr *));
    memcpy(r->args, call->args, (size_t)call->n_args * sizeof(pl_expr *));
    int pos =
        (strcasecmp(name, "max_by") == 0 || strcasecmp(name, "min_by") == 0) && call->n_args >= 2
            ? 1
            : 0;
    if (an_if_null(c, cond, call->args[pos], &r->args[pos]))
        return c->err->code;
    if (strcasecmp(name, "count") == 0 || strcasecmp(name, "count_if") == 0)
        r->nullable = call->nullable;
    *out = r;
    return EM_OK;
}

/* The slot of an aggregate call with a FILTER: the folded call's, read back through the
   struct field when the fold wrapped the value. */
static int an_agg_filtered_ref(an_agg_state *st, pl_expr *e, pl_expr **out)
{
    an_ctx *c = st->c;
    pl_expr *folded = NULL;
    bool extract = false;
    if (an_agg_fold_filter(c, e, &folded, &extract) || !folded)
        return c->err->code;
    pl_expr *ref = an_slot_ref(c, folded, st->n_groups + an_agg_slot(st, folded));
    em_str s;
    em_str_init(&s, 0);
    an_pretty_sql(c, e, &s);
    ref->name = an_str_done(c, &s);
    em_str_release(&s);
    if (!extract) {
        *out = ref;
        return EM_OK;
    }
    return an_extract_field(c, ref, "col", out);
}

/* Rewrites a resolved output expression over the input into one over the aggregate row. */
static int an_agg_rewrite(an_agg_state *st, pl_expr *e, pl_expr **out)
{
    an_ctx *c = st->c;
    if (st->present) {
        /* A grouping column absent from this branch's set reads NULL. */
        for (int g = 0; g < st->n_all; g++)
            if (!st->present[g] && an_expr_equal(st->all[g], e)) {
                pl_expr *n = pl_lit_null(c->a, e->type);
                n->resolved = true;
                *out = n;
                return EM_OK;
            }
    }
    for (int idx = 0; idx < st->n_groups; idx++)
        if (an_expr_equal(st->groups[idx], e)) {
            *out = an_slot_ref(c, e, idx);
            return EM_OK;
        }
    switch (e->kind) {
    case PX_AGG_CALL:
        if (e->agg_filter)
            return an_agg_filtered_ref(st, e, out);
        *out = an_slot_ref(c, e, st->n_groups + an_agg_slot(st, e));
        return EM_OK;
    case PX_CALL:
        if (e->name &&
            (strcasecmp(e->name, "grouping") == 0 || strcasecmp(e->name, "grouping_id") == 0) &&
            !e->fn)
            return an_grouping_call(st, e, out);
        break;
    case PX_COLREF:
        return an_missing_agg(st, e);
    case PX_LITERAL:
        *out = e;
        return EM_OK;
    default:
        break;
    }
    if (e->n_args == 0) {
        *out = e;
        return EM_OK;
    }
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_agg_rewrite(st, e->args[idx], &r->args[idx]))
            return c->err->code;
    *out = r;
    return EM_OK;
}

/* The unresolved output item (SQL text parsed). */
static int an_agg_item(an_ctx *c, const pl_expr *in, const pl_expr **out)
{
    if (in->kind == PX_SQL_EXPR) {
        pl_expr *parsed;
        if (an_parse_sql_expr(c, in, &parsed))
            return c->err->code;
        *out = parsed;
        return EM_OK;
    }
    *out = in;
    return EM_OK;
}

/* GROUP BY ALL: a single group named "all" that is not a column. */
static bool an_group_by_all(an_ctx *c, const an_scope *s, const pl_node *in)
{
    if (in->n_groups != 1 || in->groups[0]->kind != PX_ATTR || in->groups[0]->n_parts != 1 ||
        strcasecmp(in->groups[0]->parts[0], "all") != 0)
        return false;
    pl_expr *probe;
    const char *name;
    em_error scratch;
    em_error_clear(&scratch);
    em_error *real = c->err;
    c->err = &scratch;
    int rc = an_resolve_name(c, s, 1, in->groups[0]->parts, &probe, &name);
    c->err = real;
    return rc == EM_OK && !probe;
}

/* Resolves the grouping expressions; ordinals point into the output list. */
static int an_agg_groups(an_ctx *c, const an_scope *s, const pl_node *in, int n,
                         pl_expr *const *unres, pl_expr **groups)
{
    for (int idx = 0; idx < n; idx++) {
        const pl_expr *g = unres[idx];
        if (g->kind == PX_ORDINAL) {
            int pos = 0;
            const pl_expr *lit = g->args[0];
            if (lit && lit->kind == PX_LITERAL && lit->lit->type->kind == TY_INT)
                pos = VEC_VALUES(lit->lit, int32_t)[0];
            if (pos < 1 || pos > in->n_exprs) {
                char p[16], size[16];
                snprintf(p, sizeof p, "%d", pos);
                snprintf(size, sizeof size, "%d", in->n_exprs);
                return em_error_set(c->err, "GROUP_BY_POS_OUT_OF_RANGE", "index", p, "size", size,
                                    NULL);
            }
            const pl_expr *item = NULL;
            if (an_agg_item(c, in->exprs[pos - 1], &item))
                return c->err->code;
            if (item->kind == PX_STAR)
                return em_error_set(c->err, "STAR_GROUP_BY_POS", NULL);
            if (item->kind == PX_ALIAS)
                item = item->args[0];
            if (an_expr_has_agg(item)) {
                char p[16];
                snprintf(p, sizeof p, "%d", pos);
                return em_error_set(c->err, "GROUP_BY_POS_AGGREGATE", "index", p, "aggExpr", "",
                                    NULL);
            }
            g = item;
        } else if (g->kind == PX_ALIAS) {
            g = g->args[0];
        }
        if (g->kind == PX_ATTR && g->n_parts == 1 && g->plan_id < 0) {
            /* spark.sql.groupByAliases: a name the input lacks may be a select-list alias. */
            pl_expr *probe;
            const char *pname;
            if (an_resolve_name(c, s, 1, g->parts, &probe, &pname))
                return c->err->code;
            for (int k = 0; !probe && k < in->n_exprs; k++) {
                const pl_expr *item = in->exprs[k];
                if (item->kind == PX_ALIAS && item->n_parts == 1 &&
                    an_name_eq(c, item->parts[0], g->parts[0]) && !an_expr_has_agg(item)) {
                    g = item->args[0];
                    break;
                }
            }
        }
        if (an_expr(c, s, g, &groups[idx]))
            return c->err->code;
        if (an_expr_has_agg(groups[idx]))
            return em_error_set(c->err, "GROUP_BY_AGGREGATE", "sqlExpr", "", NULL);
    }
    return EM_OK;
}

/* Resolves one output list over the input with aggregates allowed (before rewriting). */
static int an_agg_outputs(an_ctx *c, const an_scope *s, const pl_node *in, pl_expr **res,
                          const char **names, bool *aliased)
{
    an_scope as = *s;
    as.allow_agg = true;
    as.allow_window = true;
    as.lca_names = em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), sizeof(char *));
    as.lca_exprs =
        em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), sizeof(pl_expr *));
    as.n_lca = 0;
    for (int idx = 0; idx < in->n_exprs; idx++) {
        const pl_expr *item = NULL;
        if (an_agg_item(c, in->exprs[idx], &item))
            return c->err->code;
        if (item->kind == PX_STAR || item->kind == PX_REGEX)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "star in an aggregate list", NULL);
        if (an_expr(c, &as, item, &res[idx]))
            return c->err->code;
        names[idx] = an_output_name(c, item, res[idx]);
        if (!names[idx])
            return c->err->code;
        aliased[idx] = item->kind == PX_ALIAS;
        /* Lateral column aliases: an alias of an aggregate too (Spark's
           ResolveLateralColumnAliasReference puts a Project over the Aggregate; reading the
           aliased expression in place computes the same). */
        if (aliased[idx] && item->n_parts == 1) {
            as.lca_names[as.n_lca] = item->parts[0];
            as.lca_exprs[as.n_lca] = res[idx];
            as.n_lca++;
        }
    }
    return EM_OK;
}

/* Builds one resolved Aggregate from resolved outputs (res) and the state's groups. */
static int an_agg_build(an_agg_state *st, const pl_node *in, pl_node *child, int n, pl_expr **res,
                        const char **names, const bool *aliased, pl_node **out)
{
    an_ctx *c = st->c;
    for (int idx = 0; idx < n; idx++)
        if (an_expr_has_window(res[idx]))
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "window functions over ROLLUP, CUBE, GROUPING SETS or PIVOT", NULL);
    pl_expr **outs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_attr));
    for (int idx = 0; idx < n; idx++) {
        pl_expr *rw;
        if (an_agg_rewrite(st, res[idx], &rw))
            return c->err->code;
        pl_attr a;
        memset(&a, 0, sizeof a);
        if (!st->present && !aliased[idx] && res[idx]->kind == PX_COLREF && rw->kind == PX_COLREF &&
            rw->col_index < st->n_groups && res[idx]->col_index >= 0 &&
            res[idx]->col_index < child->n_out) {
            /* A grouping column passes through with its attribute. */
            a = child->out[res[idx]->col_index];
            a.name = names[idx];
        } else {
            a.name = names[idx];
            a.type = rw->type;
            a.nullable = rw->nullable;
            a.id = an_new_id(c);
            a.plan_id = in->plan_id;
        }
        outs[idx] = rw;
        attrs[idx] = a;
    }
    pl_node *agg = an_node_like(c, PL_AGGREGATE, 1, in);
    agg->plan_id = in->plan_id;
    agg->children[0] = child;
    agg->n_groups = st->n_groups;
    agg->groups = st->groups;
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->u.agg.n_aggs = st->n_aggs;
    agg->u.agg.aggs = st->aggs ? st->aggs : em_arena_calloc(c->a, 1, sizeof(pl_expr *));
    agg->n_exprs = n;
    agg->exprs = outs;
    agg->n_out = n;
    agg->out = attrs;
    *out = agg;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Grouping sets                                                                               */

/* The sets of a ROLLUP / CUBE / GROUPING SETS as presence masks over all grouping exprs. */
static int an_grouping_sets(an_ctx *c, const an_scope *s, const pl_node *in, pl_expr **all,
                            int n_all, bool ***sets_out, int *n_sets_out)
{
    int n_sets;
    bool **sets;
    switch (in->u.agg.group_type) {
    case PL_GROUP_ROLLUP:
        n_sets = n_all + 1;
        sets = em_arena_calloc(c->a, (size_t)n_sets, sizeof *sets);
        for (int k = 0; k < n_sets; k++) {
            sets[k] = em_arena_calloc(c->a, (size_t)(n_all ? n_all : 1), 1);
            for (int g = 0; g < n_all - k; g++)
                sets[k][g] = true;
        }
        break;
    case PL_GROUP_CUBE: {
        if (n_all > 12)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "cube over more than 12 columns", NULL);
        n_sets = 1 << n_all;
        sets = em_arena_calloc(c->a, (size_t)n_sets, sizeof *sets);
        /* Spark's order: grouping id 0, 1, 2, ... where bit (n-1-g) set = column g absent. */
        for (int k = 0; k < n_sets; k++) {
            sets[k] = em_arena_calloc(c->a, (size_t)(n_all ? n_all : 1), 1);
            for (int g = 0; g < n_all; g++)
                sets[k][g] = !((k >> (n_all - 1 - g)) & 1);
        }
        break;
    }
    default: {
        n_sets = in->u.agg.n_sets;
        sets = em_arena_calloc(c->a, (size_t)(n_sets ? n_sets : 1), sizeof *sets);
        for (int k = 0; k < n_sets; k++) {
            sets[k] = em_arena_calloc(c->a, (size_t)(n_all ? n_all : 1), 1);
            for (int m = 0; m < in->u.agg.set_sizes[k]; m++) {
                pl_expr *r;
                /* As the grouping expressions resolve (ordinals name select items). */
                if (an_agg_groups(c, s, in, 1, &in->u.agg.sets[k][m], &r))
                    return c->err->code;
                int found = -1;
                for (int g = 0; g < n_all && found < 0; g++)
                    if (an_expr_equal(all[g], r))
                        found = g;
                if (found < 0)
                    return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                        "grouping sets with columns outside GROUP BY", NULL);
                sets[k][found] = true;
            }
        }
        break;
    }
    }
    *sets_out = sets;
    *n_sets_out = n_sets;
    return EM_OK;
}

static int an_agg_grouping_sets(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    an_scope s;
    an_scope_of(child, &s);
    int n_all = in->n_groups;
    pl_expr **all = em_arena_calloc(c->a, (size_t)(n_all ? n_all : 1), sizeof(pl_expr *));
    if (an_agg_groups(c, &s, in, n_all, in->groups, all))
        return c->err->code;
    /* Distinct after resolution (distinctGroupByExprs): `1` and `a` may be the same column. */
    int n_distinct = 0;
    for (int g = 0; g < n_all; g++) {
        bool dup = false;
        for (int k = 0; k < n_distinct && !dup; k++)
            dup = an_expr_equal(all[k], all[g]);
        if (!dup)
            all[n_distinct++] = all[g];
    }
    n_all = n_distinct;
    bool **sets = NULL;
    int n_sets = 0;
    if (an_grouping_sets(c, &s, in, all, n_all, &sets, &n_sets))
        return c->err->code;
    if (n_sets == 0)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "empty grouping sets", NULL);
    int n = in->n_exprs;
    pl_expr **res = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    const char **names = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(char *));
    bool *aliased = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    if (an_agg_outputs(c, &s, in, res, names, aliased))
        return c->err->code;
    pl_node *acc = NULL;
    for (int k = 0; k < n_sets; k++) {
        an_agg_state st;
        memset(&st, 0, sizeof st);
        st.c = c;
        st.present = sets[k];
        st.n_all = n_all;
        st.all = all;
        st.groups = em_arena_calloc(c->a, (size_t)(n_all ? n_all : 1), sizeof(pl_expr *));
        for (int g = 0; g < n_all; g++)
            if (sets[k][g])
                st.groups[st.n_groups++] = all[g];
        pl_node *branch;
        if (an_agg_build(&st, in, child, n, res, names, aliased, &branch))
            return c->err->code;
        branch->plan_id = -1;
        /* Grouping columns are nullable across the union (NULL in other branches). */
        for (int idx = 0; idx < n; idx++)
            for (int g = 0; g < n_all; g++)
                if (an_expr_equal(all[g], res[idx]))
                    branch->out[idx].nullable = true;
        if (!acc) {
            acc = branch;
            continue;
        }
        pl_node u;
        memset(&u, 0, sizeof u);
        u.kind = PL_SET_OP;
        u.plan_id = -1;
        u.u.set_op.type = PL_SETOP_UNION;
        u.u.set_op.is_all = true;
        if (an_set_op(c, &u, acc, branch, &acc))
            return c->err->code;
    }
    acc->plan_id = in->plan_id;
    *out = acc;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Pivot                                                                                       */

/* Map (or variant) types are not orderable: such a pivot column is incomparable. */
static bool an_type_has_map(const ty *t)
{
    if (t->kind == TY_MAP || t->kind == TY_VARIANT)
        return true;
    if (t->kind == TY_STRUCT) {
        for (int idx = 0; idx < t->n_fields; idx++)
            if (an_type_has_map(t->fields[idx].type))
                return true;
    }
    if (t->kind == TY_ARRAY)
        return an_type_has_map(t->elem);
    return false;
}

static void an_mark_refs(const pl_expr *e, bool *used, int n)
{
    if (!e)
        return;
    if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < n)
        used[e->col_index] = true;
    for (int idx = 0; idx < e->n_args; idx++)
        an_mark_refs(e->args[idx], used, n);
    if (e->agg_filter)
        an_mark_refs(e->agg_filter, used, n);
}

/*
 * SQL PIVOT (Spark's ResolvePivot without groupByExprs): the grouping columns are the child's
 * columns that neither the pivot column nor the aggregates reference; each value must fold to
 * a literal castable to the pivot column's type. copy receives the aggregate with groups and
 * folded values (aliases kept as the output names).
 */
static int an_sql_pivot_prepare(an_ctx *c, const pl_node *in, const pl_node *child, pl_node *copy)
{
    an_scope s;
    an_scope_of(child, &s);
    pl_expr *pcol;
    if (an_expr(c, &s, in->u.agg.pivot_col, &pcol))
        return c->err->code;
    int n = child->n_out;
    bool *used = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    an_mark_refs(pcol, used, n);
    an_scope as = s;
    as.allow_agg = true;
    for (int idx = 0; idx < in->n_exprs; idx++) {
        const pl_expr *item = NULL;
        pl_expr *r;
        if (an_agg_item(c, in->exprs[idx], &item) || an_expr(c, &as, item, &r))
            return c->err->code;
        if (!an_expr_has_agg(r)) {
            em_str q;
            em_str_init(&q, 0);
            an_expr_sql(c, r, &q);
            em_error_set(c->err, "_LEGACY_ERROR_TEMP_1006", "sql", q.data ? q.data : "", NULL);
            em_str_release(&q);
            return c->err->code;
        }
        an_mark_refs(r, used, n);
    }
    if (an_type_has_map(pcol->type)) {
        em_str q;
        em_str_init(&q, 0);
        em_str_putc(&q, '`');
        an_expr_sql(c, pcol, &q);
        em_str_putc(&q, '`');
        em_error_set(c->err, "INCOMPARABLE_PIVOT_COLUMN", "columnName", q.data, NULL);
        em_str_release(&q);
        return c->err->code;
    }
    *copy = *in;
    copy->groups = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    copy->n_groups = 0;
    for (int idx = 0; idx < n; idx++)
        if (!used[idx])
            copy->groups[copy->n_groups++] = an_colref(c, &child->out[idx], idx);
    int nv = in->u.agg.n_pivot_values;
    copy->u.agg.pivot_values = em_arena_calloc(c->a, (size_t)(nv ? nv : 1), sizeof(pl_expr *));
    copy->u.agg.sql_pivot = false;
    for (int v = 0; v < nv; v++) {
        const pl_expr *item = in->u.agg.pivot_values[v];
        const pl_expr *core = item->kind == PX_ALIAS ? item->args[0] : item;
        pl_expr *r;
        if (an_expr(c, &s, core, &r))
            return c->err->code;
        vec *folded = NULL;
        int frc = r->kind == PX_LITERAL ? 1 : an_fold(c, r, &folded);
        if (frc < 0)
            return c->err->code;
        if (r->kind != PX_LITERAL && frc != 0) {
            em_str q;
            em_str_init(&q, 0);
            em_str_putc(&q, '"');
            an_pretty_sql(c, r, &q);
            em_str_putc(&q, '"');
            em_error_set(c->err, "NON_LITERAL_PIVOT_VALUES", "expression", q.data, NULL);
            em_str_release(&q);
            return c->err->code;
        }
        if (folded) {
            r = pl_lit_new(c->a, folded);
            r->resolved = true;
        }
        if (!ty_equals(r->type, pcol->type)) {
            if (!ty_can_cast(r->type, pcol->type, c->opts->ansi)) {
                em_str vs, vt, pt;
                em_str_init(&vs, 0);
                em_str_init(&vt, 0);
                em_str_init(&pt, 0);
                if (r->kind == PX_LITERAL && r->lit && !vec_is_null(r->lit, 0)) {
                    ty_format_opts fo = {.pretty = false,
                                         .decimal_plain = c->opts->ansi,
                                         .tz = ty_session_tz(c->opts)};
                    ty_format_cell(r->lit, 0, &fo, &vs); /* Literal.toString */
                } else {
                    an_expr_sql(c, r, &vs);
                }
                ty_simple_string(r->type, &vt);
                ty_simple_string(pcol->type, &pt);
                em_error_set(c->err, "PIVOT_VALUE_DATA_TYPE_MISMATCH", "value", vs.data,
                             "valueType", vt.data, "pivotType", pt.data, NULL);
                em_str_release(&vs);
                em_str_release(&vt);
                em_str_release(&pt);
                return c->err->code;
            }
            vec *cast = NULL;
            if (an_fold(c, an_cast(c, r, pcol->type), &cast) < 0)
                return c->err->code;
            if (cast) {
                r = pl_lit_new(c->a, cast);
                r->resolved = true;
            }
        }
        if (item->kind == PX_ALIAS) {
            pl_expr *a = pl_expr_new(c->a, PX_ALIAS, 1);
            *a = *item;
            a->args = em_arena_calloc(c->a, 1, sizeof(pl_expr *));
            a->args[0] = r;
            r = a;
        }
        copy->u.agg.pivot_values[v] = r;
    }
    return EM_OK;
}

static int an_agg_pivot(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    pl_node sql_copy;
    if (in->u.agg.sql_pivot) {
        if (an_sql_pivot_prepare(c, in, child, &sql_copy))
            return c->err->code;
        in = &sql_copy;
    }
    if (in->u.agg.n_pivot_values == 0)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "pivot without explicit values", NULL);
    an_scope s;
    an_scope_of(child, &s);
    pl_expr *pcol;
    if (an_expr(c, &s, in->u.agg.pivot_col, &pcol))
        return c->err->code;
    const fn_def *eqns = fn_lookup("<=>"), *iff = fn_lookup("if");
    if (!eqns || !iff)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "pivot (needs <=> and if)", NULL);
    an_agg_state st;
    memset(&st, 0, sizeof st);
    st.c = c;
    st.n_groups = in->n_groups;
    st.n_all = in->n_groups;
    st.groups = em_arena_calloc(c->a, (size_t)(in->n_groups ? in->n_groups : 1), sizeof(pl_expr *));
    st.all = st.groups;
    if (an_agg_groups(c, &s, in, in->n_groups, in->groups, st.groups))
        return c->err->code;
    int n_aggs = in->n_exprs, n_vals = in->u.agg.n_pivot_values;
    int n = in->n_groups + n_aggs * n_vals;
    pl_expr **res = em_arena_calloc(c->a, (size_t)n, sizeof(pl_expr *));
    const char **names = em_arena_calloc(c->a, (size_t)n, sizeof(char *));
    bool *aliased = em_arena_calloc(c->a, (size_t)n, 1);
    for (int g = 0; g < in->n_groups; g++) {
        res[g] = st.groups[g];
        names[g] = in->groups[g]->kind == PX_COLREF
                       ? child->out[in->groups[g]->col_index].name
                       : an_output_name(c, in->groups[g], st.groups[g]);
        if (!names[g])
            return c->err->code;
    }
    an_scope as = s;
    as.allow_agg = true;
    int k = in->n_groups;
    for (int v = 0; v < n_vals; v++) {
        pl_expr *value;
        const pl_expr *pv = in->u.agg.pivot_values[v];
        const char *alias = pv->kind == PX_ALIAS ? pv->parts[0] : NULL;
        if (an_expr(c, &s, alias ? pv->args[0] : pv, &value))
            return c->err->code;
        /* outputName: the alias, or the value cast to string ("null" for NULL). */
        em_str vs;
        em_str_init(&vs, 0);
        if (alias) {
            em_str_puts(&vs, alias);
        } else if (vec_is_null(value->lit, 0) || value->type->kind == TY_NULL) {
            em_str_puts(&vs, "null");
        } else {
            ty_format_opts fo = {
                .pretty = false, .decimal_plain = c->opts->ansi, .tz = ty_session_tz(c->opts)};
            ty_format_cell(value->lit, 0, &fo, &vs);
        }
        const char *vname = an_str_done(c, &vs);
        em_str_release(&vs);
        for (int a = 0; a < n_aggs; a++) {
            const pl_expr *item = NULL;
            if (an_agg_item(c, in->exprs[a], &item))
                return c->err->code;
            pl_expr *r;
            if (an_expr(c, &as, item, &r))
                return c->err->code;
            if (r->kind != PX_AGG_CALL)
                return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                    "pivot over an expression of aggregates", NULL);
            const char *aname = an_output_name(c, item, r);
            /* agg(if(pivot <=> value, x, null)) for each argument x. */
            pl_expr *call = pl_expr_new(c->a, PX_AGG_CALL, 0);
            *call = *r;
            call->args =
                em_arena_calloc(c->a, (size_t)(r->n_args ? r->n_args : 1), sizeof(pl_expr *));
            for (int x = 0; x < r->n_args; x++) {
                pl_expr *eq_args[2] = {pcol, value};
                pl_expr *eq = pl_func_new(c->a, "<=>", 2, eq_args);
                eq->kind = PX_CALL;
                eq->fn = eqns;
                if (eqns->bind(eqns, c->a, eq, c->opts, c->err))
                    return c->err->code;
                eq->resolved = true;
                pl_expr *null = pl_lit_null(c->a, r->args[x]->type);
                null->resolved = true;
                pl_expr *if_args[3] = {eq, r->args[x], null};
                pl_expr *cond = pl_func_new(c->a, "if", 3, if_args);
                cond->kind = PX_CALL;
                cond->fn = iff;
                if (iff->bind(iff, c->a, cond, c->opts, c->err))
                    return c->err->code;
                cond->resolved = true;
                call->args[x] = cond;
            }
            res[k] = call;
            names[k] = n_aggs == 1 ? vname : em_arena_printf(c->a, "%s_%s", vname, aname);
            k++;
        }
    }
    return an_agg_build(&st, in, child, n, res, names, aliased, out);
}

/* ------------------------------------------------------------------------------------------ */
/* Entry points                                                                                */

/*
 * GROUP BY ALL (Spark 3.4+): the grouping expressions are the select items without
 * aggregates; an item mixing both cannot be inferred (UNRESOLVED_ALL_IN_GROUP_BY).
 */
static int an_expand_group_by_all(an_ctx *c, const pl_node *in, pl_node *copy)
{
    *copy = *in;
    copy->groups =
        em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), sizeof(pl_expr *));
    copy->n_groups = 0;
    for (int idx = 0; idx < in->n_exprs; idx++) {
        const pl_expr *item = NULL;
        if (an_agg_item(c, in->exprs[idx], &item))
            return c->err->code;
        if (item->kind == PX_STAR)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "GROUP BY ALL with a star", NULL);
        if (item->kind == PX_COLREF) { /* an expanded star */
            copy->groups[copy->n_groups++] = (pl_expr *)item;
            continue;
        }
        const pl_expr *core = item->kind == PX_ALIAS ? item->args[0] : item;
        if (an_expr_has_agg(core)) {
            /* Aggregates mixed with columns outside them cannot be grouped. */
            bool mixed = core->kind != PX_FUNC || !an_expr_has_agg(core) ||
                         (fn_lookup(core->name) && fn_lookup(core->name)->kind != FN_AGGREGATE);
            if (mixed) {
                bool all_agg = true;
                for (int k = 0; k < core->n_args; k++)
                    if (core->args[k]->kind == PX_ATTR)
                        all_agg = false;
                if (!all_agg)
                    return em_error_set(c->err, "UNRESOLVED_ALL_IN_GROUP_BY", NULL);
            }
            continue;
        }
        copy->groups[copy->n_groups++] = (pl_expr *)core;
    }
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Windows over an aggregate                                                                   */

/* The expressions the aggregate computes for the windows above it (Spark's
   ExtractWindowExpressions over an Aggregate: the window functions' inputs, partition and
   order expressions, and whatever the select items compute outside the windows). */
typedef struct an_agg_hidden {
    int n, cap;
    int n_regular; /* the select items without windows come first */
    pl_expr **exprs;
    const char **names;
    bool *aliased;
} an_agg_hidden;

/* Appends e named `name` (forced: a select item of its own) or finds an equal entry. */
static int an_hidden_add(an_ctx *c, an_agg_hidden *h, pl_expr *e, const char *name, bool aliased,
                         bool force)
{
    for (int idx = 0; !force && idx < h->n; idx++)
        if (an_expr_equal(h->exprs[idx], e))
            return idx;
    if (h->n == h->cap) {
        int cap = h->cap ? h->cap * 2 : 8;
        pl_expr **x = em_arena_calloc(c->a, (size_t)cap, sizeof *x);
        const char **nm = em_arena_calloc(c->a, (size_t)cap, sizeof *nm);
        bool *al = em_arena_calloc(c->a, (size_t)cap, sizeof *al);
        if (h->n) {
            memcpy(x, h->exprs, (size_t)h->n * sizeof *x);
            memcpy(nm, h->names, (size_t)h->n * sizeof *nm);
            memcpy(al, h->aliased, (size_t)h->n * sizeof *al);
        }
        h->exprs = x;
        h->names = nm;
        h->aliased = al;
        h->cap = cap;
    }
    h->exprs[h->n] = e;
    h->names[h->n] = name;
    h->aliased[h->n] = aliased;
    return h->n++;
}

/* A window input (ExtractWindowExpressions.extractExpr): columns keep their attribute, other
   expressions become "_w<k>" (k counts the extracted inputs). */
static int an_hidden_index(an_ctx *c, an_agg_hidden *h, pl_expr *e)
{
    for (int idx = 0; idx < h->n; idx++)
        if (an_expr_equal(h->exprs[idx], e))
            return idx;
    if (e->kind == PX_COLREF)
        return an_hidden_add(c, h, e, e->name, false, true);
    const char *name = em_arena_printf(c->a, "_w%d", h->n - h->n_regular);
    return an_hidden_add(c, h, e, name, true, true);
}

/* Pass 1 (agg == NULL) collects the hidden expressions of e; pass 2 rewrites e over the
   aggregate's output row (hidden columns), window calls keeping their place. */
static pl_expr *an_agg_win_expr(an_ctx *c, an_agg_hidden *h, const pl_node *agg, pl_expr *e);

static pl_expr *an_agg_win_leaf(an_ctx *c, an_agg_hidden *h, const pl_node *agg, pl_expr *e)
{
    if (e->kind == PX_LITERAL)
        return e;
    int idx = an_hidden_index(c, h, e);
    return agg ? an_colref(c, &agg->out[idx], idx) : e;
}

static pl_expr *an_agg_win_expr(an_ctx *c, an_agg_hidden *h, const pl_node *agg, pl_expr *e)
{
    if (!an_expr_has_window(e))
        return an_agg_win_leaf(c, h, agg, e);
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)(e->n_args ? e->n_args : 1), sizeof(pl_expr *));
    if (e->kind != PX_WINDOW_CALL) {
        for (int idx = 0; idx < e->n_args; idx++)
            r->args[idx] = an_agg_win_expr(c, h, agg, e->args[idx]);
        return r;
    }
    for (int idx = 0; idx < e->n_args; idx++)
        r->args[idx] = an_agg_win_leaf(c, h, agg, e->args[idx]);
    const pl_window_spec *w = e->window;
    pl_window_spec *nw = em_arena_calloc(c->a, 1, sizeof *nw);
    *nw = *w;
    nw->partition =
        em_arena_calloc(c->a, (size_t)(w->n_partition ? w->n_partition : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < w->n_partition; idx++)
        nw->partition[idx] = an_agg_win_leaf(c, h, agg, w->partition[idx]);
    nw->order = em_arena_calloc(c->a, (size_t)(w->n_order ? w->n_order : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < w->n_order; idx++) {
        pl_expr *so = pl_expr_new(c->a, PX_SORT_ORDER, 0);
        *so = *w->order[idx];
        so->args = em_arena_calloc(c->a, 1, sizeof(pl_expr *));
        so->args[0] = an_agg_win_leaf(c, h, agg, w->order[idx]->args[0]);
        nw->order[idx] = so;
    }
    r->window = nw;
    return r;
}

/* Project(select items) over Window(calls) over Aggregate(hidden expressions). */
static int an_agg_windows(an_agg_state *st, const pl_node *in, pl_node *child, int n, pl_expr **res,
                          const char **names, const bool *aliased, pl_node **out)
{
    an_ctx *c = st->c;
    an_agg_hidden h;
    memset(&h, 0, sizeof h);
    /* The regular select items stay the aggregate's outputs, names and all; then the inputs
       the windows need. */
    int *item_slot = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(int));
    for (int idx = 0; idx < n; idx++)
        item_slot[idx] = an_expr_has_window(res[idx])
                             ? -1
                             : an_hidden_add(c, &h, res[idx], names[idx], aliased[idx], true);
    h.n_regular = h.n;
    for (int idx = 0; idx < n; idx++)
        if (item_slot[idx] < 0)
            an_agg_win_expr(c, &h, NULL, res[idx]);
    pl_node agg_in = *in;
    agg_in.plan_id = -1;
    pl_node *agg;
    if (an_agg_build(st, &agg_in, child, h.n, h.exprs, h.names, h.aliased, &agg))
        return c->err->code;
    pl_expr **finals = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < n; idx++)
        finals[idx] = item_slot[idx] >= 0 ? an_colref(c, &agg->out[item_slot[idx]], item_slot[idx])
                                          : an_agg_win_expr(c, &h, agg, res[idx]);
    bool *top = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(bool));
    for (int idx = 0; idx < n; idx++)
        top[idx] = finals[idx]->kind == PX_WINDOW_CALL;
    pl_node *win;
    if (an_extract_windows(c, agg, n, finals, &win))
        return c->err->code;
    /* The Window's outputs: an aliased window expression by its alias, others "_we<k>". */
    for (int k = agg->n_out; win != agg && k < win->n_out; k++)
        win->out[k].name = em_arena_printf(c->a, "_we%d", k - agg->n_out);
    for (int idx = 0; idx < n; idx++)
        if (top[idx] && aliased[idx] && finals[idx]->kind == PX_COLREF)
            win->out[finals[idx]->col_index].name = names[idx];
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_attr));
    for (int idx = 0; idx < n; idx++) {
        const pl_expr *f = finals[idx];
        if (f->kind == PX_COLREF && !aliased[idx]) {
            attrs[idx] = win->out[f->col_index];
        } else {
            attrs[idx].type = f->type;
            attrs[idx].nullable = f->nullable;
            attrs[idx].id = an_new_id(c);
            attrs[idx].plan_id = in->plan_id;
        }
        attrs[idx].name = names[idx];
    }
    *out = an_make_project(c, win, n, finals, attrs, in->plan_id);
    return EM_OK;
}

/* Stars of an aggregate's output list expand over its input first (Spark's ResolveReferences
   expands an Aggregate's stars before GROUP BY ALL infers the groups); not when an ordinal
   groups (STAR_GROUP_BY_POS is raised for the star item then). copy receives the list. */
static int an_agg_expand_stars(an_ctx *c, const an_scope *s, const pl_node *in, pl_node *copy,
                               const pl_node **use)
{
    *use = in;
    bool any_star = false;
    for (int idx = 0; idx < in->n_exprs && !any_star; idx++)
        any_star = in->exprs[idx]->kind == PX_STAR;
    for (int idx = 0; idx < in->n_groups && any_star; idx++)
        if (in->groups[idx]->kind == PX_ORDINAL)
            return EM_OK;
    if (!any_star)
        return EM_OK;
    an_list l = {0};
    for (int idx = 0; idx < in->n_exprs; idx++) {
        pl_expr *item = in->exprs[idx];
        if (item->kind != PX_STAR) {
            pl_attr none;
            memset(&none, 0, sizeof none);
            an_list_push(c, &l, item, none);
            continue;
        }
        int n;
        pl_expr **exprs;
        const char **names;
        if (an_expand_star(c, s, item, &n, &exprs, &names))
            return c->err->code;
        for (int k = 0; k < n; k++) {
            pl_attr none;
            memset(&none, 0, sizeof none);
            an_list_push(c, &l, exprs[k], none);
        }
    }
    *copy = *in;
    copy->n_exprs = l.n;
    copy->exprs = l.exprs ? l.exprs : em_arena_calloc(c->a, 1, sizeof(pl_expr *));
    *use = copy;
    return EM_OK;
}

static int an_agg_prepare(an_ctx *c, const pl_node *in, pl_node *child, an_agg_state *st,
                          pl_node **out)
{
    an_scope s;
    an_scope_of(child, &s);
    pl_node star_copy;
    if (an_agg_expand_stars(c, &s, in, &star_copy, &in))
        return c->err->code;
    pl_node all_copy;
    if (an_group_by_all(c, &s, in)) {
        if (an_expand_group_by_all(c, in, &all_copy))
            return c->err->code;
        in = &all_copy;
    }
    memset(st, 0, sizeof *st);
    st->c = c;
    st->n_groups = in->n_groups;
    st->n_all = in->n_groups;
    st->groups =
        em_arena_calloc(c->a, (size_t)(in->n_groups ? in->n_groups : 1), sizeof(pl_expr *));
    st->all = st->groups;
    if (an_agg_groups(c, &s, in, in->n_groups, in->groups, st->groups))
        return c->err->code;
    int n = in->n_exprs;
    pl_expr **res = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    const char **names = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(char *));
    bool *aliased = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    if (an_agg_outputs(c, &s, in, res, names, aliased))
        return c->err->code;
    for (int idx = 0; idx < n; idx++)
        if (an_expr_has_window(res[idx]))
            return an_agg_windows(st, in, child, n, res, names, aliased, out);
    return an_agg_build(st, in, child, n, res, names, aliased, out);
}

int an_aggregate(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    pl_node pipe_copy;
    if (in->pipe_clause && an_pipe_aggregate(c, in, child, &pipe_copy, &in))
        return c->err->code; /* an_pipe.c */
    switch (in->u.agg.group_type) {
    case PL_GROUP_ROLLUP:
    case PL_GROUP_CUBE:
    case PL_GROUP_SETS:
        return an_agg_grouping_sets(c, in, child, out);
    case PL_GROUP_PIVOT:
        return an_agg_pivot(c, in, child, out);
    default:
        break;
    }
    an_agg_state st;
    return an_agg_prepare(c, in, child, &st, out);
}

/* Replaces references to the aggregate's outputs by the outputs' expressions (over the row). */
static pl_expr *an_subst_outputs(an_ctx *c, pl_expr *e, const pl_node *agg)
{
    if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < agg->n_out)
        return agg->exprs[e->col_index];
    if (e->n_args == 0 || e->kind == PX_AGG_CALL)
        return e;
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int idx = 0; idx < e->n_args; idx++)
        r->args[idx] = an_subst_outputs(c, e->args[idx], agg);
    return r;
}

/* Resolves e (HAVING condition or sort key) above the aggregate into an expression over the
   aggregate row: against the outputs (so aliases work) when it has no aggregate call and
   resolves there, else against the input with aggregate calls allowed. */
/* The first column name of e (outside aggregate calls and windows) that resolves over the
   input but is no grouping expression, or NULL. */
static const pl_expr *an_agg_ungrouped(an_ctx *c, an_agg_state *st, const an_scope *is,
                                       const pl_expr *e)
{
    if (!e || e->kind == PX_WINDOW || e->kind == PX_SCALAR_SUBQUERY || e->kind == PX_EXISTS ||
        e->kind == PX_IN_SUBQUERY)
        return NULL;
    if (e->kind == PX_FUNC) {
        const fn_def *d = fn_lookup(e->name);
        if (d && d->kind == FN_AGGREGATE)
            return NULL;
    }
    if (e->kind == PX_ATTR) {
        em_error scratch;
        em_error_clear(&scratch);
        em_error *real = c->err;
        c->err = &scratch;
        pl_expr *r = NULL;
        const char *name;
        int rc = an_resolve_name(c, is, e->n_parts, (const char *const *)e->parts, &r, &name);
        c->err = real;
        if (rc != EM_OK || !r)
            return NULL;
        for (int g = 0; g < st->n_groups; g++)
            if (an_expr_equal(st->groups[g], r))
                return NULL;
        return e;
    }
    for (int idx = 0; idx < e->n_args; idx++) {
        const pl_expr *bad = an_agg_ungrouped(c, st, is, e->args[idx]);
        if (bad)
            return bad;
    }
    return NULL;
}

static int an_agg_extra(an_ctx *c, an_agg_state *st, const pl_node *agg, pl_node *child,
                        const pl_expr *e, bool having, pl_expr **out)
{
    pl_expr *r;
    if (having && !an_expr_has_agg(e)) {
        /* HAVING reads the aggregate's input first (SPARK-31519, resolveColWithAgg): a grouping
           column wins over a select-list alias of the same name; the alias answers when the
           input reading fails (a column neither grouped nor aggregated). */
        an_scope is;
        an_scope_of(child, &is);
        is.allow_agg = true;
        em_error scratch;
        em_error_clear(&scratch);
        em_error *real = c->err;
        c->err = &scratch;
        const struct an_subq_frame *blocked = c->outer_blocked;
        c->outer_blocked = c->subq;
        int n_aggs = st->n_aggs;
        int rc = an_expr(c, &is, e, &r);
        if (rc == EM_OK)
            rc = an_agg_rewrite(st, r, out);
        c->outer_blocked = blocked;
        c->err = real;
        if (rc == EM_OK)
            return EM_OK;
        st->n_aggs = n_aggs;
    }
    if (!an_expr_has_agg(e)) {
        an_scope os;
        an_scope_of(agg, &os);
        em_error scratch;
        em_error_clear(&scratch);
        em_error *real = c->err;
        c->err = &scratch;
        const struct an_subq_frame *blocked = c->outer_blocked;
        c->outer_blocked = c->subq; /* the input may have the name: no outer reference yet */
        int rc = an_expr(c, &os, e, &r);
        c->outer_blocked = blocked;
        c->err = real;
        if (rc == EM_OK) {
            *out = an_subst_outputs(c, r, agg);
            return EM_OK;
        }
    }
    an_scope is;
    an_scope_of(child, &is);
    is.allow_agg = true;
    /* A column of the input neither grouped nor aggregated is undone (Spark's
       TempResolvedColumn): UNRESOLVED_COLUMN over the aggregate's output, not
       MISSING_AGGREGATION. */
    em_error scratch;
    em_error_clear(&scratch);
    em_error *real = c->err;
    c->err = &scratch;
    int n_aggs = st->n_aggs;
    int rc = an_expr(c, &is, e, &r);
    if (rc == EM_OK)
        rc = an_agg_rewrite(st, r, out);
    c->err = real;
    if (rc == EM_OK)
        return EM_OK;
    st->n_aggs = n_aggs;
    if (strcmp(scratch.error_class, "MISSING_AGGREGATION") == 0) {
        const pl_expr *bad = an_agg_ungrouped(c, st, &is, e);
        if (bad) {
            an_scope os;
            an_scope_of(agg, &os);
            return an_unresolved_column(c, &os, bad->n_parts, (const char *const *)bad->parts, bad);
        }
    }
    if (an_expr(c, &is, e, &r))
        return c->err->code;
    return an_agg_rewrite(st, r, out);
}

/* HAVING / ORDER BY (either may be NULL) over an aggregate with hidden outputs. */
int an_agg_having_sort(an_ctx *c, const pl_node *filter, const pl_node *sort, const pl_node *in,
                       pl_node *child, pl_node **out)
{
    if (in->u.agg.group_type != PL_GROUP_BY && in->u.agg.group_type != 0)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "HAVING / ORDER BY over ROLLUP, CUBE, GROUPING SETS or PIVOT", NULL);
    an_agg_state st;
    pl_node *agg;
    if (an_agg_prepare(c, in, child, &st, &agg))
        return c->err->code;
    /* The aggregate (and HAVING) keep their DataFrame identity for df["x"] binding, also in
       the sort keys resolved next. */
    an_register_plan(c, in->plan_id, agg->n_out, agg->out);
    if (filter)
        an_register_plan(c, filter->plan_id, agg->n_out, agg->out);
    int n = agg->n_out;
    int n_extra = (filter ? 1 : 0) + (sort ? sort->n_exprs : 0);
    pl_expr **extra = em_arena_calloc(c->a, (size_t)(n_extra ? n_extra : 1), sizeof(pl_expr *));
    int k = 0;
    if (filter && an_agg_extra(c, &st, agg, child, filter->u.filter.cond, true, &extra[k++]))
        return c->err->code;
    for (int idx = 0; sort && idx < sort->n_exprs; idx++) {
        const pl_expr *o = sort->exprs[idx];
        const pl_expr *key = o->kind == PX_SORT_ORDER ? o->args[0] : o;
        if (key->kind == PX_ORDINAL) {
            int pos = VEC_VALUES(key->args[0]->lit, int32_t)[0];
            if (pos < 1 || pos > n) {
                char p[16], size[16];
                snprintf(p, sizeof p, "%d", pos);
                snprintf(size, sizeof size, "%d", n);
                return em_error_set(c->err, "ORDER_BY_POS_OUT_OF_RANGE", "index", p, "size", size,
                                    NULL);
            }
            extra[k++] = agg->exprs[pos - 1];
            continue;
        }
        if (an_agg_extra(c, &st, agg, child, key, false, &extra[k++]))
            return c->err->code;
    }
    /* The aggregate with the extra expressions as hidden outputs. */
    pl_node *wide = pl_node_new(c->a, PL_AGGREGATE, 1);
    *wide = *agg;
    wide->plan_id = -1;
    wide->u.agg.n_aggs = st.n_aggs;
    wide->u.agg.aggs = st.aggs ? st.aggs : agg->u.agg.aggs;
    wide->n_exprs = wide->n_out = n + n_extra;
    wide->exprs = em_arena_calloc(c->a, (size_t)(n + n_extra), sizeof(pl_expr *));
    wide->out = em_arena_calloc(c->a, (size_t)(n + n_extra), sizeof(pl_attr));
    memcpy(wide->exprs, agg->exprs, (size_t)n * sizeof(pl_expr *));
    memcpy(wide->out, agg->out, (size_t)n * sizeof(pl_attr));
    for (int idx = 0; idx < n_extra; idx++) {
        wide->exprs[n + idx] = extra[idx];
        memset(&wide->out[n + idx], 0, sizeof(pl_attr));
        wide->out[n + idx].name = em_arena_printf(c->a, "__hidden_%d", idx);
        wide->out[n + idx].type = extra[idx]->type;
        wide->out[n + idx].nullable = extra[idx]->nullable;
        wide->out[n + idx].id = an_new_id(c);
        wide->out[n + idx].plan_id = -1;
    }
    pl_node *top = wide;
    k = 0;
    if (filter) {
        pl_expr *cond = an_colref(c, &wide->out[n], n);
        if (cond->type->kind != TY_BOOLEAN && cond->type->kind != TY_NULL)
            return em_error_set(c->err, "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "sqlExpr", "",
                                "filter", "", "type", "", NULL);
        pl_node *f = an_node_like(c, PL_FILTER, 1, NULL);
        f->children[0] = top;
        f->u.filter.cond = cond;
        f->n_out = top->n_out;
        f->out = top->out;
        top = f;
        k = 1;
    }
    if (sort) {
        pl_node *so = an_node_like(c, PL_SORT, 1, NULL);
        so->children[0] = top;
        so->u.sort.is_global = sort->u.sort.is_global;
        so->n_exprs = sort->n_exprs;
        so->exprs = em_arena_calloc(c->a, (size_t)sort->n_exprs, sizeof(pl_expr *));
        for (int idx = 0; idx < sort->n_exprs; idx++) {
            const pl_expr *o = sort->exprs[idx];
            pl_expr *r = pl_expr_new(c->a, PX_SORT_ORDER, 1);
            r->descending = o->kind == PX_SORT_ORDER && o->descending;
            r->nulls_first = o->kind == PX_SORT_ORDER ? o->nulls_first : true;
            r->args[0] = an_colref(c, &wide->out[n + k + idx], n + k + idx);
            r->type = r->args[0]->type;
            r->nullable = r->args[0]->nullable;
            r->resolved = true;
            so->exprs[idx] = r;
        }
        so->n_out = top->n_out;
        so->out = top->out;
        top = so;
    }
    pl_expr **keep = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < n; idx++)
        keep[idx] = an_colref(c, &wide->out[idx], idx);
    const pl_node *outer = sort ? sort : filter;
    *out = an_make_project(c, top, n, keep, an_copy_attrs(c, n, agg->out), outer->plan_id);
    return EM_OK;
}
