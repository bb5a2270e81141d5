/*
 * Executor tests over hand-built resolved plans. show() texts are compared with what real
 * Spark printed for the PySpark doctests (loaded at run time from the conformance captures,
 * see doctest.h); other expectations cite the Spark behaviour they check.
 */

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include <math.h>

#include "doctest.h"
#include "ex_test_util.h"

#define DS_SORT     "pyspark.sql.dataframe.DataFrame.sort"
#define DS_LIMIT    "pyspark.sql.dataframe.DataFrame.limit"
#define DS_OFFSET   "pyspark.sql.dataframe.DataFrame.offset"
#define DS_DEDUP    "pyspark.sql.dataframe.DataFrame.dropDuplicates"
#define DS_SUM      "pyspark.sql.connect.functions.builtin.sum"
#define DS_COUNT    "pyspark.sql.connect.functions.builtin.count"
#define DS_MEAN     "pyspark.sql.connect.functions.builtin.mean"
#define DS_WHEN     "pyspark.sql.connect.functions.builtin.when"
#define DS_COALESCE "pyspark.sql.connect.functions.builtin.coalesce"
#define DS_FIRST    "pyspark.sql.connect.functions.builtin.first"
#define DS_ISNAN    "pyspark.sql.connect.functions.builtin.isnan"
#define DS_UPPER    "pyspark.sql.connect.functions.builtin.upper"
#define DS_TRIM     "pyspark.sql.connect.functions.builtin.trim"
#define DS_BETWEEN  "pyspark.sql.column.Column.between"

/* Compares a ShowString result with the doctest's printed text. */
#define CHECK_SHOW(plan, nrows, trunc, vert, ds, src, nth)                                         \
    do {                                                                                           \
        char *want_ = doctest_show_want(ds, src, nth);                                             \
        CHECK(want_ != NULL);                                                                      \
        if (want_)                                                                                 \
            CHECK_EQ_STR(t_show(plan, nrows, trunc, vert), want_);                                 \
        em_free(want_);                                                                            \
    } while (0)

/* spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"]) */
static pl_node *people(int n, const int64_t *ages, const char *const *names)
{
    vec *cols[2] = {t_fixed(ty_long(), n, ages, NULL), t_strs(n, names)};
    const char *nm[2] = {"age", "name"};
    return t_local(2, nm, cols);
}

/* Spark's Range: ids start, start+step, ... while on the start side of end. */
EM_TEST(range_values)
{
    t_begin(true);
    vec_batch *b = t_run(t_range(0, 10, 3));
    CHECK_EQ_STR(t_rows(b), "0|3|6|9");
    vec_batch_free(b);
    b = t_run(t_range(10, 0, -3));
    CHECK_EQ_STR(t_rows(b), "10|7|4|1");
    vec_batch_free(b);
    b = t_run(t_range(5, 5, 1));
    CHECK(b && b->n_rows == 0);
    vec_batch_free(b);
    b = t_run(t_range(0, 10, -1));
    CHECK(b && b->n_rows == 0);
    vec_batch_free(b);
    /* batches of 3 rows still give every id once */
    int64_t saved = T.opts.batch_rows;
    T.opts.batch_rows = 3;
    b = t_run(t_range(0, 1000, 1));
    CHECK(b && b->n_rows == 1000);
    if (b)
        CHECK_EQ_INT(VEC_VALUES(b->cols[0], int64_t)[999], 999);
    vec_batch_free(b);
    /* extreme bounds do not overflow */
    T.opts.batch_rows = saved;
    b = t_run(t_range(INT64_MAX - 2, INT64_MAX, 1));
    CHECK(b && b->n_rows == 2);
    vec_batch_free(b);
    t_end();
}

