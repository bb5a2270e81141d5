/*
 * Optimizer tests. Every query runs unoptimized (the analyzer's plan), fully optimized and
 * with each rule off in turn, and the rows must be the same (oh_compare): expected values are
 * the unoptimized plan's, which Spark's semantics define for these queries (the optimizer must
 * not change answers - Spark's Optimizer contract); shapes are checked against Spark's rules
 * (PushPredicateThroughJoin, ReorderJoin, ColumnPruning in sql/catalyst/.../optimizer).
 */
#include <stdio.h>
#include <string.h>

#include "em_test.h"
#include "functions/fn.h"
#include "opt_harness.h"

static oh_env E;

static void oh_setup(void)
{
    oh_init(&E);
    oh_view(&E, "t1",
            "SELECT * FROM VALUES (1, 'a', 10.0), (2, 'b', 20.0), (3, NULL, 30.0), "
            "(NULL, 'd', 40.0), (2, 'e', 25.0) AS t1(k, s, v)");
    oh_view(&E, "t2",
            "SELECT * FROM VALUES (1, 100), (2, 200), (2, 201), (4, 400), (NULL, 500) "
            "AS t2(k, x)");
    oh_view(&E, "t3",
            "SELECT * FROM VALUES (100, 'x'), (200, 'y'), (400, 'z'), (NULL, 'n') "
            "AS t3(x, name)");
    oh_view(&E, "big", "SELECT id AS k, id % 7 AS g, id % 13 AS h FROM range(0, 600)");
    oh_view(&E, "mid", "SELECT id AS k, id % 5 AS g FROM range(0, 150)");
    oh_view(&E, "dim", "SELECT id AS g, concat('g', cast(id AS string)) AS label FROM range(0, 7)");
}

static void oh_teardown(void)
{
    oh_release(&E);
}

#define CHECK_SAME(sql, ordered)                                                                   \
    do {                                                                                           \
        const char *oh_msg_ = oh_compare(&E, (sql), (ordered));                                    \
        if (oh_msg_) {                                                                             \
            fprintf(stderr, "query: %s\n%s\n", (sql), oh_msg_);                                    \
            CHECK(oh_msg_ == NULL);                                                                \
        }                                                                                          \
    } while (0)

