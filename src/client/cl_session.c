/*
 * cl_session.c: sessions — opening one from a connection string, the request envelope every
 * RPC carries (session_id, user_context, client_type, observed server-side session id), the
 * response checks PySpark 4.x applies, runtime config, tags, interrupts, ReleaseSession, and
 * the background worker that sends ReleaseExecute requests (PySpark sends them from a thread
 * pool so that reading results never waits for them).
 *
 * Identity, as PySpark forms it:
 *   session_id   URL session_id, else a fresh uuid4;
 *   user_id      URL user_id, else options.user_id, else $SPARK_USER, else $USER; sent in
 *                UserContext only when non-empty;
 *   client_type  "<user_agent> spark/<EMBER_SPARK_VERSION> os/<uname sysname, lower-case>
 *                c/<EMBER_VERSION>"; user_agent = URL user_agent, else
 *                $SPARK_CONNECT_USER_AGENT, else "_SPARK_CONNECT_C".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "client/cl_int.h"
#include "common/em_log.h"
#include "common/em_mem.h"
#include "common/em_uuid.h"

/* Sets an optional (synthetic oneof) field: protobuf-c's case value is the field number. */
struct cl_release_job {
    cl_release_job *next;
    uint8_t *req;
    size_t len;
};

/* ------------------------------------------------------------------------------ open ---- */

static char *cl_session_client_type(const char *user_agent)
{
    struct utsname u;
    char os[64] = "unknown";
    if (uname(&u) == 0) {
        cl_strlcpy(os, u.sysname, sizeof os);
        for (char *p = os; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    em_str s;
    em_str_init(&s, 0);
    em_str_printf(&s, "%s spark/%s os/%s c/%s", user_agent, EMBER_SPARK_VERSION, os, EMBER_VERSION);
    return em_str_move(&s);
}

/* Length of the percent-encoding of s (urllib.parse.quote with safe='/'). */
static size_t cl_session_quoted_len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (isalnum(*p) || strchr("_.-~/", *p)) ? 1 : 3;
    return n;
}

static bool cl_session_known_key(const char *k)
{
    return strcmp(k, "token") == 0 || strcmp(k, "use_ssl") == 0 || strcmp(k, "user_id") == 0 ||
           strcmp(k, "user_agent") == 0 || strcmp(k, "session_id") == 0;
}

int ember_session_open(const char *url, ember_session **out, ember_error *err)
{
    ember_session_options opts;
    memset(&opts, 0, sizeof opts);
    opts.url = url;
    return ember_session_open_ex(&opts, out, err);
}

int ember_session_open_ex(const ember_session_options *opts, ember_session **out, ember_error *err)
{
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "out must not be NULL");
    *out = NULL;
    ember_session_options none;
    if (!opts) {
        memset(&none, 0, sizeof none);
        opts = &none;
    }
    const char *url = opts->url;
    if (!url)
        url = getenv("SPARK_REMOTE");
    if (!url || !*url)
        url = "sc://localhost";
    cl_url u;
    int rc = cl_url_parse(url, &u, err);
    if (rc != EMBER_OK)
        return rc;
    if (!u.token) {
        const char *env = getenv("SPARK_CONNECT_AUTHENTICATE_TOKEN");
        if (env && *env)
            u.token = em_strdup(env);
    }
    const char *ua = u.user_agent;
    if (!ua)
        ua = getenv("SPARK_CONNECT_USER_AGENT");
    if (!ua)
        ua = CL_DEFAULT_USER_AGENT;
    if (cl_session_quoted_len(ua) > CL_MAX_USER_AGENT) {
        cl_url_release(&u);
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "'user_agent' parameter should not exceed 2048 characters");
    }

    ember_session *s = em_calloc(1, sizeof *s);
    atomic_init(&s->refcount, 1);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->release_cv, NULL);
    s->client_type = cl_session_client_type(ua);
    if (u.session_id) {
        s->session_id = em_strdup(u.session_id);
    } else {
        char id[EM_UUID_STRLEN + 1];
        em_uuid_v4(id);
        s->session_id = em_strdup(id);
    }
    const char *uid = u.user_id;
    if (!uid)
        uid = opts->user_id;
    if (!uid)
        uid = getenv("SPARK_USER");
    if (!uid)
        uid = getenv("USER");
    s->user_id = (uid && *uid) ? em_strdup(uid) : NULL;
    s->retry = opts->retry;
    s->reattachable = !opts->disable_reattach;
    s->target = em_strdup(u.target);

    /* Channel metadata: the bearer token, then every unknown URL key, verbatim. */
    size_t n_pairs = (u.token ? 1 : 0);
    for (int idx = 0; idx < u.n_params; idx++)
        if (!cl_session_known_key(u.keys[idx]))
            n_pairs++;
    s->md = em_calloc(n_pairs * 2 + 1, sizeof(char *));
    if (u.token) {
        em_str b;
        em_str_init(&b, 0);
        em_str_printf(&b, "Bearer %s", u.token);
        s->md[s->n_md++] = em_strdup("authorization");
        s->md[s->n_md++] = em_str_move(&b);
    }
    for (int idx = 0; idx < u.n_params; idx++) {
        if (cl_session_known_key(u.keys[idx]))
            continue;
        s->md[s->n_md++] = em_strdup(u.keys[idx]);
        s->md[s->n_md++] = em_strdup(u.values[idx]);
    }

    wire_channel_opts co;
    memset(&co, 0, sizeof co);
    bool secure = u.use_ssl || u.token != NULL;
    if (secure && !u.use_ssl && strcmp(u.host, "localhost") == 0)
        co.local_credentials = true; /* Spark 4.x: token to localhost without use_ssl */
    else if (secure)
        co.use_tls = true;
    co.root_certs_pem = opts->root_certs_pem;
    co.metadata = (const char *const *)s->md;
    co.n_metadata = s->n_md / 2;
    em_error werr;
    em_error_clear(&werr);
    s->ch = wire_channel_new(u.target, &co, &werr);
    s->url = u;
    if (!s->ch) {
        rc = cl_error_set(err, EMBER_EINVAL, "INVALID_CONNECT_URL", "cannot create channel: %s",
                          werr.message);
        cl_session_release(s);
        return rc;
    }
    *out = s;
    return EMBER_OK;
}

