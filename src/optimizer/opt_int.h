/*
 * opt_int: the optimizer's private interface: the rule context, the rules' entry points and
 * the helpers they share for rewriting resolved plans (opt_util.c, opt_expr.c).
 *
 * How rules rewrite: opt_optimize first clones every node of the input (opt_tree_clone), so a
 * rule may change the nodes it is given in place; expressions stay shared with the input and
 * are never modified - a rule that changes an expression builds a new one (copy on write).
 * Column references are positions (PX_COLREF col_index into the node's input row, the
 * concatenated left ++ right row for joins), so every rule that changes a node's output
 * columns remaps the expressions of its parent.
 */
#ifndef OPT_INT_H
#define OPT_INT_H

#include <stdbool.h>

#include "optimizer/opt.h"

typedef struct opt_ctx {
    em_arena *a;
    const opt_env *env;
    em_error *err;
} opt_ctx;

/* ---- the rules (each returns 0, or an error code with c->err set) ---------------------- */

/* opt_fold.c: constant folding, boolean simplification, Filter(true) removal, empty
   relations for Filter(false) and their propagation. */
int opt_fold(opt_ctx *c, pl_node **root);
/* opt_pushdown_filter.c: Filter through Project, Aggregate (grouping columns), Sort, Union,
   Dedup, Repartition; adjacent filters combined. Calls opt_pushdown_join_step for joins. */
int opt_pushdown_filter(opt_ctx *c, pl_node **root);
/* opt_pushdown_join.c: one Filter-over-Join or Join node rewritten as Spark's
   PushPredicateThroughJoin; returns whether it changed (*n replaced). */
bool opt_pushdown_join_step(opt_ctx *c, pl_node **n);
/* opt_pushdown_join.c: Spark's PushExtraPredicateThroughJoin, one pass: a disjunction in a
   join condition whose every branch constrains one side filters that side too (the condition
   itself stays). */
int opt_pushdown_extra(opt_ctx *c, pl_node **root);
/* opt_join_order.c: chains of inner joins reordered. */
int opt_join_order(opt_ctx *c, pl_node **root);
/* opt_limit.c: limits pushed through projections and into UNION ALL branches. */
int opt_limit(opt_ctx *c, pl_node **root);
/* opt_prune.c: unused columns of projections, aggregates and scans removed. */
int opt_prune(opt_ctx *c, pl_node **root);
/* opt_scan_filter.c: conjuncts of Filters over file scans copied into the scans'
   u.read.pushed_filters (the Filters stay). */
int opt_scan_filter(opt_ctx *c, pl_node **root);
/* opt_cse.c: common subexpressions of Projects and Aggregates computed once by a Project
   below them. */
int opt_cse(opt_ctx *c, pl_node **root);

/* ---- nodes (opt_util.c) ------------------------------------------------------------------ */

/* A copy of n with its own children array (same children). */
pl_node *opt_node_clone(opt_ctx *c, const pl_node *n);
/* Clones every node of the tree (expressions and leaf payloads shared). */
pl_node *opt_tree_clone(opt_ctx *c, const pl_node *n);
/* Filter(cond) over child (out = child's). */
pl_node *opt_filter_new(opt_ctx *c, pl_node *child, pl_expr *cond);
/* Filter(AND of conds[0..n)) over child, merged into child when it is a Filter with a
   deterministic condition (Spark's CombineFilters: the child's condition first); child itself
   when n is 0. */
pl_node *opt_filter_over(opt_ctx *c, pl_node *child, pl_expr *const *conds, int n);
/* Project(exprs) over child with the given output attributes (copied). */
pl_node *opt_project_new(opt_ctx *c, pl_node *child, int n, pl_expr **exprs, const pl_attr *out);
/* Project over child keeping child columns cols[0..n) (references carry the child's attrs). */
pl_node *opt_project_cols(opt_ctx *c, pl_node *child, int n, const int *cols);
/* An empty LocalRelation with n's output attributes. */
pl_node *opt_empty_relation(opt_ctx *c, const pl_node *like);
bool opt_is_empty_relation(const pl_node *n);
/* Whether every expression of the node (its own lists, not its children) is deterministic. */
bool opt_node_deterministic(const pl_node *n);

/* ---- expressions (opt_expr.c) ------------------------------------------------------------ */

/* A resolved column reference to attr at input position idx. */
pl_expr *opt_colref(opt_ctx *c, const pl_attr *attr, int idx);
/*
 * A copy of e whose column references i become map[i] (every referenced i must have
 * 0 <= map[i] and i < n_map; the caller checks with opt_expr_refs). Nested lambda bodies and
 * window specs are remapped too; subquery plans are not (they read their outer values through
 * the expression's args). Returns e itself when nothing changes.
 */
pl_expr *opt_expr_remap(opt_ctx *c, const pl_expr *e, const int *map, int n_map);
/* A copy of e with every column reference shifted by delta (>= 0 results). */
pl_expr *opt_expr_shift(opt_ctx *c, const pl_expr *e, int delta);
/* A copy of e with column reference i replaced by repl[i] (expressions over another row). */
pl_expr *opt_expr_subst(opt_ctx *c, const pl_expr *e, pl_expr *const *repl, int n_repl);
/* Marks in mask[0..n) the columns e reads (references past n are ignored). */
void opt_expr_refs(const pl_expr *e, bool *mask, int n);
/* Whether every column e reads is in [lo, hi); *any says whether it reads any. */
bool opt_expr_refs_within(const pl_expr *e, int lo, int hi, bool *any);
/* No non-deterministic function anywhere in e (subquery plans included). */
bool opt_expr_deterministic(const pl_expr *e);
/* Whether e contains a subquery expression. */
bool opt_expr_has_subquery(const pl_expr *e);
/* raise_error / assert_true: Spark's `throwable` expressions. */
bool opt_expr_throwable(const pl_expr *e);
/* Safe to evaluate elsewhere in the plan: deterministic, no subquery, not throwable. */
bool opt_expr_movable(const pl_expr *e);
/* Splits e into its AND-ed conjuncts (arena array, in order); a NULL e gives none. */
int opt_conjuncts(opt_ctx *c, pl_expr *e, pl_expr ***out);
/* The AND of list[0..n) (left-deep, in order), or NULL when n is 0. */
pl_expr *opt_and_all(opt_ctx *c, pl_expr *const *list, int n);
/* A bound call of the scalar function name over args (NULL if it cannot be bound). */
pl_expr *opt_call(opt_ctx *c, const char *name, int n, pl_expr *const *args);
bool opt_is_call(const pl_expr *e, const char *name, int n_args);
/* Spark's semanticEquals for what the rules compare: same kinds, deterministic functions,
   references, literal values, casts (false when unsure). */
bool opt_expr_equal(const pl_expr *x, const pl_expr *y);
/* A boolean literal: 1 true, 0 false, -1 NULL; returns false when e is no boolean literal. */
bool opt_bool_literal(const pl_expr *e, int *value);

/* ---- estimates (opt_join_order.c) -------------------------------------------------------- */

/* Estimated rows of n (see opt_estimate_rows). */
double opt_rows(opt_ctx *c, const pl_node *n);

#endif
