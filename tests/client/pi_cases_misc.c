/*
 * pi_cases_misc.c: plan-identity programs for captured PySpark docstrings,
 * written by tools/pi_gen.py from each example's source and checked by the
 * plan-identity comparison (see README.md for the command). Each program names
 * its docstring and source line; PI_EX marks an example index and its line.
 */
#include "pi_main.h"

/* pyspark.sql.connect.catalog.Catalog.clearCache (pyspark/sql/connect/catalog.py) */
static void pi_fn_clearCache(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 0);
    d1 = pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    PI_EX(c, 1);
    d2 = pi_sql(c, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 4);
    d3 = pi_sql(c, "DROP TABLE tbl1");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.catalog.Catalog.createTable (pyspark/sql/connect/catalog.py:259) */
static void pi_fn_createTable(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 300 */
    d1 = pi_sql(c, "DROP TABLE tbl1");
    PI_EX(c, 4); /* line 308 */
    d2 = pi_sql(c, "DROP TABLE tbl2");
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.catalog.Catalog.databaseExists (pyspark/sql/connect/catalog.py:171) */
static void pi_fn_databaseExists(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 194 */
    d1 = pi_sql(c, "CREATE DATABASE test_new_database");
    PI_EX(c, 4); /* line 202 */
    d2 = pi_sql(c, "DROP DATABASE test_new_database");
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.catalog.Catalog.getFunction (pyspark/sql/connect/catalog.py:198) */
static void pi_fn_getFunction(pi_ctx *c)
{
    ember_dataframe *d1;
    PI_EX(c, 0); /* line 215 */
    d1 = pi_sql(c, "CREATE FUNCTION my_func1 AS 'test.org.apache.spark.sql.MyDoubleAvg'");
    (void)d1;
}

/* pyspark.sql.connect.catalog.Catalog.getTable (pyspark/sql/connect/catalog.py:171) */
static void pi_fn_getTable(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 0); /* line 191 */
    d1 = pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    PI_EX(c, 1); /* line 192 */
    d2 = pi_sql(c, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 5); /* line 202 */
    d3 = pi_sql(c, "DROP TABLE tbl1");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.catalog.Catalog.isCached (pyspark/sql/connect/catalog.py) */
static void pi_fn_isCached(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 0);
    d1 = pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    PI_EX(c, 1);
    d2 = pi_sql(c, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 7);
    d3 = pi_sql(c, "DROP TABLE tbl1");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.catalog.Catalog.listColumns (pyspark/sql/connect/catalog.py:198) */
static void pi_fn_listColumns(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 0); /* line 228 */
    d1 = pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    PI_EX(c, 1); /* line 229 */
    d2 = pi_sql(c, "CREATE TABLE tblA (name STRING, age INT) USING parquet");
    PI_EX(c, 3); /* line 232 */
    d3 = pi_sql(c, "DROP TABLE tblA");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.catalog.Catalog.recoverPartitions (pyspark/sql/connect/catalog.py) */
static void pi_fn_recoverPartitions(pi_ctx *c)
{
    ember_dataframe *d1;
    PI_EX(c, 2);
    d1 = pi_sql(c, "DROP TABLE tbl1");
    (void)d1;
}

/* pyspark.sql.connect.catalog.Catalog.refreshTable (pyspark/sql/connect/catalog.py) */
static void pi_fn_refreshTable(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 2);
    d1 = pi_table(c, "tbl1");
    pi_count(c, d1);
    PI_EX(c, 4);
    d2 = pi_table(c, "tbl1");
    pi_count(c, d2);
    PI_EX(c, 6);
    d3 = pi_sql(c, "DROP TABLE tbl1");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.catalog.Catalog.tableExists (pyspark/sql/connect/catalog.py:221) */
static void pi_fn_tableExists(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7;
    PI_EX(c, 1); /* line 251 */
    d1 = pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    PI_EX(c, 2); /* line 252 */
    d2 = pi_sql(c, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 7); /* line 264 */
    d3 = pi_sql(c, "DROP TABLE tbl1");
    PI_EX(c, 9); /* line 270 */
    d4 = pi_sql(c, "CREATE VIEW view1 AS SELECT 1");
    PI_EX(c, 14); /* line 282 */
    d5 = pi_sql(c, "DROP VIEW view1");
    PI_EX(c, 15); /* line 286 */
    d6 = pi_sql(c, "CREATE TEMPORARY VIEW view1 AS SELECT 1");
    PI_EX(c, 17); /* line 289 */
    d7 = pi_sql(c, "DROP VIEW view1");
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
}

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

/* pyspark.sql.connect.readwriter.DataFrameReader.table (pyspark/sql/connect/readwriter.py:207) */
static void pi_fn_table(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 221 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    PI_EX(c, 3); /* line 238 */
    d2 = pi_sql(c, "DROP TABLE tblA");
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.readwriter.DataFrameWriter.bucketBy (pyspark/sql/connect/readwriter.py:564)
 */
static void pi_fn_bucketBy(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 592 */
    d1 = pi_sql(c, "DROP TABLE IF EXISTS bucketed_table");
    PI_EX(c, 4); /* line 607 */
    d2 = pi_sql(c, "DROP TABLE bucketed_table");
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.readwriter.DataFrameWriter.insertInto (pyspark/sql/connect/readwriter.py:704)
 */
static void pi_fn_insertInto(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 0); /* line 726 */
    d1 = pi_sql(c, "DROP TABLE IF EXISTS tblA");
    pi_tag(c, 1); /* line 727 */
    d2 = pi_df(c, "age long, name string",
               "(100, 'Hyukjin Kwon'), (120, 'Hyukjin Kwon'), (140, 'Haejoon Lee')", "age,name");
    PI_EX(c, 5); /* line 747 */
    d3 = pi_sql(c, "DROP TABLE tblA");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.readwriter.DataFrameWriter.sortBy (pyspark/sql/connect/readwriter.py:619) */
static void pi_fn_sortBy(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 638 */
    d1 = pi_sql(c, "DROP TABLE IF EXISTS sorted_bucketed_table");
    PI_EX(c, 4); /* line 654 */
    d2 = pi_sql(c, "DROP TABLE sorted_bucketed_table");
    (void)d1;
    (void)d2;
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

/* pyspark.sql.dataframe.DataFrame.na (pyspark/sql/dataframe.py) */
static void pi_fn_na(pi_ctx *c)
{
    ember_dataframe *d1;
    PI_EX(c, 0);
    d1 = pi_sql(c, "SELECT 1 AS c1, int(NULL) AS c2");
    (void)d1;
}

/* pyspark.sql.dataframe.DataFrame.write (pyspark/sql/dataframe.py) */
static void pi_fn_write(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 0);
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 2);
    d2 = pi_sql(c, "DROP TABLE IF EXISTS tab2");
    PI_EX(c, 4);
    d3 = pi_sql(c, "DROP TABLE tab2");
    (void)d1;
    (void)d2;
    (void)d3;
}

const pi_case pi_cases_misc[] = {
    {"pyspark.sql.connect.catalog.Catalog.clearCache", pi_fn_clearCache},
    {"pyspark.sql.connect.catalog.Catalog.createTable", pi_fn_createTable},
    {"pyspark.sql.connect.catalog.Catalog.databaseExists", pi_fn_databaseExists},
    {"pyspark.sql.connect.catalog.Catalog.getFunction", pi_fn_getFunction},
    {"pyspark.sql.connect.catalog.Catalog.getTable", pi_fn_getTable},
    {"pyspark.sql.connect.catalog.Catalog.isCached", pi_fn_isCached},
    {"pyspark.sql.connect.catalog.Catalog.listColumns", pi_fn_listColumns},
    {"pyspark.sql.connect.catalog.Catalog.recoverPartitions", pi_fn_recoverPartitions},
    {"pyspark.sql.connect.catalog.Catalog.refreshTable", pi_fn_refreshTable},
    {"pyspark.sql.connect.catalog.Catalog.tableExists", pi_fn_tableExists},
    {"pyspark.sql.connect.group.GroupedData.count", pi_fn_count},
    {"pyspark.sql.connect.group.GroupedData.max", pi_fn_max},
    {"pyspark.sql.connect.group.GroupedData.pivot", pi_fn_pivot},
    {"pyspark.sql.connect.group.GroupedData.sum", pi_fn_sum},
    {"pyspark.sql.connect.readwriter.DataFrameReader.table", pi_fn_table},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.bucketBy", pi_fn_bucketBy},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.insertInto", pi_fn_insertInto},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.sortBy", pi_fn_sortBy},
    {"pyspark.sql.connect.session.SparkSession.createDataFrame", pi_fn_createDataFrame},
    {"pyspark.sql.connect.session.SparkSession.range", pi_fn_range},
    {"pyspark.sql.connect.session.SparkSession.table", pi_fn_table_},
    {"pyspark.sql.connect.session.SparkSession.udf", pi_fn_udf},
    {"pyspark.sql.dataframe.DataFrame.isLocal", pi_fn_isLocal},
    {"pyspark.sql.dataframe.DataFrame.na", pi_fn_na},
    {"pyspark.sql.dataframe.DataFrame.write", pi_fn_write},
    {NULL, NULL},
};