/* doctest DataFrame.sort / orderBy */
EM_TEST(sort_doctests)
{
    t_begin(true);
    int64_t ages[] = {2, 5};
    const char *names[] = {"Alice", "Bob"};
    pl_node *df = people(2, ages, names);
    pl_expr *o1[] = {t_order(t_col(df, 0), false, true)};
    CHECK_SHOW(t_sort(df, 1, o1), 20, 20, false, DS_SORT, "df.sort(sf.asc(\"age\")).show()", 0);
    pl_expr *o2[] = {t_order(t_col(df, 0), true, false)};
    CHECK_SHOW(t_sort(df, 1, o2), 20, 20, false, DS_SORT, "df.sort(df.age.desc()).show()", 0);

    int64_t ages3[] = {2, 2, 5};
    const char *names3[] = {"Alice", "Bob", "Bob"};
    pl_node *df3 = people(3, ages3, names3);
    pl_expr *o3[] = {t_order(t_col(df3, 0), true, false), t_order(t_col(df3, 1), false, true)};
    CHECK_SHOW(t_sort(df3, 2, o3), 20, 20, false, DS_SORT, "orderBy(sf.desc(\"age\"), \"name\")",
               0);
    pl_expr *o4[] = {t_order(t_col(df3, 0), true, false), t_order(t_col(df3, 1), true, false)};
    CHECK_SHOW(t_sort(df3, 2, o4), 20, 20, false, DS_SORT, "ascending=[False, False]", 0);
    t_end();
}

/* Spark's ordering of doubles (SQLOrderingUtil.compareDoubles, "NaN Semantics" in the SQL
   reference): NaN is larger than any other value, -0.0 equals 0.0 (so the sort is stable
   between them), NULLs first for ascending by default. */
EM_TEST(sort_nan_zero_nulls)
{
    t_begin(true);
    double v[] = {NAN, 1.0, -0.0, 0.0, -INFINITY, 0.0};
    vec *cols[1] = {t_fixed(ty_double(), 6, v, ".....N")};
    const char *nm[1] = {"x"};
    pl_node *df = t_local(1, nm, cols);
    pl_expr *o[] = {t_order(t_col(df, 0), false, true)};
    vec_batch *b = t_run(t_sort(df, 1, o));
    CHECK_EQ_STR(t_rows(b), "NULL|-Infinity|-0.0|0.0|1.0|NaN");
    vec_batch_free(b);
    pl_expr *od[] = {t_order(t_col(df, 0), true, false)};
    b = t_run(t_sort(df, 1, od));
    CHECK_EQ_STR(t_rows(b), "NaN|1.0|-0.0|0.0|-Infinity|NULL");
    vec_batch_free(b);
    t_end();
}

/* doctest DataFrame.limit / offset */
EM_TEST(limit_offset_doctests)
{
    t_begin(true);
    int64_t ages[] = {14, 23, 16};
    const char *names[] = {"Tom", "Alice", "Bob"};
    pl_node *df = people(3, ages, names);
    CHECK_SHOW(t_limit(PL_LIMIT, df, 1), 20, 20, false, DS_LIMIT, "df.limit(1).show()", 0);
    CHECK_SHOW(t_limit(PL_LIMIT, df, 0), 20, 20, false, DS_LIMIT, "df.limit(0).show()", 0);
    CHECK_SHOW(t_limit(PL_OFFSET, df, 1), 20, 20, false, DS_OFFSET, "df.offset(1).show()", 0);
    CHECK_SHOW(t_limit(PL_OFFSET, df, 10), 20, 20, false, DS_OFFSET, "df.offset(10).show()", 0);
    t_end();
}

/* Dataset.tail: the last n rows in order; limit does not drain its input (a failing row after
   the limit is never evaluated). */
