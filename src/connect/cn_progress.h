/*
 * cn_progress: ExecutionProgress responses for long-running ExecutePlan operations, as Spark 4's
 * ExecuteGrpcResponseSender sends them (sql/connect/server .../ExecuteGrpcResponseSender.scala,
 * ConnectProgressExecutionListener.scala).
 *
 * Spark facts followed: progress is on unless the session conf
 * spark.connect.progress.reportInterval (a time conf, default "2s") is <= 0; the client does not
 * ask for it (no request option); while a query produces nothing the sender wakes every interval
 * and sends an ExecutePlanResponse{execution_progress{stages[], num_inflight_tasks}} with the
 * usual envelope (session ids, operation id, a response id) through the same reattachable
 * response buffer as results.
 *
 * Ember's engine has no stages or tasks: a query reports one stage (stage_id 0, num_tasks 1,
 * num_completed_tasks 0 until the end, num_inflight_tasks 1) whose input_bytes_read is what
 * the query's file scans have read so far (ex_bytes_read: the decoded size of the columns read,
 * parallel workers included; 0 for Range and LocalRelation, which read no input, as Spark's task
 * input metrics say). Reports are cheap: one process-wide ticker
 * thread serves every tracked operation; the producer only bumps counters. A query that ends
 * before its first interval sends nothing; one that reported gets a last report with done = true
 * before its final results.
 *
 * Threading: cn_progress_add is called by the producer only (atomics); begin/end by the producer;
 * after cn_progress_end returns no progress response for the operation is appended any more.
 */
#ifndef CN_PROGRESS_H
#define CN_PROGRESS_H

#include <stdint.h>

#include "connect/cn_int.h"

typedef struct cn_progress cn_progress;

/*
 * Starts tracking op (its producer calls this when the query starts running, after setting
 * op->cancel_target to the running ex_query, which must stay open until cn_progress_end: the
 * reports read its scan counters). Returns a tracker, or NULL when progress reports are
 * disabled for the session (interval <= 0); every other function accepts NULL.
 */
cn_progress *cn_progress_begin(cn_op *op);
/* The producer pulled a batch of n_rows rows, about n_bytes bytes (the fallback count when op
   had no running query at cn_progress_begin). */
void cn_progress_add(cn_progress *p, int64_t n_rows, int64_t n_bytes);
/*
 * Stops tracking and frees p. When at least one report was sent and ok is true, appends a last
 * report (the stage done) first. No report for op is appended after this returns.
 */
void cn_progress_end(cn_progress *p, bool ok);

/* Parses a Spark time conf value in milliseconds ("2s", "100ms", "1m", "500" = ms, "-1").
   Returns false for a malformed value. */
bool cn_progress_parse_ms(const char *text, int64_t *out_ms);

#endif
