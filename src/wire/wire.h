/*
 * wire: Ember's gRPC transport, the only module that calls grpc_* functions. Everything above it
 * (connect/ on the server, client/ and test tools on the client) sees byte strings, metadata
 * strings and status codes, never a grpc type. The gRPC C core is an API for language bindings
 * that changes between versions; keeping it behind this header means an upgrade touches wire/
 * only.
 *
 * Server model (the C++ "sync server" design): one notification completion queue served by a
 * pool of threads that grows on demand up to max_threads. The thread that receives a new call
 * first re-arms the request for that method, then runs the registered handler to completion.
 * A handler is plain blocking code: it reads the request, sends responses one at a time (each
 * send blocks until HTTP/2 flow control accepts it, which gives back-pressure for free) and
 * finishes with a status. Unknown methods are answered UNIMPLEMENTED at once.
 *
 * Client model: a blocking API. Each call gets its own completion queue, so any number of
 * threads may use one channel concurrently.
 *
 * Process rules:
 *  - Block SIGINT/SIGTERM (pthread_sigmask) BEFORE the first wire_init / wire_server_new /
 *    wire_channel_new: gRPC starts internal threads that inherit the signal mask, and a signal
 *    delivered to one of them would bypass the application's sigwait.
 *  - Do not fork() while gRPC is initialized (use posix_spawn).
 *  - Every wire object holds a reference on the gRPC library (wire_init); the library shuts down
 *    when the last object is freed and the last explicit wire_init is paired with wire_shutdown.
 *
 * Ownership words: "borrowed" = valid only as documented, do not free; "caller releases" =
 * free with em_free (or the named function); "owned by the call/stream" = freed with it.
 *
 * Return conventions: functions that return int use 0 for success and a negative WIRE_E* code
 * for failure, except where a function documents 1/0/negative results. Constructors return NULL
 * on failure and fill the nullable em_error (class INTERNAL_ERROR) when one is given.
 */
#ifndef WIRE_H
#define WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_error.h"

/* Default message size cap, both directions, both sides (Spark's default is 128 MiB). */
#define WIRE_DEFAULT_MAX_MESSAGE (128 * 1024 * 1024)
/* Default cap on server handler threads. */
#define WIRE_DEFAULT_MAX_THREADS 64
/* Stack size of every server handler thread (protobuf-c unpacking recurses ~1 KiB per level). */
#define WIRE_HANDLER_STACK_BYTES (8 * 1024 * 1024)
/* The trailer that carries a serialized google.rpc.Status with error details. */
#define WIRE_STATUS_DETAILS_KEY "grpc-status-details-bin"
/* Status message + details above this many bytes risk the client's 8 KiB metadata limit; wire
 * logs a warning (it cannot truncate a serialized Status for the caller). */
#define WIRE_TRAILER_BUDGET 7168

/* Negative results of call-level functions. */
enum {
    WIRE_OK = 0,
    WIRE_EGONE = -1,  /* the call is over: client cancelled/disconnected, deadline passed,
                         server shutting down, or aborted; stop working on it */
    WIRE_ESTATE = -2, /* API misuse: wrong method kind, call already finished, bad argument */
    WIRE_ELOCAL = -3, /* local transport failure (grpc refused the operation); logged */
};

/* gRPC status codes (values fixed by the gRPC protocol). */
enum {
    WIRE_STATUS_OK = 0,
    WIRE_STATUS_CANCELLED = 1,
    WIRE_STATUS_UNKNOWN = 2,
    WIRE_STATUS_INVALID_ARGUMENT = 3,
    WIRE_STATUS_DEADLINE_EXCEEDED = 4,
    WIRE_STATUS_NOT_FOUND = 5,
    WIRE_STATUS_ALREADY_EXISTS = 6,
    WIRE_STATUS_PERMISSION_DENIED = 7,
    WIRE_STATUS_RESOURCE_EXHAUSTED = 8,
    WIRE_STATUS_FAILED_PRECONDITION = 9,
    WIRE_STATUS_ABORTED = 10,
    WIRE_STATUS_OUT_OF_RANGE = 11,
    WIRE_STATUS_UNIMPLEMENTED = 12,
    WIRE_STATUS_INTERNAL = 13,
    WIRE_STATUS_UNAVAILABLE = 14,
    WIRE_STATUS_DATA_LOSS = 15,
    WIRE_STATUS_UNAUTHENTICATED = 16,
};

/* "OK", "CANCELLED", ... for logs; "UNKNOWN_CODE" outside 0..16. Static string. */
const char *wire_status_code_name(int code);

/*
 * Library lifetime. wire_init takes a reference on the gRPC library (grpc_init) and routes
 * gRPC's own log lines into em_log; wire_shutdown drops it (grpc_shutdown, blocking when it is
 * the last one). Both are thread-safe. Servers and channels take their own reference, so calling
 * these is only needed to keep gRPC alive between objects or to control when it starts.
 */
