/*
 * fn_agg_misc: small fixed-state aggregates: bool_and / every, bool_or / some / any (Spark's
 * BoolAnd / BoolOr, replaced by Min / Max over booleans), bit_and / bit_or / bit_xor
 * (BitAggregate), count_if (Count(NullIf(x, false))), max_by / min_by (MaxMinBy), and the TRY
 * forms of sum and avg, try_sum / try_avg (Sum / Average with EvalMode.TRY).
 *
 * Types: booleans are implicitly cast (strings only under ANSI); bit_* require an integral
 * input (no cast) and keep its type; max_by / min_by keep the value's type and need an
 * orderable ordering type. try_sum: integral -> bigint, decimal(p,s) -> decimal(p+10,s) bounded,
 * intervals keep their type, everything else double. try_avg: decimal(p,s) -> decimal(p+4,s+4),
 * year-month / day-time intervals -> interval year to month / day to second, else double.
 * Overflow in try_sum / try_avg yields NULL, never an error.
 *
 * max_by / min_by keep the winning value and ordering in one-row vectors owned by the state
 * (destroy releases them). On equal orderings the later row wins, as in Spark's update
 * (If(old > new, old, new)).
 */
#include <string.h>
#include <strings.h>

#include "functions/fn_agg_int.h"

typedef enum fn_agg_misc_kind {
    FN_AGG_MISC_BOOL_AND,
    FN_AGG_MISC_BOOL_OR,
    FN_AGG_MISC_BIT_AND,
    FN_AGG_MISC_BIT_OR,
    FN_AGG_MISC_BIT_XOR,
    FN_AGG_MISC_COUNT_IF,
    FN_AGG_MISC_MAX_BY,
    FN_AGG_MISC_MIN_BY,
    FN_AGG_MISC_TRY_SUM,
    FN_AGG_MISC_TRY_AVG,
} fn_agg_misc_kind;

typedef struct fn_agg_misc_info {
    fn_agg_misc_kind kind;
    const ty *in_type; /* try_sum / try_avg: the (cast) input type */
} fn_agg_misc_info;

typedef struct fn_agg_misc_state {
    bool set;      /* a non-NULL input was seen */
    bool overflow; /* try_sum / try_avg: the sum overflowed */
    int64_t count;
    int64_t lval; /* bits, boolean, integral / interval sums */
    double dsum;  /* double sums */
    ty_i128 decsum;
    vec *value; /* max_by / min_by */
    vec *ord;
} fn_agg_misc_state;

static const struct {
    const char *name;
    fn_agg_misc_kind kind;
} fn_agg_misc_names[] = {
    {"bool_and", FN_AGG_MISC_BOOL_AND}, {"every", FN_AGG_MISC_BOOL_AND},
    {"bool_or", FN_AGG_MISC_BOOL_OR},   {"some", FN_AGG_MISC_BOOL_OR},
    {"any", FN_AGG_MISC_BOOL_OR},       {"bit_and", FN_AGG_MISC_BIT_AND},
    {"bit_or", FN_AGG_MISC_BIT_OR},     {"bit_xor", FN_AGG_MISC_BIT_XOR},
    {"count_if", FN_AGG_MISC_COUNT_IF}, {"max_by", FN_AGG_MISC_MAX_BY},
    {"min_by", FN_AGG_MISC_MIN_BY},     {"try_sum", FN_AGG_MISC_TRY_SUM},
    {"try_avg", FN_AGG_MISC_TRY_AVG},
};

static fn_agg_misc_kind fn_agg_misc_kind_of(const char *name)
{
    for (size_t k = 0; k < sizeof fn_agg_misc_names / sizeof fn_agg_misc_names[0]; k++)
        if (strcasecmp(fn_agg_misc_names[k].name, name) == 0)
            return fn_agg_misc_names[k].kind;
    return FN_AGG_MISC_COUNT_IF;
}

static bool fn_agg_misc_is_interval(const ty *t)
{
    return t->kind == TY_YEARMONTH_INTERVAL || t->kind == TY_DAYTIME_INTERVAL;
}

