/*
 * fn_agg: the aggregate functions count, sum, avg/mean, min, max, first/first_value/any_value,
 * last/last_value (Spark's Count, Sum, Average, Min, Max, First, Last).
 *
 * Result types follow Spark: count -> bigint (never NULL); sum of integral -> bigint, of
 * decimal(p,s) -> decimal(min(38,p+10), s), of float/double -> double; avg -> double, or
 * decimal(min(38,p+4), min(38,s+4)) for decimals; min/max/first/last keep the input type.
 * Strings and NULL given to sum/avg are implicitly cast to double (ImplicitCastInputTypes).
 *
 * Overflow: an integral sum that leaves the bigint range raises ARITHMETIC_OVERFLOW ("long
 * overflow", try_add) under ANSI and wraps otherwise; a decimal sum that no longer fits its
 * result type raises NUMERIC_VALUE_OUT_OF_RANGE under ANSI and yields NULL otherwise.
 *
 * States are fixed-size structs; values of min/max/first/last are kept in a one-row vector
 * owned by the state (released by destroy). DISTINCT is applied by the executor, which feeds
 * each distinct argument tuple of a group once.
 *
 * Speed: update() and update_all() pick one tight loop per batch by (aggregate, input type)
 * instead of switching per row (see "Batch kernels"); the generic row loop handles the rest.
 * Decimal sums add in __int128 with a bound check instead of the 256-bit ty_dec_add, and the
 * global (one-group) sum of decimal(p <= 18) inputs adds a batch in int64, folding into the
 * 128-bit sum when int64 would overflow and at the end of the batch. The 38-digit overflow of a
 * decimal sum is sticky and checked at every 128-bit addition; the int64 fold only checks at
 * folds, which differs from checking every row only when a sum comes within 2^63 units of
 * 10^38 and then returns below it (over 10^19 rows of 18 digits).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_int.h"

typedef enum fn_agg_kind {
    FN_AGG_COUNT,
    FN_AGG_SUM,
    FN_AGG_AVG,
    FN_AGG_MIN,
    FN_AGG_MAX,
    FN_AGG_FIRST,
    FN_AGG_LAST,
} fn_agg_kind;

typedef struct fn_agg_info {
    fn_agg_kind kind;
    bool ansi;
    bool ignore_nulls; /* first/last */
    const ty *in_type; /* the (cast) argument type */
} fn_agg_info;

/* The largest unscaled decimal of 38 digits, 10^38 - 1. */
#define FN_AGG_DEC_MAX ((ty_i128)10000000000000000000ULL * (ty_i128)10000000000000000000ULL - 1)

typedef struct fn_agg_state {
    int64_t count;  /* count; avg count; sum "seen" count */
    int64_t lsum;   /* integral sum */
    double dsum;    /* double sum / avg */
    ty_i128 decsum; /* decimal sum / avg */
    bool overflow;  /* decimal sum left 38 digits */
    bool set;       /* min/max/first/last has a value (possibly NULL for first/last) */
    vec *value;     /* min/max/first/last: one row of the input type */
} fn_agg_state;

static fn_agg_kind fn_agg_kind_of(const char *n)
{
    if (strcasecmp(n, "count") == 0)
        return FN_AGG_COUNT;
    if (strcasecmp(n, "sum") == 0)
        return FN_AGG_SUM;
    if (strcasecmp(n, "avg") == 0 || strcasecmp(n, "mean") == 0)
        return FN_AGG_AVG;
    if (strcasecmp(n, "min") == 0)
        return FN_AGG_MIN;
    if (strcasecmp(n, "max") == 0)
        return FN_AGG_MAX;
    if (strcasecmp(n, "last") == 0 || strcasecmp(n, "last_value") == 0)
        return FN_AGG_LAST;
    return FN_AGG_FIRST;
}

static int fn_agg_err_numeric(pl_expr *call, em_error *err)
{
    return fn_err_unexpected_input(call, 0, "\"NUMERIC\" or \"ANSI INTERVAL\"", err);
}

