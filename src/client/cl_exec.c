/*
 * cl_exec.c: one ExecutePlan operation, run the way PySpark's
 * ExecutePlanResponseReattachableIterator runs it (pyspark/sql/connect/client/reattach.py).
 *
 * State machine of cl_exec_next:
 *   - read the next response from the current stream (ExecutePlan at first, ReattachExecute
 *     after a cut); remember its response_id; after result_complete queue
 *     ReleaseExecute(release_all), after any other response ReleaseExecute(release_until id);
 *   - the stream ended OK without result_complete: reattach at once (no backoff) from the last
 *     response id, as often as needed;
 *   - the stream failed: if the status text contains INVALID_HANDLE.OPERATION_NOT_FOUND or
 *     INVALID_HANDLE.SESSION_NOT_FOUND the operation never reached the server: with nothing
 *     received yet resend the original ExecutePlan (same operation id, no backoff), else fail
 *     with RESPONSE_ALREADY_RECEIVED; otherwise a retryable status (cl_retry_can) waits for the
 *     policy's backoff and reattaches; anything else is the operation's error: release_all and
 *     report it.
 * Non-reattachable mode (ember_session_options.disable_reattach) sends no operation id or
 * reattach option and never reattaches; a retryable failure before the first response resends
 * the request.
 *
 * ReleaseExecute requests go to the session's worker thread and never block the reader.
 */
#include <string.h>
#include <time.h>

#include "client/cl_int.h"
#include "common/em_mem.h"
#include "common/em_uuid.h"

struct cl_exec {
    ember_session *s;
    uint8_t *req; /* the packed ExecutePlanRequest, kept for resending */
    size_t req_len;
    char operation_id[EM_UUID_STRLEN + 8];
    bool reattachable;
    wire_stream *stream;
    char *last_response_id; /* of the last response returned */
    bool result_complete;   /* or released: no more releases are sent */
    bool done;
    int n_empty_reattach;
};

const char *cl_exec_operation_id(const cl_exec *x)
{
    return x->operation_id;
}

/* Queues ReleaseExecute: release_until(response_id), or release_all when it is NULL. */
static void cl_exec_release(cl_exec *x, const char *response_id)
{
    if (!x->reattachable || x->result_complete)
        return;
    em_arena a;
    em_arena_init(&a, 512);
    Spark__Connect__ReleaseExecuteRequest req = SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__INIT;
    req.session_id = x->s->session_id;
    req.user_context = cl_user_context(x->s, &a);
    req.operation_id = x->operation_id;
    CL_OPT(&req, client_type, 4, x->s->client_type);
    Spark__Connect__ReleaseExecuteRequest__ReleaseAll all =
        SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_ALL__INIT;
    Spark__Connect__ReleaseExecuteRequest__ReleaseUntil until =
        SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_UNTIL__INIT;
    if (response_id) {
        until.response_id = (char *)response_id;
        req.release_case = SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_RELEASE_UNTIL;
        req.release_until = &until;
    } else {
        req.release_case = SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_RELEASE_ALL;
        req.release_all = &all;
        x->result_complete = true;
    }
    size_t len;
    uint8_t *buf = cl_pack(&req.base, &len);
    em_arena_release(&a);
    cl_release_enqueue(x->s, buf, len);
}

