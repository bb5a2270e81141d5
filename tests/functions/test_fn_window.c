/*
 * test_fn_window: window functions, set operations, Sample and HtmlString.
 *
 * Window functions run through the real front end (SQL text -> analyzer -> executor) and are
 * checked against the examples of Spark's ExpressionDescription for each function
 * (sql/catalyst/.../expressions/windowExpressions.scala), against rows of Spark's golden file
 * window.sql.out (the IGNORE NULLS cases, written with Spark's equivalent four-argument forms)
 * and against the doctest captures. The samplers are checked against the XORShiftRandom draws
 * the rand(42) doctest shows; HtmlString against Dataset.htmlString's documented layout.
 */
#include "../exec/ex_test_util.h"
#include "analyzer/an.h"
#include "sql/sql.h"

/* ---- running SQL ------------------------------------------------------------------------------
 */

/* Rows of a query as "a\tb\nc\td" (NULL as "NULL"; show()-style cells). */
static const char *w_sql(const char *sql)
{
    static char buf[16384];
    pl_node *plan = NULL, *res = NULL;
    em_error_clear(&T.err);
    an_env env = {.opts = &T.opts};
    if (sql_parse_statement(sql, &T.a, &plan, &T.err) ||
        an_resolve(&env, &T.a, plan, &res, &T.err)) {
        snprintf(buf, sizeof buf, "error %s", T.err.error_class);
        return buf;
    }
    vec_batch *b = t_run(res);
    if (!b) {
        snprintf(buf, sizeof buf, "error %s", T.err.error_class);
        return buf;
    }
    size_t n = 0;
    buf[0] = '\0';
    for (int64_t r = 0; r < b->n_rows && n < sizeof buf; r++)
        for (int c = 0; c < b->n_cols && n < sizeof buf; c++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", c ? "\t" : (r ? "\n" : ""),
                                  t_cell(b, c, r));
    vec_batch_free(b);
    return buf;
}

/* The generated name of the single window column of a query. */
static const char *w_name(const char *sql, int col)
{
    static char buf[1024];
    pl_node *plan = NULL, *res = NULL;
    an_env env = {.opts = &T.opts};
    em_error_clear(&T.err);
    if (sql_parse_statement(sql, &T.a, &plan, &T.err) || an_resolve(&env, &T.a, plan, &res, &T.err))
        return T.err.error_class;
    snprintf(buf, sizeof buf, "%s", col < res->n_out ? res->out[col].name : "?");
    return buf;
}

/* The four-row table of Spark's window function examples. */
#define W_TAB "FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) tab(a, b)"

/* ---- ranking functions ------------------------------------------------------------------------
 */

