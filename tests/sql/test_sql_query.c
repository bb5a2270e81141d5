/*
 * test_sql_query: statements parsed into unresolved plans, checked through sql_dump_plan
 * (one node per line, joined with " | ", parent first). Shapes follow Spark's AstBuilder:
 * visitRegularQuerySpecification / visitCommonSelectQueryClausePlan (Project over Filter over
 * the FROM relations, Aggregate for GROUP BY, UnresolvedHaving above it), withQueryResultClauses
 * (Sort, then Offset, then Limit), visitSetOperation, withJoinRelation, visitInlineTable and
 * mayApplyAliasPlan, as cited per case.
 */
#include "sql_test_util.h"

#include "plan/pl_print.h"

EM_TEST(query_select_basics)
{
    /* OneRowRelation when there is no FROM. */
    CHECK_EQ_STR(st_plan("SELECT 1"), "Project [1:int] | OneRowRelation");
    CHECK_EQ_STR(st_plan("select a, b AS c from t where a > 1"),
                 "Project [a, b AS c] | Filter >(a, 1:int) | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT * FROM db.t"), "Project [*] | UnresolvedRelation db.t");
    CHECK_EQ_STR(st_plan("SELECT DISTINCT a FROM t"),
                 "Distinct | Project [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT ALL a FROM t"), "Project [a] | UnresolvedRelation t");
    /* Trailing semicolons: singleStatement is statement SEMICOLON* EOF. */
    CHECK_EQ_STR(st_plan("SELECT 1;;"), "Project [1:int] | OneRowRelation");
    CHECK_EQ_STR(st_plan("/* c */ SELECT 1 -- end"), "Project [1:int] | OneRowRelation");
    /* queryPrimary: TABLE t, and Hive's FROM-first form. */
    CHECK_EQ_STR(st_plan("TABLE t"), "UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("FROM t SELECT a WHERE b"),
                 "Project [a] | Filter b | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("(SELECT 1)"), "Project [1:int] | OneRowRelation");
}

EM_TEST(query_aggregates)
{
    CHECK_EQ_STR(st_plan("SELECT a, count(*) FROM t GROUP BY a"),
                 "Aggregate [a] [a, count(1:int)] | UnresolvedRelation t");
    /* UnresolvedHaving above the Aggregate; ordinals become UnresolvedOrdinal. */
    CHECK_EQ_STR(st_plan("SELECT a, sum(b) FROM t WHERE c GROUP BY 1 HAVING sum(b) > 1"),
                 "Having >(sum(b), 1:int) | Aggregate [ordinal(1:int)] [a, sum(b)] | "
                 "Filter c | UnresolvedRelation t");
    /* HAVING without GROUP BY is a global aggregate. */
    CHECK_EQ_STR(st_plan("SELECT count(*) FROM t HAVING count(*) > 0"),
                 "Having >(count(1:int), 0:int) | Aggregate [] [count(1:int)] | "
                 "UnresolvedRelation t");
    /* withHavingClause casts a non-predicate condition to boolean. */
    CHECK_EQ_STR(st_plan("SELECT max(b) FROM t GROUP BY a HAVING max(b)"),
                 "Having cast(max(b) AS boolean) | Aggregate [a] [max(b)] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t GROUP BY ROLLUP(a, b)"),
                 "Aggregate ROLLUP [a, b] [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t GROUP BY a, b WITH CUBE"),
                 "Aggregate CUBE [a, b] [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), ())"),
                 "Aggregate [a, b] GROUPING SETS ((a, b), (a), ()) [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t GROUP BY a, b GROUPING SETS ((a), (b))"),
                 "Aggregate [a, b] GROUPING SETS ((a), (b)) [a] | UnresolvedRelation t");
    /* groupingSet: a parenthesized tuple or an expression starting with '(' */
    CHECK_EQ_STR(st_plan("SELECT 1 FROM t GROUP BY GROUPING SETS ((a) + 1, (b, c))"),
                 "Aggregate [+(a, 1:int), b, c] GROUPING SETS ((+(a, 1:int)), (b, c)) [1:int] | "
                 "UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT 1 FROM t GROUP BY CUBE((a), cast(b AS array<array<int>>))"),
                 "Aggregate CUBE [a, cast(b AS array<array<int>>)] [1:int] | UnresolvedRelation t");
    /* GROUP BY ALL is the column ALL, resolved specially by the analyzer. */
    CHECK_EQ_STR(st_plan("SELECT a, count(*) FROM t GROUP BY ALL"),
                 "Aggregate [ALL] [a, count(1:int)] | UnresolvedRelation t");
}

