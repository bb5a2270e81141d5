/*
 * cn_op: one ExecutePlan operation and its reattachable response buffer.
 *
 * State machine: RUNNING (producer thread executing) → SUCCEEDED | FAILED. The producer
 * appends encoded responses; senders (the ExecutePlan call, later ReattachExecute calls)
 * stream them in order. Only one sender is attached at a time: a new attach bumps attach_gen
 * and the older sender ends with INVALID_CURSOR.DISCONNECTED.
 *
 * Buffering, as Spark does it: every response not yet sent is kept; after sending, a reattachable
 * op keeps a tail of sent responses up to the retry buffer size so that a client whose stream
 * broke can resume from a slightly older point; ReleaseExecute(release_until) drops responses
 * the client acknowledged. A non-reattachable op drops each response once sent and is
 * cancelled when its only stream goes away. The producer blocks while more than
 * CN_OP_MAX_UNSENT bytes are unsent (backpressure instead of unbounded memory).
 *
 * A reattachable stream also ends (OK, no result_complete) after senderMaxStreamDuration or
 * senderMaxStreamSize so that clients reattach, as Spark forces them to.
 */
#include "connect/cn_int.h"

#include "common/em_log.h"
#include "common/em_mem.h"
#include "exec/ex.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CN_OP_MAX_UNSENT       (64LL << 20)
#define CN_OP_RETRY_BUFFER     (10LL << 20)
#define CN_OP_STREAM_MAX_MS    (2LL * 60 * 1000)
#define CN_OP_STREAM_MAX_BYTES (1LL << 30)

cn_op *cn_op_new(cn_session *s, const char *op_id, bool reattachable)
{
    cn_op *op = em_calloc(1, sizeof *op);
    op->refcount = 1;
    op->session = s;
    if (op_id)
        snprintf(op->op_id, sizeof op->op_id, "%s", op_id);
    else
        em_uuid_v4(op->op_id);
    op->reattachable = reattachable;
    pthread_mutex_init(&op->mu, NULL);
    pthread_cond_init(&op->cv, NULL);
    op->state = CN_OP_RUNNING;
    em_error_clear(&op->error);
    return op;
}

cn_op *cn_op_retain(cn_op *op)
{
    atomic_fetch_add_explicit((_Atomic int *)&op->refcount, 1, memory_order_relaxed);
    return op;
}

static void cn_op_free(cn_op *op)
{
    cn_resp *r = op->head;
    while (r) {
        cn_resp *next = r->next;
        em_free(r->bytes);
        em_free(r);
        r = next;
    }
    for (int i = 0; i < op->n_tags; i++)
        em_free(op->tags[i]);
    em_free(op->tags);
    em_free(op->plan_bytes);
    pthread_cond_destroy(&op->cv);
    pthread_mutex_destroy(&op->mu);
    em_free(op);
}

void cn_op_release(cn_op *op)
{
    if (!op)
        return;
    if (atomic_fetch_sub_explicit((_Atomic int *)&op->refcount, 1, memory_order_acq_rel) == 1)
        cn_op_free(op);
}

bool cn_op_is_tombstoned(cn_session *s, const char *op_id)
{
    int n = s->n_op_tombstones < 256 ? s->n_op_tombstones : 256;
    for (int i = 0; i < n; i++)
        if (strcmp(s->op_tombstones[i], op_id) == 0)
            return true;
    return false;
}

int cn_op_register(cn_op *op, em_error *err)
{
    cn_session *s = op->session;
    pthread_mutex_lock(&s->mu);
    if (s->closed) {
        pthread_mutex_unlock(&s->mu);
        return em_error_set(err, "INVALID_HANDLE.SESSION_CLOSED", "handle", s->session_id, NULL);
    }
    bool exists = cn_op_is_tombstoned(s, op->op_id);
    for (int i = 0; i < s->n_ops && !exists; i++)
        exists = strcmp(s->ops[i]->op_id, op->op_id) == 0;
    if (exists) {
        pthread_mutex_unlock(&s->mu);
        return em_error_set(err, "INVALID_HANDLE.OPERATION_ALREADY_EXISTS", "handle", op->op_id,
                            NULL);
    }
    if (s->n_ops == s->cap_ops) {
        s->cap_ops = s->cap_ops ? s->cap_ops * 2 : 8;
        s->ops = em_realloc(s->ops, (size_t)s->cap_ops * sizeof *s->ops);
    }
    s->ops[s->n_ops++] = cn_op_retain(op);
    pthread_mutex_unlock(&s->mu);
    return EM_OK;
}

