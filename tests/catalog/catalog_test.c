/*
 * catalog_test: persistent tables through the real protocol. Starts `ember serve --port 0
 * --warehouse <tmp>` (argv[1] is the binary), talks to it with libember (spark.sql statements,
 * show_string) and with raw Spark Connect plans built here (Catalog relations,
 * WriteOperation / WriteOperationV2 commands, as PySpark sends them), restarts it on the same
 * warehouse, and kills it with SIGKILL in the middle of a large overwrite.
 *
 * Expected values are Spark's: show() text as Dataset.showString prints it; SHOW / DESCRIBE
 * column shapes from Spark's golden files (show-tables.sql.out, describe-query.sql.out,
 * show_columns.sql.out); error classes and parameters from error-conditions.json and the
 * golden files; catalog rows as pyspark/sql/connect/catalog.py reads them.
 */
#include "arrow/ipc.h"
#include "client/cl_int.h"
#include "common/em_mem.h"
#include "em_test.h"
#include "ember.h"

#include <dirent.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *g_bin;
static char g_wh[256];
static pid_t g_pid = -1;
static char g_url[128];

/* ---- the server ---- */

static int srv_start(void)
{
    char log[300];
    snprintf(log, sizeof log, "%s.log", g_wh);
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 2);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    char *argv[] = {(char *)g_bin, "serve", "--port", "0", "--warehouse", g_wh, NULL};
    int rc = posix_spawn(&g_pid, g_bin, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (rc != 0)
        return -1;
    FILE *f = fdopen(fd[0], "r");
    char line[512];
    int port = 0;
    while (!port && fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "ember: listening on ");
        if (p)
            port = atoi(strrchr(p, ':') + 1);
    }
    /* Keep draining stderr in a child so the server never blocks on it. */
    if (fork() == 0) {
        while (fgets(line, sizeof line, f))
            if (getenv("CATALOG_TEST_VERBOSE"))
                fputs(line, stderr);
        _exit(0);
    }
    fclose(f);
    snprintf(g_url, sizeof g_url, "sc://127.0.0.1:%d", port);
    return port ? 0 : -1;
}

static int srv_stop(int sig)
{
    int status = 0;
    kill(g_pid, sig);
    waitpid(g_pid, &status, 0);
    g_pid = -1;
    return status;
}

static ember_session *open_session(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(g_url, &s, &err) != EMBER_OK) {
        em_test_fail(__FILE__, __LINE__, err.message);
        return NULL;
    }
    return s;
}

/* ---- helpers ---- */

/* Runs a statement; returns 0 or the error (class in err). */
static int sql(ember_session *s, const char *q, ember_error *err)
{
    ember_dataframe *df = NULL;
    ember_error_clear(err);
    int rc = ember_sql(s, q, NULL, 0, &df, err);
    if (rc == EMBER_OK) {
        struct ArrowArrayStream st;
        rc = ember_df_collect(df, &st, err);
        if (rc == EMBER_OK)
            st.release(&st);
    }
    ember_df_free(df);
    return rc;
}

static void sql_ok(ember_session *s, const char *q)
{
    ember_error err;
    if (sql(s, q, &err) != EMBER_OK) {
        char m[4200];
        snprintf(m, sizeof m, "%s: %s", q, err.message);
        em_test_fail(__FILE__, __LINE__, m);
    }
}

/* The df.show() text of a query (em_malloc'd via ember_free), or NULL. */
static char *show(ember_session *s, const char *q)
{
    ember_dataframe *df = NULL;
    ember_error err;
    char *text = NULL;
    if (ember_sql(s, q, NULL, 0, &df, &err) == EMBER_OK &&
        ember_df_show_string(df, 20, 20, false, &text, &err) == EMBER_OK) {
        ember_df_free(df);
        return text;
    }
    ember_df_free(df);
    char m[4200];
    snprintf(m, sizeof m, "%s: %s", q, err.message);
    em_test_fail(__FILE__, __LINE__, m);
    return NULL;
}

#define CHECK_SHOW(s, q, want)                                                                     \
    do {                                                                                           \
        char *got_ = show(s, q);                                                                   \
        CHECK_EQ_STR(got_, want);                                                                  \
        ember_free(got_);                                                                          \
    } while (0)

#define CHECK_ERR(s, q, cls)                                                                       \
    do {                                                                                           \
        ember_error e_;                                                                            \
        CHECK(sql(s, q, &e_) != EMBER_OK);                                                         \
        CHECK_EQ_STR(e_.error_class, cls);                                                         \
    } while (0)

