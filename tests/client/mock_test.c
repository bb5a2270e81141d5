/*
 * mock_test.c: libember's protocol behaviour against an in-process mock Spark Connect server
 * (cl_test_mock.h) whose answers each test scripts with a hook:
 *   results stream batch by batch (the client reads batch 1 before the server sends batch 2),
 *   ReleaseExecute after every response and release_all at the end, chunked Arrow batches,
 *   reattach after a stream ends without result_complete or is cut with UNAVAILABLE, resending
 *   ExecutePlan when the operation never reached the server, PySpark's retry policy on unary
 *   calls, errors with FetchErrorDetails, session id checks, config, interrupts, tags,
 *   operation ids, metadata (token, extra URL keys), spark.sql, createDataFrame with a DDL
 *   schema, AnalyzePlan actions, count/show, ReleaseSession.
 * The behaviours asserted are PySpark's (client/core.py, client/reattach.py, client/retries.py)
 * as ../shared/docs/spark-connect-protocol.md §4, §5 and §7 describe them.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "arrow/ipc.h"
#include "cl_test_data.h"
#include "cl_test_mock.h"
#include "client/cl_int.h"
#include "common/em_mem.h"
#include "em_test.h"
#include "types/ty.h"
#include "vector/vec.h"

static cl_mock *g_mock;

static cl_mock *mock(void)
{
    if (!g_mock)
        g_mock = cl_mock_start();
    cl_mock_set_hook(g_mock, NULL, NULL);
    cl_mock_clear(g_mock);
    return g_mock;
}

/* A session on the mock with a fast retry policy. */
static ember_session *open_session(cl_mock *m, const char *extra)
{
    ember_session_options o;
    memset(&o, 0, sizeof o);
    o.url = cl_mock_url(m, extra);
    o.retry.initial_backoff_ms = 1;
    o.retry.max_backoff_ms = 5;
    o.retry.backoff_multiplier = 2;
    ember_session *s = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_session_open_ex(&o, &s, &err), EMBER_OK);
    return s;
}

/* An Arrow IPC stream for rows in cl_test_data syntax (em_malloc). */
static uint8_t *ipc_of(const char *schema, const char *rows, size_t *len)
{
    struct ArrowArrayStream st;
    cl_data_stream(schema, rows, &st);
    uint8_t *ipc = NULL;
    char *json = NULL;
    int64_t n = 0;
    cl_local_encode(&st, &ipc, len, &json, &n, NULL);
    em_free(json);
    return ipc;
}

