/*
 * ty_order: Spark's ordering, equality and hashing of single cells, shared by comparisons,
 * sorting, grouping, distinct and joins so they all agree:
 *  - floats/doubles: NaN equals NaN and sorts above every other value; -0.0 equals 0.0
 *    (SQLOrderingUtil.compareDoubles; grouping normalizes the same way);
 *  - strings (UTF8_BINARY) and binary: unsigned bytewise, shorter prefix first;
 *  - booleans: false < true; decimals by value (scales may differ);
 *  - arrays: element-wise with NULL elements first, then length; structs: field by field with
 *    NULL fields first. Maps have no order (ty_compare treats them bytewise-unordered: callers
 *    reject them at bind time) but do have equality and a hash.
 * Cells are addressed as (vector, row); both must be non-NULL unless stated.
 */
#ifndef TY_ORDER_H
#define TY_ORDER_H

#include <stdbool.h>
#include <stdint.h>

#include "vector/vec.h"

/* <0, 0, >0. a and b must have the same physical kind (decimals may differ in scale). */
int ty_compare(const vec *a, int64_t ra, const vec *b, int64_t rb);
/* Same, with NULLs allowed: NULL equals NULL; nulls_first says where NULL sorts. */
int ty_compare_nullable(const vec *a, int64_t ra, const vec *b, int64_t rb, bool nulls_first);
/* Grouping equality (NULL == NULL). */
bool ty_cells_equal(const vec *a, int64_t ra, const vec *b, int64_t rb);
/* A hash consistent with ty_cells_equal (NULL has a fixed hash). */
uint64_t ty_hash_cell(const vec *v, int64_t row, uint64_t seed);

#endif