static int fn_bind_agg(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    fn_agg_kind kind = fn_agg_kind_of(def->name);
    fn_agg_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = kind;
    info->ansi = opts && opts->ansi;
    switch (kind) {
    case FN_AGG_COUNT:
        if (call->n_args == 0) /* count.sql.out: spark.sql.legacy.allowParameterlessCount=false */
            return em_error_set(err, "WRONG_NUM_ARGS.WITH_SUGGESTION", "functionName", "`count`",
                                "expectedNum", " >= 1", "actualNum", "0", "legacyNum", "0",
                                "legacyConfKey", "\"spark.sql.legacy.allowParameterlessCount\"",
                                "legacyConfValue", "\"true\"", NULL);
        call->type = ty_long();
        call->nullable = false;
        break;
    case FN_AGG_SUM:
    case FN_AGG_AVG: {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        const ty *t = call->args[0]->type;
        if (ty_is_string(t) || t->kind == TY_NULL)
            fn_cast_arg(a, call, 0, ty_double());
        t = call->args[0]->type;
        if (t->kind == TY_DAYTIME_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL)
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "sum and avg of intervals", NULL);
        if (!ty_is_numeric(t))
            return fn_agg_err_numeric(call, err);
        if (t->kind == TY_DECIMAL) {
            call->type = kind == FN_AGG_SUM ? fn_decimal_bounded(t->precision + 10, t->scale, a)
                                            : fn_decimal_bounded(t->precision + 4, t->scale + 4, a);
        } else if (kind == FN_AGG_SUM && ty_is_integral(t)) {
            call->type = ty_long();
        } else {
            call->type = ty_double();
        }
        call->nullable = true;
        break;
    }
    case FN_AGG_MIN:
    case FN_AGG_MAX: {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        const ty *t = call->args[0]->type;
        if (!fn_type_orderable(t)) {
            em_str sql, ts;
            em_str_init(&sql, 4096);
            em_str_init(&ts, 512);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            em_str_putc(&ts, '"');
            ty_sql(t, &ts);
            em_str_putc(&ts, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "sqlExpr",
                                  sql.data ? sql.data : "", "functionName",
                                  kind == FN_AGG_MIN ? "`min`" : "`max`", "dataType",
                                  ts.data ? ts.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&ts);
            return rc;
        }
        call->type = t;
        call->nullable = true;
        break;
    }
    default: {
        if (fn_check_arity(call, 1, 2, "[1, 2]", err))
            return err->code;
        if (call->n_args == 2) {
            const pl_expr *flag = call->args[1];
            if (flag->kind != PX_LITERAL || flag->type->kind != TY_BOOLEAN ||
                vec_is_null(flag->lit, 0)) {
                em_str sql, isql;
                em_str_init(&sql, 4096);
                em_str_init(&isql, 4096);
                em_str_putc(&sql, '"');
                fn_expr_sql(call, &sql);
                em_str_putc(&sql, '"');
                em_str_putc(&isql, '"');
                fn_expr_sql(flag, &isql);
                em_str_putc(&isql, '"');
                int rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr",
                                      sql.data ? sql.data : "", "paramIndex", "second",
                                      "requiredType", "\"BOOLEAN\"", "inputSql",
                                      isql.data ? isql.data : "", "inputType", "\"BOOLEAN\"", NULL);
                em_str_release(&sql);
                em_str_release(&isql);
                return rc;
            }
            info->ignore_nulls = VEC_VALUES(flag->lit, uint8_t)[0] != 0;
        }
        call->type = call->args[0]->type;
        call->nullable = true;
        break;
    }
    }
    info->in_type = call->n_args ? call->args[0]->type : NULL;
    call->fn_state = info;
    return EM_OK;
}

static int64_t fn_agg_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_state);
}

static void fn_agg_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_state));
    (void)call;
}

static void fn_agg_destroy(const pl_expr *call, void *state)
{
    fn_agg_state *st = state;
    vec_release(st->value);
    st->value = NULL;
    (void)call;
}

/* Replaces the kept value with row r of v (NULL allowed). */
static int fn_agg_keep(fn_agg_state *st, const vec *v, int64_t r, const ty *t, em_error *err)
{
    int w = ty_fixed_width(t);
    if (st->value && w && !fn_is_null(v, r)) {
        memcpy(st->value->values, (const char *)v->values + r * w, (size_t)w);
        vec_set_valid(st->value, 0);
        return EM_OK;
    }
    vec *nv = vec_new(t, 1);
    int rc =
        v->type->kind == TY_NULL ? (vec_append_null(nv), EM_OK) : vec_append_from(nv, v, r, err);
    if (rc) {
        vec_release(nv);
        return rc;
    }
    vec_release(st->value);
    st->value = nv;
    return EM_OK;
}

