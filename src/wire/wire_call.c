/*
 * wire_call: what a handler does with its server-side call — read the request, read client
 * stream messages, look at metadata, send responses, finish with a status, notice cancellation.
 *
 * Sequence on the call's own queue (the slot's, served only by the handler's thread):
 *   1. wire_call_begin starts RECV_CLOSE_ON_SERVER (tag CLOSE) before the handler runs. CLOSE
 *      completes only when the call is over: after our status went out, or on cancel,
 *      disconnect, deadline or server shutdown (then with cancelled=1). It never fires on the
 *      client's half-close.
 *   2. Each send/read/status is one batch (tag SEND, RECV or STATUS) that the function waits for
 *      before returning, so at most one such batch is outstanding — gRPC allows only one send
 *      at a time — and its buffers can live on the stack. The first send carries
 *      SEND_INITIAL_METADATA.
 *   3. While waiting, a CLOSE event may arrive first; it is recorded (dead when cancelled=1)
 *      and the wait goes on for the requested tag, which gRPC then completes (failed).
 *   4. wire_call_end (after the handler) sends INTERNAL if the handler never finished, cancels
 *      the call if no status went out, and waits for CLOSE, so no event is left on the queue
 *      when the slot is recycled.
 */
#include "wire/wire_int.h"

#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"

/* Tags of the call's queue; each call has its own queue, so static addresses suffice. */
static char wire_tag_close;
static char wire_tag_send;
static char wire_tag_recv;
static char wire_tag_status;

static bool wire_call_gone(wire_call *c)
{
    return c->dead || atomic_load(&c->aborted);
}

static void wire_call_on_close(wire_call *c)
{
    c->close_pending = false;
    if (c->close_cancelled)
        c->dead = true;
}