cl_exec *cl_exec_start(ember_session *s, const Spark__Connect__Plan *plan, const char *operation_id,
                       ember_error *err)
{
    int rc = cl_check_open(s, err);
    if (rc != EMBER_OK)
        return NULL;
    if (operation_id && !em_uuid_valid(operation_id)) {
        cl_error_set(err, EMBER_EINVAL, "INVALID_OPERATION_UUID_ID",
                     "[INVALID_OPERATION_UUID_ID] Parameter value operation_id must be a valid "
                     "UUID format: badly formed hexadecimal UUID string");
        cl_error_param(err, "arg_name", "operation_id");
        return NULL;
    }
    cl_exec *x = em_calloc(1, sizeof *x);
    x->s = cl_session_retain(s);
    x->reattachable = s->reattachable;
    if (operation_id)
        cl_strlcpy(x->operation_id, operation_id, sizeof x->operation_id);
    else if (x->reattachable)
        em_uuid_v4(x->operation_id);

    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ExecutePlanRequest req = SPARK__CONNECT__EXECUTE_PLAN_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = cl_user_context(s, &a);
    req.plan = (Spark__Connect__Plan *)plan;
    CL_OPT(&req, client_type, 4, s->client_type);
    char *obs = cl_observed_id(s, &a);
    if (obs)
        CL_OPT(&req, client_observed_server_side_session_id, 8, obs);
    req.tags = cl_tags_copy(s, &a, &req.n_tags);
    /* Request options in PySpark's order: result chunking (4.1+), then reattach. */
    Spark__Connect__ResultChunkingOptions chunking = SPARK__CONNECT__RESULT_CHUNKING_OPTIONS__INIT;
    chunking.allow_arrow_batch_chunking = 1;
    Spark__Connect__ReattachOptions reattach = SPARK__CONNECT__REATTACH_OPTIONS__INIT;
    reattach.reattachable = 1;
    Spark__Connect__ExecutePlanRequest__RequestOption opt_chunk =
        SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__INIT;
    opt_chunk.request_option_case =
        SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__REQUEST_OPTION_RESULT_CHUNKING_OPTIONS;
    opt_chunk.result_chunking_options = &chunking;
    Spark__Connect__ExecutePlanRequest__RequestOption opt_reattach =
        SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__INIT;
    opt_reattach.request_option_case =
        SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__REQUEST_OPTION_REATTACH_OPTIONS;
    opt_reattach.reattach_options = &reattach;
    Spark__Connect__ExecutePlanRequest__RequestOption *opts[2] = {&opt_chunk, &opt_reattach};
    req.n_request_options = x->reattachable ? 2 : 1;
    req.request_options = opts;
    if (x->operation_id[0])
        CL_OPT(&req, operation_id, 6, x->operation_id);
    x->req = cl_pack(&req.base, &x->req_len);
    em_arena_release(&a);

    em_error werr;
    em_error_clear(&werr);
    x->stream =
        wire_stream_start(s->ch, CL_SERVICE "ExecutePlan", x->req, x->req_len, NULL, 0, &werr);
    if (!x->stream) {
        cl_error_set(err, EMBER_ETRANSPORT, NULL, "ExecutePlan could not start: %s", werr.message);
        cl_exec_free(x);
        return NULL;
    }
    return x;
}

static wire_stream *cl_exec_reattach_stream(cl_exec *x, em_error *werr)
{
    em_arena a;
    em_arena_init(&a, 512);
    Spark__Connect__ReattachExecuteRequest req = SPARK__CONNECT__REATTACH_EXECUTE_REQUEST__INIT;
    req.session_id = x->s->session_id;
    req.user_context = cl_user_context(x->s, &a);
    req.operation_id = x->operation_id;
    CL_OPT(&req, client_type, 4, x->s->client_type);
    char *obs = cl_observed_id(x->s, &a);
    if (obs)
        CL_OPT(&req, client_observed_server_side_session_id, 6, obs);
    if (x->last_response_id)
        CL_OPT(&req, last_response_id, 5, x->last_response_id);
    size_t len;
    uint8_t *buf = cl_pack(&req.base, &len);
    em_arena_release(&a);
    wire_stream *st =
        wire_stream_start(x->s->ch, CL_SERVICE "ReattachExecute", buf, len, NULL, 0, werr);
    em_free(buf);
    return st;
}

static void cl_exec_finish(cl_exec *x)
{
    cl_exec_release(x, NULL);
    x->done = true;
    if (x->stream) {
        wire_stream_free(x->stream);
        x->stream = NULL;
    }
}

