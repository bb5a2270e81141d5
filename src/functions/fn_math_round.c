/*
 * fn_math_round: ceil / ceiling / floor (Spark's Ceil, Floor and, with a scale, RoundCeil,
 * RoundFloor) and round / bround (Round HALF_UP, BRound HALF_EVEN).
 *
 * Spark rounds a double through java.math.BigDecimal built from Double.toString, so
 * round(2.675, 2) is 2.68 (the decimal digits the user sees are rounded, not the binary value);
 * a float goes through the double's digits (BigDecimal(f.toDouble)). That is reproduced here
 * on the shortest round-trip digits. Decimals round exactly with the mode; integral values are
 * unchanged for scale >= 0 and rounded to a multiple of 10^-scale otherwise, overflowing into
 * ARITHMETIC_OVERFLOW under ANSI (BigDecimal.xxxValueExact) and wrapping in legacy mode.
 *
 * Result types (RoundBase.dataType): decimal(p, s) rounds to decimal(p - s + 1 + min(s, d),
 * min(s, d)) for d >= 0 and decimal(max(p - s + 1, -d + 1), 0) for d < 0 (capped at 38);
 * other types keep theirs. Ceil/floor of a double or bigint is a bigint; of decimal(p, s>0) it
 * is decimal(p - s + 1, 0).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_misc_int.h"
#include "types/ty_num.h"

typedef struct fn_round_state {
    bool ansi;
    ty_round mode;
    bool scale_null; /* the folded scale is NULL: every row is NULL */
    int scale;
} fn_round_state;

static int fn_round_mode_of(const char *name, ty_round *mode)
{
    if (strcasecmp(name, "round") == 0)
        *mode = TY_ROUND_HALF_UP;
    else if (strcasecmp(name, "bround") == 0)
        *mode = TY_ROUND_HALF_EVEN;
    else if (strcasecmp(name, "floor") == 0)
        *mode = TY_ROUND_FLOOR;
    else
        *mode = TY_ROUND_CEILING;
    return 0;
}

static int fn_imin(int a, int b)
{
    return a < b ? a : b;
}

static int fn_imax(int a, int b)
{
    return a > b ? a : b;
}

/* RoundBase.dataType. */
static const ty *fn_round_type(const ty *t, int scale, em_arena *a)
{
    if (t->kind != TY_DECIMAL)
        return t;
    int p = t->precision, s = t->scale;
    int lead = p - s + 1;
    if (scale < 0)
        return ty_decimal(a, fn_imin(fn_imax(lead, -scale + 1), 38), 0);
    int ns = fn_imin(s, scale);
    return ty_decimal(a, fn_imin(lead + ns, 38), ns);
}

/* NON_FOLDABLE_ARGUMENT (CeilFloorExpressionBuilderBase: the scale must be a foldable INT). */
static int fn_err_non_foldable_arg(const pl_expr *call, em_error *err)
{
    char id[128];
    fn_misc_fn_id(call, id, sizeof id);
    return em_error_set(err, "NON_FOLDABLE_ARGUMENT", "funcName", id, "paramName", "`scale`",
                        "paramType", "\"INT\"", NULL);
}

static int fn_fold_scale(pl_expr *call, const pl_session_opts *opts, fn_round_state *st,
                         em_error *err)
{
    vec *v = NULL;
    int rc = fn_misc_fold(call->args[1], opts, &v, err);
    if (rc < 0)
        return err->code;
    if (rc == 0)
        return fn_misc_err_non_foldable(call, 1, "scale", err);
    st->scale_null = fn_is_null(v, 0);
    st->scale = st->scale_null ? 0 : VEC_VALUES(v, int32_t)[0];
    vec_release(v);
    return EM_OK;
}

