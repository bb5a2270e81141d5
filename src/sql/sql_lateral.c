/*
 * sql_lateral: LATERAL subqueries and LATERAL joins (Spark's LateralJoin over a
 * LateralSubquery), expressed with IR that already runs:
 *
 *  - a generator table function (`LATERAL explode(t.arr) [AS] g(c)`, `JOIN LATERAL inline(x)`)
 *    is a LATERAL VIEW: an unresolved PL_GENERATE over the left side (outer for LEFT JOIN), under
 *    a Filter for an INNER JOIN's ON condition;
 *  - any other right side (a subquery `(query) [AS] s(a, b)`, or a generator joined LEFT with an
 *    ON condition) becomes Generate(inline(scalarsubquery)) over the left side, where the scalar
 *    subquery is `SELECT collect_list(struct(s.*)) FROM s [WHERE on_condition]`: the lateral
 *    subquery's rows for one left row, as an array of structs; names of the left side inside it
 *    are outer references (analyzer/an_subquery.c), which is exactly LATERAL's correlation. The
 *    generated columns are the subquery's columns, qualified by its alias. An empty result
 *    drops the left row (INNER / CROSS) or keeps it with NULLs (LEFT OUTER: the Generate is
 *    outer), so the ON condition of a LEFT JOIN goes inside the subquery; for INNER it may too.
 *
 * AstBuilder's errors: LATERAL before something that is neither a subquery nor a table-valued
 * function is INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC; USING is
 * UNSUPPORTED_FEATURE.LATERAL_JOIN_USING; NATURAL is INCOMPATIBLE_JOIN_TYPES (LATERAL,
 * NATURAL); join types other than INNER, CROSS and LEFT OUTER are INVALID_LATERAL_JOIN_TYPE.
 */
#include "sql/sql_int.h"

#include "common/em_mem.h"

#include <string.h>

#define SQL_LATERAL_AUTO_ALIAS "__auto_generated_subquery_name"

bool sql_lateral_right_ok(sql_parser *p)
{
    /* relationPrimary alternatives LATERAL accepts: aliasedQuery and tableValuedFunction. */
    const sql_token *t = sql_tok(p, 0);
    if (t->kind == TK_LPAREN)
        return sql_at_query_start(p, 1);
    return sql_is_ident_tok(p, t, false) &&
           (sql_tok(p, 1)->kind == TK_LPAREN || (sql_tok(p, 1)->kind == TK_DOT));
}

/* The generator PL_GENERATE (tvf) of right, with its alias (NULL when none), or NULL. */
static pl_node *sql_lateral_generator(pl_node *right, const char **alias)
{
    *alias = NULL;
    pl_node *g = right;
    if (g->kind == PL_SUBQUERY_ALIAS && g->n_children == 1) {
        *alias = g->u.alias.alias;
        g = g->children[0];
    }
    if (g->kind == PL_GENERATE && g->u.generate.tvf && g->n_children == 1 && g->children[0] &&
        g->children[0]->kind == PL_ONE_ROW)
        return g;
    *alias = NULL;
    return NULL;
}

pl_node *sql_lateral_join(sql_parser *p, pl_node *left, pl_node *right, pl_join_type type,
                          pl_expr *cond)
{
    bool outer = type == PL_JOIN_LEFT_OUTER;
    const char *gen_alias;
    pl_node *gen = sql_lateral_generator(right, &gen_alias);
    if (gen && (!outer || !cond)) {
        pl_node *g = pl_node_new(p->arena, PL_GENERATE, 1);
        *g = *gen;
        g->children = em_arena_calloc(p->arena, 1, sizeof(pl_node *));
        g->children[0] = left;
        g->u.generate.tvf = false;
        g->u.generate.outer = g->u.generate.outer || outer;
        if (!g->u.generate.alias)
            g->u.generate.alias = gen_alias;
        if (!cond)
            return g;
        pl_node *f = sql_node1(p, PL_FILTER, g);
        f->u.filter.cond = cond;
        return f;
    }
    /* The subquery, under an alias its star can name. */
    pl_node *q = right;
    if (q->kind != PL_SUBQUERY_ALIAS)
        q = sql_alias_node(p, SQL_LATERAL_AUTO_ALIAS, q);
    const char *alias = q->u.alias.alias;
    pl_node *body = q;
    if (cond) {
        body = sql_node1(p, PL_FILTER, q);
        body->u.filter.cond = cond;
    }
    const char **target = em_arena_calloc(p->arena, 1, sizeof(char *));
    target[0] = alias;
    pl_expr *star = pl_expr_new(p->arena, PX_STAR, 0);
    star->n_parts = 1;
    star->parts = target;
    star->plan_id = -1;
    pl_expr *st = pl_func_new(p->arena, "struct", 1, &star);
    pl_expr *list = pl_func_new(p->arena, "collect_list", 1, &st);
    pl_expr *named = pl_expr_new(p->arena, PX_ALIAS, 1);
    named->args[0] = list;
    named->n_parts = 1;
    named->parts = em_arena_calloc(p->arena, 1, sizeof(char *));
    named->parts[0] = "__lateral_rows";
    pl_node *agg = sql_node1(p, PL_AGGREGATE, body);
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->n_exprs = 1;
    agg->exprs = em_arena_calloc(p->arena, 1, sizeof(pl_expr *));
    agg->exprs[0] = named;
    pl_expr *sq = pl_expr_new(p->arena, PX_SCALAR_SUBQUERY, 0);
    sq->subquery = agg;
    sq->subquery_plan_id = -1;
    pl_expr *inl = pl_func_new(p->arena, "inline", 1, &sq);
    pl_node *g = sql_node1(p, PL_GENERATE, left);
    g->n_exprs = 1;
    g->exprs = em_arena_calloc(p->arena, 1, sizeof(pl_expr *));
    g->exprs[0] = inl;
    g->u.generate.outer = outer;
    g->u.generate.alias = strcmp(alias, SQL_LATERAL_AUTO_ALIAS) == 0 ? NULL : alias;
    return g;
}
