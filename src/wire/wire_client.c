/*
 * wire_client: the blocking gRPC client — channels, unary calls, server-streaming calls and
 * client-streaming calls — for libember and the test tools.
 *
 * Every call owns a pluck completion queue, so any number of threads can share a channel (at
 * most 6 threads may pluck one queue; per-call queues sidestep that limit). Methods are
 * registered on the channel once (grpc_channel_register_call) and looked up by path.
 *
 * Call sequences (every started batch is plucked before the call is released):
 *   unary:   one batch SEND_INITIAL_METADATA, SEND_MESSAGE, SEND_CLOSE_FROM_CLIENT,
 *            RECV_INITIAL_METADATA, RECV_MESSAGE, RECV_STATUS_ON_CLIENT.
 *   stream:  STATUS (RECV_STATUS_ON_CLIENT) started first, alone; then SEND (initial metadata,
 *            message, close). Each next() is one RECV_MESSAGE (the first also receives the
 *            initial metadata); a NULL message means the end, and STATUS is plucked then.
 *   cstream: STATUS first; SEND_INITIAL_METADATA; one SEND_MESSAGE per write; finish sends
 *            SEND_CLOSE_FROM_CLIENT with RECV_INITIAL_METADATA and RECV_MESSAGE, then plucks
 *            STATUS.
 * The status is copied out of the call (message, details trailer) before grpc_call_unref:
 * received metadata belongs to the call (pitfall 3).
 */
#include "wire/wire_int.h"

#include <grpc/grpc_security.h>

#include <stdio.h>
#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"

#define WIRE_MAX_HANDLES 1024
/* The client's read-ahead per stream; a 4 MiB lookahead gave the steadiest throughput. */
#define WIRE_LOOKAHEAD_BYTES (4 * 1024 * 1024)

static char wire_tag_status;
static char wire_tag_send;
static char wire_tag_recv;

typedef struct wire_handle {
    char *path;
    void *handle;
} wire_handle;

struct wire_channel {
    grpc_channel *channel;
    grpc_metadata *md; /* channel-wide metadata; slices owned (copied) */
    size_t n_md;
    pthread_mutex_t mu;
    wire_handle *handles; /* registered methods, WIRE_MAX_HANDLES at most */
    size_t n_handles;
};

/* State shared by the three call kinds. */
typedef struct wire_ccall {
    wire_channel *ch;
    grpc_call *call;
    grpc_completion_queue *cq;
    grpc_metadata *md; /* channel md (borrowed slices) followed by extra md (owned slices) */
    size_t n_md;
    size_t n_md_channel;
    grpc_metadata_array initial_md;
    grpc_metadata_array trailing_md;
    grpc_status_code status_code;
    grpc_slice status_details;
    const char *error_string;
    bool status_pending; /* STATUS batch started, not plucked yet */
    bool status_done;    /* status copied into `status` */
    wire_status status;
} wire_ccall;

struct wire_stream {
    wire_ccall cc;
    bool started_recv_md;
    bool ended;
    int end_result; /* what next() keeps returning once ended: 0 or WIRE_ELOCAL */
};

struct wire_cstream {
    wire_ccall cc;
    bool finished;
    bool broken;
};

/* ---- metadata validation ------------------------------------------------------------------- */

static bool wire_md_pair_ok(const char *key, const char *value)
{
    if (!key || !value || !key[0])
        return false;
    grpc_slice k = grpc_slice_from_static_string(key);
    grpc_slice v = grpc_slice_from_static_string(value);
    if (!grpc_header_key_is_legal(k))
        return false;
    return grpc_is_binary_header(k) || grpc_header_nonbin_value_is_legal(v);
}

/* ---- channel ------------------------------------------------------------------------------- */

