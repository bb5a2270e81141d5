/*
 * opt: the optimizer. Rule-based rewrites of a resolved plan (analyzer output, plan.h
 * RESOLVED FORMS) into an equivalent resolved plan that the executor runs faster: constant
 * folding and boolean simplification, predicate pushdown through operators and into joins,
 * join reordering by estimated cardinality, limit pushdown, column pruning, filters handed to
 * file scans (row-group and partition pruning) and common subexpression elimination.
 *
 * Where it sits: connect/ calls opt_optimize between an_resolve and ex_open (unless the session
 * conf spark.ember.optimizer.enabled is false) and prints its result as the "Optimized Logical
 * Plan" of explain.
 *
 * Contracts:
 *  - The input plan is read-only and never modified (it may be a view's plan shared with other
 *    queries); the result is a new tree allocated in arena that may share unchanged
 *    expressions and leaf payloads with the input.
 *  - The root's output columns (count, order, names, types, attribute ids) never change, and the
 *    result returns the same rows as the input (the same multiset; the same order wherever the
 *    input's order is defined by a Sort, or when no join is reordered).
 *  - Non-deterministic expressions (rand, monotonically_increasing_id, ...) are never moved,
 *    duplicated or removed; expressions that can raise (raise_error, assert_true) are not
 *    moved into joins.
 *  - Returns 0 with *out set, or an error code with err set (internal errors only: user
 *    errors are the analyzer's and the executor's).
 */
#ifndef OPT_H
#define OPT_H

#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "plan/plan.h"

/* The rules, as bits of opt_env.disabled (tests turn them off one by one). */
typedef enum opt_rule {
    OPT_RULE_FOLD = 1u << 0,            /* opt_fold.c */
    OPT_RULE_PUSHDOWN_FILTER = 1u << 1, /* opt_pushdown_filter.c */
    OPT_RULE_PUSHDOWN_JOIN = 1u << 2,   /* opt_pushdown_join.c */
    OPT_RULE_JOIN_ORDER = 1u << 3,      /* opt_join_order.c */
    OPT_RULE_LIMIT = 1u << 4,           /* opt_limit.c */
    OPT_RULE_PRUNE = 1u << 5,           /* opt_prune.c */
    OPT_RULE_SUBQUERIES = 1u << 6,      /* optimize the plans of subquery expressions too */
    OPT_RULE_SCAN_FILTER = 1u << 7,     /* opt_scan_filter.c */
    OPT_RULE_CSE = 1u << 8,             /* opt_cse.c */
} opt_rule;

#define OPT_RULES_ALL 0x1ffu

typedef struct opt_env {
    /* The session options the query runs with (constant folding evaluates with them). */
    const pl_session_opts *opts;
    /* Rules not to run (OPT_RULE_* bits); 0 runs every rule. EMBER_OPT_DISABLE=<mask> in the
       environment adds bits for every query (opt_main.c). */
    unsigned disabled;
    /*
     * Estimated row count of a resolved PL_READ_SOURCE (file sizes, footers: what the data
     * source layer knows), or < 0 when unknown. NULL callback: unknown for every source.
     */
    int64_t (*source_rows)(void *ctx, const pl_node *read);
    void *source_ctx;
    /*
     * Estimated distinct values of output column col of a resolved PL_READ_SOURCE (from the
     * files' statistics: max - min + 1 of an integral or date column), or < 0 when unknown.
     * Join ordering divides join sizes by it. NULL callback: unknown. Called with source_ctx.
     */
    int64_t (*column_ndv)(void *ctx, const pl_node *read, int col);
    /*
     * Inputs whose estimated total rows stay under this keep Spark's join order rules (its
     * ReorderJoin: the written order, only moving relations to avoid cross joins), so small
     * results come out in the order Spark's would; larger ones are ordered by cardinality.
     * 0 = OPT_SMALL_JOIN_ROWS.
     */
    int64_t small_join_rows;
} opt_env;

#define OPT_SMALL_JOIN_ROWS 100000

/* Optimizes root (resolved, borrowed) into *out (in arena). See the contracts above. */
int opt_optimize(const opt_env *env, em_arena *arena, const pl_node *root, pl_node **out,
                 em_error *err);

/*
 * The estimated number of rows a resolved plan returns (the join-order rule's estimate:
 * source sizes, range and local sizes, selectivity guesses for filters). For tests and
 * explain; never fails.
 */
int64_t opt_estimate_rows(const opt_env *env, const pl_node *n);

#endif
