/*
 * cl_progress.c: ExecutionProgress handlers (ember.h, "Execution progress"), PySpark's
 * spark.registerProgressHandler / removeProgressHandler / clearProgressHandlers.
 *
 * Handlers are kept per session in a small process-wide registry keyed by the session id (so
 * that the session struct needs no new field): a list under one mutex, with an atomic count that
 * lets cl_progress_dispatch return at once when nobody listens. cl_exec_next calls
 * cl_progress_dispatch for every execution_progress response it reads; the handlers run on that
 * thread, outside the registry mutex (the list is copied first), so a handler may call back
 * into libember, even to register or remove handlers.
 *
 * Like PySpark's Progress.update_ticks, handlers are only told about reports whose stages count
 * at least one task.
 */
#include <stdatomic.h>
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

typedef struct cl_progress_handler {
    struct cl_progress_handler *next;
    char session_id[64];
    ember_progress_fn fn;
    void *user_data;
} cl_progress_handler;

static pthread_mutex_t cl_progress_mu = PTHREAD_MUTEX_INITIALIZER;
static cl_progress_handler *cl_progress_list;
static atomic_int cl_progress_count;

#define CL_PROGRESS_MAX_HANDLERS 32
#define CL_PROGRESS_MAX_STAGES   256

int ember_session_register_progress_handler(ember_session *s, ember_progress_fn fn, void *user_data,
                                            ember_error *err)
{
    if (!s || !fn)
        return cl_error_set(err, EMBER_EINVAL, NULL, "register_progress_handler: NULL argument");
    pthread_mutex_lock(&cl_progress_mu);
    for (cl_progress_handler *h = cl_progress_list; h; h = h->next) {
        if (h->fn == fn && h->user_data == user_data && strcmp(h->session_id, s->session_id) == 0) {
            pthread_mutex_unlock(&cl_progress_mu); /* PySpark: registering twice is a no-op */
            return EMBER_OK;
        }
    }
    cl_progress_handler *h = em_calloc(1, sizeof *h);
    cl_strlcpy(h->session_id, s->session_id, sizeof h->session_id);
    h->fn = fn;
    h->user_data = user_data;
    h->next = cl_progress_list;
    cl_progress_list = h;
    atomic_fetch_add(&cl_progress_count, 1);
    pthread_mutex_unlock(&cl_progress_mu);
    return EMBER_OK;
}

/* Removes the session's handlers matching fn/user_data (all of them when all is true). */
static int cl_progress_remove(const ember_session *s, ember_progress_fn fn, void *user_data,
                              bool all)
{
    int removed = 0;
    pthread_mutex_lock(&cl_progress_mu);
    cl_progress_handler **link = &cl_progress_list;
    while (*link) {
        cl_progress_handler *h = *link;
        if (strcmp(h->session_id, s->session_id) == 0 &&
            (all || (h->fn == fn && h->user_data == user_data))) {
            *link = h->next;
            em_free(h);
            removed++;
            atomic_fetch_sub(&cl_progress_count, 1);
        } else {
            link = &h->next;
        }
    }
    pthread_mutex_unlock(&cl_progress_mu);
    return removed;
}

int ember_session_remove_progress_handler(ember_session *s, ember_progress_fn fn, void *user_data,
                                          ember_error *err)
{
    if (!s || !fn)
        return cl_error_set(err, EMBER_EINVAL, NULL, "remove_progress_handler: NULL argument");
    if (cl_progress_remove(s, fn, user_data, false) == 0)
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "remove_progress_handler: the handler is not registered");
    return EMBER_OK;
}

void ember_session_clear_progress_handlers(ember_session *s)
{
    if (s)
        cl_progress_remove(s, NULL, NULL, true);
}

void cl_progress_dispatch(ember_session *s, const Spark__Connect__ExecutePlanResponse *m)
{
    if (atomic_load_explicit(&cl_progress_count, memory_order_relaxed) == 0 || !m ||
        m->response_type_case !=
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_EXECUTION_PROGRESS ||
        !m->execution_progress)
        return;
    const Spark__Connect__ExecutePlanResponse__ExecutionProgress *ep = m->execution_progress;
    ember_stage_info stages[CL_PROGRESS_MAX_STAGES];
    size_t n_stages = ep->n_stages < CL_PROGRESS_MAX_STAGES ? ep->n_stages : CL_PROGRESS_MAX_STAGES;
    int64_t total_tasks = 0;
    for (size_t idx = 0; idx < n_stages; idx++) {
        const Spark__Connect__ExecutePlanResponse__ExecutionProgress__StageInfo *si =
            ep->stages[idx];
        stages[idx].stage_id = si->stage_id;
        stages[idx].num_tasks = si->num_tasks;
        stages[idx].num_completed_tasks = si->num_completed_tasks;
        stages[idx].num_bytes_read = si->input_bytes_read;
        stages[idx].done = si->done;
        total_tasks += si->num_tasks;
    }
    if (total_tasks <= 0)
        return;
    ember_progress p = {
        .operation_id = m->operation_id ? m->operation_id : "",
        .stages = stages,
        .n_stages = n_stages,
        .inflight_tasks = ep->num_inflight_tasks,
    };
    /* Copy the matching handlers, then call them without the lock. */
    ember_progress_fn fns[CL_PROGRESS_MAX_HANDLERS];
    void *users[CL_PROGRESS_MAX_HANDLERS];
    int n = 0;
    pthread_mutex_lock(&cl_progress_mu);
    for (cl_progress_handler *h = cl_progress_list; h && n < CL_PROGRESS_MAX_HANDLERS;
         h = h->next) {
        if (strcmp(h->session_id, s->session_id) == 0) {
            fns[n] = h->fn;
            users[n] = h->user_data;
            n++;
        }
    }
    pthread_mutex_unlock(&cl_progress_mu);
    for (int idx = n - 1; idx >= 0; idx--) /* registration order */
        fns[idx](&p, users[idx]);
}