wire_channel *wire_channel_new(const char *target, const wire_channel_opts *opts, em_error *err)
{
    wire_channel_opts defaults;
    memset(&defaults, 0, sizeof defaults);
    if (!opts)
        opts = &defaults;
    if (!target || !target[0]) {
        em_error_internal(err, "wire: empty channel target");
        return NULL;
    }
    if (opts->use_tls && opts->local_credentials) {
        em_error_internal(err, "wire: TLS and local credentials are exclusive");
        return NULL;
    }
    if (opts->max_message_bytes < 0 || opts->keepalive_time_ms < 0 ||
        (opts->n_metadata && !opts->metadata)) {
        em_error_internal(err, "wire: invalid channel options");
        return NULL;
    }
    for (size_t idx = 0; idx < opts->n_metadata; idx++) {
        const char *key = opts->metadata[2 * idx], *value = opts->metadata[2 * idx + 1];
        if (!wire_md_pair_ok(key, value)) {
            em_error_internal(err, "wire: invalid metadata %s (keys are lower-case header names)",
                              key ? key : "NULL");
            return NULL;
        }
    }

    wire_init();
    wire_channel *ch = em_calloc(1, sizeof *ch);
    pthread_mutex_init(&ch->mu, NULL);
    ch->handles = em_calloc(WIRE_MAX_HANDLES, sizeof *ch->handles);
    ch->n_md = opts->n_metadata;
    ch->md = em_calloc(ch->n_md ? ch->n_md : 1, sizeof *ch->md);
    for (size_t idx = 0; idx < ch->n_md; idx++) {
        ch->md[idx].key = grpc_slice_from_copied_string(opts->metadata[2 * idx]);
        ch->md[idx].value = grpc_slice_from_copied_string(opts->metadata[2 * idx + 1]);
    }

    int max_msg = opts->max_message_bytes ? opts->max_message_bytes : WIRE_DEFAULT_MAX_MESSAGE;
    grpc_arg args[8];
    size_t n_args = 0;
    args[n_args++] = wire_arg_int(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, max_msg);
    args[n_args++] = wire_arg_int(GRPC_ARG_MAX_SEND_MESSAGE_LENGTH, max_msg);
    args[n_args++] = wire_arg_int(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, WIRE_LOOKAHEAD_BYTES);
    /* Spark clients retry at the application level; the retry filter would only buffer. */
    args[n_args++] = wire_arg_int(GRPC_ARG_ENABLE_RETRIES, 0);
    if (opts->keepalive_time_ms > 0) {
        args[n_args++] = wire_arg_int(GRPC_ARG_KEEPALIVE_TIME_MS, opts->keepalive_time_ms);
        args[n_args++] = wire_arg_int(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
        args[n_args++] = wire_arg_int(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
    }
    if (opts->use_tls && opts->tls_server_name)
        args[n_args++] = wire_arg_str(GRPC_SSL_TARGET_NAME_OVERRIDE_ARG, opts->tls_server_name);
    grpc_channel_args chargs = {.num_args = n_args, .args = args};

    grpc_channel_credentials *creds;
    if (opts->use_tls)
        creds = grpc_ssl_credentials_create(opts->root_certs_pem, NULL, NULL, NULL);
    else if (opts->local_credentials)
        creds = grpc_local_credentials_create(LOCAL_TCP);
    else
        creds = grpc_insecure_credentials_create();
    ch->channel = grpc_channel_create(target, creds, &chargs);
    grpc_channel_credentials_release(creds);
    if (!ch->channel) {
        em_error_internal(err, "wire: cannot create a channel to %s", target);
        wire_channel_free(ch);
        return NULL;
    }
    return ch;
}

void wire_channel_free(wire_channel *ch)
{
    if (!ch)
        return;
    if (ch->channel)
        grpc_channel_destroy(ch->channel);
    /* Registered paths must outlive the channel (grpc_channel_register_call). */
    for (size_t idx = 0; idx < ch->n_handles; idx++)
        em_free(ch->handles[idx].path);
    em_free(ch->handles);
    for (size_t idx = 0; idx < ch->n_md; idx++) {
        grpc_slice_unref(ch->md[idx].key);
        grpc_slice_unref(ch->md[idx].value);
    }
    em_free(ch->md);
    pthread_mutex_destroy(&ch->mu);
    em_free(ch);
    wire_shutdown();
}

/* The registered handle for path, registering it on first use; NULL when the table is full
 * (the call is then created unregistered). */
static void *wire_channel_handle(wire_channel *ch, const char *path)
{
    void *handle = NULL;
    bool found = false;
    pthread_mutex_lock(&ch->mu);
    for (size_t idx = 0; idx < ch->n_handles && !found; idx++) {
        if (strcmp(ch->handles[idx].path, path) == 0) {
            handle = ch->handles[idx].handle;
            found = true;
        }
    }
    if (!found && ch->n_handles < WIRE_MAX_HANDLES) {
        wire_handle *h = &ch->handles[ch->n_handles++];
        h->path = em_strdup(path);
        h->handle = grpc_channel_register_call(ch->channel, h->path, NULL, NULL);
        handle = h->handle;
    }
    pthread_mutex_unlock(&ch->mu);
    return handle;
}

/* ---- common call plumbing --------------------------------------------------------------- */

static void wire_ccall_release(wire_ccall *cc);

/* Creates the call. Returns 0, or WIRE_ELOCAL with err set (nothing to release then). */
static int wire_ccall_create(wire_ccall *cc, wire_channel *ch, const char *path,
                             const char *const *extra_md, size_t n_extra_md, int timeout_ms,
                             em_error *err)
{
    memset(cc, 0, sizeof *cc);
    if (!path || path[0] != '/') {
        em_error_internal(err, "wire: invalid method path %s", path ? path : "NULL");
        return WIRE_ELOCAL;
    }
    if (n_extra_md && !extra_md) {
        em_error_internal(err, "wire: extra metadata missing");
        return WIRE_ELOCAL;
    }
    for (size_t idx = 0; idx < n_extra_md; idx++) {
        if (!wire_md_pair_ok(extra_md[2 * idx], extra_md[2 * idx + 1])) {
            em_error_internal(err, "wire: invalid metadata %s (keys are lower-case header names)",
                              extra_md[2 * idx] ? extra_md[2 * idx] : "NULL");
            return WIRE_ELOCAL;
        }
    }
    cc->ch = ch;
    cc->n_md_channel = ch->n_md;
    cc->n_md = ch->n_md + n_extra_md;
    cc->md = em_calloc(cc->n_md ? cc->n_md : 1, sizeof *cc->md);
    if (ch->n_md)
        memcpy(cc->md, ch->md, ch->n_md * sizeof *cc->md);
    for (size_t idx = 0; idx < n_extra_md; idx++) {
        cc->md[ch->n_md + idx].key = grpc_slice_from_copied_string(extra_md[2 * idx]);
        cc->md[ch->n_md + idx].value = grpc_slice_from_copied_string(extra_md[2 * idx + 1]);
    }
    grpc_metadata_array_init(&cc->initial_md);
    grpc_metadata_array_init(&cc->trailing_md);
    cc->status_details = grpc_empty_slice();

    cc->cq = grpc_completion_queue_create_for_pluck(NULL);
    gpr_timespec deadline = wire_deadline_after_ms(timeout_ms);
    void *handle = wire_channel_handle(ch, path);
    if (handle) {
        cc->call = grpc_channel_create_registered_call(ch->channel, NULL, GRPC_PROPAGATE_DEFAULTS,
                                                       cc->cq, handle, deadline, NULL);
    } else {
        grpc_slice method = grpc_slice_from_copied_string(path);
        cc->call = grpc_channel_create_call(ch->channel, NULL, GRPC_PROPAGATE_DEFAULTS, cc->cq,
                                            method, NULL, deadline, NULL);
        grpc_slice_unref(method);
    }
    if (!cc->call) {
        em_error_internal(err, "wire: grpc could not create a call to %s", path);
        wire_ccall_release(cc);
        return WIRE_ELOCAL;
    }
    return 0;
}

static bool wire_ccall_pluck(wire_ccall *cc, void *tag)
{
    grpc_event ev =
        grpc_completion_queue_pluck(cc->cq, tag, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
    if (ev.type != GRPC_OP_COMPLETE) {
        EM_LOG_ERROR("wire: client queue returned event type %d", (int)ev.type);
        return false;
    }
    return ev.success != 0;
}

/* Starts RECV_STATUS_ON_CLIENT alone. Returns 0 or WIRE_ELOCAL. */
static int wire_ccall_start_status(wire_ccall *cc)
{
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_RECV_STATUS_ON_CLIENT;
    op.data.recv_status_on_client.trailing_metadata = &cc->trailing_md;
    op.data.recv_status_on_client.status = &cc->status_code;
    op.data.recv_status_on_client.status_details = &cc->status_details;
    op.data.recv_status_on_client.error_string = &cc->error_string;
    grpc_call_error rc = grpc_call_start_batch(cc->call, &op, 1, &wire_tag_status, NULL);
    if (rc != GRPC_CALL_OK) {
        EM_LOG_ERROR("wire: RECV_STATUS refused: %s", grpc_call_error_to_string(rc));
        return WIRE_ELOCAL;
    }
    cc->status_pending = true;
    return 0;
}

/* Copies the received status out of the call (once). */
static void wire_ccall_take_status(wire_ccall *cc)
{
    if (cc->status_done)
        return;
    wire_status_from_grpc(&cc->status, cc->status_code, cc->status_details, &cc->trailing_md);
    if (cc->status_code != GRPC_STATUS_OK && cc->error_string)
        EM_LOG_DEBUG("wire: call failed: %s", cc->error_string);
    cc->status_done = true;
}

/* Plucks the pending STATUS and copies it. */
static void wire_ccall_wait_status(wire_ccall *cc)
{
    if (cc->status_pending) {
        wire_ccall_pluck(cc, &wire_tag_status);
        cc->status_pending = false;
        wire_ccall_take_status(cc);
    }
}

/* Records a local failure as the call's status (unless one was received). */
static void wire_ccall_local_status(wire_ccall *cc, const char *what)
{
    if (cc->status_done)
        return;
    wire_status_set(&cc->status, WIRE_STATUS_INTERNAL, what);
    cc->status_done = true;
}

/* Cancels if still running, consumes the outstanding STATUS, releases everything. */
static void wire_ccall_release(wire_ccall *cc)
{
    if (cc->status_pending) {
        grpc_call_cancel(cc->call, NULL);
        wire_ccall_pluck(cc, &wire_tag_status);
        cc->status_pending = false;
    }
    grpc_metadata_array_destroy(&cc->initial_md);
    grpc_metadata_array_destroy(&cc->trailing_md);
    grpc_slice_unref(cc->status_details);
    if (cc->error_string)
        gpr_free((void *)cc->error_string);
    cc->error_string = NULL;
    if (cc->call)
        grpc_call_unref(cc->call);
    cc->call = NULL;
    if (cc->cq) {
        /* Every batch was plucked, so the queue is empty. */
        grpc_completion_queue_shutdown(cc->cq);
        grpc_completion_queue_destroy(cc->cq);
        cc->cq = NULL;
    }
    for (size_t idx = cc->n_md_channel; idx < cc->n_md; idx++) {
        grpc_slice_unref(cc->md[idx].key);
        grpc_slice_unref(cc->md[idx].value);
    }
    em_free(cc->md);
    cc->md = NULL;
    wire_status_release(&cc->status);
}

/* Moves the call's status into the caller's struct. */
static void wire_ccall_move_status(wire_ccall *cc, wire_status *st)
{
    *st = cc->status;
    memset(&cc->status, 0, sizeof cc->status);
}

/* ---- unary ------------------------------------------------------------------------------- */

int wire_unary(wire_channel *ch, const char *path, const uint8_t *req, size_t len,
               const char *const *extra_md, size_t n_extra_md, int timeout_ms, uint8_t **resp,
               size_t *resp_len, wire_status *st)
{
    *resp = NULL;
    *resp_len = 0;
    em_error err;
    em_error_clear(&err);
    wire_ccall cc;
    if (wire_ccall_create(&cc, ch, path, extra_md, n_extra_md, timeout_ms, &err) != 0) {
        wire_status_set(st, WIRE_STATUS_INTERNAL, err.message);
        return WIRE_ELOCAL;
    }
    grpc_byte_buffer *req_bb = wire_bb_from_copy(req, len);
    grpc_byte_buffer *resp_bb = NULL;
    grpc_op ops[6];
    memset(ops, 0, sizeof ops);
    ops[0].op = GRPC_OP_SEND_INITIAL_METADATA;
    ops[0].data.send_initial_metadata.count = cc.n_md;
    ops[0].data.send_initial_metadata.metadata = cc.md;
    ops[1].op = GRPC_OP_SEND_MESSAGE;
    ops[1].data.send_message.send_message = req_bb;
    ops[2].op = GRPC_OP_SEND_CLOSE_FROM_CLIENT;
    ops[3].op = GRPC_OP_RECV_INITIAL_METADATA;
    ops[3].data.recv_initial_metadata.recv_initial_metadata = &cc.initial_md;
    ops[4].op = GRPC_OP_RECV_MESSAGE;
    ops[4].data.recv_message.recv_message = &resp_bb;
    ops[5].op = GRPC_OP_RECV_STATUS_ON_CLIENT;
    ops[5].data.recv_status_on_client.trailing_metadata = &cc.trailing_md;
    ops[5].data.recv_status_on_client.status = &cc.status_code;
    ops[5].data.recv_status_on_client.status_details = &cc.status_details;
    ops[5].data.recv_status_on_client.error_string = &cc.error_string;
    int res = 0;
    grpc_call_error rc = grpc_call_start_batch(cc.call, ops, 6, &wire_tag_status, NULL);
    if (rc != GRPC_CALL_OK) {
        char what[160];
        snprintf(what, sizeof what, "wire: grpc refused the call: %s",
                 grpc_call_error_to_string(rc));
        wire_ccall_local_status(&cc, what);
        res = WIRE_ELOCAL;
    } else {
        /* Success or not, the status op fills the outcome. */
        wire_ccall_pluck(&cc, &wire_tag_status);
        wire_ccall_take_status(&cc);
        if (cc.status.code == WIRE_STATUS_OK) {
            if (!resp_bb) {
                wire_status_release(&cc.status);
                wire_status_set(&cc.status, WIRE_STATUS_INTERNAL,
                                "wire: no response message for a unary call");
            } else if (wire_bb_copy(resp_bb, resp, resp_len) != 0) {
                wire_status_release(&cc.status);
                wire_status_set(&cc.status, WIRE_STATUS_INTERNAL,
                                "wire: cannot read the response message");
            }
        }
    }
    if (resp_bb)
        grpc_byte_buffer_destroy(resp_bb);
    grpc_byte_buffer_destroy(req_bb);
    wire_ccall_move_status(&cc, st);
    wire_ccall_release(&cc);
    return res;
}

/* ---- server stream ----------------------------------------------------------------------- */

wire_stream *wire_stream_start(wire_channel *ch, const char *path, const uint8_t *req, size_t len,
                               const char *const *extra_md, size_t n_extra_md, em_error *err)
{
    wire_stream *s = em_calloc(1, sizeof *s);
    if (wire_ccall_create(&s->cc, ch, path, extra_md, n_extra_md, 0, err) != 0) {
        em_free(s);
        return NULL;
    }
    if (wire_ccall_start_status(&s->cc) != 0) {
        em_error_internal(err, "wire: grpc refused to start %s", path);
        wire_stream_free(s);
        return NULL;
    }
    grpc_byte_buffer *req_bb = wire_bb_from_copy(req, len);
    grpc_op ops[3];
    memset(ops, 0, sizeof ops);
    ops[0].op = GRPC_OP_SEND_INITIAL_METADATA;
    ops[0].data.send_initial_metadata.count = s->cc.n_md;
    ops[0].data.send_initial_metadata.metadata = s->cc.md;
    ops[1].op = GRPC_OP_SEND_MESSAGE;
    ops[1].data.send_message.send_message = req_bb;
    ops[2].op = GRPC_OP_SEND_CLOSE_FROM_CLIENT;
    grpc_call_error rc = grpc_call_start_batch(s->cc.call, ops, 3, &wire_tag_send, NULL);
    if (rc != GRPC_CALL_OK) {
        grpc_byte_buffer_destroy(req_bb);
        em_error_internal(err, "wire: grpc refused to start %s: %s", path,
                          grpc_call_error_to_string(rc));
        wire_stream_free(s);
        return NULL;
    }
    /* A failed send (server unreachable) is reported by the status on the first next(). */
    wire_ccall_pluck(&s->cc, &wire_tag_send);
    grpc_byte_buffer_destroy(req_bb);
    return s;
}

int wire_stream_next(wire_stream *s, uint8_t **msg, size_t *len)
{
    *msg = NULL;
    *len = 0;
    if (s->ended)
        return s->end_result;
    grpc_byte_buffer *bb = NULL;
    grpc_op ops[2];
    memset(ops, 0, sizeof ops);
    size_t n_ops = 0;
    if (!s->started_recv_md) {
        ops[n_ops].op = GRPC_OP_RECV_INITIAL_METADATA;
        ops[n_ops].data.recv_initial_metadata.recv_initial_metadata = &s->cc.initial_md;
        n_ops++;
    }
    ops[n_ops].op = GRPC_OP_RECV_MESSAGE;
    ops[n_ops].data.recv_message.recv_message = &bb;
    n_ops++;
    grpc_call_error rc = grpc_call_start_batch(s->cc.call, ops, n_ops, &wire_tag_recv, NULL);
    if (rc != GRPC_CALL_OK) {
        char what[160];
        snprintf(what, sizeof what, "wire: grpc refused RECV_MESSAGE: %s",
                 grpc_call_error_to_string(rc));
        grpc_call_cancel(s->cc.call, NULL);
        wire_ccall_wait_status(&s->cc);
        wire_status_release(&s->cc.status);
        s->cc.status_done = false;
        wire_ccall_local_status(&s->cc, what);
        s->ended = true;
        s->end_result = WIRE_ELOCAL;
        return WIRE_ELOCAL;
    }
    s->started_recv_md = true;
    wire_ccall_pluck(&s->cc, &wire_tag_recv);
    if (bb) {
        int res = wire_bb_copy(bb, msg, len);
        grpc_byte_buffer_destroy(bb);
        if (res == 0)
            return 1;
        /* Undecodable message: end the call locally. */
        grpc_call_cancel(s->cc.call, NULL);
        wire_ccall_wait_status(&s->cc);
        wire_status_release(&s->cc.status);
        s->cc.status_done = false;
        wire_ccall_local_status(&s->cc, "wire: cannot read a response message");
        s->ended = true;
        s->end_result = WIRE_ELOCAL;
        return WIRE_ELOCAL;
    }
    /* End of stream, or failure: the status says which. */
    wire_ccall_wait_status(&s->cc);
    s->ended = true;
    return 0;
}

const wire_status *wire_stream_status(wire_stream *s)
{
    return s->ended ? &s->cc.status : NULL;
}

void wire_stream_cancel(wire_stream *s)
{
    if (s && s->cc.call)
        grpc_call_cancel(s->cc.call, NULL);
}

void wire_stream_free(wire_stream *s)
{
    if (!s)
        return;
    wire_ccall_release(&s->cc);
    em_free(s);
}

/* ---- client stream ----------------------------------------------------------------------- */

wire_cstream *wire_cstream_start(wire_channel *ch, const char *path, const char *const *extra_md,
                                 size_t n_extra_md, em_error *err)
{
    wire_cstream *s = em_calloc(1, sizeof *s);
    if (wire_ccall_create(&s->cc, ch, path, extra_md, n_extra_md, 0, err) != 0) {
        em_free(s);
        return NULL;
    }
    if (wire_ccall_start_status(&s->cc) != 0) {
        em_error_internal(err, "wire: grpc refused to start %s", path);
        wire_cstream_free(s);
        return NULL;
    }
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_SEND_INITIAL_METADATA;
    op.data.send_initial_metadata.count = s->cc.n_md;
    op.data.send_initial_metadata.metadata = s->cc.md;
    grpc_call_error rc = grpc_call_start_batch(s->cc.call, &op, 1, &wire_tag_send, NULL);
    if (rc != GRPC_CALL_OK) {
        em_error_internal(err, "wire: grpc refused to start %s: %s", path,
                          grpc_call_error_to_string(rc));
        wire_cstream_free(s);
        return NULL;
    }
    if (!wire_ccall_pluck(&s->cc, &wire_tag_send))
        s->broken = true;
    return s;
}

int wire_cstream_write(wire_cstream *s, const uint8_t *msg, size_t len)
{
    if (s->finished)
        return WIRE_ESTATE;
    if (s->broken)
        return WIRE_EGONE;
    grpc_byte_buffer *bb = wire_bb_from_copy(msg, len);
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_SEND_MESSAGE;
    op.data.send_message.send_message = bb;
    grpc_call_error rc = grpc_call_start_batch(s->cc.call, &op, 1, &wire_tag_send, NULL);
    if (rc != GRPC_CALL_OK) {
        EM_LOG_ERROR("wire: SEND_MESSAGE refused: %s", grpc_call_error_to_string(rc));
        grpc_byte_buffer_destroy(bb);
        s->broken = true;
        return WIRE_ELOCAL;
    }
    bool ok = wire_ccall_pluck(&s->cc, &wire_tag_send);
    grpc_byte_buffer_destroy(bb);
    if (!ok) {
        s->broken = true;
        return WIRE_EGONE;
    }
    return 0;
}

int wire_cstream_finish(wire_cstream *s, uint8_t **resp, size_t *resp_len, wire_status *st)
{
    *resp = NULL;
    *resp_len = 0;
    if (s->finished) {
        wire_status_set(st, WIRE_STATUS_INTERNAL, "wire: client stream already finished");
        return WIRE_ESTATE;
    }
    s->finished = true;
    grpc_byte_buffer *resp_bb = NULL;
    grpc_op ops[3];
    memset(ops, 0, sizeof ops);
    ops[0].op = GRPC_OP_SEND_CLOSE_FROM_CLIENT;
    ops[1].op = GRPC_OP_RECV_INITIAL_METADATA;
    ops[1].data.recv_initial_metadata.recv_initial_metadata = &s->cc.initial_md;
    ops[2].op = GRPC_OP_RECV_MESSAGE;
    ops[2].data.recv_message.recv_message = &resp_bb;
    int res = 0;
    grpc_call_error rc = grpc_call_start_batch(s->cc.call, ops, 3, &wire_tag_recv, NULL);
    if (rc != GRPC_CALL_OK) {
        /* E.g. the call already failed in a way grpc refuses further ops for: cancel so the
         * status arrives, then report it. */
        EM_LOG_DEBUG("wire: finish batch refused: %s", grpc_call_error_to_string(rc));
        grpc_call_cancel(s->cc.call, NULL);
    } else {
        wire_ccall_pluck(&s->cc, &wire_tag_recv);
    }
    wire_ccall_wait_status(&s->cc);
    if (!s->cc.status_done)
        wire_ccall_local_status(&s->cc, "wire: no status received");
    if (s->cc.status.code == WIRE_STATUS_OK) {
        if (!resp_bb) {
            wire_status_release(&s->cc.status);
            wire_status_set(&s->cc.status, WIRE_STATUS_INTERNAL,
                            "wire: no response message for a client-streaming call");
        } else if (wire_bb_copy(resp_bb, resp, resp_len) != 0) {
            wire_status_release(&s->cc.status);
            wire_status_set(&s->cc.status, WIRE_STATUS_INTERNAL,
                            "wire: cannot read the response message");
        }
    }
    if (resp_bb)
        grpc_byte_buffer_destroy(resp_bb);
    wire_ccall_move_status(&s->cc, st);
    return res;
}

void wire_cstream_free(wire_cstream *s)
{
    if (!s)
        return;
    wire_ccall_release(&s->cc);
    em_free(s);
}