static const char *const oh_queries[] = {
    /* comma joins and inner joins (PushPredicateThroughJoin, ReorderJoin) */
    "SELECT * FROM t1, t2, t3 WHERE t1.k = t2.k AND t2.x = t3.x AND t1.v > 5",
    "SELECT * FROM t1, t3, t2 WHERE t1.k = t2.k AND t2.x = t3.x",
    "SELECT t1.s, t3.name FROM t3, t1, t2 WHERE t2.x = t3.x AND t1.k = t2.k AND t1.s <> 'b'",
    "SELECT * FROM t1 JOIN t2 ON t1.k = t2.k AND t2.x > 150 AND t1.v < 30",
    "SELECT * FROM t1 CROSS JOIN t3 WHERE t1.k * 100 = t3.x",
    "SELECT * FROM t1, t2 WHERE t1.k = t2.k OR t2.x = 500",
    "SELECT * FROM t1 JOIN t2 USING (k) WHERE x > 150",
    "SELECT * FROM t1 NATURAL JOIN t2 WHERE v > 15",
    "SELECT * FROM t1 JOIN (SELECT * FROM t2 JOIN t3 ON t2.x = t3.x) j ON t1.k = j.k "
    "WHERE j.name <> 'z'",
    /* common factors of disjunctions, side predicates implied by disjunctions (TPC-H q19, q7) */
    "SELECT * FROM t1, t2 WHERE (t1.k = t2.k AND t2.x > 150) OR (t1.k = t2.k AND t1.v < 15)",
    "SELECT * FROM t1, t2 WHERE (t1.k = t2.k AND t2.x > 150) OR t1.k = t2.k",
    "SELECT * FROM t1, t3 WHERE (t1.s = 'a' AND t3.name = 'x') OR (t1.s = 'b' AND t3.name = 'y')",
    "SELECT * FROM t1 LEFT JOIN t3 ON (t1.s = 'a' AND t3.name = 'x') OR (t1.s = 'e' AND "
    "t3.name = 'y')",
    "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k AND ((t1.v > 15 AND t2.x > 150) OR t2.x < 150)",
    /* outer joins: only the preserved side's predicates move */
    "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k WHERE t2.x IS NULL",
    "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k WHERE t1.v > 15",
    "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k AND t2.x > 150 AND t1.v > 15",
    "SELECT * FROM t1 RIGHT JOIN t2 ON t1.k = t2.k AND t1.v > 15 AND t2.x < 300",
    "SELECT * FROM t1 RIGHT JOIN t2 ON t1.k = t2.k WHERE t2.x > 150 AND t1.s IS NULL",
    "SELECT * FROM t1 FULL JOIN t2 ON t1.k = t2.k AND t2.x > 150 WHERE t1.v > 15 OR t2.x > 0",
    "SELECT * FROM t1 LEFT SEMI JOIN t2 ON t1.k = t2.k AND t2.x > 150 AND t1.v > 15",
    "SELECT * FROM t1 LEFT ANTI JOIN t2 ON t1.k = t2.k AND t2.x > 150 AND t1.v > 15",
    "SELECT * FROM t1 WHERE k IN (SELECT k FROM t2 WHERE x > 150)",
    "SELECT * FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE x > 150)",
    "SELECT * FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k)",
    "SELECT * FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k AND t2.x > 150)",
    /* through projections, aggregates, unions, sorts, windows, generators, distinct */
    "SELECT * FROM (SELECT k, sum(x) AS s FROM t2 GROUP BY k) WHERE k > 1 AND s > 300",
    "SELECT * FROM (SELECT k + 1 AS kk, s FROM t1) WHERE kk > 2",
    "SELECT * FROM (SELECT k, count(*) AS c FROM t2 GROUP BY k HAVING c > 1) WHERE k IS NOT NULL",
    "SELECT * FROM (SELECT count(*) AS c FROM t2) WHERE c > 100",
    "SELECT * FROM (SELECT k FROM t1 UNION ALL SELECT k FROM t2) WHERE k > 1",
    "SELECT * FROM (SELECT k FROM t1 UNION SELECT k FROM t2) WHERE k > 1",
    "SELECT * FROM (SELECT k, x, row_number() OVER (PARTITION BY k ORDER BY x) AS rn FROM t2) "
    "WHERE k = 2",
    "SELECT * FROM (SELECT k, x, row_number() OVER (PARTITION BY k ORDER BY x) AS rn FROM t2) "
    "WHERE rn = 1",
    "SELECT * FROM (SELECT k, explode(array(1, 2)) AS e FROM t1) WHERE k > 1 AND e = 2",
    "SELECT * FROM (SELECT DISTINCT k FROM t2) WHERE k > 1",
    "SELECT * FROM (SELECT k, rand(42) AS r FROM t1) WHERE k > 1",
    "SELECT * FROM t1 JOIN t2 ON t1.k = t2.k WHERE rand(1) < 2",
    /* folding */
    "SELECT k FROM t1 WHERE 1 = 1 AND k > 1",
    "SELECT k FROM t1 WHERE false",
    "SELECT k FROM t1 WHERE k > 1 OR true",
    "SELECT 1 + 2 AS three, k, upper('x') AS u FROM t1",
    "SELECT k FROM t1 WHERE NOT NOT (k > 1)",
    "SELECT count(*) FROM t1 WHERE false",
    "SELECT k, count(*) FROM t1 WHERE 1 = 0 GROUP BY k",
    "SELECT * FROM t1 JOIN t2 ON false",
    "SELECT * FROM t1 LEFT JOIN t2 ON 1 = 0",
    "SELECT 1 / 0 FROM t1",
    "SELECT k FROM t1 WHERE k > 1 AND CAST('x' AS INT) = 1",
    /* pruning */
    "SELECT t1.s FROM t1 JOIN t2 ON t1.k = t2.k",
    "SELECT s FROM (SELECT k, sum(x) AS s, max(x) AS m FROM t2 GROUP BY k)",
    "SELECT count(*) FROM (SELECT k, sum(x) FROM t2 GROUP BY k)",
    "SELECT m FROM (SELECT max(x) AS m, min(x) AS n FROM t2)",
    "SELECT count(*) FROM t1, t2",
    "SELECT a.k FROM t1 a JOIN t1 b ON a.k = b.k JOIN t1 c ON b.s = c.s",
    /* subqueries */
    "SELECT k, (SELECT max(x) FROM t2 WHERE t2.k = t1.k) AS mx FROM t1",
    "SELECT * FROM t1 WHERE v > (SELECT avg(v) FROM t1 WHERE k > 1)",
    "SELECT * FROM t1 WHERE v > (SELECT avg(v) FROM t1, t2 WHERE t1.k = t2.k AND x > 100)",
    /* larger inputs (cardinality ordering) */
    "SELECT count(*), sum(a.h) FROM big a, mid b, dim c WHERE a.k = b.k AND b.g = c.g",
    "SELECT c.label, count(*) FROM dim c, big a, mid b WHERE a.g = c.g AND a.k = b.k "
    "AND b.g < 3 GROUP BY c.label",
    "SELECT a.g, count(*) FROM big a JOIN dim c ON a.g = c.g WHERE c.label <> 'g3' GROUP BY a.g",
};

