/*
 * fn_math: Spark's math functions over doubles and the number-text conversions: the
 * UnaryMathExpression family (sqrt, cbrt, exp, expm1, sin .. atanh, cot, sec, csc, degrees,
 * radians, signum/sign, rint), the logarithms (ln, log10, log2, log1p, log(base, x)), the
 * BinaryMathExpressions (pow/power, atan2, hypot), e(), pi(), factorial, width_bucket, and bin,
 * hex, unhex, conv.
 *
 * Input coercion is ImplicitCastInputTypes: arguments are cast to DOUBLE (numbers and, in both
 * modes, strings) and anything else raises DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE. The formulas
 * are Spark's own where it does not call java.lang.Math directly (acosh, asinh, atanh, log2,
 * cot, sec, csc), so results match to the last bit: acosh(x) = ln(x + sqrt(x*x - 1)), etc.
 * Logarithms return NULL at and below their asymptote (UnaryLogExpression), so they are
 * nullable; NaN passes through.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_misc_int.h"

/* ---- unary double functions ----------------------------------------------------------------- */

/* Correctly rounded in practice (Java's cbrt gives cbrt(27.0) = 3.0; glibc's double cbrt is
   off by one ulp there): computed in extended precision, then rounded once. */
static double fn_math_cbrt(double x)
{
    return (double)cbrtl((long double)x);
}
static double fn_math_cot(double x)
{
    return 1.0 / tan(x);
}
static double fn_math_sec(double x)
{
    return 1.0 / cos(x);
}
static double fn_math_csc(double x)
{
    return 1.0 / sin(x);
}
static double fn_math_acosh(double x)
{
    return fn_fd_log(x + sqrt(x * x - 1.0));
}
static double fn_math_asinh(double x)
{
    return isinf(x) && x < 0 ? x : fn_fd_log(x + sqrt(x * x + 1.0));
}
static double fn_math_atanh(double x)
{
    return 0.5 * (log1p(x) - log1p(-x));
}
static double fn_math_degrees(double x)
{
    return x * 57.29577951308232; /* java.lang.Math.toDegrees (RADIANS_TO_DEGREES) */
}
static double fn_math_radians(double x)
{
    return x * 0.017453292519943295; /* java.lang.Math.toRadians (DEGREES_TO_RADIANS) */
}
static double fn_math_signum(double x)
{
    if (isnan(x) || x == 0)
        return x;
    return x > 0 ? 1.0 : -1.0;
}
static double fn_math_log2(double x)
{
    return fn_fd_log(x) / fn_fd_log(2.0);
}

typedef struct fn_math_unary {
    const char *name;
    double (*f)(double);
    bool is_log; /* NULL at or below `asymptote` */
    double asymptote;
} fn_math_unary;

static const fn_math_unary fn_math_unaries[] = {
    {"sqrt", sqrt, false, 0},
    {"cbrt", fn_math_cbrt, false, 0},
    {"exp", fn_fd_exp, false, 0},
    {"expm1", expm1, false, 0},
    {"sin", sin, false, 0},
    {"cos", cos, false, 0},
    {"tan", tan, false, 0},
    {"asin", asin, false, 0},
    {"acos", acos, false, 0},
    {"atan", atan, false, 0},
    {"sinh", sinh, false, 0},
    {"cosh", cosh, false, 0},
    {"tanh", tanh, false, 0},
    {"asinh", fn_math_asinh, false, 0},
    {"acosh", fn_math_acosh, false, 0},
    {"atanh", fn_math_atanh, false, 0},
    {"cot", fn_math_cot, false, 0},
    {"sec", fn_math_sec, false, 0},
    {"csc", fn_math_csc, false, 0},
    {"degrees", fn_math_degrees, false, 0},
    {"radians", fn_math_radians, false, 0},
    {"signum", fn_math_signum, false, 0},
    {"sign", fn_math_signum, false, 0},
    {"rint", rint, false, 0},
    {"ln", fn_fd_log, true, 0},
    {"log10", fn_fd_log10, true, 0},
    {"log2", fn_math_log2, true, 0},
    {"log1p", log1p, true, -1},
};

static const fn_math_unary *fn_math_unary_of(const char *name)
{
    for (size_t k = 0; k < sizeof fn_math_unaries / sizeof fn_math_unaries[0]; k++)
        if (strcasecmp(fn_math_unaries[k].name, name) == 0)
            return &fn_math_unaries[k];
    return NULL;
}