static int fn_bind_ceil_floor(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    fn_round_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->ansi = ansi;
    fn_round_mode_of(def->name, &st->mode);
    call->fn_state = st;
    if (call->n_args == 1) {
        if (fn_misc_expect(a, call, 0, FN_W_DBL_DEC_LONG, ansi, err))
            return err->code;
        const ty *t = call->args[0]->type;
        if (t->kind == TY_DECIMAL)
            call->type = t->scale == 0 ? t : fn_decimal_bounded(t->precision - t->scale + 1, 0, a);
        else
            call->type = ty_long();
        call->nullable = call->args[0]->nullable;
        return EM_OK;
    }
    if (call->args[1]->type->kind != TY_INT || !fn_misc_foldable(call->args[1]))
        return fn_err_non_foldable_arg(call, err);
    vec *v = NULL;
    int rc = fn_misc_fold(call->args[1], opts, &v, err);
    if (rc < 0)
        return err->code;
    bool null = fn_is_null(v, 0);
    st->scale = null ? 0 : VEC_VALUES(v, int32_t)[0];
    vec_release(v);
    if (null)
        return fn_err_non_foldable_arg(call, err);
    if (fn_misc_expect(a, call, 0, FN_W_DECIMAL, ansi, err))
        return err->code;
    call->type = fn_round_type(call->args[0]->type, st->scale, a);
    call->nullable = true; /* RoundBase: toPrecision may overflow to NULL */
    return EM_OK;
}

static int fn_bind_round(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    if (call->n_args == 1)
        fn_misc_add_arg(a, call, pl_lit_int(a, 0));
    bool ansi = opts && opts->ansi;
    static const fn_want wants[] = {FN_W_NUMERIC, FN_W_INT};
    if (fn_misc_expect_all(a, call, wants, ansi, err))
        return err->code;
    fn_round_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->ansi = ansi;
    fn_round_mode_of(def->name, &st->mode);
    if (fn_fold_scale(call, opts, st, err))
        return err->code;
    call->fn_state = st;
    call->type = fn_round_type(call->args[0]->type, st->scale, a);
    call->nullable = call->args[0]->nullable || call->args[1]->nullable ||
                     call->type->kind == TY_DECIMAL || st->scale_null;
    (void)def;
    return EM_OK;
}

/* ---- kernels ------------------------------------------------------------------------------------
 */

/*
 * BigDecimal(Double.toString(d)).setScale(scale, mode).doubleValue() (is_float: the digits of
 * (double)f, result rounded to float by the caller). HALF_UP and HALF_EVEN only.
 */
static double fn_round_double(double d, bool is_float, int scale, ty_round mode)
{
    if (isnan(d) || isinf(d))
        return d;
    if (d == 0)
        return 0.0;
    char dig[24];
    int e10;
    int nd = ty_shortest_digits(d, false, dig, &e10);
    (void)is_float;
    /* value = 0.dig * 10^e10; keep = digits left of the rounding position */
    long keep = (long)e10 + scale;
    if (keep >= nd)
        return d;
    char out[64];
    int k = 0;
    if (d < 0)
        out[k++] = '-';
    if (keep < 0)
        return 0.0;
    /* decide on the dropped part */
    int first = dig[keep] - '0';
    bool rest_nonzero = false;
    for (int i = (int)keep + 1; i < nd; i++)
        if (dig[i] != '0')
            rest_nonzero = true;
    bool up;
    if (mode == TY_ROUND_HALF_EVEN) {
        int prev = keep > 0 ? dig[keep - 1] - '0' : 0;
        up = first > 5 || (first == 5 && (rest_nonzero || (prev & 1)));
    } else {
        up = first >= 5;
    }
    char kept[26];
    int nk = (int)keep;
    memcpy(kept, dig, (size_t)nk);
    int exp = e10;
    if (up) {
        int i = nk - 1;
        while (i >= 0 && kept[i] == '9') {
            kept[i] = '0';
            i--;
        }
        if (i >= 0) {
            kept[i]++;
        } else {
            memmove(kept + 1, kept, (size_t)nk);
            kept[0] = '1';
            nk++;
            exp++;
        }
    }
    if (nk == 0)
        return 0.0;
    bool all_zero = true;
    for (int i = 0; i < nk; i++)
        if (kept[i] != '0')
            all_zero = false;
    if (all_zero)
        return 0.0;
    out[k++] = '0';
    out[k++] = '.';
    memcpy(out + k, kept, (size_t)nk);
    k += nk;
    k += snprintf(out + k, sizeof out - (size_t)k, "e%d", exp);
    return strtod(out, NULL);
}

