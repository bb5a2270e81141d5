/*
 * odds_test: protocol tests of three small Spark Connect features, against an in-process
 * Ember server over loopback:
 *  - DataFrame subqueries (PySpark 4's df.scalar(), df.exists(), col.isin(df)): a WithRelations
 *    whose root's SubqueryExpressions name its references by plan id (SparkConnectPlanner
 *    .transformSubqueryExpression / transformWithRelations);
 *  - Config warnings for deprecated and unsupported confs (SparkConnectConfigHandler.getWarning:
 *    SQLConf.deprecatedSQLConfigs' toDeprecationString) and removed confs
 *    (SQLConf.removedSQLConfigs: _LEGACY_ERROR_TEMP_1226);
 *  - ExecutionProgress input_bytes_read from the engine's scan counters (Spark's task input
 *    metrics: file scans read bytes, Range reads none).
 * Expected values are Spark's (sources cited per case).
 */
#include "em_test.h"
#include "tc.h"

#include "arrow/ipc.h"
#include "common/em_arena.h"
#include "common/em_mem.h"
#include "common/em_uuid.h"
#include "connect/cn_server.h"
#include "vector/vec.h"
#include "spark/connect/base.pb-c.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static cn_server *g_srv;
static wire_channel *g_ch;
static em_arena g_a; /* the protobuf trees of one test */

static void od_start(void)
{
    cn_server_opts o;
    memset(&o, 0, sizeof o);
    o.host = "127.0.0.1";
    o.warehouse = "/tmp";
    em_error err;
    em_error_clear(&err);
    int port = 0;
    g_srv = cn_server_start(&o, &port, &err);
    if (!g_srv) {
        fprintf(stderr, "cannot start server: %s\n", err.message);
        exit(1);
    }
    char target[64];
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    g_ch = wire_channel_new(target, NULL, &err);
}

static void *od_new(size_t size)
{
    return em_arena_calloc(&g_a, 1, size);
}

static Spark__Connect__Relation *od_rel(int64_t plan_id)
{
    Spark__Connect__Relation *r = od_new(sizeof *r);
    spark__connect__relation__init(r);
    if (plan_id >= 0) {
        Spark__Connect__RelationCommon *c = od_new(sizeof *c);
        spark__connect__relation_common__init(c);
        c->_plan_id_case = SPARK__CONNECT__RELATION_COMMON___PLAN_ID_PLAN_ID;
        c->plan_id = plan_id;
        r->common = c;
    }
    return r;
}

/* SQL relation with a plan id (a WithRelations reference). */
static Spark__Connect__Relation *od_sql(const char *q, int64_t plan_id)
{
    Spark__Connect__Relation *r = tc_sql(q);
    Spark__Connect__Relation *w = od_rel(plan_id);
    w->rel_type_case = r->rel_type_case;
    w->sql = r->sql;
    return w;
}

static Spark__Connect__Relation *od_alias_rel(Spark__Connect__Relation *in, const char *alias)
{
    Spark__Connect__SubqueryAlias *s = od_new(sizeof *s);
    spark__connect__subquery_alias__init(s);
    s->input = in;
    s->alias = (char *)alias;
    Spark__Connect__Relation *r = od_rel(-1);
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SUBQUERY_ALIAS;
    r->subquery_alias = s;
    return r;
}

static Spark__Connect__Relation *od_filter(Spark__Connect__Relation *in,
                                           Spark__Connect__Expression *cond, int64_t plan_id)
{
    Spark__Connect__Filter *f = od_new(sizeof *f);
    spark__connect__filter__init(f);
    f->input = in;
    f->condition = cond;
    Spark__Connect__Relation *r = od_rel(plan_id);
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_FILTER;
    r->filter = f;
    return r;
}

static Spark__Connect__Relation *od_with_relations(Spark__Connect__Relation *root, int n,
                                                   Spark__Connect__Relation **refs)
{
    Spark__Connect__WithRelations *w = od_new(sizeof *w);
    spark__connect__with_relations__init(w);
    w->root = root;
    w->n_references = (size_t)n;
    w->references = refs;
    Spark__Connect__Relation *r = od_rel(-1);
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_WITH_RELATIONS;
    r->with_relations = w;
    return r;
}

