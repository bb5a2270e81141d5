/*
 * fn_agg_int: helpers shared by the aggregate families in fn_agg_*.c (statistics, boolean and
 * bitwise, collections, percentiles, sketches): Spark's implicit casts for aggregate inputs,
 * bind-time folding of constant arguments, the DATATYPE_MISMATCH errors aggregates raise, and
 * the per-group building blocks (one-row value holders, a hash set of values with counts).
 *
 * Ownership: states are fixed-size structs zeroed by the executor; anything they point to
 * (vectors, value sets) is owned by the state and freed by the family's destroy.
 * Nothing here is used outside src/functions.
 */
#ifndef FN_AGG_INT_H
#define FN_AGG_INT_H

#include "functions/fn_int.h"

/* ---- binding ------------------------------------------------------------------------------ */

/* The input type an aggregate declares for one argument (Spark's inputTypes). */
typedef enum fn_agg_expect {
    FN_AGG_EXPECT_DOUBLE,   /* DoubleType, ImplicitCastInputTypes */
    FN_AGG_EXPECT_NUMERIC,  /* NumericType, ImplicitCastInputTypes (strings/NULL -> double) */
    FN_AGG_EXPECT_BOOLEAN,  /* BooleanType, ImplicitCastInputTypes */
    FN_AGG_EXPECT_INTEGRAL, /* IntegralType, ExpectsInputTypes (no cast) */
    FN_AGG_EXPECT_LONG,     /* IntegralType, ImplicitCastInputTypes (NULL -> bigint) */
    FN_AGG_EXPECT_BIGINT,   /* LongType, ImplicitCastInputTypes */
} fn_agg_expect;

/*
 * Applies Spark's implicit cast (TypeCoercion / AnsiTypeCoercion.implicitCast, chosen by ansi)
 * of args[i] to the expected type, wrapping it in a hidden PX_CAST. Returns 0, or raises
 * DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE naming the original argument type.
 */
int fn_agg_expect_arg(em_arena *a, pl_expr *call, int i, fn_agg_expect what, bool ansi,
                      em_error *err);

/*
 * Evaluates a constant argument at bind time (Spark's foldable expressions: literals, casts,
 * deterministic scalar calls over constants). Returns 1 with *out a one-row vector (caller
 * releases), 0 when e is not foldable, or a negative value with err set when evaluating
 * raised an error.
 */
int fn_agg_fold(const pl_expr *e, const pl_session_opts *opts, vec **out, em_error *err);

/* "`name`" of the call as Spark's toSQLId prints the function (lower case, as called). */
void fn_agg_fn_id(const pl_expr *call, em_str *out);

/* DATATYPE_MISMATCH.NON_FOLDABLE_INPUT for args[i] (input_name as toSQLId: "`percentage`"). */
int fn_agg_err_non_foldable(const pl_expr *call, int i, const char *input_name, em_error *err);
/* DATATYPE_MISMATCH.UNEXPECTED_NULL (expr_name as Spark passes it, e.g. "percentage"). */
int fn_agg_err_unexpected_null(const pl_expr *call, const char *expr_name, em_error *err);
/* DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE. */
int fn_agg_err_value_range(const pl_expr *call, const char *expr_name, const char *range,
                           const char *current, em_error *err);
/* DATATYPE_MISMATCH.INVALID_ORDERING_TYPE for type t. */
int fn_agg_err_ordering(const pl_expr *call, const ty *t, em_error *err);

/* The session flag of CentralMomentAgg / Covariance / Corr: NULL (true) or NaN (false) when a
   sample statistic divides by zero. */
static inline bool fn_agg_null_on_div0(const pl_session_opts *opts)
{
    return !(opts && opts->legacy_statistical_aggregate);
}

/* ---- kernels ------------------------------------------------------------------------------ */

/* A numeric cell as Java's Number.doubleValue (decimals correctly rounded). */
double fn_agg_double_at(const vec *v, int64_t r);
/* An integral cell widened to int64. */
int64_t fn_agg_long_at(const vec *v, int64_t r);
/* Appends one fixed-width value of out's type. */
void fn_agg_put_fixed(vec *out, const void *value);
static inline void fn_agg_put_double(vec *out, double d)
{
    fn_agg_put_fixed(out, &d);
}
static inline void fn_agg_put_long(vec *out, int64_t x)
{
    fn_agg_put_fixed(out, &x);
}
/* Appends an integral value narrowed to out's integral type (byte/short/int/long). */
void fn_agg_put_integral(vec *out, int64_t x);

/* Spark's Murmur3_x86_32: hashInt (as Guava's murmur3_32_fixed for seed 0) and the legacy
   hashUnsafeBytes (each tail byte mixed on its own, sign-extended), used by CountMinSketch and
   UTF8String.hashCode (seed 42). */
int32_t fn_agg_murmur3_int(int32_t x, int32_t seed);
int32_t fn_agg_murmur3_bytes(const void *bytes, int32_t len, int32_t seed);

/* Replaces *slot (a one-row vector of type t, owned) with row r of v (NULL allowed). */
int fn_agg_hold(vec **slot, const ty *t, const vec *v, int64_t r, em_error *err);

/*
 * A set of distinct values of one type with an occurrence count per value, in first-seen
 * order (collect_set, mode, percentile). Equality and hashing are the grouping ones
 * (ty_cells_equal / ty_hash_cell). Owned by the aggregate state that created it.
 */
typedef struct fn_agg_vset {
    vec *values;     /* distinct values, first-seen order */
    int64_t *counts; /* occurrences per value */
    int64_t cap;     /* capacity of counts */
    int64_t *slots;  /* open addressing: value index + 1, 0 = empty */
    int64_t n_slots; /* power of two, > 2 * values->len */
} fn_agg_vset;

fn_agg_vset *fn_agg_vset_new(const ty *t);
/* NULL is a no-op. */
void fn_agg_vset_free(fn_agg_vset *s);
/* Adds `count` occurrences of row r of v (not NULL, same type as the set). Sets *is_new when the
   value was not in the set yet (may be NULL). */
int fn_agg_vset_add(fn_agg_vset *s, const vec *v, int64_t r, int64_t count, bool *is_new,
                    em_error *err);
/* Adds every value of src (with its count) to dst. */
int fn_agg_vset_merge(fn_agg_vset *dst, const fn_agg_vset *src, em_error *err);
static inline int64_t fn_agg_vset_len(const fn_agg_vset *s)
{
    return s ? s->values->len : 0;
}

#endif
