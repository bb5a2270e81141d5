/*
 * cn_progress.c: ExecutionProgress reports of running operations (see cn_progress.h).
 *
 * One ticker thread (started with the first tracked operation, then kept for the process) owns
 * a list of trackers under cn_progress_mu. Each round it picks the trackers whose report is due,
 * marks them busy, and appends their reports with the mutex released, so that a slow operation
 * never delays the others' reports or their producers. cn_progress_end unlinks its tracker after
 * any report in flight for it has been appended: after that no report follows, so the last
 * report always precedes result_complete.
 *
 * A report is skipped while more than CN_PROGRESS_MAX_UNSENT bytes of the operation wait to be
 * sent (the client is reading results anyway, and cn_op_append must not block the ticker).
 */
#include "connect/cn_progress.h"

#include "common/em_mem.h"
#include "common/em_uuid.h"
#include "exec/ex.h"
#include "spark/connect/base.pb-c.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#define CN_PROGRESS_CONF          "spark.connect.progress.reportInterval"
#define CN_PROGRESS_DEFAULT       "2s"
#define CN_PROGRESS_MAX_UNSENT    (1LL << 20)
#define CN_PROGRESS_MAX_PER_ROUND 64

struct cn_progress {
    cn_progress *next;
    cn_op *op;             /* a reference while tracked */
    const ex_query *query; /* op's running query (its cancel_target at begin), or NULL */
    int64_t interval_ms;
    int64_t next_due_ms;
    _Atomic int64_t rows;
    _Atomic int64_t bytes;
    int n_sent;
    bool busy;  /* a report is being appended (mutex released) */
    bool ended; /* cn_progress_end is waiting */
};

static pthread_mutex_t cn_progress_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cn_progress_cv;      /* ticker wake-ups (CLOCK_MONOTONIC) */
static pthread_cond_t cn_progress_done_cv; /* busy flags cleared */
static cn_progress *cn_progress_list;
static bool cn_progress_started;

static int64_t cn_progress_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool cn_progress_parse_ms(const char *text, int64_t *out_ms)
{
    /* JavaUtils.timeStringAs: optional '-', digits, optional unit; no unit = the conf's unit. */
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    bool neg = *p == '-';
    if (neg)
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    int64_t v = 0;
    while (isdigit((unsigned char)*p)) {
        if (v > INT64_MAX / 10 - 10)
            return false;
        v = v * 10 + (*p++ - '0');
    }
    char unit[8] = {0};
    size_t n = 0;
    while (isalpha((unsigned char)*p) && n < sizeof unit - 1)
        unit[n++] = (char)tolower((unsigned char)*p++);
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return false;
    int64_t ms;
    if (!n || strcmp(unit, "ms") == 0)
        ms = v;
    else if (strcmp(unit, "us") == 0)
        ms = v / 1000;
    else if (strcmp(unit, "s") == 0)
        ms = v * 1000;
    else if (strcmp(unit, "m") == 0 || strcmp(unit, "min") == 0)
        ms = v * 60 * 1000;
    else if (strcmp(unit, "h") == 0)
        ms = v * 3600 * 1000;
    else if (strcmp(unit, "d") == 0)
        ms = v * 86400 * 1000;
    else
        return false;
    *out_ms = neg ? -ms : ms;
    return true;
}

/* Appends one report for p's operation. Called by the ticker (busy set) or by end (unlinked). */
static void cn_progress_emit(cn_progress *p, bool done)
{
    cn_op *op = p->op;
    pthread_mutex_lock(&op->mu);
    bool skip = op->released || op->interrupted || op->unsent_bytes > CN_PROGRESS_MAX_UNSENT;
    pthread_mutex_unlock(&op->mu);
    if (skip)
        return;
    Spark__Connect__ExecutePlanResponse__ExecutionProgress__StageInfo stage =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__EXECUTION_PROGRESS__STAGE_INFO__INIT;
    stage.stage_id = 0;
    stage.num_tasks = 1;
    stage.num_completed_tasks = done ? 1 : 0;
    stage.input_bytes_read =
        p->query ? ex_bytes_read(p->query) : atomic_load_explicit(&p->bytes, memory_order_relaxed);
    stage.done = done;
    Spark__Connect__ExecutePlanResponse__ExecutionProgress__StageInfo *stages[1] = {&stage};
    Spark__Connect__ExecutePlanResponse__ExecutionProgress prog =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__EXECUTION_PROGRESS__INIT;
    prog.n_stages = 1;
    prog.stages = stages;
    prog.num_inflight_tasks = done ? 0 : 1;
    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    char rid[CN_ID_MAX];
    em_uuid_v4(rid);
    resp.session_id = op->session->session_id;
    resp.server_side_session_id = op->session->server_side_id;
    resp.operation_id = op->op_id;
    resp.response_id = rid;
    resp.response_type_case =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_EXECUTION_PROGRESS;
    resp.execution_progress = &prog;
    size_t len;
    uint8_t *bytes = cn_pack(&resp.base, &len);
    if (cn_op_append(op, bytes, len, rid) == 0)
        p->n_sent++;
}

