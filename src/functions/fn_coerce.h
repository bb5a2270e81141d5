/*
 * fn_coerce: Spark's type coercion primitives (TypeCoercion / AnsiTypeCoercion /
 * DecimalPrecision helpers), shared by the functions' bind steps and usable by the analyzer
 * (set operations, CASE, IN lists...).
 *
 * All results are borrowed: static singletons or types allocated in the arena given.
 * NULL means "no common type".
 */
#ifndef FN_COERCE_H
#define FN_COERCE_H

#include <stdbool.h>

#include "common/em_arena.h"
#include "types/ty.h"

/* findTightestCommonType (ANSI: integral + float widens to double). */
const ty *fn_tightest_common_type(const ty *a, const ty *b, bool ansi, em_arena *arena);
/* findWiderTypeForTwo: tightest, then decimal widening, then string promotion, then nested. */
const ty *fn_wider_type(const ty *a, const ty *b, bool ansi, em_arena *arena);
/* findWiderCommonType over n types (left fold starting from NULL type). */
const ty *fn_wider_common_type(int n, const ty *const *types, bool ansi, em_arena *arena);

/* DecimalType.forType: byte -> (3,0), short -> (5,0), int -> (10,0), long -> (20,0),
   float -> (14,7), double -> (30,15); decimals as they are; NULL otherwise. */
const ty *fn_decimal_for(const ty *t, em_arena *arena);
/* DecimalType.bounded / adjustPrecisionScale (allowPrecisionLoss = true). */
const ty *fn_decimal_bounded(int precision, int scale, em_arena *arena);
const ty *fn_decimal_adjust(int precision, int scale, em_arena *arena);
/* DecimalPrecision.widerDecimalType (boundedPreferIntegralDigits). */
const ty *fn_decimal_wider(int p1, int s1, int p2, int s2, em_arena *arena);

/* AnsiStringPromotionTypeCoercion.findWiderTypeForString. */
const ty *fn_ansi_string_promotion(const ty *a, const ty *b);
/* TypeCoercion.findCommonTypeForBinaryComparison (non-ANSI string/datetime rules). */
const ty *fn_binary_comparison_type(const ty *a, const ty *b);

/* True for kinds with an ordering (Spark's RowOrdering.isOrderable / TypeUtils checks). */
bool fn_type_orderable(const ty *t);

#endif
