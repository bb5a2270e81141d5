/*
 * Protocol tests: an in-process Ember server and a gRPC client in one binary, talking Spark
 * Connect over loopback. Expected error classes and SQLSTATEs are Spark's (Spark's
 * error-conditions.json and the Spark Connect server's session/execution rules summarised in
 * shared/docs/spark-connect-protocol.md §2, §5, §7); after every failure case the test checks
 * that the server still answers.
 */
#include "em_test.h"
#include "tc.h"

#include "common/em_mem.h"
#include "common/em_uuid.h"
#include "connect/cn_server.h"
#include "spark/connect/base.pb-c.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

static cn_server *g_srv;
/* tc_exec_req sends user_id "tester"; other requests of the same session must too. */
static Spark__Connect__UserContext g_user = SPARK__CONNECT__USER_CONTEXT__INIT;
static wire_channel *g_ch;
static char g_target[64];

static void start_server(const char *token)
{
    cn_server_opts o;
    memset(&o, 0, sizeof o);
    o.host = "127.0.0.1";
    o.port = 0;
    o.warehouse = "/tmp";
    o.token = token;
    em_error err;
    em_error_clear(&err);
    int port = 0;
    g_srv = cn_server_start(&o, &port, &err);
    if (!g_srv) {
        fprintf(stderr, "cannot start server: %s\n", err.message);
        exit(1);
    }
    snprintf(g_target, sizeof g_target, "127.0.0.1:%d", port);
    g_ch = wire_channel_new(g_target, NULL, &err);
}

static void stop_server(void)
{
    wire_channel_free(g_ch);
    g_ch = NULL;
    cn_server_stop(g_srv);
    g_srv = NULL;
}

static Spark__Connect__ConfigRequest *config_req(const char *session_id)
{
    Spark__Connect__ConfigRequest *r = em_calloc(1, sizeof *r);
    spark__connect__config_request__init(r);
    r->session_id = tc_strdup(session_id);
    return r;
}

/* Config get of one key; returns the status and, on OK, the value (or "<absent>"). */
static void config_get(const char *sid, const char *key, tc_status *st, char *value, size_t vsize)
{
    Spark__Connect__ConfigRequest *r = config_req(sid);
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    Spark__Connect__ConfigRequest__Get get = SPARK__CONNECT__CONFIG_REQUEST__GET__INIT;
    char *keys[1] = {(char *)key};
    get.n_keys = 1;
    get.keys = keys;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET;
    op.get = &get;
    r->operation = &op;
    ProtobufCMessage *resp = NULL;
    tc_unary(g_ch, "Config", &r->base, &spark__connect__config_response__descriptor, &resp, st);
    value[0] = '\0';
    if (resp) {
        Spark__Connect__ConfigResponse *cr = (Spark__Connect__ConfigResponse *)resp;
        if (cr->n_pairs == 1)
            snprintf(value, vsize, "%s",
                     cr->pairs[0]->_value_case ? cr->pairs[0]->value : "<absent>");
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    em_free(r);
}

static void config_set(const char *sid, const char *key, const char *value, bool silent,
                       tc_status *st, int *n_warnings)
{
    Spark__Connect__ConfigRequest *r = config_req(sid);
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    Spark__Connect__ConfigRequest__Set set = SPARK__CONNECT__CONFIG_REQUEST__SET__INIT;
    Spark__Connect__KeyValue kv = SPARK__CONNECT__KEY_VALUE__INIT;
    Spark__Connect__KeyValue *kvp = &kv;
    kv.key = (char *)key;
    kv._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
    kv.value = (char *)value;
    set.n_pairs = 1;
    set.pairs = &kvp;
    if (silent) {
        set._silent_case = SPARK__CONNECT__CONFIG_REQUEST__SET___SILENT_SILENT;
        set.silent = true;
    }
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET;
    op.set = &set;
    r->operation = &op;
    ProtobufCMessage *resp = NULL;
    tc_unary(g_ch, "Config", &r->base, &spark__connect__config_response__descriptor, &resp, st);
    if (n_warnings)
        *n_warnings = resp ? (int)((Spark__Connect__ConfigResponse *)resp)->n_warnings : -1;
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);
    em_free(r);
}

