/*
 * fn_arith: + - * / % div pmod, unary negative / positive and abs (Spark's Add, Subtract,
 * Multiply, Divide, Remainder, IntegralDivide, Pmod, UnaryMinus, UnaryPositive, Abs).
 *
 * Binding applies Spark's coercions in rule order: string promotion (ANSI:
 * AnsiStringPromotionTypeCoercion; legacy: strings to double), DecimalPrecision (integral
 * literals at their minimal precision, integral columns at DecimalType.forType, decimals with
 * floats to double), Division (non-decimal operands to double), IntegralDivision (byte..int to
 * bigint), ImplicitTypeCasts (tightest common type), then the operator's input type check and
 * the decimal result type formulas (allowPrecisionLoss = true).
 *
 * Evaluation follows the eval mode captured at bind time: ANSI raises ARITHMETIC_OVERFLOW /
 * BINARY_ARITHMETIC_OVERFLOW / DIVIDE_BY_ZERO / REMAINDER_BY_ZERO /
 * NUMERIC_VALUE_OUT_OF_RANGE; legacy wraps integers, returns NULL for division by zero and for
 * decimal overflow. Floating point follows IEEE except that division and remainder by zero
 * behave as for the other types (Spark's DivModLike checks the divisor first).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "functions/fn_int.h"
#include "types/ty_cast.h"

typedef enum fn_arith_op {
    FN_OP_ADD,
    FN_OP_SUB,
    FN_OP_MUL,
    FN_OP_DIV,
    FN_OP_MOD,
    FN_OP_IDIV,
    FN_OP_PMOD,
    FN_OP_NEG,
    FN_OP_POS,
    FN_OP_ABS,
} fn_arith_op;

typedef struct fn_arith_state {
    fn_arith_op op;
    bool ansi;
    const ty *decimal_result; /* the exact decimal type (div: before the cast to bigint) */
} fn_arith_state;

static fn_arith_op fn_arith_op_of(const fn_def *def, int n_args)
{
    const char *n = def->name;
    if (strcmp(n, "+") == 0)
        return n_args == 1 ? FN_OP_POS : FN_OP_ADD;
    if (strcmp(n, "-") == 0)
        return n_args == 1 ? FN_OP_NEG : FN_OP_SUB;
    if (strcmp(n, "*") == 0)
        return FN_OP_MUL;
    if (strcmp(n, "/") == 0)
        return FN_OP_DIV;
    if (strcmp(n, "%") == 0 || strcmp(n, "mod") == 0)
        return FN_OP_MOD;
    if (strcmp(n, "div") == 0)
        return FN_OP_IDIV;
    if (strcmp(n, "pmod") == 0)
        return FN_OP_PMOD;
    if (strcmp(n, "negative") == 0)
        return FN_OP_NEG;
    if (strcmp(n, "positive") == 0)
        return FN_OP_POS;
    return FN_OP_ABS;
}

static bool fn_is_numeric_or_null(const ty *t)
{
    return ty_is_numeric(t) || t->kind == TY_NULL;
}

static bool fn_is_interval(const ty *t)
{
    return t->kind == TY_DAYTIME_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL ||
           t->kind == TY_CALENDAR_INTERVAL;
}

