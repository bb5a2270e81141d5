/*
 * Aggregate function tests (src/functions/fn_agg_*.c): values, result types, NULL rules and
 * errors of the statistical, boolean / bitwise, collection, percentile and TRY aggregates,
 * through the executor's aggregation, and every aggregate's merge of partial states.
 *
 * Expected values cite Spark: the ExpressionDescription examples of Spark's aggregate classes
 * (the SQL function reference, `SELECT f(col) FROM VALUES ... AS tab(col)`), the golden files
 * linear-regression.sql.out / try_aggregates.sql.out / count.sql.out, and the PySpark doctest
 * captures (pyspark.sql.connect.functions.builtin.<name>/cases.json).
 */

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include "../exec/ex_test_util.h"
#include <math.h>

#include "types/ty_dec.h"

/* ---- fixtures ------------------------------------------------------------------------------ */

/* A NULL-able int column from a string like "1,2,N,4" (N = NULL). */
static vec *tv_ints(const char *spec)
{
    vec *v = vec_new(ty_int(), 8);
    const char *p = spec;
    while (*p) {
        if (*p == 'N') {
            vec_append_null(v);
            p++;
        } else {
            char *end;
            long x = strtol(p, &end, 10);
            vec_reserve(v, v->len + 1);
            VEC_VALUES(v, int32_t)[v->len] = (int32_t)x;
            vec_set_valid(v, v->len);
            v->len++;
            p = end;
        }
        if (*p == ',')
            p++;
    }
    return v;
}

/* A bigint column from a spec like tv_ints. */
static vec *tv_longs(const char *spec)
{
    vec *i = tv_ints(spec);
    vec *v = vec_new(ty_long(), i->len);
    for (int64_t r = 0; r < i->len; r++) {
        if (vec_is_null(i, r)) {
            vec_append_null(v);
            continue;
        }
        vec_reserve(v, v->len + 1);
        VEC_VALUES(v, int64_t)[v->len] = VEC_VALUES(i, int32_t)[r];
        vec_set_valid(v, v->len);
        v->len++;
    }
    vec_release(i);
    return v;
}

/* A boolean column from "t,f,N". */
static vec *tv_bools(const char *spec)
{
    vec *v = vec_new(ty_boolean(), 8);
    for (const char *p = spec; *p; p++) {
        if (*p == ',')
            continue;
        if (*p == 'N') {
            vec_append_null(v);
            continue;
        }
        vec_reserve(v, v->len + 1);
        VEC_VALUES(v, uint8_t)[v->len] = *p == 't';
        vec_set_valid(v, v->len);
        v->len++;
    }
    return v;
}

/* One-column relation "col". */
static pl_node *tl1(vec *col)
{
    const char *nm[] = {"col"};
    vec *c[] = {col};
    return t_local(1, nm, c);
}

/* Two-column relation (names a, b). */
static pl_node *tl2(const char *a, vec *ca, const char *b, vec *cb)
{
    const char *nm[] = {a, b};
    vec *c[] = {ca, cb};
    return t_local(2, nm, c);
}