static Spark__Connect__Relation *od_show(Spark__Connect__Relation *in)
{
    Spark__Connect__ShowString *s = od_new(sizeof *s);
    spark__connect__show_string__init(s);
    s->input = in;
    s->num_rows = 20;
    s->truncate = 20;
    Spark__Connect__Relation *r = od_rel(-1);
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SHOW_STRING;
    r->show_string = s;
    return r;
}

static Spark__Connect__Expression *od_subq(int kind, int64_t plan_id, int n_vals,
                                           Spark__Connect__Expression **vals)
{
    Spark__Connect__SubqueryExpression *s = od_new(sizeof *s);
    spark__connect__subquery_expression__init(s);
    s->plan_id = plan_id;
    s->subquery_type = kind;
    s->n_in_subquery_values = (size_t)n_vals;
    s->in_subquery_values = vals;
    Spark__Connect__Expression *e = od_new(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_SUBQUERY_EXPRESSION;
    e->subquery_expression = s;
    return e;
}

static Spark__Connect__Expression *od_alias(Spark__Connect__Expression *in, const char *name)
{
    Spark__Connect__Expression__Alias *a = od_new(sizeof *a);
    spark__connect__expression__alias__init(a);
    a->expr = in;
    char **names = od_new(sizeof(char *));
    names[0] = (char *)name;
    a->n_name = 1;
    a->name = names;
    Spark__Connect__Expression *e = od_new(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_ALIAS;
    e->alias = a;
    return e;
}

static Spark__Connect__Expression *od_fn2(const char *name, Spark__Connect__Expression *a,
                                          Spark__Connect__Expression *b)
{
    Spark__Connect__Expression *args[2] = {a, b};
    return tc_fn(name, b ? 2 : 1, args);
}

/* Runs rel; on success returns the single show_string cell (caller frees), else NULL with *st. */
static char *od_show_text(const char *sid, Spark__Connect__Relation *rel, tc_status *st)
{
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(od_show(rel)), NULL, false), 0, &e);
    *st = e.st;
    char *out = NULL;
    for (int i = 0; i < e.n && e.st.code == 0; i++) {
        Spark__Connect__ExecutePlanResponse *r = e.resp[i];
        if (r->response_type_case !=
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH)
            continue;
        em_arena a;
        em_arena_init(&a, 4096);
        const ty *schema = NULL;
        vec_batch **batches = NULL;
        int n = 0;
        em_error err;
        em_error_clear(&err);
        if (ipc_decode_stream(r->arrow_batch->data.data, r->arrow_batch->data.len, &a, &schema,
                              &batches, &n, &err) == 0) {
            for (int b = 0; b < n; b++) {
                if (!out && batches[b]->n_rows == 1) {
                    int32_t len;
                    const char *p = vec_str(batches[b]->cols[0], 0, &len);
                    out = em_malloc((size_t)len + 1);
                    memcpy(out, p, (size_t)len);
                    out[len] = '\0';
                }
                vec_batch_free(batches[b]);
            }
            em_free(batches);
        }
        em_arena_release(&a);
    }
    tc_exec_free(&e);
    return out;
}

/* Rows of rel (sum of the arrow batches' row counts), or -1 on failure (*st says why). */
static int64_t od_rows(const char *sid, Spark__Connect__Relation *rel, tc_status *st)
{
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(rel), NULL, false), 0, &e);
    *st = e.st;
    int64_t rows = e.st.code == 0 ? e.rows : -1;
    tc_exec_free(&e);
    return rows;
}

#define OD_SCALAR SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_SCALAR
#define OD_EXISTS SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_EXISTS
#define OD_IN     SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_IN

/* spark.range(3).select("id", spark.sql("SELECT max(id) FROM range(10)").scalar().alias("m")):
   the scalar (9) on every row; show() text in Spark's showString format. */
