/*
 * plan: Ember's logical plan IR, shared by both front doors (Spark Connect protobuf via
 * connect/, SQL text via sql/) and everything after them (analyzer/, optimizer/, exec/).
 *
 * Two forms share these structs:
 *  - Unresolved: straight from the client. Names are strings, functions are names, types of
 *    expressions are unknown (NULL), nodes carry the client's plan_id for df["col"] binding.
 *  - Resolved: produced by analyzer/ (an_resolve). Every node has its output attributes
 *    (n_out/out), every expression has type and nullability, column references are PX_COLREF
 *    (an index into the input row), functions are bound (PX_CALL with fn), and only the
 *    "physical-ready" node kinds listed under RESOLVED FORMS below remain.
 *
 * Ownership: every node, expression, string and type of a plan lives in one em_arena (the
 * operation's). Literal vectors and LocalRelation batches are refcounted and tied to that
 * arena with em_arena_on_release (use pl_lit_new / pl_local_add_batch). Plans are read-only
 * once resolved; execution state lives in exec/.
 *
 * Extending: add kinds and payload members; do not change the meaning of existing ones.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_str.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct pl_expr pl_expr;
typedef struct pl_node pl_node;
struct fn_def; /* functions/fn.h */

/* ------------------------------------------------------------------------------------------ */
/* Expressions                                                                                */

typedef enum pl_expr_kind {
    /* Unresolved forms (either front door). */
    PX_LITERAL,     /* lit: 1-row vector; type = its type (known even unresolved) */
    PX_ATTR,        /* column by name: parts[n_parts] (already split, unquoted), plan_id */
    PX_STAR,        /* `*` (n_parts 0) or `t.*` / `s.*` (parts = target), plan_id */
    PX_ALIAS,       /* args[0] AS parts[0] (n_parts > 1: multi-alias), metadata */
    PX_FUNC,        /* name(args...), is_distinct, is_udf; operators too ("+", "==", "and"...) */
    PX_CAST,        /* CAST(args[0] AS cast_type), eval_mode; cast_type_str until parsed */
    PX_SORT_ORDER,  /* args[0] ASC/DESC NULLS FIRST/LAST */
    PX_SQL_EXPR,    /* unparsed SQL expression text in `sql` (expr(), selectExpr, filter strings) */
    PX_EXTRACT,     /* args[0][args[1]]: getItem / getField / col["k"] */
    PX_LAMBDA,      /* args[0] = body; parts = parameter names */
    PX_LAMBDA_VAR,  /* lambda parameter parts[0] */
    PX_WINDOW,      /* args[0] = function; window = spec */
    PX_REGEX,       /* colRegex: sql = pattern, plan_id */
    PX_NAMED_ARG,   /* name => args[0] */
    PX_UNSUPPORTED, /* a construct Ember cannot evaluate yet; sql = feature name for the error */
    PX_ORDINAL,     /* SQL `GROUP BY 1` / `ORDER BY 1`: args[0] = the integer literal as written;
                       a position into the select list while spark.sql.groupByOrdinal /
                       orderByOrdinal are true (default), else that literal */
    PX_TYPED_LITERAL, /* SQL DATE '..' / TIMESTAMP '..' / TIMESTAMP_NTZ '..' / TIMESTAMP_LTZ '..':
                        sql = the string value, name = the type keyword as written, upper case,
                        cast_type = the target type. Folded by the analyzer with the session time
                        zone; a bad value raises INVALID_TYPED_LITERAL */
    /* Resolved forms (analyzer output). */
    PX_COLREF,      /* input column col_index (attr_id kept for explain / binding) */
    PX_CALL,        /* bound scalar function fn(args...) */
    PX_AGG_CALL,    /* bound aggregate function fn(args...); only inside PL_AGGREGATE.aggs */
    PX_WINDOW_CALL, /* bound window function; only inside PL_WINDOW */
    /* Added (subqueries). Unresolved: subquery = the query's plan (SQL), or NULL with
       subquery_plan_id naming a relation of the enclosing WithRelations (Spark Connect's
       SubqueryExpression); args = the compared values of PX_IN_SUBQUERY (n_in_values of them).
       Resolved: subquery = the resolved plan; args = the n_in_values compared values, then the
       outer values the plan reads (resolved over the enclosing row; PX_OUTER_REF k inside the
       plan reads args[n_in_values + k]). */
    PX_SCALAR_SUBQUERY, /* (SELECT one column ...): NULL when empty, SCALAR_SUBQUERY_TOO_MANY_ROWS
                           past one row; type = the column's, always nullable */
    PX_EXISTS,          /* EXISTS (SELECT ...): boolean, not null */
    PX_IN_SUBQUERY,     /* (v1, ..) IN (SELECT x1, ..): subq_flags say which semantics */
    PX_OUTER_REF,       /* resolved only: outer value col_index of the innermost enclosing
                           subquery expression (attr_id / name = the outer attribute's) */
} pl_expr_kind;

