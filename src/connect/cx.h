/*
 * cx: Spark Connect protobuf messages (protobuf-c, spark/connect/ *.pb-c.h) into Ember's
 * unresolved plan IR (plan/plan.h), and data types both ways. This is the DataFrame front
 * door; sql/ is the other one. Nothing here resolves names or types: that is analyzer/'s job.
 *
 * Files: cx_relation.c (Relation kinds), cx_relation_more.c (secondary relation kinds),
 * cx_relation_stat.c (describe, summary), cx_relation_eager.c (pivot without values, crosstab,
 * freq_items, approx_quantile, sample_by), cx_relation_parse.c (parse), cx_relation_observe.c
 * (collect_metrics), cx_relation_transpose.c (transpose), cx_relation_asof.c (as_of_join),
 * cx_expression.c (Expression kinds), cx_literal.c (Expression.Literal), cx_types.c
 * (DataType <-> ty).
 *
 * Contracts (all functions):
 *  - Results are allocated in ctx->arena (or the arena passed); strings are copied, so the
 *    protobuf message may be freed afterwards.
 *  - Every Relation / Expression kind of the protocol is accepted: implemented kinds map to
 *    the IR, the others raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED with feature
 *    "Relation.<field>" / "Expression.<field>" (the proto field name). An unset oneof is
 *    never dereferenced. Python / Scala UDF kinds are rejected this way too.
 *  - Malformed plans (a required input missing, contradictory fields) raise INTERNAL_ERROR
 *    with the JVM class org.apache.spark.sql.connect.common.InvalidPlanInput, as Spark does.
 *  - Recursion follows the message nesting; the caller bounds it by checking the protobuf
 *    depth before unpacking (Spark's limit is 1024). cx keeps frames small and also stops at
 *    CX_MAX_DEPTH nested messages with CONNECT_INVALID_PLAN.CANNOT_PARSE.
 */
#ifndef CX_H
#define CX_H

#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "plan/plan.h"
#include "types/ty.h"

#include "spark/connect/base.pb-c.h"
#include "spark/connect/catalog.pb-c.h"
#include "spark/connect/expressions.pb-c.h"
#include "spark/connect/relations.pb-c.h"
#include "spark/connect/types.pb-c.h"

#define CX_MAX_DEPTH 2048

typedef struct cx_ctx cx_ctx;

/* Added (collect_metrics): one df.observe of the translated plan (cx_relation_observe.c). */
typedef struct cx_observation {
    const char *name;
    int64_t plan_id;  /* the CollectMetrics relation's plan id; -1 when unset */
    pl_node *metrics; /* unresolved: Aggregate [metrics] over its own copy of the input */
} cx_observation;

struct cx_ctx {
    em_arena *arena;             /* where the IR is built (the operation's arena) */
    const pl_session_opts *opts; /* borrowed; may be NULL */
    void *cb_ctx;                /* passed to the callbacks below */
    /*
     * LocalRelation with Arrow data: decodes the IPC stream `data` (len bytes; NULL when the
     * relation has only a schema) with the optional schema string (DDL or JSON, NULL when
     * absent) into a PL_LOCAL node allocated in a. Returns 0 or an error code with err set.
     * NULL callback: schema-only relations are still translated (an empty PL_LOCAL, schema
     * parsed with sql_parse_schema_any), relations with data raise NOT_IMPLEMENTED.
     */
    int (*decode_local)(void *cb_ctx, const uint8_t *data, size_t len, const char *schema_str,
                        em_arena *a, pl_node **out, em_error *err);
    /*
     * CachedLocalRelation (n_hashes 1, schema_hash NULL) and ChunkedCachedLocalRelation
     * (n_hashes data chunks, optional schema_hash): the artifacts stored by the session,
     * decoded into a PL_LOCAL node. NULL callback: NOT_IMPLEMENTED.
     */
    int (*lookup_cached)(void *cb_ctx, int n_hashes, const char *const *data_hashes,
                         const char *schema_hash, em_arena *a, pl_node **out, em_error *err);
    /*
     * CachedRemoteRelation: the plan of a server-side DataFrame handle (relation_id).
     * NULL callback: NOT_IMPLEMENTED.
     */
    int (*lookup_remote)(void *cb_ctx, const char *relation_id, em_arena *a, pl_node **out,
                         em_error *err);
    /*
     * Relation.catalog (spark.catalog.*): the session's catalog answers with a plan (usually
     * a PL_LOCAL of result rows). NULL callback: NOT_IMPLEMENTED.
     */
    int (*catalog_rel)(void *cb_ctx, const Spark__Connect__Catalog *cat, em_arena *a, pl_node **out,
                       em_error *err);
    /*
     * Added (describe / summary): the output schema (a TY_STRUCT) of an unresolved relation,
     * as the analyzer resolves it, for the translations Spark makes from the resolved input's
     * schema. `unresolved` is a throwaway translation the call may consume. NULL callback: cx
     * works from what the plan alone says (see cx_relation_stat.c).
     */
    int (*input_schema)(void *cb_ctx, pl_node *unresolved, em_arena *a, const ty **out,
                        em_error *err);
    int depth; /* cx-internal nesting counter; start at 0 */
    /*
     * Added (eager relations, cx_relation_eager.c): resolves, optimizes and runs `unresolved`
     * (a throwaway translation the call may consume) to the end, as Spark's planner collects a
     * Dataset for pivot without values and the df.stat functions. *out is a PL_LOCAL holding
     * all the rows (owned by a) with the resolved output schema. NULL callback: those
     * relations work only on inputs known to be empty, else raise NOT_IMPLEMENTED.
     */
    int (*run_plan)(void *cb_ctx, pl_node *unresolved, em_arena *a, pl_node **out, em_error *err);
    /* Added: spark.sql.pivotMaxValues (distinct pivot values collected); 0 means 10000. */
    int64_t pivot_max_values;
    /* Added: spark.sql.transposeMaxValues (rows collected by transpose); 0 means 500. */
    int64_t transpose_max_values;
    /* Added: the CollectMetrics met while translating, first of each name (owned by arena). */
    int n_observations;
    cx_observation *observations;
};