EM_TEST(tail_and_limit_short_circuit)
{
    t_begin(true);
    if (T.opts.batch_rows == VEC_BATCH_ROWS)
        T.opts.batch_rows = 4;
    vec_batch *b = t_run(t_limit(PL_TAIL, t_range(0, 10, 1), 3));
    CHECK_EQ_STR(t_rows(b), "7|8|9");
    vec_batch_free(b);
    b = t_run(t_limit(PL_TAIL, t_range(0, 2, 1), 5));
    CHECK_EQ_STR(t_rows(b), "0|1");
    vec_batch_free(b);
    /* 10 div (id - 8): the first batch (ids 0..3) is fine, id 8 would divide by zero */
    pl_node *r = t_range(0, 100, 1);
    pl_expr *e = t_call("div", 2, t_lit_long(10), t_call("-", 2, t_col(r, 0), t_lit_long(8)));
    pl_expr *ex[] = {e};
    b = t_run(t_limit(PL_LIMIT, t_project(r, 1, ex, NULL), 2));
    CHECK_EQ_STR(t_rows(b), "-1|-1");
    vec_batch_free(b);
    t_end();
}

/* doctest DataFrame.dropDuplicates */
EM_TEST(dedup_doctests)
{
    t_begin(true);
    const char *names[] = {"Alice", "Alice", "Alice"};
    int64_t ages[] = {5, 5, 10}, heights[] = {80, 80, 80};
    vec *cols[3] = {t_strs(3, names), t_fixed(ty_long(), 3, ages, NULL),
                    t_fixed(ty_long(), 3, heights, NULL)};
    const char *nm[3] = {"name", "age", "height"};
    pl_node *df = t_local(3, nm, cols);
    pl_node *d1 = t_unary(PL_DEDUP, df);
    d1->u.dedup.all_columns_as_keys = true;
    CHECK_SHOW(d1, 20, 20, false, DS_DEDUP, "df.dropDuplicates().show()", 0);
    pl_node *d2 = t_unary(PL_DEDUP, df);
    int *keys = em_arena_calloc(&T.a, 2, sizeof *keys);
    keys[0] = 0;
    keys[1] = 2;
    d2->u.dedup.n_keys = 2;
    d2->u.dedup.keys = keys;
    CHECK_SHOW(d2, 20, 20, false, DS_DEDUP, "dropDuplicates(['name', 'height'])", 0);
    t_end();
}

/* doctest functions.sum over spark.range(10), count, mean */
EM_TEST(aggregate_doctests)
{
    t_begin(true);
    pl_node *r = t_range(0, 10, 1);
    pl_expr *aggs[] = {t_call("sum", 1, t_col(r, 0))};
    const char *nm[] = {"sum(id)"};
    CHECK_SHOW(t_aggregate(r, 0, NULL, 1, aggs, nm), 20, 20, false, DS_SUM,
               "df.select(sf.sum(df[\"id\"])).show()", 0);

    const char *alph[] = {NULL, "a", "b", "c"};
    vec *c1[1] = {t_strs(4, alph)};
    const char *n1[] = {"alphabets"};
    pl_node *df = t_local(1, n1, c1);
    pl_expr *cnt_star[] = {t_call("count", 1, t_lit_int(1))};
    const char *ns[] = {"count(1)"};
    CHECK_SHOW(t_aggregate(df, 0, NULL, 1, cnt_star, ns), 20, 20, false, DS_COUNT,
               "sf.count(sf.expr(\"*\"))", 0);
    pl_expr *cnt_col[] = {t_call("count", 1, t_col(df, 0))};
    const char *nc[] = {"count(alphabets)"};
    CHECK_SHOW(t_aggregate(df, 0, NULL, 1, cnt_col, nc), 20, 20, false, DS_COUNT,
               "sf.count(df.alphabets)", 0);

    int64_t birth[] = {1982, 1990, 2000}, age[] = {0, 2, 4};
    vec *c2[2] = {t_fixed(ty_long(), 3, birth, NULL), t_fixed(ty_long(), 3, age, "N..")};
    const char *n2[] = {"birth", "age"};
    pl_node *df2 = t_local(2, n2, c2);
    pl_expr *mean[] = {t_call("mean", 1, t_col(df2, 1))};
    const char *nm2[] = {"avg(age)"};
    CHECK_SHOW(t_aggregate(df2, 0, NULL, 1, mean, nm2), 20, 20, false, DS_MEAN,
               "df.select(sf.mean(\"age\")).show()", 1);
    t_end();
}

