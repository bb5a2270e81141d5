/*
 * golden: a reader for Spark's SQL golden files (`*.sql.out` under
 * ../shared/conformance/spark-sql-tests/results), shared by the types/ and functions/ tests.
 * Each case holds the query text, the schema line and the output block; failures are parsed
 * into the error class and message parameters of the JSON block.
 */
#ifndef GOLDEN_H
#define GOLDEN_H

#include <stdbool.h>
#include <stddef.h>

#define GOLDEN_ROOT "/work/shared/conformance/spark-sql-tests/results"

typedef struct golden_case {
    char *sql;
    char *schema;
    char *output;
} golden_case;

typedef struct golden_file {
    golden_case *cases;
    int n;
} golden_file;

/* Loads path; returns false if it cannot be read. */
bool golden_load(const char *path, golden_file *f);
void golden_free(golden_file *f);

typedef struct golden_error {
    char cls[128];
    int n_params;
    char names[16][64];
    char values[16][512];
} golden_error;

/* True if the output block is a failure; fills e. */
bool golden_parse_error(const char *output, golden_error *e);
/* The type text of a one-column schema "struct<name:type>" (after the last ':' at depth 0). */
void golden_schema_type(const char *schema, char *out, size_t cap);

#endif
