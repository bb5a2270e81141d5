/*
 * an_subquery: subquery expressions — scalar subqueries, EXISTS, IN (subquery) — and outer
 * references (correlation), as Spark's ResolveSubquery / ValidateSubqueryExpression do them.
 *
 * A subquery's plan is resolved like any plan, with a frame (an_subq_frame) naming the row of
 * the enclosing query (the an_scope the subquery expression is resolved over). A name the
 * subquery's own rows do not have is looked up there (inner scope first, then outer, then the
 * next enclosing query): it becomes a PX_OUTER_REF k, and the outer value (resolved over the
 * enclosing row) is appended to the subquery expression's args. A column of a query two levels
 * out becomes an outer value of the middle query's subquery expression first, so every level
 * only ever reads its direct enclosing row. The executor evaluates a subquery expression by
 * running its plan once per distinct tuple of outer values (exec/ex_subquery.c); the rewrites
 * into joins (an_subquery_rewrite.c) replace that where Spark's decorrelation applies.
 *
 * Names follow Spark: scalarsubquery(outer, ...), exists(outer, ...), (v IN (listquery(...)))
 * where the list shows every outer reference of the plan in plan order (duplicates kept, as
 * Spark's outerAttrs).
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <string.h>

#include "functions/fn_coerce.h"
#include "types/ty_cast.h"

/* The enclosing query of the subquery being resolved. */
typedef struct an_subq_frame {
    const an_scope *outer;        /* the enclosing row */
    struct an_subq_frame *parent; /* the frame of the enclosing query, if it is a subquery */
    int n, cap;
    pl_expr **vals; /* outer values, resolved over *outer */
} an_subq_frame;

static int an_frame_add(an_ctx *c, an_subq_frame *f, pl_expr *v)
{
    for (int idx = 0; idx < f->n; idx++) {
        const pl_expr *x = f->vals[idx];
        if (x->kind == PX_OUTER_REF ? v->kind == PX_OUTER_REF && v->col_index == x->col_index
                                    : an_expr_equal(x, v))
            return idx;
    }
    if (f->n == f->cap) {
        int cap = f->cap ? f->cap * 2 : 4;
        pl_expr **nv = em_arena_calloc(c->a, (size_t)cap, sizeof *nv);
        if (f->n)
            memcpy(nv, f->vals, (size_t)f->n * sizeof *nv);
        f->vals = nv;
        f->cap = cap;
    }
    f->vals[f->n] = v;
    return f->n++;
}

static int64_t an_base_attr_id(const pl_expr *e)
{
    while (e && e->kind == PX_EXTRACT)
        e = e->args[0];
    return e ? e->attr_id : -1;
}

/* Looks the name up in f's enclosing row, then further out; *out is an expression valid inside
   the subquery f belongs to (a PX_OUTER_REF of f), or NULL. */
static int an_outer_lookup(an_ctx *c, an_subq_frame *f, int n_parts, const char *const *parts,
                           pl_expr **out)
{
    *out = NULL;
    pl_expr *r = NULL;
    const char *name = NULL;
    if (an_resolve_name(c, f->outer, n_parts, parts, &r, &name))
        return c->err->code;
    if (!r && f->parent) {
        if (an_outer_lookup(c, f->parent, n_parts, parts, &r))
            return c->err->code;
        if (r)
            name = r->name;
    }
    if (!r)
        return EM_OK;
    int k = an_frame_add(c, f, r);
    pl_expr *o = pl_expr_new(c->a, PX_OUTER_REF, 0);
    o->col_index = k;
    o->attr_id = an_base_attr_id(r);
    o->name = name ? name : r->name;
    o->type = r->type;
    o->nullable = r->nullable;
    o->resolved = true;
    *out = o;
    return EM_OK;
}

int an_outer_attr(an_ctx *c, int n_parts, const char *const *parts, pl_expr **out)
{
    *out = NULL;
    if (!c->subq || c->subq == c->outer_blocked)
        return EM_OK;
    return an_outer_lookup(c, c->subq, n_parts, parts, out);
}