/* try_sum / try_avg: TypeCollection(NumericType, YearMonthIntervalType, DayTimeIntervalType). */
static int fn_agg_misc_bind_try(fn_agg_misc_info *info, em_arena *a, pl_expr *call, bool ansi,
                                em_error *err)
{
    const ty *t = call->args[0]->type;
    if (!fn_agg_misc_is_interval(t) &&
        fn_agg_expect_arg(a, call, 0, FN_AGG_EXPECT_NUMERIC, ansi, err)) {
        /* Sum / Average override the check: TypeUtils.checkForAnsiIntervalOrNumericType */
        em_error_clear(err);
        return fn_err_unexpected_input(call, 0, "\"NUMERIC\" or \"ANSI INTERVAL\"", err);
    }
    t = call->args[0]->type;
    info->in_type = t;
    if (info->kind == FN_AGG_MISC_TRY_SUM) {
        if (t->kind == TY_DECIMAL)
            call->type = fn_decimal_bounded(t->precision + 10, t->scale, a);
        else if (ty_is_integral(t))
            call->type = ty_long();
        else if (fn_agg_misc_is_interval(t))
            call->type = t;
        else
            call->type = ty_double();
    } else {
        if (t->kind == TY_DECIMAL)
            call->type = fn_decimal_bounded(t->precision + 4, t->scale + 4, a);
        else if (t->kind == TY_YEARMONTH_INTERVAL)
            call->type = ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH);
        else if (t->kind == TY_DAYTIME_INTERVAL)
            call->type = ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
        else
            call->type = ty_double();
    }
    return EM_OK;
}

static int fn_agg_misc_bind(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    fn_agg_misc_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = fn_agg_misc_kind_of(def->name);
    bool ansi = opts && opts->ansi;
    int n = def->max_args;
    if (fn_check_arity(call, n, n, n == 1 ? "1" : "2", err))
        return err->code;
    call->nullable = true;
    switch (info->kind) {
    case FN_AGG_MISC_BOOL_AND:
    case FN_AGG_MISC_BOOL_OR:
        if (fn_agg_expect_arg(a, call, 0, FN_AGG_EXPECT_BOOLEAN, ansi, err))
            return err->code;
        call->type = ty_boolean();
        break;
    case FN_AGG_MISC_COUNT_IF:
        if (fn_agg_expect_arg(a, call, 0, FN_AGG_EXPECT_BOOLEAN, ansi, err))
            return err->code;
        call->type = ty_long();
        call->nullable = false;
        break;
    case FN_AGG_MISC_BIT_AND:
    case FN_AGG_MISC_BIT_OR:
    case FN_AGG_MISC_BIT_XOR:
        if (fn_agg_expect_arg(a, call, 0, FN_AGG_EXPECT_INTEGRAL, ansi, err))
            return err->code;
        call->type = call->args[0]->type;
        break;
    case FN_AGG_MISC_MAX_BY:
    case FN_AGG_MISC_MIN_BY:
        /* TypeUtils.checkForOrderingExpr on the ordering */
        if (!fn_type_orderable(call->args[1]->type))
            return fn_agg_err_ordering(call, call->args[1]->type, err);
        call->type = call->args[0]->type;
        break;
    case FN_AGG_MISC_TRY_SUM:
    case FN_AGG_MISC_TRY_AVG:
        if (fn_agg_misc_bind_try(info, a, call, ansi, err))
            return err->code;
        break;
    }
    call->fn_state = info;
    return EM_OK;
}

static int64_t fn_agg_misc_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_misc_state);
}

static void fn_agg_misc_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_misc_state));
    (void)call;
}

static void fn_agg_misc_destroy(const pl_expr *call, void *state)
{
    fn_agg_misc_state *st = state;
    vec_release(st->value);
    vec_release(st->ord);
    st->value = st->ord = NULL;
    (void)call;
}