/* An IPC stream with one zero-row batch of one long column "x". */
static uint8_t *ipc_empty_long(size_t *len)
{
    ty_field f[1] = {{"x", ty_long(), true, NULL}};
    em_arena a;
    em_arena_init(&a, 1024);
    const ty *schema = ty_struct(&a, 1, f);
    vec_batch *b = vec_batch_new(1, 0);
    b->cols[0] = vec_new(ty_long(), 0);
    em_str out;
    em_str_init(&out, 0);
    ipc_encode_stream(schema, b, NULL, &out, NULL);
    vec_batch_free(b);
    em_arena_release(&a);
    *len = out.len;
    return (uint8_t *)em_str_move(&out);
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Sends one ExecutePlanResponse: an arrow batch (ipc != NULL), or result_complete. */
static void send_resp(wire_call *call, const char *session_id, const char *op_id,
                      const char *resp_id, const uint8_t *ipc, size_t len, int64_t rows,
                      int64_t start_offset, int chunk_index, int n_chunks)
{
    Spark__Connect__ExecutePlanResponse r = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    r.session_id = (char *)session_id;
    r.server_side_session_id = CL_MOCK_SSID;
    r.operation_id = (char *)op_id;
    r.response_id = (char *)resp_id;
    Spark__Connect__ExecutePlanResponse__ArrowBatch b =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__ARROW_BATCH__INIT;
    Spark__Connect__ExecutePlanResponse__ResultComplete done =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESULT_COMPLETE__INIT;
    if (ipc) {
        b.row_count = rows;
        b.data.data = (uint8_t *)ipc;
        b.data.len = len;
        if (start_offset >= 0) {
            b._start_offset_case = 3;
            b.start_offset = start_offset;
        }
        if (n_chunks > 0) {
            b._chunk_index_case = 4;
            b.chunk_index = chunk_index;
            b._num_chunks_in_batch_case = 5;
            b.num_chunks_in_batch = n_chunks;
        }
        r.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH;
        r.arrow_batch = &b;
    } else {
        r.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE;
        r.result_complete = &done;
    }
    cl_mock_send(call, &r);
}

/* Reads the int64 values of column 0 from a stream, all batches; returns the row count. */
static int64_t drain_longs(struct ArrowArrayStream *st, int64_t *out, int64_t max, int *n_batches)
{
    int64_t n = 0;
    *n_batches = 0;
    for (;;) {
        struct ArrowArray arr;
        if (st->get_next(st, &arr) != 0)
            return -1;
        if (!arr.release)
            return n;
        (*n_batches)++;
        const struct ArrowArray *c = arr.children[0];
        for (int64_t row = 0; row < arr.length && n < max; row++)
            out[n++] = ((const int64_t *)c->buffers[1])[c->offset + row];
        arr.release(&arr);
    }
}

static ember_dataframe *range_df(ember_session *s)
{
    ember_dataframe *df = NULL;
    ember_range(s, 0, 3, 1, 0, &df, NULL);
    return df;
}

/* --------------------------------------------------------------- streaming + release ---- */

typedef struct stream_ctx {
    atomic_int client_read_first; /* set by the test after it read batch 1 */
    atomic_int sent_second;
    atomic_int saw_second_before_read;
} stream_ctx;

static bool hook_stream(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                        size_t len, void *ctx)
{
    stream_ctx *sc = ctx;
    (void)m;
    if (strcmp(method, "ExecutePlan") != 0)
        return false;
    Spark__Connect__ExecutePlanRequest *r =
        spark__connect__execute_plan_request__unpack(NULL, len, req);
    size_t n1, n2, n3;
    uint8_t *b1 = ipc_of("id long", "(1,), (2,)", &n1);
    uint8_t *b2 = ipc_of("id long", "(3,)", &n2);
    uint8_t *b3 = ipc_of("id long", "", &n3); /* schema only; pair it with a 0-row batch */
    em_free(b3);
    b3 = ipc_of("id long", "(4,)", &n3);
    send_resp(call, r->session_id, r->operation_id, "r1", b1, n1, 2, 0, 0, 0);
    /* Streaming: wait (bounded) until the client consumed batch 1 before sending more. */
    for (int waited = 0; !atomic_load(&sc->client_read_first) && waited < 5000; waited += 5)
        sleep_ms(5);
    send_resp(call, r->session_id, r->operation_id, "r2", b2, n2, 1, 2, 0, 0);
    atomic_store(&sc->sent_second, 1);
    send_resp(call, r->session_id, r->operation_id, "r3", b3, n3, 1, 3, 0, 0);
    send_resp(call, r->session_id, r->operation_id, "r4", NULL, 0, 0, -1, 0, 0);
    wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
    em_free(b1);
    em_free(b2);
    em_free(b3);
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
    return true;
}

EM_TEST(collect_streams_batch_by_batch_and_releases)
{
    cl_mock *m = mock();
    stream_ctx sc;
    atomic_init(&sc.client_read_first, 0);
    atomic_init(&sc.sent_second, 0);
    atomic_init(&sc.saw_second_before_read, 0);
    cl_mock_set_hook(m, hook_stream, &sc);
    ember_session *s = open_session(m, NULL);
    ember_dataframe *df = range_df(s);
    struct ArrowArrayStream st;
    ember_error err;
    CHECK_EQ_INT(ember_df_collect(df, &st, &err), EMBER_OK);
    struct ArrowSchema sch;
    CHECK_EQ_INT(st.get_schema(&st, &sch), 0);
    CHECK_EQ_STR(sch.format, "+s");
    CHECK_EQ_INT(sch.n_children, 1);
    CHECK_EQ_STR(sch.children[0]->name, "id");
    CHECK_EQ_STR(sch.children[0]->format, "l");
    sch.release(&sch);
    struct ArrowArray arr;
    CHECK_EQ_INT(st.get_next(&st, &arr), 0);
    CHECK_EQ_INT(arr.length, 2);
    /* the server has not sent batch 2 yet: the stream did not read ahead of the caller */
    CHECK_EQ_INT(atomic_load(&sc.sent_second), 0);
    arr.release(&arr);
    atomic_store(&sc.client_read_first, 1);
    int64_t vals[8];
    int n_batches = 0;
    CHECK_EQ_INT(drain_longs(&st, vals, 8, &n_batches), 2);
    CHECK_EQ_INT(n_batches, 2);
    CHECK_EQ_INT(vals[0], 3);
    CHECK_EQ_INT(vals[1], 4);
    CHECK(ember_stream_error(&st) == NULL);
    st.release(&st);
    /* ReleaseExecute: release_until after r1, r2, r3, release_all after result_complete */
    CHECK_EQ_INT(cl_mock_wait_method(m, "ReleaseExecute", 4, 5000), 4);
    int n_until = 0, n_all = 0;
    const char *op = NULL;
    for (int idx = 0; idx < cl_mock_count(m); idx++) {
        cl_mock_req q = cl_mock_get(m, idx);
        if (strcmp(q.method, "ExecutePlan") == 0) {
            Spark__Connect__ExecutePlanRequest *r =
                spark__connect__execute_plan_request__unpack(NULL, q.len, q.data);
            /* PySpark 4.x request options: result chunking, then reattachable */
            CHECK_EQ_INT(r->n_request_options, 2);
            CHECK(r->request_options[0]->result_chunking_options->allow_arrow_batch_chunking);
            CHECK(r->request_options[1]->reattach_options->reattachable);
            CHECK(r->_operation_id_case != 0 && strlen(r->operation_id) == 36);
            CHECK_EQ_STR(r->client_type, ember_session_client_type(s));
            CHECK(r->plan->root->range != NULL);
            op = NULL;
            spark__connect__execute_plan_request__free_unpacked(r, NULL);
        }
        if (strcmp(q.method, "ReleaseExecute") != 0)
            continue;
        Spark__Connect__ReleaseExecuteRequest *r =
            spark__connect__release_execute_request__unpack(NULL, q.len, q.data);
        if (r->release_case == SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_RELEASE_UNTIL) {
            char want[4] = "r0";
            want[1] = (char)('1' + n_until);
            CHECK_EQ_STR(r->release_until->response_id, want);
            n_until++;
        } else {
            n_all++;
        }
        spark__connect__release_execute_request__free_unpacked(r, NULL);
    }
    (void)op;
    CHECK_EQ_INT(n_until, 3);
    CHECK_EQ_INT(n_all, 1);
    ember_df_free(df);
    ember_session_free(s);
}

/* ------------------------------------------------------------------ chunked batches ---- */

static bool hook_chunks(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                        size_t len, void *ctx)
{
    (void)m;
    (void)ctx;
    if (strcmp(method, "ExecutePlan") != 0)
        return false;
    Spark__Connect__ExecutePlanRequest *r =
        spark__connect__execute_plan_request__unpack(NULL, len, req);
    size_t n;
    uint8_t *b = ipc_of("id long", "(7,), (8,), (9,)", &n);
    size_t third = n / 3;
    send_resp(call, r->session_id, r->operation_id, "c0", b, third, 3, 0, 0, 3);
    send_resp(call, r->session_id, r->operation_id, "c1", b + third, third, 3, 0, 1, 3);
    send_resp(call, r->session_id, r->operation_id, "c2", b + 2 * third, n - 2 * third, 3, 0, 2, 3);
    send_resp(call, r->session_id, r->operation_id, "c3", NULL, 0, 0, -1, 0, 0);
    wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
    em_free(b);
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
    return true;
}

EM_TEST(collect_assembles_chunks)
{
    cl_mock *m = mock();
    cl_mock_set_hook(m, hook_chunks, NULL);
    ember_session *s = open_session(m, NULL);
    ember_dataframe *df = range_df(s);
    struct ArrowArrayStream st;
    CHECK_EQ_INT(ember_df_collect(df, &st, NULL), EMBER_OK);
    int64_t vals[8];
    int n_batches;
    CHECK_EQ_INT(drain_longs(&st, vals, 8, &n_batches), 3);
    CHECK_EQ_INT(n_batches, 1);
    CHECK_EQ_INT(vals[2], 9);
    st.release(&st);
    ember_df_free(df);
    ember_session_free(s);
}

/* ------------------------------------------------------------------------- reattach ---- */

typedef struct reattach_ctx {
    int mode; /* 0: graceful end, 1: UNAVAILABLE mid-stream, 2: operation lost at first */
    atomic_int n_execute;
    atomic_int n_reattach;
    char last_response_id[64];
    char op_ids[2][64];
} reattach_ctx;

static bool hook_reattach(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                          size_t len, void *ctx)
{
    reattach_ctx *rc = ctx;
    (void)m;
    size_t n1, n2;
    if (strcmp(method, "ExecutePlan") == 0) {
        Spark__Connect__ExecutePlanRequest *r =
            spark__connect__execute_plan_request__unpack(NULL, len, req);
        int k = atomic_fetch_add(&rc->n_execute, 1);
        if (k < 2)
            snprintf(rc->op_ids[k], sizeof rc->op_ids[k], "%s", r->operation_id);
        if (rc->mode == 2 && k == 0) {
            cl_mock_fail_spark(call, "INVALID_HANDLE.OPERATION_NOT_FOUND", "HY000",
                               "[INVALID_HANDLE.OPERATION_NOT_FOUND] The handle is invalid.", NULL,
                               NULL);
        } else if (rc->mode == 2) {
            uint8_t *b = ipc_of("id long", "(1,), (2,)", &n1);
            send_resp(call, r->session_id, r->operation_id, "x1", b, n1, 2, 0, 0, 0);
            send_resp(call, r->session_id, r->operation_id, "x2", NULL, 0, 0, -1, 0, 0);
            wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
            em_free(b);
        } else {
            uint8_t *b = ipc_of("id long", "(1,), (2,)", &n1);
            send_resp(call, r->session_id, r->operation_id, "r1", b, n1, 2, 0, 0, 0);
            if (rc->mode == 0)
                wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
            else
                wire_call_finish(call, WIRE_STATUS_UNAVAILABLE, "connection reset", NULL, 0);
            em_free(b);
        }
        spark__connect__execute_plan_request__free_unpacked(r, NULL);
        return true;
    }
    if (strcmp(method, "ReattachExecute") == 0) {
        Spark__Connect__ReattachExecuteRequest *r =
            spark__connect__reattach_execute_request__unpack(NULL, len, req);
        atomic_fetch_add(&rc->n_reattach, 1);
        snprintf(rc->last_response_id, sizeof rc->last_response_id, "%s",
                 r->_last_response_id_case ? r->last_response_id : "(none)");
        uint8_t *b = ipc_of("id long", "(3,)", &n2);
        send_resp(call, r->session_id, r->operation_id, "r2", b, n2, 1, 2, 0, 0);
        send_resp(call, r->session_id, r->operation_id, "r3", NULL, 0, 0, -1, 0, 0);
        wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
        em_free(b);
        spark__connect__reattach_execute_request__free_unpacked(r, NULL);
        return true;
    }
    return false;
}

static void run_reattach(int mode, int64_t want_rows, int want_execute, int want_reattach)
{
    cl_mock *m = mock();
    reattach_ctx rc;
    memset(&rc, 0, sizeof rc);
    rc.mode = mode;
    atomic_init(&rc.n_execute, 0);
    atomic_init(&rc.n_reattach, 0);
    cl_mock_set_hook(m, hook_reattach, &rc);
    ember_session *s = open_session(m, NULL);
    ember_dataframe *df = range_df(s);
    struct ArrowArrayStream st;
    ember_error err;
    CHECK_EQ_INT(ember_df_collect(df, &st, &err), EMBER_OK);
    int64_t vals[8];
    int n_batches;
    CHECK_EQ_INT(drain_longs(&st, vals, 8, &n_batches), want_rows);
    st.release(&st);
    CHECK_EQ_INT(atomic_load(&rc.n_execute), want_execute);
    CHECK_EQ_INT(atomic_load(&rc.n_reattach), want_reattach);
    if (want_reattach)
        CHECK_EQ_STR(rc.last_response_id, "r1");
    if (want_execute == 2)
        CHECK_EQ_STR(rc.op_ids[0], rc.op_ids[1]); /* the same operation is resent */
    ember_df_free(df);
    ember_session_free(s);
}

EM_TEST(reattach_after_graceful_end)
{
    /* OK end without result_complete: ReattachExecute(last_response_id = r1) at once */
    run_reattach(0, 3, 1, 1);
}

EM_TEST(reattach_after_unavailable)
{
    /* UNAVAILABLE mid-stream: retried with backoff, by reattaching */
    run_reattach(1, 3, 1, 1);
}

EM_TEST(resend_when_operation_never_arrived)
{
    /* OPERATION_NOT_FOUND before any response: ExecutePlan again, same operation id */
    run_reattach(2, 2, 2, 0);
}

/* ---------------------------------------------------------------- unary retries ---- */

static atomic_int g_unavailable_left;

static bool hook_flaky_config(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                              size_t len, void *ctx)
{
    (void)m;
    (void)req;
    (void)len;
    (void)ctx;
    if (strcmp(method, "Config") == 0 && atomic_fetch_sub(&g_unavailable_left, 1) > 0) {
        cl_mock_fail(call, WIRE_STATUS_UNAVAILABLE, "try again");
        return true;
    }
    return false;
}

EM_TEST(unary_retry_on_unavailable)
{
    cl_mock *m = mock();
    atomic_store(&g_unavailable_left, 2);
    cl_mock_set_hook(m, hook_flaky_config, NULL);
    ember_session *s = open_session(m, NULL);
    ember_error err;
    CHECK_EQ_INT(ember_conf_set(s, "spark.sql.shuffle.partitions", "4", &err), EMBER_OK);
    CHECK_EQ_INT(cl_mock_count_method(m, "Config"), 3);
    ember_session_free(s);

    /* with retries disabled the UNAVAILABLE comes back as a transport error */
    atomic_store(&g_unavailable_left, 1);
    ember_session_options o;
    memset(&o, 0, sizeof o);
    o.url = cl_mock_url(m, NULL);
    o.retry.max_retries = -1;
    CHECK_EQ_INT(ember_session_open_ex(&o, &s, &err), EMBER_OK);
    CHECK_EQ_INT(ember_conf_set(s, "k", "v", &err), EMBER_ETRANSPORT);
    CHECK_EQ_INT(err.grpc_code, WIRE_STATUS_UNAVAILABLE);
    CHECK_EQ_STR(err.exception, "SparkConnectGrpcException");
    ember_session_free(s);
}

EM_TEST(connection_refused_is_transport_error)
{
    ember_session_options o;
    memset(&o, 0, sizeof o);
    o.url = "sc://127.0.0.1:1";
    o.retry.max_retries = 2;
    o.retry.initial_backoff_ms = 1;
    ember_session *s = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_session_open_ex(&o, &s, &err), EMBER_OK);
    char *v = NULL;
    CHECK_EQ_INT(ember_conf_get(s, "x", &v, &err), EMBER_ETRANSPORT);
    CHECK_EQ_INT(err.grpc_code, WIRE_STATUS_UNAVAILABLE);
    ember_session_free(s);
}