ember_session *cl_session_retain(ember_session *s)
{
    atomic_fetch_add(&s->refcount, 1);
    return s;
}

static void *cl_release_main(void *arg);

void cl_session_release(ember_session *s)
{
    if (!s || atomic_fetch_sub(&s->refcount, 1) != 1)
        return;
    pthread_mutex_lock(&s->mu);
    s->release_stop = true;
    pthread_cond_broadcast(&s->release_cv);
    bool started = s->release_started;
    pthread_mutex_unlock(&s->mu);
    if (started)
        pthread_join(s->release_thread, NULL);
    while (s->release_head) {
        cl_release_job *j = s->release_head;
        s->release_head = j->next;
        em_free(j->req);
        em_free(j);
    }
    wire_channel_free(s->ch);
    for (size_t idx = 0; idx < s->n_md; idx++)
        em_free(s->md[idx]);
    em_free(s->md);
    for (size_t idx = 0; idx < s->n_tags; idx++)
        em_free(s->tags[idx]);
    em_free(s->tags);
    cl_url_release(&s->url);
    em_free(s->session_id);
    em_free(s->user_id);
    em_free(s->client_type);
    em_free(s->target);
    pthread_cond_destroy(&s->release_cv);
    pthread_mutex_destroy(&s->mu);
    em_free(s);
}

void ember_session_free(ember_session *s)
{
    cl_session_release(s);
}