/* PX_IN_SUBQUERY semantics (pl_expr.subq_flags). With r = the three-valued IN (true on a match;
   NULL when no match but a comparison was NULL; false otherwise): */
#define PX_SUBQ_IN_THREE_VALUED 0 /* r itself (IN in a join condition, Spark's InSubquery.eval) */
#define PX_SUBQ_IN_EXISTS       1 /* r is true (Spark's existence join: never NULL) */
#define PX_SUBQ_IN_NULL_AWARE   2 /* r is not false (under NOT: Spark's null-aware NOT IN) */

typedef enum pl_eval_mode {
    PX_EVAL_UNSPECIFIED = 0, /* follow spark.sql.ansi.enabled */
    PX_EVAL_LEGACY = 1,
    PX_EVAL_ANSI = 2,
    PX_EVAL_TRY = 3,
} pl_eval_mode;

typedef enum pl_frame_type { PX_FRAME_ROWS = 1, PX_FRAME_RANGE = 2 } pl_frame_type;

typedef struct pl_frame_bound {
    enum { PX_BOUND_CURRENT_ROW, PX_BOUND_UNBOUNDED, PX_BOUND_VALUE } kind;
    pl_expr *value; /* PX_BOUND_VALUE: offset expression */
} pl_frame_bound;

typedef struct pl_window_spec {
    int n_partition;
    pl_expr **partition;
    int n_order;
    pl_expr **order; /* PX_SORT_ORDER */
    bool has_frame;
    pl_frame_type frame_type;
    pl_frame_bound lower, upper;
} pl_window_spec;

struct pl_expr {
    pl_expr_kind kind;
    /* Resolution results (analyzer). */
    const ty *type;
    bool nullable;
    bool resolved;
    /* Position in the SQL text this came from (inclusive), or -1. */
    int src_start, src_stop;

    int n_args;
    pl_expr **args;
    /* Added (SQL `* EXCEPT (a, s.f)`): a PX_STAR's args are the excluded columns (PX_ATTR);
       n_args 0 = none. The analyzer drops them, or the nested fields, from the expansion. */

    const char *name; /* PX_FUNC / PX_CALL / PX_AGG_CALL: function name as written;
                         PX_NAMED_ARG: argument name */
    int n_parts;      /* PX_ATTR, PX_STAR, PX_ALIAS, PX_LAMBDA, PX_LAMBDA_VAR */
    const char **parts;
    int64_t plan_id;           /* PX_ATTR / PX_STAR / PX_REGEX: client plan id, -1 if none */
    bool is_metadata;          /* PX_ATTR: metadata column */
    bool is_distinct;          /* PX_FUNC / PX_AGG_CALL */
    bool is_udf;               /* PX_FUNC: is_user_defined_function */
    bool descending;           /* PX_SORT_ORDER */
    bool nulls_first;          /* PX_SORT_ORDER */
    pl_eval_mode eval_mode;    /* PX_CAST */
    const ty *cast_type;       /* PX_CAST target */
    const char *cast_type_str; /* PX_CAST: unparsed target type text (parsed by the analyzer) */
    const char *sql;           /* PX_SQL_EXPR text; PX_REGEX pattern; PX_UNSUPPORTED feature */
    const char *metadata;      /* PX_ALIAS: JSON metadata or NULL */
    vec *lit;                  /* PX_LITERAL */
    pl_window_spec *window;    /* PX_WINDOW / PX_WINDOW_CALL */
    int col_index;             /* PX_COLREF */
    int64_t attr_id;           /* PX_COLREF */
    const struct fn_def *fn;   /* PX_CALL / PX_AGG_CALL / PX_WINDOW_CALL */
    void *fn_state;            /* per-call data the function's bind step computed (arena) */
    /* Added by analyzer/: */
    bool is_implicit; /* PX_CAST: inserted by type coercion, not written by the user
                         (hidden in generated column names, as Spark's toPrettySQL) */
    int ordinal;      /* resolved PX_EXTRACT on a struct: field index (else -1) */
    /* Added (subqueries): see PX_SCALAR_SUBQUERY. */
    pl_node *subquery;
    int64_t subquery_plan_id; /* unresolved DataFrame subquery: WithRelations reference, or -1 */
    int n_in_values;          /* PX_IN_SUBQUERY: the compared values at the head of args */
    int subq_flags;           /* PX_IN_SUBQUERY: PX_SUBQ_IN_* */
    /* Added (SQL breadth): agg(...) FILTER (WHERE cond) on an unresolved PX_FUNC, and on a
       resolved PX_AGG_CALL while the analyzer names it; the analyzer folds it into the call's
       arguments before the plan leaves it (exec never sees a filter). NULL when absent. */
    pl_expr *agg_filter;
};

/* ------------------------------------------------------------------------------------------ */
/* Plan nodes                                                                                  */