/* Runs a Plan{root = ShowString(rel)} and returns the text (malloc'd). */
static char *show_relation(ember_session *s, Spark__Connect__Relation *rel, ember_error *err)
{
    Spark__Connect__ShowString ss = SPARK__CONNECT__SHOW_STRING__INIT;
    ss.input = rel;
    ss.num_rows = 20;
    ss.truncate = 20;
    Spark__Connect__Relation top = SPARK__CONNECT__RELATION__INIT;
    top.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SHOW_STRING;
    top.show_string = &ss;
    Spark__Connect__Plan plan = SPARK__CONNECT__PLAN__INIT;
    plan.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_ROOT;
    plan.root = &top;
    ember_error_clear(err);
    cl_exec *x = cl_exec_start(s, &plan, NULL, err);
    if (!x)
        return NULL;
    char *text = NULL;
    Spark__Connect__ExecutePlanResponse *resp = NULL;
    int r;
    while ((r = cl_exec_next(x, &resp, err)) == 1) {
        if (resp->response_type_case ==
                SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH &&
            !text) {
            em_arena a;
            em_arena_init(&a, 0);
            const ty *schema = NULL;
            vec_batch **batches = NULL;
            int n = 0;
            em_error e;
            em_error_clear(&e);
            if (ipc_decode_stream(resp->arrow_batch->data.data, resp->arrow_batch->data.len, &a,
                                  &schema, &batches, &n, &e) == 0) {
                if (n > 0 && batches[0]->n_rows > 0) {
                    int32_t len;
                    const char *p = vec_str(batches[0]->cols[0], 0, &len);
                    text = strndup(p, (size_t)len);
                }
                for (int i = 0; i < n; i++)
                    vec_batch_free(batches[i]);
                em_free(batches);
            }
            em_arena_release(&a);
        }
        protobuf_c_message_free_unpacked(&resp->base, NULL);
    }
    cl_exec_free(x);
    if (r < 0) {
        free(text);
        return NULL;
    }
    return text;
}

static Spark__Connect__Relation *cat_rel(Spark__Connect__Catalog *cat)
{
    static Spark__Connect__Relation rel;
    spark__connect__relation__init(&rel);
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_CATALOG;
    rel.catalog = cat;
    return &rel;
}

#define CHECK_CAT(s, cat, want)                                                                    \
    do {                                                                                           \
        ember_error e_;                                                                            \
        char *got_ = show_relation(s, cat_rel(cat), &e_);                                          \
        if (!got_)                                                                                 \
            em_test_fail(__FILE__, __LINE__, e_.message);                                          \
        else                                                                                       \
            CHECK_EQ_STR(got_, want);                                                              \
        free(got_);                                                                                \
    } while (0)

/* A command plan: write_operation or write_operation_v2. */
static int run_command(ember_session *s, Spark__Connect__Command *cmd, ember_error *err)
{
    Spark__Connect__Plan plan = SPARK__CONNECT__PLAN__INIT;
    plan.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_COMMAND;
    plan.command = cmd;
    uint8_t *rel = NULL;
    size_t len = 0;
    ember_error_clear(err);
    int rc = cl_exec_command(s, &plan, &rel, &len, err);
    em_free(rel);
    return rc;
}

static Spark__Connect__Relation *sql_rel(const char *q)
{
    static Spark__Connect__SQL sq;
    static Spark__Connect__Relation rel;
    spark__connect__sql__init(&sq);
    sq.query = (char *)q;
    spark__connect__relation__init(&rel);
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
    rel.sql = &sq;
    return &rel;
}

/* df.write.mode(mode).saveAsTable(name) / insertInto(name) with df = spark.sql(q). */
static int write_table(ember_session *s, const char *q, const char *name, int mode, bool insert,
                       ember_error *err)
{
    Spark__Connect__WriteOperation__SaveTable st =
        SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__INIT;
    st.table_name = (char *)name;
    st.save_method =
        insert
            ? SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__TABLE_SAVE_METHOD__TABLE_SAVE_METHOD_INSERT_INTO
            : SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__TABLE_SAVE_METHOD__TABLE_SAVE_METHOD_SAVE_AS_TABLE;
    Spark__Connect__WriteOperation w = SPARK__CONNECT__WRITE_OPERATION__INIT;
    w.input = sql_rel(q);
    w.save_type_case = SPARK__CONNECT__WRITE_OPERATION__SAVE_TYPE_TABLE;
    w.table = &st;
    w.mode = mode;
    Spark__Connect__Command cmd = SPARK__CONNECT__COMMAND__INIT;
    cmd.command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION;
    cmd.write_operation = &w;
    return run_command(s, &cmd, err);
}

