/*
 * cn_error: the one place where errors reach the wire. Builds the gRPC status Spark sends for
 * a failure (INTERNAL, message "[CLASS] text SQLSTATE: s", trailer grpc-status-details-bin =
 * google.rpc.Status{code, message, details=[Any(google.rpc.ErrorInfo)]}) and keeps the full
 * error in the session for FetchErrorDetails.
 *
 * Limits: the status message is cut to 2048 characters (as Spark cuts it) and the whole
 * trailer is kept under 8 KiB by dropping messageParameters (and then shortening the message)
 * so clients with the default 8 KiB metadata limit still receive the details.
 */
#include "connect/cn_int.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"

#include <stdio.h>
#include <string.h>

#define CN_STATUS_MESSAGE_MAX 2048
#define CN_TRAILER_MAX        7000

typedef struct cn_jvm_class {
    const char *name;
    const char *parent;
} cn_jvm_class;

/* The superclass chains clients read to pick their exception type. */
static const cn_jvm_class cn_jvm_classes[] = {
    {"org.apache.spark.sql.catalyst.ExtendedAnalysisException",
     "org.apache.spark.sql.AnalysisException"},
    {"org.apache.spark.sql.catalyst.parser.ParseException",
     "org.apache.spark.sql.AnalysisException"},
    {"org.apache.spark.sql.AnalysisException", "java.lang.Exception"},
    {"org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException"},
    {"java.lang.ArithmeticException", "java.lang.RuntimeException"},
    {"org.apache.spark.SparkNumberFormatException", "java.lang.NumberFormatException"},
    {"java.lang.NumberFormatException", "java.lang.IllegalArgumentException"},
    {"org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException"},
    {"java.lang.IllegalArgumentException", "java.lang.RuntimeException"},
    {"org.apache.spark.SparkDateTimeException", "java.time.DateTimeException"},
    {"java.time.DateTimeException", "java.lang.RuntimeException"},
    {"org.apache.spark.SparkArrayIndexOutOfBoundsException",
     "java.lang.ArrayIndexOutOfBoundsException"},
    {"java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException"},
    {"java.lang.IndexOutOfBoundsException", "java.lang.RuntimeException"},
    {"org.apache.spark.SparkNoSuchElementException", "java.util.NoSuchElementException"},
    {"java.util.NoSuchElementException", "java.lang.RuntimeException"},
    {"org.apache.spark.SparkUnsupportedOperationException",
     "java.lang.UnsupportedOperationException"},
    {"java.lang.UnsupportedOperationException", "java.lang.RuntimeException"},
    {"org.apache.spark.SparkRuntimeException", "java.lang.RuntimeException"},
    {"java.lang.RuntimeException", "java.lang.Exception"},
    {"org.apache.spark.SparkSQLException", "java.sql.SQLException"},
    {"java.sql.SQLException", "java.lang.Exception"},
    {"org.apache.spark.sql.connect.common.InvalidPlanInput", "java.lang.Exception"},
    {"org.apache.spark.SparkException", "java.lang.Exception"},
    {"java.lang.Exception", "java.lang.Throwable"},
};

static const char *cn_jvm_parent(const char *name)
{
    for (size_t i = 0; i < sizeof cn_jvm_classes / sizeof cn_jvm_classes[0]; i++)
        if (strcmp(cn_jvm_classes[i].name, name) == 0)
            return cn_jvm_classes[i].parent;
    return strcmp(name, "java.lang.Throwable") == 0 ? NULL : "java.lang.Exception";
}

static int cn_jvm_chain(const char *jvm, const char **chain, int max)
{
    int n = 0;
    const char *c = jvm && jvm[0] ? jvm : "org.apache.spark.SparkException";
    while (c && n < max) {
        chain[n++] = c;
        if (strcmp(c, "java.lang.Throwable") == 0)
            break;
        c = cn_jvm_parent(c);
    }
    return n;
}

void cn_error_classes_json(const char *jvm_class, char *out, size_t size)
{
    const char *chain[16];
    int n = cn_jvm_chain(jvm_class, chain, 16);
    em_str s;
    em_str_init(&s, size);
    em_str_putc(&s, '[');
    for (int i = 0; i < n; i++) {
        if (i)
            em_str_putc(&s, ',');
        em_str_json_string(&s, chain[i], strlen(chain[i]));
    }
    em_str_putc(&s, ']');
    snprintf(out, size, "%s", s.data ? s.data : "[]");
    em_str_release(&s);
}

