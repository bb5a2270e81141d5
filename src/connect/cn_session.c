/*
 * cn_session: the session manager. Sessions are keyed by (user_id, session_id) as Spark keys
 * them, created lazily, checked against the client's observed server-side id, tombstoned
 * when released, and reaped when idle (spark.connect.session.manager.defaultSessionTimeout).
 * Each session carries its conf, temp views, artifacts and stored errors.
 */
#include "connect/cn_int.h"
#include "connect/cn_ddl.h"

#include "common/em_log.h"
#include "common/em_mem.h"
#include "plan/plan.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define CN_MAX_TOMBSTONES 1000

int64_t cn_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cn_mgr_init(cn_mgr *m, int64_t idle_timeout_ms)
{
    pthread_mutex_init(&m->mu, NULL);
    m->n = m->cap = 0;
    m->sessions = NULL;
    m->tombstones = em_calloc(CN_MAX_TOMBSTONES, sizeof(char *));
    m->n_tombstones = m->next_tombstone = 0;
    m->idle_timeout_ms = idle_timeout_ms;
}

void cn_session_free_persisted(cn_session *s);

static void cn_session_free(cn_session *s)
{
    cn_session_free_persisted(s);
    for (int i = 0; i < s->n_views; i++) {
        em_free(s->views[i].name);
        em_free(s->views[i].rel);
    }
    em_free(s->views);
    for (int i = 0; i < s->n_artifacts; i++) {
        em_free(s->artifacts[i].name);
        em_free(s->artifacts[i].data);
    }
    em_free(s->artifacts);
    em_free(s->ops);
    cn_conf_release(&s->conf);
    pthread_mutex_destroy(&s->mu);
    em_free(s);
}

void cn_session_put(cn_session *s)
{
    if (!s)
        return;
    if (atomic_fetch_sub_explicit((_Atomic int *)&s->refcount, 1, memory_order_acq_rel) == 1)
        cn_session_free(s);
}

static cn_session *cn_session_ref(cn_session *s)
{
    atomic_fetch_add_explicit((_Atomic int *)&s->refcount, 1, memory_order_relaxed);
    return s;
}

/* Interrupts and drops every operation of a closing session. */
static void cn_session_close_ops(cn_session *s)
{
    pthread_mutex_lock(&s->mu);
    int n = s->n_ops;
    cn_op **ops = em_calloc((size_t)(n ? n : 1), sizeof *ops);
    for (int i = 0; i < n; i++)
        ops[i] = cn_op_retain(s->ops[i]);
    pthread_mutex_unlock(&s->mu);
    for (int i = 0; i < n; i++) {
        cn_op_remove(ops[i]);
        cn_op_release(ops[i]);
    }
    em_free(ops);
}

void cn_mgr_release(cn_mgr *m)
{
    for (int i = 0; i < m->n; i++) {
        cn_session *s = m->sessions[i];
        pthread_mutex_lock(&s->mu);
        s->closed = true;
        pthread_mutex_unlock(&s->mu);
        cn_session_close_ops(s);
        cn_session_put(s);
    }
    em_free(m->sessions);
    for (int i = 0; i < CN_MAX_TOMBSTONES; i++)
        em_free(m->tombstones[i]);
    em_free(m->tombstones);
    pthread_mutex_destroy(&m->mu);
}

static bool cn_key_eq(const cn_session *s, const char *user_id, const char *session_id)
{
    return strcmp(s->user_id, user_id) == 0 && strcmp(s->session_id, session_id) == 0;
}

bool cn_mgr_is_tombstoned(cn_mgr *m, const char *user_id, const char *session_id)
{
    size_t ul = strlen(user_id);
    for (int i = 0; i < m->n_tombstones; i++) {
        const char *t = m->tombstones[i];
        if (t && strncmp(t, user_id, ul) == 0 && t[ul] == '\n' &&
            strcmp(t + ul + 1, session_id) == 0)
            return true;
    }
    return false;
}