/* ------------------------------------------------------------------------- config ---- */

EM_TEST(config_roundtrip)
{
    cl_mock *m = mock();
    ember_session *s = open_session(m, ";user_id=u1");
    ember_error err;
    char *v = NULL;
    CHECK_EQ_INT(ember_conf_set(s, "spark.sql.ansi.enabled", "false", &err), EMBER_OK);
    CHECK_EQ_INT(ember_conf_get(s, "spark.sql.ansi.enabled", &v, &err), EMBER_OK);
    CHECK_EQ_STR(v, "false");
    ember_free(v);
    CHECK_EQ_INT(ember_conf_unset(s, "spark.sql.ansi.enabled", &err), EMBER_OK);
    /* get of an unknown key fails with SQL_CONF_NOT_FOUND (the mock answers like Spark) */
    CHECK_EQ_INT(ember_conf_get(s, "spark.sql.ansi.enabled", &v, &err), EMBER_ESERVER);
    CHECK_EQ_STR(err.error_class, "SQL_CONF_NOT_FOUND");
    CHECK_EQ_STR(err.sqlstate, "42K0I");
    CHECK_EQ_STR(ember_error_param_get(&err, "sqlConf"), "\"spark.sql.ansi.enabled\"");
    CHECK(v == NULL);
    /* get with a default never fails */
    CHECK_EQ_INT(ember_conf_get_default(s, "missing.key", "dflt", &v, &err), EMBER_OK);
    CHECK_EQ_STR(v, "dflt");
    ember_free(v);
    bool mod = false;
    CHECK_EQ_INT(ember_conf_is_modifiable(s, "spark.sql.x", &mod, &err), EMBER_OK);
    CHECK(mod);
    /* the envelope: session id, user context, client_type; observed id after the first answer */
    int n = cl_mock_count(m);
    cl_mock_req first = cl_mock_get(m, 0), last = cl_mock_get(m, n - 1);
    Spark__Connect__ConfigRequest *r0 =
        spark__connect__config_request__unpack(NULL, first.len, first.data);
    Spark__Connect__ConfigRequest *r1 =
        spark__connect__config_request__unpack(NULL, last.len, last.data);
    CHECK_EQ_STR(r0->session_id, ember_session_id(s));
    CHECK_EQ_STR(r0->user_context->user_id, "u1");
    CHECK_EQ_STR(r0->client_type, ember_session_client_type(s));
    CHECK(r0->_client_observed_server_side_session_id_case == 0);
    CHECK(r1->_client_observed_server_side_session_id_case != 0);
    CHECK_EQ_STR(r1->client_observed_server_side_session_id, CL_MOCK_SSID);
    spark__connect__config_request__free_unpacked(r0, NULL);
    spark__connect__config_request__free_unpacked(r1, NULL);
    char ssid[64];
    ember_session_server_side_id(s, ssid, sizeof ssid);
    CHECK_EQ_STR(ssid, CL_MOCK_SSID);
    ember_session_free(s);
}

