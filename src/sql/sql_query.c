/*
 * sql_query: queries and relations (SqlBaseParser.g4's query, queryTerm, queryPrimary,
 * querySpecification, queryOrganization, relation rules) into unresolved plan nodes shaped as
 * Spark's AstBuilder shapes them:
 *
 *   SELECT list FROM r WHERE c GROUP BY g HAVING h ORDER BY o LIMIT l OFFSET k
 *   → Limit(Offset(Sort(Filter[having](Aggregate(g, list, Filter(c, r))))))
 *   without GROUP BY / HAVING: Project(list, Filter(c, r)); DISTINCT: Deduplicate above it;
 *   without FROM: a PL_ONE_ROW leaf. FROM a, b is an inner join without condition.
 *
 * Common table expressions are inlined: each reference to a WITH name becomes a copy of its
 * plan under a SubqueryAlias of that name (see README.md for the one semantic difference).
 */
#include "sql/sql_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static pl_node *sql_parse_query_term(sql_parser *p);
static pl_node *sql_parse_relation(sql_parser *p);

/* ---- helpers --------------------------------------------------------------------------- */

pl_node *sql_node1(sql_parser *p, pl_kind kind, pl_node *child)
{
    pl_node *n = pl_node_new(p->arena, kind, 1);
    n->children[0] = child;
    return n;
}

pl_node *sql_alias_node(sql_parser *p, const char *alias, pl_node *child)
{
    pl_node *n = sql_node1(p, PL_SUBQUERY_ALIAS, child);
    n->u.alias.alias = alias;
    return n;
}

static pl_node *sql_to_df(sql_parser *p, int n_names, const char **names, pl_node *child)
{
    pl_node *n = sql_node1(p, PL_TO_DF, child);
    n->u.names.n = n_names;
    n->u.names.names = names;
    return n;
}

void sql_exprs_push(sql_parser *p, sql_exprs *l, pl_expr *e)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        pl_expr **grown = em_arena_alloc(p->arena, (size_t)cap * sizeof *grown);
        if (l->n)
            memcpy(grown, l->items, (size_t)l->n * sizeof *grown);
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->n++] = e;
}

bool sql_at_query_start(const sql_parser *p, int ahead)
{
    for (int guard = 0; guard < 64; guard++, ahead++) {
        const sql_token *t = sql_tok(p, ahead);
        if (t->kind == TK_LPAREN)
            continue;
        if (t->kind != TK_IDENT)
            return false;
        switch (t->kw) {
        case KW_SELECT:
        case KW_VALUES:
            return true;
        case KW_FROM:
        case KW_TABLE:
            return sql_is_ident_tok(p, sql_tok(p, ahead + 1), false) ||
                   sql_tok(p, ahead + 1)->kind == TK_LPAREN;
        case KW_WITH:
            return sql_is_ident_tok(p, sql_tok(p, ahead + 1), false);
        default:
            return false;
        }
    }
    return false;
}

/* GROUP BY 1 / ORDER BY 1: a top-level int literal is an ordinal (UnresolvedOrdinal). */
pl_expr *sql_maybe_ordinal(sql_parser *p, pl_expr *e)
{
    if (!e || e->kind != PX_LITERAL || !e->type || e->type->kind != TY_INT)
        return e;
    pl_expr *o = pl_expr_new(p->arena, PX_ORDINAL, 1);
    o->args[0] = e;
    sql_span(o, e->src_start, e->src_stop);
    return o;
}

/* Words that cannot be a table alias without AS: they continue the query. */
static bool sql_is_relation_clause_word(const sql_parser *p, int ahead)
{
    const sql_token *t = sql_tok(p, ahead);
    if (t->kind != TK_IDENT)
        return false;
    switch (t->kw) {
    case KW_WHERE:
    case KW_GROUP:
    case KW_HAVING:
    case KW_ORDER:
    case KW_LIMIT:
    case KW_OFFSET:
    case KW_WINDOW:
    case KW_SORT:
    case KW_CLUSTER:
    case KW_DISTRIBUTE:
    case KW_PIVOT:
    case KW_UNPIVOT:
    case KW_TABLESAMPLE:
    case KW_SELECT:
    case KW_INSERT:
    case KW_WATERMARK:
        return true;
    case KW_FOR: /* temporalClause: FOR (SYSTEM_VERSION | VERSION | SYSTEM_TIME | TIMESTAMP) */
        return sql_at_kw_ahead(p, ahead + 1, KW_SYSTEM_VERSION) ||
               sql_at_kw_ahead(p, ahead + 1, KW_VERSION) ||
               sql_at_kw_ahead(p, ahead + 1, KW_SYSTEM_TIME) ||
               sql_at_kw_ahead(p, ahead + 1, KW_TIMESTAMP);
    case KW_TIMESTAMP:
    case KW_VERSION:
    case KW_SYSTEM_TIME:
    case KW_SYSTEM_VERSION:
        return sql_at_kw_ahead(p, ahead + 1, KW_AS) && sql_at_kw_ahead(p, ahead + 2, KW_OF);
    case KW_WITH:
        return sql_tok(p, ahead + 1)->kind == TK_LPAREN;
    default:
        return false;
    }
}

/* tableAlias: [AS] strictIdentifier [identifierList]. *alias stays NULL when absent. */
static int sql_parse_table_alias(sql_parser *p, const char **alias, int *n_cols, const char ***cols)
{
    *alias = NULL;
    *n_cols = 0;
    *cols = NULL;
    bool has_as = sql_at_kw(p, KW_AS);
    if (has_as)
        p->pos++;
    const sql_token *t = sql_tok(p, 0);
    if (!sql_is_ident_tok(p, t, true) || (!has_as && sql_is_relation_clause_word(p, 0))) {
        if (has_as)
            return sql_syntax_error(p);
        return EM_OK;
    }
    *alias = sql_parse_ident(p);
    if (!*alias)
        return EM_EUSER;
    if (sql_peek(p) == TK_LPAREN)
        return sql_parse_ident_list(p, n_cols, cols);
    return EM_OK;
}

static pl_node *sql_apply_alias(sql_parser *p, pl_node *plan, const char *alias, int n_cols,
                                const char **cols)
{
    if (!alias)
        return plan;
    if (n_cols)
        plan = sql_to_df(p, n_cols, cols, plan);
    return sql_alias_node(p, alias, plan);
}

/* ---- CTEs ------------------------------------------------------------------------------- */

static const sql_cte *sql_cte_find(const sql_parser *p, const char *name)
{
    for (const sql_cte *c = p->ctes; c; c = c->outer)
        if (strcasecmp(c->name, name) == 0)
            return c;
    return NULL;
}

static int sql_parse_ctes(sql_parser *p)
{
    int start = sql_cur_start(p);
    p->pos++; /* WITH */
    if (sql_at_kw(p, KW_RECURSIVE))
        return sql_not_implemented(p, start, sql_tok(p, 0)->stop,
                                   "recursive common table "
                                   "expressions");
    sql_cte *first_new = p->ctes;
    do {
        const sql_token *nt = sql_tok(p, 0);
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return EM_EUSER;
        int n_cols = 0;
        const char **cols = NULL;
        if (sql_peek(p) == TK_LPAREN && sql_parse_ident_list(p, &n_cols, &cols))
            return EM_EUSER;
        if (sql_at_kw(p, KW_MAX) && sql_at_kw_ahead(p, 1, KW_RECURSION))
            return sql_not_implemented(p, nt->start, sql_tok(p, 1)->stop, "MAX RECURSION LEVEL");
        sql_accept_kw(p, KW_AS);
        if (sql_expect(p, TK_LPAREN))
            return EM_EUSER;
        pl_node *q = sql_parse_query(p);
        if (!q || sql_expect(p, TK_RPAREN))
            return EM_EUSER;
        for (const sql_cte *c = p->ctes; c != first_new; c = c->outer) {
            if (strcasecmp(c->name, name) == 0) {
                char *q_name = em_arena_printf(p->arena, "`%s`", name);
                sql_defer(p, start, sql_prev_stop(p), "DUPLICATED_CTE_NAMES", "duplicateNames",
                          q_name, NULL);
                break;
            }
        }
        sql_cte *c = em_arena_calloc(p->arena, 1, sizeof *c);
        c->name = name;
        c->plan = sql_alias_node(p, name, n_cols ? sql_to_df(p, n_cols, cols, q) : q);
        c->outer = p->ctes;
        p->ctes = c;
    } while (sql_accept(p, TK_COMMA));
    return EM_OK;
}