/* Waits for the event tagged `tag`, recording a CLOSE seen on the way. Returns its success. */
static bool wire_call_wait(wire_call *c, void *tag)
{
    for (;;) {
        grpc_event ev = grpc_completion_queue_next(c->cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
        if (ev.type != GRPC_OP_COMPLETE) {
            /* Only possible if the queue was shut down under us: a wire bug. */
            EM_LOG_ERROR("wire: call queue returned event type %d", (int)ev.type);
            c->dead = true;
            return false;
        }
        if (ev.tag == &wire_tag_close) {
            wire_call_on_close(c);
            if (tag == &wire_tag_close)
                return ev.success != 0;
            continue;
        }
        if (ev.tag == tag)
            return ev.success != 0;
        EM_LOG_ERROR("wire: unexpected event on a call queue");
    }
}

void wire_call_begin(wire_call *c)
{
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_RECV_CLOSE_ON_SERVER;
    op.data.recv_close_on_server.cancelled = &c->close_cancelled;
    grpc_call_error rc = grpc_call_start_batch(c->call, &op, 1, &wire_tag_close, NULL);
    if (rc == GRPC_CALL_OK) {
        c->close_pending = true;
    } else {
        EM_LOG_ERROR("wire: RECV_CLOSE_ON_SERVER refused: %s", grpc_call_error_to_string(rc));
        c->dead = true;
    }
}

void wire_call_end(wire_call *c)
{
    if (!c->finished) {
        if (!wire_call_gone(c)) {
            EM_LOG_WARN("wire: handler for %s returned without a status", c->method->path);
            wire_call_finish(c, WIRE_STATUS_INTERNAL, "handler returned without a status", NULL, 0);
        }
        c->finished = true;
    }
    if (c->close_pending) {
        /* Without a status out, only a cancel guarantees that CLOSE completes. */
        if (!c->status_sent)
            grpc_call_cancel(c->call, NULL);
        wire_call_wait(c, &wire_tag_close);
    }
    while (c->md_copies) {
        wire_md_copy *copy = c->md_copies;
        c->md_copies = copy->next;
        em_free(copy);
    }
    if (c->peer)
        gpr_free(c->peer);
    c->peer = NULL;
    if (c->have_request)
        grpc_slice_unref(c->request_slice);
    c->have_request = false;
}

/* ---- request side ------------------------------------------------------------------------ */

int wire_call_request(wire_call *c, const uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (c->method->kind == WIRE_CLIENT_STREAM || !c->payload)
        return WIRE_ESTATE;
    if (!c->have_request) {
        grpc_byte_buffer_reader reader;
        if (!grpc_byte_buffer_reader_init(&reader, c->payload)) {
            EM_LOG_ERROR("wire: cannot read the request of %s", c->method->path);
            return WIRE_ELOCAL;
        }
        /* One slice: no copy when the message arrived in one piece. */
        c->request_slice = grpc_byte_buffer_reader_readall(&reader);
        grpc_byte_buffer_reader_destroy(&reader);
        c->have_request = true;
    }
    *data = GRPC_SLICE_START_PTR(c->request_slice);
    *len = GRPC_SLICE_LENGTH(c->request_slice);
    return 0;
}

int wire_call_read(wire_call *c, uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (c->method->kind != WIRE_CLIENT_STREAM || c->finished)
        return WIRE_ESTATE;
    if (wire_call_gone(c))
        return WIRE_EGONE;
    grpc_byte_buffer *bb = NULL;
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_RECV_MESSAGE;
    op.data.recv_message.recv_message = &bb;
    grpc_call_error rc = grpc_call_start_batch(c->call, &op, 1, &wire_tag_recv, NULL);
    if (rc != GRPC_CALL_OK) {
        EM_LOG_ERROR("wire: RECV_MESSAGE refused: %s", grpc_call_error_to_string(rc));
        return WIRE_ELOCAL;
    }
    bool ok = wire_call_wait(c, &wire_tag_recv);
    if (!ok) {
        /* A failed receive (cancel, oversize message, shutdown) ends the call. */
        if (bb)
            grpc_byte_buffer_destroy(bb);
        c->dead = true;
        return WIRE_EGONE;
    }
    if (!bb)
        return wire_call_gone(c) ? WIRE_EGONE : 0;
    int res = wire_bb_copy(bb, data, len);
    grpc_byte_buffer_destroy(bb);
    return res == 0 ? 1 : res;
}

const char *wire_call_metadata_bin(wire_call *c, const char *key, size_t *len)
{
    if (len)
        *len = 0;
    long idx = wire_md_find(c->request_md, key);
    if (idx < 0)
        return NULL;
    wire_md_copy *copy;
    for (copy = c->md_copies; copy; copy = copy->next)
        if (copy->md_idx == (size_t)idx)
            break;
    if (!copy) {
        grpc_slice v = c->request_md->metadata[idx].value;
        size_t n = GRPC_SLICE_LENGTH(v);
        copy = em_malloc(sizeof *copy + n + 1);
        copy->md_idx = (size_t)idx;
        copy->len = n;
        memcpy(copy->value, GRPC_SLICE_START_PTR(v), n);
        copy->value[n] = '\0';
        copy->next = c->md_copies;
        c->md_copies = copy;
    }
    if (len)
        *len = copy->len;
    return copy->value;
}

const char *wire_call_metadata(wire_call *c, const char *key)
{
    return wire_call_metadata_bin(c, key, NULL);
}

const char *wire_call_method(wire_call *c)
{
    return c->method->path;
}

const char *wire_call_peer(wire_call *c)
{
    if (!c->peer)
        c->peer = grpc_call_get_peer(c->call);
    return c->peer ? c->peer : "";
}

/* ---- response side ----------------------------------------------------------------------- */

/* Unary and client-streaming methods answer with exactly one message. */
static bool wire_call_one_more_ok(const wire_call *c)
{
    return c->method->kind == WIRE_SERVER_STREAM || c->n_sent == 0;
}

/* Sends bb (consumed) as one message. */
static int wire_call_send_bb(wire_call *c, grpc_byte_buffer *bb)
{
    if (c->finished || !wire_call_one_more_ok(c)) {
        grpc_byte_buffer_destroy(bb);
        return WIRE_ESTATE;
    }
    if (wire_call_gone(c)) {
        grpc_byte_buffer_destroy(bb);
        return WIRE_EGONE;
    }
    grpc_op ops[2];
    memset(ops, 0, sizeof ops);
    size_t n_ops = 0;
    if (!c->initial_md_sent)
        ops[n_ops++].op = GRPC_OP_SEND_INITIAL_METADATA;
    ops[n_ops].op = GRPC_OP_SEND_MESSAGE;
    ops[n_ops].data.send_message.send_message = bb;
    n_ops++;
    grpc_call_error rc = grpc_call_start_batch(c->call, ops, n_ops, &wire_tag_send, NULL);
    if (rc != GRPC_CALL_OK) {
        EM_LOG_ERROR("wire: SEND_MESSAGE refused: %s", grpc_call_error_to_string(rc));
        grpc_byte_buffer_destroy(bb);
        return WIRE_ELOCAL;
    }
    c->initial_md_sent = true;
    c->n_sent++;
    bool ok = wire_call_wait(c, &wire_tag_send);
    /* SEND_MESSAGE took the buffer's contents; the husk is still ours (pitfall 3). */
    grpc_byte_buffer_destroy(bb);
    if (!ok) {
        c->dead = true;
        return WIRE_EGONE;
    }
    return 0;
}

int wire_call_send(wire_call *c, const uint8_t *data, size_t len)
{
    return wire_call_send_bb(c, wire_bb_from_copy(data, len));
}

int wire_call_send_pieces(wire_call *c, const wire_piece *pieces, size_t n_pieces)
{
    /* Build the buffer first, even when the call is dead, so every release runs exactly once
     * (when the buffer is destroyed). */
    grpc_slice *slices = em_malloc((n_pieces ? n_pieces : 1) * sizeof *slices);
    for (size_t idx = 0; idx < n_pieces; idx++) {
        const wire_piece *p = &pieces[idx];
        if (p->release)
            slices[idx] =
                grpc_slice_new_with_user_data((void *)p->data, p->len, p->release, p->release_arg);
        else
            slices[idx] = grpc_slice_from_copied_buffer((const char *)p->data, p->len);
    }
    grpc_byte_buffer *bb = grpc_raw_byte_buffer_create(slices, n_pieces);
    for (size_t idx = 0; idx < n_pieces; idx++)
        grpc_slice_unref(slices[idx]); /* the buffer holds its own references */
    em_free(slices);
    return wire_call_send_bb(c, bb);
}

/* Sends the status, preceded by headers if none went out and by bb (consumed) if given. */
static int wire_call_finish_bb(wire_call *c, int code, const char *message, const uint8_t *details,
                               size_t details_len, grpc_byte_buffer *bb)
{
    if (c->finished || code < WIRE_STATUS_OK || code > WIRE_STATUS_UNAUTHENTICATED) {
        if (bb)
            grpc_byte_buffer_destroy(bb);
        if (!c->finished)
            EM_LOG_ERROR("wire: invalid status code %d for %s", code, c->method->path);
        return WIRE_ESTATE;
    }
    c->finished = true;
    if (wire_call_gone(c)) {
        /* The client is gone: no status can reach it. */
        if (bb)
            grpc_byte_buffer_destroy(bb);
        return WIRE_EGONE;
    }
    if (!message)
        message = "";
    if (details_len + strlen(message) > WIRE_TRAILER_BUDGET)
        /* Clients reject trailers over 8 KiB (grpc.max_metadata_size) and lose the details:
         * the caller must truncate and serve the full text another way (FetchErrorDetails). */
        EM_LOG_WARN("wire: status of %s carries %zu bytes of message and details (budget %d)",
                    c->method->path, details_len + strlen(message), WIRE_TRAILER_BUDGET);
    grpc_slice msg = grpc_slice_from_copied_string(message);
    grpc_metadata trailer;
    memset(&trailer, 0, sizeof trailer);
    size_t n_trailers = 0;
    if (details) {
        trailer.key = grpc_slice_from_static_string(WIRE_STATUS_DETAILS_KEY);
        trailer.value = grpc_slice_from_copied_buffer((const char *)details, details_len);
        n_trailers = 1;
    }
    grpc_op ops[3];
    memset(ops, 0, sizeof ops);
    size_t n_ops = 0;
    if (!c->initial_md_sent)
        ops[n_ops++].op = GRPC_OP_SEND_INITIAL_METADATA;
    if (bb) {
        ops[n_ops].op = GRPC_OP_SEND_MESSAGE;
        ops[n_ops].data.send_message.send_message = bb;
        n_ops++;
    }
    ops[n_ops].op = GRPC_OP_SEND_STATUS_FROM_SERVER;
    ops[n_ops].data.send_status_from_server.status = (grpc_status_code)code;
    ops[n_ops].data.send_status_from_server.status_details = &msg;
    ops[n_ops].data.send_status_from_server.trailing_metadata_count = n_trailers;
    ops[n_ops].data.send_status_from_server.trailing_metadata = n_trailers ? &trailer : NULL;
    n_ops++;
    int res = 0;
    grpc_call_error rc = grpc_call_start_batch(c->call, ops, n_ops, &wire_tag_status, NULL);
    if (rc != GRPC_CALL_OK) {
        EM_LOG_ERROR("wire: SEND_STATUS refused: %s", grpc_call_error_to_string(rc));
        res = WIRE_ELOCAL;
    } else {
        c->initial_md_sent = true;
        /* The trailer slices must live until the batch completes. */
        if (wire_call_wait(c, &wire_tag_status)) {
            c->status_sent = true;
        } else {
            c->dead = true;
            res = WIRE_EGONE;
        }
    }
    if (bb)
        grpc_byte_buffer_destroy(bb);
    grpc_slice_unref(msg);
    if (n_trailers)
        grpc_slice_unref(trailer.value);
    return res;
}

int wire_call_finish(wire_call *c, int status_code, const char *message,
                     const uint8_t *status_details_bin, size_t details_len)
{
    return wire_call_finish_bb(c, status_code, message, status_details_bin, details_len, NULL);
}

int wire_call_reply(wire_call *c, const uint8_t *data, size_t len)
{
    if (c->finished || !wire_call_one_more_ok(c))
        return WIRE_ESTATE;
    return wire_call_finish_bb(c, WIRE_STATUS_OK, NULL, NULL, 0, wire_bb_from_copy(data, len));
}

/* ---- cancellation and deadline ----------------------------------------------------------- */

bool wire_call_cancelled(wire_call *c)
{
    if (wire_call_gone(c))
        return true;
    if (c->close_pending) {
        /* Non-blocking poll. Between API calls the only batch that can be pending is CLOSE. */
        grpc_event ev = grpc_completion_queue_next(c->cq, gpr_inf_past(GPR_CLOCK_MONOTONIC), NULL);
        if (ev.type == GRPC_OP_COMPLETE && ev.tag == &wire_tag_close)
            wire_call_on_close(c);
        else if (ev.type == GRPC_OP_COMPLETE)
            EM_LOG_ERROR("wire: unexpected event on a call queue");
    }
    if (wire_call_gone(c))
        return true;
    if (!c->finished && wire_ms_until(c->deadline) == 0) {
        /* gRPC's own deadline timer may fire a little later; end the call the way it would, so
         * the client sees DEADLINE_EXCEEDED whichever comes first. */
        grpc_call_cancel_with_status(c->call, GRPC_STATUS_DEADLINE_EXCEEDED, "Deadline Exceeded",
                                     NULL);
        c->dead = true;
        return true;
    }
    return false;
}

int64_t wire_call_deadline_ms(wire_call *c)
{
    return wire_ms_until(c->deadline);
}

void wire_call_abort(wire_call *c, int status_code, const char *message)
{
    if (status_code <= WIRE_STATUS_OK || status_code > WIRE_STATUS_UNAUTHENTICATED)
        status_code = WIRE_STATUS_UNKNOWN;
    atomic_store(&c->aborted, true);
    /* Thread-safe in gRPC; the call stays referenced until the handler's slot releases it. */
    grpc_call_cancel_with_status(c->call, (grpc_status_code)status_code,
                                 message ? message : "aborted", NULL);
}