/* The single row of a global aggregate of `call` over df, as show() prints it. */
static const char *agg_text(pl_node *df, pl_expr *call)
{
    static char buf[16384];
    if (!call)
        return "(bind error)";
    pl_expr *aggs[] = {call};
    vec_batch *b = t_run(t_aggregate(df, 0, NULL, 1, aggs, NULL));
    if (!b)
        return "(error)";
    /* formatted here, not with t_rows: its cells are cut at 4 KiB (4096-byte bitmaps are not) */
    em_str s;
    em_str_init(&s, 0);
    ty_format_value(b->cols[0], 0, &T.opts, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    vec_batch_free(b);
    return buf;
}

/* Rows "key,value|..." of an aggregate grouped by column 0 of df. */
static const char *group_text(pl_node *df, pl_expr *call)
{
    static char buf[16384];
    if (!call)
        return "(bind error)";
    pl_expr **groups = em_arena_calloc(&T.a, 1, sizeof *groups);
    groups[0] = t_col(df, 0);
    pl_expr *aggs[] = {call};
    vec_batch *b = t_run(t_aggregate(df, 1, groups, 1, aggs, NULL));
    if (!b)
        return "(error)";
    snprintf(buf, sizeof buf, "%s", t_rows(b));
    vec_batch_free(b);
    return buf;
}

static const char *type_of(const pl_expr *e)
{
    static char buf[256];
    if (!e)
        return "(bind error)";
    em_str s;
    em_str_init(&s, 0);
    ty_simple_string(e->type, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

static const char *param(const char *name)
{
    const char *v = em_error_param_get(&T.err, name);
    return v ? v : "(missing)";
}

static pl_expr *c0(pl_node *df)
{
    return t_col(df, 0);
}
static pl_expr *c1(pl_node *df)
{
    return t_col(df, 1);
}

/* Row 0 of v as show() prints it. */
static const char *t_cell_vec(const vec *v)
{
    static char buf[16384];
    em_str s;
    em_str_init(&s, 0);
    ty_format_value(v, 0, &T.opts, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

/*
 * Partial aggregation: rows [0, split) update one state, [split, n) another, the second is
 * merged into the first and the result finalized; must equal the single-state result. Argument
 * vectors are the bound arguments evaluated over df.
 */
static const char *merged_text(pl_node *df, pl_expr *call, int64_t split)
{
    static char buf[16384];
    if (!call)
        return "(bind error)";
    vec_batch *args = t_run(t_project(df, call->n_args, call->args, NULL));
    if (!args)
        return "(error)";
    const fn_agg_ops *ops = call->fn->agg;
    size_t size = (size_t)ops->state_size(call);
    void *s1 = em_calloc(1, size), *s2 = em_calloc(1, size);
    ops->init(call, s1);
    ops->init(call, s2);
    int64_t n = args->n_rows;
    void **states = em_calloc((size_t)(n ? n : 1), sizeof *states);
    for (int64_t r = 0; r < n; r++)
        states[r] = r < split ? s1 : s2;
    fn_ctx ctx = {.opts = &T.opts, .scratch = &T.a};
    vec *out = vec_new(call->type, 1);
    int rc = ops->update(call, states, args->cols, n, &ctx, &T.err);
    if (rc == 0)
        rc = ops->merge(call, s1, s2, &ctx, &T.err);
    if (rc == 0)
        rc = ops->final(call, s1, out, &ctx, &T.err);
    snprintf(buf, sizeof buf, "%s", rc ? "(error)" : t_cell_vec(out));
    if (ops->destroy) {
        ops->destroy(call, s1);
        ops->destroy(call, s2);
    }
    vec_release(out);
    em_free(states);
    em_free(s1);
    em_free(s2);
    vec_batch_free(args);
    return buf;
}

/* Spark's reference answers for SQL examples come from a local[2] session: LocalTableScan
   slices n rows into [0, n/2) and [n/2, n) (ParallelCollectionRDD), each slice aggregates a
   partial state and the final phase merges them in order. */
static const char *spark2(pl_node *df, pl_expr *call)
{
    int64_t rows = 0;
    for (int k = 0; k < df->u.local.n_batches; k++)
        rows += df->u.local.batches[k]->n_rows;
    return merged_text(df, call, rows / 2);
}

static bool starts(const char *got, const char *prefix)
{
    return strncmp(got, prefix, strlen(prefix)) == 0;
}

/* ---- statistics ---------------------------------------------------------------------------- */

/* CentralMomentAgg.scala examples: VALUES (1), (2), (3) and the skewness / kurtosis sets
   (aggregated as Spark's local[2] session does, see spark2). */
EM_TEST(stat_moments_docs)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("1,2,3"));
    CHECK_EQ_STR(spark2(df, t_call("stddev_pop", 1, c0(df))), "0.816496580927726");
    CHECK_EQ_STR(spark2(df, t_call("stddev_samp", 1, c0(df))), "1.0");
    CHECK_EQ_STR(spark2(df, t_call("stddev", 1, c0(df))), "1.0");
    CHECK_EQ_STR(spark2(df, t_call("std", 1, c0(df))), "1.0");
    CHECK_EQ_STR(spark2(df, t_call("var_pop", 1, c0(df))), "0.6666666666666666");
    CHECK_EQ_STR(spark2(df, t_call("var_samp", 1, c0(df))), "1.0");
    CHECK_EQ_STR(spark2(df, t_call("variance", 1, c0(df))), "1.0");
    CHECK_EQ_STR(type_of(t_call("variance", 1, c0(df))), "double");
    pl_node *d2 = tl1(tv_ints("-10,-20,100,1000"));
    CHECK_EQ_STR(spark2(d2, t_call("skewness", 1, c0(d2))), "1.1135657469022011");
    CHECK_EQ_STR(spark2(d2, t_call("kurtosis", 1, c0(d2))), "-0.7014368047529627");
    pl_node *d3 = tl1(tv_ints("-1000,-100,10,20"));
    CHECK_EQ_STR(spark2(d3, t_call("skewness", 1, c0(d3))), "-1.1135657469022011");
    pl_node *d4 = tl1(tv_ints("1,10,100,10,1"));
    CHECK_EQ_STR(spark2(d4, t_call("kurtosis", 1, c0(d4))), "0.19432323191699075");
    t_end();
}

/* Doctest captures: spark.range(6) stddev / stddev_samp 1.8708286933869..., stddev_pop
   1.707825127659..., var_pop 2.9166666666666...; skewness of [1, 1, 2] 0.7071067811865... */
EM_TEST(stat_moments_doctests)
{
    t_begin(true);
    pl_node *r = t_range(0, 6, 1);
    CHECK(starts(agg_text(r, t_call("stddev", 1, c0(r))), "1.8708286933869"));
    CHECK(starts(agg_text(r, t_call("stddev_samp", 1, c0(r))), "1.8708286933869"));
    CHECK(starts(agg_text(r, t_call("stddev_pop", 1, c0(r))), "1.707825127659"));
    CHECK(starts(agg_text(r, t_call("var_pop", 1, c0(r))), "2.9166666666666"));
    pl_node *df = tl1(tv_longs("1,1,2"));
    CHECK(starts(agg_text(df, t_call("skewness", 1, c0(df))), "0.7071067811865"));
    t_end();
}

/* Spark 3.1 migration guide: with spark.sql.legacy.statisticalAggregate=false (default) the
   sample statistics return NULL instead of NaN on a divide by zero (one row; m2 = 0 for
   skewness / kurtosis); empty groups give NULL; population statistics of one row are 0.0. */
EM_TEST(stat_divide_by_zero)
{
    t_begin(true);
    pl_node *one = tl1(tv_ints("5"));
    const char *samp[] = {"stddev_samp", "stddev", "var_samp", "variance", "skewness", "kurtosis"};
    for (size_t k = 0; k < sizeof samp / sizeof samp[0]; k++)
        CHECK_EQ_STR(agg_text(one, t_call(samp[k], 1, c0(one))), "NULL");
    CHECK_EQ_STR(agg_text(one, t_call("stddev_pop", 1, c0(one))), "0.0");
    CHECK_EQ_STR(agg_text(one, t_call("var_pop", 1, c0(one))), "0.0");
    pl_node *two = tl2("a", tv_ints("1"), "b", tv_ints("2"));
    CHECK_EQ_STR(agg_text(two, t_call("covar_samp", 2, c0(two), c1(two))), "NULL");
    CHECK_EQ_STR(agg_text(two, t_call("corr", 2, c0(two), c1(two))), "NULL");
    CHECK_EQ_STR(agg_text(two, t_call("covar_pop", 2, c0(two), c1(two))), "0.0");
    pl_node *none = tl1(tv_ints("N,N"));
    CHECK_EQ_STR(agg_text(none, t_call("stddev_pop", 1, c0(none))), "NULL");
    CHECK_EQ_STR(agg_text(none, t_call("kurtosis", 1, c0(none))), "NULL");
    CHECK_EQ_STR(agg_text(none, t_call("product", 1, c0(none))), "NULL");
    T.opts.legacy_statistical_aggregate = true;
    for (size_t k = 0; k < sizeof samp / sizeof samp[0]; k++)
        CHECK_EQ_STR(agg_text(one, t_call(samp[k], 1, c0(one))), "NaN");
    CHECK_EQ_STR(agg_text(two, t_call("covar_samp", 2, c0(two), c1(two))), "NaN");
    CHECK_EQ_STR(agg_text(two, t_call("corr", 2, c0(two), c1(two))), "NaN");
    CHECK_EQ_STR(agg_text(none, t_call("stddev_samp", 1, c0(none))), "NULL");
    t_end();
}

/* Covariance.scala / Corr.scala examples (local[2], see spark2); corr / covar_pop doctests
   (b = 2a -> 1.0, constant columns -> 0.0). */
EM_TEST(stat_covariance)
{
    t_begin(true);
    pl_node *df = tl2("c1", tv_ints("1,2,3"), "c2", tv_ints("1,2,3"));
    CHECK_EQ_STR(spark2(df, t_call("covar_pop", 2, c0(df), c1(df))), "0.6666666666666666");
    CHECK_EQ_STR(spark2(df, t_call("covar_samp", 2, c0(df), c1(df))), "1.0");
    pl_node *d2 = tl2("c1", tv_ints("3,3,6"), "c2", tv_ints("2,3,4"));
    CHECK_EQ_STR(spark2(d2, t_call("corr", 2, c0(d2), c1(d2))), "0.8660254037844387");
    char a[256] = "", b[256] = "";
    size_t na = 0, nb = 0;
    for (int i = 0; i < 20; i++) {
        na += (size_t)snprintf(a + na, sizeof a - na, "%s%d", i ? "," : "", i);
        nb += (size_t)snprintf(b + nb, sizeof b - nb, "%s%d", i ? "," : "", 2 * i);
    }
    pl_node *d3 = tl2("a", tv_longs(a), "b", tv_longs(b));
    CHECK_EQ_STR(agg_text(d3, t_call("corr", 2, c0(d3), c1(d3))), "1.0");
    pl_node *d4 = tl2("a", tv_longs("1,1,1,1,1,1,1,1,1,1"), "b", tv_longs("1,1,1,1,1,1,1,1,1,1"));
    CHECK_EQ_STR(agg_text(d4, t_call("covar_pop", 2, c0(d4), c1(d4))), "0.0");
    t_end();
}

/* linearRegression.scala examples, per function, on its five VALUES sets (local[2], see
   spark2). */
EM_TEST(stat_regression_docs)
{
    t_begin(true);
    static const char *ys[] = {"1,2,2,2", "1", "N", "1,2,2,2", "1,2,N,2"};
    static const char *xs[] = {"2,2,3,4", "N", "1", "2,N,3,4", "2,N,3,4"};
    static const struct {
        const char *fn;
        const char *want[5];
    } cases[] = {
        {"regr_count", {"4", "0", "0", "3", "2"}},
        {"regr_avgx", {"2.75", "NULL", "NULL", "3.0", "3.0"}},
        {"regr_avgy", {"1.75", "NULL", "NULL", "1.6666666666666667", "1.5"}},
        {"regr_r2", {"0.2727272727272727", "NULL", "NULL", "0.7500000000000001", "1.0"}},
        {"regr_sxx", {"2.75", "NULL", "NULL", "2.0", "2.0"}},
        {"regr_sxy", {"0.75", "NULL", "NULL", "1.0", "1.0"}},
        {"regr_syy", {"0.75", "NULL", "NULL", "0.6666666666666666", "0.5"}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (int k = 0; k < 5; k++) {
            pl_node *df = tl2("y", tv_ints(ys[k]), "x", tv_ints(xs[k]));
            CHECK_EQ_STR(spark2(df, t_call(cases[c].fn, 2, c0(df), c1(df))), cases[c].want[k]);
        }
    /* regr_slope / regr_intercept: their own example sets */
    static const char *ys2[] = {"1,2,3,4", "1", "N", "1,2,3,4", "1,2,N,4"};
    static const char *xs2[] = {"1,2,3,4", "N", "1", "1,N,3,4", "1,N,3,4"};
    static const char *slope[] = {"1.0", "NULL", "NULL", "1.0", "1.0"};
    static const char *icpt[] = {"0.0", "NULL", "NULL", "0.0", "0.0"};
    for (int k = 0; k < 5; k++) {
        pl_node *df = tl2("y", tv_ints(ys2[k]), "x", tv_ints(xs2[k]));
        CHECK_EQ_STR(spark2(df, t_call("regr_slope", 2, c0(df), c1(df))), slope[k]);
        CHECK_EQ_STR(spark2(df, t_call("regr_intercept", 2, c0(df), c1(df))), icpt[k]);
    }
    pl_node *df = tl2("y", tv_ints("1"), "x", tv_ints("2"));
    CHECK_EQ_STR(type_of(t_call("regr_count", 2, c0(df), c1(df))), "bigint");
    CHECK_EQ_STR(type_of(t_call("regr_avgx", 2, c0(df), c1(df))), "double");
    t_end();
}

/* linear-regression.sql.out: testRegression(k, y, x). The golden session runs local[2]: the
   VALUES relation is split into rows [0, 3) and [3, 6), each partition aggregates, and the
   final phase merges the partials; merged_text reproduces that split (the last bits of the
   online formulas depend on it). The k = 2 group is rows 1-5: 2 rows in the first partition. */
EM_TEST(stat_regression_golden)
{
    t_begin(true);
    const char *nm[] = {"k", "y", "x"};
    vec *cols[] = {tv_ints("1,2,2,2,2,2"), tv_ints("10,10,20,25,30,N"), tv_ints("N,11,22,N,35,40")};
    pl_node *df = t_local(3, nm, cols);
    pl_expr *y = t_col(df, 1), *x = t_col(df, 2);
    CHECK_EQ_STR(agg_text(df, t_call("regr_count", 2, y, x)), "3");
    CHECK_EQ_STR(group_text(df, t_call("regr_count", 2, y, x)), "1,0|2,3");
    CHECK_EQ_STR(merged_text(df, t_call("regr_r2", 2, y, x), 3), "0.997690531177829");
    CHECK_EQ_STR(agg_text(df, t_call("regr_avgx", 2, y, x)), "22.666666666666668");
    CHECK_EQ_STR(agg_text(df, t_call("regr_avgy", 2, y, x)), "20.0");
    CHECK_EQ_STR(merged_text(df, t_call("regr_sxx", 2, y, x), 3), "288.6666666666667");
    CHECK_EQ_STR(merged_text(df, t_call("regr_sxy", 2, y, x), 3), "240.0");
    CHECK_EQ_STR(merged_text(df, t_call("regr_syy", 2, y, x), 3), "200.0");
    CHECK_EQ_STR(merged_text(df, t_call("regr_slope", 2, y, x), 3), "0.8314087759815242");
    CHECK_EQ_STR(merged_text(df, t_call("regr_intercept", 2, y, x), 3), "1.1547344110854496");
    /* GROUP BY k: k = 1 has no complete pair */
    CHECK(starts(group_text(df, t_call("regr_sxx", 2, y, x)), "1,NULL|2,288.666666666666"));
    const char *g1 = group_text(df, t_call("corr", 2, y, x));
    CHECK(starts(g1, "1,NULL|2,"));
    vec *c2[] = {tv_ints("2,2,2,2,2"), tv_ints("10,20,25,30,N"), tv_ints("11,22,N,35,40")};
    pl_node *k2 = t_local(3, nm, c2);
    pl_expr *y2 = t_col(k2, 1), *x2 = t_col(k2, 2);
    CHECK_EQ_STR(merged_text(k2, t_call("corr", 2, y2, x2), 2), "0.9988445981121533");
    CHECK_EQ_STR(merged_text(k2, t_call("regr_r2", 2, y2, x2), 2), "0.997690531177829");
    CHECK_EQ_STR(merged_text(k2, t_call("regr_sxx", 2, y2, x2), 2), "288.6666666666667");
    CHECK_EQ_STR(merged_text(k2, t_call("regr_slope", 2, y2, x2), 2), "0.8314087759815242");
    CHECK_EQ_STR(merged_text(k2, t_call("regr_intercept", 2, y2, x2), 2), "1.1547344110854496");
    t_end();
}

/* pyspark product() docstring: SELECT id % 3 AS mod3, id FROM RANGE(10) grouped by mod3 ->
   0.0, 28.0, 80.0. */
EM_TEST(stat_product)
{
    t_begin(true);
    pl_node *df =
        tl2("mod3", tv_longs("0,1,2,0,1,2,0,1,2,0"), "value", tv_longs("0,1,2,3,4,5,6,7,8,9"));
    CHECK_EQ_STR(group_text(df, t_call("product", 1, c1(df))), "0,0.0|1,28.0|2,80.0");
    CHECK_EQ_STR(type_of(t_call("product", 1, c1(df))), "double");
    pl_node *d2 = tl1(tv_ints("2,N,3"));
    CHECK_EQ_STR(agg_text(d2, t_call("product", 1, c0(d2))), "6.0");
    t_end();
}

/* ---- booleans, bits, count_if, max_by / min_by ---------------------------------------------- */

/* boolAggregates.scala examples; every doctest. */
EM_TEST(bool_aggregates)
{
    t_begin(true);
    static const struct {
        const char *fn, *in, *want;
    } cases[] = {
        {"bool_and", "t,t,t", "true"},  {"bool_and", "N,t,t", "true"},
        {"bool_and", "t,f,t", "false"}, {"every", "t,f,t", "false"},
        {"every", "f,f,f", "false"},    {"bool_or", "t,f,f", "true"},
        {"bool_or", "N,t,f", "true"},   {"bool_or", "f,f,N", "false"},
        {"some", "N,t,f", "true"},      {"any", "f,f,N", "false"},
        {"bool_and", "N,N", "NULL"},    {"bool_or", "N", "NULL"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pl_node *df = tl1(tv_bools(cases[k].in));
        CHECK_EQ_STR(agg_text(df, t_call(cases[k].fn, 1, c0(df))), cases[k].want);
    }
    t_end();
}

/* bitwiseAggregates.scala examples (3, 5 -> and 1, or 7, xor 6); bit_and / bit_or doctests
   ([1, 1, 2] -> 0 / 3, NULL skipped, all NULL -> NULL, the input type kept). */
EM_TEST(bit_aggregates)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("3,5"));
    CHECK_EQ_STR(agg_text(df, t_call("bit_and", 1, c0(df))), "1");
    CHECK_EQ_STR(agg_text(df, t_call("bit_or", 1, c0(df))), "7");
    CHECK_EQ_STR(agg_text(df, t_call("bit_xor", 1, c0(df))), "6");
    CHECK_EQ_STR(type_of(t_call("bit_xor", 1, c0(df))), "int");
    pl_node *d2 = tl1(tv_longs("1,1,2"));
    CHECK_EQ_STR(agg_text(d2, t_call("bit_and", 1, c0(d2))), "0");
    CHECK_EQ_STR(agg_text(d2, t_call("bit_or", 1, c0(d2))), "3");
    CHECK_EQ_STR(type_of(t_call("bit_or", 1, c0(d2))), "bigint");
    pl_node *d3 = tl1(tv_longs("1,N,2"));
    CHECK_EQ_STR(agg_text(d3, t_call("bit_and", 1, c0(d3))), "0");
    pl_node *d4 = tl1(tv_ints("N,N,N"));
    CHECK_EQ_STR(agg_text(d4, t_call("bit_and", 1, c0(d4))), "NULL");
    CHECK_EQ_STR(agg_text(d4, t_call("bit_or", 1, c0(d4))), "NULL");
    t_end();
}

/* CountIf.scala examples: count_if(col % 2 = 0) over (NULL), (0), (1), (2), (3) -> 2 and
   count_if(col IS NULL) -> 1 (the predicates' values given directly). */
EM_TEST(count_if)
{
    t_begin(true);
    pl_node *df = tl1(tv_bools("N,t,f,t,f"));
    CHECK_EQ_STR(agg_text(df, t_call("count_if", 1, c0(df))), "2");
    pl_node *d2 = tl1(tv_bools("t,f,f,f,f"));
    CHECK_EQ_STR(agg_text(d2, t_call("count_if", 1, c0(d2))), "1");
    pl_node *d3 = tl1(tv_bools("N"));
    CHECK_EQ_STR(agg_text(d3, t_call("count_if", 1, c0(d3))), "0");
    CHECK_EQ_STR(type_of(t_call("count_if", 1, c0(d3))), "bigint");
    t_end();
}

/* MaxByAndMinBy.scala examples and the max_by / min_by doctests (grouped). */
EM_TEST(max_by_min_by)
{
    t_begin(true);
    const char *xs[] = {"a", "b", "c"};
    pl_node *df = tl2("x", t_strs(3, xs), "y", tv_ints("10,50,20"));
    CHECK_EQ_STR(agg_text(df, t_call("max_by", 2, c0(df), c1(df))), "b");
    CHECK_EQ_STR(agg_text(df, t_call("min_by", 2, c0(df), c1(df))), "a");
    const char *nm[] = {"course", "year", "earnings"};
    const char *course[] = {"Java", "dotNET", "dotNET", "Java"};
    vec *cols[] = {t_strs(4, course), tv_longs("2012,2012,2013,2013"),
                   tv_longs("20000,5000,48000,30000")};
    pl_node *d2 = t_local(3, nm, cols);
    CHECK_EQ_STR(group_text(d2, t_call("max_by", 2, t_col(d2, 1), t_col(d2, 2))),
                 "Java,2013|dotNET,2013");
    CHECK_EQ_STR(group_text(d2, t_call("min_by", 2, t_col(d2, 1), t_col(d2, 2))),
                 "Java,2012|dotNET,2012");
    /* NULL orderings are skipped; an all-NULL ordering gives NULL */
    const char *x3[] = {"a", "b", "c"};
    pl_node *d3 = tl2("x", t_strs(3, x3), "y", tv_ints("N,5,N"));
    CHECK_EQ_STR(agg_text(d3, t_call("max_by", 2, c0(d3), c1(d3))), "b");
    pl_node *d4 = tl2("x", t_strs(3, x3), "y", tv_ints("N,N,N"));
    CHECK_EQ_STR(agg_text(d4, t_call("min_by", 2, c0(d4), c1(d4))), "NULL");
    t_end();
}

/* ---- try_sum / try_avg (try_aggregates.sql.out, ANSI on) ----------------------------------- */

EM_TEST(try_sum_avg)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("5,10,15"));
    CHECK_EQ_STR(agg_text(df, t_call("try_sum", 1, c0(df))), "30");
    CHECK_EQ_STR(type_of(t_call("try_sum", 1, c0(df))), "bigint");
    CHECK_EQ_STR(agg_text(df, t_call("try_avg", 1, c0(df))), "10.0");
    pl_node *d2 = tl1(tv_ints("N,10,15"));
    CHECK_EQ_STR(agg_text(d2, t_call("try_sum", 1, c0(d2))), "25");
    CHECK_EQ_STR(agg_text(d2, t_call("try_avg", 1, c0(d2))), "12.5");
    pl_node *d3 = tl1(vec_new_nulls(ty_null(), 2));
    CHECK_EQ_STR(agg_text(d3, t_call("try_sum", 1, c0(d3))), "NULL");
    CHECK_EQ_STR(type_of(t_call("try_sum", 1, c0(d3))), "double");
    CHECK_EQ_STR(type_of(t_call("try_avg", 1, c0(d3))), "double");
    int64_t big[] = {INT64_MAX, 1};
    pl_node *d4 = tl1(t_fixed(ty_long(), 2, big, NULL));
    CHECK_EQ_STR(agg_text(d4, t_call("try_sum", 1, c0(d4))), "NULL");
    /* the golden prints 4.6116860184273879E18 (JDK 17 Double.toString); same double */
    CHECK(strtod(agg_text(d4, t_call("try_avg", 1, c0(d4))), NULL) == 4.6116860184273879E18);
    /* decimals: VALUES (5.0), (10.0), (15.0) is decimal(3,1) */
    ty_i128 dv[] = {50, 100, 150};
    pl_node *d5 = tl1(t_fixed(ty_decimal(&T.a, 3, 1), 3, dv, NULL));
    CHECK_EQ_STR(type_of(t_call("try_sum", 1, c0(d5))), "decimal(13,1)");
    CHECK_EQ_STR(agg_text(d5, t_call("try_sum", 1, c0(d5))), "30.0");
    CHECK_EQ_STR(type_of(t_call("try_avg", 1, c0(d5))), "decimal(7,5)");
    CHECK_EQ_STR(agg_text(d5, t_call("try_avg", 1, c0(d5))), "10.00000");
    /* 98765432109876543210987654321098765432BD twice overflows decimal(38,0) */
    ty_i128 huge = 0;
    ty_dec_parse("98765432109876543210987654321098765432", 38, 38, 0, &huge);
    ty_i128 hv[] = {huge, huge};
    pl_node *d6 = tl1(t_fixed(ty_decimal(&T.a, 38, 0), 2, hv, NULL));
    CHECK_EQ_STR(type_of(t_call("try_sum", 1, c0(d6))), "decimal(38,0)");
    CHECK_EQ_STR(agg_text(d6, t_call("try_sum", 1, c0(d6))), "NULL");
    CHECK_EQ_STR(type_of(t_call("try_avg", 1, c0(d6))), "decimal(38,4)");
    CHECK_EQ_STR(agg_text(d6, t_call("try_avg", 1, c0(d6))), "NULL");
    /* try_avg doctest: DECIMAL(38, 0) rows 1...1 (38 ones) and 0 -> NULL (the average does
       not fit decimal(38,4)) */
    ty_i128 ones = 0;
    ty_dec_parse("11111111111111111111111111111111111111", 38, 38, 0, &ones);
    ty_i128 ov[] = {ones, 0};
    pl_node *d7 = tl1(t_fixed(ty_decimal(&T.a, 38, 0), 2, ov, NULL));
    CHECK_EQ_STR(agg_text(d7, t_call("try_avg", 1, c0(d7))), "NULL");
    /* intervals: 1 month + 1 month = 0-2 (try_sum), average 0-1; overflow -> NULL (the golden
       prints hive strings, show() prints INTERVAL literals) */
    const ty *ym = ty_yearmonth_interval(&T.a, TY_YM_MONTH, TY_YM_MONTH);
    int32_t m1[] = {1, 1}, m2[] = {INT32_MAX, 1};
    pl_node *d8 = tl1(t_fixed(ym, 2, m1, NULL));
    CHECK_EQ_STR(agg_text(d8, t_call("try_sum", 1, c0(d8))), "INTERVAL '2' MONTH");
    CHECK_EQ_STR(type_of(t_call("try_sum", 1, c0(d8))), "interval month");
    CHECK_EQ_STR(agg_text(d8, t_call("try_avg", 1, c0(d8))), "INTERVAL '0-1' YEAR TO MONTH");
    CHECK_EQ_STR(type_of(t_call("try_avg", 1, c0(d8))), "interval year to month");
    pl_node *d9 = tl1(t_fixed(ym, 2, m2, NULL));
    CHECK_EQ_STR(agg_text(d9, t_call("try_sum", 1, c0(d9))), "NULL");
    CHECK_EQ_STR(agg_text(d9, t_call("try_avg", 1, c0(d9))), "NULL");
    const ty *ds = ty_daytime_interval(&T.a, TY_DT_SECOND, TY_DT_SECOND);
    int64_t s1[] = {1000000, 1000000}, s2[] = {106751991LL * 86400000000LL, 86400000000LL};
    pl_node *d10 = tl1(t_fixed(ds, 2, s1, NULL));
    CHECK_EQ_STR(agg_text(d10, t_call("try_sum", 1, c0(d10))), "INTERVAL '02' SECOND");
    CHECK_EQ_STR(agg_text(d10, t_call("try_avg", 1, c0(d10))),
                 "INTERVAL '0 00:00:01' DAY TO SECOND");
    pl_node *d11 = tl1(t_fixed(ds, 2, s2, NULL));
    CHECK_EQ_STR(agg_text(d11, t_call("try_sum", 1, c0(d11))), "NULL");
    CHECK_EQ_STR(agg_text(d11, t_call("try_avg", 1, c0(d11))), "NULL");
    t_end();
}

/* ---- collections ----------------------------------------------------------------------------- */

/* collect.scala examples: collect_list (1), (2), (1) -> [1, 2, 1]; collect_set -> [1, 2];
   NULLs skipped; empty input -> [] (Collect.defaultResult); array_agg doctests. */
EM_TEST(collect_list_set)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("1,2,1"));
    CHECK_EQ_STR(agg_text(df, t_call("collect_list", 1, c0(df))), "[1, 2, 1]");
    CHECK_EQ_STR(agg_text(df, t_call("array_agg", 1, c0(df))), "[1, 2, 1]");
    CHECK_EQ_STR(agg_text(df, t_call("collect_set", 1, c0(df))), "[1, 2]");
    pl_expr *cl = t_call("collect_list", 1, c0(df));
    CHECK_EQ_STR(type_of(cl), "array<int>");
    CHECK(cl && !cl->nullable && !cl->type->contains_null);
    pl_node *d2 = tl1(tv_ints("1,N,2"));
    CHECK_EQ_STR(agg_text(d2, t_call("array_agg", 1, c0(d2))), "[1, 2]");
    pl_node *d3 = tl1(tv_ints("N,N"));
    CHECK_EQ_STR(agg_text(d3, t_call("collect_list", 1, c0(d3))), "[]");
    CHECK_EQ_STR(agg_text(d3, t_call("collect_set", 1, c0(d3))), "[]");
    const char *s[] = {"apple", "apple", "banana"};
    pl_node *d4 = tl1(t_strs(3, s));
    CHECK_EQ_STR(agg_text(d4, t_call("collect_list", 1, c0(d4))), "[apple, apple, banana]");
    CHECK_EQ_STR(agg_text(d4, t_call("collect_set", 1, c0(d4))), "[apple, banana]");
    const char *nm[] = {"name", "id"};
    const char *names[] = {"John", "John", "Ana"};
    vec *cols[] = {t_strs(3, names), tv_longs("1,2,3")};
    pl_node *d5 = t_local(2, nm, cols);
    CHECK_EQ_STR(group_text(d5, t_call("collect_list", 1, t_col(d5, 1))), "John,[1, 2]|Ana,[3]");
    t_end();
}

