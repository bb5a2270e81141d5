/*
 * wire_server: the gRPC server — configuration, method registration, the request slots, the
 * poller/handler thread pool and shutdown. The per-call API handlers use lives in wire_call.c.
 *
 * Flow. wire_server_start binds, starts grpc, arms one request slot per registered method plus
 * one catch-all slot (grpc_server_request_call) for unregistered methods, and starts two pool
 * threads. Every pool thread loops on the notification queue:
 *   - a slot event with success=1 is a new call: the thread marks itself busy, spawns another
 *     thread if it was the last idle one (up to max_threads), re-arms a fresh slot for the same
 *     method, runs the handler to completion on the slot's own queue, then releases the call
 *     and recycles the slot;
 *   - a slot event with success=0 means the server is shutting down: the slot is recycled;
 *   - the shutdown tag marks that grpc finished shutting down;
 *   - GRPC_QUEUE_SHUTDOWN ends the thread.
 * After a call, a thread exits when WIRE_MAX_IDLE threads already wait, so a burst of calls
 * does not leave max_threads stacks behind. Exited threads are joined by the next spawner or by
 * shutdown.
 *
 * Invariants (all counters under s->mu):
 *   n_threads = running pool threads; n_idle of them wait on the notification queue (or are
 *   about to); n_busy of them hold a grpc_call. n_armed = requests handed to grpc whose event
 *   has not been taken yet; every armed request yields exactly one event (a call, or a failure
 *   once shutdown starts), and only a busy thread (or start) arms. So once the shutdown tag was
 *   seen and n_armed == 0 and n_busy == 0, nothing holds a call, nothing will arm again and no
 *   event is owed: only then does grpc_server_destroy run. (The tag alone does not prove that:
 *   grpc may publish it when the connections are closed while a taken call is still
 *   referenced.) Slot queues are created once and reused; every event on them is consumed by
 *   the call that used them, so they are empty when recycled and when destroyed.
 */
#include "wire/wire_int.h"

#include <grpc/grpc_security.h>

#include <stdio.h>
#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"

#define WIRE_INITIAL_THREADS              2
#define WIRE_MAX_IDLE                     2
#define WIRE_MAX_METHODS                  256
#define WIRE_DEFAULT_KEEPALIVE_MS         60000
#define WIRE_DEFAULT_KEEPALIVE_TIMEOUT_MS 20000
/* Client pings closer together than this count as a strike; strikes are tolerated (see args). */
#define WIRE_MIN_CLIENT_PING_MS 10000

typedef struct wire_thread {
    struct wire_thread *next;
    struct wire_server *server;
    pthread_t tid;
    bool exited; /* set by the thread itself under s->mu just before it returns */
} wire_thread;

typedef enum wire_server_state {
    WIRE_SRV_NEW,     /* registering methods */
    WIRE_SRV_RUNNING, /* started */
    WIRE_SRV_FAILED,  /* start failed: only free */
    WIRE_SRV_STOPPED, /* shut down */
} wire_server_state;

struct wire_server {
    /* configuration (copied) */
    char *host;
    int port;
    char *tls_cert_pem;
    char *tls_key_pem;
    int max_message_bytes;
    int max_threads;
    int keepalive_time_ms;
    int keepalive_timeout_ms;

    wire_method *methods;
    int n_methods;

    grpc_server *server;
    grpc_completion_queue *notify_cq;
    char shutdown_tag; /* its address is the tag of grpc_server_shutdown_and_notify */

    pthread_mutex_t mu;
    pthread_cond_t cond;
    wire_server_state state;
    bool shutting_down;
    bool shutdown_seen;
    int n_threads;
    int n_idle;
    int n_busy;
    int n_armed;
    uint64_t n_calls;
    uint64_t n_unimplemented;
    wire_thread *threads;
    wire_slot *free_slots;
    wire_slot *all_slots;
};

static void *wire_pool_main(void *arg);

/* ---- configuration ------------------------------------------------------------------------ */