/* ---- cases ---- */

EM_TEST(sql_ddl_round_trip)
{
    ember_session *s = open_session();
    if (!s)
        return;
    ember_error err;
    sql_ok(s, "CREATE DATABASE showdb");
    sql_ok(s, "USE showdb");
    /* show-tables.sql.out: CREATE TABLE ... USING parquet PARTITIONED BY (c, d) */
    sql_ok(s, "CREATE TABLE show_t1(a String, b Int, c String, d String) USING parquet "
              "PARTITIONED BY (c, d)");
    sql_ok(s, "CREATE TABLE show_t2(b String, d Int) USING parquet");
    sql_ok(s, "CREATE TEMPORARY VIEW show_t3(e int) USING parquet");
    /* Schema and rows of SHOW TABLES as in show-tables.sql.out. */
    CHECK_SHOW(s, "SHOW TABLES",
               "+---------+---------+-----------+\n"
               "|namespace|tableName|isTemporary|\n"
               "+---------+---------+-----------+\n"
               "|   showdb|  show_t1|      false|\n"
               "|   showdb|  show_t2|      false|\n"
               "|         |  show_t3|       true|\n"
               "+---------+---------+-----------+\n");
    CHECK_SHOW(s, "SHOW TABLES LIKE 'show_t1*|show_t2*'",
               "+---------+---------+-----------+\n"
               "|namespace|tableName|isTemporary|\n"
               "+---------+---------+-----------+\n"
               "|   showdb|  show_t1|      false|\n"
               "|   showdb|  show_t2|      false|\n"
               "+---------+---------+-----------+\n");
    /* show_columns.sql.out: partition columns come last in the table's schema. */
    CHECK_SHOW(
        s, "SHOW COLUMNS IN show_t1 IN showdb",
        "+--------+\n|col_name|\n+--------+\n|       a|\n|       b|\n|       c|\n|       d|\n"
        "+--------+\n");
    /* describe-query.sql.out: a column comment shows in DESC. */
    sql_ok(s, "CREATE table desc_temp1 (key int COMMENT 'column_comment', val string) USING "
              "PARQUET");
    CHECK_SHOW(s, "DESC desc_temp1",
               "+--------+---------+--------------+\n"
               "|col_name|data_type|       comment|\n"
               "+--------+---------+--------------+\n"
               "|     key|      int|column_comment|\n"
               "|     val|   string|          NULL|\n"
               "+--------+---------+--------------+\n");
    CHECK_SHOW(s, "DESC QUERY SELECT key, key + 1 AS plusone FROM desc_temp1",
               "+--------+---------+-------+\n"
               "|col_name|data_type|comment|\n"
               "+--------+---------+-------+\n"
               "|     key|      int|   NULL|\n"
               "| plusone|      int|   NULL|\n"
               "+--------+---------+-------+\n");
    /* INSERT ... VALUES / SELECT and reading back (Spark's store assignment: 1 -> int). */
    sql_ok(s, "INSERT INTO desc_temp1 VALUES (1, 'a'), (2, 'b')");
    sql_ok(s, "INSERT INTO desc_temp1 SELECT 3, 'c'");
    sql_ok(s, "INSERT INTO desc_temp1 (val, key) VALUES ('d', 4)");
    CHECK_SHOW(s, "SELECT * FROM desc_temp1 ORDER BY key",
               "+---+---+\n|key|val|\n+---+---+\n|  1|  a|\n|  2|  b|\n|  3|  c|\n|  4|  d|\n"
               "+---+---+\n");
    sql_ok(s, "INSERT OVERWRITE TABLE desc_temp1 VALUES (9, 'z')");
    CHECK_SHOW(s, "SELECT * FROM showdb.desc_temp1",
               "+---+---+\n|key|val|\n+---+---+\n|  9|  z|\n+---+---+\n");
    /* Partitioned writes read back with the partition column last. */
    sql_ok(s, "INSERT INTO show_t1 VALUES ('x', 1, 'Us', '1'), ('y', 2, 'Fr', '2')");
    CHECK_SHOW(s, "SELECT a, b, c, d FROM show_t1 ORDER BY b",
               "+---+---+---+---+\n|  a|  b|  c|  d|\n+---+---+---+---+\n|  x|  1| Us|  1|\n"
               "|  y|  2| Fr|  2|\n+---+---+---+---+\n");
    /* CTAS, persistent views, TRUNCATE, ALTER TABLE. */
    sql_ok(s, "CREATE TABLE ctas USING json AS SELECT id, CAST(id AS STRING) AS s FROM range(3)");
    CHECK_SHOW(s, "SELECT * FROM ctas ORDER BY id",
               "+---+---+\n| id|  s|\n+---+---+\n|  0|  0|\n|  1|  1|\n|  2|  2|\n+---+---+\n");
    sql_ok(s, "CREATE VIEW v AS SELECT id * 10 AS x FROM ctas WHERE id > 0");
    CHECK_SHOW(s, "SELECT * FROM v ORDER BY x", "+---+\n|  x|\n+---+\n| 10|\n| 20|\n+---+\n");
    sql_ok(s, "TRUNCATE TABLE ctas");
    CHECK_SHOW(s, "SELECT count(*) AS n FROM ctas", "+---+\n|  n|\n+---+\n|  0|\n+---+\n");
    sql_ok(s, "ALTER TABLE ctas RENAME TO ctas2");
    sql_ok(s, "ALTER TABLE ctas2 ADD COLUMNS (extra INT)");
    sql_ok(s, "ALTER TABLE ctas2 SET TBLPROPERTIES ('k' = 'v')");
    CHECK_SHOW(s, "SHOW TBLPROPERTIES ctas2",
               "+---+-----+\n|key|value|\n+---+-----+\n|  k|    v|\n+---+-----+\n");
    sql_ok(s, "INSERT INTO ctas2 VALUES (5, 'five', 50)");
    CHECK_SHOW(s, "SELECT * FROM ctas2",
               "+---+----+-----+\n| id|   s|extra|\n+---+----+-----+\n|  5|five|   50|\n"
               "+---+----+-----+\n");
    /* Errors: class and parameters as Spark raises them. */
    CHECK_ERR(s, "CREATE TABLE show_t2(x INT)", "TABLE_OR_VIEW_ALREADY_EXISTS");
    sql(s, "CREATE TABLE show_t2(x INT)", &err);
    CHECK_EQ_STR(ember_error_param_get(&err, "relationName"), "`spark_catalog`.`showdb`.`show_t2`");
    sql_ok(s, "CREATE TABLE IF NOT EXISTS show_t2(x INT)");
    CHECK_ERR(s, "INSERT INTO show_t2 VALUES (1, 2, 3)",
              "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS");
    sql(s, "INSERT INTO show_t2 VALUES (1, 2, 3)", &err);
    CHECK_EQ_STR(ember_error_param_get(&err, "tableColumns"), "`b`, `d`");
    CHECK_EQ_STR(ember_error_param_get(&err, "dataColumns"), "`col1`, `col2`, `col3`");
    CHECK_ERR(s, "INSERT INTO show_t2 VALUES ('x')",
              "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS");
    CHECK_ERR(s, "USE not_exist", "SCHEMA_NOT_FOUND");
    CHECK_ERR(s, "SELECT * FROM badtable", "TABLE_OR_VIEW_NOT_FOUND");
    CHECK_ERR(s, "DROP TABLE badtable", "TABLE_OR_VIEW_NOT_FOUND");
    sql_ok(s, "DROP TABLE IF EXISTS badtable");
    CHECK_ERR(s, "DROP DATABASE showdb", "SCHEMA_NOT_EMPTY");
    CHECK_ERR(s, "CREATE DATABASE showdb", "SCHEMA_ALREADY_EXISTS");
    CHECK_ERR(s, "CREATE TABLE o (a INT) USING orc", "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED");
    CHECK_ERR(s, "CREATE TABLE o (a INT) USING nosuchformat", "DATA_SOURCE_NOT_FOUND");
    /* DROP removes managed data. */
    char path[512];
    snprintf(path, sizeof path, "%s/showdb.db/show_t2", g_wh);
    struct stat sb;
    CHECK(stat(path, &sb) == 0);
    sql_ok(s, "DROP TABLE show_t2");
    CHECK(stat(path, &sb) != 0);
    sql_ok(s, "DROP VIEW v");
    sql_ok(s, "USE default");
    sql_ok(s, "DROP DATABASE showdb CASCADE");
    CHECK_SHOW(s, "SHOW DATABASES",
               "+---------+\n|namespace|\n+---------+\n|  default|\n+---------+\n");
    ember_session_free(s);
}