/* collect.scala ListAgg examples; listagg / string_agg doctests (default delimiter NULL shown
   in the name, all-NULL input -> NULL). */
EM_TEST(listagg)
{
    t_begin(true);
    const char *abc[] = {"a", "b", "c"};
    pl_node *df = tl1(t_strs(3, abc));
    pl_expr *l1 = t_call("listagg", 1, c0(df));
    CHECK_EQ_STR(agg_text(df, l1), "abc");
    CHECK(l1 && l1->n_args == 2 && l1->args[1]->kind == PX_LITERAL);
    CHECK_EQ_STR(type_of(l1), "string");
    CHECK_EQ_STR(agg_text(df, t_call("listagg", 2, c0(df), t_lit_str(", "))), "a, b, c");
    CHECK_EQ_STR(agg_text(df, t_call("string_agg", 2, c0(df), t_lit_str(", "))), "a, b, c");
    const char *anb[] = {"a", NULL, "b"};
    pl_node *d2 = tl1(t_strs(3, anb));
    CHECK_EQ_STR(agg_text(d2, t_call("listagg", 1, c0(d2))), "ab");
    const char *aa[] = {"a", "a"};
    pl_node *d3 = tl1(t_strs(2, aa));
    CHECK_EQ_STR(agg_text(d3, t_call("listagg", 1, c0(d3))), "aa");
    const char *nn[] = {NULL, NULL};
    pl_node *d4 = tl1(t_strs(2, nn));
    CHECK_EQ_STR(agg_text(d4, t_call("listagg", 1, c0(d4))), "NULL");
    /* DISTINCT is applied by the executor: listagg(DISTINCT col) over 'a', 'a', 'b' -> ab */
    const char *aab[] = {"a", "a", "b"};
    pl_node *d5 = tl1(t_strs(3, aab));
    pl_expr *args[] = {c0(d5)};
    CHECK_EQ_STR(agg_text(d5, t_callv("listagg", true, 1, args)), "ab");
    /* non-string inputs are cast to string */
    pl_node *d6 = tl1(tv_ints("1,2"));
    CHECK_EQ_STR(agg_text(d6, t_call("listagg", 2, c0(d6), t_lit_str("-"))), "1-2");
    t_end();
}