int an_outer_star(an_ctx *c, int n_parts, const char *const *parts, int *n, pl_expr ***exprs,
                  const char ***names)
{
    *n = 0;
    if (!c->subq || c->subq == c->outer_blocked || n_parts < 1)
        return EM_OK;
    const an_scope *o = c->subq->outer;
    int cap = o->n ? o->n : 1;
    *exprs = em_arena_calloc(c->a, (size_t)cap, sizeof(pl_expr *));
    *names = em_arena_calloc(c->a, (size_t)cap, sizeof(char *));
    for (int idx = 0; idx < o->n; idx++) {
        const pl_attr *a = &o->attrs[idx];
        if (a->n_qual < n_parts)
            continue;
        bool match = true;
        for (int k = 0; k < n_parts && match; k++)
            match = an_name_eq(c, a->qual[a->n_qual - n_parts + k], parts[k]);
        if (!match)
            continue;
        const char **full = em_arena_calloc(c->a, (size_t)n_parts + 1, sizeof(char *));
        memcpy(full, parts, (size_t)n_parts * sizeof(char *));
        full[n_parts] = a->name;
        pl_expr *r = NULL;
        if (an_outer_lookup(c, c->subq, n_parts + 1, full, &r))
            return c->err->code;
        if (!r)
            continue;
        (*exprs)[*n] = r;
        (*names)[*n] = a->name;
        (*n)++;
    }
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Names                                                                                       */

/* Appends the names of the plan's outer references (this level only) in Spark's order: nodes
   top-down, each node's expressions in order, each expression pre-order; the outer values of
   nested subquery expressions count, their plans do not. */
static void an_outer_names_expr(an_ctx *c, const pl_expr *e, em_str *out, int *n)
{
    if (!e)
        return;
    if (e->kind == PX_OUTER_REF) {
        if ((*n)++)
            em_str_puts(out, ", ");
        em_str_puts(out, e->name ? e->name : "?");
        return;
    }
    for (int idx = 0; idx < e->n_args; idx++)
        an_outer_names_expr(c, e->args[idx], out, n);
    if (e->window) {
        for (int idx = 0; idx < e->window->n_partition; idx++)
            an_outer_names_expr(c, e->window->partition[idx], out, n);
        for (int idx = 0; idx < e->window->n_order; idx++)
            an_outer_names_expr(c, e->window->order[idx], out, n);
    }
}

static void an_outer_names_plan(an_ctx *c, const pl_node *p, em_str *out, int *n, int depth)
{
    if (!p || depth > AN_MAX_DEPTH)
        return;
    for (int idx = 0; idx < p->n_exprs; idx++)
        an_outer_names_expr(c, p->exprs[idx], out, n);
    for (int idx = 0; idx < p->n_groups; idx++)
        an_outer_names_expr(c, p->groups[idx], out, n);
    if (p->kind == PL_AGGREGATE)
        for (int idx = 0; idx < p->u.agg.n_aggs; idx++)
            an_outer_names_expr(c, p->u.agg.aggs[idx], out, n);
    if (p->kind == PL_FILTER)
        an_outer_names_expr(c, p->u.filter.cond, out, n);
    if (p->kind == PL_JOIN)
        an_outer_names_expr(c, p->u.join.cond, out, n);
    for (int idx = 0; idx < p->n_children; idx++)
        an_outer_names_plan(c, p->children[idx], out, n, depth + 1);
}

void an_subquery_sql(an_ctx *c, const pl_expr *e, em_str *out, bool pretty)
{
    if (e->kind == PX_OUTER_REF) {
        if (!pretty)
            em_str_puts(out, "outer(");
        em_str_puts(out, e->name ? e->name : "?");
        if (!pretty)
            em_str_putc(out, ')');
        return;
    }
    const char *outer = e->sql ? e->sql : "";
    if (e->kind == PX_SCALAR_SUBQUERY) {
        em_str_printf(out, "scalarsubquery(%s)", outer);
        return;
    }
    if (e->kind == PX_EXISTS) {
        em_str_printf(out, "exists(%s)", outer);
        return;
    }
    /* InSubquery.sql: (value IN (listquery(...))), several values as a named_struct. */
    em_str_putc(out, '(');
    if (e->n_in_values == 1) {
        if (pretty)
            an_pretty_sql(c, e->args[0], out);
        else
            an_expr_sql(c, e->args[0], out);
    } else {
        em_str_puts(out, "named_struct(");
        for (int idx = 0; idx < e->n_in_values; idx++) {
            const pl_expr *v = e->args[idx];
            if (idx)
                em_str_puts(out, ", ");
            if (v->kind == PX_COLREF && v->name)
                em_str_printf(out, "'%s', ", v->name);
            else
                em_str_printf(out, "'_%d', ", idx);
            if (pretty)
                an_pretty_sql(c, v, out);
            else
                an_expr_sql(c, v, out);
        }
        em_str_putc(out, ')');
    }
    em_str_printf(out, " IN (listquery(%s)))", outer);
}

/* ------------------------------------------------------------------------------------------ */
/* Resolution                                                                                  */

/* The error's query context: the subquery expression's span in the SQL text. */
static int an_subq_fail(an_ctx *c, const pl_expr *in)
{
    if (c->sql_text && in->src_start >= 0)
        em_error_set_context(c->err, c->sql_text, in->src_start, in->src_stop);
    return c->err->code;
}

static void an_quoted_list(an_ctx *c, int n, pl_expr *const *es, const pl_attr *attrs, em_str *out)
{
    for (int idx = 0; idx < n; idx++) {
        if (idx)
            em_str_puts(out, ", ");
        em_str_putc(out, '"');
        if (es)
            an_pretty_sql(c, es[idx], out);
        else
            em_str_puts(out, attrs[idx].name);
        em_str_putc(out, '"');
    }
}

/* IN_SUBQUERY_LENGTH_MISMATCH / IN_SUBQUERY_DATA_TYPE_MISMATCH (InSubquery.checkInputDataTypes);
   e is the expression built so far (for sqlExpr). */
static int an_in_mismatch(an_ctx *c, const pl_expr *in, const pl_expr *e, const pl_node *plan,
                          bool length)
{
    em_str sql, left, right, mism;
    em_str_init(&sql, 0);
    em_str_init(&left, 0);
    em_str_init(&right, 0);
    em_str_init(&mism, 0);
    em_str_putc(&sql, '"');
    an_subquery_sql(c, e, &sql, true);
    em_str_putc(&sql, '"');
    int n = e->n_in_values;
    if (length) {
        char ll[16], rl[16];
        snprintf(ll, sizeof ll, "%d", n);
        snprintf(rl, sizeof rl, "%d", plan->n_out);
        an_quoted_list(c, n, e->args, NULL, &left);
        an_quoted_list(c, plan->n_out, NULL, plan->out, &right);
        em_error_set(c->err, "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "leftColumns",
                     left.data, "leftLength", ll, "rightColumns", right.data, "rightLength", rl,
                     "sqlExpr", sql.data, NULL);
    } else {
        int k = 0;
        for (int idx = 0; idx < n; idx++) {
            if (idx) {
                em_str_puts(&left, ", ");
                em_str_puts(&right, ", ");
            }
            ty_sql_type_quoted(e->args[idx]->type, &left);
            ty_sql_type_quoted(plan->out[idx].type, &right);
            if (ty_equals(e->args[idx]->type, plan->out[idx].type))
                continue;
            if (k++)
                em_str_puts(&mism, ", ");
            em_str_putc(&mism, '(');
            const pl_expr *v = e->args[idx];
            if (v->kind == PX_COLREF && in->args[idx]->kind == PX_ATTR &&
                in->args[idx]->n_parts > 1) {
                for (int p = 0; p < in->args[idx]->n_parts - 1; p++)
                    em_str_printf(&mism, "%s.", in->args[idx]->parts[p]);
            }
            an_expr_sql(c, v, &mism);
            em_str_putc(&mism, ':');
            ty_catalog_string(v->type, &mism);
            em_str_puts(&mism, ", ");
            if (plan->out[idx].qualifier)
                em_str_printf(&mism, "%s.", plan->out[idx].qualifier);
            pl_quote_if_needed(&mism, plan->out[idx].name);
            em_str_putc(&mism, ':');
            ty_catalog_string(plan->out[idx].type, &mism);
            em_str_putc(&mism, ')');
        }
        em_error_set(c->err, "DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH", "leftType",
                     left.data, "mismatchedColumns", mism.data ? mism.data : "", "rightType",
                     right.data, "sqlExpr", sql.data, NULL);
    }
    em_str_release(&sql);
    em_str_release(&left);
    em_str_release(&right);
    em_str_release(&mism);
    return an_subq_fail(c, in);
}

/* InConversion: both sides of each compared pair cast to their common type; the subquery side
   through a Project over the plan. Returns 1 (no error set) when a pair has no common type. */
static int an_in_coerce(an_ctx *c, pl_expr *e, pl_node **plan)
{
    int n = e->n_in_values;
    const ty **common = em_arena_calloc(c->a, (size_t)n, sizeof *common);
    bool any = false;
    for (int idx = 0; idx < n; idx++) {
        const ty *l = e->args[idx]->type, *r = (*plan)->out[idx].type;
        if (ty_equals(l, r)) {
            common[idx] = l;
            continue;
        }
        const ty *t = fn_binary_comparison_type(l, r);
        if (!t)
            t = fn_tightest_common_type(l, r, c->opts->ansi, c->a);
        if (!t)
            t = fn_wider_type(l, r, c->opts->ansi, c->a);
        if (!t)
            return 1;
        common[idx] = t;
        any = true;
    }
    if (!any)
        return EM_OK;
    pl_node *p = *plan;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)p->n_out, sizeof *exprs);
    pl_attr *attrs = an_copy_attrs(c, p->n_out, p->out);
    for (int idx = 0; idx < p->n_out; idx++) {
        exprs[idx] = an_colref(c, &p->out[idx], idx);
        if (idx < n && !ty_equals(p->out[idx].type, common[idx])) {
            exprs[idx] = an_cast(c, exprs[idx], common[idx]);
            attrs[idx].type = common[idx];
            attrs[idx].nullable = exprs[idx]->nullable;
            attrs[idx].id = an_new_id(c);
        }
    }
    for (int idx = 0; idx < n; idx++)
        if (!ty_equals(e->args[idx]->type, common[idx]))
            e->args[idx] = an_cast(c, e->args[idx], common[idx]);
    *plan = an_make_project(c, p, p->n_out, exprs, attrs, -1);
    return EM_OK;
}

