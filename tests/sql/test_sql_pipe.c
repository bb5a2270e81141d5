/*
 * test_sql_pipe: SQL pipe syntax (|>), TABLESAMPLE, PIVOT and the result clauses DISTRIBUTE BY
 * / CLUSTER BY, parsed into unresolved plans (sql_dump_plan, parent first, joined with " | ").
 * Shapes follow Spark's AstBuilder.visitOperatorPipeRightSide (Project for SELECT / EXTEND /
 * SET / DROP, SubqueryAlias for AS, Filter for WHERE, Aggregate for AGGREGATE), withSample and
 * withQueryResultClauses; error classes and parameters are those of Spark's golden file
 * sql-tests/results/pipe-operators.sql.out (query numbers cited).
 */
#include "sql_test_util.h"

EM_TEST(pipe_basic_operators)
{
    /* pipe-operators.sql#38: table t |> select 1 as x. */
    CHECK_EQ_STR(st_plan("table t |> select 1 as x"),
                 "Project [1:int AS x] | UnresolvedRelation t");
    /* Chained operators apply left to right (#30). */
    CHECK_EQ_STR(st_plan("from t |> where y = 'a' |> select x"),
                 "Project [x] | Filter ==(y, 'a':string) | UnresolvedRelation t");
    /* EXTEND is Project(*, list) (#64). */
    CHECK_EQ_STR(st_plan("table t |> extend 1 as z"),
                 "Project [*, 1:int AS z] | UnresolvedRelation t");
    /* AS is a SubqueryAlias (#104). */
    CHECK_EQ_STR(st_plan("table t |> as u |> select u.x"),
                 "Project [u.x] | SubqueryAlias u | UnresolvedRelation t");
    /* A set operation pipes the whole union (queryTerm's lowest-precedence alternative, #192). */
    CHECK_EQ_STR(st_plan("table a union all table b |> where x = 0"),
                 "Filter ==(x, 0:int) | Union ALL | UnresolvedRelation a | UnresolvedRelation b");
    CHECK_EQ_STR(st_plan("table t |> except all table u"),
                 "Except ALL | UnresolvedRelation t | UnresolvedRelation u");
    /* Joins (#158) and the result clauses (#206, #207). */
    CHECK_EQ_STR(st_plan("table a |> left outer join b on a.x = b.x"),
                 "Join LeftOuter, ==(a.x, b.x) | UnresolvedRelation a | UnresolvedRelation b");
    CHECK_EQ_STR(st_plan("table t |> order by x |> limit 1"),
                 "Limit 1:int | Sort [x ASC NULLS FIRST] | UnresolvedRelation t");
    CHECK_EQ_STR(st_plan("table t |> limit 2 offset 1"),
                 "Limit 2:int | Offset 1:int | UnresolvedRelation t");
}

EM_TEST(pipe_aggregate)
{
    /* #219: the grouping keys come first in the output; groups refer to them by position. */
    CHECK_EQ_STR(st_plan("table other |> aggregate sum(b) as result group by a"),
                 "Aggregate [ordinal(1:int)] [a, sum(b) AS result] | UnresolvedRelation other");
    /* #234: no GROUP BY is a global aggregate. */
    CHECK_EQ_STR(st_plan("table t |> aggregate sum(x)"),
                 "Aggregate [] [sum(x)] | UnresolvedRelation t");
    /* #221: grouping expressions may be aliased. */
    CHECK_EQ_STR(st_plan("table o |> aggregate sum(b) group by a + 1 as k"),
                 "Aggregate [ordinal(1:int)] [+(a, 1:int) AS k, sum(b)] | UnresolvedRelation o");
}