void wire_init(void);
void wire_shutdown(void);

/* ============================================================================================
 * SERVER
 * ========================================================================================== */

typedef struct wire_server wire_server;
typedef struct wire_call wire_call; /* one server-side RPC in progress */

typedef enum wire_method_kind {
    WIRE_UNARY,         /* one request, one response */
    WIRE_SERVER_STREAM, /* one request, any number of responses */
    WIRE_CLIENT_STREAM, /* any number of requests (wire_call_read), one response */
} wire_method_kind;

/*
 * A method handler. Runs on a pool thread with an 8 MiB stack and may block as long as it
 * likes. It should end with exactly one wire_call_finish (or wire_call_reply); if it returns
 * without one, wire answers INTERNAL. After the handler returns, `call` is gone.
 */
typedef void (*wire_handler_fn)(wire_call *call, void *ctx);

/* Zero/NULL fields take the defaults. */
typedef struct wire_server_config {
    const char *host;         /* default "127.0.0.1"; IPv6 literals without brackets are fine */
    int port;                 /* 0 = pick a free port (see wire_server_start's bound_port) */
    const char *tls_cert_pem; /* PEM contents (not paths), both or neither; copied */
    const char *tls_key_pem;
    int max_message_bytes;    /* default WIRE_DEFAULT_MAX_MESSAGE, receive and send */
    int max_threads;          /* handler thread cap, default WIRE_DEFAULT_MAX_THREADS */
    int keepalive_time_ms;    /* server keepalive ping interval, default 60 s */
    int keepalive_timeout_ms; /* ping ack timeout before the connection is dropped, default 20 s */
} wire_server_config;

/*
 * Creates a stopped server. cfg may be NULL (all defaults); it is copied.
 * Returns NULL with err set on an invalid config (e.g. only one of cert/key).
 */
wire_server *wire_server_new(const wire_server_config *cfg, em_error *err);

/*
 * Registers a handler for a full method path ("/spark.connect.SparkConnectService/ExecutePlan").
 * Must be called before wire_server_start. path is copied; ctx is borrowed and passed to every
 * invocation (handlers run concurrently: ctx must be thread-safe).
 * Returns 0, or WIRE_ESTATE (logged: already started, duplicate, path not starting '/', NULL fn).
 */
int wire_server_register(wire_server *s, const char *method_path, wire_method_kind kind,
                         wire_handler_fn fn, void *ctx);

/*
 * Binds, starts listening and starts the pool. *bound_port (nullable) receives the actual port.
 * Returns 0, or WIRE_ELOCAL with err set (address in use — SO_REUSEPORT is off — bad host, TLS
 * material rejected, called twice). After a failure the server can only be freed.
 */
int wire_server_start(wire_server *s, int *bound_port, em_error *err);

/*
 * Stops accepting calls, cancels every call in flight (their sends and reads fail with
 * WIRE_EGONE, wire_call_cancelled turns true), waits until every running handler has returned,
 * then stops the pool. Idempotent and thread-safe: a concurrent second caller also waits for
 * the end. Harmless on a server that never started. Handlers that
 * compute without touching the call must poll wire_call_cancelled or shutdown waits for them.
 * Must not be called from a handler (it would wait for itself).
 */
void wire_server_shutdown(wire_server *s);

/* Shuts down if needed, then frees everything. NULL is a no-op. */
void wire_server_free(wire_server *s);

/* A snapshot of the pool, for metrics and tests. Thread-safe. */
typedef struct wire_server_stats {
    int n_threads;            /* pool threads alive */
    int n_idle;               /* of which waiting for a call */
    int n_busy;               /* of which running a call */
    uint64_t n_calls;         /* calls taken since start (registered methods) */
    uint64_t n_unimplemented; /* calls answered UNIMPLEMENTED */
} wire_server_stats;
void wire_server_get_stats(wire_server *s, wire_server_stats *out);

/* --- in a handler (all functions below are for the handler's thread unless stated) --------- */

/*
 * UNARY / SERVER_STREAM: the request message as one contiguous buffer. *data is owned by the
 * call (valid until the handler returns; it may be NULL when *len is 0).
 * Returns 0, or WIRE_ESTATE for a CLIENT_STREAM method.
 */
int wire_call_request(wire_call *c, const uint8_t **data, size_t *len);

/*
 * CLIENT_STREAM: waits for the next request message.
 * Returns 1 with *data (caller releases with em_free; never NULL) and *len set, 0 when the
 * client half-closed (no more messages), WIRE_EGONE when the call died (cancel, disconnect,
 * deadline, oversize message, shutdown), WIRE_ESTATE for other method kinds.
 */