/* Mode.scala examples. */
EM_TEST(mode)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("0,10,10"));
    CHECK_EQ_STR(agg_text(df, t_call("mode", 1, c0(df))), "10");
    pl_node *d2 = tl1(tv_ints("0,10,10,N,N,N"));
    CHECK_EQ_STR(agg_text(d2, t_call("mode", 1, c0(d2))), "10");
    const ty *ym = ty_yearmonth_interval(&T.a, TY_YM_MONTH, TY_YM_MONTH);
    int32_t mv[] = {0, 10, 10};
    pl_node *d3 = tl1(t_fixed(ym, 3, mv, NULL));
    CHECK_EQ_STR(agg_text(d3, t_call("mode", 1, c0(d3))), "INTERVAL '10' MONTH"); /* 0-10 */
    pl_node *d4 = tl1(tv_ints("-10,0,10"));
    pl_expr *m = t_call("mode", 2, c0(d4), t_lit_bool(true));
    CHECK_EQ_STR(agg_text(d4, m), "-10");
    CHECK(m && m->n_args == 1);
    CHECK_EQ_STR(m && m->sql ? m->sql : "", "mode() WITHIN GROUP (ORDER BY col DESC)");
    pl_expr *m2 = t_call("mode", 2, c0(d4), t_lit_bool(false));
    CHECK(m2 && m2->n_args == 1 && !m2->sql);
    /* mode doctest: Java 2012 x2 + 2013, dotNET 2012 x2 + 2013 -> 2012 */
    const char *nm[] = {"course", "year"};
    const char *course[] = {"Java", "dotNET", "Java", "dotNET", "dotNET", "Java"};
    vec *cols[] = {t_strs(6, course), tv_longs("2012,2012,2012,2012,2013,2013")};
    pl_node *d5 = t_local(2, nm, cols);
    CHECK_EQ_STR(group_text(d5, t_call("mode", 1, t_col(d5, 1))), "Java,2012|dotNET,2012");
    pl_node *d6 = tl1(tv_ints("N"));
    CHECK_EQ_STR(agg_text(d6, t_call("mode", 1, c0(d6))), "NULL");
    t_end();
}