/* ----------------------------------------------------------------- session id checks ---- */

static atomic_int g_ssid_calls;

static bool hook_ssid(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                      size_t len, void *ctx)
{
    (void)m;
    int mode = *(int *)ctx;
    if (strcmp(method, "Config") != 0)
        return false;
    Spark__Connect__ConfigRequest *r = spark__connect__config_request__unpack(NULL, len, req);
    Spark__Connect__ConfigResponse resp = SPARK__CONNECT__CONFIG_RESPONSE__INIT;
    int k = atomic_fetch_add(&g_ssid_calls, 1);
    resp.session_id = mode == 0 ? "00000000-0000-4000-8000-000000000000" : r->session_id;
    resp.server_side_session_id = (mode == 1 && k > 0) ? "another-server-session" : "first";
    cl_mock_reply(call, &resp);
    spark__connect__config_request__free_unpacked(r, NULL);
    return true;
}

EM_TEST(session_id_checks)
{
    cl_mock *m = mock();
    int mode = 0;
    cl_mock_set_hook(m, hook_ssid, &mode);
    ember_session *s = open_session(m, NULL);
    ember_error err;
    /* a response for another session is a protocol error */
    CHECK_EQ_INT(ember_conf_set(s, "a", "b", &err), EMBER_EPROTOCOL);
    ember_session_free(s);
    /* a changed server-side session id closes the session (PySpark 4.x) */
    mode = 1;
    atomic_store(&g_ssid_calls, 0);
    s = open_session(m, NULL);
    CHECK_EQ_INT(ember_conf_set(s, "a", "b", &err), EMBER_OK);
    CHECK_EQ_INT(ember_conf_set(s, "a", "b", &err), EMBER_ECLOSED);
    CHECK(ember_session_is_closed(s));
    CHECK_EQ_INT(ember_conf_set(s, "a", "b", &err), EMBER_ECLOSED);
    CHECK_EQ_STR(err.error_class, "NO_ACTIVE_SESSION");
    ember_session_free(s);
}