EM_TEST(rows_unchanged_by_every_rule)
{
    oh_setup();
    for (size_t q = 0; q < sizeof oh_queries / sizeof oh_queries[0]; q++)
        CHECK_SAME(oh_queries[q], false);
    oh_teardown();
}

EM_TEST(rows_unchanged_in_cardinality_mode)
{
    /* Every chain ordered by estimates, even the small ones. */
    oh_setup();
    E.oenv.small_join_rows = 1;
    for (size_t q = 0; q < sizeof oh_queries / sizeof oh_queries[0]; q++)
        CHECK_SAME(oh_queries[q], false);
    oh_teardown();
}

EM_TEST(ordered_results_keep_their_order)
{
    oh_setup();
    CHECK_SAME("SELECT * FROM (SELECT * FROM t1 ORDER BY v DESC) WHERE k > 1", true);
    CHECK_SAME("SELECT t1.k, t2.x FROM t1, t2 WHERE t1.k = t2.k ORDER BY t2.x DESC", true);
    CHECK_SAME("SELECT * FROM (SELECT k + 1 AS a FROM t1) LIMIT 2", true);
    CHECK_SAME("SELECT * FROM (SELECT k FROM t1 UNION ALL SELECT k FROM t2) LIMIT 3", true);
    CHECK_SAME("SELECT * FROM (SELECT * FROM t1 LIMIT 4) LIMIT 2", true);
    CHECK_SAME("SELECT * FROM t1 LIMIT 0", true);
    /* Spark's ReorderJoin for small inputs keeps the written order where it is connected. */
    CHECK_SAME("SELECT * FROM t1, t2, t3 WHERE t1.k = t2.k AND t2.x = t3.x", true);
    oh_teardown();
}

EM_TEST(comma_joins_become_equi_joins)
{
    oh_setup();
    /* FROM t1, t3, t2: t1 x t3 has no condition; ReorderJoin joins t2 first. */
    pl_node *res = oh_resolve(&E, "SELECT * FROM t1, t3, t2 WHERE t1.k = t2.k AND t2.x = t3.x");
    CHECK(res != NULL);
    CHECK(oh_cross_joins(res) >= 1);
    pl_node *opt = oh_optimize(&E, res, 0);
    CHECK(opt != NULL);
    CHECK_EQ_INT(oh_cross_joins(opt), 0);
    CHECK_EQ_INT(oh_count(opt, PL_JOIN), 2);
    /* The same in cardinality mode. */
    E.oenv.small_join_rows = 1;
    opt = oh_optimize(&E, res, 0);
    CHECK_EQ_INT(oh_cross_joins(opt), 0);
    /* With join ordering off the conditions still reach the joins (one cross join stays). */
    opt = oh_optimize(&E, res, OPT_RULE_JOIN_ORDER);
    CHECK_EQ_INT(oh_cross_joins(opt), 1);
    oh_teardown();
}

EM_TEST(disjunctions_give_join_keys_and_side_filters)
{
    oh_setup();
    /* (k = k AND a) OR (k = k AND b) -> k = k AND (a OR b): an equi-join, no cross join
       (Spark's BooleanSimplification, common factor elimination). */
    pl_node *res = oh_resolve(&E, "SELECT * FROM t1, t2 WHERE (t1.k = t2.k AND t2.x > 150) OR "
                                  "(t1.k = t2.k AND t1.v < 15)");
    pl_node *opt = oh_optimize(&E, res, 0);
    CHECK_EQ_INT(oh_cross_joins(opt), 0);
    /* Each side filtered by what every branch says about it (PushExtraPredicateThroughJoin). */
    res = oh_resolve(&E, "SELECT * FROM t1, t3 WHERE (t1.s = 'a' AND t3.name = 'x') OR "
                         "(t1.s = 'b' AND t3.name = 'y')");
    opt = oh_optimize(&E, res, 0);
    const pl_node *j = opt;
    while (j && j->kind != PL_JOIN)
        j = j->children[0];
    CHECK(j != NULL);
    CHECK(j && oh_count(j->children[0], PL_FILTER) == 1);
    CHECK(j && oh_count(j->children[1], PL_FILTER) == 1);
    CHECK(j && j->u.join.cond != NULL);
    oh_teardown();
}