EM_TEST(pipe_errors)
{
    /* #37, #63, #255: syntax errors name the offending token. */
    CHECK_EQ_STR(st_stmt_err("from t\n|> from t"), "PARSE_SYNTAX_ERROR|error='from'|hint=");
    CHECK_EQ_STR(st_stmt_err("from t as t_alias\n|> select y, sum(x) group by y"),
                 "PARSE_SYNTAX_ERROR|error='group'|hint=");
    CHECK_EQ_STR(st_stmt_err("table other\n|> group by a"),
                 "PARSE_SYNTAX_ERROR|error='group'|hint=");
    CHECK_EQ_STR(st_stmt_err("table t\n|> as u, v"), "PARSE_SYNTAX_ERROR|error=','|hint=");
    /* #111: errorCapturingIdentifier. */
    CHECK_EQ_STR(st_stmt_err("table t\n|> as u-v"), "INVALID_IDENTIFIER|ident=u-v");
    /* #94, #253: AstBuilder's operationNotAllowed. */
    CHECK_EQ_STR(st_stmt_err("select col from st\n|> set col.i1 = 42"),
                 "_LEGACY_ERROR_TEMP_0035|message=SQL pipe syntax |> SET operator with "
                 "multi-part assignment key (only single-part keys are allowed)");
    CHECK_EQ_STR(st_stmt_err("table other\n|> aggregate"),
                 "_LEGACY_ERROR_TEMP_0035|message=The AGGREGATE clause requires a list of "
                 "aggregate expressions or a list of grouping expressions, or both");
    /* #244, #245, #248, #256: unsupported AGGREGATE cases. */
    CHECK_EQ_STR(st_stmt_err("select 3 as x, 4 as y\n|> aggregate group by all"),
                 "UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE|case=GROUP BY ALL");
    CHECK_EQ_STR(st_stmt_err("table c |> aggregate sum(e) group by rollup(a, b)"),
                 "UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE|case=GROUP BY "
                 "ROLLUP");
    CHECK_EQ_STR(st_stmt_err("table c |> aggregate sum(e), grouping(a) + 1 group by a"),
                 "UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE|case=GROUPING");
    CHECK_EQ_STR(st_stmt_err("table o |> aggregate sum(a) over () group by b"),
                 "UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE|case=window "
                 "functions; please update the query to move the window functions to a "
                 "subsequent |> SELECT operator instead");
    /* #217: one result clause per pipe operator; #127: no WINDOW after |> WHERE. */
    CHECK_EQ_STR(st_stmt_err("table t\n|> order by x limit 1"),
                 "MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS|clause1=ORDER BY|clause2="
                 "LIMIT");
    CHECK_EQ_STR(st_stmt_err("table t\n|> where sum(x) over w = 1\n   window w as (partition by "
                             "y)"),
                 "NOT_ALLOWED_IN_PIPE_OPERATOR_WHERE.WINDOW_CLAUSE");
    /* #78: EXTEND * */
    CHECK_EQ_STR(st_stmt_err("table t\n|> extend *"),
                 "INVALID_USAGE_OF_STAR_OR_REGEX|elem='*'|prettyName=expression `pipeexpression`");
}

EM_TEST(sample_and_result_clauses)
{
    /* withSample: PERCENT / BUCKET become Sample(0, fraction); ROWS a Limit. */
    CHECK_EQ_STR(st_plan("select * from t tablesample (2 rows)"),
                 "Project [*] | Limit 2:int | UnresolvedRelation t");
    /* pipe-operators.sql#152, #155: the fraction must be in [0, 1]. */
    CHECK_EQ_STR(st_stmt_err("table t\n|> tablesample (-100 percent) repeatable (0)"),
                 "_LEGACY_ERROR_TEMP_0064|msg=Sampling fraction (-1.0) must be on interval [0, 1]");
    CHECK_EQ_STR(st_stmt_err("table t\n|> tablesample (bucket 2 out of 1)"),
                 "_LEGACY_ERROR_TEMP_0064|msg=Sampling fraction (2.0) must be on interval [0, 1]");
    /* #151, #156, #157 */
    CHECK_EQ_STR(st_stmt_err("table t\n|> tablesample ()"), "_LEGACY_ERROR_TEMP_0014");
    CHECK_EQ_STR(st_stmt_err("table t\n|> tablesample (200b) repeatable (0)"),
                 "_LEGACY_ERROR_TEMP_0015|msg=byteLengthLiteral");
    CHECK_EQ_STR(st_stmt_err("table t\n|> tablesample (200) repeatable (0)"),
                 "_LEGACY_ERROR_TEMP_0016|bytesStr=200");
    /* #218: ORDER BY with SORT BY. */
    CHECK_EQ_STR(st_stmt_err("table t\n|> order by x sort by x"),
                 "UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES");
    /* #143: PIVOT and UNPIVOT together. */
    CHECK_EQ_STR(st_stmt_err("table c |> pivot (sum(e) for y in (1, 2)) unpivot (v for y in "
                             "(a, b))"),
                 "NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT");
}

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
