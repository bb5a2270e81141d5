/*
 * rp_call_test: rp_call against an in-process fake SparkConnectService (wire/ server on a
 * loopback port). The fake answers the way the Spark Connect protocol shapes answers
 * (../shared/docs/spark-connect-protocol.md): ExecutePlan streams an arrow_batch holding a
 * one-row `show_string` table and then result_complete; failures end with a status whose
 * grpc-status-details-bin carries a google.rpc.ErrorInfo (errorClass, classes). Behaviour is
 * switched per test (rp_fake_mode) to cover: a show answer, an error with ErrorInfo, a
 * reattachable stream that ends without result_complete, two rows, a hung stream cut by the
 * watchdog, a hung unary call cut by the folder deadline, and a client stream.
 */
#include "em_test.h"

#include <stdatomic.h>
#include <time.h>

#include "arrow/ipc.h"
#include "common/em_mem.h"
#include "google/protobuf/any.pb-c.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"
#include "rp_int.h"
#include "spark/connect/base.pb-c.h"
#include "wire/wire.h"

enum {
    RP_FAKE_SHOW,
    RP_FAKE_ERROR,
    RP_FAKE_NO_COMPLETE,
    RP_FAKE_TWO_ROWS,
    RP_FAKE_HANG,
};

static _Atomic int rp_fake_mode;
/* The show text of the fake's answers: a table as Spark's showString prints it. */
static const char rp_fake_table[] = "+---+\n|  a|\n+---+\n|  1|\n+---+\n";

static void rp_fake_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Packs an ExecutePlanResponse and sends it. */
static void rp_fake_send(wire_call *call, Spark__Connect__ExecutePlanResponse *resp)
{
    size_t n = spark__connect__execute_plan_response__get_packed_size(resp);
    uint8_t *buf = em_malloc(n ? n : 1);
    spark__connect__execute_plan_response__pack(resp, buf);
    wire_call_send(call, buf, n);
    em_free(buf);
}

static void rp_fake_send_batch(wire_call *call, int n_rows)
{
    em_arena arena;
    em_arena_init(&arena, 0);
    ty_field field = {"show_string", ty_string(), false, NULL};
    const ty *schema = ty_struct(&arena, 1, &field);
    vec_batch *batch = vec_batch_new(1, n_rows);
    batch->cols[0] = vec_new(ty_string(), n_rows);
    for (int row = 0; row < n_rows; row++)
        vec_append_str(batch->cols[0], rp_fake_table, (int64_t)strlen(rp_fake_table), NULL);
    em_str ipc;
    em_str_init(&ipc, 0);
    em_error err;
    em_error_clear(&err);
    if (ipc_encode_stream(schema, batch, NULL, &ipc, &err) == 0) {
        Spark__Connect__ExecutePlanResponse__ArrowBatch ab =
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__ARROW_BATCH__INIT;
        ab.row_count = n_rows;
        ab.data.data = (uint8_t *)ipc.data;
        ab.data.len = ipc.len;
        Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
        resp.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH;
        resp.arrow_batch = &ab;
        rp_fake_send(call, &resp);
    }
    em_str_release(&ipc);
    vec_batch_free(batch);
    em_arena_release(&arena);
}

static void rp_fake_send_complete(wire_call *call)
{
    Spark__Connect__ExecutePlanResponse__ResultComplete rc =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESULT_COMPLETE__INIT;
    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    resp.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE;
    resp.result_complete = &rc;
    rp_fake_send(call, &resp);
}

