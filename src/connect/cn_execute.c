/*
 * cn_execute: the ExecutePlan, ReattachExecute, ReleaseExecute and Interrupt handlers.
 * ExecutePlan validates the envelope (session, operation id, tags), registers an operation,
 * starts its producer and streams its responses; the other three act on existing operations.
 */
#include "connect/cn_int.h"

#include "common/em_log.h"
#include "common/em_mem.h"
#include "spark/connect/base.pb-c.h"

#include <stdio.h>
#include <string.h>

static const char *cn_observed(int has, const char *value)
{
    return has ? value : NULL;
}

/* Validates tags as Spark does: non-empty, no ','. */
static int cn_check_tags(char **tags, size_t n, em_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!tags[i][0] || strchr(tags[i], ',')) {
            char msg[300];
            snprintf(msg, sizeof msg, "Spark Connect tag cannot be empty or contain ',': '%s'",
                     tags[i]);
            return em_error_set_jvm(err, "java.lang.IllegalArgumentException",
                                    "INVALID_CONF_VALUE.REQUIREMENT", "confName", "tag",
                                    "confValue", tags[i], "confRequirement", msg, NULL);
        }
    }
    return EM_OK;
}

void cn_handle_execute(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__ExecutePlanRequest *req = (Spark__Connect__ExecutePlanRequest *)cn_call_request(
        srv, call, &spark__connect__execute_plan_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        cn_observed(req->_client_observed_server_side_session_id_case,
                                    req->client_observed_server_side_session_id),
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE);
    if (!s)
        return;
    const char *op_id = req->_operation_id_case ? req->operation_id : NULL;
    if (op_id && !em_uuid_valid(op_id)) {
        em_error_set(&err, "INVALID_HANDLE.FORMAT", "handle", op_id, NULL);
        goto fail;
    }
    if (!req->plan) {
        em_error_set(&err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                     "an ExecutePlanRequest without a plan", NULL);
        goto fail;
    }
    if (cn_check_tags(req->tags, req->n_tags, &err))
        goto fail;
    bool reattachable = false;
    for (size_t i = 0; i < req->n_request_options; i++) {
        Spark__Connect__ExecutePlanRequest__RequestOption *o = req->request_options[i];
        if (o->request_option_case ==
                SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__REQUEST_OPTION_REATTACH_OPTIONS &&
            o->reattach_options && o->reattach_options->reattachable)
            reattachable = true;
    }
    cn_op *op = cn_op_new(s, op_id, reattachable);
    op->plan_bytes = cn_pack(&req->plan->base, &op->plan_len);
    op->n_tags = (int)req->n_tags;
    if (req->n_tags) {
        op->tags = em_calloc(req->n_tags, sizeof(char *));
        for (size_t i = 0; i < req->n_tags; i++)
            op->tags[i] = em_strdup(req->tags[i]);
    }
    protobuf_c_message_free_unpacked(&req->base, NULL);
    req = NULL;
    if (cn_op_register(op, &err)) {
        cn_op_release(op);
        goto fail;
    }
    if (cn_op_start(op, &err)) {
        cn_op_remove(op);
        cn_op_release(op);
        goto fail;
    }
    cn_op_stream(srv, op, call, NULL);
    cn_op_release(op);
    cn_session_put(s);
    return;
fail:
    cn_finish_error(call, s, &err);
    if (req)
        protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

void cn_handle_reattach(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__ReattachExecuteRequest *req =
        (Spark__Connect__ReattachExecuteRequest *)cn_call_request(
            srv, call, &spark__connect__reattach_execute_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        cn_observed(req->_client_observed_server_side_session_id_case,
                                    req->client_observed_server_side_session_id),
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_EXISTING);
    if (!s)
        return;
    cn_op *op = em_uuid_valid(req->operation_id) ? cn_op_find(s, req->operation_id) : NULL;
    if (!em_uuid_valid(req->operation_id)) {
        em_error_set(&err, "INVALID_HANDLE.FORMAT", "handle", req->operation_id, NULL);
        cn_finish_error(call, s, &err);
    } else if (!op) {
        em_error_set(&err, "INVALID_HANDLE.OPERATION_NOT_FOUND", "handle", req->operation_id, NULL);
        cn_finish_error(call, s, &err);
    } else if (!op->reattachable) {
        em_error_set(&err, "INVALID_CURSOR.NOT_REATTACHABLE", NULL);
        cn_finish_error(call, s, &err);
    } else {
        char last[CN_ID_MAX + 1];
        bool has_last = req->_last_response_id_case && req->last_response_id[0];
        if (has_last)
            snprintf(last, sizeof last, "%s", req->last_response_id);
        protobuf_c_message_free_unpacked(&req->base, NULL);
        req = NULL;
        cn_op_stream(srv, op, call, has_last ? last : NULL);
    }
    if (op)
        cn_op_release(op);
    if (req)
        protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

void cn_handle_release_execute(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__ReleaseExecuteRequest *req =
        (Spark__Connect__ReleaseExecuteRequest *)cn_call_request(
            srv, call, &spark__connect__release_execute_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    /* Release* skip the observed server-side session id check, as Spark does. */
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id, NULL,
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_EXISTING);
    if (!s)
        return;
    Spark__Connect__ReleaseExecuteResponse resp = SPARK__CONNECT__RELEASE_EXECUTE_RESPONSE__INIT;
    resp.session_id = s->session_id;
    resp.server_side_session_id = s->server_side_id;
    cn_op *op = cn_op_find(s, req->operation_id);
    int rc = EM_OK;
    if (op) {
        if (req->release_case == SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_RELEASE_ALL) {
            if (!op->reattachable)
                rc = em_error_set(&err, "INVALID_CURSOR.NOT_REATTACHABLE", NULL);
            else
                cn_op_remove(op);
        } else if (req->release_case ==
                   SPARK__CONNECT__RELEASE_EXECUTE_REQUEST__RELEASE_RELEASE_UNTIL) {
            rc = cn_op_release_until(op, req->release_until->response_id, &err);
        }
        resp._operation_id_case =
            SPARK__CONNECT__RELEASE_EXECUTE_RESPONSE___OPERATION_ID_OPERATION_ID;
        resp.operation_id = op->op_id;
    }
    if (rc) {
        cn_finish_error(call, s, &err);
    } else {
        size_t out_len;
        uint8_t *out = cn_pack(&resp.base, &out_len);
        wire_call_reply(call, out, out_len);
        em_free(out);
    }
    if (op)
        cn_op_release(op);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

static bool cn_op_has_tag(cn_op *op, const char *tag)
{
    for (int i = 0; i < op->n_tags; i++)
        if (strcmp(op->tags[i], tag) == 0)
            return true;
    return false;
}

void cn_handle_interrupt(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__InterruptRequest *req = (Spark__Connect__InterruptRequest *)cn_call_request(
        srv, call, &spark__connect__interrupt_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        cn_observed(req->_client_observed_server_side_session_id_case,
                                    req->client_observed_server_side_session_id),
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE);
    if (!s)
        return;
    int type = req->interrupt_type;
    if (type < 1 || type > 3) {
        char t[32];
        snprintf(t, sizeof t, "%d", type);
        em_error_set(&err, "UNSUPPORTED_FEATURE.INTERRUPT_TYPE", "interruptType", t, NULL);
        cn_finish_error(call, s, &err);
        protobuf_c_message_free_unpacked(&req->base, NULL);
        cn_session_put(s);
        return;
    }
    /* Snapshot the matching ops, then interrupt outside the session lock. */
    pthread_mutex_lock(&s->mu);
    int n = 0;
    cn_op **hits = em_calloc((size_t)(s->n_ops ? s->n_ops : 1), sizeof *hits);
    for (int i = 0; i < s->n_ops; i++) {
        cn_op *op = s->ops[i];
        bool match =
            type == 1 ||
            (type == 2 &&
             req->interrupt_case == SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_OPERATION_TAG &&
             cn_op_has_tag(op, req->operation_tag)) ||
            (type == 3 &&
             req->interrupt_case == SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_OPERATION_ID &&
             strcmp(op->op_id, req->operation_id) == 0);
        if (match)
            hits[n++] = cn_op_retain(op);
    }
    pthread_mutex_unlock(&s->mu);
    char **ids = em_calloc((size_t)(n ? n : 1), sizeof *ids);
    int n_ids = 0;
    for (int i = 0; i < n; i++) {
        if (cn_op_interrupt(hits[i]))
            ids[n_ids++] = hits[i]->op_id;
    }
    Spark__Connect__InterruptResponse resp = SPARK__CONNECT__INTERRUPT_RESPONSE__INIT;
    resp.session_id = s->session_id;
    resp.server_side_session_id = s->server_side_id;
    resp.n_interrupted_ids = (size_t)n_ids;
    resp.interrupted_ids = ids;
    size_t out_len;
    uint8_t *out = cn_pack(&resp.base, &out_len);
    wire_call_reply(call, out, out_len);
    em_free(out);
    em_free(ids);
    for (int i = 0; i < n; i++)
        cn_op_release(hits[i]);
    em_free(hits);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}