/* Adds one non-NULL input (of in_type) to a TRY sum; overflow is sticky. */
static void fn_agg_misc_try_add(const fn_agg_misc_info *info, fn_agg_misc_state *st, const vec *v,
                                int64_t r)
{
    const ty *t = info->in_type;
    st->count++;
    st->set = true;
    if (st->overflow)
        return;
    if (t->kind == TY_DECIMAL) {
        ty_i128 z;
        if (ty_dec_add(st->decsum, t->scale, VEC_VALUES(v, ty_i128)[r], t->scale, 38, t->scale, &z))
            st->decsum = z;
        else
            st->overflow = true;
    } else if (t->kind == TY_YEARMONTH_INTERVAL) {
        int64_t z = st->lval + VEC_VALUES(v, int32_t)[r];
        if (z > INT32_MAX || z < INT32_MIN)
            st->overflow = true;
        else
            st->lval = z;
    } else if (ty_is_integral(t) && info->kind == FN_AGG_MISC_TRY_SUM) {
        if (__builtin_add_overflow(st->lval, fn_agg_long_at(v, r), &st->lval))
            st->overflow = true;
    } else if (t->kind == TY_DAYTIME_INTERVAL) {
        if (__builtin_add_overflow(st->lval, VEC_VALUES(v, int64_t)[r], &st->lval))
            st->overflow = true;
    } else {
        st->dsum += fn_agg_double_at(v, r);
    }
}

/* max_by / min_by: takes (value, ordering) row r of the pair when its ordering wins. */
static int fn_agg_misc_by_offer(const pl_expr *call, fn_agg_misc_state *st, const vec *val,
                                int64_t rv, const vec *ord, int64_t ro, em_error *err)
{
    const fn_agg_misc_info *info = call->fn_state;
    if (fn_is_null(ord, ro))
        return EM_OK;
    if (st->set) {
        int c = ty_compare(st->ord, 0, ord, ro);
        bool keep_old = info->kind == FN_AGG_MISC_MAX_BY ? c > 0 : c < 0;
        if (keep_old)
            return EM_OK;
    }
    if (fn_agg_hold(&st->value, call->type, val, rv, err) ||
        fn_agg_hold(&st->ord, call->args[1]->type, ord, ro, err))
        return err->code;
    st->set = true;
    return EM_OK;
}

static int fn_agg_misc_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                              fn_ctx *ctx, em_error *err)
{
    const fn_agg_misc_info *info = call->fn_state;
    const vec *v = args[0];
    for (int64_t r = 0; r < n; r++) {
        fn_agg_misc_state *st = states[r];
        if (!st)
            continue;
        if (info->kind == FN_AGG_MISC_MAX_BY || info->kind == FN_AGG_MISC_MIN_BY) {
            if (fn_agg_misc_by_offer(call, st, v, r, args[1], r, err))
                return err->code;
            continue;
        }
        if (fn_is_null(v, r))
            continue;
        switch (info->kind) {
        case FN_AGG_MISC_BOOL_AND:
            st->lval =
                st->set ? (st->lval && VEC_VALUES(v, uint8_t)[r]) : VEC_VALUES(v, uint8_t)[r];
            st->set = true;
            break;
        case FN_AGG_MISC_BOOL_OR:
            st->lval =
                st->set ? (st->lval || VEC_VALUES(v, uint8_t)[r]) : VEC_VALUES(v, uint8_t)[r];
            st->set = true;
            break;
        case FN_AGG_MISC_COUNT_IF:
            if (VEC_VALUES(v, uint8_t)[r])
                st->count++;
            break;
        case FN_AGG_MISC_BIT_AND:
            st->lval = st->set ? (st->lval & fn_agg_long_at(v, r)) : fn_agg_long_at(v, r);
            st->set = true;
            break;
        case FN_AGG_MISC_BIT_OR:
            st->lval |= fn_agg_long_at(v, r);
            st->set = true;
            break;
        case FN_AGG_MISC_BIT_XOR:
            st->lval ^= fn_agg_long_at(v, r);
            st->set = true;
            break;
        case FN_AGG_MISC_TRY_SUM:
        case FN_AGG_MISC_TRY_AVG:
            fn_agg_misc_try_add(info, st, v, r);
            break;
        default:
            break;
        }
    }
    (void)ctx;
    return EM_OK;
}