/* The server still answers: a spark_version AnalyzePlan succeeds. */
static bool server_alive(void)
{
    char sid[37];
    em_uuid_v4(sid);
    Spark__Connect__AnalyzePlanRequest r = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__SparkVersion v =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__SPARK_VERSION__INIT;
    r.session_id = sid;
    r.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SPARK_VERSION;
    r.spark_version = &v;
    ProtobufCMessage *resp = NULL;
    tc_status st;
    tc_unary(g_ch, "AnalyzePlan", &r.base, &spark__connect__analyze_plan_response__descriptor,
             &resp, &st);
    bool ok = st.code == 0 && resp;
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);
    return ok;
}

EM_TEST(session_id_must_be_a_uuid)
{
    /* Spark: session ids are UUIDs, else INVALID_HANDLE.FORMAT (SQLSTATE HY000). */
    tc_status st;
    char v[256];
    config_get("not-a-uuid", "spark.sql.ansi.enabled", &st, v, sizeof v);
    CHECK_EQ_INT(st.code, 13);
    CHECK_EQ_STR(st.error_class, "INVALID_HANDLE.FORMAT");
    CHECK_EQ_STR(st.sqlstate, "HY000");
    CHECK(server_alive());
    tc_free_all();
}

EM_TEST(server_side_session_id_rules)
{
    char sid[37];
    em_uuid_v4(sid);
    /* First call creates the session; every response carries the same server-side id. */
    Spark__Connect__ConfigRequest *r = config_req(sid);
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    Spark__Connect__ConfigRequest__GetAll ga = SPARK__CONNECT__CONFIG_REQUEST__GET_ALL__INIT;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_ALL;
    op.get_all = &ga;
    r->operation = &op;
    ProtobufCMessage *resp = NULL;
    tc_status st;
    tc_unary(g_ch, "Config", &r->base, &spark__connect__config_response__descriptor, &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    char ssid[64] = "";
    if (resp) {
        Spark__Connect__ConfigResponse *cr = (Spark__Connect__ConfigResponse *)resp;
        CHECK_EQ_STR(cr->session_id, sid);
        CHECK(em_uuid_valid(cr->server_side_session_id));
        snprintf(ssid, sizeof ssid, "%s", cr->server_side_session_id);
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    /* Echoing the right observed id is fine; a different one is SESSION_CHANGED. */
    r->_client_observed_server_side_session_id_case =
        SPARK__CONNECT__CONFIG_REQUEST___CLIENT_OBSERVED_SERVER_SIDE_SESSION_ID_CLIENT_OBSERVED_SERVER_SIDE_SESSION_ID;
    r->client_observed_server_side_session_id = ssid;
    tc_unary(g_ch, "Config", &r->base, &spark__connect__config_response__descriptor, &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);
    char other[37];
    em_uuid_v4(other);
    r->client_observed_server_side_session_id = other;
    tc_unary(g_ch, "Config", &r->base, &spark__connect__config_response__descriptor, &resp, &st);
    CHECK_EQ_STR(st.error_class, "INVALID_HANDLE.SESSION_CHANGED");
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);

    /* ReleaseSession tombstones it: later calls get SESSION_CLOSED. */
    Spark__Connect__ReleaseSessionRequest rel = SPARK__CONNECT__RELEASE_SESSION_REQUEST__INIT;
    rel.session_id = sid;
    tc_unary(g_ch, "ReleaseSession", &rel.base,
             &spark__connect__release_session_response__descriptor, &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);
    r->_client_observed_server_side_session_id_case = 0;
    tc_unary(g_ch, "Config", &r->base, &spark__connect__config_response__descriptor, &resp, &st);
    CHECK_EQ_STR(st.error_class, "INVALID_HANDLE.SESSION_CLOSED");
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);

    /* Reattach needs an existing session: SESSION_NOT_FOUND. */
    char fresh[37], opid[37];
    em_uuid_v4(fresh);
    em_uuid_v4(opid);
    Spark__Connect__ReattachExecuteRequest ra = SPARK__CONNECT__REATTACH_EXECUTE_REQUEST__INIT;
    ra.session_id = fresh;
    ra.operation_id = opid;
    tc_exec e;
    tc_reattach(g_ch, &ra, &e);
    CHECK_EQ_STR(e.st.error_class, "INVALID_HANDLE.SESSION_NOT_FOUND");
    tc_exec_free(&e);
    em_free(r);
    CHECK(server_alive());
    tc_free_all();
}

