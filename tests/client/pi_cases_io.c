/*
 * pi_cases_io.c: hand-written plan-identity programs for the docstrings of spark.catalog,
 * DataFrameReader / DataFrameWriter and the DataFrame methods built on them or on literal
 * values (write, na, replace, describe, repartitionByRange). Paths are the temporary
 * directories the captured PySpark run used (they are part of the plans).
 *
 * The capture's mock failed every root-relation execution, so an example stops at its first
 * action on a root relation (catalog calls included): these programs stop there too.
 */
#include <stdio.h>
#include <string.h>

#include "pi_main.h"

/* JSON of the schema PySpark infers for [{"age": 100, "name": "..."}] (df.schema.json()). */
#define PI_AGE_NAME_JSON                                                                           \
    "{\"fields\":[{\"metadata\":{},\"name\":\"age\",\"nullable\":true,\"type\":\"long\"},"         \
    "{\"metadata\":{},\"name\":\"name\",\"nullable\":true,\"type\":\"string\"}],"                  \
    "\"type\":\"struct\"}"

/* df.write[.mode(mode)][.format(fmt)][.option(k, v)].save(path) (NULL = not called). */
static void pi_save(ember_dataframe *df, const char *mode, const char *fmt, const char *key,
                    const char *value, const char *path)
{
    ember_writer *w = NULL;
    if (!df || ember_df_write(df, &w, NULL) != EMBER_OK)
        return;
    if (mode)
        ember_writer_mode(w, mode, NULL);
    if (key)
        ember_writer_option(w, key, value, NULL);
    if (fmt)
        ember_writer_format(w, fmt, NULL);
    ember_writer_save(w, path, NULL);
    ember_writer_free(w);
}

/* spark.read[.format][.schema][.option](...).load(paths...) */
static ember_dataframe *pi_read(pi_ctx *c, const char *fmt, const char *schema, const char *key,
                                const char *value, const char *path1, const char *path2)
{
    const char *keys[1] = {key}, *values[1] = {value};
    const char *paths[2] = {path1, path2};
    ember_dataframe *df = NULL;
    ember_error err;
    int rc =
        ember_read(c->s, fmt, schema, keys, values, key ? 1 : 0, paths, path2 ? 2 : 1, &df, &err);
    return pi_keep(c, df, rc, &err);
}

static ember_dataframe *pi_hyukjin(pi_ctx *c)
{
    return pi_df(c, "age long, name string", "{'age': 100, 'name': 'Hyukjin Kwon'}", NULL);
}

static ember_dataframe *pi_ages(pi_ctx *c)
{
    return pi_df(c, "age long, name string",
                 "(100, 'Hyukjin Kwon'), (120, 'Hyukjin Kwon'), (140, 'Haejoon Lee')", "age,name");
}

/* ------------------------------------------------------------------------- catalog ------- */

static void pi_cat_sql3(pi_ctx *c, int k0, int k1, const char *create)
{
    PI_EX(c, k0);
    pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    PI_EX(c, k1);
    pi_sql(c, create);
}

static void pi_fn_clearCache(pi_ctx *c)
{
    bool b;
    pi_cat_sql3(c, 0, 1, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 2);
    ember_catalog_clear_cache(c->s, NULL);
    PI_EX(c, 3);
    ember_catalog_is_cached(c->s, "tbl1", &b, NULL);
    PI_EX(c, 4);
    pi_sql(c, "DROP TABLE tbl1");
}

static void pi_fn_createTable(pi_ctx *c)
{
    /* schema=spark.range(1).schema: struct<id: bigint not null> */
    PI_EX(c, 0);
    ember_catalog_create_table(c->s, "tbl1", NULL, "parquet", "id BIGINT NOT NULL", NULL, NULL,
                               NULL, 0, NULL, NULL);
    PI_EX(c, 1);
    pi_sql(c, "DROP TABLE tbl1");
    PI_EX(c, 3);
    ember_catalog_create_table(c->s, "tbl2", "/tmp/createTableiun1xh3a", "parquet",
                               "id BIGINT NOT NULL", NULL, NULL, NULL, 0, NULL, NULL);
    PI_EX(c, 4);
    pi_sql(c, "DROP TABLE tbl2");
}