/* The node directly under the root's Project chain. */
static const pl_node *oh_under_projects(const pl_node *n)
{
    while (n && n->kind == PL_PROJECT)
        n = n->children[0];
    return n;
}

EM_TEST(outer_join_keeps_null_side_filters_above)
{
    oh_setup();
    /* WHERE t2.x IS NULL over a left join must not move into the right side (Spark's
       PushPredicateThroughJoin: LeftOuter pushes only left conjuncts). */
    pl_node *res =
        oh_resolve(&E, "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k WHERE t2.x IS NULL");
    pl_node *opt = oh_optimize(&E, res, 0);
    const pl_node *top = oh_under_projects(opt);
    CHECK(top && top->kind == PL_FILTER);
    CHECK(top && top->children[0]->kind == PL_JOIN);
    /* ... while WHERE t1.v > 15 goes below the join, to the left side. */
    res = oh_resolve(&E, "SELECT * FROM t1 LEFT JOIN t2 ON t1.k = t2.k WHERE t1.v > 15");
    opt = oh_optimize(&E, res, 0);
    top = oh_under_projects(opt);
    CHECK(top && top->kind == PL_JOIN);
    CHECK(top && oh_count(top->children[0], PL_FILTER) == 1);
    CHECK(top && oh_count(top->children[1], PL_FILTER) == 0);
    oh_teardown();
}

EM_TEST(filters_fold_away)
{
    oh_setup();
    pl_node *res = oh_resolve(&E, "SELECT k FROM t1 WHERE 1 = 1 AND k > 1");
    pl_node *opt = oh_optimize(&E, res, 0);
    CHECK_EQ_INT(oh_count(opt, PL_FILTER), 1);
    res = oh_resolve(&E, "SELECT k FROM t1 WHERE 1 = 0");
    opt = oh_optimize(&E, res, 0);
    CHECK_EQ_INT(oh_count(opt, PL_FILTER), 0);
    CHECK(opt->kind == PL_LOCAL);
    CHECK_EQ_STR(oh_rows(&E, opt, false), "");
    /* A global aggregate over nothing still has its row (Spark: count over no rows is 0). */
    res = oh_resolve(&E, "SELECT count(*) FROM t1 WHERE false");
    opt = oh_optimize(&E, res, 0);
    CHECK_EQ_STR(oh_rows(&E, opt, false), "0\n");
    oh_teardown();
}

EM_TEST(filters_move_below_aggregates_and_projects)
{
    oh_setup();
    pl_node *res =
        oh_resolve(&E, "SELECT * FROM (SELECT k, sum(x) AS s FROM t2 GROUP BY k) WHERE k > 1 "
                       "AND s > 300");
    pl_node *opt = oh_optimize(&E, res, 0);
    /* k > 1 under the aggregate, s > 300 above it. */
    const pl_node *top = oh_under_projects(opt);
    CHECK(top && top->kind == PL_FILTER);
    CHECK(top && top->children[0]->kind == PL_AGGREGATE);
    CHECK(top && oh_count(top->children[0], PL_FILTER) == 1);
    oh_teardown();
}

EM_TEST(pruning_narrows_join_inputs)
{
    oh_setup();
    pl_node *res = oh_resolve(&E, "SELECT t1.s FROM t1 JOIN t2 ON t1.k = t2.k");
    pl_node *opt = oh_optimize(&E, res, 0);
    const pl_node *j = oh_under_projects(opt);
    CHECK(j && j->kind == PL_JOIN);
    /* left: k, s (v dropped); right: k (x dropped) */
    CHECK(j && j->children[0]->n_out == 2);
    CHECK(j && j->children[1]->n_out == 1);
    res = oh_resolve(&E, "SELECT s FROM (SELECT k, sum(x) AS s, max(x) AS m FROM t2 GROUP BY k)");
    opt = oh_optimize(&E, res, 0);
    const pl_node *agg = oh_under_projects(opt);
    CHECK(agg && agg->kind == PL_AGGREGATE && agg->u.agg.n_aggs == 1);
    oh_teardown();
}