wire_server *wire_server_new(const wire_server_config *cfg, em_error *err)
{
    wire_server_config defaults;
    memset(&defaults, 0, sizeof defaults);
    if (!cfg)
        cfg = &defaults;
    if ((cfg->tls_cert_pem == NULL) != (cfg->tls_key_pem == NULL)) {
        em_error_internal(err, "wire: TLS needs both a certificate and a key");
        return NULL;
    }
    if (cfg->port < 0 || cfg->port > 65535 || cfg->max_message_bytes < 0 || cfg->max_threads < 0 ||
        cfg->keepalive_time_ms < 0 || cfg->keepalive_timeout_ms < 0) {
        em_error_internal(err,
                          "wire: invalid server config (port %d, max_message_bytes %d, "
                          "max_threads %d)",
                          cfg->port, cfg->max_message_bytes, cfg->max_threads);
        return NULL;
    }

    wire_server *s = em_calloc(1, sizeof *s);
    s->host = em_strdup(cfg->host && cfg->host[0] ? cfg->host : "127.0.0.1");
    s->port = cfg->port;
    s->tls_cert_pem = em_strdup(cfg->tls_cert_pem);
    s->tls_key_pem = em_strdup(cfg->tls_key_pem);
    s->max_message_bytes =
        cfg->max_message_bytes ? cfg->max_message_bytes : WIRE_DEFAULT_MAX_MESSAGE;
    s->max_threads = cfg->max_threads ? cfg->max_threads : WIRE_DEFAULT_MAX_THREADS;
    s->keepalive_time_ms =
        cfg->keepalive_time_ms ? cfg->keepalive_time_ms : WIRE_DEFAULT_KEEPALIVE_MS;
    s->keepalive_timeout_ms =
        cfg->keepalive_timeout_ms ? cfg->keepalive_timeout_ms : WIRE_DEFAULT_KEEPALIVE_TIMEOUT_MS;
    s->methods = em_calloc(WIRE_MAX_METHODS, sizeof *s->methods);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cond, NULL);
    s->state = WIRE_SRV_NEW;

    wire_init();
    grpc_arg args[] = {
        wire_arg_int(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, s->max_message_bytes),
        wire_arg_int(GRPC_ARG_MAX_SEND_MESSAGE_LENGTH, s->max_message_bytes),
        /* Pitfall: Linux grpc sets SO_REUSEPORT by default, so a second server on the same port
         * would bind silently and steal half the connections. */
        wire_arg_int(GRPC_ARG_ALLOW_REUSEPORT, 0),
        /* Our own pings detect silent peers (stopped clients) and keep NATs open. */
        wire_arg_int(GRPC_ARG_KEEPALIVE_TIME_MS, s->keepalive_time_ms),
        wire_arg_int(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, s->keepalive_timeout_ms),
        wire_arg_int(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0),
        /* Tolerate client keepalive pings, also on idle connections: clients configured with
         * short keepalives must not be cut off with GOAWAY "too_many_pings". */
        wire_arg_int(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1),
        wire_arg_int(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                     WIRE_MIN_CLIENT_PING_MS),
        wire_arg_int(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0),
    };
    grpc_channel_args chargs = {.num_args = sizeof args / sizeof args[0], .args = args};
    s->server = grpc_server_create(&chargs, NULL);
    s->notify_cq = grpc_completion_queue_create_for_next(NULL);
    grpc_server_register_completion_queue(s->server, s->notify_cq, NULL);
    return s;
}