/* Java's (long) cast of a double: NaN is 0, out-of-range values saturate. */
static int64_t fn_round_to_long(double d)
{
    if (isnan(d))
        return 0;
    if (d >= 9223372036854775807.0)
        return INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

/* Rounds an integral value to a multiple of 10^-scale (scale < 0) with mode. */
static ty_i128 fn_round_integral(int64_t v, int scale, ty_round mode)
{
    if (scale >= 0)
        return v;
    if (-scale > 30)
        return 0;
    ty_i128 out = 0;
    if (!ty_dec_rescale((ty_i128)v, 0, scale, mode, &out) ||
        !ty_dec_rescale(out, scale, 0, mode, &out))
        return 0;
    return out;
}

static int fn_eval_round(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    const fn_round_state *st = call->fn_state;
    const vec *v = args[0];
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, 1, n);
    if (st->scale_null) {
        for (int64_t r = 0; r < n; r++)
            vec_set_null(o, r);
        *out = o;
        return EM_OK;
    }
    bool has_scale = call->n_args == 2;
    ty_kind k = v->type->kind;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        switch (k) {
        case TY_DOUBLE: {
            double d = VEC_VALUES(v, double)[r];
            if (!has_scale) /* Ceil / Floor of a double: a bigint (Java's (long) cast) */
                VEC_VALUES(o, int64_t)
            [r] = fn_round_to_long(st->mode == TY_ROUND_CEILING ? ceil(d) : floor(d));
            else VEC_VALUES(o, double)[r] = fn_round_double(d, false, st->scale, st->mode);
            break;
        }
        case TY_FLOAT: {
            float f = VEC_VALUES(v, float)[r];
            if (isnan(f) || isinf(f)) {
                VEC_VALUES(o, float)[r] = f;
                break;
            }
            double d = fn_round_double((double)f, true, st->scale, st->mode);
            VEC_VALUES(o, float)[r] = (float)d;
            break;
        }
        case TY_DECIMAL: {
            ty_i128 x = VEC_VALUES(v, ty_i128)[r], z = 0;
            int s = v->type->scale, ts = call->type->scale;
            int target = has_scale && st->scale < 0 ? st->scale : ts;
            if (!has_scale)
                target = 0;
            bool ok = ty_dec_rescale(x, s, target, st->mode, &z);
            if (ok && target < 0) /* back to scale 0 */
                ok = ty_dec_rescale(z, target, 0, st->mode, &z);
            if (!ok || !ty_dec_fits(z, call->type->precision)) {
                vec_set_null(o, r);
                break;
            }
            VEC_VALUES(o, ty_i128)[r] = z;
            break;
        }
        case TY_LONG:
            if (!has_scale) { /* ceil / floor of a bigint */
                VEC_VALUES(o, int64_t)[r] = VEC_VALUES(v, int64_t)[r];
                break;
            }
            /* fall through */
        default: {
            int64_t x = fn_misc_get_long(v, r);
            ty_i128 z = fn_round_integral(x, st->scale, st->mode);
            int64_t lo = k == TY_BYTE    ? INT8_MIN
                         : k == TY_SHORT ? INT16_MIN
                         : k == TY_INT   ? INT32_MIN
                                         : INT64_MIN;
            int64_t hi = k == TY_BYTE    ? INT8_MAX
                         : k == TY_SHORT ? INT16_MAX
                         : k == TY_INT   ? INT32_MAX
                                         : INT64_MAX;
            if ((z < lo || z > hi) && st->ansi) {
                vec_release(o);
                return fn_err_arith_overflow(err, "Overflow", NULL);
            }
            uint64_t bits = (uint64_t)z;
            switch (k) {
            case TY_BYTE:
                VEC_VALUES(o, int8_t)[r] = (int8_t)(uint8_t)bits;
                break;
            case TY_SHORT:
                VEC_VALUES(o, int16_t)[r] = (int16_t)(uint16_t)bits;
                break;
            case TY_INT:
                VEC_VALUES(o, int32_t)[r] = (int32_t)(uint32_t)bits;
                break;
            default:
                VEC_VALUES(o, int64_t)[r] = (int64_t)bits;
                break;
            }
            break;
        }
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_ROUND(nm, mn, mx, b)                                                                    \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b,                  \
        .eval = fn_eval_round, .deterministic = true                                               \
    }

const fn_def fn_math_round_defs[] = {
    FN_ROUND("ceil", 1, 2, fn_bind_ceil_floor),  FN_ROUND("ceiling", 1, 2, fn_bind_ceil_floor),
    FN_ROUND("floor", 1, 2, fn_bind_ceil_floor), FN_ROUND("round", 1, 2, fn_bind_round),
    FN_ROUND("bround", 1, 2, fn_bind_round),
};
const int fn_math_round_n_defs = (int)(sizeof fn_math_round_defs / sizeof fn_math_round_defs[0]);
