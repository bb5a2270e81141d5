/*
 * cl_test_mock.c: the mock Spark Connect server of libember's tests (see cl_test_mock.h).
 */
#include "cl_test_mock.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"
#include "spark/connect/base.pb-c.h"

#define CL_MOCK_MAX_CONF 64

struct cl_mock {
    wire_server *srv;
    int port;
    char url[256];
    pthread_mutex_t mu;
    cl_mock_hook hook;
    void *hook_ctx;
    int tag;
    cl_mock_req *reqs;
    int n_reqs, cap_reqs;
    char *conf_keys[CL_MOCK_MAX_CONF];
    char *conf_vals[CL_MOCK_MAX_CONF];
    int n_conf;
};

static const char *const cl_mock_methods[] = {
    "ExecutePlan",    "AnalyzePlan",       "Config",          "AddArtifacts",
    "ArtifactStatus", "Interrupt",         "ReattachExecute", "ReleaseExecute",
    "ReleaseSession", "FetchErrorDetails", "CloneSession",
};

/* ------------------------------------------------------------------------------ helpers ---- */

static uint8_t *cl_mock_pack(const ProtobufCMessage *m, size_t *len)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = em_malloc(n ? n : 1);
    *len = protobuf_c_message_pack(m, buf);
    return buf;
}

void cl_mock_reply(wire_call *call, const void *msg)
{
    size_t len;
    uint8_t *buf = cl_mock_pack(msg, &len);
    wire_call_reply(call, buf, len);
    em_free(buf);
}

void cl_mock_send(wire_call *call, const void *msg)
{
    size_t len;
    uint8_t *buf = cl_mock_pack(msg, &len);
    wire_call_send(call, buf, len);
    em_free(buf);
}

void cl_mock_fail(wire_call *call, int code, const char *message)
{
    wire_call_finish(call, code, message, NULL, 0);
}

void cl_mock_fail_spark(wire_call *call, const char *error_class, const char *sqlstate,
                        const char *message, const char *error_id, const char *params_json)
{
    Google__Rpc__ErrorInfo__MetadataEntry e[5];
    Google__Rpc__ErrorInfo__MetadataEntry *ep[5];
    const char *keys[5] = {"classes", "errorClass", "sqlState", "messageParameters", "errorId"};
    const char *vals[5] = {"[\"org.apache.spark.sql.catalyst.ExtendedAnalysisException\","
                           "\"org.apache.spark.sql.AnalysisException\",\"java.lang.Exception\","
                           "\"java.lang.Throwable\"]",
                           error_class, sqlstate, params_json ? params_json : "{}", error_id};
    size_t n = 0;
    for (int idx = 0; idx < 5; idx++) {
        if (!vals[idx])
            continue;
        google__rpc__error_info__metadata_entry__init(&e[n]);
        e[n].key = (char *)keys[idx];
        e[n].value = (char *)vals[idx];
        ep[n] = &e[n];
        n++;
    }
    Google__Rpc__ErrorInfo info = GOOGLE__RPC__ERROR_INFO__INIT;
    info.reason = "org.apache.spark.sql.catalyst.ExtendedAnalysisException";
    info.domain = "org.apache.spark";
    info.n_metadata = n;
    info.metadata = ep;
    size_t info_len;
    uint8_t *info_buf = cl_mock_pack(&info.base, &info_len);
    Google__Protobuf__Any any = GOOGLE__PROTOBUF__ANY__INIT;
    any.type_url = "type.googleapis.com/google.rpc.ErrorInfo";
    any.value.data = info_buf;
    any.value.len = info_len;
    Google__Protobuf__Any *anys[1] = {&any};
    Google__Rpc__Status st = GOOGLE__RPC__STATUS__INIT;
    st.code = WIRE_STATUS_INTERNAL;
    st.message = (char *)message;
    st.n_details = 1;
    st.details = anys;
    size_t st_len;
    uint8_t *st_buf = cl_mock_pack(&st.base, &st_len);
    wire_call_finish(call, WIRE_STATUS_INTERNAL, message, st_buf, st_len);
    em_free(st_buf);
    em_free(info_buf);
}

