/*
 * pl_print: plan trees as text (see pl_print.h). The node lines follow Spark's
 * LogicalPlan.simpleString of the matching logical operators ("Project [...]", "Filter ...",
 * "Aggregate [groups], [outputs]", "Join Inner, cond", "GlobalLimit n" over "LocalLimit n",
 * "LocalRelation <empty>, [...]", "Range (start, end, step=s, splits=Some(n))"); expressions
 * follow Expression.toString (attributes name#id, casts "cast(x as type)", operators in
 * parentheses). Unresolved nodes print with the "'" prefix.
 */
#include "plan/pl_print.h"

#include <string.h>
#include <strings.h>

#include "types/ty_format.h"

/* ------------------------------------------------------------------------------------------ */
/* Expressions                                                                                 */

static const struct {
    const char *name;
    const char *symbol;
} pl_binops[] = {
    {"+", "+"}, {"-", "-"},   {"*", "*"},     {"/", "/"},     {"%", "%"},   {"&", "&"},
    {"|", "|"}, {"^", "^"},   {"=", "="},     {"==", "="},    {"<", "<"},   {"<=", "<="},
    {">", ">"}, {">=", ">="}, {"<=>", "<=>"}, {"and", "AND"}, {"or", "OR"}, {"div", "div"},
};

static void pl_expr_rec(const pl_expr *e, em_str *out, int depth);

static void pl_args(const pl_expr *e, int from, em_str *out, int depth)
{
    for (int idx = from; idx < e->n_args; idx++) {
        if (idx > from)
            em_str_puts(out, ", ");
        pl_expr_rec(e->args[idx], out, depth);
    }
}

static void pl_attr_ref(em_str *out, const char *name, int64_t id, const ty *type)
{
    em_str_puts(out, name ? name : "?");
    em_str_printf(out, "#%lld", (long long)id);
    if (type && type->kind == TY_LONG)
        em_str_putc(out, 'L');
}

static void pl_literal(const pl_expr *e, em_str *out)
{
    const vec *v = e->lit;
    if (!v || v->type->kind == TY_NULL || vec_is_null(v, 0)) {
        em_str_puts(out, "null");
        return;
    }
    if (v->type->kind == TY_BINARY) {
        int32_t len;
        const char *s = vec_str(v, 0, &len);
        em_str_puts(out, "0x");
        for (int32_t k = 0; k < len; k++)
            em_str_printf(out, "%02X", (unsigned char)s[k]);
        return;
    }
    ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = NULL};
    ty_format_cell(v, 0, &fo, out);
}