/* ---- relations -------------------------------------------------------------------------- */

static int64_t sql_lit_int64(const pl_expr *e, bool *ok)
{
    *ok = false;
    if (!e || e->kind != PX_LITERAL || !e->lit || vec_is_null(e->lit, 0))
        return 0;
    if (e->type->kind == TY_INT) {
        *ok = true;
        return VEC_VALUES(e->lit, int32_t)[0];
    }
    if (e->type->kind == TY_LONG) {
        *ok = true;
        return VEC_VALUES(e->lit, int64_t)[0];
    }
    return 0;
}

/* The generators Spark also accepts as table-valued functions (and in LATERAL VIEW). */
static bool sql_is_generator_name(const char *name)
{
    static const char *const gens[] = {"explode", "explode_outer", "posexplode", "posexplode_outer",
                                       "inline",  "inline_outer",  "stack",      "json_tuple"};
    for (size_t idx = 0; idx < sizeof gens / sizeof gens[0]; idx++)
        if (strcasecmp(name, gens[idx]) == 0)
            return true;
    return false;
}

/* Spark's built-in table-valued functions other than the generators. */
static bool sql_is_builtin_tvf(const char *name)
{
    static const char *const tvfs[] = {"range", "collations", "sql_keywords", "variant_explode",
                                       "variant_explode_outer"};
    for (size_t idx = 0; idx < sizeof tvfs / sizeof tvfs[0]; idx++)
        if (strcasecmp(name, tvfs[idx]) == 0)
            return true;
    return false;
}

/* functionTable: name ( args ) tableAlias. range() maps to PL_RANGE, the generators to an
   unresolved PL_GENERATE over one row; other names are not implemented. */
static pl_node *sql_parse_tvf(sql_parser *p)
{
    int start = sql_cur_start(p);
    int n_parts;
    const char **parts;
    if (sql_parse_multipart(p, &n_parts, &parts))
        return NULL;
    const char *fname = parts[n_parts - 1];
    if (n_parts > 1) {
        em_str s;
        em_str_init(&s, 0);
        for (int idx = 0; idx < n_parts; idx++) {
            if (idx)
                em_str_putc(&s, '.');
            em_str_putc(&s, '`');
            for (const char *c = parts[idx]; *c; c++) {
                if (*c == '`')
                    em_str_putc(&s, '`');
                em_str_putc(&s, *c);
            }
            em_str_putc(&s, '`');
        }
        sql_defer(p, start, sql_prev_stop(p), "INVALID_SQL_SYNTAX.INVALID_TABLE_VALUED_FUNC_NAME",
                  "funcName", s.data, NULL);
        em_str_release(&s);
    }
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    sql_exprs args = {0};
    if (sql_peek(p) != TK_RPAREN) {
        do {
            if (sql_at_kw(p, KW_TABLE)) {
                sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop,
                                    "TABLE arguments of table-valued functions");
                return NULL;
            }
            pl_expr *e;
            if (sql_is_ident_tok(p, sql_tok(p, 0), false) && sql_tok(p, 1)->kind == TK_FAT_ARROW) {
                int arg_start = sql_cur_start(p);
                const char *name = sql_parse_ident(p);
                p->pos++; /* => */
                if (sql_at_kw(p, KW_TABLE)) {
                    sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop,
                                        "TABLE arguments of table-valued functions");
                    return NULL;
                }
                pl_expr *v = name ? sql_parse_expression(p) : NULL;
                if (!v)
                    return NULL;
                e = pl_expr_new(p->arena, PX_NAMED_ARG, 1);
                e->name = name;
                e->args[0] = v;
                sql_span(e, arg_start, v->src_stop);
            } else {
                e = sql_parse_expression(p);
            }
            if (!e)
                return NULL;
            sql_exprs_push(p, &args, e);
        } while (sql_accept(p, TK_COMMA));
    }
    if (sql_expect(p, TK_RPAREN))
        return NULL;
    int stop = sql_prev_stop(p);
    if (n_parts == 1 && sql_is_generator_name(fname)) {
        /* A generator over one row: Generate(OneRowRelation) (an_generate.c). */
        pl_expr *call = pl_expr_new(p->arena, PX_FUNC, args.n);
        call->name = fname;
        for (int idx = 0; idx < args.n; idx++)
            call->args[idx] = args.items[idx];
        sql_span(call, start, stop);
        pl_node *g = pl_node_new(p->arena, PL_GENERATE, 1);
        g->children[0] = pl_node_new(p->arena, PL_ONE_ROW, 0);
        g->n_exprs = 1;
        g->exprs = em_arena_calloc(p->arena, 1, sizeof(pl_expr *));
        g->exprs[0] = call;
        g->u.generate.tvf = true;
        return g;
    }
    if (n_parts == 1 && !sql_is_builtin_tvf(fname)) {
        /* Spark's ResolveTableValuedFunctions: no such table function (Ember has no UDTFs). */
        sql_defer_jvm(p, "org.apache.spark.sql.AnalysisException", start, stop,
                      "UNRESOLVABLE_TABLE_VALUED_FUNCTION", "name",
                      em_arena_printf(p->arena, "`%s`", fname), NULL);
        return pl_node_new(p->arena, PL_ONE_ROW, 0);
    }
    if (strcasecmp(fname, "range") != 0) {
        char *feature = em_arena_printf(p->arena, "the table-valued function %s", fname);
        sql_defer_not_implemented(p, start, stop, feature);
        return pl_node_new(p->arena, PL_ONE_ROW, 0);
    }
    pl_node *n = pl_node_new(p->arena, PL_RANGE, 0);
    n->u.range.start = 0;
    n->u.range.step = 1;
    if (args.n < 1 || args.n > 4) {
        char actual[16];
        snprintf(actual, sizeof actual, "%d", args.n);
        sql_defer_jvm(p, "org.apache.spark.sql.AnalysisException", start, stop,
                      "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`range`", "expectedNum",
                      "[1, 2, 3, 4]", "actualNum", actual, "docroot",
                      "https://spark.apache.org/docs/latest", NULL);
        return n;
    }
    int64_t v[4];
    for (int idx = 0; idx < args.n; idx++) {
        bool ok;
        v[idx] = sql_lit_int64(args.items[idx], &ok);
        if (!ok) {
            sql_defer_not_implemented(p, args.items[idx]->src_start, args.items[idx]->src_stop,
                                      "range() with arguments other than integer literals");
            return n;
        }
    }
    if (args.n == 1) {
        n->u.range.end = v[0];
    } else {
        n->u.range.start = v[0];
        n->u.range.end = v[1];
        if (args.n >= 3)
            n->u.range.step = v[2];
        if (args.n == 4)
            n->u.range.num_partitions = (int)v[3];
    }
    return n;
}