static void cl_mock_record(cl_mock *m, wire_call *call, const char *method, const uint8_t *data,
                           size_t len)
{
    pthread_mutex_lock(&m->mu);
    if (m->n_reqs == m->cap_reqs) {
        m->cap_reqs = m->cap_reqs ? m->cap_reqs * 2 : 64;
        m->reqs = em_realloc(m->reqs, sizeof(cl_mock_req) * (size_t)m->cap_reqs);
    }
    cl_mock_req *r = &m->reqs[m->n_reqs++];
    memset(r, 0, sizeof *r);
    snprintf(r->method, sizeof r->method, "%s", method);
    r->data = em_malloc(len ? len : 1);
    if (len)
        memcpy(r->data, data, len);
    r->len = len;
    r->tag = m->tag;
    const char *auth = wire_call_metadata(call, "authorization");
    snprintf(r->authorization, sizeof r->authorization, "%s", auth ? auth : "");
    const char *x = wire_call_metadata(call, "x-test");
    snprintf(r->extra_md, sizeof r->extra_md, "%s", x ? x : "");
    pthread_mutex_unlock(&m->mu);
}

/* -------------------------------------------------------------------- default answers ---- */

static const char *cl_mock_conf_get(cl_mock *m, const char *key)
{
    for (int idx = 0; idx < m->n_conf; idx++)
        if (strcmp(m->conf_keys[idx], key) == 0)
            return m->conf_vals[idx];
    return NULL;
}

static void cl_mock_conf_set(cl_mock *m, const char *key, const char *value)
{
    for (int idx = 0; idx < m->n_conf; idx++) {
        if (strcmp(m->conf_keys[idx], key) == 0) {
            em_free(m->conf_vals[idx]);
            m->conf_vals[idx] = value ? em_strdup(value) : NULL;
            if (!value) {
                em_free(m->conf_keys[idx]);
                m->conf_keys[idx] = m->conf_keys[m->n_conf - 1];
                m->conf_vals[idx] = m->conf_vals[m->n_conf - 1];
                m->n_conf--;
            }
            return;
        }
    }
    if (value && m->n_conf < CL_MOCK_MAX_CONF) {
        m->conf_keys[m->n_conf] = em_strdup(key);
        m->conf_vals[m->n_conf] = em_strdup(value);
        m->n_conf++;
    }
}

static void cl_mock_config(cl_mock *m, wire_call *call, const uint8_t *req, size_t len)
{
    Spark__Connect__ConfigRequest *r = spark__connect__config_request__unpack(NULL, len, req);
    if (!r || !r->operation) {
        cl_mock_fail(call, WIRE_STATUS_INVALID_ARGUMENT, "bad ConfigRequest");
        if (r)
            spark__connect__config_request__free_unpacked(r, NULL);
        return;
    }
    Spark__Connect__ConfigResponse resp = SPARK__CONNECT__CONFIG_RESPONSE__INIT;
    resp.session_id = r->session_id;
    resp.server_side_session_id = CL_MOCK_SSID;
    Spark__Connect__KeyValue kvs[16];
    Spark__Connect__KeyValue *kvp[16];
    size_t n = 0;
    Spark__Connect__ConfigRequest__Operation *op = r->operation;
    pthread_mutex_lock(&m->mu);
    switch (op->op_type_case) {
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET:
        for (size_t idx = 0; idx < op->set->n_pairs; idx++)
            cl_mock_conf_set(m, op->set->pairs[idx]->key,
                             op->set->pairs[idx]->_value_case ? op->set->pairs[idx]->value : "");
        break;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_UNSET:
        for (size_t idx = 0; idx < op->unset->n_keys; idx++)
            cl_mock_conf_set(m, op->unset->keys[idx], NULL);
        break;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET:
        for (size_t idx = 0; idx < op->get->n_keys && n < 16; idx++) {
            const char *v = cl_mock_conf_get(m, op->get->keys[idx]);
            if (!v) {
                pthread_mutex_unlock(&m->mu);
                char msg[512];
                snprintf(msg, sizeof msg,
                         "[SQL_CONF_NOT_FOUND] The SQL config \"%s\" cannot be found. Please "
                         "verify that the config exists. SQLSTATE: 42K0I",
                         op->get->keys[idx]);
                char params[256];
                snprintf(params, sizeof params, "{\"sqlConf\":\"\\\"%s\\\"\"}", op->get->keys[idx]);
                cl_mock_fail_spark(call, "SQL_CONF_NOT_FOUND", "42K0I", msg, NULL, params);
                spark__connect__config_request__free_unpacked(r, NULL);
                return;
            }
            spark__connect__key_value__init(&kvs[n]);
            kvs[n].key = op->get->keys[idx];
            kvs[n]._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
            kvs[n].value = (char *)v;
            kvp[n] = &kvs[n];
            n++;
        }
        break;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_WITH_DEFAULT:
        for (size_t idx = 0; idx < op->get_with_default->n_pairs && n < 16; idx++) {
            Spark__Connect__KeyValue *in = op->get_with_default->pairs[idx];
            const char *v = cl_mock_conf_get(m, in->key);
            spark__connect__key_value__init(&kvs[n]);
            kvs[n].key = in->key;
            if (v || in->_value_case) {
                kvs[n]._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
                kvs[n].value = (char *)(v ? v : in->value);
            }
            kvp[n] = &kvs[n];
            n++;
        }
        break;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_IS_MODIFIABLE:
        for (size_t idx = 0; idx < op->is_modifiable->n_keys && n < 16; idx++) {
            spark__connect__key_value__init(&kvs[n]);
            kvs[n].key = op->is_modifiable->keys[idx];
            kvs[n]._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
            kvs[n].value = strncmp(kvs[n].key, "spark.sql.", 10) == 0 ? "true" : "false";
            kvp[n] = &kvs[n];
            n++;
        }
        break;
    default:
        break;
    }
    resp.n_pairs = n;
    resp.pairs = kvp;
    cl_mock_reply(call, &resp);
    pthread_mutex_unlock(&m->mu);
    spark__connect__config_request__free_unpacked(r, NULL);
}

