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
 * tree; EXTENDED (and the other modes) print the parsed plan, the analyzed plan preceded by
 * its schema ("id: bigint, x: bigint"), the optimized plan and the physical plan (Ember shows
 * the resolved logical tree for the last three). parsed may be NULL.
 */
void pl_explain(const pl_node *parsed, const pl_node *resolved, int mode, em_str *out);

/*
 * Spark's StructType.treeString(level) of a resolved plan's output (printSchema): "root" then
 * " |-- name: type (nullable = true)" lines, nested types indented; level <= 0 = all levels.
 */
void pl_tree_string(const pl_node *resolved, int level, em_str *out);

#endif
