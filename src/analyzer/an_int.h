/*
 * an_int: the analyzer's private structures, shared by its files.
 *
 * an_resolve walks the unresolved tree bottom-up. Each node is resolved after its children
 * into a new node (the input tree is never modified); expressions are resolved against an
 * an_scope, which is the row the expression reads (the child's out[], or left ++ right for a
 * join condition). Attribute ids are handed out by the context, so every leaf instance gets
 * fresh ids (both sides of a self-join are distinct). Every resolved node whose plan_id is set
 * is recorded, so df["x"] (PX_ATTR with plan_id) binds to that node's output attribute.
 *
 * The first error wins: every function returns the error code and leaves err set; callers
 * return immediately.
 */
#ifndef AN_INT_H
#define AN_INT_H

#include "analyzer/an.h"
#include "common/em_str.h"
#include "functions/fn.h"

/* Deepest nesting of plan nodes / expressions the analyzer recurses into. */
#define AN_MAX_DEPTH 3000

typedef struct an_plan_entry {
    int64_t plan_id;
    int n_out;
    const pl_attr *out;
} an_plan_entry;

typedef struct an_ctx {
    const an_env *env;
    const pl_session_opts *opts;
    em_arena *a;
    em_error *err;
    int64_t next_id;
    an_plan_entry *plans;
    int n_plans, cap_plans;
    int depth;
    bool case_sensitive;
    /* spark.sql(query, **dataframes): relations the SQL text names (PL_SUBQUERY_ALIAS nodes,
       unresolved), found before the catalog. */
    int n_refs;
    const pl_node *const *refs;
    /* The SQL text the expressions being resolved were parsed from (spark.sql, selectExpr...),
       for the query context of errors; NULL for DataFrame expressions. */
    const char *sql_text;
    /* Added (subqueries, an_subquery.c): the innermost subquery being resolved (its enclosing
       rows, for outer references), and whether the plan has subquery expressions at all. */
    struct an_subq_frame *subq;
    bool has_subquery;
    /* While a name is tried over a scope another one may answer next (HAVING / ORDER BY over
       an aggregate's output, then its input), outer references of this frame are not looked
       up: Spark resolves outer references only when no local resolution exists. */
    const struct an_subq_frame *outer_blocked;
} an_ctx;

/* A lambda variable in scope while the body of a higher-order function is resolved. */
typedef struct an_lambda_var {
    const char *name;
    const ty *type;
    bool nullable;
    int64_t id;
} an_lambda_var;

typedef struct an_scope {
    int n;
    const pl_attr *attrs; /* the input row */
    /* Lambda variables (innermost last). */
    int n_lambda;
    const an_lambda_var *lambda;
    /* Set while resolving the output list of an aggregate: aggregate calls are allowed. */
    bool allow_agg;
    /* Set while resolving a select list: window expressions are allowed. */
    bool allow_window;
    /* Set for the top of a select-list item: a generator call is allowed. */
    bool allow_generator;
    /* Lateral column aliases: earlier aliased items of the select list being resolved
       (resolved over the same input), used when a name matches no input column. */
    int n_lca;
    const char **lca_names;
    pl_expr **lca_exprs;
    /* Added (windows): the clause being resolved when window expressions are not allowed
       there and Spark names it ("WHERE": _LEGACY_ERROR_TEMP_1034); NULL elsewhere (Spark's
       UNSUPPORTED_EXPR_FOR_OPERATOR). */
    const char *window_clause;
    /* Added (USING joins, an_hidden.c): hidden columns of the input, reachable by a qualified
       name or a qualified star only, after the visible ones; a reference to hidden[h] is the
       input column n + h (the input node outputs them: pl_node.hidden_exposed). */
    int n_hidden;
    const pl_attr *hidden;
} an_scope;

/* an_resolve.c */
int an_node(an_ctx *c, const pl_node *in, pl_node **out);
int64_t an_new_id(an_ctx *c);
void an_register_plan(an_ctx *c, int64_t plan_id, int n_out, const pl_attr *out);
pl_node *an_node_like(an_ctx *c, pl_kind kind, int n_children, const pl_node *in);
/* out[] of n as a copy with new array storage (attributes keep their ids). */
pl_attr *an_copy_attrs(an_ctx *c, int n, const pl_attr *attrs);
bool an_name_eq(const an_ctx *c, const char *x, const char *y);
int an_enter(an_ctx *c);
static inline void an_leave(an_ctx *c)
{
    c->depth--;
}
/* Resolves a select list (stars expanded, aliases assigned) over scope into a Project. */
int an_project_list(an_ctx *c, const an_scope *s, int n_in, pl_expr *const *in, int *n_out,
                    pl_expr ***exprs, pl_attr **attrs);