static void pl_call(const pl_expr *e, em_str *out, int depth)
{
    const char *name = e->name ? e->name : "?";
    if (e->n_args == 2)
        for (size_t idx = 0; idx < sizeof pl_binops / sizeof pl_binops[0]; idx++)
            if (strcasecmp(pl_binops[idx].name, name) == 0) {
                em_str_putc(out, '(');
                pl_expr_rec(e->args[0], out, depth);
                em_str_printf(out, " %s ", pl_binops[idx].symbol);
                pl_expr_rec(e->args[1], out, depth);
                em_str_putc(out, ')');
                return;
            }
    if (e->n_args == 1 && (strcasecmp(name, "not") == 0 || strcmp(name, "!") == 0)) {
        em_str_puts(out, "NOT ");
        pl_expr_rec(e->args[0], out, depth);
        return;
    }
    if (!e->resolved)
        em_str_putc(out, '\'');
    for (const char *p = name; *p; p++)
        em_str_putc(out, (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p);
    em_str_putc(out, '(');
    if (e->is_distinct)
        em_str_puts(out, "distinct ");
    pl_args(e, 0, out, depth);
    em_str_putc(out, ')');
}

static void pl_expr_rec(const pl_expr *e, em_str *out, int depth)
{
    if (!e) {
        em_str_puts(out, "<none>");
        return;
    }
    if (depth > 200) {
        em_str_puts(out, "...");
        return;
    }
    depth++;
    switch (e->kind) {
    case PX_LITERAL:
        pl_literal(e, out);
        return;
    case PX_ATTR:
        em_str_putc(out, '\'');
        for (int idx = 0; idx < e->n_parts; idx++) {
            if (idx)
                em_str_putc(out, '.');
            em_str_puts(out, e->parts[idx]);
        }
        return;
    case PX_STAR:
        for (int idx = 0; idx < e->n_parts; idx++) {
            em_str_puts(out, e->parts[idx]);
            em_str_putc(out, '.');
        }
        em_str_putc(out, '*');
        return;
    case PX_ALIAS:
        pl_expr_rec(e->args[0], out, depth);
        em_str_puts(out, " AS ");
        em_str_puts(out, e->n_parts ? e->parts[0] : "?");
        return;
    case PX_FUNC:
    case PX_CALL:
    case PX_AGG_CALL:
    case PX_WINDOW_CALL:
        pl_call(e, out, depth);
        return;
    case PX_CAST:
        em_str_puts(out, e->eval_mode == PX_EVAL_TRY ? "try_cast(" : "cast(");
        pl_expr_rec(e->args[0], out, depth);
        em_str_puts(out, " as ");
        if (e->cast_type)
            ty_simple_string(e->cast_type, out);
        else
            em_str_puts(out, e->cast_type_str ? e->cast_type_str : "?");
        em_str_putc(out, ')');
        return;
    case PX_SORT_ORDER:
        pl_expr_rec(e->args[0], out, depth);
        em_str_puts(out, e->descending ? " DESC" : " ASC");
        em_str_puts(out, e->nulls_first ? " NULLS FIRST" : " NULLS LAST");
        return;
    case PX_SQL_EXPR:
        em_str_puts(out, "'sql(");
        em_str_puts(out, e->sql ? e->sql : "");
        em_str_putc(out, ')');
        return;
    case PX_EXTRACT:
        pl_expr_rec(e->args[0], out, depth);
        if (e->resolved && e->ordinal >= 0 && e->args[1]->kind == PX_LITERAL) {
            int32_t len;
            const char *s = vec_str(e->args[1]->lit, 0, &len);
            em_str_putc(out, '.');
            em_str_append(out, s, (size_t)len);
        } else {
            em_str_putc(out, '[');
            pl_expr_rec(e->args[1], out, depth);
            em_str_putc(out, ']');
        }
        return;
    case PX_LAMBDA:
        em_str_puts(out, "lambdafunction(");
        pl_expr_rec(e->args[0], out, depth);
        for (int idx = 0; idx < e->n_parts; idx++)
            em_str_printf(out, ", %s", e->parts[idx]);
        em_str_putc(out, ')');
        return;
    case PX_LAMBDA_VAR:
        em_str_puts(out, e->n_parts ? e->parts[0] : "?");
        return;
    case PX_WINDOW:
        pl_expr_rec(e->args[0], out, depth);
        em_str_puts(out, " windowspecdefinition(...)");
        return;
    case PX_REGEX:
        em_str_printf(out, "'colregex(%s)", e->sql ? e->sql : "");
        return;
    case PX_NAMED_ARG:
        em_str_printf(out, "%s => ", e->name ? e->name : "?");
        pl_expr_rec(e->args[0], out, depth);
        return;
    case PX_UNSUPPORTED:
        em_str_printf(out, "<unsupported %s>", e->sql ? e->sql : "");
        return;
    case PX_ORDINAL:
        pl_expr_rec(e->args[0], out, depth);
        return;
    case PX_TYPED_LITERAL:
        em_str_printf(out, "%s '%s'", e->name ? e->name : "?", e->sql ? e->sql : "");
        return;
    case PX_COLREF:
        pl_attr_ref(out, e->name, e->attr_id, e->type);
        return;
    case PX_SCALAR_SUBQUERY:
    case PX_EXISTS:
    case PX_IN_SUBQUERY: {
        /* Spark's toString: "scalar-subquery#id [outer]", "exists#id [outer]",
           "v IN (list#id [outer])" (ids are not kept: Ember prints none). */
        int n_vals = e->kind == PX_IN_SUBQUERY ? e->n_in_values : 0;
        if (n_vals > 1)
            em_str_putc(out, '(');
        for (int idx = 0; idx < n_vals && idx < e->n_args; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            pl_expr_rec(e->args[idx], out, depth);
        }
        if (n_vals > 1)
            em_str_putc(out, ')');
        em_str_puts(out, e->kind == PX_SCALAR_SUBQUERY ? "scalar-subquery"
                         : e->kind == PX_EXISTS        ? "exists"
                                                       : " IN (list");
        if (e->n_args > n_vals) {
            em_str_puts(out, " [");
            for (int idx = n_vals; idx < e->n_args; idx++) {
                if (idx > n_vals)
                    em_str_puts(out, " && ");
                pl_expr_rec(e->args[idx], out, depth);
            }
            em_str_putc(out, ']');
        }
        if (e->kind == PX_IN_SUBQUERY)
            em_str_putc(out, ')');
        return;
    }
    case PX_OUTER_REF:
        em_str_puts(out, "outer(");
        pl_attr_ref(out, e->name ? e->name : "?", e->attr_id, e->type);
        em_str_putc(out, ')');
        return;
    }
}

void pl_expr_string(const pl_expr *e, em_str *out)
{
    pl_expr_rec(e, out, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Nodes                                                                                       */

static void pl_attr_list(const pl_attr *attrs, int n, const char *sep, em_str *out)
{
    em_str_putc(out, '[');
    for (int idx = 0; idx < n; idx++) {
        if (idx)
            em_str_puts(out, sep);
        pl_attr_ref(out, attrs[idx].name, attrs[idx].id, attrs[idx].type);
    }
    em_str_putc(out, ']');
}

static void pl_expr_list(pl_expr *const *exprs, int n, em_str *out)
{
    em_str_putc(out, '[');
    for (int idx = 0; idx < n; idx++) {
        if (idx)
            em_str_puts(out, ", ");
        pl_expr_string(exprs[idx], out);
    }
    em_str_putc(out, ']');
}

/* An output expression of a resolved Project: a pass-through column prints bare. */
static void pl_output(const pl_expr *e, const pl_attr *a, em_str *out)
{
    if (e->kind == PX_COLREF && e->attr_id == a->id && e->name && strcmp(e->name, a->name) == 0) {
        pl_attr_ref(out, a->name, a->id, a->type);
        return;
    }
    pl_expr_string(e, out);
    em_str_puts(out, " AS ");
    pl_attr_ref(out, a->name, a->id, a->type);
}

/* Aggregate outputs are expressions over (groups ++ aggregates): print them substituted. */
static void pl_agg_output(const pl_node *n, const pl_expr *e, em_str *out, int depth)
{
    if (e->kind == PX_COLREF && e->col_index >= 0) {
        int slot = e->col_index;
        if (slot < n->n_groups) {
            pl_expr_string(n->groups[slot], out);
            return;
        }
        if (slot - n->n_groups < n->u.agg.n_aggs) {
            pl_expr_string(n->u.agg.aggs[slot - n->n_groups], out);
            return;
        }
    }
    if (e->n_args == 0 || depth > 200) {
        pl_expr_string(e, out);
        return;
    }
    /* Only the common shapes (calls and casts over slots) need substitution. */
    if (e->kind == PX_CAST) {
        em_str_puts(out, "cast(");
        pl_agg_output(n, e->args[0], out, depth + 1);
        em_str_puts(out, " as ");
        ty_simple_string(e->cast_type, out);
        em_str_putc(out, ')');
    } else {
        em_str_puts(out, e->name ? e->name : "?");
        em_str_putc(out, '(');
        for (int idx = 0; idx < e->n_args; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            pl_agg_output(n, e->args[idx], out, depth + 1);
        }
        em_str_putc(out, ')');
    }
}

static const char *pl_join_name(pl_join_type t)
{
    switch (t) {
    case PL_JOIN_INNER:
        return "Inner";
    case PL_JOIN_FULL_OUTER:
        return "FullOuter";
    case PL_JOIN_LEFT_OUTER:
        return "LeftOuter";
    case PL_JOIN_RIGHT_OUTER:
        return "RightOuter";
    case PL_JOIN_LEFT_ANTI:
        return "LeftAnti";
    case PL_JOIN_LEFT_SEMI:
        return "LeftSemi";
    case PL_JOIN_CROSS:
        return "Cross";
    }
    return "Unknown";
}

static void pl_node_line(const pl_node *n, em_str *out)
{
    if (!n->resolved)
        em_str_putc(out, '\'');
    switch (n->kind) {
    case PL_RANGE:
        em_str_printf(out, "Range (%lld, %lld, step=%lld, splits=", (long long)n->u.range.start,
                      (long long)n->u.range.end, (long long)n->u.range.step);
        if (n->u.range.num_partitions > 0)
            em_str_printf(out, "Some(%d))", n->u.range.num_partitions);
        else
            em_str_puts(out, "None)");
        return;
    case PL_LOCAL:
        em_str_puts(out, "LocalRelation ");
        if (n->u.local.n_batches == 0)
            em_str_puts(out, "<empty>, ");
        if (n->resolved) {
            pl_attr_list(n->out, n->n_out, ", ", out);
        } else if (n->u.local.schema) {
            em_str_putc(out, '[');
            for (int idx = 0; idx < n->u.local.schema->n_fields; idx++)
                em_str_printf(out, "%s%s", idx ? ", " : "", n->u.local.schema->fields[idx].name);
            em_str_putc(out, ']');
        }
        return;
    case PL_READ_TABLE:
        em_str_puts(out, "UnresolvedRelation [");
        for (int idx = 0; idx < n->u.read.n_parts; idx++)
            em_str_printf(out, "%s%s", idx ? ", " : "", n->u.read.parts[idx]);
        em_str_puts(out, "], [], false");
        return;
    case PL_READ_SOURCE:
        em_str_puts(out, "Relation ");
        if (n->resolved)
            pl_attr_list(n->out, n->n_out, ",", out);
        em_str_printf(out, " %s", n->u.read.format ? n->u.read.format : "parquet");
        return;
    case PL_SQL:
        em_str_printf(out, "SQL %s", n->u.sql.query ? n->u.sql.query : "");
        return;
    case PL_ONE_ROW:
        em_str_puts(out, "OneRowRelation");
        return;
    case PL_PROJECT:
        em_str_puts(out, "Project");
        if (n->n_exprs == 0)
            return;
        em_str_puts(out, " [");
        for (int idx = 0; idx < n->n_exprs; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            if (n->resolved && idx < n->n_out)
                pl_output(n->exprs[idx], &n->out[idx], out);
            else
                pl_expr_string(n->exprs[idx], out);
        }
        em_str_putc(out, ']');
        return;
    case PL_FILTER:
        em_str_puts(out, "Filter ");
        pl_expr_string(n->u.filter.cond, out);
        return;
    case PL_SORT:
        em_str_puts(out, "Sort ");
        pl_expr_list(n->exprs, n->n_exprs, out);
        em_str_puts(out, n->u.sort.is_global ? ", true" : ", false");
        return;
    case PL_LIMIT:
        em_str_printf(out, "GlobalLimit %lld", (long long)n->u.limit.n);
        return;
    case PL_OFFSET:
        em_str_printf(out, "Offset %lld", (long long)n->u.limit.n);
        return;
    case PL_TAIL:
        em_str_printf(out, "Tail %lld", (long long)n->u.limit.n);
        return;
    case PL_AGGREGATE:
        /* A global aggregate prints only its outputs. */
        em_str_puts(out, "Aggregate ");
        if (n->n_groups > 0) {
            pl_expr_list(n->groups, n->n_groups, out);
            em_str_puts(out, ", ");
        }
        em_str_putc(out, '[');
        for (int idx = 0; idx < n->n_exprs; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            if (n->resolved && idx < n->n_out) {
                const pl_expr *e = n->exprs[idx];
                const pl_attr *a = &n->out[idx];
                bool bare = e->kind == PX_COLREF && e->col_index >= 0 &&
                            e->col_index < n->n_groups &&
                            n->groups[e->col_index]->kind == PX_COLREF &&
                            n->groups[e->col_index]->attr_id == a->id;
                if (bare) {
                    pl_attr_ref(out, a->name, a->id, a->type);
                } else {
                    pl_agg_output(n, e, out, 0);
                    em_str_puts(out, " AS ");
                    pl_attr_ref(out, a->name, a->id, a->type);
                }
            } else {
                pl_expr_string(n->exprs[idx], out);
            }
        }
        em_str_putc(out, ']');
        return;
    case PL_DEDUP:
        em_str_puts(out, "Deduplicate [");
        if (n->resolved) {
            for (int idx = 0; idx < n->u.dedup.n_keys; idx++) {
                const pl_attr *a = &n->out[n->u.dedup.keys[idx]];
                if (idx)
                    em_str_puts(out, ", ");
                pl_attr_ref(out, a->name, a->id, a->type);
            }
        } else {
            for (int idx = 0; idx < n->u.dedup.n_cols; idx++)
                em_str_printf(out, "%s%s", idx ? ", " : "", n->u.dedup.cols[idx]);
        }
        em_str_putc(out, ']');
        return;
    case PL_SUBQUERY_ALIAS:
        em_str_printf(out, "SubqueryAlias %s", n->u.alias.alias ? n->u.alias.alias : "");
        return;
    case PL_TO_DF:
        em_str_puts(out, "ToDF [");
        for (int idx = 0; idx < n->u.names.n; idx++)
            em_str_printf(out, "%s%s", idx ? ", " : "", n->u.names.names[idx]);
        em_str_putc(out, ']');
        return;
    case PL_RENAME:
        em_str_puts(out, "WithColumnsRenamed [");
        for (int idx = 0; idx < n->u.rename.n; idx++)
            em_str_printf(out, "%s%s -> %s", idx ? ", " : "", n->u.rename.from[idx],
                          n->u.rename.to[idx]);
        em_str_putc(out, ']');
        return;
    case PL_WITH_COLUMNS:
        em_str_puts(out, "WithColumns ");
        pl_expr_list(n->exprs, n->n_exprs, out);
        return;
    case PL_DROP:
        em_str_puts(out, "Drop ");
        pl_expr_list(n->exprs, n->n_exprs, out);
        return;
    case PL_SHOW_STRING:
    case PL_HTML_STRING:
        em_str_printf(out, "%s %d, %d", pl_kind_name(n->kind), n->u.show.num_rows,
                      n->u.show.truncate);
        return;
    case PL_SAMPLE:
        em_str_printf(out, "Sample %g, %g, %s", n->u.sample.lower, n->u.sample.upper,
                      n->u.sample.with_replacement ? "true" : "false");
        if (n->u.sample.has_seed)
            em_str_printf(out, ", %lld", (long long)n->u.sample.seed);
        return;
    case PL_REPARTITION:
        if (n->n_groups) {
            em_str_puts(out, "RepartitionByExpression ");
            pl_expr_list(n->groups, n->n_groups, out);
            if (n->u.repartition.num_partitions > 0)
                em_str_printf(out, ", %d", n->u.repartition.num_partitions);
        } else {
            em_str_printf(out, "Repartition %d, %s", n->u.repartition.num_partitions,
                          n->u.repartition.shuffle ? "true" : "false");
        }
        return;
    case PL_HINT:
        em_str_printf(out, "UnresolvedHint %s", n->u.hint.name ? n->u.hint.name : "");
        return;
    case PL_WINDOW:
        em_str_puts(out, "Window [");
        for (int idx = 0; idx < n->n_exprs; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            pl_expr_string(n->exprs[idx], out);
            if (n->resolved && n->n_out >= n->n_exprs) {
                const pl_attr *a = &n->out[n->n_out - n->n_exprs + idx];
                em_str_puts(out, " AS ");
                pl_attr_ref(out, a->name, a->id, a->type);
            }
        }
        em_str_putc(out, ']');
        return;
    case PL_GENERATE:
        em_str_puts(out, "Generate ");
        if (n->n_exprs)
            pl_expr_string(n->exprs[0], out);
        em_str_printf(out, ", %s, ", n->u.generate.outer ? "true" : "false");
        if (n->resolved && n->n_children && n->children[0])
            pl_attr_list(n->out + n->children[0]->n_out, n->n_out - n->children[0]->n_out, ", ",
                         out);
        return;
    case PL_JOIN:
        em_str_printf(out, "Join %s", pl_join_name(n->u.join.type));
        if (n->u.join.cond) {
            em_str_puts(out, ", ");
            pl_expr_string(n->u.join.cond, out);
        }
        if (n->u.join.n_using) {
            em_str_puts(out, ", using [");
            for (int idx = 0; idx < n->u.join.n_using; idx++)
                em_str_printf(out, "%s%s", idx ? ", " : "", n->u.join.using_cols[idx]);
            em_str_putc(out, ']');
        }
        return;
    case PL_SET_OP:
        switch (n->u.set_op.type) {
        case PL_SETOP_UNION:
            em_str_printf(out, "Union %s, %s", n->u.set_op.by_name ? "true" : "false",
                          n->u.set_op.allow_missing_columns ? "true" : "false");
            return;
        case PL_SETOP_INTERSECT:
            em_str_puts(out, n->u.set_op.is_all ? "Intersect All true" : "Intersect false");
            return;
        case PL_SETOP_EXCEPT:
            em_str_puts(out, n->u.set_op.is_all ? "Except All true" : "Except false");
            return;
        }
        return;
    default:
        em_str_puts(out, pl_kind_name(n->kind));
        return;
    }
}

void pl_node_string(const pl_node *n, em_str *out)
{
    pl_node_line(n, out);
}

/* One node and its subtree; prefix holds the drawing of the ancestors' columns. */
static void pl_tree_rec(const pl_node *n, em_str *prefix, bool is_last, bool root, em_str *out,
                        int depth)
{
    em_str_append(out, prefix->data ? prefix->data : "", prefix->len);
    if (!root)
        em_str_puts(out, is_last ? "+- " : ":- ");
    if (depth > 2000) {
        em_str_puts(out, "...\n");
        return;
    }
    pl_node_line(n, out);
    em_str_putc(out, '\n');
    bool unresolved_limit = n->kind == PL_LIMIT && n->resolved;
    size_t saved = prefix->len;
    if (!root)
        em_str_puts(prefix, is_last ? "   " : ":  ");
    if (unresolved_limit) {
        /* Spark splits a limit into GlobalLimit over LocalLimit. */
        em_str_append(out, prefix->data ? prefix->data : "", prefix->len);
        em_str_printf(out, "+- LocalLimit %lld\n", (long long)n->u.limit.n);
        em_str_puts(prefix, "   ");
    }
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            pl_tree_rec(n->children[idx], prefix, idx == n->n_children - 1, false, out, depth + 1);
    prefix->len = saved;
    if (prefix->data)
        prefix->data[saved] = '\0';
}

void pl_tree(const pl_node *n, em_str *out)
{
    if (!n) {
        em_str_puts(out, "<none>\n");
        return;
    }
    em_str prefix;
    em_str_init(&prefix, 0);
    pl_tree_rec(n, &prefix, true, true, out, 0);
    em_str_release(&prefix);
}

static void pl_schema_line(const pl_node *n, em_str *out)
{
    for (int idx = 0; idx < n->n_out; idx++) {
        if (idx)
            em_str_puts(out, ", ");
        em_str_printf(out, "%s: ", n->out[idx].name);
        ty_simple_string(n->out[idx].type, out);
    }
    em_str_putc(out, '\n');
}

void pl_explain(const pl_node *parsed, const pl_node *resolved, int mode, em_str *out)
{
    pl_explain_optimized(parsed, resolved, NULL, mode, out);
}

void pl_explain_optimized(const pl_node *parsed, const pl_node *resolved, const pl_node *optimized,
                          int mode, em_str *out)
{
    if (!optimized)
        optimized = resolved;
    if (mode == PL_EXPLAIN_SIMPLE || mode == 0) {
        em_str_puts(out, "== Physical Plan ==\n");
        pl_tree(optimized, out);
        em_str_putc(out, '\n');
        return;
    }
    if (mode == PL_EXPLAIN_CODEGEN || mode == PL_EXPLAIN_COST || mode == PL_EXPLAIN_FORMATTED) {
        pl_explain_mode(resolved, optimized, mode, out); /* pl_explain.c */
        return;
    }
    em_str_puts(out, "== Parsed Logical Plan ==\n");
    pl_tree(parsed, out);
    em_str_puts(out, "\n== Analyzed Logical Plan ==\n");
    if (resolved)
        pl_schema_line(resolved, out);
    pl_tree(resolved, out);
    em_str_puts(out, "\n== Optimized Logical Plan ==\n");
    pl_tree(optimized, out);
    em_str_puts(out, "\n== Physical Plan ==\n");
    pl_tree(optimized, out);
}

/* ------------------------------------------------------------------------------------------ */
/* printSchema                                                                                 */

static void pl_escape_meta(const char *s, em_str *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '\n':
            em_str_puts(out, "\\n");
            break;
        case '\r':
            em_str_puts(out, "\\r");
            break;
        case '\t':
            em_str_puts(out, "\\t");
            break;
        case '\f':
            em_str_puts(out, "\\f");
            break;
        case '\b':
            em_str_puts(out, "\\b");
            break;
        case '\v':
            em_str_puts(out, "\\v");
            break;
        case '\a':
            em_str_puts(out, "\\a");
            break;
        default:
            em_str_putc(out, *s);
        }
    }
}

static void pl_type_tree(const ty *t, em_str *prefix, em_str *out, int depth);

static void pl_field_line(const char *name, const ty *t, const char *suffix_key, bool flag,
                          bool has_flag, em_str *prefix, em_str *out, int depth)
{
    if (depth <= 0)
        return;
    em_str_append(out, prefix->data, prefix->len);
    em_str_puts(out, "-- ");
    pl_escape_meta(name, out);
    em_str_puts(out, ": ");
    ty_type_name(t, out);
    if (has_flag)
        em_str_printf(out, " (%s = %s)", suffix_key, flag ? "true" : "false");
    em_str_putc(out, '\n');
    size_t saved = prefix->len;
    em_str_puts(prefix, "    |");
    pl_type_tree(t, prefix, out, depth);
    prefix->len = saved;
    prefix->data[saved] = '\0';
}

static void pl_type_tree(const ty *t, em_str *prefix, em_str *out, int depth)
{
    switch (t->kind) {
    case TY_STRUCT:
        for (int idx = 0; idx < t->n_fields; idx++)
            pl_field_line(t->fields[idx].name, t->fields[idx].type, "nullable",
                          t->fields[idx].nullable, true, prefix, out, depth - 1);
        return;
    case TY_ARRAY:
        pl_field_line("element", t->elem, "containsNull", t->contains_null, true, prefix, out,
                      depth - 1);
        return;
    case TY_MAP:
        pl_field_line("key", t->key, NULL, false, false, prefix, out, depth - 1);
        pl_field_line("value", t->value, "valueContainsNull", t->value_contains_null, true, prefix,
                      out, depth - 1);
        return;
    default:
        return;
    }
}

void pl_tree_string(const pl_node *resolved, int level, em_str *out)
{
    em_str_puts(out, "root\n");
    if (!resolved)
        return;
    int depth = level > 0 ? level : 1 << 30;
    em_str prefix;
    em_str_init(&prefix, 0);
    em_str_puts(&prefix, " |");
    for (int idx = 0; idx < resolved->n_out; idx++)
        pl_field_line(resolved->out[idx].name, resolved->out[idx].type, "nullable",
                      resolved->out[idx].nullable, true, &prefix, out, depth);
    em_str_release(&prefix);
}
