/*
 * sql: Spark SQL text into the plan IR. One grammar serves every entry point: spark.sql()
 * queries and statements, expression strings (expr(), selectExpr, filter("...")), data type
 * and schema strings (DDL), multi-part identifiers. Spark's JSON schema format is parsed here
 * too because it is read at the same entry points (LocalRelation schema, ddl_parse).
 *
 * Contracts (all):
 *  - Results are allocated in `arena`; the input text is not retained (strings are copied).
 *  - Syntax errors raise PARSE_SYNTAX_ERROR (error, hint parameters as Spark forms them) with
 *    the query context set to the offending token; empty input raises PARSE_EMPTY_STATEMENT.
 *  - Expressions carry src_start/src_stop positions into the text.
 *  - Input is hostile: bounded recursion depth (nesting beyond 1000 levels is an error, never a
 *    stack overflow), any bytes accepted without crashing.
 */
#ifndef SQL_H
#define SQL_H

#include "common/em_arena.h"
#include "common/em_error.h"
#include "plan/plan.h"
#include "types/ty.h"

/* A single expression, e.g. "id > 3 AND name IS NOT NULL", "count(*) AS n". */
int sql_parse_expr(const char *text, em_arena *arena, pl_expr **out, em_error *err);
/* A single data type: "int", "decimal(10,2)", "array<struct<a:int>>", "struct<a: int>". */
int sql_parse_type(const char *text, em_arena *arena, const ty **out, em_error *err);
/*
 * A schema: DDL column list "a INT, b STRING NOT NULL" or a single type; Spark's
 * parse order for LocalRelation/ddl_parse (DDL, then a data type, then JSON) is applied by
 * sql_parse_schema_any. Returns a TY_STRUCT for column lists; a non-struct type as is.
 */
int sql_parse_schema(const char *text, em_arena *arena, const ty **out, em_error *err);
int sql_parse_schema_any(const char *text, em_arena *arena, const ty **out, em_error *err);
/* Spark's DataType JSON ("long", {"type":"struct","fields":[...]}). */
int sql_parse_json_type(const char *text, em_arena *arena, const ty **out, em_error *err);
/* A multi-part identifier "a.`b.c`.d" into unquoted parts. */
int sql_parse_identifier(const char *text, em_arena *arena, int *n_parts, const char ***parts,
                         em_error *err);
/*
 * A query or statement (spark.sql). Queries produce relations; statements Ember does not
 * support yet raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED.
 */
int sql_parse_statement(const char *text, em_arena *arena, pl_node **out, em_error *err);

/* ------------------------------------------------------------------------------------------ */
/* Additions (sql/ owner): options, parameters, more schema entry points, IR dumps.           */

/* Session settings that change how text parses (defaults: sql_opts_default). */
typedef struct sql_opts {
    /* spark.sql.ansi.enforceReservedKeywords: ANSI reserved keywords stop being identifiers. */
    bool enforce_reserved_keywords;
    /* spark.sql.ansi.doubleQuotedIdentifiers: "x" is an identifier, not a string. */
    bool double_quoted_identifiers;
    /* spark.sql.timestampType = TIMESTAMP_NTZ: the TIMESTAMP type name means timestamp_ntz. */
    bool timestamp_ntz;
    /* spark.sql.parser.escapedStringLiterals: no backslash unescaping in string literals. */
    bool escaped_string_literals;
    /* spark.sql.legacy.bangEqualsNot: '!' is accepted for NOT in NOT IN / NOT LIKE / IS NOT... */
    bool legacy_bang_equals_not;
} sql_opts;

void sql_opts_default(sql_opts *opts);

/*
 * Query parameters (spark.sql(query, args)): positional `?` markers take pos[i] in order,
 * named `:name` markers take the value of the same name (case-sensitive). Values are borrowed
 * and deep-copied into the result at each marker. Giving both kinds raises
 * INVALID_QUERY_MIXED_QUERY_PARAMETERS; a marker without a value raises UNBOUND_SQL_PARAMETER.
 */
typedef struct sql_params {
    int n_pos;
    pl_expr *const *pos;
    int n_named;
    const char *const *names;
    pl_expr *const *named;
} sql_params;

/* sql_parse_statement / sql_parse_expr with options and parameters (both nullable). */
int sql_parse_statement_ex(const char *text, const sql_opts *opts, const sql_params *params,
                           em_arena *arena, pl_node **out, em_error *err);
int sql_parse_expr_ex(const char *text, const sql_opts *opts, const sql_params *params,
                      em_arena *arena, pl_expr **out, em_error *err);
/* A data type with options (TIMESTAMP follows opts->timestamp_ntz). */
int sql_parse_type_ex(const char *text, const sql_opts *opts, em_arena *arena, const ty **out,
                      em_error *err);
/* Spark's StructType.fromDDL: a column list only ("a INT, b STRING"), always a TY_STRUCT. */
int sql_parse_table_schema(const char *text, em_arena *arena, const ty **out, em_error *err);
/*
 * Spark's DataType.fromDDL (schema strings of from_json, from_csv, schema_of_*...): a data type
 * first, then a column list; a failure reports the data-type error.
 */
int sql_parse_from_ddl(const char *text, em_arena *arena, const ty **out, em_error *err);
/*
 * LocalRelation's schema string: sql_parse_schema_any, then a non-struct type T wrapped as
 * struct<value: T> (Spark's toStructTypeOrWrap).
 */
int sql_parse_local_schema(const char *text, em_arena *arena, const ty **out, em_error *err);

/*
 * Debug text of IR (tests, logs): expressions as name(args) with literals typed
 * ("1:int", "'a':string"), plans as an indented tree. Appends to out.
 */
void sql_dump_expr(const pl_expr *e, em_str *out);
void sql_dump_plan(const pl_node *n, em_str *out);

#endif