static int fn_agg_sum_long(const fn_agg_info *info, fn_agg_state *st, int64_t x, em_error *err)
{
    int64_t z;
    if (__builtin_add_overflow(st->lsum, x, &z)) {
        if (info->ansi)
            return fn_err_arith_overflow(err, "long overflow", "try_add");
        z = (int64_t)((uint64_t)st->lsum + (uint64_t)x);
    }
    st->lsum = z;
    return EM_OK;
}

static int64_t fn_agg_get_int(const vec *v, int64_t r)
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

static double fn_agg_get_double(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_FLOAT:
        return VEC_VALUES(v, float)[r];
    case TY_DOUBLE:
        return VEC_VALUES(v, double)[r];
    case TY_DECIMAL:
        return ty_dec_to_double(VEC_VALUES(v, ty_i128)[r], v->type->scale);
    default:
        return (double)fn_agg_get_int(v, r);
    }
}

/* acc += x for decimals of one scale; false (acc unchanged) when the sum leaves 38 digits
   (what ty_dec_add(acc, s, x, s, 38, s) reports, without its 256-bit detour). */
static inline bool fn_agg_dec_add(ty_i128 *acc, ty_i128 x)
{
    ty_i128 z;
    if (__builtin_add_overflow(*acc, x, &z) || z > FN_AGG_DEC_MAX || z < -FN_AGG_DEC_MAX)
        return false;
    *acc = z;
    return true;
}

/* Adds x to a decimal sum state (overflow is sticky). */
static inline void fn_agg_dec_fold(fn_agg_state *st, ty_i128 x)
{
    if (!st->overflow && !fn_agg_dec_add(&st->decsum, x))
        st->overflow = true;
}

/* ---- batch kernels -------------------------------------------------------------------------
 * One loop per (aggregate, input type), chosen once per batch. `states` (one pointer per row,
 * NULL = skip the row) drives grouped updates; `one` (states == NULL) is the single state of a
 * global aggregate, where sums accumulate in locals and are stored once. Every loop performs the
 * generic loop's operations in its row order (floating sums add in the same order), so results
 * are identical. A kernel returns 1 when it handled the batch, 0 when the generic loop must, or
 * -1 with err set. */

#define FN_AGG_VALID(valid, r) (!(valid) || ((valid)[(r) >> 3] >> ((r)&7) & 1))
#define FN_AGG_STATE(r)        (one ? one : (fn_agg_state *)states[r])

static int fn_agg_k_count(const pl_expr *call, void *const *states, fn_agg_state *one,
                          vec *const *args, int64_t n)
{
    if (call->n_args != 1 || args[0]->type->kind == TY_NULL)
        return 0;
    const uint8_t *valid = args[0]->validity;
    if (one) {
        int64_t cnt = 0;
        for (int64_t r = 0; r < n; r++)
            cnt += FN_AGG_VALID(valid, r);
        one->count += cnt;
        return 1;
    }
    for (int64_t r = 0; r < n; r++) {
        fn_agg_state *st = states[r];
        if (st && FN_AGG_VALID(valid, r))
            st->count++;
    }
    return 1;
}

/* sum / avg of decimals: count and a 128-bit sum per state. */
static int fn_agg_k_dec(void *const *states, fn_agg_state *one, const vec *v, int64_t n)
{
    const ty_i128 *vals = VEC_VALUES(v, ty_i128);
    const uint8_t *valid = v->validity;
    if (one && v->type->precision <= 18) {
        /* int64 partial sums: every value is below 10^18 in magnitude */
        int64_t acc = 0, cnt = 0;
        for (int64_t r = 0; r < n; r++) {
            if (!FN_AGG_VALID(valid, r))
                continue;
            int64_t x = (int64_t)vals[r], z;
            cnt++;
            if (__builtin_add_overflow(acc, x, &z)) {
                fn_agg_dec_fold(one, acc);
                z = x;
            }
            acc = z;
        }
        one->count += cnt;
        fn_agg_dec_fold(one, acc);
        return 1;
    }
    for (int64_t r = 0; r < n; r++) {
        fn_agg_state *st = FN_AGG_STATE(r);
        if (!st || !FN_AGG_VALID(valid, r))
            continue;
        st->count++;
        fn_agg_dec_fold(st, vals[r]);
    }
    return 1;
}

