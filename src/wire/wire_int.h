/*
 * wire_int: private structures and helpers shared by the wire/ files. Only the .c files of wire/
 * include it; it is the one header in the tree that includes gRPC's.
 *
 * Invariants kept by every file (see README.md):
 *  - Every grpc_call_start_batch that returned GRPC_CALL_OK yields exactly one event, and that
 *    event is consumed before the call is unreferenced and before its queue is destroyed.
 *  - Received metadata belongs to the call: whatever is needed after grpc_call_unref is copied
 *    first.
 *  - Only the thread running a call starts batches on it; other threads may only cancel.
 */
#ifndef WIRE_INT_H
#define WIRE_INT_H

#include <grpc/byte_buffer.h>
#include <grpc/byte_buffer_reader.h>
#include <grpc/grpc.h>
#include <grpc/support/alloc.h>
#include <grpc/support/time.h>

#include <pthread.h>
#include <stdatomic.h>

#include "wire/wire.h"

/* ---- server side structures (wire_server.c owns them, wire_call.c works on wire_call) ---- */

typedef struct wire_method {
    char *path;
    wire_method_kind kind;
    wire_handler_fn fn;
    void *ctx;
    void *handle; /* grpc_server_register_method's */
} wire_method;

/* A request-metadata value copied out of the call (kept until the call ends). */
typedef struct wire_md_copy {
    struct wire_md_copy *next;
    size_t md_idx; /* index in the request metadata array */
    size_t len;
    char value[]; /* len bytes + NUL */
} wire_md_copy;

struct wire_call {
    struct wire_server *server;
    const wire_method *method; /* NULL for the catch-all (unregistered) slot */
    grpc_call *call;
    grpc_completion_queue *cq; /* the slot's queue, bound to this call */
    const grpc_metadata_array *request_md;
    grpc_byte_buffer *payload; /* initial request (UNARY/SERVER_STREAM), owned by the slot */
    gpr_timespec deadline;

    bool have_request; /* request_slice is valid */
    grpc_slice request_slice;
    char *peer; /* gpr_malloc'd by grpc_call_get_peer */
    wire_md_copy *md_copies;

    bool initial_md_sent;
    int n_sent;         /* response messages handed to grpc */
    bool finished;      /* wire_call_finish/reply ran (or was skipped because the call died) */
    bool status_sent;   /* a status reached gRPC successfully */
    bool close_pending; /* RECV_CLOSE_ON_SERVER started, event not consumed yet */
    int close_cancelled;
    bool dead;           /* seen by this thread: a failed op or CLOSE with cancelled=1 */
    atomic_bool aborted; /* wire_call_abort ran (any thread) */
};

/* One outstanding grpc_server_request_*call plus the queue bound to the call it yields. */
typedef struct wire_slot {
    struct wire_slot *next_free;
    struct wire_slot *next_all;
    int method_idx; /* -1: catch-all for unregistered methods */
    grpc_completion_queue *cq;
    grpc_call *call;
    gpr_timespec deadline;
    grpc_metadata_array md;
    grpc_byte_buffer *payload;
    grpc_call_details details; /* catch-all only */
    wire_call state;
} wire_slot;

/* ---- helpers (wire_util.c) ---- */

/* grpc's deadline for "timeout_ms from now", or infinity for timeout_ms <= 0. */
gpr_timespec wire_deadline_after_ms(int timeout_ms);
/* Milliseconds from now until `deadline`, 0 once passed, -1 for infinity. */
int64_t wire_ms_until(gpr_timespec deadline);

/* Copies a received message into one em_malloc'd buffer (never NULL). Returns 0, or
 * WIRE_ELOCAL if the buffer could not be read (decompression failure). */
int wire_bb_copy(grpc_byte_buffer *bb, uint8_t **data, size_t *len);
/* A byte buffer holding a copy of data. Caller destroys it. */
grpc_byte_buffer *wire_bb_from_copy(const uint8_t *data, size_t len);

/* em_strndup of a slice. */
char *wire_slice_dup(grpc_slice s);
/* Index of the first metadata entry named key in md, or -1. */
long wire_md_find(const grpc_metadata_array *md, const char *key);

/* Sets st to (code, message) with no details. */
void wire_status_set(wire_status *st, int code, const char *message);
/* Fills st from a received status: code, message slice and the details trailer. Copies. */
void wire_status_from_grpc(wire_status *st, grpc_status_code code, grpc_slice message,
                           const grpc_metadata_array *trailers);

/* A grpc_arg of integer type. key is borrowed (use a string literal). */
grpc_arg wire_arg_int(const char *key, int value);
grpc_arg wire_arg_str(const char *key, const char *value);

/* ---- server internals shared with wire_call.c ---- */

/* Starts RECV_CLOSE_ON_SERVER; called once before the handler runs. */
void wire_call_begin(wire_call *c);
/* After the handler: INTERNAL if it never finished, waits for CLOSE, releases call-owned copies.
 * Does not unref the grpc_call (the slot does). */
void wire_call_end(wire_call *c);

#endif
