/*
 * fn_misc_extra: small scalar functions without a larger family: quote (Quote), the bitmap
 * position helpers bitmap_bucket_number / bitmap_bit_position / bitmap_count
 * (BitmapExpressionUtils, with 4096-byte bitmaps of 32768 bits as bitmap_construct_agg
 * builds them), collation (the fully qualified collation name; every string is UTF8_BINARY),
 * uniform (Uniform: RuntimeReplaceable by cast(min + (max - min) * rand(seed) as
 * the wider input type)). The session functions current_catalog / current_database /
 * current_schema are in fn_session.c.
 *
 * All but uniform are deterministic and strict (a NULL argument gives NULL); arguments are coerced
 * with fn_misc_expect as Spark's ImplicitCastInputTypes does.
 */
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"

/* Bits in one bitmap (BitmapExpressionUtils.NUM_BITS: 8 * 4096). */
#define FN_MX_BITMAP_BITS 32768

/* ---- quote --------------------------------------------------------------------------------- */

static int fn_bind_quote(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_STRING, opts && opts->ansi, err))
        return err->code;
    call->type = ty_string();
    call->nullable = fn_any_nullable(call);
    return EM_OK;
}

/* ExpressionImplUtils.quote: ' + str with every ' preceded by a backslash + ' (backslashes
   themselves are kept as they are). */
static int fn_row_quote(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                        em_error *err)
{
    (void)call;
    (void)null;
    (void)err;
    int32_t len;
    const char *s = vec_str(args[0], r, &len);
    em_str_putc(buf, '\'');
    for (int32_t k = 0; k < len; k++) {
        if (s[k] == '\'')
            em_str_putc(buf, '\\');
        em_str_putc(buf, s[k]);
    }
    em_str_putc(buf, '\'');
    return EM_OK;
}

static int fn_eval_quote(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_quote, out, err);
}

/* ---- bitmap helpers ------------------------------------------------------------------------ */

static int fn_bind_bitmap(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    if (strcasecmp(def->name, "bitmap_count") == 0) {
        /* BitmapCount.checkInputDataTypes: exactly BINARY, no implicit cast */
        if (call->args[0]->type->kind != TY_BINARY)
            return fn_err_unexpected_input(call, 0, "\"BINARY\"", err);
    } else if (fn_misc_expect(a, call, 0, FN_W_LONG, opts && opts->ansi, err)) {
        return err->code;
    }
    call->type = ty_long();
    call->nullable = fn_any_nullable(call);
    return EM_OK;
}

static int fn_row_bitmap(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                         em_error *err)
{
    (void)null;
    (void)err;
    const char *name = call->fn->name;
    if (strcasecmp(name, "bitmap_count") == 0) {
        int32_t len;
        const unsigned char *b = (const unsigned char *)vec_str(args[0], r, &len);
        int64_t count = 0;
        for (int32_t k = 0; k < len; k++)
            count += __builtin_popcount(b[k]);
        *val = count;
        return EM_OK;
    }
    int64_t v = VEC_VALUES(args[0], int64_t)[r];
    if (strcasecmp(name, "bitmap_bucket_number") == 0)
        *val = v > 0 ? 1 + (v - 1) / FN_MX_BITMAP_BITS : v / FN_MX_BITMAP_BITS;
    else /* bitmap_bit_position; -v of INT64_MIN wraps as in Java, then % keeps it in range */
        *val = v > 0 ? (v - 1) % FN_MX_BITMAP_BITS : (int64_t)(0 - (uint64_t)v) % FN_MX_BITMAP_BITS;
    return EM_OK;
}

static int fn_eval_bitmap(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_bitmap, out, err);
}

/* The string the bind step left in fn_state, on every row. */
static int fn_eval_state_string(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    (void)args;
    (void)ctx;
    const char *value = call->fn_state;
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++)
        if (vec_append_str(o, value, (int64_t)strlen(value), err)) {
            vec_release(o);
            return err->code;
        }
    *out = o;
    return EM_OK;
}

/* ---- collation ------------------------------------------------------------------------------ */

/* Collation: the fully qualified collation name of a string expression (Ember's strings are all
   UTF8_BINARY); ExpectsInputTypes(StringType) otherwise. */
static int fn_bind_collation(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    (void)def;
    (void)opts;
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    if (!ty_is_string(call->args[0]->type))
        return fn_err_unexpected_input(call, 0, "\"STRING\"", err);
    call->fn_state = em_arena_strdup(a, "SYSTEM.BUILTIN.UTF8_BINARY");
    call->type = ty_string();
    call->nullable = false;
    return EM_OK;
}

/* ---- uniform ------------------------------------------------------------------------------- */

static int fn_mx_rank(ty_kind k)
{
    return k == TY_BYTE ? 1 : k == TY_SHORT ? 2 : k == TY_INT ? 3 : 4;
}