/* doctest functions.first: groupby over rows ordered by age (NULL first), ignorenulls off/on */
EM_TEST(first_doctest)
{
    t_begin(true);
    const char *names[] = {"Alice", "Bob", "Alice"};
    int64_t ages[] = {2, 5, 0};
    vec *cols[2] = {t_strs(3, names), t_fixed(ty_long(), 3, ages, "..N")};
    const char *nm[] = {"name", "age"};
    pl_node *df = t_local(2, nm, cols);
    pl_expr *o[] = {t_order(t_col(df, 1), false, true)};
    pl_node *sorted = t_sort(df, 1, o);
    for (int ignore = 0; ignore < 2; ignore++) {
        pl_expr *groups[] = {t_col(sorted, 0)};
        pl_expr *aggs[] = {t_call("first", 2, t_col(sorted, 1), t_lit_bool(ignore))};
        const char *on[] = {"name", "first(age)"};
        pl_node *agg = t_aggregate(sorted, 1, groups, 1, aggs, on);
        pl_expr *o2[] = {t_order(t_col(agg, 0), false, true)};
        CHECK_SHOW(t_sort(agg, 1, o2), 20, 20, false, DS_FIRST, "agg(sf.first(", ignore);
    }
    t_end();
}

/* Global aggregation over no rows yields one row (count 0, others NULL); grouped aggregation
   over no rows yields none; NULL keys form one group (Spark's Aggregate semantics). */
EM_TEST(aggregate_empty_and_null_groups)
{
    t_begin(true);
    pl_node *empty = t_range(0, 0, 1);
    pl_expr *aggs[] = {t_call("count", 1, t_col(empty, 0)), t_call("sum", 1, t_col(empty, 0)),
                       t_call("max", 1, t_col(empty, 0))};
    vec_batch *b = t_run(t_aggregate(empty, 0, NULL, 3, aggs, NULL));
    CHECK_EQ_STR(t_rows(b), "0,NULL,NULL");
    vec_batch_free(b);
    pl_expr *g[] = {t_col(empty, 0)};
    pl_expr *a2[] = {t_call("count", 1, t_col(empty, 0))};
    b = t_run(t_aggregate(empty, 1, g, 1, a2, NULL));
    CHECK(b && b->n_rows == 0);
    vec_batch_free(b);

    const char *k[] = {"x", NULL, "x", NULL, "y"};
    int64_t v[] = {1, 2, 3, 4, 5};
    vec *cols[2] = {t_strs(5, k), t_fixed(ty_long(), 5, v, NULL)};
    const char *nm[] = {"k", "v"};
    pl_node *df = t_local(2, nm, cols);
    pl_expr *gk[] = {t_col(df, 0)};
    pl_expr *ak[] = {t_call("sum", 1, t_col(df, 1)), t_call("count", 1, t_lit_int(1))};
    pl_node *agg = t_aggregate(df, 1, gk, 2, ak, NULL);
    pl_expr *o[] = {t_order(t_col(agg, 0), false, true)};
    b = t_run(t_sort(agg, 1, o));
    CHECK_EQ_STR(t_rows(b), "NULL,6,2|x,4,2|y,5,1");
    vec_batch_free(b);
    t_end();
}