/* sum of integral values into bigint (ARITHMETIC_OVERFLOW under ANSI, else wrapping). */
#define FN_AGG_K_SUM_INT(name, ctype)                                                              \
    static int name(const fn_agg_info *info, void *const *states, fn_agg_state *one, const vec *v, \
                    int64_t n, em_error *err)                                                      \
    {                                                                                              \
        const ctype *vals = VEC_VALUES(v, ctype);                                                  \
        const uint8_t *valid = v->validity;                                                        \
        for (int64_t r = 0; r < n; r++) {                                                          \
            fn_agg_state *st = FN_AGG_STATE(r);                                                    \
            if (!st || !FN_AGG_VALID(valid, r))                                                    \
                continue;                                                                          \
            st->count++;                                                                           \
            int64_t z;                                                                             \
            if (__builtin_add_overflow(st->lsum, (int64_t)vals[r], &z)) {                          \
                if (info->ansi)                                                                    \
                    return fn_err_arith_overflow(err, "long overflow", "try_add"), -1;             \
                z = (int64_t)((uint64_t)st->lsum + (uint64_t)(int64_t)vals[r]);                    \
            }                                                                                      \
            st->lsum = z;                                                                          \
        }                                                                                          \
        return 1;                                                                                  \
    }
FN_AGG_K_SUM_INT(fn_agg_k_sum_i8, int8_t)
FN_AGG_K_SUM_INT(fn_agg_k_sum_i16, int16_t)
FN_AGG_K_SUM_INT(fn_agg_k_sum_i32, int32_t)
FN_AGG_K_SUM_INT(fn_agg_k_sum_i64, int64_t)

/* sum / avg into a double: the values of v as doubles, added in row order per state. */
#define FN_AGG_K_SUM_DBL(name, ctype)                                                              \
    static int name(void *const *states, fn_agg_state *one, const vec *v, int64_t n)               \
    {                                                                                              \
        const ctype *vals = VEC_VALUES(v, ctype);                                                  \
        const uint8_t *valid = v->validity;                                                        \
        if (one) {                                                                                 \
            double d = one->dsum;                                                                  \
            int64_t cnt = 0;                                                                       \
            for (int64_t r = 0; r < n; r++)                                                        \
                if (FN_AGG_VALID(valid, r)) {                                                      \
                    d += (double)vals[r];                                                          \
                    cnt++;                                                                         \
                }                                                                                  \
            one->dsum = d;                                                                         \
            one->count += cnt;                                                                     \
            return 1;                                                                              \
        }                                                                                          \
        for (int64_t r = 0; r < n; r++) {                                                          \
            fn_agg_state *st = states[r];                                                          \
            if (!st || !FN_AGG_VALID(valid, r))                                                    \
                continue;                                                                          \
            st->count++;                                                                           \
            st->dsum += (double)vals[r];                                                           \
        }                                                                                          \
        return 1;                                                                                  \
    }
FN_AGG_K_SUM_DBL(fn_agg_k_dbl_i8, int8_t)
FN_AGG_K_SUM_DBL(fn_agg_k_dbl_i16, int16_t)
FN_AGG_K_SUM_DBL(fn_agg_k_dbl_i32, int32_t)
FN_AGG_K_SUM_DBL(fn_agg_k_dbl_i64, int64_t)
FN_AGG_K_SUM_DBL(fn_agg_k_dbl_f32, float)
FN_AGG_K_SUM_DBL(fn_agg_k_dbl_f64, double)

/* min / max of integer-like and decimal values (ordered as plain numbers; one scale per
   column): the kept one-row vector is compared and overwritten in place. */
