/*
 * fn_cmp: comparisons == (=) != (<>) < <= > >= and null-safe <=> (Spark's EqualTo, Not(EqualTo),
 * LessThan, ..., EqualNullSafe) and equal_null (EqualNull, replaced by EqualNullSafe).
 *
 * Binding follows Spark's coercion order for BinaryComparison: string promotion (ANSI:
 * AnsiStringPromotionTypeCoercion; legacy: findCommonTypeForBinaryComparison, with string =
 * timestamp comparing as timestamps), DecimalPrecision (two decimals widen to a common decimal;
 * integral literals at minimal precision; decimals with floats compare as doubles), then
 * ImplicitTypeCasts to the tightest common type. Operands must end with the same type
 * (BINARY_OP_DIFF_TYPES otherwise) and be orderable (maps are not).
 *
 * Values compare with Spark's ordering (ty_order.h): NaN = NaN and NaN > everything,
 * -0.0 = 0.0, strings bytewise.
 */
#include <string.h>

#include "functions/fn_int.h"

typedef enum fn_cmp_op {
    FN_CMP_EQ,
    FN_CMP_NE,
    FN_CMP_LT,
    FN_CMP_LE,
    FN_CMP_GT,
    FN_CMP_GE,
    FN_CMP_EQ_NULL_SAFE,
} fn_cmp_op;

static fn_cmp_op fn_cmp_op_of(const char *n)
{
    if (strcmp(n, "==") == 0 || strcmp(n, "=") == 0)
        return FN_CMP_EQ;
    if (strcmp(n, "!=") == 0 || strcmp(n, "<>") == 0)
        return FN_CMP_NE;
    if (strcmp(n, "<") == 0)
        return FN_CMP_LT;
    if (strcmp(n, "<=") == 0)
        return FN_CMP_LE;
    if (strcmp(n, ">") == 0)
        return FN_CMP_GT;
    if (strcmp(n, ">=") == 0)
        return FN_CMP_GE;
    return FN_CMP_EQ_NULL_SAFE;
}

/* integral literal -> decimal(digits, 0) (DataTypeUtils.fromLiteral) */
static const ty *fn_cmp_lit_decimal(const pl_expr *e, em_arena *a)
{
    if (e->kind != PX_LITERAL || !e->lit || vec_is_null(e->lit, 0))
        return fn_decimal_for(e->type, a);
    int64_t v;
    switch (e->type->kind) {
    case TY_BYTE:
        v = VEC_VALUES(e->lit, int8_t)[0];
        break;
    case TY_SHORT:
        v = VEC_VALUES(e->lit, int16_t)[0];
        break;
    case TY_INT:
        v = VEC_VALUES(e->lit, int32_t)[0];
        break;
    default:
        v = VEC_VALUES(e->lit, int64_t)[0];
        break;
    }
    return ty_decimal(a, ty_dec_digits(v), 0);
}

