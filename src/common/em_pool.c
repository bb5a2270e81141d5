/*
 * em_pool: worker threads visiting jobs round-robin (see em_pool.h).
 *
 * The jobs form a ring with a cursor. A worker takes the job under the cursor, advances the
 * cursor, and calls the job's callback outside the lock; after a unit ran it starts again from
 * the cursor, so each job gets one unit per turn. A worker that went once around the ring
 * without running anything sleeps until the generation counter moves (a job was added, or
 * em_pool_wake was called), which makes wake-ups between the scan and the sleep impossible to
 * lose. Removal unlinks the job at once and waits for callbacks in flight (running == 0).
 */
#include "common/em_pool.h"

#include <pthread.h>
#include <stdint.h>

#include "common/em_log.h"
#include "common/em_mem.h"

struct em_pool_job {
    em_pool_work_fn fn;
    void *arg;
    em_pool_job *prev, *next;
    int running;
    bool linked;
};

struct em_pool {
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers sleep here */
    pthread_cond_t idle_cv; /* removers wait here for running == 0 */
    em_pool_job *cursor;    /* next job to visit; NULL when there are no jobs */
    int n_jobs;
    uint64_t gen;
    int n_threads;
    pthread_t threads[EM_POOL_MAX_THREADS];
};

static pthread_mutex_t em_pool_init_mu = PTHREAD_MUTEX_INITIALIZER;
static em_pool *em_pool_the;

static void *em_pool_worker(void *arg)
{
    em_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        uint64_t seen = p->gen;
        bool ran = false;
        for (int tried = 0; tried < p->n_jobs && p->cursor; tried++) {
            em_pool_job *j = p->cursor;
            p->cursor = j->next;
            j->running++;
            pthread_mutex_unlock(&p->mu);
            bool did = j->fn(j->arg);
            pthread_mutex_lock(&p->mu);
            j->running--;
            if (!j->linked && j->running == 0)
                pthread_cond_broadcast(&p->idle_cv);
            if (did) {
                ran = true;
                break;
            }
        }
        if (!ran && p->gen == seen)
            pthread_cond_wait(&p->work_cv, &p->mu);
    }
    return NULL;
}

em_pool *em_pool_shared(int n_threads)
{
    if (n_threads < 1)
        n_threads = 1;
    if (n_threads > EM_POOL_MAX_THREADS)
        n_threads = EM_POOL_MAX_THREADS;
    pthread_mutex_lock(&em_pool_init_mu);
    em_pool *p = em_pool_the;
    if (!p) {
        p = em_calloc(1, sizeof *p);
        pthread_mutex_init(&p->mu, NULL);
        pthread_cond_init(&p->work_cv, NULL);
        pthread_cond_init(&p->idle_cv, NULL);
        em_pool_the = p;
    }
    while (p->n_threads < n_threads) {
        if (pthread_create(&p->threads[p->n_threads], NULL, em_pool_worker, p) != 0) {
            EM_LOG_WARN("em_pool: cannot start worker %d", p->n_threads);
            break;
        }
        pthread_detach(p->threads[p->n_threads]);
        p->n_threads++;
    }
    pthread_mutex_unlock(&em_pool_init_mu);
    return p;
}

int em_pool_threads(em_pool *p)
{
    pthread_mutex_lock(&em_pool_init_mu);
    int n = p->n_threads;
    pthread_mutex_unlock(&em_pool_init_mu);
    return n;
}

em_pool_job *em_pool_job_add(em_pool *p, em_pool_work_fn fn, void *arg)
{
    em_pool_job *j = em_calloc(1, sizeof *j);
    j->fn = fn;
    j->arg = arg;
    pthread_mutex_lock(&p->mu);
    if (!p->cursor) {
        j->prev = j->next = j;
        p->cursor = j;
    } else {
        /* insert just before the cursor: visited last in the current turn */
        em_pool_job *c = p->cursor;
        j->next = c;
        j->prev = c->prev;
        c->prev->next = j;
        c->prev = j;
    }
    j->linked = true;
    p->n_jobs++;
    p->gen++;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    return j;
}

void em_pool_wake(em_pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->gen++;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
}

void em_pool_job_remove(em_pool *p, em_pool_job *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&p->mu);
    if (j->linked) {
        if (j->next == j) {
            p->cursor = NULL;
        } else {
            j->prev->next = j->next;
            j->next->prev = j->prev;
            if (p->cursor == j)
                p->cursor = j->next;
        }
        j->linked = false;
        p->n_jobs--;
    }
    while (j->running > 0)
        pthread_cond_wait(&p->idle_cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    em_free(j);
}