EM_TEST(dataframe_scalar_subquery)
{
    em_arena_init(&g_a, 4096);
    char sid[37];
    em_uuid_v4(sid);
    Spark__Connect__Expression *cols[2] = {tc_col("id"),
                                           od_alias(od_subq(OD_SCALAR, 100, 0, NULL), "m")};
    Spark__Connect__Relation **refs = od_new(sizeof *refs);
    refs[0] = od_sql("SELECT max(id) FROM range(10)", 100);
    Spark__Connect__Relation *rel =
        od_with_relations(tc_project(tc_range(0, 3, 1), 2, cols), 1, refs);
    tc_status st;
    char *text = od_show_text(sid, rel, &st);
    CHECK_EQ_INT(st.code, 0);
    CHECK_EQ_STR(text ? text : "(none)", "+---+---+\n"
                                         "| id|  m|\n"
                                         "+---+---+\n"
                                         "|  0|  9|\n"
                                         "|  1|  9|\n"
                                         "|  2|  9|\n"
                                         "+---+---+\n");
    em_free(text);
    /* The scalar in a predicate: range(20) where id > (max of range(10)) = 10..19. */
    refs = od_new(sizeof *refs);
    refs[0] = od_sql("SELECT max(id) FROM range(10)", 7);
    rel = od_with_relations(
        od_filter(tc_range(0, 20, 1), od_fn2(">", tc_col("id"), od_subq(OD_SCALAR, 7, 0, NULL)), 8),
        1, refs);
    CHECK_EQ_INT(od_rows(sid, rel, &st), 10);
    tc_free_all();
    em_arena_release(&g_a);
}

/* df.exists() and ~df.exists(), uncorrelated and correlated (the references' unresolved names
   that the subquery cannot resolve are the outer query's, as in DataFrame.exists' doctests). */
EM_TEST(dataframe_exists_subquery)
{
    em_arena_init(&g_a, 4096);
    char sid[37];
    em_uuid_v4(sid);
    tc_status st;
    Spark__Connect__Relation **refs = od_new(sizeof *refs);
    refs[0] = od_sql("SELECT 1 AS one WHERE false", 11);
    Spark__Connect__Relation *rel = od_with_relations(
        od_filter(tc_range(0, 5, 1), od_subq(OD_EXISTS, 11, 0, NULL), -1), 1, refs);
    CHECK_EQ_INT(od_rows(sid, rel, &st), 0);
    rel = od_with_relations(
        od_filter(tc_range(0, 5, 1), od_fn2("not", od_subq(OD_EXISTS, 11, 0, NULL), NULL), -1), 1,
        refs);
    CHECK_EQ_INT(od_rows(sid, rel, &st), 5);
    /* t = range(5) alias t; s = range(3) alias s; t.where(s.where(s.id == t.id).exists()) */
    Spark__Connect__Relation *inner = od_filter(od_alias_rel(tc_range(0, 3, 1), "s"),
                                                od_fn2("==", tc_col("s.id"), tc_col("t.id")), 12);
    refs = od_new(sizeof *refs);
    refs[0] = inner;
    rel = od_with_relations(
        od_filter(od_alias_rel(tc_range(0, 5, 1), "t"), od_subq(OD_EXISTS, 12, 0, NULL), -1), 1,
        refs);
    char *text = od_show_text(sid, rel, &st);
    CHECK_EQ_INT(st.code, 0);
    CHECK_EQ_STR(text ? text : "(none)", "+---+\n| id|\n+---+\n|  0|\n|  1|\n|  2|\n+---+\n");
    em_free(text);
    tc_free_all();
    em_arena_release(&g_a);
}

/* col.isin(df): range(10) where id IN (SELECT id * 3 FROM range(4)) = 0, 3, 6, 9; a plan id
   that names no reference fails and the server keeps answering. */
EM_TEST(dataframe_in_subquery)
{
    em_arena_init(&g_a, 4096);
    char sid[37];
    em_uuid_v4(sid);
    tc_status st;
    Spark__Connect__Relation **refs = od_new(sizeof *refs);
    refs[0] = od_sql("SELECT id * 3 AS x FROM range(4)", 21);
    Spark__Connect__Expression **vals = od_new(sizeof *vals);
    vals[0] = tc_col("id");
    Spark__Connect__Relation *rel =
        od_with_relations(od_filter(tc_range(0, 10, 1), od_subq(OD_IN, 21, 1, vals), -1), 1, refs);
    char *text = od_show_text(sid, rel, &st);
    CHECK_EQ_INT(st.code, 0);
    CHECK_EQ_STR(text ? text : "(none)",
                 "+---+\n| id|\n+---+\n|  0|\n|  3|\n|  6|\n|  9|\n+---+\n");
    em_free(text);
    rel =
        od_with_relations(od_filter(tc_range(0, 10, 1), od_subq(OD_IN, 99, 1, vals), -1), 1, refs);
    CHECK(od_rows(sid, rel, &st) < 0);
    CHECK(st.code != 0);
    CHECK_EQ_INT(od_rows(sid, tc_range(0, 3, 1), &st), 3);
    /* A table read inside a DataFrame root resolves through the catalog, never against the
       (unnamed) references: spark.table("od_missing").where(col("id").isin(df)) with no such
       table is TABLE_OR_VIEW_NOT_FOUND (42P01). */
    Spark__Connect__Read__NamedTable *nt = od_new(sizeof *nt);
    spark__connect__read__named_table__init(nt);
    nt->unparsed_identifier = "od_missing";
    Spark__Connect__Read *rd = od_new(sizeof *rd);
    spark__connect__read__init(rd);
    rd->read_type_case = SPARK__CONNECT__READ__READ_TYPE_NAMED_TABLE;
    rd->named_table = nt;
    Spark__Connect__Relation *tbl = od_rel(-1);
    tbl->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_READ;
    tbl->read = rd;
    refs = od_new(sizeof *refs);
    refs[0] = od_filter(tc_range(0, 4, 1), od_fn2(">", tc_col("id"), tc_lit_int(1)), 22);
    rel = od_with_relations(od_filter(tbl, od_subq(OD_IN, 22, 1, vals), -1), 1, refs);
    CHECK(od_rows(sid, rel, &st) < 0);
    CHECK_EQ_STR(st.error_class, "TABLE_OR_VIEW_NOT_FOUND");
    CHECK_EQ_STR(st.sqlstate, "42P01");
    tc_free_all();
    em_arena_release(&g_a);
}