static void pi_fn_currentCatalog(pi_ctx *c)
{
    char *name = NULL;
    PI_EX(c, 0);
    ember_catalog_current_catalog(c->s, &name, NULL);
    ember_free(name);
}

static void pi_fn_setCurrentCatalog(pi_ctx *c)
{
    PI_EX(c, 0);
    ember_catalog_set_current_catalog(c->s, "spark_catalog", NULL);
}

static void pi_fn_databaseExists(pi_ctx *c)
{
    bool b;
    PI_EX(c, 0);
    ember_catalog_database_exists(c->s, "test_new_database", &b, NULL);
    PI_EX(c, 1);
    pi_sql(c, "CREATE DATABASE test_new_database");
    PI_EX(c, 2);
    ember_catalog_database_exists(c->s, "test_new_database", &b, NULL);
    PI_EX(c, 3);
    ember_catalog_database_exists(c->s, "spark_catalog.test_new_database", &b, NULL);
    PI_EX(c, 4);
    pi_sql(c, "DROP DATABASE test_new_database");
}

static void pi_fn_dropTempView(pi_ctx *c)
{
    PI_EX(c, 0);
    pi_view(c, pi_df(c, "_1 long, _2 long", "(1, 1)", NULL), "my_table", false, false);
    PI_EX(c, 1);
    ember_catalog_drop_temp_view(c->s, "my_table", NULL, NULL);
}

static void pi_fn_dropGlobalTempView(pi_ctx *c)
{
    PI_EX(c, 0);
    pi_view(c, pi_df(c, "_1 long, _2 long", "(1, 1)", NULL), "my_table", false, true);
    PI_EX(c, 1);
    ember_catalog_drop_global_temp_view(c->s, "my_table", NULL, NULL);
}

static void pi_fn_functionExists(pi_ctx *c)
{
    bool b;
    PI_EX(c, 0);
    ember_catalog_function_exists(c->s, "count", NULL, &b, NULL);
    PI_EX(c, 1);
    ember_catalog_function_exists(c->s, "default.unexisting_function", NULL, &b, NULL);
    PI_EX(c, 2);
    ember_catalog_function_exists(c->s, "spark_catalog.default.unexisting_function", NULL, &b,
                                  NULL);
}

static void pi_stream_drop(int rc, struct ArrowArrayStream *st)
{
    if (rc == EMBER_OK)
        st->release(st);
}

static void pi_fn_getFunction(pi_ctx *c)
{
    struct ArrowArrayStream st;
    PI_EX(c, 0);
    pi_sql(c, "CREATE FUNCTION my_func1 AS 'test.org.apache.spark.sql.MyDoubleAvg'");
    static const char *const names[] = {"my_func1", "default.my_func1",
                                        "spark_catalog.default.my_func1", "my_func2"};
    for (int k = 1; k <= 4; k++) {
        PI_EX(c, k);
        pi_stream_drop(ember_catalog_get_function(c->s, names[k - 1], NULL, &st, NULL), &st);
    }
}