int fn_coerce_comparison(em_arena *a, pl_expr *call, int i, int j, bool ansi, bool eq_only,
                         em_error *err)
{
    const ty *L = call->args[i]->type, *R = call->args[j]->type;
    if (ty_is_string(L) || ty_is_string(R)) {
        const ty *t = NULL;
        if (ansi) {
            t = fn_ansi_string_promotion(L, R);
        } else if (eq_only && ((ty_is_string(L) && R->kind == TY_TIMESTAMP) ||
                               (L->kind == TY_TIMESTAMP && ty_is_string(R)))) {
            t = ty_timestamp();
        } else {
            t = fn_binary_comparison_type(L, R);
        }
        if (t) {
            fn_cast_arg(a, call, i, t);
            fn_cast_arg(a, call, j, t);
        }
    } else if (!ansi && ((L->kind == TY_TIMESTAMP && R->kind == TY_DATE) ||
                         (L->kind == TY_DATE && R->kind == TY_TIMESTAMP))) {
        fn_cast_arg(a, call, i, ty_timestamp());
        fn_cast_arg(a, call, j, ty_timestamp());
    }
    L = call->args[i]->type, R = call->args[j]->type;
    if (L->kind == TY_DECIMAL && R->kind == TY_DECIMAL) {
        if (!ty_equals(L, R)) {
            const ty *w = fn_decimal_wider(L->precision, L->scale, R->precision, R->scale, a);
            fn_cast_arg(a, call, i, w);
            fn_cast_arg(a, call, j, w);
        }
    } else if (L->kind == TY_DECIMAL || R->kind == TY_DECIMAL) {
        int d = L->kind == TY_DECIMAL ? i : j, o = d == i ? j : i;
        const ty *ot = call->args[o]->type;
        if (ty_is_integral(ot))
            fn_cast_arg(a, call, o, fn_cmp_lit_decimal(call->args[o], a));
        else if (ot->kind == TY_FLOAT || ot->kind == TY_DOUBLE)
            fn_cast_arg(a, call, d, ty_double());
        L = call->args[i]->type, R = call->args[j]->type;
        if (L->kind == TY_DECIMAL && R->kind == TY_DECIMAL && !ty_equals(L, R)) {
            const ty *w = fn_decimal_wider(L->precision, L->scale, R->precision, R->scale, a);
            fn_cast_arg(a, call, i, w);
            fn_cast_arg(a, call, j, w);
        }
    }
    L = call->args[i]->type, R = call->args[j]->type;
    if (!ty_equals_ignore_nullability(L, R)) {
        const ty *t = fn_tightest_common_type(L, R, ansi, a);
        if (t) {
            fn_cast_arg(a, call, i, t);
            fn_cast_arg(a, call, j, t);
        }
    }
    L = call->args[i]->type, R = call->args[j]->type;
    if (!ty_equals_ignore_nullability(L, R))
        return fn_err_binary_diff(call, err);
    return EM_OK;
}

static int fn_bind_cmp(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    fn_cmp_op op = fn_cmp_op_of(def->name);
    bool eq = op == FN_CMP_EQ || op == FN_CMP_NE || op == FN_CMP_EQ_NULL_SAFE;
    if (op == FN_CMP_NE) {
        /* a != b is Not(EqualTo(a, b)): type errors name the inner EqualTo */
        pl_expr *inner = pl_expr_new(a, PX_CALL, 2);
        inner->args[0] = call->args[0];
        inner->args[1] = call->args[1];
        inner->name = "=";
        inner->fn = fn_lookup("=");
        int rc = fn_coerce_comparison(a, inner, 0, 1, ansi, eq, err);
        call->args[0] = inner->args[0];
        call->args[1] = inner->args[1];
        if (rc)
            return err->code;
    } else if (fn_coerce_comparison(a, call, 0, 1, ansi, eq, err)) {
        return err->code;
    }
    const ty *t = call->args[0]->type;
    if (!fn_type_orderable(t)) {
        em_str sql, ts;
        em_str_init(&sql, 4096);
        em_str_init(&ts, 1024);
        em_str_putc(&sql, '"');
        fn_expr_sql(call, &sql);
        em_str_putc(&sql, '"');
        em_str_putc(&ts, '"');
        ty_sql(t, &ts);
        em_str_putc(&ts, '"');
        const char *fname = op == FN_CMP_EQ || op == FN_CMP_NE ? "`=`"
                            : op == FN_CMP_EQ_NULL_SAFE        ? "`<=>`"
                            : op == FN_CMP_LT                  ? "`<`"
                            : op == FN_CMP_LE                  ? "`<=`"
                            : op == FN_CMP_GT                  ? "`>`"
                                                               : "`>=`";
        int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "sqlExpr",
                              sql.data ? sql.data : "", "functionName", fname, "dataType",
                              ts.data ? ts.data : "", NULL);
        em_str_release(&sql);
        em_str_release(&ts);
        return rc;
    }
    int *st = em_arena_alloc(a, sizeof *st);
    *st = (int)op;
    call->fn_state = st;
    call->type = ty_boolean();
    call->nullable = op == FN_CMP_EQ_NULL_SAFE ? false : fn_any_nullable(call);
    return EM_OK;
}