static void rp_fake_finish_error(wire_call *call)
{
    static const char message[] = "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... `b` ...";
    Google__Rpc__ErrorInfo__MetadataEntry e1 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    Google__Rpc__ErrorInfo__MetadataEntry e2 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    e1.key = "errorClass";
    e1.value = "UNRESOLVED_COLUMN.WITH_SUGGESTION";
    e2.key = "classes";
    e2.value = "[\"org.apache.spark.sql.AnalysisException\"]";
    Google__Rpc__ErrorInfo__MetadataEntry e3 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    e3.key = "messageParameters";
    e3.value = "{\"objectName\":\"`b`\",\"proposal\":\"`a`\"}";
    Google__Rpc__ErrorInfo__MetadataEntry *entries[] = {&e1, &e2, &e3};
    Google__Rpc__ErrorInfo info = GOOGLE__RPC__ERROR_INFO__INIT;
    info.reason = "org.apache.spark.sql.AnalysisException";
    info.domain = "org.apache.spark";
    info.n_metadata = 3;
    info.metadata = entries;
    size_t info_len = google__rpc__error_info__get_packed_size(&info);
    uint8_t *info_bytes = em_malloc(info_len);
    google__rpc__error_info__pack(&info, info_bytes);
    Google__Protobuf__Any any = GOOGLE__PROTOBUF__ANY__INIT;
    any.type_url = "type.googleapis.com/google.rpc.ErrorInfo";
    any.value.data = info_bytes;
    any.value.len = info_len;
    Google__Protobuf__Any *details[] = {&any};
    Google__Rpc__Status st = GOOGLE__RPC__STATUS__INIT;
    st.code = WIRE_STATUS_INTERNAL;
    st.message = (char *)message;
    st.n_details = 1;
    st.details = details;
    size_t len = google__rpc__status__get_packed_size(&st);
    uint8_t *bytes = em_malloc(len);
    google__rpc__status__pack(&st, bytes);
    wire_call_finish(call, WIRE_STATUS_INTERNAL, message, bytes, len);
    em_free(bytes);
    em_free(info_bytes);
}

static void rp_fake_execute(wire_call *call, void *ctx)
{
    (void)ctx;
    switch (atomic_load(&rp_fake_mode)) {
    case RP_FAKE_SHOW:
        rp_fake_send_batch(call, 1);
        rp_fake_send_complete(call);
        wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
        break;
    case RP_FAKE_ERROR:
        rp_fake_finish_error(call);
        break;
    case RP_FAKE_NO_COMPLETE:
        rp_fake_send_batch(call, 1);
        wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
        break;
    case RP_FAKE_TWO_ROWS:
        rp_fake_send_batch(call, 2);
        rp_fake_send_complete(call);
        wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
        break;
    default:
        while (!wire_call_cancelled(call))
            rp_fake_sleep_ms(10);
        wire_call_finish(call, WIRE_STATUS_CANCELLED, NULL, NULL, 0);
        break;
    }
}

static void rp_fake_config(wire_call *call, void *ctx)
{
    (void)ctx;
    if (rp_fake_mode == RP_FAKE_HANG) {
        while (!wire_call_cancelled(call))
            rp_fake_sleep_ms(10);
        wire_call_finish(call, WIRE_STATUS_CANCELLED, NULL, NULL, 0);
        return;
    }
    Spark__Connect__ConfigResponse resp = SPARK__CONNECT__CONFIG_RESPONSE__INIT;
    resp.session_id = "s";
    size_t n = spark__connect__config_response__get_packed_size(&resp);
    uint8_t *buf = em_malloc(n ? n : 1);
    spark__connect__config_response__pack(&resp, buf);
    wire_call_reply(call, buf, n);
    em_free(buf);
}

static void rp_fake_artifacts(wire_call *call, void *ctx)
{
    (void)ctx;
    uint8_t *msg;
    size_t len;
    int n = 0;
    while (wire_call_read(call, &msg, &len) == 1) {
        em_free(msg);
        n++;
    }
    if (n != 2) {
        wire_call_finish(call, WIRE_STATUS_INVALID_ARGUMENT, "want 2 messages", NULL, 0);
        return;
    }
    Spark__Connect__AddArtifactsResponse resp = SPARK__CONNECT__ADD_ARTIFACTS_RESPONSE__INIT;
    size_t rn = spark__connect__add_artifacts_response__get_packed_size(&resp);
    uint8_t *buf = em_malloc(rn ? rn : 1);
    spark__connect__add_artifacts_response__pack(&resp, buf);
    wire_call_reply(call, buf, rn);
    em_free(buf);
}

/* A fake server and a channel to it. */
typedef struct rp_fake {
    wire_server *server;
    wire_channel *channel;
    rp_watchdog *watchdog;
} rp_fake;

static bool rp_fake_start(rp_fake *f)
{
    memset(f, 0, sizeof *f);
    f->server = wire_server_new(NULL, NULL);
    if (!f->server)
        return false;
    wire_server_register(f->server, "/spark.connect.SparkConnectService/ExecutePlan",
                         WIRE_SERVER_STREAM, rp_fake_execute, NULL);
    wire_server_register(f->server, "/spark.connect.SparkConnectService/Config", WIRE_UNARY,
                         rp_fake_config, NULL);
    wire_server_register(f->server, "/spark.connect.SparkConnectService/AddArtifacts",
                         WIRE_CLIENT_STREAM, rp_fake_artifacts, NULL);
    int port = 0;
    if (wire_server_start(f->server, &port, NULL) != 0)
        return false;
    char target[64];
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    f->channel = wire_channel_new(target, NULL, NULL);
    f->watchdog = rp_watchdog_new();
    return f->channel && f->watchdog;
}