static void pi_fn_getTable(pi_ctx *c)
{
    struct ArrowArrayStream st;
    pi_cat_sql3(c, 0, 1, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    static const char *const names[] = {"tbl1", "default.tbl1", "spark_catalog.default.tbl1"};
    for (int k = 2; k <= 4; k++) {
        PI_EX(c, k);
        pi_stream_drop(ember_catalog_get_table(c->s, names[k - 2], NULL, &st, NULL), &st);
    }
    PI_EX(c, 5);
    pi_sql(c, "DROP TABLE tbl1");
    PI_EX(c, 6);
    pi_stream_drop(ember_catalog_get_table(c->s, "tbl1", NULL, &st, NULL), &st);
}

static void pi_fn_isCached(pi_ctx *c)
{
    bool b;
    pi_cat_sql3(c, 0, 1, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 2);
    ember_catalog_cache_table(c->s, "tbl1", NULL, NULL);
    PI_EX(c, 3);
    ember_catalog_is_cached(c->s, "tbl1", &b, NULL);
    PI_EX(c, 4);
    ember_catalog_is_cached(c->s, "not_existing_table", &b, NULL);
    PI_EX(c, 5);
    ember_catalog_is_cached(c->s, "spark_catalog.default.tbl1", &b, NULL);
    PI_EX(c, 6);
    ember_catalog_uncache_table(c->s, "tbl1", NULL);
    PI_EX(c, 7);
    pi_sql(c, "DROP TABLE tbl1");
}

static void pi_fn_listColumns(pi_ctx *c)
{
    struct ArrowArrayStream st;
    pi_cat_sql3(c, 0, 1, "CREATE TABLE tblA (name STRING, age INT) USING parquet");
    PI_EX(c, 2);
    pi_stream_drop(ember_catalog_list_columns(c->s, "tblA", NULL, &st, NULL), &st);
    PI_EX(c, 3);
    pi_sql(c, "DROP TABLE tblA");
}

static void pi_fn_listFunctions(pi_ctx *c)
{
    struct ArrowArrayStream st;
    PI_EX(c, 0);
    pi_stream_drop(ember_catalog_list_functions(c->s, NULL, NULL, &st, NULL), &st);
    PI_EX(c, 1);
    pi_stream_drop(ember_catalog_list_functions(c->s, NULL, "to_*", &st, NULL), &st);
    PI_EX(c, 2);
    pi_stream_drop(ember_catalog_list_functions(c->s, NULL, "*not_existing_func*", &st, NULL), &st);
}

static void pi_fn_recoverPartitions(pi_ctx *c)
{
    const char *path = "/tmp/recoverPartitionsf6ivs6qt";
    PI_EX(c, 1);
    pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    ember_dataframe *df = pi_select_expr(c, pi_range(c, 0, 1, 1), "id as key", "id as value", NULL);
    ember_writer *w = NULL;
    if (df && ember_df_write(df, &w, NULL) == EMBER_OK) {
        const char *part[] = {"key"};
        ember_writer_partition_by(w, part, 1, NULL);
        ember_writer_mode(w, "overwrite", NULL);
        ember_writer_save(w, path, NULL);
        ember_writer_free(w);
    }
    pi_sql(c, "CREATE TABLE tbl1 (key LONG, value LONG)USING parquet OPTIONS (path "
              "'/tmp/recoverPartitionsf6ivs6qt') PARTITIONED BY (key)");
    pi_show(c, pi_table(c, "tbl1")); /* the capture's mock failed it: the example ends here */
    PI_EX(c, 2);
    pi_sql(c, "DROP TABLE tbl1");
}

static void pi_fn_refreshTable(pi_ctx *c)
{
    PI_EX(c, 1);
    pi_sql(c, "DROP TABLE IF EXISTS tbl1");
    pi_sql(c, "CREATE TABLE tbl1 (col STRING) USING TEXT LOCATION '/tmp/refreshTablew6uxulk2'");
    pi_sql(c, "INSERT INTO tbl1 SELECT 'abc'");
    ember_catalog_cache_table(c->s, "tbl1", NULL, NULL); /* failed by the mock: ends #1 */
    PI_EX(c, 2);
    pi_count(c, pi_table(c, "tbl1"));
    PI_EX(c, 3);
    ember_catalog_refresh_table(c->s, "tbl1", NULL);
    PI_EX(c, 4);
    pi_count(c, pi_table(c, "tbl1"));
    PI_EX(c, 5);
    ember_catalog_refresh_table(c->s, "spark_catalog.default.tbl1", NULL);
    PI_EX(c, 6);
    pi_sql(c, "DROP TABLE tbl1");
}

static void pi_fn_tableExists(pi_ctx *c)
{
    bool b;
    PI_EX(c, 0);
    ember_catalog_table_exists(c->s, "unexisting_table", NULL, &b, NULL);
    pi_cat_sql3(c, 1, 2, "CREATE TABLE tbl1 (name STRING, age INT) USING parquet");
    PI_EX(c, 3);
    ember_catalog_table_exists(c->s, "tbl1", NULL, &b, NULL);
    PI_EX(c, 4);
    ember_catalog_table_exists(c->s, "default.tbl1", NULL, &b, NULL);
    PI_EX(c, 5);
    ember_catalog_table_exists(c->s, "spark_catalog.default.tbl1", NULL, &b, NULL);
    PI_EX(c, 6);
    ember_catalog_table_exists(c->s, "tbl1", "default", &b, NULL);
    PI_EX(c, 7);
    pi_sql(c, "DROP TABLE tbl1");
    PI_EX(c, 8);
    ember_catalog_table_exists(c->s, "view1", NULL, &b, NULL);
    PI_EX(c, 9);
    pi_sql(c, "CREATE VIEW view1 AS SELECT 1");
    PI_EX(c, 10);
    ember_catalog_table_exists(c->s, "view1", NULL, &b, NULL);
    PI_EX(c, 11);
    ember_catalog_table_exists(c->s, "default.view1", NULL, &b, NULL);
    PI_EX(c, 12);
    ember_catalog_table_exists(c->s, "spark_catalog.default.view1", NULL, &b, NULL);
    PI_EX(c, 13);
    ember_catalog_table_exists(c->s, "view1", "default", &b, NULL);
    PI_EX(c, 14);
    pi_sql(c, "DROP VIEW view1");
    PI_EX(c, 15);
    pi_sql(c, "CREATE TEMPORARY VIEW view1 AS SELECT 1");
    PI_EX(c, 16);
    ember_catalog_table_exists(c->s, "view1", NULL, &b, NULL);
    PI_EX(c, 17);
    pi_sql(c, "DROP VIEW view1");
    PI_EX(c, 18);
    ember_catalog_table_exists(c->s, "view1", NULL, &b, NULL);
}

/* ------------------------------------------------------------------------- readers ------- */

static void pi_fn_reader_csv(pi_ctx *c)
{
    const char *d = "/tmp/csvd0ew3qw4";
    PI_EX(c, 1);
    pi_save(pi_hyukjin(c), "overwrite", "csv", NULL, NULL, d);
    /* spark.read.csv(d, schema=df.schema, nullValue="Hyukjin Kwon") */
    pi_show(c, pi_read(c, "csv", PI_AGE_NAME_JSON, "nullValue", "Hyukjin Kwon", d, NULL));
}

static void pi_fn_reader_format(pi_ctx *c)
{
    const char *d = "/tmp/format4cbb7rvd";
    PI_EX(c, 2);
    pi_save(pi_hyukjin(c), "overwrite", "json", NULL, NULL, d);
    pi_show(c, pi_read(c, "json", NULL, NULL, NULL, d, NULL));
}

static void pi_fn_reader_json(pi_ctx *c)
{
    PI_EX(c, 1);
    pi_save(pi_df(c, "age long, name string", "{'age': 100, 'name': 'Hyukjin'}", NULL), "overwrite",
            "json", NULL, NULL, "/tmp/json1qm2c5018");
    pi_show(c, pi_read(c, "json", NULL, NULL, NULL, "/tmp/json1qm2c5018", NULL));
    PI_EX(c, 3);
    pi_save(pi_df(c, "age long, name string", "{'age': 30, 'name': 'Bob'}", NULL), "overwrite",
            "json", NULL, NULL, "/tmp/json2zllov30y");
    pi_save(pi_df(c, "age long, name string", "{'age': 25, 'name': 'Alice'}", NULL), "overwrite",
            "json", NULL, NULL, "/tmp/json3vhf26x11");
    pi_show(c, pi_read(c, "json", NULL, NULL, NULL, "/tmp/json2zllov30y", "/tmp/json3vhf26x11"));
    PI_EX(c, 5);
    pi_save(pi_df(c, "age long, name string", "{'age': 30, 'name': 'Bob'}", NULL), "overwrite",
            "json", NULL, NULL, "/tmp/json43_d9d49n");
    pi_show(c, pi_read(c, "json", "name STRING, age INT", NULL, NULL, "/tmp/json43_d9d49n", NULL));
}

static void pi_fn_reader_option(pi_ctx *c)
{
    const char *d = "/tmp/optionpfgq4gzw";
    PI_EX(c, 2);
    pi_save(pi_hyukjin(c), "overwrite", "csv", NULL, NULL, d);
    pi_show(c, pi_read(c, "csv", PI_AGE_NAME_JSON, "nullValue", "Hyukjin Kwon", d, NULL));
}

static void pi_fn_reader_orc(pi_ctx *c)
{
    const char *d = "/tmp/orc08ta6rry";
    PI_EX(c, 1);
    pi_save(pi_hyukjin(c), "overwrite", "orc", NULL, NULL, d);
    pi_show(c, pi_read(c, "orc", NULL, NULL, NULL, d, NULL));
}

static void pi_fn_reader_text(pi_ctx *c)
{
    const char *d = "/tmp/texticmd2h0c";
    PI_EX(c, 1);
    pi_save(pi_df(c, "alphabets string", "('a',), ('b',), ('c',)", "alphabets"), "overwrite",
            "text", NULL, NULL, d);
    /* spark.read.schema(df.schema).text(d): text() sends wholetext=False as "false" */
    ember_dataframe *rd = pi_read(c, "text",
                                  "{\"fields\":[{\"metadata\":{},\"name\":\"alphabets\","
                                  "\"nullable\":true,\"type\":\"string\"}],\"type\":\"struct\"}",
                                  "wholetext", "false", d, NULL);
    pi_show(c, pi_sort_names(c, rd, "alphabets", NULL));
}

static void pi_fn_reader_xml(pi_ctx *c)
{
    const char *d = "/tmp/xmlmwss4ftq";
    PI_EX(c, 1);
    pi_save(pi_hyukjin(c), "overwrite", "xml", "rowTag", "person", d);
    pi_show(c, pi_read(c, "xml", NULL, "rowTag", "person", d, NULL));
}

static void pi_fn_reader_table(pi_ctx *c)
{
    pi_tag(c, 0);
    ember_dataframe *df = pi_range(c, 0, 10, 1);
    PI_EX(c, 1);
    pi_view(c, df, "tblA", true, false);
    PI_EX(c, 2);
    pi_show(c, pi_table(c, "tblA"));
    PI_EX(c, 3);
    pi_sql(c, "DROP TABLE tblA");
}

/* ------------------------------------------------------------------------- writers ------- */

static void pi_bucketed(pi_ctx *c, const char *table, int buckets, bool sort)
{
    char drop[128];
    snprintf(drop, sizeof drop, "DROP TABLE IF EXISTS %s", table);
    PI_EX(c, 1);
    pi_sql(c, drop);
    PI_EX(c, 2);
    ember_dataframe *df = pi_ages(c);
    ember_writer *w = NULL;
    if (df && ember_df_write(df, &w, NULL) == EMBER_OK) {
        const char *name[] = {"name"}, *age[] = {"age"};
        ember_writer_bucket_by(w, buckets, name, 1, NULL);
        if (sort)
            ember_writer_sort_by(w, age, 1, NULL);
        ember_writer_mode(w, "overwrite", NULL);
        ember_writer_save_as_table(w, table, NULL);
        ember_writer_free(w);
    }
    PI_EX(c, 3);
    pi_show(c, pi_sort_names(c, pi_table(c, table), "age", NULL));
    PI_EX(c, 4);
    snprintf(drop, sizeof drop, "DROP TABLE %s", table);
    pi_sql(c, drop);
}

static void pi_fn_bucketBy(pi_ctx *c)
{
    pi_bucketed(c, "bucketed_table", 2, false);
}

static void pi_fn_sortBy(pi_ctx *c)
{
    pi_bucketed(c, "sorted_bucketed_table", 1, true);
}

static void pi_fn_clusterBy(pi_ctx *c)
{
    PI_EX(c, 1);
    ember_dataframe *df = pi_df(c, "age long, name string",
                                "{'age': 100, 'name': 'Hyukjin Kwon'}, "
                                "{'age': 120, 'name': 'Ruifeng Zheng'}",
                                NULL);
    ember_writer *w = NULL;
    if (df && ember_df_write(df, &w, NULL) == EMBER_OK) {
        const char *name[] = {"name"};
        ember_writer_cluster_by(w, name, 1, NULL);
        ember_writer_mode(w, "overwrite", NULL);
        ember_writer_format(w, "parquet", NULL);
        ember_writer_save(w, "/tmp/clusterByx09pzunb", NULL);
        ember_writer_free(w);
    }
}

static void pi_fn_insertInto(pi_ctx *c)
{
    PI_EX(c, 0);
    pi_sql(c, "DROP TABLE IF EXISTS tblA");
    pi_tag(c, 1);
    ember_dataframe *df = pi_ages(c);
    ember_writer *w = NULL;
    PI_EX(c, 2);
    if (df && ember_df_write(df, &w, NULL) == EMBER_OK) {
        ember_writer_save_as_table(w, "tblA", NULL);
        ember_writer_free(w);
    }
    PI_EX(c, 3);
    ember_dataframe *sel = pi_select_expr(c, df, "age AS col1", "name AS col2", NULL);
    if (sel && ember_df_write(sel, &w, NULL) == EMBER_OK) {
        ember_writer_insert_into(w, "tblA", -1, NULL);
        ember_writer_free(w);
    }
    PI_EX(c, 4);
    pi_show(c, pi_sort_names(c, pi_table(c, "tblA"), "age", NULL));
    PI_EX(c, 5);
    pi_sql(c, "DROP TABLE tblA");
}

/* df.write.<fmt>(d, mode="overwrite") then spark.read.format(fmt).load(d).show() */
static void pi_write_read(pi_ctx *c, const char *fmt, const char *d)
{
    PI_EX(c, 1);
    pi_save(pi_hyukjin(c), "overwrite", fmt, NULL, NULL, d);
    pi_show(c, pi_read(c, fmt, NULL, NULL, NULL, d, NULL));
}

static void pi_fn_writer_json(pi_ctx *c)
{
    pi_write_read(c, "json", "/tmp/json00vyl9zn");
}

static void pi_fn_writer_orc(pi_ctx *c)
{
    pi_write_read(c, "orc", "/tmp/orcns8gc54f");
}

static void pi_fn_writer_parquet(pi_ctx *c)
{
    pi_write_read(c, "parquet", "/tmp/parquete18exn1d");
}

static void pi_fn_writer_save(pi_ctx *c)
{
    pi_write_read(c, "json", "/tmp/save9eclfzk2");
}

static void pi_fn_writer_mode(pi_ctx *c)
{
    const char *d = "/tmp/mode2o95dw0vk";
    PI_EX(c, 2);
    pi_save(pi_hyukjin(c), "overwrite", "parquet", NULL, NULL, d);
    pi_save(pi_df(c, "age long, name string", "{'age': 120, 'name': 'Takuya Ueshin'}", NULL),
            "append", "parquet", NULL, NULL, d);
    pi_save(pi_df(c, "age long, name string", "{'age': 140, 'name': 'Haejoon Lee'}", NULL),
            "ignore", "parquet", NULL, NULL, d);
    pi_show(c, pi_read(c, "parquet", NULL, NULL, NULL, d, NULL));
}

static void pi_fn_writer_option(pi_ctx *c)
{
    const char *d = "/tmp/optionjy3u_v4m";
    PI_EX(c, 2);
    ember_dataframe *df =
        pi_df_schema(c, "age int, name string", "(100, None)", "age INT, name STRING");
    pi_save(df, "overwrite", "csv", "nullValue", "Hyukjin Kwon", d);
    pi_show(c, pi_read(c, "csv",
                       "{\"fields\":[{\"metadata\":{},\"name\":\"age\",\"nullable\":true,"
                       "\"type\":\"integer\"},{\"metadata\":{},\"name\":\"name\",\"nullable\":"
                       "true,\"type\":\"string\"}],\"type\":\"struct\"}",
                       NULL, NULL, d, NULL));
}

/* ----------------------------------------------------------------------- DataFrame ------- */

static void pi_fn_df_write(pi_ctx *c)
{
    pi_tag(c, 0);
    ember_dataframe *df = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 2);
    pi_sql(c, "DROP TABLE IF EXISTS tab2");
    PI_EX(c, 3);
    ember_writer *w = NULL;
    if (df && ember_df_write(df, &w, NULL) == EMBER_OK) {
        ember_writer_save_as_table(w, "tab2", NULL);
        ember_writer_free(w);
    }
    PI_EX(c, 4);
    pi_sql(c, "DROP TABLE tab2");
}