/* Uniform.dataType: the wider integral type, else DOUBLE / FLOAT, else the wider decimal. */
static const ty *fn_mx_uniform_type(const ty *l, const ty *r)
{
    if (ty_is_integral(l) && ty_is_integral(r))
        return fn_mx_rank(r->kind) > fn_mx_rank(l->kind) ? r : l;
    if (l->kind == TY_DOUBLE || r->kind == TY_DOUBLE)
        return ty_double();
    if (l->kind == TY_FLOAT || r->kind == TY_FLOAT)
        return ty_float();
    if (l->kind == TY_DECIMAL && r->kind == TY_DECIMAL) {
        /* DecimalType.isWiderThan: more integer digits and more fraction digits */
        bool wider = l->precision - l->scale >= r->precision - r->scale && l->scale >= r->scale;
        return wider ? l : r;
    }
    return r->kind == TY_DECIMAL ? r : l;
}

static int fn_bind_uniform(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    /* ExpectsInputTypes (NumericType, NumericType, INT or BIGINT), then foldable arguments */
    for (int k = 0; k < call->n_args; k++) {
        const ty *t = call->args[k]->type;
        bool ok = k < 2 ? ty_is_numeric(t) : t->kind == TY_INT || t->kind == TY_LONG;
        if (!ok)
            return fn_err_unexpected_input(call, k,
                                           k < 2 ? "\"NUMERIC\"" : "(\"INT\" or \"BIGINT\")", err);
    }
    static const char *const names[] = {"min", "max", "seed"};
    for (int k = 0; k < call->n_args; k++)
        if (!fn_misc_foldable(call->args[k])) {
            em_str q;
            em_str_init(&q, 0);
            em_str_putc(&q, '"');
            fn_expr_sql(call->args[k], &q);
            em_str_putc(&q, '"');
            em_str sq;
            em_str_init(&sq, 0);
            em_str_putc(&sq, '"');
            fn_expr_sql(call, &sq);
            em_str_putc(&sq, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "inputName",
                                  em_arena_printf(a, "`%s`", names[k]), "inputType",
                                  "integer or floating-point", "inputExpr",
                                  em_arena_strndup(a, q.data, q.len), "sqlExpr",
                                  em_arena_strndup(a, sq.data, sq.len), NULL);
            em_str_release(&q);
            em_str_release(&sq);
            return rc;
        }
    const ty *rt = fn_mx_uniform_type(call->args[0]->type, call->args[1]->type);
    pl_expr *lo = fn_cast_new(a, fn_misc_arg_ref(a, call, 0), ty_double());
    pl_expr *hi = fn_cast_new(a, fn_misc_arg_ref(a, call, 1), ty_double());
    pl_expr *seed[1] = {call->n_args == 3 ? call->args[2] : NULL};
    pl_expr *rnd = fn_misc_bind_call(a, "rand", call->n_args == 3 ? 1 : 0, seed, opts, err);
    if (!rnd)
        return err->code;
    pl_expr *diff_args[2] = {hi, lo};
    pl_expr *diff = fn_misc_bind_call(a, "-", 2, diff_args, opts, err);
    pl_expr *mul_args[2] = {diff, rnd};
    pl_expr *mul = diff ? fn_misc_bind_call(a, "*", 2, mul_args, opts, err) : NULL;
    pl_expr *lo2 = fn_cast_new(a, fn_misc_arg_ref(a, call, 0), ty_double());
    pl_expr *add_args[2] = {lo2, mul};
    pl_expr *sum = mul ? fn_misc_bind_call(a, "+", 2, add_args, opts, err) : NULL;
    if (!sum)
        return err->code;
    call->fn_state = fn_cast_new(a, sum, rt);
    call->type = rt;
    call->nullable = false;
    return EM_OK;
}

static int fn_eval_uniform(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    return fn_misc_eval_tree(call->fn_state, args, n, ctx, out, err);
}

#define FN_MX(nm, mn, mx, b, e)                                                                    \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_misc_extra_defs[] = {
    FN_MX("quote", 1, 1, fn_bind_quote, fn_eval_quote),
    FN_MX("bitmap_bucket_number", 1, 1, fn_bind_bitmap, fn_eval_bitmap),
    FN_MX("bitmap_bit_position", 1, 1, fn_bind_bitmap, fn_eval_bitmap),
    FN_MX("bitmap_count", 1, 1, fn_bind_bitmap, fn_eval_bitmap),
    FN_MX("collation", 1, 1, fn_bind_collation, fn_eval_state_string),
    {.name = "uniform",
     .kind = FN_SCALAR,
     .min_args = 2,
     .max_args = 3,
     .bind = fn_bind_uniform,
     .eval = fn_eval_uniform,
     .deterministic = false},
};
const int fn_misc_extra_n_defs = (int)(sizeof fn_misc_extra_defs / sizeof fn_misc_extra_defs[0]);