EM_TEST(query_result_clauses)
{
    CHECK_EQ_STR(st_plan("SELECT a FROM t ORDER BY a DESC NULLS FIRST, 2 LIMIT 10 OFFSET 5"),
                 "Limit 10:int | Offset 5:int | Sort [a DESC NULLS FIRST, ordinal(2:int) ASC "
                 "NULLS FIRST] | Project [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t SORT BY a"),
                 "SortWithinPartitions [a ASC NULLS FIRST] | Project [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t LIMIT ALL"), "Project [a] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT a FROM t LIMIT 1 + 1"),
                 "Limit +(1:int, 1:int) | Project [a] | UnresolvedRelation t");
    /* ORDER BY applies to the whole set operation. */
    CHECK_EQ_STR(st_plan("SELECT 1 UNION SELECT 2 ORDER BY 1"),
                 "Sort [ordinal(1:int) ASC NULLS FIRST] | Union DISTINCT | Project [1:int] | "
                 "OneRowRelation | Project [2:int] | OneRowRelation");
    CHECK_EQ_STR(st_stmt_err("SELECT a FROM t ORDER BY a SORT BY a"),
                 "UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES");
}

EM_TEST(query_set_operations)
{
    /* INTERSECT binds tighter than UNION (legacy setops precedence off). */
    CHECK_EQ_STR(st_plan("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3"),
                 "Union ALL | Project [1:int] | OneRowRelation | Intersect DISTINCT | "
                 "Project [2:int] | OneRowRelation | Project [3:int] | OneRowRelation");
    CHECK_EQ_STR(st_plan("SELECT 1 EXCEPT ALL SELECT 2 MINUS SELECT 3"),
                 "Except DISTINCT | Except ALL | Project [1:int] | OneRowRelation | "
                 "Project [2:int] | OneRowRelation | Project [3:int] | OneRowRelation");
    CHECK_EQ_STR(st_plan("(SELECT 1) UNION DISTINCT (SELECT 2)"),
                 "Union DISTINCT | Project [1:int] | OneRowRelation | Project [2:int] | "
                 "OneRowRelation");
}

EM_TEST(query_joins)
{
    CHECK_EQ_STR(st_plan("SELECT * FROM a, b"),
                 "Project [*] | Join Inner | UnresolvedRelation a | UnresolvedRelation b");
    CHECK_EQ_STR(st_plan("SELECT * FROM a JOIN b ON a.k = b.k LEFT JOIN c USING (k)"),
                 "Project [*] | Join LeftOuter USING (k) | Join Inner, ==(a.k, b.k) | "
                 "UnresolvedRelation a | UnresolvedRelation b | UnresolvedRelation c");
    CHECK_EQ_STR(st_plan("SELECT * FROM a RIGHT OUTER JOIN b FULL JOIN c CROSS JOIN d"),
                 "Project [*] | Join Cross | Join FullOuter | Join RightOuter | "
                 "UnresolvedRelation a | UnresolvedRelation b | UnresolvedRelation c | "
                 "UnresolvedRelation d");
    CHECK_EQ_STR(st_plan("SELECT * FROM a LEFT SEMI JOIN b ON x ANTI JOIN c ON y"),
                 "Project [*] | Join LeftAnti, y | Join LeftSemi, x | UnresolvedRelation a | "
                 "UnresolvedRelation b | UnresolvedRelation c");
    CHECK_EQ_STR(st_plan("SELECT * FROM t1 AS x INNER JOIN t2 y ON x.a = y.a"),
                 "Project [*] | Join Inner, ==(x.a, y.a) | SubqueryAlias x | "
                 "UnresolvedRelation t1 | SubqueryAlias y | UnresolvedRelation t2");
}