/* VALUES expression (, expression)* tableAlias → PL_INLINE_TABLE */
static pl_node *sql_parse_inline_table(sql_parser *p)
{
    int start = sql_cur_start(p);
    p->pos++; /* VALUES */
    int n_rows = 0, n_cols = -1;
    sql_exprs values = {0};
    int bad_row = -1, bad_cols = 0;
    do {
        pl_expr *row = sql_parse_expression(p);
        if (!row)
            return NULL;
        /* (a, b) row constructors give the columns; anything else is one column. */
        int cols = 1;
        pl_expr *const *items = &row;
        if (row->kind == PX_FUNC && strcmp(row->name, "struct") == 0) {
            cols = row->n_args;
            items = row->args;
        }
        if (n_cols < 0)
            n_cols = cols;
        if (cols != n_cols && bad_row < 0) {
            bad_row = n_rows;
            bad_cols = cols;
        }
        for (int idx = 0; idx < n_cols; idx++) {
            pl_expr *e = idx < cols ? items[idx] : NULL;
            if (e && e->kind == PX_ALIAS)
                e = e->args[0];
            sql_exprs_push(p, &values, e ? e : pl_lit_null(p->arena, ty_null()));
        }
        n_rows++;
    } while (sql_accept(p, TK_COMMA));
    int stop = sql_prev_stop(p);
    const char *alias;
    int n_alias;
    const char **alias_cols;
    if (sql_parse_table_alias(p, &alias, &n_alias, &alias_cols))
        return NULL;
    const char **names = alias_cols;
    int n_names = n_alias;
    if (!n_alias) {
        n_names = n_cols;
        names = em_arena_alloc(p->arena, (size_t)(n_cols ? n_cols : 1) * sizeof *names);
        for (int idx = 0; idx < n_cols; idx++)
            names[idx] = em_arena_printf(p->arena, "col%d", idx + 1);
    }
    if (bad_row >= 0 || n_names != n_cols) {
        char expected[16], actual[16], row[16];
        snprintf(expected, sizeof expected, "%d", n_names);
        snprintf(actual, sizeof actual, "%d", bad_row >= 0 ? bad_cols : n_cols);
        snprintf(row, sizeof row, "%d", bad_row >= 0 ? bad_row : 0);
        sql_defer_jvm(p, "org.apache.spark.sql.AnalysisException", start, stop,
                      "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", "expectedNumCols", expected,
                      "actualNumCols", actual, "rowIndex", row, NULL);
    }
    pl_node *n = pl_node_new(p->arena, PL_INLINE_TABLE, 0);
    n->u.inline_table.n_rows = n_rows;
    n->u.inline_table.n_cols = n_cols;
    n->u.inline_table.values = values.items;
    n->u.inline_table.names = names;
    return alias ? sql_alias_node(p, alias, n) : n;
}

static bool sql_at_tvf(const sql_parser *p)
{
    int k = 0;
    if (!sql_is_ident_tok(p, sql_tok(p, 0), false))
        return false;
    while (sql_tok(p, k + 1)->kind == TK_DOT && sql_is_ident_tok(p, sql_tok(p, k + 2), false))
        k += 2;
    return sql_tok(p, k + 1)->kind == TK_LPAREN;
}

static pl_node *sql_parse_relation_primary(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    int start = t->start;
    if (sql_enter(p))
        return NULL;
    pl_node *plan = NULL;
    if (t->kind == TK_LPAREN) {
        bool is_query = sql_at_query_start(p, 1);
        if (is_query && sql_tok(p, 1)->kind == TK_LPAREN) {
            /* ((...) x JOIN ...) is a relation: look past the inner group. */
            int depth = 0, k = 1;
            for (; sql_tok(p, k)->kind != TK_EOF; k++) {
                if (sql_tok(p, k)->kind == TK_LPAREN)
                    depth++;
                else if (sql_tok(p, k)->kind == TK_RPAREN && --depth == 0)
                    break;
            }
            const sql_token *after = sql_tok(p, k + 1);
            bool query_follow =
                after->kind == TK_RPAREN ||
                (after->kind == TK_IDENT &&
                 (after->kw == KW_UNION || after->kw == KW_EXCEPT || after->kw == KW_MINUS ||
                  after->kw == KW_INTERSECT || after->kw == KW_ORDER || after->kw == KW_SORT ||
                  after->kw == KW_CLUSTER || after->kw == KW_DISTRIBUTE || after->kw == KW_LIMIT ||
                  after->kw == KW_OFFSET || after->kw == KW_WINDOW));
            is_query = query_follow;
        }
        p->pos++;
        plan = is_query ? sql_parse_query(p) : sql_parse_relation(p);
        if (!plan || sql_expect(p, TK_RPAREN))
            goto out;
        if (sql_at_kw(p, KW_TABLESAMPLE)) {
            plan = sql_parse_sample(p, plan);
            if (!plan)
                goto out;
        }
        if (sql_at_kw(p, KW_WATERMARK)) {
            sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop, "WATERMARK");
            plan = NULL;
            goto out;
        }
        const char *alias;
        int n_cols;
        const char **cols;
        if (sql_parse_table_alias(p, &alias, &n_cols, &cols)) {
            plan = NULL;
            goto out;
        }
        if (!alias && is_query)
            alias = "__auto_generated_subquery_name"; /* SubqueryAlias.generateSubqueryName */
        plan = sql_apply_alias(p, plan, alias, n_cols, cols);
        goto out;
    }
    if (t->kind == TK_IDENT && t->kw == KW_VALUES) {
        plan = sql_parse_inline_table(p);
        goto out;
    }
    if (t->kind == TK_IDENT && (t->kw == KW_STREAM || t->kw == KW_IDENTIFIER) &&
        (sql_tok(p, 1)->kind == TK_LPAREN || sql_is_ident_tok(p, sql_tok(p, 1), false)) &&
        !(sql_tok(p, 1)->kind == TK_LPAREN && t->kw == KW_STREAM && sql_at_tvf(p))) {
        sql_not_implemented(p, start, t->stop,
                            t->kw == KW_STREAM ? "STREAM relations" : "the IDENTIFIER clause");
        goto out;
    }
    if (sql_at_tvf(p)) {
        plan = sql_parse_tvf(p);
        if (!plan)
            goto out;
    } else {
        int n_parts;
        const char **parts;
        if (sql_parse_multipart(p, &n_parts, &parts))
            goto out;
        const sql_cte *cte = n_parts == 1 ? sql_cte_find(p, parts[0]) : NULL;
        if (cte) {
            plan = sql_copy_plan(p->arena, cte->plan);
            if (!plan) {
                em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
                goto out;
            }
        } else {
            plan = pl_node_new(p->arena, PL_READ_TABLE, 0);
            plan->u.read.n_parts = n_parts;
            plan->u.read.parts = parts;
        }
        /* temporalClause, optionsClause, sample, watermark: not yet. */
        const sql_token *c = sql_tok(p, 0);
        bool temporal =
            c->kind == TK_IDENT &&
            ((c->kw == KW_FOR && sql_tok(p, 1)->kind == TK_IDENT &&
              (sql_tok(p, 1)->kw == KW_SYSTEM_VERSION || sql_tok(p, 1)->kw == KW_VERSION ||
               sql_tok(p, 1)->kw == KW_SYSTEM_TIME || sql_tok(p, 1)->kw == KW_TIMESTAMP)) ||
             ((c->kw == KW_SYSTEM_VERSION || c->kw == KW_VERSION || c->kw == KW_SYSTEM_TIME ||
               c->kw == KW_TIMESTAMP) &&
              sql_at_kw_ahead(p, 1, KW_AS) && sql_at_kw_ahead(p, 2, KW_OF)));
        if (!temporal && c->kind == TK_IDENT && c->kw == KW_TABLESAMPLE) {
            plan = sql_parse_sample(p, plan);
            if (!plan)
                goto out;
            c = sql_tok(p, 0);
        }
        const char *feature = temporal                ? "time travel"
                              : c->kind != TK_IDENT   ? NULL
                              : c->kw == KW_WATERMARK ? "WATERMARK"
                              : (c->kw == KW_WITH && sql_tok(p, 1)->kind == TK_LPAREN)
                                  ? "table options (WITH (...))"
                                  : NULL;
        if (feature) {
            sql_not_implemented(p, c->start, c->stop, feature);
            plan = NULL;
            goto out;
        }
    }
    {
        const char *alias;
        int n_cols;
        const char **cols;
        if (sql_parse_table_alias(p, &alias, &n_cols, &cols)) {
            plan = NULL;
            goto out;
        }
        if (alias && n_cols && plan->kind == PL_GENERATE && plan->u.generate.tvf) {
            /* A generator's column aliases name its output (NUM_TABLE_VALUE_ALIASES_MISMATCH
               when the count differs, an_generate.c). */
            plan->u.generate.n_cols = n_cols;
            plan->u.generate.cols = cols;
            n_cols = 0;
        }
        plan = sql_apply_alias(p, plan, alias, n_cols, cols);
    }
