/*
 * sql_relext: relation extensions that follow a relation in FROM or a `|>` pipe operator —
 * TABLESAMPLE (Spark's withSample), PIVOT (withPivot) and UNPIVOT (withUnpivot).
 *
 *   TABLESAMPLE (n PERCENT) [REPEATABLE (seed)]   Sample(0, n / 100)
 *   TABLESAMPLE (BUCKET x OUT OF y)               Sample(0, x / y)
 *   TABLESAMPLE (expr ROWS)                       Limit(expr)
 *   PIVOT (aggs FOR col IN (v [AS a], ...))       Aggregate(PIVOT) with u.agg.sql_pivot: the
 *                                                 grouping columns are the child's columns that
 *                                                 neither the pivot column nor the aggregates use
 *   UNPIVOT [INCLUDE|EXCLUDE NULLS] (v FOR n IN (c [AS a], ...)) [AS t]
 *                                                 PL_UNPIVOT with u.unpivot.sql_unpivot (the ids
 *                                                 are the columns the values do not name;
 *                                                 value tuples for (v1, v2) FOR ...)
 */
#include "sql/sql_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Spark's validate(fraction in [0, 1] +- RandomSampler.roundingEpsilon). */
static pl_node *sql_sample_node(sql_parser *p, double fraction, bool has_seed, int64_t seed,
                                int start, pl_node *child)
{
    const double eps = 1e-6;
    if (!(fraction >= 0.0 - eps && fraction <= 1.0 + eps)) {
        char msg[96];
        /* Scala prints doubles with at least one decimal ("2.0", "-1.0"). */
        if (fraction == (double)(int64_t)fraction)
            snprintf(msg, sizeof msg, "Sampling fraction (%.1f) must be on interval [0, 1]",
                     fraction);
        else
            snprintf(msg, sizeof msg, "Sampling fraction (%.17g) must be on interval [0, 1]",
                     fraction);
        sql_defer(p, start, sql_prev_stop(p), "_LEGACY_ERROR_TEMP_0064", "msg", msg, NULL);
    }
    pl_node *n = sql_node1(p, PL_SAMPLE, child);
    n->u.sample.lower = 0.0;
    n->u.sample.upper = fraction;
    n->u.sample.with_replacement = false;
    n->u.sample.has_seed = has_seed;
    n->u.sample.seed = seed;
    return n;
}

static bool sql_is_int_tok(const sql_token *t)
{
    return t->kind == TK_INTEGER;
}

static double sql_tok_double(sql_parser *p, const sql_token *t)
{
    char *text = sql_tok_text(p, t);
    return strtod(text, NULL);
}