static bool fn_is_any_timestamp(const ty *t)
{
    return t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

/*
 * The operand combinations Spark's BinaryArithmeticWithDatetimeResolver rewrites into date,
 * timestamp and interval functions (DateAdd, SubtractDates, SubtractTimestamps,
 * TimestampAddInterval, MultiplyInterval, ...): fn_interval_arith.c binds those. Every other
 * combination goes through the numeric coercions and fails there as in Spark.
 */
static bool fn_needs_datetime_rewrite(fn_arith_op op, const ty *l, const ty *r)
{
    switch (op) {
    case FN_OP_ADD:
        return fn_is_interval(l) || fn_is_interval(r) || (l->kind == TY_DATE && !ty_is_string(r)) ||
               (r->kind == TY_DATE && !ty_is_string(l)) ||
               (fn_is_any_timestamp(l) && r->kind == TY_NULL) ||
               (l->kind == TY_NULL && fn_is_any_timestamp(r));
    case FN_OP_SUB:
        return fn_is_interval(l) || fn_is_interval(r) || fn_is_any_timestamp(l) ||
               fn_is_any_timestamp(r) || r->kind == TY_DATE ||
               (l->kind == TY_DATE && !ty_is_string(r));
    case FN_OP_MUL:
        return fn_is_interval(l) || fn_is_interval(r);
    case FN_OP_DIV:
        return fn_is_interval(l);
    case FN_OP_IDIV: /* IntegralDivide of two ANSI intervals of one family */
        return (l->kind == TY_DAYTIME_INTERVAL || l->kind == TY_YEARMONTH_INTERVAL) &&
               r->kind == l->kind;
    default:
        return false;
    }
}

/* The operator character fn_dt_arith_bind takes. */
static char fn_arith_op_char(fn_arith_op op)
{
    return op == FN_OP_ADD   ? '+'
           : op == FN_OP_SUB ? '-'
           : op == FN_OP_MUL ? '*'
           : op == FN_OP_DIV ? '/'
                             : 'd';
}

/* DataTypeUtils.fromLiteral for an integral literal: decimal(digits, 0). */
static const ty *fn_decimal_from_literal(const pl_expr *lit, em_arena *a)
{
    if (lit->kind != PX_LITERAL || !lit->lit || vec_is_null(lit->lit, 0))
        return fn_decimal_for(lit->type, a);
    int64_t v = 0;
    switch (lit->type->kind) {
    case TY_BYTE:
        v = VEC_VALUES(lit->lit, int8_t)[0];
        break;
    case TY_SHORT:
        v = VEC_VALUES(lit->lit, int16_t)[0];
        break;
    case TY_INT:
        v = VEC_VALUES(lit->lit, int32_t)[0];
        break;
    default:
        v = VEC_VALUES(lit->lit, int64_t)[0];
        break;
    }
    return ty_decimal(a, ty_dec_digits(v), 0);
}

static const char *fn_arith_input_type(fn_arith_op op)
{
    switch (op) {
    case FN_OP_ADD:
    case FN_OP_SUB:
        return "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or "
               "\"INTERVAL\")";
    case FN_OP_DIV:
        return "(\"DOUBLE\" or \"DECIMAL\")";
    case FN_OP_IDIV:
        return "(\"BIGINT\" or \"DECIMAL\" or \"INTERVAL YEAR TO MONTH\" or "
               "\"INTERVAL DAY TO SECOND\")";
    default:
        return "\"NUMERIC\"";
    }
}

static bool fn_arith_accepts(fn_arith_op op, const ty *t)
{
    switch (op) {
    case FN_OP_DIV:
        return t->kind == TY_DOUBLE || t->kind == TY_DECIMAL;
    case FN_OP_IDIV:
        return t->kind == TY_LONG || t->kind == TY_DECIMAL;
    default:
        return ty_is_numeric(t);
    }
}

static int fn_imax(int a, int b)
{
    return a > b ? a : b;
}

static int fn_imin(int a, int b)
{
    return a < b ? a : b;
}

/*
 * BinaryArithmetic.resultDecimalType of each operator: adjustPrecisionScale when
 * spark.sql.decimalOperations.allowPrecisionLoss is on (the default), DecimalType.bounded (and
 * Divide's own integer / fraction split) when it is off.
 */
static const ty *fn_decimal_result(fn_arith_op op, const ty *l, const ty *r, bool allow_loss,
                                   em_arena *a)
{
    int p1 = l->precision, s1 = l->scale, p2 = r->precision, s2 = r->scale;
    const ty *(*fit)(int, int, em_arena *) = allow_loss ? fn_decimal_adjust : fn_decimal_bounded;
    switch (op) {
    case FN_OP_ADD:
    case FN_OP_SUB: {
        int s = fn_imax(s1, s2);
        return fit(fn_imax(p1 - s1, p2 - s2) + s + 1, s, a);
    }
    case FN_OP_MUL:
        return fit(p1 + p2 + 1, s1 + s2, a);
    case FN_OP_DIV: {
        if (!allow_loss) {
            int int_dig = fn_imin(38, p1 - s1 + s2);
            int dec_dig = fn_imin(38, fn_imax(6, s1 + p2 + 1));
            int diff = int_dig + dec_dig - 38;
            if (diff > 0) {
                dec_dig -= diff / 2 + 1;
                int_dig = 38 - dec_dig;
            }
            return fn_decimal_bounded(int_dig + dec_dig, dec_dig, a);
        }
        int int_dig = p1 - s1 + s2;
        int scale = fn_imax(6, s1 + p2 + 1);
        return fn_decimal_adjust(int_dig + scale, scale, a);
    }
    case FN_OP_MOD:
    case FN_OP_PMOD: {
        int s = fn_imax(s1, s2);
        return fit(fn_imin(p1 - s1, p2 - s2) + s, s, a);
    }
    case FN_OP_IDIV: {
        int int_dig = p1 - s1 + s2;
        return fn_decimal_bounded(int_dig == 0 ? 1 : int_dig, 0, a);
    }
    default:
        return l;
    }
}

static int fn_bind_arith_binary(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, fn_arith_op op, em_error *err)
{
    bool ansi = opts && opts->ansi;
    pl_expr *le = call->args[0], *re = call->args[1];
    const ty *L = le->type, *R = re->type;
    if (fn_needs_datetime_rewrite(op, L, R))
        return fn_dt_arith_bind(a, call, opts, fn_arith_op_char(op), err);
    /* string promotion */
    if (ansi) {
        if (ty_is_string(L) || ty_is_string(R)) {
            const ty *t = fn_ansi_string_promotion(L, R);
            if (t) {
                fn_cast_arg(a, call, 0, t);
                fn_cast_arg(a, call, 1, t);
            }
        }
    } else {
        if (ty_is_string(L) && !fn_is_interval(R))
            fn_cast_arg(a, call, 0, ty_double());
        if (ty_is_string(R) && !fn_is_interval(L))
            fn_cast_arg(a, call, 1, ty_double());
    }
    le = call->args[0], re = call->args[1];
    L = le->type, R = re->type;
    if (fn_needs_datetime_rewrite(op, L, R)) /* e.g. date + '1' promotes to date + date */
        return fn_dt_arith_bind(a, call, opts, fn_arith_op_char(op), err);
    /* DecimalPrecision: non-decimal with decimal */
    if (L->kind == TY_DECIMAL && R->kind != TY_DECIMAL) {
        if (ty_is_integral(R))
            fn_cast_arg(a, call, 1,
                        re->kind == PX_LITERAL ? fn_decimal_from_literal(re, a)
                                               : fn_decimal_for(R, a));
        else if (R->kind == TY_FLOAT || R->kind == TY_DOUBLE)
            fn_cast_arg(a, call, 0, ty_double());
    } else if (R->kind == TY_DECIMAL && L->kind != TY_DECIMAL) {
        if (ty_is_integral(L))
            fn_cast_arg(a, call, 0,
                        le->kind == PX_LITERAL ? fn_decimal_from_literal(le, a)
                                               : fn_decimal_for(L, a));
        else if (L->kind == TY_FLOAT || L->kind == TY_DOUBLE)
            fn_cast_arg(a, call, 1, ty_double());
    }
    L = call->args[0]->type, R = call->args[1]->type;
    /* Division: non-decimal numerics to double */
    if (op == FN_OP_DIV && !(L->kind == TY_DECIMAL || L->kind == TY_DOUBLE) &&
        fn_is_numeric_or_null(L) && fn_is_numeric_or_null(R)) {
        fn_cast_arg(a, call, 0, ty_double());
        fn_cast_arg(a, call, 1, ty_double());
    }
    if (op == FN_OP_DIV && L->kind == TY_NULL && R->kind == TY_NULL) {
        fn_cast_arg(a, call, 0, ty_double());
        fn_cast_arg(a, call, 1, ty_double());
    }
    /* IntegralDivision: byte/short/int to bigint */
    if (op == FN_OP_IDIV) {
        for (int i = 0; i < 2; i++) {
            ty_kind k = call->args[i]->type->kind;
            if (k == TY_BYTE || k == TY_SHORT || k == TY_INT)
                fn_cast_arg(a, call, i, ty_long());
        }
    }
    L = call->args[0]->type, R = call->args[1]->type;
    /* ImplicitTypeCasts */
    bool can_handle = (L->kind == TY_DECIMAL && R->kind == TY_NULL) ||
                      (L->kind == TY_NULL && R->kind == TY_DECIMAL) ||
                      (L->kind != TY_DECIMAL && R->kind != TY_DECIMAL && !ty_equals(L, R));
    if (can_handle) {
        const ty *t = fn_tightest_common_type(L, R, ansi, a);
        if (t && (fn_arith_accepts(op, t) || (t->kind == TY_NULL))) {
            fn_cast_arg(a, call, 0, t);
            fn_cast_arg(a, call, 1, t);
        }
    }
    L = call->args[0]->type, R = call->args[1]->type;
    if (L->kind == TY_NULL && R->kind == TY_NULL) {
        /* NULL op NULL: evaluate as double (every row is NULL anyway) */
        const ty *t = op == FN_OP_IDIV ? ty_long() : ty_double();
        fn_cast_arg(a, call, 0, t);
        fn_cast_arg(a, call, 1, t);
        L = R = t;
    }
    bool both_dec = L->kind == TY_DECIMAL && R->kind == TY_DECIMAL;
    if (!both_dec && !ty_equals(L, R))
        return fn_err_binary_diff(call, err);
    if (!fn_arith_accepts(op, L))
        return fn_err_binary_wrong(call, fn_arith_input_type(op), L, err);
    fn_arith_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = op;
    st->ansi = ansi;
    if (both_dec) {
        st->decimal_result =
            fn_decimal_result(op, L, R, !(opts && opts->decimal_no_precision_loss), a);
        call->type = op == FN_OP_IDIV ? ty_long() : st->decimal_result;
    } else {
        call->type = op == FN_OP_IDIV ? ty_long() : L;
    }
    call->fn_state = st;
    bool nullable = call->args[0]->nullable || call->args[1]->nullable;
    if (op == FN_OP_DIV || op == FN_OP_MOD || op == FN_OP_IDIV || op == FN_OP_PMOD)
        nullable = true;
    else if (both_dec && !ansi)
        nullable = true;
    call->nullable = nullable;
    (void)def;
    return EM_OK;
}

static int fn_bind_arith(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    int max = (strcmp(def->name, "-") == 0 || strcmp(def->name, "+") == 0) ? 2 : def->max_args;
    const char *expected =
        def->min_args == def->max_args ? (def->min_args == 1 ? "1" : "2") : "[1, 2]";
    if (fn_check_arity(call, def->min_args, max, expected, err))
        return err->code;
    fn_arith_op op = fn_arith_op_of(def, call->n_args);
    if (call->n_args == 2)
        return fn_bind_arith_binary(def, a, call, opts, op, err);
    bool ansi = opts && opts->ansi;
    pl_expr *e = call->args[0];
    if (ty_is_string(e->type))
        fn_cast_arg(a, call, 0, ty_double());
    else if (e->type->kind == TY_NULL)
        fn_cast_arg(a, call, 0, ty_double());
    e = call->args[0];
    bool ok = ty_is_numeric(e->type) ||
              (op != FN_OP_ABS && e->type->kind == TY_CALENDAR_INTERVAL) ||
              e->type->kind == TY_DAYTIME_INTERVAL || e->type->kind == TY_YEARMONTH_INTERVAL;
    if (!ok) {
        const char *req = op == FN_OP_ABS ? "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or "
                                            "\"INTERVAL YEAR TO MONTH\")"
                                          : "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or "
                                            "\"INTERVAL YEAR TO MONTH\" or \"INTERVAL\")";
        return fn_err_unexpected_input(call, 0, req, err);
    }
    if (!ty_is_numeric(e->type)) /* intervals: fn_interval_arith.c */
        return fn_dt_unary_interval_bind(a, call, opts,
                                         op == FN_OP_NEG   ? '-'
                                         : op == FN_OP_POS ? '+'
                                                           : 'a',
                                         err);
    fn_arith_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->op = op;
    st->ansi = ansi;
    call->fn_state = st;
    call->type = e->type;
    call->nullable = e->nullable;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Kernels                                                                                      */

static const char *fn_try_name(fn_arith_op op)
{
    switch (op) {
    case FN_OP_ADD:
        return "try_add";
    case FN_OP_SUB:
        return "try_subtract";
    case FN_OP_MUL:
        return "try_multiply";
    default:
        return "unknown_function";
    }
}

static const char *fn_op_symbol(fn_arith_op op)
{
    switch (op) {
    case FN_OP_ADD:
        return "+";
    case FN_OP_SUB:
        return "-";
    case FN_OP_MUL:
        return "*";
    default:
        return "?";
    }
}

static int fn_small_overflow(const vec *a, int64_t ra, const vec *b, int64_t rb, fn_arith_op op,
                             em_error *err)
{
    em_str v1, v2;
    em_str_init(&v1, 256);
    em_str_init(&v2, 256);
    ty_sql_value_append(a, ra, NULL, &v1);
    ty_sql_value_append(b, rb, NULL, &v2);
    char fname[64];
    snprintf(fname, sizeof fname, "`%s`", fn_try_name(op));
    int rc = em_error_set(err, "BINARY_ARITHMETIC_OVERFLOW", "value1", v1.data ? v1.data : "",
                          "symbol", fn_op_symbol(op), "value2", v2.data ? v2.data : "",
                          "functionName", fname, NULL);
    em_str_release(&v1);
    em_str_release(&v2);
    return rc;
}

static bool fn_zero_at(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r] == 0;
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r] == 0;
    case TY_INT:
        return VEC_VALUES(v, int32_t)[r] == 0;
    case TY_LONG:
        return VEC_VALUES(v, int64_t)[r] == 0;
    case TY_FLOAT:
        return VEC_VALUES(v, float)[r] == 0;
    case TY_DOUBLE:
        return VEC_VALUES(v, double)[r] == 0;
    case TY_DECIMAL:
        return VEC_VALUES(v, ty_i128)[r] == 0;
    default:
        return false;
    }
}