static void *cn_progress_ticker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cn_progress_mu);
    for (;;) {
        int64_t now = cn_progress_now_ms();
        cn_progress *due[CN_PROGRESS_MAX_PER_ROUND];
        int n_due = 0;
        int64_t next_wake = -1;
        for (cn_progress *p = cn_progress_list; p; p = p->next) {
            if (p->busy || p->ended)
                continue;
            if (p->next_due_ms <= now && n_due < CN_PROGRESS_MAX_PER_ROUND) {
                p->busy = true;
                due[n_due++] = p;
            } else if (next_wake < 0 || p->next_due_ms < next_wake) {
                next_wake = p->next_due_ms;
            }
        }
        if (n_due) {
            pthread_mutex_unlock(&cn_progress_mu);
            for (int idx = 0; idx < n_due; idx++)
                cn_progress_emit(due[idx], false);
            pthread_mutex_lock(&cn_progress_mu);
            now = cn_progress_now_ms();
            for (int idx = 0; idx < n_due; idx++) {
                due[idx]->busy = false;
                due[idx]->next_due_ms = now + due[idx]->interval_ms;
            }
            pthread_cond_broadcast(&cn_progress_done_cv);
            continue;
        }
        if (next_wake < 0) {
            pthread_cond_wait(&cn_progress_cv, &cn_progress_mu);
        } else {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            int64_t wait_ms = next_wake - now;
            ts.tv_sec += wait_ms / 1000;
            ts.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&cn_progress_cv, &cn_progress_mu, &ts);
        }
    }
    return NULL;
}

/* Starts the ticker once (caller holds cn_progress_mu). Returns false if it cannot run. */
static bool cn_progress_start_ticker(void)
{
    if (cn_progress_started)
        return true;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cn_progress_cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_cond_init(&cn_progress_done_cv, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    int rc = pthread_create(&t, &attr, cn_progress_ticker, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        pthread_cond_destroy(&cn_progress_cv);
        pthread_cond_destroy(&cn_progress_done_cv);
        return false;
    }
    cn_progress_started = true;
    return true;
}

cn_progress *cn_progress_begin(cn_op *op)
{
    char *text =
        cn_conf_get_with_default(&op->session->conf, CN_PROGRESS_CONF, CN_PROGRESS_DEFAULT);
    int64_t interval = 0;
    bool ok = text && cn_progress_parse_ms(text, &interval);
    em_free(text);
    if (!ok || interval <= 0)
        return NULL;
    cn_progress *p = em_calloc(1, sizeof *p);
    p->op = cn_op_retain(op);
    pthread_mutex_lock(&op->mu);
    p->query = op->cancel_target; /* open until cn_progress_end (cn_run.c) */
    pthread_mutex_unlock(&op->mu);
    p->interval_ms = interval;
    p->next_due_ms = cn_progress_now_ms() + interval;
    pthread_mutex_lock(&cn_progress_mu);
    if (!cn_progress_start_ticker()) {
        pthread_mutex_unlock(&cn_progress_mu);
        cn_op_release(op);
        em_free(p);
        return NULL;
    }
    p->next = cn_progress_list;
    cn_progress_list = p;
    pthread_cond_signal(&cn_progress_cv);
    pthread_mutex_unlock(&cn_progress_mu);
    return p;
}

void cn_progress_add(cn_progress *p, int64_t n_rows, int64_t n_bytes)
{
    if (!p)
        return;
    atomic_fetch_add_explicit(&p->rows, n_rows, memory_order_relaxed);
    atomic_fetch_add_explicit(&p->bytes, n_bytes, memory_order_relaxed);
}

void cn_progress_end(cn_progress *p, bool ok)
{
    if (!p)
        return;
    pthread_mutex_lock(&cn_progress_mu);
    p->ended = true;
    while (p->busy)
        pthread_cond_wait(&cn_progress_done_cv, &cn_progress_mu);
    for (cn_progress **link = &cn_progress_list; *link; link = &(*link)->next) {
        if (*link == p) {
            *link = p->next;
            break;
        }
    }
    pthread_mutex_unlock(&cn_progress_mu);
    if (ok && p->n_sent > 0)
        cn_progress_emit(p, true);
    cn_op_release(p->op);
    em_free(p);
}