typedef enum pl_kind {
    /* Leaves */
    PL_RANGE,        /* u.range */
    PL_LOCAL,        /* u.local: schema + batches (Arrow data decoded by connect/) */
    PL_READ_TABLE,   /* u.read: named table / view (unresolved only) */
    PL_READ_SOURCE,  /* u.read: data source files (format, paths, schema, options) */
    PL_SQL,          /* u.sql: a SQL query text as a relation (unresolved only) */
    PL_ONE_ROW,      /* one row, no columns (SELECT without FROM) */
    PL_INLINE_TABLE, /* SQL VALUES (...), (...): u.inline_table (rows of unresolved exprs) */
    /* Unary */
    PL_PROJECT,        /* exprs = select list */
    PL_FILTER,         /* u.filter.cond */
    PL_SORT,           /* exprs = PX_SORT_ORDER list; u.sort.is_global */
    PL_LIMIT,          /* u.limit.n */
    PL_OFFSET,         /* u.limit.n */
    PL_TAIL,           /* u.limit.n */
    PL_AGGREGATE,      /* unresolved: groups + exprs; resolved: see RESOLVED FORMS.
                          Unresolved exprs is the whole output list (connect/ puts the grouping
                          expressions first, as Spark does for groupBy().agg()), except for
                          PL_GROUP_PIVOT where exprs are only the aggregates. */
    PL_DEDUP,          /* u.dedup */
    PL_SUBQUERY_ALIAS, /* u.alias */
    PL_TO_DF,          /* u.names */
    PL_RENAME,         /* u.rename */
    PL_WITH_COLUMNS,   /* exprs = PX_ALIAS list */
    PL_DROP,           /* exprs = columns to drop; u.names = names to drop */
    PL_SHOW_STRING,    /* u.show */
    PL_HTML_STRING,    /* u.show */
    PL_SAMPLE,         /* u.sample */
    PL_REPARTITION,    /* u.repartition; groups = partition exprs (by expression) */
    PL_HINT,           /* u.hint; exprs = parameters */
    PL_TO_SCHEMA,      /* u.to_schema */
    PL_WINDOW,         /* resolved only: input columns ++ window results (exprs = PX_WINDOW_CALL) */
    /* Binary */
    PL_JOIN,   /* u.join; children[0] left, [1] right */
    PL_SET_OP, /* u.set_op */
    /* Other relation kinds the protocol has (fill_na, describe, unpivot...) are added here as
       they are implemented; until then connect/ answers UNSUPPORTED_FEATURE.NOT_IMPLEMENTED. */
    /* Added by analyzer/ (unresolved only; an_resolve rewrites them into the forms above): */
    PL_UNPIVOT,        /* u.unpivot: exprs = ids; values (or all other columns) become rows */
    PL_FILL_NA,        /* u.na: df.na.fill (values are literals, one or one per column) */
    PL_DROP_NA,        /* u.na: df.na.drop */
    PL_REPLACE,        /* u.na: df.na.replace (old_values[i] -> values[i]) */
    PL_WITH_RELATIONS, /* children[0] = root; children[1..] = referenced relations (usually
                          SubqueryAlias nodes whose alias names what the root's SQL reads) */
    PL_GENERATE,       /* resolved only (Spark's Generate): exprs[0] = the generator call
                          (PX_CALL of an FN_GENERATOR function, type = TY_STRUCT of the
                          generated columns); u.generate.outer; out = child's out ++ one column
                          per generated field */
    PL_COMMAND,        /* a SQL statement that is not a query (u.cmd); executed by connect/,
                          never by exec/ — children[0] = the query of CREATE VIEW ... AS */
    PL_KIND_COUNT
} pl_kind;

/* Statements other than queries (PL_COMMAND). */
typedef enum pl_command_kind {
    PL_CMD_CREATE_TEMP_VIEW = 1,
    PL_CMD_DROP_VIEW,
    PL_CMD_SET,
    PL_CMD_RESET,
    /* Added by the catalog statements (sql/sql_cmd.c; run by connect/cn_ddl.c): */
    PL_CMD_CREATE_TABLE,    /* CREATE [OR REPLACE] [EXTERNAL] TABLE / REPLACE TABLE; children[0] =
                               the AS query when n_children is 1 */
    PL_CMD_CREATE_VIEW,     /* CREATE [OR REPLACE] VIEW (persistent); children[0] = the query */
    PL_CMD_DROP_TABLE,      /* DROP TABLE [IF EXISTS] name [PURGE] */
    PL_CMD_CREATE_DATABASE, /* CREATE DATABASE|SCHEMA|NAMESPACE [IF NOT EXISTS] name ... */
    PL_CMD_DROP_DATABASE,   /* DROP DATABASE|SCHEMA|NAMESPACE [IF EXISTS] name [CASCADE] */
    PL_CMD_USE,             /* USE [DATABASE|SCHEMA|NAMESPACE] name */
    PL_CMD_INSERT,          /* INSERT INTO|OVERWRITE [TABLE] name [(cols)] query (children[0]) */
    PL_CMD_ALTER_TABLE,     /* u.cmd.sub = pl_alter_kind */
    PL_CMD_SHOW,            /* u.cmd.sub = pl_show_kind */
    PL_CMD_DESCRIBE,        /* u.cmd.sub = pl_describe_kind */
    PL_CMD_TRUNCATE,        /* TRUNCATE TABLE name */
    PL_CMD_REFRESH,         /* REFRESH TABLE name */
    PL_CMD_CACHE,           /* CACHE [LAZY] TABLE name [AS query (children[0])] */
    PL_CMD_UNCACHE,         /* UNCACHE TABLE [IF EXISTS] name */
    PL_CMD_CLEAR_CACHE,     /* CLEAR CACHE */
    PL_CMD_CREATE_TEMP_VIEW_USING, /* CREATE [OR REPLACE] [GLOBAL] TEMP VIEW v [(cols)] USING fmt
                                      [OPTIONS (...)]: a temp view over a data source */
    /* Added (EXPLAIN statement; run by connect/cn_run.c): EXPLAIN [mode] query, children[0] =
       the query, u.cmd.sub = pl_explain_mode value (pl_print.h: 1 simple .. 5 formatted). */
    PL_CMD_EXPLAIN,
} pl_command_kind;

