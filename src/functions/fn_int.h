/*
 * fn_int: private helpers shared by the function families (binding, coercion, kernels).
 * Nothing here is used outside src/functions.
 */
#ifndef FN_INT_H
#define FN_INT_H

#include "functions/fn.h"
#include "functions/fn_coerce.h"
#include "types/ty_dec.h"
#include "types/ty_order.h"

/* Per-family tables, concatenated by fn_registry.c. */
extern const fn_def fn_arith_defs[];
extern const int fn_arith_n_defs;
extern const fn_def fn_cmp_defs[];
extern const int fn_cmp_n_defs;
extern const fn_def fn_logic_defs[];
extern const int fn_logic_n_defs;
extern const fn_def fn_cond_defs[];
extern const int fn_cond_n_defs;
extern const fn_def fn_string_defs[];
extern const int fn_string_n_defs;
extern const fn_def fn_agg_defs[];
extern const int fn_agg_n_defs;
/* Scalar math / text / regex / hash / misc families (fn_misc_int.h has their helpers). */
extern const fn_def fn_math_defs[];
extern const int fn_math_n_defs;
extern const fn_def fn_math_round_defs[];
extern const int fn_math_round_n_defs;
extern const fn_def fn_math_bits_defs[];
extern const int fn_math_bits_n_defs;
extern const fn_def fn_math_try_defs[];
extern const int fn_math_try_n_defs;
extern const fn_def fn_text_defs[];
extern const int fn_text_n_defs;
extern const fn_def fn_text_bin_defs[];
extern const int fn_text_bin_n_defs;
extern const fn_def fn_text_fmt_defs[];
extern const int fn_text_fmt_n_defs;
extern const fn_def fn_text_num_defs[];
extern const int fn_text_num_n_defs;
extern const fn_def fn_text_url_defs[];
extern const int fn_text_url_n_defs;
extern const fn_def fn_regex_defs[];
extern const int fn_regex_n_defs;
extern const fn_def fn_hash_aes_defs[];
extern const int fn_hash_aes_n_defs;
extern const fn_def fn_hash_defs[];
extern const int fn_hash_n_defs;
extern const fn_def fn_misc_defs[];
extern const int fn_misc_n_defs;
extern const fn_def fn_session_defs[];
extern const int fn_session_n_defs;
extern const fn_def fn_misc_extra_defs[];
extern const int fn_misc_extra_n_defs;
/* aggregate families (fn_agg_*.c) */
extern const fn_def fn_agg_stat_defs[];
extern const int fn_agg_stat_n_defs;
extern const fn_def fn_agg_misc_defs[];
extern const int fn_agg_misc_n_defs;
extern const fn_def fn_agg_collect_defs[];
extern const int fn_agg_collect_n_defs;
extern const fn_def fn_agg_pct_defs[];
extern const int fn_agg_pct_n_defs;
extern const fn_def fn_agg_hll_defs[];
extern const int fn_agg_hll_n_defs;
extern const fn_def fn_agg_sketch_defs[];
extern const int fn_agg_sketch_n_defs;
/* collection families: arrays, maps, structs, higher-order functions, generators (fn_coll.h) */
extern const fn_def fn_array_defs[];
extern const int fn_array_n_defs;
extern const fn_def fn_array_set_defs[];
extern const int fn_array_set_n_defs;
extern const fn_def fn_array_seq_defs[];
extern const int fn_array_seq_n_defs;
extern const fn_def fn_array_index_defs[];
extern const int fn_array_index_n_defs;
extern const fn_def fn_map_defs[];
extern const int fn_map_n_defs;
extern const fn_def fn_struct_defs[];
extern const int fn_struct_n_defs;
extern const fn_def fn_hof_defs[];
extern const int fn_hof_n_defs;
extern const fn_def fn_gen_defs[];
extern const int fn_gen_n_defs;
/* concat over arrays (Spark's Concat accepts strings, binary and arrays): fn_string.c's concat
   hands all-array calls to these (fn_array.c). Bind returns -1 when the arguments are not all
   arrays (the string rules apply), else 0 or an error code. */
int fn_array_concat_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, em_error *err);
int fn_array_concat_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err);

