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

/* Added (spilling): bytes the query has written to spill files so far (0 when it never spilled). */
int64_t ex_spilled_bytes(const ex_query *q);

/*
 * Added (progress): rows produced by the query's leaf scans so far (Range, LocalRelation, file
 * scans, including parallel workers' morsels; a subquery's own scans are not counted), and the
 * input bytes its file scans read so far (the decoded size of the columns read; Range and
 * LocalRelation read no input, as in Spark's task input metrics). Any thread may call these
 * while the query runs (relaxed atomic loads); q NULL gives 0.
 */
int64_t ex_rows_read(const ex_query *q);
int64_t ex_bytes_read(const ex_query *q);

/* Runs a query to the end, collecting all rows into one batch (tests, small results). */
int ex_run_all(const pl_node *root, const pl_session_opts *opts, vec_batch **out, em_error *err);

#endif