/* PL_CMD_SHOW forms (u.cmd.sub). */
typedef enum pl_show_kind {
    PL_SHOW_TABLES = 1,        /* SHOW TABLES [IN|FROM ns] [[LIKE] 'pattern'] */
    PL_SHOW_VIEWS,             /* SHOW VIEWS [IN|FROM ns] [[LIKE] 'pattern'] */
    PL_SHOW_DATABASES,         /* SHOW DATABASES|SCHEMAS|NAMESPACES [[LIKE] 'pattern'] */
    PL_SHOW_COLUMNS,           /* SHOW COLUMNS IN|FROM table [IN|FROM ns] */
    PL_SHOW_CREATE_TABLE,      /* SHOW CREATE TABLE name [AS SERDE] */
    PL_SHOW_TBLPROPERTIES,     /* SHOW TBLPROPERTIES name [('key')] (key in u.cmd.key) */
    PL_SHOW_TABLE_EXTENDED,    /* SHOW TABLE EXTENDED [IN|FROM ns] LIKE 'pattern' */
    PL_SHOW_CURRENT_NAMESPACE, /* SHOW CURRENT NAMESPACE */
    PL_SHOW_CATALOGS,          /* SHOW CATALOGS [[LIKE] 'pattern'] */
} pl_show_kind;

/* PL_CMD_ALTER_TABLE forms (u.cmd.sub). */
typedef enum pl_alter_kind {
    PL_ALTER_RENAME = 1,     /* ALTER TABLE|VIEW name RENAME TO u.cmd.ns (parts) */
    PL_ALTER_ADD_COLUMNS,    /* ALTER TABLE name ADD COLUMN[S] (cols) -> u.cmd.schema */
    PL_ALTER_SET_PROPS,      /* ALTER TABLE|VIEW name SET TBLPROPERTIES (...) -> props */
    PL_ALTER_UNSET_PROPS,    /* ALTER TABLE|VIEW name UNSET TBLPROPERTIES [IF EXISTS] (keys) */
    PL_ALTER_SET_LOCATION,   /* ALTER TABLE name SET LOCATION 'path' */
    PL_ALTER_VIEW_AS,        /* ALTER VIEW name AS query (children[0], query_start/stop) */
    PL_ALTER_DATABASE_PROPS, /* ALTER DATABASE name SET DBPROPERTIES (...) */
    PL_ALTER_PARTITIONS,     /* ADD / DROP PARTITION (...), RECOVER PARTITIONS: accepted */
} pl_alter_kind;

/* PL_CMD_DESCRIBE forms (u.cmd.sub). */
typedef enum pl_describe_kind {
    PL_DESCRIBE_TABLE = 1, /* DESC[RIBE] [TABLE] [EXTENDED|FORMATTED] name [col] (u.cmd.key) */
    PL_DESCRIBE_QUERY,     /* DESC[RIBE] [QUERY] query (children[0]) */
    PL_DESCRIBE_DATABASE,  /* DESC[RIBE] DATABASE|SCHEMA|NAMESPACE [EXTENDED] name */
} pl_describe_kind;

/* One output column of a resolved node. */
typedef struct pl_attr {
    const char *name;
    const ty *type;
    bool nullable;
    int64_t id;            /* unique within the plan: lets parents bind through aliases */
    const char *qualifier; /* subquery alias / table name, or NULL */
    int64_t plan_id;       /* the plan_id of the node that introduced it (df["x"] binding), -1 */
    /* Added by analyzer/: the full qualifier (Spark's Attribute.qualifier), e.g. {"t"} after
       df.alias("t"), {"spark_catalog", "default", "t"} for a catalog table; qualifier above is
       its last part. n_qual 0 = unqualified. */
    int n_qual;
    const char **qual;
} pl_attr;

