/*
 * pl_print: plans as text, in Spark's TreeNode.treeString style, for AnalyzePlan explain and
 * tree_string and for debugging.
 *
 *   Project [id#0L, (id#0L + 1) AS x#1L]
 *   +- Range (0, 10, step=1, splits=Some(2))
 *
 * Children are drawn with ":- " (not last) and "+- " (last); unresolved nodes and expressions
 * carry Spark's "'" prefix. Attribute references print as name#id with the L suffix for
 * bigint, as Spark's AttributeReference.toString.
 *
 * Contracts: output is appended to an em_str (caller-owned); nothing allocates outside it;
 * NULL plans print "<none>".
 */
#ifndef PL_PRINT_H
#define PL_PRINT_H

#include "common/em_str.h"
#include "plan/plan.h"

/* Explain modes, numbered as the protocol's AnalyzePlanRequest.Explain.ExplainMode. */
enum {
    PL_EXPLAIN_SIMPLE = 1,
    PL_EXPLAIN_EXTENDED = 2,
    PL_EXPLAIN_CODEGEN = 3,
    PL_EXPLAIN_COST = 4,
    PL_EXPLAIN_FORMATTED = 5,
};

/* One plan tree (resolved or unresolved), one node per line, each line ending in '\n'. */
void pl_tree(const pl_node *n, em_str *out);

/* One expression as it appears inside a tree line. */
void pl_expr_string(const pl_expr *e, em_str *out);

/*
 * The text of Dataset.explain(mode): SIMPLE prints "== Physical Plan ==" and the resolved
 * tree (then an empty line); CODEGEN, COST and FORMATTED are pl_explain_mode's; EXTENDED
 * prints the parsed plan, the analyzed plan preceded by
 * its schema ("id: bigint, x: bigint"), the optimized plan and the physical plan (Ember shows
 * the resolved logical tree for the last three). parsed may be NULL.
 */
void pl_explain(const pl_node *parsed, const pl_node *resolved, int mode, em_str *out);

/*
 * Added (optimizer): pl_explain with the plan that runs: the optimized plan under "== Optimized
 * Logical Plan ==" and "== Physical Plan ==" (optimized NULL = resolved, which is pl_explain).
 */
void pl_explain_optimized(const pl_node *parsed, const pl_node *resolved, const pl_node *optimized,
                          int mode, em_str *out);

/* One node's line (no children, no newline), as it appears in a tree. */
void pl_node_string(const pl_node *n, em_str *out);

/*
 * The CODEGEN, COST and FORMATTED modes (pl_explain.c; pl_explain_optimized calls it):
 * "Found 0 WholeStageCodegen subtrees."; the optimized tree with Spark's Statistics on each
 * line, then the physical plan; the physical plan with operator ids and one block per
 * operator. optimized NULL = resolved.
 */
void pl_explain_mode(const pl_node *resolved, const pl_node *optimized, int mode, em_str *out);

/*
 * Spark's StructType.treeString(level) of a resolved plan's output (printSchema): "root" then
 * " |-- name: type (nullable = true)" lines, nested types indented; level <= 0 = all levels.
 */
void pl_tree_string(const pl_node *resolved, int level, em_str *out);

#endif