/* The relation a DataFrame subquery names by plan id (a WithRelations reference). */
static const pl_node *an_subq_ref(an_ctx *c, int64_t plan_id)
{
    for (int idx = 0; idx < c->n_refs; idx++)
        if (c->refs[idx] && c->refs[idx]->plan_id == plan_id)
            return c->refs[idx];
    return NULL;
}

int an_subquery_expr(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    if (in->kind == PX_OUTER_REF || in->resolved) {
        if (!in->resolved)
            return em_error_internal(c->err, "unresolved outer reference");
        *out = (pl_expr *)in;
        return EM_OK;
    }
    const pl_node *plan_in = in->subquery;
    if (!plan_in && in->subquery_plan_id >= 0)
        plan_in = an_subq_ref(c, in->subquery_plan_id);
    if (!plan_in)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "a subquery without its plan", NULL);
    int n_vals = in->kind == PX_IN_SUBQUERY ? in->n_args : 0;
    pl_expr **vals = em_arena_calloc(c->a, (size_t)(n_vals ? n_vals : 1), sizeof *vals);
    an_scope vs = *s;
    vs.allow_generator = false;
    for (int idx = 0; idx < n_vals; idx++)
        if (an_expr(c, &vs, in->args[idx], &vals[idx]))
            return c->err->code;

    an_subq_frame f;
    memset(&f, 0, sizeof f);
    f.outer = s;
    f.parent = c->subq;
    c->subq = &f;
    c->has_subquery = true;
    pl_node *plan = NULL;
    int rc = an_node(c, plan_in, &plan);
    c->subq = f.parent;
    if (rc)
        return rc;

    pl_expr *e = pl_expr_new(c->a, in->kind, n_vals + f.n);
    for (int idx = 0; idx < n_vals; idx++)
        e->args[idx] = vals[idx];
    for (int idx = 0; idx < f.n; idx++)
        e->args[n_vals + idx] = f.vals[idx];
    e->n_in_values = n_vals;
    e->subq_flags = PX_SUBQ_IN_EXISTS;
    e->src_start = in->src_start;
    e->src_stop = in->src_stop;
    e->resolved = true;
    em_str names;
    em_str_init(&names, 0);
    int n_names = 0;
    an_outer_names_plan(c, plan, &names, &n_names, 0);
    e->sql = an_str_done(c, &names);
    em_str_release(&names);

    switch (in->kind) {
    case PX_SCALAR_SUBQUERY:
        if (plan->n_out != 1) {
            char num[16];
            snprintf(num, sizeof num, "%d", plan->n_out);
            em_error_set(c->err,
                         "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_"
                         "COLUMN",
                         "number", num, NULL);
            return an_subq_fail(c, in);
        }
        e->type = plan->out[0].type;
        e->nullable = true;
        break;
    case PX_EXISTS:
        e->type = ty_boolean();
        e->nullable = false;
        break;
    default: {
        if (plan->n_out != n_vals)
            return an_in_mismatch(c, in, e, plan, true);
        rc = an_in_coerce(c, e, &plan);
        if (rc > 0)
            return an_in_mismatch(c, in, e, plan, false);
        if (rc)
            return rc;
        e->type = ty_boolean();
        e->nullable = false;
        for (int idx = 0; idx < n_vals; idx++)
            e->nullable = e->nullable || e->args[idx]->nullable || plan->out[idx].nullable;
        break;
    }
    }
    e->subquery = plan;
    *out = e;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* After resolution                                                                            */