static void pi_fn_df_na(pi_ctx *c)
{
    PI_EX(c, 0);
    ember_dataframe *df = pi_sql(c, "SELECT 1 AS c1, int(NULL) AS c2");
    PI_EX(c, 2);
    ember_column *v = ember_lit_int(2);
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = df ? ember_df_fillna(df, &v, 1, NULL, 0, &out, &err) : EMBER_EINVAL;
    pi_show(c, pi_keep(c, out, rc, &err));
}

static void pi_fn_na_drop(pi_ctx *c)
{
    pi_tag(c, 1);
    ember_dataframe *df = pi_df(c, "age long, height double, name string",
                                "Row(age=10, height=80.0, name='Alice'), "
                                "Row(age=5, height=float('nan'), name='Bob'), "
                                "Row(age=None, height=None, name='Tom'), "
                                "Row(age=None, height=float('nan'), name=None)",
                                NULL);
    static const char *const subset[] = {"age", "name"};
    struct {
        int k;
        const char *how;
        int thresh;
        size_t n;
    } ex[] = {{2, NULL, -1, 0}, {3, "all", -1, 0}, {4, NULL, 2, 0}, {5, NULL, -1, 2}};
    for (size_t idx = 0; idx < 4; idx++) {
        PI_EX(c, ex[idx].k);
        ember_dataframe *out = NULL;
        ember_error err;
        int rc =
            df ? ember_df_dropna(df, ex[idx].how, ex[idx].thresh, subset, ex[idx].n, &out, &err)
               : EMBER_EINVAL;
        pi_show(c, pi_keep(c, out, rc, &err));
    }
}