typedef enum pl_join_type {
    PL_JOIN_INNER = 1,
    PL_JOIN_FULL_OUTER = 2,
    PL_JOIN_LEFT_OUTER = 3,
    PL_JOIN_RIGHT_OUTER = 4,
    PL_JOIN_LEFT_ANTI = 5,
    PL_JOIN_LEFT_SEMI = 6,
    PL_JOIN_CROSS = 7,
} pl_join_type; /* numbers as in the protocol's Join.JoinType */

typedef enum pl_set_op_type {
    PL_SETOP_INTERSECT = 1,
    PL_SETOP_UNION = 2,
    PL_SETOP_EXCEPT = 3,
} pl_set_op_type; /* numbers as in the protocol's SetOperation.SetOpType */

typedef enum pl_group_type {
    PL_GROUP_BY = 1,
    PL_GROUP_ROLLUP = 2,
    PL_GROUP_CUBE = 3,
    PL_GROUP_PIVOT = 4,
    PL_GROUP_SETS = 5,
} pl_group_type; /* numbers as in the protocol's Aggregate.GroupType */

typedef struct pl_option {
    const char *key;
    const char *value;
} pl_option;

struct pl_node {
    pl_kind kind;
    int64_t plan_id; /* the client's RelationCommon.plan_id, -1 if none */
    int n_children;
    pl_node **children;

    /* Resolution results (analyzer). */
    bool resolved;
    int n_out;
    pl_attr *out;

    /* Expression lists (meaning per kind, see pl_kind). */
    int n_exprs;
    pl_expr **exprs;
    int n_groups;
    pl_expr **groups;