EM_TEST(query_relations)
{
    /* visitAliasedQuery: an unaliased subquery gets a generated name. */
    CHECK_EQ_STR(st_plan("SELECT * FROM (SELECT 1)"),
                 "Project [*] | SubqueryAlias __auto_generated_subquery_name | Project [1:int] | "
                 "OneRowRelation");
    /* mayApplyAliasPlan: column aliases under the alias. */
    CHECK_EQ_STR(st_plan("SELECT * FROM (SELECT 1, 2) AS s(x, y)"),
                 "Project [*] | SubqueryAlias s | ToDF [x, y] | Project [1:int, 2:int] | "
                 "OneRowRelation");
    CHECK_EQ_STR(st_plan("SELECT * FROM (a JOIN b) j"),
                 "Project [*] | SubqueryAlias j | Join Inner | UnresolvedRelation a | "
                 "UnresolvedRelation b");
    /* visitInlineTable: col1.. names unless aliased; a row constructor gives the columns. */
    CHECK_EQ_STR(st_plan("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)"),
                 "Project [*] | SubqueryAlias t | InlineTable [x, y] [1:int, 'a':string], "
                 "[2:int, 'b':string]");
    CHECK_EQ_STR(st_plan("VALUES 1, 2"), "InlineTable [col1] [1:int], [2:int]");
    CHECK_EQ_STR(st_plan("SELECT * FROM VALUES (1)"), "Project [*] | InlineTable [col1] [1:int]");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM VALUES (1, 2), (3) AS t(a, b)"),
                 "INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH|expectedNumCols=2|actualNumCols=1|"
                 "rowIndex=1");
    /* range() table-valued function. */
    CHECK_EQ_STR(st_plan("SELECT * FROM range(10)"), "Project [*] | Range (0, 10, 1)");
    CHECK_EQ_STR(st_plan("SELECT id FROM RANGE(-5, 5, 2, 3) r"),
                 "Project [id] | SubqueryAlias r | Range (-5, 5, 2, 3)");
    CHECK_EQ_STR(st_plan("SELECT * FROM range(3) AS t(x)"),
                 "Project [*] | SubqueryAlias t | ToDF [x] | Range (0, 3, 1)");
    /* Keywords that continue the query are not table aliases. */
    CHECK_EQ_STR(st_plan("SELECT * FROM t WHERE x"),
                 "Project [*] | Filter x | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT * FROM t AS where"),
                 "Project [*] | SubqueryAlias where | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT * FROM t timestamp"),
                 "Project [*] | SubqueryAlias timestamp | UnresolvedRelation t");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t TIMESTAMP AS OF '2020-01-01'"),
                 "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED|feature=time travel");
}