out:
    sql_leave(p);
    return plan;
}

/* joinType JOIN at the cursor: returns the join type and consumes it, or 0. */
static int sql_parse_join_type(sql_parser *p)
{
    int save = p->pos;
    pl_join_type type = PL_JOIN_INNER;
    if (sql_accept_kw(p, KW_INNER)) {
        type = PL_JOIN_INNER;
    } else if (sql_accept_kw(p, KW_CROSS)) {
        type = PL_JOIN_CROSS;
    } else if (sql_accept_kw(p, KW_LEFT)) {
        if (sql_accept_kw(p, KW_SEMI))
            type = PL_JOIN_LEFT_SEMI;
        else if (sql_accept_kw(p, KW_ANTI))
            type = PL_JOIN_LEFT_ANTI;
        else {
            sql_accept_kw(p, KW_OUTER);
            type = PL_JOIN_LEFT_OUTER;
        }
    } else if (sql_accept_kw(p, KW_RIGHT)) {
        sql_accept_kw(p, KW_OUTER);
        type = PL_JOIN_RIGHT_OUTER;
    } else if (sql_accept_kw(p, KW_FULL)) {
        sql_accept_kw(p, KW_OUTER);
        type = PL_JOIN_FULL_OUTER;
    } else if (sql_accept_kw(p, KW_SEMI)) {
        type = PL_JOIN_LEFT_SEMI;
    } else if (sql_accept_kw(p, KW_ANTI)) {
        type = PL_JOIN_LEFT_ANTI;
    }
    if (sql_at_kw(p, KW_JOIN)) {
        p->pos++;
        return type;
    }
    if (p->pos != save) {
        sql_syntax_error(p);
        return -1;
    }
    return 0;
}

/* joinRelation after *left: [NATURAL] joinType JOIN relationPrimary [joinCriteria]. Returns
   EM_OK with *left replaced by the join, 1 when no join follows (nothing consumed), or an
   error code. */
static int sql_parse_join_step(sql_parser *p, pl_node **left)
{
    int save = p->pos;
    int join_start = sql_cur_start(p);
    bool natural = sql_accept_kw(p, KW_NATURAL);
    if (!natural && (sql_at_kw(p, KW_PIVOT) || sql_at_kw(p, KW_UNPIVOT)))
        return 1;
    int type = sql_parse_join_type(p);
    if (type < 0)
        return EM_EUSER;
    if (type == 0) {
        if (natural)
            return sql_syntax_error(p);
        p->pos = save;
        return 1;
    }
    bool lateral = false;
    if (sql_at_kw(p, KW_LATERAL)) {
        p->pos++;
        lateral = true;
        if (!sql_lateral_right_ok(p))
            return sql_fail(p, sql_cur_start(p), sql_tok(p, 0)->stop,
                            "INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC",
                            NULL);
    }
    pl_node *right = sql_parse_relation_primary(p);
    if (!right)
        return EM_EUSER;
    if (lateral) {
        /* LateralJoin (sql_lateral.c), after AstBuilder's checks on the criteria. */
        pl_expr *cond = NULL;
        if (natural) {
            sql_defer(p, join_start, sql_prev_stop(p), "INCOMPATIBLE_JOIN_TYPES", "joinType1",
                      "LATERAL", "joinType2", "NATURAL", NULL);
        } else if (sql_accept_kw(p, KW_ON)) {
            cond = sql_parse_expression(p);
            if (!cond)
                return EM_EUSER;
        } else if (sql_accept_kw(p, KW_USING)) {
            int n;
            const char **cols;
            if (sql_parse_ident_list(p, &n, &cols))
                return EM_EUSER;
            sql_defer(p, join_start, sql_prev_stop(p), "UNSUPPORTED_FEATURE.LATERAL_JOIN_USING",
                      NULL);
        }
        if (type != PL_JOIN_INNER && type != PL_JOIN_CROSS && type != PL_JOIN_LEFT_OUTER) {
            const char *name = type == PL_JOIN_RIGHT_OUTER  ? "\"RIGHT OUTER\""
                               : type == PL_JOIN_FULL_OUTER ? "\"FULL OUTER\""
                               : type == PL_JOIN_LEFT_SEMI  ? "\"LEFT SEMI\""
                                                            : "\"LEFT ANTI\"";
            sql_defer(p, join_start, sql_prev_stop(p), "INVALID_LATERAL_JOIN_TYPE", "joinType",
                      name, NULL);
        }
        *left = sql_lateral_join(p, *left, right, (pl_join_type)type, cond);
        return EM_OK;
    }
    pl_node *j = pl_node_new(p->arena, PL_JOIN, 2);
    j->children[0] = *left;
    j->children[1] = right;
    j->u.join.type = (pl_join_type)type;
    if (natural) {
        /* NATURAL joins take no criteria; NATURAL CROSS JOIN is refused after the parse. */
        j->u.join.natural = true;
        if (type == PL_JOIN_CROSS)
            sql_defer(p, join_start, sql_prev_stop(p), "INCOMPATIBLE_JOIN_TYPES", "joinType1",
                      "NATURAL", "joinType2", "CROSS", NULL);
    } else if (sql_accept_kw(p, KW_ON)) {
        j->u.join.cond = sql_parse_expression(p);
        if (!j->u.join.cond)
            return EM_EUSER;
    } else if (sql_accept_kw(p, KW_USING)) {
        if (sql_parse_ident_list(p, &j->u.join.n_using, &j->u.join.using_cols))
            return EM_EUSER;
    }
    *left = j;
    return EM_OK;
}

/* One join of a pipe operator (|> [NATURAL] joinType JOIN ...): the join type is current. */
pl_node *sql_parse_pipe_join(sql_parser *p, pl_node *left)
{
    int rc = sql_parse_join_step(p, &left);
    if (rc == 1) {
        sql_syntax_error(p);
        return NULL;
    }
    return rc == EM_OK ? left : NULL;
}

/* relation: [LATERAL] relationPrimary relationExtension*. lateral_left: the FROM clause's
   relations so far (NULL for the first), which a LATERAL relation correlates to. */