static int fn_bind_unary(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    const fn_math_unary *u = fn_math_unary_of(def->name);
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    ty_kind k = call->args[0]->type->kind;
    bool interval = k == TY_YEARMONTH_INTERVAL || k == TY_DAYTIME_INTERVAL;
    if (u->f == fn_math_signum && interval) {
        /* Signum: TypeCollection(DOUBLE, INTERVAL YEAR TO MONTH, INTERVAL DAY TO SECOND) */
        call->type = ty_double();
        call->nullable = call->args[0]->nullable;
        return EM_OK;
    }
    if (fn_misc_expect(a, call, 0, FN_W_DOUBLE, opts && opts->ansi, err))
        return u->f == fn_math_signum
                   ? (em_error_clear(err),
                      fn_err_unexpected_input(call, 0,
                                              "(\"DOUBLE\" or \"INTERVAL YEAR TO MONTH\" or "
                                              "\"INTERVAL DAY TO SECOND\")",
                                              err))
                   : err->code;
    call->type = ty_double();
    call->nullable = call->args[0]->nullable || (u && u->is_log);
    return EM_OK;
}

static int fn_eval_unary(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    const fn_math_unary *u = fn_math_unary_of(call->fn->name);
    vec *o = fn_vec_fixed(ty_double(), n);
    fn_propagate_nulls(o, args, 1, n);
    if (args[0]->type->kind != TY_DOUBLE) { /* signum of an interval */
        for (int64_t r = 0; r < n; r++)
            if (!vec_is_null(o, r))
                VEC_VALUES(o, double)[r] = fn_math_signum((double)fn_misc_get_long(args[0], r));
        *out = o;
        return EM_OK;
    }
    const double *x = VEC_VALUES(args[0], double);
    double *y = VEC_VALUES(o, double);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        if (u->is_log && x[r] <= u->asymptote) {
            vec_set_null(o, r);
            continue;
        }
        y[r] = u->f(x[r]);
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- binary double functions ------------------------------------------------------------------
 */

static int fn_bind_binary(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    bool is_log = strcasecmp(def->name, "log") == 0;
    if (fn_check_arity(call, is_log ? 1 : 2, 2, is_log ? "[1, 2]" : "2", err))
        return err->code;
    if (is_log && call->n_args == 1) {
        /* Logarithm(child) is Logarithm(EulerNumber(), child) */
        const fn_def *e = fn_lookup("e");
        pl_expr *en = pl_expr_new(a, PX_CALL, 0);
        en->name = "e";
        en->fn = e;
        en->type = ty_double();
        en->resolved = true;
        pl_expr *x = call->args[0];
        call->n_args = 0;
        fn_misc_add_arg(a, call, en);
        fn_misc_add_arg(a, call, x);
    }
    bool ansi = opts && opts->ansi;
    for (int i = 0; i < 2; i++)
        if (fn_misc_expect(a, call, i, FN_W_DOUBLE, ansi, err))
            return err->code;
    call->type = ty_double();
    call->nullable = is_log || fn_any_nullable(call);
    return EM_OK;
}

static int fn_eval_binary(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const char *name = call->fn->name;
    int op = strcasecmp(name, "log") == 0     ? 0
             : strcasecmp(name, "atan2") == 0 ? 1
             : strcasecmp(name, "hypot") == 0 ? 2
                                              : 3;
    const pl_expr *base = call->args[0];
    bool natural =
        op == 0 && base->kind == PX_CALL && base->fn && strcasecmp(base->fn->name, "e") == 0;
    vec *o = fn_vec_fixed(ty_double(), n);
    fn_propagate_nulls(o, args, 2, n);
    const double *x = VEC_VALUES(args[0], double), *z = VEC_VALUES(args[1], double);
    double *y = VEC_VALUES(o, double);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        switch (op) {
        case 0: /* Logarithm: StrictMath.log(x) / StrictMath.log(base); base E() is log(x) */
            if (x[r] <= 0.0 || z[r] <= 0.0)
                vec_set_null(o, r);
            else
                y[r] = natural ? fn_fd_log(z[r]) : fn_fd_log(z[r]) / fn_fd_log(x[r]);
            break;
        case 1:
            y[r] = atan2(x[r] + 0.0, z[r] + 0.0); /* Atan2 normalises -0.0 */
            break;
        case 2:
            y[r] = hypot(x[r], z[r]);
            break;
        default:
            y[r] = pow(x[r], z[r]);
            break;
        }
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- e(), pi() --------------------------------------------------------------------------------
 */

static int fn_bind_leaf(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 0, 0, "0", err))
        return err->code;
    call->type = ty_double();
    call->nullable = false;
    (void)def;
    (void)a;
    (void)opts;
    return EM_OK;
}