EM_TEST(config_semantics)
{
    char sid[37];
    em_uuid_v4(sid);
    tc_status st;
    char v[512];
    /* Registered key: its default (Spark 4: ANSI on). */
    config_get(sid, "spark.sql.ansi.enabled", &st, v, sizeof v);
    CHECK_EQ_INT(st.code, 0);
    CHECK_EQ_STR(v, "true");
    /* Unknown key, never set: SQL_CONF_NOT_FOUND, SQLSTATE 42K0I. */
    config_get(sid, "spark.ember.test.nope", &st, v, sizeof v);
    CHECK_EQ_STR(st.error_class, "SQL_CONF_NOT_FOUND");
    CHECK_EQ_STR(st.sqlstate, "42K0I");
    CHECK(strstr(st.reason, "SparkNoSuchElementException") != NULL);
    /* Unknown keys can be set, then read. */
    config_set(sid, "spark.ember.test.nope", "x", false, &st, NULL);
    CHECK_EQ_INT(st.code, 0);
    config_get(sid, "spark.ember.test.nope", &st, v, sizeof v);
    CHECK_EQ_STR(v, "x");
    /* Typed values are validated (INVALID_CONF_VALUE.TYPE_MISMATCH, 22022) and normalised. */
    config_set(sid, "spark.sql.ansi.enabled", "maybe", false, &st, NULL);
    CHECK_EQ_STR(st.error_class, "INVALID_CONF_VALUE.TYPE_MISMATCH");
    CHECK_EQ_STR(st.sqlstate, "22022");
    config_set(sid, "spark.sql.ansi.enabled", "FALSE", false, &st, NULL);
    CHECK_EQ_INT(st.code, 0);
    config_get(sid, "spark.sql.ansi.enabled", &st, v, sizeof v);
    CHECK_EQ_STR(v, "false");
    /* Static SQL confs cannot be modified: CANNOT_MODIFY_STATIC_CONFIG, 46110. */
    config_set(sid, "spark.sql.warehouse.dir", "/x", false, &st, NULL);
    CHECK_EQ_STR(st.error_class, "CANNOT_MODIFY_STATIC_CONFIG");
    CHECK_EQ_STR(st.sqlstate, "46110");
    /* silent=true turns failures into warnings (Spark 4.0's handleSet). */
    int n_warn = -1;
    config_set(sid, "spark.sql.warehouse.dir", "/x", true, &st, &n_warn);
    CHECK_EQ_INT(st.code, 0);
    CHECK_EQ_INT(n_warn, 1);
    CHECK(server_alive());
    tc_free_all();
}

/* Rows of bigint column 0 from a finished execution's Arrow batches, via the row counts. */
static int64_t exec_rows(tc_exec *e)
{
    return e->rows;
}

EM_TEST(execute_range_streams_schema_batches_and_result_complete)
{
    char sid[37];
    em_uuid_v4(sid);
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(tc_range(0, 10, 1)), NULL, true), 0, &e);
    CHECK_EQ_INT(e.st.code, 0);
    CHECK(e.n >= 3);
    if (e.n >= 3) {
        CHECK(e.resp[0]->schema != NULL);
        CHECK_EQ_INT(e.resp[1]->response_type_case,
                     SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH);
        CHECK_EQ_STR(e.resp[1]->session_id, sid);
        CHECK(em_uuid_valid(e.resp[1]->operation_id));
        CHECK(em_uuid_valid(e.resp[1]->response_id));
    }
    CHECK(e.result_complete);
    CHECK_EQ_INT(exec_rows(&e), 10);
    tc_exec_free(&e);
    /* An empty result still sends one zero-row batch. */
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(tc_range(0, 0, 1)), NULL, false), 0, &e);
    CHECK_EQ_INT(e.st.code, 0);
    int batches = 0;
    for (int i = 0; i < e.n; i++)
        batches += e.resp[i]->response_type_case ==
                   SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH;
    CHECK_EQ_INT(batches, 1);
    CHECK(!e.result_complete); /* not reattachable: no result_complete */
    tc_exec_free(&e);
    tc_free_all();
}

