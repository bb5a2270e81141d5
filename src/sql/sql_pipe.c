/*
 * sql_pipe: SQL pipe syntax (`query |> operator`, SqlBaseParser.g4's operatorPipeStatement and
 * operatorPipeRightSide) into plan nodes shaped as Spark's AstBuilder shapes them:
 *
 *   |> SELECT list [WINDOW ...]     Project(list) marked "SELECT" (no aggregate functions)
 *   |> EXTEND list                  Project(*, list) marked "EXTEND"
 *   |> SET a = e, b = f             one Project per assignment marked "SET" (replace in place)
 *   |> DROP a, b                    Project marked "DROP" (every column but a, b)
 *   |> AS t                         SubqueryAlias(t)
 *   |> WHERE c                      Filter(c) (never HAVING, even over an aggregate)
 *   |> AGGREGATE list [GROUP BY g]  Aggregate(g, g ++ list) marked "AGGREGATE"
 *   |> [NATURAL] ... JOIN r         Join
 *   |> UNION | EXCEPT | INTERSECT   set operation with a queryPrimary
 *   |> ORDER BY / LIMIT / ...       queryOrganization, one result clause per operator
 *   |> TABLESAMPLE / PIVOT / UNPIVOT  as after a FROM relation
 *
 * The marks (pl_node.pipe_clause) let the analyzer raise Spark's PipeExpression errors once the
 * expressions are resolved. Errors Spark's AstBuilder raises are deferred (sql_defer) so that a
 * later syntax error still wins.
 */
#include "sql/sql_int.h"

#include <string.h>
#include <strings.h>

/* The span of the whole statement so far, for AstBuilder errors that name the operator. */
static void sql_pipe_defer(sql_parser *p, int start, const char *cls, const char *k1,
                           const char *v1)
{
    if (k1)
        sql_defer(p, start, sql_prev_stop(p), cls, k1, v1, NULL);
    else
        sql_defer(p, start, sql_prev_stop(p), cls, NULL);
}

/* |> EXTEND namedExpressionSeq: Project(*, items); `*` itself is not an expression here. */
static pl_node *sql_pipe_extend(sql_parser *p, pl_node *left)
{
    p->pos++; /* EXTEND */
    sql_exprs list = {0};
    pl_expr *star = pl_expr_new(p->arena, PX_STAR, 0);
    sql_exprs_push(p, &list, star);
    do {
        pl_expr *e = sql_parse_named_expression(p);
        if (!e)
            return NULL;
        const pl_expr *core = e->kind == PX_ALIAS ? e->args[0] : e;
        if (core->kind == PX_STAR)
            sql_defer(p, core->src_start, core->src_stop, "INVALID_USAGE_OF_STAR_OR_REGEX", "elem",
                      "'*'", "prettyName", "expression `pipeexpression`", NULL);
        sql_exprs_push(p, &list, e);
    } while (sql_accept(p, TK_COMMA));
    pl_node *n = sql_node1(p, PL_PROJECT, left);
    n->n_exprs = list.n;
    n->exprs = list.items;
    n->pipe_clause = "EXTEND";
    return n;
}

/* |> SET ident = expr (, ident = expr)*: one Project per assignment, so later assignments see
   earlier ones. A dotted key is refused after the parse (_LEGACY_ERROR_TEMP_0035). */
static pl_node *sql_pipe_set(sql_parser *p, pl_node *left)
{
    p->pos++; /* SET */
    do {
        int key_start = sql_cur_start(p);
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return NULL;
        bool dotted = false;
        while (sql_accept(p, TK_DOT)) {
            dotted = true;
            if (!sql_parse_ident_ec(p))
                return NULL;
        }
        if (sql_expect(p, TK_EQ))
            return NULL;
        pl_expr *value = sql_parse_expression(p);
        if (!value)
            return NULL;
        if (dotted)
            sql_defer(p, key_start, value->src_stop, "_LEGACY_ERROR_TEMP_0035", "message",
                      "SQL pipe syntax |> SET operator with multi-part assignment key (only "
                      "single-part keys are allowed)",
                      NULL);
        pl_expr *alias = pl_expr_new(p->arena, PX_ALIAS, 1);
        alias->args[0] = value;
        alias->n_parts = 1;
        alias->parts = em_arena_alloc(p->arena, sizeof *alias->parts);
        alias->parts[0] = name;
        sql_span(alias, key_start, value->src_stop);
        pl_node *n = sql_node1(p, PL_PROJECT, left);
        n->n_exprs = 1;
        n->exprs = em_arena_alloc(p->arena, sizeof *n->exprs);
        n->exprs[0] = alias;
        n->pipe_clause = "SET";
        left = n;
    } while (sql_accept(p, TK_COMMA));
    return left;
}