static void cn_params_json(const em_error *err, em_str *s)
{
    em_str_putc(s, '{');
    for (int i = 0; i < err->n_params; i++) {
        if (i)
            em_str_putc(s, ',');
        em_str_json_string(s, err->params[i].name, strlen(err->params[i].name));
        em_str_putc(s, ':');
        em_str_json_string(s, err->params[i].value, strlen(err->params[i].value));
    }
    em_str_putc(s, '}');
}

static size_t cn_status_pack(int code, const char *message, const em_error *err,
                             const char *error_id, bool with_params, uint8_t **out)
{
    char classes[2048];
    cn_error_classes_json(err->jvm_class, classes, sizeof classes);
    em_str params;
    em_str_init(&params, 0);
    cn_params_json(err, &params);

    Google__Rpc__ErrorInfo__MetadataEntry md[5];
    Google__Rpc__ErrorInfo__MetadataEntry *mdp[5];
    int n_md = 0;
    const char *keys[5], *vals[5];
    keys[n_md] = "classes";
    vals[n_md++] = classes;
    if (err->sqlstate[0]) {
        keys[n_md] = "sqlState";
        vals[n_md++] = err->sqlstate;
    }
    if (with_params && params.len <= 1024) {
        keys[n_md] = "errorClass";
        vals[n_md++] = err->error_class;
        keys[n_md] = "messageParameters";
        vals[n_md++] = params.data;
    }
    if (error_id && error_id[0]) {
        keys[n_md] = "errorId";
        vals[n_md++] = error_id;
    }
    for (int i = 0; i < n_md; i++) {
        google__rpc__error_info__metadata_entry__init(&md[i]);
        md[i].key = (char *)keys[i];
        md[i].value = (char *)vals[i];
        mdp[i] = &md[i];
    }
    Google__Rpc__ErrorInfo info = GOOGLE__RPC__ERROR_INFO__INIT;
    info.reason = (char *)(err->jvm_class[0] ? err->jvm_class : "org.apache.spark.SparkException");
    info.domain = "org.apache.spark";
    info.n_metadata = (size_t)n_md;
    info.metadata = mdp;
    size_t info_len = google__rpc__error_info__get_packed_size(&info);
    uint8_t *info_buf = em_malloc(info_len ? info_len : 1);
    google__rpc__error_info__pack(&info, info_buf);

    Google__Protobuf__Any any = GOOGLE__PROTOBUF__ANY__INIT;
    any.type_url = "type.googleapis.com/google.rpc.ErrorInfo";
    any.value.data = info_buf;
    any.value.len = info_len;
    Google__Protobuf__Any *anyp = &any;
    Google__Rpc__Status st = GOOGLE__RPC__STATUS__INIT;
    st.code = code;
    st.message = (char *)message;
    st.n_details = 1;
    st.details = &anyp;
    size_t len = google__rpc__status__get_packed_size(&st);
    *out = em_malloc(len ? len : 1);
    google__rpc__status__pack(&st, *out);
    em_free(info_buf);
    em_str_release(&params);
    return len;
}

/* Cuts s to at most max bytes without splitting a UTF-8 sequence. */
static void cn_utf8_cut(char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    s[max] = '\0';
}

void cn_finish_error(wire_call *call, cn_session *session, const em_error *err)
{
    int code = 13; /* INTERNAL, as Spark reports every failure */
    char *message = em_malloc(4096);
    em_error_format(err, message, 4096);
    cn_utf8_cut(message, CN_STATUS_MESSAGE_MAX);

    char error_id[CN_ID_MAX] = "";
    if (session && cn_conf_bool(&session->conf, "spark.sql.connect.enrichError.enabled", true))
        cn_session_store_error(session, err, error_id);

    uint8_t *details = NULL;
    size_t len = cn_status_pack(code, message, err, error_id, true, &details);
    if (len + strlen(message) > CN_TRAILER_MAX) {
        em_free(details);
        len = cn_status_pack(code, message, err, error_id, false, &details);
    }
    if (len + strlen(message) > CN_TRAILER_MAX) {
        cn_utf8_cut(message, 1024);
        em_free(details);
        len = cn_status_pack(code, message, err, error_id, false, &details);
    }
    wire_call_finish(call, code, message, details, len);
    em_free(details);
    em_free(message);
}

void cn_finish_plain(wire_call *call, int code, const char *message)
{
    wire_call_finish(call, code, message, NULL, 0);
}