EM_TEST(operation_id_rules)
{
    char sid[37], opid[37];
    em_uuid_v4(sid);
    em_uuid_v4(opid);
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(tc_range(0, 3, 1)), "bad-id", true), 0, &e);
    CHECK_EQ_STR(e.st.error_class, "INVALID_HANDLE.FORMAT");
    tc_exec_free(&e);
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(tc_range(0, 3, 1)), opid, true), 0, &e);
    CHECK_EQ_INT(e.st.code, 0);
    tc_exec_free(&e);
    /* Reusing an operation id: OPERATION_ALREADY_EXISTS. */
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(tc_range(0, 3, 1)), opid, true), 0, &e);
    CHECK_EQ_STR(e.st.error_class, "INVALID_HANDLE.OPERATION_ALREADY_EXISTS");
    tc_exec_free(&e);
    CHECK(server_alive());
    tc_free_all();
}

EM_TEST(reattach_after_cut_stream_and_release)
{
    char sid[37], opid[37];
    em_uuid_v4(sid);
    em_uuid_v4(opid);
    /* 50000 rows: several Arrow batches (maxRecordsPerBatch 10000). Read two responses, cut. */
    tc_exec first;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(tc_range(0, 50000, 1)), opid, true), 2, &first);
    CHECK(first.n == 2);
    char last[64] = "";
    if (first.n >= 1)
        snprintf(last, sizeof last, "%s", first.resp[first.n - 1]->response_id);
    /* Reattach from the last response seen: the rest arrives, ending with result_complete. */
    Spark__Connect__ReattachExecuteRequest ra = SPARK__CONNECT__REATTACH_EXECUTE_REQUEST__INIT;
    ra.session_id = sid;
    ra.user_context = &g_user;
    ra.operation_id = opid;
    ra._last_response_id_case =
        SPARK__CONNECT__REATTACH_EXECUTE_REQUEST___LAST_RESPONSE_ID_LAST_RESPONSE_ID;
    ra.last_response_id = last;
    tc_exec rest;
    tc_reattach(g_ch, &ra, &rest);
    CHECK_EQ_INT(rest.st.code, 0);
    CHECK(rest.result_complete);
    CHECK_EQ_INT(first.rows + rest.rows, 50000);
    /* start_offset continues where the first stream stopped. */
    for (int i = 0; i < rest.n; i++) {
        if (rest.resp[i]->response_type_case ==
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH) {
            CHECK_EQ_INT(rest.resp[i]->arrow_batch->start_offset, first.rows);
            break;
        }
    }
    /* release_all forgets the operation: a reattach then finds nothing. */
    Spark__Connect__ReleaseExecuteRequest rel = SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__INIT;
    Spark__Connect__ReleaseExecuteRequest__ReleaseAll all =
        SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_ALL__INIT;
    rel.session_id = sid;
    rel.user_context = &g_user;
    rel.operation_id = opid;
    rel.release_case = SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_RELEASE_ALL;
    rel.release_all = &all;
    ProtobufCMessage *resp = NULL;
    tc_status st;
    tc_unary(g_ch, "ReleaseExecute", &rel.base,
             &spark__connect__release_execute_response__descriptor, &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    if (resp) {
        Spark__Connect__ReleaseExecuteResponse *rr = (Spark__Connect__ReleaseExecuteResponse *)resp;
        CHECK_EQ_STR(rr->session_id, sid);
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    ra._last_response_id_case = 0;
    tc_exec again;
    tc_reattach(g_ch, &ra, &again);
    CHECK_EQ_STR(again.st.error_class, "INVALID_HANDLE.OPERATION_NOT_FOUND");
    tc_exec_free(&first);
    tc_exec_free(&rest);
    tc_exec_free(&again);
    CHECK(server_alive());
    tc_free_all();
}

typedef struct interrupt_arg {
    const char *sid;
    tc_exec result;
} interrupt_arg;

static void *run_long_query(void *p)
{
    interrupt_arg *a = p;
    /* sum over 10^12 rows: runs far longer than the test. */
    Spark__Connect__Expression *args[1] = {tc_col("id")};
    Spark__Connect__Expression *sum = tc_fn("sum", 1, args);
    Spark__Connect__ExecutePlanRequest *req = tc_exec_req(
        a->sid, tc_plan_root(tc_project(tc_range(0, 1000000000000LL, 1), 1, &sum)), NULL, true);
    req->n_tags = 1;
    req->tags = em_calloc(1, sizeof(char *));
    req->tags[0] = "long-one";
    tc_execute(g_ch, req, 0, &a->result);
    em_free(req->tags);
    return NULL;
}

EM_TEST(interrupt_running_query_by_tag)
{
    char sid[37];
    em_uuid_v4(sid);
    interrupt_arg a = {.sid = sid};
    pthread_t t;
    pthread_create(&t, NULL, run_long_query, &a);
    /* Interrupt by tag until it hits (the query may take a moment to register). */
    int hits = 0;
    for (int tries = 0; tries < 100 && !hits; tries++) {
        usleep(50 * 1000);
        Spark__Connect__InterruptRequest ir = SPARK__CONNECT__INTERRUPT_REQUEST__INIT;
        ir.session_id = sid;
        ir.user_context = &g_user;
        ir.interrupt_type = SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_TYPE__INTERRUPT_TYPE_TAG;
        ir.interrupt_case = SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_OPERATION_TAG;
        ir.operation_tag = "long-one";
        ProtobufCMessage *resp = NULL;
        tc_status st;
        tc_unary(g_ch, "Interrupt", &ir.base, &spark__connect__interrupt_response__descriptor,
                 &resp, &st);
        if (resp) {
            hits = (int)((Spark__Connect__InterruptResponse *)resp)->n_interrupted_ids;
            protobuf_c_message_free_unpacked(resp, NULL);
        }
    }
    pthread_join(t, NULL);
    CHECK_EQ_INT(hits, 1);
    /* The victim's stream fails with OPERATION_CANCELED (SQLSTATE HY008). */
    CHECK_EQ_STR(a.result.st.error_class, "OPERATION_CANCELED");
    CHECK_EQ_STR(a.result.st.sqlstate, "HY008");
    tc_exec_free(&a.result);
    CHECK(server_alive());
    tc_free_all();
}

static void expect_query_error(const char *sid, Spark__Connect__Relation *rel, const char *cls,
                               const char *sqlstate)
{
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(rel), NULL, true), 0, &e);
    CHECK_EQ_INT(e.st.code, 13); /* INTERNAL, as Spark reports user errors */
    CHECK_EQ_STR(e.st.error_class, cls);
    CHECK_EQ_STR(e.st.sqlstate, sqlstate);
    /* The message starts with the class in brackets, as PySpark prints it. */
    char prefix[160];
    snprintf(prefix, sizeof prefix, "[%s]", cls);
    CHECK(strncmp(e.st.message, prefix, strlen(prefix)) == 0);
    /* FetchErrorDetails returns the same error by its id. */
    CHECK(e.st.error_id[0] != '\0');
    Spark__Connect__FetchErrorDetailsRequest fr = SPARK__CONNECT__FETCH_ERROR_DETAILS_REQUEST__INIT;
    fr.session_id = (char *)sid;
    fr.user_context = &g_user;
    fr.error_id = e.st.error_id;
    ProtobufCMessage *resp = NULL;
    tc_status st;
    tc_unary(g_ch, "FetchErrorDetails", &fr.base,
             &spark__connect__fetch_error_details_response__descriptor, &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    if (resp) {
        Spark__Connect__FetchErrorDetailsResponse *fd =
            (Spark__Connect__FetchErrorDetailsResponse *)resp;
        CHECK(fd->_root_error_idx_case != 0);
        CHECK_EQ_INT(fd->n_errors, 1);
        if (fd->n_errors == 1 && fd->errors[0]->_spark_throwable_case)
            CHECK_EQ_STR(fd->errors[0]->spark_throwable->error_class, cls);
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    tc_exec_free(&e);
    CHECK(server_alive());
}

EM_TEST(user_errors_carry_spark_classes)
{
    char sid[37];
    em_uuid_v4(sid);
    /* UNRESOLVED_COLUMN.WITH_SUGGESTION, 42703: select(col("nope")) over range. */
    Spark__Connect__Expression *cols[1] = {tc_col("nope")};
    expect_query_error(sid, tc_project(tc_range(0, 1, 1), 1, cols),
                       "UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703");
    /* CAST_INVALID_INPUT, 22018: CAST('abc' AS INT) under ANSI (Spark 4 default). */
    Spark__Connect__Expression *casts[1] = {tc_cast_str(tc_lit_str("abc"), "int")};
    expect_query_error(sid, tc_project(tc_range(0, 1, 1), 1, casts), "CAST_INVALID_INPUT", "22018");
    /* DIVIDE_BY_ZERO, 22012: 1 / 0 under ANSI. */
    Spark__Connect__Expression *div_args[2] = {tc_lit_int(1), tc_lit_int(0)};
    Spark__Connect__Expression *divs[1] = {tc_fn("/", 2, div_args)};
    expect_query_error(sid, tc_project(tc_range(0, 1, 1), 1, divs), "DIVIDE_BY_ZERO", "22012");
    tc_free_all();
}

EM_TEST(too_deep_and_oversized_messages_are_rejected)
{
    char sid[37];
    em_uuid_v4(sid);
    /* 1100 nested limits: deeper than Spark's 1024 marshaller limit. */
    Spark__Connect__Relation *rel = tc_range(0, 1, 1);
    for (int i = 0; i < 1100; i++)
        rel = tc_limit(rel, 1);
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(rel), NULL, true), 0, &e);
    CHECK_EQ_INT(e.st.code, 13);
    CHECK_EQ_STR(e.st.error_class, "CONNECT_INVALID_PLAN.CANNOT_PARSE");
    tc_exec_free(&e);
    CHECK(server_alive());
    /* A 129 MiB request exceeds the 128 MiB cap: RESOURCE_EXHAUSTED from gRPC. */
    size_t big = (129u << 20);
    char *q = em_malloc(big + 1);
    memset(q, 'x', big);
    q[big] = '\0';
    Spark__Connect__SQL s = SPARK__CONNECT__SQL__INIT;
    s.query = q;
    Spark__Connect__Relation r = SPARK__CONNECT__RELATION__INIT;
    r.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
    r.sql = &s;
    tc_execute(g_ch, tc_exec_req(sid, tc_plan_root(&r), NULL, true), 0, &e);
    CHECK_EQ_INT(e.st.code, 8);
    tc_exec_free(&e);
    em_free(q);
    CHECK(server_alive());
    tc_free_all();
}