static void pi_replace(pi_ctx *c, ember_dataframe *df, ember_column **old_v, ember_column **new_v,
                       size_t n, const char *subset)
{
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = df ? ember_df_replace(df, old_v, new_v, n, &subset, subset ? 1 : 0, &out, &err)
                : EMBER_EINVAL;
    pi_show(c, pi_keep(c, out, rc, &err));
}

static void pi_fn_na_replace(pi_ctx *c)
{
    pi_tag(c, 0);
    ember_dataframe *df = pi_df(c, "age long, height long, name string",
                                "(10, 80, 'Alice'), (5, None, 'Bob'), (None, 10, 'Tom'), "
                                "(None, None, None)",
                                "age,height,name");
    PI_EX(c, 1);
    pi_replace(c, df, (ember_column *[]){ember_lit_int(10)}, (ember_column *[]){ember_lit_int(20)},
               1, NULL);
    PI_EX(c, 2);
    pi_replace(c, df, (ember_column *[]){ember_lit_string("Alice")},
               (ember_column *[]){ember_lit_null()}, 1, NULL);
    PI_EX(c, 3);
    pi_replace(c, df, (ember_column *[]){ember_lit_string("Alice"), ember_lit_string("Bob")},
               (ember_column *[]){ember_lit_string("A"), ember_lit_string("B")}, 2, "name");
    PI_EX(c, 4);
    pi_replace(c, df, (ember_column *[]){ember_lit_int(10)}, (ember_column *[]){ember_lit_int(18)},
               1, "age");
}