static int fn_agg_misc_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_misc_info *info = call->fn_state;
    fn_agg_misc_state *d = dst;
    const fn_agg_misc_state *s = src;
    switch (info->kind) {
    case FN_AGG_MISC_MAX_BY:
    case FN_AGG_MISC_MIN_BY:
        if (s->set && s->ord)
            return fn_agg_misc_by_offer(call, d, s->value, 0, s->ord, 0, err);
        return EM_OK;
    case FN_AGG_MISC_COUNT_IF:
        d->count += s->count;
        return EM_OK;
    case FN_AGG_MISC_TRY_SUM:
    case FN_AGG_MISC_TRY_AVG: {
        if (!s->set)
            return EM_OK;
        const ty *t = info->in_type;
        d->count += s->count;
        bool was_set = d->set;
        d->set = true;
        if (!was_set) {
            d->overflow = s->overflow;
            d->lval = s->lval;
            d->dsum = s->dsum;
            d->decsum = s->decsum;
            return EM_OK;
        }
        if (d->overflow || s->overflow) {
            d->overflow = true;
            return EM_OK;
        }
        if (t->kind == TY_DECIMAL) {
            ty_i128 z;
            if (ty_dec_add(d->decsum, t->scale, s->decsum, t->scale, 38, t->scale, &z))
                d->decsum = z;
            else
                d->overflow = true;
        } else if (t->kind == TY_YEARMONTH_INTERVAL) {
            int64_t z = d->lval + s->lval;
            if (z > INT32_MAX || z < INT32_MIN)
                d->overflow = true;
            else
                d->lval = z;
        } else if ((ty_is_integral(t) && info->kind == FN_AGG_MISC_TRY_SUM) ||
                   t->kind == TY_DAYTIME_INTERVAL) {
            if (__builtin_add_overflow(d->lval, s->lval, &d->lval))
                d->overflow = true;
        } else {
            d->dsum += s->dsum;
        }
        return EM_OK;
    }
    default:
        break;
    }
    if (!s->set)
        return EM_OK;
    if (!d->set) {
        d->lval = s->lval;
        d->set = true;
        return EM_OK;
    }
    switch (info->kind) {
    case FN_AGG_MISC_BOOL_AND:
        d->lval = d->lval && s->lval;
        break;
    case FN_AGG_MISC_BOOL_OR:
        d->lval = d->lval || s->lval;
        break;
    case FN_AGG_MISC_BIT_AND:
        d->lval &= s->lval;
        break;
    case FN_AGG_MISC_BIT_OR:
        d->lval |= s->lval;
        break;
    case FN_AGG_MISC_BIT_XOR:
        d->lval ^= s->lval;
        break;
    default:
        break;
    }
    (void)ctx;
    return EM_OK;
}

/* Guava LongMath.divide(x, n, HALF_UP) for n > 0. */
static int64_t fn_agg_misc_div_half_up(int64_t x, int64_t n)
{
    int64_t q = x / n, rem = x % n;
    if (rem == 0)
        return q;
    int64_t abs_rem = rem < 0 ? -rem : rem;
    if (abs_rem >= n - abs_rem) /* |rem| >= n / 2, rounding half away from zero */
        q += x < 0 ? -1 : 1;
    return q;
}

