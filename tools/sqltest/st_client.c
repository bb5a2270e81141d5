/*
 * st_client: ember-sqltest's side of the Spark Connect protocol, over wire/ and protobuf-c.
 *
 * A statement runs the way PySpark 4 runs spark.sql(q).collect() (see
 * shared/docs/spark-connect-protocol.md §4): ExecutePlan with
 * plan.command.sql_command{input = Relation{sql{query}}}; the answer's
 * sql_command_result.relation is then sent back verbatim as the root of a second ExecutePlan,
 * whose stream carries the schema (DataType) and the rows (Arrow IPC streams, decoded with
 * arrow/ipc.h). A failed call is read from the grpc-status-details-bin trailer
 * (google.rpc.Status -> ErrorInfo: reason = JVM class, metadata errorClass, sqlState,
 * messageParameters, errorId); when the parameters were left out (Spark drops them past its
 * metadata limit) FetchErrorDetails supplies them.
 *
 * Every session conf goes through Config.set. Each call is bounded by the client's timeout:
 * unary calls by their gRPC deadline, streams by a watchdog thread that cancels the stream at
 * the deadline (ExecutePlan has no deadline in Spark clients; ours is a test bound).
 *
 * Server answers are hostile: protobuf-c checks the encoding, Arrow decoding checks every
 * buffer, and a type we cannot represent makes the query fail, never the runner.
 */
#include "st_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arrow/ipc.h"
#include "common/em_mem.h"
#include "common/em_uuid.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"
#include "spark/connect/base.pb-c.h"
#include "wire/wire.h"

#define ST_CLIENT_TYPE "ember-sqltest spark/4.0.0 os/linux"
#define ST_SVC         "/spark.connect.SparkConnectService/"

static void *st_pb_alloc(void *data, size_t size)
{
    (void)data;
    return em_malloc(size ? size : 1);
}

static void st_pb_free(void *data, void *ptr)
{
    (void)data;
    em_free(ptr);
}

static ProtobufCAllocator st_pb_allocator = {st_pb_alloc, st_pb_free, NULL};

static uint8_t *st_pack(const ProtobufCMessage *m, size_t *len)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = em_malloc(n ? n : 1);
    *len = protobuf_c_message_pack(m, buf);
    return buf;
}

static int64_t st_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------------------------------- */
/* watchdog: cancels the armed stream once its deadline passes */

typedef struct st_watchdog {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    wire_stream *stream;
    int64_t deadline_ms;
    bool fired;
    bool stop;
} st_watchdog;

static void *st_watchdog_main(void *arg)
{
    st_watchdog *w = arg;
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        if (!w->stream) {
            pthread_cond_wait(&w->cv, &w->mu);
            continue;
        }
        int64_t now = st_now_ms();
        if (now >= w->deadline_ms) {
            wire_stream_cancel(w->stream);
            w->fired = true;
            w->stream = NULL;
            continue;
        }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        int64_t wait = w->deadline_ms - now;
        ts.tv_sec += wait / 1000;
        ts.tv_nsec += (long)(wait % 1000) * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->cv, &w->mu, &ts);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static st_watchdog *st_watchdog_new(void)
{
    st_watchdog *w = em_calloc(1, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&w->thread, NULL, st_watchdog_main, w) != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        em_free(w);
        return NULL;
    }
    return w;
}

static void st_watchdog_free(st_watchdog *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    em_free(w);
}