/* ---------------------------------------------------------------- config warnings ------- */

typedef struct od_conf_out {
    tc_status st;
    int n_warnings;
    char warning[1024]; /* the first */
} od_conf_out;

static void od_conf(const char *sid, int op_case, const char *key, const char *value,
                    od_conf_out *out)
{
    Spark__Connect__ConfigRequest r = SPARK__CONNECT__CONFIG_REQUEST__INIT;
    r.session_id = (char *)sid;
    /* the session of tc_exec_req's executions: sessions are per (user_id, session_id) */
    Spark__Connect__UserContext user = SPARK__CONNECT__USER_CONTEXT__INIT;
    user.user_id = "tester";
    r.user_context = &user;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    Spark__Connect__ConfigRequest__Set set = SPARK__CONNECT__CONFIG_REQUEST__SET__INIT;
    Spark__Connect__ConfigRequest__Get get = SPARK__CONNECT__CONFIG_REQUEST__GET__INIT;
    Spark__Connect__ConfigRequest__Unset unset = SPARK__CONNECT__CONFIG_REQUEST__UNSET__INIT;
    Spark__Connect__KeyValue kv = SPARK__CONNECT__KEY_VALUE__INIT;
    Spark__Connect__KeyValue *kvp = &kv;
    char *keys[1] = {(char *)key};
    op.op_type_case = op_case;
    if (op_case == SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET) {
        kv.key = (char *)key;
        kv._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
        kv.value = (char *)value;
        set.n_pairs = 1;
        set.pairs = &kvp;
        op.set = &set;
    } else if (op_case == SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET) {
        get.n_keys = 1;
        get.keys = keys;
        op.get = &get;
    } else {
        unset.n_keys = 1;
        unset.keys = keys;
        op.unset = &unset;
    }
    r.operation = &op;
    ProtobufCMessage *resp = NULL;
    tc_unary(g_ch, "Config", &r.base, &spark__connect__config_response__descriptor, &resp,
             &out->st);
    out->n_warnings = -1;
    out->warning[0] = '\0';
    if (resp) {
        Spark__Connect__ConfigResponse *cr = (Spark__Connect__ConfigResponse *)resp;
        out->n_warnings = (int)cr->n_warnings;
        if (cr->n_warnings)
            snprintf(out->warning, sizeof out->warning, "%s", cr->warnings[0]);
        protobuf_c_message_free_unpacked(resp, NULL);
    }
}

#define OD_SET   SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET
#define OD_GET   SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET
#define OD_UNSET SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_UNSET

/* Texts: SQLConf.DeprecatedConfig.toDeprecationString with SQLConf.deprecatedSQLConfigs' entries;
   SparkConnectConfigHandler.unsupportedConfigurations; every operation on the key warns
   (handleSet / handleGet / handleUnset call getWarning). */