static int fn_agg_misc_final_try(const pl_expr *call, const fn_agg_misc_state *st, vec *out)
{
    const fn_agg_misc_info *info = call->fn_state;
    const ty *t = info->in_type;
    if (!st->set || st->overflow) {
        vec_append_null(out);
        return EM_OK;
    }
    const ty *rt = call->type;
    if (rt->kind == TY_DECIMAL) {
        ty_i128 z = 0;
        bool ok;
        if (info->kind == FN_AGG_MISC_TRY_SUM) {
            ok = ty_dec_change(st->decsum, t->scale, rt->precision, rt->scale, &z);
        } else {
            /* the sum buffer is decimal(p+10, s): a sum that does not fit it is NULL */
            int sum_p = t->precision + 10 > 38 ? 38 : t->precision + 10;
            ok = ty_dec_fits(st->decsum, sum_p) &&
                 ty_dec_div(st->decsum, t->scale, st->count, 0, rt->precision, rt->scale, &z);
        }
        if (!ok)
            vec_append_null(out);
        else
            fn_agg_put_fixed(out, &z);
        return EM_OK;
    }
    if (rt->kind == TY_YEARMONTH_INTERVAL) {
        int32_t m = (int32_t)(info->kind == FN_AGG_MISC_TRY_SUM
                                  ? st->lval
                                  : fn_agg_misc_div_half_up(st->lval, st->count));
        fn_agg_put_fixed(out, &m);
        return EM_OK;
    }
    if (rt->kind == TY_DAYTIME_INTERVAL) {
        int64_t us = info->kind == FN_AGG_MISC_TRY_SUM
                         ? st->lval
                         : fn_agg_misc_div_half_up(st->lval, st->count);
        fn_agg_put_long(out, us);
        return EM_OK;
    }
    if (rt->kind == TY_LONG) {
        fn_agg_put_long(out, st->lval);
        return EM_OK;
    }
    double d = info->kind == FN_AGG_MISC_TRY_SUM ? st->dsum : st->dsum / (double)st->count;
    fn_agg_put_double(out, d);
    return EM_OK;
}

static int fn_agg_misc_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_misc_info *info = call->fn_state;
    const fn_agg_misc_state *st = state;
    (void)ctx;
    switch (info->kind) {
    case FN_AGG_MISC_COUNT_IF:
        fn_agg_put_long(out, st->count);
        return EM_OK;
    case FN_AGG_MISC_MAX_BY:
    case FN_AGG_MISC_MIN_BY:
        if (!st->set || !st->value) {
            vec_append_null(out);
            return EM_OK;
        }
        return vec_append_from(out, st->value, 0, err);
    case FN_AGG_MISC_TRY_SUM:
    case FN_AGG_MISC_TRY_AVG:
        return fn_agg_misc_final_try(call, st, out);
    case FN_AGG_MISC_BOOL_AND:
    case FN_AGG_MISC_BOOL_OR:
        if (!st->set) {
            vec_append_null(out);
            return EM_OK;
        }
        {
            uint8_t b = st->lval != 0;
            fn_agg_put_fixed(out, &b);
        }
        return EM_OK;
    default:
        if (!st->set)
            vec_append_null(out);
        else
            fn_agg_put_integral(out, st->lval);
        return EM_OK;
    }
}

static const fn_agg_ops fn_agg_misc_ops = {
    .state_size = fn_agg_misc_state_size,
    .init = fn_agg_misc_init,
    .update = fn_agg_misc_update,
    .merge = fn_agg_misc_merge,
    .final = fn_agg_misc_final,
    .destroy = fn_agg_misc_destroy,
};

#define FN_AGG_MISC(nm, n)                                                                         \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = n, .max_args = n, .bind = fn_agg_misc_bind,  \
        .agg = &fn_agg_misc_ops, .deterministic = true                                             \
    }

const fn_def fn_agg_misc_defs[] = {
    FN_AGG_MISC("bool_and", 1), FN_AGG_MISC("every", 1),   FN_AGG_MISC("bool_or", 1),
    FN_AGG_MISC("some", 1),     FN_AGG_MISC("any", 1),     FN_AGG_MISC("bit_and", 1),
    FN_AGG_MISC("bit_or", 1),   FN_AGG_MISC("bit_xor", 1), FN_AGG_MISC("count_if", 1),
    FN_AGG_MISC("max_by", 2),   FN_AGG_MISC("min_by", 2),  FN_AGG_MISC("try_sum", 1),
    FN_AGG_MISC("try_avg", 1),
};
const int fn_agg_misc_n_defs = (int)(sizeof fn_agg_misc_defs / sizeof fn_agg_misc_defs[0]);