static int64_t fn_get_i64(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
        return VEC_VALUES(v, int32_t)[r];
    default:
        return VEC_VALUES(v, int64_t)[r];
    }
}

static void fn_put_i64(vec *v, int64_t r, int64_t x)
{
    switch (v->type->kind) {
    case TY_BYTE:
        VEC_VALUES(v, int8_t)[r] = (int8_t)(uint8_t)(uint64_t)x;
        break;
    case TY_SHORT:
        VEC_VALUES(v, int16_t)[r] = (int16_t)(uint16_t)(uint64_t)x;
        break;
    case TY_INT:
        VEC_VALUES(v, int32_t)[r] = (int32_t)(uint32_t)(uint64_t)x;
        break;
    default:
        VEC_VALUES(v, int64_t)[r] = x;
        break;
    }
}

/* Integral + - * with the type's overflow rules. */
static int fn_integral_binary(const fn_arith_state *st, vec *const *args, int64_t n, vec *out,
                              em_error *err)
{
    const vec *a = args[0], *b = args[1];
    ty_kind k = a->type->kind;
    int64_t lo = k == TY_BYTE    ? INT8_MIN
                 : k == TY_SHORT ? INT16_MIN
                 : k == TY_INT   ? INT32_MIN
                                 : INT64_MIN;
    int64_t hi = k == TY_BYTE    ? INT8_MAX
                 : k == TY_SHORT ? INT16_MAX
                 : k == TY_INT   ? INT32_MAX
                                 : INT64_MAX;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(out, r))
            continue;
        int64_t x = fn_get_i64(a, r), y = fn_get_i64(b, r), z;
        bool of;
        if (k == TY_LONG) {
            if (st->op == FN_OP_ADD)
                of = __builtin_add_overflow(x, y, &z);
            else if (st->op == FN_OP_SUB)
                of = __builtin_sub_overflow(x, y, &z);
            else
                of = __builtin_mul_overflow(x, y, &z);
            if (of)
                z = (int64_t)(st->op == FN_OP_ADD   ? (uint64_t)x + (uint64_t)y
                              : st->op == FN_OP_SUB ? (uint64_t)x - (uint64_t)y
                                                    : (uint64_t)x * (uint64_t)y);
        } else {
            z = st->op == FN_OP_ADD ? x + y : st->op == FN_OP_SUB ? x - y : x * y;
            of = z < lo || z > hi;
        }
        if (of && st->ansi) {
            if (k == TY_INT)
                return fn_err_arith_overflow(err, "integer overflow", fn_try_name(st->op));
            if (k == TY_LONG)
                return fn_err_arith_overflow(err, "long overflow", fn_try_name(st->op));
            return fn_small_overflow(a, r, b, r, st->op, err);
        }
        fn_put_i64(out, r, z);
    }
    return EM_OK;
}