EM_TEST(catalog_operations)
{
    ember_session *s = open_session();
    if (!s)
        return;
    sql_ok(s, "CREATE DATABASE cdb COMMENT 'a database'");
    sql_ok(s, "CREATE TABLE cdb.tab (a INT COMMENT 'the a', p STRING) USING parquet "
              "PARTITIONED BY (p)");
    sql_ok(s, "CREATE TEMPORARY VIEW tv AS SELECT 1 AS one");
    Spark__Connect__Catalog cat = SPARK__CONNECT__CATALOG__INIT;
    /* currentDatabase / setCurrentDatabase */
    Spark__Connect__CurrentDatabase cd = SPARK__CONNECT__CURRENT_DATABASE__INIT;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_DATABASE;
    cat.current_database = &cd;
    CHECK_CAT(s, &cat, "+-------+\n|  value|\n+-------+\n|default|\n+-------+\n");
    Spark__Connect__SetCurrentDatabase scd = SPARK__CONNECT__SET_CURRENT_DATABASE__INIT;
    scd.db_name = "cdb";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_SET_CURRENT_DATABASE;
    cat.set_current_database = &scd;
    ember_error err;
    char *t = show_relation(s, cat_rel(&cat), &err);
    free(t);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_DATABASE;
    cat.current_database = &cd;
    CHECK_CAT(s, &cat, "+-----+\n|value|\n+-----+\n|  cdb|\n+-----+\n");
    /* listTables: Table(name, catalog, namespace, description, tableType, isTemporary) */
    Spark__Connect__ListTables lt = SPARK__CONNECT__LIST_TABLES__INIT;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_TABLES;
    cat.list_tables = &lt;
    CHECK_CAT(s, &cat,
              "+----+-------------+---------+-----------+---------+-----------+\n"
              "|name|      catalog|namespace|description|tableType|isTemporary|\n"
              "+----+-------------+---------+-----------+---------+-----------+\n"
              "| tab|spark_catalog|    [cdb]|       NULL|  MANAGED|      false|\n"
              "|  tv|         NULL|       []|       NULL|TEMPORARY|       true|\n"
              "+----+-------------+---------+-----------+---------+-----------+\n");
    /* listColumns: Column(name, description, dataType, nullable, isPartition, isBucket,
       isCluster) */
    Spark__Connect__ListColumns lc = SPARK__CONNECT__LIST_COLUMNS__INIT;
    lc.table_name = "tab";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_COLUMNS;
    cat.list_columns = &lc;
    CHECK_CAT(s, &cat,
              "+----+-----------+--------+--------+-----------+--------+---------+\n"
              "|name|description|dataType|nullable|isPartition|isBucket|isCluster|\n"
              "+----+-----------+--------+--------+-----------+--------+---------+\n"
              "|   a|      the a|     int|    true|      false|   false|    false|\n"
              "|   p|       NULL|  string|    true|       true|   false|    false|\n"
              "+----+-----------+--------+--------+-----------+--------+---------+\n");
    /* tableExists / databaseExists / getTable / getDatabase */
    Spark__Connect__TableExists te = SPARK__CONNECT__TABLE_EXISTS__INIT;
    te.table_name = "tab";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_TABLE_EXISTS;
    cat.table_exists = &te;
    CHECK_CAT(s, &cat, "+-----+\n|value|\n+-----+\n| true|\n+-----+\n");
    te.table_name = "nope";
    CHECK_CAT(s, &cat, "+-----+\n|value|\n+-----+\n|false|\n+-----+\n");
    Spark__Connect__DatabaseExists de = SPARK__CONNECT__DATABASE_EXISTS__INIT;
    de.db_name = "cdb";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_DATABASE_EXISTS;
    cat.database_exists = &de;
    CHECK_CAT(s, &cat, "+-----+\n|value|\n+-----+\n| true|\n+-----+\n");
    Spark__Connect__GetTable gt = SPARK__CONNECT__GET_TABLE__INIT;
    gt.table_name = "cdb.tab";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_GET_TABLE;
    cat.get_table = &gt;
    CHECK_CAT(s, &cat,
              "+----+-------------+---------+-----------+---------+-----------+\n"
              "|name|      catalog|namespace|description|tableType|isTemporary|\n"
              "+----+-------------+---------+-----------+---------+-----------+\n"
              "| tab|spark_catalog|    [cdb]|       NULL|  MANAGED|      false|\n"
              "+----+-------------+---------+-----------+---------+-----------+\n");
    Spark__Connect__GetDatabase gd = SPARK__CONNECT__GET_DATABASE__INIT;
    gd.db_name = "nope";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_GET_DATABASE;
    cat.get_database = &gd;
    CHECK(show_relation(s, cat_rel(&cat), &err) == NULL);
    CHECK_EQ_STR(err.error_class, "SCHEMA_NOT_FOUND");
    /* cacheTable / isCached / uncacheTable / clearCache */
    Spark__Connect__CacheTable ct = SPARK__CONNECT__CACHE_TABLE__INIT;
    ct.table_name = "tab";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE;
    cat.cache_table = &ct;
    free(show_relation(s, cat_rel(&cat), &err));
    Spark__Connect__IsCached ic = SPARK__CONNECT__IS_CACHED__INIT;
    ic.table_name = "tab";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED;
    cat.is_cached = &ic;
    CHECK_CAT(s, &cat, "+-----+\n|value|\n+-----+\n| true|\n+-----+\n");
    Spark__Connect__ClearCache cc = SPARK__CONNECT__CLEAR_CACHE__INIT;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CLEAR_CACHE;
    cat.clear_cache = &cc;
    free(show_relation(s, cat_rel(&cat), &err));
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED;
    cat.is_cached = &ic;
    CHECK_CAT(s, &cat, "+-----+\n|value|\n+-----+\n|false|\n+-----+\n");
    /* createTable: the result is the new (empty) table. */
    Spark__Connect__CreateTable crt = SPARK__CONNECT__CREATE_TABLE__INIT;
    crt.table_name = "made";
    crt._source_case = SPARK__CONNECT__CREATE_TABLE___SOURCE_SOURCE;
    crt.source = "json";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CREATE_TABLE;
    cat.create_table = &crt;
    Spark__Connect__DataType__StructField f = SPARK__CONNECT__DATA_TYPE__STRUCT_FIELD__INIT;
    Spark__Connect__DataType__Long lng = SPARK__CONNECT__DATA_TYPE__LONG__INIT;
    Spark__Connect__DataType ft = SPARK__CONNECT__DATA_TYPE__INIT;
    ft.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_LONG;
    ft.long_ = &lng;
    f.name = "n";
    f.data_type = &ft;
    f.nullable = true;
    Spark__Connect__DataType__StructField *fs[1] = {&f};
    Spark__Connect__DataType__Struct st = SPARK__CONNECT__DATA_TYPE__STRUCT__INIT;
    st.n_fields = 1;
    st.fields = fs;
    Spark__Connect__DataType dt = SPARK__CONNECT__DATA_TYPE__INIT;
    dt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_STRUCT;
    dt.struct_ = &st;
    crt._schema_case = SPARK__CONNECT__CREATE_TABLE___SCHEMA_SCHEMA;
    crt.schema = &dt;
    CHECK_CAT(s, &cat, "+---+\n|  n|\n+---+\n+---+\n");
    CHECK_SHOW(s, "SHOW TABLES IN cdb LIKE 'made'",
               "+---------+---------+-----------+\n"
               "|namespace|tableName|isTemporary|\n"
               "+---------+---------+-----------+\n"
               "|      cdb|     made|      false|\n"
               "+---------+---------+-----------+\n");
    /* listDatabases */
    Spark__Connect__ListDatabases ld = SPARK__CONNECT__LIST_DATABASES__INIT;
    ld._pattern_case = SPARK__CONNECT__LIST_DATABASES___PATTERN_PATTERN;
    ld.pattern = "c*";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_DATABASES;
    cat.list_databases = &ld;
    char want[1024];
    snprintf(want, sizeof want,
             "+----+-------------+-----------+--------------------+\n"
             "|name|      catalog|description|         locationUri|\n"
             "+----+-------------+-----------+--------------------+\n"
             "| cdb|spark_catalog| a database|%-20.17s...|\n"
             "+----+-------------+-----------+--------------------+\n",
             "");
    (void)want; /* the location depends on the temporary warehouse: checked by prefix below */
    {
        char *got = show_relation(s, cat_rel(&cat), &err);
        CHECK(got && strstr(got, "| cdb|spark_catalog| a database|file:") != NULL);
        free(got);
    }
    /* getFunction of an unknown function: UNRESOLVED_ROUTINE. */
    Spark__Connect__GetFunction gf = SPARK__CONNECT__GET_FUNCTION__INIT;
    gf.function_name = "no_such_fn";
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_GET_FUNCTION;
    cat.get_function = &gf;
    CHECK(show_relation(s, cat_rel(&cat), &err) == NULL);
    CHECK_EQ_STR(err.error_class, "UNRESOLVED_ROUTINE");
    sql_ok(s, "USE default");
    sql_ok(s, "DROP DATABASE cdb CASCADE");
    ember_session_free(s);
}