#define FN_AGG_K_MINMAX(name, ctype)                                                               \
    static int name(const fn_agg_info *info, const pl_expr *call, void *const *states,             \
                    fn_agg_state *one, const vec *v, int64_t n, em_error *err)                     \
    {                                                                                              \
        const ctype *vals = VEC_VALUES(v, ctype);                                                  \
        const uint8_t *valid = v->validity;                                                        \
        bool is_min = info->kind == FN_AGG_MIN;                                                    \
        for (int64_t r = 0; r < n; r++) {                                                          \
            fn_agg_state *st = FN_AGG_STATE(r);                                                    \
            if (!st || !FN_AGG_VALID(valid, r))                                                    \
                continue;                                                                          \
            if (st->set && st->value) {                                                            \
                ctype *cur = VEC_VALUES(st->value, ctype);                                         \
                if (is_min ? vals[r] < *cur : vals[r] > *cur)                                      \
                    *cur = vals[r];                                                                \
                continue;                                                                          \
            }                                                                                      \
            if (fn_agg_keep(st, v, r, call->type, err))                                            \
                return -1;                                                                         \
            st->set = true;                                                                        \
        }                                                                                          \
        return 1;                                                                                  \
    }
FN_AGG_K_MINMAX(fn_agg_k_mm_i8, int8_t)
FN_AGG_K_MINMAX(fn_agg_k_mm_i16, int16_t)
FN_AGG_K_MINMAX(fn_agg_k_mm_i32, int32_t)
FN_AGG_K_MINMAX(fn_agg_k_mm_i64, int64_t)
FN_AGG_K_MINMAX(fn_agg_k_mm_i128, ty_i128)

/* Dispatches a batch to its kernel: 1 handled, 0 not covered, -1 error. */
static int fn_agg_kernel(const pl_expr *call, void *const *states, fn_agg_state *one,
                         vec *const *args, int64_t n, em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    if (info->kind == FN_AGG_COUNT)
        return fn_agg_k_count(call, states, one, args, n);
    if (call->n_args != 1)
        return 0;
    const vec *v = args[0];
    ty_kind k = v->type->kind;
    switch (info->kind) {
    case FN_AGG_SUM:
    case FN_AGG_AVG:
        if (k == TY_DECIMAL)
            return fn_agg_k_dec(states, one, v, n);
        if (info->kind == FN_AGG_SUM) {
            switch (k) {
            case TY_BYTE:
                return fn_agg_k_sum_i8(info, states, one, v, n, err);
            case TY_SHORT:
                return fn_agg_k_sum_i16(info, states, one, v, n, err);
            case TY_INT:
                return fn_agg_k_sum_i32(info, states, one, v, n, err);
            case TY_LONG:
                return fn_agg_k_sum_i64(info, states, one, v, n, err);
            default:
                break;
            }
        }
        switch (k) {
        case TY_BYTE:
            return fn_agg_k_dbl_i8(states, one, v, n);
        case TY_SHORT:
            return fn_agg_k_dbl_i16(states, one, v, n);
        case TY_INT:
            return fn_agg_k_dbl_i32(states, one, v, n);
        case TY_LONG:
            return fn_agg_k_dbl_i64(states, one, v, n);
        case TY_FLOAT:
            return fn_agg_k_dbl_f32(states, one, v, n);
        case TY_DOUBLE:
            return fn_agg_k_dbl_f64(states, one, v, n);
        default:
            return 0;
        }
    case FN_AGG_MIN:
    case FN_AGG_MAX:
        if (v->type != call->type && !ty_equals(v->type, call->type))
            return 0;
        switch (k) {
        case TY_BYTE:
            return fn_agg_k_mm_i8(info, call, states, one, v, n, err);
        case TY_SHORT:
            return fn_agg_k_mm_i16(info, call, states, one, v, n, err);
        case TY_INT:
        case TY_DATE:
            return fn_agg_k_mm_i32(info, call, states, one, v, n, err);
        case TY_LONG:
        case TY_TIMESTAMP:
        case TY_TIMESTAMP_NTZ:
            return fn_agg_k_mm_i64(info, call, states, one, v, n, err);
        case TY_DECIMAL:
            return fn_agg_k_mm_i128(info, call, states, one, v, n, err);
        default:
            return 0;
        }
    default:
        return 0;
    }
}

