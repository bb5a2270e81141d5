/*
 * cn_int: structures shared by the files of connect/ (the Spark Connect service). Not a public
 * header: the rest of Ember sees only connect/cn_server.h.
 *
 * Object model and locking:
 *  - cn_server owns the wire server, the session manager and server-wide options.
 *  - cn_mgr holds every live session (keyed by user_id + session_id) and the tombstones of
 *    released ones under one mutex. Sessions are refcounted: a handler holds a reference for
 *    the length of its call (cn_session_get / cn_session_put).
 *  - cn_session owns its conf, temp views, artifacts, stored errors and operations; its own
 *    mutex guards those collections.
 *  - cn_op is one ExecutePlan operation: a producer thread runs the plan and appends encoded
 *    ExecutePlanResponse messages to the op's buffer; RPC threads (ExecutePlan, then any
 *    ReattachExecute) stream them out. op->mu guards the buffer and state; op->cv signals
 *    changes. Ops are refcounted (session list + producer + each attached sender).
 */
#ifndef CN_INT_H
#define CN_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/em_error.h"
#include "common/em_uuid.h"
#include "connect/cn_conf.h"
#include "connect/cn_server.h"
#include "wire/wire.h"

#include <protobuf-c/protobuf-c.h>

#define CN_ID_MAX 37 /* UUID text + NUL */
/* The status message of a call without the configured bearer token (UNAUTHENTICATED). */
#define CN_UNAUTHENTICATED_MESSAGE "Invalid authentication token"
#define CN_USER_MAX                256

typedef struct cn_server cn_server;
typedef struct cn_session cn_session;
typedef struct cn_op cn_op;

/* One encoded ExecutePlanResponse kept for (re)sending. */
typedef struct cn_resp {
    struct cn_resp *next;
    int64_t index; /* 0, 1, 2... in production order */
    char response_id[CN_ID_MAX];
    uint8_t *bytes;
    size_t len;
    bool sent; /* streamed at least once */
} cn_resp;

typedef enum cn_op_state {
    CN_OP_RUNNING,
    CN_OP_SUCCEEDED,
    CN_OP_FAILED,
} cn_op_state;

struct cn_op {
    int refcount; /* atomic */
    char op_id[CN_ID_MAX];
    cn_session *session; /* borrowed: the session outlives its ops */
    int n_tags;
    char **tags;
    bool reattachable;
    uint8_t *plan_bytes; /* the serialized Plan (owned) */
    size_t plan_len;

    pthread_mutex_t mu;
    pthread_cond_t cv;
    cn_resp *head, *tail; /* retained responses, oldest first */
    int64_t n_produced;
    int64_t unsent_bytes;
    cn_op_state state;
    em_error error; /* when FAILED */
    bool interrupted;
    bool released;  /* ReleaseExecute(release_all) or removed: producer should stop */
    int attach_gen; /* increments on every attach; older senders quit */
    int n_attached;
    int64_t detached_since_ms; /* when the last sender left (0 while attached) */
    void *cancel_target;       /* exec query while running (ex_query *), under mu */
    pthread_t thread;
    bool thread_started;
};

typedef struct cn_view {
    char *name;   /* lower-cased when case-insensitive */
    uint8_t *rel; /* serialized spark.connect.Relation */
    size_t rel_len;
} cn_view;

typedef struct cn_artifact {
    char *name;
    uint8_t *data;
    size_t len;
} cn_artifact;

typedef struct cn_stored_error {
    char id[CN_ID_MAX];
    em_error err;
} cn_stored_error;

#define CN_MAX_STORED_ERRORS 64

struct cn_session {
    int refcount; /* atomic; the manager holds one while the session is live */
    cn_server *server;
    char user_id[CN_USER_MAX];
    char session_id[CN_ID_MAX];
    char server_side_id[CN_ID_MAX];
    int client_major, client_minor; /* from client_type "spark/X.Y"; 0 if unknown */

    pthread_mutex_t mu;
    bool closed;
    int64_t last_access_ms;
    cn_conf conf;
    int n_views, cap_views;
    cn_view *views;
    int n_artifacts, cap_artifacts;
    cn_artifact *artifacts;
    int n_errors; /* ring of stored errors for FetchErrorDetails */
    int next_error;
    cn_stored_error errors[CN_MAX_STORED_ERRORS];
    int n_ops, cap_ops;
    cn_op **ops;
    int n_persisted; /* cn_analyze.c's persist registry (cn_persisted[]) */
    void *persisted;
    /* tombstones of released operation ids (ring) */
    char op_tombstones[256][CN_ID_MAX];
    int n_op_tombstones;
    /* Added (catalog): the current database (USE / setCurrentDatabase), lower case; "" =
       default. Under mu. */
    char current_db[256];
};

