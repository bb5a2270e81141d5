/*
 * test_pipe: the analyzer's side of SQL pipe syntax (an_pipe.c) on plans built by hand, as
 * sql/sql_pipe.c marks them (pl_node.pipe_clause). Expected schemas and errors are Spark's,
 * from sql-tests/results/pipe-operators.sql.out (query numbers cited).
 */
#include "an_test_util.h"
#include "em_test.h"

#include <string.h>

static pl_node *tp_pipe(at_ctx *t, pl_kind kind, pl_node *child, const char *clause, int n,
                        pl_expr **exprs)
{
    pl_node *p = at_unary(t, kind, child);
    p->pipe_clause = clause;
    p->n_exprs = n;
    p->exprs = exprs;
    if (kind == PL_AGGREGATE)
        p->u.agg.group_type = PL_GROUP_BY;
    return p;
}

EM_TEST(pipe_drop_and_set)
{
    at_ctx t;
    at_init(&t);
    /* #96: select 1 as x, 2 as y, 3 as z |> drop z, y -> struct<x:int>. */
    pl_node *src = at_local(&t, "x int, y int, z int");
    pl_expr *d[] = {at_col(&t, "z"), at_col(&t, "y")};
    pl_node *r = at_resolve(&t, tp_pipe(&t, PL_PROJECT, src, "DROP", 2, d));
    CHECK(r != NULL);
    if (r)
        CHECK_EQ_STR(at_schema(&t, r), "x:int");
    /* #103: drop z, y, z -> EXCEPT_OVERLAPPING_COLUMNS (columns "z, y, z"). */
    pl_expr *d2[] = {at_col(&t, "z"), at_col(&t, "y"), at_col(&t, "z")};
    CHECK(at_resolve(&t, tp_pipe(&t, PL_PROJECT, src, "DROP", 3, d2)) == NULL);
    CHECK_EQ_STR(at_error_class(&t), "EXCEPT_OVERLAPPING_COLUMNS");
    CHECK_EQ_STR(at_param(&t, "columns"), "z, y, z");
    /* #100: drop of a missing column is UNRESOLVED_COLUMN. */
    pl_expr *d3[] = {at_col(&t, "w")};
    CHECK(at_resolve(&t, tp_pipe(&t, PL_PROJECT, src, "DROP", 1, d3)) == NULL);
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    /* #80: table t |> set y = x -> struct<x:int,y:int> (replaced in place). */
    pl_node *t2 = at_local(&t, "x int, y string");
    pl_expr *s1[] = {at_alias(&t, at_col(&t, "x"), "y")};
    r = at_resolve(&t, tp_pipe(&t, PL_PROJECT, t2, "SET", 1, s1));
    CHECK(r != NULL);
    if (r)
        CHECK_EQ_STR(at_schema(&t, r), "x:int, y:int");
    /* #92: set z = 1 where t has no z. */
    pl_expr *s2[] = {at_alias(&t, at_int(&t, 1), "z")};
    CHECK(at_resolve(&t, tp_pipe(&t, PL_PROJECT, t2, "SET", 1, s2)) == NULL);
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    at_release(&t);
}

EM_TEST(pipe_aggregate_checks)
{
    at_ctx t;
    at_init(&t);
    pl_node *src = at_local(&t, "x int, y string");
    /* #59: table t |> select sum(x) as result. */
    pl_expr *sel[] = {at_alias(&t, at_fn(&t, "sum", at_col(&t, "x"), NULL), "result")};
    CHECK(at_resolve(&t, tp_pipe(&t, PL_PROJECT, src, "SELECT", 1, sel)) == NULL);
    CHECK_EQ_STR(at_error_class(&t), "PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION");
    CHECK_EQ_STR(at_param(&t, "clause"), "SELECT");
    CHECK_EQ_STR(at_param(&t, "expr"), "sum(x#x)");
    /* #251: table other |> aggregate a. */
    pl_expr *agg[] = {at_col(&t, "x")};
    CHECK(at_resolve(&t, tp_pipe(&t, PL_AGGREGATE, src, "AGGREGATE", 1, agg)) == NULL);
    CHECK_EQ_STR(at_error_class(&t),
                 "PIPE_OPERATOR_AGGREGATE_EXPRESSION_CONTAINS_NO_AGGREGATE_FUNCTION");
    CHECK_EQ_STR(at_param(&t, "expr"), "x#x");
    /* #234: table t |> aggregate sum(x) -> struct<sum(x):bigint>. */
    pl_expr *ok[] = {at_fn(&t, "sum", at_col(&t, "x"), NULL)};
    pl_node *r = at_resolve(&t, tp_pipe(&t, PL_AGGREGATE, src, "AGGREGATE", 1, ok));
    CHECK(r != NULL);
    if (r)
        CHECK_EQ_STR(at_schema(&t, r), "sum(x):bigint");
    at_release(&t);
}

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