static void cn_mgr_add_tombstone(cn_mgr *m, const char *user_id, const char *session_id)
{
    size_t n = strlen(user_id) + strlen(session_id) + 2;
    char *t = em_malloc(n);
    snprintf(t, n, "%s\n%s", user_id, session_id);
    em_free(m->tombstones[m->next_tombstone]);
    m->tombstones[m->next_tombstone] = t;
    m->next_tombstone = (m->next_tombstone + 1) % CN_MAX_TOMBSTONES;
    if (m->n_tombstones < CN_MAX_TOMBSTONES)
        m->n_tombstones++;
}

/* Parses "... spark/4.0.1 ..." out of client_type. */
static void cn_parse_client_version(const char *client_type, int *major, int *minor)
{
    *major = *minor = 0;
    if (!client_type)
        return;
    const char *p = strstr(client_type, "spark/");
    if (!p)
        return;
    p += 6;
    char *end;
    long ma = strtol(p, &end, 10);
    if (end == p || *end != '.')
        return;
    long mi = strtol(end + 1, NULL, 10);
    *major = (int)ma;
    *minor = (int)mi;
}

static cn_session *cn_session_new(cn_server *srv, const char *user_id, const char *session_id)
{
    cn_session *s = em_calloc(1, sizeof *s);
    s->refcount = 1;
    s->server = srv;
    snprintf(s->user_id, sizeof s->user_id, "%s", user_id);
    snprintf(s->session_id, sizeof s->session_id, "%s", session_id);
    em_uuid_v4(s->server_side_id);
    pthread_mutex_init(&s->mu, NULL);
    cn_conf_init(&s->conf);
    for (int i = 0; i < srv->opts.n_confs; i++)
        cn_conf_set_internal(&s->conf, srv->opts.conf_keys[i], srv->opts.conf_values[i]);
    s->last_access_ms = cn_now_ms();
    return s;
}

cn_session *cn_session_get(cn_server *srv, const char *user_id, const char *session_id,
                           const char *observed, const char *client_type, cn_session_mode mode,
                           em_error *err)
{
    if (!user_id)
        user_id = "";
    if (!session_id || !em_uuid_valid(session_id)) {
        em_error_set(err, "INVALID_HANDLE.FORMAT", "handle", session_id ? session_id : "", NULL);
        return NULL;
    }
    if (strlen(user_id) >= CN_USER_MAX) {
        em_error_set(err, "INVALID_HANDLE.FORMAT", "handle", session_id, NULL);
        return NULL;
    }
    cn_mgr *m = &srv->mgr;
    pthread_mutex_lock(&m->mu);
    cn_session *found = NULL;
    for (int i = 0; i < m->n; i++) {
        if (cn_key_eq(m->sessions[i], user_id, session_id)) {
            found = m->sessions[i];
            break;
        }
    }
    if (!found) {
        if (cn_mgr_is_tombstoned(m, user_id, session_id)) {
            pthread_mutex_unlock(&m->mu);
            em_error_set(err, "INVALID_HANDLE.SESSION_CLOSED", "handle", session_id, NULL);
            return NULL;
        }
        if (mode == CN_SESSION_EXISTING) {
            pthread_mutex_unlock(&m->mu);
            em_error_set(err, "INVALID_HANDLE.SESSION_NOT_FOUND", "handle", session_id, NULL);
            return NULL;
        }
        if (observed && observed[0]) {
            /* The client saw another server-side session: this server restarted or the
               session was reaped. Spark answers SESSION_CHANGED and creates nothing. */
            pthread_mutex_unlock(&m->mu);
            em_error_set(err, "INVALID_HANDLE.SESSION_CHANGED", "handle", session_id, NULL);
            return NULL;
        }
        found = cn_session_new(srv, user_id, session_id);
        cn_parse_client_version(client_type, &found->client_major, &found->client_minor);
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 16;
            m->sessions = em_realloc(m->sessions, (size_t)m->cap * sizeof *m->sessions);
        }
        m->sessions[m->n++] = found;
        EM_LOG_DEBUG("session %s (user '%s') created, server-side id %s", session_id, user_id,
                     found->server_side_id);
    } else if (observed && observed[0] && strcmp(observed, found->server_side_id) != 0) {
        pthread_mutex_unlock(&m->mu);
        em_error_set(err, "INVALID_HANDLE.SESSION_CHANGED", "handle", session_id, NULL);
        return NULL;
    }
    cn_session_ref(found);
    pthread_mutex_unlock(&m->mu);
    pthread_mutex_lock(&found->mu);
    found->last_access_ms = cn_now_ms();
    if (!found->client_major)
        cn_parse_client_version(client_type, &found->client_major, &found->client_minor);
    pthread_mutex_unlock(&found->mu);
    return found;
}