static bool an_is_subq(const pl_expr *e)
{
    return e->kind == PX_SCALAR_SUBQUERY || e->kind == PX_EXISTS || e->kind == PX_IN_SUBQUERY;
}

/* True when e (not looking into nested subquery plans) reads an outer value of its level. */
static bool an_has_outer(const pl_expr *e)
{
    if (!e)
        return false;
    if (e->kind == PX_OUTER_REF)
        return true;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_has_outer(e->args[idx]))
            return true;
    return false;
}

/* An Aggregate's output expression (over groups ++ aggregate results) with the slots replaced
   by the grouping expressions and aggregate calls they stand for (over the input). */
static pl_expr *an_agg_output_over_input(an_ctx *c, const pl_node *agg, pl_expr *e)
{
    if (e->kind == PX_COLREF) {
        if (e->col_index < agg->n_groups)
            return agg->groups[e->col_index];
        if (e->col_index - agg->n_groups < agg->u.agg.n_aggs)
            return agg->u.agg.aggs[e->col_index - agg->n_groups];
        return e;
    }
    if (e->n_args == 0)
        return e;
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int idx = 0; idx < e->n_args; idx++)
        r->args[idx] = an_agg_output_over_input(c, agg, e->args[idx]);
    return r;
}

/* Spark's CORRELATED_REFERENCE: outer references only in Filter, Project and Join operators
   of a subquery's plan (checkCorrelationsInSubquery's canHostOuter). */
