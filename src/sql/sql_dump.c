/*
 * sql_dump: a compact, stable text form of unresolved IR for tests and logs (not Spark's
 * explain format). Expressions print as name(args); literals as value:type; plans as one
 * node per line, children indented by two spaces. Output is bounded by the caller's em_str.
 */
#include "sql/sql_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SQL_DUMP_MAX_DEPTH (2 * SQL_MAX_DEPTH)

static void sql_dump_plan_rec(const pl_node *n, em_str *out, int depth);
static void sql_dump_expr_rec(const pl_expr *e, em_str *out, int depth);

static void sql_dump_name(const char *name, em_str *out)
{
    bool plain = name[0] && !(name[0] >= '0' && name[0] <= '9');
    for (const char *c = name; *c && plain; c++)
        plain = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                *c == '_';
    if (plain) {
        em_str_puts(out, name);
        return;
    }
    em_str_putc(out, '`');
    for (const char *c = name; *c; c++) {
        if (*c == '`')
            em_str_putc(out, '`');
        em_str_putc(out, *c);
    }
    em_str_putc(out, '`');
}

static void sql_dump_parts(int n, const char *const *parts, em_str *out)
{
    for (int idx = 0; idx < n; idx++) {
        if (idx)
            em_str_putc(out, '.');
        sql_dump_name(parts[idx], out);
    }
}