/* ---------------------------------------------------------------- errors + details ---- */

static bool hook_error(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                       size_t len, void *ctx)
{
    (void)m;
    (void)ctx;
    if (strcmp(method, "ExecutePlan") == 0) {
        cl_mock_fail_spark(call, "UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703",
                           "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... SQLSTATE: 42703",
                           "2f6b2c5e-1111-4222-8333-444455556666",
                           "{\"objectName\":\"`nope`\",\"proposal\":\"`id`\"}");
        return true;
    }
    if (strcmp(method, "FetchErrorDetails") == 0) {
        Spark__Connect__FetchErrorDetailsRequest *r =
            spark__connect__fetch_error_details_request__unpack(NULL, len, req);
        CHECK_EQ_STR(r->error_id, "2f6b2c5e-1111-4222-8333-444455556666");
        Spark__Connect__FetchErrorDetailsResponse__SparkThrowable__MessageParametersEntry p1 =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE__MESSAGE_PARAMETERS_ENTRY__INIT;
        p1.key = "objectName";
        p1.value = "`nope`";
        Spark__Connect__FetchErrorDetailsResponse__SparkThrowable__MessageParametersEntry *pp[1] = {
            &p1};
        Spark__Connect__FetchErrorDetailsResponse__QueryContext q =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__QUERY_CONTEXT__INIT;
        q.context_type =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__QUERY_CONTEXT__CONTEXT_TYPE__SQL;
        q.start_index = 7;
        q.stop_index = 10;
        q.fragment = "nope";
        Spark__Connect__FetchErrorDetailsResponse__QueryContext *qp[1] = {&q};
        Spark__Connect__FetchErrorDetailsResponse__SparkThrowable t =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE__INIT;
        t.n_message_parameters = 1;
        t.message_parameters = pp;
        t.n_query_contexts = 1;
        t.query_contexts = qp;
        Spark__Connect__FetchErrorDetailsResponse__Error e =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__ERROR__INIT;
        char *hier[1] = {"org.apache.spark.sql.AnalysisException"};
        e.n_error_type_hierarchy = 1;
        e.error_type_hierarchy = hier;
        e.message = "[UNRESOLVED_COLUMN.WITH_SUGGESTION] The full message. SQLSTATE: 42703";
        e._spark_throwable_case = 5;
        e.spark_throwable = &t;
        Spark__Connect__FetchErrorDetailsResponse__Error *ep[1] = {&e};
        Spark__Connect__FetchErrorDetailsResponse resp =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__INIT;
        resp.session_id = r->session_id;
        resp.server_side_session_id = CL_MOCK_SSID;
        resp.n_errors = 1;
        resp.errors = ep;
        resp._root_error_idx_case = 1;
        resp.root_error_idx = 0;
        cl_mock_reply(call, &resp);
        spark__connect__fetch_error_details_request__free_unpacked(r, NULL);
        return true;
    }
    return false;
}