static int fn_agg_update_generic(const pl_expr *call, void *const *states, vec *const *args,
                                 int64_t n, em_error *err);

static int fn_agg_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                         fn_ctx *ctx, em_error *err)
{
    (void)ctx;
    int rc = fn_agg_kernel(call, states, NULL, args, n, err);
    if (rc != 0)
        return rc < 0 ? err->code : EM_OK;
    return fn_agg_update_generic(call, states, args, n, err);
}

static int fn_agg_update_all(const pl_expr *call, void *state, vec *const *args, int64_t n,
                             fn_ctx *ctx, em_error *err)
{
    (void)ctx;
    int rc = fn_agg_kernel(call, NULL, state, args, n, err);
    if (rc != 0)
        return rc < 0 ? err->code : EM_OK;
    /* the generic loop with the one state pointer repeated */
    void **ptrs = em_malloc((size_t)(n ? n : 1) * sizeof *ptrs);
    for (int64_t r = 0; r < n; r++)
        ptrs[r] = state;
    rc = fn_agg_update_generic(call, ptrs, args, n, err);
    em_free(ptrs);
    return rc;
}

/* The row-at-a-time loop for what no kernel covers. */
static int fn_agg_update_generic(const pl_expr *call, void *const *states, vec *const *args,
                                 int64_t n, em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    for (int64_t r = 0; r < n; r++) {
        fn_agg_state *st = states[r];
        if (!st)
            continue;
        switch (info->kind) {
        case FN_AGG_COUNT: {
            bool any_null = false;
            for (int i = 0; i < call->n_args; i++)
                if (fn_is_null(args[i], r))
                    any_null = true;
            if (!any_null)
                st->count++;
            break;
        }
        case FN_AGG_SUM:
        case FN_AGG_AVG: {
            const vec *v = args[0];
            if (fn_is_null(v, r))
                break;
            st->count++;
            if (v->type->kind == TY_DECIMAL) {
                fn_agg_dec_fold(st, VEC_VALUES(v, ty_i128)[r]);
            } else if (info->kind == FN_AGG_SUM && ty_is_integral(v->type)) {
                if (fn_agg_sum_long(info, st, fn_agg_get_int(v, r), err))
                    return err->code;
            } else {
                st->dsum += fn_agg_get_double(v, r);
            }
            break;
        }
        case FN_AGG_MIN:
        case FN_AGG_MAX: {
            const vec *v = args[0];
            if (fn_is_null(v, r))
                break;
            bool better = !st->set;
            if (!better) {
                int c = ty_compare(v, r, st->value, 0);
                better = info->kind == FN_AGG_MIN ? c < 0 : c > 0;
            }
            if (better) {
                if (fn_agg_keep(st, v, r, call->type, err))
                    return err->code;
                st->set = true;
            }
            break;
        }
        case FN_AGG_FIRST:
        case FN_AGG_LAST: {
            const vec *v = args[0];
            bool null = fn_is_null(v, r);
            if (info->ignore_nulls && null)
                break;
            if (info->kind == FN_AGG_FIRST && st->set)
                break;
            if (fn_agg_keep(st, v, r, call->type, err))
                return err->code;
            st->set = true;
            break;
        }
        }
    }
    return EM_OK;
}

static int fn_agg_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx, em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    fn_agg_state *d = dst;
    const fn_agg_state *s = src;
    switch (info->kind) {
    case FN_AGG_COUNT:
        d->count += s->count;
        break;
    case FN_AGG_SUM:
    case FN_AGG_AVG:
        d->count += s->count;
        d->dsum += s->dsum;
        if (info->in_type && info->in_type->kind == TY_DECIMAL) {
            if (d->overflow || s->overflow || !fn_agg_dec_add(&d->decsum, s->decsum))
                d->overflow = true;
        } else if (info->kind == FN_AGG_SUM && info->in_type && ty_is_integral(info->in_type)) {
            if (fn_agg_sum_long(info, d, s->lsum, err))
                return err->code;
        }
        break;
    case FN_AGG_MIN:
    case FN_AGG_MAX:
        if (s->set) {
            bool better = !d->set;
            if (!better) {
                int c = ty_compare(s->value, 0, d->value, 0);
                better = info->kind == FN_AGG_MIN ? c < 0 : c > 0;
            }
            if (better) {
                if (fn_agg_keep(d, s->value, 0, call->type, err))
                    return err->code;
                d->set = true;
            }
        }
        break;
    case FN_AGG_FIRST:
        if (!d->set && s->set) {
            if (fn_agg_keep(d, s->value, 0, call->type, err))
                return err->code;
            d->set = true;
        }
        break;
    case FN_AGG_LAST:
        if (s->set) {
            if (fn_agg_keep(d, s->value, 0, call->type, err))
                return err->code;
            d->set = true;
        }
        break;
    }
    (void)ctx;
    return EM_OK;
}