static void rp_fake_stop(rp_fake *f)
{
    rp_watchdog_free(f->watchdog);
    wire_channel_free(f->channel);
    wire_server_free(f->server);
}

/* An ExecutePlanRequest, reattachable or not, as a prepared message. */
static rp_prepared rp_fake_request(bool reattachable)
{
    Spark__Connect__ReattachOptions ro = SPARK__CONNECT__REATTACH_OPTIONS__INIT;
    ro.reattachable = reattachable;
    Spark__Connect__ExecutePlanRequest__RequestOption opt =
        SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__INIT;
    opt.request_option_case =
        SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__REQUEST_OPTION_REATTACH_OPTIONS;
    opt.reattach_options = &ro;
    Spark__Connect__ExecutePlanRequest__RequestOption *opts[] = {&opt};
    Spark__Connect__ExecutePlanRequest req = SPARK__CONNECT__EXECUTE_PLAN_REQUEST__INIT;
    req.session_id = "33333333-3333-3333-3333-333333333333";
    req.n_request_options = 1;
    req.request_options = opts;
    rp_prepared p = {0};
    p.len = spark__connect__execute_plan_request__get_packed_size(&req);
    p.data = em_malloc(p.len ? p.len : 1);
    spark__connect__execute_plan_request__pack(&req, p.data);
    p.reattachable = reattachable;
    return p;
}

EM_TEST(call_show_answer)
{
    rp_fake f;
    CHECK(rp_fake_start(&f));
    rp_fake_mode = RP_FAKE_SHOW;
    rp_prepared req = rp_fake_request(true);
    rp_outcome o;
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, true, &o);
    CHECK(o.sent);
    CHECK_EQ_INT(o.grpc_code, 0);
    CHECK(o.has_show);
    CHECK_EQ_STR(o.show_value, rp_fake_table);
    CHECK(o.show_problem == NULL);
    rp_outcome_release(&o);
    /* Without want_show the batch is not decoded. */
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, false, &o);
    CHECK_EQ_INT(o.grpc_code, 0);
    CHECK(!o.has_show);
    rp_outcome_release(&o);
    rp_prepared_release(&req);
    rp_fake_stop(&f);
}

EM_TEST(call_error_info)
{
    rp_fake f;
    CHECK(rp_fake_start(&f));
    rp_fake_mode = RP_FAKE_ERROR;
    rp_prepared req = rp_fake_request(true);
    rp_outcome o;
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, true, &o);
    CHECK_EQ_INT(o.grpc_code, WIRE_STATUS_INTERNAL);
    CHECK_EQ_STR(o.error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(o.py_exception, "AnalysisException");
    CHECK_EQ_STR(o.detail_key, "UNRESOLVED_COLUMN.WITH_SUGGESTION `b`");
    CHECK(o.message && strstr(o.message, "UNRESOLVED_COLUMN") != NULL);
    CHECK(!o.has_show);
    rp_outcome_release(&o);
    rp_prepared_release(&req);
    rp_fake_stop(&f);
}

EM_TEST(call_missing_result_complete)
{
    rp_fake f;
    CHECK(rp_fake_start(&f));
    rp_fake_mode = RP_FAKE_NO_COMPLETE;
    rp_prepared req = rp_fake_request(true);
    rp_outcome o;
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, true, &o);
    CHECK(o.grpc_code != 0);
    CHECK_EQ_STR(o.error_class, "replay: NO_RESULT_COMPLETE");
    rp_outcome_release(&o);
    rp_prepared_release(&req);
    /* A non-reattachable request may end without result_complete. */
    req = rp_fake_request(false);
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, true, &o);
    CHECK_EQ_INT(o.grpc_code, 0);
    CHECK(o.has_show);
    rp_outcome_release(&o);
    rp_prepared_release(&req);
    rp_fake_stop(&f);
}