/* A DataType for a simple DDL type name, or NULL. */
static Spark__Connect__DataType *cl_mock_simple_type(const char *name, Spark__Connect__DataType *dt,
                                                     void *payload)
{
    spark__connect__data_type__init(dt);
    static const struct {
        const char *name;
        int kind;
    } map[] = {
        {"bigint", SPARK__CONNECT__DATA_TYPE__KIND_LONG},
        {"long", SPARK__CONNECT__DATA_TYPE__KIND_LONG},
        {"int", SPARK__CONNECT__DATA_TYPE__KIND_INTEGER},
        {"integer", SPARK__CONNECT__DATA_TYPE__KIND_INTEGER},
        {"string", SPARK__CONNECT__DATA_TYPE__KIND_STRING},
        {"double", SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE},
        {"float", SPARK__CONNECT__DATA_TYPE__KIND_FLOAT},
        {"boolean", SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN},
        {"date", SPARK__CONNECT__DATA_TYPE__KIND_DATE},
        {"timestamp", SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP},
        {"binary", SPARK__CONNECT__DATA_TYPE__KIND_BINARY},
    };
    for (size_t idx = 0; idx < sizeof map / sizeof map[0]; idx++) {
        if (strcasecmp(name, map[idx].name) != 0)
            continue;
        dt->kind_case = map[idx].kind;
        /* Every simple kind's message is an empty-ish struct; the union holds a pointer. */
        switch (map[idx].kind) {
        case SPARK__CONNECT__DATA_TYPE__KIND_LONG:
            spark__connect__data_type__long__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_INTEGER:
            spark__connect__data_type__integer__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_STRING:
            spark__connect__data_type__string__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE:
            spark__connect__data_type__double__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_FLOAT:
            spark__connect__data_type__float__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN:
            spark__connect__data_type__boolean__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_DATE:
            spark__connect__data_type__date__init(payload);
            break;
        case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP:
            spark__connect__data_type__timestamp__init(payload);
            break;
        default:
            spark__connect__data_type__binary__init(payload);
            break;
        }
        dt->long_ = payload; /* all union members are pointers to the kind message */
        return dt;
    }
    return NULL;
}