/* count(DISTINCT x) ignores NULLs and duplicates per group (Spark's Count with isDistinct). */
EM_TEST(count_distinct)
{
    t_begin(true);
    int64_t g[] = {1, 1, 1, 2, 2, 1};
    int64_t v[] = {7, 7, 8, 9, 0, 0};
    vec *cols[2] = {t_fixed(ty_long(), 6, g, NULL), t_fixed(ty_long(), 6, v, "....NN")};
    const char *nm[] = {"g", "v"};
    pl_node *df = t_local(2, nm, cols);
    pl_expr *gk[] = {t_col(df, 0)};
    pl_expr *arg[] = {t_col(df, 1)};
    pl_expr *ak[] = {t_callv("count", true, 1, arg), t_call("count", 1, t_col(df, 1))};
    pl_node *agg = t_aggregate(df, 1, gk, 2, ak, NULL);
    pl_expr *o[] = {t_order(t_col(agg, 0), false, true)};
    vec_batch *b = t_run(t_sort(agg, 1, o));
    CHECK_EQ_STR(t_rows(b), "1,2,3|2,1,1");
    vec_batch_free(b);
    t_end();
}

/* doctests functions.when, coalesce, isnan, upper, trim, Column.between (select '*', expr) */
EM_TEST(project_doctests)
{
    t_begin(true);
    pl_node *r = t_range(0, 3, 1);
    pl_expr *w1 =
        t_call("when", 3, t_call("==", 2, t_col(r, 0), t_lit_int(2)), t_lit_int(3), t_lit_int(4));
    pl_expr *e1[] = {t_col(r, 0), w1};
    const char *n1[] = {"id", "CASE WHEN (id = 2) THEN 3 ELSE 4 END"};
    CHECK_SHOW(t_project(r, 2, e1, n1), 20, 20, false, DS_WHEN, "otherwise(4)", 0);
    pl_expr *w2 = t_call("when", 2, t_call("==", 2, t_col(r, 0), t_lit_int(2)),
                         t_call("+", 2, t_col(r, 0), t_lit_int(1)));
    pl_expr *e2[] = {t_col(r, 0), w2};
    const char *n2[] = {"id", "CASE WHEN (id = 2) THEN (id + 1) END"};
    CHECK_SHOW(t_project(r, 2, e2, n2), 20, 20, false, DS_WHEN, "df.id + 1", 0);

    int64_t a[] = {0, 1, 0}, bb[] = {0, 0, 2};
    vec *cc[2] = {t_fixed(ty_long(), 3, a, "N.N"), t_fixed(ty_long(), 3, bb, "NN.")};
    const char *cn[] = {"a", "b"};
    pl_node *df = t_local(2, cn, cc);
    CHECK_SHOW(df, 20, 20, false, DS_COALESCE, "df.show()", 0);
    pl_expr *co[] = {t_col(df, 0), t_col(df, 1), t_call("coalesce", 2, t_col(df, 0), t_col(df, 1))};
    const char *con[] = {"a", "b", "coalesce(a, b)"};
    CHECK_SHOW(t_project(df, 3, co, con), 20, 20, false, DS_COALESCE,
               "sf.coalesce(\"a\", df[\"b\"])", 0);
    pl_expr *co2[] = {t_col(df, 0), t_col(df, 1),
                      t_call("coalesce", 2, t_col(df, 0), t_lit_double(0.0))};
    const char *con2[] = {"a", "b", "coalesce(a, 0.0)"};
    CHECK_SHOW(t_project(df, 3, co2, con2), 20, 20, false, DS_COALESCE, "lit(0.0)", 0);

    double na[] = {1.0, NAN}, nb[] = {NAN, 2.0};
    vec *nc[2] = {t_fixed(ty_double(), 2, na, NULL), t_fixed(ty_double(), 2, nb, NULL)};
    pl_node *ndf = t_local(2, cn, nc);
    pl_expr *ne[] = {t_col(ndf, 0), t_col(ndf, 1), t_call("isnan", 1, t_col(ndf, 0)),
                     t_call("isnan", 1, t_col(ndf, 1))};
    const char *nn[] = {"a", "b", "isnan(a)", "isnan(b)"};
    CHECK_SHOW(t_project(ndf, 4, ne, nn), 20, 20, false, DS_ISNAN, "sf.isnan(\"a\")", 0);

    const char *sv[] = {"Spark", "PySpark", "Pandas API"};
    vec *sc[1] = {t_strs(3, sv)};
    const char *vn[] = {"value"};
    pl_node *sdf = t_local(1, vn, sc);
    pl_expr *ue[] = {t_col(sdf, 0), t_call("upper", 1, t_col(sdf, 0))};
    const char *un[] = {"value", "upper(value)"};
    CHECK_SHOW(t_project(sdf, 2, ue, un), 20, 20, false, DS_UPPER, "sf.upper(\"value\")", 0);

    const char *tv[] = {"   Spark", "Spark  ", " Spark"};
    vec *tc[1] = {t_strs(3, tv)};
    pl_node *tdf = t_local(1, vn, tc);
    pl_expr *te[] = {t_col(tdf, 0), t_call("trim", 1, t_col(tdf, 0))};
    const char *tn[] = {"value", "trim(value)"};
    CHECK_SHOW(t_project(tdf, 2, te, tn), 20, 20, false, DS_TRIM, "sf.trim(\"value\")", 0);
    const char *tv2[] = {"***Spark", "Spark**", "*Spark"};
    vec *tc2[1] = {t_strs(3, tv2)};
    pl_node *tdf2 = t_local(1, vn, tc2);
    pl_expr *te2[] = {t_col(tdf2, 0), t_call("trim", 2, t_lit_str("*"), t_col(tdf2, 0))};
    const char *tn2[] = {"value", "TRIM(BOTH * FROM value)"};
    CHECK_SHOW(t_project(tdf2, 2, te2, tn2), 20, 20, false, DS_TRIM, "sf.lit(\"*\")", 0);

    int64_t ages[] = {2, 5};
    const char *names[] = {"Alice", "Bob"};
    pl_node *pdf = people(2, ages, names);
    pl_expr *bt = t_call("and", 2, t_call(">=", 2, t_col(pdf, 0), t_lit_int(2)),
                         t_call("<=", 2, t_col(pdf, 0), t_lit_int(4)));
    pl_expr *be[] = {t_col(pdf, 1), bt};
    const char *bn[] = {"name", "((age >= 2) AND (age <= 4))"};
    CHECK_SHOW(t_project(pdf, 2, be, bn), 20, 20, false, DS_BETWEEN, "df.age.between(2, 4)", 0);
    t_end();
}