    union {
        struct {
            int64_t start, end, step;
            int num_partitions; /* 0 = unset */
        } range;
        struct {
            const ty *schema; /* TY_STRUCT: the relation's columns */
            int n_batches;
            vec_batch **batches; /* each with schema->n_fields columns */
        } local;
        struct {
            int n_parts; /* PL_READ_TABLE: multi-part name, unquoted */
            const char **parts;
            const char *format; /* PL_READ_SOURCE */
            const char *schema_str;
            int n_paths;
            const char **paths;
            int n_options;
            pl_option *options;
            bool is_streaming;
            /* Added (data sources): a resolved PL_READ_SOURCE's source (an io_source, see
               io/source.h: listed files, schemas, scan entry points), set by the analyzer through
               an_env.source_resolve and owned by the plan's arena; NULL when unresolved. */
            const void *source;
            /* Added (file scans): conjuncts pushed into a resolved PL_READ_SOURCE by the
               optimizer - resolved boolean expressions over this node's output columns
               (PX_COLREF col_index = output column). The Filter above still evaluates them:
               the scan only uses them to skip files (partition values) and Parquet row groups
               (statistics) where no row can match. Forms used (others are ignored): `c op lit`
               / `lit op c` with op = == < <= > >= <=>, `c IS [NOT] NULL`, `c IN (lit, ...)`,
               AND of these; c a PX_COLREF or a PX_CAST of one. NULL / 0 when none. */
            int n_pushed_filters;
            pl_expr **pushed_filters;
        } read;
        struct {
            const char *query;
            int n_pos_args; /* positional parameters (? markers) */
            pl_expr **pos_args;
            int n_named_args; /* named parameters (:name markers) */
            const char **arg_names;
            pl_expr **named_args;
        } sql;
        struct {
            pl_expr *cond;
            bool is_having; /* SQL HAVING: cond may use aggregates and the grouping
                               expressions of the PL_AGGREGATE below (Spark's UnresolvedHaving) */
        } filter;
        struct {
            bool is_global;
        } sort;
        struct {
            int64_t n;
        } limit;
        struct {
            pl_group_type group_type;
            pl_expr *pivot_col;
            int n_pivot_values;
            pl_expr **pivot_values; /* literals */
            int n_sets;             /* GROUPING SETS: sets[i] has set_sizes[i] exprs */
            int *set_sizes;
            pl_expr ***sets;
            /* Resolved form: groups = grouping exprs over the input; aggs = PX_AGG_CALL over the
               input; exprs = output exprs over the row (groups ++ agg results), PX_COLREF. */
            int n_aggs;
            pl_expr **aggs;
            /* Added (SQL PIVOT clause): the grouping columns are implicit — every child column
               that neither pivot_col nor exprs (the aggregates) reference; pivot_values may be
               PX_ALIAS (the output name) and must fold to literals. */
            bool sql_pivot;
        } agg;
        struct {
            bool all_columns_as_keys;
            bool within_watermark;
            int n_cols;
            const char **cols;
            /* Resolved: the key column indexes into the input. */
            int n_keys;
            int *keys;
        } dedup;
        struct {
            const char *alias;
            int n_qualifier;
            const char **qualifier;
        } alias;
        struct {
            int n;
            const char **names;
        } names;
        struct {
            int n;
            const char **from;
            const char **to;
        } rename;
        struct {
            int32_t num_rows;
            int32_t truncate;
            bool vertical;
        } show;
        struct {
            double lower, upper;
            bool with_replacement;
            bool has_seed;
            int64_t seed;
            bool deterministic_order;
        } sample;
        struct {
            int num_partitions; /* 0 = unset */
            bool shuffle;
        } repartition;
        struct {
            const char *name;
        } hint;
        struct {
            const ty *schema;
        } to_schema;
        struct {
            pl_join_type type;
            pl_expr *cond; /* NULL if none */
            int n_using;
            const char **using_cols;
            /* Added (SQL breadth): NATURAL JOIN (unresolved only): the USING columns are the
               names both sides have, in the left side's order. */
            bool natural;
        } join;
        struct {
            int n_rows, n_cols;
            pl_expr **values;   /* row-major: values[row * n_cols + col] */
            const char **names; /* n_cols column names (col1, col2... when not aliased) */
        } inline_table;
        struct {
            pl_set_op_type type;
            bool is_all;
            bool by_name;
            bool allow_missing_columns;
        } set_op;
        /* Added by analyzer/: */
        struct {
            bool has_values; /* false: every non-id column is a value */
            int n_values;
            pl_expr **values;
            const char *variable_name;
            const char *value_name;
            /* Added (SQL UNPIVOT clause, Spark's withUnpivot): the ids are every child column
               the values do not name (exprs unused); values holds n_values / n_value_cols
               groups of n_value_cols PX_ATTR (row-major), producing the value columns
               value_names[n_value_cols] (value_name unused); value_aliases[group] is the name
               column's text for a group, NULL = its columns' names joined with "_";
               include_nulls false (EXCLUDE NULLS, the default) drops rows whose values are all
               NULL. */
            bool sql_unpivot;
            int n_value_cols;
            const char **value_names;
            const char **value_aliases;
            bool include_nulls;
        } unpivot;
        struct {
            int n_cols; /* 0 = every column (of a matching type) */
            const char **cols;
            int n_values; /* PL_FILL_NA / PL_REPLACE: literals */
            pl_expr **values;
            pl_expr **old_values;   /* PL_REPLACE: replaced value i -> values[i] */
            bool has_min_non_nulls; /* PL_DROP_NA */
            int min_non_nulls;
        } na;
        struct {
            bool outer; /* explode_outer & co: a row with NULLs when nothing is generated */
            /* Added (sql/: LATERAL VIEW and generator table functions; unresolved only, where
               exprs[0] is the PX_FUNC call): alias = LATERAL VIEW's table name (qualifies the
               generated columns), cols = its column names (n_cols 0 = the generator's names);
               tvf = a table-valued generator in FROM (children[0] is PL_ONE_ROW). */
            const char *alias;
            int n_cols;
            const char **cols;
            bool tvf;
        } generate;
        /* Added by sql/ statements: */
        struct {
            pl_command_kind kind;
            int n_parts; /* object name, unquoted parts */
            const char **parts;
            bool replace, global, if_not_exists, if_exists;
            int n_cols; /* CREATE VIEW v(a, b): column names */
            const char **cols;
            int query_start, query_stop; /* CREATE VIEW: the query's text span (inclusive) */
            const char *key;             /* SET / RESET: NULL = all */
            const char *value;           /* SET key=value: NULL when only reading */
            /* Added by the catalog statements (see pl_command_kind): */
            int sub;              /* pl_show_kind / pl_alter_kind / pl_describe_kind */
            const ty *schema;     /* CREATE TABLE / ADD COLUMNS columns (TY_STRUCT; COMMENT in
                                     field metadata), NULL when none */
            const char *provider; /* USING x, NULL when none */
            const char *location; /* LOCATION 'path' */
            const char *comment;  /* COMMENT 'text' */
            int n_options;        /* OPTIONS (k v, ...) */
            pl_option *options;
            int n_props; /* TBLPROPERTIES / DBPROPERTIES (UNSET: values NULL) */
            pl_option *props;
            int n_partition; /* PARTITIONED BY (cols) */
            const char **partition_cols;
            int n_ns; /* SHOW ... IN ns / SHOW COLUMNS ... IN db / RENAME TO parts */
            const char **ns;
            const char *pattern; /* SHOW ... [LIKE] 'pattern' */
            bool overwrite;      /* INSERT OVERWRITE */
            bool extended;       /* DESCRIBE EXTENDED|FORMATTED, SHOW TABLE EXTENDED */
            bool cascade;        /* DROP DATABASE ... CASCADE */
            bool external;       /* CREATE EXTERNAL TABLE */
            bool purge;          /* DROP TABLE ... PURGE */
            bool lazy;           /* CACHE LAZY TABLE */
            bool is_view;        /* ALTER VIEW / DROP VIEW forms */
            /* Added (SET TIME ZONE LOCAL): key = spark.sql.session.timeZone, value NULL; the
               server's own zone is set. */
            bool local_zone;
        } cmd;
    } u;