static void st_watchdog_arm(st_watchdog *w, wire_stream *s, int timeout_ms)
{
    if (!w || timeout_ms <= 0)
        return;
    pthread_mutex_lock(&w->mu);
    w->stream = s;
    w->deadline_ms = st_now_ms() + timeout_ms;
    w->fired = false;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* Disarms; true if the deadline fired for this stream. */
static bool st_watchdog_disarm(st_watchdog *w)
{
    if (!w)
        return false;
    pthread_mutex_lock(&w->mu);
    bool fired = w->fired;
    w->stream = NULL;
    w->fired = false;
    pthread_mutex_unlock(&w->mu);
    return fired;
}

/* ---------------------------------------------------------------------------------------- */
/* client and session */

int st_client_open(st_client *c, const char *target, int timeout_ms, char *errbuf, size_t errsize)
{
    memset(c, 0, sizeof *c);
    em_error err;
    em_error_clear(&err);
    c->channel = wire_channel_new(target, NULL, &err);
    if (!c->channel) {
        snprintf(errbuf, errsize, "cannot open a channel to %s: %s", target, err.message);
        return -1;
    }
    snprintf(c->user_id, sizeof c->user_id, "ember-sqltest");
    c->timeout_ms = timeout_ms;
    c->watchdog = st_watchdog_new();
    return 0;
}

void st_client_close(st_client *c)
{
    st_watchdog_free(c->watchdog);
    wire_channel_free(c->channel);
    memset(c, 0, sizeof *c);
}

void st_session_init(st_session *s, st_client *c)
{
    memset(s, 0, sizeof *s);
    s->client = c;
    em_uuid_v4(s->session_id);
}

void st_outcome_release(st_outcome *o)
{
    for (int idx = 0; idx < o->n_batches; idx++)
        vec_batch_free(o->batches[idx]);
    em_free(o->batches);
    memset(o, 0, sizeof *o);
}

/* ---------------------------------------------------------------------------------------- */
/* errors */

/* Fills the error fields of out from a failed call's status. */
static void st_read_status(st_session *s, const wire_status *st, em_arena *a, st_outcome *out);

static const char *st_params_json(Spark__Connect__FetchErrorDetailsResponse__SparkThrowable *t,
                                  em_arena *a)
{
    em_str js;
    em_str_init(&js, 0);
    em_str_putc(&js, '{');
    for (size_t idx = 0; idx < t->n_message_parameters; idx++) {
        if (idx)
            em_str_putc(&js, ',');
        const char *k = t->message_parameters[idx]->key ? t->message_parameters[idx]->key : "";
        const char *v = t->message_parameters[idx]->value ? t->message_parameters[idx]->value : "";
        em_str_json_string(&js, k, strlen(k));
        em_str_putc(&js, ':');
        em_str_json_string(&js, v, strlen(v));
    }
    em_str_putc(&js, '}');
    const char *r = em_arena_strndup(a, js.data, js.len);
    em_str_release(&js);
    return r;
}

/* FetchErrorDetails for error_id; fills what the ErrorInfo lacked. */
static void st_fetch_details(st_session *s, const char *error_id, em_arena *a, st_outcome *out)
{
    Spark__Connect__UserContext uc = SPARK__CONNECT__USER_CONTEXT__INIT;
    uc.user_id = s->client->user_id;
    Spark__Connect__FetchErrorDetailsRequest req =
        SPARK__CONNECT__FETCH_ERROR_DETAILS_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = &uc;
    req.error_id = (char *)error_id;
    req._client_type_case = SPARK__CONNECT__FETCH_ERROR_DETAILS_REQUEST___CLIENT_TYPE_CLIENT_TYPE;
    req.client_type = ST_CLIENT_TYPE;
    size_t len;
    uint8_t *buf = st_pack(&req.base, &len);
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    int rc = wire_unary(s->client->channel, ST_SVC "FetchErrorDetails", buf, len, NULL, 0,
                        s->client->timeout_ms, &resp, &resp_len, &st);
    em_free(buf);
    if (rc == 0 && st.code == 0 && resp) {
        Spark__Connect__FetchErrorDetailsResponse *r =
            spark__connect__fetch_error_details_response__unpack(&st_pb_allocator, resp_len, resp);
        if (r &&
            r->_root_error_idx_case ==
                SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE___ROOT_ERROR_IDX_ROOT_ERROR_IDX &&
            r->root_error_idx >= 0 && (size_t)r->root_error_idx < r->n_errors) {
            Spark__Connect__FetchErrorDetailsResponse__Error *e = r->errors[r->root_error_idx];
            if (e->message && e->message[0])
                out->message = em_arena_strdup(a, e->message);
            if (!out->jvm_class && e->n_error_type_hierarchy > 0)
                out->jvm_class = em_arena_strdup(a, e->error_type_hierarchy[0]);
            if (e->_spark_throwable_case ==
                SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__ERROR___SPARK_THROWABLE_SPARK_THROWABLE) {
                Spark__Connect__FetchErrorDetailsResponse__SparkThrowable *t = e->spark_throwable;
                if (!out->error_class && t->_error_class_case)
                    out->error_class = em_arena_strdup(a, t->error_class);
                if (!out->sql_state && t->_sql_state_case)
                    out->sql_state = em_arena_strdup(a, t->sql_state);
                if (!out->params_json)
                    out->params_json = st_params_json(t, a);
            }
        }
        if (r)
            spark__connect__fetch_error_details_response__free_unpacked(r, &st_pb_allocator);
    }
    em_free(resp);
    wire_status_release(&st);
}

static void st_read_status(st_session *s, const wire_status *st, em_arena *a, st_outcome *out)
{
    out->ok = false;
    out->grpc_code = st->code;
    out->message = em_arena_strdup(a, st->message ? st->message : "");
    const char *error_id = NULL;
    if (st->details && st->details_len) {
        Google__Rpc__Status *rs =
            google__rpc__status__unpack(&st_pb_allocator, st->details_len, st->details);
        for (size_t d = 0; rs && d < rs->n_details; d++) {
            Google__Protobuf__Any *any = rs->details[d];
            const char *url = any->type_url ? any->type_url : "";
            static const char want[] = "google.rpc.ErrorInfo";
            size_t ul = strlen(url), wl = sizeof want - 1;
            if (ul < wl || strcmp(url + ul - wl, want) != 0)
                continue;
            Google__Rpc__ErrorInfo *ei =
                google__rpc__error_info__unpack(&st_pb_allocator, any->value.len, any->value.data);
            if (!ei)
                continue;
            if (ei->reason && ei->reason[0])
                out->jvm_class = em_arena_strdup(a, ei->reason);
            for (size_t m = 0; m < ei->n_metadata; m++) {
                const char *k = ei->metadata[m]->key, *v = ei->metadata[m]->value;
                if (!k || !v)
                    continue;
                if (strcmp(k, "errorClass") == 0)
                    out->error_class = em_arena_strdup(a, v);
                else if (strcmp(k, "sqlState") == 0)
                    out->sql_state = em_arena_strdup(a, v);
                else if (strcmp(k, "messageParameters") == 0)
                    out->params_json = em_arena_strdup(a, v);
                else if (strcmp(k, "errorId") == 0)
                    error_id = em_arena_strdup(a, v);
                else if (strcmp(k, "classes") == 0 && !out->jvm_class) {
                    const st_json *arr;
                    if (st_json_parse(v, strlen(v), a, &arr) == 0 && arr->kind == ST_JSON_ARRAY &&
                        arr->n_items > 0 && st_json_str(arr->items[0]))
                        out->jvm_class = st_json_str(arr->items[0]);
                }
            }
            google__rpc__error_info__free_unpacked(ei, &st_pb_allocator);
            break;
        }
        if (rs)
            google__rpc__status__free_unpacked(rs, &st_pb_allocator);
    }
    if (error_id && (!out->error_class || !out->params_json))
        st_fetch_details(s, error_id, a, out);
    if (!out->error_class && !out->jvm_class)
        out->error_class = em_arena_printf(a, "grpc %s", wire_status_code_name(st->code));
}

/* ---------------------------------------------------------------------------------------- */
/* Config */

static void st_fill_config(st_session *s, Spark__Connect__ConfigRequest *req,
                           Spark__Connect__UserContext *uc)
{
    uc->user_id = s->client->user_id;
    req->session_id = s->session_id;
    req->user_context = uc;
    req->_client_type_case = SPARK__CONNECT__CONFIG_REQUEST___CLIENT_TYPE_CLIENT_TYPE;
    req->client_type = ST_CLIENT_TYPE;
}

/* Sends a Config request; *resp_out (nullable) receives the unpacked answer. Returns the gRPC
 * code (or -1 for a local failure); msg receives the status message. */
static int st_config_call(st_session *s, Spark__Connect__ConfigRequest *req,
                          Spark__Connect__ConfigResponse **resp_out, char *msg, size_t msgsize)
{
    size_t len;
    uint8_t *buf = st_pack(&req->base, &len);
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    int rc = wire_unary(s->client->channel, ST_SVC "Config", buf, len, NULL, 0,
                        s->client->timeout_ms, &resp, &resp_len, &st);
    em_free(buf);
    int code = rc == 0 ? st.code : -1;
    if (msg && msgsize)
        snprintf(msg, msgsize, "%s", st.message ? st.message : "local failure");
    if (resp_out) {
        *resp_out = NULL;
        if (code == 0 && resp)
            *resp_out = spark__connect__config_response__unpack(&st_pb_allocator, resp_len, resp);
    }
    em_free(resp);
    wire_status_release(&st);
    return code;
}

int st_session_set_confs(st_session *s, const st_conf *confs, int n, char *errbuf, size_t errsize)
{
    int refused = 0;
    for (int idx = 0; idx < n; idx++) {
        Spark__Connect__UserContext uc = SPARK__CONNECT__USER_CONTEXT__INIT;
        Spark__Connect__ConfigRequest req = SPARK__CONNECT__CONFIG_REQUEST__INIT;
        Spark__Connect__ConfigRequest__Operation op =
            SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
        Spark__Connect__ConfigRequest__Set set = SPARK__CONNECT__CONFIG_REQUEST__SET__INIT;
        Spark__Connect__KeyValue kv = SPARK__CONNECT__KEY_VALUE__INIT;
        Spark__Connect__KeyValue *pairs[1] = {&kv};
        st_fill_config(s, &req, &uc);
        kv.key = (char *)confs[idx].key;
        kv._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
        kv.value = (char *)confs[idx].value;
        set.n_pairs = 1;
        set.pairs = pairs;
        op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET;
        op.set = &set;
        req.operation = &op;
        char msg[512];
        if (st_config_call(s, &req, NULL, msg, sizeof msg) != 0) {
            if (refused == 0 && errbuf && errsize)
                snprintf(errbuf, errsize, "%s=%s: %s", confs[idx].key, confs[idx].value, msg);
            refused++;
        }
    }
    return refused;
}

int st_session_get_conf(st_session *s, const char *key, char **value)
{
    *value = NULL;
    Spark__Connect__UserContext uc = SPARK__CONNECT__USER_CONTEXT__INIT;
    Spark__Connect__ConfigRequest req = SPARK__CONNECT__CONFIG_REQUEST__INIT;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    Spark__Connect__ConfigRequest__GetOption get = SPARK__CONNECT__CONFIG_REQUEST__GET_OPTION__INIT;
    char *keys[1] = {(char *)key};
    st_fill_config(s, &req, &uc);
    get.n_keys = 1;
    get.keys = keys;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_OPTION;
    op.get_option = &get;
    req.operation = &op;
    Spark__Connect__ConfigResponse *resp = NULL;
    if (st_config_call(s, &req, &resp, NULL, 0) != 0 || !resp) {
        if (resp)
            spark__connect__config_response__free_unpacked(resp, &st_pb_allocator);
        return -1;
    }
    if (resp->n_pairs > 0 && resp->pairs[0]->_value_case == SPARK__CONNECT__KEY_VALUE___VALUE_VALUE)
        *value = em_strdup(resp->pairs[0]->value);
    spark__connect__config_response__free_unpacked(resp, &st_pb_allocator);
    return 0;
}

void st_session_release(st_session *s)
{
    Spark__Connect__UserContext uc = SPARK__CONNECT__USER_CONTEXT__INIT;
    uc.user_id = s->client->user_id;
    Spark__Connect__ReleaseSessionRequest req = SPARK__CONNECT__RELEASE_SESSION_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = &uc;
    req._client_type_case = SPARK__CONNECT__RELEASE_SESSION_REQUEST___CLIENT_TYPE_CLIENT_TYPE;
    req.client_type = ST_CLIENT_TYPE;
    size_t len;
    uint8_t *buf = st_pack(&req.base, &len);
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    wire_unary(s->client->channel, ST_SVC "ReleaseSession", buf, len, NULL, 0,
               s->client->timeout_ms, &resp, &resp_len, &st);
    em_free(buf);
    em_free(resp);
    wire_status_release(&st);
}

/* ---------------------------------------------------------------------------------------- */
/* data types */

static int st_field_or(int has, int value, int dflt)
{
    return has ? value : dflt;
}

void st_datatype_string(const Spark__Connect__DataType *dt, em_str *out)
{
    if (!dt) {
        em_str_puts(out, "unknown");
        return;
    }
    static const char *dt_names[] = {"day", "hour", "minute", "second"};
    switch (dt->kind_case) {
    case SPARK__CONNECT__DATA_TYPE__KIND_NULL:
        em_str_puts(out, "void");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_BINARY:
        em_str_puts(out, "binary");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN:
        em_str_puts(out, "boolean");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_BYTE:
        em_str_puts(out, "tinyint");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_SHORT:
        em_str_puts(out, "smallint");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_INTEGER:
        em_str_puts(out, "int");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_LONG:
        em_str_puts(out, "bigint");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_FLOAT:
        em_str_puts(out, "float");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE:
        em_str_puts(out, "double");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL:
        em_str_printf(out, "decimal(%d,%d)",
                      st_field_or(dt->decimal->_precision_case, dt->decimal->precision, 10),
                      st_field_or(dt->decimal->_scale_case, dt->decimal->scale, 0));
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_STRING: {
        const char *c = dt->string->collation;
        if (c && c[0] && strcmp(c, "UTF8_BINARY") != 0)
            em_str_printf(out, "string collate %s", c);
        else
            em_str_puts(out, "string");
        return;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_CHAR:
        em_str_printf(out, "char(%d)", dt->char_->length);
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_VAR_CHAR:
        em_str_printf(out, "varchar(%d)", dt->var_char->length);
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_DATE:
        em_str_puts(out, "date");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP:
        em_str_puts(out, "timestamp");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP_NTZ:
        em_str_puts(out, "timestamp_ntz");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_CALENDAR_INTERVAL:
        em_str_puts(out, "interval");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_YEAR_MONTH_INTERVAL: {
        int st = st_field_or(dt->year_month_interval->_start_field_case,
                             dt->year_month_interval->start_field, 0);
        int en = st_field_or(dt->year_month_interval->_end_field_case,
                             dt->year_month_interval->end_field, 1);
        if (st == en)
            em_str_printf(out, "interval %s", st == 0 ? "year" : "month");
        else
            em_str_puts(out, "interval year to month");
        return;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL: {
        int st = st_field_or(dt->day_time_interval->_start_field_case,
                             dt->day_time_interval->start_field, 0);
        int en = st_field_or(dt->day_time_interval->_end_field_case,
                             dt->day_time_interval->end_field, 3);
        if (st < 0 || st > 3 || en < 0 || en > 3)
            em_str_puts(out, "interval ?");
        else if (st == en)
            em_str_printf(out, "interval %s", dt_names[st]);
        else
            em_str_printf(out, "interval %s to %s", dt_names[st], dt_names[en]);
        return;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_ARRAY:
        em_str_puts(out, "array<");
        st_datatype_string(dt->array->element_type, out);
        em_str_putc(out, '>');
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_MAP:
        em_str_puts(out, "map<");
        st_datatype_string(dt->map->key_type, out);
        em_str_putc(out, ',');
        st_datatype_string(dt->map->value_type, out);
        em_str_putc(out, '>');
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_STRUCT:
        em_str_puts(out, "struct<");
        for (size_t f = 0; f < dt->struct_->n_fields; f++) {
            if (f)
                em_str_putc(out, ',');
            em_str_puts(out, dt->struct_->fields[f]->name ? dt->struct_->fields[f]->name : "");
            em_str_putc(out, ':');
            st_datatype_string(dt->struct_->fields[f]->data_type, out);
        }
        em_str_putc(out, '>');
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_VARIANT:
        em_str_puts(out, "variant");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIME:
        em_str_printf(out, "time(%d)",
                      st_field_or(dt->time->_precision_case, dt->time->precision, 6));
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_UDT:
        if (dt->udt->_sql_type_case)
            st_datatype_string(dt->udt->sql_type, out);
        else
            em_str_puts(out, "udt");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_UNPARSED:
        em_str_puts(out, dt->unparsed->data_type_string ? dt->unparsed->data_type_string : "");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_GEOMETRY:
        em_str_puts(out, "geometry");
        return;
    case SPARK__CONNECT__DATA_TYPE__KIND_GEOGRAPHY:
        em_str_puts(out, "geography");
        return;
    default:
        em_str_puts(out, "unknown");
        return;
    }
}

static const ty *st_proto_to_ty(const Spark__Connect__DataType *dt, em_arena *a, int depth);

const ty *st_datatype_to_ty(const Spark__Connect__DataType *dt, em_arena *a)
{
    return st_proto_to_ty(dt, a, 0);
}

static const ty *st_proto_to_ty(const Spark__Connect__DataType *dt, em_arena *a, int depth)
{
    if (!dt || depth > 64)
        return NULL;
    switch (dt->kind_case) {
    case SPARK__CONNECT__DATA_TYPE__KIND_NULL:
        return ty_null();
    case SPARK__CONNECT__DATA_TYPE__KIND_BINARY:
        return ty_binary();
    case SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN:
        return ty_boolean();
    case SPARK__CONNECT__DATA_TYPE__KIND_BYTE:
        return ty_byte();
    case SPARK__CONNECT__DATA_TYPE__KIND_SHORT:
        return ty_short();
    case SPARK__CONNECT__DATA_TYPE__KIND_INTEGER:
        return ty_int();
    case SPARK__CONNECT__DATA_TYPE__KIND_LONG:
        return ty_long();
    case SPARK__CONNECT__DATA_TYPE__KIND_FLOAT:
        return ty_float();
    case SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE:
        return ty_double();
    case SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL: {
        int p = st_field_or(dt->decimal->_precision_case, dt->decimal->precision, 10);
        int s = st_field_or(dt->decimal->_scale_case, dt->decimal->scale, 0);
        if (p < 1 || p > 38 || s < 0 || s > p)
            return NULL;
        return ty_decimal(a, p, s);
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRING: {
        const char *c = dt->string->collation;
        if (c && c[0] && strcmp(c, "UTF8_BINARY") != 0)
            return ty_string_collated(a, c);
        return ty_string();
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_CHAR:
        return ty_char(a, TY_CHAR, dt->char_->length);
    case SPARK__CONNECT__DATA_TYPE__KIND_VAR_CHAR:
        return ty_char(a, TY_VARCHAR, dt->var_char->length);
    case SPARK__CONNECT__DATA_TYPE__KIND_DATE:
        return ty_date();
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP:
        return ty_timestamp();
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP_NTZ:
        return ty_timestamp_ntz();
    case SPARK__CONNECT__DATA_TYPE__KIND_CALENDAR_INTERVAL:
        return ty_calendar_interval_type();
    case SPARK__CONNECT__DATA_TYPE__KIND_YEAR_MONTH_INTERVAL:
        return ty_yearmonth_interval(a,
                                     st_field_or(dt->year_month_interval->_start_field_case,
                                                 dt->year_month_interval->start_field, 0),
                                     st_field_or(dt->year_month_interval->_end_field_case,
                                                 dt->year_month_interval->end_field, 1));
    case SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL:
        return ty_daytime_interval(a,
                                   st_field_or(dt->day_time_interval->_start_field_case,
                                               dt->day_time_interval->start_field, 0),
                                   st_field_or(dt->day_time_interval->_end_field_case,
                                               dt->day_time_interval->end_field, 3));
    case SPARK__CONNECT__DATA_TYPE__KIND_ARRAY: {
        const ty *e = st_proto_to_ty(dt->array->element_type, a, depth + 1);
        return e ? ty_array(a, e, dt->array->contains_null) : NULL;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_MAP: {
        const ty *k = st_proto_to_ty(dt->map->key_type, a, depth + 1);
        const ty *v = st_proto_to_ty(dt->map->value_type, a, depth + 1);
        return k && v ? ty_map(a, k, v, dt->map->value_contains_null) : NULL;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRUCT: {
        size_t n = dt->struct_->n_fields;
        ty_field *fields = em_arena_calloc(a, n + 1, sizeof *fields);
        for (size_t f = 0; f < n; f++) {
            const Spark__Connect__DataType__StructField *sf = dt->struct_->fields[f];
            fields[f].name = sf->name ? sf->name : "";
            fields[f].type = st_proto_to_ty(sf->data_type, a, depth + 1);
            fields[f].nullable = sf->nullable;
            if (!fields[f].type)
                return NULL;
        }
        return ty_struct(a, (int)n, fields);
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_VARIANT:
        return ty_variant();
    case SPARK__CONNECT__DATA_TYPE__KIND_UDT:
        return dt->udt->_sql_type_case ? st_proto_to_ty(dt->udt->sql_type, a, depth + 1) : NULL;
    default:
        return NULL;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* ExecutePlan */

typedef struct st_stream_result {
    Spark__Connect__ExecutePlanResponse *sql_result; /* kept: its relation is sent back */
    bool saw_schema;
} st_stream_result;

/* Runs one ExecutePlan of plan and reads its stream into out (schema, batches, error). */
static void st_execute(st_session *s, Spark__Connect__Plan *plan, em_arena *a, st_outcome *out,
                       st_stream_result *sr)
{
    char op_id[EM_UUID_STRLEN + 1];
    em_uuid_v4(op_id);
    Spark__Connect__UserContext uc = SPARK__CONNECT__USER_CONTEXT__INIT;
    uc.user_id = s->client->user_id;
    Spark__Connect__ExecutePlanRequest req = SPARK__CONNECT__EXECUTE_PLAN_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = &uc;
    req.plan = plan;
    req._operation_id_case = SPARK__CONNECT__EXECUTE_PLAN_REQUEST___OPERATION_ID_OPERATION_ID;
    req.operation_id = op_id;
    req._client_type_case = SPARK__CONNECT__EXECUTE_PLAN_REQUEST___CLIENT_TYPE_CLIENT_TYPE;
    req.client_type = ST_CLIENT_TYPE;
    size_t len;
    uint8_t *buf = st_pack(&req.base, &len);
    em_error err;
    em_error_clear(&err);
    wire_stream *stream =
        wire_stream_start(s->client->channel, ST_SVC "ExecutePlan", buf, len, NULL, 0, &err);
    em_free(buf);
    out->ok = true;
    if (!stream) {
        out->ok = false;
        out->grpc_code = WIRE_STATUS_INTERNAL;
        out->error_class = "sqltest: LOCAL_FAILURE";
        out->message = em_arena_strdup(a, err.message);
        return;
    }
    st_watchdog_arm(s->client->watchdog, stream, s->client->timeout_ms);
    int cap = 0;
    for (;;) {
        uint8_t *msg = NULL;
        size_t mlen = 0;
        int rc = wire_stream_next(stream, &msg, &mlen);
        if (rc <= 0)
            break;
        Spark__Connect__ExecutePlanResponse *r =
            spark__connect__execute_plan_response__unpack(&st_pb_allocator, mlen, msg);
        em_free(msg);
        if (!r) {
            out->ok = false;
            out->error_class = "sqltest: BAD_RESPONSE";
            out->message = "an ExecutePlanResponse did not decode";
            continue;
        }
        if (r->server_side_session_id && r->server_side_session_id[0])
            snprintf(s->server_side_id, sizeof s->server_side_id, "%s", r->server_side_session_id);
        if (r->schema && !sr->saw_schema) {
            sr->saw_schema = true;
            em_str ss;
            em_str_init(&ss, 0);
            st_datatype_string(r->schema, &ss);
            out->schema_string = em_arena_strndup(a, ss.data ? ss.data : "", ss.len);
            em_str_release(&ss);
            out->schema = st_proto_to_ty(r->schema, a, 0);
            if (out->schema && out->schema->kind != TY_STRUCT)
                out->schema = NULL;
        }
        bool keep = false;
        switch (r->response_type_case) {
        case SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH: {
            const ty *as = NULL;
            vec_batch **bs = NULL;
            int nb = 0;
            em_error derr;
            em_error_clear(&derr);
            if (ipc_decode_stream(r->arrow_batch->data.data, r->arrow_batch->data.len, a, &as, &bs,
                                  &nb, &derr) != 0) {
                out->ok = false;
                out->error_class = "sqltest: BAD_ARROW";
                out->message = em_arena_strdup(a, derr.message);
                break;
            }
            if (!out->schema_string && as) {
                em_str ss;
                em_str_init(&ss, 0);
                st_type_string(as, &ss);
                out->schema_string = em_arena_strndup(a, ss.data ? ss.data : "", ss.len);
                em_str_release(&ss);
                out->schema = as;
            }
            for (int b = 0; b < nb; b++) {
                if (out->n_batches == cap) {
                    cap = cap ? cap * 2 : 8;
                    out->batches = em_realloc(out->batches, (size_t)cap * sizeof *out->batches);
                }
                out->batches[out->n_batches++] = bs[b];
            }
            em_free(bs);
            break;
        }
        case SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_SQL_COMMAND_RESULT:
            if (!sr->sql_result && r->sql_command_result->relation) {
                sr->sql_result = r;
                keep = true;
            }
            break;
        default:
            break;
        }
        if (!keep)
            spark__connect__execute_plan_response__free_unpacked(r, &st_pb_allocator);
    }
    bool fired = st_watchdog_disarm(s->client->watchdog);
    const wire_status *st = wire_stream_status(stream);
    if (fired) {
        out->ok = false;
        out->timed_out = true;
        out->error_class = "sqltest: TIMEOUT";
        out->message = em_arena_printf(a, "no answer within %d ms", s->client->timeout_ms);
    } else if (st && st->code != WIRE_STATUS_OK) {
        st_read_status(s, st, a, out);
    } else if (!st) {
        out->ok = false;
        out->error_class = "sqltest: LOCAL_FAILURE";
        out->message = "the stream ended without a status";
    }
    wire_stream_free(stream);
}

void st_session_sql(st_session *s, const char *sql, em_arena *arena, st_outcome *out)
{
    memset(out, 0, sizeof *out);
    Spark__Connect__SQL q = SPARK__CONNECT__SQL__INIT;
    q.query = (char *)sql;
    Spark__Connect__Relation input = SPARK__CONNECT__RELATION__INIT;
    input.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
    input.sql = &q;
    Spark__Connect__SqlCommand sc = SPARK__CONNECT__SQL_COMMAND__INIT;
    sc.input = &input;
    Spark__Connect__Command cmd = SPARK__CONNECT__COMMAND__INIT;
    cmd.command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_SQL_COMMAND;
    cmd.sql_command = &sc;
    Spark__Connect__Plan plan = SPARK__CONNECT__PLAN__INIT;
    plan.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_COMMAND;
    plan.command = &cmd;

    st_stream_result first = {0};
    st_execute(s, &plan, arena, out, &first);
    if (!out->ok || !first.sql_result) {
        if (out->ok) {
            /* A command without a relation: nothing to fetch, no columns. */
            out->has_rows = true;
            if (!out->schema_string)
                out->schema_string = "struct<>";
        }
        if (first.sql_result)
            spark__connect__execute_plan_response__free_unpacked(first.sql_result,
                                                                 &st_pb_allocator);
        return;
    }
    /* Drop anything the command stream carried; the rows come from the relation. */
    for (int idx = 0; idx < out->n_batches; idx++)
        vec_batch_free(out->batches[idx]);
    em_free(out->batches);
    out->batches = NULL;
    out->n_batches = 0;
    out->schema = NULL;
    out->schema_string = NULL;

    Spark__Connect__Plan root = SPARK__CONNECT__PLAN__INIT;
    root.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_ROOT;
    root.root = first.sql_result->sql_command_result->relation;
    st_stream_result second = {0};
    st_execute(s, &root, arena, out, &second);
    spark__connect__execute_plan_response__free_unpacked(first.sql_result, &st_pb_allocator);
    if (second.sql_result)
        spark__connect__execute_plan_response__free_unpacked(second.sql_result, &st_pb_allocator);
    if (out->ok) {
        out->has_rows = true;
        if (!out->schema_string)
            out->schema_string = "struct<>";
    }
}