static void fn_decimal_plain_result(ty_i128 x, int sx, ty_i128 y, int sy, fn_arith_op op, char *buf)
{
    /* best-effort exact value for the error message */
    ty_i128 z = 0;
    int s = sx > sy ? sx : sy;
    bool ok = false;
    switch (op) {
    case FN_OP_ADD:
        ok = ty_dec_add(x, sx, y, sy, 38, s, &z);
        break;
    case FN_OP_SUB:
        ok = ty_dec_sub(x, sx, y, sy, 38, s, &z);
        break;
    case FN_OP_MUL:
        s = sx + sy > 38 ? 38 : sx + sy;
        ok = ty_dec_mul(x, sx, y, sy, 38, s, &z);
        break;
    default:
        ok = ty_dec_div(x, sx, y, sy, 38, 6, &z);
        s = 6;
        break;
    }
    if (ok)
        ty_dec_to_chars(z, s, true, buf);
    else
        snprintf(buf, 8, "?");
}

static int fn_decimal_binary(const fn_arith_state *st, const pl_expr *call, vec *const *args,
                             int64_t n, vec *out, em_error *err)
{
    const vec *a = args[0], *b = args[1];
    int sa = a->type->scale, sb = b->type->scale;
    const ty *rt = st->decimal_result;
    int p = rt->precision, s = rt->scale;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(out, r))
            continue;
        ty_i128 x = VEC_VALUES(a, ty_i128)[r], y = VEC_VALUES(b, ty_i128)[r], z = 0;
        bool ok;
        switch (st->op) {
        case FN_OP_ADD:
            ok = ty_dec_add(x, sa, y, sb, p, s, &z);
            break;
        case FN_OP_SUB:
            ok = ty_dec_sub(x, sa, y, sb, p, s, &z);
            break;
        case FN_OP_MUL:
            ok = ty_dec_mul(x, sa, y, sb, p, s, &z);
            break;
        case FN_OP_DIV:
        case FN_OP_MOD:
        case FN_OP_PMOD:
        case FN_OP_IDIV:
            if (y == 0) {
                if (st->ansi)
                    return st->op == FN_OP_DIV || st->op == FN_OP_IDIV
                               ? fn_err_divide_by_zero(err)
                               : fn_err_remainder_by_zero(err);
                vec_set_null(out, r);
                continue;
            }
            if (st->op == FN_OP_DIV)
                ok = ty_dec_div(x, sa, y, sb, p, s, &z);
            else if (st->op == FN_OP_MOD)
                ok = ty_dec_rem(x, sa, y, sb, p, s, &z);
            else if (st->op == FN_OP_PMOD)
                ok = ty_dec_pmod(x, sa, y, sb, p, s, &z);
            else
                ok = ty_dec_quot(x, sa, y, sb, &z) && ty_dec_fits(z, p);
            break;
        default:
            ok = false;
        }
        if (!ok) {
            if (st->ansi) {
                char plain[96];
                fn_decimal_plain_result(x, sa, y, sb, st->op, plain);
                return fn_err_decimal_overflow(err, plain, p, s);
            }
            vec_set_null(out, r);
            continue;
        }
        if (st->op == FN_OP_IDIV) {
            bool fits;
            int64_t l = ty_dec_to_long(z, 0, &fits);
            VEC_VALUES(out, int64_t)[r] = l;
        } else {
            VEC_VALUES(out, ty_i128)[r] = z;
        }
    }
    (void)call;
    return EM_OK;
}