EM_TEST(save_as_table_survives_restart)
{
    ember_session *s = open_session();
    if (!s)
        return;
    ember_error err;
    CHECK_EQ_INT(write_table(s, "SELECT id, id * 2 AS twice FROM range(5)", "saved",
                             SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_UNSPECIFIED,
                             false, &err),
                 0);
    /* Default mode (errorifexists) on an existing table: TABLE_OR_VIEW_ALREADY_EXISTS. */
    CHECK(write_table(s, "SELECT 1 AS id", "saved",
                      SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_ERROR_IF_EXISTS, false,
                      &err) != 0);
    CHECK_EQ_STR(err.error_class, "TABLE_OR_VIEW_ALREADY_EXISTS");
    /* append matches columns by name (DataFrameWriter.saveAsTable's documented rule). */
    CHECK_EQ_INT(write_table(s, "SELECT 100 AS twice, 50 AS id", "saved",
                             SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_APPEND, false,
                             &err),
                 0);
    /* insertInto is by position. */
    CHECK_EQ_INT(write_table(s, "SELECT 60, 120", "saved",
                             SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_APPEND, true,
                             &err),
                 0);
    ember_session_free(s);
    CHECK_EQ_INT(srv_stop(SIGTERM), 0);
    CHECK_EQ_INT(srv_start(), 0);
    s = open_session();
    if (!s)
        return;
    CHECK_SHOW(s, "SELECT * FROM saved ORDER BY id",
               "+---+-----+\n| id|twice|\n+---+-----+\n|  0|    0|\n|  1|    2|\n|  2|    4|\n"
               "|  3|    6|\n|  4|    8|\n| 50|  100|\n| 60|  120|\n+---+-----+\n");
    /* overwrite replaces the table (new schema). */
    CHECK_EQ_INT(write_table(s, "SELECT 'x' AS c", "saved",
                             SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_OVERWRITE, false,
                             &err),
                 0);
    CHECK_SHOW(s, "SELECT * FROM saved", "+---+\n|  c|\n+---+\n|  x|\n+---+\n");
    sql_ok(s, "DROP TABLE saved");
    ember_session_free(s);
}

