/*
 * cn_rpc: the small unary RPCs — Config, ReleaseSession, FetchErrorDetails, CloneSession,
 * ArtifactStatus — and the client-streaming AddArtifacts.
 */
#include "connect/cn_int.h"

#include "common/em_log.h"
#include "common/em_mem.h"
#include "spark/connect/base.pb-c.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define CN_MAX_ARTIFACT_BYTES (1LL << 30)

static void cn_reply(wire_call *call, const ProtobufCMessage *msg)
{
    size_t len;
    uint8_t *out = cn_pack(msg, &len);
    wire_call_reply(call, out, len);
    em_free(out);
}

/* ---- Config ---- */

static Spark__Connect__KeyValue *cn_kv(const char *key, char *value /* owned, may be NULL */)
{
    Spark__Connect__KeyValue *kv = em_malloc(sizeof *kv);
    spark__connect__key_value__init(kv);
    kv->key = em_strdup(key);
    if (value) {
        kv->_value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
        kv->value = value;
    }
    return kv;
}

typedef struct cn_config_out {
    int n_pairs, cap_pairs;
    Spark__Connect__KeyValue **pairs;
    int n_warnings, cap_warnings;
    char **warnings;
} cn_config_out;

static void cn_config_pair(cn_config_out *o, const char *key, char *value)
{
    if (o->n_pairs == o->cap_pairs) {
        o->cap_pairs = o->cap_pairs ? o->cap_pairs * 2 : 8;
        o->pairs = em_realloc(o->pairs, (size_t)o->cap_pairs * sizeof *o->pairs);
    }
    o->pairs[o->n_pairs++] = cn_kv(key, value);
}

static void cn_config_warn(cn_config_out *o, const char *w)
{
    if (!w)
        return;
    if (o->n_warnings == o->cap_warnings) {
        o->cap_warnings = o->cap_warnings ? o->cap_warnings * 2 : 4;
        o->warnings = em_realloc(o->warnings, (size_t)o->cap_warnings * sizeof *o->warnings);
    }
    o->warnings[o->n_warnings++] = em_strdup(w);
}

static void cn_config_out_free(cn_config_out *o)
{
    for (int i = 0; i < o->n_pairs; i++) {
        em_free(o->pairs[i]->key);
        if (o->pairs[i]->_value_case)
            em_free(o->pairs[i]->value);
        em_free(o->pairs[i]);
    }
    em_free(o->pairs);
    for (int i = 0; i < o->n_warnings; i++)
        em_free(o->warnings[i]);
    em_free(o->warnings);
}