static double fn_get_f(const vec *v, int64_t r)
{
    return v->type->kind == TY_FLOAT ? VEC_VALUES(v, float)[r] : VEC_VALUES(v, double)[r];
}

static void fn_put_f(vec *v, int64_t r, double d)
{
    if (v->type->kind == TY_FLOAT)
        VEC_VALUES(v, float)[r] = (float)d;
    else
        VEC_VALUES(v, double)[r] = d;
}

static int fn_divmod(const fn_arith_state *st, vec *const *args, int64_t n, vec *out, em_error *err)
{
    const vec *a = args[0], *b = args[1];
    ty_kind k = a->type->kind;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(out, r))
            continue;
        if (fn_zero_at(b, r)) {
            if (st->ansi)
                return st->op == FN_OP_DIV || st->op == FN_OP_IDIV ? fn_err_divide_by_zero(err)
                                                                   : fn_err_remainder_by_zero(err);
            vec_set_null(out, r);
            continue;
        }
        if (k == TY_FLOAT || k == TY_DOUBLE) {
            double x = fn_get_f(a, r), y = fn_get_f(b, r), z;
            if (st->op == FN_OP_DIV) {
                z = x / y;
            } else if (k == TY_FLOAT) {
                float fz = fmodf((float)x, (float)y);
                if (st->op == FN_OP_PMOD && fz < 0)
                    fz = fmodf(fz + (float)y, (float)y);
                z = fz;
            } else {
                z = fmod(x, y);
                if (st->op == FN_OP_PMOD && z < 0)
                    z = fmod(z + y, y);
            }
            fn_put_f(out, r, z);
            continue;
        }
        int64_t x = fn_get_i64(a, r), y = fn_get_i64(b, r);
        if (st->op == FN_OP_IDIV) {
            if (x == INT64_MIN && y == -1) {
                if (st->ansi)
                    return fn_err_arith_overflow(err, "Overflow in integral divide", "try_divide");
                VEC_VALUES(out, int64_t)[r] = INT64_MIN;
                continue;
            }
            VEC_VALUES(out, int64_t)[r] = x / y;
            continue;
        }
        int64_t m = (y == -1) ? 0 : x % y; /* Java: MIN % -1 == 0 */
        if (st->op == FN_OP_PMOD && m < 0) {
            /* (m + y) % y with the type's wrap-around, as Java evaluates it */
            int64_t s = (int64_t)((uint64_t)m + (uint64_t)y);
            if (k == TY_INT)
                s = (int32_t)(uint32_t)(uint64_t)s;
            else if (k == TY_SHORT)
                s = (int16_t)(uint16_t)(uint64_t)s;
            else if (k == TY_BYTE)
                s = (int8_t)(uint8_t)(uint64_t)s;
            m = (y == -1) ? 0 : s % y;
        }
        fn_put_i64(out, r, m);
    }
    return EM_OK;
}