EM_TEST(largest_input_streams_first)
{
    oh_setup();
    E.oenv.small_join_rows = 100;
    pl_node *res = oh_resolve(&E, "SELECT count(*) FROM dim c, mid b, big a WHERE a.g = c.g AND "
                                  "a.k = b.k");
    pl_node *opt = oh_optimize(&E, res, 0);
    /* big (600 rows) is the leftmost leaf; dim and mid are built. */
    const pl_node *n = opt;
    while (n && n->n_children > 0)
        n = n->children[0];
    CHECK(n && n->kind == PL_RANGE && n->u.range.end == 600);
    CHECK_EQ_INT(oh_cross_joins(opt), 0);
    /* Estimates: exact for ranges, 0.1 per equality (opt_join_order.c's guesses). */
    CHECK_EQ_INT(opt_estimate_rows(&E.oenv, oh_resolve(&E, "SELECT * FROM big")), 600);
    CHECK_EQ_INT(opt_estimate_rows(&E.oenv, oh_resolve(&E, "SELECT * FROM big WHERE g = 1")), 60);
    oh_teardown();
}

/* ---- common subexpressions (opt_cse.c) and top-N shapes (opt_limit.c) ------------------- */

static const char *const oh_cse_queries[] = {
    /* TPC-H q1's shape: a*(1-b) shared by two aggregates (and an average) */
    "SELECT s, sum(v * (1 - k)) AS a, sum(v * (1 - k) * (1 + k)) AS b, avg(v * (1 - k)) AS c "
    "FROM t1 GROUP BY s",
    "SELECT k * 2 + 1 AS a, (k * 2 + 1) * 3 AS b, v FROM t1",
    "SELECT (k + 1) * (k + 1) AS sq, k + 1 AS k1, upper(s) AS u, lower(upper(s)) AS l FROM t1",
    "SELECT upper(s) AS u, count(upper(s)) AS c FROM t1 GROUP BY upper(s)",
    "SELECT count(DISTINCT k + 1) AS d, sum(k + 1) AS s1 FROM t1",
    /* conditional only: 10 DIV (k - 2) must not run for k = 2 (DIVIDE_BY_ZERO under ANSI) */
    "SELECT CASE WHEN k <> 2 THEN 10 DIV (k - 2) END AS a, "
    "CASE WHEN k <> 2 THEN 10 DIV (k - 2) + 1 END AS b FROM t1",
    "SELECT coalesce(k, 10 DIV (k - 2)) AS a, coalesce(k, 10 DIV (k - 2)) + 1 AS b FROM t1",
    "SELECT k > 2 AND 10 DIV (k - 2) > 1 AS a, k > 2 AND 10 DIV (k - 2) > 2 AS b FROM t1",
    /* an unconditional occurrence makes the conditional ones reuse the column */
    "SELECT k * 3 AS a, CASE WHEN v > 15 THEN k * 3 ELSE 0 END AS b FROM t1 WHERE k <> 2",
    /* not hoisted: non-deterministic, lambda bodies */
    "SELECT k, rand(1) * 2 AS r1, rand(1) * 2 AS r2 FROM t1",
    "SELECT transform(array(k, k), x -> x + k + 1) AS t, k + 1 AS k1 FROM t1",
    /* grouping expression used by an aggregate argument */
    "SELECT k % 2 AS p, sum(k % 2 + v) AS sv, max(k % 2) AS mx FROM t1 GROUP BY k % 2",
    /* joins and filters around it */
    "SELECT t1.k * t2.x AS a, t1.k * t2.x + 1 AS b FROM t1 JOIN t2 ON t1.k = t2.k "
    "WHERE t2.x > 100",
};

EM_TEST(cse_rows_unchanged)
{
    oh_setup();
    for (size_t q = 0; q < sizeof oh_cse_queries / sizeof oh_cse_queries[0]; q++)
        CHECK_SAME(oh_cse_queries[q], false);
    oh_teardown();
}

/* Whether a node's output has a column named name. */
static bool oh_has_col(const pl_node *n, const char *name)
{
    if (!n)
        return false;
    for (int idx = 0; idx < n->n_out; idx++)
        if (strcmp(n->out[idx].name, name) == 0)
            return true;
    for (int idx = 0; idx < n->n_children; idx++)
        if (oh_has_col(n->children[idx], name))
            return true;
    return false;
}