static int fn_eval_leaf(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    double v = strcasecmp(call->fn->name, "e") == 0 ? M_E : M_PI;
    vec *o = fn_vec_fixed(ty_double(), n);
    for (int64_t r = 0; r < n; r++)
        VEC_VALUES(o, double)[r] = v;
    *out = o;
    (void)args;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- factorial --------------------------------------------------------------------------------
 */

static int fn_bind_factorial(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_INT, opts && opts->ansi, err))
        return err->code;
    call->type = ty_long();
    call->nullable = true; /* NULL outside [0, 20] */
    (void)def;
    return EM_OK;
}

static int fn_eval_factorial(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    vec *o = fn_vec_fixed(ty_long(), n);
    fn_propagate_nulls(o, args, 1, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int32_t v = VEC_VALUES(args[0], int32_t)[r];
        if (v < 0 || v > 20) {
            vec_set_null(o, r);
            continue;
        }
        int64_t f = 1;
        for (int32_t k = 2; k <= v; k++)
            f *= k;
        VEC_VALUES(o, int64_t)[r] = f;
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- width_bucket ------------------------------------------------------------------------------
 */

static int fn_bind_width_bucket(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 4, 4, "4", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    /* TypeCollection(DOUBLE, INTERVAL YEAR TO MONTH, INTERVAL DAY TO SECOND) for the first three:
       three intervals of one kind stay intervals (their numbers are compared as doubles) */
    ty_kind k0 = call->args[0]->type->kind;
    bool intervals = (k0 == TY_YEARMONTH_INTERVAL || k0 == TY_DAYTIME_INTERVAL) &&
                     call->args[1]->type->kind == k0 && call->args[2]->type->kind == k0;
    for (int i = 0; i < 3 && !intervals; i++)
        if (fn_misc_expect(a, call, i, FN_W_DOUBLE, ansi, err))
            return err->code;
    if (fn_misc_expect(a, call, 3, FN_W_LONG, ansi, err))
        return err->code;
    call->type = ty_long();
    call->nullable = true;
    (void)def;
    return EM_OK;
}

static int fn_eval_width_bucket(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    vec *o = fn_vec_fixed(ty_long(), n);
    fn_propagate_nulls(o, args, 4, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        double v = fn_misc_get_double(args[0], r), mn = fn_misc_get_double(args[1], r);
        double mx = fn_misc_get_double(args[2], r);
        int64_t nb = VEC_VALUES(args[3], int64_t)[r];
        if (nb <= 0 || nb == INT64_MAX || isnan(v) || mn == mx || isnan(mn) || isinf(mn) ||
            isnan(mx) || isinf(mx)) {
            vec_set_null(o, r);
            continue;
        }
        double lower = fmin(mn, mx), upper = fmax(mn, mx);
        int64_t b;
        if (mn < mx) {
            if (v < lower)
                b = 0;
            else if (v >= upper)
                b = nb + 1;
            else
                b = (int64_t)((double)nb * (v - lower) / (upper - lower)) + 1;
        } else {
            if (v > upper)
                b = 0;
            else if (v <= lower)
                b = nb + 1;
            else
                b = (int64_t)((double)nb * (upper - v) / (upper - lower)) + 1;
        }
        VEC_VALUES(o, int64_t)[r] = b;
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- bin / hex / unhex
 * ---------------------------------------------------------------------------- */

static int fn_bind_bin_hex(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    bool hex = strcasecmp(def->name, "hex") == 0;
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, hex ? FN_W_LONG_BIN_STR : FN_W_LONG, opts && opts->ansi, err))
        return err->code;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    return EM_OK;
}

static const char fn_hex_digits[] = "0123456789ABCDEF";

static int fn_eval_bin_hex(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    bool hex = strcasecmp(call->fn->name, "hex") == 0;
    const vec *v = args[0];
    vec *o = vec_new(ty_string(), n);
    em_str buf;
    em_str_init(&buf, 0);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(v, r)) {
            vec_append_null(o);
            continue;
        }
        em_str_reset(&buf);
        if (v->type->kind == TY_LONG) {
            uint64_t x = (uint64_t)VEC_VALUES(v, int64_t)[r];
            char tmp[65];
            int k = 64;
            tmp[k] = '\0';
            int shift = hex ? 4 : 1;
            uint64_t mask = hex ? 0xF : 1;
            do {
                tmp[--k] = fn_hex_digits[x & mask];
                x >>= shift;
            } while (x);
            em_str_puts(&buf, tmp + k);
        } else {
            int32_t len;
            const char *s = vec_str(v, r, &len);
            for (int32_t k = 0; k < len; k++) {
                unsigned char c = (unsigned char)s[k];
                em_str_putc(&buf, fn_hex_digits[c >> 4]);
                em_str_putc(&buf, fn_hex_digits[c & 0xF]);
            }
        }
        if (vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err)) {
            em_str_release(&buf);
            vec_release(o);
            return err->code;
        }
    }
    em_str_release(&buf);
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_hex_val(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Spark's Hex.unhex: an odd-length input has an implicit leading 0. Returns -1 on a non-hex
   character. */
int fn_math_unhex(const char *s, int32_t len, em_str *out)
{
    int32_t i = 0;
    if (len & 1) {
        int d = fn_hex_val((unsigned char)s[0]);
        if (d < 0)
            return -1;
        em_str_putc(out, (char)d);
        i = 1;
    }
    for (; i + 1 < len; i += 2) {
        int hi = fn_hex_val((unsigned char)s[i]), lo = fn_hex_val((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        em_str_putc(out, (char)((hi << 4) | lo));
    }
    return 0;
}

static int fn_bind_unhex(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_STRING, opts && opts->ansi, err))
        return err->code;
    call->type = ty_binary();
    call->nullable = true;
    (void)def;
    return EM_OK;
}

static int fn_eval_unhex(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    vec *o = vec_new(ty_binary(), n);
    em_str buf;
    em_str_init(&buf, 0);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(args[0], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t len;
        const char *s = vec_str(args[0], r, &len);
        em_str_reset(&buf);
        if (fn_math_unhex(s, len, &buf) < 0) {
            vec_append_null(o);
            continue;
        }
        if (vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err)) {
            em_str_release(&buf);
            vec_release(o);
            return err->code;
        }
    }
    em_str_release(&buf);
    *out = o;
    (void)call;
    (void)ctx;
    return EM_OK;
}