/* Removes the session from the manager (caller holds m->mu); returns the manager's ref. */
static cn_session *cn_mgr_unlink(cn_mgr *m, int idx)
{
    cn_session *s = m->sessions[idx];
    m->sessions[idx] = m->sessions[m->n - 1];
    m->n--;
    return s;
}

void cn_session_release(cn_server *srv, const char *user_id, const char *session_id,
                        bool allow_reconnect)
{
    cn_mgr *m = &srv->mgr;
    if (!user_id)
        user_id = "";
    pthread_mutex_lock(&m->mu);
    cn_session *s = NULL;
    for (int i = 0; i < m->n; i++) {
        if (cn_key_eq(m->sessions[i], user_id, session_id)) {
            s = cn_mgr_unlink(m, i);
            break;
        }
    }
    if (s && !allow_reconnect)
        cn_mgr_add_tombstone(m, user_id, session_id);
    pthread_mutex_unlock(&m->mu);
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->closed = true;
    pthread_mutex_unlock(&s->mu);
    cn_session_close_ops(s);
    EM_LOG_DEBUG("session %s released", session_id);
    cn_session_put(s);
}

void cn_mgr_reap(cn_server *srv)
{
    cn_mgr *m = &srv->mgr;
    int64_t now = cn_now_ms();
    int64_t detached_timeout = 5 * 60 * 1000;
    pthread_mutex_lock(&m->mu);
    int n = m->n;
    cn_session **all = em_calloc((size_t)(n ? n : 1), sizeof *all);
    for (int i = 0; i < n; i++)
        all[i] = cn_session_ref(m->sessions[i]);
    pthread_mutex_unlock(&m->mu);
    for (int i = 0; i < n; i++) {
        cn_session *s = all[i];
        /* abandoned operations: no sender attached for detached_timeout */
        pthread_mutex_lock(&s->mu);
        int64_t last = s->last_access_ms;
        int k = 0;
        cn_op **victims = em_calloc((size_t)(s->n_ops ? s->n_ops : 1), sizeof *victims);
        for (int j = 0; j < s->n_ops; j++) {
            cn_op *op = s->ops[j];
            pthread_mutex_lock(&op->mu);
            bool abandoned = op->n_attached == 0 && op->detached_since_ms &&
                             now - op->detached_since_ms > detached_timeout;
            pthread_mutex_unlock(&op->mu);
            if (abandoned)
                victims[k++] = cn_op_retain(op);
        }
        bool has_ops = s->n_ops > 0;
        pthread_mutex_unlock(&s->mu);
        for (int j = 0; j < k; j++) {
            EM_LOG_INFO("operation %s abandoned; removing", victims[j]->op_id);
            cn_op_remove(victims[j]);
            cn_op_release(victims[j]);
        }
        em_free(victims);
        if (!has_ops && m->idle_timeout_ms > 0 && now - last > m->idle_timeout_ms) {
            EM_LOG_INFO("session %s idle; releasing", s->session_id);
            cn_session_release(srv, s->user_id, s->session_id, false);
        }
        cn_session_put(s);
    }
    em_free(all);
}