EM_TEST(query_ctes_windows_hints)
{
    /* CTEs are inlined at each reference under a SubqueryAlias of their name. */
    CHECK_EQ_STR(st_plan("WITH t AS (SELECT 1 AS a) SELECT * FROM t JOIN t AS u"),
                 "Project [*] | Join Inner | SubqueryAlias t | Project [1:int AS a] | "
                 "OneRowRelation | SubqueryAlias u | SubqueryAlias t | Project [1:int AS a] | "
                 "OneRowRelation");
    CHECK_EQ_STR(st_plan("WITH t(x) AS (SELECT 1), u AS (SELECT x FROM t) SELECT * FROM u"),
                 "Project [*] | SubqueryAlias u | Project [x] | SubqueryAlias t | ToDF [x] | "
                 "Project [1:int] | OneRowRelation");
    /* A CTE is not in scope in its own definition: t there is the table. */
    CHECK_EQ_STR(st_plan("WITH t AS (SELECT * FROM t) SELECT * FROM t"),
                 "Project [*] | SubqueryAlias t | Project [*] | UnresolvedRelation t");
    /* cte.sql.out: DUPLICATED_CTE_NAMES */
    CHECK_EQ_STR(st_stmt_err("WITH t(x) AS (SELECT 1), t(x) AS (SELECT 2) SELECT * FROM t"),
                 "DUPLICATED_CTE_NAMES|duplicateNames=`t`");
    /* WINDOW clause definitions are substituted into OVER name. */
    CHECK_EQ_STR(st_plan("SELECT rank() OVER w FROM t WINDOW w AS (ORDER BY a)"),
                 "Project [rank() OVER (ORDER BY a ASC NULLS FIRST)] | UnresolvedRelation t");
    CHECK_EQ_STR(st_stmt_err("SELECT rank() OVER w FROM t"),
                 "MISSING_WINDOW_SPECIFICATION|windowName=w|docroot=https://spark.apache.org/"
                 "docs/latest");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 FROM t WINDOW w AS (), w AS ()"),
                 "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION|windowName=`w`");
    /* Hints wrap the query specification (UnresolvedHint). */
    CHECK_EQ_STR(st_plan("SELECT /*+ BROADCAST(t), REPARTITION(3) */ * FROM t"),
                 "Hint BROADCAST [t] | Hint REPARTITION [3:int] | Project [*] | "
                 "UnresolvedRelation t");
}

/*
 * The commands Ember runs parse into PL_COMMAND (forms from Spark's SqlBaseParser.g4
 * createTempViewUsing/createView, dropView, setConfiguration/resetConfiguration rules).
 */
EM_TEST(query_commands)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_node *n = NULL;
    const char *q = "CREATE OR REPLACE TEMPORARY VIEW tv(a COMMENT 'x', b) AS SELECT 1, 2";
    CHECK_EQ_INT(sql_parse_statement(q, &a, &n, &err), 0);
    if (n) {
        CHECK_EQ_INT(n->kind, PL_COMMAND);
        CHECK_EQ_INT(n->u.cmd.kind, PL_CMD_CREATE_TEMP_VIEW);
        CHECK(n->u.cmd.replace && !n->u.cmd.global);
        CHECK_EQ_INT(n->u.cmd.n_cols, 2);
        CHECK_EQ_STR(n->u.cmd.parts[0], "tv");
        CHECK_EQ_STR(q + n->u.cmd.query_start, "SELECT 1, 2");
    }
    em_error_clear(&err);
    CHECK_EQ_INT(sql_parse_statement("DROP VIEW IF EXISTS global_temp.g", &a, &n, &err), 0);
    if (n) {
        CHECK_EQ_INT(n->u.cmd.kind, PL_CMD_DROP_VIEW);
        CHECK(n->u.cmd.if_exists);
        CHECK_EQ_INT(n->u.cmd.n_parts, 2);
    }
    em_error_clear(&err);
    CHECK_EQ_INT(sql_parse_statement("SET spark.sql.ansi.enabled = false ;", &a, &n, &err), 0);
    if (n) {
        CHECK_EQ_INT(n->u.cmd.kind, PL_CMD_SET);
        CHECK_EQ_STR(n->u.cmd.key, "spark.sql.ansi.enabled");
        CHECK_EQ_STR(n->u.cmd.value, "false");
    }
    em_error_clear(&err);
    CHECK_EQ_INT(sql_parse_statement("SET", &a, &n, &err), 0);
    if (n)
        CHECK(n->u.cmd.key == NULL && n->u.cmd.value == NULL);
    em_error_clear(&err);
    CHECK_EQ_INT(sql_parse_statement("RESET spark.sql.ansi.enabled", &a, &n, &err), 0);
    if (n)
        CHECK_EQ_INT(n->u.cmd.kind, PL_CMD_RESET);
    em_arena_release(&a);
}