static int cn_config_apply(cn_session *s, Spark__Connect__ConfigRequest__Operation *op,
                           cn_config_out *o, em_error *err)
{
    cn_conf *c = &s->conf;
    switch (op->op_type_case) {
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET: {
        Spark__Connect__ConfigRequest__Set *set = op->set;
        bool silent = set->_silent_case && set->silent;
        for (size_t i = 0; i < set->n_pairs; i++) {
            Spark__Connect__KeyValue *kv = set->pairs[i];
            const char *warning = NULL;
            em_error e;
            em_error_clear(&e);
            if (cn_conf_set(c, kv->key, kv->_value_case ? kv->value : NULL, &warning, &e)) {
                if (!silent) {
                    em_error_copy(err, &e);
                    return err->code;
                }
                char msg[2600], full[2300];
                em_error_format(&e, full, sizeof full);
                snprintf(msg, sizeof msg, "Failed to set %s to %s due to %s", kv->key,
                         kv->_value_case ? kv->value : "None", full);
                cn_config_warn(o, msg);
                continue;
            }
            cn_config_warn(o, warning);
        }
        return EM_OK;
    }
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET:
        for (size_t i = 0; i < op->get->n_keys; i++) {
            char *v = NULL;
            if (cn_conf_get(c, op->get->keys[i], &v, err))
                return err->code;
            cn_config_pair(o, op->get->keys[i], v);
            cn_config_warn(o, cn_conf_warning(op->get->keys[i]));
        }
        return EM_OK;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_WITH_DEFAULT:
        for (size_t i = 0; i < op->get_with_default->n_pairs; i++) {
            Spark__Connect__KeyValue *kv = op->get_with_default->pairs[i];
            cn_config_pair(
                o, kv->key,
                cn_conf_get_with_default(c, kv->key, kv->_value_case ? kv->value : NULL));
            cn_config_warn(o, cn_conf_warning(kv->key));
        }
        return EM_OK;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_OPTION:
        for (size_t i = 0; i < op->get_option->n_keys; i++) {
            cn_config_pair(o, op->get_option->keys[i],
                           cn_conf_get_option(c, op->get_option->keys[i]));
            cn_config_warn(o, cn_conf_warning(op->get_option->keys[i]));
        }
        return EM_OK;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_ALL: {
        const char *prefix = op->get_all->_prefix_case ? op->get_all->prefix : NULL;
        size_t pl = prefix ? strlen(prefix) : 0;
        cn_conf_entry *e;
        int n = cn_conf_snapshot(c, &e);
        for (int i = 0; i < n; i++) {
            if (prefix && strncmp(e[i].key, prefix, pl) != 0)
                continue;
            cn_config_pair(o, e[i].key + pl, em_strdup(e[i].value));
            cn_config_warn(o, cn_conf_warning(e[i].key));
        }
        cn_conf_entries_free(e, n);
        return EM_OK;
    }
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_UNSET:
        for (size_t i = 0; i < op->unset->n_keys; i++) {
            if (cn_conf_unset(c, op->unset->keys[i], err))
                return err->code;
            cn_config_warn(o, cn_conf_warning(op->unset->keys[i]));
        }
        return EM_OK;
    case SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_IS_MODIFIABLE:
        for (size_t i = 0; i < op->is_modifiable->n_keys; i++) {
            const char *k = op->is_modifiable->keys[i];
            cn_config_pair(o, k, em_strdup(cn_conf_is_modifiable(k) ? "true" : "false"));
            cn_config_warn(o, cn_conf_warning(k));
        }
        return EM_OK;
    default:
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "this Config operation", NULL);
    }
}

void cn_handle_config(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__ConfigRequest *req = (Spark__Connect__ConfigRequest *)cn_call_request(
        srv, call, &spark__connect__config_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        req->_client_observed_server_side_session_id_case
                            ? req->client_observed_server_side_session_id
                            : NULL,
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE);
    if (!s)
        return;
    cn_config_out o = {0};
    if (!req->operation) {
        em_error_set(&err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                     "a ConfigRequest without operation", NULL);
    } else {
        cn_config_apply(s, req->operation, &o, &err);
    }
    if (em_error_is_set(&err)) {
        cn_finish_error(call, s, &err);
    } else {
        Spark__Connect__ConfigResponse resp = SPARK__CONNECT__CONFIG_RESPONSE__INIT;
        resp.session_id = s->session_id;
        resp.server_side_session_id = s->server_side_id;
        resp.n_pairs = (size_t)o.n_pairs;
        resp.pairs = o.pairs;
        resp.n_warnings = (size_t)o.n_warnings;
        resp.warnings = o.warnings;
        cn_reply(call, &resp.base);
    }
    cn_config_out_free(&o);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

/* ---- ReleaseSession ---- */

void cn_handle_release_session(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__ReleaseSessionRequest *req =
        (Spark__Connect__ReleaseSessionRequest *)cn_call_request(
            srv, call, &spark__connect__release_session_request__descriptor);
    if (!req)
        return;
    const char *user = req->user_context ? req->user_context->user_id : "";
    if (!em_uuid_valid(req->session_id)) {
        em_error err;
        em_error_clear(&err);
        em_error_set(&err, "INVALID_HANDLE.FORMAT", "handle", req->session_id, NULL);
        cn_finish_error(call, NULL, &err);
        protobuf_c_message_free_unpacked(&req->base, NULL);
        return;
    }
    /* Spark answers with the released session's server-side id, or a fresh one if none. */
    char ss_id[CN_ID_MAX] = "";
    cn_mgr *m = &srv->mgr;
    pthread_mutex_lock(&m->mu);
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->sessions[i]->user_id, user) == 0 &&
            strcmp(m->sessions[i]->session_id, req->session_id) == 0)
            snprintf(ss_id, sizeof ss_id, "%s", m->sessions[i]->server_side_id);
    pthread_mutex_unlock(&m->mu);
    if (!ss_id[0])
        em_uuid_v4(ss_id);
    cn_session_release(srv, user, req->session_id, req->allow_reconnect);
    Spark__Connect__ReleaseSessionResponse resp = SPARK__CONNECT__RELEASE_SESSION_RESPONSE__INIT;
    resp.session_id = req->session_id;
    resp.server_side_session_id = ss_id;
    cn_reply(call, &resp.base);
    protobuf_c_message_free_unpacked(&req->base, NULL);
}