typedef struct cn_mgr {
    pthread_mutex_t mu;
    int n, cap;
    cn_session **sessions;
    /* tombstones of released sessions: "user_id\nsession_id" (ring of 1000) */
    char **tombstones;
    int n_tombstones, next_tombstone;
    int64_t idle_timeout_ms;
} cn_mgr;

struct cn_server {
    cn_server_opts opts;
    wire_server *wire;
    cn_mgr mgr;
    int port;
    pthread_t reaper;
    bool reaper_started;
    pthread_mutex_t stop_mu;
    pthread_cond_t stop_cv;
    bool stopping;
};

int64_t cn_now_ms(void);

/* ---- sessions (cn_session.c) ---- */
void cn_mgr_init(cn_mgr *m, int64_t idle_timeout_ms);
void cn_mgr_release(cn_mgr *m);
/* True if (user_id, session_id) was released without allow_reconnect (caller holds m->mu). */
bool cn_mgr_is_tombstoned(cn_mgr *m, const char *user_id, const char *session_id);
typedef enum {
    CN_SESSION_CREATE,  /* create if missing */
    CN_SESSION_EXISTING /* must exist (Reattach, Release, Clone) */
} cn_session_mode;
/*
 * Finds or creates the session of (user_id, session_id), checking Spark's rules: UUID format,
 * tombstones (SESSION_CLOSED), existence (SESSION_NOT_FOUND), the client's observed server-side
 * id (SESSION_CHANGED; NULL or "" = not observed). Returns a reference (cn_session_put).
 */
cn_session *cn_session_get(cn_server *srv, const char *user_id, const char *session_id,
                           const char *observed_server_side_id, const char *client_type,
                           cn_session_mode mode, em_error *err);
void cn_session_put(cn_session *s);
/* Closes and removes a session (ReleaseSession); tombstones it unless allow_reconnect. */
void cn_session_release(cn_server *srv, const char *user_id, const char *session_id,
                        bool allow_reconnect);
/* Clones a session into new_session_id (confs, temp views, artifacts). */
cn_session *cn_session_clone(cn_server *srv, cn_session *src, const char *new_session_id,
                             em_error *err);
/* Stores err for FetchErrorDetails and writes its id into id_out. */
void cn_session_store_error(cn_session *s, const em_error *err, char id_out[CN_ID_MAX]);
/* Takes (removes) a stored error; returns false if unknown. */
bool cn_session_take_error(cn_session *s, const char *id, em_error *out);
/* Temp views (names compared case-insensitively). */
void cn_session_put_view(cn_session *s, const char *name, const uint8_t *rel, size_t len);
bool cn_session_get_view(cn_session *s, const char *name, uint8_t **rel, size_t *len);
bool cn_session_has_view(cn_session *s, const char *name);
bool cn_session_drop_view(cn_session *s, const char *name);
/* Global temp views live in the server (global_temp database). */
void cn_global_put_view(cn_server *srv, const char *name, const uint8_t *rel, size_t len);
bool cn_global_get_view(cn_server *srv, const char *name, uint8_t **rel, size_t *len);
bool cn_global_has_view(cn_server *srv, const char *name);
bool cn_global_drop_view(cn_server *srv, const char *name);
/* Copies the global view names (caller frees each and the array with em_free). */
int cn_global_view_names(cn_server *srv, char ***names);
/* Artifacts. */
void cn_session_put_artifact(cn_session *s, const char *name, uint8_t *data, size_t len);
bool cn_session_get_artifact(cn_session *s, const char *name, const uint8_t **data, size_t *len);
/* Reaper: drops idle sessions and abandoned operations. */
void cn_mgr_reap(cn_server *srv);
/* Session options for the engine from the session conf. */
struct pl_session_opts;
void cn_session_engine_opts(cn_session *s, struct pl_session_opts *opts, char *tz_buf,
                            size_t tz_size);

/* ---- operations (cn_op.c) ---- */
cn_op *cn_op_new(cn_session *s, const char *op_id, bool reattachable);
cn_op *cn_op_retain(cn_op *op);
void cn_op_release(cn_op *op);
/* Registers op in its session; OPERATION_ALREADY_EXISTS if the id is taken or tombstoned. */
int cn_op_register(cn_op *op, em_error *err);
cn_op *cn_op_find(cn_session *s, const char *op_id); /* reference or NULL */
bool cn_op_is_tombstoned(cn_session *s, const char *op_id);
/* Removes op from its session and tombstones the id; stops the producer. */
void cn_op_remove(cn_op *op);
/* Producer side: appends an encoded response (takes ownership of bytes). Blocks while too many
   unsent bytes are buffered; returns <0 if the op was released/interrupted meanwhile. */