static pl_node *sql_parse_relation_after(sql_parser *p, pl_node *lateral_left)
{
    pl_node *left;
    if (sql_at_kw(p, KW_LATERAL) && !sql_at_kw_ahead(p, 1, KW_VIEW)) {
        int start = sql_cur_start(p);
        p->pos++;
        if (!sql_lateral_right_ok(p)) {
            sql_fail(p, start, sql_tok(p, 0)->stop,
                     "INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC", NULL);
            return NULL;
        }
        left = sql_parse_relation_primary(p);
        if (left && lateral_left)
            left = sql_lateral_join(p, lateral_left, left, PL_JOIN_INNER, NULL);
    } else {
        left = sql_parse_relation_primary(p);
        if (left && lateral_left) {
            pl_node *j = pl_node_new(p->arena, PL_JOIN, 2);
            j->children[0] = lateral_left;
            j->children[1] = left;
            j->u.join.type = PL_JOIN_INNER;
            left = j;
        }
    }
    while (left) {
        if (sql_at_kw(p, KW_PIVOT) || sql_at_kw(p, KW_UNPIVOT)) {
            /* relationExtension: PIVOT / UNPIVOT apply to the relation so far. */
            left = sql_parse_pipe_pivot(p, left);
            continue;
        }
        int rc = sql_parse_join_step(p, &left);
        if (rc == 1)
            break;
        if (rc != EM_OK)
            return NULL;
    }
    return left;
}

static pl_node *sql_parse_relation(sql_parser *p)
{
    return sql_parse_relation_after(p, NULL);
}

/* A column name of LATERAL VIEW's list: an identifier that does not start the next clause. */
static bool sql_at_lateral_col(sql_parser *p)
{
    return sql_is_ident_tok(p, sql_tok(p, 0), true) && !sql_is_relation_clause_word(p, 0);
}

/* lateralView: LATERAL VIEW [OUTER] name ( [expr, ...] ) tblName [[AS] col [, col]...] — an
   unresolved PL_GENERATE over `child` (Spark's Generate with an UnresolvedGenerator). */
static pl_node *sql_parse_lateral_view(sql_parser *p, pl_node *child)
{
    p->pos += 2; /* LATERAL VIEW */
    bool outer = sql_accept_kw(p, KW_OUTER);
    int fstart = sql_cur_start(p);
    int n_parts;
    const char **parts;
    if (sql_parse_multipart(p, &n_parts, &parts))
        return NULL;
    if (n_parts > 1) {
        sql_not_implemented(p, fstart, sql_prev_stop(p),
                            "qualified generator names in LATERAL VIEW");
        return NULL;
    }
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    sql_exprs args = {0};
    if (sql_peek(p) != TK_RPAREN) {
        do {
            pl_expr *e = sql_parse_expression(p);
            if (!e)
                return NULL;
            sql_exprs_push(p, &args, e);
        } while (sql_accept(p, TK_COMMA));
    }
    if (sql_expect(p, TK_RPAREN))
        return NULL;
    pl_expr *call = pl_expr_new(p->arena, PX_FUNC, args.n);
    call->name = parts[0];
    for (int idx = 0; idx < args.n; idx++)
        call->args[idx] = args.items[idx];
    sql_span(call, fstart, sql_prev_stop(p));
    /* tblName is an identifier, and AS is not reserved: in `explode(x) AS c` Spark's grammar
       takes AS as the table name and c as the column. */
    const char *alias;
    if (sql_at_kw(p, KW_AS) && sql_is_ident_tok(p, sql_tok(p, 1), true)) {
        const sql_token *as = sql_tok(p, 0);
        alias = em_arena_strndup(p->arena, p->text + as->start, (size_t)(as->stop - as->start + 1));
        p->pos++;
    } else {
        alias = sql_parse_ident(p);
    }
    if (!alias)
        return NULL;
    int n_cols = 0, cap = 0;
    const char **cols = NULL;
    bool has_as = sql_accept_kw(p, KW_AS);
    if (has_as || sql_at_lateral_col(p)) {
        do {
            if (n_cols == cap) {
                int ncap = cap ? cap * 2 : 4;
                const char **more = em_arena_calloc(p->arena, (size_t)ncap, sizeof *more);
                if (n_cols)
                    memcpy(more, cols, (size_t)n_cols * sizeof *more);
                cols = more;
                cap = ncap;
            }
            cols[n_cols] = sql_parse_ident(p);
            if (!cols[n_cols])
                return NULL;
            n_cols++;
        } while (sql_accept(p, TK_COMMA));
    }
    pl_node *g = pl_node_new(p->arena, PL_GENERATE, 1);
    g->children[0] = child;
    g->n_exprs = 1;
    g->exprs = em_arena_calloc(p->arena, 1, sizeof(pl_expr *));
    g->exprs[0] = call;
    g->u.generate.outer = outer;
    g->u.generate.alias = alias;
    g->u.generate.n_cols = n_cols;
    g->u.generate.cols = cols;
    return g;
}

static pl_node *sql_parse_from_clause(sql_parser *p)
{
    p->pos++; /* FROM */
    pl_node *from = sql_parse_relation(p);
    /* FROM a, b: an inner join without condition; the joins that follow b apply to it (Spark's
       visitFromClause without spark.sql.ansiRelationPrecedence). */
    while (from && sql_accept(p, TK_COMMA))
        from = sql_parse_relation_after(p, from);
    while (from && sql_at_kw(p, KW_LATERAL) && sql_at_kw_ahead(p, 1, KW_VIEW))
        from = sql_parse_lateral_view(p, from);
    if (from && (sql_at_kw(p, KW_PIVOT) || sql_at_kw(p, KW_UNPIVOT)))
        return sql_parse_pipe_pivot(p, from);
    return from;
}

/* ---- GROUP BY ---------------------------------------------------------------------------- */

/* GROUP BY itself is parsed in sql_group.c. */

/* ---- query specification ---------------------------------------------------------------- */

/* Spark's withHavingClause: a non-predicate condition is cast to boolean. */
static pl_expr *sql_having_predicate(sql_parser *p, pl_expr *cond)
{
    static const char *const predicates[] = {
        "and",   "or",     "not",       "==",        "<=>",          "<",
        "<=",    ">",      ">=",        "in",        "like",         "ilike",
        "rlike", "isNull", "isNotNull", "isUnknown", "isNotUnknown", "between"};
    if (cond->kind == PX_FUNC)
        for (size_t idx = 0; idx < sizeof predicates / sizeof predicates[0]; idx++)
            if (strcmp(cond->name, predicates[idx]) == 0)
                return cond;
    if (cond->kind == PX_LITERAL && cond->type && cond->type->kind == TY_BOOLEAN)
        return cond;
    return sql_make_cast(p, cond, ty_boolean(), PX_EVAL_UNSPECIFIED, cond->src_start,
                         cond->src_stop);
}

typedef struct sql_hint {
    const char *name;
    sql_exprs params;
} sql_hint;

/* One hint comment: name [( params )] [,] ... (params are primary expressions). */
static int sql_parse_hint_block(sql_parser *p, sql_hint **hints, int *n_hints, int *cap)
{
    p->pos++; /* hint start */
    do {
        const char *name = sql_parse_ident(p);
        if (!name)
            return EM_EUSER;
        if (*n_hints == *cap) {
            int ncap = *cap ? *cap * 2 : 4;
            sql_hint *grown = em_arena_alloc(p->arena, (size_t)ncap * sizeof *grown);
            if (*n_hints)
                memcpy(grown, *hints, (size_t)*n_hints * sizeof *grown);
            *hints = grown;
            *cap = ncap;
        }
        sql_hint *h = &(*hints)[(*n_hints)++];
        memset(h, 0, sizeof *h);
        h->name = name;
        if (sql_accept(p, TK_LPAREN)) {
            do {
                pl_expr *e = sql_parse_primary(p);
                if (!e)
                    return EM_EUSER;
                sql_exprs_push(p, &h->params, e);
            } while (sql_accept(p, TK_COMMA));
            if (sql_expect(p, TK_RPAREN))
                return EM_EUSER;
        }
        sql_accept(p, TK_COMMA);
    } while (sql_peek(p) != TK_HINT_END && sql_peek(p) != TK_EOF);
    return sql_expect(p, TK_HINT_END);
}

