/*
 * cn_plan: from a Relation message to a resolved plan, for one session. Fills the
 * translation callbacks (LocalRelation Arrow data, cached relations from artifacts) and the
 * analyzer's catalog (temp views, global temp views) from the session.
 */
#ifndef CN_PLAN_H
#define CN_PLAN_H

#include "analyzer/an.h"
#include "connect/cn_int.h"
#include "connect/cx.h"

typedef struct cn_plan_ctx {
    cn_session *session; /* borrowed */
    em_arena *arena;     /* borrowed: the operation's arena */
    pl_session_opts opts;
    char tz[128];
    cx_ctx cx;
    an_env env;
    int view_depth; /* guards views that refer to themselves */
} cn_plan_ctx;

void cn_plan_ctx_init(cn_plan_ctx *ctx, cn_session *s, em_arena *arena);
/* Translates only (unresolved). */
int cn_plan_translate(cn_plan_ctx *ctx, const Spark__Connect__Relation *rel, pl_node **out,
                      em_error *err);
/* Translates and resolves. */
int cn_plan_resolve(cn_plan_ctx *ctx, const Spark__Connect__Relation *rel, pl_node **out,
                    em_error *err);
/* The output schema of a resolved plan as a struct type (in the ctx arena). */
const ty *cn_plan_schema(cn_plan_ctx *ctx, const pl_node *resolved);

/*
 * Added (data sources, cn_source.c): an_env.source_resolve for a session (cb is the
 * cn_plan_ctx): the user schema parsed (DDL or JSON, a struct), the session's reader settings
 * gathered, the read resolved by io/ (io_source_resolve). *schema and *source live in arena.
 * Errors are Spark's (DATA_SOURCE_NOT_FOUND, PATH_NOT_FOUND, UNABLE_TO_INFER_SCHEMA, ...).
 */
int cn_source_resolve(void *cb, const pl_node *read, em_arena *arena, const ty **schema,
                      const void **source, em_error *err);

/*
 * Added (optimizer, cn_optimize.c): replaces *root (resolved) with its optimized plan unless the
 * session's spark.ember.optimizer.enabled is false (default true; EMBER_OPTIMIZER=0 in the
 * environment makes the default false). The plan's root columns never change.
 */
int cn_plan_optimize(cn_plan_ctx *ctx, pl_node **root, em_error *err);

/*
 * Added (collect_metrics): runs the observations the translation met (ctx->cx.observations) and
 * builds ExecutePlanResponse.observed_metrics entries (name, keys = the metrics' output names,
 * values = Literals, plan_id), em_malloc'd: release with cn_plan_observed_free (names and keys
 * borrow the ctx arena). *n_out 0 when there is none. On error, what was built is still
 * returned for release.
 */
int cn_plan_observed_metrics(cn_plan_ctx *ctx,
                             Spark__Connect__ExecutePlanResponse__ObservedMetrics ***out,
                             int *n_out, em_error *err);
void cn_plan_observed_free(Spark__Connect__ExecutePlanResponse__ObservedMetrics **list, int n);

#endif