EM_TEST(call_two_rows)
{
    rp_fake f;
    CHECK(rp_fake_start(&f));
    rp_fake_mode = RP_FAKE_TWO_ROWS;
    rp_prepared req = rp_fake_request(true);
    rp_outcome o;
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, true, &o);
    CHECK_EQ_INT(o.grpc_code, 0);
    CHECK(o.show_problem != NULL);
    rp_outcome_release(&o);
    rp_prepared_release(&req);
    rp_fake_stop(&f);
}

EM_TEST(call_hung_stream_cancelled)
{
    rp_fake f;
    CHECK(rp_fake_start(&f));
    rp_fake_mode = RP_FAKE_HANG;
    rp_prepared req = rp_fake_request(true);
    rp_outcome o;
    int64_t t0 = rp_now_ms();
    rp_watchdog_set_deadline(f.watchdog, t0 + 500);
    rp_call(f.channel, f.watchdog, "ExecutePlan", &req, 1, true, &o);
    int64_t took = rp_now_ms() - t0;
    CHECK(o.timed_out);
    CHECK_EQ_STR(o.error_class, "replay: TIMEOUT");
    CHECK(took < 20000); /* generous: the deadline is 0.5 s */
    rp_outcome_release(&o);
    /* A unary call gets the remaining folder time as its deadline. */
    rp_watchdog_set_deadline(f.watchdog, rp_now_ms() + 300);
    rp_prepared cfg = {0};
    Spark__Connect__ConfigRequest creq = SPARK__CONNECT__CONFIG_REQUEST__INIT;
    cfg.len = spark__connect__config_request__get_packed_size(&creq);
    cfg.data = em_malloc(cfg.len ? cfg.len : 1);
    spark__connect__config_request__pack(&creq, cfg.data);
    rp_call(f.channel, f.watchdog, "Config", &cfg, 1, false, &o);
    CHECK(o.timed_out);
    rp_outcome_release(&o);
    /* Once the deadline passed, unary calls are not sent at all. */
    rp_fake_sleep_ms(350);
    rp_call(f.channel, f.watchdog, "Config", &cfg, 1, false, &o);
    CHECK(o.timed_out);
    rp_outcome_release(&o);
    rp_watchdog_set_deadline(f.watchdog, 0);
    rp_fake_mode = RP_FAKE_SHOW;
    rp_call(f.channel, f.watchdog, "Config", &cfg, 1, false, &o);
    CHECK_EQ_INT(o.grpc_code, 0);
    CHECK(!o.timed_out);
    rp_outcome_release(&o);
    rp_prepared_release(&cfg);
    rp_prepared_release(&req);
    rp_fake_stop(&f);
}

EM_TEST(call_client_stream_and_unknown)
{
    rp_fake f;
    CHECK(rp_fake_start(&f));
    rp_fake_mode = RP_FAKE_SHOW;
    Spark__Connect__AddArtifactsRequest areq = SPARK__CONNECT__ADD_ARTIFACTS_REQUEST__INIT;
    rp_prepared msgs[2];
    for (int idx = 0; idx < 2; idx++) {
        memset(&msgs[idx], 0, sizeof msgs[idx]);
        msgs[idx].len = spark__connect__add_artifacts_request__get_packed_size(&areq);
        msgs[idx].data = em_malloc(msgs[idx].len ? msgs[idx].len : 1);
        spark__connect__add_artifacts_request__pack(&areq, msgs[idx].data);
    }
    rp_outcome o;
    rp_call(f.channel, f.watchdog, "AddArtifacts", msgs, 2, false, &o);
    CHECK_EQ_INT(o.grpc_code, 0);
    rp_outcome_release(&o);
    rp_call(f.channel, f.watchdog, "NoSuchMethod", msgs, 1, false, &o);
    CHECK(!o.sent);
    CHECK(o.error_class != NULL);
    rp_outcome_release(&o);
    /* A method the fake does not implement: UNIMPLEMENTED, no ErrorInfo. */
    rp_call(f.channel, f.watchdog, "Interrupt", msgs, 1, false, &o);
    CHECK_EQ_INT(o.grpc_code, WIRE_STATUS_UNIMPLEMENTED);
    CHECK_EQ_STR(o.error_class, "grpc UNIMPLEMENTED");
    CHECK_EQ_STR(o.py_exception, "SparkConnectGrpcException");
    rp_outcome_release(&o);
    rp_prepared_release(&msgs[0]);
    rp_prepared_release(&msgs[1]);
    rp_fake_stop(&f);
}