static void fn_agg_append_fixed(vec *out, const void *value)
{
    int w = ty_fixed_width(out->type);
    vec_reserve(out, out->len + 1);
    memcpy((char *)out->values + out->len * w, value, (size_t)w);
    vec_set_valid(out, out->len);
    out->len++;
}

static int fn_agg_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                        em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    const fn_agg_state *st = state;
    switch (info->kind) {
    case FN_AGG_COUNT:
        fn_agg_append_fixed(out, &st->count);
        return EM_OK;
    case FN_AGG_SUM:
    case FN_AGG_AVG: {
        if (st->count == 0) {
            vec_append_null(out);
            return EM_OK;
        }
        const ty *rt = call->type;
        if (rt->kind == TY_DECIMAL) {
            int in_s = info->in_type->scale;
            ty_i128 z = 0;
            bool ok = !st->overflow;
            if (ok && info->kind == FN_AGG_SUM)
                ok = ty_dec_change(st->decsum, in_s, rt->precision, rt->scale, &z);
            else if (ok)
                ok = ty_dec_div(st->decsum, in_s, st->count, 0, rt->precision, rt->scale, &z);
            if (!ok) {
                if (info->ansi) {
                    char plain[96];
                    if (st->overflow)
                        snprintf(plain, sizeof plain, "?");
                    else
                        ty_dec_to_chars(st->decsum, in_s, true, plain);
                    return fn_err_decimal_overflow(err, plain, rt->precision, rt->scale);
                }
                vec_append_null(out);
                return EM_OK;
            }
            fn_agg_append_fixed(out, &z);
            return EM_OK;
        }
        if (rt->kind == TY_LONG) {
            fn_agg_append_fixed(out, &st->lsum);
            return EM_OK;
        }
        double d = info->kind == FN_AGG_AVG ? st->dsum / (double)st->count : st->dsum;
        fn_agg_append_fixed(out, &d);
        return EM_OK;
    }
    default:
        if (!st->set || !st->value) {
            vec_append_null(out);
            return EM_OK;
        }
        return vec_append_from(out, st->value, 0, err);
    }
    (void)ctx;
}

static const fn_agg_ops fn_agg_std_ops = {
    .state_size = fn_agg_state_size,
    .init = fn_agg_init,
    .update = fn_agg_update,
    .merge = fn_agg_merge,
    .final = fn_agg_final,
    .destroy = fn_agg_destroy,
    .update_all = fn_agg_update_all,
};

#define FN_AGG(nm, mn, mx, det, pretty)                                                            \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = mn, .max_args = mx, .bind = fn_bind_agg,     \
        .agg = &fn_agg_std_ops, .deterministic = det, .pretty_name = pretty                        \
    }

const fn_def fn_agg_defs[] = {
    FN_AGG("count", 0, -1, true, NULL),      FN_AGG("sum", 1, 1, true, NULL),
    FN_AGG("avg", 1, 1, true, NULL),         FN_AGG("mean", 1, 1, true, NULL),
    FN_AGG("min", 1, 1, true, NULL),         FN_AGG("max", 1, 1, true, NULL),
    FN_AGG("first", 1, 2, false, NULL),      FN_AGG("first_value", 1, 2, false, NULL),
    FN_AGG("any_value", 1, 2, false, NULL),  FN_AGG("last", 1, 2, false, NULL),
    FN_AGG("last_value", 1, 2, false, NULL),
};
const int fn_agg_n_defs = (int)(sizeof fn_agg_defs / sizeof fn_agg_defs[0]);