pl_node *sql_parse_sample(sql_parser *p, pl_node *child)
{
    int start = sql_cur_start(p);
    p->pos++; /* TABLESAMPLE */
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    enum { SQL_SAMPLE_NONE, SQL_SAMPLE_PERCENT, SQL_SAMPLE_ROWS, SQL_SAMPLE_BUCKET } kind;
    double fraction = 0;
    pl_expr *rows = NULL;
    const char *bytes_error = NULL, *bytes_str = NULL;
    int method_start = sql_cur_start(p);
    bool neg = sql_peek(p) == TK_MINUS;
    const sql_token *num = sql_tok(p, neg ? 1 : 0);
    if (sql_peek(p) == TK_RPAREN) {
        kind = SQL_SAMPLE_NONE;
    } else if ((sql_is_int_tok(num) || num->kind == TK_DECIMAL) &&
               sql_at_kw_ahead(p, neg ? 2 : 1, KW_PERCENT)) {
        kind = SQL_SAMPLE_PERCENT;
        fraction = (neg ? -1.0 : 1.0) * sql_tok_double(p, num) / 100.0;
        p->pos += neg ? 3 : 2;
    } else if (sql_at_kw(p, KW_BUCKET) && sql_is_int_tok(sql_tok(p, 1)) &&
               sql_at_kw_ahead(p, 2, KW_OUT) && sql_at_kw_ahead(p, 3, KW_OF) &&
               sql_is_int_tok(sql_tok(p, 4))) {
        kind = SQL_SAMPLE_BUCKET;
        fraction = sql_tok_double(p, sql_tok(p, 1)) / sql_tok_double(p, sql_tok(p, 4));
        p->pos += 5;
        if (sql_accept_kw(p, KW_ON)) {
            int n_parts;
            const char **parts;
            if (sql_parse_multipart(p, &n_parts, &parts))
                return NULL;
            bool func = sql_accept(p, TK_LPAREN);
            if (func && sql_expect(p, TK_RPAREN))
                return NULL;
            bytes_error = func ? "BUCKET x OUT OF y ON function" : "BUCKET x OUT OF y ON colname";
        }
    } else {
        pl_expr *e = sql_parse_expression(p);
        if (!e)
            return NULL;
        if (sql_accept_kw(p, KW_ROWS)) {
            kind = SQL_SAMPLE_ROWS;
            rows = e;
        } else {
            /* sampleByBytes: never supported; the text decides which error. */
            kind = SQL_SAMPLE_NONE;
            char *text = sql_upper_text(p, method_start, sql_prev_stop(p));
            size_t len = strlen(text), digits = 0;
            while (digits < len && text[digits] >= '0' && text[digits] <= '9')
                digits++;
            bool byte_lit = digits > 0 && digits + 1 == len && strchr("BKMG", text[len - 1]);
            if (byte_lit) {
                bytes_error = "byteLengthLiteral";
            } else {
                bytes_str = em_arena_strndup(p->arena, p->text + method_start,
                                             (size_t)(sql_prev_stop(p) - method_start + 1));
            }
        }
    }
    if (sql_expect(p, TK_RPAREN))
        return NULL;
    bool has_seed = false;
    int64_t seed = 0;
    if (sql_accept_kw(p, KW_REPEATABLE)) {
        if (sql_expect(p, TK_LPAREN))
            return NULL;
        if (!sql_is_int_tok(sql_tok(p, 0)))
            return sql_syntax_error(p), NULL;
        seed = strtoll(sql_tok_text(p, sql_tok(p, 0)), NULL, 10);
        has_seed = true;
        p->pos++;
        if (sql_expect(p, TK_RPAREN))
            return NULL;
    }
    int stop = sql_prev_stop(p);
    if (bytes_error) {
        sql_defer(p, start, stop, "_LEGACY_ERROR_TEMP_0015", "msg", bytes_error, NULL);
        return child;
    }
    if (bytes_str) {
        sql_defer(p, start, stop, "_LEGACY_ERROR_TEMP_0016", "bytesStr", bytes_str, NULL);
        return child;
    }
    switch (kind) {
    case SQL_SAMPLE_NONE:
        sql_defer(p, start, stop, "_LEGACY_ERROR_TEMP_0014", NULL);
        return child;
    case SQL_SAMPLE_ROWS: {
        pl_node *n = sql_node1(p, PL_LIMIT, child);
        bool ok = false;
        int64_t v = 0;
        if (rows->kind == PX_LITERAL && rows->lit && !vec_is_null(rows->lit, 0)) {
            if (rows->type->kind == TY_INT) {
                v = VEC_VALUES(rows->lit, int32_t)[0];
                ok = true;
            } else if (rows->type->kind == TY_LONG) {
                v = VEC_VALUES(rows->lit, int64_t)[0];
                ok = true;
            }
        }
        n->u.limit.n = ok ? v : -1;
        n->n_exprs = 1;
        n->exprs = em_arena_alloc(p->arena, sizeof *n->exprs);
        n->exprs[0] = rows;
        return n;
    }
    default:
        return sql_sample_node(p, fraction, has_seed, seed, start, child);
    }
}

/* pivotColumn: identifier, or ( identifier, ... ) as a struct of the columns. */
static pl_expr *sql_parse_pivot_column(sql_parser *p)
{
    int start = sql_cur_start(p);
    if (!sql_accept(p, TK_LPAREN)) {
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return NULL;
        pl_expr *a = pl_attr_new(p->arena, 1, &name, -1);
        sql_span(a, start, sql_prev_stop(p));
        return a;
    }
    int n = 0, cap = 4;
    pl_expr **cols = em_arena_alloc(p->arena, (size_t)cap * sizeof *cols);
    do {
        int cstart = sql_cur_start(p);
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return NULL;
        if (n == cap) {
            pl_expr **grown = em_arena_alloc(p->arena, (size_t)cap * 2 * sizeof *grown);
            memcpy(grown, cols, (size_t)n * sizeof *grown);
            cols = grown;
            cap *= 2;
        }
        cols[n] = pl_attr_new(p->arena, 1, &name, -1);
        sql_span(cols[n], cstart, sql_prev_stop(p));
        n++;
    } while (sql_accept(p, TK_COMMA));
    if (sql_expect(p, TK_RPAREN))
        return NULL;
    return sql_func(p, "struct", n, cols, start, sql_prev_stop(p));
}