/* Dataset.showString rules: truncate=0 left-aligns, truncate>0 right-aligns and cuts to
   truncate-3 chars + "...", a footer "only showing top N row(s)" when rows remain, vertical
   "-RECORD i" blocks, "(0 rows)" for an empty vertical result, escaped control characters,
   full-width characters counting double. */
EM_TEST(show_string_rules)
{
    t_begin(true);
    const char *s[] = {"a long string value", "b\nc", "日本"};
    vec *c[1] = {t_strs(3, s)};
    const char *n[] = {"col"};
    pl_node *df = t_local(1, n, c);
    CHECK_EQ_STR(t_show(df, 20, 0, false), "+-------------------+\n"
                                           "|col                |\n"
                                           "+-------------------+\n"
                                           "|a long string value|\n"
                                           "|b\\nc               |\n"
                                           "|日本               |\n"
                                           "+-------------------+\n");
    CHECK_EQ_STR(t_show(df, 20, 10, false), "+----------+\n"
                                            "|       col|\n"
                                            "+----------+\n"
                                            "|a long ...|\n"
                                            "|      b\\nc|\n"
                                            "|      日本|\n"
                                            "+----------+\n");
    CHECK_EQ_STR(t_show(df, 2, 20, false), "+-------------------+\n"
                                           "|                col|\n"
                                           "+-------------------+\n"
                                           "|a long string value|\n"
                                           "|               b\\nc|\n"
                                           "+-------------------+\n"
                                           "only showing top 2 rows");
    CHECK_EQ_STR(t_show(df, 1, 2, false), "+---+\n"
                                          "|col|\n"
                                          "+---+\n"
                                          "| a |\n"
                                          "+---+\n"
                                          "only showing top 1 row");
    CHECK_EQ_STR(t_show(df, 1, 20, true), "-RECORD 0------------------\n"
                                          " col | a long string value \n"
                                          "only showing top 1 row");
    CHECK_EQ_STR(t_show(t_limit(PL_LIMIT, df, 0), 20, 20, true), "(0 rows)");
    t_end();
}