static int an_check_correlation(an_ctx *c, const pl_expr *subq, const pl_node *p, int depth)
{
    if (!p || depth > AN_MAX_DEPTH)
        return EM_OK;
    if (p->kind == PL_SORT || p->kind == PL_AGGREGATE || p->kind == PL_WINDOW) {
        em_str list;
        em_str_init(&list, 0);
        int n = 0;
        /* Spark lists the operator's expressions holding outer references: an Aggregate's
           grouping expressions, then its output expressions as `expr AS name`. */
        for (int idx = 0; idx < p->n_groups; idx++) {
            if (!an_has_outer(p->groups[idx]))
                continue;
            em_str_puts(&list, n++ ? ",\"" : "\"");
            an_pretty_sql(c, p->groups[idx], &list);
            em_str_putc(&list, '"');
        }
        for (int idx = 0; idx < p->n_exprs; idx++) {
            pl_expr *x = p->exprs[idx];
            if (p->kind == PL_AGGREGATE)
                x = an_agg_output_over_input(c, p, x);
            if (!an_has_outer(x))
                continue;
            em_str_puts(&list, n++ ? ",\"" : "\"");
            an_pretty_sql(c, x, &list);
            if (p->kind == PL_AGGREGATE && idx < p->n_out) {
                em_str_puts(&list, " AS ");
                pl_quote_if_needed(&list, p->out[idx].name);
            }
            em_str_putc(&list, '"');
        }
        if (n) {
            em_error_set(c->err, "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
                         "sqlExprs", list.data, NULL);
            em_str_release(&list);
            return an_subq_fail(c, subq);
        }
        em_str_release(&list);
    }
    for (int idx = 0; idx < p->n_children; idx++)
        if (an_check_correlation(c, subq, p->children[idx], depth + 1))
            return c->err->code;
    return EM_OK;
}

static int an_fin_node(an_ctx *c, pl_node *n, int depth);

/* Sets the IN semantics of e's subqueries by position and checks each subquery's plan. A join
   condition's side sizes (n_left) let a correlated subquery there be checked for reading both
   join inputs (UNSUPPORTED_CORRELATED_EXPRESSION_IN_JOIN_CONDITION). */