int wire_call_read(wire_call *c, uint8_t **data, size_t *len);

/*
 * The first value of request metadata `key` (lower-case, as gRPC normalizes keys) as a
 * NUL-terminated copy owned by the call, or NULL if absent. For "-bin" keys the bytes are the
 * decoded binary value (may contain NULs; use wire_call_metadata_bin for the length).
 */
const char *wire_call_metadata(wire_call *c, const char *key);
/* Same, also returning the value's length in *len (nullable). */
const char *wire_call_metadata_bin(wire_call *c, const char *key, size_t *len);

/* The method path. Borrowed, valid while the server lives. */
const char *wire_call_method(wire_call *c);

/* The peer address, e.g. "ipv4:127.0.0.1:51234". Owned by the call. Never NULL. */
const char *wire_call_peer(wire_call *c);

/*
 * Sends one response message (copies data). Blocks until gRPC accepted it (HTTP/2 flow control;
 * not until the client read it). The first send also sends the response headers.
 * UNARY and CLIENT_STREAM methods take exactly one response message.
 * Returns 0, WIRE_EGONE when the client went away / the call was cancelled (stop producing;
 * no status will reach the client), WIRE_ESTATE after finish or for a second message of a
 * single-response method, WIRE_ELOCAL if grpc refused.
 */
int wire_call_send(wire_call *c, const uint8_t *data, size_t len);

/*
 * Zero-copy send. A message made of pieces, concatenated in order. A piece with release == NULL
 * is copied during the call; a piece with release != NULL is referenced without copying, and
 * release(release_arg) runs exactly once when gRPC no longer needs the bytes — on any thread,
 * possibly after this function returned, and also when the send fails. Use it for large Arrow
 * bodies (16 KiB and up); coalesce small pieces yourself. Results as wire_call_send.
 */
typedef void (*wire_release_fn)(void *arg);
typedef struct wire_piece {
    const uint8_t *data;
    size_t len;
    wire_release_fn release; /* NULL = copy */
    void *release_arg;
} wire_piece;
int wire_call_send_pieces(wire_call *c, const wire_piece *pieces, size_t n_pieces);

/*
 * Ends the call with a status: status_code (WIRE_STATUS_*), message (nullable, copied), and an
 * optional serialized google.rpc.Status sent as the grpc-status-details-bin trailer (raw bytes;
 * gRPC encodes them). Its code and message must equal status_code and message (PySpark's
 * grpc_status.from_call rejects a mismatch). Keep message + details under WIRE_TRAILER_BUDGET:
 * clients reject trailers over 8 KiB and lose the details. Call exactly once per call;
 * afterwards the handler should return.
 * Returns 0 when the status was handed to gRPC, WIRE_EGONE if the client was already gone
 * (nothing sent), WIRE_ESTATE if already finished or status_code is outside 0..16.
 */
int wire_call_finish(wire_call *c, int status_code, const char *message,
                     const uint8_t *status_details_bin, size_t details_len);

/*
 * Unary fast path: sends one response message and status OK in a single batch (one round of
 * HTTP/2 frames). Equivalent to wire_call_send + wire_call_finish(OK). Results as finish.
 */
int wire_call_reply(wire_call *c, const uint8_t *data, size_t len);

/*
 * True once the client cancelled or disconnected, the deadline passed, the server is shutting
 * down, or the call was aborted. Non-blocking (polls the call's queue). Call it between units
 * of long computations.
 */
bool wire_call_cancelled(wire_call *c);

/* Milliseconds until the client's deadline (0 once passed), or -1 when the client set none. */
int64_t wire_call_deadline_ms(wire_call *c);

/*
 * Aborts the call from ANY thread: the client receives `status_code` and `message` (no details
 * trailer), a send blocked in flow control fails with WIRE_EGONE, and the handler's own finish
 * becomes a no-op. Meant for interrupting a handler stuck because the client stopped reading;
 * prefer a flag that the handler turns into a normal status. The caller must guarantee that
 * the handler has not returned yet (e.g. by unregistering under a lock before it returns).
 */
void wire_call_abort(wire_call *c, int status_code, const char *message);

/* ============================================================================================
 * CLIENT
 * ========================================================================================== */

typedef struct wire_channel wire_channel;

/* Zero/NULL fields take the defaults. */
typedef struct wire_channel_opts {
    bool use_tls;
    const char *root_certs_pem;  /* PEM contents; NULL = system default roots */
    const char *tls_server_name; /* expected certificate name when it differs from the target
                                    host (e.g. target is an IP); NULL = from the target */
    bool local_credentials;      /* gRPC local credentials (plaintext, loopback TCP only) */
    const char *const *metadata; /* n_metadata (key, value) pairs sent on every call, e.g.
                                    {"authorization", "Bearer x"}; copied */
    size_t n_metadata;
    int max_message_bytes; /* default WIRE_DEFAULT_MAX_MESSAGE, receive and send */
    int keepalive_time_ms; /* client keepalive pings, 0 = off */
} wire_channel_opts;