cn_op *cn_op_find(cn_session *s, const char *op_id)
{
    cn_op *found = NULL;
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_ops; i++) {
        if (strcmp(s->ops[i]->op_id, op_id) == 0) {
            found = cn_op_retain(s->ops[i]);
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return found;
}

bool cn_op_interrupt(cn_op *op)
{
    pthread_mutex_lock(&op->mu);
    bool running = op->state == CN_OP_RUNNING;
    if (running) {
        op->interrupted = true;
        if (op->cancel_target)
            ex_cancel(op->cancel_target);
    }
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->mu);
    return running;
}

void cn_op_remove(cn_op *op)
{
    cn_session *s = op->session;
    bool was_listed = false;
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_ops; i++) {
        if (s->ops[i] == op) {
            s->ops[i] = s->ops[s->n_ops - 1];
            s->n_ops--;
            was_listed = true;
            snprintf(s->op_tombstones[s->n_op_tombstones % 256], CN_ID_MAX, "%s", op->op_id);
            s->n_op_tombstones++;
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    pthread_mutex_lock(&op->mu);
    op->released = true;
    if (op->state == CN_OP_RUNNING) {
        op->interrupted = true;
        if (op->cancel_target)
            ex_cancel(op->cancel_target);
    }
    pthread_cond_broadcast(&op->cv);
    bool join = op->thread_started;
    op->thread_started = false;
    pthread_mutex_unlock(&op->mu);
    if (join)
        pthread_join(op->thread, NULL);
    if (was_listed)
        cn_op_release(op);
}

int cn_op_append(cn_op *op, uint8_t *bytes, size_t len, const char *response_id)
{
    cn_resp *r = em_calloc(1, sizeof *r);
    r->bytes = bytes;
    r->len = len;
    snprintf(r->response_id, sizeof r->response_id, "%s", response_id);
    pthread_mutex_lock(&op->mu);
    while (op->unsent_bytes > CN_OP_MAX_UNSENT && !op->released && !op->interrupted)
        pthread_cond_wait(&op->cv, &op->mu);
    if (op->released || op->interrupted) {
        pthread_mutex_unlock(&op->mu);
        em_free(r->bytes);
        em_free(r);
        return -1;
    }
    r->index = op->n_produced++;
    if (op->tail)
        op->tail->next = r;
    else
        op->head = r;
    op->tail = r;
    op->unsent_bytes += (int64_t)len;
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->mu);
    return 0;
}

void cn_op_finish(cn_op *op, const em_error *err)
{
    pthread_mutex_lock(&op->mu);
    if (err && err->code != EM_OK) {
        op->state = CN_OP_FAILED;
        em_error_copy(&op->error, err);
    } else {
        op->state = CN_OP_SUCCEEDED;
    }
    op->cancel_target = NULL;
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->mu);
}

/* Drops sent responses from the head while the retained sent bytes exceed the retry buffer. */
static void cn_op_trim_sent(cn_op *op)
{
    int64_t sent_bytes = 0;
    for (cn_resp *r = op->head; r && r->sent; r = r->next)
        sent_bytes += (int64_t)r->len;
    while (op->head && op->head->sent && (!op->reattachable || sent_bytes > CN_OP_RETRY_BUFFER)) {
        cn_resp *r = op->head;
        sent_bytes -= (int64_t)r->len;
        op->head = r->next;
        if (!op->head)
            op->tail = NULL;
        em_free(r->bytes);
        em_free(r);
    }
}

int cn_op_release_until(cn_op *op, const char *response_id, em_error *err)
{
    pthread_mutex_lock(&op->mu);
    if (!op->reattachable) {
        pthread_mutex_unlock(&op->mu);
        return em_error_set(err, "INVALID_CURSOR.NOT_REATTACHABLE", NULL);
    }
    cn_resp *hit = NULL;
    for (cn_resp *r = op->head; r; r = r->next) {
        if (strcmp(r->response_id, response_id) == 0) {
            hit = r;
            break;
        }
    }
    if (!hit) {
        pthread_mutex_unlock(&op->mu);
        /* Already dropped from the retry buffer or never existed: Spark answers
           POSITION_NOT_FOUND only for ids it never produced; treat a dropped one as done. */
        return EM_OK;
    }
    while (op->head) {
        cn_resp *r = op->head;
        op->head = r->next;
        if (!r->sent)
            op->unsent_bytes -= (int64_t)r->len;
        bool last = r == hit;
        em_free(r->bytes);
        em_free(r);
        if (last)
            break;
    }
    if (!op->head)
        op->tail = NULL;
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->mu);
    return EM_OK;
}