/* ---- FetchErrorDetails ---- */

void cn_handle_fetch_error_details(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__FetchErrorDetailsRequest *req =
        (Spark__Connect__FetchErrorDetailsRequest *)cn_call_request(
            srv, call, &spark__connect__fetch_error_details_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        req->_client_observed_server_side_session_id_case
                            ? req->client_observed_server_side_session_id
                            : NULL,
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE);
    if (!s)
        return;
    Spark__Connect__FetchErrorDetailsResponse resp =
        SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__INIT;
    resp.session_id = s->session_id;
    resp.server_side_session_id = s->server_side_id;
    em_error stored;
    Spark__Connect__FetchErrorDetailsResponse__Error e =
        SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__ERROR__INIT;
    Spark__Connect__FetchErrorDetailsResponse__Error *ep = &e;
    Spark__Connect__FetchErrorDetailsResponse__SparkThrowable st =
        SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE__INIT;
    Spark__Connect__FetchErrorDetailsResponse__SparkThrowable__MessageParametersEntry
        params[EM_ERR_PARAMS_MAX];
    Spark__Connect__FetchErrorDetailsResponse__SparkThrowable__MessageParametersEntry
        *paramp[EM_ERR_PARAMS_MAX];
    Spark__Connect__FetchErrorDetailsResponse__QueryContext qc =
        SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__QUERY_CONTEXT__INIT;
    Spark__Connect__FetchErrorDetailsResponse__QueryContext *qcp = &qc;
    char classes_json[2048];
    char *hierarchy[16];
    char message[4096];
    int n_hier = 0;
    if (cn_session_take_error(s, req->error_id, &stored)) {
        /* error_type_hierarchy: the JVM class chain */
        cn_error_classes_json(stored.jvm_class, classes_json, sizeof classes_json);
        char *p = classes_json;
        while (n_hier < 16 && (p = strchr(p, '"')) != NULL) {
            char *q = strchr(p + 1, '"');
            if (!q)
                break;
            *q = '\0';
            hierarchy[n_hier++] = p + 1;
            p = q + 1;
        }
        e.n_error_type_hierarchy = (size_t)n_hier;
        e.error_type_hierarchy = hierarchy;
        em_error_format(&stored, message, sizeof message);
        e.message = message;
        st._error_class_case =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE___ERROR_CLASS_ERROR_CLASS;
        st.error_class = stored.error_class;
        if (stored.sqlstate[0]) {
            st._sql_state_case =
                SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__SPARK_THROWABLE___SQL_STATE_SQL_STATE;
            st.sql_state = stored.sqlstate;
        }
        for (int i = 0; i < stored.n_params; i++) {
            spark__connect__fetch_error_details_response__spark_throwable__message_parameters_entry__init(
                &params[i]);
            params[i].key = stored.params[i].name;
            params[i].value = stored.params[i].value;
            paramp[i] = &params[i];
        }
        st.n_message_parameters = (size_t)stored.n_params;
        st.message_parameters = paramp;
        if (stored.ctx_start >= 0) {
            qc.context_type =
                SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__QUERY_CONTEXT__CONTEXT_TYPE__SQL;
            qc.start_index = stored.ctx_start;
            qc.stop_index = stored.ctx_stop;
            qc.fragment = stored.ctx_fragment;
            st.n_query_contexts = 1;
            st.query_contexts = &qcp;
        }
        e._spark_throwable_case =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE__ERROR___SPARK_THROWABLE_SPARK_THROWABLE;
        e.spark_throwable = &st;
        resp.n_errors = 1;
        resp.errors = &ep;
        resp._root_error_idx_case =
            SPARK__CONNECT__FETCH_ERROR_DETAILS_RESPONSE___ROOT_ERROR_IDX_ROOT_ERROR_IDX;
        resp.root_error_idx = 0;
    }
    cn_reply(call, &resp.base);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

/* ---- CloneSession ---- */

void cn_handle_clone_session(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__CloneSessionRequest *req =
        (Spark__Connect__CloneSessionRequest *)cn_call_request(
            srv, call, &spark__connect__clone_session_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        req->_client_observed_server_side_session_id_case
                            ? req->client_observed_server_side_session_id
                            : NULL,
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_EXISTING);
    if (!s)
        return;
    char new_id[CN_ID_MAX];
    if (req->_new_session_id_case) {
        if (!em_uuid_valid(req->new_session_id)) {
            em_error_set(&err, "INVALID_CLONE_SESSION_REQUEST.TARGET_SESSION_ID_FORMAT",
                         "targetSessionId", req->new_session_id, NULL);
            goto fail;
        }
        snprintf(new_id, sizeof new_id, "%s", req->new_session_id);
    } else {
        em_uuid_v4(new_id);
    }
    cn_mgr *m = &srv->mgr;
    bool exists = false, closed = false;
    pthread_mutex_lock(&m->mu);
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->sessions[i]->user_id, s->user_id) == 0 &&
            strcmp(m->sessions[i]->session_id, new_id) == 0)
            exists = true;
    closed = cn_mgr_is_tombstoned(m, s->user_id, new_id);
    pthread_mutex_unlock(&m->mu);
    if (closed || exists) {
        em_error_set(&err,
                     closed ? "INVALID_CLONE_SESSION_REQUEST.TARGET_SESSION_ID_ALREADY_CLOSED"
                            : "INVALID_CLONE_SESSION_REQUEST.TARGET_SESSION_ID_ALREADY_EXISTS",
                     "targetSessionId", new_id, NULL);
        goto fail;
    }
    cn_session *clone = cn_session_clone(srv, s, new_id, &err);
    if (!clone)
        goto fail;
    Spark__Connect__CloneSessionResponse resp = SPARK__CONNECT__CLONE_SESSION_RESPONSE__INIT;
    resp.session_id = s->session_id;
    resp.server_side_session_id = s->server_side_id;
    resp.new_session_id = clone->session_id;
    resp.new_server_side_session_id = clone->server_side_id;
    cn_reply(call, &resp.base);
    cn_session_put(clone);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
    return;