/* SELECT TRANSFORM ( ... ) is a script transform only when ROW FORMAT, RECORDWRITER or USING
   follows the parenthesis (transformClause); otherwise transform(...) is the higher-order
   function starting a select list, as ANTLR's prediction decides. The cursor is after SELECT. */
static bool sql_at_script_transform(const sql_parser *p, int ahead)
{
    if (!sql_at_kw_ahead(p, ahead, KW_TRANSFORM) || sql_tok(p, ahead + 1)->kind != TK_LPAREN)
        return false;
    int depth = 0, k = ahead + 1;
    for (; sql_tok(p, k)->kind != TK_EOF; k++) {
        if (sql_tok(p, k)->kind == TK_LPAREN)
            depth++;
        else if (sql_tok(p, k)->kind == TK_RPAREN && --depth == 0)
            break;
    }
    return sql_at_kw_ahead(p, k + 1, KW_USING) || sql_at_kw_ahead(p, k + 1, KW_ROW) ||
           sql_at_kw_ahead(p, k + 1, KW_RECORDWRITER);
}

static pl_node *sql_parse_query_spec(sql_parser *p)
{
    sql_winref *mark = p->winrefs;
    p->pos++; /* SELECT */
    sql_hint *hints = NULL;
    int n_hints = 0, hint_cap = 0;
    while (sql_peek(p) == TK_HINT_START)
        if (sql_parse_hint_block(p, &hints, &n_hints, &hint_cap))
            return NULL;
    bool distinct = false;
    if (sql_at_kw(p, KW_DISTINCT) && sql_can_start_expression(p, 1) &&
        !sql_at_kw_ahead(p, 1, KW_FROM)) {
        p->pos++;
        distinct = true;
    } else if (sql_at_kw(p, KW_ALL) && sql_can_start_expression(p, 1) &&
               !sql_at_kw_ahead(p, 1, KW_FROM)) {
        p->pos++;
    }
    if (sql_at_script_transform(p, 0)) {
        sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop, "SELECT TRANSFORM");
        return NULL;
    }
    sql_exprs list = {0};
    do {
        pl_expr *e = sql_parse_named_expression(p);
        if (!e)
            return NULL;
        sql_exprs_push(p, &list, e);
    } while (sql_accept(p, TK_COMMA));

    pl_node *plan;
    if (sql_at_kw(p, KW_FROM)) {
        plan = sql_parse_from_clause(p);
        if (!plan)
            return NULL;
    } else {
        plan = pl_node_new(p->arena, PL_ONE_ROW, 0);
    }
    if (sql_at_kw(p, KW_LATERAL) && sql_at_kw_ahead(p, 1, KW_VIEW)) {
        sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 1)->stop, "LATERAL VIEW");
        return NULL;
    }
    if (sql_accept_kw(p, KW_WHERE)) {
        pl_expr *cond = sql_parse_expression(p);
        if (!cond)
            return NULL;
        plan = sql_node1(p, PL_FILTER, plan);
        plan->u.filter.cond = cond;
    }
    bool group = sql_at_kw(p, KW_GROUP) && sql_at_kw_ahead(p, 1, KW_BY);
    pl_node *agg = NULL;
    if (group) {
        agg = sql_node1(p, PL_AGGREGATE, plan);
        if (sql_parse_group_by(p, agg))
            return NULL;
    }
    if (sql_at_kw(p, KW_HAVING)) {
        p->pos++;
        pl_expr *cond = sql_parse_expression(p);
        if (!cond)
            return NULL;
        if (!agg) {
            /* HAVING without GROUP BY is a global aggregate (SQL standard, Spark). */
            agg = sql_node1(p, PL_AGGREGATE, plan);
            agg->u.agg.group_type = PL_GROUP_BY;
        }
        agg->n_exprs = list.n;
        agg->exprs = list.items;
        plan = sql_node1(p, PL_FILTER, agg);
        plan->u.filter.cond = sql_having_predicate(p, cond);
        plan->u.filter.is_having = true;
    } else if (agg) {
        agg->n_exprs = list.n;
        agg->exprs = list.items;
        plan = agg;
    } else {
        plan = sql_node1(p, PL_PROJECT, plan);
        plan->n_exprs = list.n;
        plan->exprs = list.items;
    }
    if (distinct) {
        plan = sql_node1(p, PL_DEDUP, plan);
        plan->u.dedup.all_columns_as_keys = true;
    }
    if (sql_at_kw(p, KW_WINDOW) && sql_parse_window_clause(p, mark))
        return NULL;
    /* Hints: the first one written ends up outermost (Spark's withHints fold). */
    for (int idx = n_hints - 1; idx >= 0; idx--) {
        plan = sql_node1(p, PL_HINT, plan);
        plan->u.hint.name = hints[idx].name;
        plan->n_exprs = hints[idx].params.n;
        plan->exprs = hints[idx].params.items;
    }
    return plan;
}

/* |> SELECT: hints, [DISTINCT | ALL], the select list and an optional WINDOW clause, over
   plan (Spark's withSelectQuerySpecification with isPipeOperatorSelect). */
pl_node *sql_parse_pipe_select(sql_parser *p, pl_node *plan)
{
    sql_winref *mark = p->winrefs;
    p->pos++; /* SELECT */
    sql_hint *hints = NULL;
    int n_hints = 0, hint_cap = 0;
    while (sql_peek(p) == TK_HINT_START)
        if (sql_parse_hint_block(p, &hints, &n_hints, &hint_cap))
            return NULL;
    bool distinct = false;
    if (sql_at_kw(p, KW_DISTINCT) && sql_can_start_expression(p, 1)) {
        p->pos++;
        distinct = true;
    } else if (sql_at_kw(p, KW_ALL) && sql_can_start_expression(p, 1)) {
        p->pos++;
    }
    sql_exprs list = {0};
    do {
        pl_expr *e = sql_parse_named_expression(p);
        if (!e)
            return NULL;
        sql_exprs_push(p, &list, e);
    } while (sql_accept(p, TK_COMMA));
    plan = sql_node1(p, PL_PROJECT, plan);
    plan->n_exprs = list.n;
    plan->exprs = list.items;
    plan->pipe_clause = "SELECT";
    if (distinct) {
        plan = sql_node1(p, PL_DEDUP, plan);
        plan->u.dedup.all_columns_as_keys = true;
    }
    if (sql_at_kw(p, KW_WINDOW) && sql_parse_window_clause(p, mark))
        return NULL;
    for (int idx = n_hints - 1; idx >= 0; idx--) {
        plan = sql_node1(p, PL_HINT, plan);
        plan->u.hint.name = hints[idx].name;
        plan->n_exprs = hints[idx].params.n;
        plan->exprs = hints[idx].params.items;
    }
    return plan;
}