static void cn_op_timed_wait(cn_op *op, int ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&op->cv, &op->mu, &ts);
}

void cn_op_stream(cn_server *srv, cn_op *op, wire_call *call, const char *last_response_id)
{
    (void)srv;
    em_error err;
    em_error_clear(&err);
    pthread_mutex_lock(&op->mu);
    int gen = ++op->attach_gen;
    op->n_attached++;
    op->detached_since_ms = 0;
    pthread_cond_broadcast(&op->cv);

    /* Position: the index of the next response to send. */
    int64_t next = op->head ? op->head->index : op->n_produced;
    if (last_response_id) {
        cn_resp *r = op->head;
        while (r && strcmp(r->response_id, last_response_id) != 0)
            r = r->next;
        if (!r) {
            op->n_attached--;
            op->detached_since_ms = cn_now_ms();
            pthread_mutex_unlock(&op->mu);
            em_error_set(&err, "INVALID_CURSOR.POSITION_NOT_AVAILABLE", "index", "", "responseId",
                         last_response_id, NULL);
            cn_finish_error(call, op->session, &err);
            return;
        }
        next = r->index + 1;
    }

    int64_t started = cn_now_ms();
    int64_t streamed_bytes = 0;
    bool kicked = false, gone = false, cut = false;
    for (;;) {
        if (op->attach_gen != gen) {
            kicked = true;
            break;
        }
        cn_resp *r = op->head;
        while (r && r->index < next)
            r = r->next;
        if (r) {
            uint8_t *copy = em_malloc(r->len ? r->len : 1);
            memcpy(copy, r->bytes, r->len);
            size_t len = r->len;
            bool first_send = !r->sent;
            if (first_send) {
                r->sent = true;
                op->unsent_bytes -= (int64_t)r->len;
            }
            next = r->index + 1;
            cn_op_trim_sent(op);
            pthread_cond_broadcast(&op->cv);
            pthread_mutex_unlock(&op->mu);
            int rc = wire_call_send(call, copy, len);
            em_free(copy);
            pthread_mutex_lock(&op->mu);
            if (rc < 0) {
                gone = true;
                break;
            }
            streamed_bytes += (int64_t)len;
            continue;
        }
        if (op->state != CN_OP_RUNNING)
            break; /* everything produced has been sent */
        if (op->reattachable && (cn_now_ms() - started > CN_OP_STREAM_MAX_MS ||
                                 streamed_bytes > CN_OP_STREAM_MAX_BYTES)) {
            cut = true;
            break;
        }
        pthread_mutex_unlock(&op->mu);
        bool cancelled = wire_call_cancelled(call);
        pthread_mutex_lock(&op->mu);
        if (cancelled) {
            gone = true;
            break;
        }
        if (op->head && op->tail && op->tail->index >= next)
            continue;
        if (op->state == CN_OP_RUNNING && op->attach_gen == gen)
            cn_op_timed_wait(op, 50);
    }
    cn_op_state state = op->state;
    em_error final_err;
    em_error_copy(&final_err, &op->error);
    op->n_attached--;
    if (op->n_attached == 0)
        op->detached_since_ms = cn_now_ms();
    pthread_mutex_unlock(&op->mu);

    if (kicked) {
        em_error_set(&err, "INVALID_CURSOR.DISCONNECTED", NULL);
        cn_finish_error(call, op->session, &err);
        return;
    }
    if (gone) {
        if (!op->reattachable)
            cn_op_remove(op);
        return;
    }
    if (cut) {
        wire_call_finish(call, 0, NULL, NULL, 0);
        return;
    }
    if (state == CN_OP_FAILED) {
        cn_finish_error(call, op->session, &final_err);
        if (!op->reattachable)
            cn_op_remove(op);
        return;
    }
    wire_call_finish(call, 0, NULL, NULL, 0);
    if (!op->reattachable)
        cn_op_remove(op);
}

static void *cn_op_thread(void *arg)
{
    cn_op *op = arg;
    cn_run_operation(op);
    cn_op_release(op);
    return NULL;
}

int cn_op_start(cn_op *op, em_error *err)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 16u << 20);
    cn_op_retain(op);
    pthread_mutex_lock(&op->mu);
    int rc = pthread_create(&op->thread, &attr, cn_op_thread, op);
    if (rc == 0)
        op->thread_started = true;
    pthread_mutex_unlock(&op->mu);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        cn_op_release(op);
        return em_error_internal(err, "cannot start an operation thread: %s", strerror(rc));
    }
    return EM_OK;
}