static void pi_fn_describe(pi_ctx *c)
{
    pi_tag(c, 0);
    ember_dataframe *df = pi_df(c, "name string, age long, weight double, height double",
                                "('Bob', 13, 40.3, 150.5), ('Alice', 12, 37.8, 142.3), "
                                "('Tom', 11, 44.1, 142.2)",
                                "name,age,weight,height");
    static const char *const cols[] = {"age", "weight", "height"};
    for (int k = 1; k <= 2; k++) {
        PI_EX(c, k);
        ember_dataframe *out = NULL;
        ember_error err;
        int rc = df ? ember_df_describe(df, cols, k == 1 ? 1 : 3, &out, &err) : EMBER_EINVAL;
        pi_show(c, pi_keep(c, out, rc, &err));
    }
}

static void pi_fn_repartitionByRange(pi_ctx *c)
{
    PI_EX(c, 1);
    ember_dataframe *df =
        pi_df(c, "age long, name string", "(14, 'Tom'), (23, 'Alice'), (16, 'Bob')", "age,name");
    ember_column *by[] = {ember_col("age")};
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = df ? ember_df_repartition_by(df, 2, by, 1, true, &out, &err) : EMBER_EINVAL;
    out = pi_keep(c, out, rc, &err);
    pi_show(c, pi_select(c, out, COL("age"), COL("name"), FN0("spark_partition_id"), NULL));
}