/* PIVOT ( aggregates FOR pivotColumn IN ( pivotValue, ... ) ) over child. */
static pl_node *sql_parse_pivot(sql_parser *p, pl_node *child)
{
    p->pos++; /* PIVOT */
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    sql_exprs aggs = {0}, values = {0};
    do {
        pl_expr *e = sql_parse_named_expression(p);
        if (!e)
            return NULL;
        sql_exprs_push(p, &aggs, e);
    } while (sql_accept(p, TK_COMMA));
    if (sql_expect_kw(p, KW_FOR))
        return NULL;
    pl_expr *col = sql_parse_pivot_column(p);
    if (!col || sql_expect_kw(p, KW_IN) || sql_expect(p, TK_LPAREN))
        return NULL;
    do {
        pl_expr *v = sql_parse_expression(p);
        if (!v)
            return NULL;
        bool has_as = sql_accept_kw(p, KW_AS);
        if (has_as || (sql_is_ident_tok(p, sql_tok(p, 0), false) && sql_peek(p) != TK_COMMA)) {
            const char *alias = sql_parse_ident_ec(p);
            if (!alias)
                return NULL;
            pl_expr *a = pl_expr_new(p->arena, PX_ALIAS, 1);
            a->args[0] = v;
            a->n_parts = 1;
            a->parts = em_arena_alloc(p->arena, sizeof *a->parts);
            a->parts[0] = alias;
            sql_span(a, v->src_start, sql_prev_stop(p));
            v = a;
        }
        sql_exprs_push(p, &values, v);
    } while (sql_accept(p, TK_COMMA));
    if (sql_expect(p, TK_RPAREN) || sql_expect(p, TK_RPAREN))
        return NULL;
    pl_node *n = sql_node1(p, PL_AGGREGATE, child);
    n->u.agg.group_type = PL_GROUP_PIVOT;
    n->u.agg.sql_pivot = true;
    n->u.agg.pivot_col = col;
    n->u.agg.n_pivot_values = values.n;
    n->u.agg.pivot_values = values.items;
    n->n_exprs = aggs.n;
    n->exprs = aggs.items;
    return n;
}

/* An unpivotAlias (AS? identifier) before ',' / ')': NULL when absent. */
static int sql_unpivot_alias(sql_parser *p, const char **alias)
{
    *alias = NULL;
    if (sql_accept_kw(p, KW_AS) || (sql_peek(p) != TK_COMMA && sql_peek(p) != TK_RPAREN)) {
        *alias = sql_parse_ident_ec(p);
        if (!*alias)
            return EM_EUSER;
    }
    return EM_OK;
}

/*
 * UNPIVOT [INCLUDE | EXCLUDE NULLS] ( v FOR name IN (c [AS a], ...) ) [AS alias], or with value
 * tuples ( (v1, v2) FOR name IN ((c1, c2) [AS a], ...) ): a PL_UNPIVOT (sql_unpivot) over left,
 * under SubqueryAlias alias.
 */