static int fn_unary(const fn_arith_state *st, vec *const *args, int64_t n, vec *out, em_error *err)
{
    const vec *a = args[0];
    ty_kind k = a->type->kind;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(out, r))
            continue;
        if (st->op == FN_OP_POS) {
            memcpy((char *)out->values + r * ty_fixed_width(a->type),
                   (const char *)a->values + r * ty_fixed_width(a->type),
                   (size_t)ty_fixed_width(a->type));
            continue;
        }
        switch (k) {
        case TY_FLOAT:
        case TY_DOUBLE: {
            double x = fn_get_f(a, r);
            fn_put_f(out, r, st->op == FN_OP_NEG ? -x : fabs(x));
            break;
        }
        case TY_DECIMAL: {
            ty_i128 x = VEC_VALUES(a, ty_i128)[r];
            VEC_VALUES(out, ty_i128)[r] = (st->op == FN_OP_NEG || x < 0) ? -x : x;
            break;
        }
        default: {
            int64_t x = fn_get_i64(a, r);
            bool negate = st->op == FN_OP_NEG || x < 0;
            if (!negate) {
                fn_put_i64(out, r, x);
                break;
            }
            int64_t min = k == TY_BYTE    ? INT8_MIN
                          : k == TY_SHORT ? INT16_MIN
                          : k == TY_INT   ? INT32_MIN
                                          : INT64_MIN;
            if (x == min) {
                if (st->ansi) {
                    const char *msg = k == TY_BYTE    ? "byte overflow"
                                      : k == TY_SHORT ? "short overflow"
                                      : k == TY_INT   ? "integer overflow"
                                                      : "long overflow";
                    return fn_err_arith_overflow(err, msg, NULL);
                }
                fn_put_i64(out, r, x); /* -MIN wraps to MIN */
                break;
            }
            fn_put_i64(out, r, -x);
            break;
        }
        }
    }
    return EM_OK;
}