/* A ctx with only the arena (and options) set; callbacks NULL. */
void cx_ctx_init(cx_ctx *ctx, em_arena *arena, const pl_session_opts *opts);

/* Relation -> unresolved plan node (plan_id from RelationCommon, -1 when unset). */
int cx_relation(const Spark__Connect__Relation *rel, cx_ctx *ctx, pl_node **out, em_error *err);

/* Expression -> unresolved expression. */
int cx_expression(const Spark__Connect__Expression *e, cx_ctx *ctx, pl_expr **out, em_error *err);

/* Expression.SortOrder -> PX_SORT_ORDER. */
int cx_sort_order(const Spark__Connect__Expression__SortOrder *m, cx_ctx *ctx, pl_expr **out,
                  em_error *err);

/*
 * Expression.Literal -> PX_LITERAL (a 1-row vector of the literal's Spark type, following
 * LiteralValueProtoConverter: data_type when set, else the value kind; arrays/maps declare
 * containsNull / valueContainsNull true).
 */
int cx_literal(const Spark__Connect__Expression__Literal *lit, cx_ctx *ctx, pl_expr **out,
               em_error *err);

/*
 * DataType -> ty (owned by a, or a static singleton). Unparsed types go through
 * sql_parse_type. Kinds Ember lacks (time, geometry, geography, UDT without sql_type) raise
 * UNSUPPORTED_FEATURE.NOT_IMPLEMENTED.
 */
int cx_data_type(const Spark__Connect__DataType *t, em_arena *a, const ty **out, em_error *err);

/*
 * ty -> a new DataType message tree for AnalyzePlan responses (schema, ddl_parse), built
 * with em_malloc; the caller releases it with cx_data_type_free (not protobuf-c's free, which
 * would use its own allocator). Strings are copied. Never fails.
 */
Spark__Connect__DataType *cx_data_type_to_proto(const ty *t);
void cx_data_type_free(Spark__Connect__DataType *msg);

/* Internal helpers shared by the cx_*.c files. */
/* Relation.describe / Relation.summary (cx_relation_stat.c). */
int cx_describe(const Spark__Connect__StatDescribe *m, cx_ctx *ctx, pl_node **out, em_error *err);
int cx_summary(const Spark__Connect__StatSummary *m, cx_ctx *ctx, pl_node **out, em_error *err);
/*
 * cx_relation_eager.c: GroupedData.pivot without values (the distinct values of the pivot
 * column, sorted, collected through ctx->run_plan into agg->u.agg.pivot_values; with none the
 * node becomes a plain group-by of its groups), crosstab, freq_items, approx_quantile,
 * sample_by.
 */
int cx_pivot_collect(const Spark__Connect__Relation *input, const Spark__Connect__Expression *col,
                     cx_ctx *ctx, pl_node *agg, em_error *err);
int cx_crosstab(const Spark__Connect__StatCrosstab *m, cx_ctx *ctx, pl_node **out, em_error *err);
int cx_freq_items(const Spark__Connect__StatFreqItems *m, cx_ctx *ctx, pl_node **out,
                  em_error *err);
int cx_approx_quantile(const Spark__Connect__StatApproxQuantile *m, cx_ctx *ctx, pl_node **out,
                       em_error *err);
int cx_sample_by(const Spark__Connect__StatSampleBy *m, cx_ctx *ctx, pl_node **out, em_error *err);
/* cx_relation_parse.c: spark.read.json / csv over a DataFrame of strings (Relation.parse). */
int cx_parse(const Spark__Connect__Parse *m, cx_ctx *ctx, pl_node **out, em_error *err);
/* cx_relation_observe.c: Relation.collect_metrics (rows unchanged, metrics on observations). */
int cx_collect_metrics(const Spark__Connect__Relation *rel, cx_ctx *ctx, pl_node **out,
                       em_error *err);
/*
 * Row `row` of v as a Literal message (Spark's toLiteralProto for the scalar types; null as a
 * null literal of v's type), built with em_malloc: release with cx_literal_proto_free. NULL
 * with err set for nested and interval types (NOT_IMPLEMENTED).
 */
Spark__Connect__Expression__Literal *cx_literal_to_proto(const vec *v, int64_t row, em_error *err);
void cx_literal_proto_free(Spark__Connect__Expression__Literal *l);
/* cx_relation_transpose.c: df.transpose(indexColumn) (Spark's ResolveTranspose, collected). */
int cx_transpose(const Spark__Connect__Transpose *m, cx_ctx *ctx, pl_node **out, em_error *err);
/* cx_relation_asof.c: Dataset.joinAsOf as Spark's RewriteAsOfJoin (correlated subquery). */
int cx_as_of_join(const Spark__Connect__AsOfJoin *m, cx_ctx *ctx, pl_node **out, em_error *err);
int cx_not_implemented(em_error *err, const char *feature);
int cx_invalid_plan(em_error *err, const char *message);
int cx_enter(cx_ctx *ctx, em_error *err);
static inline void cx_leave(cx_ctx *ctx)
{
    ctx->depth--;
}

#endif