EM_TEST(unknown_method_is_unimplemented)
{
    uint8_t *out = NULL;
    size_t out_len = 0;
    wire_status ws = {0};
    wire_unary(g_ch, TC_SVC "NoSuchMethod", (const uint8_t *)"", 0, NULL, 0, 5000, &out, &out_len,
               &ws);
    CHECK_EQ_INT(ws.code, 12);
    wire_status_release(&ws);
    em_free(out);
    CHECK(server_alive());
}

EM_TEST(compressed_plan_runs)
{
    char sid[37];
    em_uuid_v4(sid);
    Spark__Connect__Relation *rel = tc_range(0, 7, 1);
    size_t len = protobuf_c_message_get_packed_size(&rel->base);
    uint8_t *raw = em_malloc(len);
    protobuf_c_message_pack(&rel->base, raw);
    size_t cap = ZSTD_compressBound(len);
    uint8_t *z = em_malloc(cap);
    size_t zlen = ZSTD_compress(z, cap, raw, len, 3);
    Spark__Connect__Plan__CompressedOperation co = SPARK__CONNECT__PLAN__COMPRESSED_OPERATION__INIT;
    co.data.data = z;
    co.data.len = zlen;
    co.op_type = SPARK__CONNECT__PLAN__COMPRESSED_OPERATION__OP_TYPE__OP_TYPE_RELATION;
    co.compression_codec = SPARK__CONNECT__COMPRESSION_CODEC__COMPRESSION_CODEC_ZSTD;
    Spark__Connect__Plan p = SPARK__CONNECT__PLAN__INIT;
    p.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_COMPRESSED_OPERATION;
    p.compressed_operation = &co;
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(sid, &p, NULL, true), 0, &e);
    CHECK_EQ_INT(e.st.code, 0);
    CHECK_EQ_INT(e.rows, 7);
    tc_exec_free(&e);
    /* Garbage instead of zstd: CONNECT_INVALID_PLAN.CANNOT_PARSE, and the server lives. */
    co.data.data = raw;
    co.data.len = len;
    tc_execute(g_ch, tc_exec_req(sid, &p, NULL, true), 0, &e);
    CHECK_EQ_STR(e.st.error_class, "CONNECT_INVALID_PLAN.CANNOT_PARSE");
    tc_exec_free(&e);
    em_free(raw);
    em_free(z);
    CHECK(server_alive());
    tc_free_all();
}