fail:
    cn_finish_error(call, s, &err);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

/* ---- ArtifactStatus ---- */

void cn_handle_artifact_status(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__ArtifactStatusesRequest *req =
        (Spark__Connect__ArtifactStatusesRequest *)cn_call_request(
            srv, call, &spark__connect__artifact_statuses_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        req->_client_observed_server_side_session_id_case
                            ? req->client_observed_server_side_session_id
                            : NULL,
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE);
    if (!s)
        return;
    size_t n = req->n_names;
    Spark__Connect__ArtifactStatusesResponse__StatusesEntry *entries =
        em_calloc(n ? n : 1, sizeof *entries);
    Spark__Connect__ArtifactStatusesResponse__StatusesEntry **ep = em_calloc(n ? n : 1, sizeof *ep);
    Spark__Connect__ArtifactStatusesResponse__ArtifactStatus *st = em_calloc(n ? n : 1, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        spark__connect__artifact_statuses_response__statuses_entry__init(&entries[i]);
        spark__connect__artifact_statuses_response__artifact_status__init(&st[i]);
        const uint8_t *d;
        size_t l;
        /* Spark reports only cache/ artifacts as existing. */
        st[i].exists = strncmp(req->names[i], "cache/", 6) == 0 &&
                       cn_session_get_artifact(s, req->names[i], &d, &l);
        entries[i].key = req->names[i];
        entries[i].value = &st[i];
        ep[i] = &entries[i];
    }
    Spark__Connect__ArtifactStatusesResponse resp =
        SPARK__CONNECT__ARTIFACT_STATUSES_RESPONSE__INIT;
    resp.session_id = s->session_id;
    resp.server_side_session_id = s->server_side_id;
    resp.n_statuses = n;
    resp.statuses = ep;
    cn_reply(call, &resp.base);
    em_free(entries);
    em_free(ep);
    em_free(st);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}