/* Date, time and interval families (fn_date_*.c, fn_interval*.c; fn_dt_int.h has helpers). */
extern const fn_def fn_date_field_defs[];
extern const int fn_date_field_n_defs;
extern const fn_def fn_date_arith_defs[];
extern const int fn_date_arith_n_defs;
extern const fn_def fn_date_make_defs[];
extern const int fn_date_make_n_defs;
extern const fn_def fn_date_format_defs[];
extern const int fn_date_format_n_defs;
extern const fn_def fn_interval_defs[];
extern const int fn_interval_n_defs;
extern const fn_def fn_date_window_defs[];
extern const int fn_date_window_n_defs;
/* JSON functions (fn_json.c, fn_json_conv.c; fn_json_int.h / fn_json_opts.h have helpers). */
extern const fn_def fn_json_defs[];
extern const int fn_json_n_defs;
extern const fn_def fn_json_conv_defs[];
extern const int fn_json_conv_n_defs;
/* CSV functions (fn_csv.c). */
extern const fn_def fn_csv_defs[];
extern const int fn_csv_n_defs;
/* XPath functions (fn_xpath.c). */
extern const fn_def fn_xpath_defs[];
extern const int fn_xpath_n_defs;
/* Window functions (fn_window.c). */
extern const fn_def fn_window_defs[];
extern const int fn_window_n_defs;
/* The datetime forms of + - * / div (op '+', '-', '*', '/', 'd') and of unary - + abs (op '-', '+',
   'a'), bound by fn_interval_arith.c for the operand types Spark's
   BinaryArithmeticWithDatetimeResolver rewrites (called from fn_arith.c). */
int fn_dt_arith_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, char op,
                     em_error *err);
int fn_dt_unary_interval_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, char op,
                              em_error *err);

/* ---- binding ------------------------------------------------------------------------------ */

/* WRONG_NUM_ARGS.WITHOUT_SUGGESTION unless min <= n_args <= max (max -1 = any). `expected` is
   Spark's text for the expected count ("2", "[2, 3]", "> 0"). */
int fn_check_arity(const pl_expr *call, int min, int max, const char *expected, em_error *err);
/* Replaces args[i] with an implicit cast to `to` when its type differs. */
void fn_cast_arg(em_arena *arena, pl_expr *call, int i, const ty *to);
/* True if any arg is nullable. */
bool fn_any_nullable(const pl_expr *call);
/* The ordinal Spark uses in messages ("first", "second", ...). */
const char *fn_ordinal(int i);

/* Raises DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for args[i] (required type text as Spark
   prints it, e.g. "\"NUMERIC\"" or "(\"NUMERIC\" or \"INTERVAL\")"). */
int fn_err_unexpected_input(const pl_expr *call, int i, const char *required, em_error *err);
/* DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES / BINARY_OP_WRONG_TYPE for a binary operator. */
int fn_err_binary_diff(const pl_expr *call, em_error *err);
int fn_err_binary_wrong(const pl_expr *call, const char *input_type, const ty *actual,
                        em_error *err);

/*
 * Coerces args[i], args[j] of call as Spark does for a binary comparison (shared with nullif):
 * returns 0 leaving both with the same type, or raises BINARY_OP_DIFF_TYPES. eq_only marks
 * equality operators (legacy string = timestamp compares as timestamps).
 */
int fn_coerce_comparison(em_arena *a, pl_expr *call, int i, int j, bool ansi, bool eq_only,
                         em_error *err);

/* ---- kernels ------------------------------------------------------------------------------ */

/* A vector of n rows of type t with zeroed values and no nulls (fixed-width kinds). */
vec *fn_vec_fixed(const ty *t, int64_t n);
/* Marks out[r] NULL wherever any of args[0..n_args)[r] is NULL. Returns true if any null. */
bool fn_propagate_nulls(vec *out, vec *const *args, int n_args, int64_t n);
/* Row r of v is NULL (NULL-typed vectors are NULL everywhere). */
static inline bool fn_is_null(const vec *v, int64_t r)
{
    return v->type->kind == TY_NULL || vec_is_null(v, r);
}
/* Effective ANSI flag of a call: TRY/ANSI eval contexts are not modelled per call yet, so the
   session decides. */
static inline bool fn_ansi(const fn_ctx *ctx)
{
    return ctx && ctx->opts && ctx->opts->ansi;
}

/* ARITHMETIC_OVERFLOW with Spark's parameters (message e.g. "integer overflow", suggested
   function e.g. "try_add"; NULL for none). */
int fn_err_arith_overflow(em_error *err, const char *message, const char *try_fn);
int fn_err_divide_by_zero(em_error *err);
int fn_err_remainder_by_zero(em_error *err);
/* NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION for a decimal result that does not fit (p, s);
   `plain` is the exact value in plain notation. */
int fn_err_decimal_overflow(em_error *err, const char *plain, int p, int s);

#endif