EM_TEST(deprecated_conf_warnings)
{
    char sid[37];
    em_uuid_v4(sid);
    od_conf_out o;
    od_conf(sid, OD_SET, "spark.sql.parser.escapedStringLiterals", "true", &o);
    CHECK_EQ_INT(o.st.code, 0);
    CHECK_EQ_INT(o.n_warnings, 1);
    CHECK_EQ_STR(o.warning, "The SQL config 'spark.sql.parser.escapedStringLiterals' has been "
                            "deprecated in Spark v4.0 and may be removed in the future. Use raw "
                            "string literals with the `r` prefix instead. ");
    od_conf(sid, OD_GET, "spark.sql.parser.escapedStringLiterals", NULL, &o);
    CHECK_EQ_INT(o.n_warnings, 1);
    od_conf(sid, OD_UNSET, "spark.sql.parser.escapedStringLiterals", NULL, &o);
    CHECK_EQ_INT(o.n_warnings, 1);
    od_conf(sid, OD_SET, "spark.sql.execution.arrow.fallback.enabled", "false", &o);
    CHECK_EQ_INT(o.st.code, 0);
    CHECK_EQ_STR(o.warning, "The SQL config 'spark.sql.execution.arrow.fallback.enabled' has "
                            "been deprecated in Spark v3.0 and may be removed in the future. Use "
                            "'spark.sql.execution.arrow.pyspark.fallback.enabled' instead of it.");
    /* Unsupported in Connect wins over deprecated (getWarning checks it first). */
    od_conf(sid, OD_SET, "spark.sql.execution.arrow.enabled", "true", &o);
    CHECK_EQ_INT(o.st.code, 0);
    CHECK_EQ_STR(o.warning,
                 "The SQL config 'spark.sql.execution.arrow.enabled' is NOT supported in Spark "
                 "Connect");
    /* An ordinary key: no warning. */
    od_conf(sid, OD_SET, "spark.sql.shuffle.partitions", "7", &o);
    CHECK_EQ_INT(o.st.code, 0);
    CHECK_EQ_INT(o.n_warnings, 0);
    /* Removed confs: the old default is accepted, anything else fails with
       _LEGACY_ERROR_TEMP_1226 (SQLConf.requireDefaultValueOfRemovedConf). */
    od_conf(sid, OD_SET, "spark.sql.hive.verifyPartitionPath", "false", &o);
    CHECK_EQ_INT(o.st.code, 0);
    od_conf(sid, OD_SET, "spark.sql.hive.verifyPartitionPath", "true", &o);
    CHECK_EQ_STR(o.st.error_class, "_LEGACY_ERROR_TEMP_1226");
    CHECK(strstr(o.st.message, "The SQL config 'spark.sql.hive.verifyPartitionPath' was removed "
                               "in the version 4.0.0. This config was replaced by "
                               "'spark.sql.files.ignoreMissingFiles'.") != NULL);
    CHECK(strstr(o.st.reason, "AnalysisException") != NULL);
    od_conf(sid, OD_GET, "spark.sql.shuffle.partitions", NULL, &o);
    CHECK_EQ_INT(o.st.code, 0);
}

/* ---------------------------------------------------------------- progress ------------- */

/* Runs rel with spark.connect.progress.reportInterval=10ms set on sid; returns the number of
   ExecutionProgress responses, the largest input_bytes_read and whether the last was done. */