int wire_server_register(wire_server *s, const char *method_path, wire_method_kind kind,
                         wire_handler_fn fn, void *ctx)
{
    if (!method_path || method_path[0] != '/' || !fn ||
        (kind != WIRE_UNARY && kind != WIRE_SERVER_STREAM && kind != WIRE_CLIENT_STREAM)) {
        EM_LOG_ERROR("wire: invalid method registration (%s)", method_path ? method_path : "NULL");
        return WIRE_ESTATE;
    }
    if (s->state != WIRE_SRV_NEW) {
        EM_LOG_ERROR("wire: cannot register %s after start", method_path);
        return WIRE_ESTATE;
    }
    if (s->n_methods >= WIRE_MAX_METHODS) {
        EM_LOG_ERROR("wire: too many methods (max %d)", WIRE_MAX_METHODS);
        return WIRE_ESTATE;
    }
    for (int idx = 0; idx < s->n_methods; idx++) {
        if (strcmp(s->methods[idx].path, method_path) == 0) {
            EM_LOG_ERROR("wire: method %s registered twice", method_path);
            return WIRE_ESTATE;
        }
    }
    wire_method *m = &s->methods[s->n_methods];
    m->path = em_strdup(method_path);
    m->kind = kind;
    m->fn = fn;
    m->ctx = ctx;
    /* Unary and server-streaming calls arrive with their request already read; client streams
     * read it message by message. The path string must outlive the server: it does (m->path). */
    m->handle = grpc_server_register_method(s->server, m->path, NULL,
                                            kind == WIRE_CLIENT_STREAM
                                                ? GRPC_SRM_PAYLOAD_NONE
                                                : GRPC_SRM_PAYLOAD_READ_INITIAL_BYTE_BUFFER,
                                            0);
    if (!m->handle) {
        em_free(m->path);
        m->path = NULL;
        EM_LOG_ERROR("wire: grpc refused to register %s", method_path);
        return WIRE_ESTATE;
    }
    s->n_methods++;
    return 0;
}

/* ---- slots ------------------------------------------------------------------------------- */

/* Takes a slot from the free list or makes one. Caller holds s->mu. */
static wire_slot *wire_slot_get_locked(wire_server *s)
{
    wire_slot *slot = s->free_slots;
    if (slot) {
        s->free_slots = slot->next_free;
    } else {
        slot = em_calloc(1, sizeof *slot);
        slot->cq = grpc_completion_queue_create_for_next(NULL);
        slot->next_all = s->all_slots;
        s->all_slots = slot;
    }
    slot->next_free = NULL;
    slot->call = NULL;
    slot->payload = NULL;
    slot->deadline = gpr_inf_future(GPR_CLOCK_REALTIME);
    grpc_metadata_array_init(&slot->md);
    grpc_call_details_init(&slot->details);
    return slot;
}

/* Releases what a (possibly unused) request left in the slot and returns it to the free list. */
static void wire_slot_recycle(wire_server *s, wire_slot *slot)
{
    if (slot->call)
        grpc_call_unref(slot->call);
    slot->call = NULL;
    if (slot->payload)
        grpc_byte_buffer_destroy(slot->payload);
    slot->payload = NULL;
    grpc_metadata_array_destroy(&slot->md);
    grpc_call_details_destroy(&slot->details);
    pthread_mutex_lock(&s->mu);
    slot->next_free = s->free_slots;
    s->free_slots = slot;
    pthread_mutex_unlock(&s->mu);
}

/* Counts one armed request as settled (its event was taken, or it never started). */
static void wire_disarm(wire_server *s)
{
    pthread_mutex_lock(&s->mu);
    s->n_armed--;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mu);
}

/* Arms a request for method_idx (-1 = catch-all). The event arrives on the notify queue. */
static void wire_slot_arm(wire_server *s, int method_idx)
{
    pthread_mutex_lock(&s->mu);
    wire_slot *slot = wire_slot_get_locked(s);
    s->n_armed++;
    pthread_mutex_unlock(&s->mu);
    slot->method_idx = method_idx;
    grpc_call_error rc;
    if (method_idx >= 0) {
        const wire_method *m = &s->methods[method_idx];
        rc = grpc_server_request_registered_call(
            s->server, m->handle, &slot->call, &slot->deadline, &slot->md,
            m->kind == WIRE_CLIENT_STREAM ? NULL : &slot->payload, slot->cq, s->notify_cq, slot);
    } else {
        rc = grpc_server_request_call(s->server, &slot->call, &slot->details, &slot->md, slot->cq,
                                      s->notify_cq, slot);
    }
    if (rc != GRPC_CALL_OK) {
        EM_LOG_ERROR("wire: cannot request calls for %s: %s",
                     method_idx >= 0 ? s->methods[method_idx].path : "unregistered methods",
                     grpc_call_error_to_string(rc));
        wire_slot_recycle(s, slot);
        wire_disarm(s);
    }
}

/* ---- running calls ---------------------------------------------------------------------- */

/* Catch-all slot: answers UNIMPLEMENTED in one batch. Pitfall: without this request, gRPC
 * leaves calls to unknown methods hanging until the client's deadline. */