const char *ember_session_id(const ember_session *s)
{
    return s ? s->session_id : NULL;
}

const char *ember_session_user_id(const ember_session *s)
{
    return s ? (s->user_id ? s->user_id : "") : NULL;
}

const char *ember_session_client_type(const ember_session *s)
{
    return s ? s->client_type : NULL;
}

const char *ember_session_target(const ember_session *s)
{
    return s ? s->target : NULL;
}

void ember_session_server_side_id(ember_session *s, char *buf, size_t size)
{
    if (!s || !buf || !size)
        return;
    pthread_mutex_lock(&s->mu);
    cl_strlcpy(buf, s->server_side_id, size);
    pthread_mutex_unlock(&s->mu);
}

bool ember_session_is_closed(ember_session *s)
{
    if (!s)
        return true;
    pthread_mutex_lock(&s->mu);
    bool c = s->closed;
    pthread_mutex_unlock(&s->mu);
    return c;
}

/* -------------------------------------------------------------------------- envelope ---- */

Spark__Connect__UserContext *cl_user_context(ember_session *s, em_arena *a)
{
    if (!s->user_id)
        return NULL;
    Spark__Connect__UserContext *u = em_arena_alloc(a, sizeof *u);
    spark__connect__user_context__init(u);
    u->user_id = s->user_id;
    return u;
}

char *cl_observed_id(ember_session *s, em_arena *a)
{
    char *out = NULL;
    pthread_mutex_lock(&s->mu);
    if (s->have_server_side_id && s->server_side_id[0])
        out = em_arena_strdup(a, s->server_side_id);
    pthread_mutex_unlock(&s->mu);
    return out;
}

char **cl_tags_copy(ember_session *s, em_arena *a, size_t *n)
{
    pthread_mutex_lock(&s->mu);
    *n = s->n_tags;
    char **out = em_arena_alloc(a, sizeof(char *) * (s->n_tags + 1));
    for (size_t idx = 0; idx < s->n_tags; idx++)
        out[idx] = em_arena_strdup(a, s->tags[idx]);
    pthread_mutex_unlock(&s->mu);
    return out;
}

int cl_check_open(ember_session *s, ember_error *err)
{
    if (!s)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session must not be NULL");
    if (ember_session_is_closed(s))
        return cl_error_set(err, EMBER_ECLOSED, "NO_ACTIVE_SESSION",
                            "[NO_ACTIVE_SESSION] No active Spark session found. Please create a "
                            "new Spark session before running the code.");
    return EMBER_OK;
}

int cl_check_response(ember_session *s, const char *session_id, const char *server_side_id,
                      ember_error *err)
{
    if (!session_id || strcmp(session_id, s->session_id) != 0)
        return cl_error_set(err, EMBER_EPROTOCOL, NULL,
                            "Received incorrect session identifier for request:%s != %s",
                            session_id ? session_id : "", s->session_id);
    const char *ssid = server_side_id ? server_side_id : "";
    pthread_mutex_lock(&s->mu);
    if (!s->have_server_side_id) {
        /* PySpark remembers the first value, even an empty one. */
        s->have_server_side_id = true;
        cl_strlcpy(s->server_side_id, ssid, sizeof s->server_side_id);
    } else if (ssid[0] && strcmp(ssid, s->server_side_id) != 0) {
        char old[64];
        cl_strlcpy(old, s->server_side_id, sizeof old);
        s->closed = true;
        pthread_mutex_unlock(&s->mu);
        return cl_error_set(err, EMBER_ECLOSED, NULL,
                            "Received incorrect server side session identifier for request. "
                            "Please create a new Spark Session to reconnect. (%s != %s)",
                            ssid, old);
    }
    pthread_mutex_unlock(&s->mu);
    return EMBER_OK;
}

/* ---------------------------------------------------------------- ReleaseExecute worker ---- */

