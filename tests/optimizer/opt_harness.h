/*
 * opt_harness: runs Spark SQL text through the real parser, analyzer, optimizer and executor,
 * so optimizer tests compare the rows of a query with the optimizer off (the analyzer's plan as
 * is) and on (all rules, and every rule turned off in turn). Temp views are SQL text re-parsed
 * on every lookup. Everything lives in the harness's arena.
 */
#ifndef OPT_HARNESS_H
#define OPT_HARNESS_H

#include <stdbool.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "optimizer/opt.h"
#include "plan/plan.h"

#define OH_MAX_VIEWS 32

typedef struct oh_env {
    em_arena a;
    pl_session_opts opts;
    em_error err;
    opt_env oenv; /* what oh_optimize passes (disabled is set per call) */
    int n_views;
    const char *view_names[OH_MAX_VIEWS];
    const char *view_sql[OH_MAX_VIEWS];
} oh_env;

void oh_init(oh_env *e);
void oh_release(oh_env *e);
/* CREATE TEMP VIEW name AS sql. */
void oh_view(oh_env *e, const char *name, const char *sql);
/* The resolved plan of a query, or NULL with e->err set. */
pl_node *oh_resolve(oh_env *e, const char *sql);
/* The optimized plan (rules in disabled off), or NULL with e->err set. */
pl_node *oh_optimize(oh_env *e, const pl_node *resolved, unsigned disabled);
/* The rows of a plan, one line per row (cells tab-separated, NULL as NULL), sorted unless
   ordered; "ERROR:<class>" when it fails. */
const char *oh_rows(oh_env *e, const pl_node *plan, bool ordered);
/*
 * Runs sql unoptimized, fully optimized and with each rule off in turn; NULL when every run
 * returns the same rows (sorted unless ordered) and the optimized roots keep the resolved
 * root's columns, else a message saying which run differed.
 */
const char *oh_compare(oh_env *e, const char *sql, bool ordered);
/* Plan shape: nodes of a kind, joins without a condition, the tree text. */
int oh_count(const pl_node *n, pl_kind kind);
int oh_cross_joins(const pl_node *n);
const char *oh_tree(oh_env *e, const pl_node *n);
/* NULL when every column reference of the plan is within its input row and widths agree, else
   a message naming the first bad node. */
const char *oh_check_refs(oh_env *e, const pl_node *n);
/* Debug: nodes with positional references ($i). */
const char *oh_dump(oh_env *e, const pl_node *n);

#endif