static void wire_answer_unimplemented(wire_slot *slot)
{
    char msg[512];
    int path_len = (int)GRPC_SLICE_LENGTH(slot->details.method);
    snprintf(msg, sizeof msg, "Method not found: %.*s", path_len,
             (const char *)GRPC_SLICE_START_PTR(slot->details.method));
    EM_LOG_DEBUG("wire: %s", msg);
    grpc_slice msg_slice = grpc_slice_from_copied_string(msg);
    int cancelled = 0;
    grpc_op ops[3];
    memset(ops, 0, sizeof ops);
    ops[0].op = GRPC_OP_SEND_INITIAL_METADATA;
    ops[1].op = GRPC_OP_SEND_STATUS_FROM_SERVER;
    ops[1].data.send_status_from_server.status = GRPC_STATUS_UNIMPLEMENTED;
    ops[1].data.send_status_from_server.status_details = &msg_slice;
    ops[2].op = GRPC_OP_RECV_CLOSE_ON_SERVER;
    ops[2].data.recv_close_on_server.cancelled = &cancelled;
    static char tag;
    if (grpc_call_start_batch(slot->call, ops, 3, &tag, NULL) == GRPC_CALL_OK) {
        grpc_event ev;
        do {
            ev = grpc_completion_queue_next(slot->cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
        } while (ev.type == GRPC_OP_COMPLETE && ev.tag != &tag);
    }
    grpc_slice_unref(msg_slice);
}

static void wire_run_call(wire_server *s, wire_slot *slot)
{
    if (slot->method_idx < 0) {
        wire_answer_unimplemented(slot);
        return;
    }
    const wire_method *m = &s->methods[slot->method_idx];
    wire_call *c = &slot->state;
    memset(c, 0, sizeof *c);
    atomic_init(&c->aborted, false);
    c->server = s;
    c->method = m;
    c->call = slot->call;
    c->cq = slot->cq;
    c->request_md = &slot->md;
    c->payload = slot->payload;
    c->deadline = slot->deadline;
    wire_call_begin(c);
    if (m->kind != WIRE_CLIENT_STREAM && !c->payload) {
        /* The client half-closed without sending the request message. */
        wire_call_finish(c, WIRE_STATUS_INTERNAL, "wire: request message missing", NULL, 0);
    } else {
        m->fn(c, m->ctx);
    }
    wire_call_end(c);
}

/* ---- the pool ---------------------------------------------------------------------------- */

/* Joins threads that have exited. Caller holds s->mu (the exited threads no longer need it). */
static void wire_reap_locked(wire_server *s)
{
    wire_thread **link = &s->threads;
    while (*link) {
        wire_thread *t = *link;
        if (t->exited) {
            pthread_join(t->tid, NULL);
            *link = t->next;
            em_free(t);
        } else {
            link = &t->next;
        }
    }
}

/* Starts one pool thread, counted idle. Caller holds s->mu. Returns 0 or -1. */
static int wire_spawn_locked(wire_server *s)
{
    wire_reap_locked(s);
    wire_thread *t = em_calloc(1, sizeof *t);
    t->server = s;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WIRE_HANDLER_STACK_BYTES);
    int rc = pthread_create(&t->tid, &attr, wire_pool_main, t);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        EM_LOG_WARN("wire: cannot start a server thread: %s", strerror(rc));
        em_free(t);
        return -1;
    }
    t->next = s->threads;
    s->threads = t;
    s->n_threads++;
    s->n_idle++;
    return 0;
}