/* Other statements are named in UNSUPPORTED_FEATURE.NOT_IMPLEMENTED for now. */
EM_TEST(query_unsupported_statements)
{
    /* Catalog statements parse into commands (executed by connect/, tested in tests/catalog). */
    CHECK_EQ_STR(st_stmt_err("CREATE TABLE t (a INT) USING parquet"), "OK");
    CHECK_EQ_STR(st_stmt_err("create or replace view v as select 1"), "OK");
    CHECK_EQ_STR(st_stmt_err("INSERT INTO t VALUES (1)"), "OK");
    /* SET TIME ZONE, EXPLAIN, LATERAL VIEW and generator table functions parse (below). */
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE 'UTC'"), "OK");
    CHECK_EQ_STR(st_stmt_err("SHOW TABLES"), "OK");
    CHECK_EQ_STR(st_stmt_err("DESCRIBE t"), "OK");
    CHECK_EQ_STR(st_stmt_err("EXPLAIN SELECT 1"), "OK");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t LATERAL VIEW explode(a) x"), "OK");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM explode(array(1))"), "OK");
    CHECK_EQ_STR(st_stmt_err("EXPLAIN CREATE VIEW v AS SELECT 1"),
                 "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED|feature=EXPLAIN of a statement other than a "
                 "query");
    /* Subquery expressions parse (PX_SCALAR_SUBQUERY / PX_EXISTS / PX_IN_SUBQUERY). */
    CHECK_EQ_STR(st_stmt_err("SELECT (SELECT 1)"), "OK");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 WHERE EXISTS (SELECT 1) AND 1 NOT IN (SELECT 2)"), "OK");
}

/* LATERAL VIEW (AstBuilder.withGenerate: Generate over the FROM relations, in order) and
   generator table functions (Generate over OneRowRelation). */
EM_TEST(query_lateral_view)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_node *n;
    CHECK_EQ_STR(st_plan("SELECT * FROM t LATERAL VIEW OUTER explode(a) x AS c "
                         "LATERAL VIEW posexplode(b) y p, v WHERE c > 0"),
                 "Project [*] | Filter >(c, 0:int) | Generate | Generate | UnresolvedRelation t");
    CHECK_EQ_INT(sql_parse_statement("SELECT * FROM t, u LATERAL VIEW OUTER explode(a) x AS c "
                                     "LATERAL VIEW posexplode(b) y p, v",
                                     &a, &n, &err),
                 0);
    const pl_node *g2 = n->children[0], *g1 = g2->children[0];
    CHECK_EQ_INT(g2->kind, PL_GENERATE);
    CHECK_EQ_STR(g2->exprs[0]->name, "posexplode");
    CHECK(!g2->u.generate.outer && !g2->u.generate.tvf);
    CHECK_EQ_STR(g2->u.generate.alias, "y");
    CHECK_EQ_INT(g2->u.generate.n_cols, 2);
    CHECK_EQ_STR(g2->u.generate.cols[1], "v");
    CHECK_EQ_INT(g1->kind, PL_GENERATE);
    CHECK(g1->u.generate.outer);
    CHECK_EQ_STR(g1->u.generate.alias, "x");
    CHECK_EQ_INT(g1->u.generate.n_cols, 1);
    CHECK_EQ_INT(g1->children[0]->kind, PL_JOIN); /* lateral views follow all FROM relations */
    /* `explode(x) AS c`: AS is a non-reserved identifier, so it is the table name (Spark's
       lateralView rule; pipe-operators.sql selects `ly` from `... explode(...) as ly`). */
    CHECK_EQ_INT(sql_parse_statement("SELECT c FROM t LATERAL VIEW explode(a) AS c", &a, &n, &err),
                 0);
    CHECK_EQ_INT(n->children[0]->u.generate.n_cols, 1);
    CHECK_EQ_STR(n->children[0]->u.generate.cols[0], "c");
    /* Generator table functions: Generate over OneRowRelation; column aliases go to the node
       (NUM_TABLE_VALUE_ALIASES_MISMATCH is checked against the generator's output). */
    CHECK_EQ_STR(st_plan("SELECT * FROM explode(array(1)) t(c)"),
                 "Project [*] | SubqueryAlias t | Generate | OneRowRelation");
    CHECK_EQ_INT(sql_parse_statement("SELECT * FROM stack(1, 2) t(c)", &a, &n, &err), 0);
    const pl_node *g = n->children[0]->children[0];
    CHECK(g->u.generate.tvf);
    CHECK_EQ_INT(g->u.generate.n_cols, 1);
    CHECK_EQ_INT(g->exprs[0]->n_args, 2);
    /* table-valued-functions.sql: an unknown name is UNRESOLVABLE_TABLE_VALUED_FUNCTION. */
    CHECK_EQ_STR(st_stmt_err("select * from dummy(3)"),
                 "UNRESOLVABLE_TABLE_VALUED_FUNCTION|name=`dummy`");
    em_arena_release(&a);
}