static pl_node *sql_parse_unpivot(sql_parser *p, pl_node *left)
{
    p->pos++; /* UNPIVOT */
    bool include = false;
    if ((sql_at_kw(p, KW_INCLUDE) || sql_at_kw(p, KW_EXCLUDE)) && sql_at_kw_ahead(p, 1, KW_NULLS)) {
        include = sql_at_kw(p, KW_INCLUDE);
        p->pos += 2;
    }
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    int n_cols = 0;
    const char **cols = NULL;
    bool multi = sql_peek(p) == TK_LPAREN;
    if (multi) {
        if (sql_parse_ident_list(p, &n_cols, &cols))
            return NULL;
    } else {
        const char *one = sql_parse_ident_ec(p);
        if (!one)
            return NULL;
        n_cols = 1;
        cols = em_arena_calloc(p->arena, 1, sizeof(char *));
        cols[0] = one;
    }
    if (sql_expect_kw(p, KW_FOR))
        return NULL;
    const char *name_col = sql_parse_ident_ec(p);
    if (!name_col || sql_expect_kw(p, KW_IN) || sql_expect(p, TK_LPAREN))
        return NULL;
    sql_exprs values = {0};
    int n_groups = 0, cap = 8;
    const char **aliases = em_arena_calloc(p->arena, (size_t)cap, sizeof(char *));
    do {
        int group_start = sql_cur_start(p), n_in = 0;
        if (multi && sql_expect(p, TK_LPAREN))
            return NULL;
        do {
            int col_start = sql_cur_start(p), n;
            const char **parts;
            if (sql_parse_multipart(p, &n, &parts))
                return NULL;
            pl_expr *e = pl_attr_new(p->arena, n, parts, -1);
            sql_span(e, col_start, sql_prev_stop(p));
            sql_exprs_push(p, &values, e);
            n_in++;
        } while (multi && sql_accept(p, TK_COMMA));
        if (multi && sql_expect(p, TK_RPAREN))
            return NULL;
        if (n_in != n_cols) {
            /* Spark's UNPIVOT_VALUE_SIZE_MISMATCH is an analysis error; keep the parse. */
            sql_defer_jvm(p, "org.apache.spark.sql.AnalysisException", group_start,
                          sql_prev_stop(p), "UNPIVOT_VALUE_SIZE_MISMATCH", "names",
                          em_arena_printf(p->arena, "%d", n_cols), NULL);
        }
        if (n_groups == cap) {
            const char **grown = em_arena_calloc(p->arena, (size_t)cap * 2, sizeof(char *));
            memcpy(grown, aliases, (size_t)cap * sizeof(char *));
            aliases = grown;
            cap *= 2;
        }
        if (sql_unpivot_alias(p, &aliases[n_groups]))
            return NULL;
        n_groups++;
    } while (sql_accept(p, TK_COMMA));
    if (sql_expect(p, TK_RPAREN) || sql_expect(p, TK_RPAREN))
        return NULL;
    pl_node *n = sql_node1(p, PL_UNPIVOT, left);
    n->u.unpivot.sql_unpivot = true;
    n->u.unpivot.has_values = true;
    n->u.unpivot.n_values = values.n;
    n->u.unpivot.values = values.items;
    n->u.unpivot.variable_name = name_col;
    n->u.unpivot.value_name = cols[0];
    n->u.unpivot.n_value_cols = n_cols;
    n->u.unpivot.value_names = cols;
    n->u.unpivot.value_aliases = aliases;
    n->u.unpivot.include_nulls = include;
    if (sql_accept_kw(p, KW_AS)) {
        const char *alias = sql_parse_ident_ec(p);
        if (!alias)
            return NULL;
        n = sql_alias_node(p, alias, n);
    }
    return n;
}

/* pivotClause unpivotClause? | unpivotClause pivotClause? (a pipe operator, or the end of a
   FROM clause): both together are NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT after the parse. */
pl_node *sql_parse_pipe_pivot(sql_parser *p, pl_node *left)
{
    int start = sql_cur_start(p);
    bool first_pivot = sql_at_kw(p, KW_PIVOT);
    pl_node *n = left;
    if (first_pivot) {
        n = sql_parse_pivot(p, left);
        if (!n)
            return NULL;
        if (sql_at_kw(p, KW_UNPIVOT)) {
            if (!sql_parse_unpivot(p, n))
                return NULL;
            sql_defer(p, start, sql_prev_stop(p), "NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT", NULL);
        }
        return n;
    }
    n = sql_parse_unpivot(p, left);
    if (!n)
        return NULL;
    if (sql_at_kw(p, KW_PIVOT)) {
        n = sql_parse_pivot(p, n);
        if (!n)
            return NULL;
        sql_defer(p, start, sql_prev_stop(p), "NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT", NULL);
        return n;
    }
    return n;
}