/* Dataset.inputFiles over a file read: the file's URI (Spark: file:/abs/path). */
EM_TEST(analyze_input_files)
{
    char sid[37];
    em_uuid_v4(sid);
    Spark__Connect__Read__DataSource ds = SPARK__CONNECT__READ__DATA_SOURCE__INIT;
    ds._format_case = SPARK__CONNECT__READ__DATA_SOURCE___FORMAT_FORMAT;
    ds.format = "parquet";
    char *paths[1] = {EMBER_PARQUET_DIR "/types_int_signed.parquet"};
    ds.n_paths = 1;
    ds.paths = paths;
    Spark__Connect__Read rd = SPARK__CONNECT__READ__INIT;
    rd.read_type_case = SPARK__CONNECT__READ__READ_TYPE_DATA_SOURCE;
    rd.data_source = &ds;
    Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_READ;
    rel.read = &rd;
    Spark__Connect__AnalyzePlanRequest r = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__InputFiles inf =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INPUT_FILES__INIT;
    r.session_id = sid;
    r.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_INPUT_FILES;
    r.input_files = &inf;
    inf.plan = tc_plan_root(&rel);
    ProtobufCMessage *resp = NULL;
    tc_status st;
    tc_unary(g_ch, "AnalyzePlan", &r.base, &spark__connect__analyze_plan_response__descriptor,
             &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    if (resp) {
        Spark__Connect__AnalyzePlanResponse *ar = (Spark__Connect__AnalyzePlanResponse *)resp;
        CHECK_EQ_INT(ar->result_case, SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_INPUT_FILES);
        if (ar->result_case == SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_INPUT_FILES) {
            CHECK_EQ_INT(ar->input_files->n_files, 1);
            if (ar->input_files->n_files == 1) {
                CHECK(strncmp(ar->input_files->files[0], "file:", 5) == 0);
                CHECK(strstr(ar->input_files->files[0], "/types_int_signed.parquet") != NULL);
            }
        }
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    tc_free_all();
}

EM_TEST(missing_token_is_unauthenticated)
{
    stop_server();
    start_server("s3cret");
    tc_status st;
    char v[64];
    char sid[37];
    em_uuid_v4(sid);
    config_get(sid, "spark.sql.ansi.enabled", &st, v, sizeof v);
    CHECK_EQ_INT(st.code, 16); /* UNAUTHENTICATED; nothing ran */
    /* With the bearer token the same call works. */
    wire_channel_free(g_ch);
    const char *md[2] = {"authorization", "Bearer s3cret"};
    wire_channel_opts o;
    memset(&o, 0, sizeof o);
    o.metadata = md;
    o.n_metadata = 1;
    em_error err;
    em_error_clear(&err);
    g_ch = wire_channel_new(g_target, &o, &err);
    config_get(sid, "spark.sql.ansi.enabled", &st, v, sizeof v);
    CHECK_EQ_INT(st.code, 0);
    CHECK_EQ_STR(v, "true");
    stop_server();
    start_server(NULL);
    tc_free_all();
}

int main(int argc, char **argv)
{
    g_user.user_id = "tester";
    start_server(NULL);
    int rc = em_test_main(argc, argv);
    stop_server();
    return rc;
}