/* FROM relation [SELECT ...]: Hive's from-first form (one body). */
static pl_node *sql_parse_from_statement(sql_parser *p)
{
    pl_node *from = sql_parse_from_clause(p);
    if (!from)
        return NULL;
    if (sql_at_kw(p, KW_INSERT)) {
        sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop, "multi-insert statements");
        return NULL;
    }
    if ((sql_at_kw(p, KW_SELECT) && sql_at_script_transform(p, 1)) ||
        ((sql_at_kw(p, KW_MAP) || sql_at_kw(p, KW_REDUCE)) && sql_can_start_expression(p, 1))) {
        sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop, "script transforms");
        return NULL;
    }
    if (!sql_at_kw(p, KW_SELECT))
        return from;
    /* Reuse the query specification by parsing its SELECT part over this FROM. */
    sql_winref *mark = p->winrefs;
    p->pos++;
    bool distinct = false;
    if (sql_at_kw(p, KW_DISTINCT) && sql_can_start_expression(p, 1)) {
        p->pos++;
        distinct = true;
    } else if (sql_at_kw(p, KW_ALL) && sql_can_start_expression(p, 1)) {
        p->pos++;
    }
    sql_exprs list = {0};
    do {
        pl_expr *e = sql_parse_named_expression(p);
        if (!e)
            return NULL;
        sql_exprs_push(p, &list, e);
    } while (sql_accept(p, TK_COMMA));
    pl_node *plan = from;
    if (sql_accept_kw(p, KW_WHERE)) {
        pl_expr *cond = sql_parse_expression(p);
        if (!cond)
            return NULL;
        plan = sql_node1(p, PL_FILTER, plan);
        plan->u.filter.cond = cond;
    }
    pl_node *agg = NULL;
    if (sql_at_kw(p, KW_GROUP) && sql_at_kw_ahead(p, 1, KW_BY)) {
        agg = sql_node1(p, PL_AGGREGATE, plan);
        if (sql_parse_group_by(p, agg))
            return NULL;
    }
    if (sql_accept_kw(p, KW_HAVING)) {
        pl_expr *cond = sql_parse_expression(p);
        if (!cond)
            return NULL;
        if (!agg)
            agg = sql_node1(p, PL_AGGREGATE, plan);
        agg->n_exprs = list.n;
        agg->exprs = list.items;
        plan = sql_node1(p, PL_FILTER, agg);
        plan->u.filter.cond = sql_having_predicate(p, cond);
        plan->u.filter.is_having = true;
    } else if (agg) {
        agg->n_exprs = list.n;
        agg->exprs = list.items;
        plan = agg;
    } else {
        plan = sql_node1(p, PL_PROJECT, plan);
        plan->n_exprs = list.n;
        plan->exprs = list.items;
    }
    if (distinct) {
        plan = sql_node1(p, PL_DEDUP, plan);
        plan->u.dedup.all_columns_as_keys = true;
    }
    if (sql_at_kw(p, KW_WINDOW) && sql_parse_window_clause(p, mark))
        return NULL;
    if (sql_at_kw(p, KW_SELECT)) {
        sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop,
                            "several SELECT bodies after one FROM");
        return NULL;
    }
    return plan;
}

pl_node *sql_parse_query_primary(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (t->kind == TK_LPAREN) {
        p->pos++;
        pl_node *q = sql_parse_query(p);
        if (!q || sql_expect(p, TK_RPAREN))
            return NULL;
        return q;
    }
    if (t->kind == TK_IDENT) {
        switch (t->kw) {
        case KW_SELECT:
            return sql_parse_query_spec(p);
        case KW_FROM:
            return sql_parse_from_statement(p);
        case KW_VALUES:
            return sql_parse_inline_table(p);
        case KW_TABLE: {
            p->pos++;
            if (sql_at_kw(p, KW_IDENTIFIER) && sql_tok(p, 1)->kind == TK_LPAREN) {
                sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop,
                                    "the IDENTIFIER clause");
                return NULL;
            }
            int n_parts;
            const char **parts;
            if (sql_parse_multipart(p, &n_parts, &parts))
                return NULL;
            const sql_cte *cte = n_parts == 1 ? sql_cte_find(p, parts[0]) : NULL;
            if (cte) {
                pl_node *c = sql_copy_plan(p->arena, cte->plan);
                if (!c)
                    em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
                return c;
            }
            pl_node *n = pl_node_new(p->arena, PL_READ_TABLE, 0);
            n->u.read.n_parts = n_parts;
            n->u.read.parts = parts;
            return n;
        }
        case KW_MAP:
        case KW_REDUCE:
            sql_not_implemented(p, t->start, t->stop, "MAP / REDUCE transforms");
            return NULL;
        default:
            break;
        }
    }
    sql_syntax_error(p);
    return NULL;
}

static pl_node *sql_set_op(sql_parser *p, pl_set_op_type type, bool all, pl_node *l, pl_node *r)
{
    pl_node *n = pl_node_new(p->arena, PL_SET_OP, 2);
    n->children[0] = l;
    n->children[1] = r;
    n->u.set_op.type = type;
    n->u.set_op.is_all = all;
    return n;
}

/* [DISTINCT | ALL] after a set operator: ALL → true. */
static bool sql_set_quantifier(sql_parser *p)
{
    if (sql_accept_kw(p, KW_ALL))
        return true;
    sql_accept_kw(p, KW_DISTINCT);
    return false;
}

/* INTERSECT binds tighter than UNION / EXCEPT / MINUS (spark.sql.legacy.setopsPrecedence off). */
static pl_node *sql_parse_intersect(sql_parser *p)
{
    pl_node *left = sql_parse_query_primary(p);
    while (left && sql_at_kw(p, KW_INTERSECT)) {
        p->pos++;
        bool all = sql_set_quantifier(p);
        pl_node *right = sql_parse_query_primary(p);
        if (!right)
            return NULL;
        left = sql_set_op(p, PL_SETOP_INTERSECT, all, left, right);
    }
    return left;
}

/* queryTerm: set operations and pipe operators, left-associative. A pipe operator has the
   lowest precedence (ANTLR's left-recursive alternatives): `a UNION b |> ...` pipes the union,
   and an INTERSECT after a pipe operator takes the piped query as its left side. */
static pl_node *sql_parse_query_term(sql_parser *p)
{
    int start = sql_cur_start(p);
    pl_node *left = sql_parse_intersect(p);
    while (left) {
        if (sql_peek(p) == TK_PIPE_OP) {
            left = sql_parse_pipe_operator(p, left, start);
            continue;
        }
        bool intersect = sql_at_kw(p, KW_INTERSECT);
        if (!intersect && !sql_at_kw(p, KW_UNION) && !sql_at_kw(p, KW_EXCEPT) &&
            !sql_at_kw(p, KW_MINUS))
            break;
        pl_set_op_type type = intersect                ? PL_SETOP_INTERSECT
                              : sql_at_kw(p, KW_UNION) ? PL_SETOP_UNION
                                                       : PL_SETOP_EXCEPT;
        p->pos++;
        bool all = sql_set_quantifier(p);
        pl_node *right = intersect ? sql_parse_query_primary(p) : sql_parse_intersect(p);
        if (!right)
            return NULL;
        left = sql_set_op(p, type, all, left, right);
    }
    return left;
}

/* ---- ORDER BY ... LIMIT ... OFFSET ------------------------------------------------------- */

static int sql_parse_sort_list(sql_parser *p, sql_exprs *out)
{
    p->pos += 2; /* ORDER BY / SORT BY */
    do {
        pl_expr *s = sql_parse_sort_item(p);
        if (!s)
            return EM_EUSER;
        s->args[0] = sql_maybe_ordinal(p, s->args[0]);
        sql_exprs_push(p, out, s);
    } while (sql_accept(p, TK_COMMA));
    return EM_OK;
}