/* The PX_COLREF of attribute index idx of the scope. */
pl_expr *an_colref(an_ctx *c, const pl_attr *attr, int idx);
/* A Project over child computing exprs with output attributes attrs. */
pl_node *an_make_project(an_ctx *c, pl_node *child, int n, pl_expr **exprs, pl_attr *attrs,
                         int64_t plan_id);
void an_scope_of(const pl_node *n, an_scope *s);
/* A top-level integer literal (Connect) is an ordinal; *pos = its value. */
bool an_is_ordinal(const pl_expr *e, int *pos);

/* A growable select list (expressions and their output attributes). */
typedef struct an_list {
    int n, cap;
    pl_expr **exprs;
    pl_attr *attrs;
} an_list;
void an_list_push(an_ctx *c, an_list *l, pl_expr *e, pl_attr attr);
/* An output attribute (new id) for a computed column. */
pl_attr an_new_attr(an_ctx *c, const char *name, const pl_expr *e, int64_t plan_id);
int an_subquery_alias(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);
/* Spark's LookupFunctions over a whole (unresolved) plan. */
int an_lookup_functions(an_ctx *c, const pl_node *in);

/* an_leaf.c */
int an_leaf(an_ctx *c, const pl_node *in, pl_node **out);
int an_read_table(an_ctx *c, const pl_node *in, pl_node **out);
int an_sql_relation(an_ctx *c, const pl_node *in, pl_node **out);
int an_inline_table(an_ctx *c, const pl_node *in, pl_node **out);
int an_with_relations(an_ctx *c, const pl_node *in, pl_node **out);

/* an_expr.c */
int an_expr(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out);
/* Output column name Spark gives a select-list item (an alias, or toPrettySQL). */
const char *an_output_name(an_ctx *c, const pl_expr *unresolved, const pl_expr *resolved);
/* Expands a PX_STAR / PX_REGEX into resolved columns and their names. */
int an_expand_star(an_ctx *c, const an_scope *s, const pl_expr *star, int *n_out, pl_expr ***exprs,
                   const char ***names);
/* Checks every function name in the tree exists (Spark's LookupFunctions). */
int an_check_functions(an_ctx *c, const pl_expr *e);
/* Parses SQL text of a PX_SQL_EXPR. */
int an_parse_sql_expr(an_ctx *c, const pl_expr *e, pl_expr **out);
bool an_expr_has_agg(const pl_expr *e);
bool an_expr_has_window(const pl_expr *e);
/* A cast of a resolved expression to type (eval mode from the session), marked implicit. */
pl_expr *an_cast(an_ctx *c, pl_expr *e, const ty *type);
/* Structural equality of two resolved expressions (Spark's semanticEquals, simplified). */
bool an_expr_equal(const pl_expr *x, const pl_expr *y);

/* A bound call of the registry function name over resolved args (UNRESOLVED_ROUTINE when
   the registry lacks it). */
int an_make_call(an_ctx *c, const char *name, int n, pl_expr *const *args, pl_expr **out);

/* an_df.c: na.fill / na.drop / na.replace / unpivot / to(schema) over a resolved child, and
   toDF / withColumnsRenamed / withColumns / drop. */
int an_df_node(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);
int an_to_df(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);
int an_rename(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);
int an_with_columns(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);
int an_drop(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);

/* an_scope.c */
/*
 * Resolves a multi-part name against the scope following Spark's LogicalPlan.resolve:
 * qualified matches first, then unqualified; nested parts become struct field extraction.
 * Returns 0 with *out set (NULL when not found, no error), or an error code
 * (AMBIGUOUS_REFERENCE, FIELD_NOT_FOUND...). *name_out is the output name Spark gives the
 * result (the attribute's name, or the last nested part).
 */
int an_resolve_name(an_ctx *c, const an_scope *s, int n_parts, const char *const *parts,
                    pl_expr **out, const char **name_out);
/* UNRESOLVED_COLUMN.WITH_SUGGESTION / WITHOUT_SUGGESTION for name over scope. */
int an_unresolved_column(an_ctx *c, const an_scope *s, int n_parts, const char *const *parts,
                         const pl_expr *where);
