/*
 * coll_harness: runs Spark SQL text through the real parser, analyzer and executor, for the
 * collection-function tests: results are rendered the way Spark's SQL golden files print them
 * (HiveResult: tab-separated columns, NULL, nested strings quoted, maps as {k:v}, structs as
 * {"field":v}) with the schema line "struct<name:type,...>", so cases copied from golden files
 * and from Spark's documented examples compare as text.
 *
 * Temporary views ("CREATE [OR REPLACE] TEMPORARY VIEW v AS <query>") are remembered per
 * environment and resolved through the analyzer's catalog callback. "SET k=v" understands the
 * session options the engine models (spark.sql.ansi.enabled, spark.sql.mapKeyDedupPolicy).
 */
#ifndef COLL_HARNESS_H
#define COLL_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "plan/plan.h"

typedef struct ch_view {
    char *name;
    pl_node *plan; /* unresolved, in the env's arena */
} ch_view;

typedef struct ch_env {
    em_arena a;
    pl_session_opts opts;
    em_error err;
    int n_views;
    ch_view views[32];
    char schema[4096]; /* the last query's schema line */
} ch_env;

/* Session time zone America/Los_Angeles (as Spark's SQL tests run). */
void ch_init(ch_env *env, bool ansi);
void ch_release(ch_env *env);

/*
 * Runs one statement. Returns 0 with the result rows in out ("" for commands), CH_SKIPPED when
 * the statement is not understood by the harness, or an error code with env->err set.
 */
#define CH_SKIPPED (-1)
int ch_run(ch_env *env, const char *sql, char *out, size_t cap);

/* Convenience for one-value queries: the single cell, "ERROR:<class>" on failure. */
const char *ch_value(ch_env *env, const char *sql);

#endif