static void *wire_pool_main(void *arg)
{
    wire_thread *self = arg;
    wire_server *s = self->server;
    for (;;) {
        grpc_event ev =
            grpc_completion_queue_next(s->notify_cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
        if (ev.type == GRPC_QUEUE_SHUTDOWN)
            break;
        if (ev.type != GRPC_OP_COMPLETE)
            continue;
        if (ev.tag == &s->shutdown_tag) {
            pthread_mutex_lock(&s->mu);
            s->shutdown_seen = true;
            pthread_cond_broadcast(&s->cond);
            pthread_mutex_unlock(&s->mu);
            continue;
        }
        wire_slot *slot = ev.tag;
        if (!ev.success) {
            /* The request was cancelled: the server is shutting down. */
            wire_slot_recycle(s, slot);
            wire_disarm(s);
            continue;
        }

        pthread_mutex_lock(&s->mu);
        s->n_armed--;
        s->n_idle--;
        s->n_busy++;
        if (slot->method_idx >= 0)
            s->n_calls++;
        else
            s->n_unimplemented++;
        bool stopping = s->shutting_down;
        if (!stopping && s->n_idle == 0 && s->n_threads < s->max_threads)
            wire_spawn_locked(s);
        pthread_mutex_unlock(&s->mu);

        if (!stopping) {
            /* Re-arm first, so the next call to this method is matched while we work. */
            wire_slot_arm(s, slot->method_idx);
            wire_run_call(s, slot);
        }
        /* When stopping, the call was already cancelled by grpc_server_cancel_all_calls;
         * unreferencing it below is all it needs. */
        wire_slot_recycle(s, slot);

        pthread_mutex_lock(&s->mu);
        s->n_busy--;
        bool leave = !s->shutting_down && s->n_idle >= WIRE_MAX_IDLE;
        if (!leave)
            s->n_idle++;
        if (s->shutting_down)
            pthread_cond_broadcast(&s->cond);
        if (leave) {
            s->n_threads--;
            self->exited = true;
            pthread_mutex_unlock(&s->mu);
            return NULL;
        }
        pthread_mutex_unlock(&s->mu);
    }
    pthread_mutex_lock(&s->mu);
    s->n_idle--;
    s->n_threads--;
    self->exited = true;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/* ---- start / shutdown ------------------------------------------------------------------ */

int wire_server_start(wire_server *s, int *bound_port, em_error *err)
{
    if (s->state != WIRE_SRV_NEW) {
        em_error_internal(err, "wire: server already started");
        return WIRE_ESTATE;
    }
    char addr[300];
    bool v6 = strchr(s->host, ':') != NULL && s->host[0] != '[';
    snprintf(addr, sizeof addr, v6 ? "[%s]:%d" : "%s:%d", s->host, s->port);

    grpc_server_credentials *creds;
    if (s->tls_cert_pem) {
        grpc_ssl_pem_key_cert_pair pair = {.private_key = s->tls_key_pem,
                                           .cert_chain = s->tls_cert_pem};
        creds = grpc_ssl_server_credentials_create(NULL, &pair, 1, 0, NULL);
    } else {
        creds = grpc_insecure_server_credentials_create();
    }
    if (!creds) {
        s->state = WIRE_SRV_FAILED;
        em_error_internal(err, "wire: invalid TLS certificate or key");
        return WIRE_ELOCAL;
    }
    int port = grpc_server_add_http2_port(s->server, addr, creds);
    grpc_server_credentials_release(creds);
    if (port <= 0) {
        s->state = WIRE_SRV_FAILED;
        em_error_internal(err, "wire: cannot listen on %s (address in use or invalid)", addr);
        return WIRE_ELOCAL;
    }
    grpc_server_start(s->server);

    pthread_mutex_lock(&s->mu);
    s->state = WIRE_SRV_RUNNING;
    pthread_mutex_unlock(&s->mu);
    /* Requests may only be armed after grpc_server_start. */
    for (int idx = 0; idx < s->n_methods; idx++)
        wire_slot_arm(s, idx);
    wire_slot_arm(s, -1);

    pthread_mutex_lock(&s->mu);
    int n_started = 0;
    for (int idx = 0; idx < WIRE_INITIAL_THREADS && idx < s->max_threads; idx++)
        n_started += wire_spawn_locked(s) == 0;
    pthread_mutex_unlock(&s->mu);
    if (n_started == 0) {
        em_error_internal(err, "wire: cannot start server threads");
        wire_server_shutdown(s);
        return WIRE_ELOCAL;
    }
    if (bound_port)
        *bound_port = port;
    EM_LOG_DEBUG("wire: serving on %s%s%s:%d (%d methods%s)", v6 ? "[" : "", s->host, v6 ? "]" : "",
                 port, s->n_methods, s->tls_cert_pem ? ", TLS" : "");
    return 0;
}

void wire_server_get_stats(wire_server *s, wire_server_stats *out)
{
    pthread_mutex_lock(&s->mu);
    out->n_threads = s->n_threads;
    out->n_idle = s->n_idle;
    out->n_busy = s->n_busy;
    out->n_calls = s->n_calls;
    out->n_unimplemented = s->n_unimplemented;
    pthread_mutex_unlock(&s->mu);
}

void wire_server_shutdown(wire_server *s)
{
    pthread_mutex_lock(&s->mu);
    if (s->state != WIRE_SRV_RUNNING || s->shutting_down) {
        if (s->state == WIRE_SRV_NEW)
            s->state = WIRE_SRV_STOPPED;
        /* Another thread is shutting down: wait for it to finish. */
        while (s->state == WIRE_SRV_RUNNING)
            pthread_cond_wait(&s->cond, &s->mu);
        pthread_mutex_unlock(&s->mu);
        return;
    }
    s->shutting_down = true;
    pthread_mutex_unlock(&s->mu);

    /* Stop accepting, then cancel what runs: handlers see their sends/reads fail. */
    grpc_server_shutdown_and_notify(s->server, s->notify_cq, &s->shutdown_tag);
    grpc_server_cancel_all_calls(s->server);

    pthread_mutex_lock(&s->mu);
    if (s->n_threads == 0) {
        /* Nobody polls (all threads failed to start): take the events ourselves. */
        while (!s->shutdown_seen || s->n_armed > 0) {
            pthread_mutex_unlock(&s->mu);
            grpc_event ev =
                grpc_completion_queue_next(s->notify_cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
            pthread_mutex_lock(&s->mu);
            if (ev.type != GRPC_OP_COMPLETE)
                break;
            if (ev.tag == &s->shutdown_tag) {
                s->shutdown_seen = true;
            } else {
                pthread_mutex_unlock(&s->mu);
                wire_slot_recycle(s, ev.tag); /* unreferences a call taken by then */
                pthread_mutex_lock(&s->mu);
                s->n_armed--;
            }
        }
    }
    while (!s->shutdown_seen || s->n_busy > 0 || s->n_armed > 0)
        pthread_cond_wait(&s->cond, &s->mu);
    pthread_mutex_unlock(&s->mu);

    grpc_server_destroy(s->server);
    s->server = NULL;
    grpc_completion_queue_shutdown(s->notify_cq);

    pthread_mutex_lock(&s->mu);
    while (s->n_threads > 0)
        pthread_cond_wait(&s->cond, &s->mu);
    wire_reap_locked(s);
    s->state = WIRE_SRV_STOPPED;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->mu);

    /* Every event was taken already; this only waits for the queue's end when no pool thread
     * ever ran. */
    grpc_event ev;
    do {
        ev = grpc_completion_queue_next(s->notify_cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
    } while (ev.type != GRPC_QUEUE_SHUTDOWN);
    EM_LOG_DEBUG("wire: server stopped");
}

void wire_server_free(wire_server *s)
{
    if (!s)
        return;
    wire_server_shutdown(s);
    if (s->server) {
        /* Never started (or start failed before listening): no listener, no calls. */
        grpc_server_destroy(s->server);
        s->server = NULL;
        grpc_completion_queue_shutdown(s->notify_cq);
        grpc_event ev;
        do {
            ev = grpc_completion_queue_next(s->notify_cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
        } while (ev.type != GRPC_QUEUE_SHUTDOWN);
    }
    grpc_completion_queue_destroy(s->notify_cq);
    while (s->all_slots) {
        wire_slot *slot = s->all_slots;
        s->all_slots = slot->next_all;
        grpc_completion_queue_shutdown(slot->cq);
        grpc_event ev;
        do {
            ev = grpc_completion_queue_next(slot->cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL);
        } while (ev.type != GRPC_QUEUE_SHUTDOWN);
        grpc_completion_queue_destroy(slot->cq);
        em_free(slot);
    }
    for (int idx = 0; idx < s->n_methods; idx++)
        em_free(s->methods[idx].path);
    em_free(s->methods);
    em_free(s->host);
    em_free(s->tls_cert_pem);
    em_free(s->tls_key_pem);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->mu);
    em_free(s);
    wire_shutdown();
}