static int fn_eval_arith(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    const fn_arith_state *st = call->fn_state;
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, call->n_args, n);
    int rc;
    if (call->n_args == 1) {
        rc = fn_unary(st, args, n, o, err);
    } else if (args[0]->type->kind == TY_DECIMAL) {
        rc = fn_decimal_binary(st, call, args, n, o, err);
    } else if (st->op == FN_OP_DIV || st->op == FN_OP_MOD || st->op == FN_OP_IDIV ||
               st->op == FN_OP_PMOD) {
        rc = fn_divmod(st, args, n, o, err);
    } else if (args[0]->type->kind == TY_FLOAT || args[0]->type->kind == TY_DOUBLE) {
        for (int64_t r = 0; r < n; r++) {
            double x = fn_get_f(args[0], r), y = fn_get_f(args[1], r);
            double z = st->op == FN_OP_ADD ? x + y : st->op == FN_OP_SUB ? x - y : x * y;
            if (args[0]->type->kind == TY_FLOAT) {
                float fx = (float)x, fy = (float)y;
                float fz = st->op == FN_OP_ADD ? fx + fy : st->op == FN_OP_SUB ? fx - fy : fx * fy;
                VEC_VALUES(o, float)[r] = fz;
            } else {
                VEC_VALUES(o, double)[r] = z;
            }
        }
        rc = EM_OK;
    } else {
        rc = fn_integral_binary(st, args, n, o, err);
    }
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_ARITH(nm, mn, mx, sym)                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = fn_bind_arith,      \
        .eval = fn_eval_arith, .deterministic = true, .sql_symbol = sym                            \
    }

const fn_def fn_arith_defs[] = {
    FN_ARITH("+", 1, 2, "+"),        FN_ARITH("-", 1, 2, "-"),     FN_ARITH("*", 2, 2, "*"),
    FN_ARITH("/", 2, 2, "/"),        FN_ARITH("%", 2, 2, "%"),     FN_ARITH("mod", 2, 2, NULL),
    FN_ARITH("div", 2, 2, "div"),    FN_ARITH("pmod", 2, 2, NULL), FN_ARITH("negative", 1, 1, "-"),
    FN_ARITH("positive", 1, 1, "+"), FN_ARITH("abs", 1, 1, NULL),
};
const int fn_arith_n_defs = (int)(sizeof fn_arith_defs / sizeof fn_arith_defs[0]);