/* ANSI: DIVIDE_BY_ZERO; legacy: NULL. Lazy branches (Spark's CaseWhen / And evaluate
   conditionally) never divide by zero. */
EM_TEST(ansi_errors_and_lazy_branches)
{
    t_begin(true);
    pl_node *r = t_range(0, 3, 1);
    pl_expr *div = t_call("/", 2, t_lit_int(1), t_col(r, 0));
    pl_expr *e[] = {div};
    CHECK(t_run(t_project(r, 1, e, NULL)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DIVIDE_BY_ZERO");
    pl_expr *guarded = t_call("when", 2, t_call("!=", 2, t_col(r, 0), t_lit_long(0)),
                              t_call("/", 2, t_lit_int(1), t_col(r, 0)));
    pl_expr *e2[] = {guarded};
    vec_batch *b = t_run(t_project(r, 1, e2, NULL));
    CHECK_EQ_STR(t_rows(b), "NULL|1.0|0.5");
    vec_batch_free(b);
    pl_expr *andx =
        t_call("and", 2, t_call("!=", 2, t_col(r, 0), t_lit_long(0)),
               t_call(">", 2, t_call("/", 2, t_lit_int(1), t_col(r, 0)), t_lit_double(0.6)));
    b = t_run(t_filter(r, andx));
    CHECK_EQ_STR(t_rows(b), "1");
    vec_batch_free(b);
    t_end();

    t_begin(false);
    r = t_range(0, 3, 1);
    pl_expr *d2[] = {t_call("/", 2, t_lit_int(1), t_col(r, 0))};
    b = t_run(t_project(r, 1, d2, NULL));
    CHECK_EQ_STR(t_rows(b), "NULL|1.0|0.5");
    vec_batch_free(b);
    t_end();
}

/* Filter keeps rows where the condition is TRUE (not NULL, not FALSE). */
EM_TEST(filter_three_valued)
{
    t_begin(true);
    int64_t v[] = {1, 2, 3, 4};
    vec *c[1] = {t_fixed(ty_long(), 4, v, ".N..")};
    const char *n[] = {"v"};
    pl_node *df = t_local(1, n, c);
    vec_batch *b = t_run(t_filter(df, t_call(">", 2, t_col(df, 0), t_lit_int(1))));
    CHECK_EQ_STR(t_rows(b), "3|4");
    vec_batch_free(b);
    b = t_run(t_filter(df, t_call("isnull", 1, t_col(df, 0))));
    CHECK_EQ_STR(t_rows(b), "NULL");
    vec_batch_free(b);
    t_end();
}

/* ex_cancel: the next pull fails with OPERATION_CANCELED. */
EM_TEST(cancel)
{
    t_begin(true);
    em_error err;
    em_error_clear(&err);
    ex_query *q = ex_open(t_range(0, 100000, 1), &T.opts, &err);
    CHECK(q != NULL);
    vec_batch *b = NULL;
    CHECK_EQ_INT(ex_next(q, &b, &err), 1);
    vec_batch_free(b);
    ex_cancel(q);
    CHECK(ex_next(q, &b, &err) < 0);
    CHECK_EQ_STR(err.error_class, "OPERATION_CANCELED");
    ex_close(q);
    t_end();
}

static pl_node *t_join(pl_node *l, pl_node *r, pl_join_type type, pl_expr *cond)
{
    pl_node *n = pl_node_new(&T.a, PL_JOIN, 2);
    n->children[0] = l;
    n->children[1] = r;
    n->u.join.type = type;
    n->u.join.cond = cond;
    bool semi = type == PL_JOIN_LEFT_SEMI || type == PL_JOIN_LEFT_ANTI;
    n->n_out = l->n_out + (semi ? 0 : r->n_out);
    n->out = em_arena_calloc(&T.a, (size_t)n->n_out, sizeof *n->out);
    for (int i = 0; i < l->n_out; i++)
        n->out[i] = l->out[i];
    for (int i = 0; !semi && i < r->n_out; i++)
        n->out[l->n_out + i] = r->out[i];
    n->resolved = true;
    return n;
}

/* Join types with an equi-condition: NULL keys never match; unmatched sides are NULL-padded
   (Spark's join semantics). Results sorted for comparison. */
EM_TEST(hash_joins)
{
    t_begin(true);
    int64_t lk[] = {1, 2, 3, 0};
    const char *lv[] = {"a", "b", "c", "n"};
    vec *lc[2] = {t_fixed(ty_long(), 4, lk, "...N"), t_strs(4, lv)};
    const char *ln[] = {"k", "lv"};
    pl_node *l = t_local(2, ln, lc);
    int64_t rk[] = {2, 3, 3, 4, 0};
    const char *rv[] = {"x", "y", "z", "w", "m"};
    vec *rc[2] = {t_fixed(ty_long(), 5, rk, "....N"), t_strs(5, rv)};
    const char *rn[] = {"k2", "rv"};
    pl_node *r = t_local(2, rn, rc);
    struct {
        pl_join_type type;
        const char *want;
    } cases[] = {
        {PL_JOIN_INNER, "2,b,2,x|3,c,3,y|3,c,3,z"},
        {PL_JOIN_LEFT_OUTER, "NULL,n,NULL,NULL|1,a,NULL,NULL|2,b,2,x|3,c,3,y|3,c,3,z"},
        {PL_JOIN_RIGHT_OUTER, "NULL,NULL,NULL,m|NULL,NULL,4,w|2,b,2,x|3,c,3,y|3,c,3,z"},
        {PL_JOIN_FULL_OUTER, "NULL,NULL,NULL,m|NULL,NULL,4,w|NULL,n,NULL,NULL|1,a,NULL,NULL|"
                             "2,b,2,x|3,c,3,y|3,c,3,z"},
        {PL_JOIN_LEFT_SEMI, "2,b|3,c"},
        {PL_JOIN_LEFT_ANTI, "NULL,n|1,a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pl_node *j =
            t_join(l, r, cases[i].type,
                   t_call("==", 2, t_colref(0, ty_long(), "k"), t_colref(2, ty_long(), "k2")));
        pl_expr **o = em_arena_calloc(&T.a, (size_t)j->n_out, sizeof *o);
        for (int c = 0; c < j->n_out; c++)
            o[c] = t_order(t_col(j, c), false, true);
        vec_batch *b = t_run(t_sort(j, j->n_out, o));
        CHECK_EQ_STR(t_rows(b), cases[i].want);
        vec_batch_free(b);
    }
    /* cross join with a residual condition */
    pl_node *j = t_join(l, r, PL_JOIN_CROSS,
                        t_call("<", 2, t_colref(0, ty_long(), "k"), t_colref(2, ty_long(), "k2")));
    pl_node *agg =
        t_aggregate(j, 0, NULL, 1, (pl_expr *[]){t_call("count", 1, t_lit_int(1))}, NULL);
    vec_batch *b = t_run(agg);
    /* pairs with k < k2: 1<{2,3,3,4}=4, 2<{3,3,4}=3, 3<{4}=1 */
    CHECK_EQ_STR(t_rows(b), "8");
    vec_batch_free(b);
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
