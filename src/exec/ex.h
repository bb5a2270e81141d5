/*
 * ex: the executor's public face. Turns a resolved plan (analyzer output, read-only) into a
 * running query and pulls result batches out of it.
 *
 * Contracts:
 *  - ex_open takes a borrowed resolved root; the plan's arena must outlive the query.
 *  - ex_next returns 1 with a batch (caller frees with vec_batch_free; its columns follow the
 *    root's out[] attributes), 0 at the end, or <0 with err set. Batches may be empty (0 rows)
 *    only if the whole result is empty; callers must not rely on batch sizes.
 *  - ex_cancel may be called from any thread; the running ex_next returns an
 *    OPERATION_CANCELED error promptly.
 *  - ex_close frees all execution state (also after errors or cancel).
 */
#ifndef EX_H
#define EX_H

#include "common/em_error.h"
#include "plan/plan.h"
#include "vector/vec.h"

typedef struct ex_query ex_query;

ex_query *ex_open(const pl_node *root, const pl_session_opts *opts, em_error *err);
int ex_next(ex_query *q, vec_batch **out, em_error *err);
void ex_cancel(ex_query *q);
void ex_close(ex_query *q);

/* Runs a query to the end, collecting all rows into one batch (tests, small results). */
int ex_run_all(const pl_node *root, const pl_session_opts *opts, vec_batch **out, em_error *err);

#endif
