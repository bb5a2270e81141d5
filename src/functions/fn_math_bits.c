/*
 * fn_math_bits: the bitwise functions: & | ^ (BitwiseAnd / Or / Xor, binary operators over
 * integral types), ~ (BitwiseNot), shiftleft / shiftright / shiftrightunsigned and their
 * operator aliases << >> >>> (BitShiftOperation: int or bigint shifted by an int, Java's
 * shift semantics: the count is taken modulo the width), bit_count (BitwiseCount: bits set in
 * the sign-extended 64-bit value) and bit_get / getbit (BitwiseGet: a tinyint 0/1; a position
 * outside [0, width) raises INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE).
 *
 * The binary operators coerce like Spark's BinaryArithmetic: string promotion (ANSI:
 * AnsiStringPromotionTypeCoercion, legacy: strings to double), then the tightest common type;
 * then the type must be integral (BINARY_OP_WRONG_TYPE) and equal (BINARY_OP_DIFF_TYPES).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_misc_int.h"

/* ---- & | ^ ------------------------------------------------------------------------------------
 */

static int fn_bind_bitop(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    const ty *L = call->args[0]->type, *R = call->args[1]->type;
    if (ty_is_string(L) || ty_is_string(R)) {
        if (ansi) {
            const ty *t = fn_ansi_string_promotion(L, R);
            if (t) {
                fn_cast_arg(a, call, 0, t);
                fn_cast_arg(a, call, 1, t);
            }
        } else {
            if (ty_is_string(L))
                fn_cast_arg(a, call, 0, ty_double());
            if (ty_is_string(R))
                fn_cast_arg(a, call, 1, ty_double());
        }
    }
    L = call->args[0]->type, R = call->args[1]->type;
    if (!ty_equals(L, R)) {
        const ty *t = fn_tightest_common_type(L, R, ansi, a);
        if (t && (ty_is_integral(t) || t->kind == TY_NULL)) {
            fn_cast_arg(a, call, 0, t);
            fn_cast_arg(a, call, 1, t);
        }
    }
    L = call->args[0]->type, R = call->args[1]->type;
    if (L->kind == TY_NULL && R->kind == TY_NULL) {
        fn_cast_arg(a, call, 0, ty_long());
        fn_cast_arg(a, call, 1, ty_long());
        L = R = ty_long();
    }
    if (!ty_equals(L, R))
        return fn_err_binary_diff(call, err);
    if (!ty_is_integral(L))
        return fn_err_binary_wrong(call, "\"INTEGRAL\"", L, err);
    call->type = L;
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static void fn_put_integral(vec *o, int64_t r, int64_t x)
{
    switch (o->type->kind) {
    case TY_BYTE:
        VEC_VALUES(o, int8_t)[r] = (int8_t)(uint8_t)(uint64_t)x;
        break;
    case TY_SHORT:
        VEC_VALUES(o, int16_t)[r] = (int16_t)(uint16_t)(uint64_t)x;
        break;
    case TY_INT:
        VEC_VALUES(o, int32_t)[r] = (int32_t)(uint32_t)(uint64_t)x;
        break;
    default:
        VEC_VALUES(o, int64_t)[r] = x;
        break;
    }
}

static int fn_eval_bitop(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    char op = call->fn->name[0];
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, 2, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int64_t x = fn_misc_get_long(args[0], r), y = fn_misc_get_long(args[1], r);
        fn_put_integral(o, r, op == '&' ? (x & y) : op == '|' ? (x | y) : (x ^ y));
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- ~ ----------------------------------------------------------------------------------------
 */

static int fn_bind_bitnot(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_INTEGRAL, opts && opts->ansi, err))
        return err->code;
    call->type = call->args[0]->type;
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_bitnot(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, 1, n);
    for (int64_t r = 0; r < n; r++)
        if (!vec_is_null(o, r))
            fn_put_integral(o, r, ~fn_misc_get_long(args[0], r));
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- shifts -------------------------------------------------------------------------------------
 */

typedef enum { FN_SHL, FN_SHR, FN_USHR } fn_shift_kind;

static fn_shift_kind fn_shift_of(const char *name)
{
    if (strcasecmp(name, "shiftleft") == 0 || strcmp(name, "<<") == 0)
        return FN_SHL;
    if (strcasecmp(name, "shiftright") == 0 || strcmp(name, ">>") == 0)
        return FN_SHR;
    return FN_USHR;
}

static int fn_bind_shift(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    /* TypeCollection(IntegerType, LongType): int first, so byte/short/NULL become int */
    if (fn_misc_expect(a, call, 0, FN_W_INT_LONG, ansi, err))
        return err->code;
    if (fn_misc_expect(a, call, 1, FN_W_INT, ansi, err))
        return err->code;
    call->type = call->args[0]->type;
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_shift(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    fn_shift_kind k = fn_shift_of(call->fn->name);
    bool is_long = call->type->kind == TY_LONG;
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, 2, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int32_t s = VEC_VALUES(args[1], int32_t)[r];
        if (is_long) {
            int64_t x = VEC_VALUES(args[0], int64_t)[r];
            int c = s & 63;
            VEC_VALUES(o, int64_t)
            [r] = k == FN_SHL   ? (int64_t)((uint64_t)x << c)
                  : k == FN_SHR ? (x >> c)
                                : (int64_t)((uint64_t)x >> c);
        } else {
            int32_t x = VEC_VALUES(args[0], int32_t)[r];
            int c = s & 31;
            VEC_VALUES(o, int32_t)
            [r] = k == FN_SHL   ? (int32_t)((uint32_t)x << c)
                  : k == FN_SHR ? (x >> c)
                                : (int32_t)((uint32_t)x >> c);
        }
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- bit_count
 * ------------------------------------------------------------------------------------ */

static int fn_bind_bit_count(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    if (fn_misc_expect(a, call, 0, FN_W_INTEGRAL_BOOL, opts && opts->ansi, err))
        return err->code;
    call->type = ty_int();
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_bit_count(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    vec *o = fn_vec_fixed(ty_int(), n);
    fn_propagate_nulls(o, args, 1, n);
    for (int64_t r = 0; r < n; r++)
        if (!vec_is_null(o, r))
            VEC_VALUES(o, int32_t)
    [r] = __builtin_popcountll((unsigned long long)fn_misc_get_long(args[0], r));
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- bit_get / getbit
 * ------------------------------------------------------------------------------ */

static int fn_bind_bit_get(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_INTEGRAL, FN_W_INT};
    if (fn_check_arity(call, 2, 2, "2", err) ||
        fn_misc_expect_all(a, call, wants, opts && opts->ansi, err))
        return err->code;
    call->type = ty_byte();
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_bit_get(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    int width = ty_fixed_width(args[0]->type) * 8;
    vec *o = fn_vec_fixed(ty_byte(), n);
    fn_propagate_nulls(o, args, 2, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int32_t pos = VEC_VALUES(args[1], int32_t)[r];
        if (pos < 0 || pos >= width) {
            char fname[64], upper[16], val[16];
            snprintf(fname, sizeof fname, "`%s`",
                     strcasecmp(call->fn->name, "getbit") == 0 ? "getbit" : "bit_get");
            snprintf(upper, sizeof upper, "%d", width);
            snprintf(val, sizeof val, "%d", pos);
            vec_release(o);
            return em_error_set(err, "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE", "parameter",
                                "`pos`", "functionName", fname, "upper", upper, "invalidValue", val,
                                NULL);
        }
        VEC_VALUES(o, int8_t)[r] = (int8_t)((fn_misc_get_long(args[0], r) >> pos) & 1);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_BITS(nm, mn, mx, b, e, sym)                                                             \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true, .sql_symbol = sym                                                   \
    }

const fn_def fn_math_bits_defs[] = {
    FN_BITS("&", 2, 2, fn_bind_bitop, fn_eval_bitop, "&"),
    FN_BITS("|", 2, 2, fn_bind_bitop, fn_eval_bitop, "|"),
    FN_BITS("^", 2, 2, fn_bind_bitop, fn_eval_bitop, "^"),
    FN_BITS("~", 1, 1, fn_bind_bitnot, fn_eval_bitnot, NULL),
    FN_BITS("shiftleft", 2, 2, fn_bind_shift, fn_eval_shift, NULL),
    FN_BITS("shiftright", 2, 2, fn_bind_shift, fn_eval_shift, NULL),
    FN_BITS("shiftrightunsigned", 2, 2, fn_bind_shift, fn_eval_shift, NULL),
    FN_BITS("<<", 2, 2, fn_bind_shift, fn_eval_shift, "<<"),
    FN_BITS(">>", 2, 2, fn_bind_shift, fn_eval_shift, ">>"),
    FN_BITS(">>>", 2, 2, fn_bind_shift, fn_eval_shift, ">>>"),
    FN_BITS("bit_count", 1, 1, fn_bind_bit_count, fn_eval_bit_count, NULL),
    FN_BITS("bit_get", 2, 2, fn_bind_bit_get, fn_eval_bit_get, NULL),
    FN_BITS("getbit", 2, 2, fn_bind_bit_get, fn_eval_bit_get, NULL),
};
const int fn_math_bits_n_defs = (int)(sizeof fn_math_bits_defs / sizeof fn_math_bits_defs[0]);