EM_TEST(errors_fetch_details)
{
    cl_mock *m = mock();
    cl_mock_set_hook(m, hook_error, NULL);
    ember_session *s = open_session(m, NULL);
    ember_dataframe *df = range_df(s);
    struct ArrowArrayStream st;
    ember_error err;
    CHECK_EQ_INT(ember_df_collect(df, &st, &err), EMBER_ESERVER);
    CHECK(st.release == NULL);
    CHECK_EQ_INT(err.grpc_code, WIRE_STATUS_INTERNAL);
    CHECK_EQ_STR(err.error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(err.sqlstate, "42703");
    CHECK_EQ_STR(err.exception, "AnalysisException");
    CHECK_EQ_STR(err.error_id, "2f6b2c5e-1111-4222-8333-444455556666");
    /* FetchErrorDetails' root error replaces the message and the parameters */
    CHECK(strcmp(err.message,
                 "[UNRESOLVED_COLUMN.WITH_SUGGESTION] The full message. SQLSTATE: 42703") == 0);
    CHECK_EQ_INT(err.n_params, 1);
    CHECK_EQ_STR(ember_error_param_get(&err, "objectName"), "`nope`");
    CHECK_EQ_INT(err.ctx_type, 0);
    CHECK_EQ_INT(err.ctx_start, 7);
    CHECK_EQ_STR(err.ctx_fragment, "nope");
    CHECK_EQ_INT(cl_mock_count_method(m, "FetchErrorDetails"), 1);
    /* the failed operation is released */
    CHECK_EQ_INT(cl_mock_wait_method(m, "ReleaseExecute", 1, 5000), 1);
    ember_df_free(df);
    ember_session_free(s);
}

/* ---------------------------------------------------- ids, tags, interrupts, metadata ---- */

static bool hook_interrupt(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                           size_t len, void *ctx)
{
    (void)m;
    (void)ctx;
    if (strcmp(method, "Interrupt") != 0)
        return false;
    Spark__Connect__InterruptRequest *r = spark__connect__interrupt_request__unpack(NULL, len, req);
    Spark__Connect__InterruptResponse resp = SPARK__CONNECT__INTERRUPT_RESPONSE__INIT;
    resp.session_id = r->session_id;
    resp.server_side_session_id = CL_MOCK_SSID;
    char *ids[2] = {"op-a", "op-b"};
    resp.n_interrupted_ids = 2;
    resp.interrupted_ids = ids;
    cl_mock_reply(call, &resp);
    spark__connect__interrupt_request__free_unpacked(r, NULL);
    return true;
}

EM_TEST(interrupts_and_tags)
{
    cl_mock *m = mock();
    cl_mock_set_hook(m, hook_interrupt, NULL);
    ember_session *s = open_session(m, NULL);
    ember_error err;
    char **ids = NULL;
    size_t n = 0;
    CHECK_EQ_INT(ember_interrupt_all(s, &ids, &n, &err), EMBER_OK);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(ids[1], "op-b");
    ember_free_strings(ids, n);
    CHECK_EQ_INT(ember_interrupt_tag(s, "etl", NULL, NULL, &err), EMBER_OK);
    CHECK_EQ_INT(ember_interrupt_operation(s, "op-a", NULL, NULL, &err), EMBER_OK);
    /* tags: non-empty, no ',' (PySpark's _throw_if_invalid_tag) */
    CHECK_EQ_INT(ember_interrupt_tag(s, "a,b", NULL, NULL, &err), EMBER_EINVAL);
    CHECK_EQ_INT(ember_session_add_tag(s, "", &err), EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, "VALUE_NOT_NON_EMPTY_STR");
    CHECK_EQ_INT(cl_mock_count_method(m, "Interrupt"), 3);
    int types[3], k = 0;
    for (int idx = 0; idx < cl_mock_count(m) && k < 3; idx++) {
        cl_mock_req q = cl_mock_get(m, idx);
        if (strcmp(q.method, "Interrupt") != 0)
            continue;
        Spark__Connect__InterruptRequest *r =
            spark__connect__interrupt_request__unpack(NULL, q.len, q.data);
        types[k] = r->interrupt_type;
        if (k == 1)
            CHECK_EQ_STR(r->operation_tag, "etl");
        if (k == 2)
            CHECK_EQ_STR(r->operation_id, "op-a");
        k++;
        spark__connect__interrupt_request__free_unpacked(r, NULL);
    }
    CHECK_EQ_INT(types[0], 1); /* ALL */
    CHECK_EQ_INT(types[1], 2); /* TAG */
    CHECK_EQ_INT(types[2], 3); /* OPERATION_ID */

    /* tags and a caller-chosen operation id travel with ExecutePlan */
    cl_mock_set_hook(m, NULL, NULL);
    CHECK_EQ_INT(ember_session_add_tag(s, "etl", &err), EMBER_OK);
    CHECK_EQ_INT(ember_session_add_tag(s, "nightly", &err), EMBER_OK);
    CHECK_EQ_INT(ember_session_remove_tag(s, "etl", &err), EMBER_OK);
    ember_dataframe *df = range_df(s);
    struct ArrowArrayStream st;
    CHECK_EQ_INT(ember_df_collect_with_id(df, "not-a-uuid", &st, &err), EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, "INVALID_OPERATION_UUID_ID");
    ember_df_collect_with_id(df, "11111111-2222-4333-8444-555555555555", &st, &err);
    cl_mock_req last = {0};
    for (int idx = 0; idx < cl_mock_count(m); idx++) {
        cl_mock_req q = cl_mock_get(m, idx);
        if (strcmp(q.method, "ExecutePlan") == 0)
            last = q;
    }
    Spark__Connect__ExecutePlanRequest *r =
        spark__connect__execute_plan_request__unpack(NULL, last.len, last.data);
    CHECK_EQ_INT(r->n_tags, 1);
    CHECK_EQ_STR(r->tags[0], "nightly");
    CHECK_EQ_STR(r->operation_id, "11111111-2222-4333-8444-555555555555");
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
    ember_df_free(df);
    ember_session_free(s);
}

EM_TEST(metadata_and_token)
{
    cl_mock *m = mock();
    /* extra URL keys are sent verbatim as metadata */
    ember_session *s = open_session(m, "/;x-test=hello");
    ember_error err;
    CHECK_EQ_INT(ember_conf_set(s, "a", "b", &err), EMBER_OK);
    cl_mock_req q = cl_mock_get(m, cl_mock_count(m) - 1);
    CHECK_EQ_STR(q.extra_md, "hello");
    CHECK_EQ_STR(q.authorization, "");
    ember_session_free(s);
    /* token to "localhost" without use_ssl: gRPC local credentials + bearer (Spark 4.x) */
    ember_session_options o;
    memset(&o, 0, sizeof o);
    char url[128];
    snprintf(url, sizeof url, "sc://localhost:%d/;token=s3cret", cl_mock_port(m));
    o.url = url;
    o.retry.max_retries = -1;
    CHECK_EQ_INT(ember_session_open_ex(&o, &s, &err), EMBER_OK);
    int rc = ember_conf_set(s, "a", "b", &err);
    if (rc == EMBER_OK) {
        q = cl_mock_get(m, cl_mock_count(m) - 1);
        CHECK_EQ_STR(q.authorization, "Bearer s3cret");
    } else {
        printf("  note: local credentials against the plaintext mock failed: %s\n", err.message);
    }
    ember_session_free(s);
}

EM_TEST(non_reattachable_mode)
{
    cl_mock *m = mock();
    ember_session_options o;
    memset(&o, 0, sizeof o);
    o.url = cl_mock_url(m, NULL);
    o.disable_reattach = true;
    ember_session *s = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_session_open_ex(&o, &s, &err), EMBER_OK);
    ember_dataframe *df = range_df(s);
    struct ArrowArrayStream st;
    ember_df_collect(df, &st, &err); /* the mock fails root plans */
    cl_mock_req q = cl_mock_get(m, 0);
    Spark__Connect__ExecutePlanRequest *r =
        spark__connect__execute_plan_request__unpack(NULL, q.len, q.data);
    CHECK(r->_operation_id_case == 0);
    CHECK_EQ_INT(r->n_request_options, 1);
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
    sleep_ms(50);
    CHECK_EQ_INT(cl_mock_count_method(m, "ReleaseExecute"), 0);
    ember_df_free(df);
    ember_session_free(s);
}

/* ------------------------------------------------------------------ sql + local data ---- */

