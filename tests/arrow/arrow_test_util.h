/*
 * arrow_test_util: helpers for the Arrow tests. Vectors are written as JSON literals (the same
 * text is the expectation handed to the Arrow JS check), compared deeply, and streams are
 * written to temporary files.
 *
 * Value forms by Spark type (null is always `null`):
 *   boolean true/false; byte..long a number or a string of digits; float/double a number or
 *   "NaN", "Infinity", "-Infinity", "-0"; decimal(p,s) a string with exactly s fraction digits
 *   ("-12.50"); string a JSON string; binary a string of hex digits; date a number of days;
 *   timestamp, timestamp_ntz, day-time interval a number or string of microseconds;
 *   year-month interval a number of months; calendar interval [months, days, microseconds];
 *   array [elements]; map [[key, value], ...]; struct [field values in order].
 */
#ifndef ARROW_TEST_UTIL_H
#define ARROW_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_str.h"
#include "types/ty.h"
#include "vector/vec.h"

/* A vector of type t from a JSON array of row values; aborts on malformed text. */
vec *tu_vec_json(const ty *t, const char *json);
/* Deep logical equality (types, nulls, values); on difference writes a reason to why. */
bool tu_vec_equal(const vec *a, const vec *b, em_str *why);
/* A batch from columns (consumed). */
vec_batch *tu_batch(int n_cols, int64_t n_rows, vec **cols);
/* Writes bytes to path; false on failure. */
bool tu_write_file(const char *path, const void *data, size_t len);
/* Reads a whole file (caller em_free's *data); false on failure. */
bool tu_read_file(const char *path, uint8_t **data, size_t *len);
/* A fresh temporary directory (static buffer). */
const char *tu_tmpdir(void);

#endif
