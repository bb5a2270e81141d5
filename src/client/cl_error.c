/*
 * cl_error.c: turning a failed gRPC call into an ember_error the way PySpark turns it into an
 * exception (pyspark/errors/exceptions/connect.py, client/core.py _handle_rpc_error):
 *
 *   1. the status code and message; no grpc-status-details-bin trailer, or no ErrorInfo in it
 *      -> EMBER_ETRANSPORT, exception "SparkConnectGrpcException";
 *   2. google.rpc.ErrorInfo metadata: classes (JSON array, most specific first), sqlState,
 *      errorClass, messageParameters (JSON object of strings), errorId;
 *   3. with an errorId, FetchErrorDetails: when it has root_error_idx, that error's message
 *      replaces the status message and its SparkThrowable supplies the parameters and the
 *      query context;
 *   4. the exception name: PythonException when its class is listed, else the first entry of
 *      `classes` that PySpark maps, else UnknownException.
 * errorClass INVALID_HANDLE.SESSION_CHANGED closes the session, as PySpark does.
 *
 * Filling an ember_error never allocates; the protobuf messages decoded here are freed before
 * returning.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

void cl_strlcpy(char *dst, const char *src, size_t size)
{
    if (!size)
        return;
    if (!src)
        src = "";
    size_t len = strlen(src);
    if (len >= size)
        len = size - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

void ember_error_clear(ember_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->ctx_type = -1;
}

const char *ember_error_param_get(const ember_error *err, const char *name)
{
    if (!err || !name)
        return NULL;
    for (int idx = 0; idx < err->n_params; idx++)
        if (strcmp(err->params[idx].name, name) == 0)
            return err->params[idx].value;
    return NULL;
}

const char *ember_status_name(int status)
{
    switch (status) {
    case EMBER_OK:
        return "OK";
    case EMBER_EINVAL:
        return "EINVAL";
    case EMBER_ESERVER:
        return "ESERVER";
    case EMBER_ETRANSPORT:
        return "ETRANSPORT";
    case EMBER_ECANCELED:
        return "ECANCELED";
    case EMBER_EPROTOCOL:
        return "EPROTOCOL";
    case EMBER_ECLOSED:
        return "ECLOSED";
    default:
        return "UNKNOWN";
    }
}

void ember_free(void *p)
{
    em_free(p);
}

void ember_free_strings(char **strs, size_t n)
{
    if (!strs)
        return;
    for (size_t idx = 0; idx < n; idx++)
        em_free(strs[idx]);
    em_free(strs);
}

int cl_error_set(ember_error *err, int status, const char *error_class, const char *fmt, ...)
{
    if (!err)
        return status;
    ember_error_clear(err);
    err->status = status;
    cl_strlcpy(err->error_class, error_class, sizeof err->error_class);
    if (status == EMBER_EINVAL)
        cl_strlcpy(err->exception, "PySparkValueError", sizeof err->exception);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

void cl_error_param(ember_error *err, const char *name, const char *value)
{
    if (!err || err->n_params >= EMBER_ERROR_PARAMS_MAX)
        return;
    ember_error_param *p = &err->params[err->n_params++];
    cl_strlcpy(p->name, name, sizeof p->name);
    cl_strlcpy(p->value, value, sizeof p->value);
}

void cl_error_copy(ember_error *dst, const ember_error *src)
{
    if (dst && src && dst != src)
        memcpy(dst, src, sizeof *dst);
}

/* PySpark's EXCEPTION_CLASS_MAPPING (errors/exceptions/connect.py). */
static const char *const cl_error_map[][2] = {
    {"org.apache.spark.sql.catalyst.parser.ParseException", "ParseException"},
    {"org.apache.spark.sql.AnalysisException", "AnalysisException"},
    {"org.apache.spark.sql.streaming.StreamingQueryException", "StreamingQueryException"},
    {"org.apache.spark.sql.execution.QueryExecutionException", "QueryExecutionException"},
    {"java.lang.NumberFormatException", "NumberFormatException"},
    {"java.lang.IllegalArgumentException", "IllegalArgumentException"},
    {"java.lang.ArithmeticException", "ArithmeticException"},
    {"java.lang.UnsupportedOperationException", "UnsupportedOperationException"},
    {"java.lang.ArrayIndexOutOfBoundsException", "ArrayIndexOutOfBoundsException"},
    {"java.time.DateTimeException", "DateTimeException"},
    {"org.apache.spark.SparkRuntimeException", "SparkRuntimeException"},
    {"org.apache.spark.SparkUpgradeException", "SparkUpgradeException"},
    {"org.apache.spark.api.python.PythonException", "PythonException"},
    {"org.apache.spark.SparkNoSuchElementException", "SparkNoSuchElementException"},
    {"org.apache.spark.SparkException", "SparkException"},
    {"org.apache.spark.sql.connect.common.InvalidPlanInput", "InvalidPlanInput"},
    {"org.apache.spark.api.python.StreamingPythonRunner$"
     "StreamingPythonRunnerInitializationException",
     "StreamingPythonRunnerInitializationException"},
};