/* |> DROP identifierSeq. */
static pl_node *sql_pipe_drop(sql_parser *p, pl_node *left)
{
    p->pos++; /* DROP */
    sql_exprs names = {0};
    do {
        int start = sql_cur_start(p);
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return NULL;
        pl_expr *a = pl_attr_new(p->arena, 1, &name, -1);
        sql_span(a, start, sql_prev_stop(p));
        sql_exprs_push(p, &names, a);
    } while (sql_accept(p, TK_COMMA));
    pl_node *n = sql_node1(p, PL_PROJECT, left);
    n->n_exprs = names.n;
    n->exprs = names.items;
    n->pipe_clause = "DROP";
    return n;
}

/* |> WHERE c [WINDOW ...]: the WINDOW clause is refused after the parse. */
static pl_node *sql_pipe_where(sql_parser *p, pl_node *left, int start)
{
    p->pos++; /* WHERE */
    pl_expr *cond = sql_parse_expression(p);
    if (!cond)
        return NULL;
    if (sql_at_kw(p, KW_WINDOW)) {
        if (sql_parse_window_clause(p, p->winrefs))
            return NULL;
        sql_pipe_defer(p, start, "NOT_ALLOWED_IN_PIPE_OPERATOR_WHERE.WINDOW_CLAUSE", NULL, NULL);
    }
    pl_node *n = sql_node1(p, PL_FILTER, left);
    n->u.filter.cond = cond;
    return n;
}

/* Spark's pipeOperatorAggregateUnsupportedCaseError checks over one expression tree. */
static const char *sql_pipe_agg_unsupported(const pl_expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == PX_WINDOW)
        return "window functions; please update the query to move the window functions to a "
               "subsequent |> SELECT operator instead";
    if (e->kind == PX_FUNC && e->n_args == 1) {
        if (strcasecmp(e->name, "grouping") == 0)
            return "GROUPING";
        if (strcasecmp(e->name, "grouping_id") == 0)
            return "GROUPING_ID";
    }
    for (int idx = 0; idx < e->n_args; idx++) {
        const char *r = sql_pipe_agg_unsupported(e->args[idx]);
        if (r)
            return r;
    }
    return NULL;
}

/* A named grouping expression of |> AGGREGATE ... GROUP BY (aliases are allowed there). */
static pl_expr *sql_pipe_group_item(sql_parser *p)
{
    /* GROUPING SETS / WITH ROLLUP after the list are not implicit aliases. */
    if (sql_at_kw(p, KW_GROUPING) || sql_at_kw(p, KW_WITH))
        return sql_parse_named_expression(p);
    int start = sql_cur_start(p);
    pl_expr *e = sql_parse_expression(p);
    if (!e)
        return NULL;
    bool has_as = sql_accept_kw(p, KW_AS);
    if (!has_as &&
        (!sql_is_ident_tok(p, sql_tok(p, 0), true) ||
         (sql_at_kw(p, KW_GROUPING) && sql_at_kw_ahead(p, 1, KW_SETS)) ||
         (sql_at_kw(p, KW_WITH) &&
          (sql_at_kw_ahead(p, 1, KW_ROLLUP) || sql_at_kw_ahead(p, 1, KW_CUBE))) ||
         sql_at_kw(p, KW_ORDER) || sql_at_kw(p, KW_LIMIT) || sql_at_kw(p, KW_UNION) ||
         sql_at_kw(p, KW_EXCEPT) || sql_at_kw(p, KW_INTERSECT) || sql_at_kw(p, KW_MINUS) ||
         sql_at_kw(p, KW_HAVING) || sql_at_kw(p, KW_WINDOW) || sql_at_kw(p, KW_OFFSET)))
        return e;
    const char *alias = sql_parse_ident_ec(p);
    if (!alias)
        return NULL;
    pl_expr *a = pl_expr_new(p->arena, PX_ALIAS, 1);
    a->args[0] = e;
    a->n_parts = 1;
    a->parts = em_arena_alloc(p->arena, sizeof *a->parts);
    a->parts[0] = alias;
    sql_span(a, start, sql_prev_stop(p));
    return a;
}