/* ---- AddArtifacts ---- */

typedef struct cn_artifact_summary {
    char *name;
    bool ok;
} cn_artifact_summary;

typedef struct cn_artifacts_state {
    cn_session *session;
    int n, cap;
    cn_artifact_summary *items;
    /* the chunked artifact being received */
    char *chunk_name;
    uint8_t *chunk_data;
    size_t chunk_len, chunk_cap;
    int64_t chunks_left;
    bool chunk_ok;
} cn_artifacts_state;

static void cn_artifacts_note(cn_artifacts_state *st, const char *name, bool ok)
{
    if (st->n == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 8;
        st->items = em_realloc(st->items, (size_t)st->cap * sizeof *st->items);
    }
    st->items[st->n].name = em_strdup(name);
    st->items[st->n].ok = ok;
    st->n++;
}

static bool cn_crc_ok(const Spark__Connect__AddArtifactsRequest__ArtifactChunk *c)
{
    if (!c)
        return false;
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, c->data.data ? c->data.data : (const Bytef *)"", (uInt)c->data.len);
    return (int64_t)crc == c->crc;
}

static void cn_artifacts_store(cn_artifacts_state *st, const char *name, const uint8_t *data,
                               size_t len)
{
    uint8_t *copy = em_malloc(len ? len : 1);
    if (len)
        memcpy(copy, data, len);
    cn_session_put_artifact(st->session, name, copy, len);
}

static void cn_artifacts_chunk(cn_artifacts_state *st,
                               const Spark__Connect__AddArtifactsRequest__ArtifactChunk *c)
{
    bool ok = cn_crc_ok(c);
    st->chunk_ok = st->chunk_ok && ok;
    if (c && c->data.len) {
        if (st->chunk_len + c->data.len > (size_t)CN_MAX_ARTIFACT_BYTES) {
            st->chunk_ok = false;
        } else {
            if (st->chunk_len + c->data.len > st->chunk_cap) {
                st->chunk_cap = (st->chunk_len + c->data.len) * 2;
                st->chunk_data = em_realloc(st->chunk_data, st->chunk_cap);
            }
            memcpy(st->chunk_data + st->chunk_len, c->data.data, c->data.len);
            st->chunk_len += c->data.len;
        }
    }
    if (--st->chunks_left <= 0) {
        if (st->chunk_ok)
            cn_artifacts_store(st, st->chunk_name, st->chunk_data, st->chunk_len);
        cn_artifacts_note(st, st->chunk_name, st->chunk_ok);
        em_free(st->chunk_name);
        em_free(st->chunk_data);
        st->chunk_name = NULL;
        st->chunk_data = NULL;
        st->chunk_len = st->chunk_cap = 0;
    }
}

static bool cn_artifact_name_ok(const char *name)
{
    return name && name[0] && name[0] != '/' && !strstr(name, "..");
}