cn_session *cn_session_clone(cn_server *srv, cn_session *src, const char *new_session_id,
                             em_error *err)
{
    cn_session *dst =
        cn_session_get(srv, src->user_id, new_session_id, NULL, NULL, CN_SESSION_CREATE, err);
    if (!dst)
        return NULL;
    cn_conf_copy(&dst->conf, &src->conf);
    pthread_mutex_lock(&src->mu);
    for (int i = 0; i < src->n_views; i++)
        cn_session_put_view(dst, src->views[i].name, src->views[i].rel, src->views[i].rel_len);
    for (int i = 0; i < src->n_artifacts; i++) {
        uint8_t *copy = em_malloc(src->artifacts[i].len ? src->artifacts[i].len : 1);
        memcpy(copy, src->artifacts[i].data, src->artifacts[i].len);
        cn_session_put_artifact(dst, src->artifacts[i].name, copy, src->artifacts[i].len);
    }
    dst->client_major = src->client_major;
    dst->client_minor = src->client_minor;
    char db[sizeof src->current_db];
    memcpy(db, src->current_db, sizeof db); /* Added (catalog): the current database */
    pthread_mutex_unlock(&src->mu);
    pthread_mutex_lock(&dst->mu);
    memcpy(dst->current_db, db, sizeof db);
    pthread_mutex_unlock(&dst->mu);
    return dst;
}

void cn_session_store_error(cn_session *s, const em_error *err, char id_out[CN_ID_MAX])
{
    em_uuid_v4(id_out);
    pthread_mutex_lock(&s->mu);
    cn_stored_error *slot = &s->errors[s->next_error];
    snprintf(slot->id, sizeof slot->id, "%s", id_out);
    em_error_copy(&slot->err, err);
    s->next_error = (s->next_error + 1) % CN_MAX_STORED_ERRORS;
    if (s->n_errors < CN_MAX_STORED_ERRORS)
        s->n_errors++;
    pthread_mutex_unlock(&s->mu);
}

bool cn_session_take_error(cn_session *s, const char *id, em_error *out)
{
    bool found = false;
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_errors; i++) {
        if (s->errors[i].id[0] && strcmp(s->errors[i].id, id) == 0) {
            em_error_copy(out, &s->errors[i].err);
            s->errors[i].id[0] = '\0';
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return found;
}

static int cn_view_find(cn_view *views, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcasecmp(views[i].name, name) == 0)
            return i;
    return -1;
}

static void cn_views_put(cn_view **views, int *n, int *cap, const char *name, const uint8_t *rel,
                         size_t len)
{
    uint8_t *copy = em_malloc(len ? len : 1);
    memcpy(copy, rel, len);
    int i = cn_view_find(*views, *n, name);
    if (i >= 0) {
        em_free((*views)[i].rel);
        (*views)[i].rel = copy;
        (*views)[i].rel_len = len;
        return;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *views = em_realloc(*views, (size_t)*cap * sizeof **views);
    }
    (*views)[*n].name = em_strdup(name);
    (*views)[*n].rel = copy;
    (*views)[*n].rel_len = len;
    (*n)++;
}

void cn_session_put_view(cn_session *s, const char *name, const uint8_t *rel, size_t len)
{
    pthread_mutex_lock(&s->mu);
    cn_views_put(&s->views, &s->n_views, &s->cap_views, name, rel, len);
    pthread_mutex_unlock(&s->mu);
}

bool cn_session_get_view(cn_session *s, const char *name, uint8_t **rel, size_t *len)
{
    pthread_mutex_lock(&s->mu);
    int i = cn_view_find(s->views, s->n_views, name);
    if (i >= 0) {
        *len = s->views[i].rel_len;
        *rel = em_malloc(*len ? *len : 1);
        memcpy(*rel, s->views[i].rel, *len);
    }
    pthread_mutex_unlock(&s->mu);
    return i >= 0;
}

bool cn_session_has_view(cn_session *s, const char *name)
{
    pthread_mutex_lock(&s->mu);
    int i = cn_view_find(s->views, s->n_views, name);
    pthread_mutex_unlock(&s->mu);
    return i >= 0;
}

