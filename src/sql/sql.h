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

#endif