void cn_handle_add_artifacts(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    if (!cn_auth_ok(srv, call)) {
        cn_finish_plain(call, 16, CN_UNAUTHENTICATED_MESSAGE);
        return;
    }
    em_error err;
    em_error_clear(&err);
    cn_artifacts_state st = {0};
    for (;;) {
        uint8_t *data;
        size_t len;
        int r = wire_call_read(call, &data, &len);
        if (r == 0)
            break;
        if (r < 0) {
            em_error_canceled(&err);
            break;
        }
        Spark__Connect__AddArtifactsRequest *req = (Spark__Connect__AddArtifactsRequest *)cn_unpack(
            &spark__connect__add_artifacts_request__descriptor, data, len, &err);
        em_free(data);
        if (!req)
            break;
        if (!st.session) {
            st.session = cn_session_get(
                srv, req->user_context ? req->user_context->user_id : "", req->session_id,
                req->_client_observed_server_side_session_id_case
                    ? req->client_observed_server_side_session_id
                    : NULL,
                req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE, &err);
        }
        if (st.session) {
            switch (req->payload_case) {
            case SPARK__CONNECT__ADD_ARTIFACTS_REQUEST__PAYLOAD_BATCH:
                for (size_t i = 0; i < req->batch->n_artifacts; i++) {
                    Spark__Connect__AddArtifactsRequest__SingleChunkArtifact *a =
                        req->batch->artifacts[i];
                    bool ok = cn_artifact_name_ok(a->name) && cn_crc_ok(a->data);
                    if (ok)
                        cn_artifacts_store(&st, a->name, a->data->data.data, a->data->data.len);
                    cn_artifacts_note(&st, a->name, ok);
                }
                break;
            case SPARK__CONNECT__ADD_ARTIFACTS_REQUEST__PAYLOAD_BEGIN_CHUNK: {
                Spark__Connect__AddArtifactsRequest__BeginChunkedArtifact *b = req->begin_chunk;
                em_free(st.chunk_name);
                em_free(st.chunk_data);
                st.chunk_data = NULL;
                st.chunk_len = st.chunk_cap = 0;
                st.chunk_name = em_strdup(b->name);
                st.chunks_left = b->num_chunks;
                st.chunk_ok = cn_artifact_name_ok(b->name) && b->total_bytes >= 0 &&
                              b->total_bytes <= CN_MAX_ARTIFACT_BYTES;
                cn_artifacts_chunk(&st, b->initial_chunk);
                break;
            }
            case SPARK__CONNECT__ADD_ARTIFACTS_REQUEST__PAYLOAD_CHUNK:
                if (st.chunk_name)
                    cn_artifacts_chunk(&st, req->chunk);
                break;
            default:
                break;
            }
        }
        protobuf_c_message_free_unpacked(&req->base, NULL);
        if (em_error_is_set(&err))
            break;
    }
    if (em_error_is_set(&err)) {
        cn_finish_error(call, st.session, &err);
    } else {
        Spark__Connect__AddArtifactsResponse resp = SPARK__CONNECT__ADD_ARTIFACTS_RESPONSE__INIT;
        Spark__Connect__AddArtifactsResponse__ArtifactSummary *sums =
            em_calloc((size_t)(st.n ? st.n : 1), sizeof *sums);
        Spark__Connect__AddArtifactsResponse__ArtifactSummary **sp =
            em_calloc((size_t)(st.n ? st.n : 1), sizeof *sp);
        for (int i = 0; i < st.n; i++) {
            spark__connect__add_artifacts_response__artifact_summary__init(&sums[i]);
            sums[i].name = st.items[i].name;
            sums[i].is_crc_successful = st.items[i].ok;
            sp[i] = &sums[i];
        }
        if (st.session) {
            resp.session_id = st.session->session_id;
            resp.server_side_session_id = st.session->server_side_id;
        }
        resp.n_artifacts = (size_t)st.n;
        resp.artifacts = sp;
        cn_reply(call, &resp.base);
        em_free(sums);
        em_free(sp);
    }
    for (int i = 0; i < st.n; i++)
        em_free(st.items[i].name);
    em_free(st.items);
    em_free(st.chunk_name);
    em_free(st.chunk_data);
    cn_session_put(st.session);
}