/* ddl_parse of "name type, name type" (simple types only). */
static void cl_mock_ddl(wire_call *call, Spark__Connect__AnalyzePlanRequest *r)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", r->ddl_parse->ddl_string);
    Spark__Connect__DataType__StructField fields[16];
    Spark__Connect__DataType__StructField *fp[16];
    Spark__Connect__DataType types[16];
    union {
        Spark__Connect__DataType__Long l;
        Spark__Connect__DataType__String s;
        char pad[64];
    } payloads[16];
    char *names[16];
    size_t n = 0;
    char *next = buf;
    while (next && n < 16) {
        char *tok = next;
        char *comma = strchr(tok, ',');
        if (comma) {
            *comma = '\0';
            next = comma + 1;
        } else {
            next = NULL;
        }
        while (*tok == ' ')
            tok++;
        for (char *q = tok; *q; q++)
            if (*q == ':')
                *q = ' '; /* "name: type" is DDL too */
        char *sp = strchr(tok, ' ');
        if (!sp && n == 0 && !next) {
            /* A bare type ("STRING"): answer the type itself, not a struct. */
            Spark__Connect__DataType one;
            _Alignas(16) char payload[64];
            if (!cl_mock_simple_type(tok, &one, payload)) {
                cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock ddl_parse: unsupported type");
                return;
            }
            Spark__Connect__AnalyzePlanResponse__DDLParse p1 =
                SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__DDLPARSE__INIT;
            p1.parsed = &one;
            Spark__Connect__AnalyzePlanResponse resp1 = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__INIT;
            resp1.session_id = r->session_id;
            resp1.server_side_session_id = CL_MOCK_SSID;
            resp1.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_DDL_PARSE;
            resp1.ddl_parse = &p1;
            cl_mock_reply(call, &resp1);
            return;
        }
        if (!sp) {
            cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock ddl_parse: unsupported DDL");
            return;
        }
        *sp = '\0';
        char *type = sp + 1;
        while (*type == ' ')
            type++;
        char *end = type + strlen(type);
        while (end > type && end[-1] == ' ')
            *--end = '\0';
        bool not_null = false; /* "name type NOT NULL" */
        if (end - type > 9 && strcasecmp(end - 9, " NOT NULL") == 0) {
            not_null = true;
            end -= 9;
            *end = '\0';
        }
        if (!cl_mock_simple_type(type, &types[n], &payloads[n])) {
            cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock ddl_parse: unsupported type");
            return;
        }
        names[n] = tok;
        spark__connect__data_type__struct_field__init(&fields[n]);
        fields[n].name = names[n];
        fields[n].data_type = &types[n];
        fields[n].nullable = !not_null;
        fp[n] = &fields[n];
        n++;
    }
    Spark__Connect__DataType__Struct st = SPARK__CONNECT__DATA_TYPE__STRUCT__INIT;
    st.n_fields = n;
    st.fields = fp;
    Spark__Connect__DataType dt = SPARK__CONNECT__DATA_TYPE__INIT;
    dt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_STRUCT;
    dt.struct_ = &st;
    Spark__Connect__AnalyzePlanResponse__DDLParse p =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__DDLPARSE__INIT;
    p.parsed = &dt;
    Spark__Connect__AnalyzePlanResponse resp = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__INIT;
    resp.session_id = r->session_id;
    resp.server_side_session_id = CL_MOCK_SSID;
    resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_DDL_PARSE;
    resp.ddl_parse = &p;
    cl_mock_reply(call, &resp);
}

static void cl_mock_analyze(wire_call *call, const uint8_t *req, size_t len)
{
    Spark__Connect__AnalyzePlanRequest *r =
        spark__connect__analyze_plan_request__unpack(NULL, len, req);
    if (!r) {
        cl_mock_fail(call, WIRE_STATUS_INVALID_ARGUMENT, "bad AnalyzePlanRequest");
        return;
    }
    if (r->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SPARK_VERSION) {
        Spark__Connect__AnalyzePlanResponse__SparkVersion v =
            SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__SPARK_VERSION__INIT;
        v.version = "4.2.0";
        Spark__Connect__AnalyzePlanResponse resp = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__INIT;
        resp.session_id = r->session_id;
        resp.server_side_session_id = CL_MOCK_SSID;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SPARK_VERSION;
        resp.spark_version = &v;
        cl_mock_reply(call, &resp);
    } else if (r->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_DDL_PARSE) {
        cl_mock_ddl(call, r);
    } else {
        cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock: AnalyzePlan kind not answered");
    }
    spark__connect__analyze_plan_request__free_unpacked(r, NULL);
}