static void *cl_release_main(void *arg)
{
    ember_session *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (!s->release_head && !s->release_stop)
            pthread_cond_wait(&s->release_cv, &s->mu);
        if (!s->release_head)
            break;
        cl_release_job *j = s->release_head;
        s->release_head = j->next;
        if (!s->release_head)
            s->release_tail = NULL;
        s->release_inflight++;
        bool stopping = s->release_stop;
        pthread_mutex_unlock(&s->mu);

        /* PySpark retries ReleaseExecute with the policy and only logs a failure. While the
         * session is being freed one attempt is made, so free never waits for backoffs. */
        cl_retry_state rs;
        cl_retry_init(s, &rs);
        for (;;) {
            uint8_t *resp = NULL;
            size_t resp_len = 0;
            wire_status st = {0};
            wire_unary(s->ch, CL_SERVICE "ReleaseExecute", j->req, j->len, NULL, 0, 10000, &resp,
                       &resp_len, &st);
            em_free(resp);
            bool again = st.code != WIRE_STATUS_OK && !stopping && cl_retry_can(&st) &&
                         cl_retry_wait(s, &rs, &st);
            if (st.code != WIRE_STATUS_OK && !again)
                EM_LOG_DEBUG("ReleaseExecute failed: %s", st.message ? st.message : "");
            wire_status_release(&st);
            if (!again)
                break;
            pthread_mutex_lock(&s->mu);
            stopping = s->release_stop;
            pthread_mutex_unlock(&s->mu);
        }
        em_free(j->req);
        em_free(j);
        pthread_mutex_lock(&s->mu);
        s->release_inflight--;
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

void cl_release_enqueue(ember_session *s, uint8_t *req, size_t len)
{
    cl_release_job *j = em_calloc(1, sizeof *j);
    j->req = req;
    j->len = len;
    pthread_mutex_lock(&s->mu);
    if (!s->release_started) {
        if (pthread_create(&s->release_thread, NULL, cl_release_main, s) != 0) {
            pthread_mutex_unlock(&s->mu);
            em_free(req);
            em_free(j);
            return;
        }
        s->release_started = true;
    }
    if (s->release_tail)
        s->release_tail->next = j;
    else
        s->release_head = j;
    s->release_tail = j;
    pthread_cond_signal(&s->release_cv);
    pthread_mutex_unlock(&s->mu);
}

/* ------------------------------------------------------------------------- Config RPC ---- */

static int cl_config(ember_session *s, Spark__Connect__ConfigRequest__Operation *op, em_arena *a,
                     Spark__Connect__ConfigResponse **resp, ember_error *err)
{
    int rc = cl_check_open(s, err);
    if (rc != EMBER_OK)
        return rc;
    Spark__Connect__ConfigRequest req = SPARK__CONNECT__CONFIG_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = cl_user_context(s, a);
    CL_OPT(&req, client_type, 4, s->client_type);
    char *obs = cl_observed_id(s, a);
    if (obs)
        CL_OPT(&req, client_observed_server_side_session_id, 8, obs);
    req.operation = op;
    ProtobufCMessage *m = NULL;
    rc = cl_unary(s, "Config", &req.base, &spark__connect__config_response__descriptor, &m, err);
    if (rc != EMBER_OK)
        return rc;
    Spark__Connect__ConfigResponse *r = (Spark__Connect__ConfigResponse *)m;
    rc = cl_check_response(s, r->session_id, r->server_side_session_id, err);
    if (rc != EMBER_OK) {
        protobuf_c_message_free_unpacked(m, NULL);
        return rc;
    }
    for (size_t idx = 0; idx < r->n_warnings; idx++)
        EM_LOG_WARN("%s", r->warnings[idx]);
    *resp = r;
    return EMBER_OK;
}

static Spark__Connect__KeyValue *cl_kv(em_arena *a, const char *k, const char *v)
{
    Spark__Connect__KeyValue *kv = em_arena_alloc(a, sizeof *kv);
    spark__connect__key_value__init(kv);
    kv->key = cl_astr(a, k);
    if (v)
        CL_OPT(kv, value, 2, cl_astr(a, v));
    return kv;
}

/* The value of the first pair, or NULL. Copies with em_strdup. */
static char *cl_config_first(const Spark__Connect__ConfigResponse *r)
{
    if (r->n_pairs == 0 || r->pairs[0]->_value_case != SPARK__CONNECT__KEY_VALUE___VALUE_VALUE)
        return NULL;
    return em_strdup(r->pairs[0]->value);
}

int ember_conf_set(ember_session *s, const char *key, const char *value, ember_error *err)
{
    if (!key || !value)
        return cl_error_set(err, EMBER_EINVAL, NULL, "key and value must not be NULL");
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ConfigRequest__Set set = SPARK__CONNECT__CONFIG_REQUEST__SET__INIT;
    Spark__Connect__KeyValue *kv = cl_kv(&a, key, value);
    set.n_pairs = 1;
    set.pairs = &kv;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET;
    op.set = &set;
    Spark__Connect__ConfigResponse *r = NULL;
    int rc = cl_config(s, &op, &a, &r, err);
    if (r)
        spark__connect__config_response__free_unpacked(r, NULL);
    em_arena_release(&a);
    return rc;
}

int ember_conf_get(ember_session *s, const char *key, char **value, ember_error *err)
{
    if (!key || !value)
        return cl_error_set(err, EMBER_EINVAL, NULL, "key and value must not be NULL");
    *value = NULL;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ConfigRequest__Get get = SPARK__CONNECT__CONFIG_REQUEST__GET__INIT;
    char *k = cl_astr(&a, key);
    get.n_keys = 1;
    get.keys = &k;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET;
    op.get = &get;
    Spark__Connect__ConfigResponse *r = NULL;
    int rc = cl_config(s, &op, &a, &r, err);
    if (r) {
        *value = cl_config_first(r);
        spark__connect__config_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

int ember_conf_get_default(ember_session *s, const char *key, const char *default_value,
                           char **value, ember_error *err)
{
    if (!key || !value)
        return cl_error_set(err, EMBER_EINVAL, NULL, "key and value must not be NULL");
    *value = NULL;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ConfigRequest__GetWithDefault g =
        SPARK__CONNECT__CONFIG_REQUEST__GET_WITH_DEFAULT__INIT;
    Spark__Connect__KeyValue *kv = cl_kv(&a, key, default_value);
    g.n_pairs = 1;
    g.pairs = &kv;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_GET_WITH_DEFAULT;
    op.get_with_default = &g;
    Spark__Connect__ConfigResponse *r = NULL;
    int rc = cl_config(s, &op, &a, &r, err);
    if (r) {
        *value = cl_config_first(r);
        spark__connect__config_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

int ember_conf_unset(ember_session *s, const char *key, ember_error *err)
{
    if (!key)
        return cl_error_set(err, EMBER_EINVAL, NULL, "key must not be NULL");
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ConfigRequest__Unset u = SPARK__CONNECT__CONFIG_REQUEST__UNSET__INIT;
    char *k = cl_astr(&a, key);
    u.n_keys = 1;
    u.keys = &k;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_UNSET;
    op.unset = &u;
    Spark__Connect__ConfigResponse *r = NULL;
    int rc = cl_config(s, &op, &a, &r, err);
    if (r)
        spark__connect__config_response__free_unpacked(r, NULL);
    em_arena_release(&a);
    return rc;
}

int ember_conf_is_modifiable(ember_session *s, const char *key, bool *out, ember_error *err)
{
    if (!key || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "key and out must not be NULL");
    *out = false;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ConfigRequest__IsModifiable im =
        SPARK__CONNECT__CONFIG_REQUEST__IS_MODIFIABLE__INIT;
    char *k = cl_astr(&a, key);
    im.n_keys = 1;
    im.keys = &k;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_IS_MODIFIABLE;
    op.is_modifiable = &im;
    Spark__Connect__ConfigResponse *r = NULL;
    int rc = cl_config(s, &op, &a, &r, err);
    if (r) {
        char *v = cl_config_first(r);
        *out = v && strcmp(v, "true") == 0;
        em_free(v);
        spark__connect__config_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

/* ------------------------------------------------------------------------------- tags ---- */

/* PySpark's _throw_if_invalid_tag. */
static int cl_tag_check(const char *tag, ember_error *err)
{
    if (!tag)
        return cl_error_set(err, EMBER_EINVAL, "CANNOT_BE_NONE",
                            "[CANNOT_BE_NONE] Argument `Spark Connect tag` cannot be None.");
    if (!*tag)
        return cl_error_set(err, EMBER_EINVAL, "VALUE_NOT_NON_EMPTY_STR",
                            "[VALUE_NOT_NON_EMPTY_STR] Value for `Spark Connect tag` must be a "
                            "non-empty string, got ''.");
    if (strchr(tag, ','))
        return cl_error_set(err, EMBER_EINVAL, "VALUE_ALLOWED",
                            "[VALUE_ALLOWED] Value for `Spark Connect tag` does not allow ','.");
    return EMBER_OK;
}

int ember_session_add_tag(ember_session *s, const char *tag, ember_error *err)
{
    if (!s)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session must not be NULL");
    int rc = cl_tag_check(tag, err);
    if (rc != EMBER_OK)
        return rc;
    pthread_mutex_lock(&s->mu);
    for (size_t idx = 0; idx < s->n_tags; idx++) {
        if (strcmp(s->tags[idx], tag) == 0) {
            pthread_mutex_unlock(&s->mu);
            return EMBER_OK;
        }
    }
    s->tags = em_realloc(s->tags, sizeof(char *) * (s->n_tags + 1));
    s->tags[s->n_tags++] = em_strdup(tag);
    pthread_mutex_unlock(&s->mu);
    return EMBER_OK;
}

int ember_session_remove_tag(ember_session *s, const char *tag, ember_error *err)
{
    if (!s)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session must not be NULL");
    int rc = cl_tag_check(tag, err);
    if (rc != EMBER_OK)
        return rc;
    pthread_mutex_lock(&s->mu);
    for (size_t idx = 0; idx < s->n_tags; idx++) {
        if (strcmp(s->tags[idx], tag) == 0) {
            em_free(s->tags[idx]);
            memmove(&s->tags[idx], &s->tags[idx + 1], sizeof(char *) * (s->n_tags - idx - 1));
            s->n_tags--;
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return EMBER_OK;
}

void ember_session_clear_tags(ember_session *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    for (size_t idx = 0; idx < s->n_tags; idx++)
        em_free(s->tags[idx]);
    em_free(s->tags);
    s->tags = NULL;
    s->n_tags = 0;
    pthread_mutex_unlock(&s->mu);
}

/* ------------------------------------------------------------------------- interrupts ---- */

static int cl_interrupt(ember_session *s, int type, const char *arg, char ***ids, size_t *n_ids,
                        ember_error *err)
{
    if (ids)
        *ids = NULL;
    if (n_ids)
        *n_ids = 0;
    int rc = cl_check_open(s, err);
    if (rc != EMBER_OK)
        return rc;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__InterruptRequest req = SPARK__CONNECT__INTERRUPT_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = cl_user_context(s, &a);
    CL_OPT(&req, client_type, 3, s->client_type);
    char *obs = cl_observed_id(s, &a);
    if (obs)
        CL_OPT(&req, client_observed_server_side_session_id, 7, obs);
    req.interrupt_type = type;
    if (type == SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_TYPE__INTERRUPT_TYPE_TAG) {
        req.interrupt_case = SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_OPERATION_TAG;
        req.operation_tag = cl_astr(&a, arg);
    } else if (type ==
               SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_TYPE__INTERRUPT_TYPE_OPERATION_ID) {
        req.interrupt_case = SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_OPERATION_ID;
        req.operation_id = cl_astr(&a, arg);
    }
    ProtobufCMessage *m = NULL;
    rc = cl_unary(s, "Interrupt", &req.base, &spark__connect__interrupt_response__descriptor, &m,
                  err);
    em_arena_release(&a);
    if (rc != EMBER_OK)
        return rc;
    Spark__Connect__InterruptResponse *r = (Spark__Connect__InterruptResponse *)m;
    rc = cl_check_response(s, r->session_id, r->server_side_session_id, err);
    if (rc == EMBER_OK && ids) {
        *ids = em_calloc(r->n_interrupted_ids + 1, sizeof(char *));
        for (size_t idx = 0; idx < r->n_interrupted_ids; idx++)
            (*ids)[idx] = em_strdup(r->interrupted_ids[idx]);
    }
    if (rc == EMBER_OK && n_ids)
        *n_ids = r->n_interrupted_ids;
    protobuf_c_message_free_unpacked(m, NULL);
    return rc;
}

int ember_interrupt_all(ember_session *s, char ***ids, size_t *n_ids, ember_error *err)
{
    return cl_interrupt(s, SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_TYPE__INTERRUPT_TYPE_ALL,
                        NULL, ids, n_ids, err);
}

int ember_interrupt_tag(ember_session *s, const char *tag, char ***ids, size_t *n_ids,
                        ember_error *err)
{
    int rc = cl_tag_check(tag, err);
    if (rc != EMBER_OK)
        return rc;
    return cl_interrupt(s, SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_TYPE__INTERRUPT_TYPE_TAG,
                        tag, ids, n_ids, err);
}

int ember_interrupt_operation(ember_session *s, const char *operation_id, char ***ids,
                              size_t *n_ids, ember_error *err)
{
    if (!operation_id)
        return cl_error_set(err, EMBER_EINVAL, NULL, "operation_id must not be NULL");
    return cl_interrupt(
        s, SPARK__CONNECT__INTERRUPT_REQUEST__INTERRUPT_TYPE__INTERRUPT_TYPE_OPERATION_ID,
        operation_id, ids, n_ids, err);
}

/* ----------------------------------------------------------------------- stop, version ---- */

int ember_session_stop(ember_session *s, ember_error *err)
{
    if (!s)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session must not be NULL");
    pthread_mutex_lock(&s->mu);
    bool was_closed = s->closed;
    s->closed = true;
    pthread_mutex_unlock(&s->mu);
    if (was_closed)
        return EMBER_OK;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__ReleaseSessionRequest req = SPARK__CONNECT__RELEASE_SESSION_REQUEST__INIT;
    req.session_id = s->session_id;
    req.user_context = cl_user_context(s, &a);
    CL_OPT(&req, client_type, 3, s->client_type);
    ProtobufCMessage *m = NULL;
    int rc = cl_unary(s, "ReleaseSession", &req.base,
                      &spark__connect__release_session_response__descriptor, &m, err);
    em_arena_release(&a);
    if (m)
        protobuf_c_message_free_unpacked(m, NULL);
    return rc;
}

int ember_session_version(ember_session *s, char **out, ember_error *err)
{
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "out must not be NULL");
    *out = NULL;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__SparkVersion v =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__SPARK_VERSION__INIT;
    req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SPARK_VERSION;
    req.spark_version = &v;
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze(s, &req, &a, &r, err);
    if (rc == EMBER_OK) {
        if (r->result_case == SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SPARK_VERSION)
            *out = em_strdup(r->spark_version->version);
        else
            rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "AnalyzePlan answered without a version");
    }
    if (r)
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    em_arena_release(&a);
    return rc;
}