/* SET TIME ZONE (SparkSqlParser.visitSetTimeZone; expectations from timezone.sql.out). */
EM_TEST(query_set_time_zone)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_node *n;
    static const struct {
        const char *sql, *value;
    } ok[] = {
        {"SET TIME ZONE 'Asia/Hong_Kong'", "Asia/Hong_Kong"},
        {"SET TIME ZONE 'GMT+1'", "GMT+1"},
        {"SET TIME ZONE INTERVAL 10 HOURS", "+10:00"},
        {"SET TIME ZONE INTERVAL '15:40:32' HOUR TO SECOND", "+15:40:32"},
        {"set time zone interval -2 hours;", "-02:00"},
    };
    for (size_t idx = 0; idx < sizeof ok / sizeof ok[0]; idx++) {
        CHECK_EQ_INT(sql_parse_statement(ok[idx].sql, &a, &n, &err), 0);
        CHECK_EQ_INT(n->u.cmd.kind, PL_CMD_SET);
        CHECK_EQ_STR(n->u.cmd.key, "spark.sql.session.timeZone");
        CHECK_EQ_STR(n->u.cmd.value, ok[idx].value);
    }
    CHECK_EQ_INT(sql_parse_statement("SET TIME ZONE LOCAL", &a, &n, &err), 0);
    CHECK(n->u.cmd.local_zone);
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE"), "_LEGACY_ERROR_TEMP_0045");
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE INTERVAL 10 HOURS 'GMT+1'"), "_LEGACY_ERROR_TEMP_0045");
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE INTERVAL 3 DAYS"),
                 "INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE|input=3");
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE INTERVAL 24 HOURS"),
                 "INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE|input=24");
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE INTERVAL '19:40:32' HOUR TO SECOND"),
                 "INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE|input=19");
    CHECK_EQ_STR(st_stmt_err("SET TIME ZONE INTERVAL 10 HOURS 1 MILLISECOND"),
                 "INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE|input=36000");
    em_arena_release(&a);
}

/* EXPLAIN [mode] query (SparkSqlParser.visitExplain): a command over the query. */
EM_TEST(query_explain)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_node *n;
    static const struct {
        const char *sql;
        int mode;
    } cases[] = {
        {"EXPLAIN SELECT 1", PL_EXPLAIN_SIMPLE},
        {"EXPLAIN EXTENDED SELECT sum(distinct val) FROM t", PL_EXPLAIN_EXTENDED},
        {"explain formatted with c as (select 1) select * from c", PL_EXPLAIN_FORMATTED},
        {"EXPLAIN CODEGEN (SELECT 1)", PL_EXPLAIN_CODEGEN},
        {"EXPLAIN COST FROM t SELECT a", PL_EXPLAIN_COST},
    };
    for (size_t idx = 0; idx < sizeof cases / sizeof cases[0]; idx++) {
        CHECK_EQ_INT(sql_parse_statement(cases[idx].sql, &a, &n, &err), 0);
        CHECK_EQ_INT(n->kind, PL_COMMAND);
        CHECK_EQ_INT(n->u.cmd.kind, PL_CMD_EXPLAIN);
        CHECK_EQ_INT(n->u.cmd.sub, cases[idx].mode);
        CHECK_EQ_INT(n->n_children, 1);
    }
    em_arena_release(&a);
}