EM_TEST(sql_and_cached_relation)
{
    cl_mock *m = mock();
    ember_session *s = open_session(m, NULL);
    ember_dataframe *df = NULL;
    ember_error err;
    ember_column *arg = ember_lit_int(5);
    CHECK_EQ_INT(ember_sql(s, "SELECT ? AS x", &arg, 1, &df, &err), EMBER_OK);
    /* the command: sql_command{input = sql{query, pos_arguments}} */
    cl_mock_req q = cl_mock_get(m, 0);
    Spark__Connect__ExecutePlanRequest *r =
        spark__connect__execute_plan_request__unpack(NULL, q.len, q.data);
    Spark__Connect__Relation *in = r->plan->command->sql_command->input;
    CHECK_EQ_STR(in->sql->query, "SELECT ? AS x");
    CHECK_EQ_INT(in->sql->n_pos_arguments, 1);
    int64_t cmd_plan_id = in->common->plan_id;
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
    /* the DataFrame is the returned relation with a fresh plan id */
    CHECK(ember_df_plan_id(df) != cmd_plan_id);
    struct ArrowArrayStream st;
    ember_df_collect(df, &st, &err);
    q = cl_mock_get(m, cl_mock_count(m) - 1);
    for (int idx = cl_mock_count(m) - 1; idx >= 0; idx--) {
        q = cl_mock_get(m, idx);
        if (strcmp(q.method, "ExecutePlan") == 0)
            break;
    }
    r = spark__connect__execute_plan_request__unpack(NULL, q.len, q.data);
    CHECK_EQ_STR(r->plan->root->sql->query, "SELECT ? AS x");
    CHECK_EQ_INT(r->plan->root->common->plan_id, ember_df_plan_id(df));
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
    ember_df_free(df);
    const char *names[1] = {"n"};
    ember_column *val = ember_lit_string("v");
    CHECK_EQ_INT(ember_sql_named(s, "SELECT :n", names, &val, 1, &df, &err), EMBER_OK);
    ember_df_free(df);
    ember_session_free(s);
}

EM_TEST(create_dataframe_with_ddl)
{
    cl_mock *m = mock();
    ember_session *s = open_session(m, NULL);
    struct ArrowArrayStream data;
    cl_data_stream("a int, b string", "(1, 'x')", &data);
    ember_dataframe *df = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_create_dataframe(s, &data, "a INT, b STRING", NULL, 0, &df, &err), EMBER_OK);
    CHECK_EQ_INT(cl_mock_count_method(m, "AnalyzePlan"), 1); /* ddl_parse */
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__Relation *rel = cl_proto_relation(&a, df);
    CHECK_EQ_STR(rel->local_relation->schema,
                 "{\"fields\":[{\"metadata\":{},\"name\":\"a\",\"nullable\":true,\"type\":"
                 "\"integer\"},{\"metadata\":{},\"name\":\"b\",\"nullable\":true,\"type\":"
                 "\"string\"}],\"type\":\"struct\"}");
    CHECK(rel->local_relation->_data_case != 0);
    em_arena_release(&a);
    ember_df_free(df);
    /* a stream that fails is reported, and consumed */
    ember_session_free(s);
}

/* ------------------------------------------------------------------- single cells ---- */

static bool hook_cells(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                       size_t len, void *ctx)
{
    (void)m;
    (void)ctx;
    if (strcmp(method, "ExecutePlan") == 0) {
        Spark__Connect__ExecutePlanRequest *r =
            spark__connect__execute_plan_request__unpack(NULL, len, req);
        size_t n;
        uint8_t *b;
        Spark__Connect__Relation *root = r->plan->root;
        if (root->rel_type_case == SPARK__CONNECT__RELATION__REL_TYPE_SHOW_STRING) {
            CHECK_EQ_INT(root->show_string->num_rows, 5);
            CHECK_EQ_INT(root->show_string->truncate, 0);
            b = ipc_of("show_string string", "('+---+\\n| id|\\n+---+\\n')", &n);
        } else if (root->rel_type_case == SPARK__CONNECT__RELATION__REL_TYPE_AGGREGATE) {
            /* count(): count(1) over the DataFrame */
            CHECK_EQ_STR(
                root->aggregate->aggregate_expressions[0]->unresolved_function->function_name,
                "count");
            b = ipc_of("count long", "(42,)", &n);
        } else {
            /* isEmpty: Limit(Project(df, []), 1) */
            CHECK(root->rel_type_case == SPARK__CONNECT__RELATION__REL_TYPE_LIMIT);
            CHECK_EQ_INT(root->limit->limit, 1);
            CHECK_EQ_INT(root->limit->input->project->n_expressions, 0);
            b = ipc_empty_long(&n); /* an empty result still sends one zero-row batch */
        }
        if (b) {
            send_resp(call, r->session_id, r->operation_id, "a1", b, n,
                      root->rel_type_case == SPARK__CONNECT__RELATION__REL_TYPE_LIMIT ? 0 : 1, 0, 0,
                      0);
            em_free(b);
        }
        send_resp(call, r->session_id, r->operation_id, "a2", NULL, 0, 0, -1, 0, 0);
        wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
        spark__connect__execute_plan_request__free_unpacked(r, NULL);
        return true;
    }
    if (strcmp(method, "AnalyzePlan") == 0) {
        Spark__Connect__AnalyzePlanRequest *r =
            spark__connect__analyze_plan_request__unpack(NULL, len, req);
        Spark__Connect__AnalyzePlanResponse resp = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__INIT;
        resp.session_id = r->session_id;
        resp.server_side_session_id = CL_MOCK_SSID;
        Spark__Connect__DataType__Long lg = SPARK__CONNECT__DATA_TYPE__LONG__INIT;
        Spark__Connect__DataType lt = SPARK__CONNECT__DATA_TYPE__INIT;
        lt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_LONG;
        lt.long_ = &lg;
        Spark__Connect__DataType__StructField f = SPARK__CONNECT__DATA_TYPE__STRUCT_FIELD__INIT;
        f.name = "id";
        f.data_type = &lt;
        Spark__Connect__DataType__StructField *fp[1] = {&f};
        Spark__Connect__DataType__Struct stt = SPARK__CONNECT__DATA_TYPE__STRUCT__INIT;
        stt.n_fields = 1;
        stt.fields = fp;
        Spark__Connect__DataType dt = SPARK__CONNECT__DATA_TYPE__INIT;
        dt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_STRUCT;
        dt.struct_ = &stt;
        Spark__Connect__AnalyzePlanResponse__Schema sc =
            SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__SCHEMA__INIT;
        sc.schema = &dt;
        Spark__Connect__AnalyzePlanResponse__Explain ex =
            SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__EXPLAIN__INIT;
        ex.explain_string = "== Physical Plan ==\nRange (0, 3, step=1)\n";
        Spark__Connect__AnalyzePlanResponse__TreeString ts =
            SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__TREE_STRING__INIT;
        ts.tree_string = "root\n |-- id: long (nullable = false)\n";
        if (r->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SCHEMA) {
            resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SCHEMA;
            resp.schema = &sc;
        } else if (r->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_EXPLAIN) {
            CHECK_EQ_INT(r->explain->explain_mode, 5); /* formatted */
            resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_EXPLAIN;
            resp.explain = &ex;
        } else if (r->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_TREE_STRING) {
            resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_TREE_STRING;
            resp.tree_string = &ts;
        } else {
            spark__connect__analyze_plan_request__free_unpacked(r, NULL);
            return false;
        }
        cl_mock_reply(call, &resp);
        spark__connect__analyze_plan_request__free_unpacked(r, NULL);
        return true;
    }
    return false;
}

