/*
 * cn_server: wires the SparkConnectService methods to their handlers on a wire server,
 * checks the bearer token on every call, and runs the reaper that drops idle sessions and
 * abandoned operations.
 */
#include "connect/cn_int.h"

#include "common/em_log.h"
#include "common/em_mem.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CN_SVC "/spark.connect.SparkConnectService/"

void cn_global_views_free(void);

typedef struct cn_method {
    const char *name;
    wire_method_kind kind;
    wire_handler_fn fn;
} cn_method;

static const cn_method cn_methods[] = {
    {"ExecutePlan", WIRE_SERVER_STREAM, cn_handle_execute},
    {"AnalyzePlan", WIRE_UNARY, cn_handle_analyze},
    {"Config", WIRE_UNARY, cn_handle_config},
    {"AddArtifacts", WIRE_CLIENT_STREAM, cn_handle_add_artifacts},
    {"ArtifactStatus", WIRE_UNARY, cn_handle_artifact_status},
    {"Interrupt", WIRE_UNARY, cn_handle_interrupt},
    {"ReattachExecute", WIRE_SERVER_STREAM, cn_handle_reattach},
    {"ReleaseExecute", WIRE_UNARY, cn_handle_release_execute},
    {"ReleaseSession", WIRE_UNARY, cn_handle_release_session},
    {"FetchErrorDetails", WIRE_UNARY, cn_handle_fetch_error_details},
    {"CloneSession", WIRE_UNARY, cn_handle_clone_session},
};

bool cn_auth_ok(cn_server *srv, wire_call *call)
{
    if (!srv->opts.token || !srv->opts.token[0])
        return true;
    const char *h = wire_call_metadata(call, "authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0)
        return false;
    const char *given = h + 7;
    size_t a = strlen(given), b = strlen(srv->opts.token);
    /* constant-time comparison */
    unsigned diff = (unsigned)(a ^ b);
    for (size_t i = 0; i < a && i < b; i++)
        diff |= (unsigned)(given[i] ^ srv->opts.token[i]);
    return diff == 0;
}

static void *cn_reaper_main(void *arg)
{
    cn_server *srv = arg;
    pthread_mutex_lock(&srv->stop_mu);
    while (!srv->stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 10;
        pthread_cond_timedwait(&srv->stop_cv, &srv->stop_mu, &ts);
        if (srv->stopping)
            break;
        pthread_mutex_unlock(&srv->stop_mu);
        cn_mgr_reap(srv);
        pthread_mutex_lock(&srv->stop_mu);
    }
    pthread_mutex_unlock(&srv->stop_mu);
    return NULL;
}

cn_server *cn_server_start(const cn_server_opts *opts, int *bound_port, em_error *err)
{
    cn_server *srv = em_calloc(1, sizeof *srv);
    srv->opts = *opts;
    pthread_mutex_init(&srv->stop_mu, NULL);
    pthread_cond_init(&srv->stop_cv, NULL);
    cn_mgr_init(&srv->mgr, 60LL * 60 * 1000);

    wire_init();
    wire_server_config wc;
    memset(&wc, 0, sizeof wc);
    wc.host = opts->host ? opts->host : "127.0.0.1";
    wc.port = opts->port;
    wc.tls_cert_pem = opts->tls_cert_pem;
    wc.tls_key_pem = opts->tls_key_pem;
    wc.max_message_bytes = 128 << 20;
    srv->wire = wire_server_new(&wc, err);
    if (!srv->wire)
        goto fail;
    char path[128];
    for (size_t i = 0; i < sizeof cn_methods / sizeof cn_methods[0]; i++) {
        snprintf(path, sizeof path, CN_SVC "%s", cn_methods[i].name);
        if (wire_server_register(srv->wire, path, cn_methods[i].kind, cn_methods[i].fn, srv)) {
            em_error_internal(err, "cannot register %s", path);
            goto fail;
        }
    }
    if (wire_server_start(srv->wire, &srv->port, err))
        goto fail;
    if (bound_port)
        *bound_port = srv->port;
    if (pthread_create(&srv->reaper, NULL, cn_reaper_main, srv) == 0)
        srv->reaper_started = true;
    return srv;
fail:
    if (srv->wire)
        wire_server_free(srv->wire);
    cn_mgr_release(&srv->mgr);
    wire_shutdown();
    pthread_cond_destroy(&srv->stop_cv);
    pthread_mutex_destroy(&srv->stop_mu);
    em_free(srv);
    return NULL;
}

/* Interrupts every running operation of every session (shutdown). */
static void cn_interrupt_everything(cn_server *srv)
{
    pthread_mutex_lock(&srv->mgr.mu);
    for (int i = 0; i < srv->mgr.n; i++) {
        cn_session *s = srv->mgr.sessions[i];
        pthread_mutex_lock(&s->mu);
        for (int j = 0; j < s->n_ops; j++)
            cn_op_interrupt(s->ops[j]);
        pthread_mutex_unlock(&s->mu);
    }
    pthread_mutex_unlock(&srv->mgr.mu);
}

void cn_server_stop(cn_server *srv)
{
    if (!srv)
        return;
    pthread_mutex_lock(&srv->stop_mu);
    srv->stopping = true;
    pthread_cond_broadcast(&srv->stop_cv);
    pthread_mutex_unlock(&srv->stop_mu);
    if (srv->reaper_started)
        pthread_join(srv->reaper, NULL);
    cn_interrupt_everything(srv);
    wire_server_shutdown(srv->wire);
    cn_mgr_release(&srv->mgr);
    wire_server_free(srv->wire);
    cn_global_views_free();
    wire_shutdown();
    pthread_cond_destroy(&srv->stop_cv);
    pthread_mutex_destroy(&srv->stop_mu);
    em_free(srv);
}