/* Query contexts and spans in plans. */
EM_TEST(query_spans)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_node *n;
    const char *text = "SELECT a + 1 AS b FROM t WHERE c";
    CHECK_EQ_INT(sql_parse_statement(text, &a, &n, &err), 0);
    CHECK_EQ_INT(n->kind, PL_PROJECT);
    CHECK_EQ_INT(n->exprs[0]->src_start, 7);
    CHECK_EQ_INT(n->exprs[0]->src_stop, 16);
    CHECK_EQ_INT(n->exprs[0]->args[0]->src_stop, 11);
    CHECK_EQ_INT(n->children[0]->kind, PL_FILTER);
    CHECK_EQ_INT(n->children[0]->u.filter.cond->src_start, 31);
    em_arena_release(&a);
}

/* Every expression the parser builds carries its span (sql.h contract). */
static int st_missing_spans_expr(const pl_expr *e)
{
    if (!e)
        return 0;
    int missing = (e->src_start < 0 || e->src_stop < e->src_start) ? 1 : 0;
    for (int idx = 0; idx < e->n_args; idx++)
        missing += st_missing_spans_expr(e->args[idx]);
    if (e->window) {
        for (int idx = 0; idx < e->window->n_partition; idx++)
            missing += st_missing_spans_expr(e->window->partition[idx]);
        for (int idx = 0; idx < e->window->n_order; idx++)
            missing += st_missing_spans_expr(e->window->order[idx]);
        missing += st_missing_spans_expr(e->window->lower.value);
        missing += st_missing_spans_expr(e->window->upper.value);
    }
    return missing;
}

static int st_missing_spans(const pl_node *n)
{
    int missing = 0;
    for (int idx = 0; idx < n->n_exprs; idx++)
        missing += st_missing_spans_expr(n->exprs[idx]);
    for (int idx = 0; idx < n->n_groups; idx++)
        missing += st_missing_spans_expr(n->groups[idx]);
    if (n->kind == PL_FILTER)
        missing += st_missing_spans_expr(n->u.filter.cond);
    if (n->kind == PL_JOIN)
        missing += st_missing_spans_expr(n->u.join.cond);
    if (n->kind == PL_INLINE_TABLE)
        for (int idx = 0; idx < n->u.inline_table.n_rows * n->u.inline_table.n_cols; idx++)
            missing += st_missing_spans_expr(n->u.inline_table.values[idx]);
    for (int idx = 0; idx < n->n_children; idx++)
        missing += st_missing_spans(n->children[idx]);
    return missing;
}

EM_TEST(query_all_exprs_have_spans)
{
    static const char *const texts[] = {
        "SELECT a, -b, count(*) AS n, first(c) IGNORE NULLS, x COLLATE UTF8_LCASE, "
        "CASE d WHEN 1 THEN 'x' END, e IS NOT TRUE, f NOT BETWEEN 1 AND 2, g LIKE 'a' ESCAPE '/', "
        "h[1].k, cast(i AS int), j::string, INTERVAL '1-2' YEAR TO MONTH, DATE '2020-01-01', "
        "transform(l, x -> x + 1), sum(m) OVER (PARTITION BY n ORDER BY o ROWS BETWEEN 2 "
        "PRECEDING AND 1 FOLLOWING), trim(LEADING 'x' FROM p), extract(YEAR FROM q), "
        "timestampadd(DAY, 1, r), (s, t), struct(u AS v) "
        "FROM w JOIN VALUES (1, 'a') AS z(k, v) ON w.k = z.k "
        "WHERE a IN (1, 2) GROUP BY 1, a HAVING count(*) > 1 ORDER BY 2 DESC LIMIT 10 OFFSET 1",
    };
    for (size_t idx = 0; idx < sizeof texts / sizeof texts[0]; idx++) {
        em_arena a;
        em_arena_init(&a, 0);
        em_error err;
        em_error_clear(&err);
        pl_node *n;
        CHECK_EQ_INT(sql_parse_statement(texts[idx], &a, &n, &err), 0);
        if (n)
            CHECK_EQ_INT(st_missing_spans(n), 0);
        em_arena_release(&a);
    }
}

