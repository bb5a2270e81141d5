/*
 * cx: Spark Connect protobuf messages (protobuf-c, spark/connect/ *.pb-c.h) into Ember's
 * unresolved plan IR (plan/plan.h), and data types both ways. This is the DataFrame front
 * door; sql/ is the other one. Nothing here resolves names or types: that is analyzer/'s job.
 *
 * Files: cx_relation.c (Relation kinds), cx_relation_more.c (secondary relation kinds),
 * cx_relation_stat.c (describe, summary),
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
int cx_not_implemented(em_error *err, const char *feature);
int cx_invalid_plan(em_error *err, const char *message);
int cx_enter(cx_ctx *ctx, em_error *err);
static inline void cx_leave(cx_ctx *ctx)
{
    ctx->depth--;
}

#endif