/* Field extraction from a resolved struct / array-of-struct / map expression by name. */
int an_extract_field(an_ctx *c, pl_expr *base, const char *field, pl_expr **out);
/* Levenshtein distance (Apache commons LevenshteinDistance, unlimited). */
int an_levenshtein(const char *x, const char *y);

/* an_name.c */
/* Spark's toPrettySQL of a resolved expression, appended to out. */
void an_pretty_sql(an_ctx *c, const pl_expr *e, em_str *out);
/* Spark's Expression.sql (non-pretty) of a resolved expression (used inside error params). */
void an_expr_sql(an_ctx *c, const pl_expr *e, em_str *out);
/* Added (windows): SpecifiedWindowFrame.sql ("ROWS BETWEEN 1 PRECEDING AND CURRENT ROW") and
   WindowSpecDefinition.sql ("(PARTITION BY a ORDER BY b ASC NULLS FIRST <frame>)"), in the
   pretty form error parameters use (toSQLExpr). */
void an_frame_sql(an_ctx *c, const pl_window_spec *w, em_str *out);
void an_window_spec_sql(an_ctx *c, const pl_window_spec *w, em_str *out);
/* An arena copy of an em_str's contents. */
const char *an_str_done(an_ctx *c, em_str *s);

/* an_agg.c */
int an_aggregate(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);

/* Added (SQL breadth): resolves in->agg_filter (FILTER (WHERE ...) of the aggregate call in)
   over s and sets call->agg_filter, raising Spark's checks: INVALID_AGGREGATE_FILTER.* and
   INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX when call is not an aggregate. The
   aggregate node folds the filter into the call's arguments. */
int an_agg_filter(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr *call);

/* HAVING (filter) and/or ORDER BY (sort) above an unresolved aggregate in. */
int an_agg_having_sort(an_ctx *c, const pl_node *filter, const pl_node *sort, const pl_node *in,
                       pl_node *child, pl_node **out);

/* Added (set operations, an_join.c): UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE /
   _VARIANT_TYPE for the first of the key attributes (attrs[keys[k]], or attrs[k] when keys is
   NULL) whose type holds a map / variant (CheckAnalysis.mapColumnInSetOperation). */
int an_check_set_keys(an_ctx *c, int n, const pl_attr *attrs, const int *keys);

/* an_window.c */
/* A PX_WINDOW into a PX_WINDOW_CALL with its spec resolved over the scope. */
int an_window_call(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out);
/* The error for a window expression where the scope allows none (_LEGACY_ERROR_TEMP_1034 in
   WHERE, UNSUPPORTED_EXPR_FOR_OPERATOR elsewhere). Always returns an error code. */
int an_window_not_allowed(an_ctx *c, const an_scope *s, const pl_expr *in);
/* Moves the window calls of exprs (resolved over child) into a PL_WINDOW over child; exprs
   are rewritten to read the results; *new_child is the window node (or child if none). */
int an_extract_windows(an_ctx *c, pl_node *child, int n, pl_expr **exprs, pl_node **new_child);

/* an_fold.c: the value of a constant resolved expression as a new 1-row vector (caller
   releases): 0 = folded, 1 = not constant (no error), < 0 = evaluation error (err set). */
int an_fold(an_ctx *c, const pl_expr *e, vec **out);

/* an_lambda.c */
bool an_has_lambda_args(const pl_expr *call);
/* Resolves the lambda in (PX_LAMBDA) at argument position pos of higher-order function fname
   whose other arguments (args) are resolved. */
int an_lambda(an_ctx *c, const an_scope *s, const char *fname, pl_expr *const *args, int pos,
              const pl_expr *in, pl_expr **out);

/* an_generate.c */
/* True when name is a generator function in the registry. */
bool an_is_generator(const char *name);
/* Moves the generator call of a resolved select list (at most one) into a PL_GENERATE below
   it: exprs/attrs entries holding the call become references to the generated columns. */
int an_extract_generator(an_ctx *c, pl_node *child, int n, pl_expr **exprs, pl_attr *attrs,
                         pl_node **new_child);
/* Added (an_generate.c): an unresolved PL_GENERATE (LATERAL VIEW or a generator table function,
   plan.h u.generate) over its resolved child: a resolved Generate whose generated columns take
   the LATERAL VIEW's names and table qualifier. */
int an_generate_node(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);

/* an_subquery.c */
/* A subquery expression (PX_SCALAR_SUBQUERY / PX_EXISTS / PX_IN_SUBQUERY) resolved over the
   enclosing row s: its plan resolved with s as the outer scope, outer references collected into
   the result's args (see plan.h), Spark's checks and IN's type coercion. */
