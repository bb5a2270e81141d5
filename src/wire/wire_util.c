/*
 * wire_util: the gRPC library lifetime (wire_init/wire_shutdown and the log bridge), and small
 * helpers both sides share: deadlines, byte buffer copies, metadata lookup, status structs and
 * channel args.
 */
#include "wire/wire_int.h"

#include <grpc/support/log.h>

#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"

/* ---- library lifetime ---------------------------------------------------------------------- */

static pthread_mutex_t wire_init_mu = PTHREAD_MUTEX_INITIALIZER;
static int wire_init_count;

/* Routes gRPC's log lines into em_log. gRPC logs errors for conditions we also report ourselves
 * (bind failures, oversize messages), so its ERROR becomes our WARN. */
static void wire_gpr_log(gpr_log_func_args *args)
{
    em_log_level level = EM_LOG_DEBUG;
    if (args->severity == GPR_LOG_SEVERITY_ERROR)
        level = EM_LOG_WARN;
    else if (args->severity == GPR_LOG_SEVERITY_INFO)
        level = EM_LOG_INFO;
    if (level > em_log_get_level())
        return;
    em_log(level, "grpc: %s (%s:%d)", args->message, args->file ? args->file : "?", args->line);
}

void wire_init(void)
{
    pthread_mutex_lock(&wire_init_mu);
    if (wire_init_count++ == 0)
        gpr_set_log_function(wire_gpr_log);
    pthread_mutex_unlock(&wire_init_mu);
    /* grpc_init is itself reference counted; our count only guards against underflow. */
    grpc_init();
}

void wire_shutdown(void)
{
    pthread_mutex_lock(&wire_init_mu);
    if (wire_init_count == 0) {
        pthread_mutex_unlock(&wire_init_mu);
        EM_LOG_ERROR("wire_shutdown without a matching wire_init");
        return;
    }
    wire_init_count--;
    pthread_mutex_unlock(&wire_init_mu);
    /* Called from an application thread this is synchronous for the last reference. */
    grpc_shutdown();
}

/* ---- status codes ---------------------------------------------------------------------------- */

const char *wire_status_code_name(int code)
{
    static const char *const names[] = {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    };
    if (code < 0 || code >= (int)(sizeof names / sizeof names[0]))
        return "UNKNOWN_CODE";
    return names[code];
}

/* ---- deadlines --------------------------------------------------------------------------- */

gpr_timespec wire_deadline_after_ms(int timeout_ms)
{
    if (timeout_ms <= 0)
        return gpr_inf_future(GPR_CLOCK_REALTIME);
    return gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC),
                        gpr_time_from_millis(timeout_ms, GPR_TIMESPAN));
}

int64_t wire_ms_until(gpr_timespec deadline)
{
    if (gpr_time_cmp(deadline, gpr_inf_future(deadline.clock_type)) == 0)
        return -1;
    gpr_timespec now = gpr_now(GPR_CLOCK_MONOTONIC);
    gpr_timespec dl = gpr_convert_clock_type(deadline, GPR_CLOCK_MONOTONIC);
    if (gpr_time_cmp(dl, now) <= 0)
        return 0;
    gpr_timespec left = gpr_time_sub(dl, now);
    /* gpr_time_to_millis saturates at 32 bits; deadlines can be far away. */
    return (int64_t)left.tv_sec * 1000 + left.tv_nsec / 1000000;
}

/* ---- byte buffers ------------------------------------------------------------------------- */

int wire_bb_copy(grpc_byte_buffer *bb, uint8_t **data, size_t *len)
{
    grpc_byte_buffer_reader reader;
    if (!grpc_byte_buffer_reader_init(&reader, bb)) {
        *data = NULL;
        *len = 0;
        return WIRE_ELOCAL;
    }
    /* buffer_out is the (decompressed) buffer the reader walks; its length is the message's. */
    size_t total = grpc_byte_buffer_length(reader.buffer_out);
    uint8_t *out = em_malloc(total ? total : 1);
    size_t off = 0;
    grpc_slice slice;
    while (grpc_byte_buffer_reader_next(&reader, &slice)) {
        size_t n = GRPC_SLICE_LENGTH(slice);
        if (n > total - off)
            n = total - off; /* cannot happen; keeps the copy in bounds regardless */
        memcpy(out + off, GRPC_SLICE_START_PTR(slice), n);
        off += n;
        grpc_slice_unref(slice);
    }
    grpc_byte_buffer_reader_destroy(&reader);
    *data = out;
    *len = off;
    return 0;
}

grpc_byte_buffer *wire_bb_from_copy(const uint8_t *data, size_t len)
{
    grpc_slice slice = grpc_slice_from_copied_buffer((const char *)data, len);
    grpc_byte_buffer *bb = grpc_raw_byte_buffer_create(&slice, 1);
    grpc_slice_unref(slice); /* the buffer took its own reference */
    return bb;
}

/* ---- metadata and status --------------------------------------------------------------------- */

char *wire_slice_dup(grpc_slice s)
{
    return em_strndup((const char *)GRPC_SLICE_START_PTR(s), GRPC_SLICE_LENGTH(s));
}

long wire_md_find(const grpc_metadata_array *md, const char *key)
{
    size_t key_len = strlen(key);
    for (size_t idx = 0; idx < md->count; idx++) {
        grpc_slice k = md->metadata[idx].key;
        if (GRPC_SLICE_LENGTH(k) == key_len && memcmp(GRPC_SLICE_START_PTR(k), key, key_len) == 0)
            return (long)idx;
    }
    return -1;
}

void wire_status_set(wire_status *st, int code, const char *message)
{
    st->code = code;
    st->message = em_strdup(message ? message : "");
    st->details = NULL;
    st->details_len = 0;
}

void wire_status_from_grpc(wire_status *st, grpc_status_code code, grpc_slice message,
                           const grpc_metadata_array *trailers)
{
    st->code = (int)code;
    st->message = wire_slice_dup(message);
    st->details = NULL;
    st->details_len = 0;
    long idx = trailers ? wire_md_find(trailers, WIRE_STATUS_DETAILS_KEY) : -1;
    if (idx >= 0) {
        grpc_slice v = trailers->metadata[idx].value;
        size_t n = GRPC_SLICE_LENGTH(v);
        st->details = em_malloc(n ? n : 1);
        memcpy(st->details, GRPC_SLICE_START_PTR(v), n);
        st->details_len = n;
    }
}

void wire_status_release(wire_status *st)
{
    if (!st)
        return;
    em_free(st->message);
    em_free(st->details);
    memset(st, 0, sizeof *st);
}

/* ---- channel args ------------------------------------------------------------------------- */

grpc_arg wire_arg_int(const char *key, int value)
{
    grpc_arg arg;
    memset(&arg, 0, sizeof arg);
    arg.type = GRPC_ARG_INTEGER;
    arg.key = (char *)key;
    arg.value.integer = value;
    return arg;
}

grpc_arg wire_arg_str(const char *key, const char *value)
{
    grpc_arg arg;
    memset(&arg, 0, sizeof arg);
    arg.type = GRPC_ARG_STRING;
    arg.key = (char *)key;
    arg.value.string = (char *)value;
    return arg;
}
