/*
 * fn_misc_int: helpers shared by the scalar families of math, text, regex, hashing and misc
 * functions (fn_math*.c, fn_text*.c, fn_regex*.c, fn_hash*.c, fn_misc*.c): UTF-8 code point
 * access as Spark's UTF8String counts it, Spark's ImplicitCastInputTypes coercion of one
 * argument to an expected type (ANSI and legacy rules), constant folding of arguments that
 * Spark requires to be foldable, and small row-building helpers.
 *
 * Nothing here is used outside src/functions. All pointers returned are borrowed (static
 * singletons or arena memory) unless stated.
 */
#ifndef FN_MISC_INT_H
#define FN_MISC_INT_H

#include <stdint.h>

#include "functions/fn_int.h"

/* ---- UTF-8 (UTF8String semantics: a code point's length comes from its first byte) -------- */

/* Bytes of the code point starting with byte c (a stray continuation byte counts as one). */
int fn_uc_len(unsigned char c);
/* Code points in s[0..n). */
int32_t fn_uc_count(const char *s, int32_t n);
/* Byte offset of code point index ci, clamped to n. */
int32_t fn_uc_offset(const char *s, int32_t n, int64_t ci);
/* Decodes the code point at s (n bytes available); *adv receives its byte length. */
uint32_t fn_uc_decode(const char *s, int32_t n, int32_t *adv);
/* Encodes cp into out (4 bytes room); returns its length. */
int fn_uc_encode(uint32_t cp, char *out);
/* Java's Character.toUpperCase / toLowerCase for one code point (simple case mapping). */
uint32_t fn_uc_upper(uint32_t cp);
uint32_t fn_uc_lower(uint32_t cp);
/* Java's Character.isWhitespace / isLetterOrDigit / isLetter for a code point. */
bool fn_uc_is_letter(uint32_t cp);
bool fn_uc_is_digit(uint32_t cp);

/* ---- expected input types (Spark's AbstractDataType as ImplicitCastInputTypes uses it) ---- */

typedef enum fn_want {
    FN_W_DOUBLE,        /* DoubleType */
    FN_W_LONG,          /* LongType */
    FN_W_INT,           /* IntegerType */
    FN_W_BOOLEAN,       /* BooleanType */
    FN_W_STRING,        /* StringType (StringTypeWithCollation: any collation) */
    FN_W_BINARY,        /* BinaryType */
    FN_W_NUMERIC,       /* NumericType (default concrete: double) */
    FN_W_INTEGRAL,      /* IntegralType (default concrete: bigint) */
    FN_W_DECIMAL,       /* DecimalType (any precision; default concrete decimal(38,18)) */
    FN_W_STR_BIN,       /* TypeCollection(StringType, BinaryType) */
    FN_W_BIN_STR,       /* TypeCollection(BinaryType, StringType) */
    FN_W_LONG_BIN_STR,  /* TypeCollection(LongType, BinaryType, StringType) (hex) */
    FN_W_DBL_DEC_LONG,  /* TypeCollection(DoubleType, DecimalType, LongType) (ceil / floor) */
    FN_W_INT_LONG,      /* TypeCollection(IntegerType, LongType) (shifts) */
    FN_W_INTEGRAL_BOOL, /* TypeCollection(IntegralType, BooleanType) (bit_count) */
    FN_W_ANY,           /* AnyDataType: accepts everything */
} fn_want;

/* Spark's simpleString of the expected type as toSQLType quotes it ("\"DOUBLE\"",
   "(\"STRING\" or \"BINARY\")"). */
const char *fn_want_sql(fn_want want);

/*
 * ImplicitCastInputTypes for args[i]: leaves it when the expected type accepts it, otherwise
 * wraps it in the implicit cast TypeCoercion (legacy) or AnsiTypeCoercion (ansi) picks, or
 * raises DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE naming the argument (paramIndex is i).
 */
int fn_misc_expect(em_arena *a, pl_expr *call, int i, fn_want want, bool ansi, em_error *err);
/* The same for every argument, wants[k] for args[k]. */
int fn_misc_expect_all(em_arena *a, pl_expr *call, const fn_want *wants, bool ansi, em_error *err);

/* Spark's Hex.unhex into out (an odd-length input has an implicit leading 0); -1 on a
   character that is not a hex digit. */
int fn_math_unhex(const char *s, int32_t len, em_str *out);

/* java.lang.StrictMath.log / log10 / exp (FDLIBM results, bit for bit). */
double fn_fd_log(double x);
double fn_fd_log10(double x);
double fn_fd_exp(double x);

/* DATATYPE_MISMATCH.DATA_DIFF_TYPES naming every argument's type. */
int fn_misc_err_data_diff(const pl_expr *call, em_error *err);