static void sql_dump_i128(__int128 v, int scale, em_str *out)
{
    char buf[64];
    int w = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
    do {
        buf[w++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u && w < 60);
    while (w <= scale)
        buf[w++] = '0';
    if (neg)
        em_str_putc(out, '-');
    for (int idx = w - 1; idx >= 0; idx--) {
        em_str_putc(out, buf[idx]);
        if (idx == scale && scale > 0)
            em_str_putc(out, '.');
    }
}

static void sql_dump_literal(const pl_expr *e, em_str *out)
{
    const vec *v = e->lit;
    const ty *t = e->type ? e->type : v->type;
    if (!v || v->len < 1 || vec_is_null(v, 0) || t->kind == TY_NULL) {
        em_str_puts(out, "NULL");
    } else {
        switch (t->kind) {
        case TY_BOOLEAN:
            em_str_puts(out, VEC_VALUES(v, uint8_t)[0] ? "true" : "false");
            break;
        case TY_BYTE:
            em_str_printf(out, "%d", VEC_VALUES(v, int8_t)[0]);
            break;
        case TY_SHORT:
            em_str_printf(out, "%d", VEC_VALUES(v, int16_t)[0]);
            break;
        case TY_INT:
        case TY_DATE:
        case TY_YEARMONTH_INTERVAL:
            em_str_printf(out, "%d", VEC_VALUES(v, int32_t)[0]);
            break;
        case TY_LONG:
        case TY_TIMESTAMP:
        case TY_TIMESTAMP_NTZ:
        case TY_DAYTIME_INTERVAL:
            em_str_printf(out, "%" PRId64, VEC_VALUES(v, int64_t)[0]);
            break;
        case TY_FLOAT:
            em_str_printf(out, "%.9g", (double)VEC_VALUES(v, float)[0]);
            break;
        case TY_DOUBLE:
            em_str_printf(out, "%.17g", VEC_VALUES(v, double)[0]);
            break;
        case TY_DECIMAL:
            sql_dump_i128(VEC_VALUES(v, __int128)[0], t->scale, out);
            break;
        case TY_STRING:
        case TY_CHAR:
        case TY_VARCHAR: {
            /* vec_str would offset a NULL payload pointer for empty strings. */
            int32_t len = v->offsets[1] - v->offsets[0];
            const char *s = len ? vec_str(v, 0, &len) : "";
            em_str_putc(out, '\'');
            for (int32_t idx = 0; idx < len; idx++) {
                unsigned char c = (unsigned char)s[idx];
                if (c == '\'' || c == '\\')
                    em_str_printf(out, "\\%c", c);
                else if (c < 0x20)
                    em_str_printf(out, "\\x%02x", c);
                else
                    em_str_putc(out, (char)c);
            }
            em_str_putc(out, '\'');
            break;
        }
        case TY_BINARY: {
            int32_t len = v->offsets[1] - v->offsets[0];
            const char *s = len ? vec_str(v, 0, &len) : "";
            em_str_puts(out, "X'");
            for (int32_t idx = 0; idx < len; idx++)
                em_str_printf(out, "%02X", (unsigned char)s[idx]);
            em_str_putc(out, '\'');
            break;
        }
        default:
            em_str_puts(out, "?");
            break;
        }
    }
    em_str_putc(out, ':');
    ty_simple_string(t, out);
}

static void sql_dump_list(pl_expr *const *v, int n, em_str *out, int depth)
{
    for (int idx = 0; idx < n; idx++) {
        if (idx)
            em_str_puts(out, ", ");
        sql_dump_expr_rec(v[idx], out, depth);
    }
}

static void sql_dump_bound(const pl_frame_bound *b, em_str *out, int depth)
{
    switch (b->kind) {
    case PX_BOUND_CURRENT_ROW:
        em_str_puts(out, "CURRENT ROW");
        break;
    case PX_BOUND_UNBOUNDED:
        em_str_puts(out, "UNBOUNDED");
        break;
    case PX_BOUND_VALUE:
        sql_dump_expr_rec(b->value, out, depth);
        break;
    }
}

static void sql_dump_expr_rec(const pl_expr *e, em_str *out, int depth)
{
    if (!e) {
        em_str_puts(out, "<null>");
        return;
    }
    if (depth > SQL_DUMP_MAX_DEPTH) {
        em_str_puts(out, "...");
        return;
    }
    switch (e->kind) {
    case PX_LITERAL:
        sql_dump_literal(e, out);
        break;
    case PX_ATTR:
        sql_dump_parts(e->n_parts, e->parts, out);
        break;
    case PX_STAR:
        if (e->n_parts) {
            sql_dump_parts(e->n_parts, e->parts, out);
            em_str_putc(out, '.');
        }
        em_str_putc(out, '*');
        for (int idx = 0; idx < e->n_args; idx++) {
            em_str_puts(out, idx ? ", " : " EXCEPT (");
            sql_dump_expr_rec(e->args[idx], out, depth + 1);
            if (idx == e->n_args - 1)
                em_str_putc(out, ')');
        }
        break;
    case PX_ALIAS:
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_puts(out, " AS ");
        if (e->n_parts == 1) {
            sql_dump_name(e->parts[0], out);
        } else {
            em_str_putc(out, '(');
            for (int idx = 0; idx < e->n_parts; idx++) {
                if (idx)
                    em_str_puts(out, ", ");
                sql_dump_name(e->parts[idx], out);
            }
            em_str_putc(out, ')');
        }
        break;
    case PX_FUNC:
        em_str_puts(out, e->name);
        em_str_putc(out, '(');
        if (e->is_distinct)
            em_str_puts(out, "DISTINCT ");
        sql_dump_list(e->args, e->n_args, out, depth + 1);
        em_str_putc(out, ')');
        break;
    case PX_CAST:
        em_str_puts(out, e->eval_mode == PX_EVAL_TRY ? "try_cast(" : "cast(");
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_puts(out, " AS ");
        if (e->cast_type)
            ty_simple_string(e->cast_type, out);
        else
            em_str_puts(out, e->cast_type_str ? e->cast_type_str : "?");
        em_str_putc(out, ')');
        break;
    case PX_SORT_ORDER:
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_puts(out, e->descending ? " DESC" : " ASC");
        em_str_puts(out, e->nulls_first ? " NULLS FIRST" : " NULLS LAST");
        break;
    case PX_EXTRACT:
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_putc(out, '[');
        sql_dump_expr_rec(e->args[1], out, depth + 1);
        em_str_putc(out, ']');
        break;
    case PX_LAMBDA:
        em_str_puts(out, "lambda(");
        for (int idx = 0; idx < e->n_parts; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            sql_dump_name(e->parts[idx], out);
        }
        em_str_puts(out, " -> ");
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_putc(out, ')');
        break;
    case PX_LAMBDA_VAR:
        em_str_puts(out, "var:");
        sql_dump_parts(e->n_parts, e->parts, out);
        break;
    case PX_WINDOW: {
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_puts(out, " OVER (");
        const pl_window_spec *w = e->window;
        if (!w) {
            em_str_puts(out, "?)");
            break;
        }
        const char *sep = "";
        if (w->n_partition) {
            em_str_puts(out, "PARTITION BY ");
            sql_dump_list(w->partition, w->n_partition, out, depth + 1);
            sep = " ";
        }
        if (w->n_order) {
            em_str_printf(out, "%sORDER BY ", sep);
            sql_dump_list(w->order, w->n_order, out, depth + 1);
            sep = " ";
        }
        if (w->has_frame) {
            em_str_printf(out, "%s%s BETWEEN ", sep,
                          w->frame_type == PX_FRAME_ROWS ? "ROWS" : "RANGE");
            sql_dump_bound(&w->lower, out, depth + 1);
            em_str_puts(out, " AND ");
            sql_dump_bound(&w->upper, out, depth + 1);
        }
        em_str_putc(out, ')');
        break;
    }
    case PX_NAMED_ARG:
        em_str_printf(out, "%s => ", e->name);
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        break;
    case PX_ORDINAL:
        em_str_puts(out, "ordinal(");
        sql_dump_expr_rec(e->args[0], out, depth + 1);
        em_str_putc(out, ')');
        break;
    case PX_TYPED_LITERAL:
        em_str_printf(out, "%s '%s'", e->name ? e->name : "?", e->sql ? e->sql : "");
        break;
    case PX_SQL_EXPR:
        em_str_printf(out, "sql(%s)", e->sql ? e->sql : "");
        break;
    case PX_SCALAR_SUBQUERY:
    case PX_EXISTS:
    case PX_IN_SUBQUERY:
        /* kind(values...; plan on the following lines) */
        em_str_puts(out, e->kind == PX_SCALAR_SUBQUERY ? "scalarsubquery("
                         : e->kind == PX_EXISTS        ? "exists("
                                                       : "insubquery(");
        for (int idx = 0; idx < e->n_args; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            sql_dump_expr_rec(e->args[idx], out, depth + 1);
        }
        em_str_puts(out, ";\n");
        if (e->subquery)
            sql_dump_plan_rec(e->subquery, out, depth + 1);
        em_str_putc(out, ')');
        break;
    default:
        em_str_printf(out, "<kind %d>", (int)e->kind);
        break;
    }
}

void sql_dump_expr(const pl_expr *e, em_str *out)
{
    sql_dump_expr_rec(e, out, 0);
}

static const char *sql_join_name(pl_join_type t)
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
    return "?";
}