static void cl_exec_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int cl_exec_next(cl_exec *x, Spark__Connect__ExecutePlanResponse **resp, ember_error *err)
{
    *resp = NULL;
    if (x->done)
        return 0;
    cl_retry_state rs;
    cl_retry_init(x->s, &rs);
    for (;;) {
        if (!x->stream) {
            em_error werr;
            em_error_clear(&werr);
            x->stream = cl_exec_reattach_stream(x, &werr);
            if (!x->stream) {
                cl_error_set(err, EMBER_ETRANSPORT, NULL, "ReattachExecute could not start: %s",
                             werr.message);
                cl_exec_finish(x);
                return -1;
            }
        }
        uint8_t *msg = NULL;
        size_t len = 0;
        int r = wire_stream_next(x->stream, &msg, &len);
        if (r == 1) {
            Spark__Connect__ExecutePlanResponse *m =
                spark__connect__execute_plan_response__unpack(NULL, len, msg);
            em_free(msg);
            if (!m) {
                cl_error_set(err, EMBER_EPROTOCOL, NULL, "malformed ExecutePlanResponse");
                cl_exec_finish(x);
                return -1;
            }
            int rc = cl_check_response(x->s, m->session_id, m->server_side_session_id, err);
            if (rc != EMBER_OK) {
                spark__connect__execute_plan_response__free_unpacked(m, NULL);
                cl_exec_finish(x);
                return -1;
            }
            x->n_empty_reattach = 0;
            if (m->response_id && m->response_id[0]) {
                em_free(x->last_response_id);
                x->last_response_id = em_strdup(m->response_id);
            }
            cl_progress_dispatch(x->s, m); /* ExecutionProgress handlers */
            if (m->response_type_case ==
                SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE) {
                cl_exec_release(x, NULL);
            } else if (x->last_response_id) {
                cl_exec_release(x, x->last_response_id);
            }
            *resp = m;
            return 1;
        }
        const wire_status *st = wire_stream_status(x->stream);
        wire_status copy = {st ? st->code : WIRE_STATUS_INTERNAL, NULL, NULL, 0};
        if (st) {
            copy.message = em_strdup(st->message ? st->message : "");
            if (st->details_len) {
                copy.details = em_malloc(st->details_len);
                memcpy(copy.details, st->details, st->details_len);
                copy.details_len = st->details_len;
            }
        }
        wire_stream_free(x->stream);
        x->stream = NULL;
        if (copy.code == WIRE_STATUS_OK) {
            wire_status_release(&copy);
            if (!x->reattachable || x->result_complete) {
                x->done = true;
                return 0;
            }
            /* Graceful end without result_complete: reattach at once. A server that keeps
             * answering with empty streams is polled, not spun on. */
            if (++x->n_empty_reattach > 3)
                cl_exec_sleep_ms(100);
            continue;
        }
        const char *text = copy.message ? copy.message : "";
        const char *lost = strstr(text, "INVALID_HANDLE.OPERATION_NOT_FOUND")
                               ? "INVALID_HANDLE.OPERATION_NOT_FOUND"
                           : strstr(text, "INVALID_HANDLE.SESSION_NOT_FOUND")
                               ? "INVALID_HANDLE.SESSION_NOT_FOUND"
                               : NULL;
        if (x->reattachable && lost) {
            wire_status_release(&copy);
            if (x->last_response_id) {
                cl_error_set(err, EMBER_ESERVER, "RESPONSE_ALREADY_RECEIVED",
                             "[RESPONSE_ALREADY_RECEIVED] The response was already received, "
                             "but the operation was lost: %s",
                             lost);
                cl_error_param(err, "error_type", lost);
                cl_exec_finish(x);
                return -1;
            }
            /* The operation never reached the server: send it again (RetryException). */
            em_error werr;
            em_error_clear(&werr);
            x->stream = wire_stream_start(x->s->ch, CL_SERVICE "ExecutePlan", x->req, x->req_len,
                                          NULL, 0, &werr);
            if (!x->stream) {
                cl_error_set(err, EMBER_ETRANSPORT, NULL, "ExecutePlan could not start: %s",
                             werr.message);
                cl_exec_finish(x);
                return -1;
            }
            continue;
        }
        bool can = cl_retry_can(&copy);
        if (can && !x->reattachable && x->last_response_id)
            can = false; /* a plain stream cannot resume after results were returned */
        if (can && cl_retry_wait(x->s, &rs, &copy)) {
            wire_status_release(&copy);
            if (!x->reattachable) {
                em_error werr;
                em_error_clear(&werr);
                x->stream = wire_stream_start(x->s->ch, CL_SERVICE "ExecutePlan", x->req,
                                              x->req_len, NULL, 0, &werr);
                if (!x->stream) {
                    cl_error_set(err, EMBER_ETRANSPORT, NULL, "ExecutePlan could not start: %s",
                                 werr.message);
                    cl_exec_finish(x);
                    return -1;
                }
            }
            continue;
        }
        cl_error_from_status(x->s, &copy, err);
        wire_status_release(&copy);
        cl_exec_finish(x);
        return -1;
    }
}

void cl_exec_free(cl_exec *x)
{
    if (!x)
        return;
    if (!x->done)
        cl_exec_release(x, NULL);
    if (x->stream) {
        wire_stream_cancel(x->stream);
        wire_stream_free(x->stream);
    }
    em_free(x->req);
    em_free(x->last_response_id);
    cl_session_release(x->s);
    em_free(x);
}

int cl_exec_command(ember_session *s, const Spark__Connect__Plan *plan, uint8_t **relation,
                    size_t *relation_len, ember_error *err)
{
    if (relation)
        *relation = NULL;
    if (relation_len)
        *relation_len = 0;
    cl_exec *x = cl_exec_start(s, plan, NULL, err);
    if (!x)
        return err ? err->status : EMBER_ETRANSPORT;
    int rc = EMBER_OK;
    for (;;) {
        Spark__Connect__ExecutePlanResponse *m = NULL;
        int r = cl_exec_next(x, &m, err);
        if (r < 0) {
            rc = err ? err->status : EMBER_ESERVER;
            if (rc == EMBER_OK)
                rc = EMBER_ESERVER;
            break;
        }
        if (r == 0)
            break;
        if (relation && !*relation &&
            m->response_type_case ==
                SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_SQL_COMMAND_RESULT &&
            m->sql_command_result->relation)
            *relation = cl_pack(&m->sql_command_result->relation->base, relation_len);
        spark__connect__execute_plan_response__free_unpacked(m, NULL);
    }
    cl_exec_free(x);
    return rc;
}