/* Appends a new last argument (the default Spark's constructor adds, shown in the column
   name: round(x) is round(x, 0)). The args array is reallocated in the arena. */
void fn_misc_add_arg(em_arena *a, pl_expr *call, pl_expr *arg);

/*
 * Evaluates a constant expression (a literal, casts of constants, deterministic scalar calls
 * over constants: Spark's `foldable`) to a one-row vector. Returns 1 with *out set (caller
 * releases), 0 when e is not constant (*out NULL), or -1 with err set when the evaluation fails.
 */
int fn_misc_fold(const pl_expr *e, const pl_session_opts *opts, vec **out, em_error *err);
/*
 * Evaluates a bound replacement tree over the call's argument vectors: PX_COLREF col_index k
 * reads args[k], literals are broadcast to n rows, casts and scalar calls are evaluated (lazy
 * functions eagerly). Used for functions Spark defines as RuntimeReplaceable (nullifzero is
 * if(x = 0, NULL, x)). *out is a new vector (caller releases).
 */
int fn_misc_eval_tree(const pl_expr *e, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err);
/* A resolved PX_COLREF placeholder for args[k] of call, for replacement trees. */
pl_expr *fn_misc_arg_ref(em_arena *a, const pl_expr *call, int k);
/* Binds name(args...) through the registry (PX_CALL); NULL with err set on failure. */
pl_expr *fn_misc_bind_call(em_arena *a, const char *name, int n_args, pl_expr *const *args,
                           const pl_session_opts *opts, em_error *err);

/* True if e is constant in the sense of fn_misc_fold. */
bool fn_misc_foldable(const pl_expr *e);

/*
 * DATATYPE_MISMATCH.NON_FOLDABLE_INPUT for args[i] (inputName is the parameter's name, e.g.
 * "scale", quoted by this function as toSQLId does).
 */
int fn_misc_err_non_foldable(const pl_expr *call, int i, const char *input_name, em_error *err);

/* Numeric cell access by physical kind (byte..long, float, double). */
int64_t fn_misc_get_long(const vec *v, int64_t r);
double fn_misc_get_double(const vec *v, int64_t r);

/* Spark's toSQLId of a function name ("`round`"), lower-case as called, into buf. */
const char *fn_misc_fn_id(const pl_expr *call, char *buf, size_t cap);

/* The eval-mode flag the kernels of these families capture at bind time (fn_state points to
   one of these unless the family stores more). */
typedef struct fn_misc_state {
    bool ansi;
    int64_t i64; /* per-function constant (a folded scale, a seed, a bit count...) */
    bool has_i64;
    void *extra; /* family-specific data (arena) */
} fn_misc_state;

/* A new state in the arena with the session's ANSI flag. */
fn_misc_state *fn_misc_state_new(em_arena *a, const pl_session_opts *opts);

/*
 * Row-at-a-time drivers for kernels that build one value per row. For each row r the driver
 * skips rows where any argument is NULL (a NULL result; strict = Spark's nullIntolerant) or
 * calls the row function, which either fills the result or sets *null. String results go
 * through `buf` (reset per row); integer results through *val. Errors stop the batch.
 */
typedef int (*fn_misc_str_row_fn)(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                                  bool *null, em_error *err);
typedef int (*fn_misc_int_row_fn)(const pl_expr *call, vec *const *args, int64_t r, int64_t *val,
                                  bool *null, em_error *err);
int fn_misc_drive_str(const pl_expr *call, vec *const *args, int64_t n, bool strict,
                      fn_misc_str_row_fn f, vec **out, em_error *err);
/* The result type is call->type (boolean, int or bigint). */
int fn_misc_drive_int(const pl_expr *call, vec *const *args, int64_t n, bool strict,
                      fn_misc_int_row_fn f, vec **out, em_error *err);

/*
 * ToCharacterBuilder for an input that is not a datetime (fn_date_format.c hands these over):
 * a BINARY input becomes base64(x) / hex(x) / decode(x, 'utf-8') by the folded format
 * (INVALID_PARAMETER_VALUE.BINARY_FORMAT / .NULL, NON_FOLDABLE_ARGUMENT), anything else is
 * ToCharacter (to_char of a DECIMAL through ToNumberParser.format). Rebinds call->fn.
 */
int fn_text_num_to_char_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts,
                             em_error *err);

/* Row r is NULL in any of args[0..n_args). */
static inline bool fn_misc_any_null(vec *const *args, int n_args, int64_t r)
{
    for (int k = 0; k < n_args; k++)
        if (fn_is_null(args[k], r))
            return true;
    return false;
}

#endif
