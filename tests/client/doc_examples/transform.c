/* DataFrame transformations: projections, filters, set operations, joins, partitioning. */
#include <stdio.h>
#include <string.h>

#include "ember.h"

static int failed;

/* df.count() must be want. */
static void expect_rows(ember_dataframe *df, int64_t want, const char *what)
{
    ember_error err;
    int64_t n = -1;
    if (!df || ember_df_count(df, &n, &err) != EMBER_OK)
        fprintf(stderr, "FAIL %s: %s\n", what, df ? err.message : "not built");
    else if (n != want)
        fprintf(stderr, "FAIL %s: %lld rows, wanted %lld\n", what, (long long)n, (long long)want);
    failed |= n != want;
}

/* df.columns joined by ',' must be want. */
static void expect_columns(ember_dataframe *df, const char *want, const char *what)
{
    char **names = NULL, got[256] = "";
    size_t n = 0;
    ember_error err;
    if (ember_df_columns(df, &names, &n, &err) == EMBER_OK)
        for (size_t idx = 0; idx < n; idx++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", idx ? "," : "",
                     names[idx]);
    ember_free_strings(names, n);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "FAIL %s: columns '%s', wanted '%s'\n", what, got, want);
        failed = 1;
    }
}

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *t = NULL, *d[40] = {0};
    int k = 0;
    ember_sql(s, "SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, 'c') AS t(id, name)", NULL, 0, &t,
              &err);
    if (ember_df_session(t) != s || ember_df_plan_id(t) < 0)
        failed = 1;

    /* Projections. */
    const char *exprs[1] = {"id * 10 AS x"};
    ember_df_select_expr(t, exprs, 1, &d[k], &err);
    char *text = NULL;
    ember_df_show_string(d[k++], 20, 20, false, &text, &err);
    if (!text || strcmp(text, "+---+\n|  x|\n+---+\n| 10|\n| 20|\n| 30|\n+---+\n") != 0) {
        fprintf(stderr, "FAIL selectExpr:\n%s\n", text ? text : err.message);
        failed = 1;
    }
    ember_free(text);
    const char *new_names[2] = {"a", "b"};
    ember_column *new_cols[2] = {ember_add(ember_col("id"), ember_lit_int(1)),
                                 ember_lit_string("x")};
    ember_df_with_columns(t, new_names, new_cols, 2, &d[k], &err);
    ember_df_with_column_renamed(d[k], "a", "a2", &d[k + 1], &err);
    const char *from[1] = {"b"}, *to[1] = {"b2"};
    ember_df_with_columns_renamed(d[k + 1], from, to, 1, &d[k + 2], &err);
    expect_columns(d[k + 2], "id,name,a2,b2", "withColumns + renames");
    const char *drop_names[1] = {"a2"};
    ember_df_drop(d[k + 2], drop_names, 1, &d[k + 3], &err);
    ember_column *drop_cols[1] = {ember_col("b2")};
    ember_df_drop_columns(d[k + 3], drop_cols, 1, &d[k + 4], &err);
    expect_columns(d[k + 4], "id,name", "drop by name and by column");
    const char *ab[2] = {"n", "s"};
    ember_df_to_df(t, ab, 2, &d[k + 5], &err);
    expect_columns(d[k + 5], "n,s", "toDF");
    k += 6;

    /* Filters, limits, sorting. */
    ember_df_where(t, ember_gt(ember_col("id"), ember_lit_int(1)), &d[k], &err);
    expect_rows(d[k++], 2, "where(id > 1)");
    ember_df_filter_expr(t, "name = 'a'", &d[k], &err);
    expect_rows(d[k++], 1, "filter('name = ...')");
    ember_df_limit(t, 2, &d[k], &err);
    expect_rows(d[k++], 2, "limit(2)");
    ember_df_offset(t, 1, &d[k], &err);
    expect_rows(d[k++], 2, "offset(1)");
    ember_column *by[1] = {ember_desc(ember_col("id"))};
    ember_df_order_by(t, by, 1, &d[k], &err);
    ember_df_show_string(d[k++], 1, 20, false, &text, &err);
    if (!text || strcmp(text, "+---+----+\n| id|name|\n+---+----+\n|  3|   c|\n+---+----+\n"
                              "only showing top 1 row") != 0) {
        fprintf(stderr, "FAIL orderBy(desc):\n%s\n", text ? text : err.message);
        failed = 1;
    }
    ember_free(text);
    ember_column *within[1] = {ember_col("name")};
    ember_df_sort_within_partitions(t, within, 1, &d[k], &err);
    expect_rows(d[k++], 3, "sortWithinPartitions");

    /* Set operations and duplicates. */
    ember_dataframe *twice = NULL, *tail = NULL, *swapped = NULL;
    ember_df_union(t, t, &twice, &err);
    expect_rows(twice, 6, "union keeps duplicates");
    ember_df_distinct(twice, &d[k], &err);
    expect_rows(d[k++], 3, "distinct");
    const char *by_name[1] = {"name"};
    ember_df_drop_duplicates(twice, by_name, 1, &d[k], &err);
    expect_rows(d[k++], 3, "dropDuplicates(['name'])");
    ember_column *sw[2] = {ember_col("name"), ember_col("id")};
    ember_df_select(t, sw, 2, &swapped, &err);
    ember_df_union_by_name(t, swapped, false, &d[k], &err);
    expect_rows(d[k++], 6, "unionByName");
    ember_df_union_by_name(t, d[0], true, &d[k], &err); /* x is missing on the left */
    expect_columns(d[k++], "id,name,x", "unionByName(allowMissingColumns=True)");
    ember_df_filter(t, ember_gt(ember_col("id"), ember_lit_int(1)), &tail, &err);
    ember_df_intersect(twice, tail, false, &d[k], &err);
    expect_rows(d[k++], 2, "intersect");
    ember_df_intersect(twice, twice, true, &d[k], &err);
    expect_rows(d[k++], 6, "intersectAll");
    ember_df_except(t, tail, false, &d[k], &err);
    expect_rows(d[k++], 1, "subtract");
    ember_df_except(twice, tail, true, &d[k], &err);
    expect_rows(d[k++], 4, "exceptAll");

    /* Joins: a condition on aliased sides, USING columns, every join type, hints, cross. */
    ember_dataframe *l = NULL, *r = NULL, *hinted = NULL;
    ember_df_alias(t, "l", &l, &err);
    ember_df_alias(tail, "r", &r, &err);
    ember_column *on = ember_eq(ember_col("l.id"), ember_col("r.id"));
    static const struct {
        const char *how;
        int64_t rows;
    } joins[] = {{"inner", 2},      {"left", 3}, {"right", 2},
                 {"full_outer", 3}, {"semi", 2}, {"left_anti", 1}};
    for (size_t j = 0; j < sizeof joins / sizeof joins[0]; j++) {
        ember_df_join(l, r, ember_column_dup(on), joins[j].how, &d[k], &err);
        expect_rows(d[k++], joins[j].rows, joins[j].how);
    }
    ember_column_free(on);
    ember_df_hint(tail, "broadcast", NULL, 0, &hinted, &err);
    const char *using_cols[1] = {"id"};
    ember_df_join_using(t, hinted, using_cols, 1, "inner", &d[k], &err);
    expect_columns(d[k], "id,name,name", "join(on=['id'])");
    expect_rows(d[k++], 2, "join(on=['id']) with a broadcast hint");
    ember_df_cross_join(t, tail, &d[k], &err);
    expect_rows(d[k++], 6, "crossJoin");

    /* Sampling and partitioning keep the rows. */
    ember_df_sample(t, false, 1.0, 42, &d[k], &err);
    expect_rows(d[k++], 3, "sample(fraction=1.0)");
    ember_df_repartition(t, 2, true, &d[k], &err);
    expect_rows(d[k++], 3, "repartition(2)");
    ember_df_repartition(t, 1, false, &d[k], &err);
    expect_rows(d[k++], 3, "coalesce(1)");
    ember_column *pcol[1] = {ember_col("id")};
    ember_df_repartition_by(t, 2, pcol, 1, false, &d[k], &err);
    expect_rows(d[k++], 3, "repartition(2, 'id')");
    ember_column *rcol[1] = {ember_col("id")};
    ember_df_repartition_by(t, 0, rcol, 1, true, &d[k], &err);
    expect_rows(d[k++], 3, "repartitionByRange('id')");

    /* A view read back with spark.table; dup/free keep a DataFrame alive. */
    ember_df_create_view(t, "doc_transform_v", true, false, &err);
    ember_table(s, "doc_transform_v", &d[k], &err);
    ember_dataframe *again = ember_df_dup(d[k]);
    expect_rows(again, 3, "spark.table(view)");
    ember_df_free(again);
    k++;

    for (int idx = 0; idx < k; idx++)
        ember_df_free(d[idx]);
    ember_df_free(hinted);
    ember_df_free(r);
    ember_df_free(l);
    ember_df_free(swapped);
    ember_df_free(tail);
    ember_df_free(twice);
    ember_df_free(t);
    ember_session_free(s);
    return failed;
}