/* Grouping analytics mixed with expressions (Spark's GroupingAnalytics: the cross product of
   each element's sets, left to right; ROLLUP over tuples = the tuples' prefixes; CUBE in
   cubeExprs order), `* EXCEPT`, UNPIVOT, LIKE ANY / ALL and LATERAL (sql_lateral.c). */
EM_TEST(query_operator_gaps)
{
    CHECK_EQ_STR(st_plan("SELECT 1 FROM t GROUP BY a, ROLLUP(b, c)"),
                 "Aggregate [a, b, c] GROUPING SETS ((a, b, c), (a, b), (a)) [1:int] | "
                 "UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT 1 FROM t GROUP BY ROLLUP((a, b), c)"),
                 "Aggregate [a, b, c] GROUPING SETS ((a, b, c), (a, b), ()) [1:int] | "
                 "UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT 1 FROM t GROUP BY CUBE(a, b), c"),
                 "Aggregate [a, b, c] GROUPING SETS ((a, b, c), (a, c), (b, c), (c)) [1:int] | "
                 "UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("SELECT 1 FROM t GROUP BY GROUPING SETS (ROLLUP(a), (b))"),
                 "Aggregate [a, b] GROUPING SETS ((a), (), (b)) [1:int] | UnresolvedRelation t");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 FROM t GROUP BY ROLLUP(a, ())"),
                 "_LEGACY_ERROR_TEMP_0051|element=ROLLUP");
    CHECK_EQ_STR(st_plan("SELECT * EXCEPT (a, s.f) FROM t"),
                 "Project [* EXCEPT (a, s.f)] | UnresolvedRelation t");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t UNPIVOT (v FOR n IN (a, b AS x))"), "OK");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t UNPIVOT ((v, w) FOR n IN ((a, b), (c)))"),
                 "UNPIVOT_VALUE_SIZE_MISMATCH|names=2");
    CHECK_EQ_STR(st_expr("a LIKE ANY ('x%', b)"), "or(like(a, 'x%':string), like(a, b))");
    CHECK_EQ_STR(st_expr("a NOT LIKE ALL ('x%', 'y')"),
                 "and(not(like(a, 'x%':string)), not(like(a, 'y':string)))");
    CHECK_EQ_STR(st_stmt_err("SELECT a LIKE SOME () FROM t"),
                 "_LEGACY_ERROR_TEMP_0064|msg=Expected something between '(' and ')'.");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t, LATERAL (SELECT c1)"), "OK");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t JOIN LATERAL (SELECT c1) USING (c1)"),
                 "UNSUPPORTED_FEATURE.LATERAL_JOIN_USING");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t NATURAL JOIN LATERAL (SELECT c1)"),
                 "INCOMPATIBLE_JOIN_TYPES|joinType1=LATERAL|joinType2=NATURAL");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t RIGHT JOIN LATERAL (SELECT c1) ON true"),
                 "INVALID_LATERAL_JOIN_TYPE|joinType=\"RIGHT OUTER\"");
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM t, LATERAL u"),
                 "INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC");
    CHECK_EQ_STR(st_plan("SELECT * FROM t, LATERAL explode(t.a) g(x)"),
                 st_plan("SELECT * FROM t LATERAL VIEW explode(t.a) g AS x"));
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