/* ---- percentiles ------------------------------------------------------------------------------
 */

/* percentiles.scala examples (percentile, median) and the median doctest. */
EM_TEST(percentile_exact)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("0,10"));
    pl_expr *p = t_call("percentile", 2, c0(df), t_lit_double(0.3));
    CHECK_EQ_STR(agg_text(df, p), "3.0");
    CHECK(p && p->n_args == 3); /* Percentile(child, pct, Literal(1L)) */
    CHECK_EQ_STR(type_of(p), "double");
    CHECK_EQ_STR(agg_text(df, t_call("median", 1, c0(df))), "5.0");
    const ty *ym = ty_yearmonth_interval(&T.a, TY_YM_MONTH, TY_YM_MONTH);
    int32_t mv[] = {0, 10};
    pl_node *d2 = tl1(t_fixed(ym, 2, mv, NULL));
    /* 0-5 in hive form */
    CHECK_EQ_STR(agg_text(d2, t_call("percentile", 2, c0(d2), t_lit_double(0.5))),
                 "INTERVAL '0-5' YEAR TO MONTH");
    CHECK_EQ_STR(agg_text(d2, t_call("median", 1, c0(d2))), "INTERVAL '0-5' YEAR TO MONTH");
    const char *nm[] = {"course", "earnings"};
    const char *course[] = {"Java", "dotNET", "Java", "dotNET", "dotNET", "Java"};
    vec *cols[] = {t_strs(6, course), tv_longs("20000,5000,22000,10000,48000,30000")};
    pl_node *d3 = t_local(2, nm, cols);
    CHECK_EQ_STR(group_text(d3, t_call("median", 1, t_col(d3, 1))), "Java,22000.0|dotNET,10000.0");
    /* frequencies weight the values; NULL frequency skips the row */
    pl_node *d4 = tl2("v", tv_ints("1,2,3"), "f", tv_ints("1,3,N"));
    CHECK_EQ_STR(agg_text(d4, t_call("percentile", 3, c0(d4), t_lit_double(0.5), c1(d4))), "2.0");
    CHECK_EQ_STR(agg_text(d4, t_call("percentile", 3, c0(d4), t_lit_double(0.0), c1(d4))), "1.0");
    pl_node *d5 = tl1(tv_ints("N"));
    CHECK_EQ_STR(agg_text(d5, t_call("median", 1, c0(d5))), "NULL");
    t_end();
}