static int fn_eval_cmp(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    fn_cmp_op op = (fn_cmp_op) * (const int *)call->fn_state;
    const vec *a = args[0], *b = args[1];
    vec *o = fn_vec_fixed(ty_boolean(), n);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    if (op == FN_CMP_EQ_NULL_SAFE) {
        for (int64_t r = 0; r < n; r++) {
            bool na = fn_is_null(a, r), nb = fn_is_null(b, r);
            res[r] = (na || nb) ? (na && nb) : ty_compare(a, r, b, r) == 0;
        }
        *out = o;
        return EM_OK;
    }
    fn_propagate_nulls(o, args, 2, n);
    if (a->type->kind == TY_NULL || b->type->kind == TY_NULL) {
        *out = o;
        return EM_OK;
    }
#define FN_CMP_LOOP(T)                                                                             \
    do {                                                                                           \
        const T *x = VEC_VALUES(a, T), *y = VEC_VALUES(b, T);                                      \
        switch (op) {                                                                              \
        case FN_CMP_EQ:                                                                            \
            for (int64_t r = 0; r < n; r++)                                                        \
                res[r] = x[r] == y[r];                                                             \
            break;                                                                                 \
        case FN_CMP_NE:                                                                            \
            for (int64_t r = 0; r < n; r++)                                                        \
                res[r] = x[r] != y[r];                                                             \
            break;                                                                                 \
        case FN_CMP_LT:                                                                            \
            for (int64_t r = 0; r < n; r++)                                                        \
                res[r] = x[r] < y[r];                                                              \
            break;                                                                                 \
        case FN_CMP_LE:                                                                            \
            for (int64_t r = 0; r < n; r++)                                                        \
                res[r] = x[r] <= y[r];                                                             \
            break;                                                                                 \
        case FN_CMP_GT:                                                                            \
            for (int64_t r = 0; r < n; r++)                                                        \
                res[r] = x[r] > y[r];                                                              \
            break;                                                                                 \
        default:                                                                                   \
            for (int64_t r = 0; r < n; r++)                                                        \
                res[r] = x[r] >= y[r];                                                             \
            break;                                                                                 \
        }                                                                                          \
    } while (0)
    switch (a->type->kind) {
    case TY_INT:
    case TY_DATE:
        FN_CMP_LOOP(int32_t);
        break;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        FN_CMP_LOOP(int64_t);
        break;
    case TY_SHORT:
        FN_CMP_LOOP(int16_t);
        break;
    case TY_BYTE:
        FN_CMP_LOOP(int8_t);
        break;
    default:
        for (int64_t r = 0; r < n; r++) {
            if (vec_is_null(o, r))
                continue;
            int c = ty_compare(a, r, b, r);
            switch (op) {
            case FN_CMP_EQ:
                res[r] = c == 0;
                break;
            case FN_CMP_NE:
                res[r] = c != 0;
                break;
            case FN_CMP_LT:
                res[r] = c < 0;
                break;
            case FN_CMP_LE:
                res[r] = c <= 0;
                break;
            case FN_CMP_GT:
                res[r] = c > 0;
                break;
            default:
                res[r] = c >= 0;
                break;
            }
        }
        break;
    }
#undef FN_CMP_LOOP
    /* rows that are NULL keep value 0 */
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

#define FN_CMP(nm, sym)                                                                            \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = 2, .bind = fn_bind_cmp,          \
        .eval = fn_eval_cmp, .deterministic = true, .sql_symbol = sym                              \
    }

const fn_def fn_cmp_defs[] = {
    FN_CMP("==", "="),
    FN_CMP("=", "="),
    FN_CMP("!=", NULL),
    FN_CMP("<>", NULL),
    FN_CMP("<", "<"),
    FN_CMP("<=", "<="),
    FN_CMP(">", ">"),
    FN_CMP(">=", ">="),
    FN_CMP("<=>", "<=>"),
    /* EqualNull: RuntimeReplaceable by EqualNullSafe, printed equal_null(a, b) */
    FN_CMP("equal_null", NULL),
};
const int fn_cmp_n_defs = (int)(sizeof fn_cmp_defs / sizeof fn_cmp_defs[0]);