static int an_fin_expr(an_ctx *c, pl_expr *e, bool join_cond, int n_left, bool under_not, int depth)
{
    if (!e || depth > AN_MAX_DEPTH)
        return EM_OK;
    if (an_is_subq(e)) {
        bool correlated = e->n_args > e->n_in_values;
        if (e->kind == PX_IN_SUBQUERY)
            e->subq_flags = join_cond && !correlated ? PX_SUBQ_IN_THREE_VALUED
                            : under_not              ? PX_SUBQ_IN_NULL_AWARE
                                                     : PX_SUBQ_IN_EXISTS;
        if (join_cond && correlated) {
            bool left = false, right = false;
            for (int idx = e->n_in_values; idx < e->n_args; idx++) {
                const pl_expr *v = e->args[idx];
                while (v && v->kind == PX_EXTRACT)
                    v = v->args[0];
                if (v && v->kind == PX_COLREF && v->col_index < n_left)
                    left = true;
                else if (v && v->kind == PX_COLREF)
                    right = true;
            }
            if (left && right) {
                em_str sql;
                em_str_init(&sql, 0);
                em_str_putc(&sql, '"');
                an_subquery_sql(c, e, &sql, true);
                em_str_putc(&sql, '"');
                em_error_set(c->err,
                             "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY."
                             "UNSUPPORTED_CORRELATED_EXPRESSION_IN_JOIN_CONDITION",
                             "subqueryExpression", sql.data, NULL);
                em_str_release(&sql);
                return an_subq_fail(c, e);
            }
        }
        if (correlated && an_check_correlation(c, e, e->subquery, 0))
            return c->err->code;
        if (an_fin_node(c, e->subquery, depth + 1))
            return c->err->code;
    }
    /* Spark's BooleanSimplification pushes NOT through AND / OR and cancels double negations
       before the subquery rewrites, so an IN is null-aware under an odd number of NOTs reached
       through NOT / AND / OR only. */
    bool is_not = e->kind == PX_CALL && e->n_args == 1 && e->name && strcmp(e->name, "not") == 0;
    bool is_andor =
        e->kind == PX_CALL && e->fn && (e->fn->lazy == FN_LAZY_AND || e->fn->lazy == FN_LAZY_OR);
    bool child_not = is_not ? !under_not : is_andor ? under_not : false;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_fin_expr(c, e->args[idx], join_cond, n_left, child_not, depth + 1))
            return c->err->code;
    if (e->window) {
        for (int idx = 0; idx < e->window->n_partition; idx++)
            if (an_fin_expr(c, e->window->partition[idx], false, 0, false, depth + 1))
                return c->err->code;
        for (int idx = 0; idx < e->window->n_order; idx++)
            if (an_fin_expr(c, e->window->order[idx], false, 0, false, depth + 1))
                return c->err->code;
    }
    return EM_OK;
}

static int an_fin_node(an_ctx *c, pl_node *n, int depth)
{
    if (!n || depth > AN_MAX_DEPTH)
        return EM_OK;
    for (int idx = 0; idx < n->n_children; idx++)
        if (an_fin_node(c, n->children[idx], depth + 1))
            return c->err->code;
    for (int idx = 0; idx < n->n_exprs; idx++)
        if (an_fin_expr(c, n->exprs[idx], false, 0, false, depth + 1))
            return c->err->code;
    for (int idx = 0; idx < n->n_groups; idx++)
        if (an_fin_expr(c, n->groups[idx], false, 0, false, depth + 1))
            return c->err->code;
    switch (n->kind) {
    case PL_FILTER:
        return an_fin_expr(c, n->u.filter.cond, false, 0, false, depth + 1);
    case PL_JOIN:
        return an_fin_expr(c, n->u.join.cond, true,
                           n->n_children > 0 && n->children[0] ? n->children[0]->n_out : 0, false,
                           depth + 1);
    case PL_AGGREGATE:
        for (int idx = 0; idx < n->u.agg.n_aggs; idx++)
            if (an_fin_expr(c, n->u.agg.aggs[idx], false, 0, false, depth + 1))
                return c->err->code;
        return EM_OK;
    default:
        return EM_OK;
    }
}

int an_subquery_finish(an_ctx *c, pl_node **root)
{
    if (!c->has_subquery)
        return EM_OK;
    if (an_fin_node(c, *root, 0))
        return c->err->code;
    return an_subquery_rewrite(c, root);
}