static void cl_mock_execute(wire_call *call, const uint8_t *req, size_t len)
{
    Spark__Connect__ExecutePlanRequest *r =
        spark__connect__execute_plan_request__unpack(NULL, len, req);
    if (!r || !r->plan) {
        cl_mock_fail(call, WIRE_STATUS_INVALID_ARGUMENT, "bad ExecutePlanRequest");
        if (r)
            spark__connect__execute_plan_request__free_unpacked(r, NULL);
        return;
    }
    if (r->plan->op_type_case != SPARK__CONNECT__PLAN__OP_TYPE_COMMAND) {
        spark__connect__execute_plan_request__free_unpacked(r, NULL);
        cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock: root relations are not executed");
        return;
    }
    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    resp.session_id = r->session_id;
    resp.server_side_session_id = CL_MOCK_SSID;
    resp.operation_id = r->_operation_id_case ? r->operation_id : "";
    Spark__Connect__Command *cmd = r->plan->command;
    if (cmd->command_type_case == SPARK__CONNECT__COMMAND__COMMAND_TYPE_SQL_COMMAND &&
        cmd->sql_command->input) {
        Spark__Connect__ExecutePlanResponse__SqlCommandResult res =
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__SQL_COMMAND_RESULT__INIT;
        res.relation = cmd->sql_command->input;
        resp.response_id = "00000000-0000-4000-8000-000000000001";
        resp.response_type_case =
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_SQL_COMMAND_RESULT;
        resp.sql_command_result = &res;
        cl_mock_send(call, &resp);
    }
    Spark__Connect__ExecutePlanResponse__ResultComplete done =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESULT_COMPLETE__INIT;
    resp.response_id = "00000000-0000-4000-8000-000000000002";
    resp.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE;
    resp.result_complete = &done;
    cl_mock_send(call, &resp);
    wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
    spark__connect__execute_plan_request__free_unpacked(r, NULL);
}

/* Every unary answer that only needs {session_id 1, server_side_session_id N}. */
static void cl_mock_simple_ok(wire_call *call, const char *method, const uint8_t *req, size_t len)
{
    if (strcmp(method, "ReleaseExecute") == 0) {
        Spark__Connect__ReleaseExecuteRequest *r =
            spark__connect__release_execute_request__unpack(NULL, len, req);
        Spark__Connect__ReleaseExecuteResponse resp =
            SPARK__CONNECT__RELEASE_EXECUTE_RESPONSE__INIT;
        resp.session_id = r ? r->session_id : "";
        resp.server_side_session_id = CL_MOCK_SSID;
        cl_mock_reply(call, &resp);
        if (r)
            spark__connect__release_execute_request__free_unpacked(r, NULL);
    } else if (strcmp(method, "ReleaseSession") == 0) {
        Spark__Connect__ReleaseSessionRequest *r =
            spark__connect__release_session_request__unpack(NULL, len, req);
        Spark__Connect__ReleaseSessionResponse resp =
            SPARK__CONNECT__RELEASE_SESSION_RESPONSE__INIT;
        resp.session_id = r ? r->session_id : "";
        resp.server_side_session_id = CL_MOCK_SSID;
        cl_mock_reply(call, &resp);
        if (r)
            spark__connect__release_session_request__free_unpacked(r, NULL);
    } else if (strcmp(method, "Interrupt") == 0) {
        Spark__Connect__InterruptRequest *r =
            spark__connect__interrupt_request__unpack(NULL, len, req);
        Spark__Connect__InterruptResponse resp = SPARK__CONNECT__INTERRUPT_RESPONSE__INIT;
        resp.session_id = r ? r->session_id : "";
        resp.server_side_session_id = CL_MOCK_SSID;
        cl_mock_reply(call, &resp);
        if (r)
            spark__connect__interrupt_request__free_unpacked(r, NULL);
    } else {
        cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock: method not answered");
    }
}

static void cl_mock_handler(wire_call *call, void *ctx)
{
    cl_mock *m = ctx;
    const char *path = wire_call_method(call);
    const char *method = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const uint8_t *req = NULL;
    size_t len = 0;
    if (wire_call_request(call, &req, &len) != 0) {
        cl_mock_fail(call, WIRE_STATUS_UNIMPLEMENTED, "mock: streaming requests not supported");
        return;
    }
    cl_mock_record(m, call, method, req, len);
    pthread_mutex_lock(&m->mu);
    cl_mock_hook hook = m->hook;
    void *hctx = m->hook_ctx;
    pthread_mutex_unlock(&m->mu);
    if (hook && hook(m, call, method, req, len, hctx))
        return;
    if (strcmp(method, "Config") == 0)
        cl_mock_config(m, call, req, len);
    else if (strcmp(method, "AnalyzePlan") == 0)
        cl_mock_analyze(call, req, len);
    else if (strcmp(method, "ExecutePlan") == 0)
        cl_mock_execute(call, req, len);
    else
        cl_mock_simple_ok(call, method, req, len);
}