EM_TEST(actions_count_show_schema)
{
    cl_mock *m = mock();
    cl_mock_set_hook(m, hook_cells, NULL);
    ember_session *s = open_session(m, NULL);
    ember_dataframe *df = range_df(s);
    ember_error err;
    int64_t n = 0;
    CHECK_EQ_INT(ember_df_count(df, &n, &err), EMBER_OK);
    CHECK_EQ_INT(n, 42);
    char *text = NULL;
    CHECK_EQ_INT(ember_df_show_string(df, 5, 0, false, &text, &err), EMBER_OK);
    CHECK_EQ_STR(text, "+---+\n| id|\n+---+\n");
    ember_free(text);
    bool empty = false;
    CHECK_EQ_INT(ember_df_is_empty(df, &empty, &err), EMBER_OK);
    CHECK(empty);
    char *json = NULL;
    CHECK_EQ_INT(ember_df_schema_json(df, &json, &err), EMBER_OK);
    CHECK_EQ_STR(json, "{\"fields\":[{\"metadata\":{},\"name\":\"id\",\"nullable\":false,"
                       "\"type\":\"long\"}],\"type\":\"struct\"}");
    ember_free(json);
    char **cols = NULL;
    size_t n_cols = 0;
    CHECK_EQ_INT(ember_df_columns(df, &cols, &n_cols, &err), EMBER_OK);
    CHECK_EQ_INT(n_cols, 1);
    CHECK_EQ_STR(cols[0], "id");
    ember_free_strings(cols, n_cols);
    struct ArrowSchema sch;
    CHECK_EQ_INT(ember_df_schema(df, &sch, &err), EMBER_OK);
    CHECK_EQ_STR(sch.children[0]->format, "l");
    CHECK(!(sch.children[0]->flags & ARROW_FLAG_NULLABLE));
    sch.release(&sch);
    CHECK_EQ_INT(ember_df_explain(df, "formatted", &text, &err), EMBER_OK);
    CHECK(strstr(text, "Range") != NULL);
    ember_free(text);
    CHECK_EQ_INT(ember_df_explain(df, "verbose", &text, &err), EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, "UNKNOWN_EXPLAIN_MODE");
    CHECK_EQ_INT(ember_df_tree_string(df, &text, &err), EMBER_OK);
    CHECK(strncmp(text, "root\n", 5) == 0);
    ember_free(text);
    char *version = NULL;
    cl_mock_set_hook(m, NULL, NULL);
    CHECK_EQ_INT(ember_session_version(s, &version, &err), EMBER_OK);
    CHECK_EQ_STR(version, "4.2.0");
    ember_free(version);
    ember_df_free(df);
    /* spark.stop(): ReleaseSession, then the session is closed */
    CHECK_EQ_INT(ember_session_stop(s, &err), EMBER_OK);
    CHECK_EQ_INT(cl_mock_count_method(m, "ReleaseSession"), 1);
    CHECK_EQ_INT(ember_conf_set(s, "a", "b", &err), EMBER_ECLOSED);
    CHECK_EQ_INT(ember_session_stop(s, &err), EMBER_OK); /* idempotent */
    ember_session_free(s);
}

/* ----------------------------------------------------------------------- threads ---- */

static void *thread_body(void *arg)
{
    ember_session *s = arg;
    for (int idx = 0; idx < 20; idx++) {
        char key[32];
        snprintf(key, sizeof key, "k%d", idx);
        ember_conf_set(s, key, "v", NULL);
        ember_dataframe *df = NULL;
        ember_range(s, 0, idx, 1, 0, &df, NULL);
        struct ArrowArrayStream st;
        if (ember_df_collect(df, &st, NULL) == EMBER_OK)
            st.release(&st);
        ember_df_free(df);
    }
    return NULL;
}

EM_TEST(one_session_many_threads)
{
    cl_mock *m = mock();
    ember_session *s = open_session(m, NULL);
    pthread_t t[4];
    for (int idx = 0; idx < 4; idx++)
        pthread_create(&t[idx], NULL, thread_body, s);
    for (int idx = 0; idx < 4; idx++)
        pthread_join(t[idx], NULL);
    CHECK_EQ_INT(cl_mock_count_method(m, "Config"), 80);
    CHECK_EQ_INT(cl_mock_count_method(m, "ExecutePlan"), 80);
    ember_session_free(s);
}

/* gRPC's c-ares resolver leaks a few bytes when resolving "localhost" (third-party). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libcares\n";
}

int main(int argc, char **argv)
{
    int rc = em_test_main(argc, argv);
    cl_mock_stop(g_mock);
    return rc;
}