/* |> AGGREGATE [namedExpressionSeq] [GROUP BY ...]: the output is the grouping expressions
   followed by the aggregate expressions (Spark's visitOperatorPipeAggregate). */
static pl_node *sql_pipe_aggregate(sql_parser *p, pl_node *left, int start)
{
    p->pos++; /* AGGREGATE */
    sql_exprs aggs = {0};
    bool group =
        sql_at_kw(p, KW_GROUP) && sql_at_kw_ahead(p, 1, KW_BY) && sql_can_start_expression(p, 2);
    if (!group && sql_can_start_expression(p, 0)) {
        do {
            pl_expr *e = sql_parse_named_expression(p);
            if (!e)
                return NULL;
            sql_exprs_push(p, &aggs, e);
        } while (sql_accept(p, TK_COMMA));
        group = sql_at_kw(p, KW_GROUP) && sql_at_kw_ahead(p, 1, KW_BY);
    }
    pl_node *agg = sql_node1(p, PL_AGGREGATE, left);
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->pipe_clause = "AGGREGATE";
    if (!group) {
        if (aggs.n == 0)
            sql_pipe_defer(p, start, "_LEGACY_ERROR_TEMP_0035", "message",
                           "The AGGREGATE clause requires a list of aggregate expressions or a "
                           "list of grouping expressions, or both");
        agg->n_exprs = aggs.n;
        agg->exprs = aggs.items;
        return agg;
    }
    const char *unsupported = NULL;
    sql_exprs keys = {0}, groups = {0};
    bool analytics = (sql_at_kw_ahead(p, 2, KW_ROLLUP) || sql_at_kw_ahead(p, 2, KW_CUBE)) &&
                     sql_tok(p, 3)->kind == TK_LPAREN;
    if (analytics || (sql_at_kw_ahead(p, 2, KW_GROUPING) && sql_at_kw_ahead(p, 3, KW_SETS))) {
        /* Parsed as the ordinary GROUP BY does, then refused. */
        pl_node scratch;
        memset(&scratch, 0, sizeof scratch);
        if (sql_parse_group_by(p, &scratch))
            return NULL;
        unsupported = scratch.u.agg.group_type == PL_GROUP_ROLLUP ? "GROUP BY ROLLUP"
                      : scratch.u.agg.group_type == PL_GROUP_CUBE ? "GROUP BY CUBE"
                                                                  : "GROUPING SETS";
    } else {
        p->pos += 2; /* GROUP BY */
        do {
            pl_expr *e = sql_pipe_group_item(p);
            if (!e)
                return NULL;
            sql_exprs_push(p, &keys, e);
        } while (sql_accept(p, TK_COMMA));
        if (sql_at_kw(p, KW_WITH) &&
            (sql_at_kw_ahead(p, 1, KW_ROLLUP) || sql_at_kw_ahead(p, 1, KW_CUBE))) {
            unsupported = sql_at_kw_ahead(p, 1, KW_ROLLUP) ? "GROUP BY ROLLUP" : "GROUP BY CUBE";
            p->pos += 2;
        } else if (sql_at_kw(p, KW_GROUPING) && sql_at_kw_ahead(p, 1, KW_SETS)) {
            /* GROUP BY a, b GROUPING SETS (...): parse the sets to move past them. */
            p->pos += 2;
            if (sql_expect(p, TK_LPAREN))
                return NULL;
            int depth = 1;
            while (depth > 0 && sql_peek(p) != TK_EOF) {
                if (sql_peek(p) == TK_LPAREN)
                    depth++;
                else if (sql_peek(p) == TK_RPAREN)
                    depth--;
                p->pos++;
            }
            if (depth > 0)
                return sql_syntax_error(p), NULL;
            unsupported = "GROUPING SETS";
        }
    }
    if (!unsupported && keys.n == 1 && keys.items[0]->kind == PX_ATTR &&
        keys.items[0]->n_parts == 1 && strcasecmp(keys.items[0]->parts[0], "all") == 0)
        unsupported = "GROUP BY ALL";
    for (int idx = 0; !unsupported && idx < keys.n; idx++)
        unsupported = sql_pipe_agg_unsupported(keys.items[idx]);
    for (int idx = 0; !unsupported && idx < aggs.n; idx++)
        unsupported = sql_pipe_agg_unsupported(aggs.items[idx]);
    if (unsupported) {
        sql_pipe_defer(p, start, "UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE",
                       "case", unsupported);
        return agg;
    }
    /* Outputs: each grouping expression (a PX_ORDINAL names the child's column), then the
       aggregate expressions; groups refer to the outputs by position. */
    sql_exprs outs = {0};
    for (int idx = 0; idx < keys.n; idx++) {
        pl_expr *k = keys.items[idx];
        if (k->kind == PX_LITERAL && k->type && k->type->kind == TY_INT) {
            pl_expr *o = pl_expr_new(p->arena, PX_ORDINAL, 1);
            o->args[0] = k;
            sql_span(o, k->src_start, k->src_stop);
            sql_exprs_push(p, &outs, o);
        } else {
            sql_exprs_push(p, &outs, k);
        }
        pl_expr *g = pl_expr_new(p->arena, PX_ORDINAL, 1);
        g->args[0] = sql_lit_int(p, idx + 1);
        sql_span(g, k->src_start, k->src_stop);
        sql_exprs_push(p, &groups, g);
    }
    for (int idx = 0; idx < aggs.n; idx++)
        sql_exprs_push(p, &outs, aggs.items[idx]);
    agg->n_exprs = outs.n;
    agg->exprs = outs.items;
    agg->n_groups = groups.n;
    agg->groups = groups.items;
    agg->pipe_n_keys = keys.n;
    return agg;
}

