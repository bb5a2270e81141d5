/*
 * an_test_util: builders for unresolved plans in analyzer tests, and a resolve-and-check
 * helper. Everything is allocated in the test's arena (at_init / at_release).
 */
#ifndef AN_TEST_UTIL_H
#define AN_TEST_UTIL_H

#include "analyzer/an.h"
#include "common/em_arena.h"
#include "common/em_error.h"
#include "plan/plan.h"

typedef struct at_ctx {
    em_arena arena;
    em_error err;
    pl_session_opts opts;
    an_env env;
    int64_t next_plan_id;
} at_ctx;

void at_init(at_ctx *t);
void at_release(at_ctx *t);

/* A LocalRelation with the given schema (e.g. "id bigint, a int, b double"), plan_id set. */
pl_node *at_local(at_ctx *t, const char *schema);
/* spark.range(start, end). */
pl_node *at_range(at_ctx *t, int64_t start, int64_t end);
/* A unary node of kind over child (plan_id set). */
pl_node *at_unary(at_ctx *t, pl_kind kind, pl_node *child);
/* Project of the given expressions (NULL-terminated). */
pl_node *at_select(at_ctx *t, pl_node *child, ...);

/* Expressions. at_col("a.b") splits on dots; at_df_col binds to a plan id. */
pl_expr *at_col(at_ctx *t, const char *name);
pl_expr *at_df_col(at_ctx *t, const pl_node *df, const char *name);
pl_expr *at_fn(at_ctx *t, const char *name, ...); /* NULL-terminated args */
pl_expr *at_alias(at_ctx *t, pl_expr *e, const char *name);
pl_expr *at_int(at_ctx *t, int32_t v);
pl_expr *at_long(at_ctx *t, int64_t v);
pl_expr *at_str(at_ctx *t, const char *s);
pl_expr *at_star(at_ctx *t);
pl_expr *at_cast(at_ctx *t, pl_expr *e, const char *type);
pl_expr *at_sql(at_ctx *t, const char *text);

/* Resolves; returns the resolved root or NULL with t->err set. */
pl_node *at_resolve(at_ctx *t, pl_node *root);
/* "name:type" of every output column joined by ", " (types as simpleString), in the arena. */
const char *at_schema(at_ctx *t, const pl_node *resolved);
/* The error class after a failed resolve ("" if none). */
const char *at_error_class(const at_ctx *t);
const char *at_param(const at_ctx *t, const char *name);

#endif