static int od_progress(const char *sid, Spark__Connect__Relation *rel, int64_t *max_bytes,
                       bool *last_done, bool *monotonic)
{
    tc_exec e;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(rel), NULL, false), 0, &e);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_EQ_INT(e.st.code, 0);
    if (getenv("OD_VERBOSE"))
        printf("  progress query: %.1f ms\n",
               (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    if (e.st.code)
        printf("  progress query failed: [%s] %s\n", e.st.error_class, e.st.message);
    int n = 0;
    *max_bytes = -1;
    *last_done = false;
    *monotonic = true;
    for (int i = 0; i < e.n; i++) {
        Spark__Connect__ExecutePlanResponse *r = e.resp[i];
        if (r->response_type_case !=
                SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_EXECUTION_PROGRESS ||
            r->execution_progress->n_stages != 1)
            continue;
        int64_t b = r->execution_progress->stages[0]->input_bytes_read;
        if (b < *max_bytes)
            *monotonic = false;
        if (b > *max_bytes)
            *max_bytes = b;
        *last_done = r->execution_progress->stages[0]->done;
        n++;
    }
    tc_exec_free(&e);
    if (getenv("OD_VERBOSE"))
        printf("  progress: %d reports, max bytes %lld\n", n, (long long)*max_bytes);
    return n;
}

/* spark.read.parquet(path x n_copies): the same file listed n_copies times (read each time). */
static Spark__Connect__Relation *od_read_parquet(const char *path, int n_copies)
{
    Spark__Connect__Read__DataSource *ds = od_new(sizeof *ds);
    spark__connect__read__data_source__init(ds);
    ds->_format_case = SPARK__CONNECT__READ__DATA_SOURCE___FORMAT_FORMAT;
    ds->format = "parquet";
    char **paths = od_new(sizeof(char *) * (size_t)n_copies);
    for (int i = 0; i < n_copies; i++)
        paths[i] = (char *)path;
    ds->n_paths = (size_t)n_copies;
    ds->paths = paths;
    Spark__Connect__Read *rd = od_new(sizeof *rd);
    spark__connect__read__init(rd);
    rd->read_type_case = SPARK__CONNECT__READ__READ_TYPE_DATA_SOURCE;
    rd->data_source = ds;
    Spark__Connect__Relation *read = od_rel(-1);
    read->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_READ;
    read->read = rd;
    return read;
}

EM_TEST(progress_reports_bytes_read_by_scans)
{
    em_arena_init(&g_a, 4096);
    char sid[37];
    em_uuid_v4(sid);
    od_conf_out o;
    od_conf(sid, OD_SET, "spark.connect.progress.reportInterval", "10ms", &o);
    CHECK_EQ_INT(o.st.code, 0);
    /* A file scan joined with a range long enough for reports: its input bytes are > 0.
       df = spark.read.parquet(p).crossJoin(spark.range(10000)).select(max("i32")) over the 1000
       rows of types_int_signed.parquet: the scan reads column i32 once, 1000 x 4 bytes decoded. */
    Spark__Connect__Relation *read =
        od_read_parquet(EMBER_PARQUET_DIR "/types_int_signed.parquet", 1);
    Spark__Connect__Join *j = od_new(sizeof *j);
    spark__connect__join__init(j);
    j->left = read;
    j->right = tc_range(0, 10000, 1);
    j->join_type = SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_CROSS;
    Spark__Connect__Relation *join = od_rel(-1);
    join->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_JOIN;
    join->join = j;
    Spark__Connect__Expression *i32 = tc_col("i32");
    Spark__Connect__Expression *cnt[1] = {tc_fn("max", 1, &i32)};
    int64_t max_bytes;
    bool done, mono;
    int n = od_progress(sid, tc_project(join, 1, cnt), &max_bytes, &done, &mono);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK(done);
        CHECK(mono);
        CHECK_EQ_INT(max_bytes, 4000);
    }
    /* Range reads no input (Spark's RangeExec has no input metrics): 0 bytes, however many
       rows it produces or returns. */
    n = od_progress(sid, tc_sql("SELECT max(id * 2) FROM range(30000000)"), &max_bytes, &done,
                    &mono);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK(done);
        CHECK_EQ_INT(max_bytes, 0);
    }
    /* A parallel aggregate (spark.ember.threads=2: a global aggregate over a pipeline over a file
       scan runs as morsels; the worker that claims a part of the file opens its own scan of it,
       on a worker query): the worker's reads count on the query. Per-row work (repeat) makes
       it last long enough for reports. max(length(repeat(cast(i32 as string), 20000))) reads
       column i32 once: 4000 bytes. */
    od_conf(sid, OD_SET, "spark.ember.threads", "2", &o);
    CHECK_EQ_INT(o.st.code, 0);
    Spark__Connect__Expression *rep[2] = {tc_cast_str(tc_col("i32"), "string"), tc_lit_int(20000)};
    Spark__Connect__Expression *len1[1] = {tc_fn("repeat", 2, rep)};
    Spark__Connect__Expression *mx1[1] = {tc_fn("length", 1, len1)};
    Spark__Connect__Expression *mx[1] = {tc_fn("max", 1, mx1)};
    n = od_progress(
        sid, tc_project(od_read_parquet(EMBER_PARQUET_DIR "/types_int_signed.parquet", 1), 1, mx),
        &max_bytes, &done, &mono);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK(done);
        CHECK(mono);
        CHECK_EQ_INT(max_bytes, 4000);
    }
    tc_free_all();
    em_arena_release(&g_a);
}

int main(int c, char **v)
{
    od_start();
    int rc = em_test_main(c, v);
    wire_channel_free(g_ch);
    cn_server_stop(g_srv);
    return rc;
}