int cn_op_append(cn_op *op, uint8_t *bytes, size_t len, const char *response_id);
void cn_op_finish(cn_op *op, const em_error *err /* NULL = success */);
/* Interrupt: marks and cancels; returns true if the op was running. */
bool cn_op_interrupt(cn_op *op);
/* Drops retained responses up to and including response_id; POSITION_NOT_FOUND if unknown. */
int cn_op_release_until(cn_op *op, const char *response_id, em_error *err);
/*
 * Streams the op's responses to call starting after last_response_id (NULL = from the first
 * retained response), then finishes the call. Kicks any older sender.
 */
void cn_op_stream(cn_server *srv, cn_op *op, wire_call *call, const char *last_response_id);
/* Starts the producer thread running the plan. */
int cn_op_start(cn_op *op, em_error *err);

/* ---- the plan pipeline (cn_run.c) ---- */
/* The producer body: executes op->plan_bytes, appending responses; sets the final state. */
void cn_run_operation(cn_op *op);

/* ---- errors (cn_error.c) ---- */
/*
 * Finishes call with Spark's error status for err: gRPC INTERNAL (or the mapped code), message
 * "[CLASS] msg SQLSTATE: x" truncated, grpc-status-details-bin = google.rpc.Status with an
 * ErrorInfo (reason = JVM class, domain org.apache.spark, metadata classes / sqlState /
 * errorClass / messageParameters / errorId). When session is given, stores the full error for
 * FetchErrorDetails.
 */
void cn_finish_error(wire_call *call, cn_session *session, const em_error *err);
/* A gRPC status without details (UNAUTHENTICATED, INVALID_ARGUMENT...). */
void cn_finish_plain(wire_call *call, int code, const char *message);
/* The JVM class hierarchy (most specific first) for a class name, as a JSON array. */
void cn_error_classes_json(const char *jvm_class, char *out, size_t size);

/* ---- requests (cn_proto.c) ---- */
/*
 * Rejects protobuf input nested deeper than max_depth or with invalid UTF-8 in string fields
 * (a wire-level walk guided by the descriptors, no recursion), then unpacks it. Returns the
 * message (free with protobuf_c_message_free_unpacked) or NULL with
 * CONNECT_INVALID_PLAN.CANNOT_PARSE.
 */
ProtobufCMessage *cn_unpack(const ProtobufCMessageDescriptor *desc, const uint8_t *data, size_t len,
                            em_error *err);
int cn_check_depth_desc(const ProtobufCMessageDescriptor *root, const uint8_t *data, size_t len,
                        int max_depth, em_error *err);
/*
 * The prologue of every unary / server-streaming handler: checks the bearer token
 * (UNAUTHENTICATED), takes the request bytes and unpacks them with cn_unpack. On failure the
 * call is already finished and NULL is returned; otherwise the caller frees the message with
 * protobuf_c_message_free_unpacked.
 */
ProtobufCMessage *cn_call_request(cn_server *srv, wire_call *call,
                                  const ProtobufCMessageDescriptor *desc);
/*
 * The session of a request (cn_session_get with the envelope's fields). On failure the call is
 * finished with the error, req is freed and NULL is returned.
 */
struct Spark__Connect__UserContext;
cn_session *cn_call_session(cn_server *srv, wire_call *call, ProtobufCMessage *req,
                            const struct Spark__Connect__UserContext *user, const char *session_id,
                            const char *observed, const char *client_type, cn_session_mode mode);
/* Packs a message into a new em_malloc'd buffer. */
uint8_t *cn_pack(const ProtobufCMessage *msg, size_t *len);
bool cn_utf8_valid(const char *s, size_t len);

/* ---- handlers ---- */
void cn_handle_execute(wire_call *call, void *ctx);
void cn_handle_reattach(wire_call *call, void *ctx);
void cn_handle_release_execute(wire_call *call, void *ctx);
void cn_handle_interrupt(wire_call *call, void *ctx);
void cn_handle_analyze(wire_call *call, void *ctx);
void cn_handle_config(wire_call *call, void *ctx);
void cn_handle_add_artifacts(wire_call *call, void *ctx);
void cn_handle_artifact_status(wire_call *call, void *ctx);
void cn_handle_release_session(wire_call *call, void *ctx);
void cn_handle_fetch_error_details(wire_call *call, void *ctx);
void cn_handle_clone_session(wire_call *call, void *ctx);

/* Auth: true if the call carries the configured bearer token (or none is configured). */
bool cn_auth_ok(cn_server *srv, wire_call *call);

#endif