/*
 * The outcome of a call as the client saw it. message is never NULL after a call filled it
 * (possibly ""); details is the grpc-status-details-bin trailer (NULL/0 if absent). Released
 * with wire_status_release (which zeroes the struct; releasing a zeroed struct is a no-op).
 */
typedef struct wire_status {
    int code;
    char *message;
    uint8_t *details;
    size_t details_len;
} wire_status;
void wire_status_release(wire_status *st);

/*
 * Creates a channel to target ("host:port", also "dns:///host:port", "unix:/path"). Connects
 * lazily; a server that is down shows up as WIRE_STATUS_UNAVAILABLE on calls. opts may be NULL.
 * Returns NULL with err set on invalid options (bad metadata key/value, TLS + local).
 */
wire_channel *wire_channel_new(const char *target, const wire_channel_opts *opts, em_error *err);

/* Frees the channel. Every stream/cstream on it must have been freed. NULL is a no-op. */
void wire_channel_free(wire_channel *ch);

/*
 * A unary call. extra_md holds n_extra_md (key, value) pairs for this call only (copied).
 * timeout_ms <= 0 means no deadline. st is an output (previous contents are not freed).
 * Returns 0 when the call completed: the outcome is in st, and when st->code == 0, *resp
 * (caller releases with em_free; never NULL) and *resp_len hold the response. Returns
 * WIRE_ELOCAL on a local failure (e.g. invalid metadata); st is then filled with INTERNAL and a
 * message. *resp is NULL whenever st->code != 0.
 */
int wire_unary(wire_channel *ch, const char *path, const uint8_t *req, size_t len,
               const char *const *extra_md, size_t n_extra_md, int timeout_ms, uint8_t **resp,
               size_t *resp_len, wire_status *st);

/* --- server-streaming call ------------------------------------------------------------- */

typedef struct wire_stream wire_stream;

/*
 * Starts a server-streaming call (no deadline: Spark clients set none on ExecutePlan). Returns
 * once the request is handed to gRPC; does not wait for the server. Returns NULL with err set on
 * a local failure; connection problems show up in the final status instead.
 */
wire_stream *wire_stream_start(wire_channel *ch, const char *path, const uint8_t *req, size_t len,
                               const char *const *extra_md, size_t n_extra_md, em_error *err);

/*
 * Waits for the next response message. Returns 1 with *msg (caller releases with em_free; never
 * NULL) and *len, 0 when the stream ended (the status is then available, OK or not), or
 * WIRE_ELOCAL on a local failure (the status is then INTERNAL). Keeps returning 0 after the end.
 */
int wire_stream_next(wire_stream *s, uint8_t **msg, size_t *len);

/* The final status, owned by the stream; NULL until wire_stream_next returned 0 or < 0. */
const wire_status *wire_stream_status(wire_stream *s);

/*
 * Cancels the call; the server sees the cancel and next() returns 0 with status CANCELLED
 * (unless the stream already ended). Thread-safe: may run while another thread blocks in next().
 * Must not race with wire_stream_free.
 */
void wire_stream_cancel(wire_stream *s);

/* Cancels if still running, waits for gRPC to release the call, frees. NULL is a no-op. */
void wire_stream_free(wire_stream *s);

/* --- client-streaming call (AddArtifacts) --------------------------------------------------- */

typedef struct wire_cstream wire_cstream;

/* Starts a client-streaming call (no deadline). Returns NULL with err set on a local failure. */
wire_cstream *wire_cstream_start(wire_channel *ch, const char *path, const char *const *extra_md,
                                 size_t n_extra_md, em_error *err);

/*
 * Sends one request message (copies msg); blocks until gRPC accepted it (flow control).
 * Returns 0, or WIRE_EGONE when the call already ended (the server may have answered early with
 * an error): call wire_cstream_finish to learn the status. WIRE_ESTATE after finish.
 */
int wire_cstream_write(wire_cstream *s, const uint8_t *msg, size_t len);

/*
 * Half-closes, then waits for the response and the status. Results as wire_unary: 0 with the
 * outcome in st (and *resp when st->code == 0), WIRE_ELOCAL on a local failure, WIRE_ESTATE if
 * called twice.
 */
int wire_cstream_finish(wire_cstream *s, uint8_t **resp, size_t *resp_len, wire_status *st);

/* Cancels if not finished, frees. NULL is a no-op. */
void wire_cstream_free(wire_cstream *s);

#endif