const pi_case pi_cases_io[] = {
    {"pyspark.sql.connect.catalog.Catalog.clearCache", pi_fn_clearCache},
    {"pyspark.sql.connect.catalog.Catalog.createTable", pi_fn_createTable},
    {"pyspark.sql.connect.catalog.Catalog.currentCatalog", pi_fn_currentCatalog},
    {"pyspark.sql.connect.catalog.Catalog.databaseExists", pi_fn_databaseExists},
    {"pyspark.sql.connect.catalog.Catalog.dropGlobalTempView", pi_fn_dropGlobalTempView},
    {"pyspark.sql.connect.catalog.Catalog.dropTempView", pi_fn_dropTempView},
    {"pyspark.sql.connect.catalog.Catalog.functionExists", pi_fn_functionExists},
    {"pyspark.sql.connect.catalog.Catalog.getFunction", pi_fn_getFunction},
    {"pyspark.sql.connect.catalog.Catalog.getTable", pi_fn_getTable},
    {"pyspark.sql.connect.catalog.Catalog.isCached", pi_fn_isCached},
    {"pyspark.sql.connect.catalog.Catalog.listColumns", pi_fn_listColumns},
    {"pyspark.sql.connect.catalog.Catalog.listFunctions", pi_fn_listFunctions},
    {"pyspark.sql.connect.catalog.Catalog.recoverPartitions", pi_fn_recoverPartitions},
    {"pyspark.sql.connect.catalog.Catalog.refreshTable", pi_fn_refreshTable},
    {"pyspark.sql.connect.catalog.Catalog.setCurrentCatalog", pi_fn_setCurrentCatalog},
    {"pyspark.sql.connect.catalog.Catalog.tableExists", pi_fn_tableExists},
    {"pyspark.sql.connect.readwriter.DataFrameReader.csv", pi_fn_reader_csv},
    {"pyspark.sql.connect.readwriter.DataFrameReader.format", pi_fn_reader_format},
    {"pyspark.sql.connect.readwriter.DataFrameReader.json", pi_fn_reader_json},
    {"pyspark.sql.connect.readwriter.DataFrameReader.option", pi_fn_reader_option},
    {"pyspark.sql.connect.readwriter.DataFrameReader.orc", pi_fn_reader_orc},
    {"pyspark.sql.connect.readwriter.DataFrameReader.table", pi_fn_reader_table},
    {"pyspark.sql.connect.readwriter.DataFrameReader.text", pi_fn_reader_text},
    {"pyspark.sql.connect.readwriter.DataFrameReader.xml", pi_fn_reader_xml},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.bucketBy", pi_fn_bucketBy},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.clusterBy", pi_fn_clusterBy},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.insertInto", pi_fn_insertInto},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.json", pi_fn_writer_json},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.mode", pi_fn_writer_mode},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.option", pi_fn_writer_option},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.orc", pi_fn_writer_orc},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.parquet", pi_fn_writer_parquet},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.save", pi_fn_writer_save},
    {"pyspark.sql.connect.readwriter.DataFrameWriter.sortBy", pi_fn_sortBy},
    {"pyspark.sql.dataframe.DataFrame.describe", pi_fn_describe},
    {"pyspark.sql.dataframe.DataFrame.na", pi_fn_df_na},
    {"pyspark.sql.dataframe.DataFrame.repartitionByRange", pi_fn_repartitionByRange},
    {"pyspark.sql.dataframe.DataFrame.replace", pi_fn_na_replace},
    {"pyspark.sql.dataframe.DataFrame.write", pi_fn_df_write},
    {"pyspark.sql.dataframe.DataFrameNaFunctions.drop", pi_fn_na_drop},
    {"pyspark.sql.dataframe.DataFrameNaFunctions.replace", pi_fn_na_replace},
    {NULL, NULL},
};