/* percentile(col, array(0.25, 0.75)) -> [2.5, 7.5]; the array is folded at bind time. */
EM_TEST(percentile_array)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("0,10"));
    vec *arr = vec_new(ty_array(&T.a, ty_double(), false), 1);
    vec *el = arr->children[0];
    double pv[] = {0.25, 0.75};
    for (int k = 0; k < 2; k++) {
        vec_reserve(el, el->len + 1);
        VEC_VALUES(el, double)[el->len] = pv[k];
        vec_set_valid(el, el->len);
        el->len++;
    }
    vec_reserve(arr, 1);
    arr->offsets[1] = 2;
    vec_set_valid(arr, 0);
    arr->len = 1;
    pl_expr *lit = pl_lit_new(&T.a, arr);
    lit->resolved = true;
    pl_expr *p = t_call("percentile", 2, c0(df), lit);
    CHECK_EQ_STR(type_of(p), "array<double>");
    CHECK_EQ_STR(agg_text(df, p), "[2.5, 7.5]");
    t_end();
}

/* ApproximatePercentile.scala examples. */
EM_TEST(percentile_approx)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("0,6,7,9,10"));
    pl_expr *p = t_call("percentile_approx", 3, c0(df), t_lit_double(0.5), t_lit_int(100));
    CHECK_EQ_STR(agg_text(df, p), "7");
    CHECK_EQ_STR(type_of(p), "int");
    pl_expr *p2 = t_call("approx_percentile", 2, c0(df), t_lit_double(0.5));
    CHECK(p2 && p2->n_args == 3); /* default accuracy 10000 appended (count.sql.out names) */
    CHECK_EQ_STR(agg_text(df, p2), "7");
    const ty *ym = ty_yearmonth_interval(&T.a, TY_YM_MONTH, TY_YM_MONTH);
    int32_t mv[] = {0, 1, 2, 10};
    pl_node *d2 = tl1(t_fixed(ym, 4, mv, NULL));
    CHECK_EQ_STR(
        agg_text(d2, t_call("percentile_approx", 3, c0(d2), t_lit_double(0.5), t_lit_int(100))),
        "INTERVAL '1' MONTH"); /* 0-1 */
    /* array(0.5, 0.4, 0.1) over (0), (1), (2), (10) with accuracy 100 -> [1, 1, 0] */
    pl_node *d3 = tl1(tv_ints("0,1,2,10"));
    vec *arr = vec_new(ty_array(&T.a, ty_double(), false), 1);
    double pv[] = {0.5, 0.4, 0.1};
    for (int k = 0; k < 3; k++) {
        vec *el = arr->children[0];
        vec_reserve(el, el->len + 1);
        VEC_VALUES(el, double)[el->len] = pv[k];
        vec_set_valid(el, el->len);
        el->len++;
    }
    vec_reserve(arr, 1);
    arr->offsets[1] = 3;
    vec_set_valid(arr, 0);
    arr->len = 1;
    pl_expr *lit = pl_lit_new(&T.a, arr);
    lit->resolved = true;
    CHECK_EQ_STR(agg_text(d3, t_call("percentile_approx", 3, c0(d3), lit, t_lit_int(100))),
                 "[1, 1, 0]");
    t_end();
}

/* Greenwald-Khanna over more rows than the head buffer (50000) and the compression threshold:
   with accuracy 10000 every answer is within 1/10000 of the true rank. */
EM_TEST(percentile_approx_large)
{
    t_begin(true);
    pl_node *r = t_range(0, 120000, 1);
    pl_expr *p = t_call("percentile_approx", 3, c0(r), t_lit_double(0.5), t_lit_int(10000));
    const char *got = agg_text(r, p);
    long v = strtol(got, NULL, 10);
    if (!(v >= 59999 - 12 && v <= 59999 + 12))
        fprintf(stderr, "percentile_approx got %s\n", got);
    CHECK(v >= 59999 - 12 && v <= 59999 + 12); /* rank 60000 of 120000, eps * n = 12 */
    pl_expr *p2 = t_call("percentile_approx", 3, c0(r), t_lit_double(0.5), t_lit_int(1000000));
    CHECK_EQ_STR(agg_text(r, p2), "59999");
    t_end();
}

/* ---- approx_count_distinct ------------------------------------------------------------------ */

/* pyspark approx_count_distinct docstring: [1, 2, 2, 3] -> 3; fruits -> 3; structs -> 3;
   spark.range(100000) -> 95546 with the default rsd and 102065 with rsd 0.1 (these two need
   Spark's exact xxHash64, register layout and HLL++ bias correction). HyperLogLogPlusPlus.scala
   example: (1), (1), (2), (2), (3) -> 3. */
EM_TEST(approx_count_distinct)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("1,2,2,3"));
    pl_expr *h = t_call("approx_count_distinct", 1, c0(df));
    CHECK_EQ_STR(agg_text(df, h), "3");
    CHECK_EQ_STR(type_of(h), "bigint");
    CHECK(h && !h->nullable);
    pl_node *d1 = tl1(tv_ints("1,1,2,2,3"));
    CHECK_EQ_STR(agg_text(d1, t_call("approx_count_distinct", 1, c0(d1))), "3");
    const char *fruit[] = {"apple", "orange", "apple", "banana"};
    pl_node *d2 = tl1(t_strs(4, fruit));
    CHECK_EQ_STR(agg_text(d2, t_call("approx_count_distinct", 1, c0(d2))), "3");
    ty_field f[2] = {{.name = "name", .type = ty_string(), .nullable = true},
                     {.name = "value", .type = ty_long(), .nullable = true}};
    const ty *st = ty_struct(&T.a, 2, f);
    vec *sv = vec_new(st, 4);
    const char *names[] = {"Alice", "Alice", "Bob", "Bob"};
    int64_t vals[] = {1, 2, 3, 3};
    for (int k = 0; k < 4; k++) {
        vec_append_str(sv->children[0], names[k], (int64_t)strlen(names[k]), NULL);
        vec *c = sv->children[1];
        vec_reserve(c, c->len + 1);
        VEC_VALUES(c, int64_t)[c->len] = vals[k];
        vec_set_valid(c, c->len);
        c->len++;
        vec_reserve(sv, sv->len + 1);
        vec_set_valid(sv, sv->len);
        sv->len++;
    }
    pl_node *d3 = tl1(sv);
    CHECK_EQ_STR(agg_text(d3, t_call("approx_count_distinct", 1, c0(d3))), "3");
    pl_node *r = t_range(0, 100000, 1);
    CHECK_EQ_STR(agg_text(r, t_call("approx_count_distinct", 1, c0(r))), "95546");
    CHECK_EQ_STR(agg_text(r, t_call("approx_count_distinct", 2, c0(r), t_lit_double(0.1))),
                 "102065");
    CHECK_EQ_STR(agg_text(tl1(tv_ints("N")), t_call("approx_count_distinct", 1, c0(df))), "0");
    /* the relative SD must be a double literal (_LEGACY_ERROR_TEMP_1104) */
    CHECK(t_call("approx_count_distinct", 2, c0(r), t_lit_int(1)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "_LEGACY_ERROR_TEMP_1104");
    t_end();
}

/* ---- count_min_sketch ----------------------------------------------------------------------- */