static void sql_dump_bracket(pl_expr *const *v, int n, em_str *out)
{
    em_str_putc(out, '[');
    sql_dump_list(v, n, out, 0);
    em_str_putc(out, ']');
}

static void sql_dump_plan_rec(const pl_node *n, em_str *out, int depth)
{
    em_str_repeat(out, ' ', (size_t)(2 * (depth < 200 ? depth : 200)));
    if (!n) {
        em_str_puts(out, "<null>\n");
        return;
    }
    if (depth > SQL_DUMP_MAX_DEPTH) {
        em_str_puts(out, "...\n");
        return;
    }
    switch (n->kind) {
    case PL_READ_TABLE:
        em_str_puts(out, "UnresolvedRelation ");
        sql_dump_parts(n->u.read.n_parts, n->u.read.parts, out);
        break;
    case PL_RANGE:
        em_str_printf(out, "Range (%" PRId64 ", %" PRId64 ", %" PRId64, n->u.range.start,
                      n->u.range.end, n->u.range.step);
        if (n->u.range.num_partitions)
            em_str_printf(out, ", %d", n->u.range.num_partitions);
        em_str_putc(out, ')');
        break;
    case PL_INLINE_TABLE: {
        em_str_puts(out, "InlineTable [");
        for (int idx = 0; idx < n->u.inline_table.n_cols; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            sql_dump_name(n->u.inline_table.names[idx], out);
        }
        em_str_puts(out, "]");
        for (int row = 0; row < n->u.inline_table.n_rows; row++) {
            em_str_puts(out, row ? ", " : " ");
            sql_dump_bracket(n->u.inline_table.values + (size_t)row * n->u.inline_table.n_cols,
                             n->u.inline_table.n_cols, out);
        }
        break;
    }
    case PL_PROJECT:
        em_str_puts(out, "Project ");
        sql_dump_bracket(n->exprs, n->n_exprs, out);
        break;
    case PL_FILTER:
        em_str_puts(out, n->u.filter.is_having ? "Having " : "Filter ");
        sql_dump_expr(n->u.filter.cond, out);
        break;
    case PL_AGGREGATE:
        em_str_puts(out, "Aggregate ");
        if (n->u.agg.group_type == PL_GROUP_ROLLUP)
            em_str_puts(out, "ROLLUP ");
        else if (n->u.agg.group_type == PL_GROUP_CUBE)
            em_str_puts(out, "CUBE ");
        sql_dump_bracket(n->groups, n->n_groups, out);
        if (n->u.agg.group_type == PL_GROUP_SETS) {
            em_str_puts(out, " GROUPING SETS (");
            for (int idx = 0; idx < n->u.agg.n_sets; idx++) {
                if (idx)
                    em_str_puts(out, ", ");
                em_str_putc(out, '(');
                sql_dump_list(n->u.agg.sets[idx], n->u.agg.set_sizes[idx], out, 0);
                em_str_putc(out, ')');
            }
            em_str_putc(out, ')');
        }
        em_str_putc(out, ' ');
        sql_dump_bracket(n->exprs, n->n_exprs, out);
        break;
    case PL_SORT:
        em_str_puts(out, n->u.sort.is_global ? "Sort " : "SortWithinPartitions ");
        sql_dump_bracket(n->exprs, n->n_exprs, out);
        break;
    case PL_LIMIT:
    case PL_OFFSET:
        em_str_puts(out, n->kind == PL_LIMIT ? "Limit " : "Offset ");
        if (n->n_exprs)
            sql_dump_expr(n->exprs[0], out);
        else
            em_str_printf(out, "%" PRId64, n->u.limit.n);
        break;
    case PL_DEDUP:
        em_str_puts(out, "Distinct");
        break;
    case PL_SUBQUERY_ALIAS:
        em_str_puts(out, "SubqueryAlias ");
        sql_dump_name(n->u.alias.alias ? n->u.alias.alias : "", out);
        break;
    case PL_TO_DF:
        em_str_puts(out, "ToDF [");
        for (int idx = 0; idx < n->u.names.n; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            sql_dump_name(n->u.names.names[idx], out);
        }
        em_str_putc(out, ']');
        break;
    case PL_JOIN:
        em_str_printf(out, "Join %s", sql_join_name(n->u.join.type));
        if (n->u.join.cond) {
            em_str_puts(out, ", ");
            sql_dump_expr(n->u.join.cond, out);
        }
        if (n->u.join.n_using) {
            em_str_puts(out, " USING (");
            for (int idx = 0; idx < n->u.join.n_using; idx++) {
                if (idx)
                    em_str_puts(out, ", ");
                sql_dump_name(n->u.join.using_cols[idx], out);
            }
            em_str_putc(out, ')');
        }
        break;
    case PL_SET_OP:
        em_str_printf(out, "%s %s",
                      n->u.set_op.type == PL_SETOP_UNION       ? "Union"
                      : n->u.set_op.type == PL_SETOP_INTERSECT ? "Intersect"
                                                               : "Except",
                      n->u.set_op.is_all ? "ALL" : "DISTINCT");
        break;
    case PL_HINT:
        em_str_printf(out, "Hint %s ", n->u.hint.name ? n->u.hint.name : "");
        sql_dump_bracket(n->exprs, n->n_exprs, out);
        break;
    default:
        em_str_puts(out, pl_kind_name(n->kind));
        break;
    }
    em_str_putc(out, '\n');
    for (int idx = 0; idx < n->n_children; idx++)
        sql_dump_plan_rec(n->children[idx], out, depth + 1);
}

void sql_dump_plan(const pl_node *n, em_str *out)
{
    sql_dump_plan_rec(n, out, 0);
}