bool cn_session_drop_view(cn_session *s, const char *name)
{
    pthread_mutex_lock(&s->mu);
    int i = cn_view_find(s->views, s->n_views, name);
    if (i >= 0) {
        em_free(s->views[i].name);
        em_free(s->views[i].rel);
        s->views[i] = s->views[s->n_views - 1];
        s->n_views--;
    }
    pthread_mutex_unlock(&s->mu);
    return i >= 0;
}

/* Global temp views: one process-wide table guarded by its own mutex. */
static pthread_mutex_t cn_global_mu = PTHREAD_MUTEX_INITIALIZER;
static cn_view *cn_global_views;
static int cn_n_global_views, cn_cap_global_views;

void cn_global_put_view(cn_server *srv, const char *name, const uint8_t *rel, size_t len)
{
    (void)srv;
    pthread_mutex_lock(&cn_global_mu);
    cn_views_put(&cn_global_views, &cn_n_global_views, &cn_cap_global_views, name, rel, len);
    pthread_mutex_unlock(&cn_global_mu);
}

bool cn_global_get_view(cn_server *srv, const char *name, uint8_t **rel, size_t *len)
{
    (void)srv;
    pthread_mutex_lock(&cn_global_mu);
    int i = cn_view_find(cn_global_views, cn_n_global_views, name);
    if (i >= 0) {
        *len = cn_global_views[i].rel_len;
        *rel = em_malloc(*len ? *len : 1);
        memcpy(*rel, cn_global_views[i].rel, *len);
    }
    pthread_mutex_unlock(&cn_global_mu);
    return i >= 0;
}

bool cn_global_has_view(cn_server *srv, const char *name)
{
    (void)srv;
    pthread_mutex_lock(&cn_global_mu);
    int i = cn_view_find(cn_global_views, cn_n_global_views, name);
    pthread_mutex_unlock(&cn_global_mu);
    return i >= 0;
}

bool cn_global_drop_view(cn_server *srv, const char *name)
{
    (void)srv;
    pthread_mutex_lock(&cn_global_mu);
    int i = cn_view_find(cn_global_views, cn_n_global_views, name);
    if (i >= 0) {
        em_free(cn_global_views[i].name);
        em_free(cn_global_views[i].rel);
        cn_global_views[i] = cn_global_views[cn_n_global_views - 1];
        cn_n_global_views--;
    }
    pthread_mutex_unlock(&cn_global_mu);
    return i >= 0;
}

int cn_global_view_names(cn_server *srv, char ***names)
{
    (void)srv;
    pthread_mutex_lock(&cn_global_mu);
    int n = cn_n_global_views;
    *names = em_calloc((size_t)(n ? n : 1), sizeof(char *));
    for (int i = 0; i < n; i++)
        (*names)[i] = em_strdup(cn_global_views[i].name);
    pthread_mutex_unlock(&cn_global_mu);
    return n;
}

void cn_global_views_free(void);
void cn_global_views_free(void)
{
    cn_catalog_shutdown(); /* Added (catalog): the metastore closes with the server. */
    pthread_mutex_lock(&cn_global_mu);
    for (int i = 0; i < cn_n_global_views; i++) {
        em_free(cn_global_views[i].name);
        em_free(cn_global_views[i].rel);
    }
    em_free(cn_global_views);
    cn_global_views = NULL;
    cn_n_global_views = cn_cap_global_views = 0;
    pthread_mutex_unlock(&cn_global_mu);
}