EM_TEST(row_number_example)
{
    t_begin(true);
    /* RowNumber's ExpressionDescription example. */
    CHECK_EQ_STR(w_sql("SELECT a, b, row_number() OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t1\nA1\t1\t2\nA1\t2\t3\nA2\t3\t1");
    /* Column name as Spark prints it (postgreSQL/window_part1.sql.out). */
    CHECK_EQ_STR(w_name("SELECT row_number() OVER (ORDER BY b) " W_TAB, 0),
                 "row_number() OVER (ORDER BY b ASC NULLS FIRST ROWS BETWEEN UNBOUNDED "
                 "PRECEDING AND CURRENT ROW)");
    t_end();
}

EM_TEST(rank_examples)
{
    t_begin(true);
    /* Rank / DenseRank / PercentRank ExpressionDescription examples. */
    CHECK_EQ_STR(w_sql("SELECT a, b, rank(b) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t1\nA1\t1\t1\nA1\t2\t3\nA2\t3\t1");
    CHECK_EQ_STR(w_sql("SELECT a, b, dense_rank(b) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t1\nA1\t1\t1\nA1\t2\t2\nA2\t3\t1");
    CHECK_EQ_STR(w_sql("SELECT a, b, percent_rank(b) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t0.0\nA1\t1\t0.0\nA1\t2\t1.0\nA2\t3\t0.0");
    /* RankLike.sql is upper case (postgreSQL/window_part1.sql.out schema lines). */
    CHECK_EQ_STR(w_name("SELECT dense_rank() OVER (PARTITION BY a ORDER BY b) " W_TAB, 0),
                 "DENSE_RANK() OVER (PARTITION BY a ORDER BY b ASC NULLS FIRST ROWS BETWEEN "
                 "UNBOUNDED PRECEDING AND CURRENT ROW)");
    /* The rank doctest (pyspark.sql.functions.rank): ties share a rank, gaps follow. */
    CHECK_EQ_STR(w_sql("SELECT value, rank() OVER (ORDER BY value) FROM VALUES 1, 1, 2, 3, 3, 4 "
                       "t(value)"),
                 "1\t1\n1\t1\n2\t3\n3\t4\n3\t4\n4\t6");
    t_end();
}

EM_TEST(cume_dist_ntile_examples)
{
    t_begin(true);
    /* CumeDist's ExpressionDescription example. */
    CHECK_EQ_STR(w_sql("SELECT a, b, cume_dist() OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t0.6666666666666666\nA1\t1\t0.6666666666666666\nA1\t2\t1.0\nA2\t3\t1.0");
    /* NTile's ExpressionDescription example. */
    CHECK_EQ_STR(w_sql("SELECT a, b, ntile(2) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t1\nA1\t1\t1\nA1\t2\t2\nA2\t3\t1");
    /* ntile() is ntile(1) (NTile's constructor), and the name says so. */
    CHECK_EQ_STR(w_name("SELECT ntile() OVER (ORDER BY b) " W_TAB, 0),
                 "ntile(1) OVER (ORDER BY b ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND "
                 "CURRENT ROW)");
    /* More buckets than rows: one row each (NTile's update rules). */
    CHECK_EQ_STR(w_sql("SELECT b, ntile(5) OVER (ORDER BY b) FROM VALUES 1, 2, 3 t(b)"),
                 "1\t1\n2\t2\n3\t3");
    /* postgreSQL/window_part3.sql.out: ntile(0). */
    CHECK_EQ_STR(w_sql("SELECT ntile(0) OVER (ORDER BY b) " W_TAB),
                 "error DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    CHECK_EQ_STR(em_error_param_get(&T.err, "currentValue"), "0");
    CHECK_EQ_STR(em_error_param_get(&T.err, "valueRange"), "(0, 2147483647]");
    t_end();
}

/* ---- offsets ----------------------------------------------------------------------------------
 */

EM_TEST(lag_lead_examples)
{
    t_begin(true);
    /* Lead / Lag ExpressionDescription examples. */
    CHECK_EQ_STR(w_sql("SELECT a, b, lead(b) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t1\nA1\t1\t2\nA1\t2\tNULL\nA2\t3\tNULL");
    CHECK_EQ_STR(w_sql("SELECT a, b, lag(b) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\tNULL\nA1\t1\t1\nA1\t2\t1\nA2\t3\tNULL");
    /* The lead doctest: offsets and defaults. */
    const char *df = "FROM VALUES ('a', 1), ('a', 2), ('a', 3), ('b', 8), ('b', 2) t(c1, c2)";
    char q[512];
    snprintf(q, sizeof q, "SELECT c1, c2, lead(c2, 2, -1) OVER (PARTITION BY c1 ORDER BY c2) %s",
             df);
    CHECK_EQ_STR(w_sql(q), "a\t1\t3\na\t2\t-1\na\t3\t-1\nb\t2\t-1\nb\t8\t-1");
    snprintf(q, sizeof q, "SELECT c1, c2, lead(c2, 1, 0) OVER (PARTITION BY c1 ORDER BY c2) %s",
             df);
    CHECK_EQ_STR(w_sql(q), "a\t1\t2\na\t2\t3\na\t3\t0\nb\t2\t8\nb\t8\t0");
    /* Names: the defaults Spark's constructors add, and the lag frame as -1 FOLLOWING
       (postgreSQL/window_part1.sql.out). */
    CHECK_EQ_STR(w_name("SELECT lag(b) OVER (PARTITION BY a ORDER BY b) " W_TAB, 0),
                 "lag(b, 1, NULL) OVER (PARTITION BY a ORDER BY b ASC NULLS FIRST ROWS BETWEEN "
                 "-1 FOLLOWING AND -1 FOLLOWING)");
    /* A frame other than the function's own: _LEGACY_ERROR_TEMP_1035. */
    CHECK_EQ_STR(
        w_sql("SELECT lag(b) OVER (ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) " W_TAB),
        "error _LEGACY_ERROR_TEMP_1035");
    /* Window functions need ORDER BY (window.sql.out: row_number() OVER (PARTITION BY cate)). */
    CHECK_EQ_STR(w_sql("SELECT row_number() OVER (PARTITION BY a) " W_TAB),
                 "error _LEGACY_ERROR_TEMP_1037");
    CHECK_EQ_STR(em_error_param_get(&T.err, "wf"), "row_number()");
    t_end();
}

/* window.sql.out, the test_ignore_null view ordered by id: v = NULL, x, NULL, NULL, y, NULL, z,
   v, NULL. lead(v, k) IGNORE NULLS is Spark's lead(v, k, NULL, true). */
#define W_IGN                                                                                      \
    "FROM VALUES ('a', 0, null), ('a', 1, 'x'), ('b', 2, null), ('c', 3, null), ('a', 4, 'y'), "   \
    "('b', 5, null), ('a', 6, 'z'), ('a', 7, 'v'), ('a', 8, null) t(content, id, v) "

EM_TEST(lag_lead_ignore_nulls)
{
    t_begin(true);
    CHECK_EQ_STR(w_sql("SELECT lead(v, 1, NULL, true) OVER (ORDER BY id) " W_IGN),
                 "x\ny\ny\ny\nz\nz\nv\nNULL\nNULL");
    CHECK_EQ_STR(w_sql("SELECT lead(v, 2, NULL, true) OVER (ORDER BY id) " W_IGN),
                 "y\nz\nz\nz\nv\nv\nNULL\nNULL\nNULL");
    CHECK_EQ_STR(w_sql("SELECT lag(v, 1, NULL, true) OVER (ORDER BY id) " W_IGN),
                 "NULL\nNULL\nx\nx\nx\ny\ny\nz\nv");
    CHECK_EQ_STR(w_sql("SELECT lag(v, 2, NULL, true) OVER (ORDER BY id) " W_IGN),
                 "NULL\nNULL\nNULL\nNULL\nNULL\nx\nx\ny\nz");
    /* Offset 0 is the current input, NULL or not. */
    CHECK_EQ_STR(w_sql("SELECT lead(v, 0, NULL, true) OVER (ORDER BY id) " W_IGN),
                 "NULL\nx\nNULL\nNULL\ny\nNULL\nz\nv\nNULL");
    /* nth_value(v, 2) IGNORE NULLS over the growing frame. */
    CHECK_EQ_STR(w_sql("SELECT nth_value(v, 2, true) OVER (ORDER BY id) " W_IGN),
                 "NULL\nNULL\nNULL\nNULL\ny\ny\ny\ny\ny");
    t_end();
}

EM_TEST(nth_value_examples)
{
    t_begin(true);
    /* NthValue's ExpressionDescription example. */
    CHECK_EQ_STR(w_sql("SELECT a, b, nth_value(b, 2) OVER (PARTITION BY a ORDER BY b) " W_TAB),
                 "A1\t1\t1\nA1\t1\t1\nA1\t2\t1\nA2\t3\tNULL");
    /* postgreSQL/window_part3.sql.out: nth_value(four, 0). */
    CHECK_EQ_STR(w_sql("SELECT nth_value(b, 0) OVER (ORDER BY b) " W_TAB),
                 "error DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    CHECK_EQ_STR(em_error_param_get(&T.err, "currentValue"), "0L");
    t_end();
}

/* ---- aggregates over frames -------------------------------------------------------------------
 */

/* Expected values follow Spark's frame semantics (WindowFunctionFrame.scala: ROWS offsets,
   RangeBoundOrdering with the offset negated for DESC, empty frames evaluating the initial
   buffer) and the window.sql.out errors. */
EM_TEST(aggregate_frames)
{
    t_begin(true);
    const char *data = "FROM VALUES (1), (2), (3), (4), (5) t(x)";
    char q[512];
    /* Default frame with ORDER BY: RANGE UNBOUNDED PRECEDING .. CURRENT ROW (peers included). */
    CHECK_EQ_STR(w_sql("SELECT x, sum(x) OVER (ORDER BY x) FROM VALUES 1, 2, 2, 3 t(x)"),
                 "1\t1\n2\t5\n2\t5\n3\t8");
    /* Without ORDER BY: the whole partition. */
    snprintf(q, sizeof q, "SELECT x, count(x) OVER () %s", data);
    CHECK_EQ_STR(w_sql(q), "1\t5\n2\t5\n3\t5\n4\t5\n5\t5");
    /* Sliding ROWS frame. */
    snprintf(q, sizeof q,
             "SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) %s",
             data);
    CHECK_EQ_STR(w_sql(q), "1\t3\n2\t6\n3\t9\n4\t12\n5\t9");
    /* Shrinking frame (CURRENT ROW .. UNBOUNDED FOLLOWING). */
    snprintf(q, sizeof q,
             "SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND UNBOUNDED "
             "FOLLOWING) %s",
             data);
    CHECK_EQ_STR(w_sql(q), "1\t15\n2\t14\n3\t12\n4\t9\n5\t5");
    /* Empty frames aggregate nothing: count 0, sum NULL. */
    snprintf(q, sizeof q,
             "SELECT x, count(x) OVER (ORDER BY x ROWS BETWEEN 3 FOLLOWING AND 4 FOLLOWING), "
             "sum(x) OVER (ORDER BY x ROWS BETWEEN 3 FOLLOWING AND 4 FOLLOWING) %s",
             data);
    CHECK_EQ_STR(w_sql(q), "1\t2\t9\n2\t1\t5\n3\t0\tNULL\n4\t0\tNULL\n5\t0\tNULL");
    /* RANGE value bounds over values, descending order negating the offset. */
    CHECK_EQ_STR(w_sql("SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT "
                       "ROW) FROM VALUES 1, 2, 4, 5, 5 t(x)"),
                 "1\t1\n2\t3\n4\t4\n5\t14\n5\t14");
    CHECK_EQ_STR(w_sql("SELECT x, sum(x) OVER (ORDER BY x DESC RANGE BETWEEN 1 PRECEDING AND "
                       "CURRENT ROW) FROM VALUES 1, 2, 4, 5, 5 t(x)"),
                 "5\t10\n5\t10\n4\t14\n2\t2\n1\t3");
    /* window.sql.out: a frame bound of the wrong type. */
    snprintf(q, sizeof q,
             "SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND 2147483648 FOLLOWING) %s",
             data);
    CHECK_EQ_STR(w_sql(q), "error DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE");
    CHECK_EQ_STR(em_error_param_get(&T.err, "sqlExpr"),
                 "\"ROWS BETWEEN CURRENT ROW AND 2147483648 FOLLOWING\"");
    /* window.sql.out: RANGE without ORDER BY, and lower > upper. */
    snprintf(q, sizeof q,
             "SELECT count(x) OVER (PARTITION BY x RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING) %s",
             data);
    CHECK_EQ_STR(w_sql(q), "error DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER");
    CHECK_EQ_STR(em_error_param_get(&T.err, "sqlExpr"),
                 "\"(PARTITION BY x RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING)\"");
    snprintf(q, sizeof q,
             "SELECT count(x) OVER (ORDER BY x RANGE BETWEEN 1 FOLLOWING AND 1 PRECEDING) %s",
             data);
    CHECK_EQ_STR(w_sql(q), "error DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON");
    /* DISTINCT over a window (WindowResolution.checkWindowFunction). */
    snprintf(q, sizeof q, "SELECT count(DISTINCT x) OVER () %s", data);
    CHECK_EQ_STR(w_sql(q), "error DISTINCT_WINDOW_FUNCTION_UNSUPPORTED");
    /* A scalar function over a window. */
    snprintf(q, sizeof q, "SELECT abs(x) OVER () %s", data);
    CHECK_EQ_STR(w_sql(q), "error UNSUPPORTED_EXPR_FOR_WINDOW");
    CHECK_EQ_STR(em_error_param_get(&T.err, "sqlExpr"), "\"abs(x)\"");
    t_end();
}

EM_TEST(sliding_frames_long_partition)
{
    t_begin(true);
    /* Over 200 ordered ids a ROWS frame of 5 preceding .. 3 following holds ids
       [max(id - 5, 0), min(id + 3, 199)]: min, max and count follow, and integer sums (computed
       incrementally) equal the recomputed double sums. */
    const char *q = "SELECT count(*) FROM (SELECT id, "
                    "min(id) OVER w AS mn, max(id) OVER w AS mx, count(id) OVER w AS c, "
                    "sum(CAST(id AS INT)) OVER w AS s, sum(CAST(id AS DOUBLE)) OVER w AS d "
                    "FROM range(200) WINDOW w AS (ORDER BY id ROWS BETWEEN 5 PRECEDING AND 3 "
                    "FOLLOWING)) WHERE mn != greatest(id - 5, 0) OR mx != least(id + 3, 199) OR "
                    "c != least(id + 3, 199) - greatest(id - 5, 0) + 1 OR s != CAST(d AS BIGINT)";
    CHECK_EQ_STR(w_sql(q), "0");
    /* Shrinking frames (CURRENT ROW .. UNBOUNDED FOLLOWING) accumulate from the end. */
    CHECK_EQ_STR(w_sql("SELECT count(*) FROM (SELECT id, min(id) OVER w AS mn, count(id) OVER w "
                       "AS c FROM range(100) WINDOW w AS (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND "
                       "UNBOUNDED FOLLOWING)) WHERE c != greatest(98 - id, 0) OR "
                       "coalesce(mn, -1) != if(id + 2 <= 99, id + 2, -1)"),
                 "0");
    t_end();
}

EM_TEST(window_order_and_groups)
{
    t_begin(true);
    /* Rows come out sorted by the last window's partition and order keys; the doctest of lead
       shows partition 'a' before 'b' (one coalesced shuffle partition, sorted). */
    CHECK_EQ_STR(w_sql("SELECT c1, c2, row_number() OVER (PARTITION BY c1 ORDER BY c2) FROM "
                       "VALUES ('b', 8), ('a', 1), ('b', 2), ('a', 3) t(c1, c2)"),
                 "a\t1\t1\na\t3\t2\nb\t2\t1\nb\t8\t2");
    /* Two specs: each computed over its own order; output follows the last group. */
    CHECK_EQ_STR(w_sql("SELECT x, row_number() OVER (ORDER BY x), row_number() OVER (ORDER BY x "
                       "DESC) FROM VALUES 2, 1, 3 t(x)"),
                 "3\t3\t1\n2\t2\t2\n1\t1\t3");
    /* Windows over an aggregate (window-with-aggregates.sql.out). */
    CHECK_EQ_STR(w_sql("SELECT col1, SUM(col2) AS s, SUM(SUM(col2)) OVER () AS total FROM VALUES "
                       "(1, 10), (2, 20), (3, 30) AS t(col1, col2) GROUP BY col1 ORDER BY col1"),
                 "1\t10\t60\n2\t20\t60\n3\t30\t60");
    t_end();
}

/* ---- set operations ---------------------------------------------------------------------------
 */

EM_TEST(set_operations)
{
    t_begin(true);
    /* intersect-all.sql.out, tab1 / tab2: multiplicities and NULL-safe equality. */
    const char *t1 = "(SELECT * FROM VALUES (1, 2), (1, 2), (1, 3), (1, 3), (2, 3), (null, null), "
                     "(null, null) AS tab1(k, v))";
    const char *t2 = "(SELECT * FROM VALUES (1, 2), (1, 2), (2, 3), (3, 4), (null, null), (null, "
                     "null) AS tab2(k, v))";
    char q[1024];
    /* (Spark's row order of these is a hash aggregate's; the queries sort.) */
    const char *fmt = "SELECT * FROM (SELECT * FROM %s %s SELECT * FROM %s) ORDER BY k, v";
    snprintf(q, sizeof q, fmt, t1, "INTERSECT ALL", t2);
    CHECK_EQ_STR(w_sql(q), "NULL\tNULL\nNULL\tNULL\n1\t2\n1\t2\n2\t3");
    snprintf(q, sizeof q, fmt, t1, "INTERSECT", t2);
    CHECK_EQ_STR(w_sql(q), "NULL\tNULL\n1\t2\n2\t3");
    /* except.sql.out / RewriteExceptAll: left count minus right count copies. */
    snprintf(q, sizeof q, fmt, t1, "EXCEPT ALL", t2);
    CHECK_EQ_STR(w_sql(q), "1\t3\n1\t3");
    snprintf(q, sizeof q, fmt, t1, "EXCEPT", t2);
    CHECK_EQ_STR(w_sql(q), "1\t3");
    snprintf(q, sizeof q, fmt, t1, "UNION", t2);
    CHECK_EQ_STR(w_sql(q), "NULL\tNULL\n1\t2\n1\t3\n2\t3\n3\t4");
    /* DataFrame.union doctest: UNION ALL keeps both sides in order. */
    CHECK_EQ_STR(w_sql("SELECT * FROM VALUES (1, 'A'), (2, 'B') t(id, value) UNION ALL SELECT * "
                       "FROM VALUES (3, 'C'), (4, 'D') s(id, value)"),
                 "1\tA\n2\tB\n3\tC\n4\tD");
    /* NaN equals NaN and -0.0 equals 0.0 as grouping keys do. */
    CHECK_EQ_STR(w_sql("SELECT * FROM (SELECT * FROM VALUES (CAST('NaN' AS DOUBLE)), (0.0D) t(d) "
                       "INTERSECT SELECT * FROM VALUES (CAST('NaN' AS DOUBLE)), (-0.0D) s(d)) "
                       "ORDER BY d"),
                 "0.0\nNaN");
    /* CheckAnalysis.mapColumnInSetOperation: maps cannot be compared as rows. */
    CHECK_EQ_STR(w_sql("SELECT map(1, 2) AS m INTERSECT SELECT map(1, 2) AS m"),
                 "error UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE");
    CHECK_EQ_STR(em_error_param_get(&T.err, "colName"), "`m`");
    CHECK_EQ_STR(em_error_param_get(&T.err, "dataType"), "\"MAP<INT, INT>\"");
    /* UNION ALL does not compare rows. */
    CHECK_EQ_STR(w_sql("SELECT size(m) FROM (SELECT map(1, 2) AS m UNION ALL SELECT map(3, 4))"),
                 "1\n1");
    t_end();
}

/* ---- Sample -----------------------------------------------------------------------------------
 */

static pl_node *w_sample(pl_node *child, double lo, double hi, bool repl, int64_t seed)
{
    pl_node *n = t_unary(PL_SAMPLE, child);
    n->u.sample.lower = lo;
    n->u.sample.upper = hi;
    n->u.sample.with_replacement = repl;
    n->u.sample.has_seed = true;
    n->u.sample.seed = seed;
    return n;
}

EM_TEST(sample_bernoulli)
{
    t_begin(true);
    /* The rand(42) doctest over spark.range(0, 2, 1, 1) (one partition) shows XORShiftRandom's
       draws for seed 42: 0.619189370225..., 0.5096018842446...; BernoulliCellSampler keeps a
       row when lower <= draw < upper. */
    vec_batch *b = t_run(w_sample(t_range(0, 2, 1), 0.0, 0.6, false, 42));
    CHECK(b != NULL);
    CHECK_EQ_STR(t_rows(b), "1");
    vec_batch_free(b);
    b = t_run(w_sample(t_range(0, 2, 1), 0.0, 0.62, false, 42));
    CHECK_EQ_STR(t_rows(b), "0|1");
    vec_batch_free(b);
    /* randomSplit's complementary ranges: [0.55, 1.0) keeps only the 0.619 draw. */
    b = t_run(w_sample(t_range(0, 2, 1), 0.55, 1.0, false, 42));
    CHECK_EQ_STR(t_rows(b), "0");
    vec_batch_free(b);
    /* fraction 1.0 keeps everything (DataFrame.sample doctest: sample(1.0).count() == 10). */
    b = t_run(w_sample(t_range(0, 10, 1), 0.0, 1.0, false, 7));
    CHECK_EQ_INT(b->n_rows, 10);
    vec_batch_free(b);
    /* An empty range draws nothing. */
    b = t_run(w_sample(t_range(0, 10, 1), 0.3, 0.3, false, 7));
    CHECK_EQ_INT(b->n_rows, 0);
    vec_batch_free(b);
    t_end();
}

EM_TEST(sample_poisson)
{
    t_begin(true);
    /* With replacement: each row appears a Poisson(fraction) number of times; the same seed
       gives the same rows, and the mean count is close to the fraction. */
    vec_batch *a = t_run(w_sample(t_range(0, 20000, 1), 0.0, 0.5, true, 3));
    vec_batch *b = t_run(w_sample(t_range(0, 20000, 1), 0.0, 0.5, true, 3));
    CHECK(a && b);
    CHECK_EQ_INT(a->n_rows, b->n_rows);
    CHECK(a->n_rows > 9500 && a->n_rows < 10500);
    bool same = a->n_rows == b->n_rows;
    for (int64_t r = 0; same && r < a->n_rows; r++)
        same = VEC_VALUES(a->cols[0], int64_t)[r] == VEC_VALUES(b->cols[0], int64_t)[r];
    CHECK(same);
    vec_batch_free(a);
    vec_batch_free(b);
    vec_batch *z = t_run(w_sample(t_range(0, 100, 1), 0.0, 0.0, true, 3));
    CHECK_EQ_INT(z->n_rows, 0);
    vec_batch_free(z);
    t_end();
}

EM_TEST(sample_deterministic_order)
{
    t_begin(true);
    /* randomSplit's Sample sorts its input first, so the order of the input does not change the
       rows drawn: a reversed input gives the same sample. */
    int64_t up[6] = {1, 2, 3, 4, 5, 6}, down[6] = {6, 5, 4, 3, 2, 1};
    const char *names[1] = {"x"};
    vec *c1[1] = {t_fixed(ty_long(), 6, up, NULL)};
    vec *c2[1] = {t_fixed(ty_long(), 6, down, NULL)};
    pl_node *s1 = w_sample(t_local(1, names, c1), 0.0, 0.5, false, 11);
    pl_node *s2 = w_sample(t_local(1, names, c2), 0.0, 0.5, false, 11);
    s1->u.sample.deterministic_order = true;
    s2->u.sample.deterministic_order = true;
    vec_batch *a = t_run(s1), *b = t_run(s2);
    char ra[256];
    snprintf(ra, sizeof ra, "%s", t_rows(a));
    CHECK_EQ_STR(t_rows(b), ra);
    vec_batch_free(a);
    vec_batch_free(b);
    t_end();
}

/* ---- HtmlString -------------------------------------------------------------------------------
 */

EM_TEST(html_string)
{
    t_begin(true);
    /* Dataset.htmlString: a table with escapeHtml4'd cells, "only showing top N row(s)" when
       rows were left out; cells truncated as showString does. */
    const char *vals[3] = {"a<b & c", "Ünïcode é", "xxxxxxxxxxxxxxxxxxxxxxxxx"};
    const char *names[1] = {"s\"q"};
    vec *cols[1] = {t_strs(3, vals)};
    pl_node *child = t_local(1, names, cols);
    pl_node *n = pl_node_new(&T.a, PL_HTML_STRING, 1);
    n->children[0] = child;
    n->u.show.num_rows = 2;
    n->u.show.truncate = 20;
    n->n_out = 1;
    n->out = em_arena_calloc(&T.a, 1, sizeof *n->out);
    n->out[0] = t_attr("html_string", ty_string(), false);
    vec_batch *b = t_run(n);
    CHECK(b != NULL);
    int32_t len;
    const char *s = vec_str(b->cols[0], 0, &len);
    char got[1024];
    snprintf(got, sizeof got, "%.*s", (int)len, s);
    CHECK_EQ_STR(got, "<table border='1'>\n<tr><th>s&quot;q</th></tr>\n"
                      "<tr><td>a&lt;b &amp; c</td></tr>\n"
                      "<tr><td>&Uuml;n&iuml;code &eacute;</td></tr>\n"
                      "</table>\nonly showing top 2 rows\n");
    vec_batch_free(b);
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