static pl_node *sql_limit_node(sql_parser *p, pl_kind kind, pl_expr *e, pl_node *child)
{
    pl_node *n = sql_node1(p, kind, child);
    bool ok;
    int64_t v = sql_lit_int64(e, &ok);
    n->u.limit.n = ok ? v : -1;
    n->n_exprs = 1;
    n->exprs = em_arena_alloc(p->arena, sizeof *n->exprs);
    n->exprs[0] = e;
    return n;
}

/* expression (, expression)* of CLUSTER BY / DISTRIBUTE BY (after the two keywords). */
static int sql_parse_expr_list_after(sql_parser *p, sql_exprs *out)
{
    p->pos += 2;
    do {
        pl_expr *e = sql_parse_expression(p);
        if (!e)
            return EM_EUSER;
        sql_exprs_push(p, out, e);
    } while (sql_accept(p, TK_COMMA));
    return EM_OK;
}

/* Spark's withRepartitionByExpression: RepartitionByExpression(exprs) over plan. */
static pl_node *sql_repartition_by(sql_parser *p, sql_exprs *exprs, pl_node *plan)
{
    pl_node *n = sql_node1(p, PL_REPARTITION, plan);
    n->u.repartition.shuffle = true;
    n->n_groups = exprs->n;
    n->groups = exprs->items;
    return n;
}

/* A local sort ascending on each expression (CLUSTER BY's Sort). */
static pl_node *sql_cluster_sort(sql_parser *p, sql_exprs *exprs, pl_node *plan)
{
    pl_node *n = sql_node1(p, PL_SORT, plan);
    n->u.sort.is_global = false;
    n->n_exprs = exprs->n;
    n->exprs = em_arena_alloc(p->arena, (size_t)(exprs->n ? exprs->n : 1) * sizeof *n->exprs);
    for (int idx = 0; idx < exprs->n; idx++) {
        pl_expr *o = pl_expr_new(p->arena, PX_SORT_ORDER, 1);
        o->args[0] = sql_copy_or_fail(p, exprs->items[idx]);
        if (!o->args[0])
            return NULL;
        o->nulls_first = true; /* Ascending's default null ordering */
        sql_span(o, exprs->items[idx]->src_start, exprs->items[idx]->src_stop);
        n->exprs[idx] = o;
    }
    return n;
}

/* queryOrganization (Spark's withQueryResultClauses). With pipe set it is the right side of a
   |> operator: a WINDOW clause and two result clauses in one operator are refused (except
   LIMIT after OFFSET, in Spark's order of checks). */
pl_node *sql_parse_result_clauses(sql_parser *p, pl_node *plan, sql_winref *mark, bool pipe)
{
    int start = sql_cur_start(p);
    int first_tok = p->pos;
    sql_exprs order = {0}, sort = {0}, cluster = {0}, distribute = {0};
    bool has_order = false, has_sort = false, has_cluster = false, has_distribute = false;
    if (sql_at_kw(p, KW_ORDER) && sql_at_kw_ahead(p, 1, KW_BY)) {
        has_order = true;
        if (sql_parse_sort_list(p, &order))
            return NULL;
    }
    if (sql_at_kw(p, KW_CLUSTER) && sql_at_kw_ahead(p, 1, KW_BY)) {
        has_cluster = true;
        if (sql_parse_expr_list_after(p, &cluster))
            return NULL;
    }
    if (sql_at_kw(p, KW_DISTRIBUTE) && sql_at_kw_ahead(p, 1, KW_BY)) {
        has_distribute = true;
        if (sql_parse_expr_list_after(p, &distribute))
            return NULL;
    }
    if (sql_at_kw(p, KW_SORT) && sql_at_kw_ahead(p, 1, KW_BY)) {
        has_sort = true;
        if (sql_parse_sort_list(p, &sort))
            return NULL;
    }
    const char *clause = "";
    if (has_order && !has_sort && !has_distribute && !has_cluster) {
        clause = "ORDER BY";
        plan = sql_node1(p, PL_SORT, plan);
        plan->u.sort.is_global = true;
        plan->n_exprs = order.n;
        plan->exprs = order.items;
    } else if (!has_order && has_sort && !has_cluster) {
        clause = has_distribute ? "SORT BY ... DISTRIBUTE BY ..." : "SORT BY";
        if (has_distribute)
            plan = sql_repartition_by(p, &distribute, plan);
        plan = sql_node1(p, PL_SORT, plan);
        plan->u.sort.is_global = false;
        plan->n_exprs = sort.n;
        plan->exprs = sort.items;
    } else if (!has_order && !has_sort && has_distribute && !has_cluster) {
        clause = "DISTRIBUTE BY";
        plan = sql_repartition_by(p, &distribute, plan);
    } else if (!has_order && !has_sort && !has_distribute && has_cluster) {
        clause = "CLUSTER BY";
        plan = sql_cluster_sort(p, &cluster, sql_repartition_by(p, &cluster, plan));
        if (!plan)
            return NULL;
    } else if (has_order || has_sort || has_cluster || has_distribute) {
        sql_defer(p, start, sql_prev_stop(p),
                  "UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES", NULL);
    }
    if (sql_at_kw(p, KW_WINDOW)) {
        if (sql_parse_window_clause(p, mark))
            return NULL;
        if (pipe)
            sql_defer(p, start, sql_prev_stop(p), "UNSUPPORTED_FEATURE.CLAUSE_WITH_PIPE_OPERATORS",
                      "clauses", "the WINDOW clause", NULL);
    }
    pl_expr *limit = NULL, *offset = NULL;
    bool limit_all = false;
    if (sql_accept_kw(p, KW_LIMIT)) {
        if (sql_accept_kw(p, KW_ALL)) {
            limit_all = true;
        } else {
            limit = sql_parse_expression(p);
            if (!limit)
                return NULL;
        }
    }
    if (sql_accept_kw(p, KW_OFFSET)) {
        offset = sql_parse_expression(p);
        if (!offset)
            return NULL;
    }
    if (pipe && p->pos == first_tok) {
        sql_syntax_error(p); /* an empty right side of |> */
        return NULL;
    }
    if (pipe && offset && *clause) {
        sql_defer(p, start, sql_prev_stop(p), "MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS",
                  "clause1", clause, "clause2", "OFFSET", NULL);
    } else if (pipe && (limit || limit_all) && *clause) {
        sql_defer(p, start, sql_prev_stop(p), "MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS",
                  "clause1", clause, "clause2", "LIMIT", NULL);
    }
    if (offset)
        plan = sql_limit_node(p, PL_OFFSET, offset, plan);
    if (limit)
        plan = sql_limit_node(p, PL_LIMIT, limit, plan);
    return plan;
}

static pl_node *sql_parse_query_organization(sql_parser *p, pl_node *plan, sql_winref *mark)
{
    return sql_parse_result_clauses(p, plan, mark, false);
}

pl_node *sql_parse_query(sql_parser *p)
{
    if (sql_enter(p))
        return NULL;
    sql_cte *saved = p->ctes;
    sql_winref *mark = p->winrefs;
    pl_node *plan = NULL;
    if (sql_at_kw(p, KW_WITH) && sql_parse_ctes(p))
        goto out;
    if (p->ctes != saved && (sql_at_kw(p, KW_INSERT) || sql_at_kw(p, KW_DELETE) ||
                             sql_at_kw(p, KW_UPDATE) || sql_at_kw(p, KW_MERGE))) {
        sql_not_implemented(p, sql_cur_start(p), sql_tok(p, 0)->stop,
                            "data-changing statements with common table expressions");
        goto out;
    }
    plan = sql_parse_query_term(p);
    if (plan)
        plan = sql_parse_query_organization(p, plan, mark);
out:
    p->ctes = saved;
    sql_leave(p);
    return plan;
}