EM_TEST(writer_v2_and_bucket_errors)
{
    ember_session *s = open_session();
    if (!s)
        return;
    ember_error err;
    Spark__Connect__WriteOperationV2 w = SPARK__CONNECT__WRITE_OPERATION_V2__INIT;
    w.input = sql_rel("SELECT 1 AS a");
    w.table_name = "v2t";
    w.mode = SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_CREATE;
    Spark__Connect__Command cmd = SPARK__CONNECT__COMMAND__INIT;
    cmd.command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION_V2;
    cmd.write_operation_v2 = &w;
    CHECK_EQ_INT(run_command(s, &cmd, &err), 0);
    CHECK(run_command(s, &cmd, &err) != 0);
    CHECK_EQ_STR(err.error_class, "TABLE_OR_VIEW_ALREADY_EXISTS");
    w.mode = SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_APPEND;
    w.input = sql_rel("SELECT 2 AS a");
    CHECK_EQ_INT(run_command(s, &cmd, &err), 0);
    CHECK_SHOW(s, "SELECT * FROM v2t ORDER BY a", "+---+\n|  a|\n+---+\n|  1|\n|  2|\n+---+\n");
    w.mode = SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE_PARTITIONS;
    w.input = sql_rel("SELECT 3 AS a");
    CHECK_EQ_INT(run_command(s, &cmd, &err), 0);
    CHECK_SHOW(s, "SELECT * FROM v2t", "+---+\n|  a|\n+---+\n|  3|\n+---+\n");
    w.table_name = "missing";
    w.mode = SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_APPEND;
    CHECK(run_command(s, &cmd, &err) != 0);
    CHECK_EQ_STR(err.error_class, "TABLE_OR_VIEW_NOT_FOUND");
    /* bucketBy with save(path): Spark's "'save' does not support bucketBy right now." */
    Spark__Connect__WriteOperation w1 = SPARK__CONNECT__WRITE_OPERATION__INIT;
    Spark__Connect__WriteOperation__BucketBy bb = SPARK__CONNECT__WRITE_OPERATION__BUCKET_BY__INIT;
    char *bcols[1] = {"a"};
    bb.bucket_column_names = bcols;
    bb.n_bucket_column_names = 1;
    bb.num_buckets = 2;
    w1.input = sql_rel("SELECT 1 AS a");
    w1.save_type_case = SPARK__CONNECT__WRITE_OPERATION__SAVE_TYPE_PATH;
    char path[512];
    snprintf(path, sizeof path, "%s-out", g_wh);
    w1.path = path;
    w1.bucket_by = &bb;
    Spark__Connect__Command c1 = SPARK__CONNECT__COMMAND__INIT;
    c1.command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION;
    c1.write_operation = &w1;
    CHECK(run_command(s, &c1, &err) != 0);
    CHECK_EQ_STR(err.error_class, "_LEGACY_ERROR_TEMP_1312");
    CHECK_EQ_STR(ember_error_param_get(&err, "operation"), "save");
    /* orc: a format Spark has and Ember does not write. */
    w1.bucket_by = NULL;
    w1._source_case = SPARK__CONNECT__WRITE_OPERATION___SOURCE_SOURCE;
    w1.source = "orc";
    CHECK(run_command(s, &c1, &err) != 0);
    CHECK_EQ_STR(err.error_class, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED");
    sql_ok(s, "DROP TABLE v2t");
    ember_session_free(s);
}

/* Counts the files of a folder tree whose names do not start with '.' or '_'. */
static int count_data_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || e->d_name[0] == '_')
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            n += count_data_files(p);
        else
            n++;
    }
    closedir(d);
    return n;
}