void cn_session_put_artifact(cn_session *s, const char *name, uint8_t *data, size_t len)
{
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_artifacts; i++) {
        if (strcmp(s->artifacts[i].name, name) == 0) {
            em_free(s->artifacts[i].data);
            s->artifacts[i].data = data;
            s->artifacts[i].len = len;
            pthread_mutex_unlock(&s->mu);
            return;
        }
    }
    if (s->n_artifacts == s->cap_artifacts) {
        s->cap_artifacts = s->cap_artifacts ? s->cap_artifacts * 2 : 8;
        s->artifacts = em_realloc(s->artifacts, (size_t)s->cap_artifacts * sizeof *s->artifacts);
    }
    s->artifacts[s->n_artifacts].name = em_strdup(name);
    s->artifacts[s->n_artifacts].data = data;
    s->artifacts[s->n_artifacts].len = len;
    s->n_artifacts++;
    pthread_mutex_unlock(&s->mu);
}

bool cn_session_get_artifact(cn_session *s, const char *name, const uint8_t **data, size_t *len)
{
    /* Artifacts are never replaced while a plan reads them within one call in practice, but
       a replace frees the old bytes: callers copy what they keep beyond the call. */
    pthread_mutex_lock(&s->mu);
    bool found = false;
    for (int i = 0; i < s->n_artifacts; i++) {
        if (strcmp(s->artifacts[i].name, name) == 0) {
            *data = s->artifacts[i].data;
            *len = s->artifacts[i].len;
            found = true;
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return found;
}

void cn_session_engine_opts(cn_session *s, pl_session_opts *opts, char *tz_buf, size_t tz_size)
{
    memset(opts, 0, sizeof *opts);
    opts->ansi = cn_conf_bool(&s->conf, "spark.sql.ansi.enabled", true);
    opts->case_sensitive = cn_conf_bool(&s->conf, "spark.sql.caseSensitive", false);
    /* current_timestamp() & co. are fixed for the whole operation, as in Spark. */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    opts->now_micros = (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000;
    opts->legacy_statistical_aggregate =
        cn_conf_bool(&s->conf, "spark.sql.legacy.statisticalAggregate", false);
    char *dedup = cn_conf_get_option(&s->conf, "spark.sql.mapKeyDedupPolicy");
    opts->map_key_last_win = dedup && strcasecmp(dedup, "LAST_WIN") == 0;
    em_free(dedup);
    opts->legacy_negative_index_array_insert =
        cn_conf_bool(&s->conf, "spark.sql.legacy.negativeIndexInArrayInsert", false);
    opts->decimal_no_precision_loss =
        !cn_conf_bool(&s->conf, "spark.sql.decimalOperations.allowPrecisionLoss", true);
    opts->legacy_java_charsets = cn_conf_bool(&s->conf, "spark.sql.legacy.javaCharsets", false);
    opts->legacy_coding_error_action =
        cn_conf_bool(&s->conf, "spark.sql.legacy.codingErrorAction", false);
    char *tz = cn_conf_get_option(&s->conf, "spark.sql.session.timeZone");
    snprintf(tz_buf, tz_size, "%s", tz ? tz : "Etc/UTC");
    em_free(tz);
    opts->time_zone = tz_buf;
    opts->batch_rows = cn_conf_long(&s->conf, "spark.ember.batchRows", VEC_BATCH_ROWS);
    if (opts->batch_rows < 1)
        opts->batch_rows = VEC_BATCH_ROWS;
    opts->threads = (int)cn_conf_long(&s->conf, "spark.ember.threads", 1);
    /* Added (memory budget): spark.ember.memory.limit as a byte string ("64m"); 0 = exec's
       default. */
    char *mem_limit = cn_conf_get_option(&s->conf, "spark.ember.memory.limit");
    if (mem_limit && em_mem_parse_size(mem_limit, &opts->memory_limit) != 0)
        opts->memory_limit = 0;
    em_free(mem_limit);
    /* Spilling forced at every operator (tests; EMBER_FORCE_SPILL=1 does the same in exec). */
    opts->spill_force = cn_conf_bool(&s->conf, "spark.ember.spill.force", false);
    opts->max_result_rows_per_batch =
        cn_conf_long(&s->conf, "spark.sql.execution.arrow.maxRecordsPerBatch", 10000);
    if (opts->max_result_rows_per_batch <= 0)
        opts->max_result_rows_per_batch = 10000;
}