int an_subquery_expr(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out);
/* A name not found in the current row, looked up in the rows of the enclosing queries (inner
   first). *out = a PX_OUTER_REF, or NULL when no enclosing query has it (or none exists). */
int an_outer_attr(an_ctx *c, int n_parts, const char *const *parts, pl_expr **out);
/* `t.*` naming the enclosing query's relation t (a LATERAL subquery's `SELECT t1.*`): its
   columns as outer references (*n = 0 when the enclosing row has none or there is none). */
int an_outer_star(an_ctx *c, int n_parts, const char *const *parts, int *n, pl_expr ***exprs,
                  const char ***names);
/* Spark's rendering of a resolved subquery expression ("scalarsubquery(a, b)", "exists()",
   "(v IN (listquery()))"), pretty (toPrettySQL) or not (Expression.sql). */
void an_subquery_sql(an_ctx *c, const pl_expr *e, em_str *out, bool pretty);
/* After resolution (root resolved): IN semantics per position, Spark's correlation checks,
   and the rewrites of subqueries into joins. */
int an_subquery_finish(an_ctx *c, pl_node **root);
/* an_subquery_rewrite.c: subqueries Spark decorrelates become joins (semi / anti for
   [NOT] EXISTS and IN conjuncts of a filter, a left outer join over an aggregate for correlated
   scalar subqueries); the others stay expressions the executor evaluates. */
int an_subquery_rewrite(an_ctx *c, pl_node **root);

/* an_pipe.c (SQL pipe syntax, see pl_node.pipe_clause) */
/* |> DROP / |> SET projections over the resolved child; *out = NULL (and EM_OK) for the
   other clauses, whose select lists resolve as usual. */
int an_pipe_project(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);
/* Spark's PipeExpression checks for an aggregate coming from a pipe operator; *use is in, or
   copy (filled) with the AGGREGATE ordinals replaced by the child's columns. */
int an_pipe_aggregate(an_ctx *c, const pl_node *in, const pl_node *child, pl_node *copy,
                      const pl_node **use);

/* an_star.c: `* EXCEPT (cols)` over the columns a star expanded to (n / exprs / names,
   replaced by the filtered lists): excluded columns dropped, structs named by nested excepts
   rebuilt without those fields; UNRESOLVED_COLUMN, EXCEPT_OVERLAPPING_COLUMNS and
   EXCEPT_NESTED_COLUMN_INVALID_TYPE as Spark's UnresolvedStarExcept. */
int an_star_except(an_ctx *c, const an_scope *s, const pl_expr *star, int *n, pl_expr ***exprs,
                   const char ***names);

/* an_hidden.c: hidden USING-join keys (pl_node.hidden). */
/* Nodes whose expressions resolve over their child's row (the child is exposed first). */
bool an_hidden_consumer(pl_kind kind);
/* *out = n, or a copy that also outputs its hidden columns (out = n's out ++ hidden, the
   flag hidden_exposed set); NOT_IMPLEMENTED for a node kind that cannot pass them. */
int an_expose_hidden(an_ctx *c, pl_node *n, pl_node **out);
/* After in resolved into res over child (exposed when n_vis >= 0: its visible width before):
   carries the hidden columns up (row-preserving nodes, Projects) and projects exposed ones
   away again above a Filter / Sort. */
int an_hidden_after(an_ctx *c, const pl_node *in, const pl_node *child, int n_vis, pl_node *res,
                    pl_node **out);
/* Rewrites, in place, every PX_COLREF of e (not inside subquery plans) from index i to map[i]. */
void an_remap_colrefs(pl_expr *e, const int *map, int n_map);

/* an_unpivot.c: the SQL UNPIVOT clause (u.unpivot.sql_unpivot) over the resolved child. */
int an_sql_unpivot(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out);

/* an_named.c: named function arguments. True when call has a PX_NAMED_ARG argument; *out =
   call with its arguments in the function's parameter order (defaults filled in), or the
   error Spark raises (NAMED_PARAMETERS_NOT_SUPPORTED, UNRECOGNIZED_PARAMETER_NAME...). */
bool an_has_named_args(const pl_expr *call);
int an_named_args(an_ctx *c, const pl_expr *call, const pl_expr **out);

/* an_join.c */
int an_join(an_ctx *c, const pl_node *in, pl_node *left, pl_node *right, pl_node **out);
int an_set_op(an_ctx *c, const pl_node *in, pl_node *left, pl_node *right, pl_node **out);

#endif