/* Whether e calls fn for every row it is evaluated on (not only in branches of lazy calls). */
static bool oh_expr_calls(const pl_expr *e, const char *fn)
{
    if (!e)
        return false;
    if (e->kind == PX_CALL && e->fn && strcmp(e->fn->name, fn) == 0)
        return true;
    bool lazy = e->kind == PX_CALL && e->fn && e->fn->lazy != FN_LAZY_NONE;
    for (int idx = 0; idx < (lazy ? 1 : e->n_args); idx++)
        if (oh_expr_calls(e->args[idx], fn))
            return true;
    return false;
}

/* Whether a hoisted common expression (a "_common_expr_" column) calls fn on every row. */
static bool oh_hoisted_calls(const pl_node *n, const char *fn)
{
    if (!n)
        return false;
    for (int idx = 0; n->kind == PL_PROJECT && idx < n->n_out; idx++)
        if (strncmp(n->out[idx].name, "_common_expr_", 13) == 0 && oh_expr_calls(n->exprs[idx], fn))
            return true;
    for (int idx = 0; idx < n->n_children; idx++)
        if (oh_hoisted_calls(n->children[idx], fn))
            return true;
    return false;
}

EM_TEST(cse_plan_shapes)
{
    oh_setup();
    pl_node *res = oh_resolve(&E, oh_cse_queries[0]);
    pl_node *opt = oh_optimize(&E, res, 0);
    const pl_node *agg = oh_under_projects(opt);
    CHECK(agg && agg->kind == PL_AGGREGATE);
    /* a Project below the aggregate computes v * (1 - k) once; the first aggregate reads it */
    CHECK(agg && agg->children[0]->kind == PL_PROJECT);
    CHECK(agg && oh_has_col(agg->children[0], "_common_expr_0"));
    CHECK(agg && agg->u.agg.aggs[0]->args[0]->kind == PX_COLREF);
    CHECK(!oh_has_col(oh_optimize(&E, res, OPT_RULE_CSE), "_common_expr_0"));
    /* 10 DIV (k - 2) only in conditional positions: not hoisted (the conditions are) */
    for (int q = 5; q <= 7; q++) {
        res = oh_resolve(&E, oh_cse_queries[q]);
        opt = oh_optimize(&E, res, 0);
        CHECK(!oh_hoisted_calls(opt, "div"));
    }
    /* ... but an unconditional one is */
    res = oh_resolve(&E, "SELECT 10 DIV (k - 2) AS a, 10 DIV (k - 2) + 1 AS b FROM t1 WHERE "
                         "k <> 2");
    CHECK(oh_hoisted_calls(oh_optimize(&E, res, 0), "div"));
    /* non-deterministic and lambda bodies: nothing hoisted */
    res = oh_resolve(&E, oh_cse_queries[9]);
    CHECK(!oh_has_col(oh_optimize(&E, res, 0), "_common_expr_0"));
    /* an unconditional occurrence: hoisted */
    res = oh_resolve(&E, oh_cse_queries[8]);
    CHECK(oh_has_col(oh_optimize(&E, res, 0), "_common_expr_0"));
    oh_teardown();
}

EM_TEST(limits_reach_sorts)
{
    oh_setup();
    /* ORDER BY ... LIMIT ... OFFSET: Offset(1, Limit(3, Sort)) (Spark's LimitPushDown), so the
       executor runs a top-N; rows as Spark's: the sorted rows [1, 3). */
    CHECK_SAME("SELECT * FROM t1 ORDER BY v DESC LIMIT 3", true);
    CHECK_SAME("SELECT k, s FROM t1 ORDER BY k NULLS LAST, s LIMIT 2 OFFSET 1", true);
    CHECK_SAME("SELECT k FROM t1 ORDER BY v LIMIT 10 OFFSET 2", true);
    CHECK_SAME("SELECT k + 1 AS a FROM t1 ORDER BY s DESC LIMIT 2", true);
    CHECK_SAME("SELECT k, count(*) AS c FROM big GROUP BY k ORDER BY c DESC, k LIMIT 5", true);
    pl_node *res = oh_resolve(&E, "SELECT * FROM t1 ORDER BY v LIMIT 2 OFFSET 1");
    pl_node *opt = oh_optimize(&E, res, 0);
    const pl_node *n = oh_under_projects(opt);
    CHECK(n && n->kind == PL_OFFSET && n->u.limit.n == 1);
    n = n ? oh_under_projects(n->children[0]) : NULL;
    CHECK(n && n->kind == PL_LIMIT && n->u.limit.n == 3);
    CHECK(n && n->children[0]->kind == PL_SORT);
    oh_teardown();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