/* ----------------------------------------------------------------------------- lifecycle ---- */

cl_mock *cl_mock_start(void)
{
    cl_mock *m = em_calloc(1, sizeof *m);
    pthread_mutex_init(&m->mu, NULL);
    wire_server_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.port = 0;
    m->srv = wire_server_new(&cfg, NULL);
    for (size_t idx = 0; idx < sizeof cl_mock_methods / sizeof cl_mock_methods[0]; idx++) {
        char path[128];
        snprintf(path, sizeof path, "/spark.connect.SparkConnectService/%s", cl_mock_methods[idx]);
        bool stream = strcmp(cl_mock_methods[idx], "ExecutePlan") == 0 ||
                      strcmp(cl_mock_methods[idx], "ReattachExecute") == 0;
        bool cstream = strcmp(cl_mock_methods[idx], "AddArtifacts") == 0;
        wire_server_register(m->srv, path,
                             stream    ? WIRE_SERVER_STREAM
                             : cstream ? WIRE_CLIENT_STREAM
                                       : WIRE_UNARY,
                             cl_mock_handler, m);
    }
    if (wire_server_start(m->srv, &m->port, NULL) != 0) {
        wire_server_free(m->srv);
        em_free(m);
        return NULL;
    }
    return m;
}

void cl_mock_stop(cl_mock *m)
{
    if (!m)
        return;
    wire_server_free(m->srv);
    cl_mock_clear(m);
    em_free(m->reqs);
    for (int idx = 0; idx < m->n_conf; idx++) {
        em_free(m->conf_keys[idx]);
        em_free(m->conf_vals[idx]);
    }
    pthread_mutex_destroy(&m->mu);
    em_free(m);
}

int cl_mock_port(cl_mock *m)
{
    return m->port;
}

const char *cl_mock_url(cl_mock *m, const char *extra)
{
    snprintf(m->url, sizeof m->url, "sc://127.0.0.1:%d%s", m->port, extra ? extra : "");
    return m->url;
}

void cl_mock_set_hook(cl_mock *m, cl_mock_hook hook, void *ctx)
{
    pthread_mutex_lock(&m->mu);
    m->hook = hook;
    m->hook_ctx = ctx;
    pthread_mutex_unlock(&m->mu);
}

void cl_mock_set_tag(cl_mock *m, int tag)
{
    pthread_mutex_lock(&m->mu);
    m->tag = tag;
    pthread_mutex_unlock(&m->mu);
}

void cl_mock_clear(cl_mock *m)
{
    pthread_mutex_lock(&m->mu);
    for (int idx = 0; idx < m->n_reqs; idx++)
        em_free(m->reqs[idx].data);
    m->n_reqs = 0;
    pthread_mutex_unlock(&m->mu);
}

int cl_mock_count(cl_mock *m)
{
    pthread_mutex_lock(&m->mu);
    int n = m->n_reqs;
    pthread_mutex_unlock(&m->mu);
    return n;
}

int cl_mock_count_method(cl_mock *m, const char *method)
{
    int n = 0;
    pthread_mutex_lock(&m->mu);
    for (int idx = 0; idx < m->n_reqs; idx++)
        if (strcmp(m->reqs[idx].method, method) == 0)
            n++;
    pthread_mutex_unlock(&m->mu);
    return n;
}

cl_mock_req cl_mock_get(cl_mock *m, int idx)
{
    pthread_mutex_lock(&m->mu);
    cl_mock_req r = m->reqs[idx];
    pthread_mutex_unlock(&m->mu);
    return r;
}

int cl_mock_wait_method(cl_mock *m, const char *method, int n, int ms)
{
    for (int waited = 0;; waited += 10) {
        int got = cl_mock_count_method(m, method);
        if (got >= n || waited >= ms)
            return got;
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
}