EM_TEST(kill_during_overwrite_keeps_old_rows)
{
    ember_session *s = open_session();
    if (!s)
        return;
    sql_ok(s, "CREATE TABLE big USING parquet AS SELECT id FROM range(1000)");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/big", g_wh);
    int files_before = count_data_files(dir);
    CHECK(files_before > 0);
    /* A large overwrite on another thread of the server; SIGKILL while it runs. */
    pid_t child = fork();
    if (child == 0) {
        ember_session *s2 = NULL;
        ember_error e;
        if (ember_session_open(g_url, &s2, &e) == EMBER_OK)
            sql(s2, "INSERT OVERWRITE big SELECT id FROM range(200000000)", &e);
        _exit(0);
    }
    usleep(1500 * 1000);
    srv_stop(SIGKILL);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    ember_session_free(s);
    CHECK_EQ_INT(srv_start(), 0);
    s = open_session();
    if (!s)
        return;
    CHECK_SHOW(s, "SELECT count(*) AS n, sum(id) AS s FROM big",
               "+----+------+\n|   n|     s|\n+----+------+\n|1000|499500|\n+----+------+\n");
    CHECK_EQ_INT(count_data_files(dir), files_before);
    /* A crash during the first write of a new table leaves no table behind. */
    child = fork();
    if (child == 0) {
        ember_session *s2 = NULL;
        ember_error e;
        if (ember_session_open(g_url, &s2, &e) == EMBER_OK)
            sql(s2, "CREATE TABLE half USING parquet AS SELECT id FROM range(200000000)", &e);
        _exit(0);
    }
    usleep(1500 * 1000);
    srv_stop(SIGKILL);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    ember_session_free(s);
    CHECK_EQ_INT(srv_start(), 0);
    s = open_session();
    if (!s)
        return;
    ember_error err;
    CHECK_ERR(s, "SELECT * FROM half", "TABLE_OR_VIEW_NOT_FOUND");
    sql_ok(s, "CREATE TABLE half (x INT)"); /* the name is free, the location empty */
    sql_ok(s, "DROP TABLE half");
    sql_ok(s, "DROP TABLE big");
    (void)err;
    ember_session_free(s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: catalog_test EMBER_BINARY\n");
        return 2;
    }
    g_bin = argv[1];
    char tmpl[] = "/tmp/ember-catalog-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    snprintf(g_wh, sizeof g_wh, "%s/wh", d ? d : "/tmp");
    signal(SIGPIPE, SIG_IGN);
    if (srv_start() != 0) {
        fprintf(stderr, "catalog_test: cannot start %s\n", g_bin);
        return 77;
    }
    int rc = em_test_main(argc - 1, argv + 1);
    if (g_pid > 0) {
        int status = srv_stop(SIGTERM);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "catalog_test: the server did not stop cleanly (status %d)\n", status);
            rc = 1;
        }
    }
    return rc;
}
