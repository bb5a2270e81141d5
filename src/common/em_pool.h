/*
 * em_pool: the process-wide pool of worker threads that runs every query's parallel work.
 *
 * Work is organised as jobs (one per running parallel operator of a query). A job is a callback
 * that runs at most ONE unit of work (one morsel) per call and says whether it ran one. Workers
 * visit the registered jobs round-robin, one unit at a time, so concurrent queries share the
 * workers fairly: a query with a million morsels cannot starve one with ten. A job limits its own
 * parallelism by answering "nothing to run now" when all its clones are busy.
 *
 * Contracts:
 *  - em_pool_shared(n) returns the one pool, grown to at least n workers (capped at
 *    EM_POOL_MAX_THREADS); workers live until the process exits. Thread-safe.
 *  - A work callback runs on a pool thread, never under the pool's lock; it must not block
 *    waiting for other units of any job (it may take its job's own short locks).
 *  - em_pool_wake tells idle workers that some job may have new work (e.g. a consumer freed
 *    room in its window); a job added with em_pool_job_add is announced the same way.
 *  - em_pool_job_remove unregisters a job and returns once no worker runs its callback; the
 *    callback is never called again. The job handle is freed.
 */
#ifndef EM_POOL_H
#define EM_POOL_H

#include <stdbool.h>

#define EM_POOL_MAX_THREADS 64

typedef struct em_pool em_pool;
typedef struct em_pool_job em_pool_job;

/* Runs at most one unit of work of the job; true when it ran one, false when it has nothing
   to run right now. */
typedef bool (*em_pool_work_fn)(void *arg);

em_pool *em_pool_shared(int n_threads);
/* Number of worker threads. */
int em_pool_threads(em_pool *p);
/* Registers a job (caller keeps the handle for em_pool_job_remove). */
em_pool_job *em_pool_job_add(em_pool *p, em_pool_work_fn fn, void *arg);
void em_pool_wake(em_pool *p);
void em_pool_job_remove(em_pool *p, em_pool_job *job);

#endif