/* ---- conv
 * ----------------------------------------------------------------------------------------- */

static int fn_bind_conv(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_INT, FN_W_INT};
    if (fn_check_arity(call, 3, 3, "3", err) ||
        fn_misc_expect_all(a, call, wants, opts && opts->ansi, err))
        return err->code;
    call->type = ty_string();
    call->nullable = true;
    call->fn_state = fn_misc_state_new(a, opts);
    (void)def;
    return EM_OK;
}

/* Character.digit for ASCII letters and digits. */
static int fn_conv_digit(unsigned char c, int radix)
{
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'z' ? c - 'a' + 10
            : c >= 'A' && c <= 'Z' ? c - 'A' + 10
                                   : -1;
    return d >= 0 && d < radix ? d : -1;
}

/*
 * NumberConverter.convert: the digits are read as an unsigned 64-bit value (stopping at the
 * first invalid digit); a leading '-' negates it for a positive target base; a negative
 * target base prints a signed value. Overflow gives -1 (legacy) or ARITHMETIC_OVERFLOW (ANSI).
 * Returns 1 with the text in out, 0 for NULL, or -1 with err set.
 */
static int fn_conv_one(const char *s, int32_t len, int from, int to, bool ansi, em_str *out,
                       em_error *err)
{
    /* UTF8String.trim: spaces only */
    while (len > 0 && s[0] == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    int ato = to < 0 ? -to : to;
    if (from < 2 || from > 36 || ato < 2 || ato > 36 || len == 0)
        return 0;
    bool negative = s[0] == '-';
    int32_t i = negative ? 1 : 0;
    uint64_t v = 0;
    uint64_t bound = (UINT64_MAX - (uint64_t)from) / (uint64_t)from;
    for (; i < len; i++) {
        int d = fn_conv_digit((unsigned char)s[i], from);
        if (d < 0)
            break;
        if ((int64_t)v < 0 || (v >= bound && (UINT64_MAX - (uint64_t)d) / (uint64_t)from < v)) {
            if (ansi) {
                fn_err_arith_overflow(err, "Overflow in function conv()", NULL);
                return -1;
            }
            v = UINT64_MAX;
            break;
        }
        v = v * (uint64_t)from + (uint64_t)d;
    }
    if (negative && to > 0)
        v = (int64_t)v < 0 ? UINT64_MAX : (uint64_t)(-(int64_t)v);
    bool neg_out = negative;
    if (to < 0 && (int64_t)v < 0) {
        v = (uint64_t)(-(int64_t)v);
        neg_out = true;
    }
    char tmp[70];
    int k = 69;
    tmp[k] = '\0';
    do {
        int d = (int)(v % (uint64_t)ato);
        tmp[--k] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
        v /= (uint64_t)ato;
    } while (v);
    if (neg_out && to < 0)
        tmp[--k] = '-';
    em_str_puts(out, tmp + k);
    return 1;
}

static int fn_eval_conv(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    const fn_misc_state *st = call->fn_state;
    vec *o = vec_new(ty_string(), n);
    em_str buf;
    em_str_init(&buf, 0);
    for (int64_t r = 0; r < n; r++) {
        if (fn_misc_any_null(args, 3, r)) {
            vec_append_null(o);
            continue;
        }
        int32_t len;
        const char *s = vec_str(args[0], r, &len);
        em_str_reset(&buf);
        int rc = fn_conv_one(s, len, VEC_VALUES(args[1], int32_t)[r],
                             VEC_VALUES(args[2], int32_t)[r], st->ansi, &buf, err);
        if (rc == 0) {
            vec_append_null(o);
            continue;
        }
        if (rc != 1 || vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err)) {
            em_str_release(&buf);
            vec_release(o);
            return err->code;
        }
    }
    em_str_release(&buf);
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- table
 * ------------------------------------------------------------------------------------------ */

#define FN_MATH(nm, mn, mx, b, e)                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }
#define FN_UNARY(nm) FN_MATH(nm, 1, 1, fn_bind_unary, fn_eval_unary)

const fn_def fn_math_defs[] = {
    FN_UNARY("sqrt"),
    FN_UNARY("cbrt"),
    FN_UNARY("exp"),
    FN_UNARY("expm1"),
    FN_UNARY("sin"),
    FN_UNARY("cos"),
    FN_UNARY("tan"),
    FN_UNARY("asin"),
    FN_UNARY("acos"),
    FN_UNARY("atan"),
    FN_UNARY("sinh"),
    FN_UNARY("cosh"),
    FN_UNARY("tanh"),
    FN_UNARY("asinh"),
    FN_UNARY("acosh"),
    FN_UNARY("atanh"),
    FN_UNARY("cot"),
    FN_UNARY("sec"),
    FN_UNARY("csc"),
    FN_UNARY("degrees"),
    FN_UNARY("radians"),
    FN_UNARY("signum"),
    FN_UNARY("sign"),
    FN_UNARY("rint"),
    FN_UNARY("ln"),
    FN_UNARY("log10"),
    FN_UNARY("log2"),
    FN_UNARY("log1p"),
    FN_MATH("log", 1, 2, fn_bind_binary, fn_eval_binary),
    FN_MATH("pow", 2, 2, fn_bind_binary, fn_eval_binary),
    FN_MATH("power", 2, 2, fn_bind_binary, fn_eval_binary),
    FN_MATH("atan2", 2, 2, fn_bind_binary, fn_eval_binary),
    FN_MATH("hypot", 2, 2, fn_bind_binary, fn_eval_binary),
    FN_MATH("e", 0, 0, fn_bind_leaf, fn_eval_leaf),
    FN_MATH("pi", 0, 0, fn_bind_leaf, fn_eval_leaf),
    FN_MATH("factorial", 1, 1, fn_bind_factorial, fn_eval_factorial),
    FN_MATH("width_bucket", 4, 4, fn_bind_width_bucket, fn_eval_width_bucket),
    FN_MATH("bin", 1, 1, fn_bind_bin_hex, fn_eval_bin_hex),
    FN_MATH("hex", 1, 1, fn_bind_bin_hex, fn_eval_bin_hex),
    FN_MATH("unhex", 1, 1, fn_bind_unhex, fn_eval_unhex),
    FN_MATH("conv", 3, 3, fn_bind_conv, fn_eval_conv),
};
const int fn_math_n_defs = (int)(sizeof fn_math_defs / sizeof fn_math_defs[0]);