    /* Added (SQL pipe syntax, unresolved only): the `|>` operator a PL_PROJECT / PL_AGGREGATE
       comes from, NULL otherwise. "SELECT", "EXTEND", "SET": no aggregate function may appear
       outside a window (PIPE_OPERATOR_CONTAINS_AGGREGATE_FUNCTION); "AGGREGATE": exprs from
       pipe_n_keys on must each contain one (PIPE_OPERATOR_AGGREGATE_EXPRESSION_CONTAINS_NO_
       AGGREGATE_FUNCTION), and a PX_ORDINAL among the first pipe_n_keys exprs is the child's
       column at that position. "DROP": exprs = the PX_ATTR names to remove (Spark's
       UnresolvedStarExcept). "SET": exprs[0] = PX_ALIAS(value, name) replacing the column of
       that name in place (UnresolvedStarExceptOrReplace). */
    const char *pipe_clause;
    int pipe_n_keys;
    /* Added (analyzer, USING / NATURAL joins): Spark's hidden output (metadataOutput of
       qualified-access-only columns): the join keys a USING join's Project hides (right keys
       for INNER / LEFT, left keys for RIGHT, both for FULL OUTER) and those of nested USING
       joins, which `t.k` and `t.*` still reach. Carried by Project, Filter, Sort, Limit and
       the other row-preserving nodes above; a SubqueryAlias or an Aggregate drops them. When
       hidden_exposed is set the node also outputs them: they are the last n_hidden entries of
       out (hidden points there) and not part of the node's visible row. 0 / NULL when none. */
    int n_hidden;
    pl_attr *hidden;
    bool hidden_exposed;
};

/* ------------------------------------------------------------------------------------------ */
/* Session options the analyzer and executor read (filled by connect/ from the session conf). */

typedef struct pl_session_opts {
    bool ansi;                         /* spark.sql.ansi.enabled */
    bool case_sensitive;               /* spark.sql.caseSensitive */
    const char *time_zone;             /* spark.sql.session.timeZone (IANA id) */
    int64_t batch_rows;                /* target rows per batch (VEC_BATCH_ROWS unless testing) */
    int threads;                       /* worker threads for one query */
    int64_t max_result_rows_per_batch; /* spark.sql.execution.arrow.maxRecordsPerBatch */
    /* Added for the aggregate functions: spark.sql.legacy.statisticalAggregate (default false:
       stddev_samp / var_samp / covar_samp / corr / skewness / kurtosis return NULL instead of
       NaN when they would divide by zero). */
    bool legacy_statistical_aggregate;
    /* Added for the collection functions: spark.sql.mapKeyDedupPolicy = LAST_WIN (default
       EXCEPTION: building a map with a duplicate key raises DUPLICATED_MAP_KEY). */
    bool map_key_last_win;
    /* Added by the date/time functions: the instant (µs since the epoch) the statement started,
       which current_date() / current_timestamp() / now() return for the whole query; 0 = not
       set (the functions then read the clock once per query themselves). */
    int64_t now_micros;
    /* Added for the collection functions: spark.sql.legacy.negativeIndexInArrayInsert (default
       false: array_insert's index -1 is after the last element). */
    bool legacy_negative_index_array_insert;
    /* Added (parallel engine): the query's memory budget in bytes (spark.ember.memory.limit;
       0 = the engine's default, half of physical RAM), and the rows per morsel of a parallel
       scan (0 = the engine's default; tests set it small to exercise the scheduler). */
    int64_t memory_limit;
    int64_t morsel_rows;
    /* Added (spilling): the folder for spill files (spark.ember.spill.dir; NULL = $TMPDIR, else
       /tmp; borrowed), and forced spilling (spark.ember.spill.force; the test permutation: every
       spillable operator spills after tiny sizes; also forced by the environment variable
       EMBER_FORCE_SPILL=1). */
    const char *spill_dir;
    bool spill_force;
    /* Added (session functions): the session's current catalog and database, which
       current_catalog() / current_schema() (current_database()) return; NULL = "spark_catalog"
       / "default". Borrowed: they outlive the analysis that reads them. */
    const char *current_catalog;
    const char *current_database;
    /* Added (functions): spark.sql.decimalOperations.allowPrecisionLoss = false (default true:
       decimal + - * / % result types are adjusted instead of bounded). */
    bool decimal_no_precision_loss;
    /* Added (functions): spark.sql.legacy.javaCharsets (encode / decode accept any charset
       iconv knows) and spark.sql.legacy.codingErrorAction (malformed input is replaced instead
       of raising MALFORMED_CHARACTER_CODING). Both default false. */
    bool legacy_java_charsets;
    bool legacy_coding_error_action;
} pl_session_opts;

/* ------------------------------------------------------------------------------------------ */
/* Construction helpers (all allocate in arena).                                              */