/* The sketch bytes in upper-case hex, as hex() prints them. */
static const char *cms_hex(pl_node *df, pl_expr *call)
{
    static char buf[16384];
    if (!call)
        return "(bind error)";
    pl_expr *aggs[] = {call};
    vec_batch *b = t_run(t_aggregate(df, 0, NULL, 1, aggs, NULL));
    if (!b)
        return "(error)";
    int32_t len;
    const unsigned char *p = (const unsigned char *)vec_str(b->cols[0], 0, &len);
    size_t n = 0;
    for (int32_t k = 0; k < len && n + 3 < sizeof buf; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%02X", p[k]);
    buf[n] = '\0';
    vec_batch_free(b);
    return buf;
}

/* count_min_sketch doctests over spark.range(100) (including the SKIPped one, whose seed the
   output names) and the CountMinSketchAgg SQL example over (1), (2), (1). */
EM_TEST(count_min_sketch)
{
    t_begin(true);
    pl_node *r = t_range(0, 100, 1);
    CHECK_EQ_STR(cms_hex(r, t_call("count_min_sketch", 4, c0(r), t_lit_double(3.0),
                                   t_lit_double(0.1), t_lit_int(1))),
                 "0000000100000000000000640000000100000001000000005D8D6AB90000000000000064");
    CHECK_EQ_STR(cms_hex(r, t_call("count_min_sketch", 4, c0(r), t_lit_double(1.0),
                                   t_lit_double(0.3), t_lit_int(2))),
                 "0000000100000000000000640000000100000002000000005D96391C0000000000000032000000"
                 "0000000032");
    CHECK_EQ_STR(cms_hex(r, t_call("count_min_sketch", 4, c0(r), t_lit_double(1.5),
                                   t_lit_double(0.2), t_lit_long(1111111111111111111LL))),
                 "00000001000000000000006400000001000000020000000044078BA1000000000000003200000000"
                 "00000032");
    CHECK_EQ_STR(cms_hex(r, t_call("count_min_sketch", 4, c0(r), t_lit_double(1.5),
                                   t_lit_double(0.6), t_lit_long(2120704260))),
                 "0000000100000000000000640000000200000002000000005ADECCEE00000000153EBE0900000000"
                 "00000033000000000000003100000000000000320000000000000032");
    pl_node *df = tl1(tv_ints("1,2,1"));
    pl_expr *c =
        t_call("count_min_sketch", 4, c0(df), t_lit_double(0.5), t_lit_double(0.5), t_lit_int(1));
    CHECK_EQ_STR(cms_hex(df, c), "0000000100000000000000030000000100000004000000005D8D6AB900000000"
                                 "00000000000000000000000200000000000000010000000000000000");
    CHECK_EQ_STR(type_of(c), "binary");
    CHECK(t_call("count_min_sketch", 4, c0(df), t_lit_double(-1.0), t_lit_double(0.5),
                 t_lit_int(1)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    CHECK_EQ_STR(param("exprName"), "eps");
    CHECK_EQ_STR(param("currentValue"), "-1.0D");
    t_end();
}

/* HistogramNumeric.scala example: (0), (1), (2), (10) with 5 bins -> one bin per value, x in
   the column's type; trimming merges the closest bins into their weighted mean. */
EM_TEST(histogram_numeric)
{
    t_begin(true);
    pl_node *df = tl1(tv_ints("0,1,2,10"));
    pl_expr *h = t_call("histogram_numeric", 2, c0(df), t_lit_int(5));
    CHECK_EQ_STR(type_of(h), "array<struct<x:int,y:double>>");
    CHECK_EQ_STR(agg_text(df, h), "[{0, 1.0}, {1, 1.0}, {2, 1.0}, {10, 1.0}]");
    /* 2 bins: 0 and 1 merge first (gap 1, the first of two equal gaps wins only by the RNG),
       then 2 joins them: {1.0, 3.0} (x truncated to int) and {10, 1.0} */
    pl_expr *h2 = t_call("histogram_numeric", 2, c0(df), t_lit_int(2));
    CHECK_EQ_STR(agg_text(df, h2), "[{1, 3.0}, {10, 1.0}]");
    CHECK(t_call("histogram_numeric", 2, c0(df), t_lit_int(1)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    CHECK_EQ_STR(param("exprName"), "nb");
    CHECK_EQ_STR(param("valueRange"), "[2, 2147483647]");
    CHECK_EQ_STR(agg_text(tl1(tv_ints("N")), t_call("histogram_numeric", 2, c0(df), t_lit_int(3))),
                 "NULL");
    t_end();
}

/* bitmap_construct_agg doctest: positions of 1, 2, 3 (bitmap_bit_position gives 0, 1, 2) ->
   first byte 07 of 4096; bitmap_or_agg doctest: 0x10 | 0x20 | 0x40 -> 70; bitmap_and_agg
   clears bytes an input lacks (BitmapExpressionUtils.bitmapAndMerge). */
EM_TEST(bitmap_aggregates)
{
    t_begin(true);
    pl_node *df = tl1(tv_longs("0,1,2,N"));
    pl_expr *c = t_call("bitmap_construct_agg", 1, c0(df));
    CHECK_EQ_STR(type_of(c), "binary");
    CHECK(starts(cms_hex(df, c), "0700000000"));
    CHECK_EQ_INT(strlen(cms_hex(df, c)), 8192);
    const char *bins[] = {"\x10", "\x20", "\x40"};
    pl_node *d2 = tl1(t_strs(3, bins));
    pl_expr *cast = t_cast(c0(d2), ty_binary());
    CHECK(starts(cms_hex(d2, t_call("bitmap_or_agg", 1, cast)), "7000000000"));
    CHECK(starts(cms_hex(d2, t_call("bitmap_and_agg", 1, t_cast(c0(d2), ty_binary()))),
                 "0000000000"));
    pl_node *d3 = tl1(tv_longs("32768"));
    CHECK_EQ_STR(cms_hex(d3, t_call("bitmap_construct_agg", 1, c0(d3))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_BITMAP_POSITION");
    CHECK_EQ_STR(param("bitPosition"), "32768");
    CHECK_EQ_STR(param("bitmapNumBits"), "32768");
    t_end();
}

/* ---- errors ---------------------------------------------------------------------------------- */

/* ExpectsInputTypes: DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE names the expected type as Spark's
   toSQLType prints it (CentralMomentAgg DOUBLE, BitAggregate INTEGRAL, BoolAnd BOOLEAN). */
EM_TEST(agg_type_errors)
{
    t_begin(true);
    pl_node *b = tl1(tv_bools("t"));
    CHECK(t_call("stddev", 1, c0(b)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("sqlExpr"), "\"stddev(col)\"");
    CHECK_EQ_STR(param("paramIndex"), "first");
    CHECK_EQ_STR(param("requiredType"), "\"DOUBLE\"");
    CHECK_EQ_STR(param("inputSql"), "\"col\"");
    CHECK_EQ_STR(param("inputType"), "\"BOOLEAN\"");
    em_error_clear(&T.err);
    double dv[] = {1.5};
    pl_node *d = tl1(t_fixed(ty_double(), 1, dv, NULL));
    CHECK(t_call("bit_and", 1, c0(d)) == NULL);
    CHECK_EQ_STR(param("requiredType"), "\"INTEGRAL\"");
    em_error_clear(&T.err);
    pl_node *i = tl1(tv_ints("1"));
    CHECK(t_call("bool_and", 1, c0(i)) == NULL);
    CHECK_EQ_STR(param("requiredType"), "\"BOOLEAN\"");
    em_error_clear(&T.err);
    CHECK(t_call("regr_count", 2, c0(b), c0(b)) == NULL);
    CHECK_EQ_STR(param("requiredType"), "\"NUMERIC\"");
    em_error_clear(&T.err);
    CHECK(t_call("try_sum", 1, c0(b)) == NULL);
    /* TypeUtils.checkForAnsiIntervalOrNumericType joins the two types without parentheses */
    CHECK_EQ_STR(param("requiredType"), "\"NUMERIC\" or \"ANSI INTERVAL\"");
    em_error_clear(&T.err);
    CHECK(t_call("corr", 1, c0(i)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    CHECK_EQ_STR(param("functionName"), "`corr`");
    CHECK_EQ_STR(param("expectedNum"), "2");
    em_error_clear(&T.err);
    /* ANSI type coercion casts strings to boolean; the legacy rules do not */
    const char *ts[] = {"true"};
    pl_node *s = tl1(t_strs(1, ts));
    CHECK_EQ_STR(agg_text(s, t_call("bool_and", 1, c0(s))), "true");
    t_end();
    t_begin(false);
    const char *ts2[] = {"true"};
    pl_node *s2 = tl1(t_strs(1, ts2));
    CHECK(t_call("bool_and", 1, c0(s2)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    t_end();
}

/* max_by / min_by: TypeUtils.checkForOrderingExpr; collect_set: UNSUPPORTED_INPUT_TYPE for maps
   (CollectSet.checkInputDataTypes). */
EM_TEST(agg_ordering_and_set_errors)
{
    t_begin(true);
    const ty *mt = ty_map(&T.a, ty_int(), ty_int(), true);
    pl_node *df = tl2("x", tv_ints(""), "m", vec_new(mt, 0));
    CHECK(t_call("max_by", 2, c0(df), c1(df)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE");
    CHECK_EQ_STR(param("functionName"), "`max_by`");
    CHECK_EQ_STR(param("dataType"), "\"MAP<INT, INT>\"");
    em_error_clear(&T.err);
    CHECK(t_call("collect_set", 1, c1(df)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE");
    CHECK_EQ_STR(param("functionName"), "`collect_set`");
    CHECK_EQ_STR(param("dataType"), "\"MAP\" or \"COLLATED STRING\"");
    em_error_clear(&T.err);
    /* collect_list accepts maps */
    CHECK(t_call("collect_list", 1, c1(df)) != NULL);
    t_end();
}

/* PercentileBase / ApproximatePercentile.checkInputDataTypes. */
EM_TEST(percentile_errors)
{
    t_begin(true);
    pl_node *df = tl2("v", tv_ints("1,2"), "p", tv_ints("0,1"));
    CHECK(t_call("percentile", 2, c0(df), t_lit_double(1.5)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    CHECK_EQ_STR(param("exprName"), "percentage");
    CHECK_EQ_STR(param("valueRange"), "[0.0, 1.0]");
    CHECK_EQ_STR(param("currentValue"), "1.5D");
    CHECK_EQ_STR(param("sqlExpr"), "\"percentile(v, 1.5, 1)\"");
    em_error_clear(&T.err);
    CHECK(t_call("percentile", 2, c0(df), c1(df)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
    CHECK_EQ_STR(param("inputName"), "`percentage`");
    CHECK_EQ_STR(param("inputType"), "\"DOUBLE\"");
    CHECK_EQ_STR(param("inputExpr"), "\"p\"");
    em_error_clear(&T.err);
    CHECK(t_call("percentile", 2, c0(df), t_lit_null(ty_double())) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_NULL");
    CHECK_EQ_STR(param("exprName"), "percentage");
    em_error_clear(&T.err);
    CHECK(t_call("percentile_approx", 3, c0(df), t_lit_double(0.5), t_lit_int(0)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE");
    CHECK_EQ_STR(param("exprName"), "accuracy");
    CHECK_EQ_STR(param("valueRange"), "(0, 2147483647]");
    CHECK_EQ_STR(param("currentValue"), "0L");
    em_error_clear(&T.err);
    CHECK(t_call("percentile_approx", 3, c0(df), t_lit_double(0.5), c1(df)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
    CHECK_EQ_STR(param("inputName"), "`accuracy`");
    em_error_clear(&T.err);
    /* a negative frequency fails at run time (QueryExecutionErrors) */
    pl_node *d2 = tl2("v", tv_ints("1,2"), "f", tv_ints("1,-1"));
    CHECK_EQ_STR(agg_text(d2, t_call("percentile", 3, c0(d2), t_lit_double(0.5), c1(d2))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION");
    CHECK_EQ_STR(param("frequencyExpression"), "\"f\"");
    CHECK_EQ_STR(param("negativeValue"), "-1L");
    t_end();
}

/* ListAgg.checkInputDataTypes; ModeBuilder argument checks. */
EM_TEST(listagg_mode_errors)
{
    t_begin(true);
    const char *ab[] = {"a", "b"};
    pl_node *df = tl2("s", t_strs(2, ab), "d", t_strs(2, ab));
    CHECK(t_call("listagg", 2, c0(df), c1(df)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT");
    CHECK_EQ_STR(param("inputName"), "`delimiter`");
    em_error_clear(&T.err);
    vec *bin = vec_new(ty_binary(), 1);
    vec_append_str(bin, "x", 1, NULL);
    pl_expr *blit = pl_lit_new(&T.a, bin);
    blit->resolved = true;
    CHECK(t_call("listagg", 2, c0(df), blit) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
    CHECK_EQ_STR(param("functionName"), "`listagg`");
    CHECK_EQ_STR(param("dataType"), "(\"STRING\" or \"BINARY\")");
    em_error_clear(&T.err);
    CHECK(t_call("mode", 2, c0(df), t_lit_str("x")) == NULL);
    CHECK_EQ_STR(T.err.error_class, "UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("paramIndex"), "second");
    CHECK_EQ_STR(param("functionName"), "`mode`");
    CHECK_EQ_STR(param("requiredType"), "\"BOOLEAN\"");
    em_error_clear(&T.err);
    CHECK(t_call("mode", 2, c0(df), t_lit_null(ty_boolean())) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_NULL");
    CHECK_EQ_STR(param("exprName"), "`deterministic`");
    em_error_clear(&T.err);
    CHECK(t_call("mode", 2, c0(df), c1(df)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "NON_FOLDABLE_ARGUMENT");
    CHECK_EQ_STR(param("paramName"), "`deterministic`");
    t_end();
}

/* ---- partial aggregation ------------------------------------------------------------------- */

/* Every aggregate's merge: splitting the rows between two partial states and merging must give
   the single-state answer (the expected values are the Spark results checked above). */
EM_TEST(agg_merge_partials)
{
    t_begin(true);
    const char *nm[] = {"y", "x", "b", "s"};
    const char *strs[] = {"a", "b", NULL, "a", "c", "b"};
    vec *cols[] = {tv_ints("1,2,2,N,2,3"), tv_ints("2,2,3,4,N,5"), tv_bools("t,f,N,t,t,f"),
                   t_strs(6, strs)};
    pl_node *df = t_local(4, nm, cols);
    pl_expr *y = t_col(df, 0), *x = t_col(df, 1), *b = t_col(df, 2), *s = t_col(df, 3);
    pl_expr *calls[] = {
        t_call("stddev", 1, y),
        t_call("var_pop", 1, y),
        t_call("skewness", 1, x),
        t_call("kurtosis", 1, x),
        t_call("covar_samp", 2, y, x),
        t_call("corr", 2, y, x),
        t_call("regr_r2", 2, y, x),
        t_call("regr_slope", 2, y, x),
        t_call("regr_intercept", 2, y, x),
        t_call("regr_sxx", 2, y, x),
        t_call("regr_count", 2, y, x),
        t_call("regr_avgx", 2, y, x),
        t_call("product", 1, x),
        t_call("bool_and", 1, b),
        t_call("bool_or", 1, b),
        t_call("bit_xor", 1, y),
        t_call("bit_and", 1, x),
        t_call("count_if", 1, b),
        t_call("max_by", 2, s, y),
        t_call("min_by", 2, s, x),
        t_call("try_sum", 1, y),
        t_call("try_avg", 1, x),
        t_call("collect_list", 1, s),
        t_call("collect_set", 1, s),
        t_call("listagg", 2, s, t_lit_str(",")),
        t_call("mode", 1, s),
        t_call("percentile", 2, y, t_lit_double(0.4)),
        t_call("median", 1, x),
        t_call("percentile_approx", 2, x, t_lit_double(0.5)),
        t_call("approx_count_distinct", 1, s),
        t_call("count_min_sketch", 4, s, t_lit_double(0.5), t_lit_double(0.5), t_lit_int(7)),
        t_call("histogram_numeric", 2, x, t_lit_int(3)),
        t_call("bitmap_construct_agg", 1, y),
        t_call("bitmap_and_agg", 1, t_cast(s, ty_binary())),
    };
    for (size_t k = 0; k < sizeof calls / sizeof calls[0]; k++) {
        CHECK(calls[k] != NULL);
        if (!calls[k])
            continue;
        char one[16384];
        snprintf(one, sizeof one, "%s", agg_text(df, calls[k]));
        CHECK(strcmp(one, "(error)") != 0);
        for (int64_t split = 0; split <= 6; split++) {
            const char *m = merged_text(df, calls[k], split);
            if (calls[k]->type->kind == TY_DOUBLE && strcmp(one, "NULL") != 0) {
                /* Spark's merge formulas are not associative in floating point: partitions
                   change the last bits, so compare within a relative 1e-12 */
                double a = strtod(one, NULL), b = strtod(m, NULL);
                CHECK(fabs(a - b) <= 1e-12 * (fabs(a) > 1 ? fabs(a) : 1));
            } else {
                CHECK_EQ_STR(m, one);
            }
        }
    }
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