/* UNION | EXCEPT | MINUS | INTERSECT [ALL | DISTINCT] queryPrimary. */
static pl_node *sql_pipe_set_op(sql_parser *p, pl_node *left)
{
    pl_set_op_type type = sql_at_kw(p, KW_UNION)       ? PL_SETOP_UNION
                          : sql_at_kw(p, KW_INTERSECT) ? PL_SETOP_INTERSECT
                                                       : PL_SETOP_EXCEPT;
    p->pos++;
    bool all = false;
    if (sql_accept_kw(p, KW_ALL))
        all = true;
    else
        sql_accept_kw(p, KW_DISTINCT);
    pl_node *right = sql_parse_query_primary(p);
    if (!right)
        return NULL;
    pl_node *n = pl_node_new(p->arena, PL_SET_OP, 2);
    n->children[0] = left;
    n->children[1] = right;
    n->u.set_op.type = type;
    n->u.set_op.is_all = all;
    return n;
}

static bool sql_pipe_at_join(const sql_parser *p)
{
    static const sql_kw words[] = {KW_JOIN, KW_INNER, KW_CROSS, KW_LEFT,   KW_RIGHT,
                                   KW_FULL, KW_SEMI,  KW_ANTI,  KW_NATURAL};
    for (size_t idx = 0; idx < sizeof words / sizeof words[0]; idx++)
        if (sql_at_kw(p, words[idx]))
            return true;
    return false;
}

pl_node *sql_parse_pipe_operator(sql_parser *p, pl_node *left, int start)
{
    p->pos++; /* |> */
    const sql_token *t = sql_tok(p, 0);
    if (t->kind != TK_IDENT) {
        sql_syntax_error(p);
        return NULL;
    }
    switch (t->kw) {
    case KW_SELECT:
        return sql_parse_pipe_select(p, left);
    case KW_EXTEND:
        return sql_pipe_extend(p, left);
    case KW_SET:
        return sql_pipe_set(p, left);
    case KW_DROP:
        return sql_pipe_drop(p, left);
    case KW_AS: {
        p->pos++;
        const char *alias = sql_parse_ident_ec(p);
        return alias ? sql_alias_node(p, alias, left) : NULL;
    }
    case KW_WHERE:
        return sql_pipe_where(p, left, start);
    case KW_AGGREGATE:
        return sql_pipe_aggregate(p, left, start);
    case KW_UNION:
    case KW_EXCEPT:
    case KW_MINUS:
    case KW_INTERSECT:
        return sql_pipe_set_op(p, left);
    case KW_ORDER:
    case KW_SORT:
    case KW_CLUSTER:
    case KW_DISTRIBUTE:
    case KW_LIMIT:
    case KW_OFFSET:
    case KW_WINDOW:
        return sql_parse_result_clauses(p, left, p->winrefs, true);
    case KW_TABLESAMPLE:
        return sql_parse_sample(p, left);
    case KW_PIVOT:
    case KW_UNPIVOT:
        return sql_parse_pipe_pivot(p, left);
    default:
        break;
    }
    if (sql_pipe_at_join(p))
        return sql_parse_pipe_join(p, left);
    sql_syntax_error(p);
    return NULL;
}