const char *cl_error_python_exception(const char *const *classes, size_t n)
{
    for (size_t idx = 0; idx < n; idx++)
        if (strcmp(classes[idx], "org.apache.spark.api.python.PythonException") == 0)
            return "PythonException";
    for (size_t idx = 0; idx < n; idx++)
        for (size_t m = 0; m < sizeof cl_error_map / sizeof cl_error_map[0]; m++)
            if (strcmp(classes[idx], cl_error_map[m][0]) == 0)
                return cl_error_map[m][1];
    return "UnknownException";
}

/* --- a minimal JSON reader for the two shapes ErrorInfo uses ------------------------------- */

typedef struct cl_json {
    const char *p, *end;
} cl_json;

static void cl_json_ws(cl_json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
        j->p++;
}

/* Appends the UTF-8 of code point cp to out (bounded). */
static void cl_json_utf8(char *out, size_t *w, size_t size, unsigned cp)
{
    char buf[4];
    size_t n;
    if (cp < 0x80) {
        buf[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = (char)(0xF0 | (cp >> 18));
        buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    for (size_t idx = 0; idx < n && *w + 1 < size; idx++)
        out[(*w)++] = buf[idx];
}

static int cl_json_hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int idx = 0; idx < 4; idx++) {
        char c = p[idx];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Reads a JSON string into out (truncated to size). Returns 0 or -1. */
static int cl_json_string(cl_json *j, char *out, size_t size)
{
    size_t w = 0;
    cl_json_ws(j);
    if (j->p >= j->end || *j->p != '"')
        return -1;
    j->p++;
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if (c == '\\') {
            if (j->p >= j->end)
                return -1;
            char e = *j->p++;
            unsigned cp;
            switch (e) {
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'r':
                c = '\r';
                break;
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case 'u':
                if (j->end - j->p < 4 || cl_json_hex4(j->p, &cp) != 0)
                    return -1;
                j->p += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
                    j->p[1] == 'u') {
                    unsigned lo;
                    if (cl_json_hex4(j->p + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        j->p += 6;
                    }
                }
                if (out)
                    cl_json_utf8(out, &w, size, cp);
                continue;
            default:
                c = e;
            }
        }
        if (out && w + 1 < size)
            out[w++] = c;
    }
    if (j->p >= j->end)
        return -1;
    j->p++;
    if (out && size)
        out[w] = '\0';
    return 0;
}

/* Parses a JSON array of strings; calls fn for each. Returns the count or -1. */
static int cl_json_string_array(const char *text, char (*out)[160], int max)
{
    cl_json j = {text, text + strlen(text)};
    int n = 0;
    cl_json_ws(&j);
    if (j.p >= j.end || *j.p != '[')
        return -1;
    j.p++;
    cl_json_ws(&j);
    if (j.p < j.end && *j.p == ']')
        return 0;
    for (;;) {
        char tmp[160];
        if (cl_json_string(&j, n < max ? out[n] : tmp, 160) != 0)
            return -1;
        n++;
        cl_json_ws(&j);
        if (j.p < j.end && *j.p == ',') {
            j.p++;
            continue;
        }
        if (j.p < j.end && *j.p == ']')
            return n < max ? n : max;
        return -1;
    }
}

/* Parses a JSON object of strings into err's parameters. */
static void cl_json_params(const char *text, ember_error *err)
{
    cl_json j = {text, text + strlen(text)};
    cl_json_ws(&j);
    if (j.p >= j.end || *j.p != '{')
        return;
    j.p++;
    cl_json_ws(&j);
    if (j.p < j.end && *j.p == '}')
        return;
    for (;;) {
        char name[64], value[512];
        if (cl_json_string(&j, name, sizeof name) != 0)
            return;
        cl_json_ws(&j);
        if (j.p >= j.end || *j.p != ':')
            return;
        j.p++;
        if (cl_json_string(&j, value, sizeof value) != 0)
            return;
        cl_error_param(err, name, value);
        cl_json_ws(&j);
        if (j.p < j.end && *j.p == ',') {
            j.p++;
            continue;
        }
        return;
    }
}

/* --- FetchErrorDetails --------------------------------------------------------------------- */

static void cl_error_enrich(ember_session *s, ember_error *err)
{
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__FetchErrorDetailsRequest req =
        SPARK__CONNECT__FETCH_ERROR_DETAILS_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = cl_user_context(s, &a);
    req.error_id = err->error_id;
    req._client_type_case = SPARK__CONNECT__FETCH_ERROR_DETAILS_REQUEST___CLIENT_TYPE_CLIENT_TYPE;
    req.client_type = s->client_type;
    char *observed = cl_observed_id(s, &a);
    if (observed) {
        req._client_observed_server_side_session_id_case =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_REQUEST___CLIENT_OBSERVED_SERVER_SIDE_SESSION_ID_CLIENT_OBSERVED_SERVER_SIDE_SESSION_ID;
        req.client_observed_server_side_session_id = observed;
    }
    size_t len;
    uint8_t *buf = cl_pack(&req.base, &len);
    em_arena_release(&a);
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    int rc = wire_unary(s->ch, CL_SERVICE "FetchErrorDetails", buf, len, NULL, 0, 0, &resp,
                        &resp_len, &st);
    em_free(buf);
    if (rc != 0 || st.code != WIRE_STATUS_OK) {
        /* PySpark: a failed FetchErrorDetails is ignored (the ErrorInfo data stays). */
        wire_status_release(&st);
        em_free(resp);
        return;
    }
    wire_status_release(&st);
    Spark__Connect__FetchErrorDetailsResponse *r =
        spark__connect__fetch_error_details_response__unpack(NULL, resp_len, resp);
    em_free(resp);
    if (!r)
        return;
    if (r->_root_error_idx_case ==
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE___ROOT_ERROR_IDX_ROOT_ERROR_IDX &&
        r->root_error_idx >= 0 && (size_t)r->root_error_idx < r->n_errors) {
        Spark__Connect__FetchErrorDetailsResponse__Error *e = r->errors[r->root_error_idx];
        cl_strlcpy(err->message, e->message, sizeof err->message);
        if (e->_spark_throwable_case ==
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__ERROR___SPARK_THROWABLE_SPARK_THROWABLE) {
            Spark__Connect__FetchErrorDetailsResponse__SparkThrowable *t = e->spark_throwable;
            err->n_params = 0;
            for (size_t idx = 0; idx < t->n_message_parameters; idx++)
                cl_error_param(err, t->message_parameters[idx]->key,
                               t->message_parameters[idx]->value);
            if (!err->error_class[0] &&
                t->_error_class_case ==
                    SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE___ERROR_CLASS_ERROR_CLASS)
                cl_strlcpy(err->error_class, t->error_class, sizeof err->error_class);
            if (!err->sqlstate[0] &&
                t->_sql_state_case ==
                    SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE___SQL_STATE_SQL_STATE)
                cl_strlcpy(err->sqlstate, t->sql_state, sizeof err->sqlstate);
            if (t->n_query_contexts > 0) {
                Spark__Connect__FetchErrorDetailsResponse__QueryContext *q = t->query_contexts[0];
                err->ctx_type = (int)q->context_type;
                err->ctx_start = q->start_index;
                err->ctx_stop = q->stop_index;
                cl_strlcpy(err->ctx_fragment, q->fragment, sizeof err->ctx_fragment);
            }
        }
    }
    spark__connect__fetch_error_details_response__free_unpacked(r, NULL);
}

int cl_error_from_status(ember_session *s, const wire_status *st, ember_error *err)
{
    ember_error local;
    ember_error *e = err ? err : &local;
    ember_error_clear(e);
    e->grpc_code = st->code;
    cl_strlcpy(e->message, st->message, sizeof e->message);
    e->status = st->code == WIRE_STATUS_CANCELLED ? EMBER_ECANCELED : EMBER_ETRANSPORT;
    cl_strlcpy(e->exception, "SparkConnectGrpcException", sizeof e->exception);
    if (!st->details || st->details_len == 0)
        return e->status;
    Google__Rpc__Status *rs = google__rpc__status__unpack(NULL, st->details_len, st->details);
    if (!rs)
        return e->status;
    Google__Rpc__ErrorInfo *info = NULL;
    for (size_t idx = 0; idx < rs->n_details && !info; idx++) {
        Google__Protobuf__Any *any = rs->details[idx];
        const char *url = any->type_url ? any->type_url : "";
        size_t ul = strlen(url);
        static const char want[] = "google.rpc.ErrorInfo";
        if (ul >= sizeof want - 1 && strcmp(url + ul - (sizeof want - 1), want) == 0)
            info = google__rpc__error_info__unpack(NULL, any->value.len, any->value.data);
    }
    google__rpc__status__free_unpacked(rs, NULL);
    if (!info)
        return e->status;
    e->status = EMBER_ESERVER;
    cl_strlcpy(e->jvm_class, info->reason, sizeof e->jvm_class);
    char classes[16][160];
    int n_classes = 0;
    for (size_t idx = 0; idx < info->n_metadata; idx++) {
        const char *k = info->metadata[idx]->key, *v = info->metadata[idx]->value;
        if (strcmp(k, "classes") == 0) {
            n_classes = cl_json_string_array(v, classes, 16);
            if (n_classes < 0)
                n_classes = 0;
        } else if (strcmp(k, "sqlState") == 0) {
            cl_strlcpy(e->sqlstate, v, sizeof e->sqlstate);
        } else if (strcmp(k, "errorClass") == 0) {
            cl_strlcpy(e->error_class, v, sizeof e->error_class);
        } else if (strcmp(k, "messageParameters") == 0) {
            cl_json_params(v, e);
        } else if (strcmp(k, "errorId") == 0) {
            cl_strlcpy(e->error_id, v, sizeof e->error_id);
        }
    }
    google__rpc__error_info__free_unpacked(info, NULL);
    const char *ptrs[16];
    for (int idx = 0; idx < n_classes; idx++)
        ptrs[idx] = classes[idx];
    cl_strlcpy(e->exception, cl_error_python_exception(ptrs, (size_t)n_classes),
               sizeof e->exception);
    if (!e->jvm_class[0] && n_classes > 0)
        cl_strlcpy(e->jvm_class, classes[0], sizeof e->jvm_class);
    if (strcmp(e->error_class, "OPERATION_CANCELED") == 0)
        e->status = EMBER_ECANCELED;
    if (s && strcmp(e->error_class, "INVALID_HANDLE.SESSION_CHANGED") == 0) {
        pthread_mutex_lock(&s->mu);
        s->closed = true;
        pthread_mutex_unlock(&s->mu);
    }
    if (s && e->error_id[0])
        cl_error_enrich(s, e);
    return e->status;
}
