/*
 * test_live: spark.read end to end - libember sends Read.DataSource plans to a real
 * `ember serve --port 0` (argv[1]) and compares df.show() text with what Spark printed:
 *  - the PySpark doctest captures of DataFrameReader / DataFrameWriter / SparkSession.read
 *    (../shared/conformance/pyspark-doctests, `want` of the cited example): the files those
 *    doctests write with df.write are created here with the bytes Spark's writers produce
 *    (one part file per non-empty partition, _SUCCESS and .crc files beside them), since
 *    writing is not part of this slice;
 *  - the SQL data sources guide (examples/src/main/python/sql/datasource.py) over its example
 *    files (fixtures/spark-examples, argv[2]).
 * and the conformance corpus' hive dataset (argv[3], the parquet corpus folder).
 * Ends with "N passed, M failed"; exit 77 when the server cannot start.
 */
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cl_test_server.h"
#include "ember.h"

static char g_url[128];
static const char *g_fixtures = "fixtures";
static char g_dir[256];
static int g_pass, g_fail;

static void lv_write(const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", g_dir, rel);
    for (char *p = path + strlen(g_dir) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

/* A folder as Spark's writer leaves it: part files plus the hidden bookkeeping files. */
static const char *lv_spark_dir(const char *name, int n_parts, const char *const *parts,
                                const char *ext)
{
    static char buf[8][1024];
    static int k;
    char *out = buf[k++ & 7];
    for (int i = 0; i < n_parts; i++) {
        char rel[512];
        snprintf(rel, sizeof rel, "%s/part-%05d-7a1b2c3d-0000-4000-8000-000000000000-c000.%s", name,
                 i, ext);
        lv_write(rel, parts[i]);
        snprintf(rel, sizeof rel, "%s/.part-%05d-7a1b2c3d-0000-4000-8000-000000000000-c000.%s.crc",
                 name, i, ext);
        lv_write(rel, "crc");
    }
    char rel[512];
    snprintf(rel, sizeof rel, "%s/_SUCCESS", name);
    lv_write(rel, "");
    snprintf(rel, sizeof rel, "%s/._SUCCESS.crc", name);
    lv_write(rel, "crc");
    snprintf(out, 1024, "%s/%s", g_dir, name);
    return out;
}

static const char *lv_fixture(const char *rel)
{
    static char buf[4][1024];
    static int k;
    char *out = buf[k++ & 3];
    snprintf(out, 1024, "%s/spark-examples/%s", g_fixtures, rel);
    return out;
}

/* Reads and shows; compares with want (show(20, truncate=True) text). */
static void lv_check(const char *name, const char *format, const char *schema,
                     const char *const *keys, const char *const *values, size_t n_opts,
                     const char *const *paths, size_t n_paths, const char *filter,
                     const char *const *select, size_t n_select, const char *order_by,
                     const char *want)
{
    ember_session *s = NULL;
    ember_error err;
    memset(&err, 0, sizeof err);
    bool ok = false;
    char *text = NULL;
    ember_dataframe *df = NULL, *tmp = NULL;
    if (ember_session_open(g_url, &s, &err) != EMBER_OK)
        goto done;
    if (ember_read(s, format, schema, keys, values, n_opts, paths, n_paths, &df, &err))
        goto done;
    if (filter) {
        if (ember_df_filter_expr(df, filter, &tmp, &err))
            goto done;
        ember_df_free(df);
        df = tmp;
    }
    if (n_select) {
        if (ember_df_select_expr(df, select, n_select, &tmp, &err))
            goto done;
        ember_df_free(df);
        df = tmp;
    }
    if (order_by) {
        ember_column *c = ember_col(order_by);
        if (ember_df_order_by(df, &c, 1, &tmp, &err))
            goto done;
        ember_df_free(df);
        df = tmp;
    }
    if (ember_df_show_string(df, 20, 20, false, &text, &err))
        goto done;
    ok = strcmp(text, want) == 0;
done:
    if (ok) {
        g_pass++;
    } else {
        g_fail++;
        printf("FAIL %s\n", name);
        if (text)
            printf("  got:\n%s\n  want:\n%s\n", text, want);
        else
            printf("  error: [%s] %.600s\n", err.error_class, err.message);
    }
    ember_free(text);
    ember_df_free(df);
    if (s)
        ember_session_free(s);
}

/* Reads and expects an error class. */
static void lv_check_error(const char *name, const char *format, const char *const *paths,
                           size_t n_paths, const char *want_class)
{
    ember_session *s = NULL;
    ember_error err;
    memset(&err, 0, sizeof err);
    ember_dataframe *df = NULL;
    char *text = NULL;
    bool ok = false;
    if (ember_session_open(g_url, &s, &err) == EMBER_OK) {
        int rc = ember_read(s, format, NULL, NULL, NULL, 0, paths, n_paths, &df, &err);
        if (rc == EMBER_OK)
            rc = ember_df_show_string(df, 20, 20, false, &text, &err);
        ok = rc != EMBER_OK && strcmp(err.error_class, want_class) == 0;
    }
    if (ok) {
        g_pass++;
    } else {
        g_fail++;
        printf("FAIL %s: wanted %s, got [%s] %.300s\n", name, want_class, err.error_class,
               err.message);
    }
    ember_free(text);
    ember_df_free(df);
    if (s)
        ember_session_free(s);
}

/* df.count() */
static void lv_count(const char *name, const char *format, const char *path, int64_t want)
{
    ember_session *s = NULL;
    ember_error err;
    memset(&err, 0, sizeof err);
    ember_dataframe *df = NULL;
    int64_t n = -1;
    if (ember_session_open(g_url, &s, &err) == EMBER_OK &&
        ember_read(s, format, NULL, NULL, NULL, 0, &path, 1, &df, &err) == EMBER_OK)
        ember_df_count(df, &n, &err);
    if (n == want) {
        g_pass++;
    } else {
        g_fail++;
        printf("FAIL %s: count %lld, want %lld [%s] %.300s\n", name, (long long)n, (long long)want,
               err.error_class, err.message);
    }
    ember_df_free(df);
    if (s)
        ember_session_free(s);
}

/* df.schema.json() (AnalyzePlan: inference on the analyze path) */
static void lv_schema(const char *name, const char *format, const char *path, const char *want)
{
    ember_session *s = NULL;
    ember_error err;
    memset(&err, 0, sizeof err);
    ember_dataframe *df = NULL;
    char *json = NULL;
    if (ember_session_open(g_url, &s, &err) == EMBER_OK &&
        ember_read(s, format, NULL, NULL, NULL, 0, &path, 1, &df, &err) == EMBER_OK)
        ember_df_schema_json(df, &json, &err);
    if (json && strcmp(json, want) == 0) {
        g_pass++;
    } else {
        g_fail++;
        printf("FAIL %s: %s [%s] %.300s\n", name, json ? json : "(none)", err.error_class,
               err.message);
    }
    ember_free(json);
    ember_df_free(df);
    if (s)
        ember_session_free(s);
}

static const char *g_hive;

#define P(...) ((const char *const[]){__VA_ARGS__})

static void lv_cases(void)
{
    /* pyspark.sql.connect.readwriter.DataFrameReader.json#1 */
    const char *j1 = lv_spark_dir("json1", 1, P("{\"age\":100,\"name\":\"Hyukjin\"}\n"), "json");
    lv_check("DataFrameReader.json#1", "json", NULL, NULL, NULL, 0, &j1, 1, NULL, NULL, 0, NULL,
             "+---+-------+\n|age|   name|\n+---+-------+\n|100|Hyukjin|\n+---+-------+\n");
    /* DataFrameReader.json#3: two folders, the larger file first */
    const char *j23[2] = {lv_spark_dir("json2", 1, P("{\"age\":30,\"name\":\"Bob\"}\n"), "json"),
                          lv_spark_dir("json3", 1, P("{\"age\":25,\"name\":\"Alice\"}\n"), "json")};
    lv_check("DataFrameReader.json#3", "json", NULL, NULL, NULL, 0, j23, 2, NULL, NULL, 0, NULL,
             "+---+-----+\n|age| name|\n+---+-----+\n| 25|Alice|\n| 30|  Bob|\n+---+-----+\n");
    /* DataFrameReader.json#5: a DDL schema */
    const char *j4 = lv_spark_dir("json4", 1, P("{\"age\":30,\"name\":\"Bob\"}\n"), "json");
    lv_check("DataFrameReader.json#5", "json", "name STRING, age INT", NULL, NULL, 0, &j4, 1, NULL,
             NULL, 0, NULL, "+----+---+\n|name|age|\n+----+---+\n| Bob| 30|\n+----+---+\n");
    /* DataFrameReader.format#2, SparkSession.read#2, DataFrameWriter.json#1 / save#1 */
    const char *jf =
        lv_spark_dir("format", 1, P("{\"age\":100,\"name\":\"Hyukjin Kwon\"}\n"), "json");
    lv_check("DataFrameReader.format#2", "json", NULL, NULL, NULL, 0, &jf, 1, NULL, NULL, 0, NULL,
             "+---+------------+\n|age|        name|\n+---+------------+\n|100|Hyukjin "
             "Kwon|\n+---+------------+\n");
    /* DataFrameReader.csv#1 / option#2: schema=df.schema (the client sends its JSON form),
       nullValue */
    const char *cv = lv_spark_dir("csv", 1, P("100,Hyukjin Kwon\n"), "csv");
    const char *sch = "{\"fields\":[{\"metadata\":{},\"name\":\"age\",\"nullable\":true,\"type\":"
                      "\"long\"},{\"metadata\":{},\"name\":\"name\",\"nullable\":true,\"type\":"
                      "\"string\"}],\"type\":\"struct\"}";
    lv_check("DataFrameReader.csv#1", "csv", sch, P("nullValue"), P("Hyukjin Kwon"), 1, &cv, 1,
             NULL, NULL, 0, NULL, "+---+----+\n|age|name|\n+---+----+\n|100|NULL|\n+---+----+\n");
    /* DataFrameWriter.option#2: written with nullValue, read back with the default */
    const char *cw = lv_spark_dir("option", 1, P("100,Hyukjin Kwon\n"), "csv");
    lv_check("DataFrameWriter.option#2", "csv", "age INT, name STRING", NULL, NULL, 0, &cw, 1, NULL,
             NULL, 0, NULL,
             "+---+------------+\n|age|        name|\n+---+------------+\n|100|Hyukjin "
             "Kwon|\n+---+------------+\n");
    /* DataFrameReader.text#1: three part files, sorted */
    const char *tx = lv_spark_dir("text", 3, P("a\n", "b\n", "c\n"), "txt");
    lv_check("DataFrameReader.text#1", "text",
             "{\"fields\":[{\"metadata\":{},\"name\":\"alphabets\",\"nullable\":true,\"type\":"
             "\"string\"}],\"type\":\"struct\"}",
             NULL, NULL, 0, &tx, 1, NULL, NULL, 0, "alphabets",
             "+---------+\n|alphabets|\n+---------+\n|        a|\n|        b|\n|        c|\n"
             "+---------+\n");

    /* datasource.py csv_dataset_example */
    const char *pc = lv_fixture("people.csv");
    lv_check("guide csv default", "csv", NULL, NULL, NULL, 0, &pc, 1, NULL, NULL, 0, NULL,
             "+------------------+\n|               _c0|\n+------------------+\n|      "
             "name;age;job|\n|Jorge;30;Developer|\n|  Bob;32;Developer|\n+------------------+\n");
    lv_check("guide csv delimiter", "csv", NULL, P("delimiter"), P(";"), 1, &pc, 1, NULL, NULL, 0,
             NULL,
             "+-----+---+---------+\n|  _c0|_c1|      _c2|\n+-----+---+---------+\n| "
             "name|age|      job|\n|Jorge| 30|Developer|\n|  Bob| 32|Developer|\n"
             "+-----+---+---------+\n");
    lv_check("guide csv header", "csv", NULL, P("delimiter", "header"), P(";", "True"), 2, &pc, 1,
             NULL, NULL, 0, NULL,
             "+-----+---+---------+\n| name|age|      job|\n+-----+---+---------+\n|Jorge| "
             "30|Developer|\n|  Bob| 32|Developer|\n+-----+---+---------+\n");
    /* datasource.py json_dataset_example: SELECT name FROM people WHERE age BETWEEN 13 AND 19
       (BETWEEN written out: the engine lacks the between function for now) */
    const char *pj = lv_fixture("people.json");
    lv_check("guide json teenagers", "json", NULL, NULL, NULL, 0, &pj, 1, "age >= 13 AND age <= 19",
             P("name"), 1, NULL, "+------+\n|  name|\n+------+\n|Justin|\n+------+\n");
    /* datasource.py text_dataset_example */
    const char *pt = lv_fixture("people.txt");
    lv_check("guide text", "text", NULL, NULL, NULL, 0, &pt, 1, NULL, NULL, 0, NULL,
             "+-----------+\n|      value|\n+-----------+\n|Michael, 29|\n|   Andy, 30|\n| "
             "Justin, 19|\n+-----------+\n");
    /* datasource.py generic options: pathGlobFilter over dir1 (Parquet) */
    const char *d1 = lv_fixture("dir1");
    lv_check(
        "guide parquet pathGlobFilter", "parquet", NULL, P("pathGlobFilter"), P("*.parquet"), 1,
        &d1, 1, NULL, NULL, 0, NULL,
        "+-------------+\n|         file|\n+-------------+\n|file1.parquet|\n+-------------+\n");
    lv_check("guide parquet recursiveFileLookup", "parquet", NULL,
             P("recursiveFileLookup", "ignoreCorruptFiles"), P("true", "true"), 2, &d1, 1, NULL,
             NULL, 0, NULL,
             "+-------------+\n|         file|\n+-------------+\n|file1.parquet|\n|file2.parquet|\n"
             "+-------------+\n");
    /* docs/sql-ref-syntax-qry-select-file.md users.parquet (Spark 4 prints NULL) */
    const char *up = lv_fixture("users.parquet");
    lv_check("select-file users.parquet", NULL, NULL, NULL, NULL, 0, &up, 1, NULL, NULL, 0, NULL,
             "+------+--------------+----------------+\n|  name|favorite_color|favorite_numbers|\n"
             "+------+--------------+----------------+\n|Alyssa|          NULL|  [3, 9, 15, 20]|\n|"
             "   Ben|           red|              []|\n+------+--------------+----------------+\n");
    /* projection pushdown through a filter and a projection */
    lv_check("users.parquet select", "parquet", NULL, NULL, NULL, 0, &up, 1,
             "favorite_color IS NULL", P("upper(name) AS n"), 1, NULL,
             "+------+\n|     n|\n+------+\n|ALYSSA|\n+------+\n");

    /* the corpus' hive dataset: partition columns from folder names, filtered and counted
       (300 rows have region 'north america', 99 of them year 2022:
       layout_hive_dataset.expected.jsonl) */
    lv_check("hive partitions count", "parquet", NULL, NULL, NULL, 0, &g_hive, 1,
             "region = 'north america' AND year = 2022", P("count(*) AS n"), 1, NULL,
             "+---+\n|  n|\n+---+\n| 99|\n+---+\n");
    lv_count("hive partitions count all", "parquet", g_hive, 1200);
    lv_count("guide csv count", "csv", lv_fixture("people.csv"), 3);
    lv_schema("guide json schema", "json", lv_fixture("people.json"),
              "{\"fields\":[{\"metadata\":{},\"name\":\"age\",\"nullable\":true,\"type\":"
              "\"long\"},{\"metadata\":{},\"name\":\"name\",\"nullable\":true,\"type\":"
              "\"string\"}],\"type\":\"struct\"}");

    /* errors */
    char missing[1024];
    snprintf(missing, sizeof missing, "%s/missing", g_dir);
    const char *mp = missing;
    lv_check_error("PATH_NOT_FOUND", "csv", &mp, 1, "PATH_NOT_FOUND");
    lv_check_error("DATA_SOURCE_NOT_FOUND", "nosuchformat", &pc, 1, "DATA_SOURCE_NOT_FOUND");
    lv_check_error("orc", "orc", &pc, 1, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED");
}

static int lv_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: io_sources_live <ember binary> [fixtures dir] [corpus dir]\n");
        return 2;
    }
    if (argc > 2)
        g_fixtures = argv[2];
    static char hive[1024];
    snprintf(hive, sizeof hive, "%s/layout_hive_dataset",
             argc > 3 ? argv[3] : "../shared/conformance/parquet");
    g_hive = hive;
    int port = 0;
    pid_t pid = cl_server_start(argv[1], &port);
    if (pid < 0) {
        fprintf(stderr, "cannot start %s\n", argv[1]);
        return 77;
    }
    snprintf(g_url, sizeof g_url, "sc://127.0.0.1:%d", port);
    snprintf(g_dir, sizeof g_dir, "/tmp/ember-io-live-XXXXXX");
    if (!mkdtemp(g_dir))
        abort();
    lv_cases();
    nftw(g_dir, lv_rm, 16, FTW_DEPTH | FTW_PHYS);
    int st = cl_server_stop(pid);
    printf("%d passed, %d failed\n", g_pass, g_fail);
    if (st != 0)
        printf("server exit status %d\n", st);
    return g_fail ? 1 : 0;
}
