/*
 * arrow_cases: the batches the encoder tests share. Each column carries its Spark type, its
 * values as a JSON literal (arrow_test_util.h) and, written by hand from the Arrow format and
 * Spark's ArrowUtils mapping (docs/spark-connect-protocol.md section 6), the Arrow field that
 * Arrow JS must read back (tests/arrow/js/check.mjs describes the form).
 */
#ifndef ARROW_CASES_H
#define ARROW_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "types/ty.h"
#include "vector/vec.h"

#define TU_MAX_COLS 40

typedef struct tu_col {
    const char *name;
    const ty *type;
    bool nullable;
    const char *arrow;  /* expected Arrow field (JSON) */
    const char *values; /* JSON array of the rows */
} tu_col;

typedef struct tu_case {
    const char *name;
    const char *tz; /* session time zone for the encoder */
    int64_t rows;
    int n_cols;
    tu_col cols[TU_MAX_COLS];
} tu_case;

/* Fills cases (up to max) with types allocated in a; returns how many. */
int tu_cases(em_arena *a, tu_case *cases, int max);
/* The schema (TY_STRUCT) and batch of a case; the batch is new (vec_batch_free). */
const ty *tu_case_schema(em_arena *a, const tu_case *c);
vec_batch *tu_case_batch(const tu_case *c);

#endif