pl_node *pl_node_new(em_arena *a, pl_kind kind, int n_children);
pl_expr *pl_expr_new(em_arena *a, pl_expr_kind kind, int n_args);
/* A literal from a 1-row vector (consumes the caller's reference; released with the arena). */
pl_expr *pl_lit_new(em_arena *a, vec *one_row);
/* Convenience literals. */
pl_expr *pl_lit_null(em_arena *a, const ty *type);
pl_expr *pl_lit_bool(em_arena *a, bool v);
pl_expr *pl_lit_int(em_arena *a, int32_t v);
pl_expr *pl_lit_long(em_arena *a, int64_t v);
pl_expr *pl_lit_double(em_arena *a, double v);
pl_expr *pl_lit_string(em_arena *a, const char *s, int64_t len);
/* A column reference by (possibly dotted) parts. */
pl_expr *pl_attr_new(em_arena *a, int n_parts, const char *const *parts, int64_t plan_id);
/* A function call node with the given args (copied array). */
pl_expr *pl_func_new(em_arena *a, const char *name, int n_args, pl_expr *const *args);
/* Adds a batch to a PL_LOCAL node (consumes the batch; freed with the arena). */
void pl_local_add_batch(em_arena *a, pl_node *n, vec_batch *b);

/* Kind names for explain and errors ("Project", "Filter", ...). */
const char *pl_kind_name(pl_kind kind);

/* ------------------------------------------------------------------------------------------ */
/* Names (pl_name.c). Added by analyzer/.                                                     */

/*
 * Spark's UnresolvedAttribute.parseAttributeName: splits "a.`b.c`.d" on dots outside backticks
 * into unquoted parts (`` inside backticks is one backtick). Parts are owned by arena. Raises
 * INVALID_ATTRIBUTE_NAME_SYNTAX on unbalanced backticks, empty parts or a quoted part that is
 * not a whole part.
 */
int pl_parse_attr_name(em_arena *a, const char *name, int *n_parts, const char ***parts,
                       em_error *err);
/* Spark's quoteIdentifier: `name` with inner backticks doubled. */
void pl_quote_ident(em_str *out, const char *name);
/* quoteNameParts: each part quoted, joined with dots. */
void pl_quote_name_parts(em_str *out, int n_parts, const char *const *parts);
/* quoteIfNeeded: backticks only when name is not [A-Za-z_][A-Za-z0-9_]*. */
void pl_quote_if_needed(em_str *out, const char *name);
/* Same as pl_quote_name_parts into a new arena string. */
const char *pl_quoted_name(em_arena *a, int n_parts, const char *const *parts);

/*
 * RESOLVED FORMS (what an_resolve produces; what optimizer/ and exec/ consume).
 *
 * Node kinds that remain after resolution, each with out[] set:
 *   PL_RANGE, PL_LOCAL, PL_ONE_ROW, PL_READ_SOURCE (file scans, out = schema)
 *   PL_PROJECT   exprs[i] computes out[i] over the child row (no PX_ALIAS left: the output
 *                name is out[i].name)
 *   PL_FILTER    u.filter.cond (boolean) over the child row; out = child's out
 *   PL_SORT      exprs = PX_SORT_ORDER over the child row; out = child's out
 *   PL_LIMIT / PL_OFFSET / PL_TAIL   u.limit.n; out = child's out
 *   PL_AGGREGATE groups / u.agg.aggs / exprs as documented in u.agg
 *   PL_DEDUP     u.dedup.keys = key column indexes into the child row; out = child's out
 *   PL_SHOW_STRING / PL_HTML_STRING  one string column "show_string" / "html_string" (not null)
 *                holding the text of the child rendered as Spark's Dataset.showString
 *   PL_SAMPLE, PL_REPARTITION  pass-through (out = child's out)
 *   PL_WINDOW    out = child's out ++ one column per exprs[i] (PX_WINDOW_CALL)
 *   PL_JOIN      out = left out ++ right out (left only for LEFT_SEMI / LEFT_ANTI);
 *                u.join.cond over the concatenated row; u.join.n_using is 0 (USING joins
 *                become a PL_PROJECT over an equi-join, as in Spark)
 *   PL_GENERATE  see the kind's comment; generator calls are bound with call->type set to a
 *                TY_STRUCT whose fields are the generated columns with Spark's default names
 *                (col / key, value / pos, col / the inlined struct's fields / col0.. / c0..)
 *   PL_SET_OP    children with the same arity and (after widening casts) the same types;
 *                out = first child's names with the widened types; by_name resolved away
 * PL_SUBQUERY_ALIAS, PL_HINT, PL_TO_DF, PL_RENAME, PL_WITH_COLUMNS, PL_DROP, PL_SQL and
 * PL_READ_TABLE do not remain (aliases become qualifiers on out[]).
 *
 * Expression kinds after resolution: PX_LITERAL, PX_COLREF (col_index into the input row,
 * attr_id, name = the attribute's name), PX_CALL / PX_AGG_CALL / PX_WINDOW_CALL (fn bound),
 * PX_CAST (cast_type set), PX_SORT_ORDER, PX_EXTRACT (struct: ordinal = field index; array:
 * args[1] = 0-based index; map: args[1] = key), PX_LAMBDA / PX_LAMBDA_VAR inside higher-order
 * calls (a resolved PX_LAMBDA: args[0] = body, args[1..] = its parameters as PX_LAMBDA_VAR with
 * unique attr_id and type; the body refers to them by attr_id). Every resolved expression has
 * type and nullable set and resolved = true.
 */

#endif
