/*
 * an: the analyzer. Resolves an unresolved plan (from connect/ or sql/) into the resolved form
 * documented in plan/plan.h: names bound (plan_id-aware for df["col"]), types computed with
 * Spark's coercion rules, functions bound through the registry, SQL text parsed through sql/,
 * views and tables looked up through the environment's catalog callbacks.
 *
 * Contracts:
 *  - an_resolve allocates the resolved tree in `arena` (which may be the input's arena); the
 *    input tree is not modified in ways visible to other users.
 *  - User mistakes raise Spark's error classes (UNRESOLVED_COLUMN.WITH_SUGGESTION,
 *    UNRESOLVED_ROUTINE, TABLE_OR_VIEW_NOT_FOUND, DATATYPE_MISMATCH.*, ...), with SQL query
 *    context where the expression came from SQL text.
 *  - Constructs Ember does not support yet raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED naming
 *    the construct.
 */
#ifndef AN_H
#define AN_H

#include "common/em_arena.h"
#include "common/em_error.h"
#include "plan/plan.h"

typedef struct an_env {
    const pl_session_opts *opts;
    /*
     * Looks up a table or view by multi-part name. Returns 0 and sets *plan to an unresolved
     * or resolved plan (allocated in arena) when found, 1 when not found, <0 with err set on
     * failure. NULL callback = no catalog (every table is not found).
     */
    int (*lookup_relation)(void *ctx, int n_parts, const char *const *parts, em_arena *arena,
                           pl_node **plan, em_error *err);
    void *catalog_ctx;
    /*
     * Added: the schema of a data source read without a user schema (file listing and
     * inference belong to io/). Returns 0 with *schema (a TY_STRUCT, in arena) or an error.
     * NULL callback: such reads raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED.
     */
    int (*source_schema)(void *ctx, const pl_node *read, em_arena *arena, const ty **schema,
                         em_error *err);
    /*
     * Added (data sources): resolves a PL_READ_SOURCE with or without a user schema (format
     * lookup, path checks, file listing, partition discovery, inference). Returns 0 with
     * *schema (the output columns, a TY_STRUCT in arena) and *source (an opaque descriptor in
     * arena, stored in the resolved node's u.read.source for the executor), or an error with
     * Spark's class. When set it is used instead of source_schema, also for reads that give a
     * schema.
     */
    int (*source_resolve)(void *ctx, const pl_node *read, em_arena *arena, const ty **schema,
                          const void **source, em_error *err);
} an_env;

int an_resolve(const an_env *env, em_arena *arena, pl_node *root, pl_node **resolved,
               em_error *err);

#endif
