/*
 * pi_cases_misc.c: plan-identity programs for captured PySpark docstrings,
 * written by tools/pi_gen.py from each example's source and checked by the
 * plan-identity comparison (see README.md for the command). Each program names
 * its docstring and source line; PI_EX marks an example index and its line.
 */
#include "pi_main.h"

/* pyspark.sql.connect.group.GroupedData.count (pyspark/sql/connect/group.py:218) */
static void pi_fn_count(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 0); /* line 227 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (3, 'Alice'), (5, 'Bob'), (10, 'Bob')",
               "age,name");
    PI_EX(c, 1); /* line 229 */
    pi_show_n(c, d1, 20, 20, false);
    PI_EX(c, 2); /* line 241 */
    d2 = pi_group_agg(c, d1, (ember_column *[]){DCOL(d1, "name")}, 1,
                      (ember_column *[]){ember_alias(FN("count", LIT_I(1)), "count")}, 1);
    d3 = pi_sort(c, d2, COL("name"), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.group.GroupedData.max (pyspark/sql/connect/group.py:201) */
static void pi_fn_max(pi_ctx *c)
{
    ember_dataframe *d1;
    pi_tag(c, 0); /* line 210 */
    d1 = pi_df(c, "age long, name string, height long",
               "(2, 'Alice', 80), (3, 'Alice', 100), (5, 'Bob', 120), (10, 'Bob', 140)",
               "age,name,height");
    PI_EX(c, 1); /* line 213 */
    pi_show_n(c, d1, 20, 20, false);
    (void)d1;
}

/* pyspark.sql.connect.group.GroupedData.pivot (pyspark/sql/connect/group.py:228) */
static void pi_fn_pivot(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 250 */
    d1 = pi_df(c, "course string, year long, earnings long",
               "('dotNET', 2012, 10000), ('Java', 2012, 20000), ('dotNET', 2012, 5000), ('dotNET', "
               "2013, 48000), ('Java', 2013, 30000)",
               NULL);
    PI_EX(c, 2); /* line 257 */
    pi_show_n(c, d1, 20, 20, false);
    pi_tag(c, 3); /* line 268 */
    d2 = pi_df(c, "training string, sales struct<course:string,year:long,earnings:long>",
               "('expert', ('dotNET', 2012, 10000)), ('junior', ('Java', 2012, 20000)), ('expert', "
               "('dotNET', 2012, 5000)), ('junior', ('dotNET', 2013, 48000)), ('expert', ('Java', "
               "2013, 30000))",
               NULL);
    PI_EX(c, 4); /* line 275 */
    pi_show_n(c, d2, 20, 0, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.group.GroupedData.sum (pyspark/sql/connect/group.py:206) */
static void pi_fn_sum(pi_ctx *c)
{
    ember_dataframe *d1;
    pi_tag(c, 0); /* line 220 */
    d1 = pi_df(c, "age long, name string, height long",
               "(2, 'Alice', 80), (3, 'Alice', 100), (5, 'Bob', 120), (10, 'Bob', 140)",
               "age,name,height");
    PI_EX(c, 1); /* line 223 */
    pi_show_n(c, d1, 20, 20, false);
    (void)d1;
}

/* pyspark.sql.connect.session.SparkSession.createDataFrame (pyspark/sql/connect/session.py:480) */
static void pi_fn_createDataFrame(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    PI_EX(c, 0); /* line 542 */
    d1 = pi_df(c, "_1 string, _2 long", "('Alice', 1)", NULL);
    pi_show_n(c, d1, 20, 20, false);
    PI_EX(c, 2); /* line 552 */
    d2 = pi_df(c, "age long, name string", "(1, 'Alice')", NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 561 */
    d3 = pi_df(c, "name string, age long", "('Alice', 1)", "name,age");
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 7); /* line 583 */
    d4 = pi_df_schema(c, "name string, age int", "('Alice', 1)", "name: string, age: int");
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 8); /* line 594 */
    d5 = pi_df_schema(c, "name string, age int", "", "name: string, age: int");
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.session.SparkSession.range (pyspark/sql/connect/session.py:916) */
static void pi_fn_range(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 0); /* line 943 */
    d1 = pi_range_p(c, 1LL, 7LL, 2LL, 0);
    pi_show_n(c, d1, 20, 20, false);
    PI_EX(c, 1); /* line 954 */
    d2 = pi_range_p(c, 0LL, 3LL, 1LL, 0);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.session.SparkSession.table (pyspark/sql/connect/session.py:386) */
static void pi_fn_table_(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 412 */
    d1 = pi_table(c, "table1");
    d2 = pi_sort(c, d1, COL("id"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.session.SparkSession.udf (pyspark/sql/connect/session.py) */
static void pi_fn_udf(pi_ctx *c)
{
    ember_dataframe *d1;
    PI_EX(c, 1);
    d1 = pi_sql(c, "SELECT strlen('test')");
    pi_show_n(c, d1, 20, 20, false);
    (void)d1;
}

/* pyspark.sql.dataframe.DataFrame.isLocal (pyspark/sql/dataframe.py:370) */
static void pi_fn_isLocal(pi_ctx *c)
{
    ember_dataframe *d1;
    PI_EX(c, 0); /* line 384 */
    d1 = pi_sql(c, "SHOW TABLES");
    (void)d1;
}

const pi_case pi_cases_misc[] = {
    {"pyspark.sql.connect.group.GroupedData.count", pi_fn_count},
    {"pyspark.sql.connect.group.GroupedData.max", pi_fn_max},
    {"pyspark.sql.connect.group.GroupedData.pivot", pi_fn_pivot},
    {"pyspark.sql.connect.group.GroupedData.sum", pi_fn_sum},
    {"pyspark.sql.connect.session.SparkSession.createDataFrame", pi_fn_createDataFrame},
    {"pyspark.sql.connect.session.SparkSession.range", pi_fn_range},
    {"pyspark.sql.connect.session.SparkSession.table", pi_fn_table_},
    {"pyspark.sql.connect.session.SparkSession.udf", pi_fn_udf},
    {"pyspark.sql.dataframe.DataFrame.isLocal", pi_fn_isLocal},
    {NULL, NULL},
};
